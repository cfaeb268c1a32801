#include "xlsx/worksheet.hpp"

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
}  // namespace

void write_sheet_pr(pugi::xml_node root, const Worksheet& ws) {
    if (ws.tab_color.empty() && !fits_to_page(ws.page)) return;
    auto pr = root.append_child("sheetPr");
    if (!ws.tab_color.empty()) attr(pr.append_child("tabColor"), "rgb", ws.tab_color);
    if (fits_to_page(ws.page)) attr_flag(pr.append_child("pageSetUpPr"), "fitToPage");
}

void write_dimension(pugi::xml_node root, const CellRange& used) {
    attr(root.append_child("dimension"), "ref", range_ref(used));
}

void write_sheet_views(pugi::xml_node root, const Worksheet& ws, bool selected) {
    auto view = root.append_child("sheetViews").append_child("sheetView");
    if (!ws.show_grid_lines) attr(view, "showGridLines", "0");
    if (selected) attr_flag(view, "tabSelected");
    if (ws.zoom != 100) attr_num(view, "zoomScale", ws.zoom);
    attr(view, "workbookViewId", "0");
    if (!ws.freeze || (ws.freeze->row == 0 && ws.freeze->col == 0)) return;
    CellPos f = *ws.freeze;
    std::string top_left = cell_ref(f);
    const char* active = f.row && f.col ? "bottomRight" : f.row ? "bottomLeft" : "topRight";
    auto pane = view.append_child("pane");
    if (f.col) attr_num(pane, "xSplit", f.col);
    if (f.row) attr_num(pane, "ySplit", f.row);
    attr(pane, "topLeftCell", top_left);
    attr(pane, "activePane", active);
    attr(pane, "state", "frozen");
    auto selection = [&](const char* p, const std::string& cell) {
        auto s = view.append_child("selection");
        attr(s, "pane", p);
        attr(s, "activeCell", cell);
        attr(s, "sqref", cell);
    };
    if (f.row && f.col) {
        selection("topRight", cell_ref(0, f.col));
        selection("bottomLeft", cell_ref(f.row, 0));
    }
    selection(active, top_left);
}

void write_sheet_format_pr(pugi::xml_node root) { attr(root.append_child("sheetFormatPr"), "defaultRowHeight", "15"); }

void write_cols(pugi::xml_node root, const std::vector<Column>& cols) {
    if (cols.empty()) return;
    auto node = root.append_child("cols");
    for (const auto& c : cols) {
        auto col = node.append_child("col");
        attr_num(col, "min", c.first + 1);
        attr_num(col, "max", c.last + 1);
        attr_num(col, "width", c.width);
        if (c.xf) attr_num(col, "style", *c.xf);
        attr_flag(col, "customWidth");
    }
}

void write_cell(pugi::xml_node row, CellPos pos, const Cell& cell, SharedStrings& strings) {
    auto c = row.append_child("c");
    attr(c, "r", cell_ref(pos));
    if (cell.xf) attr_num(c, "s", cell.xf);
    bool formula = !cell.formula.empty();
    switch (cell.type) {
        case CellType::string: attr(c, "t", formula ? "str" : "s"); break;
        case CellType::boolean: attr(c, "t", "b"); break;
        case CellType::number:
        case CellType::blank: break;
    }
    if (formula) text_element(c, "f", excel_text(cell.formula));
    switch (cell.type) {
        case CellType::string:
            if (formula)
                text_element(c, "v", excel_text(cell.text));
            else
                text_element(c, "v", std::to_string(strings.index(excel_text(cell.text))));
            break;
        case CellType::number: text_element(c, "v", format_number(cell.number)); break;
        case CellType::boolean: text_element(c, "v", cell.number != 0 ? "1" : "0"); break;
        case CellType::blank: break;
    }
}

void write_sheet_data(pugi::xml_node root, const Worksheet& ws, SharedStrings& strings) {
    auto data = root.append_child("sheetData");
    for (const auto& [r, row] : ws.rows) {
        auto node = data.append_child("row");
        attr_num(node, "r", r + 1);
        if (row.height) {
            attr_num(node, "ht", *row.height);
            attr_flag(node, "customHeight");
        }
        for (const auto& [col, cell] : row.cells) write_cell(node, CellPos{r, col}, cell, strings);
    }
}

