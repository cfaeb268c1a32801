#include "app/http/request.hpp"

#include <cstdint>

#include "util/utf8.hpp"
#include "util/utf8_repair.hpp"

namespace bp::app::http {

namespace {

bool is_token_char(unsigned char c) {
    if (c >= '0' && c <= '9') return true;
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return true;
    return std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

bool is_token(std::string_view s) {
    if (s.empty()) return false;
    for (unsigned char c : s)
        if (!is_token_char(c)) return false;
    return true;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// Splits off the next line (without its CR LF or LF).
std::string_view next_line(std::string_view& rest) {
    auto nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
}

// A decimal length: digits only (no sign, no spaces, no hex); one too large
// to hold is over every limit, so it saturates.
std::optional<std::uint64_t> parse_length(std::string_view s) {
    if (s.empty()) return std::nullopt;
    std::uint64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        unsigned d = static_cast<unsigned>(c - '0');
        v = v > (UINT64_MAX - d) / 10 ? UINT64_MAX : v * 10 + d;
    }
    return v;
}

// Whether a comma-separated list of tokens (Connection, Transfer-Encoding) holds `token`.
bool list_has(std::string_view list, std::string_view token) {
    while (!list.empty()) {
        auto comma = list.find(',');
        if (iequals(trim(list.substr(0, comma)), token)) return true;
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
    }
    return false;
}

HeadError bad(std::string message) { return {400, "bad_request", std::move(message)}; }

}  // namespace

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && ascii_lower(a) == ascii_lower(b);
}

const std::string* Request::field(std::string_view name) const {
    for (const auto& [n, v] : fields)
        if (n == name) return &v;
    return nullptr;
}

std::string Request::field_or_empty(std::string_view name) const {
    const std::string* v = field(name);
    return v ? *v : std::string();
}

std::size_t head_end(std::string_view buffer) {
    for (std::size_t nl = buffer.find('\n'); nl != std::string_view::npos; nl = buffer.find('\n', nl + 1)) {
        std::size_t next = nl + 1;
        if (next < buffer.size() && buffer[next] == '\n') return next + 1;
        if (next + 1 < buffer.size() && buffer[next] == '\r' && buffer[next + 1] == '\n') return next + 2;
    }
    return 0;
}

std::variant<Request, HeadError> parse_head(std::string_view head, const HeadLimits& limits) {
    if (head.size() > limits.max_head_bytes)
        return HeadError{431, "head_too_large", "the request's header fields are too large"};
    // Empty lines before the request line are allowed (RFC 9112 2.2).
    std::string_view rest = head;
    std::string_view line;
    do {
        if (rest.empty()) return bad("the request has no request line");
        line = next_line(rest);
    } while (line.empty());

    Request r;
    auto sp1 = line.find(' ');
    auto sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
    if (sp2 == std::string_view::npos || line.find(' ', sp2 + 1) != std::string_view::npos)
        return bad("the request line is not METHOD TARGET HTTP/1.1");
    std::string_view method = line.substr(0, sp1), target = line.substr(sp1 + 1, sp2 - sp1 - 1),
                     version = line.substr(sp2 + 1);
    if (!is_token(method)) return bad("the request method is not a token");
    if (target.size() > limits.max_target_bytes) return HeadError{414, "uri_too_long", "the request's path is too long"};
    if (target.empty() || target.front() != '/') return bad("the request's path must start with '/'");
    for (unsigned char c : target)
        if (c <= 0x20 || c >= 0x7f) return bad("the request's path holds a character that must be percent-encoded");
    if (version.size() != 8 || !version.starts_with("HTTP/1.") || version[7] < '0' || version[7] > '9') {
        if (version.starts_with("HTTP/")) return HeadError{505, "http_version", "only HTTP/1.0 and HTTP/1.1 are spoken here"};
        return bad("the request line does not end in HTTP/1.1");
    }
    r.method = method;
    r.target = target;
    r.path = target.substr(0, target.find('?'));
    r.minor_version = version[7] - '0';

    std::optional<std::string_view> length_text;
    std::string transfer_encoding;
    while (!rest.empty()) {
        line = next_line(rest);
        if (line.empty()) break;  // the blank line ending the head
        if (line.front() == ' ' || line.front() == '\t') return bad("folded header lines are not accepted");
        auto colon = line.find(':');
        if (colon == std::string_view::npos) return bad("a header line has no ':'");
        std::string_view name = line.substr(0, colon);
        if (!is_token(name)) return bad("a header name is not a token (no spaces before the ':')");
        std::string_view value = trim(line.substr(colon + 1));
        for (unsigned char c : value)
            if ((c < 0x20 && c != '\t') || c == 0x7f) return bad("a header value holds a control character");
        if (r.fields.size() == limits.max_fields)
            return HeadError{431, "head_too_large", "the request has too many header fields"};
        std::string lower = ascii_lower(name);
        if (lower == "content-length") {
            if (length_text && *length_text != value) return bad("the request has two different Content-Length values");
            length_text = value;
        } else if (lower == "host" && r.field("host")) {
            return bad("the request has two Host fields");
        } else if (lower == "transfer-encoding") {
            if (!transfer_encoding.empty()) transfer_encoding += ',';
            transfer_encoding += value;
        }
        r.fields.emplace_back(std::move(lower), utf8::repair(value));
    }

    if (!transfer_encoding.empty()) {
        if (length_text) return bad("the request has both Content-Length and Transfer-Encoding");
        if (!iequals(trim(transfer_encoding), "chunked"))
            return HeadError{501, "transfer_encoding", "only the 'chunked' transfer coding is accepted"};
        r.chunked = true;
    }
    if (length_text) {
        r.content_length = parse_length(*length_text);
        if (!r.content_length)
            return HeadError{400, "bad_length", "Content-Length must be a non-negative whole number of bytes"};
    }
    std::string connection = r.field_or_empty("connection");
    r.keep_alive = r.minor_version >= 1 ? !list_has(connection, "close") : list_has(connection, "keep-alive");
    if (const std::string* expect = r.field("expect")) {
        if (!iequals(*expect, "100-continue"))
            return HeadError{417, "expectation_failed", "the only expectation understood is 100-continue"};
        r.expect_continue = r.minor_version >= 1;
    }
    return r;
}

}  // namespace bp::app::http
