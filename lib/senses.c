/* senses.c - choosing the trigger of a clause.  A trigger found by the
 * lexicon is passed over when it is blocked (negation, modality, the future,
 * a modifier such as "strike force", an interception), used in a sense that
 * reports no armed violence (a labour strike, "the besieged town", seized
 * goods, "fired his adviser") or only mentioned as background ("agreed to a
 * ceasefire after two days of fighting"); of the rest the most specific
 * type wins.  Also the sentence-level reasons to take no event at all. */
#include <stdint.h>
#include <string.h>

#include "extract_int.h"

/* words just before a trigger that block it: negation, modality, plans */
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
static const char *const k_directions[] = {
    "into", "on", "onto", "towards", "toward", "to", "in", "near", "through", "across",
    "against", "deeper", "further", "north", "south", "east", "west", "northward",
    "southward", "eastward", "westward", "inside", "along", "around", "from", ",", ".",
    "and", "closer", NULL};
static const char *const k_aspect_verbs[] = {
    "continued", "continue", "continues", "began", "begun", "begin", "started", "start",
    "managed", "succeeded", "went", "moved", "resumed", "attempted", "tried", "attempt",
    "attempting", "trying", NULL};

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
    return clause_has_word(c, cues) && !clause_has_word(c, cev_aircraft_words);
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
int cev_time_distance_background(const clause *c, size_t fig0)
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
        if (k > t && (tok_is(c->g, c->s, k, ",") || tok_in(c->g, c->s, k, cev_be_words) ||
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
                 /* "despite the attacks, the talks will go on": a concession */
                 tok_is(c->g, c->s, i, "despite") ||
                 tok_is(c->g, c->s, i, "notwithstanding") ||
                 (tok_is(c->g, c->s, i, "of") && i > c->first &&
                  tok_is(c->g, c->s, i - 1, "spite")) ||
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
                    tok_is(c->g, c->s, k, ",") || tok_in(c->g, c->s, k, cev_be_words) ||
                    counted_events(c, k))
                    return 0;
        /* the sentence itself reports violence before the phrase; a day
         * named with it ("following a truck-bomb explosion in Bogota on
         * Wednesday", "last night's attack") makes it news */
        return !violent_words_in(c, c->first, i) && !(prep == 1 && names_a_day(c, i, t));
    }
    return 0;
}

/* "Syria CeasefireFighting between ...": a word glued to the next one
 * without a space joins two blocks of a scraped page (a tag or headline and
 * the body); the words before the join do not belong to what follows it. */
static int glued_join(const clause *c, size_t i)
{
    const cev_tok *tk = c->g->toks;
    return i + 1 < c->g->n_toks && tk[i].end == tk[i + 1].start && (tk[i].flags & CEV_TOK_WORD) &&
           (tk[i + 1].flags & CEV_TOK_WORD) && (tk[i + 1].flags & CEV_TOK_CAP);
}

/* The first token that belongs with the trigger at t: the clause start, or
 * the word after the last glued join before t. */
static size_t local_first(const clause *c, size_t t)
{
    size_t f = c->first;
    for (size_t i = c->first; i < t; i++)
        if (glued_join(c, i))
            f = i + 1;
    return f;
}

/* "Despite a nationwide truce, fighting ...", "Rebels, in spite of the
 * ceasefire, shelled ...", "Even though a ceasefire was declared, ...": the
 * word at i stands in a concessive phrase that a comma closes before the
 * trigger at t, so it says nothing about whether the trigger happened. */
static int in_closed_concessive(const clause *c, size_t i, size_t t)
{
    int comma = 0;
    for (size_t k = i + 1; k < t; k++)
        if (tok_is(c->g, c->s, k, ","))
            comma = 1;
    if (!comma)
        return 0;
    for (size_t k = i + 1; k-- > c->first;) {
        if (k < i && tok_is(c->g, c->s, k, ","))
            return 0;
        if (cev_concessive_at(c, k))
            return 1;
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
    /* "sees the city encircled soon": still to come ("soon after dawn" is
     * past) */
    for (size_t i = t + n; i < c->last && i < t + n + 2; i++) {
        if (cev_lex_is_clause_break(c->s, &c->g->toks[i]))
            break;
        static const char *const k_after[] = {"after", "afterwards", "afterward",
                                              "thereafter", NULL};
        if (tok_is(c->g, c->s, i, "soon") && !(i + 1 < c->last && tok_in(c->g, c->s, i + 1, k_after)))
            return 1;
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
        (cev_lex_is_force_noun(c->s, &c->g->toks[t - 1]) ||
         tok_in(c->g, c->s, t - 1, cev_be_words) || mention_at(c, t - 1)))
        return 1;
    size_t first = local_first(c, t);
    size_t lo = t >= first + 4 ? t - 4 : first;
    for (size_t i = lo; i < t; i++) {
        if (tok_in(c->g, c->s, i, k_blocking)) {
            /* "no injuries" etc. only when right before; "not only" is fine */
            if (tok_is(c->g, c->s, i + 1, "only") || tok_is(c->g, c->s, i + 1, "least"))
                continue;
            if (in_closed_concessive(c, i, t))
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
int cev_clause_is_hypothetical(const clause *c)
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
    if (!(tk[t].flags & CEV_TOK_CAP) || t == local_first(c, t))
        return 0;
    if (cev_toks_mostly_caps(tk, c->first, c->last))
        return 0;
    int prev = t > c->first && (tk[t - 1].flags & CEV_TOK_CAP);
    int next = t + n < c->last && (tk[t + n].flags & CEV_TOK_CAP);
    return prev || next;
}

size_t cev_find_trigger(const clause *c, const cev_trigger **best_tr, size_t *best_n)
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
        int score = cev_type_rank(tr->type) * 10;
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
