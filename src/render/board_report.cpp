#include "render/board_report.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <ctime>
#include <map>
#include <set>

#include <fmt/format.h>

#include "model/changes.hpp"
#include "pdf/charts.hpp"
#include "render/returns_tracker.hpp"
#include "render/narrative.hpp"
#include "render/words.hpp"
#include "util/exit_reclaim.hpp"
#include "util/file_name.hpp"
#include "util/utf8.hpp"
#include "render/scorecard.hpp"
#include "pdf/table.hpp"

namespace bp::render {

using namespace bp::pdf;

namespace {

using model::Rating;
using model::PlanStatus;

const Color k_ink{0.10, 0.10, 0.12};
const Color k_muted{0.38, 0.38, 0.40};

struct Styles {
    TextStyle body{FontStyle::regular, 9.5, k_ink, 1.35};
    TextStyle note{FontStyle::regular, 8, k_muted, 1.3};
    TextStyle h1{FontStyle::bold, 15, {}, 1.2};
    TextStyle h2{FontStyle::bold, 11, {}, 1.25};
    TextStyle board{FontStyle::bold, 20, {}, 1.2};
    TextStyle title{FontStyle::bold, 15, k_ink, 1.25};
};

const Margins k_margins{};

std::string file_name(const std::string& path) { return std::string(file_name_of(path)); }

// A number hidden from a public report (small-number suppression), as the DfE prints it.
const char* const k_suppressed = "c";

const std::string k_change_legend =
    "Change since the last board: an arrow up is better, down worse, sideways the same (by the measure's polarity, "
    "or its rating); New: not in the last pack.";

// A list the digest prints whole when it takes at most this many pages.
constexpr double k_digest_pages = 3;

// "six" for 6: the months of a trend, in its alternative text.
std::string month_count(std::size_t n) {
    static const char* const words[] = {"no",    "one",  "two", "three",  "four",   "five",  "six",
                                        "seven", "eight", "nine", "ten", "eleven", "twelve"};
    return n < std::size(words) ? words[n] : std::to_string(n);
}

// A sparkline's text alternative: "six-month trend: 89.5% to 90.4%, rising".
// Months hidden by suppression are left out, as the line leaves them out.
std::string trend_alt(const model::KpiMeasure& m, const std::vector<std::optional<double>>& values) {
    std::vector<double> shown;
    for (const auto& v : values)
        if (v) shown.push_back(*v);
    std::string head = month_count(values.size()) + "-month trend";
    if (shown.empty()) return head + ": no figures";
    if (shown.size() == 1) return fmt::format("{}: one figure, {}", head, format_value(m, shown.front()));
    double first = shown.front(), last = shown.back();
    const char* way = last > first ? "rising" : last < first ? "falling" : "level";
    return fmt::format("{}: {} to {}, {}", head, format_value(m, first), format_value(m, last), way);
}

// Spaces made non-breaking, so "May 26" never wraps.
std::string keep_together(const std::string& text) {
    std::string out;
    for (char c : text) out += c == ' ' ? std::string("\u00A0") : std::string(1, c);
    return out;
}

// A row of `capacity` cells, these moved in first: a long table's rows are built
// without growing their cells twice (a braced list would copy each one).
template <class... Cells>
Row row_of(RowKind kind, std::size_t capacity, Cells&&... cells) {
    Row row{kind, {}};
    row.cells.reserve(std::max(capacity, sizeof...(Cells)));
    (row.cells.push_back(std::forward<Cells>(cells)), ...);
    return row;
}

class ReportBuilder {
public:
    ReportBuilder(const model::Pack& r, const ReportTemplate& t, const Measure& m, const ReportAssets& a)
        : m_r(r), m_t(t), m_flow(m, k_margins), m_assets(a) {
        m_s.h1.color = m_s.h2.color = m_s.board.color = t.accent;
        m_flow.set_tagging(t.pdf != PdfProfile::plain);  // an untagged PDF needs no structure
    }

    Layout build() {
        int number = 0;
        for (const auto& spec : m_t.sections()) {
            if (!wanted(spec.kind)) continue;  // a plan-only or KPI-only pack has no empty section
            std::string title = spec.kind == SectionKind::title ? (spec.title.empty() ? m_t.title : spec.title)
                              : m_t.numbered                    ? fmt::format("{}. {}", ++number, spec.title)
                                                                : spec.title;
            PageSize size = page_size(m_t.paper, spec.orientation);
            std::string running = spec.kind == SectionKind::title ? std::string{} : title;
            if (!m_flow.has_page() || spec.new_page || m_size != size) m_flow.new_page(size, running);
            else m_flow.set_section(running);
            m_size = size;
            switch (spec.kind) {
            case SectionKind::title: title_block(spec, title); break;
            case SectionKind::progress: progress(spec, title); break;
            case SectionKind::kpis: kpis(spec, title); break;
            case SectionKind::exceptions: exceptions(spec, title); break;
            case SectionKind::data_quality: data_quality(spec, title); break;
            case SectionKind::changes: changes(spec, title); break;
            }
        }
        if (!m_flow.has_page()) m_flow.new_page(page_size(m_t.paper, Orientation::portrait), {});
        Layout layout = m_flow.take();
        std::string footer = m_t.title;
        if (m_t.meeting_date) footer += " · " + long_date(*m_t.meeting_date);
        add_furniture(layout, Furniture{m_t.board, m_t.classification, footer}, m_flow.measure(), k_margins);
        return layout;
    }

private:
    const Measure& measure() const { return m_flow.measure(); }

    // What the returns held: a table read counts even when every row of it was left out.
    bool has_table(const char* kind) const {
        for (const auto& in : m_r.inputs)
            for (const auto& t : in.tables)
                if (t.kind == kind) return true;
        return false;
    }
    bool has_plan() const { return !m_r.actions.empty() || has_table("plan"); }
    bool has_kpis() const { return !m_r.measures.empty() || has_table("kpi"); }
    // A pack with neither (nothing recognised) keeps both, each saying it found nothing.
    bool wanted(SectionKind k) const {
        if (!has_plan() && !has_kpis()) return true;
        if (k == SectionKind::progress) return has_plan();
        if (k == SectionKind::kpis) return has_kpis();
        return true;
    }

