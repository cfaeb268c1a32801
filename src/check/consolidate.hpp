// One pack from many workbooks (SPEC 2.3): duplicates merged or reported,
// rows with errors left out, the plan ordered by section then ref, the
// scorecard grouped by group.
#pragma once

#include <string>
#include <vector>

#include "model/issue.hpp"
#include "model/pack.hpp"
#include "model/records.hpp"

namespace bp::check {

struct Submission {
    std::string file;
    std::vector<model::PlanAction> actions;
    std::vector<model::KpiMeasure> measures;
    std::optional<YearMonth> period;  // the latest month of its KPI trend, if any
};

// Fills the pack's plan, sections, measures, counts and period; findings go to `issues`.
void consolidate(std::vector<Submission> submissions, model::Pack& pack, model::Issues& issues);

// The key two refs are the same record by: "QP 1.2" and "qp1.2" are one.
std::string ref_key(const std::string& ref);

// "QP1.2" < "QP1.10": digit runs compare as numbers.
bool natural_less(const std::string& a, const std::string& b);

}  // namespace bp::check
