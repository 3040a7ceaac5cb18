/* export.c - events and incidents out of the store as files people use:
 * CSV with ACLED/UCDP-style columns, JSON Lines, GeoJSON for QGIS and
 * kepler.gl.  Rows are streamed to the caller's writer, never all held. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

/* ---- output buffering ------------------------------------------------------ */

typedef struct sink {
    cev_write_fn write;
    void *ud;
    cev_buf b;
    int stopped;
} sink;

static void sink_flush(sink *k)
{
    if (k->b.len && !k->stopped && !k->b.oom && k->write(k->ud, k->b.data, k->b.len) != 0)
        k->stopped = 1;
    k->b.len = 0;
}

static void sink_maybe_flush(sink *k)
{
    if (k->b.len >= 1 << 16)
        sink_flush(k);
}

/* The error of an export that ended early, or CEV_OK. */
static int sink_status(cev_store *st, sink *k)
{
    if (k->b.oom)
        return cev_err_set(&st->err, CEV_ERR_NOMEM, -1, "out of memory");
    if (k->stopped)
        return cev_err_set(&st->err, CEV_ERR_IO, -1, "the writer stopped the export");
    return CEV_OK;
}

/* ---- CSV and JSON pieces ------------------------------------------------------- */

/* RFC 4180: quoted when it holds a comma, a quote, a line break or edge
 * spaces; quotes doubled. */
static void csv_str(cev_buf *b, const char *s, int first)
{
    if (!first)
        cev_buf_putc(b, ',');
    if (!s || !*s)
        return;
    size_t n = strlen(s);
    int quote = s[0] == ' ' || s[n - 1] == ' ' || strpbrk(s, ",\"\r\n") != NULL;
    if (!quote) {
        cev_buf_put(b, s, n);
        return;
    }
    cev_buf_putc(b, '"');
    for (; *s; s++) {
        if (*s == '"')
            cev_buf_putc(b, '"');
        cev_buf_putc(b, *s);
    }
    cev_buf_putc(b, '"');
}

static void csv_int(cev_buf *b, int present, int64_t v)
{
    cev_buf_putc(b, ',');
    if (present)
        cev_buf_printf(b, "%lld", (long long)v);
}

static void csv_col_int(cev_buf *b, sqlite3_stmt *s, int col)
{
    csv_int(b, sqlite3_column_type(s, col) != SQLITE_NULL, sqlite3_column_int64(s, col));
}

static void csv_date(cev_buf *b, int present, int32_t ymd)
{
    cev_buf_putc(b, ',');
    if (present) {
        char d[11];
        cev_format_ymd(ymd, d);
        cev_buf_puts(b, d);
    }
}

static void json_str(cev_buf *b, const char *s)
{
    if (s)
        cev_buf_json_str(b, s);
    else
        cev_buf_puts(b, "null");
}

static void json_col_int(cev_buf *b, sqlite3_stmt *s, int col)
{
    if (sqlite3_column_type(s, col) == SQLITE_NULL)
        cev_buf_puts(b, "null");
    else
        cev_buf_printf(b, "%lld", (long long)sqlite3_column_int64(s, col));
}

static void json_date(cev_buf *b, sqlite3_stmt *s, int col)
{
    if (sqlite3_column_type(s, col) == SQLITE_NULL || sqlite3_column_int(s, col) <= 0) {
        cev_buf_puts(b, "null");
        return;
    }
    char d[11];
    cev_format_ymd(sqlite3_column_int(s, col), d);
    cev_buf_printf(b, "\"%s\"", d);
}

static const char *col(sqlite3_stmt *s, int i) { return cev_col_text(s, i); }

/* ---- events ------------------------------------------------------------------------ */

static const char events_csv_header[] =
    "event_id_cnty,event_id,event_date,event_date_end,date_precision,event_type,"
    "actor1,actor1_id,actor1_kind,actor1_country,actor2,actor2_id,actor2_kind,actor2_country,"
    "location,location_id,admin1,country,latitude,longitude,geo_precision,"
    "fatalities,fatalities_max,fatalities_text,injured,injured_max,abducted,abducted_max,"
    "source,source_id,notes,trigger,confidence,article_id,outlet,url,published,incident_id\n";

