// The look shared by every workbook boardpack writes: fonts, header and
// group-row formats, RAG colours, number formats and the page furniture.
#pragma once

#include <string>
#include <vector>

#include "model/records.hpp"
#include "xlsx/model.hpp"

namespace bp::render {

namespace colour {
inline constexpr const char* navy = "FF1F3864";
inline constexpr const char* white = "FFFFFFFF";
inline constexpr const char* grid = "FFBFBFBF";
inline constexpr const char* group = "FFD9E1F2";
inline constexpr const char* muted = "FF595959";
inline constexpr const char* input = "FFFFF2CC";
// RAG chips: fill, and the text drawn on it.
inline constexpr const char* blue = "FF0070C0";
inline constexpr const char* green = "FF00B050";
inline constexpr const char* amber = "FFFFC000";
inline constexpr const char* red = "FFC00000";
}  // namespace colour

// Number formats.
inline constexpr const char* k_fmt_percent = "0.0%";
inline constexpr const char* k_fmt_count = "#,##0";
inline constexpr const char* k_fmt_decimal = "#,##0.0";
inline constexpr const char* k_fmt_date = "dd/mm/yyyy";

// Formats registered once per workbook; body formats come in the number formats asked for.
struct HouseStyle {
    explicit HouseStyle(xlsx::StyleTable& styles);

    xlsx::XfId title, subtitle, heading, note, note_line, link, input;
    xlsx::XfId header, header_left;  // white on navy, wrapped
    xlsx::XfId group;                // group rows: bold on light blue
    xlsx::XfId total_label, total;   // bold with a rule above
    xlsx::XfId text, text_wrap, text_center, text_muted;
    xlsx::XfId date, date_overdue;
    std::vector<std::pair<std::string, xlsx::XfId>> header_rag;  // "Blue" -> header chip

    // Body cell (thin grid border, top-aligned) with a number format.
    xlsx::XfId body(const std::string& num_fmt, bool bold = false, const char* horizontal = "");
    // A measure's cells in its unit; `with_unit` spells the unit out in the format (the Current column).
    xlsx::XfId unit_format(model::Unit unit, bool bold = false, bool with_unit = false);
    xlsx::XfId header_chip(const char* fill, const char* font);

    // Strong fills for status and RAG cells, light ones for the value they rate.
    xlsx::DxfId blue, green, amber, red;
    xlsx::DxfId light_green, light_amber, light_red;
    xlsx::DxfId severity_error, severity_warning, severity_info;

    xlsx::StyleTable& styles;
};

// "Blue", "Green", "Amber", "Red"; empty for unrated.
std::string status_word(model::PlanStatus s);
// "Green", "Amber", "Red"; empty for none.
std::string rating_word(model::Rating r);

// Conditional formats colouring status words (Blue, Green, Amber, Red) in `ranges`.
xlsx::ConditionalFormat status_colours(const HouseStyle& hs, std::vector<CellRange> ranges, bool with_blue);
// A drop-down list of status words on `ranges`.
xlsx::DataValidation status_drop_down(std::vector<CellRange> ranges);

// A sheet with its title (row 1) and, if given, a subtitle (row 2).
xlsx::Worksheet titled_sheet(const HouseStyle& hs, std::string name, const std::string& title, const std::string& subtitle,
                       const char* tab_color = colour::navy, bool grid_lines = false);

// Page furniture: header with the workbook's title and the sheet name, footer with page X of Y.
void page_furniture(xlsx::Worksheet& ws, const std::string& title, const std::string& right_header);

// Ranges of consecutive rows in `rows` (sorted), spanning columns [first_col, last_col].
std::vector<CellRange> row_runs(const std::vector<std::uint32_t>& rows, std::uint32_t first_col, std::uint32_t last_col);

}  // namespace bp::render
