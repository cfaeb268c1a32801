#include <doctest/doctest.h>

#include "check/consolidate.hpp"

using namespace bp;
using namespace bp::check;

namespace {
model::PlanAction action(std::string ref, std::string section, model::PlanStatus status, std::string file) {
    model::PlanAction a;
    a.ref = std::move(ref);
    a.section = std::move(section);
    a.action = "Do " + a.ref;
    a.status = status;
    a.source = {std::move(file), "Plan", 7, {{"ref", CellPos{6, 0}}}};
    return a;
}
}  // namespace

TEST_CASE("check::natural_less orders refs as people do") {
    CHECK(natural_less("QP1.2", "QP1.10"));
    CHECK_FALSE(natural_less("QP1.10", "QP1.2"));
    CHECK(natural_less("2.9", "2.10a"));
    CHECK(natural_less("a", "B"));
}

TEST_CASE("check::consolidate: sections in first-seen order, refs in natural order, duplicates") {
    Submission one{"one.xlsx", {action("QP1.10", "Quality", model::PlanStatus::green, "one.xlsx"),
                                action("CC1", "Capacity", model::PlanStatus::red, "one.xlsx"),
                                action("QP1.2", "Quality", model::PlanStatus::blue, "one.xlsx")}, {}, std::nullopt};
    Submission two{"two.xlsx", {action("QP1.2", "Quality", model::PlanStatus::blue, "two.xlsx"),      // identical: merged
                                action("CC1", "Capacity", model::PlanStatus::amber, "two.xlsx")}, {}, std::nullopt};  // conflict
    model::Issues issues;
    model::Pack pack;
    consolidate({one, two}, pack, issues);
    REQUIRE(pack.actions.size() == 2);
    CHECK(pack.actions[0].ref == "QP1.2");
    CHECK(pack.actions[1].ref == "QP1.10");
    REQUIRE(pack.sections.size() == 1);  // both CC1s are left out
    CHECK(pack.sections[0].name == "Quality");
    CHECK(pack.sections[0].blue == 1);
    CHECK(pack.sections[0].green == 1);
    CHECK(pack.plan_total.total == 2);  // the totals are counted once, with the sections
    CHECK(pack.plan_total.blue == 1);
    int merged = 0, conflicts = 0;
    for (const auto& is : issues) {
        merged += is.code == "duplicate-merged";
        conflicts += is.code == "duplicate-conflict";
        if (is.code == "duplicate-conflict") {
            CHECK(is.message.find(".xlsx Plan row 7") != std::string::npos);
            CHECK(is.cell == CellPos{6, 0});  // at the ref cell, typed; "A7" only when printed
            CHECK(is.a1() == "A7");
        }
    }
    CHECK(merged == 1);
    CHECK(conflicts == 2);  // one at each place
}

TEST_CASE("check::consolidate: sections interleaved over files keep first-seen order, each counted") {
    using model::PlanStatus;
    Submission one{"one.xlsx", {action("B2", "Budget", PlanStatus::red, "one.xlsx"),
                                action("A10", "Access", PlanStatus::green, "one.xlsx"),
                                action("b1", "Budget", PlanStatus::amber, "one.xlsx")}, {}, std::nullopt};
    Submission two{"two.xlsx", {action("C1", "Care", PlanStatus::blue, "two.xlsx"),
                                action("A9", "Access", PlanStatus::amber, "two.xlsx"),
                                action("B10", "Budget", PlanStatus::green, "two.xlsx")}, {}, std::nullopt};
    model::Issues issues;
    model::Pack pack;
    consolidate({one, two}, pack, issues);
    std::vector<std::string> refs;
    for (const auto& a : pack.actions) refs.push_back(a.ref);
    CHECK(refs == std::vector<std::string>{"b1", "B2", "B10", "A9", "A10", "C1"});
    CHECK(pack.actions[0].action == "Do b1");  // the records themselves moved, not only their refs
    REQUIRE(pack.sections.size() == 3);
    CHECK(pack.sections[0].name == "Budget");
    CHECK(pack.sections[0].red == 1);
    CHECK(pack.sections[0].amber == 1);
    CHECK(pack.sections[0].green == 1);
    CHECK(pack.sections[1].name == "Access");
    CHECK(pack.sections[1].amber == 1);
    CHECK(pack.sections[1].green == 1);
    CHECK(pack.sections[2].name == "Care");
    CHECK(pack.sections[2].blue == 1);
    CHECK(pack.plan_total.total == 6);
    CHECK(issues.empty());
}

TEST_CASE("check::consolidate: the pack reports the latest period by date, and warns") {
    Submission sep{"sep.xlsx", {}, {}, YearMonth{2026, 9}};
    Submission oct{"oct.xlsx", {}, {}, YearMonth{2026, 10}};
    model::Issues issues;
    model::Pack pack;
    consolidate({oct, sep}, pack, issues);
    CHECK(pack.period == YearMonth{2026, 10});
    CHECK(pack.period_label() == "Oct 26");
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].code == "period-mismatch");
    CHECK(issues[0].file == "sep.xlsx");
}
