/* inc_cache.c - the incidents a new report may join, held in memory.
 *
 * Matching a report reads the incidents of its one-degree cells (and of its
 * admin1 area) within a date window.  Reports arrive in bursts about the
 * same places and days, so each bucket (a cell, or an area with its coarse
 * flag) is read from the database once for a date interval [from, to) and
 * then answered from memory; the store's own inserts and updates keep the
 * held rows current.
 *
 * The cache is only as good as its knowledge of the file: it is cleared when
 * another connection has committed since the last write transaction (PRAGMA
 * data_version), when a transaction of ours rolls back, and when it grows
 * past CACHE_MAX_BYTES. */
#include <stdlib.h>
#include <string.h>

#include "store.h"

/* Rows are read this many days past the end of a query's window, so the
 * next days' reports find them in memory too. */
#define LOAD_AHEAD_DAYS 30
/* Rows starting this many days before a query's window are dropped from a
 * bucket (news arrives in rough date order). */
#define KEEP_BEHIND_DAYS 45
#define CACHE_MAX_BYTES (64u << 20)

typedef struct bucket {
    int used;
    int64_t cell;  /* >= 0: a cell bucket; -1: an area bucket */
    char *area;    /* area key ("country/admin1", lower case) */
    int coarse;
    uint64_t hash;
    int32_t from, to; /* complete for from <= date_start < to (yyyymmdd) */
    cev_inc_cand *v;
    size_t n, cap;
} bucket;

struct cev_inc_cache {
    bucket *b;
    size_t cap, n_used;
    cev_arena *strings;
    size_t bytes;
    int64_t data_version;
    int have_version;
};

static uint64_t mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return x;
}

static uint64_t key_hash(int64_t cell, const char *area, int coarse)
{
    if (cell >= 0)
        return mix((uint64_t)cell * 2 + 1);
    uint64_t h = 0xcbf29ce484222325ULL ^ (uint64_t)coarse;
    for (const unsigned char *p = (const unsigned char *)area; *p; p++)
        h = (h ^ *p) * 0x100000001b3ULL;
    return mix(h * 2);
}

static int key_equal(const bucket *b, uint64_t h, int64_t cell, const char *area, int coarse)
{
    if (b->hash != h || b->cell != cell)
        return 0;
    return cell >= 0 || (b->coarse == coarse && !strcmp(b->area, area));
}

static void free_buckets(cev_inc_cache *c)
{
    for (size_t i = 0; i < c->cap; i++) {
        free(c->b[i].area);
        free(c->b[i].v);
    }
    free(c->b);
    c->b = NULL;
    c->cap = c->n_used = 0;
}

void cev_inc_cache_clear(cev_inc_cache *c)
{
    if (!c)
        return;
    free_buckets(c);
    cev_arena_free(c->strings);
    c->strings = NULL;
    c->bytes = 0;
}

void cev_inc_cache_free(cev_inc_cache *c)
{
    cev_inc_cache_clear(c);
    free(c);
}

static bucket *find_slot(bucket *b, size_t cap, uint64_t h, int64_t cell, const char *area,
                         int coarse)
{
    for (size_t i = h & (cap - 1);; i = (i + 1) & (cap - 1))
        if (!b[i].used || key_equal(&b[i], h, cell, area, coarse))
            return &b[i];
}

/* The bucket for a key, made (empty, nothing loaded) when new; NULL when
 * out of memory. */
static bucket *get_bucket(cev_inc_cache *c, int64_t cell, const char *area, int coarse)
{
    uint64_t h = key_hash(cell, area, coarse);
    if (c->cap) {
        bucket *b = find_slot(c->b, c->cap, h, cell, area, coarse);
        if (b->used)
            return b;
    }
    if ((c->n_used + 1) * 2 > c->cap) {
        size_t ncap = c->cap ? c->cap * 2 : 256;
        bucket *nb = calloc(ncap, sizeof *nb);
        if (!nb)
            return NULL;
        for (size_t i = 0; i < c->cap; i++)
            if (c->b[i].used)
                *find_slot(nb, ncap, c->b[i].hash, c->b[i].cell, c->b[i].area,
                           c->b[i].coarse) = c->b[i];
        free(c->b);
        c->b = nb;
        c->cap = ncap;
    }
    bucket *b = find_slot(c->b, c->cap, h, cell, area, coarse);
    char *a = NULL;
    if (cell < 0 && !(a = strdup(area)))
        return NULL;
    memset(b, 0, sizeof *b);
    b->used = 1;
    b->cell = cell;
    b->area = a;
    b->coarse = coarse;
    b->hash = h;
    c->n_used++;
    return b;
}

