/* store.h - the SQLite store behind cev_store_*: the handle, its cache of
 * prepared statements, and what store.c, store_schema.c, store_query.c,
 * incidents.c and export.c share.  Not installed: SQLite stays private.
 * The schema itself is documented in docs/schema.md. */
#ifndef CEV_STORE_H
#define CEV_STORE_H

#include <sqlite3.h>

#include "internal.h"
#include "result.h"

/* Newest schema this library knows (PRAGMA user_version). */
#define CEV_SCHEMA_VERSION 3
/* How long a writer waits for another process's lock before CEV_ERR_DB_BUSY. */
#define CEV_STORE_BUSY_MS 10000
/* Reports with no date of their own are placed in the week before publication. */
#define CEV_INC_UNDATED_WINDOW 7
/* Incident date ranges longer than this are not searched for merges (a
 * bounded index range keeps ingest fast; such vague reports stay alone). */
#define CEV_INC_MAX_SPAN 31

typedef struct cev_inc_cache cev_inc_cache;

/* The columns of an incident (the incidents view, exports), and the values
 * a lone report gives them over "events e JOIN articles a": those its own
 * row would have had (summarize() of one report in incidents.c: an undated
 * report in the week before publication, casualties low = best = its
 * lower figure).  The view was made from these by migration 2; changing
 * them needs a migration that remakes it. */
#define CEV_INCIDENT_COLS                                                                    \
    "id, type, date_start, date_end, date_precision, actor_id, actor_name, loc_id,"          \
    " loc_name, loc_admin1, loc_country, lat, lon, geo_precision, n_reports, n_articles,"    \
    " n_outlets, n_sources, killed_low, killed_best, killed_high, injured_low,"              \
    " injured_best, injured_high"
#define CEV_SOLO_INCIDENT_VALUES                                                             \
    "e.id, e.type,"                                                                          \
    " CASE WHEN e.date_start IS NOT NULL THEN e.date_start"                                  \
    "  WHEN a.published > 0 THEN CAST(strftime('%Y%m%d', printf('%04d-%02d-%02d',"           \
    "   a.published / 10000, a.published / 100 % 100, a.published % 100), '-7 days')"        \
    "   AS INTEGER) END,"                                                                    \
    " CASE WHEN e.date_start IS NOT NULL THEN e.date_end"                                    \
    "  WHEN a.published > 0 THEN a.published END,"                                           \
    " CASE WHEN e.date_start IS NOT NULL THEN e.date_precision"                              \
    "  WHEN a.published > 0 THEN 'none' END,"                                                \
    " e.actor_id, coalesce(e.actor_name, e.actor_text),"                                     \
    " e.loc_id, coalesce(e.loc_name, e.loc_text), e.loc_admin1, e.loc_country,"              \
    " CASE WHEN e.lon IS NOT NULL THEN e.lat END,"                                           \
    " CASE WHEN e.lat IS NOT NULL THEN e.lon END, e.geo_precision, 1, 1, 1, 1,"              \
    " e.killed_min, e.killed_min,"                                                           \
    " CASE WHEN e.killed_max > e.killed_min THEN e.killed_max ELSE e.killed_min END,"        \
    " e.injured_min, e.injured_min,"                                                         \
    " CASE WHEN e.injured_max > e.injured_min THEN e.injured_max ELSE e.injured_min END"
_Static_assert(CEV_INC_UNDATED_WINDOW == 7, "CEV_SOLO_INCIDENT_VALUES says '-7 days'");

/* Statements prepared once per handle and reused (ingest speed). */
enum {
    ST_ARTICLE_BY_ID,
    ST_ARTICLE_BY_HASH,
    ST_ARTICLE_INSERT,
    ST_ARTICLE_SKETCH,
    ST_ARTICLE_DELETE,
    ST_SKETCH_INSERT,
    ST_SKETCH_LOOKUP,
    ST_SKETCH_DELETE,
    ST_EVENT_INSERT,
    ST_EVENTS_OF_ARTICLE,
    ST_INC_BY_DATE,
    ST_SOLO_BY_DATE,
    ST_SOLO_UNDATED,
    ST_EVENT_NEXT_ID,
    ST_INC_INSERT,
    ST_INC_UPDATE,
    ST_INC_DELETE,
    ST_INC_REPORTS,
    ST_META_GET,
    ST_META_SET,
    ST_META_ALL,
    ST_ARTICLE_NEXT_ID,
    ST_INC_KEYS,
    ST_EVENT_SET_INCIDENT,
    ST_DATA_VERSION,
    ST__COUNT
};

