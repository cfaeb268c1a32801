// What a workbook to be written holds: sheets of cells with their formatting,
// conditional formats, validations, sparklines and print setup. Plain data;
// the part writers (one file per OOXML part) turn it into SpreadsheetML and
// the packager zips it. Positions are 0-based; A1 text is made on output.
#pragma once

#include <compare>
#include <cstdint>
#include <ctime>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "util/cell_ref.hpp"
#include "util/sorted_map.hpp"

namespace bp::xlsx {

// ---- Formats (styles.xml) ----------------------------------------------------

// Colours are ARGB hex, as Excel writes them: "FF1F3864". Empty: automatic.
struct Font {
    bool bold = false;
    bool italic = false;
    bool underline = false;
    double size = 11;
    std::string color;
    std::string name = "Calibri";
    friend auto operator<=>(const Font&, const Font&) = default;
};

struct Fill {
    std::string color;  // solid fill; empty: none
    friend auto operator<=>(const Fill&, const Fill&) = default;
};

enum class BorderStyle : std::uint8_t { none, thin, medium };

struct Border {
    BorderStyle left = BorderStyle::none, right = BorderStyle::none, top = BorderStyle::none,
                bottom = BorderStyle::none;
    std::string color;
    static Border all(BorderStyle s, std::string color) { return Border{s, s, s, s, std::move(color)}; }
    friend auto operator<=>(const Border&, const Border&) = default;
};

struct Alignment {
    std::string horizontal;  // left, center, right; empty: general
    std::string vertical;    // top, center; empty: bottom
    bool wrap = false;
    unsigned indent = 0;
    friend auto operator<=>(const Alignment&, const Alignment&) = default;
};

// One cell format (a <cellXfs> entry).
struct Format {
    Font font;
    Fill fill;
    Border border;
    Alignment align;
    std::string num_fmt;  // "0.0%", "dd/mm/yyyy", "#,##0"; empty: General
    friend auto operator<=>(const Format&, const Format&) = default;
};

// A differential format (<dxf>), applied by conditional formatting.
struct Dxf {
    std::string font_color;
    bool bold = false;
    std::string fill;  // solid background
    friend auto operator<=>(const Dxf&, const Dxf&) = default;
};

using XfId = std::uint32_t;   // index into cellXfs; 0 is the default format
using DxfId = std::uint32_t;  // index into dxfs

// Formats and dxfs registered while sheets are built; equal ones share an index.
class StyleTable {
public:
    StyleTable();
    XfId add(const Format& f);
    DxfId add(const Dxf& d);
    const std::vector<Format>& formats() const { return m_formats; }
    const std::vector<Dxf>& dxfs() const { return m_dxfs; }

private:
    std::vector<Format> m_formats;
    std::map<Format, XfId> m_format_ids;
    std::vector<Dxf> m_dxfs;
    std::map<Dxf, DxfId> m_dxf_ids;
};

// ---- Cells -----------------------------------------------------------------

enum class CellType : std::uint8_t { blank, string, number, boolean };

// A value, or a formula with its cached value (`type` says what the cache holds).
struct Cell {
    CellType type = CellType::blank;
    double number = 0;
    std::string text;
    std::string formula;  // without the leading '='
    XfId xf = 0;
};

struct Row {
    SortedMap<std::uint32_t, Cell> cells;  // by column
    std::optional<double> height;         // points; none: Excel's default / auto-fit
};

struct Column {
    std::uint32_t first = 0, last = 0;  // 0-based, inclusive
    double width = 8.43;                // Excel character widths
    std::optional<XfId> xf;             // default format for empty cells typed into the column
};

// ---- Sheet features ----------------------------------------------------------

enum class CfType : std::uint8_t { cell_is, expression };

struct CfRule {
    CfType type = CfType::cell_is;
    std::string op = "equal";  // cellIs operator: equal, lessThan, between ...
    std::string formula;       // without '=' ("\"Green\"" or "$Q8=\"Red\"")
    DxfId dxf = 0;
    bool stop = false;
};

struct ConditionalFormat {
    std::vector<CellRange> ranges;
    std::vector<CfRule> rules;  // priorities are numbered across the sheet on output
};

enum class ValidationType : std::uint8_t { list, date, decimal, whole, text_length };

struct DataValidation {
    std::vector<CellRange> ranges;
    ValidationType type = ValidationType::list;
    std::string op;  // between, greaterThanOrEqual ...; empty for list
    std::string formula1, formula2;
    bool allow_blank = true;
    std::string prompt_title, prompt;
    std::string error_title, error;
    std::string error_style;  // empty: stop; "warning" or "information"
};

struct Hyperlink {
    CellPos cell;
    std::string location;  // inside the workbook: "'Issues'!A1"
    std::string url;       // outside: needs a relationship
    std::string tooltip;
};

// An x14 sparkline group: one line per cell, drawn from a range of its row.
struct Sparkline {
    std::string sheet;  // the sheet the data is on
    CellRange data;
    CellPos cell;
};

struct SparklineGroup {
    std::string series_color = "FF1F3864";
    std::string marker_color = "FF1F3864";
    std::string high_color = "FF00B050";
    std::string low_color = "FFC00000";
    std::string first_color = "FF7F7F7F";
    std::string last_color = "FF1F3864";
    std::string negative_color = "FFC00000";
    double line_weight = 1.25;
    bool markers = true, high = true, low = true, first = false, last = false;
    std::string empty_cells = "gap";  // gap, zero, span
    std::vector<Sparkline> sparklines;
};

struct PageSetup {
    bool landscape = true;
    unsigned paper_size = 9;  // A4
    unsigned fit_width = 1;   // pages wide; 0 with fit_height 0: no fitting
    unsigned fit_height = 0;  // 0: as many as needed
    bool center_horizontally = false;
    double margin_left = 0.5, margin_right = 0.5, margin_top = 0.75, margin_bottom = 0.75;
    double margin_header = 0.3, margin_footer = 0.3;
};

struct Worksheet {
    std::string name;
    SortedMap<std::uint32_t, Row> rows;  // by 0-based row
    std::vector<Column> columns;        // ascending, not overlapping
    std::vector<CellRange> merged;
    std::optional<CellPos> freeze;      // first scrolling cell; {5, 2} freezes rows 1-5 and columns A:B
    std::optional<CellRange> autofilter;
    std::vector<ConditionalFormat> conditional_formats;
    std::vector<DataValidation> validations;
    std::vector<Hyperlink> hyperlinks;
    std::vector<SparklineGroup> sparkline_groups;
    std::string tab_color;
    bool show_grid_lines = true;
    unsigned zoom = 100;
    PageSetup page;
    std::string header, footer;  // Excel header/footer codes (&P, &N, &A ...)
    std::optional<std::pair<std::uint32_t, std::uint32_t>> print_title_rows;  // 0-based, inclusive
    std::optional<CellRange> print_area;

