// Tests of the package editor (src/xlsx_edit, linked alone: it knows nothing
// of the product): each edit on a small part, compared as XML text.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <map>

#include "util/zip_writer.hpp"
#include "xlsx_edit/comments.hpp"
#include "xlsx_edit/first_sheet.hpp"
#include "xlsx_edit/package.hpp"
#include "xlsx_edit/sheet_cells.hpp"
#include "xlsx_edit/styles.hpp"
#include "xlsx_edit/xml.hpp"

using namespace bp;
using namespace bp::xlsx_edit;

namespace {

// The document element's XML, without the declaration.
std::string text_of(const pugi::xml_document& doc) {
    std::ostringstream out;
    doc.document_element().print(out, "", pugi::format_raw);
    return out.str();
}

pugi::xml_document parsed(const std::string& xml) {
    pugi::xml_document doc;
    REQUIRE(doc.load_string(xml.c_str(), k_edit_parse_flags));
    return doc;
}

// A package of these parts, written to a temporary zip and opened.
Package package_of(const std::map<std::string, std::string>& parts) {
    auto path = std::filesystem::temp_directory_path() / ("xlsx-edit-test-" + std::to_string(::getpid()) + ".zip");
    {
        auto zip = ZipWriter::create(path.string());
        REQUIRE(zip);
        for (const auto& [name, bytes] : parts) REQUIRE(zip->add_bytes(name, bytes));
        REQUIRE(zip->close());
    }
    auto p = Package::open(path.string(), "test.xlsx");
    std::filesystem::remove(path);
    REQUIRE(p);
    return std::move(p).value();
}

const char* k_ns = R"( xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main")";

}  // namespace

TEST_CASE("xlsx_edit::SheetCells") {
    SUBCASE("a missing cell goes in column order, with its row's format when the row has one") {
        auto doc = parsed(std::string("<worksheet") + k_ns + R"(><dimension ref="A1:C2"/><sheetData>)"
                          R"(<row r="2" spans="1:3" s="4" customFormat="1"><c r="A2"/><c r="C2"><v>1</v></c></row></sheetData></worksheet>)");
        SheetCells cells(doc.document_element());
        pugi::xml_node b2 = cells.cell({1, 1});
        CHECK(std::string(b2.attribute("r").value()) == "B2");
        CHECK(cells.style(b2) == 4);
        CHECK(text_of(doc).find(R"(<row r="2" s="4" customFormat="1"><c r="A2"/><c r="B2" s="4"/><c r="C2"><v>1</v></c></row>)") !=
              std::string::npos);
    }
    SUBCASE("a missing row goes in row order, the dimension widened, a column's format used") {
        auto doc = parsed(std::string("<worksheet") + k_ns + R"(><dimension ref="A1:B3"/><cols><col min="4" max="6" style="7"/></cols>)"
                          R"(<sheetData><row r="1"><c r="A1"/></row><row r="3"><c r="B3"/></row></sheetData></worksheet>)");
        SheetCells cells(doc.document_element());
        cells.cell({1, 4});
        CHECK(text_of(doc).find(R"(<row r="1"><c r="A1"/></row><row r="2"><c r="E2" s="7"/></row><row r="3">)") != std::string::npos);
        CHECK(text_of(doc).find(R"(<dimension ref="A1:E3"/>)") != std::string::npos);
        cells.cell({9, 0});
        CHECK(text_of(doc).find(R"(<row r="3"><c r="B3"/></row><row r="10"><c r="A10"/></row>)") != std::string::npos);
    }
    SUBCASE("rows and cells without r are numbered by their place; a prefixed dialect stays prefixed") {
        auto doc = parsed(R"(<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>)"
                          R"(<x:row><x:c><x:v>1</x:v></x:c><x:c><x:v>2</x:v></x:c></x:row><x:row><x:c/></x:row></x:sheetData></x:worksheet>)");
        SheetCells cells(doc.document_element());
        CHECK(std::string(cells.cell({0, 1}).child("x:v").text().get()) == "2");
        cells.cell({1, 3});
        CHECK(text_of(doc).find(R"(<x:row r="2"><x:c r="A2"/><x:c r="D2"/></x:row>)") != std::string::npos);
    }
}

