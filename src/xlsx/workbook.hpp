// xl/workbook.xml: the sheet list, the active tab, defined names (print
// titles, print areas, filter ranges) and calculation settings.
#pragma once

#include <vector>

#include <pugixml.hpp>

#include "xlsx/model.hpp"

namespace bp::xlsx {

// The workbook's names: each sheet's _xlnm.Print_Titles, _xlnm.Print_Area and
// _xlnm._FilterDatabase, then the workbook's own.
std::vector<DefinedName> defined_names(const Workbook& wb);

void write_book_views(pugi::xml_node root, std::uint32_t active_sheet);        // <bookViews>
void write_sheets(pugi::xml_node root, const std::vector<Worksheet>& sheets);  // <sheets>, r:id rId1..n
void write_defined_name(pugi::xml_node parent, const DefinedName& name);       // <definedName>
void write_defined_names(pugi::xml_node root, const std::vector<DefinedName>& names);
void write_calc_pr(pugi::xml_node root);                                       // <calcPr>

void assemble_workbook(pugi::xml_document& doc, const Workbook& wb);

}  // namespace bp::xlsx
