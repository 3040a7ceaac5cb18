/* context.c - the alias table and gazetteer: loading (all or nothing),
 * lookups, and matching aliases over an article's tokens.
 *
 * Records live in per-load arenas and never move, so cev_rec pointers stay
 * valid for the context's life.  After freeze nothing in the context
 * changes, and readers keep their scratch memory to themselves: a frozen
 * context may be shared by any number of threads. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "loaders.h"

static const char k_ent_header[] = "id\tkind\tcountry\taffiliation\tfrom\tto\tname\taliases\n";
static const char k_place_header[] =
    "id\tkind\tcountry\tadmin1\tlat\tlon\tpopulation\tparent\tname\taliases\n";

/* ---- create, free --------------------------------------------------------------- */

static int load(cev_context *ctx, const char *data, size_t len, int format, const char *name,
                int user);

int cev_context_new(cev_context **out, unsigned flags)
{
    if (!out)
        return CEV_ERR_INVALID;
    *out = NULL;
    cev_context *ctx = calloc(1, sizeof *ctx);
    if (!ctx)
        return CEV_ERR_NOMEM;
    cev_err_clear(&ctx->err);
    cev_idmap_init(&ctx->ids);
    cev_idmap_init(&ctx->gn_admin1);
    cev_ai_init(&ctx->ai);
    for (int i = 0; i < 2; i++) {
        cev_buf_init(&ctx->user_rec[i]);
        cev_buf_init(&ctx->user_tsv[i]);
    }
    if (!(flags & CEV_CONTEXT_NO_BUILTIN)) {
        for (const cev_builtin_file *f = cev_builtin_files; f->name; f++) {
            int rc = load(ctx, f->data, f->len, CEV_FORMAT_TSV, f->name, 0);
            if (rc) {
                /* hand the context back so the caller can read why */
                *out = ctx;
                return rc;
            }
        }
    }
    cev_err_clear(&ctx->err);
    *out = ctx;
    return CEV_OK;
}

void cev_context_free(cev_context *ctx)
{
    if (!ctx)
        return;
    for (size_t i = 0; i < ctx->n_arenas; i++)
        cev_arena_free(ctx->arenas[i]);
    free(ctx->arenas);
    free(ctx->recs);
    free(ctx->rflags);
    cev_idmap_free(&ctx->ids);
    cev_idmap_free(&ctx->gn_admin1);
    cev_ai_free(&ctx->ai);
    for (int i = 0; i < 2; i++) {
        cev_buf_free(&ctx->user_rec[i]);
        cev_buf_free(&ctx->user_tsv[i]);
    }
    free(ctx->kept);
    free(ctx);
}

const char *cev_context_errmsg(const cev_context *ctx)
{
    if (!ctx)
        return "no context";
    return ctx->err.msg;
}

const cev_rec *cev_ctx_country_entity(const cev_context *ctx, const char *iso2)
{
    if (!ctx || !iso2)
        return NULL;
    /* a country is both a place (id = the alpha-2 code) and an entity */
    for (size_t i = 0; i < ctx->n_recs; i++) {
        const cev_rec *r = ctx->recs[i];
        if (r->kind == CEV_KIND_COUNTRY && r->country && !strcmp(r->country, iso2) &&
            strcmp(r->id, iso2) != 0)
            return r;
    }
    return NULL;
}

void cev_ctx_freeze(cev_context *ctx)
{
    /* written once, before the context is shared; afterwards only read, so
     * parsers made concurrently on a frozen context do not race */
    if (ctx && !ctx->frozen)
        ctx->frozen = 1;
}

const char *cev_ctx_user_entities_tsv(const cev_context *ctx)
{
    return ctx && ctx->user_tsv[0].len ? ctx->user_tsv[0].data : NULL;
}

const char *cev_ctx_user_places_tsv(const cev_context *ctx)
{
    return ctx && ctx->user_tsv[1].len ? ctx->user_tsv[1].data : NULL;
}

const cev_rec *cev_ctx_find(const cev_context *ctx, const char *id)
{
    if (!ctx || !id)
        return NULL;
    uint32_t i = cev_idmap_get(&ctx->ids, id);
    return i == CEV_AI_NONE ? NULL : ctx->recs[i];
}

void cev_context_stats(const cev_context *ctx, size_t *n_entities, size_t *n_places,
                       size_t *n_aliases)
{
    if (n_entities)
        *n_entities = ctx ? ctx->n_entities : 0;
    if (n_places)
        *n_places = ctx ? ctx->n_places : 0;
    if (n_aliases)
        *n_aliases = ctx ? ctx->ai.n_exact_post : 0;
}

/* ---- batches ---------------------------------------------------------------------- */

int cev_batch_begin(cev_batch *b, cev_context *ctx, const char *name, int user)
{
    memset(b, 0, sizeof *b);
    b->ctx = ctx;
    b->name = name ? name : "(buffer)";
    b->user = user;
    cev_idmap_init(&b->ids);
    cev_idmap_init(&b->gn_admin1);
    cev_buf_init(&b->rec_tsv[0]);
    cev_buf_init(&b->rec_tsv[1]);
    b->arena = cev_arena_new();
    return b->arena ? CEV_OK : CEV_ERR_NOMEM;
}

void cev_batch_abort(cev_batch *b)
{
    cev_arena_free(b->arena);
    b->arena = NULL;
    free(b->recs);
    free(b->rflags);
    free(b->al);
    cev_idmap_free(&b->ids);
    cev_idmap_free(&b->gn_admin1);
    cev_buf_free(&b->rec_tsv[0]);
    cev_buf_free(&b->rec_tsv[1]);
}

