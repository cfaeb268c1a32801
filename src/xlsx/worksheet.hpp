// xl/worksheets/sheetN.xml: one function per element, in the order the
// schema (and Excel) wants them; assemble_worksheet() calls them top-down.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <pugixml.hpp>

#include "xlsx/model.hpp"
#include "xlsx/shared_strings.hpp"

namespace bp::xlsx {

void write_sheet_pr(pugi::xml_node root, const Worksheet& ws);                 // <sheetPr>
void write_dimension(pugi::xml_node root, const CellRange& used);              // <dimension>
void write_sheet_views(pugi::xml_node root, const Worksheet& ws, bool selected);  // <sheetViews>
void write_sheet_format_pr(pugi::xml_node root);                               // <sheetFormatPr>
void write_cols(pugi::xml_node root, const std::vector<Column>& cols);         // <cols>
void write_cell(pugi::xml_node row, CellPos pos, const Cell& cell, SharedStrings& strings);  // <c>
void write_sheet_data(pugi::xml_node root, const Worksheet& ws, SharedStrings& strings);    // <sheetData>
void write_auto_filter(pugi::xml_node root, const CellRange& range);           // <autoFilter>
void write_merge_cells(pugi::xml_node root, const std::vector<CellRange>& merged);  // <mergeCells>
// <conditionalFormatting>; `priority` numbers the rules across the sheet.
void write_conditional_formatting(pugi::xml_node root, const ConditionalFormat& cf, int& priority);
void write_data_validation(pugi::xml_node parent, const DataValidation& dv);   // <dataValidation>
void write_data_validations(pugi::xml_node root, const std::vector<DataValidation>& dvs);
// <hyperlinks>; links to outside the workbook get relationship ids rId1, rId2 ...
void write_hyperlinks(pugi::xml_node root, const std::vector<Hyperlink>& links);
void write_print_options(pugi::xml_node root, const PageSetup& page);          // <printOptions>
void write_page_margins(pugi::xml_node root, const PageSetup& page);           // <pageMargins>
void write_page_setup(pugi::xml_node root, const PageSetup& page);             // <pageSetup>
void write_header_footer(pugi::xml_node root, const std::string& header, const std::string& footer);
// Text for a header or footer: '&' starts one of Excel's codes there, so a literal one is doubled.
std::string header_text(const std::string& s);
void write_sparkline_group(pugi::xml_node parent, const SparklineGroup& group);  // <x14:sparklineGroup>
void write_ext_lst(pugi::xml_node root, const std::vector<SparklineGroup>& groups);  // <extLst> with sparklines

// Targets of the sheet's relationships (external hyperlinks), in rId order.
std::vector<std::string> external_links(const Worksheet& ws);

void assemble_worksheet(pugi::xml_document& doc, const Worksheet& ws, bool selected, SharedStrings& strings);

}  // namespace bp::xlsx
