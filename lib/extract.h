/* extract.h - from a segmented document to event records. */
#ifndef CEV_EXTRACT_H
#define CEV_EXTRACT_H

#include "document.h"
#include "result.h"

typedef struct cev_extract_opts {
    int32_t published;      /* yyyymmdd, 0 when unknown */
    const char *article_id; /* may be NULL */
    int nonviolent;         /* also report statements, meetings, ... */
    double min_confidence;
} cev_extract_opts;

int cev_extract(cev_result *r, const cev_context *ctx, const cev_document *doc,
                const cev_extract_opts *opts, cev_err *err);

#endif
