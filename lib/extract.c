/* extract.c - from a segmented document to event records.
 *
 * For every clause of every body sentence and headline:
 *   1. mentions: actors, victims and places (mentions.c)
 *   2. triggers: the strongest event word of the clause (lexicon.c), unless
 *      it is negated, hypothetical or about the future
 *   3. roles: actor and target from active, passive and nominal forms
 *   4. where, when, how many, according to whom
 * A story context (stories come from layout.c) supplies what a clause leaves
 * out: the date anchor, the place being talked about, who is striking.
 * Finally reports of one event in several sentences are merged
 * (discourse.c). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casualties.h"
#include "claims.h"
#include "dates.h"
#include "discourse.h"
#include "lexicon.h"
#include "mentions.h"
#include "numbers.h"

/* ---- small token helpers ----------------------------------------------------- */

static int tok_is(const cev_seg *g, const char *s, size_t i, const char *w)
{
    return i < g->n_toks && cev_tok_is(s, &g->toks[i], w);
}

static int tok_in(const cev_seg *g, const char *s, size_t i, const char *const *list)
{
    for (; *list; list++)
        if (tok_is(g, s, i, *list))
            return 1;
    return 0;
}

static const char *const k_be[] = {"was", "were", "been", "being", "is", "are", "be", "got",
                                   "get", NULL};
static const char *const k_aircraft[] = {"air", "aerial", "jets", "jet", "warplanes",
                                         "warplane", "aircraft", "planes", "plane", "drone",
                                         "drones", "aviation", "helicopter", "helicopters",
                                         "bombers", "airstrike", "airstrikes", "f-16", "f-18",
                                         "sukhoi", "gunships", "air-strikes", "mig",
                                         "airplanes", "airplane", NULL};
static const char *const k_ground_weapons[] = {"rockets", "rocket", "shells", "artillery",
                                               "mortar", "mortars", "missiles", "missile",
                                               "howitzers", "tank", "tanks", NULL};
static const char *const k_blocking[] = {
    "stop", "prevent", "halt", "end", "avoid", "threat", "threats", "threatened", "fear",
    "fears", "risk", "possible", "potential", "future", "similar", "planned", "plans",
    "plan", "planning", "vowed", "would", "will", "could", "might", "may", "should", "must",
    "not", "never", "no", "if", "unless", "against", "condemn", "deter", "warn", "urged",
    "cease", "ceasing", "ban", "banned", "prohibit", "averted", "foiled", "thwarted",
    "alleged", "allegedly", "fake", "without", "cessation", "lull", "ceasefire", "truce",
    "instead", "guilty", "accused", "responsible", "capable", "pledge", "pledged", "pledges",
    "vow", "vows", "none", "nobody", "neither", "intercepted", "intercept", "downed",
    "repelled", "repulsed", "preparing", "prepared", "prepare", "prepares", "preparations",
    "threatening", "threatens", "threaten", "ready", "readying", "poised", "intends", "intend",
    "pause", "suspension", "moratorium", NULL};
static const char *const k_false_context[] = {"hunger", "general", "labour", "labor",
                                              "heart", "panic", "verbal", "cyber",
                                              "workers", "political", "price", "charm",
                                              "photo", "media", "legal", "diplomatic", NULL};
static const char *const k_ground_words[] = {
    "villages", "village", "towns", "town", "city", "cities", "heights", "hill", "hills",
    "positions", "position", "areas", "area", "territory", "territories", "district",
    "districts", "neighbourhood", "neighbourhoods", "neighborhood", "neighborhoods", "base",
    "bases", "airport", "bridge", "checkpoint", "checkpoints", "road", "roads", "crossing",
    "outskirts", "region", "province", "suburbs", "frontier", "border", "ground",
    "settlements", "localities", "posts", "outposts", "stronghold", "strongholds",
    "countryside", "route", "routes", "highway", "front", "frontline", "front-line", NULL};
static const char *const k_directions[] = {
    "into", "on", "onto", "towards", "toward", "to", "in", "near", "through", "across",
    "against", "deeper", "further", "north", "south", "east", "west", "northward",
    "southward", "eastward", "westward", "inside", "along", "around", "from", ",", ".",
    "and", "closer", NULL};
static const char *const k_aspect_verbs[] = {
    "continued", "continue", "continues", "began", "begun", "begin", "started", "start",
    "managed", "succeeded", "went", "moved", "resumed", "attempted", "tried", "attempt",
    "attempting", "trying", NULL};
static const char *const k_anaphora[] = {"the", "these", "those", "its", "their", "this",
                                         "such", "his", "her", "that", NULL};
static const char *const k_statement_words[] = {
    "said", "says", "condemned", "condemns", "criticized", "criticised", "criticizing",
    "criticising", "denounced", "despite", "dispute", "disagreement", "considers", "called",
    "accused", "denied", "complained", "statement", "maintained", "claimed", "protested",
    "warned", "response", "reaction", NULL};
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

static int same_area(const cev_rec *a, const cev_rec *b);

/* ---- event candidates -------------------------------------------------------- */

static int family_of(int type)
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
static int type_rank(int type)
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

/* ---- story context ------------------------------------------------------------ */

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

static void vote_country(story_ctx *sc, const char *cc, int weight)
{
    if (!cc || strlen(cc) != 2)
        return;
    int best = 0;
    for (int i = 0; i < 8; i++) {
        if (sc->votes_cc[i][0] && !strcmp(sc->votes_cc[i], cc)) {
            sc->country_votes[i] += weight;
            goto pick;
        }
    }
    for (int i = 0; i < 8; i++) {
        if (!sc->votes_cc[i][0]) {
            memcpy(sc->votes_cc[i], cc, 3);
            sc->country_votes[i] = weight;
            break;
        }
    }
pick:
    for (int i = 1; i < 8; i++)
        if (sc->country_votes[i] > sc->country_votes[best])
            best = i;
    if (sc->votes_cc[best][0])
        memcpy(sc->country, sc->votes_cc[best], 3);
}

/* Date anchor of each story: a dateline inside it, else the publication
 * date (later stories of a page inherit the first story's anchor). */
static void story_anchors(const cev_seg *g, const char *s, int32_t published, int32_t *anchors,
                          int n_stories)
{
    for (int k = 0; k < n_stories; k++)
        anchors[k] = 0;
    for (size_t b = 0; b < g->n_blocks; b++) {
        const cev_blk *blk = &g->blocks[b];
        int k = blk->story;
        if (k >= n_stories || anchors[k])
            continue;
        int32_t ymd = 0;
        if (blk->kind == CEV_BLOCK_DATELINE || blk->kind == CEV_BLOCK_BOILERPLATE ||
            blk->kind == CEV_BLOCK_HEADLINE) {
            if (cev_dateline_date(s, blk->start, blk->end, &ymd) && ymd)
                anchors[k] = ymd;
        } else if (blk->kind == CEV_BLOCK_BODY) {
            /* an inline byline: "By X - site - 11 June 2017 - Russia has..." */
            size_t e = blk->start + 90 < blk->end ? blk->start + 90 : blk->end;
            if ((cev_strncaseeq(s + blk->start, "by ", 3) || e == blk->end) &&
                cev_dateline_date(s, blk->start, e, &ymd) && ymd)
                anchors[k] = ymd;
        }
    }
    /* the page's own date line (often a source line at the very end:
     * "[Source: Itar Tass, Moscow, 09Jun17]") dates stories that have none */
    int32_t page = 0;
    for (int k = 0; k < n_stories; k++) {
        /* a dateline later than the publication date is not this story's */
        if (anchors[k] && published && anchors[k] > published)
            anchors[k] = 0;
        if (anchors[k] && !page)
            page = anchors[k];
    }
    for (int k = 0; k < n_stories; k++)
        if (!anchors[k])
            anchors[k] = page ? page : published;
}

