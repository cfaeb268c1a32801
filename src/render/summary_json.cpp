#include "render/summary_json.hpp"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <new>

#include <fmt/format.h>

#include "model/changes.hpp"
#include "render/narrative.hpp"
#include "util/clock.hpp"

namespace bp::render {

namespace {

void optional_number(JsonWriter& j, const std::optional<double>& v) {
    if (v)
        j.number(*v);
    else
        j.null();
}

// Every member name summary.json writes is an ASCII identifier: written as it is (plain_key), not
// checked byte by byte for what would need escaping (some 600,000 for the 200 bench workbooks).
void text_field(JsonWriter& j, std::string_view name, std::string_view value) {
    j.plain_key(name);
    j.string(value);
}

void integer_field(JsonWriter& j, std::string_view name, std::int64_t value) {
    j.plain_key(name);
    j.integer(value);
}

void bool_field(JsonWriter& j, std::string_view name, bool value) {
    j.plain_key(name);
    j.boolean(value);
}

void number_field(JsonWriter& j, std::string_view name, const std::optional<double>& value) {
    j.plain_key(name);
    optional_number(j, value);
}

void write_source(JsonWriter& j, const model::Source& s) {
    j.plain_key("source");
    j.begin_object();
    text_field(j, "file", s.file);
    text_field(j, "sheet", s.sheet);
    integer_field(j, "row", s.row);
    j.end_object();
}

void write_columns(JsonWriter& j, const std::vector<model::ColumnMapping>& columns) {
    j.begin_array();
    for (const auto& c : columns) {
        j.begin_object();
        text_field(j, "cell", cell_ref(c.header));
        text_field(j, "header", c.heading);
        j.plain_key("field");
        if (c.field.empty())
            j.null();
        else
            j.string(c.field);
        if (!c.under.empty()) text_field(j, "under", c.under);
        if (!c.note.empty()) text_field(j, "note", c.note);
        j.end_object();
    }
    j.end_array();
}

void optional_date_field(JsonWriter& j, std::string_view name, const std::optional<CivilDate>& d) {
    j.plain_key(name);
    if (d)
        j.string(iso_date(*d));
    else
        j.null();
}

void write_plan(JsonWriter& j, const model::Pack& r) {
    j.begin_object();
    j.plain_key("sections");
    j.begin_array();
    for (const auto& s : r.sections) {
        j.begin_object();
        text_field(j, "name", s.name);
        integer_field(j, "total", s.total);
        integer_field(j, "blue", s.blue);
        integer_field(j, "green", s.green);
        integer_field(j, "amber", s.amber);
        integer_field(j, "red", s.red);
        integer_field(j, "unrated", s.unrated);
        j.end_object();
    }
    j.end_array();
    j.plain_key("actions");
    j.begin_array();
    for (const auto& a : r.actions) {
        j.begin_object();
        text_field(j, "ref", a.ref);
        text_field(j, "section", a.section);
        text_field(j, "action", a.action);
        text_field(j, "lead", a.lead);
        optional_date_field(j, "due", a.due);
        text_field(j, "status", model::status_name(a.status));
        text_field(j, "progress", a.progress);
        bool_field(j, "overdue", a.overdue);
        bool_field(j, "awaiting_commentary", a.awaiting_commentary);
        write_source(j, a.source);
        j.end_object();
    }
    j.end_array();
    j.end_object();
}

void write_measure(JsonWriter& j, const model::KpiMeasure& m) {
    j.begin_object();
    text_field(j, "ref", m.ref);
    text_field(j, "group", m.group);
    text_field(j, "title", m.title);
    const auto& hide = m.suppressed;  // a public pack: hidden numbers are null, and listed
    auto shown = [](const std::optional<double>& v, bool hidden) { return hidden ? std::nullopt : v; };
    number_field(j, "value", shown(m.value, hide.value));
    text_field(j, "unit", model::unit_name(m.unit));
    number_field(j, "numerator", shown(m.numerator, hide.numerator));
    number_field(j, "denominator", shown(m.denominator, hide.denominator));
    text_field(j, "period_type", m.period_type);
    number_field(j, "previous", shown(m.previous, hide.previous));
    j.plain_key("trend");
    j.begin_array();
    for (std::size_t i = 0; i < m.trend.size(); ++i) {
        const auto& p = m.trend[i];
        j.begin_object();
        text_field(j, "label", p.label());
        number_field(j, "value", shown(p.value, hide.trend_point(i)));
        j.end_object();
    }
    j.end_array();
    number_field(j, "target_min", m.target_min);
    number_field(j, "target_upper", m.target_upper);
    text_field(j, "polarity", model::polarity_name(m.polarity));
    text_field(j, "rag", model::rating_name(m.rag));
    bool_field(j, "awaiting_commentary", m.awaiting_commentary);
    if (hide.any()) {
        j.plain_key("suppressed");
        j.begin_array();
        for (auto [name, hidden] : {std::pair{"value", hide.value}, std::pair{"numerator", hide.numerator},
                                    std::pair{"denominator", hide.denominator}, std::pair{"previous", hide.previous},
                                    std::pair{"last_value", hide.last_value}})
            if (hidden) j.string(name);
        for (std::size_t i = 0; i < m.trend.size(); ++i)
            if (hide.trend_point(i)) j.string("trend " + m.trend[i].label());
        j.end_array();
    }
    write_source(j, m.source);
    j.end_object();
}

void write_kpis(JsonWriter& j, const model::Pack& r) {
    j.begin_object();
    text_field(j, "period", r.period_label());
    j.plain_key("counts");
    j.begin_object();
    integer_field(j, "green", r.counts.green);
    integer_field(j, "amber", r.counts.amber);
    integer_field(j, "red", r.counts.red);
    integer_field(j, "none", r.counts.none);
    j.end_object();
    j.plain_key("measures");
    j.begin_array();
    for (const auto& m : r.measures) write_measure(j, m);
    j.end_array();
    j.end_object();
}


std::string year_month(YearMonth ym) { return fmt::format("{:04}-{:02}", ym.year, ym.month); }

// What moved since the last board: each action's and measure's movement, the
// records no longer there, the counts and the report's sentences.
void write_changes(JsonWriter& j, const model::Pack& r) {
    j.begin_object();
    bool_field(j, "compared", r.since.compared);
    if (r.since.compared) {
        j.plain_key("previous");
        j.begin_object();
        text_field(j, "origin", r.since.origin);
        text_field(j, "period", year_month(r.since.period));
        text_field(j, "report_date", iso_date(r.since.report_date));
        j.end_object();
        j.plain_key("actions");
        j.begin_array();
        for (const auto& a : r.actions) {
            j.begin_object();
            text_field(j, "ref", a.ref);
            text_field(j, "status", model::status_name(a.status));
            j.plain_key("last_status");
            if (a.last_status) j.string(model::status_name(*a.last_status));
            else j.null();
            text_field(j, "movement", a.new_since_last ? "new" : model::direction_name(model::status_movement(a)));
            optional_date_field(j, "last_due", a.last_due);
            optional_date_field(j, "due", a.due);
            j.plain_key("slipped_days");  // null where either due date is unknown: no slip can be told
            if (a.last_due && a.due) j.integer(model::slipped_days(a));
            else j.null();
            j.end_object();
        }
        j.end_array();
        j.plain_key("measures");
        j.begin_array();
        for (const auto& m : r.measures) {
            j.begin_object();
            text_field(j, "ref", m.ref);
            text_field(j, "rag", model::rating_name(m.rag));
            j.plain_key("last_rag");
            if (m.last_rag) j.string(model::rating_name(*m.last_rag));
            else j.null();
            number_field(j, "value", m.suppressed.value ? std::nullopt : m.value);
            number_field(j, "last_value", m.suppressed.last_value ? std::nullopt : m.last_value);
            text_field(j, "direction", m.new_since_last ? "new" : model::direction_name(m.direction));
            j.end_object();
        }
        j.end_array();
        j.plain_key("removed_actions");
        j.begin_array();
        for (const auto& a : r.since.removed_actions) {
            j.begin_object();
            text_field(j, "ref", a.ref);
            text_field(j, "section", a.section);
            text_field(j, "action", a.action);
            text_field(j, "status", model::status_name(a.status));
            j.end_object();
        }
        j.end_array();
        j.plain_key("removed_measures");
        j.begin_array();
        for (const auto& m : r.since.removed_measures) {
            j.begin_object();
            text_field(j, "ref", m.ref);
            text_field(j, "title", m.title);
            text_field(j, "rag", model::rating_name(m.rating));
            j.end_object();
        }
        j.end_array();
        auto c = model::count_changes(r);
        j.plain_key("counts");
        j.begin_object();
        integer_field(j, "actions_better", c.actions_better);
        integer_field(j, "actions_worse", c.actions_worse);
        integer_field(j, "actions_completed", c.actions_completed);
        integer_field(j, "due_dates_slipped", c.due_slipped);
        integer_field(j, "due_dates_slipped_over_a_month", c.due_slipped_over_month);
        integer_field(j, "actions_new", c.actions_new);
        integer_field(j, "actions_removed", c.actions_removed);
        integer_field(j, "measures_better", c.measures_better);
        integer_field(j, "measures_worse", c.measures_worse);
        integer_field(j, "measures_same", c.measures_same);
        integer_field(j, "measures_new", c.measures_new);
        integer_field(j, "measures_removed", c.measures_removed);
        j.plain_key("measures_now_red");
        j.begin_array();
        for (const auto& ref : c.measures_now_red) j.string(ref);
        j.end_array();
        j.end_object();
    }
    j.plain_key("sentences");
    j.begin_array();
    for (const auto& s : since_last_sentences(r)) j.string(s);
    j.end_array();
    j.end_object();
}

}  // namespace

void write_issues(JsonWriter& j, const model::Issues& issues) {
    j.begin_array();
    for (const auto& is : issues) {
        j.begin_object();
        text_field(j, "severity", model::severity_name(is.severity));
        text_field(j, "code", is.code);
        text_field(j, "file", is.file);
        text_field(j, "sheet", is.sheet);
        text_field(j, "cell", is.a1());
        text_field(j, "message", is.message);
        text_field(j, "hint", is.hint);  // for the officer; empty when the message says it all
        j.end_object();
    }
    j.end_array();
}

void write_inputs(JsonWriter& j, const std::vector<model::Input>& inputs) {
    j.begin_array();
    for (const auto& in : inputs) {
        j.begin_object();
        text_field(j, "file", in.file);
        text_field(j, "kind", model::input_kind_name(in.kind));
        text_field(j, "status", model::input_status_name(in.status));
        integer_field(j, "records", in.records);
        if (!in.facts.sha256.empty()) {  // a file that could not be read at all has none
            integer_field(j, "bytes", static_cast<std::int64_t>(in.facts.bytes));
            text_field(j, "sha256", in.facts.sha256);
        }
        if (in.facts.modified) text_field(j, "modified", iso_utc(*in.facts.modified));
        j.plain_key("tables");
        j.begin_array();
        for (const auto& t : in.tables) {
            j.begin_object();
            text_field(j, "sheet", t.sheet);
            text_field(j, "kind", t.kind);
            j.plain_key("header_rows");
            j.begin_array();
            j.integer(t.header_top);
            j.integer(t.header_bottom);
            j.end_array();
            text_field(j, "fingerprint", t.fingerprint);
            if (!t.mapping_file.empty()) text_field(j, "mapping", t.mapping_file);
            j.plain_key("columns");
            write_columns(j, t.columns);
            j.end_object();
        }
        j.end_array();
        if (!in.near_miss.empty()) {
            text_field(j, "nearest_miss", in.near_miss);
            text_field(j, "nearest_fingerprint", in.near_fingerprint);
        }
        j.end_object();
    }
    j.end_array();
}

void write_summary_json(JsonWriter& j, const model::Pack& r, const OutputNames& outputs) {
    j.begin_object();
    j.plain_key("tool");
    j.begin_object();
    text_field(j, "name", "boardpack");
    text_field(j, "version", r.tool_version);
    j.end_object();
    text_field(j, "report_date", iso_date(r.report_date));
    text_field(j, "period", year_month(model::pack_period(r)));  // the month the history keeps the pack under
    j.plain_key("inputs");
    write_inputs(j, r.inputs);
    j.plain_key("issues");
    write_issues(j, r.issues);
    j.plain_key("plan");
    write_plan(j, r);
    j.plain_key("kpis");
    write_kpis(j, r);
    if (r.returns.active()) {
        j.plain_key("returns");
        write_returns_tracker(j, r.returns);
    }
    j.plain_key("changes");
    write_changes(j, r);
    if (r.suppression_threshold > 0) {  // a public pack: which numbers were hidden is on each measure
        j.plain_key("suppression");
        j.begin_object();
        integer_field(j, "threshold", r.suppression_threshold);
        integer_field(j, "measures", r.suppressed_measures());
        j.end_object();
    }
    j.plain_key("outputs");
    j.begin_object();
    if (!outputs.scorecard.empty()) text_field(j, "scorecard", outputs.scorecard);
    if (!outputs.report.empty()) text_field(j, "report", outputs.report);
    if (!outputs.returns.empty()) {
        j.plain_key("returns");
        j.begin_array();
        for (const auto& r : outputs.returns) {
            j.begin_object();
            text_field(j, "input", r.input);
            text_field(j, "file", r.file);
            j.end_object();
        }
        j.end_array();
    }
    j.end_object();
    j.end_object();
}

Status write_summary_json(const model::Pack& pack, const OutputNames& outputs, const std::string& path) {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "wb"), &std::fclose);
    if (!file) return make_error(Errc::output, "cannot create summary.json", {path});
    bool written = false;
    {
        JsonWriter j(file.get(), JsonLayout::indented);
        write_summary_json(j, pack, outputs);
        written = j.flush();
    }
    if (!written || std::fputc('\n', file.get()) == EOF || std::fclose(file.release()) != 0)
        return make_error(Errc::output, "cannot write (disk full or no permission?)", {path});
    return Ok{};
}

nlohmann::ordered_json summary_json(const model::Pack& pack, const OutputNames& outputs) {
    char* text = nullptr;
    std::size_t size = 0;
    std::FILE* memory = open_memstream(&text, &size);
    if (!memory) throw std::bad_alloc();
    {
        JsonWriter j(memory, JsonLayout::indented);
        write_summary_json(j, pack, outputs);
    }
    std::fclose(memory);
    auto doc = nlohmann::ordered_json::parse(std::string_view(text, size));
    std::free(text);
    return doc;
}

}  // namespace bp::render
