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

#endif
