#include "xlsx_edit/xml.hpp"

#include <cstring>
#include <sstream>

namespace bp::xlsx_edit {

std::string_view local_name(const pugi::xml_node& n) {
    const char* name = n.name();
    const char* colon = std::strchr(name, ':');
    return colon ? std::string_view(colon + 1) : std::string_view(name);
}

std::string prefix_of(const pugi::xml_node& n) {
    std::string_view name = n.name();
    auto colon = name.find(':');
    return colon == std::string_view::npos ? std::string{} : std::string(name.substr(0, colon + 1));
}

pugi::xml_node child(const pugi::xml_node& parent, std::string_view local) {
    for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling())
        if (c.type() == pugi::node_element && local_name(c) == local) return c;
    return {};
}

pugi::xml_node append(pugi::xml_node parent, std::string_view local) {
    return parent.append_child((prefix_of(parent) + std::string(local)).c_str());
}

pugi::xml_node insert_in_order(pugi::xml_node parent, std::string_view local, std::initializer_list<std::string_view> before) {
    std::string name = prefix_of(parent) + std::string(local);
    for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element) continue;
        for (auto b : before)
            if (local_name(c) == b) return parent.insert_child_before(name.c_str(), c);
    }
    return parent.append_child(name.c_str());
}

pugi::xml_node ensure_child(pugi::xml_node parent, std::string_view local, std::initializer_list<std::string_view> before) {
    if (pugi::xml_node c = child(parent, local)) return c;
    return insert_in_order(parent, local, before);
}

std::string attr_or(const pugi::xml_node& n, const char* name, std::string fallback) {
    pugi::xml_attribute a = n.attribute(name);
    return a ? std::string(a.value()) : fallback;
}

void set_attr(pugi::xml_node n, const char* name, const std::string& value) {
    pugi::xml_attribute a = n.attribute(name);
    if (!a) a = n.append_attribute(name);
    a.set_value(value.c_str());
}

std::string namespace_prefix(pugi::xml_node root, const char* uri, std::string wanted) {
    for (pugi::xml_attribute a = root.first_attribute(); a; a = a.next_attribute())
        if (std::strncmp(a.name(), "xmlns:", 6) == 0 && std::strcmp(a.value(), uri) == 0) return std::string(a.name() + 6) + ":";
    while (root.attribute(("xmlns:" + wanted).c_str())) wanted += "x";  // the prefix is bound to another namespace
    root.append_attribute(("xmlns:" + wanted).c_str()).set_value(uri);
    return wanted + ":";
}

std::string to_bytes(pugi::xml_document& doc) {
    std::ostringstream out;
    bool declared = doc.first_child().type() == pugi::node_declaration;
    // The part is written as UTF-8 whatever it was read as (a UTF-16 part): its declaration must say so.
    if (declared && doc.first_child().attribute("encoding")) doc.first_child().attribute("encoding").set_value("UTF-8");
    unsigned flags = pugi::format_raw | (declared ? pugi::format_no_declaration : 0u);
    doc.save(out, "", flags, pugi::encoding_utf8);
    return out.str();
}

}  // namespace bp::xlsx_edit
