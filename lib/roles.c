/* roles.c - who did it to whom within one clause: the actor before an
 * active verb or a trigger noun ("Turkish rockets pounded"), the agent of a
 * passive ("were attacked by gunmen"), the object after it, the sides of
 * "clashes between X and Y", the victims of a killing as its target, and a
 * generic "soldiers" or "police" read as the story country's own forces.
 * clause_event() in extract.c decides which of these a clause uses. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "claims.h"
#include "extract_int.h"

/* "backed", "supported", "led": a participle ending in -ed */
static int is_participle(const clause *c, size_t i)
{
    const cev_tok *t = &c->g->toks[i];
    size_t n = t->end - t->start;
    return n > 3 && cev_strncaseeq(c->s + t->end - 2, "ed", 2) && !(t->flags & CEV_TOK_CAP);
}

/* Nearest actor mention ending before token `t` within the clause, not
 * crossing a clause break. */
cev_mention *cev_actor_before(const clause *c, size_t t, size_t max_dist)
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
        for (size_t i = end; i < t; i++) {
            /* "Rebels, despite the truce, shelled": a concessive aside
             * between commas does not part the subject from its verb */
            if (tok_is(c->g, c->s, i, ",") && cev_concessive_at(c, i + 1)) {
                size_t j = i + 2;
                while (j < t && !tok_is(c->g, c->s, j, ","))
                    j++;
                if (j < t) {
                    i = j;
                    continue;
                }
            }
            if (cev_lex_is_clause_break(c->s, &c->g->toks[i]) ||
                (tok_is(c->g, c->s, i, "by") && !(i > c->first && is_participle(c, i - 1))) ||
                tok_is(c->g, c->s, i, "according"))
                broken = 1;
        }
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
int cev_np_gap_ok(const clause *c, size_t from, size_t to)
{
    static const char *const stop[] = {"in", "by", "of", "on", "at", "from", "during",
                                       "following", "despite",
                                       "after", "before", "with", "for", "to", "and", "or",
                                       "killed", "wounded", "injured", ",", NULL};
    for (size_t i = from; i < to; i++)
        if (tok_in(c->g, c->s, i, stop) || tok_in(c->g, c->s, i, cev_be_words) ||
            tok_in(c->g, c->s, i, cev_statement_words) || tok_is(c->g, c->s, i, "about"))
            return 0;
    return 1;
}

/* The token of the violent verb whose object mention m is ("killed 46
 * Afghan civilians", "engaged Filipino peacekeepers"), or SIZE_MAX. */
size_t cev_object_verb(const clause *c, const cev_mention *m)
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
        !(i > c->first + 1 && tok_in(c->g, c->s, i - 2, cev_be_words)))
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
cev_mention *cev_object_after(const clause *c, size_t t, size_t max_dist, int want_victims)
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
cev_mention *cev_party_after(const clause *c, size_t t, size_t max_dist)
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
cev_mention *cev_agent_by(const clause *c, size_t t, size_t max_dist)
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
void cev_resolve_generic_force(const cev_context *ctx, const clause *c, const story_ctx *sc,
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

void cev_set_victim_target(cev_evc *ev, const clause *c, const story_ctx *sc,
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
            cev_resolve_generic_force(c->ctx, c, sc, &ev->target);
            return;
        }
    }
}

/* ---- pronoun subjects ------------------------------------------------------------- */

/* Heads of armed actors a pronoun may stand for ("militants", "troops"):
 * not police, guards or officials, who in a report are mostly the victims. */
