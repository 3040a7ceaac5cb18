/* numbers.c - number phrases of news prose (see numbers.h for the bounds).
 *
 * cev_number_at runs at every word of a clause: a position whose word is
 * not in the word table (k_units, k_scales, k_vague, k_quals and a few
 * more) is turned down after one lookup, and words are compared by key. */
#include "numbers.h"

#include <pthread.h>
#include <string.h>

#include "internal.h"

#define NUM_CAP ((int64_t)1000000000000000LL) /* 1e15: no casualty figure is larger */

static int is_alnum(int c) { return cev_is_digit(c) || cev_is_alpha(c); }

/* Skip blanks (not newlines: a figure never spans a line break). */
static size_t skip_sp(const char *s, size_t p, size_t end)
{
    while (p < end && (s[p] == ' ' || s[p] == '\t'))
        p++;
    return p;
}

/* The word at s[p]: the run of ASCII letters there.  Every listed word is
 * made of letters, so a listed word is at p exactly when the run spells it
 * and no digit follows ("5km" is no "km").  The key's len is 0 when no
 * listed word can be at p. */
static cev_wkey run_at(const char *s, size_t p, size_t end)
{
    size_t q = p;
    while (q < end && cev_is_alpha((unsigned char)s[q]))
        q++;
    if (q == p || (q < end && cev_is_digit((unsigned char)s[q])))
        q = p;
    return cev_wkey_of(s + p, q - p);
}

/* Length of the word with key (k0, k1, n) at s[p] (case-insensitive) when
 * it ends at a word boundary, else 0.  Call through word_at(s, p, end,
 * "literal"). */
static size_t word_at_(const char *s, size_t p, size_t end, uint64_t k0, uint64_t k1, size_t n)
{
    if (p >= end || cev_to_lower((unsigned char)s[p]) != (int)(k0 & 0xff))
        return 0;
    cev_wkey k = run_at(s, p, end);
    return k.len == n && k.k0 == k0 && k.k1 == k1 ? n : 0;
}
#define word_at(s, p, end, w) word_at_(s, p, end, CEV_WKEY_LIT(w))

/* Same for a key. */
static size_t key_at(const char *s, size_t p, size_t end, const cev_wkey *w)
{
    return word_at_(s, p, end, w->k0, w->k1, w->len);
}

/* A word after blanks after a phrase ending at p (0: no phrase): the new end
 * offset or 0.  words2/words3 match "a few", "half a dozen". */
static size_t then_word_(const char *s, size_t p, size_t end, uint64_t k0, uint64_t k1, size_t n)
{
    if (!p)
        return 0;
    size_t q = skip_sp(s, p, end);
    if (q == p)
        return 0;
    size_t m = word_at_(s, q, end, k0, k1, n);
    return m ? q + m : 0;
}
static size_t first_word_(const char *s, size_t p, size_t end, uint64_t k0, uint64_t k1, size_t n)
{
    size_t m = word_at_(s, p, end, k0, k1, n);
    return m ? p + m : 0;
}
#define words1(s, p, end, a) first_word_(s, p, end, CEV_WKEY_LIT(a))
#define words2(s, p, end, a, b) then_word_(s, words1(s, p, end, a), end, CEV_WKEY_LIT(b))
#define words3(s, p, end, a, b, c) then_word_(s, words2(s, p, end, a, b), end, CEV_WKEY_LIT(c))

/* A sequence of words separated by blanks ("at least"): end offset or 0. */
static size_t words_at(const char *s, size_t p, size_t end, const cev_wkey *ws, size_t nw)
{
    for (size_t i = 0; i < nw; i++) {
        if (i) {
            size_t q = skip_sp(s, p, end);
            if (q == p)
                return 0;
            p = q;
        }
        size_t n = key_at(s, p, end, &ws[i]);
        if (!n)
            return 0;
        p += n;
    }
    return p;
}

