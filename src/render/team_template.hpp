// Blank team submission workbooks (`boardpack template plan|kpi`): the headers
// boardpack recognises, drop-downs and validation, two example rows and an
// Instructions sheet. boardpack reads what it writes with no findings.
#pragma once

#include <ctime>
#include <string>

#include "xlsx/model.hpp"
#include "util/excel_date.hpp"
#include "util/result.hpp"

namespace bp::render {

enum class TemplateKind { plan, kpi };

Status write_team_template(TemplateKind kind, const std::string& path, std::time_t now);  // `now`: the build clock

// The workbook write_team_template() writes when today is `today` (example
// rows are dated from it so they are never overdue), stamped `now`.
xlsx::Workbook team_template_workbook(TemplateKind kind, CivilDate today, std::time_t now);

}  // namespace bp::render
