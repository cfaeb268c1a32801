#include <doctest/doctest.h>

#include <memory>
#include <vector>

#include "util/exit_reclaim.hpp"

namespace {
struct Counted {
    explicit Counted(int* destroyed) : m_destroyed(destroyed) {}
    Counted(Counted&& o) noexcept : m_destroyed(o.m_destroyed), values(std::move(o.values)) { o.m_destroyed = nullptr; }
    ~Counted() {
        if (m_destroyed) ++*m_destroyed;
    }
    int* m_destroyed;
    std::vector<int> values{1, 2, 3};
};
}  // namespace

TEST_CASE("util::leave_to_exit leaves the value to its owner unless reclaiming at exit") {
    int destroyed = 0;
    bp::reclaim_at_exit(false);
    {
        Counted c(&destroyed);
        bp::leave_to_exit(c);
        CHECK(c.values.size() == 3);  // untouched: its owner destroys it
    }
    CHECK(destroyed == 1);

    bp::reclaim_at_exit(true);
    {
        Counted c(&destroyed);
        bp::leave_to_exit(c);
        CHECK(c.values.empty());  // moved to where it is kept until exit
        auto doc = std::make_unique<Counted>(&destroyed);
        bp::leave_to_exit(doc);
        CHECK(doc == nullptr);
    }
    CHECK(destroyed == 1);  // neither kept one was destroyed
    bp::reclaim_at_exit(false);
}
