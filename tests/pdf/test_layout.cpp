// The layout engine (src/pdf, built and tested alone) without libharu's drawing: wrapping by metrics, column
// widths, rows per page, repeated headers, widows and orphans, furniture.
#include <doctest/doctest.h>

#include <algorithm>

#include "pdf/document.hpp"
#include "pdf/table.hpp"
#include "fixed_measure.hpp"

using namespace bp::pdf;
using bp::pdftest::FixedMeasure;

namespace {

// Texts drawn on a page, in order.
std::vector<std::string> texts(const Page& page) {
    std::vector<std::string> out;
    for (const auto& op : page.ops)
        if (const auto* t = std::get_if<TextOp>(&op)) out.push_back(t->text);
    return out;
}

long count_text(const Page& page, const std::string& text) {
    auto t = texts(page);
    return std::count(t.begin(), t.end(), text);
}

const Document& real_fonts() {
    static auto doc = [] {
        auto fonts = find_fonts("", "");
        REQUIRE_MESSAGE(fonts.ok(), "DejaVu Sans (fonts-dejavu-core) must be installed");
        auto d = Document::create(fonts.value());
        REQUIRE(d.ok());
        return std::move(d).value();
    }();
    return *doc;
}

Table numbered_table(int rows, double row_padding = 2) {
    Table t;
    t.columns = {Column{}, Column{}};
    t.padding = row_padding;
    t.header.push_back(Row{RowKind::body, {Cell{"Header A"}, Cell{"Header B"}}});
    for (int i = 0; i < rows; ++i)
        t.rows.push_back(Row{RowKind::body, {Cell{"row " + std::to_string(i)}, Cell{"value"}}});
    return t;
}

}  // namespace

TEST_CASE("pdf::wrap_text") {
    FixedMeasure m;  // 10pt text: 5pt a character
    TextStyle s{FontStyle::regular, 10};

    SUBCASE("breaks at spaces by measured width") {
        auto lines = wrap_text(m, "aaaa bbbb cccc dddd", s, 50);  // 10 characters a line
        CHECK(lines == std::vector<std::string>{"aaaa bbbb", "cccc dddd"});
    }
    SUBCASE("a word wider than the line is split between characters") {
        auto lines = wrap_text(m, "abcdefghijklmnopqrstuvwxy", s, 50);
        CHECK(lines == std::vector<std::string>{"abcdefghij", "klmnopqrst", "uvwxy"});
    }
    SUBCASE("newlines force a break; spaces collapse") {
        auto lines = wrap_text(m, "one   two\nthree", s, 500);
        CHECK(lines == std::vector<std::string>{"one two", "three"});
    }
    SUBCASE("multi-byte characters count once") {
        auto lines = wrap_text(m, "£££££ ŁŁŁŁŁ", s, 50);
        CHECK(lines == std::vector<std::string>{"£££££", "ŁŁŁŁŁ"});
    }
    SUBCASE("empty text has no lines") { CHECK(wrap_text(m, "  ", s, 50).empty()); }
    SUBCASE("real metrics: narrow letters fit where wide ones do not") {
        const Document& doc = real_fonts();
        double w = doc.width("WWWWWWWW", FontStyle::regular, 10) + 1;  // one word of W, or both of i
        CHECK(wrap_text(doc, "iiiiiiii iiiiiiii", s, w).size() == 1);
        CHECK(wrap_text(doc, "WWWWWWWW WWWWWWWW", s, w).size() == 2);
        // Bold is wider than regular.
        CHECK(doc.width("Board", FontStyle::bold, 10) > doc.width("Board", FontStyle::regular, 10));
        // Every line fits the width it was wrapped to.
        std::string text = "The Improvement Plan October 2019 was developed in response to the Ofsted inspection "
                           "report published on 27 August 2019 – services to help and protect children were inadequate.";
        for (const auto& line : wrap_text(doc, text, s, 150)) CHECK(doc.width(line, FontStyle::regular, 10) <= 150.01);
    }
}

TEST_CASE("pdf::clean_text") {
    CHECK(clean_text("£ – ’ é Ł") == "£ – ’ é Ł");
    CHECK(clean_text("a\tb\x01" "c\r\n") == "a bc\n");
    CHECK(clean_text("bad \xC3 byte") == "bad \xEF\xBF\xBD byte");
    CHECK(clean_text("emoji \xF0\x9F\x98\x80!") == "emoji \xF0\x9F\x98\x80!");  // kept: the document replaces it, and says so
}

