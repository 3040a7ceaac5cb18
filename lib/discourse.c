/* discourse.c - one event per real-world event within an article.
 *
 * News repeats itself: a headline announces an event, the lead sentence
 * reports it, a later sentence updates the toll.  Candidates from such
 * sentences are merged into one event with several report spans; an
 * "another strike" or a different casualty figure starts a new one. */
#include <stdlib.h>
#include <string.h>

#include "claims.h"
#include "discourse.h"

int cev_evlist_push(cev_evlist *l, const cev_evc *ev)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 32;
        cev_evc *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return -1;
        l->v = v;
        l->cap = cap;
    }
    cev_evc *e = &l->v[l->n++];
    *e = *ev;
    e->reports[0][0] = ev->clause_start;
    e->reports[0][1] = ev->clause_end;
    e->n_reports = 1;
    e->dead = 0;
    e->last_sent = ev->sent;
    e->place_headline = ev->headline && ev->place && !ev->place_from_context;
    return 0;
}

int cev_evlist_push_claim(cev_evlist *l, const cev_claim *c)
{
    if (l->n_claims == l->cap_claims) {
        size_t cap = l->cap_claims ? l->cap_claims * 2 : 8;
        cev_claim *v = realloc(l->claims, cap * sizeof *v);
        if (!v)
            return -1;
        l->claims = v;
        l->cap_claims = cap;
    }
    l->claims[l->n_claims++] = *c;
    return 0;
}

void cev_evlist_free(cev_evlist *l)
{
    free(l->v);
    free(l->claims);
    memset(l, 0, sizeof *l);
}

static int family(int type)
{
    if (type >= CEV_EV_AIR_STRIKE && type <= CEV_EV_CHEMICAL_ATTACK)
        return 1;
    if (type == CEV_EV_ATTACK)
        return 1;
    if (type == CEV_EV_ARMED_CLASH || type == CEV_EV_TERRITORY_CHANGE)
        return 2;
    return 10 + type;
}

static int same_rec(const cev_rec *a, const cev_rec *b)
{
    return a == b || (a && b && a->id && b->id && !strcmp(a->id, b->id));
}

static int places_compatible(const cev_evc *a, const cev_evc *b)
{
    if (!a->place || !b->place || same_rec(a->place, b->place))
        return 1;
    /* a headline's own place and a lead that names none: the story's place
     * (a dateline, "BEIRUT (Reuters) -" over Idlib) does not contradict it */
    if (a->headline && !a->place_from_context && b->place_from_context)
        return 1;
    /* a country or admin1 and a place inside it */
    const cev_rec *big = a->place, *small = b->place;
    if (cev_kind_is_place(small->kind) && small->kind == CEV_KIND_COUNTRY) {
        big = b->place;
        small = a->place;
    }
    if (big->kind == CEV_KIND_COUNTRY)
        return small->country && big->country && !strcmp(small->country, big->country);
    if (big->kind == CEV_KIND_ADMIN1 && small->admin1_id && big->id)
        return !strcmp(small->admin1_id, big->id);
    if (small->kind == CEV_KIND_ADMIN1 && big->admin1_id && small->id)
        return !strcmp(big->admin1_id, small->id);
    /* a port, a district or a neighbourhood of the same city */
    if ((a->place->parent_id && b->place->id && !strcmp(a->place->parent_id, b->place->id)) ||
        (b->place->parent_id && a->place->id && !strcmp(b->place->parent_id, a->place->id)))
        return 1;
    return 0;
}

/* A town inside the country or province a report named is more exact. */
static int more_exact(const cev_rec *b, const cev_rec *a)
{
    if (!a || !b || b->kind == CEV_KIND_COUNTRY)
        return 0;
    if (a->kind == CEV_KIND_COUNTRY)
        return b->country && a->country && !strcmp(b->country, a->country);
    if (a->kind == CEV_KIND_REGION && b->kind != CEV_KIND_REGION)
        return b->country && a->country && !strcmp(b->country, a->country);
    return a->kind == CEV_KIND_ADMIN1 && b->kind != CEV_KIND_ADMIN1 && b->admin1_id && a->id &&
           !strcmp(b->admin1_id, a->id);
}

static int actors_compatible(const cev_evc *a, const cev_evc *b)
{
    if (!a->has_actor || !b->has_actor || a->actor_from_context || b->actor_from_context ||
        a->actor_generic || b->actor_generic)
        return 1;
    /* "militants" in a headline, "Al-Shabaab fighters" in the lead */
    if (!cev_actor_is_named(a->actor.actor) || !cev_actor_is_named(b->actor.actor))
        return 1;
    if (a->actor.actor && b->actor.actor)
        return same_rec(a->actor.actor, b->actor.actor) ||
               (a->actor.actor->country && b->actor.actor->country &&
                !strcmp(a->actor.actor->country, b->actor.actor->country));
    return 1;
}

