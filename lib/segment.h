/* segment.h - blocks (lines/paragraphs), sentences and word tokens. */
#ifndef CEV_SEGMENT_H
#define CEV_SEGMENT_H

#include "internal.h"

enum {
    CEV_TOK_WORD = 1,     /* letters and/or digits */
    CEV_TOK_NUM = 2,      /* starts with a digit */
    CEV_TOK_PUNCT = 4,    /* one punctuation or symbol character */
    CEV_TOK_CAP = 8,      /* first letter upper case */
    CEV_TOK_ALLCAPS = 16, /* every letter upper case (at least two letters) */
    CEV_TOK_ABBR = 32     /* ends with an absorbed period: "U.S.", "a.m." */
};

typedef struct cev_tok {
    size_t start, end; /* normalized text */
    uint32_t flags;
    uint32_t sent;     /* sentence index */
} cev_tok;

typedef struct cev_sent {
    size_t start, end;
    size_t tok_first, tok_count;
    uint32_t block;
} cev_sent;

typedef struct cev_blk {
    size_t start, end;
    size_t sent_first, sent_count;
    int kind;  /* cev_block_kind, set by layout */
    int story; /* set by layout */
} cev_blk;

typedef struct cev_seg {
    cev_blk *blocks;
    size_t n_blocks;
    cev_sent *sents;
    size_t n_sents;
    cev_tok *toks;
    size_t n_toks;
} cev_seg;

/* Segment normalized text `s` (len bytes, valid UTF-8). Blocks are the
 * non-blank lines; sentences come from ICU's sentence break iterator
 * corrected for the abbreviations of news prose; tokens are words, numbers
 * ("1,200", "3.5") and single punctuation marks. */
int cev_segment_text(cev_seg *out, const char *s, size_t len, cev_err *err);
void cev_seg_free(cev_seg *seg);

/* 1 when most words of tokens [first, last) are capitalised: a title-case
 * headline or wire copy in capitals, where capitals say nothing. */
int cev_toks_mostly_caps(const cev_tok *toks, size_t first, size_t last);

/* 1 when the token text equals `w` (ASCII, case-insensitive). */
int cev_tok_is(const char *s, const cev_tok *t, const char *w);

#endif