TEST_CASE("pdf::fit_text") {
    FixedMeasure m;
    TextStyle s{FontStyle::regular, 10};
    CHECK(fit_text(m, "short", s, 100) == "short");
    CHECK(fit_text(m, "a long running header", s, 40) == "a long …");
}

TEST_CASE("pdf::parse_color and text_on") {
    CHECK(parse_color("#00B050") == Color{0, 176 / 255.0, 80 / 255.0});
    CHECK(parse_color("FFC000").has_value());
    CHECK_FALSE(parse_color("#FFC00"));
    CHECK_FALSE(parse_color("amber"));
    CHECK(text_on(Color{0, 0.44, 0.75}) == Color{1, 1, 1});  // white on blue
    CHECK(text_on(Color{1, 0.75, 0}) == Color{0, 0, 0});     // black on amber
}

TEST_CASE("pdf::column_widths") {
    FixedMeasure m;
    Table t;
    t.padding = 2;
    t.text.size = t.header_text.size = 10;  // regular 5pt a character, bold 5.5pt
    t.columns = {Column{}, Column{std::nullopt, false}, Column{30.0}};
    t.header.push_back(Row{RowKind::body, {Cell{"Name"}, Cell{"Num"}, Cell{"Trend"}}});
    t.rows.push_back(Row{RowKind::body, {Cell{"a fairly long description of an action"}, Cell{"1,958"}, Cell{}}});

    SUBCASE("fill the width, keep fixed columns, never narrower than a word") {
        auto w = column_widths(t, m, 200);
        REQUIRE(w.size() == 3);
        CHECK(w[0] + w[1] + w[2] == doctest::Approx(200));
        CHECK(w[2] == doctest::Approx(31.5));       // 30 set, but "Trend" in bold needs 27.5 + 4
        CHECK(w[1] >= 5 * 5 + 4);                   // "1,958" unwrapped
        CHECK(w[0] >= 11 * 5 + 4);                  // "description"
    }
    SUBCASE("room to spare: every cell on one line") {
        auto w = column_widths(t, m, 400);
        CHECK(w[0] >= 38 * 5 + 4);
        CHECK(w[0] + w[1] + w[2] == doctest::Approx(400));
    }
    SUBCASE("too narrow: scaled down") {
        auto w = column_widths(t, m, 60);
        CHECK(w[0] + w[1] + w[2] == doctest::Approx(60));
    }
}

TEST_CASE("pdf::paginate_rows") {
    std::vector<RowSpec> rows(100, RowSpec{10, false});

    SUBCASE("rows per page") {
        auto p = paginate_rows(rows, 20, 500, 500, 2);  // 48 rows under a 20pt header
        CHECK_FALSE(p.new_page_first);
        CHECK(p.starts == std::vector<std::size_t>{0, 48, 96});
    }
    SUBCASE("a smaller first page") {
        auto p = paginate_rows(rows, 20, 120, 500, 2);
        CHECK(p.starts == std::vector<std::size_t>{0, 10, 58});
    }
    SUBCASE("no room for two rows: the table starts on the next page") {
        auto p = paginate_rows(rows, 20, 35, 500, 2);
        CHECK(p.new_page_first);
        CHECK(p.starts == std::vector<std::size_t>{0, 48, 96});
    }
    SUBCASE("no widowed last row") {
        std::vector<RowSpec> r49(49, RowSpec{10, false});
        auto p = paginate_rows(r49, 20, 500, 500, 2);
        CHECK(p.starts == std::vector<std::size_t>{0, 47});  // 47 + 2, not 48 + 1
    }
    SUBCASE("a group row never ends a page") {
        auto r = rows;
        r[47].keep_with_next = true;  // would be the last on page 1
        auto p = paginate_rows(r, 20, 500, 500, 2);
        CHECK(p.starts.at(1) == 47);
    }
    SUBCASE("a header-only table") {
        auto p = paginate_rows({}, 20, 500, 500, 2);
        CHECK(p.starts == std::vector<std::size_t>{0});
    }
}