static const char *const k_combatants[] = {
    "forces", "force", "fighters", "fighter", "militia", "militias", "militiamen", "troops",
    "soldiers", "soldier", "army", "rebels", "rebel", "insurgents", "insurgent", "militants",
    "militant", "jihadists", "jihadist", "gunmen", "gunman", "attackers", "attacker",
    "assailants", "assailant", "extremists", "extremist", "terrorists", "terrorist",
    "separatists", "guerrillas", "guerrilla", "paramilitaries", "bandits", "gangs", "gang",
    "commandos", "marines", "military", "snipers", "sniper", "kidnappers", "pirates",
    "raiders", "invaders", "occupiers", "loyalists", "mercenaries", "squads", "bombers",
    "jets", "warplanes", "drones", "helicopters", "gunships", "navy", NULL};
/* one person: "he" or "she", never "they" */
static const char *const k_combatant_one[] = {
    "fighter", "soldier", "rebel", "insurgent", "militant", "jihadist", "gunman", "attacker",
    "assailant", "extremist", "terrorist", "guerrilla", "sniper", "bomber", NULL};
/* one body: "it" as well as "they" */
static const char *const k_combatant_body[] = {"army", "military", "militia", "navy", "force",
                                               NULL};

int cev_armed_antecedent(const clause *c, const cev_mention *m, int kind)
{
    if (!(m->flags & CEV_M_ACTOR) || (m->flags & (CEV_M_VICTIM | CEV_M_SOURCE | CEV_M_COMPOUND)))
        return 0;
    int rk = m->actor ? m->actor->kind : CEV_KIND_UNKNOWN;
    if (rk == CEV_KIND_POLICE || rk == CEV_KIND_CIVILIANS || rk == CEV_KIND_PERSON ||
        rk == CEV_KIND_SOURCE || rk == CEV_KIND_ORGANIZATION)
        return 0;
    size_t h = m->head;
    int force = (m->flags & CEV_M_FORCE) != 0;
    if (force) {
        if (h >= c->g->n_toks || !tok_in(c->g, c->s, h, k_combatants))
            return 0;
    } else if (rk != CEV_KIND_ARMED_GROUP && rk != CEV_KIND_MILITIA && rk != CEV_KIND_MILITARY) {
        return 0; /* a country, a government, a place */
    }
    int known = h < c->g->n_toks;
    int one = known && tok_in(c->g, c->s, h, k_combatant_one);
    int people = known && (tok_in(c->g, c->s, h, k_combatants) || one) &&
                 !tok_in(c->g, c->s, h, k_combatant_body);
    switch (kind) {
    case CEV_PRON_THEY:
        return !one;
    case CEV_PRON_HE:
        return one;
    case CEV_PRON_IT:
        /* a named group or an army, never people ("militants", "armed men") */
        return force ? !people : !people && cev_actor_is_named(m->actor);
    }
    return 1;
}

static int same_party(const cev_mention *a, const cev_mention *b)
{
    if (a->tok == b->tok && a->n_toks == b->n_toks)
        return 1;
    return a->actor && b->actor &&
           (a->actor == b->actor || (a->actor->id && b->actor->id &&
                                     !strcmp(a->actor->id, b->actor->id)));
}

/* Another armed party than subj (or any, when subj is NULL) in [from, to)? */
int cev_armed_others(const clause *c, size_t from, size_t to, const cev_mention *subj)
{
    for (size_t k = 0; k < c->n_m; k++) {
        const cev_mention *m = &c->m[k];
        if (m->tok < from || m->tok + m->n_toks > to || (subj && same_party(m, subj)))
            continue;
        /* "launched drones at": an instrument, not a party, unless it is
         * somebody's ("Russian jets") */
        if (!m->actor && m->head < c->g->n_toks && tok_in(c->g, c->s, m->head, cev_aircraft_words))
            continue;
        if (cev_armed_antecedent(c, m, 0))
            return 1;
    }
    return 0;
}

