/* bench_extract.c - how fast articles go through the whole pipeline.
 *
 *   bench_extract [-t SECONDS] [-s MB] [-x STAGES] [FILE|DIR ...]
 *
 * Input sets: the seed articles ($CEV_SHARED_DIR/corpus/seeds, else
 * ../shared/corpus/seeds or ../../shared/corpus/seeds; publication dates from
 * their MANIFEST.tsv), skipped with a message when absent, or the FILEs and
 * the *.txt of the DIRs given instead (published 2017-06-11); and one
 * synthetic article of MB megabytes (default 5, 0 = none) made of repeated
 * wire paragraphs, published 2017-06-11.
 *
 * One context and one parser serve every article; their creation is timed
 * on its own.  For each set, each stage is repeated for at least SECONDS
 * (default 1) and its best round is reported:
 *   document   normalize + segment + layout (cev_document_new)
 *   scanners   cev_casualties_scan + cev_dates_scan over every sentence of
 *              the document (the extractor calls them per clause)
 *   parse      the whole of cev_parse, document included
 * (-x takes the letters of the stages to run, e.g. "-x p" for profiling.)
 * as MB/s, articles/s and events/s (figures and dates for the scanners),
 * with the CPU time of all rounds next to it (the wall clock of a shared
 * machine is noisy).  Peak RSS comes from getrusage. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "casualties.h"
#include "bench_util.h"
#include "conflictev.h"
#include "dates.h"
#include "internal.h"

typedef struct art {
    char *text;
    size_t len;
    char name[256];
    char published[11]; /* YYYY-MM-DD or "" */
} art;

typedef struct set {
    const char *label;
    art *a;
    size_t n, cap;
    size_t bytes;
} set;

static int set_add(set *s, char *text, size_t len, const char *name, const char *published)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        art *a = realloc(s->a, cap * sizeof *a);
        if (!a)
            return -1;
        s->a = a;
        s->cap = cap;
    }
    art *x = &s->a[s->n++];
    x->text = text;
    x->len = len;
    snprintf(x->name, sizeof x->name, "%s", name);
    snprintf(x->published, sizeof x->published, "%s", published ? published : "");
    s->bytes += len;
    return 0;
}

static void set_free(set *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->a[i].text);
    free(s->a);
    memset(s, 0, sizeof *s);
}

/* The publication date of `file` in a seeds MANIFEST.tsv (file, published, ...). */
static int manifest_date(const char *dir, const char *file, char out[11])
{
    char path[2048];
    snprintf(path, sizeof path, "%s/MANIFEST.tsv", dir);
    size_t len;
    char *m = bench_read_file(path, &len);
    if (!m)
        return 0;
    int found = 0;
    size_t fl = strlen(file);
    for (char *line = m; line && *line && !found;) {
        char *nl = strchr(line, '\n');
        if (strncmp(line, file, fl) == 0 && line[fl] == '\t' && strlen(line + fl + 1) >= 10 &&
            line[fl + 5] == '-') {
            memcpy(out, line + fl + 1, 10);
            out[10] = '\0';
            found = 1;
        }
        line = nl ? nl + 1 : NULL;
    }
    free(m);
    return found;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Add the *.txt of a directory, in name order. */
static size_t add_dir(set *s, const char *dir, int use_manifest)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    char *names[4096];
    size_t nn = 0;
    struct dirent *de;
    while ((de = readdir(d)) && nn < 4096) {
        size_t l = strlen(de->d_name);
        if (l > 4 && strcmp(de->d_name + l - 4, ".txt") == 0)
            names[nn++] = strdup(de->d_name);
    }
    closedir(d);
    qsort(names, nn, sizeof *names, cmp_str);
    size_t added = 0;
    for (size_t i = 0; i < nn; i++) {
        char path[2048], pub[11] = "2017-06-11";
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (use_manifest && !manifest_date(dir, names[i], pub))
            pub[0] = '\0';
        size_t len;
        char *t = bench_read_file(path, &len);
        if (t && !set_add(s, t, len, names[i], pub))
            added++;
        else
            free(t);
        free(names[i]);
    }
    return added;
}

/* Wire-style paragraphs: events with figures and dates, and plain prose. */
static const char *const k_paras[] = {
    "Turkish rockets pounded Kurdish fighters near al-Bab on Friday, killing at least 12 "
    "people, a monitor said.",
    "A suicide bomber blew himself up at a checkpoint in Kabul on Sunday, killing six "
    "policemen and wounding 14 civilians, officials said.",
    "Gunmen abducted more than 20 students from a school in Borno state late on Thursday, "
    "police said on Saturday.",
    "The death toll from the air strikes on Mayadin rose to 34, including 11 children, the "
    "Syrian Observatory for Human Rights said on June 10, 2017.",
    "The ministry said talks would resume next month in Geneva and that both delegations "
    "had agreed on an agenda for the meeting.",
    "Dozens of protesters gathered outside parliament on Monday to demand the release of "
    "detained activists; no one was hurt.",
    "Since 2011, the war has killed more than 320,000 people and displaced millions, "
    "according to the United Nations.",
};

