#include <doctest/doctest.h>

#include <array>

#include "util/byte_word.hpp"

using namespace bp;

TEST_CASE("util::byte_word tells exactly whether some byte of a word is one, or below one") {
    for (unsigned b = 0; b < 256; ++b)
        for (unsigned at = 0; at < 8; ++at) {
            std::array<char, 8> bytes;
            bytes.fill(static_cast<char>(0xFF));
            bytes[at] = static_cast<char>(b);
            const std::uint64_t x = load_word(bytes.data());
            CAPTURE(b);
            CAPTURE(at);
            for (unsigned n : {1u, 0x20u, 0x80u}) CHECK(word_has_byte_below(x, static_cast<unsigned char>(n)) == (b < n));
            for (unsigned c : {0u, 0x22u, 0x26u, 0x3Cu, 0x5Fu, 0x64u}) CHECK(word_has_byte(x, static_cast<unsigned char>(c)) == (b == c));
            CHECK(word_has_high_byte(x));  // the 0xFF filler
        }
    CHECK_FALSE(word_has_high_byte(load_word("plain tx")));
}
