// Shared by the PDF tests: the samples pack, a generated pack of any size,
// a stand-in Measure, and running the poppler/qpdf command-line tools.
#pragma once

#include <string>

#include "pipeline/pipeline.hpp"
#include "fixed_measure.hpp"

namespace bp::pdftest {


// samples/ built as the README says (--as-of 2026-11-21).
const model::Pack& sample_pack();
// A scorecard of `measures` KPIs in groups of 20, with a few plan actions.
model::Pack generated_pack(int measures);

// A fresh folder for one test's files.
std::string work_dir(const std::string& name);

struct Run {
    int status = -1;
    std::string out, err;
};
// Runs a shell command, capturing stdout and stderr.
Run run(const std::string& command);
// Whitespace runs as single spaces, so wrapped sentences compare as text.
std::string squash(const std::string& text);
std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& bytes);
// A 2x2 PNG, for logo tests.
std::string tiny_png();

}  // namespace bp::pdftest
