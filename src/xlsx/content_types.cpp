#include "xlsx/content_types.hpp"

#include "xlsx/xml.hpp"

namespace bp::xlsx {

namespace {
constexpr const char* k_ns_content_types = "http://schemas.openxmlformats.org/package/2006/content-types";
constexpr const char* k_sml = "application/vnd.openxmlformats-officedocument.spreadsheetml.";
}  // namespace

ContentTypes workbook_content_types(std::size_t sheet_count) {
    ContentTypes t;
    t.defaults = {{"rels", "application/vnd.openxmlformats-package.relationships+xml"}, {"xml", "application/xml"}};
    t.overrides.emplace_back("/xl/workbook.xml", std::string(k_sml) + "sheet.main+xml");
    for (std::size_t i = 1; i <= sheet_count; ++i)
        t.overrides.emplace_back("/xl/worksheets/sheet" + std::to_string(i) + ".xml",
                                 std::string(k_sml) + "worksheet+xml");
    t.overrides.emplace_back("/xl/styles.xml", std::string(k_sml) + "styles+xml");
    t.overrides.emplace_back("/xl/sharedStrings.xml", std::string(k_sml) + "sharedStrings+xml");
    t.overrides.emplace_back("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml");
    t.overrides.emplace_back("/docProps/app.xml",
                             "application/vnd.openxmlformats-officedocument.extended-properties+xml");
    return t;
}

void write_default(pugi::xml_node parent, const std::string& extension, const std::string& type) {
    auto d = parent.append_child("Default");
    attr(d, "Extension", extension);
    attr(d, "ContentType", type);
}

void write_override(pugi::xml_node parent, const std::string& part, const std::string& type) {
    auto o = parent.append_child("Override");
    attr(o, "PartName", part);
    attr(o, "ContentType", type);
}

void assemble_content_types(pugi::xml_document& doc, const ContentTypes& types) {
    auto root = start_part(doc, "Types", k_ns_content_types);
    for (const auto& [ext, type] : types.defaults) write_default(root, ext, type);
    for (const auto& [part, type] : types.overrides) write_override(root, part, type);
}

}  // namespace bp::xlsx
