// Element-level tests of the SpreadsheetML writer engine (src/xlsx, built and
// tested alone: it links nothing of the product), libxlsxwriter style: write one
// element into an empty document and compare the XML text.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <functional>

#include "xlsx/content_types.hpp"
#include "xlsx/doc_props.hpp"
#include "xlsx/packager.hpp"
#include "xlsx/relationships.hpp"
#include "xlsx/shared_strings.hpp"
#include "xlsx/styles.hpp"
#include "xlsx/workbook.hpp"
#include "xlsx/worksheet.hpp"
#include "xlsx/xml.hpp"
#include "xlsx/xml_writer.hpp"

using namespace bp;
using namespace bp::xlsx;

namespace {
// A list validation like the scorecard's status drop-down (the product's own is tested with it).
DataValidation status_drop_down(std::vector<CellRange> ranges) {
    DataValidation dv;
    dv.ranges = std::move(ranges);
    dv.formula1 = "\"Blue,Green,Amber,Red\"";
    dv.prompt_title = "Status";
    dv.prompt = "Blue = completed";
    dv.error_title = "Not a status";
    dv.error = "Choose Blue, Green, Amber or Red from the list.";
    return dv;
}

// The XML `write` appends to an empty parent, without the parent.
std::string written(const std::function<void(pugi::xml_node)>& write) {
    pugi::xml_document doc;
    auto parent = doc.append_child("p");
    write(parent);
    std::string out;
    for (auto n = parent.first_child(); n; n = n.next_sibling()) out += element_text(n);
    return out;
}
// What `write` streams, for the parts written with XmlWriter.
std::string streamed(const std::function<void(XmlWriter&)>& write) {
    StringSink sink;
    {
        XmlWriter x(sink);
        write(x);
    }
    return sink.text;
}
CellRange range(const char* a1) { return *parse_range(a1); }
}  // namespace

TEST_SUITE("xlsx.xml") {
    TEST_CASE("format_number") {
        CHECK(format_number(0.904) == "0.904");
        CHECK(format_number(1958) == "1958");
        CHECK(format_number(-0.5) == "-0.5");
        CHECK(format_number(1e-7) == "1E-7");
        CHECK(format_number(1.5e20) == "1.5E20");
        CHECK(format_number(0.1 + 0.2) == "0.30000000000000004");  // round-trips exactly
        CHECK(format_number(46387) == "46387");
    }
    TEST_CASE("excel_text") {
        CHECK(excel_text("plain £ – é") == "plain £ – é");
        SUBCASE("control characters") { CHECK(excel_text(std::string("a\x01" "b", 3)) == "a_x0001_b"); }
        SUBCASE("a literal escape is protected") { CHECK(excel_text("_x0041_") == "_x005F_x0041_"); }
        SUBCASE("CR LF becomes LF") { CHECK(excel_text("a\r\nb\rc") == "a\nb_x000D_c"); }
        SUBCASE("invalid UTF-8") { CHECK(excel_text("a\xC3(b") == "a\xEF\xBF\xBD(b"); }
        SUBCASE("Excel's cell limit") { CHECK(excel_text(std::string(40000, 'x')).size() == 32767); }
    }
    TEST_CASE("excel_text without a copy") {
        std::string buffer;
        std::string plain = "Plain text, tabs\tand\nline feeds";
        std::string_view same = excel_text(plain, buffer);
        CHECK(same.data() == plain.data());  // the text itself: nothing to change
        CHECK(buffer.empty());
        // Whatever the one-argument form changes, this one changes the same way, in the buffer.
        for (std::string text : {std::string("a\x01" "b", 3), std::string("_x0041_"), std::string("a\r\nb"),
                                 std::string("a\xC3(b"), std::string("plain £ – é"), std::string(40000, 'x'),
                                 std::string("snake_case"), std::string("a\x7F" "b"), std::string("\xEF\xBF\xBE"),
                                 std::string("\xF0\x9F\x98\x80 ok"), std::string("\xED\xA0\x80"), std::string("\xC0\xAF"),
                                 std::string("_x12_"), std::string("end_x004")}) {
            CAPTURE(text.substr(0, 20));
            CHECK(excel_text(text, buffer) == excel_text(text));
        }
        // Text that needs no change is handed back itself, UTF-8 and underscores included.
        for (std::string text : {std::string("plain £ – é ’"), std::string("snake_case"), std::string("\xF0\x9F\x98\x80 ok"),
                                 std::string("_x12_"), std::string(32766, 'x')}) {
            CAPTURE(text.substr(0, 20));
            CHECK(excel_text(text, buffer).data() == text.data());
        }
        // Each kind of change at every offset of a longer text (the check reads eight bytes at a time).
        for (std::string inner : {std::string("\x01", 1), std::string("_x0041_"), std::string("\r\n"), std::string("\xC3("),
                                  std::string("\xEF\xBF\xBE"), std::string("\x1F"), std::string("\x7F"), std::string("_"),
                                  std::string("\xC3\xA9"), std::string("\t")})
            for (std::size_t at = 0; at <= 17; ++at) {
                std::string text = std::string(at, 'a') + inner + std::string(11, 'b');
                CAPTURE(at);
                CAPTURE(text);
                CHECK(excel_text(text, buffer) == excel_text(text));
            }
    }
    TEST_CASE("start_part and part_text") {
        pugi::xml_document doc;
        auto root = start_part(doc, "sst", k_ns_main);
        attr(root, "count", "0");
        CHECK(part_text(doc) ==
              "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
              "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"0\"/>");
    }
}

