/* test_casualties.c - casualty figures: data-driven cases from
 * tests/data/numbers/casualties.tsv plus safety checks. */
#include <pthread.h>
#include <stdint.h>

#include "casualties.h"
#include "testutil.h"

/* "K10 I24a": kind letter, lower bound, "a" when aggregate. */
static void describe(const char *s, size_t len, char *buf, size_t bufsz)
{
    cev_casualty c[32];
    size_t n = cev_casualties_scan(s, 0, len, c, 32);
    size_t o = 0;
    buf[0] = '\0';
    if (!n) {
        snprintf(buf, bufsz, "-");
        return;
    }
    for (size_t i = 0; i < n && o < bufsz; i++) {
        char k = c[i].kind == CEV_CAS_KILLED ? 'K' : c[i].kind == CEV_CAS_INJURED ? 'I' : 'A';
        o += (size_t)snprintf(buf + o, bufsz - o, "%s%c%lld%s", i ? " " : "", k,
                              (long long)c[i].q.min, c[i].aggregate ? "a" : "");
    }
}

/* One line of numbers/casualties.tsv: sentence, expected figures. */
static int casualty_case(char **f, int nf, void *ud)
{
    (void)ud;
    ck_assert_msg(nf == 2, "bad fixture line: %s", f[0]);
    char got[512];
    describe(f[0], strlen(f[0]), got, sizeof got);
    if (strcmp(got, f[1]) == 0)
        return 0;
    fprintf(stderr, "casualties: \"%s\"\n    want %s\n    got  %s\n", f[0], f[1], got);
    return 1;
}

START_TEST(test_fixture) { cev_test_tsv("numbers/casualties.tsv", 2, 100, casualty_case, NULL); }
END_TEST

static size_t scan1(const char *s, cev_casualty *c, size_t max)
{
    return cev_casualties_scan(s, 0, strlen(s), c, max);
}

START_TEST(test_fields)
{
    cev_casualty c[8];
    const char *s = "At least 50 people, mostly civilians, have been killed.";
    ck_assert_uint_eq(scan1(s, c, 8), 1);
    ck_assert_int_eq(c[0].kind, CEV_CAS_KILLED);
    ck_assert_int_eq(c[0].q.min, 50);
    ck_assert_int_eq(c[0].q.max, -1);
    ck_assert_int_eq(c[0].start, 0);
    ck_assert_int_eq(c[0].end, strlen("At least 50 people"));
    ck_assert_int_eq(c[0].aggregate, 0);
    ck_assert_uint_gt(c[0].cue_end, c[0].cue_start);
    ck_assert_int_eq(strncmp(s + c[0].cue_start, "killed", 6), 0);

    s = "The strike killed 5 civilians and 3 soldiers.";
    ck_assert_uint_eq(scan1(s, c, 8), 2);
    ck_assert_int_eq(c[0].victims, 1);
    ck_assert_int_eq(c[1].victims, 2);
    ck_assert_int_gt(c[0].group, 0);
    ck_assert_int_eq(c[0].group, c[1].group);

    s = "Blast kills 12 in Kabul; another kills 3 in Herat.";
    ck_assert_uint_eq(scan1(s, c, 8), 2);
    ck_assert_int_ne(c[0].group, c[1].group);

    s = "The death toll rose to 30.";
    ck_assert_uint_eq(scan1(s, c, 8), 1);
    ck_assert_int_eq(c[0].toll, 1);

    s = "dozens injured";
    ck_assert_uint_eq(scan1(s, c, 8), 1);
    ck_assert_int_eq(c[0].q.approx, 1);
    ck_assert_int_eq(c[0].kind, CEV_CAS_INJURED);
}
END_TEST

START_TEST(test_max_and_window)
{
    cev_casualty c[4];
    const char *s = "Blasts killed 5, wounded 6; gunmen abducted 7 and killed 8.";
    ck_assert_uint_eq(scan1(s, c, 4), 4);
    ck_assert_uint_eq(scan1(s, c, 1), 1);
    ck_assert_int_eq(c[0].q.value, 5);
    /* a sub-range of the sentence: only figures inside it */
    const char *t = "xx 12 dead yy";
    ck_assert_uint_eq(cev_casualties_scan(t, 3, 10, c, 4), 1);
    ck_assert_int_eq(c[0].q.value, 12);
    /* the end cuts "12" to "1": no read past end, figure 1 or nothing */
    size_t n = cev_casualties_scan(t, 3, 4, c, 4);
    ck_assert_uint_le(n, 1);
    ck_assert_uint_eq(cev_casualties_scan(t, 5, 5, c, 4), 0);
    ck_assert_uint_eq(cev_casualties_scan(NULL, 0, 5, c, 4), 0);
    ck_assert_uint_eq(cev_casualties_scan(t, 0, 5, c, 0), 0);
}
END_TEST