static const char *actor_label(const cev_actor *a) { return a->name ? a->name : a->text; }

static void csv_count(cev_buf *b, const cev_count *c, int with_text)
{
    csv_int(b, c->text != NULL, c->min);
    csv_int(b, c->text && c->max >= 0, c->max);
    if (with_text)
        csv_str(b, c->text, 0);
}

static void event_csv(cev_buf *b, sqlite3_stmt *s, const cev_event *ev)
{
    int64_t id = sqlite3_column_int64(s, CEV_COL_ID);
    const cev_location *l = &ev->location;
    /* ACLED's event_id_cnty: country code and a number unique in the file. */
    cev_buf_printf(b, "%s%lld,%lld", l->country ? l->country : "XX", (long long)id, (long long)id);
    int dated = ev->date.precision != CEV_DATE_NONE;
    csv_date(b, dated, ev->date.start);
    csv_date(b, dated, ev->date.end);
    csv_str(b, dated ? cev_date_precision_name(ev->date.precision) : NULL, 0);
    csv_str(b, cev_event_type_name(ev->type), 0);
    const cev_actor *a[2] = {&ev->actor, &ev->target};
    for (int k = 0; k < 2; k++) {
        csv_str(b, actor_label(a[k]), 0);
        csv_str(b, a[k]->id, 0);
        csv_str(b, a[k]->id ? cev_kind_name(a[k]->kind) : NULL, 0);
        csv_str(b, a[k]->country, 0);
    }
    csv_str(b, l->name ? l->name : l->text, 0);
    csv_str(b, l->id, 0);
    csv_str(b, l->admin1, 0);
    csv_str(b, l->country, 0);
    if (l->text && l->has_coords)
        cev_buf_printf(b, ",%.5f,%.5f", l->lat, l->lon);
    else
        cev_buf_puts(b, ",,");
    csv_str(b, l->text ? cev_geo_precision_name(l->precision) : NULL, 0);
    csv_count(b, &ev->killed, 1);
    csv_count(b, &ev->injured, 0);
    csv_count(b, &ev->abducted, 0);
    csv_str(b, ev->source.name ? ev->source.name : ev->source.text, 0);
    csv_str(b, ev->source.id, 0);
    csv_str(b, ev->sentence, 0);
    csv_str(b, ev->trigger, 0);
    cev_buf_printf(b, ",%.3f", ev->confidence);
    csv_str(b, ev->article_id, 0);
    csv_str(b, col(s, CEV_COL_OUTLET), 0);
    csv_str(b, col(s, CEV_COL_URL), 0);
    csv_date(b, sqlite3_column_int(s, CEV_COL_PUBLISHED) > 0, sqlite3_column_int(s, CEV_COL_PUBLISHED));
    csv_col_int(b, s, CEV_COL_INCIDENT);
    cev_buf_putc(b, '\n');
}

/* The parser's JSON (docs/json.md) plus the store's own fields. */
static int event_jsonl(cev_buf *b, sqlite3_stmt *s, const cev_event *ev)
{
    char *js;
    if (cev_event_to_json(&js, ev) != CEV_OK)
        return CEV_ERR_NOMEM;
    size_t n = strlen(js);
    cev_buf_put(b, js, n - 1); /* without the closing brace */
    free(js);
    cev_buf_printf(b, ",\"id\":%lld,\"incident\":", (long long)sqlite3_column_int64(s, CEV_COL_ID));
    json_col_int(b, s, CEV_COL_INCIDENT);
    cev_buf_puts(b, ",\"outlet\":");
    json_str(b, col(s, CEV_COL_OUTLET));
    cev_buf_puts(b, ",\"published\":");
    json_date(b, s, CEV_COL_PUBLISHED);
    cev_buf_puts(b, "}\n");
    return CEV_OK;
}

