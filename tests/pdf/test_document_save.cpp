// Saving a tagged document (src/pdf/document.cpp): the structure tree is packed
// into its object streams while libharu writes the file, numbered from the count
// of libharu's objects foretold before it starts; the file is whole either way.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "pdf/document.hpp"
#include "pdf/layout.hpp"

using namespace bp::pdf;

namespace {

const char* k_droid = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf";

// A tagged page of regular and bold text (and `extra`, drawn by whatever font has it).
Layout tagged_page(const Measure& m, const std::string& extra) {
    Flow flow(m, Margins{});
    flow.new_page(PageSize{}, "");
    TextStyle regular, bold{FontStyle::bold};
    {
        Tagged h(flow, Role::h1);
        flow.add_text(50, 60, bold, "A heading");
    }
    for (int i = 0; i < 40; ++i) {
        Tagged p(flow, Role::p);
        flow.add_text(50, 80 + 15 * i, regular, "Paragraph " + std::to_string(i) + " " + extra);
    }
    return flow.take();
}

bool qpdf_clean(const std::string& file) {
    return std::system(("qpdf --check '" + file + "' >/dev/null 2>&1").c_str()) == 0;
}

}  // namespace

TEST_CASE("pdf::Document::save packs the structure tree while libharu writes, for each kind of document") {
    REQUIRE_MESSAGE(std::system("command -v qpdf >/dev/null") == 0, "qpdf is needed");
    auto fonts = find_fonts("", "");
    REQUIRE_MESSAGE(fonts.ok(), "DejaVu Sans (fonts-dejavu-core) must be installed");
    const std::string dir = std::filesystem::temp_directory_path() / ("bp-document-save-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    struct Case {
        const char* name;
        PdfProfile profile;
        std::string fallback, extra;
        bool early;  // packed while libharu writes
    };
    const bool droid = std::filesystem::exists(k_droid);
    for (const Case& c : {Case{"accessible", PdfProfile::accessible, "", "", true},
                          Case{"archival", PdfProfile::archival, "", "", true},
                          Case{"fallback", PdfProfile::accessible, droid ? k_droid : "", "\xE4\xB8\xAD", true},
                          Case{"plain", PdfProfile::plain, "", "", false}}) {
        CAPTURE(c.name);
        FontFiles files = fonts.value();
        files.fallback = c.fallback;
        auto doc = Document::create(files);
        REQUIRE(doc.ok());
        Layout layout = tagged_page(**doc, c.extra);
        DocInfo info{"t"};
        info.profile = c.profile;
        REQUIRE((*doc)->render(layout, info).ok());
        const std::string file = dir + "/" + c.name + ".pdf";
        REQUIRE((*doc)->save(file).ok());
        CHECK((*doc)->structure_packed_while_saving() == c.early);
        CHECK(qpdf_clean(file));
        if (c.fallback.size()) CHECK((*doc)->fallback_fonts_used() == std::vector<std::string>{c.fallback});
    }
    std::filesystem::remove_all(dir);
}
