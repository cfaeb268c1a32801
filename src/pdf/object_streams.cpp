#include "pdf/object_streams.hpp"

#include <algorithm>
#include <charconv>
#include <future>
#include <memory>
#include <thread>

#include <fmt/format.h>

#include "pdf/zlib_deflate.hpp"

namespace bp::pdf {

namespace {

constexpr std::size_t k_per_stream = 4000;  // objects in one object stream

Result<std::string> deflate(libdeflate_compressor* c, std::string_view raw, std::string& scratch) {
    auto out = zlib_deflate(c, raw, scratch);
    if (!out) return make_error(Errc::output, "PDF: cannot compress the structure tree");
    return std::move(*out);
}

void put_be(std::string& out, std::uint64_t v, int bytes) {
    for (int i = bytes - 1; i >= 0; --i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

}  // namespace

void append_number(std::string& out, std::uint64_t n) {
    char buf[24];
    out.append(buf, static_cast<std::size_t>(std::to_chars(buf, buf + sizeof buf, n).ptr - buf));
}

Result<std::string> pack_objects(const PackInput& in) {
    const auto first = static_cast<unsigned>(in.offsets.size());
    const std::size_t streams = (in.objects.size() + k_per_stream - 1) / k_per_stream;
    const unsigned first_stream = first + static_cast<unsigned>(in.objects.size());
    const unsigned xref_number = first_stream + static_cast<unsigned>(streams);

    // The object streams are independent: made and deflated on every core (a long report's
    // tree is some fifteen of them, the report thread's last large cost).
    struct Packed {
        std::string bytes;
        std::size_t first_offset = 0;  // the index's size: where the first object starts
        bool ok = false;
    };
    std::vector<Packed> packed(streams);
    auto pack_streams = [&](std::size_t begin, std::size_t step) {
        // Level 1: the elements' text is repetitive enough that higher levels gain little for their time.
        Compressor c = make_compressor(1);
        if (!c) return;  // reported below
        std::string index, body, scratch;
        for (std::size_t s = begin; s < streams; s += step) {
            index.clear();
            body.clear();
            const std::size_t from = s * k_per_stream, to = std::min(in.objects.size(), from + k_per_stream);
            for (std::size_t i = from; i < to; ++i) {
                append_number(index, first + i);
                index += ' ';
                append_number(index, body.size());
                index += ' ';
                body += in.objects[i];
                body += '\n';
            }
            index += '\n';
            packed[s].first_offset = index.size();
            auto deflated = deflate(c.get(), index + body, scratch);
            if (!deflated) return;
            packed[s].bytes = std::move(deflated).value();
            packed[s].ok = true;
        }
    };
    const std::size_t threads = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 4);
    std::vector<std::future<void>> helpers;
    for (std::size_t t = 1; t < std::min(threads, streams); ++t)
        helpers.push_back(std::async(std::launch::async, pack_streams, t, threads));
    pack_streams(0, threads);
    for (auto& h : helpers) h.get();

    std::string file;  // the tail: its offsets in the whole file are head_size + its own
    std::vector<std::uint64_t> stream_offsets;
    for (std::size_t s = 0; s < streams; ++s) {
        if (!packed[s].ok) return make_error(Errc::output, "PDF: cannot compress the structure tree (out of memory)");
        const std::size_t from = s * k_per_stream, to = std::min(in.objects.size(), from + k_per_stream);
        stream_offsets.push_back(in.head_size + file.size());
        fmt::format_to(std::back_inserter(file),
                       "{} 0 obj\n<</Type/ObjStm/N {}/First {}/Filter/FlateDecode/Length {}>>\nstream\n",
                       first_stream + s, to - from, packed[s].first_offset, packed[s].bytes.size());
        file += packed[s].bytes;
        file += "\nendstream\nendobj\n";
        std::string().swap(packed[s].bytes);
    }

    // The xref stream: type 1 (offset) for libharu's objects and the object
    // streams, type 2 (stream, index) for the packed objects.
    std::string rows;
    put_be(rows, 0, 1), put_be(rows, 0, 4), put_be(rows, 0xFFFF, 2);
    for (unsigned k = 1; k < first; ++k) put_be(rows, 1, 1), put_be(rows, in.offsets[k], 4), put_be(rows, 0, 2);
    for (std::size_t i = 0; i < in.objects.size(); ++i)
        put_be(rows, 2, 1), put_be(rows, first_stream + i / k_per_stream, 4), put_be(rows, i % k_per_stream, 2);
    for (std::uint64_t o : stream_offsets) put_be(rows, 1, 1), put_be(rows, o, 4), put_be(rows, 0, 2);
    const std::uint64_t xref_at = in.head_size + file.size();
    put_be(rows, 1, 1), put_be(rows, xref_at, 4), put_be(rows, 0, 2);
    if (xref_at > 0xFFFFFFFFu) return make_error(Errc::output, "PDF: the file is larger than 4 GB");
    Compressor c = make_compressor(1);
    if (!c) return make_error(Errc::output, "PDF: cannot set up compression (out of memory)");
    std::string scratch;
    BP_ASSIGN_OR_RETURN(std::string xref, deflate(c.get(), rows, scratch));
    std::string id;
    for (unsigned char b : in.id) id += fmt::format("{:02x}", b);
    fmt::format_to(std::back_inserter(file),
                   "{} 0 obj\n<</Type/XRef/Size {}/W[1 4 2]/Root {} 0 R/Info {} 0 R/ID[<{}><{}>]"
                   "/Filter/FlateDecode/Length {}>>\nstream\n",
                   xref_number, xref_number + 1, in.root, in.info, id, id, xref.size());
    file += xref;
    fmt::format_to(std::back_inserter(file), "\nendstream\nendobj\nstartxref\n{}\n%%EOF\n", xref_at);
    return file;
}

}  // namespace bp::pdf