static const struct {
    const char *w;
    int v;
} k_units[] = {
    {"zero", 0},       {"one", 1},        {"two", 2},        {"three", 3},
    {"four", 4},       {"five", 5},       {"six", 6},        {"seven", 7},
    {"eight", 8},      {"nine", 9},       {"ten", 10},       {"eleven", 11},
    {"twelve", 12},    {"thirteen", 13},  {"fourteen", 14},  {"fifteen", 15},
    {"sixteen", 16},   {"seventeen", 17}, {"eighteen", 18},  {"nineteen", 19},
    {"twenty", 20},    {"thirty", 30},    {"forty", 40},     {"fourty", 40},
    {"fifty", 50},     {"sixty", 60},     {"seventy", 70},   {"eighty", 80},
    {"ninety", 90},
};

static const struct {
    const char *w;
    int64_t v;
} k_scales[] = {
    {"hundred", 100},
    {"thousand", 1000},
    {"million", 1000000},
    {"billion", 1000000000},
};

/* "dozens" etc.: the figure the word suggests (see parse_vague). */
static const struct {
    const char *w;
    int64_t v;
} k_vague[] = {{"dozens", 24},      {"scores", 40},         {"hundreds", 200},
               {"thousands", 2000}, {"millions", 2000000}, {"tens", 20}};

/* ---- word table --------------------------------------------------------
 * Every word of this file, with what it is: the value of a unit word, the
 * index of a scale or vague word, whether it starts a qualifier.  A phrase
 * starting with a letter must start with one of these words, so most tokens
 * are turned down with one probe. */
enum {
    NV_WORD = 1 << 20,  /* any word of the lists below */
    NV_UNIT = 1 << 19,  /* k_units: value in bits 0..6 */
    NV_SCALE = 1 << 18, /* k_scales: index in bits 8..9 */
    NV_VAGUE = 1 << 17, /* k_vague: index in bits 12..14 */
    NV_QUAL = 1 << 16   /* first word of a k_quals entry */
};
#define NUM_TAB 512

static const cev_wtab *num_tab(void);

static uint32_t word_class(const cev_wkey *k) { return cev_wtab_get(num_tab(), k); }

int64_t cev_number_word_value(const char *w, size_t n)
{
    if (!w)
        return -1;
    cev_wkey k = cev_wkey_of(w, n);
    uint32_t v = word_class(&k);
    if (v & NV_UNIT)
        return v & 0x7f;
    if (v & NV_SCALE)
        return k_scales[(v >> 8) & 3].v;
    if (CEV_WKEY_IS(&k, "dozen"))
        return 12;
    return -1;
}

/* Unit or tens word at p: value and length, or -1. */
static int unit_at(const char *s, size_t p, size_t end, size_t *len)
{
    cev_wkey k = run_at(s, p, end);
    uint32_t v = word_class(&k);
    if (!(v & NV_UNIT))
        return -1;
    *len = k.len;
    return (int)(v & 0x7f);
}

static int64_t scale_at(const char *s, size_t p, size_t end, size_t *len)
{
    cev_wkey k = run_at(s, p, end);
    uint32_t v = word_class(&k);
    if (!(v & NV_SCALE))
        return -1;
    *len = k.len;
    return k_scales[(v >> 8) & 3].v;
}

/* A scale word after a figure: " million", " thousand", or a glued "m"/"bn"/
 * "k" ("1.5m").  Returns the multiplier and moves *p, or 1 when none. */
static int64_t trailing_scale(const char *s, size_t *p, size_t end, int allow_hundred)
{
    size_t q = skip_sp(s, *p, end), n;
    int64_t sc;
    if (q > *p && (sc = scale_at(s, q, end, &n)) > 0 && (allow_hundred || sc > 100)) {
        *p = q + n;
        return sc;
    }
    /* "bn", "mn", "m", "k" */
    int64_t gv = 0;
    if ((n = word_at(s, *p, end, "bn")))
        gv = 1000000000;
    else if ((n = word_at(s, *p, end, "mn")) || (n = word_at(s, *p, end, "m")))
        gv = 1000000;
    else if ((n = word_at(s, *p, end, "k")))
        gv = 1000;
    if (gv) {
        *p += n;
        return gv;
    }
    return 1;
}

/* Digits: "1,200", "1.200", "12", "1.5 million", "3 thousand".  Sets *v and
 * returns the end offset, or 0. */
