#include <doctest/doctest.h>

#include "model/rag.hpp"

using namespace bp::model;
using bp::model::Polarity;
using bp::model::Rating;

TEST_CASE("model::rate higher is better, at every boundary") {
    auto r = [](double v) { return rate(v, 0.90, 0.95, Polarity::higher); };
    CHECK(r(0.96) == Rating::green);
    CHECK(r(0.95) == Rating::green);   // value = Upper: green (inclusive)
    CHECK(r(0.9499) == Rating::amber);
    CHECK(r(0.90) == Rating::amber);   // value = Min: amber (inclusive)
    CHECK(r(0.8999) == Rating::red);
    CHECK(r(0.0) == Rating::red);
}

TEST_CASE("model::rate lower is better, at every boundary (seed 003 measure 5.10)") {
    auto r = [](double v) { return rate(v, 0.10, 0.05, Polarity::lower); };
    CHECK(r(0.04) == Rating::green);
    CHECK(r(0.05) == Rating::green);   // value = Upper: green
    CHECK(r(0.0501) == Rating::amber);
    CHECK(r(0.10) == Rating::amber);   // value = Min: amber
    CHECK(r(0.1001) == Rating::red);
    CHECK(r(0.117) == Rating::red);    // 5.10 in seed 003: 11.7% is red
}

TEST_CASE("model::infer_polarity from the targets") {
    CHECK(infer_polarity(0.10, 0.05) == Polarity::lower);
    CHECK(infer_polarity(0.90, 0.95) == Polarity::higher);
    CHECK(infer_polarity(0.90, 0.90) == Polarity::higher);
    CHECK(infer_polarity(std::nullopt, std::nullopt) == Polarity::none);
}

TEST_CASE("model::rate without targets or value is none") {
    CHECK(rate(790.0, std::nullopt, std::nullopt, Polarity::none) == Rating::none);
    CHECK(rate(std::nullopt, 0.9, 0.95, Polarity::higher) == Rating::none);
}

TEST_CASE("model::targets_from_tolerance compares at the precision of the data") {
    // 0.80 - 0.10 is 0.7000000000000001 in binary: a 70.0% must still be amber, not red.
    Targets t = targets_from_tolerance(0.80, 0.10, Polarity::higher);
    CHECK(*t.upper == 0.80);
    CHECK(rate(0.70, t.min, t.upper, Polarity::higher) == Rating::amber);
    CHECK(rate(0.6999, t.min, t.upper, Polarity::higher) == Rating::red);
    CHECK(rate(0.80, t.min, t.upper, Polarity::higher) == Rating::green);
    // Mirrored for lower is better: Upper = Target, Min = Target + Tolerance.
    Targets l = targets_from_tolerance(0.05, 0.05, Polarity::lower);
    CHECK(*l.upper == 0.05);
    CHECK(*l.min == doctest::Approx(0.10));
    CHECK(rate(0.10, l.min, l.upper, Polarity::lower) == Rating::amber);
    CHECK(rate(0.05, l.min, l.upper, Polarity::lower) == Rating::green);
    CHECK(rate(0.1000001, l.min, l.upper, Polarity::lower) == Rating::red);
    // 98.5 - 2 (seed 003's 4.8 in Target/Tolerance form): 96.5 exactly.
    Targets p = targets_from_tolerance(98.5, 2, Polarity::higher);
    CHECK(rate(96.5, p.min, p.upper, Polarity::higher) == Rating::amber);
}

TEST_CASE("model::rate seed 003 table: 3 green, 6 amber, 5 red") {
    struct Row { double value, min, upper; };
    const Row rows[] = {{0.904, 0.90, 0.95}, {0.937, 0.90, 0.95}, {0.908, 0.90, 0.95}, {0.875, 0.85, 0.90},
                        {0.778, 0.85, 0.90}, {0.894, 0.92, 0.95}, {0.117, 0.10, 0.05}, {0.890, 0.90, 0.95},
                        {0.870, 0.85, 0.90}, {0.955, 0.965, 0.985}, {1.000, 0.95, 1.00}, {0.955, 0.90, 0.95},
                        {0.690, 0.65, 0.75}, {0.907, 0.85, 0.90}};
    int g = 0, a = 0, r = 0;
    for (const auto& row : rows) {
        switch (rate(row.value, row.min, row.upper, infer_polarity(row.min, row.upper))) {
            case Rating::green: ++g; break;
            case Rating::amber: ++a; break;
            case Rating::red: ++r; break;
            case Rating::none: break;
        }
    }
    CHECK(g == 3);
    CHECK(a == 6);
    CHECK(r == 5);
}
