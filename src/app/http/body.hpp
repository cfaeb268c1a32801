// A request body as it arrives: framed by Content-Length or by chunked
// transfer coding. Bytes are pushed in as they are received; the decoded
// body comes out through a callback, never held whole.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "app/http/request.hpp"

namespace bp::app::http {

class BodyDecoder {
public:
    // The decoded body goes to `sink`; a false return stops the decoding (the
    // sink has refused the body and answers for itself).
    using Sink = std::function<bool(std::string_view)>;

    // From a parsed head: Content-Length, chunked or (no framing) empty.
    // A chunked body longer than `max_bytes` is refused while it is read.
    BodyDecoder(const Request& head, std::uint64_t max_bytes);

    struct Step {
        std::size_t consumed = 0;  // bytes of the input taken; the rest belongs to the next request
        bool done = false;         // the body is complete
        bool stopped = false;      // the sink returned false
        std::optional<HeadError> error;  // malformed chunking, or over `max_bytes`
    };
    Step feed(std::string_view in, const Sink& sink);

    std::uint64_t decoded() const { return m_decoded; }

private:
    enum class State { length, size_line, data, data_end, trailer, done };
    Step fail(Step s, int status, std::string code, std::string message);

    State m_state;
    std::uint64_t m_remaining = 0;  // of the body (length) or of the chunk (data)
    std::uint64_t m_max;
    std::uint64_t m_decoded = 0;
    std::string m_line;             // a chunk-size or trailer line being collected
    std::size_t m_trailer_bytes = 0;
};

}  // namespace bp::app::http