int cev_clause_subject(const clause *c, size_t from, size_t to, cev_mention *out,
                       int *ambiguous)
{
    static const char *const preps[] = {"by", "of", "with", "against", "on", "at", "from",
                                        "to", "for", "near", "in", "into", "between",
                                        "including", "among", "about", "like", "than",
                                        "targeting", "toward", "towards", "across", NULL};
    const cev_mention *subj = NULL;
    for (size_t k = 0; k < c->n_m && !subj; k++) {
        const cev_mention *m = &c->m[k];
        if (m->tok < from || m->tok + m->n_toks > to)
            continue;
        if (m->flags & (CEV_M_SOURCE | CEV_M_COMPOUND | CEV_M_AFTER_PREP))
            continue;
        if (!(m->flags & (CEV_M_ACTOR | CEV_M_VICTIM)))
            continue; /* a place */
        if (m->tok > c->first && tok_in(c->g, c->s, m->tok - 1, preps))
            continue;
        if (cev_object_verb(c, m) != SIZE_MAX)
            continue;
        subj = m;
    }
    *ambiguous = cev_armed_others(c, from, to, subj);
    if (!subj)
        return 0;
    *out = *subj;
    return 1;
}

/* "they", "he", "she" or "it" as the active subject of the verb at token
 * verb, or of a light verb before a trigger noun ("they carried out an
 * attack"): its token, or SIZE_MAX. */
static size_t pronoun_subject(const clause *c, size_t verb, int noun, int *kind)
{
    static const char *const adv[] = {
        "then", "also", "later", "reportedly", "allegedly", "had", "have", "has",
        "subsequently", "apparently", "again", "first", "immediately", "quickly",
        "eventually", "finally", "all", "both", "themselves", "himself", "herself",
        "just", "previously", "earlier", "once", "briefly", "repeatedly",
        NULL};
    static const char *const light[] = {"carried", "launched", "staged", "mounted",
                                        "conducted", "detonated", "set", "fired", "unleashed",
                                        "opened", "waged", "began", "started", "perpetrated",
                                        "committed", "executed", "exploded", NULL};
    static const char *const starts[] = {",", "and", "but", "when", "after", "before", "as",
                                         "said", "says", "that", "then", "while", "because",
                                         "until", "once", "where", "\"", NULL};
    static const char *const subject_pronouns[] = {"they", "he", "she", "it", NULL};
    const cev_seg *g = c->g;
    const char *s = c->s;
    size_t i = verb;
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1) {
            /* a trigger noun: back over its modifiers to a light verb */
            if (!noun)
                break;
            size_t k = verb;
            while (k > c->first && verb - k < 5 && !tok_in(g, s, k - 1, light)) {
                const cev_tok *t = &g->toks[k - 1];
                if (cev_lex_is_clause_break(s, t) || tok_is(g, s, k - 1, ",") ||
                    tok_in(g, s, k - 1, cev_be_words) || cev_lex_is_speech_verb(s, t) ||
                    tok_in(g, s, k - 1, cev_statement_words) || mention_at(c, k - 1) ||
                    (t->flags & CEV_TOK_PUNCT))
                    return SIZE_MAX;
                k--;
            }
            if (k == c->first || !tok_in(g, s, k - 1, light))
                return SIZE_MAX;
            i = k - 1;
        }
        size_t k = i;
        while (k > c->first && i - k < 3 && tok_in(g, s, k - 1, adv))
            k--;
        if (k == c->first)
            continue;
        size_t p = k - 1;
        /* "they set fire to houses and abducted 12 women": the subject of
         * the first verb of a coordination */
        if (tok_is(g, s, p, "and")) {
            size_t j = p;
            while (j > c->first && p - j < 12) {
                const cev_tok *t = &g->toks[j - 1];
                const cev_mention *m = mention_at(c, j - 1);
                if (tok_in(g, s, j - 1, subject_pronouns))
                    break;
                if (cev_lex_is_clause_break(s, t) || tok_is(g, s, j - 1, ",") ||
                    tok_is(g, s, j - 1, "and") || tok_in(g, s, j - 1, cev_be_words) ||
                    cev_lex_is_speech_verb(s, t) || tok_in(g, s, j - 1, cev_statement_words) ||
                    (t->flags & CEV_TOK_PUNCT) ||
                    (m && can_be_actor(m) && !(m->flags & CEV_M_AFTER_PREP) &&
                     cev_object_verb(c, m) == SIZE_MAX))
                    break;
                j--;
            }
            /* the pronoun, then a verb (not "they and their allies") */
            if (j > c->first && j < p && tok_in(g, s, j - 1, subject_pronouns) &&
                !(g->toks[j].flags & (CEV_TOK_CAP | CEV_TOK_PUNCT | CEV_TOK_NUM)) &&
                !mention_at(c, j))
                p = j - 1;
        }
        int kd = tok_is(g, s, p, "they")                             ? CEV_PRON_THEY
                 : tok_is(g, s, p, "he") || tok_is(g, s, p, "she") ? CEV_PRON_HE
                 : tok_is(g, s, p, "it")                             ? CEV_PRON_IT
                                                                     : 0;
        if (!kd)
            continue;
        /* "it" is also an object: only at the start of a clause */
        if (kd == CEV_PRON_IT && p > c->first && !tok_in(g, s, p - 1, starts))
            return SIZE_MAX;
        *kind = kd;
        return p;
    }
    return SIZE_MAX;
}

