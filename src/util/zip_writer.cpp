#include "util/zip_writer.hpp"

#include "util/clock.hpp"
#include "util/zip.hpp"

#include <zip.h>

#include <utility>

namespace bp {

namespace {
Error zip_failure(const std::string& path, const std::string& what, zip_error_t* err) {
    return make_error(Errc::output, what + ": " + zip_error_strerror(err), {path});
}
}  // namespace

Result<ZipWriter> ZipWriter::create(const std::string& path) {
    int code = 0;
    zip* za = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
    if (!za) {
        zip_error_t err;
        zip_error_init_with_code(&err, code);
        Error e = zip_failure(path, "cannot create the zip archive", &err);
        zip_error_fini(&err);
        return e;
    }
    ZipWriter w;
    w.m_zip = za;
    w.m_path = path;
    return w;
}

ZipWriter::ZipWriter(ZipWriter&& o) noexcept
    : m_zip(std::exchange(o.m_zip, nullptr)), m_path(std::move(o.m_path)), m_buffers(std::move(o.m_buffers)) {}

ZipWriter& ZipWriter::operator=(ZipWriter&& o) noexcept {
    if (this != &o) {
        if (m_zip) zip_discard(m_zip);
        m_zip = std::exchange(o.m_zip, nullptr);
        m_path = std::move(o.m_path);
        m_buffers = std::move(o.m_buffers);
    }
    return *this;
}

ZipWriter::~ZipWriter() {
    if (m_zip) zip_discard(m_zip);
}

Status ZipWriter::added(const std::string& name, void* source, bool deflate) {
    auto* src = static_cast<zip_source_t*>(source);
    if (!src) return zip_failure(m_path, "cannot add " + name, zip_get_error(m_zip));
    zip_int64_t index = zip_file_add(m_zip, name.c_str(), src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
    if (index < 0) {
        zip_source_free(src);
        return zip_failure(m_path, "cannot add " + name, zip_get_error(m_zip));
    }
    // Level 1: XML compresses almost as well as at the default level, several times faster.
    if (deflate) zip_set_file_compression(m_zip, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 1);
    // Entries carry the build time, not the moment they were written: same inputs, same bytes.
    zip_file_set_mtime(m_zip, static_cast<zip_uint64_t>(index), build_time(), 0);
    return Ok{};
}

Status ZipWriter::add_bytes(const std::string& name, std::string bytes) {
    const std::string& kept = m_buffers.emplace_back(std::move(bytes));
    return added(name, zip_source_buffer(m_zip, kept.data(), kept.size(), 0));
}

Status ZipWriter::add_file(const std::string& name, const std::string& source_path) {
    return added(name, zip_source_file(m_zip, source_path.c_str(), 0, -1));
}

Status ZipWriter::add_copy(const std::string& name, ZipArchive& from, const ZipEntry& entry) {
    return added(name, zip_source_zip(m_zip, from.m_zip, entry.index, ZIP_FL_COMPRESSED, 0, -1), false);
}

Status ZipWriter::close() {
    if (zip_close(m_zip) != 0) {
        Error e = zip_failure(m_path, "cannot write the zip archive", zip_get_error(m_zip));
        zip_discard(m_zip);
        m_zip = nullptr;
        return e;
    }
    m_zip = nullptr;
    m_buffers.clear();
    return Ok{};
}

}  // namespace bp
