/* store_schema.c - the database schema and its forward migrations.
 *
 * The schema version is PRAGMA user_version.  migrations[i] takes a database
 * from version i to i + 1; a new version is added by appending one entry,
 * never by editing an old one (files in the field were made by it).
 * docs/schema.md describes every table. */
#include <stdio.h>
#include <string.h>

#include "store.h"

/* 'CEV1': marks the file as ours (PRAGMA application_id). */
#define CEV_APPLICATION_ID 0x43455631

static const char schema_v1[] =
    "CREATE TABLE meta ("
    "  key TEXT PRIMARY KEY,"
    "  value"
    ") WITHOUT ROWID;"

    "CREATE TABLE articles ("
    "  id INTEGER PRIMARY KEY,"
    "  article_id TEXT NOT NULL UNIQUE,"
    "  outlet TEXT,"
    "  url TEXT,"
    "  published INTEGER,"
    "  content_sha256 TEXT NOT NULL,"
    "  ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
    "  story INTEGER,"
    "  n_events INTEGER NOT NULL DEFAULT 0,"
    "  sketch BLOB,"
    "  sketch_capped INTEGER NOT NULL DEFAULT 0"
    ");"
    "CREATE INDEX articles_sha256 ON articles(content_sha256);"

    /* Inverted index of the sketches: which articles hold a shingle sample. */
    "CREATE TABLE article_shingles ("
    "  h INTEGER NOT NULL,"
    "  article INTEGER NOT NULL,"
    "  PRIMARY KEY (h, article)"
    ") WITHOUT ROWID;"

    "CREATE TABLE incidents ("
    "  id INTEGER PRIMARY KEY,"
    "  type TEXT NOT NULL,"
    "  date_start INTEGER,"
    "  date_end INTEGER,"
    "  date_precision TEXT,"
    "  actor_id TEXT,"
    "  actor_name TEXT,"
    "  loc_id TEXT,"
    "  loc_name TEXT,"
    "  loc_admin1 TEXT,"
    "  loc_country TEXT,"
    "  lat REAL,"
    "  lon REAL,"
    "  geo_precision TEXT,"
    "  cell INTEGER,"
    "  area TEXT,"
    "  coarse INTEGER NOT NULL DEFAULT 0,"
    "  n_reports INTEGER NOT NULL DEFAULT 0,"
    "  n_articles INTEGER NOT NULL DEFAULT 0,"
    "  n_outlets INTEGER NOT NULL DEFAULT 0,"
    "  n_sources INTEGER NOT NULL DEFAULT 0,"
    "  killed_low INTEGER, killed_best INTEGER, killed_high INTEGER,"
    "  injured_low INTEGER, injured_best INTEGER, injured_high INTEGER"
    ");"
    /* Candidate search when a report arrives: nearby (one-degree cell) or in
     * the same admin1 area, within a bounded date range.  lat and lon in the
     * index let SQLite drop far incidents without reading their rows. */
    "CREATE INDEX incidents_cell ON incidents(cell, date_start, lat, lon);"
    "CREATE INDEX incidents_area ON incidents(area, coarse, date_start);"

    "CREATE TABLE events ("
    "  id INTEGER PRIMARY KEY,"
    "  article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
    "  seq INTEGER NOT NULL,"
    "  incident INTEGER REFERENCES incidents(id) ON DELETE SET NULL,"
    "  type TEXT NOT NULL,"
    "  actor_id TEXT, actor_name TEXT, actor_text TEXT, actor_country TEXT, actor_kind TEXT,"
    "  target_id TEXT, target_name TEXT, target_text TEXT, target_country TEXT,"
    "  target_kind TEXT,"
    "  loc_id TEXT, loc_name TEXT, loc_admin1 TEXT, loc_country TEXT, loc_text TEXT,"
    "  lat REAL, lon REAL, geo_precision TEXT, loc_kind TEXT,"
    "  date_start INTEGER, date_end INTEGER, date_precision TEXT, date_text TEXT,"
    "  killed_min INTEGER, killed_max INTEGER, killed_text TEXT,"
    "  injured_min INTEGER, injured_max INTEGER, injured_text TEXT,"
    "  abducted_min INTEGER, abducted_max INTEGER, abducted_text TEXT,"
    "  source_id TEXT, source_name TEXT, source_text TEXT,"
    "  span_start INTEGER, span_end INTEGER, spans TEXT,"
    "  sentence TEXT, trigger_text TEXT, confidence REAL"
    ");"
    "CREATE UNIQUE INDEX events_article ON events(article, seq);"
    "CREATE INDEX events_date ON events(date_start);"
    "CREATE INDEX events_incident ON events(incident);"

    "CREATE VIEW incident_reports AS"
    "  SELECT e.incident AS incident, e.id AS event, a.article_id AS article_id,"
    "         a.outlet AS outlet, a.published AS published, a.story AS story,"
    "         e.type AS type, e.source_name AS source,"
    "         e.killed_min AS killed_min, e.killed_max AS killed_max,"
    "         e.injured_min AS injured_min, e.injured_max AS injured_max,"
    "         e.sentence AS sentence"
    "  FROM events e JOIN articles a ON a.id = e.article"
    "  WHERE e.incident IS NOT NULL;"

    /* User aliases, the columns of docs/data-format.md; one row per alias. */
    "CREATE TABLE entities ("
    "  id TEXT PRIMARY KEY,"
    "  kind TEXT NOT NULL,"
    "  country TEXT,"
    "  affiliation TEXT,"
    "  valid_from TEXT,"
    "  valid_to TEXT,"
    "  name TEXT NOT NULL"
    ");"
    "CREATE TABLE places ("
    "  id TEXT PRIMARY KEY,"
    "  kind TEXT NOT NULL,"
    "  country TEXT,"
    "  admin1 TEXT,"
    "  lat REAL,"
    "  lon REAL,"
    "  population INTEGER,"
    "  parent TEXT,"
    "  name TEXT NOT NULL"
    ");"
    "CREATE TABLE aliases ("
    "  owner TEXT NOT NULL CHECK (owner IN ('entity', 'place')),"
    "  id TEXT NOT NULL,"
    "  alias TEXT NOT NULL,"
    "  note TEXT,"
    "  seq INTEGER NOT NULL DEFAULT 0,"
    "  PRIMARY KEY (owner, id, alias)"
    ") WITHOUT ROWID;"

    "PRAGMA application_id = 1128617521;"; /* CEV_APPLICATION_ID */

