/* inc_cache.c - the incidents a new report may join, held in memory.
 *
 * Matching a report reads the incidents of its one-degree cells (and of its
 * admin1 area) within a date window.  Reports arrive in bursts about the
 * same days, so the cache reads every candidate of a date interval
 * [from, to) at once (merged_incidents rows and lone reports, both by a
 * date index that writing needs anyway), files them in buckets by cell and
 * area, and answers later searches in that interval from memory; the
 * store's own writes keep the held candidates current.
 *
 * The cache is only as good as its knowledge of the file: it is cleared when
 * another connection has committed since the last write transaction (PRAGMA
 * data_version), when a transaction of ours rolls back, when an article is
 * deleted, and when it grows past CACHE_MAX_BYTES. */
#include <stdlib.h>
#include <string.h>

#include "store.h"

/* When the held interval must grow forward, rows are read past the end of
 * the search's window, so the next days' reports find them in memory too:
 * as many days as are held already, up to this many.  A first load reads
 * only the window, so one article added through a new handle does not pay
 * for a month of rows; a bulk load soon reads a month at a time. */
#define LOAD_AHEAD_DAYS 30
/* Candidates starting this many days before a search's window are dropped
 * (news arrives in rough date order)... */
#define KEEP_BEHIND_DAYS 45
/* ...this many days at a time (each drop walks every bucket). */
#define PRUNE_STEP_DAYS 15
#define CACHE_MAX_BYTES (64u << 20)

