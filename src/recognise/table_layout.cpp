#include "recognise/table_layout.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>
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
    std::optional<PeriodLabel> period;  // with field < 0: an outturn column; else a field for one period
};

std::size_t word_count(const NormalizedText& norm, std::string_view text) {
    return norm.cut() ? words(normalize(text)).size() : norm.word_count();
}

std::optional<HeaderMatch> match_header(const Vocabulary& vocab, TableKind kind, const NormalizedText& norm, std::string_view text) {
    if (text.empty()) return std::nullopt;
    auto m = kind == TableKind::plan ? vocab.plan_header(norm, text) : vocab.kpi_header(norm, text);
    if (m && !m->exact && word_count(norm, text) > k_max_header_words) return std::nullopt;
    return m;
}

std::optional<HeaderMatch> match_header(const Vocabulary& vocab, TableKind kind, std::string_view text) {
    return match_header(vocab, kind, NormalizedText(text), text);
}

// The text a header cell shows: a view of its own text where it has one.
std::string_view shown_text(const SheetGrid& grid, const read::Cell& cell, std::string& owned) {
    if (cell.type == read::CellType::string || cell.type == read::CellType::error) return trimmed(cell.text);
    owned = grid.display_text(cell);
    return owned;
}

// What one header cell says, for a KPI table: a month, a year, or a field.
// `norm` is the cell's text normalised.
ColumnGuess guess_text(const SheetGrid& grid, const Vocabulary& vocab, TableKind kind, const read::Cell& cell,
                       std::string_view text, const NormalizedText& norm) {
    ColumnGuess g;
    g.percent = has_percent_sign(text);
    if (kind == TableKind::kpi) {
        if (cell.type == read::CellType::date) {
            if (auto d = date_from_serial(cell.number, grid.date1904())) {
                g.month = YearMonth{d->when.date.year, d->when.date.month};
                return g;
            }
        }
        if (auto ym = norm.cut() ? parse_month_label(text) : parse_month_label(norm)) {
            g.month = ym;
            return g;
        }
        if (cell.type == read::CellType::number && cell.number >= 1990 && cell.number <= 2100 &&
            cell.number == static_cast<int>(cell.number)) {
            g.period = PeriodLabel{static_cast<int>(cell.number)};
            return g;
        }
        // A number other than a year is no period label ("93.5", "-12"): only its text is parsed.
        if (auto p = cell.type == read::CellType::number ? std::nullopt : parse_period_label(text)) {
            // "Outturn 2012-13", "2012/13": the period's value; "Last year 2011-12": the previous;
            // "Target 2013-14": a field for one period. Other words: not a period heading.
            auto m = p->words.empty() ? std::nullopt : match_header(vocab, kind, p->words);
            if (p->words.empty() || (m && m->field == static_cast<int>(KpiField::value))) {
                g.period = p;
                return g;
            }
            if (m) {  // "Target for 2013/14", "Last year's outturn 2011/12"
                g.field = m->field;
                g.match = *m;
                g.period = p;
                return g;
            }
        }
    }
    if (auto m = match_header(vocab, kind, norm, text)) {
        g.field = m->field;
        g.match = *m;
    }
    return g;
}

// A header cell's text as shown, and normalised: the same for both kinds of table.
struct CellWords {
    std::string owned;  // a number's or date's text as shown
    std::string_view text;
    NormalizedText norm;
    CellWords(const SheetGrid& grid, const read::Cell& cell) : text(shown_text(grid, cell, owned)), norm(text) {}
    CellWords(const CellWords&) = delete;
    CellWords& operator=(const CellWords&) = delete;
};

