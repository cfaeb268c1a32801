#include "app/build_queue.hpp"

namespace bp::app {

BuildQueue::BuildQueue(unsigned workers) {
    for (unsigned i = 0; i < workers; ++i) m_threads.emplace_back([this] { work(); });
}

BuildQueue::~BuildQueue() { stop(); }

void BuildQueue::push(Job job) {
    {
        std::lock_guard lock(m_mutex);
        if (!m_stopping) {
            m_jobs.push_back(std::move(job));
            job = {};
        }
    }
    if (job.run) job.run(true);  // stopping: dropped at once
    m_cv.notify_one();
}

void BuildQueue::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_cv.notify_all();
    for (auto& t : m_threads)
        if (t.joinable()) t.join();
    m_threads.clear();
}

void BuildQueue::work() {
    for (;;) {
        Job job;
        bool stopping;
        {
            std::unique_lock lock(m_mutex);
            m_cv.wait(lock, [this] { return m_stopping || !m_jobs.empty(); });
            if (m_jobs.empty()) return;
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
            stopping = m_stopping;
        }
        // While stopping, the jobs still queued are only cleaned up.
        bool cancelled = stopping || (job.abandoned && job.abandoned());
        try {
            job.run(cancelled);
        } catch (...) {  // a job answers its own failures; nothing may end this thread
        }
    }
}

}  // namespace bp::app
