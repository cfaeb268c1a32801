// What an archival and an accessible PDF carry beyond the pages, on
// libharu's objects: the XMP metadata stream (the document info again, with
// PDF/UA's and PDF/A's identification), the sRGB output intent that PDF/A
// asks of device colour, and the trailer's document ID. Used by document.cpp only.
#pragma once

#include <ctime>
#include <string>

#include <hpdf.h>

#include "util/result.hpp"

namespace bp::pdf {

// Debian's icc-profiles-free sRGB profile (then colord's), found at run time.
Result<std::string> find_srgb_profile();

struct XmpFields {
    std::string title, author, subject, keywords, creator, producer;
    std::time_t created = 0;
    bool pdfa = false;  // PDF/A-2b identification (and the extension schema PDF/A asks for pdfuaid)
};

// The XMP packet: dc:title, dc:creator, dc:description, pdf:Keywords,
// xmp:CreatorTool, pdf:Producer and the dates as the document info has them,
// pdfuaid:part 1 and, when `pdfa`, pdfaid:part 2 and conformance B.
std::string xmp_packet(const XmpFields& f);

// The catalog's /Metadata stream (not compressed, as PDF/A asks).
void add_metadata(HPDF_Doc doc, const std::string& xmp);
// The catalog's /OutputIntents: GTS_PDFA1 with the ICC profile's bytes.
void add_srgb_output_intent(HPDF_Doc doc, const std::string& icc_bytes);
// The document ID: 16 bytes derived from `seed` (the same document info
// gives the same ID, so builds stay reproducible), for the trailer's /ID.
std::string document_id(const std::string& seed);

}  // namespace bp::pdf
