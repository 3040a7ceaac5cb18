/* store_query.c - reading events back: filters as SQL with bound values,
 * rows as cev_event, and counts for timelines and maps. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

const char cev_store_event_cols[] =
    "e.id, a.article_id, e.type,"
    " e.actor_id, e.actor_name, e.actor_text, e.actor_country, e.actor_kind,"
    " e.target_id, e.target_name, e.target_text, e.target_country, e.target_kind,"
    " e.loc_id, e.loc_name, e.loc_admin1, e.loc_country, e.loc_text, e.lat, e.lon,"
    " e.geo_precision, e.loc_kind,"
    " e.date_start, e.date_end, e.date_precision, e.date_text,"
    " e.killed_min, e.killed_max, e.killed_text,"
    " e.injured_min, e.injured_max, e.injured_text,"
    " e.abducted_min, e.abducted_max, e.abducted_text,"
    " e.source_id, e.source_name, e.source_text,"
    " e.span_start, e.span_end, e.spans, e.sentence, e.trigger_text, e.confidence,"
    " coalesce(e.incident, e.id), a.outlet, a.url, a.published";

int cev_date_precision_from_name(const char *s)
{
    for (int i = 1; s && i <= CEV_DATE_YEAR; i++)
        if (!strcmp(s, cev_date_precision_name(i)))
            return i;
    return 0;
}

int cev_geo_precision_from_name(const char *s)
{
    for (int i = 1; s && i <= CEV_GEO_COUNTRY; i++)
        if (!strcmp(s, cev_geo_precision_name(i)))
            return i;
    return 0;
}

/* ---- building the WHERE clause ------------------------------------------- */

void cev_sql_init(cev_sql *q)
{
    memset(q, 0, sizeof *q);
    cev_buf_init(&q->text);
}

void cev_sql_free(cev_sql *q) { cev_buf_free(&q->text); }

/* Number of a new parameter holding a value. */
static int add_text(cev_sql *q, const char *s)
{
    q->v[q->n].kind = 1;
    q->v[q->n].s = s;
    return ++q->n;
}

static int add_int(cev_sql *q, int64_t i)
{
    q->v[q->n].kind = 2;
    q->v[q->n].i = i;
    return ++q->n;
}

static int add_real(cev_sql *q, double d)
{
    q->v[q->n].kind = 3;
    q->v[q->n].d = d;
    return ++q->n;
}

int cev_query_check(cev_store *st, const cev_query *q)
{
    if (!q)
        return CEV_OK;
    if (q->version != CEV_QUERY_VERSION)
        return cev_err_set(&st->err, CEV_ERR_INVALID, -1,
                           "query not made with CEV_QUERY_INIT (version %u)", q->version);
    if (q->type != -1 && !cev_event_type_name(q->type))
        return cev_err_set(&st->err, CEV_ERR_INVALID, -1, "unknown event type %d", (int)q->type);
    if ((q->date_from && q->date_from < 0) || (q->date_to && q->date_to < 0) ||
        (q->date_from && q->date_to && q->date_from > q->date_to))
        return cev_err_set(&st->err, CEV_ERR_DATE, -1, "invalid date range %d..%d",
                           (int)q->date_from, (int)q->date_to);
    if (q->has_bbox && (!isfinite(q->min_lat) || !isfinite(q->max_lat) || !isfinite(q->min_lon) ||
                        !isfinite(q->max_lon) || q->min_lat > q->max_lat))
        return cev_err_set(&st->err, CEV_ERR_INVALID, -1, "invalid bounding box");
    if (q->limit < 0)
        return cev_err_set(&st->err, CEV_ERR_INVALID, -1, "negative limit");
    return CEV_OK;
}

static int32_t add_days(int32_t ymd, int64_t n)
{
    return cev_ymd_from_days(cev_days_from_ymd(ymd / 10000, ymd / 100 % 100, ymd % 100) + n);
}

/* The longest date range stored, read each time: another process may have
 * stored a longer one since this handle was opened. */
static int max_span(cev_store *st, int32_t *out)
{
    int64_t v;
    int rc = cev_store_meta_get(st, "max_span_days", &v);
    *out = (int32_t)v;
    return rc;
}

