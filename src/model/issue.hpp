// A validation finding: severity, a stable code, and the exact place.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "util/cell_ref.hpp"

namespace bp::model {

enum class Severity { error, warning, info };
const char* severity_name(Severity s);

struct Issue {
    Severity severity = Severity::error;
    std::string code;     // stable, documented in docs/issue-codes.md
    std::string file;
    std::string sheet;    // empty for whole-file findings
    std::optional<CellPos> cell;  // the cell, when the finding is about one
    std::string a1() const { return cell ? cell_ref(*cell) : std::string{}; }  // "F7", or empty: for printing only
    std::string message;  // what is wrong and what the team does in its workbook: no paths, options or tools
    // For the performance officer only (a column mapping, a layout fingerprint, an
    // option): printed by the console and in summary.json, never shown to a team.
    std::string hint;
};

using Issues = std::vector<Issue>;

}  // namespace bp::model
