#include "render/words.hpp"

namespace bp::render {

std::string in_words(model::InputKind k) {
    switch (k) {
        case model::InputKind::plan: return "Improvement plan";
        case model::InputKind::kpi: return "KPIs";
        case model::InputKind::mixed: return "Plan and KPIs";
        case model::InputKind::unrecognised: return "Nothing recognised";
    }
    return "Nothing recognised";
}

std::string in_words(model::InputStatus s) {
    switch (s) {
        case model::InputStatus::ok: return "No problems";
        case model::InputStatus::warnings: return "Warnings";
        case model::InputStatus::errors: return "Errors";
        case model::InputStatus::unreadable: return "Could not be read";
    }
    return "Could not be read";
}

}  // namespace bp::render