/* ---- roles --------------------------------------------------------------------- */

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
} clause;

/* The mention covering token i, or NULL. */
static cev_mention *mention_at(const clause *c, size_t i)
{
    for (size_t k = 0; k < c->n_m; k++)
        if (i >= c->m[k].tok && i < c->m[k].tok + c->m[k].n_toks)
            return &c->m[k];
    return NULL;
}

static int can_be_actor(const cev_mention *m)
{
    return (m->flags & CEV_M_ACTOR) && !(m->flags & (CEV_M_VICTIM | CEV_M_SOURCE | CEV_M_COMPOUND));
}

/* "backed", "supported", "led": a participle ending in -ed */
static int is_participle(const clause *c, size_t i)
{
    const cev_tok *t = &c->g->toks[i];
    size_t n = t->end - t->start;
    return n > 3 && cev_strncaseeq(c->s + t->end - 2, "ed", 2) && !(t->flags & CEV_TOK_CAP);
}

/* Nearest actor mention ending before token `t` within the clause, not
 * crossing a clause break. */
static cev_mention *actor_before(const clause *c, size_t t, size_t max_dist)
{
    cev_mention *best = NULL;
    for (size_t k = 0; k < c->n_m; k++) {
        cev_mention *m = &c->m[k];
        size_t end = m->tok + m->n_toks;
        if (end > t || t - end > max_dist)
            continue;
        int adjacent = t - end <= 3;
        if (!can_be_actor(m) && !(adjacent && m->actor && !(m->flags & CEV_M_VICTIM)))
            continue;
        /* a place mention after "in" is not an actor unless it modifies the trigger */
        if ((m->flags & CEV_M_AFTER_PREP) && !adjacent && !(m->flags & CEV_M_FORCE))
            continue;
        /* "troops backed by African Union forces recaptured": the agent of a
         * participle is not the subject */
        if (m->tok >= c->first + 2 && tok_is(c->g, c->s, m->tok - 1, "by") &&
            is_participle(c, m->tok - 2))
            continue;
        int broken = 0;
        for (size_t i = end; i < t; i++)
            if (cev_lex_is_clause_break(c->s, &c->g->toks[i]) ||
                (tok_is(c->g, c->s, i, "by") && !(i > c->first && is_participle(c, i - 1))) ||
                tok_is(c->g, c->s, i, "according"))
                broken = 1;
        if (broken)
            continue;
        if (!best || m->tok > best->tok)
            best = m;
    }
    /* "the Syrian troops and allied militia": the first conjunct leads */
    if (best && best->tok >= c->first + 2 && (tok_is(c->g, c->s, best->tok - 1, "and") ||
                                              tok_is(c->g, c->s, best->tok - 1, "including") ||
                                              (best->tok >= c->first + 3 &&
                                               tok_is(c->g, c->s, best->tok - 2, "including")))) {
        size_t back = tok_is(c->g, c->s, best->tok - 2, "including") ? 3 : 2;
        cev_mention *first = best->tok >= c->first + back ? mention_at(c, best->tok - back) : NULL;
        if (first && can_be_actor(first))
            best = first;
    }
    return best;
}

/* Between a modifier and its trigger noun only adjectives, numbers and
 * determiners may stand ("the heaviest Turkish air strikes"); a preposition
 * or a verb means the mention is not the trigger's actor ("fighters were
 * killed in US strikes"). */
static int np_gap_ok(const clause *c, size_t from, size_t to)
{
    static const char *const stop[] = {"in", "by", "of", "on", "at", "from", "during",
                                       "following",
                                       "after", "before", "with", "for", "to", "and", "or",
                                       "killed", "wounded", "injured", ",", NULL};
    for (size_t i = from; i < to; i++)
        if (tok_in(c->g, c->s, i, stop) || tok_in(c->g, c->s, i, k_be) ||
            tok_in(c->g, c->s, i, k_statement_words) || tok_is(c->g, c->s, i, "about"))
            return 0;
    return 1;
}

/* The token of the violent verb whose object mention m is ("killed 46
 * Afghan civilians", "engaged Filipino peacekeepers"), or SIZE_MAX. */
static size_t object_verb(const clause *c, const cev_mention *m)
{
    static const char *const skip[] = {"the", "a", "an", "two", "up", "to", "at", "least",
                                       "some", "several", "dozens", "of", "about", NULL};
    static const char *const verbs[] = {"killed", "killing", "wounded", "wounding",
                                        "injured", "injuring", "kidnapped", "abducted",
                                        "engaged", "attacked", "ambushed", "targeted",
                                        "shot", "executed", "massacred", NULL};
    size_t i = m->tok;
    while (i > c->first && (tok_in(c->g, c->s, i - 1, skip) ||
                            (c->g->toks[i - 1].flags & CEV_TOK_NUM) ||
                            cev_number_word_value(c->s + c->g->toks[i - 1].start,
                                                  c->g->toks[i - 1].end -
                                                      c->g->toks[i - 1].start) > 0))
        i--;
    if (i > c->first && tok_in(c->g, c->s, i - 1, verbs) &&
        !(i > c->first + 1 && tok_in(c->g, c->s, i - 2, k_be)))
        return i - 1;
    return SIZE_MAX;
}

/* A mention right before a speech verb ("police said", "military officials
 * told") names who reports, not a role of the event. */
static int speaker_mention(const clause *c, const cev_mention *m)
{
    size_t e = m->tok + m->n_toks;
    for (size_t i = e; i < c->last && i <= e + 1; i++)
        if (cev_lex_is_speech_verb(c->s, &c->g->toks[i]))
            return 1;
    return 0;
}

