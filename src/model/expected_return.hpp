// The submission tracker's result: for each return the returns list expects
// (a team's plan or KPI workbook by a due date), whether it came, and when;
// and each input no entry expected. Plain data; no I/O.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "util/excel_date.hpp"

namespace bp::model {

enum class InputKind;

enum class ReturnState {
    received,    // on or before its due date
    late,        // after its due date
    missing,     // not among the inputs, and its due date has passed (on the report date)
    awaited,     // not among the inputs, but not yet due
    unexpected,  // an input that no entry of the list expects
};
const char* return_state_name(ReturnState s);  // summary.json's word: "received", "late", ...

// Where a received date comes from, most trusted first.
enum class ReceivedFrom {
    option,        // --received FILE=YYYY-MM-DD
    returns_list,  // the return's own `received =` in the returns list
    file_time,     // the local date of the file's modified time
};
const char* received_from_name(ReceivedFrom f);  // "--received", "returns_list", "file_time"

struct ExpectedReturn {
    std::string team;     // empty for an unexpected file
    std::string lead;
    std::string pattern;  // the file name glob ("plan-workforce*.xlsx"); empty for an unexpected file
    std::optional<InputKind> kind;  // plan or kpi; none for an unexpected file
    std::optional<CivilDate> due;   // none for an unexpected file
    ReturnState state = ReturnState::missing;
    std::vector<std::string> files;    // the inputs it matched, as the pack names them
    std::optional<CivilDate> received;  // the latest of their received dates (in the list: its `received =`)
    ReceivedFrom received_from = ReceivedFrom::file_time;
    bool wrong_kind = false;            // a matched file holds the other kind (a plan where KPIs were expected)
    long line = 0;                      // its block in the returns list
};

// The tracker's whole result, on the pack.
struct ReturnsTracker {
    std::string list;                      // the returns list it was read from; empty: no list, no tracker
    std::vector<ExpectedReturn> entries;   // the list's entries in its order, then the unexpected files
    bool active() const { return !list.empty(); }
};

}  // namespace bp::model
