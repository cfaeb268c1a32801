// The board report (SPEC 3.2): title block, summary of progress, KPI
// highlight table, exceptions and data quality, in the order and with the
// titles the report template gives.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/pack.hpp"
#include "pdf/document.hpp"
#include "pdf/layout.hpp"
#include "render/report_template.hpp"
#include "util/result.hpp"

namespace bp::render {

struct ReportAssets {
    std::optional<pdf::ImageSize> logo;  // the template's logo, when it has one
};

// Every page of the report, measured with `m`, header, footer and
// "Page X of Y" included. Pure: tests lay it out with a stand-in pdf::Measure.
pdf::Layout layout_board_report(const model::Pack& pack, const ReportTemplate& tpl, const pdf::Measure& m,
                           const ReportAssets& assets = {});

// The report's document with the template's fonts loaded. libharu maps every
// one of a font's 65,536 characters as it loads it (some 20 ms for the two), so
// a build opens it while the workbooks are read, off the report's critical path.
Result<std::unique_ptr<pdf::Document>> open_report_document(const ReportTemplate& tpl);

// Writes board-report.pdf for a built pack to `path` (the caller gives a
// temporary path and renames it), into `doc` when one was opened ahead.
// `notes`, when given, gets what the reader of the console should know:
// characters no installed font could draw.
Status write_board_report(const model::Pack& pack, const ReportTemplate& tpl, const std::string& path,
                          std::vector<std::string>* notes = nullptr, std::unique_ptr<pdf::Document> doc = nullptr);

// The one warning for characters drawn as U+FFFD because no font has them
// (and what to install or set); nothing when there are none.
std::optional<std::string> missing_glyphs_note(const std::vector<char32_t>& missing);

}  // namespace bp::render
