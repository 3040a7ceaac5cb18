/* test_loaders.c - TSV, GeoNames and Phoenix files into a context: good
 * fixtures, malformed fixtures (tests/data/alias/bad: each names the line
 * and column its error must be reported at), junk, and the real files under
 * ../shared/data when they are there. */
#include <dirent.h>

#include "testutil.h"
#include "loaders.h"

static cev_context *new_ctx(unsigned flags)
{
    cev_context *ctx = NULL;
    int rc = cev_context_new(&ctx, flags);
    ck_assert_msg(rc == CEV_OK, "context: %s", ctx ? cev_context_errmsg(ctx) : cev_strerror(rc));
    return ctx;
}

static void load_ok(cev_context *ctx, const char *rel, int format)
{
    char path[1024];
    cev_test_data(rel, path, sizeof path);
    int rc = cev_context_load_file(ctx, path, format);
    ck_assert_msg(rc == CEV_OK, "%s: %s", rel, cev_context_errmsg(ctx));
}

static const char *lookup_id(const cev_context *ctx, const char *name, const char *cc)
{
    cev_entry e;
    return cev_context_lookup(ctx, name, cc, &e) == CEV_OK ? e.id : NULL;
}

static int format_of(const char *s)
{
    if (!strcmp(s, "tsv"))
        return CEV_FORMAT_TSV;
    if (!strcmp(s, "geonames"))
        return CEV_FORMAT_GEONAMES;
    if (!strcmp(s, "geonames-admin1"))
        return CEV_FORMAT_GEONAMES_ADMIN1;
    if (!strcmp(s, "geonames-countries"))
        return CEV_FORMAT_GEONAMES_COUNTRIES;
    if (!strcmp(s, "phoenix"))
        return CEV_FORMAT_PHOENIX;
    return 0;
}

/* ---- TSV ---------------------------------------------------------------------- */

START_TEST(tsv_fixtures)
{
    cev_context *ctx = new_ctx(CEV_CONTEXT_NO_BUILTIN);
    load_ok(ctx, "alias/entities.tsv", CEV_FORMAT_TSV);
    load_ok(ctx, "alias/places.tsv", CEV_FORMAT_TSV);
    size_t ne, np, na;
    cev_context_stats(ctx, &ne, &np, &na);
    ck_assert_uint_eq(ne, 7);
    ck_assert_uint_eq(np, 12);
    ck_assert_uint_gt(na, 40);
    cev_entry e;
    ck_assert_int_eq(cev_context_get(ctx, "TSTMIL", &e), CEV_OK);
    ck_assert_str_eq(e.name, "Testland Armed Forces");
    ck_assert_str_eq(e.affiliation, "TSTGOV");
    ck_assert_int_eq(e.kind, CEV_KIND_MILITARY);
    ck_assert_int_eq(cev_context_get(ctx, "GRP", &e), CEV_OK);
    ck_assert_int_eq(e.valid_from, 20110301); /* YYYY-MM */
    ck_assert_int_eq(e.valid_to, 0);
    ck_assert_int_eq(cev_context_get(ctx, "TS:northa", &e), CEV_OK);
    ck_assert_str_eq(e.admin1, "Northa Governorate");
    ck_assert_int_eq(e.has_coords, 1);
    ck_assert(e.lat > 11.09 && e.lat < 11.11);
    ck_assert_int_eq(e.population, 250000);
    ck_assert_int_eq(cev_context_get(ctx, "XT", &e), CEV_OK);
    ck_assert_int_eq(e.has_coords, 0); /* "-" "-" */
    ck_assert_int_eq(cev_context_get(ctx, "TS:nowhere", &e), CEV_ERR_NOT_FOUND);
    cev_context_free(ctx);
}
END_TEST

