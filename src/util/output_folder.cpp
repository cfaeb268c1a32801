#include "util/output_folder.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "util/atomic_file.hpp"
#include "util/digest_cache.hpp"
#include "util/output_manifest.hpp"
#include "util/path_overlap.hpp"
#include "util/temp_names.hpp"

namespace bp {

namespace fs = std::filesystem;

namespace {

// Tests only: BOARDPACK_TEST_KILL_AT=STEP[:N] kills the process (SIGKILL, as
// `kill -9` would) the Nth time (default first) it reaches STEP: "staged" (the
// staging folder is complete, before the swap), "swapped" (after the swap,
// before the old set is removed), "replacing" (in place, after the first rename).
void kill_point(const char* step) {
    static const char* spec = std::getenv("BOARDPACK_TEST_KILL_AT");
    static std::atomic<int> hits{0};
    if (!spec) return;
    std::size_t n = std::strlen(step);
    if (std::strncmp(spec, step, n) != 0 || (spec[n] != '\0' && spec[n] != ':')) return;
    int at = spec[n] == ':' ? std::atoi(spec + n + 1) : 1;
    if (++hits == at) ::raise(SIGKILL);
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

bool regular(const fs::path& p) {
    std::error_code ec;
    return fs::is_regular_file(fs::symlink_status(p, ec));
}

std::vector<fs::path> entries(const fs::path& dir) {
    std::vector<fs::path> out;
    std::error_code ec;
    for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
        out.push_back(it->path());
    return out;
}

// rename(2) with renameat2 flags; -1 with errno as the kernel says.
int rename_flags(const fs::path& from, const fs::path& to, unsigned flags) {
    return ::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), flags);
}

bool unsupported(int err) { return err == EINVAL || err == ENOSYS || err == ENOTSUP || err == EOPNOTSUPP; }

Error os_error(const std::string& what, const fs::path& where) {
    return make_error(Errc::output, what + ": " + std::strerror(errno), {where.string()});
}

// The subfolders outputs are named in ("returns" for "returns/a.xlsx"), with "" for the folder itself.
std::vector<std::string> subfolders(const std::vector<std::string>& names) {
    std::vector<std::string> out{""};
    for (const auto& n : names) {
        std::string sub = fs::path(n).parent_path().generic_string();
        if (!contains(out, sub)) out.push_back(sub);
    }
    return out;
}

std::string joined(const std::string& sub, const std::string& leaf) { return sub.empty() ? leaf : sub + "/" + leaf; }

// A staging folder's own content: the outputs, the manifest and temporaries of
// them, the zip writer's included (the output's name and ".XXXXXX"); `sub` is
// the subfolder the file `leaf` is in.
bool stage_content(const std::string& sub, const std::string& leaf, const std::vector<std::string>& names) {
    std::string name = joined(sub, leaf);
    if (contains(names, name) || name == k_manifest_name) return true;
    if (!sub.empty() && contains(names, joined(sub, "*"))) return true;  // any output of that subfolder
    auto dot = name.rfind('.');
    if (dot != std::string::npos && name.size() - dot == 7 && contains(names, name.substr(0, dot))) return true;
    auto t = parse_temp_name(leaf);
    return t && (contains(names, joined(sub, t->target)) || joined(sub, t->target) == k_manifest_name);
}

// Removes the subfolders of outputs under `dir` that are now empty.
void remove_empty_subfolders(const fs::path& dir, const std::vector<std::string>& names) {
    std::error_code ec;
    for (const auto& sub : subfolders(names))
        if (!sub.empty() && fs::is_directory(fs::symlink_status(dir / sub, ec))) fs::remove(dir / sub, ec);  // only if empty
}

// Removes a staging folder made by boardpack: its outputs, manifest and
// temporaries; anything else is left, and the folder with it.
void remove_stage(const fs::path& stage, const std::vector<std::string>& names) {
    std::error_code ec;
    if (!fs::is_directory(fs::symlink_status(stage, ec))) return;
    for (const auto& sub : subfolders(names)) {
        if (!sub.empty() && !fs::is_directory(fs::symlink_status(stage / sub, ec))) continue;
        for (const auto& p : entries(stage / sub))
            if (regular(p) && stage_content(sub, p.filename().string(), names)) fs::remove(p, ec);
    }
    remove_empty_subfolders(stage, names);
    fs::remove(stage, ec);  // only if now empty
}

void remove_stale_files(const fs::path& dir, const std::vector<std::string>& names) {
    std::error_code ec;
    for (const auto& sub : subfolders(names)) {
        if (!sub.empty() && !fs::is_directory(fs::symlink_status(dir / sub, ec))) continue;
        for (const auto& p : entries(dir / sub)) {
            auto t = parse_temp_name(p.filename().string());
            if (!t || t->kind != TempKind::file) continue;
            if (!(contains(names, joined(sub, t->target)) || (sub.empty() && t->target == k_manifest_name))) continue;
            if (regular(p) && is_stale(p, *t)) fs::remove(p, ec);
        }
    }
}

void remove_stale_stages_of(const fs::path& dir, const std::vector<std::string>& names, const std::string* target) {
    for (const auto& p : entries(dir)) {
        auto t = parse_temp_name(p.filename().string());
        if (!t || t->kind != TempKind::stage || (target && t->target != *target)) continue;
        if (is_stale(p, *t)) remove_stage(p, names);
    }
}

struct stat stat_of(const fs::path& p) {
    struct stat st {};
    if (::stat(p.c_str(), &st) != 0) st.st_dev = 0, st.st_ino = 0, st.st_mode = 0;
    return st;
}

}  // namespace

