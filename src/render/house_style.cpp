#include "render/house_style.hpp"

#include "xlsx/worksheet.hpp"

namespace bp::render {

using namespace bp::xlsx;

namespace {
Format base() {
    Format f;
    f.font.size = 10;
    return f;
}
Border grid() { return Border::all(BorderStyle::thin, colour::grid); }
}  // namespace

HouseStyle::HouseStyle(StyleTable& s) : styles(s) {
    Format f = base();
    f.font = Font{true, false, false, 16, colour::navy};
    title = s.add(f);
    f = base();
    f.font.color = colour::muted;
    subtitle = s.add(f);
    f = base();
    f.font = Font{true, false, false, 12, colour::navy};
    heading = s.add(f);
    f = base();
    f.font.italic = true;
    f.font.color = colour::muted;
    f.align = Alignment{"left", "top", true};
    note = s.add(f);
    f.align = Alignment{};
    note_line = s.add(f);
    f = base();
    f.font.underline = true;
    f.font.color = "FF0563C1";
    link = s.add(f);
    f = base();
    f.fill.color = colour::input;
    f.border = grid();
    input = s.add(f);

    f = base();
    f.font = Font{true, false, false, 10, colour::white};
    f.fill.color = colour::navy;
    f.border = Border::all(BorderStyle::thin, colour::white);
    f.align = Alignment{"center", "center", true};
    header = s.add(f);
    f.align.horizontal = "left";
    header_left = s.add(f);

    f = base();
    f.font.bold = true;
    f.font.color = colour::navy;
    f.fill.color = colour::group;
    f.border = grid();
    f.align.vertical = "center";
    group = s.add(f);

    f = base();
    f.font.bold = true;
    f.border = grid();
    f.border.top = BorderStyle::medium;
    f.border.bottom = BorderStyle::medium;
    total_label = s.add(f);
    f.align.horizontal = "center";
    f.num_fmt = k_fmt_count;
    total = s.add(f);

    text = body("");
    text_center = body("", false, "center");
    f = base();
    f.border = grid();
    f.align = Alignment{"left", "top", true};
    text_wrap = s.add(f);
    f.font.color = colour::muted;
    f.font.size = 9;
    text_muted = s.add(f);
    date = body(k_fmt_date, false, "center");
    f = base();
    f.border = grid();
    f.align = Alignment{"center", "top"};
    f.num_fmt = k_fmt_date;
    f.font.bold = true;
    f.font.color = colour::red;
    date_overdue = s.add(f);

    header_rag = {{"Blue", header_chip(colour::blue, colour::white)},
                  {"Green", header_chip(colour::green, colour::white)},
                  {"Amber", header_chip(colour::amber, "FF000000")},
                  {"Red", header_chip(colour::red, colour::white)}};

    blue = s.add(Dxf{colour::white, true, colour::blue});
    green = s.add(Dxf{colour::white, true, colour::green});
    amber = s.add(Dxf{"FF000000", true, colour::amber});
    red = s.add(Dxf{colour::white, true, colour::red});
    // Excel's own "light red fill with dark red text" family.
    light_green = s.add(Dxf{"FF006100", false, "FFC6EFCE"});
    light_amber = s.add(Dxf{"FF9C5700", false, "FFFFEB9C"});
    light_red = s.add(Dxf{"FF9C0006", false, "FFFFC7CE"});
    severity_error = s.add(Dxf{"FF9C0006", true, "FFFFC7CE"});
    severity_warning = light_amber;
    severity_info = s.add(Dxf{"FF1F4E78", false, "FFDDEBF7"});
}

XfId HouseStyle::body(const std::string& num_fmt, bool bold, const char* horizontal) {
    Format f = base();
    f.border = grid();
    f.font.bold = bold;
    f.align = Alignment{horizontal, "top"};
    f.num_fmt = num_fmt;
    return styles.add(f);
}

XfId HouseStyle::unit_format(model::Unit unit, bool bold, bool with_unit) {
    switch (unit) {
        case model::Unit::percent: return body(k_fmt_percent, bold, "center");
        case model::Unit::count: return body(k_fmt_count, bold, "center");
        case model::Unit::currency: return body("\"\xC2\xA3\"#,##0", bold, "center");
        case model::Unit::number: return body(k_fmt_decimal, bold, "center");
        default:
            // The value keeps its number; the format shows the unit ("426.3 per 10,000", "690.0 days").
            return body(with_unit ? std::string(k_fmt_decimal) + "\" " + model::unit_label(unit) + "\"" : k_fmt_decimal, bold,
                        "center");
    }
}

XfId HouseStyle::header_chip(const char* fill, const char* font) {
    Format f = base();
    f.font = Font{true, false, false, 10, font};
    f.fill.color = fill;
    f.border = Border::all(BorderStyle::thin, colour::white);
    f.align = Alignment{"center", "center", true};
    return styles.add(f);
}

std::string status_word(model::PlanStatus s) {
    switch (s) {
        case model::PlanStatus::blue: return "Blue";
        case model::PlanStatus::green: return "Green";
        case model::PlanStatus::amber: return "Amber";
        case model::PlanStatus::red: return "Red";
        case model::PlanStatus::unrated: break;
    }
    return {};
}

std::string rating_word(model::Rating r) {
    switch (r) {
        case model::Rating::green: return "Green";
        case model::Rating::amber: return "Amber";
        case model::Rating::red: return "Red";
        case model::Rating::none: break;
    }
    return {};
}

ConditionalFormat status_colours(const HouseStyle& hs, std::vector<CellRange> ranges, bool with_blue) {
    ConditionalFormat cf{std::move(ranges), {}};
    auto rule = [&](const char* word, DxfId dxf) {
        cf.rules.push_back(CfRule{CfType::cell_is, "equal", std::string("\"") + word + "\"", dxf});
    };
    if (with_blue) rule("Blue", hs.blue);
    rule("Green", hs.green);
    rule("Amber", hs.amber);
    rule("Red", hs.red);
    return cf;
}

DataValidation status_drop_down(std::vector<CellRange> ranges) {
    DataValidation dv;
    dv.ranges = std::move(ranges);
    dv.type = ValidationType::list;
    dv.formula1 = "\"Blue,Green,Amber,Red\"";
    dv.prompt_title = "Status";
    dv.prompt = model::status_legend();
    dv.error_title = "Not a status";
    dv.error = "Choose Blue, Green, Amber or Red from the list.";
    return dv;
}

Worksheet titled_sheet(const HouseStyle& hs, std::string name, const std::string& title, const std::string& subtitle,
                       const char* tab_color, bool grid_lines) {
    Worksheet ws;
    ws.name = std::move(name);
    ws.tab_color = tab_color ? tab_color : "";
    ws.show_grid_lines = grid_lines;
    ws.text(0, 0, title, hs.title);
    if (!subtitle.empty()) ws.text(1, 0, subtitle, hs.subtitle);
    return ws;
}

void page_furniture(Worksheet& ws, const std::string& title, const std::string& right_header) {
    ws.header = "&L&\"Calibri,Bold\"" + header_text(title) + "&C&A&R" + header_text(right_header);
    ws.footer = "&Lboardpack&CPage &P of &N&R&D";
}

std::vector<CellRange> row_runs(const std::vector<std::uint32_t>& rows, std::uint32_t first_col,
                                std::uint32_t last_col) {
    std::vector<CellRange> out;
    for (auto r : rows) {
        if (!out.empty() && out.back().last.row + 1 == r)
            out.back().last.row = r;
        else
            out.push_back(CellRange{{r, first_col}, {r, last_col}});
    }
    return out;
}

}  // namespace bp::render
