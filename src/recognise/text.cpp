#include "recognise/text.hpp"

#include <fmt/format.h>

#include "model/rag.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

namespace bp::recognise {

namespace {
// What each byte becomes when normalising: itself (a-z, 0-9, any byte of a UTF-8 sequence),
// lower case (A-Z), or 0: punctuation and space, which separate words.
constexpr std::array<unsigned char, 256> k_normal_byte = [] {
    std::array<unsigned char, 256> t{};
    for (unsigned c = 0; c < 256; ++c) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) t[c] = static_cast<unsigned char>(c);
        if (c >= 'A' && c <= 'Z') t[c] = static_cast<unsigned char>(c - 'A' + 'a');
    }
    return t;
}();

// Typographic dashes and quotes (UTF-8: E2 80 93/94/98/99) are punctuation too.
bool typographic_at(std::string_view text, std::size_t i) {
    if (i + 2 >= text.size() || static_cast<unsigned char>(text[i + 1]) != 0x80) return false;
    auto c = static_cast<unsigned char>(text[i + 2]);
    return c == 0x93 || c == 0x94 || c == 0x98 || c == 0x99;
}

// The one normalising pass behind normalize() and NormalizedText: `emit` gets
// each output byte, ' ' between words, none leading or doubled (the caller
// drops a trailing one). A byte at a time through one table: header matching
// normalises every heading it tries.
template <class Emit>
void normalize_into(std::string_view text, Emit&& emit) {
    bool space = true;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        unsigned char out = k_normal_byte[c];
        if (c == 0xE2 && typographic_at(text, i)) {
            out = 0;
            i += 2;
        }
        if (out != 0) {
            emit(static_cast<char>(out));
            space = false;
        } else if (!space) {
            emit(' ');
            space = true;
        }
    }
}
}  // namespace

