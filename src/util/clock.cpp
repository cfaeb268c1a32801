#include "util/clock.hpp"

#include <cstdlib>

namespace bp {

std::time_t build_time() {
    // https://reproducible-builds.org/specs/source-date-epoch/
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) {
        char* end = nullptr;
        long long v = std::strtoll(epoch, &end, 10);
        if (end && end != epoch && *end == '\0' && v > 0) return static_cast<std::time_t>(v);
    }
    return std::time(nullptr);
}

CivilDate local_date(std::time_t t) {
    std::tm tm{};
    localtime_r(&t, &tm);
    return CivilDate{tm.tm_year + 1900, static_cast<unsigned>(tm.tm_mon + 1), static_cast<unsigned>(tm.tm_mday)};
}

std::string iso_utc(std::time_t t) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

}  // namespace bp