    Color rag_colour(PlanStatus s) const {
        switch (s) {
        case PlanStatus::blue: return m_t.rag.blue;
        case PlanStatus::green: return m_t.rag.green;
        case PlanStatus::amber: return m_t.rag.amber;
        case PlanStatus::red: return m_t.rag.red;
        case PlanStatus::unrated: break;
        }
        return Color{0.75, 0.75, 0.75};
    }
    Color rag_colour(Rating r) const {
        return rag_colour(r == Rating::green ? PlanStatus::green : r == Rating::amber ? PlanStatus::amber
                        : r == Rating::red   ? PlanStatus::red : PlanStatus::unrated);
    }

    Cell chip_cell(Color fill, const char* letter, const char* alt) const {
        Cell c;
        c.graphic = rag_chip(measure(), fill, letter);
        c.graphic_width = c.graphic_height = k_chip_size;
        c.actual_text = alt;  // the chip's letter reads as the word
        return c;
    }
    Cell status_chip(PlanStatus s) const {
        static const char* const letters[] = {"B", "G", "A", "R", ""};
        static const char* const alts[] = {"Blue", "Green", "Amber", "Red", ""};
        if (s == PlanStatus::unrated) return Cell{"–", Align::center};
        return chip_cell(rag_colour(s), letters[static_cast<int>(s)], alts[static_cast<int>(s)]);
    }
    Cell rating_chip(Rating r) const {
        static const char* const letters[] = {"G", "A", "R", ""};
        static const char* const alts[] = {"Green", "Amber", "Red", ""};
        if (r == Rating::none) return Cell{"–", Align::center};
        return chip_cell(rag_colour(r), letters[static_cast<int>(r)], alts[static_cast<int>(r)]);
    }

    // The direction of travel since the last board: up better, down worse, right the same; "New" for
    // a record not there last time, "–" where it cannot be told.
    Cell change_cell(model::Direction d, bool is_new) const {
        if (is_new) return Cell{"New", Align::center};
        switch (d) {
        case model::Direction::better: return arrow_cell(Pointing::up, m_t.rag.green, "Better");
        case model::Direction::worse: return arrow_cell(Pointing::down, m_t.rag.red, "Worse");
        case model::Direction::same: return arrow_cell(Pointing::right, k_muted, "The same");
        case model::Direction::unknown: break;
        }
        return Cell{"–", Align::center};
    }
    static Cell arrow_cell(Pointing p, Color c, const char* alt) {
        Cell cell;
        cell.graphic = arrow(p, c);
        cell.graphic_width = cell.graphic_height = k_arrow_size;
        cell.alt = alt;
        return cell;
    }
    Cell change_cell(const model::PlanAction& a) const { return change_cell(model::status_movement(a), a.new_since_last); }
    Cell change_cell(const model::KpiMeasure& m) const { return change_cell(m.direction, m.new_since_last); }
    bool compared() const { return m_r.since.compared; }
    static constexpr double k_change_width = 34;

    Table table() const {
        Table t;
        t.header_fill = m_t.accent;
        return t;
    }
    // Smaller type and tighter rows, for the digest's long tables.
    Table compact_table() const {
        Table t = table();
        t.text.size = t.header_text.size = 8;
        t.text.leading = 1.2;
        t.padding = 3;
        return t;
    }

    double paragraphs_height(const std::vector<std::string>& paras, const TextStyle& style) const {
        double h = 0;
        for (const auto& p : paras)
            if (!p.empty()) h += paragraph_height(measure(), p, style, m_flow.width()) + style.size * 0.6;
        return h;
    }

    // A paragraph, tagged P.
    void paragraph(std::string_view text, const TextStyle& style, double space_after) {
        Tagged p(m_flow, Role::p);
        place_paragraph(m_flow, text, style, space_after);
    }
    // A heading, tagged H1 in the h1 style and H2 in the h2 style.
    void heading(const std::string& text, const TextStyle& style, double keep_with_next, bool bookmark) {
        Tagged h(m_flow, &style == &m_s.h2 ? Role::h2 : Role::h1);
        place_heading(m_flow, text, style, style.size * 1.2, keep_with_next, bookmark);
    }

    // A heading, its paragraphs and the start of its table kept on one page.
    void block(const std::string& title, const TextStyle& hstyle, bool bookmark, const std::vector<std::string>& paras,
               const Table* t) {
        double keep = paragraphs_height(paras, m_s.body);
        std::vector<double> widths;  // measured once for the heading's keep and the table
        if (t) widths = column_widths(*t, measure(), m_flow.width());
        if (t) keep += table_lead_height(*t, measure(), m_flow.width(), std::min<std::size_t>(2, t->rows.size()), &widths);
        if (!title.empty()) heading(title, hstyle, keep + hstyle.size * 0.5, bookmark);
        if (!title.empty()) m_flow.advance(hstyle.size * 0.5);
        for (const auto& p : paras)
            if (!p.empty()) paragraph(p, m_s.body, m_s.body.size * 0.6);
        if (t) {
            m_flow.advance(2);
            place_table(m_flow, *t, 10, &widths);
        }
    }

    void note(const std::string& text) { paragraph(text, m_s.note, 8); }

    // ---- Title block --------------------------------------------------

