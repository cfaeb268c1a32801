#include "recognise/workbook_scan.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "recognise/sheet_grid.hpp"
#include "recognise/table_layout.hpp"
#include "util/utf8.hpp"

namespace bp::recognise {
namespace {

using model::Issue;
using model::Severity;

void unreadable(WorkbookScan& scan, const Error& e) {
    scan.unreadable = true;
    std::string message = e.message;
    if (!e.where.part.empty() && e.where.sheet.empty())
        message = e.where.part + (e.where.line ? " line " + std::to_string(e.where.line) : "") + ": " + message;
    scan.issues.push_back(Issue{Severity::error, "unreadable-file", scan.file, e.where.sheet, e.where.cell, message});
}

// What the reader repaired or skipped, as findings.
void report_notes(const std::vector<read::ReadNote>& notes, WorkbookScan& scan) {
    for (const read::ReadNote& n : notes) {
        bool skipped = n.kind == read::ReadNote::Kind::skipped_sheet;
        scan.issues.push_back(Issue{skipped ? Severity::warning : Severity::info, skipped ? "sheet-skipped" : "invalid-text",
                                    scan.file, n.sheet, n.cell, n.message});
    }
}

std::string joined(const std::vector<std::string>& items, const char* last_sep) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i)
        out += (i == 0 ? "" : i + 1 == items.size() ? last_sep : ", ") + items[i];
    return out;
}

// "Sheet1 has Action and Lead columns but no status column".
std::string near_miss_text(const std::string& sheet, const NearMiss& n) {
    std::vector<std::string> found, missing;
    for (const auto& f : n.found) found.push_back(f);
    for (const auto& m : n.missing) missing.push_back(m);
    return fmt::format("{} has {} column{} but no {} column{}", sheet, joined(found, " and "), found.size() == 1 ? "" : "s",
                       joined(missing, " or "), missing.size() == 1 ? "" : "s");
}

model::TableMapping table_mapping(const SheetGrid& grid, const TableLayout& t) {
    model::TableMapping m;
    m.sheet = grid.sheet().info.name;
    m.kind = t.kind == TableKind::plan ? "plan" : "kpi";
    m.header_top = t.header_top + 1;
    m.header_bottom = t.header_bottom + 1;
    m.fingerprint = t.fingerprint;
    if (t.mapping) m.mapping_file = t.mapping->path;
    m.columns = t.roles;
    return m;
}

void scan_opened(read::Workbook& wb, WorkbookScan& scan, const ScanOptions& options) {
    const Vocabulary& vocab = *options.vocabulary;
    report_notes(wb.notes(), scan);
    std::optional<NearMiss> nearest;
    std::string near_sheet;
    for (std::size_t i = 0; i < wb.sheets().size(); ++i) {
        const read::SheetInfo& info = wb.sheets()[i];
        if (info.state != read::SheetState::visible || info.kind != read::SheetKind::worksheet) continue;
        auto sheet = wb.read_sheet(i);
        if (!sheet) {
            unreadable(scan, sheet.error());
            return;
        }
        report_notes(sheet->meta.notes, scan);
        SheetGrid grid(*sheet, wb.styles(), wb.date1904());
        // A formula that was never calculated has no value anywhere on the sheet;
        // reported after the table's own findings, which say more about cells in it.
        model::Issues uncalculated;
        for (const auto& c : sheet->cells)
            if (c.type == read::CellType::empty && c.has_formula())
                uncalculated.push_back(Issue{Severity::warning, "formula-no-value", scan.file, info.name, c.pos,
                                             "formula =" + std::string(utf8_prefix(c.formula, 60)) +
                                                 " has no saved value (the workbook was written by a program that does not "
                                                 "calculate): open it in Excel or LibreOffice and save it"});
        std::size_t before = scan.issues.size();
        std::optional<NearMiss> near;
        auto layout = find_table(grid, TableSearch{vocab, options.as_of, options.mappings, scan.file}, &near);
        if (!layout) {
            for (auto& u : uncalculated) scan.issues.push_back(std::move(u));
            if (near && (!nearest || near->score > nearest->score)) {
                nearest = near;
                near_sheet = info.name;
            }
            continue;
        }
        scan.tables.push_back(table_mapping(grid, *layout));
        // The table's own findings (two columns for one period ...) at their headings.
        for (const auto& p : layout->problems)
            scan.issues.push_back(Issue{p.severity, p.code, scan.file, info.name,
                                        p.cell, p.message});
        if (layout->kind == TableKind::plan) {
            scan.has_plan = true;
            extract_plan(grid, vocab, *layout, scan.file, scan.records, scan.issues);
        } else {
            scan.has_kpi = true;
            extract_kpis(grid, vocab, *layout, scan.file, scan.records, scan.issues);
        }
        for (auto& u : uncalculated) {
            bool reported = std::any_of(scan.issues.begin() + static_cast<std::ptrdiff_t>(before), scan.issues.end(),
                                        [&](const Issue& is) { return is.code == u.code && is.sheet == u.sheet && is.cell == u.cell; });
            if (!reported) scan.issues.push_back(std::move(u));
        }
    }
    if (!scan.has_plan && !scan.has_kpi) {
        if (nearest) {
            scan.near_miss = near_miss_text(near_sheet, *nearest);
            scan.near_fingerprint = nearest->fingerprint;
            scan.issues.push_back(Issue{Severity::error, "missing-column", scan.file, near_sheet, {},
                                        scan.near_miss + ": add the missing column with one of the usual headings (the "
                                                         "blank template from `boardpack template " +
                                            std::string(nearest->kind == TableKind::plan ? "plan" : "kpi") +
                                            "` shows them), or name it in a column mapping for layout " +
                                            nearest->fingerprint + " (docs/column-mappings.md)"});
        } else {
            scan.issues.push_back(Issue{Severity::error, "no-table", scan.file, {}, {},
                                        "no improvement plan or KPI table found on any visible sheet: a plan needs at least "
                                        "Action and Status columns, a KPI table Ref, Measure and Current columns"});
        }
    }
}

}  // namespace

WorkbookScan scan_workbook(const std::string& path, const std::string& label, const ScanOptions& options) {
    WorkbookScan scan;
    scan.file = repair_utf8(label);  // a file name that is not UTF-8 (Latin-1 on disk) is shown with U+FFFD
    auto wb = read::Workbook::open(path, options.limits, label);
    if (!wb) {
        unreadable(scan, wb.error());
        return scan;
    }
    scan_opened(*wb, scan, options);
    return scan;
}

WorkbookScan scan_workbook_bytes(std::string_view bytes, const std::string& label, const ScanOptions& options) {
    WorkbookScan scan;
    scan.file = repair_utf8(label);
    auto wb = read::Workbook::open_memory(bytes, label, options.limits);
    if (!wb) {
        unreadable(scan, wb.error());
        return scan;
    }
    scan_opened(*wb, scan, options);
    return scan;
}

}  // namespace bp::recognise
