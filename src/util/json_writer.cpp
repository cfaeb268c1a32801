#include "util/json_writer.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cassert>
#include <cmath>
#include <cstring>

#include "util/utf8.hpp"

namespace bp {

namespace {

// Big enough that a write is one large fwrite, small enough to stay in cache.
constexpr std::size_t k_buffer_size = 1u << 18;

// What each byte needs in a string: 0 copied as it is, 1 escaped, 2 the start
// of a multi-byte sequence, checked as UTF-8.
constexpr std::array<unsigned char, 256> k_byte_class = [] {
    std::array<unsigned char, 256> t{};
    for (int c = 0; c < 0x20; ++c) t[c] = 1;
    t['"'] = t['\\'] = 1;
    for (int c = 0x80; c < 0x100; ++c) t[c] = 2;
    return t;
}();

constexpr std::string_view k_replacement = "\xEF\xBF\xBD";

// The escape for an ASCII byte of class 1, written at out; returns its end.
char* escape_byte(char* out, unsigned char c, JsonLayout layout) {
    char letter = 0;
    switch (c) {
        case '"': letter = '"'; break;
        case '\\': letter = '\\'; break;
        case '\n': letter = 'n'; break;
        case '\r': letter = 'r'; break;
        case '\t': letter = 't'; break;
        case '\b': letter = layout == JsonLayout::indented ? 'b' : 0; break;
        case '\f': letter = layout == JsonLayout::indented ? 'f' : 0; break;
        default: break;
    }
    *out++ = '\\';
    if (letter) {
        *out++ = letter;
        return out;
    }
    static constexpr char k_hex[] = "0123456789abcdef";
    *out++ = 'u';
    *out++ = '0';
    *out++ = '0';
    *out++ = k_hex[c >> 4];
    *out++ = k_hex[c & 0xF];
    return out;
}

// The escaped text of s, without quotes, handed to emit(string_view) in runs.
template <class Emit>
void escape_into(Emit&& emit, std::string_view s, JsonLayout layout) {
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t run = i;
        while (i < s.size() && k_byte_class[static_cast<unsigned char>(s[i])] == 0) ++i;
        if (i > run) emit(s.substr(run, i - run));
        if (i == s.size()) break;
        auto c = static_cast<unsigned char>(s[i]);
        if (k_byte_class[c] == 2) {
            // Surrogates and overlong forms too: the document is always valid UTF-8.
            std::size_t n = decode_utf8(s, i).length;
            emit(n == 0 ? k_replacement : s.substr(i, n));
            i += n == 0 ? 1 : n;
            continue;
        }
        char esc[8];
        emit(std::string_view(esc, static_cast<std::size_t>(escape_byte(esc, c, layout) - esc)));
        ++i;
    }
}

// Does any of the 8 bytes in w need escaping or a UTF-8 check (class 1 or 2)?
bool needs_attention(std::uint64_t w) {
    constexpr std::uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    auto has_zero = [](std::uint64_t v) { return (v - ones) & ~v & highs; };
    std::uint64_t control = (w - 0x20 * ones) & ~w & highs;  // a byte below 0x20
    return (control | has_zero(w ^ ('"' * ones)) | has_zero(w ^ ('\\' * ones)) | (w & highs)) != 0;
}

// The r bytes at p (1 to 7) in a word, the rest plain 'a's. Loaded in
// registers (overlapping loads), not through memory: a byte-wise copy into a
// word stalls the load that follows it.
std::uint64_t load_padded(const char* p, std::size_t r) {
    static_assert(std::endian::native == std::endian::little, "the word tricks assume little-endian");
    std::uint64_t w;
    if (r >= 4) {
        std::uint32_t a, b;
        std::memcpy(&a, p, 4);
        std::memcpy(&b, p + r - 4, 4);
        w = a | (std::uint64_t{b} << (8 * (r - 4)));
    } else if (r >= 2) {
        std::uint16_t a, b;
        std::memcpy(&a, p, 2);
        std::memcpy(&b, p + r - 2, 2);
        w = a | (std::uint64_t{b} << (8 * (r - 2)));
    } else {
        w = static_cast<unsigned char>(p[0]);
    }
    return w | (0x6161616161616161u << (8 * r));
}

// The escaped text of s at out, which has room for the worst case (6 bytes a
// byte) and 8 more; returns the end. Plain runs are copied 8 bytes at a time.
char* escape_to(char* out, std::string_view s, JsonLayout layout) {
    const char* p = s.data();
    std::size_t i = 0, n = s.size();
    while (i < n) {
        std::uint64_t w;
        while (i + 8 <= n && (std::memcpy(&w, p + i, 8), !needs_attention(w))) {
            std::memcpy(out, &w, 8);
            out += 8;
            i += 8;
        }
        if (i == n) break;
        if (n - i < 8) {
            // The last few bytes (all of a short string): one check on a word
            // padded with plain bytes, one 8-byte store (out has the slack).
            std::uint64_t tail = load_padded(p + i, n - i);
            if (!needs_attention(tail)) {
                std::memcpy(out, &tail, 8);
                return out + (n - i);
            }
        }
        auto c = static_cast<unsigned char>(p[i]);
        if (k_byte_class[c] == 0) {
            *out++ = static_cast<char>(c);
            ++i;
        } else if (k_byte_class[c] == 2) {
            std::size_t len = decode_utf8(s, i).length;
            std::string_view keep = len == 0 ? k_replacement : s.substr(i, len);
            out = std::copy(keep.begin(), keep.end(), out);
            i += len == 0 ? 1 : len;
        } else {
            out = escape_byte(out, c, layout);
            ++i;
        }
    }
    return out;
}

// Strings up to this long (nearly all) are escaped straight into the buffer.
constexpr std::size_t k_direct_chars = 4096;

// Most numbers a pack holds have at most three decimals (counts, percentages to
// one place, money): v is then n / 10^k exactly, for the least such k, and
// n's digits (at most 15, so no other decimal that short reads back as v) are
// the shortest that read back as v: written without the general conversion.
bool short_decimal(double v, std::int64_t& n, int& k) {
    static constexpr double k_scale[] = {1, 10, 100, 1000};
    if (!(std::fabs(v) < 1e12) || v == 0) return false;  // zero: its sign is the general path's
    for (k = 0; k < 4; ++k) {
        double scaled = std::nearbyint(v * k_scale[k]);
        if (!(std::fabs(scaled) < 1e15)) return false;
        n = static_cast<std::int64_t>(scaled);
        if (static_cast<double>(n) / k_scale[k] == v) return true;
    }
    return false;
}

char* write_short_decimal(char* out, std::int64_t n, int k, JsonLayout layout) {
    if (n < 0) *out++ = '-';
    std::uint64_t u = n < 0 ? 0 - static_cast<std::uint64_t>(n) : static_cast<std::uint64_t>(n);
    char digits[24];
    char* end = std::to_chars(digits, digits + sizeof digits, u).ptr;
    auto count = static_cast<int>(end - digits);
    if (k == 0) {
        out = std::copy(digits, end, out);
        if (layout == JsonLayout::indented) *out++ = '.', *out++ = '0';
        return out;
    }
    if (count <= k) {  // 0.05: zeros after the point first
        *out++ = '0';
        *out++ = '.';
        out = std::fill_n(out, k - count, '0');
        return std::copy(digits, end, out);
    }
    out = std::copy(digits, end - k, out);
    *out++ = '.';
    return std::copy(end - k, end, out);
}

}  // namespace

