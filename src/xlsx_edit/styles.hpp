// Extra cell formats in a workbook's styles part (xl/styles.xml): a cell
// format cloned with another fill, so a highlighted cell keeps its number
// format, font, border and alignment; and plain formats for added sheets.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include <pugixml.hpp>

#include "util/result.hpp"
#include "xlsx_edit/package.hpp"

namespace bp::xlsx_edit {

class StyleEditor {
public:
    // The workbook's styles part, made (with the formats every workbook needs) when it has none.
    static Result<StyleEditor> open(Package& package, const std::string& workbook_part);

    // The cell format `xf` (an index into cellXfs) with a solid fill of `argb` ("FFFFEB9C").
    std::uint32_t with_fill(std::uint32_t xf, const std::string& argb);
    // A new cell format on the default one with a font: bold, or a hyperlink's (blue, underlined).
    std::uint32_t bold();
    std::uint32_t hyperlink();
    // A format with wrapped text (for long messages).
    std::uint32_t wrapped();

private:
    explicit StyleEditor(pugi::xml_node style_sheet) : m_root(style_sheet) {}
    pugi::xml_node list(const char* name);
    std::uint32_t add_font(bool bold, const char* argb, bool underline);
    std::uint32_t add_xf(pugi::xml_node like);
    pugi::xml_node xf_at(std::uint32_t index);

    pugi::xml_node m_root;
    std::map<std::pair<std::uint32_t, std::string>, std::uint32_t> m_filled;  // (xf, colour) -> clone
    std::map<std::string, std::uint32_t> m_fills;                           // colour -> fill index
    std::map<std::string, std::uint32_t> m_made;                            // "bold", ... -> xf
};

}  // namespace bp::xlsx_edit