START_TEST(admin1_resolved_later)
{
    /* a place names its admin1 before the admin1 is loaded */
    cev_context *ctx = new_ctx(CEV_CONTEXT_NO_BUILTIN);
    const char *a = "id\tkind\tcountry\tadmin1\tlat\tlon\tpopulation\tparent\tname\taliases\n"
                    "TS:x\tcity\tTS\tTS-ZZ\t1.00\t2.00\t-\t-\tXity\t-\n";
    const char *b = "id\tkind\tcountry\tadmin1\tlat\tlon\tpopulation\tparent\tname\taliases\n"
                    "TS-ZZ\tadmin1\tTS\t-\t1.00\t2.00\t-\t-\tZed Province\t-\n";
    ck_assert_int_eq(cev_context_load_buffer(ctx, a, strlen(a), CEV_FORMAT_TSV, "a"), CEV_OK);
    cev_entry e;
    ck_assert_int_eq(cev_context_get(ctx, "TS:x", &e), CEV_OK);
    ck_assert_ptr_null(e.admin1);
    ck_assert_int_eq(cev_context_load_buffer(ctx, b, strlen(b), CEV_FORMAT_TSV, "b"), CEV_OK);
    ck_assert_int_eq(cev_context_get(ctx, "TS:x", &e), CEV_OK);
    ck_assert_str_eq(e.admin1, "Zed Province");
    cev_context_free(ctx);
}
END_TEST

START_TEST(plus_lines_add_aliases)
{
    cev_context *ctx = new_ctx(CEV_CONTEXT_NO_BUILTIN);
    load_ok(ctx, "alias/entities.tsv", CEV_FORMAT_TSV);
    ck_assert_ptr_null(lookup_id(ctx, "Testistan", NULL));
    const char *t = "id\tkind\tcountry\taffiliation\tfrom\tto\tname\taliases\n"
                    "+TST\t-\t-\t-\t-\t-\t-\tTestistan|former:Old Testland\n";
    ck_assert_int_eq(cev_context_load_buffer(ctx, t, strlen(t), CEV_FORMAT_TSV, "plus"), CEV_OK);
    ck_assert_str_eq(lookup_id(ctx, "Testistan", NULL), "TST");
    ck_assert_str_eq(lookup_id(ctx, "Old Testland", NULL), "TST");
    /* a place id in an entity file is refused */
    const char *p = "id\tkind\tcountry\tadmin1\tlat\tlon\tpopulation\tparent\tname\taliases\n"
                    "+TST\t-\t-\t-\t-\t-\t-\t-\t-\tTestplace\n";
    ck_assert_int_eq(cev_context_load_buffer(ctx, p, strlen(p), CEV_FORMAT_TSV, "plus2"),
                     CEV_ERR_FORMAT);
    ck_assert_ptr_nonnull(strstr(cev_context_errmsg(ctx), "plus2:2:2:"));
    cev_context_free(ctx);
}
END_TEST

/* ---- malformed files ------------------------------------------------------------ */

/* Everything a failed load must leave as it was. */
typedef struct snapshot {
    size_t ne, np, na;
    const char *ent_tsv, *place_tsv;
    size_t ent_len, place_len;
} snapshot;

static snapshot snap(const cev_context *ctx)
{
    snapshot s;
    cev_context_stats(ctx, &s.ne, &s.np, &s.na);
    s.ent_tsv = cev_ctx_user_entities_tsv(ctx);
    s.place_tsv = cev_ctx_user_places_tsv(ctx);
    s.ent_len = s.ent_tsv ? strlen(s.ent_tsv) : 0;
    s.place_len = s.place_tsv ? strlen(s.place_tsv) : 0;
    return s;
}

static void same_snapshot(const cev_context *ctx, const snapshot *a, const char *what)
{
    snapshot b = snap(ctx);
    ck_assert_msg(a->ne == b.ne && a->np == b.np && a->na == b.na,
                  "%s changed the context: %zu/%zu/%zu -> %zu/%zu/%zu", what, a->ne, a->np,
                  a->na, b.ne, b.np, b.na);
    ck_assert_uint_eq(a->ent_len, b.ent_len);
    ck_assert_uint_eq(a->place_len, b.place_len);
    /* and what was there still resolves */
    ck_assert_str_eq(lookup_id(ctx, "Syrian", NULL), "SYR");
    ck_assert_str_eq(lookup_id(ctx, "Al-Raqqa", NULL), "SY:raqqa");
}

