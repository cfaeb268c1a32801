#include <doctest/doctest.h>

#include <string>

#include "util/byte_sink.hpp"
#include "xlsx/xml.hpp"
#include "xlsx/xml_writer.hpp"

namespace {
std::string number(double v) { return bp::xlsx::format_number(v); }
}  // namespace

TEST_CASE("xlsx::format_number: whole numbers, fractions and exponents as Excel reads them") {
    CHECK(number(0) == "0");
    CHECK(number(-0.0) == "0");
    CHECK(number(7) == "7");
    CHECK(number(-99999) == "-99999");
    CHECK(number(12345) == "12345");
    CHECK(number(100000) == "1E5");  // to_chars' shortest form, still a number to Excel
    CHECK(number(123456) == "123456");
    CHECK(number(0.5) == "0.5");
    CHECK(number(1e-7) == "1E-7");
    CHECK(number(2.5e20) == "2.5E20");
}

TEST_CASE("xlsx::XmlWriter: integer attributes in full, plain values unescaped") {
    bp::StringSink sink;
    {
        bp::xlsx::XmlWriter x(sink);
        x.start("row");
        x.attr_uint("r", 100000);  // a row number: "1E5" would be no row at all
        x.start("c");
        x.attr_plain("r", "A100000");
        x.attr_uint("s", 3);
        x.plain_element("v", "42");
        x.end();
        x.start("c");
        x.attr("t", "a&b");
        x.text_element("v", "<1>");
        x.end();
        x.end();
    }
    CHECK(sink.text == "<row r=\"100000\"><c r=\"A100000\" s=\"3\"><v>42</v></c><c t=\"a&amp;b\"><v>&lt;1&gt;</v></c></row>");
}

TEST_CASE("xlsx::attr_uint: a part built as a tree writes its counts and indexes in full too") {
    pugi::xml_document doc;
    auto node = doc.append_child("cellXfs");
    bp::xlsx::attr_uint(node, "count", 100000);
    CHECK(std::string(node.attribute("count").value()) == "100000");
}
