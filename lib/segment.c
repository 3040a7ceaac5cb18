/* segment.c - lines into sentences into tokens.
 *
 * Each non-blank line is a block: in scraped news a paragraph, a headline or
 * a caption is one line.  ICU finds sentence boundaries inside a block; we then
 * undo the breaks it makes after abbreviations that news prose is full of
 * ("U.S. forces", "Gen. Smith", "Feb. 26", "No. 10", "10 a.m. local time"). */
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>

#include "segment.h"
#include "utf8.h"

#define GROW(arr, n, cap)                                                        \
    ((n) < (cap) ? 0 : grow_array((void **)&(arr), &(cap), sizeof *(arr)))

static int grow_array(void **arr, size_t *cap, size_t elem)
{
    size_t nc = *cap ? *cap * 2 : 64;
    void *p = realloc(*arr, nc * elem);
    if (!p)
        return -1;
    *arr = p;
    *cap = nc;
    return 0;
}

static int is_word_cp(uint32_t cp)
{
    if (cp < 0x80)
        return cev_is_alpha((int)cp) || cev_is_digit((int)cp);
    return u_isalnum((UChar32)cp) || u_charType((UChar32)cp) == U_NON_SPACING_MARK ||
           u_charType((UChar32)cp) == U_COMBINING_SPACING_MARK;
}

static uint32_t cp_at(const char *s, size_t len, size_t i, size_t *n)
{
    uint32_t cp;
    *n = cev_utf8_decode((const unsigned char *)s, len, i, &cp);
    if (!*n) {
        *n = 1;
        return 0xFFFD;
    }
    return cp;
}

int cev_toks_mostly_caps(const cev_tok *toks, size_t first, size_t last)
{
    size_t words = 0, caps = 0;
    for (size_t i = first; i < last; i++)
        if (toks[i].flags & CEV_TOK_WORD) {
            words++;
            if (toks[i].flags & CEV_TOK_CAP)
                caps++;
        }
    return caps * 2 > words;
}

int cev_tok_is(const char *s, const cev_tok *t, const char *w)
{
    if (cev_to_lower((unsigned char)s[t->start]) != cev_to_lower((unsigned char)w[0]))
        return 0;
    size_t n = strlen(w);
    return t->end - t->start == n && cev_strncaseeq(s + t->start, w, n);
}

/* ---- tokens ------------------------------------------------------------ */

/* Length of the word starting at s[i] (which is a word character). */
static size_t word_len(const char *s, size_t end, size_t i, uint32_t *flags)
{
    size_t j = i, n, seg_start = i;
    int letters = 0, uppers = 0, single_letter_dots = 1, seg_len = 0;
    int first_done = 0;
    *flags = CEV_TOK_WORD;
    if (cev_is_digit((unsigned char)s[i]))
        *flags |= CEV_TOK_NUM;
    while (j < end) {
        uint32_t cp = cp_at(s, end, j, &n);
        if (is_word_cp(cp)) {
            if (cev_glued_word_break(s, seg_start, j, end))
                break; /* "CeasefireFighting": two words run together */
            if (cp < 0x80 ? cev_is_alpha((int)cp) : u_isalpha((UChar32)cp)) {
                letters++;
                int up = cp < 0x80 ? cev_is_upper((int)cp) : u_isupper((UChar32)cp);
                if (up)
                    uppers++;
                if (!first_done && up)
                    *flags |= CEV_TOK_CAP;
            }
            first_done = 1;
            seg_len++;
            j += n;
            continue;
        }
        /* joiners inside a word: hyphen, apostrophe; digit groups "1,200" "3.5" */
        if (j + 1 < end && (cp == '-' || cp == '\'' || cp == '.' || cp == ',' || cp == '/')) {
            size_t n2;
            uint32_t next = cp_at(s, end, j + 1, &n2);
            int prev_digit = cev_is_digit((unsigned char)s[j - 1]);
            int next_digit = next < 0x80 && cev_is_digit((int)next);
            if ((cp == ',' || cp == '.' || cp == '/') && prev_digit && next_digit) {
                if (seg_len > 1 || cp != '.')
                    single_letter_dots = 0;
                j += 1;
                continue;
            }
            if (cp == '.' && seg_len == 1 && next == '-' && j - i >= 3 && s[i + 1] == '.' &&
                j + 2 < end && cev_is_alpha((unsigned char)s[j + 2])) {
                /* "U.S.-backed": the abbreviation's period, then a hyphen */
                single_letter_dots = 0;
                seg_len = 0;
                j += 2;
                continue;
            }
            if (cp == '.' && seg_len == 1 && is_word_cp(next) && !next_digit) {
                /* U.S / a.m: single letters joined by periods */
                seg_len = 0;
                j += 1;
                continue;
            }
            if ((cp == '-' || cp == '\'') && is_word_cp(next)) {
                single_letter_dots = 0;
                seg_len = 0;
                j += 1;
                seg_start = j;
                continue;
            }
        }
        break;
    }
    /* "U.S." : absorb the final period of a dotted abbreviation */
    if (single_letter_dots && seg_len == 1 && j < end && s[j] == '.' && j - i >= 3 &&
        s[i + 1] == '.') {
        j++;
        *flags |= CEV_TOK_ABBR;
    }
    if (letters >= 2 && uppers == letters)
        *flags |= CEV_TOK_ALLCAPS;
    return j - i;
}