    void title_block(const SectionSpec& spec, const std::string& bookmark) {
        m_flow.bookmark(bookmark);
        double text_w = m_flow.width();
        if (m_assets.logo && !m_t.logo.empty() && m_assets.logo->width > 0 && m_assets.logo->height > 0) {
            double scale = std::min(150 / m_assets.logo->width, 60 / m_assets.logo->height);
            double w = m_assets.logo->width * scale, h = m_assets.logo->height * scale;
            Tagged logo(m_flow, Role::figure, "Logo of " + m_t.board);
            m_flow.add(ImageOp{{m_flow.left() + m_flow.width() - w, m_flow.y(), w, h}, m_t.logo});
            text_w -= w + 16;
        }
        auto put = [&](const std::string& text, const TextStyle& style, double after, Role role) {
            Tagged tag(m_flow, role);
            auto lines = wrap_text(measure(), text, style, text_w);
            draw_lines(m_flow, lines, style, m_flow.left(), text_w, m_flow.y(), Align::left);
            m_flow.advance(static_cast<double>(lines.size()) * style.line_height() + after);
        };
        put(m_t.board, m_s.board, 6, Role::p);
        put(m_t.title, m_s.title, 4, Role::h1);  // the document's title: its first heading
        // The date "overdue" was judged against, so a reader knows what the report's position is.
        put("Position at " + long_date(m_r.report_date), m_s.body, 12, Role::p);

        Table t = table();
        t.columns = {Column{120.0, false}, Column{}};
        t.columns[0].row_header = true;  // "Meeting date", "Report author", ...
        auto detail = [&](const char* label, const std::string& value) {
            if (!value.empty()) t.rows.push_back(Row{RowKind::body, {Cell{label, Align::left, true}, Cell{value}}});
        };
        detail("Meeting date", m_t.meeting_date ? long_date(*m_t.meeting_date) : "");
        detail("Report author", m_t.author);
        detail("Classification", m_t.classification);
        detail("Performance period", m_r.period_label());
        detail("Returns", count_of(static_cast<long>(m_r.inputs.size()), "team workbook", "team workbooks"));
        t.text.size = 9.5;
        place_table(m_flow, t, 14);

        std::vector<std::string> clauses;
        for (auto k : m_t.order) {
            if (!wanted(k)) continue;
            if (k == SectionKind::progress)
                clauses.push_back(fmt::format("progress on the {} of the improvement plan",
                                              count_of(static_cast<long>(m_r.actions.size()), "action", "actions")));
            if (k == SectionKind::kpis)
                clauses.push_back(fmt::format("the latest position on {}{}",
                                              count_of(static_cast<long>(m_r.measures.size()),
                                                       "key performance indicator", "key performance indicators"),
                                              m_r.period ? " (" + m_r.period_label() + ")" : ""));
            if (k == SectionKind::exceptions) clauses.push_back("the exceptions that need the board's attention");
            if (k == SectionKind::data_quality)
                clauses.push_back("the quality of the data in the team returns it is built from");
        }
        std::vector<std::string> paras{spec.intro};
        if (!clauses.empty()) {
            std::string s = "This report sets out ";
            for (std::size_t i = 0; i < clauses.size(); ++i)
                s += (i == 0 ? "" : i + 1 == clauses.size() ? " and " : ", ") + clauses[i];
            paras.push_back(s + ".");
        }
        block({}, m_s.h1, false, paras, nullptr);
        {
            Tagged rule(m_flow, Role::artifact);
            m_flow.add(LineOp{{{m_flow.left(), m_flow.y() + 4}, {m_flow.left() + m_flow.width(), m_flow.y() + 4}},
                              m_t.accent, 1.0});
        }
        m_flow.advance(12);
    }

    // ---- Summary of progress (seed 002) -------------------------------

    void progress(const SectionSpec& spec, const std::string& title) {
        const auto& sections = m_r.sections;
        Table t = table();
        bool unrated = std::any_of(sections.begin(), sections.end(), [](const auto& s) { return s.unrated > 0; });
        t.columns.assign(6 + (unrated ? 1 : 0), Column{});
        t.columns.push_back(Column{110.0});
        const PlanStatus order[] = {PlanStatus::blue, PlanStatus::green, PlanStatus::amber, PlanStatus::red};
        Row head{RowKind::body,
                 {Cell{"Section of Plan"}, Cell{"Total number of actions", Align::center},
                  Cell{model::status_heading(PlanStatus::blue), Align::center},
                  Cell{model::status_heading(PlanStatus::green), Align::center},
                  Cell{model::status_heading(PlanStatus::amber), Align::center},
                  Cell{model::status_heading(PlanStatus::red), Align::center}}};
        for (int i = 0; i < 4; ++i) head.cells[static_cast<std::size_t>(2 + i)].fill = rag_colour(order[i]);
        if (unrated) head.cells.push_back(Cell{"No status", Align::center});
        head.cells.push_back(Cell{"Actions by status", Align::center});
        t.header.push_back(std::move(head));

        auto add = [&](const model::SectionCount& s, RowKind kind) {
            Row row{kind, {Cell{s.name}}};
            for (int v : {s.total, s.blue, s.green, s.amber, s.red}) row.cells.push_back(Cell{std::to_string(v), Align::center});
            if (unrated) row.cells.push_back(Cell{std::to_string(s.unrated), Align::center});
            Cell bar;
            bar.graphic = stacked_bar(measure(), {{double(s.blue), m_t.rag.blue, "B"},
                                                  {double(s.green), m_t.rag.green, "G"},
                                                  {double(s.amber), m_t.rag.amber, "A"},
                                                  {double(s.red), m_t.rag.red, "R"},
                                                  {double(s.unrated), rag_colour(PlanStatus::unrated), ""}});
            bar.graphic_height = 10;
            bar.alt = fmt::format("Actions by status: {} blue, {} green, {} amber, {} red{}", s.blue, s.green, s.amber,
                                  s.red, s.unrated > 0 ? fmt::format(", {} with no status", s.unrated) : "");
            row.cells.push_back(std::move(bar));
            t.rows.push_back(std::move(row));
        };
        for (const auto& s : sections) add(s, RowKind::body);
        if (!sections.empty()) add(m_r.plan_total, RowKind::total);
        std::vector<std::string> paras{spec.intro, plan_sentence(sections, m_r.plan_total)};
        if (sections.empty()) {
            block(title, m_s.h1, true, {plan_sentence(sections, m_r.plan_total)}, nullptr);
            return;
        }
        block(title, m_s.h1, true, paras, &t);
        note("Each bar shows a section's actions by status, left to right: blue (B) completed, green (G) on track, "
             "amber (A) some progress but slippage, red (R) not progressed as planned.");
    }

    // ---- KPI highlight table (seed 003) -------------------------------

