#include <doctest/doctest.h>

#include "util/cell_ref.hpp"

using namespace bp;

TEST_CASE("util::column_letters and column_index round-trip") {
    CHECK(column_letters(0) == "A");
    CHECK(column_letters(25) == "Z");
    CHECK(column_letters(26) == "AA");
    CHECK(column_letters(701) == "ZZ");
    CHECK(column_letters(702) == "AAA");
    CHECK(column_letters(16383) == "XFD");
    for (std::uint32_t c : {0u, 1u, 25u, 26u, 51u, 52u, 701u, 702u, 16383u}) CHECK(column_index(column_letters(c)) == c);
    CHECK_FALSE(column_index("XFE"));
    CHECK_FALSE(column_index(""));
    CHECK_FALSE(column_index("A1"));
    CHECK(column_index("ab") == 27u);
}

TEST_CASE("util::parse_cell_ref") {
    SUBCASE("plain and absolute") {
        CHECK(parse_cell_ref("A1") == CellPos{0, 0});
        CHECK(parse_cell_ref("$B$7") == CellPos{6, 1});
        CHECK(parse_cell_ref("b7") == CellPos{6, 1});
        CHECK(parse_cell_ref("XFD1048576") == CellPos{1048575, 16383});
    }
    SUBCASE("malformed or off the grid") {
        CHECK_FALSE(parse_cell_ref("A0"));
        CHECK_FALSE(parse_cell_ref("A"));
        CHECK_FALSE(parse_cell_ref("1"));
        CHECK_FALSE(parse_cell_ref("A1048577"));
        CHECK_FALSE(parse_cell_ref("XFE1"));
        CHECK_FALSE(parse_cell_ref("A1B"));
        CHECK_FALSE(parse_cell_ref("A99999999999999999999"));
    }
    CHECK(cell_ref({6, 1}) == "B7");
}

TEST_CASE("util::parse_range") {
    auto r = parse_range("C5:A1");
    REQUIRE(r);
    CHECK(r->first == CellPos{0, 0});
    CHECK(r->last == CellPos{4, 2});
    CHECK(range_ref(*r) == "A1:C5");
    CHECK(range_ref(*parse_range("B2")) == "B2");
    CHECK_FALSE(parse_range("A1:"));
}
