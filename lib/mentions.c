/* mentions.c - noun phrases naming actors, victims and places. */
#include <string.h>

#include "lexicon.h"
#include "loaders.h" /* cev_stopword */
#include "mentions.h"
#include "numbers.h"

static int is_word(const char *s, const cev_tok *t, const char *w)
{
    return cev_tok_is(s, t, w);
}

static int is_admin_word(const char *s, const cev_tok *t)
{
    return is_word(s, t, "province") || is_word(s, t, "governorate") ||
           is_word(s, t, "region") || is_word(s, t, "state") || is_word(s, t, "oblast") ||
           is_word(s, t, "district") || is_word(s, t, "county") || is_word(s, t, "department");
}

static int kind_rank(int kind)
{
    /* preferred reading of an ambiguous place name: a settlement first */
    switch (kind) {
    case CEV_KIND_CITY: return 0;
    case CEV_KIND_TOWN: return 1;
    case CEV_KIND_VILLAGE: return 2;
    case CEV_KIND_NEIGHBOURHOOD: return 3;
    case CEV_KIND_ADMIN2: return 4;
    case CEV_KIND_ADMIN1: return 5;
    case CEV_KIND_LANDMARK: return 6;
    case CEV_KIND_BORDER_AREA: return 7;
    case CEV_KIND_REGION: return 8;
    case CEV_KIND_COUNTRY: return 9;
    }
    return 10;
}

const cev_rec *cev_pick_place(const cev_match *m, const char *country, int want_admin)
{
    const cev_rec *best = NULL;
    int best_score = -1000000;
    for (size_t i = 0; i < m->n_cands; i++) {
        const cev_rec *r = m->cands[i].rec;
        if (!cev_kind_is_place(r->kind))
            continue;
        int score = 0;
        if (country && r->country && strcmp(country, r->country) == 0)
            score += 1000;
        if (want_admin && (r->kind == CEV_KIND_ADMIN1 || r->kind == CEV_KIND_ADMIN2))
            score += 500;
        else
            score -= kind_rank(r->kind) * 10;
        if (r->population > 0) {
            int64_t p = r->population;
            while (p >= 10) { /* log10 of population: bigger places win ties */
                p /= 10;
                score += 3;
            }
        }
        if (score > best_score) {
            best_score = score;
            best = r;
        }
    }
    return best;
}

static const cev_rec *pick_actor(const cev_match *m, int *note)
{
    const cev_rec *best = NULL;
    int best_score = -1;
    for (size_t i = 0; i < m->n_cands; i++) {
        const cev_rec *r = m->cands[i].rec;
        if (cev_kind_is_place(r->kind) && r->kind != CEV_KIND_COUNTRY)
            continue;
        int score = 10;
        if (r->kind == CEV_KIND_ARMED_GROUP || r->kind == CEV_KIND_MILITARY)
            score += 3;
        if (m->cands[i].note == CEV_ALIAS_NAME)
            score += 2;
        if (score > best_score) {
            best_score = score;
            best = r;
            *note = m->cands[i].note;
        }
    }
    return best;
}

/* Words between a place preposition and a place name. */
static int is_place_filler(const char *s, const cev_tok *t)
{
    static const char *const w[] = {
        "the", "northern", "southern", "eastern", "western", "central", "northeastern",
        "northwestern", "southeastern", "southwestern", "north-eastern", "north-western",
        "south-eastern", "south-western", "north", "south", "east", "west", "rural",
        "downtown", "greater", "occupied", "besieged", "rebel-held", "government-held",
        "northwest", "northeast", "southwest", "southeast", NULL};
    for (const char *const *p = w; *p; p++)
        if (cev_tok_is(s, t, *p))
            return 1;
    return 0;
}

/* Every candidate of the match is a place (no actor reading).  A country
 * reached through a demonym ("Serbian", "Palestinians") is a people or its
 * state, never a place. */
