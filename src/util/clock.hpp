// The one clock every output states: the build time, read once per run.
// SOURCE_DATE_EPOCH (reproducible builds) replaces "now" when it is set, so
// two runs on the same inputs write byte-identical packs.
#pragma once

#include <ctime>
#include <string>

#include "util/excel_date.hpp"

namespace bp {

// SOURCE_DATE_EPOCH when it is a positive whole number of seconds, else now.
std::time_t build_time();
// The local calendar date of a time ("today" at the build time).
CivilDate local_date(std::time_t t);
// A time in UTC as ISO 8601 to the second: 2026-11-30T14:02:11Z.
std::string iso_utc(std::time_t t);

}  // namespace bp
