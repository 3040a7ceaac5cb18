/* incidents.c - one incident per real-world event.
 *
 * Each stored event is a report of an incident.  A new report joins an
 * existing incident when they are compatible: the same type (or a generic
 * "attack" with a specific violent type; armed_clash with
 * territory_change), overlapping dates (a report without a date is put in
 * the week before publication), the same place or places a few km apart
 * (or the same admin1 when one is only known at admin1 precision), and no
 * two different actor ids.  Reports of one article never share an incident:
 * distinct events of a story never merge.
 *
 * Reposts are found before that (reposts.c): a repost's events are paired
 * with the events of the article it repeats by sentence, and the two
 * articles count as one source.
 *
 * A report that joins nothing is its own incident and has no row: its
 * event's incident is NULL and the incident id is the event id.  When a
 * later report joins it, it is promoted to a merged_incidents row under
 * that same id.  Most reports stay alone, and not writing their rows is
 * what keeps ingest fast (docs/schema.md, version 2). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

#define CEV_PI 3.14159265358979323846
/* Word containment above which two sentences report the same thing. */
#define SENTENCE_MATCH 0.6

/* ---- reports and their compatibility ------------------------------------------- */

/* What matching and reconciliation read of a report (or of an incident's
 * representative values).  Strings are borrowed. */
typedef struct rep {
    int64_t event; /* row id, for stored reports */
    int64_t article, story;
    const char *outlet;
    int type;
    int has_date, real_date, dprec;
    int32_t d0, d1;
    int has_loc, has_coords, gprec;
    const char *loc_id, *loc_name, *admin1, *country;
    double lat, lon;
    const char *actor_id, *actor_name;
    int has_k, has_i;
    int64_t kmin, kmax, imin, imax;
} rep;

static int32_t add_days(int32_t ymd, int n) { return cev_ymd_add_days(ymd, n); }

static int64_t span_days(int32_t a, int32_t b)
{
    return cev_days_from_ymd(b / 10000, b / 100 % 100, b % 100) -
           cev_days_from_ymd(a / 10000, a / 100 % 100, a % 100);
}

/* Dates of a report: its own, else the week before publication. */
static void set_dates(rep *r, int32_t d0, int32_t d1, int dprec, int32_t published)
{
    if (d0 > 0 && dprec != CEV_DATE_NONE) {
        r->has_date = r->real_date = 1;
        r->d0 = d0;
        r->d1 = d1 >= d0 ? d1 : d0;
        r->dprec = dprec;
    } else if (published > 0) {
        r->has_date = 1;
        r->d1 = published;
        r->d0 = add_days(published, -CEV_INC_UNDATED_WINDOW);
    }
}

static void rep_from_event(rep *r, const cev_event *ev, const cev_inc_article *a)
{
    memset(r, 0, sizeof *r);
    r->article = a->rowid;
    r->story = a->story;
    r->type = ev->type;
    set_dates(r, ev->date.start, ev->date.end, ev->date.precision, a->published);
    const cev_location *l = &ev->location;
    if (l->text) {
        r->has_loc = 1;
        r->loc_id = l->id;
        r->loc_name = l->name ? l->name : l->text;
        r->admin1 = l->admin1;
        r->country = l->country;
        r->gprec = l->precision;
        if (l->has_coords) {
            r->has_coords = 1;
            r->lat = l->lat;
            r->lon = l->lon;
        }
    }
    if (ev->actor.text) {
        r->actor_id = ev->actor.id;
        r->actor_name = ev->actor.name ? ev->actor.name : ev->actor.text;
    }
    if (ev->killed.text) {
        r->has_k = 1;
        r->kmin = ev->killed.min;
        r->kmax = ev->killed.max;
    }
    if (ev->injured.text) {
        r->has_i = 1;
        r->imin = ev->injured.min;
        r->imax = ev->injured.max;
    }
}

static int same_text(const char *a, const char *b)
{
    if (!a || !b)
        return 0;
    size_t n = strlen(a);
    return n == strlen(b) && cev_strncaseeq(a, b, n);
}

/* Admin1 and country centroids are not places: such reports are "coarse". */
static int is_coarse(const rep *r)
{
    return !r->has_coords || r->gprec == CEV_GEO_NONE || r->gprec == CEV_GEO_ADMIN1 ||
           r->gprec == CEV_GEO_COUNTRY;
}

static double haversine_km(double lat1, double lon1, double lat2, double lon2)
{
    double rad = CEV_PI / 180.0;
    double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
    double h = sin(dlat / 2) * sin(dlat / 2) +
               cos(lat1 * rad) * cos(lat2 * rad) * sin(dlon / 2) * sin(dlon / 2);
    return 2 * 6371.0088 * asin(sqrt(h < 1 ? h : 1));
}

/* -1 when the places cannot be one, else how well they agree. */
static double loc_score(const rep *e, const rep *i)
{
    if (!e->has_loc || !i->has_loc)
        return -1;
    if (e->loc_id && i->loc_id && !strcmp(e->loc_id, i->loc_id))
        return 3;
    int ec = is_coarse(e), ic = is_coarse(i);
    if (!ec && !ic) {
        double lim = e->gprec == CEV_GEO_ADMIN2 || i->gprec == CEV_GEO_ADMIN2 ? 25.0 : 10.0;
        double d = haversine_km(e->lat, e->lon, i->lat, i->lon);
        return d <= lim ? 2.0 - d / lim : -1;
    }
    if (!same_text(e->country, i->country))
        return -1;
    if (e->gprec == CEV_GEO_COUNTRY || i->gprec == CEV_GEO_COUNTRY)
        return e->gprec == CEV_GEO_COUNTRY && i->gprec == CEV_GEO_COUNTRY ? 0.5 : -1;
    if (same_text(e->admin1, i->admin1))
        return 1;
    /* Neither resolved to coordinates: the same written place. */
    if (!e->has_coords && !i->has_coords && same_text(e->loc_name, i->loc_name))
        return 1.5;
    return -1;
}

