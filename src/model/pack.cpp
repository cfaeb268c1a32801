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

void SectionCount::add(PlanStatus s) {
    ++total;
    switch (s) {
        case PlanStatus::blue: ++blue; break;
        case PlanStatus::green: ++green; break;
        case PlanStatus::amber: ++amber; break;
        case PlanStatus::red: ++red; break;
        case PlanStatus::unrated: ++unrated; break;
    }
}

int SectionCount::count(PlanStatus s) const {
    switch (s) {
        case PlanStatus::blue: return blue;
        case PlanStatus::green: return green;
        case PlanStatus::amber: return amber;
        case PlanStatus::red: return red;
        case PlanStatus::unrated: return unrated;
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

int Pack::suppressed_measures() const {
    return static_cast<int>(
        std::count_if(measures.begin(), measures.end(), [](const KpiMeasure& m) { return m.suppressed.any(); }));
}

bool Pack::any_readable() const {
    return std::any_of(inputs.begin(), inputs.end(), [](const Input& i) { return i.status != InputStatus::unreadable; });
}

bool Pack::any_table() const {
    return std::any_of(inputs.begin(), inputs.end(), [](const Input& i) { return !i.tables.empty(); });
}

YearMonth pack_period(const Pack& pack) {
    return pack.period ? *pack.period : YearMonth{pack.report_date.year, pack.report_date.month};
}

}  // namespace bp::model
