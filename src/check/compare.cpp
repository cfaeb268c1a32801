#include "check/compare.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "check/consolidate.hpp"
#include "model/changes.hpp"

namespace bp::check {

namespace {

// Values are compared when they are in one unit and the measure has a direction;
// otherwise the ratings are. A change smaller than rounding noise is no change.
model::Direction direction(const model::KpiMeasure& now, const model::MeasureSnapshot& last) {
    using model::Direction;
    if (now.value && last.value && now.unit == last.unit) {
        double was = *last.value, is = *now.value;
        if (std::fabs(is - was) <= 1e-9 * std::max({1.0, std::fabs(is), std::fabs(was)})) return Direction::same;
        if (now.polarity == model::Polarity::higher) return is > was ? Direction::better : Direction::worse;
        if (now.polarity == model::Polarity::lower) return is < was ? Direction::better : Direction::worse;
    }
    int was = model::rating_rank(last.rating), is = model::rating_rank(now.rag);  // no comparable value: the ratings
    if (was < 0 || is < 0) return Direction::unknown;
    return is > was ? Direction::better : is < was ? Direction::worse : Direction::same;
}

// Each record matched by ref to what the previous pack said of it (the first of a ref, as
// consolidation keeps it): `found` for a match, new_since_last otherwise; the snapshots no
// record matched go to `removed`.
template <class Record, class Snapshot, class Found>
void match(std::vector<Record>& records, const std::vector<Snapshot>& previous, std::vector<Snapshot>& removed,
           Found found) {
    std::unordered_map<std::string, const Snapshot*> last;
    for (const auto& s : previous) last.emplace(ref_key(s.ref), &s);
    std::unordered_set<std::string> seen;
    for (auto& r : records) {
        auto key = ref_key(r.ref);
        seen.insert(key);
        auto it = last.find(key);
        if (it == last.end())
            r.new_since_last = true;
        else
            found(r, *it->second);
    }
    for (const auto& s : previous)
        if (seen.insert(ref_key(s.ref)).second) removed.push_back(s);
}

}  // namespace

void compare_with_previous(model::Pack& pack, const model::PackSnapshot& previous) {
    pack.since = model::SinceLast{true, previous.origin, previous.period, previous.report_date, {}, {}};
    match(pack.actions, previous.actions, pack.since.removed_actions,
          [](model::PlanAction& a, const model::ActionSnapshot& last) {
              a.last_status = last.status;
              a.last_due = last.due;
          });
    match(pack.measures, previous.measures, pack.since.removed_measures,
          [](model::KpiMeasure& m, const model::MeasureSnapshot& last) {
              m.last_rag = last.rating;
              if (last.unit == m.unit) m.last_value = last.value;
              m.direction = direction(m, last);
          });
}

}  // namespace bp::check
