#include "recognise/extract.hpp"

#include <algorithm>
#include <cmath>

#include "model/rag.hpp"
#include "recognise/cell_values.hpp"
#include "recognise/measure_scale.hpp"
#include "recognise/measure_unit.hpp"
#include "recognise/text.hpp"

namespace bp::recognise {
namespace {

using model::Issue;
using model::Severity;

// Issues for one row of one sheet.
struct RowIssues {
    model::Issues& out;
    const std::string& file;
    const std::string& sheet;
    bool rejected = false;
    // "action QP1.23", "measure 2.1": put before each message that does not already
    // start with it, so a team lead can find the row by its ref as well as its cell.
    std::string who;
    void add(Severity s, std::string code, std::uint32_t row, std::uint32_t col, std::string message, std::string hint = {}) {
        if (s == Severity::error) rejected = true;
        if (!who.empty() && !message.starts_with(who)) message = who + ": " + message;
        out.push_back(Issue{s, std::move(code), file, sheet, CellPos{row, col}, std::move(message), std::move(hint)});
    }
};

std::string quoted(std::string_view text) {
    std::string t(text.substr(0, 60));
    return "'" + t + (text.size() > 60 ? "…'" : "'");
}

// The filled cells of a row within the table's columns.
std::vector<const read::Cell*> filled_cells(const SheetGrid& grid, const TableLayout& layout, std::uint32_t row) {
    std::vector<const read::Cell*> out;
    for (const read::Cell* c : grid.row(row))
        if (has_value(c) && c->pos.col >= layout.first_col && c->pos.col <= layout.last_col) out.push_back(c);
    return out;
}

// A group row carries only a heading ("Quality of Practice", "Front door / assessment")
// in its first cell, usually bold, filled or merged across.
std::optional<std::string> group_heading(const SheetGrid& grid, const TableLayout& layout,
                                         const std::vector<const read::Cell*>& filled, std::optional<std::uint32_t> record_col) {
    if (filled.size() != 1 || filled[0]->type != read::CellType::string) return std::nullopt;
    const read::Cell& c = *filled[0];
    const CellRange* merge = grid.merge_at(c.pos.row, c.pos.col);
    bool styled = grid.style(c).bold || grid.style(c).fill || (merge && merge->last.col > merge->first.col);
    bool leftmost = c.pos.col <= layout.first_col + 1;
    if (record_col && c.pos.col == *record_col && !styled && !leftmost) return std::nullopt;
    if (!leftmost && !styled) return std::nullopt;
    return trim(c.text);
}

template <class Level>
std::string names_of(const std::vector<Level>& levels) {
    std::string out;
    for (std::size_t i = 0; i < levels.size(); ++i) {
        std::string name = model::rag_word(levels[i]);
        out += (i == 0 ? "" : i + 1 == levels.size() ? " and " : ", ") + name;
    }
    return out;
}

const read::Cell* cell_in(const SheetGrid& grid, std::uint32_t row, std::optional<std::uint32_t> col) {
    return col ? grid.at(row, *col) : nullptr;
}

}  // namespace

void Extracted::append(Extracted&& more) {
    // The first table's records are taken whole, not moved one by one.
    if (actions.empty()) actions.swap(more.actions);
    if (measures.empty()) measures.swap(more.measures);
    actions.insert(actions.end(), std::make_move_iterator(more.actions.begin()), std::make_move_iterator(more.actions.end()));
    measures.insert(measures.end(), std::make_move_iterator(more.measures.begin()), std::make_move_iterator(more.measures.end()));
    if (more.period && (!period || *more.period > *period)) period = more.period;
}

TableRows::TableRows(const SheetGrid& head, const Vocabulary& vocab, const TableLayout& layout, const std::string& file,
                     Extracted& out, model::Issues& issues)
    : m_vocab(vocab), m_layout(layout), m_file(file), m_out(out), m_issues(issues) {
    if (layout.kind != TableKind::kpi) return;
    for (const auto& t : layout.trend) {
        if (!out.period || t.month > *out.period) out.period = t.month;
        m_trend_what.push_back("value for " + month_label(t.month));
    }
    if (auto v = layout.column(static_cast<int>(KpiField::value)))
        if (auto u = unit_from_words(head.header_text(layout.header_bottom, *v)); u && *u != model::Unit::count) m_heading_unit = u;
}

bool TableRows::reads_like(const TableRows& other) const {
    const TableLayout &a = m_layout, &b = other.m_layout;
    auto same_month = [](const TrendColumn& x, const TrendColumn& y) { return x.col == y.col && x.month == y.month; };
    return a.kind == b.kind && a.header_bottom == b.header_bottom && a.first_col == b.first_col && a.last_col == b.last_col &&
           a.fields == b.fields && a.percent_header == b.percent_header && a.value_unresolved == b.value_unresolved &&
           std::equal(a.trend.begin(), a.trend.end(), b.trend.begin(), b.trend.end(), same_month) &&
           m_heading_unit == other.m_heading_unit && m_group == other.m_group;
}

void TableRows::add(const SheetGrid& grid, std::uint32_t row) {
    if (row <= m_layout.header_bottom) return;
    auto filled = filled_cells(grid, m_layout, row);
    if (filled.empty() || is_header_row(grid, m_vocab, m_layout, row)) return;
    bool plan = m_layout.kind == TableKind::plan;
    auto record_col = m_layout.column(plan ? static_cast<int>(PlanField::action) : static_cast<int>(KpiField::title));
    if (auto heading = group_heading(grid, m_layout, filled, record_col)) {
        m_group = *heading;
        return;
    }
    if (plan) add_plan(grid, row);
    else add_kpi(grid, row);
}

void TableRows::add_plan(const SheetGrid& grid, std::uint32_t row) {
    const TableLayout& layout = m_layout;
    const std::string& sheet = grid.sheet().info.name;
    auto col = [&](PlanField f) { return layout.column(static_cast<int>(f)); };
    RowIssues ri{m_issues, m_file, sheet};
    model::PlanAction a;
    a.source = {m_file, sheet, row + 1, {}};
    a.source.cells.reserve(layout.fields.size());
    auto note_cell = [&](PlanField f) {
        if (auto c = col(f)) a.source.cells.emplace_back(field_name(f), CellPos{row, *c});
    };
    for (int f = 0; f < k_plan_fields; ++f) note_cell(static_cast<PlanField>(f));

    a.ref = text_value(grid, cell_in(grid, row, col(PlanField::ref)));
    if (a.ref.empty()) {
        a.ref = sheet + "-" + std::to_string(row + 1);
        a.ref_generated = true;
    }
    if (!a.ref_generated) ri.who = "action " + a.ref;  // a made-up ref would only confuse: the cell says where
    std::string section = text_value(grid, cell_in(grid, row, col(PlanField::section)));
    a.section = !section.empty() ? section : !m_group.empty() ? m_group : sheet;
    a.action = text_value(grid, cell_in(grid, row, col(PlanField::action)));
    a.lead = text_value(grid, cell_in(grid, row, col(PlanField::lead)));
    a.progress = text_value(grid, cell_in(grid, row, col(PlanField::progress)));
    a.evidence = text_value(grid, cell_in(grid, row, col(PlanField::evidence)));

    std::uint32_t action_col = *col(PlanField::action);
    if (a.action.empty())
        ri.add(Severity::error, "missing-action", row, action_col,
               "action " + a.ref + " has no action text: describe what will be done, or delete the row");

    if (auto c = col(PlanField::due)) {
        DateValue d = read_date(grid, m_vocab, grid.at(row, *c));
        if (d.bad)
            ri.add(Severity::error, "bad-date", row, *c,
                   quoted(text_value(grid, grid.at(row, *c))) + " is not a date: enter the due date as a date, e.g. 31/03/2027");
        else if (d.no_cached_value)
            ri.add(Severity::warning, "formula-no-value", row, *c,
                   "the due date is a formula with no saved value: open the workbook in Excel and save it");
        a.due = d.date;
        a.due_ongoing = d.ongoing;
    }

    std::uint32_t status_col = *col(PlanField::status);
    const read::Cell* sc = grid.at(row, status_col);
    if (has_value(sc)) {
        std::string text = text_value(grid, sc);
        auto named = sc->type == read::CellType::string ? m_vocab.statuses_named(text) : std::vector<model::PlanStatus>{};
        auto s = sc->type == read::CellType::string ? m_vocab.status(text) : std::nullopt;
        if (named.size() > 1 && !m_vocab.is_status_entry(text)) {
            ri.add(Severity::error, "ambiguous-status", row, status_col,
                   quoted(text) + " names " + names_of(named) + ": boardpack will not choose one. Enter a single status: " +
                       model::status_choices(),
                   "if the council uses this as a level of its own, add it to its vocabulary (--vocabulary; "
                   "docs/issue-codes.md)");
        } else if (s) {
            a.status = *s;
        } else {
            ri.add(Severity::error, "bad-status", row, status_col,
                   quoted(text) + " is not a status: use " + model::status_choices());
        }
    } else if (sc && grid.style(*sc).fill && status_from_fill(*grid.style(*sc).fill)) {
        a.status = *status_from_fill(*grid.style(*sc).fill);
        a.status_from_fill = true;
        ri.add(Severity::info, "status-from-colour", row, status_col,
               std::string("status read from the cell colour as ") + model::status_name(a.status) +
                   ": type the status as a word so it survives printing and copying");
    } else if (sc && sc->has_formula()) {
        ri.add(Severity::error, "formula-no-value", row, status_col,
               "the status is a formula with no saved value: open the workbook in Excel and save it");
    } else {
        ri.add(Severity::error, "missing-status", row, status_col,
               "action " + a.ref + " has no status: enter Blue, Green, Amber or Red");
    }
    a.rejected = ri.rejected;
    m_out.actions.push_back(std::move(a));
}

namespace {

// A KPI row's numbers, read cell by cell with a finding for each that is not a number.
struct RowReader {
    const SheetGrid& grid;
    const Vocabulary& vocab;
    const TableLayout& layout;
    RowIssues& ri;
    std::uint32_t row;

