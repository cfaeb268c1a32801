// Whether one path lies inside another, however either is spelled. Strings
// cannot tell: a symlink, a `..` after one, a bind mount or a second mount of
// the same share all name one folder twice. Folders are compared by device and
// inode, ancestor by ancestor; only a part that does not exist yet is compared
// by name.
#pragma once

#include <filesystem>

namespace bp {

// `inner` is `outer` itself or lies somewhere below it.
bool within(const std::filesystem::path& inner, const std::filesystem::path& outer);

// The path with symlinks and `..` resolved as far as it exists, for messages.
std::filesystem::path resolved(const std::filesystem::path& p);

}  // namespace bp