std::string in_the_way_message(const fs::path& shown_dir, const std::vector<std::string>& names) {
    if (std::find(names.begin(), names.end(), "") != names.end())
        return shown_dir.string() + " is a file, not a folder: choose a folder for the pack";
    auto fm = read_manifest(shown_dir);
    auto listed = [&](const std::string& n) {
        if (!fm.manifest) return false;
        for (const auto* set : {&fm.manifest->files, &fm.manifest->previous})
            for (const auto& e : *set)
                if (e.name == n) return true;
        return false;
    };
    std::vector<std::string> changed, foreign;
    for (const auto& n : names) (listed(n) ? changed : foreign).push_back((shown_dir / n).string());
    auto list = [](const std::vector<std::string>& v) {
        std::string s;
        for (std::size_t i = 0; i < v.size(); ++i) s += (i == 0 ? "" : i + 1 == v.size() ? " and " : ", ") + v[i];
        return s;
    };
    std::string what;
    if (!changed.empty())
        what = fmt::format("{} {} changed after boardpack wrote {}", list(changed), changed.size() == 1 ? "was" : "were",
                           changed.size() == 1 ? "it" : "them");
    if (!foreign.empty())
        what += fmt::format("{}{} {} not written by boardpack", what.empty() ? "" : " and ", list(foreign),
                            foreign.size() == 1 ? "was" : "were");
    const char* them = names.size() == 1 ? "it" : "them";
    return fmt::format("{}, so boardpack will not replace {}: move {} out of {}, or choose another output folder", what,
                       them, them, shown_dir.string());
}

bool is_stage_name(const std::string& name) {
    auto t = parse_temp_name(name);
    return t && t->kind == TempKind::stage;
}

void remove_stale_stages(const fs::path& dir, const std::vector<std::string>& names) {
    remove_stale_stages_of(dir, names, nullptr);
}

// What the folder holds now.
struct OutputFolder::Look {
    bool exists = false;
    bool manifest = false;  // a manifest boardpack can read
    std::vector<std::string> own;         // outputs present that are boardpack's
    std::vector<std::string> in_the_way;  // see in_the_way()
    bool alone = false;  // nothing in the folder but boardpack's own files
};

OutputFolder::Look OutputFolder::look() const {
    Look l;
    std::error_code ec;
    auto st = fs::symlink_status(m_dir, ec);
    if (st.type() == fs::file_type::not_found) return l.alone = true, l;
    if (!fs::is_directory(fs::status(m_dir, ec))) return l.in_the_way.push_back(""), l;
    l.exists = true;
    auto fm = read_manifest(m_dir);
    l.manifest = fm.manifest.has_value();
    if (fm.foreign) l.in_the_way.push_back(k_manifest_name);
    for (const auto& sub : subfolders(m_names)) {
        auto type = sub.empty() ? fs::file_type::directory : fs::symlink_status(m_dir / sub, ec).type();
        // A file or a symlink where an output subfolder goes: outputs are never written through it.
        if (type != fs::file_type::directory && type != fs::file_type::not_found) l.in_the_way.push_back(sub);
    }
    for (const auto& n : m_names) {
        if (contains(l.in_the_way, fs::path(n).parent_path().generic_string())) continue;
        if (fs::symlink_status(m_dir / n, ec).type() == fs::file_type::not_found) continue;
        if (fm.manifest && is_own(*fm.manifest, m_dir, n))
            l.own.push_back(n);
        else
            l.in_the_way.push_back(n);
    }
    l.alone = l.in_the_way.empty();
    for (const auto& p : entries(m_dir)) {
        std::string n = p.filename().string();
        if (contains(l.own, n) || (n == k_manifest_name && l.manifest)) continue;
        bool own_subfolder = contains(subfolders(m_names), n) && fs::is_directory(fs::symlink_status(p, ec));
        if (own_subfolder)
            for (const auto& q : entries(p))
                if (!contains(l.own, joined(n, q.filename().string()))) own_subfolder = false;
        if (!own_subfolder) l.alone = false;
    }
    return l;
}

