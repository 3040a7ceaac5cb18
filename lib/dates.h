/* dates.h - date expressions of news prose, resolved against the publication
 * date ("anchor").  Allocation-free, reads only s[start..end).  Not installed. */
#ifndef CEV_DATES_H
#define CEV_DATES_H

#include <stddef.h>
#include <stdint.h>

typedef struct cev_date_mention {
    int32_t start, end; /* yyyymmdd inclusive range */
    int precision;      /* cev_date_precision: CEV_DATE_DAY, _RANGE, _MONTH, _YEAR */
    size_t off, len;    /* byte span of the expression in s */
    int relative;       /* resolved against the anchor ("on Saturday",
                           "yesterday", "June 12" without a year) */
    int since;          /* "since April 22" / "since 2011": the start of an
                           aggregate period, not the event date */
    int anaphoric;      /* counted from the story's own date (the ref of
                           cev_dates_scan_ref): "the next day", "hours
                           later", "two days after the attack" */
} cev_date_mention;

/* Find date expressions in s[start..end) and resolve them against anchor
 * (yyyymmdd; 0 = unknown: then only absolute dates with a year are returned).
 * Returns how many were written into out (at most max), in text order.
 *
 * Resolution rules:
 *  - weekday ("on Saturday", "Saturday's", "late on Friday"): the most recent
 *    such day on or before the anchor; "last Saturday" the one before that
 *    when the anchor is a Saturday; "next Saturday" the next one.
 *  - month and day without a year: the anchor's year, or the year before when
 *    that would put it more than 60 days after the anchor.
 *  - "mid-May" 11-20, "early May" 1-10, "late May"/"end of May" 21-end,
 *    "in May" the whole month (year as above, by the range's start).
 *  - numeric dates: "2017-06-12" ISO; "6/12/2017" with an anchor the reading
 *    nearer the anchor, without one month-first when both readings are valid
 *    (US web style); "12.06.2017" and "12-06-2017" day-first.
 *  - "yesterday" anchor-1, "today"/"this morning"/"tonight" the anchor (a
 *    single day: it lies inside any gold range around the anchor),
 *    "last night"/"overnight"/"in the last 24 hours" anchor-1..anchor,
 *    "last week" anchor-7..anchor-1, "this week" Monday..anchor, "last month"
 *    the previous month, "(earlier) this month" 1st..anchor, "this year"
 *    Jan 1..anchor, "last year" the previous year, "the weekend" the Sat..Sun
 *    on or before the anchor, "N days ago" one day, "N weeks ago" +-3 days,
 *    "N months ago" that month, "in the past N days/weeks" anchor-N..anchor,
 *    "this spring" Mar-May ("this winter" the one just over until June),
 *    "in 2013" the year, "early/mid/late 2017" Jan-Apr/May-Aug/Sep-Dec,
 *    "in the 1990s", "the first week of June", "between 10 and 12 June".
 *  - "since X" (and "since the start of 2011") sets `since`; the range is X's.
 *  - not dates: times, ages ("a 25-year-old"), bare numbers, "may" the verb
 *    (month names must be capitalised and need a day, a year or a prefix:
 *    "in", "early", "mid-", "late", "end of", "last", "since"), "Bloody
 *    Sunday", "the Sunday Times".
 */
size_t cev_dates_scan(const char *s, size_t start, size_t end, int32_t anchor,
                      cev_date_mention *out, size_t max);

/* The same, knowing the date the story has reached: ref_start..ref_end
 * (yyyymmdd, 0 = none; ignored when longer than a week), the date of the
 * last event the story reported.  Expressions that count from a date the
 * story gives are resolved against it, or against an earlier date of the
 * same text ("on Monday ... the next day"), and set `anaphoric`:
 *  - "the next/following day" ref+1, "the next morning", "the following
 *    night" ref+1..ref+2, "the following week" ref+1..ref+7;
 *  - "the previous/preceding day", "the day before" ref-1, "the previous
 *    night", "the night before" ref-1..ref;
 *  - "that day", "the same day", "later that morning" ref; "that night"
 *    ref..ref+1;
 *  - "hours later" ref..ref+1, "minutes later" ref, "N hours later" by
 *    whole days;
 *  - "N days later/earlier" ref+-N, "N weeks later" +-7N with a day either
 *    side, "N months later" +-30N with 5 days either side, "a few days
 *    later" ref+2..ref+6;
 *  - "N days after/before X": X an event noun ("the attack", "the
 *    strikes") counts from ref; X with its own date ("the 2019 attack",
 *    "the June 3 bombing", "Monday's raid") counts from that date and is
 *    not anaphoric; after "came"/"happened" X is a clause on the other side
 *    of ref ("The clashes came a week after fighters stormed": ref-7);
 *    other X ("the election") are not resolved.
 * Without a ref (and no earlier date in the text) none of these is
 * returned, except from a date written in X.  Nothing that starts after
 * the anchor is returned; a range is cut at the anchor. */
size_t cev_dates_scan_ref(const char *s, size_t start, size_t end, int32_t anchor,
                          int32_t ref_start, int32_t ref_end, cev_date_mention *out, size_t max);

/* A dateline block: s[a..b) is a date, byline or source line ("12 June, 2017",
 * "Tuesday, 13 June 2017", "06/12/2017", "June 12, 2017 at 3:45 pm",
 * "[Source: Itar Tass, Moscow, 09Jun17]", "Posted on 12 June 2017 by X"), or a
 * paragraph that starts with an inline dateline (only its first 80 bytes are
 * looked at).  Returns 1 and *ymd when a full date with a year is found. */
int cev_dateline_date(const char *s, size_t a, size_t b, int32_t *ymd);
/* The same, reading ambiguous numeric dates ("06/12/2017") nearer `anchor`
 * (yyyymmdd or 0). */
int cev_dateline_date_near(const char *s, size_t a, size_t b, int32_t anchor, int32_t *ymd);

#endif
