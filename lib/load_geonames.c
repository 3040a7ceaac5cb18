/* load_geonames.c - GeoNames dumps: the geoname table (cities*.txt,
 * allCountries.txt), admin1CodesASCII.txt and countryInfo.txt.
 *
 * A GeoNames place that the context already knows (same country, a name
 * that matches, within 30 km) is not added again: its names become aliases
 * of the known record.  Otherwise it becomes a new place "CC:slug".  The
 * alternatenames column (any script) supplies the aliases. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "loaders.h"
#include "utf8.h"

static int settlement(int kind)
{
    return kind == CEV_KIND_CITY || kind == CEV_KIND_TOWN || kind == CEV_KIND_VILLAGE;
}

static int feature_kind(const cev_fields *f, int64_t pop)
{
    const char *cls = f->s[6], *code = f->s[7];
    size_t cn = f->len[7];
    if (f->len[6] == 1 && cls[0] == 'P') {
        if (cev_field_is(code, cn, "PPLX"))
            return CEV_KIND_NEIGHBOURHOOD;
        if (cev_field_is(code, cn, "PPLC") || cev_field_is(code, cn, "PPLA") || pop >= 100000)
            return CEV_KIND_CITY;
        return pop >= 10000 ? CEV_KIND_TOWN : CEV_KIND_VILLAGE;
    }
    if (f->len[6] == 1 && cls[0] == 'A') {
        if (cev_field_is(code, cn, "ADM1"))
            return CEV_KIND_ADMIN1;
        if (cn >= 3 && memcmp(code, "PCL", 3) == 0)
            return CEV_KIND_COUNTRY;
        return CEV_KIND_ADMIN2;
    }
    return CEV_KIND_LANDMARK;
}

static double dist_km(double la1, double lo1, double la2, double lo2)
{
    const double r = 6371.0, rad = 3.14159265358979323846 / 180;
    double x = (lo2 - lo1) * rad * cos((la1 + la2) / 2 * rad);
    double y = (la2 - la1) * rad;
    return r * sqrt(x * x + y * y);
}

/* A place of the context that this row names again, or CEV_AI_NONE. */
static uint32_t merge_target(cev_batch *b, const char *name, size_t n, const char *cc, int kind,
                             int has, double lat, double lon)
{
    const cev_rec *c[16];
    size_t nc = cev_ctx_candidates(b->ctx, name, n, 1, c, 16);
    for (size_t i = 0; i < nc; i++) {
        const cev_rec *r = c[i];
        uint32_t ref = cev_idmap_get(&b->ctx->ids, r->id);
        if (!cev_batch_is_place(b, ref) || !r->country || strncmp(r->country, cc, 2) != 0)
            continue;
        if (!(r->kind == kind || (settlement(kind) && settlement(r->kind))))
            continue;
        if (has && r->has_coords && dist_km(lat, lon, r->lat, r->lon) > 30)
            continue;
        return ref;
    }
    return CEV_AI_NONE;
}

/* Non-Latin letters make a transliteration note. */
static int other_script(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = cev_utf8_decode((const unsigned char *)s, n, i, &cp);
        if (!k)
            return 0;
        i += k;
        if (cp >= 0x250 && u_isalpha((UChar32)cp)) {
            UErrorCode ec = U_ZERO_ERROR;
            UScriptCode sc = uscript_getScript((UChar32)cp, &ec);
            if (sc != USCRIPT_LATIN && sc != USCRIPT_COMMON && sc != USCRIPT_INHERITED)
                return 1;
        }
    }
    return 0;
}

static int has_letter(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (cev_is_alpha(c) || c >= 0xC0)
            return 1;
    }
    return 0;
}

/* One imported name: an alias of ref, and in the TSV alias column `tsv`
 * of a new record, or kept as an addition to a known one (tsv NULL). */
static int add_name(cev_batch *b, uint32_t ref, const char *s, size_t n, cev_buf *tsv)
{
    while (n && (*s == ' ' || *s == '"'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '"'))
        n--;
    if (!n || n > 120 || !has_letter(s, n) || memchr(s, '|', n) || memchr(s, ':', n))
        return CEV_OK;
    int upper = n >= 2 && n <= 4, lower = 1;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!cev_is_upper(c))
            upper = 0;
        if (!cev_is_alpha(c))
            lower = 0;
    }
    if (lower && n <= 10) {
        char k[16];
        for (size_t i = 0; i < n; i++)
            k[i] = (char)cev_to_lower((unsigned char)s[i]);
        if (cev_stopword(k, n))
            return CEV_OK;
    }
    /* "DAM", "BEY": airport and other codes, matched in capitals only */
    int note = upper ? CEV_ALIAS_ABBR : other_script(s, n) ? CEV_ALIAS_TRANSLIT : CEV_ALIAS_PLAIN;
    if (!tsv)
        return cev_batch_alias_more(b, ref, s, n, note);
    int rc = cev_batch_alias(b, ref, s, n, note, -1);
    if (rc)
        return rc;
    cev_tsv_alias(tsv, s, n, note);
    return tsv->oom ? CEV_ERR_NOMEM : CEV_OK;
}

