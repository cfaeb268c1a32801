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

TEST_CASE("recognise::NormalizedText is normalize() and words()") {
    for (std::string_view text : {"  RAG-Status: ", "No.", "Amber – some progress", "\xE2\x80\x94Target\xE2\x80\x99s", "", "--",
                                  "Officers' names (2012/13)", "ÉCOLE  Rôle"}) {
        NormalizedText n(text);
        CHECK(std::string(n.text()) == normalize(text));
        auto w = words(normalize(text));
        REQUIRE(n.word_count() == w.size());
        for (std::size_t i = 0; i < w.size(); ++i) CHECK(std::string(n.word(i)) == w[i]);
        CHECK(!n.cut());
    }
    std::string long_text(200, 'a');
    NormalizedText cut(long_text);
    CHECK(cut.cut());
    CHECK(cut.text().size() == NormalizedText::k_capacity);
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

TEST_CASE("recognise::Vocabulary with a heading that is a number") {
    // A council whose ref column is headed "1": number cells may then be headings.
    const char* text = "[plan.action]\naction\n[plan.status]\nstatus\n[kpi.ref]\n1\n[kpi.title]\nmeasure\n[kpi.value]\n"
                       "current\n[status.blue]\nblue\n[status.green]\ngreen\n[status.amber]\namber\n[status.red]\nred\n";
    auto v = Vocabulary::parse(text, "numbers.txt");
    REQUIRE(v);
    CHECK(v->may_name_number(true));
    CHECK(!v->may_name_number(false));
    REQUIRE(v->kpi_header("1"));
    CHECK(v->kpi_header("1")->field == static_cast<int>(KpiField::ref));
    CHECK(!Vocabulary::builtin().may_name_number(true));
    CHECK(!Vocabulary::builtin().may_name_number(false));
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
