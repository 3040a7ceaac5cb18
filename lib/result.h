/* result.h - building a cev_result: events whose strings live in an arena. */
#ifndef CEV_RESULT_H
#define CEV_RESULT_H

#include "internal.h"

struct cev_result {
    cev_arena *arena;
    cev_event *events;
    size_t n, cap;
};

cev_result *cev_result_create(void);
/* Append a zeroed event; NULL when out of memory. The pointer stays valid
 * only until the next push. */
cev_event *cev_result_push(cev_result *r);
/* Copy a string into the result's arena (NULL stays NULL). */
const char *cev_result_str(cev_result *r, const char *s);
const char *cev_result_strn(cev_result *r, const char *s, size_t n);
/* Arena-allocated array of n spans, zeroed. */
cev_span *cev_result_spans(cev_result *r, size_t n);
/* Deep-copy an event (strings and spans) from another result into r. */
int cev_result_copy_event(cev_result *r, const cev_event *src);

#endif
