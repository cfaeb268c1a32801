#include "app/upload_store.hpp"

#include <sys/random.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace bp::app {

namespace fs = std::filesystem;

Result<std::string> random_id() {
    unsigned char bytes[16];
    std::size_t got = 0;
    while (got < sizeof bytes) {
        ssize_t n = getrandom(bytes + got, sizeof bytes - got, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return make_error(Errc::io, std::string("cannot get random bytes: ") + std::strerror(errno));
        got += static_cast<std::size_t>(n);
    }
    static const char hex[] = "0123456789abcdef";
    std::string id;
    for (unsigned char b : bytes) {
        id += hex[b >> 4];
        id += hex[b & 15];
    }
    return id;
}

bool is_upload_id(std::string_view s) {
    if (s.size() != 32) return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

Result<std::unique_ptr<UploadStore>> UploadStore::open(Clock::duration keep, const std::string& parent,
                                                      StoreLimits limits) {
    std::string base = parent;
    if (base.empty()) {
        const char* tmp = std::getenv("TMPDIR");
        base = tmp && *tmp ? tmp : "/tmp";
    }
    std::string templ = (fs::path(base) / "boardpack-serve-XXXXXX").string();
    std::vector<char> buf(templ.begin(), templ.end());
    buf.push_back('\0');
    if (!mkdtemp(buf.data()))  // mkdtemp makes it 0700
        return make_error(Errc::output, std::string("cannot make a folder for uploads: ") + std::strerror(errno), {base});
    return std::unique_ptr<UploadStore>(new UploadStore(fs::path(buf.data()), keep, limits));
}

UploadStore::~UploadStore() {
    std::error_code ec;
    fs::remove_all(m_root, ec);
}

Result<UploadStore::Upload> UploadStore::create() {
    BP_ASSIGN_OR_RETURN(std::string id, random_id());
    fs::path dir = m_root / id;
    if (::mkdir(dir.c_str(), 0700) != 0)
        return make_error(Errc::output, std::string("cannot make the upload's folder: ") + std::strerror(errno),
                          {dir.string()});
    std::lock_guard lock(m_mutex);
    m_entries.emplace(id, Entry{Clock::now()});
    return Upload{id, dir};
}

bool UploadStore::publish(const std::string& id) {
    std::uint64_t bytes = 0;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(m_root / id, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        std::error_code size_ec;
        if (it->is_regular_file(size_ec)) bytes += it->file_size(size_ec);
    }
    std::vector<std::string> expired;
    bool kept = true;
    {
        std::lock_guard lock(m_mutex);
        auto self = m_entries.find(id);
        if (self == m_entries.end()) return false;
        if (bytes > m_limits.max_bytes) {
            m_entries.erase(self);
            expired.push_back(id);
            kept = false;
        } else {
            self->second.published = true;
            self->second.bytes = bytes;
            self->second.created = Clock::now();  // the keep time runs from when the pack can be downloaded
            for (;;) {
                std::size_t packs = 0;
                std::uint64_t total = 0;
                auto oldest = m_entries.end();
                for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
                    if (!it->second.published) continue;
                    ++packs;
                    total += it->second.bytes;
                    if (it != self && (oldest == m_entries.end() || it->second.created < oldest->second.created))
                        oldest = it;
                }
                if ((packs <= m_limits.max_packs && total <= m_limits.max_bytes) || oldest == m_entries.end()) break;
                expired.push_back(oldest->first);
                m_entries.erase(oldest);
            }
        }
    }
    remove_folders(expired);
    return kept;
}

std::optional<fs::path> UploadStore::find(std::string_view id) const {
    if (!is_upload_id(id)) return std::nullopt;
    std::lock_guard lock(m_mutex);
    auto it = m_entries.find(id);
    if (it == m_entries.end() || !it->second.published || Clock::now() - it->second.created >= m_keep)
        return std::nullopt;
    return m_root / it->first;
}

void UploadStore::remove(const std::string& id) {
    {
        std::lock_guard lock(m_mutex);
        m_entries.erase(id);
    }
    remove_folders({id});
}

void UploadStore::remove_folders(const std::vector<std::string>& ids) {
    for (const auto& id : ids) {
        std::error_code ec;
        if (is_upload_id(id)) fs::remove_all(m_root / id, ec);
    }
}

std::size_t UploadStore::sweep() {
    std::vector<std::string> expired;
    {
        std::lock_guard lock(m_mutex);
        auto now = Clock::now();
        for (auto it = m_entries.begin(); it != m_entries.end();) {
            // Unpublished folders belong to a request still in progress, which removes them itself.
            if (it->second.published && now - it->second.created >= m_keep) {
                expired.push_back(it->first);
                it = m_entries.erase(it);
            } else {
                ++it;
            }
        }
    }
    remove_folders(expired);
    return expired.size();
}

UploadStore::Usage UploadStore::usage() const {
    std::lock_guard lock(m_mutex);
    Usage u;
    for (const auto& [id, e] : m_entries) {
        if (!e.published) continue;
        ++u.packs;
        u.bytes += e.bytes;
    }
    return u;
}

}  // namespace bp::app