int cev_batch_fail(cev_batch *b, size_t line, size_t col, const char *fmt, ...)
{
    char what[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return cev_err_set(&b->ctx->err, CEV_ERR_FORMAT, -1, "%s:%zu:%zu: %s", b->name, line, col,
                       what);
}

uint32_t cev_batch_find(const cev_batch *b, const char *id, size_t n)
{
    uint32_t i = cev_idmap_getn(&b->ctx->ids, id, n);
    if (i != CEV_AI_NONE)
        return i;
    i = cev_idmap_getn(&b->ids, id, n);
    return i == CEV_AI_NONE ? i : (uint32_t)(b->ctx->n_recs + i);
}

const cev_rec *cev_batch_rec(const cev_batch *b, uint32_t ref)
{
    if (ref < b->ctx->n_recs)
        return b->ctx->recs[ref];
    ref -= (uint32_t)b->ctx->n_recs;
    return ref < b->n ? b->recs[ref] : NULL;
}

int cev_batch_is_place(const cev_batch *b, uint32_t ref)
{
    if (ref < b->ctx->n_recs)
        return (b->ctx->rflags[ref] & CEV_REC_PLACE) != 0;
    ref -= (uint32_t)b->ctx->n_recs;
    return ref < b->n && (b->rflags[ref] & CEV_REC_PLACE);
}

char *cev_batch_str(cev_batch *b, const char *s, size_t n)
{
    return cev_arena_strndup(b->arena, s, n);
}

uint32_t cev_batch_new(cev_batch *b, const char *id, size_t n, int is_place, cev_rec **out)
{
    *out = NULL;
    if (b->ctx->n_recs + b->n >= UINT32_MAX - 1)
        return CEV_AI_NONE;
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 256;
        cev_rec **r = realloc(b->recs, cap * sizeof *r);
        if (!r)
            return CEV_AI_NONE;
        b->recs = r;
        uint8_t *f = realloc(b->rflags, cap);
        if (!f)
            return CEV_AI_NONE;
        b->rflags = f;
        b->cap = cap;
    }
    if (cev_idmap_reserve(&b->ids, 1))
        return CEV_AI_NONE;
    cev_rec *r = cev_arena_alloc(b->arena, sizeof *r);
    char *rid = cev_arena_strndup(b->arena, id, n);
    if (!r || !rid)
        return CEV_AI_NONE;
    r->id = rid;
    r->population = -1;
    b->recs[b->n] = r;
    b->rflags[b->n] = (uint8_t)((is_place ? CEV_REC_PLACE : 0) | (b->user ? CEV_REC_USER : 0));
    cev_idmap_put(&b->ids, rid, (uint32_t)b->n);
    b->n++;
    *out = r;
    return (uint32_t)(b->ctx->n_recs + b->n - 1);
}

int cev_batch_alias(cev_batch *b, uint32_t ref, const char *text, size_t n, int note, int rule)
{
    if (n == 0)
        return CEV_OK;
    if (n > 0xFFFF)
        n = 0xFFFF;
    if (b->n_al == b->cap_al) {
        size_t cap = b->cap_al ? b->cap_al * 2 : 1024;
        cev_balias *a = realloc(b->al, cap * sizeof *a);
        if (!a)
            return CEV_ERR_NOMEM;
        b->al = a;
        b->cap_al = cap;
    }
    char *t = cev_arena_strndup(b->arena, text, n);
    if (!t)
        return CEV_ERR_NOMEM;
    cev_balias *a = &b->al[b->n_al++];
    a->ref = ref;
    a->len = (uint32_t)n;
    a->text = t;
    a->note = (uint8_t)note;
    a->rule = (int8_t)rule;
    a->kept = 0;
    return CEV_OK;
}

int cev_batch_alias_more(cev_batch *b, uint32_t ref, const char *text, size_t n, int note)
{
    size_t before = b->n_al;
    int rc = cev_batch_alias(b, ref, text, n, note, -1);
    if (!rc && b->n_al > before)
        b->al[before].kept = (uint8_t)b->user;
    return rc;
}

void cev_batch_tsv_record(cev_batch *b, uint32_t ref, const char *aliases, size_t n)
{
    if (!b->user)
        return;
    int place = cev_batch_is_place(b, ref);
    cev_buf *out = &b->rec_tsv[place];
    cev_tsv_columns(out, cev_batch_rec(b, ref), place, 0);
    if (n)
        cev_buf_put(out, aliases, n);
    else
        cev_buf_putc(out, '-');
    cev_buf_putc(out, '\n');
}

/* Preps of one alias (and its variant without a leading "the"). */
typedef struct prep_list {
    cev_prep *p;
    size_t n, cap;
    cev_buf keys; /* key strings; prep.key holds offsets until the end */
} prep_list;

