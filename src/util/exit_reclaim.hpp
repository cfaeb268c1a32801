// A one-shot command leaves its largest structures to the operating system, as
// clang's driver does with -disable-free: a board-sized build would otherwise
// spend about 6% of its wall time at its end freeing a million small blocks one
// by one, memory the exit gives back at once. Off by default; a long-running
// process (the web server, a batch) frees as it goes.
#pragma once

#include <type_traits>
#include <utility>

namespace bp {

// Set once by the command line, before any thread starts.
void reclaim_at_exit(bool on);
bool reclaiming_at_exit();

namespace detail {
void keep_until_exit(void* owned);
}

// `value` is done with. When reclaiming at exit, it is moved where it stays
// reachable (no leak report) and is never destroyed; otherwise it is left to the
// caller to destroy as usual.
template <class T>
void leave_to_exit(T& value) {
    static_assert(!std::is_const_v<T>);
    if (!reclaiming_at_exit()) return;
    detail::keep_until_exit(new T(std::move(value)));
}

}  // namespace bp
