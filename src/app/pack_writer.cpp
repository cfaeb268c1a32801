#include "app/pack_writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>
#include <mutex>
#include <map>

#include "app/version.hpp"
#include "render/summary_json.hpp"
#include "util/zip_writer.hpp"
#include "render/board_report.hpp"
#include "render/returns.hpp"
#include "render/scorecard.hpp"
#include "check/small_numbers.hpp"
#include "util/atomic_file.hpp"  // start_writeback, sync_to_disk
#include "util/digest_cache.hpp"
#include "util/output_folder.hpp"
#include "util/output_manifest.hpp"
#include "util/path_overlap.hpp"

namespace bp::app {

namespace fs = std::filesystem;

const std::vector<std::string>& output_names() {
    static const std::vector<std::string> names = {"scorecard.xlsx", "board-report.pdf", "summary.json"};
    return names;
}

Result<render::ReportTemplate> report_template(const std::optional<std::string>& path) {
    if (!path) return render::default_report_template();
    return render::load_report_template(*path);
}

namespace {

std::string written_by() { return std::string("boardpack ") + k_version; }

// The outputs boardpack may replace or remove in `out_dir`: the fixed ones,
// `more`, and the checked copies an earlier run left there (by its manifest).
std::vector<std::string> owned_names(const std::string& out_dir, std::vector<std::string> more) {
    std::vector<std::string> names = output_names();
    names.insert(names.end(), more.begin(), more.end());
    std::string prefix = std::string(render::k_returns_folder) + "/";
    names.push_back(prefix + "*");  // a killed run's staged copies, whatever their names
    if (auto fm = out_dir.empty() ? FolderManifest{} : read_manifest(out_dir); fm.manifest)
        for (const auto* set : {&fm.manifest->files, &fm.manifest->previous})
            for (const auto& e : *set)
                if (e.name.rfind(prefix, 0) == 0 && std::find(names.begin(), names.end(), e.name) == names.end())
                    names.push_back(e.name);
    return names;
}

Status read_file(const fs::path& path, std::string& bytes) {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (in.bad() || !in.is_open()) return make_error(Errc::output, "cannot read back what was written", {path.string()});
    return Ok{};
}

// " (the same folder as X, through a symlink or another alias)" when the
// spellings alone would not show it.
std::string alias_note(const std::string& in, const std::string& out) {
    std::error_code ec;
    auto plain = [&](const std::string& p) { return fs::absolute(p, ec).lexically_normal(); };
    fs::path a = plain(in), b = plain(out);
    auto rel = b.lexically_relative(a), back = a.lexically_relative(b);
    bool visible = (!rel.empty() && *rel.begin() != "..") || (!back.empty() && *back.begin() != "..");
    if (visible) return "";
    return fmt::format(" (through a symlink or another alias: {} is {})", out, resolved(out).string());
}

}  // namespace

std::optional<std::string> overlap_problem(const std::vector<std::string>& inputs, const std::string& out_dir) {
    for (const auto& in : inputs) {
        bool out_in = within(out_dir, in), in_out = within(in, out_dir);
        if (!out_in && !in_out) continue;
        std::string note = alias_note(in, out_dir);
        if (out_in && in_out)
            return fmt::format("the output folder {} is the input {} itself{}: the pack would be written among the "
                               "teams' workbooks; choose an output folder outside {}", out_dir, in, note, in);
        if (out_in)
            return fmt::format("the output folder {} is inside the input folder {}{}: the pack would be written among "
                               "the teams' workbooks; choose an output folder outside {}", out_dir, in, note, in);
        return fmt::format("the input {} is inside the output folder {}{}: choose an output folder that holds none "
                           "of the inputs", in, out_dir, note);
    }
    return std::nullopt;
}

std::vector<std::string> any_output_names() { return owned_names("", {k_bundle_name}); }

std::vector<pipeline::NamedFile> sources_as_named(const std::vector<std::string>& files) {
    std::vector<pipeline::NamedFile> out;
    for (const auto& f : files) out.push_back({f, f});
    return out;
}

Status check_out_dir(const std::string& out_dir) {
    OutputFolder folder(out_dir, owned_names(out_dir, {}), written_by());
    auto way = folder.in_the_way();
    if (way.empty()) return Ok{};
    return make_error(Errc::output, in_the_way_message(out_dir, way));
}

std::optional<std::string> personal_data_refusal(const model::Pack& pack, const render::ReportTemplate& tpl) {
    if (!tpl.refuses_personal_data()) return std::nullopt;
    std::vector<std::string> cells;
    for (const auto& i : pack.issues)
        if (i.code == "personal-data") {
            std::string at = i.sheet.empty() ? i.file : fmt::format("{}: {}!{}", i.file, i.sheet, i.a1());
            if (cells.empty() || cells.back() != at) cells.push_back(at);
        }
    if (cells.empty()) return std::nullopt;
    return fmt::format("the report is for the public (audience = public) and {} cell(s) hold what looks like personal "
                       "data: {}. Take it out of those cells and build again, or, once someone has checked each one, set "
                       "personal_data = reviewed in the report template",
                       cells.size(), fmt::join(cells, ", "));
}

Result<Written> write_pack(const model::Pack& result, const std::string& out_dir, const WriteOptions& options) {
    static const render::ReportTemplate k_builtin = render::default_report_template();
    const render::ReportTemplate* tpl = options.report_template ? options.report_template : &k_builtin;
    // Batch and the web page write through here too: a public paper with personal data is never written.
    if (auto refused = personal_data_refusal(result, *tpl)) return make_error(Errc::output, *refused);
    // A public paper hides small counts of children (and what gives one away); the internal pack keeps them.
    std::optional<model::Pack> published;
    if (tpl->audience == render::Audience::public_paper && tpl->suppress_counts_up_to > 0) {
        published = result;
        check::suppress_small_numbers(*published, tpl->suppress_counts_up_to);
    }
    const model::Pack& pack = published ? *published : result;
    // The checked copies: each input with findings whose workbook is at hand.
    std::vector<std::pair<std::string, std::string>> returns;  // input, copy's name
    std::vector<std::string> more;
    for (const auto& input : render::inputs_to_return(pack))
        for (const auto& src : options.sources)
            if (src.name == input) {
                returns.emplace_back(input, render::checked_copy_name(input, more));
                more.push_back(returns.back().second);
                break;
            }
    if (options.bundle) more.push_back(k_bundle_name);
    OutputFolder folder(out_dir, owned_names(out_dir, more), written_by());
    if (auto way = folder.in_the_way(); !way.empty()) return make_error(Errc::output, in_the_way_message(out_dir, way));
    render::OutputNames names{"scorecard.xlsx", "board-report.pdf"};
    std::mutex staged_mutex;
    std::map<std::string, fs::path> staged_at;
    auto staged = [&](const std::string& name, auto write) -> Status {
        BP_ASSIGN_OR_RETURN(fs::path path, folder.stage(name));
        {
            std::lock_guard lock(staged_mutex);
            staged_at[name] = path;
        }
        BP_TRY(write(path.string()));
        // For the manifest, here on the writing thread rather than at the commit: the digest, and the
        // sync to disk (the commit's own sync then finds nothing left to write; it reports any failure).
        // The disk starts writing first and the digest is made meanwhile (from the page cache): the
        // last output's sync was the end of the build, both cores idle.
        start_writeback(path);
        (void)digest_file_once(path);
        (void)sync_to_disk(path);
        return Ok{};
    };
    // The three outputs only read the pack: write them at the same time.
    auto scorecard = std::async(std::launch::async, [&] {
        return staged(names.scorecard, [&](const std::string& p) { return render::write_scorecard(pack, p); });
    });
    std::vector<std::string> report_notes;
    auto report = std::async(std::launch::async, [&] {
        return staged(names.report, [&](const std::string& p) -> Status {
            std::unique_ptr<pdf::Document> doc;
            if (options.report_document && options.report_document->valid()) {
                BP_ASSIGN_OR_RETURN(std::unique_ptr<pdf::Document> opened, options.report_document->get());
                doc = std::move(opened);
            }
            return render::write_board_report(pack, *tpl, p, &report_notes, std::move(doc));
        });
    });
    // A copy that cannot be made is left out and said: the pack itself does not depend on it.
    // The copies are independent: made on every core, each pack in its own slot (the order stays the inputs').
    std::vector<std::optional<Status>> made(returns.size());
    std::atomic<std::size_t> next{0};
    auto make_copies = [&] {
        for (std::size_t i; (i = next++) < returns.size();) {
            // Named, not a structured binding: clang 14 cannot capture those in the lambda below.
            const std::string& input = returns[i].first;
            const std::string& copy = returns[i].second;
            auto src = std::find_if(options.sources.begin(), options.sources.end(),
                                    [&](const pipeline::NamedFile& f) { return f.name == input; });
            made[i] = staged(copy, [&](const std::string& p) -> Status {
                auto done = render::write_checked_copy(pack, input, src->path, p);
                if (!done) return done.take_error();
                return Ok{};
            });
        }
    };
    std::vector<std::future<void>> copiers;
    unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    for (std::size_t k = 0; k < std::min<std::size_t>(cores, returns.size()); ++k)
        copiers.push_back(std::async(std::launch::async, make_copies));
    // summary.json names the copies made, so it is written once they are.
    for (auto& c : copiers) c.get();
    Status s = Ok{};
    std::vector<std::string> problems;
    std::vector<std::pair<std::string, std::string>> returned;
    render::OutputNames summary_names = names;  // a copy: the other outputs' threads still read `names`
    for (std::size_t i = 0; i < returns.size() && s; ++i) {
        const auto& [input, copy] = returns[i];
        if (*made[i]) {
            returned.emplace_back(input, copy);
            summary_names.returns.push_back({input, copy});
        } else if (made[i]->error().code == Errc::output) {
            s = *made[i];  // the folder, not the workbook
        } else {
            folder.discard(copy);
            problems.push_back("no checked copy: " + to_string(made[i]->error()));  // the message names the file
        }
    }
    // After the scorecard: written beside it, summary.json would take a share of the report's
    // core (the report is the longest output), where once the scorecard is done a core is free.
    Status sc = scorecard.get();
    std::string summary;
    if (s)
        s = staged("summary.json", [&](const std::string& p) -> Status {
            BP_TRY(render::write_summary_json(pack, summary_names, p));
            if (!options.keep_summary) return Ok{};
            return read_file(p, summary);
        });
    if (options.while_report) options.while_report();
    Status rp = report.get();
    if (s && !sc) s = sc;
    if (s && !rp) s = rp;
    std::vector<std::string> files{names.scorecard, names.report, "summary.json"};
    if (s && options.bundle) {
        // Zipped from the staged files (the three and the checked copies), so the zip, they and the manifest appear together.
        s = staged(k_bundle_name, [&](const std::string& p) -> Status {
            BP_ASSIGN_OR_RETURN(ZipWriter zip, ZipWriter::create(p));
            for (const auto& n : files) BP_TRY(zip.add_file(n, staged_at.at(n).string()));
            for (const auto& r : returned) BP_TRY(zip.add_file(r.second, staged_at.at(r.second).string()));  // returns/…
            return zip.close();
        });
        if (s) files.push_back(k_bundle_name);
    }
    if (s) s = folder.commit();
    if (!s) {
        folder.discard();
        (void)folder.commit();  // clears boardpack's earlier outputs
        return s.take_error();
    }
    for (const auto& r : returned) files.push_back(r.second);
    return Written{files, std::move(summary), std::move(returned), std::move(problems), std::move(report_notes)};
}

std::vector<std::string> clear_pack(const std::string& out_dir) {
    OutputFolder folder(out_dir, owned_names(out_dir, {}), written_by());
    (void)folder.commit();
    return folder.in_the_way();
}

}  // namespace bp::app