static int tokenize(cev_seg *g, size_t *cap, const char *s, size_t start, size_t end,
                    uint32_t sent)
{
    size_t i = start, n;
    while (i < end) {
        uint32_t cp = cp_at(s, end, i, &n);
        if (cp == ' ' || cp == '\n' || (cp >= 0x80 && u_isUWhiteSpace((UChar32)cp))) {
            i += n;
            continue;
        }
        if (GROW(g->toks, g->n_toks, *cap))
            return -1;
        cev_tok *t = &g->toks[g->n_toks++];
        t->start = i;
        t->sent = sent;
        if (is_word_cp(cp)) {
            uint32_t fl;
            size_t wl = word_len(s, end, i, &fl);
            t->end = i + wl;
            t->flags = fl;
        } else {
            t->end = i + n;
            t->flags = CEV_TOK_PUNCT;
        }
        i = t->end;
    }
    return 0;
}

/* ---- sentence break corrections ------------------------------------------ */

/* Case-insensitive: wire copy in capitals writes "COL. ISAACS", "GEN. PONCE". */
static int in_list(const char *w, size_t n, const char *const *list)
{
    for (; *list; list++)
        if (strlen(*list) == n && cev_strncaseeq(*list, w, n))
            return 1;
    return 0;
}

static const char *const k_titles[] = {
    "Mr", "Mrs", "Ms", "Dr", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "Cpl", "Adm", "Brig",
    "Gov", "Sen", "Rep", "Rev", "Prof", "St", "Mt", "Ft", "Jr", "Sr", "Pres", "Hon", "Cmdr",
    "Lieut", "Supt", "Insp", "Pvt", "Gens", "Messrs", "Sheikh", "vs", "Vs", "approx", "Corp",
    "Inc", "Ltd", "Co", "Bros", "Dept", "Univ", "Ave", "Rd", "Blvd", "Sq", "Fig", "Mme", NULL};
static const char *const k_before_number[] = {
    "No", "Nos", "no", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
    "Nov", "Dec", "Art", "Vol", "Sec", "p", "pp", "Ch", "Para", "Res", NULL};
static const char *const k_sentence_starters[] = {
    "The", "A", "An", "It", "He", "She", "They", "We", "I", "In", "On", "But", "And", "This",
    "That", "There", "These", "Those", "Its", "His", "Her", "Their", "Our", "At", "As", "After",
    "Before", "When", "While", "However", "Meanwhile", "Earlier", "Later", "According", "Some",
    "Many", "Most", "Officials", "If", "Since", "For", "Also", "Yet", "So", NULL};

/* Should the break before sentence text s[b..] be undone, given the text
 * s[a..b) of the sentence before it? */
