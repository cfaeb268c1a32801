#include "pdf/dot_form.hpp"

#include <hpdf_objects.h>
#include <hpdf_pages.h>

#include <initializer_list>

namespace bp::pdf {

namespace {

// The circle as HPDF_Page_Circle draws it (its kappa, 0.552), at the origin with radius 1.
constexpr const char* k_unit_circle =
    "-1 0 m\012"
    "-1 0.552 -0.552 1 0 1 c\012"
    "0.552 1 1 0.552 1 0 c\012"
    "1 -0.552 0.552 -1 0 -1 c\012"
    "-0.552 -1 -1 -0.552 -1 0 c\012"
    "f\012";

HPDF_Dict make_form(HPDF_Doc doc) {
    HPDF_Dict form = HPDF_DictStream_New(doc->mmgr, doc->xref);
    if (!form) return nullptr;
    HPDF_Array box = HPDF_Array_New(doc->mmgr);
    if (!box) return nullptr;
    for (int v : {-1, -1, 1, 1}) HPDF_Array_AddNumber(box, v);
    if (HPDF_Dict_AddName(form, "Type", "XObject") != HPDF_OK || HPDF_Dict_AddName(form, "Subtype", "Form") != HPDF_OK ||
        HPDF_Dict_Add(form, "BBox", box) != HPDF_OK)
        return nullptr;
    // Resources of its own, empty: PDF/A wants none inherited from the page.
    HPDF_Dict resources = HPDF_Dict_New(doc->mmgr);
    if (!resources || HPDF_Dict_Add(form, "Resources", resources) != HPDF_OK) return nullptr;
    if (HPDF_Stream_WriteStr(form->stream, k_unit_circle) != HPDF_OK) return nullptr;
    return form;
}

}  // namespace

const char* DotForm::name_on(HPDF_Page page) {
    if (!m_tried) {
        m_tried = true;
        m_form = make_form(m_doc);
    }
    if (!m_form) return nullptr;
    if (page != m_page) {
        m_page = page;
        m_name = HPDF_Page_GetXObjectName(page, m_form);
    }
    return m_name;
}

}  // namespace bp::pdf
