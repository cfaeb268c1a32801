// What a number format says about the value under it: a date, a time of
// day, an elapsed time, a percentage, text or a plain number.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace bp::read {

enum class NumFmtKind : std::uint8_t { general, number, percent, date, duration, text };

// Excel's built-in format codes (ids 0-49); empty for ids it leaves to the locale.
std::string_view builtin_format_code(std::uint32_t id);

// Classifies a format code. Like Excel, only the first section (positive
// numbers) decides; quoted text, \-escapes, _x spacers, *x fills and
// [colour]/[condition]/[$-locale] sections are ignored; [h], [m], [s] make
// an elapsed-time (duration) format.
NumFmtKind classify_format(std::string_view code);

}  // namespace bp::read