TEST_CASE("pdf::place_table repeats the header on every page") {
    FixedMeasure m;
    Flow flow(m, Margins{});
    flow.new_page(PageSize{}, "Section");
    flow.advance(300);  // the table starts part-way down the first page
    Table t = numbered_table(200);
    place_table(flow, t, 0);
    Layout layout = flow.take();
    REQUIRE(layout.pages.size() >= 4);
    long rows = 0;
    for (const auto& page : layout.pages) {
        CHECK(count_text(page, "Header A") == 1);
        CHECK(texts(page).at(0) == "Header A");  // the header comes first
        for (const auto& s : texts(page)) rows += s.rfind("row ", 0) == 0;
    }
    CHECK(rows == 200);
    // Rows per full page match paginate_rows: (page body - header) / row height.
    const double row_h = t.text.line_height() + 2 * t.padding;
    const double body = PageSize{}.height - Margins{}.top - Margins{}.bottom;
    auto per_page = static_cast<long>((body - row_h) / row_h + 0.01);
    long second = 0;
    for (const auto& s : texts(layout.pages[1])) second += s.rfind("row ", 0) == 0;
    CHECK(second == per_page);
}

TEST_CASE("pdf::place_table keeps a group row with the row below it, and repeats it on the next page") {
    FixedMeasure m;
    Flow flow(m, Margins{});
    flow.new_page(PageSize{}, "Section");
    Table t;
    t.columns = {Column{}, Column{}};
    t.header.push_back(Row{RowKind::body, {Cell{"H1"}, Cell{"H2"}}});
    for (int g = 0; g < 30; ++g) {
        t.rows.push_back(Row{RowKind::group, {Cell{"Group " + std::to_string(g), Align::left, true, {}, {}, 2}}});
        for (int i = 0; i < 3; ++i) t.rows.push_back(Row{RowKind::body, {Cell{"r"}, Cell{"v"}}});
    }
    place_table(flow, t, 0);
    Layout layout = flow.take();
    REQUIRE(layout.pages.size() > 1);
    int continued = 0;
    for (std::size_t p = 0; p < layout.pages.size(); ++p) {
        auto tx = texts(layout.pages[p]);
        CHECK(tx.back().rfind("Group ", 0) != 0);  // no group heading alone at a page foot
        REQUIRE(tx.size() > 3);
        CHECK(tx[0] == "H1");
        CHECK(tx[2].rfind("Group ", 0) == 0);  // every page opens with its group's row
        continued += tx[2].find(" (continued)") != std::string::npos;
    }
    CHECK(continued > 0);
}

TEST_CASE("pdf::paginate_rows leaves room for a continued group row") {
    std::vector<RowSpec> rows(100, RowSpec{10, false, 10});
    rows[0].continued_height = 0;  // the group row itself
    auto p = paginate_rows(rows, 20, 500, 500, 2);
    CHECK(p.starts == std::vector<std::size_t>{0, 48, 95});  // 48 on the first page, 47 under a continued row
}

TEST_CASE("pdf::place_paragraph leaves no widow or orphan") {
    FixedMeasure m;
    TextStyle s{FontStyle::regular, 10, {}, 1.2};  // 12pt lines
    std::string text;
    for (int i = 0; i < 10; ++i) text += "line" + std::to_string(i) + "xxxxx ";  // one word a line at 50pt

    auto first_page_lines = [&](double free_lines) {
        Flow flow(m, Margins{});
        flow.new_page(PageSize{50 + 96, 62 + 58 + 100 * 12}, "s");
        flow.advance((100 - free_lines) * 12);
        place_paragraph(flow, text, s, 0);
        Layout l = flow.take();
        return std::make_pair(texts(l.pages[0]).size(), l.pages.size() > 1 ? texts(l.pages[1]).size() : 0);
    };
    CHECK(first_page_lines(10) == std::make_pair(std::size_t{10}, std::size_t{0}));
    CHECK(first_page_lines(9) == std::make_pair(std::size_t{8}, std::size_t{2}));   // not 9 + a widow
    CHECK(first_page_lines(4) == std::make_pair(std::size_t{4}, std::size_t{6}));
    CHECK(first_page_lines(1) == std::make_pair(std::size_t{0}, std::size_t{10}));  // no orphan
}

