#include "util/zip.hpp"

#include "util/utf8.hpp"

#include <libdeflate.h>
#include <zip.h>

#include <algorithm>
#include <cstring>
#include <memory>

namespace bp {
namespace {

// Entry names that could escape a directory are dropped: boardpack never
// extracts, but nothing it lists should ever name a path outside the archive.
bool safe_name(const std::string& name) {
    if (name.empty() || name.find('\0') != std::string::npos) return false;
    if (name.size() >= 2 && name[1] == ':') return false;  // C:...
    std::size_t start = 0;
    while (start <= name.size()) {
        std::size_t end = name.find('/', start);
        if (end == std::string::npos) end = name.size();
        if (name.compare(start, end - start, "..") == 0) return false;
        start = end + 1;
    }
    return true;
}

std::string damaged(const std::string& what) {
    return "is damaged (" + what + "): ask the sender to save it again from Excel, or send it again if it was cut short";
}

std::string open_error_text(int code) {
    switch (code) {
        case ZIP_ER_NOZIP: return damaged("no valid zip directory; the file may be truncated");
        case ZIP_ER_INCONS: return damaged("the zip directory is inconsistent");
        case ZIP_ER_MEMORY: return "cannot be opened: out of memory";
        case ZIP_ER_OPEN:
        case ZIP_ER_READ: return "cannot be read: check the file exists and is readable";
        default: {
            zip_error_t e;
            zip_error_init_with_code(&e, code);
            std::string s = damaged(zip_error_strerror(&e));
            zip_error_fini(&e);
            return s;
        }
    }
}

}  // namespace

// ---- ZipStream -------------------------------------------------------------

ZipStream::ZipStream(ZipArchive* archive, zip_file* file, const ZipEntry& entry)
    : m_archive(archive), m_file(file), m_name(entry.name), m_comp_size(entry.comp_size) {}

ZipStream::ZipStream(ZipArchive* archive, std::string whole, const ZipEntry& entry)
    : m_archive(archive), m_whole(std::move(whole)), m_buffered(true), m_name(entry.name), m_comp_size(entry.comp_size) {}

ZipStream::ZipStream(ZipStream&& o) noexcept
    : m_archive(o.m_archive), m_file(o.m_file), m_whole(std::move(o.m_whole)), m_buffered(o.m_buffered),
      m_name(std::move(o.m_name)), m_comp_size(o.m_comp_size), m_read(o.m_read) {
    o.m_file = nullptr;
    o.m_buffered = false;
}

ZipStream& ZipStream::operator=(ZipStream&& o) noexcept {
    if (this != &o) {
        if (m_file) zip_fclose(m_file);
        m_archive = o.m_archive;
        m_file = o.m_file;
        m_whole = std::move(o.m_whole);
        m_buffered = o.m_buffered;
        o.m_buffered = false;
        m_name = std::move(o.m_name);
        m_comp_size = o.m_comp_size;
        m_read = o.m_read;
        o.m_file = nullptr;
    }
    return *this;
}

ZipStream::~ZipStream() {
    if (m_file) zip_fclose(m_file);
}

Result<std::size_t> ZipStream::read(char* buf, std::size_t n) {
    if (m_buffered) {
        std::size_t count = static_cast<std::size_t>(std::min<std::uint64_t>(n, m_whole.size() - m_read));
        BP_TRY(m_archive->account(m_name, m_comp_size, m_read, count));
        std::memcpy(buf, m_whole.data() + m_read, count);
        m_read += count;
        return count;
    }
    if (!m_file) return std::size_t{0};
    zip_int64_t got = zip_fread(m_file, buf, n);
    if (got < 0) {
        std::string why = zip_error_strerror(zip_file_get_error(m_file));
        return make_error(Errc::bad_zip, damaged("cannot inflate " + m_name + ": " + why), {m_archive->label()});
    }
    auto count = static_cast<std::size_t>(got);
    BP_TRY(m_archive->account(m_name, m_comp_size, m_read, count));
    m_read += count;
    return count;
}

Result<std::optional<std::string>> ZipStream::take_whole(std::size_t max_bytes) {
    if (!m_buffered || m_read != 0 || m_whole.size() > max_bytes) return std::optional<std::string>{};
    BP_TRY(m_archive->account(m_name, m_comp_size, 0, m_whole.size()));
    m_read = m_whole.size();
    m_buffered = false;  // nothing more to read
    return std::optional<std::string>(std::move(m_whole));
}

// ---- ZipArchive ------------------------------------------------------------

ZipArchive::ZipArchive(ZipArchive&& o) noexcept
    : m_zip(o.m_zip), m_label(std::move(o.m_label)), m_limits(o.m_limits), m_entries(std::move(o.m_entries)),
      m_by_name(std::move(o.m_by_name)), m_total_read(o.m_total_read) {
    o.m_zip = nullptr;
}

ZipArchive& ZipArchive::operator=(ZipArchive&& o) noexcept {
    if (this != &o) {
        if (m_zip) zip_discard(m_zip);
        m_zip = o.m_zip;
        m_label = std::move(o.m_label);
        m_limits = o.m_limits;
        m_entries = std::move(o.m_entries);
        m_by_name = std::move(o.m_by_name);
        m_total_read = o.m_total_read;
        o.m_zip = nullptr;
    }
    return *this;
}

ZipArchive::~ZipArchive() {
    if (m_zip) zip_discard(m_zip);
}

Result<ZipArchive> ZipArchive::open_file(const std::string& path, const std::string& label, ZipLimits limits) {
    int code = 0;
    zip* za = zip_open(path.c_str(), ZIP_RDONLY, &code);
    if (!za) return make_error(code == ZIP_ER_NOZIP ? Errc::bad_zip : Errc::bad_zip, open_error_text(code), {label});
    return finish_open(za, label, limits);
}

Result<ZipArchive> ZipArchive::open_memory(std::string_view bytes, const std::string& label, ZipLimits limits) {
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
    if (!src) {
        zip_error_fini(&err);
        return make_error(Errc::bad_zip, "cannot be opened: out of memory", {label});
    }
    zip* za = zip_open_from_source(src, ZIP_RDONLY, &err);
    if (!za) {
        int code = zip_error_code_zip(&err);
        zip_source_free(src);
        zip_error_fini(&err);
        return make_error(Errc::bad_zip, open_error_text(code), {label});
    }
    zip_error_fini(&err);
    return finish_open(za, label, limits);
}

Result<ZipArchive> ZipArchive::finish_open(zip* za, std::string label, ZipLimits limits) {
    ZipArchive a;
    a.m_zip = za;
    a.m_label = std::move(label);
    a.m_limits = limits;
    zip_int64_t n = zip_get_num_entries(za, 0);
    if (n < 0) return make_error(Errc::bad_zip, damaged("cannot list its entries"), {a.m_label});
    if (static_cast<std::uint64_t>(n) > limits.max_entries)
        return make_error(Errc::too_large,
                          "has " + std::to_string(n) + " zip entries, over the limit of " +
                              std::to_string(limits.max_entries) + ": this is not a normal workbook",
                          {a.m_label});
    for (zip_int64_t i = 0; i < n; ++i) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(za, static_cast<zip_uint64_t>(i), 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME)) continue;
        std::string name = st.name;
        std::replace(name.begin(), name.end(), '\\', '/');
        while (!name.empty() && name.front() == '/') name.erase(name.begin());
        if (!safe_name(name) || name.back() == '/') continue;
        name = repair_utf8(name);  // names reach messages; none we look up is not UTF-8
        ZipEntry e;
        e.name = std::move(name);
        e.index = static_cast<std::uint64_t>(i);
        e.size = (st.valid & ZIP_STAT_SIZE) ? st.size : 0;
        e.comp_size = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
        e.plain_deflate = (st.valid & ZIP_STAT_COMP_METHOD) && st.comp_method == ZIP_CM_DEFLATE &&
                          (st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method == ZIP_EM_NONE &&
                          (st.valid & ZIP_STAT_CRC) && (st.valid & ZIP_STAT_SIZE) && (st.valid & ZIP_STAT_COMP_SIZE);
        e.crc = e.plain_deflate ? st.crc : 0;
        a.m_entries.push_back(std::move(e));
    }
    // Lower-cased once here, not on every lookup. Part names are compared without
    // case, so two entries with one name (in any case) leave it open which is the
    // part: other readers take the last, some the first. Neither is safe to guess.
    for (std::size_t i = 0; i < a.m_entries.size(); ++i) {
        auto [it, added] = a.m_by_name.emplace(ascii_lower(a.m_entries[i].name), i);
        if (!added)
            return make_error(Errc::bad_zip,
                              "is ambiguous: it holds two zip entries named " + a.m_entries[it->second].name +
                                  (a.m_entries[it->second].name == a.m_entries[i].name ? "" : " and " + a.m_entries[i].name) +
                                  ", and programs differ on which one they read, so boardpack reads neither: open it "
                                  "in Excel and save it again",
                              {a.m_label});
    }
    return a;
}

