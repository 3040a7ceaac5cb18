/* test_numbers.c - number phrases: data-driven cases from
 * tests/data/numbers/numbers.tsv plus edge cases. */
#include <stdint.h>

#include "numbers.h"
#include "testutil.h"

/* One line of numbers/numbers.tsv: phrase, then min, max, value and span,
 * or "-" when it must not parse. */
static int number_case(char **f, int nf, void *ud)
{
    (void)ud;
    ck_assert_msg(nf >= 2, "bad fixture line: %s", f[0]);
    cev_quantity q;
    int ok = cev_number_at(f[0], 0, strlen(f[0]), &q);
    if (strcmp(f[1], "-") == 0) {
        if (!ok)
            return 0;
        fprintf(stderr, "numbers: \"%s\" should not parse (got %lld)\n", f[0],
                (long long)q.value);
        return 1;
    }
    ck_assert_msg(nf == 5, "bad fixture line: %s", f[0]);
    char span[256];
    if (ok)
        snprintf(span, sizeof span, "%.*s", (int)(q.end - q.start), f[0] + q.start);
    if (ok && q.min == atoll(f[1]) && q.max == atoll(f[2]) && q.value == atoll(f[3]) &&
        strcmp(span, f[4]) == 0)
        return 0;
    if (ok)
        fprintf(stderr, "numbers: \"%s\"\n    want %s %s %s [%s]\n    got  %lld %lld %lld [%s]\n",
                f[0], f[1], f[2], f[3], f[4], (long long)q.min, (long long)q.max,
                (long long)q.value, span);
    else
        fprintf(stderr, "numbers: \"%s\" did not parse\n", f[0]);
    return 1;
}

START_TEST(test_fixture) { cev_test_tsv("numbers/numbers.tsv", 5, 60, number_case, NULL); }
END_TEST

START_TEST(test_qualifiers_and_flags)
{
    cev_quantity q;
    ck_assert(cev_number_at("dozens", 0, 6, &q));
    ck_assert_int_eq(q.approx, 1);
    ck_assert_int_eq(q.qual, CEV_Q_VAGUE);
    ck_assert(cev_number_at("nearly 30", 0, 9, &q));
    ck_assert_int_eq(q.approx, 1);
    ck_assert_int_eq(q.qual, CEV_Q_ABOUT);
    ck_assert(cev_number_at("at least 5", 0, 10, &q));
    ck_assert_int_eq(q.approx, 0);
    ck_assert_int_eq(q.qual, CEV_Q_AT_LEAST);
    ck_assert(cev_number_at("up to 40", 0, 8, &q));
    ck_assert_int_eq(q.qual, CEV_Q_AT_MOST);
    ck_assert(cev_number_at("a", 0, 1, &q));
    ck_assert_int_eq(q.article, 1);
    ck_assert(cev_number_at("seven", 0, 5, &q));
    ck_assert_int_eq(q.words, 1);
    ck_assert_int_eq(q.article, 0);
    ck_assert(cev_number_at("2014", 0, 4, &q));
    ck_assert_int_eq(q.year_like, 1);
    ck_assert(cev_number_at("2,014", 0, 5, &q));
    ck_assert_int_eq(q.year_like, 0);
    ck_assert_int_eq(cev_number_word_value("twenty", 6), 20);
    ck_assert_int_eq(cev_number_word_value("Dozen", 5), 12);
    ck_assert_int_eq(cev_number_word_value("people", 6), -1);
}
END_TEST

START_TEST(test_positions_and_bounds)
{
    cev_quantity q;
    const char *s = "killed at least 14 people";
    ck_assert(cev_number_at(s, 7, strlen(s), &q));
    ck_assert_uint_eq(q.start, 7);
    ck_assert_uint_eq(q.end, 18);
    ck_assert(!cev_number_at(s, 0, strlen(s), &q));
    /* `end` cuts the phrase: never looks past it */
    ck_assert(cev_number_at("1,200", 0, 3, &q) == 0 || q.end <= 3);
    ck_assert(cev_number_at("twenty-two", 0, 6, &q));
    ck_assert_int_eq(q.value, 20);
    ck_assert_uint_eq(q.end, 6);
    ck_assert(!cev_number_at("at least 5", 0, 9, &q));
    ck_assert(!cev_number_at("5", 0, 0, &q));
    ck_assert(!cev_number_at("5", 1, 1, &q));
    ck_assert(!cev_number_at(NULL, 0, 1, &q));
    /* absurd digit runs are not figures */
    ck_assert(!cev_number_at("99999999999999999999", 0, 20, &q));
}
END_TEST

START_TEST(test_exact_buffers)
{
    static const char *cases[] = {"1,200", "1.5 million", "twenty-", "one hundred and",
                                  "between 10 and", "at least", "50-", "a dozen", "dozens of",
                                  "tens of", "10 to", "2.", "1,", "half a", "a few"};
    cev_quantity q;
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        size_t len = strlen(cases[k]);
        char *b = malloc(len);
        ck_assert_ptr_nonnull(b);
        memcpy(b, cases[k], len);
        for (size_t e = 0; e <= len; e++)
            for (size_t p = 0; p < e; p++)
                if (cev_number_at(b, p, e, &q))
                    ck_assert_uint_le(q.end, e);
        free(b);
    }
}
END_TEST

START_TEST(test_word_values)
{
    /* whole words only, any letter case */
    ck_assert_int_eq(cev_number_word_value("DOZEN", 5), 12);
    ck_assert_int_eq(cev_number_word_value("Hundred", 7), 100);
    ck_assert_int_eq(cev_number_word_value("fourty", 6), 40);
    ck_assert_int_eq(cev_number_word_value("Billion", 7), 1000000000);
    ck_assert_int_eq(cev_number_word_value("one", 2), -1); /* "on" */
    ck_assert_int_eq(cev_number_word_value("dozens", 6), -1);
    ck_assert_int_eq(cev_number_word_value("hundredth", 9), -1);
    ck_assert_int_eq(cev_number_word_value("seventeenseventeen", 18), -1);
    ck_assert_int_eq(cev_number_word_value("t\xc3\xa9n", 4), -1);
    ck_assert_int_eq(cev_number_word_value("", 0), -1);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("numbers");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_fixture);
    tcase_add_test(tc, test_qualifiers_and_flags);
    tcase_add_test(tc, test_positions_and_bounds);
    tcase_add_test(tc, test_exact_buffers);
    tcase_add_test(tc, test_word_values);
    suite_add_tcase(s, tc);
    return s;
}

CEV_TEST_MAIN()
