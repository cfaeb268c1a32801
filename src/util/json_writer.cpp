#include "util/json_writer.hpp"

#include <fmt/format.h>

#include <cmath>

#include "util/utf8.hpp"

namespace bp {

std::string json_quote(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 2);
    out += '"';
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c == '"') out += "\\\"";
        else if (c == '\\') out += "\\\\";
        else if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (c == '\t') out += "\\t";
        else if (c < 0x20) out += fmt::format("\\u{:04x}", c);
        else if (c < 0x80) out += static_cast<char>(c);
        else {
            // Surrogates and overlong forms too: the document is always valid UTF-8.
            std::size_t n = decode_utf8(s, i).length;
            if (n == 0) {
                out += "\xEF\xBF\xBD";
                ++i;
                continue;
            }
            out.append(s.substr(i, n));
            i += n;
            continue;
        }
        ++i;
    }
    out += '"';
    return out;
}

void JsonWriter::value_prefix() {
    if (m_after_key) {
        m_after_key = false;
        return;
    }
    if (!m_first.empty()) {
        if (!m_first.back()) put(',');
        m_first.back() = false;
    }
}

void JsonWriter::key(std::string_view k) {
    value_prefix();
    raw(json_quote(k));
    put(':');
    m_after_key = true;
}

void JsonWriter::string(std::string_view s) {
    value_prefix();
    raw(json_quote(s));
}

void JsonWriter::number(double v) {
    value_prefix();
    if (!std::isfinite(v)) raw("null");
    else raw(fmt::format("{}", v));
}

void JsonWriter::flush() {
    if (!m_buf.empty()) std::fwrite(m_buf.data(), 1, m_buf.size(), m_out);
    m_buf.clear();
}

}  // namespace bp
