#include "util/atomic_file.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>

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
    static std::atomic<unsigned> counter{0};
    std::string temp = (fs::path(m_dir) / ("." + name + ".tmp-" + std::to_string(::getpid()) + "-" +
                                           std::to_string(counter++))).string();
    Status s = write(temp);
    if (!s) {
        fs::remove(temp, ec);
        return s;
    }
    std::lock_guard<std::mutex> lock(m_mutex);
    m_pending.emplace_back(temp, (fs::path(m_dir) / name).string());
    return Ok{};
}

Status OutputSet::add_text(const std::string& name, const std::string& content) {
    return add(name, [&](const std::string& temp) -> Status {
        std::ofstream out(temp, std::ios::binary);
        out << content;
        out.close();
        if (!out) return make_error(Errc::output, "cannot write (disk full or no permission?)", {temp});
        return Ok{};
    });
}

Status OutputSet::commit() {
    for (const auto& [temp, final_path] : m_pending) {
        if (std::rename(temp.c_str(), final_path.c_str()) != 0)
            return make_error(Errc::output, "cannot move the finished output into place", {final_path});
    }
    m_pending.clear();
    return Ok{};
}

void OutputSet::remove_stale(const std::string& dir, const std::vector<std::string>& names) {
    for (const auto& n : names) {
        std::error_code ec;
        fs::remove(fs::path(dir) / n, ec);
    }
}

}  // namespace bp
