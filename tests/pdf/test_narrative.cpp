// Generated sentences and number formats, against seed 002 and 003's wording.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <regex>

#include <fmt/format.h>

#include "model/rag.hpp"

#include "render/narrative.hpp"
#include "support.hpp"

using namespace bp::render;
using bp::model::KpiMeasure;
using bp::model::Polarity;
using bp::model::Rating;
using bp::model::Unit;

namespace {

KpiMeasure percent(double value, double min, double upper, Rating rag) {
    KpiMeasure m;
    m.unit = Unit::percent;
    m.value = value;
    m.target_min = min;
    m.target_upper = upper;
    m.polarity = min > upper ? Polarity::lower : Polarity::higher;
    m.rag = rag;
    return m;
}

}  // namespace

TEST_CASE("pdf::format_number and format_value") {
    CHECK(format_number(1958, 0) == "1,958");
    CHECK(format_number(1234567.25, 2) == "1,234,567.25");
    CHECK(format_number(-1500, 0) == "-1,500");
    CHECK(format_number(7.2000000001, 1) == "7.2");
    CHECK(format_number(1.0, 1) == "1");
    KpiMeasure m = percent(0.904, 0.9, 0.95, Rating::amber);
    CHECK(format_value(m, 0.904) == "90.4%");
    CHECK(format_value(m, 1.0) == "100.0%");
    CHECK(format_value(m, std::nullopt) == "–");
    CHECK(format_target(m, 0.9) == "90%");
    CHECK(format_target(m, 0.965) == "96.5%");
    m.unit = Unit::count;
    CHECK(format_value(m, 2165) == "2,165");
    CHECK(long_date(bp::CivilDate{2026, 11, 26}) == "26 November 2026");
}

TEST_CASE("pdf::format_number and format_value write what fmt's %.Nf gives, over many values") {
    // The digits as fmt writes them, then trailing zeros dropped and thousands grouped: the
    // formatting spelt out with fmt, as it was before it was written by hand.
    auto by_fmt = [](double v, int decimals) {
        double scale = std::pow(10.0, decimals);
        double r = std::round(bp::model::at_data_precision(v) * scale) / scale;
        std::string s = fmt::format("{:.{}f}", std::fabs(r), decimals);
        if (s.find('.') != std::string::npos) {
            while (s.back() == '0') s.pop_back();
            if (s.back() == '.') s.pop_back();
        }
        auto dot = s.find('.');
        std::string whole = s.substr(0, dot), frac = dot == std::string::npos ? "" : s.substr(dot);
        std::string out = r < 0 ? "-" : "";
        for (std::size_t i = 0; i < whole.size(); ++i) {
            if (i > 0 && (whole.size() - i) % 3 == 0) out += ',';
            out += whole[i];
        }
        return out + frac;
    };
    KpiMeasure m = percent(0.5, 0.9, 0.95, Rating::amber);
    std::uint64_t seed = 12345;
    auto next = [&] { return seed = seed * 6364136223846793005ull + 1442695040888963407ull; };
    for (int i = 0; i < 20000; ++i) {
        // Magnitudes from 1e-6 to 1e13, either sign, and halves and thousandths that sit on ties.
        const double mantissa = static_cast<double>(next() >> 11) / 9007199254740992.0;
        double v = mantissa * std::pow(10.0, static_cast<int>(next() % 20) - 6);
        if (i % 3 == 0) v = std::round(v * 1000) / 1000;
        if (i % 5 == 0) v = -v;
        for (int decimals : {0, 1, 2}) {
            CAPTURE(v);
            CAPTURE(decimals);
            REQUIRE(format_number(v, decimals) == by_fmt(v, decimals));
        }
        REQUIRE(format_value(m, v) == fmt::format("{:.1f}%", bp::model::at_data_precision(v * 100)));
    }
    CHECK(format_number(0.0, 2) == "0");
    CHECK(format_number(-0.001, 2) == "0");
    CHECK(format_number(999999.996, 2) == "1,000,000");
}

TEST_CASE("pdf::kpi_counts_sentence") {
    CHECK(kpi_counts_sentence({3, 6, 5, 3}, 17) ==
          "Of 14 indicators with targets, 3 are green, 6 amber and 5 red. The other 3 have no target: they are "
          "activity measures, shown for context.");
    CHECK(kpi_counts_sentence({1, 0, 0, 0}, 1) == "Of 1 indicator with a target, 1 is green, none amber and none red.");
    CHECK(kpi_counts_sentence({0, 2, 1, 0}, 3) == "Of 3 indicators with targets, none are green, 2 amber and 1 red.");
    CHECK(kpi_counts_sentence({0, 0, 0, 4}, 4) == "None of the 4 indicators has a target, so none is rated.");
}

TEST_CASE("pdf::distance_to_target") {
    SUBCASE("higher is better, red: below the minimum (seed 003, 3.3)") {
        CHECK(distance_to_target(percent(0.778, 0.85, 0.90, Rating::red)) ==
              "77.8% is 7.2 points below the minimum of 85%");
    }
    SUBCASE("lower is better, red: above the maximum (seed 003, 5.10)") {
        CHECK(distance_to_target(percent(0.117, 0.10, 0.05, Rating::red)) ==
              "11.7% is 1.7 points above the maximum of 10% (lower is better)");
    }
    SUBCASE("amber: the upper target decides") {
        CHECK(distance_to_target(percent(0.937, 0.90, 0.95, Rating::amber)) ==
              "93.7% is 1.3 points below the target of 95%");
    }
    SUBCASE("one point, and less than a tenth") {
        CHECK(distance_to_target(percent(0.955, 0.965, 0.985, Rating::red)) ==
              "95.5% is 1 point below the minimum of 96.5%");
        CHECK(distance_to_target(percent(0.8999, 0.90, 0.95, Rating::red)) ==
              "90.0% is less than 0.1 points below the minimum of 90%");
    }
    SUBCASE("green and untargeted") {
        CHECK(distance_to_target(percent(0.955, 0.90, 0.95, Rating::green)) == "95.5% meets the target of 95%");
        KpiMeasure count;
        count.unit = Unit::count;
        count.value = 790;
        CHECK(distance_to_target(count) == "no target is set");
    }
    SUBCASE("counts are plain differences") {
        KpiMeasure m;
        m.unit = Unit::count;
        m.value = 34;
        m.target_min = 40;
        m.target_upper = 45;
        m.polarity = Polarity::higher;
        m.rag = Rating::red;
        CHECK(distance_to_target(m) == "34 is 6 below the minimum of 40");
    }
}

