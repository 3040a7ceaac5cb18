/* load_phoenix.c - PETRARCH/Phoenix (TABARI) .actors dictionaries.
 *
 * An entry is a phrase (words joined by '_'), its '+' synonyms on the lines
 * below, and one or more codes in brackets on the entry line or on
 * indented lines: [SYR], [SYRGOV >20000717], [USAGOV 20010120-20090120],
 * [IGOUNO <070201].  [---] and [###] code nothing.  Comments start with '#'
 * or ';' (outside brackets) or are <!-- -->; <NOUN>-style section lines
 * are skipped and "~~FINISH" ends the file.
 *
 * Mapping to our records:
 *  - one undated code that is an entity we know ([SYR]): the phrases become
 *    its aliases;
 *  - one undated code otherwise: a record of its own (id from the phrase,
 *    affiliation = the code, kind and country read from the code), unless
 *    the phrase already names an entity of that country;
 *  - dated or several codes: a person, one record per role (the code as
 *    affiliation, the dates as validity). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loaders.h"

#define MAX_PHRASES 256
#define MAX_CODES 64

typedef struct phrase {
    const char *s;
    size_t n;
} phrase;

typedef struct code {
    char id[40];
    int32_t from, to;
} code;

typedef struct block {
    size_t line; /* of the entry */
    phrase ph[MAX_PHRASES];
    size_t n_ph;
    code cd[MAX_CODES];
    size_t n_cd;
} block;

/* ---- codes -------------------------------------------------------------------- */

/* YYMMDD (YY < 30 is 20YY) or YYYYMMDD. */
static int parse_date(const char *s, size_t n, int32_t *out)
{
    for (size_t i = 0; i < n; i++)
        if (!cev_is_digit((unsigned char)s[i]))
            return -1;
    int y, m, d;
    if (n == 6) {
        y = (s[0] - '0') * 10 + (s[1] - '0');
        y += y < 30 ? 2000 : 1900;
        s += 2;
    } else if (n == 8) {
        y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
        s += 4;
    } else {
        return -1;
    }
    m = (s[0] - '0') * 10 + (s[1] - '0');
    d = (s[2] - '0') * 10 + (s[3] - '0');
    /* the dictionaries have day or month 00 and 31 in short months */
    if (m < 1)
        m = 1;
    if (m > 12)
        return -1;
    if (d < 1)
        d = 1;
    if (d > cev_days_in_month(y, m))
        d = cev_days_in_month(y, m);
    *out = y * 10000 + m * 100 + d;
    return 0;
}

static int code_char(int c) { return cev_is_upper(c) || cev_is_digit(c) || c == '~' || c == '/'; }

