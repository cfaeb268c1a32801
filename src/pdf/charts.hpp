// Vector graphics drawn into table cells: the RAG chip, the direction arrow,
// the stacked bar of a plan section and the sparkline of a measure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pdf/table.hpp"

namespace bp::pdf {

// A filled disc carrying its letter (B/G/A/R), so a black-and-white print still reads.
Graphic rag_chip(const Measure& m, Color fill, std::string letter);
constexpr double k_chip_size = 12;

// A filled triangle pointing up, down or right (a "direction of travel" mark).
enum class Pointing { up, down, right };
Graphic arrow(Pointing pointing, Color fill);
constexpr double k_arrow_size = 8;

struct BarSegment {
    double value = 0;
    Color fill{};
    std::string letter;  // drawn inside when the segment is wide enough
};
// Segments side by side across the cell in proportion to their values.
Graphic stacked_bar(const Measure& m, std::vector<BarSegment> segments);

// Values left to right (gaps where a month is missing), the minimum target
// dashed when it falls within the range shown, the latest value as a dot.
Graphic sparkline(std::vector<std::optional<double>> values, std::optional<double> target, Color line, Color dot);

}  // namespace bp::pdf
