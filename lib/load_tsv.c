/* load_tsv.c - the TSV alias table and gazetteer (docs/data-format.md), and
 * the line and field helpers every loader shares.
 *
 * Beyond the documented format this reader accepts, so that imports can be
 * saved and loaded back: a record id written "+ID" (every other column
 * "-") adds its aliases to the existing record ID; dates "YYYY-MM"; lat and
 * lon both "-" for a place without coordinates. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loaders.h"
#include "utf8.h"

/* ---- lines and fields ---------------------------------------------------------- */

#define CEV_MAX_LINE (1u << 20)

int cev_lines_next(cev_batch *b, cev_lines *it)
{
    if (it->pos >= it->len)
        return 0;
    size_t a = it->pos, e = a;
    const unsigned char *d = (const unsigned char *)it->data;
    it->line_no++;
    size_t lim = it->len - a > CEV_MAX_LINE ? a + CEV_MAX_LINE : it->len;
    while (e < it->len && d[e] != '\n') {
        unsigned char c = d[e];
        if (c >= 0x20 && c < 0x7f && e < lim) { /* the common case first */
            e++;
            continue;
        }
        if (e >= lim)
            return cev_batch_fail(b, it->line_no, e - a + 1, "line longer than %u bytes",
                                  CEV_MAX_LINE);
        if (c == 0)
            return cev_batch_fail(b, it->line_no, e - a + 1, "NUL byte");
        if (c < 0x80) {
            if (c < 0x20 && c != '\t' && c != '\r' && !it->allow_ctl)
                return cev_batch_fail(b, it->line_no, e - a + 1, "control character 0x%02X",
                                      c);
            e++;
            continue;
        }
        uint32_t cp;
        size_t n = cev_utf8_decode(d, it->len, e, &cp);
        if (!n)
            return cev_batch_fail(b, it->line_no, e - a + 1, "invalid UTF-8 (byte 0x%02X)", c);
        e += n;
    }
    it->start = a;
    it->s = it->data + a;
    it->n = e - a;
    if (it->n && it->s[it->n - 1] == '\r')
        it->n--;
    /* a stray CR inside the line is junk */
    const char *cr = memchr(it->s, '\r', it->n);
    if (cr && !it->allow_ctl)
        return cev_batch_fail(b, it->line_no, (size_t)(cr - it->s) + 1, "carriage return");
    it->pos = e < it->len ? e + 1 : e;
    return 1;
}

void cev_split_tabs(const char *s, size_t n, cev_fields *f)
{
    f->n = 0;
    size_t a = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != '\t')
            continue;
        if (f->n < CEV_MAX_FIELDS) {
            f->s[f->n] = s + a;
            f->len[f->n] = i - a;
            f->col[f->n] = a + 1;
        }
        f->n++;
        a = i + 1;
    }
}

int cev_field_is(const char *s, size_t n, const char *w)
{
    return strlen(w) == n && memcmp(s, w, n) == 0;
}

int cev_parse_coord(const char *s, size_t n, double lim, double *out)
{
    size_t i = 0;
    int neg = 0;
    if (i < n && (s[i] == '-' || s[i] == '+'))
        neg = s[i++] == '-';
    size_t d0 = i;
    double v = 0;
    while (i < n && cev_is_digit((unsigned char)s[i]) && i - d0 < 4)
        v = v * 10 + (s[i++] - '0');
    if (i == d0)
        return -1;
    if (i < n && s[i] == '.') {
        i++;
        double scale = 0.1;
        size_t f0 = i;
        while (i < n && cev_is_digit((unsigned char)s[i]) && i - f0 < 15) {
            v += (s[i++] - '0') * scale;
            scale /= 10;
        }
        if (i == f0)
            return -1;
    }
    if (i != n || v > lim)
        return -1;
    *out = neg ? -v : v;
    return 0;
}

int cev_parse_count(const char *s, size_t n, int64_t *out)
{
    if (n == 0 || n > 18)
        return -1;
    int64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!cev_is_digit((unsigned char)s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

void cev_tsv_field(cev_buf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != 0x7F)
            cev_buf_putc(out, (char)c);
        else if (c == '\t')
            cev_buf_putc(out, ' ');
    }
}

