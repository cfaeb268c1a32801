// libFuzzer target for the reader. The first byte chooses what the rest is:
// even: a whole .xlsx file (zip, sniffing, package, every part);
// odd: the XML of a worksheet, wrapped in a minimal workbook, so mutations
// reach the row streamer and cell decoder instead of failing a CRC check.
// Every string the reader hands on (cells, formulas, names, notes, error
// messages) must be valid UTF-8: anything else traps.
#include <zip.h>

#include <cstdint>
#include <string>

#include "read/workbook.hpp"
#include "util/utf8.hpp"

namespace {

std::string minimal_workbook(const std::string& sheet_xml) {
    static const std::string types =
        R"(<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
        R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
        R"(<Default Extension="xml" ContentType="application/xml"/></Types>)";
    static const std::string root_rels =
        R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
        R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>)";
    static const std::string workbook =
        R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
        R"(<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>)";
    static const std::string wb_rels =
        R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
        R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>)"
        R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>)";
    static const std::string sst = R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>a</t></si><si><r><t>b</t></r></si></sst>)";

    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* out = zip_source_buffer_create(nullptr, 0, 0, &err);
    zip_source_keep(out);
    zip_t* za = zip_open_from_source(out, ZIP_TRUNCATE, &err);
    auto add = [za](const char* name, const std::string& s) {
        zip_file_add(za, name, zip_source_buffer(za, s.data(), s.size(), 0), 0);
    };
    add("[Content_Types].xml", types);
    add("_rels/.rels", root_rels);
    add("xl/workbook.xml", workbook);
    add("xl/_rels/workbook.xml.rels", wb_rels);
    add("xl/sharedStrings.xml", sst);
    add("xl/worksheets/sheet1.xml", sheet_xml);
    zip_close(za);
    std::string bytes;
    if (zip_source_open(out) == 0) {
        zip_source_seek(out, 0, SEEK_END);
        auto size = zip_source_tell(out);
        zip_source_seek(out, 0, SEEK_SET);
        bytes.resize(static_cast<std::size_t>(size));
        zip_source_read(out, bytes.data(), static_cast<zip_uint64_t>(size));
        zip_source_close(out);
    }
    zip_source_free(out);
    zip_error_fini(&err);
    return bytes;
}

void require_utf8(std::string_view s) {
    if (!bp::valid_utf8(s)) __builtin_trap();
}

void require_utf8(const std::vector<bp::read::ReadNote>& notes) {
    for (const auto& n : notes) {
        require_utf8(n.sheet);
        require_utf8(n.message);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    std::string rest(reinterpret_cast<const char*>(data + 1), size - 1);
    std::string bytes = (data[0] & 1) ? minimal_workbook(rest) : rest;
    bp::read::ReadLimits limits;
    limits.zip.max_entry_bytes = 64u << 20;
    limits.zip.max_total_bytes = 128u << 20;
    limits.max_cells = 200000;
    auto wb = bp::read::Workbook::open_memory(bytes, "fuzz.xlsx", limits);
    if (!wb) {
        require_utf8(bp::to_string(wb.error()));
        return 0;
    }
    require_utf8(wb->notes());
    for (std::size_t i = 0; i < wb->sheets().size(); ++i) {
        require_utf8(wb->sheets()[i].name);
        auto sheet = wb->read_sheet(i);
        if (!sheet) {
            require_utf8(bp::to_string(sheet.error()));
            continue;
        }
        for (const auto& c : sheet->cells) {
            require_utf8(c.text);
            require_utf8(c.formula);
        }
        require_utf8(sheet->meta.notes);
        for (const auto& t : sheet->meta.tables) {
            require_utf8(t.name);
            for (const auto& col : t.columns) require_utf8(col);
        }
    }
    return 0;
}
