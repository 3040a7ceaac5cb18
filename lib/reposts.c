/* reposts.c - reposts of one story.  An article whose word 4-grams are
 * mostly in a stored article (sampled shingles, so layout, menus and reader
 * comments do not matter) belongs to that article's story: incidents.c
 * pairs its events with that article's by sentence, and the two count as
 * one source.
 *
 * The sketch keeps the 4-gram hashes divisible by CEV_SKETCH_MOD; those
 * also divisible by CEV_SKETCH_KEY_MOD are indexed (article_shingles) to
 * find candidate articles, whose full sketches are then compared. */
#include <stdlib.h>
#include <string.h>

#include "store.h"

/* Fewer shared samples than this cannot tell a repost. */
#define SKETCH_MIN_SAMPLES 4
/* Shingle containment above which two articles are one story. */
#define NEAR_DUP_CONTAINMENT 0.5
/* A shingle found in more articles than this is boilerplate, not evidence. */
#define COMMON_SHINGLE 200
#define MAX_STORY_CANDIDATES 16

/* ---- words and shingles ---------------------------------------------------- */

/* Bytes of the separator at p, 0 when a word character starts there.  Besides
 * ASCII punctuation: Latin-1 punctuation and spaces (U+0080..U+00BF) and
 * general punctuation (U+2000..U+207F: curly quotes, dashes), which differ
 * between copies of one story. */
static size_t sep_len(const unsigned char *p, const unsigned char *end)
{
    unsigned c = *p;
    if (c < 0x80)
        return cev_is_alpha((int)c) || cev_is_digit((int)c) ? 0 : 1;
    if (c == 0xC2 && p + 1 < end)
        return 2;
    if (c == 0xE2 && p + 2 < end && (p[1] == 0x80 || p[1] == 0x81))
        return 3;
    return 0;
}

typedef struct words {
    const unsigned char *p, *end;
} words;

/* Hash of the next word (ASCII folded to lower case); 0 at the end. */
static int next_word(words *w, uint64_t *out)
{
    size_t k;
    while (w->p < w->end && (k = sep_len(w->p, w->end)) > 0)
        w->p += k;
    if (w->p >= w->end)
        return 0;
    uint64_t h = 0xcbf29ce484222325ULL; /* FNV-1a 64 */
    while (w->p < w->end && sep_len(w->p, w->end) == 0) {
        h ^= (uint64_t)cev_to_lower(*w->p++);
        h *= 0x100000001b3ULL;
    }
    *out = h;
    return 1;
}

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static size_t sort_unique(uint64_t *v, size_t n)
{
    if (n < 2)
        return n;
    qsort(v, n, sizeof *v, cmp_u64);
    size_t k = 1;
    for (size_t i = 1; i < n; i++)
        if (v[i] != v[k - 1])
            v[k++] = v[i];
    return k;
}

int cev_sketch_text(cev_sketch *out, const char *text, size_t len)
{
    memset(out, 0, sizeof *out);
    if (!text || !len)
        return CEV_OK;
    words w = {(const unsigned char *)text, (const unsigned char *)text + len};
    uint64_t win[4] = {0}, wh;
    size_t nw = 0, cap = 0;
    while (next_word(&w, &wh)) {
        win[0] = win[1];
        win[1] = win[2];
        win[2] = win[3];
        win[3] = wh;
        if (++nw < 4)
            continue;
        uint64_t h = mix64(((win[0] * 31 + win[1]) * 31 + win[2]) * 31 + win[3]);
        if (h % CEV_SKETCH_MOD)
            continue;
        if (out->n == cap) {
            size_t nc = cap ? cap * 2 : 64;
            uint64_t *p = realloc(out->h, nc * sizeof *p);
            if (!p) {
                cev_sketch_free(out);
                return CEV_ERR_NOMEM;
            }
            out->h = p;
            cap = nc;
        }
        out->h[out->n++] = h;
    }
    out->n = sort_unique(out->h, out->n);
    if (out->n > CEV_SKETCH_MAX) {
        out->n = CEV_SKETCH_MAX;
        out->capped = 1;
    }
    return CEV_OK;
}

void cev_sketch_free(cev_sketch *sk)
{
    free(sk->h);
    memset(sk, 0, sizeof *sk);
}

int cev_sketch_from_blob(cev_sketch *out, const void *blob, size_t bytes, int capped)
{
    memset(out, 0, sizeof *out);
    size_t n = blob ? bytes / 8 : 0;
    if (!n)
        return CEV_OK;
    out->h = malloc(n * sizeof *out->h);
    if (!out->h)
        return CEV_ERR_NOMEM;
    const unsigned char *b = blob;
    for (size_t i = 0; i < n; i++) {
        uint64_t v = 0;
        for (int k = 7; k >= 0; k--)
            v = v << 8 | b[i * 8 + (size_t)k];
        out->h[i] = v;
    }
    out->n = sort_unique(out->h, n);
    out->capped = capped;
    return CEV_OK;
}

double cev_sketch_containment(const cev_sketch *a, const cev_sketch *b)
{
    /* A capped sketch knows every sample up to its largest value only:
     * compare both below the smaller such limit. */
    uint64_t t = UINT64_MAX;
    if (a->capped && a->n && a->h[a->n - 1] < t)
        t = a->h[a->n - 1];
    if (b->capped && b->n && b->h[b->n - 1] < t)
        t = b->h[b->n - 1];
    size_t i = 0, j = 0, na = 0, nb = 0, both = 0;
    while (i < a->n && a->h[i] <= t && j < b->n && b->h[j] <= t) {
        if (a->h[i] == b->h[j]) {
            both++;
            i++, j++, na++, nb++;
        } else if (a->h[i] < b->h[j]) {
            i++, na++;
        } else {
            j++, nb++;
        }
    }
    for (; i < a->n && a->h[i] <= t; i++)
        na++;
    for (; j < b->n && b->h[j] <= t; j++)
        nb++;
    size_t m = na < nb ? na : nb;
    if (m < SKETCH_MIN_SAMPLES)
        return -1;
    return (double)both / (double)m;
}

