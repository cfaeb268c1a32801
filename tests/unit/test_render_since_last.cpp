// "Since the last board" from a pack compared in code: the sentences, the
// summary.json `changes` object, and a first pack with nothing to compare.
#include <doctest/doctest.h>

#include "check/compare.hpp"
#include "render/narrative.hpp"
#include "render/summary_json.hpp"

using namespace bp;
using model::PlanStatus;
using model::Rating;

namespace {
model::Pack compared_pack() {
    model::Pack pack;
    pack.report_date = CivilDate{2026, 10, 31};
    pack.period = YearMonth{2026, 10};
    auto act = [&](std::string ref, PlanStatus s, CivilDate due) {
        model::PlanAction a;
        a.ref = std::move(ref);
        a.status = s;
        a.due = due;
        pack.actions.push_back(a);
    };
    act("1.1", PlanStatus::red, {2026, 12, 31});   // amber -> red, slipped 92 days
    act("1.2", PlanStatus::red, {2026, 9, 30});    // amber -> red
    act("1.3", PlanStatus::blue, {2026, 9, 30});   // green -> blue
    act("1.4", PlanStatus::green, {2026, 10, 20}); // same, slipped 20 days
    model::KpiMeasure m;
    m.ref = "5.10";
    m.title = "Assessments in time";
    m.unit = model::Unit::percent;
    m.value = 0.80;
    m.rag = Rating::amber;
    m.polarity = model::Polarity::higher;
    pack.measures.push_back(m);

    model::PackSnapshot prev;
    prev.period = {2026, 9};
    prev.report_date = {2026, 9, 30};
    prev.origin = "history.sqlite";
    prev.actions = {{"1.1", "S", "a", PlanStatus::amber, CivilDate{2026, 9, 30}, {}},
                    {"1.2", "S", "b", PlanStatus::amber, CivilDate{2026, 9, 30}, {}},
                    {"1.3", "S", "c", PlanStatus::green, CivilDate{2026, 9, 30}, {}},
                    {"1.4", "S", "d", PlanStatus::green, CivilDate{2026, 9, 30}, {}},
                    {"0.9", "S", "old", PlanStatus::blue, CivilDate{2026, 6, 30}, {}}};
    model::MeasureSnapshot was;
    was.ref = "5.10";
    was.rating = Rating::red;
    was.value = 0.70;
    was.unit = model::Unit::percent;
    prev.measures = {was};
    check::compare_with_previous(pack, prev);
    return pack;
}
}  // namespace

TEST_CASE("render::since_last_sentences: movements, slips, removed records and rating changes in words") {
    auto s = render::since_last_sentences(compared_pack());
    REQUIRE(s.size() == 6);
    CHECK(s[0] == "Compared with the pack for Sep 26 (report date 30 September 2026), read from history.sqlite.");
    CHECK(s[1] == "2 actions moved from amber to red (1.1 and 1.2); 1 moved from green to blue (completed: 1.3).");
    CHECK(s[2] == "2 due dates slipped, 1 by more than a month.");
    CHECK(s[3] == "1 action is no longer in the pack (0.9).");
    CHECK(s[4] == "5.10 improved from red to amber.");
    CHECK(s[5] == "Of the 1 indicator reported both times, 1 improved, none worsened and none stayed the same.");
}

TEST_CASE("render::summary_json: changes per action and measure, counts, and the previous pack") {
    auto j = render::summary_json(compared_pack(), {"scorecard.xlsx", "board-report.pdf"});
    CHECK(j["period"] == "2026-10");
    const auto& c = j["changes"];
    CHECK(c["compared"] == true);
    CHECK(c["previous"]["period"] == "2026-09");
    CHECK(c["previous"]["report_date"] == "2026-09-30");
    CHECK(c["actions"][0]["movement"] == "worse");
    CHECK(c["actions"][0]["last_status"] == "amber");
    CHECK(c["actions"][0]["slipped_days"] == 92);
    CHECK(c["actions"][2]["movement"] == "better");
    CHECK(c["measures"][0]["direction"] == "better");
    CHECK(c["measures"][0]["last_rag"] == "red");
    CHECK(c["measures"][0]["last_value"] == 0.70);
    CHECK(c["removed_actions"][0]["ref"] == "0.9");
    CHECK(c["counts"]["actions_worse"] == 2);
    CHECK(c["counts"]["actions_completed"] == 1);
    CHECK(c["counts"]["due_dates_slipped_over_a_month"] == 1);
    CHECK(c["sentences"].size() == 6);
}

TEST_CASE("render::summary_json: a first pack says it was compared with nothing") {
    model::Pack pack;
    pack.report_date = CivilDate{2026, 10, 31};
    auto j = render::summary_json(pack, {"scorecard.xlsx", "board-report.pdf"});
    CHECK(j["period"] == "2026-10");  // a plan-only pack is kept under its report date's month
    CHECK(j["changes"]["compared"] == false);
    CHECK_FALSE(j["changes"].contains("actions"));
    REQUIRE(j["changes"]["sentences"].size() == 1);
    CHECK(j["changes"]["sentences"][0].get<std::string>().rfind("This is the first pack", 0) == 0);
}
