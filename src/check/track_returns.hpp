// The submission tracker: the returns list against the inputs read. Each
// expected return is received, late, missing or not yet due; each input no
// entry expects is unexpected. Missing, late, wrong-kind and unexpected
// returns are findings (docs/issue-codes.md).
#pragma once

#include <vector>

#include "check/returns_list.hpp"
#include "model/pack.hpp"

namespace bp::check {

// `as_of` is the report date: a return not among the inputs is missing once
// it is past its due date, and awaited until then. A received date is the
// --received override, else the local date of the file's modified time.
model::ReturnsTracker track_returns(const ReturnsList& list, const std::vector<model::Input>& inputs, CivilDate as_of,
                                    model::Issues& issues);

}  // namespace bp::check
