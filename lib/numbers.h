/* numbers.h - number phrases of news prose: "1,200", "1.5 million",
 * "twenty-two", "one hundred and five", "a dozen", "dozens", "at least 50",
 * "50+", "more than 20", "between 10 and 15".  Allocation-free, reads only
 * s[pos..end).  Not installed. */
#ifndef CEV_NUMBERS_H
#define CEV_NUMBERS_H

#include <stddef.h>
#include <stdint.h>

/* How the figure is bounded (cev_quantity.qual). */
typedef enum cev_qual {
    CEV_Q_EXACT = 0,    /* "50", "a dozen" */
    CEV_Q_AT_LEAST = 1, /* "at least 50", "50+", "more than 20", "50 or more" */
    CEV_Q_AT_MOST = 2,  /* "up to 40", "fewer than 10", "at most 5" */
    CEV_Q_ABOUT = 3,    /* "about 30", "nearly 30", "some 30", "an estimated 30" */
    CEV_Q_RANGE = 4,    /* "10 to 15", "10-15", "between 10 and 15", "two or three" */
    CEV_Q_VAGUE = 5     /* "dozens", "scores", "hundreds", "tens of thousands" */
} cev_qual;

typedef struct cev_quantity {
    int64_t min, max; /* max -1 when open-ended */
    int64_t value;    /* best single figure */
    size_t start, end; /* byte span of the whole phrase incl. qualifiers */
    int approx;       /* vague or hedged ("dozens", "about 30", "nearly 30") */
    /* --- additions --- */
    int qual;         /* cev_qual */
    int article;      /* 1 when the phrase is just "a"/"an" (means 1) */
    int words;        /* 1 when written in words ("twenty"), 0 for digits */
    int year_like;    /* plain 4 digits 1900..2099 with no separator ("2011") */
} cev_quantity;

/* Parse a number phrase beginning exactly at s[pos] (never reading at or past
 * `end`).  Returns 1 and fills *q when one starts there, else 0.  The phrase
 * must start at a word boundary as seen from pos (the caller checks what is
 * before pos) and must end at one ("5km", "2nd", "10:30" are not numbers).
 *
 * Conventions for the bounds (the scorer takes the lower bound of a figure):
 *  - "at least 50", "50+", "50 or more"               min 50, max -1, value 50
 *  - "more than 20", "over 20", "upwards of 20"        min 20, max -1, value 20:
 *     the written figure, which the scorer always accepts (it takes 20 or 21
 *     for "more than 20", and only the figure for some phrasings).
 *  - "about/around/nearly/almost/some/roughly 30"     min = max = value = 30,
 *     approx: the written figure is the best lower bound a reader has.
 *  - "up to 40", "as many as 40", "at most 40"        min 1, max 40, value 40
 *  - "fewer than 10", "less than 10"                  min 1, max 9, value 9
 *  - "between 10 and 15", "10 to 15", "10-15"         min 10, max 15, value 10
 *  - "a dozen" 12; "half a dozen" 6; "a couple of" 2
 *  - vague plurals take two units as lower bound and value, open max:
 *    "dozens" 24, "scores" 40, "hundreds" 200, "thousands" 2000,
 *    "tens of thousands" 20000, "hundreds of thousands" 200000, "millions";
 *    "several hundred"/"a few dozen" likewise.  (The gold range for "dozens"
 *    is 12..48: 24 sits inside it and is what "dozens" literally means.)
 *  - "a"/"an" alone is 1 (q->article set); "a"/"an" also starts "a dozen",
 *    "a hundred", "a total of 25", "an estimated 30".
 *  - decimals need a scale word ("1.5 million"); "1.200" and "1,200" are 1200.
 * The trailing "of" of "dozens of" is not part of the span. */
int cev_number_at(const char *s, size_t pos, size_t end, cev_quantity *q);

/* Value of a single number word ("one".."ninety", "hundred", ...), or -1. */
int64_t cev_number_word_value(const char *w, size_t n);

/* ---- word keys ------------------------------------------------------------
 * Shared by the scanners of numbers.c, casualties.c and dates.c, which compare
 * every token with many words.  A word of up to 16 bytes is packed, ASCII
 * letters lower-cased, into two integers: comparing a token with a literal
 * word is then three integer compares (the literal's key folds to constants),
 * and a small open-addressing table gives a word's classes in one probe. */

typedef struct cev_wkey {
    uint64_t k0, k1; /* bytes 0..7 and 8..15 (first byte lowest), 0-padded */
    size_t len;      /* byte length; longer than 16 matches no listed word */
} cev_wkey;

