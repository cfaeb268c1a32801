// The only file that knows libzip. Reads entries of a zip archive with limits
// that stop zip bombs: bytes per entry, bytes in total, and inflation ratio,
// counted on the bytes actually inflated (declared sizes can lie).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "util/result.hpp"

struct zip;
struct zip_file;

namespace bp {

struct ZipLimits {
    std::uint64_t max_entry_bytes = 1024ull << 20;   // one inflated entry
    std::uint64_t max_total_bytes = 4096ull << 20;   // all entries read from one archive
    double max_ratio = 200.0;                        // inflated / compressed
    std::uint64_t ratio_grace_bytes = 16ull << 20;   // small entries may compress better
    std::uint32_t max_entries = 100000;
};

struct ZipEntry {
    std::string name;  // normalised: forward slashes, no leading '/'
    std::uint64_t index = 0;
    std::uint64_t size = 0;        // declared inflated size
    std::uint64_t comp_size = 0;   // declared compressed size
    // Deflated, not encrypted, with a CRC in the directory: an entry that can be inflated whole.
    bool plain_deflate = false;
    std::uint32_t crc = 0;
};

class ZipArchive;

// Sequential reader of one entry; enforces the archive's limits as it goes.
class ZipStream {
public:
    ZipStream(ZipStream&&) noexcept;
    ZipStream& operator=(ZipStream&&) noexcept;
    ~ZipStream();
    // Reads up to n bytes; returns 0 at the end.
    Result<std::size_t> read(char* buf, std::size_t n);
    // An entry inflated whole when opened and of at most `max_bytes`, handed over as it is (no
    // copy) before any read; nothing for a streamed or larger entry, or once read has been called.
    Result<std::optional<std::string>> take_whole(std::size_t max_bytes);

private:
    friend class ZipArchive;
    ZipStream(ZipArchive* archive, zip_file* file, const ZipEntry& entry);
    ZipStream(ZipArchive* archive, std::string whole, const ZipEntry& entry);
    ZipArchive* m_archive = nullptr;
    zip_file* m_file = nullptr;
    std::string m_whole;  // an entry inflated whole when opened (the small ones), handed out from m_read
    bool m_buffered = false;
    std::string m_name;
    std::uint64_t m_comp_size = 0;
    std::uint64_t m_read = 0;
};

class ZipArchive {
public:
    // `label` names the archive in messages (the path the user gave).
    static Result<ZipArchive> open_file(const std::string& path, const std::string& label, ZipLimits limits);
    static Result<ZipArchive> open_memory(std::string_view bytes, const std::string& label, ZipLimits limits);

    ZipArchive(ZipArchive&&) noexcept;
    ZipArchive& operator=(ZipArchive&&) noexcept;
    ~ZipArchive();

    const std::vector<ZipEntry>& entries() const { return m_entries; }
    // Entry by part name, compared case-insensitively (OPC part names are);
    // an archive with two entries of one name is refused when opened.
    const ZipEntry* find(std::string_view name) const;

    Result<ZipStream> open(const ZipEntry& entry);
    // Whole entry into memory, refused above `max_bytes` (and the limits).
    Result<std::string> read_all(const ZipEntry& entry, std::uint64_t max_bytes);

    const std::string& label() const { return m_label; }
    const ZipLimits& limits() const { return m_limits; }

private:
    friend class ZipStream;
    ZipArchive() = default;
    static Result<ZipArchive> finish_open(zip* za, std::string label, ZipLimits limits);
    Status account(const std::string& entry, std::uint64_t comp_size, std::uint64_t entry_bytes, std::size_t more);
    // The entry inflated whole, when it is a small plain deflated one; nothing otherwise.
    Result<std::optional<std::string>> inflate_whole(const ZipEntry& entry);

    zip* m_zip = nullptr;
    std::string m_label;
    ZipLimits m_limits;
    std::vector<ZipEntry> m_entries;
    std::unordered_map<std::string, std::size_t> m_by_name;  // lower-case name -> index in m_entries
    std::uint64_t m_total_read = 0;
};

}  // namespace bp
