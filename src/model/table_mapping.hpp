// How boardpack read one table: which heading feeds which field, and the
// headings it left alone. Shown by `validate --explain`, summary.json and the
// web page, so a user can see (and correct, with a column mapping) the reading.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "util/cell_ref.hpp"

namespace bp::model {

struct ColumnMapping {
    CellPos header;       // the heading cell that decided it
    std::string heading;  // the heading as shown
    std::string under;    // the headings above it, if any ("Target" over "Min"), outermost first
    std::string field;    // the field it feeds ("value (2012-13)", "trend (Mar 23)"), or empty: not used
    std::string note;     // why, where it is not obvious
};

struct TableMapping {
    std::string sheet;
    std::string kind;                         // plan | kpi
    std::uint32_t header_top = 0, header_bottom = 0;  // 1-based rows of the heading block
    std::string fingerprint;                  // identifies the layout for a column mapping file
    std::string mapping_file;                 // the column mapping applied, if any
    std::vector<ColumnMapping> columns;
};

}  // namespace bp::model
