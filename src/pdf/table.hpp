// Tables on the layout engine: column widths from content, padded and
// wrapped cells, group and total rows, cells drawn as graphics, and header
// rows repeated on every page the table spans.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "pdf/layout.hpp"

namespace bp::pdf {

// Draws into a cell's inner box (padding already taken off).
using Graphic = std::function<void(std::vector<Op>& ops, const Box& box)>;

struct Cell {
    std::string text;
    Align align = Align::left;
    bool bold = false;
    std::optional<Color> fill, color;
    int span = 1;  // columns covered
    Graphic graphic;
    double graphic_width = 0, graphic_height = 0;
    // The graphic's text alternative: tagged as a Figure in the cell. Else,
    // `actual_text`: the graphic stands for a word (a RAG chip's letter for
    // "Green"), the cell's content, read as that. Neither: decoration (an artifact).
    std::string alt, actual_text;
    // A second text under the first, in the table's note colour (body cells). It asks no width of
    // its own: it wraps (a long word split) in what the column's text was given.
    std::string note;
};

enum class RowKind {
    body,
    group,  // a heading row over the rows below it (kept with the next row)
    total,  // bold, with a rule above
};

struct Row {
    RowKind kind = RowKind::body;
    std::vector<Cell> cells;
    // A row whose record carries on in the row below (a long text spanning
    // under it): kept on one page with it, and no rule between them.
    bool continues = false;
};

struct Column {
    std::optional<double> fixed;  // a set width in points
    bool wrap = true;             // false: never narrower than its widest cell
    bool row_header = false;      // its body cells head their rows (tagged TH, scope Row)
};

struct Table {
    std::vector<Column> columns;
    std::vector<Row> header;  // repeated at the top of every page (and the group row, marked continued)
    std::vector<Row> rows;
    TextStyle text{FontStyle::regular, 8.5};
    TextStyle header_text{FontStyle::bold, 8.5};
    Color header_fill{0.16, 0.25, 0.40};
    Color group_fill{0.90, 0.90, 0.90};
    Color rule{0.75, 0.75, 0.75};
    Color note{0.38, 0.38, 0.40};
    double padding = 3.5;
    std::size_t min_rows = 2;  // rows kept together at either side of a page break
};

// Widths that fill `available`: each column gets at least its longest word
// (its widest cell when it does not wrap), then the rest is shared in
// proportion to how much wider each column's content would like to be.
std::vector<double> column_widths(const Table& table, const Measure& m, double available);

struct RowSpec {
    double height = 0;
    bool keep_with_next = false;
    double continued_height = 0;  // a group row repeated above this row when it starts a page
    bool group = false;           // a group row: kept with min_rows of its own rows below it
    bool rest_of_row = false;     // the next part of the row above, split over pages (a break before it is fine)
};

struct TablePages {
    bool new_page_first = false;      // too little room here: start on a new page
    std::vector<std::size_t> starts;  // index of the first row on each page
};

// Splits rows over pages. Every page carries the header (`header_height`);
// the first has `first_space`, the others `page_space`, less the
// continued_height of the row that starts them. A row marked keep_with_next
// stays with the next one, a group row with `min_rows` of its rows, and a
// page break leaves at least `min_rows` rows on either side where the pages
// allow.
TablePages paginate_rows(const std::vector<RowSpec>& rows, double header_height, double first_space,
                         double page_space, std::size_t min_rows);

// Height of the header and the first `rows` body rows (group rows aside; a
// row that will split over pages counted as its first few lines): what a
// heading above the table should be kept with.
// `widths`, when given, are column_widths(table, m, width) worked out once for
// this and place_table (they measure every cell).
double table_lead_height(const Table& table, const Measure& m, double width, std::size_t rows,
                         const std::vector<double>* widths = nullptr);

// Whether the header and every row together take at most `height` points
// (page breaks and repeated headers aside); stops laying out once they do not.
bool table_fits(const Table& table, const Measure& m, double width, double height);

// Draws the table from the flow's position. A row taller than a page is cut
// between lines and carries on over the next pages under the repeated
// header; no text is dropped. Tagged as a Table under the flow's current
// element: THead and TBody of TRs of TH (header rows, scope Column) and TD;
// the repeated headers, continued group rows, fills and rules are artifacts.
void place_table(Flow& flow, const Table& table, double space_after, const std::vector<double>* widths = nullptr);

}  // namespace bp::pdf
