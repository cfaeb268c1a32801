#include "app/pack_commands.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>

#include "app/console_report.hpp"
#include "app/pack_writer.hpp"
#include "render/json/summary.hpp"
#include "util/atomic_file.hpp"

namespace bp::app {

namespace {

struct Prepared {
    pipeline::Options options;
    std::optional<recognise::Vocabulary> vocabulary;
    std::vector<std::string> files;
};

// Common set-up; returns an exit code on failure.
std::optional<int> prepare(const PackOptions& o, Prepared& p) {
    p.options.limits = o.limits;
    p.options.as_of = pipeline::today();
    if (o.as_of) {
        auto d = parse_iso_datetime(*o.as_of);
        if (!d || o.as_of->size() != 10) {
            fmt::print(stderr, "boardpack: --as-of '{}' is not a date: write it as YYYY-MM-DD, e.g. 2026-11-30\n", *o.as_of);
            return 2;
        }
        p.options.as_of = d->date;
    }
    if (o.vocabulary) {
        auto v = recognise::Vocabulary::load(*o.vocabulary);
        if (!v) {
            fmt::print(stderr, "boardpack: {}\n", to_string(v.error()));
            return 2;
        }
        p.vocabulary = std::move(v).value();
        p.options.vocabulary = &*p.vocabulary;
    }
    p.files = pipeline::gather_inputs(o.inputs);
    if (p.files.empty()) {
        fmt::print(stderr, "boardpack: no .xlsx or .xlsm workbooks found in {}\n", fmt::join(o.inputs, ", "));
        return 2;
    }
    return std::nullopt;
}

int exit_code(const pipeline::Result& r) {
    if (!r.any_readable()) return 2;
    return r.errors > 0 ? 1 : 0;
}

}  // namespace

int run_validate(const PackOptions& o) {
    Prepared p;
    if (auto code = prepare(o, p)) return *code;
    pipeline::Result r = pipeline::run(p.files, p.options);
    if (o.json) {
        nlohmann::ordered_json j;
        j["inputs"] = nlohmann::ordered_json::array();
        for (const auto& in : r.inputs)
            j["inputs"].push_back({{"file", in.file}, {"kind", in.kind}, {"status", in.status}, {"records", in.records}});
        j["issues"] = render::issues_json(r.issues);
        fmt::print("{}\n", j.dump(2));
    } else {
        print_inputs(stdout, r);
        print_issues(stdout, r, true);
    }
    return exit_code(r);
}

int run_build(const PackOptions& o) {
    Prepared p;
    if (auto code = prepare(o, p)) return *code;
    pipeline::Result r = pipeline::run(p.files, p.options);
    int code = exit_code(r);
    print_inputs(stdout, r);
    if (code == 2 || (o.strict && r.errors > 0)) {
        // Nothing written, and no output of an earlier run left to be mistaken for this one.
        OutputSet::remove_stale(o.out_dir, output_names());
        print_issues(stdout, r, false);
        fmt::print(stderr, "boardpack: {}; nothing was written to {}\n",
                   code == 2 ? "no readable workbook among the inputs" : fmt::format("--strict: {} error(s) found", r.errors),
                   o.out_dir);
        return code == 2 ? 2 : 1;
    }
    auto written = write_pack(r, o.out_dir, WriteOptions{o.report_template});
    if (!written) {
        fmt::print(stderr, "boardpack: {}\n", to_string(written.error()));
        return 2;
    }
    print_pack(stdout, r);
    print_issues(stdout, r, false);
    fmt::print("\nOutputs in {}:\n", std::filesystem::absolute(o.out_dir).lexically_normal().string());
    for (const auto& n : written->files) fmt::print("  {}\n", (std::filesystem::path(o.out_dir) / n).string());
    return code;
}

}  // namespace bp::app
