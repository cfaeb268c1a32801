#include "xlsx/shared_strings.hpp"

#include <algorithm>
#include <functional>

#include "xlsx/xml.hpp"

namespace bp::xlsx {

std::uint32_t SharedStrings::index(std::string_view text) {
    ++m_references;
    if (m_strings.size() * 2 >= m_slots.size()) grow();  // at most half full: short probes
    const auto hash = static_cast<std::uint32_t>(std::hash<std::string_view>{}(text));
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
        const std::uint64_t slot = m_slots[at];
        if (slot == 0) {
            const auto id = static_cast<std::uint32_t>(m_strings.size());
            m_strings.emplace_back(text);
            m_slots[at] = std::uint64_t{hash} << 32 | (id + 1);
            return id;
        }
        const auto id = static_cast<std::uint32_t>(slot) - 1;
        if (static_cast<std::uint32_t>(slot >> 32) == hash && m_strings[id] == text) return id;
    }
}

void SharedStrings::grow() {
    std::vector<std::uint64_t> slots(std::max<std::size_t>(1024, m_slots.size() * 2), 0);
    const std::size_t mask = slots.size() - 1;
    for (std::uint64_t slot : m_slots) {
        if (slot == 0) continue;
        std::size_t at = (slot >> 32) & mask;
        while (slots[at] != 0) at = (at + 1) & mask;
        slots[at] = slot;
    }
    m_slots = std::move(slots);
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
