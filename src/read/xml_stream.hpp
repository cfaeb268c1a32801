// Streams the children of one container element of a large part (rows of
// <sheetData>, items of <sst>) in batches, each batch parsed by pugixml as a
// fragment. Memory stays flat however large the part: only one batch and its
// DOM are alive at a time. Everything outside the container (the "frame") is
// returned as a small well-formed document for the caller's metadata.
#pragma once

#include <pugixml.hpp>

#include <functional>
#include <string>
#include <string_view>

#include "util/result.hpp"
#include "util/zip.hpp"

namespace bp::read {

struct StreamSpec {
    std::string_view container;  // local name, e.g. "sheetData"
    std::string_view item;       // local name, e.g. "row"
    std::size_t batch_bytes = 1u << 20;
};

// Called with a parsed batch: iterate `batch.children()` for the items.
// `first_line` is the line of the batch's first byte in the whole part.
using BatchFn = std::function<Status(const pugi::xml_document& batch, long first_line)>;

// Streams `entry`; after the items, parses the frame (the part without the
// container's children) into `frame`.
Status stream_part(ZipArchive& zip, const ZipEntry& entry, const StreamSpec& spec, const BatchFn& on_batch,
                   pugi::xml_document& frame);

}  // namespace bp::read
