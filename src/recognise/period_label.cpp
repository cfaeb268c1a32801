#include "recognise/period_label.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "recognise/text.hpp"
#include "util/utf8.hpp"

namespace bp::recognise {
namespace {

bool plausible_year(int y) { return y >= 1990 && y <= 2100; }

// "2012-13", "2012/2013", "12/13" -> 2012: the second year must follow the first.
std::optional<int> year_span(std::string_view a, std::string_view b) {
    if (!all_digits(a) || !all_digits(b) || (a.size() != 4 && a.size() != 2) || (b.size() != 2 && b.size() != 4)) return std::nullopt;
    int start = a.size() == 2 ? 2000 + to_int(a) : to_int(a);
    int end = b.size() == 4 ? to_int(b) : (start / 100) * 100 + to_int(b);
    if (b.size() == 2 && end < start) end += 100;  // 1999/00
    if (!plausible_year(start) || end != start + 1) return std::nullopt;
    return start;
}

// Words a period heading may carry that say nothing about the column's field.
bool period_word(std::string_view w) {
    for (std::string_view p : {"ye", "fy", "year", "end", "full", "financial", "outturn", "ytd", "to", "date"})
        if (w == p) return true;
    return false;
}

}  // namespace

CivilDate PeriodLabel::starts() const {
    if (!financial) return CivilDate{year, quarter ? static_cast<unsigned>(1 + 3 * (quarter - 1)) : 1u, 1};
    // Financial quarters: Q1 April-June ... Q4 January-March of the next year.
    if (quarter == 4) return CivilDate{year + 1, 1, 1};
    return CivilDate{year, static_cast<unsigned>(4 + 3 * (quarter ? quarter - 1 : 0)), 1};
}

std::string PeriodLabel::label() const {
    std::string y = financial ? fmt::format("{}-{:02}", year, (year + 1) % 100) : std::to_string(year);
    return quarter ? fmt::format("Q{} {}", quarter, y) : y;
}

std::optional<PeriodLabel> parse_period_label(std::string_view heading) {
    // Every period is written with a year, two digits or four: a heading without two digits
    // side by side names none ("QP1.1", "Action 3").
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (std::adjacent_find(heading.begin(), heading.end(), [&](char a, char b) { return digit(a) && digit(b); }) == heading.end())
        return std::nullopt;
    // Tokens split on spaces and brackets; '/' and '-' stay inside a token ("2012/13"). Views
    // into `heading`, in vectors kept by the thread: a header search parses thousands of cells.
    thread_local std::vector<std::string_view> tokens, rest;
    tokens.clear();
    rest.clear();
    std::size_t start = 0;
    auto split = [](char c) {
        return c == ' ' || c == '\t' || c == '(' || c == ')' || c == '[' || c == ']' || c == ',' || c == ':' || c == '\n';
    };
    for (std::size_t i = 0; i <= heading.size(); ++i) {
        if (i < heading.size() && !split(heading[i])) continue;
        if (i > start) tokens.push_back(heading.substr(start, i - start));
        start = i + 1;
    }

    PeriodLabel out;
    int periods = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        std::string t = ascii_lower(tokens[i]);
        while (!t.empty() && (t.back() == '.' || t.back() == '*')) t.pop_back();
        // "FY2012/13", "YE12-13": the prefix says only that it is a year.
        for (std::string_view prefix : {"fy", "ye"})
            if (t.size() > prefix.size() + 1 && t.compare(0, prefix.size(), prefix) == 0 && t[prefix.size()] >= '0' &&
                t[prefix.size()] <= '9')
                t.erase(0, prefix.size());
        auto sep = t.find_first_of("/-\xE2");  // '-', '/' or the first byte of a typographic dash
        if (sep != std::string::npos && sep > 0) {
            std::size_t after = t[sep] == '\xE2' ? sep + 3 : sep + 1;
            if (after <= t.size()) {
                if (auto y = year_span(std::string_view(t).substr(0, sep), std::string_view(t).substr(after))) {
                    out.year = *y;
                    out.financial = true;
                    ++periods;
                    continue;
                }
            }
        }
        // "2012 13" (a span written with a space) or a bare calendar year.
        if (all_digits(t) && t.size() == 4 && plausible_year(to_int(t))) {
            if (i + 1 < tokens.size() && tokens[i + 1].size() == 2 && year_span(t, tokens[i + 1])) {
                out.year = to_int(t);
                out.financial = true;
                ++periods;
                ++i;
                continue;
            }
            out.year = to_int(t);
            ++periods;
            continue;
        }
        if (t.size() == 2 && t[0] == 'q' && t[1] >= '1' && t[1] <= '4') {
            if (out.quarter) return std::nullopt;
            out.quarter = t[1] - '0';
            continue;
        }
        if (t == "provisional" || t == "prov" || t == "p") {
            out.provisional = true;
            continue;
        }
        rest.push_back(tokens[i]);
    }
    if (periods != 1) return std::nullopt;
    std::string words_text;
    for (const auto& r : rest) {
        for (const auto& w : words(normalize(r))) {
            if (period_word(w)) continue;
            words_text += (words_text.empty() ? "" : " ") + w;
        }
    }
    out.words = words_text;
    return out;
}

}  // namespace bp::recognise
