/* extract.c - from a segmented document to event records.
 *
 * For every clause of every body sentence and headline:
 *   1. mentions: actors, victims and places (mentions.c)
 *   2. triggers: the strongest event word of the clause (lexicon.c), unless
 *      it is negated, hypothetical, about the future or not violent in this
 *      sense (senses.c)
 *   3. roles: actor and target from active, passive and nominal forms
 *      (roles.c)
 *   4. where (place.c), when, how many, according to whom
 * A story context (stories come from layout.c; story.c) supplies what a
 * clause leaves out: the date anchor, the place being talked about, who is
 * striking.  Finally reports of one event in several sentences are merged
 * (discourse.c).  This file splits sentences into clauses and builds the
 * event of each. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claims.h"
#include "extract_int.h"

/* ---- word lists ------------------------------------------------------------- */

/* shared with roles.c and senses.c (extract_int.h) */
const char *const cev_be_words[] = {"was", "were", "been", "being", "is", "are", "be", "got",
                                    "get", NULL};
const char *const cev_aircraft_words[] = {
    "air", "aerial", "jets", "jet", "warplanes", "warplane", "aircraft", "planes", "plane",
    "drone", "drones", "aviation", "helicopter", "helicopters", "bombers", "airstrike",
    "airstrikes", "f-16", "f-18", "sukhoi", "gunships", "air-strikes", "mig", "airplanes",
    "airplane", NULL};
const char *const cev_statement_words[] = {
    "said", "says", "condemned", "condemns", "criticized", "criticised", "criticizing",
    "criticising", "denounced", "dispute", "disagreement", "considers", "called",
    "accused", "denied", "complained", "statement", "maintained", "claimed", "protested",
    "warned", "response", "reaction", NULL};

static const char *const k_ground_weapons[] = {"rockets", "rocket", "shells", "artillery",
                                               "mortar", "mortars", "missiles", "missile",
                                               "howitzers", "tank", "tanks", NULL};
static const char *const k_ground_words[] = {
    "villages", "village", "towns", "town", "city", "cities", "heights", "hill", "hills",
    "positions", "position", "areas", "area", "territory", "territories", "district",
    "districts", "neighbourhood", "neighbourhoods", "neighborhood", "neighborhoods", "base",
    "bases", "airport", "bridge", "checkpoint", "checkpoints", "road", "roads", "crossing",
    "outskirts", "region", "province", "suburbs", "frontier", "border", "ground",
    "settlements", "localities", "posts", "outposts", "stronghold", "strongholds",
    "countryside", "route", "routes", "highway", "front", "frontline", "front-line", NULL};
static const char *const k_anaphora[] = {"the", "these", "those", "its", "their", "this",
                                         "such", "his", "her", "that", NULL};
static const char *const k_buildings[] = {
    "hotel", "school", "mosque", "church", "market", "hospital", "restaurant", "house",
    "home", "prison", "station", "compound", "office", "offices", "building", "bank",
    "camp", "shop", "cafe", "wedding", "funeral", "bus", NULL};
static const char *const k_clause_splitters[] = {"amid", "while", "whereas", "despite", NULL};
static const char *const k_new_event[] = {"another", "second", "separate", "separately",
                                          "fresh", "new", "other", "further", "also",
                                          "meanwhile", "elsewhere", NULL};
/* for a figure alone "also" and "other" add to the event before ("Two other
 * soldiers were also wounded"); these still start a new one */
static const char *const k_new_event_strong[] = {"another", "second", "separate",
                                                 "separately", "meanwhile", "elsewhere",
                                                 NULL};

/* "Government forces, despite the truce, shelled ...": a concessive phrase
 * set off by commas inside the sentence is an aside, not the start of the
 * next clause (the clause keeps its subject and its figures). */
static int concessive_aside(const cev_seg *g, const char *s, size_t a, size_t b, size_t end)
{
    if (!cev_tok_is(s, &g->toks[b], "despite"))
        return 0;
    /* only between a subject and its verb: after a trigger ("shelled the
     * town, despite the truce, ...") the phrase is the clause's tail */
    for (size_t i = a; i < b; i++) {
        const cev_trigger *tr;
        if (cev_lex_trigger(s, g->toks, i, b, &tr))
            return 0;
    }
    for (size_t i = b + 1; i + 1 < end; i++) {
        if (cev_tok_is(s, &g->toks[i], ";"))
            return 0;
        /* ", despite X, which ...": the relative clause is about X, the
         * main clause has ended */
        if (cev_tok_is(s, &g->toks[i], ","))
            return !cev_lex_is_clause_break(s, &g->toks[i + 1]);
    }
    return 0;
}

/* ---- event types ------------------------------------------------------------- */

int cev_type_family(int type)
{
    switch (type) {
    case CEV_EV_AIR_STRIKE:
    case CEV_EV_SHELLING:
    case CEV_EV_BOMBING:
    case CEV_EV_CHEMICAL_ATTACK:
    case CEV_EV_ATTACK:
        return 1;
    case CEV_EV_ARMED_CLASH:
    case CEV_EV_TERRITORY_CHANGE:
        return 2;
    case CEV_EV_ABDUCTION:
        return 3;
    }
    return 10 + type;
}

/* Specific types win over generic ones when a clause has several triggers. */
int cev_type_rank(int type)
{
    switch (type) {
    case CEV_EV_CHEMICAL_ATTACK: return 9;
    case CEV_EV_AIR_STRIKE: return 8;
    case CEV_EV_BOMBING: return 7;
    case CEV_EV_SHELLING: return 6;
    case CEV_EV_ABDUCTION: return 5;
    case CEV_EV_TERRITORY_CHANGE: return 4;
    case CEV_EV_ARMED_CLASH: return 3;
    case CEV_EV_ATTACK: return 2;
    }
    return 1;
}

