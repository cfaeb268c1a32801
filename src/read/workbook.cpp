#include "read/workbook.hpp"

#include <algorithm>
#include <fstream>
#include <mutex>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "read/package.hpp"
#include "read/sheet_reader.hpp"
#include "read/sniff.hpp"
#include "read/xml.hpp"
#include "util/utf8.hpp"

namespace bp::read {

std::string_view type_name(CellType t) {
    switch (t) {
        case CellType::empty: return "empty";
        case CellType::string: return "string";
        case CellType::number: return "number";
        case CellType::boolean: return "bool";
        case CellType::date: return "date";
        case CellType::error: return "error";
    }
    return "empty";
}

const char* state_name(SheetState s) {
    switch (s) {
        case SheetState::visible: return "visible";
        case SheetState::hidden: return "hidden";
        case SheetState::very_hidden: return "veryHidden";
    }
    return "visible";
}

bool SheetMeta::column_hidden(std::uint32_t col) const {
    return std::any_of(hidden_cols.begin(), hidden_cols.end(),
                       [col](const ColumnSpan& s) { return col >= s.first && col <= s.last; });
}

bool SheetMeta::row_hidden(std::uint32_t row) const {
    return std::find(hidden_rows.begin(), hidden_rows.end(), row) != hidden_rows.end();
}

const Cell* Sheet::find(CellPos pos) const {
    auto it = std::lower_bound(cells.begin(), cells.end(), pos, [](const Cell& c, CellPos p) {
        return c.pos.row != p.row ? c.pos.row < p.row : c.pos.col < p.col;
    });
    return it != cells.end() && it->pos == pos ? &*it : nullptr;
}

struct Workbook::Impl {
    std::string label;
    ReadLimits limits;
    std::string memory;  // the file's bytes when opened from memory (the zip reads from it)
    std::optional<ZipArchive> zip;
    std::string workbook_part;
    std::vector<SheetInfo> sheets;
    Styles styles;
    SharedStrings strings;
    bool date1904 = false;
    std::vector<ReadNote> notes;
    std::optional<ReadBudget> budget;  // from the moment the workbook is opened
};

Workbook::Workbook(std::unique_ptr<Impl> impl) : m(std::move(impl)) {}
Workbook::Workbook(Workbook&&) noexcept = default;
Workbook& Workbook::operator=(Workbook&&) noexcept = default;
Workbook::~Workbook() = default;

const std::string& Workbook::label() const { return m->label; }
const std::vector<SheetInfo>& Workbook::sheets() const { return m->sheets; }
bool Workbook::date1904() const { return m->date1904; }
const Styles& Workbook::styles() const { return m->styles; }
const std::vector<ReadNote>& Workbook::notes() const { return m->notes; }

std::optional<std::size_t> Workbook::find_sheet(std::string_view name) const {
    for (std::size_t i = 0; i < m->sheets.size(); ++i)
        if (m->sheets[i].name == name) return i;
    return std::nullopt;
}

namespace {
// Each batch of rows is parsed into a fresh pugixml DOM. glibc would hand the
// freed pages back to the kernel after every batch and fault them in again
// for the next (a third of the reading time in system calls); keeping up to
// 64 MiB of free heap costs nothing and removes that.
void keep_freed_heap() {
#ifdef __GLIBC__
    static std::once_flag once;
    std::call_once(once, [] { mallopt(M_TRIM_THRESHOLD, 64 << 20); });
#endif
}
}  // namespace

Result<Workbook> Workbook::open(const std::string& path, const ReadLimits& limits, std::string label) {
    keep_freed_heap();
    auto impl = std::make_unique<Impl>();
    impl->label = repair_utf8(label.empty() ? path : label);  // file names need not be UTF-8; messages must be
    impl->limits = limits;
    impl->budget.emplace(limits, impl->label);
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) return make_error(Errc::io, "cannot be opened: check the path and that the file is readable", {impl->label});
    auto size = static_cast<std::uint64_t>(in.tellg());
    if (size > limits.max_file_bytes)
        return make_error(Errc::too_large,
                          "is " + std::to_string(size >> 20) + " MiB, over the limit of " +
                              std::to_string(limits.max_file_bytes >> 20) + " MiB: raise it with --max-file-mb if the workbook is genuine",
                          {impl->label});
    in.seekg(0);
    char head[16] = {};
    in.read(head, sizeof head);
    BP_TRY(sniff_container(std::string_view(head, static_cast<std::size_t>(in.gcount())), {}, path, impl->label));
    BP_ASSIGN_OR_RETURN(ZipArchive zip, ZipArchive::open_file(path, impl->label, limits.zip));
    impl->zip.emplace(std::move(zip));
    return load(std::move(impl));
}