typedef struct bucket {
    int used;
    int64_t cell;  /* >= 0: a cell bucket; -1: an area bucket */
    char *area;    /* area key ("country/admin1", lower case) */
    int coarse;
    uint64_t hash;
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
    int32_t from, to; /* every candidate with from <= d0 < to is held (yyyymmdd) */
    int32_t far;      /* windows from here on start again (to + LOAD_AHEAD_DAYS) */
    int32_t prune_at; /* windows past here drop old candidates */
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
    c->from = c->to = 0;
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

/* The buckets of a candidate. */
typedef struct keys {
    int64_t cell;
    char area[160];
    const char *ak; /* area or NULL */
    int coarse;
} keys;

static void keys_of(const cev_inc_cand *x, keys *k)
{
    cev_inc_cand_keys(x, &k->cell, k->area, sizeof k->area, &k->ak, &k->coarse);
}

/* File a copy of *x under its cell and area buckets. */
static int file_cand(cev_inc_cache *c, const cev_inc_cand *x)
{
    keys ks;
    keys_of(x, &ks);
    for (int k = 0; k < 2; k++) {
        if (k == 0 ? ks.cell < 0 : !ks.ak)
            continue;
        bucket *b = get_bucket(c, k ? -1 : ks.cell, ks.ak, ks.coarse);
        if (!b || push(c, b, x))
            return CEV_ERR_NOMEM;
    }
    return CEV_OK;
}

/* Columns of a merged incident as a candidate, in cev_inc_cand_from_row's
 * order (CEV_SOLO_CAND_COLS for lone reports). */
#define INC_CAND_COLS                                                                         \
    "id, type, date_start, date_end, actor_id, loc_id, loc_name, loc_admin1, loc_country,"   \
    " lat, lon, geo_precision"
void cev_inc_cand_from_row(cev_inc_cand *x, sqlite3_stmt *s, int solo, int published_col)
{
    memset(x, 0, sizeof *x);
    x->id = sqlite3_column_int64(s, 0);
    x->solo = solo;
    x->type = cev_event_type_from_name(cev_col_text(s, 1));
    if (published_col >= 0 && sqlite3_column_type(s, 2) == SQLITE_NULL) {
        /* undated: the week before publication, as incidents.c places it */
        int32_t pub = sqlite3_column_int(s, published_col);
        if (pub > 0) {
            x->has_date = 1;
            x->d1 = pub;
            x->d0 = cev_ymd_add_days(pub, -CEV_INC_UNDATED_WINDOW);
        }
    } else {
        x->has_date = 1;
        x->d0 = sqlite3_column_int(s, 2);
        x->d1 = sqlite3_column_int(s, 3);
        if (x->d1 < x->d0)
            x->d1 = x->d0;
    }
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

/* Read every candidate with lo <= d0 < hi: merged incidents, dated lone
 * reports, and undated lone reports (placed in the week before their
 * article's publication, as incidents.c places them). */
static int load(cev_store *st, int32_t lo, int32_t hi)
{
    static const struct {
        int which, solo, undated;
        const char *sql;
    } q[3] = {
        {ST_INC_BY_DATE, 0, 0,
         "SELECT " INC_CAND_COLS " FROM merged_incidents"
         " WHERE date_start >= ?1 AND date_start < ?2"},
        /* "+" keeps SQLite off the incident index: lone reports are most
         * of the table, the date range is narrow. */
        {ST_SOLO_BY_DATE, 1, 0,
         "SELECT " CEV_SOLO_CAND_COLS " FROM events e"
         " WHERE e.date_start >= ?1 AND e.date_start < ?2 AND +e.incident IS NULL"},
        {ST_SOLO_UNDATED, 1, 1,
         "SELECT " CEV_SOLO_CAND_COLS ", a.published FROM articles a"
         " JOIN events e ON e.article = a.id"
         " WHERE a.published >= ?1 AND a.published < ?2"
         " AND +e.date_start IS NULL AND +e.incident IS NULL"},
    };
    for (int k = 0; k < 3; k++) {
        sqlite3_stmt *s = cev_store_stmt_sql(st, q[k].which, q[k].sql);
        if (!s)
            return st->err.code;
        int shift = q[k].undated ? CEV_INC_UNDATED_WINDOW : 0;
        sqlite3_bind_int(s, 1, cev_ymd_add_days(lo, shift));
        sqlite3_bind_int(s, 2, cev_ymd_add_days(hi, shift));
        int rc = CEV_OK, src;
        while ((src = sqlite3_step(s)) == SQLITE_ROW) {
            cev_inc_cand x;
            cev_inc_cand_from_row(&x, s, q[k].solo, q[k].undated ? 12 : -1);
            if ((rc = file_cand(st->inc_cache, &x)))
                break;
        }
        sqlite3_reset(s);
        if (rc)
            return cev_err_set(&st->err, rc, -1, "out of memory");
        if (src != SQLITE_DONE)
            return cev_store_fail(st, src, "cannot search incidents");
    }
    return CEV_OK;
}

static int64_t ymd_days(int32_t v) { return cev_days_from_ymd(v / 10000, v / 100 % 100, v % 100); }

/* Hold [from, to); the bounds cover() compares with are worked out here,
 * not on every search. */
static void set_interval(cev_inc_cache *c, int32_t from, int32_t to)
{
    c->from = from;
    c->to = to;
    c->far = cev_ymd_add_days(to, LOAD_AHEAD_DAYS);
    c->prune_at = cev_ymd_add_days(from, KEEP_BEHIND_DAYS + PRUNE_STEP_DAYS);
}

/* Drop candidates that start before `before`; the cache is complete only
 * from there. */
static void prune(cev_inc_cache *c, int32_t before)
{
    for (size_t i = 0; i < c->cap; i++) {
        bucket *b = &c->b[i];
        if (!b->used)
            continue;
        size_t k = 0;
        for (size_t j = 0; j < b->n; j++)
            if (b->v[j].d0 >= before)
                b->v[k++] = b->v[j];
        c->bytes -= (b->n - k) * sizeof *b->v; /* their strings stay until a clear */
        b->n = k;
    }
    set_interval(c, before, c->to);
}

/* Make the cache complete over [lo, hi] (yyyymmdd, inclusive). */
static int cover(cev_store *st, int32_t lo, int32_t hi)
{
    cev_inc_cache *c = st->inc_cache;
    int rc;
    if (c->from >= c->to || hi < c->from || lo >= c->far) {
        /* Nothing held, or a window far from what is held: start again. */
        cev_inc_cache_clear(c);
        set_interval(c, lo, cev_ymd_add_days(hi, 1));
        return load(st, c->from, c->to);
    }
    if (lo < c->from) {
        if ((rc = load(st, lo, c->from)))
            return rc;
        set_interval(c, lo, c->to);
    }
    if (hi >= c->to) {
        int64_t held = ymd_days(c->to) - ymd_days(c->from);
        int32_t to = cev_ymd_add_days(hi, (int)(held < LOAD_AHEAD_DAYS ? held : LOAD_AHEAD_DAYS) + 1);
        if ((rc = load(st, c->to, to)))
            return rc;
        set_interval(c, c->from, to);
    }
    if (lo > c->prune_at)
        prune(c, cev_ymd_add_days(lo, -KEEP_BEHIND_DAYS));
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
    int rc = cover(st, lo, hi);
    if (rc) {
        cev_inc_cache_clear(c); /* a half-loaded interval must not be trusted */
        return rc;
    }
    if (!c->cap)
        return CEV_OK;
    bucket *b = find_slot(c->b, c->cap, key_hash(cell, area, coarse), cell, area, coarse);
    for (size_t i = 0; b->used && i < b->n; i++)
        if (b->v[i].d0 >= lo && b->v[i].d0 <= hi)
            fn(&b->v[i], ctx);
    return CEV_OK;
}

int cev_inc_cache_put(cev_store *st, const cev_inc_cand *x)
{
    cev_inc_cache *c = st->inc_cache;
    /* Only inside the complete interval: elsewhere a load reads it. */
    if (!c || !x->has_date || x->d0 < c->from || x->d0 >= c->to)
        return CEV_OK;
    if (file_cand(c, x)) {
        cev_inc_cache_clear(c);
        return cev_err_set(&st->err, CEV_ERR_NOMEM, -1, "out of memory");
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
    /* Made here, empty, so that the version it is filled under is known
     * (made later by a search, the next check would find no version and
     * drop what the first transaction held). */
    if (!st->inc_cache && !(st->inc_cache = calloc(1, sizeof *st->inc_cache)))
        return cev_err_set(&st->err, CEV_ERR_NOMEM, -1, "out of memory");
    cev_inc_cache *c = st->inc_cache;
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

void cev_inc_cache_forget_cand(cev_store *st, const cev_inc_cand *x)
{
    keys k;
    keys_of(x, &k);
    cev_inc_cache_forget(st, x->id, k.cell, k.ak, k.coarse);
}
