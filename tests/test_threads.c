/* test_threads.c - the thread contract of conflictev.h, with real threads:
 *
 *   - one frozen context shared by several parsers, each in its own thread,
 *     gives exactly the events of a single-threaded run (compared as JSON);
 *   - lookups on the context run concurrently with parsing;
 *   - a frozen context refuses loads (CEV_ERR_MISUSE) and stays unchanged;
 *   - a result outlives its parser and may be read from any thread;
 *   - parsers made concurrently from a frozen context, each with its own
 *     options and last error;
 *   - two stores, on two files, used from two threads.
 *
 * The articles are the seed corpus ($CEV_SHARED_DIR/corpus/seeds) when it is
 * there, else the fixtures of $CEV_TEST_DATA/extract.
 *
 * Worker threads never call ck_assert (Check's asserts belong to the test's
 * own thread): they record what they saw, and the test asserts after
 * pthread_join.  Meant to run under ThreadSanitizer too (tests/tsan.sh).
 * CEV_TEST_QUICK=1 (valgrind) cuts the rounds; CEV_THREADS_ITERS=n sets
 * them. */
#include <dirent.h>
#include <pthread.h>

#include "testutil.h"

#include "conflictev.h"

#define N_THREADS 4
#define MAX_ARTICLES 64

/* ---- the articles and their single-threaded reference ------------------------- */

typedef struct corpus {
    size_t n;
    char *name[MAX_ARTICLES];
    char *text[MAX_ARTICLES];
    size_t len[MAX_ARTICLES];
    char published[MAX_ARTICLES][16]; /* "" when unknown */
    char *ref[MAX_ARTICLES];          /* reference output of parse_json() */
    size_t ref_events;                /* events in the reference, all articles */
    const char *from;                 /* where the articles came from */
} corpus;

/* ThreadSanitizer needs interleavings more than repetitions, and is slow:
 * a third of the rounds under it. */
#if defined(__SANITIZE_THREAD__)
#define UNDER_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define UNDER_TSAN 1
#endif
#endif
#ifndef UNDER_TSAN
#define UNDER_TSAN 0
#endif

static int rounds(int normal)
{
    const char *s = getenv("CEV_THREADS_ITERS");
    if (s && atoi(s) > 0)
        return atoi(s);
    if (getenv("CEV_TEST_QUICK"))
        return 1;
    return UNDER_TSAN ? (normal + 2) / 3 : normal;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The publication date of `file` from a tab-separated listing: the line
 * whose field `key_col` is `key` gives field `val_col`. */
static void published_from(const char *listing, const char *key, int key_col, int val_col,
                           char *out, size_t outsz)
{
    out[0] = '\0';
    char *t = cev_test_read_file(listing, NULL);
    if (!t)
        return;
    for (char *line = strtok(t, "\n"); line; line = strtok(NULL, "\n")) {
        char *f[8];
        int n = 0;
        f[n++] = line;
        for (char *p = line; *p && n < 8; p++)
            if (*p == '\t') {
                *p = '\0';
                f[n++] = p + 1;
            }
        if (n > key_col && n > val_col && !strcmp(f[key_col], key)) {
            snprintf(out, outsz, "%.10s", f[val_col]);
            break;
        }
    }
    free(t);
}

/* Read the *.txt of `dir` (sorted); 0 when there are none. */
static size_t read_dir(corpus *c, const char *dir, int seeds)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    char *names[MAX_ARTICLES];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < MAX_ARTICLES) {
        size_t l = strlen(e->d_name);
        if (l > 4 && !strcmp(e->d_name + l - 4, ".txt"))
            names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        char path[1024], aux[1024];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        c->text[i] = cev_test_read_file(path, &c->len[i]);
        ck_assert_msg(c->text[i] != NULL, "cannot read %s", path);
        c->name[i] = names[i];
        if (seeds) {
            snprintf(aux, sizeof aux, "%s/MANIFEST.tsv", dir);
            published_from(aux, names[i], 0, 1, c->published[i], sizeof c->published[i]);
        } else {
            snprintf(aux, sizeof aux, "%s/%.*s.expect", dir, (int)(strlen(names[i]) - 4),
                     names[i]);
            published_from(aux, "published", 0, 1, c->published[i], sizeof c->published[i]);
        }
    }
    c->n = n;
    return n;
}

/* Everything a parse gives, as text: the return code, the number of events
 * and each event as JSON.  One strcmp compares two runs.  Malloc'ed. */