const ZipEntry* ZipArchive::find(std::string_view name) const {
    while (!name.empty() && name.front() == '/') name.remove_prefix(1);
    auto it = m_by_name.find(ascii_lower(name));
    return it == m_by_name.end() ? nullptr : &m_entries[it->second];
}

Status ZipArchive::account(const std::string& entry, std::uint64_t comp_size, std::uint64_t entry_bytes,
                           std::size_t more) {
    std::uint64_t now = entry_bytes + more;
    auto too_large = [&](const std::string& what, const std::string& flag) {
        return make_error(Errc::too_large,
                          "looks like a zip bomb: " + what + " (entry " + entry +
                              "); if the workbook is genuine, raise the limit with " + flag,
                          {m_label});
    };
    if (now > m_limits.max_entry_bytes)
        return too_large("an entry inflates beyond the limit of " + std::to_string(m_limits.max_entry_bytes >> 20) +
                             " MiB",
                         "--max-part-mb");
    m_total_read += more;
    if (m_total_read > m_limits.max_total_bytes)
        return too_large("the entries inflate beyond the total limit of " +
                             std::to_string(m_limits.max_total_bytes >> 20) + " MiB",
                         "--max-total-mb");
    if (now > m_limits.ratio_grace_bytes &&
        static_cast<double>(now) > m_limits.max_ratio * static_cast<double>(std::max<std::uint64_t>(comp_size, 1)))
        return too_large("an entry inflates more than " + std::to_string(static_cast<long>(m_limits.max_ratio)) +
                             " times its compressed size",
                         "--max-ratio");
    return Ok{};
}

