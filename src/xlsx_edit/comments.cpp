#include "xlsx_edit/comments.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <regex>

#include "xlsx_edit/xml.hpp"

namespace bp::xlsx_edit {

namespace {

constexpr const char* k_comments_content = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml";
constexpr const char* k_vml_content = "application/vnd.openxmlformats-officedocument.vmlDrawing";

// Excel's note box: shape type 202 (a text box).
constexpr const char* k_note_shapetype =
    R"(<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">)"
    R"(<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>)";

// One note's box, hidden until the cell is pointed at, anchored right of its cell.
std::string note_shape(long id, CellPos at) {
    return fmt::format(
        R"(<v:shape id="_x0000_s{}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;)"
        R"(width:216pt;height:80pt;z-index:{};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">)"
        R"(<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>)"
        R"(<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>)"
        R"(<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>)"
        R"(<x:Anchor>{}, 15, {}, 2, {}, 15, {}, 16</x:Anchor><x:AutoFill>False</x:AutoFill>)"
        R"(<x:Row>{}</x:Row><x:Column>{}</x:Column></x:ClientData></v:shape>)",
        id, id % 1024, at.col + 1, at.row, at.col + 5, at.row + 5, at.row, at.col);
}

// A new VML drawing; `block` is its o:idmap (shape ids block*1024 + n).
std::string new_vml(long block) {
    return fmt::format(R"(<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" )"
                       R"(xmlns:x="urn:schemas-microsoft-com:office:excel">)"
                       R"(<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="{}"/></o:shapelayout>{}</xml>)",
                       block, k_note_shapetype);
}

// The highest shape number in VML text (ids "_x0000_sNNNN"), 0 when none.
long highest_shape(const std::string& vml) {
    static const std::regex id(R"(_x0000_s(\d+))");
    long high = 0;
    for (auto it = std::sregex_iterator(vml.begin(), vml.end(), id); it != std::sregex_iterator(); ++it)
        high = std::max(high, std::strtol((*it)[1].str().c_str(), nullptr, 10));
    return high;
}

// A block of shape ids no other drawing of the package uses.
long unused_block(Package& package) {
    long block = 1;
    for (int n = 1; n < 1000; ++n) {
        const std::string* vml = package.bytes(fmt::format("xl/drawings/vmlDrawing{}.vml", n));
        if (vml) block = std::max(block, highest_shape(*vml) / 1024 + 1);
    }
    return block;
}

void add_text(pugi::xml_node text, const std::string& value, bool after_existing) {
    // CT_Rst: t?, r*, rPh*: a run goes before any phonetic runs.
    pugi::xml_node run;
    if (pugi::xml_node ph = child(text, "rPh"))
        run = text.insert_child_before((prefix_of(text) + "r").c_str(), ph);
    else
        run = append(text, "r");
    pugi::xml_node t = append(run, "t");
    t.append_attribute("xml:space").set_value("preserve");
    t.text().set((after_existing ? "\n\n" + value : value).c_str());
}

Status merge_comments(pugi::xml_node root, const std::vector<CellComment>& comments, const std::string& author) {
    pugi::xml_node authors = ensure_child(root, "authors", {"commentList", "extLst"});
    std::uint32_t author_id = 0;
    bool found = false;
    for (pugi::xml_node a = authors.first_child(); a; a = a.next_sibling()) {
        if (local_name(a) != "author") continue;
        if (author == a.text().get()) {
            found = true;
            break;
        }
        ++author_id;
    }
    if (!found) append(authors, "author").text().set(author.c_str());
    pugi::xml_node list = ensure_child(root, "commentList", {"extLst"});
    for (const auto& c : comments) {
        std::string ref = cell_ref(c.cell);
        pugi::xml_node existing;
        for (pugi::xml_node e = list.first_child(); e; e = e.next_sibling())
            if (local_name(e) == "comment") {
                auto at = parse_cell_ref(e.attribute("ref").value());
                if (at && *at == c.cell) existing = e;
            }
        if (existing) {
            add_text(ensure_child(existing, "text", {"commentPr"}), c.text, true);
            continue;
        }
        pugi::xml_node made = append(list, "comment");
        made.append_attribute("ref").set_value(ref.c_str());
        made.append_attribute("authorId").set_value(author_id);
        add_text(append(made, "text"), c.text, false);
    }
    return Ok{};
}