/* One "[...]" at s[a, b) (brackets excluded), column col of s[a]. */
static int parse_code(cev_batch *b, block *bl, size_t line, const char *s, size_t a, size_t e,
                      size_t col)
{
    size_t i = a;
    while (i < e && (s[i] == ' ' || s[i] == '\t'))
        i++;
    size_t c0 = i;
    while (i < e && s[i] != ' ' && s[i] != '\t')
        i++;
    size_t cn = i - c0;
    if (cn == 3 && (memcmp(s + c0, "---", 3) == 0 || memcmp(s + c0, "###", 3) == 0))
        return CEV_OK;
    if (cn == 0 || cn >= sizeof bl->cd[0].id)
        return cev_batch_fail(b, line, col + (c0 - a), "bad actor code");
    for (size_t k = c0; k < c0 + cn; k++)
        if (!code_char((unsigned char)s[k]))
            return cev_batch_fail(b, line, col + (k - a), "bad character in actor code");
    code cd = {{0}, 0, 0};
    /* several actors at once ("AFR/FRA"): the first */
    size_t keep = 0;
    while (keep < cn && s[c0 + keep] != '/')
        keep++;
    size_t skip = s[c0] == '~' ? 1 : 0;
    if (keep <= skip)
        return cev_batch_fail(b, line, col + (c0 - a), "bad actor code");
    memcpy(cd.id, s + c0 + skip, keep - skip);
    /* The date restriction: ">D", "<D", "D-D".  The dictionaries hold a few
     * dates of 7, 9 or 10 digits, bare dates and two ranges in one code:
     * such a date is ignored (the role is open on that side), but anything
     * that is not digits is an error. */
    while (i < e) {
        while (i < e && (s[i] == ' ' || s[i] == '\t'))
            i++;
        if (i >= e)
            break;
        char op = s[i];
        if (op == '>' || op == '<') {
            i++;
            while (i < e && s[i] == ' ')
                i++;
        } else {
            op = 0;
        }
        size_t d0 = i;
        while (i < e && cev_is_digit((unsigned char)s[i]))
            i++;
        size_t d1 = i, d2 = i;
        if (!op && i < e && s[i] == '-') {
            op = '-';
            d2 = ++i;
            while (i < e && cev_is_digit((unsigned char)s[i]))
                i++;
        }
        if (d1 == d0 || (op == '-' && i == d2) || (i < e && s[i] != ' ' && s[i] != '\t'))
            return cev_batch_fail(b, line, col + (i - a), "bad date in actor code");
        int32_t x = 0, y = 0;
        int okx = parse_date(s + d0, d1 - d0, &x) == 0;
        if (op == '>' && okx)
            cd.from = x;
        else if (op == '<' && okx)
            cd.to = x;
        else if (op == '-') {
            int oky = parse_date(s + d2, i - d2, &y) == 0;
            cd.from = okx ? x : 0;
            cd.to = oky ? y : 0;
        }
    }
    if (cd.from && cd.to && cd.to < cd.from)
        cd.from = cd.to = 0; /* a typo in the dictionary: the dates say nothing */
    if (bl->n_cd < MAX_CODES)
        bl->cd[bl->n_cd++] = cd;
    return CEV_OK;
}

/* Codes from s[i, n) of a line (s[i] is '['): brackets separated by blanks.
 * Text after the codes is an annotation ("[MNCMED]  Newspapers") and ignored. */
static int parse_codes(cev_batch *b, block *bl, size_t line, const char *s, size_t i, size_t n)
{
    while (i < n) {
        if (s[i] == ' ' || s[i] == '\t') {
            i++;
            continue;
        }
        if (s[i] != '[')
            break;
        const char *close = memchr(s + i, ']', n - i);
        if (!close)
            return cev_batch_fail(b, line, i + 1, "'[' without ']'");
        size_t e = (size_t)(close - s);
        int rc = parse_code(b, bl, line, s, i + 1, e, i + 2);
        if (rc)
            return rc;
        i = e + 1;
    }
    return CEV_OK;
}

/* ---- records ------------------------------------------------------------------- */

/* Kind of a CAMEO actor code from its role parts (3 letters each). */
static int code_kind(const char *c)
{
    size_t n = strlen(c);
    if (n >= 3 && memcmp(c, "IMG", 3) == 0)
        return CEV_KIND_ARMED_GROUP;
    int kind = CEV_KIND_ORGANIZATION;
    for (size_t i = 3; i + 3 <= n; i += 3) {
        const char *r = c + i;
#define ROLE(s) (memcmp(r, s, 3) == 0)
        if (ROLE("MIL"))
            return CEV_KIND_MILITARY;
        if (ROLE("COP"))
            return CEV_KIND_POLICE;
        if (ROLE("REB") || ROLE("INS") || ROLE("UAF") || ROLE("SEP"))
            return CEV_KIND_ARMED_GROUP;
        if (ROLE("GOV") || ROLE("JUD") || ROLE("LEG") || ROLE("SPY"))
            kind = CEV_KIND_GOVERNMENT;
        else if (kind == CEV_KIND_ORGANIZATION && (ROLE("CVL") || ROLE("REF")))
            kind = CEV_KIND_CIVILIANS;
        else if (kind == CEV_KIND_ORGANIZATION && ROLE("MED"))
            kind = CEV_KIND_SOURCE;
#undef ROLE
    }
    return kind;
}

/* ISO alpha-2 of the country a code starts with, from a known country entity. */
static const char *code_country(const cev_batch *b, const char *c)
{
    if (strlen(c) < 3)
        return NULL;
    uint32_t ref = cev_batch_find(b, c, 3);
    if (ref == CEV_AI_NONE)
        return NULL;
    const cev_rec *r = cev_batch_rec(b, ref);
    return r->kind == CEV_KIND_COUNTRY && !cev_batch_is_place(b, ref) ? r->country : NULL;
}