/* First actor or victim mention after token `t` (within max_dist tokens). */
static cev_mention *object_after(const clause *c, size_t t, size_t max_dist, int want_victims)
{
    for (size_t k = 0; k < c->n_m; k++) {
        cev_mention *m = &c->m[k];
        if (m->tok < t || m->tok - t > max_dist)
            continue;
        int broken = 0;
        for (size_t i = t; i < m->tok; i++)
            if (cev_lex_is_clause_break(c->s, &c->g->toks[i]) ||
                tok_is(c->g, c->s, i, "according") || tok_is(c->g, c->s, i, "said"))
                broken = 1;
        if (broken)
            break;
        if (m->flags & (CEV_M_SOURCE | CEV_M_COMPOUND))
            continue;
        /* "..., police said", "military officials told": the speaker */
        if (speaker_mention(c, m))
            break;
        if (can_be_actor(m) && !(m->flags & CEV_M_AFTER_PREP && !(m->flags & CEV_M_FORCE) &&
                                 !tok_is(c->g, c->s, m->tok - 1, "on") &&
                                 !tok_is(c->g, c->s, m->tok - 1, "against")))
            return m;
        if (want_victims && (m->flags & CEV_M_VICTIM))
            return m;
        if ((m->flags & CEV_M_DEMONYM) || (m->flags & CEV_M_FORCE))
            return m;
    }
    return NULL;
}

/* A side of "clashes between X and Y": the first armed mention within
 * max_dist tokens of t, after the preposition as it always is. */
static cev_mention *party_after(const clause *c, size_t t, size_t max_dist)
{
    for (size_t k = 0; k < c->n_m; k++) {
        cev_mention *m = &c->m[k];
        if (m->tok < t || m->tok - t > max_dist)
            continue;
        for (size_t i = t; i < m->tok; i++)
            if (cev_lex_is_clause_break(c->s, &c->g->toks[i]))
                return NULL;
        if (m->flags & (CEV_M_SOURCE | CEV_M_COMPOUND | CEV_M_VICTIM))
            return NULL;
        if (m->actor || (m->flags & (CEV_M_FORCE | CEV_M_DEMONYM)))
            return m;
        if (!m->place)
            return NULL;
        /* "between Tripoli and Misrata militias": a modifier */
    }
    return NULL;
}

/* "by X" after the trigger: the agent of a passive or of a nominal. */
static cev_mention *agent_by(const clause *c, size_t t, size_t max_dist)
{
    for (size_t i = t; i < c->last && i <= t + max_dist; i++) {
        if (cev_lex_is_clause_break(c->s, &c->g->toks[i]))
            return NULL;
        if (tok_is(c->g, c->s, i, "by")) {
            for (size_t k = 0; k < c->n_m; k++) {
                cev_mention *m = &c->m[k];
                if (m->tok > i && m->tok <= i + 4 && (m->actor || (m->flags & CEV_M_FORCE)) &&
                    !(m->flags & CEV_M_VICTIM))
                    return &c->m[k];
            }
            /* "by US airstrikes": the agent is the modifier of a trigger noun */
            return NULL;
        }
    }
    return NULL;
}


/* "soldiers", "government troops", "the army", "security forces", "police":
 * without a named country they are the story country's own. */
static void resolve_generic_force(const cev_context *ctx, const clause *c, const story_ctx *sc,
                                  cev_mention *m)
{
    if (!m || m->actor || !(m->flags & CEV_M_FORCE))
        return;
    /* the country where the clause says it happened, else the story's */
    const char *cc = sc->country[0] ? sc->country : NULL;
    for (size_t k = 0; k < c->n_m; k++)
        if (c->m[k].place && (c->m[k].flags & CEV_M_AFTER_PREP) && c->m[k].place->country &&
            !(c->m[k].flags & (CEV_M_DEMONYM | CEV_M_FORCE | CEV_M_COMPOUND))) {
            cc = c->m[k].place->country;
            break;
        }
    if (!cc)
        return;
    static const char *const mil[] = {"soldiers", "soldier", "troops", "army", "military",
                                      "government", "regime", NULL};
    static const char *const pol[] = {"police", "policemen", "policeman", NULL};
    int is_mil = 0, is_pol = 0;
    for (size_t i = m->tok; i < m->tok + m->n_toks; i++) {
        if (tok_in(c->g, c->s, i, mil))
            is_mil = 1;
        if (tok_in(c->g, c->s, i, pol))
            is_pol = 1;
        /* "rebel", "opposition", "militia" forces are not the state's */
        if (tok_is(c->g, c->s, i, "rebel") || tok_is(c->g, c->s, i, "rebels") ||
            tok_is(c->g, c->s, i, "opposition") || tok_is(c->g, c->s, i, "militia") ||
            tok_is(c->g, c->s, i, "insurgent") || tok_is(c->g, c->s, i, "armed"))
            return;
    }
    /* "forces" alone only with "government", "security" or "regime" */
    if (!is_mil && !is_pol) {
        int sec = 0;
        for (size_t i = m->tok; i < m->tok + m->n_toks; i++)
            if (tok_is(c->g, c->s, i, "security"))
                sec = 1;
        if (!sec)
            return;
        is_mil = 1;
    }
    const cev_rec *country = cev_ctx_country_entity(ctx, cc);
    if (!country)
        return;
    char id[64];
    snprintf(id, sizeof id, "%.40s%s", country->id, is_pol && !is_mil ? "POL" : "MIL");
    const cev_rec *r = cev_ctx_find(ctx, id);
    if (!r) {
        snprintf(id, sizeof id, "%.40sGOV", country->id);
        r = cev_ctx_find(ctx, id);
    }
    if (r)
        m->actor = r;
}

/* ---- event candidate ------------------------------------------------------------ */

static void set_victim_target(cev_evc *ev, const clause *c, const story_ctx *sc,
                              const cev_casualty *cas)
{
    if (ev->has_target || !cas)
        return;
    for (size_t k = 0; k < c->n_m; k++) {
        cev_mention *m = &c->m[k];
        if ((m->flags & (CEV_M_VICTIM | CEV_M_FORCE)) && m->start >= cas->start &&
            m->end <= cas->end + 40 && m->start <= cas->end + 2) {
            ev->target = *m;
            ev->has_target = 1;
            /* "killing nine soldiers": the story country's soldiers */
            resolve_generic_force(c->ctx, c, sc, &ev->target);
            return;
        }
    }
}

static int clause_has_word(const clause *c, const char *const *list)
{
    for (size_t i = c->first; i < c->last; i++)
        if (tok_in(c->g, c->s, i, list))
            return 1;
    return 0;
}

/* Words after which a trigger noun is only a modifier: "strike force",
 * "attack helicopters", "bomb shelter". */
static const char *const k_modified[] = {
    "force", "forces", "group", "groups", "capability", "capabilities", "team", "teams",
    "aircraft", "helicopter", "helicopters", "jets", "planes", "submarine", "submarines",
    "dog", "dogs", "package", "zone", "range", "plan", "plans", "shelter", "shelters",
    "squad", "unit", "units", "drone", "drones", "craft", "vehicle", "vehicles", "boat",
    "boats", "rifle", "rifles", "command", "warning", "warnings", "alert", "alerts",
    "threat", "threats", "capacity", "sirens", "siren", "defence", "defense", "disposal",
    "squads", "survivors", "survivor", "victims", "anniversary", "memorial", NULL};

/* ---- non-violent senses, plans and background mentions --------------------- */