static int prep_push(prep_list *pl, const cev_words *v, const size_t *cw, size_t nc,
                     uint32_t rec, int note, int rule, int art, int qualified)
{
    int lead_cap = v->n && (v->w[0].flags & CEV_W_CAP);
    if (pl->n == pl->cap) {
        size_t cap = pl->cap ? pl->cap * 2 : 1024;
        cev_prep *p = realloc(pl->p, cap * sizeof *p);
        if (!p)
            return CEV_ERR_NOMEM;
        pl->p = p;
        pl->cap = cap;
    }
    size_t off = pl->keys.len, letters = 0;
    int allcaps = 1, cased_letters = 0;
    for (size_t i = 0; i < nc; i++) {
        const cev_word *w = &v->w[cw[i]];
        if (i)
            cev_buf_putc(&pl->keys, ' ');
        cev_buf_put(&pl->keys, v->pool.data + w->key, w->klen);
        letters += w->letters;
        if (w->letters) {
            cased_letters = 1;
            if (!(w->flags & CEV_W_ALLCAPS))
                allcaps = 0;
        }
    }
    if (pl->keys.oom)
        return CEV_ERR_NOMEM;
    if (rule < 0) {
        if (note == CEV_ALIAS_ABBR && allcaps && cased_letters)
            rule = letters >= 4 ? CEV_RULE_ALLCAPS_LONG : CEV_RULE_ALLCAPS;
        else if ((v->w[cw[0]].flags & CEV_W_CAP) || (lead_cap && cw[0] > 0) ||
                 (v->w[cw[0]].letters && !(v->w[cw[0]].flags & CEV_W_CASED)))
            rule = CEV_RULE_CAP; /* also "Al-bab", and Arabic script: not lower-case "bab" */
        else
            rule = CEV_RULE_ANY;
    }
    cev_prep *p = &pl->p[pl->n++];
    p->key = (const char *)(uintptr_t)off;
    p->klen = (uint32_t)(pl->keys.len - off);
    p->rec = rec;
    /* a name that needed its qualifier is a weaker reading of the words */
    p->note = (uint8_t)(qualified && cev_note_rank(note) < 2 ? CEV_ALIAS_QUALIFIED : note);
    p->rule = (uint8_t)rule;
    p->art = (uint8_t)(art ? 2 : 1);
    p->nwords = (uint8_t)nc;
    /* loose matching only for capitalized names long enough to tell apart */
    p->skel = rule == CEV_RULE_CAP && letters >= CEV_SKEL_MIN_LETTERS;
    return CEV_OK;
}

/* Articles are left out of keys, but not an "An" or "As" that opens a name. */
static int droppable(const cev_words *v, size_t i)
{
    return (v->w[i].flags & CEV_W_ARTICLE) && (i > 0 || (v->w[i].flags & CEV_W_LEAD_ART));
}

/* Every word of cw[0..n) is a common English or generic place word. */
static int all_stopwords(const cev_words *v, const size_t *cw, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!cev_stopword(cev_word_text(v, cw[i]), v->w[cw[i]].klen))
            return 0;
    return n > 0;
}

static int prep_alias(cev_batch *b, prep_list *pl, cev_words *v, uint32_t rec, const char *text,
                      size_t len, int note, int rule, int derived)
{
    cev_words_clear(v);
    int rc = cev_fold_name(v, text, len);
    if (rc)
        return rc;
    size_t cw[CEV_AI_MAX_WORDS], nc = 0;
    int art = 0;
    for (size_t i = 0; i < v->n; i++) {
        if (droppable(v, i)) {
            art = 1;
            continue;
        }
        if (nc == CEV_AI_MAX_WORDS)
            return CEV_OK; /* too long to be a name in text */
        cw[nc++] = i;
    }
    if (nc == 0)
        return CEV_OK;
    /* one common word is no name: not from an import, nor made by leaving
     * out an article ("al-Is"), a qualifier ("Central (Paraguay)") or a
     * final h ("Moreh") */
    if (nc == 1 && (b->imported || art || derived || (v->w[cw[0]].flags & CEV_W_CUT)) &&
        cev_stopword(cev_word_text(v, cw[0]), v->w[cw[0]].klen))
        return CEV_OK;
    /* nor are common words alone once a qualifier is cut: "West Coast
     * (New Zealand)" is no "West Coast" */
    if (derived && all_stopwords(v, cw, nc))
        return CEV_OK;
    rc = prep_push(pl, v, cw, nc, rec, note, rule, art, derived);
    /* "The Hague" is also "Hague" in text, but a name "The Valley" is not
     * "Valley" (lower-case "the army" is still "army") */
    if (!rc && nc >= 2 && v->w[cw[0]].klen == 3 &&
        memcmp(cev_word_text(v, cw[0]), "the", 3) == 0 &&
        !((v->w[cw[0]].flags & CEV_W_CAP) && all_stopwords(v, cw + 1, nc - 1)))
        rc = prep_push(pl, v, cw + 1, nc - 1, rec, note, rule, art, derived);
    /* "Tripoli (Lebanon)": also "Tripoli" */
    if (!rc && len > 4 && text[len - 1] == ')') {
        size_t o = len - 1;
        while (o > 0 && text[o] != '(')
            o--;
        while (o > 0 && text[o - 1] == ' ')
            o--;
        if (o > 0 && text[o] == ' ')
            rc = prep_alias(b, pl, v, rec, text, o, note, rule, 1);
    }
    return rc;
}

static int grow_recs(cev_context *ctx, size_t extra)
{
    size_t need = ctx->n_recs + extra;
    if (need <= ctx->cap_recs)
        return CEV_OK;
    size_t cap = ctx->cap_recs ? ctx->cap_recs : 1024;
    while (cap < need)
        cap *= 2;
    cev_rec **r = realloc(ctx->recs, cap * sizeof *r);
    if (!r)
        return CEV_ERR_NOMEM;
    ctx->recs = r;
    uint8_t *f = realloc(ctx->rflags, cap);
    if (!f)
        return CEV_ERR_NOMEM;
    ctx->rflags = f;
    ctx->cap_recs = cap;
    return CEV_OK;
}