static int only_places(const cev_match *m)
{
    for (size_t k = 0; k < m->n_cands; k++)
        if (!cev_kind_is_place(m->cands[k].rec->kind) || m->cands[k].note == CEV_ALIAS_DEMONYM)
            return 0;
    return 1;
}

/* A word that counts people: "4", "two", "dozens", "a", "several". */
static int is_count_word(const char *s, const cev_tok *t)
{
    static const char *const w[] = {"a", "an", "dozens", "hundreds", "thousands", "scores",
                                    "several", "many", "some", "more", "few", "other",
                                    "fellow", "of", NULL};
    if (t->flags & CEV_TOK_NUM)
        return 1;
    if (cev_number_word_value(s + t->start, t->end - t->start) > 0)
        return 1;
    for (const char *const *p = w; *p; p++)
        if (cev_tok_is(s, t, *p))
            return 1;
    return 0;
}

/* The demonym at tokens [a, b) is a noun naming people ("Iraqis", "4
 * Sudanese", "an Iraqi was killed"), not an adjective before its noun
 * ("Iraqi troops").  A plural in -s is a noun; a form that is the same in
 * both uses is one after a count or "ethnic" and before no noun. */
static int demonym_is_people(const char *s, const cev_tok *toks, size_t first, size_t last,
                             size_t a, size_t b, int ethnic)
{
    const cev_tok *t = &toks[b - 1];
    size_t n = t->end - t->start;
    const char *w = s + t->start;
    if (n > 3 && (w[n - 1] == 's' || w[n - 1] == 'S') && w[n - 2] != 's' && w[n - 2] != 'S')
        return b >= last || !cev_lex_is_force_noun(s, &toks[b]); /* not "Seychellois troops" */
    if (!ethnic && !(a > first && is_count_word(s, &toks[a - 1])))
        return 0;
    if (b >= last)
        return 1;
    const cev_tok *nx = &toks[b];
    if (!(nx->flags & CEV_TOK_WORD))
        return 1;
    /* a function word or a verb follows: no noun for the demonym to qualify */
    static const char *const fw[] = {"and", "or", "in", "on", "at", "of", "from", "near",
                                     "by", "with", "to", "for", "as", "after", "during",
                                     "were", "was", "are", "is", "have", "has", "had", "who",
                                     "which", "that", "said", "say", "says", "but", "while",
                                     "die", "died", "dead", "also", NULL};
    for (const char *const *p = fw; *p; p++)
        if (cev_tok_is(s, nx, *p))
            return 1;
    size_t kn = nx->end - nx->start;
    /* "4 Sudanese killed in ...": a past verb */
    return kn > 4 && !(nx->flags & CEV_TOK_CAP) && cev_strncaseeq(s + nx->end - 2, "ed", 2);
}

/* The armed forces or police of `country` that a force noun after its
 * demonym names ("Serb forces" SRBMIL, "Macedonian police" MKDPOL), or the
 * country itself when the noun is not a state's ("Syrian rebels"), names a
 * weapon ("Ukrainian drones": whose, the military or an agency, is not
 * said) or the table has no such record. */
static const cev_rec *state_force(const cev_context *ctx, const cev_rec *country,
                                  const char *s, const cev_tok *t)
{
    static const char *const mil[] = {"forces", "force", "troops", "soldiers", "soldier",
                                      "army", "military", "units", "battalion",
                                      "battalions", "brigade", "brigades", NULL};
    static const char *const pol[] = {"police", "policemen", "policeman", NULL};
    const char *suffix = NULL;
    for (const char *const *p = mil; *p && !suffix; p++)
        if (cev_tok_is(s, t, *p))
            suffix = "MIL";
    for (const char *const *p = pol; *p && !suffix; p++)
        if (cev_tok_is(s, t, *p))
            suffix = "POL";
    if (!suffix || !country->id || strlen(country->id) != 3)
        return country;
    char id[8];
    memcpy(id, country->id, 3);
    memcpy(id + 3, suffix, 4);
    const cev_rec *r = cev_ctx_find(ctx, id);
    return r ? r : country;
}

