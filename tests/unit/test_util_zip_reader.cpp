// util::ZipArchive: small deflated entries are inflated whole (libdeflate) and
// their CRC checked as libzip checks it; what they hand out is the same as the
// streamed path's, whether read in pieces or whole.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "../support/scratch.hpp"
#include "util/zip.hpp"
#include "util/zip_writer.hpp"

using namespace bp;
namespace fs = std::filesystem;

namespace {
std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
std::string read_in_pieces(ZipArchive& zip, const ZipEntry& e) {
    auto s = zip.open(e);
    REQUIRE(s.ok());
    std::string out;
    char buf[1000];
    for (;;) {
        auto got = s->read(buf, sizeof buf);
        REQUIRE(got.ok());
        if (*got == 0) break;
        out.append(buf, *got);
    }
    return out;
}
}  // namespace

TEST_CASE("util::ZipArchive reads small and large deflated entries alike, and refuses a wrong CRC") {
    fs::path dir = test::scratch("zip-reader");
    std::string small, large;
    for (int i = 0; i < 2000; ++i) small += "<row r=\"" + std::to_string(i) + "\"/>";
    while (large.size() < (33u << 20)) large += small;  // past the 32 MiB inflated whole
    fs::path path = dir / "a.zip";
    {
        auto zip = ZipWriter::create(path.string());
        REQUIRE(zip.ok());
        REQUIRE(zip->add_bytes("small.xml", small).ok());
        REQUIRE(zip->add_bytes("large.xml", large).ok());
        REQUIRE(zip->close().ok());
    }
    {
        auto zip = ZipArchive::open_file(path.string(), "a.zip", ZipLimits{});
        REQUIRE(zip.ok());
        for (const std::string* want : {&small, &large}) {
            const ZipEntry* e = zip->find(want == &small ? "small.xml" : "large.xml");
            REQUIRE(e);
            CHECK(e->plain_deflate);
            CHECK(read_in_pieces(*zip, *e) == *want);
            auto whole = zip->read_all(*e, 64u << 20);
            REQUIRE(whole.ok());
            CHECK(*whole == *want);
        }
    }
    // The small entry's CRC changed in both headers: its bytes no longer match it.
    std::string bytes = slurp(path);
    for (std::string sig : {std::string("PK\x03\x04", 4), std::string("PK\x01\x02", 4)}) {
        std::size_t at = bytes.find(sig);
        REQUIRE(at != std::string::npos);
        std::size_t crc = at + (sig[2] == '\x03' ? 14 : 16);
        bytes[crc] = static_cast<char>(bytes[crc] ^ 0x5A);
    }
    {
        std::ofstream(dir / "bad.zip", std::ios::binary) << bytes;
        auto zip = ZipArchive::open_file((dir / "bad.zip").string(), "bad.zip", ZipLimits{});
        REQUIRE(zip.ok());
        auto got = zip->read_all(*zip->find("small.xml"), 64u << 20);
        REQUIRE_FALSE(got.ok());
        CHECK(got.error().code == Errc::bad_zip);
        CHECK(got.error().message.find("CRC") != std::string::npos);
        CHECK(zip->read_all(*zip->find("large.xml"), 64u << 20).ok());  // its own CRC is untouched
    }
    fs::remove_all(dir);
}

TEST_CASE("util::ZipStream hands over a small entry inflated whole, only up to its limit and before any read") {
    fs::path dir = test::scratch("zip-take-whole");
    std::string small;
    for (int i = 0; i < 500; ++i) small += "<row r=\"" + std::to_string(i) + "\"/>";
    fs::path path = dir / "b.zip";
    {
        auto zip = ZipWriter::create(path.string());
        REQUIRE(zip.ok());
        REQUIRE(zip->add_bytes("small.xml", small).ok());
        REQUIRE(zip->close().ok());
    }
    auto zip = ZipArchive::open_file(path.string(), "b.zip", ZipLimits{});
    REQUIRE(zip.ok());
    const ZipEntry* e = zip->find("small.xml");
    REQUIRE(e);
    {
        auto s = zip->open(*e);
        REQUIRE(s.ok());
        auto too_big = s->take_whole(small.size() - 1);  // over the limit: left to be read
        REQUIRE(too_big.ok());
        CHECK_FALSE(too_big->has_value());
        auto whole = s->take_whole(small.size());
        REQUIRE(whole.ok());
        REQUIRE(whole->has_value());
        CHECK(**whole == small);
        char buf[16];
        auto after = s->read(buf, sizeof buf);  // handed over: nothing more to read
        REQUIRE(after.ok());
        CHECK(*after == 0);
    }
    {
        auto s = zip->open(*e);
        REQUIRE(s.ok());
        char buf[16];
        REQUIRE(s->read(buf, sizeof buf).ok());
        auto whole = s->take_whole(small.size());  // once read from: not handed over
        REQUIRE(whole.ok());
        CHECK_FALSE(whole->has_value());
    }
}
