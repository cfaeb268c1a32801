#include "pdf/page_deflater.hpp"

#include "pdf/zlib_deflate.hpp"

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
    (void)m_queue.push(&page);  // refused once finish() has closed it: that page stays as given
}

void PageDeflater::drain() {
    Compressor compressor = make_compressor(m_level);
    std::string scratch;  // one buffer for every page
    while (auto next = m_queue.pop()) {
        Page& page = **next;
        auto deflated = zlib_deflate(compressor.get(), page.bytes, scratch);
        if (!deflated) continue;  // that page stays uncompressed, still valid
        page.bytes = std::move(*deflated);
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