static int dates_compatible(const cev_evc *a, const cev_evc *b)
{
    if (!a->has_date || !b->has_date)
        return 1;
    return a->date.start <= b->date.end && b->date.start <= a->date.end;
}

/* "dozens" in a headline and "at least 35" in the lead are one figure */
static int vague_covers(const cev_quantity *v, const cev_quantity *x)
{
    return v->qual == CEV_Q_VAGUE && x->min >= v->min && (v->max < 0 || x->min <= v->max);
}

static int counts_compatible(const cev_evc *a, const cev_evc *b)
{
    if (a->has_killed && b->has_killed && a->killed.q.min != b->killed.q.min &&
        !vague_covers(&a->killed.q, &b->killed.q) && !vague_covers(&b->killed.q, &a->killed.q))
        return 0;
    return 1;
}

/* Does b, told in another sentence, evidently report a's event, beyond
 * merely not contradicting it: a figure alone right after it, the same
 * kind of event named by a trigger in both ("was kidnapped in Nigeria",
 * then "kidnapped him in Kaduna State"; "the attack" after any), or
 * the same exact toll.  A bare killing ("a trainer was killed") is no kind:
 * "the air strikes around X" later on does not refer back to it. */
static int same_event_evident(const cev_evc *a, const cev_evc *b)
{
    if (b->followup)
        return 1;
    if (a->tr && b->tr &&
        (a->type == b->type || (b->type == CEV_EV_ATTACK && (b->anaphoric || b->definite))))
        return 1;
    if (a->has_killed && b->has_killed && a->killed.q.min == b->killed.q.min &&
        a->killed.q.qual != CEV_Q_VAGUE && b->killed.q.qual != CEV_Q_VAGUE)
        return 1;
    return a->has_injured && b->has_injured && a->injured.q.min == b->injured.q.min &&
           a->injured.q.qual != CEV_Q_VAGUE && b->injured.q.qual != CEV_Q_VAGUE;
}

/* Should the merged event a take the place of its further report b?
 * A place missing or only carried over from the story (a dateline, an
 * earlier sentence) gives way to any, and to one stated outright.  A place
 * stated outright gives way only to a more exact place inside it: always
 * when a headline stated it ("... in Syria" over the lead's Aleppo, or over
 * the lead's dateline town), and when a body sentence stated it, only to a
 * place the other report states itself, when that report becomes the main
 * one or is evidently of the same event: a town named near "air strikes"
 * two sentences on must not move "killed in Syria". */
static int takes_place(const cev_evc *a, const cev_evc *b, int b_better)
{
    if (!a->place)
        return 1;
    if (a->place_from_context)
        return !b->place_from_context;
    if (!more_exact(b->place, a->place))
        return 0;
    /* the dateline's town inside the headline's country */
    if (a->place_headline)
        return 1;
    return !b->place_from_context && (b_better || same_event_evident(a, b));
}

static void take_report(cev_evc *a, const cev_evc *b)
{
    if (a->n_reports < CEV_MAX_REPORTS) {
        a->reports[a->n_reports][0] = b->clause_start;
        a->reports[a->n_reports][1] = b->clause_end;
        a->n_reports++;
    }
    if (b->sent > a->last_sent)
        a->last_sent = b->sent;
    /* the body sentence with figures is the better main report */
    int b_better = !b->followup &&
                   ((a->headline && !b->headline) ||
                    ((b->has_killed || b->has_injured) && !a->has_killed && !a->has_injured));
    if (b_better) {
        a->sent = b->sent;
        a->clause_start = b->clause_start;
        a->clause_end = b->clause_end;
        a->headline = b->headline;
        a->trig_tok = b->trig_tok;
        a->trig_n = b->trig_n;
        a->tr = b->tr;
    }
    /* the body's own actor is more exact than a headline's ("armed groups"
     * in the headline, "the Rada Special Deterrence Force" in the lead) */
    if (b_better && b->has_actor && !b->actor_from_context && b->actor.actor) {
        a->actor = b->actor;
        a->has_actor = 1;
        a->actor_from_context = 0;
        a->actor_generic = b->actor_generic;
    }
    if (b_better && b->has_target && b->target.actor && (!a->has_target || !a->target.actor)) {
        a->target = b->target;
        a->has_target = 1;
    }
    if ((!a->has_actor || a->actor_from_context || (a->actor_generic && !b->actor_generic)) &&
        b->has_actor && !b->actor_from_context) {
        a->actor = b->actor;
        a->has_actor = 1;
        a->actor_from_context = 0;
        a->actor_generic = b->actor_generic;
    }
    if (!a->has_target && b->has_target) {
        a->target = b->target;
        a->has_target = 1;
    }
    if (b->place && takes_place(a, b, b_better)) {
        a->place = b->place;
        a->place_start = b->place_start;
        a->place_end = b->place_end;
        a->lat = b->lat;
        a->lon = b->lon;
        a->offset_applied = b->offset_applied;
        a->place_from_context = b->place_from_context;
        a->place_headline = 0;
    }
    if ((!a->has_date || a->date_from_context) && b->has_date &&
        (!b->date_from_context || !a->has_date)) {
        a->date = b->date;
        a->has_date = 1;
        a->date_from_context = b->date_from_context;
    }
    /* the main report's own figures win over a headline's rounded ones */
    if (b_better && b->has_killed) {
        a->killed = b->killed;
        a->has_killed = 1;
    }
    if (b_better && b->has_injured) {
        a->injured = b->injured;
        a->has_injured = 1;
    }
    if (b->has_killed && (!a->has_killed || b->killed.q.min > a->killed.q.min)) {
        a->killed = b->killed;
        a->has_killed = 1;
    }
    if (b->has_injured && !a->has_injured) {
        a->injured = b->injured;
        a->has_injured = 1;
    }
    if (b->has_abducted && !a->has_abducted) {
        a->abducted = b->abducted;
        a->has_abducted = 1;
    }
    if (!a->has_source && b->has_source) {
        a->src_start = b->src_start;
        a->src_end = b->src_end;
        a->src_rec = b->src_rec;
        a->has_source = 1;
    }
    if (b->confidence > a->confidence)
        a->confidence = b->confidence;
    a->confidence += 0.05;
    if (a->confidence > 1)
        a->confidence = 1;
}

