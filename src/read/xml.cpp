#include "read/xml.hpp"

#include "util/utf8.hpp"

#include <algorithm>
#include <memory>

namespace bp::read {

pugi::xml_node child(const pugi::xml_node& parent, std::string_view local) {
    for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling())
        if (c.type() == pugi::node_element && local_name(c.name()) == local) return c;
    return {};
}

pugi::xml_attribute attr(const pugi::xml_node& n, std::string_view local) {
    for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute())
        if (local_name(a.name()) == local) return a;
    return {};
}

pugi::xml_attribute prefixed_attr(const pugi::xml_node& n, std::string_view local) {
    for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute())
        if (std::strchr(a.name(), ':') && local_name(a.name()) == local) return a;
    return {};
}

namespace {
// The code unit of an _xHHHH_ escape at s[i], or -1.
long xstring_unit(std::string_view s, std::size_t i) {
    if (i + 6 >= s.size() || s[i] != '_' || s[i + 1] != 'x' || s[i + 6] != '_') return -1;
    long v = 0;
    for (std::size_t k = 2; k < 6; ++k) {
        int h = hex_digit(s[i + k]);
        if (h < 0) return -1;
        v = v << 4 | h;
    }
    return v;
}
}  // namespace

std::string decode_xstring(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        long unit = s[i] == '_' ? xstring_unit(s, i) : -1;
        if (unit < 0) {
            out += s[i];
            continue;
        }
        i += 6;
        // The escapes are UTF-16 code units: a high and a low surrogate make one
        // character. A lone surrogate becomes the byte FF, never valid in UTF-8,
        // which the reader's one UTF-8 check then replaces by one U+FFFD (and notes).
        long low = unit >= 0xD800 && unit <= 0xDBFF ? xstring_unit(s, i + 1) : -1;
        if (low >= 0xDC00 && low <= 0xDFFF) {
            append_utf8(out, static_cast<char32_t>(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)));
            i += 7;
        } else if (unit >= 0xD800 && unit <= 0xDFFF) {
            out += '\xFF';
        } else {
            append_utf8(out, static_cast<char32_t>(unit));
        }
    }
    return out;
}

long line_of(std::string_view text, std::ptrdiff_t offset) {
    if (offset < 0) return 1;
    auto end = text.begin() + std::min<std::ptrdiff_t>(offset, static_cast<std::ptrdiff_t>(text.size()));
    return 1 + static_cast<long>(std::count(text.begin(), end, '\n'));
}

Error xml_error(const std::string& file, const std::string& part, long line, const std::string& what) {
    Location loc{file, part, {}, {}, line};
    return make_error(Errc::bad_xml,
                      "malformed XML (" + what + "): the file is damaged; open it in Excel and save it again", loc);
}

Status check_dom_tags(std::string_view text, const std::string& file, const std::string& part) {
    if (text.size() < 3 * k_max_dom_tags) return Ok{};  // a tag takes three bytes at least ("<a>")
    if (static_cast<std::size_t>(std::count(text.begin(), text.end(), '<')) <= k_max_dom_tags) return Ok{};
    return make_error(Errc::too_large,
                      "has more than " + std::to_string(k_max_dom_tags) + " XML tags in one row, one string or outside "
                      "its rows, far more than Excel writes: the file is damaged or hostile; open it in Excel and save it again",
                      {file, part});
}

Status parse_xml(std::string text, pugi::xml_document& doc, const std::string& file, const std::string& part) {
    BP_TRY(check_dom_tags(text, file, part));
    // Keep the text alive inside the document: parse in place, no copy.
    std::size_t size = text.size();
    auto* buf = static_cast<char*>(pugi::get_memory_allocation_function()(size ? size : 1));
    if (!buf) return make_error(Errc::too_large, "out of memory reading " + part, {file, part});
    std::memcpy(buf, text.data(), size);
    pugi::xml_parse_result r = doc.load_buffer_inplace_own(buf, size, k_parse_flags | pugi::parse_doctype);
    if (!r) return xml_error(file, part, line_of(text, r.offset), r.description());
    for (pugi::xml_node n = doc.first_child(); n; n = n.next_sibling())
        if (n.type() == pugi::node_doctype)
            return make_error(Errc::bad_xml,
                              "contains a DTD (<!DOCTYPE>), which workbooks never have; refusing to read it "
                              "(it may be an entity-expansion attack): save the workbook again from Excel",
                              {file, part});
    if (!doc.document_element())
        return xml_error(file, part, line_of(text, static_cast<std::ptrdiff_t>(size)), "no root element");
    return Ok{};
}

std::uint64_t dom_limit(const ZipLimits& limits) { return std::min<std::uint64_t>(limits.max_entry_bytes / 4, 64ull << 20); }

Status parse_part(ZipArchive& zip, const ZipEntry& entry, pugi::xml_document& doc) {
    BP_ASSIGN_OR_RETURN(std::string text, zip.read_all(entry, dom_limit(zip.limits())));
    return parse_xml(std::move(text), doc, zip.label(), entry.name);
}

}  // namespace bp::read