static int reserve_all(cev_context *ctx, cev_batch *b, const prep_list *pl)
{
    int rc = grow_recs(ctx, b->n);
    if (!rc)
        rc = cev_idmap_reserve(&ctx->ids, b->n);
    if (!rc)
        rc = cev_idmap_reserve(&ctx->gn_admin1, b->gn_admin1.n);
    if (!rc)
        rc = cev_ai_reserve(&ctx->ai, pl->p, pl->n);
    if (rc)
        return rc;
    for (int i = 0; i < 2; i++)
        if (b->rec_tsv[i].oom || cev_buf_reserve(&ctx->user_rec[i], b->rec_tsv[i].len))
            return CEV_ERR_NOMEM;
    size_t kept = 0;
    for (size_t i = 0; i < b->n_al; i++)
        kept += b->al[i].kept;
    if (ctx->n_kept + kept > ctx->cap_kept) {
        size_t cap = ctx->cap_kept ? ctx->cap_kept : 256;
        while (cap < ctx->n_kept + kept)
            cap *= 2;
        struct cev_kept *k = realloc(ctx->kept, cap * sizeof *k);
        if (!k)
            return CEV_ERR_NOMEM;
        ctx->kept = k;
        ctx->cap_kept = cap;
    }
    if (ctx->n_arenas == ctx->cap_arenas) {
        size_t cap = ctx->cap_arenas ? ctx->cap_arenas * 2 : 16;
        cev_arena **a = realloc(ctx->arenas, cap * sizeof *a);
        if (!a)
            return CEV_ERR_NOMEM;
        ctx->arenas = a;
        ctx->cap_arenas = cap;
    }
    return CEV_OK;
}

/* admin1 names from admin1 ids, for every place that lacks one */
static void resolve_admin1(cev_context *ctx)
{
    for (size_t i = 0; i < ctx->n_recs; i++) {
        cev_rec *r = ctx->recs[i];
        if (!r->admin1_id || r->admin1_name)
            continue;
        uint32_t j = cev_idmap_get(&ctx->ids, r->admin1_id);
        if (j != CEV_AI_NONE)
            r->admin1_name = ctx->recs[j]->name;
    }
}

/* An alias kept for the user TSV: the context's, then the batch's. */
typedef struct kept_ref {
    uint32_t ref, len;
    const char *text;
    uint8_t note;
    uint32_t order; /* first appearance of its record */
    uint32_t seq;
} kept_ref;

