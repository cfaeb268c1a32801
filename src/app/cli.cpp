#include "app/cli.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "app/batch.hpp"
#include "app/cli_help.hpp"
#include "app/dump.hpp"
#include "app/history_command.hpp"
#include "app/limits_options.hpp"
#include "app/pack_commands.hpp"
#include "app/serve.hpp"
#include "app/template_command.hpp"
#include "app/version.hpp"
#include "util/exit_reclaim.hpp"

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

    PackOptions build;
    LimitFlags build_limits;
    CLI::App* build_cmd = app.add_subcommand("build", "Read team workbooks, check them, and write the board pack");
    build_cmd->add_option("INPUT", build.inputs, "Workbooks (.xlsx, .xlsm) or folders of them")->required();
    build_cmd->add_option("--out", build.out_dir, "Folder for scorecard.xlsx, board-report.pdf, summary.json")->required();
    build_cmd->add_option("--template", build.report_template, "Report template (see templates/report.ini)");
    add_title_block_options(*build_cmd, build);
    build_cmd->add_option("--as-of", build.as_of, "Report date for overdue actions, YYYY-MM-DD (default: today)");
    add_reading_options(*build_cmd, build);
    build_cmd->add_flag("--strict", build.strict, "Write nothing if any error is found (exit 1)");
    build_cmd->add_flag("--no-returns", build.no_returns,
                        "Do not write the teams' checked copies (returns/<workbook> - checked.xlsx)");
    add_history_options(*build_cmd, build.history, true);
    add_returns_options(*build_cmd, build.tracker);
    add_limit_options(*build_cmd, build_limits, read::ReadLimits{});

    PackOptions validate;
    LimitFlags validate_limits;
    CLI::App* validate_cmd = app.add_subcommand("validate", "Check team workbooks and list the findings; write nothing");
    validate_cmd->add_option("INPUT", validate.inputs, "Workbooks (.xlsx, .xlsm) or folders of them")->required();
    validate_cmd->add_option("--as-of", validate.as_of, "Report date for overdue actions, YYYY-MM-DD (default: today)");
    add_reading_options(*validate_cmd, validate);
    validate_cmd->add_flag("--json", validate.json, "Findings as JSON");
    validate_cmd->add_flag("--explain", validate.explain,
                           "Show how each table was read: which heading feeds which field, and the headings left out");
    add_limit_options(*validate_cmd, validate_limits, read::ReadLimits{});

    HistoryCommand history;
    add_history_command(app, history);
    TemplateCommand team_template;
    add_template_command(app, team_template);

    BatchCommand batch;
    add_batch_command(app, batch);
    ServeCommand serve;
    add_serve_command(app, serve);

    finish_help(app);
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
    if (*build_cmd) {
        reclaim_at_exit(true);  // one build and out: the operating system frees the pack
        build.limits = to_limits(build_limits);
        return run_build(build);
    }
    if (*validate_cmd) {
        validate.limits = to_limits(validate_limits);
        return run_validate(validate);
    }
    if (*team_template.cmd) return run_template(team_template);
    if (*history.cmd) return run_history(history, stdout);
    if (*batch.cmd) return run_batch(batch);
    if (*serve.cmd) return run_serve(serve);
    return 2;
}

}  // namespace bp::app
