#include <doctest/doctest.h>

#include <thread>

#include "read/budget.hpp"

using namespace bp;
using namespace bp::read;

TEST_CASE("read::ReadBudget counts text as it is built and names the flag that raises the limit") {
    ReadLimits limits;
    limits.max_text_bytes = 100;
    ReadBudget b(limits, "q3.xlsx");
    CHECK(b.add_text(60));
    CHECK(b.add_text(40));
    Status over = b.add_text(1);
    REQUIRE_FALSE(over);
    CHECK(over.error().code == Errc::too_large);
    CHECK(over.error().where.file == "q3.xlsx");
    CHECK(over.error().message.find("--max-text-mb") != std::string::npos);
}

TEST_CASE("read::ReadBudget: a shared string's first use is free, every later one counts") {
    ReadBudget b(ReadLimits{}, "q3.xlsx");
    CHECK(b.first_use(2, 3));
    CHECK_FALSE(b.first_use(2, 3));
    CHECK(b.first_use(0, 3));
    CHECK(b.first_use(5, 10));  // the table may be read after a first call
}

TEST_CASE("read::ReadBudget counts cells across the workbook's sheets") {
    ReadLimits limits;
    limits.max_cells = 10;
    ReadBudget b(limits, "q3.xlsx");
    CHECK(b.add_cells(6, "Plan"));
    Status over = b.add_cells(5, "KPIs");
    REQUIRE_FALSE(over);
    CHECK(over.error().where.sheet == "KPIs");
    CHECK(over.error().message.find("--max-cells") != std::string::npos);
}

TEST_CASE("read::ReadBudget refuses once the time is up") {
    ReadLimits limits;
    limits.max_seconds = 0.01;
    ReadBudget b(limits, "q3.xlsx");
    CHECK(b.check_time());
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    Status late = b.check_time();
    REQUIRE_FALSE(late);
    CHECK(late.error().message.find("--max-seconds") != std::string::npos);
}
