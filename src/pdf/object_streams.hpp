// A PDF's tail rewritten for objects libharu cannot write compactly: objects
// given as text are packed into compressed object streams (PDF 1.5), and a
// cross-reference stream replaces libharu's table. A tagged report has a
// structure element per table cell, tens of thousands of small objects: as
// plain objects they were five times the untagged file.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace bp::pdf {

struct PackInput {
    std::uint64_t head_size = 0;         // libharu's file up to its xref table (the head), in bytes
    std::vector<std::uint64_t> offsets;  // offsets[k]: where object k starts in the head (k >= 1)
    std::vector<std::string_view> objects;  // numbered offsets.size(), offsets.size() + 1, ...
    unsigned root = 0, info = 0;            // the catalog's and the document info's numbers
    std::string id;                         // the trailer's ID, 16 bytes (both halves the same)
};

// `n` in decimal, without a format string: object text has hundreds of thousands of numbers.
void append_number(std::string& out, std::uint64_t n);

// What follows the head (which stays as libharu wrote it): the objects in
// object streams, the xref stream, startxref.
Result<std::string> pack_objects(const PackInput& in);

// The same in two steps. The object streams need only the objects and the
// number of the first (the count of the head's objects), so they can be made
// while libharu is still writing the head; the tail then needs its offsets.
struct PackedObjects {
    unsigned first = 0;     // the first object's number
    std::size_t count = 0;  // objects packed
    struct Stream {
        std::string bytes;             // deflated
        std::size_t first_offset = 0;  // the index's size: where the first object starts
    };
    std::vector<Stream> streams;
};
Result<PackedObjects> pack_object_streams(const std::vector<std::string_view>& objects, unsigned first);
// `packed` must have been numbered from in.offsets.size(); in.objects is not read.
Result<std::string> object_tail(const PackInput& in, PackedObjects packed);

}  // namespace bp::pdf
