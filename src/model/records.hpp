// The domain model: improvement-plan actions and KPI measures, each keeping
// where it came from. Plain data; no I/O.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/cell_ref.hpp"
#include "util/excel_date.hpp"

namespace bp::model {

struct Source {
    std::string file;
    std::string sheet;
    std::uint32_t row = 0;  // 1-based, as people see it
    // field -> the cell it came from: a record has a few, one list of them (a map
    // cost an allocation each, on every record of a large sheet)
    std::vector<std::pair<std::string, CellPos>> cells;
    std::optional<CellPos> cell(std::string_view field) const {
        for (const auto& [name, at] : cells)
            if (name == field) return at;
        return std::nullopt;
    }
};

// Plan status (Medway's BRAG): Blue = completed, Green = on track,
// Amber = some progress but slippage, Red = not progressed as planned.
enum class PlanStatus { blue, green, amber, red, unrated };
const char* status_name(PlanStatus s);     // "blue": summary.json's word
const char* rag_word(PlanStatus s);        // "Blue": as written in reports
const char* status_meaning(PlanStatus s);  // "completed", "on track", "some progress but slippage", "not progressed as planned"
// The one wording of the BRAG scale, for every output:
std::string status_heading(PlanStatus s);  // "Amber – some progress but slippage" (seed 002's table heading)
std::string status_legend();           // "Blue = completed, Green = on track, Amber = ..., Red = not progressed as planned"
std::string status_choices();          // "Blue (completed), Green (on track), Amber (...) or Red (not progressed as planned)"

struct PlanAction {
    std::string ref;
    bool ref_generated = false;
    std::string section;
    std::string action;
    std::string lead;
    std::optional<CivilDate> due;
    bool due_ongoing = false;  // "Ongoing", "Quarterly": no single date, and none missing
    PlanStatus status = PlanStatus::unrated;
    bool status_from_fill = false;
    std::string progress;
    std::string evidence;
    Source source;
    bool rejected = false;  // an error was found in the row: listed, left out of the pack
    bool overdue = false;   // due before the report date and not completed
    bool awaiting_commentary = false;  // red, or amber and overdue, with no progress update
    // Since the last board (set only when there is a previous pack to compare with):
    bool new_since_last = false;            // no action with this ref last time
    std::optional<PlanStatus> last_status;  // its status last time
    std::optional<CivilDate> last_due;      // its due date last time
};

enum class Rating { green, amber, red, none };
const char* rating_name(Rating r);
const char* rag_word(Rating r);  // "Green"

enum class Polarity { higher, lower, none };

// How a measure moved since the last board, judged by its polarity.
enum class Direction { better, worse, same, unknown };
const char* direction_name(Direction d);  // "better": summary.json's word
const char* polarity_name(Polarity p);

// One unit per measure: every number of the measure (value, previous, trend,
// targets) is in it. Percentages are held as fractions (90.4% is 0.904).
enum class Unit { percent, count, rate_per_1000, rate_per_10000, rate_per_100000, days, weeks, months, currency, number };
const char* unit_name(Unit u);        // "rate_per_10000": summary.json's word
std::string unit_label(Unit u);       // "per 10,000": how people read it; empty for count and number
double unit_ratio_scale(Unit u);      // numerator / denominator times this is the value: 10000 for a rate per 10,000
std::string format_in_unit(Unit u, double value, int decimals = -1);  // "90.4%", "42.6 per 10,000", "20 days", "£1,200"

struct TrendPoint {
    YearMonth month;
    std::optional<double> value;
    std::string label() const { return month_label(month); }  // "Aug 23"
};

// The numbers of a measure hidden from a public report because they are, or would give
// away, a small count of children (shown "c", as the Department for Education does).
struct Suppression {
    bool value = false, numerator = false, denominator = false, previous = false, last_value = false;
    std::vector<bool> trend;  // by trend point; empty: none hidden
    bool any() const;
    bool trend_point(std::size_t i) const { return i < trend.size() && trend[i]; }
};

struct KpiMeasure {
    std::string ref;
    std::string group;
    std::string title;
    std::optional<double> value;  // percentages as fractions: 90.4% is 0.904
    int value_decimals = -1;      // decimals the value was shown with (fraction scale); -1 unknown
    Unit unit = Unit::number;
    std::optional<double> numerator, denominator, previous;
    std::string period_type;  // Snapshot, YTD, Rolling Year, Month
    std::vector<TrendPoint> trend;
    std::optional<double> target_min, target_upper;
    Polarity polarity = Polarity::none;      // the measure's direction (from a column or the targets)
    std::optional<Polarity> stated_polarity;  // what a polarity column said, if any
    Rating rag = Rating::none;                // computed
    std::optional<Rating> supplied_rag;       // what the team typed
    std::string commentary;
    Source source;
    bool rejected = false;
    bool awaiting_commentary = false;  // red with no commentary
    // Since the last board (set only when there is a previous pack to compare with):
    bool new_since_last = false;          // no measure with this ref last time
    std::optional<Rating> last_rag;       // its rating last time
    std::optional<double> last_value;     // its value last time, in this unit
    Direction direction = Direction::unknown;
    Suppression suppressed;  // set only for a public report (audience = public)
};

}  // namespace bp::model
