#include "pdf/font_cmap.hpp"

#include <hpdf_fontdef.h>

#include <array>
#include <cstddef>

namespace bp::pdf {

namespace {

constexpr std::size_t k_bmp = 0x10000;

// The glyph of each BMP character as HPDF_TTFontDef_GetGlyphid finds it in a format 4 map: the
// first segment ending at or after the character, nothing when the segment starts after it,
// else the character moved by the segment's delta, or looked up in the glyph id array (a
// position outside the array: nothing; libharu reads one past its end there).
void glyphs_of(const HPDF_TTF_CmapRange& cmap, HPDF_UINT16* out) {
    const HPDF_UINT segments = cmap.seg_count_x2 / 2;
    HPDF_UINT s = 0;
    for (HPDF_UINT cp = 0; cp < k_bmp; ++cp) {
        while (s < segments && cp > cmap.end_count[s]) ++s;
        HPDF_UINT16 gid = 0;
        if (s < segments && cmap.start_count[s] <= cp) {
            if (cmap.id_range_offset[s] == 0) {
                gid = static_cast<HPDF_UINT16>(cp + static_cast<HPDF_UINT>(cmap.id_delta[s]));
            } else {
                const HPDF_UINT at = cmap.id_range_offset[s] / 2 + (cp - cmap.start_count[s]) - (segments - s);
                if (at < cmap.glyph_id_array_count)
                    gid = static_cast<HPDF_UINT16>(cmap.glyph_id_array[at] + static_cast<HPDF_UINT>(cmap.id_delta[s]));
            }
        }
        out[cp] = gid;
    }
}

}  // namespace

void index_character_map(HPDF_FontDef def) {
    if (!def || def->type != HPDF_FONTDEF_TYPE_TRUETYPE || !def->attr) return;
    HPDF_TTF_CmapRange& cmap = static_cast<HPDF_TTFontDefAttr>(def->attr)->cmap;
    if (cmap.format != 4 || cmap.seg_count_x2 < 2 || !cmap.end_count || !cmap.start_count || !cmap.id_delta ||
        !cmap.id_range_offset)
        return;
    if (cmap.seg_count_x2 == 2 && cmap.glyph_id_array_count == k_bmp) return;  // done already
    // libharu frees the map's arrays with its own allocator (the font definition's InitAttr).
    auto get = [&](std::size_t count) { return static_cast<HPDF_UINT16*>(HPDF_GetMem(def->mmgr, static_cast<HPDF_UINT>(count * sizeof(HPDF_UINT16)))); };
    std::array<HPDF_UINT16*, 5> fresh{get(1), get(1), get(1), get(1), get(k_bmp)};  // end, start, delta, range, glyphs
    for (HPDF_UINT16* p : fresh)
        if (!p) {
            for (HPDF_UINT16* q : fresh)
                if (q) HPDF_FreeMem(def->mmgr, q);
            return;
        }
    auto [end, start, delta, range, glyphs] = fresh;
    glyphs_of(cmap, glyphs);
    for (void* old : {static_cast<void*>(cmap.end_count), static_cast<void*>(cmap.start_count), static_cast<void*>(cmap.id_delta),
                      static_cast<void*>(cmap.id_range_offset), static_cast<void*>(cmap.glyph_id_array)})
        if (old) HPDF_FreeMem(def->mmgr, old);
    // One segment, 0 to 0xFFFF, through the table: GetGlyphid's position for character c is then
    // range / 2 + (c - start) - (segments - 0) = 1 + c - 1 = c.
    end[0] = 0xFFFF;
    start[0] = 0;
    delta[0] = 0;
    range[0] = 2;
    cmap.seg_count_x2 = 2;
    cmap.end_count = end;
    cmap.start_count = start;
    cmap.id_delta = reinterpret_cast<HPDF_INT16*>(delta);
    cmap.id_range_offset = range;
    cmap.glyph_id_array = glyphs;
    cmap.glyph_id_array_count = k_bmp;
}

}  // namespace bp::pdf
