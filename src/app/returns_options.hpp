// The submission tracker's command-line side (build, batch): --returns-list
// FILE and --received FILE=YYYY-MM-DD (docs/submission-tracker.md).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "check/returns_list.hpp"
#include "util/result.hpp"

namespace bp::app {

struct ReturnsFlags {
    std::optional<std::string> list;    // --returns-list FILE
    std::vector<std::string> received;  // --received FILE=YYYY-MM-DD, repeatable
};

void add_returns_options(CLI::App& cmd, ReturnsFlags& flags);

// The list --returns-list names, with the --received dates checked and added;
// null without --returns-list (and then --received is an error).
Result<std::shared_ptr<const check::ReturnsList>> returns_list_for(const ReturnsFlags& flags);

// A --received naming no input of the pack: the message to refuse it with.
std::optional<std::string> unknown_received(const check::ReturnsList& list, const std::vector<std::string>& files);

}  // namespace bp::app