static size_t parse_digits(const char *s, size_t p, size_t end, int64_t *v, int *year_like)
{
    size_t q = p;
    int64_t ip = 0;
    int nd = 0;
    while (q < end && cev_is_digit((unsigned char)s[q])) {
        if (nd >= 15)
            return 0;
        ip = ip * 10 + (s[q] - '0');
        q++;
        nd++;
    }
    if (!nd)
        return 0;
    *year_like = 0;
    /* thousands groups "1,200,000" (also "1.200" when not a decimal) */
    int grouped = 0;
    if (nd <= 3) {
        size_t r = q;
        int64_t gv = ip;
        char gs = 0;
        int ng = 0;
        while (r + 4 <= end && (s[r] == ',' || s[r] == '.') && (!gs || s[r] == gs) &&
               cev_is_digit((unsigned char)s[r + 1]) && cev_is_digit((unsigned char)s[r + 2]) &&
               cev_is_digit((unsigned char)s[r + 3]) &&
               (r + 4 >= end || !cev_is_digit((unsigned char)s[r + 4]))) {
            if (gv > NUM_CAP / 1000)
                return 0;
            gs = s[r];
            gv = gv * 1000 + (s[r + 1] - '0') * 100 + (s[r + 2] - '0') * 10 + (s[r + 3] - '0');
            r += 4;
            ng++;
        }
        /* "1.200" alone is European thousands, but "1.500 million" is 1.5 million */
        if (ng && !(gs == '.' && ng == 1)) {
            grouped = 1;
            ip = gv;
            q = r;
        } else if (ng == 1 && gs == '.') {
            size_t t = r;
            int64_t sc = trailing_scale(s, &t, end, 0);
            if (sc == 1) {
                grouped = 1;
                ip = gv;
                q = r;
            }
        }
    }
    /* decimal part, only meaningful with a scale word */
    if (!grouped && q + 1 < end && s[q] == '.' && cev_is_digit((unsigned char)s[q + 1])) {
        size_t r = q + 1;
        int64_t frac = 0, div = 1;
        while (r < end && cev_is_digit((unsigned char)s[r])) {
            if (div < 1000000) {
                frac = frac * 10 + (s[r] - '0');
                div *= 10;
            }
            r++;
        }
        size_t t = r;
        int64_t sc = trailing_scale(s, &t, end, 1);
        if (sc == 1)
            return 0; /* "2.5" alone is not a count */
        if (ip > NUM_CAP / sc)
            return 0;
        *v = ip * sc + frac * sc / div;
        return t;
    }
    size_t t = q;
    int64_t sc = trailing_scale(s, &t, end, 1);
    if (sc > 1) {
        if (ip > NUM_CAP / sc)
            return 0;
        ip *= sc;
        q = t;
    } else if (!grouped && nd == 4 && ip >= 1900 && ip <= 2099) {
        *year_like = 1;
    }
    *v = ip;
    return q;
}

/* Number words: "twenty-two", "one hundred and five", "two thousand",
 * "a hundred", "two dozen".  Returns end offset or 0. */
