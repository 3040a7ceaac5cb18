/* dates.c - date expressions of news prose (rules in dates.h).
 *
 * The text is cut into digit runs, letter runs and single punctuation marks
 * (a "glued" flag says no space came before), then each position is tried
 * against the patterns below, longest first.
 *
 * Speed: every word is looked up once in a table (month, weekday, unit, ...
 * in dtok.cls, and its key for dis()), and only positions that can start an
 * expression are tried: a number or a start word, with a number or a core
 * word (month, weekday, unit, "yesterday", ...) at most DCORE_REACH tokens
 * on.  Most clauses have no such position. */
#include "dates.h"

#include <pthread.h>
#include <string.h>

#include "internal.h"
#include "numbers.h" /* word keys */

#define DMAXT 512
#define DOVERLAP 48

enum { D_WORD = 1, D_NUM = 2, D_PUNCT = 3 };

typedef struct dtok {
    size_t s, e;
    int type;
    int glued;  /* no space before */
    int val;    /* D_NUM: value (-1 when too long) */
    int ndig;
    uint32_t cls;  /* D_WORD: word classes (DC_* below) */
    uint32_t core; /* index of the first token >= this one that is a number
                      or a DC_CORE word (the window's count when none) */
    cev_wkey key;  /* D_WORD: the word lower-cased, for dis() */
} dtok;

typedef struct dctx {
    const char *s;
    dtok *t;
    size_t n;
    int32_t anchor;
    int64_t ad; /* anchor in days, valid when anchor != 0 */
    int ay, am, adm;
    /* the date the story has reached ("the next day" counts from it), in
       days; has_ref 0 when none */
    int has_ref;
    int64_t rs, re;
} dctx;

/* A parsed expression before it is written out. */
typedef struct dres {
    int32_t start, end;
    int precision;
    int relative;
    int since;
    int anaphoric; /* counted from the story's date, not the anchor */
} dres;

/* ---- word classes ---------------------------------------------------
 * Every word token is looked up once in a table of the words below; the
 * token tests then read bits of dtok.cls. */
enum {
    DC_MONTH = 0xfu,          /* month 1..12 (full name or abbreviation) */
    DC_MABBR = 1u << 4,       /* ... given abbreviated: "Jan", "Sept" */
    DC_WDAY = 7u << 5,        /* weekday + 1 (full name) */
    DC_WABBR = 7u << 8,       /* weekday + 1 (abbreviation: "Tue", "Thurs") */
    DC_COUNT = 0xfu << 11,    /* count_at words: value 1..12 */
    DC_UNIT = 7u << 15,       /* unit_at words: unit + 1 */
    DC_SEASON = 7u << 18,     /* season_at words: season + 1 */
    DC_NAMEBEFORE = 1u << 21, /* "Bloody" Sunday */
    DC_NAMEAFTER = 1u << 22,  /* Sunday "Times" */
    /* A word that every date expression contains (when it contains no
     * number): the scan tries only positions shortly before one. */
    DC_CORE = 1u << 23,
    /* A word an expression may start with (numbers aside): the first words
     * that try_at and the functions it calls accept. */
    DC_START = 1u << 24
};
#define DC_GET(cls, f) (((cls) & (f)) / ((f) & -(f)))
#define DC_SET(f, v) ((uint32_t)(v) * ((f) & -(f)))

/* Longest distance from the first token of an expression to its first
 * number or DC_CORE word ("since the start of in the last 24 hours" is 8). */
#define DCORE_REACH 12

static const char *const k_months[12] = {"january", "february", "march",     "april",
                                         "may",     "june",     "july",      "august",
                                         "september", "october", "november", "december"};
static const char *const k_wdays[7] = {"monday", "tuesday",  "wednesday", "thursday",
                                       "friday", "saturday", "sunday"};

#define DATE_TAB 512
static uint8_t g_date_tag[DATE_TAB];
static cev_wslot g_date_slot[DATE_TAB];
static const cev_wtab g_date_tab = {DATE_TAB - 1, g_date_tag, g_date_slot};
static pthread_once_t g_date_once = PTHREAD_ONCE_INIT;

static void date_word(const char *w, uint32_t bits)
{
    cev_wtab_or(&g_date_tab, w, strlen(w), bits);
}

static void build_date_tab(void)
{
    for (int m = 0; m < 12; m++) {
        date_word(k_months[m], DC_SET(DC_MONTH, m + 1) | DC_CORE);
        /* "Jan", "Sep", "Sept"; not "May" (the full name) */
        if (m != 4) {
            char ab[5];
            memcpy(ab, k_months[m], 4);
            ab[m == 8 ? 4 : 3] = '\0';
            date_word(ab, DC_SET(DC_MONTH, m + 1) | DC_MABBR | DC_CORE);
            if (m == 8) {
                ab[3] = '\0';
                date_word(ab, DC_SET(DC_MONTH, m + 1) | DC_MABBR | DC_CORE);
            }
        }
    }
    for (int w = 0; w < 7; w++)
        date_word(k_wdays[w], DC_SET(DC_WDAY, w + 1) | DC_CORE);
    static const char *const ab[] = {"mon", "tue", "tues", "wed", "thu", "thur", "thurs",
                                     "fri", "sat", "sun"};
    static const int wd[] = {0, 1, 1, 2, 3, 3, 3, 4, 5, 6};
    for (size_t k = 0; k < sizeof ab / sizeof ab[0]; k++)
        date_word(ab[k], DC_SET(DC_WABBR, wd[k] + 1) | DC_CORE);
    static const char *const cw[] = {"a",   "one",   "two",   "three", "four",   "five", "six",
                                     "seven", "eight", "nine", "ten",   "eleven", "twelve", "an"};
    static const int cv[] = {1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 1};
    for (size_t k = 0; k < sizeof cw / sizeof cw[0]; k++)
        date_word(cw[k], DC_SET(DC_COUNT, cv[k]));
    static const char *const units[] = {"hours", "hour", "days", "day", "weeks",
                                        "week",  "months", "month", "years", "year"};
    for (size_t k = 0; k < sizeof units / sizeof units[0]; k++)
        date_word(units[k], DC_SET(DC_UNIT, k / 2 + 1) | DC_CORE);
    static const char *const seasons[] = {"spring", "summer", "autumn", "fall", "winter"};
    static const int sv[] = {0, 1, 2, 2, 3};
    for (size_t k = 0; k < sizeof seasons / sizeof seasons[0]; k++)
        date_word(seasons[k], DC_SET(DC_SEASON, sv[k] + 1) | DC_CORE);
    static const char *const core[] = {"yesterday", "today", "tonight",  "tomorrow", "overnight",
                                       "weekend",   "morning", "afternoon", "evening", "night",
                                       "minutes",   "moments"};
    for (size_t k = 0; k < sizeof core / sizeof core[0]; k++)
        date_word(core[k], DC_CORE);
    static const char *const start[] = {
        "between", "from",   "since",  "last",   "past",       "previous", "next",   "coming",
        "this",    "late",   "early",  "until",  "by",         "on",       "in",     "during",
        "the",     "till",   "throughout", "mid", "end",       "beginning", "start", "middle",
        "of",      "before", "after",  "earlier", "later",     "over",     "within", "for",
        "recent",  "at",     "few",    "several", "that",  "same",    "following",
        "preceding", "hours", "minutes", "moments", "shortly"};
    for (size_t k = 0; k < sizeof start / sizeof start[0]; k++)
        date_word(start[k], DC_START);
    /* and every core word and count word ("a", "two days ago") */
    for (size_t i = 0; i < DATE_TAB; i++)
        if (g_date_tag[i] && (g_date_slot[i].val & (DC_CORE | DC_COUNT)))
            g_date_slot[i].val |= DC_START;
    /* names, not days: "Bloody Sunday", "Good Friday", "the Sunday Times" */
    static const char *const before[] = {"bloody", "black", "good", "palm", "easter", "holy",
                                         "super", "ash", "maundy", "cyber", "orthodox"};
    for (size_t k = 0; k < sizeof before / sizeof before[0]; k++)
        date_word(before[k], DC_NAMEBEFORE);
    static const char *const after_w[] = {"times", "telegraph", "express", "mail", "herald",
                                          "post", "mirror", "observer", "independent", "star",
                                          "tribune", "sport", "show", "school", "league"};
    for (size_t k = 0; k < sizeof after_w / sizeof after_w[0]; k++)
        date_word(after_w[k], DC_NAMEAFTER);
}

