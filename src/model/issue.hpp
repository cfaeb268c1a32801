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
    std::string message;  // what is wrong and how the team fixes it
};

using Issues = std::vector<Issue>;

}  // namespace bp::model