START_TEST(test_long_sentence)
{
    /* a scrape with no sentence breaks: longer than one token window */
    size_t cap = 64 * 1024, o = 0;
    char *buf = malloc(cap);
    ck_assert_ptr_nonnull(buf);
    int figures = 0;
    while (o + 100 < cap) {
        o += (size_t)snprintf(buf + o, cap - o, "%s", "and the army moved on to the next town ");
        if (o % 7 == 0 && o + 100 < cap) {
            o += (size_t)snprintf(buf + o, cap - o, "%s", "where 4 civilians were killed ");
            figures++;
        }
    }
    cev_casualty c[512];
    size_t n = cev_casualties_scan(buf, 0, o, c, 512);
    ck_assert_int_eq((int)n, figures);
    for (size_t i = 0; i < n; i++) {
        ck_assert_int_eq(c[i].q.value, 4);
        ck_assert(i == 0 || c[i].start > c[i - 1].start);
    }
    free(buf);
}
END_TEST

START_TEST(test_windows_without_cue)
{
    /* many token windows with figures but no casualty word, then one */
    size_t cap = 64 * 1024, o = 0;
    char *buf = malloc(cap);
    ck_assert_ptr_nonnull(buf);
    while (o + 200 < cap)
        o += (size_t)snprintf(buf + o, cap - o, "%s", "and 4 civilians moved on to the next town ");
    size_t at = o + 6;
    o += (size_t)snprintf(buf + o, cap - o, "%s", "where 9 civilians were killed");
    cev_casualty c[16];
    ck_assert_uint_eq(cev_casualties_scan(buf, 0, o, c, 16), 1);
    ck_assert_uint_eq(c[0].start, at);
    ck_assert_int_eq(c[0].q.value, 9);
    ck_assert_int_eq(c[0].kind, CEV_CAS_KILLED);
    ck_assert_uint_eq(cev_casualties_scan(buf, 0, at - 6, c, 16), 0);
    free(buf);
}
END_TEST

/* Several threads scanning at once, the first scans of the process among
 * them (the word tables are built on first use). */
