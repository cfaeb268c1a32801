// The report's dots (RAG dots, a sparkline's last point): one filled circle of radius 1
// as a form XObject, drawn scaled at each ("q r 0 0 r x y cm /X1 Do Q", some 40 bytes)
// rather than four Bezier curves each (some 260). A 200-workbook report draws 10,000
// of them: they had been about 40% of its page contents. The form sets no colour, so
// a dot is filled with the colour set before it, as the curves were.
#pragma once

#include <hpdf.h>

namespace bp::pdf {

class DotForm {
public:
    explicit DotForm(HPDF_Doc doc) : m_doc(doc) {}
    // The form's name in `page`'s resources, the form made on first use; null when
    // libharu fails (the caller then draws the curves itself).
    const char* name_on(HPDF_Page page);

private:
    HPDF_Doc m_doc;
    HPDF_Dict m_form = nullptr;
    bool m_tried = false;  // made, or failed to be: not tried again
    HPDF_Page m_page = nullptr;  // the page m_name was asked for last
    const char* m_name = nullptr;
};

}  // namespace bp::pdf
