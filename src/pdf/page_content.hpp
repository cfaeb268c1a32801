// One page's content stream, built in a buffer of our own: libharu's page
// stream copies every byte through a byte-at-a-time loop, a tenth of the
// report's instructions. libharu's operators, where still called (images,
// dashes, text that needs a fallback font), write into its own stream; those
// bytes are moved here before each write of ours, so the page keeps its order.
// Used by document.cpp, tagging.cpp and font_streams.cpp (append_stream_bytes) only.
#pragma once

#include <string>
#include <string_view>

#include <hpdf.h>

namespace bp::pdf {

// A number in a content stream, byte for byte as libharu's HPDF_FToA writes it
// (its own operators' numbers and ours must read alike), at a sixth of its cost:
// formatting numbers was 2% of a board-sized build's instructions.
void append_real(std::string& out, HPDF_REAL v);
// The same at `out`, which has k_max_real_chars bytes; returns the end.
inline constexpr std::size_t k_max_real_chars = 16;
char* format_real(char* out, HPDF_REAL v);

// A libharu memory stream's bytes, appended to `out`; false where libharu's buffers did
// not hold them all (what they held is appended).
bool append_stream_bytes(HPDF_Stream stream, std::string& out);

class PageContent {
public:
    explicit PageContent(HPDF_Page page) : m_page(page) {}
    void write(std::string_view bytes) {
        if (libharu_pending()) take_libharu_bytes();
        m_bytes.append(bytes);
    }
    // The page's whole content, libharu's last bytes included; its own stream is left empty.
    std::string finish() {
        take_libharu_bytes();
        return std::move(m_bytes);
    }

private:
    bool libharu_pending() const;
    void take_libharu_bytes();

    HPDF_Page m_page;
    std::string m_bytes;
};

}  // namespace bp::pdf
