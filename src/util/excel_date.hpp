// Excel date serials <-> civil dates. The 1900 system keeps Lotus's bug:
// serial 60 is the non-existent 1900-02-29, so serials below 61 are one day
// off from a plain count. The 1904 system (old Mac workbooks) counts from
// 1904-01-01 without the bug.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bp {

struct CivilDate {
    int year = 1970;
    unsigned month = 1;  // 1-12
    unsigned day = 1;    // 1-31
    friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

// A month of a year: the period a KPI return reports, a trend column.
struct YearMonth {
    int year = 0;
    unsigned month = 0;  // 1-12
    friend auto operator<=>(const YearMonth&, const YearMonth&) = default;
};
std::string month_label(YearMonth ym);  // "Aug 23", as the seeds write it

struct CivilDateTime {
    CivilDate date;
    std::int64_t millis = 0;  // milliseconds since midnight
};

// Days since 1970-01-01 <-> civil date (proleptic Gregorian).
std::int64_t days_from_civil(CivilDate d);
CivilDate civil_from_days(std::int64_t days);
bool valid_date(int year, unsigned month, unsigned day);

// Largest serial Excel accepts (9999-12-31).
constexpr double k_max_date_serial = 2958465.0;

// Serial -> date and time, rounded to the millisecond. nullopt if negative or
// past 9999-12-31 (Excel shows ####). Serial 60 in the 1900 system yields
// 1900-02-29 with `leap_bug_day` set, since no civil date exists for it.
struct SerialDate {
    CivilDateTime when;
    bool leap_bug_day = false;
};
std::optional<SerialDate> date_from_serial(double serial, bool date1904);
double serial_from_date(CivilDate d, bool date1904);

// ISO 8601 texts used in dump and summary.json.
std::string iso_date(CivilDate d);                // 2023-08-31
std::string uk_date(CivilDate d);                 // 31/08/2023: how the reports and findings show a date
std::string iso_time(std::int64_t millis);        // 14:30:00 or 14:30:00.250
std::string iso_datetime(const SerialDate& s);    // date, or dateTtime when the time is not midnight
std::string iso_duration(double days);            // PT26H30M0S
// Parse "2023-08-31" or "2023-08-31T14:30:00[.fff][Z]" (cells with t="d").
std::optional<CivilDateTime> parse_iso_datetime(std::string_view text);
// "10:30", "10:30:00", "23:59:59.5" -> milliseconds since midnight.
std::optional<std::int64_t> parse_iso_time(std::string_view text);
// An ISO 8601 duration as Excel's Strict files store one in a t="d" cell:
// "PT24H0M0.000S", "-PT1H30M", "P2DT3H" -> milliseconds.
std::optional<std::int64_t> parse_iso_duration(std::string_view text);

}  // namespace bp
