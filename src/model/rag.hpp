// KPI RAG under the minimum/upper model (SPEC 2.1).
#pragma once

#include <optional>

#include "model/records.hpp"

namespace bp::model {

// Rounds to 12 significant digits: the precision of the data, so that
// 0.80 - 0.10 compares equal to 0.70.
double at_data_precision(double x);

// Min > Upper means lower is better; otherwise higher is better; no targets: none.
Polarity infer_polarity(std::optional<double> min, std::optional<double> upper);

struct Targets {
    std::optional<double> min, upper;
};
// A single Target with a Tolerance: Upper = Target and Min = Target - Tolerance
// (Target + Tolerance when lower is better).
Targets targets_from_tolerance(double target, double tolerance, Polarity polarity);

// higher: v >= Upper green; Min <= v < Upper amber; v < Min red.
// lower:  v <= Upper green; Upper < v <= Min amber; v > Min red.
// One target only: it is both Min and Upper. No value or no target: none.
Rating rate(std::optional<double> value, std::optional<double> min, std::optional<double> upper,
                   Polarity polarity);

}  // namespace bp::model
