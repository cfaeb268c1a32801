// Writes every workbook the XLSX writer produces, for the checks in
// check_xlsx.py: scorecard.xlsx built from samples/ (as of 2026-11-21, with
// its summary.json to compare against), both blank team templates, and a
// canary workbook for the recalculation check.
//   xlsx_write_outputs REPO_DIR OUT_DIR
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "util/clock.hpp"
#include "render/summary_json.hpp"
#include "xlsx/packager.hpp"
#include "render/scorecard.hpp"
#include "render/team_template.hpp"
#include "support.hpp"

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: xlsx_write_outputs REPO_DIR OUT_DIR\n");
        return 2;
    }
    namespace x = bp::render;
namespace xw = bp::xlsx;
    std::filesystem::path out = argv[2];
    std::filesystem::create_directories(out);
    auto result = bp::test::sample_pack(argv[1]);
    auto check = [](const bp::Status& s, const char* what) {
        if (!s) {
            std::fprintf(stderr, "%s: %s\n", what, bp::to_string(s.error()).c_str());
            std::exit(1);
        }
    };
    check(x::write_scorecard(result, (out / "scorecard.xlsx").string()), "scorecard");
    check(x::write_team_template(x::TemplateKind::plan, (out / "template-plan.xlsx").string(), bp::build_time()), "plan template");
    check(x::write_team_template(x::TemplateKind::kpi, (out / "template-kpi.xlsx").string(), bp::build_time()), "kpi template");
    // A cached value that is wrong on purpose: check_xlsx.py proves LibreOffice recalculates with it.
    xw::Workbook canary;
    canary.sheets.push_back(xw::Worksheet{});
    canary.sheets[0].name = "Canary";
    canary.sheets[0].formula_number(0, 0, "1+1", 3);
    check(xw::write_workbook(canary, (out / "canary.xlsx").string()), "canary");
    std::ofstream((out / "summary.json").string()) << bp::render::summary_json(result, {"scorecard.xlsx", ""}).dump(2);
    return 0;
}