static size_t dtokenize(const char *s, size_t p, size_t end, dtok *t, size_t max, size_t *stop)
{
    size_t n = 0;
    int sp = 1;
    while (p < end && n < max) {
        unsigned char c = (unsigned char)s[p];
        if (cev_is_space(c)) {
            sp = 1;
            p++;
            continue;
        }
        size_t b = p;
        dtok *k = &t[n];
        k->val = 0;
        k->ndig = 0;
        if (cev_is_digit(c)) {
            int64_t v = 0;
            while (p < end && cev_is_digit((unsigned char)s[p])) {
                if (v < 100000000)
                    v = v * 10 + (s[p] - '0');
                p++;
            }
            k->type = D_NUM;
            k->ndig = (int)(p - b);
            k->val = k->ndig > 8 ? -1 : (int)v;
        } else if (cev_is_alpha(c)) {
            while (p < end && cev_is_alpha((unsigned char)s[p]))
                p++;
            k->type = D_WORD;
        } else if (c >= 0x80) {
            /* any other letter or symbol: one opaque word */
            while (p < end && (unsigned char)s[p] >= 0x80)
                p++;
            k->type = D_WORD;
        } else {
            p++;
            k->type = D_PUNCT;
        }
        k->s = b;
        k->e = p;
        k->cls = 0;
        if (k->type == D_WORD) {
            k->key = cev_wkey_of(s + b, p - b);
            k->cls = cev_wtab_get(&g_date_tab, &k->key);
        }
        k->glued = !sp;
        sp = 0;
        n++;
    }
    /* where the next number or core word is */
    uint32_t next = (uint32_t)n;
    for (size_t i = n; i-- > 0;) {
        if (t[i].type == D_NUM || (t[i].cls & DC_CORE))
            next = (uint32_t)i;
        t[i].core = next;
    }
    *stop = p;
    return n;
}

/* ---- token tests -------------------------------------------------------- */

/* Is token i the word w (a literal, lower-case)?  Case-insensitive. */
static int dis_(const dctx *c, size_t i, uint64_t k0, uint64_t k1, size_t len)
{
    if (i >= c->n || c->t[i].type != D_WORD)
        return 0;
    const cev_wkey *k = &c->t[i].key;
    return k->k0 == k0 && k->len == len && k->k1 == k1;
}
#define dis(c, i, w) dis_(c, i, CEV_WKEY_LIT(w))

/* Word classes of token i (0 when it is no word). */
static uint32_t dcls(const dctx *c, size_t i) { return i < c->n ? c->t[i].cls : 0; }

static int dpunct(const dctx *c, size_t i, char ch)
{
    return i < c->n && c->t[i].type == D_PUNCT && c->s[c->t[i].s] == ch;
}

static int dnum(const dctx *c, size_t i) { return i < c->n && c->t[i].type == D_NUM ? c->t[i].val : -1; }

static int dglued(const dctx *c, size_t i) { return i < c->n && c->t[i].glued; }

/* Capitalised (or all caps) word: month names are also English words. */
static int dcap(const dctx *c, size_t i) { return cev_is_upper((unsigned char)c->s[c->t[i].s]); }

/* Month name at i (full, or abbreviated with an optional glued '.').
 * Returns 1..12 and sets *next, or 0. */
static int month_at(const dctx *c, size_t i, size_t *next)
{
    if (i >= c->n || c->t[i].type != D_WORD || !(c->t[i].cls & DC_MONTH) || !dcap(c, i))
        return 0;
    *next = i + 1;
    /* "Jan", "Sept", "Feb." (not "Mar" = "March" word, fine either way) */
    if ((c->t[i].cls & DC_MABBR) && dpunct(c, i + 1, '.') && dglued(c, i + 1))
        *next = i + 2;
    return (int)DC_GET(c->t[i].cls, DC_MONTH);
}

static int weekday_at(const dctx *c, size_t i)
{
    if (i >= c->n || c->t[i].type != D_WORD || !dcap(c, i))
        return -1;
    return (int)DC_GET(c->t[i].cls, DC_WDAY) - 1;
}

/* Abbreviated weekday, only used before an explicit date ("Tue, 13 Jun 2017"). */
static int weekday_abbr_at(const dctx *c, size_t i, size_t *next)
{
    if (i >= c->n || c->t[i].type != D_WORD || !dcap(c, i) || !(c->t[i].cls & DC_WABBR))
        return -1;
    *next = i + 1;
    if (dpunct(c, i + 1, '.') && dglued(c, i + 1))
        *next = i + 2;
    return (int)DC_GET(c->t[i].cls, DC_WABBR) - 1;
}

/* ---- calendar -------------------------------------------------------- */

static int32_t ymd(int y, int m, int d) { return (int32_t)(y * 10000 + m * 100 + d); }
static int64_t days_of(int32_t v) { return cev_days_from_ymd(v / 10000, v / 100 % 100, v % 100); }
static int32_t from_days(int64_t d) { return cev_ymd_from_days(d); }

static int valid_day(int y, int m, int d)
{
    return y >= 1000 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 && d <= cev_days_in_month(y, m);
}

static void set_days(dres *r, int64_t a, int64_t b, int prec)
{
    r->start = from_days(a);
    r->end = from_days(b);
    r->precision = prec;
}

/* Year for a month/day written without one: the anchor's, or the one before
 * when that lands more than 60 days after the anchor. */
static int infer_year(const dctx *c, int m, int d)
{
    int y = c->ay;
    if (d > cev_days_in_month(y, m))
        d = cev_days_in_month(y, m);
    if (cev_days_from_ymd(y, m, d) > c->ad + 60)
        y--;
    return y;
}

/* A plausible year token: four digits 1900..2100. */
static int year_tok(const dctx *c, size_t i)
{
    int v = dnum(c, i);
    return (c->t[i < c->n ? i : 0].ndig == 4 && v >= 1900 && v <= 2100) ? v : -1;
}

/* ---- explicit dates ---------------------------------------------------- */

/* Day number (with an optional glued ordinal suffix) at i: 1..31 or -1. */
static int day_at(const dctx *c, size_t i, size_t *next)
{
    int v = dnum(c, i);
    if (v < 1 || v > 31 || c->t[i].ndig > 2)
        return -1;
    size_t j = i + 1;
    if (j < c->n && dglued(c, j) &&
        (dis(c, j, "st") || dis(c, j, "nd") || dis(c, j, "rd") || dis(c, j, "th")))
        j++;
    /* not "12:30", "12.5", "12,000", "12/06" here */
    if (j < c->n && dglued(c, j) && c->t[j].type == D_PUNCT &&
        (dpunct(c, j, ':') || dpunct(c, j, '/')) && dnum(c, j + 1) >= 0 && dglued(c, j + 1))
        return -1;
    if (j < c->n && dglued(c, j) && (dpunct(c, j, '.') || dpunct(c, j, ',')) &&
        dnum(c, j + 1) >= 0 && dglued(c, j + 1))
        return -1;
    *next = j;
    return v;
}