static void put_date(cev_buf *out, int32_t d)
{
    if (d)
        cev_buf_printf(out, "%04d-%02d-%02d\t", d / 10000, d / 100 % 100, d % 100);
    else
        cev_buf_puts(out, "-\t");
}

static void put_opt(cev_buf *out, const char *s)
{
    if (s)
        cev_tsv_field(out, s, strlen(s));
    else
        cev_buf_putc(out, '-');
    cev_buf_putc(out, '\t');
}

void cev_tsv_columns(cev_buf *out, const cev_rec *r, int place, int plus)
{
    if (plus)
        cev_buf_putc(out, '+');
    put_opt(out, r->id);
    put_opt(out, cev_kind_name(r->kind));
    put_opt(out, r->country);
    if (place) {
        put_opt(out, r->admin1_id);
        if (r->has_coords)
            cev_buf_printf(out, "%.5f\t%.5f\t", r->lat, r->lon);
        else
            cev_buf_puts(out, "-\t-\t");
        if (r->population >= 0)
            cev_buf_printf(out, "%lld\t", (long long)r->population);
        else
            cev_buf_puts(out, "-\t");
        put_opt(out, r->parent_id);
    } else {
        put_opt(out, r->affiliation);
        put_date(out, r->valid_from);
        put_date(out, r->valid_to);
    }
    put_opt(out, r->name);
}

void cev_tsv_alias(cev_buf *out, const char *s, size_t n, int note)
{
    static const char *const prefix[] = {"", "abbr:", "demonym:", "metonym:", "translit:",
                                         "former:", ""};
    if (out->len && out->data[out->len - 1] != '\t')
        cev_buf_putc(out, '|');
    if (note >= 0 && note <= CEV_ALIAS_NAME)
        cev_buf_puts(out, prefix[note]);
    for (size_t i = 0; i < n; i++)
        if (s[i] != '|')
            cev_tsv_field(out, s + i, 1);
}

size_t cev_slug(const char *s, size_t n, int upper, char sep, char *out, size_t cap)
{
    size_t o = 0;
    int pend = 0;
    for (size_t i = 0; i < n && o + 1 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        if (cev_is_alpha(c) || cev_is_digit(c)) {
            if (pend && o && o + 2 < cap)
                out[o++] = sep;
            pend = 0;
            out[o++] = (char)(upper ? (cev_is_alpha(c) ? (c & ~32) : c) : cev_to_lower(c));
        } else if (c != '\'' && c < 0x80) {
            pend = 1;
        }
    }
    out[o] = '\0';
    return o;
}

int cev_stopword(const char *key, size_t n)
{
    /* ordinary English words, and the generic words of place names */
    static const char *const words[] = {
        "a", "about", "after", "against", "airport", "all", "also", "an", "and", "any", "are",
        "area", "army", "as", "at", "attack", "back", "bar", "base", "bath", "be", "been",
        "before", "between", "border", "bridge", "but", "by", "camp", "can", "capital",
        "central", "city", "coast", "could", "country", "county", "day", "department",
        "desert", "did", "district", "do", "down", "east", "eastern", "even", "first", "for",
        "force", "forces", "from", "government", "governorate", "greater", "group", "had",
        "has", "have", "he", "her", "here", "highway", "him", "his", "home", "hospital", "how",
        "i", "if", "in", "into", "is", "island", "islands", "it", "its", "just", "last", "like",
        "lower", "man", "many", "march", "market", "may", "me", "men", "middle", "military",
        "mobile", "more", "most", "mountains", "much", "must", "my", "national", "new", "nice",
        "no", "north", "northern", "not", "now", "of", "off", "old", "on", "one", "only", "or",
        "other", "our", "out", "over", "people", "police", "port", "president", "province",
        "reading", "rebels", "region", "republic", "river", "road", "said", "sale", "say",
        "says", "security", "she", "should", "since", "so", "some", "south", "southern",
        "split", "square", "state", "still", "street", "such", "than", "that", "the", "their",
        "them", "then", "there", "these", "they", "this", "those", "three", "through", "to",
        "told", "town", "two", "under", "union", "united", "up", "upper", "us", "valley",
        "village", "was", "we", "well", "were", "west", "western", "what", "when", "where",
        "which", "while", "who", "will", "with", "would", "year", "you", NULL};
    if (n == 0 || n > 11)
        return 0;
    for (const char *const *w = words; *w; w++)
        if ((*w)[0] == key[0] && strncmp(*w, key, n) == 0 && (*w)[n] == '\0')
            return 1;
    return 0;
}

