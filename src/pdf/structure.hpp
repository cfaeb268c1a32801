// The logical structure of a laid-out document (what a tagged PDF's
// structure tree says): a tree of elements by role, in reading order, and
// content outside it (artifacts: running headers, rules, fills). Roles are
// the PDF standard structure types the engine uses; nothing here knows
// libharu (tagging.cpp writes the tree) or any product.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace bp::pdf {

enum class Role { document, h1, h2, p, l, li, table, thead, tbody, tr, th, td, figure, artifact };

// The standard structure type ("H1", "TD", ...); "Artifact" for artifact.
std::string_view role_name(Role role);

// Which cells a table header cell heads.
enum class Scope { none, column, row };

using StructId = std::uint32_t;
// Content that belongs to no element: an artifact.
constexpr StructId k_artifact = std::numeric_limits<StructId>::max();

struct StructElem {
    Role role = Role::document;
    StructId parent = k_artifact;  // the root has none
    std::vector<StructId> children;  // in reading order
    std::string alt;          // a Figure's text alternative
    std::string actual_text;  // what the content reads as (a RAG chip's "G" as "Green")
    Scope scope = Scope::none;  // TH only
    int col_span = 1;           // TH and TD
};

// Element 0 is the Document; every other element is added under a parent.
class Structure {
public:
    Structure();
    static constexpr StructId root() { return 0; }
    // A new last child of `parent`; `role` must not be artifact.
    StructId add(StructId parent, Role role, std::string alt = {});
    const StructElem& operator[](StructId id) const { return m_elems[id]; }
    StructElem& operator[](StructId id) { return m_elems[id]; }
    std::size_t size() const { return m_elems.size(); }

private:
    std::vector<StructElem> m_elems;
};

// What a tagged PDF reader would fault in the tree, one line each (empty:
// none): a TH or TD outside a TR, a TR outside a Table, THead or TBody, a
// THead or TBody outside a Table, an LI outside an L, a Figure without Alt,
// a heading or paragraph holding elements other than figures.
std::vector<std::string> check_structure(const Structure& s);

}  // namespace bp::pdf
