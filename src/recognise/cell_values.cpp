#include "recognise/cell_values.hpp"

#include <algorithm>
#include <cmath>

#include "model/rag.hpp"
#include "recognise/text.hpp"

namespace bp::recognise {

int format_decimals(const std::string& code) {
    std::string_view section = std::string_view(code).substr(0, code.find(';'));
    auto dot = section.find('.');
    if (dot == std::string_view::npos) return section.find_first_of("0#") == std::string_view::npos ? -1 : 0;
    int n = 0;
    for (std::size_t i = dot + 1; i < section.size() && (section[i] == '0' || section[i] == '#'); ++i) ++n;
    return n;
}

std::string text_value(const SheetGrid& grid, const read::Cell* cell) {
    if (!has_value(cell)) return {};
    if (cell->type == read::CellType::number) {
        const auto& st = grid.style(*cell);
        int decimals = st.kind == read::NumFmtKind::number ? format_decimals(st.format_code) : -1;
        return number_text(cell->number, decimals > 0 ? decimals : -1);
    }
    return grid.display_text(*cell);
}

double from_hundred(double v) { return model::at_data_precision(v / 100.0); }

NumberValue read_number(const SheetGrid& grid, const Vocabulary& vocab, const read::Cell* cell, bool header_percent) {
    NumberValue out;
    if (!cell || cell->type == read::CellType::empty) {
        out.missing = true;
        out.no_cached_value = cell && cell->has_formula();
        return out;
    }
    switch (cell->type) {
        case read::CellType::number: {
            bool format_percent = grid.style(*cell).kind == read::NumFmtKind::percent;
            int shown = format_decimals(grid.style(*cell).format_code);
            out.decimals = shown < 0 ? -1 : shown + (format_percent || header_percent ? 2 : 0);
            if (format_percent) {
                out.value = cell->number;
                out.form = PercentForm::format;
            } else if (header_percent) {
                out.value = from_hundred(cell->number);
                out.form = PercentForm::heading;
            } else {
                out.value = cell->number;
            }
            return out;
        }
        case read::CellType::string: {
            std::string t = trim(cell->text);
            if (t.empty() || vocab.means_missing(t)) {
                out.missing = true;
                return out;
            }
            auto dot = t.find('.');
            int typed = dot == std::string::npos ? 0 : static_cast<int>(t.find_first_not_of("0123456789", dot + 1) == std::string::npos
                                                                            ? t.size() - dot - 1
                                                                            : t.find_first_not_of("0123456789", dot + 1) - dot - 1);
            if (auto p = parse_percent_text(t)) {
                out.decimals = typed + 2;
                out.value = *p;
                out.form = PercentForm::text;
                return out;
            }
            if (auto n = parse_number_text(t)) {
                out.decimals = typed + (header_percent ? 2 : 0);
                out.value = header_percent ? from_hundred(*n) : *n;
                out.form = header_percent ? PercentForm::heading : PercentForm::none;
                return out;
            }
            out.bad = true;
            return out;
        }
        case read::CellType::error:  // #N/A, #DIV/0!: no value, and worth saying so
        case read::CellType::boolean:
        case read::CellType::date: out.bad = true; return out;
        case read::CellType::empty: break;
    }
    out.missing = true;
    return out;
}

DateValue read_date(const SheetGrid& grid, const Vocabulary& vocab, const read::Cell* cell) {
    DateValue out;
    if (!has_value(cell)) {
        out.missing = true;
        out.no_cached_value = cell && cell->has_formula() && cell->type == read::CellType::empty;
        return out;
    }
    if (cell->type == read::CellType::date || cell->type == read::CellType::number) {
        // A bare number in a date column is a date serial that lost its format, if it is a plausible one.
        bool plausible = cell->type == read::CellType::date || (cell->number >= 36526 && cell->number <= 73051);
        auto d = plausible ? date_from_serial(cell->number, grid.date1904()) : std::nullopt;
        if (d && !d->leap_bug_day) out.date = d->when.date;
        else out.bad = true;
        return out;
    }
    if (cell->type == read::CellType::string) {
        if (auto d = parse_date_text(cell->text)) {
            out.date = d;
            return out;
        }
        if (vocab.means_ongoing(cell->text)) {
            out.ongoing = true;
            return out;
        }
    }
    out.bad = true;
    return out;
}

std::optional<model::PlanStatus> status_from_fill(std::uint32_t rgb) {
    double r = ((rgb >> 16) & 0xFF) / 255.0, g = ((rgb >> 8) & 0xFF) / 255.0, b = (rgb & 0xFF) / 255.0;
    double mx = std::max({r, g, b}), mn = std::min({r, g, b});
    double sat = mx == 0 ? 0 : (mx - mn) / mx;
    if (sat < 0.15 || mx < 0.3) return std::nullopt;  // white, grey, black, pale header tints
    double h;
    double d = mx - mn;
    if (mx == r) h = std::fmod((g - b) / d, 6.0);
    else if (mx == g) h = (b - r) / d + 2;
    else h = (r - g) / d + 4;
    h *= 60;
    if (h < 0) h += 360;
    if (h < 15 || h >= 330) return model::PlanStatus::red;
    if (h < 65) return model::PlanStatus::amber;
    if (h < 170) return model::PlanStatus::green;
    if (h < 260) return model::PlanStatus::blue;
    return std::nullopt;  // purple and magenta mean nothing in a RAG scheme
}

}  // namespace bp::recognise
