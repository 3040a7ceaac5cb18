/* claims.c - claims of responsibility as the actor of an event.
 *
 * News often names the perpetrator only in a later sentence that claims
 * the event: "Al-Shabaab claimed responsibility for the blast", "The attack
 * was claimed by ISKP", "ISWAP said it carried out the attack", "Islamic
 * State claims attack" in a headline.  Such a clause is not an event of its
 * own; its claimant becomes the actor of the event it refers to (same story,
 * told shortly before, or the story's first event for a headline's claim)
 * when the extractor found no actor there, only a generic one ("gunmen",
 * "a suicide bomber") or one guessed from context.  Negated claims ("no
 * group has claimed responsibility") are ignored. */
#include <string.h>

#include "claims.h"

static int is(const char *s, const cev_seg *g, size_t i, size_t last, const char *w)
{
    return i < last && cev_tok_is(s, &g->toks[i], w);
}

static int is_any(const char *s, const cev_seg *g, size_t i, size_t last,
                  const char *const *list)
{
    for (; *list; list++)
        if (is(s, g, i, last, *list))
            return 1;
    return 0;
}

int cev_actor_is_named(const cev_rec *r)
{
    static const char *const generic[] = {"MILITANTS", "REB", NULL};
    if (!r || r->kind == CEV_KIND_CIVILIANS || r->kind == CEV_KIND_SOURCE ||
        r->kind == CEV_KIND_PERSON || !r->id)
        return 0;
    for (const char *const *g = generic; *g; g++)
        if (!strcmp(r->id, *g))
            return 0;
    return 1;
}

/* "no group has claimed", "did not claim", "has yet to claim" */
static int negated(const char *s, const cev_seg *g, size_t first, size_t v)
{
    static const char *const neg[] = {"no", "not", "n't", "nobody", "none", "yet", "never",
                                      "denied", "deny", "denies", "without", "if", "would",
                                      "could", "may", "might", NULL};
    for (size_t i = v > first + 5 ? v - 5 : first; i < v; i++)
        if (is_any(s, g, i, v, neg))
            return 1;
    return 0;
}

static int usable(const cev_mention *m)
{
    return m->actor && cev_actor_is_named(m->actor) && !(m->flags & CEV_M_VICTIM) &&
           (m->flags & CEV_M_ACTOR);
}

/* The claimant: the nearest named actor before token v, not behind "by" or
 * "according to" (those name a source). */
static const cev_mention *subject_before(const char *s, const cev_seg *g, size_t first, size_t v,
                                         const cev_mention *m, size_t n_m)
{
    const cev_mention *best = NULL;
    for (size_t k = 0; k < n_m; k++) {
        if (m[k].tok + m[k].n_toks > v || v - (m[k].tok + m[k].n_toks) > 20 || !usable(&m[k]))
            continue;
        if (m[k].tok > first && (is(s, g, m[k].tok - 1, v, "by") || is(s, g, m[k].tok - 1, v, "to")))
            continue;
        if (!best || m[k].tok > best->tok)
            best = &m[k];
    }
    return best;
}

static const cev_mention *agent_after(size_t by, const cev_mention *m, size_t n_m)
{
    for (size_t k = 0; k < n_m; k++)
        if (m[k].tok > by && m[k].tok <= by + 3 && usable(&m[k]))
            return &m[k];
    return NULL;
}

/* A violent event word within `span` tokens after i: its type, else -1. */
static int event_word_after(const char *s, const cev_seg *g, size_t i, size_t last, size_t span)
{
    for (size_t k = i; k < last && k < i + span; k++) {
        const cev_trigger *tr;
        size_t n = cev_lex_trigger(s, g->toks, k, last, &tr);
        if (n && (tr->flags & CEV_TRIG_NOUN) && cev_event_type_is_violent(tr->type))
            return tr->type;
    }
    return -1;
}

/* "claimed the attack" names the event; "claimed the attack killed 20" reports
 * what someone said about it. */
static int claims_object(const char *s, const cev_seg *g, size_t v, size_t last, int *type)
{
    static const char *const verbs[] = {"killed", "was", "were", "had", "has", "left",
                                        "wounded", "injured", "hit", "targeted", "is",
                                        "caused", "destroyed", NULL};
    for (size_t k = v + 1; k < last && k <= v + 4; k++) {
        const cev_trigger *tr;
        size_t n = cev_lex_trigger(s, g->toks, k, last, &tr);
        if (!n)
            continue;
        if (!(tr->flags & CEV_TRIG_NOUN) || !cev_event_type_is_violent(tr->type))
            return 0;
        if (is_any(s, g, k + n, last, verbs))
            return 0;
        *type = tr->type;
        return 1;
    }
    return 0;
}

