#include "model/rag.hpp"

#include <charconv>
#include <cmath>

namespace bp::model {


double at_data_precision(double x) {
    if (!std::isfinite(x) || x == 0) return x;
    // %.12g and back, by to_chars/from_chars (the same digits and rounding as snprintf/strtod,
    // without their locale and format parsing: this runs for every number of a KPI row).
    char buf[40];
    auto end = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::general, 12).ptr;
    double out = x;
    std::from_chars(buf, end, out);
    return out;
}

Polarity infer_polarity(std::optional<double> min, std::optional<double> upper) {
    if (!min && !upper) return Polarity::none;
    if (min && upper && at_data_precision(*min) > at_data_precision(*upper)) return Polarity::lower;
    return Polarity::higher;
}

Targets targets_from_tolerance(double target, double tolerance, Polarity polarity) {
    double t = std::fabs(tolerance);
    double min = polarity == Polarity::lower ? target + t : target - t;
    return Targets{at_data_precision(min), at_data_precision(target)};
}

Rating rate(std::optional<double> value, std::optional<double> min, std::optional<double> upper, Polarity polarity) {
    if (!value || (!min && !upper) || polarity == Polarity::none) return Rating::none;
    double v = at_data_precision(*value);
    double lo = at_data_precision(min ? *min : *upper);
    double up = at_data_precision(upper ? *upper : *min);
    if (polarity == Polarity::higher) {
        if (v >= up) return Rating::green;
        if (v >= lo) return Rating::amber;
        return Rating::red;
    }
    if (v <= up) return Rating::green;
    if (v <= lo) return Rating::amber;
    return Rating::red;
}

}  // namespace bp::model
