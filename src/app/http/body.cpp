#include "app/http/body.hpp"

#include <algorithm>

#include "util/utf8.hpp"

namespace bp::app::http {

namespace {
constexpr std::size_t k_max_line = 4096;      // a chunk-size line with its extensions
constexpr std::size_t k_max_trailer = 16384;  // all trailer lines together
}  // namespace

BodyDecoder::BodyDecoder(const Request& head, std::uint64_t max_bytes) : m_max(max_bytes) {
    if (head.chunked) {
        m_state = State::size_line;
    } else {
        m_remaining = head.content_length.value_or(0);
        m_state = m_remaining ? State::length : State::done;
    }
}

BodyDecoder::Step BodyDecoder::fail(Step s, int status, std::string code, std::string message) {
    s.error = HeadError{status, std::move(code), std::move(message)};
    m_state = State::done;
    return s;
}

BodyDecoder::Step BodyDecoder::feed(std::string_view in, const Sink& sink) {
    Step s;
    auto emit = [&](std::string_view bytes) {
        m_decoded += bytes.size();
        return bytes.empty() || sink(bytes);
    };
    // Takes one line (to LF) into m_line; true once it is complete, without its CR LF.
    auto take_line = [&](std::size_t limit) -> std::optional<bool> {
        std::string_view rest = in.substr(s.consumed);
        auto nl = rest.find('\n');
        std::size_t n = nl == std::string_view::npos ? rest.size() : nl + 1;
        if (m_line.size() + n > limit) return std::nullopt;
        m_line.append(rest.substr(0, n));
        s.consumed += n;
        if (nl == std::string_view::npos) return false;
        m_line.pop_back();
        if (!m_line.empty() && m_line.back() == '\r') m_line.pop_back();
        return true;
    };
    while (m_state != State::done) {
        if (s.consumed == in.size()) return s;
        switch (m_state) {
            case State::length:
            case State::data: {
                std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(m_remaining, in.size() - s.consumed));
                std::string_view bytes = in.substr(s.consumed, n);
                s.consumed += n;
                m_remaining -= n;
                if (m_state == State::length && m_remaining == 0) m_state = State::done;
                else if (m_state == State::data && m_remaining == 0) m_state = State::data_end;
                if (!emit(bytes)) {
                    s.stopped = true;
                    return s;
                }
                break;
            }
            case State::size_line: {
                auto complete = take_line(k_max_line);
                if (!complete) return fail(s, 400, "bad_chunking", "a chunk-size line is too long");
                if (!*complete) return s;
                std::string_view line(m_line);
                line = line.substr(0, line.find(';'));  // chunk extensions are ignored
                while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
                if (line.empty() || line.size() > 15)
                    return fail(s, 400, "bad_chunking", "a chunk size is not a hexadecimal number");
                std::uint64_t size = 0;
                for (char c : line) {
                    int d = hex_digit(c);
                    if (d < 0) return fail(s, 400, "bad_chunking", "a chunk size is not a hexadecimal number");
                    size = size * 16 + static_cast<unsigned>(d);
                }
                m_line.clear();
                if (size > m_max - std::min(m_max, m_decoded))
                    return fail(s, 413, "request_too_large", "the request body is over the limit");
                m_remaining = size;
                m_state = size ? State::data : State::trailer;
                break;
            }
            case State::data_end: {
                auto complete = take_line(2);
                if (!complete || (*complete && !m_line.empty()))
                    return fail(s, 400, "bad_chunking", "a chunk does not end where its size says");
                if (!*complete) return s;
                m_state = State::size_line;
                break;
            }
            case State::trailer: {
                std::size_t before = s.consumed;
                auto complete = take_line(k_max_line);
                m_trailer_bytes += s.consumed - before;
                if (!complete || m_trailer_bytes > k_max_trailer)
                    return fail(s, 400, "bad_chunking", "the chunked body's trailer is too long");
                if (!*complete) return s;
                if (m_line.empty()) m_state = State::done;  // trailer fields are read and dropped
                m_line.clear();
                break;
            }
            case State::done:
                break;
        }
    }
    s.done = true;
    return s;
}

}  // namespace bp::app::http
