/* place.c - where an event happened: the most specific place the clause
 * names after a place preposition or as the trigger's object ("shelled
 * Kfar Kila"), in a country the clause names as a place (the sides of
 * "fighting between Israel and Hezbollah" do not count) and preferably in
 * the story's country, not an actor's own name ("Syrian troops"); in "X, a
 * village near Y" Y only stands in for an unknown X; "19 km southwest of X"
 * moves the point; "on the Syrian-Jordanian border" is a country of the
 * border; without a place, the story's current place (a dateline). */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "extract_int.h"

/* Words that describe a place in an apposition: "Kfar Kila, a village near
 * Marjayoun", "Hroza, 30 km east of Kupiansk". */
static int place_noun(const clause *c, size_t i)
{
    static const char *const w[] = {
        "village", "town", "city", "hamlet", "settlement", "district", "suburb", "township",
        "neighbourhood", "neighborhood", "locality", "area", "port", "camp", "base", "kibbutz",
        "municipality", "commune", "county", "oasis", "outpost", "crossing", "km", "kilometers",
        "kilometres", "miles", "mile", NULL};
    return tok_in(c->g, c->s, i, w);
}

/* How big a place is, by kind: a neighbourhood 1 ... a country 7. */
static int place_size(const cev_rec *r)
{
    switch (r->kind) {
    case CEV_KIND_NEIGHBOURHOOD: return 1;
    case CEV_KIND_VILLAGE: case CEV_KIND_LANDMARK: case CEV_KIND_BORDER_AREA: return 2;
    case CEV_KIND_TOWN: return 3;
    case CEV_KIND_CITY: return 4;
    case CEV_KIND_ADMIN2: return 5;
    case CEV_KIND_ADMIN1: case CEV_KIND_REGION: return 6;
    default: return 7;
    }
}

/* If mention k lies in an apposition describing an earlier place mention
 * ("X, a village near Y", "X, about 30 km north of Y"), the index of X's
 * mention, else -1: Y only says where X is. */
static long apposition_head(const clause *c, size_t k)
{
    const cev_mention *m = &c->m[k];
    for (size_t h = k; h-- > 0;) {
        const cev_mention *x = &c->m[h];
        size_t comma = x->tok + x->n_toks;
        if (comma >= m->tok)
            continue;
        if (m->tok - comma > 10)
            break;
        if (!x->place || place_size(x->place) > 5 || !tok_is(c->g, c->s, comma, ","))
            continue;
        /* ", a village near", ", about 30 km north of", ", west of the city of" */
        static const char *const opens[] = {
            "a", "an", "the", "about", "some", "around", "roughly", "nearly", "approximately",
            "just", "near", "outside", "north", "south", "east", "west", "northeast",
            "northwest", "southeast", "southwest", "north-east", "north-west", "south-east",
            "south-west", "small", NULL};
        if (comma + 1 >= m->tok ||
            (!tok_in(c->g, c->s, comma + 1, opens) &&
             !(c->g->toks[comma + 1].flags & CEV_TOK_NUM)))
            return -1;
        /* Y no more exact than X: "In Kharkiv, the district of Saltivka" is not
         * an apposition */
        if (place_size(m->place) < place_size(x->place))
            return -1;
        /* a described noun soon after the comma, no other comma before Y */
        int noun = 0;
        size_t i = comma + 1;
        for (; i < m->tok; i++) {
            if (tok_is(c->g, c->s, i, ",") || tok_is(c->g, c->s, i, ";"))
                break;
            if (i <= comma + 5 && place_noun(c, i))
                noun = 1;
        }
        if (i == m->tok && noun)
            return (long)h;
        return -1;
    }
    return -1;
}

/* Is m the event's own actor or target ("fighting between Israel and
 * Hezbollah"): a belligerent's name, not where it happened. */
static int is_role(const cev_evc *ev, const cev_mention *m)
{
    return (ev->has_actor && !ev->actor_from_context && m->tok == ev->actor.tok) ||
           (ev->has_target && m->tok == ev->target.tok);
}

/* Is the mention followed by a possessive: "Syria's Idlib province"? */
static int possessive_after(const clause *c, const cev_mention *m)
{
    return m->tok + m->n_toks < c->last &&
           cev_tok_is(c->s, &c->g->toks[m->tok + m->n_toks], "'s");
}

