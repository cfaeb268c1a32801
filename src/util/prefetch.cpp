#include "util/prefetch.hpp"

namespace bp {

Prefetcher::Prefetcher(ZipStream& stream, std::size_t chunk_bytes, bool threaded)
    : m_stream(stream), m_chunk(chunk_bytes), m_threaded(threaded) {
    if (m_threaded) m_thread = std::thread([this] { produce(); });
}

Prefetcher::~Prefetcher() {
    if (!m_threaded) return;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
    }
    m_changed.notify_all();
    m_thread.join();
}

void Prefetcher::produce() {
    for (;;) {
        std::string chunk;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_changed.wait(lock, [this] { return m_stop || m_ready.size() < k_depth; });
            if (m_stop) return;
            if (!m_free.empty()) {
                chunk = std::move(m_free.back());
                m_free.pop_back();
            }
        }
        chunk.resize(m_chunk);
        auto got = m_stream.read(chunk.data(), chunk.size());
        std::lock_guard<std::mutex> lock(m_mutex);
        if (!got) {
            m_error = got.take_error();
            m_done = true;
        } else if (*got == 0) {
            m_done = true;
        } else {
            chunk.resize(*got);
            m_ready.push_back(std::move(chunk));
        }
        m_changed.notify_all();
        if (m_done) return;
    }
}

Result<std::size_t> Prefetcher::append_to(std::string& out) {
    if (!m_threaded) {
        if (out.empty()) {  // an entry of one chunk, inflated whole, is taken as it is rather than copied
            BP_ASSIGN_OR_RETURN(std::optional<std::string> whole, m_stream.take_whole(m_chunk));
            if (whole && !whole->empty()) {
                out = std::move(*whole);
                return out.size();
            }
        }
        std::size_t old = out.size();
        out.resize(old + m_chunk);
        auto got = m_stream.read(out.data() + old, m_chunk);
        out.resize(old + (got ? *got : 0));
        return got;
    }
    std::unique_lock<std::mutex> lock(m_mutex);
    m_changed.wait(lock, [this] { return !m_ready.empty() || m_done; });
    if (m_ready.empty()) {
        if (m_error) return *m_error;
        return std::size_t{0};
    }
    std::string chunk = std::move(m_ready.front());
    m_ready.pop_front();
    lock.unlock();
    out += chunk;
    std::size_t size = chunk.size();
    lock.lock();
    m_free.push_back(std::move(chunk));
    lock.unlock();
    m_changed.notify_all();
    return size;
}

}  // namespace bp