/* ---- the TSV format ----------------------------------------------------------- */

static const char *const k_ent_cols[] = {"id",   "kind", "country", "affiliation",
                                         "from", "to",   "name",    "aliases"};
static const char *const k_place_cols[] = {"id",  "kind",       "country", "admin1", "lat",
                                           "lon", "population", "parent",  "name",   "aliases"};

enum { E_ID, E_KIND, E_COUNTRY, E_AFFIL, E_FROM, E_TO, E_NAME, E_ALIASES };
enum { P_ID, P_KIND, P_COUNTRY, P_ADMIN1, P_LAT, P_LON, P_POP, P_PARENT, P_NAME, P_ALIASES };

static int header_is(const cev_fields *f, const char *const *cols, size_t n)
{
    if (f->n != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!cev_field_is(f->s[i], f->len[i], cols[i]))
            return 0;
    return 1;
}

static int dash(const cev_fields *f, size_t i) { return cev_field_is(f->s[i], f->len[i], "-"); }

static int entity_id_ok(const char *s, size_t n)
{
    if (n == 0 || n > 64)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!(cev_is_upper(c) || cev_is_digit(c) || c == '_'))
            return 0;
    }
    return 1;
}

static int cc_ok(const char *s, size_t n)
{
    return n == 2 && cev_is_upper((unsigned char)s[0]) && cev_is_upper((unsigned char)s[1]);
}

/* SY, SY-RA, SY:raqqa, SY:raqqa:jazra */
static int place_id_ok(const char *s, size_t n)
{
    if (n < 2 || n > 96 || !cc_ok(s, 2))
        return 0;
    if (n == 2)
        return 1;
    if (s[2] == '-') {
        if (n == 3)
            return 0;
        for (size_t i = 3; i < n; i++) {
            unsigned char c = (unsigned char)s[i];
            if (!(cev_is_alpha(c) || cev_is_digit(c) || c == '-' || c == '_'))
                return 0;
        }
        return 1;
    }
    if (s[2] != ':')
        return 0;
    int seg = 0;
    for (size_t i = 3; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ':') {
            if (!seg)
                return 0;
            seg = 0;
        } else if ((c >= 'a' && c <= 'z') || cev_is_digit(c) ||
                   (seg && (c == '-' || c == '_' || c == '.'))) {
            seg++;
        } else {
            return 0;
        }
    }
    return seg > 0;
}

/* YYYY, YYYY-MM or YYYY-MM-DD; `end` picks the last day of a year or month. */
static int parse_date(const char *s, size_t n, int end, int32_t *out)
{
    int y = 0, m = 0, d = 0;
    if (n != 4 && n != 7 && n != 10)
        return -1;
    for (size_t i = 0; i < n; i++) {
        int dig = cev_is_digit((unsigned char)s[i]);
        if ((i == 4 || i == 7) ? s[i] != '-' : !dig)
            return -1;
    }
    y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    if (n >= 7)
        m = (s[5] - '0') * 10 + (s[6] - '0');
    if (n == 10)
        d = (s[8] - '0') * 10 + (s[9] - '0');
    if (y < 1 || (n >= 7 && (m < 1 || m > 12)))
        return -1;
    if (!m)
        m = end ? 12 : 1;
    if (n == 10 && (d < 1 || d > cev_days_in_month(y, m)))
        return -1;
    if (!d)
        d = end ? cev_days_in_month(y, m) : 1;
    *out = y * 10000 + m * 100 + d;
    return 0;
}

static const char *const k_notes[] = {"abbr", "demonym", "metonym", "translit", "former", NULL};
static const int k_note_vals[] = {CEV_ALIAS_ABBR, CEV_ALIAS_DEMONYM, CEV_ALIAS_METONYM,
                                  CEV_ALIAS_TRANSLIT, CEV_ALIAS_FORMER};

