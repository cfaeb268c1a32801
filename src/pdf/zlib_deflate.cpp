#include "pdf/zlib_deflate.hpp"

namespace bp::pdf {

Compressor make_compressor(int level) { return Compressor(libdeflate_alloc_compressor(level), &libdeflate_free_compressor); }

std::optional<std::string> zlib_deflate(libdeflate_compressor* c, std::string_view raw, std::string& scratch) {
    if (!c) return std::nullopt;
    const std::size_t bound = libdeflate_zlib_compress_bound(c, raw.size());
    if (scratch.size() < bound) scratch.resize(bound);
    const std::size_t got = libdeflate_zlib_compress(c, raw.data(), raw.size(), scratch.data(), scratch.size());
    if (got == 0) return std::nullopt;
    return std::string(scratch.data(), got);
}

}  // namespace bp::pdf
