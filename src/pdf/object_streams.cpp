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

Result<PackedObjects> pack_object_streams(const std::vector<std::string_view>& objects, unsigned first) {
    const std::size_t streams = (objects.size() + k_per_stream - 1) / k_per_stream;
    PackedObjects out;
    out.first = first;
    out.count = objects.size();
    out.streams.resize(streams);
    std::vector<char> ok(streams, 0);
    // The object streams are independent: made and deflated on every core (a long report's
    // tree is some fifteen of them, the report thread's last large cost).
    auto pack_streams = [&](std::size_t begin, std::size_t step) {
        // Level 1: the elements' text is repetitive enough that higher levels gain little for their time.
        Compressor c = make_compressor(1);
        if (!c) return;  // reported below
        std::string index, body, scratch;
        for (std::size_t s = begin; s < streams; s += step) {
            index.clear();
            body.clear();
            const std::size_t from = s * k_per_stream, to = std::min(objects.size(), from + k_per_stream);
            for (std::size_t i = from; i < to; ++i) {
                append_number(index, first + i);
                index += ' ';
                append_number(index, body.size());
                index += ' ';
                body += objects[i];
                body += '\n';
            }
            index += '\n';
            out.streams[s].first_offset = index.size();
            auto deflated = deflate(c.get(), index + body, scratch);
            if (!deflated) return;
            out.streams[s].bytes = std::move(deflated).value();
            ok[s] = 1;
        }
    };
    const std::size_t threads = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 4);
    std::vector<std::future<void>> helpers;
    for (std::size_t t = 1; t < std::min(threads, streams); ++t)
        helpers.push_back(std::async(std::launch::async, pack_streams, t, threads));
    pack_streams(0, threads);
    for (auto& h : helpers) h.get();
    if (std::find(ok.begin(), ok.end(), 0) != ok.end())
        return make_error(Errc::output, "PDF: cannot compress the structure tree (out of memory)");
    return out;
}

Result<std::string> pack_objects(const PackInput& in) {
    BP_ASSIGN_OR_RETURN(PackedObjects packed, pack_object_streams(in.objects, static_cast<unsigned>(in.offsets.size())));
    return object_tail(in, std::move(packed));
}

Result<std::string> object_tail(const PackInput& in, PackedObjects packed) {
    const auto first = static_cast<unsigned>(in.offsets.size());
    if (packed.first != first) return make_error(Errc::output, "PDF: the structure tree was numbered for another file");
    const std::size_t count = packed.count, streams = packed.streams.size();
    const unsigned first_stream = first + static_cast<unsigned>(count);
    const unsigned xref_number = first_stream + static_cast<unsigned>(streams);

    std::string file;  // the tail: its offsets in the whole file are head_size + its own
    std::vector<std::uint64_t> stream_offsets;
    for (std::size_t s = 0; s < streams; ++s) {
        const std::size_t from = s * k_per_stream, to = std::min(count, from + k_per_stream);
        auto& stream = packed.streams[s];
        stream_offsets.push_back(in.head_size + file.size());
        fmt::format_to(std::back_inserter(file),
                       "{} 0 obj\n<</Type/ObjStm/N {}/First {}/Filter/FlateDecode/Length {}>>\nstream\n",
                       first_stream + s, to - from, stream.first_offset, stream.bytes.size());
        file += stream.bytes;
        file += "\nendstream\nendobj\n";
        std::string().swap(stream.bytes);
    }

    // The xref stream: type 1 (offset) for libharu's objects and the object
    // streams, type 2 (stream, index) for the packed objects.
    std::string rows;
    put_be(rows, 0, 1), put_be(rows, 0, 4), put_be(rows, 0xFFFF, 2);
    for (unsigned k = 1; k < first; ++k) put_be(rows, 1, 1), put_be(rows, in.offsets[k], 4), put_be(rows, 0, 2);
    for (std::size_t i = 0; i < count; ++i)
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
