/* alias_index.h - from folded word sequences to records.
 *
 * Two hash tables keyed by 64-bit hashes of word sequences: one of the
 * exact folded words of every alias (Arabic articles left out), one of
 * their skeletons.  Every proper prefix of an alias is in the table too,
 * marked PREFIX, so a match over text grows word by word and stops at the
 * first sequence no alias starts with.  A FULL slot heads a chain of
 * postings: the records that alias names, with the alias's note and case
 * rule.  Strings of the exact keys are kept to verify a hit.
 *
 * Insertion never fails once cev_ai_reserve() has succeeded, so a load can
 * check everything first and then commit all or nothing. */
#ifndef CEV_ALIAS_INDEX_H
#define CEV_ALIAS_INDEX_H

#include "internal.h"
#include "keys.h"

#define CEV_AI_MAX_WORDS 16 /* longer aliases are not indexed */
#define CEV_AI_MAX_HITS 64  /* candidates gathered before ranking */
#define CEV_AI_NONE UINT32_MAX
/* Shorter names are too easily confused to match by skeleton (Daily/Dolow,
 * Colony/Colonia): at least 6 letters, 7 for a single word. */
#define CEV_SKEL_MIN_LETTERS 6

/* How the text must be written for an alias to match. */
enum {
    CEV_RULE_ANY = 0,         /* lower-case alias: any case */
    CEV_RULE_CAP = 1,         /* capitalized alias: first word capitalized */
    CEV_RULE_ALLCAPS = 2,     /* abbreviation in capitals: all capitals */
    CEV_RULE_ALLCAPS_LONG = 3 /* the same, 4+ letters (lookups relax it) */
};

typedef struct cev_post {
    uint32_t rec;  /* record index in the context */
    uint32_t next; /* next posting of the slot, or CEV_AI_NONE */
    uint32_t key;  /* offset of the alias's exact key in the key pool */
    uint8_t note;  /* CEV_ALIAS_* */
    uint8_t rule;  /* CEV_RULE_* */
    uint8_t art;   /* 1: spelled without an article, 2: with one */
    uint8_t pad;
} cev_post;

typedef struct cev_slot {
    uint64_t h;     /* 0: empty */
    uint32_t key;   /* FULL exact slots: offset of the key string */
    uint32_t first; /* first posting, or CEV_AI_NONE */
    uint32_t flags; /* CEV_SLOT_* */
    uint32_t pad;
} cev_slot;

enum { CEV_SLOT_FULL = 1, CEV_SLOT_PREFIX = 2 };

typedef struct cev_table {
    cev_slot *s;
    size_t cap, n; /* cap is a power of two */
} cev_table;

typedef struct cev_aindex {
    cev_table exact, skel;
    cev_post *post;
    size_t n_post, cap_post;
    cev_buf keys;        /* exact key strings, NUL-terminated */
    size_t n_exact_post; /* postings in the exact table = aliases held */
} cev_aindex;

void cev_ai_init(cev_aindex *ai);
void cev_ai_free(cev_aindex *ai);

/* An alias ready to insert (key: content words joined by single spaces). */
typedef struct cev_prep {
    const char *key;
    uint32_t klen;
    uint32_t rec;
    uint8_t note, rule, art, nwords;
    uint8_t skel; /* also index its skeleton */
} cev_prep;

/* Make room for the given preps; after success cev_ai_insert cannot fail. */
int cev_ai_reserve(cev_aindex *ai, const cev_prep *preps, size_t n);
void cev_ai_insert(cev_aindex *ai, const cev_prep *p);

/* Matching modes. */
enum {
    CEV_AI_TEXT = 0,    /* article text: case rules apply */
    CEV_AI_LOOKUP = 1,  /* a name asked for: case relaxed except short abbreviations */
    CEV_AI_NO_SKEL = 2  /* or'ed in: exact words only */
};

typedef struct cev_ai_hit {
    uint32_t rec;
    uint8_t note, art;
} cev_ai_hit;

typedef struct cev_ai_match {
    size_t w_first, w_last; /* first word used (may be an article) and last */
    size_t n_words;         /* content words matched */
    int art;                /* the text had an Arabic article in the match */
    int skel;               /* found through the skeleton */
    size_t n_hits;
    cev_ai_hit hits[CEV_AI_MAX_HITS]; /* one per record */
} cev_ai_match;

/* Longest alias over words [w0, w_lim) of v starting at w0.  Returns 1 and
 * fills *m, or 0. */
int cev_ai_match_at(const cev_aindex *ai, const cev_words *v, size_t w0, size_t w_lim,
                    int mode, cev_ai_match *m);

/* ---- id maps: string -> uint32, the strings owned by the caller -------- */

typedef struct cev_idmap {
    struct cev_idslot {
        const char *key;
        uint64_t h;
        uint32_t val;
    } *s;
    size_t cap, n;
} cev_idmap;

void cev_idmap_init(cev_idmap *m);
void cev_idmap_free(cev_idmap *m);
/* Room for `extra` more keys; then cev_idmap_put cannot fail. */
int cev_idmap_reserve(cev_idmap *m, size_t extra);
/* Insert or replace (the map must have room). */
void cev_idmap_put(cev_idmap *m, const char *key, uint32_t val);
/* The value, or CEV_AI_NONE. */
uint32_t cev_idmap_get(const cev_idmap *m, const char *key);
uint32_t cev_idmap_getn(const cev_idmap *m, const char *key, size_t n);

#endif