static int kept_cmp(const void *x, const void *y)
{
    const kept_ref *a = x, *b = y;
    if (a->order != b->order)
        return a->order < b->order ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* The user TSV after the batch, without changing anything: header, the
 * record lines, then one "+ID" line per record that user files added
 * aliases to (all of them, each once). */
static int render_user_tsv(const cev_context *ctx, const cev_batch *b, cev_buf out[2])
{
    size_t nb = 0;
    for (size_t i = 0; i < b->n_al; i++)
        nb += b->al[i].kept;
    size_t nk = ctx->n_kept + nb, nrec = ctx->n_recs + b->n;
    kept_ref *k = nk ? malloc(nk * sizeof *k) : NULL;
    uint32_t *first = nk ? malloc(nrec * sizeof *first) : NULL;
    if (nk && (!k || !first)) {
        free(k);
        free(first);
        return CEV_ERR_NOMEM;
    }
    if (nk)
        memset(first, 0xff, nrec * sizeof *first);
    size_t j = 0;
    for (size_t i = 0; i < ctx->n_kept; i++, j++)
        k[j] = (kept_ref){ctx->kept[i].ref, ctx->kept[i].len, ctx->kept[i].text,
                          ctx->kept[i].note, 0, (uint32_t)j};
    for (size_t i = 0; i < b->n_al; i++)
        if (b->al[i].kept) {
            k[j] = (kept_ref){b->al[i].ref, b->al[i].len, b->al[i].text, b->al[i].note, 0,
                              (uint32_t)j};
            j++;
        }
    for (size_t i = 0; i < nk; i++) {
        if (first[k[i].ref] == UINT32_MAX)
            first[k[i].ref] = (uint32_t)i;
        k[i].order = first[k[i].ref];
    }
    if (nk)
        qsort(k, nk, sizeof *k, kept_cmp);
    static const char *const headers[2] = {k_ent_header, k_place_header};
    for (int p = 0; p < 2; p++) {
        cev_buf *o = &out[p];
        cev_buf_puts(o, headers[p]);
        size_t h = o->len;
        cev_buf_put(o, ctx->user_rec[p].data, ctx->user_rec[p].len);
        cev_buf_put(o, b->rec_tsv[p].data, b->rec_tsv[p].len);
        for (size_t i = 0; i < nk;) {
            size_t e = i;
            while (e < nk && k[e].order == k[i].order)
                e++;
            uint32_t ref = k[i].ref;
            int place = ref < ctx->n_recs ? (ctx->rflags[ref] & CEV_REC_PLACE) != 0
                                          : (b->rflags[ref - ctx->n_recs] & CEV_REC_PLACE) != 0;
            if (place == p) {
                cev_tsv_columns(o, ref < ctx->n_recs ? ctx->recs[ref]
                                                     : b->recs[ref - ctx->n_recs], place, 1);
                for (size_t x = i; x < e; x++) {
                    int dup = 0;
                    for (size_t y = i; y < x && !dup; y++)
                        dup = k[y].note == k[x].note && k[y].len == k[x].len &&
                              !memcmp(k[y].text, k[x].text, k[x].len);
                    if (!dup)
                        cev_tsv_alias(o, k[x].text, k[x].len, k[x].note);
                }
                cev_buf_putc(o, '\n');
            }
            i = e;
        }
        if (o->len == h)
            cev_buf_free(o); /* no user records: NULL */
    }
    free(k);
    free(first);
    return out[0].oom || out[1].oom ? CEV_ERR_NOMEM : CEV_OK;
}

int cev_batch_commit(cev_batch *b)
{
    cev_context *ctx = b->ctx;
    prep_list pl = {0};
    cev_buf_init(&pl.keys);
    cev_words v;
    cev_words_init(&v);
    cev_buf tsv[2];
    cev_buf_init(&tsv[0]);
    cev_buf_init(&tsv[1]);
    int rc = CEV_OK;
    /* 1. fold every alias; nothing in the context changes yet */
    for (size_t i = 0; i < b->n && !rc; i++) {
        const cev_rec *r = b->recs[i];
        rc = prep_alias(b, &pl, &v, (uint32_t)(ctx->n_recs + i), r->name, strlen(r->name),
                        CEV_ALIAS_NAME, -1, 0);
    }
    for (size_t i = 0; i < b->n_al && !rc; i++)
        rc = prep_alias(b, &pl, &v, b->al[i].ref, b->al[i].text, b->al[i].len, b->al[i].note,
                        b->al[i].rule, 0);
    if (rc) {
        cev_err_set(&ctx->err, rc, -1, "%s: cannot fold the aliases: %s", b->name,
                    cev_strerror(rc));
        goto out;
    }
    for (size_t i = 0; i < pl.n; i++)
        pl.p[i].key = pl.keys.data + (uintptr_t)pl.p[i].key;
    /* 2. the user TSV as it will be, and room for everything */
    rc = render_user_tsv(ctx, b, tsv);
    if (!rc)
        rc = reserve_all(ctx, b, &pl);
    if (rc) {
        cev_err_set(&ctx->err, rc, -1, "%s: %s", b->name, cev_strerror(rc));
        goto out;
    }
    /* 3. apply: nothing below can fail */
    for (size_t i = 0; i < b->n; i++) {
        size_t idx = ctx->n_recs++;
        ctx->recs[idx] = b->recs[i];
        ctx->rflags[idx] = b->rflags[i];
        cev_idmap_put(&ctx->ids, b->recs[i]->id, (uint32_t)idx);
        if (b->rflags[i] & CEV_REC_PLACE)
            ctx->n_places++;
        else
            ctx->n_entities++;
    }
    for (size_t i = 0; i < pl.n; i++)
        cev_ai_insert(&ctx->ai, &pl.p[i]);
    for (size_t i = 0; i < b->gn_admin1.cap; i++) {
        const struct cev_idslot *s = &b->gn_admin1.s[i];
        if (s->key)
            cev_idmap_put(&ctx->gn_admin1, s->key, s->val);
    }
    for (int i = 0; i < 2; i++) {
        cev_buf_put(&ctx->user_rec[i], b->rec_tsv[i].data, b->rec_tsv[i].len);
        cev_buf_free(&ctx->user_tsv[i]);
        ctx->user_tsv[i] = tsv[i];
        cev_buf_init(&tsv[i]);
    }
    for (size_t i = 0; i < b->n_al; i++)
        if (b->al[i].kept) {
            struct cev_kept *k = &ctx->kept[ctx->n_kept++];
            k->ref = b->al[i].ref;
            k->len = b->al[i].len;
            k->text = b->al[i].text;
            k->note = b->al[i].note;
        }
    ctx->arenas[ctx->n_arenas++] = b->arena;
    b->arena = NULL;
    resolve_admin1(ctx);
    cev_err_clear(&ctx->err);
out:
    free(pl.p);
    cev_buf_free(&pl.keys);
    cev_words_free(&v);
    cev_buf_free(&tsv[0]);
    cev_buf_free(&tsv[1]);
    cev_batch_abort(b);
    return rc;
}

/* ---- loading ------------------------------------------------------------------------ */

static int load(cev_context *ctx, const char *data, size_t len, int format, const char *name,
                int user)
{
    cev_batch b;
    cev_err_clear(&ctx->err);
    int rc = cev_batch_begin(&b, ctx, name, user);
    if (rc) {
        cev_batch_abort(&b);
        return cev_err_set(&ctx->err, rc, -1, "%s: out of memory", b.name);
    }
    switch (format) {
    case CEV_FORMAT_TSV:
        rc = cev_load_tsv(&b, data, len);
        break;
    case CEV_FORMAT_GEONAMES:
        b.imported = 1;
        rc = cev_load_geonames(&b, data, len);
        break;
    case CEV_FORMAT_GEONAMES_ADMIN1:
        b.imported = 1;
        rc = cev_load_geonames_admin1(&b, data, len);
        break;
    case CEV_FORMAT_GEONAMES_COUNTRIES:
        b.imported = 1;
        rc = cev_load_geonames_countries(&b, data, len);
        break;
    case CEV_FORMAT_PHOENIX:
        b.imported = 1;
        rc = cev_load_phoenix(&b, data, len);
        break;
    default:
        rc = cev_err_set(&ctx->err, CEV_ERR_INVALID, -1, "%s: unknown data format %d", b.name,
                         format);
    }
    if (rc) {
        if (ctx->err.code != rc) /* a loader ran out of memory without saying */
            cev_err_set(&ctx->err, rc, -1, "%s: %s", b.name, cev_strerror(rc));
        cev_batch_abort(&b);
        return rc;
    }
    return cev_batch_commit(&b);
}

int cev_context_load_buffer(cev_context *ctx, const char *data, size_t len, int format,
                            const char *name)
{
    if (!ctx)
        return CEV_ERR_INVALID;
    if (!name)
        name = "(buffer)";
    /* a frozen context is shared by threads: refuse without touching it
     * (its error message included) */
    if (ctx->frozen)
        return CEV_ERR_MISUSE;
    if (!data && len)
        return cev_err_set(&ctx->err, CEV_ERR_INVALID, -1, "%s: no data", name);
    if (len == 0)
        return cev_err_set(&ctx->err, CEV_ERR_EMPTY, -1, "%s: empty file", name);
    return load(ctx, data, len, format, name, 1);
}

int cev_context_load_file(cev_context *ctx, const char *path, int format)
{
    if (!ctx || !path)
        return CEV_ERR_INVALID;
    /* a frozen context is shared by threads: refuse without touching it
     * (its error message included) */
    if (ctx->frozen)
        return CEV_ERR_MISUSE;
    FILE *f = fopen(path, "rb");
    if (!f) {
        char why[128] = "cannot open";
        strerror_r(errno, why, sizeof why);
        return cev_err_set(&ctx->err, CEV_ERR_IO, -1, "%s: %s", path, why);
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    int rc = buf ? CEV_OK : CEV_ERR_NOMEM;
    while (!rc) {
        if (n == cap) {
            char *nb = cap < ((size_t)1 << 40) ? realloc(buf, cap * 2) : NULL;
            if (!nb) {
                rc = CEV_ERR_NOMEM;
                break;
            }
            buf = nb;
            cap *= 2;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0) {
            if (ferror(f))
                rc = CEV_ERR_IO;
            break;
        }
    }
    fclose(f);
    if (rc) {
        free(buf);
        return cev_err_set(&ctx->err, rc, -1, "%s: %s", path,
                           rc == CEV_ERR_IO ? "read error" : "out of memory");
    }
    rc = cev_context_load_buffer(ctx, buf, n, format, path);
    free(buf);
    return rc;
}

/* ---- ranking ---------------------------------------------------------------------------- */

typedef struct cand {
    const cev_rec *rec;
    uint32_t idx;
    uint8_t note, art, place;
} cand;

typedef struct rank_opts {
    const char *country; /* hint, or NULL */
    int prefer_admin;    /* the text said "province" */
    int text_art;        /* the text spelled an article */
} rank_opts;

/* Order of kinds: entities, then countries, settlements, admin units, the rest. */
static int kind_class(int place, int kind, int prefer_admin)
{
    if (!place)
        return 0;
    switch (kind) {
    case CEV_KIND_COUNTRY: return 1;
    case CEV_KIND_CITY: case CEV_KIND_TOWN: case CEV_KIND_VILLAGE: return prefer_admin ? 4 : 2;
    case CEV_KIND_ADMIN1: case CEV_KIND_REGION: return prefer_admin ? 2 : 4;
    case CEV_KIND_ADMIN2: return prefer_admin ? 3 : 5;
    case CEV_KIND_NEIGHBOURHOOD: case CEV_KIND_LANDMARK: case CEV_KIND_BORDER_AREA: return 6;
    default: return 0;
    }
}

static int note_rank(int note) { return cev_note_rank(note); }

/* negative when a ranks before b */
static int cand_cmp(const cand *a, const cand *b, const rank_opts *o)
{
    if (o->country) {
        int ha = a->rec->country && strcmp(a->rec->country, o->country) == 0;
        int hb = b->rec->country && strcmp(b->rec->country, o->country) == 0;
        if (ha != hb)
            return hb - ha;
    }
    if (note_rank(a->note) != note_rank(b->note))
        return note_rank(a->note) - note_rank(b->note);
    int ka = kind_class(a->place, a->rec->kind, o->prefer_admin);
    int kb = kind_class(b->place, b->rec->kind, o->prefer_admin);
    if (ka != kb)
        return ka - kb;
    /* spelled with or without "al-" as the text was: "El Obeid" vs "Obeid" */
    int want = o->text_art ? 2 : 1;
    int aa = (a->art & want) != 0, ab = (b->art & want) != 0;
    if (aa != ab)
        return ab - aa;
    if (a->rec->population != b->rec->population)
        return a->rec->population > b->rec->population ? -1 : 1;
    return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* Insertion sort of the (few) candidates. */
static void rank(cand *c, size_t n, const rank_opts *o)
{
    for (size_t i = 1; i < n; i++) {
        cand x = c[i];
        size_t j = i;
        while (j > 0 && cand_cmp(&x, &c[j - 1], o) < 0) {
            c[j] = c[j - 1];
            j--;
        }
        c[j] = x;
    }
}

static size_t to_cands(const cev_context *ctx, const cev_ai_match *m, cand *c)
{
    for (size_t i = 0; i < m->n_hits; i++) {
        c[i].rec = ctx->recs[m->hits[i].rec];
        c[i].idx = m->hits[i].rec;
        c[i].note = m->hits[i].note;
        c[i].art = m->hits[i].art;
        c[i].place = (ctx->rflags[m->hits[i].rec] & CEV_REC_PLACE) != 0;
    }
    return m->n_hits;
}

/* In text, a place named by a former name ("Salisbury" for Harare) is not
 * a reading when another place is called that now: the extractor weighs
 * places by size and the story's country, not by how they were named.
 * (Lookups keep them, ranked last: a country hint may still ask for one.) */
static size_t drop_former_places(size_t n, cand *c)
{
    int current = 0;
    for (size_t i = 0; i < n && !current; i++)
        current = c[i].place && c[i].note != CEV_ALIAS_FORMER;
    if (!current)
        return n;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!(c[i].place && c[i].note == CEV_ALIAS_FORMER))
            c[k++] = c[i];
    return k;
}

/* Places of country ZZ (continents, oceans, regions across countries) are
 * answers to lookups, not places in article text: the extractor has no
 * precision for them and weighs them like an admin unit, so "in the
 * Caribbean" would beat a city named without a preposition. */
static size_t drop_regions(size_t n, cand *c)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!(c[i].place && c[i].rec->country && !strcmp(c[i].rec->country, "ZZ")))
            c[k++] = c[i];
    return k;
}