    NumberValue read(std::uint32_t col, std::string_view what) {
        const read::Cell* cell = grid.at(row, col);
        NumberValue v = read_number(grid, vocab, cell, layout.percent_header.count(col) > 0);
        if (v.no_cached_value) {
            ri.add(Severity::warning, "formula-no-value", row, col,
                   "the " + std::string(what) + " is a formula with no saved value: open the workbook in Excel and save it");
            v.value.reset();
        } else if (v.bad) {
            ri.add(Severity::error, "bad-number", row, col,
                   quoted(text_value(grid, cell)) + " is not a number: the " + std::string(what) + " must be a number or a percentage");
            v.value.reset();
        }
        return v;
    }
    // Numerator and denominator are counts: read as typed.
    std::optional<double> count(std::optional<std::uint32_t> col, std::string_view what) {
        if (!col) return std::nullopt;
        return read(*col, what).value;
    }
};

}  // namespace

void TableRows::add_kpi(const SheetGrid& grid, std::uint32_t row) {
    const TableLayout& layout = m_layout;
    const std::string& sheet = grid.sheet().info.name;
    auto col = [&](KpiField f) { return layout.column(static_cast<int>(f)); };
    std::optional<std::uint32_t> value_col = col(KpiField::value), previous_col = col(KpiField::previous);
    RowIssues ri{m_issues, m_file, sheet};
    model::KpiMeasure m;
    m.source = {m_file, sheet, row + 1, {}};
    m.source.cells.reserve(layout.fields.size());
    for (int f = 0; f < k_kpi_fields; ++f)
        if (auto c = col(static_cast<KpiField>(f))) m.source.cells.emplace_back(field_name(static_cast<KpiField>(f)), CellPos{row, *c});

    m.ref = text_value(grid, cell_in(grid, row, col(KpiField::ref)));
    m.title = text_value(grid, cell_in(grid, row, col(KpiField::title)));
    if (m.ref.empty() && m.title.empty()) return;  // notes beside the table
    ri.who = !m.ref.empty() ? "measure " + m.ref : "measure " + quoted(m.title);
    if (m.ref.empty())
        ri.add(Severity::error, "missing-ref", row, *col(KpiField::ref),
               "measure " + quoted(m.title) + " has no reference: give it its KPI ref (e.g. 2.1)");
    if (m.title.empty())
        ri.add(Severity::error, "missing-title", row, *col(KpiField::title),
               "measure " + m.ref + " has no title: name the performance measure");
    std::string group_text = text_value(grid, cell_in(grid, row, col(KpiField::group)));
    m.group = !group_text.empty() ? group_text : m_group;
    m.period_type = text_value(grid, cell_in(grid, row, col(KpiField::period_type)));
    m.commentary = text_value(grid, cell_in(grid, row, col(KpiField::commentary)));

    if (auto c = col(KpiField::polarity)) {
        std::string text = text_value(grid, grid.at(row, *c));
        if (!text.empty()) {
            m.stated_polarity = m_vocab.polarity(text);
            if (!m.stated_polarity)
                ri.add(Severity::warning, "bad-polarity", row, *c,
                       quoted(text) + " is not a polarity: write Higher is better or Lower is better");
        }
    }

    // Every level of the measure, read, then put on the measure's one scale.
    RowReader reader{grid, m_vocab, layout, ri, row};
    std::vector<RowNumber> numbers;
    numbers.reserve(6 + layout.trend.size());  // value, previous, three targets, tolerance, the months
    auto add = [&](NumberRole role, std::optional<std::uint32_t> c, std::string_view what) -> std::optional<std::size_t> {
        if (!c) return std::nullopt;
        NumberValue v = reader.read(*c, what);
        numbers.push_back({role, *c, v, what, {}});
        return numbers.size() - 1;
    };
    auto value_at = add(NumberRole::value, value_col, "value");
    if (value_at && numbers[*value_at].number.missing && !numbers[*value_at].number.no_cached_value)
        ri.add(Severity::error, "missing-value", row, *value_col,
               "measure " + m.ref + " has no current value: enter it, or remove the measure");
    auto previous_at = add(NumberRole::previous, previous_col, "previous value");
    auto min_at = add(NumberRole::target_min, col(KpiField::target_min), "minimum target");
    auto upper_at = add(NumberRole::target_upper, col(KpiField::target_upper), "upper target");
    auto target_at = add(NumberRole::target, col(KpiField::target), "target");
    auto tolerance_at = add(NumberRole::tolerance, col(KpiField::tolerance), "tolerance");
    std::vector<std::optional<std::size_t>> trend_at;
    trend_at.reserve(layout.trend.size());
    for (std::size_t i = 0; i < layout.trend.size(); ++i) trend_at.push_back(add(NumberRole::trend, layout.trend[i].col, m_trend_what[i]));

    std::optional<model::Unit> worded = unit_from_words(m.title);
    if (!worded) worded = m_heading_unit;
    ScaledRow scaled = put_on_one_scale(worded, numbers);
    if (!scaled.problems.empty()) {  // the messages show the cells as shown
        for (auto& n : numbers) n.shown = text_value(grid, grid.at(row, n.col));
        scaled = put_on_one_scale(worded, numbers);
    }
    auto scaled_value = [&](std::optional<std::size_t> at) { return at ? scaled.values[*at] : std::nullopt; };
    m.unit = scaled.unit;
    m.value = scaled_value(value_at);
    m.value_decimals = scaled.value_decimals;
    m.previous = scaled_value(previous_at);
    auto min = scaled_value(min_at), upper = scaled_value(upper_at), target = scaled_value(target_at);
    auto tolerance = scaled_value(tolerance_at);
    m.trend.reserve(layout.trend.size());
    for (std::size_t i = 0; i < layout.trend.size(); ++i)
        m.trend.push_back({layout.trend[i].month, scaled_value(trend_at[i])});
    m.numerator = reader.count(col(KpiField::numerator), "numerator");
    m.denominator = reader.count(col(KpiField::denominator), "denominator");

    auto targets_of = [&](std::optional<double> lo, std::optional<double> up, std::optional<double> t, std::optional<double> tol) {
        if (!lo && !up && t) {
            if (tol) return model::targets_from_tolerance(*t, *tol, m.stated_polarity.value_or(model::Polarity::higher));
            return model::Targets{t, t};
        }
        if (lo && !up && t) return model::Targets{lo, t};  // a minimum and a target: the target is the upper level
        if (!lo && up && t) return model::Targets{};       // two targets, no minimum: not guessed (table_layout says so)
        return model::Targets{lo, up};
    };
    auto targets = targets_of(min, upper, target, tolerance);
    m.target_min = targets.min;
    m.target_upper = targets.upper;

    if (!scaled.problems.empty()) {
        // What boardpack would have shown, had it read the cells as typed: the reason not to guess.
        auto raw = [&](std::optional<std::size_t> at) { return at ? numbers[*at].number.value : std::nullopt; };
        auto as_typed = targets_of(raw(min_at), raw(upper_at), raw(target_at), raw(tolerance_at));
        model::Polarity p = m.stated_polarity.value_or(model::infer_polarity(as_typed.min, as_typed.upper));
        model::Rating naive = model::rate(raw(value_at), as_typed.min, as_typed.upper, p);
        for (const auto& problem : scaled.problems) {
            std::string message = "measure " + m.ref + ": " + problem.message;
            if (naive != model::Rating::none)
                message += std::string("; read as typed it would have been rated ") + model::rating_name(naive);
            ri.add(Severity::error, "scale-mismatch", row, numbers[problem.index].col, message + ", so it is not rated");
        }
    }

    if (auto c = col(KpiField::rag)) {
        std::string text = text_value(grid, grid.at(row, *c));
        auto named = m_vocab.ratings_named(text);
        if (named.size() > 1 && !m_vocab.is_rating_entry(text)) {
            ri.add(Severity::warning, "ambiguous-status", row, *c,
                   quoted(text) + " names " + names_of(named) + ": the computed rating is used; enter a single RAG rating");
        } else if (!text.empty()) {
            m.supplied_rag = m_vocab.rating(text);
            if (!m.supplied_rag)
                ri.add(Severity::warning, "bad-rag", row, *c, quoted(text) + " is not a RAG rating: write Green, Amber or Red");
        }
    }
    // No value column could be chosen without a guess: the table's finding says why; no row is rated.
    m.rejected = ri.rejected || layout.value_unresolved;
    m_out.measures.push_back(std::move(m));
}

namespace {
void extract_all(const SheetGrid& grid, const Vocabulary& vocab, const TableLayout& layout, const std::string& file,
                 Extracted& out, model::Issues& issues) {
    TableRows rows(grid, vocab, layout, file, out, issues);
    for (std::uint32_t row : grid.rows()) rows.add(grid, row);
}
}  // namespace

void extract_plan(const SheetGrid& grid, const Vocabulary& vocab, const TableLayout& layout, const std::string& file,
                  Extracted& out, model::Issues& issues) {
    extract_all(grid, vocab, layout, file, out, issues);
}

void extract_kpis(const SheetGrid& grid, const Vocabulary& vocab, const TableLayout& layout, const std::string& file,
                  Extracted& out, model::Issues& issues) {
    extract_all(grid, vocab, layout, file, out, issues);
}

}  // namespace bp::recognise
