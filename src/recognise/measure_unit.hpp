// The unit a measure's title or heading names: "% of assessments in 45 days"
// is a percentage, "Rate of referrals per 10,000 children" a rate, "Average
// days from care to adoption" days, "Number of children in need" a count.
#pragma once

#include <optional>
#include <string_view>

#include "model/records.hpp"

namespace bp::recognise {

// nullopt when the words name no unit.
std::optional<model::Unit> unit_from_words(std::string_view text);

}  // namespace bp::recognise
