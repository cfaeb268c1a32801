// The report's dots (src/pdf/dot_form.hpp): one form XObject for the whole
// document, each dot drawn with it in the colour set before it, where the dot is.
#include <doctest/doctest.h>

#include <string>

#include "pdf/document.hpp"
#include "support.hpp"

using namespace bp::pdf;
using namespace bp::pdftest;

namespace {

struct Pixel {
    int r, g, b;
};
// A pixel of a binary PPM (P6, 8 bits), as pdftoppm writes it.
Pixel pixel_at(const std::string& ppm, int x, int y) {
    std::size_t at = 0;
    int fields[3] = {}, n = 0;  // width, height, maximum
    REQUIRE(ppm.compare(0, 2, "P6") == 0);
    at = 2;
    while (n < 3) {
        while (at < ppm.size() && std::isspace(static_cast<unsigned char>(ppm[at]))) ++at;
        int v = 0;
        while (at < ppm.size() && std::isdigit(static_cast<unsigned char>(ppm[at]))) v = v * 10 + (ppm[at++] - '0');
        fields[n++] = v;
    }
    ++at;  // the one whitespace byte before the raster
    REQUIRE(x < fields[0]);
    REQUIRE(y < fields[1]);
    std::size_t p = at + (static_cast<std::size_t>(y) * fields[0] + x) * 3;
    REQUIRE(p + 2 < ppm.size());
    return {static_cast<unsigned char>(ppm[p]), static_cast<unsigned char>(ppm[p + 1]), static_cast<unsigned char>(ppm[p + 2])};
}

}  // namespace

TEST_CASE("pdf::dots are one form XObject, drawn in their colours where they are") {
    REQUIRE_MESSAGE(run("command -v qpdf >/dev/null && command -v pdftoppm >/dev/null").status == 0, "qpdf and pdftoppm are needed");
    auto fonts = find_fonts("", "");
    REQUIRE_MESSAGE(fonts.ok(), "DejaVu Sans (fonts-dejavu-core) must be installed");
    auto doc = Document::create(fonts.value());
    REQUIRE(doc.ok());
    Layout layout;
    layout.pages.resize(2);
    layout.pages[0].ops = {CircleOp{{100, 100}, 6, Color{1, 0, 0}}, CircleOp{{200, 100}, 6, Color{0, 0.6, 0}}};
    layout.pages[1].ops = {CircleOp{{300, 400}, 10, Color{0, 0, 1}}};
    REQUIRE((*doc)->render(layout, DocInfo{"dots"}).ok());
    const std::string dir = work_dir("dots");
    REQUIRE((*doc)->save(dir + "/dots.pdf").ok());

    Run check = run("qpdf --check '" + dir + "/dots.pdf'");
    CHECK_MESSAGE(check.status == 0, check.out << check.err);
    REQUIRE(run("qpdf --qdf --object-streams=disable '" + dir + "/dots.pdf' '" + dir + "/qdf.pdf'").status == 0);
    const std::string qdf = read_file(dir + "/qdf.pdf");
    std::size_t forms = 0;
    for (std::size_t at = qdf.find("/Subtype /Form"); at != std::string::npos; at = qdf.find("/Subtype /Form", at + 1)) ++forms;
    CHECK(forms == 1);                              // one for the document, shared by its pages
    std::size_t curves = 0;
    for (std::size_t at = qdf.find(" c\n"); at != std::string::npos; at = qdf.find(" c\n", at + 1)) ++curves;
    CHECK(curves == 4);  // the form's four quarters; none in the pages' contents
    CHECK(qdf.find("6 0 0 6 100 741.89") != std::string::npos);  // scaled and moved to the first dot

    // 72 dpi: a point is a pixel, y from the top as the layout has it.
    REQUIRE(run("pdftoppm -r 72 -f 1 -l 2 '" + dir + "/dots.pdf' '" + dir + "/page'").status == 0);
    const std::string one = read_file(dir + "/page-1.ppm"), two = read_file(dir + "/page-2.ppm");
    Pixel red = pixel_at(one, 100, 100), green = pixel_at(one, 200, 100), blue = pixel_at(two, 300, 400);
    CHECK((red.r > 200 && red.g < 60 && red.b < 60));
    CHECK((green.g > 100 && green.r < 60 && green.b < 60));
    CHECK((blue.b > 200 && blue.r < 60 && blue.g < 60));
    Pixel outside = pixel_at(one, 100, 110), inside_edge = pixel_at(two, 300, 392);  // beyond radius 6; within 10
    CHECK((outside.r > 240 && outside.g > 240 && outside.b > 240));
    CHECK((inside_edge.b > 200 && inside_edge.r < 60));
}
