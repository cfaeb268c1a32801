#include "recognise/workbook_scan.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "recognise/sheet_scan.hpp"
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

// A field as a team's heading would name it ("target_min" -> "Minimum target"), for the message.
std::string heading_words(std::string_view field) {
    static const std::pair<std::string_view, std::string_view> words[] = {
        {"ref", "Ref"}, {"section", "Section"}, {"action", "Action"}, {"lead", "Lead"}, {"due", "Due date"},
        {"status", "Status"}, {"progress", "Progress update"}, {"evidence", "Evidence"},
        {"title (performance measure)", "Measure"}, {"title", "Measure"}, {"group", "Group"},
        {"previous", "Previous value"}, {"numerator", "Numerator"}, {"denominator", "Denominator"},
        {"value (current)", "Current value"}, {"value", "Current value"}, {"period_type", "Period type"},
        {"target_min", "Minimum target"}, {"target_upper", "Upper target"}, {"target", "Target"},
        {"tolerance", "Tolerance"}, {"polarity", "Polarity"}, {"rag", "RAG"}, {"commentary", "Commentary"},
        {"trend", "monthly figures"}};
    for (const auto& [name, word] : words)
        if (name == field) return std::string(word);
    return std::string(field);
}

std::string as_named(std::string_view field) { return std::string(field); }

// "Sheet1 has action and lead columns but no status column" (summary.json's words), or with
// `name` = heading_words "... Action and Lead columns but no Status column" (a team's).
std::string near_miss_text(const std::string& sheet, const NearMiss& n, std::string (*name)(std::string_view) = as_named) {
    std::vector<std::string> found, missing;
    for (const auto& f : n.found) found.push_back(name(f));
    for (const auto& m : n.missing) missing.push_back(name(m));
    return fmt::format("{} has {} column{} but no {} column{}", sheet, joined(found, " and "), found.size() == 1 ? "" : "s",
                       joined(missing, " or "), missing.size() == 1 ? "" : "s");
}

model::TableMapping table_mapping(const std::string& sheet, const TableLayout& t) {
    model::TableMapping m;
    m.sheet = sheet;
    m.kind = t.kind == TableKind::plan ? "plan" : "kpi";
    m.header_top = t.header_top + 1;
    m.header_bottom = t.header_bottom + 1;
    m.fingerprint = t.fingerprint;
    if (t.mapping) m.mapping_file = t.mapping->path;
    m.columns = t.roles;
    return m;
}

void scan_opened(read::Workbook& wb, WorkbookScan& scan, const ScanOptions& options) {
    report_notes(wb.notes(), scan);
    std::optional<NearMiss> nearest;
    std::string near_sheet;
    const TableSearch search{*options.vocabulary, options.as_of, options.mappings, scan.file};
    for (std::size_t i = 0; i < wb.sheets().size(); ++i) {
        const read::SheetInfo& info = wb.sheets()[i];
        if (info.state != read::SheetState::visible || info.kind != read::SheetKind::worksheet) continue;
        auto sheet = scan_sheet(wb, i, scan.file, search);
        if (!sheet) {
            unreadable(scan, sheet.error());
            return;
        }
        report_notes(sheet->notes, scan);
        if (sheet->layout) {
            scan.tables.push_back(table_mapping(info.name, *sheet->layout));
            (sheet->layout->kind == TableKind::plan ? scan.has_plan : scan.has_kpi) = true;
        } else if (sheet->near && (!nearest || sheet->near->score > nearest->score)) {
            nearest = sheet->near;
            near_sheet = info.name;
        }
        scan.records.append(std::move(sheet->records));
        for (auto& is : sheet->issues) scan.issues.push_back(std::move(is));
    }
    if (!scan.has_plan && !scan.has_kpi) {
        if (nearest) {
            scan.near_miss = near_miss_text(near_sheet, *nearest);
            scan.near_fingerprint = nearest->fingerprint;
            scan.issues.push_back(Issue{Severity::error, "missing-column", scan.file, near_sheet, {},
                                        near_miss_text(near_sheet, *nearest, heading_words) +
                                            ": add the missing column with one of the usual headings (the "
                                                         "blank " +
                                            std::string(nearest->kind == TableKind::plan ? "plan" : "KPI") +
                                            " template shows them: download it from the boardpack page, or ask for it)",
                                        "a column mapping for layout " + nearest->fingerprint +
                                            " can name the column instead (docs/column-mappings.md); `boardpack template " +
                                            std::string(nearest->kind == TableKind::plan ? "plan" : "kpi") +
                                            "` writes the blank template"});
        } else {
            scan.issues.push_back(Issue{Severity::error, "no-table", scan.file, {}, {},
                                        "no improvement plan or KPI table found on any visible sheet: a plan needs at least "
                                        "Action and Status columns, a KPI table Ref, Measure and Current columns: start "
                                        "from the blank plan or KPI template (download it from the boardpack page, or ask for it)",
                                        "`boardpack template plan` or `boardpack template kpi` writes the blank templates"});
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
