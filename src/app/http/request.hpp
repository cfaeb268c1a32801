// The head of an HTTP/1.1 request (request line and header fields), parsed
// strictly: anything a proxy and this server could read differently (two
// lengths, a length and chunking, folded lines, spaces before a colon) is
// refused rather than guessed. Header values are made valid UTF-8 here, once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace bp::app::http {

struct HeadLimits {
    std::size_t max_head_bytes = 16 * 1024;  // request line and headers together
    std::size_t max_target_bytes = 8 * 1024;
    std::size_t max_fields = 100;
};

struct Request {
    std::string method;   // GET, POST, ... (upper-case token, as sent)
    std::string target;   // as sent: /path?query
    std::string path;     // target before any '?', not decoded
    int minor_version = 1;  // HTTP/1.x
    std::vector<std::pair<std::string, std::string>> fields;  // names lower-cased, values trimmed, valid UTF-8
    std::optional<std::uint64_t> content_length;
    bool chunked = false;
    bool keep_alive = true;
    bool expect_continue = false;

    // The first field of that (lower-case) name.
    const std::string* field(std::string_view name) const;
    std::string field_or_empty(std::string_view name) const;
    bool has_body() const { return chunked || content_length.value_or(0) > 0; }
};

// Why a head was refused: a status (400, 414, 431, 501, 505) and a reason.
struct HeadError {
    int status = 400;
    std::string code;
    std::string message;
};

// Where the head ends in `buffer` (the byte after its blank line), or 0 when
// it is not complete yet. Lines end in CRLF or a bare LF.
std::size_t head_end(std::string_view buffer);

// Parses a complete head (as delimited by head_end).
std::variant<Request, HeadError> parse_head(std::string_view head, const HeadLimits& limits = {});

// Case-insensitive ASCII comparison, for field names, tokens and host names.
bool iequals(std::string_view a, std::string_view b);

}  // namespace bp::app::http
