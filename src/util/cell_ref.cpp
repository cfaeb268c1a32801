#include "util/cell_ref.hpp"

#include <charconv>
#include <iterator>

namespace bp {

std::optional<std::uint32_t> column_index(std::string_view letters) {
    if (letters.empty() || letters.size() > 3) return std::nullopt;
    std::uint32_t n = 0;
    for (char ch : letters) {
        if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
        if (ch < 'A' || ch > 'Z') return std::nullopt;
        n = n * 26 + static_cast<std::uint32_t>(ch - 'A' + 1);
    }
    if (n > k_max_cols) return std::nullopt;
    return n - 1;
}

std::string column_letters(std::uint32_t col) {
    char buf[8];
    std::size_t len = 0;
    for (std::uint32_t n = col + 1; n > 0 && len < sizeof buf; n = (n - 1) / 26)
        buf[len++] = static_cast<char>('A' + (n - 1) % 26);
    return std::string(std::make_reverse_iterator(buf + len), std::make_reverse_iterator(buf));
}

std::optional<CellPos> parse_cell_ref(std::string_view ref) {
    std::size_t i = 0;
    if (i < ref.size() && ref[i] == '$') ++i;
    std::size_t letters_start = i;
    while (i < ref.size() && ((ref[i] >= 'A' && ref[i] <= 'Z') || (ref[i] >= 'a' && ref[i] <= 'z'))) ++i;
    auto col = column_index(ref.substr(letters_start, i - letters_start));
    if (!col) return std::nullopt;
    if (i < ref.size() && ref[i] == '$') ++i;
    if (i >= ref.size()) return std::nullopt;
    std::uint64_t row = 0;
    for (; i < ref.size(); ++i) {
        if (ref[i] < '0' || ref[i] > '9') return std::nullopt;
        row = row * 10 + static_cast<std::uint64_t>(ref[i] - '0');
        if (row > k_max_rows) return std::nullopt;
    }
    if (row == 0) return std::nullopt;
    return CellPos{static_cast<std::uint32_t>(row - 1), *col};
}

CellRefText::CellRefText(CellPos pos) {
    char letters[8];
    std::size_t n = 0;
    for (std::uint32_t c = pos.col + 1; c > 0; c = (c - 1) / 26)
        letters[n++] = static_cast<char>('A' + (c - 1) % 26);
    while (n > 0) m_chars[m_size++] = letters[--n];
    m_size = static_cast<std::size_t>(
        std::to_chars(m_chars + m_size, m_chars + sizeof m_chars, pos.row + 1).ptr - m_chars);
}

std::string cell_ref(CellPos pos) { return std::string(CellRefText(pos).view()); }

std::optional<CellRange> parse_range(std::string_view ref) {
    auto colon = ref.find(':');
    auto first = parse_cell_ref(ref.substr(0, colon));
    if (!first) return std::nullopt;
    if (colon == std::string_view::npos) return CellRange{*first, *first};
    auto last = parse_cell_ref(ref.substr(colon + 1));
    if (!last) return std::nullopt;
    CellRange r{*first, *last};
    if (r.last.row < r.first.row) std::swap(r.first.row, r.last.row);
    if (r.last.col < r.first.col) std::swap(r.first.col, r.last.col);
    return r;
}

std::string range_ref(const CellRange& r) {
    if (r.first == r.last) return cell_ref(r.first);
    return cell_ref(r.first) + ":" + cell_ref(r.last);
}

}  // namespace bp
