#include <doctest/doctest.h>

#include "read/formula.hpp"

using bp::read::translate_formula;

TEST_CASE("read::translate_formula moves relative references") {
    CHECK(translate_formula("A1*2", 3, 0) == "A4*2");
    CHECK(translate_formula("$A1+A$1+$A$1", 2, 1) == "$A3+B$1+$A$1");
    CHECK(translate_formula("SUM(B2:C3)", 1, 1) == "SUM(C3:D4)");
    CHECK(translate_formula("SUM(A:A)", 5, 2) == "SUM(C:C)");
    CHECK(translate_formula("SUM(2:3)", 1, 9) == "SUM(3:4)");
    CHECK(translate_formula("Sheet2!A1+'My sheet'!B2", 1, 0) == "Sheet2!A2+'My sheet'!B3");
    SUBCASE("names, functions, strings and numbers stay") {
        CHECK(translate_formula("LOG10(A1)", 1, 0) == "LOG10(A2)");
        CHECK(translate_formula("\"A1\"&A1", 1, 0) == "\"A1\"&A2");
        CHECK(translate_formula("A1*1.5E+3", 1, 0) == "A2*1.5E+3");
        CHECK(translate_formula("Table1[Value]+A1", 1, 0) == "Table1[Value]+A2");
        CHECK(translate_formula("_xlfn.XLOOKUP(A1,B:B,C:C)", 1, 0) == "_xlfn.XLOOKUP(A2,B:B,C:C)");
    }
    CHECK(translate_formula("A1", -1, 0) == "#REF!");
}