void write_auto_filter(pugi::xml_node root, const CellRange& range) {
    attr(root.append_child("autoFilter"), "ref", range_ref(range));
}

void write_merge_cells(pugi::xml_node root, const std::vector<CellRange>& merged) {
    if (merged.empty()) return;
    auto node = counted_element(root, "mergeCells", merged.size());
    for (const auto& m : merged) attr(node.append_child("mergeCell"), "ref", range_ref(m));
}

void write_conditional_formatting(pugi::xml_node root, const ConditionalFormat& cf, int& priority) {
    auto node = root.append_child("conditionalFormatting");
    attr(node, "sqref", sqref(cf.ranges));
    for (const auto& rule : cf.rules) {
        auto r = node.append_child("cfRule");
        attr(r, "type", rule.type == CfType::cell_is ? "cellIs" : "expression");
        attr_num(r, "dxfId", rule.dxf);
        attr_num(r, "priority", priority++);
        if (rule.stop) attr_flag(r, "stopIfTrue");
        if (rule.type == CfType::cell_is) attr(r, "operator", rule.op);
        text_element(r, "formula", rule.formula);
    }
}

void write_data_validation(pugi::xml_node parent, const DataValidation& dv) {
    auto node = parent.append_child("dataValidation");
    attr(node, "type", validation_type_name(dv.type));
    if (!dv.error_style.empty()) attr(node, "errorStyle", dv.error_style);
    if (!dv.op.empty() && dv.type != ValidationType::list) attr(node, "operator", dv.op);
    if (dv.allow_blank) attr_flag(node, "allowBlank");
    if (!dv.prompt.empty()) attr_flag(node, "showInputMessage");
    attr_flag(node, "showErrorMessage");
    // Excel repairs a file whose titles pass 32 characters, prompt 255 or message 225.
    if (!dv.error_title.empty()) attr(node, "errorTitle", clip(dv.error_title, 32));
    if (!dv.error.empty()) attr(node, "error", clip(dv.error, 225));
    if (!dv.prompt_title.empty()) attr(node, "promptTitle", clip(dv.prompt_title, 32));
    if (!dv.prompt.empty()) attr(node, "prompt", clip(dv.prompt, 255));
    attr(node, "sqref", sqref(dv.ranges));
    if (!dv.formula1.empty()) text_element(node, "formula1", dv.formula1);
    if (!dv.formula2.empty()) text_element(node, "formula2", dv.formula2);
}

void write_data_validations(pugi::xml_node root, const std::vector<DataValidation>& dvs) {
    if (dvs.empty()) return;
    auto node = counted_element(root, "dataValidations", dvs.size());
    for (const auto& dv : dvs) write_data_validation(node, dv);
}

std::vector<std::string> external_links(const Worksheet& ws) {
    std::vector<std::string> out;
    for (const auto& h : ws.hyperlinks)
        if (!h.url.empty()) out.push_back(h.url);
    return out;
}

void write_hyperlinks(pugi::xml_node root, const std::vector<Hyperlink>& links) {
    if (links.empty()) return;
    auto node = root.append_child("hyperlinks");
    int rel = 0;
    for (const auto& h : links) {
        auto link = node.append_child("hyperlink");
        attr(link, "ref", cell_ref(h.cell));
        if (!h.url.empty())
            attr(link, "r:id", "rId" + std::to_string(++rel));
        else
            attr(link, "location", h.location);
        if (!h.tooltip.empty()) attr(link, "tooltip", h.tooltip);
    }
}

void write_print_options(pugi::xml_node root, const PageSetup& page) {
    if (!page.center_horizontally) return;
    attr_flag(root.append_child("printOptions"), "horizontalCentered");
}

void write_page_margins(pugi::xml_node root, const PageSetup& page) {
    auto m = root.append_child("pageMargins");
    attr_num(m, "left", page.margin_left);
    attr_num(m, "right", page.margin_right);
    attr_num(m, "top", page.margin_top);
    attr_num(m, "bottom", page.margin_bottom);
    attr_num(m, "header", page.margin_header);
    attr_num(m, "footer", page.margin_footer);
}

