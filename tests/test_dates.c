/* test_dates.c - date expressions and datelines: data-driven cases from
 * tests/data/dates/{dates,datelines}.tsv plus safety checks. */
#include <pthread.h>
#include <stdint.h>

#include "conflictev.h"
#include "dates.h"
#include "testutil.h"

static void describe(const char *s, int32_t anchor, char *buf, size_t bufsz)
{
    static const char prec[] = "-DRMY";
    cev_date_mention m[32];
    size_t n = cev_dates_scan(s, 0, strlen(s), anchor, m, 32);
    size_t o = 0;
    if (!n) {
        snprintf(buf, bufsz, "-");
        return;
    }
    buf[0] = '\0';
    for (size_t i = 0; i < n && o < bufsz; i++) {
        int p = m[i].precision >= 0 && m[i].precision <= 4 ? m[i].precision : 0;
        o += (size_t)snprintf(buf + o, bufsz - o, "%s%.*s=%d..%d/%c%s%s", i ? " ; " : "",
                              (int)m[i].len, s + m[i].off, (int)m[i].start, (int)m[i].end,
                              prec[p], m[i].relative ? "r" : "", m[i].since ? "s" : "");
    }
}

/* One line of dates/dates.tsv: anchor, text, expected mentions. */
static int date_case(char **f, int nf, void *ud)
{
    (void)ud;
    ck_assert_msg(nf == 3, "bad fixture line: %s", f[0]);
    char got[1024];
    describe(f[1], (int32_t)atol(f[0]), got, sizeof got);
    if (strcmp(got, f[2]) == 0)
        return 0;
    fprintf(stderr, "dates (anchor %s): \"%s\"\n    want %s\n    got  %s\n", f[0], f[1], f[2],
            got);
    return 1;
}

START_TEST(test_fixture) { cev_test_tsv("dates/dates.tsv", 3, 80, date_case, NULL); }
END_TEST

/* One line of dates/datelines.tsv: dateline, its date (0: none). */
static int dateline_case(char **f, int nf, void *ud)
{
    (void)ud;
    ck_assert_msg(nf == 2, "bad fixture line: %s", f[0]);
    int32_t want = (int32_t)atol(f[1]), got = 0;
    int ok = cev_dateline_date(f[0], 0, strlen(f[0]), &got);
    if (!((want == 0 && ok) || (want != 0 && (!ok || got != want))))
        return 0;
    fprintf(stderr, "dateline: \"%s\" want %d got %d (%d)\n", f[0], (int)want, (int)got, ok);
    return 1;
}

START_TEST(test_datelines) { cev_test_tsv("dates/datelines.tsv", 2, 20, dateline_case, NULL); }
END_TEST

START_TEST(test_dateline_near_and_offsets)
{
    int32_t y = 0;
    /* ambiguous numeric date: the reading nearer the anchor */
    ck_assert(cev_dateline_date_near("05/06/2017", 0, 10, 20170606, &y));
    ck_assert_int_eq(y, 20170605);
    ck_assert(cev_dateline_date_near("05/06/2017", 0, 10, 20170507, &y));
    ck_assert_int_eq(y, 20170506);
    /* a block inside a larger buffer: offsets are absolute */
    const char *s = "Header\n12 June, 2017\nBody text";
    ck_assert(cev_dateline_date(s, 7, 20, &y));
    ck_assert_int_eq(y, 20170612);
    ck_assert(!cev_dateline_date(s, 0, 6, &y));
    ck_assert(!cev_dateline_date(NULL, 0, 6, &y));
    ck_assert(!cev_dateline_date(s, 5, 5, &y));

    cev_date_mention m[4];
    const char *t = "Strikes on Saturday killed 5; on June 12, 2017 more died.";
    size_t n = cev_dates_scan(t, 0, strlen(t), 20170611, m, 4);
    ck_assert_uint_eq(n, 2);
    ck_assert_uint_eq(m[0].off, 8);
    ck_assert_uint_eq(m[0].len, strlen("on Saturday"));
    ck_assert_int_eq(m[0].precision, CEV_DATE_DAY);
    ck_assert_int_eq(m[0].relative, 1);
    ck_assert_int_eq(m[1].relative, 0);
    /* a sub-range: only mentions inside it, offsets absolute */
    n = cev_dates_scan(t, 30, strlen(t), 20170611, m, 4);
    ck_assert_uint_eq(n, 1);
    ck_assert_uint_eq(m[0].off, 33);
    /* max limits the output */
    ck_assert_uint_eq(cev_dates_scan(t, 0, strlen(t), 20170611, m, 1), 1);
    ck_assert_uint_eq(cev_dates_scan(t, 0, strlen(t), 20170611, m, 0), 0);
    /* no anchor: relative dates are dropped, absolute ones kept */
    n = cev_dates_scan(t, 0, strlen(t), 0, m, 4);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(m[0].start, 20170612);
    /* an invalid anchor counts as none */
    n = cev_dates_scan(t, 0, strlen(t), 20171345, m, 4);
    ck_assert_uint_eq(n, 1);
}
END_TEST

