/* alias_index.c - hash tables of alias word sequences and the matcher. */
#include <stdlib.h>
#include <string.h>

#include "alias_index.h"
#include "loaders.h"

void cev_ai_init(cev_aindex *ai)
{
    memset(ai, 0, sizeof *ai);
    cev_buf_init(&ai->keys);
}

void cev_ai_free(cev_aindex *ai)
{
    free(ai->exact.s);
    free(ai->skel.s);
    free(ai->post);
    cev_buf_free(&ai->keys);
    cev_ai_init(ai);
}

/* ---- tables --------------------------------------------------------------- */

static const cev_slot *table_find(const cev_table *t, uint64_t h)
{
    if (!t->cap)
        return NULL;
    size_t mask = t->cap - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        if (t->s[i].h == h)
            return &t->s[i];
        if (!t->s[i].h)
            return NULL;
    }
}

static cev_slot *table_add(cev_table *t, uint64_t h)
{
    size_t mask = t->cap - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        if (t->s[i].h == h)
            return &t->s[i];
        if (!t->s[i].h) {
            cev_slot *s = &t->s[i];
            s->h = h;
            s->key = CEV_AI_NONE;
            s->first = CEV_AI_NONE;
            s->flags = 0;
            t->n++;
            return s;
        }
    }
}

/* Keep the load at most 1/2 with `extra` more slots. */
static int table_reserve(cev_table *t, size_t extra)
{
    size_t need = t->n + extra;
    if (need <= t->cap / 2)
        return CEV_OK;
    size_t cap = t->cap ? t->cap : 1024;
    while (need > cap / 2) {
        if (cap > SIZE_MAX / 4 / sizeof(cev_slot))
            return CEV_ERR_NOMEM;
        cap *= 2;
    }
    cev_slot *s = calloc(cap, sizeof *s);
    if (!s)
        return CEV_ERR_NOMEM;
    cev_table nt = {s, cap, 0};
    for (size_t i = 0; i < t->cap; i++)
        if (t->s[i].h) {
            size_t mask = cap - 1, j = (size_t)t->s[i].h & mask;
            while (s[j].h)
                j = (j + 1) & mask;
            s[j] = t->s[i];
            nt.n++;
        }
    free(t->s);
    *t = nt;
    return CEV_OK;
}

int cev_ai_reserve(cev_aindex *ai, const cev_prep *preps, size_t n)
{
    size_t ex = 0, sk = 0, posts = 0, bytes = 0;
    for (size_t i = 0; i < n; i++) {
        ex += preps[i].nwords;
        posts++;
        bytes += preps[i].klen + 1;
        if (preps[i].skel) {
            sk += preps[i].nwords;
            posts++;
        }
    }
    int rc = table_reserve(&ai->exact, ex);
    if (!rc)
        rc = table_reserve(&ai->skel, sk);
    if (rc)
        return rc;
    if (ai->n_post + posts > UINT32_MAX - 1 || ai->keys.len + bytes > UINT32_MAX - 1)
        return CEV_ERR_TOO_LARGE;
    if (ai->n_post + posts > ai->cap_post) {
        size_t cap = ai->cap_post ? ai->cap_post : 1024;
        while (cap < ai->n_post + posts)
            cap *= 2;
        cev_post *p = realloc(ai->post, cap * sizeof *p);
        if (!p)
            return CEV_ERR_NOMEM;
        ai->post = p;
        ai->cap_post = cap;
    }
    if (cev_buf_reserve(&ai->keys, bytes))
        return CEV_ERR_NOMEM;
    return CEV_OK;
}

/* The next word of a key string: [*pos, end of word). */
static size_t next_word(const char *key, size_t klen, size_t *pos)
{
    size_t a = *pos, b = a;
    while (b < klen && key[b] != ' ')
        b++;
    *pos = b + 1;
    return b - a;
}

static int note_rank(int note) { return cev_note_rank(note); }

