/* discourse.h - event candidates found in clauses, merged across the
 * sentences that report the same event, and turned into cev_event records. */
#ifndef CEV_DISCOURSE_H
#define CEV_DISCOURSE_H

#include "casualties.h"
#include "dates.h"
#include "extract.h"
#include "lexicon.h"
#include "mentions.h"

#define CEV_MAX_REPORTS 8

/* One event as found in one clause (and later, its merged reports). */
typedef struct cev_evc {
    int type;
    const cev_trigger *tr;  /* NULL for a bare killing ("was killed") */
    size_t trig_tok, trig_n;
    size_t sent;            /* main sentence */
    size_t clause_start, clause_end; /* normalized span of the main clause */
    int story, headline, new_event;
    int anaphoric; /* "the strikes", "its attacks": refers to an event told before */
    int statement; /* the clause is about what someone said of it */
    int definite;  /* "the raid", "the attack" even with figures: may refer back */
    int followup;  /* only a figure ("One soldier was wounded."): adds to the
                    * event before it, or is dropped */
    int claimed;   /* actor from a claim of responsibility: 1 headline, 2 body */
    size_t last_sent; /* latest sentence of any merged report */
    cev_mention actor, target;
    int has_actor, has_target, actor_from_context;
    int actor_generic; /* "troops", "soldiers": the country is the story's guess */
    const cev_rec *place;
    size_t place_start, place_end;
    double lat, lon;
    int place_from_context, offset_applied;
    int place_headline; /* the place was stated in a headline (set by
                         * cev_evlist_push; cleared when a merge replaces it) */
    cev_date_mention date;
    int has_date, date_from_context;
    cev_casualty killed, injured, abducted;
    int has_killed, has_injured, has_abducted;
    size_t src_start, src_end;
    const cev_rec *src_rec;
    int has_source;
    double confidence;
    size_t reports[CEV_MAX_REPORTS][2]; /* normalized spans of every report */
    size_t n_reports;
    int dead; /* merged into another */
} cev_evc;

/* "ISWAP claimed responsibility for the attack": who, where it was said,
 * and what kind of event it names (-1 when none). */
typedef struct cev_claim {
    cev_mention actor;
    size_t sent;
    int story, headline;
    int type;
} cev_claim;

typedef struct cev_evlist {
    cev_evc *v;
    size_t n, cap;
    cev_claim *claims;
    size_t n_claims, cap_claims;
} cev_evlist;

int cev_evlist_push(cev_evlist *l, const cev_evc *ev);
void cev_evlist_free(cev_evlist *l);
int cev_evlist_push_claim(cev_evlist *l, const cev_claim *c);

/* Merge candidates that report the same event (same story, compatible type,
 * place, actor, date and figures; a headline and its first body report;
 * nearby sentences that add nothing new). */
void cev_merge_reports(cev_evlist *l);

/* Append the surviving candidates to r as cev_event records. */
int cev_emit_events(cev_result *r, const cev_context *ctx, const cev_document *doc,
                    const cev_evlist *l, const cev_extract_opts *opts, cev_err *err);

#endif
