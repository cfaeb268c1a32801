// A sheet as a grid for table recognition: cells by position, the text a
// person sees in a header (merged ranges fill every cell they cover), and
// the cell's style (fill, bold, number format kind).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "read/workbook.hpp"

namespace bp::recognise {

class SheetGrid {
public:
    SheetGrid(const read::Sheet& sheet, const read::Styles& styles, bool date1904);

    const read::Sheet& sheet() const { return m_sheet; }
    const read::Styles& styles() const { return m_styles; }
    bool date1904() const { return m_date1904; }
    const read::Cell* at(std::uint32_t row, std::uint32_t col) const;
    // Cells of one row (possibly none), in column order: a view of the sheet's cells,
    // iterated as pointers (a row is asked for many times while a table is looked for).
    class RowCells {
    public:
        class iterator {
        public:
            using value_type = const read::Cell*;
            using difference_type = std::ptrdiff_t;
            iterator() = default;
            explicit iterator(const read::Cell* p) : m_p(p) {}
            const read::Cell* operator*() const { return m_p; }
            iterator& operator++() { ++m_p; return *this; }
            iterator operator++(int) { iterator was = *this; ++m_p; return was; }
            bool operator==(const iterator&) const = default;
        private:
            const read::Cell* m_p = nullptr;
        };
        RowCells(const read::Cell* first, const read::Cell* last) : m_first(first), m_last(last) {}
        iterator begin() const { return iterator(m_first); }
        iterator end() const { return iterator(m_last); }
        std::size_t size() const { return static_cast<std::size_t>(m_last - m_first); }
        bool empty() const { return m_first == m_last; }
    private:
        const read::Cell* m_first;
        const read::Cell* m_last;
    };
    RowCells row(std::uint32_t row) const;
    std::uint32_t last_row() const { return m_last_row; }
    const std::vector<std::uint32_t>& rows() const { return m_rows; }

    // Header text: the value shown, taken from the top-left cell of a merged range.
    std::string header_text(std::uint32_t row, std::uint32_t col) const;
    const read::Cell* header_cell(std::uint32_t row, std::uint32_t col) const;
    // The merged range covering a cell, if any.
    const CellRange* merge_at(std::uint32_t row, std::uint32_t col) const;
    const read::CellStyle& style(const read::Cell& c) const { return m_styles.at(c.style); }

    // Plain text of a value as a person reads it (numbers without float noise).
    std::string display_text(const read::Cell& c) const;

private:
    const read::Sheet& m_sheet;
    const read::Styles& m_styles;
    bool m_date1904;
    std::vector<std::uint32_t> m_rows;        // distinct rows having cells, ascending
    std::vector<std::size_t> m_row_start;     // index of the first cell of m_rows[i]
    // Row r's index in m_rows plus one (0: no cells) at r - m_rows.front(): a cell is looked up
    // hundreds of thousands of times while tables are found and read.
    std::vector<std::uint32_t> m_row_slot;
    std::uint32_t m_last_row = 0;
};

bool has_value(const read::Cell* c);  // not null and not a blank

}  // namespace bp::recognise
