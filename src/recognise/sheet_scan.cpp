#include "recognise/sheet_scan.hpp"

#include <algorithm>

#include "recognise/sheet_grid.hpp"
#include "util/utf8.hpp"

namespace bp::recognise {
namespace {

using model::Issue;
using model::Severity;

// A table found and the records and findings of the rows read so far.
struct Reading {
    std::optional<TableLayout> layout;
    std::optional<NearMiss> near;
    Extracted records;
    model::Issues issues;  // the rows' findings
    std::optional<TableRows> rows;
};

// Finds the table on `grid` and reads the rows `grid` has.
void read_table(const SheetGrid& grid, const TableSearch& search, const std::string& file, Reading& r) {
    r.layout = find_table(grid, search, &r.near);
    if (!r.layout) return;
    r.rows.emplace(grid, search.vocab, *r.layout, file, r.records, r.issues);
    for (std::uint32_t row : grid.rows()) r.rows->add(grid, row);
}

// A formula that was never calculated has no value anywhere on the sheet.
Issue uncalculated(const std::string& file, const std::string& sheet, CellPos at, std::string_view formula) {
    return Issue{Severity::warning, "formula-no-value", file, sheet, at,
                 "formula =" + std::string(utf8_prefix(formula, 60)) +
                     " has no saved value (the workbook was written by a program that does not calculate): open it in "
                     "Excel or LibreOffice and save it"};
}

// The sheet's findings in the order a reading of the whole sheet gives them: the
// table's, its rows', then each formula never calculated that no row reported.
SheetScan finish(Reading& r, const std::string& file, const std::string& sheet, std::vector<read::ReadNote> notes,
                 model::Issues&& formulas) {
    SheetScan out;
    out.notes = std::move(notes);
    out.layout = std::move(r.layout);
    out.near = std::move(r.near);
    out.records = std::move(r.records);
    if (out.layout)
        for (const auto& p : out.layout->problems) out.issues.push_back(Issue{p.severity, p.code, file, sheet, p.cell, p.message, p.hint});
    for (auto& i : r.issues) out.issues.push_back(std::move(i));
    auto table_issues = static_cast<std::ptrdiff_t>(out.issues.size());
    for (auto& u : formulas) {
        bool reported = out.layout && std::any_of(out.issues.begin(), out.issues.begin() + table_issues, [&](const Issue& is) {
                            return is.code == u.code && is.sheet == u.sheet && is.cell == u.cell;
                        });
        if (!reported) out.issues.push_back(std::move(u));
    }
    return out;
}

// The sheet read whole: its rows came out of order, or merges change how it reads.
Result<SheetScan> scan_whole(read::Workbook& wb, std::size_t index, const std::string& file, const TableSearch& search) {
    BP_ASSIGN_OR_RETURN(read::Sheet sheet, wb.read_sheet(index, false));  // its cells were counted as they streamed
    SheetGrid grid(sheet, wb.styles(), wb.date1904());
    model::Issues formulas;
    for (const auto& c : sheet.cells)
        if (c.type == read::CellType::empty && c.has_formula()) formulas.push_back(uncalculated(file, sheet.info.name, c.pos, c.formula));
    Reading r;
    read_table(grid, search, file, r);
    return finish(r, file, sheet.info.name, sheet.meta.notes, std::move(formulas));
}

void copy_row(const read::RowView& row, std::vector<read::Cell>& cells) {
    cells.resize(row.cells.size());  // the cells' strings keep their buffers from row to row
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
        const read::CellView& v = row.cells[i];
        read::Cell& c = cells[i];
        c.pos = v.pos;
        c.type = v.type;
        c.number = v.number;
        c.text.assign(v.text);
        c.formula.assign(v.formula);
        c.style = v.style;
    }
}

}  // namespace

Result<SheetScan> scan_sheet(read::Workbook& wb, std::size_t index, const std::string& file, const TableSearch& search) {
    read::Sheet head;  // the rows above k_head_rows
    head.info = wb.sheets().at(index);
    const std::string& name = head.info.name;
    read::Sheet below = head;  // the row being read under the head
    std::optional<SheetGrid> head_grid;
    Reading guess;  // the table as found before the merges are known
    std::optional<TableRows> after_head;  // how it read at the end of the head
    std::size_t head_actions = 0, head_measures = 0, head_issues = 0;
    model::Issues formulas;
    std::optional<CellPos> last;
    bool out_of_order = false;

    auto close_head = [&] {
        head_grid.emplace(head, wb.styles(), wb.date1904());
        read_table(*head_grid, search, file, guess);
        if (guess.rows) after_head.emplace(*guess.rows);
        head_actions = guess.records.actions.size();
        head_measures = guess.records.measures.size();
        head_issues = guess.issues.size();
    };
    auto streamed = wb.stream_sheet(index, [&](const read::RowView& row) -> Status {
        BP_TRY(wb.count_cells(row.cells.size(), name));
        for (const read::CellView& c : row.cells) {
            if (last && (c.pos.row < last->row || (c.pos.row == last->row && c.pos.col <= last->col))) out_of_order = true;
            last = c.pos;
            if (c.type == read::CellType::empty && c.has_formula()) formulas.push_back(uncalculated(file, name, c.pos, c.formula));
        }
        if (out_of_order) return Ok{};  // read again whole, sorted
        if (row.row < k_head_rows) {
            for (const read::CellView& c : row.cells) head.cells.emplace_back(c);
            return Ok{};
        }
        if (!head_grid) close_head();
        if (!guess.rows) return Ok{};  // no table: nothing below the head to read
        copy_row(row, below.cells);
        SheetGrid grid(below, wb.styles(), wb.date1904());
        guess.rows->add(grid, row.row);
        return Ok{};
    });
    if (!streamed) return streamed.error();
    if (out_of_order) return scan_whole(wb, index, file, search);
    head.meta = std::move(*streamed);

    bool head_closed = head_grid.has_value();  // rows came below the head
    if (head_closed && head.meta.merged.empty()) return finish(guess, file, name, head.meta.notes, std::move(formulas));
    // A sheet that ended in its head, or merges to allow for: the head read again with them.
    bool merges_in_head = std::all_of(head.meta.merged.begin(), head.meta.merged.end(),
                                      [](const CellRange& m) { return m.last.row < k_head_rows; });
    if (!merges_in_head) return scan_whole(wb, index, file, search);
    head_grid.emplace(head, wb.styles(), wb.date1904());
    Reading exact;
    read_table(*head_grid, search, file, exact);
    if (head_closed && exact.layout) {
        // The rows below the head were read with the table found without the merges: do they read the same?
        if (!after_head || !exact.rows->reads_like(*after_head)) return scan_whole(wb, index, file, search);
        auto& below_head = guess.records;
        below_head.actions.erase(below_head.actions.begin(), below_head.actions.begin() + static_cast<std::ptrdiff_t>(head_actions));
        below_head.measures.erase(below_head.measures.begin(), below_head.measures.begin() + static_cast<std::ptrdiff_t>(head_measures));
        exact.records.append(std::move(below_head));
        exact.issues.insert(exact.issues.end(), std::make_move_iterator(guess.issues.begin() + static_cast<std::ptrdiff_t>(head_issues)),
                            std::make_move_iterator(guess.issues.end()));
    }
    return finish(exact, file, name, head.meta.notes, std::move(formulas));
}

}  // namespace bp::recognise
