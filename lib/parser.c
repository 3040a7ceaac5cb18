/* parser.c - parser handle, options, and the article pipeline:
 * bytes -> document (normalize, segment, layout) -> events (extract). */
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "document.h"
#include "extract.h"
#include "parser.h"
#include "result.h"

int cev_parser_new(cev_parser **out, cev_context *ctx)
{
    if (!out)
        return CEV_ERR_INVALID;
    *out = NULL;
    if (!ctx)
        return CEV_ERR_INVALID;
    cev_parser *p = calloc(1, sizeof *p);
    if (!p)
        return CEV_ERR_NOMEM;
    cev_ctx_freeze(ctx);
    p->ctx = ctx;
    p->nonviolent = 1;
    p->max_input = CEV_DEFAULT_MAX_INPUT;
    cev_err_clear(&p->err);
    *out = p;
    return CEV_OK;
}

void cev_parser_free(cev_parser *p) { free(p); }

int cev_parser_set_int(cev_parser *p, int option, int64_t v)
{
    if (!p)
        return CEV_ERR_INVALID;
    switch (option) {
    case CEV_OPT_REPAIR_UTF8:
        p->repair_utf8 = v != 0;
        return CEV_OK;
    case CEV_OPT_MAX_INPUT:
        if (v <= 0)
            return cev_err_set(&p->err, CEV_ERR_INVALID, -1, "max input must be positive");
        p->max_input = (size_t)v;
        return CEV_OK;
    case CEV_OPT_NONVIOLENT:
        p->nonviolent = v != 0;
        return CEV_OK;
    case CEV_OPT_MIN_CONFIDENCE:
        if (v < 0 || v > 1000)
            return cev_err_set(&p->err, CEV_ERR_INVALID, -1,
                               "min confidence is in thousandths, 0..1000");
        p->min_confidence = (int)v;
        return CEV_OK;
    }
    return cev_err_set(&p->err, CEV_ERR_INVALID, -1, "unknown option %d", option);
}

int cev_parser_get_int(const cev_parser *p, int option, int64_t *v)
{
    if (!p || !v)
        return CEV_ERR_INVALID;
    switch (option) {
    case CEV_OPT_REPAIR_UTF8: *v = p->repair_utf8; return CEV_OK;
    case CEV_OPT_MAX_INPUT: *v = (int64_t)p->max_input; return CEV_OK;
    case CEV_OPT_NONVIOLENT: *v = p->nonviolent; return CEV_OK;
    case CEV_OPT_MIN_CONFIDENCE: *v = p->min_confidence; return CEV_OK;
    }
    return CEV_ERR_INVALID;
}

int cev_parser_errcode(const cev_parser *p) { return p ? p->err.code : CEV_ERR_INVALID; }

const char *cev_parser_errmsg(const cev_parser *p)
{
    if (!p)
        return "no parser";
    return p->err.code == CEV_OK ? "no error" : p->err.msg;
}

int64_t cev_parser_error_offset(const cev_parser *p) { return p ? p->err.offset : -1; }

int cev_parse(cev_result **out, cev_parser *p, const cev_article *a)
{
    if (!out)
        return CEV_ERR_INVALID;
    *out = NULL;
    if (!p)
        return CEV_ERR_INVALID;
    cev_err_clear(&p->err);
    if (!a || a->version != CEV_ARTICLE_VERSION)
        return cev_err_set(&p->err, CEV_ERR_INVALID, -1,
                           "article is NULL or not made with CEV_ARTICLE_INIT");
    int32_t published = 0;
    if (a->published && cev_parse_iso_date(a->published, &published) != CEV_OK)
        return cev_err_set(&p->err, CEV_ERR_DATE, -1,
                           "publication date '%.40s' is not a valid YYYY-MM-DD date",
                           a->published);
    cev_document *doc;
    int rc = cev_document_build(&doc, a->text, a->len, p->repair_utf8, p->max_input, &p->err);
    if (rc)
        return rc;
    cev_result *r = cev_result_create();
    if (!r) {
        cev_document_free(doc);
        return cev_err_set(&p->err, CEV_ERR_NOMEM, -1, "out of memory");
    }
    cev_extract_opts opts = {.published = published,
                             .article_id = a->id,
                             .nonviolent = p->nonviolent,
                             .min_confidence = p->min_confidence / 1000.0};
    rc = cev_extract(r, p->ctx, doc, &opts, &p->err);
    cev_document_free(doc);
    if (rc) {
        cev_result_free(r);
        return rc;
    }
    *out = r;
    return CEV_OK;
}
