#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "util/file_name.hpp"

using namespace bp;

TEST_CASE("util::file_name_of is std::filesystem::path::filename on POSIX") {
    for (std::string p : {"team.xlsx", "in/plan.xlsx", "/tmp/a b/KPIs (Oct).xlsx", "dir/", "/", "", ".", "a/..",
                          "a//b.xlsx", "returns/plan - checked.xlsx", "caf\u00e9/\u00e9t\u00e9.xlsx"}) {
        CAPTURE(p);
        CHECK(file_name_of(p) == std::filesystem::path(p).filename().string());
    }
}