static char *synthetic(size_t target, size_t *len)
{
    char *b = malloc(target + 512);
    if (!b)
        return NULL;
    size_t n = 0, k = 0;
    while (n < target) {
        const char *p = k_paras[k++ % (sizeof k_paras / sizeof k_paras[0])];
        size_t l = strlen(p);
        memcpy(b + n, p, l);
        n += l;
        b[n++] = '\n';
        b[n++] = '\n';
    }
    b[n] = '\0';
    *len = n;
    return b;
}

typedef struct stage {
    double best;    /* wall time of the best round */
    double cpu;     /* CPU time of all rounds */
    int rounds;
    size_t items;   /* events (or figures + dates) of one round */
    int failed;
} stage;

static void print_row(const char *name, const set *s, const stage *st, const char *unit)
{
    if (st->failed) {
        printf("  %-10s  failed\n", name);
        return;
    }
    double mb = (double)s->bytes / 1e6;
    printf("  %-10s %9.2f %9.2f %11.1f %12.0f %-8s %8.1f %7d\n", name, mb / st->best,
           mb * st->rounds / st->cpu, (double)s->n / st->best, (double)st->items / st->best, unit,
           st->best * 1e3, st->rounds);
}

static void stage_done(stage *st, double t, int *more, double min_secs, double *spent)
{
    if (st->rounds == 0 || t < st->best)
        st->best = t;
    st->rounds++;
    *spent += t;
    *more = *spent < min_secs;
}

static stage run_document(cev_parser *p, const set *s, double min_secs)
{
    stage st = {0};
    double spent = 0, c0 = bench_cpu();
    for (int more = 1; more;) {
        double t0 = bench_now();
        for (size_t i = 0; i < s->n; i++) {
            cev_document *doc;
            if (cev_document_new(&doc, p, s->a[i].text, s->a[i].len) != CEV_OK)
                st.failed = 1;
            cev_document_free(doc);
        }
        stage_done(&st, bench_now() - t0, &more, min_secs, &spent);
    }
    st.cpu = bench_cpu() - c0;
    return st;
}

static stage run_scanners(cev_parser *p, const set *s, double min_secs)
{
    stage st = {0};
    cev_document **docs = calloc(s->n ? s->n : 1, sizeof *docs);
    int32_t *anchor = calloc(s->n ? s->n : 1, sizeof *anchor);
    if (!docs || !anchor) {
        st.failed = 1;
        free(docs);
        free(anchor);
        return st;
    }
    for (size_t i = 0; i < s->n; i++) {
        if (cev_document_new(&docs[i], p, s->a[i].text, s->a[i].len) != CEV_OK)
            st.failed = 1;
        if (s->a[i].published[0])
            cev_parse_iso_date(s->a[i].published, &anchor[i]);
    }
    double spent = 0, c0 = bench_cpu();
    for (int more = !st.failed; more;) {
        size_t items = 0;
        double t0 = bench_now();
        for (size_t i = 0; i < s->n; i++) {
            size_t len;
            const char *text = cev_document_text(docs[i], &len);
            size_t ns = cev_document_sentence_count(docs[i]);
            for (size_t k = 0; k < ns; k++) {
                cev_segment sg;
                if (cev_document_sentence(docs[i], k, &sg) != CEV_OK)
                    continue;
                cev_casualty cas[8];
                cev_date_mention dm[8];
                items += cev_casualties_scan(text, sg.norm_start, sg.norm_end, cas, 8);
                items += cev_dates_scan(text, sg.norm_start, sg.norm_end, anchor[i], dm, 8);
            }
        }
        st.items = items;
        stage_done(&st, bench_now() - t0, &more, min_secs, &spent);
    }
    st.cpu = bench_cpu() - c0;
    for (size_t i = 0; i < s->n; i++)
        cev_document_free(docs[i]);
    free(docs);
    free(anchor);
    return st;
}

static stage run_parse(cev_parser *p, const set *s, double min_secs)
{
    stage st = {0};
    double spent = 0, c0 = bench_cpu();
    for (int more = 1; more;) {
        size_t events = 0;
        double t0 = bench_now();
        for (size_t i = 0; i < s->n; i++) {
            cev_article a = CEV_ARTICLE_INIT;
            a.text = s->a[i].text;
            a.len = s->a[i].len;
            a.id = s->a[i].name;
            a.published = s->a[i].published[0] ? s->a[i].published : NULL;
            cev_result *r = NULL;
            if (cev_parse(&r, p, &a) != CEV_OK) {
                fprintf(stderr, "bench_extract: %s: %s\n", s->a[i].name, cev_parser_errmsg(p));
                st.failed = 1;
            } else {
                events += cev_result_count(r);
            }
            cev_result_free(r);
        }
        st.items = events;
        stage_done(&st, bench_now() - t0, &more, min_secs, &spent);
    }
    st.cpu = bench_cpu() - c0;
    return st;
}

static const char *g_stages = "dsp";