/* "BASHAR_AL-ASSAD_" -> "BASHAR AL-ASSAD" (into out) */
static size_t phrase_text(const phrase *p, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < p->n && o + 1 < cap; i++)
        out[o++] = p->s[i] == '_' ? ' ' : p->s[i];
    while (o && out[o - 1] == ' ')
        o--;
    size_t a = 0;
    while (a < o && out[a] == ' ')
        a++;
    memmove(out, out + a, o - a);
    out[o - a] = '\0';
    return o - a;
}

/* "BASHAR AL-ASSAD" -> "Bashar al-Assad" */
static void title_case(char *s)
{
    int start = 1;
    for (char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (cev_is_alpha(c)) {
            *p = (char)(start ? (c & ~32) : cev_to_lower(c));
            start = 0;
        } else {
            start = 1;
        }
    }
    static const char *const small[] = {"Al-", "El-", "Of ", "And ", "The ", "Al ", "Bin ", NULL};
    for (char *p = s + 1; *p; p++)
        if (p[-1] == ' ' || p[-1] == '-')
            for (const char *const *w = small; *w; w++)
                if (strncmp(p, *w, strlen(*w)) == 0)
                    *p = (char)cev_to_lower((unsigned char)*p);
}

/* Text without a parenthesized part, and that part when it is an acronym. */
static void split_paren(const char *s, size_t n, size_t *base, const char **acro, size_t *an)
{
    const char *o = memchr(s, '(', n);
    *acro = NULL;
    *an = 0;
    *base = n;
    if (!o)
        return;
    const char *c = memchr(o, ')', n - (size_t)(o - s));
    if (!c)
        return;
    size_t b = (size_t)(o - s);
    while (b && s[b - 1] == ' ')
        b--;
    *base = b;
    int caps = c - o - 1 >= 2;
    for (const char *p = o + 1; p < c; p++)
        if (!cev_is_upper((unsigned char)*p) && !cev_is_digit((unsigned char)*p))
            caps = 0;
    if (caps) {
        *acro = o + 1;
        *an = (size_t)(c - o - 1);
    }
}

/* An alias of a new record (written to its TSV alias column `tsv`) or of a
 * known one (tsv NULL: kept as an addition). */
static int one_alias(cev_batch *b, uint32_t ref, const char *s, size_t n, int note,
                     cev_buf *tsv)
{
    if (!n || memchr(s, '|', n))
        return CEV_OK;
    int letters = 0, word = 1;
    for (size_t i = 0; i < n; i++) {
        if (cev_is_alpha((unsigned char)s[i]))
            letters++;
        if (s[i] == ' ')
            word = 0;
    }
    if (!letters)
        return CEV_OK;
    if (word && n <= 10) {
        char k[16];
        size_t o = 0;
        for (size_t i = 0; i < n; i++)
            if (cev_is_alpha((unsigned char)s[i]))
                k[o++] = (char)cev_to_lower((unsigned char)s[i]);
        if (cev_stopword(k, o))
            return CEV_OK;
    }
    /* "US", "UN", "IS": as written in capitals only */
    if (word && n <= 3)
        note = CEV_ALIAS_ABBR;
    if (!tsv)
        return cev_batch_alias_more(b, ref, s, n, note);
    int rc = cev_batch_alias(b, ref, s, n, note, -1);
    if (rc)
        return rc;
    cev_tsv_alias(tsv, s, n, note);
    return tsv->oom ? CEV_ERR_NOMEM : CEV_OK;
}

/* A phrase as aliases: itself, without "(ACRO)", and the acronym. */
static int phrase_aliases(cev_batch *b, uint32_t ref, const phrase *p, cev_buf *tsv)
{
    char text[512];
    size_t n = phrase_text(p, text, sizeof text);
    size_t base, an;
    const char *acro;
    split_paren(text, n, &base, &acro, &an);
    int rc = one_alias(b, ref, text, base, CEV_ALIAS_PLAIN, tsv);
    if (!rc && acro)
        rc = one_alias(b, ref, acro, an, CEV_ALIAS_ABBR, tsv);
    return rc;
}

