// Writes a built pack's outputs into a folder, all or nothing: used by
// build, batch and the web page alike. The rules (util/output_folder.hpp):
// only files boardpack wrote itself (by the folder's manifest) are replaced or
// removed, a file in the way stops the write before anything is touched, and
// the outputs and the manifest appear together. Each input with findings is
// also returned to its team, checked (render/returns.hpp), as
// returns/<name> - checked.xlsx, listed in the manifest like the others.
#pragma once

#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pdf/document.hpp"
#include "pipeline/pipeline.hpp"
#include "render/report_template.hpp"

namespace bp::app {

inline constexpr const char* k_bundle_name = "board-pack.zip";  // the three outputs and the checked copies zipped, for the web page

struct WriteOptions {
    const render::ReportTemplate* report_template = nullptr;  // loaded once per run; null: the built-in one
    bool bundle = false;  // also board-pack.zip of the three (the web page's "all as a zip")
    bool keep_summary = false;  // also return summary.json's bytes (the web page serves them)
    // Where each input's workbook is (path) under the name the pack shows (name):
    // the checked copies are made from these. None: no checked copies.
    std::vector<pipeline::NamedFile> sources = {};
    // The report's document, opened while the workbooks were read (render::open_report_document);
    // none: opened when the report is written.
    std::future<Result<std::unique_ptr<pdf::Document>>>* report_document = nullptr;
    // Work of the caller's, run on its thread once its share of the writing is done and the
    // report (the longest output) is still being written: a core that would otherwise wait.
    std::function<void()> while_report = {};
};

// Every file names itself: build and batch read each input from the name they show.
std::vector<pipeline::NamedFile> sources_as_named(const std::vector<std::string>& files);

struct Written {
    std::vector<std::string> files;  // names inside the folder, in order
    std::string summary;             // with keep_summary: summary.json exactly as written (read back from the file)
    std::vector<std::pair<std::string, std::string>> returns;  // input shown name, its checked copy's name in the folder
    std::vector<std::string> return_problems;  // a checked copy that could not be made, and why (the pack is still written)
    std::vector<std::string> report_notes;     // the report was written, but: characters no font could draw
};

// The report template at `path`, or the built-in one.
Result<render::ReportTemplate> report_template(const std::optional<std::string>& path);

// The names every build writes (summary.json, and the scorecard and report).
const std::vector<std::string>& output_names();
// Those, the web page's zip, and any checked copy: for clearing stale staging folders.
std::vector<std::string> any_output_names();

// Why `out_dir` cannot take the outputs of a run over `inputs`: it is an
// input folder, lies inside one, or holds an input, however spelled (symlinks,
// `..`, bind mounts). Nothing when they are apart.
std::optional<std::string> overlap_problem(const std::vector<std::string>& inputs, const std::string& out_dir);

// An error naming the files in `out_dir` that have an output's name but are
// not boardpack's, and what to do; Ok when the outputs can be written there.
Status check_out_dir(const std::string& out_dir);

// Why a public report (audience = public, personal_data = unreviewed) cannot be
// written: each cell with a `personal-data` finding, and what to do. Nothing
// when the template allows the pack.
std::optional<std::string> personal_data_refusal(const model::Pack& pack, const render::ReportTemplate& tpl);

// Writes every output into a staging area, then publishes them all at once.
// On failure nothing new is visible and boardpack's earlier outputs are
// removed, so none is stale.
Result<Written> write_pack(const model::Pack& result, const std::string& out_dir, const WriteOptions& options);

// After a run that built nothing: removes boardpack's outputs of an earlier run
// from `out_dir`. Returns the files with an output's name that were left
// because boardpack did not write them.
std::vector<std::string> clear_pack(const std::string& out_dir);

}  // namespace bp::app