static int type_family(int t)
{
    switch (t) {
    case CEV_EV_AIR_STRIKE:
    case CEV_EV_SHELLING:
    case CEV_EV_BOMBING:
    case CEV_EV_CHEMICAL_ATTACK:
    case CEV_EV_ATTACK: return 1;
    case CEV_EV_ARMED_CLASH:
    case CEV_EV_TERRITORY_CHANGE: return 2;
    default: return 0;
    }
}

/* 1 same type, 0 compatible, -1 not. */
static int type_score(int a, int b)
{
    if (a == b)
        return 1;
    int f = type_family(a);
    if (!f || f != type_family(b))
        return -1;
    if (f == 2)
        return 0;
    return a == CEV_EV_ATTACK || b == CEV_EV_ATTACK ? 0 : -1;
}

/* "SYRMIL", "SYRGOV", "SYRPOL" are branches of "SYR" (docs/data-format.md). */
static size_t id_root_len(const char *id)
{
    size_t n = strlen(id);
    if (n == 6 && (!strcmp(id + 3, "GOV") || !strcmp(id + 3, "MIL") || !strcmp(id + 3, "POL")))
        return 3;
    return n;
}

static int actor_score(const rep *e, const rep *i)
{
    if (!e->actor_id || !i->actor_id)
        return 0;
    if (!strcmp(e->actor_id, i->actor_id))
        return 1;
    size_t a = id_root_len(e->actor_id), b = id_root_len(i->actor_id);
    return a == b && !strncmp(e->actor_id, i->actor_id, a) ? 0 : -1;
}

/* How well report e fits incident representative i; < 0 when it cannot. */
static double match_score(const rep *e, const rep *i)
{
    if (!e->has_date || !i->has_date || e->d0 > i->d1 || i->d0 > e->d1)
        return -1;
    int t = type_score(e->type, i->type), a = actor_score(e, i);
    if (t < 0 || a < 0)
        return -1;
    double l = loc_score(e, i);
    if (l < 0)
        return -1;
    return l + t + a + (e->d0 == i->d0 && e->d1 == i->d1 ? 0.5 : 0);
}

/* ---- reconciling an incident's reports ----------------------------------------------- */

typedef struct summary {
    int type;
    int has_date, dprec;
    int32_t d0, d1;
    const rep *loc; /* the most precise location, or NULL */
    const char *actor_id, *actor_name;
    int64_t n_reports, n_articles, n_outlets, n_sources;
    int has_k, has_i;
    int64_t k[3], inj[3]; /* low, best, high */
} summary;

static int loc_rank(const rep *r)
{
    if (!r->has_loc)
        return 100;
    int p = r->gprec >= CEV_GEO_POINT && r->gprec <= CEV_GEO_COUNTRY ? r->gprec : 6;
    return p * 2 + !r->has_coords;
}

static size_t uf_find(size_t *parent, size_t i)
{
    while (parent[i] != i)
        i = parent[i] = parent[parent[i]];
    return i;
}

/* Reports of one article, of one story (reposts) or of one outlet are one
 * source. */
static int64_t count_sources(const rep *r, size_t n, size_t *parent)
{
    for (size_t i = 0; i < n; i++)
        parent[i] = i;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < i; j++)
            if (r[i].story == r[j].story || r[i].article == r[j].article ||
                same_text(r[i].outlet, r[j].outlet)) {
                size_t a = uf_find(parent, i), b = uf_find(parent, j);
                if (a != b)
                    parent[a] = b;
            }
    int64_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += uf_find(parent, i) == i;
    return k;
}

static int cmp_i64v(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

/* low = smallest lower bound, high = largest figure, best = the figure most
 * sources agree on, else the (lower) median of the sources' figures; each
 * source (see count_sources) counts once, with its largest figure. */
static int reconcile(const rep *r, size_t n, const size_t *parent, int injured, int64_t out[3],
                     int64_t *scratch)
{
    int any = 0;
    size_t nv = 0;
    for (size_t i = 0; i < n; i++) {
        int has = injured ? r[i].has_i : r[i].has_k;
        if (!has)
            continue;
        int64_t lo = injured ? r[i].imin : r[i].kmin, hi = injured ? r[i].imax : r[i].kmax;
        if (hi < lo)
            hi = lo;
        if (!any || lo < out[0])
            out[0] = lo;
        if (!any || hi > out[2])
            out[2] = hi;
        any = 1;
    }
    if (!any)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (parent[i] != i)
            continue; /* one value per source root */
        int has_v = 0;
        int64_t v = 0;
        for (size_t j = 0; j < n; j++) {
            int has = injured ? r[j].has_i : r[j].has_k;
            if (!has || parent[j] != i)
                continue;
            int64_t lo = injured ? r[j].imin : r[j].kmin;
            if (!has_v || lo > v)
                v = lo;
            has_v = 1;
        }
        if (has_v)
            scratch[nv++] = v;
    }
    qsort(scratch, nv, sizeof *scratch, cmp_i64v);
    size_t best_run = 0, ties = 0;
    int64_t mode = 0;
    for (size_t i = 0; i < nv;) {
        size_t j = i;
        while (j < nv && scratch[j] == scratch[i])
            j++;
        if (j - i > best_run) {
            best_run = j - i;
            mode = scratch[i];
            ties = 0;
        } else if (j - i == best_run) {
            ties = 1;
        }
        i = j;
    }
    out[1] = best_run >= 2 && !ties ? mode : scratch[(nv - 1) / 2];
    return 1;
}