/* Optional year after a day-month or month-day: ", 2017" / " 2017". */
static int year_after(const dctx *c, size_t i, size_t *next)
{
    size_t j = i;
    if (dpunct(c, j, ','))
        j++;
    int y = year_tok(c, j);
    if (y < 0)
        return -1;
    /* not "June 12, 2017-2018"? fine either way; not "12 June 2017:30" */
    *next = j + 1;
    return y;
}

/* Resolve day/month with optional year into r.  Returns 1 when valid. */
static int resolve_dm(const dctx *c, int y, int m, int d, int d2, dres *r)
{
    if (y < 0) {
        if (!c->anchor)
            return 0;
        y = infer_year(c, m, d);
        r->relative = 1;
    }
    if (!valid_day(y, m, d))
        return 0;
    r->start = ymd(y, m, d);
    r->end = r->start;
    r->precision = CEV_DATE_DAY;
    if (d2 > d && valid_day(y, m, d2)) {
        r->end = ymd(y, m, d2);
        r->precision = CEV_DATE_RANGE;
    }
    return 1;
}

/* Numeric dates: 2017-06-12, 12/06/2017, 6/12/17, 12.06.2017. */
static size_t numeric_date(const dctx *c, size_t i, dres *r)
{
    if (dnum(c, i) < 0 || i + 4 >= c->n)
        return 0;
    const dtok *t = c->t;
    char sep = c->s[t[i + 1].s];
    if (t[i + 1].type != D_PUNCT || (sep != '-' && sep != '/' && sep != '.'))
        return 0;
    if (!dglued(c, i + 1) || !dglued(c, i + 2) || !dglued(c, i + 3) || !dglued(c, i + 4) ||
        !dpunct(c, i + 3, sep) || dnum(c, i + 2) < 0 || dnum(c, i + 4) < 0)
        return 0;
    /* not part of a longer numeric run ("1.2.3.4", "2017-06-12-5") */
    if (i + 5 < c->n && dglued(c, i + 5) && c->t[i + 5].type != D_WORD &&
        (dpunct(c, i + 5, sep) || dnum(c, i + 5) >= 0))
        return 0;
    if (i > 0 && dglued(c, i) && (dnum(c, i - 1) >= 0 || dpunct(c, i - 1, sep)))
        return 0;
    int a = dnum(c, i), b = dnum(c, i + 2), y = dnum(c, i + 4);
    if (t[i].ndig == 4) {
        /* ISO order */
        if (t[i + 2].ndig > 2 || t[i + 4].ndig > 2 || !valid_day(a, b, y))
            return 0;
        r->start = r->end = ymd(a, b, y);
        r->precision = CEV_DATE_DAY;
        return i + 5;
    }
    if (t[i].ndig > 2 || t[i + 2].ndig > 2 || (t[i + 4].ndig != 4 && t[i + 4].ndig != 2))
        return 0;
    if (t[i + 4].ndig == 2)
        y += 2000;
    if (y < 1900 || y > 2100)
        return 0;
    int dm = valid_day(y, b, a); /* day-first reading */
    int md = valid_day(y, a, b); /* month-first reading */
    int32_t v;
    if (dm && md && a != b) {
        if (c->anchor) {
            int64_t x = days_of(ymd(y, b, a)) - c->ad, z = days_of(ymd(y, a, b)) - c->ad;
            /* the reading not after the anchor, then the nearer one */
            int64_t ax = x > 0 ? x * 4 : -x, az = z > 0 ? z * 4 : -z;
            v = ax <= az ? ymd(y, b, a) : ymd(y, a, b);
            if (ax == az)
                v = sep == '/' ? ymd(y, a, b) : ymd(y, b, a);
        } else {
            /* US web style for slashes, European for dots and dashes */
            v = sep == '/' ? ymd(y, a, b) : ymd(y, b, a);
        }
    } else if (dm) {
        v = ymd(y, b, a);
    } else if (md) {
        v = ymd(y, a, b);
    } else {
        return 0;
    }
    r->start = r->end = v;
    r->precision = CEV_DATE_DAY;
    return i + 5;
}

/* "12 June 2017", "12th of June", "12-13 June", "09Jun17". */
static size_t day_month(const dctx *c, size_t i, dres *r)
{
    size_t j;
    int d = day_at(c, i, &j), d2 = -1, m;
    if (d < 0)
        return 0;
    /* a number glued to a letter run other than a month is no day */
    if (dpunct(c, j, '-') && dglued(c, j) && dglued(c, j + 1)) {
        size_t k;
        int e = day_at(c, j + 1, &k);
        size_t mk;
        if (e > d && month_at(c, k, &mk)) {
            d2 = e;
            j = k;
        }
    }
    if (dis(c, j, "of"))
        j++;
    size_t mj;
    m = month_at(c, j, &mj);
    if (!m)
        return 0;
    int compact = dglued(c, j) && c->t[j].e - c->t[j].s == 3;
    int y = -1;
    size_t k;
    if (compact && dnum(c, mj) >= 0 && dglued(c, mj) && c->t[mj].ndig == 2) {
        y = 2000 + dnum(c, mj); /* "09Jun17" */
        k = mj + 1;
    } else if ((y = year_after(c, mj, &k)) < 0) {
        k = mj;
    }
    if (compact && y < 0 && dnum(c, mj) >= 0 && dglued(c, mj) && c->t[mj].ndig == 4) {
        y = year_tok(c, mj);
        k = mj + 1;
    }
    if (!resolve_dm(c, y, m, d, d2, r))
        return 0;
    return k;
}

/* "June 12, 2017", "Feb. 26", "June 12-13", "June 2017". */
static size_t month_day(const dctx *c, size_t i, dres *r)
{
    size_t j;
    int m = month_at(c, i, &j);
    if (!m)
        return 0;
    size_t k;
    int d = day_at(c, j, &k);
    if (d > 0 && !(c->t[j].ndig == 4)) {
        int d2 = -1;
        if (dpunct(c, k, '-') && dglued(c, k + 1)) {
            size_t k2;
            int e = day_at(c, k + 1, &k2);
            if (e > d) {
                d2 = e;
                k = k2;
            }
        }
        size_t k3;
        int y = year_after(c, k, &k3);
        if (y >= 0)
            k = k3;
        if (!resolve_dm(c, y, m, d, d2, r))
            return 0;
        return k;
    }
    /* "June 2017", "June, 2017", "June of 2017" */
    size_t q = j;
    if (dpunct(c, q, ',') || dis(c, q, "of"))
        q++;
    int y = year_tok(c, q);
    if (y > 0) {
        r->start = ymd(y, m, 1);
        r->end = ymd(y, m, cev_days_in_month(y, m));
        r->precision = CEV_DATE_MONTH;
        return q + 1;
    }
    return 0;
}

/* Month part with a prefix: "in May", "mid-May", "early May 2017", "the end
 * of May", "last May".  `part`: 0 whole, 1 early, 2 mid, 3 late. */