char* format_json_number(char* out, double v, JsonLayout layout) {
    std::int64_t scaled = 0;
    int decimals = 0;
    if (short_decimal(v, scaled, decimals)) return write_short_decimal(out, scaled, decimals, layout);
    // The shortest digits, as d.ddde±XX; both layouts write that form as it is
    // for large and small magnitudes, and place the point themselves between.
    char sci[k_max_json_number];
    const char* end = std::to_chars(sci, sci + sizeof sci, v, std::chars_format::scientific).ptr;
    const char* p = sci;
    if (*p == '-') *out++ = *p++;
    const char* e = std::find(p, end, 'e');
    int exp = 0;
    std::from_chars(e + (e[1] == '+' ? 2 : 1), end, exp);
    // {fmt} keeps the fixed form for exponents -4..15, nlohmann for -4..14.
    bool fixed = exp >= -4 && exp <= (layout == JsonLayout::compact ? 15 : 14);
    if (!fixed) return std::copy(p, end, out);
    char digits[k_max_json_number];
    int k = 0;
    for (const char* q = p; q < e; ++q)
        if (*q != '.') digits[k++] = *q;
    int n = exp + 1;  // digits before the point
    if (n >= k) {
        out = std::copy(digits, digits + k, out);
        out = std::fill_n(out, n - k, '0');
        if (layout == JsonLayout::indented) {
            *out++ = '.';
            *out++ = '0';
        }
    } else if (n > 0) {
        out = std::copy(digits, digits + n, out);
        *out++ = '.';
        out = std::copy(digits + n, digits + k, out);
    } else {
        *out++ = '0';
        *out++ = '.';
        out = std::fill_n(out, -n, '0');
        out = std::copy(digits, digits + k, out);
    }
    return out;
}