TEST_CASE("pdf::place_heading keeps with what follows") {
    FixedMeasure m;
    Flow flow(m, Margins{});
    flow.new_page(PageSize{}, "s");
    flow.advance(flow.space() - 40);  // room for the heading, not for what it heads
    place_heading(flow, "Exceptions", TextStyle{FontStyle::bold, 15}, 10, 60, true);
    Layout l = flow.take();
    REQUIRE(l.pages.size() == 2);
    CHECK(count_text(l.pages[1], "Exceptions") == 1);
    REQUIRE(l.bookmarks.size() == 1);
    CHECK(l.bookmarks[0].page == 1);
}

TEST_CASE("pdf::add_furniture numbers pages once all are known") {
    FixedMeasure m;
    Flow flow(m, Margins{});
    for (int i = 0; i < 3; ++i) flow.new_page(PageSize{}, "Section " + std::to_string(i + 1));
    Layout l = flow.take();
    add_furniture(l, Furniture{"Improvement Board", "OFFICIAL", "Report"}, m, Margins{});
    CHECK(count_text(l.pages[0], "Page 1 of 3") == 1);
    CHECK(count_text(l.pages[2], "Page 3 of 3") == 1);
    CHECK(count_text(l.pages[1], "Section 2") == 1);
    CHECK(count_text(l.pages[1], "OFFICIAL") == 2);  // top and bottom
}

TEST_CASE("pdf::place_table carries a cell taller than a page over the next pages") {
    FixedMeasure m;
    Flow flow(m, Margins{});
    flow.new_page(PageSize{}, "s");
    flow.advance(200);  // starts part-way down the first page
    Table t = numbered_table(0);
    std::string essay;
    for (int i = 0; i < 200; ++i) essay += "word" + std::to_string(i) + "\n";
    t.rows.push_back(Row{RowKind::body, {Cell{"long"}, Cell{essay}}});
    t.rows.push_back(Row{RowKind::body, {Cell{"next"}, Cell{"row"}}});
    place_table(flow, t, 0);
    Layout l = flow.take();
    REQUIRE(l.pages.size() >= 3);
    std::vector<std::string> words;
    for (const auto& page : l.pages) {
        CHECK(count_text(page, "Header A") == 1);  // the header repeated over every part
        for (const auto& s : texts(page)) {
            CHECK(s.find("…") == std::string::npos);
            if (s.rfind("word", 0) == 0) words.push_back(s);
        }
        for (const auto& op : page.ops)  // nothing below the bottom margin
            if (const auto* o = std::get_if<TextOp>(&op)) CHECK(o->baseline <= page.size.height - Margins{}.bottom);
    }
    REQUIRE(words.size() == 200);  // every line, once, in order
    for (int i = 0; i < 200; ++i) CHECK(words[static_cast<std::size_t>(i)] == "word" + std::to_string(i));
    CHECK(count_text(l.pages[0], "word0") == 1);  // the first part fills the room on the first page
    CHECK(count_text(l.pages.back(), "next") == 1);
}

TEST_CASE("pdf::wrap_text breaks a long unbroken word at / . - _ first") {
    FixedMeasure m;  // 5pt a character: 20 characters a line
    TextStyle s{FontStyle::regular, 10};
    auto lines = wrap_text(m, "see https://intranet.example/children/improvement-plan/QP1.12_review.docx", s, 100);
    std::string joined;
    for (const auto& l : lines) {
        CHECK(m.width(l, s.font, s.size) <= 100.01);
        joined += l;
    }
    CHECK(joined == "seehttps://intranet.example/children/improvement-plan/QP1.12_review.docx");
    CHECK(lines == std::vector<std::string>{"see", "https://intranet.", "example/children/", "improvement-plan/",
                                            "QP1.12_review.docx"});
    // With no break point it is split anywhere, filling each line.
    CHECK(wrap_text(m, std::string(45, 'x'), s, 100).size() == 3);
}

