// The product layer of return-to-sender: which inputs come back, under what
// name, and what their notes and Checks sheet say (the package editing is
// tested with the engine, tests/xlsx_edit; the files in tests/returns).
#include <doctest/doctest.h>

#include "render/returns.hpp"

using namespace bp;

TEST_CASE("render::inputs_to_return") {
    model::Pack pack;
    pack.inputs.push_back({"in/clean.xlsx", model::InputKind::plan, model::InputStatus::ok, 3});
    pack.inputs.push_back({"in/plan.xlsx", model::InputKind::plan, model::InputStatus::warnings, 3});
    pack.inputs.push_back({"in/broken.xlsx", model::InputKind::unrecognised, model::InputStatus::unreadable, 0});
    pack.issues.push_back({model::Severity::warning, "missing-lead", "in/plan.xlsx", "Plan", CellPos{6, 3}, "name the lead"});
    pack.issues.push_back({model::Severity::error, "unreadable-file", "in/broken.xlsx", "", std::nullopt, "save it as .xlsx"});
    CHECK(render::inputs_to_return(pack) == std::vector<std::string>{"in/plan.xlsx"});
}

TEST_CASE("render::checked_copy_name") {
    CHECK(render::checked_copy_name("a/plan-workforce.xlsx", {}) == "returns/plan-workforce - checked.xlsx");
    CHECK(render::checked_copy_name("a/Book.XLSM", {}) == "returns/Book - checked.xlsm");  // macros stay loadable
    std::vector<std::string> taken{"returns/plan - checked.xlsx"};
    CHECK(render::checked_copy_name("b/plan.xlsx", taken) == "returns/plan - checked (2).xlsx");
}

TEST_CASE("render::return_annotations") {
    model::Pack pack;
    pack.issues.push_back({model::Severity::error, "bad-date", "p.xlsx", "Team's plan", CellPos{10, 4}, "enter a date"});
    pack.issues.push_back({model::Severity::warning, "overdue", "other.xlsx", "Plan", CellPos{1, 1}, "not this one"});
    pack.issues.push_back({model::Severity::warning, "missing-column", "p.xlsx", "Team's plan", std::nullopt, "add a Lead column"});
    pack.issues.push_back({model::Severity::info, "period-mismatch", "p.xlsx", "", std::nullopt, "same month"});
    auto a = render::return_annotations(pack, "p.xlsx");
    REQUIRE(a.notes.size() == 1);  // only a finding at a cell is noted on the cell
    CHECK(a.notes[0].sheet == "Team's plan");
    CHECK(a.notes[0].cell == CellPos{10, 4});
    CHECK(a.notes[0].text == "ERROR (bad-date): enter a date");
    REQUIRE(a.first_sheet);
    CHECK(a.first_sheet->name == "Checks");
    REQUIRE(a.first_sheet->rows.size() == 3);  // every finding of this workbook, in the pack's order
    CHECK(a.first_sheet->rows[0].cells == std::vector<std::string>{"error", "bad-date", "Team's plan!E11", "enter a date"});
    CHECK(a.first_sheet->rows[0].link->cell == CellPos{10, 4});
    CHECK(a.first_sheet->rows[1].cells[2] == "Team's plan");
    CHECK(a.first_sheet->rows[1].link->sheet == "Team's plan");
    CHECK(!a.first_sheet->rows[1].link->cell);
    CHECK(a.first_sheet->rows[2].cells[2] == "(the workbook)");
    CHECK(!a.first_sheet->rows[2].link);
}
