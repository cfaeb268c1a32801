#include "app/console_report.hpp"

#include <cstdlib>

#include <fmt/format.h>

#include "render/narrative.hpp"

namespace bp::app {

void print_inputs(std::FILE* out, const model::Pack& r) {
    fmt::print(out, "Read {} workbook{}:\n", r.inputs.size(), r.inputs.size() == 1 ? "" : "s");
    for (const auto& in : r.inputs)
        fmt::print(out, "  {:<12} {:<13} {:>4} records  {}\n", model::input_status_name(in.status), model::input_kind_name(in.kind), in.records, in.file);
}

void print_pack(std::FILE* out, const model::Pack& pack) {
    if (!pack.sections.empty()) {
        fmt::print(out, "\nImprovement plan: RAG ratings for actions in each section\n");
        std::size_t w = 14;
        for (const auto& s : pack.sections) w = std::max(w, s.name.size());
        fmt::print(out, "  {:<{}}  {:>5}  {:>4}  {:>5}  {:>5}  {:>3}\n", "Section of plan", w, "Total", "Blue", "Green", "Amber", "Red");
        for (const auto& s : pack.sections)
            fmt::print(out, "  {:<{}}  {:>5}  {:>4}  {:>5}  {:>5}  {:>3}{}\n", s.name, w, s.total, s.blue, s.green, s.amber,
                       s.red, s.unrated ? fmt::format("  ({} unrated)", s.unrated) : "");
        const auto& t = pack.plan_total;
        fmt::print(out, "  {:<{}}  {:>5}  {:>4}  {:>5}  {:>5}  {:>3}\n", "Total", w, t.total, t.blue, t.green, t.amber, t.red);
    }
    if (!pack.measures.empty()) {
        const auto& c = pack.counts;
        fmt::print(out, "\nKPIs{}: {} measures; of {} with targets, {} green, {} amber, {} red; {} without targets\n",
                   pack.period ? " (" + pack.period_label() + ")" : "", pack.measures.size(), c.rated(), c.green, c.amber,
                   c.red, c.none);
    }
    if (pack.since.compared) {
        fmt::print(out, "\nSince the last board:\n");
        for (const auto& sentence : render::since_last_sentences(pack)) fmt::print(out, "  {}\n", sentence);
    }
}

void print_tables(std::FILE* out, const model::Pack& r) {
    for (const auto& in : r.inputs) {
        if (in.tables.empty()) {
            fmt::print(out, "\n{}: no table{}\n", in.file, in.near_miss.empty() ? "" : " (nearest: " + in.near_miss + ")");
            continue;
        }
        for (const auto& t : in.tables) {
            std::string rows = t.header_top == t.header_bottom ? fmt::format("row {}", t.header_top)
                                                               : fmt::format("rows {}-{}", t.header_top, t.header_bottom);
            fmt::print(out, "\n{}: sheet '{}', {} table, headings in {} (fingerprint {}){}\n", in.file, t.sheet,
                       t.kind == "plan" ? "improvement plan" : "KPI", rows, t.fingerprint,
                       t.mapping_file.empty() ? "" : ", read with the column mapping " + t.mapping_file);
            std::size_t w = 8;
            for (const auto& c : t.columns) w = std::max(w, std::min<std::size_t>(c.heading.size(), 40));
            fmt::print(out, "  {:<6} {:<{}}  {}\n", "cell", "heading", w, "field");
            for (const auto& c : t.columns) {
                std::string heading = c.heading.size() > 40 ? c.heading.substr(0, 39) + "…" : c.heading;
                std::string field = c.field.empty() ? "-" : c.field;
                fmt::print(out, "  {:<6} {:<{}}  {}{}\n", cell_ref(c.header), heading, w, field,
                           c.note.empty() ? "" : "  (" + c.note + ")");
            }
        }
    }
    fmt::print(out, "\nTo correct a reading, write a column mapping (see docs/column-mappings.md).\n");
}

void print_issues(std::FILE* out, const model::Pack& r, bool all) {
    fmt::print(out, "\nFindings: {} error{}, {} warning{}, {} info\n", r.errors, r.errors == 1 ? "" : "s", r.warnings,
               r.warnings == 1 ? "" : "s", r.infos);
    for (const auto& is : r.issues) {
        if (!all && is.severity == model::Severity::info) continue;
        std::string where = is.file;
        if (!is.sheet.empty()) where += ": " + is.sheet + (is.cell ? "!" + is.a1() : "");
        fmt::print(out, "  {:<7} {:<28} {}: {}\n", model::severity_name(is.severity), is.code, where, is.message);
        if (!is.hint.empty()) fmt::print(out, "  {:<7} {:<28} (for the officer: {})\n", "", "", is.hint);
    }
    if (!all && r.infos > 0) fmt::print(out, "  (and {} info notes: see summary.json or `boardpack validate`)\n", r.infos);
}

std::optional<std::string> printed(const std::function<void(std::FILE*)>& print) {
    char* bytes = nullptr;
    std::size_t size = 0;
    std::FILE* text = open_memstream(&bytes, &size);
    if (!text) return std::nullopt;
    print(text);
    std::fclose(text);
    std::string out(bytes, size);
    std::free(bytes);
    return out;
}

}  // namespace bp::app
