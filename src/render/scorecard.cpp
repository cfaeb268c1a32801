#include "render/scorecard.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "model/changes.hpp"
#include "model/rag.hpp"
#include "render/house_style.hpp"
#include "render/narrative.hpp"
#include "render/scorecard_returns.hpp"
#include "render/words.hpp"
#include "util/exit_reclaim.hpp"
#include "util/file_name.hpp"
#include "xlsx/packager.hpp"

namespace bp::render {

using namespace bp::xlsx;

namespace {

using std::uint32_t;

std::string plural(int n, const char* one, const char* many) { return fmt::format("{} {}", n, n == 1 ? one : many); }

std::string local_date(std::time_t t) {
    std::tm tm{};
    localtime_r(&t, &tm);
    return fmt::format("{:02}/{:02}/{:04}", tm.tm_mday, tm.tm_mon + 1, tm.tm_year + 1900);
}

std::string base_name(const std::string& path) { return std::string(file_name_of(path)); }

// "Better", "Worse", "Same"; empty where it cannot be told.
std::string direction_words(model::Direction d) {
    switch (d) {
    case model::Direction::better: return "Better";
    case model::Direction::worse: return "Worse";
    case model::Direction::same: return "Same";
    case model::Direction::unknown: break;
    }
    return {};
}

// ---- Plan ---------------------------------------------------------------

// Compared with the last board, "Last time" and "Change" come before the source column.
enum PlanCol : uint32_t { p_ref, p_action, p_lead, p_due, p_status, p_progress, p_evidence, p_notes, p_was, p_change };
constexpr uint32_t k_plan_header = 3;

struct SectionRows {
    std::string name;
    uint32_t first = 0, last = 0;  // action rows (0-based), inclusive
    bool empty = true;
};

struct PlanLayout {
    std::vector<SectionRows> sections;
};

// Short notes per action row from the warnings about it: "Overdue", "No lead".
std::map<std::tuple<std::string, std::string, uint32_t>, std::vector<std::string>> row_notes(
    const model::Issues& issues) {
    std::map<std::tuple<std::string, std::string, uint32_t>, std::vector<std::string>> out;
    for (const auto& is : issues) {
        if (is.severity != model::Severity::warning || !is.cell) continue;
        const CellPos* pos = &*is.cell;
        std::string note = is.code == "overdue"            ? "Overdue"
                           : is.code == "missing-lead"     ? "No lead"
                           : is.code == "missing-due-date" ? "No due date"
                                                           : is.code;
        if (note == is.code) {
            std::replace(note.begin(), note.end(), '-', ' ');
            if (!note.empty()) note[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(note[0])));
        }
        out[{is.file, is.sheet, pos->row + 1}].push_back(note);
    }
    return out;
}

// "Worse; due date 61 days later", "New": how an action moved since the last board.
std::string action_change_words(const model::PlanAction& a) {
    if (a.new_since_last) return "New";
    std::string out = direction_words(model::status_movement(a));
    if (int slip = model::slipped_days(a); slip > 0)
        out += fmt::format("{}due date {} later", out.empty() ? "" : "; ", plural(slip, "day", "days"));
    return out;
}

Worksheet plan_sheet(const model::Pack& pack, HouseStyle& hs, PlanLayout& layout) {
    std::set<std::string> files;
    for (const auto& a : pack.actions) files.insert(a.source.file);
    Worksheet ws = titled_sheet(
        hs, k_plan_sheet, "Improvement plan: all actions",
            fmt::format("{} from {}, by section of the plan. Status: {}.",
                        plural(static_cast<int>(pack.actions.size()), "action", "actions"),
                        plural(static_cast<int>(files.size()), "team workbook", "team workbooks"), model::status_legend()));
    const bool compared = pack.since.compared;
    const uint32_t p_source = compared ? p_change + 1 : p_was, p_last = p_source;
    std::vector<std::string> headers = {"Ref", "Action", "Lead", "Due date", "Status", "Progress update",
                                        "Evidence of impact", "Notes"};
    if (compared) headers.insert(headers.end(), {"Last time", "Change"});
    headers.push_back("Source");
    for (uint32_t c = 0; c <= p_last; ++c)
        ws.text(k_plan_header, c, headers[c], c == p_due || c == p_status || c == p_was ? hs.header : hs.header_left);
    ws.rows[k_plan_header].height = 30;

    auto notes = row_notes(pack.issues);
    XfId ref = hs.body("", true), due = hs.date;
    std::vector<uint32_t> action_rows;
    uint32_t row = k_plan_header + 1;
    // Section by section in the pack's order, so each section's rows are one block.
    std::vector<std::string> order;
    for (const auto& s : pack.sections) order.push_back(s.name);
    for (const auto& a : pack.actions)
        if (std::find(order.begin(), order.end(), a.section) == order.end()) order.push_back(a.section);
    for (const auto& section : order) {
        ws.text(row, 0, section.empty() ? "(no section)" : section, hs.group);
        ws.fill_row(row, 1, p_last, hs.group);
        ++row;
        SectionRows block{section, row, row, true};
        for (const auto& a : pack.actions) {
            if (a.section != section) continue;
            ws.text(row, p_ref, a.ref, ref);
            ws.text(row, p_action, a.action, hs.text_wrap);
            ws.text(row, p_lead, a.lead, hs.text_wrap);
            auto it = notes.find({a.source.file, a.source.sheet, a.source.row});
            std::string note;
            bool overdue = false;
            if (it != notes.end())
                for (const auto& n : it->second) {
                    note += (note.empty() ? "" : "; ") + n;
                    overdue |= n == "Overdue";
                }
            if (a.due)
                ws.number(row, p_due, serial_from_date(*a.due, false), overdue ? hs.date_overdue : due);
            else
                ws.blank(row, p_due, due);
            ws.text(row, p_status, status_word(a.status), hs.text_center);
            ws.text(row, p_progress, a.progress, hs.text_wrap);
            ws.text(row, p_evidence, a.evidence, hs.text_wrap);
            ws.text(row, p_notes, note, hs.text_wrap);
            if (compared) {
                ws.text(row, p_was, a.last_status ? status_word(*a.last_status) : "", hs.text_center);
                ws.text(row, p_change, action_change_words(a), hs.text_wrap);
            }
            ws.text(row, p_source, fmt::format("{}, {} row {}", base_name(a.source.file), a.source.sheet, a.source.row),
                    hs.text_muted);
            action_rows.push_back(row);
            block.last = row;
            block.empty = false;
            ++row;
        }
        layout.sections.push_back(block);
    }
    uint32_t last = std::max(row - 1, k_plan_header);
    if (!action_rows.empty()) {
        auto status_cells = row_runs(action_rows, p_status, p_status);
        ws.conditional_formats.push_back(status_colours(hs, status_cells, true));
        ws.validations.push_back(status_drop_down(status_cells));
    }
    std::vector<double> widths = {9, 42, 18, 11, 9, 50, 36, 13};
    if (compared) widths.insert(widths.end(), {10, 22});
    widths.push_back(24);
    for (uint32_t c = 0; c <= p_last; ++c) ws.width(c, c, widths[c]);
    ws.freeze = CellPos{k_plan_header + 1, 1};
    ws.autofilter = CellRange{{k_plan_header, 0}, {last, p_last}};
    ws.print_title_rows = {k_plan_header, k_plan_header};
    ws.print_area = CellRange{{0, 0}, {last, p_source - 1}};  // the source column is for the officer, not the board
    return ws;
}

// ---- Scorecard -------------------------------------------------------------

enum KpiCol : uint32_t {
    k_ref, k_title, k_previous, k_num, k_denom, k_current, k_period, k_month0,
    k_min = k_month0 + 6, k_upper, k_trend, k_rag, k_was, k_change  // the last two when compared with the last board
};
constexpr uint32_t k_months = 6;
constexpr uint32_t k_kpi_header = 3;  // two header rows: 4 and 5

struct KpiLayout {
    uint32_t first = 0, last = 0;  // data rows, inclusive
    bool any = false;
};

// The six month columns: the latest six months named in the trends, oldest first.
std::vector<YearMonth> trend_columns(const std::vector<model::KpiMeasure>& measures) {
    std::set<YearMonth> months;
    for (const auto& m : measures)
        for (const auto& p : m.trend) months.insert(p.month);
    std::vector<YearMonth> out(months.begin(), months.end());
    if (out.size() > k_months) out.erase(out.begin(), out.end() - k_months);
    return out;
}

// Value of `m` for the month column `month`.
std::optional<double> trend_value(const model::KpiMeasure& m, YearMonth month) {
    for (const auto& p : m.trend)
        if (p.month == month) return p.value;
    return std::nullopt;
}

// "2025/26" for a period in the financial year 2026/27 (April to March).
std::string previous_year_label(const std::optional<YearMonth>& period) {
    if (!period) return {};
    int fy = period->month >= 4 ? period->year : period->year - 1;
    return fmt::format("{}/{:02}", fy - 1, fy % 100);
}

Worksheet scorecard_sheet(const model::Pack& pack, HouseStyle& hs, KpiLayout& layout) {
    const uint32_t k_last = pack.since.compared ? k_change : k_rag;
    Worksheet ws = titled_sheet(
        hs, k_scorecard_sheet, "Key performance indicators: highlight scorecard",
            fmt::format("Performance for {}. RAG is worked out from the current value and the agreed targets "
                        "(corporate minimum/upper model): change a value or a target and the rating follows.",
                        pack.period ? pack.period_label() : "the latest period"));

    // Two header rows, as seed 003 lays them out.
    const uint32_t h1 = k_kpi_header, h2 = k_kpi_header + 1;
    auto merged_header = [&](uint32_t c1, uint32_t c2, const std::string& text) {
        ws.text(h1, c1, text, hs.header);
        for (uint32_t c = c1; c <= c2; ++c) {
            if (c != c1) ws.blank(h1, c, hs.header);
            ws.blank(h2, c, hs.header);
        }
    };
    auto down = [&](uint32_t c, const std::string& text) {
        merged_header(c, c, text);
        ws.merged.push_back(CellRange{{h1, c}, {h2, c}});
    };
    down(k_ref, "Ref");
    down(k_title, "Performance measure");
    std::string prev = previous_year_label(pack.period);
    merged_header(k_previous, k_previous, "Previous year");
    if (!prev.empty()) ws.text(h2, k_previous, prev, hs.header);
    else ws.merged.push_back(CellRange{{h1, k_previous}, {h2, k_previous}});
    merged_header(k_num, k_period, "Current performance");
    ws.merged.push_back(CellRange{{h1, k_num}, {h1, k_period}});
    const char* sub[] = {"Num", "Denom", "Current", "Period"};
    for (uint32_t c = k_num; c <= k_period; ++c) ws.text(h2, c, sub[c - k_num], hs.header);
    merged_header(k_month0, k_month0 + k_months - 1, "Six month trend");
    ws.merged.push_back(CellRange{{h1, k_month0}, {h1, k_month0 + k_months - 1}});
    auto months = trend_columns(pack.measures);
    // Right-align the months so the latest sits in the last column.
    std::vector<std::optional<YearMonth>> columns(k_months);
    for (std::size_t i = 0; i < months.size(); ++i) columns[k_months - months.size() + i] = months[i];
    for (uint32_t i = 0; i < k_months; ++i) ws.text(h2, k_month0 + i, columns[i] ? month_label(*columns[i]) : "", hs.header);
    merged_header(k_min, k_upper, "Target");
    ws.merged.push_back(CellRange{{h1, k_min}, {h1, k_upper}});
    ws.text(h2, k_min, "Min", hs.header);
    ws.text(h2, k_upper, "Upper", hs.header);
    down(k_trend, "Trend");
    down(k_rag, "RAG");
    if (pack.since.compared) {
        down(k_was, "Last time");
        down(k_change, "Change");
    }
    ws.rows[h1].height = 27;

    uint32_t row = h2 + 1;
    layout.first = row;
    std::string group;
    bool first_group = true;
    std::vector<uint32_t> measure_rows;
    SparklineGroup spark;
    XfId ref = hs.body("", true), title = hs.text_wrap, period = hs.text_center, blank = hs.text;
    XfId count = hs.unit_format(model::Unit::count);
    std::vector<std::string> lower_refs, untargeted_refs;
    for (const auto& m : pack.measures) {
        if ((first_group || m.group != group) && !m.group.empty()) {
            ws.text(row, 0, m.group, hs.group);
            ws.fill_row(row, 1, k_last, hs.group);
            ++row;
        }
        first_group = false;
        group = m.group;
        XfId unit = hs.unit_format(m.unit), unit_bold = hs.unit_format(m.unit, true, true);
        auto put = [&](uint32_t c, const std::optional<double>& v, XfId xf) {
            if (v)
                ws.number(row, c, *v, xf);
            else
                ws.blank(row, c, xf);
        };
        // A public pack shows "c" for a number hidden as (or giving away) a small count of children.
        auto put_shown = [&](uint32_t c, const std::optional<double>& v, XfId xf, bool hidden) {
            if (hidden)
                ws.text(row, c, "c", period);
            else
                put(c, v, xf);
        };
        const auto& hide = m.suppressed;
        ws.text(row, k_ref, m.ref, ref);
        ws.text(row, k_title, m.title, title);
        put_shown(k_previous, m.previous, unit, hide.previous);
        put_shown(k_num, m.numerator, count, hide.numerator);
        put_shown(k_denom, m.denominator, count, hide.denominator);
        put_shown(k_current, m.value, unit_bold, hide.value);
        ws.text(row, k_period, m.period_type, period);
        bool any_trend = false;
        for (uint32_t i = 0; i < k_months; ++i) {
            auto v = columns[i] ? trend_value(m, *columns[i]) : std::nullopt;
            bool hidden = false;
            for (std::size_t t = 0; t < m.trend.size(); ++t)
                hidden |= columns[i] && m.trend[t].month == *columns[i] && hide.trend_point(t);
            put_shown(k_month0 + i, v, unit, hidden);
            any_trend |= v.has_value();
        }
        put(k_min, m.target_min, unit);
        put(k_upper, m.target_upper, unit);
        ws.blank(row, k_trend, blank);
        if (any_trend)
            spark.sparklines.push_back(
                Sparkline{ws.name, CellRange{{row, k_month0}, {row, k_month0 + k_months - 1}}, CellPos{row, k_trend}});

        bool both = m.target_min && m.target_upper;
        bool lower_hint = !both && m.polarity == model::Polarity::lower;
        auto cell = [&](uint32_t c) { return cell_ref(row, c); };
        model::Polarity p = both ? model::infer_polarity(m.target_min, m.target_upper)
                                 : (lower_hint ? model::Polarity::lower : model::Polarity::higher);
        std::string rag = rating_word(model::rate(m.value, m.target_min, m.target_upper, p));
        if (hide.value)  // no value in the sheet to work it out from: the rating as written
            ws.text(row, k_rag, rating_word(m.rag), hs.text_center);
        else
            ws.formula_text(row, k_rag, rag_formula(cell(k_current), cell(k_min), cell(k_upper), lower_hint), rag,
                            hs.text_center);
        if (pack.since.compared) {
            ws.text(row, k_was, m.last_rag ? rating_word(*m.last_rag) : "", hs.text_center);
            ws.text(row, k_change, m.new_since_last ? "New" : direction_words(m.direction), hs.text_center);
        }
        if (p == model::Polarity::lower) lower_refs.push_back(m.ref);
        if (!m.target_min && !m.target_upper) untargeted_refs.push_back(m.ref);
        measure_rows.push_back(row);
        ++row;
    }
    layout.last = row - 1;
    layout.any = !measure_rows.empty();
    if (layout.any) {
        ws.conditional_formats.push_back(status_colours(hs, row_runs(measure_rows, k_rag, k_rag), false));
        ConditionalFormat current{row_runs(measure_rows, k_current, k_current), {}};
        std::string rag_cell = "$" + column_letters(k_rag) + std::to_string(measure_rows.front() + 1);
        current.rules = {{CfType::expression, "", rag_cell + "=\"Green\"", hs.light_green},
                         {CfType::expression, "", rag_cell + "=\"Amber\"", hs.light_amber},
                         {CfType::expression, "", rag_cell + "=\"Red\"", hs.light_red}};
        ws.conditional_formats.push_back(current);
        if (!spark.sparklines.empty()) ws.sparkline_groups.push_back(spark);
    } else {
        ws.text(row, 0, "No KPI tables were found in the inputs.", hs.note_line);
        layout.last = row++;
    }
    auto join = [](const std::vector<std::string>& refs) {
        std::string s;
        for (std::size_t i = 0; i < refs.size(); ++i) s += (i == 0 ? "" : i + 1 == refs.size() ? " and " : ", ") + refs[i];
        return s;
    };
    uint32_t notes = row + 1;
    if (!lower_refs.empty())
        ws.text(notes++, 0,
                fmt::format("Lower is better where Min is above Upper ({}): green at or below Upper, red above Min.",
                            join(lower_refs)),
                hs.note_line);
    if (pack.suppressed_measures() > 0)
        ws.text(notes++, 0, suppression_footnote(pack.suppression_threshold), hs.note_line);
    if (!untargeted_refs.empty())
        ws.text(notes++, 0,
                fmt::format("{} no targets: activity measures are shown for context and not rated.",
                            join(untargeted_refs) + (untargeted_refs.size() == 1 ? " has" : " have")),
                hs.note_line);
    double widths[] = {7, 44, 9, 8, 8, 9, 10, 7.5, 7.5, 7.5, 7.5, 7.5, 7.5, 7, 7, 15, 8, 9, 9};
    for (uint32_t c = 0; c <= k_last; ++c) ws.width(c, c, widths[c]);
    ws.freeze = CellPos{h2 + 1, k_title + 1};
    ws.print_title_rows = {h1, h2};
    ws.print_area = CellRange{{0, 0}, {std::max(notes, row) - 1, k_last}};
    return ws;
}

// ---- Issues -----------------------------------------------------------------

enum IssueCol : uint32_t { i_severity, i_file, i_sheet, i_cell, i_code, i_message, i_last = i_message };
constexpr uint32_t k_issue_header = 3;

Worksheet issues_sheet(const model::Pack& result, HouseStyle& hs, uint32_t& last_row) {
    Worksheet ws = titled_sheet(
        hs, k_issues_sheet, "Data quality: every validation finding",
            fmt::format("{}, {} and {}. A row with an error is left out of the pack: correct it in the team "
                        "workbook and build again.",
                        plural(result.errors, "error", "errors"), plural(result.warnings, "warning", "warnings"),
                        plural(result.infos, "info note", "info notes")),
        colour::red);
    const char* headers[] = {"Severity", "File", "Sheet", "Cell", "Code", "Message"};
    for (uint32_t c = 0; c <= i_last; ++c) ws.text(k_issue_header, c, headers[c], hs.header_left);
    uint32_t row = k_issue_header + 1;
    XfId center = hs.text_center, wrap = hs.text_wrap, text = hs.text;
    for (const auto& is : result.issues) {
        ws.text(row, i_severity, model::severity_name(is.severity), center);
        ws.text(row, i_file, is.file, wrap);
        ws.text(row, i_sheet, is.sheet, wrap);
        ws.text(row, i_cell, is.a1(), center);
        ws.text(row, i_code, is.code, text);
        ws.text(row, i_message, is.message, wrap);
        ++row;
    }
    if (result.issues.empty()) ws.text(row++, i_severity, "No findings: every workbook passed every check.", hs.note_line);
    last_row = row - 1;
    if (!result.issues.empty()) {
        ConditionalFormat cf{{CellRange{{k_issue_header + 1, i_severity}, {last_row, i_severity}}}, {}};
        cf.rules = {{CfType::cell_is, "equal", "\"error\"", hs.severity_error},
                    {CfType::cell_is, "equal", "\"warning\"", hs.severity_warning},
                    {CfType::cell_is, "equal", "\"info\"", hs.severity_info}};
        ws.conditional_formats.push_back(cf);
    }
    double widths[] = {9, 34, 18, 7, 20, 80};
    for (uint32_t c = 0; c <= i_last; ++c) ws.width(c, c, widths[c]);
    ws.freeze = CellPos{k_issue_header + 1, 0};
    ws.autofilter = CellRange{{k_issue_header, 0}, {last_row, i_last}};
    ws.print_title_rows = {k_issue_header, k_issue_header};
    ws.print_area = CellRange{{0, 0}, {last_row, i_last}};
    return ws;
}

// ---- Summary -----------------------------------------------------------------

Worksheet summary_sheet(const model::Pack& result, HouseStyle& hs, const PlanLayout& plan,
                        const KpiLayout& kpi, uint32_t issues_last, std::time_t now) {
    const auto& pack = result;
    Worksheet ws = titled_sheet(
        hs, "Summary", "Board pack scorecard",
            fmt::format("Improvement plan and key performance indicators{} · built {} from {} by boardpack",
                        pack.period ? " for " + pack.period_label() : "", local_date(now),
                        plural(static_cast<int>(result.inputs.size()), "team workbook", "team workbooks")));
    const std::string plan_sheet = quote_sheet(k_plan_sheet) + "!";
    const std::string kpi_sheet = quote_sheet(k_scorecard_sheet) + "!";
    const std::string issue_sheet = quote_sheet(k_issues_sheet) + "!";
    auto col = [](uint32_t c) { return column_letters(c); };
    auto ref = [](uint32_t r, uint32_t c) { return cell_ref(r, c); };

    // Seed 002's table: RAG counts per section of the plan, with totals.
    uint32_t row = 3;
    ws.text(row++, 0, "Improvement plan: RAG ratings for actions in each section", hs.heading);
    bool unrated = std::any_of(pack.sections.begin(), pack.sections.end(), [](const auto& s) { return s.unrated > 0; });
    uint32_t last_col = unrated ? 6 : 5;
    ws.text(row, 0, "Section of plan", hs.header_left);
    ws.text(row, 1, "Total number of actions", hs.header);
    for (uint32_t i = 0; i < 4; ++i)
        ws.text(row, 2 + i, model::status_heading(static_cast<model::PlanStatus>(i)), hs.header_rag[i].second);
    if (unrated) ws.text(row, 6, "Unrated", hs.header);
    ws.rows[row].height = 42;
    ++row;
    const uint32_t first_section = row;
    XfId count = hs.body(k_fmt_count, false, "center");
    const char* words[] = {"Blue", "Green", "Amber", "Red"};
    for (const auto& s : pack.sections) {
        auto block = std::find_if(plan.sections.begin(), plan.sections.end(),
                                  [&](const SectionRows& b) { return b.name == s.name; });
        ws.text(row, 0, s.name, hs.text_wrap);
        int cached[] = {s.blue, s.green, s.amber, s.red};
        if (block == plan.sections.end() || block->empty) {
            ws.number(row, 1, s.total, count);
            for (uint32_t i = 0; i < 4; ++i) ws.number(row, 2 + i, cached[i], count);
            if (unrated) ws.number(row, 6, s.unrated, count);
        } else {
            std::string refs = plan_sheet + absolute_range({{block->first, p_ref}, {block->last, p_ref}});
            std::string statuses = plan_sheet + absolute_range({{block->first, p_status}, {block->last, p_status}});
            ws.formula_number(row, 1, "COUNTA(" + refs + ")", s.total, count);
            for (uint32_t i = 0; i < 4; ++i)
                ws.formula_number(row, 2 + i, fmt::format("COUNTIF({},\"{}\")", statuses, words[i]), cached[i], count);
            if (unrated)
                ws.formula_number(row, 6, fmt::format("{}-SUM({}:{})", ref(row, 1), ref(row, 2), ref(row, 5)),
                                  s.unrated, count);
        }
        ++row;
    }
    model::SectionCount total{"Total"};
    for (const auto& s : pack.sections) {
        total.total += s.total;
        total.blue += s.blue;
        total.green += s.green;
        total.amber += s.amber;
        total.red += s.red;
        total.unrated += s.unrated;
    }
    const uint32_t total_row = row;
    ws.text(row, 0, "Total", hs.total_label);
    int totals[] = {total.total, total.blue, total.green, total.amber, total.red, total.unrated};
    for (uint32_t c = 1; c <= last_col; ++c) {
        if (pack.sections.empty())
            ws.number(row, c, 0, hs.total);
        else
            ws.formula_number(row, c, fmt::format("SUM({}{}:{}{})", col(c), first_section + 1, col(c), row),
                              totals[c - 1], hs.total);
    }
    ++row;
    auto t = [&](uint32_t c) { return ref(total_row, c); };
    ws.formula_text(row, 0,
                    fmt::format("IF({0}=0,\"The plan has no actions.\",\"Of \"&{0}&\" action\"&IF({0}=1,\"\",\"s\")&\": "
                                "\"&{1}&\" completed (blue), \"&{2}&\" on track (green), \"&{3}&\" with some progress "
                                "but slippage (amber) and \"&{4}&\" not progressed as planned (red).\")",
                                t(1), t(2), t(3), t(4), t(5)),
                    plan_sentence(total.total, total.blue, total.green, total.amber, total.red), hs.note);
    ws.merged.push_back(CellRange{{row, 0}, {row, last_col}});
    row += 2;

    // KPI RAG counts.
    ws.text(row++, 0,
            "Key performance indicators: RAG ratings" + (pack.period ? " for " + pack.period_label() : ""), hs.heading);
    ws.text(row, 0, "Rating", hs.header_left);
    ws.text(row, 1, "Indicators", hs.header);
    ++row;
    const auto& c = pack.counts;
    const uint32_t green_row = row;
    std::string rags = kpi.any ? kpi_sheet + absolute_range({{kpi.first, k_rag}, {kpi.last, k_rag}}) : "";
    int rated[] = {c.green, c.amber, c.red};
    const char* rating_labels[] = {"Green – at or better than the upper target", "Amber – between the targets",
                                   "Red – worse than the minimum"};
    for (uint32_t i = 0; i < 3; ++i) {
        ws.text(row, 0, rating_labels[i], hs.header_rag[i + 1].second);
        if (kpi.any)
            ws.formula_number(row, 1, fmt::format("COUNTIF({},\"{}\")", rags, words[i + 1]), rated[i], count);
        else
            ws.number(row, 1, rated[i], count);
        ++row;
    }
    const uint32_t measures_row = row + 1;
    ws.text(row, 0, "No rating (no target, or no value)", hs.text);
    ws.formula_number(row, 1, fmt::format("{}-SUM({}:{})", ref(measures_row, 1), ref(green_row, 1), ref(green_row + 2, 1)),
                      c.none, count);
    ++row;
    ws.text(row, 0, "Indicators in the scorecard", hs.total_label);
    ws.number(row, 1, static_cast<double>(pack.measures.size()), hs.total);
    ++row;
    auto g = [&](uint32_t i) { return ref(green_row + i, 1); };
    ws.formula_text(row, 0,
                    fmt::format("IF(SUM({0}:{2})=0,\"No indicator has both a value and a target to rate.\",\"Of \"&"
                                "SUM({0}:{2})&\" indicator\"&IF(SUM({0}:{2})=1,\"\",\"s\")&\" with targets, \"&{0}&"
                                "IF({0}=1,\" is\",\" are\")&\" green, \"&{1}&\" amber and \"&{2}&\" red.\")",
                                g(0), g(1), g(2)),
                    kpi_sentence(c.green, c.amber, c.red), hs.note);
    ws.merged.push_back(CellRange{{row, 0}, {row, last_col}});
    row += 2;

    // Data quality.
    ws.text(row++, 0, "Data quality", hs.heading);
    ws.text(row, 0, "Findings", hs.header_left);
    ws.text(row, 1, "Count", hs.header);
    ++row;
    const char* severities[] = {"error", "warning", "info"};
    const char* severity_labels[] = {"Errors (row left out of the pack)", "Warnings", "Info notes"};
    int severity_counts[] = {result.errors, result.warnings, result.infos};
    std::string sev_range =
        issue_sheet + absolute_range({{k_issue_header + 1, i_severity}, {std::max(issues_last, k_issue_header + 1), i_severity}});
    for (uint32_t i = 0; i < 3; ++i) {
        ws.text(row, 0, severity_labels[i], hs.text);
        ws.formula_number(row, 1, fmt::format("COUNTIF({},\"{}\")", sev_range, severities[i]), severity_counts[i],
                          count);
        ++row;
    }
    ws.text(row, 0, "Every finding, with the file, sheet and cell to correct, is on the Issues sheet.", hs.link);
    ws.hyperlinks.push_back(Hyperlink{{row, 0}, issue_sheet + "A1", "", "Go to the Issues sheet"});
    row += 2;

    // The inputs.
    ws.text(row++, 0, "Team workbooks", hs.heading);
    const char* input_headers[] = {"Workbook", "Contents", "Status", "Records"};
    for (uint32_t i = 0; i < 4; ++i) ws.text(row, i, input_headers[i], i == 0 ? hs.header_left : hs.header);
    ++row;
    const uint32_t first_input = row;
    for (const auto& in : result.inputs) {
        ws.text(row, 0, base_name(in.file), hs.text_wrap);
        ws.text(row, 1, in_words(in.kind), hs.text_center);
        ws.text(row, 2, in_words(in.status), hs.text_center);
        ws.number(row, 3, in.records, count);
        ++row;
    }
    if (row > first_input) {
        ConditionalFormat cf{{CellRange{{first_input, 2}, {row - 1, 2}}}, {}};
        auto is = [](model::InputStatus s) { return "\"" + in_words(s) + "\""; };
        cf.rules = {{CfType::cell_is, "equal", is(model::InputStatus::errors), hs.severity_error},
                    {CfType::cell_is, "equal", is(model::InputStatus::unreadable), hs.severity_error},
                    {CfType::cell_is, "equal", is(model::InputStatus::warnings), hs.severity_warning},
                    {CfType::cell_is, "equal", is(model::InputStatus::ok), hs.light_green}};
        ws.conditional_formats.push_back(cf);
    }
    ws.width(0, 0, 48);
    ws.width(1, 1, 14);
    ws.width(2, 5, 16);
    if (unrated) ws.width(6, 6, 12);
    ws.page.fit_height = 1;
    ws.print_area = CellRange{{0, 0}, {row - 1, last_col}};
    return ws;
}

}  // namespace

