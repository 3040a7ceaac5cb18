/* test_sha256.c - the content hash: FIPS 180-4 example messages, and the
 * SHA-extension rounds (when this processor has them) against the portable
 * ones on every length around the block boundaries. */
#include "testutil.h"

#include "store.h"

static void expect(const char *msg, size_t len, const char *want)
{
    char got[65];
    for (int portable = 0; portable <= 1; portable++) {
        cev_sha256_hex_with(msg, len, got, portable);
        ck_assert_msg(strcmp(got, want) == 0, "sha256 of %zu bytes (%s rounds): %s, want %s",
                      len, portable ? "portable" : "default", got, want);
    }
}

/* The example messages of FIPS 180-4 (NIST's published digests). */
START_TEST(fips_examples)
{
    expect("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    expect(two, strlen(two), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    const char *four = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjk"
                       "lmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
    expect(four, strlen(four),
           "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
    size_t n = 1000000;
    char *a = malloc(n);
    ck_assert_ptr_nonnull(a);
    memset(a, 'a', n);
    expect(a, n, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    free(a);
}
END_TEST

/* Every length from 0 to 300 bytes (whole blocks, partial blocks, padding
 * spilling into a second block), over varied bytes. */
START_TEST(both_rounds_agree)
{
    unsigned char buf[300];
    uint32_t x = 2463534242u;
    for (size_t i = 0; i < sizeof buf; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        buf[i] = (unsigned char)x;
    }
    for (size_t len = 0; len <= sizeof buf; len++)
        for (size_t off = 0; off < 3 && off + len <= sizeof buf; off++) {
            char a[65], b[65];
            cev_sha256_hex_with(buf + off, len, a, 0);
            cev_sha256_hex_with(buf + off, len, b, 1);
            ck_assert_msg(strcmp(a, b) == 0, "length %zu, offset %zu: %s vs %s", len, off, a, b);
        }
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("sha256");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, fips_examples);
    tcase_add_test(tc, both_rounds_agree);
    suite_add_tcase(s, tc);
    return s;
}

CEV_TEST_MAIN()
