/* sha256.c - SHA-256 (FIPS 180-4) of an article's bytes: the content hash
 * that makes re-ingesting the same article a no-op.  Portable C, no
 * dependency (SQLite and ICU have none to offer).  On x86-64 processors
 * with the SHA extensions the blocks are hashed by those instructions
 * instead (chosen at run time): the portable rounds were a tenth of bulk
 * ingest time in bench/bench_store. */
#include <stdint.h>
#include <string.h>

#include "store.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define CEV_SHA_NI 1
#include <cpuid.h>
#include <immintrin.h>
#include <stdatomic.h>
#endif

typedef struct sha256_ctx {
    uint32_t h[8];
    uint64_t bytes;
    unsigned char block[64];
    size_t fill;
    int ni; /* 1: hash blocks with the SHA extensions */
} sha256_ctx;

static const uint32_t sha_k[64] = {
    0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u, 0x3956c25bu, 0x59f111f1u, 0x923f82a4u,
    0xab1c5ed5u, 0xd807aa98u, 0x12835b01u, 0x243185beu, 0x550c7dc3u, 0x72be5d74u, 0x80deb1feu,
    0x9bdc06a7u, 0xc19bf174u, 0xe49b69c1u, 0xefbe4786u, 0x0fc19dc6u, 0x240ca1ccu, 0x2de92c6fu,
    0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau, 0x983e5152u, 0xa831c66du, 0xb00327c8u, 0xbf597fc7u,
    0xc6e00bf3u, 0xd5a79147u, 0x06ca6351u, 0x14292967u, 0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu,
    0x53380d13u, 0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u, 0xa2bfe8a1u, 0xa81a664bu,
    0xc24b8b70u, 0xc76c51a3u, 0xd192e819u, 0xd6990624u, 0xf40e3585u, 0x106aa070u, 0x19a4c116u,
    0x1e376c08u, 0x2748774cu, 0x34b0bcb5u, 0x391c0cb3u, 0x4ed8aa4au, 0x5b9cca4fu, 0x682e6ff3u,
    0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u, 0x90befffau, 0xa4506cebu, 0xbef9a3f7u,
    0xc67178f2u};

static uint32_t rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

static void sha256_block(sha256_ctx *c, const unsigned char *p)
{
    uint32_t w[64];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
               (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = c->h[0], b = c->h[1], cc = c->h[2], d = c->h[3], e = c->h[4], f = c->h[5],
             g = c->h[6], h = c->h[7];
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) +
                      sha_k[i] + w[i];
        uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & cc) ^ (b & cc));
        h = g;
        g = f;
        f = e;
        e = d + t1;
        d = cc;
        cc = b;
        b = a;
        a = t1 + t2;
    }
    c->h[0] += a;
    c->h[1] += b;
    c->h[2] += cc;
    c->h[3] += d;
    c->h[4] += e;
    c->h[5] += f;
    c->h[6] += g;
    c->h[7] += h;
}

#ifdef CEV_SHA_NI
/* SHA-256 rounds, SSSE3 and SSE4.1 (Intel's SHA extensions reference).
 * The state is held as ABEF and CDGH; each sha256rnds2 does two rounds with
 * the low two words of W + K; sha256msg1/msg2 extend the message schedule
 * four words at a time. */
