// Writes a built pack's outputs into a folder, all or nothing: used by
// build, batch and the web page alike.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pipeline/pipeline.hpp"
#include "render/pdf/report_template.hpp"

namespace bp::app {

struct WriteOptions {
    std::optional<std::string> report_template;  // path of a report template, or the built-in one
};

struct Written {
    std::vector<std::string> files;  // names inside the folder, in order
};

// The report template named by the options, or the built-in one.
Result<render::pdf::ReportTemplate> report_template(const WriteOptions& options);

// The names every build writes (summary.json, and the scorecard and report).
const std::vector<std::string>& output_names();

// Writes every output to a temporary file, then renames them all into place.
// On failure nothing new is visible and earlier outputs are removed, so none is stale.
Result<Written> write_pack(const pipeline::Result& result, const std::string& out_dir, const WriteOptions& options);

}  // namespace bp::app
