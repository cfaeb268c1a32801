// An earlier pack's summary.json read back (--previous): what render writes is
// what the reader takes, and a file boardpack did not write is refused by field.
#include <doctest/doctest.h>

#include "history/summary_snapshot.hpp"
#include "render/summary_json.hpp"

using namespace bp;

namespace {

model::Pack sample_pack() {
    model::Pack pack;
    pack.tool_version = "0.1.0";
    pack.report_date = CivilDate{2026, 10, 14};
    pack.period = YearMonth{2026, 9};
    pack.inputs.push_back({"plan.xlsx"});
    pack.inputs.back().facts.sha256 = std::string(64, 'c');
    model::PlanAction a;
    a.ref = "QP1.2";
    a.section = "Quality";
    a.action = "Audit case files";
    a.status = model::PlanStatus::amber;
    a.due = CivilDate{2026, 11, 30};
    a.source.file = "plan.xlsx";
    pack.actions.push_back(a);
    a.ref = "QP1.3";
    a.status = model::PlanStatus::blue;
    a.due.reset();
    a.source.file = "unlisted.xlsx";
    pack.actions.push_back(a);
    model::KpiMeasure m;
    m.ref = "5.10";
    m.title = "Re-referrals within 12 months";
    m.value = 0.231;
    m.unit = model::Unit::percent;
    m.polarity = model::Polarity::lower;
    m.rag = model::Rating::red;
    m.source.file = "plan.xlsx";
    pack.measures.push_back(m);
    m.ref = "5.11";
    m.value.reset();
    m.rag = model::Rating::none;
    pack.measures.push_back(m);
    return pack;
}

std::string summary_text(const model::Pack& pack) { return render::summary_json(pack, {"scorecard.xlsx", "board-report.pdf"}).dump(); }

std::string error_of(const std::string& text) {
    auto r = history::parse_summary_snapshot(text, "sep/summary.json");
    REQUIRE_FALSE(r.ok());
    return to_string(r.error());
}

}  // namespace

TEST_CASE("history::parse_summary_snapshot: reads what render::summary_json writes") {
    auto r = history::parse_summary_snapshot(summary_text(sample_pack()), "sep/summary.json");
    REQUIRE(r.ok());
    CHECK(r->origin == "sep/summary.json");
    CHECK(r->period == YearMonth{2026, 9});
    CHECK(r->report_date == CivilDate{2026, 10, 14});
    REQUIRE(r->actions.size() == 2);
    CHECK(r->actions[0].ref == "QP1.2");
    CHECK(r->actions[0].section == "Quality");
    CHECK(r->actions[0].action == "Audit case files");
    CHECK(r->actions[0].status == model::PlanStatus::amber);
    CHECK(r->actions[0].due == CivilDate{2026, 11, 30});
    CHECK(r->actions[0].source_sha256 == std::string(64, 'c'));
    CHECK(r->actions[1].status == model::PlanStatus::blue);
    CHECK_FALSE(r->actions[1].due.has_value());
    CHECK(r->actions[1].source_sha256.empty());  // its workbook is not among the inputs
    REQUIRE(r->measures.size() == 2);
    CHECK(r->measures[0].ref == "5.10");
    CHECK(r->measures[0].title == "Re-referrals within 12 months");
    CHECK(r->measures[0].value == doctest::Approx(0.231));
    CHECK(r->measures[0].unit == model::Unit::percent);
    CHECK(r->measures[0].polarity == model::Polarity::lower);
    CHECK(r->measures[0].rating == model::Rating::red);
    CHECK_FALSE(r->measures[1].value.has_value());
    CHECK(r->measures[1].rating == model::Rating::none);
}

TEST_CASE("history::parse_summary_snapshot: a plan-only pack is kept under its report date's month") {
    auto pack = sample_pack();
    pack.period.reset();
    pack.measures.clear();
    auto r = history::parse_summary_snapshot(summary_text(pack), "s.json");
    REQUIRE(r.ok());
    CHECK(r->period == YearMonth{2026, 10});
}

TEST_CASE("history::parse_summary_snapshot: what is not a boardpack summary.json is refused, by field") {
    CHECK(error_of("scorecard,xlsx\n1,2").find("sep/summary.json: is not a boardpack summary.json (not JSON: parse error") == 0);
    CHECK(error_of(R"({"name": "x"})").find(R"(is not a boardpack summary.json (no "tool": {"name": "boardpack"}))") !=
          std::string::npos);
    CHECK(error_of("[1, 2]").find("is not a boardpack summary.json") != std::string::npos);

    auto doc = render::summary_json(sample_pack(), {});
    SUBCASE("a status boardpack never writes") {
        doc["plan"]["actions"][1]["status"] = "purple";
        CHECK(error_of(doc.dump()) ==
              "sep/summary.json: plan.actions[1].status: 'purple' is not one of blue, green, amber, red, unrated");
    }
    SUBCASE("a due date that is not a date") {
        doc["plan"]["actions"][0]["due"] = "30/11/2026";
        CHECK(error_of(doc.dump()) == "sep/summary.json: plan.actions[0].due: \"30/11/2026\" is not a date written YYYY-MM-DD");
    }
    SUBCASE("a value that is text") {
        doc["kpis"]["measures"][0]["value"] = "23%";
        CHECK(error_of(doc.dump()) == "sep/summary.json: kpis.measures[0].value: expected a number or null, found string");
    }
    SUBCASE("no measures list") {
        doc["kpis"].erase("measures");
        CHECK(error_of(doc.dump()).find("sep/summary.json: kpis.measures: missing") == 0);
    }
    SUBCASE("no report date") {
        doc.erase("report_date");
        CHECK(error_of(doc.dump()).find("sep/summary.json: report_date: missing") == 0);
    }
    SUBCASE("a period boardpack does not write") {
        doc["kpis"]["period"] = "September 2026";
        CHECK(error_of(doc.dump()).find("kpis.period: 'September 2026' is not a month") != std::string::npos);
    }
}

TEST_CASE("history::read_summary_snapshot: a missing file") {
    auto r = history::read_summary_snapshot("/nonexistent/summary.json");
    REQUIRE_FALSE(r.ok());
    CHECK(to_string(r.error()) == "/nonexistent/summary.json: cannot be opened: check the path given to --previous");
}
