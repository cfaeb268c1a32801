// The blank team workbooks the web page offers (GET /templates/plan.xlsx and
// /templates/kpi.xlsx): the same workbooks `boardpack template` writes, made
// once a day (their example rows are dated from today, so never overdue) and
// then served from memory.
#pragma once

#include <filesystem>
#include <mutex>
#include <optional>
#include <string>

#include "render/team_template.hpp"
#include "util/result.hpp"

namespace bp::app {

class WebTemplates {
public:
    // Workbooks are written under `scratch` (the server's private folder) and read back.
    explicit WebTemplates(std::filesystem::path scratch) : m_scratch(std::move(scratch)) {}

    // The template's bytes for `today`; an error when it could not be written.
    Result<std::string> bytes(render::TemplateKind kind, CivilDate today);

    // "plan.xlsx" -> plan, "kpi.xlsx" -> kpi: the only names served.
    static std::optional<render::TemplateKind> kind_of(std::string_view name);
    // The name the browser saves it under.
    static std::string download_name(render::TemplateKind kind);

private:
    struct Made {
        CivilDate day;
        std::string bytes;
    };
    std::filesystem::path m_scratch;
    std::mutex m_mutex;
    std::optional<Made> m_made[2];
};

}  // namespace bp::app
