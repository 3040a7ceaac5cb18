/* keys.h - names and text tokens folded into comparable words.
 *
 * Every name (alias, lookup query) and every token of an article goes
 * through the same folding, so two spellings meet when their folded words
 * are equal: NFKC and case folding (ICU), diacritics removed, Arabic,
 * Cyrillic, Greek, Hebrew, Armenian and Georgian letters transliterated to
 * ASCII by table, apostrophes dropped ("Hay'at" ->
 * "hayat"), hyphens splitting words, a possessive "'s" removed.  Arabic
 * articles (al-, el-, ar-, ash-, ...) are kept as words but flagged, so
 * that the alias index can leave them out.
 *
 * A second, looser key (the skeleton) maps each word to its consonant
 * frame ("Deir ez-Zor", "Dayr az Zawr", "Deir Ezzor" -> "dVr zVr"); it is
 * used only when the exact words fail, and guarded by cev_skel_close(). */
#ifndef CEV_KEYS_H
#define CEV_KEYS_H

#include "internal.h"

/* Flags of a folded word. */
enum {
    CEV_W_ARTICLE = 1,    /* al, el, ar, as, ash, ad, az, ... */
    CEV_W_LEAD_ART = 2,   /* an article that may open a name ("al-Raqqa", "Al Raqqah") */
    CEV_W_CAP = 4,        /* first letter upper case */
    CEV_W_ALLCAPS = 8,    /* has an upper-case letter and no lower-case one */
    CEV_W_TOKSTART = 16,  /* first word of its token */
    CEV_W_BARRIER = 32,   /* punctuation (other than '.', '-') or a sentence
                           * break separates it from the previous word */
    CEV_W_CASED = 64,     /* its first letter has case (Latin, Cyrillic, ...) */
    CEV_W_POSS = 128,     /* its token ended in a possessive "'s" */
    CEV_W_CUT = 256       /* a final "h" was cut: "Moreh" -> "more" */
};

/* 32 bytes: a 50 MB article has ten million of them. */
typedef struct cev_word {
    uint64_t h;       /* hash of the folded word */
    uint32_t key;     /* the folded word: pool + key, klen bytes, NUL after */
    uint32_t tok;     /* token (text) or piece (name) index */
    uint32_t end;     /* where the word ends, in bytes from its token's start */
    uint16_t klen;    /* longer words are cut at 65535 bytes */
    uint16_t flags;
    uint16_t letters; /* letters in the folded word */
} cev_word;

/* A growable list of folded words and their text. */
typedef struct cev_words {
    cev_word *w;
    size_t n, cap;
    cev_buf pool;
} cev_words;

void cev_words_init(cev_words *v);
void cev_words_free(cev_words *v);
void cev_words_clear(cev_words *v);
static inline const char *cev_word_text(const cev_words *v, size_t i)
{
    return v->pool.data + v->w[i].key;
}

/* Fold the token s[start, end) of a text into words appended to v, each
 * tagged with `tok` and, for the first, `first_flags` (e.g. CEV_W_BARRIER). */
int cev_fold_token(cev_words *v, const char *s, size_t start, size_t end, uint32_t tok,
                   uint16_t first_flags);
/* Fold a name (alias, query): split at spaces and punctuation, then fold
 * each piece as a token.  "&" becomes "and". */
int cev_fold_name(cev_words *v, const char *s, size_t len);

/* Hashes: of one folded word, and of a word sequence built word by word. */
uint64_t cev_word_hash(const char *s, size_t n);
#define CEV_SEQ_SEED 0x243F6A8885A308D3ull
static inline uint64_t cev_seq_add(uint64_t h, uint64_t wh)
{
    uint64_t x = (h ^ (wh + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2)));
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    x ^= x >> 33;
    return x ? x : 1;
}

/* Hash of the skeleton of word i of v (cut_fused as below). */
uint64_t cev_word_skel(const cev_words *v, size_t i, int cut_fused);
/* Skeleton of a folded word into out (NUL-terminated, at most cap-1
 * bytes); `cut_fused` drops a fused article ("ezzor" -> "zor").  Returns
 * its length. */
size_t cev_skeleton(const char *w, size_t n, int cut_fused, char *out, size_t cap);
/* Whether two folded words whose skeletons are equal are close enough to
 * be one name spelled two ways (weighted edit distance). */
int cev_skel_close(const char *a, size_t an, const char *b, size_t bn, int cut_fused);
/* The weighted distance itself, in half edits (UINT_MAX when the vowels
 * disagree); *longer gets the longer word's length after trimming. */
unsigned cev_skel_dist(const char *a, size_t an, const char *b, size_t bn, int cut_fused,
                       size_t *longer);
/* Stricter, for a name of one word matched loosely on its own: no more
 * than one whole edit ("Hassakeh"/"Hasakah", not "Seattle"/"Saatli").
 * A single word is where a loose key most often meets an unrelated name. */
int cev_skel_close_single(const char *a, size_t an, const char *b, size_t bn);

/* 1 when the folded word is an Arabic article form. */
int cev_is_article(const char *w, size_t n);

#endif