    std::vector<std::string> month_labels() const {
        const model::KpiMeasure* longest = nullptr;
        for (const auto& m : m_r.measures)
            if (!longest || m.trend.size() > longest->trend.size()) longest = &m;
        std::vector<std::string> labels;
        if (!longest) return labels;
        for (const auto& p : longest->trend) labels.push_back(p.label());
        if (labels.size() > 6) labels.erase(labels.begin(), labels.end() - 6);
        return labels;
    }

    void kpis(const SectionSpec& spec, const std::string& title) {
        const auto& measures = m_r.measures;
        auto months = month_labels();
        Table t = table();
        t.text.size = t.header_text.size = 7.5;
        t.padding = 3;
        Row head{RowKind::body, {Cell{"Ref"}, Cell{"Performance measure"}, Cell{"Unit"}, Cell{"Last year", Align::right},
                                 Cell{"Num", Align::right}, Cell{"Denom", Align::right},
                                 Cell{"Current", Align::right}, Cell{"Period"}}};
        for (const auto& l : months) head.cells.push_back(Cell{keep_together(l), Align::right});
        head.cells.push_back(Cell{"Target min", Align::right});
        head.cells.push_back(Cell{"Target upper", Align::right});
        head.cells.push_back(Cell{"Trend", Align::center});
        head.cells.push_back(Cell{"RAG", Align::center});
        if (compared()) head.cells.push_back(Cell{"Change", Align::center});
        t.columns.assign(head.cells.size(), Column{});
        t.columns[0].wrap = false;
        for (std::size_t c = 3; c + 4 + (compared() ? 1 : 0) < t.columns.size(); ++c)  // the unit and period may wrap
            if (c != 7) t.columns[c].wrap = false;
        const std::size_t rag_col = t.columns.size() - (compared() ? 2 : 1);
        t.columns[rag_col - 1].fixed = 54;
        t.columns[rag_col].fixed = 24;
        if (compared()) t.columns.back().fixed = k_change_width;
        const int ncols = static_cast<int>(t.columns.size());
        t.header.push_back(std::move(head));

        std::string group;
        bool first = true;
        for (const auto& m : measures) {
            if (first || m.group != group) {
                if (!m.group.empty()) t.rows.push_back(Row{RowKind::group, {Cell{m.group, Align::left, true, {}, {}, ncols}}});
                group = m.group;
                first = false;
            }
            auto num = [&](std::optional<double> v, bool hidden) {
                if (hidden) return Cell{k_suppressed, Align::right};
                return Cell{v ? format_number(*v, m.unit == model::Unit::number ? 2 : 0) : "–", Align::right};
            };
            const auto& hide = m.suppressed;
            Row row = row_of(RowKind::body, t.columns.size(), Cell{m.ref}, Cell{m.title}, Cell{unit_column_text(m.unit)},
                             Cell{hide.previous ? k_suppressed : format_value(m, m.previous), Align::right},
                             num(m.numerator, hide.numerator), num(m.denominator, hide.denominator),
                             Cell{hide.value ? k_suppressed : format_value(m, m.value), Align::right, true},
                             Cell{m.period_type});
            std::vector<std::optional<double>> values;
            for (const auto& label : months) {
                auto it = std::find_if(m.trend.begin(), m.trend.end(), [&](const auto& p) { return p.label() == label; });
                std::optional<double> v = it == m.trend.end() ? std::nullopt : it->value;
                auto at = static_cast<std::size_t>(it - m.trend.begin());
                bool hidden = v && hide.trend_point(at);
                row.cells.push_back(Cell{hidden ? k_suppressed : v ? format_value(m, v) : "", Align::right});
                values.push_back(hidden ? std::nullopt : v);  // the sparkline keeps the columns' months, gaps included
            }
            row.cells.push_back(Cell{format_target(m, m.target_min), Align::right});
            row.cells.push_back(Cell{format_target(m, m.target_upper), Align::right});
            Cell spark;
            bool rated = m.rag != Rating::none;
            spark.graphic = sparkline(values, rated ? m.target_min : std::nullopt, m_t.accent,
                                      rated ? rag_colour(m.rag) : m_t.accent);
            spark.graphic_width = 48;
            spark.alt = trend_alt(m, values);
            spark.graphic_height = 12;
            row.cells.push_back(std::move(spark));
            row.cells.push_back(rating_chip(m.rag));
            if (compared()) row.cells.push_back(change_cell(m));
            t.rows.push_back(std::move(row));
        }
        std::string counts = kpi_counts_sentence(m_r.counts, measures.size());
        if (m_r.period) counts += fmt::format(" Figures are for {}.", m_r.period_label());
        if (measures.empty()) {
            block(title, m_s.h1, true, {spec.intro, counts}, nullptr);
            return;
        }
        block(title, m_s.h1, true, {spec.intro, counts}, &t);
        note(std::string("RAG: G green, at or beyond the upper target; A amber, between the minimum and the upper target; "
                         "R red, short of the minimum; – no target. The trend line runs over the last six months; the "
                         "dashed line is the minimum.") + (compared() ? " " + k_change_legend : std::string{}));
        if (m_r.suppressed_measures() > 0) note(suppression_footnote(m_r.suppression_threshold));
    }

    // ---- Exceptions ---------------------------------------------------

    // Amber, not overdue and not awaiting commentary: the digest may count
    // these instead of listing them.
    static bool on_track_to_recover(const model::PlanAction& a) {
        return a.status == PlanStatus::amber && !a.overdue && !a.awaiting_commentary;
    }

