// scorecard.xlsx (SPEC 3.1): Summary, Plan, Scorecard and Issues sheets (and
// Returns, with a returns list) for a built pack, with live formulas (RAG, counts, sentences) whose cached values
// follow boardpack's own rules.
#pragma once

#include <ctime>
#include <string>

#include "model/pack.hpp"
#include "xlsx/model.hpp"
#include "util/result.hpp"

namespace bp::render {

// The sheet names, for documents that send the reader to a sheet ("see the
// scorecard's Plan sheet").
inline constexpr const char* k_plan_sheet = "Plan";
inline constexpr const char* k_scorecard_sheet = "Scorecard";
inline constexpr const char* k_issues_sheet = "Issues";

// Writes the scorecard workbook for a built pack to `path` (the caller gives a temporary path and renames it).
Status write_scorecard(const model::Pack& pack, const std::string& path);

// The workbook write_scorecard() writes, built at time `now` (shown as the build date).
xlsx::Workbook scorecard_workbook(const model::Pack& pack, std::time_t now);

// "Of 14 indicators with targets, 3 are green, 6 amber and 5 red."
std::string kpi_sentence(int green, int amber, int red);
// "Of 62 actions, 14 are completed (blue), 22 on track (green), ..."
std::string plan_sentence(int total, int blue, int green, int amber, int red);

// The Excel formula rating a value against Min/Upper cells (SPEC 2.1), e.g. for row 8:
// value F8, Min N8, Upper O8. `lower_if_one_target`: a measure known to be
// lower-is-better that has only one target.
std::string rag_formula(const std::string& value, const std::string& min, const std::string& upper,
                        bool lower_if_one_target);

}  // namespace bp::render
