// `boardpack template plan|kpi --out FILE.xlsx`: a blank team submission workbook.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace bp::app {

struct TemplateCommand {
    CLI::App* cmd = nullptr;
    std::string kind;  // plan | kpi
    std::string out;
    bool force = false;  // replace an existing file
};

void add_template_command(CLI::App& app, TemplateCommand& t);
int run_template(const TemplateCommand& t);

}  // namespace bp::app
