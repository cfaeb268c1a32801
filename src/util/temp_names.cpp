#include "util/temp_names.hpp"

#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <charconv>

namespace bp {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view k_file_mark = ".boardpack-tmp-", k_stage_mark = ".boardpack-stage-", k_legacy_mark = ".tmp-";

// Letters and digits only, so the name splits back at its dashes.
const std::string& host_tag() {
    static const std::string tag = [] {
        char buf[256] = {};
        ::gethostname(buf, sizeof buf - 1);
        std::string t;
        for (const char* c = buf; *c && t.size() < 32; ++c)
            if (std::isalnum(static_cast<unsigned char>(*c))) t += *c;
        return t.empty() ? std::string("host") : t;
    }();
    return tag;
}

bool digits(std::string_view s, long* value = nullptr) {
    if (s.empty() || s.size() > 18) return false;
    long v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || p != s.data() + s.size()) return false;
    if (value) *value = v;
    return true;
}

// The counter N, and what a library may add when it writes through its own
// temporary beside ours (the zip writer, as libzip did: ".XXXXXX").
bool counter_part(std::string_view s) {
    auto dot = s.find('.');
    if (dot == std::string_view::npos) return digits(s);
    std::string_view extra = s.substr(dot + 1);
    return digits(s.substr(0, dot)) && extra.size() == 6 &&
           std::all_of(extra.begin(), extra.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
}

}  // namespace

std::string temp_name(std::string_view target, TempKind kind) {
    static std::atomic<unsigned> counter{0};
    return fmt::format(".{}{}{}-{}-{}", target, kind == TempKind::file ? k_file_mark : k_stage_mark, host_tag(),
                       ::getpid(), counter++);
}

std::optional<TempName> parse_temp_name(std::string_view name) {
    if (name.size() < 2 || name[0] != '.') return std::nullopt;
    name.remove_prefix(1);
    // HOST-PID-N after the mark, or PID-N after the older mark.
    auto split = [](std::string_view rest, std::string_view& a, std::string_view& b) {
        auto dash = rest.rfind('-');
        if (dash == std::string_view::npos) return false;
        a = rest.substr(0, dash), b = rest.substr(dash + 1);
        return true;
    };
    for (auto [mark, kind] : {std::pair{k_file_mark, TempKind::file}, std::pair{k_stage_mark, TempKind::stage}}) {
        auto at = name.rfind(mark);
        if (at == std::string_view::npos || at == 0) continue;
        std::string_view host_pid, n, host, pid;
        if (!split(name.substr(at + mark.size()), host_pid, n) || !counter_part(n) || !split(host_pid, host, pid)) continue;
        TempName t{std::string(name.substr(0, at)), kind, std::string(host), 0};
        if (host.empty() || !digits(pid, &t.pid)) continue;
        return t;
    }
    auto at = name.rfind(k_legacy_mark);
    std::string_view pid, n;
    TempName t{std::string(name.substr(0, at == std::string_view::npos ? 0 : at)), TempKind::file, {}, 0};
    if (at == std::string_view::npos || at == 0 || !split(name.substr(at + k_legacy_mark.size()), pid, n) ||
        !counter_part(n) || !digits(pid, &t.pid))
        return std::nullopt;
    return t;
}

bool is_stale(const fs::path& path, const TempName& t) {
    std::error_code ec;
    auto age = fs::file_time_type::clock::now() - fs::last_write_time(path, ec);
    if (!ec && age > k_stale_after) return true;
    // Another host's process cannot be asked; the older form never said its host.
    if (!t.host.empty() && t.host != host_tag()) return false;
    return t.pid > 0 && ::kill(static_cast<pid_t>(t.pid), 0) != 0 && errno == ESRCH;
}

}  // namespace bp
