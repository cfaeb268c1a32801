// What batch prints while it works and when it is done: on a terminal a bar
// (packs done/total, elapsed time) redrawn in place; otherwise one plain line
// per pack, so logs and pipes get something readable. Then a summary table.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <set>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app/batch.hpp"

namespace bp::app {

enum class ProgressStyle {
    bar,    // terminal: one line redrawn in place
    lines,  // "[3/7] name: ..." per pack
    timed,  // "12:03:04 name: ..." per pack (--watch)
};

class BatchProgress {
public:
    BatchProgress(std::FILE* out, ProgressStyle style, std::size_t total, std::string out_dir);
    ~BatchProgress();
    BatchProgress(const BatchProgress&) = delete;
    BatchProgress& operator=(const BatchProgress&) = delete;

    void started(const std::string& name);
    void finished(const PackOutcome& outcome);
    // Erases the bar; call before printing anything else.
    void close();

private:
    void draw();  // with m_mutex held
    void tick();

    std::FILE* m_out;
    ProgressStyle m_style;
    std::size_t m_total, m_done = 0;
    std::string m_out_dir;
    std::set<std::string> m_running;
    std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_closed = false;
    std::thread m_ticker;  // redraws the bar once a second for the elapsed time
};

// "plan-workforce: 1 workbook, 1 error, 1 warning -> OUT/plan-workforce/"
std::string outcome_text(const PackOutcome& o, const std::string& out_dir);

// The table, then each pack not built and each workbook not read with its reason, one line
// each, and `exit_status` in words when there is one (a --watch session ends with 0).
void print_batch_table(std::FILE* out, const std::vector<PackOutcome>& outcomes, const std::string& out_dir,
                       double seconds, std::optional<int> exit_status = std::nullopt);

}  // namespace bp::app
