// Return-to-sender: each team's own workbook back with its findings on it, as
// OUT/returns/<workbook name> - checked.xlsx. The team's package is edited,
// not rewritten (xlsx_edit): every cell with a finding highlighted and given a
// comment, and a first sheet "Checks" listing every finding with a link to its cell.
#pragma once

#include <string>
#include <vector>

#include "model/pack.hpp"
#include "util/result.hpp"
#include "xlsx_edit/annotate.hpp"

namespace bp::render {

inline constexpr const char* k_returns_folder = "returns";

// The inputs that get a checked copy: read, with at least one finding. In input order.
std::vector<std::string> inputs_to_return(const model::Pack& pack);

// "returns/plan-workforce - checked.xlsx" for ".../plan-workforce.xlsx" (the
// extension kept: a macro workbook stays .xlsm); `taken` are names already
// given in this pack, and a second input of the same name gets " (2)".
std::string checked_copy_name(const std::string& input_file, const std::vector<std::string>& taken);

// The notes and the Checks sheet for the findings of `input_file`.
xlsx_edit::Annotations return_annotations(const model::Pack& pack, const std::string& input_file);

// Writes the checked copy of `input_file` (read from `source_path`) to `dest`.
Result<xlsx_edit::Annotated> write_checked_copy(const model::Pack& pack, const std::string& input_file,
                                                const std::string& source_path, const std::string& dest);

}  // namespace bp::render
