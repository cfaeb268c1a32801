#include "app/pack_commands.hpp"

#include <future>

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>

#include "app/console_report.hpp"
#include "app/pack_writer.hpp"
#include "app/version.hpp"
#include "render/board_report.hpp"
#include "render/summary_json.hpp"
#include "util/exit_reclaim.hpp"
#include "util/clock.hpp"

namespace bp::app {

std::optional<RunSettings> prepare_run(const PackOptions& o) {
    RunSettings s;
    s.options.limits = o.limits;
    s.returns = !o.no_returns;
    // One clock for the whole run: every output states the same build time.
    s.options.built_at = build_time();
    s.options.tool_version = k_version;
    s.options.as_of = local_date(s.options.built_at);
    auto date_option = [](const char* name, const std::string& text) -> std::optional<CivilDate> {
        auto d = parse_iso_datetime(text);
        if (d && text.size() == 10) return d->date;
        fmt::print(stderr, "boardpack: {} '{}' is not a date: write it as YYYY-MM-DD, e.g. 2026-11-30\n", name, text);
        return std::nullopt;
    };
    if (o.as_of) {
        auto d = date_option("--as-of", *o.as_of);
        if (!d) return std::nullopt;
        s.options.as_of = *d;
    }
    if (o.vocabulary) {
        auto v = recognise::Vocabulary::load(*o.vocabulary);
        if (!v) {
            fmt::print(stderr, "boardpack: {}\n", to_string(v.error()));
            return std::nullopt;
        }
        s.vocabulary = std::make_shared<const recognise::Vocabulary>(std::move(v).value());
        s.options.vocabulary = s.vocabulary.get();
    }
    std::vector<std::string> mappings = o.mappings;
    std::error_code ec;
    if (mappings.empty() && std::filesystem::is_directory("templates/mappings", ec)) mappings.push_back("templates/mappings");
    if (!mappings.empty()) {
        auto m = recognise::ColumnMappings::load(mappings);
        if (!m) {
            fmt::print(stderr, "boardpack: column mapping {}\n", to_string(m.error()));
            return std::nullopt;
        }
        s.mappings = std::make_shared<const recognise::ColumnMappings>(std::move(m).value());
        s.options.mappings = s.mappings.get();
    }
    // A bad report template is a usage error: say so before reading anything.
    auto tpl = report_template(o.report_template);
    if (!tpl) {
        fmt::print(stderr, "boardpack: {}\n", to_string(tpl.error()));
        return std::nullopt;
    }
    render::ReportTemplate report = std::move(tpl).value();
    // The command line's title block details win over the template's.
    if (o.title) report.title = *o.title;
    if (o.author) report.author = *o.author;
    if (o.meeting_date) {
        auto d = date_option("--meeting-date", *o.meeting_date);
        if (!d) return std::nullopt;
        report.meeting_date = *d;
    }
    s.options.personal_data = report.refuses_personal_data() ? model::Severity::error : model::Severity::warning;
    s.report_template = std::make_shared<const render::ReportTemplate>(std::move(report));
    return s;
}

void add_title_block_options(CLI::App& cmd, PackOptions& o) {
    cmd.add_option("--title", o.title, "The report's title (default: the report template's)");
    cmd.add_option("--author", o.author, "The report's author, shown in the title block (default: the template's)");
    cmd.add_option("--meeting-date", o.meeting_date, "The board meeting's date, YYYY-MM-DD, shown in the title block");
}

void add_reading_options(CLI::App& cmd, PackOptions& o) {
    cmd.add_option("--vocabulary", o.vocabulary, "Header synonyms and status words (default: built in, templates/vocabulary.txt)");
    cmd.add_option("--mappings", o.mappings,
                   "Column mapping files or folders that say which heading is which field (default: templates/mappings, "
                   "if present; see docs/column-mappings.md)");
}

int exit_code(const model::Pack& r) {
    if (!r.any_readable() || !r.any_table()) return 2;
    return r.errors > 0 ? 1 : 0;
}

std::string nothing_built_reason(const model::Pack& r) {
    if (!r.any_readable()) return "no readable workbook among the inputs";
    std::vector<std::string> files, near;
    for (const auto& in : r.inputs) {
        if (in.status == model::InputStatus::unreadable) continue;
        files.push_back(in.file);
        if (!in.near_miss.empty()) near.push_back(in.file + ": " + in.near_miss);
    }
    std::string reason = fmt::format("read {}, but none holds an improvement plan or KPI table", fmt::join(files, ", "));
    if (!near.empty()) reason += fmt::format(" (nearest: {})", fmt::join(near, "; "));
    return reason;
}

namespace {

struct Prepared {
    pipeline::Options options;
    std::optional<RunSettings> settings;
    std::vector<std::string> files;
};

// Common set-up; returns an exit code on failure.
std::optional<int> prepare(const PackOptions& o, Prepared& p) {
    p.settings = prepare_run(o);
    if (!p.settings) return 2;
    p.options = p.settings->options;
    // Outputs among the inputs: refused before anything is read or written.
    if (!o.out_dir.empty()) {
        if (auto problem = overlap_problem(o.inputs, o.out_dir)) {
            fmt::print(stderr, "boardpack: {}\n", *problem);
            return 2;
        }
    }
    p.files = pipeline::gather_inputs(o.inputs);
    if (p.files.empty()) {
        fmt::print(stderr, "boardpack: no .xlsx or .xlsm workbooks found in {}\n", fmt::join(o.inputs, ", "));
        return 2;
    }
    return std::nullopt;
}

// The build's returns list, checked before anything is read; returns an exit code on failure.
std::optional<int> use_returns_list(const PackOptions& o, Prepared& p) {
    auto list = returns_list_for(o.tracker);
    if (!list) {
        fmt::print(stderr, "boardpack: {}\n", to_string(list.error()));
        return 2;
    }
    if (!*list) return std::nullopt;
    if (auto problem = unknown_received(**list, p.files)) {
        fmt::print(stderr, "boardpack: {}\n", *problem);
        return 2;
    }
    p.settings->returns_list = std::move(list).value();
    p.options.returns_list = p.settings->returns_list.get();
    return std::nullopt;
}

}  // namespace

int run_validate(const PackOptions& o) {
    Prepared p;
    if (auto code = prepare(o, p)) return *code;
    model::Pack r = pipeline::run(p.files, p.options);
    if (o.json) {
        {
            JsonWriter j(stdout, JsonLayout::indented);
            j.begin_object();
            j.key("inputs");
            render::write_inputs(j, r.inputs);
            j.key("issues");
            render::write_issues(j, r.issues);
            j.end_object();
        }
        std::fputc('\n', stdout);
    } else {
        print_inputs(stdout, r);
        if (o.explain) print_tables(stdout, r);
        print_issues(stdout, r, true);
    }
    int code = exit_code(r);
    if (code == 2 && !o.json) fmt::print(stderr, "boardpack: {}\n", nothing_built_reason(r));  // --json: the document says it
    return code;
}

int run_build(const PackOptions& o) {
    Prepared p;
    if (auto code = prepare(o, p)) return *code;  // prepare_run has checked the report template
    // A file in the way stops the build before anything is written. It is looked for while the
    // workbooks are read: an earlier pack's outputs are digested to tell them from the user's.
    auto in_the_way = std::async(std::launch::async, [&] { return check_out_dir(o.out_dir); });
    // So is the report's document, loading its fonts (the report thread's first cost), once a
    // core is free of workbooks to read.
    std::future<Result<std::unique_ptr<pdf::Document>>> report_document;
    p.options.on_core_free = [&] {
        report_document = std::async(std::launch::async, [&] { return render::open_report_document(*p.settings->report_template); });
    };
    if (auto code = use_returns_list(o, p)) return *code;
    // The last board's pack is loaded and checked before any workbook is read.
    auto history = prepare_history(o.history, o.out_dir);
    if (!history) {
        fmt::print(stderr, "boardpack: {}; nothing was written\n", to_string(history.error()));
        return 2;
    }
    auto built = run_compared(p.files, p.options, history->history.get(), history->name,
                              history->previous ? &*history->previous : nullptr);
    if (!built) {
        fmt::print(stderr, "boardpack: {}; nothing was written\n", to_string(built.error()));
        return 2;
    }
    if (Status s = in_the_way.get(); !s) {
        fmt::print(stderr, "boardpack: {}; nothing was written\n", s.error().message);
        return 2;
    }
    model::Pack r = std::move(built).value();
    int code = exit_code(r);
    print_inputs(stdout, r);
    if (code == 2 || (o.strict && r.errors > 0)) {
        // Nothing written, and no output of an earlier run left to be mistaken for this one.
        auto kept = clear_pack(o.out_dir);
        print_issues(stdout, r, false);
        fmt::print(stderr, "boardpack: {}; nothing was written to {}\n",
                   code == 2 ? nothing_built_reason(r) : fmt::format("--strict: {} error(s) found", r.errors), o.out_dir);
        for (const auto& n : kept)
            fmt::print(stderr, "boardpack: {} was left as it is: boardpack did not write it\n",
                       (std::filesystem::path(o.out_dir) / n).string());
        return code == 2 ? 2 : 1;
    }
    if (auto refused = personal_data_refusal(r, *p.settings->report_template)) {
        // A public paper with personal data in it: nothing written, and no earlier pack left to be taken for it.
        clear_pack(o.out_dir);
        print_issues(stdout, r, false);
        fmt::print(stderr, "boardpack: {}; nothing was written to {}\n", *refused, o.out_dir);
        return 1;
    }
    auto print_findings = [&](std::FILE* out) {
        print_pack(out, r);
        print_returns(out, r);
        print_issues(out, r, false);
    };
    std::optional<std::string> findings;  // printed once the pack is written (none: printed then)
    auto written = write_pack(r, o.out_dir, WriteOptions{p.settings->report_template.get(), false, false,
                                                   p.settings->returns ? sources_as_named(p.files) : std::vector<pipeline::NamedFile>{},
                                                   &report_document, [&] { findings = printed(print_findings); }});
    if (!written) {
        fmt::print(stderr, "boardpack: {}\n", to_string(written.error()));
        return 2;
    }
    if (findings) std::fwrite(findings->data(), 1, findings->size(), stdout);
    else print_findings(stdout);
    fmt::print("\nOutputs in {}:\n", std::filesystem::absolute(o.out_dir).lexically_normal().string());
    for (const auto& n : written->files) fmt::print("  {}\n", (std::filesystem::path(o.out_dir) / n).string());
    for (const auto& problem : written->return_problems) fmt::print(stderr, "boardpack: {}\n", problem);
    for (const auto& note : written->report_notes) fmt::print(stderr, "boardpack: warning: {}\n", note);
    if (r.since.compared) fmt::print("Compared with the pack for {} in {}\n", month_label(r.since.period), r.since.origin);
    if (history->previous && history->previous->period >= model::pack_period(r))
        fmt::print(stderr, "boardpack: warning: --previous {} is the pack of {}, not of a month before this one ({})\n",
                   *o.history.previous, month_label(history->previous->period), month_label(model::pack_period(r)));
    if (history->history) record_pack(*history->history, r, history->name);
    leave_to_exit(r);
    return code;
}

}  // namespace bp::app
