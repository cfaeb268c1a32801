// Page contents deflated while the pages are still being painted, on a thread that
// asks the kernel for the lowest priority: it takes a core the other outputs leave
// idle (the scorecard's, once written) and never one the report's own thread wants.
// What it has not reached by the save is deflated by the saving thread itself, so a
// starved helper never holds the report up. Knows nothing of libharu.
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <thread>
#include <vector>

#include "util/handoff_queue.hpp"

namespace bp::pdf {

class PageDeflater {
public:
    explicit PageDeflater(int level);
    ~PageDeflater();
    PageDeflater(const PageDeflater&) = delete;
    PageDeflater& operator=(const PageDeflater&) = delete;

    // The next page's content stream; deflated on the helper from now.
    void add(std::string content);

    struct Page {
        std::string bytes;      // zlib-deflated when `deflated`, else the content as given
        bool deflated = false;  // false only where libdeflate failed (out of memory)
    };
    // Every page, in the order added. The deflater is then empty.
    std::vector<Page> finish();

private:
    void drain();  // deflates queued pages until none is left

    int m_level;
    std::deque<Page> m_pages;  // a deque: pages handed out stay put as more are added
    HandoffQueue<Page*> m_queue{64};
    std::thread m_helper;
};

}  // namespace bp::pdf
