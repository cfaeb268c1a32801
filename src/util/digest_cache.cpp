#include "util/digest_cache.hpp"

#include <map>
#include <mutex>
#include <string>
#include <tuple>

#include <sys/stat.h>

namespace bp {

namespace {

using Stamp = std::tuple<dev_t, ino_t, off_t, long, long, long, long>;

bool stamp_of(const std::filesystem::path& path, Stamp& out) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
    out = {st.st_dev, st.st_ino, st.st_size, st.st_mtim.tv_sec, st.st_mtim.tv_nsec, st.st_ctim.tv_sec, st.st_ctim.tv_nsec};
    return true;
}

// By file (device and inode), not by path: the output folder's swap moves a
// pack's files to another path without touching them, and their digests hold.
using FileId = std::pair<dev_t, ino_t>;
FileId id_of(const Stamp& s) { return {std::get<0>(s), std::get<1>(s)}; }

struct Cache {
    std::mutex mutex;
    std::map<FileId, std::pair<Stamp, FileDigest>> entries;
};
Cache& cache() {
    static Cache c;
    return c;
}
constexpr std::size_t k_max_entries = 4096;  // a long-running server forgets rather than grows

}  // namespace

Result<FileDigest> digest_file_once(const std::filesystem::path& path) {
    Stamp before{};
    if (!stamp_of(path, before)) return digest_file(path);  // not a plain file: say why as digest_file does
    Cache& c = cache();
    {
        std::lock_guard lock(c.mutex);
        auto it = c.entries.find(id_of(before));
        if (it != c.entries.end() && it->second.first == before) return it->second.second;
    }
    BP_ASSIGN_OR_RETURN(FileDigest d, digest_file(path));
    Stamp after{};
    if (stamp_of(path, after) && after == before) {  // not written to while it was read
        std::lock_guard lock(c.mutex);
        if (c.entries.size() >= k_max_entries) c.entries.clear();
        c.entries[id_of(after)] = {after, d};
    }
    return d;
}

}  // namespace bp