START_TEST(test_weekdays_all_anchors)
{
    /* every weekday against every anchor weekday: on or before, within 6 days */
    static const char *names[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                  "Saturday", "Sunday"};
    for (int a = 0; a < 7; a++) {
        int32_t anchor = 20170612 + a; /* 12 June 2017 was a Monday */
        for (int w = 0; w < 7; w++) {
            char s[64];
            snprintf(s, sizeof s, "on %s", names[w]);
            cev_date_mention m[2];
            ck_assert_uint_eq(cev_dates_scan(s, 0, strlen(s), anchor, m, 2), 1);
            int back = (a - w + 7) % 7;
            ck_assert_int_eq(m[0].start, anchor - back);
            ck_assert_int_eq(m[0].start, m[0].end);
        }
    }
}
END_TEST

START_TEST(test_exact_buffers_and_garbage)
{
    static const char *cases[] = {"June 12, 2017", "12/06/2017", "09Jun17", "on Saturday",
                                  "in the last 24 hours", "mid-May", "since April 22",
                                  "2017-06-", "12th of", "Tuesday, 13", "two days ago",
                                  "between 10 and 12 June", "the day before yesterday"};
    cev_date_mention m[8];
    int32_t y;
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        size_t len = strlen(cases[k]);
        char *b = malloc(len);
        ck_assert_ptr_nonnull(b);
        memcpy(b, cases[k], len);
        for (size_t e = 0; e <= len; e++) {
            size_t n = cev_dates_scan(b, 0, e, 20170611, m, 8);
            for (size_t i = 0; i < n; i++)
                ck_assert_uint_le(m[i].off + m[i].len, e);
            cev_dateline_date(b, 0, e, &y);
        }
        free(b);
    }
    uint32_t x = 99;
    char *r = malloc(8192);
    ck_assert_ptr_nonnull(r);
    static const char alphabet[] = "June May 12 2017 / - . , on Saturday since last week ago ";
    for (int round = 0; round < 300; round++) {
        size_t len = 1 + (size_t)round * 27 % 8000;
        for (size_t i = 0; i < len; i++) {
            x = x * 1103515245u + 12345u;
            r[i] = (x >> 24) & 1 ? (char)(x >> 16) : alphabet[(x >> 16) % (sizeof alphabet - 1)];
        }
        size_t n = cev_dates_scan(r, 0, len, 20170611, m, 8);
        for (size_t i = 0; i < n; i++) {
            ck_assert_uint_le(m[i].off + m[i].len, len);
            ck_assert_int_le(m[i].start, m[i].end);
        }
        cev_dateline_date(r, 0, len, &y);
    }
    free(r);
}
END_TEST

START_TEST(test_long_clause_positions)
{
    /* a date far from the start, past several token windows, and words
       that may start an expression but have no date near them */
    size_t cap = 32 * 1024, o = 0;
    char *buf = malloc(cap);
    ck_assert_ptr_nonnull(buf);
    while (o + 200 < cap)
        o += (size_t)snprintf(buf + o, cap - o, "%s", "in the end of the talks from the last of them ");
    size_t at = o;
    o += (size_t)snprintf(buf + o, cap - o, "%s", "on Friday");
    cev_date_mention m[4];
    ck_assert_uint_eq(cev_dates_scan(buf, 0, o, 20170611, m, 4), 1);
    ck_assert_uint_eq(m[0].off, at);
    ck_assert_uint_eq(m[0].len, 9);
    ck_assert_int_eq(m[0].start, 20170609);
    ck_assert_uint_eq(cev_dates_scan(buf, 0, at, 20170611, m, 4), 0);
    free(buf);
}
END_TEST

/* Several threads scanning at once, the first scans of the process among
 * them (the word table is built on first use). */
static void *scan_thread(void *arg)
{
    const char *s = "Clashes on Sept. 5 and LAST FRIDAY, two days ago and in mid-May 2016.";
    long bad = 0;
    for (int r = 0; r < 200; r++) {
        cev_date_mention m[8];
        size_t n = cev_dates_scan(s, 0, strlen(s), 20170611, m, 8);
        if (n != 4 || m[0].start != 20160905 || m[1].start != 20170609 ||
            m[2].start != 20170609 || m[3].start != 20160511)
            bad++;
    }
    *(long *)arg = bad;
    return NULL;
}

START_TEST(test_threads)
{
    cev_test_threads(scan_thread, 4);
}
END_TEST

/* Expressions counted from the story's own date (ref), with the anchor
 * Thursday 2024-01-18 and the story at Tuesday 2024-01-16. */
