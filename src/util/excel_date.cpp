#include "util/excel_date.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdio>

namespace bp {

// Howard Hinnant's algorithms (public domain description), era-based.
std::int64_t days_from_civil(CivilDate d) {
    std::int64_t y = d.year - (d.month <= 2 ? 1 : 0);
    std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    auto yoe = static_cast<unsigned>(y - era * 400);
    unsigned mp = d.month > 2 ? d.month - 3 : d.month + 9;
    unsigned doy = (153 * mp + 2) / 5 + d.day - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

CivilDate civil_from_days(std::int64_t z) {
    z += 719468;
    std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    auto doe = static_cast<unsigned>(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    unsigned d = doy - (153 * mp + 2) / 5 + 1;
    unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return CivilDate{static_cast<int>(y + (m <= 2 ? 1 : 0)), m, d};
}

bool valid_date(int year, unsigned month, unsigned day) {
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
    static const unsigned len[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return day <= len[month - 1] + (month == 2 && leap ? 1u : 0u);
}

namespace {
const std::int64_t k_epoch_1900 = days_from_civil({1899, 12, 30});
const std::int64_t k_epoch_1904 = days_from_civil({1904, 1, 1});
constexpr std::int64_t k_ms_per_day = 86400000;
}  // namespace

std::optional<SerialDate> date_from_serial(double serial, bool date1904) {
    if (!std::isfinite(serial) || serial < 0 || serial >= k_max_date_serial + 1) return std::nullopt;
    auto total_ms = static_cast<std::int64_t>(std::llround(serial * static_cast<double>(k_ms_per_day)));
    std::int64_t day = total_ms / k_ms_per_day;
    SerialDate out;
    out.when.millis = total_ms % k_ms_per_day;
    if (date1904) {
        out.when.date = civil_from_days(k_epoch_1904 + day);
    } else if (day == 60) {
        out.when.date = CivilDate{1900, 2, 29};
        out.leap_bug_day = true;
    } else {
        // Below 60 Excel's count is one ahead of the calendar (it believes 1900 was a leap year).
        out.when.date = civil_from_days(k_epoch_1900 + day + (day < 60 && day > 0 ? 1 : 0));
    }
    return out;
}

double serial_from_date(CivilDate d, bool date1904) {
    if (date1904) return static_cast<double>(days_from_civil(d) - k_epoch_1904);
    std::int64_t days = days_from_civil(d) - k_epoch_1900;
    if (days < 61) days -= 1;  // dates before 1900-03-01 carry the leap-year bug
    return static_cast<double>(days);
}

std::string month_label(YearMonth ym) {
    static const char* const names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const int yy = ym.year % 100;
    if (yy < 0) return fmt::format("{} {:02}", names[(ym.month + 11) % 12], yy);
    // Without a format string: a board report labels some 25,000 months.
    std::string out(names[(ym.month + 11) % 12]);
    out += ' ';
    out += static_cast<char>('0' + yy / 10);
    out += static_cast<char>('0' + yy % 10);
    return out;
}

namespace {

// Years, months and days that print as four and two digits: the dates of any real
// sheet, written without a format string (dump --json writes one per date cell, the
// header search shows one per date heading it tries).
bool fixed_width(CivilDate d) { return d.year >= 0 && d.year <= 9999 && d.month <= 99 && d.day <= 99; }

char* put_two(char* at, unsigned v) {
    at[0] = static_cast<char>('0' + v / 10);
    at[1] = static_cast<char>('0' + v % 10);
    return at + 2;
}

char* put_year(char* at, int year) {
    return put_two(put_two(at, static_cast<unsigned>(year) / 100), static_cast<unsigned>(year) % 100);
}

}  // namespace

std::string uk_date(CivilDate d) {
    if (!fixed_width(d)) return fmt::format("{:02}/{:02}/{:04}", d.day, d.month, d.year);
    char buf[10];
    char* at = put_two(buf, d.day);
    *at++ = '/';
    at = put_two(at, d.month);
    *at++ = '/';
    put_year(at, d.year);
    return std::string(buf, sizeof buf);
}

std::string iso_date(CivilDate d) {
    if (fixed_width(d)) {
        char buf[10];
        char* at = put_year(buf, d.year);
        *at++ = '-';
        at = put_two(at, d.month);
        *at++ = '-';
        put_two(at, d.day);
        return std::string(buf, sizeof buf);
    }
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", d.year, d.month, d.day);
    return buf;
}

std::string iso_time(std::int64_t millis) {
    char buf[32];
    auto s = millis / 1000;
    int n = std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", static_cast<long long>(s / 3600),
                          static_cast<long long>(s / 60 % 60), static_cast<long long>(s % 60));
    if (millis % 1000) std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n), ".%03lld", static_cast<long long>(millis % 1000));
    return buf;
}

std::string iso_datetime(const SerialDate& s) {
    if (s.when.millis == 0) return iso_date(s.when.date);
    return iso_date(s.when.date) + "T" + iso_time(s.when.millis);
}

std::string iso_duration(double days) {
    auto total_ms = static_cast<std::int64_t>(std::llround(days * static_cast<double>(k_ms_per_day)));
    bool negative = total_ms < 0;
    if (negative) total_ms = -total_ms;
    std::int64_t h = total_ms / 3600000, m = total_ms / 60000 % 60, ms = total_ms % 60000;
    char buf[64];
    if (ms % 1000 == 0) {
        std::snprintf(buf, sizeof buf, "%sPT%lldH%lldM%lldS", negative ? "-" : "", static_cast<long long>(h),
                      static_cast<long long>(m), static_cast<long long>(ms / 1000));
    } else {
        char frac[8];
        std::snprintf(frac, sizeof frac, "%03lld", static_cast<long long>(ms % 1000));
        std::string f = frac;
        while (!f.empty() && f.back() == '0') f.pop_back();
        std::snprintf(buf, sizeof buf, "%sPT%lldH%lldM%lld.%sS", negative ? "-" : "", static_cast<long long>(h),
                      static_cast<long long>(m), static_cast<long long>(ms / 1000), f.c_str());
    }
    return buf;
}

namespace {
bool two_digits(std::string_view t, std::size_t pos, int& out) {
    if (pos + 2 > t.size() || t[pos] < '0' || t[pos] > '9' || t[pos + 1] < '0' || t[pos + 1] > '9') return false;
    out = (t[pos] - '0') * 10 + (t[pos + 1] - '0');
    return true;
}
}  // namespace

std::optional<std::int64_t> parse_iso_time(std::string_view t) {
    int h = 0, mi = 0, s = 0;
    if (!two_digits(t, 0, h) || t.size() < 5 || t[2] != ':' || !two_digits(t, 3, mi)) return std::nullopt;
    std::size_t pos = 5;
    if (pos < t.size() && t[pos] == ':') {
        if (!two_digits(t, pos + 1, s)) return std::nullopt;
        pos += 3;
    }
    std::int64_t ms = 0;
    if (pos < t.size() && t[pos] == '.') {
        ++pos;
        int scale = 100;
        while (pos < t.size() && t[pos] >= '0' && t[pos] <= '9') {
            ms += (t[pos] - '0') * scale;
            scale /= 10;
            ++pos;
        }
    }
    if (pos < t.size() && t[pos] == 'Z') ++pos;
    if (pos != t.size() || h > 23 || mi > 59 || s > 59) return std::nullopt;
    return (static_cast<std::int64_t>(h) * 3600 + mi * 60 + s) * 1000 + ms;
}

std::optional<std::int64_t> parse_iso_duration(std::string_view t) {
    bool negative = !t.empty() && t.front() == '-';
    if (negative) t.remove_prefix(1);
    if (t.empty() || t.front() != 'P') return std::nullopt;
    t.remove_prefix(1);
    // Components in order: days (before T), then hours, minutes, seconds.
    static constexpr struct { char unit; std::int64_t ms; bool after_t; } k_parts[] = {
        {'D', 86400000, false}, {'H', 3600000, true}, {'M', 60000, true}, {'S', 1000, true}};
    std::int64_t total = 0;
    bool any = false, in_time = false;
    std::size_t next = 0;
    while (!t.empty()) {
        if (t.front() == 'T' && !in_time) {
            in_time = true;
            t.remove_prefix(1);
            continue;
        }
        std::size_t n = 0;
        std::int64_t whole = 0, frac_ms = 0;
        while (n < t.size() && t[n] >= '0' && t[n] <= '9' && n < 12) whole = whole * 10 + (t[n++] - '0');
        if (n == 0) return std::nullopt;
        std::int64_t scale = 100;
        bool fraction = n < t.size() && t[n] == '.';
        if (fraction)
            for (++n; n < t.size() && t[n] >= '0' && t[n] <= '9'; ++n, scale /= 10) frac_ms += (t[n] - '0') * scale;
        if (n >= t.size()) return std::nullopt;
        char unit = t[n];
        while (next < std::size(k_parts) && (k_parts[next].unit != unit || k_parts[next].after_t != in_time)) ++next;
        if (next == std::size(k_parts) || (fraction && unit != 'S')) return std::nullopt;
        total += whole * k_parts[next].ms + (unit == 'S' ? frac_ms : 0);
        ++next;
        any = true;
        t.remove_prefix(n + 1);
    }
    if (!any) return std::nullopt;
    return negative ? -total : total;
}

std::optional<CivilDateTime> parse_iso_datetime(std::string_view t) {
    auto digits = [&](std::size_t pos, std::size_t n, int& out) {
        if (pos + n > t.size()) return false;
        out = 0;
        for (std::size_t i = pos; i < pos + n; ++i) {
            if (t[i] < '0' || t[i] > '9') return false;
            out = out * 10 + (t[i] - '0');
        }
        return true;
    };
    int y = 0, mo = 0, d = 0;
    if (!digits(0, 4, y) || t.size() < 10 || t[4] != '-' || !digits(5, 2, mo) || t[7] != '-' || !digits(8, 2, d))
        return std::nullopt;
    if (!valid_date(y, static_cast<unsigned>(mo), static_cast<unsigned>(d))) return std::nullopt;
    CivilDateTime out{{y, static_cast<unsigned>(mo), static_cast<unsigned>(d)}, 0};
    if (t.size() == 10) return out;
    if (t[10] != 'T' && t[10] != ' ') return std::nullopt;
    auto time = parse_iso_time(t.substr(11));
    if (!time) return std::nullopt;
    out.millis = *time;
    return out;
}

}  // namespace bp