static int summarize(const rep *r, size_t n, summary *s)
{
    memset(s, 0, sizeof *s);
    size_t *parent = malloc(n * sizeof *parent);
    int64_t *scratch = malloc(n * sizeof *scratch);
    if (!parent || !scratch) {
        free(parent);
        free(scratch);
        return CEV_ERR_NOMEM;
    }
    /* Type: the most reported specific type; "attack" only when nothing
     * more specific was reported. */
    int counts[CEV_EV__COUNT] = {0}, best_type = -1;
    for (size_t i = 0; i < n; i++)
        if (r[i].type >= 0 && r[i].type < CEV_EV__COUNT)
            counts[r[i].type]++;
    for (size_t i = 0; i < n; i++) {
        int t = r[i].type;
        if (t < 0 || t >= CEV_EV__COUNT || (t == CEV_EV_ATTACK && n > 1))
            continue;
        if (best_type < 0 || counts[t] > counts[best_type])
            best_type = t;
    }
    s->type = best_type >= 0 ? best_type : r[0].type;
    /* Dates: what all reports agree on, else the narrowest. */
    int32_t d0 = 0, d1 = 0;
    int have = 0, real = 0;
    for (size_t i = 0; i < n; i++)
        if (r[i].has_date) {
            d0 = !have || r[i].d0 > d0 ? r[i].d0 : d0;
            d1 = !have || r[i].d1 < d1 ? r[i].d1 : d1;
            have = 1;
            real |= r[i].real_date;
        }
    if (have && d0 > d1) {
        const rep *nar = NULL;
        for (size_t i = 0; i < n; i++)
            if (r[i].has_date && (!nar || span_days(r[i].d0, r[i].d1) < span_days(nar->d0, nar->d1)))
                nar = &r[i];
        d0 = nar->d0;
        d1 = nar->d1;
    }
    if (have) {
        s->has_date = 1;
        s->d0 = d0;
        s->d1 = d1;
        s->dprec = !real ? CEV_DATE_NONE : d0 == d1 ? CEV_DATE_DAY : CEV_DATE_RANGE;
        for (size_t i = 0; i < n && s->dprec == CEV_DATE_RANGE; i++)
            if (r[i].real_date && r[i].d0 == d0 && r[i].d1 == d1)
                s->dprec = r[i].dprec;
    }
    for (size_t i = 0; i < n; i++) {
        if (r[i].has_loc && (!s->loc || loc_rank(&r[i]) < loc_rank(s->loc)))
            s->loc = &r[i];
        if (!s->actor_id && r[i].actor_id) {
            s->actor_id = r[i].actor_id;
            s->actor_name = r[i].actor_name;
        }
    }
    for (size_t i = 0; i < n && !s->actor_name; i++)
        s->actor_name = r[i].actor_name;
    s->n_reports = (int64_t)n;
    for (size_t i = 0; i < n; i++) {
        int new_article = 1, new_outlet = 1;
        for (size_t j = 0; j < i; j++) {
            if (r[j].article == r[i].article)
                new_article = new_outlet = 0;
            else if (r[i].outlet && same_text(r[i].outlet, r[j].outlet))
                new_outlet = 0;
        }
        s->n_articles += new_article;
        s->n_outlets += new_outlet;
    }
    s->n_sources = count_sources(r, n, parent);
    for (size_t i = 0; i < n; i++)
        parent[i] = uf_find(parent, i);
    s->has_k = reconcile(r, n, parent, 0, s->k, scratch);
    s->has_i = reconcile(r, n, parent, 1, s->inj, scratch);
    free(parent);
    free(scratch);
    return CEV_OK;
}

/* ---- writing incidents ---------------------------------------------------------------- */

#define INC_COLS                                                                              \
    "type, date_start, date_end, date_precision, actor_id, actor_name, loc_id, loc_name,"     \
    " loc_admin1, loc_country, lat, lon, geo_precision, cell, area, coarse, n_reports,"       \
    " n_articles, n_outlets, n_sources, killed_low, killed_best, killed_high, injured_low,"   \
    " injured_best, injured_high"
#define INC_NCOLS 26

/* Lower-case "country/admin1" key of the area index. */
static void area_key(const rep *l, char *buf, size_t size)
{
    size_t k = 0;
    for (const char *p = l->country; p && *p && k + 1 < size; p++)
        buf[k++] = (char)cev_to_lower((unsigned char)*p);
    if (k + 1 < size)
        buf[k++] = '/';
    for (const char *p = l->admin1; p && *p && k + 1 < size; p++)
        buf[k++] = (char)cev_to_lower((unsigned char)*p);
    buf[k] = '\0';
}

/* Cells of one degree by one degree: a place's 25 km neighbourhood touches
 * its own cell and, at most latitudes, two or three others. */
#define MATCH_KM_MAX 25.0
#define KM_PER_DEG_LAT 111.2

static int64_t cell_key(int64_t lat_i, int64_t lon_i)
{
    lon_i %= 360;
    if (lon_i < 0)
        lon_i += 360;
    return lat_i * 360 + lon_i;
}

static int64_t cell_of(double lat, double lon)
{
    return cell_key((int64_t)floor(lat + 90.0), (int64_t)floor(lon + 180.0));
}

static void rep_of_cand(rep *i, const cev_inc_cand *c);

