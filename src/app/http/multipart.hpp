// multipart/form-data (RFC 7578) as it arrives: bytes are pushed in, and
// each part's headers and then its content come out through callbacks, so an
// upload streams to disk without being held in memory. Part names and file
// names are made valid UTF-8 here, once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bp::app::http {

// The boundary parameter of a multipart/form-data Content-Type, if it is one.
std::optional<std::string> multipart_boundary(std::string_view content_type);

struct PartHead {
    std::string name;      // the form field
    std::string filename;  // as sent (browsers send the base name only)
    bool has_filename = false;
    std::string content_type;
};

class MultipartParser {
public:
    class Handler {
    public:
        virtual ~Handler() = default;
        // Each returns false to stop the parse (the handler has refused the upload).
        virtual bool on_part(const PartHead& head) = 0;
        virtual bool on_data(std::string_view bytes) = 0;
        virtual bool on_part_end() = 0;
    };

    struct Limits {
        std::size_t max_part_head_bytes = 16 * 1024;
        std::size_t max_parts = 1000;
    };

    MultipartParser(std::string boundary, Handler& handler, Limits limits);
    MultipartParser(std::string boundary, Handler& handler) : MultipartParser(std::move(boundary), handler, Limits{}) {}

    // Feeds the next bytes of the body. False: malformed (error() says why)
    // or stopped by the handler (stopped()).
    bool feed(std::string_view bytes);
    // The body has ended: true when the closing boundary was seen.
    bool finish();

    bool stopped() const { return m_stopped; }
    const std::string& error() const { return m_error; }

private:
    enum class State { preamble, after_boundary, part_head, content, epilogue, failed };
    bool fail(std::string message);
    bool parse_part_head(std::string_view block);
    bool step();

    std::string m_delimiter;  // CR LF "--" boundary
    Handler& m_handler;
    Limits m_limits;
    State m_state = State::preamble;
    std::string m_buffer;     // bytes not yet consumed
    std::size_t m_parts = 0;
    bool m_stopped = false;
    std::string m_error;
};

}  // namespace bp::app::http
