// The reader's safety limits as command-line flags, shared by every command
// that reads workbooks.
#pragma once

#include <CLI/CLI.hpp>

#include "read/workbook.hpp"

namespace bp::app {

struct LimitFlags {
    double part_mb = 0, total_mb = 0, file_mb = 0, ratio = 0;
    double cells = 0, text_mb = 0, seconds = 0;
};

void add_limit_options(CLI::App& cmd, LimitFlags& flags, const read::ReadLimits& defaults);
read::ReadLimits to_limits(const LimitFlags& flags);

}  // namespace bp::app
