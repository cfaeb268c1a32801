// The scorecard's Returns sheet: the submission tracker, one row per expected
// return (and per workbook nobody expected). Only for a pack with a returns list.
#pragma once

#include "model/pack.hpp"
#include "render/house_style.hpp"
#include "xlsx/model.hpp"

namespace bp::render {

xlsx::Worksheet returns_sheet(const model::Pack& pack, HouseStyle& hs);

}  // namespace bp::render