START_TEST(malformed_fixtures)
{
    char dir[1024];
    cev_test_data("alias/bad", dir, sizeof dir);
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    struct dirent *de;
    int n = 0;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        size_t len;
        char *data = cev_test_read_file(path, &len);
        ck_assert_ptr_nonnull(data);
        char fmt[32];
        unsigned line, col;
        ck_assert_msg(sscanf(data, "# expect %31s %u:%u", fmt, &line, &col) == 3,
                      "%s: no '# expect FORMAT LINE:COL' line", de->d_name);
        int format = format_of(fmt);
        ck_assert_msg(format, "%s: unknown format %s", de->d_name, fmt);
        /* the built-in data plus a user file, so that there is user TSV */
        cev_context *ctx = new_ctx(0);
        const char *u = "id\tkind\tcountry\taffiliation\tfrom\tto\tname\taliases\n"
                        "USERX\tperson\t-\t-\t-\t-\tUser Ex\t-\n";
        ck_assert_int_eq(cev_context_load_buffer(ctx, u, strlen(u), CEV_FORMAT_TSV, "u"), CEV_OK);
        snapshot before = snap(ctx);
        /* from memory, and from the file */
        int rc = cev_context_load_buffer(ctx, data, len, format, de->d_name);
        ck_assert_msg(rc == CEV_ERR_FORMAT, "%s: got %s (%s)", de->d_name, cev_error_name(rc),
                      cev_context_errmsg(ctx));
        char want[2300];
        snprintf(want, sizeof want, "%s:%u:%u: ", de->d_name, line, col);
        ck_assert_msg(strncmp(cev_context_errmsg(ctx), want, strlen(want)) == 0,
                      "%s: message '%s', want it to start '%s'", de->d_name,
                      cev_context_errmsg(ctx), want);
        same_snapshot(ctx, &before, de->d_name);
        rc = cev_context_load_file(ctx, path, format);
        ck_assert_int_eq(rc, CEV_ERR_FORMAT);
        snprintf(want, sizeof want, "%s:%u:%u: ", path, line, col);
        ck_assert_msg(strstr(cev_context_errmsg(ctx), want), "%s", cev_context_errmsg(ctx));
        same_snapshot(ctx, &before, de->d_name);
        cev_context_free(ctx);
        free(data);
        n++;
    }
    closedir(d);
    ck_assert_int_ge(n, 30);
}
END_TEST

START_TEST(all_or_nothing)
{
    /* many good lines, then a bad one: nothing of the file is kept */
    cev_context *ctx = new_ctx(0);
    size_t ne, np, na;
    cev_context_stats(ctx, &ne, &np, &na);
    cev_buf b;
    cev_buf_init(&b);
    cev_buf_puts(&b, "id\tkind\tcountry\tadmin1\tlat\tlon\tpopulation\tparent\tname\taliases\n");
    for (int i = 0; i < 1000; i++)
        cev_buf_printf(&b, "TS:p%d\tvillage\tTS\t-\t1.00\t2.00\t-\t-\tPlace%d\tVillage%d\n", i, i, i);
    cev_buf_puts(&b, "TS:bad\tvillage\tTS\t-\t1.00\t2.00\t-\t-\t-\t-\n");
    ck_assert_int_eq(cev_context_load_buffer(ctx, b.data, b.len, CEV_FORMAT_TSV, "big.tsv"),
                     CEV_ERR_FORMAT);
    ck_assert_ptr_nonnull(strstr(cev_context_errmsg(ctx), "big.tsv:1002:"));
    size_t ne2, np2, na2;
    cev_context_stats(ctx, &ne2, &np2, &na2);
    ck_assert_uint_eq(ne, ne2);
    ck_assert_uint_eq(np, np2);
    ck_assert_uint_eq(na, na2);
    ck_assert_ptr_null(lookup_id(ctx, "Place7", NULL));
    ck_assert_ptr_null(cev_ctx_find(ctx, "TS:p7"));
    ck_assert_ptr_null(cev_ctx_user_places_tsv(ctx));
    /* a duplicate of a built-in id */
    const char *dup = "id\tkind\tcountry\taffiliation\tfrom\tto\tname\taliases\n"
                      "SYR\tcountry\tSY\t-\t-\t-\tSyria again\t-\n";
    ck_assert_int_eq(cev_context_load_buffer(ctx, dup, strlen(dup), CEV_FORMAT_TSV, "dup"),
                     CEV_ERR_FORMAT);
    ck_assert_ptr_nonnull(strstr(cev_context_errmsg(ctx), "dup:2:1: duplicate id 'SYR'"));
    cev_buf_free(&b);
    cev_context_free(ctx);
}
END_TEST

