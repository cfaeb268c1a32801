#include "check/consolidate.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>
#include <tuple>

#include "util/utf8.hpp"

namespace bp::check {

using model::Issue;
using model::Severity;

bool natural_less(const std::string& a, const std::string& b) {
    std::size_t i = 0, j = 0;
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    while (i < a.size() && j < b.size()) {
        if (digit(a[i]) && digit(b[j])) {
            std::size_t si = i, sj = j;
            while (i < a.size() && digit(a[i])) ++i;
            while (j < b.size() && digit(b[j])) ++j;
            // The numbers compared without their leading zeros: by length, then digit by digit.
            while (si < i && a[si] == '0') ++si;
            while (sj < j && b[sj] == '0') ++sj;
            std::string_view na(a.data() + si, i - si), nb(b.data() + sj, j - sj);
            if (na.size() != nb.size()) return na.size() < nb.size();
            if (na != nb) return na < nb;
        } else {
            char ca = ascii_lower(a[i]), cb = ascii_lower(b[j]);
            if (ca != cb) return ca < cb;
            ++i;
            ++j;
        }
    }
    return a.size() - i < b.size() - j;
}

std::string ref_key(const std::string& ref) {
    std::string k;
    for (char c : ref)
        if (c != ' ') k += ascii_lower(c);
    return k;
}

namespace {

// `items` in the stable order `less(i, j)` gives their indices: each item moved once, not
// at every step of the sort (an action or a measure is large).
template <class T, class Less>
void stable_sort_by_index(std::vector<T>& items, Less less) {
    std::vector<std::size_t> order(items.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), less);
    std::vector<T> sorted;
    sorted.reserve(items.size());
    for (std::size_t i : order) sorted.push_back(std::move(items[i]));
    items = std::move(sorted);
}

std::string place(const model::Source& s) { return s.file + " " + s.sheet + " row " + std::to_string(s.row); }

auto content(const model::PlanAction& a) {
    return std::tie(a.section, a.action, a.lead, a.due, a.status, a.progress, a.evidence);
}

bool same_measure(const model::KpiMeasure& a, const model::KpiMeasure& b) {
    auto points = [](const model::KpiMeasure& m) {
        std::vector<std::pair<YearMonth, std::optional<double>>> v;
        for (const auto& p : m.trend) v.emplace_back(p.month, p.value);
        return v;
    };
    return a.title == b.title && a.value == b.value && a.numerator == b.numerator && a.denominator == b.denominator &&
           a.target_min == b.target_min && a.target_upper == b.target_upper && a.previous == b.previous &&
           points(a) == points(b);
}

// Keeps the first of identical duplicates (info on the others); rejects
// every copy of a ref whose copies differ (error naming both places).
template <class Record, class Same>
void dedupe(std::vector<Record*>& records, model::Issues& issues, const char* what, Same same) {
    // Records by ref, in the order of their keys and, for one key, as they came (a map of
    // vectors cost two allocations a record on a large table).
    std::vector<std::pair<std::string, Record*>> by_ref;
    by_ref.reserve(records.size());
    for (Record* r : records) by_ref.emplace_back(ref_key(r->ref), r);
    std::stable_sort(by_ref.begin(), by_ref.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<Record*> copies;
    for (std::size_t next = 0, start = 0; start < by_ref.size(); start = next) {
        while (next < by_ref.size() && by_ref[next].first == by_ref[start].first) ++next;
        if (next - start < 2) continue;
        copies.clear();
        for (std::size_t i = start; i < next; ++i) copies.push_back(by_ref[i].second);
        Record* first = copies[0];
        bool conflict = false;
        for (std::size_t i = 1; i < copies.size(); ++i) conflict |= !same(*first, *copies[i]);
        for (std::size_t i = 1; i < copies.size(); ++i) {
            Record* r = copies[i];
            if (conflict) {
                issues.push_back(Issue{Severity::error, "duplicate-conflict", r->source.file, r->source.sheet, r->source.cell("ref"),
                                       std::string(what) + " " + r->ref + " appears here and in " + place(first->source) +
                                           " with different content: keep one, or give them different refs"});
            } else {
                issues.push_back(Issue{Severity::info, "duplicate-merged", r->source.file, r->source.sheet, r->source.cell("ref"),
                                       std::string(what) + " " + r->ref + " also appears, identical, in " +
                                           place(first->source) + ": counted once"});
                r->rejected = true;  // merged into the first: not a separate record
            }
        }
        if (conflict) {
            issues.push_back(Issue{Severity::error, "duplicate-conflict", first->source.file, first->source.sheet,
                                   first->source.cell("ref"),
                                   std::string(what) + " " + first->ref + " appears here and in " + place(copies[1]->source) +
                                       " with different content: keep one, or give them different refs"});
            for (Record* r : copies) r->rejected = true;
        }
    }
}

}  // namespace

void consolidate(std::vector<Submission> subs, model::Pack& pack, model::Issues& issues) {
    std::vector<model::PlanAction*> actions;
    std::vector<model::KpiMeasure*> measures;
    for (auto& s : subs) {
        for (auto& a : s.actions)
            if (!a.rejected && !a.ref_generated) actions.push_back(&a);
        for (auto& m : s.measures)
            if (!m.rejected) measures.push_back(&m);
    }
    dedupe(actions, issues, "action", [](const model::PlanAction& a, const model::PlanAction& b) { return content(a) == content(b); });
    dedupe(measures, issues, "measure", same_measure);

    // Periods: every KPI workbook should report the same month.
    const Submission* first_period = nullptr;
    for (const auto& s : subs) {
        if (!s.period) continue;
        if (!first_period) {
            first_period = &s;
            pack.period = s.period;
        } else if (*s.period != *first_period->period) {
            issues.push_back(Issue{Severity::warning, "period-mismatch", s.file, {}, {},
                                   "reports " + month_label(*s.period) + " but " + first_period->file + " reports " +
                                       month_label(*first_period->period) + ": make sure every team sends the same month"});
            if (*s.period > *pack.period) pack.period = s.period;  // the pack reports the latest month sent
        }
    }

    std::size_t all_actions = 0, all_measures = 0;
    for (const auto& s : subs) {
        all_actions += s.actions.size();
        all_measures += s.measures.size();
    }
    pack.actions.reserve(pack.actions.size() + all_actions);  // moved in once, not again as the pack grows
    pack.measures.reserve(pack.measures.size() + all_measures);
    // Actions by section (in the order sections first appear), then by ref: sorted as pointers
    // with their section's place, then each moved once into the pack (the submissions are ours).
    std::vector<std::string> section_order;
    struct Placed {
        model::PlanAction* action;
        std::size_t section;
    };
    std::vector<Placed> placed;
    placed.reserve(all_actions);
    for (auto& s : subs)
        for (auto& a : s.actions) {
            if (a.rejected) continue;
            auto it = std::find(section_order.begin(), section_order.end(), a.section);
            if (it == section_order.end()) it = section_order.insert(it, a.section);
            placed.push_back(Placed{&a, static_cast<std::size_t>(it - section_order.begin())});
        }
    std::stable_sort(placed.begin(), placed.end(), [](const Placed& x, const Placed& y) {
        if (x.section != y.section) return x.section < y.section;
        return natural_less(x.action->ref, y.action->ref);
    });
    const std::size_t first_section = pack.sections.size();
    for (const auto& name : section_order) pack.sections.push_back(model::SectionCount{name});
    for (const Placed& p : placed) {
        pack.sections[first_section + p.section].add(p.action->status);
        pack.actions.push_back(std::move(*p.action));
    }
    pack.plan_total = model::total_of(pack.sections);

    std::vector<std::string> group_order;
    for (auto& s : subs)
        for (auto& m : s.measures) {
            if (m.rejected) continue;
            if (std::find(group_order.begin(), group_order.end(), m.group) == group_order.end()) group_order.push_back(m.group);
            pack.measures.push_back(std::move(m));
        }
    if (group_order.size() > 1) {  // one group: already in order (a large table moves nothing)
        std::vector<std::ptrdiff_t> group_of;
        group_of.reserve(pack.measures.size());
        for (const auto& m : pack.measures)
            group_of.push_back(std::find(group_order.begin(), group_order.end(), m.group) - group_order.begin());
        stable_sort_by_index(pack.measures, [&](std::size_t i, std::size_t j) { return group_of[i] < group_of[j]; });
    }
    for (const auto& m : pack.measures) {
        switch (m.rag) {
            case model::Rating::green: ++pack.counts.green; break;
            case model::Rating::amber: ++pack.counts.amber; break;
            case model::Rating::red: ++pack.counts.red; break;
            case model::Rating::none: ++pack.counts.none; break;
        }
    }
}

}  // namespace bp::check
