/* normalize.c - article text to clean NFKC UTF-8 with an offset map.
 *
 * Text is cut into chunks that start at NFKC boundaries; a chunk of plain
 * ASCII is copied as is, any other chunk goes through ICU.  When a chunk
 * changes length an anchor records where it came from, so every later stage
 * can point back into the caller's bytes. */
#include <stdlib.h>
#include <string.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "normalize.h"
#include "utf8.h"

/* Characters we rewrite before NFKC.  Returns the replacement code point,
 * 0 to drop the character, or cp itself to keep it. */
static uint32_t premap(uint32_t cp)
{
    switch (cp) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x02BC:
    case 0x02BB: case 0x00B4: case 0x0060:
        return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x00AB:
    case 0x00BB:
        return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
        return '-';
    case 0x00A0: case 0x1680: case 0x202F: case 0x205F: case 0x3000: case '\t':
    case '\v': case '\f':
        return ' ';
    case 0x2028: case 0x2029: case 0x0085:
        return '\n';
    case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF: case 0x00AD:
    case 0x180E:
        return 0;
    }
    if (cp >= 0x2000 && cp <= 0x200A)
        return ' ';
    if ((cp < 0x20 && cp != '\n' && cp != '\r') || (cp >= 0x7F && cp < 0xA0))
        return ' ';
    if (cp >= 0x200E && cp <= 0x200F) /* directional marks */
        return 0;
    if (cp >= 0x202A && cp <= 0x202E)
        return 0;
    if (cp >= 0x2066 && cp <= 0x2069)
        return 0;
    return cp;
}

static int add_anchor(cev_text *t, uint64_t norm, uint64_t orig, int linear)
{
    if (t->n_anchors) {
        cev_anchor *last = &t->anchors[t->n_anchors - 1];
        /* same place: overwrite */
        if (last->norm == norm) {
            last->orig = orig;
            last->linear = linear;
            return 0;
        }
        /* already implied by the previous linear anchor */
        if (linear && last->linear && last->orig + (norm - last->norm) == orig)
            return 0;
    }
    if (t->n_anchors == t->cap_anchors) {
        size_t cap = t->cap_anchors ? t->cap_anchors * 2 : 64;
        cev_anchor *a = realloc(t->anchors, cap * sizeof *a);
        if (!a)
            return -1;
        t->anchors = a;
        t->cap_anchors = cap;
    }
    t->anchors[t->n_anchors++] = (cev_anchor){norm, orig, linear};
    return 0;
}

uint64_t cev_text_orig(const cev_text *t, size_t n)
{
    if (n >= t->len)
        return t->orig_len;
    size_t lo = 0, hi = t->n_anchors;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (t->anchors[mid].norm <= n)
            lo = mid;
        else
            hi = mid;
    }
    const cev_anchor *a = &t->anchors[lo];
    return a->linear ? a->orig + (n - a->norm) : a->orig;
}

void cev_text_free(cev_text *t)
{
    if (!t)
        return;
    free(t->s);
    free(t->anchors);
    memset(t, 0, sizeof *t);
}

/* State of the chunk being collected (code points after premap). */
typedef struct chunk {
    UChar u[64];
    int32_t ulen;
    size_t orig_start, orig_end; /* input bytes it covers */
    int ascii_only;
    int empty; /* every character was dropped */
} chunk;

typedef struct norm_state {
    const UNormalizer2 *nfkc;
    cev_text *t;
    cev_buf out;
    int in_cr; /* the previous input character was CR */
} norm_state;

