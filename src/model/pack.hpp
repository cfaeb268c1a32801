// The pack: everything a board pack says, built once by the pipeline and
// taken as it is by every renderer (scorecard.xlsx, board-report.pdf,
// summary.json, the console, the web page). Plain data; no I/O.
#pragma once

#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "model/expected_return.hpp"
#include "model/issue.hpp"
#include "model/records.hpp"
#include "model/snapshot.hpp"
#include "model/table_mapping.hpp"
#include "util/excel_date.hpp"

namespace bp::model {

enum class InputKind { plan, kpi, mixed, unrecognised };
enum class InputStatus { ok, warnings, errors, unreadable };
const char* input_kind_name(InputKind k);      // "plan": summary.json's word
const char* input_status_name(InputStatus s);  // "warnings"

// The file itself, so a reader can tell which copy of a return the pack was built from.
struct FileFacts {
    std::uint64_t bytes = 0;
    std::string sha256;                   // 64 hex digits; empty when the file could not be read at all
    std::optional<std::time_t> modified;  // its last write time; unknown for an upload (its time is the upload's)
};

// One workbook read for the pack.
struct Input {
    std::string file;
    InputKind kind = InputKind::unrecognised;
    InputStatus status = InputStatus::ok;
    int records = 0;
    std::vector<TableMapping> tables;  // how each table in it was read
    std::string near_miss;             // no table: the closest thing to one
    std::string near_fingerprint;      // its heading row's, for a column mapping
    FileFacts facts;
};

// Seed 002's table: one plan section's actions by status.
struct SectionCount {
    std::string name;
    int total = 0, blue = 0, green = 0, amber = 0, red = 0, unrated = 0;
    void add(PlanStatus s);
    int count(PlanStatus s) const;
};

// The sections added up (named "Total").
SectionCount total_of(const std::vector<SectionCount>& sections);

struct RatingCounts {
    int green = 0, amber = 0, red = 0, none = 0;
    int rated() const { return green + amber + red; }
};

// What the pack is compared with: the last board's pack. The per-record
// movements are on each action and measure (last_status, direction, ...).
struct SinceLast {
    bool compared = false;  // false: a first pack, nothing to compare with (no arrows)
    std::string origin;     // where the previous pack was read (PackSnapshot::origin)
    YearMonth period;       // the month the previous pack reported
    CivilDate report_date;
    std::vector<ActionSnapshot> removed_actions;    // there last time, not now
    std::vector<MeasureSnapshot> removed_measures;
};

struct Pack {
    std::vector<Input> inputs;
    Issues issues;  // errors first, then warnings, then info; each in input order
    int errors = 0, warnings = 0, infos = 0;

    std::vector<PlanAction> actions;     // consolidated: by section (first seen), then ref
    std::vector<SectionCount> sections;  // in the order first seen
    SectionCount plan_total;             // all sections together (name "Total")
    std::vector<KpiMeasure> measures;    // grouped by group
    RatingCounts counts;
    int suppression_threshold = 0;       // a public pack: counts 1..this hidden (KpiMeasure::suppressed); 0: none
    std::optional<YearMonth> period;     // the month the KPIs report (the latest sent)

    CivilDate report_date;         // --as-of: the date "overdue" is judged against
    std::time_t built_at = 0;      // when the pack was built (SOURCE_DATE_EPOCH when set)
    std::string tool_version;      // "boardpack 0.1.0"'s number
    SinceLast since;               // what changed since the last board
    ReturnsTracker returns;        // who sent their return, and when (a returns list given)

    int suppressed_measures() const;  // measures with any number hidden from a public report
    bool any_readable() const;
    bool any_table() const;  // some input held a plan or KPI table: there is a pack to build
    std::string period_label() const { return period ? month_label(*period) : std::string{}; }
};

// The month a pack is kept under in the history: the KPI period, or for a
// plan-only pack the report date's month.
YearMonth pack_period(const Pack& pack);

}  // namespace bp::model
