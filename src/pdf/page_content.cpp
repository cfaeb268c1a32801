#include "pdf/page_content.hpp"

#include <algorithm>

#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

namespace bp::pdf {

namespace {

HPDF_Stream page_stream(HPDF_Page page) { return static_cast<HPDF_PageAttr>(page->attr)->stream; }

}  // namespace

bool PageContent::libharu_pending() const { return page_stream(m_page)->size != 0; }

void PageContent::take_libharu_bytes() {
    HPDF_Stream stream = page_stream(m_page);
    const std::size_t size = stream->size;
    if (size == 0) return;
    std::size_t got = 0;
    for (HPDF_UINT i = 0, n = HPDF_MemStream_GetBufCount(stream); i < n && got < size; ++i) {
        HPDF_UINT len = 0;
        const HPDF_BYTE* p = HPDF_MemStream_GetBufPtr(stream, i, &len);
        if (!p) break;
        const std::size_t take = std::min<std::size_t>(len, size - got);
        m_bytes.append(reinterpret_cast<const char*>(p), take);
        got += take;
    }
    // Emptied for libharu's next call. One buffer (the usual case: a few operators) is kept and
    // rewound rather than freed and allocated again.
    auto* attr = static_cast<HPDF_MemStreamAttr>(stream->attr);
    if (HPDF_MemStream_GetBufCount(stream) == 1) {
        HPDF_UINT len = 0;
        attr->w_ptr = HPDF_MemStream_GetBufPtr(stream, 0, &len);
        attr->w_pos = 0;
        attr->r_ptr_idx = 0;
        attr->r_pos = 0;
        attr->r_ptr = attr->w_ptr;
        stream->size = 0;
    } else {
        HPDF_MemStream_FreeData(stream);
    }
}

}  // namespace bp::pdf
