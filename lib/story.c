/* story.c - the story context, what earlier clauses said that a later one
 * leaves out: the date anchor of each story (its dateline, the page's
 * source line or the publication date), the story's country (voted by the
 * places and actors it names), its current place (a wire dateline such as
 * "KABUL (Reuters) -" sets it), who is striking, and the date of the event
 * told last. */
#include <stdint.h>
#include <string.h>

#include "extract_int.h"

void cev_story_vote_country(story_ctx *sc, const char *cc, int weight)
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
void cev_story_anchors(const cev_seg *g, const char *s, int32_t published, int32_t *anchors,
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

/* Remember what this clause says for the clauses after it. */
void cev_story_update(story_ctx *sc, const clause *c, const cev_evc *ev, int have_event)
{
    /* places named in the clause */
    const cev_mention *best = NULL;
    for (size_t k = 0; k < c->n_m; k++) {
        const cev_mention *m = &c->m[k];
        if (m->place && !(m->flags & CEV_M_DEMONYM) && !(m->flags & CEV_M_FORCE)) {
            cev_story_vote_country(sc, m->place->country,
                                   m->place->kind == CEV_KIND_COUNTRY ? 1 : 2);
            if (m->place->kind != CEV_KIND_COUNTRY && (m->flags & CEV_M_AFTER_PREP))
                best = m;
        }
        if (m->actor && m->actor->country && m->actor->kind != CEV_KIND_COUNTRY)
            cev_story_vote_country(sc, m->actor->country, 1);
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
            sc->actor_family = cev_type_family(ev->type);
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

/* A wire dateline opening a paragraph, "KABUL (Reuters) -" or
 * "MOGADISHU, March 4 -", names the place the story is about. */
size_t cev_wire_dateline_place(const cev_context *ctx, const cev_keys *keys, const cev_seg *g,
                               const char *s, const cev_sent *st, story_ctx *sc)
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
            cev_story_vote_country(sc, m[k].place->country, 1);
            break;
        }
    }
    /* the dateline's own date and agency are not the event's */
    return dash + 1;
}