static const char *const k_determiners[] = {"the", "a", "an", "its", "their", "this", "that",
                                            "these", "those", "his", "her", NULL};
static const char *const k_preps_after[] = {"by", "in", "on", "at", "from", "with", "into",
                                            "of", "for", "to", "and", "or", "near", "as",
                                            "since", "after", "before", "during", "over",
                                            "through", "across", "under", "against",
                                            "outside", "inside", "up", "down", "off", NULL};

/* "the besieged town", "a bombed building": a participle between a
 * determiner and its noun describes the noun, it reports no event. */
static int attributive_participle(const clause *c, size_t t, const cev_trigger *tr, size_t n)
{
    if (!(tr->flags & CEV_TRIG_VERB) || (tr->flags & CEV_TRIG_NOUN) || n != 1 ||
        t == c->first || t + 1 >= c->last)
        return 0;
    const cev_tok *nx = &c->g->toks[t + 1];
    static const char *const det[] = {"the", "a", "an", "its", "their", "his", "her", NULL};
    return tok_in(c->g, c->s, t - 1, det) && (nx->flags & CEV_TOK_WORD) &&
           !(nx->flags & CEV_TOK_NUM) && !tok_in(c->g, c->s, t + 1, k_preps_after) &&
           !tok_in(c->g, c->s, t + 1, k_determiners);
}

/* "threatened to launch a new offensive", "plans to mount an assault": an
 * infinitive of a launching verb before a noun trigger is an intention
 * (but "continued to launch", "began to mount" report one). */
static int intended_launch(const clause *c, size_t t)
{
    static const char *const launch[] = {"launch", "mount", "carry", "conduct", "stage",
                                         "resume", "unleash", "wage", "begin", "start",
                                         "intensify", "step", "escalate", "renew", NULL};
    for (size_t i = t > c->first + 6 ? t - 6 : c->first; i + 1 < t; i++) {
        if (!tok_is(c->g, c->s, i, "to") || !tok_in(c->g, c->s, i + 1, launch))
            continue;
        int broken = 0;
        for (size_t k = i + 2; k < t; k++)
            if (cev_lex_is_clause_break(c->s, &c->g->toks[k]) || tok_is(c->g, c->s, k, ","))
                broken = 1;
        if (!broken && !(i > c->first && tok_in(c->g, c->s, i - 1, k_aspect_verbs)))
            return 1;
    }
    return 0;
}

/* "fired anti-aircraft batteries at Russia": "fired" is an attack only
 * towards something, and a weapon noun after it is the better trigger
 * ("fired rockets at" is shelling); "the minister fired his deputy" is not. */
static int fired_without_target(const clause *c, size_t t)
{
    static const char *const dirs[] = {"at", "on", "into", "upon", "toward", "towards",
                                       "across", NULL};
    const cev_trigger *tr;
    for (size_t i = t + 1; i < c->last && i <= t + 4; i++)
        if (cev_lex_trigger(c->s, c->g->toks, i, c->last, &tr))
            return 1;
    for (size_t i = t + 1; i < c->last && i <= t + 6; i++) {
        if (cev_lex_is_clause_break(c->s, &c->g->toks[i]))
            break;
        if (tok_in(c->g, c->s, i, dirs))
            return 0;
    }
    return 1;
}

/* "nuclear missiles in Europe", "rockets in its arsenal": a bare weapon
 * noun is an event only when something is done with it in the clause. */
static int weapon_unused(const clause *c)
{
    static const char *const acts[] = {
        "fired", "fire", "firing", "fires", "launched", "launching", "launches", "launch",
        "hit", "hits", "struck", "strike", "landed", "landing", "lands", "fell", "falling",
        "slammed", "slamming", "rained", "raining", "crashed", "crashing", "exploded",
        "exploding", "targeted", "targeting", "pounded", "pounding", "shot", "lobbed",
        "hurled", "shelled", "killed", "killing", "wounded", "wounding", "injured",
        "damaged", "destroyed", "impacted", "attacked", "attack", "bombarded", "rocked",
        "dropped", "dropping", "used", "using", "blasted", "hammered", "barrage", NULL};
    return !c->has_figure && !clause_has_word(c, acts);
}

/* "a four-day strike", "called off the strike", "better pay": a labour
 * strike, not an attack. */
static int labour_strike(const clause *c, size_t t)
{
    if (!tok_is(c->g, c->s, t, "strike") && !tok_is(c->g, c->s, t, "strikes"))
        return 0;
    static const char *const pre[] = {"open-ended", "indefinite", "nationwide", "national",
                                      "week-long", "day-long", "one-day", "token", "warning",
                                      "teachers", "transport", NULL};
    static const char *const cues[] = {"union", "unions", "wage", "wages", "pay", "salary",
                                       "salaries", "walkout", "pension", "pensions", "strikers",
                                       "picket", "bargaining", NULL};
    if (t > c->first) {
        const cev_tok *p = &c->g->toks[t - 1];
        size_t n = p->end - p->start;
        if (tok_in(c->g, c->s, t - 1, pre) ||
            (n > 4 && (cev_strncaseeq(c->s + p->end - 4, "-day", 4) ||
                       cev_strncaseeq(c->s + p->end - 5, "-hour", 5))))
            return 1;
        if (tok_is(c->g, c->s, t - 1, "on") && t >= c->first + 2 &&
            (tok_is(c->g, c->s, t - 2, "went") || tok_is(c->g, c->s, t - 2, "go") ||
             tok_is(c->g, c->s, t - 2, "are") || tok_is(c->g, c->s, t - 2, "were")))
            return 1;
    }
    for (size_t i = t > c->first + 4 ? t - 4 : c->first; i < t; i++)
        if (tok_is(c->g, c->s, i, "off") && i > c->first &&
            (tok_is(c->g, c->s, i - 1, "called") || tok_is(c->g, c->s, i - 1, "call") ||
             tok_is(c->g, c->s, i - 1, "calling")))
            return 1;
    return clause_has_word(c, cues) && !clause_has_word(c, k_aircraft);
}

/* "the battle against the water crisis", "fight against poverty": a fight
 * with something that is not an armed party. */
static int figurative_fight(const clause *c, size_t t, size_t n)
{
    static const char *const abstract[] = {
        "crisis", "crises", "poverty", "corruption", "disease", "diseases", "inflation",
        "hunger", "cancer", "climate", "pandemic", "virus", "covid", "covid-19",
        "unemployment", "illiteracy", "malaria", "famine", "drought", "desertification",
        "fire", "fires", "wildfire", "wildfires", "flames", "blaze", "floods", "flooding",
        "time", "odds", "addiction", "obesity", "aids", "hiv", "epidemic", "ebola",
        "cholera", "pollution", "deficit", "debt", "impunity", "illness", "sanitation",
        "shortages", "shortage", "water", "bureaucracy", "prices", NULL};
    size_t i = t + n;
    if (i >= c->last || !(tok_is(c->g, c->s, i, "against") || tok_is(c->g, c->s, i, "with") ||
                          tok_is(c->g, c->s, i, "over") || tok_is(c->g, c->s, i, "on")))
        return 0;
    for (size_t k = i + 1; k < c->last && k <= i + 5; k++) {
        if (tok_in(c->g, c->s, k, abstract))
            return 1;
        if (mention_at(c, k) || cev_lex_is_clause_break(c->s, &c->g->toks[k]))
            return 0;
    }
    return 0;
}

