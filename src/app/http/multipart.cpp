#include "app/http/multipart.hpp"

#include <algorithm>

#include "app/http/request.hpp"
#include "util/utf8.hpp"
#include "util/utf8_repair.hpp"

namespace bp::app::http {

namespace {

constexpr std::size_t k_max_boundary = 70;  // RFC 2046 5.1.1
constexpr std::size_t k_max_padding = 256;  // spaces and tabs allowed after a boundary

std::string_view skip_space(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    return s;
}

// One parameter of a header value (`; name=value` or `; name="value"`).
// Returns false at the end or on a malformed list.
bool next_param(std::string_view& s, std::string& name, std::string& value) {
    s = skip_space(s);
    if (s.empty()) return false;
    if (s.front() != ';') return false;
    s = skip_space(s.substr(1));
    std::size_t n = 0;
    while (n < s.size() && s[n] != '=' && s[n] != ';' && s[n] != ' ' && s[n] != '\t') ++n;
    name = ascii_lower(s.substr(0, n));
    s = skip_space(s.substr(n));
    value.clear();
    if (s.empty() || s.front() != '=') return !name.empty();  // a parameter without a value
    s = skip_space(s.substr(1));
    if (!s.empty() && s.front() == '"') {
        // Browsers percent-encode '"' in file names; other clients escape it as \" .
        // Any other backslash is kept (C:\fakepath\...).
        std::size_t i = 1;
        for (; i < s.size() && s[i] != '"'; ++i) {
            if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == '"') ++i;
            value += s[i];
        }
        if (i == s.size()) return false;  // no closing quote
        s.remove_prefix(i + 1);
    } else {
        std::size_t k = 0;
        while (k < s.size() && s[k] != ';' && s[k] != ' ' && s[k] != '\t') ++k;
        value = s.substr(0, k);
        s.remove_prefix(k);
    }
    return !name.empty();
}

}  // namespace

std::optional<std::string> multipart_boundary(std::string_view content_type) {
    std::string_view s = skip_space(content_type);
    auto semi = s.find(';');
    std::string_view type = s.substr(0, semi);
    while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
    if (!iequals(type, "multipart/form-data") || semi == std::string_view::npos) return std::nullopt;
    s.remove_prefix(semi);
    std::string name, value;
    while (next_param(s, name, value)) {
        if (name != "boundary") continue;
        if (value.empty() || value.size() > k_max_boundary) return std::nullopt;
        for (unsigned char c : value)
            if (c < 0x20 || c >= 0x7f) return std::nullopt;
        return value;
    }
    return std::nullopt;
}

MultipartParser::MultipartParser(std::string boundary, Handler& handler, Limits limits)
    : m_delimiter("\r\n--" + boundary), m_handler(handler), m_limits(limits) {
    m_buffer = "\r\n";  // so the first boundary, at the very start, looks like every other
}

bool MultipartParser::fail(std::string message) {
    m_state = State::failed;
    m_error = std::move(message);
    m_buffer.clear();
    return false;
}

bool MultipartParser::feed(std::string_view bytes) {
    if (m_state == State::failed) return false;
    if (m_state == State::epilogue) return true;  // anything after the closing boundary is ignored
    m_buffer.append(bytes);
    while (step()) {
    }
    return m_state != State::failed && !m_stopped;
}

bool MultipartParser::finish() {
    if (m_state == State::failed || m_stopped) return false;
    if (m_state != State::epilogue) return fail("the upload ended before its closing boundary: it was cut short");
    return true;
}

// One step of the parse on the buffered bytes; false when it needs more.
bool MultipartParser::step() {
    switch (m_state) {
        case State::preamble:
        case State::content: {
            std::size_t at = m_buffer.find(m_delimiter);
            std::size_t keep = m_delimiter.size() - 1;  // a delimiter may start in the last bytes
            std::size_t emit = at != std::string::npos ? at : (m_buffer.size() > keep ? m_buffer.size() - keep : 0);
            if (m_state == State::content && emit && !m_handler.on_data(std::string_view(m_buffer).substr(0, emit))) {
                m_stopped = true;
                return false;
            }
            if (at == std::string::npos) {
                m_buffer.erase(0, emit);
                return false;
            }
            if (m_state == State::content && !m_handler.on_part_end()) {
                m_stopped = true;
                return false;
            }
            m_buffer.erase(0, at + m_delimiter.size());
            m_state = State::after_boundary;
            return true;
        }
        case State::after_boundary: {
            if (m_buffer.size() < 2) return false;
            if (m_buffer.starts_with("--")) {
                m_state = State::epilogue;
                m_buffer.clear();
                return false;
            }
            std::size_t i = 0;
            while (i < m_buffer.size() && (m_buffer[i] == ' ' || m_buffer[i] == '\t')) ++i;
            if (i > k_max_padding) return fail("a boundary line has too much padding");
            if (i == m_buffer.size() || (m_buffer[i] == '\r' && i + 1 == m_buffer.size())) return false;
            if (m_buffer.compare(i, 2, "\r\n") == 0) i += 2;
            else if (m_buffer[i] == '\n') i += 1;
            else return fail("a boundary is followed by text on its line");
            m_buffer.erase(0, i);
            m_state = State::part_head;
            return true;
        }
        case State::part_head: {
            std::size_t end = 0;
            if (m_buffer.starts_with("\r\n")) end = 2;  // a part without header fields
            else if (m_buffer.starts_with("\n")) end = 1;
            else if (m_buffer.size() == 1 && m_buffer[0] == '\r') return false;
            else end = head_end(m_buffer);
            if (end == 0 || end > m_limits.max_part_head_bytes) {
                if (end == 0 && m_buffer.size() <= m_limits.max_part_head_bytes) return false;
                return fail("a part's header fields are too large");
            }
            if (++m_parts > m_limits.max_parts) return fail("the upload has too many parts");
            if (!parse_part_head(std::string_view(m_buffer).substr(0, end))) return false;
            m_buffer.erase(0, end);
            m_state = State::content;
            return true;
        }
        case State::epilogue:
        case State::failed:
            return false;
    }
    return false;
}

bool MultipartParser::parse_part_head(std::string_view block) {
    PartHead part;
    bool disposition = false;
    while (!block.empty()) {
        auto nl = block.find('\n');
        std::string_view line = block.substr(0, nl);
        block.remove_prefix(nl == std::string_view::npos ? block.size() : nl + 1);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty()) continue;
        auto colon = line.find(':');
        if (colon == std::string_view::npos) return fail("a part's header line has no ':'");
        std::string name = ascii_lower(line.substr(0, colon));
        std::string_view value = skip_space(line.substr(colon + 1));
        if (name == "content-type") {
            part.content_type = utf8::repair(value);
        } else if (name == "content-disposition") {
            auto semi = value.find(';');
            std::string_view kind = value.substr(0, semi);
            while (!kind.empty() && (kind.back() == ' ' || kind.back() == '\t')) kind.remove_suffix(1);
            if (!iequals(kind, "form-data")) return fail("a part is not form-data");
            disposition = true;
            std::string_view params = semi == std::string_view::npos ? std::string_view() : value.substr(semi);
            std::string pname, pvalue;
            while (next_param(params, pname, pvalue)) {
                if (pname == "name") part.name = utf8::repair(pvalue);
                else if (pname == "filename") part.filename = utf8::repair(pvalue), part.has_filename = true;
            }
        }
    }
    if (!disposition) return fail("a part has no Content-Disposition: form-data");
    if (!m_handler.on_part(part)) {
        m_stopped = true;
        return false;
    }
    return true;
}

}  // namespace bp::app::http
