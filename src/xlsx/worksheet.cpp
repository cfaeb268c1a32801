#include "xlsx/worksheet.hpp"

#include <charconv>

#include "xlsx/xml.hpp"

namespace bp::xlsx {

namespace {
constexpr const char* k_ns_x14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main";
constexpr const char* k_ns_xm = "http://schemas.microsoft.com/office/excel/2006/main";
constexpr const char* k_sparkline_ext_uri = "{05C60535-1F16-4fd2-B633-F4F36F0B64E0}";

bool fits_to_page(const PageSetup& p) { return p.fit_width || p.fit_height; }

const char* validation_type_name(ValidationType t) {
    switch (t) {
        case ValidationType::list: return "list";
        case ValidationType::date: return "date";
        case ValidationType::decimal: return "decimal";
        case ValidationType::whole: return "whole";
        case ValidationType::text_length: return "textLength";
    }
    return "none";
}

// <name rgb="argb"/>
void rgb_element(XmlWriter& x, std::string_view name, std::string_view argb) {
    x.start(name);
    x.attr("rgb", argb);
    x.end();
}

// <name ref="A1:B2"/>
void ref_element(XmlWriter& x, std::string_view name, const CellRange& range) {
    x.start(name);
    x.attr("ref", range_ref(range));
    x.end();
}
}  // namespace

void write_sheet_pr(XmlWriter& x, const Worksheet& ws) {
    if (ws.tab_color.empty() && !fits_to_page(ws.page)) return;
    x.start("sheetPr");
    if (!ws.tab_color.empty()) rgb_element(x, "tabColor", ws.tab_color);
    if (fits_to_page(ws.page)) {
        x.start("pageSetUpPr");
        x.attr_flag("fitToPage");
        x.end();
    }
    x.end();
}

void write_dimension(XmlWriter& x, const CellRange& used) { ref_element(x, "dimension", used); }

void write_sheet_views(XmlWriter& x, const Worksheet& ws, bool selected) {
    x.start("sheetViews");
    x.start("sheetView");
    if (!ws.show_grid_lines) x.attr("showGridLines", "0");
    if (selected) x.attr_flag("tabSelected");
    if (ws.zoom != 100) x.attr_uint("zoomScale", ws.zoom);
    x.attr("workbookViewId", "0");
    if (ws.freeze && (ws.freeze->row != 0 || ws.freeze->col != 0)) {
        CellPos f = *ws.freeze;
        std::string top_left = cell_ref(f);
        const char* active = f.row && f.col ? "bottomRight" : f.row ? "bottomLeft" : "topRight";
        x.start("pane");
        if (f.col) x.attr_uint("xSplit", f.col);
        if (f.row) x.attr_uint("ySplit", f.row);
        x.attr("topLeftCell", top_left);
        x.attr("activePane", active);
        x.attr("state", "frozen");
        x.end();
        auto selection = [&](const char* p, const std::string& cell) {
            x.start("selection");
            x.attr("pane", p);
            x.attr("activeCell", cell);
            x.attr("sqref", cell);
            x.end();
        };
        if (f.row && f.col) {
            selection("topRight", cell_ref(0, f.col));
            selection("bottomLeft", cell_ref(f.row, 0));
        }
        selection(active, top_left);
    }
    x.end();
    x.end();
}

void write_sheet_format_pr(XmlWriter& x) {
    x.start("sheetFormatPr");
    x.attr("defaultRowHeight", "15");
    x.end();
}

void write_cols(XmlWriter& x, const std::vector<Column>& cols) {
    if (cols.empty()) return;
    x.start("cols");
    for (const auto& c : cols) {
        x.start("col");
        x.attr_uint("min", c.first + 1);
        x.attr_uint("max", c.last + 1);
        x.attr_num("width", c.width);
        if (c.xf) x.attr_uint("style", *c.xf);
        x.attr_flag("customWidth");
        x.end();
    }
    x.end();
}

void write_cell(XmlWriter& x, CellPos pos, const Cell& cell, SharedStrings& strings) {
    x.start("c");
    x.attr_plain("r", CellRefText(pos).view());
    if (cell.xf) x.attr_uint("s", cell.xf);
    bool formula = !cell.formula.empty();
    switch (cell.type) {
        case CellType::string: x.attr_plain("t", formula ? "str" : "s"); break;
        case CellType::boolean: x.attr_plain("t", "b"); break;
        case CellType::number:
        case CellType::blank: break;
    }
    thread_local std::string changed;  // excel_text's copy, for the rare text it has to change
    if (formula) x.text_element("f", excel_text(cell.formula, changed));
    switch (cell.type) {
        case CellType::string:
            if (formula) {
                x.text_element("v", excel_text(cell.text, changed));
            } else {
                char index[16];
                auto end = std::to_chars(index, index + sizeof index, strings.index(excel_text(cell.text, changed))).ptr;
                x.plain_element("v", std::string_view(index, static_cast<std::size_t>(end - index)));
            }
            break;
        case CellType::number: {
            char number[k_max_number_chars];
            x.plain_element("v", std::string_view(number, static_cast<std::size_t>(format_number(number, cell.number) - number)));
            break;
        }
        case CellType::boolean: x.plain_element("v", cell.number != 0 ? "1" : "0"); break;
        case CellType::blank: break;
    }
    x.end();
}

void write_sheet_data(XmlWriter& x, const Worksheet& ws, SharedStrings& strings) {
    x.start("sheetData");
    for (const auto& [r, row] : ws.rows) {
        x.start("row");
        x.attr_uint("r", r + 1);
        if (row.height) {
            x.attr_num("ht", *row.height);
            x.attr_flag("customHeight");
        }
        for (const auto& [col, cell] : row.cells) write_cell(x, CellPos{r, col}, cell, strings);
        x.end();
    }
    x.end();
}

void write_auto_filter(XmlWriter& x, const CellRange& range) { ref_element(x, "autoFilter", range); }

void write_merge_cells(XmlWriter& x, const std::vector<CellRange>& merged) {
    if (merged.empty()) return;
    x.start("mergeCells");
    x.attr_uint("count", merged.size());
    for (const auto& m : merged) ref_element(x, "mergeCell", m);
    x.end();
}

void write_conditional_formatting(XmlWriter& x, const ConditionalFormat& cf, int& priority) {
    x.start("conditionalFormatting");
    x.attr("sqref", sqref(cf.ranges));
    for (const auto& rule : cf.rules) {
        x.start("cfRule");
        x.attr("type", rule.type == CfType::cell_is ? "cellIs" : "expression");
        x.attr_uint("dxfId", rule.dxf);
        x.attr_uint("priority", static_cast<std::uint64_t>(priority++));
        if (rule.stop) x.attr_flag("stopIfTrue");
        if (rule.type == CfType::cell_is) x.attr("operator", rule.op);
        x.text_element("formula", rule.formula);
        x.end();
    }
    x.end();
}

void write_data_validation(XmlWriter& x, const DataValidation& dv) {
    x.start("dataValidation");
    x.attr("type", validation_type_name(dv.type));
    if (!dv.error_style.empty()) x.attr("errorStyle", dv.error_style);
    if (!dv.op.empty() && dv.type != ValidationType::list) x.attr("operator", dv.op);
    if (dv.allow_blank) x.attr_flag("allowBlank");
    if (!dv.prompt.empty()) x.attr_flag("showInputMessage");
    x.attr_flag("showErrorMessage");
    // Excel repairs a file whose titles pass 32 characters, prompt 255 or message 225.
    if (!dv.error_title.empty()) x.attr("errorTitle", clip(dv.error_title, 32));
    if (!dv.error.empty()) x.attr("error", clip(dv.error, 225));
    if (!dv.prompt_title.empty()) x.attr("promptTitle", clip(dv.prompt_title, 32));
    if (!dv.prompt.empty()) x.attr("prompt", clip(dv.prompt, 255));
    x.attr("sqref", sqref(dv.ranges));
    if (!dv.formula1.empty()) x.text_element("formula1", dv.formula1);
    if (!dv.formula2.empty()) x.text_element("formula2", dv.formula2);
    x.end();
}

void write_data_validations(XmlWriter& x, const std::vector<DataValidation>& dvs) {
    if (dvs.empty()) return;
    x.start("dataValidations");
    x.attr_uint("count", dvs.size());
    for (const auto& dv : dvs) write_data_validation(x, dv);
    x.end();
}

std::vector<std::string> external_links(const Worksheet& ws) {
    std::vector<std::string> out;
    for (const auto& h : ws.hyperlinks)
        if (!h.url.empty()) out.push_back(h.url);
    return out;
}

void write_hyperlinks(XmlWriter& x, const std::vector<Hyperlink>& links) {
    if (links.empty()) return;
    x.start("hyperlinks");
    int rel = 0;
    for (const auto& h : links) {
        x.start("hyperlink");
        x.attr("ref", cell_ref(h.cell));
        if (!h.url.empty())
            x.attr("r:id", "rId" + std::to_string(++rel));
        else
            x.attr("location", h.location);
        if (!h.tooltip.empty()) x.attr("tooltip", h.tooltip);
        x.end();
    }
    x.end();
}

void write_print_options(XmlWriter& x, const PageSetup& page) {
    if (!page.center_horizontally) return;
    x.start("printOptions");
    x.attr_flag("horizontalCentered");
    x.end();
}

void write_page_margins(XmlWriter& x, const PageSetup& page) {
    x.start("pageMargins");
    x.attr_num("left", page.margin_left);
    x.attr_num("right", page.margin_right);
    x.attr_num("top", page.margin_top);
    x.attr_num("bottom", page.margin_bottom);
    x.attr_num("header", page.margin_header);
    x.attr_num("footer", page.margin_footer);
    x.end();
}

void write_page_setup(XmlWriter& x, const PageSetup& page) {
    x.start("pageSetup");
    x.attr_uint("paperSize", page.paper_size);
    if (fits_to_page(page)) {
        // fitToWidth/fitToHeight default to 1: 0 must be written to mean "as many as needed".
        x.attr_uint("fitToWidth", page.fit_width);
        x.attr_uint("fitToHeight", page.fit_height);
    }
    x.attr("orientation", page.landscape ? "landscape" : "portrait");
    x.end();
}

std::string header_text(const std::string& s) {
    std::string out;
    for (char c : s) {
        out += c;
        if (c == '&') out += '&';
    }
    return out;
}

void write_header_footer(XmlWriter& x, const std::string& header, const std::string& footer) {
    if (header.empty() && footer.empty()) return;
    x.start("headerFooter");
    // Excel's limit: 255 characters each.
    if (!header.empty()) x.text_element("oddHeader", clip(excel_text(header), 255));
    if (!footer.empty()) x.text_element("oddFooter", clip(excel_text(footer), 255));
    x.end();
}

void write_sparkline_group(XmlWriter& x, const SparklineGroup& group) {
    x.start("x14:sparklineGroup");
    if (group.line_weight != 0.75) x.attr_num("lineWeight", group.line_weight);
    x.attr("displayEmptyCellsAs", group.empty_cells);
    if (group.markers) x.attr_flag("markers");
    if (group.high) x.attr_flag("high");
    if (group.low) x.attr_flag("low");
    if (group.first) x.attr_flag("first");
    if (group.last) x.attr_flag("last");
    rgb_element(x, "x14:colorSeries", group.series_color);
    rgb_element(x, "x14:colorNegative", group.negative_color);
    rgb_element(x, "x14:colorAxis", "FF000000");
    rgb_element(x, "x14:colorMarkers", group.marker_color);
    rgb_element(x, "x14:colorFirst", group.first_color);
    rgb_element(x, "x14:colorLast", group.last_color);
    rgb_element(x, "x14:colorHigh", group.high_color);
    rgb_element(x, "x14:colorLow", group.low_color);
    x.start("x14:sparklines");
    for (const auto& s : group.sparklines) {
        x.start("x14:sparkline");
        x.text_element("xm:f", quote_sheet(s.sheet) + "!" + range_ref(s.data));
        x.text_element("xm:sqref", cell_ref(s.cell));
        x.end();
    }
    x.end();
    x.end();
}

void write_ext_lst(XmlWriter& x, const std::vector<SparklineGroup>& groups) {
    if (groups.empty()) return;
    x.start("extLst");
    x.start("ext");
    x.attr("uri", k_sparkline_ext_uri);
    x.attr("xmlns:x14", k_ns_x14);
    x.start("x14:sparklineGroups");
    x.attr("xmlns:xm", k_ns_xm);
    for (const auto& g : groups) write_sparkline_group(x, g);
    x.end();
    x.end();
    x.end();
}

void write_worksheet(XmlWriter& x, const Worksheet& ws, bool selected, SharedStrings& strings) {
    x.declaration();
    x.start("worksheet");
    x.attr("xmlns", k_ns_main);
    x.attr("xmlns:r", k_ns_rel);
    write_sheet_pr(x, ws);
    write_dimension(x, ws.used_range());
    write_sheet_views(x, ws, selected);
    write_sheet_format_pr(x);
    write_cols(x, ws.columns);
    write_sheet_data(x, ws, strings);
    if (ws.autofilter) write_auto_filter(x, *ws.autofilter);
    write_merge_cells(x, ws.merged);
    int priority = 1;
    for (const auto& cf : ws.conditional_formats) write_conditional_formatting(x, cf, priority);
    write_data_validations(x, ws.validations);
    write_hyperlinks(x, ws.hyperlinks);
    write_print_options(x, ws.page);
    write_page_margins(x, ws.page);
    write_page_setup(x, ws.page);
    write_header_footer(x, ws.header, ws.footer);
    write_ext_lst(x, ws.sparkline_groups);
    x.end();
}

}  // namespace bp::xlsx