    Table red_indicators_table(const std::vector<const model::KpiMeasure*>& reds, bool compact) const {
        Table k = compact ? compact_table() : table();
        k.columns = {Column{std::nullopt, false}, Column{}, Column{std::nullopt, false}, Column{k_chip_size}, Column{},
                     Column{}};
        k.header.push_back(Row{RowKind::body, {Cell{"Ref"}, Cell{"Indicator"}, Cell{"Current", Align::right},
                                               Cell{"RAG", Align::center}, Cell{"Distance to target"},
                                               Cell{"Commentary"}}});
        if (compared()) {
            k.columns.insert(k.columns.begin() + 4, Column{k_change_width});
            k.header.back().cells.insert(k.header.back().cells.begin() + 4, Cell{"Change", Align::center});
        }
        for (const auto* m : reds) {
            // A hidden value is not given back by its distance to target.
            std::string distance = m->suppressed.value ? "short of its minimum target (the figure is suppressed)"
                                                       : distance_to_target(*m);
            if (!distance.empty()) distance[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(distance[0])));
            // Owed and not given: the team has been asked for it (finding missing-commentary).
            Cell comment{m->awaiting_commentary ? "Awaiting commentary: none was given." : m->commentary};
            if (m->awaiting_commentary) {
                comment.color = k_muted;
                comment.bold = true;
            }
            Cell indicator{m->title};
            // A muted line naming the workbook it came from; in a compact digest the Data quality table
            // and summary.json say it, so the report stays board-sized.
            if (!compact) indicator.note = file_name(m->source.file);
            k.rows.push_back(Row{RowKind::body, {Cell{m->ref}, std::move(indicator),
                                                 Cell{m->suppressed.value ? k_suppressed : format_value(*m, m->value),
                                                      Align::right, true},
                                                 rating_chip(m->rag), Cell{distance + "."}, comment}});
            if (compared()) k.rows.back().cells.insert(k.rows.back().cells.begin() + 4, change_cell(*m));
        }
        return k;
    }

    // `stacked`: the progress update on a line of its own under the action,
    // across the table, which takes about a third less height for a long list.
    Table actions_table(const std::vector<const model::PlanAction*>& actions, bool stacked) const {
        Table p = stacked ? compact_table() : table();
        p.columns = {Column{std::nullopt, false}, Column{}, Column{}, Column{std::nullopt, false}, Column{k_chip_size}};
        p.header.push_back(Row{RowKind::body, {Cell{"Ref"}, Cell{stacked ? "Action (progress update below)" : "Action"},
                                               Cell{"Lead"}, Cell{"Due"}, Cell{"RAG", Align::center}}});
        if (compared()) {
            p.columns.push_back(Column{k_change_width});
            p.header.back().cells.push_back(Cell{"Change", Align::center});
        }
        if (!stacked) {
            p.columns.push_back(Column{});
            p.header.back().cells.push_back(Cell{"Progress update"});
        }
        const int ncols = static_cast<int>(p.columns.size());
        std::string section;
        for (const auto* a : actions) {
            if (p.rows.empty() || a->section != section) {
                section = a->section;
                p.rows.push_back(Row{RowKind::group, {Cell{section.empty() ? "(no section)" : section, Align::left, true,
                                                           {}, {}, ncols}}});
            }
            Cell due{a->due ? uk_date(*a->due) : "–"};
            if (a->overdue) {
                due.text += stacked ? " overdue" : "\noverdue";
                due.bold = true;
            }
            Cell update{a->progress.empty() ? (a->awaiting_commentary ? "Awaiting commentary: no update was given."
                                                                      : "No update was given.")
                                            : a->progress};
            if (a->progress.empty()) {
                update.color = k_muted;
                update.bold = a->awaiting_commentary;
            }
            Row row{RowKind::body, {Cell{a->ref}, Cell{a->action}, Cell{a->lead.empty() ? "–" : a->lead}, due,
                                    status_chip(a->status)}};
            if (compared()) row.cells.push_back(change_cell(*a));
            if (!stacked) {
                row.cells[1].note = file_name(a->source.file);  // a muted line naming the workbook it came from
                row.cells.push_back(std::move(update));
                p.rows.push_back(std::move(row));
                continue;
            }
            row.continues = true;
            p.rows.push_back(std::move(row));
            update.span = ncols - 1;
            // Stacked (a long list in the digest), rows are kept to their text: the Data quality
            // table and summary.json say which workbook each action came from.
            p.rows.push_back(Row{RowKind::body, {Cell{}, std::move(update)}});
        }
        return p;
    }

    // Within the digest's page budget: such a list is printed whole.
    bool fits_digest(const Table& t) const {
        return table_fits(t, measure(), m_flow.width(), k_digest_pages * m_flow.page_space());
    }

    void exceptions(const SectionSpec& spec, const std::string& title) {
        std::vector<const model::KpiMeasure*> reds;
        for (const auto& m : m_r.measures)
            if (m.rag == Rating::red) reds.push_back(&m);
        std::vector<const model::PlanAction*> actions, recovering;
        int red = 0, amber = 0, late = 0;
        for (const auto& a : m_r.actions) {
            if (a.status == PlanStatus::red || a.status == PlanStatus::amber) actions.push_back(&a);
            if (on_track_to_recover(a)) recovering.push_back(&a);
            red += a.status == PlanStatus::red;
            amber += a.status == PlanStatus::amber;
            late += a.overdue ? 1 : 0;
        }
        // Within each section (kept in plan order), red before amber. Each action's section rank is
        // found once, not twice in a map at every comparison.
        std::map<std::string, std::size_t, std::less<>> section_rank;
        for (const auto& s : m_r.sections) section_rank.emplace(s.name, section_rank.size());
        std::vector<std::pair<std::size_t, const model::PlanAction*>> ranked;
        ranked.reserve(actions.size());
        for (const auto* a : actions) {
            auto it = section_rank.find(a->section);
            ranked.emplace_back(it != section_rank.end() ? it->second : section_rank.size(), a);
        }
        std::stable_sort(ranked.begin(), ranked.end(), [](const auto& x, const auto& y) {
            if (x.first != y.first) return x.first < y.first;
            return x.second->status == PlanStatus::red && y.second->status != PlanStatus::red;
        });
        for (std::size_t i = 0; i < ranked.size(); ++i) actions[i] = ranked[i].second;
        // The digest counts the amber actions on track to recover when listing them would take pages.
        const bool count_recovering = m_t.appendix == Appendix::digest && !recovering.empty() &&
                                      !fits_digest(actions_table(recovering, false));
        std::vector<std::string> action_paras{exception_actions_sentence(red, amber, late)};
        std::string after;
        if (count_recovering) {
            std::erase_if(actions, [](const auto* a) { return on_track_to_recover(*a); });
            action_paras.push_back(listed_actions_sentence(red, static_cast<int>(actions.size()) - red));
            after = unlisted_amber_sentence(static_cast<int>(recovering.size()), !actions.empty(), k_plan_sheet);
        }
        Table k = red_indicators_table(reds, count_recovering);
        Table p = actions_table(actions, count_recovering);

        double lead = paragraphs_height({spec.intro}, m_s.body);
        heading(title, m_s.h1, lead + 80, true);
        m_flow.advance(m_s.h1.size * 0.5);
        if (!spec.intro.empty()) paragraph(spec.intro, m_s.body, m_s.body.size * 0.6);
        if (wanted(SectionKind::kpis))
            block("Indicators rated red", m_s.h2, false, {red_kpis_sentence(reds)}, reds.empty() ? nullptr : &k);
        if (std::any_of(reds.begin(), reds.end(), [](const auto* m) { return m->suppressed.any(); }))
            note(suppression_footnote(m_r.suppression_threshold));
        if (wanted(SectionKind::progress))
            block("Actions rated red or amber", m_s.h2, false, action_paras, actions.empty() ? nullptr : &p);
        if (!after.empty()) paragraph(after, m_s.body, m_s.body.size * 0.6);
    }

