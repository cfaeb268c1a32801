#include "history/summary_snapshot.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <unordered_map>

#include "history/words.hpp"

namespace bp::history {

namespace {

using nlohmann::json;

// Each lookup says where it looked, so an error names the field: "plan.actions[3].due".
class Reader {
public:
    explicit Reader(std::string path) : m_path(std::move(path)) {}

    Error error(const std::string& where, const std::string& what) const {
        return make_error(Errc::bad_value, fmt::format("{}: {}", where, what), {m_path});
    }

    Result<const json*> member(const json& object, const std::string& where, const char* key, json::value_t type) const {
        auto it = object.find(key);
        std::string at = where.empty() ? key : where + "." + key;
        if (it == object.end()) return error(at, "missing; is this the summary.json of a boardpack pack?");
        bool ok = it->type() == type || (type == json::value_t::number_float && it->is_number());
        if (!ok) return error(at, fmt::format("expected {}, found {}", json(type).type_name(), it->type_name()));
        return &*it;
    }

    Result<std::string> text(const json& object, const std::string& where, const char* key) const {
        BP_ASSIGN_OR_RETURN(const json* v, member(object, where, key, json::value_t::string));
        return v->get<std::string>();
    }

    Result<CivilDate> date(const json& value, const std::string& where) const {
        if (value.is_string()) {
            auto text = value.get<std::string>();
            auto d = parse_iso_datetime(text);
            if (d && text.size() == 10) return d->date;
        }
        return error(where, fmt::format("{} is not a date written YYYY-MM-DD", value.dump()));
    }

    template <class E>
    Result<E> word(const json& object, const std::string& where, const char* key, std::optional<E> (*parse)(std::string_view),
                   const char* choices) const {
        BP_ASSIGN_OR_RETURN(std::string w, text(object, where, key));
        if (auto v = parse(w)) return *v;
        return error(where + "." + key, fmt::format("'{}' is not one of {}", w, choices));
    }

private:
    std::string m_path;
};

std::string trim_exception(const char* what) {
    std::string s = what;  // "[json.exception.parse_error.101] parse error at line 1, ..."
    if (auto close = s.find("] "); s.starts_with("[json.exception") && close != std::string::npos) s.erase(0, close + 2);
    return s;
}

// The SHA-256 of the workbook a record came from (inputs[] by its source.file); empty when unknown.
std::string source_digest(const json& record, const std::unordered_map<std::string, std::string>& digests) {
    auto src = record.find("source");
    if (src == record.end() || !src->is_object()) return {};
    auto file = src->find("file");
    if (file == src->end() || !file->is_string()) return {};
    auto it = digests.find(file->get<std::string>());
    return it == digests.end() ? std::string{} : it->second;
}

Result<std::vector<model::ActionSnapshot>> read_actions(const Reader& r, const json& plan,
                                                        const std::unordered_map<std::string, std::string>& digests) {
    BP_ASSIGN_OR_RETURN(const json* list, r.member(plan, "plan", "actions", json::value_t::array));
    std::vector<model::ActionSnapshot> actions;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const json& a = (*list)[i];
        std::string at = fmt::format("plan.actions[{}]", i);
        if (!a.is_object()) return r.error(at, fmt::format("expected object, found {}", a.type_name()));
        model::ActionSnapshot s;
        BP_ASSIGN_OR_RETURN(s.ref, r.text(a, at, "ref"));
        BP_ASSIGN_OR_RETURN(s.section, r.text(a, at, "section"));
        BP_ASSIGN_OR_RETURN(s.action, r.text(a, at, "action"));
        BP_ASSIGN_OR_RETURN(s.status, r.word(a, at, "status", &status_from_name, "blue, green, amber, red, unrated"));
        auto due = a.find("due");
        if (due == a.end()) return r.error(at + ".due", "missing; is this the summary.json of a boardpack pack?");
        if (!due->is_null()) {
            BP_ASSIGN_OR_RETURN(CivilDate d, r.date(*due, at + ".due"));
            s.due = d;
        }
        s.source_sha256 = source_digest(a, digests);
        actions.push_back(std::move(s));
    }
    return actions;
}

Result<std::vector<model::MeasureSnapshot>> read_measures(const Reader& r, const json& kpis,
                                                          const std::unordered_map<std::string, std::string>& digests) {
    BP_ASSIGN_OR_RETURN(const json* list, r.member(kpis, "kpis", "measures", json::value_t::array));
    std::vector<model::MeasureSnapshot> measures;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const json& m = (*list)[i];
        std::string at = fmt::format("kpis.measures[{}]", i);
        if (!m.is_object()) return r.error(at, fmt::format("expected object, found {}", m.type_name()));
        model::MeasureSnapshot s;
        BP_ASSIGN_OR_RETURN(s.ref, r.text(m, at, "ref"));
        BP_ASSIGN_OR_RETURN(s.title, r.text(m, at, "title"));
        BP_ASSIGN_OR_RETURN(s.rating, r.word(m, at, "rag", &rating_from_name, "green, amber, red, none"));
        BP_ASSIGN_OR_RETURN(s.unit, r.word(m, at, "unit", &unit_from_name,
                                           "percent, count, rate_per_1000, rate_per_10000, rate_per_100000, days, weeks, "
                                           "months, currency, number"));
        BP_ASSIGN_OR_RETURN(s.polarity, r.word(m, at, "polarity", &polarity_from_name, "higher, lower, none"));
        auto value = m.find("value");
        if (value == m.end()) return r.error(at + ".value", "missing; is this the summary.json of a boardpack pack?");
        if (value->is_number())
            s.value = value->get<double>();
        else if (!value->is_null())
            return r.error(at + ".value", fmt::format("expected a number or null, found {}", value->type_name()));
        s.source_sha256 = source_digest(m, digests);
        measures.push_back(std::move(s));
    }
    return measures;
}

}  // namespace

