/* TEMPORARY placeholder so the tree links while the alias engine is written.
 * Replaced by the real lib/context.c. */
#include <stdlib.h>
#include "context.h"
struct cev_context { int frozen; };
int cev_context_new(cev_context **out, unsigned flags) { (void)flags; *out = calloc(1, sizeof(cev_context)); return *out ? CEV_OK : CEV_ERR_NOMEM; }
void cev_context_free(cev_context *ctx) { free(ctx); }
const char *cev_context_errmsg(const cev_context *ctx) { (void)ctx; return "placeholder"; }
int cev_context_load_file(cev_context *ctx, const char *path, int format) { (void)ctx; (void)path; (void)format; return CEV_ERR_INTERNAL; }
int cev_context_load_buffer(cev_context *ctx, const char *d, size_t l, int f, const char *n) { (void)ctx; (void)d; (void)l; (void)f; (void)n; return CEV_ERR_INTERNAL; }
int cev_context_lookup(const cev_context *ctx, const char *name, const char *c, cev_entry *out) { (void)ctx; (void)name; (void)c; (void)out; return CEV_ERR_NOT_FOUND; }
int cev_context_get(const cev_context *ctx, const char *id, cev_entry *out) { (void)ctx; (void)id; (void)out; return CEV_ERR_NOT_FOUND; }
void cev_context_stats(const cev_context *ctx, size_t *a, size_t *b, size_t *c) { (void)ctx; if (a) *a = 0; if (b) *b = 0; if (c) *c = 0; }
int cev_keys_new(cev_keys **out, const cev_context *ctx, const char *t, const cev_tok *k, size_t n, cev_err *e) { (void)ctx; (void)t; (void)k; (void)n; (void)e; *out = NULL; return CEV_OK; }
void cev_keys_free(cev_keys *k) { (void)k; }
int cev_ctx_match(const cev_context *ctx, const cev_keys *keys, const char *text, const cev_tok *toks, size_t i, size_t end, cev_match *m) { (void)ctx; (void)keys; (void)text; (void)toks; (void)i; (void)end; (void)m; return 0; }
const cev_rec *cev_ctx_find(const cev_context *ctx, const char *id) { (void)ctx; (void)id; return NULL; }
void cev_ctx_freeze(cev_context *ctx) { ctx->frozen = 1; }
int cev_name_key(char **out, const char *name, size_t len) { (void)name; (void)len; *out = NULL; return CEV_ERR_INTERNAL; }
const char *cev_ctx_user_entities_tsv(const cev_context *ctx) { (void)ctx; return NULL; }
const char *cev_ctx_user_places_tsv(const cev_context *ctx) { (void)ctx; return NULL; }
