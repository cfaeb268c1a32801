// Small text helpers shared by the reader (ST_Xstring _xHHHH_ escapes) and
// the PDF layer (its own escapes and cleaning).
#pragma once

#include <string>

namespace bp {

// 0-15 for a hex digit, -1 otherwise.
int hex_digit(char c);
// Appends code point `cp` (below U+10000) as UTF-8.
void append_utf8(std::string& out, char32_t cp);

}  // namespace bp