static void prop_str(cev_buf *b, const char *name, const char *v)
{
    cev_buf_printf(b, ",\"%s\":", name);
    json_str(b, v);
}

static void prop_count(cev_buf *b, const char *name, const cev_count *c)
{
    if (c->text)
        cev_buf_printf(b, ",\"%s\":%lld", name, (long long)c->min);
    else
        cev_buf_printf(b, ",\"%s\":null", name);
}

/* Flat properties: what QGIS and kepler.gl show as columns. */
static void event_feature(cev_buf *b, sqlite3_stmt *s, const cev_event *ev, int first)
{
    int64_t id = sqlite3_column_int64(s, CEV_COL_ID);
    const cev_location *l = &ev->location;
    cev_buf_printf(b,
                   "%s{\"type\":\"Feature\",\"id\":%lld,\"geometry\":{\"type\":\"Point\","
                   "\"coordinates\":[%.5f,%.5f]},\"properties\":{\"id\":%lld",
                   first ? "\n" : ",\n", (long long)id, l->lon, l->lat, (long long)id);
    prop_str(b, "article", ev->article_id);
    prop_str(b, "type", cev_event_type_name(ev->type));
    char d0[11] = "", d1[11] = "";
    int dated = ev->date.precision != CEV_DATE_NONE;
    if (dated) {
        cev_format_ymd(ev->date.start, d0);
        cev_format_ymd(ev->date.end, d1);
    }
    prop_str(b, "date_start", dated ? d0 : NULL);
    prop_str(b, "date_end", dated ? d1 : NULL);
    prop_str(b, "date_precision", dated ? cev_date_precision_name(ev->date.precision) : NULL);
    prop_str(b, "actor", actor_label(&ev->actor));
    prop_str(b, "actor_id", ev->actor.id);
    prop_str(b, "target", actor_label(&ev->target));
    prop_str(b, "target_id", ev->target.id);
    prop_str(b, "location", l->name ? l->name : l->text);
    prop_str(b, "location_id", l->id);
    prop_str(b, "admin1", l->admin1);
    prop_str(b, "country", l->country);
    prop_str(b, "geo_precision", cev_geo_precision_name(l->precision));
    prop_count(b, "killed", &ev->killed);
    prop_count(b, "injured", &ev->injured);
    prop_str(b, "source", ev->source.name ? ev->source.name : ev->source.text);
    prop_str(b, "sentence", ev->sentence);
    prop_str(b, "outlet", col(s, CEV_COL_OUTLET));
    cev_buf_puts(b, ",\"incident\":");
    json_col_int(b, s, CEV_COL_INCIDENT);
    cev_buf_puts(b, "}}");
}

static int start_export(cev_store *st, const cev_query *q, cev_write_fn write, int format,
                        int max_format)
{
    if (!st)
        return CEV_ERR_INVALID;
    cev_err_clear(&st->err);
    if (!st->db)
        return cev_err_set(&st->err, CEV_ERR_MISUSE, -1, "the store is not open");
    if (!write)
        return cev_err_set(&st->err, CEV_ERR_INVALID, -1, "no writer");
    if (format < CEV_EXPORT_JSONL || format > max_format)
        return cev_err_set(&st->err, CEV_ERR_INVALID, -1, "unknown export format %d", format);
    return cev_query_check(st, q);
}

