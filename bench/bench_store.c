/* bench_store.c - how fast the store ingests and answers, and how big it
 * gets, on synthetic events (no extractor involved).
 *
 *   bench_store [DIR] [N_INGEST] [N_QUERY] [BATCH]
 *
 * Ingest rates count the store's own time: the synthetic articles are made
 * between its calls and that time is left out.
 *
 * 1. ingest N_INGEST events (default 100,000), 10 per article, one
 *    transaction per article, in publication order over six years, into a
 *    new database: events/s and database bytes per event;
 *    The same again with 100 articles per transaction (a bulk load);
 * 2. load N_QUERY events (default 1,000,000) and time one-month queries
 *    (full results, a count by day, the first 100);
 * 3. add single articles to that database, each through a newly opened
 *    handle (as `conflictev ingest` of one file does): the candidate cache
 *    starts cold every time.
 * The machine's other load shows in the numbers: run it more than once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bench_util.h"
#include "conflictev.h"
#include "result.h"

#define PER_ARTICLE 10
#define N_PLACES 2000
#define N_CLUSTERS 50
#define N_ACTORS 30
/* Six years (2016-2021).  1,000,000 events over them is ~460 a day over the
 * Middle East and Africa, clustered in 50 hot spots: the scale of ACLED's
 * global data set, denser than any one country in it. */
#define DAYS 2190

static uint64_t rng = 88172645463325252ULL;

static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static unsigned pick(unsigned n) { return (unsigned)(next() % n); }

typedef struct place {
    char id[24], name[24], admin1[24];
    double lat, lon;
} place;

static place places[N_PLACES];
static char actors[N_ACTORS][8];

static void setup(void)
{
    double clat[N_CLUSTERS], clon[N_CLUSTERS];
    for (int i = 0; i < N_CLUSTERS; i++) {
        clat[i] = (double)pick(40000) / 1000.0;
        clon[i] = (double)pick(60000) / 1000.0;
    }
    for (int i = 0; i < N_PLACES; i++) {
        int c = i % N_CLUSTERS;
        snprintf(places[i].id, sizeof places[i].id, "XX:place%d", i);
        snprintf(places[i].name, sizeof places[i].name, "Place %d", i);
        snprintf(places[i].admin1, sizeof places[i].admin1, "Province %d", c);
        places[i].lat = clat[c] + (double)pick(10000) / 10000.0 - 0.5;
        places[i].lon = clon[c] + (double)pick(10000) / 10000.0 - 0.5;
    }
    for (int i = 0; i < N_ACTORS; i++)
        snprintf(actors[i], sizeof actors[i], "ACT%02d", i);
}