/* Pick the place of the clause. */
static const cev_mention *pick_location(const clause *c, const cev_evc *ev)
{
    /* countries the clause itself names ("in Syria's Idlib province") */
    const char *named[8];
    size_t n_named = 0;
    for (size_t q = 0; q < c->n_m && n_named < 8; q++) {
        const cev_mention *mq = &c->m[q];
        /* "Turkish rockets", "Syria's" as an actor: not where */
        if (mq->flags & (CEV_M_DEMONYM | CEV_M_FORCE | CEV_M_COMPOUND))
            continue;
        if (mq->actor && (mq->flags & CEV_M_ACTOR) && !(mq->flags & CEV_M_AFTER_PREP) &&
            !possessive_after(c, mq))
            continue;
        /* "between Israel and Hezbollah": the sides do not bound the place */
        if (mq->actor && is_role(ev, mq) && !possessive_after(c, mq))
            continue;
        const cev_rec *r = mq->place;
        if (r && (r->kind == CEV_KIND_COUNTRY || r->kind == CEV_KIND_ADMIN1) && r->country)
            named[n_named++] = r->country;
    }
    int score[CEV_MAX_MENTIONS];
    size_t n = c->n_m < CEV_MAX_MENTIONS ? c->n_m : CEV_MAX_MENTIONS;
    for (size_t k = 0; k < n; k++) {
        const cev_mention *m = &c->m[k];
        score[k] = INT_MIN;
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
        int sc = 0;
        /* after a place preposition, or the trigger's own object ("shelled
         * Kfar Kila", "captured Khan Sheikhoun") */
        if ((m->flags & CEV_M_AFTER_PREP) || (m->tok == ev->trig_tok + ev->trig_n &&
                                             m->place->kind != CEV_KIND_COUNTRY))
            sc += 30;
        switch (m->place->kind) {
        case CEV_KIND_NEIGHBOURHOOD: case CEV_KIND_VILLAGE: case CEV_KIND_TOWN:
        case CEV_KIND_CITY: case CEV_KIND_LANDMARK:
            sc += 20;
            break;
        case CEV_KIND_ADMIN2: case CEV_KIND_ADMIN1: case CEV_KIND_BORDER_AREA:
            sc += 10;
            break;
        default:
            break;
        }
        /* a homonym abroad is less likely than a place in the story's country */
        if (c->country && m->place->country && strcmp(c->country, m->place->country) != 0 &&
            m->place->kind != CEV_KIND_COUNTRY)
            sc -= 25;
        /* closer to the trigger is better */
        size_t d = m->tok > ev->trig_tok ? m->tok - ev->trig_tok : ev->trig_tok - m->tok;
        sc -= (int)(d > 20 ? 20 : d) / 2;
        score[k] = sc;
    }
    /* "X, a village near Y": Y is only a fallback for X */
    for (size_t k = 0; k < n; k++) {
        if (score[k] == INT_MIN)
            continue;
        long h = apposition_head(c, k);
        if (h < 0 || score[h] == INT_MIN)
            continue;
        /* "Barranca, a village 180 km from Lima": X abroad is a homonym */
        const cev_rec *x = c->m[h].place, *y = c->m[k].place;
        if (x->country && y->country && strcmp(x->country, y->country) != 0)
            score[h] = INT_MIN;
        else if (score[k] >= score[h])
            score[k] = score[h] - 1;
    }
    const cev_mention *best = NULL;
    int best_score = -1000;
    for (size_t k = 0; k < n; k++) {
        if (score[k] != INT_MIN && score[k] > best_score) {
            best_score = score[k];
            best = &c->m[k];
        }
    }
    return best;
}

/* "on the Syrian-Jordanian border", "near the border with Jordan", "the
 * Afghan border": a country of the border, the story's own when it is one. */