/* A generic "strike", "attack", "bombing" takes a specific type from context. */
static int refine_type(const clause *c, const cev_trigger *tr, const cev_evc *ev,
                       const story_ctx *sc)
{
    int type = tr->type;
    /* instruments named before the trigger or with "with"; "a missile launch
     * site" after it is the target, not the weapon */
    int air = 0, ground = 0, suicide = 0;
    for (size_t i = c->first; i < c->last; i++) {
        int before = i < ev->trig_tok + ev->trig_n;
        int with = i > c->first && (tok_is(c->g, c->s, i - 1, "with") ||
                                    tok_is(c->g, c->s, i - 1, "using"));
        if (!before && !with)
            continue;
        /* "suicide bombers" are people with explosives, not aircraft */
        if (i > c->first && tok_is(c->g, c->s, i - 1, "suicide") &&
            (tok_is(c->g, c->s, i, "bomber") || tok_is(c->g, c->s, i, "bombers"))) {
            suicide = 1;
            continue;
        }
        if (tok_in(c->g, c->s, i, cev_aircraft_words))
            air = 1;
        if (tok_in(c->g, c->s, i, k_ground_weapons))
            ground = 1;
    }
    if (type == CEV_EV_BOMBING && air &&
        !clause_has_word(c, (const char *const[]){"car", "suicide", "roadside", "bomber",
                                                  "explosive", "ied", NULL}))
        return CEV_EV_AIR_STRIKE;
    if (tr->type == CEV_EV_CHEMICAL_ATTACK)
        return type;
    if (tr->flags & CEV_TRIG_GENERIC) {
        if (air)
            return CEV_EV_AIR_STRIKE;
        if (suicide) /* "suicide bombers attacked a bus station" */
            return CEV_EV_BOMBING;
        if (ground && type != CEV_EV_BOMBING)
            return CEV_EV_SHELLING;
        /* "US strikes", "Israeli strikes": a state's strikes are from the air */
        int strike_word = cev_tok_is(c->s, &c->g->toks[ev->trig_tok], "strike") ||
                          cev_tok_is(c->s, &c->g->toks[ev->trig_tok], "strikes") ||
                          cev_tok_is(c->s, &c->g->toks[ev->trig_tok], "struck") ||
                          cev_tok_is(c->s, &c->g->toks[ev->trig_tok], "bombing") ||
                          cev_tok_is(c->s, &c->g->toks[ev->trig_tok], "bombed") ||
                          cev_tok_is(c->s, &c->g->toks[ev->trig_tok], "bombings");
        if (strike_word && ev->has_actor && ev->actor.actor &&
            (ev->actor.actor->kind == CEV_KIND_COUNTRY ||
             ev->actor.actor->kind == CEV_KIND_MILITARY ||
             ev->actor.actor->kind == CEV_KIND_GOVERNMENT))
            return CEV_EV_AIR_STRIKE;
        if (strike_word && sc->last_violent_type == CEV_EV_AIR_STRIKE)
            return CEV_EV_AIR_STRIKE;
        if (type == CEV_EV_SHELLING) /* "pounded" without artillery words */
            return sc->last_violent_type ? sc->last_violent_type : CEV_EV_ATTACK;
        if (type == CEV_EV_BOMBING && !clause_has_word(c, (const char *const[]){
                                                             "car", "suicide", "roadside",
                                                             "bomber", "explosive", NULL}))
            return strike_word ? CEV_EV_BOMBING : type;
    }
    if (tr->flags & CEV_TRIG_WEAPON) {
        if (air && (tr->type == CEV_EV_BOMBING))
            return CEV_EV_AIR_STRIKE;
    }
    return type;
}

/* "according to X", "X said": who reports it. */
static void find_source(const clause *c, size_t sent_first, size_t sent_last, cev_evc *ev)
{
    const cev_seg *g = c->g;
    const char *s = c->s;
    for (size_t i = sent_first; i + 1 < sent_last; i++) {
        if (tok_is(g, s, i, "according") && tok_is(g, s, i + 1, "to")) {
            size_t a = i + 2, b = a;
            while (b < sent_last && !tok_is(g, s, b, ",") && !tok_is(g, s, b, ".") &&
                   !tok_is(g, s, b, "that") && b - a < 12)
                b++;
            if (b > a) {
                ev->src_start = g->toks[a].start;
                ev->src_end = g->toks[b - 1].end;
                ev->has_source = 1;
                for (size_t k = 0; k < c->n_m; k++)
                    if (c->m[k].tok >= a && c->m[k].tok < b && c->m[k].actor)
                        ev->src_rec = c->m[k].actor;
                return;
            }
        }
    }
    for (size_t i = sent_first + 1; i < sent_last; i++) {
        if (!cev_lex_is_speech_verb(s, &g->toks[i]))
            continue;
        /* subject: back to a comma, a quote or the sentence start */
        size_t b = i, a = i;
        while (a > sent_first && !tok_is(g, s, a - 1, ",") && !tok_is(g, s, a - 1, "\"") &&
               i - a < 9)
            a--;
        if (a == b || i - a >= 9)
            continue;
        if (tok_is(g, s, a, "the") && b - a == 1)
            continue;
        /* pronouns say nothing */
        if (b - a == 1 && (tok_is(g, s, a, "he") || tok_is(g, s, a, "she") ||
                           tok_is(g, s, a, "they") || tok_is(g, s, a, "it") ||
                           tok_is(g, s, a, "we")))
            continue;
        ev->src_start = g->toks[a].start;
        ev->src_end = g->toks[b - 1].end;
        ev->has_source = 1;
        for (size_t k = 0; k < c->n_m; k++)
            if (c->m[k].tok >= a && c->m[k].tok < b && c->m[k].actor)
                ev->src_rec = c->m[k].actor;
        return;
    }
}

static int words_between_have(const clause *c, size_t a, size_t b, const char *const *list)
{
    for (size_t i = a; i < b; i++)
        if (tok_in(c->g, c->s, i, list))
            return 1;
    return 0;
}

/* "for more than 15 years", "for decades", "over the past five years":
 * the clause describes a long stretch of time, not an event. */
