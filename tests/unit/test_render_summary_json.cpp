// summary.json from a pack made in code: the field names SPEC 3.3 fixes, and
// positions printed as A1 only here.
#include <doctest/doctest.h>

#include "render/summary_json.hpp"

using namespace bp;

TEST_CASE("render::summary_json: inputs, findings at A1 cells, measures in their unit") {
    model::Pack pack;
    pack.tool_version = "9.9.9";
    pack.report_date = CivilDate{2013, 6, 12};
    pack.period = YearMonth{2013, 3};
    pack.inputs.push_back({"kent.xlsx", model::InputKind::kpi, model::InputStatus::warnings, 1});
    pack.issues.push_back({model::Severity::warning, "missing-commentary", "kent.xlsx", "Scorecard", CellPos{6, 8}, "say why"});
    pack.issues.push_back({model::Severity::error, "no-table", "notes.xlsx", "", std::nullopt, "none"});
    model::KpiMeasure m;
    m.ref = "RA02";
    m.title = "Rate of referrals per 10,000 children";
    m.unit = model::Unit::rate_per_10000;
    m.value = 470.2;
    m.trend.push_back({YearMonth{2013, 3}, 465.0});
    m.rag = model::Rating::red;
    m.awaiting_commentary = true;
    m.source = {"kent.xlsx", "Scorecard", 7, {{"value", CellPos{6, 6}}}};
    pack.measures.push_back(m);
    pack.counts.red = 1;

    auto j = render::summary_json(pack, {"scorecard.xlsx", "board-report.pdf"});
    CHECK(j["tool"]["version"] == "9.9.9");
    CHECK(j["report_date"] == "2013-06-12");
    CHECK(j["inputs"][0]["kind"] == "kpi");
    CHECK(j["inputs"][0]["status"] == "warnings");
    CHECK(j["issues"][0]["cell"] == "I7");
    CHECK(j["issues"][1]["cell"] == "");  // a whole-file finding has no cell
    CHECK(j["kpis"]["period"] == "Mar 13");
    const auto& jm = j["kpis"]["measures"][0];
    CHECK(jm["unit"] == "rate_per_10000");
    CHECK(jm["value"] == 470.2);
    CHECK(jm["trend"][0]["label"] == "Mar 13");
    CHECK(jm["rag"] == "red");
    CHECK(jm["awaiting_commentary"] == true);
    CHECK(jm["source"]["row"] == 7);
    CHECK(j["outputs"]["scorecard"] == "scorecard.xlsx");
}

TEST_CASE("render::summary_json: each input's checksum, size and file time; no time for an upload") {
    model::Pack pack;
    model::Input file{"kent.xlsx"}, upload{"upload.xlsx"}, missing{"gone.xlsx"};
    file.facts = {8797, std::string(64, 'e'), std::time_t{1764599400}};
    upload.facts = {120, std::string(64, 'a'), std::nullopt};
    pack.inputs = {file, upload, missing};
    auto j = render::summary_json(pack, {"scorecard.xlsx", "board-report.pdf"});
    CHECK(j["inputs"][0]["bytes"] == 8797);
    CHECK(j["inputs"][0]["sha256"] == std::string(64, 'e'));
    CHECK(j["inputs"][0]["modified"] == "2025-12-01T14:30:00Z");
    CHECK(j["inputs"][1]["sha256"] == std::string(64, 'a'));
    CHECK_FALSE(j["inputs"][1].contains("modified"));
    CHECK_FALSE(j["inputs"][2].contains("sha256"));  // never read: nothing to state
    CHECK_FALSE(j["inputs"][2].contains("bytes"));
}
