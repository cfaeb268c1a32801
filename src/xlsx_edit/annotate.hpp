// A copy of a workbook with notes on cells: each noted cell highlighted (its
// own format cloned with a fill) and given a comment, and optionally a table
// sheet first. The copy is the original package edited in place: every part
// it does not need to change is copied unchanged, so every cell, formula,
// style, validation, sheet and defined name stays as it was.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "util/cell_ref.hpp"
#include "util/result.hpp"
#include "xlsx_edit/first_sheet.hpp"

namespace bp::xlsx_edit {

struct CellNote {
    std::string sheet;
    CellPos cell;
    std::string text;  // notes on one cell are joined into its one comment
};

struct Annotations {
    std::vector<CellNote> notes;
    std::string author;            // the comments' author
    std::string fill = "FFFFEB9C";  // the highlight, ARGB
    std::optional<TableSheet> first_sheet;
};

struct Annotated {
    std::vector<CellNote> skipped;  // notes on sheets the workbook has no worksheet of
};

// Reads the package at `source` (`label` in messages), writes the annotated copy to `dest`.
Result<Annotated> annotate_workbook(const std::string& source, const std::string& label, const std::string& dest,
                                    const Annotations& annotations);

}  // namespace bp::xlsx_edit
