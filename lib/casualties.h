/* casualties.h - killed / injured / abducted figures in a sentence.
 * Allocation-free, reads only s[start..end).  Not installed. */
#ifndef CEV_CASUALTIES_H
#define CEV_CASUALTIES_H

#include "numbers.h"

typedef enum { CEV_CAS_KILLED = 1, CEV_CAS_INJURED = 2, CEV_CAS_ABDUCTED = 3 } cev_cas_kind;

typedef struct cev_casualty {
    int kind;          /* cev_cas_kind */
    cev_quantity q;    /* the figure; for "a soldier was killed" -> 1 */
    size_t start, end; /* span of the figure phrase as written, e.g.
                          "at least 50 people", "dozens" */
    int aggregate;     /* a toll over a long period or the whole war
                          ("since 2011", "so far this year", "the war has
                          killed", "in total") -> not an event figure */
    int victims;       /* 1 civilians, 2 fighters/soldiers/militants, 0 unknown */
    /* --- additions --- */
    int group;         /* figures of one kind with the same group (> 0) were
                          coordinated objects of one verb and add up:
                          "killed 5 civilians and 3 soldiers" -> 5 + 3 */
    int toll;          /* given as a toll: "the death toll rose to 30" */
    size_t cue_start, cue_end; /* span of the casualty word ("killed",
                          "death toll", "dead") */
} cev_casualty;

/* Find casualty figures in the sentence s[start..end), in text order.
 * Returns how many were written into out (at most max).
 *
 * A figure counts only when it is tied to a casualty word:
 *   subject  "at least 50 people, mostly civilians, have been killed",
 *            "12 dead", "five others were hurt", "a soldier was killed" (1),
 *            "a soldier and two civilians were killed" (1 and 2, one group)
 *   object   "killing at least 22 fighters", "Blast kills 12", "wounding 5",
 *            "kidnapped 20 students", "took 12 hostages", "claimed 40 lives",
 *            "the deaths of 7", "the bodies of 15 people"
 *   toll     "the death toll rose (from 12) to 30", "the number of dead ..."
 *   nouns    "30 fatalities", "23 deaths", "14 bodies were found"
 *   pronouns "he was killed", "killing him" (1); "no one was hurt" is not
 *            reported (a zero figure would turn a non-event into an event)
 * Not figures: counts of things ("90 rockets", "48 hours", "70 per cent"),
 * dates and money, other verbs ("3,000 troops"), modal or negated verbs
 * ("threatened to kill 10"), parts of another figure ("including three
 * children", "two of the dead": not reported at all).
 * aggregate is set for cues of a long period in the figure's clause
 * ("since", "so far", "this year", "years", "in total"), war subjects ("the
 * war has killed", "killed in the conflict" when >= 50), generic phrases
 * ("guilty of killing hundreds"), and for any figure >= 10000 (5000
 * abducted).
 * Pass whole sentences: commas inside them (appositives) are understood. */
size_t cev_casualties_scan(const char *s, size_t start, size_t end, cev_casualty *out,
                           size_t max);

/* The event figure of one kind among n scanned casualties: the first that is
 * not aggregate, added up with the other members of its group ("killed 5
 * civilians and 3 soldiers" -> 8; max -1 when any member is open-ended).
 * Returns the index of that first figure, or -1 when there is none. */
int cev_casualty_pick(const cev_casualty *c, size_t n, int kind, cev_quantity *out);

#endif
