// Recognition on sheets made in code: which column is which field, the
// period columns, and the findings at their typed positions.
#include <doctest/doctest.h>

#include "check/validate.hpp"
#include "model/rag.hpp"
#include "recognise/extract.hpp"
#include "recognise/table_layout.hpp"
#include "sheet_builder.hpp"

using namespace bp;
using namespace bp::recognise;
using bp::test::Pct;
using bp::test::SheetBuilder;

namespace {
const CivilDate k_as_of{2013, 6, 12};

int col_of(const TableLayout& t, KpiField f) {
    auto c = t.column(static_cast<int>(f));
    return c ? static_cast<int>(*c) : -1;
}

const model::Issue* find(const model::Issues& issues, const std::string& code) {
    for (const auto& i : issues)
        if (i.code == code) return &i;
    return nullptr;
}

// Seed 000's scorecard: one header row under a title, two outturn columns.
SheetBuilder kent(bool swapped) {
    SheetBuilder b("County Scorecard");
    b.row(0, {std::string("Specialist Children's Services")});
    b.row(2, {std::string("Indicator No."), std::string("Indicator"), std::string("Polarity"),
              std::string(swapped ? "Outturn 2012-13" : "Outturn 2011-12"), std::string("Target"), std::string("Tolerance"),
              std::string(swapped ? "Outturn 2011-12" : "Outturn 2012-13"), std::string("RAG"), std::string("Commentary")});
    b.row(3, {std::string("SCS01"), std::string("% of CAFs closed with outcomes met"), std::string("High is good"),
              Pct{swapped ? 0.78 : 0.60}, Pct{0.75}, Pct{0.05}, Pct{swapped ? 0.60 : 0.78}, std::string("Green"),
              std::string("Good progress")});
    return b;
}
}  // namespace

TEST_CASE("recognise::find_table: of two outturns the latest is the value, whatever their order") {
    for (bool swapped : {false, true}) {
        auto b = kent(swapped);
        auto grid = b.grid();
        auto t = find_table(grid, TableSearch{Vocabulary::builtin(), k_as_of});
        REQUIRE(t);
        CHECK(t->kind == TableKind::kpi);
        CHECK(t->header_top == 2);
        CHECK(col_of(*t, KpiField::value) == (swapped ? 3 : 6));
        CHECK(col_of(*t, KpiField::previous) == (swapped ? 6 : 3));
        REQUIRE(t->value_period);
        CHECK(t->value_period->label() == "2012-13");
        CHECK(col_of(*t, KpiField::target) == 4);
        CHECK(col_of(*t, KpiField::tolerance) == 5);
        CHECK(t->problems.empty());
        // The reading, heading by heading, with typed cells.
        REQUIRE(t->roles.size() == 9);
        CHECK(t->roles[swapped ? 3 : 6].header == CellPos{2, swapped ? 3u : 6u});
        CHECK(t->roles[swapped ? 3 : 6].field == "value (2012-13)");
    }
}

TEST_CASE("recognise::find_table: two columns for one year is a finding at the second, not a guess") {
    SheetBuilder b("KPIs");
    b.row(0, {std::string("Ref"), std::string("Measure"), std::string("Outturn 2012-13"), std::string("2012/13"),
              std::string("Target")});
    b.row(1, {std::string("P1"), std::string("Percentage reviewed"), Pct{0.8}, Pct{0.7}, Pct{0.9}});
    auto grid = b.grid();
    auto t = find_table(grid, TableSearch{Vocabulary::builtin(), k_as_of});
    REQUIRE(t);
    CHECK(t->value_unresolved);
    REQUIRE(t->problems.size() == 1);
    CHECK(t->problems[0].code == "ambiguous-period");
    CHECK(t->problems[0].severity == model::Severity::error);
    CHECK(t->problems[0].cell == CellPos{0, 3});
    Extracted out;
    model::Issues issues;
    extract_kpis(grid, Vocabulary::builtin(), *t, "one-year.xlsx", out, issues);
    REQUIRE(out.measures.size() == 1);
    CHECK(out.measures[0].rejected);  // not rated from a guessed column
}

TEST_CASE("recognise::find_table: a period after the report date is not taken for this year's") {
    SheetBuilder b("KPIs");
    b.row(0, {std::string("Ref"), std::string("Measure"), std::string("2012/13"), std::string("2027/28")});
    b.row(1, {std::string("P1"), std::string("Number of referrals"), 10.0, 12.0});
    auto grid = b.grid();
    auto t = find_table(grid, TableSearch{Vocabulary::builtin(), k_as_of});
    REQUIRE(t);
    CHECK(t->value_unresolved);
    REQUIRE(find_table(grid, TableSearch{Vocabulary::builtin(), CivilDate{2027, 6, 1}}));
    CHECK(col_of(*find_table(grid, TableSearch{Vocabulary::builtin(), CivilDate{2027, 6, 1}}), KpiField::value) == 3);
    REQUIRE_FALSE(t->problems.empty());
    CHECK(t->problems[0].code == "ambiguous-period");
    CHECK(t->problems[0].cell == CellPos{0, 3});
}

