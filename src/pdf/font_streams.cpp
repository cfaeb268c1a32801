#include "pdf/font_streams.hpp"

#include <hpdf_font.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include <atomic>
#include <string>

#include "pdf/page_content.hpp"  // append_stream_bytes
#include "pdf/zlib_deflate.hpp"

namespace bp::pdf {
namespace {

// libdeflate's fastest level, as for the pages: these are deflated on the report's thread at the
// very end of the save. Level 6 (libharu's zlib level) made the two DejaVu programs 6 KB smaller
// for 28 M more instructions.
constexpr int k_level = 1;

// libharu's writer of a Type 0 TrueType font's dictionary, which makes the font's
// streams; every font of that kind shares it.
std::atomic<HPDF_Dict_BeforeWriteFunc> g_libharu_before_write{nullptr};

// A memory stream's bytes, deflated in their place; the stream is then written as it is.
void deflate_in_place(HPDF_Dict dict) {
    if (!dict || !dict->stream || !(dict->filter & HPDF_STREAM_FILTER_FLATE_DECODE)) return;
    HPDF_Stream stream = dict->stream;
    std::string raw, scratch;
    if (!append_stream_bytes(stream, raw)) return;  // not as expected: libharu deflates it as before
    auto packed = zlib_deflate(make_compressor(k_level).get(), raw, scratch);
    if (!packed) return;
    HPDF_MemStream_FreeData(stream);
    if (HPDF_Stream_Write(stream, reinterpret_cast<const HPDF_BYTE*>(packed->data()), static_cast<HPDF_UINT>(packed->size())) != HPDF_OK) {
        // Out of memory half-way: the raw bytes back, for libharu to deflate.
        HPDF_MemStream_FreeData(stream);
        HPDF_Stream_Write(stream, reinterpret_cast<const HPDF_BYTE*>(raw.data()), static_cast<HPDF_UINT>(raw.size()));
        return;
    }
    dict->filter = HPDF_STREAM_FILTER_NONE;
    dict->write_fn = write_flate_filter;
}

// libharu's own writer first (it fills the streams and sets their filters), then ours deflates
// them: they are written after the font's dictionary, so in time.
HPDF_STATUS before_write(HPDF_Dict font) {
    HPDF_STATUS ret = g_libharu_before_write.load()(font);
    if (ret != HPDF_OK) return ret;
    for (HPDF_Dict dict : {font, static_cast<HPDF_FontAttr>(font->attr)->descendant_font}) {
        if (!dict || !dict->attr) continue;
        auto* attr = static_cast<HPDF_FontAttr>(dict->attr);
        deflate_in_place(attr->map_stream);
        deflate_in_place(attr->cmap_stream);
        if (attr->fontdef && attr->fontdef->descriptor)
            deflate_in_place(static_cast<HPDF_Dict>(HPDF_Dict_GetItem(attr->fontdef->descriptor, "FontFile2", HPDF_OCLASS_DICT)));
    }
    return HPDF_OK;
}

}  // namespace

HPDF_STATUS write_flate_filter(HPDF_Dict, HPDF_Stream stream) { return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012"); }

void deflate_font_streams_ourselves(HPDF_Font font) {
    if (!font || static_cast<HPDF_FontAttr>(font->attr)->type != HPDF_FONT_TYPE0_TT) return;
    if (!font->before_write_fn || font->before_write_fn == before_write) return;
    HPDF_Dict_BeforeWriteFunc expected = nullptr;
    if (!g_libharu_before_write.compare_exchange_strong(expected, font->before_write_fn) && expected != font->before_write_fn)
        return;  // some other writer: left to libharu
    font->before_write_fn = before_write;
}

}  // namespace bp::pdf
