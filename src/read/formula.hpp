// Shared formulas store their text once, on the first cell of the range;
// every other cell shows it with relative references moved by its offset.
#pragma once

#include <string>
#include <string_view>

namespace bp::read {

// Moves the relative parts of every A1 reference in `formula` by (rows, cols):
// A1, $A1, A$1, ranges, whole columns (A:C) and rows (2:5). Strings,
// quoted sheet names, function names and structured references are left
// alone. A reference moved off the grid becomes #REF!.
std::string translate_formula(std::string_view formula, long rows, long cols);

}  // namespace bp::read
