// util::JsonWriter: escapes, numbers, both layouts, and output larger than its buffer.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <limits>
#include <random>

#include "util/json_writer.hpp"

using namespace bp;

namespace {
// What `write` makes a JsonWriter write.
std::string written(JsonLayout layout, const std::function<void(JsonWriter&)>& write) {
    char* text = nullptr;
    std::size_t size = 0;
    std::FILE* memory = open_memstream(&text, &size);
    REQUIRE(memory);
    {
        JsonWriter j(memory, layout);
        write(j);
        CHECK(j.flush());
    }
    std::fclose(memory);
    std::string out(text, size);
    std::free(text);
    return out;
}

std::string string_value(JsonLayout layout, std::string_view s) {
    return written(layout, [&](JsonWriter& j) { j.string(s); });
}

std::string number_text(JsonLayout layout, double v) {
    char buf[k_max_json_number];
    return std::string(buf, format_json_number(buf, v, layout));
}

const std::string k_fffd = "\xEF\xBF\xBD";
}  // namespace

TEST_CASE("util::JsonWriter escapes quotes, backslashes and control characters") {
    const auto compact = JsonLayout::compact, indented = JsonLayout::indented;
    CHECK(string_value(compact, "say \"hi\" \\ bye") == R"("say \"hi\" \\ bye")");
    CHECK(string_value(compact, "a\nb\rc\td") == R"("a\nb\rc\td")");
    CHECK(string_value(compact, std::string("\0\x01\x1f", 3)) == R"("\u0000\u0001\u001f")");
    SUBCASE("backspace and form feed: \\u in the compact layout (dump), short forms in the indented one (nlohmann's)") {
        CHECK(string_value(compact, "\b\f") == R"("\u0008\u000c")");
        CHECK(string_value(indented, "\b\f") == R"("\b\f")");
    }
    SUBCASE("every control character, as nlohmann writes it") {
        for (int c = 0; c < 0x20; ++c) {
            std::string s(1, static_cast<char>(c));
            CHECK(string_value(indented, s) == nlohmann::json(s).dump());
        }
    }
    SUBCASE("DEL and other ASCII pass through") { CHECK(string_value(compact, "\x7f~ /") == "\"\x7f~ /\""); }
}

TEST_CASE("util::JsonWriter keeps valid UTF-8 and replaces invalid bytes with U+FFFD") {
    for (auto layout : {JsonLayout::compact, JsonLayout::indented}) {
        CHECK(string_value(layout, "caf\xC3\xA9 \xF0\x9F\x98\x80") == "\"caf\xC3\xA9 \xF0\x9F\x98\x80\"");
        CHECK(string_value(layout, "a\xC3(b") == "\"a" + k_fffd + "(b\"");                       // truncated sequence
        CHECK(string_value(layout, "\xED\xA0\x80") == "\"" + k_fffd + k_fffd + k_fffd + "\"");  // a surrogate
        CHECK(string_value(layout, "\xC0\xAF") == "\"" + k_fffd + k_fffd + "\"");              // overlong
        CHECK(string_value(layout, "\xFF") == "\"" + k_fffd + "\"");
    }
    CHECK(json_quote("x\xFFy\n") == "\"x" + k_fffd + "y\\n\"");
}

TEST_CASE("util::JsonWriter writes non-finite numbers as null") {
    for (auto layout : {JsonLayout::compact, JsonLayout::indented}) {
        CHECK(written(layout, [](JsonWriter& j) { j.number(std::numeric_limits<double>::quiet_NaN()); }) == "null");
        CHECK(written(layout, [](JsonWriter& j) { j.number(std::numeric_limits<double>::infinity()); }) == "null");
        CHECK(written(layout, [](JsonWriter& j) { j.number(-std::numeric_limits<double>::infinity()); }) == "null");
    }
}