static int bind_summary(sqlite3_stmt *st, const summary *s, char *area, size_t area_size)
{
    int rc = cev_bind_text(st, 1, cev_event_type_name(s->type));
    if (s->has_date)
        rc |= sqlite3_bind_int(st, 2, s->d0) | sqlite3_bind_int(st, 3, s->d1) |
              cev_bind_text(st, 4, cev_date_precision_name(s->dprec));
    rc |= cev_bind_text(st, 5, s->actor_id) | cev_bind_text(st, 6, s->actor_name);
    const rep *l = s->loc;
    if (l) {
        rc |= cev_bind_text(st, 7, l->loc_id) | cev_bind_text(st, 8, l->loc_name) |
              cev_bind_text(st, 9, l->admin1) | cev_bind_text(st, 10, l->country) |
              cev_bind_text(st, 13, cev_geo_precision_name(l->gprec));
        if (l->has_coords)
            rc |= sqlite3_bind_double(st, 11, l->lat) | sqlite3_bind_double(st, 12, l->lon);
        if (!is_coarse(l))
            rc |= sqlite3_bind_int64(st, 14, cell_of(l->lat, l->lon));
        if (l->country) {
            area_key(l, area, area_size);
            rc |= cev_bind_text(st, 15, area);
        }
    }
    rc |= sqlite3_bind_int(st, 16, !l || is_coarse(l));
    rc |= sqlite3_bind_int64(st, 17, s->n_reports) | sqlite3_bind_int64(st, 18, s->n_articles) |
          sqlite3_bind_int64(st, 19, s->n_outlets) | sqlite3_bind_int64(st, 20, s->n_sources);
    for (int k = 0; k < 3; k++) {
        if (s->has_k)
            rc |= sqlite3_bind_int64(st, 21 + k, s->k[k]);
        if (s->has_i)
            rc |= sqlite3_bind_int64(st, 24 + k, s->inj[k]);
    }
    return rc;
}

void cev_inc_cand_keys(const cev_inc_cand *c, int64_t *cell, char *area, size_t area_size,
                       const char **area_out, int *coarse)
{
    rep l;
    rep_of_cand(&l, c);
    *coarse = !l.has_loc || is_coarse(&l);
    *cell = l.has_loc && !is_coarse(&l) ? cell_of(l.lat, l.lon) : -1;
    *area_out = NULL;
    if (l.has_loc && l.country) {
        area_key(&l, area, area_size);
        *area_out = area;
    }
}

/* What matching reads of an incident with the values of s. */
static void cand_of_summary(cev_inc_cand *c, int64_t id, const summary *s)
{
    memset(c, 0, sizeof *c);
    c->id = id;
    c->type = s->type;
    c->has_date = s->has_date;
    c->d0 = s->d0;
    c->d1 = s->d1;
    c->actor_id = s->actor_id;
    const rep *l = s->loc;
    if (l) {
        c->loc_id = l->loc_id;
        c->loc_name = l->loc_name;
        c->admin1 = l->admin1;
        c->country = l->country;
        c->gprec = l->gprec;
        if (l->has_coords) {
            c->has_coords = 1;
            c->lat = l->lat;
            c->lon = l->lon;
        }
    }
}

/* An incident as the representative report matching compares with. */
static void rep_of_cand(rep *i, const cev_inc_cand *c)
{
    memset(i, 0, sizeof *i);
    i->type = c->type;
    i->has_date = c->has_date;
    i->d0 = c->d0;
    i->d1 = c->d1;
    i->actor_id = c->actor_id;
    i->loc_id = c->loc_id;
    i->loc_name = c->loc_name;
    i->admin1 = c->admin1;
    i->country = c->country;
    i->has_loc = i->loc_name || i->loc_id || i->country;
    i->has_coords = c->has_coords;
    i->lat = c->lat;
    i->lon = c->lon;
    i->gprec = c->gprec;
}

/* Hold incident `id` with the values of s in the cache. */
static int cache_put(cev_store *st, int64_t id, const summary *s)
{
    cev_inc_cand c;
    cand_of_summary(&c, id, s);
    return cev_inc_cache_put(st, &c);
}

/* Hold a lone report (its own incident, with its event's id). */
static int cache_put_solo(cev_store *st, const rep *r)
{
    /* summarize() of one report, without its allocations (once per
     * stored event): the report's own type, dates, actor and place. */
    summary s;
    memset(&s, 0, sizeof s);
    s.type = r->type;
    s.has_date = r->has_date;
    s.d0 = r->d0;
    s.d1 = r->d1;
    s.actor_id = r->actor_id;
    s.loc = r->has_loc ? r : NULL;
    cev_inc_cand c;
    cand_of_summary(&c, r->event, &s);
    c.solo = 1;
    return cev_inc_cache_put(st, &c);
}

/* Forget incident `id` under the keys its row has now (before it changes). */
static int cache_forget(cev_store *st, int64_t id)
{
    if (!st->inc_cache)
        return CEV_OK;
    sqlite3_stmt *q = cev_store_stmt_sql(st, ST_INC_KEYS,
                                         "SELECT cell, area, coarse FROM merged_incidents WHERE id = ?1");
    if (!q)
        return st->err.code;
    sqlite3_bind_int64(q, 1, id);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        cev_inc_cache_forget(st, id,
                             sqlite3_column_type(q, 0) == SQLITE_NULL ? -1
                                                                      : sqlite3_column_int64(q, 0),
                             cev_col_text(q, 1), sqlite3_column_int(q, 2));
    sqlite3_reset(q);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? CEV_OK
                                                 : cev_store_fail(st, rc, "cannot read an incident");
}