/* "seized weapons and equipment", "captured two tanks": a territory verb
 * whose object is a thing, not ground. */
static int seized_goods(const clause *c, size_t t, size_t n)
{
    static const char *const goods[] = {
        "weapons", "weapon", "arms", "ammunition", "explosives", "equipment", "drugs",
        "cocaine", "heroin", "cannabis", "hashish", "cash", "money", "documents", "vehicles",
        "vehicle", "trucks", "cars", "car", "ship", "ships", "vessel", "vessels", "tanker",
        "tankers", "boat", "boats", "cargo", "goods", "property", "assets", "passports",
        "phones", "computers", "materials", "fuel", "oil", "grain", "shipment", "shipments",
        "consignment", "contraband", "rifles", "guns", "munitions", "gold", "tanks", "tank",
        "missiles", "rockets", "mortars", "stockpile", "stockpiles", "cache", "caches",
        "laptops", "funds", "livestock", "cattle", NULL};
    for (size_t i = t + n; i < c->last && i <= t + n + 4; i++) {
        if (tok_in(c->g, c->s, i, goods))
            return 1;
        if (cev_lex_is_place_prep(c->s, &c->g->toks[i]) && !tok_is(c->g, c->s, i, "of"))
            return 0;
    }
    /* "weapons ... seized last year from": the thing before a participle */
    if (t > c->first && tok_in(c->g, c->s, t - 1, goods))
        return 1;
    return 0;
}

/* "invasion" reports an event only when launched ("mounted its invasion
 * of"), not as the name of a war ("since Russia's invasion"). */
static int invasion_not_launched(const clause *c, size_t t)
{
    static const char *const launch[] = {"launched", "launch", "launches", "mounted",
                                         "began", "begun", "started", "begins", "mounts",
                                         NULL};
    if (!tok_is(c->g, c->s, t, "invasion"))
        return 0;
    for (size_t i = t > c->first + 4 ? t - 4 : c->first; i < t; i++)
        if (tok_in(c->g, c->s, i, launch))
            return 0;
    return 1;
}

/* "the US claimed that ISIL had attacked Iraq", "whom they had taken
 * hostage": a past perfect without a figure is background, and so is one
 * reported by a disputing verb ("claimed", "alleged", "accused"); "the army
 * said rebels had attacked" is a report. */
static int past_perfect_background(const clause *c, size_t t)
{
    static const char *const dispute[] = {"claimed", "claims", "claim", "alleged", "alleges",
                                          "allege", "accused", "accuses", "charged",
                                          "insisted", "insists", NULL};
    size_t h = t;
    if (t > c->first && tok_is(c->g, c->s, t - 1, "been"))
        h = t - 1;
    if (h <= c->first || !tok_is(c->g, c->s, h - 1, "had") || c->has_figure)
        return 0;
    int reported = 0;
    for (size_t i = c->first; i + 1 < h; i++) {
        if (tok_in(c->g, c->s, i, dispute))
            return 1;
        if (cev_lex_is_speech_verb(c->s, &c->g->toks[i]))
            reported = 1;
    }
    return !reported;
}

static int violent_words_in(const clause *c, size_t a, size_t b);

/* "Agencies suspended work two weeks after gunmen abducted three staff":
 * a main clause without violence, then violence dated weeks or more before
 * it (figures included: the news is the main clause).  fig0 is the offset
 * of the clause's first casualty figure. */
static int time_distance_background(const clause *c, size_t fig0)
{
    static const char *const units[] = {"weeks", "week", "months", "month", "years",
                                        "year", NULL};
    for (size_t i = c->first + 3; i < c->last; i++)
        if ((tok_is(c->g, c->s, i, "after") || tok_is(c->g, c->s, i, "since")) &&
            tok_in(c->g, c->s, i - 1, units))
            return fig0 >= c->g->toks[i].start && !violent_words_in(c, c->first, i - 1);
    return 0;
}

/* Is the trigger at t used in a sense that reports no armed violence? */
static int nonviolent_sense(const clause *c, size_t t, const cev_trigger *tr, size_t n)
{
    if (!cev_event_type_is_violent(tr->type))
        return 0;
    if (attributive_participle(c, t, tr, n) || past_perfect_background(c, t))
        return 1;
    if ((tr->flags & CEV_TRIG_NOUN) && intended_launch(c, t))
        return 1;
    if (tok_is(c->g, c->s, t, "fired") && n == 1 && fired_without_target(c, t))
        return 1;
    if ((tr->flags & CEV_TRIG_WEAPON) && (tr->flags & CEV_TRIG_WEAK) && weapon_unused(c))
        return 1;
    if (labour_strike(c, t))
        return 1;
    if (tr->type == CEV_EV_ARMED_CLASH && figurative_fight(c, t, n))
        return 1;
    if (tr->type == CEV_EV_TERRITORY_CHANGE && seized_goods(c, t, n))
        return 1;
    return invasion_not_launched(c, t);
}

/* A violent trigger or a casualty verb in tokens [a, b)? */
static int violent_words_in(const clause *c, size_t a, size_t b)
{
    static const char *const hurt[] = {"killed", "killing", "wounded", "wounding", "injured",
                                       "injuring", "dead", "died", NULL};
    for (size_t i = a; i < b; i++) {
        const cev_trigger *tr;
        size_t n = cev_lex_trigger(c->s, c->g->toks, i, b, &tr);
        if (n && cev_event_type_is_violent(tr->type) && !(tr->flags & CEV_TRIG_WEAK))
            return 1;
        if (tok_in(c->g, c->s, i, hurt))
            return 1;
        if (n)
            i += n - 1;
    }
    return 0;
}

/* A day named after token i: a weekday, "yesterday", "today", "overnight",
 * "last night" (not "last week": a background reference). */
static int names_a_day(const clause *c, size_t i, size_t t)
{
    static const char *const days[] = {"monday", "tuesday", "wednesday", "thursday",
                                       "friday", "saturday", "sunday", "yesterday", "today",
                                       "tonight", "overnight", "yesterday's", "monday's",
                                       "tuesday's", "wednesday's", "thursday's", "friday's",
                                       "saturday's", "sunday's", NULL};
    for (size_t k = i + 1; k < c->last && k <= t + 9; k++) {
        /* the phrase ends at a comma, a clause break or a verb */
        if (k > t && (tok_is(c->g, c->s, k, ",") || tok_in(c->g, c->s, k, k_be) ||
                      cev_lex_is_clause_break(c->s, &c->g->toks[k])))
            break;
        if (tok_in(c->g, c->s, k, days) ||
            (tok_is(c->g, c->s, k, "last") &&
             (tok_is(c->g, c->s, k + 1, "night") || tok_is(c->g, c->s, k + 1, "night's"))))
            return 1;
    }
    return 0;
}