TEST_CASE("xlsx_edit::StyleEditor::with_fill") {
    Package p = package_of({{"xl/workbook.xml", "<workbook/>"},
                            {"xl/_rels/workbook.xml.rels",
                             R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
                             R"(<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>)"},
                            {"xl/styles.xml", std::string("<styleSheet") + k_ns + R"(><fills count="2"><fill/><fill/></fills>)"
                                              R"(<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>)"
                                              R"(<xf numFmtId="14" fontId="2" fillId="0" borderId="1" applyNumberFormat="1"><alignment wrapText="1"/></xf></cellXfs></styleSheet>)"}});
    auto styles = StyleEditor::open(p, "xl/workbook.xml");
    REQUIRE(styles);
    CHECK(styles->with_fill(1, "FFFFEB9C") == 2);
    CHECK(styles->with_fill(1, "FFFFEB9C") == 2);  // one clone per format
    CHECK(styles->with_fill(0, "FFFFEB9C") == 3);
    auto doc = p.xml("xl/styles.xml");
    REQUIRE(doc);
    std::string xml = text_of(**doc);
    CHECK(xml.find(R"(<fills count="3"><fill/><fill/><fill><patternFill patternType="solid"><fgColor rgb="FFFFEB9C"/><bgColor indexed="64"/></patternFill></fill></fills>)") != std::string::npos);
    CHECK(xml.find(R"(<xf numFmtId="14" fontId="2" fillId="2" borderId="1" applyNumberFormat="1" applyFill="1"><alignment wrapText="1"/></xf>)") != std::string::npos);
    CHECK(xml.find(R"(<cellXfs count="4">)") != std::string::npos);
}

TEST_CASE("xlsx_edit::add_comments") {
    const std::string sheet = std::string("<worksheet") + k_ns + R"( xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
                              R"(<sheetData/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><legacyDrawing r:id="rId2"/></worksheet>)";
    // Office's VML is not always well-formed XML (<br> unclosed): it must come back as it was, with the new shape added.
    const std::string vml = R"(<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">)"
                            R"(<v:shapetype id="_x0000_t202"/><v:shape id="_x0000_s1025"><div>Team<br></div><x:ClientData ObjectType="Note"><x:Row>0</x:Row><x:Column>0</x:Column></x:ClientData></v:shape></xml>)";
    Package p = package_of({{"[Content_Types].xml", R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)"},
                            {"xl/worksheets/sheet1.xml", sheet},
                            {"xl/worksheets/_rels/sheet1.xml.rels",
                             R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
                             R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="../comments1.xml"/>)"
                             R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing" Target="../drawings/vmlDrawing1.vml"/></Relationships>)"},
                            {"xl/comments1.xml", std::string("<comments") + k_ns + R"(><authors><author>Team lead</author></authors>)"
                                                 R"(<commentList><comment ref="A1" authorId="0"><text><t>Check me</t></text></comment></commentList></comments>)"},
                            {"xl/drawings/vmlDrawing1.vml", vml}});
    auto doc = p.xml("xl/worksheets/sheet1.xml");
    REQUIRE(doc);
    REQUIRE(add_comments(p, "xl/worksheets/sheet1.xml", (*doc)->document_element(), {{{0, 0}, "First"}, {{6, 1}, "Second"}}, "boardpack"));
    auto comments = p.xml("xl/comments1.xml");
    REQUIRE(comments);
    CHECK(text_of(**comments) == std::string("<comments") + k_ns + R"(><authors><author>Team lead</author><author>boardpack</author></authors><commentList>)"
                                 R"(<comment ref="A1" authorId="0"><text><t>Check me</t><r><t xml:space="preserve">)" "\n\nFirst" R"(</t></r></text></comment>)"
                                 R"(<comment ref="B7" authorId="1"><text><r><t xml:space="preserve">Second</t></r></text></comment></commentList></comments>)");
    const std::string* after = p.bytes("xl/drawings/vmlDrawing1.vml");
    REQUIRE(after);
    CHECK(after->rfind(vml.substr(0, vml.size() - 6), 0) == 0);  // the original, unchanged, up to its closing tag
    CHECK(after->find("_x0000_s1026") != std::string::npos);
    CHECK(after->find("<x:Row>6</x:Row><x:Column>1</x:Column>") != std::string::npos);
    CHECK(after->find("<x:Row>0</x:Row><x:Column>0</x:Column>") == after->rfind("<x:Row>0</x:Row><x:Column>0</x:Column>"));  // A1 had its shape
    CHECK(text_of(**doc).find(R"(<legacyDrawing r:id="rId2"/>)") != std::string::npos);  // the same drawing
}