static const cev_rec *border_country(const clause *c, size_t *start, size_t *end)
{
    for (size_t i = c->first; i < c->last; i++) {
        if (!tok_is(c->g, c->s, i, "border") && !tok_is(c->g, c->s, i, "frontier"))
            continue;
        /* "on/near/along the ... border": where, not "border guards" */
        size_t p = i;
        while (p > c->first && (mention_at(c, p - 1) || tok_is(c->g, c->s, p - 1, "-") ||
                                tok_is(c->g, c->s, p - 1, "/") || tok_is(c->g, c->s, p - 1, "and")))
            p--;
        if (p > c->first && tok_is(c->g, c->s, p - 1, "the"))
            p--;
        if (p == c->first || !cev_lex_is_place_prep(c->s, &c->g->toks[p - 1]) ||
            tok_is(c->g, c->s, p - 1, "of"))
            continue;
        const cev_rec *got = NULL;
        for (size_t k = 0; k < c->n_m; k++) {
            const cev_mention *m = &c->m[k];
            size_t e = m->tok + m->n_toks;
            int before = e <= i && e + 3 >= i;
            int after = m->tok > i && m->tok <= i + 4 &&
                        (tok_is(c->g, c->s, i + 1, "with") ||
                         tok_is(c->g, c->s, i + 1, "between"));
            if (!before && !after)
                continue;
            /* only country names and demonyms between them and the word */
            int clean = 1;
            for (size_t j = before ? e : i + 2; j < (before ? i : m->tok); j++)
                if (!tok_is(c->g, c->s, j, "-") && !tok_is(c->g, c->s, j, "and") &&
                    !tok_is(c->g, c->s, j, "/") && !mention_at(c, j))
                    clean = 0;
            if (!clean)
                continue;
            const char *cc = NULL;
            if (m->place && m->place->kind == CEV_KIND_COUNTRY)
                cc = m->place->country;
            else if (m->actor && m->actor->kind == CEV_KIND_COUNTRY)
                cc = m->actor->country;
            const cev_rec *r = cc ? cev_ctx_find(c->ctx, cc) : NULL;
            if (!r || r->kind != CEV_KIND_COUNTRY)
                continue;
            /* "near the border with Jordan" in a Syrian story: the story's side */
            if (after && c->country && strcmp(c->country, cc) != 0) {
                const cev_rec *own = cev_ctx_find(c->ctx, c->country);
                if (own && own->kind == CEV_KIND_COUNTRY) {
                    r = own;
                    cc = c->country;
                }
            }
            if (!got || (c->country && !strcmp(c->country, cc))) {
                got = r;
                *start = before ? m->start : c->g->toks[i].start;
                *end = before ? c->g->toks[i].end : m->end;
            }
        }
        if (got)
            return got;
    }
    return NULL;
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

/* "northern Syria", "eastern Aleppo": the words as written include the
 * part of the place. */
static size_t region_start(const clause *c, const cev_mention *m)
{
    static const char *const w[] = {
        "northern", "southern", "eastern", "western", "central", "northeastern",
        "northwestern", "southeastern", "southwestern", "north-eastern", "north-western",
        "south-eastern", "south-western", NULL};
    size_t t = m->tok;
    if (t > c->first && (m->place->kind == CEV_KIND_COUNTRY || m->place->kind == CEV_KIND_ADMIN1 ||
                         m->place->kind == CEV_KIND_REGION) &&
        tok_in(c->g, c->s, t - 1, w) && !mention_at(c, t - 1))
        return c->g->toks[t - 1].start;
    return m->start;
}

/* Does the clause speak of the story's place: "the city" for a city,
 * "the town" for a town...? */
static int speaks_of(const clause *c, const cev_rec *story_place)
{
    static const char *const city[] = {"city", "town", NULL};
    static const char *const village[] = {"village", "town", NULL};
    const char *const *words;
    switch (story_place->kind) {
    case CEV_KIND_CITY: case CEV_KIND_TOWN: words = city; break;
    case CEV_KIND_VILLAGE: words = village; break;
    default: return 0;
    }
    for (size_t i = c->first + 1; i < c->last; i++)
        if (tok_in(c->g, c->s, i, words) &&
            (tok_is(c->g, c->s, i - 1, "the") || tok_is(c->g, c->s, i - 1, "this")))
            return 1;
    return 0;
}

/* The event takes place r, written at [start, end) (from_context: not in its
 * own clause). */
static void set_place(cev_evc *ev, const cev_rec *r, size_t start, size_t end,
                      int from_context)
{
    ev->place = r;
    ev->place_start = start;
    ev->place_end = end;
    ev->lat = r->lat;
    ev->lon = r->lon;
    ev->place_from_context = from_context;
}

/* Where the event of a clause happened: the clause's best place (moved by
 * "19 km southwest of"), else the story's current place. */
void cev_place_event(const clause *c, const story_ctx *sc, cev_evc *ev)
{
    const cev_mention *pl = pick_location(c, ev);
    const cev_rec *border;
    size_t bs = 0, be = 0;
    if (pl) {
        set_place(ev, pl->place, region_start(c, pl), pl->end, ev->place_from_context);
        apply_offset(c, pl, ev);
        /* a country only: the story's city is more precise if it lies inside
         * and the clause speaks of it ("the city"; "a village in Lebanon" is
         * not the dateline's Beirut) */
        if (pl->place->kind == CEV_KIND_COUNTRY && sc->place && sc->place->country &&
            pl->place->country && !strcmp(sc->place->country, pl->place->country) &&
            speaks_of(c, sc->place))
            set_place(ev, sc->place, sc->place_start, sc->place_end, 1);
    } else if ((border = border_country(c, &bs, &be)) != NULL) {
        set_place(ev, border, bs, be, ev->place_from_context);
    } else if (sc->place) {
        set_place(ev, sc->place, sc->place_start, sc->place_end, 1);
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

