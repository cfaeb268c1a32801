// pugixml helpers for editing parts written by any producer: elements are
// found by local name and new ones take their parent's prefix, so prefixed
// writers ("x:row") are edited in their own dialect.
#pragma once

#include <pugixml.hpp>

#include <initializer_list>
#include <string>
#include <string_view>

namespace bp::xlsx_edit {

// Parse flags that keep a part's content exactly: whitespace-only text (" " in
// <t>) stays, and tabs and newlines in attribute values are not turned into spaces.
constexpr unsigned k_edit_parse_flags = pugi::parse_cdata | pugi::parse_escapes | pugi::parse_eol |
                                        pugi::parse_ws_pcdata | pugi::parse_declaration | pugi::parse_pi |
                                        pugi::parse_comments;

std::string_view local_name(const pugi::xml_node& n);
// The prefix of `n`'s name with its colon ("x:"), or "".
std::string prefix_of(const pugi::xml_node& n);
pugi::xml_node child(const pugi::xml_node& parent, std::string_view local);
// A new last child named like its parent's dialect: append(parent, "row") gives "x:row" under "x:sheetData".
pugi::xml_node append(pugi::xml_node parent, std::string_view local);
// A new child placed before the first existing child named in `before` (in
// the schema's sequence), or last when there is none.
pugi::xml_node insert_in_order(pugi::xml_node parent, std::string_view local, std::initializer_list<std::string_view> before);
// The child, made in order (as insert_in_order) when missing.
pugi::xml_node ensure_child(pugi::xml_node parent, std::string_view local, std::initializer_list<std::string_view> before);
// The value of attribute `name`, or `fallback`.
std::string attr_or(const pugi::xml_node& n, const char* name, std::string fallback = {});
// Sets the attribute, adding it when missing.
void set_attr(pugi::xml_node n, const char* name, const std::string& value);
// A prefix bound to namespace `uri` on `root` ("r:"), declaring `wanted` when none is.
std::string namespace_prefix(pugi::xml_node root, const char* uri, std::string wanted);

// The document as UTF-8 bytes, its declaration kept (its encoding made UTF-8).
std::string to_bytes(pugi::xml_document& doc);

}  // namespace bp::xlsx_edit