int cev_inc_begin(cev_store *st)
{
    /* The meta table holds a few rows: read them all at once. */
    sqlite3_stmt *s = cev_store_stmt_sql(st, ST_META_ALL, "SELECT key, value FROM meta");
    if (!s)
        return st->err.code;
    st->inc_span = 0;
    st->inc_coarse = 0;
    st->ev_span = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *k = cev_col_text(s, 0);
        int64_t v = sqlite3_column_int64(s, 1);
        if (!k)
            continue;
        if (!strcmp(k, "max_incident_span"))
            st->inc_span = (int32_t)(v > 0 ? v : 0);
        else if (!strcmp(k, "coarse_incidents"))
            st->inc_coarse = v > 0;
        else if (!strcmp(k, "max_span_days"))
            st->ev_span = (int32_t)(v > 0 ? v : 0);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return cev_store_fail(st, rc, "cannot read meta");
    return cev_inc_cache_check(st);
}

/* Keep what bounds the candidate search right: the longest incident date
 * range, and whether any incident is only known at admin1 level or above. */
static int note_summary(cev_store *st, const summary *s)
{
    int rc = CEV_OK;
    if (!st->inc_coarse && s->loc && s->loc->country && is_coarse(s->loc)) {
        st->inc_coarse = 1;
        rc = cev_store_meta_max(st, "coarse_incidents", 1);
    }
    if (rc || !s->has_date)
        return rc;
    int64_t span = span_days(s->d0, s->d1);
    if (span <= st->inc_span)
        return CEV_OK;
    st->inc_span = (int32_t)span;
    return cev_store_meta_max(st, "max_incident_span", span);
}

/* A new merged_incidents row `id` (the event id of its first report) with
 * the values of s. */
static int insert_summary(cev_store *st, const summary *s, int64_t id)
{
    sqlite3_stmt *q = cev_store_stmt_sql(
        st, ST_INC_INSERT,
        "INSERT INTO merged_incidents(" INC_COLS ", id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
        " ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25,"
        " ?26, ?27)");
    if (!q)
        return st->err.code;
    char area[160];
    int rc = bind_summary(q, s, area, sizeof area) | sqlite3_bind_int64(q, 27, id);
    if (rc != SQLITE_OK)
        return cev_store_fail(st, rc, "cannot bind an incident");
    if ((rc = cev_store_step_done(st, q, "cannot store an incident")) ||
        (rc = cache_put(st, id, s)))
        return rc;
    return note_summary(st, s);
}

static int set_event_incident(cev_store *st, int64_t event, int64_t incident)
{
    sqlite3_stmt *u = cev_store_stmt_sql(st, ST_EVENT_SET_INCIDENT,
                                         "UPDATE events SET incident = ?1 WHERE id = ?2");
    if (!u)
        return st->err.code;
    if (incident)
        sqlite3_bind_int64(u, 1, incident);
    else
        sqlite3_bind_null(u, 1);
    sqlite3_bind_int64(u, 2, event);
    return cev_store_step_done(st, u, "cannot move a report to an incident");
}

/* A lone report is joined: it becomes a merged incident with its own event
 * id (the figures are recomputed once the new reports are stored). */
static int promote(cev_store *st, const cev_inc_cand *c)
{
    cev_inc_cache_forget_cand(st, c);
    rep r;
    rep_of_cand(&r, c);
    summary s;
    if (summarize(&r, 1, &s))
        return cev_err_set(&st->err, CEV_ERR_NOMEM, -1, "out of memory");
    int rc = insert_summary(st, &s, c->id);
    return rc ? rc : set_event_incident(st, c->id, c->id);
}

/* ---- finding an incident for a report ---------------------------------------------------- */

static int is_used(const int64_t *incident_of, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (incident_of[i] == id)
            return 1;
    return 0;
}

/* The search for one report: the best incident so far. */
typedef struct search {
    const rep *e;
    const int64_t *incident_of; /* incidents already taken by the article */
    size_t n;
    int box;                    /* 1: only incidents inside the lat/lon box */
    double lat0, lat1, lon0, lon1;
    int64_t best;
    double score;
    cev_inc_cand best_cand; /* strings owned by the cache: copy before writing */
} search;

static void consider(const cev_inc_cand *c, void *ctx)
{
    search *q = ctx;
    if (q->box && (!c->has_coords || c->lat < q->lat0 || c->lat > q->lat1 || c->lon < q->lon0 ||
                   c->lon > q->lon1))
        return;
    rep i;
    rep_of_cand(&i, c);
    double sc = match_score(q->e, &i);
    if (sc < 0 || is_used(q->incident_of, q->n, c->id))
        return;
    if (sc > q->score || (sc == q->score && c->id < q->best)) {
        q->score = sc;
        q->best = c->id;
        q->best_cand = *c;
    }
}

