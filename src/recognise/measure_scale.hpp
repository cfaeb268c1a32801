// One measure, one scale. A KPI row's value, previous, trend and targets must
// be on the same scale: 93.5 typed beside targets formatted 90% and 95% is not
// "green", it is a cell typed without its % sign, and boardpack says so rather
// than guess. Plain numbers in a percentage row are fractions (0.935) or
// hundreds (93.5) together; a percentage must lie within 0-100%.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/records.hpp"
#include "recognise/cell_values.hpp"

namespace bp::recognise {

enum class NumberRole { value, previous, target_min, target_upper, target, tolerance, trend };

struct RowNumber {
    NumberRole role;
    std::uint32_t col = 0;
    NumberValue number;  // as read from the cell
    std::string_view what;  // "value", "minimum target", "value for Mar 23" (outlives the row)
    std::string shown;      // the cell as shown ("93.5", "90%"): needed only for the messages
};

struct ScaleProblem {
    std::size_t index;  // into the row's numbers
    std::string message;
};

struct ScaledRow {
    model::Unit unit = model::Unit::number;
    std::vector<std::optional<double>> values;  // each number on the unit's scale (fractions for percentages)
    int value_decimals = -1;                    // decimals of the value on that scale; -1 unknown
    std::vector<ScaleProblem> problems;         // cells off the row's scale
};

// `worded`: the unit the measure's title or headings name, if any. The unit
// is that, else a percentage where any cell is written as one, else a count
// (whole values, no targets) or a plain number.
ScaledRow put_on_one_scale(std::optional<model::Unit> worded, const std::vector<RowNumber>& numbers);

}  // namespace bp::recognise
