// Column mappings: a small file a user writes once to say which heading is
// which field, for a layout boardpack misreads (templates/mappings/*.ini).
// Teams reuse their layout month after month, so one fix holds; every table
// a mapping changes says so in a finding.
//
//   [match]
//   fingerprint = 3f2a9c0d81b7e6a4    # the heading row's, from `boardpack validate --explain`
//   files = Kent*.xlsx                # or a file-name pattern (* and ?), with an optional
//   sheet = County Scorecard          #    sheet name and table kind (plan | kpi)
//   kind = kpi
//   [columns]
//   Outturn 2012-13 (final) = value   # a heading as shown = a field, or `ignore`
//   column F = target                 # or a column letter
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace bp::recognise {

enum class TableKind;

struct MappedColumn {
    std::string heading;                // normalised; empty when a column letter is given
    std::optional<std::uint32_t> column;  // 0-based
    std::string field;                  // a field name ("value", "status"), or "ignore"
    long line = 0;
};

struct ColumnMappingFile {
    std::string path;
    std::string fingerprint;
    std::string files;  // glob on the workbook's file name
    std::string sheet;
    std::string kind;   // plan | kpi | empty: either
    std::vector<MappedColumn> columns;

    // Whether the mapping is for this table (before its headings are checked).
    bool matches(std::string_view file, std::string_view sheet_name, TableKind kind, std::string_view row_fingerprint) const;
};

class ColumnMappings {
public:
    // A file, or a folder of *.ini files (read in name order); checked with line numbers.
    static Result<ColumnMappings> load(const std::vector<std::string>& paths);
    static Result<ColumnMappingFile> parse(std::string_view text, const std::string& path);
    const std::vector<ColumnMappingFile>& files() const { return m_files; }
    bool empty() const { return m_files.empty(); }

private:
    std::vector<ColumnMappingFile> m_files;
};

// The field names a mapping may use for a table kind (the vocabulary's own).
bool is_mappable_field(TableKind kind, std::string_view field);

}  // namespace bp::recognise