TEST_CASE("recognise::extract_kpis: a value on another scale than its targets is scale-mismatch at the value") {
    SheetBuilder b("KPIs");
    b.row(0, {std::string("Ref"), std::string("Measure"), std::string("Current"), std::string("Min"), std::string("Upper")});
    b.row(1, {std::string("S1"), std::string("% visits on time"), 93.5, Pct{0.9}, Pct{0.95}});
    b.row(2, {std::string("S2"), std::string("% assessments in 45 days"), 90.0, 85.0, 95.0});
    auto grid = b.grid();
    auto t = find_table(grid, TableSearch{Vocabulary::builtin(), k_as_of});
    REQUIRE(t);
    Extracted out;
    model::Issues issues;
    extract_kpis(grid, Vocabulary::builtin(), *t, "scale.xlsx", out, issues);
    REQUIRE(out.measures.size() == 2);
    const model::Issue* mismatch = find(issues, "scale-mismatch");
    REQUIRE(mismatch);
    CHECK(mismatch->cell == CellPos{1, 2});
    CHECK(mismatch->severity == model::Severity::error);
    CHECK(out.measures[0].rejected);
    // All typed as hundreds under a "%" title: one scale, read as percentages.
    const auto& s2 = out.measures[1];
    CHECK_FALSE(s2.rejected);
    CHECK(s2.unit == model::Unit::percent);
    CHECK(*s2.value == doctest::Approx(0.90));
    CHECK(*s2.target_min == doctest::Approx(0.85));
    CHECK(s2.source.cell("value") == CellPos{2, 2});
}

TEST_CASE("check::check_plan and check_kpis: overdue, and a narrative owed, at their cells") {
    SheetBuilder b("Plan");
    b.row(0, {std::string("Ref"), std::string("Action"), std::string("Lead"), std::string("Due date"), std::string("Status"),
              std::string("Progress")});
    b.row(1, {std::string("A1"), std::string("Recruit"), std::string("Head"), std::string("31/03/2013"), std::string("Amber")});
    b.row(2, {std::string("A2"), std::string("Train"), std::string("Head"), std::string("31/03/2014"), std::string("Green")});
    b.row(3, {std::string("A3"), std::string("Audit"), std::string("Head"), std::string("31/03/2014"), std::string("Red/Amber")});
    auto grid = b.grid();
    auto t = find_table(grid, TableSearch{Vocabulary::builtin(), k_as_of});
    REQUIRE(t);
    REQUIRE(t->kind == TableKind::plan);
    Extracted out;
    model::Issues issues;
    extract_plan(grid, Vocabulary::builtin(), *t, "plan.xlsx", out, issues);
    const model::Issue* ambiguous = find(issues, "ambiguous-status");
    REQUIRE(ambiguous);
    CHECK(ambiguous->cell == CellPos{3, 4});
    check::check_plan(out.actions, k_as_of, issues);
    REQUIRE(out.actions.size() == 3);
    CHECK(out.actions[0].overdue);
    CHECK(out.actions[0].awaiting_commentary);
    CHECK_FALSE(out.actions[1].awaiting_commentary);  // green, not yet due: nothing owed
    const model::Issue* overdue = find(issues, "overdue");
    REQUIRE(overdue);
    CHECK(overdue->cell == CellPos{1, 3});
    const model::Issue* owed = find(issues, "missing-commentary");
    REQUIRE(owed);
    CHECK(owed->cell == CellPos{1, 5});
}

TEST_CASE("recognise: a Target column beside Minimum / Upper target columns is never dropped without a word") {
    auto read = [](std::vector<std::string> headings, std::vector<bp::test::Value> row) {
        SheetBuilder b("KPIs");
        std::vector<bp::test::Value> head(headings.begin(), headings.end());
        b.row(0, head);
        b.row(1, row);
        auto grid = b.grid();
        auto t = find_table(grid, TableSearch{Vocabulary::builtin(), k_as_of});
        REQUIRE(t);
        std::pair<Extracted, model::Issues> got;
        extract_kpis(grid, Vocabulary::builtin(), *t, "targets.xlsx", got.first, got.second);
        REQUIRE(got.first.measures.size() == 1);
        for (const auto& p : t->problems) got.second.push_back(model::Issue{p.severity, p.code, "targets.xlsx", "KPIs", p.cell, p.message});
        return got;
    };
    SUBCASE("Minimum and Target: the target is the upper level, so 85 between 80 and 90 is amber") {
        auto [out, issues] = read({"Ref", "Measure", "Current", "Minimum", "Target"},
                                  {std::string("T1"), std::string("Number of visits"), 85.0, 80.0, 90.0});
        const auto& m = out.measures[0];
        REQUIRE(m.target_upper);
        CHECK(*m.target_min == doctest::Approx(80.0));
        CHECK(*m.target_upper == doctest::Approx(90.0));
        CHECK(model::rate(m.value, m.target_min, m.target_upper, model::Polarity::higher) == model::Rating::amber);
    }
    SUBCASE("Target and Upper target with no minimum: not rated, and a finding at the Target heading") {
        auto [out, issues] = read({"Ref", "Measure", "Current", "Target", "Stretch target"},
                                  {std::string("T2"), std::string("Number of visits"), 85.0, 80.0, 90.0});
        const auto& m = out.measures[0];
        CHECK_FALSE(m.target_min);
        CHECK_FALSE(m.target_upper);
        const model::Issue* a = find(issues, "ambiguous-column");
        REQUIRE(a);
        CHECK(a->severity == model::Severity::warning);
        CHECK(a->cell == CellPos{0, 3});
    }
    SUBCASE("all three: rated on the pair, and the unused Target column named") {
        auto [out, issues] = read({"Ref", "Measure", "Current", "Minimum", "Target", "Upper target"},
                                  {std::string("T3"), std::string("Number of visits"), 85.0, 80.0, 88.0, 90.0});
        const auto& m = out.measures[0];
        CHECK(*m.target_upper == doctest::Approx(90.0));
        const model::Issue* u = find(issues, "target-unused");
        REQUIRE(u);
        CHECK(u->severity == model::Severity::info);
        CHECK(u->cell == CellPos{0, 4});
    }
}