TEST_SUITE("xlsx.xml_writer") {
    TEST_CASE("XmlWriter writes what pugixml writes, byte for byte") {
        // Every byte in a text node and in an attribute value, next to plain text, at offsets
        // either side of the eight-byte words the writer tests at once.
        for (int c = 1; c < 256; ++c)
          for (std::size_t lead : {1, 7, 8, 13}) {
            std::string value = std::string(lead, 'a') + std::string(1, static_cast<char>(c)) + std::string(9, 'b');
            pugi::xml_document doc;
            auto node = doc.append_child("e");
            attr(node, "k", value);
            node.append_child(pugi::node_pcdata).set_value(value.c_str());
            std::string ours = streamed([&](auto& x) {
                x.start("e");
                x.attr("k", value);
                x.text(value);
                x.end();
            });
            REQUIRE_MESSAGE(ours == element_text(node), "byte ", c, " after ", lead);
          }
        SUBCASE("empty elements and empty text") {
            pugi::xml_document doc;
            auto root = doc.append_child("r");
            attr(root.append_child("a"), "x", "1");
            text_element(root, "v", "");
            std::string ours = streamed([](auto& x) {
                x.start("r");
                x.start("a");
                x.attr_flag("x");
                x.end();
                x.text_element("v", "");
                x.end();
            });
            CHECK(ours == element_text(root));
            CHECK(ours == "<r><a x=\"1\"/><v></v></r>");
        }
        SUBCASE("text after a NUL is dropped, as pugixml's C strings drop it") {
            CHECK(streamed([](auto& x) { x.text_element("t", std::string_view("ab\0cd", 5)); }) == "<t>ab</t>");
        }
        SUBCASE("a part larger than the writer's buffer comes out whole") {
            std::string text(200000, 'q');
            std::string ours = streamed([&](auto& x) {
                x.declaration();
                x.start("sst");
                for (int i = 0; i < 10; ++i) x.text_element("t", text + "&");
                x.end();
            });
            pugi::xml_document doc;
            REQUIRE(doc.load_string(ours.c_str()));
            CHECK(std::string(doc.child("sst").last_child().text().get()) == text + "&");
            CHECK(ours.size() == 57 + 5 + 10 * (text.size() + 5 + 7) + 6);
        }
    }
}