static void bench_set(cev_parser *p, const set *s, double min_secs)
{
    printf("\n%s: %zu article%s, %.2f MB\n", s->label, s->n, s->n == 1 ? "" : "s",
           (double)s->bytes / 1e6);
    printf("  %-10s %9s %9s %11s %12s %-8s %8s %7s\n", "stage", "MB/s", "MB/s cpu", "articles/s",
           "items/s", "(items)", "best ms", "rounds");
    stage d = {.failed = 1}, pa = {.failed = 1};
    if (strchr(g_stages, 'd')) {
        d = run_document(p, s, min_secs);
        print_row("document", s, &d, "");
    }
    if (strchr(g_stages, 's')) {
        stage sc = run_scanners(p, s, min_secs);
        print_row("scanners", s, &sc, "fig+date");
    }
    if (strchr(g_stages, 'p')) {
        pa = run_parse(p, s, min_secs);
        print_row("parse", s, &pa, "events");
    }
    if (!d.failed && !pa.failed && pa.best > 0)
        printf("  document share of parse %.0f%%, %zu events per round; peak RSS %.1f MB\n",
               100.0 * d.best / pa.best, pa.items, (double)bench_peak_rss_kb() / 1024.0);
}

static void usage(void)
{
    fprintf(stderr, "usage: bench_extract [-t SECONDS] [-s MB] [-x STAGES] [FILE|DIR ...]\n");
}

int main(int argc, char **argv)
{
    double min_secs = 1.0, synth_mb = 5.0;
    int first = 1;
    for (; first < argc && argv[first][0] == '-' && argv[first][1]; first++) {
        if (strcmp(argv[first], "-t") == 0 && first + 1 < argc) {
            min_secs = atof(argv[++first]);
        } else if (strcmp(argv[first], "-s") == 0 && first + 1 < argc) {
            synth_mb = atof(argv[++first]);
        } else if (strcmp(argv[first], "-x") == 0 && first + 1 < argc) {
            g_stages = argv[++first];
        } else {
            usage();
            return 2;
        }
    }

    /* context and parser, timed on their own */
    double t0 = bench_now(), c0 = bench_cpu();
    cev_context *ctx = NULL;
    if (cev_context_new(&ctx, 0) != CEV_OK) {
        fprintf(stderr, "bench_extract: %s\n", ctx ? cev_context_errmsg(ctx) : "out of memory");
        cev_context_free(ctx);
        return 1;
    }
    double t_ctx = bench_now() - t0, c_ctx = bench_cpu() - c0;
    long rss_ctx = bench_peak_rss_kb();
    t0 = bench_now();
    cev_parser *p = NULL;
    if (cev_parser_new(&p, ctx) != CEV_OK) {
        fprintf(stderr, "bench_extract: cannot make a parser\n");
        cev_context_free(ctx);
        return 1;
    }
    double t_parser = bench_now() - t0;
    size_t ne, np, na;
    cev_context_stats(ctx, &ne, &np, &na);
    printf("libconflictev %s\n", cev_version_string());
    printf("context   %8.1f ms (CPU %.1f ms): %zu entities, %zu places, %zu aliases; "
           "peak RSS %.1f MB\n",
           t_ctx * 1e3, c_ctx * 1e3, ne, np, na, (double)rss_ctx / 1024.0);
    printf("parser    %8.3f ms\n", t_parser * 1e3);

    set seeds = {.label = "seed articles"};
    if (first < argc) {
        seeds.label = "articles";
        for (int i = first; i < argc; i++) {
            struct stat sb;
            if (stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
                if (!add_dir(&seeds, argv[i], 1))
                    fprintf(stderr, "bench_extract: no .txt files in %s\n", argv[i]);
            } else {
                size_t len;
                char *t = bench_read_file(argv[i], &len);
                if (!t || set_add(&seeds, t, len, argv[i], "2017-06-11")) {
                    fprintf(stderr, "bench_extract: cannot read %s\n", argv[i]);
                    free(t);
                }
            }
        }
    } else {
        const char *shared = getenv("CEV_SHARED_DIR");
        char dir[1024];
        const char *cands[] = {shared, "../shared", "../../shared"};
        size_t got = 0;
        for (size_t k = 0; k < 3 && !got; k++) {
            if (!cands[k])
                continue;
            snprintf(dir, sizeof dir, "%s/corpus/seeds", cands[k]);
            got = add_dir(&seeds, dir, 1);
        }
        if (!got)
            printf("\nseed articles: not found (set CEV_SHARED_DIR), skipped\n");
    }
    if (seeds.n)
        bench_set(p, &seeds, min_secs);

    if (synth_mb > 0) {
        set syn = {.label = "synthetic article"};
        size_t len;
        char *t = synthetic((size_t)(synth_mb * 1e6), &len);
        if (t && !set_add(&syn, t, len, "synthetic", "2017-06-11"))
            bench_set(p, &syn, min_secs);
        else
            free(t);
        set_free(&syn);
    }
    set_free(&seeds);
    cev_parser_free(p);
    cev_context_free(ctx);
    printf("\npeak RSS %.1f MB\n", (double)bench_peak_rss_kb() / 1024.0);
    return 0;
}