static void add_post(cev_aindex *ai, cev_slot *s, const cev_prep *p, uint32_t key, int exact)
{
    uint32_t last = CEV_AI_NONE;
    for (uint32_t i = s->first; i != CEV_AI_NONE; i = ai->post[i].next) {
        cev_post *q = &ai->post[i];
        if (q->rec == p->rec && (exact || q->key == key)) {
            /* the same record under the same key: keep the kindest terms */
            if (note_rank(p->note) < note_rank(q->note) ||
                (p->note == CEV_ALIAS_NAME && note_rank(q->note) == 0))
                q->note = p->note;
            if (p->rule < q->rule)
                q->rule = p->rule;
            q->art |= p->art;
            return;
        }
        last = i;
    }
    uint32_t idx = (uint32_t)ai->n_post++;
    cev_post *q = &ai->post[idx];
    q->rec = p->rec;
    q->next = CEV_AI_NONE;
    q->key = key;
    q->note = p->note;
    q->rule = p->rule;
    q->art = p->art;
    q->pad = 0;
    if (last == CEV_AI_NONE)
        s->first = idx;
    else
        ai->post[last].next = idx;
    if (exact)
        ai->n_exact_post++;
}

void cev_ai_insert(cev_aindex *ai, const cev_prep *p)
{
    if (!p->nwords || p->nwords > CEV_AI_MAX_WORDS)
        return;
    uint64_t h = CEV_SEQ_SEED;
    size_t pos = 0;
    cev_slot *s = NULL;
    for (unsigned k = 0; k < p->nwords; k++) {
        size_t a = pos, n = next_word(p->key, p->klen, &pos);
        h = cev_seq_add(h, cev_word_hash(p->key + a, n));
        s = table_add(&ai->exact, h);
        if (k + 1 < p->nwords)
            s->flags |= CEV_SLOT_PREFIX;
    }
    if (!(s->flags & CEV_SLOT_FULL)) {
        s->flags |= CEV_SLOT_FULL;
        s->key = (uint32_t)ai->keys.len;
        cev_buf_put(&ai->keys, p->key, p->klen);
        cev_buf_putc(&ai->keys, '\0');
    } else if (strlen(ai->keys.data + s->key) != p->klen ||
               memcmp(ai->keys.data + s->key, p->key, p->klen) != 0) {
        return; /* a 64-bit hash collision between two keys: keep the first */
    }
    uint32_t key = s->key;
    add_post(ai, s, p, key, 1);
    if (!p->skel)
        return;
    h = CEV_SEQ_SEED;
    pos = 0;
    for (unsigned k = 0; k < p->nwords; k++) {
        size_t a = pos, n = next_word(p->key, p->klen, &pos);
        char sk[64];
        size_t sn = cev_skeleton(p->key + a, n, k > 0, sk, sizeof sk);
        h = cev_seq_add(h, cev_word_hash(sk, sn));
        s = table_add(&ai->skel, h);
        if (k + 1 < p->nwords)
            s->flags |= CEV_SLOT_PREFIX;
    }
    s->flags |= CEV_SLOT_FULL;
    add_post(ai, s, p, key, 0);
}

/* ---- matching --------------------------------------------------------------- */

static int rule_ok(int rule, int mode, const cev_words *v, const size_t *cw, size_t n)
{
    size_t letters = 0;
    for (size_t i = 0; i < n; i++)
        letters += v->w[cw[i]].letters;
    switch (rule) {
    case CEV_RULE_CAP:
        /* a lookup may be lower case, but not a short word: "is" is not "Is" */
        return (mode == CEV_AI_LOOKUP && letters >= 4) || (v->w[cw[0]].flags & CEV_W_CAP) ||
               !(v->w[cw[0]].flags & CEV_W_CASED);
    case CEV_RULE_ALLCAPS_LONG:
        if (mode == CEV_AI_LOOKUP)
            return 1;
        /* fall through */
    case CEV_RULE_ALLCAPS:
        for (size_t i = 0; i < n; i++) {
            const cev_word *w = &v->w[cw[i]];
            if (w->letters && !(w->flags & CEV_W_ALLCAPS))
                return 0;
        }
        return 1;
    default:
        return 1;
    }
}