static int has_duration(const clause *c)
{
    static const char *const units[] = {"years", "year", "decades", "months", "decade",
                                        "weeks", "days", NULL};
    for (size_t i = c->first; i + 1 < c->last; i++) {
        if (!tok_is(c->g, c->s, i, "for") && !tok_is(c->g, c->s, i, "over") &&
            !tok_is(c->g, c->s, i, "during"))
            continue;
        for (size_t k = i + 1; k < c->last && k <= i + 5; k++)
            if (tok_in(c->g, c->s, k, units))
                return 1;
    }
    return 0;
}

/* Is the date expression right after a speech verb ("said on Monday",
 * "told Reuters on Friday")? */
static int said_date(const cev_seg *g, const char *s, const clause *c, const cev_date_mention *d)
{
    for (size_t i = c->first; i < c->last; i++) {
        if (g->toks[i].start < d->off)
            continue;
        /* i is the first token of the date; look back over "on", a name */
        for (size_t k = i; k > c->first && k + 4 > i; k--)
            if (cev_lex_is_speech_verb(s, &g->toks[k - 1]))
                return 1;
        return 0;
    }
    return 0;
}

/* "Even though a ceasefire was declared last week, rebels attacked ... on
 * Monday", "despite a truce agreed in March": a date inside a concessive
 * phrase dates what is conceded, not the event (unless the trigger is in
 * the phrase too). */
static int concessive_date(const clause *c, const cev_date_mention *d, size_t trig)
{
    size_t i = c->first;
    while (i < c->last && c->g->toks[i].start < d->off)
        i++;
    for (size_t k = i; k-- > c->first;) {
        if (tok_is(c->g, c->s, k, ","))
            return 0;
        if (cev_concessive_at(c, k))
            return trig < k || trig >= i;
    }
    return 0;
}

/* "Hours later, ...", "The same day, ...": told as the sequel of the event before. */
static int starts_sequel(const clause *c)
{
    static const char *const unit[] = {"hours", "minutes", "moments", "shortly", NULL};
    size_t f = c->first;
    if (tok_in(c->g, c->s, f, unit) &&
        (tok_is(c->g, c->s, f + 1, "later") || tok_is(c->g, c->s, f + 1, "afterwards") ||
         tok_is(c->g, c->s, f + 1, "after")))
        return 1;
    return tok_is(c->g, c->s, f, "the") && tok_is(c->g, c->s, f + 1, "same") &&
           tok_is(c->g, c->s, f + 2, "day");
}

/* The event figure of one kind (cev_casualty_pick): the first figure that
 * is not a toll over a long period, its quantity the sum of its group and
 * its span running to the group's last member.  NULL when there is none. */
static const cev_casualty *pick_figure(const cev_casualty *cas, size_t n, int kind,
                                       cev_casualty *out)
{
    cev_quantity q;
    int i = cev_casualty_pick(cas, n, kind, &q);
    if (i < 0)
        return NULL;
    *out = cas[i];
    out->q = q;
    if (out->group > 0)
        for (size_t j = (size_t)i + 1; j < n; j++)
            if (cas[j].kind == kind && cas[j].group == out->group && !cas[j].aggregate &&
                cas[j].end > out->end)
                out->end = cas[j].end;
    return out;
}

