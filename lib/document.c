/* document.c - raw bytes to a normalized, segmented document. */
#include <stdlib.h>

#include "document.h"
#include "parser.h"

int cev_document_build(cev_document **out, const char *raw, size_t len, int repair,
                       size_t max_len, cev_err *err)
{
    *out = NULL;
    if (!raw && len)
        return cev_err_set(err, CEV_ERR_INVALID, -1, "text is NULL but length is %zu", len);
    if (len > max_len)
        return cev_err_set(err, CEV_ERR_TOO_LARGE, (int64_t)max_len,
                           "article of %zu bytes is over the limit of %zu bytes", len, max_len);
    cev_document *d = calloc(1, sizeof *d);
    if (!d)
        return cev_err_set(err, CEV_ERR_NOMEM, -1, "out of memory");
    int rc = cev_normalize(&d->text, raw ? raw : "", len, repair, err);
    if (rc == CEV_OK)
        rc = cev_segment_text(&d->seg, d->text.s, d->text.len, err);
    if (rc != CEV_OK) {
        cev_document_free(d);
        return rc;
    }
    cev_layout(&d->seg, d->text.s);
    *out = d;
    return CEV_OK;
}

int cev_document_new(cev_document **out, cev_parser *p, const char *text, size_t len)
{
    if (!out)
        return CEV_ERR_INVALID;
    *out = NULL;
    if (!p)
        return CEV_ERR_INVALID;
    cev_err_clear(&p->err);
    return cev_document_build(out, text, len, p->repair_utf8, p->max_input, &p->err);
}

void cev_document_free(cev_document *d)
{
    if (!d)
        return;
    cev_text_free(&d->text);
    cev_seg_free(&d->seg);
    free(d);
}

const char *cev_document_text(const cev_document *d, size_t *len)
{
    if (len)
        *len = d ? d->text.len : 0;
    return d ? d->text.s : NULL;
}

uint64_t cev_document_source_offset(const cev_document *d, size_t norm_off)
{
    return d ? cev_text_orig(&d->text, norm_off) : 0;
}

size_t cev_document_block_count(const cev_document *d) { return d ? d->seg.n_blocks : 0; }
size_t cev_document_sentence_count(const cev_document *d) { return d ? d->seg.n_sents : 0; }
size_t cev_document_token_count(const cev_document *d) { return d ? d->seg.n_toks : 0; }

static void fill(const cev_document *d, size_t a, size_t b, int kind, int story, cev_segment *out)
{
    out->norm_start = a;
    out->norm_end = b;
    out->src.start = cev_text_orig(&d->text, a);
    out->src.end = cev_text_orig(&d->text, b);
    out->kind = kind;
    out->story = story;
}

int cev_document_block(const cev_document *d, size_t i, cev_segment *out)
{
    if (!d || !out || i >= d->seg.n_blocks)
        return CEV_ERR_INVALID;
    const cev_blk *b = &d->seg.blocks[i];
    fill(d, b->start, b->end, b->kind, b->story, out);
    return CEV_OK;
}

int cev_document_sentence(const cev_document *d, size_t i, cev_segment *out)
{
    if (!d || !out || i >= d->seg.n_sents)
        return CEV_ERR_INVALID;
    const cev_sent *s = &d->seg.sents[i];
    const cev_blk *b = &d->seg.blocks[s->block];
    fill(d, s->start, s->end, b->kind, b->story, out);
    return CEV_OK;
}

int cev_document_token(const cev_document *d, size_t i, cev_segment *out)
{
    if (!d || !out || i >= d->seg.n_toks)
        return CEV_ERR_INVALID;
    const cev_tok *t = &d->seg.toks[i];
    const cev_blk *b = &d->seg.blocks[d->seg.sents[t->sent].block];
    fill(d, t->start, t->end, b->kind, b->story, out);
    return CEV_OK;
}
