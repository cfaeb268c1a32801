#include "xlsx/shared_strings.hpp"

#include "xlsx/xml.hpp"

namespace bp::xlsx {

std::uint32_t SharedStrings::index(std::string_view text) {
    ++m_references;
    if (auto it = m_ids.find(text); it != m_ids.end()) return it->second;
    auto id = static_cast<std::uint32_t>(m_strings.size());
    m_ids.emplace(m_strings.emplace_back(text), id);
    return id;
}

void write_t(XmlWriter& x, const std::string& text) {
    x.start("t");
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n'; };
    if (!text.empty() && (space(text.front()) || space(text.back()) || text.find('\n') != std::string::npos))
        x.attr("xml:space", "preserve");
    x.text(text);
    x.end();
}

void write_si(XmlWriter& x, const std::string& text) {
    x.start("si");
    write_t(x, text);
    x.end();
}

void write_shared_strings(XmlWriter& x, const SharedStrings& strings) {
    x.declaration();
    x.start("sst");
    x.attr("xmlns", k_ns_main);
    x.attr_uint("count", strings.references());
    x.attr_uint("uniqueCount", strings.strings().size());
    for (const auto& s : strings.strings()) write_si(x, s);
    x.end();
}

}  // namespace bp::xlsx
