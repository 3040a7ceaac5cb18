/* extract_int.h - what the extraction files share (private to the library):
 * the clause and story-context types, small token helpers, and the
 * functions one stage calls in another.  extract.c drives the stages clause
 * by clause; roles.c, senses.c, place.c and story.c hold them. */
#ifndef CEV_EXTRACT_INT_H
#define CEV_EXTRACT_INT_H

#include "casualties.h"
#include "dates.h"
#include "discourse.h"
#include "lexicon.h"
#include "mentions.h"
#include "numbers.h"

/* ---- small token helpers ----------------------------------------------------- */

static inline int tok_is(const cev_seg *g, const char *s, size_t i, const char *w)
{
    return i < g->n_toks && cev_tok_is(s, &g->toks[i], w);
}

static inline int tok_in(const cev_seg *g, const char *s, size_t i, const char *const *list)
{
    for (; *list; list++)
        if (tok_is(g, s, i, *list))
            return 1;
    return 0;
}

/* Word lists more than one stage reads (extract.c). */
extern const char *const cev_be_words[];        /* "was", "were", "got": a passive */
extern const char *const cev_aircraft_words[];  /* "jets", "drones": an air strike */
extern const char *const cev_statement_words[]; /* "said", "condemned": a statement */

/* Specific types win over generic ones when a clause has several triggers
 * (extract.c); the family groups types a story's striker carries over to. */
int cev_type_rank(int type);
int cev_type_family(int type);

/* ---- story context ----------------------------------------------------------- */

typedef struct story_ctx {
    int32_t anchor;
    const cev_rec *place;    /* the place being talked about */
    size_t place_start, place_end;
    char country[3];
    int country_votes[8];
    char votes_cc[8][3];
    cev_mention actor;       /* who is striking / fighting, by family */
    int has_actor;
    int actor_family;
    int actor_type;
    cev_date_mention date;   /* the last event date and where it was said */
    const cev_rec *date_place; /* where that dated event happened */
    int has_date;
    int date_current;        /* the last event told has that date (or one of
                                its own): relative dates count from it */
    size_t date_sent;
    int last_violent_type;
} story_ctx;

/* ---- pronoun antecedent ------------------------------------------------------------ */

/* The subject of the clause told last (extract.c keeps it from clause to
 * clause): what a "they", "he" or "it" opening the next one may stand for. */
typedef struct cev_antecedent {
    cev_mention m;
    int valid;     /* the clause had a subject (armed or not) */
    int ambiguous; /* another armed party was named with it */
    int story;
    size_t sent, block;
} cev_antecedent;

/* ---- one clause ------------------------------------------------------------------ */

typedef struct clause {
    const cev_context *ctx;
    const char *country; /* the story's country, or NULL */
    const cev_seg *g;
    const char *s;
    size_t first, last; /* tokens */
    size_t date_last;   /* dates are read up to here (a shared "on Tuesday") */
    size_t sent;
    cev_mention *m;
    size_t n_m;
    const cev_mention *subject; /* of a coordinated verb phrase, or NULL */
    int has_figure;     /* the clause has an event casualty figure */
    const cev_antecedent *ante; /* the subject of the clause before, or NULL */
    int story;
    size_t block;
} clause;

/* The mention covering token i, or NULL. */
static inline cev_mention *mention_at(const clause *c, size_t i)
{
    for (size_t k = 0; k < c->n_m; k++)
        if (i >= c->m[k].tok && i < c->m[k].tok + c->m[k].n_toks)
            return &c->m[k];
    return NULL;
}

static inline int can_be_actor(const cev_mention *m)
{
    return (m->flags & CEV_M_ACTOR) && !(m->flags & (CEV_M_VICTIM | CEV_M_SOURCE | CEV_M_COMPOUND));
}

static inline int clause_has_word(const clause *c, const char *const *list)
{
    for (size_t i = c->first; i < c->last; i++)
        if (tok_in(c->g, c->s, i, list))
            return 1;
    return 0;
}

/* Does a concessive phrase or clause start at token k: "despite",
 * "notwithstanding", "although", "(even) though", "in spite (of)"? */
static inline int cev_concessive_at(const clause *c, size_t k)
{
    static const char *const w[] = {"despite", "notwithstanding", "although", "though", NULL};
    return tok_in(c->g, c->s, k, w) ||
           (tok_is(c->g, c->s, k, "in") && tok_is(c->g, c->s, k + 1, "spite"));
}

/* ---- story context (story.c), continued -------------------------------------------- */

