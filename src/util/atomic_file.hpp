// Outputs appear whole or not at all: each is written to a temporary file in
// the same directory, and all are renamed into place only when every one of
// them was written. Until commit(), nothing a user can see has changed.
#pragma once

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

    // Removes outputs of an earlier run that this run did not replace.
    static void remove_stale(const std::string& dir, const std::vector<std::string>& names);

private:
    std::string m_dir;
    std::mutex m_mutex;
    std::vector<std::pair<std::string, std::string>> m_pending;  // temp path, final path
};

}  // namespace bp
