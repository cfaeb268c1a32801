// What `--help` says beyond each option's own line: a command's exit codes and
// examples (its footer), and numbers in plain units ("--max-cells N=2000000",
// not "FLOAT:POSITIVE=2e+06"). Applied once all commands are declared, so an
// option added anywhere is tidied too.
#pragma once

#include <CLI/CLI.hpp>

namespace bp::app {

void finish_help(CLI::App& app);

}  // namespace bp::app
