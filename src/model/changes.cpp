#include "model/changes.hpp"

#include <algorithm>

namespace bp::model {

int progress_rank(PlanStatus s) {
    switch (s) {
        case PlanStatus::red: return 0;
        case PlanStatus::amber: return 1;
        case PlanStatus::green: return 2;
        case PlanStatus::blue: return 3;
        case PlanStatus::unrated: break;
    }
    return -1;
}

int rating_rank(Rating r) {
    switch (r) {
        case Rating::red: return 0;
        case Rating::amber: return 1;
        case Rating::green: return 2;
        case Rating::none: break;
    }
    return -1;
}

namespace {
void add_move(std::vector<Movement>& moves, const char* from, const char* to, bool worse, const std::string& ref) {
    auto it = std::find_if(moves.begin(), moves.end(), [&](const Movement& m) { return m.from == from && m.to == to; });
    if (it == moves.end()) it = moves.insert(moves.end(), Movement{from, to, worse, {}});
    it->refs.push_back(ref);
}

// Worse moves first (the board's attention), then the most common, then as met.
void order_moves(std::vector<Movement>& moves) {
    std::stable_sort(moves.begin(), moves.end(), [](const Movement& a, const Movement& b) {
        if (a.worse != b.worse) return a.worse;
        return a.refs.size() > b.refs.size();
    });
}
}  // namespace

Direction status_movement(const PlanAction& a) {
    if (!a.last_status || a.new_since_last) return Direction::unknown;
    int was = progress_rank(*a.last_status), now = progress_rank(a.status);
    if (was < 0 || now < 0) return Direction::unknown;
    return now > was ? Direction::better : now < was ? Direction::worse : Direction::same;
}

int slipped_days(const PlanAction& a) {
    if (!a.last_due || !a.due) return 0;
    auto days = days_from_civil(*a.due) - days_from_civil(*a.last_due);
    return days > 0 ? static_cast<int>(days) : 0;
}

ChangeCounts count_changes(const Pack& pack) {
    ChangeCounts c;
    if (!pack.since.compared) return c;
    for (const auto& a : pack.actions) {
        if (a.new_since_last) {
            ++c.actions_new;
            continue;
        }
        Direction d = status_movement(a);
        if (d == Direction::better || d == Direction::worse) {
            add_move(c.actions_moved, status_name(*a.last_status), status_name(a.status), d == Direction::worse, a.ref);
            (d == Direction::better ? c.actions_better : c.actions_worse)++;
            c.actions_completed += a.status == PlanStatus::blue;
        }
        if (int days = slipped_days(a); days > 0) {
            ++c.due_slipped;
            c.due_slipped_over_month += days > k_month_of_days;
        }
    }
    c.actions_removed = static_cast<int>(pack.since.removed_actions.size());
    for (const auto& m : pack.measures) {
        if (m.new_since_last) {
            ++c.measures_new;
            continue;
        }
        c.measures_better += m.direction == Direction::better;
        c.measures_worse += m.direction == Direction::worse;
        c.measures_same += m.direction == Direction::same;
        if (m.last_rag && *m.last_rag != m.rag && rating_rank(*m.last_rag) >= 0 && rating_rank(m.rag) >= 0)
            add_move(c.measures_moved, rating_name(*m.last_rag), rating_name(m.rag),
                     rating_rank(m.rag) < rating_rank(*m.last_rag), m.ref);
        if (m.rag == Rating::red && m.last_rag && *m.last_rag != Rating::red) c.measures_now_red.push_back(m.ref);
    }
    c.measures_removed = static_cast<int>(pack.since.removed_measures.size());
    order_moves(c.actions_moved);
    order_moves(c.measures_moved);
    return c;
}

}  // namespace bp::model