/* May b be a further report of the earlier candidate a?  (Place, actor,
 * date and figures are checked by the caller.) */
static int may_report(const cev_evc *a, const cev_evc *b)
{
    /* a bare figure ("Three soldiers were killed.") adds to whatever
     * violent event was just told, whatever its kind */
    int bare = !b->tr && cev_event_type_is_violent(a->type);
    if (family(a->type) != family(b->type) && !bare)
        return 0;
    /* an air strike and a shelling are two events; a bare killing
     * ("two were killed") or "the attack", "the raid" can report either */
    if (family(a->type) == 1 && a->type != b->type && a->tr && b->tr && !b->anaphoric &&
        !a->headline && !(b->definite && b->type == CEV_EV_ATTACK))
        return 0;
    /* fighting and a capture are one event only at the same named place */
    if (family(a->type) == 2 && a->type != b->type && !bare &&
        (!a->place || !b->place || a->place_from_context || b->place_from_context ||
         !same_rec(a->place, b->place)))
        return 0;
    /* a figure alone belongs to the sentence right before (or its own) */
    if (b->followup)
        return b->sent <= a->last_sent + 1;
    /* two clauses of one sentence are two events */
    if (a->sent == b->sent)
        return 0;
    return b->sent <= a->sent + 2 || a->headline || b->anaphoric ||
           (a->has_actor && b->has_actor && !a->actor_from_context && !b->actor_from_context &&
            a->actor.actor && b->actor.actor && same_rec(a->actor.actor, b->actor.actor) &&
            !b->has_killed);
}

void cev_merge_reports(cev_evlist *l)
{
    for (size_t j = 0; j < l->n; j++) {
        cev_evc *b = &l->v[j];
        if (b->new_event && !b->anaphoric) {
            /* "Elsewhere, five were wounded": a figure with nothing to add to */
            if (b->followup)
                b->dead = 1;
            continue;
        }
        /* look back for the event this clause reports again: the nearest
         * that may be, unless a headline clause gives the same death toll
         * ("Jihadists kill 15 soldiers; army says it struck back" and
         * "killing 15 soldiers" in the lead) */
        int merged = 0;
        cev_evc *pick = NULL, *same_toll = NULL;
        /* only recent candidates: keeps merging linear on huge inputs */
        size_t lookback = 0;
        for (size_t i = j; i-- > 0 && lookback++ < 64;) {
            cev_evc *a = &l->v[i];
            if (a->dead)
                continue;
            if (a->story != b->story)
                break;
            if (!may_report(a, b))
                continue;
            if (!places_compatible(a, b) || !actors_compatible(a, b) ||
                !dates_compatible(a, b) || !counts_compatible(a, b))
                continue;
            if (!pick)
                pick = a;
            if (!b->has_killed || b->killed.q.qual == CEV_Q_VAGUE)
                break;
            if (a->headline && a->has_killed && a->killed.q.min == b->killed.q.min &&
                a->killed.q.qual != CEV_Q_VAGUE) {
                same_toll = a;
                break;
            }
        }
        if (same_toll)
            pick = same_toll;
        if (pick) {
            cev_evc *a = pick;
            take_report(a, b);
            merged = 1;
            /* keep the more specific type */
            if (b->type != a->type && b->type != CEV_EV_ATTACK && a->type == CEV_EV_ATTACK)
                a->type = b->type;
            b->dead = 1;
        }
        /* "the strikes" in a statement about them, with nothing to attach to;
         * a figure alone that adds to nothing */
        if (!merged && ((b->anaphoric && b->statement && !b->has_killed && !b->has_injured) ||
                        b->followup))
            b->dead = 1;
    }
}
