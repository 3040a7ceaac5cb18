/* testutil.h - shared helpers for the Check suites. */
#ifndef CEV_TESTUTIL_H
#define CEV_TESTUTIL_H

#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Each test file defines `static Suite *suite(void)` and ends with
 * CEV_TEST_MAIN(). */
#define CEV_TEST_MAIN()                                                          \
    int main(void)                                                               \
    {                                                                            \
        SRunner *sr = srunner_create(suite());                                   \
        srunner_set_fork_status(sr, CK_FORK_GETENV); /* CK_FORK=no for valgrind */ \
        srunner_run_all(sr, CK_NORMAL);                                          \
        int failed = srunner_ntests_failed(sr);                                  \
        srunner_free(sr);                                                        \
        return failed ? EXIT_FAILURE : EXIT_SUCCESS;                             \
    }

/* Read a whole file; NULL if it cannot be read. Caller frees. */
static inline char *cev_test_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap + 1);
    size_t r;
    while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) {
            char *nb = realloc(buf, cap * 2 + 1);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    fclose(f);
    if (buf) {
        buf[n] = '\0';
        if (len)
            *len = n;
    }
    return buf;
}

/* Path under ../shared, or NULL (with a note) when it is not there. */
static inline const char *cev_test_shared(const char *rel, char *buf, size_t bufsz)
{
    const char *dir = getenv("CEV_SHARED_DIR");
    if (!dir)
        return NULL;
    snprintf(buf, bufsz, "%s/%s", dir, rel);
    FILE *f = fopen(buf, "rb");
    if (!f) {
        fprintf(stderr, "note: %s not found; skipping the cases that need it\n", buf);
        return NULL;
    }
    fclose(f);
    return buf;
}

/* Path of a fixture under tests/data. */
static inline const char *cev_test_data(const char *rel, char *buf, size_t bufsz)
{
    const char *dir = getenv("CEV_TEST_DATA");
    snprintf(buf, bufsz, "%s/%s", dir ? dir : "tests/data", rel);
    return buf;
}

/* Data-driven cases: call check(f, nf, ud) for every line of the TSV file
 * `rel` under tests/data (blank lines and '#' comments skipped), split on
 * tabs into at most max_fields fields (the last keeps the rest of the
 * line).  check returns 1 for a failed case, having printed why.  Fails
 * the test when fewer than min_cases ran or any case failed. */
typedef int (*cev_test_case_fn)(char **f, int nf, void *ud);

static inline void cev_test_tsv(const char *rel, int max_fields, int min_cases,
                                cev_test_case_fn check, void *ud)
{
    char path[1024], *f[16];
    char *data = cev_test_read_file(cev_test_data(rel, path, sizeof path), NULL);
    ck_assert_msg(data != NULL, "cannot read %s", path);
    ck_assert_int_le(max_fields, 16);
    int cases = 0, failed = 0;
    char *save = NULL;
    for (char *line = strtok_r(data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (line[0] == '#' || !line[0])
            continue;
        int nf = 0;
        for (char *p = line; nf < max_fields;) {
            f[nf++] = p;
            char *tab = strchr(p, '\t');
            if (!tab)
                break;
            *tab = '\0';
            p = tab + 1;
        }
        cases++;
        failed += check(f, nf, ud) != 0;
    }
    free(data);
    ck_assert_int_ge(cases, min_cases);
    ck_assert_msg(failed == 0, "%d of %d cases of %s failed (see stderr)", failed, cases, rel);
}

/* Run `fn` in n (at most 16) threads at once; each writes its count of bad
 * results into the long it is given.  Asserts that every thread found none. */
static inline void cev_test_threads(void *(*fn)(void *), int n)
{
    pthread_t th[16];
    long bad[16];
    ck_assert_int_le(n, 16);
    for (int i = 0; i < n; i++)
        ck_assert_int_eq(pthread_create(&th[i], NULL, fn, &bad[i]), 0);
    for (int i = 0; i < n; i++) {
        pthread_join(th[i], NULL);
        ck_assert_int_eq(bad[i], 0);
    }
}

#endif
