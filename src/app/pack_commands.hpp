// `boardpack build` and `boardpack validate`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pipeline/pipeline.hpp"

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

}  // namespace bp::app
