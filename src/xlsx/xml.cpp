#include "xlsx/xml.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>

#include "util/byte_word.hpp"
#include "util/utf8.hpp"

namespace bp::xlsx {

pugi::xml_node start_part(pugi::xml_document& doc, const char* root, const char* ns) {
    auto decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    decl.append_attribute("standalone") = "yes";
    auto node = doc.append_child(root);
    if (ns) node.append_attribute("xmlns") = ns;
    return node;
}

namespace {
struct StringWriter : pugi::xml_writer {
    std::string out;
    void write(const void* data, std::size_t size) override { out.append(static_cast<const char*>(data), size); }
};
}  // namespace

std::string part_text(const pugi::xml_document& doc) {
    StringWriter w;
    // Excel puts a line break after the declaration and nowhere else.
    for (auto node = doc.first_child(); node; node = node.next_sibling()) {
        node.print(w, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
        if (node.type() == pugi::node_declaration) w.out += "\r\n";
    }
    return w.out;
}

std::string element_text(pugi::xml_node node) {
    StringWriter w;
    node.print(w, "", pugi::format_raw, pugi::encoding_utf8);
    return w.out;
}

char* format_number(char* out, double v) {
    if (!std::isfinite(v) || v == 0) {
        *out = '0';
        return out + 1;
    }
    // Whole numbers under 100000 read the same either way (to_chars' shortest form is
    // never the exponent for them), and most cells are such: integer formatting is a
    // tenth of the cost.
    if (v > -100000 && v < 100000 && v == static_cast<double>(static_cast<std::int32_t>(v)))
        return std::to_chars(out, out + k_max_number_chars, static_cast<std::int32_t>(v)).ptr;
    char buf[k_max_number_chars];
    const char* begin = buf;
    const char* end = std::to_chars(buf, buf + sizeof buf, v).ptr;
    const char* e = std::find(begin, end, 'e');
    out = std::copy(begin, e, out);
    if (e == end) return out;
    // to_chars writes 1e-07; Excel writes 1E-7.
    *out++ = 'E';
    const char* exp = e + 1;
    if (*exp == '-') *out++ = *exp;
    if (*exp == '-' || *exp == '+') ++exp;
    while (exp + 1 < end && *exp == '0') ++exp;
    return std::copy(exp, end, out);
}

std::string format_number(double v) {
    char buf[k_max_number_chars];
    return std::string(buf, format_number(buf, v));
}

namespace {
constexpr std::size_t k_max_cell_chars = 32767;

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// Eight bytes of printable ASCII without an underscore (0x20-0x7F but '_'): text taken as it is,
// tested a word at a time (a scorecard's 78,000 texts are nearly all such).
bool plain_ascii_8(const char* p) {
    const std::uint64_t x = load_word(p);
    return !word_has_high_byte(x) && !word_has_byte_below(x, 0x20) && !word_has_byte(x, '_');
}

bool escape_at(std::string_view text, std::size_t i) {  // "_xHHHH_", which Excel would read as an escape
    return i + 6 < text.size() && text[i + 1] == 'x' && is_hex(text[i + 2]) && is_hex(text[i + 3]) && is_hex(text[i + 4]) &&
           is_hex(text[i + 5]) && text[i + 6] == '_';
}

// Text Excel takes as it is, which excel_text returns unchanged: no control character but tab and
// line feed, no literal escape, valid UTF-8 without U+FFFE or U+FFFF, within the cell limit.
bool taken_as_is(std::string_view text) {
    if (text.size() >= k_max_cell_chars) return false;
    for (std::size_t i = 0; i < text.size();) {
        if (i + 8 <= text.size() && plain_ascii_8(text.data() + i)) {
            i += 8;
            continue;
        }
        auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t' && c != '\n') || (c == '_' && escape_at(text, i))) return false;
            ++i;
            continue;
        }
        auto [cp, n] = decode_utf8(text, i);
        if (n == 0 || cp == 0xFFFE || cp == 0xFFFF) return false;
        i += n;
    }
    return true;
}
}  // namespace

std::string_view excel_text(std::string_view text, std::string& buffer) {
    if (taken_as_is(text)) return text;
    buffer = excel_text(text);
    return buffer;
}

std::string excel_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t chars = 0;  // UTF-16 units, as Excel counts
    for (std::size_t i = 0; i < text.size() && chars < k_max_cell_chars;) {
        auto [cp, n] = decode_utf8(text, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
            ++chars;
            continue;
        }
        if (cp == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            ++i;  // CR LF: keep the LF only, as Excel does
            continue;
        }
        bool control = cp < 0x20 && cp != '\t' && cp != '\n';
        if (control || cp == 0xFFFE || cp == 0xFFFF) {
            char buf[16];
            std::snprintf(buf, sizeof buf, "_x%04X_", static_cast<unsigned>(cp));
            out += buf;
        } else if (cp == '_' && escape_at(text, i)) {
            out += "_x005F_";
        } else {
            out.append(text.substr(i, n));
        }
        chars += cp >= 0x10000 ? 2 : 1;
        i += n;
    }
    return out;
}

std::string clip(std::string_view text, std::size_t max_chars) {
    std::size_t chars = 0, i = 0;
    for (; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
        if (chars++ == max_chars) break;
    }
    return std::string(text.substr(0, i));
}

void attr(pugi::xml_node node, const char* name, std::string_view value) {
    node.append_attribute(name).set_value(std::string(value).c_str());
}

void attr_num(pugi::xml_node node, const char* name, double value) { attr(node, name, format_number(value)); }

void attr_uint(pugi::xml_node node, const char* name, std::uint64_t value) { node.append_attribute(name).set_value(std::to_string(value).c_str()); }

pugi::xml_node val_element(pugi::xml_node parent, const char* name, std::string_view value) {
    auto node = parent.append_child(name);
    attr(node, "val", value);
    return node;
}

pugi::xml_node counted_element(pugi::xml_node parent, const char* name, std::size_t count) {
    auto node = parent.append_child(name);
    attr_uint(node, "count", count);
    return node;
}

pugi::xml_node text_element(pugi::xml_node parent, const char* name, std::string_view text) {
    auto node = parent.append_child(name);
    node.append_child(pugi::node_pcdata).set_value(std::string(text).c_str());
    return node;
}

}  // namespace bp::xlsx
