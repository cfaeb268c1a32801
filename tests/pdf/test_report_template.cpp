// The report template: the built-in one, templates/report.ini, overlays, and
// errors that name the bad line.
#include <doctest/doctest.h>

#include "render/report_template.hpp"
#include "support.hpp"

using namespace bp::render;
using namespace bp::pdf;
using bp::pdftest::work_dir;
using bp::pdftest::write_file;

namespace {

bp::Result<ReportTemplate> load_text(const std::string& text, const std::string& name = "bad.ini") {
    std::string dir = work_dir("template-" + name);
    write_file(dir + "/" + name, text);
    return load_report_template(dir + "/" + name);
}

// The error's line, checking the message and its location agree.
long error_line(const bp::Result<ReportTemplate>& r) {
    REQUIRE_FALSE(r.ok());
    const auto& e = r.error();
    CHECK(e.message.rfind("line " + std::to_string(e.where.line) + ": ", 0) == 0);
    CHECK(e.where.file.find("bad.ini") != std::string::npos);
    return e.where.line;
}

}  // namespace

TEST_CASE("pdf::default_report_template") {
    ReportTemplate t = default_report_template();
    auto s = t.sections();
    REQUIRE(s.size() == 6);
    CHECK(s[0].kind == SectionKind::title);
    CHECK(s[1].kind == SectionKind::changes);
    CHECK(s[1].title == "Since the last board");
    s.erase(s.begin() + 1);  // the sections as they were before it
    CHECK(s[1].title == "Summary of progress");
    CHECK(s[2].kind == SectionKind::kpis);
    CHECK(s[2].orientation == Orientation::landscape);
    CHECK(s[4].title == "Data quality");
    CHECK(t.classification == "OFFICIAL");
    CHECK(t.rag.green == *parse_color("#00B050"));
    CHECK(t.paper == Paper::a4);
    CHECK(s[3].intro.find("with its\ncommentary") == std::string::npos);  // continuation lines joined
    CHECK(s[3].intro.find("with its commentary") != std::string::npos);
}

TEST_CASE("pdf::report template appendix: digest by default, full restores every finding and amber action") {
    CHECK(default_report_template().appendix == Appendix::digest);
    auto full = load_text("[report]\nappendix = Full\n", "full.ini");
    REQUIRE_MESSAGE(full.ok(), bp::to_string(full.error()));
    CHECK(full->appendix == Appendix::full);
    auto digest = load_text("[report]\nappendix = digest\n", "digest.ini");
    REQUIRE_MESSAGE(digest.ok(), bp::to_string(digest.error()));
    CHECK(digest->appendix == Appendix::digest);
}

TEST_CASE("pdf::report template audience and personal_data: internal and unreviewed by default") {
    CHECK(default_report_template().audience == Audience::internal);
    CHECK(default_report_template().personal_data == PersonalDataReview::unreviewed);
    CHECK_FALSE(default_report_template().refuses_personal_data());
    auto pub = load_text("[report]\naudience = Public\n", "public.ini");
    REQUIRE(pub.ok());
    CHECK(pub->audience == Audience::public_paper);
    CHECK(pub->refuses_personal_data());
    auto reviewed = load_text("[report]\naudience = public\npersonal_data = reviewed\n", "reviewed.ini");
    REQUIRE(reviewed.ok());
    CHECK_FALSE(reviewed->refuses_personal_data());
    auto bad = load_text("[report]\naudience = everyone\n", "bad.ini");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.find("line 2: audience 'everyone' is not internal or public") != std::string::npos);
    auto bad2 = load_text("[report]\npersonal_data = checked\n", "bad.ini");
    REQUIRE_FALSE(bad2.ok());
    CHECK(bad2.error().message.find("personal_data 'checked' is not unreviewed or reviewed") != std::string::npos);
}