    // ---- Since the last board -----------------------------------------

    // What moved: actions that changed status or slipped, indicators that changed rating; worse
    // first. `worse_only`: the digest's shorter list.
    Table moved_table(bool worse_only, bool compact) const {
        Table t = compact ? compact_table() : table();
        t.columns = {Column{std::nullopt, false}, Column{}, Column{48.0}, Column{k_chip_size + 14},
                     Column{k_change_width}, Column{}};
        t.header.push_back(Row{RowKind::body, {Cell{"Ref"}, Cell{"Action or indicator"}, Cell{"Last time", Align::center},
                                               Cell{"Now", Align::center}, Cell{"Change", Align::center},
                                               Cell{"Due date"}}});
        std::vector<Row> worse, better;
        for (const auto& a : m_r.actions) {
            auto d = model::status_movement(a);
            int slip = model::slipped_days(a);
            bool moved = d == model::Direction::better || d == model::Direction::worse;
            bool bad = d == model::Direction::worse || slip > model::k_month_of_days;
            if (!moved && slip == 0) continue;
            if (worse_only && !bad) continue;
            std::string due = slip > 0 ? fmt::format("{} → {}, {} later", uk_date(*a.last_due), uk_date(*a.due),
                                                     count_of(slip, "day", "days"))
                                       : "–";
            Row row{RowKind::body, {Cell{a.ref}, Cell{a.action},
                                    a.last_status ? status_chip(*a.last_status) : Cell{"–", Align::center},
                                    status_chip(a.status), change_cell(a), Cell{due}}};
            (bad ? worse : better).push_back(std::move(row));
        }
        for (const auto& m : m_r.measures) {
            if (!m.last_rag || *m.last_rag == m.rag) continue;
            if (worse_only && m.direction != model::Direction::worse) continue;
            Row row{RowKind::body, {Cell{m.ref}, Cell{m.title}, rating_chip(*m.last_rag), rating_chip(m.rag),
                                    change_cell(m), Cell{"–"}}};
            (m.direction == model::Direction::worse ? worse : better).push_back(std::move(row));
        }
        for (auto* list : {&worse, &better})
            for (auto& r : *list) t.rows.push_back(std::move(r));
        return t;
    }

    void changes(const SectionSpec& spec, const std::string& title) {
        std::vector<std::string> paras;
        if (compared()) paras.push_back(spec.intro);
        for (auto& s : since_last_sentences(m_r)) paras.push_back(std::move(s));
        if (!compared()) {
            block(title, m_s.h1, true, paras, nullptr);
            return;
        }
        Table t = moved_table(false, false);
        if (m_t.appendix == Appendix::digest && !fits_digest(t)) {
            t = moved_table(true, true);
            paras.push_back(fits_digest(t)
                                ? fmt::format("Listed below: the moves for the worse and the due dates slipped by more "
                                              "than a month; the scorecard's {} sheet shows every action's last status.",
                                              k_plan_sheet)
                                : fmt::format("The moves are too many to list here: the scorecard's {} and {} sheets "
                                              "show each action's and indicator's last status and change.",
                                              k_plan_sheet, k_scorecard_sheet));
            if (!fits_digest(t)) t.rows.clear();
        }
        block(title, m_s.h1, true, paras, t.rows.empty() ? nullptr : &t);
        if (!t.rows.empty()) note(k_change_legend);
    }

    // ---- Data quality -------------------------------------------------

    // Every finding, grouped by severity; notes of one kind on one sheet listed once, with their cells.
    Table findings_table() const {
        Table f = table();
        f.columns = {Column{}, Column{}, Column{}};
        f.header.push_back(Row{RowKind::body, {Cell{"Workbook"}, Cell{"Where"}, Cell{"Finding"}}});
        const char* groups[] = {"Errors: rows left out of this report", "Warnings", "Notes"};
        for (auto sev : {model::Severity::error, model::Severity::warning, model::Severity::info}) {
            std::vector<const model::Issue*> list;
            for (const auto& is : m_r.issues)
                if (is.severity == sev) list.push_back(&is);
            if (list.empty()) continue;
            f.rows.push_back(Row{RowKind::group, {Cell{fmt::format("{} ({})", groups[static_cast<int>(sev)], list.size()),
                                                       Align::left, true, {}, {}, 3}}});
            for (std::size_t i = 0; i < list.size();) {
                std::size_t j = i + 1;
                if (sev == model::Severity::info)
                    while (j < list.size() && list[j]->code == list[i]->code && list[j]->file == list[i]->file &&
                           list[j]->sheet == list[i]->sheet)
                        ++j;
                const auto& is = *list[i];
                std::string where = is.sheet.empty() ? "–" : is.sheet + (is.cell ? "!" + is.a1() : "");
                std::string message = is.message;
                if (j - i > 3) {
                    where = fmt::format("{}!{} … {} ({} cells)", is.sheet, is.a1(), list[j - 1]->a1(), j - i);
                    message += fmt::format(" (and {} more like it)", j - i - 1);
                } else {
                    j = i + 1;
                }
                f.rows.push_back(Row{RowKind::body,
                                     {Cell{file_name(is.file)}, Cell{where}, Cell{message}}});
                i = j;
            }
        }
        return f;
    }

