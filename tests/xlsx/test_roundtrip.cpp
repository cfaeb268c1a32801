// What the writer produces, read back by boardpack itself: the reader sees
// every value, formula and cached result where the scorecard put it, and the
// pipeline reads the scorecard and both templates as clean submissions.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <unistd.h>

#include "util/clock.hpp"
#include "check/consolidate.hpp"
#include "read/workbook.hpp"
#include "render/house_style.hpp"
#include "xlsx/packager.hpp"
#include "render/scorecard.hpp"
#include "render/team_template.hpp"
#include "support.hpp"

using namespace bp;
namespace fs = std::filesystem;
namespace x = bp::render;
namespace xw = bp::xlsx;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / ("bp-xlsx-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    std::string file(const char* name) const { return (path / name).string(); }
    static int& counter() {
        static int n = 0;
        return n;
    }
};

const model::Pack& samples() {
    static const model::Pack r = test::sample_pack(BP_REPO_DIR);
    return r;
}

// A sheet read whole, addressed by A1.
struct ReadSheet {
    read::Sheet sheet;
    const read::Cell* at(const std::string& a1) const { return sheet.find(*parse_cell_ref(a1)); }
    std::string text(const std::string& a1) const {
        const auto* c = at(a1);
        return c ? c->text : std::string{};
    }
    // The first row whose column-A text is `key` (0-based), or -1.
    long row_of(const std::string& key) const {
        for (const auto& c : sheet.cells)
            if (c.pos.col == 0 && c.type == read::CellType::string && c.text == key) return static_cast<long>(c.pos.row);
        return -1;
    }
};

ReadSheet read_sheet(read::Workbook& wb, const char* name) {
    auto index = wb.find_sheet(name);
    REQUIRE(index);
    auto sheet = wb.read_sheet(*index);
    REQUIRE(sheet.ok());
    return ReadSheet{std::move(sheet).value()};
}

std::string a1(long row, std::uint32_t col) { return cell_ref(static_cast<std::uint32_t>(row), col); }

}  // namespace

TEST_CASE("roundtrip: the reader sees the scorecard's values, formulas and cached results") {
    const auto& result = samples();
    REQUIRE(result.actions.size() == 62);
    REQUIRE(result.measures.size() == 17);
    TempDir dir;
    std::string path = dir.file("scorecard.xlsx");
    REQUIRE(x::write_scorecard(result, path).ok());

    auto opened = read::Workbook::open(path);
    REQUIRE(opened.ok());
    auto& wb = opened.value();
    REQUIRE(wb.sheets().size() == 4);
    CHECK(wb.sheets()[0].name == "Summary");
    CHECK(wb.sheets()[3].name == "Issues");

    SUBCASE("Summary: section counts are formulas with the pack's counts cached") {
        auto s = read_sheet(wb, "Summary");
        CHECK(s.text("A1") == "Board pack scorecard");
        long header = s.row_of("Section of plan");
        REQUIRE(header >= 0);
        for (std::size_t i = 0; i < result.sections.size(); ++i) {
            const auto& sec = result.sections[i];
            long r = header + 1 + static_cast<long>(i);
            CHECK(s.text(a1(r, 0)) == sec.name);
            const auto* total = s.at(a1(r, 1));
            REQUIRE(total);
            CHECK(total->formula.rfind("COUNTA('Plan'!", 0) == 0);
            CHECK(total->number == sec.total);
            CHECK(s.at(a1(r, 4))->number == sec.amber);
            CHECK(s.at(a1(r, 4))->formula.find("\"Amber\"") != std::string::npos);
        }
        long sentence = s.row_of("Of 14 indicators with targets, 3 are green, 6 amber and 5 red.");
        CHECK(sentence > header);
        CHECK_FALSE(s.at(a1(sentence, 0))->formula.empty());
    }
    SUBCASE("Plan: every action with its date, status and source") {
        auto s = read_sheet(wb, "Plan");
        for (const auto& a : result.actions) {
            long r = s.row_of(a.ref);
            REQUIRE_MESSAGE(r >= 0, a.ref);
            CHECK(s.text(a1(r, 1)) == a.action);
            CHECK(s.text(a1(r, 4)) == x::status_word(a.status));
            const auto* due = s.at(a1(r, 3));
            REQUIRE(due);
            if (a.due) {
                CHECK(due->type == read::CellType::date);
                CHECK(due->number == serial_from_date(*a.due, false));
            } else {
                CHECK(due->type == read::CellType::empty);
            }
        }
        CHECK(s.row_of("Quality of Practice") >= 0);  // a group row
    }
    SUBCASE("Scorecard: values, RAG formulas and their cached ratings") {
        auto s = read_sheet(wb, "Scorecard");
        CHECK(s.sheet.meta.merged.size() == 7);  // the header cells, as seed 003 merges them
        for (const auto& m : result.measures) {
            long r = s.row_of(m.ref);
            REQUIRE_MESSAGE(r >= 0, m.ref);
            const auto* value = s.at(a1(r, 5));
            REQUIRE(value);
            CHECK(value->number == doctest::Approx(*m.value));
            const auto* rag = s.at(a1(r, 16));
            REQUIRE(rag);
            CHECK(rag->formula.rfind("IF(OR(NOT(ISNUMBER(F", 0) == 0);
            CHECK_MESSAGE(rag->text == x::rating_word(m.rag), m.ref);
        }
    }
    SUBCASE("Issues: every finding") {
        auto s = read_sheet(wb, "Issues");
        long header = s.row_of("Severity");
        REQUIRE(header >= 0);
        for (std::size_t i = 0; i < result.issues.size(); ++i) {
            const auto& is = result.issues[i];
            long r = header + 1 + static_cast<long>(i);
            CHECK(s.text(a1(r, 0)) == model::severity_name(is.severity));
            CHECK(s.text(a1(r, 4)) == is.code);
            CHECK(s.text(a1(r, 5)) == is.message);
        }
    }
}

