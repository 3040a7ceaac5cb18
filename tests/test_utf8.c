/* test_utf8.c - strict UTF-8 validation: every bad byte found, with its offset. */
#include "testutil.h"
#include "conflictev.h"
#include "utf8.h"

static void expect_bad(const char *s, size_t len, int code, size_t off)
{
    size_t bad = 999;
    ck_assert_int_eq(cev_utf8_validate(s, len, &bad), code);
    ck_assert_uint_eq(bad, off);
}

START_TEST(valid_text)
{
    const char *s = "Raqqa \xd8\xa7\xd9\x84\xd8\xb1\xd9\x82\xd8\xa9 \xe2\x80\x94 \xf0\x9f\x98\x80";
    size_t bad = 7;
    ck_assert_int_eq(cev_utf8_validate(s, strlen(s), &bad), CEV_OK);
    ck_assert_int_eq(cev_utf8_validate("", 0, &bad), CEV_OK);
}
END_TEST

START_TEST(bad_at_start_middle_end)
{
    expect_bad("\x80" "abc", 4, CEV_ERR_UTF8, 0);
    expect_bad("ab\xff" "cd", 5, CEV_ERR_UTF8, 2);
    expect_bad("abc\xe2\x80", 5, CEV_ERR_UTF8, 3); /* truncated at end */
    expect_bad("abc\xc3", 4, CEV_ERR_UTF8, 3);
}
END_TEST

START_TEST(overlong_and_surrogates)
{
    expect_bad("a\xc0\xaf", 3, CEV_ERR_UTF8, 1);         /* overlong '/' */
    expect_bad("a\xe0\x80\xaf", 4, CEV_ERR_UTF8, 1);     /* overlong 3-byte */
    expect_bad("a\xf0\x80\x80\xaf", 5, CEV_ERR_UTF8, 1); /* overlong 4-byte */
    expect_bad("ab\xed\xa0\x80", 5, CEV_ERR_UTF8, 2);    /* U+D800 */
    expect_bad("ab\xed\xbf\xbf", 5, CEV_ERR_UTF8, 2);    /* U+DFFF */
    expect_bad("\xf4\x90\x80\x80", 4, CEV_ERR_UTF8, 0);  /* > U+10FFFF */
    expect_bad("x\xf5\x80\x80\x80", 5, CEV_ERR_UTF8, 1);
}
END_TEST

START_TEST(nul_bytes)
{
    expect_bad("abc\0def", 7, CEV_ERR_NUL, 3);
    expect_bad("\0", 1, CEV_ERR_NUL, 0);
}
END_TEST

START_TEST(encode_roundtrip)
{
    uint32_t cps[] = {0x41, 0x7FF, 0x800, 0xFFFD, 0x10000, 0x10FFFF};
    for (size_t i = 0; i < sizeof cps / sizeof *cps; i++) {
        char buf[4];
        size_t n = cev_utf8_encode(cps[i], buf);
        uint32_t back = 0;
        ck_assert_uint_eq(cev_utf8_decode((const unsigned char *)buf, n, 0, &back), n);
        ck_assert_uint_eq(back, cps[i]);
    }
}
END_TEST

START_TEST(random_bytes_never_crash)
{
    unsigned seed = 12345;
    char buf[4096];
    int saw_error = 0;
    for (int round = 0; round < 200; round++) {
        for (size_t i = 0; i < sizeof buf; i++) {
            seed = seed * 1103515245u + 12345u;
            buf[i] = (char)(seed >> 16);
        }
        size_t bad = 0;
        int rc = cev_utf8_validate(buf, sizeof buf, &bad);
        if (rc != CEV_OK) {
            saw_error = 1;
            ck_assert_uint_lt(bad, sizeof buf);
            /* everything before the reported offset is valid */
            ck_assert_int_eq(cev_utf8_validate(buf, bad, NULL), CEV_OK);
        }
    }
    ck_assert(saw_error);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("utf8");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, valid_text);
    tcase_add_test(tc, bad_at_start_middle_end);
    tcase_add_test(tc, overlong_and_surrogates);
    tcase_add_test(tc, nul_bytes);
    tcase_add_test(tc, encode_roundtrip);
    tcase_add_test(tc, random_bytes_never_crash);
    suite_add_tcase(s, tc);
    return s;
}

CEV_TEST_MAIN()
