// SIGINT and SIGTERM as an event for long-running commands (serve, batch
// --watch): the first one asks for a clean finish, a second one ends the
// process at once. Construct it before starting other threads, which then
// inherit the blocked signal mask.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace bp::app {

class Interrupt {
public:
    // `on_signal` runs on the watcher thread, once.
    explicit Interrupt(std::function<void()> on_signal = {});
    ~Interrupt();
    Interrupt(const Interrupt&) = delete;
    Interrupt& operator=(const Interrupt&) = delete;

    bool requested() const { return m_requested.load(); }
    // Sleeps up to `d`; returns true as soon as an interrupt is requested.
    bool wait_for(std::chrono::milliseconds d);

private:
    void watch();

    std::function<void()> m_on_signal;
    std::atomic<bool> m_requested{false};
    std::atomic<bool> m_stop{false};
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::thread m_thread;
};

}  // namespace bp::app
