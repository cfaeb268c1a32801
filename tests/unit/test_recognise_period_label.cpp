#include <doctest/doctest.h>

#include "recognise/period_label.hpp"

using namespace bp;
using namespace bp::recognise;

namespace {
PeriodLabel period(std::string_view heading) {
    auto p = parse_period_label(heading);
    REQUIRE_MESSAGE(p, heading);
    return *p;
}
}  // namespace

TEST_CASE("recognise::parse_period_label: the forms councils write") {
    CHECK(period("Outturn 2011-12").year == 2011);
    CHECK(period("Outturn 2011-12").words.empty());  // "outturn" says only that the column holds the period's value
    CHECK(period("2012/13").year == 2012);
    CHECK(period("2022/23").financial);
    CHECK(period("Actual 12/13").year == 2012);
    CHECK(period("Actual 12/13").words == "actual");
    CHECK(period("YE 2012-13").words.empty());
    CHECK(period("2012/2013").year == 2012);
    CHECK(period("2012 13").year == 2012);
    CHECK(period("1999/00").year == 1999);
    CHECK(period("2012\xE2\x80\x93" "13").year == 2012);  // en dash
    auto q = period("Q2 2023/24");
    CHECK(q.year == 2023);
    CHECK(q.quarter == 2);
    auto prov = period("Outturn 2012-13 (provisional)");
    CHECK(prov.provisional);
    CHECK(prov.words.empty());
    CHECK(period("Target 2013-14").words == "target");
    CHECK(period("2023").year == 2023);
    CHECK(period("FY2012/13").year == 2012);
    CHECK(period("YTD 2013/14").words.empty());
    CHECK(period("Outturn\n2012-13").year == 2012);
    CHECK(period("Target for 2013/14").words == "target for");
    CHECK_FALSE(period("2023").financial);
}

TEST_CASE("recognise::parse_period_label: not a period") {
    CHECK_FALSE(parse_period_label("2022/25"));
    CHECK_FALSE(parse_period_label("1.1"));
    CHECK_FALSE(parse_period_label("Outturn"));
    CHECK_FALSE(parse_period_label("2011-12 v 2012-13"));  // two periods: a comparison, not one period
    CHECK_FALSE(parse_period_label("Indicator No."));
    CHECK_FALSE(parse_period_label("12/03"));  // a day and month, not a span of years
}

TEST_CASE("recognise::PeriodLabel ordering, start and label") {
    CHECK(period("2012-13").order() > period("2011-12").order());
    CHECK(period("2012-13").order() > period("Q4 2012-13").order());  // the whole year after its quarters
    CHECK(period("Q1 2013/14").order() > period("2012-13").order());
    CHECK(period("2012-13").starts() == CivilDate{2012, 4, 1});
    CHECK(period("Q2 2023/24").starts() == CivilDate{2023, 7, 1});
    CHECK(period("Q4 2023/24").starts() == CivilDate{2024, 1, 1});
    CHECK(period("2023").starts() == CivilDate{2023, 1, 1});
    CHECK(period("2012/13").label() == "2012-13");
    CHECK(period("Q2 2023/24").label() == "Q2 2023-24");
    CHECK(period("1999/00").label() == "1999-00");
    CHECK(period("Outturn 2012-13").same_period(period("2012/13")));
}
