#include "app/interrupt.hpp"

#include <pthread.h>
#include <signal.h>

namespace bp::app {

namespace {
sigset_t interrupt_signals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    return set;
}
}  // namespace

Interrupt::Interrupt(std::function<void()> on_signal) : m_on_signal(std::move(on_signal)) {
    sigset_t set = interrupt_signals();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    m_thread = std::thread([this] { watch(); });
}

Interrupt::~Interrupt() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_cv.notify_all();
    m_thread.join();
    sigset_t set = interrupt_signals();
    pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
}

void Interrupt::watch() {
    sigset_t set = interrupt_signals();
    const timespec tick{0, 200'000'000};
    while (!m_stop) {
        if (sigtimedwait(&set, nullptr, &tick) < 0) continue;  // timeout or EINTR
        {
            std::lock_guard lock(m_mutex);
            m_requested = true;
        }
        m_cv.notify_all();
        if (m_on_signal) m_on_signal();
        // Only this thread takes the signals now, with their default action:
        // a second Ctrl-C ends a finish that takes too long.
        pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
        break;
    }
    std::unique_lock lock(m_mutex);
    m_cv.wait(lock, [this] { return m_stop.load(); });
}

bool Interrupt::wait_for(std::chrono::milliseconds d) {
    std::unique_lock lock(m_mutex);
    return m_cv.wait_for(lock, d, [this] { return m_requested.load(); });
}

}  // namespace bp::app
