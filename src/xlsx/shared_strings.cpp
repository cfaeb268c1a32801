#include "xlsx/shared_strings.hpp"

#include "xlsx/xml.hpp"

namespace bp::xlsx {

std::uint32_t SharedStrings::index(const std::string& text) {
    ++m_references;
    auto [it, inserted] = m_ids.emplace(text, static_cast<std::uint32_t>(m_strings.size()));
    if (inserted) m_strings.push_back(text);
    return it->second;
}

void write_t(pugi::xml_node parent, const std::string& text) {
    auto t = text_element(parent, "t", text);
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n'; };
    if (!text.empty() && (space(text.front()) || space(text.back()) || text.find('\n') != std::string::npos))
        t.append_attribute("xml:space") = "preserve";
}

void write_si(pugi::xml_node parent, const std::string& text) { write_t(parent.append_child("si"), text); }

void assemble_shared_strings(pugi::xml_document& doc, const SharedStrings& strings) {
    auto root = start_part(doc, "sst", k_ns_main);
    attr_num(root, "count", strings.references());
    attr_num(root, "uniqueCount", static_cast<double>(strings.strings().size()));
    for (const auto& s : strings.strings()) write_si(root, s);
}

}  // namespace bp::xlsx
