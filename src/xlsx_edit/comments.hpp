// Cell comments ("notes") on a worksheet: the comments part (xl/commentsN.xml)
// and the legacy VML drawing Excel needs to show them. A sheet that already
// has comments keeps them: new ones are merged into its parts, and a note on
// a cell that has a comment is added to that comment's text.
#pragma once

#include <string>
#include <vector>

#include <pugixml.hpp>

#include "util/cell_ref.hpp"
#include "util/result.hpp"
#include "xlsx_edit/package.hpp"

namespace bp::xlsx_edit {

struct CellComment {
    CellPos cell;
    std::string text;
};

// Adds `comments` (one per cell) to the worksheet `sheet_part` whose root
// element is `worksheet`, by `author`.
Status add_comments(Package& package, const std::string& sheet_part, pugi::xml_node worksheet,
                    const std::vector<CellComment>& comments, const std::string& author);

}  // namespace bp::xlsx_edit
