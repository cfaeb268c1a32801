// The reader's limits and their accounting: what one workbook may build
// while it is read, counted as it is built (never estimated from declared
// sizes, never checked only after the fact).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "util/result.hpp"
#include "util/zip.hpp"

namespace bp::read {

struct ReadLimits {
    ZipLimits zip;                                  // bytes inflated per part, in total, and the ratio
    std::uint64_t max_file_bytes = 1024ull << 20;   // the workbook file
    // Cells of one workbook's sheets read by read_sheet() or counted by a caller
    // that streams them (Workbook::count_cells); dump counts none.
    std::uint64_t max_cells = 2'000'000;  // a 1M-cell sheet streams in under 100 MiB
    // Text built from one workbook: the shared-string table as it is read (8
    // bytes more a string, its offset), then each cell's text and formula every
    // time a cell is read (a shared string's first use is the table's copy;
    // every further use counts again).
    std::uint64_t max_text_bytes = 64ull << 20;
    double max_seconds = 30;                        // reading one workbook
};

class ReadBudget {
public:
    ReadBudget(const ReadLimits& limits, std::string label);

    // Text about to be built; refused past max_text_bytes.
    Status add_text(std::uint64_t bytes);
    // Cells about to be read; refused past max_cells.
    Status add_cells(std::uint64_t count, const std::string& sheet);
    // Refused once max_seconds have passed since the workbook was opened.
    Status check_time();
    // Is this the first read of shared string i (its bytes already counted with the table)?
    bool first_use(std::size_t i, std::size_t table_size);

private:
    std::string m_label;
    std::uint64_t m_max_text, m_max_cells;
    double m_max_seconds;
    std::chrono::steady_clock::time_point m_deadline;
    std::uint64_t m_text = 0, m_cells = 0;
    std::vector<bool> m_used;  // shared strings read at least once
};

}  // namespace bp::read
