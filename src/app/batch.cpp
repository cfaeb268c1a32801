#include "app/batch.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <optional>
#include <thread>

#include "app/interrupt.hpp"
#include "app/progress.hpp"
#include "util/output_folder.hpp"
#include "util/output_manifest.hpp"
#include "util/utf8.hpp"

namespace bp::app {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

// The pack's own inputs are where its checked copies are made from (unless --no-returns).
WriteOptions with_sources(WriteOptions write, const std::vector<std::string>& files, const RunSettings& settings) {
    if (settings.returns) write.sources = sources_as_named(files);
    return write;
}

// Hidden files, Excel's lock files (~$name.xlsx) and LibreOffice's (.~lock...).
bool ignored(const std::string& name) { return name.empty() || name[0] == '.' || name.starts_with("~$"); }

// Loose files that become packs: workbooks, and the spreadsheet files people
// drop by mistake, so the summary says what to do with them rather than
// skipping them silently.
bool spreadsheet_like(const fs::path& p) {
    static const char* const exts[] = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".csv"};
    std::string ext = ascii_lower(p.extension().string());
    return std::any_of(std::begin(exts), std::end(exts), [&](const char* e) { return ext == e; });
}

std::string unique_name(std::string name, std::map<std::string, int>& taken) {
    std::string key = ascii_lower(name);  // OUT_DIR may be on a case-insensitive share
    if (taken[key]++ == 0) return name;
    for (int k = 2;; ++k) {
        std::string n = fmt::format("{}-{}", name, k);
        if (taken[ascii_lower(n)]++ == 0) return n;
    }
}

unsigned job_count(unsigned jobs) { return jobs ? jobs : std::max(1u, std::thread::hardware_concurrency()); }

// Builds packs on `jobs` threads; after an interrupt, packs already started
// are finished and the rest are left out of the outcomes.
std::vector<PackOutcome> build_packs(const std::vector<PackSource>& packs, unsigned jobs, const fs::path& out_dir,
                                     const RunSettings& settings, const WriteOptions& write, BatchProgress& progress,
                                     const Interrupt& interrupt) {
    std::vector<std::optional<PackOutcome>> outcomes(packs.size());
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (std::size_t i; !interrupt.requested() && (i = next++) < packs.size();) {
            progress.started(packs[i].name);
            outcomes[i] = build_pack(packs[i], out_dir, settings, write);
            progress.finished(*outcomes[i]);
        }
    };
    std::vector<std::thread> threads;
    for (std::size_t t = 1; t < std::min<std::size_t>(jobs, packs.size()); ++t) threads.emplace_back(worker);
    worker();
    for (auto& t : threads) t.join();
    std::vector<PackOutcome> done;
    for (auto& o : outcomes)
        if (o) done.push_back(std::move(*o));
    return done;
}

// Sizes and times of a pack's files: when this stays the same for the settle
// time, nothing is still being copied in.
std::string signature(const PackSource& p) {
    std::string sig;
    for (const auto& f : p.files) {
        std::error_code ec;
        auto size = fs::file_size(f, ec);
        auto time = fs::last_write_time(f, ec).time_since_epoch().count();
        sig += fmt::format("{}\t{}\t{}\n", f, ec ? 0 : size, ec ? 0 : time);
    }
    return sig;
}

int watch(const BatchOptions& o, const RunSettings& settings, const WriteOptions& write) {
    Interrupt interrupt;  // before any worker thread starts
    auto settle = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.settle_seconds));
    auto poll = std::chrono::milliseconds(static_cast<long>(o.poll_seconds * 1000));
    fmt::print("Watching {} for workbooks; packs go to {} (Ctrl-C to stop)\n", o.in_dir, o.out_dir);
    std::fflush(stdout);

    struct Seen {
        std::string signature;
        Clock::time_point since;
    };
    std::map<std::string, std::string> built;  // pack name -> signature built
    std::map<std::string, Seen> pending;
    std::vector<PackOutcome> all;
    auto started = Clock::now();
    bool missing_reported = false;
    do {
        std::error_code ec;
        if (!fs::is_directory(o.in_dir, ec)) {
            if (!missing_reported) fmt::print(stderr, "boardpack: {} is not there (yet): still watching\n", o.in_dir);
            missing_reported = true;
            continue;
        }
        missing_reported = false;
        std::vector<PackSource> ready;
        std::map<std::string, Seen> still;
        for (auto& p : find_packs(o.in_dir).packs) {
            if (p.files.empty()) continue;  // a folder being made: wait for its workbooks
            std::string sig = signature(p);
            if (built[p.name] == sig) continue;
            auto it = pending.find(p.name);
            if (it == pending.end() || it->second.signature != sig) {
                still[p.name] = {sig, Clock::now()};
            } else if (Clock::now() - it->second.since >= settle) {
                built[p.name] = sig;
                ready.push_back(std::move(p));
            } else {
                still[p.name] = it->second;
            }
        }
        pending = std::move(still);
        if (ready.empty()) continue;
        BatchProgress progress(stdout, ProgressStyle::timed, ready.size(), o.out_dir);
        auto outcomes = build_packs(ready, job_count(o.jobs), o.out_dir, settings, write, progress, interrupt);
        // A pack built again (a corrected copy, a file that finished copying) is shown once, as it is now.
        for (auto& out : outcomes) {
            std::erase_if(all, [&](const PackOutcome& seen) { return seen.name == out.name; });
            all.push_back(std::move(out));
        }
    } while (!interrupt.wait_for(poll));

    fmt::print("Stopped watching {}.\n", o.in_dir);
    if (!all.empty())
        print_batch_table(stdout, all, o.out_dir, std::chrono::duration<double>(Clock::now() - started).count());
    return 0;
}

}  // namespace

