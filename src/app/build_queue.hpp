// Builds for the web page, a few at a time (one per core): the server's own
// thread never builds. A job whose client has gone before its turn is
// dropped without running, and one that is running is told through the same
// flag, so a client that leaves does not keep a build slot.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace bp::app {

class BuildQueue {
public:
    // `run(job, cancelled)`: `cancelled` is true when the job is dropped unrun
    // (its client went away, or the queue is stopping), so it can clean up.
    struct Job {
        std::function<void(bool cancelled)> run;
        std::function<bool()> abandoned;  // the client has gone
    };

    explicit BuildQueue(unsigned workers);
    ~BuildQueue();  // stop()
    BuildQueue(const BuildQueue&) = delete;
    BuildQueue& operator=(const BuildQueue&) = delete;

    void push(Job job);
    // Jobs still waiting are dropped (run with cancelled = true); running ones finish.
    void stop();

private:
    void work();

    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<Job> m_jobs;
    bool m_stopping = false;
    std::vector<std::thread> m_threads;
};

}  // namespace bp::app
