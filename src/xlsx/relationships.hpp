// _rels/.rels, xl/_rels/workbook.xml.rels and the worksheets' .rels parts.
#pragma once

#include <string>
#include <vector>

#include <pugixml.hpp>

namespace bp::xlsx {

inline constexpr const char* k_rel_office_document =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
inline constexpr const char* k_rel_core_properties =
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties";
inline constexpr const char* k_rel_extended_properties =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties";
inline constexpr const char* k_rel_worksheet =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
inline constexpr const char* k_rel_styles = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";
inline constexpr const char* k_rel_shared_strings =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings";
inline constexpr const char* k_rel_hyperlink =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink";

struct Relationship {
    std::string id;  // rId1 ...
    std::string type;
    std::string target;
    bool external = false;
};

void write_relationship(pugi::xml_node parent, const Relationship& rel);  // <Relationship>
void assemble_relationships(pugi::xml_document& doc, const std::vector<Relationship>& rels);

}  // namespace bp::xlsx
