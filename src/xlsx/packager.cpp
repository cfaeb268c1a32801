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
#include "xlsx/xml_writer.hpp"
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

// A part built as a pugixml document (the small ones).
template <class Fn>
Status document_part(PackageSink& out, const std::string& name, Fn&& assemble) {
    BP_TRY(out.begin_part(name));
    pugi::xml_document doc;
    assemble(doc);
    out.bytes().write(part_text(doc));
    return Ok{};
}

// A part streamed as it is made (the ones that grow with the data).
template <class Fn>
Status streamed_part(PackageSink& out, const std::string& name, Fn&& write) {
    BP_TRY(out.begin_part(name));
    XmlWriter x(out.bytes());
    write(x);
    return Ok{};
}

class ZipPackage : public PackageSink {
public:
    explicit ZipPackage(ZipWriter& zip) : m_zip(zip) {}
    Status begin_part(const std::string& name) override { return m_zip.begin_entry(name); }
    ByteSink& bytes() override { return m_zip.entry(); }

private:
    ZipWriter& m_zip;
};

class PartList : public PackageSink {
public:
    Status begin_part(const std::string& name) override {
        flush();
        m_name = name;
        return Ok{};
    }
    ByteSink& bytes() override { return m_bytes; }
    std::vector<Part> take() {
        flush();
        return std::move(m_parts);
    }

private:
    void flush() {
        if (!m_name.empty()) m_parts.push_back({std::move(m_name), std::move(m_bytes.text)});
        m_name.clear();
        m_bytes.text.clear();
    }
    std::string m_name;
    StringSink m_bytes;
    std::vector<Part> m_parts;
};
}  // namespace

Status write_parts(const Workbook& wb, PackageSink& out) {
    BP_TRY(check_sheet_names(wb));
    const std::size_t n = wb.sheets.size();
    BP_TRY(document_part(out, "[Content_Types].xml", [&](auto& d) { assemble_content_types(d, workbook_content_types(n)); }));
    BP_TRY(document_part(out, "_rels/.rels", [&](auto& d) {
        assemble_relationships(d, {{"rId1", k_rel_office_document, "xl/workbook.xml"},
                                   {"rId2", k_rel_core_properties, "docProps/core.xml"},
                                   {"rId3", k_rel_extended_properties, "docProps/app.xml"}});
    }));
    BP_TRY(document_part(out, "docProps/app.xml", [&](auto& d) { assemble_app(d, wb); }));
    BP_TRY(document_part(out, "docProps/core.xml", [&](auto& d) { assemble_core(d, wb.properties); }));
    BP_TRY(document_part(out, "xl/workbook.xml", [&](auto& d) { assemble_workbook(d, wb); }));
    BP_TRY(document_part(out, "xl/_rels/workbook.xml.rels", [&](auto& d) {
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
        BP_TRY(streamed_part(out, "xl/worksheets/" + name,
                             [&](XmlWriter& x) { write_worksheet(x, ws, i == wb.active_sheet, strings); }));
        auto links = external_links(ws);
        if (links.empty()) continue;
        BP_TRY(document_part(out, "xl/worksheets/_rels/" + name + ".rels", [&](auto& d) {
            std::vector<Relationship> rels;
            for (std::size_t k = 0; k < links.size(); ++k)
                rels.push_back({"rId" + std::to_string(k + 1), k_rel_hyperlink, links[k], true});
            assemble_relationships(d, rels);
        }));
    }
    BP_TRY(document_part(out, "xl/styles.xml", [&](auto& d) { assemble_styles(d, wb.styles); }));
    return streamed_part(out, "xl/sharedStrings.xml", [&](XmlWriter& x) { write_shared_strings(x, strings); });
}

Result<std::vector<Part>> build_parts(const Workbook& wb) {
    PartList parts;
    BP_TRY(write_parts(wb, parts));
    return parts.take();
}

Status write_workbook(const Workbook& wb, const std::string& path) {
    BP_ASSIGN_OR_RETURN(auto zip, ZipWriter::create(path));
    ZipPackage package(zip);
    BP_TRY(write_parts(wb, package));
    return zip.close();
}

}  // namespace bp::xlsx
