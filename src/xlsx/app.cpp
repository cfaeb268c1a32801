#include "xlsx/doc_props.hpp"
#include "xlsx/xml.hpp"

namespace bp::xlsx {

namespace {
constexpr const char* k_ns_extended = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties";
constexpr const char* k_ns_vt = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes";
}  // namespace

void write_heading_pairs(pugi::xml_node root, std::size_t sheet_count) {
    auto v = root.append_child("HeadingPairs").append_child("vt:vector");
    attr(v, "size", "2");
    attr(v, "baseType", "variant");
    text_element(v.append_child("vt:variant"), "vt:lpstr", "Worksheets");
    text_element(v.append_child("vt:variant"), "vt:i4", std::to_string(sheet_count));
}

void write_titles_of_parts(pugi::xml_node root, const std::vector<std::string>& sheet_names) {
    auto v = root.append_child("TitlesOfParts").append_child("vt:vector");
    attr_uint(v, "size", sheet_names.size());
    attr(v, "baseType", "lpstr");
    for (const auto& n : sheet_names) text_element(v, "vt:lpstr", n);
}

void assemble_app(pugi::xml_document& doc, const Workbook& wb) {
    auto root = start_part(doc, "Properties", k_ns_extended);
    attr(root, "xmlns:vt", k_ns_vt);
    text_element(root, "Application", "boardpack");
    text_element(root, "DocSecurity", "0");
    text_element(root, "ScaleCrop", "false");
    std::vector<std::string> names;
    for (const auto& s : wb.sheets) names.push_back(s.name);
    write_heading_pairs(root, names.size());
    write_titles_of_parts(root, names);
    if (!wb.properties.manager.empty()) text_element(root, "Manager", wb.properties.manager);
    text_element(root, "Company", wb.properties.company);
    text_element(root, "LinksUpToDate", "false");
    text_element(root, "SharedDoc", "false");
    text_element(root, "HyperlinksChanged", "false");
}

}  // namespace bp::xlsx