static size_t parse_words(const char *s, size_t p, size_t end, int64_t *v)
{
    int64_t total = 0, cur = 0;
    int any = 0, last_scale = 0; /* last word a scale word: "and" may follow */
    size_t q = p, stop = p;
    size_t n;
    /* "a hundred", "a thousand", "a million", "a dozen" */
    size_t a = word_at(s, q, end, "a");
    if (!a)
        a = word_at(s, q, end, "an");
    if (a) {
        size_t r = skip_sp(s, q + a, end);
        int64_t sc = scale_at(s, r, end, &n);
        if (r > q + a && sc > 0) {
            cur = 1;
            q = r; /* the scale word is consumed below */
        } else {
            return 0;
        }
    }
    for (;;) {
        size_t r = any ? skip_sp(s, q, end) : q;
        if (any && r == q && !(q < end && s[q] == '-'))
            break;
        int u;
        int64_t sc;
        if (any && q < end && s[q] == '-') {
            /* only "twenty-two": a tens word then a unit */
            int64_t tens = cur % 100;
            if (!(tens >= 20 && tens % 10 == 0))
                break;
            u = unit_at(s, q + 1, end, &n);
            if (u < 1 || u > 9)
                break;
            cur += u;
            q = q + 1 + n;
            stop = q;
            last_scale = 0;
            continue;
        }
        if ((u = unit_at(s, r, end, &n)) >= 0) {
            int64_t low = cur % 100;
            /* "twenty two" yes, "five six" no */
            if (any && !last_scale && !(u < 10 && low >= 20 && low % 10 == 0))
                break;
            if (any && last_scale == 0 && u >= 10)
                break;
            cur += u;
            any = 1;
            last_scale = 0;
            q = r + n;
            stop = q;
            continue;
        }
        if ((sc = scale_at(s, r, end, &n)) > 0) {
            if (!any && cur == 0)
                break;
            if (sc == 100) {
                if (cur % 1000 >= 100)
                    break;
                cur = (cur ? cur : 1) * 100;
            } else {
                /* not "three thousand two thousand" */
                if (total % (sc * 1000) != 0)
                    break;
                if (total > NUM_CAP / sc)
                    break;
                total += (cur ? cur : 1) * sc;
                cur = 0;
            }
            any = 1;
            last_scale = 1;
            q = r + n;
            stop = q;
            continue;
        }
        if (any && (n = word_at(s, r, end, "dozen")) && cur > 0 && cur < 100 && total == 0) {
            cur *= 12;
            q = r + n;
            stop = q;
            last_scale = 0;
            /* "two dozen" ends the number */
            break;
        }
        if (last_scale && (n = word_at(s, r, end, "and"))) {
            size_t r2 = skip_sp(s, r + n, end);
            size_t n2;
            if (r2 > r + n && unit_at(s, r2, end, &n2) >= 1) {
                q = r + n;
                last_scale = 1; /* let the unit follow */
                /* the unit loop needs last_scale to accept any unit */
                continue;
            }
        }
        break;
    }
    if (!any)
        return 0;
    *v = total + cur;
    return stop;
}

/* Vague plurals: "dozens", "scores", "hundreds", "thousands", "millions",
 * "tens of thousands", "hundreds of thousands", "several hundred". */
static size_t parse_vague(const char *s, size_t p, size_t end, int64_t *v)
{
    cev_wkey key = run_at(s, p, end);
    uint32_t cls = word_class(&key);
    if (cls & NV_VAGUE) {
        size_t i = (cls >> 12) & 7, n = key.len;
        size_t q = p + n;
        /* "tens/hundreds/dozens of thousands" multiply */
        size_t r = skip_sp(s, q, end), m;
        if (r > q && (m = word_at(s, r, end, "of"))) {
            size_t r2 = skip_sp(s, r + m, end);
            size_t m2;
            if (r2 > r + m && (m2 = word_at(s, r2, end, "thousands"))) {
                *v = k_vague[i].v * 1000;
                return r2 + m2;
            }
            if (r2 > r + m && (m2 = word_at(s, r2, end, "millions"))) {
                *v = k_vague[i].v * 1000000;
                return r2 + m2;
            }
        }
        if (k_vague[i].v == 20)
            return 0; /* "tens" alone is not a figure */
        *v = k_vague[i].v;
        return q;
    }
    /* "several hundred", "a few dozen", "several thousand" */
    size_t q = words1(s, p, end, "several");
    if (!q)
        q = words2(s, p, end, "a", "few");
    if (q) {
        size_t r = skip_sp(s, q, end), n;
        int64_t sc;
        if (r > q) {
            if ((n = word_at(s, r, end, "dozen"))) {
                *v = 24;
                return r + n;
            }
            if ((sc = scale_at(s, r, end, &n)) > 0) {
                *v = 2 * sc;
                return r + n;
            }
        }
    }
    return 0;
}

typedef struct base_num {
    int64_t v;
    size_t end;
    int vague, words, article, year_like;
} base_num;