TEST_CASE("xlsx_edit::insert_first_sheet") {
    const std::string rels_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    Package p = package_of({{"[Content_Types].xml", R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)"},
                            {"xl/workbook.xml", std::string("<workbook") + k_ns + " xmlns:r=\"" + rels_ns + "\">" +
                                                    R"(<bookViews><workbookView firstSheet="1" activeTab="1"/></bookViews>)"
                                                    R"(<sheets><sheet name="checks" sheetId="4" r:id="rId1"/><sheet name="Plan" sheetId="2" r:id="rId2"/></sheets>)"
                                                    R"(<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="1">Plan!$1:$1</definedName><definedName name="All">Plan!$A:$B</definedName></definedNames></workbook>)"},
                            {"xl/_rels/workbook.xml.rels", R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>)"},
                            {"xl/worksheets/sheet1.xml", "<worksheet/>"}});
    auto styles = StyleEditor::open(p, "xl/workbook.xml");  // the package has none: made
    REQUIRE(styles);
    TableSheet t{"Checks", {"Where"}, {20}, 0, static_cast<std::size_t>(-1), {{{"Plan!B7"}, CellLink{"Plan's", CellPos{6, 1}}}}};
    REQUIRE(insert_first_sheet(p, "xl/workbook.xml", t, *styles));
    auto wb = p.xml("xl/workbook.xml");
    REQUIRE(wb);
    std::string xml = text_of(**wb);
    CHECK(xml.find(R"(<workbookView firstSheet="2" activeTab="2"/>)") != std::string::npos);
    CHECK(xml.find(R"~(<sheets><sheet name="Checks (2)" sheetId="5" r:id="rId2"/><sheet name="checks")~") != std::string::npos);
    CHECK(xml.find(R"(localSheetId="2">Plan!$1:$1)") != std::string::npos);
    CHECK(xml.find(R"(<definedName name="All">)") != std::string::npos);
    auto sheet = p.xml("xl/worksheets/sheet2.xml");
    REQUIRE(sheet);
    CHECK(text_of(**sheet).find(R"(<hyperlinks><hyperlink ref="A2" location="'Plan''s'!B7" display="Plan!B7"/></hyperlinks>)") != std::string::npos);
    auto types = p.xml("[Content_Types].xml");
    REQUIRE(types);
    CHECK(text_of(**types).find(R"(PartName="/xl/worksheets/sheet2.xml")") != std::string::npos);
    CHECK(text_of(**types).find(R"(PartName="/xl/styles1.xml")") != std::string::npos);
}

TEST_CASE("xlsx_edit::insert_first_sheet without a view") {
    Package p = package_of({{"[Content_Types].xml", R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)"},
                            {"xl/workbook.xml", std::string("<workbook") + k_ns + R"(><sheets><sheet name="A" sheetId="1"/></sheets></workbook>)"}});
    auto styles = StyleEditor::open(p, "xl/workbook.xml");
    REQUIRE(styles);
    REQUIRE(insert_first_sheet(p, "xl/workbook.xml", TableSheet{"Checks"}, *styles));
    auto wb = p.xml("xl/workbook.xml");
    REQUIRE(wb);
    // The first sheet was active by default: it still is, at its new place.
    CHECK(text_of(**wb).find(R"(<bookViews><workbookView activeTab="1"/></bookViews><sheets>)") != std::string::npos);
}

TEST_CASE("xlsx_edit::Package::xml refuses a part too large to hold as a DOM") {
    std::string huge = "<worksheet><sheetData>";
    for (int i = 0; i < 1'000'001; ++i) huge += "<c/>";
    huge += "</sheetData></worksheet>";
    Package p = package_of({{"xl/worksheets/sheet1.xml", huge}, {"xl/worksheets/sheet2.xml", "<worksheet/>"}});
    auto big = p.xml("xl/worksheets/sheet1.xml");
    REQUIRE(!big);
    CHECK(big.error().code == Errc::too_large);
    CHECK(big.error().message.find("xl/worksheets/sheet1.xml has more than 1000000 XML tags") != std::string::npos);
    CHECK(p.xml("xl/worksheets/sheet2.xml"));
}