/* "a|abbr:B|..." -> aliases of ref (`more`: of a record that exists). */
static int parse_aliases(cev_batch *b, size_t line, const char *s, size_t n, size_t col,
                         uint32_t ref, int more)
{
    if (n == 1 && s[0] == '-')
        return CEV_OK;
    size_t a = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != '|')
            continue;
        size_t x = a, y = i;
        while (x < y && s[x] == ' ')
            x++;
        while (y > x && s[y - 1] == ' ')
            y--;
        int note = CEV_ALIAS_PLAIN;
        const char *colon = memchr(s + x, ':', y - x);
        if (colon) {
            for (size_t k = 0; k_notes[k]; k++)
                if (cev_field_is(s + x, (size_t)(colon - (s + x)), k_notes[k])) {
                    note = k_note_vals[k];
                    x = (size_t)(colon - s) + 1;
                    while (x < y && s[x] == ' ')
                        x++;
                    break;
                }
        }
        if (x == y)
            return cev_batch_fail(b, line, col + a, "empty alias");
        int rc = more ? cev_batch_alias_more(b, ref, s + x, y - x, note)
                      : cev_batch_alias(b, ref, s + x, y - x, note, -1);
        if (rc)
            return rc;
        a = i + 1;
    }
    return CEV_OK;
}

/* A "+ID" line: aliases for a record that exists, in the context or
 * anywhere in this file (these lines are read last).  The other columns
 * only describe the record and are not read. */
static int alias_line(cev_batch *b, size_t line_no, const cev_fields *f, size_t ncols,
                      int places)
{
    uint32_t ref = cev_batch_find(b, f->s[0] + 1, f->len[0] - 1);
    if (ref == CEV_AI_NONE)
        return cev_batch_fail(b, line_no, 2, "unknown id '%.*s'", (int)(f->len[0] - 1),
                              f->s[0] + 1);
    if (cev_batch_is_place(b, ref) != places)
        return cev_batch_fail(b, line_no, 2, "'%s' is not a%s", cev_batch_rec(b, ref)->id,
                              places ? " place" : "n entity");
    return parse_aliases(b, line_no, f->s[ncols - 1], f->len[ncols - 1], f->col[ncols - 1], ref,
                         1);
}

static int id_field(cev_batch *b, const cev_lines *it, const cev_fields *f, int places)
{
    const char *s = f->s[0];
    size_t n = f->len[0];
    if (!(places ? place_id_ok(s, n) : entity_id_ok(s, n)))
        return cev_batch_fail(b, it->line_no, 1, "bad id '%.*s' (%s)", (int)(n > 80 ? 80 : n),
                              s, places ? "CC, CC-XX or CC:slug" : "[A-Z0-9_]+");
    uint32_t ref = cev_batch_find(b, s, n);
    if (ref != CEV_AI_NONE) {
        const cev_rec *r = cev_batch_rec(b, ref);
        return cev_batch_fail(b, it->line_no, 1, "duplicate id '%.*s' (already used by '%s')",
                              (int)n, s, r->name);
    }
    return CEV_OK;
}

static int kind_field(cev_batch *b, const cev_lines *it, const cev_fields *f, int places,
                      int *kind)
{
    char k[32];
    size_t n = f->len[1] < sizeof k - 1 ? f->len[1] : sizeof k - 1;
    memcpy(k, f->s[1], n);
    k[n] = '\0';
    *kind = cev_kind_from_name(k);
    if (*kind <= 0 || (*kind != CEV_KIND_COUNTRY && !!cev_kind_is_place(*kind) != places))
        return cev_batch_fail(b, it->line_no, f->col[1], "unknown %s kind '%.*s'",
                              places ? "place" : "entity", (int)f->len[1], f->s[1]);
    return CEV_OK;
}

