/* document.h - an article after decoding, normalization, segmentation and
 * layout: the input of every later stage. */
#ifndef CEV_DOCUMENT_H
#define CEV_DOCUMENT_H

#include "layout.h"
#include "normalize.h"
#include "segment.h"

struct cev_document {
    cev_text text;
    cev_seg seg;
};

/* Build a document from raw bytes. `repair` as CEV_OPT_REPAIR_UTF8. */
int cev_document_build(cev_document **out, const char *raw, size_t len, int repair,
                       size_t max_len, cev_err *err);

#endif