static const int k_formats[] = {CEV_FORMAT_TSV, CEV_FORMAT_GEONAMES, CEV_FORMAT_GEONAMES_ADMIN1,
                                CEV_FORMAT_GEONAMES_COUNTRIES, CEV_FORMAT_PHOENIX};

START_TEST(junk_never_crashes)
{
    cev_context *ctx = new_ctx(CEV_CONTEXT_NO_BUILTIN);
    load_ok(ctx, "alias/entities.tsv", CEV_FORMAT_TSV);
    snapshot before = snap(ctx);
    /* empty input */
    for (size_t f = 0; f < 5; f++)
        ck_assert_int_eq(cev_context_load_buffer(ctx, "", 0, k_formats[f], "empty"),
                         CEV_ERR_EMPTY);
    /* a line of 2 MiB */
    size_t big = 2u << 20;
    char *s = malloc(big + 1);
    memset(s, 'A', big);
    s[big] = '\0';
    for (size_t f = 0; f < 5; f++) {
        ck_assert_int_eq(cev_context_load_buffer(ctx, s, big, k_formats[f], "huge"),
                         CEV_ERR_FORMAT);
        ck_assert_ptr_nonnull(strstr(cev_context_errmsg(ctx), "huge:1:"));
    }
    /* random bytes, text-like and not, in every format */
    uint32_t x = 12345;
    for (int round = 0; round < 200; round++) {
        size_t n = 1 + round * 37 % 4000;
        for (size_t i = 0; i < n; i++) {
            x = x * 1664525u + 1013904223u;
            unsigned char c = (unsigned char)(x >> 24);
            static const char alphabet[] = "ab\t\n_[]+#-|:;<>XY019 \xc3\xa9";
            if (round % 2)
                c = (unsigned char)alphabet[c % (sizeof alphabet - 1)];
            s[i] = (char)c;
        }
        for (size_t f = 0; f < 5; f++) {
            int rc = cev_context_load_buffer(ctx, s, n, k_formats[f], "junk");
            ck_assert(rc == CEV_OK || rc == CEV_ERR_FORMAT);
        }
    }
    free(s);
    /* NUL bytes: rejected with their position */
    const char nul[] = "id\tkind\tcountry\taffiliation\tfrom\tto\tname\taliases\nA\0B";
    ck_assert_int_eq(cev_context_load_buffer(ctx, nul, sizeof nul - 1, CEV_FORMAT_TSV, "nul"),
                     CEV_ERR_FORMAT);
    ck_assert_ptr_nonnull(strstr(cev_context_errmsg(ctx), "nul:2:2: NUL byte"));
    /* junk loads that succeeded added records; the fixture is still intact */
    ck_assert_str_eq(lookup_id(ctx, "Testlander", NULL), "TST");
    (void)before;
    cev_context_free(ctx);
}
END_TEST

START_TEST(misuse_and_io)
{
    cev_context *ctx = new_ctx(CEV_CONTEXT_NO_BUILTIN);
    ck_assert_int_eq(cev_context_load_file(ctx, "/nonexistent/x.tsv", CEV_FORMAT_TSV),
                     CEV_ERR_IO);
    ck_assert_ptr_nonnull(strstr(cev_context_errmsg(ctx), "/nonexistent/x.tsv"));
    ck_assert_int_eq(cev_context_load_buffer(ctx, "x", 1, 99, "x"), CEV_ERR_INVALID);
    ck_assert_int_eq(cev_context_load_buffer(NULL, "x", 1, CEV_FORMAT_TSV, "x"),
                     CEV_ERR_INVALID);
    ck_assert_int_eq(cev_context_load_buffer(ctx, NULL, 5, CEV_FORMAT_TSV, "x"),
                     CEV_ERR_INVALID);
    cev_ctx_freeze(ctx);
    char path[1024];
    ck_assert_int_eq(cev_context_load_file(ctx, cev_test_data("alias/entities.tsv", path,
                                                              sizeof path),
                                           CEV_FORMAT_TSV),
                     CEV_ERR_MISUSE);
    ck_assert_int_eq(cev_context_load_buffer(ctx, "x", 1, CEV_FORMAT_TSV, "x"),
                     CEV_ERR_MISUSE);
    cev_context_free(ctx);
}
END_TEST

/* ---- GeoNames ------------------------------------------------------------------- */