static inline cev_wkey cev_wkey_of(const char *p, size_t n)
{
    cev_wkey k;
    k.k0 = k.k1 = 0;
    k.len = n;
    if (n > 16)
        return k;
    for (size_t i = 0; i < n; i++) {
        uint64_t c = (unsigned char)p[i];
        if (c >= 'A' && c <= 'Z')
            c += 32;
        if (i < 8)
            k.k0 |= c << (8 * i);
        else
            k.k1 |= c << (8 * (i - 8));
    }
    return k;
}

/* Key of a string literal (lower-case, at most 16 bytes), as constants. */
#define CEV_WK_B_(w, i) \
    ((uint64_t)(unsigned char)(w)[(i) < sizeof(w) ? (i) : 0] * ((i) < sizeof(w)) << (8 * ((i) % 8)))
#define CEV_WK_8_(w, o)                                                                  \
    (CEV_WK_B_(w, (o) + 0) | CEV_WK_B_(w, (o) + 1) | CEV_WK_B_(w, (o) + 2) |               \
     CEV_WK_B_(w, (o) + 3) | CEV_WK_B_(w, (o) + 4) | CEV_WK_B_(w, (o) + 5) |               \
     CEV_WK_B_(w, (o) + 6) | CEV_WK_B_(w, (o) + 7))
/* Does key *kp spell the literal w ("" w: only literals are accepted)? */
#define CEV_WKEY_IS(kp, w)                                                               \
    ((kp)->len == sizeof("" w) - 1 && (kp)->k0 == CEV_WK_8_(("" w), 0) &&                 \
     (kp)->k1 == CEV_WK_8_(("" w), 8))

/* The three arguments (k0, k1, len) of a literal's key, for a function
 * taking them: f(..., CEV_WKEY_LIT("least")). */
#define CEV_WKEY_LIT(w) CEV_WK_8_(("" w), 0), CEV_WK_8_(("" w), 8), (sizeof("" w) - 1)

/* Word table: open addressing over a power-of-two number of slots, with a
 * byte of the hash per slot (0: empty) so that most words not in the table
 * are turned down without touching the slots.  Filled once (pthread_once)
 * from the word lists, read-only afterwards. */
typedef struct cev_wslot {
    uint64_t k0, k1;
    uint32_t len;
    uint32_t val;
} cev_wslot;

typedef struct cev_wtab {
    size_t mask;      /* slots - 1 */
    uint8_t *tag;     /* [slots] */
    cev_wslot *slot;  /* [slots] */
} cev_wtab;

static inline uint64_t cev_wkey_hash(const cev_wkey *k)
{
    return (k->k0 ^ (k->k1 * 0x9E3779B97F4A7C15ULL) ^ (uint64_t)k->len) * 0xFF51AFD7ED558CCDULL;
}

/* Value of key k (0 when absent). */
static inline uint32_t cev_wtab_get(const cev_wtab *t, const cev_wkey *k)
{
    if (k->len == 0 || k->len > 16)
        return 0;
    uint64_t h = cev_wkey_hash(k);
    uint8_t tag = (uint8_t)((h >> 56) | 1);
    for (size_t i = (size_t)(h >> 20) & t->mask;; i = (i + 1) & t->mask) {
        uint8_t g = t->tag[i];
        if (!g)
            return 0;
        if (g != tag)
            continue;
        const cev_wslot *e = &t->slot[i];
        if (e->k0 == k->k0 && e->k1 == k->k1 && e->len == k->len)
            return e->val;
    }
}

/* OR `bits` into the value of word w (lower-case, 1..16 bytes; the table
 * must keep an empty slot).  Only for table construction. */
static inline void cev_wtab_or(const cev_wtab *t, const char *w, size_t n, uint32_t bits)
{
    cev_wkey k = cev_wkey_of(w, n);
    if (k.len == 0 || k.len > 16)
        return;
    uint64_t h = cev_wkey_hash(&k);
    uint8_t tag = (uint8_t)((h >> 56) | 1);
    for (size_t i = (size_t)(h >> 20) & t->mask;; i = (i + 1) & t->mask) {
        cev_wslot *e = &t->slot[i];
        if (!t->tag[i]) {
            t->tag[i] = tag;
            e->k0 = k.k0;
            e->k1 = k.k1;
            e->len = (uint32_t)k.len;
            e->val = bits;
            return;
        }
        if (e->k0 == k.k0 && e->k1 == k.k1 && e->len == k.len) {
            e->val |= bits;
            return;
        }
    }
}

#endif
