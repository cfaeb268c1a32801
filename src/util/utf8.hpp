// Small text helpers shared across layers: the reader (ST_Xstring _xHHHH_
// escapes, part names), the PDF layer, the front ends.
#pragma once

#include <string>
#include <string_view>

namespace bp {

// 0-15 for a hex digit, -1 otherwise.
int hex_digit(char c);
// Appends code point `cp` (below U+10000) as UTF-8.
void append_utf8(std::string& out, char32_t cp);
// A-Z to a-z; other bytes (UTF-8 included) unchanged. Part names, extensions, template keys.
std::string ascii_lower(std::string_view s);

}  // namespace bp
