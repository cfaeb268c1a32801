// xl/sharedStrings.xml: every text cell's string, stored once. The part
// grows with the data, so it is streamed (XmlWriter).
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "xlsx/xml_writer.hpp"

namespace bp::xlsx {

class SharedStrings {
public:
    // Index of `text` (already made safe by excel_text), added on first use.
    std::uint32_t index(std::string_view text);
    const std::deque<std::string>& strings() const { return m_strings; }
    std::uint32_t references() const { return m_references; }

private:
    void grow();

    std::deque<std::string> m_strings;
    // Open addressing, linear probing: each slot holds the low 32 bits of its string's hash
    // (where it probes from, and a quick check before comparing) above the string's index + 1;
    // 0 is empty. A scorecard asks for some 80,000 strings: no node per string, one hash each.
    std::vector<std::uint64_t> m_slots;
    std::uint32_t m_references = 0;
};

// <t>, with xml:space="preserve" when spaces at either end or line breaks must survive.
void write_t(XmlWriter& x, const std::string& text);
void write_si(XmlWriter& x, const std::string& text);  // <si><t>…</t></si>

// The whole part, declaration included.
void write_shared_strings(XmlWriter& x, const SharedStrings& strings);

}  // namespace bp::xlsx
