#include <doctest/doctest.h>

#include <zip.h>

#include <vector>

#include "read/shared_strings.hpp"
#include "read/xml_stream.hpp"
#include "util/zip.hpp"

using namespace bp;
using namespace bp::read;

namespace {
// A one-entry zip in memory, written with libzip.
std::string zip_of(const std::string& name, const std::string& content) {
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* out = zip_source_buffer_create(nullptr, 0, 0, &err);
    zip_source_keep(out);
    zip_t* za = zip_open_from_source(out, ZIP_TRUNCATE, &err);
    zip_source_t* src = zip_source_buffer(za, content.data(), content.size(), 0);
    zip_file_add(za, name.c_str(), src, 0);
    zip_close(za);
    zip_source_open(out);
    zip_source_seek(out, 0, SEEK_END);
    auto size = zip_source_tell(out);
    zip_source_seek(out, 0, SEEK_SET);
    std::string bytes(static_cast<std::size_t>(size), '\0');
    zip_source_read(out, bytes.data(), static_cast<zip_uint64_t>(size));
    zip_source_close(out);
    zip_source_free(out);
    return bytes;
}

struct Streamed {
    std::vector<std::string> items;
    std::string frame;
    Status status = Ok{};
};

Streamed stream(const std::string& xml, std::size_t batch) {
    std::string bytes = zip_of("p.xml", xml);
    auto zip = ZipArchive::open_memory(bytes, "t.xlsx", {});
    REQUIRE(zip);
    Streamed out;
    pugi::xml_document frame;
    out.status = stream_part(*zip, *zip->find("p.xml"), {"sheetData", "row", batch},
                             [&](const pugi::xml_document& doc, long) -> Status {
                                 for (auto n = doc.first_child(); n; n = n.next_sibling())
                                     if (n.type() == pugi::node_element) out.items.push_back(n.attribute("r").value());
                                 return Ok{};
                             },
                             frame);
    if (out.status) {
        for (auto n = frame.document_element().first_child(); n; n = n.next_sibling()) out.frame += std::string(n.name()) + ";";
    }
    return out;
}
}  // namespace

TEST_CASE("read::stream_part yields every item whatever the batch size") {
    std::string xml = "<?xml version=\"1.0\"?>\n<x:worksheet xmlns:x=\"u\"><x:cols><x:col min=\"1\" max=\"1\"/></x:cols><x:sheetData>";
    for (int i = 1; i <= 300; ++i) {
        xml += "<x:row r=\"" + std::to_string(i) + "\"><x:c r=\"A" + std::to_string(i) + "\" t=\"a&gt;b\"><x:v>" +
               std::to_string(i) + "</x:v></x:c></x:row>\n";
        if (i == 100) xml += "<!-- </x:row> inside a comment --><x:row r=\"100b\"/>";
    }
    xml += "</x:sheetData><x:mergeCells><x:mergeCell ref=\"A1:B2\"/></x:mergeCells></x:worksheet>";
    for (std::size_t batch : {1ul, 7ul, 100ul, 4096ul, 1ul << 20}) {
        Streamed s = stream(xml, batch);
        REQUIRE(s.status);
        REQUIRE(s.items.size() == 301);
        CHECK(s.items.front() == "1");
        CHECK(s.items[100] == "100b");
        CHECK(s.items.back() == "300");
        CHECK(s.frame == "x:cols;x:sheetData;x:mergeCells;");
    }
}

TEST_CASE("read::stream_part reports the line of malformed XML") {
    std::string xml = "<worksheet><sheetData>\n<row r=\"1\"/>\n<row r=\"2\"><c></row>\n</sheetData></worksheet>";
    Streamed s = stream(xml, 1);
    REQUIRE_FALSE(s.status);
    CHECK(s.status.error().code == Errc::bad_xml);
    CHECK(s.status.error().where.part == "p.xml");
    CHECK(s.status.error().where.line == 3);
}

TEST_CASE("read::stream_part refuses a DTD") {
    Streamed s = stream("<!DOCTYPE x [<!ENTITY a \"aaaa\">]><worksheet><sheetData/></worksheet>", 1);
    REQUIRE_FALSE(s.status);
    CHECK(s.status.error().message.find("DTD") != std::string::npos);
}

TEST_CASE("read::stream_part handles a self-closing container and its absence") {
    CHECK(stream("<worksheet><sheetData/></worksheet>", 1).items.empty());
    CHECK(stream("<chartsheet><drawing/></chartsheet>", 1).status);
    CHECK_FALSE(stream("<worksheet><sheetData><row r=\"1\"/>", 1).status);  // truncated
}

