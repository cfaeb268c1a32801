// The whole job from input paths to a checked, consolidated pack: gather
// workbooks, scan each, check, consolidate. Front ends (CLI, batch, web)
// call this and only present the result.
#pragma once

#include <atomic>
#include <string>
#include <vector>

#include "check/consolidate.hpp"
#include "model/issue.hpp"
#include "model/table_mapping.hpp"
#include "read/workbook.hpp"
#include "recognise/column_mapping.hpp"
#include "recognise/vocabulary.hpp"
#include "util/excel_date.hpp"

namespace bp::pipeline {

struct InputSummary {
    std::string file;
    std::string kind;    // plan | kpi | mixed | unrecognised
    std::string status;  // ok | warnings | errors | unreadable
    int records = 0;
    std::vector<model::TableMapping> tables;  // how each table in it was read
    std::string near_miss;                    // no table: the closest thing to one
    std::string near_fingerprint;             // its heading row's, for a column mapping
};

struct Options {
    CivilDate as_of;
    read::ReadLimits limits;
    const recognise::Vocabulary* vocabulary = nullptr;  // null: the built-in one
    const recognise::ColumnMappings* mappings = nullptr;  // null: none
    unsigned threads = 0;  // workbooks scanned at once; 0: one per core
    // Set by another thread to stop early (the web page's client went away):
    // workbooks not yet started are skipped. The result is then incomplete.
    const std::atomic<bool>* cancel = nullptr;
};

struct Result {
    std::vector<InputSummary> inputs;
    model::Issues issues;  // errors first, then warnings, then info; each in input order
    check::Pack pack;
    int errors = 0, warnings = 0, infos = 0;
    bool any_readable() const;
    bool any_table() const;  // some input held a plan or KPI table: there is a pack to build
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
};

Result run(const std::vector<std::string>& files, const Options& options);
Result run_named(const std::vector<NamedFile>& files, const Options& options);
Result run_memory(const std::vector<MemoryInput>& inputs, const Options& options);

CivilDate today();

}  // namespace bp::pipeline