/* Build the event of one clause, or return 0 when it reports none. */
static int clause_event(clause *c, story_ctx *sc, const cev_extract_opts *opts, int block_kind,
                        cev_evc *ev)
{
    const cev_seg *g = c->g;
    const char *s = c->s;
    memset(ev, 0, sizeof *ev);
    if (c->last <= c->first || cev_clause_is_hypothetical(c))
        return 0;
    size_t cstart = g->toks[c->first].start, cend = g->toks[c->last - 1].end;

    /* casualty figures of the clause */
    cev_casualty cas[8], picked[3];
    size_t n_cas = cev_casualties_scan(s, cstart, cend, cas, 8);
    int aggregate = 0;
    for (size_t k = 0; k < n_cas; k++)
        if (cas[k].aggregate)
            aggregate = 1;
    /* per kind the first event figure with the rest of its group: "a woman
     * and her two sons" 1 + 2, "killed 5 civilians and 3 soldiers" 5 + 3 */
    const cev_casualty *killed = pick_figure(cas, n_cas, CEV_CAS_KILLED, &picked[0]);
    const cev_casualty *injured = pick_figure(cas, n_cas, CEV_CAS_INJURED, &picked[1]);
    const cev_casualty *abducted = pick_figure(cas, n_cas, CEV_CAS_ABDUCTED, &picked[2]);

    if (cev_time_distance_background(c, n_cas ? cas[0].start : cend))
        return 0;
    const cev_trigger *tr = NULL;
    size_t tn = 0;
    c->has_figure = killed || injured || abducted;
    size_t ti = cev_find_trigger(c, &tr, &tn);
    /* "killed 22 villagers and abducted dozens": the killing leads */
    if (ti != SIZE_MAX && tr->type == CEV_EV_ABDUCTION && killed) {
        ev->type = CEV_EV_ATTACK;
        ti = SIZE_MAX;
        tr = NULL;
    }
    int casualty_only = 0, has_abducted_fig = 0;
    if (ti == SIZE_MAX) {
        if (!killed && !abducted && !injured)
            return 0;
        if (abducted)
            has_abducted_fig = 1;
        /* a killing reported without an event word: "a trainer was killed";
         * a wounding alone ("One soldier was wounded.") only adds to the
         * event told just before */
        casualty_only = 1;
        ev->followup = !killed && !abducted;
        const cev_casualty *cs = killed ? killed : abducted ? abducted : injured;
        ev->type = abducted && !killed ? CEV_EV_ABDUCTION : CEV_EV_ATTACK;
        CEV_UNUSED(has_abducted_fig);
        ev->trig_tok = c->first;
        for (size_t i = c->first; i < c->last; i++)
            if (g->toks[i].start >= cs->end) {
                ev->trig_tok = i;
                break;
            }
        ev->trig_n = 1;
    } else {
        ev->trig_tok = ti;
        ev->trig_n = tn;
        ev->type = tr->type;
    }
    if (!cev_event_type_is_violent(ev->type) && !opts->nonviolent)
        return 0;
    /* weak triggers need support: a figure, an armed actor or a place */
    if (tr && (tr->flags & CEV_TRIG_WEAK) && !killed && !injured) {
        int support = 0;
        for (size_t k = 0; k < c->n_m; k++)
            if ((can_be_actor(&c->m[k]) || c->m[k].place))
                support = 1;
        if (!support)
            return 0;
    }
    /* tolls over long periods are not events, and neither is what a group
     * "has fought for 15 years" */
    if (aggregate && !killed && !injured)
        return 0;
    if (has_duration(c))
        return 0;

    /* a territory change happens somewhere: a named place or a word for ground */
    if (tr && tr->type == CEV_EV_TERRITORY_CHANGE) {
        int ground = clause_has_word(c, k_ground_words);
        for (size_t k = 0; k < c->n_m && !ground; k++)
            if (c->m[k].place && c->m[k].place->kind != CEV_KIND_COUNTRY &&
                !(c->m[k].flags & (CEV_M_DEMONYM | CEV_M_FORCE)))
                ground = 1;
        if (!ground)
            return 0;
    }
    if (tr && (tr->flags & CEV_TRIG_NOUN)) {
        size_t t0 = ev->trig_tok;
        if (t0 > c->first && tok_in(g, s, t0 - 1, k_anaphora))
            ev->definite = 1;
        cev_mention *mod = t0 > c->first ? mention_at(c, t0 - 1) : NULL;
        if (mod && mod->tok > c->first && tok_in(g, s, mod->tok - 1, k_anaphora))
            ev->definite = 1;
        /* with figures of its own the clause may still be a new event */
        ev->anaphoric = ev->definite && !killed && !injured;
    }
    /* a trigger in a temporal clause ("before the US struck") points at an
     * event told elsewhere */
    int temporal_ref = 0;
    for (size_t i = ev->trig_tok > c->first + 6 ? ev->trig_tok - 6 : c->first; i < ev->trig_tok; i++)
        if (tok_is(g, s, i, "before") || tok_is(g, s, i, "until"))
            temporal_ref = 1;
    ev->statement = clause_has_word(c, cev_statement_words);

    size_t t = ev->trig_tok;
    int passive = 0;
    if (tr && (tr->flags & CEV_TRIG_PASSIVE)) {
        for (size_t i = t > c->first + 3 ? t - 3 : c->first; i < t; i++)
            if (tok_in(g, s, i, cev_be_words))
                passive = 1;
    }
    size_t kill_verb = SIZE_MAX; /* the active killing verb of a bare figure */
    if (casualty_only) {
        passive = 1;
        /* "Russia launched drones at Odesa, killing two": an active killing
         * verb has the clause's subject as its actor */
        const cev_casualty *cs = killed ? killed : abducted ? abducted : injured;
        int active = 0;
        for (size_t i = c->first; i < c->last; i++) {
            if (g->toks[i].end <= cs->start && (tok_is(g, s, i, "killing") ||
                                                 tok_is(g, s, i, "killed") ||
                                                 tok_is(g, s, i, "kills") ||
                                                 tok_is(g, s, i, "abducting") ||
                                                 tok_is(g, s, i, "kidnapping"))) {
                active = !(i > c->first && tok_in(g, s, i - 1, cev_be_words)) &&
                         !(i > c->first + 1 && tok_in(g, s, i - 2, cev_be_words));
                if (active && kill_verb == SIZE_MAX)
                    kill_verb = i;
                if (active) {
                    cev_mention *subj = cev_actor_before(c, i, 30);
                    if (subj && !(subj->flags & CEV_M_AFTER_PREP)) {
                        ev->actor = *subj;
                        ev->has_actor = 1;
                        passive = 0; /* the subject acts; the victims follow */
                        /* "coalition jets killed 12": aircraft that kill strike
                         * from the air (nouns only: "Air Force officers" do not) */
                        static const char *const craft[] = {
                            "jets", "jet", "warplanes", "warplane", "aircraft", "planes",
                            "drone", "drones", "helicopter", "helicopters", "gunships",
                            "bombers", NULL};
                        if (ev->type == CEV_EV_ATTACK)
                            for (size_t k = subj->tok; k < i; k++) /* subject to verb */
                                if (tok_in(g, s, k, craft) &&
                                    !(k > c->first && tok_is(g, s, k - 1, "suicide")))
                                    ev->type = CEV_EV_AIR_STRIKE;
                    }
                }
            }
        }
    }

    /* the subject of an active killing, found above */
    int killing_subject = ev->has_actor;

    /* ---- roles ---- */
    cev_mention *actor = NULL, *target = NULL;
    if (passive) {
        actor = cev_agent_by(c, t + ev->trig_n, 6);
        /* the subject is the target */
        for (size_t k = 0; k < c->n_m; k++) {
            cev_mention *m = &c->m[k];
            if (m->tok + m->n_toks <= t && (can_be_actor(m) || (m->flags & CEV_M_VICTIM)) &&
                !(m->flags & CEV_M_AFTER_PREP) && !(m->flags & CEV_M_SOURCE))
                target = m;
        }
        /* "killed in US strikes": a trigger noun after the verb names the actor */
        if (!actor) {
            const cev_trigger *tr2;
            for (size_t i = t + ev->trig_n; i < c->last && i < t + 8; i++) {
                size_t n2 = cev_lex_trigger(s, g->toks, i, c->last, &tr2);
                /* "killed in US strikes", not "killed 22 and abducted dozens" */
                if (n2 && cev_event_type_is_violent(tr2->type) && cev_type_family(tr2->type) == 1 &&
                    (tr2->flags & CEV_TRIG_NOUN)) {
                    actor = cev_actor_before(c, i, 3);
                    if (actor && actor->tok < t)
                        actor = NULL;
                    if (!tr || cev_type_rank(tr2->type) > cev_type_rank(ev->type) ||
                        casualty_only) {
                        ev->type = tr2->type;
                        tr = tr2;
                        ev->trig_tok = i;
                        ev->trig_n = n2;
                        casualty_only = 0;
                    }
                    break;
                }
            }
        }
    } else if (tr && (tr->flags & CEV_TRIG_NOUN) && !(tr->flags & CEV_TRIG_VERB &&
                                                      t > c->first &&
                                                      cev_actor_before(c, t, 1) == NULL &&
                                                      0)) {
        actor = cev_actor_before(c, t, 4);
        if (actor && !cev_np_gap_ok(c, actor->tok + actor->n_toks, t))
            actor = NULL;
        cev_mention *by = cev_agent_by(c, t + ev->trig_n, 3);
        if (by)
            actor = by;
        if (!actor) {
            actor = cev_actor_before(c, t, 25);
            /* "guerrillas wounded two British soldiers in a bomb attack":
             * the object of the verb is the target, its subject the actor */
            size_t vt = actor ? cev_object_verb(c, actor) : SIZE_MAX;
            if (vt != SIZE_MAX) {
                if (!target)
                    target = actor;
                actor = cev_actor_before(c, vt, 25);
            }
            /* "the rebels complained about two air strikes": the speaker
             * of a statement is not the actor of what it is about */
            if (actor && words_between_have(c, actor->tok + actor->n_toks, t,
                                            cev_statement_words))
                actor = NULL;
            /* "fighters were killed in strikes": that subject is the target */
            if (actor) {
                /* "were killed in", or a headline's "Nine soldiers killed in"
                 * (but "troops killed two Palestinians during a raid") */
                static const char *const hurt[] = {"killed", "wounded", "injured", NULL};
                static const char *const preps[] = {"in", "by", "during", "as", "when",
                                                    "after", "near", "at", "on", NULL};
                size_t after = actor->tok + actor->n_toks;
                int passive_between = tok_in(g, s, after, hurt) && after + 1 < t &&
                                      tok_in(g, s, after + 1, preps);
                for (size_t i = after; i < t; i++)
                    if (tok_in(g, s, i, cev_be_words))
                        passive_between = 1;
                if (passive_between) {
                    if (!target)
                        target = actor;
                    actor = NULL;
                }
            }
        }
        /* "strikes on X", "shelling of X", "attack against X" */
        for (size_t i = t + ev->trig_n; i < c->last && i < t + ev->trig_n + 4; i++) {
            if (tok_is(g, s, i, "on") || tok_is(g, s, i, "against") || tok_is(g, s, i, "of") ||
                tok_is(g, s, i, "targeting") || tok_is(g, s, i, "at")) {
                cev_mention *o = cev_object_after(c, i + 1, 5, 1);
                if (o)
                    target = o;
                break;
            }
        }
        if (!target && (tr->flags & CEV_TRIG_VERB))
            target = cev_object_after(c, t + ev->trig_n, 6, 1);
    } else {
        actor = cev_actor_before(c, t, 25);
        target = cev_object_after(c, t + ev->trig_n, 8, 1);
        cev_mention *by = cev_agent_by(c, t + ev->trig_n, 3);
        if (by && !actor)
            actor = by;
    }
    /* "clashes between X and Y" */
    cev_mention between_first;
    memset(&between_first, 0, sizeof between_first);
    if (ev->type == CEV_EV_ARMED_CLASH) {
        for (size_t i = t; i < c->last && i < t + 8; i++) {
            if (!tok_is(g, s, i, "between"))
                continue;
            cev_mention *x = cev_party_after(c, i + 1, 4);
            /* "between government and rebel forces": two modifiers, one head */
            if (i + 3 < c->last && cev_lex_is_actor_modifier(s, &g->toks[i + 1]) &&
                tok_is(g, s, i + 2, "and") && x && x->tok > i + 2) {
                between_first.tok = i + 1;
                between_first.n_toks = 1;
                between_first.start = g->toks[i + 1].start;
                between_first.end = g->toks[i + 1].end;
                between_first.head = i + 1;
                between_first.flags = CEV_M_ACTOR | CEV_M_FORCE;
                actor = &between_first;
                target = x;
                break;
            }
            if (x) {
                actor = x;
                size_t k = x->tok + x->n_toks;
                if (k < c->last && tok_is(g, s, k, "and")) {
                    cev_mention *y = cev_party_after(c, k + 1, 4);
                    if (y && y != x)
                        target = y;
                }
            }
            break;
        }
    }
    /* "the air force said its jets struck": the possessor is the actor */
    if (actor && !actor->actor && actor->tok > c->first &&
        (tok_is(g, s, actor->tok - 1, "its") || tok_is(g, s, actor->tok - 1, "their"))) {
        /* the possessor may be the speaker ("Islamic Jihad's armed wing said
         * its fighters fired") */
        for (size_t k = 0; k < c->n_m; k++)
            if (c->m[k].tok < actor->tok && c->m[k].actor && (c->m[k].flags & CEV_M_ACTOR) &&
                !(c->m[k].flags & CEV_M_VICTIM) && c->m[k].actor->kind != CEV_KIND_SOURCE)
                actor = &c->m[k];
    }
    /* "..., targeting the Islamic State's positions", "an offensive against X" */
    if (!target) {
        for (size_t i = t + ev->trig_n; i + 1 < c->last; i++) {
            if (tok_is(g, s, i, "targeting") || tok_is(g, s, i, "against")) {
                cev_mention *x = cev_object_after(c, i + 1, 4, 0);
                if (x && x != actor)
                    target = x;
                break;
            }
        }
    }
    /* a force noun without a country ("troops") takes the story's: a guess
     * that a named actor in another report of the event overrides */
    int generic = actor && !actor->actor && (actor->flags & CEV_M_FORCE);
    cev_resolve_generic_force(c->ctx, c, sc, actor);
    cev_resolve_generic_force(c->ctx, c, sc, target);
    if (actor && target && actor == target)
        target = NULL;
    if (actor && (actor->flags & CEV_M_VICTIM))
        actor = NULL;
    /* "troops killed two Palestinian civilians": a mention after the killing
     * subject ("Palestinian", the victims' nationality) does not replace it */
    if (actor && killing_subject && actor->tok > ev->actor.tok)
        actor = NULL;
    if (actor) {
        ev->actor = *actor;
        ev->has_actor = 1;
        ev->actor_generic = generic;
    }
    if (!actor && ev->has_actor)
        actor = NULL; /* keep the subject found for an active killing */
    if (target) {
        ev->target = *target;
        ev->has_target = 1;
    }
    /* "stormed a police station in X and captured Y": the first verb's subject */
    if (!ev->has_actor && c->subject) {
        ev->actor = *c->subject;
        ev->has_actor = 1;
    }
    /* "..., when they blew themselves up", "They stormed ...": the armed
     * actor a subject pronoun stands for */
    if (!ev->has_actor && cev_event_type_is_violent(ev->type) &&
        (tr ? !passive : kill_verb != SIZE_MAX)) {
        cev_mention pm;
        if (cev_pronoun_actor(c, tr ? t : kill_verb, tr && (tr->flags & CEV_TRIG_NOUN), &pm)) {
            ev->actor = pm;
            ev->has_actor = 1;
            ev->actor_generic = !pm.actor && (pm.flags & CEV_M_FORCE);
            cev_resolve_generic_force(c->ctx, c, sc, &ev->actor);
        }
    }
    /* the victims of a killing are its target */
    cev_set_victim_target(ev, c, sc, killed ? killed : injured ? injured : abducted);

    /* a strike, attack or shelling without a named actor: whoever the story
     * says is doing it ("Another strike killed at least 14 people") */
    if (tr)
        ev->type = refine_type(c, tr, ev, sc);
    if (!ev->has_actor && !casualty_only && cev_event_type_is_violent(ev->type) &&
        sc->has_actor &&
        (sc->actor_type == ev->type ||
         ((ev->type == CEV_EV_ATTACK || sc->actor_type == CEV_EV_ATTACK) &&
          sc->actor_family == cev_type_family(ev->type))) &&
        (!tr || !(tr->flags & CEV_TRIG_WEAK) || sc->actor_type == ev->type)) {
        ev->actor = sc->actor;
        ev->has_actor = 1;
        ev->actor_from_context = 1;
    }
    if (ev->has_actor && ev->has_target && ev->target.actor && ev->actor.actor &&
        ev->target.actor == ev->actor.actor && ev->type != CEV_EV_ARMED_CLASH)
        ev->has_target = 0;

    /* "stormed a hotel, killing 10": an attack on a building, not a capture */
    if (ev->type == CEV_EV_TERRITORY_CHANGE && (killed || injured) &&
        clause_has_word(c, k_buildings))
        ev->type = CEV_EV_ATTACK;
    /* "stormed a military base, killing nine soldiers": a raid, whoever holds it after */
    static const char *const posts[] = {"base", "barracks", "checkpoint", "post", "outpost",
                                        "village", NULL};
    if (ev->type == CEV_EV_TERRITORY_CHANGE && (killed || injured) &&
        (tok_is(g, s, ev->trig_tok, "stormed") || tok_is(g, s, ev->trig_tok, "storming")) &&
        clause_has_word(c, posts))
        ev->type = CEV_EV_ATTACK;

    /* ---- where ---- */
    cev_place_event(c, sc, ev);

    /* ---- when ---- */
    cev_date_mention dm[8];
    size_t dend = c->date_last > c->last ? g->toks[c->date_last - 1].end : cend;
    /* "the next day", "hours later", "a week after the attack": counted from
     * the date of the event the story told last (none when it has no date) */
    int ref = sc->has_date && sc->date_current;
    size_t n_dm = cev_dates_scan_ref(s, cstart, dend, sc->anchor, ref ? sc->date.start : 0,
                                     ref ? sc->date.end : 0, dm, 8);
    /* the date of the event, not of the statement: "said on Monday its jets
     * struck on Sunday" */
    /* "dozens of attacks since November": a period, not an event */
    int since_only = n_dm > 0;
    for (size_t k = 0; k < n_dm; k++)
        if (!dm[k].since)
            since_only = 0;
    for (size_t k = 0; k < n_dm; k++)
        if (concessive_date(c, &dm[k], ev->trig_tok))
            dm[k].since = 1; /* passed over below, like a period's start */
    if (since_only && !killed && !injured && !abducted)
        return 0;
    for (size_t k = 0; k < n_dm; k++) {
        if (dm[k].since)
            continue;
        if (ev->has_date && !said_date(g, s, c, &ev->date))
            break;
        ev->date = dm[k];
        ev->has_date = 1;
        if (!said_date(g, s, c, &dm[k]))
            break;
    }
    if (ev->has_date && sc->anchor) {
        if (ev->date.end > sc->anchor)
            ev->date.end = sc->anchor;
        if (ev->date.start > ev->date.end)
            ev->date.start = ev->date.end;
        /* long before the report: background, not news */
        int64_t age = cev_days_from_ymd(sc->anchor / 10000, sc->anchor / 100 % 100, sc->anchor % 100) -
                      cev_days_from_ymd(ev->date.end / 10000, ev->date.end / 100 % 100, ev->date.end % 100);
        if (age > 62 && cev_event_type_is_violent(ev->type))
            return 0;
    }
    if (ev->has_date && ev->anaphoric && !tok_is(g, s, ev->trig_tok - 1, "the"))
        ev->anaphoric = 0;
    if (temporal_ref)
        ev->anaphoric = 1;
    /* a date carries over only to nearby reports about the same place */
    if (!ev->has_date && sc->has_date && c->sent <= sc->date_sent + 3 &&
        (cev_same_area(ev->place, sc->date_place) || c->sent == sc->date_sent ||
         (c->sent == sc->date_sent + 1 && starts_sequel(c)))) {
        ev->date = sc->date;
        ev->has_date = 1;
        ev->date_from_context = 1;
    }

    /* ---- how many ---- */
    if (killed) {
        ev->killed = *killed;
        ev->has_killed = 1;
    }
    if (injured) {
        ev->injured = *injured;
        ev->has_injured = 1;
    }
    if (abducted) {
        ev->abducted = *abducted;
        ev->has_abducted = 1;
    }
    /* a number of something else is never a death toll: rockets, villages */

    ev->headline = block_kind == CEV_BLOCK_HEADLINE;
    ev->sent = c->sent;
    ev->clause_start = cstart;
    ev->clause_end = cend;
    ev->tr = tr;
    ev->new_event = words_between_have(c, c->first, t + 1,
                                       ev->followup ? k_new_event_strong : k_new_event);

    /* confidence: what the clause itself says */
    double conf = 0.4;
    if (tr && !(tr->flags & CEV_TRIG_WEAK))
        conf += 0.2;
    if (ev->has_actor && !ev->actor_from_context)
        conf += 0.1;
    if (ev->place && !ev->place_from_context)
        conf += 0.1;
    if (ev->has_killed || ev->has_injured)
        conf += 0.1;
    if (ev->has_date && !ev->date_from_context)
        conf += 0.05;
    if (casualty_only)
        conf -= 0.1;
    ev->confidence = conf > 1 ? 1 : conf;
    return 1;
}

