// The layout engine's structure model (src/pdf/structure.hpp): elements by
// role in reading order, the faults check_structure finds, and how the Flow
// and tables tag what they place.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "pdf/structure.hpp"
#include "pdf/table.hpp"
#include "../pdf/fixed_measure.hpp"

using namespace bp::pdf;

namespace {

// The roles under `id`, depth first, as "Table(THead(TR(TH,TH)),TBody(...))".
std::string shape(const Structure& s, StructId id) {
    std::string out(role_name(s[id].role));
    const auto children = s.children(id);
    if (children.empty()) return out;
    out += "(";
    for (std::size_t i = 0; i < children.size(); ++i) out += (i ? "," : "") + shape(s, children[i]);
    return out + ")";
}

bool mentions(const std::vector<std::string>& faults, const std::string& what) {
    for (const auto& f : faults)
        if (f.find(what) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("pdf::Structure") {
    Structure s;
    REQUIRE(s.size() == 1);
    CHECK(s[Structure::root()].role == Role::document);

    SUBCASE("children keep the order they are added in, under their parent") {
        StructId h = s.add(Structure::root(), Role::h1);
        StructId p = s.add(Structure::root(), Role::p);
        StructId l = s.add(Structure::root(), Role::l);
        StructId li = s.add(l, Role::li);
        CHECK(s.children(Structure::root()) == std::vector<StructId>{h, p, l});
        CHECK(s[li].parent == l);
        CHECK(shape(s, Structure::root()) == "Document(H1,P,L(LI))");
        CHECK(check_structure(s).empty());
    }
    SUBCASE("texts: a Figure's alternative, another element's actual text, none for the rest") {
        StructId fig = s.add(Structure::root(), Role::figure, "a chart of rates");
        StructId td = s.add(Structure::root(), Role::td);
        StructId p = s.add(Structure::root(), Role::p);
        s.set_actual_text(td, "Green");
        CHECK(s.text(fig) == "a chart of rates");
        CHECK(s.text(td) == "Green");
        CHECK(s.text(p).empty());
        s.set_actual_text(td, "Amber");  // set again: replaced
        CHECK(s.text(td) == "Amber");
        s.set_actual_text(td, "");
        CHECK(s.text(td).empty());
        CHECK(s.text(fig) == "a chart of rates");
        CHECK(sizeof(StructElem) <= 16);  // a long report has a quarter of a million
    }
    SUBCASE("a TH heads its column unless told otherwise") {
        StructId t = s.add(Structure::root(), Role::table);
        StructId tr = s.add(t, Role::tr);
        CHECK(s[s.add(tr, Role::th)].scope == Scope::column);
        CHECK(s[s.add(tr, Role::td)].scope == Scope::none);
    }
    SUBCASE("role names are the PDF standard structure types") {
        CHECK(role_name(Role::thead) == "THead");
        CHECK(role_name(Role::tbody) == "TBody");
        CHECK(role_name(Role::figure) == "Figure");
        CHECK(role_name(Role::li) == "LI");
    }
}

TEST_CASE("pdf::check_structure") {
    Structure s;
    SUBCASE("a cell outside a row") {
        StructId t = s.add(Structure::root(), Role::table);
        s.add(t, Role::td);
        CHECK(mentions(check_structure(s), "a table cell belongs in a TR"));
    }
    SUBCASE("a row outside a table") {
        s.add(s.add(Structure::root(), Role::p), Role::tr);
        auto faults = check_structure(s);
        CHECK(mentions(faults, "a TR belongs in a Table"));
        CHECK(mentions(faults, "a heading or paragraph holds text and figures only"));
    }
    SUBCASE("a list item outside a list, a THead outside a table") {
        s.add(Structure::root(), Role::li);
        s.add(Structure::root(), Role::thead);
        auto faults = check_structure(s);
        CHECK(mentions(faults, "an LI belongs in an L"));
        CHECK(mentions(faults, "a THead or TBody belongs in a Table"));
    }
    SUBCASE("a figure needs its text alternative; in a paragraph it is fine") {
        StructId p = s.add(Structure::root(), Role::p);
        s.add(p, Role::figure, "six-month trend: 89.5% to 90.4%, rising");
        CHECK(check_structure(s).empty());
        s.add(p, Role::figure);
        CHECK(mentions(check_structure(s), "a Figure needs alternative text"));
    }
}

TEST_CASE("pdf::Flow tags what it places") {
    bp::pdftest::FixedMeasure m;
    Flow flow(m, Margins{});
    flow.new_page(PageSize{}, "");
    TextStyle s{FontStyle::regular, 10};
    flow.add_text(10, 10, s, "in the document");
    {
        Tagged h(flow, Role::h1);
        flow.add_text(10, 20, s, "a heading");
        Tagged fig(flow, Role::figure, "a chart");
        flow.add(CircleOp{{1, 1}, 1, {}});
    }
    {
        Tagged rule(flow, Role::artifact);
        flow.add(LineOp{{{0, 0}, {1, 1}}});
        Tagged inner(flow, Role::p);  // under an artifact, still an artifact: no element is made
        flow.add_text(10, 30, s, "decoration");
    }
    flow.add_text(10, 40, s, "after");
    Layout l = flow.take();
    const Page& page = l.pages[0];
    REQUIRE(page.ops.size() == 6);
    const Structure& st = l.structure;
    CHECK(shape(st, Structure::root()) == "Document(H1(Figure))");
    CHECK(page.tag(0) == Structure::root());
    CHECK(st[page.tag(1)].role == Role::h1);
    CHECK(st[page.tag(2)].role == Role::figure);
    CHECK(st.text(page.tag(2)) == "a chart");
    CHECK(page.tag(3) == k_artifact);
    CHECK(page.tag(4) == k_artifact);
    CHECK(page.tag(5) == Structure::root());
    CHECK(page.tag(99) == k_artifact);  // past the tags: furniture

    SUBCASE("furniture is added untagged, and dropping empty texts keeps every op's tag") {
        add_furniture(l, Furniture{"Board", "", "Footer"}, m, Margins{});
        const Page& p = l.pages[0];
        CHECK(p.tags.size() == 6);
        for (std::size_t i = 6; i < p.ops.size(); ++i) CHECK(p.tag(i) == k_artifact);
        CHECK(st[p.tag(1)].role == Role::h1);
    }
}

TEST_CASE("pdf::place_table tags a Table of THead and TBody, repeats as artifacts") {
    bp::pdftest::FixedMeasure m;
    Flow flow(m, Margins{});
    flow.new_page(PageSize{}, "");
    Table t;
    t.columns = {Column{}, Column{}};
    t.columns[0].row_header = true;
    t.header.push_back(Row{RowKind::body, {Cell{"Ref"}, Cell{"Value"}}});
    for (int i = 0; i < 120; ++i) {  // over two pages: the header is drawn again
        Cell chart;
        chart.graphic = [](std::vector<Op>& ops, const Box& b) { ops.push_back(CircleOp{{b.x, b.y}, 1, {}}); };
        chart.graphic_width = chart.graphic_height = 6;
        if (i % 2) chart.alt = "Green";
        t.rows.push_back(Row{RowKind::body, {Cell{"r" + std::to_string(i)}, std::move(chart)}});
    }
    t.rows.push_back(Row{RowKind::group, {Cell{"a group across both columns", Align::left, true, {}, {}, 2}}});
    place_table(flow, t, 0);
    Layout l = flow.take();
    REQUIRE(l.pages.size() >= 2);
    const Structure& st = l.structure;
    CHECK(check_structure(st).empty());
    // Elements by number, and the children of each.
    auto kids = [&](StructId id) { return st.children(id); };
    REQUIRE(kids(Structure::root()).size() == 1);
    const StructId table_id = kids(Structure::root())[0];
    CHECK(st[table_id].role == Role::table);
    REQUIRE(kids(table_id).size() == 2);
    const StructId head = kids(table_id)[0], body = kids(table_id)[1];
    CHECK(st[head].role == Role::thead);
    CHECK(st[body].role == Role::tbody);
    CHECK(kids(head).size() == 1);
    CHECK(kids(body).size() == 121);  // each row once, whichever page it is on
    const StructId first_head_cell = kids(kids(head)[0])[0];
    CHECK(st[first_head_cell].role == Role::th);
    CHECK(st[first_head_cell].scope == Scope::column);
    const StructId row0 = kids(body)[0];
    CHECK(st[kids(row0)[0]].role == Role::th);  // a row header
    CHECK(st[kids(row0)[0]].scope == Scope::row);
    CHECK(st[kids(row0)[1]].role == Role::td);
    CHECK(kids(kids(row0)[1]).empty());   // a chart without alt: decoration
    const StructId row1 = kids(body)[1];
    REQUIRE(kids(kids(row1)[1]).size() == 1);
    CHECK(st[kids(kids(row1)[1])[0]].role == Role::figure);
    CHECK(st.text(kids(kids(row1)[1])[0]) == "Green");
    const StructId group = kids(body).back();
    CHECK(st[kids(group)[0]].role == Role::td);
    CHECK(st[kids(group)[0]].col_span == 2);

    // The header's text on the second page is an artifact; on the first, it is its TH.
    auto header_tags = [&](const Page& p) {
        std::vector<StructId> tags;
        for (std::size_t i = 0; i < p.ops.size(); ++i)
            if (const auto* op = std::get_if<TextOp>(&p.ops[i]); op && op->text == "Ref") tags.push_back(p.tag(i));
        return tags;
    };
    CHECK(header_tags(l.pages[0]) == std::vector<StructId>{first_head_cell});
    CHECK(header_tags(l.pages[1]) == std::vector<StructId>{k_artifact});
    // Fills and rules are artifacts.
    for (const auto& p : l.pages)
        for (std::size_t i = 0; i < p.ops.size(); ++i)
            if (std::holds_alternative<RectOp>(p.ops[i]) || std::holds_alternative<LineOp>(p.ops[i]))
                CHECK(p.tag(i) == k_artifact);
}