/* A people named by a proper name ("Kurds", "Rohingya": peoples.tsv), not a
 * class of people ("civilians", "women", "citizens"): its canonical name is
 * capitalised. */
static int is_people_name(const cev_rec *r)
{
    return r && r->kind == CEV_KIND_CIVILIANS && r->name && r->name[0] >= 'A' &&
           r->name[0] <= 'Z';
}

static int is_facility(const char *s, const cev_tok *t)
{
    static const char *const w[] = {"building", "buildings", "compound", "base", "bases",
                                    "headquarters", "office", "offices", "station", "stations",
                                    "post", "posts", "checkpoint", "convoy", "vehicle",
                                    "vehicles", "barracks", "camp", "academy", "hospital",
                                    "spokesman", "spokeswoman", "source", "sources",
                                    "official", "officials", "statement", NULL};
    for (const char *const *p = w; *p; p++)
        if (cev_tok_is(s, t, *p))
            return 1;
    return 0;
}

/* Tokens that may stand between modifiers and a head noun. */
static int is_np_filler(const char *s, const cev_tok *t)
{
    if (t->flags & CEV_TOK_PUNCT)
        return 0; /* a spaced dash is a dateline or an aside, not a compound */
    return cev_lex_is_actor_modifier(s, t);
}

/* "pro-Assad", "Iran-backed", "US-led", "Turkey-backed" */
static int is_affiliation_word(const char *s, const cev_tok *t)
{
    size_t n = t->end - t->start;
    const char *w = s + t->start;
    if (n > 4 && cev_strncaseeq(w, "pro-", 4))
        return 1;
    static const char *const suf[] = {"-backed", "-led", "-allied", "-aligned", "-supported",
                                      "-linked", "-affiliated", "-controlled", "-held", NULL};
    for (const char *const *p = suf; *p; p++) {
        size_t k = strlen(*p);
        if (n > k && cev_strncaseeq(w + n - k, *p, k))
            return 1;
    }
    return 0;
}

/* Most words of tokens [first, last) are written all in capitals (wire
 * copy like MUC-4, shouted headlines): case tells no name from a word. */
static int mostly_allcaps(const cev_tok *toks, size_t first, size_t last)
{
    size_t words = 0, caps = 0;
    for (size_t i = first; i < last; i++)
        if ((toks[i].flags & CEV_TOK_WORD) && toks[i].end - toks[i].start >= 2) {
            words++;
            if (toks[i].flags & CEV_TOK_ALLCAPS)
                caps++;
        }
    return words >= 3 && caps * 2 > words;
}

/* An abbreviation that is also an ordinary English word: in text all in
 * capitals "IS", "US", "WHO", "CAR", "AU" are most often the words. */
static int abbr_is_word(const char *s, const cev_tok *t, const cev_match *m)
{
    size_t n = t->end - t->start;
    if (n < 2 || n > 5)
        return 0;
    for (size_t k = 0; k < m->n_cands; k++)
        if (m->cands[k].note != CEV_ALIAS_ABBR)
            return 0;
    char w[8];
    for (size_t i = 0; i < n; i++)
        w[i] = (char)cev_to_lower((unsigned char)s[t->start + i]);
    if (cev_stopword(w, n))
        return 1;
    /* common words the stopword list leaves out */
    static const char *const words[] = {"car", "au", "act", "fact", "tip", "rim", "jam", "bra",
                                        "bars", "sac", "pap", "alp", "model", "civic", "las",
                                        "aim", "ban", "dam", "gun", "man", NULL};
    for (const char *const *p = words; *p; p++)
        if (strlen(*p) == n && memcmp(*p, w, n) == 0)
            return 1;
    return 0;
}

