// Sheets made in code for recognition tests: rows of texts and numbers, some
// numbers formatted as percentages, read by the same SheetGrid as a workbook's.
#pragma once

#include <pugixml.hpp>

#include <string>
#include <variant>
#include <vector>

#include "read/color.hpp"
#include "read/styles.hpp"
#include "read/workbook.hpp"
#include "recognise/sheet_grid.hpp"

namespace bp::test {

struct Pct {
    double v;  // a fraction, formatted 0.0% as Excel stores it
};
using Value = std::variant<std::monostate, std::string, double, Pct>;

inline const read::Styles& test_styles() {
    // xf 0: General; xf 1: 0.0% (built-in format 10 is 0.00%, close enough for the kind).
    static const read::Styles styles = [] {
        static pugi::xml_document doc;
        doc.load_string(R"(<styleSheet><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="10" applyNumberFormat="1"/></cellXfs></styleSheet>)");
        return read::Styles::parse(doc.child("styleSheet"), read::default_theme_colors());
    }();
    return styles;
}

struct SheetBuilder {
    read::Sheet sheet;
    explicit SheetBuilder(std::string name) { sheet.info.name = std::move(name); }
    SheetBuilder& row(std::uint32_t r, const std::vector<Value>& values) {  // r 0-based
        for (std::uint32_t c = 0; c < values.size(); ++c) {
            read::Cell cell;
            cell.pos = CellPos{r, c};
            if (auto* s = std::get_if<std::string>(&values[c])) cell.type = read::CellType::string, cell.text = *s;
            else if (auto* n = std::get_if<double>(&values[c])) cell.type = read::CellType::number, cell.number = *n;
            else if (auto* p = std::get_if<Pct>(&values[c])) cell.type = read::CellType::number, cell.number = p->v, cell.style = 1;
            else continue;
            sheet.cells.push_back(std::move(cell));
        }
        return *this;
    }
    recognise::SheetGrid grid() const { return recognise::SheetGrid(sheet, test_styles(), false); }
};

}  // namespace bp::test
