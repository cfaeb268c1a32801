#include <doctest/doctest.h>

#include "read/number_format.hpp"

using namespace bp::read;

TEST_CASE("read::classify_format built-in date ids") {
    for (unsigned id : {14u, 15u, 16u, 17u, 18u, 19u, 20u, 21u, 22u, 45u, 47u})
        CHECK_MESSAGE(classify_format(builtin_format_code(id)) == NumFmtKind::date, "id ", id);
    CHECK(classify_format(builtin_format_code(46)) == NumFmtKind::duration);
    CHECK(classify_format(builtin_format_code(9)) == NumFmtKind::percent);
    CHECK(classify_format(builtin_format_code(10)) == NumFmtKind::percent);
    CHECK(classify_format(builtin_format_code(0)) == NumFmtKind::general);
    CHECK(classify_format(builtin_format_code(3)) == NumFmtKind::number);
    CHECK(classify_format(builtin_format_code(49)) == NumFmtKind::text);
    for (unsigned id : {1u, 2u, 4u, 11u, 12u, 37u, 38u, 48u})
        CHECK_MESSAGE(classify_format(builtin_format_code(id)) != NumFmtKind::date, "id ", id);
}

TEST_CASE("read::classify_format custom codes") {
    CHECK(classify_format("dd/mm/yyyy") == NumFmtKind::date);
    CHECK(classify_format("d mmm yy") == NumFmtKind::date);
    CHECK(classify_format("[$-809]dd mmmm yyyy") == NumFmtKind::date);
    CHECK(classify_format("[Red]dd/mm/yy;@") == NumFmtKind::date);
    CHECK(classify_format("h:mm AM/PM") == NumFmtKind::date);
    CHECK(classify_format("yyyy-mm-dd\\Thh:mm") == NumFmtKind::date);
    SUBCASE("quoted and escaped letters are not dates") {
        CHECK(classify_format("0 \"days\"") == NumFmtKind::number);
        CHECK(classify_format("#,##0\\ \\d") == NumFmtKind::number);
        CHECK(classify_format("0_s") == NumFmtKind::number);
        CHECK(classify_format("[Blue]0.0;[Red]-0.0") == NumFmtKind::number);
        CHECK(classify_format("[>=100]\"high\";\"low\"") == NumFmtKind::general);
    }
    SUBCASE("only the first section decides") {
        CHECK(classify_format("0.0;dd/mm/yyyy") == NumFmtKind::number);
        CHECK(classify_format("0.0%;[Red]-0.0%") == NumFmtKind::percent);
    }
    SUBCASE("elapsed time") {
        CHECK(classify_format("[h]:mm:ss") == NumFmtKind::duration);
        CHECK(classify_format("[mm]:ss") == NumFmtKind::duration);
        CHECK(classify_format("[ss].0") == NumFmtKind::duration);
        CHECK(classify_format("[Red][h]:mm") == NumFmtKind::duration);
    }
    CHECK(classify_format("0.0%") == NumFmtKind::percent);
    CHECK(classify_format("@") == NumFmtKind::text);
    CHECK(classify_format("General") == NumFmtKind::general);
}