/* Token k is a number counting events, not a length of time ("three US
 * airstrikes", but not "two days of fighting"). */
static int counted_events(const clause *c, size_t k)
{
    static const char *const units[] = {"days", "day", "weeks", "week", "months", "month",
                                        "years", "year", "hours", "hour", "nights", "rounds",
                                        "decades", NULL};
    const cev_tok *t = &c->g->toks[k];
    int num = (t->flags & CEV_TOK_NUM) ||
              (cev_number_word_value(c->s + t->start, t->end - t->start) > 1);
    return num && !tok_in(c->g, c->s, k + 1, units);
}

/* "agreed to a ceasefire after two days of fighting", "blamed Israel for
 * the bombing of", "a guard involved in a shooting", "two weeks after
 * rebels kidnapped": violence named in a background phrase of a sentence
 * about something else (a statement, an agreement, a measure).  Only when
 * the clause has no casualty figure: "... after an air raid in which 100
 * people were killed" is still reported (a full article reports the event
 * on its own elsewhere, and that report is kept). */
static int background_mention(const clause *c, size_t t, const cev_trigger *tr)
{
    static const char *const units[] = {"weeks", "week", "months", "month", "years",
                                        "year", NULL};
    for (size_t i = t > c->first + 7 ? t - 7 : c->first; i < t; i++) {
        int prep = 0;
        /* "two weeks after rebels kidnapped": a time distance dates it before */
        if ((tok_is(c->g, c->s, i, "after") || tok_is(c->g, c->s, i, "since")) &&
            i > c->first && tok_in(c->g, c->s, i - 1, units))
            prep = 2;
        else if (c->has_figure || !(tr->flags & CEV_TRIG_NOUN))
            continue;
        else if (tok_is(c->g, c->s, i, "after") || tok_is(c->g, c->s, i, "following") ||
                 tok_is(c->g, c->s, i, "over") || tok_is(c->g, c->s, i, "about") ||
                 tok_is(c->g, c->s, i, "since") ||
                 /* "claimed responsibility for the attacks" is a claim (claims.c) */
                 (tok_is(c->g, c->s, i, "for") && i > c->first &&
                  !tok_is(c->g, c->s, i - 1, "responsibility") &&
                  !tok_is(c->g, c->s, i - 1, "credit")) ||
                 (tok_is(c->g, c->s, i, "of") && i > c->first &&
                  tok_is(c->g, c->s, i - 1, "because")) ||
                 (tok_is(c->g, c->s, i, "to") && i > c->first &&
                  tok_is(c->g, c->s, i - 1, "response")))
            prep = 1;
        if (!prep)
            continue;
        /* a noun phrase up to the trigger: no verb, no break; a count of
         * events ("about three US airstrikes") is news, not background */
        if (prep == 1)
            for (size_t k = i + 1; k < t; k++)
                if (cev_lex_is_clause_break(c->s, &c->g->toks[k]) ||
                    tok_is(c->g, c->s, k, ",") || tok_in(c->g, c->s, k, k_be) ||
                    counted_events(c, k))
                    return 0;
        /* the sentence itself reports violence before the phrase; a day
         * named with it ("following a truck-bomb explosion in Bogota on
         * Wednesday", "last night's attack") makes it news */
        return !violent_words_in(c, c->first, i) && !(prep == 1 && names_a_day(c, i, t));
    }
    return 0;
}

/* Is the trigger at token t blocked by negation, modality or the future? */
static int blocked(const clause *c, size_t t, const cev_trigger *tr, size_t n)
{
    if ((tr->flags & CEV_TRIG_NOUN) && t + n < c->last && tok_in(c->g, c->s, t + n, k_modified))
        return 1;
    /* "advanced demands": movement verbs need a direction or a place next */
    if (tr->type == CEV_EV_TERRITORY_CHANGE && (tr->flags & CEV_TRIG_VERB) &&
        (tok_is(c->g, c->s, t, "advanced") || tok_is(c->g, c->s, t, "advance") ||
         tok_is(c->g, c->s, t, "advances") || tok_is(c->g, c->s, t, "advancing")) &&
        t + n < c->last && !tok_in(c->g, c->s, t + n, k_directions))
        return 1;
    /* "an all-out assault on the city would have catastrophic consequences" */
    if ((tr->flags & CEV_TRIG_NOUN) && !(tr->flags & CEV_TRIG_VERB)) {
        static const char *const modals[] = {"would", "could", "will", "might", "may",
                                             "should", "must", NULL};
        for (size_t i = t + n; i < c->last && i < t + n + 6; i++) {
            if (cev_lex_is_clause_break(c->s, &c->g->toks[i]))
                break;
            if (tok_in(c->g, c->s, i, modals))
                return 1;
        }
    }
    /* "shot down 23 of 30 drones", "intercepted missiles": defence, not attack */
    for (size_t i = t > c->first + 8 ? t - 8 : c->first; i < t; i++)
        if (tok_is(c->g, c->s, i, "intercepted") || tok_is(c->g, c->s, i, "downed") ||
            (tok_is(c->g, c->s, i, "shot") && tok_is(c->g, c->s, i + 1, "down")))
            return 1;
    /* "few strikes have targeted them" (but "a few strikes" happened) */
    for (size_t i = t > c->first + 4 ? t - 4 : c->first; i < t; i++)
        if (tok_is(c->g, c->s, i, "few") && !(i > c->first && tok_is(c->g, c->s, i - 1, "a")))
            return 1;
    /* past perfect ("the villages they had seized") is background */
    if (t >= c->first + 1 && tok_is(c->g, c->s, t - 1, "had") &&
        (tr->type == CEV_EV_TERRITORY_CHANGE || tr->type == CEV_EV_ARMED_CLASH)) {
        /* ...unless reported: "the Arakan Army said it had captured" */
        int reported = 0;
        for (size_t i = c->first; i + 1 < t; i++)
            if (cev_lex_is_speech_verb(c->s, &c->g->toks[i]))
                reported = 1;
        if (!reported)
            return 1;
    }
    /* a participle describing a force: "militia forces fighting ISIS",
     * "both supposed to be fighting" */
    if ((tok_is(c->g, c->s, t, "fighting") || tok_is(c->g, c->s, t, "battling")) && t > c->first &&
        (cev_lex_is_force_noun(c->s, &c->g->toks[t - 1]) || tok_in(c->g, c->s, t - 1, k_be) ||
         mention_at(c, t - 1)))
        return 1;
    size_t lo = t >= c->first + 4 ? t - 4 : c->first;
    for (size_t i = lo; i < t; i++) {
        if (tok_in(c->g, c->s, i, k_blocking)) {
            /* "no injuries" etc. only when right before; "not only" is fine */
            if (tok_is(c->g, c->s, i + 1, "only") || tok_is(c->g, c->s, i + 1, "least"))
                continue;
            return 1;
        }
        /* infinitive "to bomb", "to attack" - but "continued to advance",
         * "managed to capture" report what happened */
        if (tok_is(c->g, c->s, i, "to") && i + 1 == t && (tr->flags & CEV_TRIG_VERB) &&
            !(i > c->first && tok_in(c->g, c->s, i - 1, k_aspect_verbs)))
            return 1;
    }
    if (t > c->first && tok_in(c->g, c->s, t - 1, k_false_context))
        return 1;
    return 0;
}

