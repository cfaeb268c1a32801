#include "check/track_returns.hpp"

#include <tuple>
#include <utility>

#include "util/clock.hpp"
#include "util/file_name.hpp"
#include "util/glob.hpp"

namespace bp::check {

namespace {

std::string file_name(const std::string& path) { return std::string(file_name_of(path)); }

const char* kind_words(model::InputKind k) { return k == model::InputKind::plan ? "improvement plan" : "KPI return"; }

// Whether an input holds the kind a return expects (a workbook with both holds either).
bool holds(model::InputKind have, model::InputKind want) { return have == want || have == model::InputKind::mixed; }

std::string whose(const model::ExpectedReturn& e) {
    return e.team + "'s " + kind_words(*e.kind) + (e.lead.empty() ? "" : " (lead " + e.lead + ")");
}

model::Issue finding(model::Severity severity, const char* code, std::string file, std::string message) {
    model::Issue is;
    is.severity = severity;
    is.code = code;
    is.file = std::move(file);
    is.message = std::move(message);
    return is;
}

// When an input came: --received for it, else the list's date for its return, else its file time.
std::pair<std::optional<CivilDate>, model::ReceivedFrom> received_date(const ReturnsList& list, const model::Input& in,
                                                                      const std::optional<CivilDate>& logged) {
    for (const auto& r : list.received)
        if (names_input(r, in.file)) return {r.date, model::ReceivedFrom::option};
    if (logged) return {logged, model::ReceivedFrom::returns_list};
    if (in.facts.modified) return {local_date(*in.facts.modified), model::ReceivedFrom::file_time};
    return {std::nullopt, model::ReceivedFrom::file_time};  // an upload: when it came is not known
}

std::string from_words(model::ReceivedFrom f) {
    switch (f) {
        case model::ReceivedFrom::option: return " (--received)";
        case model::ReceivedFrom::returns_list: return " (the returns list's received date)";
        case model::ReceivedFrom::file_time: return " (the file's modified time)";
    }
    return {};
}

}  // namespace

model::ReturnsTracker track_returns(const ReturnsList& list, const std::vector<model::Input>& inputs, CivilDate as_of,
                                    model::Issues& issues) {
    model::ReturnsTracker out;
    out.list = list.path;
    std::vector<bool> matched(inputs.size(), false);
    for (model::ExpectedReturn e : list.expected) {
        const std::optional<CivilDate> logged = e.received;  // the list's own `received =`
        e.received.reset();
        for (std::size_t i = 0; i < inputs.size(); ++i) {
            const auto& in = inputs[i];
            if (!glob_match(e.pattern, file_name(in.file))) continue;
            matched[i] = true;
            e.files.push_back(in.file);
            auto [when, from] = received_date(list, in, logged);
            // A return in two files is complete when the last of them came.
            if (when && (!e.received || *when > *e.received)) {
                e.received = when;
                e.received_from = from;
            }
            // An unreadable or tableless file is reported as such already; a file of the other kind is not.
            if ((in.kind == model::InputKind::plan || in.kind == model::InputKind::kpi) && !holds(in.kind, *e.kind)) {
                e.wrong_kind = true;
                issues.push_back(finding(
                    model::Severity::warning, "return-wrong-kind", in.file,
                    std::string(in.kind == model::InputKind::plan ? "holds an " : "holds a ") + kind_words(in.kind) + ", but the returns list expects " + whose(e) +
                        " in files named " + e.pattern + " (" + list.path + " line " + std::to_string(e.line) +
                        "): ask the team for its " + kind_words(*e.kind) + ", or correct kind or files there"));
            }
        }
        if (e.files.empty()) {
            e.state = as_of > *e.due ? model::ReturnState::missing : model::ReturnState::awaited;
            if (e.state == model::ReturnState::missing)
                issues.push_back(finding(model::Severity::warning, "return-missing", list.path,
                                         "line " + std::to_string(e.line) + ": " + whose(e) + " was due on " +
                                             uk_date(*e.due) + " and no input is named " + e.pattern +
                                             ": chase the team, or correct files if it came under another name"));
        } else if (e.received && *e.received > *e.due) {
            e.state = model::ReturnState::late;
            auto days = days_from_civil(*e.received) - days_from_civil(*e.due);
            issues.push_back(finding(
                model::Severity::info, "return-late", e.files.back(),
                whose(e) + " was received on " + uk_date(*e.received) +
                    from_words(e.received_from) + ", " + std::to_string(days) + (days == 1 ? " day" : " days") +
                    " after it was due on " + uk_date(*e.due) +
                    (e.received_from == model::ReceivedFrom::file_time
                         ? "; if it came on time, give the date with --received FILE=YYYY-MM-DD"
                         : "")));
        } else {
            e.state = model::ReturnState::received;
        }
        out.entries.push_back(std::move(e));
    }
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        if (matched[i]) continue;
        model::ExpectedReturn u;
        u.state = model::ReturnState::unexpected;
        u.files.push_back(inputs[i].file);
        std::tie(u.received, u.received_from) = received_date(list, inputs[i], std::nullopt);
        out.entries.push_back(std::move(u));
        issues.push_back(finding(model::Severity::info, "return-unexpected", inputs[i].file,
                                 "no return in " + list.path +
                                     " is named like this file: it is in the pack all the same; add a [return] "
                                     "block for it, or correct the files pattern of the return it is"));
    }
    return out;
}

}  // namespace bp::check
