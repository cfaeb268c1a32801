// Turns the rows under a recognised header into plan actions or KPI
// measures, with a finding for every cell that is not what its column needs.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/issue.hpp"
#include "model/records.hpp"
#include "recognise/table_layout.hpp"

namespace bp::recognise {

struct Extracted {
    std::vector<model::PlanAction> actions;
    std::vector<model::KpiMeasure> measures;
    std::optional<YearMonth> period;  // latest month of a KPI table's trend
    void append(Extracted&& more);    // another table's records after these
};

// A table's rows read one at a time, in sheet order: a record, a group heading
// (which names the records under it) or nothing for each. Rows may come from
// the sheet whole or streamed a few at a time.
class TableRows {
public:
    // `head` holds the table's header rows.
    TableRows(const SheetGrid& head, const Vocabulary& vocab, const TableLayout& layout, const std::string& file,
              Extracted& out, model::Issues& issues);
    // Row `row` of `grid`; rows of the header are skipped.
    void add(const SheetGrid& grid, std::uint32_t row);
    // Would both read the rows still to come alike: the same columns for the same fields,
    // percentages, months and units, under the same group heading?
    bool reads_like(const TableRows& other) const;

private:
    void add_plan(const SheetGrid& grid, std::uint32_t row);
    void add_kpi(const SheetGrid& grid, std::uint32_t row);
    const Vocabulary& m_vocab;
    const TableLayout& m_layout;
    const std::string& m_file;
    Extracted& m_out;
    model::Issues& m_issues;
    std::string m_group;
    std::optional<model::Unit> m_heading_unit;  // the unit the value column's heading names
    std::vector<std::string> m_trend_what;     // "value for Mar 23", per trend column
};

void extract_plan(const SheetGrid& grid, const Vocabulary& vocab, const TableLayout& layout, const std::string& file,
                  Extracted& out, model::Issues& issues);
void extract_kpis(const SheetGrid& grid, const Vocabulary& vocab, const TableLayout& layout, const std::string& file,
                  Extracted& out, model::Issues& issues);

}  // namespace bp::recognise
