// A new worksheet inserted before all others: a table of text with one column
// of hyperlinks to cells elsewhere in the workbook. Everything in workbook.xml
// that counts sheets by position (definedName localSheetId, the view's
// activeTab and firstSheet) is shifted so it still means the same sheet.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "util/cell_ref.hpp"
#include "util/result.hpp"
#include "xlsx_edit/package.hpp"
#include "xlsx_edit/styles.hpp"

namespace bp::xlsx_edit {

struct CellLink {
    std::string sheet;
    std::optional<CellPos> cell;  // none: the sheet's first cell
};

struct TableRow {
    std::vector<std::string> cells;
    std::optional<CellLink> link;  // shown in the link column
};

struct TableSheet {
    std::string name;  // made unique among the workbook's sheet names
    std::vector<std::string> header;
    std::vector<double> widths;  // column widths in characters
    std::size_t link_column = 0;
    std::size_t wrap_column = static_cast<std::size_t>(-1);  // a column of long text, wrapped
    std::vector<TableRow> rows;
};

// "'Plan ''26'!B7": a sheet-qualified reference for a formula or hyperlink location.
std::string qualified_ref(const std::string& sheet, CellPos cell);

// Inserts `table` as the first sheet of the workbook part `workbook_part`.
Status insert_first_sheet(Package& package, const std::string& workbook_part, const TableSheet& table, StyleEditor& styles);

}  // namespace bp::xlsx_edit
