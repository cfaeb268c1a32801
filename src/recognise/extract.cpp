#include "recognise/extract.hpp"

#include <algorithm>
#include <cmath>

#include "check/rag.hpp"
#include "recognise/cell_values.hpp"
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
    void add(Severity s, std::string code, std::uint32_t row, std::uint32_t col, std::string message) {
        if (s == Severity::error) rejected = true;
        out.push_back(Issue{s, std::move(code), file, sheet, cell_ref(row, col), std::move(message)});
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

const read::Cell* cell_in(const SheetGrid& grid, std::uint32_t row, std::optional<std::uint32_t> col) {
    return col ? grid.at(row, *col) : nullptr;
}

}  // namespace

void extract_plan(const SheetGrid& grid, const Vocabulary& vocab, const TableLayout& layout, const std::string& file,
                  Extracted& out, model::Issues& issues) {
    const std::string& sheet = grid.sheet().info.name;
    auto col = [&](PlanField f) { return layout.column(static_cast<int>(f)); };
    std::string group;
    for (std::uint32_t row : grid.rows()) {
        if (row <= layout.header_bottom) continue;
        auto filled = filled_cells(grid, layout, row);
        if (filled.empty() || is_header_row(grid, vocab, layout, row)) continue;
        if (auto heading = group_heading(grid, layout, filled, col(PlanField::action))) {
            group = *heading;
            continue;
        }
        RowIssues ri{issues, file, sheet};
        model::PlanAction a;
        a.source = {file, sheet, row + 1, {}};
        auto note_cell = [&](PlanField f) {
            if (auto c = col(f)) a.source.cells[field_name(f)] = cell_ref(row, *c);
        };
        for (int f = 0; f < k_plan_fields; ++f) note_cell(static_cast<PlanField>(f));

        a.ref = text_value(grid, cell_in(grid, row, col(PlanField::ref)));
        if (a.ref.empty()) {
            a.ref = sheet + "-" + std::to_string(row + 1);
            a.ref_generated = true;
        }
        std::string section = text_value(grid, cell_in(grid, row, col(PlanField::section)));
        a.section = !section.empty() ? section : !group.empty() ? group : sheet;
        a.action = text_value(grid, cell_in(grid, row, col(PlanField::action)));
        a.lead = text_value(grid, cell_in(grid, row, col(PlanField::lead)));
        a.progress = text_value(grid, cell_in(grid, row, col(PlanField::progress)));
        a.evidence = text_value(grid, cell_in(grid, row, col(PlanField::evidence)));

        std::uint32_t action_col = *col(PlanField::action);
        if (a.action.empty())
            ri.add(Severity::error, "missing-action", row, action_col,
                   "action " + a.ref + " has no action text: describe what will be done, or delete the row");

        if (auto c = col(PlanField::due)) {
            DateValue d = read_date(grid, vocab, grid.at(row, *c));
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
            auto s = sc->type == read::CellType::string ? vocab.status(text) : std::nullopt;
            if (s) {
                a.status = *s;
            } else {
                ri.add(Severity::error, "bad-status", row, status_col,
                       quoted(text) + " is not a status: use Blue (completed), Green (on track), Amber (some progress "
                                      "but slippage) or Red (not progressed as planned)");
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
        out.actions.push_back(std::move(a));
    }
}

namespace {

struct RowNumbers {
    const SheetGrid& grid;
    const Vocabulary& vocab;
    const TableLayout& layout;
    RowIssues& ri;
    std::uint32_t row;
    Scale row_scale = Scale::plain;
    bool row_percent = false;

    // A number from a column; plain numbers in a percentage row take the row's scale.
    std::optional<double> get(std::optional<std::uint32_t> col, const char* what, bool scale_like_value, bool* missing = nullptr) {
        if (!col) {
            if (missing) *missing = true;
            return std::nullopt;
        }
        const read::Cell* cell = grid.at(row, *col);
        NumberValue v = read_number(grid, vocab, cell, layout.percent_header.count(*col) > 0);
        if (missing) *missing = v.missing;
        if (v.no_cached_value) {
            ri.add(Severity::warning, "formula-no-value", row, *col,
                   std::string("the ") + what + " is a formula with no saved value: open the workbook in Excel and save it");
            return std::nullopt;
        }
        if (v.bad) {
            ri.add(Severity::error, "bad-number", row, *col,
                   quoted(text_value(grid, cell)) + " is not a number: the " + what + " must be a number or a percentage");
            return std::nullopt;
        }
        if (v.value && scale_like_value && !v.percent && row_percent && row_scale == Scale::hundred) return from_hundred(*v.value);
        return v.value;
    }
};

bool looks_like_count(const std::string& title) {
    std::string t = normalize(title);
    for (std::string_view p : {"number of", "no of", "count of", "total number", "number "})
        if (t.rfind(p, 0) == 0) return true;
    return false;
}

}  // namespace

void extract_kpis(const SheetGrid& grid, const Vocabulary& vocab, const TableLayout& layout, const std::string& file,
                  Extracted& out, model::Issues& issues) {
    const std::string& sheet = grid.sheet().info.name;
    auto col = [&](KpiField f) { return layout.column(static_cast<int>(f)); };
    // The table's own findings (two columns for one period ...) at their headings.
    for (const auto& p : layout.problems)
        issues.push_back(Issue{p.error ? Severity::error : Severity::warning, p.code, file, sheet, cell_ref(p.cell), p.message});
    std::optional<std::uint32_t> value_col = col(KpiField::value), previous_col = col(KpiField::previous);

    for (const auto& t : layout.trend)
        if (!out.period || t.month > *out.period) out.period = t.month;

    std::string group;
    for (std::uint32_t row : grid.rows()) {
        if (row <= layout.header_bottom) continue;
        auto filled = filled_cells(grid, layout, row);
        if (filled.empty() || is_header_row(grid, vocab, layout, row)) continue;
        if (auto heading = group_heading(grid, layout, filled, col(KpiField::title))) {
            group = *heading;
            continue;
        }
        RowIssues ri{issues, file, sheet};
        model::KpiMeasure m;
        m.source = {file, sheet, row + 1, {}};
        for (int f = 0; f < k_kpi_fields; ++f)
            if (auto c = col(static_cast<KpiField>(f))) m.source.cells[field_name(static_cast<KpiField>(f))] = cell_ref(row, *c);

        m.ref = text_value(grid, cell_in(grid, row, col(KpiField::ref)));
        m.title = text_value(grid, cell_in(grid, row, col(KpiField::title)));
        if (m.ref.empty() && m.title.empty()) continue;  // notes beside the table
        if (m.ref.empty())
            ri.add(Severity::error, "missing-ref", row, *col(KpiField::ref),
                   "measure " + quoted(m.title) + " has no reference: give it its KPI ref (e.g. 2.1)");
        if (m.title.empty())
            ri.add(Severity::error, "missing-title", row, *col(KpiField::title),
                   "measure " + m.ref + " has no title: name the performance measure");
        std::string group_text = text_value(grid, cell_in(grid, row, col(KpiField::group)));
        m.group = !group_text.empty() ? group_text : group;
        m.period_type = text_value(grid, cell_in(grid, row, col(KpiField::period_type)));
        m.commentary = text_value(grid, cell_in(grid, row, col(KpiField::commentary)));

        RowNumbers nums{grid, vocab, layout, ri, row};
        // The value decides the row's scale: 0.904 under 0.0% or 90.4 under a "%" header.
        if (value_col) {
            NumberValue v = read_number(grid, vocab, grid.at(row, *value_col), layout.percent_header.count(*value_col) > 0);
            nums.row_percent = v.percent;
            nums.row_scale = v.scale;
            m.value_decimals = v.decimals;
            bool missing = false;
            m.value = nums.get(value_col, "value", false, &missing);
            if (missing && !v.no_cached_value)
                ri.add(Severity::error, "missing-value", row, *value_col,
                       "measure " + m.ref + " has no current value: enter it, or remove the measure");
        }
        if (!nums.row_percent) {
            // Percentages written with a sign in other columns still make the row a percentage.
            for (auto f : {KpiField::target_min, KpiField::target_upper, KpiField::target}) {
                if (auto c = col(f)) {
                    NumberValue t = read_number(grid, vocab, grid.at(row, *c), layout.percent_header.count(*c) > 0);
                    if (t.percent && t.scale == Scale::hundred && m.value && *m.value > 1) {
                        nums.row_percent = true;
                        nums.row_scale = Scale::hundred;
                        m.value = from_hundred(*m.value);
                        break;
                    }
                }
            }
        }
        m.numerator = nums.get(col(KpiField::numerator), "numerator", false);
        m.denominator = nums.get(col(KpiField::denominator), "denominator", false);
        m.previous = nums.get(previous_col, "previous year's value", true);
        auto min = nums.get(col(KpiField::target_min), "minimum target", true);
        auto upper = nums.get(col(KpiField::target_upper), "upper target", true);
        auto target = nums.get(col(KpiField::target), "target", true);
        auto tolerance = nums.get(col(KpiField::tolerance), "tolerance", true);
        for (const auto& t : layout.trend) {
            model::TrendPoint p{month_label(t.month), nums.get(t.col, "monthly value", true)};
            m.trend.push_back(std::move(p));
        }

        if (auto c = col(KpiField::polarity)) {
            std::string text = text_value(grid, grid.at(row, *c));
            if (!text.empty()) {
                m.stated_polarity = vocab.polarity(text);
                if (!m.stated_polarity)
                    ri.add(Severity::warning, "bad-polarity", row, *c,
                           quoted(text) + " is not a polarity: write Higher is better or Lower is better");
            }
        }
        if (!min && !upper && target) {
            model::Polarity p = m.stated_polarity.value_or(model::Polarity::higher);
            if (tolerance) {
                auto t = check::targets_from_tolerance(*target, *tolerance, p);
                min = t.min;
                upper = t.upper;
            } else {
                min = upper = target;
            }
        }
        m.target_min = min;
        m.target_upper = upper;

        if (auto c = col(KpiField::rag)) {
            std::string text = text_value(grid, grid.at(row, *c));
            if (!text.empty()) {
                m.supplied_rag = vocab.rating(text);
                if (!m.supplied_rag)
                    ri.add(Severity::warning, "bad-rag", row, *c, quoted(text) + " is not a RAG rating: write Green, Amber or Red");
            }
        }
        if (nums.row_percent) m.unit = model::Unit::percent;
        else if (looks_like_count(m.title) || (m.value && *m.value == std::floor(*m.value) && !min && !upper))
            m.unit = model::Unit::count;
        else
            m.unit = model::Unit::number;
        // No value column could be chosen without a guess: the table's finding says why; no row is rated.
        m.rejected = ri.rejected || layout.value_unresolved;
        out.measures.push_back(std::move(m));
    }
}

}  // namespace bp::recognise
