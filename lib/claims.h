/* claims.h - claims of responsibility ("ISWAP said it carried out the
 * attack") found in clauses and given as actor to the event they refer to. */
#ifndef CEV_CLAIMS_H
#define CEV_CLAIMS_H

#include "discourse.h"

/* Does the clause [first, last) claim responsibility?  On success fills
 * out->actor (a named, non-generic actor) and out->type (the event word the
 * claim names, or -1) and returns 1. */
int cev_claim_find(const char *s, const cev_seg *g, size_t first, size_t last,
                   const cev_mention *m, size_t n_m, cev_claim *out);

/* A named actor that is not a generic category ("militants", "rebels"). */
int cev_actor_is_named(const cev_rec *r);

/* Give every claim's actor to the event it refers to: in the same story,
 * the nearest event told before the claim (or, for a headline's claim, the
 * story's first event) whose actor is unknown, generic or guessed. */
void cev_claims_apply(cev_evlist *l);

#endif
