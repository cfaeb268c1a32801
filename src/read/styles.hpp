// xl/styles.xml: per cell format (xf) what the reader needs: the number
// format and its kind, the solid fill colour, bold text.
#pragma once

#include <pugixml.hpp>

#include <optional>
#include <string>
#include <vector>

#include "read/color.hpp"
#include "read/number_format.hpp"

namespace bp::read {

struct CellStyle {
    NumFmtKind kind = NumFmtKind::general;
    std::string format_code = "General";
    std::optional<Rgb> fill;  // solid pattern fills only
    bool bold = false;
};

class Styles {
public:
    Styles();  // one default style
    static Styles parse(const pugi::xml_node& style_sheet, const ThemeColors& theme);
    // Whether a solid fill names a theme colour: only then is the theme part worth reading.
    static bool uses_theme(const pugi::xml_node& style_sheet);
    // Out-of-range indexes fall back to the default style, as Excel does.
    const CellStyle& at(std::size_t xf) const { return xf < m_xfs.size() ? m_xfs[xf] : m_xfs[0]; }
    std::size_t size() const { return m_xfs.size(); }

private:
    std::vector<CellStyle> m_xfs;
};

}  // namespace bp::read
