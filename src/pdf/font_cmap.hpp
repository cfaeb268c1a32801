// A loaded TrueType font's character map made one lookup a character.
// libharu finds a character's glyph by walking the font's cmap segments from
// the first (HPDF_TTFontDef_GetGlyphid), and when it makes a UTF-8 font it asks
// for every one of the 65,536 BMP characters: DejaVu Sans's segments cost
// about 60 M instructions a font that way, more than laying out a page
// of the report. The same mapping written as one segment over a table of all
// 65,536 glyph ids is answered by the same function in a step. Only
// document.cpp and font_fallback.cpp use this; it includes hpdf.h.
#pragma once

#include <hpdf.h>

namespace bp::pdf {

// Rewrites `def`'s format 4 cmap (as libharu parsed it) as one segment over a
// glyph id table, each BMP character mapped to the glyph libharu's own lookup
// finds for it. A font of another kind, a format 0 map or one libharu cannot
// give memory for is left as it is (its lookups are slower, not different).
void index_character_map(HPDF_FontDef def);

}  // namespace bp::pdf