struct cev_store {
    sqlite3 *db;
    cev_err err;
    unsigned flags;
    int schema_version;
    int32_t inc_span;      /* longest incident date range, in the current write */
    int inc_coarse;        /* 1 when coarse (admin1+) incidents exist */
    int32_t ev_span;       /* longest event date range stored */
    int batch;             /* 1 while a batch transaction is open */
    int batch_failed;      /* 1 when an error rolled the batch back */
    cev_inc_cache *inc_cache; /* incidents near recent reports (inc_cache.c) */
    sqlite3_stmt *stmt[ST__COUNT];
};

/* ---- store.c ------------------------------------------------------------ */

/* Map a SQLite result code to a cev_error, set the handle's error to
 * "what: sqlite message" and return the cev_error. */
int cev_store_fail(cev_store *st, int rc, const char *what);
/* The cached statement `which` (prepared from `sql` the first time), reset
 * with its bindings cleared; NULL (error set) when it cannot be prepared. */
sqlite3_stmt *cev_store_stmt_sql(cev_store *st, int which, const char *sql);
/* Every public call starts with cev_store_enter: clear the last error,
 * refuse a closed store.  Calls that write then check cev_store_writable
 * (refuses a store opened read-only).  Both return the error set. */
int cev_store_enter(cev_store *st);
int cev_store_writable(cev_store *st);
/* Run SQL without results; error set on failure. */
int cev_store_exec(cev_store *st, const char *sql);
/* Step a statement that returns no rows (INSERT/UPDATE/DELETE). */
int cev_store_step_done(cev_store *st, sqlite3_stmt *s, const char *what);
/* Write transactions take the write lock at BEGIN, so two writers never
 * deadlock on a lock upgrade.  Inside a batch they are the batch's. */
int cev_store_begin(cev_store *st);
int cev_store_commit(cev_store *st);
void cev_store_rollback(cev_store *st);
/* meta table: read an integer (0 when absent); raise one to at least v. */
int cev_store_meta_get(cev_store *st, const char *key, int64_t *v);
int cev_store_meta_max(cev_store *st, const char *key, int64_t v);
/* Batch: many cev_store_add / cev_store_delete_article calls in one
 * transaction (bulk loads: one commit instead of one per article).  An
 * error inside the batch rolls all of it back: later calls fail until
 * cev_store_end_batch, which then reports it.  Input refused before any
 * write (an invalid event, a bad date) does not.  Closing the store with a
 * batch open discards it.  Public: see conflictev.h. */
/* Override the busy timeout (tests). */
void cev_store_set_busy_ms(cev_store *st, int ms);

/* Bind helpers: NULL strings bind SQL NULL. */
int cev_bind_text(sqlite3_stmt *s, int i, const char *v);
/* Column text or NULL. */
const char *cev_col_text(sqlite3_stmt *s, int i);

/* ---- sha256.c ------------------------------------------------------------ */

/* SHA-256 of `len` bytes as 64 lowercase hex digits and a NUL. */
void cev_sha256_hex(const void *data, size_t len, char out[65]);
/* The same; portable = 1 keeps to the portable C rounds (tests compare). */
void cev_sha256_hex_with(const void *data, size_t len, char out[65], int portable);

/* ---- store_aliases.c ----------------------------------------------------- */

/* The TSV of docs/data-format.md from the alias tables, header included;
 * *out is malloc'd, NULL when the table is empty.  `places` selects the
 * places table instead of the entities table. */
int cev_store_aliases_tsv(cev_store *st, int places, char **out);
/* Store the records of an entities or places TSV text (replacing those with
 * the same id). Runs inside the caller's transaction. */
int cev_store_put_aliases_tsv(cev_store *st, int places, const char *tsv);

/* ---- store_schema.c ----------------------------------------------------- */

/* Bring the schema to CEV_SCHEMA_VERSION (inside one write transaction).
 * Fails with CEV_ERR_DB_VERSION when the file is newer. */
int cev_store_migrate(cev_store *st);
/* Number of migrations known: the library's schema version. */
int cev_store_known_version(void);