static const char *keep(cev_inc_cache *c, const char *s, int *oom)
{
    if (!s)
        return NULL;
    char *k = cev_arena_strdup(c->strings, s);
    if (!k)
        *oom = 1;
    c->bytes += strlen(s) + 1;
    return k;
}

/* Append a copy of *x (strings copied into the cache). */
static int push(cev_inc_cache *c, bucket *b, const cev_inc_cand *x)
{
    if (!c->strings && !(c->strings = cev_arena_new()))
        return CEV_ERR_NOMEM;
    if (b->n == b->cap) {
        size_t ncap = b->cap ? b->cap * 2 : 8;
        cev_inc_cand *v = realloc(b->v, ncap * sizeof *v);
        if (!v)
            return CEV_ERR_NOMEM;
        b->v = v;
        b->cap = ncap;
    }
    int oom = 0;
    cev_inc_cand *y = &b->v[b->n];
    *y = *x;
    y->actor_id = keep(c, x->actor_id, &oom);
    y->loc_id = keep(c, x->loc_id, &oom);
    y->loc_name = keep(c, x->loc_name, &oom);
    y->admin1 = keep(c, x->admin1, &oom);
    y->country = keep(c, x->country, &oom);
    if (oom)
        return CEV_ERR_NOMEM;
    b->n++;
    c->bytes += sizeof *y;
    return CEV_OK;
}

#define CAND_COLS                                                                             \
    "id, type, date_start, date_end, actor_id, loc_id, loc_name, loc_admin1, loc_country,"   \
    " lat, lon, geo_precision"

static void cand_from_row(cev_inc_cand *x, sqlite3_stmt *s)
{
    memset(x, 0, sizeof *x);
    x->id = sqlite3_column_int64(s, 0);
    x->type = cev_event_type_from_name(cev_col_text(s, 1));
    x->has_date = 1; /* the load selects on date_start */
    x->d0 = sqlite3_column_int(s, 2);
    x->d1 = sqlite3_column_int(s, 3);
    x->actor_id = cev_col_text(s, 4);
    x->loc_id = cev_col_text(s, 5);
    x->loc_name = cev_col_text(s, 6);
    x->admin1 = cev_col_text(s, 7);
    x->country = cev_col_text(s, 8);
    if (sqlite3_column_type(s, 9) != SQLITE_NULL && sqlite3_column_type(s, 10) != SQLITE_NULL) {
        x->has_coords = 1;
        x->lat = sqlite3_column_double(s, 9);
        x->lon = sqlite3_column_double(s, 10);
    }
    x->gprec = cev_geo_precision_from_name(cev_col_text(s, 11));
}

/* Read the bucket's rows with lo <= date_start < hi from the database. */
static int load(cev_store *st, bucket *b, int32_t lo, int32_t hi)
{
    sqlite3_stmt *s;
    if (b->cell >= 0) {
        s = cev_store_stmt_sql(st, ST_INC_BY_CELL,
                               "SELECT " CAND_COLS " FROM incidents WHERE cell = ?1"
                               " AND date_start >= ?2 AND date_start < ?3");
        if (!s)
            return st->err.code;
        sqlite3_bind_int64(s, 1, b->cell);
        sqlite3_bind_int(s, 2, lo);
        sqlite3_bind_int(s, 3, hi);
    } else {
        s = cev_store_stmt_sql(st, ST_INC_BY_AREA,
                               "SELECT " CAND_COLS " FROM incidents WHERE area = ?1"
                               " AND coarse = ?2 AND date_start >= ?3 AND date_start < ?4");
        if (!s)
            return st->err.code;
        cev_bind_text(s, 1, b->area);
        sqlite3_bind_int(s, 2, b->coarse);
        sqlite3_bind_int(s, 3, lo);
        sqlite3_bind_int(s, 4, hi);
    }
    int rc = CEV_OK, src;
    while ((src = sqlite3_step(s)) == SQLITE_ROW) {
        cev_inc_cand x;
        cand_from_row(&x, s);
        if ((rc = push(st->inc_cache, b, &x)))
            break;
    }
    sqlite3_reset(s);
    if (rc)
        return cev_err_set(&st->err, rc, -1, "out of memory");
    return src == SQLITE_DONE ? CEV_OK : cev_store_fail(st, src, "cannot search incidents");
}

/* Drop rows that start before `before` and mark the bucket complete only
 * from there. */
static void prune(cev_inc_cache *c, bucket *b, int32_t before)
{
    size_t k = 0;
    for (size_t i = 0; i < b->n; i++)
        if (b->v[i].d0 >= before)
            b->v[k++] = b->v[i];
    c->bytes -= (b->n - k) * sizeof *b->v; /* their strings stay until a clear */
    b->n = k;
    b->from = before;
}