/* Does the pool key equal the words cw[0..n)? */
static int key_equals(const char *key, const cev_words *v, const size_t *cw, size_t n)
{
    const char *p = key;
    for (size_t i = 0; i < n; i++) {
        const cev_word *w = &v->w[cw[i]];
        if (i) {
            if (*p != ' ')
                return 0;
            p++;
        }
        if (memcmp(p, v->pool.data + w->key, w->klen) != 0)
            return 0;
        p += w->klen;
        if (*p && *p != ' ')
            return 0;
    }
    return *p == '\0';
}

/* Are the text words close enough to the alias key, word by word? */
static int skel_guard(const char *key, const cev_words *v, const size_t *cw, size_t n)
{
    size_t pos = 0, klen = strlen(key);
    for (size_t i = 0; i < n; i++) {
        size_t a = pos, kn = next_word(key, klen, &pos);
        const cev_word *w = &v->w[cw[i]];
        if (n == 1 ? !cev_skel_close_single(v->pool.data + w->key, w->klen, key + a, kn)
                   : !cev_skel_close(v->pool.data + w->key, w->klen, key + a, kn, i > 0))
            return 0;
    }
    return pos >= klen;
}

static void add_hit(cev_ai_match *m, const cev_post *q)
{
    for (size_t i = 0; i < m->n_hits; i++)
        if (m->hits[i].rec == q->rec) {
            if (note_rank(q->note) < note_rank(m->hits[i].note))
                m->hits[i].note = q->note;
            m->hits[i].art |= q->art;
            return;
        }
    if (m->n_hits < CEV_AI_MAX_HITS) {
        cev_ai_hit *h = &m->hits[m->n_hits++];
        h->rec = q->rec;
        h->note = q->note;
        h->art = q->art;
    }
}

/* Postings of slot s that the text words satisfy; returns how many. */
static size_t collect(const cev_aindex *ai, const cev_slot *s, int skel, int mode,
                      const cev_words *v, const size_t *cw, size_t n, cev_ai_match *m)
{
    size_t before = m->n_hits;
    for (uint32_t i = s->first; i != CEV_AI_NONE; i = ai->post[i].next) {
        const cev_post *q = &ai->post[i];
        if (!rule_ok(q->rule, mode, v, cw, n))
            continue;
        if (skel && !skel_guard(ai->keys.data + q->key, v, cw, n))
            continue;
        add_hit(m, q);
    }
    return m->n_hits - before;
}

/* One pass (exact or skeleton) of growing a match word by word. */
static void walk(const cev_aindex *ai, const cev_words *v, size_t start, size_t w_lim,
                 int mode, int skel, int art0, cev_ai_match *best, size_t w0)
{
    const cev_table *t = skel ? &ai->skel : &ai->exact;
    size_t cw[CEV_AI_MAX_WORDS];
    size_t n = 0, letters = 0;
    int art = art0;
    uint64_t h = CEV_SEQ_SEED;
    cev_ai_match cur;
    for (size_t p = start; p < w_lim && n < CEV_AI_MAX_WORDS; p++) {
        const cev_word *w = &v->w[p];
        if (n > 0) {
            if (w->flags & CEV_W_BARRIER)
                break;
            if (w->flags & CEV_W_ARTICLE) {
                art = 1; /* optional inside a name: "Ahrar as Sham" */
                continue;
            }
        }
        /* "The army" is not "Thai army", nor "Province" "Provence" */
        if (skel && cev_stopword(v->pool.data + w->key, w->klen))
            break;
        h = cev_seq_add(h, skel ? cev_word_skel(v, p, n > 0) : w->h);
        cw[n++] = p;
        letters += w->letters;
        const cev_slot *s = table_find(t, h);
        if (!s)
            break;
        /* a skeleton match must be longer than the exact one to win */
        if ((s->flags & CEV_SLOT_FULL) && n > (skel ? best->n_words : 0) &&
            (skel ? letters >= CEV_SKEL_MIN_LETTERS + (n == 1)
                  : key_equals(ai->keys.data + s->key, v, cw, n))) {
            cur.n_hits = 0;
            if (collect(ai, s, skel, mode, v, cw, n, &cur)) {
                memcpy(best->hits, cur.hits, cur.n_hits * sizeof cur.hits[0]);
                best->n_hits = cur.n_hits;
                best->w_first = w0;
                best->w_last = p;
                best->n_words = n;
                best->art = art;
                best->skel = skel;
            }
        }
        if (!(s->flags & CEV_SLOT_PREFIX))
            break;
    }
}

