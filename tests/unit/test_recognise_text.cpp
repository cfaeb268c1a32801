#include <doctest/doctest.h>

#include "recognise/cell_values.hpp"
#include "recognise/text.hpp"
#include "recognise/vocabulary.hpp"

using namespace bp;
using namespace bp::recognise;

TEST_CASE("recognise::normalize") {
    CHECK(normalize("  RAG-Status: ") == "rag status");
    CHECK(normalize("No.") == "no");
    CHECK(normalize("Actual (%)") == "actual");
    CHECK(normalize("Amber – some progress") == "amber some progress");
}

TEST_CASE("recognise::parse_month_label") {
    CHECK(parse_month_label("Mar 23") == YearMonth{2023, 3});
    CHECK(parse_month_label("March 2023") == YearMonth{2023, 3});
    CHECK(parse_month_label("Sept-26") == YearMonth{2026, 9});
    CHECK_FALSE(parse_month_label("Marketing 23"));
    CHECK(month_label({2023, 8}) == "Aug 23");
}

TEST_CASE("recognise::parse_percent_text and parse_date_text") {
    CHECK(*parse_percent_text("90.4%") == doctest::Approx(0.904));
    CHECK_FALSE(parse_percent_text("90.4"));
    CHECK(*parse_number_text("1,958") == 1958);
    CHECK(parse_date_text("31/03/2027") == CivilDate{2027, 3, 31});
    CHECK(parse_date_text("31 Mar 27") == CivilDate{2027, 3, 31});
    CHECK(parse_date_text("March 2027") == CivilDate{2027, 3, 31});
    CHECK(parse_date_text("2027-03-31") == CivilDate{2027, 3, 31});
    CHECK_FALSE(parse_date_text("end of March"));
    CHECK_FALSE(parse_date_text("31/02/2027"));
}

TEST_CASE("recognise::Vocabulary matches headers and statuses") {
    const Vocabulary& v = Vocabulary::builtin();
    CHECK(v.plan_header("RAG status")->field == static_cast<int>(PlanField::status));
    CHECK(v.plan_header("Lead officer(s)")->field == static_cast<int>(PlanField::lead));
    CHECK(v.plan_header("Progress update Oct 26")->field == static_cast<int>(PlanField::progress));
    CHECK(v.kpi_header("Indicator no.")->field == static_cast<int>(KpiField::ref));
    CHECK(v.status("Amber – some progress but slippage") == model::PlanStatus::amber);
    CHECK(v.status("B") == model::PlanStatus::blue);
    CHECK(v.status("complete") == model::PlanStatus::blue);
    CHECK_FALSE(v.status("TBC"));
    CHECK_FALSE(v.status("A lot done"));
    CHECK(v.polarity("Lower is better") == model::Polarity::lower);
    CHECK(v.means_missing("n/a"));
}

TEST_CASE("recognise::Vocabulary rejects a bad file with its line") {
    auto r = Vocabulary::parse("[plan.action]\nAction\n[plan.nonsense]\nX\n", "v.txt");
    REQUIRE_FALSE(r);
    CHECK(r.error().message.find("line 3") != std::string::npos);
    auto dup = Vocabulary::parse("[plan.action]\nAction\n[plan.status]\nStatus\nAction\n", "v.txt");
    REQUIRE_FALSE(dup);
    CHECK(dup.error().message.find("line 5") != std::string::npos);
}

TEST_CASE("recognise::status_from_fill by hue") {
    CHECK(status_from_fill(0xFF0000) == model::PlanStatus::red);
    CHECK(status_from_fill(0xC0504D) == model::PlanStatus::red);
    CHECK(status_from_fill(0xFFC000) == model::PlanStatus::amber);
    CHECK(status_from_fill(0xF79646) == model::PlanStatus::amber);
    CHECK(status_from_fill(0x00B050) == model::PlanStatus::green);
    CHECK(status_from_fill(0x9BBB59) == model::PlanStatus::green);
    CHECK(status_from_fill(0x0070C0) == model::PlanStatus::blue);
    CHECK(status_from_fill(0x4F81BD) == model::PlanStatus::blue);
    CHECK_FALSE(status_from_fill(0xD9E1F2));  // pale header tint
    CHECK_FALSE(status_from_fill(0xBFBFBF));  // grey
    CHECK_FALSE(status_from_fill(0x7030A0));  // purple
}