static char *result_json(int rc, const cev_result *r)
{
    size_t cap = 4096, len = 0;
    char *s = malloc(cap);
    if (!s)
        return NULL;
    len = (size_t)snprintf(s, cap, "rc=%d events=%zu\n", rc, rc == CEV_OK ? cev_result_count(r) : 0);
    for (size_t i = 0; rc == CEV_OK && i < cev_result_count(r); i++) {
        char *j = NULL;
        int jrc = cev_event_to_json(&j, cev_result_event(r, i));
        const char *add = jrc == CEV_OK ? j : "(cev_event_to_json failed)";
        size_t al = strlen(add);
        if (len + al + 2 > cap) {
            while (len + al + 2 > cap)
                cap *= 2;
            char *ns = realloc(s, cap);
            if (!ns) {
                free(s);
                cev_free(j);
                return NULL;
            }
            s = ns;
        }
        memcpy(s + len, add, al);
        len += al;
        s[len++] = '\n';
        s[len] = '\0';
        cev_free(j);
    }
    return s;
}

static cev_article article_of(const corpus *c, size_t i)
{
    cev_article a = CEV_ARTICLE_INIT;
    a.text = c->text[i];
    a.len = c->len[i];
    a.id = c->name[i];
    a.published = c->published[i][0] ? c->published[i] : NULL;
    return a;
}

/* Parse article i; the result is kept in *keep when keep is not NULL. */
static char *parse_json(cev_parser *p, const corpus *c, size_t i, cev_result **keep)
{
    cev_article a = article_of(c, i);
    cev_result *r = NULL;
    int rc = cev_parse(&r, p, &a);
    char *s = result_json(rc, r);
    if (keep)
        *keep = r;
    else
        cev_result_free(r);
    return s;
}

static size_t events_in(const char *json)
{
    size_t n = 0;
    return sscanf(json, "rc=%*d events=%zu", &n) == 1 ? n : 0;
}

/* The reference: every article parsed once, on this thread, by a parser of
 * its own with the given NONVIOLENT option. */
static void make_reference(corpus *c, cev_context *ctx, int nonviolent, char **ref)
{
    cev_parser *p;
    ck_assert_int_eq(cev_parser_new(&p, ctx), CEV_OK);
    ck_assert_int_eq(cev_parser_set_int(p, CEV_OPT_NONVIOLENT, nonviolent), CEV_OK);
    for (size_t i = 0; i < c->n; i++) {
        ref[i] = parse_json(p, c, i, NULL);
        ck_assert_ptr_nonnull(ref[i]);
        ck_assert_msg(!strncmp(ref[i], "rc=0 ", 5), "%s: %s", c->name[i], ref[i]);
    }
    cev_parser_free(p);
}

/* Load the articles and parse them once single-threaded.  The context is
 * frozen when this returns. */
static void corpus_load(corpus *c, cev_context *ctx)
{
    memset(c, 0, sizeof *c);
    const char *shared = getenv("CEV_SHARED_DIR");
    char dir[1024];
    if (shared) {
        snprintf(dir, sizeof dir, "%s/corpus/seeds", shared);
        if (read_dir(c, dir, 1))
            c->from = "seed corpus";
    }
    if (!c->n) {
        cev_test_data("extract", dir, sizeof dir);
        read_dir(c, dir, 0);
        c->from = "extract fixtures";
    }
    ck_assert_msg(c->n >= 2, "no articles under %s", dir);
    make_reference(c, ctx, 1, c->ref);
    for (size_t i = 0; i < c->n; i++)
        c->ref_events += events_in(c->ref[i]);
    /* identical empty outputs would prove nothing */
    ck_assert_msg(c->ref_events > 0, "the %s gave no events at all", c->from);
}

static void corpus_free(corpus *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->name[i]);
        free(c->text[i]);
        free(c->ref[i]);
    }
    memset(c, 0, sizeof *c);
}

static cev_context *new_ctx(void)
{
    cev_context *ctx = NULL;
    int rc = cev_context_new(&ctx, 0);
    ck_assert_msg(rc == CEV_OK, "context: %s", ctx ? cev_context_errmsg(ctx) : cev_strerror(rc));
    return ctx;
}

/* Where two outputs first differ, for the failure message. */
static void describe_diff(char *out, size_t outsz, const char *what, const char *want,
                          const char *got)
{
    if (!want || !got) {
        snprintf(out, outsz, "%s: %s", what, want ? "no output (out of memory?)" : "no reference");
        return;
    }
    size_t k = 0;
    while (want[k] && want[k] == got[k])
        k++;
    size_t from = k > 30 ? k - 30 : 0;
    snprintf(out, outsz, "%s: differs at byte %zu: want \"...%.80s\" got \"...%.80s\"", what, k,
             want + from, got + from);
}