TEST_CASE("roundtrip: boardpack reads its own scorecard back as the same pack") {
    const auto& original = samples();
    TempDir dir;
    std::string path = dir.file("scorecard.xlsx");
    REQUIRE(x::write_scorecard(original, path).ok());
    pipeline::Options opts;
    opts.as_of = CivilDate{2026, 11, 21};
    auto again = pipeline::run({path}, opts);
    CHECK(again.errors == 0);
    CHECK(again.actions.size() == original.actions.size());
    CHECK(again.measures.size() == original.measures.size());
    REQUIRE(again.sections.size() == original.sections.size());
    for (std::size_t i = 0; i < again.sections.size(); ++i) {
        CHECK(again.sections[i].name == original.sections[i].name);
        CHECK(again.sections[i].total == original.sections[i].total);
        CHECK(again.sections[i].red == original.sections[i].red);
    }
    CHECK(again.counts.green == 3);
    CHECK(again.counts.amber == 6);
    CHECK(again.counts.red == 5);
    CHECK(again.counts.none == 3);
    // The same plan warnings (overdue, no lead, no due date); no formula without a cached value.
    std::map<std::string, int> codes;
    for (const auto& is : again.issues) ++codes[is.code];
    CHECK(codes["overdue"] == 6);
    CHECK(codes["formula-no-value"] == 0);
    CHECK(codes["rag-mismatch"] == 0);
}

TEST_CASE("roundtrip: the team templates read back with no findings") {
    TempDir dir;
    for (auto kind : {x::TemplateKind::plan, x::TemplateKind::kpi}) {
        const char* name = kind == x::TemplateKind::plan ? "plan.xlsx" : "kpi.xlsx";
        SUBCASE(name) {
            std::string path = dir.file(name);
            REQUIRE(x::write_team_template(kind, path, bp::build_time()).ok());
            pipeline::Options opts;
            opts.as_of = local_date(build_time());
            auto r = pipeline::run({path}, opts);
            for (const auto& is : r.issues) MESSAGE(is.code << " " << is.sheet << "!" << is.cell << ": " << is.message);
            CHECK(r.issues.empty());
            REQUIRE(r.inputs.size() == 1);
            CHECK(r.inputs[0].kind == (kind == x::TemplateKind::plan ? model::InputKind::plan : model::InputKind::kpi));
            CHECK(r.inputs[0].records == 2);
            if (kind == x::TemplateKind::plan) {
                REQUIRE(r.actions.size() == 2);
                CHECK(r.actions[0].section == "Quality of Practice");
                CHECK(r.actions[1].status == model::PlanStatus::amber);
            } else {
                REQUIRE(r.measures.size() == 2);
                CHECK(r.measures[0].rag == model::Rating::amber);
                CHECK(r.measures[0].unit == model::Unit::percent);
                CHECK(r.measures[0].trend.size() == 6);
                CHECK(r.measures[1].rag == model::Rating::none);
            }
        }
    }
}

TEST_CASE("roundtrip: templates dated any month stay clean (examples never overdue)") {
    TempDir dir;
    for (CivilDate today : {CivilDate{2027, 1, 31}, CivilDate{2027, 12, 15}, CivilDate{2030, 3, 1}}) {
        for (auto kind : {x::TemplateKind::plan, x::TemplateKind::kpi}) {
            std::string path = dir.file("t.xlsx");
            REQUIRE(xw::write_workbook(x::team_template_workbook(kind, today, 0), path).ok());
            pipeline::Options opts;
            opts.as_of = today;
            auto r = pipeline::run({path}, opts);
            CHECK_MESSAGE(r.issues.empty(), iso_date(today));
            CHECK(r.inputs[0].records == 2);
        }
    }
}

TEST_CASE("roundtrip: an empty pack still makes a valid scorecard") {
    TempDir dir;
    model::Pack empty;
    std::string path = dir.file("empty.xlsx");
    REQUIRE(x::write_scorecard(empty, path).ok());
    auto opened = read::Workbook::open(path);
    REQUIRE(opened.ok());
    CHECK(opened->sheets().size() == 4);
}