int cev_store_export(cev_store *st, const cev_query *q, int format, cev_write_fn write,
                     void *userdata)
{
    int rc = start_export(st, q, write, format, CEV_EXPORT_GEOJSON);
    if (rc)
        return rc;
    sqlite3_stmt *s = NULL;
    rc = cev_sql_events(st, q,
                        format == CEV_EXPORT_GEOJSON ? "e.lat IS NOT NULL AND e.lon IS NOT NULL" : "1",
                        &s);
    if (rc)
        return rc;
    sink k = {write, userdata, {0}, 0};
    cev_buf_init(&k.b);
    if (format == CEV_EXPORT_CSV)
        cev_buf_puts(&k.b, events_csv_header);
    else if (format == CEV_EXPORT_GEOJSON)
        cev_buf_puts(&k.b, "{\"type\":\"FeatureCollection\",\"features\":[");
    cev_span_buf sb = {0};
    int src = SQLITE_DONE, first = 1;
    while (!k.stopped && (src = sqlite3_step(s)) == SQLITE_ROW) {
        cev_event ev;
        memset(&ev, 0, sizeof ev);
        if ((rc = cev_store_row_event(s, &ev, NULL, &sb)))
            break;
        if (format == CEV_EXPORT_CSV)
            event_csv(&k.b, s, &ev);
        else if (format == CEV_EXPORT_GEOJSON)
            event_feature(&k.b, s, &ev, first);
        else if ((rc = event_jsonl(&k.b, s, &ev)))
            break;
        first = 0;
        sink_maybe_flush(&k);
    }
    if (rc)
        rc = cev_err_set(&st->err, rc, -1, "out of memory");
    else if (!k.stopped && src != SQLITE_DONE)
        rc = cev_store_fail(st, src, "export failed");
    sqlite3_finalize(s);
    free(sb.v);
    if (rc == CEV_OK && format == CEV_EXPORT_GEOJSON)
        cev_buf_puts(&k.b, "\n]}\n");
    if (rc == CEV_OK)
        sink_flush(&k);
    if (rc == CEV_OK)
        rc = sink_status(st, &k);
    cev_buf_free(&k.b);
    return rc;
}

/* ---- incidents ------------------------------------------------------------------------ */

enum {
    I_ID, I_TYPE, I_D0, I_D1, I_DPREC, I_ACTOR_ID, I_ACTOR, I_LOC_ID, I_LOC, I_ADMIN1,
    I_COUNTRY, I_LAT, I_LON, I_GPREC, I_NREP, I_NART, I_NOUT, I_NSRC, I_K /* 3 */,
    I_INJ = I_K + 3 /* 3 */
};

/* Merged incidents with a matching report, then matching lone reports as
 * incidents (the two arms of the incidents view, each filtered through its
 * own index rather than the whole view).  The filters follow each arm. */
static const char incidents_merged_sql[] =
    "SELECT " CEV_INCIDENT_COLS " FROM merged_incidents WHERE id IN"
    " (SELECT e.incident FROM events e JOIN articles a ON a.id = e.article"
    " WHERE e.incident IS NOT NULL";
static const char incidents_solo_sql[] =
    ") UNION ALL SELECT " CEV_SOLO_INCIDENT_VALUES
    " FROM events e JOIN articles a ON a.id = e.article WHERE +e.incident IS NULL";

enum {
    R_EVENT, R_ARTICLE, R_OUTLET, R_PUBLISHED, R_STORY, R_TYPE, R_SOURCE, R_KMIN, R_KMAX, R_KTEXT,
    R_IMIN, R_IMAX, R_ITEXT, R_SENTENCE
};

static const char reports_sql[] =
    "SELECT e.id, a.article_id, a.outlet, a.published, a.story, e.type,"
    " coalesce(e.source_name, e.source_text), e.killed_min, e.killed_max, e.killed_text,"
    " e.injured_min, e.injured_max, e.injured_text, e.sentence"
    " FROM events e JOIN articles a ON a.id = e.article"
    " WHERE e.incident = ?1 OR (e.id = ?1 AND e.incident IS NULL) ORDER BY e.id";

static const char incidents_csv_header[] =
    "incident_id,event_type,date_start,date_end,date_precision,location,location_id,admin1,"
    "country,latitude,longitude,geo_precision,actor1,actor1_id,n_reports,n_articles,n_outlets,"
    "n_sources,fatalities_low,fatalities_best,fatalities_high,injured_low,injured_best,"
    "injured_high,article_ids,outlets,sources,event_ids\n";

