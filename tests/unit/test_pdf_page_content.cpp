#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <string>

#include <hpdf.h>
#include <hpdf_utils.h>

#include "pdf/page_content.hpp"

namespace {
std::string ours(HPDF_REAL v) {
    std::string s;
    bp::pdf::append_real(s, v);
    return s;
}
std::string libharus(HPDF_REAL v) {
    char buf[32];
    return std::string(buf, HPDF_FToA(buf, v, buf + sizeof buf - 1));
}
}  // namespace

TEST_CASE("pdf::append_real writes every number as libharu's HPDF_FToA does") {
    const HPDF_REAL fixed[] = {0.0F, -0.0F, 1.0F, -1.0F, 0.5F, 10.0F, 100.0F, 0.000004F, 0.000005F, 0.000006F,
                               -0.000001F, 0.99999F, 0.999995F, 0.999996F, 9.999995F, 12.34567F, 508.526F, 32767.0F,
                               -32767.0F, 32768.0F, -40000.0F, 1e9F, -1e9F, 0.12157F, 0.21961F, 0.39216F, 24.75F};
    for (HPDF_REAL v : fixed) CHECK_MESSAGE(ours(v) == libharus(v), "value ", v);

    // Page coordinates and colours as the layout makes them, and the halves where rounding turns.
    std::mt19937 gen(20261207);
    std::uniform_real_distribution<float> page(-1000.0F, 1000.0F), unit(0.0F, 1.0F), wide(-40000.0F, 40000.0F);
    int differ = 0;
    for (int i = 0; i < 200000 && differ < 5; ++i) {
        HPDF_REAL v = i % 3 == 0 ? page(gen) : i % 3 == 1 ? unit(gen) : wide(gen);
        HPDF_REAL half = std::nextafter(std::round(v * 100000.0F) / 100000.0F + 0.000005F, v);
        for (HPDF_REAL x : {v, half, std::nextafter(half, 1e9F), std::round(v * 100.0F) / 100.0F})
            if (ours(x) != libharus(x)) {
                ++differ;
                FAIL_CHECK("differs at ", x, ": ", ours(x), " against libharu's ", libharus(x));
            }
    }
    CHECK(differ == 0);
}
