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

Result<std::unique_ptr<UploadStore>> UploadStore::open(Clock::duration keep, const std::string& parent) {
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
    return std::unique_ptr<UploadStore>(new UploadStore(fs::path(buf.data()), keep));
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
    m_created.emplace(id, Clock::now());
    return Upload{id, dir};
}

std::optional<fs::path> UploadStore::find(std::string_view id) const {
    if (!is_upload_id(id)) return std::nullopt;
    std::lock_guard lock(m_mutex);
    auto it = m_created.find(id);
    if (it == m_created.end() || Clock::now() - it->second >= m_keep) return std::nullopt;
    return m_root / it->first;
}

void UploadStore::remove(const std::string& id) {
    {
        std::lock_guard lock(m_mutex);
        m_created.erase(id);
    }
    std::error_code ec;
    if (is_upload_id(id)) fs::remove_all(m_root / id, ec);
}

std::size_t UploadStore::sweep() {
    std::vector<std::string> expired;
    {
        std::lock_guard lock(m_mutex);
        auto now = Clock::now();
        for (auto it = m_created.begin(); it != m_created.end();) {
            if (now - it->second >= m_keep) {
                expired.push_back(it->first);
                it = m_created.erase(it);
            } else {
                ++it;
            }
        }
    }
    for (const auto& id : expired) {
        std::error_code ec;
        fs::remove_all(m_root / id, ec);
    }
    return expired.size();
}

}  // namespace bp::app
