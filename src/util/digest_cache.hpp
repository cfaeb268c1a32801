// A file's digest taken once per process while the file is unchanged: a pack's
// outputs are checked against the manifest when the build starts and again when
// it commits, and each new output is digested on the thread that wrote it, so
// the commit (on the critical path) finds them done, and the old set, moved
// aside by the folder swap, is not read again. Unchanged means the same device,
// inode, size, modification and status-change times to the nanosecond: any
// write, rename or replacement of the file changes one of them (a rename of the
// folder it is in does not, and needs no new digest).
#pragma once

#include <filesystem>

#include "util/result.hpp"
#include "util/sha256.hpp"

namespace bp {

Result<FileDigest> digest_file_once(const std::filesystem::path& path);

}  // namespace bp