/* name, asciiname and the comma-separated alternate names */
static int add_names(cev_batch *b, uint32_t ref, const cev_fields *f, int with_name,
                     cev_buf *tsv)
{
    int rc = CEV_OK;
    if (with_name)
        rc = add_name(b, ref, f->s[1], f->len[1], tsv);
    if (!rc && !(f->len[2] == f->len[1] && memcmp(f->s[2], f->s[1], f->len[1]) == 0))
        rc = add_name(b, ref, f->s[2], f->len[2], tsv);
    const char *s = f->s[3];
    size_t n = f->len[3], a = 0;
    for (size_t i = 0; i <= n && !rc; i++)
        if (i == n || s[i] == ',') {
            rc = add_name(b, ref, s + a, i - a, tsv);
            a = i + 1;
        }
    return rc;
}

/* A free id "CC:slug" (or "CC-slug" for admin units), with the GeoNames
 * id appended when the slug is taken. */
static int new_id(cev_batch *b, const char *cc, char sep, const char *name, size_t n,
                  const char *gid, size_t gn, char *out, size_t cap)
{
    char slug[64];
    size_t sl = cev_slug(name, n, 0, '-', slug, sizeof slug);
    if (!sl)
        sl = (size_t)snprintf(slug, sizeof slug, "g%.*s", (int)(gn > 20 ? 20 : gn), gid);
    int len = snprintf(out, cap, "%.2s%c%s", cc, sep, slug);
    if (cev_batch_find(b, out, (size_t)len) != CEV_AI_NONE)
        len = snprintf(out, cap, "%.2s%c%s-%.*s", cc, sep, slug, (int)(gn > 20 ? 20 : gn), gid);
    for (int k = 2; cev_batch_find(b, out, (size_t)len) != CEV_AI_NONE; k++)
        len = snprintf(out, cap, "%.2s%c%s-%.*s-%d", cc, sep, slug, (int)(gn > 20 ? 20 : gn), gid,
                       k);
    return len;
}

static int digits(const char *s, size_t n)
{
    if (!n || n > 18)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!cev_is_digit((unsigned char)s[i]))
            return 0;
    return 1;
}

static int cc_ok(const char *s, size_t n)
{
    return n == 2 && cev_is_upper((unsigned char)s[0]) && cev_is_upper((unsigned char)s[1]);
}

/* "CC.code" -> ref, from this file or an earlier admin1 load */
static uint32_t admin1_ref(cev_batch *b, const char *cc, const char *code, size_t n)
{
    char key[48];
    if (!n || n > 40)
        return CEV_AI_NONE;
    int kl = snprintf(key, sizeof key, "%.2s.%.*s", cc, (int)n, code);
    uint32_t r = cev_idmap_getn(&b->gn_admin1, key, (size_t)kl);
    if (r == CEV_AI_NONE)
        r = cev_idmap_getn(&b->ctx->gn_admin1, key, (size_t)kl);
    return r;
}

/* The TSV line of a new record, its alias column in `al`. */
static int new_record_tsv(cev_batch *b, uint32_t ref, cev_buf *al)
{
    if (al->oom)
        return CEV_ERR_NOMEM;
    cev_batch_tsv_record(b, ref, al->data ? al->data : "", al->len);
    al->len = 0;
    return b->rec_tsv[0].oom || b->rec_tsv[1].oom ? CEV_ERR_NOMEM : CEV_OK;
}