/* A bare number (no qualifiers) at p. */
static int parse_base(const char *s, size_t p, size_t end, base_num *b)
{
    memset(b, 0, sizeof *b);
    if (p >= end)
        return 0;
    unsigned char c = (unsigned char)s[p];
    if (cev_is_digit(c)) {
        size_t q = parse_digits(s, p, end, &b->v, &b->year_like);
        if (!q)
            return 0;
        /* a word boundary must follow: not "5km", "2nd", "10:30", "6/12" */
        if (q < end) {
            unsigned char d = (unsigned char)s[q];
            if (is_alnum(d) || d == '_')
                return 0;
            if ((d == ':' || d == '/' || d == '.' || d == ',') && q + 1 < end &&
                cev_is_digit((unsigned char)s[q + 1]))
                return 0;
        }
        b->end = q;
        return 1;
    }
    if (!cev_is_alpha(c))
        return 0;
    size_t q, n;
    if ((q = parse_vague(s, p, end, &b->v))) {
        b->vague = 1;
        b->words = 1;
        b->end = q;
        return 1;
    }
    /* "half a dozen" */
    if ((q = words3(s, p, end, "half", "a", "dozen"))) {
        b->v = 6;
        b->words = 1;
        b->end = q;
        return 1;
    }
    /* "a couple of" / "a couple" -> 2 */
    if ((q = words2(s, p, end, "a", "couple"))) {
        b->v = 2;
        b->words = 1;
        b->end = q;
        return 1;
    }
    /* "a dozen" */
    if ((q = words2(s, p, end, "a", "dozen"))) {
        b->v = 12;
        b->words = 1;
        b->end = q;
        return 1;
    }
    if ((n = word_at(s, p, end, "dozen"))) {
        /* a bare "dozen" (headline "Dozen killed") */
        b->v = 12;
        b->words = 1;
        b->end = p + n;
        return 1;
    }
    if ((q = parse_words(s, p, end, &b->v))) {
        b->words = 1;
        /* "two million" already handled; digits-style glued scales do not apply */
        b->end = q;
        return 1;
    }
    if ((n = word_at(s, p, end, "a")) || (n = word_at(s, p, end, "an"))) {
        b->v = 1;
        b->article = 1;
        b->words = 1;
        b->end = p + n;
        return 1;
    }
    return 0;
}

enum { QF_NONE, QF_AT_LEAST, QF_MORE, QF_ABOUT, QF_UP_TO, QF_FEWER, QF_EXACT, QF_BETWEEN };

static const struct {
    const char *w[4];
    int kind;
} k_quals[] = {
    {{"at", "least"}, QF_AT_LEAST},
    {{"no", "fewer", "than"}, QF_AT_LEAST},
    {{"no", "less", "than"}, QF_AT_LEAST},
    {{"not", "less", "than"}, QF_AT_LEAST},
    {{"a", "minimum", "of"}, QF_AT_LEAST},
    {{"well", "over"}, QF_MORE},
    {{"well", "above"}, QF_MORE},
    {{"just", "over"}, QF_MORE},
    {{"more", "than"}, QF_MORE},
    {{"over"}, QF_MORE},
    {{"upwards", "of"}, QF_MORE},
    {{"in", "excess", "of"}, QF_MORE},
    {{"greater", "than"}, QF_MORE},
    {{"nearly"}, QF_ABOUT},
    {{"almost"}, QF_ABOUT},
    {{"about"}, QF_ABOUT},
    {{"around"}, QF_ABOUT},
    {{"some"}, QF_ABOUT},
    {{"roughly"}, QF_ABOUT},
    {{"approximately"}, QF_ABOUT},
    {{"approx"}, QF_ABOUT},
    {{"an", "estimated"}, QF_ABOUT},
    {{"estimated"}, QF_ABOUT},
    {{"close", "to"}, QF_ABOUT},
    {{"just", "under"}, QF_ABOUT},
    {{"an", "estimate", "of"}, QF_ABOUT},
    {{"up", "to"}, QF_UP_TO},
    {{"as", "many", "as"}, QF_UP_TO},
    {{"at", "most"}, QF_UP_TO},
    {{"no", "more", "than"}, QF_UP_TO},
    {{"not", "more", "than"}, QF_UP_TO},
    {{"a", "maximum", "of"}, QF_UP_TO},
    {{"fewer", "than"}, QF_FEWER},
    {{"less", "than"}, QF_FEWER},
    {{"a", "total", "of"}, QF_EXACT},
    {{"between"}, QF_BETWEEN},
};