/* A possessive right after the match: "Syria's", "Syria’s" (normalized to
 * '), "the Philippines'" or, in tokenized text, "Syria 's".  Returns the
 * token after the possessive, or 0 when there is none (a compound word:
 * "US-led", "Iran-backed"). */
static size_t possessive_next(const char *s, const cev_tok *toks, size_t last,
                              const cev_match *m)
{
    size_t lt = m->tok + m->n_toks - 1;
    const cev_tok *t = &toks[lt];
    if (m->end < t->end)
        return t->end - m->end == 2 && s[m->end] == '\'' &&
                       (s[m->end + 1] == 's' || s[m->end + 1] == 'S')
                   ? lt + 1
                   : 0;
    size_t j = lt + 1;
    if (j >= last || toks[j].end - toks[j].start != 1 || s[toks[j].start] != '\'')
        return 0;
    /* "Syria 's": the apostrophe and the "s" written together */
    if (j + 1 < last && toks[j + 1].start == toks[j].end &&
        toks[j + 1].end - toks[j + 1].start == 1 &&
        (s[toks[j + 1].start] == 's' || s[toks[j + 1].start] == 'S'))
        return j + 2;
    /* "the Philippines' Mindanao": the apostrophe glued to a final s, not
     * opening a quotation */
    if (toks[j].start == t->end && (s[t->end - 1] == 's' || s[t->end - 1] == 'S') &&
        (j + 1 >= last || toks[j + 1].start > toks[j].end))
        return j + 1;
    return 0;
}

/* "Syria's north", "in Nigeria's northeast": a part of the possessor's
 * land, which is then the place. */
static int is_direction_noun(const char *s, const cev_tok *t)
{
    static const char *const w[] = {"north", "south", "east", "west", "northeast",
                                    "northwest", "southeast", "southwest", "north-east",
                                    "north-west", "south-east", "south-west", NULL};
    if (t->flags & CEV_TOK_CAP)
        return 0; /* "Russia's West" is a bloc */
    for (const char *const *p = w; *p; p++)
        if (cev_tok_is(s, t, *p))
            return 1;
    return 0;
}