static size_t month_part(const dctx *c, size_t i, dres *r)
{
    size_t j = i;
    int part = 0, last = 0;
    if (dis(c, j, "in") || dis(c, j, "during") || dis(c, j, "until") || dis(c, j, "till") ||
        dis(c, j, "by") || dis(c, j, "throughout") || dis(c, j, "since")) {
        j++;
        if (dis(c, j, "early") || dis(c, j, "late")) {
            part = dis(c, j, "early") ? 1 : 3;
            j++;
        } else if (dis(c, j, "mid") && dpunct(c, j + 1, '-')) {
            part = 2;
            j += 2;
        }
    } else if (dis(c, j, "early") || dis(c, j, "late")) {
        part = dis(c, j, "early") ? 1 : 3;
        j++;
    } else if (dis(c, j, "mid")) {
        part = 2;
        j++;
        if (dpunct(c, j, '-'))
            j++;
    } else if (dis(c, j, "last")) {
        last = 1;
        j++;
    } else if ((dis(c, j, "the") && (dis(c, j + 1, "end") || dis(c, j + 1, "beginning") ||
                                      dis(c, j + 1, "start") || dis(c, j + 1, "middle")) &&
                dis(c, j + 2, "of")) ||
               ((dis(c, j, "end") || dis(c, j, "beginning") || dis(c, j, "start") ||
                 dis(c, j, "middle")) &&
                dis(c, j + 1, "of"))) {
        if (dis(c, j, "the"))
            j++;
        part = dis(c, j, "end") ? 3 : dis(c, j, "middle") ? 2 : 1;
        j += 2;
    } else {
        return 0;
    }
    /* "in the first week of June" */
    int week = 0;
    if (dis(c, j, "the") && dis(c, j + 2, "week") && dis(c, j + 3, "of")) {
        week = dis(c, j + 1, "first")    ? 1
               : dis(c, j + 1, "second") ? 2
               : dis(c, j + 1, "third")  ? 3
               : dis(c, j + 1, "fourth") ? 4
               : dis(c, j + 1, "last")   ? 5
                                         : 0;
        if (!week)
            return 0;
        j += 4;
    }
    size_t k;
    int m = month_at(c, j, &k);
    if (!m)
        return 0;
    /* a day number after it is a full date, handled elsewhere */
    if (dnum(c, k) >= 1 && dnum(c, k) <= 31 && c->t[k].ndig <= 2)
        return 0;
    int y = -1;
    size_t q = k;
    if (dpunct(c, q, ',') || dis(c, q, "of"))
        q++;
    if ((y = year_tok(c, q)) > 0)
        k = q + 1;
    int d0 = part == 0 ? 1 : part == 1 ? 1 : part == 2 ? 11 : 21;
    if (y < 0) {
        if (!c->anchor)
            return 0;
        y = infer_year(c, m, d0);
        if (last && ymd(y, m, 1) >= ymd(c->ay, c->am, 1))
            y--;
        r->relative = 1;
    }
    int dl = cev_days_in_month(y, m);
    int d1 = part == 0 ? dl : part == 1 ? 10 : part == 2 ? 20 : dl;
    if (week) {
        d0 = week == 5 ? dl - 6 : 1 + 7 * (week - 1);
        d1 = week == 5 ? dl : d0 + 6;
        part = 1;
    }
    r->start = ymd(y, m, d0);
    r->end = ymd(y, m, d1);
    r->precision = part == 0 ? CEV_DATE_MONTH : CEV_DATE_RANGE;
    return k;
}

/* "in 2013", "since 2011", "early 2017", "mid-2017", "the 1990s". */
static size_t year_expr(const dctx *c, size_t i, dres *r)
{
    size_t j = i;
    int part = 0;
    if (dis(c, j, "in") || dis(c, j, "during") || dis(c, j, "until") || dis(c, j, "till") ||
        dis(c, j, "throughout") || dis(c, j, "since") || dis(c, j, "of") || dis(c, j, "from") ||
        dis(c, j, "by") || dis(c, j, "before") || dis(c, j, "after")) {
        j++;
        if (dis(c, j, "early") || dis(c, j, "late")) {
            part = dis(c, j, "early") ? 1 : 3;
            j++;
        } else if (dis(c, j, "mid") && dpunct(c, j + 1, '-')) {
            part = 2;
            j += 2;
        }
    } else if (dis(c, j, "early") || dis(c, j, "late")) {
        part = dis(c, j, "early") ? 1 : 3;
        j++;
    } else if (dis(c, j, "mid") && dpunct(c, j + 1, '-')) {
        part = 2;
        j += 2;
    } else {
        return 0;
    }
    int y = year_tok(c, j);
    if (y < 0 && dis(c, j, "the") && dis(c, j + 2, "s")) {
        j++; /* "in the 1990s" */
        y = year_tok(c, j);
    }
    if (y < 0)
        return 0;
    /* "in 2013 people" is fine, "in 2,013" and "in 2013-14" are not years */
    if (j + 1 < c->n && dglued(c, j + 1) && (dpunct(c, j + 1, ',') || dpunct(c, j + 1, '.')) &&
        dnum(c, j + 2) >= 0 && dglued(c, j + 2))
        return 0;
    size_t k = j + 1;
    if (dis(c, k, "s") && dglued(c, k) && y % 10 == 0) {
        /* "the 1990s" */
        r->start = ymd(y, 1, 1);
        r->end = ymd(y + 9, 12, 31);
        r->precision = CEV_DATE_RANGE;
        return k + 1;
    }
    static const int m0[] = {1, 1, 5, 9}, m1[] = {12, 4, 8, 12};
    r->start = ymd(y, m0[part], 1);
    r->end = ymd(y, m1[part], cev_days_in_month(y, m1[part]));
    r->precision = part ? CEV_DATE_RANGE : CEV_DATE_YEAR;
    return k;
}

/* ---- weekdays and relative expressions ------------------------------- */

static size_t skip_daypart(const dctx *c, size_t j)
{
    if (dis(c, j, "morning") || dis(c, j, "afternoon") || dis(c, j, "evening") ||
        dis(c, j, "night") || dis(c, j, "midday") || dis(c, j, "noon") || dis(c, j, "dawn") ||
        dis(c, j, "overnight"))
        return j + 1;
    return j;
}

static size_t explicit_date(const dctx *c, size_t i, dres *r);

/* "on Saturday", "late on Friday", "Saturday's", "last Saturday",
 * "Saturday night", "Tuesday, 13 June 2017". */
static size_t weekday_expr(const dctx *c, size_t i, dres *r)
{
    size_t j = i;
    int mode = 0; /* 0 on-or-before, 1 last, 2 next */
    if (dis(c, j, "last") || dis(c, j, "past") || dis(c, j, "previous")) {
        mode = 1;
        j++;
    } else if (dis(c, j, "next") || dis(c, j, "coming")) {
        mode = 2;
        j++;
    } else if (dis(c, j, "this")) {
        j++;
    } else {
        if (dis(c, j, "late") || dis(c, j, "early") || dis(c, j, "since") ||
            dis(c, j, "until") || dis(c, j, "by"))
            j++;
        if (dis(c, j, "on"))
            j++;
    }
    size_t after;
    int w = weekday_at(c, j);
    after = j + 1;
    if (w < 0) {
        w = weekday_abbr_at(c, j, &after);
        if (w < 0)
            return 0;
        /* an abbreviation only before an explicit date */
        size_t q = after;
        if (dpunct(c, q, ','))
            q++;
        dres e;
        memset(&e, 0, sizeof e);
        size_t k = explicit_date(c, q, &e);
        if (!k)
            return 0;
        *r = e;
        return k;
    }
    /* names, not days: "Bloody Sunday", "Good Friday", "the Sunday Times" */
    if (j > 0 && c->t[j - 1].type == D_WORD && (c->t[j - 1].cls & DC_NAMEBEFORE))
        return 0;
    if (after < c->n && c->t[after].type == D_WORD && dcap(c, after) &&
        (c->t[after].cls & DC_NAMEAFTER))
        return 0;
    /* "Tuesday, 13 June 2017", "Saturday (June 10)" */
    {
        size_t q = after;
        if (dpunct(c, q, ',') || dpunct(c, q, '('))
            q++;
        dres e;
        memset(&e, 0, sizeof e);
        size_t k = explicit_date(c, q, &e);
        if (k && (e.precision == CEV_DATE_DAY)) {
            if (dpunct(c, after, '(') && dpunct(c, k, ')'))
                k++;
            *r = e;
            return k;
        }
    }
    if (!c->anchor)
        return 0;
    size_t k = after;
    /* "Saturday's attack" */
    if (dpunct(c, k, '\'') && dglued(c, k) && dis(c, k + 1, "s") && dglued(c, k + 1))
        k += 2;
    k = skip_daypart(c, k);
    int aw = cev_weekday(c->ad);
    int64_t d;
    if (mode == 2) {
        int diff = (w - aw + 7) % 7;
        d = c->ad + (diff ? diff : 7);
    } else {
        int diff = (aw - w + 7) % 7;
        if (mode == 1 && diff == 0)
            diff = 7;
        d = c->ad - diff;
    }
    set_days(r, d, d, CEV_DATE_DAY);
    r->relative = 1;
    return k;
}

