/* roles.c - who did it to whom within one clause: the actor before an
 * active verb or a trigger noun ("Turkish rockets pounded"), the agent of a
 * passive ("were attacked by gunmen"), the object after it, the sides of
 * "clashes between X and Y", the victims of a killing as its target, and a
 * generic "soldiers" or "police" read as the story country's own forces.
 * clause_event() in extract.c decides which of these a clause uses. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

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