/* The non-country places named in tokens [a, b), at most `max`. */
static size_t places_in(const cev_context *ctx, const cev_keys *keys, const cev_seg *g,
                        const char *s, size_t a, size_t b, const char *country,
                        const cev_rec **out, size_t max)
{
    cev_mention m[CEV_MAX_MENTIONS];
    size_t n = cev_find_mentions(ctx, keys, s, g->toks, a, b, country, m, CEV_MAX_MENTIONS);
    size_t k = 0;
    for (size_t i = 0; i < n && k < max; i++)
        if (m[i].place && m[i].place->kind != CEV_KIND_COUNTRY &&
            !(m[i].flags & (CEV_M_DEMONYM | CEV_M_FORCE | CEV_M_COMPOUND)))
            out[k++] = m[i].place;
    return k;
}

/* A past-tense violent verb right after "and" ("... and captured", "and then
 * stormed"), with a violent trigger before it in the clause.  Returns the
 * token after the verb or 0. */
static size_t second_verb(const cev_seg *g, const char *s, size_t a, size_t k, size_t b)
{
    size_t v = k + 1;
    if (tok_is(g, s, v, "then") || tok_is(g, s, v, "later") || tok_is(g, s, v, "also"))
        v++;
    const cev_trigger *tr;
    if (v >= b || !cev_lex_trigger(s, g->toks, v, b, &tr) || !(tr->flags & CEV_TRIG_VERB) ||
        !cev_event_type_is_violent(tr->type))
        return 0;
    const cev_tok *t = &g->toks[v];
    if ((tr->flags & CEV_TRIG_NOUN) && !(t->end - t->start > 3 &&
                                         cev_strncaseeq(s + t->end - 2, "ed", 2)))
        return 0;
    for (size_t i = a; i < k; i++) {
        const cev_trigger *t0;
        if (cev_lex_trigger(s, g->toks, i, k, &t0) && cev_event_type_is_violent(t0->type))
            return v + 1;
    }
    return 0;
}

