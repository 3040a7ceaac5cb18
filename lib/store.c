/* store.c - cev_store: opening (create, migrate, refuse what is not ours),
 * errors, transactions, storing and deleting articles.
 *
 * Every value reaches SQLite through a bound parameter; SQL text is only
 * ever assembled from fixed fragments. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "context.h"
#include "store.h"

/* ---- errors ------------------------------------------------------------ */

static int map_rc(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE: return CEV_OK;
    case SQLITE_NOMEM: return CEV_ERR_NOMEM;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return CEV_ERR_DB_BUSY;
    case SQLITE_READONLY: return CEV_ERR_READONLY;
    case SQLITE_FULL: return CEV_ERR_FULL;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return CEV_ERR_DB_CORRUPT;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN: return CEV_ERR_IO;
    case SQLITE_MISUSE: return CEV_ERR_MISUSE;
    default: return CEV_ERR_DB;
    }
}

int cev_store_fail(cev_store *st, int rc, const char *what)
{
    int code = map_rc(rc);
    if (code == CEV_OK)
        code = CEV_ERR_DB;
    const char *msg = st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc);
    if (code == CEV_ERR_DB_BUSY)
        return cev_err_set(&st->err, code, -1, "%s: %s (another process held the lock)",
                           what, msg);
    return cev_err_set(&st->err, code, -1, "%s: %s", what, msg);
}

static int not_open(cev_store *st)
{
    return cev_err_set(&st->err, CEV_ERR_MISUSE, -1, "the store is not open");
}

/* Every call starts here: clear the last error, refuse a closed store. */
int cev_store_enter(cev_store *st)
{
    cev_err_clear(&st->err);
    return st->db ? CEV_OK : not_open(st);
}

/* Calls that write refuse a store opened read-only. */
int cev_store_writable(cev_store *st)
{
    if (st->flags & CEV_STORE_READONLY)
        return cev_err_set(&st->err, CEV_ERR_READONLY, -1, "the store was opened read-only");
    return CEV_OK;
}

const char *cev_store_errmsg(const cev_store *st)
{
    if (!st)
        return "no store (NULL handle)";
    return st->err.code == CEV_OK ? "no error" : st->err.msg;
}

int cev_store_errcode(const cev_store *st) { return st ? st->err.code : CEV_ERR_INVALID; }

int cev_store_schema_version(const cev_store *st) { return st ? st->schema_version : -1; }

/* ---- statements and transactions ---------------------------------------- */

sqlite3_stmt *cev_store_stmt_sql(cev_store *st, int which, const char *sql)
{
    sqlite3_stmt *s = st->stmt[which];
    if (s) {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
        return s;
    }
    int rc = sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL);
    if (rc != SQLITE_OK) {
        cev_store_fail(st, rc, "cannot prepare a statement");
        return NULL;
    }
    st->stmt[which] = s;
    return s;
}

int cev_store_exec(cev_store *st, const char *sql)
{
    int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? CEV_OK : cev_store_fail(st, rc, "database error");
}

int cev_store_step_done(cev_store *st, sqlite3_stmt *s, const char *what)
{
    int rc = sqlite3_step(s);
    if (rc == SQLITE_DONE || rc == SQLITE_ROW) {
        sqlite3_reset(s);
        return CEV_OK;
    }
    rc = cev_store_fail(st, rc, what);
    sqlite3_reset(s);
    return rc;
}

/* Inside a batch (cev_store_begin_batch) an article runs in the batch's
 * transaction; an error there rolls the whole batch back (a savepoint per
 * article would cost a copy of every page it touches). */
int cev_store_begin(cev_store *st)
{
    if (st->batch)
        return st->batch_failed ? cev_err_set(&st->err, CEV_ERR_DB, -1,
                                              "the batch was rolled back by an earlier "
                                              "error; end it and start again")
                                : CEV_OK;
    int rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    return rc == SQLITE_OK ? CEV_OK : cev_store_fail(st, rc, "cannot start a write transaction");
}

int cev_store_commit(cev_store *st)
{
    if (st->batch)
        return CEV_OK;
    int rc = sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
    return rc == SQLITE_OK ? CEV_OK : cev_store_fail(st, rc, "cannot commit");
}

