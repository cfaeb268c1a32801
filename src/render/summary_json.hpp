// summary.json (SPEC 3.3): the machine-readable result, stable field names.
#pragma once

#include <nlohmann/json.hpp>

#include "model/pack.hpp"

namespace bp::render {

struct OutputNames {
    std::string scorecard;  // empty if not written
    std::string report;
};

nlohmann::ordered_json summary_json(const model::Pack& pack, const OutputNames& outputs);
nlohmann::ordered_json issues_json(const model::Issues& issues);
// inputs[]: each workbook, its kind and status, and how each of its tables was read.
nlohmann::ordered_json inputs_json(const std::vector<model::Input>& inputs);

}  // namespace bp::render
