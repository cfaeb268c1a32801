// zlib streams made by libdeflate, for every stream of the PDF that we deflate
// ourselves: page contents, the fonts' streams, the structure tree's object streams.
#pragma once

#include <libdeflate.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace bp::pdf {

using Compressor = std::unique_ptr<libdeflate_compressor, decltype(&libdeflate_free_compressor)>;
Compressor make_compressor(int level);  // empty when out of memory

// `raw` as a zlib stream; nothing when libdeflate fails. `scratch` is the working buffer:
// a caller deflating many streams keeps it, so it grows to the largest bound once
// instead of a zero-filled bound a stream.
std::optional<std::string> zlib_deflate(libdeflate_compressor* c, std::string_view raw, std::string& scratch);

}  // namespace bp::pdf