TEST_SUITE("xlsx.styles") {
    TEST_CASE("write_num_fmt") {
        CHECK(written([](auto p) { write_num_fmt(p, 164, "0.0%"); }) == R"(<numFmt numFmtId="164" formatCode="0.0%"/>)");
    }
    TEST_CASE("builtin_num_fmt_id") {
        CHECK(builtin_num_fmt_id("") == 0);
        CHECK(builtin_num_fmt_id("#,##0") == 3);
        CHECK(builtin_num_fmt_id("0%") == 9);
        CHECK(builtin_num_fmt_id("dd/mm/yyyy") == -1);
    }
    TEST_CASE("write_font") {
        CHECK(written([](auto p) { write_font(p, Font{}); }) ==
              R"(<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>)");
        CHECK(written([](auto p) { write_font(p, Font{true, true, false, 10, "FF1F3864"}); }) ==
              R"(<font><b/><i/><sz val="10"/><color rgb="FF1F3864"/><name val="Calibri"/><family val="2"/></font>)");
    }
    TEST_CASE("write_fill") {
        CHECK(written([](auto p) { write_fill(p, Fill{"FF00B050"}); }) ==
              R"(<fill><patternFill patternType="solid"><fgColor rgb="FF00B050"/><bgColor indexed="64"/></patternFill></fill>)");
        CHECK(written([](auto p) { write_pattern_fill(p, "gray125"); }) ==
              R"(<fill><patternFill patternType="gray125"/></fill>)");
    }
    TEST_CASE("write_border") {
        CHECK(written([](auto p) { write_border(p, Border{}); }) ==
              R"(<border><left/><right/><top/><bottom/><diagonal/></border>)");
        Border b;
        b.bottom = BorderStyle::medium;
        b.color = "FFBFBFBF";
        CHECK(written([&](auto p) { write_border(p, b); }) ==
              R"(<border><left/><right/><top/><bottom style="medium"><color rgb="FFBFBFBF"/></bottom><diagonal/></border>)");
    }
    TEST_CASE("write_xf") {
        StyleParts::Xf xf{164, 1, 2, 3, Alignment{"center", "top", true}};
        CHECK(written([&](auto p) { write_xf(p, xf); }) ==
              R"(<xf numFmtId="164" fontId="1" fillId="2" borderId="3" xfId="0" applyNumberFormat="1" applyFont="1" )"
              R"(applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="top" wrapText="1"/></xf>)");
        CHECK(written([](auto p) { write_xf(p, StyleParts::Xf{}); }) ==
              R"(<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>)");
    }
    TEST_CASE("write_dxf") {
        CHECK(written([](auto p) { write_dxf(p, Dxf{"FFFFFFFF", true, "FF00B050"}); }) ==
              R"(<dxf><font><b/><color rgb="FFFFFFFF"/></font><fill><patternFill><bgColor rgb="FF00B050"/></patternFill></fill></dxf>)");
    }
    TEST_CASE("collect_style_parts") {
        StyleTable t;
        Format pct;
        pct.num_fmt = "0.0%";
        Format date = pct;
        date.num_fmt = "dd/mm/yyyy";
        Format green = pct;
        green.fill.color = "FF00B050";
        CHECK(t.add(pct) == 1);
        CHECK(t.add(date) == 2);
        CHECK(t.add(pct) == 1);  // equal formats share an index
        CHECK(t.add(green) == 3);
        auto p = collect_style_parts(t);
        REQUIRE(p.num_fmts.size() == 2);
        CHECK(p.num_fmts[0] == std::pair<int, std::string>{164, "0.0%"});
        CHECK(p.num_fmts[1] == std::pair<int, std::string>{165, "dd/mm/yyyy"});
        CHECK(p.fonts.size() == 1);
        CHECK(p.fills.size() == 3);  // none, gray125, then ours
        CHECK(p.xfs[3].fill == 2);
        CHECK(p.xfs[3].num_fmt == 164);
    }
}

