// One worksheet from its streamed rows to records, in memory that does not
// grow with the sheet: the head (the first rows, where a header can be) is
// kept to find the table, and the rows under it are read into records as they
// stream and let go.
//
// Excel writes merged ranges after the cells, so the table is found in the
// head as if there were none, and checked once the merges are known: merges
// in the head only are allowed for by reading the head again; where they
// change how the rows under it read, or reach below the head, or the rows came
// out of order, the sheet is read again whole (the answer is always the same
// as reading it whole).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/issue.hpp"
#include "read/workbook.hpp"
#include "recognise/extract.hpp"
#include "recognise/table_layout.hpp"

namespace bp::recognise {

// Rows a header can be in: find_table looks at the first 60, with up to three
// sub-header rows below.
constexpr std::uint32_t k_head_rows = 64;

struct SheetScan {
    std::vector<read::ReadNote> notes;  // the reader's repairs on the sheet
    std::optional<TableLayout> layout;  // the table found, if any
    std::optional<NearMiss> near;       // without one: the closest thing to a table
    Extracted records;
    model::Issues issues;               // the table's findings, its rows', then formulas never calculated
};

Result<SheetScan> scan_sheet(read::Workbook& wb, std::size_t index, const std::string& file, const TableSearch& search);

}  // namespace bp::recognise
