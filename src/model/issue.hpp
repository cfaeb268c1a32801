// A validation finding: severity, a stable code, and the exact place.
#pragma once

#include <string>
#include <vector>

namespace bp::model {

enum class Severity { error, warning, info };
const char* severity_name(Severity s);

struct Issue {
    Severity severity = Severity::error;
    std::string code;     // stable, documented in docs/issue-codes.md
    std::string file;
    std::string sheet;    // empty for whole-file findings
    std::string cell;     // A1, or empty
    std::string message;  // what is wrong and how the team fixes it
};

using Issues = std::vector<Issue>;

}  // namespace bp::model