// What the headings of one sheet say. Guesses are asked for many times while
// candidate header rows are tried: each (row, column, kind) is worked out once.
class Headings {
public:
    Headings(const SheetGrid& g, const Vocabulary& v) : grid(g), vocab(v) {
        // The header search's rows kept flat, sized once so a guess handed out stays put.
        std::uint32_t width = 0;
        for (std::uint32_t row : grid.rows()) {
            if (row >= k_rows_kept_flat) break;
            for (const read::Cell* c : grid.row(row)) width = std::max(width, c->pos.col + 1);
        }
        m_width = std::min(width, k_columns_kept_flat);
        m_flat.resize(std::min<std::size_t>(grid.last_row() + 1, k_rows_kept_flat) * 2 * m_width);
        m_row_words = std::vector<std::optional<CellWords>>(m_width);  // never resized: the words hold views of themselves
    }
    const ColumnGuess& guess(TableKind kind, std::uint32_t row, std::uint32_t col) {
        const std::size_t flat = (static_cast<std::size_t>(row) * m_width + col) * 2 + (kind == TableKind::kpi ? 1 : 0);
        if (col < m_width && flat < m_flat.size()) {
            auto& g = m_flat[flat];
            if (!g) g = uncached(kind, row, col);
            return *g;
        }
        std::uint64_t key = (static_cast<std::uint64_t>(row) << 21 | col) << 1 | (kind == TableKind::kpi ? 1u : 0u);
        auto it = m_far.find(key);
        if (it == m_far.end()) it = m_far.emplace(key, uncached(kind, row, col)).first;
        return it->second;
    }
    const SheetGrid& grid;
    const Vocabulary& vocab;

private:
    ColumnGuess uncached(TableKind kind, std::uint32_t row, std::uint32_t col) {
        const read::Cell* cell = grid.header_cell(row, col);
        if (!has_value(cell)) return {};
        // Headers are short; progress commentary and titles are not worth matching.
        if (cell->type == read::CellType::string && cell->text.size() > 100) return {};
        if (cell->type == read::CellType::number && !vocab.may_name_number(kind == TableKind::kpi)) {
            // A number names no field and no month: at most a year ("2013"). Its text is not made.
            ColumnGuess g;
            if (kind == TableKind::kpi && cell->number >= 1990 && cell->number <= 2100 && cell->number == static_cast<int>(cell->number))
                g.period = PeriodLabel{static_cast<int>(cell->number)};
            return g;
        }
        const CellWords& w = words(row, col, *cell);
        return guess_text(grid, vocab, kind, *cell, w.text, w.norm);
    }
    // The cell's words, kept while its row is tried as both kinds of header.
    const CellWords& words(std::uint32_t row, std::uint32_t col, const read::Cell& cell) {
        if (col >= m_width) {
            m_far_words.emplace(grid, cell);
            return *m_far_words;
        }
        if (row != m_words_row) {
            for (auto& w : m_row_words) w.reset();
            m_words_row = row;
        }
        auto& w = m_row_words[col];
        if (!w) w.emplace(grid, cell);
        return *w;
    }

    static constexpr std::uint32_t k_rows_kept_flat = 128, k_columns_kept_flat = 256;
    std::uint32_t m_width = 0;
    std::vector<std::optional<ColumnGuess>> m_flat;  // (row, column, kind) for the first rows, never resized
    std::unordered_map<std::uint64_t, ColumnGuess> m_far;  // beyond them (nodes: stable too)
    std::vector<std::optional<CellWords>> m_row_words;  // by column, for the row m_words_row
    std::uint32_t m_words_row = UINT32_MAX;
    std::optional<CellWords> m_far_words;  // a column beyond the kept ones: not kept
};

bool is_match(const ColumnGuess& g) { return g.field >= 0 || g.month || g.period; }

// A row continues a header when most of its filled cells are header words.
bool header_like(Headings& h, TableKind kind, std::uint32_t row) {
    const SheetGrid& grid = h.grid;
    auto cells = grid.row(row);
    int filled = static_cast<int>(std::count_if(cells.begin(), cells.end(), [](const read::Cell* c) { return has_value(c); }));
    int matched = 0, unmatched = 0;
    for (const read::Cell* c : cells) {
        if (!has_value(c)) continue;
        if (is_match(h.guess(kind, row, c->pos.col))) ++matched;
        else if (++unmatched * 2 > filled) return false;  // most of its cells are not header words: a data row
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
        bool period_value = std::any_of(t.periods.begin(), t.periods.end(), [](const PeriodColumn& p) {
            return p.field == static_cast<int>(KpiField::value);
        });
        // Two headings for the value is a table found, with its rows unrated and a finding saying why.
        if (!t.column(static_cast<int>(KpiField::value)) && !period_value && !t.value_unresolved)
            out.emplace_back("value (current)");
    }
    return out;
}

