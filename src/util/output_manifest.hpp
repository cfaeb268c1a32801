// The manifest boardpack keeps in each output folder, `.boardpack-manifest.json`:
// the files it wrote there, with their sizes and SHA-256. A file is boardpack's
// own only while the manifest lists it and its content still matches, so a
// user's file of the same name, or an output the user edited since, is never
// replaced, removed or read back as an input. A name may be in one subfolder
// ("returns/plan - checked.xlsx"), never further out.
//
//   {"manifest": "boardpack output manifest", "version": 1, "state": "complete",
//    "written_by": "boardpack 1.0.0", "written_at": "2026-11-22T09:14:02Z",
//    "files": [{"name": "scorecard.xlsx", "bytes": 48213, "sha256": "9f86d0…"}, …]}
//
// "state" is "replacing" while a set is being replaced file by file (a folder
// shared with other files, see output_folder.hpp); "previous" then lists the
// set being replaced, and both sets count as boardpack's.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "util/result.hpp"
#include "util/sha256.hpp"

namespace bp {

inline constexpr const char* k_manifest_name = ".boardpack-manifest.json";

struct ManifestEntry {
    std::string name;
    FileDigest digest;
};

struct Manifest {
    bool complete = true;
    std::vector<ManifestEntry> files;
    std::vector<ManifestEntry> previous;  // while replacing
    std::string written_by, written_at;
};

struct FolderManifest {
    std::optional<Manifest> manifest;
    bool foreign = false;  // a file with the manifest's name that is not a manifest boardpack can read
};
FolderManifest read_manifest(const std::filesystem::path& dir);

// Written to a temporary, synced and renamed into place; written_at is now.
Status write_manifest(const std::filesystem::path& dir, const Manifest& m);

// `dir/name` is listed (in either set) with exactly its present content.
bool is_own(const Manifest& m, const std::filesystem::path& dir, const std::string& name);

// Every file of `dir` that is boardpack's own by its manifest (none without one).
std::vector<std::string> own_files(const std::filesystem::path& dir);

}  // namespace bp
