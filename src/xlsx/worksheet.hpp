// xl/worksheets/sheetN.xml: one function per element, in the order the
// schema (and Excel) wants them; write_worksheet() calls them top-down. The
// part grows with the data, so it is streamed (XmlWriter), never held whole.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "xlsx/model.hpp"
#include "xlsx/shared_strings.hpp"
#include "xlsx/xml_writer.hpp"

namespace bp::xlsx {

// Each writes its element inside the element open in `x`.
void write_sheet_pr(XmlWriter& x, const Worksheet& ws);                 // <sheetPr>
void write_dimension(XmlWriter& x, const CellRange& used);              // <dimension>
void write_sheet_views(XmlWriter& x, const Worksheet& ws, bool selected);  // <sheetViews>
void write_sheet_format_pr(XmlWriter& x);                               // <sheetFormatPr>
void write_cols(XmlWriter& x, const std::vector<Column>& cols);         // <cols>
void write_cell(XmlWriter& x, CellPos pos, const Cell& cell, SharedStrings& strings);  // <c>
void write_sheet_data(XmlWriter& x, const Worksheet& ws, SharedStrings& strings);    // <sheetData>
void write_auto_filter(XmlWriter& x, const CellRange& range);           // <autoFilter>
void write_merge_cells(XmlWriter& x, const std::vector<CellRange>& merged);  // <mergeCells>
// <conditionalFormatting>; `priority` numbers the rules across the sheet.
void write_conditional_formatting(XmlWriter& x, const ConditionalFormat& cf, int& priority);
void write_data_validation(XmlWriter& x, const DataValidation& dv);   // <dataValidation>
void write_data_validations(XmlWriter& x, const std::vector<DataValidation>& dvs);
// <hyperlinks>; links to outside the workbook get relationship ids rId1, rId2 ...
void write_hyperlinks(XmlWriter& x, const std::vector<Hyperlink>& links);
void write_print_options(XmlWriter& x, const PageSetup& page);          // <printOptions>
void write_page_margins(XmlWriter& x, const PageSetup& page);           // <pageMargins>
void write_page_setup(XmlWriter& x, const PageSetup& page);             // <pageSetup>
void write_header_footer(XmlWriter& x, const std::string& header, const std::string& footer);
// Text for a header or footer: '&' starts one of Excel's codes there, so a literal one is doubled.
std::string header_text(const std::string& s);
void write_sparkline_group(XmlWriter& x, const SparklineGroup& group);  // <x14:sparklineGroup>
void write_ext_lst(XmlWriter& x, const std::vector<SparklineGroup>& groups);  // <extLst> with sparklines

// Targets of the sheet's relationships (external hyperlinks), in rId order.
std::vector<std::string> external_links(const Worksheet& ws);

// The whole part, declaration included.
void write_worksheet(XmlWriter& x, const Worksheet& ws, bool selected, SharedStrings& strings);

}  // namespace bp::xlsx
