// Text rules for recognising what teams type: header normalisation, month
// and year labels, percentages written as text, dates written as text.
#pragma once

#include <array>
#include <cstdint>
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

// normalize() and words() of a short text without heap allocation: the header
// search and the vocabulary look at many cells, each once. Only the first
// k_capacity bytes are normalised (vocabulary entries are a few words);
// cut() says there was more.
class NormalizedText {
public:
    static constexpr std::size_t k_capacity = 160;
    explicit NormalizedText(std::string_view text);

    std::string_view text() const { return {m_chars.data(), m_length}; }
    bool empty() const { return m_length == 0; }
    bool cut() const { return m_cut; }
    std::size_t word_count() const { return m_words; }
    std::string_view word(std::size_t i) const { return {m_chars.data() + m_start[i], m_size[i]}; }

private:
    std::array<char, k_capacity> m_chars;
    std::array<std::uint8_t, k_capacity / 2 + 1> m_start, m_size;
    std::size_t m_length = 0, m_words = 0;
    bool m_cut = false;
};
bool has_percent_sign(std::string_view text);
std::string trim(std::string_view text);
std::string_view trimmed(std::string_view text);  // trim() as a view into `text`
bool all_digits(std::string_view text);  // non-empty, ASCII digits only
int to_int(std::string_view digits);      // leading ASCII digits as a number; 0 if none

// "Mar 23", "March 2023", "Mar-23", "Mar'23" -> {2023, 3}; nullopt if not a month label.
std::optional<YearMonth> parse_month_label(std::string_view text);
std::optional<YearMonth> parse_month_label(const NormalizedText& text);  // a text not cut()

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