/* "(col = ?N OR col2 = ?N COLLATE NOCASE ...)": an id or a name. */
static void id_or_name(cev_sql *q, const char *id_col, const char *name_col, const char *text_col,
                       const char *value)
{
    int p = add_text(q, value);
    cev_buf_printf(&q->text,
                   " AND (%s = ?%d OR %s = ?%d COLLATE NOCASE OR %s = ?%d COLLATE NOCASE)",
                   id_col, p, name_col, p, text_col, p);
}

int cev_sql_filters(cev_store *st, cev_sql *sql, const cev_query *q)
{
    if (!q)
        return CEV_OK;
    cev_buf *b = &sql->text;
    if (q->date_from) {
        /* Overlap: ends after `from`, starts before `to`.  The lower bound on
         * date_start is implied (no range is longer than the longest stored)
         * but lets the date index bound the scan. */
        int32_t span;
        int rc = max_span(st, &span);
        if (rc)
            return rc;
        cev_buf_printf(b, " AND e.date_end >= ?%d", add_int(sql, q->date_from));
        cev_buf_printf(b, " AND e.date_start >= ?%d", add_int(sql, add_days(q->date_from, -span)));
    }
    if (q->date_to)
        cev_buf_printf(b, " AND e.date_start <= ?%d", add_int(sql, q->date_to));
    if (q->type >= 0)
        cev_buf_printf(b, " AND e.type = ?%d", add_text(sql, cev_event_type_name(q->type)));
    if (q->actor)
        id_or_name(sql, "e.actor_id", "e.actor_name", "e.actor_text", q->actor);
    if (q->target)
        id_or_name(sql, "e.target_id", "e.target_name", "e.target_text", q->target);
    if (q->place)
        id_or_name(sql, "e.loc_id", "e.loc_name", "e.loc_text", q->place);
    if (q->admin1)
        cev_buf_printf(b, " AND e.loc_admin1 = ?%d COLLATE NOCASE", add_text(sql, q->admin1));
    if (q->country)
        cev_buf_printf(b, " AND e.loc_country = ?%d COLLATE NOCASE", add_text(sql, q->country));
    if (q->has_bbox) {
        int a = add_real(sql, q->min_lat), z = add_real(sql, q->max_lat);
        cev_buf_printf(b, " AND e.lat BETWEEN ?%d AND ?%d", a, z);
        a = add_real(sql, q->min_lon);
        z = add_real(sql, q->max_lon);
        if (q->min_lon <= q->max_lon)
            cev_buf_printf(b, " AND e.lon BETWEEN ?%d AND ?%d", a, z);
        else /* the box crosses the antimeridian */
            cev_buf_printf(b, " AND (e.lon >= ?%d OR e.lon <= ?%d)", a, z);
    }
    if (q->min_killed >= 0)
        cev_buf_printf(b, " AND e.killed_min >= ?%d", add_int(sql, q->min_killed));
    if (q->article_id)
        cev_buf_printf(b, " AND a.article_id = ?%d", add_text(sql, q->article_id));
    return CEV_OK;
}

void cev_sql_limit(cev_sql *sql, const cev_query *q)
{
    if (q && q->limit > 0)
        cev_buf_printf(&sql->text, " LIMIT ?%d", add_int(sql, q->limit));
}

int cev_sql_prepare(cev_store *st, cev_sql *sql, sqlite3_stmt **out)
{
    *out = NULL;
    if (sql->text.oom)
        return cev_err_set(&st->err, CEV_ERR_NOMEM, -1, "out of memory");
    sqlite3_stmt *s;
    int rc = sqlite3_prepare_v2(st->db, sql->text.data, (int)sql->text.len, &s, NULL);
    if (rc != SQLITE_OK)
        return cev_store_fail(st, rc, "cannot prepare a query");
    for (int i = 0; i < sql->n && rc == SQLITE_OK; i++) {
        const cev_sql_value *v = &sql->v[i];
        if (v->kind == 1)
            rc = sqlite3_bind_text(s, i + 1, v->s, -1, SQLITE_TRANSIENT);
        else if (v->kind == 2)
            rc = sqlite3_bind_int64(s, i + 1, v->i);
        else
            rc = sqlite3_bind_double(s, i + 1, v->d);
    }
    if (rc != SQLITE_OK) {
        rc = cev_store_fail(st, rc, "cannot bind a query");
        sqlite3_finalize(s);
        return rc;
    }
    *out = s;
    return CEV_OK;
}