__attribute__((target("sha,sse4.1,ssse3"))) static void sha256_blocks_ni(uint32_t h[8],
                                                                           const unsigned char *p,
                                                                           size_t n)
{
    const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    __m128i dcba = _mm_loadu_si128((const __m128i *)&h[0]);
    __m128i hgfe = _mm_loadu_si128((const __m128i *)&h[4]);
    __m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);
    __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
    __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
    __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);
    for (; n; n--, p += 64) {
        __m128i abef0 = abef, cdgh0 = cdgh, w[4];
        for (int i = 0; i < 16; i++) {
            __m128i x;
            if (i < 4) {
                x = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * i)), bswap);
            } else {
                /* W[t-16] + s0(W[t-15]), + W[t-7], + s1(W[t-2]). */
                x = _mm_sha256msg1_epu32(w[i & 3], w[(i + 1) & 3]);
                x = _mm_add_epi32(x, _mm_alignr_epi8(w[(i + 3) & 3], w[(i + 2) & 3], 4));
                x = _mm_sha256msg2_epu32(x, w[(i + 3) & 3]);
            }
            w[i & 3] = x;
            __m128i wk = _mm_add_epi32(x, _mm_loadu_si128((const __m128i *)&sha_k[4 * i]));
            /* rnds2(CDGH, ABEF, wk) returns the new ABEF, and the old ABEF
             * is the new CDGH: two calls bring the names back in place. */
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);
            abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(wk, 0x0E));
        }
        abef = _mm_add_epi32(abef, abef0);
        cdgh = _mm_add_epi32(cdgh, cdgh0);
    }
    __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
    __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
    _mm_storeu_si128((__m128i *)&h[0], _mm_blend_epi16(feba, dchg, 0xF0));
    _mm_storeu_si128((__m128i *)&h[4], _mm_alignr_epi8(dchg, feba, 8));
}

/* SHA extensions, SSE4.1 and SSSE3 present (CPUID leaves 7 and 1).  Asked
 * once: CPUID traps to the hypervisor in a virtual machine, which cost more
 * than hashing the article.  0 not asked yet, 1 no, 2 yes; any thread may
 * store the same answer. */
static _Atomic int sha_ni_known;

static int have_sha_ni(void)
{
    int k = atomic_load_explicit(&sha_ni_known, memory_order_relaxed);
    if (k)
        return k == 2;
    unsigned a, b, c, d;
    int yes = __get_cpuid(1, &a, &b, &c, &d) && (c & (1u << 19)) && (c & (1u << 9)) &&
              __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & (1u << 29));
    atomic_store_explicit(&sha_ni_known, yes ? 2 : 1, memory_order_relaxed);
    return yes;
}
#endif

/* Whole blocks straight from p, the rest through c->block. */
static void sha256_update(sha256_ctx *c, const unsigned char *p, size_t n)
{
    c->bytes += n;
    while (n) {
        if (c->fill == 0 && n >= 64) {
            size_t k = n / 64;
#ifdef CEV_SHA_NI
            if (c->ni) {
                sha256_blocks_ni(c->h, p, k);
                p += k * 64;
                n -= k * 64;
                continue;
            }
#endif
            for (; k; k--, p += 64, n -= 64)
                sha256_block(c, p);
            continue;
        }
        size_t k = 64 - c->fill < n ? 64 - c->fill : n;
        memcpy(c->block + c->fill, p, k);
        c->fill += k;
        p += k;
        n -= k;
        if (c->fill == 64) {
#ifdef CEV_SHA_NI
            if (c->ni)
                sha256_blocks_ni(c->h, c->block, 1);
            else
#endif
                sha256_block(c, c->block);
            c->fill = 0;
        }
    }
}

void cev_sha256_hex(const void *data, size_t len, char out[65])
{
    cev_sha256_hex_with(data, len, out, 0);
}

void cev_sha256_hex_with(const void *data, size_t len, char out[65], int portable)
{
    sha256_ctx c = {{0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au, 0x510e527fu,
                     0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u},
                    0,
                    {0},
                    0,
                    0};
#ifdef CEV_SHA_NI
    c.ni = !portable && have_sha_ni();
#else
    (void)portable;
#endif
    sha256_update(&c, data, len);
    uint64_t bits = c.bytes * 8;
    unsigned char pad[72] = {0x80};
    size_t padlen = (c.fill < 56 ? 56 : 120) - c.fill;
    for (int i = 0; i < 8; i++)
        pad[padlen + (size_t)i] = (unsigned char)(bits >> (56 - 8 * i));
    sha256_update(&c, pad, padlen + 8);
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 8; i++)
        for (int k = 0; k < 4; k++) {
            unsigned v = (c.h[i] >> (24 - 8 * k)) & 0xff;
            out[i * 8 + k * 2] = hex[v >> 4];
            out[i * 8 + k * 2 + 1] = hex[v & 15];
        }
    out[64] = '\0';
}
