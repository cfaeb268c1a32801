// What an earlier pack said, kept to compare the next one with: read from the
// history database or from that pack's summary.json. Plain data; no I/O.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/records.hpp"
#include "util/excel_date.hpp"

namespace bp::model {

struct ActionSnapshot {
    std::string ref;
    std::string section;
    std::string action;
    PlanStatus status = PlanStatus::unrated;
    std::optional<CivilDate> due;
    std::string source_sha256;  // of the workbook it came from; empty when unknown
};

struct MeasureSnapshot {
    std::string ref;
    std::string title;
    Rating rating = Rating::none;
    std::optional<double> value;  // in the measure's unit (percentages as fractions)
    Unit unit = Unit::number;
    Polarity polarity = Polarity::none;
    std::string source_sha256;
};

struct PackSnapshot {
    YearMonth period;       // the month that pack reported (see pack_period)
    CivilDate report_date;  // the date its "overdue" was judged against
    std::string origin;     // where it was read, for people: "history.sqlite" or "september/summary.json"
    std::vector<ActionSnapshot> actions;
    std::vector<MeasureSnapshot> measures;
};

}  // namespace bp::model