void write_page_setup(pugi::xml_node root, const PageSetup& page) {
    auto s = root.append_child("pageSetup");
    attr_num(s, "paperSize", page.paper_size);
    if (fits_to_page(page)) {
        // fitToWidth/fitToHeight default to 1: 0 must be written to mean "as many as needed".
        attr_num(s, "fitToWidth", page.fit_width);
        attr_num(s, "fitToHeight", page.fit_height);
    }
    attr(s, "orientation", page.landscape ? "landscape" : "portrait");
}

std::string header_text(const std::string& s) {
    std::string out;
    for (char c : s) {
        out += c;
        if (c == '&') out += '&';
    }
    return out;
}

void write_header_footer(pugi::xml_node root, const std::string& header, const std::string& footer) {
    if (header.empty() && footer.empty()) return;
    auto hf = root.append_child("headerFooter");
    // Excel's limit: 255 characters each.
    if (!header.empty()) text_element(hf, "oddHeader", clip(excel_text(header), 255));
    if (!footer.empty()) text_element(hf, "oddFooter", clip(excel_text(footer), 255));
}

void write_sparkline_group(pugi::xml_node parent, const SparklineGroup& group) {
    auto g = parent.append_child("x14:sparklineGroup");
    if (group.line_weight != 0.75) attr_num(g, "lineWeight", group.line_weight);
    attr(g, "displayEmptyCellsAs", group.empty_cells);
    if (group.markers) attr_flag(g, "markers");
    if (group.high) attr_flag(g, "high");
    if (group.low) attr_flag(g, "low");
    if (group.first) attr_flag(g, "first");
    if (group.last) attr_flag(g, "last");
    auto color = [&](const char* name, const std::string& argb) { attr(g.append_child(name), "rgb", argb); };
    color("x14:colorSeries", group.series_color);
    color("x14:colorNegative", group.negative_color);
    color("x14:colorAxis", "FF000000");
    color("x14:colorMarkers", group.marker_color);
    color("x14:colorFirst", group.first_color);
    color("x14:colorLast", group.last_color);
    color("x14:colorHigh", group.high_color);
    color("x14:colorLow", group.low_color);
    auto lines = g.append_child("x14:sparklines");
    for (const auto& s : group.sparklines) {
        auto line = lines.append_child("x14:sparkline");
        text_element(line, "xm:f", quote_sheet(s.sheet) + "!" + range_ref(s.data));
        text_element(line, "xm:sqref", cell_ref(s.cell));
    }
}

void write_ext_lst(pugi::xml_node root, const std::vector<SparklineGroup>& groups) {
    if (groups.empty()) return;
    auto ext = root.append_child("extLst").append_child("ext");
    attr(ext, "uri", k_sparkline_ext_uri);
    attr(ext, "xmlns:x14", k_ns_x14);
    auto sg = ext.append_child("x14:sparklineGroups");
    attr(sg, "xmlns:xm", k_ns_xm);
    for (const auto& g : groups) write_sparkline_group(sg, g);
}

void assemble_worksheet(pugi::xml_document& doc, const Worksheet& ws, bool selected, SharedStrings& strings) {
    auto root = start_part(doc, "worksheet", k_ns_main);
    attr(root, "xmlns:r", k_ns_rel);
    write_sheet_pr(root, ws);
    write_dimension(root, ws.used_range());
    write_sheet_views(root, ws, selected);
    write_sheet_format_pr(root);
    write_cols(root, ws.columns);
    write_sheet_data(root, ws, strings);
    if (ws.autofilter) write_auto_filter(root, *ws.autofilter);
    write_merge_cells(root, ws.merged);
    int priority = 1;
    for (const auto& cf : ws.conditional_formats) write_conditional_formatting(root, cf, priority);
    write_data_validations(root, ws.validations);
    write_hyperlinks(root, ws.hyperlinks);
    write_print_options(root, ws.page);
    write_page_margins(root, ws.page);
    write_page_setup(root, ws.page);
    write_header_footer(root, ws.header, ws.footer);
    write_ext_lst(root, ws.sparkline_groups);
}

}  // namespace bp::xlsx
