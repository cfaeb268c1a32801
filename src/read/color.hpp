// Colours as Excel stores them (ARGB, indexed palette, theme slot + tint)
// resolved to one 0xRRGGBB value, so later layers can read a status given
// only as a cell's fill.
#pragma once

#include <pugixml.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bp::read {

using Rgb = std::uint32_t;  // 0xRRGGBB

// Theme slots in the order <color theme="n"> indexes them: lt1, dk1, lt2,
// dk2, accent1-6, hlink, folHlink (the theme part lists dk before lt).
using ThemeColors = std::array<Rgb, 12>;
ThemeColors default_theme_colors();  // Office 2013+ theme
ThemeColors parse_theme(const pugi::xml_node& theme_root);

// Excel's 64-colour legacy palette, or the workbook's own <indexedColors>.
std::vector<Rgb> default_palette();

// Lighten (tint > 0) or darken (tint < 0) in HLS space, as Excel does.
Rgb apply_tint(Rgb rgb, double tint);

// A CT_Color element (<fgColor rgb=.. | indexed=.. | theme=.. tint=..>).
std::optional<Rgb> resolve_color(const pugi::xml_node& color, const ThemeColors& theme,
                                 const std::vector<Rgb>& palette);

std::string rgb_hex(Rgb rgb);  // "#FFC000"
std::optional<Rgb> parse_hex_rgb(std::string_view text);  // "FFFFC000", "FFC000", "#FFC000"

}  // namespace bp::read