std::string heading(const SheetGrid& grid, CellPos at) { return "'" + grid.header_text(at.row, at.col) + "'"; }

// Which of the period-labelled columns are the value and the previous, and
// which period's target, RAG... to take. Of several outturns the latest is the
// value and the one before it the previous, whatever their order; beside a
// "Current" column they are all earlier years. Where that needs a guess (two
// columns for one period, a period that has not begun), the table says so.
void resolve_periods(const SheetGrid& grid, TableLayout& t, CivilDate as_of) {
    const int k_value = static_cast<int>(KpiField::value), k_previous = static_cast<int>(KpiField::previous);
    auto problem = [&](bool error, CellPos at, std::string message, std::string hint = {}) {
        t.problems.push_back({error ? model::Severity::error : model::Severity::warning, "ambiguous-period", at,
                              std::move(message), std::move(hint)});
    };
    std::vector<PeriodColumn> outturns, previous_named;
    std::map<int, std::vector<PeriodColumn>> per_field;
    for (const auto& p : t.periods) {
        if (p.field == k_value) outturns.push_back(p);
        else if (p.field == k_previous) previous_named.push_back(p);
        else per_field[p.field].push_back(p);
    }
    auto by_period = [](const PeriodColumn& a, const PeriodColumn& b) { return a.period.order() > b.period.order(); };
    std::stable_sort(outturns.begin(), outturns.end(), by_period);
    std::stable_sort(previous_named.begin(), previous_named.end(), by_period);

    // Periods that start after the report date cannot hold this report's figures.
    std::erase_if(outturns, [&](const PeriodColumn& p) {
        if (p.period.starts() <= as_of) return false;
        bool decides_value = !t.column(k_value);
        problem(decides_value, p.header,
                fmt::format("the column {} is for {}, which starts after the report date {}: boardpack cannot tell whether it "
                            "holds this report's figures{}. If the year in the heading is wrong, correct it",
                            heading(grid, p.header), p.period.label(), uk_date(as_of), decides_value ? ", so no measure is rated" : ""),
                "if the report date is wrong, build again with the right one (--as-of DATE, or the report date on the web page)");
        if (decides_value) t.value_unresolved = true;
        return true;
    });
    auto take = [&](std::size_t i, int field, std::optional<PeriodLabel>& period) -> bool {
        if (i >= outturns.size()) return true;
        if (i + 1 < outturns.size() && outturns[i + 1].period.same_period(outturns[i].period)) {
            bool value = field == k_value;
            problem(value, outturns[i + 1].header,
                    fmt::format("two columns are for {}: {} at {} and {} at {}; boardpack will not guess which is the {}. "
                                "Remove or relabel one of them",
                                outturns[i].period.label(), heading(grid, outturns[i].header), cell_ref(outturns[i].header),
                                heading(grid, outturns[i + 1].header), cell_ref(outturns[i + 1].header),
                                value ? "current value" : "previous value"));
            return false;
        }
        t.fields[field] = outturns[i].header.col;
        period = outturns[i].period;
        return true;
    };
    std::size_t next = 0;
    if (!t.column(k_value) && !t.value_unresolved) {
        if (!take(0, k_value, t.value_period)) t.value_unresolved = true;
        next = 1;
        while (next < outturns.size() && outturns[next].period.same_period(outturns[0].period)) ++next;
    }
    if (!t.column(k_previous)) {
        if (!previous_named.empty()) {
            t.fields[k_previous] = previous_named.front().header.col;
            t.previous_period = previous_named.front().period;
        } else if (!t.value_unresolved) {
            take(next, k_previous, t.previous_period);
        }
    }
    // Other fields labelled with a period ("Target 2012-13", "Target 2013-14"): the value's own period's.
    for (auto& [field, cols] : per_field) {
        const PeriodColumn* same = nullptr;
        for (const auto& c : cols)
            if (t.value_period && c.period.same_period(*t.value_period)) same = &c;
        if (same) {
            t.fields[field] = same->header.col;
            continue;
        }
        if (t.column(field)) continue;  // an unlabelled heading for the field serves every period
        if (cols.size() == 1 && (!t.value_period || cols[0].period.order() <= t.value_period->order())) {
            t.fields[field] = cols[0].header.col;
            continue;
        }
        problem(false, cols[0].header,
                fmt::format("no {} column is for {}: {} {}; boardpack did not use {}. Label the column with the "
                            "report's period",
                            field_name(static_cast<KpiField>(field)), t.value_period ? t.value_period->label() : "the current period",
                            heading(grid, cols[0].header), cols.size() > 1 ? "and others are for other periods" : "is for another period",
                            cols.size() > 1 ? "them" : "it"));
    }
}

