// Outputs appear whole or not at all: each is written to a temporary file in
// the same directory, and all are renamed into place only when every one of
// them was written. Until commit(), nothing a user can see has changed.
// (A pack's outputs go through OutputFolder, which adds the manifest and the
// one-rename swap; this is for single files: the template, the web page's zip,
// the manifest itself.)
#pragma once

#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "util/result.hpp"

namespace bp {

class OutputSet {
public:
    explicit OutputSet(std::string dir) : m_dir(std::move(dir)) {}
    ~OutputSet();  // removes temporaries not committed
    OutputSet(const OutputSet&) = delete;
    OutputSet& operator=(const OutputSet&) = delete;

    // Writes `name` (inside dir) through `write(temp_path)`. Safe to call from
    // several threads at once (outputs are written in parallel).
    Status add(const std::string& name, const std::function<Status(const std::string& temp_path)>& write);
    Status add_text(const std::string& name, const std::string& content);
    Status commit();

private:
    std::string m_dir;
    std::mutex m_mutex;
    std::vector<std::pair<std::string, std::string>> m_pending;  // temp path, final path
};

// Writes `content` to `path` (no temporary: for files inside a private staging folder).
Status write_text(const std::filesystem::path& path, const std::string& content);

// fsync(2) of a file or a folder, so a rename that follows survives a power cut.
Status sync_to_disk(const std::filesystem::path& path);
// Asks the kernel to start writing a file's dirty pages now, without waiting (Linux's
// sync_file_range; nothing elsewhere): a later sync_to_disk then waits for less. Best effort.
void start_writeback(const std::filesystem::path& path);

}  // namespace bp
