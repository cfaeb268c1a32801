// The whole job from input paths to a checked, consolidated pack: gather
// workbooks, scan each, check, consolidate. Front ends (CLI, batch, web)
// call this and only present the result.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include <ctime>

#include "check/returns_list.hpp"
#include "model/pack.hpp"
#include "read/workbook.hpp"
#include "recognise/column_mapping.hpp"
#include "recognise/vocabulary.hpp"
#include "util/excel_date.hpp"

namespace bp::pipeline {

struct Options {
    CivilDate as_of;
    read::ReadLimits limits;
    const recognise::Vocabulary* vocabulary = nullptr;  // null: the built-in one
    const recognise::ColumnMappings* mappings = nullptr;  // null: none
    unsigned threads = 0;  // workbooks scanned at once; 0: one per core
    // Set by another thread to stop early (the web page's client went away):
    // workbooks not yet started are skipped. The result is then incomplete.
    const std::atomic<bool>* cancel = nullptr;
    std::time_t built_at = 0;   // the build time the outputs state (the app's clock, SOURCE_DATE_EPOCH honoured)
    std::string tool_version;   // stamped on the pack: renderers take it from there
    // The returns list (and --received dates): the pack says who sent theirs. Null: no tracker.
    const check::ReturnsList* returns_list = nullptr;
    // The severity of a `personal-data` finding: an error when the report is a
    // public paper no one has reviewed (the build then refuses it), else a warning.
    model::Severity personal_data = model::Severity::warning;
    // Called once, from the first scanning thread to run out of workbooks: from then
    // until the writers start (the last workbooks, consolidation) a core is free for
    // work that does not need the pack, such as loading the report's fonts.
    std::function<void()> on_core_free;
};

struct Gathered {
    std::vector<std::string> files;
    std::vector<std::string> outputs;  // boardpack's own outputs met in the folders, left out
};
// Files as given; folders searched (recursively, sorted) for *.xlsx and *.xlsm
// (and .xls, .xlsb, .ods, which are then reported as unreadable with what to do),
// skipping Excel lock files (~$*), boardpack's staging folders, and the files a
// folder's output manifest lists as boardpack's own and unchanged: a pack's
// scorecard.xlsx is never read back, a team's own scorecard.xlsx is. Paths that
// do not exist are returned too, so they are reported as unreadable.
Gathered gather(const std::vector<std::string>& paths);
std::vector<std::string> gather_inputs(const std::vector<std::string>& paths);

// A workbook already in memory (an upload), with the name to show.
struct MemoryInput {
    std::string name;
    std::string bytes;
};

// A workbook on disk shown under another name (an upload saved in its folder).
struct NamedFile {
    std::string path;
    std::string name;
    bool file_time = true;  // false: the file's time is when it was saved here, not the team's (an upload)
};

model::Pack run(const std::vector<std::string>& files, const Options& options);
model::Pack run_named(const std::vector<NamedFile>& files, const Options& options);
model::Pack run_memory(const std::vector<MemoryInput>& inputs, const Options& options);


}  // namespace bp::pipeline