void cev_store_rollback(cev_store *st)
{
    if (st->batch)
        st->batch_failed = 1;
    /* The cache may hold rows the rollback takes away. */
    cev_inc_cache_clear(st->inc_cache);
    /* Nothing to do when SQLite already rolled back (e.g. after SQLITE_FULL). */
    if (!sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

int cev_store_begin_batch(cev_store *st)
{
    if (!st)
        return CEV_ERR_INVALID;
    if (cev_store_enter(st))
        return st->err.code;
    if (st->batch)
        return cev_err_set(&st->err, CEV_ERR_MISUSE, -1, "a batch is already open");
    if (cev_store_writable(st))
        return st->err.code;
    int rc = cev_store_begin(st);
    if (rc == CEV_OK) {
        st->batch = 1;
        st->batch_failed = 0;
    }
    return rc;
}

int cev_store_end_batch(cev_store *st, int commit)
{
    if (!st)
        return CEV_ERR_INVALID;
    cev_err_clear(&st->err);
    if (!st->db || !st->batch)
        return cev_err_set(&st->err, CEV_ERR_MISUSE, -1, "no batch is open");
    int failed = st->batch_failed;
    st->batch = st->batch_failed = 0;
    if (failed || sqlite3_get_autocommit(st->db)) {
        cev_store_rollback(st);
        return cev_err_set(&st->err, CEV_ERR_DB, -1,
                           "the batch was rolled back by an earlier error");
    }
    if (!commit) {
        cev_store_rollback(st);
        return CEV_OK;
    }
    int rc = cev_store_commit(st);
    if (rc)
        cev_store_rollback(st);
    return rc;
}

void cev_store_set_busy_ms(cev_store *st, int ms)
{
    if (st && st->db)
        sqlite3_busy_timeout(st->db, ms);
}

int cev_bind_text(sqlite3_stmt *s, int i, const char *v)
{
    return v ? sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC) : sqlite3_bind_null(s, i);
}

const char *cev_col_text(sqlite3_stmt *s, int i)
{
    return (const char *)sqlite3_column_text(s, i);
}

/* ---- open / close -------------------------------------------------------- */

/* "file:" URI for `path` with ?immutable=1 (a read-only file in a directory
 * we cannot write: SQLite could not make the WAL index, so it reads the file
 * as it is). */
static char *immutable_uri(const char *path)
{
    cev_buf b;
    cev_buf_init(&b);
    cev_buf_puts(&b, "file:");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (*p == '%' || *p == '?' || *p == '#' || *p < 0x21 || *p >= 0x7f)
            cev_buf_printf(&b, "%%%02X", *p);
        else
            cev_buf_putc(&b, (char)*p);
    }
    cev_buf_puts(&b, "?immutable=1");
    return cev_buf_detach(&b);
}

static int open_handle(cev_store *st, const char *path, int immutable)
{
    unsigned flags = st->flags;
    int of = SQLITE_OPEN_NOMUTEX;
    if (flags & CEV_STORE_READONLY)
        of |= SQLITE_OPEN_READONLY;
    else
        of |= SQLITE_OPEN_READWRITE | ((flags & CEV_STORE_NO_CREATE) ? 0 : SQLITE_OPEN_CREATE);
    char *uri = NULL;
    if (immutable) {
        if (!(uri = immutable_uri(path)))
            return cev_err_set(&st->err, CEV_ERR_NOMEM, -1, "out of memory");
        of |= SQLITE_OPEN_URI;
    }
    int rc = sqlite3_open_v2(uri ? uri : path, &st->db, of, NULL);
    free(uri);
    if (rc == SQLITE_OK) {
        sqlite3_extended_result_codes(st->db, 1);
        sqlite3_busy_timeout(st->db, CEV_STORE_BUSY_MS);
        return CEV_OK;
    }
    /* Messages leave the path out: the caller knows which file it opened. */
    if ((rc & 0xff) == SQLITE_CANTOPEN && access(path, F_OK) != 0 && errno == ENOENT)
        rc = cev_err_set(&st->err, CEV_ERR_NOT_FOUND, -1, "no such database file");
    else
        rc = cev_store_fail(st, rc, "cannot open the database");
    sqlite3_close(st->db);
    st->db = NULL;
    return rc;
}

int cev_store_meta_get(cev_store *st, const char *key, int64_t *v)
{
    sqlite3_stmt *s = cev_store_stmt_sql(st, ST_META_GET, "SELECT value FROM meta WHERE key = ?1");
    if (!s)
        return st->err.code;
    cev_bind_text(s, 1, key);
    int rc = sqlite3_step(s);
    *v = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? CEV_OK : cev_store_fail(st, rc, "cannot read meta");
}

