#include "recognise/table_layout.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>

namespace bp::recognise {
namespace {

constexpr std::uint32_t k_header_search_rows = 60;
constexpr std::size_t k_max_header_words = 8;  // longer texts are titles or data, not headers

struct ColumnGuess {
    int field = -1;
    HeaderMatch match;
    bool percent = false;
    std::optional<YearMonth> month;
    std::optional<int> year;
};

std::optional<HeaderMatch> match_header(const Vocabulary& vocab, TableKind kind, const std::string& text) {
    if (text.empty()) return std::nullopt;
    auto m = kind == TableKind::plan ? vocab.plan_header(text) : vocab.kpi_header(text);
    if (m && !m->exact && words(normalize(text)).size() > k_max_header_words) return std::nullopt;
    return m;
}

// What one header cell says, for a KPI table: a month, a year, or a field.
ColumnGuess guess_uncached(const SheetGrid& grid, const Vocabulary& vocab, TableKind kind, std::uint32_t row, std::uint32_t col) {
    ColumnGuess g;
    const read::Cell* cell = grid.header_cell(row, col);
    if (!has_value(cell)) return g;
    // Headers are short; progress commentary and titles are not worth matching.
    if (cell->type == read::CellType::string && cell->text.size() > 100) return g;
    std::string text = grid.display_text(*cell);
    g.percent = has_percent_sign(text);
    if (kind == TableKind::kpi) {
        if (cell->type == read::CellType::date) {
            if (auto d = date_from_serial(cell->number, grid.date1904())) {
                g.month = YearMonth{d->when.date.year, d->when.date.month};
                return g;
            }
        }
        if (auto ym = parse_month_label(text)) {
            g.month = ym;
            return g;
        }
        if (cell->type == read::CellType::number && cell->number >= 1990 && cell->number <= 2100 &&
            cell->number == static_cast<int>(cell->number)) {
            g.year = static_cast<int>(cell->number);
            return g;
        }
        if (auto y = parse_year_label(text)) {
            g.year = y;
            return g;
        }
    }
    if (auto m = match_header(vocab, kind, text)) {
        g.field = m->field;
        g.match = *m;
    }
    return g;
}

// Header guesses are asked for many times while candidate header rows are
// tried: each (row, column, kind) is worked out once per sheet.
class GuessCache {
public:
    const ColumnGuess& get(const SheetGrid& grid, const Vocabulary& vocab, TableKind kind, std::uint32_t row, std::uint32_t col) {
        std::uint64_t key = (static_cast<std::uint64_t>(row) << 21 | col) << 1 | (kind == TableKind::kpi ? 1u : 0u);
        auto it = m_cache.find(key);
        if (it == m_cache.end()) it = m_cache.emplace(key, guess_uncached(grid, vocab, kind, row, col)).first;
        return it->second;
    }
    void reset(const SheetGrid* grid) {
        if (grid != m_grid) m_cache.clear();
        m_grid = grid;
    }

private:
    const SheetGrid* m_grid = nullptr;
    std::unordered_map<std::uint64_t, ColumnGuess> m_cache;
};

thread_local GuessCache t_guesses;

const ColumnGuess& guess(const SheetGrid& grid, const Vocabulary& vocab, TableKind kind, std::uint32_t row, std::uint32_t col) {
    return t_guesses.get(grid, vocab, kind, row, col);
}

bool is_match(const ColumnGuess& g) { return g.field >= 0 || g.month || g.year; }

// A row continues a header when most of its filled cells are header words.
bool header_like(const SheetGrid& grid, const Vocabulary& vocab, TableKind kind, std::uint32_t row) {
    int filled = 0, matched = 0;
    for (const read::Cell* c : grid.row(row)) {
        if (!has_value(c)) continue;
        ++filled;
        if (is_match(guess(grid, vocab, kind, row, c->pos.col))) ++matched;
    }
    return filled >= 1 && matched * 2 >= filled && matched >= 1;
}

// Sub-headers sit under a header merged across columns ("Current performance"
// over Num | Denom | Current) or under blanks; a first data row sits under
// plain headers, however header-like its words.
bool under_super_headers(const SheetGrid& grid, const TableLayout& t, std::uint32_t row) {
    int filled = 0, under = 0;
    for (const read::Cell* c : grid.row(row)) {
        if (!has_value(c)) continue;
        ++filled;
        const CellRange* m = grid.merge_at(t.header_bottom, c->pos.col);
        under += (m && m->last.col > m->first.col) || grid.header_text(t.header_bottom, c->pos.col).empty();
    }
    return filled > 0 && under * 4 >= filled * 3;
}

std::vector<std::string> required_missing(const TableLayout& t) {
    std::vector<std::string> out;
    auto need = [&](int f, const char* name) {
        if (!t.column(f)) out.emplace_back(name);
    };
    if (t.kind == TableKind::plan) {
        need(static_cast<int>(PlanField::action), "action");
        need(static_cast<int>(PlanField::status), "status");
    } else {
        need(static_cast<int>(KpiField::ref), "ref");
        need(static_cast<int>(KpiField::title), "title (performance measure)");
        if (!t.column(static_cast<int>(KpiField::value)) && t.years.size() < 2) out.emplace_back("value (current)");
    }
    return out;
}

TableLayout layout_for(const SheetGrid& grid, const Vocabulary& vocab, TableKind kind, std::uint32_t anchor) {
    TableLayout t;
    t.kind = kind;
    t.header_top = anchor;
    t.header_bottom = anchor;
    // Sub-header rows below the anchor (e.g. Num/Denom under "Current performance", months under "Six month trend").
    for (int extra = 0; extra < 3; ++extra) {
        std::uint32_t next = t.header_bottom + 1;
        if (grid.row(next).empty() || !header_like(grid, vocab, kind, next) || !under_super_headers(grid, t, next)) break;
        t.header_bottom = next;
    }
    // A super-header row just above, with a merged cell spanning columns ("Target" over Min | Upper).
    if (anchor > 0) {
        for (const read::Cell* c : grid.row(anchor - 1)) {
            const CellRange* m = grid.merge_at(anchor - 1, c->pos.col);
            if (has_value(c) && m && m->last.col > m->first.col) {
                t.header_top = anchor - 1;
                break;
            }
        }
    }
    std::set<std::uint32_t> columns;
    for (std::uint32_t r = t.header_top; r <= t.header_bottom; ++r)
        for (const read::Cell* c : grid.row(r)) {
            if (!has_value(c)) continue;
            const CellRange* m = grid.merge_at(r, c->pos.col);
            for (std::uint32_t col = c->pos.col; col <= (m ? m->last.col : c->pos.col); ++col) columns.insert(col);
        }
    // Per column, the lowest header text that means something wins.
    std::map<int, std::pair<std::uint32_t, HeaderMatch>> best;
    for (std::uint32_t col : columns) {
        for (std::uint32_t r = t.header_bottom + 1; r-- > t.header_top;) {
            const ColumnGuess& g = guess(grid, vocab, kind, r, col);
            if (!is_match(g)) continue;
            if (g.percent) t.percent_header[col] = true;
            if (g.month) {
                t.trend.push_back({col, *g.month});
            } else if (g.year) {
                t.years.push_back({col, *g.year});
            } else {
                auto it = best.find(g.field);
                bool better = it == best.end() || g.match.exact > it->second.second.exact ||
                              (g.match.exact == it->second.second.exact && g.match.words > it->second.second.words);
                if (better) best[g.field] = {col, g.match};
            }
            break;
        }
        // A "%" anywhere in the column's header stack marks it as percentages.
        for (std::uint32_t r = t.header_top; r <= t.header_bottom; ++r)
            if (has_percent_sign(grid.header_text(r, col))) t.percent_header[col] = true;
    }
    for (const auto& [field, where] : best) t.fields[field] = where.first;
    if (!columns.empty()) {
        t.first_col = *columns.begin();
        t.last_col = *columns.rbegin();
    }
    t.score = static_cast<int>(t.fields.size()) + (t.trend.empty() ? 0 : 1) + (t.years.empty() ? 0 : 1);
    return t;
}

}  // namespace

std::optional<TableLayout> find_table(const SheetGrid& grid, const Vocabulary& vocab, std::vector<std::string>* missing,
                                      TableKind* near_kind) {
    t_guesses.reset(nullptr);  // a new sheet (a grid may reuse an old one's address)
    t_guesses.reset(&grid);
    std::optional<TableLayout> found, near;
    for (std::uint32_t row : grid.rows()) {
        if (row >= k_header_search_rows) break;
        for (TableKind kind : {TableKind::plan, TableKind::kpi}) {
            if (!header_like(grid, vocab, kind, row)) continue;
            TableLayout t = layout_for(grid, vocab, kind, row);
            if (t.score < 2) continue;
            if (required_missing(t).empty()) {
                if (!found || t.score > found->score) found = t;
            } else if (!near || t.score > near->score) {
                near = t;
            }
        }
    }
    if (!found && near) {
        if (missing) *missing = required_missing(*near);
        if (near_kind) *near_kind = near->kind;
    }
    return found;
}

bool is_header_row(const SheetGrid& grid, const Vocabulary& vocab, const TableLayout& layout, std::uint32_t row) {
    t_guesses.reset(&grid);
    int matched = 0, filled = 0;
    for (const read::Cell* c : grid.row(row)) {
        if (!has_value(c)) continue;
        ++filled;
        auto g = guess(grid, vocab, layout.kind, row, c->pos.col);
        auto it = layout.fields.find(g.field);
        // A repeated header repeats the heading exactly; "Update: signed off" is data.
        if (g.field >= 0 && g.match.exact && it != layout.fields.end() && it->second == c->pos.col) ++matched;
    }
    return filled >= 2 && matched * 2 >= filled;
}

}  // namespace bp::recognise
