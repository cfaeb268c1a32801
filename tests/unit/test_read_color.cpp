#include <doctest/doctest.h>

#include "read/color.hpp"
#include "read/styles.hpp"

using namespace bp::read;

namespace {
std::optional<Rgb> color_of(const char* xml, const ThemeColors& theme = default_theme_colors()) {
    static pugi::xml_document doc;
    doc.load_string(xml);
    return resolve_color(doc.document_element(), theme, default_palette());
}
}  // namespace

TEST_CASE("read::resolve_color rgb, indexed, theme") {
    CHECK(color_of(R"(<fgColor rgb="FFFFC000"/>)") == 0xFFC000u);
    CHECK(color_of(R"(<fgColor rgb="00FFC000"/>)") == 0xFFC000u);  // alpha ignored
    CHECK(color_of(R"(<fgColor indexed="10"/>)") == 0xFF0000u);
    CHECK(color_of(R"(<fgColor indexed="51"/>)") == 0xFFCC00u);
    CHECK_FALSE(color_of(R"(<fgColor indexed="64"/>)"));  // system foreground
    CHECK_FALSE(color_of(R"(<fgColor auto="1"/>)"));
    // Theme index 0 is lt1 (background), 1 is dk1 (text), though the theme part lists dk1 first.
    CHECK(color_of(R"(<fgColor theme="0"/>)") == 0xFFFFFFu);
    CHECK(color_of(R"(<fgColor theme="1"/>)") == 0x000000u);
    CHECK(color_of(R"(<fgColor theme="7"/>)") == 0xFFC000u);  // accent4 in the Office theme
}

TEST_CASE("read::apply_tint matches Excel's swatches") {
    // Office theme accent1 4472C4: "Lighter 80%" is D9E1F2, "Darker 25%" is 2F5597 in Excel's palette.
    CHECK(apply_tint(0x4472C4, 0.7999816888943144) == 0xDAE3F3u);
    CHECK(apply_tint(0x4472C4, -0.249977111117893) == 0x2F5597u);
    CHECK(apply_tint(0xFFFFFF, -0.499984740745262) == 0x808080u);
    CHECK(apply_tint(0x000000, 0.5) == 0x808080u);
    CHECK(apply_tint(0x70AD47, 0) == 0x70AD47u);
}

TEST_CASE("read::parse_theme maps clrScheme slots to theme indexes") {
    pugi::xml_document doc;
    doc.load_string(R"(<a:theme xmlns:a="x"><a:themeElements><a:clrScheme name="t">
      <a:dk1><a:sysClr val="windowText" lastClr="111111"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FEFEFE"/></a:lt1>
      <a:dk2><a:srgbClr val="1F497D"/></a:dk2><a:lt2><a:srgbClr val="EEECE1"/></a:lt2>
      <a:accent1><a:srgbClr val="4F81BD"/></a:accent1><a:accent2><a:srgbClr val="C0504D"/></a:accent2>
      </a:clrScheme></a:themeElements></a:theme>)");
    ThemeColors t = parse_theme(doc.document_element());
    CHECK(t[0] == 0xFEFEFEu);
    CHECK(t[1] == 0x111111u);
    CHECK(t[2] == 0xEEECE1u);
    CHECK(t[3] == 0x1F497Du);
    CHECK(t[4] == 0x4F81BDu);
    CHECK(t[5] == 0xC0504Du);
    CHECK(t[9] == default_theme_colors()[9]);  // missing slots keep the default
    CHECK(color_of(R"(<c theme="5" tint="0.3999755851924192"/>)", t) == 0xD99694u);
}

TEST_CASE("read::Styles reads the theme only for a solid fill that names a theme colour") {
    auto styles = [](const char* fills) {
        static pugi::xml_document doc;
        doc.load_string((std::string("<styleSheet><fonts><font><color theme=\"1\"/></font></fonts><fills>") + fills +
                         "</fills><cellXfs><xf fillId=\"1\"/></cellXfs></styleSheet>")
                            .c_str());
        return doc.document_element();
    };
    // A font's theme colour is not read; a pattern that is not solid shows no colour.
    CHECK_FALSE(Styles::uses_theme(styles(R"(<fill><patternFill/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFFF0000"/></patternFill></fill>)")));
    CHECK_FALSE(Styles::uses_theme(styles(R"(<fill><patternFill patternType="gray125"><fgColor theme="4"/></patternFill></fill>)")));
    CHECK(Styles::uses_theme(styles(R"(<fill><patternFill/></fill><fill><patternFill patternType="solid"><fgColor theme="7"/></patternFill></fill>)")));
    CHECK(Styles::uses_theme(styles(R"(<fill><patternFill patternType="solid"><bgColor theme="0"/></patternFill></fill>)")));
    // And a theme colour so named is the theme's: accent4 of the Office theme.
    auto root = styles(R"(<fill><patternFill/></fill><fill><patternFill patternType="solid"><fgColor theme="7"/></patternFill></fill>)");
    CHECK(Styles::parse(root, default_theme_colors()).at(0).fill == std::optional<Rgb>(0xFFC000u));
}
