// The INI reader the settings files share, in its two syntaxes: the report
// template's and the returns list's (continuation lines), and the column
// mappings' (a heading may hold '#' and '=').
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "recognise/column_mapping.hpp"
#include "util/ini.hpp"

using namespace bp;

TEST_CASE("util::read_ini: continuation lines, comments, and a setting with no '='") {
    std::vector<std::string> seen;
    IniHandlers h{[&](long n, const std::string& head) {
                      seen.push_back(std::to_string(n) + head);
                      return Status{Ok{}};
                  },
                  [&](long n, const std::string& k, const std::string& v) {
                      seen.push_back(std::to_string(n) + k + "=" + v);
                      return Status{Ok{}};
                  }};
    REQUIRE(read_ini("[a]\nkey = one\n  two\n# c\n  ; c2\nempty =\n", "x.ini", h));
    CHECK(seen == std::vector<std::string>{"1[a]", "2key=one two", "6empty="});
    auto bad = read_ini("[a]\nno equals\n", "x.ini", h);
    REQUIRE_FALSE(bad);
    CHECK(to_string(bad.error()) == "x.ini: line 2: 'no equals' is not 'key = value'");
}

TEST_CASE("recognise::ColumnMappings::parse through util::read_ini keeps the mappings' own syntax") {
    // '#' inside a heading (not after a space), '=' inside a heading (the field is after the last '='), indented lines
    // read each on their own, " #" comments.
    auto m = recognise::ColumnMappings::parse(
        "[match]\nfiles = Kent*.xlsx   # the county's\nkind = kpi\n[columns]\nIndicator# = ref\n"
        "  Value (a=b) = value\n  column F = target\n",
        "m.ini");
    REQUIRE(m);
    REQUIRE(m->columns.size() == 3);
    CHECK(m->files == "Kent*.xlsx");
    CHECK(m->columns[0].field == "ref");
    CHECK(m->columns[0].line == 5);
    CHECK(m->columns[1].field == "value");
    CHECK(m->columns[1].line == 6);
    CHECK(m->columns[2].column == 5u);
    auto bad = recognise::ColumnMappings::parse("[match]\nsheet = KPIs\n[columns]\nThis year = current value\n", "bad.ini");
    REQUIRE_FALSE(bad);
    CHECK(to_string(bad.error()).rfind("bad.ini: line 4: 'current value' is not a field", 0) == 0);
    auto section = recognise::ColumnMappings::parse("[Match]\n", "s.ini");
    REQUIRE_FALSE(section);
    CHECK(section.error().message == "line 1: unknown section [Match]: the sections are [match] and [columns]");
}
