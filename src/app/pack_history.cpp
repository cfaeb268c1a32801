#include "app/pack_history.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "check/compare.hpp"
#include "history/summary_snapshot.hpp"
#include "util/path_overlap.hpp"

namespace bp::app {

namespace fs = std::filesystem;

namespace {

// The output folder as a path with a name: "out/samples/" and "." have none as written.
fs::path named_folder(const std::string& out_dir) {
    fs::path p = fs::path(out_dir).lexically_normal();
    if (!p.empty() && p.filename().empty()) p = p.parent_path();
    if (p.empty() || p.filename() == "." || p.filename() == "..") p = fs::absolute(p).lexically_normal();
    if (!p.empty() && p.filename().empty()) p = p.parent_path();
    return p;
}

fs::path folder_of(const std::string& file) {
    fs::path parent = fs::path(file).parent_path();
    return parent.empty() ? fs::path(".") : parent;
}

}  // namespace

void add_history_options(CLI::App& cmd, HistoryFlags& flags, bool previous) {
    auto* file = cmd.add_option("--history", flags.file,
                                "History database to compare with and record the pack in (default: history.sqlite "
                                "beside the output folder)")
                     ->type_name("FILE");
    cmd.add_flag("--no-history", flags.off, "Neither read nor record a history")->excludes(file);
    if (previous)
        cmd.add_option("--previous", flags.previous,
                       "An earlier pack's summary.json to compare with, instead of the history's last pack")
            ->type_name("FILE");
}

std::string pack_name_of(const std::string& out_dir) {
    std::string name = named_folder(out_dir).filename().string();
    return name.empty() ? "pack" : name;  // "--out /": a pack needs some name
}

std::string default_history_path(const std::string& out_dir) {
    fs::path parent = named_folder(out_dir).parent_path();
    return (parent.empty() ? fs::path("history.sqlite") : parent / "history.sqlite").string();
}

Result<std::shared_ptr<PackHistory>> PackHistory::open(const std::string& file) {
    std::shared_ptr<PackHistory> h(new PackHistory(file));
    std::error_code ec;
    if (fs::is_directory(file, ec))
        return make_error(Errc::usage, "is a folder: give --history a file (history.sqlite)", {file});
    if (fs::exists(file, ec)) {
        BP_ASSIGN_OR_RETURN(history::Store store, history::Store::open(file, history::OpenMode::create));
        h->m_store.emplace(std::move(store));
    }
    return h;
}

Result<std::optional<model::PackSnapshot>> PackHistory::previous(const std::string& name, YearMonth period,
                                                                 std::optional<CivilDate> reported_before) {
    std::lock_guard lock(m_mutex);
    if (!m_store) return std::optional<model::PackSnapshot>{};
    return m_store->previous(name, period, reported_before);
}

Status PackHistory::record(const model::Pack& pack, const std::string& name) {
    std::lock_guard lock(m_mutex);
    if (!m_store) {
        BP_ASSIGN_OR_RETURN(history::Store store, history::Store::open(m_file, history::OpenMode::create));
        m_store.emplace(std::move(store));
    }
    return m_store->record(pack, name);
}

Result<model::Pack> run_compared(const std::vector<std::string>& files, const pipeline::Options& options,
                                 PackHistory* history, const std::string& name, const model::PackSnapshot* given) {
    // The pack's period is known only once its workbooks are read: the pack is built,
    // then compared with the history's latest pack before that period (or `given`).
    model::Pack pack = pipeline::run(files, options);
    std::optional<model::PackSnapshot> found;
    if (!given && history) {
        BP_ASSIGN_OR_RETURN(found, history->previous(name, model::pack_period(pack)));
        if (found) given = &*found;
    }
    if (given) check::compare_with_previous(pack, *given);
    return pack;
}

void record_pack(PackHistory& history, const model::Pack& pack, const std::string& name) {
    if (Status s = history.record(pack, name); !s)
        fmt::print(stderr, "boardpack: the pack was written but not recorded in the history: {}\n", to_string(s.error()));
    else
        fmt::print("Recorded in {} as pack {}, {}\n", history.file(), name, month_label(model::pack_period(pack)));
}

Result<std::shared_ptr<PackHistory>> open_batch_history(const HistoryFlags& flags, const std::string& out_dir) {
    std::string file = flags.file ? *flags.file : (fs::path(out_dir) / "history.sqlite").string();
    // Each pack's folder is swapped whole; OUT_DIR itself is not.
    if (within(folder_of(file), out_dir) && !within(out_dir, folder_of(file)))
        return make_error(Errc::usage,
                          "is inside a pack's folder, which each build replaces: keep it in OUT_DIR (the default) or "
                          "elsewhere",
                          {file});
    return PackHistory::open(file);
}

Result<BuildHistory> prepare_history(const HistoryFlags& flags, const std::string& out_dir) {
    BuildHistory b;
    b.name = pack_name_of(out_dir);
    if (flags.previous) {
        BP_ASSIGN_OR_RETURN(model::PackSnapshot snap, history::read_summary_snapshot(*flags.previous));
        b.previous = std::move(snap);
    }
    if (flags.off) return b;
    std::string file = flags.file ? *flags.file : default_history_path(out_dir);
    // The pack writer swaps the whole output folder: a history inside it would be lost.
    if (within(folder_of(file), out_dir))
        return make_error(Errc::usage,
                          fmt::format("is inside the output folder {}, which each build replaces: keep the history "
                                      "beside it (the default) or elsewhere",
                                      out_dir),
                          {file});
    BP_ASSIGN_OR_RETURN(b.history, PackHistory::open(file));
    return b;
}

}  // namespace bp::app