/* Distinct strings joined by ';' (small lists: linear search is enough). */
typedef struct strset {
    cev_buf joined;
    char **v;
    size_t n, cap;
    int oom;
} strset;

static void set_add(strset *s, const char *v)
{
    if (!v || !*v)
        return;
    for (size_t i = 0; i < s->n; i++)
        if (!strcmp(s->v[i], v))
            return;
    if (s->n == s->cap) {
        size_t nc = s->cap ? s->cap * 2 : 8;
        char **p = realloc(s->v, nc * sizeof *p);
        if (!p) {
            s->oom = 1;
            return;
        }
        s->v = p;
        s->cap = nc;
    }
    if (!(s->v[s->n] = cev_strdup(v))) {
        s->oom = 1;
        return;
    }
    if (s->n++)
        cev_buf_putc(&s->joined, ';');
    cev_buf_puts(&s->joined, v);
}

static void set_clear(strset *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i]);
    s->n = 0;
    s->joined.len = 0;
    if (s->joined.data)
        s->joined.data[0] = '\0';
}

static void set_free(strset *s)
{
    set_clear(s);
    free(s->v);
    cev_buf_free(&s->joined);
}

static void json_figure(cev_buf *b, sqlite3_stmt *s, int c)
{
    if (sqlite3_column_type(s, c) == SQLITE_NULL) {
        cev_buf_puts(b, "null");
        return;
    }
    cev_buf_puts(b, "{\"low\":");
    json_col_int(b, s, c);
    cev_buf_puts(b, ",\"best\":");
    json_col_int(b, s, c + 1);
    cev_buf_puts(b, ",\"high\":");
    json_col_int(b, s, c + 2);
    cev_buf_putc(b, '}');
}

static void json_report_count(cev_buf *b, sqlite3_stmt *r, int c)
{
    if (sqlite3_column_type(r, c) == SQLITE_NULL) {
        cev_buf_puts(b, "null");
        return;
    }
    cev_buf_puts(b, "{\"min\":");
    json_col_int(b, r, c);
    cev_buf_puts(b, ",\"max\":");
    json_col_int(b, r, c + 1);
    cev_buf_puts(b, ",\"text\":");
    json_str(b, col(r, c + 2));
    cev_buf_putc(b, '}');
}

static void incident_json_head(cev_buf *b, sqlite3_stmt *s)
{
    cev_buf_printf(b, "{\"incident\":%lld,\"type\":", (long long)sqlite3_column_int64(s, I_ID));
    json_str(b, col(s, I_TYPE));
    cev_buf_puts(b, ",\"date\":");
    if (sqlite3_column_type(s, I_D0) == SQLITE_NULL) {
        cev_buf_puts(b, "null");
    } else {
        cev_buf_puts(b, "{\"start\":");
        json_date(b, s, I_D0);
        cev_buf_puts(b, ",\"end\":");
        json_date(b, s, I_D1);
        cev_buf_puts(b, ",\"precision\":");
        json_str(b, col(s, I_DPREC));
        cev_buf_putc(b, '}');
    }
    cev_buf_puts(b, ",\"location\":");
    if (!col(s, I_LOC) && !col(s, I_LOC_ID) && !col(s, I_COUNTRY)) {
        cev_buf_puts(b, "null");
    } else {
        cev_buf_puts(b, "{\"name\":");
        json_str(b, col(s, I_LOC));
        prop_str(b, "id", col(s, I_LOC_ID));
        prop_str(b, "admin1", col(s, I_ADMIN1));
        prop_str(b, "country", col(s, I_COUNTRY));
        if (sqlite3_column_type(s, I_LAT) != SQLITE_NULL)
            cev_buf_printf(b, ",\"lat\":%.5f,\"lon\":%.5f", sqlite3_column_double(s, I_LAT),
                           sqlite3_column_double(s, I_LON));
        else
            cev_buf_puts(b, ",\"lat\":null,\"lon\":null");
        prop_str(b, "precision", col(s, I_GPREC));
        cev_buf_putc(b, '}');
    }
    cev_buf_puts(b, ",\"actor\":");
    if (!col(s, I_ACTOR) && !col(s, I_ACTOR_ID)) {
        cev_buf_puts(b, "null");
    } else {
        cev_buf_puts(b, "{\"name\":");
        json_str(b, col(s, I_ACTOR));
        prop_str(b, "id", col(s, I_ACTOR_ID));
        cev_buf_putc(b, '}');
    }
    cev_buf_printf(b, ",\"n_reports\":%lld,\"n_articles\":%lld,\"n_outlets\":%lld,\"n_sources\":%lld",
                   (long long)sqlite3_column_int64(s, I_NREP), (long long)sqlite3_column_int64(s, I_NART),
                   (long long)sqlite3_column_int64(s, I_NOUT), (long long)sqlite3_column_int64(s, I_NSRC));
    cev_buf_puts(b, ",\"killed\":");
    json_figure(b, s, I_K);
    cev_buf_puts(b, ",\"injured\":");
    json_figure(b, s, I_INJ);
}

