// The INI dialect boardpack's settings files share (templates/report.ini,
// returns.ini, column mappings): `[block]` headings, `key = value` settings,
// whole-line comments (# or ;), an indented line continuing the setting above
// it, a UTF-8 byte order mark allowed; IniSyntax for the column mappings' ways. What the blocks and keys mean is the
// caller's; this only splits the text and numbers the lines.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace bp {

// Where dialects differ. The defaults are the report template's.
struct IniSyntax {
    bool continuations = true;    // an indented line continues the setting above it
    bool trailing_comments = false;  // " #" ends a line (a heading may hold '#' without the space: "Indicator #")
    bool split_at_last_equals = false;  // key = value at the last '=' (a heading may hold '=')
};

struct IniHandlers {
    // A line starting '[' (trimmed), as written: the caller checks the closing ']'.
    std::function<Status(long line, const std::string& heading)> heading;
    // `key = value`, both trimmed (the value may be empty), split at the first '='.
    std::function<Status(long line, const std::string& key, const std::string& value)> setting;
};

// Reads `text`, calling the handlers in line order; stops at the first error
// (a handler's, or a line that is neither). Errors name `name` and the line.
Status read_ini(std::string_view text, const std::string& name, const IniHandlers& handlers,
                const IniSyntax& syntax = {});

// An error at a line of an INI file: where.file = name, where.line = line,
// message "line N: what".
Error ini_error(const std::string& name, long line, const std::string& what);

// The text of a settings file, or an error naming it.
Result<std::string> read_text_file(const std::string& path);

}  // namespace bp
