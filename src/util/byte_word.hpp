// Eight bytes as one 64-bit word, and the tests that let a scanner skip plain text a word
// at a time (XML escaping, excel_text's check, the date-of-birth cues). Each says exactly
// whether some byte of the word is such; it does not say which (a borrow may mark bytes
// above the first match).
#pragma once

#include <cstdint>
#include <cstring>

namespace bp {

inline constexpr std::uint64_t k_word_ones = 0x0101010101010101ull;
inline constexpr std::uint64_t k_word_highs = 0x8080808080808080ull;

inline std::uint64_t load_word(const char* p) {
    std::uint64_t x;
    std::memcpy(&x, p, sizeof x);
    return x;
}

// Some byte of `x` is below `n` (n at most 0x80): only such a byte borrows.
constexpr bool word_has_byte_below(std::uint64_t x, unsigned char n) {
    return ((x - k_word_ones * n) & ~x & k_word_highs) != 0;
}

// Some byte of `x` is `c`.
constexpr bool word_has_byte(std::uint64_t x, unsigned char c) { return word_has_byte_below(x ^ (k_word_ones * c), 1); }

// Some byte of `x` is 0x80 or more (not ASCII).
constexpr bool word_has_high_byte(std::uint64_t x) { return (x & k_word_highs) != 0; }

}  // namespace bp
