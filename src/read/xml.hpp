// pugixml helpers shared by every part reader: names compared by local name
// (so Strict OOXML and prefixed writers read the same), and part parsing that
// turns pugixml's offset into a line number and refuses DTDs.
#pragma once

#include <pugixml.hpp>

#include <cstring>
#include <string>
#include <string_view>

#include "util/result.hpp"
#include "util/zip.hpp"

namespace bp::read {

// "x:row" -> "row"
inline std::string_view local_name(const char* qname) {
    const char* colon = std::strchr(qname, ':');
    return colon ? std::string_view(colon + 1) : std::string_view(qname);
}

// Does the qualified name `qname` ("row" or "x:row") have this local name?
// Hot in the row decoder: no strlen, no strchr on the common unprefixed match.
inline bool name_is(const char* qname, std::string_view local) {
    if (std::strncmp(qname, local.data(), local.size()) == 0 && qname[local.size()] == '\0') return true;
    const char* colon = std::strchr(qname, ':');
    return colon && std::strncmp(colon + 1, local.data(), local.size()) == 0 && colon[1 + local.size()] == '\0';
}

inline bool is(const pugi::xml_node& n, std::string_view local) { return name_is(n.name(), local); }

// First child element with this local name (empty handle if none).
pugi::xml_node child(const pugi::xml_node& parent, std::string_view local);
// Attribute by local name: "r:id" matches "id" only when prefixed, so an
// element's own unprefixed attribute of another meaning is not mistaken.
pugi::xml_attribute attr(const pugi::xml_node& n, std::string_view local);
pugi::xml_attribute prefixed_attr(const pugi::xml_node& n, std::string_view local);

// ST_Xstring decoding: Excel writes control characters as _xHHHH_ (UTF-16
// code units: a surrogate pair is one character; a lone surrogate gives the
// byte FF, for the reader's UTF-8 check to replace).
std::string decode_xstring(std::string_view s);

// Flags used for every part: keep a lone whitespace text (" " in <t>).
constexpr unsigned k_parse_flags = pugi::parse_default | pugi::parse_ws_pcdata_single;

// Line number (1-based) of a byte offset in a buffer.
long line_of(std::string_view text, std::ptrdiff_t offset);

// Most tags in XML held as one DOM (a part read whole, a sheet's frame, one
// batch of rows, however long its one row or string): a DOM costs 70-150
// bytes a tag, so one stays under about 150 MiB. Excel writes at most about
// 100,000 tags in one row or string.
constexpr std::size_t k_max_dom_tags = 1'000'000;
// Refuses `text` with more tags than that (counted only when it could have so many).
Status check_dom_tags(std::string_view text, const std::string& file, const std::string& part);

// Parse a whole part that is small enough to hold as a DOM.
Status parse_xml(std::string text, pugi::xml_document& doc, const std::string& file, const std::string& part);
Status parse_part(ZipArchive& zip, const ZipEntry& entry, pugi::xml_document& doc);
// Most text of one part held whole as a DOM (a DOM costs several times its text).
std::uint64_t dom_limit(const ZipLimits& limits);

Error xml_error(const std::string& file, const std::string& part, long line, const std::string& what);

}  // namespace bp::read