TEST_CASE("pdf::report template pdf: accessible by default, plain and archival") {
    CHECK(default_report_template().pdf == PdfProfile::accessible);
    for (auto [text, want] : {std::pair{"plain", PdfProfile::plain}, {"Archival", PdfProfile::archival},
                              {"accessible", PdfProfile::accessible}}) {
        auto t = load_text(std::string("[report]\npdf = ") + text + "\n", "pdf.ini");
        REQUIRE(t.ok());
        CHECK(t->pdf == want);
    }
    auto bad = load_text("[report]\n\npdf = tagged\n", "bad.ini");
    CHECK(error_line(bad) == 3);
    CHECK(bad.error().message.find("line 3: pdf 'tagged' is not plain, accessible or archival") != std::string::npos);
}

TEST_CASE("pdf::load_report_template reads templates/report.ini") {
    auto r = load_report_template(std::string(BP_SOURCE_DIR) + "/templates/report.ini");
    REQUIRE_MESSAGE(r.ok(), bp::to_string(r.error()));
    CHECK(r->sections().size() == default_report_template().sections().size());
    CHECK(r->board == default_report_template().board);
}

TEST_CASE("pdf::load_report_template overlays the built-in template") {
    auto r = load_text("[report]\nboard = Children’s Improvement Board\nmeeting_date = 2026-11-26\n"
                       "sections = kpis, progress\n\n[section kpis]\norientation = portrait\ntitle = Scorecard\n"
                       "[colours]\nred = #C00000\n",
                       "good.ini");
    REQUIRE_MESSAGE(r.ok(), bp::to_string(r.error()));
    CHECK(r->board == "Children’s Improvement Board");
    CHECK(r->meeting_date == bp::CivilDate{2026, 11, 26});
    auto s = r->sections();
    REQUIRE(s.size() == 2);
    CHECK(s[0].title == "Scorecard");
    CHECK(s[0].orientation == Orientation::portrait);
    CHECK(s[1].title == "Summary of progress");  // kept from the built-in one
    CHECK(r->rag.red == *parse_color("C00000"));
    CHECK(r->rag.amber == default_report_template().rag.amber);
}

