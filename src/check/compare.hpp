// The pack compared with the last board's (SPEC: the monthly cycle): each
// action and measure matched by ref to what that pack said of it.
#pragma once

#include "model/pack.hpp"
#include "model/snapshot.hpp"

namespace bp::check {

// Sets each action's last status and due date, each measure's last rating,
// value and direction, marks records new since last time, lists the ones
// removed, and fills pack.since.
void compare_with_previous(model::Pack& pack, const model::PackSnapshot& previous);

}  // namespace bp::check
