// What build and validate print on a terminal: the inputs, the seed-002
// style plan table, the KPI counts, and the findings.
#pragma once

#include <cstdio>
#include <functional>
#include <optional>
#include <string>

#include "pipeline/pipeline.hpp"

namespace bp::app {

void print_inputs(std::FILE* out, const model::Pack& r);
void print_pack(std::FILE* out, const model::Pack& r);
// The submission tracker: each expected return's state (nothing without a returns list).
void print_returns(std::FILE* out, const model::Pack& r);
// `validate --explain`: for every table, which heading feeds which field, and the headings left out.
void print_tables(std::FILE* out, const model::Pack& r);
// Errors and warnings in full; infos too when `all`, else counted.
void print_issues(std::FILE* out, const model::Pack& r, bool all);

// What `print` writes, as text to print later: build makes its findings' text while the
// report is still being written, off the end of the run. Nothing when out of memory.
std::optional<std::string> printed(const std::function<void(std::FILE*)>& print);

}  // namespace bp::app