std::string normalize(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    normalize_into(text, [&](char c) { out += c; });
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

NormalizedText::NormalizedText(std::string_view text) {
    m_cut = text.size() > k_capacity;
    if (m_cut) text = text.substr(0, k_capacity);
    // Counts in locals, stored once: a char store may alias any member, so the compiler would
    // reload and store the members around every byte.
    std::size_t length = 0, words = 0;
    bool in_word = false;
    normalize_into(text, [&](char c) {
        if (c == ' ') {
            in_word = false;
        } else if (!in_word) {
            m_start[words] = static_cast<std::uint8_t>(length);
            m_size[words++] = 0;
            in_word = true;
        }
        if (c != ' ') ++m_size[words - 1];
        m_chars[length++] = c;
    });
    if (length > 0 && m_chars[length - 1] == ' ') --length;
    m_length = length;
    m_words = words;
}

std::vector<std::string> words(std::string_view normalized) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < normalized.size()) {
        auto end = normalized.find(' ', start);
        if (end == std::string_view::npos) end = normalized.size();
        if (end > start) out.emplace_back(normalized.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

bool has_percent_sign(std::string_view text) { return text.find('%') != std::string_view::npos; }

std::string trim(std::string_view t) { return std::string(trimmed(t)); }

std::string_view trimmed(std::string_view t) {
    auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\xA0'; };
    while (!t.empty() && ws(t.front())) t.remove_prefix(1);
    while (!t.empty() && ws(t.back())) t.remove_suffix(1);
    // Non-breaking space in UTF-8.
    while (t.size() >= 2 && t.substr(0, 2) == "\xC2\xA0") t.remove_prefix(2);
    while (t.size() >= 2 && t.substr(t.size() - 2) == "\xC2\xA0") t.remove_suffix(2);
    return t;
}

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int to_int(std::string_view s) {
    int v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
}

namespace {
const std::array<std::string_view, 12> k_months = {"jan", "feb", "mar", "apr", "may", "jun",
                                                   "jul", "aug", "sep", "oct", "nov", "dec"};
const std::array<std::string_view, 12> k_month_names = {"january", "february", "march",     "april",   "may",      "june",
                                                        "july",    "august",   "september", "october", "november", "december"};

std::optional<unsigned> month_of(std::string_view word) {
    if (word.size() < 3) return std::nullopt;
    for (unsigned i = 0; i < 12; ++i) {
        if (word == k_months[i] || word == k_month_names[i]) return i + 1;
        if (word == "sept" && i == 8) return 9u;
    }
    return std::nullopt;
}

int full_year(std::string_view digits) {
    int y = to_int(digits);
    return digits.size() == 2 ? 2000 + y : y;
}
}  // namespace

std::optional<YearMonth> parse_month_label(std::string_view text) {
    NormalizedText norm(text);
    if (!norm.cut()) return parse_month_label(norm);
    auto w = words(normalize(text));
    if (w.size() != 2) return std::nullopt;
    auto m = month_of(w[0]);
    if (!m || !all_digits(w[1]) || (w[1].size() != 2 && w[1].size() != 4)) return std::nullopt;
    return YearMonth{full_year(w[1]), *m};
}

std::optional<YearMonth> parse_month_label(const NormalizedText& text) {
    if (text.word_count() != 2) return std::nullopt;
    auto m = month_of(text.word(0));
    std::string_view year = text.word(1);
    if (!m || !all_digits(year) || (year.size() != 2 && year.size() != 4)) return std::nullopt;
    return YearMonth{full_year(year), *m};
}


std::optional<double> parse_number_text(std::string_view text) {
    std::string t = trim(text);
    std::string digits;
    for (char c : t)
        if (c != ',') digits += c;
    if (!digits.empty() && digits.front() == '+') digits.erase(digits.begin());
    if (digits.empty()) return std::nullopt;
    double v = 0;
    auto r = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    if (r.ec != std::errc{} || r.ptr != digits.data() + digits.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

std::optional<double> parse_percent_text(std::string_view text) {
    std::string t = trim(text);
    if (t.empty() || t.back() != '%') return std::nullopt;
    auto v = parse_number_text(std::string_view(t).substr(0, t.size() - 1));
    if (!v) return std::nullopt;
    return model::at_data_precision(*v / 100.0);
}

std::optional<CivilDate> parse_date_text(std::string_view text) {
    std::string t = trim(text);
    if (t.empty()) return std::nullopt;
    if (auto iso = parse_iso_datetime(t)) return iso->date;
    // Numeric day-first: 31/03/2027, 31-03-27, 31.03.2027
    {
        std::vector<std::string> parts;
        std::string cur;
        bool numeric = true;
        for (char c : t) {
            if (c >= '0' && c <= '9') cur += c;
            else if (c == '/' || c == '-' || c == '.') { parts.push_back(cur); cur.clear(); }
            else { numeric = false; break; }
        }
        parts.push_back(cur);
        if (numeric && parts.size() == 3 && all_digits(parts[0]) && all_digits(parts[1]) && all_digits(parts[2]) &&
            parts[0].size() <= 2 && parts[1].size() <= 2 && (parts[2].size() == 2 || parts[2].size() == 4)) {
            int y = full_year(parts[2]);
            auto m = static_cast<unsigned>(to_int(parts[1])), d = static_cast<unsigned>(to_int(parts[0]));
            if (valid_date(y, m, d)) return CivilDate{y, m, d};
            return std::nullopt;
        }
    }
    // Words: "31 March 2027", "31st Mar 27", "March 2027", "Mar-27"
    auto w = words(normalize(t));
    if (w.size() == 3) {
        std::string day = w[0];
        for (std::string_view suffix : {"st", "nd", "rd", "th"})
            if (day.size() > 2 && day.ends_with(suffix)) day.resize(day.size() - 2);
        auto m = month_of(w[1]);
        if (m && all_digits(day) && all_digits(w[2]) && (w[2].size() == 2 || w[2].size() == 4)) {
            int y = full_year(w[2]);
            auto d = static_cast<unsigned>(to_int(day));
            if (valid_date(y, *m, d)) return CivilDate{y, *m, d};
        }
        return std::nullopt;
    }
    if (auto ym = parse_month_label(t)) {
        // A month alone means its end: "March 2027" is due by 31 March.
        unsigned next_m = ym->month == 12 ? 1 : ym->month + 1;
        int next_y = ym->month == 12 ? ym->year + 1 : ym->year;
        return civil_from_days(days_from_civil({next_y, next_m, 1}) - 1);
    }
    return std::nullopt;
}

std::string number_text(double v, int decimals) {
    if (decimals >= 0) return fmt::format("{:.{}f}", v, decimals);
    if (v == std::floor(v) && std::fabs(v) < 1e15) return fmt::format("{:.0f}", v);
    return fmt::format("{}", v);
}

}  // namespace bp::recognise
