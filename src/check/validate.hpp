// Rules on extracted records (SPEC 2.2): plan completeness and overdue
// actions; KPI ratings, ratios, ranges and polarity.
#pragma once

#include <vector>

#include "model/issue.hpp"
#include "model/records.hpp"
#include "util/excel_date.hpp"

namespace bp::check {

// Missing lead or due date, overdue (due before `as_of` and not Blue).
void check_plan(std::vector<model::PlanAction>& actions, CivilDate as_of, model::Issues& issues);
// Rates every measure; then ratio, range, polarity and supplied-RAG checks.
void check_kpis(std::vector<model::KpiMeasure>& measures, model::Issues& issues);

}  // namespace bp::check