/* ---- (1) one context, N parsers, N threads ------------------------------------ */

typedef struct parse_job {
    const corpus *c;
    char *const *ref;  /* what each article must give */
    cev_context *ctx;  /* make_parser: the parser is made in the thread */
    cev_parser *p;     /* else this one, made by the test's thread */
    int make_parser;
    int nonviolent;    /* option for a parser made in the thread */
    int bad_every;     /* >0: every so many parses, an invalid article first */
    int id, iters;
    /* out */
    size_t parsed, mismatches;
    char first[512];
} parse_job;

static void note_mismatch(parse_job *j, const char *fmt, const char *arg, const char *want,
                          const char *got)
{
    if (j->mismatches++ == 0) {
        char what[200];
        snprintf(what, sizeof what, fmt, arg);
        describe_diff(j->first, sizeof j->first, what, want, got);
    }
}

/* An article with a bad byte at 20: each parser must keep its own error. */
static const char k_bad[] = "Shelling in Aleppo. \xC3\x28 killed three people on Monday.";
#define K_BAD_OFFSET 20

static void *parse_worker(void *arg)
{
    parse_job *j = arg;
    cev_parser *p = j->p;
    if (j->make_parser) {
        if (cev_parser_new(&p, j->ctx) != CEV_OK ||
            cev_parser_set_int(p, CEV_OPT_NONVIOLENT, j->nonviolent) != CEV_OK) {
            snprintf(j->first, sizeof j->first, "thread %d: cannot make its parser", j->id);
            j->mismatches++;
            cev_parser_free(p);
            return NULL;
        }
    }
    const corpus *c = j->c;
    size_t count = 0;
    for (int it = 0; it < j->iters; it++) {
        for (size_t k = 0; k < c->n; k++) {
            /* threads start at different articles, so that different
             * articles are parsed at the same moment */
            size_t i = (k + (size_t)j->id + (size_t)it) % c->n;
            if (j->bad_every > 0 && count++ % (size_t)j->bad_every == 0) {
                cev_article a = CEV_ARTICLE_INIT;
                a.text = k_bad;
                a.len = sizeof k_bad - 1;
                cev_result *r = NULL;
                int rc = cev_parse(&r, p, &a);
                char got[200];
                snprintf(got, sizeof got, "rc=%d code=%d offset=%lld", rc, cev_parser_errcode(p),
                         (long long)cev_parser_error_offset(p));
                char want[200];
                snprintf(want, sizeof want, "rc=%d code=%d offset=%d", CEV_ERR_UTF8,
                         CEV_ERR_UTF8, K_BAD_OFFSET);
                if (strcmp(got, want) || r != NULL)
                    note_mismatch(j, "%s", "invalid UTF-8 article", want, got);
                cev_result_free(r);
            }
            char *s = parse_json(p, c, i, NULL);
            j->parsed++;
            if (!s || strcmp(s, j->ref[i]))
                note_mismatch(j, "%s", c->name[i], j->ref[i], s);
            free(s);
            /* a successful parse leaves nothing of the error behind */
            if (j->bad_every > 0 && cev_parser_errcode(p) != CEV_OK)
                note_mismatch(j, "%s", "errcode after a good parse", "0", "non-zero");
        }
    }
    if (j->make_parser)
        cev_parser_free(p);
    return NULL;
}

static void run_parse_jobs(parse_job *jobs, int n)
{
    pthread_t th[N_THREADS];
    ck_assert_int_le(n, N_THREADS);
    for (int t = 0; t < n; t++)
        ck_assert_int_eq(pthread_create(&th[t], NULL, parse_worker, &jobs[t]), 0);
    for (int t = 0; t < n; t++)
        ck_assert_int_eq(pthread_join(th[t], NULL), 0);
}

static void check_parse_jobs(const parse_job *jobs, int n, const corpus *c)
{
    for (int t = 0; t < n; t++) {
        ck_assert_msg(jobs[t].mismatches == 0,
                      "thread %d: %zu of %zu parses differ from the single-threaded run "
                      "(%s); first: %s",
                      t, jobs[t].mismatches, jobs[t].parsed, c->from, jobs[t].first);
        ck_assert_uint_eq(jobs[t].parsed, (size_t)jobs[t].iters * c->n);
    }
}

