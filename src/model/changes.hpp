// What moved since the last board, read off a compared pack: each action's
// status movement and slipped due date, each measure's direction, and the
// counts the report's sentences are made from. Plain data; no I/O.
#pragma once

#include <string>
#include <vector>

#include "model/pack.hpp"

namespace bp::model {

// Places on the scales, higher is better: red 0, amber 1, green 2, blue (completed) 3; -1 for
// unrated or no rating.
int progress_rank(PlanStatus s);
int rating_rank(Rating r);

// Better: towards completed (red -> amber -> green -> blue); unknown where either status is unrated
// or the action is new.
Direction status_movement(const PlanAction& a);
// Days its due date moved later since last time; 0 when it did not (or moved earlier, or either is unknown).
int slipped_days(const PlanAction& a);
constexpr int k_month_of_days = 31;  // "slipped by more than a month"

// One kind of movement, with the refs it happened to (in pack order).
struct Movement {
    std::string from, to;  // status or rating words: "amber", "red"
    bool worse = false;    // down its scale (amber to red, green to amber)
    std::vector<std::string> refs;
};

struct ChangeCounts {
    std::vector<Movement> actions_moved;  // by (from, to), worse moves first, then better
    int actions_completed = 0;            // moved to blue since last time
    int actions_worse = 0, actions_better = 0;
    int due_slipped = 0, due_slipped_over_month = 0;
    int actions_new = 0, actions_removed = 0;
    std::vector<Movement> measures_moved;  // rating changes, worse first
    int measures_better = 0, measures_worse = 0, measures_same = 0;
    std::vector<std::string> measures_now_red;  // red now and not red last time
    int measures_new = 0, measures_removed = 0;
};
ChangeCounts count_changes(const Pack& pack);

}  // namespace bp::model