std::string json_quote(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 2);
    out += '"';
    escape_into([&](std::string_view run) { out.append(run); }, s, JsonLayout::compact);
    out += '"';
    return out;
}

JsonWriter::JsonWriter(std::FILE* out, JsonLayout layout)
    : m_file(out), m_out(m_file, k_buffer_size), m_layout(layout) {}

void JsonWriter::newline_indent(std::size_t depth) {
    append("\n");
    constexpr std::string_view k_spaces = "                                ";
    for (std::size_t n = depth * 2; n > 0;) {
        std::size_t take = std::min(n, k_spaces.size());
        append(k_spaces.substr(0, take));
        n -= take;
    }
}

void JsonWriter::value_prefix() {
    if (m_after_key) {
        m_after_key = false;
        return;
    }
    if (m_empty.empty()) return;
    if (!m_empty.back()) append(",");
    m_empty.back() = false;
    if (m_layout == JsonLayout::indented) newline_indent(m_empty.size());
}

void JsonWriter::open(char bracket) {
    value_prefix();
    append(std::string_view(&bracket, 1));
    m_empty.push_back(true);
}

void JsonWriter::close(char bracket) {
    bool was_empty = m_empty.back();
    m_empty.pop_back();
    if (m_layout == JsonLayout::indented && !was_empty) newline_indent(m_empty.size());
    append(std::string_view(&bracket, 1));
}

void JsonWriter::quoted(std::string_view s) {
    if (s.size() <= k_direct_chars) {
        char* start = m_out.room(6 * s.size() + 2 + 8);
        char* out = start;
        *out++ = '"';
        out = escape_to(out, s, m_layout);
        *out++ = '"';
        m_out.commit(static_cast<std::size_t>(out - start));
        return;
    }
    append("\"");
    escape_into([this](std::string_view run) { append(run); }, s, m_layout);
    append("\"");
}

void JsonWriter::key(std::string_view k) {
    value_prefix();
    quoted(k);
    append(m_layout == JsonLayout::indented ? std::string_view(": ") : std::string_view(":"));
    m_after_key = true;
}

void JsonWriter::string(std::string_view s) {
    value_prefix();
    quoted(s);
}

void JsonWriter::plain_quoted(std::string_view s, std::string_view after) {
    assert(std::none_of(s.begin(), s.end(), [](char c) { return k_byte_class[static_cast<unsigned char>(c)] != 0; }));
    char* at = m_out.room(s.size() + 2 + after.size());
    *at = '"';
    std::memcpy(at + 1, s.data(), s.size());
    at[1 + s.size()] = '"';
    std::memcpy(at + 2 + s.size(), after.data(), after.size());
    m_out.commit(s.size() + 2 + after.size());
}

void JsonWriter::plain_key(std::string_view k) {
    value_prefix();
    plain_quoted(k, m_layout == JsonLayout::indented ? std::string_view(": ") : std::string_view(":"));
    m_after_key = true;
}

void JsonWriter::plain_string(std::string_view s) {
    value_prefix();
    plain_quoted(s, {});
}

void JsonWriter::number(double v) {
    value_prefix();
    if (!std::isfinite(v)) return append("null");
    char* at = m_out.room(k_max_json_number);
    m_out.commit(static_cast<std::size_t>(format_json_number(at, v, m_layout) - at));
}

void JsonWriter::integer(std::int64_t v) {
    value_prefix();
    char* at = m_out.room(k_max_json_number);
    m_out.commit(static_cast<std::size_t>(std::to_chars(at, at + k_max_json_number, v).ptr - at));
}

}  // namespace bp