int cev_sql_events(cev_store *st, const cev_query *q, const char *where, sqlite3_stmt **out)
{
    cev_sql sql;
    cev_sql_init(&sql);
    cev_buf_printf(&sql.text, "SELECT %s FROM events e JOIN articles a ON a.id = e.article WHERE %s",
                   cev_store_event_cols, where);
    int rc = cev_sql_filters(st, &sql, q);
    if (rc == CEV_OK) {
        cev_buf_puts(&sql.text, " ORDER BY e.date_start, e.id");
        cev_sql_limit(&sql, q);
        rc = cev_sql_prepare(st, &sql, out);
    }
    cev_sql_free(&sql);
    return rc;
}

/* ---- rows to events ------------------------------------------------------- */

typedef struct rowreader {
    sqlite3_stmt *s;
    cev_result *r;
    int oom;
} rowreader;

static const char *str(rowreader *rr, int col)
{
    const char *t = (const char *)sqlite3_column_text(rr->s, col);
    if (!t || !rr->r)
        return t;
    const char *c = cev_result_str(rr->r, t);
    if (!c)
        rr->oom = 1;
    return c;
}

static int is_null(sqlite3_stmt *s, int col) { return sqlite3_column_type(s, col) == SQLITE_NULL; }

static int kind_of(sqlite3_stmt *s, int col)
{
    int k = cev_kind_from_name((const char *)sqlite3_column_text(s, col));
    return k > 0 ? k : CEV_KIND_UNKNOWN;
}

static void read_actor(rowreader *rr, int c, cev_actor *a)
{
    memset(a, 0, sizeof *a);
    if (is_null(rr->s, c + 2))
        return;
    a->id = str(rr, c);
    a->name = str(rr, c + 1);
    a->text = str(rr, c + 2);
    a->country = str(rr, c + 3);
    a->kind = kind_of(rr->s, c + 4);
}

/* A count is present when it has a lower bound (an SQL edit may have left
 * the words out). */
static void read_count(rowreader *rr, int c, cev_count *n)
{
    n->min = n->max = -1;
    n->text = NULL;
    if (is_null(rr->s, c))
        return;
    n->min = sqlite3_column_int64(rr->s, c);
    n->max = is_null(rr->s, c + 1) ? -1 : sqlite3_column_int64(rr->s, c + 1);
    n->text = str(rr, c + 2);
    if (!n->text)
        n->text = "";
}

/* "[[a,b],[c,d]]" into spans; anything else gives none. */
static int parse_spans(const char *t, cev_span_buf *sb)
{
    sb->n = 0;
    uint64_t v[2];
    int k = 0;
    for (const char *p = t; p && *p; p++) {
        if (!cev_is_digit((unsigned char)*p))
            continue;
        uint64_t x = 0;
        while (cev_is_digit((unsigned char)*p))
            x = x * 10 + (uint64_t)(*p++ - '0');
        p--;
        v[k++] = x;
        if (k < 2)
            continue;
        k = 0;
        if (sb->n == sb->cap) {
            size_t nc = sb->cap ? sb->cap * 2 : 8;
            cev_span *q = realloc(sb->v, nc * sizeof *q);
            if (!q)
                return CEV_ERR_NOMEM;
            sb->v = q;
            sb->cap = nc;
        }
        sb->v[sb->n].start = v[0];
        sb->v[sb->n++].end = v[1];
    }
    return CEV_OK;
}

