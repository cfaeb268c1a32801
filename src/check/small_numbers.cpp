#include "check/small_numbers.hpp"

#include <cmath>

namespace bp::check {

bool small_count(double v, int threshold) {
    double r = std::round(v);
    return std::fabs(v - r) < 1e-9 && r >= 1 && r <= threshold;
}

int suppress_small_numbers(model::Pack& pack, int threshold) {
    pack.suppression_threshold = threshold;
    for (auto& m : pack.measures) {
        model::Suppression s;
        auto small = [&](const std::optional<double>& v) { return v && small_count(*v, threshold); };
        // A measure whose values are counts: each small one hidden where it stands.
        if (m.unit == model::Unit::count) {
            s.value = small(m.value);
            s.previous = small(m.previous);
            s.last_value = small(m.last_value);  // last board's figure, in the Since the last board columns
            for (std::size_t i = 0; i < m.trend.size(); ++i)
                if (small(m.trend[i].value)) {
                    s.trend.resize(m.trend.size());
                    s.trend[i] = true;
                }
        }
        // Numerator and denominator are counts of children. A small numerator is hidden, and so
        // is the rest of the denominator when that is small (the total less the numerator gives
        // it away); a small denominator hides all three.
        bool num_small = small(m.numerator);
        bool rest_small = m.numerator && m.denominator && small_count(*m.denominator - *m.numerator, threshold);
        if (small(m.denominator)) s.denominator = s.numerator = true;
        if (num_small || rest_small) s.numerator = true;
        // Secondary: with the numerator hidden, a value made from it and a shown denominator would
        // give it back (90% of 40 is 36), so the value goes too, whatever its unit.
        if (s.numerator && m.value) s.value = true;
        m.suppressed = std::move(s);
    }
    return pack.suppressed_measures();
}

}  // namespace bp::check
