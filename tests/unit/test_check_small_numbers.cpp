#include <doctest/doctest.h>

#include "check/small_numbers.hpp"

using namespace bp;

namespace {
model::KpiMeasure measure(model::Unit unit, std::optional<double> value, std::optional<double> num = std::nullopt,
                          std::optional<double> den = std::nullopt) {
    model::KpiMeasure m;
    m.ref = "x";
    m.unit = unit;
    m.value = value;
    m.numerator = num;
    m.denominator = den;
    return m;
}
}  // namespace

TEST_CASE("check::small_count: 1 to the threshold, whole numbers only") {
    CHECK_FALSE(check::small_count(0, 5));  // none is not disclosive
    CHECK(check::small_count(1, 5));
    CHECK(check::small_count(5, 5));
    CHECK_FALSE(check::small_count(6, 5));
    CHECK_FALSE(check::small_count(2.5, 5));  // not a count
    CHECK(check::small_count(3, 3));
    CHECK_FALSE(check::small_count(4, 3));
}

TEST_CASE("check::suppress_small_numbers: counts at and around the threshold") {
    model::Pack pack;
    pack.measures = {measure(model::Unit::count, 5), measure(model::Unit::count, 6), measure(model::Unit::count, 0),
                     measure(model::Unit::count, 1)};
    pack.measures[1].previous = 4;
    pack.measures[1].trend = {{{2026, 9}, 7.0}, {{2026, 10}, 2.0}};
    CHECK(check::suppress_small_numbers(pack) == 3);
    CHECK(pack.measures[0].suppressed.value);
    CHECK_FALSE(pack.measures[1].suppressed.value);
    CHECK(pack.measures[1].suppressed.previous);
    REQUIRE(pack.measures[1].suppressed.trend.size() == 2);
    CHECK_FALSE(pack.measures[1].suppressed.trend[0]);
    CHECK(pack.measures[1].suppressed.trend[1]);
    CHECK_FALSE(pack.measures[2].suppressed.any());
    CHECK(pack.measures[3].suppressed.value);
}

TEST_CASE("check::suppress_small_numbers: a percentage goes with its small numerator, and a small rest gives it away") {
    model::Pack pack;
    pack.measures = {measure(model::Unit::percent, 3.0 / 40, 3, 40),    // numerator 3: hidden, and the 7.5% with it
                     measure(model::Unit::percent, 37.0 / 40, 37, 40),  // 40 - 37 = 3 not seen: the total gives it away
                     measure(model::Unit::percent, 30.0 / 40, 30, 40),  // nothing small
                     measure(model::Unit::percent, 0.5, 2, 4),          // a denominator of 4: all three
                     measure(model::Unit::percent, 0.0, 0, 40)};        // none of 40: shown
    check::suppress_small_numbers(pack);
    const auto& a = pack.measures[0].suppressed;
    CHECK((a.numerator && a.value && !a.denominator));
    const auto& b = pack.measures[1].suppressed;
    CHECK((b.numerator && b.value && !b.denominator));
    CHECK_FALSE(pack.measures[2].suppressed.any());
    const auto& d = pack.measures[3].suppressed;
    CHECK((d.numerator && d.value && d.denominator));
    CHECK_FALSE(pack.measures[4].suppressed.any());
}

TEST_CASE("check::suppress_small_numbers: the threshold is the template's") {
    model::Pack pack;
    pack.measures = {measure(model::Unit::count, 8)};
    check::suppress_small_numbers(pack, 10);
    CHECK(pack.measures[0].suppressed.value);
}
