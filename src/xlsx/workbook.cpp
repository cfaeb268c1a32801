#include "xlsx/workbook.hpp"

#include "xlsx/xml.hpp"

namespace bp::xlsx {

std::vector<DefinedName> defined_names(const Workbook& wb) {
    std::vector<DefinedName> out;
    for (std::uint32_t i = 0; i < wb.sheets.size(); ++i) {
        const auto& ws = wb.sheets[i];
        std::string sheet = quote_sheet(ws.name) + "!";
        if (ws.autofilter)
            out.push_back({"_xlnm._FilterDatabase", sheet + absolute_range(*ws.autofilter), i, true});
        if (ws.print_area) out.push_back({"_xlnm.Print_Area", sheet + absolute_range(*ws.print_area), i, false});
        if (ws.print_title_rows) {
            auto [first, last] = *ws.print_title_rows;
            out.push_back({"_xlnm.Print_Titles",
                           sheet + "$" + std::to_string(first + 1) + ":$" + std::to_string(last + 1), i, false});
        }
    }
    out.insert(out.end(), wb.names.begin(), wb.names.end());
    return out;
}

void write_book_views(pugi::xml_node root, std::uint32_t active_sheet) {
    auto v = root.append_child("bookViews").append_child("workbookView");
    attr(v, "xWindow", "240");
    attr(v, "yWindow", "120");
    attr(v, "windowWidth", "28800");
    attr(v, "windowHeight", "15000");
    if (active_sheet) attr_uint(v, "activeTab", active_sheet);
}

void write_sheets(pugi::xml_node root, const std::vector<Worksheet>& sheets) {
    auto node = root.append_child("sheets");
    for (std::size_t i = 0; i < sheets.size(); ++i) {
        auto s = node.append_child("sheet");
        attr(s, "name", sheets[i].name);
        attr_uint(s, "sheetId", i + 1);
        attr(s, "r:id", "rId" + std::to_string(i + 1));
    }
}

void write_defined_name(pugi::xml_node parent, const DefinedName& name) {
    auto n = text_element(parent, "definedName", name.value);
    // Attributes go before the text node in the output whatever the call order.
    attr(n, "name", name.name);
    if (name.local_sheet) attr_uint(n, "localSheetId", *name.local_sheet);
    if (name.hidden) attr_flag(n, "hidden");
}

void write_defined_names(pugi::xml_node root, const std::vector<DefinedName>& names) {
    if (names.empty()) return;
    auto node = root.append_child("definedNames");
    for (const auto& n : names) write_defined_name(node, n);
}

void write_calc_pr(pugi::xml_node root) {
    // Cached values are written for every formula: no recalculation needed on open.
    attr(root.append_child("calcPr"), "calcId", "191029");
}

void assemble_workbook(pugi::xml_document& doc, const Workbook& wb) {
    auto root = start_part(doc, "workbook", k_ns_main);
    attr(root, "xmlns:r", k_ns_rel);
    root.append_child("workbookPr");
    write_book_views(root, wb.active_sheet);
    write_sheets(root, wb.sheets);
    write_defined_names(root, defined_names(wb));
    write_calc_pr(root);
}

}  // namespace bp::xlsx
