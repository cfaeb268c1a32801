// The words around the tables: numbers as a board paper prints them, and the
// generated sentences that summarise each table ("Of 14 indicators with
// targets, 3 are green, 6 amber and 5 red.").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/pack.hpp"
#include "model/issue.hpp"
#include "model/records.hpp"
#include "util/excel_date.hpp"

namespace bp::render {

// "1 indicator", "3 indicators"
std::string count_of(long n, std::string_view one, std::string_view many);

// 1958 -> "1,958"; 0.5 -> "0.5" (up to `decimals`, trailing zeros dropped)
std::string format_number(double v, int decimals);
// A measure's value: percentages with one decimal (90.4%), counts with
// thousands separators, other numbers with up to two decimals. "–" when absent.
std::string format_value(const model::KpiMeasure& m, std::optional<double> v);
// A target: percentages with as few decimals as needed (85%, 96.5%).
std::string format_target(const model::KpiMeasure& m, std::optional<double> v);
// In a sentence, with its unit: "426.3 per 10,000", "690 days", "90.4%".
std::string format_with_unit(const model::KpiMeasure& m, std::optional<double> v);
// The KPI table's Unit column: "%", "per 10,000", "days", "count", "£", or "–" for a plain number.
std::string unit_column_text(model::Unit u);

// "26 November 2026"
std::string long_date(CivilDate d);

// "Of 14 indicators with targets, 3 are green, 6 amber and 5 red." and a
// sentence on the indicators without targets.
std::string kpi_counts_sentence(const model::RatingCounts& c, std::size_t measures);

// How far a measure is from the target that decides its rating, in words:
// "77.8% is 7.2 points below the minimum of 85%"; for lower-is-better
// measures "11.7% is 1.7 points above the maximum of 10% (lower is better)".
std::string distance_to_target(const model::KpiMeasure& m);
// The shortfall in the measure's own units (points for percentages) below
// the threshold of its rating; nullopt when it meets it or has none.
std::optional<double> shortfall(const model::KpiMeasure& m);

// "The plan has 62 actions in 5 sections: 14 are completed (blue), ..."
std::string plan_sentence(const std::vector<model::SectionCount>& sections, const model::SectionCount& total);

// "Of the 5 red indicators, 4 miss their minimum by less than 3 points."
std::string red_kpis_sentence(const std::vector<const model::KpiMeasure*>& reds);

// "26 actions are red or amber: 10 have not progressed as planned (red) and
// 16 show some progress but slippage (amber)." plus the overdue count.
std::string exception_actions_sentence(int red, int amber, int overdue);

// "The 7 workbooks gave 3 errors, 10 warnings and 19 notes. ..."
std::string findings_sentence(std::size_t workbooks, int errors, int warnings, int infos);

}  // namespace bp::render
