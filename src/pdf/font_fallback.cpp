#include "pdf/font_fallback.hpp"

#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <fstream>

#include <fmt/format.h>

#include "pdf/font_cmap.hpp"
#include "util/utf8.hpp"

namespace bp::pdf {

namespace {

bool readable_file(const std::string& path) {
    std::error_code ec;
    return std::filesystem::is_regular_file(path, ec) && std::ifstream(path, std::ios::binary).good();
}

// A .ttc is read at its first face (libharu's LoadTTFontFromFile2).
bool is_collection(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char magic[4] = {};
    in.read(magic, 4);
    return std::string_view(magic, 4) == "ttcf";
}

// Marks, for embedding, every glyph the used composite glyphs of `def` are
// built from, at any depth. libharu marks only the first level, so a CJK
// character made of nested parts (Droid Sans Fallback's 持 or 記) lost its
// inner parts and printed with holes.
void mark_composite_parts(HPDF_FontDef def) {
    auto* attr = static_cast<HPDF_TTFontDefAttr>(def->attr);
    const unsigned scale = attr->header.index_to_loc_format == 0 ? 2 : 1;
    std::vector<HPDF_UINT16> todo;
    for (HPDF_UINT16 g = 0; g < attr->num_glyphs; ++g)
        if (attr->glyph_tbl.flgs[g]) todo.push_back(g);
    std::vector<HPDF_BYTE> glyph;
    while (!todo.empty()) {
        HPDF_UINT16 g = todo.back();
        todo.pop_back();
        HPDF_UINT32 begin = attr->glyph_tbl.offsets[g] * scale, end = attr->glyph_tbl.offsets[g + 1] * scale;
        if (end <= begin + 10) continue;  // empty, or too short to be composite
        glyph.resize(end - begin);
        auto size = static_cast<HPDF_UINT>(glyph.size());
        if (HPDF_Stream_Seek(attr->stream, static_cast<HPDF_INT>(attr->glyph_tbl.base_offset + begin), HPDF_SEEK_SET) != HPDF_OK ||
            HPDF_Stream_Read(attr->stream, glyph.data(), &size) != HPDF_OK || size != glyph.size())
            continue;
        auto u16 = [&](std::size_t at) { return static_cast<unsigned>(glyph[at] << 8 | glyph[at + 1]); };
        if (!(u16(0) & 0x8000)) continue;  // numberOfContours >= 0: a simple glyph
        // Components: flags, glyph index, two arguments (bytes or words), an optional scale or matrix.
        for (std::size_t at = 10; at + 4 <= glyph.size();) {
            unsigned flags = u16(at), part = u16(at + 2);
            if (part < attr->num_glyphs && !attr->glyph_tbl.flgs[part]) {
                attr->glyph_tbl.flgs[part] = 1;
                todo.push_back(static_cast<HPDF_UINT16>(part));
            }
            at += 4 + ((flags & 0x0001) ? 4 : 2) + ((flags & 0x0008) ? 2 : (flags & 0x0040) ? 4 : (flags & 0x0080) ? 8 : 0);
            if (!(flags & 0x0020)) break;  // no more components
        }
    }
}

}  // namespace

namespace {

// BOARDPACK_FALLBACK_FONTS, when set: its files (separated by ':') instead of the built-in order; empty: none.
std::optional<std::vector<std::string>> order_from_environment() {
    const char* env = std::getenv("BOARDPACK_FALLBACK_FONTS");
    if (!env) return std::nullopt;
    std::vector<std::string> files;
    std::string_view rest = env;
    while (!rest.empty()) {
        std::size_t colon = rest.find(':');
        if (std::string_view file = rest.substr(0, colon); !file.empty()) files.emplace_back(file);
        rest = colon == std::string_view::npos ? std::string_view{} : rest.substr(colon + 1);
    }
    return files;
}

// libharu maps every character of the font to its glyph in the PDF's
// CIDToGIDMap (128 KiB; some 50 KiB deflated for a CJK font): keep only the
// characters drawn, so a fallback costs little beyond its glyphs.
void trim_cid_to_gid_map(HPDF_Font font, HPDF_FontDef def, const std::set<char32_t>& drawn) {
    auto* descendants = static_cast<HPDF_Array>(HPDF_Dict_GetItem(font, "DescendantFonts", HPDF_OCLASS_ARRAY));
    auto* cid_font = descendants ? static_cast<HPDF_Dict>(HPDF_Array_GetItem(descendants, 0, HPDF_OCLASS_DICT)) : nullptr;
    auto* map = cid_font ? static_cast<HPDF_Dict>(HPDF_Dict_GetItem(cid_font, "CIDToGIDMap", HPDF_OCLASS_DICT)) : nullptr;
    if (!map || !map->stream) return;
    std::vector<HPDF_BYTE> bytes(2 * 0x10000, 0);
    for (char32_t cp : drawn) {
        HPDF_UINT16 gid = HPDF_TTFontDef_GetGlyphid(def, static_cast<HPDF_UINT16>(cp));
        bytes[2 * cp] = static_cast<HPDF_BYTE>(gid >> 8);
        bytes[2 * cp + 1] = static_cast<HPDF_BYTE>(gid & 0xFF);
    }
    HPDF_MemStream_FreeData(map->stream);
    HPDF_Stream_Write(map->stream, bytes.data(), static_cast<HPDF_UINT>(bytes.size()));
}

}  // namespace

const std::vector<std::string>& fallback_font_search_order() {
    static const std::vector<std::string> order = order_from_environment().value_or(std::vector<std::string>{
        // Small symbol fonts first: a character they have costs a few kilobytes.
        "/usr/share/fonts/truetype/noto/NotoSansSymbols2-Regular.ttf",
        "/usr/share/fonts/truetype/noto/NotoSansSymbols-Regular.ttf",
        "/usr/share/fonts/truetype/noto/NotoSansMath-Regular.ttf",
        // Chinese and Japanese (no Hangul), then Korean, then other CJK TrueType fonts.
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/truetype/arphic/uming.ttc",
        // The BMP's emoji-style symbols (U+2705, U+274C) last: large, and it has odd CJK glyphs.
        "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf",
    });
    return order;
}

void FontChain::set_main(int slot, HPDF_Font font) {
    m_main[slot] = font ? static_cast<HPDF_FontAttr>(font->attr)->fontdef : nullptr;
    // U+FFFD where the font has it (DejaVu and Liberation do), else a question mark.
    m_replacement[slot].clear();
    append_utf8(m_replacement[slot], has_glyph(m_main[slot], k_replacement) ? k_replacement : U'?');
}

HPDF_FontDef FontChain::load(const std::string& path) {
    const char* name = is_collection(path) ? HPDF_LoadTTFontFromFile2(m_doc, path.c_str(), 0, HPDF_TRUE)
                                           : HPDF_LoadTTFontFromFile(m_doc, path.c_str(), HPDF_TRUE);
    if (m_hooks.take_error() || !name) return nullptr;
    HPDF_FontDef def = HPDF_GetFontDef(m_doc, name);
    if (m_hooks.take_error() || !def || def->type != HPDF_FONTDEF_TYPE_TRUETYPE) return nullptr;
    index_character_map(def);  // asked for every character it has, and for all 65,536 if drawn
    return def;
}

Status FontChain::add_named(const std::string& path) {
    if (!readable_file(path)) return make_error(Errc::io, fmt::format("fallback font '{}' cannot be read", path), {path});
    HPDF_FontDef def = load(path);
    if (!def)
        return make_error(Errc::bad_value,
                          fmt::format("fallback font '{}' is not a TrueType font libharu can embed (fonts with "
                                      "PostScript outlines, such as Debian's fonts-noto-cjk, cannot be used)",
                                      path),
                          {path});
    m_fallbacks.push_back(Fallback{path, def, nullptr});
    return Ok{};
}

bool FontChain::has_glyph(HPDF_FontDef def, char32_t cp) const {
    // libharu reads the BMP character map only: nothing beyond it can be drawn.
    return def && cp <= 0xFFFF && HPDF_TTFontDef_GetGlyphid(def, static_cast<HPDF_UINT16>(cp)) != 0;
}

int FontChain::font_for(int slot, char32_t cp) {
    auto [it, fresh] = m_font_of[slot].try_emplace(cp, k_no_font);
    if (!fresh) return it->second;
    if (has_glyph(m_main[slot], cp)) return it->second = k_main_font;
    if (cp > 0xFFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return k_no_font;
    for (std::size_t i = 0;; ++i) {
        if (i == m_fallbacks.size()) {
            // Read the next installed file of the search order, only now that a character needs one.
            const auto& order = fallback_font_search_order();
            HPDF_FontDef def = nullptr;
            std::string path;
            while (!def && m_next < order.size()) {
                path = order[m_next++];
                if (readable_file(path)) def = load(path);  // one that fails to load is passed over
            }
            if (!def) return k_no_font;
            m_fallbacks.push_back(Fallback{path, def, nullptr});
        }
        if (has_glyph(m_fallbacks[i].def, cp)) return it->second = static_cast<int>(i) + 1;
    }
}

double FontChain::advance(int font, char32_t cp) {
    return HPDF_TTFontDef_GetCharWidth(m_fallbacks[static_cast<std::size_t>(font) - 1].def, static_cast<HPDF_UINT16>(cp));
}

std::string_view FontChain::replacement(int slot) { return m_replacement[slot]; }

HPDF_Font FontChain::pdf_font(int font) {
    Fallback& f = m_fallbacks[static_cast<std::size_t>(font) - 1];
    if (!f.font) f.font = m_hooks.make_font(f.def->base_font);
    return f.font;
}

void FontChain::show_text(HPDF_Page page, int slot, HPDF_Font main, double size, double x, double y,
                          std::string_view text) {
    int current = k_main_font;
    bool first = true;
    std::string piece;
    for (const FontRun& r : split_runs(text, [&](char32_t cp) { return font_for(slot, cp); })) {
        int font = r.font == k_no_font ? k_main_font : r.font;
        if (font != current) {
            HPDF_Page_SetFontAndSize(page, font == k_main_font ? main : pdf_font(font), static_cast<HPDF_REAL>(size));
            current = font;
        }
        if (r.font == k_no_font) {
            piece.clear();
            for (std::size_t i = r.begin; i < r.end; i += std::max<std::size_t>(decode_utf8(text, i).length, 1)) {
                Utf8Char u = decode_utf8(text, i);
                m_missing.insert(u.length == 0 ? k_replacement : u.cp);
                piece += replacement(slot);
            }
        } else {
            piece.assign(text.substr(r.begin, r.end - r.begin));
            if (font != k_main_font)
                for (std::size_t i = r.begin; i < r.end; i += std::max<std::size_t>(decode_utf8(text, i).length, 1))
                    m_fallbacks[static_cast<std::size_t>(font) - 1].drawn.insert(decode_utf8(text, i).cp);
        }
        // The first run is placed; each next one follows where the last ended.
        if (first) HPDF_Page_TextOut(page, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(y), piece.c_str());
        else HPDF_Page_ShowText(page, piece.c_str());
        first = false;
    }
    if (current != k_main_font) HPDF_Page_SetFontAndSize(page, main, static_cast<HPDF_REAL>(size));
}

void FontChain::finish() {
    for (const auto& f : m_fallbacks)
        if (f.font) {
            mark_composite_parts(f.def);
            trim_cid_to_gid_map(f.font, f.def, f.drawn);
        }
}

std::vector<std::string> FontChain::files_used() const {
    std::vector<std::string> out;
    for (const auto& f : m_fallbacks)
        if (f.font) out.push_back(f.path);
    return out;
}

}  // namespace bp::pdf
