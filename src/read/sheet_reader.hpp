// Decodes a worksheet part row by row: cell positions (with or without r=),
// types, shared-string lookups, shared formulas, dates from styles.
#pragma once

#include "read/workbook.hpp"
#include "util/zip.hpp"

namespace bp::read {

struct SheetContext {
    const SharedStrings& strings;
    const Styles& styles;
    bool date1904 = false;
    const std::string& label;  // file, for messages
    const std::string& sheet;  // sheet name, for messages
    ReadBudget& budget;        // the workbook's: text built, time
};

// Streams the rows to `on_row`; returns hidden rows/cols and merges (tables
// are the workbook's business: they live in other parts).
Result<SheetMeta> read_worksheet(ZipArchive& zip, const ZipEntry& entry, const SheetContext& ctx, const RowFn& on_row);

}  // namespace bp::read