START_TEST(geonames_fixtures)
{
    cev_context *ctx = new_ctx(CEV_CONTEXT_NO_BUILTIN);
    load_ok(ctx, "alias/entities.tsv", CEV_FORMAT_TSV);
    load_ok(ctx, "alias/places.tsv", CEV_FORMAT_TSV);
    size_t ne0, np0, na0;
    cev_context_stats(ctx, &ne0, &np0, &na0);
    load_ok(ctx, "alias/geonames_countries.txt", CEV_FORMAT_GEONAMES_COUNTRIES);
    load_ok(ctx, "alias/geonames_admin1.txt", CEV_FORMAT_GEONAMES_ADMIN1);
    load_ok(ctx, "alias/geonames_cities.txt", CEV_FORMAT_GEONAMES);
    size_t ne, np, na;
    cev_context_stats(ctx, &ne, &np, &na);
    /* countries: TS and TST exist already (aliases only), XT exists, XTO is new */
    ck_assert_uint_eq(ne, ne0 + 1);
    /* admin1: TS.01 "Northern Region" and TS.02 are new units (Northa
     * Governorate does not match by name); cities: Northa merges into
     * TS:northa, the reef has no country, 4 new places */
    ck_assert_uint_eq(np, np0 + 2 + 4);
    cev_entry e;
    ck_assert_int_eq(cev_context_get(ctx, "XTO", &e), CEV_OK);
    ck_assert_str_eq(e.country, "XT");
    /* new places: CC:slug ids, alternate names in any script as aliases */
    ck_assert_str_eq(lookup_id(ctx, "Testopolis", "TS"), "TS:testopolis");
    ck_assert_str_eq(lookup_id(ctx, "Тестополис", NULL), "TS:testopolis");
    ck_assert_str_eq(lookup_id(ctx, "تستوبوليس", NULL), "TS:testopolis");
    ck_assert_int_eq(cev_context_get(ctx, "TS:testopolis", &e), CEV_OK);
    ck_assert_int_eq(e.kind, CEV_KIND_CITY);
    ck_assert_str_eq(e.admin1, "Northern Region");
    ck_assert_int_eq(e.population, 1500000);
    /* "Said" is an English word: not an alias; "TPS" only in capitals */
    ck_assert_ptr_null(lookup_id(ctx, "Said", NULL));
    ck_assert_str_eq(lookup_id(ctx, "TPS", NULL), "TS:testopolis");
    ck_assert_ptr_null(lookup_id(ctx, "tps", NULL));
    /* population 0 is unknown */
    ck_assert_int_eq(cev_context_get(ctx, "TS:southa", &e), CEV_OK);
    ck_assert_int_eq(e.population, -1);
    ck_assert_str_eq(e.admin1, "Southern Region");
    ck_assert_str_eq(lookup_id(ctx, "Саутха", NULL), "TS:southa");
    ck_assert_str_eq(lookup_id(ctx, "Sehirkoy", NULL), "TS:sehirkoy");
    ck_assert_int_eq(cev_context_get(ctx, "TS:testopolis-quarter", &e), CEV_OK);
    ck_assert_int_eq(e.kind, CEV_KIND_NEIGHBOURHOOD);
    /* the row for Northa merged into the known place */
    ck_assert_ptr_null(cev_ctx_find(ctx, "TS:northa-9000002"));
    ck_assert_str_eq(lookup_id(ctx, "Nortah", NULL), "TS:northa");
    ck_assert_ptr_null(lookup_id(ctx, "Coral Reef", NULL));
    /* the user TSV holds the new records and the added aliases */
    const char *pt = cev_ctx_user_places_tsv(ctx);
    ck_assert_ptr_nonnull(pt);
    ck_assert_ptr_nonnull(strstr(pt, "\nTS:testopolis\tcity\tTS\tTS-northern-region\t"));
    ck_assert_ptr_nonnull(strstr(pt, "\n+TS:northa\tcity\tTS\tTS-NO\t11.10000\t21.10000\t"));
    ck_assert_ptr_nonnull(strstr(pt, "abbr:TPS"));
    cev_context_free(ctx);
}
END_TEST