TEST_CASE("pdf::plan_sentence (seed 002)") {
    std::vector<bp::model::SectionCount> s = {{"Quality of Practice", 22, 1, 7, 10, 4, 0},
                                              {"Capacity and capability of workforce", 12, 3, 4, 2, 3, 0},
                                              {"Effective Leadership and Management", 9, 1, 5, 1, 2, 0},
                                              {"Quality Assurance and Performance Management", 9, 6, 2, 1, 0, 0},
                                              {"Partnership working", 10, 3, 4, 2, 1, 0}};
    CHECK(plan_sentence(s, bp::model::total_of(s)) ==
          "The plan has 62 actions in 5 sections: 14 are completed (blue), 22 on track (green), 16 show some "
          "progress but slippage (amber) and 10 have not progressed as planned (red). Quality of Practice has the "
          "most actions not progressed as planned (4).");
    CHECK(plan_sentence({}, bp::model::total_of({})) == "No improvement plan actions were found in the returns.");
}

TEST_CASE("pdf::red_kpis_sentence, exception_actions_sentence, findings_sentence") {
    auto a = percent(0.778, 0.85, 0.90, Rating::red), b = percent(0.894, 0.92, 0.95, Rating::red),
         c = percent(0.117, 0.10, 0.05, Rating::red);
    CHECK(red_kpis_sentence({&a, &b, &c}) ==
          "Of the 3 red indicators, 2 miss their minimum standard by less than 3 points.");
    CHECK(red_kpis_sentence({}) == "No indicator is rated red.");
    CHECK(exception_actions_sentence(10, 16, 6) ==
          "26 actions are red or amber: 10 have not progressed as planned (red) and 16 show some progress but "
          "slippage (amber). 6 actions are past their due date and not yet completed.");
    CHECK(exception_actions_sentence(1, 0, 0) == "1 action is red or amber: 1 has not progressed as planned (red).");
    CHECK(findings_sentence(7, 0, 0, 0) == "Checking the 7 workbooks found nothing to correct.");
    CHECK(findings_sentence(7, 3, 10, 19).rfind("Checking the 7 workbooks gave 3 errors, 10 warnings and 19 notes.", 0) ==
          0);
}

TEST_CASE("pdf::listed_actions_sentence and unlisted_amber_sentence: none, one, many") {
    CHECK(listed_actions_sentence(601, 998) ==
          "Listed below: every red action (601) and every amber action that is overdue or awaiting commentary (998).");
    CHECK(listed_actions_sentence(1, 0) == "Listed below: every red action (1).");
    CHECK(listed_actions_sentence(0, 1234) ==
          "Listed below: every amber action that is overdue or awaiting commentary (1,234).");
    CHECK(listed_actions_sentence(0, 0).empty());
    CHECK(unlisted_amber_sentence(214, true, "Plan") ==
          "214 more amber actions, on track to recover, are not listed here: see the scorecard’s Plan sheet.");
    CHECK(unlisted_amber_sentence(1, true, "Plan") ==
          "1 more amber action, on track to recover, is not listed here: see the scorecard’s Plan sheet.");
    CHECK(unlisted_amber_sentence(40, false, "Plan") ==
          "40 amber actions, on track to recover, are not listed here: see the scorecard’s Plan sheet.");
    CHECK(unlisted_amber_sentence(0, true, "Plan").empty());
}

TEST_CASE("pdf::main_findings_text: errors first, then the most frequent") {
    using bp::model::Severity;
    std::vector<FindingCount> counts{{"missing-lead", Severity::warning, 3},
                                     {"status-from-colour", Severity::info, 40},
                                     {"overdue", Severity::warning, 12},
                                     {"bad-status", Severity::error, 1}};
    CHECK(main_findings_text(counts, 3) == "1 status not understood, 12 overdue, 3 missing lead and 40 more");
    CHECK(main_findings_text(counts, 4) == "1 status not understood, 12 overdue, 3 missing lead, 40 status from colour");
    CHECK(main_findings_text({{"overdue", Severity::warning, 1200}}, 3) == "1,200 overdue");
    CHECK(main_findings_text({{"some-new-code", Severity::warning, 2}}, 3) == "2 some new code");
    CHECK(main_findings_text({}, 3).empty());
}

TEST_CASE("pdf::finding_words has plain words for every documented finding code") {
    std::string doc = bp::pdftest::read_file(std::string(BP_SOURCE_DIR) + "/docs/issue-codes.md");
    std::regex row(R"(\n\| `([a-z-]+)` \|)");
    int codes = 0;
    for (auto it = std::sregex_iterator(doc.begin(), doc.end(), row); it != std::sregex_iterator(); ++it, ++codes)
        CHECK_MESSAGE(!finding_words((*it)[1].str()).empty(), (*it)[1].str());
    CHECK(codes > 30);
    CHECK(finding_words("not-a-code").empty());
}