START_TEST(shared_context_same_events)
{
    cev_context *ctx = new_ctx();
    corpus c;
    corpus_load(&c, ctx); /* freezes ctx, before any thread starts */
    parse_job jobs[N_THREADS];
    for (int t = 0; t < N_THREADS; t++) {
        jobs[t] = (parse_job){.c = &c, .ref = c.ref, .id = t, .iters = rounds(6)};
        ck_assert_int_eq(cev_parser_new(&jobs[t].p, ctx), CEV_OK);
    }
    run_parse_jobs(jobs, N_THREADS);
    check_parse_jobs(jobs, N_THREADS, &c);
    for (int t = 0; t < N_THREADS; t++)
        cev_parser_free(jobs[t].p);
    corpus_free(&c);
    cev_context_free(ctx);
}
END_TEST

/* The header allows making parsers from a frozen context concurrently; each
 * keeps its own options and its own last error. */
START_TEST(parsers_made_in_threads)
{
    cev_context *ctx = new_ctx();
    corpus c;
    corpus_load(&c, ctx);
    char *ref_violent[MAX_ARTICLES];
    make_reference(&c, ctx, 0, ref_violent);
    parse_job jobs[N_THREADS];
    for (int t = 0; t < N_THREADS; t++) {
        int nv = t % 2 == 0;
        jobs[t] = (parse_job){.c = &c, .ref = nv ? c.ref : ref_violent, .ctx = ctx,
                              .make_parser = 1, .nonviolent = nv, .bad_every = 2 + t,
                              .id = t, .iters = rounds(3)};
    }
    run_parse_jobs(jobs, N_THREADS);
    check_parse_jobs(jobs, N_THREADS, &c);
    for (size_t i = 0; i < c.n; i++)
        free(ref_violent[i]);
    corpus_free(&c);
    cev_context_free(ctx);
}
END_TEST

/* ---- (2) lookups concurrent with parsing ------------------------------------------ */

static const struct {
    const char *name, *country;
} k_names[] = {
    {"Syria", NULL},          {"Raqqa", NULL},          {"Raqqa province", NULL},
    {"Aleppo", "SY"},         {"Damascus", NULL},       {"the Kremlin", NULL},
    {"Islamic State", NULL},  {"ISIS", NULL},           {"United States", NULL},
    {"Moscow", "RU"},         {"Boko Haram", NULL},     {"Maiduguri", "NG"},
    {"Tripoli", NULL},        {"Tripoli", "LB"},        {"Kabul", NULL},
    {"Free Syrian Army", NULL}, {"no such place xyzzy", NULL}, {"", NULL},
};
#define N_NAMES (sizeof k_names / sizeof *k_names)

typedef struct lookup_ref {
    int rc[N_NAMES], get_rc[N_NAMES];
    const char *id[N_NAMES], *name[N_NAMES], *get_name[N_NAMES];
    size_t ents, places, aliases;
} lookup_ref;

static void lookup_all(const cev_context *ctx, lookup_ref *r)
{
    for (size_t i = 0; i < N_NAMES; i++) {
        cev_entry e;
        r->rc[i] = cev_context_lookup(ctx, k_names[i].name, k_names[i].country, &e);
        r->id[i] = r->rc[i] == CEV_OK ? e.id : NULL;
        r->name[i] = r->rc[i] == CEV_OK ? e.name : NULL;
        r->get_rc[i] = r->id[i] ? cev_context_get(ctx, r->id[i], &e) : CEV_ERR_NOT_FOUND;
        r->get_name[i] = r->get_rc[i] == CEV_OK ? e.name : NULL;
    }
    cev_context_stats(ctx, &r->ents, &r->places, &r->aliases);
}

