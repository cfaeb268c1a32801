#include "pdf/page_content.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>

#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

namespace bp::pdf {

namespace {

HPDF_Stream page_stream(HPDF_Page page) { return static_cast<HPDF_PageAttr>(page->attr)->stream; }

}  // namespace

// HPDF_FToA's rules: clamped to libharu's range; five decimals, rounded half up by
// adding 0.000005 in double, the fraction then scaled in float; trailing zeros and a
// bare point dropped ("-0" stays, as libharu writes it).
char* format_real(char* out, HPDF_REAL v) {
    if (v > HPDF_LIMIT_MAX_REAL)
        v = HPDF_LIMIT_MAX_REAL;
    else if (v < HPDF_LIMIT_MIN_REAL)
        v = HPDF_LIMIT_MIN_REAL;
    else if (v != v)
        v = 0;  // NaN: libharu's conversion is undefined; no layout of ours makes one
    char* p = out;  // at most "-32767.00000"
    if (v < 0) {
        *p++ = '-';
        v = -v;
    }
    const auto whole = static_cast<std::int32_t>(static_cast<double>(v) + 0.000005);
    auto fraction = static_cast<std::int32_t>(static_cast<HPDF_REAL>(static_cast<double>(v) - whole + 0.000005) * 100000);
    p = std::to_chars(p, out + k_max_real_chars, whole).ptr;
    char decimals[5];
    for (int i = 4; i >= 0; --i) {  // the last five digits, as libharu takes them
        decimals[i] = static_cast<char>('0' + fraction % 10);
        fraction /= 10;
    }
    int kept = 5;
    while (kept > 0 && decimals[kept - 1] == '0') --kept;
    if (kept > 0) {
        *p++ = '.';
        p = std::copy(decimals, decimals + kept, p);
    }
    return p;
}

void append_real(std::string& out, HPDF_REAL v) {
    char buf[k_max_real_chars];
    out.append(buf, static_cast<std::size_t>(format_real(buf, v) - buf));
}

bool append_stream_bytes(HPDF_Stream stream, std::string& out) {
    const std::size_t size = stream->size;
    std::size_t got = 0;
    for (HPDF_UINT i = 0, n = HPDF_MemStream_GetBufCount(stream); i < n && got < size; ++i) {
        HPDF_UINT len = 0;
        const HPDF_BYTE* p = HPDF_MemStream_GetBufPtr(stream, i, &len);
        if (!p) break;
        const std::size_t take = std::min<std::size_t>(len, size - got);
        out.append(reinterpret_cast<const char*>(p), take);
        got += take;
    }
    return got == size;
}

bool PageContent::libharu_pending() const { return page_stream(m_page)->size != 0; }

void PageContent::take_libharu_bytes() {
    HPDF_Stream stream = page_stream(m_page);
    if (stream->size == 0) return;
    (void)append_stream_bytes(stream, m_bytes);
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