static int32_t day_ymd(int d)
{
    /* Days after 2016-01-01, by hand to stay off internal helpers. */
    static const int dm[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = 2016, m = 0;
    for (;;) {
        int len = dm[m] - (m == 1 && y % 4 != 0); /* right for 1901-2099 */
        if (d < len)
            break;
        d -= len;
        if (++m == 12) {
            m = 0;
            y++;
        }
    }
    return y * 10000 + (m + 1) * 100 + d + 1;
}

/* A vocabulary of made-up words: articles share few word 4-grams, as real
 * ones do (boilerplate aside). */
#define N_WORDS 2000
static char words[N_WORDS][12];

static void make_words(void)
{
    static const char *syl[] = {"ka", "ra", "mo", "li", "sa", "te", "qu", "bo", "ni", "da",
                                "fe", "gu", "ha", "jo", "we", "zi"};
    for (int i = 0; i < N_WORDS; i++) {
        int n = 1 + (int)pick(4);
        words[i][0] = '\0';
        for (int k = 0; k < n; k++)
            strcat(words[i], syl[pick(16)]);
    }
}

/* Articles arrive in publication order, as news does. */
static long total_articles = 1;

/* One article's text and events. */
static cev_result *make_article(long no, char *text, size_t text_size)
{
    size_t k = 0;
    for (int w = 0; w < 150 && k + 16 < text_size; w++) {
        const char *wd = words[pick(N_WORDS)];
        size_t n = strlen(wd);
        memcpy(text + k, wd, n);
        k += n;
        if (w % 15 == 14)
            text[k++] = '.';
        text[k++] = ' ';
    }
    text[k] = '\0';
    cev_result *r = cev_result_create();
    int day = (int)(no * DAYS / total_articles);
    for (int i = 0; i < PER_ARTICLE; i++) {
        cev_event *ev = cev_result_push(r);
        const place *p = &places[pick(N_PLACES)];
        ev->type = 1 + (int)pick(8);
        ev->actor.id = actors[pick(N_ACTORS)];
        ev->actor.name = ev->actor.text = ev->actor.id;
        ev->actor.kind = CEV_KIND_ARMED_GROUP;
        ev->target.name = ev->target.text = "civilians";
        ev->target.kind = CEV_KIND_CIVILIANS;
        ev->location.id = p->id;
        ev->location.name = ev->location.text = p->name;
        ev->location.admin1 = p->admin1;
        ev->location.country = "SY";
        ev->location.has_coords = 1;
        ev->location.lat = p->lat;
        ev->location.lon = p->lon;
        ev->location.precision = CEV_GEO_CITY;
        ev->location.kind = CEV_KIND_TOWN;
        int d = day - (int)pick(3);
        ev->date.start = ev->date.end = day_ymd(d < 0 ? 0 : d);
        ev->date.precision = CEV_DATE_DAY;
        ev->date.text = "on Saturday";
        if (pick(3)) {
            ev->killed.min = ev->killed.max = pick(40);
            ev->killed.text = "at least 12";
        }
        ev->source.name = ev->source.text = "the Observatory";
        ev->span.start = (uint64_t)i * 150;
        ev->span.end = ev->span.start + 140;
        ev->sentence = "At least 12 people were killed and dozens wounded when an air strike hit "
                       "the market of the town on Saturday, according to the Observatory.";
        ev->trigger = "air strike";
        ev->confidence = 0.8;
    }
    return r;
}

/* Time spent making the synthetic articles, left out of the ingest rates
 * (wall and CPU seconds). */
static double gen_wall, gen_cpu;

/* Store n_events; with batch > 0, `batch` articles per transaction. */
static long ingest(cev_store *st, long n_events, long *article_no, int batch)
{
    char text[2048], id[32], published[16];
    long stored = 0;
    int in_batch = 0;
    while (stored < n_events) {
        if (batch && !in_batch) {
            if (cev_store_begin_batch(st))
                break;
            in_batch = 1;
        }
        double t0 = bench_now(), c0 = bench_cpu();
        cev_result *r = make_article(*article_no, text, sizeof text);
        snprintf(id, sizeof id, "a%ld", (*article_no)++);
        int32_t pub = cev_result_event(r, 0)->date.start;
        snprintf(published, sizeof published, "%04d-%02d-%02d", pub / 10000, pub / 100 % 100,
                 pub % 100);
        cev_article a = CEV_ARTICLE_INIT;
        a.id = id;
        a.text = text;
        a.len = strlen(text);
        a.published = published;
        a.outlet = "Bench News";
        gen_wall += bench_now() - t0;
        gen_cpu += bench_cpu() - c0;
        int rc = cev_store_add(st, &a, r, NULL);
        cev_result_free(r);
        if (rc)
            break;
        stored += PER_ARTICLE;
        if (in_batch && (*article_no % batch == 0 || stored >= n_events)) {
            in_batch = 0;
            if (cev_store_end_batch(st, 1))
                break;
        }
    }
    if (stored < n_events) {
        fprintf(stderr, "bench_store: %s\n", cev_store_errmsg(st));
        return -1;
    }
    return stored;
}

static long long file_size(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? (long long)sb.st_size : 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int query_months(cev_store *st)
{
    enum { N = 12 };
    double full[N], counts[N], first[N];
    size_t total = 0;
    for (int m = 0; m < N; m++) {
        cev_query q = CEV_QUERY_INIT;
        int y = 2016 + m % 6, mon = 1 + (m * 5) % 12;
        q.date_from = y * 10000 + mon * 100 + 1;
        q.date_to = y * 10000 + mon * 100 + 28;
        cev_result *r;
        double t = bench_now();
        if (cev_store_query(&r, st, &q))
            return -1;
        full[m] = bench_now() - t;
        total += cev_result_count(r);
        cev_result_free(r);
        cev_buckets *b;
        t = bench_now();
        if (cev_store_count(&b, st, &q, CEV_GROUP_DAY))
            return -1;
        counts[m] = bench_now() - t;
        cev_buckets_free(b);
        q.limit = 100;
        q.country = "SY";
        t = bench_now();
        if (cev_store_query(&r, st, &q))
            return -1;
        first[m] = bench_now() - t;
        cev_result_free(r);
    }
    qsort(full, N, sizeof *full, cmp_double);
    qsort(counts, N, sizeof *counts, cmp_double);
    qsort(first, N, sizeof *first, cmp_double);
    printf("one-month query (all events, ~%zu each): median %.1f ms, max %.1f ms\n", total / N,
           full[N / 2] * 1e3, full[N - 1] * 1e3);
    printf("one-month count by day:                 median %.1f ms, max %.1f ms\n",
           counts[N / 2] * 1e3, counts[N - 1] * 1e3);
    printf("one-month first 100 events:             median %.1f ms, max %.1f ms\n",
           first[N / 2] * 1e3, first[N - 1] * 1e3);
    return 0;
}

/* Articles dated across the database's years, each added through a new
 * handle: open, add, close. */
static int cold_adds(const char *path)
{
    enum { N = 12 };
    double t[N];
    char text[2048];
    for (int k = 0; k < N; k++) {
        long no = (total_articles - 1) * (2 * k + 1) / (2 * N);
        double t0 = bench_now();
        cev_store *st;
        if (cev_store_open(&st, path, 0)) {
            fprintf(stderr, "bench_store: %s\n", cev_store_errmsg(st));
            cev_store_close(st);
            return -1;
        }
        cev_result *r = make_article(no, text, sizeof text);
        char id[32];
        snprintf(id, sizeof id, "cold%d", k);
        cev_article a = CEV_ARTICLE_INIT;
        a.id = id;
        a.text = text;
        a.len = strlen(text);
        int rc = cev_store_add(st, &a, r, NULL);
        cev_result_free(r);
        if (rc)
            fprintf(stderr, "bench_store: %s\n", cev_store_errmsg(st));
        cev_store_close(st);
        if (rc)
            return -1;
        t[k] = bench_now() - t0;
    }
    qsort(t, N, sizeof *t, cmp_double);
    printf("one article through a new handle:       median %.1f ms, max %.1f ms\n",
           t[N / 2] * 1e3, t[N - 1] * 1e3);
    return 0;
}

/* The database and the WAL files a read-only connection leaves behind. */
static void remove_db(const char *path)
{
    char side[600];
    unlink(path);
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
}

static int ingest_run(const char *path, long n, int batch)
{
    cev_store *st;
    if (cev_store_open(&st, path, 0)) {
        fprintf(stderr, "bench_store: %s: %s\n", path, cev_store_errmsg(st));
        cev_store_close(st);
        return -1;
    }
    long article_no = 0;
    gen_wall = gen_cpu = 0;
    double t = bench_now(), c = bench_cpu();
    long got = ingest(st, n, &article_no, batch);
    double dt = bench_now() - t - gen_wall, dc = bench_cpu() - c - gen_cpu;
    cev_store_close(st); /* checkpoint: the WAL is folded into the file */
    if (got < 0)
        return -1;
    if (batch)
        printf("ingest, %d articles per transaction: ", batch);
    else
        printf("ingest, one transaction per article:  ");
    printf("%ld events (%ld articles) in %.2f s = %.0f events/s (%.0f per CPU second)\n", got,
           got / PER_ARTICLE, dt, (double)got / dt, (double)got / dc);
    printf("  database: %lld bytes = %.0f bytes/event\n", file_size(path),
           (double)file_size(path) / (double)got);
    return 0;
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "/tmp";
    long n_ingest = argc > 2 ? atol(argv[2]) : 100000;
    long n_query = argc > 3 ? atol(argv[3]) : 1000000;
    /* BATCH: only this many articles per transaction (0: one per article);
     * without it, both. */
    int only = argc > 4 ? atoi(argv[4]) : -1;
    char path[512];
    setup();
    make_words();
    total_articles = (n_query > n_ingest ? n_query : n_ingest) / PER_ARTICLE + 1;
    /* 1. The same events, committed per article and in batches. */
    int sizes[2] = {0, 100}, n_sizes = 2;
    if (only >= 0) {
        sizes[0] = only;
        n_sizes = 1;
    }
    for (int k = 0; k < n_sizes; k++) {
        int batch = sizes[k];
        snprintf(path, sizeof path, "%s/bench_store_%ld_%d.db", dir, (long)getpid(), batch);
        rng = 88172645463325252ULL;
        int rc = ingest_run(path, n_ingest, batch);
        remove_db(path);
        if (rc)
            return 1;
    }
    if (n_query <= 0)
        return 0;
    /* 2. A database of n_query events, loaded in batches, then queried. */
    snprintf(path, sizeof path, "%s/bench_store_%ld_q.db", dir, (long)getpid());
    rng = 88172645463325252ULL;
    if (ingest_run(path, n_query, 1000))
        return 1;
    cev_store *st;
    if (cev_store_open(&st, path, CEV_STORE_READONLY))
        return 1;
    int rc = query_months(st);
    if (rc)
        fprintf(stderr, "bench_store: %s\n", cev_store_errmsg(st));
    cev_store_close(st);
    if (rc == 0)
        rc = cold_adds(path);
    remove_db(path);
    return rc ? 1 : 0;
}
