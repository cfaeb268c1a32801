// Fallback fonts: text cut into runs per font (pure), and the document
// measuring and drawing with the fallback (Debian's fonts-droid-fallback).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "pdf/document.hpp"
#include "pdf/font_runs.hpp"

using namespace bp::pdf;

namespace {

// Han and kana to font 1, arrows to font 2, the rest of non-ASCII to the main font, emoji to none.
int test_font(char32_t cp) {
    if ((cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x4E00 && cp <= 0x9FFF)) return 1;
    if (cp >= 0x2190 && cp <= 0x21FF) return 2;
    if (cp > 0xFFFF) return k_no_font;
    return k_main_font;
}

const char* k_droid = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf";

std::unique_ptr<Document> with_fallback(const std::string& fallback) {
    auto fonts = find_fonts("", "");
    REQUIRE_MESSAGE(fonts.ok(), "DejaVu Sans (fonts-dejavu-core) must be installed");
    FontFiles files = fonts.value();
    files.fallback = fallback;
    auto d = Document::create(files);
    REQUIRE_MESSAGE(d.ok(), (d.ok() ? "" : d.error().message));
    return std::move(d).value();
}

}  // namespace

TEST_CASE("pdf::split_runs") {
    SUBCASE("ASCII is one run of the main font, and the fonts are not asked") {
        int asked = 0;
        auto runs = split_runs("Plain text, 100%", [&](char32_t) { return ++asked, 1; });
        CHECK(asked == 0);
        REQUIRE(runs.size() == 1);
        CHECK(runs[0] == FontRun{k_main_font, 0, 16, 16});
    }
    SUBCASE("a change of font starts a run; neighbours of one font stay together") {
        std::string text = "Plan \xE4\xB8\xAD\xE6\x96\x87 \xE2\x86\x92 \xC2\xA3" "5";  // Plan 中文 → £5
        auto runs = split_runs(text, test_font);
        REQUIRE(runs.size() == 5);
        CHECK(runs[0] == FontRun{k_main_font, 0, 5, 5});  // "Plan "
        CHECK(runs[1] == FontRun{1, 5, 11, 2});           // 中文
        CHECK(runs[2] == FontRun{k_main_font, 11, 12, 1});
        CHECK(runs[3] == FontRun{2, 12, 15, 1});          // →
        CHECK(runs[4] == FontRun{k_main_font, 15, 19, 3});  // " £5": the main font has £
        std::string joined;
        for (const auto& r : runs) joined += text.substr(r.begin, r.end - r.begin);
        CHECK(joined == text);  // nothing lost, nothing twice
    }
    SUBCASE("an emoji and a stray byte are runs of no font, one character each") {
        auto runs = split_runs("a\xF0\x9F\x98\x80\xFF" "b", test_font);
        REQUIRE(runs.size() == 3);
        CHECK(runs[1] == FontRun{k_no_font, 1, 6, 2});  // 😀 then the stray byte
        CHECK(runs[2] == FontRun{k_main_font, 6, 7, 1});
    }
    SUBCASE("empty text has no runs") { CHECK(split_runs("", test_font).empty()); }
    CHECK(all_ascii("RAG: Red, 12/14"));
    CHECK_FALSE(all_ascii("\xE2\x9C\x93 done"));  // ✓
}

TEST_CASE("pdf::Document measures and draws what its font lacks with the fallback") {
    REQUIRE_MESSAGE(std::filesystem::exists(k_droid), "Droid Sans Fallback (fonts-droid-fallback) must be installed");
    auto doc = with_fallback(k_droid);
    auto plain = with_fallback("");
    const std::string han = "\xE4\xB8\xAD";  // 中
    // A Han character is one em wide in Droid Sans Fallback; DejaVu Sans has no glyph for it.
    CHECK(doc->width(han, FontStyle::regular, 10) == doctest::Approx(10).epsilon(0.02));
    CHECK(doc->width(han, FontStyle::bold, 10) == doctest::Approx(10).epsilon(0.02));
    // Beyond the BMP nothing can be drawn: it measures as the U+FFFD it prints as.
    CHECK(doc->width("\xF0\x9F\x98\x80", FontStyle::regular, 10) ==
          doctest::Approx(doc->width("\xEF\xBF\xBD", FontStyle::regular, 10)));
    // Text the main font has measures as before.
    CHECK(doc->width("Caf\xC3\xA9 \xE2\x80\x93 \xC2\xA3", FontStyle::regular, 10) ==
          doctest::Approx(plain->width("Caf\xC3\xA9 \xE2\x80\x93 \xC2\xA3", FontStyle::regular, 10)));

    Layout layout;
    layout.pages.push_back(Page{});
    layout.pages[0].ops.push_back(TextOp{50, 100, TextStyle{}, "Plan " + han + " \xF0\x9F\x98\x80 \xE2\x9C\x93"});
    REQUIRE(doc->render(layout, DocInfo{"t"}).ok());
    CHECK(doc->missing_characters() == std::vector<char32_t>{U'\U0001F600'});
    CHECK(doc->fallback_fonts_used() == std::vector<std::string>{k_droid});
    std::string dir = std::filesystem::temp_directory_path() / "bp-font-runs";
    std::filesystem::create_directories(dir);
    CHECK(doc->save(dir + "/fallback.pdf").ok());

    // Nothing of the fallback is used when the text does not need it.
    auto unused = with_fallback(k_droid);
    layout.pages[0].ops = {TextOp{50, 100, TextStyle{}, "Plain \xC2\xA3 text"}};
    REQUIRE(unused->render(layout, DocInfo{"t"}).ok());
    CHECK(unused->fallback_fonts_used().empty());
    CHECK(unused->missing_characters().empty());
}

TEST_CASE("pdf::Document refuses a fallback font libharu cannot embed") {
    std::string dir = std::filesystem::temp_directory_path() / "bp-font-runs";
    std::filesystem::create_directories(dir);
    auto fonts = find_fonts("", "");
    REQUIRE(fonts.ok());
    FontFiles files = fonts.value();
    SUBCASE("missing") { files.fallback = dir + "/no-such-font.ttf"; }
    SUBCASE("not a font") {
        files.fallback = dir + "/not-a-font.ttf";
        std::ofstream(files.fallback) << "not a font at all";
    }
    auto d = Document::create(files);
    REQUIRE_FALSE(d.ok());
    CHECK(d.error().message.find(files.fallback) != std::string::npos);
    CHECK(d.error().message.find("fallback font") != std::string::npos);
}
