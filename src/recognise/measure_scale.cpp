#include "recognise/measure_scale.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace bp::recognise {
namespace {

using model::Unit;

// Which scale a number's own form puts it on. Plain numbers above 1 can only
// be hundreds in a percentage row; small plain numbers are decided by their
// neighbours; "90%" and a number under a "%" heading say what they are.
enum class Side { either, fraction, hundred };

bool is_level(NumberRole r) { return r != NumberRole::tolerance; }
bool is_target(NumberRole r) {
    return r == NumberRole::target_min || r == NumberRole::target_upper || r == NumberRole::target;
}

std::vector<Side> sides_of(const std::vector<RowNumber>& numbers) {
    std::vector<Side> sides(numbers.size(), Side::either);
    double largest_plain = 0;
    for (const auto& n : numbers)
        if (n.number.value && n.number.form == PercentForm::none && is_level(n.role))
            largest_plain = std::max(largest_plain, std::fabs(*n.number.value));
    for (std::size_t i = 0; i < numbers.size(); ++i) {
        const auto& n = numbers[i].number;
        if (!n.value) continue;
        if (n.form == PercentForm::format) {
            sides[i] = Side::fraction;
        } else if (n.form == PercentForm::none) {
            double x = std::fabs(*n.value);
            // A small plain number beside hundreds is a hundredth of its neighbours: a fraction typed
            // without its format. A tolerance is a difference, so only a far smaller one counts.
            double gap = is_level(numbers[i].role) ? 20 : 200;
            if (x > 1) sides[i] = Side::hundred;
            else if (x > 0 && largest_plain > 1 && largest_plain / x >= gap) sides[i] = Side::fraction;
        }
    }
    return sides;
}

// The side the row is read on when its cells disagree: the targets' (they
// are set once, by the performance team), else the value's, else the most common.
Side reference_side(const std::vector<RowNumber>& numbers, const std::vector<Side>& sides) {
    std::optional<Side> targets;
    bool targets_agree = true;
    for (std::size_t i = 0; i < numbers.size(); ++i) {
        if (!is_target(numbers[i].role) || sides[i] == Side::either) continue;
        if (targets && *targets != sides[i]) targets_agree = false;
        targets = sides[i];
    }
    if (targets && targets_agree) return *targets;
    for (std::size_t i = 0; i < numbers.size(); ++i)
        if (numbers[i].role == NumberRole::value && sides[i] != Side::either) return sides[i];
    auto fractions = std::count(sides.begin(), sides.end(), Side::fraction);
    auto hundreds = std::count(sides.begin(), sides.end(), Side::hundred);
    return hundreds >= fractions ? Side::hundred : Side::fraction;
}

std::string listed(const std::vector<RowNumber>& numbers, const std::vector<std::size_t>& which) {
    std::string out;
    for (std::size_t k = 0; k < which.size(); ++k)
        out += (k == 0 ? "" : k + 1 == which.size() ? " and " : ", ") + std::string(numbers[which[k]].what) + " " + numbers[which[k]].shown;
    return out;
}

Unit unit_without_words(const std::vector<RowNumber>& numbers, bool percent_written) {
    if (percent_written) return Unit::percent;
    bool whole_value = false, targets = false;
    for (const auto& n : numbers) {
        if (n.role == NumberRole::value && n.number.value) whole_value = *n.number.value == std::floor(*n.number.value);
        if (is_target(n.role) && n.number.value) targets = true;
    }
    return whole_value && !targets ? Unit::count : Unit::number;
}

}  // namespace

ScaledRow put_on_one_scale(std::optional<Unit> worded, const std::vector<RowNumber>& numbers) {
    ScaledRow out;
    out.values.resize(numbers.size());
    bool percent_written = std::any_of(numbers.begin(), numbers.end(),
                                       [](const RowNumber& n) { return n.number.value && n.number.percent(); });
    out.unit = worded ? *worded : unit_without_words(numbers, percent_written);

    if (out.unit != Unit::percent) {
        // A percentage in a row of days or rates is on another scale: nothing to convert it with.
        for (std::size_t i = 0; i < numbers.size(); ++i) {
            const auto& n = numbers[i];
            out.values[i] = n.number.value;
            if (n.number.value && n.number.percent())
                out.problems.push_back({i, fmt::format("the {} {} is written as a percentage, but the measure is {}: "
                                                       "give it in the measure's own unit",
                                                       n.what, n.shown, out.unit == Unit::currency ? "money" : "in " + model::unit_label(out.unit))});
            if (n.role == NumberRole::value) out.value_decimals = n.number.decimals;
        }
        return out;
    }

    auto sides = sides_of(numbers);
    bool fractions = std::count(sides.begin(), sides.end(), Side::fraction) > 0;
    bool hundreds = std::count(sides.begin(), sides.end(), Side::hundred) > 0;
    Side scale = fractions && hundreds ? reference_side(numbers, sides) : hundreds ? Side::hundred : Side::fraction;
    if (fractions && hundreds) {
        std::vector<std::size_t> off, on;
        for (std::size_t i = 0; i < numbers.size(); ++i) {
            if (sides[i] == Side::either) continue;
            (sides[i] == scale ? on : off).push_back(i);
        }
        for (std::size_t i : off)
            out.problems.push_back({i, fmt::format("the {} {} is not on the same scale as the {}: {}", numbers[i].what,
                                                   numbers[i].shown, listed(numbers, on),
                                                   scale == Side::hundred
                                                       ? "it reads as a fraction where the others are percentages typed "
                                                         "as numbers; type it the same way as the others (e.g. 90 for 90%)"
                                                       : "one is a percentage typed without its % sign; type it as a "
                                                         "percentage (e.g. 93.5%) or format the cell as one")});
    }
    for (std::size_t i = 0; i < numbers.size(); ++i) {
        const auto& n = numbers[i].number;
        if (!n.value) continue;
        bool plain = n.form == PercentForm::none;
        out.values[i] = plain && scale == Side::hundred ? from_hundred(*n.value) : *n.value;
        if (numbers[i].role == NumberRole::value)
            out.value_decimals = n.decimals < 0 ? -1 : n.decimals + (plain && scale == Side::hundred ? 2 : 0);
        bool flagged = std::any_of(out.problems.begin(), out.problems.end(), [&](const ScaleProblem& p) { return p.index == i; });
        double v = *out.values[i];
        if (!flagged && is_level(numbers[i].role) && (v < 0 || v > 1))
            out.problems.push_back({i, fmt::format("the {} {} is read as {}, outside 0-100%: check the figure and how it is "
                                                   "typed (0.9 or 90% for ninety per cent)",
                                                   numbers[i].what, numbers[i].shown, model::format_in_unit(Unit::percent, v))});
    }
    return out;
}

}  // namespace bp::recognise
