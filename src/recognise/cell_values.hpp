// Reading one typed value out of a cell the way a person would: numbers
// and percentages in their three forms, dates typed or stored, statuses
// written or given only as a fill colour.
#pragma once

#include <optional>
#include <string>

#include "model/records.hpp"
#include "recognise/sheet_grid.hpp"
#include "recognise/vocabulary.hpp"

namespace bp::recognise {

// What says a number is a percentage: its number format (stored as a
// fraction), a "%" typed with it ("90.4%"), or a "%" in its column's heading.
enum class PercentForm { none, format, text, heading };

struct NumberValue {
    std::optional<double> value;  // explicit percentages normalised to fractions; plain numbers as typed
    int decimals = -1;            // decimals shown, in the value's (fraction) scale; -1 unknown
    PercentForm form = PercentForm::none;
    bool percent() const { return form != PercentForm::none; }
    bool missing = false;         // empty or a "no value" word such as n/a
    bool bad = false;             // text that is not a number
    bool no_cached_value = false; // a formula never calculated
};
// 90.1 -> 0.901, not 0.9009999999999999: percentages keep the data's precision.
double from_hundred(double v);

NumberValue read_number(const SheetGrid& grid, const Vocabulary& vocab, const read::Cell* cell, bool header_percent);

struct DateValue {
    std::optional<CivilDate> date;
    bool missing = false, ongoing = false, bad = false, no_cached_value = false;
};
DateValue read_date(const SheetGrid& grid, const Vocabulary& vocab, const read::Cell* cell);

// A solid fill read as a RAG colour (by hue; pale and grey fills are not statuses).
std::optional<model::PlanStatus> status_from_fill(std::uint32_t rgb);

// The decimals a number format shows ("0.00" -> 2), or -1 for General.
int format_decimals(const std::string& format_code);

// A cell as text for ref/title/lead columns ("5.10" when the format shows 2 decimals).
std::string text_value(const SheetGrid& grid, const read::Cell* cell);

}  // namespace bp::recognise
