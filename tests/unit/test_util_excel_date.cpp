#include <doctest/doctest.h>

#include <cstdio>

#include "util/excel_date.hpp"

using namespace bp;

namespace {
std::string date_of(double serial, bool date1904 = false) {
    auto d = date_from_serial(serial, date1904);
    return d ? iso_datetime(*d) : "none";
}
}  // namespace

TEST_CASE("util::date_from_serial 1900 system with the leap-year bug") {
    CHECK(date_of(1) == "1900-01-01");
    CHECK(date_of(59) == "1900-02-28");
    auto bug = date_from_serial(60, false);
    REQUIRE(bug);
    CHECK(bug->leap_bug_day);
    CHECK(iso_date(bug->when.date) == "1900-02-29");
    CHECK(date_of(61) == "1900-03-01");
    CHECK(date_of(45169) == "2023-08-31");
    CHECK(date_of(2958465) == "9999-12-31");
    CHECK(date_of(-1) == "none");
    CHECK(date_of(2958466) == "none");
}

TEST_CASE("util::date_from_serial 1904 system") {
    CHECK(date_of(0, true) == "1904-01-01");
    CHECK(date_of(43707, true) == "2023-08-31");  // 1462 days less than 1900
}

TEST_CASE("util::date_from_serial times round to the millisecond") {
    CHECK(date_of(45169.5) == "2023-08-31T12:00:00");
    CHECK(date_of(45169.75 + 0.25 / 86400) == "2023-08-31T18:00:00.250");
    CHECK(date_of(45169.99999999999) == "2023-09-01");  // rounds up to midnight
    CHECK(iso_time(date_from_serial(0.5, false)->when.millis) == "12:00:00");
}

TEST_CASE("util::serial_from_date inverts date_from_serial") {
    for (double s : {1.0, 59.0, 61.0, 366.0, 45169.0, 2958465.0}) {
        auto d = date_from_serial(s, false);
        CHECK(serial_from_date(d->when.date, false) == s);
        auto d4 = date_from_serial(s, true);
        CHECK(serial_from_date(d4->when.date, true) == s);
    }
}

TEST_CASE("util::iso_duration") {
    CHECK(iso_duration(1.0 + 2.5 / 24) == "PT26H30M0S");
    CHECK(iso_duration(65.5 / 86400) == "PT0H1M5.5S");
}

TEST_CASE("util::parse_iso_datetime") {
    auto d = parse_iso_datetime("2023-08-31T14:30:05.5Z");
    REQUIRE(d);
    CHECK(d->date == CivilDate{2023, 8, 31});
    CHECK(d->millis == (14 * 3600 + 30 * 60 + 5) * 1000 + 500);
    CHECK(parse_iso_datetime("2024-02-29"));
    CHECK_FALSE(parse_iso_datetime("2023-02-29"));
    CHECK_FALSE(parse_iso_datetime("31/08/2023"));
    CHECK_FALSE(parse_iso_datetime("2023-08-31T25:00"));
}

TEST_CASE("util::parse_iso_duration: the durations Excel's Strict files store in t=\"d\" cells") {
    CHECK(parse_iso_duration("PT0H0M0.000S") == 0);
    CHECK(parse_iso_duration("PT24H0M0.000S") == 86400000);
    CHECK(parse_iso_duration("PT0H11M0.000S") == 660000);
    CHECK(parse_iso_duration("PT1H30M15.25S") == 5415250);
    CHECK(parse_iso_duration("-PT1H30M") == -5400000);
    CHECK(parse_iso_duration("P2DT3H") == 2 * 86400000 + 3 * 3600000);
    CHECK(parse_iso_duration("PT45S") == 45000);
    CHECK_FALSE(parse_iso_duration("PT"));
    CHECK_FALSE(parse_iso_duration("P1M"));        // months have no length in days
    CHECK_FALSE(parse_iso_duration("PT1M2H"));     // out of order
    CHECK_FALSE(parse_iso_duration("PT1.5H"));     // a fraction only on seconds
    CHECK_FALSE(parse_iso_duration("2023-08-31"));
    CHECK_FALSE(parse_iso_duration("PT5"));
}

TEST_CASE("util::month_label: the seeds' \"Aug 23\"") {
    CHECK(month_label(YearMonth{2023, 8}) == "Aug 23");
    CHECK(month_label(YearMonth{2005, 1}) == "Jan 05");
    CHECK(month_label(YearMonth{2000, 12}) == "Dec 00");
    CHECK(month_label(YearMonth{1999, 6}) == "Jun 99");
    CHECK(month_label(YearMonth{-5, 3}) == "Mar -5");  // no year of a board's, but not a crash
}

TEST_CASE("util::uk_date and iso_date: dd/mm/yyyy and yyyy-mm-dd, zero-padded, beyond four digits too") {
    CHECK(uk_date({2026, 11, 7}) == "07/11/2026");
    CHECK(uk_date({1900, 2, 29}) == "29/02/1900");
    CHECK(uk_date({9999, 12, 31}) == "31/12/9999");
    CHECK(uk_date({0, 1, 1}) == "01/01/0000");
    CHECK(uk_date({45, 3, 9}) == "09/03/0045");
    CHECK(uk_date({10000, 1, 1}) == "01/01/10000");
    CHECK(uk_date({-1, 1, 1}) == "01/01/-001");
    CHECK(iso_date({2026, 11, 7}) == "2026-11-07");
    CHECK(iso_date({45, 3, 9}) == "0045-03-09");
    CHECK(iso_date({10000, 1, 1}) == "10000-01-01");
    // Every day of two years, against the formats the functions stand for.
    for (int year : {1999, 2024})
        for (auto days = days_from_civil({year, 1, 1}); days < days_from_civil({year + 1, 1, 1}); ++days) {
            CivilDate d = civil_from_days(days);
            char uk[16], iso[16];
            std::snprintf(uk, sizeof uk, "%02u/%02u/%04d", d.day, d.month, d.year);
            std::snprintf(iso, sizeof iso, "%04d-%02u-%02u", d.year, d.month, d.day);
            CHECK(uk_date(d) == uk);
            CHECK(iso_date(d) == iso);
        }
}