    // The returns read: what each held and its status.
    Table returns_table() const {
        Table in = table();
        in.columns = {Column{}, Column{std::nullopt, false}, Column{std::nullopt, false}, Column{std::nullopt, false}};
        in.header.push_back(Row{RowKind::body, {Cell{"Workbook"}, Cell{"Contents"}, Cell{"Status"},
                                                Cell{"Records", Align::right}}});
        for (const auto& i : m_r.inputs)
            in.rows.push_back(Row{RowKind::body, {Cell{file_name(i.file)}, Cell{in_words(i.kind)},
                                                  Cell{in_words(i.status)}, Cell{std::to_string(i.records), Align::right}}});
        return in;
    }

    // The digest's table: one row per return, its findings counted by
    // severity and its most frequent kinds named.
    Table returns_digest_table() const {
        struct Tally {
            int by_severity[3] = {0, 0, 0};
            std::map<std::string, FindingCount> kinds;
        };
        std::map<std::string, Tally> tally;
        for (const auto& is : m_r.issues) {
            Tally& t = tally[is.file];
            ++t.by_severity[static_cast<int>(is.severity)];
            auto& k = t.kinds.try_emplace(is.code, FindingCount{is.code, is.severity, 0}).first->second;
            ++k.count;
        }
        Table in = compact_table();
        in.columns = {Column{}, Column{std::nullopt, false}, Column{std::nullopt, false}, Column{std::nullopt, false},
                      Column{std::nullopt, false}, Column{std::nullopt, false}, Column{}};
        in.header.push_back(Row{RowKind::body, {Cell{"Workbook"}, Cell{"Contents"}, Cell{"Records", Align::right},
                                                Cell{"Errors", Align::right}, Cell{"Warnings", Align::right},
                                                Cell{"Notes", Align::right}, Cell{"Most frequent findings"}}});
        auto add = [&](const std::string& name, const std::string& contents, const std::string& records,
                       const Tally& t) {
            Row row{RowKind::body, {Cell{name}, Cell{contents}, Cell{records, Align::right}}};
            for (int sev = 0; sev < 3; ++sev) {
                int n = t.by_severity[sev];
                Cell c{n ? format_number(n, 0) : "–", Align::right, sev == 0 && n > 0};
                if (!n) c.color = k_muted;
                row.cells.push_back(std::move(c));
            }
            std::vector<FindingCount> kinds;
            for (const auto& [code, k] : t.kinds) kinds.push_back(k);
            std::string main = main_findings_text(std::move(kinds), 3);
            Cell c{main.empty() ? "None" : main};
            if (main.empty()) c.color = k_muted;
            row.cells.push_back(std::move(c));
            in.rows.push_back(std::move(row));
        };
        for (const auto& i : m_r.inputs) {
            auto it = tally.find(i.file);
            add(file_name(i.file), i.status == model::InputStatus::unreadable ? in_words(i.status) : in_words(i.kind),
                std::to_string(i.records), it == tally.end() ? Tally{} : it->second);
            if (it != tally.end()) tally.erase(it);
        }
        for (const auto& [file, t] : tally) add(file_name(file), "–", "–", t);  // a finding on no input read
        return in;
    }

    // The submission tracker: one row per expected return (the workbooks nobody expected
    // named up to k_unexpected_rows, then counted), so it stays short however large the pack.
    void returns_this_month() {
        if (!m_r.returns.active()) return;
        constexpr int k_unexpected_rows = 5;
        Table t = compact_table();
        t.columns = {Column{}, Column{std::nullopt, false}, Column{std::nullopt, false}, Column{std::nullopt, false},
                     Column{std::nullopt, false}, Column{}};
        t.header.push_back(Row{RowKind::body, {Cell{"Team"}, Cell{"Kind"}, Cell{"Due"}, Cell{"State"}, Cell{"Received"},
                                               Cell{"Workbook"}}});
        int unexpected = 0;
        for (const auto& r : m_r.returns.entries) {
            if (r.state == model::ReturnState::unexpected && ++unexpected > k_unexpected_rows) continue;
            Cell state{return_state_words(r)};
            if (r.state == model::ReturnState::missing) state.bold = true, state.color = m_t.rag.red;
            if (r.state == model::ReturnState::late) state.bold = true;
            t.rows.push_back(Row{RowKind::body, {Cell{return_team_words(r)}, Cell{return_kind_words(r)},
                                                 Cell{r.due ? uk_date(*r.due) : "–"}, std::move(state),
                                                 Cell{r.received ? uk_date(*r.received) : "–"},
                                                 Cell{return_files_words(r)}}});
        }
        if (unexpected > k_unexpected_rows) {
            Cell more{fmt::format("and {} more workbooks not on the list (the scorecard's Returns sheet names them)",
                                  unexpected - k_unexpected_rows)};
            more.span = 6;
            more.color = k_muted;
            t.rows.push_back(Row{RowKind::body, {std::move(more)}});
        }
        block("Returns this month", m_s.h2, false, {returns_sentence(m_r.returns)}, &t);
    }

