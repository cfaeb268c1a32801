// util::ZipWriter: entries written in pieces (held, or past the limit streamed) read back whole by the reader
// (libzip), and a failed or abandoned archive leaves nothing behind.
#include <doctest/doctest.h>

#include <filesystem>
#include <random>

#include "../support/scratch.hpp"
#include "util/zip.hpp"
#include "util/zip_writer.hpp"

using namespace bp;
namespace fs = std::filesystem;

namespace {
std::string read_entry(ZipArchive& zip, const std::string& name) {
    const ZipEntry* e = zip.find(name);
    REQUIRE_MESSAGE(e, name);
    auto bytes = zip.read_all(*e, 64u << 20);
    REQUIRE(bytes.ok());
    return *bytes;
}
}  // namespace

TEST_CASE("util::ZipWriter streams entries that read back as written") {
    fs::path dir = test::scratch("zip-writer");
    std::string path = (dir / "out.zip").string();
    std::mt19937 rng(7);
    std::string noise(3u << 20, '\0');  // incompressible: the deflate output passes every buffer
    for (auto& c : noise) c = static_cast<char>(rng());
    std::string xml;
    for (int i = 0; i < 100000; ++i) xml += "<c r=\"A" + std::to_string(i) + "\"><v>" + std::to_string(i * 7) + "</v></c>";
    test::write(dir / "source.txt", "a file's bytes\n");
    {
        auto zip = ZipWriter::create(path);
        REQUIRE(zip.ok());
        REQUIRE(zip->add_bytes("empty.txt", "").ok());
        REQUIRE(zip->begin_entry("xl/worksheets/sheet1.xml").ok());
        for (std::size_t at = 0; at < xml.size(); at += 4093) zip->entry().write(std::string_view(xml).substr(at, 4093));
        REQUIRE(zip->add_bytes("noise.bin", noise).ok());
        // Past the 8 MiB an entry is held to, it goes on through the streaming compressor.
        REQUIRE(zip->begin_entry("big.xml").ok());
        for (int k = 0; k < 5; ++k) zip->entry().write(xml);
        REQUIRE(zip->add_file("dir/source.txt", (dir / "source.txt").string()).ok());
        REQUIRE(zip->add_bytes("caf\xC3\xA9.txt", "utf-8 name").ok());
        CHECK_FALSE(fs::exists(path));  // only at close()
        REQUIRE(zip->close().ok());
    }
    auto zip = ZipArchive::open_file(path, "out.zip", ZipLimits{});
    REQUIRE(zip.ok());
    REQUIRE(zip->entries().size() == 6);
    CHECK(zip->entries()[1].name == "xl/worksheets/sheet1.xml");
    CHECK(read_entry(*zip, "empty.txt").empty());
    CHECK(read_entry(*zip, "xl/worksheets/sheet1.xml") == xml);
    CHECK(zip->find("xl/worksheets/sheet1.xml")->comp_size < xml.size() / 4);
    CHECK(read_entry(*zip, "noise.bin") == noise);
    REQUIRE(xml.size() * 5 > (8u << 20));
    std::string big = read_entry(*zip, "big.xml");
    CHECK(big.size() == xml.size() * 5);
    CHECK(big == xml + xml + xml + xml + xml);
    CHECK(read_entry(*zip, "dir/source.txt") == "a file's bytes\n");
    CHECK(read_entry(*zip, "caf\xC3\xA9.txt") == "utf-8 name");
    std::size_t files = 0;
    for (const auto& f : fs::directory_iterator(dir)) files += f.is_regular_file();
    CHECK(files == 2);  // out.zip and source.txt: no temporary left
    fs::remove_all(dir);
}

TEST_CASE("util::ZipWriter leaves nothing when not closed or not creatable") {
    fs::path dir = test::scratch("zip-writer-discard");
    {
        auto zip = ZipWriter::create((dir / "out.zip").string());
        REQUIRE(zip.ok());
        REQUIRE(zip->add_bytes("a.txt", "abc").ok());
    }
    CHECK(fs::is_empty(dir));
    auto bad = ZipWriter::create((dir / "no-such-dir" / "out.zip").string());
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == Errc::output);
    {
        auto zip = ZipWriter::create((dir / "out.zip").string());
        REQUIRE(zip.ok());
        CHECK_FALSE(zip->add_file("missing", (dir / "missing.txt").string()).ok());
    }
    CHECK(fs::is_empty(dir));
    fs::remove_all(dir);
}
