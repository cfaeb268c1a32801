// File-name patterns as people write them in settings files: "Kent*.xlsx".
#pragma once

#include <string_view>

namespace bp {

// A pattern against a file name: * any run, ? one character, case-insensitive (ASCII).
bool glob_match(std::string_view pattern, std::string_view name);

}  // namespace bp