std::string kpi_sentence(int green, int amber, int red) {
    int rated = green + amber + red;
    if (rated == 0) return "No indicator has both a value and a target to rate.";
    return fmt::format("Of {} with targets, {} {} green, {} amber and {} red.",
                       plural(rated, "indicator", "indicators"), green, green == 1 ? "is" : "are", amber, red);
}

std::string plan_sentence(int total, int blue, int green, int amber, int red) {
    if (total == 0) return "The plan has no actions.";
    return fmt::format("Of {}: {} completed (blue), {} on track (green), {} with some progress but slippage (amber) "
                       "and {} not progressed as planned (red).",
                       plural(total, "action", "actions"), blue, green, amber, red);
}

std::string rag_formula(const std::string& value, const std::string& min, const std::string& upper,
                        bool lower_if_one_target) {
    // One target only: it is both Min and Upper (model::rate does the same).
    std::string targets = min + ":" + upper;
    std::string lo = fmt::format("IF(ISNUMBER({0}),{0},{1})", min, upper);
    std::string up = fmt::format("IF(ISNUMBER({1}),{1},{0})", min, upper);
    std::string lower = lower_if_one_target ? fmt::format("IF(COUNT({0})=2,{1}>{2},TRUE)", targets, min, upper)
                                            : fmt::format("AND(COUNT({0})=2,{1}>{2})", targets, min, upper);
    return fmt::format(
        "IF(OR(NOT(ISNUMBER({v})),COUNT({t})=0),\"\",IF({lower},"
        "IF({v}<={up},\"Green\",IF({v}<={lo},\"Amber\",\"Red\")),"
        "IF({v}>={up},\"Green\",IF({v}>={lo},\"Amber\",\"Red\"))))",
        fmt::arg("v", value), fmt::arg("t", targets), fmt::arg("lower", lower), fmt::arg("up", up), fmt::arg("lo", lo));
}

