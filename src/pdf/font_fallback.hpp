// Fonts for what the document's own font lacks (CJK, symbols, arrows), found
// at run time: the template's `font_fallback` first, then
// fallback_font_search_order(). libharu 2.3.0 embeds TrueType outlines only
// (.ttf, a .ttc's first face) and reads only a font's BMP character map, so
// CFF-outline fonts (Debian's fonts-noto-cjk) cannot serve and nothing beyond
// the BMP (emoji) has a glyph: such characters are drawn as U+FFFD and listed
// by missing(). A file is read only when a character needs it, and a font goes
// into the PDF only when drawn (libharu then embeds only the glyphs used).
// Only document.cpp uses this; it includes hpdf.h.
#pragma once

#include <hpdf.h>

#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pdf/font_runs.hpp"
#include "util/result.hpp"

namespace bp::pdf {

// Debian's TrueType fonts, in the order tried: symbols, arrows and
// mathematics (fonts-noto-core), Chinese and Japanese (fonts-droid-fallback),
// Korean (fonts-nanum), other CJK (fonts-wqy-microhei, fonts-wqy-zenhei,
// fonts-arphic-uming), then emoji-style symbols (fonts-symbola).
// BOARDPACK_FALLBACK_FONTS (files separated by ':'; empty: none) replaces it.
const std::vector<std::string>& fallback_font_search_order();

class FontChain {
public:
    struct Hooks {
        std::function<bool()> take_error;                      // did libharu's last call fail? (and forget it)
        std::function<HPDF_Font(const char* name)> make_font;  // a loaded font as the pages' UTF-8 font
    };
    FontChain(HPDF_Doc doc, Hooks hooks) : m_doc(doc), m_hooks(std::move(hooks)) {}

    // The document's own font for `slot` (0 regular, 1 bold).
    void set_main(int slot, HPDF_Font font);
    // The template's fallback file, tried before the search order.
    Status add_named(const std::string& path);

    // The font that draws `cp` in `slot`'s style: k_main_font, a fallback's
    // number or k_no_font. Remembered per character.
    int font_for(int slot, char32_t cp);
    // Advance of `cp` in fallback `font`, per 1000 units of size.
    double advance(int font, char32_t cp);
    // What a character no font has is drawn as in `slot`'s font.
    std::string_view replacement(int slot);

    // Shows `text` at (x, y) inside a text object, each run in its font;
    // `main` is the page's current font (set again afterwards).
    void show_text(HPDF_Page page, int slot, HPDF_Font main, double size, double x, double y, std::string_view text);

    // Before saving: the glyphs the drawn ones are built from marked for
    // embedding, and each fallback's character map cut to what was drawn.
    void finish();

    // Characters drawn so far as the replacement, and the fallback files drawn from.
    const std::set<char32_t>& missing() const { return m_missing; }
    std::vector<std::string> files_used() const;

private:
    struct Fallback {
        std::string path;
        HPDF_FontDef def = nullptr;
        HPDF_Font font = nullptr;  // made at first draw: until then nothing of it is in the PDF
        std::set<char32_t> drawn;  // the characters drawn with it
    };
    HPDF_FontDef load(const std::string& path);
    bool has_glyph(HPDF_FontDef def, char32_t cp) const;
    HPDF_Font pdf_font(int font);

    HPDF_Doc m_doc;
    Hooks m_hooks;
    HPDF_FontDef m_main[2] = {nullptr, nullptr};
    std::string m_replacement[2];
    std::vector<Fallback> m_fallbacks;  // font n is m_fallbacks[n - 1]
    std::size_t m_next = 0;             // the next file of the search order to try
    std::unordered_map<char32_t, int> m_font_of[2];
    std::set<char32_t> m_missing;
};

}  // namespace bp::pdf
