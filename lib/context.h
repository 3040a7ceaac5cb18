/* context.h - the alias table and gazetteer as the extractor sees them.
 *
 * A context holds records (entities and places) and an index from
 * normalization keys of their aliases to records.  The extractor asks for the
 * longest alias that starts at a given token of a sentence. */
#ifndef CEV_CONTEXT_H
#define CEV_CONTEXT_H

#include "internal.h"
#include "segment.h"

/* One entity or place. Strings live as long as the context. */
typedef struct cev_rec {
    const char *id;
    const char *name;
    const char *country;     /* ISO alpha-2 or NULL */
    const char *admin1_id;   /* places: id of the admin1 unit, or NULL */
    const char *admin1_name; /* places: its name, or NULL */
    const char *parent_id;   /* places: enclosing place, or NULL */
    const char *affiliation; /* entities: aligned entity id, or NULL */
    int kind;                /* cev_kind */
    int has_coords;
    double lat, lon;
    int64_t population;      /* -1 unknown */
    int32_t valid_from, valid_to; /* yyyymmdd or 0 */
} cev_rec;

/* What an alias says about its record. */
enum {
    CEV_ALIAS_PLAIN = 0,
    CEV_ALIAS_ABBR = 1,
    CEV_ALIAS_DEMONYM = 2,
    CEV_ALIAS_METONYM = 3,
    CEV_ALIAS_TRANSLIT = 4,
    CEV_ALIAS_FORMER = 5,
    CEV_ALIAS_NAME = 6, /* the canonical name itself */
    /* internal, never in a cev_cand: a name left when a parenthesized
     * qualifier was cut ("New York" of "New York (Ukraine)") */
    CEV_ALIAS_QUALIFIED = 7
};

/* How strongly an alias names its record, 0 = best: a name as the record is
 * called now (canonical, plain, abbreviation), then a transliteration, then
 * a former name or a name that needed its qualifier, then a demonym, then a
 * metonym.  A weaker reading never ranks before a stronger one of the same
 * words ("Salisbury" is the English city before Harare's former name). */
static inline int cev_note_rank(int note)
{
    switch (note) {
    case CEV_ALIAS_METONYM: return 4;
    case CEV_ALIAS_DEMONYM: return 3;
    case CEV_ALIAS_FORMER: case CEV_ALIAS_QUALIFIED: return 2;
    case CEV_ALIAS_TRANSLIT: return 1;
    default: return 0;
    }
}

typedef struct cev_cand {
    const cev_rec *rec;
    int note; /* CEV_ALIAS_* */
} cev_cand;

#define CEV_MAX_CANDS 16

/* A match of an alias over tokens [tok, tok + n_toks). */
typedef struct cev_match {
    size_t tok, n_toks;
    size_t start, end; /* normalized byte offsets */
    size_t n_cands;
    cev_cand cands[CEV_MAX_CANDS];
} cev_match;

/* Folded keys of a document's tokens, built once per document. */
typedef struct cev_keys cev_keys;

int cev_keys_new(cev_keys **out, const cev_context *ctx, const char *text,
                 const cev_tok *toks, size_t n_toks, cev_err *err);
void cev_keys_free(cev_keys *k);

/* Longest alias starting at token `i` and ending before token `end`.
 * Returns 1 and fills *m when one matches, else 0. */
int cev_ctx_match(const cev_context *ctx, const cev_keys *keys, const char *text,
                  const cev_tok *toks, size_t i, size_t end, cev_match *m);

/* The public view of a record (strings borrowed from the context). */
void cev_ctx_fill_entry(cev_entry *out, const cev_rec *r);

/* Record by id, or NULL. */
const cev_rec *cev_ctx_find(const cev_context *ctx, const char *id);

/* The country as an actor ("SY" -> the entity SYR), or NULL. */
const cev_rec *cev_ctx_country_entity(const cev_context *ctx, const char *iso2);

/* Mark the context read-only (first parser made). */
void cev_ctx_freeze(cev_context *ctx);

/* Normalization key of a name (case, diacritics, scripts, hyphens,
 * apostrophes, Arabic articles folded).  *out is malloc'd. */
int cev_name_key(char **out, const char *name, size_t len);



/* TSV text (docs/data-format.md, header line included) of every entity and
 * every place loaded into the context from user files (not the built-in
 * data), for cev_store_save_aliases; NULL when there are none.  Lives as long
 * as the context. */
const char *cev_ctx_user_entities_tsv(const cev_context *ctx);
const char *cev_ctx_user_places_tsv(const cev_context *ctx);
#endif