TEST_SUITE("xlsx.shared_strings") {
    TEST_CASE("write_si") {
        CHECK(streamed([](auto& p) { write_si(p, "Quality of Practice"); }) == "<si><t>Quality of Practice</t></si>");
        CHECK(streamed([](auto& p) { write_si(p, " lead"); }) == R"(<si><t xml:space="preserve"> lead</t></si>)");
        CHECK(streamed([](auto& p) { write_si(p, "a & <b>"); }) == "<si><t>a &amp; &lt;b&gt;</t></si>");
    }
    TEST_CASE("SharedStrings") {
        SharedStrings s;
        CHECK(s.index("Green") == 0);
        CHECK(s.index("Red") == 1);
        CHECK(s.index("Green") == 0);
        CHECK(s.references() == 3);
        CHECK(s.strings().size() == 2);
    }
    TEST_CASE("SharedStrings: indexes stay put as the table grows, every string once") {
        SharedStrings s;
        std::vector<std::string> texts{"", "Green", "green", "Green "};
        for (int i = 0; i < 5000; ++i) texts.push_back("Action " + std::to_string(i) + std::string(i % 40, 'x'));
        for (std::size_t i = 0; i < texts.size(); ++i) CHECK(s.index(texts[i]) == i);
        for (std::size_t i = texts.size(); i-- > 0;) CHECK(s.index(texts[i]) == i);
        CHECK(s.strings().size() == texts.size());
        CHECK(s.references() == 2 * texts.size());
        CHECK(s.strings()[4999 + 4] == texts.back());
    }
}

