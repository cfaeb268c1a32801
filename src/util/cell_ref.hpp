// A1 references <-> 0-based (row, col). Positions are kept as numbers
// everywhere; A1 text is made only for messages and output.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bp {

constexpr std::uint32_t k_max_rows = 1048576;
constexpr std::uint32_t k_max_cols = 16384;

struct CellPos {
    std::uint32_t row = 0;  // 0-based
    std::uint32_t col = 0;  // 0-based
    friend bool operator==(const CellPos&, const CellPos&) = default;
};

struct CellRange {
    CellPos first;
    CellPos last;
    bool contains(CellPos p) const {
        return p.row >= first.row && p.row <= last.row && p.col >= first.col && p.col <= last.col;
    }
    friend bool operator==(const CellRange&, const CellRange&) = default;
};

// "A" -> 0, "XFD" -> 16383; nullopt if not letters or beyond XFD.
std::optional<std::uint32_t> column_index(std::string_view letters);
// 0 -> "A"
std::string column_letters(std::uint32_t col);
// "$B$7" or "b7" -> {6, 1}; nullopt if malformed or out of Excel's grid.
std::optional<CellPos> parse_cell_ref(std::string_view ref);
// {6, 1} -> "B7"
std::string cell_ref(CellPos pos);
// The same text in a small buffer, for writers that make no string per cell.
class CellRefText {
public:
    explicit CellRefText(CellPos pos);
    std::string_view view() const { return {m_chars, m_size}; }

private:
    char m_chars[20];  // 3 letters and 7 digits in Excel's grid; room for any 32-bit row and column
    std::size_t m_size = 0;
};
inline std::string cell_ref(std::uint32_t row, std::uint32_t col) { return cell_ref(CellPos{row, col}); }
// "A1:C5" (or a single cell "B2") -> range; nullopt if malformed.
std::optional<CellRange> parse_range(std::string_view ref);
std::string range_ref(const CellRange& r);

}  // namespace bp
