#include "app/upload_receiver.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace bp::app {

namespace fs = std::filesystem;

std::string upload_name(std::string_view raw, std::size_t index) {
    auto slash = raw.find_last_of("/\\");
    std::string_view base = slash == std::string_view::npos ? raw : raw.substr(slash + 1);
    std::string name;
    for (std::size_t i = 0; i < base.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(base[i]);
        if (c < 0x20 || c == 0x7f) continue;
        // C1 controls (U+0080-U+009F) are C2 80 - C2 9F in UTF-8.
        if (c == 0xC2 && i + 1 < base.size() && static_cast<unsigned char>(base[i + 1]) <= 0x9F) {
            ++i;
            continue;
        }
        name += static_cast<char>(c);
    }
    if (name.size() > 200) {
        std::size_t start = name.size() - 200;  // keep the end: the extension tells what it is
        while (start < name.size() && (static_cast<unsigned char>(name[start]) & 0xC0) == 0x80) ++start;
        name.erase(0, start);
    }
    if (name.empty() || name == "." || name == "..") name = fmt::format("upload-{}.xlsx", index + 1);
    return name;
}

void make_names_unique(std::vector<UploadedFile>& files) {
    for (std::size_t i = 0; i < files.size(); ++i) {
        auto taken = [&](const std::string& n) {
            for (std::size_t j = 0; j < i; ++j)
                if (files[j].name == n) return true;
            return false;
        };
        if (!taken(files[i].name)) continue;
        auto dot = files[i].name.rfind('.');
        std::string stem = dot == std::string::npos || dot == 0 ? files[i].name : files[i].name.substr(0, dot);
        std::string ext = stem.size() == files[i].name.size() ? std::string() : files[i].name.substr(dot);
        for (int k = 2;; ++k) {
            std::string n = fmt::format("{} ({}){}", stem, k, ext);
            if (!taken(n)) {
                files[i].name = n;
                break;
            }
        }
    }
}

UploadReceiver::UploadReceiver(std::string boundary, fs::path folder, const UploadLimits& limits)
    : m_parser(std::move(boundary), *this,
               http::MultipartParser::Limits{16 * 1024, 4 * limits.max_files + 64}),
      m_in(std::move(folder) / "in"), m_limits(limits) {}

UploadReceiver::~UploadReceiver() { close_file(); }

void UploadReceiver::close_file() {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = -1;
}

bool UploadReceiver::refuse(WebError e) {
    if (!m_refused) m_refused = std::move(e);
    close_file();
    return false;
}

std::optional<WebError> UploadReceiver::feed(std::string_view bytes) {
    if (m_refused) return m_refused;
    m_total += bytes.size();
    if (m_total > m_limits.max_request_bytes) {
        refuse({413, "request_too_large",
                fmt::format("the upload is over the limit of {} in all: check the workbooks in smaller groups",
                            size_text(m_limits.max_request_bytes))});
        return m_refused;
    }
    if (!m_parser.feed(bytes) && !m_refused)
        refuse({400, "bad_upload", "the upload is not a well-formed multipart form (" + m_parser.error() + "): try again"});
    return m_refused;
}

std::variant<std::vector<UploadedFile>, WebError> UploadReceiver::finish() {
    if (!m_refused && !m_parser.finish())
        refuse({400, "bad_upload", "the upload was cut short or is not a multipart form: try again"});
    close_file();
    if (m_refused) return *m_refused;
    if (m_files.empty()) return WebError{400, "no_files", "no workbooks were sent: drop or choose .xlsx files"};
    make_names_unique(m_files);
    return std::move(m_files);
}

bool UploadReceiver::on_part(const http::PartHead& head) {
    close_file();
    m_in_report_date = head.name == "report_date" && !head.has_filename;
    if (m_in_report_date) m_report_date.emplace();
    if (head.name != "files") return true;  // other fields are ignored
    std::string name = upload_name(head.filename, m_files.size());
    if (m_files.size() == m_limits.max_files)
        return refuse({413, "too_many_files",
                       fmt::format("more than {} files in one upload: check them in smaller groups", m_limits.max_files),
                       name});
    if (m_files.empty() && ::mkdir(m_in.c_str(), 0700) != 0 && errno != EEXIST)
        return refuse({500, "output_failed", std::string("the upload could not be saved: ") + std::strerror(errno)});
    fs::path path = m_in / std::to_string(m_files.size() + 1);
    m_fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (m_fd < 0)
        return refuse({500, "output_failed", std::string("the upload could not be saved: ") + std::strerror(errno)});
    m_files.push_back({std::move(name), std::move(path), 0});
    return true;
}

bool UploadReceiver::on_data(std::string_view bytes) {
    if (m_in_report_date) {
        auto& d = *m_report_date;
        d.append(bytes.substr(0, std::min<std::size_t>(bytes.size(), 64 - std::min<std::size_t>(d.size(), 64))));
        return true;
    }
    if (m_fd < 0) return true;  // a field that is not a file: dropped
    UploadedFile& f = m_files.back();
    if (f.bytes + bytes.size() > m_limits.max_file_bytes)
        return refuse({413, "file_too_large",
                       fmt::format("{} is over the limit of {} per file: is it the right workbook?", f.name,
                                   size_text(m_limits.max_file_bytes)),
                       f.name});
    f.bytes += bytes.size();
    while (!bytes.empty()) {
        ssize_t n = ::write(m_fd, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            bool full = errno == ENOSPC || errno == EDQUOT;
            return refuse({full ? 507 : 500, full ? "storage_full" : "output_failed",
                           std::string("the upload could not be saved: ") + std::strerror(errno)});
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

bool UploadReceiver::on_part_end() {
    close_file();
    m_in_report_date = false;
    return true;
}

}  // namespace bp::app
