// Tagged PDF on libharu, which has no marked content of its own: BDC/EMC
// written into each page's content stream with an MCID per sequence, and the
// structure tree (StructTreeRoot, its ParentTree, the elements and their
// marked-content references) built from libharu's objects. Used by
// document.cpp only.
#pragma once

#include <string>
#include <vector>

#include <hpdf.h>

#include "pdf/structure.hpp"

namespace bp::pdf {

// The marked-content sequences of one page, in drawing order.
class PageMarks {
public:
    PageMarks(HPDF_Page page, const Structure& structure) : m_page(page), m_structure(structure) {}
    // Whether an op of element `tag` starts a new sequence (the caller ends
    // its text object first: a sequence may not cross BT/ET).
    bool starts(StructId tag) const { return !m_open || tag != m_tag; }
    void begin(StructId tag);  // ends the open sequence, starts one for `tag`
    void end();
    // The element of each MCID on the page (index: MCID).
    const std::vector<StructId>& owners() const { return m_owners; }

private:
    HPDF_Page m_page;
    const Structure& m_structure;
    std::vector<StructId> m_owners;
    bool m_open = false;
    StructId m_tag = k_artifact;
};

// Writes the structure tree for `pages` (each with its marks' owners) and
// the catalog's /StructTreeRoot, /MarkInfo, /Lang and /ViewerPreferences
// DisplayDocTitle; each page gets /StructParents. Errors go to libharu's
// error handler.
void write_structure_tree(HPDF_Doc doc, const Structure& structure, const std::vector<HPDF_Page>& pages,
                          const std::vector<std::vector<StructId>>& owners, const std::string& language);

// A PDF text string: PDFDocEncoding when ASCII, else UTF-16BE with its byte-order mark.
void* text_string(HPDF_MMgr mmgr, const std::string& utf8);

}  // namespace bp::pdf
