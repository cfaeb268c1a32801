#include "util/zip_writer.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <libdeflate.h>
#include <zlib.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <random>
#include <utility>
#include <vector>

#include "util/clock.hpp"

namespace bp {

// Two compressors. libdeflate compresses only a whole buffer at once (its
// output ends in a final block, so pieces cannot be joined); zlib takes an
// entry in pieces as the XML writer makes them. Measured on the parts of the
// 200-workbook build's scorecard (8.2 MB of XML): zlib level 1, fed in 64 KiB
// pieces, 164 MB/s to 1.15 MB; libdeflate level 1 on whole parts, 314 MB/s to
// 1.02 MB. So an entry is held until it ends and deflated whole by libdeflate;
// one that grows past k_hold_limit goes on through zlib instead, which keeps
// memory flat for a sheet of any size.
namespace {

constexpr std::size_t k_hold_limit = 8u << 20;

constexpr std::size_t k_out_buffer = 1u << 18;
constexpr std::uint64_t k_zip32_limit = 0xFFFFFFFFu;
// Level 1: XML compresses almost as well as at the default level, several times faster.
constexpr int k_level = 1;

void put16(std::vector<unsigned char>& b, unsigned v) {
    b.push_back(static_cast<unsigned char>(v));
    b.push_back(static_cast<unsigned char>(v >> 8));
}
void put32(std::vector<unsigned char>& b, std::uint32_t v) {
    put16(b, v & 0xFFFF);
    put16(b, v >> 16);
}
void set32(unsigned char* at, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) at[i] = static_cast<unsigned char>(v >> (8 * i));
}

// The build time as MS-DOS date and time, in local time as libzip wrote it.
std::pair<unsigned, unsigned> dos_time(std::time_t t) {
    std::tm tm{};
    if (!localtime_r(&t, &tm)) return {0, (1 << 5) + 1};
    if (tm.tm_year < 80) tm.tm_year = 80;
    unsigned time = (static_cast<unsigned>(tm.tm_hour) << 11) | (static_cast<unsigned>(tm.tm_min) << 5) |
                    (static_cast<unsigned>(tm.tm_sec) >> 1);
    unsigned date = (static_cast<unsigned>(tm.tm_year - 80) << 9) | (static_cast<unsigned>(tm.tm_mon + 1) << 5) |
                    static_cast<unsigned>(tm.tm_mday);
    return {time, date};
}

bool has_non_ascii(const std::string& s) {
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0x80) return true;
    return false;
}

// General purpose flags: deflated fast (bits 1-2: 10, level 1), and bit 11 when the name is UTF-8.
unsigned flags(const std::string& name) { return 0x0004 | (has_non_ascii(name) ? 0x0800 : 0); }

}  // namespace

struct ZipWriter::State : ByteSink {
    struct Entry {
        std::string name;
        std::uint64_t offset = 0;  // of its local header
        std::uint32_t crc = 0;
        std::uint64_t compressed = 0, size = 0;
    };

    std::string path, temp;
    int fd = -1;
    std::vector<unsigned char> out;  // compressed bytes and headers on their way to fd
    std::uint64_t offset = 0;        // bytes of the archive so far
    std::vector<Entry> entries;
    bool in_entry = false;
    z_stream z{};
    bool z_ready = false;
    std::string held;        // the entry so far, while it is under k_hold_limit
    bool streaming = false;  // past the limit: the entry goes through zlib
    std::unique_ptr<libdeflate_compressor, decltype(&libdeflate_free_compressor)> whole{nullptr,
                                                                                       &libdeflate_free_compressor};
    std::string failure;  // the first failure; the archive is then discarded
    unsigned time = 0, date = 0;

    ~State() override {
        if (z_ready) deflateEnd(&z);
        if (fd >= 0) ::close(fd);
        if (!temp.empty()) ::unlink(temp.c_str());
    }

    void fail(std::string what) {
        if (failure.empty()) failure = std::move(what);
    }

