// Where a set of outputs (a pack) is written, under two rules:
//  * boardpack replaces or removes only files it wrote itself: the folder's
//    manifest says which (output_manifest.hpp). Any other file with an output's
//    name is "in the way", and the caller refuses before anything is touched.
//  * a new set appears at once. When the folder holds nothing but boardpack's
//    own files (a batch pack folder, a fresh --out), the set is written into a
//    staging folder beside it, with its manifest, and swapped in by one rename
//    (renameat2 RENAME_EXCHANGE): a crash leaves the old set or the new one,
//    never a mix. When the folder also holds other files (`--out .`), those stay
//    where they are: the outputs are renamed in one by one, and the manifest
//    says "replacing" (listing both sets) until the last one is in, so a crash
//    between renames is never taken for a complete pack. The same happens where
//    the file system has no RENAME_EXCHANGE (some network shares).
// An output may be named in a subfolder ("returns/plan - checked.xlsx"): the
// subfolder is made as needed, removed when boardpack's last file in it goes,
// and a file or symlink where it should be is in the way. "returns/*" among the
// names lets stale staging folders lose any file of that subfolder.
// Stale temporaries of a killed run (temp_names.hpp) are removed on the next
// open of the same folder.
#pragma once

#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "util/result.hpp"

namespace bp {

class OutputFolder {
public:
    // `dir` need not exist. `written_by` goes into the manifest ("boardpack 1.0.0").
    OutputFolder(const std::filesystem::path& dir, std::vector<std::string> names, std::string written_by);
    ~OutputFolder();  // removes what was staged and not committed
    OutputFolder(const OutputFolder&) = delete;
    OutputFolder& operator=(const OutputFolder&) = delete;

    // Files named like an output (or like the manifest) that are not boardpack's,
    // as names inside the folder; the folder itself ("") when it is not a folder.
    std::vector<std::string> in_the_way() const;

    // Where to write output `name`; it becomes dir/name at commit(). Thread-safe.
    Result<std::filesystem::path> stage(const std::string& name);
    // Drops what was staged, so commit() clears the folder of boardpack's files.
    void discard();
    // Drops one staged output (its write failed): the set goes on without it.
    void discard(const std::string& name);
    // Publishes exactly the staged outputs; boardpack's files of the last set
    // that were not staged again are removed. Refuses if a file is in the way
    // (with nothing staged, it removes boardpack's files and leaves those).
    Status commit();

private:
    struct Look;
    Look look() const;
    Status ensure_stage_dir();
    Status commit_swap(const Look& now);
    Status commit_in_place(const Look& now);
    void drop_old_set(const std::vector<std::string>& own);

    std::filesystem::path m_dir;  // absolute, symlinks resolved
    std::vector<std::string> m_names;
    std::string m_written_by;
    bool m_swap = false;               // decided at open: the folder is boardpack's alone
    std::filesystem::path m_stage_dir;  // the staging folder beside m_dir (swap), once made
    std::mutex m_mutex;
    std::vector<std::pair<std::string, std::filesystem::path>> m_staged;  // name, where it is
};

// What to tell the user about files in the way in `shown_dir` (as they named it).
std::string in_the_way_message(const std::filesystem::path& shown_dir, const std::vector<std::string>& names);

// Removes boardpack's stale staging folders in `dir` (for packs of any name):
// batch calls it on OUT_DIR for packs that are no longer in IN_DIR.
void remove_stale_stages(const std::filesystem::path& dir, const std::vector<std::string>& names);

// A directory name that is one of boardpack's staging folders (never an input).
bool is_stage_name(const std::string& name);

}  // namespace bp
