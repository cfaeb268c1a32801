// Finds a plan or KPI table on a sheet: the header block (title rows may sit
// above it; a header may span up to four rows with merged cells) and which
// column holds which field.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "model/issue.hpp"
#include "model/table_mapping.hpp"
#include "recognise/column_mapping.hpp"
#include "recognise/period_label.hpp"
#include "recognise/sheet_grid.hpp"
#include "recognise/text.hpp"
#include "recognise/vocabulary.hpp"

namespace bp::recognise {

enum class TableKind { plan, kpi };

struct TrendColumn {
    std::uint32_t col = 0;
    YearMonth month;
};

// A column headed with a period: "Outturn 2012-13", "2011/12", "Q2 2023/24".
struct PeriodColumn {
    CellPos header;               // the heading cell
    PeriodLabel period;
    int field = -1;               // KpiField::value / previous (by its words), or a target field ("Target 2013-14")
};

// A finding about the table as a whole, at a heading cell.
struct LayoutProblem {
    model::Severity severity = model::Severity::error;
    std::string code;
    CellPos cell;
    std::string message;
    std::string hint;  // for the officer (model::Issue::hint)
};

struct TableLayout {
    TableKind kind = TableKind::plan;
    std::uint32_t header_top = 0, header_bottom = 0;  // 0-based rows
    std::uint32_t anchor = 0;                          // the heading row the table was found by
    std::string fingerprint;                           // of the anchor row's headings, for column mappings
    const ColumnMappingFile* mapping = nullptr;        // the column mapping applied, if any
    bool mapping_incomplete = false;                   // a heading it names is not in the table
    std::uint32_t first_col = 0, last_col = 0;
    std::map<int, std::uint32_t> fields;               // PlanField/KpiField -> column
    std::map<std::uint32_t, bool> percent_header;      // column -> header says "%"
    std::vector<TrendColumn> trend;                    // KPI monthly columns, left to right
    std::vector<PeriodColumn> periods;                 // KPI period-labelled columns, as found
    std::optional<PeriodLabel> value_period, previous_period;  // the periods the value and previous report
    bool value_unresolved = false;                     // the value column could not be chosen without guessing
    std::vector<LayoutProblem> problems;
    std::vector<model::ColumnMapping> roles;           // every heading, left to right
    std::optional<std::uint32_t> column(int field) const {
        auto it = fields.find(field);
        if (it == fields.end()) return std::nullopt;
        return it->second;
    }
    int score = 0;
};

// The best near-miss on a sheet: a header found without some required fields.
struct NearMiss {
    TableKind kind = TableKind::plan;
    std::vector<std::string> found;    // fields it has ("action", "lead")
    std::vector<std::string> missing;  // required fields it lacks ("status")
    int score = 0;
    std::string fingerprint;           // of its heading row: a column mapping can supply what is missing
};

struct TableSearch {
    const Vocabulary& vocab;
    CivilDate as_of;                               // periods starting after it are not the report's own figures
    const ColumnMappings* mappings = nullptr;      // a user's corrections, applied where they match
    std::string_view file;                         // the workbook, for mappings keyed by file name
};

// The best table of either kind on the sheet, or nullopt (then `near`, if
// given, gets the best near-miss).
std::optional<TableLayout> find_table(const SheetGrid& grid, const TableSearch& search, std::optional<NearMiss>* near = nullptr);

// The fingerprint of a heading row: its normalised headings, left to right, hashed.
std::string row_fingerprint(const SheetGrid& grid, std::uint32_t row);

// Does this row repeat the header (a table printed in blocks)?
bool is_header_row(const SheetGrid& grid, const Vocabulary& vocab, const TableLayout& layout, std::uint32_t row);

}  // namespace bp::recognise
