// The names of boardpack's own temporary files and staging folders, and
// whether one is stale. A temporary is named after what it becomes, the host
// and the process that made it:
//     .scorecard.xlsx.boardpack-tmp-HOST-PID-N     (a file, in the output folder)
//     .PACK.boardpack-stage-HOST-PID-N             (a folder, beside the output folder)
// so that a later run can tell a leftover of a killed run (the process is gone
// on this host, or the file is hours old) from one still being written, and
// from anything else, which it never touches. The zip writer's own temporary of one of
// ours (the name plus ".XXXXXX") counts as ours too.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace bp {

enum class TempKind { file, stage };

// A fresh name (not a path) for a temporary that will become `target`.
std::string temp_name(std::string_view target, TempKind kind);

struct TempName {
    std::string target;  // what it was to become
    TempKind kind = TempKind::file;
    std::string host;    // empty for the older `.NAME.tmp-PID-N` form (boardpack before the manifest)
    long pid = 0;
};
// What a name says, if it is one of boardpack's temporaries.
std::optional<TempName> parse_temp_name(std::string_view name);

// Leftovers older than this are stale whoever made them (another host's run,
// or a process id reused since).
inline constexpr std::chrono::hours k_stale_after{6};

// The temporary at `path` (named as above) belongs to no running boardpack.
bool is_stale(const std::filesystem::path& path, const TempName& t);

}  // namespace bp