int cev_store_meta_max(cev_store *st, const char *key, int64_t v)
{
    sqlite3_stmt *s = cev_store_stmt_sql(
        st, ST_META_SET,
        "INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO "
        "UPDATE SET value = max(value, excluded.value)");
    if (!s)
        return st->err.code;
    cev_bind_text(s, 1, key);
    sqlite3_bind_int64(s, 2, v);
    return cev_store_step_done(st, s, "cannot store meta");
}

static int open_store(cev_store *st, const char *path)
{
    int rc = open_handle(st, path, 0);
    if (rc)
        return rc;
    int readonly = (st->flags & CEV_STORE_READONLY) != 0;
    if (!readonly && sqlite3_db_readonly(st->db, "main") == 1)
        return cev_err_set(&st->err, CEV_ERR_READONLY, -1,
                           "the database file is read-only; open it with CEV_STORE_READONLY "
                           "to read it");
    if (readonly) {
        /* A WAL database needs its -shm index; when it cannot be made, read
         * the file as immutable. */
        int src = sqlite3_exec(st->db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
        int prim = src & 0xff;
        if (prim == SQLITE_READONLY || prim == SQLITE_CANTOPEN) {
            sqlite3_close(st->db);
            st->db = NULL;
            if ((rc = open_handle(st, path, 1)))
                return rc;
        }
    }
    if ((rc = cev_store_migrate(st)))
        return rc;
    if (!readonly) {
        /* WAL: readers never block the writer nor each other.  NORMAL
         * synchronous is safe from corruption in WAL mode; a power cut may
         * lose the last transactions, a killed process loses nothing. */
        /* Checkpoints every 8000 pages (32 MB) rather than 1000: the pages
         * every article touches (index tails) are copied back once, not
         * again and again. */
        if ((rc = cev_store_exec(st, "PRAGMA journal_mode = WAL")) ||
            (rc = cev_store_exec(st, "PRAGMA synchronous = NORMAL")) ||
            (rc = cev_store_exec(st, "PRAGMA wal_autocheckpoint = 8000")))
            return rc;
    }
    if ((rc = cev_store_exec(st, "PRAGMA foreign_keys = ON")) ||
        (rc = cev_store_exec(st, "PRAGMA cache_size = -16384")) ||
        (rc = cev_store_exec(st, "PRAGMA temp_store = MEMORY")))
        return rc;
    return CEV_OK;
}

static void close_db(cev_store *st)
{
    cev_inc_cache_free(st->inc_cache);
    st->inc_cache = NULL;
    for (int i = 0; i < ST__COUNT; i++) {
        sqlite3_finalize(st->stmt[i]);
        st->stmt[i] = NULL;
    }
    sqlite3_close_v2(st->db);
    st->db = NULL;
}

int cev_store_open(cev_store **out, const char *path, unsigned flags)
{
    if (!out)
        return CEV_ERR_INVALID;
    *out = NULL;
    cev_store *st = calloc(1, sizeof *st);
    if (!st)
        return CEV_ERR_NOMEM;
    cev_err_clear(&st->err);
    st->flags = flags;
    *out = st;
    if (!path || !*path)
        return cev_err_set(&st->err, CEV_ERR_INVALID, -1, "no database path");
    if (flags & ~(unsigned)(CEV_STORE_READONLY | CEV_STORE_NO_CREATE))
        return cev_err_set(&st->err, CEV_ERR_INVALID, -1, "unknown store flags 0x%x", flags);
    int rc = open_store(st, path);
    if (rc) {
        /* Keep the message; release the file. */
        close_db(st);
        st->schema_version = 0;
    }
    return rc;
}

void cev_store_close(cev_store *st)
{
    if (!st)
        return;
    close_db(st);
    free(st);
}

/* ---- storing an article ------------------------------------------------- */

static const char event_insert_sql[] =
    "INSERT INTO events(article, seq, incident, type,"
    " actor_id, actor_name, actor_text, actor_country, actor_kind,"
    " target_id, target_name, target_text, target_country, target_kind,"
    " loc_id, loc_name, loc_admin1, loc_country, loc_text, lat, lon, geo_precision, loc_kind,"
    " date_start, date_end, date_precision, date_text,"
    " killed_min, killed_max, killed_text, injured_min, injured_max, injured_text,"
    " abducted_min, abducted_max, abducted_text,"
    " source_id, source_name, source_text,"
    " span_start, span_end, spans, sentence, trigger_text, confidence, id)"
    " VALUES (?,?,?,?, ?,?,?,?,?, ?,?,?,?,?, ?,?,?,?,?,?,?,?,?, ?,?,?,?,"
    " ?,?,?,?,?,?, ?,?,?, ?,?,?, ?,?,?,?,?,?, ?)";

static int bind_actor(sqlite3_stmt *s, int i, const cev_actor *a)
{
    if (!a->text)
        return SQLITE_OK;
    return cev_bind_text(s, i, a->id) | cev_bind_text(s, i + 1, a->name) |
           cev_bind_text(s, i + 2, a->text) | cev_bind_text(s, i + 3, a->country) |
           cev_bind_text(s, i + 4, cev_kind_name(a->kind));
}

static int bind_count(sqlite3_stmt *s, int i, const cev_count *c)
{
    if (!c->text)
        return SQLITE_OK;
    int rc = sqlite3_bind_int64(s, i, c->min);
    if (c->max >= 0)
        rc |= sqlite3_bind_int64(s, i + 1, c->max);
    return rc | cev_bind_text(s, i + 2, c->text);
}

static int valid_ymd(int32_t v)
{
    int y = v / 10000, m = v / 100 % 100, d = v % 100;
    return v > 0 && m >= 1 && m <= 12 && d >= 1 && d <= cev_days_in_month(y, m);
}

static int64_t ymd_days(int32_t v) { return cev_days_from_ymd(v / 10000, v / 100 % 100, v % 100); }

/* Reject what would come back as a different event. */
static int check_event(cev_store *st, const cev_event *ev, size_t i)
{
    if (!cev_event_type_name(ev->type))
        return cev_err_set(&st->err, CEV_ERR_INVALID, -1, "event %zu: unknown type %d", i,
                           (int)ev->type);
    if (ev->date.precision != CEV_DATE_NONE &&
        (!cev_date_precision_name(ev->date.precision) || !valid_ymd(ev->date.start) ||
         !valid_ymd(ev->date.end) || ev->date.end < ev->date.start))
        return cev_err_set(&st->err, CEV_ERR_DATE, -1, "event %zu: invalid date range %d..%d",
                           i, (int)ev->date.start, (int)ev->date.end);
    const cev_location *l = &ev->location;
    if (l->text && l->has_coords &&
        (!isfinite(l->lat) || !isfinite(l->lon) || fabs(l->lat) > 90 || fabs(l->lon) > 180))
        return cev_err_set(&st->err, CEV_ERR_INVALID, -1, "event %zu: invalid coordinates", i);
    const cev_count *c[3] = {&ev->killed, &ev->injured, &ev->abducted};
    for (int k = 0; k < 3; k++)
        if (c[k]->text && (c[k]->min < 0 || (c[k]->max >= 0 && c[k]->max < c[k]->min)))
            return cev_err_set(&st->err, CEV_ERR_INVALID, -1, "event %zu: invalid count range",
                               i);
    return CEV_OK;
}

/* Decimal digits without printf (called for every event). */
static void put_u64(cev_buf *b, uint64_t v)
{
    char d[24];
    int n = 0;
    do {
        d[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        cev_buf_putc(b, d[--n]);
}

/* Event `id`; incident 0: alone, its own incident. */
static int insert_event(cev_store *st, int64_t id, int64_t article, size_t seq, int64_t incident,
                        const cev_event *ev, cev_buf *spans)
{
    sqlite3_stmt *s = cev_store_stmt_sql(st, ST_EVENT_INSERT, event_insert_sql);
    if (!s)
        return st->err.code;
    int rc = sqlite3_bind_int64(s, 46, id) | sqlite3_bind_int64(s, 1, article) |
             sqlite3_bind_int64(s, 2, (int64_t)seq) |
             (incident ? sqlite3_bind_int64(s, 3, incident) : sqlite3_bind_null(s, 3)) |
             cev_bind_text(s, 4, cev_event_type_name(ev->type));
    rc |= bind_actor(s, 5, &ev->actor) | bind_actor(s, 10, &ev->target);
    const cev_location *l = &ev->location;
    if (l->text) {
        rc |= cev_bind_text(s, 15, l->id) | cev_bind_text(s, 16, l->name) |
              cev_bind_text(s, 17, l->admin1) | cev_bind_text(s, 18, l->country) |
              cev_bind_text(s, 19, l->text) |
              cev_bind_text(s, 22, cev_geo_precision_name(l->precision)) |
              cev_bind_text(s, 23, cev_kind_name(l->kind));
        if (l->has_coords)
            rc |= sqlite3_bind_double(s, 20, l->lat) | sqlite3_bind_double(s, 21, l->lon);
    }
    if (ev->date.precision != CEV_DATE_NONE)
        rc |= sqlite3_bind_int(s, 24, ev->date.start) | sqlite3_bind_int(s, 25, ev->date.end) |
              cev_bind_text(s, 26, cev_date_precision_name(ev->date.precision)) |
              cev_bind_text(s, 27, ev->date.text);
    rc |= bind_count(s, 28, &ev->killed) | bind_count(s, 31, &ev->injured) |
          bind_count(s, 34, &ev->abducted);
    if (ev->source.text)
        rc |= cev_bind_text(s, 37, ev->source.id) | cev_bind_text(s, 38, ev->source.name) |
              cev_bind_text(s, 39, ev->source.text);
    rc |= sqlite3_bind_int64(s, 40, (int64_t)ev->span.start) |
          sqlite3_bind_int64(s, 41, (int64_t)ev->span.end);
    if (ev->n_spans && ev->spans) {
        spans->len = 0;
        cev_buf_putc(spans, '[');
        for (size_t k = 0; k < ev->n_spans; k++) {
            cev_buf_puts(spans, k ? ",[" : "[");
            put_u64(spans, ev->spans[k].start);
            cev_buf_putc(spans, ',');
            put_u64(spans, ev->spans[k].end);
            cev_buf_putc(spans, ']');
        }
        cev_buf_putc(spans, ']');
        if (spans->oom)
            return cev_err_set(&st->err, CEV_ERR_NOMEM, -1, "out of memory");
        rc |= sqlite3_bind_text(s, 42, spans->data, (int)spans->len, SQLITE_STATIC);
    }
    rc |= cev_bind_text(s, 43, ev->sentence) | cev_bind_text(s, 44, ev->trigger) |
          sqlite3_bind_double(s, 45, isfinite(ev->confidence) ? ev->confidence : 0.0);
    if (rc != SQLITE_OK)
        return cev_store_fail(st, rc, "cannot bind an event");
    return cev_store_step_done(st, s, "cannot store an event");
}

/* Content hash: of the text bytes, or of the events when there is no text
 * (so that an article given as events only is still replaced when they
 * change). */
static int content_hash(const cev_article *a, const cev_result *events, char out[65])
{
    if (a->text) {
        cev_sha256_hex(a->text, a->len, out);
        return CEV_OK;
    }
    cev_buf b;
    cev_buf_init(&b);
    for (size_t i = 0; i < cev_result_count(events); i++) {
        char *js;
        if (cev_event_to_json(&js, cev_result_event(events, i)) != CEV_OK) {
            cev_buf_free(&b);
            return CEV_ERR_NOMEM;
        }
        cev_buf_puts(&b, js);
        cev_buf_putc(&b, '\n');
        free(js);
    }
    if (b.oom) {
        cev_buf_free(&b);
        return CEV_ERR_NOMEM;
    }
    cev_sha256_hex(b.data ? b.data : "", b.len, out);
    cev_buf_free(&b);
    return CEV_OK;
}

static int delete_sketch_rows(cev_store *st, int64_t article)
{
    sqlite3_stmt *s = cev_store_stmt_sql(st, ST_ARTICLE_SKETCH,
                                         "SELECT sketch, sketch_capped, story FROM articles "
                                         "WHERE id = ?1");
    if (!s)
        return st->err.code;
    sqlite3_bind_int64(s, 1, article);
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(s);
        return rc == SQLITE_DONE ? CEV_OK : cev_store_fail(st, rc, "cannot read an article");
    }
    cev_sketch sk;
    rc = cev_sketch_from_blob(&sk, sqlite3_column_blob(s, 0),
                              (size_t)sqlite3_column_bytes(s, 0), 0);
    sqlite3_reset(s);
    if (rc)
        return cev_err_set(&st->err, rc, -1, "out of memory");
    for (size_t i = 0; i < sk.n && rc == CEV_OK; i++) {
        if (!cev_sketch_is_key(sk.h[i]))
            continue;
        sqlite3_stmt *d = cev_store_stmt_sql(
            st, ST_SKETCH_DELETE, "DELETE FROM article_shingles WHERE h = ?1 AND article = ?2");
        if (!d) {
            rc = st->err.code;
            break;
        }
        sqlite3_bind_int64(d, 1, (int64_t)sk.h[i]);
        sqlite3_bind_int64(d, 2, article);
        rc = cev_store_step_done(st, d, "cannot delete an article");
    }
    cev_sketch_free(&sk);
    return rc;
}

/* Remove an article and its events inside the caller's transaction, then
 * bring its incidents up to date. */
static int delete_article_rows(cev_store *st, int64_t article)
{
    int64_t *incs = NULL;
    size_t n = 0, cap = 0;
    int rc = CEV_OK;
    sqlite3_stmt *s = NULL;
    /* The article's lone reports may be held as candidates: start afresh. */
    cev_inc_cache_clear(st->inc_cache);
    int src = sqlite3_prepare_v2(st->db,
                                 "SELECT DISTINCT incident FROM events "
                                 "WHERE article = ?1 AND incident IS NOT NULL",
                                 -1, &s, NULL);
    if (src != SQLITE_OK)
        return cev_store_fail(st, src, "cannot read an article's events");
    sqlite3_bind_int64(s, 1, article);
    while ((src = sqlite3_step(s)) == SQLITE_ROW) {
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 16;
            int64_t *p = realloc(incs, nc * sizeof *p);
            if (!p) {
                rc = cev_err_set(&st->err, CEV_ERR_NOMEM, -1, "out of memory");
                break;
            }
            incs = p;
            cap = nc;
        }
        incs[n++] = sqlite3_column_int64(s, 0);
    }
    if (rc == CEV_OK && src != SQLITE_DONE)
        rc = cev_store_fail(st, src, "cannot read an article's events");
    sqlite3_finalize(s);
    if (rc == CEV_OK)
        rc = delete_sketch_rows(st, article);
    if (rc == CEV_OK) {
        s = NULL;
        src = sqlite3_prepare_v2(st->db, "DELETE FROM events WHERE article = ?1", -1, &s, NULL);
        if (src == SQLITE_OK) {
            sqlite3_bind_int64(s, 1, article);
            rc = cev_store_step_done(st, s, "cannot delete events");
        } else {
            rc = cev_store_fail(st, src, "cannot delete events");
        }
        sqlite3_finalize(s);
    }
    if (rc == CEV_OK) {
        s = cev_store_stmt_sql(st, ST_ARTICLE_DELETE, "DELETE FROM articles WHERE id = ?1");
        if (!s) {
            rc = st->err.code;
        } else {
            sqlite3_bind_int64(s, 1, article);
            rc = cev_store_step_done(st, s, "cannot delete an article");
        }
    }
    for (size_t i = 0; i < n && rc == CEV_OK; i++)
        rc = cev_inc_recompute(st, incs[i], 1);
    free(incs);
    return rc;
}

/* Look an article up by id: *rowid 0 when absent; *same 1 when its content
 * hash equals `sha`. */
static int find_article(cev_store *st, const char *id, const char *sha, int64_t *rowid,
                        int *same)
{
    *rowid = 0;
    *same = 0;
    sqlite3_stmt *s = cev_store_stmt_sql(
        st, ST_ARTICLE_BY_ID, "SELECT id, content_sha256 FROM articles WHERE article_id = ?1");
    if (!s)
        return st->err.code;
    cev_bind_text(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *rowid = sqlite3_column_int64(s, 0);
        const char *h = cev_col_text(s, 1);
        *same = sha && h && strcmp(h, sha) == 0;
    }
    sqlite3_reset(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? CEV_OK
                                                 : cev_store_fail(st, rc, "cannot look up an article");
}

static int content_seen(cev_store *st, const char *sha, int *seen)
{
    sqlite3_stmt *s = cev_store_stmt_sql(
        st, ST_ARTICLE_BY_HASH, "SELECT id FROM articles WHERE content_sha256 = ?1 LIMIT 1");
    if (!s)
        return st->err.code;
    cev_bind_text(s, 1, sha);
    int rc = sqlite3_step(s);
    *seen = rc == SQLITE_ROW;
    sqlite3_reset(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? CEV_OK
                                                 : cev_store_fail(st, rc, "cannot look up an article");
}

/* One integer from a cached single-row statement. */
static int select_int(cev_store *st, int which, const char *sql, int64_t *out, const char *what)
{
    sqlite3_stmt *q = cev_store_stmt_sql(st, which, sql);
    if (!q)
        return st->err.code;
    int rc = sqlite3_step(q);
    *out = sqlite3_column_int64(q, 0);
    sqlite3_reset(q);
    return rc == SQLITE_ROW ? CEV_OK : cev_store_fail(st, rc, what);
}

static int insert_article(cev_store *st, const cev_article *a, const char *id, int32_t published,
                          const char *sha, size_t n_events, const cev_sketch *sk,
                          cev_inc_article *ia)
{
    sqlite3_stmt *s = cev_store_stmt_sql(
        st, ST_ARTICLE_INSERT,
        "INSERT INTO articles(article_id, outlet, url, published, content_sha256, story,"
        " n_events, sketch, sketch_capped, id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    if (!s)
        return st->err.code;
    /* Sketch values as little-endian bytes, whatever the host. */
    unsigned char *blob = NULL;
    if (sk->n) {
        blob = malloc(sk->n * 8);
        if (!blob)
            return cev_err_set(&st->err, CEV_ERR_NOMEM, -1, "out of memory");
        for (size_t i = 0; i < sk->n; i++)
            for (int k = 0; k < 8; k++)
                blob[i * 8 + (size_t)k] = (unsigned char)(sk->h[i] >> (8 * k));
    }
    /* Choose the row id first: the first article of a story names it. */
    int rc = select_int(st, ST_ARTICLE_NEXT_ID, "SELECT coalesce(max(id), 0) + 1 FROM articles",
                        &ia->rowid, "cannot store an article");
    if (rc) {
        free(blob);
        return rc;
    }
    if (!ia->story)
        ia->story = ia->rowid;
    rc = cev_bind_text(s, 1, id) | cev_bind_text(s, 2, a->outlet) |
             cev_bind_text(s, 3, a->url) | cev_bind_text(s, 5, sha) |
             sqlite3_bind_int64(s, 7, (int64_t)n_events) | sqlite3_bind_int(s, 9, sk->capped);
    if (published)
        rc |= sqlite3_bind_int(s, 4, published);
    rc |= sqlite3_bind_int64(s, 6, ia->story) | sqlite3_bind_int64(s, 10, ia->rowid);
    if (blob)
        rc |= sqlite3_bind_blob(s, 8, blob, (int)(sk->n * 8), free);
    if (rc != SQLITE_OK)
        return cev_store_fail(st, rc, "cannot bind an article");
    if ((rc = cev_store_step_done(st, s, "cannot store an article")))
        return rc;
    for (size_t i = 0; i < sk->n; i++) {
        if (!cev_sketch_is_key(sk->h[i]))
            continue;
        sqlite3_stmt *h = cev_store_stmt_sql(
            st, ST_SKETCH_INSERT, "INSERT OR IGNORE INTO article_shingles(h, article) VALUES (?1, ?2)");
        if (!h)
            return st->err.code;
        sqlite3_bind_int64(h, 1, (int64_t)sk->h[i]);
        sqlite3_bind_int64(h, 2, ia->rowid);
        if ((rc = cev_store_step_done(st, h, "cannot store an article")))
            return rc;
    }
    return CEV_OK;
}

/* The id of the article's first event.  Ids are never those of a stored
 * incident: a lone report's incident id is its event id, and a merged
 * incident keeps the id of its first report even after that report is
 * deleted. */
static int next_event_id(cev_store *st, int64_t *id)
{
    return select_int(st, ST_EVENT_NEXT_ID,
                      "SELECT max(coalesce((SELECT max(id) FROM events), 0),"
                      " coalesce((SELECT max(id) FROM merged_incidents), 0)) + 1",
                      id, "cannot store an event");
}

/* Everything of cev_store_add that runs inside the transaction. */
static int add_locked(cev_store *st, const cev_article *a, const char *id, int32_t published,
                      const char *sha, const cev_result *events, const cev_sketch *sk, int *added)
{
    int64_t old;
    int same = 0, seen = 0, rc;
    if ((rc = content_seen(st, sha, &seen)) || (rc = cev_inc_begin(st)))
        return rc;
    if (seen)
        return CEV_OK; /* the same content, under this id or another */
    if ((rc = find_article(st, id, sha, &old, &same)))
        return rc;
    if (old && (rc = delete_article_rows(st, old)))
        return rc; /* a new version replaces the old one */
    size_t n = cev_result_count(events);
    cev_inc_article ia = {0, 0, 0, published};
    if ((rc = cev_inc_find_story(st, &ia, sk)) ||
        (rc = insert_article(st, a, id, published, sha, n, sk, &ia)))
        return rc;
    int64_t first_id = 0;
    if ((rc = next_event_id(st, &first_id)))
        return rc;
    int64_t *inc = calloc(n ? 2 * n : 1, sizeof *inc);
    if (!inc)
        return cev_err_set(&st->err, CEV_ERR_NOMEM, -1, "out of memory");
    int64_t *touched = inc + n;
    size_t n_touched = 0;
    cev_buf spans;
    cev_buf_init(&spans);
    rc = cev_inc_assign(st, &ia, events, first_id, inc, touched, &n_touched);
    int32_t max_span = 0;
    for (size_t i = 0; i < n && rc == CEV_OK; i++) {
        const cev_event *ev = cev_result_event(events, i);
        int64_t ev_id = first_id + (int64_t)i;
        rc = insert_event(st, ev_id, ia.rowid, i, inc[i] == ev_id ? 0 : inc[i], ev, &spans);
        if (ev->date.precision != CEV_DATE_NONE) {
            int64_t d = ymd_days(ev->date.end) - ymd_days(ev->date.start);
            if (d > max_span)
                max_span = (int32_t)d;
        }
    }
    for (size_t i = 0; i < n_touched && rc == CEV_OK; i++)
        rc = cev_inc_recompute(st, touched[i], 0);
    if (rc == CEV_OK && max_span > st->ev_span) {
        rc = cev_store_meta_max(st, "max_span_days", max_span);
        st->ev_span = max_span;
    }
    cev_buf_free(&spans);
    free(inc);
    if (rc == CEV_OK)
        *added = 1;
    return rc;
}

int cev_store_add(cev_store *st, const cev_article *a, const cev_result *events, int *added)
{
    if (added)
        *added = 0;
    if (!st)
        return CEV_ERR_INVALID;
    if (cev_store_enter(st))
        return st->err.code;
    if (!a || a->version != CEV_ARTICLE_VERSION)
        return cev_err_set(&st->err, CEV_ERR_INVALID, -1,
                           "article is NULL or not made with CEV_ARTICLE_INIT");
    if (!a->text && a->len)
        return cev_err_set(&st->err, CEV_ERR_INVALID, -1, "article text is NULL");
    if (cev_store_writable(st))
        return st->err.code;
    int32_t published = 0;
    if (a->published && cev_parse_iso_date(a->published, &published) != CEV_OK)
        return cev_err_set(&st->err, CEV_ERR_DATE, -1,
                           "publication date '%.40s' is not a valid YYYY-MM-DD date",
                           a->published);
    size_t n = cev_result_count(events);
    for (size_t i = 0; i < n; i++) {
        int rc = check_event(st, cev_result_event(events, i), i);
        if (rc)
            return rc;
    }
    char sha[65], idbuf[32];
    if (content_hash(a, events, sha))
        return cev_err_set(&st->err, CEV_ERR_NOMEM, -1, "out of memory");
    const char *id = a->id;
    if (!id) {
        /* No id given: name it after its content. */
        snprintf(idbuf, sizeof idbuf, "sha256:%.16s", sha);
        id = idbuf;
    }
    cev_sketch sk;
    if (cev_sketch_text(&sk, a->text, a->text ? a->len : 0))
        return cev_err_set(&st->err, CEV_ERR_NOMEM, -1, "out of memory");
    int added_now = 0;
    int rc = cev_store_begin(st);
    if (rc == CEV_OK) {
        rc = add_locked(st, a, id, published, sha, events, &sk, &added_now);
        if (rc == CEV_OK)
            rc = cev_store_commit(st);
        if (rc != CEV_OK)
            cev_store_rollback(st);
    }
    cev_sketch_free(&sk);
    if (rc == CEV_OK && added)
        *added = added_now;
    return rc;
}

int cev_store_delete_article(cev_store *st, const char *article_id)
{
    if (!st)
        return CEV_ERR_INVALID;
    if (cev_store_enter(st))
        return st->err.code;
    if (!article_id)
        return cev_err_set(&st->err, CEV_ERR_INVALID, -1, "no article id");
    if (cev_store_writable(st))
        return st->err.code;
    int rc = cev_store_begin(st);
    if (rc)
        return rc;
    int64_t row;
    int same;
    rc = cev_inc_begin(st);
    if (rc == CEV_OK)
        rc = find_article(st, article_id, NULL, &row, &same);
    if (rc == CEV_OK && !row) {
        /* Nothing was written: end the transaction cleanly (in a batch, the
         * batch goes on). */
        if ((rc = cev_store_commit(st)) == CEV_OK)
            return cev_err_set(&st->err, CEV_ERR_NOT_FOUND, -1,
                               "no article '%.200s' in the store", article_id);
    }
    if (rc == CEV_OK)
        rc = delete_article_rows(st, row);
    if (rc == CEV_OK)
        rc = cev_store_commit(st);
    if (rc != CEV_OK)
        cev_store_rollback(st);
    return rc;
}