static int entity_line(cev_batch *b, const cev_lines *it, const cev_fields *f)
{
    int rc, kind;
    size_t ln = it->line_no;
    if ((rc = id_field(b, it, f, 0)) || (rc = kind_field(b, it, f, 0, &kind)))
        return rc;
    if (!dash(f, E_COUNTRY) && !cc_ok(f->s[E_COUNTRY], f->len[E_COUNTRY]))
        return cev_batch_fail(b, ln, f->col[E_COUNTRY], "bad country code (ISO alpha-2 or -)");
    if (!dash(f, E_AFFIL) && !entity_id_ok(f->s[E_AFFIL], f->len[E_AFFIL]))
        return cev_batch_fail(b, ln, f->col[E_AFFIL], "bad affiliation id");
    int32_t from = 0, to = 0;
    if (!dash(f, E_FROM) && parse_date(f->s[E_FROM], f->len[E_FROM], 0, &from))
        return cev_batch_fail(b, ln, f->col[E_FROM], "bad date (YYYY-MM-DD, YYYY-MM, YYYY or -)");
    if (!dash(f, E_TO) && parse_date(f->s[E_TO], f->len[E_TO], 1, &to))
        return cev_batch_fail(b, ln, f->col[E_TO], "bad date (YYYY-MM-DD, YYYY-MM, YYYY or -)");
    if (from && to && to < from)
        return cev_batch_fail(b, ln, f->col[E_TO], "the role ends before it starts");
    if (f->len[E_NAME] == 0 || dash(f, E_NAME))
        return cev_batch_fail(b, ln, f->col[E_NAME], "missing name");
    cev_rec *r;
    uint32_t ref = cev_batch_new(b, f->s[E_ID], f->len[E_ID], 0, &r);
    if (ref == CEV_AI_NONE)
        return CEV_ERR_NOMEM;
    r->kind = kind;
    r->country = dash(f, E_COUNTRY) ? NULL : cev_batch_str(b, f->s[E_COUNTRY], 2);
    r->affiliation = dash(f, E_AFFIL) ? NULL : cev_batch_str(b, f->s[E_AFFIL], f->len[E_AFFIL]);
    r->valid_from = from;
    r->valid_to = to;
    r->name = cev_batch_str(b, f->s[E_NAME], f->len[E_NAME]);
    if (!r->name || (!dash(f, E_COUNTRY) && !r->country) || (!dash(f, E_AFFIL) && !r->affiliation))
        return CEV_ERR_NOMEM;
    return parse_aliases(b, ln, f->s[E_ALIASES], f->len[E_ALIASES], f->col[E_ALIASES], ref, 0);
}

static int place_line(cev_batch *b, const cev_lines *it, const cev_fields *f)
{
    int rc, kind;
    size_t ln = it->line_no;
    if ((rc = id_field(b, it, f, 1)) || (rc = kind_field(b, it, f, 1, &kind)))
        return rc;
    if (!cc_ok(f->s[P_COUNTRY], f->len[P_COUNTRY]))
        return cev_batch_fail(b, ln, f->col[P_COUNTRY], "bad country code (ISO alpha-2)");
    if (!dash(f, P_ADMIN1) && !place_id_ok(f->s[P_ADMIN1], f->len[P_ADMIN1]))
        return cev_batch_fail(b, ln, f->col[P_ADMIN1], "bad admin1 id");
    double lat = 0, lon = 0;
    int coords = !(dash(f, P_LAT) && dash(f, P_LON));
    if (coords && cev_parse_coord(f->s[P_LAT], f->len[P_LAT], 90, &lat))
        return cev_batch_fail(b, ln, f->col[P_LAT], "bad latitude (decimal degrees, -90..90)");
    if (coords && cev_parse_coord(f->s[P_LON], f->len[P_LON], 180, &lon))
        return cev_batch_fail(b, ln, f->col[P_LON], "bad longitude (decimal degrees, -180..180)");
    int64_t pop = -1;
    if (!dash(f, P_POP) && cev_parse_count(f->s[P_POP], f->len[P_POP], &pop))
        return cev_batch_fail(b, ln, f->col[P_POP], "bad population (an integer or -)");
    if (!dash(f, P_PARENT) && !place_id_ok(f->s[P_PARENT], f->len[P_PARENT]))
        return cev_batch_fail(b, ln, f->col[P_PARENT], "bad parent id");
    if (f->len[P_NAME] == 0 || dash(f, P_NAME))
        return cev_batch_fail(b, ln, f->col[P_NAME], "missing name");
    cev_rec *r;
    uint32_t ref = cev_batch_new(b, f->s[P_ID], f->len[P_ID], 1, &r);
    if (ref == CEV_AI_NONE)
        return CEV_ERR_NOMEM;
    r->kind = kind;
    r->country = cev_batch_str(b, f->s[P_COUNTRY], 2);
    r->admin1_id = dash(f, P_ADMIN1) ? NULL : cev_batch_str(b, f->s[P_ADMIN1], f->len[P_ADMIN1]);
    r->parent_id = dash(f, P_PARENT) ? NULL : cev_batch_str(b, f->s[P_PARENT], f->len[P_PARENT]);
    r->has_coords = coords;
    r->lat = lat;
    r->lon = lon;
    r->population = pop;
    r->name = cev_batch_str(b, f->s[P_NAME], f->len[P_NAME]);
    if (!r->name || !r->country || (!dash(f, P_ADMIN1) && !r->admin1_id) ||
        (!dash(f, P_PARENT) && !r->parent_id))
        return CEV_ERR_NOMEM;
    return parse_aliases(b, ln, f->s[P_ALIASES], f->len[P_ALIASES], f->col[P_ALIASES], ref, 0);
}