/* All phrases of the block as aliases of an existing record. */
static int add_to(cev_batch *b, const block *bl, uint32_t ref)
{
    for (size_t i = 0; i < bl->n_ph; i++) {
        int rc = phrase_aliases(b, ref, &bl->ph[i], NULL);
        if (rc)
            return rc;
    }
    return CEV_OK;
}

/* An entity the primary phrase already names in that country. */
static uint32_t known_entity(cev_batch *b, const char *name, size_t n, const char *cc, int person)
{
    const cev_rec *c[16];
    size_t nc = cev_ctx_candidates(b->ctx, name, n, 0, c, 16);
    for (size_t i = 0; i < nc; i++) {
        const cev_rec *r = c[i];
        if ((r->country == NULL) != (cc == NULL) || (cc && strcmp(r->country, cc) != 0))
            continue;
        if (person != (r->kind == CEV_KIND_PERSON))
            continue;
        uint32_t ref = cev_idmap_get(&b->ctx->ids, r->id);
        if (ref != CEV_AI_NONE && !(b->ctx->rflags[ref] & CEV_REC_PLACE))
            return ref;
    }
    return CEV_AI_NONE;
}

static int new_entity(cev_batch *b, const block *bl, const code *cd, const char *name,
                      const char *idbase, int kind, cev_buf *line, uint32_t *out)
{
    char id[80];
    int il = snprintf(id, sizeof id, "%s", idbase);
    for (int k = 2; cev_batch_find(b, id, (size_t)il) != CEV_AI_NONE; k++)
        il = snprintf(id, sizeof id, "%s_%d", idbase, k);
    cev_rec *r;
    uint32_t ref = cev_batch_new(b, id, (size_t)il, 0, &r);
    if (ref == CEV_AI_NONE)
        return CEV_ERR_NOMEM;
    const char *cc = code_country(b, cd->id);
    r->kind = kind;
    r->country = cc;
    r->affiliation = cev_batch_str(b, cd->id, strlen(cd->id));
    r->name = cev_batch_str(b, name, strlen(name));
    r->valid_from = cd->from;
    r->valid_to = cd->to;
    if (!r->affiliation || !r->name)
        return CEV_ERR_NOMEM;
    line->len = 0;
    for (size_t i = 0; i < bl->n_ph; i++) {
        int rc = phrase_aliases(b, ref, &bl->ph[i], line);
        if (rc)
            return rc;
    }
    if (line->oom)
        return CEV_ERR_NOMEM;
    cev_batch_tsv_record(b, ref, line->data ? line->data : "", line->len);
    line->len = 0;
    *out = ref;
    return b->rec_tsv[0].oom ? CEV_ERR_NOMEM : CEV_OK;
}

static int finish_block(cev_batch *b, block *bl, cev_buf *line)
{
    if (!bl->n_ph || !bl->n_cd)
        return CEV_OK; /* nouns, null codes: nothing to add */
    char text[512];
    size_t n = phrase_text(&bl->ph[0], text, sizeof text);
    size_t base, an;
    const char *acro;
    split_paren(text, n, &base, &acro, &an);
    text[base] = '\0';
    if (!base)
        return CEV_OK;
    const code *c0 = &bl->cd[0];
    int person = bl->n_cd > 1 || c0->from || c0->to;
    if (!person) {
        uint32_t ref = cev_batch_find(b, c0->id, strlen(c0->id));
        if (ref != CEV_AI_NONE && !cev_batch_is_place(b, ref))
            return add_to(b, bl, ref);
    }
    const char *cc = code_country(b, c0->id);
    uint32_t ref = known_entity(b, text, base, cc, person);
    if (ref != CEV_AI_NONE)
        return add_to(b, bl, ref);
    char name[512], idbase[48];
    memcpy(name, text, base + 1);
    title_case(name);
    if (!cev_slug(text, base, 1, '_', idbase, sizeof idbase))
        snprintf(idbase, sizeof idbase, "PHX_%zu", bl->line);
    for (size_t k = 0; k < bl->n_cd; k++) {
        int kind = person ? CEV_KIND_PERSON : code_kind(bl->cd[k].id);
        uint32_t r;
        int rc = new_entity(b, bl, &bl->cd[k], name, idbase, kind, line, &r);
        if (rc)
            return rc;
    }
    return CEV_OK;
}

