// XML syntax for the part writers: declarations, attributes, numbers and text
// made safe for SpreadsheetML. The small parts are built as pugixml documents
// and written raw (no indentation), as Excel writes them; the parts that grow
// with the data are streamed in the same format (xml_writer.hpp).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <pugixml.hpp>

namespace bp::xlsx {

// Namespaces used by more than one part.
inline constexpr const char* k_ns_main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
inline constexpr const char* k_ns_rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
inline constexpr const char* k_ns_package_rels = "http://schemas.openxmlformats.org/package/2006/relationships";

// Adds the XML declaration and the root element to an empty document.
pugi::xml_node start_part(pugi::xml_document& doc, const char* root, const char* ns);
// A whole part as UTF-8 bytes.
std::string part_text(const pugi::xml_document& doc);
// One element as text, for tests: <sz val="11"/>.
std::string element_text(pugi::xml_node node);

// Shortest text that reads back as the same double: 0.904, 1958, 1E-7.
std::string format_number(double v);
// The same at `out` (k_max_number_chars bytes), for writers that make no string per cell; returns the end.
inline constexpr std::size_t k_max_number_chars = 32;
char* format_number(char* out, double v);
// Text Excel can hold: control characters become _xHHHH_ (and a literal
// _xHHHH_ is protected as _x005F_xHHHH_), invalid UTF-8 becomes U+FFFD, and
// text past Excel's 32,767-character cell limit is cut.
std::string excel_text(std::string_view text);
// The same without a copy where nothing changes (nearly every cell): `text`
// itself, else excel_text(text) kept in `buffer`.
std::string_view excel_text(std::string_view text, std::string& buffer);

// At most `max_chars` characters (code points) of `text`, for Excel's length limits.
std::string clip(std::string_view text, std::size_t max_chars);

// Appends an attribute with a string, number or flag value.
void attr(pugi::xml_node node, const char* name, std::string_view value);
void attr_num(pugi::xml_node node, const char* name, double value);
// An integer written in full (format_number would write 100000 as 1E5, no count or index).
void attr_uint(pugi::xml_node node, const char* name, std::uint64_t value);
inline void attr_flag(pugi::xml_node node, const char* name) { attr(node, name, "1"); }
// Appends <name val="value"/>.
pugi::xml_node val_element(pugi::xml_node parent, const char* name, std::string_view value);
// Appends <name count="n">, the list elements Excel counts.
pugi::xml_node counted_element(pugi::xml_node parent, const char* name, std::size_t count);
// Appends <name>text</name>.
pugi::xml_node text_element(pugi::xml_node parent, const char* name, std::string_view text);

}  // namespace bp::xlsx
