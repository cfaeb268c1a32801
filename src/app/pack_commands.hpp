// `boardpack build` and `boardpack validate`.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "app/pack_history.hpp"
#include "app/returns_options.hpp"
#include "pipeline/pipeline.hpp"
#include "render/report_template.hpp"
#include "recognise/vocabulary.hpp"

namespace bp::app {

struct PackOptions {
    std::vector<std::string> inputs;
    std::string out_dir;                    // build only
    std::optional<std::string> as_of;       // YYYY-MM-DD
    std::optional<std::string> vocabulary;  // a council's own vocabulary file
    std::vector<std::string> mappings;      // column mapping files or folders (default: templates/mappings, if there)
    std::optional<std::string> report_template;
    std::optional<std::string> title, author, meeting_date;  // over the template's (build, batch, serve)
    bool strict = false;
    bool no_returns = false;                // build, batch: no checked copies of the teams' workbooks
    bool json = false;                      // validate: findings as JSON
    bool explain = false;                   // validate: how each table was read
    HistoryFlags history;                   // build, batch: --history, --no-history (build: --previous)
    read::ReadLimits limits;
    ReturnsFlags tracker;                   // build, batch: --returns-list, --received
};

int run_build(const PackOptions& options);
int run_validate(const PackOptions& options);

// What every command that builds packs (build, batch, serve) derives from its
// options: the report date, the vocabulary, the reader limits.
struct RunSettings {
    pipeline::Options options;  // options.vocabulary and .mappings point into the two below
    std::shared_ptr<const recognise::Vocabulary> vocabulary;
    std::shared_ptr<const recognise::ColumnMappings> mappings;
    std::shared_ptr<const render::ReportTemplate> report_template;  // loaded and checked once
    bool returns = true;  // write each team's checked copy (returns/)
    std::shared_ptr<PackHistory> history;  // batch: where each pack is recorded; null: none
    std::shared_ptr<const check::ReturnsList> returns_list;  // options.returns_list points into it
};
// Prints what is wrong on stderr and returns nothing when --as-of, --vocabulary, --mappings or --template is bad.
std::optional<RunSettings> prepare_run(const PackOptions& options);

// 0: no errors; 1: errors found; 2: nothing readable.
int exit_code(const model::Pack& r);

// Adds --title, --author and --meeting-date to a command that writes the report (build, batch, serve).
void add_title_block_options(CLI::App& cmd, PackOptions& options);

// Adds --vocabulary and --mappings to a command (build, validate, batch, serve).
void add_reading_options(CLI::App& cmd, PackOptions& options);

}  // namespace bp::app