/* Write a finished chunk to the output. */
static int flush_chunk(norm_state *st, chunk *c, cev_err *err)
{
    if (c->orig_end == c->orig_start)
        return CEV_OK;
    size_t norm_start = st->out.len;
    size_t in_len = c->orig_end - c->orig_start;
    if (c->ulen == 0) {
        /* dropped characters: nothing out */
    } else if (c->ascii_only) {
        for (int32_t i = 0; i < c->ulen; i++)
            cev_buf_putc(&st->out, (char)c->u[i]);
    } else {
        UChar tmp[256];
        UErrorCode ec = U_ZERO_ERROR;
        int32_t n = unorm2_normalize(st->nfkc, c->u, c->ulen, tmp, 256, &ec);
        if (U_FAILURE(ec))
            return cev_err_set(err, CEV_ERR_ICU, (int64_t)c->orig_start,
                               "NFKC normalization failed: %s", u_errorName(ec));
        for (int32_t i = 0; i < n;) {
            UChar32 cp;
            U16_NEXT(tmp, i, n, cp);
            /* NFKC can produce characters we map (e.g. fullwidth forms) */
            uint32_t m = premap((uint32_t)cp);
            if (m == 0)
                continue;
            char enc[4];
            size_t k = cev_utf8_encode(m, enc);
            cev_buf_put(&st->out, enc, k);
        }
    }
    if (st->out.oom)
        return cev_err_set(err, CEV_ERR_NOMEM, -1, "out of memory normalizing text");
    size_t out_len = st->out.len - norm_start;
    if (out_len != in_len) {
        if (add_anchor(st->t, norm_start, c->orig_start, out_len == 0) ||
            add_anchor(st->t, st->out.len, c->orig_end, 1))
            return cev_err_set(err, CEV_ERR_NOMEM, -1, "out of memory");
    } else if (add_anchor(st->t, norm_start, c->orig_start, 1)) {
        return cev_err_set(err, CEV_ERR_NOMEM, -1, "out of memory");
    }
    c->ulen = 0;
    c->ascii_only = 1;
    c->orig_start = c->orig_end;
    return CEV_OK;
}

int cev_normalize(cev_text *t, const char *in, size_t len, int repair, cev_err *err)
{
    memset(t, 0, sizeof *t);
    UErrorCode ec = U_ZERO_ERROR;
    norm_state st = {0};
    st.nfkc = unorm2_getNFKCInstance(&ec);
    if (U_FAILURE(ec))
        return cev_err_set(err, CEV_ERR_ICU, -1, "ICU NFKC data unavailable: %s",
                           u_errorName(ec));
    st.t = t;
    cev_buf_init(&st.out);
    if (cev_buf_reserve(&st.out, len + len / 8 + 16))
        return cev_err_set(err, CEV_ERR_NOMEM, -1, "out of memory for %zu bytes", len);
    t->orig_len = len;
    if (add_anchor(t, 0, 0, 1)) {
        cev_buf_free(&st.out);
        return cev_err_set(err, CEV_ERR_NOMEM, -1, "out of memory");
    }

    const unsigned char *s = (const unsigned char *)in;
    chunk c = {.ascii_only = 1};
    int rc = CEV_OK;
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t n;
        if (s[i] < 0x80 && s[i] != 0) {
            cp = s[i];
            n = 1;
        } else if (s[i] == 0) {
            if (!repair) {
                rc = cev_err_set(err, CEV_ERR_NUL, (int64_t)i, "NUL byte at offset %zu", i);
                goto fail;
            }
            cp = ' ';
            n = 1;
        } else {
            n = cev_utf8_decode(s, len, i, &cp);
            if (!n) {
                if (!repair) {
                    rc = cev_err_set(err, CEV_ERR_UTF8, (int64_t)i,
                                     "invalid UTF-8 byte 0x%02X at offset %zu", s[i], i);
                    goto fail;
                }
                cp = 0xFFFD;
                n = 1;
            }
        }
        /* CR LF -> LF; lone CR -> LF */
        if (cp == '\n' && st.in_cr) {
            st.in_cr = 0;
            /* drop this LF: the CR already produced one */
            if ((rc = flush_chunk(&st, &c, err)))
                goto fail;
            c.orig_end = i + 1;
            if ((rc = flush_chunk(&st, &c, err)))
                goto fail;
            i += 1;
            continue;
        }
        st.in_cr = cp == '\r';
        uint32_t m = cp == '\r' ? '\n' : premap(cp);

        /* A new chunk starts where NFKC allows a boundary. */
        int boundary = m < 0x80 || unorm2_hasBoundaryBefore(st.nfkc, (UChar32)m);
        if (boundary || c.ulen >= 60) {
            if ((rc = flush_chunk(&st, &c, err)))
                goto fail;
        }
        if (m != 0) {
            if (m >= 0x80)
                c.ascii_only = 0;
            U16_APPEND_UNSAFE(c.u, c.ulen, (UChar32)m);
        }
        c.orig_end = i + n;
        /* ASCII can be written at once: it never composes with what follows
         * except through a combining mark, which has no boundary before it
         * and so joins this chunk. */
        i += n;
    }
    if ((rc = flush_chunk(&st, &c, err)))
        goto fail;
    t->len = st.out.len;
    t->s = cev_buf_detach(&st.out);
    if (!t->s) {
        rc = cev_err_set(err, CEV_ERR_NOMEM, -1, "out of memory");
        goto fail;
    }
    return CEV_OK;
fail:
    cev_buf_free(&st.out);
    cev_text_free(t);
    return rc;
}
