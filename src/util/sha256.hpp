// SHA-256 (FIPS 180-4), for the output manifest's checksums: whether a file
// in an output folder is still the one boardpack wrote.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace bp {

class Sha256 {
public:
    Sha256();
    void update(std::string_view bytes);
    std::array<std::uint8_t, 32> finish();

private:
    void blocks(const std::uint8_t* p, std::size_t count);

    std::array<std::uint32_t, 8> m_state;
    std::array<std::uint8_t, 64> m_buffer{};
    std::size_t m_buffered = 0;
    std::uint64_t m_length = 0;  // bytes
};

// Whether this processor's SHA instructions do the work (x86 SHA-NI); the
// portable code gives the same digests, some ten times slower.
bool sha256_accelerated();

// 64 lower-case hex digits.
std::string sha256_hex(std::string_view bytes);

struct FileDigest {
    std::uint64_t bytes = 0;
    std::string sha256;  // hex
};
// The size and SHA-256 of a file, read in 1 MiB pieces.
Result<FileDigest> digest_file(const std::filesystem::path& path);

}  // namespace bp