/* ---- lines ------------------------------------------------------------------------ */

/* Length of s[0, n) before a comment ('#' or ';' outside brackets, "<!--"). */
static size_t strip_comment(const char *s, size_t n, int *in_xml)
{
    int depth = 0;
    for (size_t i = 0; i < n; i++) {
        if (*in_xml) {
            if (i + 3 <= n && memcmp(s + i, "-->", 3) == 0)
                *in_xml = 0;
            continue;
        }
        char c = s[i];
        if (c == '[')
            depth++;
        else if (c == ']' && depth)
            depth--;
        else if (!depth && (c == '#' || c == ';'))
            return i;
        else if (!depth && c == '<' && i + 3 < n && memcmp(s + i, "<!--", 4) == 0) {
            *in_xml = 1;
            return i;
        }
    }
    return n;
}

static int add_phrase(cev_batch *b, block *bl, size_t line, const char *s, size_t a, size_t e)
{
    /* "X+_Y": two phrases run together */
    size_t p = a;
    for (size_t i = a; i <= e; i++) {
        if (i < e && s[i] != '+')
            continue;
        size_t x = p, y = i;
        while (x < y && (s[x] == ' ' || s[x] == '\t' || s[x] == '_'))
            x++;
        while (y > x && (s[y - 1] == ' ' || s[y - 1] == '\t'))
            y--;
        if (y > x && bl->n_ph < MAX_PHRASES)
            bl->ph[bl->n_ph++] = (phrase){s + x, y - x};
        p = i + 1;
    }
    if (!bl->n_ph)
        return cev_batch_fail(b, line, a + 1, "empty phrase");
    return CEV_OK;
}

int cev_load_phoenix(cev_batch *b, const char *data, size_t len)
{
    cev_lines it = {data, len, 0, 0, 0, NULL, 0, 1};
    block *bl = calloc(1, sizeof *bl);
    cev_buf line;
    cev_buf_init(&line);
    if (!bl)
        return CEV_ERR_NOMEM;
    int rc, in_xml = 0, open = 0;
    while ((rc = cev_lines_next(b, &it)) == 1) {
        const char *s = it.s;
        size_t n = strip_comment(s, it.n, &in_xml), i = 0;
        while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || (unsigned char)s[i] < 0x20))
            i++;
        while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
            n--;
        if (i == n)
            continue;
        if (n - i >= 8 && memcmp(s + i, "~~FINISH", 8) == 0)
            break;
        if (s[i] == '<')
            continue; /* <NOUN>, </ADJECTIVE>, ... */
        if (s[i] == '[' || s[i] == '+') {
            if (!open) {
                rc = cev_batch_fail(b, it.line_no, i + 1, s[i] == '+'
                                    ? "synonym before any entry" : "code before any entry");
                break;
            }
            if (s[i] == '[') {
                rc = parse_codes(b, bl, it.line_no, s, i, n);
            } else {
                const char *br = memchr(s + i, '[', n - i);
                size_t pe = br ? (size_t)(br - s) : n;
                size_t before = bl->n_ph;
                rc = add_phrase(b, bl, it.line_no, s, i + 1, pe);
                if (!rc && bl->n_ph == before)
                    rc = cev_batch_fail(b, it.line_no, i + 1, "empty synonym");
                if (!rc && br)
                    rc = parse_codes(b, bl, it.line_no, s, pe, n);
            }
            if (rc)
                break;
            continue;
        }
        /* a new entry */
        if (open && (rc = finish_block(b, bl, &line)))
            break;
        bl->n_ph = bl->n_cd = 0;
        bl->line = it.line_no;
        open = 1;
        const char *br = memchr(s + i, '[', n - i);
        size_t pe = br ? (size_t)(br - s) : n;
        if ((rc = add_phrase(b, bl, it.line_no, s, i, pe)))
            break;
        if (br && (rc = parse_codes(b, bl, it.line_no, s, pe, n)))
            break;
    }
    if (rc >= 0 && open) /* the end, or ~~FINISH */
        rc = finish_block(b, bl, &line);
    free(bl);
    cev_buf_free(&line);
    return rc < 0 ? rc : CEV_OK;
}
