// `boardpack dump FILE [--sheet NAME] --json`: every cell the reader sees.
#pragma once

#include <cstdio>
#include <optional>
#include <string>

#include "read/workbook.hpp"

namespace bp::app {

struct DumpOptions {
    std::string file;
    std::optional<std::string> sheet;
    read::ReadLimits limits;
};

// Writes the JSON to `out`; returns the process exit code (errors to stderr).
int run_dump(const DumpOptions& options, std::FILE* out);

// The text dump shows for a date cell: ISO date/datetime, a time of day
// for serials below 1, an ISO duration for elapsed-time formats.
std::string date_text(double serial, read::NumFmtKind kind, bool date1904);

}  // namespace bp::app