TEST_CASE("util::format_json_number: shortest digits, laid out as {fmt} (compact) and nlohmann (indented) do") {
    const auto compact = JsonLayout::compact, indented = JsonLayout::indented;
    CHECK(number_text(compact, 5) == "5");
    CHECK(number_text(indented, 5) == "5.0");
    CHECK(number_text(compact, 0) == "0");
    CHECK(number_text(indented, 0) == "0.0");
    CHECK(number_text(compact, -0.0) == "-0");
    CHECK(number_text(indented, -0.0) == "-0.0");
    CHECK(number_text(compact, 470.2) == "470.2");
    CHECK(number_text(compact, 0.1 + 0.2) == "0.30000000000000004");
    CHECK(number_text(compact, 1e-7) == "1e-07");
    CHECK(number_text(indented, 1e-7) == "1e-07");
    CHECK(number_text(compact, 0.0001) == "0.0001");
    CHECK(number_text(indented, 0.0001) == "0.0001");
    CHECK(number_text(compact, 1e15) == "1000000000000000");
    CHECK(number_text(indented, 1e15) == "1e+15");
    CHECK(number_text(compact, 1e16) == "1e+16");
    CHECK(number_text(compact, 100000) == "100000");  // to_chars alone would write 1e+05
    CHECK(number_text(compact, -1.5e300) == "-1.5e+300");
    CHECK(number_text(compact, 5e-324) == "5e-324");

    SUBCASE("every double reads back as itself; the compact layout is {fmt}'s '{}' to the byte") {
        std::mt19937_64 rng(20261121);
        std::uniform_real_distribution<double> money(-1e7, 1e7);
        for (int i = 0; i < 200000; ++i) {
            double v;
            if (i % 2) {
                std::uint64_t bits = rng();
                std::memcpy(&v, &bits, sizeof v);
                if (!std::isfinite(v)) continue;
            } else {
                v = std::round(money(rng) * 100) / 100;
            }
            for (auto layout : {compact, indented}) {
                std::string text = number_text(layout, v);
                double back = std::strtod(text.c_str(), nullptr);
                REQUIRE_MESSAGE(std::memcmp(&back, &v, sizeof v) == 0, text);
            }
            REQUIRE(number_text(compact, v) == fmt::format("{}", v));
        }
    }
    SUBCASE("numbers of up to three decimals (the short path) as {fmt} and nlohmann write them") {
        std::mt19937_64 rng(4);
        std::uniform_real_distribution<double> magnitude(-12, 12);
        for (int i = 0; i < 200000; ++i) {
            double scale = std::pow(10.0, i % 4);
            double v = std::round(std::pow(10.0, magnitude(rng)) * scale) / scale * (i % 3 ? 1 : -1);
            REQUIRE_MESSAGE(number_text(compact, v) == fmt::format("{}", v), v);
            REQUIRE_MESSAGE(number_text(indented, v) == nlohmann::json(v).dump(), v);
        }
        CHECK(number_text(compact, 0.05) == "0.05");
        CHECK(number_text(indented, -3.25) == "-3.25");
        CHECK(number_text(indented, 12) == "12.0");
        CHECK(number_text(compact, 999999999999.5) == "999999999999.5");
    }
    SUBCASE("the indented layout is nlohmann's for the values a pack holds") {
        for (double v : {90.4, 0.904, 12.0, 1958.0, -3.25, 0.05, 1234567.5, 42.6, 1.0 / 3, 2.0 / 7})
            CHECK(number_text(indented, v) == nlohmann::json(v).dump());
    }
}

TEST_CASE("util::JsonWriter's indented layout is nlohmann's dump(2), its compact one dump()") {
    nlohmann::ordered_json doc = {{"name", "boardpack"}, {"list", {1, 2, 3}},   {"empty", nlohmann::ordered_json::array()},
                                  {"none", nullptr},     {"yes", true},          {"obj", {{"a", nlohmann::ordered_json::object()}, {"b", {{"c", "d"}}}}},
                                  {"nested", {nlohmann::ordered_json::array(), {{"x", false}}}}};
    auto write = [](JsonWriter& j) {
        j.begin_object();
        j.key("name");
        j.string("boardpack");
        j.key("list");
        j.begin_array();
        for (int i = 1; i <= 3; ++i) j.integer(i);
        j.end_array();
        j.key("empty");
        j.begin_array();
        j.end_array();
        j.key("none");
        j.null();
        j.key("yes");
        j.boolean(true);
        j.key("obj");
        j.begin_object();
        j.key("a");
        j.begin_object();
        j.end_object();
        j.key("b");
        j.begin_object();
        j.key("c");
        j.string("d");
        j.end_object();
        j.end_object();
        j.key("nested");
        j.begin_array();
        j.begin_array();
        j.end_array();
        j.begin_object();
        j.key("x");
        j.boolean(false);
        j.end_object();
        j.end_array();
        j.end_object();
    };
    CHECK(written(JsonLayout::indented, write) == doc.dump(2));
    CHECK(written(JsonLayout::compact, write) == doc.dump());
}

TEST_CASE("util::JsonWriter: output many times its buffer, escapes and numbers across the boundaries") {
    // Strings of every length up to 40 with an escape or a multi-byte character
    // at the end: some of them straddle each flush of the buffer.
    std::vector<std::string> strings;
    for (int n = 0; n < 40; ++n) {
        strings.push_back(std::string(static_cast<std::size_t>(n), 'x') + "\"\n\\");
        strings.push_back(std::string(static_cast<std::size_t>(n), 'y') + "\xE2\x82\xAC\x01");
    }
    const std::string big(3u << 20, 'z');  // one value larger than the buffer
    std::string text = written(JsonLayout::compact, [&](JsonWriter& j) {
        j.begin_array();
        for (int round = 0; round < 2000; ++round)
            for (std::size_t i = 0; i < strings.size(); ++i) {
                j.string(strings[i]);
                j.number(round + i / 8.0);
            }
        j.string(big + "\t");
        j.end_array();
    });
    CHECK(text.size() > (4u << 20));
    auto doc = nlohmann::json::parse(text);
    REQUIRE(doc.size() == 2000 * strings.size() * 2 + 1);
    std::size_t k = 0;
    bool all_same = true;
    for (int round = 0; round < 2000; ++round)
        for (std::size_t i = 0; i < strings.size(); ++i) {
            all_same = all_same && doc[k++] == strings[i];
            all_same = all_same && doc[k++] == round + i / 8.0;
        }
    CHECK(all_same);
    CHECK(doc[k] == big + "\t");
}

TEST_CASE("util::JsonWriter reports a stream that cannot be written") {
    std::FILE* full = std::fopen("/dev/full", "w");
    if (!full) return;  // no /dev/full here: nothing to check
    {
        JsonWriter j(full);
        j.begin_array();
        for (int i = 0; i < 100000; ++i) j.string("filler filler filler");
        j.end_array();
        CHECK_FALSE(j.flush());
        CHECK_FALSE(j.ok());
    }
    std::fclose(full);
}
