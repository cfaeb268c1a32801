// The returns list (returns.ini, docs/submission-tracker.md): which returns a
// board expects this month, one [return] block each, so the build can say who
// sent theirs, who sent it late and who has not sent it.
//
//   [return]
//   team = Workforce
//   lead = Jo Bloggs
//   files = plan-workforce*.xlsx   # the file name, * and ? wildcards, any case
//   kind = plan                    # plan | kpi
//   due = 2026-11-20               # YYYY-MM-DD
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/expected_return.hpp"
#include "util/result.hpp"

namespace bp::check {

// `--received FILE=YYYY-MM-DD`: when a return really arrived (its file time
// may be a copy's, not the email's).
struct ReceivedDate {
    std::string file;  // an input as given, or its file name
    CivilDate date;
};

struct ReturnsList {
    std::string path;
    std::vector<model::ExpectedReturn> expected;  // in the file's order, state not yet known
    std::vector<ReceivedDate> received;
};

// A returns list from its text; errors name `path` and the line ("line 7: ...").
Result<ReturnsList> parse_returns_list(std::string_view text, const std::string& path);
Result<ReturnsList> load_returns_list(const std::string& path);

// "plan-workforce.xlsx=2026-11-21"; the error says how to write it.
Result<ReceivedDate> parse_received(std::string_view arg);

// Whether an override names this input (its path as given, or its file name; any case).
bool names_input(const ReceivedDate& r, const std::string& input_file);

}  // namespace bp::check
