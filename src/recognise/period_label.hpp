// Year-labelled column headings: "Outturn 2011-12", "2012/13", "Actual 12/13",
// "YE 2012-13", "Q2 2023/24", "Outturn 2012-13 (provisional)", "2023".
// A heading names the period its column reports; the words around the period
// ("outturn", "target") say what the column holds.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "util/excel_date.hpp"

namespace bp::recognise {

struct PeriodLabel {
    int year = 0;            // the year the period starts in: 2012 for 2012-13
    bool financial = false;  // a year written as a span (April to March)
    int quarter = 0;         // 1-4, or 0 for a whole year
    bool provisional = false;
    std::string words;       // the heading's other words, normalised: "outturn", "target"

    // Later periods sort after earlier ones; a whole year after its own quarters.
    int order() const { return year * 8 + (quarter ? quarter : 5); }
    bool same_period(const PeriodLabel& o) const { return year == o.year && quarter == o.quarter; }
    CivilDate starts() const;   // 1 April 2012 for 2012-13; 1 July 2023 for Q2 2023/24
    std::string label() const;  // "2012-13", "Q2 2023-24", "2023"
};

// nullopt when the heading names no period, or more than one ("2011-12 v 2012-13").
std::optional<PeriodLabel> parse_period_label(std::string_view heading);

}  // namespace bp::recognise
