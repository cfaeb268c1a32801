#include "pipeline/pipeline.hpp"

#include <algorithm>
#include <atomic>
#include <thread>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <iterator>
#include <map>
#include <numeric>
#include <string_view>
#include <unordered_map>

#include "check/consolidate.hpp"
#include "check/personal_data.hpp"
#include "check/track_returns.hpp"
#include "check/validate.hpp"
#include "recognise/text.hpp"
#include "recognise/workbook_scan.hpp"
#include "util/output_folder.hpp"
#include "util/output_manifest.hpp"
#include "util/sha256.hpp"
#include "util/utf8.hpp"

namespace bp::pipeline {

namespace fs = std::filesystem;


namespace {
bool workbook_name(const fs::path& p) {
    std::string ext = ascii_lower(p.extension().string());
    std::string name = p.filename().string();
    // Spreadsheets in older or other formats are gathered too, so a team that sent
    // a .xls is told to save it as .xlsx instead of being silently left out.
    bool spreadsheet = ext == ".xlsx" || ext == ".xlsm" || ext == ".xls" || ext == ".xlsb" || ext == ".ods";
    return spreadsheet && name.rfind("~$", 0) != 0 && name.rfind(".~lock", 0) != 0;
}

// The submission tracker, once each input's kind is known; a wrong-kind warning raises its input's status.
void track(const check::ReturnsList& list, CivilDate as_of, model::Pack& pack, model::Issues& issues) {
    std::size_t first = issues.size();
    pack.returns = check::track_returns(list, pack.inputs, as_of, issues);
    for (std::size_t i = first; i < issues.size(); ++i) {
        if (issues[i].severity != model::Severity::warning) continue;
        for (auto& in : pack.inputs)
            if (in.file == issues[i].file && in.status == model::InputStatus::ok) in.status = model::InputStatus::warnings;
    }
}

model::Pack finish(std::vector<recognise::WorkbookScan> scans, const Options& options) {
    model::Pack pack;
    pack.report_date = options.as_of;
    pack.built_at = options.built_at;
    pack.tool_version = options.tool_version;
    std::vector<check::Submission> subs;
    model::Issues issues;
    for (auto& scan : scans) {  // each checked on its scanning thread (check_records)
        subs.push_back(check::Submission{scan.file, std::move(scan.records.actions), std::move(scan.records.measures),
                                         scan.records.period});
        issues.insert(issues.end(), std::make_move_iterator(scan.issues.begin()), std::make_move_iterator(scan.issues.end()));
    }
    check::consolidate(std::move(subs), pack, issues);
    // Records and findings per file, counted in one pass (not one pass per input).
    struct Tally {
        std::size_t records = 0;
        bool errors = false, warnings = false;
    };
    std::unordered_map<std::string_view, Tally> by_file;
    for (const auto& a : pack.actions) ++by_file[a.source.file].records;
    for (const auto& m : pack.measures) ++by_file[m.source.file].records;
    for (const auto& is : issues) {
        Tally& t = by_file[is.file];
        t.errors |= is.severity == model::Severity::error;
        t.warnings |= is.severity == model::Severity::warning;
    }
    for (auto& scan : scans) {
        model::Input in{scan.file, scan.kind(), model::InputStatus::ok, 0, std::move(scan.tables), scan.near_miss,
                        scan.near_fingerprint, std::move(scan.facts)};
        auto tally = by_file.find(in.file);
        if (tally != by_file.end()) in.records = static_cast<int>(tally->second.records);
        bool err = tally != by_file.end() && tally->second.errors, warn = tally != by_file.end() && tally->second.warnings;
        in.status = scan.unreadable ? model::InputStatus::unreadable
                    : err           ? model::InputStatus::errors
                    : warn          ? model::InputStatus::warnings
                                    : model::InputStatus::ok;
        pack.inputs.push_back(std::move(in));
    }
    if (options.returns_list) track(*options.returns_list, options.as_of, pack, issues);
    // Errors, then warnings, then information, each in the order found: their places sorted, then
    // every finding moved once (sorted themselves, the 200 bench workbooks' 3,800 moved a dozen times).
    std::vector<std::size_t> order(issues.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return issues[a].severity < issues[b].severity; });
    pack.issues.reserve(issues.size());
    for (std::size_t i : order) {
        const model::Severity severity = issues[i].severity;
        pack.errors += severity == model::Severity::error;
        pack.warnings += severity == model::Severity::warning;
        pack.infos += severity == model::Severity::info;
        pack.issues.push_back(std::move(issues[i]));
    }
    return pack;
}
}  // namespace

