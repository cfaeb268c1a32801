// One team workbook from file to records: open it, find the plan and KPI
// tables on its visible sheets, extract their rows, note every finding.
#pragma once

#include <optional>
#include <string>

#include "model/issue.hpp"
#include "read/workbook.hpp"
#include "recognise/extract.hpp"

namespace bp::recognise {

struct WorkbookScan {
    std::string file;
    bool unreadable = false;
    bool has_plan = false, has_kpi = false;
    Extracted records;
    model::Issues issues;
    const char* kind() const {
        return unreadable ? "unrecognised" : has_plan && has_kpi ? "mixed" : has_plan ? "plan" : has_kpi ? "kpi" : "unrecognised";
    }
};

WorkbookScan scan_workbook(const std::string& path, const std::string& label, const Vocabulary& vocab,
                           const read::ReadLimits& limits);
// The same for a workbook already in memory (uploads).
WorkbookScan scan_workbook_bytes(std::string_view bytes, const std::string& label, const Vocabulary& vocab,
                                 const read::ReadLimits& limits);

}  // namespace bp::recognise