Workbook scorecard_workbook(const model::Pack& result, std::time_t now) {
    Workbook wb;
    HouseStyle hs(wb.styles);
    PlanLayout plan;
    KpiLayout kpi;
    uint32_t issues_last = 0;
    Worksheet plan_ws = plan_sheet(result, hs, plan);
    Worksheet kpi_ws = scorecard_sheet(result, hs, kpi);
    Worksheet issues_ws = issues_sheet(result, hs, issues_last);
    Worksheet summary_ws = summary_sheet(result, hs, plan, kpi, issues_last, now);
    std::string period = result.period ? "Period " + result.period_label() : "";
    std::vector<Worksheet*> order{&summary_ws, &plan_ws, &kpi_ws, &issues_ws};
    std::optional<Worksheet> returns_ws;  // only with a returns list
    if (result.returns.active()) order.push_back(&returns_ws.emplace(returns_sheet(result, hs)));
    for (Worksheet* ws : order) {
        page_furniture(*ws, "Board pack scorecard", period);
        fit_row_heights(*ws, wb.styles);
        wb.sheets.push_back(std::move(*ws));
    }
    auto& props = wb.properties;
    props.title = "Board pack scorecard" + (result.period ? " – " + result.period_label() : "");
    props.subject = "Improvement plan progress and key performance indicators";
    props.keywords = "improvement plan; KPI; RAG; scorecard";
    props.description = fmt::format("Built by boardpack from {}: {} actions, {} indicators, {} findings.",
                                    plural(static_cast<int>(result.inputs.size()), "team workbook", "team workbooks"),
                                    result.actions.size(), result.measures.size(), result.issues.size());
    props.category = "Board report";
    props.created = now;
    return wb;
}

Status write_scorecard(const model::Pack& pack, const std::string& path) {
    xlsx::Workbook book = scorecard_workbook(pack, pack.built_at);
    Status written = write_workbook(book, path);
    leave_to_exit(book);
    return written;
}

}  // namespace bp::render
