#include "util/result.hpp"

namespace bp {

std::string to_string(const Error& e) {
    std::string out = e.where.file;
    auto add = [&out](const std::string& piece) {
        if (piece.empty()) return;
        if (!out.empty()) out += out.back() == ':' ? " " : ": ";
        out += piece;
    };
    if (!e.where.sheet.empty())
        add(!e.where.cell ? "sheet '" + e.where.sheet + "'" : e.where.sheet + "!" + cell_ref(*e.where.cell));
    else if (!e.where.part.empty())
        add(e.where.line > 0 ? e.where.part + " line " + std::to_string(e.where.line) : e.where.part);
    add(e.message);
    return out;
}

}  // namespace bp