namespace {

// Entries up to this size are inflated whole by libdeflate when opened: about
// twice zlib's speed through libzip, and its CRC (checked here, as libzip
// would) some ten times faster. A workbook's parts are nearly all far smaller;
// larger ones stream through libzip, so memory stays flat for a sheet of any size.
constexpr std::uint64_t k_whole_entry_limit = 32u << 20;

}  // namespace

Result<std::optional<std::string>> ZipArchive::inflate_whole(const ZipEntry& entry) {
    if (!entry.plain_deflate || entry.size == 0 || entry.size > k_whole_entry_limit || entry.comp_size > k_whole_entry_limit)
        return std::optional<std::string>{};
    zip_file* raw = zip_fopen_index(m_zip, entry.index, ZIP_FL_COMPRESSED);
    if (!raw) return std::optional<std::string>{};  // libzip's own path says why
    std::string packed(static_cast<std::size_t>(entry.comp_size), '\0');
    zip_int64_t got = zip_fread(raw, packed.data(), packed.size());
    zip_fclose(raw);
    if (got != static_cast<zip_int64_t>(packed.size()))
        return make_error(Errc::bad_zip, damaged("cannot read entry " + entry.name + ": it is cut short"), {m_label});
    thread_local std::unique_ptr<libdeflate_decompressor, decltype(&libdeflate_free_decompressor)> inflater(
        libdeflate_alloc_decompressor(), &libdeflate_free_decompressor);
    if (!inflater) return make_error(Errc::bad_zip, "cannot be read: out of memory", {m_label});
    std::string out(static_cast<std::size_t>(entry.size), '\0');
    std::size_t actual = 0;
    libdeflate_result r = libdeflate_deflate_decompress(inflater.get(), packed.data(), packed.size(), out.data(),
                                                        out.size(), &actual);
    // More than its directory says (a lying bomb): read as a stream, whose limits say what it is.
    if (r == LIBDEFLATE_INSUFFICIENT_SPACE) return std::optional<std::string>{};
    if (r != LIBDEFLATE_SUCCESS && r != LIBDEFLATE_SHORT_OUTPUT)
        return make_error(Errc::bad_zip, damaged("cannot inflate " + entry.name + ": its compressed data is invalid"),
                          {m_label});
    out.resize(actual);
    if (libdeflate_crc32(0, out.data(), out.size()) != entry.crc)
        return make_error(Errc::bad_zip, damaged("cannot inflate " + entry.name + ": CRC error"), {m_label});
    return std::optional<std::string>(std::move(out));
}

