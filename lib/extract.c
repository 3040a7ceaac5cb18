/* TEMPORARY placeholder; the extractor is being written. */
#include "extract.h"
int cev_extract(cev_result *r, const cev_context *ctx, const cev_document *doc, const cev_extract_opts *opts, cev_err *err) { (void)r; (void)ctx; (void)doc; (void)opts; (void)err; return CEV_OK; }