/* Loading the user TSV of one context into a fresh one gives the same records. */
static void round_trip(cev_context *ctx, unsigned flags, const char *const *base,
                       const char *const *names)
{
    cev_context *c2 = new_ctx(flags);
    for (size_t i = 0; base && base[i]; i++)
        load_ok(c2, base[i], CEV_FORMAT_TSV);
    const char *t = cev_ctx_user_entities_tsv(ctx);
    if (t)
        ck_assert_msg(cev_context_load_buffer(c2, t, strlen(t), CEV_FORMAT_TSV, "ent") == CEV_OK,
                      "%s", cev_context_errmsg(c2));
    t = cev_ctx_user_places_tsv(ctx);
    if (t)
        ck_assert_msg(cev_context_load_buffer(c2, t, strlen(t), CEV_FORMAT_TSV, "pl") == CEV_OK,
                      "%s", cev_context_errmsg(c2));
    size_t a[3], b[3];
    cev_context_stats(ctx, &a[0], &a[1], &a[2]);
    cev_context_stats(c2, &b[0], &b[1], &b[2]);
    ck_assert_uint_eq(a[0], b[0]);
    ck_assert_uint_eq(a[1], b[1]);
    for (size_t i = 0; names[i]; i++) {
        const char *x = lookup_id(ctx, names[i], NULL), *y = lookup_id(c2, names[i], NULL);
        ck_assert_msg(x && y && !strcmp(x, y), "'%s': %s vs %s", names[i], x ? x : "-",
                      y ? y : "-");
    }
    cev_context_free(c2);
}

START_TEST(geonames_round_trip)
{
    cev_context *ctx = new_ctx(CEV_CONTEXT_NO_BUILTIN);
    load_ok(ctx, "alias/entities.tsv", CEV_FORMAT_TSV);
    load_ok(ctx, "alias/places.tsv", CEV_FORMAT_TSV);
    load_ok(ctx, "alias/geonames_countries.txt", CEV_FORMAT_GEONAMES_COUNTRIES);
    load_ok(ctx, "alias/geonames_admin1.txt", CEV_FORMAT_GEONAMES_ADMIN1);
    load_ok(ctx, "alias/geonames_cities.txt", CEV_FORMAT_GEONAMES);
    /* the fixtures were user files too: the round trip starts empty */
    static const char *const names[] = {"Testopolis", "Тестополис", "Nortah", "Southa",
                                        "Otherland", "TPS", "Northern Region", NULL};
    round_trip(ctx, CEV_CONTEXT_NO_BUILTIN, NULL, names);
    cev_context_free(ctx);
}
END_TEST

START_TEST(geonames_merges_into_builtin)
{
    /* a GeoNames row for a place the built-in gazetteer has */
    cev_context *ctx = new_ctx(0);
    const cev_rec *raqqa = cev_ctx_find(ctx, "SY:raqqa");
    ck_assert_ptr_nonnull(raqqa);
    char row[512];
    snprintf(row, sizeof row,
             "163915\tAr Raqqah\tAr Raqqah\tErraqqa Testspelling,Ракка\t%.4f\t%.4f\tP\tPPLA\tSY\t\t04"
             "\t\t\t\t177636\t\t250\tAsia/Damascus\t2024-01-01\n",
             raqqa->lat + 0.02, raqqa->lon - 0.02);
    size_t np0, np;
    cev_context_stats(ctx, NULL, &np0, NULL);
    ck_assert_int_eq(cev_context_load_buffer(ctx, row, strlen(row), CEV_FORMAT_GEONAMES, "row"),
                     CEV_OK);
    cev_context_stats(ctx, NULL, &np, NULL);
    ck_assert_uint_eq(np, np0);
    ck_assert_str_eq(lookup_id(ctx, "Erraqqa Testspelling", NULL), "SY:raqqa");
    ck_assert_str_eq(lookup_id(ctx, "Ракка", NULL), "SY:raqqa");
    ck_assert_ptr_nonnull(strstr(cev_ctx_user_places_tsv(ctx), "+SY:raqqa\t"));
    cev_context_free(ctx);
}
END_TEST

/* ---- Phoenix ---------------------------------------------------------------------- */

