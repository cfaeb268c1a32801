// Cells of a worksheet part being edited: the cell at a position, inserted in
// row and column order when the sheet has none there (with the format the
// spreadsheet shows for an empty cell there: its row's, else its column's).
#pragma once

#include <cstdint>

#include <pugixml.hpp>

#include "util/cell_ref.hpp"

namespace bp::xlsx_edit {

class SheetCells {
public:
    // `worksheet` is the part's root element. Rows and cells without an `r`
    // get the one their place implies, so positions can be looked up.
    explicit SheetCells(pugi::xml_node worksheet);

    // The <c> at `pos`, made (empty) when missing.
    pugi::xml_node cell(CellPos pos);
    // The cell format (cellXfs index) the cell at `pos` shows.
    std::uint32_t style(pugi::xml_node cell) const;
    void set_style(pugi::xml_node cell, std::uint32_t xf);

private:
    pugi::xml_node row(std::uint32_t r);  // 1-based, made when missing
    std::uint32_t column_style(std::uint32_t col) const;
    void cover(CellPos pos);  // widen <dimension> to include pos

    pugi::xml_node m_sheet;
    pugi::xml_node m_data;
};

}  // namespace bp::xlsx_edit
