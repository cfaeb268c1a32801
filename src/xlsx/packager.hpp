// Assembles every part of a workbook in a fixed order and zips them (with
// util's ZipWriter, which owns libzip).
#pragma once

#include <string>
#include <vector>

#include "xlsx/model.hpp"
#include "util/result.hpp"

namespace bp::xlsx {

struct Part {
    std::string name;  // zip entry name: xl/workbook.xml
    std::string bytes;
};

// Checks the workbook (sheet names, limits) and builds its parts in package order.
Result<std::vector<Part>> build_parts(const Workbook& wb);

// Writes the .xlsx file; on failure nothing is left at `path`.
Status write_package(std::vector<Part> parts, const std::string& path);
Status write_workbook(const Workbook& wb, const std::string& path);

}  // namespace bp::xlsx
