// Text cut into runs that one font draws each: the main font where it has the
// glyph, else the first fallback font that has it. Pure (no libharu), so the
// cutting is tested on its own; font_fallback.hpp says which font has what.
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

namespace bp::pdf {

inline constexpr int k_main_font = 0;  // the document's own font (regular or bold)
inline constexpr int k_no_font = -1;   // no installed font has the glyph: drawn as k_replacement
// What a character no font has is drawn as: visible, never an empty box.
inline constexpr char32_t k_replacement = 0xFFFD;

struct FontRun {
    int font = k_main_font;  // k_main_font, a fallback's number (1, 2, ...) or k_no_font
    std::size_t begin = 0, end = 0;  // bytes of the text
    std::size_t chars = 0;           // characters in it
    friend bool operator==(const FontRun&, const FontRun&) = default;
};

// `text` (UTF-8) as maximal runs of one font each, `font_for` giving each
// character's font. ASCII is the main font's without asking; a stray byte
// counts as one character of k_no_font.
std::vector<FontRun> split_runs(std::string_view text, const std::function<int(char32_t)>& font_for);

// Does `text` hold only ASCII (the common case: one run, nothing to look up)?
bool all_ascii(std::string_view text);

}  // namespace bp::pdf
