// Shared by the PDF tests: the samples pack, a generated pack of any size,
// a stand-in Measure, and running the poppler/qpdf command-line tools.
#pragma once

#include <string>

#include "pipeline/pipeline.hpp"
#include "render/pdf/layout.hpp"

namespace bp::pdftest {

// Each character is `em` of the size wide (bold a little wider): easy to reason about.
class FixedMeasure : public render::pdf::Measure {
public:
    explicit FixedMeasure(double em = 0.5) : m_em(em) {}
    double width(std::string_view text, render::pdf::FontStyle style, double size) const override;

private:
    double m_em;
};

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
