// xl/sharedStrings.xml: every text cell's string, stored once.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include <pugixml.hpp>

namespace bp::xlsx {

class SharedStrings {
public:
    // Index of `text` (already made safe by excel_text), added on first use.
    std::uint32_t index(const std::string& text);
    const std::vector<std::string>& strings() const { return m_strings; }
    std::uint32_t references() const { return m_references; }

private:
    std::vector<std::string> m_strings;
    std::unordered_map<std::string, std::uint32_t> m_ids;
    std::uint32_t m_references = 0;
};

// <t>, with xml:space="preserve" when spaces at either end or line breaks must survive.
void write_t(pugi::xml_node parent, const std::string& text);
void write_si(pugi::xml_node parent, const std::string& text);  // <si><t>…</t></si>

void assemble_shared_strings(pugi::xml_document& doc, const SharedStrings& strings);

}  // namespace bp::xlsx
