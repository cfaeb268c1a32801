// Small-number suppression for a public report: counts of children from 1 to
// the threshold are hidden, and so is every figure that would give one away (a
// percentage beside its denominator, a numerator beside its total when the
// rest is small). The internal pack keeps every number; only a pack to be
// published goes through this.
#pragma once

#include "model/pack.hpp"

namespace bp::check {

constexpr int k_default_suppression_threshold = 5;  // 1 to 5 shown as "c" (DfE practice)

// Marks what is hidden on each measure (KpiMeasure::suppressed); returns how many measures have any.
int suppress_small_numbers(model::Pack& pack, int threshold = k_default_suppression_threshold);

// A count (children) from 1 to `threshold`: zero is not disclosive, nor is a large count.
bool small_count(double v, int threshold);

}  // namespace bp::check