Result<Workbook> Workbook::open_memory(std::string_view bytes, const std::string& label, const ReadLimits& limits) {
    keep_freed_heap();
    auto impl = std::make_unique<Impl>();
    impl->label = repair_utf8(label);
    impl->limits = limits;
    impl->budget.emplace(limits, impl->label);
    if (bytes.size() > limits.max_file_bytes)
        return make_error(Errc::too_large,
                          "is " + std::to_string(bytes.size() >> 20) + " MiB, over the limit of " +
                              std::to_string(limits.max_file_bytes >> 20) + " MiB",
                          {label});
    BP_TRY(sniff_container(bytes.substr(0, 16), bytes, {}, label));
    impl->memory.assign(bytes);
    BP_ASSIGN_OR_RETURN(ZipArchive zip, ZipArchive::open_memory(impl->memory, label, limits.zip));
    impl->zip.emplace(std::move(zip));
    return load(std::move(impl));
}

namespace {

// The main part: the package's officeDocument relationship, else the
// content type of a spreadsheet main part.
Result<std::string> find_workbook_part(ZipArchive& zip, const ContentTypes& types) {
    BP_ASSIGN_OR_RETURN(std::vector<Relationship> root, read_relationships(zip, ""));
    for (const auto& r : root) {
        if (!has_type(r, "officeDocument") || r.target.empty() || !zip.find(r.target)) continue;
        std::string type = types.type_of(r.target);
        if (type.find("wordprocessingml") != std::string::npos || r.target.rfind("word/", 0) == 0)
            return make_error(Errc::missing_part, "is a Word document, not an Excel workbook: send the .xlsx instead", {zip.label()});
        if (type.find("sheet.binary") != std::string::npos || r.target.ends_with(".bin"))
            return make_error(Errc::missing_part,
                              "is an Excel Binary Workbook (.xlsb), which boardpack does not read: open it in Excel "
                              "and save it as .xlsx (Excel Workbook)",
                              {zip.label()});
        if (type.find("presentationml") != std::string::npos || r.target.rfind("ppt/", 0) == 0)
            return make_error(Errc::missing_part, "is a PowerPoint file, not an Excel workbook: send the .xlsx instead", {zip.label()});
        return r.target;
    }
    for (const char* ct : {"spreadsheetml.sheet.main+xml", "sheet.macroEnabled.main+xml", "spreadsheetml.template.main+xml",
                           "template.macroEnabledTemplate.main+xml"}) {
        std::string part = types.find_part(ct);
        if (!part.empty() && zip.find(part)) return part;
    }
    std::string what = "has no workbook part (no xl/workbook.xml or equivalent): it is not an Excel workbook";
    if (zip.find("word/document.xml")) what = "is a Word document, not an Excel workbook: send the .xlsx instead";
    else if (zip.find("ppt/presentation.xml")) what = "is a PowerPoint file, not an Excel workbook: send the .xlsx instead";
    else if (zip.find("content.xml") && zip.find("mimetype")) what = "is an OpenDocument file (.ods), not .xlsx: save it as .xlsx (Excel 2007-365)";
    else what += "; open it in Excel and save it as .xlsx";
    return make_error(Errc::missing_part, what, {zip.label()});
}

// A name from the workbook as valid UTF-8; `what` names it in the note when it was not.
std::string checked_name(std::string_view name, const std::string& sheet, const std::string& what,
                         std::vector<ReadNote>& notes) {
    if (valid_utf8(name)) return std::string(name);
    std::string repaired = repair_utf8(name);
    notes.push_back(ReadNote{ReadNote::Kind::invalid_text, sheet.empty() ? repaired : sheet, std::nullopt,
                             what + " contained bytes that are not valid text (replaced by \uFFFD): rename it in Excel"});
    return repaired;
}

SheetState parse_state(std::string_view s) {
    if (s == "hidden") return SheetState::hidden;
    if (s == "veryHidden") return SheetState::very_hidden;
    return SheetState::visible;
}

}  // namespace

