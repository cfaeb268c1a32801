#include "read/formula.hpp"

#include <cctype>

#include "util/cell_ref.hpp"

namespace bp::read {
namespace {

bool is_alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
// Characters that make a run part of a longer name (Sheet1, _xlfn.X, Table1[...]).
bool name_char(char c) { return is_alpha(c) || is_digit(c) || c == '_' || c == '.' || c == '\\'; }

struct Piece {
    bool dollar = false;
    long value = 0;  // 0-based row or column
};

bool shift(Piece& p, long by, long limit) {
    if (p.dollar) return true;
    p.value += by;
    return p.value >= 0 && p.value < limit;
}

std::string col_text(const Piece& p) { return (p.dollar ? "$" : "") + column_letters(static_cast<std::uint32_t>(p.value)); }
std::string row_text(const Piece& p) { return (p.dollar ? "$" : "") + std::to_string(p.value + 1); }

// Reads [$]letters at i; returns false if none.
bool read_col(std::string_view f, std::size_t& i, Piece& out) {
    std::size_t j = i;
    out.dollar = j < f.size() && f[j] == '$';
    if (out.dollar) ++j;
    std::size_t start = j;
    while (j < f.size() && is_alpha(f[j]) && j - start < 4) ++j;
    auto col = column_index(f.substr(start, j - start));
    if (!col || j == start) return false;
    out.value = static_cast<long>(*col);
    i = j;
    return true;
}

bool read_row(std::string_view f, std::size_t& i, Piece& out) {
    std::size_t j = i;
    out.dollar = j < f.size() && f[j] == '$';
    if (out.dollar) ++j;
    std::size_t start = j;
    long v = 0;
    while (j < f.size() && is_digit(f[j]) && j - start < 8) v = v * 10 + (f[j++] - '0');
    if (j == start || v < 1 || v > static_cast<long>(k_max_rows)) return false;
    out.value = v - 1;
    i = j;
    return true;
}

}  // namespace

std::string translate_formula(std::string_view f, long rows, long cols) {
    if (rows == 0 && cols == 0) return std::string(f);
    std::string out;
    out.reserve(f.size() + 8);
    const long max_rows = static_cast<long>(k_max_rows), max_cols = static_cast<long>(k_max_cols);
    std::size_t i = 0;
    while (i < f.size()) {
        char c = f[i];
        if (c == '"' || c == '\'') {  // string literal or quoted sheet name: copy verbatim
            std::size_t j = i + 1;
            while (j < f.size()) {
                if (f[j] == c) {
                    if (j + 1 < f.size() && f[j + 1] == c) { j += 2; continue; }
                    break;
                }
                ++j;
            }
            j = std::min(j + 1, f.size());
            out.append(f.substr(i, j - i));
            i = j;
            continue;
        }
        if (c == '[') {  // structured reference or external book index
            int depth = 0;
            std::size_t j = i;
            for (; j < f.size(); ++j) {
                if (f[j] == '[') ++depth;
                else if (f[j] == ']' && --depth == 0) break;
            }
            j = std::min(j + 1, f.size());
            out.append(f.substr(i, j - i));
            i = j;
            continue;
        }
        bool at_token_start = i == 0 || !name_char(f[i - 1]);
        if (at_token_start && (c == '$' || is_alpha(c) || is_digit(c))) {
            std::size_t j = i;
            Piece col, row;
            // Cell reference, optionally a range of cells.
            if (read_col(f, j, col) && read_row(f, j, row) && (j >= f.size() || !name_char(f[j])) &&
                (j >= f.size() || f[j] != '(') && (j >= f.size() || f[j] != '!')) {
                bool ok = shift(col, cols, max_cols) && shift(row, rows, max_rows);
                out += ok ? col_text(col) + row_text(row) : "#REF!";
                i = j;
                continue;
            }
            j = i;
            Piece a, b;
            // Whole columns A:C.
            if (read_col(f, j, a) && j < f.size() && f[j] == ':') {
                std::size_t k = j + 1;
                if (read_col(f, k, b) && (k >= f.size() || !name_char(f[k]))) {
                    bool ok = shift(a, cols, max_cols) && shift(b, cols, max_cols);
                    out += ok ? col_text(a) + ":" + col_text(b) : "#REF!";
                    i = k;
                    continue;
                }
            }
            j = i;
            // Whole rows 2:5.
            if (read_row(f, j, a) && j < f.size() && f[j] == ':') {
                std::size_t k = j + 1;
                if (read_row(f, k, b) && (k >= f.size() || !name_char(f[k]))) {
                    bool ok = shift(a, rows, max_rows) && shift(b, rows, max_rows);
                    out += ok ? row_text(a) + ":" + row_text(b) : "#REF!";
                    i = k;
                    continue;
                }
            }
            // Any other name or number: copy the whole run.
            j = i;
            while (j < f.size() && (name_char(f[j]) || f[j] == '$')) ++j;
            out.append(f.substr(i, j - i));
            i = j;
            continue;
        }
        out += c;
        ++i;
    }
    return out;
}

}  // namespace bp::read