/* Small counts written as words or digits: "two days ago", "24 hours". */
static int count_at(const dctx *c, size_t i)
{
    int n = dnum(c, i);
    if (n >= 0)
        return c->t[i].ndig <= 4 ? n : -1;
    if (dcls(c, i) & DC_COUNT)
        return (int)DC_GET(dcls(c, i), DC_COUNT);
    if (dis(c, i, "few") || dis(c, i, "several"))
        return -2;
    return -1;
}

/* Unit word at i: 0 hour, 1 day, 2 week, 3 month, 4 year, -1 none. */
static int unit_at(const dctx *c, size_t i)
{
    return (int)DC_GET(dcls(c, i), DC_UNIT) - 1;
}

static void season_range(int season, int y, dres *r)
{
    /* 0 spring, 1 summer, 2 autumn, 3 winter (December of y to February of y+1) */
    static const int m0[] = {3, 6, 9, 12};
    int m1 = season == 3 ? 2 : m0[season] + 2;
    int y1 = season == 3 ? y + 1 : y;
    r->start = ymd(y, m0[season], 1);
    r->end = ymd(y1, m1, cev_days_in_month(y1, m1));
    r->precision = CEV_DATE_RANGE;
}

static int season_at(const dctx *c, size_t i)
{
    return (int)DC_GET(dcls(c, i), DC_SEASON) - 1;
}

/* Season of an absolute year: "in the spring of 2015", "summer 2014". */
static size_t season_abs(const dctx *c, size_t i, dres *r)
{
    size_t j = i;
    if (dis(c, j, "in") || dis(c, j, "during") || dis(c, j, "since") || dis(c, j, "by"))
        j++;
    if (dis(c, j, "the") || dis(c, j, "late") || dis(c, j, "early"))
        j++;
    int s = season_at(c, j);
    if (s < 0)
        return 0;
    size_t q = j + 1;
    if (dis(c, q, "of") || dpunct(c, q, ','))
        q++;
    int y = year_tok(c, q);
    if (y < 0)
        return 0;
    season_range(s, s == 3 ? y - 1 : y, r);
    if (s == 3) {
        /* "winter 2015" is the winter that ends in early 2015 or starts in late 2015;
           take Jan-Feb plus Dec of that year as the whole year range's winter months */
        r->start = ymd(y, 1, 1);
        r->end = ymd(y, 12, 31);
        r->precision = CEV_DATE_RANGE;
    }
    return q + 1;
}

/* Relative words; requires the anchor. */
static size_t relative_expr(const dctx *c, size_t i, dres *r)
{
    int64_t a = c->ad;
    size_t j = i;
    r->relative = 1;
    if (dis(c, j, "earlier") || dis(c, j, "later")) {
        if (dis(c, j + 1, "today")) {
            set_days(r, a, a, CEV_DATE_DAY);
            return j + 2;
        }
    }
    if (dis(c, j, "the") && dis(c, j + 1, "day") && dis(c, j + 2, "before") &&
        dis(c, j + 3, "yesterday")) {
        set_days(r, a - 2, a - 2, CEV_DATE_DAY);
        return j + 4;
    }
    if (dis(c, j, "yesterday")) {
        size_t k = skip_daypart(c, j + 1);
        /* "yesterday's" */
        if (dpunct(c, j + 1, '\'') && dis(c, j + 2, "s"))
            k = j + 3;
        set_days(r, a - 1, a - 1, CEV_DATE_DAY);
        return k;
    }
    if (dis(c, j, "today") || dis(c, j, "tonight")) {
        set_days(r, a, a, CEV_DATE_DAY);
        return j + 1;
    }
    if (dis(c, j, "tomorrow")) {
        set_days(r, a + 1, a + 1, CEV_DATE_DAY);
        return j + 1;
    }
    if (dis(c, j, "overnight")) {
        set_days(r, a - 1, a, CEV_DATE_RANGE);
        return j + 1;
    }
    int earlier = 0;
    if (dis(c, j, "earlier")) {
        earlier = 1;
        j++;
    }
    if (dis(c, j, "this") || dis(c, j, "last") || dis(c, j, "past")) {
        int last = !dis(c, j, "this");
        size_t k = j + 1;
        if (!last && (dis(c, k, "morning") || dis(c, k, "afternoon") || dis(c, k, "evening"))) {
            set_days(r, a, a, CEV_DATE_DAY);
            return k + 1;
        }
        if (last && dis(c, j, "last") && (dis(c, k, "night") || dis(c, k, "evening"))) {
            set_days(r, a - 1, a, CEV_DATE_RANGE);
            return k + 1;
        }
        if (dis(c, k, "weekend")) {
            /* the Saturday..Sunday on or before the anchor */
            int aw = cev_weekday(a);
            int64_t sat = a - ((aw - 5 + 7) % 7);
            if (last && (aw == 5 || aw == 6))
                sat -= 7;
            int64_t sun = sat + 1 > a ? a : sat + 1;
            set_days(r, sat, sun, CEV_DATE_RANGE);
            return k + 1;
        }
        int u = unit_at(c, k);
        if (u == 2 && (dis(c, k, "week"))) {
            int aw = cev_weekday(a);
            if (last)
                set_days(r, a - 7, a - 1, CEV_DATE_RANGE);
            else if (earlier && aw > 0)
                set_days(r, a - aw, a - 1, CEV_DATE_RANGE); /* not the day of the report */
            else
                set_days(r, a - aw, a, CEV_DATE_RANGE);
            return k + 1;
        }
        if (u == 3 && dis(c, k, "month")) {
            if (last) {
                int y = c->am == 1 ? c->ay - 1 : c->ay, m = c->am == 1 ? 12 : c->am - 1;
                r->start = ymd(y, m, 1);
                r->end = ymd(y, m, cev_days_in_month(y, m));
                r->precision = CEV_DATE_MONTH;
            } else {
                r->start = ymd(c->ay, c->am, 1);
                r->end = c->anchor;
                r->precision = CEV_DATE_RANGE;
            }
            return k + 1;
        }
        if (u == 4 && dis(c, k, "year")) {
            if (last) {
                r->start = ymd(c->ay - 1, 1, 1);
                r->end = ymd(c->ay - 1, 12, 31);
                r->precision = CEV_DATE_YEAR;
            } else {
                r->start = ymd(c->ay, 1, 1);
                r->end = c->anchor;
                r->precision = CEV_DATE_RANGE;
            }
            return k + 1;
        }
        int s = season_at(c, k);
        if (s >= 0) {
            int y = c->ay;
            if (s == 3) {
                /* the winter around the anchor, the one just over (spring),
                   or the coming one (from July) */
                int wy = c->am <= 6 ? y - 1 : y;
                if (c->am == 12)
                    wy = y;
                if (last)
                    wy--;
                season_range(3, wy, r);
            } else {
                dres t;
                memset(&t, 0, sizeof t);
                season_range(s, y, &t);
                if (last && t.end >= c->anchor)
                    season_range(s, y - 1, &t);
                *r = t;
                r->relative = 1;
            }
            return k + 1;
        }
    }
    if (earlier)
        return 0;
    /* "in the last 24 hours", "over the past five days", "in recent days" */
    j = i;
    if (dis(c, j, "in") || dis(c, j, "over") || dis(c, j, "during") || dis(c, j, "within") ||
        dis(c, j, "for"))
        j++;
    if (dis(c, j, "the"))
        j++;
    if (dis(c, j, "last") || dis(c, j, "past") || dis(c, j, "previous") || dis(c, j, "recent")) {
        size_t k = j + 1;
        int n = dis(c, j, "recent") ? -2 : 1;
        if (!dis(c, j, "recent")) {
            int cnt = count_at(c, k);
            if (cnt != -1) {
                n = cnt;
                k++;
            }
        }
        int u = unit_at(c, k);
        if (u >= 0 && n != 0 && !(j == i && dis(c, j, "last") && n == 1 && dnum(c, k) < 0) &&
            !(dis(c, j, "recent") && u == 0)) {
            if (n == -2)
                n = u == 0 ? 12 : u == 1 ? 7 : 3;
            int64_t span = u == 0 ? (n + 23) / 24 : u == 1 ? n : u == 2 ? 7 * n : u == 3 ? 30 * n
                                                                                       : 365 * n;
            if (span > 36500)
                return 0;
            set_days(r, a - span, a, CEV_DATE_RANGE);
            return k + 1;
        }
    }
    /* "two days ago", "a week ago", "three months ago" */
    j = i;
    {
        int cnt = count_at(c, j);
        size_t k = j + 1;
        if (dis(c, j, "a") && dis(c, k, "few")) {
            cnt = -2;
            k++;
        }
        int u = unit_at(c, k);
        if (cnt != -1 && cnt != 0 && u >= 1 && dis(c, k + 1, "ago")) {
            int n = cnt;
            if (n == -2) {
                if (u == 1)
                    set_days(r, a - 7, a - 2, CEV_DATE_RANGE);
                else if (u == 2)
                    set_days(r, a - 35, a - 7, CEV_DATE_RANGE);
                else
                    return 0;
                return k + 2;
            }
            if (n > 5000)
                return 0;
            if (u == 1) {
                set_days(r, a - n, a - n, CEV_DATE_DAY);
            } else if (u == 2) {
                set_days(r, a - 7 * n - 3, a - 7 * n + 3, CEV_DATE_RANGE);
            } else if (u == 3) {
                int y = c->ay, m = c->am - n;
                while (m < 1) {
                    m += 12;
                    y--;
                }
                r->start = ymd(y, m, 1);
                r->end = ymd(y, m, cev_days_in_month(y, m));
                r->precision = CEV_DATE_MONTH;
            } else {
                r->start = ymd(c->ay - n, 1, 1);
                r->end = ymd(c->ay - n, 12, 31);
                r->precision = CEV_DATE_YEAR;
            }
            return k + 2;
        }
    }
    /* "the weekend", "over the weekend" */
    j = i;
    if (dis(c, j, "over") || dis(c, j, "at") || dis(c, j, "during"))
        j++;
    if (dis(c, j, "the") && dis(c, j + 1, "weekend")) {
        int aw = cev_weekday(a);
        int64_t sat = a - ((aw - 5 + 7) % 7);
        int64_t sun = sat + 1 > a ? a : sat + 1;
        set_days(r, sat, sun, CEV_DATE_RANGE);
        return j + 2;
    }
    return 0;
}

