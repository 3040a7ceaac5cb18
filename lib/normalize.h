/* normalize.h - clean article text, keeping a map back to the input bytes. */
#ifndef CEV_NORMALIZE_H
#define CEV_NORMALIZE_H

#include "internal.h"

/* Where a stretch of normalized text came from.  From `norm` up to the next
 * anchor, a linear anchor maps byte norm+k to orig+k; a non-linear one maps
 * every byte to `orig` (text whose length changed, e.g. "ﬁ" -> "fi"). */
typedef struct cev_anchor {
    uint64_t norm;
    uint64_t orig;
    int linear;
} cev_anchor;

typedef struct cev_text {
    char *s;   /* normalized UTF-8, NUL-terminated */
    size_t len;
    uint64_t orig_len;
    cev_anchor *anchors; /* sorted by norm; anchors[0].norm == 0 */
    size_t n_anchors, cap_anchors;
} cev_text;

/* Normalize `in`: NFKC (ICU), curly quotes to straight, dashes to '-',
 * exotic spaces to ' ', zero-width characters and soft hyphens dropped,
 * other control characters to ' ', CR LF and CR to LF.  Invalid UTF-8 and NUL
 * bytes fail with their offset in `err`, unless `repair` is set: then bad
 * bytes become U+FFFD and NUL a space. */
int cev_normalize(cev_text *out, const char *in, size_t len, int repair, cev_err *err);
void cev_text_free(cev_text *t);

/* Original byte offset of normalized offset `n` (0..len). */
uint64_t cev_text_orig(const cev_text *t, size_t n);

#endif
