#include "history/words.hpp"

#include <fmt/format.h>

#include <charconv>

namespace bp::history {

namespace {

// Each enum's words are the model's own (model::status_name ...), so they cannot drift apart.
template <class E, class Name, std::size_t N>
std::optional<E> from_name(std::string_view word, const E (&values)[N], Name name) {
    for (E v : values)
        if (word == name(v)) return v;
    return std::nullopt;
}

std::optional<int> digits(std::string_view text) {
    int n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return n;
}

}  // namespace

std::optional<model::PlanStatus> status_from_name(std::string_view word) {
    using S = model::PlanStatus;
    static const S all[] = {S::blue, S::green, S::amber, S::red, S::unrated};
    return from_name(word, all, model::status_name);
}

std::optional<model::Rating> rating_from_name(std::string_view word) {
    using R = model::Rating;
    static const R all[] = {R::green, R::amber, R::red, R::none};
    return from_name(word, all, model::rating_name);
}

std::optional<model::Unit> unit_from_name(std::string_view word) {
    using U = model::Unit;
    static const U all[] = {U::percent, U::count,  U::rate_per_1000, U::rate_per_10000, U::rate_per_100000,
                            U::days,    U::weeks,  U::months,        U::currency,       U::number};
    return from_name(word, all, model::unit_name);
}

std::optional<model::Polarity> polarity_from_name(std::string_view word) {
    using P = model::Polarity;
    static const P all[] = {P::higher, P::lower, P::none};
    return from_name(word, all, model::polarity_name);
}

std::string period_key(YearMonth ym) { return fmt::format("{:04}-{:02}", ym.year, ym.month); }

std::optional<YearMonth> parse_period_key(std::string_view key) {
    if (key.size() != 7 || key[4] != '-') return std::nullopt;
    auto year = digits(key.substr(0, 4)), month = digits(key.substr(5));
    if (!year || !month || *month < 1 || *month > 12) return std::nullopt;
    return YearMonth{*year, static_cast<unsigned>(*month)};
}

std::optional<YearMonth> parse_month_label(std::string_view label) {
    static const char* const names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    if (label.size() != 6 || label[3] != ' ') return std::nullopt;
    auto yy = digits(label.substr(4));
    if (!yy) return std::nullopt;
    for (unsigned m = 0; m < 12; ++m)
        if (label.substr(0, 3) == names[m]) return YearMonth{2000 + *yy, m + 1};  // month_label keeps two digits of the year
    return std::nullopt;
}

}  // namespace bp::history