TEST_CASE("read::rich_text joins runs and skips phonetic runs") {
    pugi::xml_document doc;
    doc.load_string(R"(<si><r><rPr><b/></rPr><t>Amber </t></r><r><t xml:space="preserve">– some progress</t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh><phoneticPr fontId="1"/></si>)",
                    pugi::parse_default | pugi::parse_ws_pcdata_single);
    CHECK(rich_text(doc.document_element()) == "Amber – some progress");
    doc.load_string("<si><t>line_x000D_break</t></si>");
    CHECK(rich_text(doc.document_element()) == "line\rbreak");
    doc.load_string("<si><t> </t></si>", pugi::parse_default | pugi::parse_ws_pcdata_single);
    CHECK(rich_text(doc.document_element()) == " ");
}

TEST_CASE("read::stream_part on a large part (scanned and parsed on a second thread)") {
    std::string xml = "<worksheet><sheetData>\n";
    const int rows = 60000;  // about 5 MiB: over the threshold for the threaded path
    for (int i = 1; i <= rows; ++i)
        xml += "<row r=\"" + std::to_string(i) + "\"><c r=\"A" + std::to_string(i) + "\"><v>" + std::to_string(i * 7) +
               "</v></c><c r=\"B" + std::to_string(i) + "\" t=\"inlineStr\"><is><t>padding text for row</t></is></c></row>\n";
    std::string good = xml + "</sheetData></worksheet>";
    REQUIRE(good.size() > (4u << 20));
    Streamed s = stream(good, 1u << 20);
    REQUIRE(s.status);
    REQUIRE(s.items.size() == static_cast<std::size_t>(rows));
    CHECK(s.items.front() == "1");
    CHECK(s.items[31234] == "31235");
    CHECK(s.items.back() == std::to_string(rows));

    // Damage deep inside: the error names the right line, however the work was split.
    std::string bad = good;
    std::string marker = "<row r=\"50000\">";
    bad.replace(bad.find(marker), marker.size(), "<row r=\"50000\"><c>");
    Streamed e = stream(bad, 1u << 20);
    REQUIRE_FALSE(e.status);
    CHECK(e.status.error().code == Errc::bad_xml);
    CHECK(e.status.error().where.line == 50001);
}

TEST_CASE("read::stream_part stops when the consumer fails, on the threaded path too") {
    std::string xml = "<worksheet><sheetData>";
    for (int i = 1; i <= 60000; ++i) xml += "<row r=\"" + std::to_string(i) + "\"><c><v>123456789012345678901234567890</v></c></row>";
    xml += "</sheetData></worksheet>";
    std::string bytes = zip_of("p.xml", xml);
    auto zip = ZipArchive::open_memory(bytes, "t.xlsx", {});
    REQUIRE(zip);
    pugi::xml_document frame;
    int batches = 0;
    Status s = stream_part(*zip, *zip->find("p.xml"), {"sheetData", "row", 1u << 20},
                           [&](const pugi::xml_document&, long) -> Status {
                               if (++batches == 2) return make_error(Errc::bad_value, "consumer gave up");
                               return Ok{};
                           },
                           frame);
    REQUIRE_FALSE(s);
    CHECK(s.error().message == "consumer gave up");
    CHECK(batches == 2);
}

TEST_CASE("read::stream_part finds items that span many reads, whatever byte a read ends on") {
    // A row far longer than a read (64 KiB) between short ones, its end tag
    // prefixed; shifting it byte by byte puts each read's end inside the end
    // tag's name, its prefix and its '>' in turn.
    for (std::size_t shift = 0; shift < 12; ++shift) {
        std::string xml = "<x:worksheet xmlns:x=\"u\"><x:sheetData>" + std::string(shift, ' ');
        xml += "<x:row r=\"1\"><x:c><x:v>1</x:v></x:c></x:row>";
        xml += "<x:row r=\"2\"><x:c t=\"inlineStr\"><x:is><x:t>" + std::string(300000, 's') + "</x:t></x:is></x:c></x:row>";
        for (int i = 3; i <= 2000; ++i) xml += "<x:row r=\"" + std::to_string(i) + "\"><x:c><x:v>7</x:v></x:c></x:row>";
        xml += "</x:sheetData></x:worksheet>";
        for (std::size_t batch : {1ul, 1ul << 20}) {
            Streamed s = stream(xml, batch);
            REQUIRE(s.status);
            REQUIRE(s.items.size() == 2000);
            CHECK(s.items[1] == "2");
            CHECK(s.items.back() == "2000");
        }
    }
}
