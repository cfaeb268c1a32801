#include "app/cli_help.hpp"

#include <charconv>
#include <cmath>
#include <map>
#include <string>

#include <fmt/format.h>

namespace bp::app {

namespace {

bool ends_with(const std::string& s, const char* tail) {
    std::string t(tail);
    return s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0;
}

// The value's kind in words, from the option's name: sizes in MiB, times in seconds, else a count.
std::string unit_name(const std::string& name, const std::string& type) {
    bool number = false;
    for (const char* t : {"INT", "UINT", "FLOAT", "NUMBER"}) number |= type.rfind(t, 0) == 0;
    if (!number) return type;  // TEXT, or a name the option chose (FILE)
    if (ends_with(name, "-mb")) return "MIB";
    if (ends_with(name, "-kb-s")) return "KB/S";
    if (ends_with(name, "-seconds") || ends_with(name, "-timeout")) return "SECONDS";
    if (ends_with(name, "-minutes")) return "MINUTES";
    if (name == "--port") return "PORT";
    return "N";
}

// "2e+06" -> "2000000", "1024" stays, "0.05" stays.
std::string plain_number(const std::string& text) {
    double v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc{} || end != text.data() + text.size()) return text;
    if (std::fabs(v) < 1e15 && v == std::floor(v)) return fmt::format("{}", static_cast<long long>(v));
    return fmt::format("{}", v);
}

const char* const k_exit_pack = "Exit status: 0 built, no errors in the data; 1 built, but errors were found (rows left out; with --strict, or for a public report with personal data not reviewed, nothing is written); 2 nothing built (a usage error, no readable workbook, no plan or KPI table, or a file in the way of the outputs).";

// Each command's exit codes and two examples.
const std::map<std::string, std::string>& footers() {
    static const std::map<std::string, std::string> f = {
        {"", "Exit status: that of the command run; 2 for a usage error.\n\n"
             "Examples:\n  boardpack build returns/ --out pack/ --as-of 2026-10-31\n"
             "  boardpack validate returns/plan-workforce.xlsx\n\n"
             "Each command has its own --help; the manual is man boardpack (and boardpack-build, ...)."},
        {"build", std::string(k_exit_pack) +
                      "\n\nExamples:\n  boardpack build returns/ --out pack/ --as-of 2026-10-31\n"
                      "  boardpack build plan.xlsx kpis.xlsx --out pack/ --template my-board.ini --strict"},
        {"validate", "Exit status: 0 no errors (warnings and notes may be listed); 1 errors were found; 2 nothing "
                     "readable, or a usage error.\n\nExamples:\n  boardpack validate returns/\n"
                     "  boardpack validate plan.xlsx --json --as-of 2026-10-31"},
        {"batch", "Exit status: the worst pack's, with the codes of build (0 every pack built with no errors, 1 built "
                  "with errors, 2 a pack could not be built or a usage error); 130 after Ctrl-C (0 under --watch).\n\n"
                  "Examples:\n  boardpack batch /shared/returns --out /shared/packs --jobs 2\n"
                  "  boardpack batch /shared/returns --out /shared/packs --watch"},
        {"serve", "Exit status: 0 after Ctrl-C or SIGTERM; 2 the server could not start (a bad option, the port "
                  "taken, no folder for uploads).\n\nExamples:\n  boardpack serve\n"
                  "  boardpack serve --host 0.0.0.0 --port 8080 --allow-host boardpack.council.example"},
        {"template", "Exit status: 0 written; 2 FILE exists (use --force) or cannot be written, or a usage error.\n\n"
                     "Examples:\n  boardpack template plan --out plan-template.xlsx\n"
                     "  boardpack template kpi --out kpi-template.xlsx --force"},
        {"dump", "Exit status: 0 written; 2 the workbook could not be read (the reason on stderr), or a usage error.\n\n"
                 "Examples:\n  boardpack dump plan.xlsx --json > plan-cells.json\n"
                 "  boardpack dump kpis.xlsx --sheet 'Highlight Indicators' --json"},
        {"history", "Exit status: 0 listed (an empty history lists nothing); 2 the file is not a boardpack history or "
                    "cannot be read.\n\nExamples:\n  boardpack history\n  boardpack history --history /shared/history.sqlite"},
    };
    return f;
}

void tidy(CLI::App& cmd, const std::string& name) {
    for (CLI::Option* opt : cmd.get_options()) {
        if (opt->get_positional() || opt->get_type_name().empty()) continue;  // flags take no value
        std::string long_name = opt->get_lnames().empty() ? std::string{} : "--" + opt->get_lnames().front();
        // The checks' own words ("POSITIVE", "INT in [0 - 65535]") are appended to the type: keep a range.
        for (int i = 0;; ++i) {
            CLI::Validator* check = nullptr;
            try {
                check = opt->get_validator(i);
            } catch (const CLI::OptionNotFound&) {
                break;
            }
            std::string words = check->get_description();
            auto range = words.find(" in [");
            check->description(range == std::string::npos ? std::string{} : words.substr(range + 1));
        }
        opt->type_name(unit_name(long_name, opt->get_type_name()));
        if (!opt->get_default_str().empty()) opt->default_str(plain_number(opt->get_default_str()));
    }
    auto it = footers().find(name);
    if (it != footers().end()) cmd.footer(it->second);
}

}  // namespace

void finish_help(CLI::App& app) {
    tidy(app, "");
    for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) tidy(*sub, sub->get_name());
}

}  // namespace bp::app
