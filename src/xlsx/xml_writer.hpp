// A streaming XML writer for the parts that grow with the data (worksheets,
// shared strings): each element goes out as it is made, through a buffer, to a
// ByteSink (the zip entry's deflate stream), so no part is held whole. The
// bytes are pugixml's raw format exactly (its escaping, <empty/> elements), the
// format of the small parts built as pugixml documents (xml.hpp).
#pragma once

#include <string_view>
#include <vector>

#include "util/byte_sink.hpp"

namespace bp::xlsx {

class XmlWriter {
public:
    explicit XmlWriter(ByteSink& out);
    ~XmlWriter() { flush(); }
    XmlWriter(const XmlWriter&) = delete;
    XmlWriter& operator=(const XmlWriter&) = delete;

    // <?xml version="1.0" encoding="UTF-8" standalone="yes"?> and Excel's line break.
    void declaration();
    // Opens <name; attributes may follow until the element's first content.
    // `name` must outlive the element (element names are literals).
    void start(std::string_view name);
    void attr(std::string_view name, std::string_view value);
    void attr_num(std::string_view name, double value);
    // An integer written in full ("100000", where format_number would write 1E5,
    // which is no row number or style index).
    void attr_uint(std::string_view name, std::uint64_t value);
    // A value with nothing to escape: a number, a cell reference, a literal.
    void attr_plain(std::string_view name, std::string_view value);
    void attr_flag(std::string_view name) { attr(name, "1"); }
    void text(std::string_view text);  // escaped; "" still gives <name></name>
    void end();                        // </name>, or /> when the element is empty

    // <name>text</name>
    void text_element(std::string_view name, std::string_view text);
    // <name>text</name> for text with nothing to escape (a number).
    void plain_element(std::string_view name, std::string_view text);
    // <name val="value"/>
    void val_element(std::string_view name, std::string_view value);

    void flush() { m_out.flush(); }

private:
    void close_start_tag();
    void append(std::string_view s) { m_out.append(s); }
    template <bool attribute>
    void escaped(std::string_view s);

    BufferedOutput m_out;
    std::vector<std::string_view> m_open;
    bool m_in_start_tag = false;
};

}  // namespace bp::xlsx