/* After a speech verb at v: "it" or "they" within 10 tokens, then within 3
 * more a word of doing ("carried out", "was behind", "was responsible");
 * returns that word's token, else 0. */
static size_t said_it_did(const char *s, const cev_seg *g, size_t v, size_t last)
{
    static const char *const did[] = {"carried", "conducted", "staged", "launched",
                                      "behind", "responsible", "executed", "perpetrated", NULL};
    for (size_t p = v + 1; p < last && p <= v + 10; p++) {
        if (cev_lex_is_clause_break(s, &g->toks[p]) || cev_lex_is_speech_verb(s, &g->toks[p]))
            return 0;
        if (!is(s, g, p, last, "it") && !is(s, g, p, last, "they"))
            continue;
        for (size_t k = p + 1; k < last && k <= p + 3; k++)
            if (is_any(s, g, k, last, did))
                return k;
        return 0;
    }
    return 0;
}

int cev_claim_find(const char *s, const cev_seg *g, size_t first, size_t last,
                   const cev_mention *m, size_t n_m, cev_claim *out)
{
    static const char *const claim_v[] = {"claimed", "claims", "claim", "claiming", NULL};
    static const char *const take_v[] = {"took", "takes", "taken", "taking", "take", "accepted",
                                         NULL};
    static const char *const speech[] = {"said", "says", "stated", "announced", "declared",
                                         "admitted", NULL};
    for (size_t v = first; v < last; v++) {
        const cev_mention *who = NULL;
        int type = -1;
        if (is_any(s, g, v, last, claim_v) || is_any(s, g, v, last, take_v)) {
            int resp = is(s, g, v + 1, last, "responsibility") || is(s, g, v + 1, last, "credit") ||
                       (is(s, g, v + 2, last, "responsibility") && is(s, g, v + 1, last, "the"));
            if (resp) {
                who = subject_before(s, g, first, v, m, n_m);
                type = event_word_after(s, g, v + 2, last, 6);
            } else if (is_any(s, g, v, last, claim_v) && is(s, g, v + 1, last, "by")) {
                who = agent_after(v + 1, m, n_m);
                type = event_word_after(s, g, first, v, v - first);
            } else if (is_any(s, g, v, last, claim_v) && claims_object(s, g, v, last, &type)) {
                who = subject_before(s, g, first, v, m, n_m);
            }
        } else if (is_any(s, g, v, last, speech)) {
            /* "ISWAP said (in a statement) (that) it carried out the attack" */
            size_t k = said_it_did(s, g, v, last);
            if (k) {
                who = subject_before(s, g, first, v, m, n_m);
                type = event_word_after(s, g, k + 1, last, 6);
                v = k;
            }
        }
        if (!who || negated(s, g, first, v))
            continue;
        memset(out, 0, sizeof *out);
        out->actor = *who;
        out->type = type;
        return 1;
    }
    return 0;
}

static int family(int type)
{
    if (type == CEV_EV_ARMED_CLASH || type == CEV_EV_TERRITORY_CHANGE)
        return 2;
    if (type == CEV_EV_ABDUCTION)
        return 3;
    return 1;
}

/* May the claim's actor replace this event's? */
static int open_actor(const cev_evc *e, const cev_claim *c)
{
    if (!e->has_actor || e->actor_from_context)
        return 1;
    if (e->claimed == 1 && !c->headline)
        return 1; /* a body claim is more exact than a headline's */
    if (e->claimed)
        return 0;
    return !cev_actor_is_named(e->actor.actor);
}

static int fits(const cev_evc *e, const cev_claim *c)
{
    if (e->dead || e->story != c->story || !cev_event_type_is_violent(e->type))
        return 0;
    return c->type < 0 || c->type == CEV_EV_ATTACK || family(c->type) == family(e->type);
}

static void give(cev_evc *e, const cev_claim *c)
{
    e->actor = c->actor;
    e->has_actor = 1;
    e->actor_from_context = 0;
    e->claimed = c->headline ? 1 : 2;
}

void cev_claims_apply(cev_evlist *l)
{
    for (size_t k = 0; k < l->n_claims; k++) {
        const cev_claim *c = &l->claims[k];
        cev_evc *hit = NULL;
        if (c->headline) {
            /* the story's first event */
            for (size_t i = 0; i < l->n && !hit; i++)
                if (fits(&l->v[i], c))
                    hit = &l->v[i];
        } else {
            /* the latest event reported before the claim, a few sentences back */
            for (size_t i = 0; i < l->n; i++) {
                cev_evc *e = &l->v[i];
                if (!fits(e, c) || e->sent > c->sent || c->sent > e->last_sent + 6)
                    continue;
                if (!hit || e->last_sent >= hit->last_sent)
                    hit = e;
            }
        }
        if (hit && open_actor(hit, c))
            give(hit, c);
    }
}