    // Sets a cell; returns it for further changes.
    Cell& set(std::uint32_t row, std::uint32_t col, Cell c);
    Cell& text(std::uint32_t row, std::uint32_t col, std::string s, XfId xf = 0);
    Cell& number(std::uint32_t row, std::uint32_t col, double v, XfId xf = 0);
    Cell& formula_number(std::uint32_t row, std::uint32_t col, std::string f, double cached, XfId xf = 0);
    Cell& formula_text(std::uint32_t row, std::uint32_t col, std::string f, std::string cached, XfId xf = 0);
    Cell& blank(std::uint32_t row, std::uint32_t col, XfId xf);
    // Styled blanks over a row's span, leaving cells already set.
    void fill_row(std::uint32_t row, std::uint32_t first_col, std::uint32_t last_col, XfId xf);
    void width(std::uint32_t first_col, std::uint32_t last_col, double w, std::optional<XfId> xf = std::nullopt);
    const Cell* find(std::uint32_t row, std::uint32_t col) const;
    // Smallest range holding every cell (A1 when empty).
    CellRange used_range() const;
};

// ---- Workbook ---------------------------------------------------------------

struct DocProperties {
    std::string title, subject, creator = "boardpack", keywords, description, category;
    std::string company, manager;
    std::time_t created = 0;  // UTC
};

struct DefinedName {
    std::string name;
    std::string value;  // a reference or formula, without '='
    std::optional<std::uint32_t> local_sheet;
    bool hidden = false;
};

struct Workbook {
    std::vector<Worksheet> sheets;
    StyleTable styles;
    DocProperties properties;
    std::vector<DefinedName> names;  // besides the print titles, print areas and filters of the sheets
    std::uint32_t active_sheet = 0;
};

// Sets the height of rows that have none from their wrapped text and font
// sizes: neither Excel nor LibreOffice fits row heights when opening a file.
void fit_row_heights(Worksheet& ws, const StyleTable& styles);

// 'Plan' -> "'Plan'", "O'Brien" -> "'O''Brien'": a sheet name as formulas write it.
std::string quote_sheet(const std::string& name);
// "$A$4:$H$70" for a range.
std::string absolute_range(const CellRange& r);
// "A1:B2 D5" for a list of ranges (sqref).
std::string sqref(const std::vector<CellRange>& ranges);

}  // namespace bp::xlsx