START_TEST(phoenix_fixture)
{
    cev_context *ctx = new_ctx(CEV_CONTEXT_NO_BUILTIN);
    load_ok(ctx, "alias/entities.tsv", CEV_FORMAT_TSV);
    size_t ne0, ne;
    cev_context_stats(ctx, &ne0, NULL, NULL);
    load_ok(ctx, "alias/phoenix.actors", CEV_FORMAT_PHOENIX);
    cev_context_stats(ctx, &ne, NULL, NULL);
    /* the group; Omar Testov exists (TST_LEADER2) so no new person; Kofi
     * Example's two roles; UN */
    ck_assert_uint_eq(ne, ne0 + 1 + 2 + 1);
    /* [TST] is a known entity: its phrases are aliases */
    ck_assert_str_eq(lookup_id(ctx, "Republic of Testland", NULL), "TST");
    ck_assert_str_eq(lookup_id(ctx, "TESTLANDER", NULL), "TST");
    /* a group: its own record, kind and country read from the code */
    cev_entry e;
    ck_assert_int_eq(cev_context_get(ctx, "ISLAMIC_TEST_ARMY", &e), CEV_OK);
    ck_assert_str_eq(e.name, "Islamic Test Army");
    ck_assert_int_eq(e.kind, CEV_KIND_ARMED_GROUP);
    ck_assert_str_eq(e.country, "TS");
    ck_assert_str_eq(e.affiliation, "TSTREB");
    ck_assert_str_eq(lookup_id(ctx, "Army of Test", NULL), "ISLAMIC_TEST_ARMY");
    ck_assert_str_eq(lookup_id(ctx, "Jaysh al-Test", NULL), "ISLAMIC_TEST_ARMY");
    ck_assert_str_eq(lookup_id(ctx, "ITA", NULL), "ISLAMIC_TEST_ARMY");
    /* the person already known: aliases only */
    ck_assert_str_eq(lookup_id(ctx, "President Testov", NULL), "TST_LEADER2");
    /* dated roles: one record each */
    ck_assert_int_eq(cev_context_get(ctx, "KOFI_EXAMPLE", &e), CEV_OK);
    ck_assert_int_eq(e.kind, CEV_KIND_PERSON);
    ck_assert_int_eq(e.valid_from, 19970101);
    ck_assert_int_eq(e.valid_to, 20061231);
    ck_assert_str_eq(e.affiliation, "IGOUNO");
    ck_assert_int_eq(cev_context_get(ctx, "KOFI_EXAMPLE_2", &e), CEV_OK);
    ck_assert_str_eq(e.affiliation, "ELI");
    ck_assert_str_eq(lookup_id(ctx, "K. Example", NULL), "KOFI_EXAMPLE");
    /* null codes, sections, after ~~FINISH: nothing */
    ck_assert_ptr_null(lookup_id(ctx, "Nothing here", NULL));
    ck_assert_ptr_null(lookup_id(ctx, "Ignored after finish", NULL));
    /* [TSTMIL] is known: the phrase is its alias */
    ck_assert_str_eq(lookup_id(ctx, "Defence Ministry of Testland", NULL), "TSTMIL");
    /* "UN" is written in capitals only */
    ck_assert_int_eq(cev_context_get(ctx, "UN", &e), CEV_OK);
    ck_assert_int_eq(e.kind, CEV_KIND_ORGANIZATION);
    ck_assert_str_eq(lookup_id(ctx, "UN", NULL), "UN");
    ck_assert_ptr_null(lookup_id(ctx, "un", NULL));
    static const char *const names[] = {"Republic of Testland", "Army of Test", "ITA",
                                        "K. Example", "President Testov", "UN", NULL};
    round_trip(ctx, CEV_CONTEXT_NO_BUILTIN, NULL, names);
    cev_context_free(ctx);
}
END_TEST

/* ---- the real files ---------------------------------------------------------------- */

static int load_shared(cev_context *ctx, const char *rel, int format)
{
    char path[1024];
    if (!cev_test_shared(rel, path, sizeof path))
        return 0;
    int rc = cev_context_load_file(ctx, path, format);
    ck_assert_msg(rc == CEV_OK, "%s: %s", rel, cev_context_errmsg(ctx));
    return 1;
}

