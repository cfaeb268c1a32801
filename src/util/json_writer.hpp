// A streaming JSON writer: output of any size in flat memory (dump of a
// million-cell sheet). summary.json, which is small, uses nlohmann::json.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace bp {

class JsonWriter {
public:
    explicit JsonWriter(std::FILE* out) : m_out(out) {}
    ~JsonWriter() { flush(); }

    void begin_object() { value_prefix(); put('{'); m_first.push_back(true); }
    void end_object() { m_first.pop_back(); put('}'); }
    void begin_array() { value_prefix(); put('['); m_first.push_back(true); }
    void end_array() { m_first.pop_back(); put(']'); }
    void key(std::string_view k);
    void string(std::string_view s);
    void number(double v);
    void boolean(bool b) { value_prefix(); raw(b ? "true" : "false"); }
    void null() { value_prefix(); raw("null"); }
    void flush();

private:
    void value_prefix();
    void put(char c) { m_buf += c; if (m_buf.size() > (1u << 16)) flush(); }
    void raw(std::string_view s) { m_buf += s; if (m_buf.size() > (1u << 16)) flush(); }
    void quoted(std::string_view s);

    std::FILE* m_out;
    std::string m_buf;
    std::vector<bool> m_first;
    bool m_after_key = false;
};

// JSON string literal for s (quotes included); invalid UTF-8 becomes U+FFFD.
std::string json_quote(std::string_view s);

}  // namespace bp