/* ---- store_query.c ------------------------------------------------------ */

/* Column list of an event row over "events e JOIN articles a", as read by
 * cev_store_row_event; the CEV_COL_* columns follow the event's own. */
extern const char cev_store_event_cols[];
enum {
    CEV_COL_ID = 0,
    CEV_COL_INCIDENT = 44,
    CEV_COL_OUTLET = 45,
    CEV_COL_URL = 46,
    CEV_COL_PUBLISHED = 47
};

/* SQL text being assembled from fixed fragments, and the values to bind to
 * its numbered parameters (strings borrowed for the call). */
#define CEV_SQL_MAX_VALUES 32
typedef struct cev_sql_value {
    int kind; /* 1 text, 2 integer, 3 real */
    const char *s;
    int64_t i;
    double d;
} cev_sql_value;
typedef struct cev_sql {
    cev_buf text;
    int n;
    cev_sql_value v[CEV_SQL_MAX_VALUES];
} cev_sql;

void cev_sql_init(cev_sql *q);
void cev_sql_free(cev_sql *q);
/* Check a query's fields; q may be NULL (everything). */
int cev_query_check(cev_store *st, const cev_query *q);
/* Append " AND <condition>" for every filter of q (over e and a). */
int cev_sql_filters(cev_store *st, cev_sql *sql, const cev_query *q);
/* Append " LIMIT ?" when q has a limit. */
void cev_sql_limit(cev_sql *sql, const cev_query *q);
int cev_sql_prepare(cev_store *st, cev_sql *sql, sqlite3_stmt **out);
/* The events (cev_store_event_cols) matching `where` (fixed SQL) and q, in
 * date order, prepared with their bindings. */
int cev_sql_events(cev_store *st, const cev_query *q, const char *where, sqlite3_stmt **out);

/* Spans parsed from a row: scratch memory reused row after row. */
typedef struct cev_span_buf {
    cev_span *v;
    size_t n, cap;
} cev_span_buf;

/* Fill *ev (zeroed by the caller, counts at -1) from the current row of a
 * statement selecting cev_store_event_cols.  With r, strings and spans are
 * copied into r; without, they point into the row (valid until the next
 * step) and into `spans`. */
int cev_store_row_event(sqlite3_stmt *s, cev_event *ev, cev_result *r, cev_span_buf *spans);

/* Inverse of cev_date_precision_name / cev_geo_precision_name; 0 when unknown. */
int cev_date_precision_from_name(const char *s);
int cev_geo_precision_from_name(const char *s);

/* ---- reposts.c ----------------------------------------------------------- */

/* A fixed sample of an article's word 4-gram hashes (those divisible by
 * CEV_SKETCH_MOD, at most CEV_SKETCH_MAX smallest), sorted ascending: two
 * texts share the samples of the shingles they share, whatever else they
 * hold, so containment can be estimated from samples alone. */
#define CEV_SKETCH_MOD 8
#define CEV_SKETCH_MAX 256
/* Samples also divisible by this are indexed (article_shingles) to find
 * candidates: fewer index rows, fewer pages written per article. */
#define CEV_SKETCH_KEY_MOD 64
#define cev_sketch_is_key(h) ((h) % CEV_SKETCH_KEY_MOD == 0)
typedef struct cev_sketch {
    uint64_t *h;
    size_t n;
    int capped; /* 1 when samples beyond the largest kept were dropped */
} cev_sketch;

int cev_sketch_text(cev_sketch *out, const char *text, size_t len);
void cev_sketch_free(cev_sketch *sk);
/* Estimated |A ∩ B| / min(|A|, |B|) over shingles; -1 when too few samples. */
double cev_sketch_containment(const cev_sketch *a, const cev_sketch *b);
/* Sketch as a blob (little-endian 8-byte values) and back. */
int cev_sketch_from_blob(cev_sketch *out, const void *blob, size_t bytes, int capped);
/* Word-set containment of two sentences, 0..1. */
double cev_sentence_similarity(const char *a, const char *b);

/* The article being stored, as incident matching needs it. */
typedef struct cev_inc_article {
    int64_t rowid;
    int64_t story;     /* near-duplicate cluster (rowid of its first article) */
    int64_t dup_of;    /* the stored article it repeats, or 0 */
    int32_t published; /* yyyymmdd or 0 */
} cev_inc_article;

