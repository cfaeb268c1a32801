#include "xlsx_edit/styles.hpp"

#include <string_view>

#include "xlsx_edit/xml.hpp"

namespace bp::xlsx_edit {

namespace {

constexpr const char* k_styles_content = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";

// The least styles part Excel accepts: one font, the two fills it reserves, one border, one format.
constexpr std::string_view k_minimal_styles =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
    R"(<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>)"
    R"(<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>)"
    R"(<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>)"
    R"(<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>)"
    R"(<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>)"
    R"(<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>)"
    R"(</styleSheet>)";

// CT_Stylesheet's sequence, for placing a list the part lacks.
std::initializer_list<std::string_view> after(std::string_view name) {
    static const std::initializer_list<std::string_view> fonts = {"fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"};
    static const std::initializer_list<std::string_view> fills = {"borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"};
    static const std::initializer_list<std::string_view> xfs = {"cellStyles", "dxfs", "tableStyles", "colors", "extLst"};
    return name == "fonts" ? fonts : name == "fills" ? fills : xfs;
}

std::uint32_t count_children(pugi::xml_node list) {
    std::uint32_t n = 0;
    for (pugi::xml_node c = list.first_child(); c; c = c.next_sibling()) n += c.type() == pugi::node_element;
    return n;
}

void recount(pugi::xml_node list) { set_attr(list, "count", std::to_string(count_children(list))); }

}  // namespace

Result<StyleEditor> StyleEditor::open(Package& package, const std::string& workbook_part) {
    BP_ASSIGN_OR_RETURN(auto rels, relationships(package, workbook_part));
    const Relationship* rel = first_of_type(rels, "styles");
    std::string part = rel ? rel->target_part : std::string{};
    if (part.empty() || !package.has(part)) {
        part = rel ? rel->target_part : package.unused_name("xl/styles", ".xml");
        std::string text(k_minimal_styles);
        const std::string& ns = transitional().main_ns;
        text.replace(text.find(ns), ns.size(), package.dialect().main_ns);
        package.create_xml(part, text);
        if (!rel) BP_TRY(add_relationship(package, workbook_part, "styles", part));
        BP_TRY(add_override_type(package, part, k_styles_content));
    }
    BP_ASSIGN_OR_RETURN(pugi::xml_document * doc, package.xml(part));
    return StyleEditor(doc->document_element());
}

pugi::xml_node StyleEditor::list(const char* name) { return ensure_child(m_root, name, after(name)); }

pugi::xml_node StyleEditor::xf_at(std::uint32_t index) {
    std::uint32_t i = 0;
    for (pugi::xml_node x = list("cellXfs").first_child(); x; x = x.next_sibling()) {
        if (x.type() != pugi::node_element) continue;
        if (i++ == index) return x;
    }
    return {};
}

std::uint32_t StyleEditor::add_xf(pugi::xml_node like) {
    pugi::xml_node xfs = list("cellXfs");
    std::uint32_t index = count_children(xfs);
    pugi::xml_node made = like ? xfs.append_copy(like) : append(xfs, "xf");
    if (!like) {
        for (const char* a : {"numFmtId", "fontId", "fillId", "borderId", "xfId"}) made.append_attribute(a).set_value("0");
    }
    recount(xfs);
    return index;
}

std::uint32_t StyleEditor::with_fill(std::uint32_t xf, const std::string& argb) {
    auto key = std::make_pair(xf, argb);
    if (auto it = m_filled.find(key); it != m_filled.end()) return it->second;
    if (!m_fills.count(argb)) {
        pugi::xml_node fills = list("fills");
        m_fills[argb] = count_children(fills);
        pugi::xml_node pattern = append(append(fills, "fill"), "patternFill");
        pattern.append_attribute("patternType").set_value("solid");
        append(pattern, "fgColor").append_attribute("rgb").set_value(argb.c_str());
        append(pattern, "bgColor").append_attribute("indexed").set_value("64");
        recount(fills);
    }
    std::uint32_t clone = add_xf(xf_at(xf));  // a missing format (a bad index) is taken as the default one
    pugi::xml_node made = xf_at(clone);
    set_attr(made, "fillId", std::to_string(m_fills[argb]));
    set_attr(made, "applyFill", "1");
    return m_filled[key] = clone;
}

std::uint32_t StyleEditor::add_font(bool bold, const char* argb, bool underline) {
    pugi::xml_node fonts = list("fonts");
    std::uint32_t index = count_children(fonts);
    pugi::xml_node font = append(fonts, "font");
    // CT_Font's children in the order Excel writes them.
    if (bold) append(font, "b");
    if (underline) append(font, "u");
    append(font, "sz").append_attribute("val").set_value("11");
    if (argb) append(font, "color").append_attribute("rgb").set_value(argb);
    append(font, "name").append_attribute("val").set_value("Calibri");
    recount(fonts);
    return index;
}

std::uint32_t StyleEditor::bold() {
    if (auto it = m_made.find("bold"); it != m_made.end()) return it->second;
    std::uint32_t font = add_font(true, nullptr, false), xf = add_xf({});
    set_attr(xf_at(xf), "fontId", std::to_string(font));
    set_attr(xf_at(xf), "applyFont", "1");
    return m_made["bold"] = xf;
}

std::uint32_t StyleEditor::hyperlink() {
    if (auto it = m_made.find("link"); it != m_made.end()) return it->second;
    std::uint32_t font = add_font(false, "FF0563C1", true), xf = add_xf({});
    set_attr(xf_at(xf), "fontId", std::to_string(font));
    set_attr(xf_at(xf), "applyFont", "1");
    return m_made["link"] = xf;
}

std::uint32_t StyleEditor::wrapped() {
    if (auto it = m_made.find("wrap"); it != m_made.end()) return it->second;
    std::uint32_t xf = add_xf({});
    pugi::xml_node made = xf_at(xf);
    set_attr(made, "applyAlignment", "1");
    pugi::xml_node align = append(made, "alignment");
    align.append_attribute("vertical").set_value("top");
    align.append_attribute("wrapText").set_value("1");
    return m_made["wrap"] = xf;
}

}  // namespace bp::xlsx_edit
