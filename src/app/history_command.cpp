#include "app/history_command.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "history/store.hpp"
#include "history/words.hpp"

namespace bp::app {

void add_history_command(CLI::App& app, HistoryCommand& c) {
    c.cmd = app.add_subcommand("history", "List the packs a history database holds (pack, period, report date, ...)");
    c.cmd->add_option("--history", c.file, "The history database (build keeps it beside the output folder)")
        ->capture_default_str()
        ->type_name("FILE");
}

int run_history(const HistoryCommand& c, std::FILE* out) {
    std::error_code ec;
    if (!std::filesystem::exists(c.file, ec)) {
        fmt::print(stderr,
                   "boardpack: {} does not exist: no pack was recorded there (build keeps history.sqlite beside "
                   "the output folder, e.g. out/history.sqlite for --out out/pack): give --history FILE\n",
                   c.file);
        return 2;
    }
    auto store = history::Store::open(c.file, history::OpenMode::read);
    if (!store) {
        fmt::print(stderr, "boardpack: {}\n", to_string(store.error()));
        return 2;
    }
    auto packs = store->list();
    if (!packs) {
        fmt::print(stderr, "boardpack: {}\n", to_string(packs.error()));
        return 2;
    }
    if (packs->empty()) {
        fmt::print(out, "{} holds no packs yet\n", c.file);
        return 0;
    }
    std::size_t width = 4;
    for (const auto& p : *packs) width = std::max(width, p.pack.size());
    fmt::print(out, "{} holds {} pack(s):\n", c.file, packs->size());
    fmt::print(out, "{:<{}}  period   report date  built at              actions  measures\n", "pack", width);
    for (const auto& p : *packs)
        fmt::print(out, "{:<{}}  {}  {}   {:<20}  {:>7}  {:>8}\n", p.pack, width, history::period_key(p.period),
                   iso_date(p.report_date), p.built_at, p.actions, p.measures);
    return 0;
}

}  // namespace bp::app
