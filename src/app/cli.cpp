#include "app/cli.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "app/dump.hpp"
#include "app/limits_options.hpp"
#include "app/version.hpp"

namespace bp::app {

int run_cli(int argc, char** argv) {
    CLI::App app{"boardpack: team workbooks in, one checked board pack out (scorecard.xlsx, board-report.pdf, summary.json)",
                 "boardpack"};
    app.set_version_flag("--version", std::string("boardpack ") + k_version);
    app.require_subcommand(1);
    app.failure_message(CLI::FailureMessage::help);

    DumpOptions dump;
    bool dump_json = false;
    LimitFlags dump_limits;
    CLI::App* dump_cmd = app.add_subcommand("dump", "Print every cell the reader sees in a workbook, as JSON");
    dump_cmd->add_option("FILE", dump.file, "The .xlsx/.xlsm workbook")->required();
    dump_cmd->add_option("--sheet", dump.sheet, "Only this sheet");
    dump_cmd->add_flag("--json", dump_json, "JSON output (the only format)");
    add_limit_options(*dump_cmd, dump_limits, read::ReadLimits{});

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);
        return code == 0 ? 0 : 2;  // usage errors are exit 2 ("nothing could be built")
    }

    if (*dump_cmd) {
        dump.limits = to_limits(dump_limits);
        return run_dump(dump, stdout);
    }
    return 2;
}

}  // namespace bp::app
