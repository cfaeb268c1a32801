// Inflates a zip entry ahead of its parser on a second thread, so that
// inflating and parsing a large worksheet overlap on two cores. Small entries
// are read inline (a thread costs more than it saves).
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "util/zip.hpp"

namespace bp {

class Prefetcher {
public:
    Prefetcher(ZipStream& stream, std::size_t chunk_bytes, bool threaded);
    ~Prefetcher();
    Prefetcher(const Prefetcher&) = delete;
    Prefetcher& operator=(const Prefetcher&) = delete;

    // Appends the next chunk to `out`; returns its size, 0 at the end.
    Result<std::size_t> append_to(std::string& out);

private:
    void produce();

    ZipStream& m_stream;
    std::size_t m_chunk;
    bool m_threaded;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::string> m_ready;
    std::vector<std::string> m_free;  // spent chunks, reused: no allocation per chunk
    std::optional<Error> m_error;
    bool m_done = false;
    bool m_stop = false;
    std::thread m_thread;
    static constexpr std::size_t k_depth = 8;
};

}  // namespace bp
