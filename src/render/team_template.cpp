#include "render/team_template.hpp"

#include "util/clock.hpp"

#include <fmt/format.h>

#include "render/house_style.hpp"
#include "xlsx/packager.hpp"
#include "xlsx/xml.hpp"

namespace bp::render {

using namespace bp::xlsx;

namespace {

using std::uint32_t;

constexpr uint32_t k_header = 3;        // header in row 4, under the title rows
constexpr uint32_t k_input_rows = 500;  // rows given drop-downs and validation

CivilDate add_months(CivilDate d, int months) {
    int m = d.year * 12 + static_cast<int>(d.month) - 1 + months;  // months since year 0
    return CivilDate{m / 12, static_cast<unsigned>(m % 12) + 1, 1};
}

CivilDate end_of_month(CivilDate d) {
    return civil_from_days(days_from_civil(add_months(CivilDate{d.year, d.month, 1}, 1)) - 1);
}

struct Heading {
    const char* header;
    double width;
};

// Title rows, the header row and the column widths every template sheet has.
Worksheet data_sheet(HouseStyle& hs, const std::string& name, const std::string& title,
                     const std::vector<Heading>& columns) {
    Worksheet ws = titled_sheet(hs, name, title, "", colour::navy, true);
    ws.text(1, 0, "Team:", hs.heading);
    ws.blank(1, 1, hs.input);
    for (uint32_t c = 0; c < columns.size(); ++c) {
        ws.text(k_header, c, columns[c].header, hs.header);
        ws.width(c, c, columns[c].width);
    }
    ws.rows[k_header].height = 30;
    ws.freeze = CellPos{k_header + 1, 0};
    ws.print_title_rows = {k_header, k_header};
    const uint32_t last_col = static_cast<uint32_t>(columns.size()) - 1;
    ws.autofilter = CellRange{{k_header, 0}, {k_header + 2, last_col}};
    return ws;
}

CellRange input_column(uint32_t first_col, uint32_t last_col = 0) {
    return CellRange{{k_header + 1, first_col}, {k_header + k_input_rows, std::max(first_col, last_col)}};
}

DataValidation date_validation(CellRange range) {
    DataValidation dv;
    dv.ranges = {range};
    dv.type = ValidationType::date;
    dv.op = "between";
    dv.formula1 = format_number(serial_from_date(CivilDate{2000, 1, 1}, false));
    dv.formula2 = format_number(serial_from_date(CivilDate{2099, 12, 31}, false));
    dv.prompt_title = "Due date";
    dv.prompt = "A date such as 31/03/2027.";
    dv.error_title = "Not a date";
    dv.error = "Enter the due date as a date, such as 31/03/2027 (not text such as 'end of March').";
    return dv;
}

DataValidation number_validation(std::vector<CellRange> ranges, bool whole) {
    DataValidation dv;
    dv.ranges = std::move(ranges);
    dv.type = whole ? ValidationType::whole : ValidationType::decimal;
    dv.op = "greaterThanOrEqual";
    dv.formula1 = std::string("0");  // (a plain literal trips GCC 12's bogus -Wrestrict)
    dv.error_style = "warning";
    dv.error_title = "Not a number";
    dv.error = whole ? "Enter a whole number (a count of cases), or leave it empty."
                     : "Enter a number. Type a percentage with its % sign, e.g. 90.4%.";
    return dv;
}

DataValidation list_validation(CellRange range, const std::string& items, const std::string& title,
                               const std::string& prompt) {
    DataValidation dv;
    dv.ranges = {range};
    dv.type = ValidationType::list;
    dv.formula1 = "\"" + items + "\"";
    dv.prompt_title = title;
    dv.prompt = prompt;
    dv.error_title = "Not in the list";
    dv.error = "Choose one of: " + items + ".";
    return dv;
}

Worksheet instructions_sheet(HouseStyle& hs, const std::string& title, const std::vector<std::string>& lines) {
    Worksheet ws = titled_sheet(hs, "Instructions", title, "", nullptr);
    uint32_t row = 2;
    for (const auto& line : lines) {
        ws.text(row, 0, line, line.empty() || line.back() == ':' ? hs.heading : hs.note);
        ++row;
    }
    ws.width(0, 0, 95);  // fits the page at 100%
    return ws;
}

// Instructions first (what a team reads on opening), the data sheet active.
void finish(Workbook& wb, Worksheet help, Worksheet data, const std::string& title, const std::string& subject) {
    for (Worksheet* ws : {&help, &data}) {
        page_furniture(*ws, title, "boardpack template");
        fit_row_heights(*ws, wb.styles);
    }
    wb.sheets.push_back(std::move(help));
    wb.sheets.push_back(std::move(data));
    wb.active_sheet = 1;
    wb.properties.title = title;
    wb.properties.subject = subject;
}

void plan_template(CivilDate today, HouseStyle& hs, Workbook& wb) {
    enum : uint32_t { ref, section, action, lead, due, status, progress, evidence };
    Worksheet ws = data_sheet(hs, "Improvement plan", "Improvement plan return",
                              {{"Ref", 10}, {"Section", 24}, {"Action", 45}, {"Lead", 20}, {"Due date", 12},
                               {"Status", 10}, {"Progress update", 50}, {"Evidence of impact", 36}});
    struct Example {
        const char *ref, *action, *lead;
        CivilDate due;
        const char *status, *progress, *evidence;
    };
    Example examples[] = {
        {"QP1.1", "Example: hold daily screening meetings at the front door, chaired by a team manager.",
         "Team Manager, MASH", end_of_month(add_months(today, 6)), "Green",
         "Example: daily meetings in place; a dip sample of 40 contacts found the right decision in 36.",
         "Example: audit of threshold decisions each quarter."},
        {"QP1.2", "Example: every child in need has a plan reviewed within three months.", "Head of Service",
         end_of_month(add_months(today, 12)), "Amber",
         "Example: 87% reviewed on time; two teams are short of staff, so the date has slipped.",
         "Example: monthly KPI 3.2 (reviews within three months)."},
    };
    XfId wrap = hs.text_wrap, date = hs.date, center = hs.text_center, bold = hs.body("", true);
    uint32_t row = k_header + 1;
    for (const auto& e : examples) {
        ws.text(row, ref, e.ref, bold);
        ws.text(row, section, "Quality of Practice", wrap);
        ws.text(row, action, e.action, wrap);
        ws.text(row, lead, e.lead, wrap);
        ws.number(row, due, serial_from_date(e.due, false), date);
        ws.text(row, status, e.status, center);
        ws.text(row, progress, e.progress, wrap);
        ws.text(row, evidence, e.evidence, wrap);
        ++row;
    }
    // Dates typed below the examples show as dd/mm/yyyy (no border: empty cells stay plain).
    Format typed_date;
    typed_date.font.size = 10;
    typed_date.num_fmt = k_fmt_date;
    typed_date.align.horizontal = "center";
    ws.columns[due].xf = hs.styles.add(typed_date);
    ws.validations.push_back(status_drop_down({input_column(status)}));
    ws.validations.push_back(date_validation(input_column(due)));
    ws.conditional_formats.push_back(status_colours(hs, {input_column(status)}, true));

    Worksheet help = instructions_sheet(
        hs, "Improvement plan return: how to fill it in",
        {"What to do:",
         "1. Put one action on each row of the 'Improvement plan' sheet, under the header row. Keep the header "
         "row as it is: boardpack finds the columns by their names.",
         "2. Replace the two example rows with your own actions before you send the return.",
         "3. Write your team's name in the yellow cell next to 'Team:'.",
         "",
         "The columns:",
         "Ref: a short reference for the action, such as QP1.1. Keep it the same every month so progress can be "
         "followed.",
         "Section: the section of the improvement plan the action belongs to, such as Quality of Practice.",
         "Action: what will be done. Lead: the officer responsible for it.",
         "Due date: a date such as 31/03/2027, not text such as 'end of March'. Write 'Ongoing' for work with no "
         "end date.",
         "Status: choose from the drop-down. " + model::status_legend() + ".",
         "Progress update: what has happened since the last return. Evidence of impact: how you know it is making "
         "a difference.",
         "",
         "Before you send it:",
         "An action past its due date that is not Blue is reported as overdue: update its status or agree a new "
         "date.",
         "Run 'boardpack validate' on the workbook to see anything that needs correcting, with the cell to fix."});
    finish(wb, std::move(help), std::move(ws), "Improvement plan return",
           "Team submission template for the improvement plan");
}

void kpi_template(CivilDate today, HouseStyle& hs, Workbook& wb) {
    enum : uint32_t { group, ref, title, previous, num, denom, current, period, month0, min = month0 + 6, upper,
                      polarity, commentary };
    // The six months before this one, oldest first.
    std::vector<std::string> months;
    for (int i = 6; i >= 1; --i) {
        CivilDate d = add_months(CivilDate{today.year, today.month, 1}, -i);
        months.push_back(month_label({d.year, d.month}));
    }
    std::vector<Heading> cols = {{"Group", 22}, {"Ref", 8}, {"Performance measure", 44}, {"Previous year", 10},
                                {"Num", 9},    {"Denom", 9}, {"Current", 9},  {"Period", 12}};
    for (const auto& m : months) cols.push_back({m.c_str(), 8});
    for (Heading c : {Heading{"Min", 8}, Heading{"Upper", 8}, Heading{"Polarity", 15}, Heading{"Commentary", 40}})
        cols.push_back(c);
    Worksheet ws = data_sheet(hs, "KPIs", "KPI return", cols);

    XfId wrap = hs.text_wrap, center = hs.text_center, bold = hs.body("", true);
    XfId pct = hs.unit_format(model::Unit::percent), pct_bold = hs.unit_format(model::Unit::percent, true);
    XfId cnt = hs.unit_format(model::Unit::count), cnt_bold = hs.unit_format(model::Unit::count, true);
    uint32_t row = k_header + 1;
    // A percentage measure with targets.
    ws.text(row, group, "Front door / assessment", wrap);
    ws.text(row, ref, "2.1", bold);
    ws.text(row, title, "Example: % of contacts completed within 1 working day", wrap);
    ws.number(row, previous, 0.95, pct);
    ws.number(row, num, 940, cnt);
    ws.number(row, denom, 1000, cnt);
    ws.number(row, current, 0.94, pct_bold);
    ws.text(row, period, "YTD", center);
    const double pct_trend[] = {0.93, 0.95, 0.96, 0.92, 0.95, 0.94};
    for (uint32_t i = 0; i < 6; ++i) ws.number(row, month0 + i, pct_trend[i], pct);
    ws.number(row, min, 0.90, pct);
    ws.number(row, upper, 0.95, pct);
    ws.text(row, polarity, "Higher is better", center);
    ws.text(row, commentary, "Example: just below the upper target; a new duty rota starts next month.", wrap);
    ++row;
    // An activity measure: a count with no targets.
    ws.text(row, group, "Cohorts", wrap);
    ws.text(row, ref, "1.2", bold);
    ws.text(row, title, "Example: Number of children in need", wrap);
    ws.number(row, previous, 738, cnt);
    ws.blank(row, num, cnt);
    ws.blank(row, denom, cnt);
    ws.number(row, current, 790, cnt_bold);
    ws.text(row, period, "Snapshot", center);
    const double cnt_trend[] = {738, 757, 812, 819, 777, 790};
    for (uint32_t i = 0; i < 6; ++i) ws.number(row, month0 + i, cnt_trend[i], cnt);
    ws.blank(row, min, cnt);
    ws.blank(row, upper, cnt);
    ws.blank(row, polarity, center);
    ws.text(row, commentary, "Example: an activity measure, so no targets.", wrap);

    ws.validations.push_back(list_validation(input_column(period), "Snapshot,YTD,Rolling Year,Month", "Period",
                                             "Snapshot, YTD (year to date), Rolling Year or Month."));
    ws.validations.push_back(list_validation(input_column(polarity), "Higher is better,Lower is better", "Polarity",
                                             "Leave empty when Min and Upper show the direction."));
    ws.validations.push_back(number_validation({input_column(num, denom)}, true));
    ws.validations.push_back(number_validation(
        {input_column(previous), input_column(current), input_column(month0, upper)}, false));

    Worksheet help = instructions_sheet(
        hs, "KPI return: how to fill it in",
        {"What to do:",
         "1. Put one indicator on each row of the 'KPIs' sheet, under the header row. Keep the header row as it "
         "is: boardpack finds the columns by their names.",
         "2. Replace the two example rows with your own indicators before you send the return.",
         "3. Write your team's name in the yellow cell next to 'Team:'. Rename the six month columns if your "
         "months differ: a label such as 'Oct 26' or a date.",
         "",
         "The columns:",
         "Group: the heading the indicator sits under in the scorecard, such as Front door / assessment.",
         "Ref and Performance measure: the indicator's reference (such as 2.1) and its title.",
         "Previous year, Current and the six months: type percentages with their % sign (90.4%), counts as "
         "numbers (1,958).",
         "Num and Denom: the counts the percentage is worked out from. Current must equal Num / Denom.",
         "Period: Snapshot, YTD, Rolling Year or Month, from the drop-down.",
         "Min and Upper: the agreed targets (corporate minimum/upper model). Leave both empty for activity "
         "measures such as the number of children in need.",
         "Polarity: optional. When Min is above Upper, lower is better (for example, the share of assessments "
         "out of timescale).",
         "",
         "How the rating is worked out:",
         "Higher is better: at or above Upper is green, between Min and Upper amber, below Min red. Lower is "
         "better: at or below Upper green, up to Min amber, above Min red.",
         "Run 'boardpack validate' on the workbook to see anything that needs correcting, with the cell to fix."});
    finish(wb, std::move(help), std::move(ws), "KPI return", "Team submission template for key performance indicators");
}

}  // namespace

Workbook team_template_workbook(TemplateKind kind, CivilDate today, std::time_t now) {
    Workbook wb;
    HouseStyle hs(wb.styles);
    if (kind == TemplateKind::plan)
        plan_template(today, hs, wb);
    else
        kpi_template(today, hs, wb);
    wb.properties.keywords = "boardpack; team return; template";
    wb.properties.category = "Team return";
    wb.properties.created = now;
    return wb;
}

Status write_team_template(TemplateKind kind, const std::string& path, std::time_t now) {
    return write_workbook(team_template_workbook(kind, local_date(now), now), path);
}

}  // namespace bp::render