static int is_admin_word(const char *w, size_t n)
{
    static const char *const words[] = {"province", "provinces", "governorate", "governate",
                                        "governorates", "muhafazat", NULL};
    for (const char *const *p = words; *p; p++)
        if (strlen(*p) == n && cev_strncaseeq(w, *p, n))
            return 1;
    return 0;
}

/* ---- lookups ------------------------------------------------------------------------------ */

/* Match a whole folded name: every word must be used. */
static size_t match_name(const cev_context *ctx, const cev_words *v, size_t w0, size_t w_lim,
                         const rank_opts *base, int loose, cand *out)
{
    cev_ai_match m;
    if (w0 >= w_lim || !cev_ai_match_at(&ctx->ai, v, w0, w_lim,
                                        CEV_AI_LOOKUP | (loose ? 0 : CEV_AI_NO_SKEL), &m))
        return 0;
    for (size_t i = m.w_last + 1; i < w_lim; i++)
        if (!(v->w[i].flags & CEV_W_ARTICLE))
            return 0;
    rank_opts o = *base;
    o.text_art = m.art;
    size_t n = to_cands(ctx, &m, out);
    rank(out, n, &o);
    return n;
}

static size_t lookup_cands(const cev_context *ctx, const char *name, size_t len,
                           const char *country, int loose, cand *out, int *rc)
{
    cev_words v;
    cev_words_init(&v);
    *rc = cev_fold_name(&v, name, len);
    size_t n = 0;
    if (*rc || v.n == 0)
        goto out;
    rank_opts o = {country, 0, 0};
    n = match_name(ctx, &v, 0, v.n, &o, loose, out);
    /* "Raqqa province": the admin unit of that name */
    if (!n && v.n >= 2 && is_admin_word(cev_word_text(&v, v.n - 1), v.w[v.n - 1].klen)) {
        o.prefer_admin = 1;
        n = match_name(ctx, &v, 0, v.n - 1, &o, loose, out);
    }
    /* "the Kremlin" when only "Kremlin" is an alias */
    if (!n && v.n >= 2 && v.w[0].klen == 3 && memcmp(cev_word_text(&v, 0), "the", 3) == 0)
        n = match_name(ctx, &v, 1, v.n, &o, loose, out);
out:
    cev_words_free(&v);
    return n;
}