    void flush_out() {
        std::size_t done = 0;
        while (failure.empty() && done < out.size()) {
            ssize_t n = ::write(fd, out.data() + done, out.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {
                fail(std::string("cannot write the zip archive: ") + std::strerror(errno));
                break;
            }
            done += static_cast<std::size_t>(n);
        }
        out.clear();
    }

    void emit(const std::vector<unsigned char>& bytes) {
        out.insert(out.end(), bytes.begin(), bytes.end());
        offset += bytes.size();
        if (out.size() >= k_out_buffer) flush_out();
    }

    // Runs deflate over what is in z's input, with `flush`, until it needs more.
    void pump(int flush) {
        unsigned char buf[1u << 16];
        do {
            z.next_out = buf;
            z.avail_out = sizeof buf;
            int r = deflate(&z, flush);
            if (r == Z_STREAM_ERROR) {
                fail("cannot compress a zip entry");
                return;
            }
            std::size_t n = sizeof buf - z.avail_out;
            out.insert(out.end(), buf, buf + n);
            offset += n;
            entries.back().compressed += n;
            if (out.size() >= k_out_buffer) flush_out();
        } while (z.avail_out == 0);
    }

    void write(std::string_view bytes) override {
        if (!in_entry || !failure.empty()) return;
        if (!streaming && held.size() + bytes.size() <= k_hold_limit) {
            held.append(bytes);
            return;
        }
        if (!streaming) {
            streaming = true;
            std::string first = std::move(held);
            held.clear();
            stream(first);
        }
        stream(bytes);
    }

    void stream(std::string_view bytes) {
        Entry& e = entries.back();
        while (!bytes.empty()) {
            auto n = static_cast<uInt>(std::min<std::size_t>(bytes.size(), 1u << 30));
            e.crc = static_cast<std::uint32_t>(crc32(e.crc, reinterpret_cast<const Bytef*>(bytes.data()), n));
            e.size += n;
            z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
            z.avail_in = n;
            pump(Z_NO_FLUSH);
            bytes.remove_prefix(n);
        }
    }

    std::vector<unsigned char> local_header(const Entry& e) const {
        std::vector<unsigned char> h;
        put32(h, 0x04034b50);
        put16(h, 20);  // version needed: deflate
        put16(h, flags(e.name));
        put16(h, 8);   // deflate
        put16(h, time);
        put16(h, date);
        put32(h, e.crc);  // CRC and sizes: filled in when the entry ends
        put32(h, static_cast<std::uint32_t>(e.compressed));
        put32(h, static_cast<std::uint32_t>(e.size));
        put16(h, static_cast<unsigned>(e.name.size()));
        put16(h, 0);
        h.insert(h.end(), e.name.begin(), e.name.end());
        return h;
    }

    // The held entry, deflated whole (the common case: every part of a board pack's scorecard).
    void deflate_held() {
        Entry& e = entries.back();
        if (!whole) whole.reset(libdeflate_alloc_compressor(k_level));
        if (!whole) return fail("cannot compress a zip entry (out of memory)");
        e.size = held.size();
        e.crc = libdeflate_crc32(0, held.data(), held.size());
        flush_out();
        out.resize(libdeflate_deflate_compress_bound(whole.get(), held.size()));
        std::size_t n = libdeflate_deflate_compress(whole.get(), held.data(), held.size(), out.data(), out.size());
        if (n == 0) return fail("cannot compress a zip entry");
        out.resize(n);
        offset += n;
        e.compressed = n;
        held.clear();
    }

    void end_entry() {
        if (!in_entry) return;
        in_entry = false;
        if (streaming) {
            z.next_in = nullptr;
            z.avail_in = 0;
            pump(Z_FINISH);
            deflateReset(&z);
            streaming = false;
        } else {
            deflate_held();
        }
        const Entry& e = entries.back();
        if (e.size > k_zip32_limit || e.compressed > k_zip32_limit || offset > k_zip32_limit)
            fail("the zip archive would pass 4 GiB, which needs zip64 (not written)");
        flush_out();
        if (!failure.empty()) return;
        unsigned char fields[12];
        set32(fields, e.crc);
        set32(fields + 4, static_cast<std::uint32_t>(e.compressed));
        set32(fields + 8, static_cast<std::uint32_t>(e.size));
        if (::pwrite(fd, fields, sizeof fields, static_cast<off_t>(e.offset + 14)) != sizeof fields)
            fail(std::string("cannot write the zip archive: ") + std::strerror(errno));
    }

    void begin_entry(const std::string& name) {
        end_entry();
        if (!failure.empty()) return;
        if (name.size() > 0xFFFF || entries.size() >= 0xFFFF) return fail("too many or too long zip entries: " + name);
        Entry e;
        e.name = name;
        e.offset = offset;
        entries.push_back(e);
        emit(local_header(entries.back()));
        in_entry = true;
    }

    void finish_archive() {
        end_entry();
        if (!failure.empty()) return;
        std::uint64_t cd_start = offset;
        for (const auto& e : entries) {
            std::vector<unsigned char> c;
            put32(c, 0x02014b50);
            put16(c, (3u << 8) | 63);  // made by: Unix, zip 6.3 (as libzip says)
            put16(c, 20);
            put16(c, flags(e.name));
            put16(c, 8);
            put16(c, time);
            put16(c, date);
            put32(c, e.crc);
            put32(c, static_cast<std::uint32_t>(e.compressed));
            put32(c, static_cast<std::uint32_t>(e.size));
            put16(c, static_cast<unsigned>(e.name.size()));
            put16(c, 0);  // extra
            put16(c, 0);  // comment
            put16(c, 0);  // disk
            put16(c, 0);  // internal attributes
            put32(c, 0100666u << 16);  // external: a regular file, rw-rw-rw- (libzip's default)
            put32(c, static_cast<std::uint32_t>(e.offset));
            c.insert(c.end(), e.name.begin(), e.name.end());
            emit(c);
        }
        std::uint64_t cd_size = offset - cd_start;
        if (offset > k_zip32_limit) return fail("the zip archive would pass 4 GiB, which needs zip64 (not written)");
        std::vector<unsigned char> end;
        put32(end, 0x06054b50);
        put16(end, 0);
        put16(end, 0);
        put16(end, static_cast<unsigned>(entries.size()));
        put16(end, static_cast<unsigned>(entries.size()));
        put32(end, static_cast<std::uint32_t>(cd_size));
        put32(end, static_cast<std::uint32_t>(cd_start));
        put16(end, 0);
        emit(end);
        flush_out();
    }
};

ZipWriter::ZipWriter(std::unique_ptr<State> state) : m(std::move(state)) {}
ZipWriter::ZipWriter(ZipWriter&&) noexcept = default;
ZipWriter& ZipWriter::operator=(ZipWriter&&) noexcept = default;
ZipWriter::~ZipWriter() = default;

Result<ZipWriter> ZipWriter::create(const std::string& path) {
    auto s = std::make_unique<State>();
    s->path = path;
    // Named as libzip named its temporary (path + ".XXXXXX"), so a stale one
    // is recognised (temp_names.hpp); mode 0666 less the umask, as any file.
    static constexpr char k_chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    std::random_device random;
    for (int attempt = 0; attempt < 100 && s->fd < 0; ++attempt) {
        std::string name = path + ".";
        for (int i = 0; i < 6; ++i) name += k_chars[random() % (sizeof k_chars - 1)];
        s->fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (s->fd >= 0) s->temp = name;
        else if (errno != EEXIST) break;
    }
    if (s->fd < 0)
        return make_error(Errc::output, std::string("cannot create the zip archive: ") + std::strerror(errno), {path});
    if (deflateInit2(&s->z, k_level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return make_error(Errc::output, "cannot start zlib's deflate", {path});
    s->z_ready = true;
    // Entries carry the build time, not the moment they were written: same inputs, same bytes.
    std::tie(s->time, s->date) = dos_time(build_time());
    s->out.reserve(k_out_buffer + (1u << 16));
    return ZipWriter(std::move(s));
}

Status ZipWriter::begin_entry(const std::string& name) {
    m->begin_entry(name);
    if (!m->failure.empty()) return make_error(Errc::output, m->failure, {m->path});
    return Ok{};
}

ByteSink& ZipWriter::entry() { return *m; }

Status ZipWriter::add_bytes(const std::string& name, std::string_view bytes) {
    BP_TRY(begin_entry(name));
    m->write(bytes);
    return Ok{};
}

Status ZipWriter::add_file(const std::string& name, const std::string& source_path) {
    std::ifstream in(source_path, std::ios::binary);
    if (!in) return make_error(Errc::output, "cannot read " + source_path + " to add it to the zip archive", {m->path});
    BP_TRY(begin_entry(name));
    std::vector<char> buf(1u << 20);
    while (in) {
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        m->write(std::string_view(buf.data(), static_cast<std::size_t>(in.gcount())));
    }
    if (in.bad()) return make_error(Errc::output, "cannot read " + source_path + " to add it to the zip archive", {m->path});
    return Ok{};
}

Status ZipWriter::close() {
    m->finish_archive();
    if (m->failure.empty() && ::close(std::exchange(m->fd, -1)) != 0)
        m->fail(std::string("cannot write the zip archive: ") + std::strerror(errno));
    if (m->failure.empty() && std::rename(m->temp.c_str(), m->path.c_str()) != 0)
        m->fail(std::string("cannot move the zip archive into place: ") + std::strerror(errno));
    if (!m->failure.empty()) {
        Error e = make_error(Errc::output, m->failure, {m->path});
        m.reset();  // removes the temporary
        return e;
    }
    m->temp.clear();  // renamed: nothing to remove
    m.reset();
    return Ok{};
}

}  // namespace bp