/* "Fighters stormed a police station in X and captured the town of Y": two
 * events when each verb phrase names its own place.  Returns the 'and' that
 * ends the first, or 0 ("killed 12 villagers and abducted 30 in Zamfara" is
 * one event; so are "hit Kharkiv and Odesa"). */
static size_t coordinated_vp(const cev_context *ctx, const cev_keys *keys, const cev_seg *g,
                             const char *s, size_t a, size_t b, const char *country)
{
    for (size_t k = a + 2; k + 1 < b; k++) {
        if (!tok_is(g, s, k, "and") || !second_verb(g, s, a, k, b))
            continue;
        const cev_rec *p1[4], *p2[4];
        size_t n1 = places_in(ctx, keys, g, s, a, k, country, p1, 4);
        size_t n2 = places_in(ctx, keys, g, s, k + 1, b, country, p2, 4);
        if (!n1 || !n2)
            return 0;
        for (size_t i = 0; i < n1; i++)
            for (size_t j = 0; j < n2; j++)
                if (p1[i] == p2[j] || (p1[i]->id && p2[j]->id && !strcmp(p1[i]->id, p2[j]->id)))
                    return 0;
        return k;
    }
    return 0;
}

/* ---- the driver ----------------------------------------------------------------- */

/* Keep the subject of a body clause for a pronoun in the next: the actor of
 * its event, else its subject mention (a non-armed one, "residents", still
 * replaces the one before).  A clause led by a pronoun keeps the one before;
 * any other clause without a subject mention ("A car bomb exploded") clears
 * it, and so does a headline or a new story. */
