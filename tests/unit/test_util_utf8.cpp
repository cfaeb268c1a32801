#include <doctest/doctest.h>

#include "read/shared_strings.hpp"
#include "read/xml.hpp"
#include "util/json_writer.hpp"
#include "util/utf8.hpp"

using namespace bp;

namespace {
const std::string k_fffd = "\xEF\xBF\xBD";
std::string times(const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}
}  // namespace

TEST_CASE("util::valid_utf8") {
    CHECK(valid_utf8(""));
    CHECK(valid_utf8("plain ASCII, longer than eight bytes"));
    CHECK(valid_utf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF"));  // é € 😀 U+10FFFF
    SUBCASE("surrogates (CESU-8)") { CHECK_FALSE(valid_utf8("a\xED\xA0\x80z")); CHECK_FALSE(valid_utf8("\xED\xBF\xBF")); }
    SUBCASE("overlong forms") {
        CHECK_FALSE(valid_utf8("\xC0\xAF"));
        CHECK_FALSE(valid_utf8("\xE0\x80\xAF"));
        CHECK_FALSE(valid_utf8("\xF0\x80\x80\xAF"));
    }
    SUBCASE("above U+10FFFF") { CHECK_FALSE(valid_utf8("\xF4\x90\x80\x80")); CHECK_FALSE(valid_utf8("\xF5\x80\x80\x80")); }
    SUBCASE("lone continuation and stray bytes") {
        CHECK_FALSE(valid_utf8("\x80"));
        CHECK_FALSE(valid_utf8("abcdefgh\xBF"));  // after an all-ASCII word
        CHECK_FALSE(valid_utf8("\xFF"));
    }
    SUBCASE("truncated at the end") { CHECK_FALSE(valid_utf8("price \xE2\x82")); CHECK_FALSE(valid_utf8("\xF0\x9F\x98")); }
}

TEST_CASE("util::repair_utf8 replaces each maximal subpart by one U+FFFD, as Python and browsers do") {
    CHECK(repair_utf8("caf\xC3\xA9") == "caf\xC3\xA9");
    CHECK(repair_utf8("a\xED\xA0\x80z") == "a" + times(k_fffd, 3) + "z");  // ED cannot start a surrogate: 3
    CHECK(repair_utf8("\x80\xBF") == times(k_fffd, 2));
    CHECK(repair_utf8("\xC0\xAF") == times(k_fffd, 2));
    CHECK(repair_utf8("price \xE2\x82") == "price " + k_fffd);           // one for the truncated euro
    CHECK(repair_utf8("\xE2\x82z") == k_fffd + "z");
    CHECK(repair_utf8("\xF0\x9F\x98\xF0\x9F\x98\x80") == k_fffd + "\xF0\x9F\x98\x80");
    CHECK(repair_utf8("\xF4\x90\x80\x80") == times(k_fffd, 4));
    CHECK(valid_utf8(repair_utf8("\xFF\xFE\xED\xA0\x80\xC3")));
}

TEST_CASE("util::utf8_prefix never cuts a character") {
    std::string s = "ab\xE2\x82\xAC" "cd";  // ab€cd
    CHECK(utf8_prefix(s, 100) == s);
    CHECK(utf8_prefix(s, 2) == "ab");
    CHECK(utf8_prefix(s, 3) == "ab");
    CHECK(utf8_prefix(s, 4) == "ab");
    CHECK(utf8_prefix(s, 5) == "ab\xE2\x82\xAC");
    CHECK(utf8_prefix("", 0).empty());
}

TEST_CASE("util::append_utf8 and decode_utf8 agree on every plane") {
    for (char32_t cp : {U'A', U'\u00E9', U'\u20AC', U'\U0001F600', U'\U0010FFFF'}) {
        std::string s;
        append_utf8(s, cp);
        Utf8Char u = decode_utf8(s, 0);
        CHECK(u.cp == cp);
        CHECK(u.length == s.size());
    }
    CHECK(decode_utf8("\xED\xA0\x80", 0).length == 0);
}

TEST_CASE("read::decode_xstring: surrogate pairs make one character, lone surrogates one U+FFFD after the check") {
    CHECK(read::decode_xstring("_xD801__xDC05_") == "\xF0\x90\x90\x85");  // U+10405
    CHECK(read::decode_xstring("A_x005F_x0030_B") == "A_x0030_B");        // _x005F_ is '_'
    CHECK(read::decode_xstring("ABC_x0031__x0032__x0033_DEF") == "ABC123DEF");
    CHECK(repair_utf8(read::decode_xstring("_xD801__x0038_")) == k_fffd + "8");
    CHECK(repair_utf8(read::decode_xstring("_x0039__xDC05_")) == "9" + k_fffd);
    CHECK(repair_utf8(read::decode_xstring("_xDF39__xDC05_")) == k_fffd + k_fffd);
}

TEST_CASE("read::SharedStrings repairs and remembers each string that was not UTF-8") {
    read::SharedStrings s;
    s.add("Roads");
    s.add("Parks \xED\xA0\x80");
    s.add("Libraries");
    CHECK(s.at(0) == "Roads");
    CHECK(s.at(1) == "Parks " + times(k_fffd, 3));
    CHECK(s.at(2) == "Libraries");
    CHECK_FALSE(s.repaired(0));
    CHECK(s.repaired(1));
    CHECK_FALSE(s.repaired(2));
}

TEST_CASE("util::json_quote writes valid UTF-8 whatever it is given") {
    CHECK(json_quote("caf\xC3\xA9") == "\"caf\xC3\xA9\"");
    CHECK(json_quote("a\xED\xA0\x80") == "\"a" + times(k_fffd, 3) + "\"");  // a surrogate is not passed through
    CHECK(json_quote("\xC0\xAF") == "\"" + times(k_fffd, 2) + "\"");
}
