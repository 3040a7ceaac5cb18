/* mentions.h - who and where a sentence talks about: noun phrases that name
 * actors, victims and places, built from alias-table matches and from the
 * closed classes of force and victim nouns ("Kurdish fighters", "gunmen",
 * "at least 50 people"). */
#ifndef CEV_MENTIONS_H
#define CEV_MENTIONS_H

#include "context.h"

enum {
    CEV_M_ACTOR = 1,  /* can be an actor or target */
    CEV_M_PLACE = 2,  /* a place reading exists */
    CEV_M_VICTIM = 4, /* people, civilians: a target, never an actor */
    CEV_M_FORCE = 8,  /* head is a force noun (fighters, troops) */
    CEV_M_DEMONYM = 16, /* a bare demonym ("Turkish") */
    CEV_M_WEAPON = 32,  /* "Turkish rockets": the actor is the modifier */
    CEV_M_SOURCE = 64,  /* a news or monitoring source */
    CEV_M_AFTER_PREP = 128, /* right after in/near/at/... */
    CEV_M_COMPOUND = 256    /* inside a compound word: "Russian-occupied" */
};

typedef struct cev_mention {
    size_t tok, n_toks;    /* token range */
    size_t start, end;     /* normalized text span of the phrase */
    const cev_rec *actor;  /* entity reading, or NULL */
    const cev_rec *place;  /* place reading, or NULL */
    int flags;
    size_t head;           /* token index of the head word */
} cev_mention;

#define CEV_MAX_MENTIONS 64

/* Find mentions in tokens [first, last). `country` (may be NULL) is the
 * story's country, used to choose among places of the same name. */
size_t cev_find_mentions(const cev_context *ctx, const cev_keys *keys, const char *s,
                         const cev_tok *toks, size_t first, size_t last, const char *country,
                         cev_mention *out, size_t max);

/* Best place among the candidates of one alias match. */
const cev_rec *cev_pick_place(const cev_match *m, const char *country, int want_admin);

#endif