size_t cev_find_mentions(const cev_context *ctx, const cev_keys *keys, const char *s,
                         const cev_tok *toks, size_t first, size_t last, const char *country,
                         cev_mention *out, size_t max)
{
    size_t n = 0;
    size_t i = first;
    int allcaps = -1; /* mostly_allcaps(), computed when first needed */
    /* the last possessor ("Syria's"): the mention, its place reading, the
     * token after its "'s" and whether a place preposition came before it */
    size_t poss_idx = 0, poss_next = 0;
    const cev_rec *poss_place = NULL;
    int poss_prep = 0;
    while (i < last && n < max) {
        cev_match m;
        const cev_tok *t = &toks[i];
        int after_prep = i > first && cev_lex_is_place_prep(s, &toks[i - 1]);
        /* "in southern Syria", "near the town of": skip a direction word or "the" */
        if (!after_prep && i > first + 1 && is_place_filler(s, &toks[i - 1]) &&
            (cev_lex_is_place_prep(s, &toks[i - 2]) ||
             (i > first + 2 && is_place_filler(s, &toks[i - 2]) &&
              cev_lex_is_place_prep(s, &toks[i - 3]))))
            after_prep = 1;
        /* "Syria's Idlib", "in Syria's northern Idlib province": a name right
         * after a possessor (or after its direction word) is a name of its
         * own, where the possessor's preposition and country apply */
        int after_poss = poss_next && (i == poss_next ||
                                       (i == poss_next + 1 && is_place_filler(s, &toks[i - 1])));
        if (after_poss && poss_prep)
            after_prep = 1;
        const char *hint = after_poss && poss_place && poss_place->country ? poss_place->country
                                                                          : country;
        /* skip "the" so "the city of X" and "the US" work */
        if (keys && cev_ctx_match(ctx, keys, s, toks, i, last, &m)) {
            cev_mention *mm = &out[n];
            memset(mm, 0, sizeof *mm);
            mm->tok = m.tok;
            mm->n_toks = m.n_toks;
            mm->start = m.start;
            mm->end = m.end;
            mm->head = m.tok + m.n_toks - 1;
            /* a one-word place that is also an event word ("Hit", "Tank" in a
             * title-case headline) is the event word */
            const cev_trigger *trw;
            if (m.n_toks == 1 && cev_lex_trigger(s, toks, m.tok, m.tok + 1, &trw) == 1) {
                if (only_places(&m)) {
                    i++;
                    continue;
                }
            }
            /* "the Emergency Medicine Centre said": a one-word place inside a
             * longer capitalised name is part of that name */
            if (m.n_toks == 1 && m.tok > first && !after_prep && !after_poss &&
                (toks[m.tok - 1].flags & CEV_TOK_CAP) && (toks[m.tok - 1].flags & CEV_TOK_WORD) &&
                !cev_toks_mostly_caps(toks, first, last)) {
                if (only_places(&m)) {
                    i++;
                    continue;
                }
            }
            if (m.n_toks == 1 && allcaps < 0)
                allcaps = mostly_allcaps(toks, first, last);
            if (m.n_toks == 1 && allcaps && abbr_is_word(s, &toks[m.tok], &m)) {
                i++;
                continue;
            }
            int want_admin = m.tok + m.n_toks < last && is_admin_word(s, &toks[m.tok + m.n_toks]);
            mm->place = cev_pick_place(&m, hint, want_admin);
            int note = 0;
            mm->actor = pick_actor(&m, &note);
            if (after_prep)
                mm->flags |= CEV_M_AFTER_PREP;
            if (mm->actor) {
                mm->flags |= CEV_M_ACTOR;
                if (note == CEV_ALIAS_DEMONYM)
                    mm->flags |= CEV_M_DEMONYM;
                if (mm->actor->kind == CEV_KIND_SOURCE)
                    mm->flags |= CEV_M_SOURCE;
                if (mm->actor->kind == CEV_KIND_CIVILIANS)
                    mm->flags = (mm->flags & ~CEV_M_ACTOR) | CEV_M_VICTIM;
            }
            /* "US-led", "Iran-backed": the name is part of a compound word,
             * and so is a possessor ("Syria's"): it qualifies what follows
             * and is a place only before a part of it ("Syria's north") */
            size_t pn = possessive_next(s, toks, last, &m);
            const cev_rec *own_place = mm->place;
            if (m.end < toks[m.tok + m.n_toks - 1].end) {
                mm->place = NULL;
                mm->flags |= CEV_M_COMPOUND;
            }
            if (mm->place)
                mm->flags |= CEV_M_PLACE;
            /* a capital stands for its government only as the subject of a
             * verb ("Moscow said", "Ankara has"), never in "KABUL (Reuters)" */
            if (mm->actor && note == CEV_ALIAS_METONYM && mm->place) {
                size_t nx = m.tok + m.n_toks;
                if (nx >= last || (toks[nx].flags & (CEV_TOK_PUNCT | CEV_TOK_CAP)))
                    mm->actor = NULL, mm->flags &= ~CEV_M_ACTOR;
            }
            /* a metonym ("Moscow") after a place preposition is the place */
            if (mm->place && mm->actor && mm->actor->kind != CEV_KIND_COUNTRY && after_prep)
                mm->actor = NULL, mm->flags &= ~CEV_M_ACTOR;
            /* "in Syria": a country after a place preposition is a place */
            if (mm->place && mm->actor && after_prep && !(mm->flags & CEV_M_DEMONYM))
                mm->flags &= ~CEV_M_ACTOR;
            /* "ethnic Albanians", "ethnic Serb police": a people, which may
             * live in any state; no country is better than a wrong one */
            int ethnic = note == CEV_ALIAS_DEMONYM && !(mm->flags & CEV_M_COMPOUND) &&
                         m.tok > first && cev_tok_is(s, &toks[m.tok - 1], "ethnic");
            if (ethnic) {
                mm->tok = m.tok - 1;
                mm->n_toks = m.n_toks + 1;
                mm->start = toks[m.tok - 1].start;
            }
            int people = note == CEV_ALIAS_DEMONYM && !(mm->flags & CEV_M_COMPOUND) &&
                         demonym_is_people(s, toks, first, last, m.tok, m.tok + m.n_toks, ethnic);
            /* extend over a following force or weapon noun: "Turkish forces",
             * "Syrian government troops", "US warplanes" */
            size_t j = pn ? pn : m.tok + m.n_toks;
            while (!people && j < last && j < m.tok + m.n_toks + 3 &&
                   is_np_filler(s, &toks[j]) && !cev_lex_is_force_noun(s, &toks[j]))
                j++;
            if (!people && j < last && mm->actor && cev_lex_is_force_noun(s, &toks[j])) {
                mm->n_toks = j + 1 - mm->tok;
                mm->end = toks[j].end;
                mm->head = j;
                mm->flags |= CEV_M_FORCE;
                mm->flags &= ~CEV_M_COMPOUND;
                mm->flags &= ~(CEV_M_PLACE | CEV_M_DEMONYM);
                mm->place = NULL;
                /* "Serbian troops", "Azeri soldiers", "Macedonian police": a
                 * country's state forces, when the table has them */
                if (mm->actor->kind == CEV_KIND_COUNTRY && (note == CEV_ALIAS_DEMONYM || pn))
                    mm->actor = state_force(ctx, mm->actor, s, &toks[j]);
                /* "Rohingya militants": a people's name qualifies the
                 * fighters, who are not the people itself */
                if (is_people_name(mm->actor)) {
                    mm->actor = NULL;
                    mm->flags = (mm->flags & ~CEV_M_VICTIM) | CEV_M_ACTOR;
                }
            }
            /* "Iraqis", "4 Sudanese", "ethnic Albanians": the people of a
             * country, victims or fighters as the clause says */
            if (people) {
                mm->flags &= ~(CEV_M_PLACE | CEV_M_DEMONYM);
                mm->place = NULL;
                /* counted ("killing 4 Iraqis", "dozens of Palestinians"),
                 * they are the victims of a report; alone ("Azerbaijanis
                 * and Armenians") they may be either side */
                if (mm->tok > first && is_count_word(s, &toks[mm->tok - 1]))
                    mm->flags = (mm->flags & ~(CEV_M_ACTOR | CEV_M_FORCE)) | CEV_M_VICTIM;
                else
                    mm->flags |= CEV_M_ACTOR | CEV_M_FORCE;
            }
            if (ethnic) {
                /* "ethnic Albanian villagers": the victim noun speaks */
                if (!(mm->flags & (CEV_M_FORCE | CEV_M_VICTIM))) {
                    i = m.tok + m.n_toks;
                    continue;
                }
                mm->actor = NULL;
            }
            /* "Kosovo Albanians", "Bosnian Serb forces", "Iraqi Kurds": the
             * people of the state named first, where they live */
            int people_name = is_people_name(mm->actor) && m.n_toks == 1;
            if (!ethnic && n > 0 && out[n - 1].tok + out[n - 1].n_toks == mm->tok &&
                out[n - 1].actor && out[n - 1].actor->kind == CEV_KIND_COUNTRY &&
                !(out[n - 1].flags & (CEV_M_COMPOUND | CEV_M_AFTER_PREP | CEV_M_FORCE)) &&
                (((mm->flags & (CEV_M_FORCE | CEV_M_VICTIM)) && note == CEV_ALIAS_DEMONYM) ||
                 people_name)) {
                cev_mention *prev = &out[n - 1];
                prev->n_toks = mm->tok + mm->n_toks - prev->tok;
                prev->end = mm->end;
                prev->head = mm->head;
                int role = CEV_M_ACTOR | CEV_M_FORCE;
                if ((people || people_name) && prev->tok > first &&
                    is_count_word(s, &toks[prev->tok - 1]))
                    role = CEV_M_VICTIM;
                prev->flags = (prev->flags & ~(CEV_M_PLACE | CEV_M_DEMONYM | CEV_M_VICTIM |
                                               CEV_M_ACTOR | CEV_M_FORCE)) |
                              role;
                prev->place = NULL;
                i = prev->tok + prev->n_toks;
                continue;
            }
            /* "Syria's Idlib", "the Philippines' Mindanao": the possessor
             * only says where the place lies (its country chose among the
             * place's homonyms); it is neither the place nor a side */
            if (after_poss && (mm->flags & CEV_M_PLACE) &&
                !(mm->flags & (CEV_M_COMPOUND | CEV_M_FORCE | CEV_M_DEMONYM)) &&
                !(out[poss_idx].flags & CEV_M_FORCE)) {
                out[poss_idx].place = NULL;
                out[poss_idx].flags = (out[poss_idx].flags & ~CEV_M_PLACE) | CEV_M_COMPOUND;
            }
            poss_next = 0;
            if (pn && !(mm->flags & CEV_M_FORCE) && !people) {
                poss_idx = n;
                poss_next = pn;
                poss_place = own_place;
                poss_prep = after_prep;
                if (own_place && pn < last && is_direction_noun(s, &toks[pn])) {
                    mm->place = own_place;
                    mm->flags = (mm->flags & ~(CEV_M_COMPOUND | CEV_M_ACTOR)) | CEV_M_PLACE;
                }
            }
            n++;
            i = pn && !(mm->flags & CEV_M_FORCE) && !people ? pn : mm->tok + mm->n_toks;
            continue;
        }
        /* generic force / victim noun phrases */
        int force = cev_lex_is_force_noun(s, t), victim = cev_lex_is_victim_noun(s, t);
        /* "a government building", "the army base", "police station" */
        if (force && i + 1 < last && is_facility(s, &toks[i + 1]))
            force = 0;
        if ((force || victim) && (t->flags & CEV_TOK_WORD)) {
            cev_mention *mm = &out[n];
            memset(mm, 0, sizeof *mm);
            size_t b = i;
            /* walk left over modifiers ("pro-Iran", "Kurdish", "rebel"), not
             * into the mention before ("Macedonian army troops") */
            size_t stop = n > 0 && out[n - 1].actor ? out[n - 1].tok + out[n - 1].n_toks : first;
            if (stop < first)
                stop = first;
            while (b > stop && (is_np_filler(s, &toks[b - 1]) ||
                                is_affiliation_word(s, &toks[b - 1])))
                b--;
            /* absorb a directly preceding actor mention: "Turkey-backed Syrian rebels" */
            if (n > 0 && out[n - 1].tok + out[n - 1].n_toks == b && (out[n - 1].flags & CEV_M_ACTOR) &&
                force) {
                cev_mention *prev = &out[n - 1];
                prev->n_toks = i + 1 - prev->tok;
                prev->end = t->end;
                prev->head = i;
                prev->flags |= CEV_M_FORCE;
                prev->flags &= ~(CEV_M_PLACE | CEV_M_DEMONYM);
                prev->place = NULL;
                i++;
                continue;
            }
            mm->tok = b;
            mm->n_toks = i + 1 - b;
            mm->start = toks[b].start;
            mm->end = t->end;
            mm->head = i;
            mm->flags = force ? (CEV_M_ACTOR | CEV_M_FORCE) : CEV_M_VICTIM;
            if (after_prep || (b > first && cev_lex_is_place_prep(s, &toks[b - 1])))
                mm->flags |= CEV_M_AFTER_PREP;
            n++;
        }
        i++;
    }
    return n;
}
