/* bench_alias.c - how fast the alias table loads and matches.
 *
 *   bench_alias [CITIES_FILE [ARTICLE...]]
 *
 * CITIES_FILE defaults to $CEV_SHARED_DIR/data/geonames/cities15000.txt and
 * the articles to the seed corpus next to it ($CEV_SHARED_DIR/corpus/seeds).
 * Prints: the built-in load time, the GeoNames load time and peak memory,
 * matches per second at every token of the articles (built-in data, then
 * with the GeoNames places), and lookups per second. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "bench_util.h"
#include "context.h"
#include "normalize.h"
#include "segment.h"

/* An article ready to match: normalized text, tokens, sentences. */
typedef struct article {
    cev_text t;
    cev_seg g;
} article;

static int article_load(article *a, const char *path)
{
    size_t len;
    char *raw = bench_read_file(path, &len);
    if (!raw)
        return -1;
    cev_err e;
    cev_err_clear(&e);
    int rc = cev_normalize(&a->t, raw, len, 1, &e);
    free(raw);
    if (rc)
        return -1;
    if (cev_segment_text(&a->g, a->t.s, a->t.len, &e)) {
        cev_text_free(&a->t);
        return -1;
    }
    return 0;
}

/* Fold and match every token of every article `rounds` times. */
static void bench_match(const cev_context *ctx, article *arts, size_t n, int rounds,
                        const char *label)
{
    size_t calls = 0, hits = 0, toks = 0;
    double fold = 0, match = 0;
    for (int r = 0; r < rounds; r++)
        for (size_t i = 0; i < n; i++) {
            cev_err e;
            cev_keys *k;
            double t0 = bench_now();
            if (cev_keys_new(&k, ctx, arts[i].t.s, arts[i].g.toks, arts[i].g.n_toks, &e)) {
                fprintf(stderr, "bench_alias: %s\n", e.msg);
                return;
            }
            double t1 = bench_now();
            for (size_t s = 0; s < arts[i].g.n_sents; s++) {
                size_t end = arts[i].g.sents[s].tok_first + arts[i].g.sents[s].tok_count;
                for (size_t j = arts[i].g.sents[s].tok_first; j < end; j++) {
                    cev_match m;
                    calls++;
                    hits += (size_t)cev_ctx_match(ctx, k, arts[i].t.s, arts[i].g.toks, j, end, &m);
                }
            }
            double t2 = bench_now();
            cev_keys_free(k);
            fold += t1 - t0;
            match += t2 - t1;
            toks += arts[i].g.n_toks;
        }
    printf("%-22s %8.2f M matches/s (%zu calls, %.1f%% hit), folding %.2f M tokens/s\n", label,
           (double)calls / match / 1e6, calls, 100.0 * (double)hits / (double)calls,
           (double)toks / fold / 1e6);
}

static void bench_lookup(const cev_context *ctx, const char *label)
{
    static const char *const names[] = {"Raqqa", "Ar-Raqqah", "Dayr az Zawr", "Deir Ezzor",
                                        "ISIS", "Daesh", "Aleppo", "Москва", "الرقة",
                                        "Tripoli", "Kremlin", "Free Syrian Army", "Nowhere",
                                        "Hayat Tahrir al-Sham", "Mosul", "Kyiv"};
    size_t n = sizeof names / sizeof names[0], calls = 0;
    double t0 = bench_now();
    for (int r = 0; r < 2000; r++)
        for (size_t i = 0; i < n; i++) {
            cev_entry e;
            cev_context_lookup(ctx, names[i], NULL, &e);
            calls++;
        }
    printf("%-22s %8.2f k lookups/s\n", label, (double)calls / (bench_now() - t0) / 1e3);
}

int main(int argc, char **argv)
{
    const char *shared = getenv("CEV_SHARED_DIR");
    char cities[1024], seeds[1024];
    snprintf(cities, sizeof cities, "%s/data/geonames/cities15000.txt", shared ? shared : "../shared");
    snprintf(seeds, sizeof seeds, "%s/corpus/seeds", shared ? shared : "../shared");
    const char *cities_path = argc > 1 ? argv[1] : cities;

    /* built-in data */
    double best = 1e9, best_cpu = 1e9;
    for (int i = 0; i < 5; i++) {
        cev_context *c;
        double t0 = bench_now(), c0 = bench_cpu();
        if (cev_context_new(&c, 0)) {
            fprintf(stderr, "bench_alias: %s\n", c ? cev_context_errmsg(c) : "out of memory");
            cev_context_free(c);
            return 1;
        }
        double t = bench_now() - t0, tc = bench_cpu() - c0;
        best = t < best ? t : best;
        best_cpu = tc < best_cpu ? tc : best_cpu;
        cev_context_free(c);
    }
    cev_context *ctx;
    cev_context_new(&ctx, 0);
    size_t ne, np, na;
    cev_context_stats(ctx, &ne, &np, &na);
    printf("built-in data          %8.1f ms (best of 5; CPU %.1f ms): %zu entities, %zu places, "
           "%zu aliases\n",
           best * 1e3, best_cpu * 1e3, ne, np, na);

    /* articles */
    article arts[64];
    size_t n_arts = 0;
    if (argc > 2) {
        for (int i = 2; i < argc && n_arts < 64; i++)
            if (!article_load(&arts[n_arts], argv[i]))
                n_arts++;
    } else {
        DIR *d = opendir(seeds);
        struct dirent *de;
        while (d && (de = readdir(d)) && n_arts < 64) {
            size_t l = strlen(de->d_name);
            if (l < 4 || strcmp(de->d_name + l - 4, ".txt"))
                continue;
            char p[2048];
            snprintf(p, sizeof p, "%s/%s", seeds, de->d_name);
            if (!article_load(&arts[n_arts], p))
                n_arts++;
        }
        if (d)
            closedir(d);
    }
    size_t toks = 0;
    for (size_t i = 0; i < n_arts; i++)
        toks += arts[i].g.n_toks;
    printf("articles               %zu, %zu tokens\n", n_arts, toks);
    if (n_arts) {
        bench_match(ctx, arts, n_arts, 50, "match (built-in)");
    }
    bench_lookup(ctx, "lookup (built-in)");

    /* GeoNames cities with all alternate names */
    long rss0 = (bench_peak_rss_kb() / 1024);
    double t0 = bench_now(), c0 = bench_cpu();
    int rc = cev_context_load_file(ctx, cities_path, CEV_FORMAT_GEONAMES);
    double t = bench_now() - t0, tc = bench_cpu() - c0;
    if (rc) {
        printf("geonames               not loaded: %s\n", cev_context_errmsg(ctx));
    } else {
        size_t ne2, np2, na2;
        cev_context_stats(ctx, &ne2, &np2, &na2);
        printf("geonames               %8.1f ms (CPU %.1f ms): +%zu places, +%zu aliases; "
               "peak RSS %ld MB (%ld MB before)\n",
               t * 1e3, tc * 1e3, np2 - np, na2 - na, (bench_peak_rss_kb() / 1024), rss0);
        if (n_arts)
            bench_match(ctx, arts, n_arts, 50, "match (+geonames)");
        bench_lookup(ctx, "lookup (+geonames)");
    }
    for (size_t i = 0; i < n_arts; i++) {
        cev_seg_free(&arts[i].g);
        cev_text_free(&arts[i].t);
    }
    cev_context_free(ctx);
    return 0;
}
