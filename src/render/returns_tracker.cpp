#include "render/returns_tracker.hpp"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

namespace bp::render {

std::string return_state_words(const model::ExpectedReturn& r) {
    switch (r.state) {
        case model::ReturnState::received: return "On time";
        case model::ReturnState::late: {
            auto days = days_from_civil(*r.received) - days_from_civil(*r.due);
            return fmt::format("Late ({} day{})", days, days == 1 ? "" : "s");
        }
        case model::ReturnState::missing: return "Missing";
        case model::ReturnState::awaited: return "Not yet due";
        case model::ReturnState::unexpected: return "Not expected";
    }
    return "Missing";
}

std::string return_kind_words(const model::ExpectedReturn& r) {
    if (!r.kind) return "–";
    return *r.kind == model::InputKind::plan ? "Plan" : "KPIs";
}

std::string return_team_words(const model::ExpectedReturn& r) { return r.team.empty() ? std::string("–") : r.team; }

std::string return_files_words(const model::ExpectedReturn& r) {
    std::string out;
    for (const auto& f : r.files) out += (out.empty() ? "" : ", ") + std::filesystem::path(f).filename().string();
    return out.empty() ? "–" : out;
}

std::string returns_sentence(const model::ReturnsTracker& t) {
    int on_time = 0, late = 0, missing = 0, awaited = 0, unexpected = 0;
    for (const auto& r : t.entries) {
        on_time += r.state == model::ReturnState::received;
        late += r.state == model::ReturnState::late;
        missing += r.state == model::ReturnState::missing;
        awaited += r.state == model::ReturnState::awaited;
        unexpected += r.state == model::ReturnState::unexpected;
    }
    int expected = on_time + late + missing + awaited;
    std::string s = fmt::format("Of {} return{} expected, {} came on time, {} late and {} {} missing", expected,
                                expected == 1 ? "" : "s", on_time, late, missing, missing == 1 ? "is" : "are");
    if (awaited) s += fmt::format("; {} {} not yet due", awaited, awaited == 1 ? "is" : "are");
    s += ".";
    if (unexpected)
        s += fmt::format(" {} workbook{} not on the returns list.", unexpected, unexpected == 1 ? " was" : "s were");
    return s;
}

std::string team_of_input(const model::ReturnsTracker& t, const std::string& input_file) {
    for (const auto& r : t.entries)
        if (!r.team.empty() && std::find(r.files.begin(), r.files.end(), input_file) != r.files.end()) return r.team;
    return {};
}

}  // namespace bp::render
