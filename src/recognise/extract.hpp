// Turns the rows under a recognised header into plan actions or KPI
// measures, with a finding for every cell that is not what its column needs.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/issue.hpp"
#include "model/records.hpp"
#include "recognise/table_layout.hpp"

namespace bp::recognise {

struct Extracted {
    std::vector<model::PlanAction> actions;
    std::vector<model::KpiMeasure> measures;
    std::optional<YearMonth> period;  // latest month of a KPI table's trend
};

void extract_plan(const SheetGrid& grid, const Vocabulary& vocab, const TableLayout& layout, const std::string& file,
                  Extracted& out, model::Issues& issues);
void extract_kpis(const SheetGrid& grid, const Vocabulary& vocab, const TableLayout& layout, const std::string& file,
                  Extracted& out, model::Issues& issues);

}  // namespace bp::recognise