START_TEST(real_geonames)
{
    cev_context *ctx = new_ctx(0);
    size_t np0, na0, np, na;
    cev_context_stats(ctx, NULL, &np0, &na0);
    int have = load_shared(ctx, "data/geonames/countryInfo.txt", CEV_FORMAT_GEONAMES_COUNTRIES);
    have += load_shared(ctx, "data/geonames/admin1CodesASCII.txt", CEV_FORMAT_GEONAMES_ADMIN1);
    have += load_shared(ctx, "data/geonames/cities15000.txt", CEV_FORMAT_GEONAMES);
    if (have == 3) {
        cev_context_stats(ctx, NULL, &np, &na);
        ck_assert_uint_gt(np, np0 + 25000);
        ck_assert_uint_gt(na, na0 + 150000);
        /* built-in places keep their ids; GeoNames adds the rest */
        ck_assert_str_eq(lookup_id(ctx, "Raqqa", NULL), "SY:raqqa");
        ck_assert_str_eq(lookup_id(ctx, "Aleppo", NULL), "SY:aleppo");
        ck_assert_ptr_nonnull(lookup_id(ctx, "Lyon", NULL));
        cev_entry e;
        ck_assert_int_eq(cev_context_lookup(ctx, "Tripoli", "LB", &e), CEV_OK);
        ck_assert_str_eq(e.country, "LB");
        ck_assert_int_eq(cev_context_lookup(ctx, "Tripoli", NULL, &e), CEV_OK);
        ck_assert_str_eq(e.country, "LY"); /* the larger */
        /* another script from the alternate names */
        ck_assert_int_eq(cev_context_lookup(ctx, "Лион", NULL, &e), CEV_OK);
        ck_assert_str_eq(e.country, "FR");
    }
    cev_context_free(ctx);
}
END_TEST

START_TEST(real_phoenix)
{
    static const char *const files[] = {
        "data/event_dictionaries/Phoenix.Countries.actors.txt",
        "data/event_dictionaries/Phoenix.International.actors.txt",
        "data/event_dictionaries/Phoenix.MilNonState.actors.txt",
        "data/event_dictionaries/Levant.080629.actors"};
    cev_context *ctx = new_ctx(0);
    size_t ne0, ne;
    cev_context_stats(ctx, &ne0, NULL, NULL);
    int have = 0;
    for (size_t i = 0; i < 4; i++)
        have += load_shared(ctx, files[i], CEV_FORMAT_PHOENIX);
    if (have == 4) {
        cev_context_stats(ctx, &ne, NULL, NULL);
        ck_assert_uint_gt(ne, ne0 + 20000);
        /* country synonyms land on the built-in entities */
        ck_assert_str_eq(lookup_id(ctx, "Afghanestan", NULL), "AFG");
        ck_assert_str_eq(lookup_id(ctx, "Hezbollah", NULL), "HEZBOLLAH");
        /* the user TSV of the import loads back */
        const char *t = cev_ctx_user_entities_tsv(ctx);
        ck_assert_ptr_nonnull(t);
        cev_context *c2 = new_ctx(0);
        ck_assert_msg(cev_context_load_buffer(c2, t, strlen(t), CEV_FORMAT_TSV, "phx") == CEV_OK,
                      "%s", cev_context_errmsg(c2));
        size_t ne2;
        cev_context_stats(c2, &ne2, NULL, NULL);
        ck_assert_uint_eq(ne2, ne);
        cev_context_free(c2);
    }
    /* files that are not actor dictionaries are refused with a position */
    char path[1024];
    if (cev_test_shared("data/event_dictionaries/CountryInfo.140728.txt", path, sizeof path)) {
        ck_assert_int_eq(cev_context_load_file(ctx, path, CEV_FORMAT_PHOENIX), CEV_ERR_FORMAT);
        ck_assert_ptr_nonnull(strstr(cev_context_errmsg(ctx), "CountryInfo.140728.txt:"));
    }
    cev_context_free(ctx);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("loaders");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, tsv_fixtures);
    tcase_add_test(tc, admin1_resolved_later);
    tcase_add_test(tc, plus_lines_add_aliases);
    tcase_add_test(tc, malformed_fixtures);
    tcase_add_test(tc, all_or_nothing);
    tcase_add_test(tc, junk_never_crashes);
    tcase_add_test(tc, misuse_and_io);
    tcase_add_test(tc, geonames_fixtures);
    tcase_add_test(tc, geonames_round_trip);
    tcase_add_test(tc, geonames_merges_into_builtin);
    tcase_add_test(tc, phoenix_fixture);
    tcase_add_test(tc, real_geonames);
    tcase_add_test(tc, real_phoenix);
    suite_add_tcase(s, tc);
    return s;
}

CEV_TEST_MAIN()
