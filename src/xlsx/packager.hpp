// Assembles every part of a workbook in a fixed order and zips them (with
// util's ZipWriter). Parts go into the zip entry as they are made: the
// worksheets and shared strings are streamed, the small parts are pugixml
// documents written out whole.
#pragma once

#include <string>
#include <vector>

#include "xlsx/model.hpp"
#include "util/byte_sink.hpp"
#include "util/result.hpp"

namespace bp::xlsx {

// Where the packager puts the parts, in package order: a zip file, or a list.
class PackageSink {
public:
    virtual ~PackageSink() = default;
    // Starts part `name` (zip entry name: xl/workbook.xml); its bytes follow through bytes().
    virtual Status begin_part(const std::string& name) = 0;
    virtual ByteSink& bytes() = 0;
};

// Checks the workbook (sheet names, limits) and writes its parts in package order.
Status write_parts(const Workbook& wb, PackageSink& out);

struct Part {
    std::string name;
    std::string bytes;
};
// The parts held whole, for tests.
Result<std::vector<Part>> build_parts(const Workbook& wb);

// Writes the .xlsx file; on failure nothing is left at `path`.
Status write_workbook(const Workbook& wb, const std::string& path);

}  // namespace bp::xlsx
