// xl/sharedStrings.xml: every text cell's string, stored once. The part
// grows with the data, so it is streamed (XmlWriter).
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>

#include "xlsx/xml_writer.hpp"

namespace bp::xlsx {

class SharedStrings {
public:
    // Index of `text` (already made safe by excel_text), added on first use.
    std::uint32_t index(std::string_view text);
    const std::deque<std::string>& strings() const { return m_strings; }
    std::uint32_t references() const { return m_references; }

private:
    std::deque<std::string> m_strings;  // a deque: its strings never move, so m_ids can view them
    std::unordered_map<std::string_view, std::uint32_t> m_ids;
    std::uint32_t m_references = 0;
};

// <t>, with xml:space="preserve" when spaces at either end or line breaks must survive.
void write_t(XmlWriter& x, const std::string& text);
void write_si(XmlWriter& x, const std::string& text);  // <si><t>…</t></si>

// The whole part, declaration included.
void write_shared_strings(XmlWriter& x, const SharedStrings& strings);

}  // namespace bp::xlsx