Result<ZipStream> ZipArchive::open(const ZipEntry& entry) {
    BP_ASSIGN_OR_RETURN(std::optional<std::string> whole, inflate_whole(entry));
    if (whole) return ZipStream(this, std::move(*whole), entry);
    zip_file* f = zip_fopen_index(m_zip, entry.index, 0);
    if (!f) {
        int code = zip_error_code_zip(zip_get_error(m_zip));
        if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD)
            return make_error(Errc::encrypted,
                              "is password-protected (zip encryption): remove the password and save it again",
                              {m_label});
        if (code == ZIP_ER_COMPNOTSUPP || code == ZIP_ER_ENCRNOTSUPP)
            return make_error(Errc::bad_zip,
                              "uses a zip compression method boardpack cannot read (entry " + entry.name +
                                  "): save it again from Excel",
                              {m_label});
        return make_error(Errc::bad_zip, damaged(std::string("cannot open entry ") + entry.name + ": " +
                                                 zip_error_strerror(zip_get_error(m_zip))),
                          {m_label});
    }
    return ZipStream(this, f, entry);
}

Result<std::string> ZipArchive::read_all(const ZipEntry& entry, std::uint64_t max_bytes) {
    if (entry.size > max_bytes)
        return make_error(Errc::too_large,
                          "has a part " + entry.name + " of " + std::to_string(entry.size >> 20) +
                              " MiB, over the limit of " + std::to_string(max_bytes >> 20) +
                              " MiB for that part: if the workbook is genuine, raise it with --max-part-mb",
                          {m_label});
    BP_ASSIGN_OR_RETURN(ZipStream s, open(entry));
    if (s.m_buffered && s.m_whole.size() <= max_bytes) {  // inflated whole already: handed over, not copied
        BP_TRY(account(entry.name, entry.comp_size, 0, s.m_whole.size()));
        return std::move(s.m_whole);
    }
    std::string out;
    out.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(entry.size, 64u << 20)));
    char buf[65536];
    for (;;) {
        BP_ASSIGN_OR_RETURN(std::size_t got, s.read(buf, sizeof buf));
        if (got == 0) break;
        if (out.size() + got > max_bytes)
            return make_error(Errc::too_large,
                              "looks like a zip bomb: part " + entry.name + " inflates beyond " +
                                  std::to_string(max_bytes >> 20) + " MiB; if genuine, raise --max-part-mb",
                              {m_label});
        out.append(buf, got);
    }
    return out;
}

}  // namespace bp
