// An embedded font's streams (the TrueType program, its CIDToGIDMap and ToUnicode
// map) deflated with libdeflate as libharu writes them, instead of by libharu's
// zlib: those 0.5 MB were 1.5% of a board-sized build's instructions, on the
// report's critical path, where libdeflate at the same level is three times as fast.
// Used by document.cpp only (its fonts and the fallback fonts it loads).
#pragma once

#include <hpdf.h>

namespace bp::pdf {

// From now on `font`'s streams are deflated by libdeflate when the document is saved.
// A font libharu writes some other way (not a TrueType CIDFont) is left as it is.
void deflate_font_streams_ourselves(HPDF_Font font);

// The hook that names the filter of a stream whose bytes were deflated by us:
// libharu drops a /Filter entry of a stream it did not filter itself.
HPDF_STATUS write_flate_filter(HPDF_Dict, HPDF_Stream stream);

}  // namespace bp::pdf
