#include "pdf/page_deflater.hpp"

#include <libdeflate.h>

#include <memory>

#if defined(__linux__)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace bp::pdf {

PageDeflater::PageDeflater(int level) : m_level(level) {
    m_helper = std::thread([this] {
#if defined(__linux__)
        // Linux sets a nice value a thread; raising one's own needs no privilege.
        (void)setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 19);
#endif
        drain();
    });
}

PageDeflater::~PageDeflater() {
    m_queue.close();
    if (m_helper.joinable()) m_helper.join();
}

void PageDeflater::add(std::string content) {
    Page& page = m_pages.emplace_back();
    page.bytes = std::move(content);
    if (!m_queue.push(&page)) return;  // closed: finish() deflates nothing more
}

void PageDeflater::drain() {
    std::unique_ptr<libdeflate_compressor, decltype(&libdeflate_free_compressor)> compressor(
        libdeflate_alloc_compressor(m_level), &libdeflate_free_compressor);
    std::string out;  // one buffer for every page: no zero-filled bound a page
    while (auto next = m_queue.pop()) {
        Page& page = **next;
        if (!compressor) continue;  // that page stays uncompressed, still valid
        std::size_t bound = libdeflate_zlib_compress_bound(compressor.get(), page.bytes.size());
        if (out.size() < bound) out.resize(bound);
        std::size_t got = libdeflate_zlib_compress(compressor.get(), page.bytes.data(), page.bytes.size(), out.data(), out.size());
        if (got == 0) continue;
        page.bytes.assign(out.data(), got);
        page.deflated = true;
    }
}

std::vector<PageDeflater::Page> PageDeflater::finish() {
    m_queue.close();
    drain();  // beside the helper, on this thread's own priority
    if (m_helper.joinable()) m_helper.join();
    std::vector<Page> pages(std::make_move_iterator(m_pages.begin()), std::make_move_iterator(m_pages.end()));
    m_pages.clear();
    return pages;
}

}  // namespace bp::pdf