OutputFolder::OutputFolder(const fs::path& dir, std::vector<std::string> names, std::string written_by)
    : m_dir(resolved(dir)), m_names(std::move(names)), m_written_by(std::move(written_by)) {
    remove_stale_files(m_dir, m_names);
    std::string leaf = m_dir.filename().string();
    remove_stale_stages_of(m_dir.parent_path(), m_names, &leaf);
    // The folder is swapped whole only when it is boardpack's alone, on the same
    // file system as its parent, and not where this process (or the shell that
    // started it) stands: a swapped folder would leave that shell in a removed one.
    Look l = look();
    std::error_code ec;
    fs::path cwd = fs::current_path(ec);
    bool here = !ec && within(cwd, m_dir);
    // A folder of another user's stays theirs: swapping would make it this user's.
    struct stat st = stat_of(m_dir);
    bool same_fs = !l.exists || st.st_dev == stat_of(m_dir.parent_path()).st_dev;
    bool mine = !l.exists || st.st_uid == ::geteuid();
    m_swap = l.alone && same_fs && mine && !here && m_dir != m_dir.parent_path();
}

OutputFolder::~OutputFolder() {
    discard();
    if (!m_stage_dir.empty()) remove_stage(m_stage_dir, m_names);
}

std::vector<std::string> OutputFolder::in_the_way() const { return look().in_the_way; }

Status OutputFolder::ensure_stage_dir() {
    if (!m_stage_dir.empty()) return Ok{};
    std::error_code ec;
    fs::create_directories(m_dir.parent_path(), ec);
    if (ec) return make_error(Errc::output, "cannot create the output folder: " + ec.message(), {m_dir.parent_path().string()});
    fs::path stage = m_dir.parent_path() / temp_name(m_dir.filename().string(), TempKind::stage);
    if (::mkdir(stage.c_str(), 0777) != 0) {
        m_swap = false;  // no write access beside the folder (only in it): write in place instead
        return os_error("cannot make a staging folder beside the output folder", stage);
    }
    m_stage_dir = stage;
    return Ok{};
}

Result<fs::path> OutputFolder::stage(const std::string& name) {
    if (!contains(m_names, name)) return make_error(Errc::output, "not one of the folder's outputs: " + name);
    std::lock_guard<std::mutex> lock(m_mutex);
    fs::path path;
    fs::path sub = fs::path(name).parent_path(), leaf = fs::path(name).filename();
    std::error_code ec;
    if (m_swap && ensure_stage_dir()) {
        path = m_stage_dir / name;
        if (!sub.empty()) fs::create_directories(m_stage_dir / sub, ec);
    } else {
        fs::create_directories(m_dir / sub, ec);
        path = m_dir / sub / temp_name(leaf.string(), TempKind::file);
    }
    if (ec) return make_error(Errc::output, "cannot create the output folder: " + ec.message(), {(m_dir / sub).string()});
    m_staged.emplace_back(name, path);
    return path;
}

void OutputFolder::discard() {
    std::lock_guard<std::mutex> lock(m_mutex);
    for (const auto& [name, path] : m_staged) {
        std::error_code ec;
        fs::remove(path, ec);
    }
    m_staged.clear();
}

void OutputFolder::discard(const std::string& name) {
    std::lock_guard<std::mutex> lock(m_mutex);
    std::erase_if(m_staged, [&](const auto& staged) {
        if (staged.first != name) return false;
        std::error_code ec;
        fs::remove(staged.second, ec);
        return true;
    });
}

namespace {

// Synced to disk, with their digests, in the order of `names` (outputs are staged in any order).
Result<std::vector<ManifestEntry>> describe(const std::vector<std::pair<std::string, fs::path>>& files,
                                            const std::vector<std::string>& names) {
    std::vector<ManifestEntry> out;
    for (const auto& n : names) {
        for (const auto& [name, path] : files) {
            if (name != n) continue;
            BP_TRY(sync_to_disk(path));
            BP_ASSIGN_OR_RETURN(FileDigest d, digest_file_once(path));  // most done by the writing thread
            out.push_back({name, d});
        }
    }
    return out;
}

}  // namespace

Status OutputFolder::commit() {
    for (int attempt = 0; attempt < 3; ++attempt) {
        Look now = look();
        // Clearing (nothing staged) removes boardpack's files around the ones in the way.
        if (!now.in_the_way.empty() && !m_staged.empty()) {
            discard();
            return make_error(Errc::output, in_the_way_message(m_dir, now.in_the_way));
        }
        if (m_staged.empty() && now.own.empty() && !now.manifest) return Ok{};  // nothing to publish or clear
        // Something else appeared in the folder while the pack was being built: leave it where it is.
        if (!m_swap || !now.alone) return commit_in_place(now);
        Status s = commit_swap(now);
        if (s || s.error().code != Errc::bad_value) return s;  // bad_value: the folder changed under us, look again
    }
    return make_error(Errc::output, "the output folder keeps changing while boardpack writes to it", {m_dir.string()});
}

