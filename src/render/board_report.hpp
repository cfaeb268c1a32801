// The board report (SPEC 3.2): title block, summary of progress, KPI
// highlight table, exceptions and data quality, in the order and with the
// titles the report template gives.
#pragma once

#include <optional>
#include <string>

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

// Writes board-report.pdf for a built pack to `path` (the caller gives a
// temporary path and renames it).
Status write_board_report(const model::Pack& pack, const ReportTemplate& tpl, const std::string& path);

}  // namespace bp::render