/* Sentence-level reasons to take no event: questions, conditionals. */
static int clause_is_hypothetical(const clause *c)
{
    const cev_tok *last = &c->g->toks[c->last - 1];
    if (cev_tok_is(c->s, last, "?"))
        return 1;
    size_t f = c->first;
    while (f < c->last && (c->g->toks[f].flags & CEV_TOK_PUNCT))
        f++;
    return tok_is(c->g, c->s, f, "if") || tok_is(c->g, c->s, f, "unless") ||
           tok_is(c->g, c->s, f, "instead");
}

/* "National Liberation Army", "Free Syrian Army Strike Force": a
 * capitalised trigger between capitalised words inside a sentence that is
 * not itself in capitals or title case is part of a name. */
static int in_proper_name(const clause *c, size_t t, size_t n)
{
    const cev_tok *tk = c->g->toks;
    if (!(tk[t].flags & CEV_TOK_CAP) || t == c->first)
        return 0;
    if (cev_toks_mostly_caps(tk, c->first, c->last))
        return 0;
    int prev = t > c->first && (tk[t - 1].flags & CEV_TOK_CAP);
    int next = t + n < c->last && (tk[t + n].flags & CEV_TOK_CAP);
    return prev || next;
}

static size_t find_trigger(const clause *c, const cev_trigger **best_tr, size_t *best_n)
{
    size_t best = SIZE_MAX;
    int best_score = -1;
    for (size_t i = c->first; i < c->last; i++) {
        const cev_trigger *tr;
        size_t n = cev_lex_trigger(c->s, c->g->toks, i, c->last, &tr);
        if (!n)
            continue;
        /* inside a name ("Free Syrian Army Strike Force") is no trigger */
        cev_mention *m = mention_at(c, i);
        if (m && m->actor && !(tr->flags & CEV_TRIG_WEAPON)) {
            i += n - 1;
            continue;
        }
        if (blocked(c, i, tr, n) || in_proper_name(c, i, n) || nonviolent_sense(c, i, tr, n) ||
            (cev_event_type_is_violent(tr->type) && background_mention(c, i, tr))) {
            i += n - 1;
            continue;
        }
        int score = type_rank(tr->type) * 10;
        if (!(tr->flags & CEV_TRIG_WEAK))
            score += 100;
        if (tr->flags & CEV_TRIG_WEAPON)
            score -= 50;
        if (!cev_event_type_is_violent(tr->type))
            score -= 200;
        if (score > best_score) {
            best_score = score;
            best = i;
            *best_tr = tr;
            *best_n = n;
        }
        i += n - 1;
    }
    return best;
}

