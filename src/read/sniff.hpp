// Recognises what a file is before it is opened as a zip, so a .xls, an
// encrypted workbook or a CSV renamed .xlsx gets a message that says so.
#pragma once

#include <string>
#include <string_view>

#include "util/result.hpp"

namespace bp::read {

// `head` is the file's first bytes (at least 8 if the file has them);
// `whole` is the whole file when already in memory, else empty (then the
// OLE directory is scanned from `path`).
Status sniff_container(std::string_view head, std::string_view whole, const std::string& path,
                       const std::string& label);

}  // namespace bp::read