static int same_str(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

typedef struct lookup_job {
    const cev_context *ctx;
    const lookup_ref *ref;
    int iters;
    size_t done, mismatches;
    char first[256];
} lookup_job;

static void *lookup_worker(void *arg)
{
    lookup_job *j = arg;
    for (int it = 0; it < j->iters; it++) {
        lookup_ref got;
        lookup_all(j->ctx, &got);
        j->done++;
        for (size_t i = 0; i < N_NAMES; i++) {
            if (got.rc[i] != j->ref->rc[i] || !same_str(got.id[i], j->ref->id[i]) ||
                !same_str(got.name[i], j->ref->name[i]) ||
                got.get_rc[i] != j->ref->get_rc[i] ||
                !same_str(got.get_name[i], j->ref->get_name[i])) {
                if (j->mismatches++ == 0)
                    snprintf(j->first, sizeof j->first,
                             "lookup \"%s\": want rc=%d id=%s, got rc=%d id=%s", k_names[i].name,
                             j->ref->rc[i], j->ref->id[i] ? j->ref->id[i] : "-", got.rc[i],
                             got.id[i] ? got.id[i] : "-");
            }
        }
        if (got.ents != j->ref->ents || got.places != j->ref->places ||
            got.aliases != j->ref->aliases) {
            if (j->mismatches++ == 0)
                snprintf(j->first, sizeof j->first, "cev_context_stats changed");
        }
    }
    return NULL;
}

START_TEST(lookups_while_parsing)
{
    cev_context *ctx = new_ctx();
    corpus c;
    corpus_load(&c, ctx);
    lookup_ref ref;
    lookup_all(ctx, &ref);
    size_t found = 0;
    for (size_t i = 0; i < N_NAMES; i++)
        found += ref.rc[i] == CEV_OK;
    ck_assert_msg(found >= N_NAMES / 2, "only %zu of %zu names found", found, N_NAMES);
    ck_assert_int_eq(ref.rc[N_NAMES - 2], CEV_ERR_NOT_FOUND);

    enum { NP = N_THREADS / 2, NL = N_THREADS - N_THREADS / 2 };
    parse_job pj[NP];
    lookup_job lj[NL];
    pthread_t th[N_THREADS];
    for (int t = 0; t < NP; t++) {
        pj[t] = (parse_job){.c = &c, .ref = c.ref, .id = t, .iters = rounds(4)};
        ck_assert_int_eq(cev_parser_new(&pj[t].p, ctx), CEV_OK);
        ck_assert_int_eq(pthread_create(&th[t], NULL, parse_worker, &pj[t]), 0);
    }
    for (int t = 0; t < NL; t++) {
        lj[t] = (lookup_job){.ctx = ctx, .ref = &ref, .iters = 25 * rounds(4)};
        ck_assert_int_eq(pthread_create(&th[NP + t], NULL, lookup_worker, &lj[t]), 0);
    }
    for (int t = 0; t < N_THREADS; t++)
        ck_assert_int_eq(pthread_join(th[t], NULL), 0);
    check_parse_jobs(pj, NP, &c);
    for (int t = 0; t < NL; t++) {
        ck_assert_msg(lj[t].mismatches == 0, "lookup thread %d: %zu mismatches; first: %s", t,
                      lj[t].mismatches, lj[t].first);
        ck_assert_uint_eq(lj[t].done, (size_t)lj[t].iters);
    }
    for (int t = 0; t < NP; t++)
        cev_parser_free(pj[t].p);
    corpus_free(&c);
    cev_context_free(ctx);
}
END_TEST

/* ---- (3) contract: frozen context, results outliving parsers -------------------- */

static const char k_user_ents[] =
    "id\tkind\tcountry\taffiliation\tfrom\tto\tname\taliases\n"
    "ZZTHREADA\tarmed_group\tSY\t-\t-\t-\tQuuxbridge Brigade\tabbr:QXB\n";
static const char k_user_ents2[] =
    "id\tkind\tcountry\taffiliation\tfrom\tto\tname\taliases\n"
    "ZZTHREADB\tarmed_group\tSY\t-\t-\t-\tFrobnitz Battalion\t-\n";

START_TEST(frozen_context_refuses_loads)
{
    cev_context *ctx = new_ctx();
    ck_assert_int_eq(cev_context_load_buffer(ctx, k_user_ents, sizeof k_user_ents - 1,
                                             CEV_FORMAT_TSV, "user.tsv"),
                     CEV_OK);
    size_t e0, p0, a0;
    cev_context_stats(ctx, &e0, &p0, &a0);
    cev_parser *p;
    ck_assert_int_eq(cev_parser_new(&p, ctx), CEV_OK); /* freezes */

    ck_assert_int_eq(cev_context_load_buffer(ctx, k_user_ents2, sizeof k_user_ents2 - 1,
                                             CEV_FORMAT_TSV, "late.tsv"),
                     CEV_ERR_MISUSE);
    ck_assert_ptr_nonnull(cev_context_errmsg(ctx));
    char path[1024];
    cev_test_data("alias/entities.tsv", path, sizeof path);
    ck_assert_int_eq(cev_context_load_file(ctx, path, CEV_FORMAT_TSV), CEV_ERR_MISUSE);
    /* refused before touching the file */
    ck_assert_int_eq(cev_context_load_file(ctx, "/nonexistent/x.tsv", CEV_FORMAT_TSV),
                     CEV_ERR_MISUSE);

    /* nothing changed */
    size_t e1, p1, a1;
    cev_context_stats(ctx, &e1, &p1, &a1);
    ck_assert_uint_eq(e1, e0);
    ck_assert_uint_eq(p1, p0);
    ck_assert_uint_eq(a1, a0);
    cev_entry e;
    ck_assert_int_eq(cev_context_lookup(ctx, "Quuxbridge Brigade", NULL, &e), CEV_OK);
    ck_assert_str_eq(e.id, "ZZTHREADA");
    ck_assert_int_eq(cev_context_lookup(ctx, "Frobnitz Battalion", NULL, &e), CEV_ERR_NOT_FOUND);
    ck_assert_int_eq(cev_context_get(ctx, "ZZTHREADB", &e), CEV_ERR_NOT_FOUND);

    /* frozen for good: freeing every parser does not thaw it */
    cev_parser_free(p);
    ck_assert_int_eq(cev_context_load_buffer(ctx, k_user_ents2, sizeof k_user_ents2 - 1,
                                             CEV_FORMAT_TSV, "later.tsv"),
                     CEV_ERR_MISUSE);
    ck_assert_int_eq(cev_context_get(ctx, "ZZTHREADB", &e), CEV_ERR_NOT_FOUND);
    cev_context_free(ctx);
}
END_TEST

/* threading.md: a load into a frozen context "does not race, and changes
 * nothing", also while other threads parse. */
typedef struct misuse_job {
    cev_context *ctx;
    int iters;
    size_t wrong;
} misuse_job;

static void *misuse_worker(void *arg)
{
    misuse_job *j = arg;
    for (int i = 0; i < j->iters; i++)
        if (cev_context_load_buffer(j->ctx, k_user_ents2, sizeof k_user_ents2 - 1,
                                    CEV_FORMAT_TSV, "late.tsv") != CEV_ERR_MISUSE)
            j->wrong++;
    return NULL;
}

START_TEST(frozen_context_loads_while_parsing)
{
    cev_context *ctx = new_ctx();
    corpus c;
    corpus_load(&c, ctx);
    enum { NP = 2, NM = N_THREADS - 2 };
    parse_job pj[NP];
    misuse_job mj[NM];
    pthread_t th[N_THREADS];
    for (int t = 0; t < NP; t++) {
        pj[t] = (parse_job){.c = &c, .ref = c.ref, .id = t, .iters = rounds(2)};
        ck_assert_int_eq(cev_parser_new(&pj[t].p, ctx), CEV_OK);
        ck_assert_int_eq(pthread_create(&th[t], NULL, parse_worker, &pj[t]), 0);
    }
    for (int t = 0; t < NM; t++) {
        mj[t] = (misuse_job){.ctx = ctx, .iters = 200};
        ck_assert_int_eq(pthread_create(&th[NP + t], NULL, misuse_worker, &mj[t]), 0);
    }
    for (int t = 0; t < N_THREADS; t++)
        ck_assert_int_eq(pthread_join(th[t], NULL), 0);
    check_parse_jobs(pj, NP, &c);
    for (int t = 0; t < NM; t++)
        ck_assert_uint_eq(mj[t].wrong, 0);
    cev_entry e;
    ck_assert_int_eq(cev_context_get(ctx, "ZZTHREADB", &e), CEV_ERR_NOT_FOUND);
    for (int t = 0; t < NP; t++)
        cev_parser_free(pj[t].p);
    corpus_free(&c);
    cev_context_free(ctx);
}
END_TEST

/* Each thread parses every article, frees its parser and hands the results
 * back; they are then read on the test's thread and by N threads at once. */
typedef struct keep_job {
    const corpus *c;
    cev_context *ctx;
    cev_result *res[MAX_ARTICLES];
    int ok;
} keep_job;

static void *keep_worker(void *arg)
{
    keep_job *j = arg;
    cev_parser *p;
    if (cev_parser_new(&p, j->ctx) != CEV_OK)
        return NULL;
    j->ok = 1;
    for (size_t i = 0; i < j->c->n; i++) {
        cev_article a = article_of(j->c, i);
        if (cev_parse(&j->res[i], p, &a) != CEV_OK)
            j->ok = 0;
    }
    /* wipe the parser's memory before giving it back, so that a result
     * pointing into it would show */
    cev_parser_free(p);
    void *junk[64];
    for (size_t k = 0; k < 64; k++) {
        junk[k] = malloc(64 + 32 * k);
        if (junk[k])
            memset(junk[k], 0x5A, 64 + 32 * k);
    }
    for (size_t k = 0; k < 64; k++)
        free(junk[k]);
    return NULL;
}

typedef struct read_job {
    const corpus *c;
    keep_job *kept; /* N_THREADS of them */
    size_t mismatches;
    char first[512];
} read_job;

static void *read_worker(void *arg)
{
    read_job *j = arg;
    for (int t = 0; t < N_THREADS; t++)
        for (size_t i = 0; i < j->c->n; i++) {
            char *s = result_json(CEV_OK, j->kept[t].res[i]);
            if (!s || strcmp(s, j->c->ref[i])) {
                if (j->mismatches++ == 0)
                    describe_diff(j->first, sizeof j->first, j->c->name[i], j->c->ref[i], s);
            }
            free(s);
        }
    return NULL;
}

START_TEST(results_outlive_parsers)
{
    cev_context *ctx = new_ctx();
    corpus c;
    corpus_load(&c, ctx);
    keep_job kj[N_THREADS];
    pthread_t th[N_THREADS];
    for (int t = 0; t < N_THREADS; t++) {
        kj[t] = (keep_job){.c = &c, .ctx = ctx};
        ck_assert_int_eq(pthread_create(&th[t], NULL, keep_worker, &kj[t]), 0);
    }
    for (int t = 0; t < N_THREADS; t++)
        ck_assert_int_eq(pthread_join(th[t], NULL), 0);
    for (int t = 0; t < N_THREADS; t++)
        ck_assert_msg(kj[t].ok, "thread %d: a parse failed", t);

    /* on this thread, every parser gone */
    for (int t = 0; t < N_THREADS; t++)
        for (size_t i = 0; i < c.n; i++) {
            char *s = result_json(CEV_OK, kj[t].res[i]);
            char diff[512] = "";
            if (!s || strcmp(s, c.ref[i]))
                describe_diff(diff, sizeof diff, c.name[i], c.ref[i], s);
            free(s);
            ck_assert_msg(diff[0] == '\0', "thread %d's result, read after its parser was freed: %s",
                          t, diff);
        }
    /* by several threads at once */
    read_job rj[N_THREADS];
    for (int t = 0; t < N_THREADS; t++) {
        rj[t] = (read_job){.c = &c, .kept = kj};
        ck_assert_int_eq(pthread_create(&th[t], NULL, read_worker, &rj[t]), 0);
    }
    for (int t = 0; t < N_THREADS; t++)
        ck_assert_int_eq(pthread_join(th[t], NULL), 0);
    for (int t = 0; t < N_THREADS; t++)
        ck_assert_msg(rj[t].mismatches == 0, "reader %d: %zu mismatches; first: %s", t,
                      rj[t].mismatches, rj[t].first);

    /* and they outlive the context too?  The header does not promise it:
     * free the results first. */
    for (int t = 0; t < N_THREADS; t++)
        for (size_t i = 0; i < c.n; i++)
            cev_result_free(kj[t].res[i]);
    corpus_free(&c);
    cev_context_free(ctx);
}
END_TEST

/* ---- (4) two stores, two threads ------------------------------------------------ */

typedef struct store_job {
    const corpus *c;
    cev_parser *p;
    char path[300];
    /* out */
    int step_failed; /* 0 = all went well */
    char why[512];
    char *events;    /* every stored event, as by result_json */
    char *days;      /* cev_store_count by day */
} store_job;

static int store_fail(store_job *j, cev_store *st, const char *step, int rc)
{
    snprintf(j->why, sizeof j->why, "%s: %s (%s)", step, cev_strerror(rc),
             st ? cev_store_errmsg(st) : "no handle");
    j->step_failed = 1;
    return rc;
}

static void store_run(store_job *j)
{
    cev_store *st = NULL;
    int rc = cev_store_open(&st, j->path, 0);
    if (rc) {
        store_fail(j, st, "open", rc);
        cev_store_close(st);
        return;
    }
    for (int pass = 0; pass < 2 && !j->step_failed; pass++)
        for (size_t i = 0; i < j->c->n && !j->step_failed; i++) {
            cev_article a = article_of(j->c, i);
            cev_result *r = NULL;
            rc = cev_parse(&r, j->p, &a);
            if (rc) {
                store_fail(j, NULL, "parse", rc);
                break;
            }
            int added = -1;
            rc = cev_store_add(st, &a, r, &added);
            cev_result_free(r);
            if (rc)
                store_fail(j, st, "add", rc);
            else if (added != (pass == 0)) {
                snprintf(j->why, sizeof j->why, "%s: pass %d: added=%d", j->c->name[i], pass,
                         added);
                j->step_failed = 1;
            }
        }
    /* this store's error is its own */
    if (!j->step_failed) {
        rc = cev_store_delete_article(st, "no-such-article");
        if (rc != CEV_ERR_NOT_FOUND && rc != CEV_OK)
            store_fail(j, st, "delete", rc);
        else if (cev_store_errcode(st) != rc) {
            snprintf(j->why, sizeof j->why, "errcode %d after delete gave %d",
                     cev_store_errcode(st), rc);
            j->step_failed = 1;
        }
    }
    if (!j->step_failed) {
        cev_query q = CEV_QUERY_INIT;
        cev_result *all = NULL;
        rc = cev_store_query(&all, st, &q);
        if (rc)
            store_fail(j, st, "query", rc);
        else
            j->events = result_json(rc, all);
        cev_result_free(all);
    }
    if (!j->step_failed) {
        cev_query q = CEV_QUERY_INIT;
        cev_buckets *b = NULL;
        rc = cev_store_count(&b, st, &q, CEV_GROUP_DAY);
        if (rc)
            store_fail(j, st, "count", rc);
        else {
            size_t cap = 64 + 64 * cev_buckets_count(b), len = 0;
            j->days = malloc(cap);
            for (size_t i = 0; j->days && i < cev_buckets_count(b); i++) {
                const cev_bucket *k = cev_buckets_get(b, i);
                len += (size_t)snprintf(j->days + len, cap - len, "%.20s %lld %lld\n",
                                        k->key ? k->key : "-", (long long)k->events,
                                        (long long)k->killed);
            }
            if (j->days && len == 0)
                j->days[0] = '\0';
        }
        cev_buckets_free(b);
    }
    cev_store_close(st);
}

static void *store_worker(void *arg)
{
    store_run(arg);
    return NULL;
}

START_TEST(two_stores_two_threads)
{
    char dir[] = "/tmp/cev_threads_XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    cev_context *ctx = new_ctx();
    corpus c;
    corpus_load(&c, ctx);

    /* the reference, on this thread */
    store_job ref = {.c = &c};
    snprintf(ref.path, sizeof ref.path, "%s/ref.db", dir);
    ck_assert_int_eq(cev_parser_new(&ref.p, ctx), CEV_OK);
    store_run(&ref);
    ck_assert_msg(!ref.step_failed, "reference store: %s", ref.why);
    ck_assert_ptr_nonnull(ref.events);
    ck_assert_msg(events_in(ref.events) > 0, "nothing stored: %s", ref.events);

    store_job sj[2];
    pthread_t th[2];
    for (int t = 0; t < 2; t++) {
        sj[t] = (store_job){.c = &c};
        snprintf(sj[t].path, sizeof sj[t].path, "%s/t%d.db", dir, t);
        ck_assert_int_eq(cev_parser_new(&sj[t].p, ctx), CEV_OK);
        ck_assert_int_eq(pthread_create(&th[t], NULL, store_worker, &sj[t]), 0);
    }
    for (int t = 0; t < 2; t++)
        ck_assert_int_eq(pthread_join(th[t], NULL), 0);
    for (int t = 0; t < 2; t++) {
        ck_assert_msg(!sj[t].step_failed, "store thread %d: %s", t, sj[t].why);
        char diff[512] = "";
        if (!sj[t].events || strcmp(sj[t].events, ref.events))
            describe_diff(diff, sizeof diff, "stored events", ref.events, sj[t].events);
        ck_assert_msg(diff[0] == '\0', "store thread %d: %s", t, diff);
        ck_assert_ptr_nonnull(sj[t].days);
        ck_assert_str_eq(sj[t].days, ref.days);
    }

    for (int t = 0; t < 2; t++) {
        cev_parser_free(sj[t].p);
        free(sj[t].events);
        free(sj[t].days);
    }
    cev_parser_free(ref.p);
    free(ref.events);
    free(ref.days);
    corpus_free(&c);
    cev_context_free(ctx);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "note: could not remove %s\n", dir);
}
END_TEST

static Suite *suite(void)
{
    /* one case per test, so that CK_RUN_CASE=<name> runs just one */
    const struct {
        const char *name;
        const TTest *test;
    } tests[] = {
        {"shared_context", shared_context_same_events},
        {"parsers_in_threads", parsers_made_in_threads},
        {"lookups", lookups_while_parsing},
        {"frozen", frozen_context_refuses_loads},
        {"frozen_concurrent", frozen_context_loads_while_parsing},
        {"results", results_outlive_parsers},
        {"stores", two_stores_two_threads},
    };
    Suite *s = suite_create("threads");
    for (size_t i = 0; i < sizeof tests / sizeof *tests; i++) {
        TCase *tc = tcase_create(tests[i].name);
        tcase_set_timeout(tc, 300); /* ThreadSanitizer, valgrind */
        tcase_add_test(tc, tests[i].test);
        suite_add_tcase(s, tc);
    }
    return s;
}

CEV_TEST_MAIN()
