#include "util/utf8_repair.hpp"

namespace bp::utf8 {

namespace {

// Length of the well-formed sequence at s[i], or 0 when ill-formed; `bad`
// gets the length of the maximal subpart to replace (at least 1).
std::size_t sequence_at(std::string_view s, std::size_t i, std::size_t& bad) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char b0 = byte(i);
    bad = 1;
    if (b0 < 0x80) return 1;
    std::size_t n;
    unsigned char lo = 0x80, hi = 0xBF;  // the range of the second byte (Unicode table 3-7)
    if (b0 >= 0xC2 && b0 <= 0xDF) n = 2;
    else if (b0 == 0xE0) n = 3, lo = 0xA0;
    else if (b0 == 0xED) n = 3, hi = 0x9F;  // no surrogates
    else if (b0 >= 0xE1 && b0 <= 0xEF) n = 3;
    else if (b0 == 0xF0) n = 4, lo = 0x90;
    else if (b0 == 0xF4) n = 4, hi = 0x8F;  // nothing above U+10FFFF
    else if (b0 >= 0xF1 && b0 <= 0xF3) n = 4;
    else return 0;
    for (std::size_t k = 1; k < n; ++k) {
        if (i + k >= s.size()) return 0;
        unsigned char b = byte(i + k);
        if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) return 0;
        bad = k + 1;
    }
    return n;
}

}  // namespace

bool is_valid(std::string_view s) {
    std::size_t bad;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t n = sequence_at(s, i, bad);
        if (n == 0) return false;
        i += n;
    }
    return true;
}

std::string repair(std::string_view s) {
    if (is_valid(s)) return std::string(s);
    std::string out;
    out.reserve(s.size() + 8);
    std::size_t bad;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t n = sequence_at(s, i, bad);
        if (n) {
            out.append(s.substr(i, n));
            i += n;
        } else {
            out += "\xEF\xBF\xBD";
            i += bad;
        }
    }
    return out;
}

}  // namespace bp::utf8
