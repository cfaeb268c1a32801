#include "xlsx/xml_writer.hpp"

#include <charconv>

#include <algorithm>
#include <array>
#include <cassert>
#include <cstdint>

#include "util/byte_word.hpp"
#include "xlsx/xml.hpp"

namespace bp::xlsx {

namespace {

constexpr std::size_t k_buffer_size = 1u << 16;

// pugixml 1.13's output classes: bytes escaped in text (control characters
// but tab, LF and CR, & < >) and in attribute values (every control
// character, & < "); ' stays as it is in double-quoted values.
constexpr unsigned char k_text = 1, k_attribute = 2;
constexpr std::array<unsigned char, 256> k_special = [] {
    std::array<unsigned char, 256> t{};
    for (int c = 0; c < 0x20; ++c) t[c] = k_text | k_attribute;
    t['\t'] = t['\n'] = t['\r'] = k_attribute;
    t['&'] = t['<'] = k_text | k_attribute;
    t['>'] = k_text;
    t['"'] = k_attribute;
    return t;
}();

// Eight bytes none of which needs escaping (none under 0x20, no & <, and no > in text or " in an
// attribute), tested a word at a time: a scorecard's 3 MB of shared strings are nearly all such.
template <bool attribute>
bool plain_8(const char* p) {
    const std::uint64_t x = load_word(p);
    return !word_has_byte_below(x, 0x20) && !word_has_byte(x, '&') && !word_has_byte(x, '<') &&
           !word_has_byte(x, attribute ? '"' : '>');
}

}  // namespace

XmlWriter::XmlWriter(ByteSink& out) : m_out(out, k_buffer_size) {}

template <bool attribute>
void XmlWriter::escaped(std::string_view s) {
    constexpr unsigned char mask = attribute ? k_attribute : k_text;
    // pugixml keeps strings NUL-terminated: text after a NUL was never written.
    s = s.substr(0, std::min(s.size(), s.find('\0')));
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t run = i;
        for (;;) {
            if (i + 8 <= s.size() && plain_8<attribute>(s.data() + i)) {
                i += 8;
            } else if (i < s.size() && !(k_special[static_cast<unsigned char>(s[i])] & mask)) {
                ++i;
            } else {
                break;
            }
        }
        append(s.substr(run, i - run));
        if (i == s.size()) break;
        auto c = static_cast<unsigned char>(s[i++]);
        switch (c) {
            case '&': append("&amp;"); break;
            case '<': append("&lt;"); break;
            case '>': append("&gt;"); break;
            case '"': append("&quot;"); break;
            default: {
                const char ref[] = {'&', '#', static_cast<char>('0' + c / 10), static_cast<char>('0' + c % 10), ';'};
                append(std::string_view(ref, sizeof ref));
            }
        }
    }
}

void XmlWriter::declaration() { append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"); }

void XmlWriter::close_start_tag() {
    if (!m_in_start_tag) return;
    append(">");
    m_in_start_tag = false;
}

void XmlWriter::start(std::string_view name) {
    close_start_tag();
    append("<");
    append(name);
    m_open.push_back(name);
    m_in_start_tag = true;
}

void XmlWriter::attr(std::string_view name, std::string_view value) {
    append(" ");
    append(name);
    append("=\"");
    escaped<true>(value);
    append("\"");
}

void XmlWriter::attr_num(std::string_view name, double value) {
    char buf[k_max_number_chars];
    attr(name, std::string_view(buf, static_cast<std::size_t>(format_number(buf, value) - buf)));
}

void XmlWriter::attr_uint(std::string_view name, std::uint64_t value) {
    char buf[24];
    attr_plain(name, std::string_view(buf, static_cast<std::size_t>(std::to_chars(buf, buf + sizeof buf, value).ptr - buf)));
}

void XmlWriter::attr_plain(std::string_view name, std::string_view value) {
    append(" ");
    append(name);
    append("=\"");
    append(value);
    append("\"");
}

void XmlWriter::text(std::string_view text) {
    close_start_tag();
    escaped<false>(text);
}

void XmlWriter::end() {
    assert(!m_open.empty());
    if (m_in_start_tag) {
        append("/>");
        m_in_start_tag = false;
    } else {
        append("</");
        append(m_open.back());
        append(">");
    }
    m_open.pop_back();
}

void XmlWriter::plain_element(std::string_view name, std::string_view value) {
    close_start_tag();
    append("<");
    append(name);
    append(">");
    append(value);
    append("</");
    append(name);
    append(">");
}

void XmlWriter::text_element(std::string_view name, std::string_view value) {
    start(name);
    text(value);
    end();
}

void XmlWriter::val_element(std::string_view name, std::string_view value) {
    start(name);
    attr("val", value);
    end();
}

}  // namespace bp::xlsx