Gathered gather(const std::vector<std::string>& paths) {
    Gathered out;
    for (const auto& p : paths) {
        std::error_code ec;
        if (!fs::is_directory(p, ec)) {
            out.files.push_back(p);
            continue;
        }
        std::vector<std::string> found;
        std::map<fs::path, std::vector<std::string>> own;  // per folder, by its manifest
        for (auto it = fs::recursive_directory_iterator(p, fs::directory_options::skip_permission_denied, ec);
             !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
            if (it->is_directory(ec) && is_stage_name(it->path().filename().string())) {
                it.disable_recursion_pending();
                continue;
            }
            if (!it->is_regular_file(ec) || !workbook_name(it->path())) continue;
            fs::path dir = it->path().parent_path();
            auto mine = own.find(dir);
            if (mine == own.end()) mine = own.emplace(dir, own_files(dir)).first;
            auto name = it->path().filename().string();
            bool output = std::find(mine->second.begin(), mine->second.end(), name) != mine->second.end();
            // A checked copy in a pack's returns/ subfolder is listed by the pack's manifest, one folder up.
            if (!output) {
                auto up = own.find(dir.parent_path());
                if (up == own.end()) up = own.emplace(dir.parent_path(), own_files(dir.parent_path())).first;
                std::string in_sub = dir.filename().string() + "/" + name;
                output = std::find(up->second.begin(), up->second.end(), in_sub) != up->second.end();
            }
            (output ? out.outputs : found).push_back(it->path().string());
        }
        std::sort(found.begin(), found.end());
        out.files.insert(out.files.end(), found.begin(), found.end());
    }
    return out;
}

std::vector<std::string> gather_inputs(const std::vector<std::string>& paths) { return gather(paths).files; }

namespace {
// What the sources table states of a file on disk. Hashed with a second read
// (from the page cache): the zip reader takes the file piecemeal, never whole.
model::FileFacts file_facts(const std::string& path, bool file_time) {
    model::FileFacts facts;
    auto digest = digest_file(path);
    if (!digest) return facts;  // the scan reports why it could not be read
    facts.bytes = digest->bytes;
    facts.sha256 = std::move(digest->sha256);
    std::error_code ec;
    auto written = fs::last_write_time(path, ec);
    if (file_time && !ec)
        facts.modified = std::chrono::system_clock::to_time_t(
            std::chrono::floor<std::chrono::seconds>(std::chrono::file_clock::to_sys(written)));
    return facts;
}

recognise::ScanOptions to_scan_options(const Options& options) {
    return {options.vocabulary ? options.vocabulary : &recognise::Vocabulary::builtin(), options.as_of, options.limits,
            options.mappings};
}

// The checks of one workbook's records need nothing of the others: made on the thread that read it.
void check_records(recognise::WorkbookScan& scan, const Options& options) {
    check::check_plan(scan.records.actions, options.as_of, scan.issues);
    check::check_kpis(scan.records.measures, scan.issues);
    check::check_personal_data(scan.records.actions, scan.records.measures, options.personal_data, scan.issues);
}

// Workbooks are independent until consolidation: scan (and check) them on every core.
// Each result lands in its own slot, so the order (and the report) does not
// depend on which thread finished first.
template <class Scan>
std::vector<recognise::WorkbookScan> scan_all(std::size_t count, const Options& options, const Scan& scan_one) {
    std::vector<recognise::WorkbookScan> scans(count);
    unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    threads = static_cast<unsigned>(std::min<std::size_t>(threads, count));
    std::atomic<std::size_t> next{0};
    std::atomic<bool> core_freed{false};
    auto work = [&] {
        for (std::size_t i; (i = next++) < count;) {
            if (options.cancel && options.cancel->load()) return;
            scans[i] = scan_one(i);
            check_records(scans[i], options);
        }
        if (options.on_core_free && !core_freed.exchange(true)) options.on_core_free();
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    return scans;
}
}  // namespace

model::Pack run(const std::vector<std::string>& files, const Options& options) {
    std::vector<NamedFile> named;
    for (const auto& f : files) named.push_back({f, f});
    return run_named(named, options);
}

model::Pack run_named(const std::vector<NamedFile>& files, const Options& options) {
    auto scan_options = to_scan_options(options);
    auto scans = scan_all(files.size(), options, [&](std::size_t i) {
        auto scan = recognise::scan_workbook(files[i].path, files[i].name, scan_options);
        scan.facts = file_facts(files[i].path, files[i].file_time);
        return scan;
    });
    return finish(std::move(scans), options);
}

model::Pack run_memory(const std::vector<MemoryInput>& inputs, const Options& options) {
    auto scan_options = to_scan_options(options);
    auto scans = scan_all(inputs.size(), options, [&](std::size_t i) {
        auto scan = recognise::scan_workbook_bytes(inputs[i].bytes, inputs[i].name, scan_options);
        scan.facts = {inputs[i].bytes.size(), sha256_hex(inputs[i].bytes), std::nullopt};
        return scan;
    });
    return finish(std::move(scans), options);
}

}  // namespace bp::pipeline
