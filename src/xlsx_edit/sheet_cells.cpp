#include "xlsx_edit/sheet_cells.hpp"

#include <algorithm>
#include <cstdlib>
#include <string>

#include "xlsx_edit/xml.hpp"

namespace bp::xlsx_edit {

namespace {

std::uint32_t number(const pugi::xml_node& n, const char* name, std::uint32_t fallback = 0) {
    pugi::xml_attribute a = n.attribute(name);
    return a ? static_cast<std::uint32_t>(std::strtoul(a.value(), nullptr, 10)) : fallback;
}

bool truthy(const pugi::xml_node& n, const char* name) {
    std::string v = n.attribute(name).value();
    return v == "1" || v == "true";
}

// CT_Worksheet's elements after sheetData, for a sheet that lacks one.
const std::initializer_list<std::string_view> k_after_sheet_data = {
    "sheetCalcPr", "sheetProtection", "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate",
    "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting", "dataValidations", "hyperlinks",
    "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks", "customProperties",
    "cellWatches", "ignoredErrors", "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture",
    "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"};

}  // namespace

SheetCells::SheetCells(pugi::xml_node worksheet) : m_sheet(worksheet) {
    m_data = ensure_child(worksheet, "sheetData", k_after_sheet_data);
    std::uint32_t r = 0;
    for (pugi::xml_node row = m_data.first_child(); row; row = row.next_sibling()) {
        if (local_name(row) != "row") continue;
        r = number(row, "r", r + 1);
        if (!row.attribute("r")) row.append_attribute("r").set_value(r);
        std::uint32_t col = 0;
        for (pugi::xml_node c = row.first_child(); c; c = c.next_sibling()) {
            if (local_name(c) != "c") continue;
            if (auto at = parse_cell_ref(c.attribute("r").value())) {
                col = at->col;
            } else {
                if (c.attribute("r")) c.remove_attribute("r");  // not a reference: its place says where it is
                c.prepend_attribute("r").set_value(cell_ref(r - 1, col).c_str());
            }
            ++col;
        }
    }
}

pugi::xml_node SheetCells::row(std::uint32_t r) {
    pugi::xml_node after;
    for (pugi::xml_node row = m_data.first_child(); row; row = row.next_sibling()) {
        if (local_name(row) != "row") continue;
        std::uint32_t at = number(row, "r");
        if (at == r) return row;
        if (at > r) {
            pugi::xml_node made = m_data.insert_child_before((prefix_of(m_data) + "row").c_str(), row);
            made.append_attribute("r").set_value(r);
            return made;
        }
        after = row;
    }
    pugi::xml_node made = after ? m_data.insert_child_after((prefix_of(m_data) + "row").c_str(), after) : append(m_data, "row");
    made.append_attribute("r").set_value(r);
    return made;
}

pugi::xml_node SheetCells::cell(CellPos pos) {
    pugi::xml_node in = row(pos.row + 1);
    std::string ref = cell_ref(pos);
    pugi::xml_node before;
    for (pugi::xml_node c = in.first_child(); c; c = c.next_sibling()) {
        if (local_name(c) != "c") continue;
        auto at = parse_cell_ref(c.attribute("r").value());
        if (!at) continue;
        if (at->col == pos.col) return c;
        if (at->col > pos.col) {
            before = c;
            break;
        }
    }
    std::string name = prefix_of(in) + "c";
    pugi::xml_node made;
    if (before) {
        made = in.insert_child_before(name.c_str(), before);
    } else {
        // After the last cell, before anything else a row may hold (extLst).
        pugi::xml_node last;
        for (pugi::xml_node c = in.first_child(); c; c = c.next_sibling())
            if (local_name(c) == "c") last = c;
        made = last ? in.insert_child_after(name.c_str(), last) : in.prepend_child(name.c_str());
    }
    made.append_attribute("r").set_value(ref.c_str());
    std::uint32_t shown = truthy(in, "customFormat") ? number(in, "s") : column_style(pos.col);
    if (shown) made.append_attribute("s").set_value(shown);
    in.remove_attribute("spans");  // only an optimisation hint, and now perhaps too narrow
    cover(pos);
    return made;
}

std::uint32_t SheetCells::column_style(std::uint32_t col) const {
    for (pugi::xml_node cols = m_sheet.first_child(); cols; cols = cols.next_sibling()) {
        if (local_name(cols) != "cols") continue;
        for (pugi::xml_node c = cols.first_child(); c; c = c.next_sibling())
            if (local_name(c) == "col" && number(c, "min") <= col + 1 && col + 1 <= number(c, "max")) return number(c, "style");
    }
    return 0;
}

std::uint32_t SheetCells::style(pugi::xml_node cell) const { return number(cell, "s"); }

void SheetCells::set_style(pugi::xml_node cell, std::uint32_t xf) { set_attr(cell, "s", std::to_string(xf)); }

void SheetCells::cover(CellPos pos) {
    pugi::xml_node dim = child(m_sheet, "dimension");
    if (!dim) return;
    auto range = parse_range(dim.attribute("ref").value());
    if (!range) return;
    range->first.row = std::min(range->first.row, pos.row), range->first.col = std::min(range->first.col, pos.col);
    range->last.row = std::max(range->last.row, pos.row), range->last.col = std::max(range->last.col, pos.col);
    set_attr(dim, "ref", range->first == range->last ? cell_ref(range->first) : range_ref(*range));
}

}  // namespace bp::xlsx_edit