/* Version 2: a report that no other report joins is its own incident and
 * has no row (writing one for every report cost a third of ingest time and
 * a third of the file).  The table of rows is renamed merged_incidents; the
 * name incidents becomes a view listing every incident, a lone report
 * giving the values its own row had (summarize() of one report in
 * incidents.c).  Incident ids become the event id of the first report, so
 * one id space serves both.  The candidate search reads by date
 * (inc_cache.c), so the cell and area indexes give way to date indexes. */
static const char schema_v2[] =
    /* Old ids may collide with event ids: renumber, with the foreign key
     * from events checked at commit. */
    "PRAGMA defer_foreign_keys = ON;"
    "CREATE TEMP TABLE cev_v2_ids AS"
    "  SELECT incident AS old, min(id) AS new, count(*) AS n FROM events"
    "  WHERE incident IS NOT NULL GROUP BY incident;"
    "UPDATE events SET incident = NULL"
    "  WHERE incident IN (SELECT old FROM cev_v2_ids WHERE n = 1);"
    "DELETE FROM incidents WHERE id NOT IN (SELECT old FROM cev_v2_ids WHERE n > 1);"
    "UPDATE incidents SET id = -id;"
    "UPDATE incidents SET id = (SELECT new FROM cev_v2_ids WHERE old = -incidents.id);"
    "UPDATE events SET incident = (SELECT new FROM cev_v2_ids WHERE old = events.incident)"
    "  WHERE incident IS NOT NULL;"
    "DROP TABLE cev_v2_ids;"

    "DROP VIEW incident_reports;"
    "DROP INDEX incidents_cell;"
    "DROP INDEX incidents_area;"
    "ALTER TABLE incidents RENAME TO merged_incidents;"
    "CREATE INDEX merged_incidents_date ON merged_incidents(date_start);"
    /* Undated reports are placed by publication date. */
    "CREATE INDEX articles_published ON articles(published);"

    "CREATE VIEW incidents AS"
    "  SELECT " CEV_INCIDENT_COLS " FROM merged_incidents"
    "  UNION ALL"
    "  SELECT " CEV_SOLO_INCIDENT_VALUES
    "  FROM events e JOIN articles a ON a.id = e.article WHERE e.incident IS NULL;"

    "CREATE VIEW incident_reports AS"
    "  SELECT coalesce(e.incident, e.id) AS incident, e.id AS event,"
    "         a.article_id AS article_id, a.outlet AS outlet, a.published AS published,"
    "         a.story AS story, e.type AS type, e.source_name AS source,"
    "         e.killed_min AS killed_min, e.killed_max AS killed_max,"
    "         e.injured_min AS injured_min, e.injured_max AS injured_max,"
    "         e.sentence AS sentence"
    "  FROM events e JOIN articles a ON a.id = e.article;";

