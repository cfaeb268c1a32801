#include "app/template_command.hpp"

#include <fmt/format.h>

#include "util/clock.hpp"

#include <filesystem>

#include "render/team_template.hpp"
#include "util/atomic_file.hpp"

namespace bp::app {

void add_template_command(CLI::App& app, TemplateCommand& t) {
    t.cmd = app.add_subcommand("template", "Write a blank team submission workbook (plan or kpi) for teams to fill in");
    t.cmd->add_option("KIND", t.kind, "plan or kpi")->required()->check(CLI::IsMember({"plan", "kpi"}));
    t.cmd->add_option("--out", t.out, "The workbook to write, e.g. plan-template.xlsx")->required();
    t.cmd->add_flag("--force", t.force, "Replace FILE if it already exists");
}

int run_template(const TemplateCommand& t) {
    namespace fs = std::filesystem;
    fs::path out(t.out);
    // A team's own workbook may sit where the template is asked for: never overwrite it unasked.
    std::error_code ec;
    if (!t.force && fs::symlink_status(out, ec).type() != fs::file_type::not_found) {
        fmt::print(stderr, "boardpack: {} already exists, and boardpack will not replace it: choose another --out, or add "
                           "--force to replace it\n",
                   t.out);
        return 2;
    }
    std::string dir = out.has_parent_path() ? out.parent_path().string() : ".";
    OutputSet outputs(dir);
    auto kind = t.kind == "plan" ? render::TemplateKind::plan : render::TemplateKind::kpi;
    Status s = outputs.add(out.filename().string(), [&](const std::string& temp) { return render::write_team_template(kind, temp, build_time()); });
    if (s) s = outputs.commit();
    if (!s) {
        fmt::print(stderr, "boardpack: {}\n", to_string(s.error()));
        return 2;
    }
    fmt::print("Wrote the blank {} workbook for teams: {}\n", t.kind == "plan" ? "improvement plan" : "KPI",
               fs::absolute(out).lexically_normal().string());
    return 0;
}

}  // namespace bp::app
