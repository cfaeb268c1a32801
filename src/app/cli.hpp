// Command-line front end: parses arguments and dispatches to the commands.
#pragma once

namespace bp::app {
int run_cli(int argc, char** argv);
}