#define NQUALS (sizeof k_quals / sizeof k_quals[0])

static struct {
    uint8_t tag[NUM_TAB];
    cev_wslot slot[NUM_TAB];
    cev_wkey quals[NQUALS][4]; /* k_quals as keys */
    size_t nquals[NQUALS];
} g_num;
static pthread_once_t g_num_once = PTHREAD_ONCE_INIT;
static const cev_wtab g_num_tab = {NUM_TAB - 1, g_num.tag, g_num.slot};

static void num_word(const char *w, uint32_t bits)
{
    cev_wtab_or(&g_num_tab, w, strlen(w), NV_WORD | bits);
}

static void build_num_tab(void)
{
    for (size_t i = 0; i < sizeof k_units / sizeof k_units[0]; i++)
        num_word(k_units[i].w, NV_UNIT | (uint32_t)k_units[i].v);
    for (size_t i = 0; i < sizeof k_scales / sizeof k_scales[0]; i++)
        num_word(k_scales[i].w, NV_SCALE | (uint32_t)i << 8);
    for (size_t i = 0; i < sizeof k_vague / sizeof k_vague[0]; i++)
        num_word(k_vague[i].w, NV_VAGUE | (uint32_t)i << 12);
    for (size_t i = 0; i < NQUALS; i++) {
        size_t nw = 0;
        while (nw < 4 && k_quals[i].w[nw]) {
            const char *w = k_quals[i].w[nw];
            g_num.quals[i][nw] = cev_wkey_of(w, strlen(w));
            num_word(w, nw ? 0 : NV_QUAL);
            nw++;
        }
        g_num.nquals[i] = nw;
    }
    /* the other words a phrase may start with or contain */
    static const char *const other[] = {"dozen", "a",    "an",   "and",     "of",  "plus",
                                        "odd",   "or",   "more", "so",      "to",  "several",
                                        "few",   "half", "couple", "bn",    "mn",  "m",
                                        "k",     "thousands", "millions"};
    for (size_t i = 0; i < sizeof other / sizeof other[0]; i++)
        num_word(other[i], 0);
}

static const cev_wtab *num_tab(void)
{
    pthread_once(&g_num_once, build_num_tab);
    return &g_num_tab;
}

