// The submission tracker (model::ReturnsTracker) in the words every document
// uses: the console, the scorecard's Returns sheet and the report's "Returns
// this month" table say the same thing the same way.
#pragma once

#include <string>

#include "model/pack.hpp"

namespace bp::render {

inline constexpr const char* k_returns_sheet = "Returns";

// "On time", "Late (3 days)", "Missing", "Not yet due", "Not expected".
std::string return_state_words(const model::ExpectedReturn& r);
// "Plan", "KPIs"; "–" for an unexpected file.
std::string return_kind_words(const model::ExpectedReturn& r);
// "Workforce"; "–" for an unexpected file (the workbook column names it).
std::string return_team_words(const model::ExpectedReturn& r);
// "plan-workforce.xlsx" (the matched files' names, comma-separated), or "–".
std::string return_files_words(const model::ExpectedReturn& r);
// "Of 7 returns expected, 4 came on time, 1 late and 1 is missing; 1 is not yet due. 1 workbook was not on the list."
std::string returns_sentence(const model::ReturnsTracker& t);
// The team the returns list gives an input file, or empty.
std::string team_of_input(const model::ReturnsTracker& t, const std::string& input_file);

}  // namespace bp::render