int cev_store_row_event(sqlite3_stmt *s, cev_event *ev, cev_result *r, cev_span_buf *sb)
{
    rowreader rr = {s, r, 0};
    int t = cev_event_type_from_name((const char *)sqlite3_column_text(s, 2));
    ev->type = t >= 0 ? t : CEV_EV_OTHER;
    ev->article_id = str(&rr, 1);
    read_actor(&rr, 3, &ev->actor);
    read_actor(&rr, 8, &ev->target);
    cev_location *l = &ev->location;
    memset(l, 0, sizeof *l);
    if (!is_null(s, 17)) {
        l->id = str(&rr, 13);
        l->name = str(&rr, 14);
        l->admin1 = str(&rr, 15);
        l->country = str(&rr, 16);
        l->text = str(&rr, 17);
        if (!is_null(s, 18) && !is_null(s, 19)) {
            l->has_coords = 1;
            l->lat = sqlite3_column_double(s, 18);
            l->lon = sqlite3_column_double(s, 19);
        }
        l->precision = cev_geo_precision_from_name((const char *)sqlite3_column_text(s, 20));
        l->kind = kind_of(s, 21);
    }
    memset(&ev->date, 0, sizeof ev->date);
    if (!is_null(s, 22)) {
        ev->date.start = sqlite3_column_int(s, 22);
        ev->date.end = is_null(s, 23) ? ev->date.start : sqlite3_column_int(s, 23);
        int p = cev_date_precision_from_name((const char *)sqlite3_column_text(s, 24));
        ev->date.precision = p ? p : CEV_DATE_DAY;
        ev->date.text = str(&rr, 25);
    }
    read_count(&rr, 26, &ev->killed);
    read_count(&rr, 29, &ev->injured);
    read_count(&rr, 32, &ev->abducted);
    memset(&ev->source, 0, sizeof ev->source);
    if (!is_null(s, 37)) {
        ev->source.id = str(&rr, 35);
        ev->source.name = str(&rr, 36);
        ev->source.text = str(&rr, 37);
    }
    ev->span.start = (uint64_t)sqlite3_column_int64(s, 38);
    ev->span.end = (uint64_t)sqlite3_column_int64(s, 39);
    ev->spans = NULL;
    ev->n_spans = 0;
    cev_span_buf local = {0};
    cev_span_buf *use = sb ? sb : &local;
    if (!is_null(s, 40)) {
        if (parse_spans((const char *)sqlite3_column_text(s, 40), use))
            rr.oom = 1;
        else if (use->n) {
            if (r) {
                cev_span *sp = cev_result_spans(r, use->n);
                if (sp) {
                    memcpy(sp, use->v, use->n * sizeof *sp);
                    ev->spans = sp;
                    ev->n_spans = use->n;
                } else {
                    rr.oom = 1;
                }
            } else {
                ev->spans = use->v;
                ev->n_spans = use->n;
            }
        }
    }
    free(local.v);
    ev->sentence = str(&rr, 41);
    ev->trigger = str(&rr, 42);
    ev->confidence = sqlite3_column_double(s, 43);
    return rr.oom ? CEV_ERR_NOMEM : CEV_OK;
}

/* ---- cev_store_query ------------------------------------------------------- */

static int start(cev_store *st)
{
    cev_err_clear(&st->err);
    if (!st->db)
        return cev_err_set(&st->err, CEV_ERR_MISUSE, -1, "the store is not open");
    return CEV_OK;
}

int cev_store_query(cev_result **out, cev_store *st, const cev_query *q)
{
    if (!out)
        return CEV_ERR_INVALID;
    *out = NULL;
    if (!st)
        return CEV_ERR_INVALID;
    int rc = start(st);
    if (rc || (rc = cev_query_check(st, q)))
        return rc;
    sqlite3_stmt *s = NULL;
    if ((rc = cev_sql_events(st, q, "1", &s)))
        return rc;
    cev_result *r = cev_result_create();
    cev_span_buf sb = {0};
    int src = SQLITE_DONE;
    if (!r)
        rc = CEV_ERR_NOMEM;
    while (rc == CEV_OK && (src = sqlite3_step(s)) == SQLITE_ROW) {
        cev_event *ev = cev_result_push(r);
        rc = ev ? cev_store_row_event(s, ev, r, &sb) : CEV_ERR_NOMEM;
    }
    if (rc)
        rc = cev_err_set(&st->err, rc, -1, "out of memory");
    else if (src != SQLITE_DONE)
        rc = cev_store_fail(st, src, "query failed");
    sqlite3_finalize(s);
    free(sb.v);
    if (rc) {
        cev_result_free(r);
        return rc;
    }
    *out = r;
    return CEV_OK;
}

