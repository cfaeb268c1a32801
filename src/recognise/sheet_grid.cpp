#include "recognise/sheet_grid.hpp"

#include <algorithm>

#include "recognise/text.hpp"
#include "util/excel_date.hpp"

namespace bp::recognise {

bool has_value(const read::Cell* c) {
    if (!c || c->type == read::CellType::empty) return false;
    if (c->type == read::CellType::string) return !trimmed(c->text).empty();
    return true;
}

SheetGrid::SheetGrid(const read::Sheet& sheet, const read::Styles& styles, bool date1904)
    : m_sheet(sheet), m_styles(styles), m_date1904(date1904) {
    for (std::size_t i = 0; i < sheet.cells.size(); ++i) {
        std::uint32_t r = sheet.cells[i].pos.row;
        if (m_rows.empty() || m_rows.back() != r) {
            m_rows.push_back(r);
            m_row_start.push_back(i);
        }
    }
    m_last_row = m_rows.empty() ? 0 : m_rows.back();
}

const read::Cell* SheetGrid::at(std::uint32_t row, std::uint32_t col) const { return m_sheet.find({row, col}); }

SheetGrid::RowCells SheetGrid::row(std::uint32_t row) const {
    auto it = std::lower_bound(m_rows.begin(), m_rows.end(), row);
    if (it == m_rows.end() || *it != row) return {nullptr, nullptr};
    auto at = static_cast<std::size_t>(it - m_rows.begin());
    std::size_t first = m_row_start[at];
    std::size_t last = at + 1 < m_row_start.size() ? m_row_start[at + 1] : m_sheet.cells.size();
    return {m_sheet.cells.data() + first, m_sheet.cells.data() + last};
}

const CellRange* SheetGrid::merge_at(std::uint32_t row, std::uint32_t col) const {
    for (const auto& m : m_sheet.meta.merged)
        if (m.contains({row, col})) return &m;
    return nullptr;
}

const read::Cell* SheetGrid::header_cell(std::uint32_t row, std::uint32_t col) const {
    if (const CellRange* m = merge_at(row, col)) return at(m->first.row, m->first.col);
    return at(row, col);
}

std::string SheetGrid::header_text(std::uint32_t row, std::uint32_t col) const {
    const read::Cell* c = header_cell(row, col);
    return has_value(c) ? display_text(*c) : std::string{};
}

std::string SheetGrid::display_text(const read::Cell& c) const {
    switch (c.type) {
        case read::CellType::string:
        case read::CellType::error: return trim(c.text);
        case read::CellType::boolean: return c.number != 0 ? "TRUE" : "FALSE";
        case read::CellType::number: return number_text(c.number);
        case read::CellType::date: {
            auto d = date_from_serial(c.number, m_date1904);
            return d ? uk_date(d->when.date) : number_text(c.number);
        }
        case read::CellType::empty: return {};
    }
    return {};
}

}  // namespace bp::recognise
