// `boardpack build` and `boardpack validate`.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/pipeline.hpp"
#include "recognise/vocabulary.hpp"

namespace bp::app {

struct PackOptions {
    std::vector<std::string> inputs;
    std::string out_dir;                    // build only
    std::optional<std::string> as_of;       // YYYY-MM-DD
    std::optional<std::string> vocabulary;  // a council's own vocabulary file
    std::optional<std::string> report_template;
    bool strict = false;
    bool json = false;                      // validate: findings as JSON
    read::ReadLimits limits;
};

int run_build(const PackOptions& options);
int run_validate(const PackOptions& options);

// What every command that builds packs (build, batch, serve) derives from its
// options: the report date, the vocabulary, the reader limits.
struct RunSettings {
    pipeline::Options options;  // options.vocabulary points into `vocabulary`
    std::shared_ptr<const recognise::Vocabulary> vocabulary;
};
// Prints what is wrong on stderr and returns nothing when --as-of, --vocabulary or --template is bad.
std::optional<RunSettings> prepare_run(const PackOptions& options);

// 0: no errors; 1: errors found; 2: nothing readable.
int exit_code(const pipeline::Result& r);

}  // namespace bp::app
