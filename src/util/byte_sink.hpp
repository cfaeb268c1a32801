// Where a streaming writer's bytes go (a zip entry's deflate stream, a stdio
// stream, a string), and the large buffer in front of one: writers append
// small pieces, the sink gets them in big chunks.
#pragma once

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

namespace bp {

class ByteSink {
public:
    virtual ~ByteSink() = default;
    // A sink that fails keeps the failure and says so where it is finished.
    virtual void write(std::string_view bytes) = 0;
};

class StringSink : public ByteSink {
public:
    void write(std::string_view bytes) override { text.append(bytes); }
    std::string text;
};

// fwrite of each chunk; remembers the first failure.
class FileSink : public ByteSink {
public:
    explicit FileSink(std::FILE* file) : m_file(file) {}
    void write(std::string_view bytes) override {
        if (m_ok && std::fwrite(bytes.data(), 1, bytes.size(), m_file) != bytes.size()) m_ok = false;
    }
    bool ok() const { return m_ok; }

private:
    std::FILE* m_file;
    bool m_ok = true;
};

class BufferedOutput {
public:
    BufferedOutput(ByteSink& sink, std::size_t capacity)
        : m_sink(sink), m_buf(new char[capacity]), m_capacity(capacity) {}
    ~BufferedOutput() { flush(); }
    BufferedOutput(const BufferedOutput&) = delete;
    BufferedOutput& operator=(const BufferedOutput&) = delete;

    void append(std::string_view s) {
        if (s.size() <= m_capacity - m_used) {
            std::memcpy(m_buf.get() + m_used, s.data(), s.size());
            m_used += s.size();
            return;
        }
        append_in_chunks(s);
    }
    // Room for n bytes (n at most the capacity) at the end, to format into; commit() what was used.
    char* room(std::size_t n) {
        if (m_capacity - m_used < n) flush();
        return m_buf.get() + m_used;
    }
    void commit(std::size_t n) { m_used += n; }
    void flush() {
        if (m_used) m_sink.write(std::string_view(m_buf.get(), m_used));
        m_used = 0;
    }

private:
    void append_in_chunks(std::string_view s) {
        while (!s.empty()) {
            if (m_used == m_capacity) flush();
            std::size_t n = std::min(s.size(), m_capacity - m_used);
            std::memcpy(m_buf.get() + m_used, s.data(), n);
            m_used += n;
            s.remove_prefix(n);
        }
    }

    ByteSink& m_sink;
    std::unique_ptr<char[]> m_buf;
    std::size_t m_capacity;
    std::size_t m_used = 0;
};

}  // namespace bp