/* Any absolute date at i (numeric, day-month, month-day). */
static size_t explicit_date(const dctx *c, size_t i, dres *r)
{
    size_t k;
    if ((k = numeric_date(c, i, r)))
        return k;
    if ((k = day_month(c, i, r)))
        return k;
    if ((k = month_day(c, i, r)))
        return k;
    return 0;
}

/* ---- dates counted from the story's own date -------------------------- */

/* Nouns of a violent event: "two days after the attack" counts from the
 * date the story has given for it. */
static int event_noun(const dctx *c, size_t i)
{
    return dis(c, i, "attack") || dis(c, i, "attacks") || dis(c, i, "strike") ||
           dis(c, i, "strikes") || dis(c, i, "airstrike") || dis(c, i, "airstrikes") ||
           dis(c, i, "bombing") || dis(c, i, "bombings") || dis(c, i, "blast") ||
           dis(c, i, "explosion") || dis(c, i, "raid") || dis(c, i, "assault") ||
           dis(c, i, "clashes") || dis(c, i, "ambush") || dis(c, i, "killing") ||
           dis(c, i, "killings") || dis(c, i, "massacre") || dis(c, i, "shelling") ||
           dis(c, i, "incident") || dis(c, i, "kidnapping") || dis(c, i, "abduction") ||
           dis(c, i, "shooting") || dis(c, i, "fighting") || dis(c, i, "battle") ||
           dis(c, i, "assassination") || dis(c, i, "capture") || dis(c, i, "offensive") ||
           dis(c, i, "bombardment") || dis(c, i, "incursion") || dis(c, i, "ambushes");
}

/* What "N days after/before" at i counts from, the complement starting at
 * k: an explicit date or year in it ("after the 2019 attack": *abs set,
 * [*b0, *b1] that date), "the attack" or another anaphoric event noun (the
 * story's date, dir +1), or, after "came"/"happened", a clause whose event
 * lies on the other side of the story's date ("The clashes came a week
 * after fighters stormed ...": dir -1).  Returns 0 when it is none of these
 * (the election, a holiday: dates the story does not give). */
static int after_base(const dctx *c, size_t i, size_t k, int64_t *b0, int64_t *b1, int *dir,
                      size_t *end)
{
    *dir = 1;
    for (size_t q = k; q < c->n && q < k + 8; q++) {
        if (c->t[q].type == D_PUNCT && !dpunct(c, q, '\'') && !dpunct(c, q, '-'))
            break;
        dres e;
        memset(&e, 0, sizeof e);
        int y = year_tok(c, q);
        size_t x;
        if (y > 0 && !(dglued(c, q + 1) && dis(c, q + 1, "s"))) {
            *b0 = cev_days_from_ymd(y, 1, 1);
            *b1 = cev_days_from_ymd(y, 12, 31);
            *end = q + 1;
            return 2;
        }
        /* "after the June 3 bombing", "after Monday's attack" */
        if ((x = explicit_date(c, q, &e)) || (x = weekday_expr(c, q, &e))) {
            *b0 = days_of(e.start);
            *b1 = days_of(e.end);
            *end = x;
            return 2;
        }
    }
    if (!c->has_ref)
        return 0;
    *b0 = c->rs;
    *b1 = c->re;
    size_t q = k;
    if (dis(c, q, "the") || dis(c, q, "that") || dis(c, q, "this") || dis(c, q, "its") ||
        dis(c, q, "their") || dis(c, q, "these") || dis(c, q, "those"))
        q++;
    for (size_t e = q; e < c->n && e < q + 3; e++)
        if (event_noun(c, e))
            return 1;
    if (i > 0 && (dis(c, i - 1, "came") || dis(c, i - 1, "comes") || dis(c, i - 1, "happened") ||
                  dis(c, i - 1, "occurred") || dis(c, i - 1, "followed") ||
                  dis(c, i - 1, "follows"))) {
        *dir = -1;
        return 1;
    }
    return 0;
}

