#include "read/shared_strings.hpp"

#include <algorithm>

#include "read/xml.hpp"
#include "read/xml_stream.hpp"
#include "util/utf8.hpp"

namespace bp::read {
namespace {
void append_text(std::string& out, const pugi::xml_node& t) {
    for (pugi::xml_node n = t.first_child(); n; n = n.next_sibling())
        if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) out += n.value();
}
}  // namespace

std::string rich_text(const pugi::xml_node& item) {
    std::string raw;
    for (pugi::xml_node c = item.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element) continue;
        std::string_view name = local_name(c.name());
        if (name == "t") {
            append_text(raw, c);
        } else if (name == "r") {
            for (pugi::xml_node t = c.first_child(); t; t = t.next_sibling())
                if (t.type() == pugi::node_element && local_name(t.name()) == "t") append_text(raw, t);
        }
    }
    if (raw.find("_x") == std::string::npos) return raw;
    return decode_xstring(raw);
}

void SharedStrings::add(std::string_view s) {
    if (valid_utf8(s)) {
        m_text.append(s);
    } else {
        m_repaired.push_back(m_ends.size());
        m_text.append(repair_utf8(s));
    }
    m_ends.push_back(m_text.size());
}

bool SharedStrings::repaired(std::size_t i) const {
    return !m_repaired.empty() && std::binary_search(m_repaired.begin(), m_repaired.end(), i);
}

Result<SharedStrings> SharedStrings::read(ZipArchive& zip, const ZipEntry& entry, ReadBudget& budget) {
    SharedStrings out;
    pugi::xml_document frame;
    BP_TRY(stream_part(
        zip, entry, {"sst", "si"},
        [&out, &budget](const pugi::xml_document& batch, long) -> Status {
            BP_TRY(budget.check_time());
            std::size_t before = out.m_text.size(), strings = out.size();
            for (pugi::xml_node si = batch.first_child(); si; si = si.next_sibling())
                if (si.type() == pugi::node_element && is(si, "si")) out.add(rich_text(si));
            // Each string also costs the offset that finds it: millions of empty ones are not free.
            return budget.add_text(out.m_text.size() - before + sizeof(std::size_t) * (out.size() - strings));
        },
        frame));
    return out;
}

}  // namespace bp::read
