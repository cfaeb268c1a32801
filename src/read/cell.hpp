// Cells as the reader delivers them.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "util/cell_ref.hpp"

namespace bp::read {

enum class CellType : std::uint8_t {
    empty,    // a formula with no cached value, or a styled blank (fill, border)
    string,
    number,
    boolean,  // number is 1 or 0
    date,     // number is the serial; the style's NumFmtKind says date or duration
    error,    // text is "#N/A", "#DIV/0!" ...
};

std::string_view type_name(CellType t);

// A cell during streaming: the views stay valid only inside the row callback.
struct CellView {
    CellPos pos;
    CellType type = CellType::empty;
    double number = 0;
    std::string_view text;
    std::string_view formula;  // without the leading '='; empty if none
    std::uint32_t style = 0;   // index into Styles
    bool has_formula() const { return !formula.empty(); }
};

struct RowView {
    std::uint32_t row = 0;  // 0-based
    bool hidden = false;
    std::span<const CellView> cells;
};

// An owning cell, for sheets read whole.
struct Cell {
    CellPos pos;
    CellType type = CellType::empty;
    double number = 0;
    std::string text;
    std::string formula;
    std::uint32_t style = 0;

    Cell() = default;
    explicit Cell(const CellView& v)
        : pos(v.pos), type(v.type), number(v.number), text(v.text), formula(v.formula), style(v.style) {}
    bool has_formula() const { return !formula.empty(); }
};

}  // namespace bp::read
