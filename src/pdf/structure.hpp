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

enum class Role : std::uint8_t { document, h1, h2, p, l, li, table, thead, tbody, tr, th, td, figure, artifact };

// The standard structure type ("H1", "TD", ...); "Artifact" for artifact.
std::string_view role_name(Role role);

// Which cells a table header cell heads.
enum class Scope : std::uint8_t { none, column, row };

using StructId = std::uint32_t;
// Content that belongs to no element: an artifact.
constexpr StructId k_artifact = std::numeric_limits<StructId>::max();

// 16 bytes: a long report has a quarter of a million (a TD for each table cell).
struct StructElem {
    Role role = Role::document;
    Scope scope = Scope::none;     // TH only
    int col_span = 1;              // TH and TD
    StructId parent = k_artifact;  // the root has none
    std::uint32_t text = 0;        // its text in the Structure (Structure::text); 0: none
};

// Element 0 is the Document; every other element is added under a parent.
class Structure {
public:
    Structure();
    static constexpr StructId root() { return 0; }
    // A new last child of `parent`; `role` must not be artifact. `alt`: a Figure's text alternative.
    StructId add(StructId parent, Role role, std::string alt = {});
    const StructElem& operator[](StructId id) const { return m_elems[id]; }
    StructElem& operator[](StructId id) { return m_elems[id]; }
    std::size_t size() const { return m_elems.size(); }
    // A Figure's text alternative, or what another element's content reads as (a RAG chip's "G"
    // as "Green"); empty: none. Few elements have one: the texts are kept apart from the elements.
    const std::string& text(StructId id) const { return m_texts[m_elems[id].text]; }
    // What element `id` (not a Figure) reads as; empty: its content as it is.
    void set_actual_text(StructId id, std::string text);
    // The children of `id` in the order they were added. Elements are numbered as they are
    // added, so they are those naming it as parent, by number: found by a walk over every
    // element (for checks and tests), not kept as a list each.
    std::vector<StructId> children(StructId id) const;

private:
    std::vector<StructElem> m_elems;
    std::vector<std::string> m_texts{std::string{}};  // [0]: none
};

// What a tagged PDF reader would fault in the tree, one line each (empty:
// none): a TH or TD outside a TR, a TR outside a Table, THead or TBody, a
// THead or TBody outside a Table, an LI outside an L, a Figure without Alt,
// a heading or paragraph holding elements other than figures.
std::vector<std::string> check_structure(const Structure& s);

}  // namespace bp::pdf