/* Find the near-duplicate cluster of a new article: sets a->story and
 * a->dup_of (0 when none).  Reads only. */
int cev_inc_find_story(cev_store *st, cev_inc_article *a, const cev_sketch *sk);

/* ---- incidents.c ---------------------------------------------------------- */

/* Choose the incident of every event of the article before the events are
 * inserted with ids first_id, first_id + 1, ...: incident_of[i] for
 * events->events[i], or the event's own id when it starts alone (it is then
 * stored with incident NULL: a lone report is its own incident, with no
 * row in merged_incidents).  Incidents joined (whose figures must be
 * recomputed) are appended to *touched (deduplicated). */
int cev_inc_assign(cev_store *st, const cev_inc_article *a, const cev_result *events,
                   int64_t first_id, int64_t *incident_of, int64_t *touched, size_t *n_touched);
/* Recompute an incident's figures from its reports; delete its row when
 * one report or none is left (a lone report is its own incident).  With resplit (after a delete), reports that no longer fit together
 * are split into new incidents. */
int cev_inc_recompute(cev_store *st, int64_t incident, int resplit);
/* Read the meta values that bound the candidate search (and the longest
 * event range); call at the start of each write transaction. */
int cev_inc_begin(cev_store *st);

/* ---- inc_cache.c ------------------------------------------------------------ */

/* What matching reads of an incident: a merged_incidents row, or a lone
 * report (solo: id is its event id).  Strings belong to the cache (or to
 * the caller, for cev_inc_cache_put). */
typedef struct cev_inc_cand {
    int64_t id;
    int solo;
    int type, has_date, has_coords, gprec;
    int32_t d0, d1;
    double lat, lon;
    const char *actor_id, *loc_id, *loc_name, *admin1, *country;
} cev_inc_cand;
typedef void (*cev_inc_cand_fn)(const cev_inc_cand *c, void *ctx);

/* A lone report as a candidate: these columns of "events e" read by
 * cev_inc_cand_from_row (strings belong to the statement's row). */
#define CEV_SOLO_CAND_COLS                                                                    \
    "e.id, e.type, e.date_start, e.date_end, e.actor_id, e.loc_id,"                           \
    " coalesce(e.loc_name, e.loc_text), e.loc_admin1, e.loc_country, e.lat, e.lon,"           \
    " e.geo_precision"
/* The candidate of a row whose first columns are CEV_SOLO_CAND_COLS (or a
 * merged incident's); with published_col >= 0, a row without a date is
 * placed in the week before that column's publication date. */
void cev_inc_cand_from_row(cev_inc_cand *x, sqlite3_stmt *s, int solo, int published_col);

/* The buckets a candidate is found in (incidents.c): its one-degree cell
 * (-1 when coarse), its admin1 area key (NULL without a country; written to
 * area, of area_size bytes) and its coarse flag. */
void cev_inc_cand_keys(const cev_inc_cand *c, int64_t *cell, char *area, size_t area_size,
                       const char **area_out, int *coarse);

/* A bucket is a one-degree cell (cell >= 0, area ignored) or an admin1 area
 * with its coarse flag (cell -1).  Scan calls fn for each candidate of the
 * bucket whose d0 is in [lo, hi] (yyyymmdd), reading the database only for
 * dates not already held. */
int cev_inc_cache_scan(cev_store *st, int64_t cell, const char *area, int coarse, int32_t lo,
                       int32_t hi, cev_inc_cand_fn fn, void *ctx);
/* After an incident row or a lone report is written: hold its values.
 * Before one changes or goes: forget it under its old keys (cell -1 / area
 * NULL: none). */
int cev_inc_cache_put(cev_store *st, const cev_inc_cand *c);
void cev_inc_cache_forget(cev_store *st, int64_t id, int64_t cell, const char *area, int coarse);
/* Forget a candidate under the keys of its own values. */
void cev_inc_cache_forget_cand(cev_store *st, const cev_inc_cand *c);
/* At the start of a write transaction: clear the cache when another
 * connection has committed since the last one. */
int cev_inc_cache_check(cev_store *st);
void cev_inc_cache_clear(cev_inc_cache *c);
void cev_inc_cache_free(cev_inc_cache *c);

#endif