Result<model::PackSnapshot> parse_summary_snapshot(std::string_view text, const std::string& path) {
    const std::string not_ours =
        "is not a boardpack summary.json ({}): give --previous the summary.json of an earlier pack";
    json doc;
    try {
        doc = json::parse(text);
    } catch (const json::parse_error& e) {
        return make_error(Errc::bad_value, fmt::format(fmt::runtime(not_ours), "not JSON: " + trim_exception(e.what())),
                          {path});
    }
    const json* tool = doc.is_object() ? &doc["tool"] : nullptr;
    if (!tool || !tool->is_object() || tool->value("name", json()) != "boardpack")
        return make_error(Errc::bad_value, fmt::format(fmt::runtime(not_ours), R"(no "tool": {"name": "boardpack"})"),
                          {path});
    Reader r(path);
    model::PackSnapshot snap;
    snap.origin = path;
    BP_ASSIGN_OR_RETURN(const json* report_date, r.member(doc, "", "report_date", json::value_t::string));
    BP_ASSIGN_OR_RETURN(snap.report_date, r.date(*report_date, "report_date"));

    std::unordered_map<std::string, std::string> digests;  // each input's SHA-256, by its file name
    if (auto inputs = doc.find("inputs"); inputs != doc.end() && inputs->is_array())
        for (const auto& in : *inputs)
            if (in.is_object() && in.value("file", json()).is_string() && in.value("sha256", json()).is_string())
                digests[in["file"].get<std::string>()] = in["sha256"].get<std::string>();

    BP_ASSIGN_OR_RETURN(const json* plan, r.member(doc, "", "plan", json::value_t::object));
    BP_ASSIGN_OR_RETURN(snap.actions, read_actions(r, *plan, digests));
    BP_ASSIGN_OR_RETURN(const json* kpis, r.member(doc, "", "kpis", json::value_t::object));
    BP_ASSIGN_OR_RETURN(snap.measures, read_measures(r, *kpis, digests));
    // As model::pack_period: the KPI period, or for a plan-only pack the report date's month.
    BP_ASSIGN_OR_RETURN(std::string period, r.text(*kpis, "kpis", "period"));
    if (period.empty()) {
        snap.period = {snap.report_date.year, snap.report_date.month};
    } else if (auto ym = parse_month_label(period)) {
        snap.period = *ym;
    } else {
        return r.error("kpis.period", fmt::format("'{}' is not a month written as boardpack writes it (\"Sep 26\")", period));
    }
    return snap;
}

Result<model::PackSnapshot> read_summary_snapshot(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return make_error(Errc::io, "cannot be opened: check the path given to --previous", {path});
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) return make_error(Errc::io, "could not be read", {path});
    return parse_summary_snapshot(text.str(), path);
}

}  // namespace bp::history