int cev_ai_match_at(const cev_aindex *ai, const cev_words *v, size_t w0, size_t w_lim,
                    int mode, cev_ai_match *m)
{
    if (w0 >= w_lim || !ai->exact.n)
        return 0;
    size_t start = w0;
    int art0 = 0;
    const cev_word *w = &v->w[w0];
    int lookup = (mode & ~CEV_AI_NO_SKEL) == CEV_AI_LOOKUP;
    /* a leading article is left out when it can open a name ("al-Raqqa",
     * "Al Raqqah"); otherwise ("An", "As") it is an ordinary word */
    if ((w->flags & CEV_W_LEAD_ART) && w0 + 1 < w_lim &&
        !(v->w[w0 + 1].flags & CEV_W_BARRIER)) {
        const cev_word *nx = &v->w[w0 + 1];
        int joined = !(nx->flags & CEV_W_TOKSTART);
        if (lookup || joined || (nx->flags & CEV_W_CAP) ||
            !(nx->flags & CEV_W_CASED)) {
            start = w0 + 1;
            art0 = 1;
        }
    }
    int skel = !(mode & CEV_AI_NO_SKEL);
    mode &= ~CEV_AI_NO_SKEL;
    m->n_words = 0;
    m->n_hits = 0;
    walk(ai, v, start, w_lim, mode, 0, art0, m, w0);
    const cev_word *first = &v->w[start];
    if (skel && ai->skel.n && (mode == CEV_AI_LOOKUP || (first->flags & CEV_W_CAP)))
        walk(ai, v, start, w_lim, mode, 1, art0, m, w0);
    return m->n_hits > 0;
}

/* ---- id maps ------------------------------------------------------------------ */

void cev_idmap_init(cev_idmap *m) { memset(m, 0, sizeof *m); }

void cev_idmap_free(cev_idmap *m)
{
    free(m->s);
    cev_idmap_init(m);
}

int cev_idmap_reserve(cev_idmap *m, size_t extra)
{
    size_t need = m->n + extra;
    if (need <= m->cap / 2)
        return CEV_OK;
    size_t cap = m->cap ? m->cap : 256;
    while (need > cap / 2)
        cap *= 2;
    struct cev_idslot *s = calloc(cap, sizeof *s);
    if (!s)
        return CEV_ERR_NOMEM;
    for (size_t i = 0; i < m->cap; i++)
        if (m->s[i].key) {
            size_t j = (size_t)m->s[i].h & (cap - 1);
            while (s[j].key)
                j = (j + 1) & (cap - 1);
            s[j] = m->s[i];
        }
    free(m->s);
    m->s = s;
    m->cap = cap;
    return CEV_OK;
}

void cev_idmap_put(cev_idmap *m, const char *key, uint32_t val)
{
    size_t n = strlen(key);
    uint64_t h = cev_word_hash(key, n);
    size_t mask = m->cap - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        struct cev_idslot *s = &m->s[i];
        if (!s->key) {
            s->key = key;
            s->h = h;
            s->val = val;
            m->n++;
            return;
        }
        if (s->h == h && strcmp(s->key, key) == 0) {
            s->val = val;
            return;
        }
    }
}

uint32_t cev_idmap_getn(const cev_idmap *m, const char *key, size_t n)
{
    if (!m->cap)
        return CEV_AI_NONE;
    uint64_t h = cev_word_hash(key, n);
    size_t mask = m->cap - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        const struct cev_idslot *s = &m->s[i];
        if (!s->key)
            return CEV_AI_NONE;
        if (s->h == h && strncmp(s->key, key, n) == 0 && s->key[n] == '\0')
            return s->val;
    }
}

uint32_t cev_idmap_get(const cev_idmap *m, const char *key)
{
    return cev_idmap_getn(m, key, strlen(key));
}