static int geoname_row(cev_batch *b, const cev_lines *it, const cev_fields *f, cev_buf *line)
{
    size_t ln = it->line_no;
    if (!digits(f->s[0], f->len[0]))
        return cev_batch_fail(b, ln, 1, "bad geonameid (an integer)");
    if (!f->len[1])
        return cev_batch_fail(b, ln, f->col[1], "missing name");
    double lat, lon;
    if (cev_parse_coord(f->s[4], f->len[4], 90, &lat))
        return cev_batch_fail(b, ln, f->col[4], "bad latitude");
    if (cev_parse_coord(f->s[5], f->len[5], 180, &lon))
        return cev_batch_fail(b, ln, f->col[5], "bad longitude");
    if (f->len[8] && !cc_ok(f->s[8], f->len[8]))
        return cev_batch_fail(b, ln, f->col[8], "bad country code");
    int64_t pop = -1;
    if (f->len[14] && cev_parse_count(f->s[14], f->len[14], &pop))
        return cev_batch_fail(b, ln, f->col[14], "bad population");
    if (!f->len[8])
        return CEV_OK; /* oceans, undersea features: no country, not our places */
    if (pop == 0)
        pop = -1; /* GeoNames writes 0 for unknown */
    int kind = feature_kind(f, pop);
    const char *cc = f->s[8];
    uint32_t ref = merge_target(b, f->s[1], f->len[1], cc, kind, 1, lat, lon);
    if (ref == CEV_AI_NONE && f->len[2])
        ref = merge_target(b, f->s[2], f->len[2], cc, kind, 1, lat, lon);
    if (ref != CEV_AI_NONE)
        return add_names(b, ref, f, 1, NULL);
    char id[96];
    int il = new_id(b, cc, ':', f->len[2] ? f->s[2] : f->s[1], f->len[2] ? f->len[2] : f->len[1],
                    f->s[0], f->len[0], id, sizeof id);
    cev_rec *r;
    ref = cev_batch_new(b, id, (size_t)il, 1, &r);
    if (ref == CEV_AI_NONE)
        return CEV_ERR_NOMEM;
    r->kind = kind;
    r->country = cev_batch_str(b, cc, 2);
    r->name = cev_batch_str(b, f->s[1], f->len[1]);
    r->has_coords = 1;
    r->lat = lat;
    r->lon = lon;
    r->population = pop;
    uint32_t a1 = admin1_ref(b, cc, f->s[10], f->len[10]);
    if (a1 != CEV_AI_NONE && a1 != ref)
        r->admin1_id = cev_batch_rec(b, a1)->id;
    if (kind == CEV_KIND_ADMIN1 && f->len[10]) {
        /* allCountries.txt: ADM1 rows are the admin1 units */
        char key[48];
        int kl = snprintf(key, sizeof key, "%.2s.%.*s", cc, (int)(f->len[10] > 40 ? 40 : f->len[10]),
                          f->s[10]);
        char *k = cev_batch_str(b, key, (size_t)kl);
        if (!k || cev_idmap_reserve(&b->gn_admin1, 1))
            return CEV_ERR_NOMEM;
        cev_idmap_put(&b->gn_admin1, k, ref);
    }
    if (!r->country || !r->name)
        return CEV_ERR_NOMEM;
    int rc = add_names(b, ref, f, 0, line);
    return rc ? rc : new_record_tsv(b, ref, line);
}

/* The loop every GeoNames file shares: skip comments, check the column
 * count, hand each row to `row`. */
typedef int (*row_fn)(cev_batch *b, const cev_lines *it, const cev_fields *f, cev_buf *line);

static int each_row(cev_batch *b, const char *data, size_t len, size_t ncols, const char *what,
                    row_fn row)
{
    cev_lines it = {data, len, 0, 0, 0, NULL, 0, 0};
    cev_fields f;
    cev_buf line;
    cev_buf_init(&line);
    int rc;
    while ((rc = cev_lines_next(b, &it)) == 1) {
        if (it.n == 0 || it.s[0] == '#')
            continue;
        cev_split_tabs(it.s, it.n, &f);
        if (f.n != ncols) {
            rc = cev_batch_fail(b, it.line_no, f.n < ncols ? it.n + 1 : f.col[ncols],
                                "expected %zu tab-separated columns (%s), found %zu", ncols,
                                what, f.n);
            break;
        }
        if ((rc = row(b, &it, &f, &line)))
            break;
    }
    cev_buf_free(&line);
    return rc < 0 ? rc : CEV_OK;
}

int cev_load_geonames(cev_batch *b, const char *data, size_t len)
{
    return each_row(b, data, len, 19, "GeoNames table", geoname_row);
}

/* ---- admin1CodesASCII.txt --------------------------------------------------------- */

static uint32_t admin1_target(cev_batch *b, const cev_fields *f, const char *cc)
{
    for (int k = 1; k <= 2; k++) {
        const cev_rec *c[16];
        size_t nc = cev_ctx_candidates(b->ctx, f->s[k], f->len[k], 1, c, 16);
        for (size_t i = 0; i < nc; i++)
            if (c[i]->kind == CEV_KIND_ADMIN1 && c[i]->country &&
                strncmp(c[i]->country, cc, 2) == 0)
                return cev_idmap_get(&b->ctx->ids, c[i]->id);
    }
    return CEV_AI_NONE;
}

