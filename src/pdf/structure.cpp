#include "pdf/structure.hpp"

#include <cassert>

#include <fmt/format.h>

namespace bp::pdf {

std::string_view role_name(Role role) {
    switch (role) {
    case Role::document: return "Document";
    case Role::h1: return "H1";
    case Role::h2: return "H2";
    case Role::p: return "P";
    case Role::l: return "L";
    case Role::li: return "LI";
    case Role::table: return "Table";
    case Role::thead: return "THead";
    case Role::tbody: return "TBody";
    case Role::tr: return "TR";
    case Role::th: return "TH";
    case Role::td: return "TD";
    case Role::figure: return "Figure";
    case Role::artifact: return "Artifact";
    }
    return "Artifact";
}

Structure::Structure() { m_elems.push_back(StructElem{}); }

StructId Structure::add(StructId parent, Role role, std::string alt) {
    assert(role != Role::artifact && role != Role::document && parent < m_elems.size());
    assert(role == Role::figure || alt.empty());
    auto id = static_cast<StructId>(m_elems.size());
    StructElem e;
    e.role = role;
    e.parent = parent;
    if (role == Role::th) e.scope = Scope::column;
    if (role == Role::figure && !alt.empty()) {
        e.text = static_cast<std::uint32_t>(m_texts.size());
        m_texts.push_back(std::move(alt));
    }
    m_elems.push_back(e);
    return id;
}

void Structure::set_actual_text(StructId id, std::string text) {
    assert(m_elems[id].role != Role::figure);
    if (text.empty()) {
        m_elems[id].text = 0;
        return;
    }
    if (m_elems[id].text == 0) {
        m_elems[id].text = static_cast<std::uint32_t>(m_texts.size());
        m_texts.push_back(std::move(text));
    } else {
        m_texts[m_elems[id].text] = std::move(text);
    }
}

std::vector<StructId> Structure::children(StructId id) const {
    std::vector<StructId> out;
    for (StructId e = id + 1; e < m_elems.size(); ++e)  // a child is added after its parent
        if (m_elems[e].parent == id) out.push_back(e);
    return out;
}

std::vector<std::string> check_structure(const Structure& s) {
    std::vector<std::string> out;
    auto parent_role = [&](const StructElem& e) { return s[e.parent].role; };
    for (StructId id = 1; id < s.size(); ++id) {
        const StructElem& e = s[id];
        const Role up = parent_role(e);
        auto fault = [&](std::string_view what) {
            out.push_back(fmt::format("element {} ({}) in a {}: {}", id, role_name(e.role), role_name(up), what));
        };
        switch (e.role) {
        case Role::th:
        case Role::td:
            if (up != Role::tr) fault("a table cell belongs in a TR");
            break;
        case Role::tr:
            if (up != Role::table && up != Role::thead && up != Role::tbody) fault("a TR belongs in a Table, THead or TBody");
            break;
        case Role::thead:
        case Role::tbody:
            if (up != Role::table) fault("a THead or TBody belongs in a Table");
            break;
        case Role::li:
            if (up != Role::l) fault("an LI belongs in an L");
            break;
        case Role::figure:
            if (s.text(id).empty()) fault("a Figure needs alternative text");
            break;
        default: break;
        }
        if ((up == Role::h1 || up == Role::h2 || up == Role::p) && e.role != Role::figure)
            fault("a heading or paragraph holds text and figures only");
    }
    return out;
}

}  // namespace bp::pdf
