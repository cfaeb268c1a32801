#include "util/utf8.hpp"

#include <cstdint>
#include <cstring>

namespace bp {

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        if (cp > 0x10FFFF) cp = 0xFFFD;
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

namespace {

// Bounds of the second byte after each lead byte (Unicode Table 3-7); the
// third and fourth are always 80..BF. A lead outside C2..F4 starts nothing.
struct Lead {
    std::size_t length;
    unsigned char lo, hi;
};

Lead lead_of(unsigned char c) {
    if (c < 0xC2 || c > 0xF4) return {0, 0, 0};
    if (c < 0xE0) return {2, 0x80, 0xBF};
    if (c == 0xE0) return {3, 0xA0, 0xBF};
    if (c == 0xED) return {3, 0x80, 0x9F};  // not the surrogates D800..DFFF
    if (c < 0xF0) return {3, 0x80, 0xBF};
    if (c == 0xF0) return {4, 0x90, 0xBF};
    if (c == 0xF4) return {4, 0x80, 0x8F};  // not above U+10FFFF
    return {4, 0x80, 0xBF};
}

// Bytes of the valid start of a sequence at text[i] (at least 1): the whole
// sequence when valid, else its maximal subpart.
std::size_t valid_bytes(std::string_view text, std::size_t i, bool& complete) {
    auto c = static_cast<unsigned char>(text[i]);
    complete = false;
    if (c < 0x80) {
        complete = true;
        return 1;
    }
    Lead lead = lead_of(c);
    if (lead.length == 0) return 1;
    std::size_t k = 1;
    for (; k < lead.length && i + k < text.size(); ++k) {
        auto b = static_cast<unsigned char>(text[i + k]);
        unsigned char lo = k == 1 ? lead.lo : 0x80, hi = k == 1 ? lead.hi : 0xBF;
        if (b < lo || b > hi) return k;
    }
    complete = k == lead.length;
    return k;
}

}  // namespace

Utf8Char decode_utf8(std::string_view text, std::size_t i) {
    if (i >= text.size()) return {};
    bool complete = false;
    std::size_t n = valid_bytes(text, i, complete);
    if (!complete) return {};
    auto c = static_cast<unsigned char>(text[i]);
    char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1Fu) : n == 3 ? (c & 0x0Fu) : (c & 0x07u);
    for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
    return {cp, n};
}

bool valid_utf8(std::string_view s) {
    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n) {
        if (i + 8 <= n) {
            std::uint64_t word;
            std::memcpy(&word, s.data() + i, 8);
            if ((word & 0x8080808080808080ull) == 0) {
                i += 8;
                continue;
            }
        }
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++i;
            continue;
        }
        bool complete = false;
        std::size_t len = valid_bytes(s, i, complete);
        if (!complete) return false;
        i += len;
    }
    return true;
}

std::string repair_utf8(std::string_view s) {
    if (valid_utf8(s)) return std::string(s);
    std::string out;
    out.reserve(s.size() + 8);
    for (std::size_t i = 0; i < s.size();) {
        bool complete = false;
        std::size_t len = valid_bytes(s, i, complete);
        if (complete) out.append(s.substr(i, len));
        else out += "\xEF\xBF\xBD";
        i += len;
    }
    return out;
}

std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes) {
    if (s.size() <= max_bytes) return s;
    std::size_t end = max_bytes;
    // Back off continuation bytes (at most three) to the start of the character cut in two.
    for (int k = 0; k < 3 && end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80; ++k) --end;
    return s.substr(0, end);
}

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = ascii_lower(c);
    return out;
}

}  // namespace bp
