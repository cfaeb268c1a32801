// The file name of a path: what follows its last '/', as std::filesystem::path::filename
// gives it on POSIX ("a/b.xlsx" -> "b.xlsx", "a/" -> ""), without parsing the path into
// parts: the scorecard names each record's workbook, 6,000 for a board-sized pack.
#pragma once

#include <string_view>

namespace bp {

inline std::string_view file_name_of(std::string_view path) {
    const auto slash = path.rfind('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace bp
