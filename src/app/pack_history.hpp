// The history around a build: where it is kept, the last board's pack loaded
// before the pipeline runs (for the comparison), and the new pack recorded once
// its outputs are written. build and batch use it; the web page keeps no history.
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "history/store.hpp"
#include "model/snapshot.hpp"
#include "pipeline/pipeline.hpp"

namespace bp::app {

struct HistoryFlags {
    std::optional<std::string> file;      // --history (default: history.sqlite beside the output folder)
    bool off = false;                     // --no-history
    std::optional<std::string> previous;  // --previous summary.json (build only)
};
// --history and --no-history, and with `previous` also --previous.
void add_history_options(CLI::App& cmd, HistoryFlags& flags, bool previous);

// The pack's name in the history: the output folder's name ("out/samples" -> "samples").
std::string pack_name_of(const std::string& out_dir);
// history.sqlite in the output folder's parent: beside the pack, never inside it.
std::string default_history_path(const std::string& out_dir);

// One history file, shared by the packs of a batch (its calls are serialised).
class PackHistory {
public:
    // Checks an existing file is a boardpack history that can be read (a missing one is
    // made when the first pack is recorded). Errors say what is wrong and what to do.
    static Result<std::shared_ptr<PackHistory>> open(const std::string& file);

    // The latest pack of `name` before `period` (see history::Store::previous); none for a first pack.
    Result<std::optional<model::PackSnapshot>> previous(const std::string& name, YearMonth period,
                                                        std::optional<CivilDate> reported_before = std::nullopt);
    // After the outputs are written; a pack of the same name and period is replaced.
    Status record(const model::Pack& pack, const std::string& name);
    const std::string& file() const { return m_file; }

private:
    explicit PackHistory(std::string file) : m_file(std::move(file)) {}
    std::mutex m_mutex;
    std::string m_file;
    std::optional<history::Store> m_store;  // empty until the file exists
};

// The pipeline run, and the pack compared with `given` (--previous) when there is one,
// otherwise with the history's latest pack of `name` before the new pack's period (none
// without a history); pack.since says which.
Result<model::Pack> run_compared(const std::vector<std::string>& files, const pipeline::Options& options,
                                 PackHistory* history, const std::string& name, const model::PackSnapshot* given);

// build: records the pack and says so on stdout, or on stderr why it could not (the
// outputs stand; the exit status stays the build's).
void record_pack(PackHistory& history, const model::Pack& pack, const std::string& name);

// batch: OUT_DIR/history.sqlite (or --history), refused inside a pack's folder.
Result<std::shared_ptr<PackHistory>> open_batch_history(const HistoryFlags& flags, const std::string& out_dir);

// What build takes from its history flags: the history (null with --no-history), the
// pack's name, and the --previous summary.json when given.
struct BuildHistory {
    std::shared_ptr<PackHistory> history;
    std::string name;
    std::optional<model::PackSnapshot> previous;
};
Result<BuildHistory> prepare_history(const HistoryFlags& flags, const std::string& out_dir);

}  // namespace bp::app