size_t cev_ctx_candidates(const cev_context *ctx, const char *name, size_t len, int loose,
                          const cev_rec **out, size_t max)
{
    cand c[CEV_AI_MAX_HITS];
    int rc;
    size_t n = lookup_cands(ctx, name, len, NULL, loose, c, &rc);
    if (n > max)
        n = max;
    for (size_t i = 0; i < n; i++)
        out[i] = c[i].rec;
    return n;
}

void cev_ctx_fill_entry(cev_entry *out, const cev_rec *r)
{
    memset(out, 0, sizeof *out);
    out->id = r->id;
    out->name = r->name;
    out->country = r->country;
    out->admin1 = r->admin1_name;
    out->affiliation = r->affiliation;
    out->kind = r->kind;
    out->has_coords = r->has_coords;
    out->lat = r->lat;
    out->lon = r->lon;
    out->population = r->population;
    out->valid_from = r->valid_from;
    out->valid_to = r->valid_to;
}

int cev_context_lookup(const cev_context *ctx, const char *name, const char *country,
                       cev_entry *out)
{
    if (!ctx || !name || !out)
        return CEV_ERR_INVALID;
    cand c[CEV_AI_MAX_HITS];
    int rc;
    size_t n = lookup_cands(ctx, name, strlen(name), country && *country ? country : NULL, 1, c,
                            &rc);
    if (rc)
        return rc;
    if (!n)
        return CEV_ERR_NOT_FOUND;
    cev_ctx_fill_entry(out, c[0].rec);
    return CEV_OK;
}

int cev_context_get(const cev_context *ctx, const char *id, cev_entry *out)
{
    if (!ctx || !id || !out)
        return CEV_ERR_INVALID;
    const cev_rec *r = cev_ctx_find(ctx, id);
    if (!r)
        return CEV_ERR_NOT_FOUND;
    cev_ctx_fill_entry(out, r);
    return CEV_OK;
}

int cev_name_key(char **out, const char *name, size_t len)
{
    if (!out)
        return CEV_ERR_INVALID;
    *out = NULL;
    if (!name)
        return CEV_ERR_INVALID;
    cev_words v;
    cev_words_init(&v);
    int rc = cev_fold_name(&v, name, len);
    /* the words an alias key keeps (see prep_alias) */
    size_t content = 0;
    for (size_t i = 0; i < v.n; i++)
        content += !droppable(&v, i);
    cev_buf b;
    cev_buf_init(&b);
    for (size_t i = 0; i < v.n && !rc; i++) {
        if (content && droppable(&v, i))
            continue;
        if (b.len)
            cev_buf_putc(&b, ' ');
        cev_buf_put(&b, cev_word_text(&v, i), v.w[i].klen);
    }
    cev_words_free(&v);
    if (rc) {
        cev_buf_free(&b);
        return rc;
    }
    *out = cev_buf_detach(&b);
    return *out ? CEV_OK : CEV_ERR_NOMEM;
}

/* ---- matching over an article ---------------------------------------------------------- */

struct cev_keys {
    cev_words v;
    size_t *tok_first; /* words of token i: [tok_first[i], tok_first[i+1]) */
    size_t n_toks;
};