/* Version 3: the index of events by incident holds only merged reports
 * (lone reports, most of them, have incident NULL and are never looked up
 * by it): one index entry less per stored event. */
static const char schema_v3[] =
    "DROP INDEX events_incident;"
    "CREATE INDEX events_incident ON events(incident) WHERE incident IS NOT NULL;";

/* migrations[i]: version i -> i + 1.  Append only. */
static const char *const migrations[] = {
    schema_v1,
    schema_v2,
    schema_v3,
};

_Static_assert(sizeof migrations / sizeof migrations[0] == CEV_SCHEMA_VERSION,
               "CEV_SCHEMA_VERSION must be the number of migrations");

int cev_store_known_version(void) { return (int)(sizeof migrations / sizeof migrations[0]); }

static int read_pragma_int(cev_store *st, const char *sql, int *out)
{
    sqlite3_stmt *s;
    int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
    if (rc != SQLITE_OK)
        return cev_store_fail(st, rc, "cannot read the database header");
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *out = sqlite3_column_int(s, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_OK && rc != SQLITE_DONE)
        return cev_store_fail(st, rc, "cannot read the database header");
    return CEV_OK;
}

static int count_tables(cev_store *st, int *n)
{
    return read_pragma_int(st, "SELECT count(*) FROM sqlite_schema", n);
}

/* Checks that need no write: is it ours, and not newer than us? */
static int check_version(cev_store *st, int *version)
{
    int v = 0, app = 0, rc;
    if ((rc = read_pragma_int(st, "PRAGMA user_version", &v)) ||
        (rc = read_pragma_int(st, "PRAGMA application_id", &app)))
        return rc;
    if (app != 0 && app != CEV_APPLICATION_ID)
        return cev_err_set(&st->err, CEV_ERR_DB, -1,
                           "not a conflictev database (application_id %d)", app);
    if (v > cev_store_known_version())
        return cev_err_set(&st->err, CEV_ERR_DB_VERSION, -1,
                           "database schema version %d is newer than this library's (%d); "
                           "upgrade libconflictev",
                           v, cev_store_known_version());
    if (v < 0)
        return cev_err_set(&st->err, CEV_ERR_DB_CORRUPT, -1,
                           "database schema version %d is invalid", v);
    if (v == 0) {
        int n = 0;
        if ((rc = count_tables(st, &n)))
            return rc;
        if (n > 0 && app != CEV_APPLICATION_ID)
            return cev_err_set(&st->err, CEV_ERR_DB, -1,
                               "not a conflictev database (it has %d other tables)", n);
    }
    *version = v;
    return CEV_OK;
}

int cev_store_migrate(cev_store *st)
{
    int v, rc = check_version(st, &v);
    if (rc)
        return rc;
    int known = cev_store_known_version();
    if (v == known) {
        st->schema_version = v;
        /* Also reads the schema: a damaged schema page shows up here, at
         * open, rather than at the first query. */
        int n;
        return count_tables(st, &n);
    }
    if (st->flags & CEV_STORE_READONLY)
        return cev_err_set(&st->err, CEV_ERR_READONLY, -1,
                           "database schema version %d must be upgraded to %d; "
                           "open it once without CEV_STORE_READONLY",
                           v, known);
    /* A new file gets 8 KB pages: bulk ingest touches fewer, shallower
     * B-tree pages (about 15% faster in bench/bench_store).  Only an empty
     * file can change its page size; existing files keep theirs. */
    if (v == 0 && (rc = cev_store_exec(st, "PRAGMA page_size = 8192")))
        return rc;
    if ((rc = cev_store_begin(st)))
        return rc;
    /* Another process may have migrated between the check and the lock. */
    if ((rc = check_version(st, &v)))
        goto fail;
    for (int i = v; i < known; i++) {
        char *msg = NULL;
        int src = sqlite3_exec(st->db, migrations[i], NULL, NULL, &msg);
        sqlite3_free(msg);
        if (src != SQLITE_OK) {
            rc = cev_store_fail(st, src, "schema migration failed");
            goto fail;
        }
    }
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", known);
    if ((rc = cev_store_exec(st, sql)) || (rc = cev_store_commit(st)))
        goto fail;
    st->schema_version = known;
    return CEV_OK;
fail:
    cev_store_rollback(st);
    return rc;
}