Result<Workbook> Workbook::load(std::unique_ptr<Impl> impl) {
    ZipArchive& zip = *impl->zip;
    BP_ASSIGN_OR_RETURN(ContentTypes types, ContentTypes::read(zip));
    BP_ASSIGN_OR_RETURN(impl->workbook_part, find_workbook_part(zip, types));
    const std::string& wb_part = impl->workbook_part;

    pugi::xml_document wb;
    BP_TRY(parse_part(zip, *zip.find(wb_part), wb));
    pugi::xml_node root = wb.document_element();
    if (!is(root, "workbook"))
        return make_error(Errc::missing_part,
                          "has a main part " + wb_part + " that is not a workbook: open it in Excel and save it as .xlsx",
                          {impl->label});
    pugi::xml_attribute d1904 = child(root, "workbookPr").attribute("date1904");
    impl->date1904 = d1904 && (std::string_view(d1904.value()) == "1" || std::string_view(d1904.value()) == "true");

    BP_ASSIGN_OR_RETURN(std::vector<Relationship> rels, read_relationships(zip, wb_part));
    auto rel_by_id = [&rels](std::string_view id) -> const Relationship* {
        for (const auto& r : rels)
            if (r.id == id) return &r;
        return nullptr;
    };
    auto rel_by_type = [&rels, &zip](std::string_view type) -> const ZipEntry* {
        for (const auto& r : rels)
            if (has_type(r, type) && !r.target.empty())
                if (const ZipEntry* e = zip.find(r.target)) return e;
        return nullptr;
    };

    if (const ZipEntry* e = rel_by_type("styles")) {
        pugi::xml_document doc;
        BP_TRY(parse_part(zip, *e, doc));
        // The theme is read for the fills' colours, when a fill names one of them: most
        // workbooks' fills are plain RGB, and their theme part is the largest of the small ones.
        ThemeColors theme = default_theme_colors();
        if (Styles::uses_theme(doc.document_element()))
            if (const ZipEntry* t = rel_by_type("theme")) {
                pugi::xml_document theme_doc;
                BP_TRY(parse_part(zip, *t, theme_doc));
                theme = parse_theme(theme_doc.document_element());
            }
        impl->styles = Styles::parse(doc.document_element(), theme);
    }
    if (const ZipEntry* e = rel_by_type("sharedStrings")) {
        BP_ASSIGN_OR_RETURN(impl->strings, SharedStrings::read(zip, *e, *impl->budget));
    }

    for (pugi::xml_node s : child(root, "sheets").children()) {
        if (!is(s, "sheet")) continue;
        SheetInfo info;
        info.name = checked_name(s.attribute("name").value(), {}, "the name of this sheet", impl->notes);
        info.state = parse_state(s.attribute("state").value());
        std::string_view rel_id = prefixed_attr(s, "id").value();
        if (rel_id.empty()) {
            // Excel 4 macro sheets and VBA modules of old workbooks are listed
            // with r:id="": there is no part to read. Other readers skip them too.
            impl->notes.push_back(ReadNote{ReadNote::Kind::skipped_sheet, info.name, std::nullopt,
                                           "the workbook lists this sheet without a part to read (an old macro or "
                                           "module sheet?): it was skipped"});
            continue;
        }
        if (const Relationship* r = rel_by_id(rel_id)) {
            info.part = zip.find(r->target) ? r->target : std::string{};
            info.kind = has_type(*r, "worksheet") ? SheetKind::worksheet
                        : has_type(*r, "chartsheet") ? SheetKind::chartsheet
                                                      : SheetKind::other;
        }
        impl->sheets.push_back(std::move(info));
    }
    if (impl->sheets.empty())
        return make_error(Errc::missing_part, "has no sheets: open it in Excel and save it again", {impl->label, wb_part});
    return Workbook(std::move(impl));
}

