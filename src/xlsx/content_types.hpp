// [Content_Types].xml: the content type of every part in the package.
#pragma once

#include <string>
#include <vector>

#include <pugixml.hpp>

namespace bp::xlsx {

struct ContentTypes {
    std::vector<std::pair<std::string, std::string>> defaults;   // extension, type
    std::vector<std::pair<std::string, std::string>> overrides;  // part name (with '/'), type
};

// The types of a workbook with `sheet_count` worksheets, styles, shared strings and document properties.
ContentTypes workbook_content_types(std::size_t sheet_count);

void write_default(pugi::xml_node parent, const std::string& extension, const std::string& type);  // <Default>
void write_override(pugi::xml_node parent, const std::string& part, const std::string& type);      // <Override>
void assemble_content_types(pugi::xml_document& doc, const ContentTypes& types);

}  // namespace bp::xlsx
