/* test_normalize.c - NFKC and news punctuation, with offsets back to the input. */
#include "testutil.h"
#include "normalize.h"

static cev_text norm(const char *s, int repair)
{
    cev_text t;
    cev_err e;
    cev_err_clear(&e);
    int rc = cev_normalize(&t, s, strlen(s), repair, &e);
    ck_assert_msg(rc == CEV_OK, "normalize failed: %s", e.msg);
    return t;
}

START_TEST(quotes_dashes_spaces)
{
    /* curly quotes, em dash, no-break space, zero-width space, soft hyphen */
    const char *in = "\xe2\x80\x9cUS\xe2\x80\x9d \xe2\x80\x94 it\xe2\x80\x99s\xc2\xa0"
                     "a\xe2\x80\x8b" "b co\xc2\xadop";
    cev_text t = norm(in, 0);
    ck_assert_str_eq(t.s, "\"US\" - it's ab coop");
    cev_text_free(&t);
}
END_TEST

START_TEST(nfkc_and_offsets)
{
    /* "ﬁ" ligature (3 bytes) -> "fi" (2 bytes); fullwidth digits -> ASCII */
    const char *in = "a\xef\xac\x81x \xef\xbc\x95\xef\xbc\x90 killed";
    cev_text t = norm(in, 0);
    ck_assert_str_eq(t.s, "afix 50 killed");
    /* "x" is at normalized 3, original 4 */
    ck_assert_uint_eq(cev_text_orig(&t, 3), 4);
    /* "killed" starts at normalized 8, original 13 */
    ck_assert_uint_eq(cev_text_orig(&t, 8), 13);
    ck_assert_uint_eq(cev_text_orig(&t, t.len), strlen(in));
    cev_text_free(&t);
}
END_TEST

START_TEST(combining_marks_compose)
{
    /* e + combining acute -> é */
    cev_text t = norm("Cafe\xcc\x81 bombing", 0);
    ck_assert_str_eq(t.s, "Caf\xc3\xa9 bombing");
    /* "bombing" at normalized 6 comes from original 7 */
    ck_assert_uint_eq(cev_text_orig(&t, 6), 7);
    cev_text_free(&t);
}
END_TEST

START_TEST(newlines_and_controls)
{
    cev_text t = norm("a\r\nb\rc\x01" "d\te", 0);
    ck_assert_str_eq(t.s, "a\nb\nc d e");
    ck_assert_uint_eq(cev_text_orig(&t, 2), 3); /* b */
    ck_assert_uint_eq(cev_text_orig(&t, 4), 5); /* c */
    cev_text_free(&t);
}
END_TEST

START_TEST(invalid_utf8_rejected_with_offset)
{
    cev_text t;
    cev_err e;
    cev_err_clear(&e);
    ck_assert_int_eq(cev_normalize(&t, "ok \xc3\x28 bad", 10, 0, &e), CEV_ERR_UTF8);
    ck_assert_int_eq(e.offset, 3);
    ck_assert_ptr_null(t.s);
    ck_assert_int_eq(cev_normalize(&t, "ok\0no", 5, 0, &e), CEV_ERR_NUL);
    ck_assert_int_eq(e.offset, 2);
}
END_TEST

START_TEST(repair_mode)
{
    cev_text t;
    cev_err e;
    cev_err_clear(&e);
    ck_assert_int_eq(cev_normalize(&t, "ok \xff\0go", 7, 1, &e), CEV_OK);
    ck_assert_str_eq(t.s, "ok \xef\xbf\xbd go");
    /* "go" at normalized 7 is at original 5 */
    ck_assert_uint_eq(cev_text_orig(&t, 7), 5);
    cev_text_free(&t);
}
END_TEST

START_TEST(arabic_and_cyrillic_kept)
{
    cev_text t = norm("\xd8\xa7\xd9\x84\xd8\xb1\xd9\x82\xd8\xa9 \xd0\x9a\xd0\xb8\xd0\xb5\xd0\xb2", 0);
    ck_assert_str_eq(t.s, "\xd8\xa7\xd9\x84\xd8\xb1\xd9\x82\xd8\xa9 \xd0\x9a\xd0\xb8\xd0\xb5\xd0\xb2");
    cev_text_free(&t);
}
END_TEST

START_TEST(every_offset_maps_inside_input)
{
    const char *in = "\xe2\x80\x9cTurkish rockets\xe2\x80\x9d pounded \xef\xac\x81ghters\xe2\x80\x94"
                     "Kurdish\xc2\xa0" "forces";
    cev_text t = norm(in, 0);
    uint64_t prev = 0;
    for (size_t i = 0; i <= t.len; i++) {
        uint64_t o = cev_text_orig(&t, i);
        ck_assert_uint_le(o, strlen(in));
        ck_assert_uint_ge(o, prev); /* monotone */
        prev = o;
        /* ASCII letters map to the same letter */
        if (i < t.len && cev_is_alpha((unsigned char)t.s[i]) && ((unsigned char)in[o] < 0x80))
            ck_assert_int_eq(t.s[i], in[o]);
    }
    cev_text_free(&t);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("normalize");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, quotes_dashes_spaces);
    tcase_add_test(tc, nfkc_and_offsets);
    tcase_add_test(tc, combining_marks_compose);
    tcase_add_test(tc, newlines_and_controls);
    tcase_add_test(tc, invalid_utf8_rejected_with_offset);
    tcase_add_test(tc, repair_mode);
    tcase_add_test(tc, arabic_and_cyrillic_kept);
    tcase_add_test(tc, every_offset_maps_inside_input);
    suite_add_tcase(s, tc);
    return s;
}

CEV_TEST_MAIN()
