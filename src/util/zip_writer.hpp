// Writes a zip archive. libzip builds it in a temporary file beside `path`
// and renames it into place on close(), so a failed write leaves no archive.
#pragma once

#include <deque>
#include <string>

#include "util/result.hpp"

struct zip;

namespace bp {

class ZipArchive;
struct ZipEntry;

class ZipWriter {
public:
    static Result<ZipWriter> create(const std::string& path);

    ZipWriter(ZipWriter&&) noexcept;
    ZipWriter& operator=(ZipWriter&&) noexcept;
    ~ZipWriter();  // discards an archive not closed

    // Entries are deflated; `name` is the path inside the archive.
    Status add_bytes(const std::string& name, std::string bytes);
    Status add_file(const std::string& name, const std::string& source_path);
    // Entry `entry` of `from` copied as it is stored (still compressed, never
    // inflated); `from` must stay open until close().
    Status add_copy(const std::string& name, ZipArchive& from, const ZipEntry& entry);
    Status close();

private:
    ZipWriter() = default;
    Status added(const std::string& name, void* source, bool deflate = true);

    zip* m_zip = nullptr;
    std::string m_path;
    std::deque<std::string> m_buffers;  // libzip reads them at close()
};

}  // namespace bp