int cev_number_at(const char *s, size_t pos, size_t end, cev_quantity *q)
{
    if (!s || !q || pos >= end)
        return 0;
    int qual = QF_NONE;
    size_t p = pos;
    unsigned char c0 = (unsigned char)s[pos];
    if (!cev_is_digit(c0)) {
        /* a phrase in words starts with a listed word */
        if (!cev_is_alpha(c0))
            return 0;
        cev_wkey k0 = run_at(s, pos, end);
        uint32_t cls = word_class(&k0);
        if (!cls)
            return 0;
        for (size_t i = 0; (cls & NV_QUAL) && i < NQUALS; i++) {
            const cev_wkey *w = &g_num.quals[i][0];
            if (w->len != k0.len || w->k0 != k0.k0 || w->k1 != k0.k1)
                continue;
            size_t e = words_at(s, pos, end, g_num.quals[i], g_num.nquals[i]);
            if (!e)
                continue;
            size_t r = skip_sp(s, e, end);
            if (r == e)
                continue;
            qual = k_quals[i].kind;
            p = r;
            break;
        }
    }
    base_num b;
    if (!parse_base(s, p, end, &b)) {
        return 0;
    }
    if (qual != QF_NONE && b.article)
        return 0; /* "at least a" is no figure */
    memset(q, 0, sizeof *q);
    q->start = pos;
    q->words = b.words;
    q->article = b.article;
    q->year_like = b.year_like && qual == QF_NONE;
    int64_t v = b.v;
    size_t e = b.end;
    q->min = v;
    q->max = v;
    q->value = v;
    q->qual = CEV_Q_EXACT;
    if (b.vague) {
        /* "dozens": about 24, at least 12 - the lower bound is half the
         * figure the word suggests ("hundreds" -> 100, best 200) */
        q->min = v / 2;
        q->max = -1;
        q->approx = 1;
        q->qual = CEV_Q_VAGUE;
    }
    switch (qual) {
    case QF_AT_LEAST:
    case QF_MORE:
        /* "more than 20": the written figure; the scorer accepts 20 and 21 */
        q->max = -1;
        q->qual = CEV_Q_AT_LEAST;
        break;
    case QF_ABOUT:
        q->approx = 1;
        if (!b.vague)
            q->qual = CEV_Q_ABOUT;
        break;
    case QF_UP_TO:
        q->min = v > 0 ? 1 : 0;
        q->max = v;
        q->qual = CEV_Q_AT_MOST;
        break;
    case QF_FEWER:
        q->min = v > 1 ? 1 : 0;
        q->max = v > 0 ? v - 1 : 0;
        q->value = q->max;
        q->qual = CEV_Q_AT_MOST;
        break;
    case QF_BETWEEN: {
        /* "between 10 and 15" */
        size_t r = skip_sp(s, e, end), n;
        base_num b2;
        if (r > e && (n = word_at(s, r, end, "and"))) {
            size_t r2 = skip_sp(s, r + n, end);
            if (r2 > r + n && parse_base(s, r2, end, &b2) && !b2.article && b2.v > v) {
                q->max = b2.v;
                q->qual = CEV_Q_RANGE;
                e = b2.end;
                break;
            }
        }
        return 0;
    }
    default:
        break;
    }
    if (qual == QF_NONE || qual == QF_EXACT || qual == QF_AT_LEAST || qual == QF_MORE ||
        qual == QF_ABOUT) {
        size_t r, n;
        if (!b.words && !b.vague && e < end && s[e] == '+') {
            /* "50+" */
            q->max = -1;
            q->qual = CEV_Q_AT_LEAST;
            e++;
        } else if (e < end && s[e] == '-' && (n = word_at(s, e + 1, end, "plus"))) {
            q->max = -1;
            q->qual = CEV_Q_AT_LEAST;
            e += 1 + n;
        } else if (e < end && s[e] == '-' && (n = word_at(s, e + 1, end, "odd"))) {
            q->approx = 1;
            q->qual = CEV_Q_ABOUT;
            e += 1 + n;
        } else if ((r = skip_sp(s, e, end)) > e) {
            size_t t;
            base_num b2;
            if ((t = words2(s, r, end, "or", "more")) || (t = words2(s, r, end, "and", "more")) ||
                ((t = words1(s, r, end, "plus")) &&
                 !(skip_sp(s, t, end) < end && parse_base(s, skip_sp(s, t, end), end, &b2)))) {
                q->max = -1;
                q->qual = CEV_Q_AT_LEAST;
                e = t;
            } else if ((t = words2(s, r, end, "or", "so"))) {
                q->approx = 1;
                q->qual = CEV_Q_ABOUT;
                e = t;
            } else if (qual == QF_NONE && !b.vague && !b.article &&
                       ((n = word_at(s, r, end, "to")) || (n = word_at(s, r, end, "or")))) {
                /* "10 to 15", "two or three" */
                size_t r2 = skip_sp(s, r + n, end);
                if (r2 > r + n && parse_base(s, r2, end, &b2) && !b2.article && !b2.vague &&
                    b2.v > v && b2.words == b.words && !b2.year_like) {
                    q->max = b2.v;
                    q->qual = CEV_Q_RANGE;
                    q->year_like = 0;
                    e = b2.end;
                }
            }
        } else if (qual == QF_NONE && !b.words && e + 1 < end && s[e] == '-' &&
                   cev_is_digit((unsigned char)s[e + 1])) {
            /* "10-15" */
            base_num b2;
            if (parse_base(s, e + 1, end, &b2) && !b2.words && b2.v > v && !b.year_like) {
                q->max = b2.v;
                q->qual = CEV_Q_RANGE;
                e = b2.end;
            }
        }
    }
    q->end = e;
    return 1;
}
