// `boardpack batch IN_DIR --out OUT_DIR [--jobs N] [--watch]`: for admin staff.
// Each sub-folder of IN_DIR is one pack, each loose workbook its own pack,
// written to OUT_DIR/<pack>/; packs are built in parallel, and one bad file
// only ever spoils its own pack. --watch then keeps building packs for
// workbooks dropped into IN_DIR, each once it has stopped growing.
#pragma once

#include <CLI/CLI.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "app/limits_options.hpp"
#include "app/pack_commands.hpp"
#include "app/pack_writer.hpp"

namespace bp::app {

struct BatchOptions {
    std::string in_dir, out_dir;
    unsigned jobs = 0;  // 0: one per core
    bool watch = false;
    double settle_seconds = 2;  // --watch: a file unchanged this long is complete
    double poll_seconds = 1;    // --watch: how often IN_DIR is looked at
    PackOptions run;            // --as-of, --vocabulary, --template, reader limits
};

// One pack to build: a sub-folder's workbooks, or one loose workbook.
struct PackSource {
    std::string name;                // OUT_DIR/<name>/
    std::vector<std::string> files;  // the workbooks
    bool folder = false;
};

struct PackOutcome {
    std::string name;
    std::size_t inputs = 0;
    int errors = 0, warnings = 0, unreadable = 0;
    std::size_t outputs = 0;  // files written to OUT_DIR/<name>/
    int code = 0;             // as `build`: 0 clean, 1 errors found, 2 nothing built
    std::string problem;      // why nothing was built
    std::vector<std::string> notes;  // built, but: a checked copy that could not be made, and why
    std::vector<std::pair<std::string, std::string>> unreadable_files;  // each workbook not read: its name, why
    double seconds = 0;
};

struct FoundPacks {
    std::vector<PackSource> packs;
    std::vector<std::string> outputs;  // entries of in_dir that hold only boardpack's own outputs: not packs
};
// The packs in `in_dir`, by name. (OUT_DIR never overlaps it: run_batch refuses that.)
FoundPacks find_packs(const std::filesystem::path& in_dir);

PackOutcome build_pack(const PackSource& source, const std::filesystem::path& out_dir, const RunSettings& settings,
                       const WriteOptions& write);

struct BatchCommand {
    BatchOptions options;
    LimitFlags limits;
    CLI::App* cmd = nullptr;
};
void add_batch_command(CLI::App& app, BatchCommand& c);
int run_batch(BatchCommand& c);

int run_batch(const BatchOptions& options);

}  // namespace bp::app