/* The best incident for report e: best->id 0 when none. */
static int find_incident(cev_store *st, const rep *e, const int64_t *incident_of, size_t n,
                         cev_inc_cand *best)
{
    memset(best, 0, sizeof *best);
    if (!e->has_date || !e->has_loc)
        return CEV_OK;
    search q = {e, incident_of, n, 0, 0, 0, 0, 0, 0, -1, {0}};
    /* Candidates start at most the longest incident range before e. */
    int32_t span = st->inc_span < CEV_INC_MAX_SPAN ? st->inc_span : CEV_INC_MAX_SPAN;
    int32_t lo = add_days(e->d0, -span), hi = e->d1;
    int coarse = is_coarse(e), rc;
    if (!coarse) {
        /* The cells within 25 km (the widest match).  Near the poles, where
         * degrees of longitude shrink to nothing, only the row's own cells. */
        double c = cos(e->lat * CEV_PI / 180.0);
        double dlat = MATCH_KM_MAX / KM_PER_DEG_LAT;
        double dlon = c > 0.2 ? MATCH_KM_MAX / (111.32 * c) : 0;
        /* Near the antimeridian or a pole no longitude box: the distance
         * test in match_score still applies. */
        int wide = c <= 0.2 || e->lon - dlon < -180 || e->lon + dlon > 180;
        q.box = 1;
        q.lat0 = e->lat - dlat;
        q.lat1 = e->lat + dlat;
        q.lon0 = wide ? -180 : e->lon - dlon;
        q.lon1 = wide ? 180 : e->lon + dlon;
        int64_t la0 = (int64_t)floor(e->lat - dlat + 90.0), la1 = (int64_t)floor(e->lat + dlat + 90.0);
        int64_t lo0 = (int64_t)floor(e->lon - dlon + 180.0), lo1 = (int64_t)floor(e->lon + dlon + 180.0);
        for (int64_t la = la0; la <= la1; la++) {
            if (la < 0 || la >= 180)
                continue;
            for (int64_t lk = lo0; lk <= lo1; lk++)
                if ((rc = cev_inc_cache_scan(st, cell_key(la, lk), NULL, 0, lo, hi, consider, &q)))
                    return rc;
        }
        q.box = 0;
        if (!st->inc_coarse) {
            if (q.best > 0)
                *best = q.best_cand;
            return CEV_OK; /* no coarse incident to meet */
        }
    }
    if (e->country) {
        char area[160];
        area_key(e, area, sizeof area);
        /* A precise report meets the coarse incidents of its area; a coarse
         * one meets them all. */
        for (int k = coarse ? 0 : 1; k <= 1; k++)
            if ((rc = cev_inc_cache_scan(st, -1, area, k, lo, hi, consider, &q)))
                return rc;
    }
    if (q.best > 0)
        *best = q.best_cand;
    return CEV_OK;
}

static const char *dup(cev_arena *ar, sqlite3_stmt *s, int col, int *oom)
{
    const char *t = cev_col_text(s, col);
    if (!t)
        return NULL;
    char *c = cev_arena_strdup(ar, t);
    if (!c)
        *oom = 1;
    return c;
}

static void add_touched(int64_t *touched, size_t *n, int64_t id)
{
    for (size_t i = 0; i < *n; i++)
        if (touched[i] == id)
            return;
    touched[(*n)++] = id;
}

/* A repost's events take the incidents of the events of the article it
 * repeats, paired by sentence (a lone report paired so becomes a merged
 * incident). */
static int pair_with_duplicate(cev_store *st, const cev_inc_article *a, const cev_result *events,
                               int64_t *incident_of, int64_t *touched, size_t *n_touched)
{
    sqlite3_stmt *s = cev_store_stmt_sql(
        st, ST_EVENTS_OF_ARTICLE,
        "SELECT " CEV_SOLO_CAND_COLS ", e.incident, e.sentence, a.published"
        " FROM events e JOIN articles a ON a.id = e.article WHERE e.article = ?1"
        " ORDER BY e.seq");
    if (!s)
        return st->err.code;
    sqlite3_bind_int64(s, 1, a->dup_of);
    cev_arena *ar = cev_arena_new();
    if (!ar)
        return cev_err_set(&st->err, CEV_ERR_NOMEM, -1, "out of memory");
    typedef struct dev {
        int64_t incident;
        int type, used, solo;
        const char *sentence;
        cev_inc_cand cand; /* of a lone report, strings in ar */
    } dev;
    dev *d = NULL;
    size_t nd = 0, cap = 0;
    int rc = CEV_OK, src;
    while ((src = sqlite3_step(s)) == SQLITE_ROW) {
        if (nd == cap) {
            size_t nc = cap ? cap * 2 : 16;
            dev *p = realloc(d, nc * sizeof *p);
            if (!p) {
                rc = CEV_ERR_NOMEM;
                break;
            }
            d = p;
            cap = nc;
        }
        dev *x = &d[nd];
        memset(x, 0, sizeof *x);
        x->solo = sqlite3_column_type(s, 12) == SQLITE_NULL;
        x->incident = sqlite3_column_int64(s, x->solo ? 0 : 12);
        x->type = cev_event_type_from_name(cev_col_text(s, 1));
        x->sentence = cev_arena_strdup(ar, cev_col_text(s, 13));
        int oom = cev_col_text(s, 13) && !x->sentence;
        if (x->solo) {
            /* What promote() needs to find and replace it in the cache; its
             * strings copied out of the row. */
            cev_inc_cand *c = &x->cand;
            cev_inc_cand_from_row(c, s, 1, 14);
            const char **str[] = {&c->actor_id, &c->loc_id, &c->loc_name, &c->admin1,
                                  &c->country};
            for (size_t k = 0; k < sizeof str / sizeof *str; k++)
                if (*str[k] && !(*str[k] = cev_arena_strdup(ar, *str[k])))
                    oom = 1;
        }
        if (oom) {
            rc = CEV_ERR_NOMEM;
            break;
        }
        nd++;
    }
    if (rc)
        rc = cev_err_set(&st->err, rc, -1, "out of memory");
    else if (src != SQLITE_DONE)
        rc = cev_store_fail(st, src, "cannot read the events of a duplicate article");
    sqlite3_reset(s);
    size_t n = cev_result_count(events);
    for (size_t i = 0; i < n && rc == CEV_OK; i++) {
        const cev_event *ev = cev_result_event(events, i);
        double best = SENTENCE_MATCH;
        size_t bj = nd;
        for (size_t j = 0; j < nd; j++) {
            if (d[j].used || !d[j].incident || type_score(ev->type, d[j].type) < 0)
                continue;
            double sim = cev_sentence_similarity(ev->sentence, d[j].sentence);
            if (sim >= best && (bj == nd || sim > best)) {
                best = sim;
                bj = j;
            }
        }
        if (bj < nd) {
            d[bj].used = 1;
            incident_of[i] = d[bj].incident;
            if (d[bj].solo)
                rc = promote(st, &d[bj].cand);
            add_touched(touched, n_touched, d[bj].incident);
        }
    }
    free(d);
    cev_arena_free(ar);
    return rc;
}