/* A generic "strike", "attack", "bombing" takes a specific type from context. */
static int refine_type(const clause *c, const cev_trigger *tr, const cev_evc *ev,
                       const story_ctx *sc)
{
    int type = tr->type;
    /* instruments named before the trigger or with "with"; "a missile launch
     * site" after it is the target, not the weapon */
    int air = 0, ground = 0;
    for (size_t i = c->first; i < c->last; i++) {
        int before = i < ev->trig_tok + ev->trig_n;
        int with = i > c->first && (tok_is(c->g, c->s, i - 1, "with") ||
                                    tok_is(c->g, c->s, i - 1, "using"));
        if (!before && !with)
            continue;
        if (tok_in(c->g, c->s, i, k_aircraft))
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
    if (c->last <= c->first || clause_is_hypothetical(c))
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

    if (time_distance_background(c, n_cas ? cas[0].start : cend))
        return 0;
    const cev_trigger *tr = NULL;
    size_t tn = 0;
    c->has_figure = killed || injured || abducted;
    size_t ti = find_trigger(c, &tr, &tn);
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
    ev->statement = clause_has_word(c, k_statement_words);

    size_t t = ev->trig_tok;
    int passive = 0;
    if (tr && (tr->flags & CEV_TRIG_PASSIVE)) {
        for (size_t i = t > c->first + 3 ? t - 3 : c->first; i < t; i++)
            if (tok_in(g, s, i, k_be))
                passive = 1;
    }
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
                active = !(i > c->first && tok_in(g, s, i - 1, k_be)) &&
                         !(i > c->first + 1 && tok_in(g, s, i - 2, k_be));
                if (active) {
                    cev_mention *subj = actor_before(c, i, 30);
                    if (subj && !(subj->flags & CEV_M_AFTER_PREP)) {
                        ev->actor = *subj;
                        ev->has_actor = 1;
                        passive = 0; /* the subject acts; the victims follow */
                    }
                }
            }
        }
    }

    /* ---- roles ---- */
    cev_mention *actor = NULL, *target = NULL;
    if (passive) {
        actor = agent_by(c, t + ev->trig_n, 6);
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
                if (n2 && cev_event_type_is_violent(tr2->type) && family_of(tr2->type) == 1 &&
                    (tr2->flags & CEV_TRIG_NOUN)) {
                    actor = actor_before(c, i, 3);
                    if (actor && actor->tok < t)
                        actor = NULL;
                    if (!tr || type_rank(tr2->type) > type_rank(ev->type) ||
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
                                                      actor_before(c, t, 1) == NULL &&
                                                      0)) {
        actor = actor_before(c, t, 4);
        if (actor && !np_gap_ok(c, actor->tok + actor->n_toks, t))
            actor = NULL;
        cev_mention *by = agent_by(c, t + ev->trig_n, 3);
        if (by)
            actor = by;
        if (!actor) {
            actor = actor_before(c, t, 25);
            /* "guerrillas wounded two British soldiers in a bomb attack":
             * the object of the verb is the target, its subject the actor */
            size_t vt = actor ? object_verb(c, actor) : SIZE_MAX;
            if (vt != SIZE_MAX) {
                if (!target)
                    target = actor;
                actor = actor_before(c, vt, 25);
            }
            /* "the rebels complained about two air strikes": the speaker
             * of a statement is not the actor of what it is about */
            if (actor && words_between_have(c, actor->tok + actor->n_toks, t,
                                            k_statement_words))
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
                    if (tok_in(g, s, i, k_be))
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
                cev_mention *o = object_after(c, i + 1, 5, 1);
                if (o)
                    target = o;
                break;
            }
        }
        if (!target && (tr->flags & CEV_TRIG_VERB))
            target = object_after(c, t + ev->trig_n, 6, 1);
    } else {
        actor = actor_before(c, t, 25);
        target = object_after(c, t + ev->trig_n, 8, 1);
        cev_mention *by = agent_by(c, t + ev->trig_n, 3);
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
            cev_mention *x = party_after(c, i + 1, 4);
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
                    cev_mention *y = party_after(c, k + 1, 4);
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
                cev_mention *x = object_after(c, i + 1, 4, 0);
                if (x && x != actor)
                    target = x;
                break;
            }
        }
    }
    resolve_generic_force(c->ctx, c, sc, actor);
    resolve_generic_force(c->ctx, c, sc, target);
    if (actor && target && actor == target)
        target = NULL;
    if (actor && (actor->flags & CEV_M_VICTIM))
        actor = NULL;
    if (actor) {
        ev->actor = *actor;
        ev->has_actor = 1;
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
    /* the victims of a killing are its target */
    set_victim_target(ev, c, sc, killed ? killed : injured ? injured : abducted);

    /* a strike, attack or shelling without a named actor: whoever the story
     * says is doing it ("Another strike killed at least 14 people") */
    if (tr)
        ev->type = refine_type(c, tr, ev, sc);
    if (!ev->has_actor && !casualty_only && cev_event_type_is_violent(ev->type) &&
        sc->has_actor &&
        (sc->actor_type == ev->type ||
         ((ev->type == CEV_EV_ATTACK || sc->actor_type == CEV_EV_ATTACK) &&
          sc->actor_family == family_of(ev->type))) &&
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
            words_between_have(c, c->first, c->last,
                               (const char *const[]){"city", "town", "village", NULL})) {
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
        (same_area(ev->place, sc->date_place) || c->sent == sc->date_sent ||
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

/* Remember what this clause says for the clauses after it. */
static void update_story(story_ctx *sc, const clause *c, const cev_evc *ev, int have_event)
{
    /* places named in the clause */
    const cev_mention *best = NULL;
    for (size_t k = 0; k < c->n_m; k++) {
        const cev_mention *m = &c->m[k];
        if (m->place && !(m->flags & CEV_M_DEMONYM) && !(m->flags & CEV_M_FORCE)) {
            vote_country(sc, m->place->country, m->place->kind == CEV_KIND_COUNTRY ? 1 : 2);
            if (m->place->kind != CEV_KIND_COUNTRY && (m->flags & CEV_M_AFTER_PREP))
                best = m;
        }
        if (m->actor && m->actor->country && m->actor->kind != CEV_KIND_COUNTRY)
            vote_country(sc, m->actor->country, 1);
    }
    if (have_event && ev->place && !ev->place_from_context &&
        ev->place->kind != CEV_KIND_COUNTRY) {
        sc->place = ev->place;
        sc->place_start = ev->place_start;
        sc->place_end = ev->place_end;
    } else if (best) {
        sc->place = best->place;
        sc->place_start = best->start;
        sc->place_end = best->end;
    }
    if (have_event && cev_event_type_is_violent(ev->type)) {
        sc->last_violent_type = ev->type;
        if (ev->has_actor && !ev->actor_from_context) {
            sc->actor = ev->actor;
            sc->has_actor = 1;
            sc->actor_family = family_of(ev->type);
            sc->actor_type = ev->type;
        }
        if (ev->has_date && !ev->date_from_context) {
            sc->date = ev->date;
            sc->has_date = 1;
            sc->date_sent = c->sent;
            sc->date_place = ev->place;
        }
        /* a new event without a date: "the next day" after it is unknown
         * (a figure or "the attack" told again is no new event) */
        if (ev->has_date)
            sc->date_current = 1;
        else if (!ev->followup && !ev->anaphoric)
            sc->date_current = 0;
    }
}

/* Same place, or places in the same first-level unit; unknown places agree. */
static int same_area(const cev_rec *a, const cev_rec *b)
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

/* A wire dateline opening a paragraph, "KABUL (Reuters) -" or
 * "MOGADISHU, March 4 -", names the place the story is about. */
static size_t wire_dateline_place(const cev_context *ctx, const cev_keys *keys,
                                  const cev_seg *g, const char *s, const cev_sent *st,
                                  story_ctx *sc)
{
    size_t first = st->tok_first, end = st->tok_first + st->tok_count;
    /* "KABUL (Reuters) -", "MOGADISHU, March 4 -", "June 5, 2024 (EL FASHER) -":
     * only capitalised words, numbers and punctuation before a spaced dash */
    size_t dash = 0, i = first;
    int caps = 0;
    for (; i < end && i < first + 14; i++) {
        const cev_tok *t = &g->toks[i];
        if (tok_is(g, s, i, "-")) {
            dash = i;
            break;
        }
        if (t->flags & CEV_TOK_ALLCAPS)
            caps++;
        if ((t->flags & CEV_TOK_WORD) && !(t->flags & (CEV_TOK_CAP | CEV_TOK_NUM)))
            return first;
    }
    if (!dash || dash == first || !caps)
        return first;
    i = dash;
    cev_mention m[4];
    size_t n = cev_find_mentions(ctx, keys, s, g->toks, first, i,
                                 sc->country[0] ? sc->country : NULL, m, 4);
    for (size_t k = 0; k < n; k++) {
        if (m[k].place && m[k].place->kind != CEV_KIND_COUNTRY) {
            sc->place = m[k].place;
            sc->place_start = m[k].start;
            sc->place_end = m[k].end;
            /* weakly: wire stories are often datelined from a neighbour's
             * capital ("BEIRUT -" for Syria) */
            vote_country(sc, m[k].place->country, 1);
            break;
        }
    }
    /* the dateline's own date and agency are not the event's */
    return dash + 1;
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
    story_anchors(g, s, opts->published, anchors, n_stories);

    story_ctx sc;
    memset(&sc, 0, sizeof sc);
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
                vote_country(&sc, m->place->country, 2);
            else if (m->actor && m->actor->kind == CEV_KIND_COUNTRY)
                vote_country(&sc, m->actor->country, 1);
            else if (m->place && m->place->kind != CEV_KIND_NEIGHBOURHOOD)
                vote_country(&sc, m->place->country, 1);
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
            a = wire_dateline_place(ctx, keys, g, s, st, &sc);
        /* clauses: split at ';' */
        cev_mention subject;
        int has_subject = 0;
        while (a < end) {
            size_t b = a;
            while (b < end && !cev_tok_is(s, &g->toks[b], ";") &&
                   !(b > a + 2 && cev_tok_is(s, &g->toks[b - 1], ",") &&
                     tok_in(g, s, b, k_clause_splitters)))
                b++;
            size_t date_last = b;
            size_t and_tok = coordinated_vp(ctx, keys, g, s, a, b,
                                            sc.country[0] ? sc.country : NULL);
            if (and_tok)
                b = and_tok;
            clause c = {.ctx = ctx, .country = sc.country[0] ? sc.country : NULL, .g = g,
                        .s = s, .first = a, .last = b, .date_last = date_last, .sent = si,
                        .m = mentions, .subject = has_subject ? &subject : NULL};
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
            update_story(&sc, &c, &ev, have);
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
