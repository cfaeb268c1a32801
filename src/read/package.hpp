// The OPC package: [Content_Types].xml and the .rels parts. Every part is
// found through relationships (or content types), never by an assumed path.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"
#include "util/zip.hpp"

namespace bp::read {

struct Relationship {
    std::string id;
    std::string type;    // full URI; compare with has_type()
    std::string target;  // resolved part name, no leading '/'; empty if external
};

// Transitional and Strict relationship URIs differ in their stem only.
inline bool has_type(const Relationship& r, std::string_view suffix) {
    return r.type.size() >= suffix.size() + 1 && r.type.compare(r.type.size() - suffix.size(), suffix.size(), suffix) == 0 &&
           r.type[r.type.size() - suffix.size() - 1] == '/';
}

// "xl/workbook.xml" + "worksheets/sheet1.xml" -> "xl/worksheets/sheet1.xml";
// absolute targets ("/xl/...") and "../" are honoured; %XX is decoded.
std::string resolve_target(std::string_view source_part, std::string_view target);

// The relationships of `part` (from its _rels/NAME.rels; none if absent).
Result<std::vector<Relationship>> read_relationships(ZipArchive& zip, std::string_view part);

// Content type of a part from [Content_Types].xml (Override, then Default by extension).
class ContentTypes {
public:
    static Result<ContentTypes> read(ZipArchive& zip);
    std::string type_of(std::string_view part) const;
    // First part whose override type contains `fragment`.
    std::string find_part(std::string_view fragment) const;

private:
    std::vector<std::pair<std::string, std::string>> m_overrides;  // part (lower case), type
    std::vector<std::pair<std::string, std::string>> m_defaults;   // extension (lower case), type
};

}  // namespace bp::read
