// xl/styles.xml: number formats, fonts, fills, borders, cell formats (xf),
// the Normal cell style and the differential formats of conditional formatting.
#pragma once

#include <string>
#include <vector>

#include <pugixml.hpp>

#include "xlsx/model.hpp"

namespace bp::xlsx {

// Excel's built-in id for a format code ("0%" -> 9), or -1.
int builtin_num_fmt_id(const std::string& code);

// The tables styles.xml lists, each entry once, in first-use order.
struct StyleParts {
    std::vector<std::pair<int, std::string>> num_fmts;  // custom formats, ids from 164
    std::vector<Font> fonts;
    std::vector<Fill> fills;  // [0] none and [1] gray125 are Excel's reserved pair
    std::vector<Border> borders;
    struct Xf {
        int num_fmt = 0;
        std::size_t font = 0, fill = 0, border = 0;
        Alignment align;
    };
    std::vector<Xf> xfs;
};
StyleParts collect_style_parts(const StyleTable& styles);

void write_num_fmt(pugi::xml_node parent, int id, const std::string& code);  // <numFmt>
void write_color(pugi::xml_node parent, const char* name, const std::string& argb);
void write_font(pugi::xml_node parent, const Font& font);                    // <font>
void write_fill(pugi::xml_node parent, const Fill& fill);                    // <fill>, solid
void write_pattern_fill(pugi::xml_node parent, const char* pattern);         // <fill> none / gray125
void write_border(pugi::xml_node parent, const Border& border);              // <border>
void write_alignment(pugi::xml_node parent, const Alignment& align);         // <alignment>
void write_xf(pugi::xml_node parent, const StyleParts::Xf& xf);              // <xf> in cellXfs
void write_dxf(pugi::xml_node parent, const Dxf& dxf);                       // <dxf>

// The whole part.
void assemble_styles(pugi::xml_document& doc, const StyleTable& styles);

}  // namespace bp::xlsx
