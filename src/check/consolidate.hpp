// One pack from many workbooks (SPEC 2.3): duplicates merged or reported,
// rows with errors left out, the plan ordered by section then ref, the
// scorecard grouped by group.
#pragma once

#include <string>
#include <vector>

#include "model/issue.hpp"
#include "model/records.hpp"

namespace bp::check {

struct SectionCount {
    std::string name;
    int total = 0, blue = 0, green = 0, amber = 0, red = 0, unrated = 0;
};

struct RatingCounts {
    int green = 0, amber = 0, red = 0, none = 0;
    int rated() const { return green + amber + red; }
};

struct Pack {
    std::vector<model::PlanAction> actions;
    std::vector<SectionCount> sections;
    std::vector<model::KpiMeasure> measures;
    RatingCounts counts;
    std::string period;  // "Aug 23"
};

struct Submission {
    std::string file;
    std::vector<model::PlanAction> actions;
    std::vector<model::KpiMeasure> measures;
    std::string period;   // "Aug 23", or empty
    int period_order = 0;  // year * 12 + month: periods compare by date, not by their text
};

Pack consolidate(std::vector<Submission> submissions, model::Issues& issues);

// "QP1.2" < "QP1.10": digit runs compare as numbers.
bool natural_less(const std::string& a, const std::string& b);

}  // namespace bp::check
