// write_returns_tracker (summary_json.hpp): summary.json's `returns`.
#include "render/summary_json.hpp"

#include <algorithm>

namespace bp::render {

void write_returns_tracker(JsonWriter& j, const model::ReturnsTracker& t) {
    j.begin_object();
    j.plain_key("list");
    j.string(t.list);
    j.plain_key("counts");
    j.begin_object();
    for (auto s : {model::ReturnState::received, model::ReturnState::late, model::ReturnState::missing,
                   model::ReturnState::awaited, model::ReturnState::unexpected}) {
        j.plain_key(model::return_state_name(s));
        j.integer(std::count_if(t.entries.begin(), t.entries.end(), [s](const auto& r) { return r.state == s; }));
    }
    j.end_object();
    j.plain_key("entries");
    j.begin_array();
    for (const auto& r : t.entries) {
        j.begin_object();
        j.plain_key("state");
        j.string(model::return_state_name(r.state));
        if (r.state != model::ReturnState::unexpected) {
            j.plain_key("team");
            j.string(r.team);
            j.plain_key("lead");
            j.string(r.lead);
            j.plain_key("pattern");
            j.string(r.pattern);
            j.plain_key("kind");
            j.string(model::input_kind_name(*r.kind));
            j.plain_key("due");
            j.string(iso_date(*r.due));
            j.plain_key("line");
            j.integer(r.line);
        }
        j.plain_key("inputs");
        j.begin_array();
        for (const auto& f : r.files) j.string(f);
        j.end_array();
        j.plain_key("received");
        if (r.received) j.string(iso_date(*r.received));
        else j.null();
        if (r.received) {
            j.plain_key("received_from");
            j.string(model::received_from_name(r.received_from));
        }
        if (r.state != model::ReturnState::unexpected) {
            j.plain_key("wrong_kind");
            j.boolean(r.wrong_kind);
        }
        j.end_object();
    }
    j.end_array();
    j.end_object();
}

}  // namespace bp::render
