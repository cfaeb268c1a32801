#include "util/sha256.hpp"

#include <fmt/format.h>

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#endif

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <vector>

namespace bp {

namespace {

constexpr std::uint32_t k_round[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

constexpr std::uint32_t rotr(std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

}  // namespace

Sha256::Sha256()
    : m_state{0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19} {}

namespace {

void blocks_portable(std::uint32_t* state, const std::uint8_t* p, std::size_t count) {
    for (; count; --count, p += 64) {
        std::uint32_t w[64];
        for (int i = 0; i < 16; ++i)
            w[i] = std::uint32_t(p[4 * i]) << 24 | std::uint32_t(p[4 * i + 1]) << 16 | std::uint32_t(p[4 * i + 2]) << 8 |
                   p[4 * i + 3];
        for (int i = 16; i < 64; ++i) {
            std::uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
            std::uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        std::uint32_t a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6],
                      h = state[7];
        for (int i = 0; i < 64; ++i) {
            std::uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + k_round[i] + w[i];
            std::uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
            h = g, g = f, f = e, e = d + t1, d = c, c = b, b = a, a = t1 + t2;
        }
        std::uint32_t add[8] = {a, b, c, d, e, f, g, h};
        for (int i = 0; i < 8; ++i) state[i] += add[i];
    }
}

#if defined(__x86_64__) && defined(__GNUC__)
#define BP_SHA256_NI 1
// The SHA extensions keep the state as two vectors, ABEF and CDGH, and do two
// rounds per instruction; the message schedule takes four words at a time.
__attribute__((target("sha,sse4.1"))) void blocks_sha_ni(std::uint32_t* state, const std::uint8_t* p,
                                                         std::size_t count) {
    const __m128i byte_swap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    __m128i dcba = _mm_loadu_si128(reinterpret_cast<const __m128i*>(state));
    __m128i hgfe = _mm_loadu_si128(reinterpret_cast<const __m128i*>(state + 4));
    __m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);
    __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
    __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
    __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);
    for (; count; --count, p += 64) {
        const __m128i abef_in = abef, cdgh_in = cdgh;
        __m128i w[4];  // the last four groups of schedule words
        for (int i = 0; i < 16; ++i) {
            __m128i m;
            if (i < 4) {
                m = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i)), byte_swap);
            } else {
                m = _mm_sha256msg1_epu32(w[i & 3], w[(i + 1) & 3]);                  // W[t-16] + s0(W[t-15])
                m = _mm_add_epi32(m, _mm_alignr_epi8(w[(i + 3) & 3], w[(i + 2) & 3], 4));  // + W[t-7]
                m = _mm_sha256msg2_epu32(m, w[(i + 3) & 3]);                             // + s1(W[t-2])
            }
            w[i & 3] = m;
            __m128i k = _mm_add_epi32(m, _mm_loadu_si128(reinterpret_cast<const __m128i*>(k_round + 4 * i)));
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, k);
            abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(k, 0x0E));
        }
        abef = _mm_add_epi32(abef, abef_in);
        cdgh = _mm_add_epi32(cdgh, cdgh_in);
    }
    __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
    __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(state), _mm_blend_epi16(feba, dchg, 0xF0));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(state + 4), _mm_alignr_epi8(dchg, feba, 8));
}
#endif

#ifdef BP_SHA256_NI
// From CPUID (clang has no "sha" for __builtin_cpu_supports): SHA in leaf 7's
// EBX bit 29, SSE4.1 in leaf 1's ECX bit 19.
bool cpu_has_sha_ni() {
    unsigned a = 0, b = 0, c = 0, d = 0;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 19))) return false;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return false;
    return (b & (1u << 29)) != 0;
}
#endif

using BlocksFn = void (*)(std::uint32_t*, const std::uint8_t*, std::size_t);

BlocksFn pick_blocks() {
#ifdef BP_SHA256_NI
    // BP_SHA256_PORTABLE=1 forces the portable code, so a test can compare the two.
    const char* forced = std::getenv("BP_SHA256_PORTABLE");
    if (!(forced && *forced == '1') && cpu_has_sha_ni()) return blocks_sha_ni;
#endif
    return blocks_portable;
}

const BlocksFn k_blocks = pick_blocks();

}  // namespace

bool sha256_accelerated() {
#ifdef BP_SHA256_NI
    return k_blocks == blocks_sha_ni;
#else
    return false;
#endif
}

void Sha256::blocks(const std::uint8_t* p, std::size_t count) { k_blocks(m_state.data(), p, count); }

void Sha256::update(std::string_view bytes) {
    auto p = reinterpret_cast<const std::uint8_t*>(bytes.data());
    std::size_t n = bytes.size();
    m_length += n;
    if (m_buffered) {
        std::size_t take = std::min(n, 64 - m_buffered);
        std::memcpy(m_buffer.data() + m_buffered, p, take);
        m_buffered += take, p += take, n -= take;
        if (m_buffered < 64) return;
        blocks(m_buffer.data(), 1);
        m_buffered = 0;
    }
    blocks(p, n / 64);
    p += n / 64 * 64, n %= 64;
    std::memcpy(m_buffer.data(), p, n);
    m_buffered = n;
}

std::array<std::uint8_t, 32> Sha256::finish() {
    std::uint64_t bits = m_length * 8;
    std::uint8_t pad[72] = {0x80};
    std::size_t pad_len = (m_buffered < 56 ? 56 : 120) - m_buffered;
    for (int i = 0; i < 8; ++i) pad[pad_len + i] = static_cast<std::uint8_t>(bits >> (56 - 8 * i));
    update(std::string_view(reinterpret_cast<const char*>(pad), pad_len + 8));
    std::array<std::uint8_t, 32> out{};
    for (int i = 0; i < 32; ++i) out[i] = static_cast<std::uint8_t>(m_state[i / 4] >> (24 - 8 * (i % 4)));
    return out;
}

namespace {
std::string hex(const std::array<std::uint8_t, 32>& d) {
    std::string s;
    for (auto b : d) s += fmt::format("{:02x}", b);
    return s;
}
}  // namespace

std::string sha256_hex(std::string_view bytes) {
    Sha256 h;
    h.update(bytes);
    return hex(h.finish());
}

Result<FileDigest> digest_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return make_error(Errc::io, "cannot open", {path.string()});
    Sha256 h;
    FileDigest d;
    // One buffer per thread, kept: a fresh zeroed 1 MiB for each of 200 small workbooks cost more
    // (memset and page faults) than hashing them.
    thread_local std::vector<char> buf(1 << 20);
    while (in) {
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        auto got = static_cast<std::size_t>(in.gcount());
        h.update(std::string_view(buf.data(), got));
        d.bytes += got;
    }
    if (in.bad()) return make_error(Errc::io, "cannot read", {path.string()});
    d.sha256 = hex(h.finish());
    return d;
}

}  // namespace bp