FoundPacks find_packs(const fs::path& in_dir) {
    std::error_code ec;
    std::vector<fs::directory_entry> entries;
    for (auto it = fs::directory_iterator(in_dir, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::directory_iterator(); it.increment(ec))
        entries.push_back(*it);
    std::sort(entries.begin(), entries.end(),
              [](const auto& a, const auto& b) { return a.path().filename() < b.path().filename(); });
    auto own = own_files(in_dir);  // a pack built into IN_DIR itself
    std::map<std::string, int> taken{{"history.sqlite", 1}};  // OUT_DIR's history: no pack folder of that name
    FoundPacks found;
    for (const auto& e : entries) {
        std::string name = e.path().filename().string();
        if (ignored(name)) continue;
        if (e.is_directory(ec)) {
            auto g = pipeline::gather({e.path().string()});
            // A pack folder (or a folder of them) copied in: boardpack's outputs, not a team's submissions.
            if (g.files.empty() && !g.outputs.empty()) {
                found.outputs.push_back(name);
                continue;
            }
            found.packs.push_back({unique_name(name, taken), std::move(g.files), true});
        } else if (e.is_regular_file(ec) && spreadsheet_like(e.path())) {
            if (std::find(own.begin(), own.end(), name) != own.end()) {
                found.outputs.push_back(name);
                continue;
            }
            found.packs.push_back({unique_name(e.path().stem().string(), taken), {e.path().string()}, false});
        }
    }
    return found;
}

PackOutcome build_pack(const PackSource& source, const fs::path& out_dir, const RunSettings& settings,
                       const WriteOptions& write) {
    auto started = Clock::now();
    PackOutcome o;
    o.name = source.name;
    o.inputs = source.files.size();
    fs::path dir = out_dir / source.name;
    try {
        if (Status s = check_out_dir(dir.string()); !s) {
            o.code = 2;
            o.problem = s.error().message;
            o.seconds = std::chrono::duration<double>(Clock::now() - started).count();
            return o;  // a file in the way: nothing read, nothing touched
        } else if (source.files.empty()) {
            o.code = 2;
            o.problem = "the folder has no .xlsx or .xlsm workbooks";
        } else if (auto built = run_compared(source.files, settings.options, settings.history.get(), source.name, nullptr);
                   !built) {
            o.code = 2;
            o.problem = to_string(built.error());  // the history could not be read
        } else {
            model::Pack r = std::move(built).value();
            o.errors = r.errors;
            o.warnings = r.warnings;
            for (const auto& in : r.inputs) {
                if (in.status != model::InputStatus::unreadable) continue;
                ++o.unreadable;
                // The reason is the file's own error (its first, a whole-file finding).
                std::string why = "could not be read";
                for (const auto& is : r.issues)
                    if (is.file == in.file && is.severity == model::Severity::error) {
                        why = is.message;
                        break;
                    }
                o.unreadable_files.emplace_back(fs::path(in.file).filename().string(), why);
            }
            o.code = exit_code(r);
            if (o.code == 2) {
                // Every workbook was unreadable: say why, since no summary.json will.
                for (const auto& is : r.issues) {
                    if (is.severity != model::Severity::error) continue;
                    if (!o.problem.empty()) o.problem += "; ";
                    o.problem += fs::path(is.file).filename().string() + " " + is.message;
                }
            } else if (auto written = write_pack(r, dir.string(), with_sources(write, source.files, settings))) {
                o.outputs = written->files.size();
                o.notes = written->return_problems;
                o.notes.insert(o.notes.end(), written->report_notes.begin(), written->report_notes.end());
                if (settings.history)
                    if (Status recorded = settings.history->record(r, source.name); !recorded)
                        o.notes.push_back("not recorded in the history: " + to_string(recorded.error()));
            } else {
                o.code = 2;
                o.problem = to_string(written.error());
            }
        }
    } catch (const std::exception& e) {
        o.code = 2;
        o.problem = std::string("internal error: ") + e.what() + " (please report it with the workbooks)";
    }
    if (o.code == 2) clear_pack(dir.string());
    o.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    return o;
}

int run_batch(const BatchOptions& o) {
    auto settings = prepare_run(o.run);
    if (!settings) return 2;
    // One returns list for every pack (its --received dates may name any pack's workbooks).
    auto list = returns_list_for(o.run.tracker);
    if (!list) {
        fmt::print(stderr, "boardpack: {}\n", to_string(list.error()));
        return 2;
    }
    settings->returns_list = std::move(list).value();
    settings->options.returns_list = settings->returns_list.get();
    std::error_code ec;
    if (!o.watch && !fs::is_directory(o.in_dir, ec)) {
        fmt::print(stderr, "boardpack: {} is not a folder: give the folder that holds the teams' workbooks\n", o.in_dir);
        return 2;
    }
    // IN_DIR and OUT_DIR apart, either way round, before anything is made or touched.
    if (auto problem = overlap_problem({o.in_dir}, o.out_dir)) {
        fmt::print(stderr, "boardpack: {}\n", *problem);
        return 2;
    }
    fs::create_directories(o.out_dir, ec);
    if (ec) {
        fmt::print(stderr, "boardpack: cannot make the output folder {}: {}\n", o.out_dir, ec.message());
        return 2;
    }
    remove_stale_stages(o.out_dir, any_output_names());  // of packs a killed run was writing
    if (!o.run.history.off) {  // one history for all the packs, beside their folders
        auto history = open_batch_history(o.run.history, o.out_dir);
        if (!history) {
            fmt::print(stderr, "boardpack: {}; nothing was built\n", to_string(history.error()));
            return 2;
        }
        settings->history = std::move(history).value();
    }
    WriteOptions write{settings->report_template.get()};
    if (o.watch) return watch(o, *settings, write);

    auto [packs, outputs] = find_packs(o.in_dir);
    if (!outputs.empty())
        fmt::print(stderr, "boardpack: left out of {}, as they hold only boardpack's own outputs: {}\n", o.in_dir,
                   fmt::join(outputs, ", "));
    if (packs.empty() && !outputs.empty()) {
        fmt::print(stderr, "boardpack: {} holds no team workbooks: give the folder of the teams' workbooks\n", o.in_dir);
        return 2;
    }
    if (packs.empty()) {
        fmt::print(stderr, "boardpack: no workbooks or sub-folders in {}\n", o.in_dir);
        return 2;
    }
    auto started = Clock::now();
    Interrupt interrupt;  // Ctrl-C: finish the packs being built, then stop
    bool terminal = ::isatty(fileno(stdout));
    BatchProgress progress(stdout, terminal ? ProgressStyle::bar : ProgressStyle::lines, packs.size(), o.out_dir);
    auto outcomes = build_packs(packs, job_count(o.jobs), o.out_dir, *settings, write, progress, interrupt);
    progress.close();
    int worst = 0;
    for (const auto& out : outcomes) worst = std::max(worst, out.code);
    print_batch_table(stdout, outcomes, o.out_dir, std::chrono::duration<double>(Clock::now() - started).count(),
                      interrupt.requested() ? 130 : worst);
    if (interrupt.requested()) {
        fmt::print(stderr, "boardpack: interrupted: {} of {} packs not built\n", packs.size() - outcomes.size(),
                   packs.size());
        return 130;
    }
    return worst;
}

void add_batch_command(CLI::App& app, BatchCommand& c) {
    BatchOptions& o = c.options;
    c.cmd = app.add_subcommand("batch", "Build one pack per sub-folder (or loose workbook) of a folder, in parallel");
    c.cmd->add_option("IN_DIR", o.in_dir, "Folder of team workbooks: each sub-folder and each loose workbook is a pack")
        ->required();
    c.cmd->add_option("--out", o.out_dir, "Folder for the packs: OUT_DIR/<pack>/")->required();
    c.cmd->add_option("--jobs", o.jobs, "Packs built at once (default: one per core)")->check(CLI::PositiveNumber);
    c.cmd->add_flag("--watch", o.watch, "Keep watching IN_DIR and build packs for workbooks dropped into it");
    c.cmd->add_option("--settle-seconds", o.settle_seconds, "--watch: a file unchanged this long is complete")
        ->capture_default_str()->check(CLI::NonNegativeNumber);
    c.cmd->add_option("--poll-seconds", o.poll_seconds, "--watch: how often to look at IN_DIR")
        ->capture_default_str()->check(CLI::Range(0.05, 3600.0));
    c.cmd->add_option("--template", o.run.report_template, "Report template (see templates/report.ini)");
    add_title_block_options(*c.cmd, o.run);
    c.cmd->add_option("--as-of", o.run.as_of, "Report date for overdue actions, YYYY-MM-DD (default: today)");
    c.cmd->add_flag("--no-returns", o.run.no_returns, "Do not write the teams' checked copies (returns/ in each pack)");
    add_history_options(*c.cmd, o.run.history, false);
    add_returns_options(*c.cmd, o.run.tracker);
    add_reading_options(*c.cmd, o.run);
    add_limit_options(*c.cmd, c.limits, read::ReadLimits{});
}

int run_batch(BatchCommand& c) {
    c.options.run.limits = to_limits(c.limits);
    return run_batch(c.options);
}

}  // namespace bp::app