Status OutputFolder::commit_swap(const Look& now) {
    if (!ensure_stage_dir()) return commit_in_place(now);  // only when nothing was staged
    BP_ASSIGN_OR_RETURN(std::vector<ManifestEntry> set, describe(m_staged, m_names));
    if (!set.empty()) BP_TRY(write_manifest(m_stage_dir, Manifest{true, set, {}, m_written_by, {}}));
    BP_TRY(sync_to_disk(m_stage_dir));
    kill_point("staged");
    fs::path parent = m_dir.parent_path();
    if (!now.exists) {
        if (set.empty()) return Ok{};
        if (rename_flags(m_stage_dir, m_dir, RENAME_NOREPLACE) != 0) {
            if (errno == EEXIST) return make_error(Errc::bad_value, "the output folder appeared", {m_dir.string()});
            if (!unsupported(errno) || std::rename(m_stage_dir.c_str(), m_dir.c_str()) != 0)
                return os_error("cannot move the finished pack into place", m_dir);
        }
        m_stage_dir.clear(), m_staged.clear();
        return sync_to_disk(parent);
    }
    // The folder keeps its group and permissions (chown first: it may clear set-group-id).
    struct stat st = stat_of(m_dir);
    [[maybe_unused]] int grouped = ::chown(m_stage_dir.c_str(), static_cast<uid_t>(-1), st.st_gid);  // fails if not a member
    ::chmod(m_stage_dir.c_str(), st.st_mode & 07777);
    if (rename_flags(m_stage_dir, m_dir, RENAME_EXCHANGE) != 0) {
        if (!unsupported(errno)) return os_error("cannot swap the finished pack into place", m_dir);
        return commit_in_place(now);  // the staged files move in one by one, from the staging folder
    }
    kill_point("swapped");
    m_staged.clear();
    Status synced = sync_to_disk(parent);
    drop_old_set(now.own);  // now in the staging folder
    return synced;
}

// After a swap the staging folder holds the folder's old content: boardpack's
// old set, and anything a user dropped in at the very moment of the swap,
// which goes back.
void OutputFolder::drop_old_set(const std::vector<std::string>& own) {
    auto fm = read_manifest(m_stage_dir);
    std::error_code ec;
    for (const auto& n : own)
        if (fm.manifest && is_own(*fm.manifest, m_stage_dir, n)) fs::remove(m_stage_dir / n, ec);
    if (fm.manifest) fs::remove(m_stage_dir / k_manifest_name, ec);
    remove_empty_subfolders(m_stage_dir, m_names);
    for (const auto& p : entries(m_stage_dir)) {
        fs::path back = m_dir / p.filename();
        if (rename_flags(p, back, RENAME_NOREPLACE) != 0 && unsupported(errno) && !fs::exists(back, ec))
            std::rename(p.c_str(), back.c_str());
    }
    if (fs::remove(m_stage_dir, ec)) m_stage_dir.clear();
}

Status OutputFolder::commit_in_place(const Look& now) {
    BP_ASSIGN_OR_RETURN(std::vector<ManifestEntry> set, describe(m_staged, m_names));
    std::vector<std::pair<std::string, fs::path>> present;
    for (const auto& n : now.own) present.emplace_back(n, m_dir / n);
    BP_ASSIGN_OR_RETURN(std::vector<ManifestEntry> old, describe(present, m_names));
    // From here until the last rename, both sets count as boardpack's.
    BP_TRY(write_manifest(m_dir, Manifest{false, set, old, m_written_by, {}}));
    for (const auto& [name, path] : m_staged) {
        std::error_code made;
        fs::create_directories((m_dir / name).parent_path(), made);
        if (std::rename(path.c_str(), (m_dir / name).c_str()) != 0) return os_error("cannot move the output into place", m_dir / name);
        kill_point("replacing");
    }
    std::error_code ec;
    for (const auto& n : now.own)
        if (std::none_of(set.begin(), set.end(), [&](const ManifestEntry& e) { return e.name == n; })) fs::remove(m_dir / n, ec);
    remove_empty_subfolders(m_dir, m_names);
    m_staged.clear();
    if (set.empty()) {
        fs::remove(m_dir / k_manifest_name, ec);
        return sync_to_disk(m_dir);
    }
    return write_manifest(m_dir, Manifest{true, set, {}, m_written_by, {}});
}

}  // namespace bp
