#include "xlsx_edit/first_sheet.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "xlsx_edit/xml.hpp"

namespace bp::xlsx_edit {

namespace {

constexpr const char* k_worksheet_content = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// Excel compares sheet names case-insensitively.
std::string unique_name(pugi::xml_node sheets, const std::string& wanted) {
    auto taken = [&](const std::string& name) {
        for (pugi::xml_node s = sheets.first_child(); s; s = s.next_sibling())
            if (local_name(s) == "sheet" && lower(s.attribute("name").value()) == lower(name)) return true;
        return false;
    };
    std::string name = wanted;
    for (int n = 2; taken(name); ++n) name = fmt::format("{} ({})", wanted, n);
    return name;
}

void shift_position(pugi::xml_node n, const char* name) {
    if (pugi::xml_attribute a = n.attribute(name)) a.set_value(std::strtoul(a.value(), nullptr, 10) + 1);
}

// The worksheet part: inline strings (the shared strings part stays as it was), the header frozen.
std::string sheet_xml(const TableSheet& t, StyleEditor& styles, const std::string& main_ns) {
    pugi::xml_document doc;
    pugi::xml_node decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    decl.append_attribute("standalone") = "yes";
    pugi::xml_node ws = doc.append_child("worksheet");
    ws.append_attribute("xmlns") = main_ns.c_str();
    std::size_t columns = t.header.size();
    for (const auto& r : t.rows) columns = std::max(columns, r.cells.size());
    std::size_t rows = t.rows.size() + 1;
    ws.append_child("dimension").append_attribute("ref") =
        range_ref({{0, 0}, {static_cast<std::uint32_t>(rows - 1), static_cast<std::uint32_t>(columns ? columns - 1 : 0)}}).c_str();
    pugi::xml_node view = ws.append_child("sheetViews").append_child("sheetView");
    view.append_attribute("workbookViewId") = 0;
    pugi::xml_node pane = view.append_child("pane");
    pane.append_attribute("ySplit") = 1;
    pane.append_attribute("topLeftCell") = "A2";
    pane.append_attribute("activePane") = "bottomLeft";
    pane.append_attribute("state") = "frozen";
    if (!t.widths.empty()) {
        pugi::xml_node cols = ws.append_child("cols");
        for (std::size_t i = 0; i < t.widths.size(); ++i) {
            pugi::xml_node c = cols.append_child("col");
            c.append_attribute("min") = i + 1;
            c.append_attribute("max") = i + 1;
            c.append_attribute("width") = t.widths[i];
            c.append_attribute("customWidth") = 1;
        }
    }
    pugi::xml_node data = ws.append_child("sheetData");
    auto add_row = [&](std::uint32_t r, const std::vector<std::string>& cells, std::uint32_t style, bool linked) {
        pugi::xml_node row = data.append_child("row");
        row.append_attribute("r") = r + 1;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (cells[i].empty()) continue;
            pugi::xml_node c = row.append_child("c");
            c.append_attribute("r") = cell_ref(r, static_cast<std::uint32_t>(i)).c_str();
            std::uint32_t s = style ? style : linked && i == t.link_column ? styles.hyperlink()
                                             : i == t.wrap_column          ? styles.wrapped()
                                                                           : 0;
            if (s) c.append_attribute("s") = s;
            c.append_attribute("t") = "inlineStr";
            pugi::xml_node text = c.append_child("is").append_child("t");
            text.append_attribute("xml:space") = "preserve";
            text.text().set(cells[i].c_str());
        }
    };
    add_row(0, t.header, styles.bold(), false);
    for (std::size_t i = 0; i < t.rows.size(); ++i)
        add_row(static_cast<std::uint32_t>(i + 1), t.rows[i].cells, 0, t.rows[i].link.has_value());
    pugi::xml_node links;
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
        const auto& link = t.rows[i].link;
        if (!link || t.link_column >= t.rows[i].cells.size() || t.rows[i].cells[t.link_column].empty()) continue;
        if (!links) links = ws.append_child("hyperlinks");
        pugi::xml_node h = links.append_child("hyperlink");
        h.append_attribute("ref") = cell_ref(static_cast<std::uint32_t>(i + 1), static_cast<std::uint32_t>(t.link_column)).c_str();
        h.append_attribute("location") = qualified_ref(link->sheet, link->cell.value_or(CellPos{})).c_str();
        h.append_attribute("display") = t.rows[i].cells[t.link_column].c_str();
    }
    pugi::xml_node margins = ws.append_child("pageMargins");
    for (auto [k, v] : {std::pair{"left", 0.7}, {"right", 0.7}, {"top", 0.75}, {"bottom", 0.75}, {"header", 0.3}, {"footer", 0.3}})
        margins.append_attribute(k) = v;
    return to_bytes(doc);
}

}  // namespace

std::string qualified_ref(const std::string& sheet, CellPos cell) {
    std::string quoted;
    for (char c : sheet) quoted += c == '\'' ? std::string("''") : std::string(1, c);
    return "'" + quoted + "'!" + cell_ref(cell);
}

Status insert_first_sheet(Package& package, const std::string& workbook_part, const TableSheet& table, StyleEditor& styles) {
    BP_ASSIGN_OR_RETURN(pugi::xml_document * doc, package.xml(workbook_part));
    pugi::xml_node wb = doc->document_element();
    pugi::xml_node sheets = child(wb, "sheets");
    if (!sheets) return make_error(Errc::missing_part, "the workbook lists no sheets", {package.label(), workbook_part});
    std::string name = unique_name(sheets, table.name);

    std::string part = package.unused_name("xl/worksheets/sheet", ".xml");
    package.create_xml(part, sheet_xml(table, styles, package.dialect().main_ns));
    BP_TRY(add_override_type(package, part, k_worksheet_content));
    BP_ASSIGN_OR_RETURN(std::string id, add_relationship(package, workbook_part, "worksheet", part));

    std::uint32_t sheet_id = 0;
    for (pugi::xml_node s = sheets.first_child(); s; s = s.next_sibling())
        if (local_name(s) == "sheet") sheet_id = std::max(sheet_id, static_cast<std::uint32_t>(std::strtoul(s.attribute("sheetId").value(), nullptr, 10)));
    std::string r = namespace_prefix(wb, package.dialect().rel_ns.c_str(), "r");
    pugi::xml_node first = sheets.prepend_child((prefix_of(sheets) + "sheet").c_str());
    first.append_attribute("name") = name.c_str();
    first.append_attribute("sheetId") = sheet_id + 1;
    first.append_attribute((r + "id").c_str()) = id.c_str();

    // Positions of the sheets that were there move up by one.
    if (pugi::xml_node names = child(wb, "definedNames"))
        for (pugi::xml_node n = names.first_child(); n; n = n.next_sibling())
            if (local_name(n) == "definedName") shift_position(n, "localSheetId");
    // A missing activeTab means the first sheet: it is the second now (else two tabs would be selected, grouped).
    pugi::xml_node views = ensure_child(wb, "bookViews", {"sheets"});
    if (!child(views, "workbookView")) append(views, "workbookView");
    for (pugi::xml_node v = views.first_child(); v; v = v.next_sibling())
        if (local_name(v) == "workbookView") {
            if (!v.attribute("activeTab")) v.append_attribute("activeTab") = 0;
            shift_position(v, "activeTab");
            shift_position(v, "firstSheet");
        }
    return Ok{};
}

}  // namespace bp::xlsx_edit
