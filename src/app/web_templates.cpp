#include "app/web_templates.hpp"

#include <fstream>
#include <iterator>

#include "util/clock.hpp"
#include "xlsx/packager.hpp"

namespace bp::app {

std::optional<render::TemplateKind> WebTemplates::kind_of(std::string_view name) {
    if (name == "plan.xlsx") return render::TemplateKind::plan;
    if (name == "kpi.xlsx") return render::TemplateKind::kpi;
    return std::nullopt;
}

std::string WebTemplates::download_name(render::TemplateKind kind) {
    return kind == render::TemplateKind::plan ? "improvement-plan-template.xlsx" : "kpi-template.xlsx";
}

Result<std::string> WebTemplates::bytes(render::TemplateKind kind, CivilDate today) {
    std::lock_guard lock(m_mutex);
    auto& made = m_made[kind == render::TemplateKind::plan ? 0 : 1];
    if (made && made->day == today) return made->bytes;
    // The xlsx writer writes files: one in the private folder, read back and removed.
    auto path = m_scratch / (".template-" + download_name(kind));
    BP_TRY(xlsx::write_workbook(render::team_template_workbook(kind, today, build_time()), path.string()));
    std::ifstream in(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    bool read = in.good() || in.eof();
    std::error_code ec;
    std::filesystem::remove(path, ec);
    if (!read || bytes.empty()) return make_error(Errc::io, "the blank template could not be read back", {path.string()});
    made = Made{today, bytes};
    return bytes;
}

}  // namespace bp::app