/* Write days [a, b] into r unless it begins after the anchor (the end is
 * cut at the anchor: nothing reported has happened after it). */
static int anaphoric_days(const dctx *c, int64_t a, int64_t b, dres *r)
{
    if (b < a)
        b = a;
    if (c->anchor) {
        if (a > c->ad)
            return 0;
        if (b > c->ad)
            b = c->ad;
    }
    set_days(r, a, b, a == b ? CEV_DATE_DAY : CEV_DATE_RANGE);
    r->relative = 1;
    r->anaphoric = 1;
    return 1;
}

/* "N units later/earlier/after/before" at i (count at i, unit at i + 1):
 * days exact, weeks +-1 day, months +-5 days; hours the same day or the
 * next.  Years and vague counts of more than days are not resolved. */
static size_t counted_offset(const dctx *c, size_t i, dres *r)
{
    size_t uj; /* the unit */
    int n;
    if (dis(c, i, "hours") || dis(c, i, "minutes") || dis(c, i, "moments")) {
        n = -2; /* "hours later" */
        uj = i;
    } else {
        n = count_at(c, i);
        uj = i + 1;
        if (dis(c, i, "a") && (dis(c, i + 1, "few") || dis(c, i + 1, "couple"))) {
            n = dis(c, i + 1, "few") ? -2 : 2;
            uj = dis(c, i + 2, "of") ? i + 3 : i + 2;
        }
    }
    int hours = dis(c, uj, "minutes") || dis(c, uj, "moments");
    int u = hours ? 0 : unit_at(c, uj);
    if (n == -1 || n == 0 || u < 0 || u > 3)
        return 0;
    size_t k = uj + 1;
    int later = dis(c, k, "later") || dis(c, k, "after") || dis(c, k, "afterwards");
    int earlier = dis(c, k, "earlier") || dis(c, k, "before");
    if (!later && !earlier)
        return 0;
    int64_t b0, b1;
    int dir = 1, how = 1;
    size_t end = k + 1;
    if (dis(c, k, "after") || dis(c, k, "before")) {
        if (!(how = after_base(c, i, k + 1, &b0, &b1, &dir, &end)))
            return 0;
    } else {
        if (!c->has_ref)
            return 0;
        b0 = c->rs;
        b1 = c->re;
    }
    if (earlier)
        dir = -dir;
    int64_t lo, hi;
    if (u == 0) {
        /* hours or minutes: that day, or past midnight */
        int64_t span = n > 0 ? (n + 23) / 24 : (hours ? 0 : 1);
        lo = dir > 0 ? b0 : b0 - span;
        hi = dir > 0 ? b1 + span : b1;
    } else if (n == -2) {
        if (u != 1)
            return 0;
        lo = dir > 0 ? b0 + 2 : b0 - 6;
        hi = dir > 0 ? b1 + 6 : b1 - 2;
    } else {
        int64_t d = u == 1 ? n : u == 2 ? 7 * (int64_t)n : 30 * (int64_t)n;
        int64_t slack = u == 1 ? 0 : u == 2 ? 1 : 5;
        if (d > 3650)
            return 0;
        lo = b0 + dir * d - slack;
        hi = b1 + dir * d + slack;
    }
    if (!anaphoric_days(c, lo, hi, r))
        return 0;
    if (how == 2)
        r->anaphoric = 0; /* counted from a date written there */
    return end;
}

/* "the next day", "the following morning", "the day before", "the previous
 * night", "that day", "later that night", "the same day", "hours later",
 * "two days after the attack", "a week earlier": counted from the story's
 * date (c->rs..c->re). */
static size_t anaphoric_expr(const dctx *c, size_t i, dres *r)
{
    size_t k;
    if ((k = counted_offset(c, i, r)))
        return k;
    if (!c->has_ref)
        return 0;
    int64_t rs = c->rs, re = c->re;
    size_t j = i;
    if (dis(c, j, "later") || dis(c, j, "earlier"))
        j++;
    /* "that day", "that night", "the same day", "later that morning" */
    if (dis(c, j, "that") || (dis(c, j, "the") && dis(c, j + 1, "same"))) {
        size_t q = dis(c, j, "that") ? j + 1 : j + 2;
        if (dis(c, q, "day") || dis(c, q, "morning") || dis(c, q, "afternoon") ||
            dis(c, q, "evening"))
            return anaphoric_days(c, rs, re, r) ? q + 1 : 0;
        if (dis(c, q, "night"))
            return anaphoric_days(c, rs, re + 1, r) ? q + 1 : 0;
        return 0;
    }
    if (j != i)
        return 0;
    int dir = 0;
    size_t q = j;
    if (dis(c, q, "the"))
        q++;
    if (dis(c, q, "next") || dis(c, q, "following"))
        dir = 1;
    else if (dis(c, q, "previous") || dis(c, q, "preceding"))
        dir = -1;
    if (dir) {
        /* "the next day", "the following night", "the previous week"; "next
           day" alone is a headline style too, but "next week" is future */
        size_t u = q + 1;
        if (!dis(c, j, "the") && !dis(c, u, "day") && !dis(c, u, "morning"))
            return 0;
        if (dis(c, u, "day") || dis(c, u, "morning") || dis(c, u, "afternoon") ||
            dis(c, u, "evening"))
            return anaphoric_days(c, rs + dir, re + dir, r) ? u + 1 : 0;
        if (dis(c, u, "night"))
            return (dir > 0 ? anaphoric_days(c, re + 1, re + 2, r)
                            : anaphoric_days(c, rs - 1, rs, r))
                       ? u + 1
                       : 0;
        if (dis(c, u, "week"))
            return (dir > 0 ? anaphoric_days(c, re + 1, re + 7, r)
                            : anaphoric_days(c, rs - 7, rs - 1, r))
                       ? u + 1
                       : 0;
        return 0;
    }
    /* "the day after (the attack)", "the night before" */
    if (dis(c, j, "the") && (dis(c, j + 1, "day") || dis(c, j + 1, "night")) &&
        (dis(c, j + 2, "after") || dis(c, j + 2, "before"))) {
        int64_t b0 = rs, b1 = re;
        int d = 1, how = 1;
        size_t end = j + 3;
        /* a complement that is not ours: "the day before the election" */
        size_t x = j + 3;
        if (x < c->n && c->t[x].type == D_WORD && !dis(c, x, "and") && !dis(c, x, "when")) {
            how = after_base(c, i, x, &b0, &b1, &d, &end);
            if (!how)
                return 0;
        }
        if (dis(c, j + 2, "before"))
            d = -d;
        int night = dis(c, j + 1, "night");
        int64_t lo = d > 0 ? b0 + 1 : b0 - 1, hi = d > 0 ? b1 + 1 : b1 - 1;
        if (night && d < 0)
            hi = b1;
        if (!anaphoric_days(c, lo, hi, r))
            return 0;
        if (how == 2)
            r->anaphoric = 0;
        return end;
    }
    return 0;
}

