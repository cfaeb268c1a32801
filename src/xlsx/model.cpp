#include "xlsx/model.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace bp::xlsx {

StyleTable::StyleTable() { add(Format{}); }

XfId StyleTable::add(const Format& f) {
    auto [it, inserted] = m_format_ids.emplace(f, static_cast<XfId>(m_formats.size()));
    if (inserted) m_formats.push_back(f);
    return it->second;
}

DxfId StyleTable::add(const Dxf& d) {
    auto [it, inserted] = m_dxf_ids.emplace(d, static_cast<DxfId>(m_dxfs.size()));
    if (inserted) m_dxfs.push_back(d);
    return it->second;
}

Cell& Worksheet::set(std::uint32_t row, std::uint32_t col, Cell c) {
    Cell& slot = rows[row].cells[col];
    slot = std::move(c);
    return slot;
}

Cell& Worksheet::text(std::uint32_t row, std::uint32_t col, std::string s, XfId xf) {
    Cell c;
    c.type = CellType::string;
    c.text = std::move(s);
    c.xf = xf;
    return set(row, col, std::move(c));
}

Cell& Worksheet::number(std::uint32_t row, std::uint32_t col, double v, XfId xf) {
    Cell c;
    c.type = CellType::number;
    c.number = v;
    c.xf = xf;
    return set(row, col, std::move(c));
}

Cell& Worksheet::formula_number(std::uint32_t row, std::uint32_t col, std::string f, double cached, XfId xf) {
    Cell& c = number(row, col, cached, xf);
    c.formula = std::move(f);
    return c;
}

Cell& Worksheet::formula_text(std::uint32_t row, std::uint32_t col, std::string f, std::string cached, XfId xf) {
    Cell& c = text(row, col, std::move(cached), xf);
    c.formula = std::move(f);
    return c;
}

Cell& Worksheet::blank(std::uint32_t row, std::uint32_t col, XfId xf) {
    Cell c;
    c.xf = xf;
    return set(row, col, std::move(c));
}

void Worksheet::fill_row(std::uint32_t row, std::uint32_t first_col, std::uint32_t last_col, XfId xf) {
    auto& cells = rows[row].cells;
    for (std::uint32_t c = first_col; c <= last_col; ++c)
        if (!cells.count(c)) cells[c].xf = xf;
}

void Worksheet::width(std::uint32_t first_col, std::uint32_t last_col, double w, std::optional<XfId> xf) {
    columns.push_back(Column{first_col, last_col, w, xf});
    std::sort(columns.begin(), columns.end(), [](const Column& a, const Column& b) { return a.first < b.first; });
}

const Cell* Worksheet::find(std::uint32_t row, std::uint32_t col) const {
    auto r = rows.find(row);
    if (r == rows.end()) return nullptr;
    auto c = r->second.cells.find(col);
    return c == r->second.cells.end() ? nullptr : &c->second;
}

CellRange Worksheet::used_range() const {
    CellRange r{};
    bool any = false;
    for (const auto& [row, cells] : rows) {
        for (const auto& [col, cell] : cells.cells) {
            (void)cell;
            if (!any) {
                r = CellRange{{row, col}, {row, col}};
                any = true;
            }
            r.first.row = std::min(r.first.row, row);
            r.first.col = std::min(r.first.col, col);
            r.last.row = std::max(r.last.row, row);
            r.last.col = std::max(r.last.col, col);
        }
    }
    return r;
}

namespace {
// Lines `text` takes when wrapped at `per_line` characters, breaking at spaces.
double wrapped_lines(const std::string& text, double per_line) {
    double lines = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        double line = 0, count = 1;
        std::size_t i = start;
        while (i < end) {
            // The word up to the next space, in characters (UTF-8 lead bytes), found and counted in
            // one pass, as an integer: a search and then a floating-point count per word were most
            // of the scorecard's row fitting.
            std::size_t sp = i, chars = 0;
            for (; sp < end && text[sp] != ' '; ++sp) chars += (static_cast<unsigned char>(text[sp]) & 0xC0) != 0x80;
            const auto word = static_cast<double>(chars);
            if (line > 0 && line + 1 + word > per_line) {
                ++count;
                line = 0;
            }
            line += (line > 0 ? 1 : 0) + word;
            while (line > per_line) {  // a word longer than a line
                ++count;
                line -= per_line;
            }
            i = sp + 1;
        }
        lines += count;
        start = end + 1;
    }
    return lines;
}
}  // namespace

void fit_row_heights(Worksheet& ws, const StyleTable& styles) {
    auto col_width = [&](std::uint32_t c) {
        for (const auto& col : ws.columns)
            if (c >= col.first && c <= col.last) return col.width;
        return 8.43;
    };
    for (auto& [r, row] : ws.rows) {
        if (row.height) continue;
        double need = 0, size = 11;  // points
        for (const auto& [c, cell] : row.cells) {
            const Format& f = styles.formats().at(cell.xf);
            size = std::max(size, f.font.size);
            if (!f.align.wrap || cell.type != CellType::string || cell.text.empty()) continue;
            double width = col_width(c);
            bool covered = false;
            for (const auto& m : ws.merged) {
                if (!m.contains(CellPos{r, c})) continue;
                covered = m.first != CellPos{r, c} || m.last.row != m.first.row;
                width = 0;
                for (std::uint32_t k = m.first.col; k <= m.last.col; ++k) width += col_width(k);
            }
            if (covered) continue;
            // Column widths count the Normal font's digits; body text is narrower than digits.
            double per_line = std::max(1.0, (width - 1) * 1.3 * 10.0 / f.font.size);
            double lines = wrapped_lines(cell.text, per_line);
            if (lines > 1) need = std::max(need, lines * f.font.size * 1.3 + 3);
        }
        if (need > 0)
            row.height = std::ceil(std::max(need, 15.0));
        else if (size > 11)
            row.height = std::ceil(size * 1.4);
    }
}

std::string quote_sheet(const std::string& name) {
    std::string out = "'";
    for (char ch : name) {
        if (ch == '\'') out += '\'';
        out += ch;
    }
    return out + "'";
}

std::string absolute_range(const CellRange& r) {
    auto abs = [](CellPos p) { return fmt::format("${}${}", column_letters(p.col), p.row + 1); };
    if (r.first == r.last) return abs(r.first);
    return abs(r.first) + ":" + abs(r.last);
}

std::string sqref(const std::vector<CellRange>& ranges) {
    std::string out;
    for (const auto& r : ranges) {
        if (!out.empty()) out += ' ';
        out += range_ref(r);
    }
    return out;
}

}  // namespace bp::xlsx
