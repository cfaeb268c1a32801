#include "render/xlsx/packager.hpp"

#include <zip.h>

#include <cstdio>
#include <set>

#include "render/xlsx/content_types.hpp"
#include "render/xlsx/doc_props.hpp"
#include "render/xlsx/relationships.hpp"
#include "render/xlsx/shared_strings.hpp"
#include "render/xlsx/styles.hpp"
#include "render/xlsx/workbook.hpp"
#include "render/xlsx/worksheet.hpp"
#include "render/xlsx/xml.hpp"

namespace bp::render::xlsx {

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

Status write_package(const std::vector<Part>& parts, std::time_t mtime, const std::string& path) {
    int err = 0;
    zip_t* za = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!za) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, err);
        std::string why = zip_error_strerror(&ze);
        zip_error_fini(&ze);
        return make_error(Errc::output, "cannot create the workbook: " + why, {path});
    }
    auto fail = [&](const std::string& what) -> Status {
        std::string why = zip_strerror(za);
        zip_discard(za);
        std::remove(path.c_str());
        return make_error(Errc::output, what + ": " + why, {path});
    };
    for (const auto& p : parts) {
        // The buffers outlive zip_close(), so libzip need not copy them.
        zip_source_t* src = zip_source_buffer(za, p.bytes.data(), p.bytes.size(), 0);
        if (!src) return fail("cannot add " + p.name);
        zip_int64_t idx = zip_file_add(za, p.name.c_str(), src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
        if (idx < 0) {
            zip_source_free(src);
            return fail("cannot add " + p.name);
        }
        auto i = static_cast<zip_uint64_t>(idx);
        if (zip_set_file_compression(za, i, ZIP_CM_DEFLATE, 6) < 0 ||
            (mtime > 0 && zip_file_set_mtime(za, i, mtime, 0) < 0))
            return fail("cannot set up " + p.name);
    }
    if (zip_close(za) < 0) return fail("cannot write the workbook (disk full or no permission?)");
    return Ok{};
}

Status write_workbook(const Workbook& wb, const std::string& path) {
    BP_ASSIGN_OR_RETURN(auto parts, build_parts(wb));
    return write_package(parts, wb.properties.created, path);
}

}  // namespace bp::render::xlsx
