// Tagged PDF on libharu, which has no marked content of its own: BDC/EMC
// written into each page's content stream with an MCID per sequence, and the
// structure tree (StructTreeRoot, its ParentTree, the elements and their
// marked-content references) built from libharu's objects. Used by
// document.cpp only.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <hpdf.h>

#include "pdf/structure.hpp"

namespace bp::pdf {

// The marked-content sequences of one page, in drawing order.
class PageMarks {
public:
    PageMarks(HPDF_Page page, const Structure& structure) : m_page(page), m_structure(structure) {}
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
    HPDF_Page m_page;
    const Structure& m_structure;
    std::vector<StructId> m_owners;
    bool m_open = false, m_text = false;
    StructId m_tag = k_artifact;
};

// The text of objects libharu writes at save, as they are: one buffer, a view per object.
struct RawBodies {
    std::string text;
    std::vector<std::string_view> views;
};

// Writes the structure tree for `pages` (each with its marks' owners) and
// the catalog's /StructTreeRoot, /MarkInfo, /Lang and /ViewerPreferences
// DisplayDocTitle; each page gets /StructParents. The elements' text is kept
// in `bodies`, which must outlive the document's save. Errors go to
// libharu's error handler.
void write_structure_tree(HPDF_Doc doc, const Structure& structure, const std::vector<HPDF_Page>& pages,
                          const std::vector<std::vector<StructId>>& owners, const std::string& language,
                          RawBodies& bodies);

}  // namespace bp::pdf