int field_index(TableKind kind, std::string_view name) {
    int n = kind == TableKind::plan ? k_plan_fields : k_kpi_fields;
    for (int f = 0; f < n; ++f)
        if (name == (kind == TableKind::plan ? field_name(static_cast<PlanField>(f)) : field_name(static_cast<KpiField>(f)))) return f;
    return -1;
}

// The user's own reading of some columns wins over boardpack's.
void apply_mapping(const SheetGrid& grid, TableLayout& t, const std::set<std::uint32_t>& columns, std::set<int>& mapped) {
    const ColumnMappingFile& m = *t.mapping;
    auto heading_at = [&](std::uint32_t col, const std::string& wanted) {
        std::string stacked;
        for (std::uint32_t r = t.header_top; r <= t.header_bottom; ++r) {
            std::string text = grid.header_text(r, col);
            if (text.empty()) continue;
            if (normalize(text) == wanted) return true;
            stacked += " " + text;
        }
        return normalize(stacked) == wanted;
    };
    for (const auto& entry : m.columns) {
        std::optional<std::uint32_t> col = entry.column;
        if (!col)
            for (std::uint32_t c : columns)
                if (heading_at(c, entry.heading)) {
                    col = c;
                    break;
                }
        if (!col || (entry.column && !columns.count(*entry.column))) {
            t.mapping_incomplete = true;
            t.problems.push_back({model::Severity::warning, "mapping-unused", CellPos{t.anchor, t.first_col},
                                  fmt::format("the column mapping {} (line {}) names {}, which is not among this table's "
                                              "headings: check the mapping",
                                              m.path, entry.line,
                                              entry.column ? "column " + column_letters(*entry.column) : "'" + entry.heading + "'")});
            continue;
        }
        std::erase_if(t.fields, [&](const auto& kv) { return kv.second == *col; });
        std::erase_if(t.trend, [&](const TrendColumn& c) { return c.col == *col; });
        std::erase_if(t.periods, [&](const PeriodColumn& p) { return p.header.col == *col; });
        if (entry.field == "ignore") continue;
        int f = field_index(t.kind, entry.field);
        if (f < 0) continue;
        t.fields[f] = *col;
        mapped.insert(f);
    }
}

// A "Target" column beside the minimum / upper pair: the model rates on the
// pair, so say what the Target column is taken as (extract.cpp follows this).
void note_target_columns(const SheetGrid& grid, TableLayout& t, const std::map<int, std::vector<CellPos>>& headings,
                         const std::set<int>& mapped) {
    auto at = [&](KpiField f) -> std::optional<CellPos> {
        auto it = headings.find(static_cast<int>(f));
        if (it == headings.end() || it->second.empty() || !t.column(static_cast<int>(f))) return std::nullopt;
        return it->second.front();
    };
    auto target = at(KpiField::target), min = at(KpiField::target_min), upper = at(KpiField::target_upper);
    if (!target || mapped.count(static_cast<int>(KpiField::target))) return;
    auto named = [&](CellPos c) { return heading(grid, c) + " at " + cell_ref(c); };
    if (min && upper)
        t.problems.push_back({model::Severity::info, "target-unused", *target,
                              fmt::format("{} is not used for rating: ratings use the minimum ({}) and the upper target ({})",
                                          named(*target), named(*min), named(*upper))});
    else if (upper)
        t.problems.push_back({model::Severity::warning, "ambiguous-column", *target,
                              fmt::format("{} and {} are both targets and neither is a minimum: boardpack will not guess "
                                          "which one a measure must reach to be green, so a row with both is not rated. "
                                          "Rename them (e.g. Minimum and Upper target)",
                                          named(*target), named(*upper)),
                              "a column mapping can settle it instead (docs/column-mappings.md; `validate --explain` shows the layout fingerprint)"});
}

