#include "util/ini.hpp"

#include <fstream>
#include <optional>
#include <sstream>
#include <utility>
#include <vector>

#include "util/utf8.hpp"

namespace bp {

namespace {
std::string trim(std::string_view s) {
    auto b = s.find_first_not_of(" \t\r");
    if (b == std::string_view::npos) return {};
    auto e = s.find_last_not_of(" \t\r");
    return std::string(s.substr(b, e - b + 1));
}
}  // namespace

Error ini_error(const std::string& name, long line, const std::string& what) {
    Location where;
    where.file = name;
    where.line = line;
    return make_error(Errc::usage, "line " + std::to_string(line) + ": " + what, where);
}

Status read_ini(std::string_view text, const std::string& name, const IniHandlers& handlers, const IniSyntax& syntax) {
    std::istringstream in{std::string(text)};
    std::string raw;
    long n = 0;
    // A setting is passed on once its continuation lines (if any) have been read.
    std::optional<std::pair<long, std::string>> pending;
    auto flush = [&]() -> Status {
        if (!pending) return Ok{};
        auto [line, setting] = std::move(*pending);
        pending.reset();
        auto eq = syntax.split_at_last_equals ? setting.rfind('=') : setting.find('=');
        if (eq == std::string::npos) return ini_error(name, line, "'" + setting + "' is not 'key = value'");
        return handlers.setting(line, trim(std::string_view(setting).substr(0, eq)),
                                trim(std::string_view(setting).substr(eq + 1)));
    };
    while (std::getline(in, raw)) {
        ++n;
        if (n == 1 && raw.starts_with("\xEF\xBB\xBF")) raw.erase(0, 3);
        if (!valid_utf8(raw)) return ini_error(name, n, "is not UTF-8 text: save the file as UTF-8");
        if (syntax.trailing_comments) {
            if (auto hash = raw.find(" #"); hash != std::string::npos) raw.resize(hash);
        }
        std::string line = trim(raw);
        bool continuation =
            syntax.continuations && !raw.empty() && (raw[0] == ' ' || raw[0] == '\t') && !line.empty();
        if (continuation && pending && line[0] != '#' && line[0] != ';') {
            pending->second += " " + line;
            continue;
        }
        BP_TRY(flush());
        if (line.empty() || line[0] == '#' || line[0] == ';') continue;
        if (line.front() == '[') {
            BP_TRY(handlers.heading(n, line));
            continue;
        }
        pending.emplace(n, line);
    }
    return flush();
}

Result<std::string> read_text_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return make_error(Errc::io, "cannot be opened: check the path", {path});
    std::stringstream ss;
    ss << in.rdbuf();
    if (in.bad()) return make_error(Errc::io, "cannot be read", {path});
    return ss.str();
}

}  // namespace bp
