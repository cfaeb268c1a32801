// Text rules for recognising what teams type: header normalisation, month
// and year labels, percentages written as text, dates written as text.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/excel_date.hpp"

namespace bp::recognise {

// Lower-case ASCII, punctuation to spaces, spaces collapsed: "RAG-Status:" -> "rag status".
// '%' is dropped too (see has_percent_sign).
std::string normalize(std::string_view text);
std::vector<std::string> words(std::string_view normalized);
bool has_percent_sign(std::string_view text);
std::string trim(std::string_view text);
bool all_digits(std::string_view text);  // non-empty, ASCII digits only
int to_int(std::string_view digits);      // leading ASCII digits as a number; 0 if none

// "Mar 23", "March 2023", "Mar-23", "Mar'23" -> {2023, 3}; nullopt if not a month label.
std::optional<YearMonth> parse_month_label(std::string_view text);

// "90.4%" -> 0.904; "90.4" -> nullopt (no sign); spaces and a leading + allowed.
std::optional<double> parse_percent_text(std::string_view text);
// "1,958" or "90.4" -> number; nullopt otherwise.
std::optional<double> parse_number_text(std::string_view text);

// "31/03/2027", "31-03-27", "2027-03-31", "31 March 2027", "31 Mar 27",
// "March 2027" (end of month) -> date (UK day-first order).
std::optional<CivilDate> parse_date_text(std::string_view text);

// A number as people write it: 1.1, 5.10 when the format shows two decimals.
std::string number_text(double v, int decimals = -1);

}  // namespace bp::recognise
