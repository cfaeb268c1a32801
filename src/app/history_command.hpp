// `boardpack history [--history FILE]`: the packs a history database holds.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdio>
#include <string>

namespace bp::app {

struct HistoryCommand {
    std::string file = "history.sqlite";
    CLI::App* cmd = nullptr;
};
void add_history_command(CLI::App& app, HistoryCommand& c);
// 0: listed (an empty history too); 2: no such file, or not a readable boardpack history.
int run_history(const HistoryCommand& c, std::FILE* out);

}  // namespace bp::app