/* ---- counts ----------------------------------------------------------------------- */

struct cev_buckets {
    cev_bucket *v;
    size_t n, cap;
    cev_arena *arena;
};

size_t cev_buckets_count(const cev_buckets *b) { return b ? b->n : 0; }

const cev_bucket *cev_buckets_get(const cev_buckets *b, size_t i)
{
    return b && i < b->n ? &b->v[i] : NULL;
}

void cev_buckets_free(cev_buckets *b)
{
    if (!b)
        return;
    free(b->v);
    cev_arena_free(b->arena);
    free(b);
}

static int push_bucket(cev_buckets *b, const char *key, int64_t events, int64_t killed)
{
    if (b->n == b->cap) {
        size_t nc = b->cap ? b->cap * 2 : 64;
        cev_bucket *p = realloc(b->v, nc * sizeof *p);
        if (!p)
            return CEV_ERR_NOMEM;
        b->v = p;
        b->cap = nc;
    }
    const char *k = cev_arena_strdup(b->arena, key);
    if (!k)
        return CEV_ERR_NOMEM;
    b->v[b->n].key = k;
    b->v[b->n].events = events;
    b->v[b->n++].killed = killed;
    return CEV_OK;
}

int cev_store_count(cev_buckets **out, cev_store *st, const cev_query *q, int group_by)
{
    if (!out)
        return CEV_ERR_INVALID;
    *out = NULL;
    if (!st)
        return CEV_ERR_INVALID;
    int rc = start(st);
    if (rc || (rc = cev_query_check(st, q)))
        return rc;
    if (group_by != CEV_GROUP_DAY && group_by != CEV_GROUP_PLACE)
        return cev_err_set(&st->err, CEV_ERR_INVALID, -1, "unknown grouping %d", group_by);
    int day = group_by == CEV_GROUP_DAY;
    cev_sql sql;
    cev_sql_init(&sql);
    /* Events are counted on their first day; those without a date (or a
     * place) are left out of the timeline (or the map). */
    cev_buf_printf(&sql.text,
                   "SELECT %s, count(*), coalesce(sum(e.killed_min), 0)"
                   " FROM events e JOIN articles a ON a.id = e.article WHERE %s",
                   day ? "e.date_start" : "coalesce(e.loc_name, e.loc_text)",
                   day ? "e.date_start IS NOT NULL" : "e.loc_text IS NOT NULL");
    sqlite3_stmt *s = NULL;
    rc = cev_sql_filters(st, &sql, q);
    if (rc == CEV_OK) {
        cev_buf_puts(&sql.text, day ? " GROUP BY e.date_start ORDER BY e.date_start"
                                    : " GROUP BY coalesce(e.loc_id, e.loc_name, e.loc_text)"
                                      " ORDER BY 2 DESC, 1");
        cev_sql_limit(&sql, q);
        rc = cev_sql_prepare(st, &sql, &s);
    }
    cev_sql_free(&sql);
    if (rc)
        return rc;
    cev_buckets *b = calloc(1, sizeof *b);
    if (b && !(b->arena = cev_arena_new())) {
        free(b);
        b = NULL;
    }
    int src = SQLITE_DONE;
    if (!b)
        rc = CEV_ERR_NOMEM;
    while (rc == CEV_OK && (src = sqlite3_step(s)) == SQLITE_ROW) {
        char key[16];
        const char *k = key;
        if (day)
            cev_format_ymd(sqlite3_column_int(s, 0), key);
        else
            k = (const char *)sqlite3_column_text(s, 0);
        rc = push_bucket(b, k ? k : "", sqlite3_column_int64(s, 1), sqlite3_column_int64(s, 2));
    }
    if (rc)
        rc = cev_err_set(&st->err, rc, -1, "out of memory");
    else if (src != SQLITE_DONE)
        rc = cev_store_fail(st, src, "count failed");
    sqlite3_finalize(s);
    if (rc) {
        cev_buckets_free(b);
        return rc;
    }
    *out = b;
    return CEV_OK;
}