    // Which file each return was, so a reader can check the pack was built from the copies sent.
    Table sources_table() const {
        Table s = compact_table();
        s.columns = {Column{}, Column{}, Column{std::nullopt, false}, Column{std::nullopt, false},
                     Column{std::nullopt, false}};
        s.header.push_back(Row{RowKind::body, {Cell{"Workbook"}, Cell{"Sheets read"}, Cell{"Records", Align::right},
                                               Cell{"Modified (UTC)"}, Cell{"SHA-256"}}});
        const bool teams = m_r.returns.active();  // the returns list names each workbook's team
        if (teams) {
            s.columns.insert(s.columns.begin() + 1, Column{});
            s.header.back().cells.insert(s.header.back().cells.begin() + 1, Cell{"Team"});
        }
        for (const auto& i : m_r.inputs) {
            std::vector<std::string> seen;
            std::string sheets;
            for (const auto& t : i.tables) {
                if (std::find(seen.begin(), seen.end(), t.sheet) != seen.end()) continue;
                sheets += (seen.empty() ? "" : ", ") + t.sheet;
                seen.push_back(t.sheet);
            }
            std::string modified = "–";
            if (i.facts.modified) {
                std::tm tm{};
                gmtime_r(&*i.facts.modified, &tm);
                char buf[32];
                std::strftime(buf, sizeof buf, "%d/%m/%Y %H:%M", &tm);
                modified = buf;
            }
            s.rows.push_back(Row{RowKind::body, {Cell{file_name(i.file)},
                                                 Cell{sheets.empty() ? "–" : sheets},
                                                 Cell{std::to_string(i.records), Align::right}, Cell{modified},
                                                 Cell{i.facts.sha256.empty() ? "–" : i.facts.sha256.substr(0, 12)}}});
            if (teams) {
                std::string team = team_of_input(m_r.returns, i.file);
                s.rows.back().cells.insert(s.rows.back().cells.begin() + 1, Cell{team.empty() ? "–" : team});
            }
        }
        return s;
    }

    void sources() {
        if (m_r.inputs.empty()) return;
        Table s = sources_table();
        block("Sources", m_s.h2, false,
              {"SHA-256 is the first 12 hex digits of each file's checksum (summary.json holds them whole): the same "
               "digits mean the same file, byte for byte."},
              &s);
    }

    void data_quality(const SectionSpec& spec, const std::string& title) {
        std::vector<std::string> paras{spec.intro, findings_sentence(m_r.inputs.size(), m_r.errors, m_r.warnings, m_r.infos)};
        Table f = findings_table();
        if (m_t.appendix == Appendix::digest && !fits_digest(f)) {
            Table digest = returns_digest_table();
            paras.push_back(findings_digest_sentence(k_issues_sheet));
            // A pack this large keeps the report board-sized: the table above names every workbook, and
            // each one's size, file time and SHA-256 are in summary.json (inputs[]).
            paras.push_back("Each workbook's size, file time and SHA-256 checksum are in summary.json.");
            block(title, m_s.h1, true, paras, digest.rows.empty() ? nullptr : &digest);
            returns_this_month();
            return;
        }
        Table in = returns_table();
        block(title, m_s.h1, true, paras, m_r.inputs.empty() ? nullptr : &in);
        returns_this_month();
        if (!f.rows.empty()) block("Findings", m_s.h2, false, {}, &f);
        sources();
    }

    const model::Pack& m_r;
    const ReportTemplate& m_t;
    Flow m_flow;
    const ReportAssets& m_assets;
    Styles m_s;
    PageSize m_size;
};

}  // namespace

Layout layout_board_report(const model::Pack& result, const ReportTemplate& tpl, const Measure& m,
                           const ReportAssets& assets) {
    return ReportBuilder(result, tpl, m, assets).build();
}

std::optional<std::string> missing_glyphs_note(const std::vector<char32_t>& missing) {
    if (missing.empty()) return std::nullopt;
    std::vector<std::string> shown;
    bool beyond_bmp = false, in_bmp = false;
    for (char32_t cp : missing) {
        (cp > 0xFFFF ? beyond_bmp : in_bmp) = true;
        if (shown.size() == 8) continue;
        std::string c;
        append_utf8(c, cp);
        shown.push_back(fmt::format("{} (U+{:04X})", c, static_cast<std::uint32_t>(cp)));
    }
    if (missing.size() > shown.size()) shown.push_back(fmt::format("and {} more", missing.size() - shown.size()));
    std::string why;
    if (in_bmp)
        why = "install a fallback font (Debian: fonts-droid-fallback for Chinese and Japanese, fonts-nanum for "
              "Korean, fonts-noto-core for symbols) or name a TrueType file with font_fallback = in the report template";
    if (beyond_bmp)
        why += std::string(in_bmp ? "; " : "") +
               "characters beyond U+FFFF (emoji and other supplementary-plane characters) cannot be drawn by the PDF "
               "library: write them as words or BMP symbols (such as \u2713 or \u2605)";
    return fmt::format("board-report.pdf: {} character(s) have no glyph in any installed font and are printed as "
                       "\uFFFD: {}; {}",
                       missing.size(), fmt::join(shown, ", "), why);
}

Result<std::unique_ptr<Document>> open_report_document(const ReportTemplate& tpl) {
    BP_ASSIGN_OR_RETURN(FontFiles fonts, find_fonts(tpl.font, tpl.font_bold));
    fonts.fallback = tpl.font_fallback;
    return Document::create(fonts);
}

Status write_board_report(const model::Pack& result, const ReportTemplate& tpl, const std::string& path,
                          std::vector<std::string>* notes, std::unique_ptr<Document> doc) {
    if (!doc) {
        BP_ASSIGN_OR_RETURN(std::unique_ptr<Document> opened, open_report_document(tpl));
        doc = std::move(opened);
    }
    ReportAssets assets;
    if (!tpl.logo.empty()) {
        BP_ASSIGN_OR_RETURN(ImageSize size, doc->load_image(tpl.logo));
        assets.logo = size;
    }
    Layout layout = layout_board_report(result, tpl, *doc, assets);
    DocInfo info;
    info.title = tpl.title;
    info.author = tpl.author;
    info.subject = tpl.board + (tpl.meeting_date ? ", " + long_date(*tpl.meeting_date) : "");
    info.keywords = "board report, improvement plan, key performance indicators";
    info.created = result.built_at;
    info.profile = tpl.pdf;
    BP_TRY(doc->render(layout, info));
    if (auto note = missing_glyphs_note(doc->missing_characters()); note && notes) notes->push_back(*note);
    Status saved = doc->save(path);
    leave_to_exit(layout);
    leave_to_exit(doc);
    return saved;
}

}  // namespace bp::render
