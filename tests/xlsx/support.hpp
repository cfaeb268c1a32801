// Shared by the xlsx tests: the pack built from samples/ as the README's tables expect it.
#pragma once

#include <string>

#include "pipeline/pipeline.hpp"

namespace bp::test {

// samples/ consolidated with the report date the samples README uses (2026-11-21).
inline model::Pack sample_pack(const std::string& repo) {
    pipeline::Options opts;
    opts.as_of = CivilDate{2026, 11, 21};
    return pipeline::run(pipeline::gather_inputs({repo + "/samples"}), opts);
}

}  // namespace bp::test
