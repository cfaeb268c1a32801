#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "util/sorted_map.hpp"

using namespace bp;

TEST_CASE("util::SortedMap keeps its keys in order whatever order they are set in") {
    SortedMap<unsigned, std::string> m;
    m[3] = "c";
    m[5] = "e";
    CHECK(&m[5] == &m[5]);  // the last key again: the same element, nothing added
    m[5] += "!";
    m[1] = "a";   // before every key
    m[4] = "d";   // between two
    m[3] += "?";  // an earlier key again
    std::vector<unsigned> keys;
    std::string values;
    for (const auto& [k, v] : m) keys.push_back(k), values += v + ",";
    CHECK(keys == std::vector<unsigned>{1, 3, 4, 5});
    CHECK(values == "a,c?,d,e!,");
    CHECK(m.size() == 4);
    CHECK(m.count(4) == 1);
    CHECK(m.count(2) == 0);
    CHECK(m.find(2) == m.end());
    CHECK(m.find(5)->second == "e!");
}
