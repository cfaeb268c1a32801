#include "xlsx/packager.hpp"

#include <set>

#include "xlsx/content_types.hpp"
#include "xlsx/doc_props.hpp"
#include "xlsx/relationships.hpp"
#include "xlsx/shared_strings.hpp"
#include "xlsx/styles.hpp"
#include "xlsx/workbook.hpp"
#include "xlsx/worksheet.hpp"
#include "xlsx/xml.hpp"
#include "util/zip_writer.hpp"

namespace bp::xlsx {

namespace {
constexpr std::size_t k_max_sheet_name = 31;

Status check_sheet_names(const Workbook& wb) {
    if (wb.sheets.empty()) return make_error(Errc::output, "a workbook needs at least one worksheet");
    std::set<std::string> seen;
    for (const auto& ws : wb.sheets) {
        if (ws.name.empty() || ws.name.size() > k_max_sheet_name)
            return make_error(Errc::output, "sheet name '" + ws.name + "' must have 1 to 31 characters (Excel's limit)");
        if (ws.name.find_first_of("[]:*?/\\") != std::string::npos || ws.name.front() == '\'' ||
            ws.name.back() == '\'')
            return make_error(Errc::output, "sheet name '" + ws.name + "' contains a character Excel does not allow");
        std::string lower;
        for (char c : ws.name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (!seen.insert(lower).second)
            return make_error(Errc::output, "two sheets are named '" + ws.name + "' (Excel ignores case)");
    }
    return Ok{};
}

template <class Fn>
Part make_part(std::string name, Fn&& assemble) {
    pugi::xml_document doc;
    assemble(doc);
    return Part{std::move(name), part_text(doc)};
}
}  // namespace

Result<std::vector<Part>> build_parts(const Workbook& wb) {
    BP_TRY(check_sheet_names(wb));
    const std::size_t n = wb.sheets.size();
    std::vector<Part> parts;
    parts.push_back(make_part("[Content_Types].xml", [&](auto& d) { assemble_content_types(d, workbook_content_types(n)); }));
    parts.push_back(make_part("_rels/.rels", [&](auto& d) {
        assemble_relationships(d, {{"rId1", k_rel_office_document, "xl/workbook.xml"},
                                   {"rId2", k_rel_core_properties, "docProps/core.xml"},
                                   {"rId3", k_rel_extended_properties, "docProps/app.xml"}});
    }));
    parts.push_back(make_part("docProps/app.xml", [&](auto& d) { assemble_app(d, wb); }));
    parts.push_back(make_part("docProps/core.xml", [&](auto& d) { assemble_core(d, wb.properties); }));
    parts.push_back(make_part("xl/workbook.xml", [&](auto& d) { assemble_workbook(d, wb); }));
    parts.push_back(make_part("xl/_rels/workbook.xml.rels", [&](auto& d) {
        std::vector<Relationship> rels;
        for (std::size_t i = 1; i <= n; ++i)
            rels.push_back({"rId" + std::to_string(i), k_rel_worksheet, "worksheets/sheet" + std::to_string(i) + ".xml"});
        rels.push_back({"rId" + std::to_string(n + 1), k_rel_styles, "styles.xml"});
        rels.push_back({"rId" + std::to_string(n + 2), k_rel_shared_strings, "sharedStrings.xml"});
        assemble_relationships(d, rels);
    }));
    SharedStrings strings;
    for (std::size_t i = 0; i < n; ++i) {
        const auto& ws = wb.sheets[i];
        std::string name = "sheet" + std::to_string(i + 1) + ".xml";
        parts.push_back(make_part("xl/worksheets/" + name,
                                  [&](auto& d) { assemble_worksheet(d, ws, i == wb.active_sheet, strings); }));
        auto links = external_links(ws);
        if (links.empty()) continue;
        parts.push_back(make_part("xl/worksheets/_rels/" + name + ".rels", [&](auto& d) {
            std::vector<Relationship> rels;
            for (std::size_t k = 0; k < links.size(); ++k)
                rels.push_back({"rId" + std::to_string(k + 1), k_rel_hyperlink, links[k], true});
            assemble_relationships(d, rels);
        }));
    }
    parts.push_back(make_part("xl/styles.xml", [&](auto& d) { assemble_styles(d, wb.styles); }));
    parts.push_back(make_part("xl/sharedStrings.xml", [&](auto& d) { assemble_shared_strings(d, strings); }));
    return parts;
}

Status write_package(std::vector<Part> parts, const std::string& path) {
    BP_ASSIGN_OR_RETURN(auto zip, ZipWriter::create(path));
    for (auto& p : parts) BP_TRY(zip.add_bytes(p.name, std::move(p.bytes)));
    return zip.close();
}

Status write_workbook(const Workbook& wb, const std::string& path) {
    BP_ASSIGN_OR_RETURN(auto parts, build_parts(wb));
    return write_package(std::move(parts), path);
}

}  // namespace bp::xlsx