/* Make the bucket complete over [lo, hi] (yyyymmdd, inclusive). */
static int cover(cev_store *st, bucket *b, int32_t lo, int32_t hi)
{
    cev_inc_cache *c = st->inc_cache;
    int rc;
    if (b->from >= b->to || hi < b->from || lo >= b->to) {
        /* Nothing held, or a window away from what is held: start again. */
        c->bytes -= b->n * sizeof *b->v;
        b->n = 0;
        b->from = lo;
        b->to = cev_ymd_add_days(hi, LOAD_AHEAD_DAYS + 1);
        return load(st, b, b->from, b->to);
    }
    if (lo < b->from) {
        if ((rc = load(st, b, lo, b->from)))
            return rc;
        b->from = lo;
    }
    if (hi >= b->to) {
        int32_t to = cev_ymd_add_days(hi, LOAD_AHEAD_DAYS + 1);
        if ((rc = load(st, b, b->to, to)))
            return rc;
        b->to = to;
    }
    int32_t behind = cev_ymd_add_days(lo, -KEEP_BEHIND_DAYS);
    if (behind > b->from)
        prune(c, b, behind);
    return CEV_OK;
}

int cev_inc_cache_scan(cev_store *st, int64_t cell, const char *area, int coarse, int32_t lo,
                       int32_t hi, cev_inc_cand_fn fn, void *ctx)
{
    if (!st->inc_cache && !(st->inc_cache = calloc(1, sizeof *st->inc_cache)))
        return cev_err_set(&st->err, CEV_ERR_NOMEM, -1, "out of memory");
    cev_inc_cache *c = st->inc_cache;
    if (c->bytes > CACHE_MAX_BYTES)
        cev_inc_cache_clear(c);
    bucket *b = get_bucket(c, cell, area, coarse);
    if (!b)
        return cev_err_set(&st->err, CEV_ERR_NOMEM, -1, "out of memory");
    int rc = cover(st, b, lo, hi);
    if (rc) {
        cev_inc_cache_clear(c); /* a half-loaded bucket must not be trusted */
        return rc;
    }
    for (size_t i = 0; i < b->n; i++)
        if (b->v[i].d0 >= lo && b->v[i].d0 <= hi)
            fn(&b->v[i], ctx);
    return CEV_OK;
}

int cev_inc_cache_put(cev_store *st, const cev_inc_cand *x, int64_t cell, const char *area,
                      int coarse)
{
    cev_inc_cache *c = st->inc_cache;
    if (!c || !x->has_date)
        return CEV_OK;
    for (int k = 0; k < 2; k++) {
        if (k == 0 ? cell < 0 : !area)
            continue;
        bucket *b = c->cap ? find_slot(c->b, c->cap, key_hash(k ? -1 : cell, area, coarse),
                                       k ? -1 : cell, area, coarse)
                           : NULL;
        /* Only where the bucket is complete: elsewhere a load reads it. */
        if (!b || !b->used || x->d0 < b->from || x->d0 >= b->to)
            continue;
        if (push(c, b, x)) {
            cev_inc_cache_clear(c);
            return cev_err_set(&st->err, CEV_ERR_NOMEM, -1, "out of memory");
        }
    }
    return CEV_OK;
}

void cev_inc_cache_forget(cev_store *st, int64_t id, int64_t cell, const char *area, int coarse)
{
    cev_inc_cache *c = st->inc_cache;
    if (!c || !c->cap)
        return;
    for (int k = 0; k < 2; k++) {
        if (k == 0 ? cell < 0 : !area)
            continue;
        bucket *b = find_slot(c->b, c->cap, key_hash(k ? -1 : cell, area, coarse),
                              k ? -1 : cell, area, coarse);
        if (!b->used)
            continue;
        for (size_t i = 0; i < b->n; i++)
            if (b->v[i].id == id) {
                b->v[i] = b->v[--b->n];
                c->bytes -= sizeof *b->v;
                break;
            }
    }
}

int cev_inc_cache_check(cev_store *st)
{
    cev_inc_cache *c = st->inc_cache;
    if (!c)
        return CEV_OK;
    sqlite3_stmt *s = cev_store_stmt_sql(st, ST_DATA_VERSION, "PRAGMA data_version");
    if (!s)
        return st->err.code;
    int rc = sqlite3_step(s);
    int64_t v = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    if (rc != SQLITE_ROW)
        return cev_store_fail(st, rc, "cannot read the data version");
    if (!c->have_version || v != c->data_version)
        cev_inc_cache_clear(c);
    c->data_version = v;
    c->have_version = 1;
    return CEV_OK;
}