/* Keep what bounds the candidate search right for a lone report, as
 * note_summary does for an incident row. */
static int note_solo(cev_store *st, const rep *r)
{
    if ((!st->inc_coarse && r->has_loc && r->country && is_coarse(r)) ||
        (r->has_date && span_days(r->d0, r->d1) > st->inc_span)) {
        summary s;
        if (summarize(r, 1, &s))
            return cev_err_set(&st->err, CEV_ERR_NOMEM, -1, "out of memory");
        return note_summary(st, &s);
    }
    return CEV_OK;
}

int cev_inc_assign(cev_store *st, const cev_inc_article *a, const cev_result *events,
                   int64_t first_id, int64_t *incident_of, int64_t *touched, size_t *n_touched)
{
    size_t n = cev_result_count(events);
    *n_touched = 0;
    memset(incident_of, 0, n * sizeof *incident_of);
    int rc;
    if (a->dup_of && (rc = pair_with_duplicate(st, a, events, incident_of, touched, n_touched)))
        return rc;
    for (size_t i = 0; i < n; i++) {
        if (incident_of[i])
            continue;
        rep e;
        rep_from_event(&e, cev_result_event(events, i), a);
        e.event = first_id + (int64_t)i;
        cev_inc_cand best;
        if ((rc = find_incident(st, &e, incident_of, n, &best)))
            return rc;
        if (best.id) {
            if (best.solo && (rc = promote(st, &best)))
                return rc;
            add_touched(touched, n_touched, best.id);
            incident_of[i] = best.id;
        } else {
            /* Alone: its own incident, known to the search from now on. */
            if ((rc = cache_put_solo(st, &e)) || (rc = note_solo(st, &e)))
                return rc;
            incident_of[i] = e.event;
        }
    }
    return CEV_OK;
}

/* ---- recomputing an incident from its stored reports -------------------------------------- */

static void rep_from_row(rep *r, sqlite3_stmt *s, cev_arena *ar, int *oom)
{
    memset(r, 0, sizeof *r);
    r->event = sqlite3_column_int64(s, 22);
    r->article = sqlite3_column_int64(s, 0);
    r->story = sqlite3_column_type(s, 1) == SQLITE_NULL ? r->article : sqlite3_column_int64(s, 1);
    r->outlet = dup(ar, s, 2, oom);
    r->type = cev_event_type_from_name(cev_col_text(s, 4));
    int dprec = cev_date_precision_from_name(cev_col_text(s, 7));
    set_dates(r, sqlite3_column_type(s, 5) == SQLITE_NULL ? 0 : sqlite3_column_int(s, 5),
              sqlite3_column_int(s, 6), dprec > 0 ? dprec : CEV_DATE_DAY, sqlite3_column_int(s, 3));
    if (sqlite3_column_int(s, 21)) {
        r->has_loc = 1;
        r->loc_id = dup(ar, s, 8, oom);
        r->loc_name = dup(ar, s, 9, oom);
        r->admin1 = dup(ar, s, 10, oom);
        r->country = dup(ar, s, 11, oom);
        if (sqlite3_column_type(s, 12) != SQLITE_NULL && sqlite3_column_type(s, 13) != SQLITE_NULL) {
            r->has_coords = 1;
            r->lat = sqlite3_column_double(s, 12);
            r->lon = sqlite3_column_double(s, 13);
        }
        r->gprec = cev_geo_precision_from_name(cev_col_text(s, 14));
    }
    r->actor_id = dup(ar, s, 15, oom);
    r->actor_name = dup(ar, s, 16, oom);
    if (sqlite3_column_type(s, 17) != SQLITE_NULL) {
        r->has_k = 1;
        r->kmin = sqlite3_column_int64(s, 17);
        r->kmax = sqlite3_column_type(s, 18) == SQLITE_NULL ? -1 : sqlite3_column_int64(s, 18);
    }
    if (sqlite3_column_type(s, 19) != SQLITE_NULL) {
        r->has_i = 1;
        r->imin = sqlite3_column_int64(s, 19);
        r->imax = sqlite3_column_type(s, 20) == SQLITE_NULL ? -1 : sqlite3_column_int64(s, 20);
    }
}

static int write_summary(cev_store *st, int64_t incident, const rep *r, size_t n)
{
    int rc = cache_forget(st, incident);
    if (rc)
        return rc;
    if (!n) {
        /* No report left.  (One left keeps its row, and so its id.) */
        sqlite3_stmt *d = cev_store_stmt_sql(st, ST_INC_DELETE,
                                             "DELETE FROM merged_incidents WHERE id = ?1");
        if (!d)
            return st->err.code;
        sqlite3_bind_int64(d, 1, incident);
        return cev_store_step_done(st, d, "cannot delete an incident");
    }
    summary s;
    if (summarize(r, n, &s))
        return cev_err_set(&st->err, CEV_ERR_NOMEM, -1, "out of memory");
    sqlite3_stmt *u = cev_store_stmt_sql(
        st, ST_INC_UPDATE,
        "UPDATE merged_incidents SET (" INC_COLS ") = (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
        " ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26)"
        " WHERE id = ?27");
    if (!u)
        return st->err.code;
    char area[160];
    rc = bind_summary(u, &s, area, sizeof area) | sqlite3_bind_int64(u, 27, incident);
    if (rc != SQLITE_OK)
        return cev_store_fail(st, rc, "cannot bind an incident");
    if ((rc = cev_store_step_done(st, u, "cannot update an incident")) ||
        (rc = cache_put(st, incident, &s)))
        return rc;
    return note_summary(st, &s);
}

