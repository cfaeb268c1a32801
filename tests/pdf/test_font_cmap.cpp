// A font's character map as one lookup a character (src/pdf/font_cmap.hpp):
// libharu's own HPDF_TTFontDef_GetGlyphid gives every BMP character the same
// glyph before and after, for the report's fonts and every fallback installed.
#include <doctest/doctest.h>

#include <hpdf.h>
#include <hpdf_fontdef.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "pdf/document.hpp"
#include "pdf/font_cmap.hpp"
#include "pdf/font_fallback.hpp"

using namespace bp::pdf;

namespace {

void ignore_error(HPDF_STATUS, HPDF_STATUS, void*) {}

std::vector<HPDF_UINT16> glyphs(HPDF_FontDef def) {
    std::vector<HPDF_UINT16> out(0x10000);
    for (unsigned cp = 0; cp < out.size(); ++cp) out[cp] = HPDF_TTFontDef_GetGlyphid(def, static_cast<HPDF_UINT16>(cp));
    return out;
}

struct Loaded {
    HPDF_Doc doc = HPDF_New(ignore_error, nullptr);
    HPDF_FontDef def = nullptr;
    explicit Loaded(const std::string& path) {
        const bool collection = path.size() > 4 && path.compare(path.size() - 4, 4, ".ttc") == 0;
        const char* name = collection ? HPDF_LoadTTFontFromFile2(doc, path.c_str(), 0, HPDF_TRUE)
                                      : HPDF_LoadTTFontFromFile(doc, path.c_str(), HPDF_TRUE);
        if (name) def = HPDF_GetFontDef(doc, name);
    }
    ~Loaded() { HPDF_Free(doc); }
};

}  // namespace

TEST_CASE("pdf::index_character_map keeps every BMP character's glyph, for each font installed") {
    auto fonts = find_fonts("", "");
    REQUIRE_MESSAGE(fonts.ok(), "DejaVu Sans (fonts-dejavu-core) must be installed");
    std::vector<std::string> paths{fonts.value().regular, fonts.value().bold};
    for (const auto& p : fallback_font_search_order())
        if (std::filesystem::exists(p)) paths.push_back(p);
    int checked = 0;
    for (const auto& path : paths) {
        CAPTURE(path);
        Loaded font(path);
        if (!font.def || font.def->type != HPDF_FONTDEF_TYPE_TRUETYPE) continue;  // PostScript outlines: not used
        auto& cmap = static_cast<HPDF_TTFontDefAttr>(font.def->attr)->cmap;
        const unsigned segments = cmap.seg_count_x2 / 2;
        const auto before = glyphs(font.def);
        index_character_map(font.def);
        CHECK(cmap.seg_count_x2 == 2);
        CHECK(glyphs(font.def) == before);
        index_character_map(font.def);  // a second time changes nothing
        CHECK(glyphs(font.def) == before);
        // The map says something: hundreds of characters have glyphs, and DejaVu had many segments.
        CHECK(std::count_if(before.begin(), before.end(), [](HPDF_UINT16 g) { return g != 0; }) > 100);
        if (path == fonts.value().regular) {
            CHECK(before['A'] != 0);
            CHECK(segments > 100);
        }
        ++checked;
    }
    CHECK(checked >= 2);
}

TEST_CASE("pdf::index_character_map leaves a font that is not TrueType alone") {
    HPDF_Doc doc = HPDF_New(ignore_error, nullptr);
    HPDF_FontDef helvetica = HPDF_GetFontDef(doc, "Helvetica");
    REQUIRE(helvetica);
    index_character_map(helvetica);  // a Type 1 definition: no TrueType attributes to read
    index_character_map(nullptr);
    CHECK(HPDF_GetFont(doc, "Helvetica", nullptr) != nullptr);
    HPDF_Free(doc);
}
