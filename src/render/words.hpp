// An input's kind and status in the words a reader uses ("Improvement plan",
// "Could not be read"), shared by the board report, the scorecard and the
// console, so no one sees summary.json's codes ("kpi", "warnings").
#pragma once

#include <string>

#include "model/pack.hpp"

namespace bp::render {

std::string in_words(model::InputKind k);
std::string in_words(model::InputStatus s);

}  // namespace bp::render