/* "+ID" lines wait until the file's records are read. */
typedef struct later {
    size_t line_no, start, n;
} later;

int cev_load_tsv(cev_batch *b, const char *data, size_t len)
{
    cev_lines it = {data, len, 0, 0, 0, NULL, 0, 0};
    cev_fields f;
    int places = -1, rc;
    size_t ncols = 0, n_later = 0, cap_later = 0;
    later *lt = NULL;
    while ((rc = cev_lines_next(b, &it)) == 1) {
        size_t i = 0;
        while (i < it.n && (it.s[i] == ' ' || it.s[i] == '\t'))
            i++;
        if (i == it.n || it.s[0] == '#')
            continue;
        cev_split_tabs(it.s, it.n, &f);
        if (places < 0) {
            if (header_is(&f, k_ent_cols, 8))
                places = 0;
            else if (header_is(&f, k_place_cols, 10))
                places = 1;
            else
                return cev_batch_fail(b, it.line_no, 1,
                                      "expected the entities or places header line "
                                      "(docs/data-format.md)");
            ncols = places ? 10 : 8;
            if (!b->user) {
                /* built-in files are data/entities/NAME and data/places/NAME */
                size_t nl = strlen(b->name) + 16;
                char *nm = cev_arena_alloc(b->arena, nl);
                if (!nm)
                    return CEV_ERR_NOMEM;
                snprintf(nm, nl, "data/%s/%s", places ? "places" : "entities", b->name);
                b->name = nm;
            }
            continue;
        }
        if (f.n != ncols)
            return cev_batch_fail(b, it.line_no, f.n < ncols ? it.n + 1 : f.col[ncols],
                                  "expected %zu tab-separated columns, found %zu", ncols, f.n);
        if (f.len[0] > 1 && f.s[0][0] == '+') {
            if (n_later == cap_later) {
                cap_later = cap_later ? cap_later * 2 : 64;
                later *nl = realloc(lt, cap_later * sizeof *nl);
                if (!nl) {
                    rc = CEV_ERR_NOMEM;
                    break;
                }
                lt = nl;
            }
            lt[n_later++] = (later){it.line_no, it.start, it.n};
            continue;
        }
        if ((rc = places ? place_line(b, &it, &f) : entity_line(b, &it, &f)))
            break;
        if (b->user) {
            cev_buf *out = &b->rec_tsv[places];
            cev_buf_put(out, it.s, it.n);
            cev_buf_putc(out, '\n');
            if (out->oom) {
                rc = CEV_ERR_NOMEM;
                break;
            }
        }
    }
    if (rc == 0 && places < 0)
        rc = cev_batch_fail(b, it.line_no ? it.line_no : 1, 1, "no header line");
    for (size_t i = 0; i < n_later && rc == 0; i++) {
        cev_split_tabs(data + lt[i].start, lt[i].n, &f);
        rc = alias_line(b, lt[i].line_no, &f, ncols, places);
    }
    free(lt);
    return rc < 0 ? rc : CEV_OK;
}
