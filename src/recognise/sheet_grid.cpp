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
    if (!m_rows.empty()) {
        m_row_slot.assign(static_cast<std::size_t>(m_last_row - m_rows.front()) + 1, 0);
        for (std::size_t i = 0; i < m_rows.size(); ++i) m_row_slot[m_rows[i] - m_rows.front()] = static_cast<std::uint32_t>(i + 1);
    }
}

const read::Cell* SheetGrid::at(std::uint32_t row, std::uint32_t col) const {
    RowCells cells = this->row(row);
    if (cells.empty()) return nullptr;
    const read::Cell* first = *cells.begin();
    const read::Cell* last = first + cells.size();
    // A row's cells are in column order: usually a few, looked at in turn; a wide row is halved.
    const read::Cell* c = first;
    if (cells.size() > 32)
        c = std::lower_bound(first, last, col, [](const read::Cell& cell, std::uint32_t k) { return cell.pos.col < k; });
    for (; c != last && c->pos.col <= col; ++c)
        if (c->pos.col == col) return c;
    return nullptr;
}

SheetGrid::RowCells SheetGrid::row(std::uint32_t row) const {
    if (m_rows.empty() || row < m_rows.front() || row > m_last_row) return {nullptr, nullptr};
    std::uint32_t slot = m_row_slot[row - m_rows.front()];
    if (slot == 0) return {nullptr, nullptr};
    auto at = static_cast<std::size_t>(slot - 1);
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