/* A country's vote (weight 1 or 2) for the story's country. */
void cev_story_vote_country(story_ctx *sc, const char *cc, int weight);
/* Date anchor of each story: a dateline inside it, else the publication
 * date (later stories of a page inherit the first story's anchor). */
void cev_story_anchors(const cev_seg *g, const char *s, int32_t published, int32_t *anchors,
                       int n_stories);
/* Remember what a clause says for the clauses after it. */
void cev_story_update(story_ctx *sc, const clause *c, const cev_evc *ev, int have_event);
/* A wire dateline opening a paragraph ("KABUL (Reuters) -") sets the story's
 * place; returns the first token after it (st->tok_first when there is none). */
size_t cev_wire_dateline_place(const cev_context *ctx, const cev_keys *keys, const cev_seg *g,
                               const char *s, const cev_sent *st, story_ctx *sc);

/* ---- roles (roles.c) ------------------------------------------------------------ */

/* Nearest actor mention ending before token t, within max_dist tokens and
 * not across a clause break. */
cev_mention *cev_actor_before(const clause *c, size_t t, size_t max_dist);
/* Only adjectives, numbers and determiners between a modifier and its
 * trigger noun ("the heaviest Turkish air strikes")? */
int cev_np_gap_ok(const clause *c, size_t from, size_t to);
/* The token of the violent verb whose object m is ("killed 46 Afghan
 * civilians"), or SIZE_MAX. */
size_t cev_object_verb(const clause *c, const cev_mention *m);
/* First actor (or, with want_victims, victim) mention after token t. */
cev_mention *cev_object_after(const clause *c, size_t t, size_t max_dist, int want_victims);
/* A side of "clashes between X and Y" after token t. */
cev_mention *cev_party_after(const clause *c, size_t t, size_t max_dist);
/* "by X" after the trigger: the agent of a passive or of a nominal. */
cev_mention *cev_agent_by(const clause *c, size_t t, size_t max_dist);
/* "soldiers", "security forces", "police" without a named country: the
 * forces of the clause's or the story's country. */
void cev_resolve_generic_force(const cev_context *ctx, const clause *c, const story_ctx *sc,
                               cev_mention *m);
/* "they", "he", "she" or "it" as the active subject of the violent verb at
 * token verb (directly, or through "carried out", "launched" for a trigger
 * noun): the armed actor it stands for (the subject before it in the
 * clause, else that of the clause before), into *out.  0 when there is no
 * such pronoun, or its antecedent is not an armed actor ("residents",
 * "policemen", a place), is ambiguous, or is too far back. */
int cev_pronoun_actor(const clause *c, size_t verb, int noun, cev_mention *out);
/* The subject of tokens [from, to) of the clause, armed or not, with
 * *ambiguous set when another armed party is named there too. */
int cev_clause_subject(const clause *c, size_t from, size_t to, cev_mention *out,
                       int *ambiguous);
/* May the mention be the antecedent of a pronoun of that kind (0 any armed
 * actor, else CEV_PRON_*)? */
int cev_armed_antecedent(const clause *c, const cev_mention *m, int kind);
/* Does the pronoun at token p open its clause ("They ...", "On Monday,
 * they ...")? */
int cev_pronoun_opens_clause(const clause *c, size_t p);
/* Another armed party than subj (any, when subj is NULL) in tokens [from, to)? */
int cev_armed_others(const clause *c, size_t from, size_t to, const cev_mention *subj);
enum { CEV_PRON_THEY = 1, CEV_PRON_HE = 2, CEV_PRON_IT = 3 };
/* The victims of a killing are its target (when it has none yet). */
void cev_set_victim_target(cev_evc *ev, const clause *c, const story_ctx *sc,
                           const cev_casualty *cas);

/* ---- triggers (senses.c) ---------------------------------------------------------- */

/* The token of the clause's best trigger that is not blocked, not in a
 * non-violent sense and not a background mention, or SIZE_MAX. */
size_t cev_find_trigger(const clause *c, const cev_trigger **best_tr, size_t *best_n);
/* A question or a conditional ("if talks fail"). */
int cev_clause_is_hypothetical(const clause *c);
/* "two weeks after gunmen abducted": violence dated weeks or more before a
 * main clause without any; fig0 is the offset of its first figure. */
int cev_time_distance_background(const clause *c, size_t fig0);

/* ---- place (place.c) --------------------------------------------------------------- */

/* Sets the event's place and point from the clause, else from the story. */
void cev_place_event(const clause *c, const story_ctx *sc, cev_evc *ev);
/* Same place, or places in the same first-level unit; unknown places agree. */
int cev_same_area(const cev_rec *a, const cev_rec *b);

#endif