static int admin1_row(cev_batch *b, const cev_lines *it, const cev_fields *fp, cev_buf *line)
{
    const cev_fields f = *fp;
    size_t ln = it->line_no;
    const char *code = f.s[0];
    size_t cl = f.len[0];
    if (cl < 4 || cl > 43 || !cc_ok(code, 2) || code[2] != '.')
        return cev_batch_fail(b, ln, 1, "bad admin1 code (CC.CODE)");
    if (!f.len[1])
        return cev_batch_fail(b, ln, f.col[1], "missing name");
    if (!digits(f.s[3], f.len[3]))
        return cev_batch_fail(b, ln, f.col[3], "bad geonameid (an integer)");
    int rc;
    uint32_t ref = admin1_target(b, &f, code);
    if (ref != CEV_AI_NONE) {
        if ((rc = add_name(b, ref, f.s[1], f.len[1], NULL)) ||
            (rc = add_name(b, ref, f.s[2], f.len[2], NULL)))
            return rc;
    } else {
        char id[96];
        int il = new_id(b, code, '-', f.len[2] ? f.s[2] : f.s[1],
                        f.len[2] ? f.len[2] : f.len[1], f.s[3], f.len[3], id, sizeof id);
        cev_rec *r;
        ref = cev_batch_new(b, id, (size_t)il, 1, &r);
        if (ref == CEV_AI_NONE)
            return CEV_ERR_NOMEM;
        r->kind = CEV_KIND_ADMIN1;
        r->country = cev_batch_str(b, code, 2);
        r->name = cev_batch_str(b, f.s[1], f.len[1]);
        if (!r->country || !r->name)
            return CEV_ERR_NOMEM;
        if (!(f.len[2] == f.len[1] && memcmp(f.s[1], f.s[2], f.len[1]) == 0) &&
            (rc = add_name(b, ref, f.s[2], f.len[2], line)))
            return rc;
        if ((rc = new_record_tsv(b, ref, line)))
            return rc;
    }
    char *k = cev_batch_str(b, code, cl);
    if (!k || cev_idmap_reserve(&b->gn_admin1, 1))
        return CEV_ERR_NOMEM;
    cev_idmap_put(&b->gn_admin1, k, ref);
    return CEV_OK;
}

int cev_load_geonames_admin1(cev_batch *b, const char *data, size_t len)
{
    return each_row(b, data, len, 4, "code, name, asciiname, geonameid", admin1_row);
}

/* ---- countryInfo.txt -------------------------------------------------------------- */

static int country_row(cev_batch *b, const cev_lines *it, const cev_fields *f, cev_buf *line)
{
    size_t ln = it->line_no;
    const char *iso = f->s[0], *iso3 = f->s[1], *name = f->s[4];
    size_t nl = f->len[4];
    if (!cc_ok(iso, f->len[0]))
        return cev_batch_fail(b, ln, 1, "bad ISO code (two capitals)");
    if (f->len[1] != 3 || !cev_is_upper((unsigned char)iso3[0]) ||
        !cev_is_upper((unsigned char)iso3[1]) || !cev_is_upper((unsigned char)iso3[2]))
        return cev_batch_fail(b, ln, f->col[1], "bad ISO3 code (three capitals)");
    if (!nl)
        return cev_batch_fail(b, ln, f->col[4], "missing country name");
    int64_t pop = -1;
    if (f->len[7] && cev_parse_count(f->s[7], f->len[7], &pop))
        return cev_batch_fail(b, ln, f->col[7], "bad population");
    int rc;
    /* the place */
    uint32_t ref = cev_batch_find(b, iso, 2);
    if (ref != CEV_AI_NONE) {
        if (cev_batch_is_place(b, ref) && (rc = add_name(b, ref, name, nl, NULL)))
            return rc;
    } else {
        cev_rec *r;
        ref = cev_batch_new(b, iso, 2, 1, &r);
        if (ref == CEV_AI_NONE)
            return CEV_ERR_NOMEM;
        r->kind = CEV_KIND_COUNTRY;
        r->country = r->id;
        r->name = cev_batch_str(b, name, nl);
        r->population = pop;
        if (!r->name)
            return CEV_ERR_NOMEM;
        if ((rc = new_record_tsv(b, ref, line)))
            return rc;
    }
    /* the entity */
    ref = cev_batch_find(b, iso3, 3);
    if (ref != CEV_AI_NONE) {
        const cev_rec *r = cev_batch_rec(b, ref);
        if (cev_batch_is_place(b, ref) || r->kind != CEV_KIND_COUNTRY)
            return CEV_OK;
        return add_name(b, ref, name, nl, NULL);
    }
    cev_rec *r;
    ref = cev_batch_new(b, iso3, 3, 0, &r);
    if (ref == CEV_AI_NONE)
        return CEV_ERR_NOMEM;
    r->kind = CEV_KIND_COUNTRY;
    r->country = cev_batch_str(b, iso, 2);
    r->name = cev_batch_str(b, name, nl);
    if (!r->name || !r->country)
        return CEV_ERR_NOMEM;
    return new_record_tsv(b, ref, line);
}

int cev_load_geonames_countries(cev_batch *b, const char *data, size_t len)
{
    return each_row(b, data, len, 19, "countryInfo", country_row);
}
