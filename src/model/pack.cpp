#include "model/pack.hpp"

#include <algorithm>

namespace bp::model {

const char* input_kind_name(InputKind k) {
    switch (k) {
        case InputKind::plan: return "plan";
        case InputKind::kpi: return "kpi";
        case InputKind::mixed: return "mixed";
        case InputKind::unrecognised: return "unrecognised";
    }
    return "unrecognised";
}

const char* input_status_name(InputStatus s) {
    switch (s) {
        case InputStatus::ok: return "ok";
        case InputStatus::warnings: return "warnings";
        case InputStatus::errors: return "errors";
        case InputStatus::unreadable: return "unreadable";
    }
    return "unreadable";
}

void SectionCount::add(Status s) {
    ++total;
    switch (s) {
        case Status::blue: ++blue; break;
        case Status::green: ++green; break;
        case Status::amber: ++amber; break;
        case Status::red: ++red; break;
        case Status::unrated: ++unrated; break;
    }
}

int SectionCount::count(Status s) const {
    switch (s) {
        case Status::blue: return blue;
        case Status::green: return green;
        case Status::amber: return amber;
        case Status::red: return red;
        case Status::unrated: return unrated;
    }
    return 0;
}

SectionCount total_of(const std::vector<SectionCount>& sections) {
    SectionCount t{"Total"};
    for (const auto& s : sections) {
        t.total += s.total, t.blue += s.blue, t.green += s.green;
        t.amber += s.amber, t.red += s.red, t.unrated += s.unrated;
    }
    return t;
}

bool Pack::any_readable() const {
    return std::any_of(inputs.begin(), inputs.end(), [](const Input& i) { return i.status != InputStatus::unreadable; });
}

bool Pack::any_table() const {
    return std::any_of(inputs.begin(), inputs.end(), [](const Input& i) { return !i.tables.empty(); });
}

}  // namespace bp::model
