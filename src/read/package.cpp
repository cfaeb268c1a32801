#include "read/package.hpp"

#include <algorithm>
#include <cctype>

#include "read/xml.hpp"
#include "util/utf8.hpp"

namespace bp::read {
namespace {
std::string percent_decode(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
            out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}
}  // namespace

std::string resolve_target(std::string_view source_part, std::string_view target) {
    std::string t = percent_decode(target);
    std::replace(t.begin(), t.end(), '\\', '/');
    std::vector<std::string> parts;
    if (t.empty() || t.front() != '/') {
        auto slash = source_part.rfind('/');
        std::string_view dir = slash == std::string_view::npos ? std::string_view{} : source_part.substr(0, slash);
        std::size_t start = 0;
        while (start < dir.size()) {
            auto end = dir.find('/', start);
            if (end == std::string_view::npos) end = dir.size();
            if (end > start) parts.emplace_back(dir.substr(start, end - start));
            start = end + 1;
        }
    }
    std::size_t start = 0;
    while (start <= t.size()) {
        auto end = t.find('/', start);
        if (end == std::string::npos) end = t.size();
        std::string seg = t.substr(start, end - start);
        if (seg == "..") {
            if (!parts.empty()) parts.pop_back();
        } else if (!seg.empty() && seg != ".") {
            parts.push_back(seg);
        }
        start = end + 1;
    }
    std::string out;
    for (const auto& p : parts) {
        if (!out.empty()) out += '/';
        out += p;
    }
    // %XX may decode to bytes that are not UTF-8: repaired as the zip's entry names are.
    return repair_utf8(out);
}

Result<std::vector<Relationship>> read_relationships(ZipArchive& zip, std::string_view part) {
    std::string rels_name;
    auto slash = part.rfind('/');
    if (slash == std::string_view::npos) rels_name = "_rels/" + std::string(part) + ".rels";
    else rels_name = std::string(part.substr(0, slash)) + "/_rels/" + std::string(part.substr(slash + 1)) + ".rels";
    std::vector<Relationship> out;
    const ZipEntry* entry = zip.find(rels_name);
    if (!entry) return out;
    pugi::xml_document doc;
    BP_TRY(parse_part(zip, *entry, doc));
    for (pugi::xml_node r : doc.document_element().children()) {
        if (!is(r, "Relationship")) continue;
        Relationship rel;
        rel.id = r.attribute("Id").value();
        rel.type = r.attribute("Type").value();
        if (std::string_view(r.attribute("TargetMode").value()) != "External")
            rel.target = resolve_target(part, r.attribute("Target").value());
        out.push_back(std::move(rel));
    }
    return out;
}

Result<ContentTypes> ContentTypes::read(ZipArchive& zip) {
    ContentTypes out;
    const ZipEntry* entry = zip.find("[Content_Types].xml");
    if (!entry) return out;  // tolerated: parts are still found through the relationships
    pugi::xml_document doc;
    BP_TRY(parse_part(zip, *entry, doc));
    for (pugi::xml_node n : doc.document_element().children()) {
        if (is(n, "Override")) {
            std::string part = n.attribute("PartName").value();
            while (!part.empty() && part.front() == '/') part.erase(part.begin());
            out.m_overrides.emplace_back(ascii_lower(part), n.attribute("ContentType").value());
        } else if (is(n, "Default")) {
            out.m_defaults.emplace_back(ascii_lower(n.attribute("Extension").value()), n.attribute("ContentType").value());
        }
    }
    return out;
}

std::string ContentTypes::type_of(std::string_view part) const {
    std::string key = ascii_lower(part);
    for (const auto& [name, type] : m_overrides)
        if (name == key) return type;
    auto dot = key.rfind('.');
    if (dot != std::string::npos)
        for (const auto& [ext, type] : m_defaults)
            if (ext == key.substr(dot + 1)) return type;
    return {};
}

std::string ContentTypes::find_part(std::string_view fragment) const {
    for (const auto& [name, type] : m_overrides)
        if (type.find(fragment) != std::string::npos) return name;
    return {};
}

}  // namespace bp::read