static void report_json(cev_buf *b, sqlite3_stmt *r, int first)
{
    cev_buf_printf(b, "%s{\"event\":%lld,\"article\":", first ? "" : ",",
                   (long long)sqlite3_column_int64(r, R_EVENT));
    json_str(b, col(r, R_ARTICLE));
    prop_str(b, "outlet", col(r, R_OUTLET));
    cev_buf_puts(b, ",\"published\":");
    json_date(b, r, R_PUBLISHED);
    cev_buf_puts(b, ",\"story\":");
    json_col_int(b, r, R_STORY);
    prop_str(b, "type", col(r, R_TYPE));
    prop_str(b, "source", col(r, R_SOURCE));
    cev_buf_puts(b, ",\"killed\":");
    json_report_count(b, r, R_KMIN);
    cev_buf_puts(b, ",\"injured\":");
    json_report_count(b, r, R_IMIN);
    prop_str(b, "sentence", col(r, R_SENTENCE));
    cev_buf_putc(b, '}');
}

static void incident_csv(cev_buf *b, sqlite3_stmt *s, strset *sets)
{
    cev_buf_printf(b, "%lld", (long long)sqlite3_column_int64(s, I_ID));
    csv_str(b, col(s, I_TYPE), 0);
    int dated = sqlite3_column_type(s, I_D0) != SQLITE_NULL;
    csv_date(b, dated, sqlite3_column_int(s, I_D0));
    csv_date(b, dated, sqlite3_column_int(s, I_D1));
    csv_str(b, col(s, I_DPREC), 0);
    csv_str(b, col(s, I_LOC), 0);
    csv_str(b, col(s, I_LOC_ID), 0);
    csv_str(b, col(s, I_ADMIN1), 0);
    csv_str(b, col(s, I_COUNTRY), 0);
    if (sqlite3_column_type(s, I_LAT) != SQLITE_NULL)
        cev_buf_printf(b, ",%.5f,%.5f", sqlite3_column_double(s, I_LAT),
                       sqlite3_column_double(s, I_LON));
    else
        cev_buf_puts(b, ",,");
    csv_str(b, col(s, I_GPREC), 0);
    csv_str(b, col(s, I_ACTOR), 0);
    csv_str(b, col(s, I_ACTOR_ID), 0);
    for (int c = I_NREP; c <= I_INJ + 2; c++)
        csv_col_int(b, s, c);
    for (int k = 0; k < 4; k++)
        csv_str(b, sets[k].joined.data, 0);
    cev_buf_putc(b, '\n');
}