TEST_SUITE("xlsx.worksheet") {
    TEST_CASE("write_cell") {
        SharedStrings s;
        auto cell = [&](Cell c) { return streamed([&](auto& p) { write_cell(p, CellPos{6, 1}, c, s); }); };
        Cell text{CellType::string, 0, "Green"};
        CHECK(cell(text) == R"(<c r="B7" t="s"><v>0</v></c>)");
        Cell num{CellType::number, 0.904, "", "", 3};
        CHECK(cell(num) == R"(<c r="B7" s="3"><v>0.904</v></c>)");
        Cell formula_text{CellType::string, 0, "Amber", "IF(A1>1,\"Amber\",\"\")"};
        CHECK(cell(formula_text) == R"(<c r="B7" t="str"><f>IF(A1&gt;1,"Amber","")</f><v>Amber</v></c>)");
        Cell empty_result{CellType::string, 0, "", "IF(1,\"\")"};
        CHECK(cell(empty_result) == R"(<c r="B7" t="str"><f>IF(1,"")</f><v></v></c>)");
        Cell formula_num{CellType::number, 22, "", "COUNTA(A1:A9)"};
        CHECK(cell(formula_num) == R"(<c r="B7"><f>COUNTA(A1:A9)</f><v>22</v></c>)");
        Cell blank{CellType::blank, 0, "", "", 5};
        CHECK(cell(blank) == R"(<c r="B7" s="5"/>)");
    }
    TEST_CASE("write_sheet_views") {
        Worksheet ws;
        CHECK(streamed([&](auto& p) { write_sheet_views(p, ws, true); }) ==
              R"(<sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews>)");
        ws.freeze = CellPos{4, 0};
        ws.show_grid_lines = false;
        CHECK(streamed([&](auto& p) { write_sheet_views(p, ws, false); }) ==
              R"(<sheetViews><sheetView showGridLines="0" workbookViewId="0"><pane ySplit="4" topLeftCell="A5" )"
              R"(activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A5" sqref="A5"/>)"
              R"(</sheetView></sheetViews>)");
        ws.freeze = CellPos{5, 2};
        std::string both = streamed([&](auto& p) { write_sheet_views(p, ws, false); });
        CHECK(both.find(R"(<pane xSplit="2" ySplit="5" topLeftCell="C6" activePane="bottomRight" state="frozen"/>)") !=
              std::string::npos);
        CHECK(both.find(R"(<selection pane="topRight" activeCell="C1" sqref="C1"/>)") != std::string::npos);
    }
    TEST_CASE("write_cols") {
        std::vector<Column> cols = {{0, 0, 9}, {7, 12, 7.5, 4}};
        CHECK(streamed([&](auto& p) { write_cols(p, cols); }) ==
              R"(<cols><col min="1" max="1" width="9" customWidth="1"/><col min="8" max="13" width="7.5" style="4" customWidth="1"/></cols>)");
    }
    TEST_CASE("write_conditional_formatting") {
        ConditionalFormat cf{{range("E5:E26"), range("E28:E37")},
                             {{CfType::cell_is, "equal", "\"Red\"", 3}, {CfType::expression, "", "$Q6=\"Red\"", 4}}};
        int priority = 5;
        CHECK(streamed([&](auto& p) { write_conditional_formatting(p, cf, priority); }) ==
              R"(<conditionalFormatting sqref="E5:E26 E28:E37"><cfRule type="cellIs" dxfId="3" priority="5" operator="equal">)"
              R"(<formula>"Red"</formula></cfRule><cfRule type="expression" dxfId="4" priority="6"><formula>$Q6="Red"</formula>)"
              R"(</cfRule></conditionalFormatting>)");
        CHECK(priority == 7);
    }
    TEST_CASE("write_data_validation") {
        auto dv = status_drop_down({range("E5:E26")});
        dv.prompt.clear();
        CHECK(streamed([&](auto& p) { write_data_validation(p, dv); }) ==
              R"(<dataValidation type="list" allowBlank="1" showErrorMessage="1" errorTitle="Not a status" )"
              R"(error="Choose Blue, Green, Amber or Red from the list." promptTitle="Status" sqref="E5:E26">)"
              R"(<formula1>"Blue,Green,Amber,Red"</formula1></dataValidation>)");
        DataValidation date;
        date.ranges = {range("E5:E504")};
        date.type = ValidationType::date;
        date.op = "between";
        date.formula1 = "36526";
        date.formula2 = "73050";
        date.error_style = "warning";
        CHECK(streamed([&](auto& p) { write_data_validation(p, date); }) ==
              R"(<dataValidation type="date" errorStyle="warning" operator="between" allowBlank="1" showErrorMessage="1" )"
              R"(sqref="E5:E504"><formula1>36526</formula1><formula2>73050</formula2></dataValidation>)");
    }
    TEST_CASE("write_data_validation keeps to Excel's text limits") {
        DataValidation dv = status_drop_down({range("A1")});
        dv.prompt_title = std::string(40, 't');
        dv.prompt = std::string(300, 'p');
        pugi::xml_document doc;
        REQUIRE(doc.load_string(streamed([&](auto& p) { write_data_validation(p, dv); }).c_str()));
        auto node = doc.child("dataValidation");
        CHECK(std::string(node.attribute("promptTitle").value()).size() == 32);
        CHECK(std::string(node.attribute("prompt").value()).size() == 255);
        CHECK(clip("£££", 2) == "££");
    }
    TEST_CASE("write_hyperlinks") {
        std::vector<Hyperlink> links = {{{27, 0}, "'Issues'!A1", "", "Go to the Issues sheet"},
                                        {{28, 0}, "", "https://example.org/", ""}};
        CHECK(streamed([&](auto& p) { write_hyperlinks(p, links); }) ==
              R"(<hyperlinks><hyperlink ref="A28" location="'Issues'!A1" tooltip="Go to the Issues sheet"/>)"
              R"(<hyperlink ref="A29" r:id="rId1"/></hyperlinks>)");
        Worksheet ws;
        ws.hyperlinks = links;
        CHECK(external_links(ws) == std::vector<std::string>{"https://example.org/"});
    }
    TEST_CASE("page setup elements") {
        PageSetup page;
        CHECK(streamed([&](auto& p) { write_page_setup(p, page); }) ==
              R"(<pageSetup paperSize="9" fitToWidth="1" fitToHeight="0" orientation="landscape"/>)");
        CHECK(streamed([&](auto& p) { write_page_margins(p, page); }) ==
              R"(<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>)");
        Worksheet ws;
        ws.tab_color = "FF1F3864";
        CHECK(streamed([&](auto& p) { write_sheet_pr(p, ws); }) ==
              R"(<sheetPr><tabColor rgb="FF1F3864"/><pageSetUpPr fitToPage="1"/></sheetPr>)");
        ws.page.fit_width = 0;
        ws.tab_color.clear();
        CHECK(streamed([&](auto& p) { write_sheet_pr(p, ws); }).empty());
    }
    TEST_CASE("write_header_footer") {
        CHECK(streamed([](auto& p) { write_header_footer(p, "&L" + header_text("Plan & KPIs") + "&C&A", "&CPage &P of &N"); }) ==
              R"(<headerFooter><oddHeader>&amp;LPlan &amp;&amp; KPIs&amp;C&amp;A</oddHeader><oddFooter>&amp;CPage &amp;P of &amp;N</oddFooter></headerFooter>)");
    }
    TEST_CASE("write_sparkline_group") {
        SparklineGroup g;
        g.sparklines = {{"Scorecard", range("H7:M7"), CellPos{6, 15}}};
        std::string xml = streamed([&](auto& p) { write_sparkline_group(p, g); });
        CHECK(xml.rfind(R"(<x14:sparklineGroup lineWeight="1.25" displayEmptyCellsAs="gap" markers="1" high="1" low="1">)"
                        R"(<x14:colorSeries rgb="FF1F3864"/><x14:colorNegative rgb="FFC00000"/>)", 0) == 0);
        CHECK(xml.find(R"(<x14:colorHigh rgb="FF00B050"/><x14:colorLow rgb="FFC00000"/><x14:sparklines><x14:sparkline>)"
                       R"(<xm:f>'Scorecard'!H7:M7</xm:f><xm:sqref>P7</xm:sqref></x14:sparkline></x14:sparklines>)") !=
              std::string::npos);
    }
    TEST_CASE("write_ext_lst") {
        CHECK(streamed([](auto& p) { write_ext_lst(p, {}); }).empty());
        std::string xml = streamed([](auto& p) { write_ext_lst(p, {SparklineGroup{}}); });
        CHECK(xml.rfind(R"(<extLst><ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" )"
                        R"(xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">)"
                        R"(<x14:sparklineGroups xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">)", 0) == 0);
    }
    TEST_CASE("worksheet element order") {
        Worksheet ws;
        ws.name = "S";
        ws.text(0, 0, "x");
        ws.autofilter = range("A1:B2");
        ws.merged = {range("A3:B3")};
        ws.conditional_formats = {ConditionalFormat{{range("A1")}, {{CfType::cell_is, "equal", "1", 0}}}};
        ws.validations = {status_drop_down({range("A1")})};
        ws.hyperlinks = {{{0, 0}, "'S'!A1", "", ""}};
        ws.header = "&CX";
        ws.sparkline_groups = {SparklineGroup{}};
        SharedStrings s;
        pugi::xml_document doc;
        REQUIRE(doc.load_string(streamed([&](auto& p) { write_worksheet(p, ws, true, s); }).c_str()));
        std::string order;
        for (auto n : doc.child("worksheet").children()) order += std::string(n.name()) + " ";
        CHECK(order ==
              "sheetPr dimension sheetViews sheetFormatPr sheetData autoFilter mergeCells conditionalFormatting "
              "dataValidations hyperlinks pageMargins pageSetup headerFooter extLst ");
    }
}

