#include "xlsx/doc_props.hpp"
#include "xlsx/xml.hpp"

#include <fmt/format.h>

namespace bp::xlsx {

namespace {
constexpr const char* k_ns_cp = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
}  // namespace

std::string w3cdtf(std::time_t t) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                       tm.tm_hour, tm.tm_min, tm.tm_sec);
}

void write_core_date(pugi::xml_node root, const char* name, std::time_t t) {
    auto d = text_element(root, name, w3cdtf(t));
    attr(d, "xsi:type", "dcterms:W3CDTF");
}

void assemble_core(pugi::xml_document& doc, const DocProperties& props) {
    auto root = start_part(doc, "cp:coreProperties", nullptr);
    attr(root, "xmlns:cp", k_ns_cp);
    attr(root, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
    attr(root, "xmlns:dcterms", "http://purl.org/dc/terms/");
    attr(root, "xmlns:dcmitype", "http://purl.org/dc/dcmitype/");
    attr(root, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
    auto optional = [&](const char* name, const std::string& value) {
        if (!value.empty()) text_element(root, name, excel_text(value));
    };
    optional("dc:title", props.title);
    optional("dc:subject", props.subject);
    optional("dc:creator", props.creator);
    optional("cp:keywords", props.keywords);
    optional("dc:description", props.description);
    optional("cp:lastModifiedBy", props.creator);
    write_core_date(root, "dcterms:created", props.created);
    write_core_date(root, "dcterms:modified", props.created);
    optional("cp:category", props.category);
}

}  // namespace bp::xlsx
