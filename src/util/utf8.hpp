// Small text helpers shared across layers: UTF-8 decoding, checking and
// repair (the reader checks every string from a workbook once; the JSON,
// PDF and XLSX writers decode with the same rules), ST_Xstring _xHHHH_
// escapes, part names.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace bp {

// 0-15 for a hex digit, -1 otherwise.
int hex_digit(char c);
// Appends code point `cp` (up to U+10FFFF) as UTF-8. Surrogates are written
// as their 3-byte forms (CESU-8): valid_utf8() refuses them afterwards.
void append_utf8(std::string& out, char32_t cp);

// The UTF-8 sequence at text[i]: its code point and length in bytes, or
// length 0 when the bytes there are not valid UTF-8 (overlong forms,
// surrogates, code points above U+10FFFF, truncated or stray bytes).
struct Utf8Char {
    char32_t cp = 0;
    std::size_t length = 0;
};
Utf8Char decode_utf8(std::string_view text, std::size_t i);

// Is all of `s` valid UTF-8? Runs of ASCII are checked eight bytes at a time.
bool valid_utf8(std::string_view s);
// `s` with every invalid sequence replaced by U+FFFD, one per maximal
// subpart (Unicode's recommended practice, as Python and browsers decode):
// "ED A0 80" (a CESU-8 surrogate) gives three, a truncated "E2 82" one.
// Valid text comes back as it is (checked fast first).
std::string repair_utf8(std::string_view s);
// The longest prefix of `s` of at most `max_bytes` bytes that does not cut a
// character in two (for quoting a value in a message).
std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes);

// A-Z to a-z; other bytes (UTF-8 included) unchanged. Part names, extensions, template keys.
std::string ascii_lower(std::string_view s);
// The same for one byte: what std::tolower does in the C locale, without the call.
constexpr char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace bp