static int keep_together(const char *s, size_t a, size_t b, size_t end)
{
    size_t e = b;
    while (e > a && (s[e - 1] == ' ' || s[e - 1] == '\n'))
        e--;
    if (e == a || s[e - 1] != '.')
        return 0;
    /* the word before the period */
    size_t w = e - 1;
    while (w > a && (cev_is_alpha((unsigned char)s[w - 1]) || s[w - 1] == '.'))
        w--;
    size_t wl = e - 1 - w;
    if (wl == 0)
        return 0;
    /* what follows */
    size_t f = b;
    while (f < end && s[f] == ' ')
        f++;
    if (f >= end)
        return 0;
    unsigned char nx = (unsigned char)s[f];
    size_t fe = f;
    while (fe < end && cev_is_alpha((unsigned char)s[fe]))
        fe++;
    int next_lower = nx >= 'a' && nx <= 'z';
    int next_digit = cev_is_digit(nx);
    int next_starter = in_list(s + f, fe - f, k_sentence_starters);

    if (in_list(s + w, wl, k_titles))
        return 1;
    if (in_list(s + w, wl, k_before_number) && next_digit)
        return 1;
    /* dotted abbreviations: U.S., U.N., a.m., p.m., e.g. */
    int dotted = memchr(s + w, '.', wl) != NULL;
    if (dotted) {
        if (next_lower || next_digit)
            return 1;
        int lower_abbr = s[w] >= 'a' && s[w] <= 'z'; /* a.m., p.m. */
        return !lower_abbr && !next_starter;
    }
    /* a single capital initial: "George W. Bush" */
    if (wl == 1 && cev_is_upper((unsigned char)s[w]) && !next_starter)
        return 1;
    return next_lower;
}

/* ---- blocks and sentences ------------------------------------------------- */