int cev_keys_new(cev_keys **out, const cev_context *ctx, const char *text, const cev_tok *toks,
                 size_t n_toks, cev_err *err)
{
    if (!out)
        return cev_err_set(err, CEV_ERR_INVALID, -1, "no output for keys");
    *out = NULL;
    if (!ctx || (!text && n_toks) || (!toks && n_toks))
        return cev_err_set(err, CEV_ERR_INVALID, -1, "invalid arguments for keys");
    cev_keys *k = calloc(1, sizeof *k);
    if (!k)
        return cev_err_set(err, CEV_ERR_NOMEM, -1, "out of memory folding tokens");
    cev_words_init(&k->v);
    k->n_toks = n_toks;
    k->tok_first = malloc((n_toks + 1) * sizeof *k->tok_first);
    if (!k->tok_first) {
        cev_keys_free(k);
        return cev_err_set(err, CEV_ERR_NOMEM, -1, "out of memory folding tokens");
    }
    int rc = CEV_OK, barrier = 0;
    uint32_t sent = n_toks ? toks[0].sent : 0;
    for (size_t i = 0; i < n_toks && !rc; i++) {
        const cev_tok *t = &toks[i];
        k->tok_first[i] = k->v.n;
        if (t->sent != sent) {
            barrier = 1;
            sent = t->sent;
        }
        if (t->flags & CEV_TOK_PUNCT) {
            char c = t->end - t->start == 1 ? text[t->start] : 0;
            if (c == '.' || c == '-' || c == '\'')
                continue; /* "St. Petersburg", "Martyrs' Brigades" */
            if (c != '&') {
                barrier = 1;
                continue;
            }
        }
        size_t before = k->v.n;
        rc = cev_fold_token(&k->v, text, t->start, t->end, (uint32_t)i,
                            barrier ? CEV_W_BARRIER : 0);
        if (k->v.n > before)
            barrier = 0;
    }
    k->tok_first[n_toks] = k->v.n;
    if (rc) {
        cev_keys_free(k);
        return cev_err_set(err, rc, -1, "cannot fold the article's words: %s", cev_strerror(rc));
    }
    *out = k;
    return CEV_OK;
}

void cev_keys_free(cev_keys *k)
{
    if (!k)
        return;
    cev_words_free(&k->v);
    free(k->tok_first);
    free(k);
}

/* Is a capitalised word of the same sentence right before token a or right
 * after token b, or does the name open its sentence (where a capital says
 * nothing)?  In text all in capitals, neighbours in capitals do not count;
 * nor does a sentence's first word when it is an ordinary one ("In"). */
static int cap_context(const cev_keys *keys, const cev_tok *toks, size_t a, size_t b, size_t n)
{
    if (a == 0 || toks[a - 1].sent != toks[a].sent)
        return 1;
    const size_t near[2] = {a - 1, b + 1};
    for (int k = 0; k < 2; k++) {
        size_t j = near[k];
        if (j >= n)
            continue;
        const cev_tok *t = &toks[j];
        if (t->sent != toks[a].sent || !(t->flags & CEV_TOK_WORD) || !(t->flags & CEV_TOK_CAP))
            continue;
        if ((t->flags & CEV_TOK_ALLCAPS) && (toks[a].flags & CEV_TOK_ALLCAPS))
            continue;
        if (k == 0 && (j == 0 || toks[j - 1].sent != t->sent) &&
            keys->tok_first[j] < keys->tok_first[j + 1]) {
            const cev_word *w = &keys->v.w[keys->tok_first[j]];
            if (cev_stopword(keys->v.pool.data + w->key, w->klen))
                continue;
        }
        return 1;
    }
    return 0;
}

int cev_ctx_match(const cev_context *ctx, const cev_keys *keys, const char *text,
                  const cev_tok *toks, size_t i, size_t end, cev_match *m)
{
    if (!ctx || !keys || !toks || !m || i >= end || end > keys->n_toks)
        return 0;
    size_t w0 = keys->tok_first[i];
    if (w0 == keys->tok_first[i + 1])
        return 0;
    cev_ai_match am;
    if (!cev_ai_match_at(&ctx->ai, &keys->v, w0, keys->tok_first[end], CEV_AI_TEXT, &am))
        return 0;
    /* a one-word loose match inside a longer capitalised name ("Nelson
     * Mandela", "Mandela Square") is a guess about a name the table does
     * not hold, and at the start of a sentence its capital is no evidence
     * of a name: only the exact words count there */
    if (am.skel && am.n_words == 1 &&
        cap_context(keys, toks, i, keys->v.w[am.w_last].tok, keys->n_toks) &&
        !cev_ai_match_at(&ctx->ai, &keys->v, w0, keys->tok_first[end],
                         CEV_AI_TEXT | CEV_AI_NO_SKEL, &am))
        return 0;
    const cev_word *last = &keys->v.w[am.w_last];
    m->tok = i;
    m->n_toks = last->tok - i + 1;
    m->start = toks[i].start;
    m->end = toks[last->tok].start + last->end;
    rank_opts o = {NULL, 0, am.art};
    /* "Raqqa province": the governorate, not the city */
    size_t nx = last->tok + 1;
    if (nx < end && text && (toks[nx].flags & CEV_TOK_WORD) &&
        is_admin_word(text + toks[nx].start, toks[nx].end - toks[nx].start))
        o.prefer_admin = 1;
    cand c[CEV_AI_MAX_HITS];
    size_t n = drop_former_places(to_cands(ctx, &am, c), c);
    n = drop_regions(n, c);
    if (!n)
        return 0;
    rank(c, n, &o);
    if (n > CEV_MAX_CANDS)
        n = CEV_MAX_CANDS;
    m->n_cands = n;
    for (size_t j = 0; j < n; j++) {
        m->cands[j].rec = c[j].rec;
        m->cands[j].note = c[j].note == CEV_ALIAS_QUALIFIED ? CEV_ALIAS_PLAIN : c[j].note;
    }
    return 1;
}
