// One team workbook from file to records: open it, find the plan and KPI
// tables on its visible sheets, extract their rows, note every finding.
#pragma once

#include <optional>
#include <string>

#include "model/issue.hpp"
#include "model/pack.hpp"
#include "model/table_mapping.hpp"
#include "read/workbook.hpp"
#include "recognise/column_mapping.hpp"
#include "recognise/extract.hpp"

namespace bp::recognise {

struct ScanOptions {
    const Vocabulary* vocabulary = nullptr;
    CivilDate as_of;  // the report date: periods after it are not the report's own
    read::ReadLimits limits;
    const ColumnMappings* mappings = nullptr;  // a user's corrections of how tables are read
};

struct WorkbookScan {
    std::string file;
    bool unreadable = false;
    bool has_plan = false, has_kpi = false;
    Extracted records;
    model::Issues issues;
    std::vector<model::TableMapping> tables;  // how each table found was read
    std::string near_miss;                    // with no table: the closest thing to one ("Sheet1 has ...")
    std::string near_fingerprint;             // its heading row's fingerprint, for a column mapping
    model::FileFacts facts;                   // size, checksum and time of the file read
    model::InputKind kind() const {
        using model::InputKind;
        return unreadable ? InputKind::unrecognised
               : has_plan && has_kpi ? InputKind::mixed
               : has_plan ? InputKind::plan
               : has_kpi  ? InputKind::kpi
                          : InputKind::unrecognised;
    }
};

WorkbookScan scan_workbook(const std::string& path, const std::string& label, const ScanOptions& options);
// The same for a workbook already in memory (uploads).
WorkbookScan scan_workbook_bytes(std::string_view bytes, const std::string& label, const ScanOptions& options);

}  // namespace bp::recognise
