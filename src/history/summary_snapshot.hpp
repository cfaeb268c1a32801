// An earlier pack's summary.json read back as the pack to compare with
// (`build --previous FILE`): its report date, KPI period, actions and measures.
#pragma once

#include <string>
#include <string_view>

#include "model/snapshot.hpp"
#include "util/result.hpp"

namespace bp::history {

// Errors name the file and the field ("plan.actions[3].status: 'purple' is not a
// status ..."); a file that is not JSON, or JSON that boardpack did not write, is refused.
Result<model::PackSnapshot> read_summary_snapshot(const std::string& path);
Result<model::PackSnapshot> parse_summary_snapshot(std::string_view text, const std::string& path);

}  // namespace bp::history
