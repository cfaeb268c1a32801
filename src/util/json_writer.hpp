// A streaming JSON writer: output of any size in flat memory (the dump of a
// million-cell sheet, summary.json). Everything goes into one large buffer
// handed to fwrite in big chunks; numbers are formatted with std::to_chars
// (shortest digits that read back as the same double) and strings are escaped
// by copying the runs between the bytes that need escaping. No iostreams and
// no std::string per value.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "util/byte_sink.hpp"

namespace bp {

// The two layouts boardpack writes, each kept byte for byte as it always was.
enum class JsonLayout {
    // One line (dump --json). Doubles as {fmt} prints them: 1, 0.5, 1e-07,
    // 1e+16; backspace and form feed as \u0008 and \u000c.
    compact,
    // nlohmann::json::dump(2)'s layout (summary.json): two spaces a level,
    // "key": value. Doubles keep a point: 1.0, 0.5, 1e-07, 1e+16; \b and \f.
    indented,
};

class JsonWriter {
public:
    explicit JsonWriter(std::FILE* out, JsonLayout layout = JsonLayout::compact);
    ~JsonWriter() { flush(); }
    JsonWriter(const JsonWriter&) = delete;
    JsonWriter& operator=(const JsonWriter&) = delete;

    void begin_object() { open('{'); }
    void end_object() { close('}'); }
    void begin_array() { open('['); }
    void end_array() { close(']'); }
    void key(std::string_view k);
    void string(std::string_view s);
    // The same for text known to need no escaping (printable ASCII without '"' or '\\':
    // a member name, a cell reference, a type name), copied as it is: a dump writes
    // several a cell.
    void plain_key(std::string_view k);
    void plain_string(std::string_view s);
    void number(double v);  // a non-finite value is written as null
    void integer(std::int64_t v);
    void boolean(bool b) { value_prefix(); append(b ? std::string_view("true") : std::string_view("false")); }
    void null() { value_prefix(); append("null"); }

    // Hands what is buffered to the stream; false once any write has failed.
    bool flush() {
        m_out.flush();
        return m_file.ok();
    }
    bool ok() const { return m_file.ok(); }

private:
    void open(char bracket);
    void close(char bracket);
    void value_prefix();
    void newline_indent(std::size_t depth);
    void quoted(std::string_view s);
    void plain_quoted(std::string_view s, std::string_view after);
    void append(std::string_view s) { m_out.append(s); }

    FileSink m_file;
    BufferedOutput m_out;
    JsonLayout m_layout;
    std::vector<char> m_empty;  // per open object or array: nothing in it yet (not vector<bool>: asked of every value)
    bool m_after_key = false;
};

// JSON string literal for s (quotes included), as the compact layout writes
// it; invalid UTF-8 becomes U+FFFD.
std::string json_quote(std::string_view s);

// Longest text format_json_number writes.
inline constexpr std::size_t k_max_json_number = 32;
// A finite double as the layout writes it, into out (k_max_json_number bytes);
// returns the end.
char* format_json_number(char* out, double v, JsonLayout layout);

}  // namespace bp
