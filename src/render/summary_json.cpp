#include "render/summary_json.hpp"


namespace bp::render {

using nlohmann::ordered_json;

namespace {
ordered_json optional_number(const std::optional<double>& v) { return v ? ordered_json(*v) : ordered_json(nullptr); }

ordered_json source_json(const model::Source& s) {
    return ordered_json{{"file", s.file}, {"sheet", s.sheet}, {"row", s.row}};
}
}  // namespace

ordered_json issues_json(const model::Issues& issues) {
    ordered_json out = ordered_json::array();
    for (const auto& is : issues)
        out.push_back(ordered_json{{"severity", model::severity_name(is.severity)},
                                   {"code", is.code},
                                   {"file", is.file},
                                   {"sheet", is.sheet},
                                   {"cell", is.a1()},
                                   {"message", is.message}});
    return out;
}

ordered_json inputs_json(const std::vector<model::Input>& inputs) {
    ordered_json out = ordered_json::array();
    for (const auto& in : inputs) {
        ordered_json tables = ordered_json::array();
        for (const auto& t : in.tables) {
            ordered_json columns = ordered_json::array();
            for (const auto& c : t.columns) {
                ordered_json col{{"cell", cell_ref(c.header)}, {"header", c.heading},
                                 {"field", c.field.empty() ? ordered_json(nullptr) : ordered_json(c.field)}};
                if (!c.under.empty()) col["under"] = c.under;
                if (!c.note.empty()) col["note"] = c.note;
                columns.push_back(std::move(col));
            }
            ordered_json table{{"sheet", t.sheet}, {"kind", t.kind}, {"header_rows", {t.header_top, t.header_bottom}},
                               {"fingerprint", t.fingerprint}};
            if (!t.mapping_file.empty()) table["mapping"] = t.mapping_file;
            table["columns"] = std::move(columns);
            tables.push_back(std::move(table));
        }
        ordered_json j{{"file", in.file}, {"kind", model::input_kind_name(in.kind)},
                       {"status", model::input_status_name(in.status)}, {"records", in.records},
                       {"tables", std::move(tables)}};
        if (!in.near_miss.empty()) {
            j["nearest_miss"] = in.near_miss;
            j["nearest_fingerprint"] = in.near_fingerprint;
        }
        out.push_back(std::move(j));
    }
    return out;
}

ordered_json summary_json(const model::Pack& r, const OutputNames& outputs) {
    ordered_json j;
    j["tool"] = {{"name", "boardpack"}, {"version", r.tool_version}};
    j["report_date"] = iso_date(r.report_date);
    j["inputs"] = inputs_json(r.inputs);
    j["issues"] = issues_json(r.issues);

    ordered_json sections = ordered_json::array();
    for (const auto& s : r.sections)
        sections.push_back({{"name", s.name}, {"total", s.total}, {"blue", s.blue}, {"green", s.green},
                            {"amber", s.amber}, {"red", s.red}, {"unrated", s.unrated}});
    ordered_json actions = ordered_json::array();
    for (const auto& a : r.actions)
        actions.push_back({{"ref", a.ref},
                           {"section", a.section},
                           {"action", a.action},
                           {"lead", a.lead},
                           {"due", a.due ? ordered_json(iso_date(*a.due)) : ordered_json(nullptr)},
                           {"status", model::status_name(a.status)},
                           {"progress", a.progress},
                           {"overdue", a.overdue},
                           {"awaiting_commentary", a.awaiting_commentary},
                           {"source", source_json(a.source)}});
    j["plan"] = {{"sections", sections}, {"actions", actions}};

    ordered_json measures = ordered_json::array();
    for (const auto& m : r.measures) {
        ordered_json trend = ordered_json::array();
        for (const auto& p : m.trend) trend.push_back({{"label", p.label()}, {"value", optional_number(p.value)}});
        measures.push_back({{"ref", m.ref},
                            {"group", m.group},
                            {"title", m.title},
                            {"value", optional_number(m.value)},
                            {"unit", model::unit_name(m.unit)},
                            {"numerator", optional_number(m.numerator)},
                            {"denominator", optional_number(m.denominator)},
                            {"period_type", m.period_type},
                            {"previous", optional_number(m.previous)},
                            {"trend", trend},
                            {"target_min", optional_number(m.target_min)},
                            {"target_upper", optional_number(m.target_upper)},
                            {"polarity", model::polarity_name(m.polarity)},
                            {"rag", model::rating_name(m.rag)},
                            {"awaiting_commentary", m.awaiting_commentary},
                            {"source", source_json(m.source)}});
    }
    const auto& c = r.counts;
    j["kpis"] = {{"period", r.period_label()},
                 {"counts", {{"green", c.green}, {"amber", c.amber}, {"red", c.red}, {"none", c.none}}},
                 {"measures", measures}};
    ordered_json outs = ordered_json::object();
    if (!outputs.scorecard.empty()) outs["scorecard"] = outputs.scorecard;
    if (!outputs.report.empty()) outs["report"] = outputs.report;
    j["outputs"] = outs;
    return j;
}

}  // namespace bp::render