/* An incident with the values of s, as matching compares it. */
static void rep_of_summary(rep *i, const summary *s)
{
    cev_inc_cand c;
    cand_of_summary(&c, 0, s);
    rep_of_cand(i, &c);
}

/* Greedy clustering of an incident's remaining reports, in the order they
 * were stored: each joins the first group whose summary it matches and
 * that holds no report of its own article.  group[i] is report i's group;
 * returns the number of groups, 0 when out of memory. */
static size_t regroup(const rep *r, size_t n, size_t *group)
{
    rep *m = malloc(n * sizeof *m);
    if (!m)
        return 0;
    size_t ng = 0;
    for (size_t i = 0; i < n; i++) {
        group[i] = SIZE_MAX;
        for (size_t g = 0; g < ng && group[i] == SIZE_MAX; g++) {
            size_t k = 0;
            int same_article = 0;
            for (size_t j = 0; j < i; j++)
                if (group[j] == g) {
                    m[k++] = r[j];
                    same_article |= r[j].article == r[i].article;
                }
            summary s;
            if (same_article)
                continue;
            if (summarize(m, k, &s)) {
                free(m);
                return 0;
            }
            rep rg;
            rep_of_summary(&rg, &s);
            if (match_score(&r[i], &rg) >= 0)
                group[i] = g;
        }
        if (group[i] == SIZE_MAX)
            group[i] = ng++;
    }
    free(m);
    return ng;
}

/* After a delete, the reports an incident keeps may no longer belong
 * together (the deleted one bridged them): the first group keeps the
 * incident, every other group becomes a new one named after its first
 * report, or a lone report. */
static int split_incident(cev_store *st, int64_t incident, const rep *r, size_t n)
{
    size_t *group = malloc(n * sizeof *group);
    rep *m = malloc(n * sizeof *m);
    size_t ng = group && m ? regroup(r, n, group) : 0;
    int rc = ng ? CEV_OK : cev_err_set(&st->err, CEV_ERR_NOMEM, -1, "out of memory");
    for (size_t g = 0; g < ng && rc == CEV_OK; g++) {
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            if (group[i] == g)
                m[k++] = r[i];
        if (g == 0) {
            rc = write_summary(st, incident, m, k);
            continue;
        }
        if (k == 1) {
            rc = set_event_incident(st, m[0].event, 0);
            if (rc == CEV_OK)
                rc = cache_put_solo(st, &m[0]);
            continue;
        }
        /* A new incident named after its first report. */
        summary s;
        if (summarize(m, k, &s)) {
            rc = cev_err_set(&st->err, CEV_ERR_NOMEM, -1, "out of memory");
            break;
        }
        if ((rc = insert_summary(st, &s, m[0].event)))
            break;
        for (size_t j = 0; j < k && rc == CEV_OK; j++)
            rc = set_event_incident(st, m[j].event, m[0].event);
    }
    free(group);
    free(m);
    return rc;
}

int cev_inc_recompute(cev_store *st, int64_t incident, int resplit)
{
    sqlite3_stmt *s = cev_store_stmt_sql(
        st, ST_INC_REPORTS,
        "SELECT e.article, a.story, a.outlet, a.published, e.type, e.date_start, e.date_end,"
        " e.date_precision, e.loc_id, coalesce(e.loc_name, e.loc_text), e.loc_admin1,"
        " e.loc_country, e.lat, e.lon, e.geo_precision, e.actor_id,"
        " coalesce(e.actor_name, e.actor_text), e.killed_min, e.killed_max, e.injured_min,"
        " e.injured_max, e.loc_text IS NOT NULL, e.id"
        " FROM events e JOIN articles a ON a.id = e.article WHERE e.incident = ?1 ORDER BY e.id");
    if (!s)
        return st->err.code;
    sqlite3_bind_int64(s, 1, incident);
    cev_arena *ar = cev_arena_new();
    rep *r = NULL;
    size_t n = 0, cap = 0;
    int rc = ar ? CEV_OK : CEV_ERR_NOMEM, src = SQLITE_DONE, oom = 0;
    while (rc == CEV_OK && (src = sqlite3_step(s)) == SQLITE_ROW) {
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 8;
            rep *p = realloc(r, nc * sizeof *p);
            if (!p) {
                rc = CEV_ERR_NOMEM;
                break;
            }
            r = p;
            cap = nc;
        }
        rep_from_row(&r[n++], s, ar, &oom);
        if (oom)
            rc = CEV_ERR_NOMEM;
    }
    if (rc)
        rc = cev_err_set(&st->err, rc, -1, "out of memory");
    else if (src != SQLITE_DONE)
        rc = cev_store_fail(st, src, "cannot read an incident's reports");
    sqlite3_reset(s);
    if (rc == CEV_OK)
        rc = resplit && n > 1 ? split_incident(st, incident, r, n)
                              : write_summary(st, incident, r, n);
    free(r);
    cev_arena_free(ar);
    return rc;
}