/* "between 10 and 12 June", "from June 10 to 12". */
static size_t day_range(const dctx *c, size_t i, dres *r)
{
    if (!dis(c, i, "between") && !dis(c, i, "from"))
        return 0;
    size_t j = i + 1, k, k2;
    int d = day_at(c, j, &k);
    if (d > 0 && (dis(c, k, "and") || dis(c, k, "to") || dpunct(c, k, '-'))) {
        dres e;
        memset(&e, 0, sizeof e);
        size_t end = day_month(c, k + 1, &e);
        if (!end || e.precision != CEV_DATE_DAY || e.start % 100 <= d)
            return 0;
        *r = e;
        r->start = e.start - e.start % 100 + d;
        r->precision = CEV_DATE_RANGE;
        return end;
    }
    dres e;
    memset(&e, 0, sizeof e);
    size_t mj;
    if (!month_at(c, j, &mj) || !(k = month_day(c, j, &e)) || e.precision != CEV_DATE_DAY)
        return 0;
    if (!(dis(c, k, "and") || dis(c, k, "to")))
        return 0;
    int d2 = day_at(c, k + 1, &k2);
    if (d2 <= e.start % 100 || month_at(c, k2, &mj))
        return 0;
    int y = e.start / 10000, m = e.start / 100 % 100;
    size_t k3;
    int yy = year_after(c, k2, &k3);
    if (yy > 0) {
        y = yy;
        k2 = k3;
    }
    if (!valid_day(y, m, d2) || !valid_day(y, m, e.start % 100))
        return 0;
    *r = e;
    r->start = ymd(y, m, e.start % 100);
    r->end = ymd(y, m, d2);
    r->precision = CEV_DATE_RANGE;
    return k2;
}

static size_t try_at(const dctx *c, size_t i, dres *r)
{
    size_t k;
    memset(r, 0, sizeof *r);
    if ((k = day_range(c, i, r)))
        return k;
    memset(r, 0, sizeof *r);
    if (dis(c, i, "since") || dis(c, i, "from")) {
        int since = dis(c, i, "since");
        /* "since April 22": the start of a period */
        dres inner;
        memset(&inner, 0, sizeof inner);
        if ((k = explicit_date(c, i + 1, &inner)) || (k = weekday_expr(c, i + 1, &inner)) ||
            (k = month_part(c, i + 1, &inner)) ||
            (c->anchor && (k = relative_expr(c, i + 1, &inner)))) {
            *r = inner;
            r->since = since;
            return k;
        }
        memset(r, 0, sizeof *r);
        if ((k = month_part(c, i, r)) || (k = year_expr(c, i, r)) || (k = season_abs(c, i, r))) {
            r->since = since;
            return k;
        }
        /* "since the start of 2011", "since the beginning of the year" */
        size_t j = i + 1;
        if (dis(c, j, "the"))
            j++;
        if ((dis(c, j, "start") || dis(c, j, "beginning") || dis(c, j, "end")) &&
            dis(c, j + 1, "of")) {
            memset(r, 0, sizeof *r);
            if ((k = year_expr(c, j + 1, r)) ||
                (c->anchor && (k = relative_expr(c, j + 2, r)))) {
                r->since = since;
                return k;
            }
        }
        memset(r, 0, sizeof *r);
        return 0;
    }
    if ((k = weekday_expr(c, i, r)))
        return k;
    memset(r, 0, sizeof *r);
    if ((k = explicit_date(c, i, r)))
        return k;
    memset(r, 0, sizeof *r);
    if ((k = season_abs(c, i, r)))
        return k;
    memset(r, 0, sizeof *r);
    if ((k = month_part(c, i, r)))
        return k;
    memset(r, 0, sizeof *r);
    if ((k = year_expr(c, i, r)))
        return k;
    memset(r, 0, sizeof *r);
    if ((k = anaphoric_expr(c, i, r)))
        return k;
    memset(r, 0, sizeof *r);
    if (c->anchor && (k = relative_expr(c, i, r)))
        return k;
    return 0;
}

/* Set c's story date from a yyyymmdd range; ranges of more than a week
 * are no point to count days from. */
static void set_ref(dctx *c, int32_t a, int32_t b)
{
    c->has_ref = 0;
    if (!a || !b || !valid_day(a / 10000, a / 100 % 100, a % 100) ||
        !valid_day(b / 10000, b / 100 % 100, b % 100))
        return;
    int64_t x = days_of(a), y = days_of(b);
    if (y < x || y - x > 7)
        return;
    c->rs = x;
    c->re = y;
    c->has_ref = 1;
}

size_t cev_dates_scan(const char *s, size_t start, size_t end, int32_t anchor,
                      cev_date_mention *out, size_t max)
{
    return cev_dates_scan_ref(s, start, end, anchor, 0, 0, out, max);
}

size_t cev_dates_scan_ref(const char *s, size_t start, size_t end, int32_t anchor,
                          int32_t ref_start, int32_t ref_end, cev_date_mention *out, size_t max)
{
    if (!s || !out || max == 0 || start >= end)
        return 0;
    dtok toks[DMAXT];
    dctx c;
    pthread_once(&g_date_once, build_date_tab);
    memset(&c, 0, sizeof c);
    c.s = s;
    c.t = toks;
    if (anchor) {
        int y = anchor / 10000, m = anchor / 100 % 100, d = anchor % 100;
        if (valid_day(y, m, d)) {
            c.anchor = anchor;
            c.ad = cev_days_from_ymd(y, m, d);
            c.ay = y;
            c.am = m;
            c.adm = d;
        }
    }
    set_ref(&c, ref_start, ref_end);
    size_t nout = 0, p = start, min_off = start;
    while (p < end && nout < max) {
        size_t stop;
        c.n = dtokenize(s, p, end, toks, DMAXT, &stop);
        if (!c.n)
            break;
        int last = stop >= end;
        size_t limit = last ? c.n : c.n - DOVERLAP;
        for (size_t i = 0; i < limit && nout < max; i++) {
            if (toks[i].s < min_off)
                continue;
            /* only at the start of a word or number */
            if (i > 0 && toks[i].glued && toks[i].type != D_PUNCT &&
                toks[i - 1].type != D_PUNCT && toks[i - 1].type != toks[i].type)
                continue;
            if (toks[i].type == D_PUNCT)
                continue;
            /* every expression starts with a number or a start word and has
               a number or a core word near its start */
            if ((toks[i].type == D_WORD && !(toks[i].cls & DC_START)) ||
                toks[i].core > i + DCORE_REACH)
                continue;
            dres r;
            size_t k = try_at(&c, i, &r);
            if (!k)
                continue;
            cev_date_mention *o = &out[nout++];
            o->start = r.start;
            o->end = r.end;
            o->precision = r.precision;
            o->off = toks[i].s;
            o->len = toks[k - 1].e - toks[i].s;
            o->relative = r.relative;
            o->since = r.since;
            o->anaphoric = r.anaphoric;
            /* "on Monday ... and the next day": a date of this text is the
               nearest one to count from */
            if (!r.since)
                set_ref(&c, r.start, r.end);
            i = k - 1;
            min_off = toks[k - 1].e;
        }
        if (last)
            break;
        p = toks[limit].s > min_off ? toks[limit].s : min_off;
        if (p <= toks[0].s)
            break;
    }
    return nout;
}

int cev_dateline_date_near(const char *s, size_t a, size_t b, int32_t anchor, int32_t *ymd_out)
{
    if (!s || a >= b || !ymd_out)
        return 0;
    cev_date_mention m[8];
    size_t lim = b;
    /* a paragraph: only an inline dateline at its start counts */
    if (b - a > 160)
        lim = a + 80;
    size_t n = cev_dates_scan(s, a, b - a > 160 ? (a + 120 < b ? a + 120 : b) : b, anchor, m, 8);
    for (size_t i = 0; i < n; i++) {
        if (m[i].off >= lim)
            break;
        if (m[i].precision == CEV_DATE_DAY && !m[i].relative && !m[i].since) {
            *ymd_out = m[i].start;
            return 1;
        }
    }
    return 0;
}

int cev_dateline_date(const char *s, size_t a, size_t b, int32_t *ymd_out)
{
    return cev_dateline_date_near(s, a, b, 0, ymd_out);
}