TEST_CASE("pdf::column_widths: a long body word breaks inside its column; headers stay whole") {
    FixedMeasure m;
    Table t;
    t.padding = 2;
    t.text.size = t.header_text.size = 10;  // regular 5pt a character, bold 5.5pt
    t.columns = {Column{std::nullopt, false}, Column{}, Column{}, Column{std::nullopt, false}, Column{}};
    t.header.push_back(
        Row{RowKind::body, {Cell{"Ref"}, Cell{"Action"}, Cell{"Lead"}, Cell{"RAG"}, Cell{"Progress update"}}});
    t.rows.push_back(Row{RowKind::body, {Cell{"QP1.12"}, Cell{"see https://x.example/" + std::string(120, 'a')},
                                         Cell{"Head of service"}, Cell{"Red"}, Cell{std::string(300, 'b')}}});
    auto w = column_widths(t, m, 500);
    CHECK(w[0] + w[1] + w[2] + w[3] + w[4] == doctest::Approx(500));
    CHECK(w[0] >= 6 * 5 + 4);        // "QP1.12" whole (room enough for it)
    CHECK(w[3] >= 3 * 5.5 + 4);      // "RAG"
    CHECK(w[4] >= 8 * 5.5 + 4);      // "Progress" whole
    CHECK(w[2] >= 7 * 5 + 4);        // "service"
    SUBCASE("too narrow for the body's words: headers still whole") {
        auto n = column_widths(t, m, 170);  // the header words need 152
        CHECK(n[0] >= 3 * 5.5 + 4);
        CHECK(n[4] >= 8 * 5.5 + 4);
    }
}

TEST_CASE("pdf::paginate_rows keeps two rows under a group row") {
    std::vector<RowSpec> rows(100, RowSpec{10, false});
    rows[46].group = rows[46].keep_with_next = true;  // 46 and 47 would end page 1: one row under the group
    auto p = paginate_rows(rows, 20, 500, 500, 2);
    CHECK(p.starts.at(1) == 46);
    rows[46] = RowSpec{10, false};
    rows[45].group = rows[45].keep_with_next = true;  // two rows under it: stays
    CHECK(paginate_rows(rows, 20, 500, 500, 2).starts.at(1) == 48);
}

TEST_CASE("pdf::a heading near the page foot goes over with its table's header, group row and two rows") {
    FixedMeasure m;
    Flow flow(m, Margins{});
    flow.new_page(PageSize{}, "s");
    Table t = numbered_table(0);
    t.rows.push_back(Row{RowKind::group, {Cell{"Group", Align::left, true, {}, {}, 2}}});
    for (int i = 0; i < 5; ++i) t.rows.push_back(Row{RowKind::body, {Cell{"row " + std::to_string(i)}, Cell{"v"}}});
    const TextStyle h{FontStyle::bold, 15};
    double keep = table_lead_height(t, m, flow.width(), 2);
    // Room for the heading, the header, the group row and one row; not two.
    flow.advance(flow.space() - (h.line_height() + keep - 5));
    place_heading(flow, "Exceptions", h, 10, keep, false);
    place_table(flow, t, 0);
    Layout l = flow.take();
    REQUIRE(l.pages.size() == 2);
    CHECK(texts(l.pages[0]).empty());
    auto tx = texts(l.pages[1]);
    REQUIRE(tx.size() >= 6);
    CHECK(std::vector<std::string>(tx.begin(), tx.begin() + 6) ==
          std::vector<std::string>{"Exceptions", "Header A", "Header B", "Group", "row 0", "v"});
}

TEST_CASE("pdf::place_table draws a cell's note under its text, in the note colour, broken after hyphens") {
    FixedMeasure m;  // 4.25 pt a character at 8.5 pt: 17 characters in a column of 80 pt less padding
    Flow flow(m, Margins{});
    flow.new_page(PageSize{}, "s");
    Table t = numbered_table(0);
    t.columns = {Column{80.0}, Column{}};
    Cell action{"Refer"};
    action.note = "plan-front-door-assessment.xlsx";
    t.rows.push_back(Row{RowKind::body, {action, Cell{"value"}}});
    place_table(flow, t, 0);
    Layout l = flow.take();
    REQUIRE(l.pages.size() == 1);
    std::vector<const TextOp*> drawn;
    for (const auto& op : l.pages[0].ops)
        if (const auto* o = std::get_if<TextOp>(&op)) drawn.push_back(o);
    auto at = [&](const std::string& text) {
        auto it = std::find_if(drawn.begin(), drawn.end(), [&](const TextOp* o) { return o->text == text; });
        REQUIRE_MESSAGE(it != drawn.end(), text);
        return *it;
    };
    const TextOp *text = at("Refer"), *first = at("plan-front-door-"), *second = at("assessment.xlsx");
    CHECK(first->style.color == t.note);
    CHECK(second->style.color == t.note);
    CHECK_FALSE(text->style.color == t.note);
    CHECK(first->baseline > text->baseline);
    CHECK(second->baseline > first->baseline);
}
