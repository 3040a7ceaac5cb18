/* test_incidents.c - reports of one real-world event from several articles
 * become one incident; distinct events never merge; reposts count as one
 * source; casualty figures are reconciled into low / best / high. */
#include <unistd.h>

#include "testutil.h"

#include "conflictev.h"
#include "result.h"
#include "store.h"

/* ---- helpers ------------------------------------------------------------ */

static char tmpdir[256];

static cev_store *open_tmp(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/cev_inc_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
    char path[300];
    snprintf(path, sizeof path, "%s/i.db", tmpdir);
    cev_store *st;
    ck_assert_int_eq(cev_store_open(&st, path, 0), CEV_OK);
    return st;
}

static void close_tmp(cev_store *st)
{
    cev_store_close(st);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "note: could not remove %s\n", tmpdir);
}

/* Pseudo-random prose: articles made from different seeds share no word
 * 4-grams, so they are independent reports. */
static char *make_text(unsigned seed, size_t words)
{
    static const char *vocab[] = {
        "the", "forces", "village", "strike", "said", "residents", "killed", "near", "after",
        "army", "rebels", "attack", "local", "sources", "morning", "district", "people",
        "town", "reported", "houses", "market", "road", "fighters", "government", "civilians",
        "wounded", "hospital", "officials", "area", "north", "south", "east", "west", "group",
        "monitor", "shelling", "airstrike", "witnesses", "night", "checkpoint", "convoy",
        "province", "clashes", "offensive", "positions", "militants", "drone", "bomb", "car",
        "mosque", "school", "bridge", "river", "families", "fled", "aid", "workers", "week"};
    size_t nv = sizeof vocab / sizeof *vocab;
    char *s = malloc(words * 12 + 16);
    ck_assert_ptr_nonnull(s);
    size_t k = 0;
    unsigned x = seed * 2654435761u + 1;
    for (size_t i = 0; i < words; i++) {
        x = x * 1103515245u + 12345u;
        const char *w = vocab[(x >> 16) % nv];
        size_t n = strlen(w);
        memcpy(s + k, w, n);
        k += n;
        if (i % 40 == 39)
            k += (size_t)sprintf(s + k, ".\n\n");
        else if (i % 13 == 12)
            k += (size_t)sprintf(s + k, ". ");
        else
            s[k++] = ' ';
    }
    s[k] = '\0';
    return s;
}

/* The same story reposted: paragraphs run together, curly quotes, a byline
 * before and a footer after. */
static char *repost(const char *text)
{
    size_t n = strlen(text);
    char *s = malloc(n * 2 + 200);
    ck_assert_ptr_nonnull(s);
    size_t k = (size_t)sprintf(s, "REPOST: By Staff \xe2\x80\x93 11 June 2017 \xe2\x80\x93 ");
    for (size_t i = 0; i < n; i++) {
        if (text[i] == '\n') {
            if (i + 1 < n && text[i + 1] == '\n')
                i++;
            s[k++] = ' ';
        } else {
            s[k++] = text[i];
        }
    }
    k += (size_t)sprintf(s + k, "\n\nwww.example.org \xe2\x80\x9cShare this\xe2\x80\x9d");
    s[k] = '\0';
    return s;
}

typedef struct evspec {
    int type;
    const char *place_id;
    double lat, lon;
    int precision;
    const char *admin1;
    int32_t d0, d1;
    const char *actor;
    int64_t kmin, kmax; /* kmin -1: no figure */
    const char *sentence;
} evspec;

static void push(cev_result *r, const evspec *e)
{
    cev_event *ev = cev_result_push(r);
    ck_assert_ptr_nonnull(ev);
    ev->type = e->type;
    if (e->place_id) {
        ev->location.id = cev_result_str(r, e->place_id);
        ev->location.name = cev_result_str(r, e->place_id + 3);
        ev->location.text = ev->location.name;
        ev->location.country = cev_result_str(r, "SY");
        ev->location.admin1 = cev_result_str(r, e->admin1 ? e->admin1 : "Ar-Raqqah");
        ev->location.has_coords = 1;
        ev->location.lat = e->lat;
        ev->location.lon = e->lon;
        ev->location.precision = e->precision ? e->precision : CEV_GEO_CITY;
    }
    if (e->d0) {
        ev->date.start = e->d0;
        ev->date.end = e->d1 ? e->d1 : e->d0;
        ev->date.precision = ev->date.end > ev->date.start ? CEV_DATE_RANGE : CEV_DATE_DAY;
    }
    if (e->actor) {
        ev->actor.id = cev_result_str(r, e->actor);
        ev->actor.name = ev->actor.id;
        ev->actor.text = ev->actor.id;
    }
    if (e->kmin >= 0) {
        ev->killed.min = e->kmin;
        ev->killed.max = e->kmax;
        ev->killed.text = cev_result_str(r, "figure");
    }
    ev->sentence = cev_result_str(r, e->sentence ? e->sentence : "Something happened there.");
}

/* Store one article of `n` events; its text comes from `seed`. */
static void store(cev_store *st, const char *id, unsigned seed, const char *outlet,
                  const char *published, const evspec *e, size_t n)
{
    char *text = make_text(seed, 160);
    cev_result *r = cev_result_create();
    for (size_t i = 0; i < n; i++)
        push(r, &e[i]);
    cev_article a = CEV_ARTICLE_INIT;
    a.id = id;
    a.text = text;
    a.len = strlen(text);
    a.outlet = outlet;
    a.published = published;
    int added;
    ck_assert_msg(cev_store_add(st, &a, r, &added) == CEV_OK, "%s", cev_store_errmsg(st));
    ck_assert_int_eq(added, 1);
    cev_result_free(r);
    free(text);
}