/* Read one incident's reports: JSON into `b`, ids and names into sets. */
static int incident_reports(cev_store *st, sqlite3_stmt *r, int64_t id, int json, cev_buf *b,
                            strset *sets)
{
    sqlite3_reset(r);
    sqlite3_bind_int64(r, 1, id);
    for (int k = 0; k < 4; k++)
        set_clear(&sets[k]);
    cev_buf reports;
    cev_buf_init(&reports);
    int src = SQLITE_DONE, first = 1;
    while ((src = sqlite3_step(r)) == SQLITE_ROW) {
        set_add(&sets[0], col(r, R_ARTICLE));
        set_add(&sets[1], col(r, R_OUTLET));
        set_add(&sets[2], col(r, R_SOURCE));
        char ev[24];
        snprintf(ev, sizeof ev, "%lld", (long long)sqlite3_column_int64(r, R_EVENT));
        set_add(&sets[3], ev);
        if (json)
            report_json(&reports, r, first);
        first = 0;
    }
    sqlite3_reset(r);
    int rc = CEV_OK;
    if (src != SQLITE_DONE)
        rc = cev_store_fail(st, src, "cannot read an incident's reports");
    if (json && rc == CEV_OK) {
        cev_buf_puts(b, ",\"article_ids\":[");
        for (size_t i = 0; i < sets[0].n; i++) {
            if (i)
                cev_buf_putc(b, ',');
            cev_buf_json_str(b, sets[0].v[i]);
        }
        cev_buf_puts(b, "],\"reports\":[");
        if (reports.len)
            cev_buf_put(b, reports.data, reports.len);
        cev_buf_puts(b, "]}\n");
    }
    if (reports.oom)
        b->oom = 1;
    cev_buf_free(&reports);
    for (int k = 0; k < 4; k++)
        if (sets[k].oom || sets[k].joined.oom)
            b->oom = 1;
    return rc;
}

int cev_store_export_incidents(cev_store *st, const cev_query *q, int format, cev_write_fn write,
                               void *userdata)
{
    int rc = start_export(st, q, write, format, CEV_EXPORT_CSV);
    if (rc)
        return rc;
    cev_sql sql;
    cev_sql_init(&sql);
    cev_buf_puts(&sql.text, incidents_merged_sql);
    sqlite3_stmt *s = NULL, *r = NULL;
    size_t from = sql.text.len;
    rc = cev_sql_filters(st, &sql, q);
    if (rc == CEV_OK) {
        /* The same filters (and parameter numbers) for the second arm. */
        size_t to = sql.text.len;
        cev_buf_puts(&sql.text, incidents_solo_sql);
        cev_buf_put(&sql.text, sql.text.data + from, to - from);
        cev_buf_puts(&sql.text, " ORDER BY 3, 1");
        cev_sql_limit(&sql, q);
        rc = cev_sql_prepare(st, &sql, &s);
    }
    cev_sql_free(&sql);
    if (rc)
        return rc;
    int src = sqlite3_prepare_v2(st->db, reports_sql, -1, &r, NULL);
    if (src != SQLITE_OK) {
        sqlite3_finalize(s);
        return cev_store_fail(st, src, "cannot prepare a query");
    }
    sink k = {write, userdata, {0}, 0};
    cev_buf_init(&k.b);
    strset sets[4];
    memset(sets, 0, sizeof sets);
    int json = format == CEV_EXPORT_JSONL;
    if (!json)
        cev_buf_puts(&k.b, incidents_csv_header);
    while (rc == CEV_OK && !k.stopped && (src = sqlite3_step(s)) == SQLITE_ROW) {
        if (json)
            incident_json_head(&k.b, s);
        rc = incident_reports(st, r, sqlite3_column_int64(s, I_ID), json, &k.b, sets);
        if (rc == CEV_OK && !json)
            incident_csv(&k.b, s, sets);
        sink_maybe_flush(&k);
    }
    if (rc == CEV_OK && !k.stopped && src != SQLITE_DONE)
        rc = cev_store_fail(st, src, "export failed");
    sqlite3_finalize(s);
    sqlite3_finalize(r);
    for (int i = 0; i < 4; i++)
        set_free(&sets[i]);
    if (rc == CEV_OK)
        sink_flush(&k);
    if (rc == CEV_OK)
        rc = sink_status(st, &k);
    cev_buf_free(&k.b);
    return rc;
}