#define MAX_SENTENCE_WORDS 512

static size_t sentence_words(const char *s, uint64_t *v)
{
    if (!s)
        return 0;
    words w = {(const unsigned char *)s, (const unsigned char *)s + strlen(s)};
    size_t n = 0;
    while (n < MAX_SENTENCE_WORDS && next_word(&w, &v[n]))
        n++;
    return sort_unique(v, n);
}

double cev_sentence_similarity(const char *a, const char *b)
{
    uint64_t va[MAX_SENTENCE_WORDS], vb[MAX_SENTENCE_WORDS];
    size_t na = sentence_words(a, va), nb = sentence_words(b, vb);
    if (!na || !nb)
        return 0;
    size_t i = 0, j = 0, both = 0;
    while (i < na && j < nb) {
        if (va[i] == vb[j])
            both++, i++, j++;
        else if (va[i] < vb[j])
            i++;
        else
            j++;
    }
    return (double)both / (double)(na < nb ? na : nb);
}

/* ---- near-duplicate articles -------------------------------------------------- */

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

typedef struct cand {
    int64_t article;
    size_t hits;
} cand;

static int cmp_cand(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if (x->hits != y->hits)
        return x->hits > y->hits ? -1 : 1;
    return x->article < y->article ? -1 : x->article > y->article;
}

/* Articles sharing shingle samples with `sk`, most shared first. */
static int shingle_candidates(cev_store *st, const cev_sketch *sk, cand **out, size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    int64_t *ids = NULL;
    size_t n = 0, cap = 0;
    int rc = CEV_OK;
    for (size_t i = 0; i < sk->n && rc == CEV_OK; i++) {
        if (!cev_sketch_is_key(sk->h[i]))
            continue;
        sqlite3_stmt *s = cev_store_stmt_sql(
            st, ST_SKETCH_LOOKUP, "SELECT article FROM article_shingles WHERE h = ?1 LIMIT 201");
        if (!s)
            return st->err.code;
        sqlite3_bind_int64(s, 1, (int64_t)sk->h[i]);
        size_t mark = n;
        int src;
        while ((src = sqlite3_step(s)) == SQLITE_ROW) {
            if (n == cap) {
                size_t nc = cap ? cap * 2 : 64;
                int64_t *p = realloc(ids, nc * sizeof *p);
                if (!p) {
                    rc = cev_err_set(&st->err, CEV_ERR_NOMEM, -1, "out of memory");
                    break;
                }
                ids = p;
                cap = nc;
            }
            ids[n++] = sqlite3_column_int64(s, 0);
        }
        if (rc == CEV_OK && src != SQLITE_DONE)
            rc = cev_store_fail(st, src, "cannot look up similar articles");
        sqlite3_reset(s);
        if (n - mark > COMMON_SHINGLE)
            n = mark;
    }
    if (rc || !n) {
        free(ids);
        return rc;
    }
    qsort(ids, n, sizeof *ids, cmp_i64);
    cand *c = malloc(n * sizeof *c);
    if (!c) {
        free(ids);
        return cev_err_set(&st->err, CEV_ERR_NOMEM, -1, "out of memory");
    }
    size_t nc = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && ids[j] == ids[i])
            j++;
        c[nc].article = ids[i];
        c[nc++].hits = j - i;
        i = j;
    }
    free(ids);
    qsort(c, nc, sizeof *c, cmp_cand);
    *out = c;
    *n_out = nc;
    return CEV_OK;
}

int cev_inc_find_story(cev_store *st, cev_inc_article *a, const cev_sketch *sk)
{
    a->story = 0;
    a->dup_of = 0;
    if (sk->n < SKETCH_MIN_SAMPLES)
        return CEV_OK;
    cand *c;
    size_t nc;
    int rc = shingle_candidates(st, sk, &c, &nc);
    if (rc)
        return rc;
    double best = 0;
    for (size_t i = 0; i < nc && i < MAX_STORY_CANDIDATES && rc == CEV_OK; i++) {
        sqlite3_stmt *s = cev_store_stmt_sql(st, ST_ARTICLE_SKETCH,
                                             "SELECT sketch, sketch_capped, story FROM articles "
                                             "WHERE id = ?1");
        if (!s) {
            rc = st->err.code;
            break;
        }
        sqlite3_bind_int64(s, 1, c[i].article);
        int src = sqlite3_step(s);
        if (src == SQLITE_ROW) {
            cev_sketch other;
            if (cev_sketch_from_blob(&other, sqlite3_column_blob(s, 0),
                                     (size_t)sqlite3_column_bytes(s, 0),
                                     sqlite3_column_int(s, 1))) {
                rc = cev_err_set(&st->err, CEV_ERR_NOMEM, -1, "out of memory");
            } else {
                double k = cev_sketch_containment(sk, &other);
                if (k >= NEAR_DUP_CONTAINMENT && (!a->dup_of || k > best)) {
                    best = k;
                    a->dup_of = c[i].article;
                    a->story = sqlite3_column_type(s, 2) == SQLITE_NULL
                                   ? c[i].article
                                   : sqlite3_column_int64(s, 2);
                }
                cev_sketch_free(&other);
            }
        } else if (src != SQLITE_DONE) {
            rc = cev_store_fail(st, src, "cannot read an article");
        }
        sqlite3_reset(s);
    }
    free(c);
    return rc;
}
