/* lexicon.h - words and phrases that signal events (triggers), and the
 * closed word lists the extractor needs (force nouns, victim nouns, ...). */
#ifndef CEV_LEXICON_H
#define CEV_LEXICON_H

#include "segment.h"

/* How a trigger is used. */
enum {
    CEV_TRIG_VERB = 1,      /* "pounded", "stormed" */
    CEV_TRIG_NOUN = 2,      /* "shelling", "raid", "car bomb" */
    CEV_TRIG_PASSIVE = 4,   /* past participle usable in passive: "were attacked" */
    CEV_TRIG_WEAK = 8,      /* needs support (a casualty figure, an armed actor) */
    CEV_TRIG_AIR = 16,      /* implies aircraft: turns a generic strike into air_strike */
    CEV_TRIG_WEAPON = 32,   /* a weapon noun ("rockets", "shells"): actor's instrument */
    CEV_TRIG_PEOPLE = 64,   /* its object must be people (abduction, arrest) */
    CEV_TRIG_PLACE = 128,   /* its object is normally a place (territory change) */
    CEV_TRIG_GENERIC = 256  /* "strike", "attack": type refined by context */
};

typedef struct cev_trigger {
    const char *phrase; /* lower case, words separated by single spaces */
    int type;           /* cev_event_type */
    int flags;
} cev_trigger;

/* Longest trigger starting at token i (tokens [i, end)); returns the number
 * of tokens matched (0 if none) and the entry. */
size_t cev_lex_trigger(const char *s, const cev_tok *toks, size_t i, size_t end,
                       const cev_trigger **out);

/* Closed classes, matched on one token (case-insensitive). */
int cev_lex_is_force_noun(const char *s, const cev_tok *t);  /* forces, fighters, troops */
int cev_lex_is_victim_noun(const char *s, const cev_tok *t); /* people, civilians */
int cev_lex_is_modal(const char *s, const cev_tok *t);       /* will, would, could, to */
int cev_lex_is_negation(const char *s, const cev_tok *t);    /* not, never, no */
int cev_lex_is_place_prep(const char *s, const cev_tok *t);  /* in, near, at, outside */
int cev_lex_is_clause_break(const char *s, const cev_tok *t);/* ; but while which */
int cev_lex_is_speech_verb(const char *s, const cev_tok *t); /* said, told, reported */
int cev_lex_is_actor_modifier(const char *s, const cev_tok *t); /* rebel, Islamist, armed */

#endif
