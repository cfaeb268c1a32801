// A stand-in for font metrics in the layout engine's tests: each character is
// `em` of the size wide (bold a little wider), easy to reason about.
#pragma once

#include <string_view>

#include "pdf/layout.hpp"

namespace bp::pdftest {

class FixedMeasure : public pdf::Measure {
public:
    explicit FixedMeasure(double em = 0.5) : m_em(em) {}
    double width(std::string_view text, pdf::FontStyle style, double size) const override {
        std::size_t chars = 0;
        for (unsigned char c : text) chars += (c & 0xC0) != 0x80;
        return static_cast<double>(chars) * size * (style == pdf::FontStyle::bold ? m_em * 1.1 : m_em);
    }

private:
    double m_em;
};

}  // namespace bp::pdftest
