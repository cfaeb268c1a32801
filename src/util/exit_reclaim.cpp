#include "util/exit_reclaim.hpp"

#include <atomic>
#include <mutex>
#include <vector>

namespace bp {
namespace {

std::atomic<bool> g_on{false};
std::mutex g_lock;
// Never destroyed (a static vector would free it all at exit); the pointer keeps
// what it holds reachable for leak checkers.
std::vector<void*>* g_kept = nullptr;

}  // namespace

void reclaim_at_exit(bool on) { g_on.store(on, std::memory_order_relaxed); }
bool reclaiming_at_exit() { return g_on.load(std::memory_order_relaxed); }

void detail::keep_until_exit(void* owned) {
    std::lock_guard<std::mutex> hold(g_lock);
    if (!g_kept) g_kept = new std::vector<void*>;
    g_kept->push_back(owned);
}

}  // namespace bp
