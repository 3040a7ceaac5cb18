/* doc_names.c - the alias-table names of a document, for tools that want
 * the names without the events (cev_document_names): the mentions stage of
 * the extractor, run over every sentence. */
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "mentions.h"
#include "parser.h"

typedef struct names {
    cev_doc_name *v;
    size_t n, cap;
} names;

static int push(names *a, const cev_document *d, const cev_mention *m, size_t sent)
{
    if (a->n == a->cap) {
        size_t nc = a->cap ? a->cap * 2 : 32;
        cev_doc_name *v = realloc(a->v, nc * sizeof *v);
        if (!v)
            return CEV_ERR_NOMEM;
        a->v = v;
        a->cap = nc;
    }
    cev_doc_name *x = &a->v[a->n++];
    memset(x, 0, sizeof *x);
    x->norm_start = m->start;
    x->norm_end = m->end;
    x->src.start = cev_text_orig(&d->text, m->start);
    x->src.end = cev_text_orig(&d->text, m->end);
    x->sentence = sent;
    if (m->actor) {
        x->has_actor = 1;
        cev_ctx_fill_entry(&x->actor, m->actor);
    }
    if (m->place) {
        x->has_place = 1;
        cev_ctx_fill_entry(&x->place, m->place);
    }
    return CEV_OK;
}

/* The country a sentence names, to choose among places of one name (the
 * extractor uses the story's country; a tool reading names has only the
 * sentence). */
static const char *sentence_country(const cev_mention *m, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (m[i].place && m[i].place->kind == CEV_KIND_COUNTRY)
            return m[i].place->country;
    return NULL;
}

int cev_document_names(cev_doc_name **out, size_t *count, cev_parser *p, const cev_document *d)
{
    if (out)
        *out = NULL;
    if (count)
        *count = 0;
    if (!p)
        return CEV_ERR_INVALID;
    cev_err_clear(&p->err);
    if (!out || !count || !d)
        return cev_err_set(&p->err, CEV_ERR_INVALID, -1, "out, count and doc must not be NULL");
    const cev_seg *g = &d->seg;
    const char *s = d->text.s;
    cev_keys *keys = NULL;
    int rc = cev_keys_new(&keys, p->ctx, s, g->toks, g->n_toks, &p->err);
    if (rc)
        return rc;
    cev_mention *m = malloc(CEV_MAX_MENTIONS * sizeof *m);
    names a = {NULL, 0, 0};
    if (!m)
        rc = CEV_ERR_NOMEM;
    for (size_t i = 0; i < g->n_sents && rc == CEV_OK; i++) {
        const cev_sent *st = &g->sents[i];
        size_t first = st->tok_first, last = st->tok_first + st->tok_count;
        size_t n = cev_find_mentions(p->ctx, keys, s, g->toks, first, last, NULL, m,
                                     CEV_MAX_MENTIONS);
        const char *cc = sentence_country(m, n);
        if (cc) /* again, choosing places in the country the sentence names */
            n = cev_find_mentions(p->ctx, keys, s, g->toks, first, last, cc, m,
                                  CEV_MAX_MENTIONS);
        for (size_t k = 0; k < n && rc == CEV_OK; k++)
            if (m[k].actor || m[k].place)
                rc = push(&a, d, &m[k], i);
    }
    free(m);
    cev_keys_free(keys);
    if (rc) {
        free(a.v);
        return rc == CEV_ERR_NOMEM ? cev_err_set(&p->err, rc, -1, "out of memory") : rc;
    }
    *out = a.v;
    *count = a.n;
    return CEV_OK;
}
