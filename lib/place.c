/* place.c - where an event happened: the most specific place the clause
 * names after a place preposition, in a country the clause names and
 * preferably in the story's country, not an actor's own name ("Syrian
 * troops"); "19 km southwest of X" moves the point; without a place, the
 * story's current place. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "extract_int.h"

/* Pick the place of the clause. */
static const cev_mention *pick_location(const clause *c, const cev_evc *ev)
{
    const cev_mention *best = NULL;
    int best_score = -1000;
    /* countries the clause itself names ("in Syria's Idlib province") */
    const char *named[8];
    size_t n_named = 0;
    for (size_t q = 0; q < c->n_m && n_named < 8; q++) {
        const cev_mention *mq = &c->m[q];
        /* "Turkish rockets", "Syria's" as an actor: not where */
        if (mq->flags & (CEV_M_DEMONYM | CEV_M_FORCE | CEV_M_COMPOUND))
            continue;
        if (mq->actor && (mq->flags & CEV_M_ACTOR) && !(mq->flags & CEV_M_AFTER_PREP) &&
            !(mq->tok + mq->n_toks < c->last &&
              cev_tok_is(c->s, &c->g->toks[mq->tok + mq->n_toks], "'s")))
            continue;
        const cev_rec *r = mq->place;
        if (r && (r->kind == CEV_KIND_COUNTRY || r->kind == CEV_KIND_ADMIN1) && r->country)
            named[n_named++] = r->country;
    }
    for (size_t k = 0; k < c->n_m; k++) {
        const cev_mention *m = &c->m[k];
        if (!m->place)
            continue;
        /* the actor's own name ("Syrian" troops) is not where it happened */
        if (ev->has_actor && m->tok == ev->actor.tok)
            continue;
        if (ev->has_target && m->tok == ev->target.tok && !(m->flags & CEV_M_AFTER_PREP))
            continue;
        if ((m->flags & CEV_M_DEMONYM) || (m->flags & CEV_M_FORCE))
            continue;
        if (n_named && m->place->country && m->place->kind != CEV_KIND_COUNTRY) {
            int ok = 0;
            for (size_t q = 0; q < n_named; q++)
                if (!strcmp(named[q], m->place->country))
                    ok = 1;
            if (!ok)
                continue; /* "Ariha in Syria's Idlib" is not Jericho */
        }
        /* "Moscow had been...", "Russia considers...": an actor, not a place */
        if (m->actor && (m->flags & CEV_M_ACTOR) && !(m->flags & CEV_M_AFTER_PREP))
            continue;
        int score = 0;
        if (m->flags & CEV_M_AFTER_PREP)
            score += 30;
        switch (m->place->kind) {
        case CEV_KIND_NEIGHBOURHOOD: case CEV_KIND_VILLAGE: case CEV_KIND_TOWN:
        case CEV_KIND_CITY: case CEV_KIND_LANDMARK:
            score += 20;
            break;
        case CEV_KIND_ADMIN2: case CEV_KIND_ADMIN1: case CEV_KIND_BORDER_AREA:
            score += 10;
            break;
        default:
            break;
        }
        /* a homonym abroad is less likely than a place in the story's country */
        if (c->country && m->place->country && strcmp(c->country, m->place->country) != 0 &&
            m->place->kind != CEV_KIND_COUNTRY)
            score -= 25;
        /* closer to the trigger is better */
        size_t d = m->tok > ev->trig_tok ? m->tok - ev->trig_tok : ev->trig_tok - m->tok;
        score -= (int)(d > 20 ? 20 : d) / 2;
        if (score > best_score) {
            best_score = score;
            best = m;
        }
    }
    return best;
}

/* "19 kilometers southwest of Raqqa": move the point. */
static void apply_offset(const clause *c, const cev_mention *place, cev_evc *ev)
{
    size_t t = place->tok;
    if (t < c->first + 4 || !tok_is(c->g, c->s, t - 1, "of"))
        return;
    static const struct { const char *w; double bearing; } dirs[] = {
        {"north", 0}, {"northeast", 45}, {"east", 90}, {"southeast", 135}, {"south", 180},
        {"southwest", 225}, {"west", 270}, {"northwest", 315}, {"north-east", 45},
        {"south-east", 135}, {"south-west", 225}, {"north-west", 315}};
    double bearing = -1;
    for (size_t k = 0; k < sizeof dirs / sizeof *dirs; k++)
        if (tok_is(c->g, c->s, t - 2, dirs[k].w))
            bearing = dirs[k].bearing;
    if (bearing < 0)
        return;
    double unit = 0;
    if (tok_is(c->g, c->s, t - 3, "km") || tok_is(c->g, c->s, t - 3, "kilometers") ||
        tok_is(c->g, c->s, t - 3, "kilometres"))
        unit = 1;
    else if (tok_is(c->g, c->s, t - 3, "miles") || tok_is(c->g, c->s, t - 3, "mile"))
        unit = 1.609;
    if (unit == 0 || !(c->g->toks[t - 4].flags & CEV_TOK_NUM))
        return;
    double dist = atof(c->s + c->g->toks[t - 4].start) * unit;
    if (dist <= 0 || dist > 500)
        return;
    double rad = bearing * 3.14159265358979 / 180.0;
    ev->lat += dist / 111.0 * cos(rad);
    ev->lon += dist / (111.0 * cos(ev->lat * 3.14159265358979 / 180.0)) * sin(rad);
    ev->offset_applied = 1;
}

/* Where the event of a clause happened: the clause's best place (moved by
 * "19 km southwest of"), else the story's current place. */
void cev_place_event(const clause *c, const story_ctx *sc, cev_evc *ev)
{
    const cev_mention *pl = pick_location(c, ev);
    if (pl) {
        ev->place = pl->place;
        ev->place_start = pl->start;
        ev->place_end = pl->end;
        ev->lat = pl->place->lat;
        ev->lon = pl->place->lon;
        apply_offset(c, pl, ev);
        /* a country only: the story's city is more precise if it lies inside */
        if (pl->place->kind == CEV_KIND_COUNTRY && sc->place && sc->place->country &&
            pl->place->country && !strcmp(sc->place->country, pl->place->country) &&
            clause_has_word(c, (const char *const[]){"city", "town", "village", NULL})) {
            ev->place = sc->place;
            ev->lat = sc->place->lat;
            ev->lon = sc->place->lon;
            ev->place_from_context = 1;
        }
    } else if (sc->place) {
        ev->place = sc->place;
        ev->place_start = sc->place_start;
        ev->place_end = sc->place_end;
        ev->lat = sc->place->lat;
        ev->lon = sc->place->lon;
        ev->place_from_context = 1;
    }
}

/* Same place, or places in the same first-level unit; unknown places agree. */
int cev_same_area(const cev_rec *a, const cev_rec *b)
{
    if (!a || !b || a == b)
        return 1;
    if (a->id && b->id && !strcmp(a->id, b->id))
        return 1;
    if (a->kind == CEV_KIND_COUNTRY || b->kind == CEV_KIND_COUNTRY)
        return a->country && b->country && !strcmp(a->country, b->country);
    const char *x = a->kind == CEV_KIND_ADMIN1 ? a->id : a->admin1_id;
    const char *y = b->kind == CEV_KIND_ADMIN1 ? b->id : b->admin1_id;
    return x && y && !strcmp(x, y);
}