TEST_CASE("pdf::load_report_template names the bad line") {
    SUBCASE("unknown key") {
        auto r = load_text("# comment\n[report]\nboard = X\ncolour = red\n");
        CHECK(error_line(r) == 4);
        CHECK(r.error().message.find("unknown key 'colour'") != std::string::npos);
        CHECK(bp::to_string(r.error()).find("bad.ini: line 4: unknown key") != std::string::npos);
    }
    SUBCASE("bad colour") {
        auto r = load_text("[colours]\n\ngreen = #00B05\n");
        CHECK(error_line(r) == 3);
        CHECK(r.error().message.find("#RRGGBB") != std::string::npos);
    }
    SUBCASE("bad date") { CHECK(error_line(load_text("[report]\nmeeting_date = 26/11/2026\n")) == 2); }
    SUBCASE("unknown section in the list") {
        auto r = load_text("[report]\nsections = title, summary\n");
        CHECK(error_line(r) == 2);
        CHECK(r.error().message.find("unknown section 'summary'") != std::string::npos);
    }
    SUBCASE("unknown block") { CHECK(error_line(load_text("[report]\n[sectoin kpis]\n")) == 2); }
    SUBCASE("key set twice") {
        auto r = load_text("[report]\nboard = A\nboard = B\n");
        CHECK(error_line(r) == 3);
        CHECK(r.error().message.find("first on line 2") != std::string::npos);
    }
    SUBCASE("not key = value") { CHECK(error_line(load_text("[report]\nboard\n")) == 2); }
    SUBCASE("key before any block") { CHECK(error_line(load_text("board = A\n")) == 1); }
    SUBCASE("bad orientation") { CHECK(error_line(load_text("[section kpis]\norientation = sideways\n")) == 2); }
    SUBCASE("missing logo") { CHECK(error_line(load_text("[report]\nlogo = no-such-logo.png\n")) == 2); }
    SUBCASE("logo that is not an image") {
        std::string dir = work_dir("template-logo");
        write_file(dir + "/logo.png", "GIF89a not a png");
        write_file(dir + "/bad.ini", "[report]\n\nlogo = logo.png\n");
        CHECK(error_line(load_report_template(dir + "/bad.ini")) == 3);
    }
    SUBCASE("a font that is not TrueType") {
        std::string dir = work_dir("template-font");
        write_file(dir + "/font.otf", "OTTO and more");
        write_file(dir + "/bad.ini", "[report]\nfont = font.otf\n");
        auto r = load_report_template(dir + "/bad.ini");
        CHECK(error_line(r) == 2);
        CHECK(r.error().message.find("TrueType") != std::string::npos);
    }
    SUBCASE("a fallback font with PostScript outlines, alone or first in a collection") {
        std::string dir = work_dir("template-fallback");
        write_file(dir + "/cjk.otf", "OTTO and more");
        write_file(dir + "/cjk.ttc", std::string("ttcf\0\1\0\0\0\0\0\1\0\0\0\x10OTTO", 20));
        for (const char* file : {"cjk.otf", "cjk.ttc"}) {
            write_file(dir + "/bad.ini", std::string("[report]\nfont_fallback = ") + file + "\n");
            auto r = load_report_template(dir + "/bad.ini");
            CHECK(error_line(r) == 2);
            CHECK(r.error().message.find("PostScript (CFF) outlines") != std::string::npos);
            CHECK(r.error().message.find("fonts-droid-fallback") != std::string::npos);
        }
    }
    SUBCASE("a fallback font that is not there") {
        auto r = load_text("[report]\nfont_fallback = no-such-font.ttf\n", "fallback-bad.ini");  // its own folder: test cases run at once
        CHECK(error_line(r) == 2);
        CHECK(r.error().message.find("not found or not readable") != std::string::npos);
    }
    SUBCASE("bad appendix") {
        auto r = load_text("[report]\nappendix = summary\n");
        CHECK(error_line(r) == 2);
        CHECK(r.error().message.find("appendix 'summary' is not full or digest") != std::string::npos);
    }
    SUBCASE("appendix in a section") {
        auto r = load_text("[section exceptions]\nappendix = full\n");
        CHECK(error_line(r) == 2);
        CHECK(r.error().message.find("unknown key 'appendix'") != std::string::npos);
    }
    SUBCASE("not UTF-8") { CHECK(error_line(load_text("[report]\nboard = Caf\xE9\n")) == 2); }
}

TEST_CASE("pdf::load_report_template takes a TrueType fallback font, a collection's too") {
    std::string dir = work_dir("template-fallback-ok");
    write_file(dir + "/cjk.ttc", std::string("ttcf\0\1\0\0\0\0\0\1\0\0\0\x10\0\1\0\0", 20));
    write_file(dir + "/report.ini", "[report]\nfont_fallback = cjk.ttc\n");
    auto r = load_report_template(dir + "/report.ini");
    REQUIRE(r.ok());
    CHECK(r.value().font_fallback == dir + "/cjk.ttc");
    CHECK(default_report_template().font_fallback.empty());  // the search order alone
}

TEST_CASE("pdf::load_report_template resolves a logo beside the template") {
    std::string dir = work_dir("template-png");
    write_file(dir + "/logo.png", bp::pdftest::tiny_png());
    write_file(dir + "/t.ini", "[report]\nlogo = logo.png\n");
    auto r = load_report_template(dir + "/t.ini");
    REQUIRE_MESSAGE(r.ok(), bp::to_string(r.error()));
    CHECK(r->logo == dir + "/logo.png");
}

TEST_CASE("pdf::load_report_template: a missing file") {
    auto r = load_report_template("/no/such/template.ini");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().where.file == "/no/such/template.ini");
}