static int split_block(cev_seg *g, size_t *sent_cap, size_t *tok_cap, const char *s,
                       size_t bs, size_t be, UBreakIterator *bi, cev_err *err)
{
    size_t blen = be - bs;
    /* UTF-16 copy of the block and a map from UTF-16 index to byte offset */
    UChar *u = malloc((blen + 1) * sizeof(UChar));
    size_t *u2b = malloc((blen + 2) * sizeof(size_t));
    if (!u || !u2b) {
        free(u);
        free(u2b);
        return cev_err_set(err, CEV_ERR_NOMEM, -1, "out of memory segmenting");
    }
    int32_t ul = 0;
    for (size_t i = bs; i < be;) {
        size_t n;
        uint32_t cp = cp_at(s, be, i, &n);
        u2b[ul] = i;
        if (cp == '\n')
            cp = ' '; /* a wrapped line goes on */
        if (cp > 0xFFFF) {
            u2b[ul + 1] = i;
            u[ul++] = U16_LEAD(cp);
            u[ul++] = U16_TRAIL(cp);
        } else {
            u[ul++] = (UChar)cp;
        }
        i += n;
    }
    u2b[ul] = be;
    UErrorCode ec = U_ZERO_ERROR;
    ubrk_setText(bi, u, ul, &ec);
    if (U_FAILURE(ec)) {
        free(u);
        free(u2b);
        return cev_err_set(err, CEV_ERR_ICU, (int64_t)bs, "sentence break failed: %s",
                           u_errorName(ec));
    }
    size_t blk = g->n_blocks - 1;
    size_t start = bs;
    int32_t pos = ubrk_first(bi);
    for (;;) {
        pos = ubrk_next(bi);
        if (pos == UBRK_DONE)
            break;
        size_t b = u2b[pos];
        if (b < be && keep_together(s, start, b, be))
            continue;
        /* trim spaces */
        size_t ss = start, se = b;
        while (ss < se && (s[ss] == ' ' || s[ss] == '\n'))
            ss++;
        while (se > ss && (s[se - 1] == ' ' || s[se - 1] == '\n'))
            se--;
        if (se > ss) {
            if (GROW(g->sents, g->n_sents, *sent_cap))
                goto oom;
            cev_sent *st = &g->sents[g->n_sents];
            st->start = ss;
            st->end = se;
            st->block = (uint32_t)blk;
            st->tok_first = g->n_toks;
            if (tokenize(g, tok_cap, s, ss, se, (uint32_t)g->n_sents))
                goto oom;
            st->tok_count = g->n_toks - st->tok_first;
            g->n_sents++;
        }
        start = b;
    }
    free(u);
    free(u2b);
    return CEV_OK;
oom:
    free(u);
    free(u2b);
    return cev_err_set(err, CEV_ERR_NOMEM, -1, "out of memory segmenting");
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* Is the text hard-wrapped (wire copy, e-mail, old archives), with lines of
 * nearly equal length inside paragraphs?  Then a paragraph, not a line, is
 * a block.  Judged on the lines that have a non-blank line after them. */
static int hard_wrapped(const char *s, size_t len)
{
    size_t lens[512], n = 0, i = 0;
    while (i < len && n < 512) {
        size_t e = i;
        while (e < len && s[e] != '\n')
            e++;
        size_t next = e + 1;
        int next_blank = 1;
        for (size_t k = next; k < len && s[k] != '\n'; k++)
            if (s[k] != ' ') {
                next_blank = 0;
                break;
            }
        if (e > i && !next_blank && next < len)
            lens[n++] = e - i;
        i = e + 1;
    }
    if (n < 6)
        return 0;
    size_t sorted[512];
    memcpy(sorted, lens, n * sizeof *lens);
    qsort(sorted, n, sizeof *sorted, cmp_size);
    size_t med = sorted[n / 2];
    if (med < 45 || med > 100)
        return 0;
    size_t close = 0;
    for (size_t k = 0; k < n; k++)
        if (lens[k] * 4 >= med * 3 && lens[k] * 4 <= med * 5)
            close++;
    return close * 10 >= n * 7;
}

int cev_segment_text(cev_seg *g, const char *s, size_t len, cev_err *err)
{
    memset(g, 0, sizeof *g);
    UErrorCode ec = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_SENTENCE, "en_US@ss=standard", NULL, 0, &ec);
    if (U_FAILURE(ec))
        return cev_err_set(err, CEV_ERR_ICU, -1, "cannot open sentence iterator: %s",
                           u_errorName(ec));
    size_t bcap = 0, scap = 0, tcap = 0;
    int rc = CEV_OK;
    int wrapped = hard_wrapped(s, len);
    size_t i = 0;
    while (i < len) {
        size_t e = i;
        while (e < len && s[e] != '\n')
            e++;
        /* in hard-wrapped text a block runs on to the next blank line */
        while (wrapped && e < len && e + 1 < len && s[e + 1] != '\n') {
            size_t k = e + 1;
            while (k < len && s[k] == ' ')
                k++;
            if (k >= len || s[k] == '\n')
                break;
            e = k;
            while (e < len && s[e] != '\n')
                e++;
        }
        size_t bs = i, be = e;
        while (bs < be && s[bs] == ' ')
            bs++;
        while (be > bs && s[be - 1] == ' ')
            be--;
        if (be > bs) {
            if (GROW(g->blocks, g->n_blocks, bcap)) {
                rc = cev_err_set(err, CEV_ERR_NOMEM, -1, "out of memory segmenting");
                break;
            }
            cev_blk *b = &g->blocks[g->n_blocks++];
            memset(b, 0, sizeof *b);
            b->start = bs;
            b->end = be;
            b->sent_first = g->n_sents;
            rc = split_block(g, &scap, &tcap, s, bs, be, bi, err);
            if (rc)
                break;
            g->blocks[g->n_blocks - 1].sent_count = g->n_sents - b->sent_first;
        }
        i = e + 1;
    }
    ubrk_close(bi);
    if (rc)
        cev_seg_free(g);
    return rc;
}

void cev_seg_free(cev_seg *g)
{
    if (!g)
        return;
    free(g->blocks);
    free(g->sents);
    free(g->toks);
    memset(g, 0, sizeof *g);
}