TEST_SUITE("xlsx.workbook") {
    TEST_CASE("defined_names") {
        Workbook wb;
        wb.sheets.resize(2);
        wb.sheets[0].name = "Summary";
        wb.sheets[1].name = "O'Brien plan";
        wb.sheets[1].autofilter = range("A4:I70");
        wb.sheets[1].print_area = range("A1:H70");
        wb.sheets[1].print_title_rows = std::pair<std::uint32_t, std::uint32_t>{3, 4};
        auto names = defined_names(wb);
        REQUIRE(names.size() == 3);
        CHECK(names[0].name == "_xlnm._FilterDatabase");
        CHECK(names[0].value == "'O''Brien plan'!$A$4:$I$70");
        CHECK(names[0].hidden);
        CHECK(names[1].value == "'O''Brien plan'!$A$1:$H$70");
        CHECK(names[2].name == "_xlnm.Print_Titles");
        CHECK(names[2].value == "'O''Brien plan'!$4:$5");
        CHECK(*names[2].local_sheet == 1);
        CHECK(written([&](auto p) { write_defined_name(p, names[2]); }) ==
              R"(<definedName name="_xlnm.Print_Titles" localSheetId="1">'O''Brien plan'!$4:$5</definedName>)");
    }
    TEST_CASE("write_sheets and write_book_views") {
        std::vector<Worksheet> sheets(2);
        sheets[0].name = "Summary";
        sheets[1].name = "Plan";
        CHECK(written([&](auto p) { write_sheets(p, sheets); }) ==
              R"(<sheets><sheet name="Summary" sheetId="1" r:id="rId1"/><sheet name="Plan" sheetId="2" r:id="rId2"/></sheets>)");
        CHECK(written([](auto p) { write_book_views(p, 1); }) ==
              R"(<bookViews><workbookView xWindow="240" yWindow="120" windowWidth="28800" windowHeight="15000" activeTab="1"/></bookViews>)");
    }
}

