#include "model/issue.hpp"
#include "model/records.hpp"

#include <algorithm>

#include <cmath>

#include <fmt/format.h>

namespace bp::model {

const char* severity_name(Severity s) {
    switch (s) {
        case Severity::error: return "error";
        case Severity::warning: return "warning";
        case Severity::info: return "info";
    }
    return "error";
}

const char* status_name(PlanStatus s) {
    switch (s) {
        case PlanStatus::blue: return "blue";
        case PlanStatus::green: return "green";
        case PlanStatus::amber: return "amber";
        case PlanStatus::red: return "red";
        case PlanStatus::unrated: return "unrated";
    }
    return "unrated";
}

const char* rag_word(PlanStatus s) {
    switch (s) {
        case PlanStatus::blue: return "Blue";
        case PlanStatus::green: return "Green";
        case PlanStatus::amber: return "Amber";
        case PlanStatus::red: return "Red";
        case PlanStatus::unrated: return "Unrated";
    }
    return "Unrated";
}

const char* status_meaning(PlanStatus s) {
    switch (s) {
        case PlanStatus::blue: return "completed";
        case PlanStatus::green: return "on track";
        case PlanStatus::amber: return "some progress but slippage";
        case PlanStatus::red: return "not progressed as planned";
        case PlanStatus::unrated: return "not rated";
    }
    return "not rated";
}

namespace {
constexpr PlanStatus k_brag[] = {PlanStatus::blue, PlanStatus::green, PlanStatus::amber, PlanStatus::red};
}

std::string status_heading(PlanStatus s) { return std::string(rag_word(s)) + " \xE2\x80\x93 " + status_meaning(s); }

std::string status_legend() {
    std::string out;
    for (PlanStatus s : k_brag) out += (out.empty() ? "" : ", ") + std::string(rag_word(s)) + " = " + status_meaning(s);
    return out;
}

std::string status_choices() {
    std::string out;
    for (PlanStatus s : k_brag)
        out += (out.empty() ? "" : s == PlanStatus::red ? " or " : ", ") + std::string(rag_word(s)) + " (" + status_meaning(s) + ")";
    return out;
}

const char* rag_word(Rating r) {
    switch (r) {
        case Rating::green: return "Green";
        case Rating::amber: return "Amber";
        case Rating::red: return "Red";
        case Rating::none: return "None";
    }
    return "None";
}

const char* rating_name(Rating r) {
    switch (r) {
        case Rating::green: return "green";
        case Rating::amber: return "amber";
        case Rating::red: return "red";
        case Rating::none: return "none";
    }
    return "none";
}

const char* polarity_name(Polarity p) {
    switch (p) {
        case Polarity::higher: return "higher";
        case Polarity::lower: return "lower";
        case Polarity::none: return "none";
    }
    return "none";
}

bool Suppression::any() const {
    return value || numerator || denominator || previous || last_value ||
           std::find(trend.begin(), trend.end(), true) != trend.end();
}

const char* direction_name(Direction d) {
    switch (d) {
        case Direction::better: return "better";
        case Direction::worse: return "worse";
        case Direction::same: return "same";
        case Direction::unknown: return "unknown";
    }
    return "unknown";
}

const char* unit_name(Unit u) {
    switch (u) {
        case Unit::percent: return "percent";
        case Unit::count: return "count";
        case Unit::rate_per_1000: return "rate_per_1000";
        case Unit::rate_per_10000: return "rate_per_10000";
        case Unit::rate_per_100000: return "rate_per_100000";
        case Unit::days: return "days";
        case Unit::weeks: return "weeks";
        case Unit::months: return "months";
        case Unit::currency: return "currency";
        case Unit::number: return "number";
    }
    return "number";
}

std::string unit_label(Unit u) {
    switch (u) {
        case Unit::percent: return "%";
        case Unit::rate_per_1000: return "per 1,000";
        case Unit::rate_per_10000: return "per 10,000";
        case Unit::rate_per_100000: return "per 100,000";
        case Unit::days: return "days";
        case Unit::weeks: return "weeks";
        case Unit::months: return "months";
        case Unit::currency: return "\xC2\xA3";
        case Unit::count:
        case Unit::number: return {};
    }
    return {};
}

double unit_ratio_scale(Unit u) {
    switch (u) {
        case Unit::rate_per_1000: return 1e3;
        case Unit::rate_per_10000: return 1e4;
        case Unit::rate_per_100000: return 1e5;
        default: return 1;
    }
}

namespace {
// 1234.5 -> "1,234.5": thousands separated, decimals as asked (or as few as the value needs).
std::string grouped(double v, int decimals) {
    std::string digits = decimals >= 0 ? fmt::format("{:.{}f}", std::fabs(v), decimals) : fmt::format("{}", std::fabs(v));
    if (decimals < 0 && digits.find('e') != std::string::npos) digits = fmt::format("{:.6g}", std::fabs(v));
    auto dot = digits.find('.');
    std::string whole = digits.substr(0, dot), frac = dot == std::string::npos ? "" : digits.substr(dot);
    std::string out;
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) out += ',';
        out += whole[i];
    }
    return (v < 0 ? "-" : "") + out + frac;
}
}  // namespace

std::string format_in_unit(Unit u, double value, int decimals) {
    switch (u) {
        case Unit::percent: return grouped(value * 100, decimals < 0 ? 1 : decimals) + "%";
        case Unit::currency: return "\xC2\xA3" + grouped(value, decimals < 0 ? 0 : decimals);
        case Unit::count: return grouped(value, decimals < 0 ? 0 : decimals);
        case Unit::number: return grouped(value, decimals);
        default: return grouped(value, decimals < 0 ? 1 : decimals) + " " + unit_label(u);
    }
}

}  // namespace bp::model