START_TEST(test_anaphoric)
{
    static const struct {
        const char *s;
        int32_t ref; /* 0: none */
        const char *text;
        int32_t start, end;
        int anaphoric;
    } cases[] = {
        {"Hours later, soldiers opened fire.", 20240116, "Hours later", 20240116, 20240117, 1},
        {"Police arrived six hours later.", 20240116, "six hours later", 20240116, 20240117, 1},
        {"Minutes later a second bomb went off.", 20240116, "Minutes later", 20240116, 20240116, 1},
        {"The following day, militants shelled the town.", 20240116, "The following day",
         20240117, 20240117, 1},
        {"The next morning gunmen returned.", 20240116, "The next morning", 20240117, 20240117,
         1},
        {"A day earlier, a drone strike hit the base.", 20240116, "A day earlier", 20240115,
         20240115, 1},
        {"The previous night, rockets hit the airport.", 20240116, "The previous night",
         20240115, 20240116, 1},
        {"Later that day, a second blast hit the market.", 20240116, "Later that day", 20240116,
         20240116, 1},
        {"Militants stormed the town the day before.", 20240116, "the day before", 20240115,
         20240115, 1},
        {"Two days after the attack, gunmen killed 3 people.", 20240116, "Two days after",
         20240118, 20240118, 1},
        {"A few days earlier, the army retook the village.", 20240116, "A few days earlier",
         20240110, 20240114, 1},
        /* the subject of "came" is the story's event; the clause after
           "after" lies a week before it */
        {"The clashes came a week after fighters stormed a police station.", 20240116,
         "a week after", 20240108, 20240110, 1},
        /* a date of the same text is counted from, without a ref */
        {"A bomb exploded on Monday and the next day gunmen attacked a convoy.", 0,
         "the next day", 20240116, 20240116, 1},
        /* a date written in the complement is counted from instead */
        {"Two days after Monday's attack, gunmen struck again.", 20240110,
         "Two days after Monday's", 20240117, 20240117, 0},
        {"The killing came two days after the 2019 attack on the base.", 20240116,
         "two days after the 2019", 20190103, 20200102, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cev_date_mention m[8];
        const char *s = cases[i].s;
        size_t n = cev_dates_scan_ref(s, 0, strlen(s), 20240118, cases[i].ref, cases[i].ref, m, 8);
        size_t k = 0;
        while (k < n && !(m[k].len == strlen(cases[i].text) &&
                          !strncmp(s + m[k].off, cases[i].text, m[k].len)))
            k++;
        ck_assert_msg(k < n, "'%s' not found in: %s", cases[i].text, s);
        ck_assert_msg(m[k].start == cases[i].start && m[k].end == cases[i].end &&
                          m[k].anaphoric == cases[i].anaphoric,
                      "%s: got %d..%d anaphoric %d", s, (int)m[k].start, (int)m[k].end,
                      m[k].anaphoric);
    }
    /* not resolved: no date to count from, a date the story does not give,
       a date after the anchor, a ref longer than a week */
    static const struct {
        const char *s;
        int32_t ref_start, ref_end;
    } none[] = {
        {"Hours later, soldiers opened fire.", 0, 0},
        {"The following day, militants shelled the town.", 0, 0},
        {"Three days before the election, gunmen attacked a polling station.", 20240116,
         20240116},
        {"A week after the strike, rebels attacked again.", 20240116, 20240116},
        {"The next day the talks resumed.", 20240118, 20240118},
        {"The next day the talks resumed.", 20231201, 20231231},
        {"They will meet next week.", 20240116, 20240116},
    };
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
        cev_date_mention m[8];
        const char *s = none[i].s;
        size_t n = cev_dates_scan_ref(s, 0, strlen(s), 20240118, none[i].ref_start,
                                      none[i].ref_end, m, 8);
        ck_assert_msg(n == 0, "%s: got '%.*s'", s, n ? (int)m[0].len : 0, n ? s + m[0].off : "");
    }
    /* "earlier this week" on a Thursday: Monday to Wednesday */
    cev_date_mention m[4];
    const char *s = "Militants stormed a checkpoint earlier this week.";
    ck_assert_uint_eq(cev_dates_scan(s, 0, strlen(s), 20240118, m, 4), 1);
    ck_assert_int_eq(m[0].start, 20240115);
    ck_assert_int_eq(m[0].end, 20240117);
    ck_assert_int_eq(m[0].anaphoric, 0);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("dates");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_fixture);
    tcase_add_test(tc, test_datelines);
    tcase_add_test(tc, test_dateline_near_and_offsets);
    tcase_add_test(tc, test_weekdays_all_anchors);
    tcase_add_test(tc, test_exact_buffers_and_garbage);
    tcase_add_test(tc, test_long_clause_positions);
    tcase_add_test(tc, test_threads);
    tcase_add_test(tc, test_anaphoric);
    suite_add_tcase(s, tc);
    return s;
}

CEV_TEST_MAIN()