TEST_SUITE("xlsx.package") {
    TEST_CASE("write_relationship") {
        CHECK(written([](auto p) { write_relationship(p, {"rId1", k_rel_hyperlink, "https://example.org/", true}); }) ==
              R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" )"
              R"(Target="https://example.org/" TargetMode="External"/>)");
    }
    TEST_CASE("content types") {
        auto t = workbook_content_types(2);
        CHECK(t.overrides[1].first == "/xl/worksheets/sheet1.xml");
        CHECK(written([](auto p) { write_override(p, "/xl/styles.xml", "application/x"); }) ==
              R"(<Override PartName="/xl/styles.xml" ContentType="application/x"/>)");
    }
    TEST_CASE("document properties") {
        CHECK(w3cdtf(0) == "1970-01-01T00:00:00Z");
        CHECK(written([](auto p) { write_core_date(p, "dcterms:created", 1795305600); }) ==
              R"(<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-22T00:00:00Z</dcterms:created>)");
        CHECK(written([](auto p) { write_titles_of_parts(p, {"Summary", "Plan"}); }) ==
              R"(<TitlesOfParts><vt:vector size="2" baseType="lpstr"><vt:lpstr>Summary</vt:lpstr><vt:lpstr>Plan</vt:lpstr>)"
              R"(</vt:vector></TitlesOfParts>)");
    }
    TEST_CASE("build_parts: package order and sheet names") {
        Workbook wb;
        wb.sheets.resize(1);
        wb.sheets[0].name = "Summary";
        wb.sheets[0].hyperlinks = {{{0, 0}, "", "https://example.org/", ""}};
        auto parts = build_parts(wb);
        REQUIRE(parts.ok());
        std::string names;
        for (const auto& p : *parts) names += p.name + " ";
        CHECK(names ==
              "[Content_Types].xml _rels/.rels docProps/app.xml docProps/core.xml xl/workbook.xml "
              "xl/_rels/workbook.xml.rels xl/worksheets/sheet1.xml xl/worksheets/_rels/sheet1.xml.rels "
              "xl/styles.xml xl/sharedStrings.xml ");
        auto bad = [&](const std::string& name, const char* says) {
            Workbook w;
            w.sheets.resize(2);
            w.sheets[0].name = "Plan";
            w.sheets[1].name = name;
            auto r = build_parts(w);
            REQUIRE_FALSE(r.ok());
            CHECK(r.error().message.find(says) != std::string::npos);
            CHECK(r.error().code == Errc::output);
        };
        bad("A sheet name longer than thirty-one", "1 to 31 characters");
        bad("plan", "two sheets are named");
        bad("Q3/Q4", "character Excel does not allow");
    }
    TEST_CASE("write_workbook reports an unwritable path") {
        Workbook wb;
        wb.sheets.resize(1);
        wb.sheets[0].name = "S";
        auto s = write_workbook(wb, "/nonexistent-dir/x.xlsx");
        REQUIRE_FALSE(s.ok());
        CHECK(s.error().code == Errc::output);
    }
}

TEST_SUITE("xlsx.layout") {
    TEST_CASE("fit_row_heights") {
        StyleTable styles;
        Format wrap;
        wrap.align.wrap = true;
        XfId w = styles.add(wrap);
        Format big;
        big.font.size = 16;
        XfId title = styles.add(big);
        Worksheet ws;
        ws.width(0, 0, 20);
        ws.text(0, 0, "Title", title);
        ws.text(1, 0, "short", w);
        ws.text(2, 0, std::string(200, 'x') + " and more words to wrap across several lines of the cell", w);
        ws.text(3, 0, "set by hand", w);
        ws.rows[3].height = 40;
        fit_row_heights(ws, styles);
        CHECK(ws.rows[0].height.value_or(0) > 15);
        CHECK_FALSE(ws.rows[1].height);
        CHECK(ws.rows[2].height.value_or(0) > 100);
        CHECK(*ws.rows[3].height == 40);
    }
    TEST_CASE("fit_row_heights: lines counted in characters, broken at each space, over newlines") {
        // The estimate, spelt out: words of UTF-8 characters joined by single spaces (a second
        // space is an empty word), a new line once a word passes `per_line`, long words cut.
        auto lines_of = [](const std::string& text, double per_line) {
            double lines = 0;
            for (std::size_t start = 0; start <= text.size();) {
                std::size_t end = std::min(text.find('\n', start), text.size());
                double line = 0, count = 1;
                for (std::size_t i = start; i < end;) {
                    std::size_t sp = std::min(text.find(' ', i), end);
                    double word = 0;
                    for (std::size_t k = i; k < sp; ++k) word += (static_cast<unsigned char>(text[k]) & 0xC0) != 0x80;
                    if (line > 0 && line + 1 + word > per_line) ++count, line = 0;
                    line += (line > 0 ? 1 : 0) + word;
                    while (line > per_line) ++count, line -= per_line;
                    i = sp + 1;
                }
                lines += count;
                start = end + 1;
            }
            return lines;
        };
        StyleTable styles;
        Format wrap;
        wrap.align.wrap = true;
        XfId w = styles.add(wrap);
        const double size = styles.formats()[w].font.size, per_line = (20 - 1) * 1.3 * 10.0 / size;
        const std::vector<std::string> texts{
            "one two three four five six seven eight nine ten eleven twelve",
            "double  spaces   between    words and a trailing one   ",
            " leading space, then words enough to wrap at least once or twice here",
            "caf\u00e9 na\u00efve \u00fcber \u2192 arrows \u2013 dashes \u2014 in text that wraps over lines",
            "first line\nsecond line that is long enough to wrap on its own\n\nafter a blank line",
            std::string(70, 'x') + " " + std::string(5, 'y'),
            "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9 \u00e9\u00e9\u00e9\u00e9\u00e9\u00e9 \u00e9\u00e9\u00e9\u00e9\u00e9\u00e9 \u00e9\u00e9\u00e9\u00e9\u00e9\u00e9 "
            "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9 \u00e9\u00e9\u00e9\u00e9\u00e9\u00e9 \u00e9\u00e9\u00e9\u00e9\u00e9\u00e9 \u00e9\u00e9\u00e9\u00e9\u00e9\u00e9",
        };
        Worksheet ws;
        ws.width(0, 0, 20);
        for (std::size_t i = 0; i < texts.size(); ++i) ws.text(static_cast<std::uint32_t>(i), 0, texts[i], w);
        fit_row_heights(ws, styles);
        for (std::size_t i = 0; i < texts.size(); ++i) {
            CAPTURE(texts[i]);
            double lines = lines_of(texts[i], per_line);
            REQUIRE(lines > 1);
            CHECK(ws.rows[static_cast<std::uint32_t>(i)].height.value_or(0) == std::ceil(std::max(lines * size * 1.3 + 3, 15.0)));
        }
    }
}