static void update_antecedent(cev_antecedent *a, const clause *c, const cev_evc *ev, int kind)
{
    if (a->story != c->story || kind != CEV_BLOCK_BODY) {
        a->valid = 0;
        a->story = c->story;
        if (kind != CEV_BLOCK_BODY)
            return;
    }
    cev_mention subj;
    int amb = 0;
    if (ev && ev->has_actor && !ev->actor_from_context) {
        subj = ev->actor;
        amb = cev_armed_others(c, c->first, c->last, &subj);
    } else if (!cev_clause_subject(c, c->first, c->last, &subj, &amb)) {
        /* "They then fled" keeps the subject before; "The blast destroyed
         * a school" names another */
        static const char *const pron[] = {"they", "he", "she", "it", NULL};
        for (size_t i = c->first; i < c->last && i < c->first + 7; i++)
            if (tok_in(c->g, c->s, i, pron) && cev_pronoun_opens_clause(c, i))
                return;
        a->valid = 0;
        return;
    }
    a->m = subj;
    a->valid = 1;
    a->ambiguous = amb;
    a->sent = c->sent;
    a->block = c->block;
}

int cev_extract(cev_result *r, const cev_context *ctx, const cev_document *doc,
                const cev_extract_opts *opts, cev_err *err)
{
    const cev_seg *g = &doc->seg;
    const char *s = doc->text.s;
    if (g->n_sents == 0)
        return CEV_OK;
    cev_keys *keys = NULL;
    int rc = cev_keys_new(&keys, ctx, s, g->toks, g->n_toks, err);
    if (rc)
        return rc;

    int n_stories = g->n_blocks ? g->blocks[g->n_blocks - 1].story + 1 : 1;
    int32_t *anchors = calloc((size_t)n_stories, sizeof *anchors);
    cev_evlist list = {0};
    cev_mention *mentions = malloc(CEV_MAX_MENTIONS * sizeof *mentions);
    if (!anchors || !mentions) {
        rc = cev_err_set(err, CEV_ERR_NOMEM, -1, "out of memory extracting events");
        goto done;
    }
    cev_story_anchors(g, s, opts->published, anchors, n_stories);

    story_ctx sc;
    memset(&sc, 0, sizeof sc);
    cev_antecedent ante;
    memset(&ante, 0, sizeof ante);
    /* the page's country, from the countries and places it names: "Ariha"
     * is in Syria when the story is about Idlib */
    for (size_t si = 0; si < g->n_sents && si < 40; si++) {
        const cev_sent *st = &g->sents[si];
        int kind = g->blocks[st->block].kind;
        if (kind != CEV_BLOCK_BODY && kind != CEV_BLOCK_HEADLINE)
            continue;
        size_t nm = cev_find_mentions(ctx, keys, s, g->toks, st->tok_first,
                                      st->tok_first + st->tok_count, NULL, mentions,
                                      CEV_MAX_MENTIONS);
        for (size_t k = 0; k < nm; k++) {
            const cev_mention *m = &mentions[k];
            if (m->place && m->place->kind == CEV_KIND_COUNTRY)
                cev_story_vote_country(&sc, m->place->country, 2);
            else if (m->actor && m->actor->kind == CEV_KIND_COUNTRY)
                cev_story_vote_country(&sc, m->actor->country, 1);
            else if (m->place && m->place->kind != CEV_KIND_NEIGHBOURHOOD)
                cev_story_vote_country(&sc, m->place->country, 1);
        }
    }
    /* keep the page's votes: a dateline from a neighbour's capital must not
     * outvote a story about Syria */
    story_ctx page = sc;
    int cur_story = -1;
    for (size_t si = 0; si < g->n_sents; si++) {
        const cev_sent *st = &g->sents[si];
        const cev_blk *blk = &g->blocks[st->block];
        if (blk->story != cur_story) {
            /* a new story starts from the page's country votes */
            sc = page;
            cur_story = blk->story;
            sc.anchor = anchors[cur_story];
        }
        if (blk->kind != CEV_BLOCK_BODY && blk->kind != CEV_BLOCK_HEADLINE)
            continue;
        size_t a = st->tok_first, end = st->tok_first + st->tok_count;
        if (si == blk->sent_first && blk->kind == CEV_BLOCK_BODY)
            a = cev_wire_dateline_place(ctx, keys, g, s, st, &sc);
        /* clauses: split at ';' */
        cev_mention subject;
        int has_subject = 0;
        while (a < end) {
            size_t b = a;
            while (b < end && !cev_tok_is(s, &g->toks[b], ";") &&
                   !(b > a + 2 && cev_tok_is(s, &g->toks[b - 1], ",") &&
                     tok_in(g, s, b, k_clause_splitters) &&
                     !concessive_aside(g, s, a, b, end)))
                b++;
            size_t date_last = b;
            size_t and_tok = coordinated_vp(ctx, keys, g, s, a, b,
                                            sc.country[0] ? sc.country : NULL);
            if (and_tok)
                b = and_tok;
            clause c = {.ctx = ctx, .country = sc.country[0] ? sc.country : NULL, .g = g,
                        .s = s, .first = a, .last = b, .date_last = date_last, .sent = si,
                        .m = mentions, .subject = has_subject ? &subject : NULL,
                        .ante = &ante, .story = cur_story, .block = st->block};
            c.n_m = cev_find_mentions(ctx, keys, s, g->toks, a, b,
                                      sc.country[0] ? sc.country : NULL, mentions,
                                      CEV_MAX_MENTIONS);
            cev_evc ev;
            int have = clause_event(&c, &sc, opts, blk->kind, &ev);
            /* a claim about an event told elsewhere ("claimed the attack"),
             * not one that reports a new event ("said it carried out a strike on X") */
            cev_claim claim;
            if (cev_claim_find(s, g, a, b, mentions, c.n_m, &claim) &&
                (!have || ev.definite || blk->kind == CEV_BLOCK_HEADLINE)) {
                claim.story = cur_story;
                claim.sent = si;
                claim.headline = blk->kind == CEV_BLOCK_HEADLINE;
                if (cev_evlist_push_claim(&list, &claim) != 0) {
                    rc = cev_err_set(err, CEV_ERR_NOMEM, -1, "out of memory extracting events");
                    goto done;
                }
                if (have && !ev.has_killed && !ev.has_injured)
                    have = 0;
            }
            if (have) {
                ev.story = cur_story;
                find_source(&c, st->tok_first, end, &ev);
                if (ev.confidence >= opts->min_confidence &&
                    cev_evlist_push(&list, &ev) != 0) {
                    rc = cev_err_set(err, CEV_ERR_NOMEM, -1, "out of memory extracting events");
                    goto done;
                }
            }
            cev_story_update(&sc, &c, &ev, have);
            update_antecedent(&ante, &c, have ? &ev : NULL, blk->kind);
            /* the second verb of "stormed X and captured Y" shares the subject */
            has_subject = 0;
            if (and_tok && have && ev.has_actor && !ev.actor_from_context) {
                subject = ev.actor;
                has_subject = 1;
            }
            /* skip a ';' or the 'and'; a splitter word ("amid") starts the next clause */
            a = b < end && (cev_tok_is(s, &g->toks[b], ";") || and_tok) ? b + 1 : b;
        }
    }
    cev_merge_reports(&list);
    cev_claims_apply(&list);
    rc = cev_emit_events(r, ctx, doc, &list, opts, err);
done:
    cev_evlist_free(&list);
    free(mentions);
    free(anchors);
    cev_keys_free(keys);
    return rc;
}

