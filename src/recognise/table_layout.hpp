// Finds a plan or KPI table on a sheet: the header block (title rows may sit
// above it; a header may span up to four rows with merged cells) and which
// column holds which field.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "recognise/sheet_grid.hpp"
#include "recognise/text.hpp"
#include "recognise/vocabulary.hpp"

namespace bp::recognise {

enum class TableKind { plan, kpi };

struct TrendColumn {
    std::uint32_t col = 0;
    YearMonth month;
};

struct YearColumn {
    std::uint32_t col = 0;
    int year = 0;
};

struct TableLayout {
    TableKind kind = TableKind::plan;
    std::uint32_t header_top = 0, header_bottom = 0;  // 0-based rows
    std::uint32_t first_col = 0, last_col = 0;
    std::map<int, std::uint32_t> fields;               // PlanField/KpiField -> column
    std::map<std::uint32_t, bool> percent_header;      // column -> header says "%"
    std::vector<TrendColumn> trend;                    // KPI monthly columns, left to right
    std::vector<YearColumn> years;                     // KPI year-labelled outturn columns
    std::optional<std::uint32_t> column(int field) const {
        auto it = fields.find(field);
        if (it == fields.end()) return std::nullopt;
        return it->second;
    }
    int score = 0;
};

// The best table of either kind on the sheet, or nullopt. `missing` gets the
// required fields of the best near-miss (a header found without them).
std::optional<TableLayout> find_table(const SheetGrid& grid, const Vocabulary& vocab,
                                      std::vector<std::string>* missing = nullptr, TableKind* near_kind = nullptr);

// Does this row repeat the header (a table printed in blocks)?
bool is_header_row(const SheetGrid& grid, const Vocabulary& vocab, const TableLayout& layout, std::uint32_t row);

}  // namespace bp::recognise