TableLayout layout_for(Headings& h, TableKind kind, std::uint32_t anchor, CivilDate as_of, const ColumnMappingFile* mapping) {
    const SheetGrid& grid = h.grid;
    TableLayout t;
    t.kind = kind;
    t.anchor = anchor;
    t.mapping = mapping;
    t.header_top = anchor;
    t.header_bottom = anchor;
    // Sub-header rows below the anchor (e.g. Num/Denom under "Current performance", months under "Six month trend").
    for (int extra = 0; extra < 3; ++extra) {
        std::uint32_t next = t.header_bottom + 1;
        if (grid.row(next).empty() || !header_like(h, kind, next) || !under_super_headers(grid, t, next)) break;
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
    std::map<int, std::vector<CellPos>> equal_best;  // headings as good as the best for a field: a tie
    for (std::uint32_t col : columns) {
        for (std::uint32_t r = t.header_bottom + 1; r-- > t.header_top;) {
            const ColumnGuess& g = h.guess(kind, r, col);
            if (!is_match(g)) continue;
            if (g.percent) t.percent_header[col] = true;
            if (g.month) {
                t.trend.push_back({col, *g.month});
            } else if (g.period) {
                t.periods.push_back({CellPos{r, col}, *g.period, g.field >= 0 ? g.field : static_cast<int>(KpiField::value)});
            } else {
                auto it = best.find(g.field);
                bool better = it == best.end() || g.match.exact > it->second.second.exact ||
                              (g.match.exact == it->second.second.exact && g.match.words > it->second.second.words);
                bool tie = !better && g.match.exact == it->second.second.exact && g.match.words == it->second.second.words;
                if (better) {
                    best[g.field] = {col, g.match};
                    equal_best[g.field] = {CellPos{r, col}};
                } else if (tie) {
                    equal_best[g.field].push_back(CellPos{r, col});
                }
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
    std::set<int> mapped;
    if (mapping) apply_mapping(grid, t, columns, mapped);
    for (const auto& [field, cells] : equal_best) {
        if (cells.size() < 2 || mapped.count(field)) continue;
        const char* name = kind == TableKind::plan ? field_name(static_cast<PlanField>(field)) : field_name(static_cast<KpiField>(field));
        bool value = kind == TableKind::kpi && field == static_cast<int>(KpiField::value);
        std::string list;
        for (const auto& c : cells) list += (list.empty() ? "" : " and ") + heading(grid, c) + " at " + cell_ref(c);
        t.problems.push_back({value ? model::Severity::error : model::Severity::warning, "ambiguous-column", cells[1],
                              value ? fmt::format("{} could each be the current value; boardpack will not guess which, so no "
                                                  "measure is rated. Rename one of them",
                                                  list)
                                    : fmt::format("{} could each be the {} column; boardpack used {}. If that is wrong, rename "
                                                  "one of them",
                                                  list, name, cell_ref(cells[0])),
                              "a column mapping can settle it instead (docs/column-mappings.md; `validate --explain` shows the layout fingerprint)"});
        if (value) {
            t.fields.erase(field);
            t.value_unresolved = true;
        }
    }
    if (kind == TableKind::kpi) {
        resolve_periods(grid, t, as_of);
        note_target_columns(grid, t, equal_best, mapped);
    }
    t.score = static_cast<int>(t.fields.size()) + (t.trend.empty() ? 0 : 1) + (t.periods.empty() ? 0 : 1);
    return t;
}

std::string field_label(TableKind kind, int field) {
    return kind == TableKind::plan ? field_name(static_cast<PlanField>(field)) : field_name(static_cast<KpiField>(field));
}

// Every heading of the table, left to right, with the field it feeds.
void describe_columns(Headings& h, TableLayout& t) {
    const SheetGrid& grid = h.grid;
    std::map<std::uint32_t, int> field_of;
    for (const auto& [field, col] : t.fields) field_of[col] = field;
    std::map<std::uint32_t, YearMonth> month_of;
    for (const auto& m : t.trend) month_of[m.col] = m.month;
    std::map<std::uint32_t, const PeriodColumn*> period_of;
    for (const auto& p : t.periods) period_of[p.header.col] = &p;
    std::size_t outturns = std::count_if(t.periods.begin(), t.periods.end(),
                                         [](const PeriodColumn& p) { return p.field == static_cast<int>(KpiField::value); });
    for (std::uint32_t col = t.first_col; col <= t.last_col; ++col) {
        model::ColumnMapping role;
        std::optional<CellPos> decided, lowest;
        for (std::uint32_t r = t.header_top; r <= t.header_bottom; ++r) {
            if (grid.header_text(r, col).empty()) continue;
            lowest = CellPos{r, col};
            if (is_match(h.guess(t.kind, r, col))) decided = CellPos{r, col};
        }
        if (!lowest) continue;
        role.header = decided.value_or(*lowest);
        role.heading = grid.header_text(role.header.row, col);
        if (const CellRange* m = grid.merge_at(role.header.row, col)) role.header = m->first;  // where the heading is typed
        // The headings above it ("Target" over Min): merged cells cover several rows, so each is shown once.
        std::string last = role.heading;
        for (std::uint32_t r = role.header.row; r-- > t.header_top;) {
            std::string text = grid.header_text(r, col);
            if (text.empty() || text == last) continue;
            role.under = text + (role.under.empty() ? "" : " / " + role.under);
            last = text;
        }
        if (auto f = field_of.find(col); f != field_of.end()) {
            role.field = field_label(t.kind, f->second);
            auto p = period_of.find(col);
            if (p != period_of.end()) {
                role.field += " (" + p->second->period.label() + ")";
                if (f->second == static_cast<int>(KpiField::value) && outturns > 1) role.note = "the latest period";
                if (f->second == static_cast<int>(KpiField::previous) && p->second->field == static_cast<int>(KpiField::value))
                    role.note = t.value_period ? "the period before the value's" : "an earlier period, beside the current value";
            }
        } else if (auto m = month_of.find(col); m != month_of.end()) {
            role.field = "trend (" + month_label(m->second) + ")";
        } else if (auto p = period_of.find(col); p != period_of.end()) {
            role.note = "not used: another period (" + p->second->period.label() + ")";
        } else if (decided) {
            role.note = "not used: another column serves the same field";
        } else {
            role.note = "not used: not a heading boardpack knows";
        }
        t.roles.push_back(std::move(role));
    }
}

}  // namespace

std::string row_fingerprint(const SheetGrid& grid, std::uint32_t row) {
    // FNV-1a over the normalised headings: stable across runs, machines and writers.
    std::uint64_t h = 1469598103934665603ull;
    for (const read::Cell* c : grid.row(row)) {
        if (!has_value(c)) continue;
        for (unsigned char ch : normalize(grid.header_text(row, c->pos.col)) + "|") {
            h ^= ch;
            h *= 1099511628211ull;
        }
    }
    return fmt::format("{:016x}", h);
}

std::optional<TableLayout> find_table(const SheetGrid& grid, const TableSearch& search, std::optional<NearMiss>* near) {
    Headings h(grid, search.vocab);
    std::optional<TableLayout> found, nearest;
    for (std::uint32_t row : grid.rows()) {
        if (row >= k_header_search_rows) break;
        std::string fingerprint = search.mappings && !search.mappings->empty() ? row_fingerprint(grid, row) : std::string{};
        for (TableKind kind : {TableKind::plan, TableKind::kpi}) {
            const ColumnMappingFile* mapping = nullptr;
            if (search.mappings)
                for (const auto& m : search.mappings->files())
                    if (m.matches(search.file, grid.sheet().info.name, kind, fingerprint)) {
                        mapping = &m;
                        break;
                    }
            bool header = header_like(h, kind, row);
            if (!header && !mapping) continue;
            TableLayout t = layout_for(h, kind, row, search.as_of, mapping);
            // A mapping chosen by file or sheet name is for the row that has its headings.
            if (mapping && mapping->fingerprint.empty() && t.mapping_incomplete) {
                if (!header) continue;
                t = layout_for(h, kind, row, search.as_of, nullptr);
            }
            t.fingerprint = fingerprint.empty() ? row_fingerprint(grid, row) : fingerprint;
            if (t.score < 2 && !t.mapping) continue;
            if (t.mapping) t.score += 100;  // the user's own reading of the sheet comes first
            if (required_missing(t).empty()) {
                if (!found || t.score > found->score) found = t;
            } else if (!nearest || t.score > nearest->score) {
                nearest = t;
            }
        }
    }
    if (found) {
        describe_columns(h, *found);
        if (found->mapping)
            found->problems.push_back({model::Severity::info, "mapping-applied", CellPos{found->anchor, found->first_col},
                                       "read with the column mapping " + found->mapping->path});
    } else if (near && nearest) {
        NearMiss n{nearest->kind, {}, required_missing(*nearest), nearest->score, nearest->fingerprint};
        for (const auto& [field, col] : nearest->fields)
            n.found.emplace_back(nearest->kind == TableKind::plan ? field_name(static_cast<PlanField>(field))
                                                                  : field_name(static_cast<KpiField>(field)));
        *near = n;
    }
    return found;
}

bool is_header_row(const SheetGrid& grid, const Vocabulary& vocab, const TableLayout& layout, std::uint32_t row) {
    int matched = 0, filled = 0, candidates = 0;
    std::array<std::uint32_t, k_kpi_fields> field_columns{};  // the columns the table reads, sorted
    std::size_t columns = 0;
    for (const auto& f : layout.fields)
        if (columns < field_columns.size()) field_columns[columns++] = f.second;
    std::sort(field_columns.begin(), field_columns.begin() + static_cast<std::ptrdiff_t>(columns));
    std::array<const read::Cell*, k_kpi_fields> at_field_columns{};  // filled cells in a column the table reads
    for (const read::Cell* c : grid.row(row)) {
        if (!has_value(c)) continue;
        ++filled;
        bool field_column = std::binary_search(field_columns.begin(), field_columns.begin() + static_cast<std::ptrdiff_t>(columns), c->pos.col);
        if (field_column && candidates < k_kpi_fields) at_field_columns[candidates++] = c;
    }
    // Only a cell in a field's column can repeat its heading: most data rows stop here.
    if (filled < 2 || candidates * 2 < filled) return false;
    for (int i = 0; i < candidates; ++i) {
        // Once too few cells are left to make most of the row its heading's words, it is data.
        if ((matched + candidates - i) * 2 < filled) return false;
        const read::Cell* c = grid.header_cell(row, at_field_columns[i]->pos.col);
        if (!has_value(c) || (c->type == read::CellType::string && c->text.size() > 100)) continue;
        if (c->type == read::CellType::number && !vocab.may_name_number(layout.kind == TableKind::kpi)) continue;  // names no field
        std::string owned;
        std::string_view text = shown_text(grid, *c, owned);
        NormalizedText norm(text);
        // No word of it begins a heading: not a heading (the quick test before the full one).
        if (!norm.cut() && !vocab.may_name_header(norm, layout.kind == TableKind::kpi)) continue;
        ColumnGuess g = guess_text(grid, vocab, layout.kind, *c, text, norm);
        auto it = layout.fields.find(g.field);
        // A repeated header repeats the heading exactly; "Update: signed off" is data.
        if (g.field >= 0 && g.match.exact && it != layout.fields.end() && it->second == at_field_columns[i]->pos.col) ++matched;
    }
    return matched * 2 >= filled;
}

}  // namespace bp::recognise