static void *scan_thread(void *arg)
{
    const char *s = "At least 50 people, mostly civilians, were killed and DOZENS wounded when "
                    "gunmen abducted twenty-two students.";
    long bad = 0;
    for (int r = 0; r < 200; r++) {
        cev_casualty c[8];
        size_t n = cev_casualties_scan(s, 0, strlen(s), c, 8);
        if (n != 3 || c[0].kind != CEV_CAS_KILLED || c[0].q.min != 50 ||
            c[1].kind != CEV_CAS_INJURED || c[1].q.value != 24 ||
            c[2].kind != CEV_CAS_ABDUCTED || c[2].q.value != 22)
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

START_TEST(test_exact_buffer_and_garbage)
{
    /* text in a buffer of exactly its length (no NUL): ASan catches over-reads */
    static const char *cases[] = {"killed 12", "12 dead", "at least", "the death toll rose to",
                                  "killing more than", "twenty-", "50+", "a", "1,", "1.5",
                                  "took 12", "bodies of", "no one", "Car bomb kills 12, wounds"};
    cev_casualty c[8];
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        size_t len = strlen(cases[k]);
        char *b = malloc(len);
        ck_assert_ptr_nonnull(b);
        memcpy(b, cases[k], len);
        for (size_t e = 0; e <= len; e++)
            cev_casualties_scan(b, 0, e, c, 8);
        free(b);
    }
    /* random bytes, deterministic */
    uint32_t x = 12345;
    char *r = malloc(4096);
    ck_assert_ptr_nonnull(r);
    static const char alphabet[] = "killed 12 dead wounded, at least dozens of people were-+$%().;";
    for (int round = 0; round < 300; round++) {
        size_t len = 1 + round * 13 % 4000;
        for (size_t i = 0; i < len; i++) {
            x = x * 1103515245u + 12345u;
            r[i] = (x >> 24) & 1 ? (char)(x >> 16) : alphabet[(x >> 16) % (sizeof alphabet - 1)];
        }
        size_t n = cev_casualties_scan(r, 0, len, c, 8);
        for (size_t i = 0; i < n; i++) {
            ck_assert_uint_le(c[i].end, len);
            ck_assert_uint_le(c[i].start, c[i].end);
        }
    }
    free(r);
}
END_TEST

START_TEST(test_pick)
{
    cev_casualty c[8];
    cev_quantity q;
    const char *s = "Since 2011 the war has killed 300,000. The strike killed 5 civilians and "
                    "at least 3 soldiers and wounded 7.";
    size_t n = scan1(s, c, 8);
    ck_assert_uint_eq(n, 4);
    ck_assert_int_eq(cev_casualty_pick(c, n, CEV_CAS_KILLED, &q), 1);
    ck_assert_int_eq(q.min, 8);
    ck_assert_int_eq(q.max, -1);
    ck_assert_int_eq(cev_casualty_pick(c, n, CEV_CAS_INJURED, &q), 3);
    ck_assert_int_eq(q.min, 7);
    ck_assert_int_eq(cev_casualty_pick(c, n, CEV_CAS_ABDUCTED, &q), -1);
    ck_assert_int_eq(cev_casualty_pick(c, 1, CEV_CAS_KILLED, &q), -1);
    ck_assert_int_eq(cev_casualty_pick(NULL, 1, CEV_CAS_KILLED, &q), -1);
}
END_TEST

/* Coordinated victims are one group whose figures add up; "killed 3 and
 * wounded 5" stays two figures of two kinds. */
START_TEST(test_coordinated_victims)
{
    static const struct {
        const char *s;
        int kind;
        int64_t sum;
    } cases[] = {
        {"Shelling killed a woman and her two sons, rescuers said.", CEV_CAS_KILLED, 3},
        {"A woman and her two sons were killed in the strike.", CEV_CAS_KILLED, 3},
        {"Two soldiers and a civilian were killed when the bomb exploded.", CEV_CAS_KILLED, 3},
        {"A mother and her four children died when the shell hit their home.", CEV_CAS_KILLED, 5},
        {"Gunmen shot dead a farmer and his wife.", CEV_CAS_KILLED, 2},
        {"A man and his son were wounded by shrapnel.", CEV_CAS_INJURED, 2},
        {"Two children and their father were killed.", CEV_CAS_KILLED, 3},
        {"A journalist and his driver were abducted near the border.", CEV_CAS_ABDUCTED, 2},
        {"His brother was killed in the raid.", CEV_CAS_KILLED, 1},
        {"Gunmen killed five civilians, two soldiers and a policeman.", CEV_CAS_KILLED, 8},
        /* the speaker after a comma is not one of the victims */
        {"The bomb exploded near a base, killing seven soldiers, a military officer said.",
         CEV_CAS_KILLED, 7},
        {"Militants stormed the village, killing 12 people, two local officials told AFP.",
         CEV_CAS_KILLED, 12},
        {"The blast killed six people and wounded 13, a police spokesman said.",
         CEV_CAS_INJURED, 13},
        /* a list after a comma that breaks the first figure down */
        {"The strike killed four people, three children and a woman, medics said.",
         CEV_CAS_KILLED, 4},
        {"Gunmen killed three reporters, two Salvadorans and a Dutch journalist.",
         CEV_CAS_KILLED, 3},
        {"Troops killed three reporters, two Salvadorans.", CEV_CAS_KILLED, 3},
        /* a list that does not add up to its first figure, or of no general noun */
        {"Gunmen killed three villagers, two soldiers and a policeman.", CEV_CAS_KILLED, 6},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cev_casualty c[8];
        cev_quantity q;
        size_t n = scan1(cases[i].s, c, 8);
        ck_assert_msg(cev_casualty_pick(c, n, cases[i].kind, &q) >= 0, "no figure: %s",
                      cases[i].s);
        ck_assert_msg(q.min == cases[i].sum, "%s: got %lld", cases[i].s, (long long)q.min);
    }
    /* not coordinated victims */
    static const char *const none[] = {
        "Two soldiers and a rocket launcher were destroyed.",
        "Two soldiers and a civilian attended the ceremony.",
        "His wife said the army had not called.",
        "Its major offensive began in May.",
    };
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
        cev_casualty c[8];
        ck_assert_msg(scan1(none[i], c, 8) == 0, "figure in: %s", none[i]);
    }
    cev_casualty c[8];
    cev_quantity q;
    /* two verbs, two kinds */
    const char *s = "The blast killed 3 and wounded 5.";
    size_t n = scan1(s, c, 8);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(cev_casualty_pick(c, n, CEV_CAS_KILLED, &q), 0);
    ck_assert_int_eq(q.min, 3);
    ck_assert_int_eq(cev_casualty_pick(c, n, CEV_CAS_INJURED, &q), 1);
    ck_assert_int_eq(q.min, 5);
    /* the object of "killed" is not the subject of "was wounded" */
    s = "Militants killed two soldiers and a civilian was wounded.";
    n = scan1(s, c, 8);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(c[0].kind, CEV_CAS_KILLED);
    ck_assert_int_eq(c[0].q.min, 2);
    ck_assert_int_eq(c[1].kind, CEV_CAS_INJURED);
    ck_assert_int_eq(c[1].q.min, 1);
    /* a part of another figure is not added */
    s = "A woman and her two sons were among the 12 people killed.";
    n = scan1(s, c, 8);
    ck_assert_int_eq(cev_casualty_pick(c, n, CEV_CAS_KILLED, &q), 0);
    ck_assert_int_eq(q.min, 12);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("casualties");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_fixture);
    tcase_add_test(tc, test_fields);
    tcase_add_test(tc, test_max_and_window);
    tcase_add_test(tc, test_long_sentence);
    tcase_add_test(tc, test_exact_buffer_and_garbage);
    tcase_add_test(tc, test_pick);
    tcase_add_test(tc, test_coordinated_victims);
    tcase_add_test(tc, test_windows_without_cue);
    tcase_add_test(tc, test_threads);
    suite_add_tcase(s, tc);
    return s;
}

CEV_TEST_MAIN()
