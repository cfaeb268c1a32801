#include "util/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "util/temp_names.hpp"

namespace bp {

namespace fs = std::filesystem;

OutputSet::~OutputSet() {
    for (const auto& [temp, final_path] : m_pending) {
        std::error_code ec;
        fs::remove(temp, ec);
    }
}

Status OutputSet::add(const std::string& name, const std::function<Status(const std::string&)>& write) {
    std::error_code ec;
    fs::create_directories(m_dir, ec);
    if (ec) return make_error(Errc::output, "cannot create the output folder: " + ec.message(), {m_dir});
    std::string temp = (fs::path(m_dir) / temp_name(name, TempKind::file)).string();
    Status s = write(temp);
    if (s) s = sync_to_disk(temp);
    if (!s) {
        fs::remove(temp, ec);
        return s;
    }
    std::lock_guard<std::mutex> lock(m_mutex);
    m_pending.emplace_back(temp, (fs::path(m_dir) / name).string());
    return Ok{};
}

Status write_text(const fs::path& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary);
    out << content;
    out.close();
    if (!out) return make_error(Errc::output, "cannot write (disk full or no permission?)", {path.string()});
    return Ok{};
}

Status OutputSet::add_text(const std::string& name, const std::string& content) {
    return add(name, [&](const std::string& temp) { return write_text(temp, content); });
}

Status OutputSet::commit() {
    for (const auto& [temp, final_path] : m_pending) {
        if (std::rename(temp.c_str(), final_path.c_str()) != 0)
            return make_error(Errc::output, "cannot move the finished output into place", {final_path});
    }
    m_pending.clear();
    return sync_to_disk(m_dir);
}

Status sync_to_disk(const fs::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return make_error(Errc::output, "cannot open to sync it to disk", {path.string()});
    int r = ::fsync(fd);
    ::close(fd);
    if (r != 0) return make_error(Errc::output, "cannot sync to disk (disk full or removed?)", {path.string()});
    return Ok{};
}

void start_writeback(const fs::path& path) {
#if defined(__linux__)
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    (void)::sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
    ::close(fd);
#else
    (void)path;
#endif
}

}  // namespace bp
