#include "recognise/measure_unit.hpp"

#include <array>
#include <span>
#include <string>
#include <vector>

#include "recognise/text.hpp"

namespace bp::recognise {
namespace {

using model::Unit;

using Words = std::span<const std::string_view>;

bool has_word(Words w, std::string_view word) {
    for (const auto& x : w)
        if (x == word) return true;
    return false;
}

bool starts_with_words(Words w, std::initializer_list<std::string_view> prefix) {
    if (w.size() < prefix.size()) return false;
    std::size_t i = 0;
    for (auto p : prefix)
        if (w[i++] != p) return false;
    return true;
}

// "per 10,000", "per 10 000", "per 10000", "rate per thousand".
std::optional<Unit> rate_unit(Words w) {
    for (std::size_t i = 0; i + 1 < w.size(); ++i) {
        if (w[i] != "per") continue;
        std::string n;
        for (std::size_t k = i + 1; k < w.size() && all_digits(w[k]); ++k) n += w[k];
        if (n.empty() && i + 1 < w.size()) {
            if (w[i + 1] == "thousand") n = "1000";
            if (w[i + 1] == "100k") n = "100000";
            if (w[i + 1] == "10k") n = "10000";
        }
        if (n == "1000") return Unit::rate_per_1000;
        if (n == "10000") return Unit::rate_per_10000;
        if (n == "100000") return Unit::rate_per_100000;
    }
    return std::nullopt;
}

std::optional<Unit> duration_unit(std::string_view word) {
    if (word == "days" || word == "day") return Unit::days;
    if (word == "weeks" || word == "week" || word == "wks") return Unit::weeks;
    if (word == "months" || word == "month") return Unit::months;
    return std::nullopt;
}

// The unit the words of `text` name.
std::optional<Unit> unit_of(std::string_view text, Words w) {
    if (w.empty()) return std::nullopt;
    for (std::string_view p : {"percentage", "percent", "proportion", "pct"})
        if (has_word(w, p)) return Unit::percent;
    if (auto r = rate_unit(w)) return r;
    // A duration: "Average days ...", "Number of days ...", "... (days)", "Days to ...", "... in weeks".
    for (std::size_t i = 0; i < w.size(); ++i) {
        auto d = duration_unit(w[i]);
        if (!d) continue;
        bool averaged = has_word(w, "average") || has_word(w, "mean") || has_word(w, "median");
        bool counted = i >= 2 && w[i - 1] == "of" && (w[i - 2] == "number" || w[i - 2] == "no");
        bool named = i == 0 || (i + 1 == w.size() && (text.find('(') != std::string_view::npos || (i > 0 && w[i - 1] == "in")));
        if (averaged || counted || named) return d;
    }
    if (text.find("\xC2\xA3") != std::string_view::npos || has_word(w, "cost") || has_word(w, "spend") ||
        has_word(w, "budget") || has_word(w, "gbp"))
        return Unit::currency;
    if (starts_with_words(w, {"number", "of"}) || starts_with_words(w, {"no", "of"}) || starts_with_words(w, {"count", "of"}) ||
        starts_with_words(w, {"total", "number"}) || starts_with_words(w, {"number"}))
        return Unit::count;
    return std::nullopt;
}

}  // namespace

std::optional<Unit> unit_from_words(std::string_view text) {
    if (text.empty()) return std::nullopt;
    if (has_percent_sign(text)) return Unit::percent;
    NormalizedText norm(text);  // titles are short: words without allocating
    if (norm.cut()) {
        std::vector<std::string> long_words = words(normalize(text));
        std::vector<std::string_view> w(long_words.begin(), long_words.end());
        return unit_of(text, w);
    }
    std::array<std::string_view, NormalizedText::k_capacity / 2 + 1> w;
    for (std::size_t k = 0; k < norm.word_count(); ++k) w[k] = norm.word(k);
    return unit_of(text, Words(w.data(), norm.word_count()));
}

}  // namespace bp::recognise