static void store_text(cev_store *st, const char *id, const char *text, const char *outlet,
                       const evspec *e, size_t n)
{
    cev_result *r = cev_result_create();
    for (size_t i = 0; i < n; i++)
        push(r, &e[i]);
    cev_article a = CEV_ARTICLE_INIT;
    a.id = id;
    a.text = text;
    a.len = strlen(text);
    a.outlet = outlet;
    a.published = "2017-06-11";
    ck_assert_msg(cev_store_add(st, &a, r, NULL) == CEV_OK, "%s", cev_store_errmsg(st));
    cev_result_free(r);
}

/* Incident of the seq-th event of an article (a lone report is its own,
 * with its event id). */
static int64_t inc_of(cev_store *st, const char *article, int seq)
{
    sqlite3_stmt *s;
    ck_assert_int_eq(sqlite3_prepare_v2(st->db,
                                        "SELECT coalesce(e.incident, e.id) FROM events e JOIN articles a ON"
                                        " a.id = e.article WHERE a.article_id = ?1 AND e.seq = ?2",
                                        -1, &s, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(s, 1, article, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 2, seq);
    ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    ck_assert_int_gt(v, 0);
    return v;
}

/* A column of an incident, as an integer (-1 for NULL). */
static int64_t inc_col(cev_store *st, int64_t id, const char *column)
{
    char sql[200];
    /* The search keys (cell, area, coarse) are only in merged_incidents. */
    int key = !strcmp(column, "cell") || !strcmp(column, "area") || !strcmp(column, "coarse");
    snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE id = ?1", column,
             key ? "merged_incidents" : "incidents");
    sqlite3_stmt *s;
    ck_assert_int_eq(sqlite3_prepare_v2(st->db, sql, -1, &s, NULL), SQLITE_OK);
    sqlite3_bind_int64(s, 1, id);
    ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
    int64_t v = sqlite3_column_type(s, 0) == SQLITE_NULL ? -1 : sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

static int64_t count_rows(cev_store *st, const char *table)
{
    char sql[80];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    sqlite3_stmt *s;
    ck_assert_int_eq(sqlite3_prepare_v2(st->db, sql, -1, &s, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

/* Every incident (the incidents view), and the rows of merged ones (a lone
 * report has none). */
static int64_t n_incidents(cev_store *st) { return count_rows(st, "incidents"); }
static int64_t n_merged(cev_store *st) { return count_rows(st, "merged_incidents"); }

#define RAQQA "SY:raqqa", 35.95, 39.01
#define JAZRA "SY:jazra", 35.955, 38.975 /* a neighbourhood 3 km west */
#define TABQA "SY:tabqa", 35.84, 38.55   /* 43 km west */

/* Two articles, one merge or not, for a pair of reports. */
static int merges(const evspec *a, const evspec *b)
{
    cev_store *st = open_tmp();
    store(st, "a", 1, "Outlet A", "2017-06-11", a, 1);
    store(st, "b", 2, "Outlet B", "2017-06-11", b, 1);
    int same = inc_of(st, "a", 0) == inc_of(st, "b", 0);
    ck_assert_int_eq(n_incidents(st), same ? 1 : 2);
    close_tmp(st);
    return same;
}

/* ---- merging rules --------------------------------------------------------- */

START_TEST(test_same_event_two_outlets)
{
    cev_store *st = open_tmp();
    evspec e = {CEV_EV_AIR_STRIKE, RAQQA, 0, NULL, 20170610, 0, "USA", 50, -1, NULL};
    store(st, "a", 1, "Outlet A", "2017-06-11", &e, 1);
    store(st, "b", 2, "Outlet B", "2017-06-11", &e, 1);
    int64_t i = inc_of(st, "a", 0);
    ck_assert_int_eq(inc_of(st, "b", 0), i);
    ck_assert_int_eq(inc_col(st, i, "n_reports"), 2);
    ck_assert_int_eq(inc_col(st, i, "n_articles"), 2);
    ck_assert_int_eq(inc_col(st, i, "n_outlets"), 2);
    ck_assert_int_eq(inc_col(st, i, "n_sources"), 2);
    ck_assert_int_eq(inc_col(st, i, "date_start"), 20170610);
    /* The two articles are not reposts of each other. */
    sqlite3_stmt *s;
    sqlite3_prepare_v2(st->db, "SELECT count(DISTINCT story) FROM articles", -1, &s, NULL);
    ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
    ck_assert_int_eq(sqlite3_column_int(s, 0), 2);
    sqlite3_finalize(s);
    /* The same outlet twice is one source. */
    store(st, "c", 3, "outlet a", "2017-06-11", &e, 1);
    ck_assert_int_eq(inc_of(st, "c", 0), i);
    ck_assert_int_eq(inc_col(st, i, "n_articles"), 3);
    ck_assert_int_eq(inc_col(st, i, "n_outlets"), 2);
    ck_assert_int_eq(inc_col(st, i, "n_sources"), 2);
    close_tmp(st);
}
END_TEST

START_TEST(test_type_families)
{
    evspec a = {CEV_EV_AIR_STRIKE, RAQQA, 0, NULL, 20170610, 0, NULL, -1, -1, NULL};
    evspec b = a;
    b.type = CEV_EV_ATTACK;
    ck_assert(merges(&a, &b));
    b.type = CEV_EV_SHELLING;
    ck_assert(!merges(&a, &b));
    b.type = CEV_EV_PROTEST;
    ck_assert(!merges(&a, &b));
    a.type = CEV_EV_ARMED_CLASH;
    b.type = CEV_EV_TERRITORY_CHANGE;
    ck_assert(merges(&a, &b));
    b.type = CEV_EV_ATTACK;
    ck_assert(!merges(&a, &b));
    a.type = b.type = CEV_EV_STATEMENT;
    ck_assert(merges(&a, &b));
}
END_TEST

START_TEST(test_generic_attack_takes_specific_type)
{
    cev_store *st = open_tmp();
    evspec a = {CEV_EV_ATTACK, RAQQA, 0, NULL, 20170610, 0, NULL, -1, -1, NULL};
    evspec b = a, c = a;
    b.type = CEV_EV_AIR_STRIKE;
    c.type = CEV_EV_SHELLING;
    store(st, "a", 1, "A", "2017-06-11", &a, 1);
    store(st, "b", 2, "B", "2017-06-11", &b, 1);
    int64_t i = inc_of(st, "a", 0);
    ck_assert_int_eq(inc_of(st, "b", 0), i);
    sqlite3_stmt *s;
    sqlite3_prepare_v2(st->db, "SELECT type FROM incidents", -1, &s, NULL);
    ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
    ck_assert_str_eq((const char *)sqlite3_column_text(s, 0), "air_strike");
    sqlite3_finalize(s);
    /* Now an air strike incident: shelling does not join it. */
    store(st, "c", 3, "C", "2017-06-11", &c, 1);
    ck_assert_int_ne(inc_of(st, "c", 0), i);
    close_tmp(st);
}
END_TEST

START_TEST(test_dates)
{
    evspec a = {CEV_EV_BOMBING, RAQQA, 0, NULL, 20170610, 0, NULL, -1, -1, NULL};
    evspec b = a;
    b.d0 = 20170609;
    ck_assert(!merges(&a, &b)); /* the day before: another bombing */
    b.d0 = 20170608;
    b.d1 = 20170611; /* "this week" */
    ck_assert(merges(&a, &b));
    b.d0 = b.d1 = 0; /* no date: the week before publication (June 11) */
    ck_assert(merges(&a, &b));
    a.d0 = 20170520;
    ck_assert(!merges(&a, &b));
}
END_TEST

START_TEST(test_places)
{
    evspec a = {CEV_EV_AIR_STRIKE, RAQQA, 0, NULL, 20170610, 0, NULL, -1, -1, NULL};
    evspec b = {CEV_EV_AIR_STRIKE, JAZRA, CEV_GEO_POINT, NULL, 20170610, 0, NULL, -1, -1, NULL};
    ck_assert(merges(&a, &b)); /* 3 km */
    evspec c = {CEV_EV_AIR_STRIKE, TABQA, 0, NULL, 20170610, 0, NULL, -1, -1, NULL};
    ck_assert(!merges(&a, &c)); /* 43 km */
    /* Known only at admin1 precision: the same admin1 matches... */
    evspec d = {CEV_EV_AIR_STRIKE, "SY:ar-raqqah-gov", 35.7, 38.8, CEV_GEO_ADMIN1, "Ar-Raqqah",
                20170610, 0, NULL, -1, -1, NULL};
    ck_assert(merges(&c, &d));
    /* ...another does not. */
    d.admin1 = "Aleppo";
    ck_assert(!merges(&c, &d));
    /* No place at all: nothing to compare. */
    evspec e = a;
    e.place_id = NULL;
    ck_assert(!merges(&a, &e));
}
END_TEST

START_TEST(test_actors)
{
    evspec a = {CEV_EV_AIR_STRIKE, RAQQA, 0, NULL, 20170610, 0, "USA", -1, -1, NULL};
    evspec b = a;
    ck_assert(merges(&a, &b));
    b.actor = "RUS";
    ck_assert(!merges(&a, &b));
    b.actor = NULL;
    ck_assert(merges(&a, &b));
    b.actor = "USAMIL"; /* a branch of the same country */
    ck_assert(merges(&a, &b));
    a.actor = "SYRGOV";
    ck_assert(!merges(&a, &b));
}
END_TEST

/* ---- the candidate cache (inc_cache.c) --------------------------------- */

/* Another connection's incident, written while ours held the same cell in
 * memory, is found: the cache is dropped when the file changed under it. */
START_TEST(test_cache_sees_other_connection)
{
    cev_store *st = open_tmp();
    char path[300];
    snprintf(path, sizeof path, "%s/i.db", tmpdir);
    cev_store *other;
    ck_assert_int_eq(cev_store_open(&other, path, 0), CEV_OK);
    evspec usa = {CEV_EV_AIR_STRIKE, RAQQA, 0, NULL, 20170610, 0, "USA", -1, -1, NULL};
    evspec rus = usa;
    rus.actor = "RUS";
    store(st, "a", 1, "A", "2017-06-11", &usa, 1); /* our cache now holds Raqqa */
    store(other, "b", 2, "B", "2017-06-11", &rus, 1); /* a second incident there */
    ck_assert_int_ne(inc_of(st, "b", 0), inc_of(st, "a", 0));
    store(st, "c", 3, "C", "2017-06-11", &rus, 1);
    ck_assert_int_eq(inc_of(st, "c", 0), inc_of(st, "b", 0));
    ck_assert_int_eq(inc_col(st, inc_of(st, "b", 0), "n_reports"), 2);
    ck_assert_int_eq(n_incidents(st), 2);
    cev_store_close(other);
    close_tmp(st);
}
END_TEST

/* A batch rolled back takes its incidents with it, from the cache too. */
START_TEST(test_cache_forgets_rollback)
{
    cev_store *st = open_tmp();
    evspec e = {CEV_EV_BOMBING, RAQQA, 0, NULL, 20170610, 0, NULL, 3, -1, NULL};
    ck_assert_int_eq(cev_store_begin_batch(st), CEV_OK);
    store(st, "a", 1, "A", "2017-06-11", &e, 1);
    ck_assert_int_eq(cev_store_end_batch(st, 0), CEV_OK);
    ck_assert_int_eq(n_incidents(st), 0);
    /* b's bombing would join a ghost of a's if remembered.  An unrelated
     * report stored first takes the ghost's event id, so b's is another. */
    evspec far = {CEV_EV_SHELLING, JAZRA, CEV_GEO_POINT, NULL, 20170625, 0, NULL, -1, -1, NULL};
    store(st, "c", 3, "C", "2017-06-26", &far, 1);
    store(st, "b", 2, "B", "2017-06-11", &e, 1);
    ck_assert_int_eq(n_incidents(st), 2);
    ck_assert_int_eq(n_merged(st), 0);
    ck_assert_int_eq(inc_col(st, inc_of(st, "b", 0), "n_reports"), 1);
    close_tmp(st);
}
END_TEST

/* An incident first known at admin1 precision becomes precise when a report
 * with a town joins it; the next report near the town finds it under its
 * new cell, and its old place in the cache is forgotten. */
START_TEST(test_cache_follows_updates)
{
    cev_store *st = open_tmp();
    evspec coarse = {CEV_EV_AIR_STRIKE, "SY:ar-raqqah-gov", 35.7, 38.8, CEV_GEO_ADMIN1,
                     "Ar-Raqqah", 20170610, 0, NULL, -1, -1, NULL};
    evspec town = {CEV_EV_AIR_STRIKE, RAQQA, 0, NULL, 20170610, 0, NULL, -1, -1, NULL};
    evspec near = {CEV_EV_AIR_STRIKE, JAZRA, CEV_GEO_POINT, NULL, 20170610, 0, NULL, -1, -1, NULL};
    store(st, "a", 1, "A", "2017-06-11", &coarse, 1);
    int64_t i = inc_of(st, "a", 0);
    ck_assert_int_eq(n_merged(st), 0); /* a lone report: no row */
    store(st, "b", 2, "B", "2017-06-11", &town, 1);
    ck_assert_int_eq(inc_of(st, "b", 0), i);
    ck_assert_int_eq(inc_col(st, i, "coarse"), 0);
    store(st, "c", 3, "C", "2017-06-11", &near, 1);
    ck_assert_int_eq(inc_of(st, "c", 0), i);
    ck_assert_int_eq(inc_col(st, i, "n_reports"), 3);
    /* Deleting the reports brings it back to admin1 (its row stays, with
     * its id), then removes it. */
    ck_assert_int_eq(cev_store_delete_article(st, "b"), CEV_OK);
    ck_assert_int_eq(inc_col(st, i, "n_reports"), 2);
    ck_assert_int_eq(cev_store_delete_article(st, "c"), CEV_OK);
    ck_assert_int_eq(inc_col(st, i, "n_reports"), 1);
    ck_assert_int_eq(inc_col(st, i, "coarse"), 1);
    ck_assert_int_eq(inc_of(st, "a", 0), i);
    store(st, "d", 4, "D", "2017-06-11", &coarse, 1);
    ck_assert_int_eq(inc_of(st, "d", 0), i);
    ck_assert_int_eq(cev_store_delete_article(st, "a"), CEV_OK);
    ck_assert_int_eq(cev_store_delete_article(st, "d"), CEV_OK);
    ck_assert_int_eq(n_incidents(st), 0);
    store(st, "e", 5, "E", "2017-06-11", &town, 1);
    ck_assert_int_eq(n_incidents(st), 1);
    ck_assert_int_eq(inc_col(st, inc_of(st, "e", 0), "n_reports"), 1);
    close_tmp(st);
}
END_TEST

/* A deleted lone report is no candidate any more: a later report of the
 * same strike is alone too, not joined to a row for the deleted one. */
START_TEST(test_deleted_lone_report_is_forgotten)
{
    cev_store *st = open_tmp();
    evspec town = {CEV_EV_AIR_STRIKE, RAQQA, 0, NULL, 20170610, 0, NULL, -1, -1, NULL};
    evspec far = {CEV_EV_AIR_STRIKE, JAZRA, CEV_GEO_POINT, NULL, 20170620, 0, NULL, -1, -1, NULL};
    store(st, "a", 1, "A", "2017-06-11", &town, 1);
    /* A later event keeps a's id from being used again. */
    store(st, "z", 77, "Z", "2017-06-21", &far, 1);
    ck_assert_int_eq(cev_store_delete_article(st, "a"), CEV_OK);
    store(st, "b", 2, "B", "2017-06-11", &town, 1);
    ck_assert_int_eq(n_merged(st), 0);
    ck_assert_int_eq(n_incidents(st), 2);
    store(st, "c", 3, "C", "2017-06-11", &town, 1);
    ck_assert_int_eq(inc_of(st, "c", 0), inc_of(st, "b", 0));
    ck_assert_int_eq(inc_col(st, inc_of(st, "b", 0), "n_reports"), 2);
    close_tmp(st);
}
END_TEST

/* A report that bridged two others is deleted: they no longer fit together
 * and the incident splits in two. */
START_TEST(test_delete_splits_bridged_incident)
{
    cev_store *st = open_tmp();
    /* Points 9 km apart along one line (0.1 degree of longitude at 36 N):
     * a-b and b-c are within 10 km, a-c is not. */
    evspec a = {CEV_EV_AIR_STRIKE, "SY:west", 35.95, 39.01, CEV_GEO_CITY, NULL, 20170610, 0,
                NULL, 4, -1, NULL};
    evspec b = a, c = a;
    /* b is more precise: the incident takes its place, and c joins it. */
    b.precision = c.precision = CEV_GEO_POINT;
    b.place_id = "SY:middle";
    b.lon = 39.11;
    c.place_id = "SY:east";
    c.lon = 39.21;
    store(st, "a", 1, "A", "2017-06-11", &a, 1);
    store(st, "b", 2, "B", "2017-06-11", &b, 1);
    store(st, "c", 3, "C", "2017-06-11", &c, 1);
    int64_t i = inc_of(st, "a", 0);
    ck_assert_int_eq(inc_of(st, "b", 0), i);
    ck_assert_int_eq(inc_of(st, "c", 0), i);
    ck_assert_int_eq(inc_col(st, i, "n_reports"), 3);
    ck_assert_int_eq(cev_store_delete_article(st, "b"), CEV_OK);
    ck_assert_int_eq(n_incidents(st), 2);
    ck_assert_int_eq(inc_of(st, "a", 0), i); /* the first report keeps the incident */
    int64_t j = inc_of(st, "c", 0);
    ck_assert_int_ne(j, i);
    ck_assert_int_eq(inc_col(st, i, "n_reports"), 1);
    ck_assert_int_eq(inc_col(st, j, "n_reports"), 1);
    ck_assert_int_eq(inc_col(st, j, "killed_best"), 4);
    /* The new incident is found by the next report near it. */
    store(st, "d", 4, "D", "2017-06-11", &c, 1);
    ck_assert_int_eq(inc_of(st, "d", 0), j);
    /* Reports that still fit together stay one incident after a delete. */
    store(st, "e", 5, "E", "2017-06-11", &a, 1);
    ck_assert_int_eq(inc_of(st, "e", 0), i);
    ck_assert_int_eq(cev_store_delete_article(st, "d"), CEV_OK);
    ck_assert_int_eq(n_incidents(st), 2);
    ck_assert_int_eq(inc_col(st, i, "n_reports"), 2);
    sqlite3_stmt *q;
    ck_assert_int_eq(sqlite3_prepare_v2(st->db, "PRAGMA foreign_key_check", -1, &q, NULL),
                     SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(q), SQLITE_DONE);
    sqlite3_finalize(q);
    close_tmp(st);
}
END_TEST

/* Two strikes in one article stay two incidents, and a third article's
 * report joins only one of them. */
START_TEST(test_distinct_events_never_merge)
{
    cev_store *st = open_tmp();
    evspec two[2] = {{CEV_EV_AIR_STRIKE, RAQQA, 0, NULL, 20170610, 0, NULL, 10, 10, "One strike."},
                     {CEV_EV_AIR_STRIKE, RAQQA, 0, NULL, 20170610, 0, NULL, 14, 14, "Another strike."}};
    store(st, "a", 1, "A", "2017-06-11", two, 2);
    ck_assert_int_ne(inc_of(st, "a", 0), inc_of(st, "a", 1));
    store(st, "b", 2, "B", "2017-06-11", two, 2);
    ck_assert_int_eq(n_incidents(st), 2);
    ck_assert_int_ne(inc_of(st, "b", 0), inc_of(st, "b", 1));
    evspec one = two[0];
    store(st, "c", 3, "C", "2017-06-11", &one, 1);
    ck_assert_int_eq(n_incidents(st), 2);
    int64_t i = inc_of(st, "c", 0);
    ck_assert_int_eq(inc_col(st, i, "n_reports"), 3);
    ck_assert_int_eq(inc_col(st, i == inc_of(st, "a", 0) ? inc_of(st, "a", 1) : inc_of(st, "a", 0),
                             "n_reports"),
                     2);
    sqlite3_stmt *s;
    sqlite3_prepare_v2(st->db,
                       "SELECT count(*) FROM (SELECT coalesce(incident, id) AS inc, article FROM events"
                       " GROUP BY inc, article HAVING count(*) > 1)",
                       -1, &s, NULL);
    ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
    ck_assert_int_eq(sqlite3_column_int(s, 0), 0);
    sqlite3_finalize(s);
    close_tmp(st);
}
END_TEST

/* ---- figures ------------------------------------------------------------------ */

static int64_t figures_of(int64_t k1, int64_t k2, int64_t k3, int64_t out[3])
{
    cev_store *st = open_tmp();
    evspec e = {CEV_EV_BOMBING, RAQQA, 0, NULL, 20170610, 0, NULL, k1, k1, NULL};
    store(st, "a", 1, "A", "2017-06-11", &e, 1);
    e.kmin = e.kmax = k2;
    store(st, "b", 2, "B", "2017-06-11", &e, 1);
    e.kmin = e.kmax = k3;
    store(st, "c", 3, "C", "2017-06-11", &e, 1);
    int64_t i = inc_of(st, "a", 0);
    ck_assert_int_eq(inc_col(st, i, "n_reports"), 3);
    out[0] = inc_col(st, i, "killed_low");
    out[1] = inc_col(st, i, "killed_best");
    out[2] = inc_col(st, i, "killed_high");
    close_tmp(st);
    return out[1];
}

START_TEST(test_casualty_reconciliation)
{
    int64_t f[3];
    figures_of(10, 14, 14, f); /* most reported */
    ck_assert_int_eq(f[0], 10);
    ck_assert_int_eq(f[1], 14);
    ck_assert_int_eq(f[2], 14);
    figures_of(30, 10, 20, f); /* median */
    ck_assert_int_eq(f[0], 10);
    ck_assert_int_eq(f[1], 20);
    ck_assert_int_eq(f[2], 30);
    /* Ranges and open figures: high is the largest number given. */
    cev_store *st = open_tmp();
    evspec e = {CEV_EV_BOMBING, RAQQA, 0, NULL, 20170610, 0, NULL, 20, 30, NULL};
    store(st, "a", 1, "A", "2017-06-11", &e, 1);
    e.kmin = 50;
    e.kmax = -1; /* "at least 50" */
    store(st, "b", 2, "B", "2017-06-11", &e, 1);
    e.kmin = -1; /* no figure */
    store(st, "c", 3, "C", "2017-06-11", &e, 1);
    int64_t i = inc_of(st, "a", 0);
    ck_assert_int_eq(inc_col(st, i, "killed_low"), 20);
    ck_assert_int_eq(inc_col(st, i, "killed_high"), 50);
    ck_assert_int_eq(inc_col(st, i, "killed_best"), 20);
    ck_assert_int_eq(inc_col(st, i, "injured_low"), -1);
    /* Each report keeps its own figure. */
    cev_query q = CEV_QUERY_INIT;
    q.article_id = "a";
    cev_result *r;
    ck_assert_int_eq(cev_store_query(&r, st, &q), CEV_OK);
    ck_assert_int_eq(cev_result_event(r, 0)->killed.min, 20);
    ck_assert_int_eq(cev_result_event(r, 0)->killed.max, 30);
    cev_result_free(r);
    close_tmp(st);
}
END_TEST

/* ---- reposts --------------------------------------------------------------------- */

START_TEST(test_sketch_containment)
{
    char *a = make_text(7, 400), *b = repost(a), *c = make_text(8, 400);
    cev_sketch sa, sb, sc;
    ck_assert_int_eq(cev_sketch_text(&sa, a, strlen(a)), CEV_OK);
    ck_assert_int_eq(cev_sketch_text(&sb, b, strlen(b)), CEV_OK);
    ck_assert_int_eq(cev_sketch_text(&sc, c, strlen(c)), CEV_OK);
    ck_assert_uint_gt(sa.n, 20);
    ck_assert_double_gt(cev_sketch_containment(&sa, &sb), 0.9);
    ck_assert_double_lt(cev_sketch_containment(&sa, &sc), 0.1);
    /* A story with a long comment section still contains the repost. */
    char *long_a = malloc(strlen(a) + strlen(c) + 2);
    sprintf(long_a, "%s\n%s", a, c);
    cev_sketch sl;
    ck_assert_int_eq(cev_sketch_text(&sl, long_a, strlen(long_a)), CEV_OK);
    ck_assert_double_gt(cev_sketch_containment(&sl, &sb), 0.8);
    /* Blob round trip keeps the values. */
    unsigned char *blob = malloc(sa.n * 8);
    for (size_t i = 0; i < sa.n; i++)
        for (int k = 0; k < 8; k++)
            blob[i * 8 + (size_t)k] = (unsigned char)(sa.h[i] >> (8 * k));
    cev_sketch back;
    ck_assert_int_eq(cev_sketch_from_blob(&back, blob, sa.n * 8, sa.capped), CEV_OK);
    ck_assert_uint_eq(back.n, sa.n);
    ck_assert_double_eq(cev_sketch_containment(&sa, &back), 1.0);
    /* Too little text cannot tell. */
    cev_sketch tiny;
    ck_assert_int_eq(cev_sketch_text(&tiny, "a b c d e", 9), CEV_OK);
    ck_assert_double_eq(cev_sketch_containment(&tiny, &sa), -1);
    ck_assert_double_gt(cev_sentence_similarity("At least 50 people were killed.",
                                                "By Staff - at least 50 people were killed"),
                        0.99);
    ck_assert_double_lt(cev_sentence_similarity("At least 50 people were killed.",
                                                "Lavrov phoned Tillerson."),
                        0.2);
    cev_sketch_free(&sa);
    cev_sketch_free(&sb);
    cev_sketch_free(&sc);
    cev_sketch_free(&sl);
    cev_sketch_free(&back);
    cev_sketch_free(&tiny);
    free(blob);
    free(a);
    free(b);
    free(c);
    free(long_a);
}
END_TEST

START_TEST(test_repost_is_one_source)
{
    cev_store *st = open_tmp();
    char *a = make_text(11, 300), *b = repost(a), *c = make_text(12, 300);
    evspec e[2] = {{CEV_EV_AIR_STRIKE, RAQQA, 0, NULL, 20170610, 0, "USA", 50, -1,
                    "At least 50 people were killed in Raqqa."},
                   /* No place: only the repost's sentence can pair it. */
                   {CEV_EV_STATEMENT, NULL, 0, 0, 0, NULL, 20170610, 0, "RUS", -1, -1,
                    "Lavrov phoned Tillerson on Saturday."}};
    store_text(st, "orig", a, "EA WorldView", e, 2);
    store_text(st, "repost", b, "MESOP", e, 2);
    int64_t i = inc_of(st, "orig", 0);
    ck_assert_int_eq(inc_of(st, "repost", 0), i);
    ck_assert_int_eq(inc_of(st, "repost", 1), inc_of(st, "orig", 1));
    ck_assert_int_eq(inc_col(st, i, "n_articles"), 2);
    ck_assert_int_eq(inc_col(st, i, "n_outlets"), 2);
    ck_assert_int_eq(inc_col(st, i, "n_sources"), 1);
    /* An independent report of the same strike is a second source; its 14
     * is not outvoted by the repost's copy of 50. */
    evspec f = e[0];
    f.kmin = f.kmax = 14;
    store_text(st, "indep", c, "Reuters", &f, 1);
    ck_assert_int_eq(inc_of(st, "indep", 0), i);
    ck_assert_int_eq(inc_col(st, i, "n_articles"), 3);
    ck_assert_int_eq(inc_col(st, i, "n_sources"), 2);
    ck_assert_int_eq(inc_col(st, i, "killed_low"), 14);
    ck_assert_int_eq(inc_col(st, i, "killed_best"), 14);
    ck_assert_int_eq(inc_col(st, i, "killed_high"), 50);
    /* Deleting the original leaves the repost and the independent report. */
    ck_assert_int_eq(cev_store_delete_article(st, "orig"), CEV_OK);
    ck_assert_int_eq(inc_col(st, i, "n_articles"), 2);
    ck_assert_int_eq(inc_col(st, i, "n_sources"), 2);
    ck_assert_int_eq(cev_store_delete_article(st, "indep"), CEV_OK);
    ck_assert_int_eq(inc_col(st, i, "killed_best"), 50);
    ck_assert_int_eq(cev_store_delete_article(st, "repost"), CEV_OK);
    ck_assert_int_eq(n_incidents(st), 0);
    free(a);
    free(b);
    free(c);
    close_tmp(st);
}
END_TEST

static int collect(void *ud, const char *data, size_t len)
{
    cev_buf_put((cev_buf *)ud, data, len);
    return 0;
}

START_TEST(test_export_incidents_formats)
{
    cev_store *st = open_tmp();
    evspec e = {CEV_EV_AIR_STRIKE, RAQQA, 0, NULL, 20170610, 0, "USA", 50, -1, "Fifty, \"at least\"."};
    store(st, "a", 1, "Outlet A", "2017-06-11", &e, 1);
    e.kmin = e.kmax = 40;
    store(st, "b", 2, "Outlet B", "2017-06-11", &e, 1);
    evspec other = {CEV_EV_SHELLING, TABQA, 0, NULL, 20170601, 0, NULL, -1, -1, NULL};
    store(st, "c", 3, "Outlet C", "2017-06-02", &other, 1);
    cev_buf out;
    cev_buf_init(&out);
    ck_assert_int_eq(cev_store_export_incidents(st, NULL, CEV_EXPORT_JSONL, collect, &out), CEV_OK);
    /* Two incidents, earliest first. */
    char *nl = strchr(out.data, '\n');
    ck_assert_ptr_nonnull(nl);
    ck_assert_ptr_nonnull(strstr(nl + 1, "\n"));
    ck_assert_ptr_null(strstr(strstr(nl + 1, "\n") + 1, "\n"));
    ck_assert_int_eq(strncmp(out.data, "{\"incident\":", 12), 0);
    ck_assert_ptr_nonnull(strstr(out.data, "\"type\":\"shelling\""));
    ck_assert(strstr(out.data, "\"type\":\"shelling\"") < nl);
    const char *second = nl + 1;
    ck_assert_ptr_nonnull(strstr(second, "\"n_reports\":2,\"n_articles\":2,\"n_outlets\":2,"
                                         "\"n_sources\":2"));
    ck_assert_ptr_nonnull(strstr(second, "\"killed\":{\"low\":40,\"best\":40,\"high\":50}"));
    ck_assert_ptr_nonnull(strstr(second, "\"article_ids\":[\"a\",\"b\"]"));
    ck_assert_ptr_nonnull(strstr(second, "\"killed\":{\"min\":50,\"max\":null,\"text\":\"figure\"}"));
    ck_assert_ptr_nonnull(strstr(second, "\"outlet\":\"Outlet B\""));
    ck_assert_ptr_nonnull(strstr(second, "\"date\":{\"start\":\"2017-06-10\",\"end\":\"2017-06-10\","
                                         "\"precision\":\"day\"}"));
    out.len = 0;
    /* Filters pick incidents through their events. */
    cev_query q = CEV_QUERY_INIT;
    q.min_killed = 45;
    ck_assert_int_eq(cev_store_export_incidents(st, &q, CEV_EXPORT_CSV, collect, &out), CEV_OK);
    ck_assert_int_eq(strncmp(out.data, "incident_id,event_type,date_start,date_end,", 43), 0);
    nl = strchr(out.data, '\n');
    ck_assert_ptr_nonnull(nl);
    ck_assert_ptr_nonnull(strstr(nl, ",air_strike,2017-06-10,2017-06-10,day,raqqa,SY:raqqa,"));
    ck_assert_ptr_nonnull(strstr(nl, ",2,2,2,2,40,40,50,,,,a;b,Outlet A;Outlet B,,"));
    ck_assert_ptr_null(strstr(nl, "shelling"));
    cev_buf_free(&out);
    close_tmp(st);
}
END_TEST

/* ---- the seed corpus -------------------------------------------------------------- */

/* The near-duplicate detection alone, on the real texts: no extractor. */
START_TEST(test_seed_one_story)
{
    char p0[512], p1[512], p2[512];
    if (!cev_test_shared("corpus/seeds/000_6e540800924a898d.txt", p0, sizeof p0) ||
        !cev_test_shared("corpus/seeds/001_e47fbccc5783e1cb.txt", p1, sizeof p1) ||
        !cev_test_shared("corpus/seeds/004_874ab42d718d5189.txt", p2, sizeof p2))
        return;
    const char *paths[3] = {p0, p1, p2}, *ids[3] = {"000", "001", "004"};
    cev_store *st = open_tmp();
    for (int k = 0; k < 3; k++) {
        size_t n;
        char *t = cev_test_read_file(paths[k], &n);
        ck_assert_ptr_nonnull(t);
        cev_article a = CEV_ARTICLE_INIT;
        a.text = t;
        a.len = n;
        a.id = ids[k];
        ck_assert_int_eq(cev_store_add(st, &a, NULL, NULL), CEV_OK);
        free(t);
    }
    sqlite3_stmt *s;
    sqlite3_prepare_v2(st->db, "SELECT article_id, story FROM articles ORDER BY article_id", -1,
                       &s, NULL);
    int64_t story[3];
    for (int k = 0; k < 3; k++) {
        ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
        story[k] = sqlite3_column_int64(s, 1);
    }
    sqlite3_finalize(s);
    ck_assert_msg(story[0] == story[1], "000 and 001 were not seen as one story");
    ck_assert_msg(story[2] != story[0], "004 (another story) was taken for a repost of 000");
    close_tmp(st);
}
END_TEST

/* 000 and 001 are one EA WorldView story, 001 a repost with its paragraphs
 * run together.  They must be one story, every event of 000 that 001 also
 * reports must share its incident, and the two count as one source. */
START_TEST(test_seed_repost)
{
    char p0[512], p1[512];
    if (!cev_test_shared("corpus/seeds/000_6e540800924a898d.txt", p0, sizeof p0) ||
        !cev_test_shared("corpus/seeds/001_e47fbccc5783e1cb.txt", p1, sizeof p1))
        return;
    size_t n0, n1;
    char *t0 = cev_test_read_file(p0, &n0), *t1 = cev_test_read_file(p1, &n1);
    ck_assert_ptr_nonnull(t0);
    ck_assert_ptr_nonnull(t1);
    cev_context *ctx;
    int crc = cev_context_new(&ctx, 0);
    ck_assert_msg(crc == CEV_OK, "cannot make the built-in context: %s",
                  ctx ? cev_context_errmsg(ctx) : cev_strerror(crc));
    cev_parser *p;
    ck_assert_int_eq(cev_parser_new(&p, ctx), CEV_OK);
    cev_store *st = open_tmp();
    const char *ids[2] = {"000", "001"}, *outlets[2] = {"EA WorldView", "MESOP"};
    char *texts[2] = {t0, t1};
    size_t lens[2] = {n0, n1};
    size_t nev[2];
    for (int k = 0; k < 2; k++) {
        cev_article a = CEV_ARTICLE_INIT;
        a.text = texts[k];
        a.len = lens[k];
        a.id = ids[k];
        a.outlet = outlets[k];
        a.published = "2017-06-11";
        cev_result *r;
        ck_assert_msg(cev_parse(&r, p, &a) == CEV_OK, "parse %s: %s", ids[k], cev_parser_errmsg(p));
        nev[k] = cev_result_count(r);
        ck_assert_msg(cev_store_add(st, &a, r, NULL) == CEV_OK, "%s", cev_store_errmsg(st));
        cev_result_free(r);
    }
    /* One story, whatever the extractor finds. */
    sqlite3_stmt *s;
    sqlite3_prepare_v2(st->db, "SELECT count(DISTINCT story), count(*) FROM articles", -1, &s, NULL);
    ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
    ck_assert_int_eq(sqlite3_column_int(s, 1), 2);
    ck_assert_msg(sqlite3_column_int(s, 0) == 1, "000 and 001 were not seen as one story");
    sqlite3_finalize(s);
    /* Every event of 000 reported in 001 too shares an incident with it. */
    ck_assert_int_eq(sqlite3_prepare_v2(st->db,
                                        "SELECT e.incident, e.sentence, e.type,"
                                        " (SELECT count(*) FROM events f JOIN articles b ON"
                                        "  b.id = f.article WHERE b.article_id = '001' AND"
                                        "  f.incident = e.incident),"
                                        " i.n_sources, i.n_articles"
                                        " FROM events e JOIN articles a ON a.id = e.article"
                                        " JOIN incidents i ON i.id = coalesce(e.incident, e.id)"
                                        " WHERE a.article_id = '000' ORDER BY e.seq",
                                        -1, &s, NULL),
                     SQLITE_OK);
    size_t shared = 0, merged = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        const char *sentence = (const char *)sqlite3_column_text(s, 1);
        if (!sentence || cev_sentence_similarity(sentence, t1) < 0.9)
            continue; /* e.g. reader comments, which 001 does not carry */
        shared++;
        ck_assert_msg(sqlite3_column_int(s, 3) == 1,
                      "event of 000 (%s: \"%s\") has no counterpart in 001's incidents",
                      (const char *)sqlite3_column_text(s, 2), sentence);
        ck_assert_int_eq(sqlite3_column_int(s, 4), 1);
        ck_assert_int_eq(sqlite3_column_int(s, 5), 2);
        merged++;
    }
    sqlite3_finalize(s);
    fprintf(stderr, "note: seed repost: 000 has %zu events, 001 has %zu; %zu of 000's are in "
                    "001's text, %zu merged\n",
            nev[0], nev[1], shared, merged);
    close_tmp(st);
    cev_parser_free(p);
    cev_context_free(ctx);
    free(t0);
    free(t1);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("incidents");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_same_event_two_outlets);
    tcase_add_test(tc, test_type_families);
    tcase_add_test(tc, test_generic_attack_takes_specific_type);
    tcase_add_test(tc, test_dates);
    tcase_add_test(tc, test_places);
    tcase_add_test(tc, test_actors);
    tcase_add_test(tc, test_distinct_events_never_merge);
    tcase_add_test(tc, test_cache_sees_other_connection);
    tcase_add_test(tc, test_cache_forgets_rollback);
    tcase_add_test(tc, test_cache_follows_updates);
    tcase_add_test(tc, test_deleted_lone_report_is_forgotten);
    tcase_add_test(tc, test_delete_splits_bridged_incident);
    tcase_add_test(tc, test_casualty_reconciliation);
    tcase_add_test(tc, test_sketch_containment);
    tcase_add_test(tc, test_repost_is_one_source);
    tcase_add_test(tc, test_export_incidents_formats);
    tcase_add_test(tc, test_seed_one_story);
    tcase_add_test(tc, test_seed_repost);
    suite_add_tcase(s, tc);
    return s;
}

CEV_TEST_MAIN()
