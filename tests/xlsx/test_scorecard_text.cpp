// The scorecard's own texts and formulas, and the house style's helpers.
#include <doctest/doctest.h>

#include "render/house_style.hpp"
#include "render/scorecard.hpp"

using namespace bp;
using namespace bp::render;

TEST_SUITE("xlsx.scorecard") {
    TEST_CASE("row_runs") {
        auto runs = row_runs({4, 5, 6, 8, 9}, 4, 4);
        REQUIRE(runs.size() == 2);
        CHECK(range_ref(runs[0]) == "E5:E7");
        CHECK(range_ref(runs[1]) == "E9:E10");
    }

    TEST_CASE("kpi_sentence") {
        CHECK(kpi_sentence(3, 6, 5) == "Of 14 indicators with targets, 3 are green, 6 amber and 5 red.");
        CHECK(kpi_sentence(1, 0, 0) == "Of 1 indicator with targets, 1 is green, 0 amber and 0 red.");
        CHECK(kpi_sentence(0, 0, 0) == "No indicator has both a value and a target to rate.");
    }
    TEST_CASE("plan_sentence") {
        CHECK(plan_sentence(62, 14, 22, 16, 10) ==
              "Of 62 actions: 14 completed (blue), 22 on track (green), 16 with some progress but slippage (amber) "
              "and 10 not progressed as planned (red).");
        CHECK(plan_sentence(0, 0, 0, 0, 0) == "The plan has no actions.");
    }
    TEST_CASE("rag_formula") {
        CHECK(rag_formula("F7", "N7", "O7", false) ==
              "IF(OR(NOT(ISNUMBER(F7)),COUNT(N7:O7)=0),\"\",IF(AND(COUNT(N7:O7)=2,N7>O7),"
              "IF(F7<=IF(ISNUMBER(O7),O7,N7),\"Green\",IF(F7<=IF(ISNUMBER(N7),N7,O7),\"Amber\",\"Red\")),"
              "IF(F7>=IF(ISNUMBER(O7),O7,N7),\"Green\",IF(F7>=IF(ISNUMBER(N7),N7,O7),\"Amber\",\"Red\"))))");
        CHECK(rag_formula("F7", "N7", "O7", true).find("IF(COUNT(N7:O7)=2,N7>O7,TRUE)") != std::string::npos);
    }
}