Result<SheetMeta> Workbook::stream_sheet(std::size_t index, const RowFn& on_row) {
    const SheetInfo& info = m->sheets.at(index);
    if (info.kind != SheetKind::worksheet) return SheetMeta{};
    const ZipEntry* entry = info.part.empty() ? nullptr : m->zip->find(info.part);
    if (!entry)
        return make_error(Errc::missing_part,
                          "the workbook lists this sheet but its part is missing: the file is damaged; open it in "
                          "Excel and save it again",
                          {m->label, info.part, info.name});
    SheetContext ctx{m->strings, m->styles, m->date1904, m->label, info.name, *m->budget};
    BP_ASSIGN_OR_RETURN(SheetMeta meta, read_worksheet(*m->zip, *entry, ctx, on_row));

    BP_ASSIGN_OR_RETURN(std::vector<Relationship> rels, read_relationships(*m->zip, info.part));
    for (const auto& r : rels) {
        if (!has_type(r, "table") || r.target.empty()) continue;
        const ZipEntry* te = m->zip->find(r.target);
        if (!te) continue;
        pugi::xml_document doc;
        BP_TRY(parse_part(*m->zip, *te, doc));
        pugi::xml_node t = doc.document_element();
        auto ref = parse_range(t.attribute("ref").value());
        if (!ref) continue;
        TableInfo table;
        table.name = checked_name(t.attribute("displayName") ? t.attribute("displayName").value() : t.attribute("name").value(),
                                  info.name, "the name of a table on this sheet", meta.notes);
        table.ref = *ref;
        table.header_rows = t.attribute("headerRowCount").as_uint(1);
        for (pugi::xml_node c : child(t, "tableColumns").children())
            if (is(c, "tableColumn"))
                table.columns.push_back(checked_name(c.attribute("name").value(), info.name,
                                                     "a column name of table " + table.name, meta.notes));
        meta.tables.push_back(std::move(table));
    }
    return meta;
}

Status Workbook::count_cells(std::uint64_t count, const std::string& sheet) { return m->budget->add_cells(count, sheet); }

Result<Sheet> Workbook::read_sheet(std::size_t index, bool count) {
    Sheet sheet;
    sheet.info = m->sheets.at(index);
    bool sorted = true;
    BP_ASSIGN_OR_RETURN(sheet.meta, stream_sheet(index, [&](const RowView& row) -> Status {
        if (count) BP_TRY(m->budget->add_cells(row.cells.size(), sheet.info.name));
        for (const CellView& v : row.cells) {
            if (!sheet.cells.empty()) {
                const CellPos& p = sheet.cells.back().pos;
                if (v.pos.row < p.row || (v.pos.row == p.row && v.pos.col <= p.col)) sorted = false;
            }
            sheet.cells.emplace_back(v);
        }
        return Ok{};
    }));
    if (!sorted) {
        // Writers may emit rows or cells out of order; Excel sorts them, and a later duplicate wins.
        std::stable_sort(sheet.cells.begin(), sheet.cells.end(), [](const Cell& a, const Cell& b) {
            return a.pos.row != b.pos.row ? a.pos.row < b.pos.row : a.pos.col < b.pos.col;
        });
        std::vector<Cell> unique;
        for (auto& c : sheet.cells) {
            if (!unique.empty() && unique.back().pos == c.pos) unique.back() = std::move(c);
            else unique.push_back(std::move(c));
        }
        sheet.cells = std::move(unique);
    }
    return sheet;
}

}  // namespace bp::read