/* Does the pronoun at token p open its clause, so that it may stand for
 * the subject of the clause before: first in it, or after "But", "Then",
 * or a short opening phrase ("On Monday, they")?  Not after a subject of
 * the clause's own ("A car bomb exploded, and it killed ..."). */
int cev_pronoun_opens_clause(const clause *c, size_t p)
{
    static const char *const lead[] = {"but", "and", "so", "then", "later", "meanwhile",
                                       "however", "also", "\"", ",", NULL};
    static const char *const verbs[] = {"went", "hit", "struck", "came", "took", "left",
                                        "was", "were", "is", "are", "had", "has", "have",
                                        "said", "says", "told", NULL};
    int all_lead = 1;
    for (size_t i = c->first; i < p; i++)
        if (!tok_in(c->g, c->s, i, lead))
            all_lead = 0;
    if (all_lead)
        return 1;
    if (!tok_is(c->g, c->s, p - 1, ",") || p - c->first > 6)
        return 0;
    for (size_t i = c->first; i + 1 < p; i++) {
        const cev_tok *t = &c->g->toks[i];
        size_t n = t->end - t->start;
        const cev_trigger *tr;
        if (tok_in(c->g, c->s, i, verbs) || cev_lex_trigger(c->s, c->g->toks, i, p, &tr) ||
            (n > 3 && !(t->flags & CEV_TOK_CAP) && cev_strncaseeq(c->s + t->end - 2, "ed", 2)))
            return 0;
    }
    return 1;
}

int cev_pronoun_actor(const clause *c, size_t verb, int noun, cev_mention *out)
{
    int kind = 0;
    size_t p = pronoun_subject(c, verb, noun, &kind);
    if (p == SIZE_MAX)
        return 0;
    /* "Militants attacked a checkpoint, killing three policemen, when they
     * blew themselves up": the subject of the clause before the pronoun */
    cev_mention subj;
    int amb = 0;
    if (cev_clause_subject(c, c->first, p, &subj, &amb)) {
        if (amb || !cev_armed_antecedent(c, &subj, kind))
            return 0;
        *out = subj;
        return 1;
    }
    if (amb || !cev_pronoun_opens_clause(c, p))
        return 0;
    /* "They blew themselves up": the subject of the clause told just before,
     * in the same story and paragraph (or the sentence right before) */
    const cev_antecedent *a = c->ante;
    if (!a || !a->valid || a->ambiguous || a->story != c->story || a->sent > c->sent ||
        c->sent - a->sent > (a->block == c->block ? 2u : 1u))
        return 0;
    if (!cev_armed_antecedent(c, &a->m, kind))
        return 0;
    *out = a->m;
    return 1;
}
