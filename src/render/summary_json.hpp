// summary.json (SPEC 3.3): the machine-readable result, stable field names.
// Written as it is made, straight into the file (a JsonWriter, indented).
#pragma once

#include <nlohmann/json.hpp>

#include "model/pack.hpp"
#include "util/json_writer.hpp"
#include "util/result.hpp"

namespace bp::render {

struct OutputNames {
    std::string scorecard;  // empty if not written
    std::string report;
    struct Returned {
        std::string input;  // the workbook as the pack names it
        std::string file;   // its checked copy, relative to the output folder ("returns/… - checked.xlsx")
    };
    std::vector<Returned> returns;  // the checked copies written, in input order
};

// The document into j (JsonLayout::indented for summary.json's own layout).
void write_summary_json(JsonWriter& j, const model::Pack& pack, const OutputNames& outputs);
// summary.json at `path`, with its final line break.
Status write_summary_json(const model::Pack& pack, const OutputNames& outputs, const std::string& path);
// The same document as a value, for a caller that edits or embeds it.
nlohmann::ordered_json summary_json(const model::Pack& pack, const OutputNames& outputs);

void write_issues(JsonWriter& j, const model::Issues& issues);
// `returns`: the submission tracker (written only when the pack has a returns list).
void write_returns_tracker(JsonWriter& j, const model::ReturnsTracker& tracker);

// inputs[]: each workbook, its kind and status, and how each of its tables was read.
void write_inputs(JsonWriter& j, const std::vector<model::Input>& inputs);

}  // namespace bp::render