// The cells that already have a note shape in the VML text.
bool has_shape_at(const std::string& vml, CellPos at) {
    std::regex shape(fmt::format(R"(<x:Row>\s*{}\s*</x:Row>\s*<x:Column>\s*{}\s*</x:Column>)", at.row, at.col));
    return std::regex_search(vml, shape);
}

// VML from Office is often not well-formed XML, so shapes are added as text before the closing tag.
Result<std::string> with_shapes(std::string vml, const std::vector<CellComment>& comments, const std::string& label,
                                const std::string& part) {
    auto end = vml.rfind("</xml>");
    if (end == std::string::npos) return make_error(Errc::bad_xml, "the VML drawing has no closing </xml>", {label, part});
    std::string shapes;
    if (vml.find("_x0000_t202") == std::string::npos) shapes += k_note_shapetype;
    long id = std::max(highest_shape(vml), 1024L);
    for (const auto& c : comments)
        if (!has_shape_at(vml, c.cell)) shapes += note_shape(++id, c.cell);
    vml.insert(end, shapes);
    return vml;
}

}  // namespace

Status add_comments(Package& package, const std::string& sheet_part, pugi::xml_node worksheet,
                    const std::vector<CellComment>& comments, const std::string& author) {
    if (comments.empty()) return Ok{};
    BP_ASSIGN_OR_RETURN(auto rels, relationships(package, sheet_part));

    // The comments part.
    const Relationship* to_comments = first_of_type(rels, "comments");
    std::string comments_part = to_comments ? to_comments->target_part : package.unused_name("xl/comments", ".xml");
    if (!package.has(comments_part)) {
        package.create_xml(comments_part, fmt::format(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
                                                      R"(<comments xmlns="{}"><authors/><commentList/></comments>)",
                                                      package.dialect().main_ns));
        BP_TRY(add_override_type(package, comments_part, k_comments_content));
    }
    if (!to_comments) BP_TRY(add_relationship(package, sheet_part, "comments", comments_part));
    BP_ASSIGN_OR_RETURN(pugi::xml_document * doc, package.xml(comments_part));
    BP_TRY(merge_comments(doc->document_element(), comments, author));

    // The VML drawing the sheet's <legacyDrawing> names, or a new one.
    pugi::xml_node legacy = child(worksheet, "legacyDrawing");
    const Relationship* to_vml = nullptr;
    if (legacy) {
        for (pugi::xml_attribute a = legacy.first_attribute(); a; a = a.next_attribute()) {
            std::string_view name = a.name();
            if (name.size() < 3 || name.substr(name.size() - 3) != ":id") continue;
            for (const auto& r : rels)
                if (r.id == a.value() && !r.external) to_vml = &r;
        }
    }
    if (to_vml && package.bytes(to_vml->target_part)) {
        BP_ASSIGN_OR_RETURN(std::string vml, with_shapes(*package.bytes(to_vml->target_part), comments, package.label(),
                                                         to_vml->target_part));
        package.put_bytes(to_vml->target_part, std::move(vml));
        return Ok{};
    }
    std::string vml_part = package.unused_name("xl/drawings/vmlDrawing", ".vml");
    long block = unused_block(package);
    std::string vml = new_vml(block), shapes;
    long shape_id = block * 1024;
    for (const auto& c : comments) shapes += note_shape(++shape_id, c.cell);
    vml.insert(vml.rfind("</xml>"), shapes);
    package.put_bytes(vml_part, std::move(vml));
    BP_TRY(add_default_type(package, "vml", k_vml_content));
    BP_ASSIGN_OR_RETURN(std::string id, add_relationship(package, sheet_part, "vmlDrawing", vml_part));
    if (legacy) worksheet.remove_child(legacy);  // it named no drawing that exists
    std::string r = namespace_prefix(worksheet, package.dialect().rel_ns.c_str(), "r");
    legacy = insert_in_order(worksheet, "legacyDrawing",
                             {"legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems",
                              "tableParts", "extLst"});
    legacy.append_attribute((r + "id").c_str()).set_value(id.c_str());
    return Ok{};
}

}  // namespace bp::xlsx_edit
