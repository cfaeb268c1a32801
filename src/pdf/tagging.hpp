// Tagged PDF on libharu, which has no marked content of its own: BDC/EMC
// written into each page's content stream with an MCID per sequence, and the
// structure tree (StructTreeRoot, its ParentTree, the elements and their
// marked-content references) built from libharu's objects. Used by
// document.cpp only.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <hpdf.h>

#include "pdf/page_content.hpp"
#include "pdf/structure.hpp"

namespace bp::pdf {

// The marked-content sequences of one page, in drawing order.
class PageMarks {
public:
    PageMarks(PageContent& content, const Structure& structure) : m_content(content), m_structure(structure) {}
    // Whether an op of element `tag` starts a new sequence. A sequence may
    // not cross BT/ET, so text is marked inside its text object and other
    // drawing outside any: `text` says which the op is, and a change of
    // either starts a sequence (the caller has the text object begun or
    // ended first). Text objects then begin and end where an untagged page
    // has them, and the page draws the same.
    bool starts(StructId tag, bool text) const { return !m_open || tag != m_tag || text != m_text; }
    void begin(StructId tag, bool text);  // ends the open sequence, starts one for `tag`
    void end();
    // The element of each MCID on the page (index: MCID).
    const std::vector<StructId>& owners() const { return m_owners; }

private:
    PageContent& m_content;
    const Structure& m_structure;
    std::vector<StructId> m_owners;
    bool m_open = false, m_text = false;
    StructId m_tag = k_artifact;
};

// The structure tree, planned once the pages are drawn and written at save:
// its elements and the ParentTree are numbered after libharu's objects and
// go into object streams (object_streams.hpp), a few bytes each.
class StructureTree {
public:
    // The tree of `structure` for `pages` (each with its marks' owners); adds
    // what libharu writes: the StructTreeRoot (which must stay libharu's last
    // object), /StructParents on each page and the catalog's /StructTreeRoot,
    // /MarkInfo, /Lang and /ViewerPreferences DisplayDocTitle. Errors go to
    // libharu's error handler.
    void plan(HPDF_Doc doc, const Structure& structure, const std::vector<HPDF_Page>& pages,
              std::vector<std::vector<StructId>> owners, const std::string& language);
    // After libharu has written the file: the number of its objects (the
    // first element's number), and the elements and ParentTree as text, in
    // that numbering (views into this object).
    unsigned first_number() const { return m_base; }
    std::vector<std::string_view> objects() { return objects(m_base); }
    // The same with the first element numbered `first`. Reads nothing libharu writes during its
    // save, so it may run on another thread meanwhile (Document::save foretells the number).
    std::vector<std::string_view> objects(unsigned first);

private:
    // What the elements' text needs, small (a long report has tens of thousands).
    struct Elem {
        StructId parent;
        std::uint32_t text;  // index into m_texts of its Alt or ActualText; 0: none
        std::uint16_t col_span;
        Role role;
        Scope scope;
    };
    // One kid of an element: a child element or a marked-content sequence on a page.
    struct Kid {
        bool content = false;
        StructId elem = k_artifact;
        std::uint32_t page = 0;
        std::uint32_t mcid = 0;
    };
    HPDF_Xref m_xref = nullptr;
    std::vector<Elem> m_elems;
    std::vector<std::string> m_texts{std::string{}};
    // Every element's kids in one list, element e's from m_kid_start[e] to m_kid_start[e + 1]
    // (a list of its own each was a quarter of a million allocations for a long report).
    std::vector<Kid> m_kids;
    std::vector<std::uint32_t> m_kid_start;
    std::vector<std::vector<StructId>> m_owners;
    std::vector<unsigned> m_pages;  // object numbers
    unsigned m_root = 0, m_base = 0;
    std::string m_text;
};

}  // namespace bp::pdf
