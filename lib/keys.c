/* keys.c - folding names and tokens into words, and the skeleton key.
 *
 * ASCII words (most of an English article) are folded by hand; anything
 * else goes through ICU's NFKC-with-case-folding and NFD normalizers, and
 * the letters of the scripts conflict news spells names in (Arabic with
 * the Persian, Urdu and Pashto letters, Cyrillic, Greek, Hebrew, Armenian,
 * Georgian) are transliterated to ASCII by the tables below.  Tables rather
 * than ICU's "Any-Latin; Latin-ASCII": opening that transliterator costs
 * ~25 ms (most of a context's start-up), each word ~4 us, and an ICU
 * transliterator may not be shared between threads; a table is free,
 * fast and read-only.  Other scripts (Han, Devanagari, Thai, ...) keep
 * their letters, case-folded: they still match text in the same script. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf16.h>
#include <unicode/utf.h>
#include <unicode/ustring.h>

#include "keys.h"
#include "utf8.h"

/* ---- word lists -------------------------------------------------------- */

void cev_words_init(cev_words *v)
{
    memset(v, 0, sizeof *v);
    cev_buf_init(&v->pool);
}

void cev_words_free(cev_words *v)
{
    free(v->w);
    cev_buf_free(&v->pool);
    cev_words_init(v);
}

void cev_words_clear(cev_words *v)
{
    v->n = 0;
    v->pool.len = 0;
    v->pool.oom = 0;
}

uint64_t cev_word_hash(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ull;
    }
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 32;
    return h ? h : 1;
}

static int is_vowel(int c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

int cev_is_article(const char *w, size_t n)
{
    /* al-, el- and the sun-letter forms; Persian/Urdu izafe -e-, -i-, -ul-, -ud- */
    static const char *const arts[] = {"al", "el", "ar", "as", "ash", "at", "ath", "ad",
                                       "adh", "az", "an", "ez", "es", "er", "et", "ed",
                                       "en", "ul", "ud", "e", "i", NULL};
    if (n == 0 || n > 3)
        return 0;
    for (const char *const *a = arts; *a; a++)
        if ((*a)[0] == w[0] && strncmp(*a, w, n) == 0 && (*a)[n] == '\0')
            return 1;
    return 0;
}

/* Articles that may open a name on their own ("Al Raqqah"); the others are
 * English or too short to trust at the start ("as", "at", "an", "i"). */
static int is_lead_article(const char *w, size_t n)
{
    static const char *const lead[] = {"al", "el", "ar", "ash", "ath", "adh", "az",
                                       "ez", "er", "ad", "ed", NULL};
    for (const char *const *a = lead; *a; a++)
        if ((*a)[0] == w[0] && strncmp(*a, w, n) == 0 && (*a)[n] == '\0')
            return 1;
    return 0;
}

/* Append a folded word of the token starting at byte ts; it ends at `end`. */
static int push_word(cev_words *v, const char *key, size_t klen, size_t ts, size_t end,
                     uint32_t tok, uint16_t flags)
{
    if (klen == 0)
        return CEV_OK;
    /* the Arabic feminine ending is written -a, -ah or -eh: "Raqqah" = "Raqqa" */
    if (klen >= 4 && key[klen - 1] == 'h' && is_vowel(key[klen - 2])) {
        klen--;
        flags |= CEV_W_CUT;
    }
    if (klen > 0xFFFF)
        klen = 0xFFFF;
    if (v->n == v->cap) {
        size_t nc = v->cap ? v->cap * 2 : 32;
        cev_word *nw = realloc(v->w, nc * sizeof *nw);
        if (!nw)
            return CEV_ERR_NOMEM;
        v->w = nw;
        v->cap = nc;
    }
    if (v->pool.len + klen + 1 > UINT32_MAX)
        return CEV_ERR_TOO_LARGE;
    size_t off = v->pool.len;
    cev_buf_put(&v->pool, key, klen);
    cev_buf_putc(&v->pool, '\0');
    if (v->pool.oom)
        return CEV_ERR_NOMEM;
    cev_word *w = &v->w[v->n++];
    w->h = cev_word_hash(key, klen);
    w->end = end - ts > UINT32_MAX ? UINT32_MAX : (uint32_t)(end - ts);
    w->key = (uint32_t)off;
    w->klen = (uint16_t)klen;
    w->tok = tok;
    w->flags = flags;
    if (cev_is_article(key, klen))
        w->flags |= CEV_W_ARTICLE;
    unsigned letters = 0;
    for (size_t i = 0; i < klen; i++) {
        unsigned char c = (unsigned char)key[i];
        if (cev_is_alpha(c) || (c >= 0x80 && (c & 0xC0) != 0x80))
            letters++;
    }
    w->letters = (uint16_t)(letters > 0xFFFF ? 0xFFFF : letters);
    return CEV_OK;
}

uint64_t cev_word_skel(const cev_words *v, size_t i, int cut_fused)
{
    char sk[64];
    size_t n = cev_skeleton(cev_word_text(v, i), v->w[i].klen, cut_fused, sk, sizeof sk);
    return cev_word_hash(sk, n);
}

/* Split an ASCII folded string at spaces, hyphens and slashes into words;
 * letters lowercased, other punctuation dropped, non-ASCII bytes kept. */
static int push_folded(cev_words *v, const char *s, size_t n, size_t start, size_t end,
                       uint32_t tok, uint16_t flags)
{
    char small[128];
    char *buf = n < sizeof small ? small : malloc(n + 1);
    if (!buf)
        return CEV_ERR_NOMEM;
    size_t o = 0;
    int rc = CEV_OK;
    for (size_t i = 0; i <= n && rc == CEV_OK; i++) {
        unsigned char c = i < n ? (unsigned char)s[i] : ' ';
        if (c == ' ' || c == '-' || c == '/') {
            rc = push_word(v, buf, o, start, end, tok, flags);
            o = 0;
        } else if (cev_is_alpha(c) || cev_is_digit(c)) {
            buf[o++] = (char)cev_to_lower(c);
        } else if (c >= 0x80) {
            buf[o++] = (char)c;
        }
    }
    if (buf != small)
        free(buf);
    return rc;
}

/* ---- transliteration ---------------------------------------------------- */

/* Letters NFD does not take apart. Returns the ASCII replacement or NULL. */
static const char *latin_special(UChar32 c)
{
    switch (c) {
    case 0x0131: return "i";  /* dotless i */
    case 0x0142: return "l";  /* l with stroke */
    case 0x00F8: return "o";
    case 0x0111: return "d";
    case 0x00F0: return "d";
    case 0x00FE: return "th";
    case 0x00E6: return "ae";
    case 0x0153: return "oe";
    case 0x014B: return "n";
    case 0x0127: return "h";
    case 0x0138: return "k";
    case 0x017F: return "s";
    case 0x00DF: return "ss";
    case 0x0259: return "e";  /* schwa (Azerbaijani) */
    case 0x0269: return "i";
    case 0x0254: return "o";
    case 0x025B: return "e";
    }
    return NULL;
}

/* Arabic, Persian, Urdu, Pashto and Kurdish letters (U+0621..U+06D5). */
static const char *arabic(UChar32 c)
{
    static const char *const base[] = {
        /* 0621 */ "", "a", "a", "w", "i", "y", "a", "b", "t", "t", "th", "j", "h", "kh", "d",
        /* 0630 */ "dh", "r", "z", "s", "sh", "s", "d", "t", "z", "", "gh", "", "", "", "", "",
        /* 0640 */ "", "f", "q", "k", "l", "m", "n", "h", "w", "a", "y"};
    if (c >= 0x0621 && c <= 0x064A)
        return base[c - 0x0621];
    switch (c) {
    case 0x0671: return "a";
    case 0x0679: return "t";
    case 0x067E: return "p";
    case 0x0686: return "ch";
    case 0x0688: return "d";
    case 0x0691: return "r";
    case 0x0695: return "r";
    case 0x0698: return "zh";
    case 0x06A4: return "v";
    case 0x06A9: return "k";
    case 0x06AF: return "g";
    case 0x06B5: return "l";
    case 0x06BA: return "n";
    case 0x06BE: return "h";
    case 0x06C1: return "h";
    case 0x06C6: return "o";
    case 0x06C7: return "u";
    case 0x06C8: return "u";
    case 0x06CB: return "v";
    case 0x06CC: return "y";
    case 0x06D0: return "e";
    case 0x06D2: return "e";
    case 0x06D5: return "e";
    case 0x067C: return "t";  /* Pashto */
    case 0x0681: return "dz";
    case 0x0685: return "ts";
    case 0x0689: return "d";
    case 0x0693: return "r";
    case 0x069A: return "x";
    case 0x06AB: return "g";
    case 0x06BC: return "n";
    case 0x06CD: return "y";
    }
    return NULL;
}

/* Cyrillic, lower case after folding (Russian, Ukrainian, Belarusian,
 * Serbian, Macedonian, Bulgarian, Central Asian letters). */
static const char *cyrillic(UChar32 c)
{
    static const char *const base[] = {
        /* 0430 */ "a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
        /* 0440 */ "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu",
        "ya",
        /* 0450 */ "e", "e", "dj", "g", "ye", "dz", "i", "yi", "j", "lj", "nj", "c", "k", "i", "u",
        "dz"};
    if (c >= 0x0430 && c <= 0x045F)
        return base[c - 0x0430];
    switch (c) {
    case 0x0491: return "g";
    case 0x0493: return "gh";
    case 0x0497: return "zh";
    case 0x049B: return "q";
    case 0x04A3: return "ng";
    case 0x04AF: return "u";
    case 0x04B1: return "u";
    case 0x04B3: return "h";
    case 0x04B7: return "j";
    case 0x04BB: return "h";
    case 0x04D9: return "a";
    case 0x04E9: return "o";
    case 0x04CF: return "i";
    }
    return NULL;
}

static const char *greek(UChar32 c)
{
    static const char *const base[] = {
        /* 03B1 */ "a", "v", "g", "d", "e", "z", "i", "th", "i", "k", "l", "m", "n", "x", "o",
        /* 03C0 */ "p", "r", "s", "s", "t", "y", "f", "ch", "ps", "o"};
    if (c >= 0x03B1 && c <= 0x03C9)
        return base[c - 0x03B1];
    return NULL;
}

static const char *hebrew(UChar32 c)
{
    static const char *const base[] = {
        /* 05D0 */ "", "b", "g", "d", "h", "v", "z", "kh", "t", "y", "k", "k", "l", "m", "m", "n",
        /* 05E0 */ "n", "s", "", "p", "p", "ts", "ts", "q", "r", "sh", "t"};
    if (c >= 0x05D0 && c <= 0x05EA)
        return base[c - 0x05D0];
    return NULL;
}

static const char *armenian(UChar32 c)
{
    static const char *const base[] = {
        /* 0561 */ "a", "b", "g", "d", "e", "z", "e", "y", "t", "zh", "i", "l", "kh", "ts", "k",
        /* 0570 */ "h", "dz", "gh", "ch", "m", "y", "n", "sh", "o", "ch", "p", "j", "r", "s", "v",
        "t",
        /* 0580 */ "r", "ts", "w", "p", "k", "o", "f", "ew"};
    if (c >= 0x0561 && c <= 0x0587)
        return base[c - 0x0561];
    return NULL;
}

static const char *georgian(UChar32 c)
{
    static const char *const base[] = {
        /* 10D0 */ "a", "b", "g", "d", "e", "v", "z", "t", "i", "k", "l", "m", "n", "o", "p", "zh",
        /* 10E0 */ "r", "s", "t", "u", "p", "k", "gh", "q", "sh", "ch", "ts", "dz", "ts", "ch",
        "kh", "j",
        /* 10F0 */ "h"};
    if (c >= 0x10D0 && c <= 0x10F0)
        return base[c - 0x10D0];
    return NULL;
}

/* ASCII for a letter of a transliterated script, or NULL. */
static const char *translit(UChar32 c)
{
    if (c < 0x0370)
        return latin_special(c);
    if (c < 0x0400)
        return greek(c);
    if (c < 0x0530)
        return cyrillic(c);
    if (c < 0x0590)
        return armenian(c);
    if (c < 0x0600)
        return hebrew(c);
    if (c < 0x0700)
        return arabic(c);
    if (c >= 0x10D0 && c <= 0x10FF)
        return georgian(c);
    return NULL;
}

static int is_apostrophe_like(UChar32 c)
{
    return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x02BB ||
           c == 0x02BF || c == 0x02BE || c == 0x0060 || c == 0x00B4 || c == 0x2032;
}

typedef struct ubuf {
    UChar *p;
    int32_t len, cap;
    UChar small[128];
} ubuf;

static void ubuf_init(ubuf *b)
{
    b->p = b->small;
    b->len = 0;
    b->cap = (int32_t)(sizeof b->small / sizeof b->small[0]);
}

static void ubuf_free(ubuf *b)
{
    if (b->p != b->small)
        free(b->p);
    ubuf_init(b);
}

static int ubuf_reserve(ubuf *b, int32_t need)
{
    if (need <= b->cap)
        return 0;
    if (need > (1 << 26))
        return -1;
    UChar *p = malloc((size_t)need * sizeof(UChar));
    if (!p)
        return -1;
    memcpy(p, b->p, (size_t)b->len * sizeof(UChar));
    if (b->p != b->small)
        free(b->p);
    b->p = p;
    b->cap = need;
    return 0;
}

/* Normalize src into dst with `norm`, growing dst as needed. */
static int normalize_into(const UNormalizer2 *norm, const ubuf *src, ubuf *dst)
{
    UErrorCode ec = U_ZERO_ERROR;
    int32_t n = unorm2_normalize(norm, src->p, src->len, dst->p, dst->cap, &ec);
    if (ec == U_BUFFER_OVERFLOW_ERROR) {
        if (ubuf_reserve(dst, n + 1))
            return CEV_ERR_NOMEM;
        ec = U_ZERO_ERROR;
        n = unorm2_normalize(norm, src->p, src->len, dst->p, dst->cap, &ec);
    }
    if (U_FAILURE(ec))
        return CEV_ERR_ICU;
    dst->len = n;
    return CEV_OK;
}

/* Ukrainian words (і, ї, є, ґ) take the Ukrainian national romanization:
 * "Київ" -> "kyiv", "Харків" -> "kharkiv". */
static int ukrainian(const UChar *p, int32_t n)
{
    for (int32_t i = 0; i < n; i++)
        if (p[i] == 0x0456 || p[i] == 0x0457 || p[i] == 0x0454 || p[i] == 0x0491)
            return 1;
    return 0;
}

static const char *ukrainian_letter(UChar32 c, int word_start)
{
    switch (c) {
    case 0x0438: return "y";                       /* и */
    case 0x0433: return "h";                       /* г */
    case 0x0439: return word_start ? "y" : "i";    /* й */
    case 0x0457: return word_start ? "yi" : "i";   /* ї */
    case 0x0454: return word_start ? "ye" : "ie";  /* є */
    case 0x044E: return word_start ? "yu" : "iu";  /* ю */
    case 0x044F: return word_start ? "ya" : "ia";  /* я */
    }
    return NULL;
}

/* One decomposed code point into out; returns the bytes written. */
static size_t fold_char(UChar32 c, char *out, int *native)
{
    int8_t gc = u_charType(c);
    if (gc == U_NON_SPACING_MARK || gc == U_ENCLOSING_MARK || gc == U_COMBINING_SPACING_MARK) {
        /* vowel signs of Devanagari and the like are part of the letter */
        return *native ? cev_utf8_encode((uint32_t)c, out) : 0;
    }
    *native = 0;
    if (gc == U_FORMAT_CHAR || is_apostrophe_like(c) || c == 0x0640)
        return 0;
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    const char *t = translit(c);
    if (t) {
        size_t l = strlen(t);
        memcpy(out, t, l);
        return l;
    }
    if (gc == U_DASH_PUNCTUATION || u_isUWhiteSpace(c)) {
        out[0] = ' ';
        return 1;
    }
    if (gc == U_DECIMAL_DIGIT_NUMBER) {
        out[0] = (char)('0' + u_charDigitValue(c));
        return 1;
    }
    if (u_isalnum(c)) {
        *native = 1;
        return cev_utf8_encode((uint32_t)c, out);
    }
    return 0;
}

/* Fold a non-ASCII piece of a word: NFKC + case folding, then letter by
 * letter: transliterated by table, or decomposed with its marks dropped. */
static int fold_unicode(cev_words *v, const char *s, size_t n, size_t start, size_t end,
                        uint32_t tok, uint16_t flags)
{
    ubuf a, b;
    ubuf_init(&a);
    ubuf_init(&b);
    char *out = NULL;
    int rc = CEV_OK;
    UErrorCode ec = U_ZERO_ERROR;
    if (n > (1u << 24)) {
        rc = CEV_ERR_TOO_LARGE;
        goto done;
    }
    /* UTF-8 -> UTF-16 (invalid bytes become U+FFFD) */
    int32_t ul = 0;
    u_strFromUTF8WithSub(a.p, a.cap, &ul, s, (int32_t)n, 0xFFFD, NULL, &ec);
    if (ec == U_BUFFER_OVERFLOW_ERROR) {
        if (ubuf_reserve(&a, ul + 1)) {
            rc = CEV_ERR_NOMEM;
            goto done;
        }
        ec = U_ZERO_ERROR;
        u_strFromUTF8WithSub(a.p, a.cap, &ul, s, (int32_t)n, 0xFFFD, NULL, &ec);
    }
    if (U_FAILURE(ec)) {
        rc = CEV_ERR_ICU;
        goto done;
    }
    a.len = ul;
    const UNormalizer2 *nfkc_cf = unorm2_getNFKCCasefoldInstance(&ec);
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&ec);
    if (U_FAILURE(ec)) {
        rc = CEV_ERR_ICU;
        goto done;
    }
    if ((rc = normalize_into(nfkc_cf, &a, &b)))
        goto done;
    size_t cap = (size_t)b.len * 8 + 8;
    out = malloc(cap);
    if (!out) {
        rc = CEV_ERR_NOMEM;
        goto done;
    }
    size_t o = 0;
    int32_t i = 0;
    /* the Arabic article written fused: "الرقة" */
    if (b.len >= 4 && b.p[0] == 0x0627 && b.p[1] == 0x0644)
        i = 2;
    int ukr = ukrainian(b.p, b.len);
    int native = 0; /* the last letter was kept in its own script */
    while (i < b.len) {
        UChar32 c;
        int word_start = i == 0 || o == 0 || out[o - 1] == ' ';
        U16_NEXT(b.p, i, b.len, c);
        /* table letters first: Cyrillic "й", "ї" must not lose their marks */
        const char *t = ukr ? ukrainian_letter(c, word_start) : NULL;
        if (!t)
            t = translit(c);
        if (t) {
            size_t l = strlen(t);
            memcpy(out + o, t, l);
            o += l;
            native = 0;
            continue;
        }
        /* then the canonical decomposition: "é" -> "e" + mark */
        UChar dec[32];
        int32_t dn = unorm2_getDecomposition(nfd, c, dec, 32, &ec);
        if (U_FAILURE(ec) || dn < 0) {
            ec = U_ZERO_ERROR;
            dn = 0;
            U16_APPEND_UNSAFE(dec, dn, c);
        }
        for (int32_t k = 0; k < dn;) {
            UChar32 d;
            U16_NEXT(dec, k, dn, d);
            o += fold_char(d, out + o, &native);
        }
    }
    rc = push_folded(v, out, o, start, end, tok, flags);
done:
    free(out);
    ubuf_free(&a);
    ubuf_free(&b);
    return rc;
}

/* ---- tokens ------------------------------------------------------------- */

/* Case flags of the original piece s[a, b). */
static uint16_t case_flags(const char *s, size_t a, size_t b)
{
    int first = 1, upper = 0, lower = 0;
    uint16_t fl = 0;
    for (size_t i = a; i < b;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            i++;
            if (!cev_is_alpha(c))
                continue;
            int up = cev_is_upper(c);
            if (first)
                fl |= CEV_W_CASED | (up ? CEV_W_CAP : 0);
            first = 0;
            upper += up;
            lower += !up;
            continue;
        }
        uint32_t cp;
        size_t n = cev_utf8_decode((const unsigned char *)s, b, i, &cp);
        if (!n) {
            i++;
            continue;
        }
        i += n;
        if (!u_isalpha((UChar32)cp))
            continue;
        int up = u_isupper((UChar32)cp) || u_istitle((UChar32)cp);
        int lo = u_islower((UChar32)cp);
        if (first && (up || lo))
            fl |= CEV_W_CASED | (up ? CEV_W_CAP : 0);
        first = 0;
        upper += up;
        lower += lo;
    }
    if (upper && !lower)
        fl |= CEV_W_ALLCAPS;
    return fl;
}

/* One piece of a token between hyphens: fold and append. */
static int fold_piece(cev_words *v, const char *s, size_t ts, size_t a, size_t b,
                      uint32_t tok)
{
    char small[128];
    size_t n = b - a;
    char *buf = n < sizeof small ? small : malloc(n + 1);
    if (!buf)
        return CEV_ERR_NOMEM;
    /* ASCII (nearly every word of an English article) in one pass */
    size_t o = 0;
    int upper = 0, lower = 0, ascii = 1;
    uint16_t fl = 0;
    for (size_t i = a; i < b; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            ascii = 0;
            break;
        }
        if (cev_is_alpha(c)) {
            int up = cev_is_upper(c);
            if (!upper && !lower)
                fl |= CEV_W_CASED | (up ? CEV_W_CAP : 0);
            upper += up;
            lower += !up;
            buf[o++] = (char)(c | 32);
        } else if (cev_is_digit(c)) {
            buf[o++] = (char)c;
        }
    }
    int rc;
    if (ascii) {
        if (upper && !lower)
            fl |= CEV_W_ALLCAPS;
        rc = push_word(v, buf, o, ts, b, tok, fl);
    } else {
        rc = fold_unicode(v, s + a, b - a, ts, b, tok, case_flags(s, a, b));
    }
    if (buf != small)
        free(buf);
    return rc;
}

/* Length in bytes of an apostrophe (' ’ ‘ ʼ ʻ ` ´ ′) ending right before
 * s[e], not before s[start]; 0 if none. */
static size_t apostrophe_before(const char *s, size_t start, size_t e)
{
    if (e > start && (s[e - 1] == '\'' || s[e - 1] == '`'))
        return 1;
    for (size_t l = 2; l <= 3; l++) {
        if (e < start + l)
            break;
        uint32_t cp;
        size_t n = cev_utf8_decode((const unsigned char *)s, e, e - l, &cp);
        if (n == l && is_apostrophe_like((UChar32)cp))
            return l;
    }
    return 0;
}

int cev_fold_token(cev_words *v, const char *s, size_t start, size_t end,
                   uint32_t tok, uint16_t first_flags)
{
    size_t e = end, first = v->n;
    int poss = 0;
    if (end - start == 1 && s[start] == '&')
        return push_word(v, "and", 3, start, end, tok, CEV_W_TOKSTART | first_flags);
    /* possessive: "Syria's", "George’s", "rebels'", whatever the apostrophe */
    size_t al;
    if (e - start > 2 && (s[e - 1] == 's' || s[e - 1] == 'S') &&
        (al = apostrophe_before(s, start, e - 1)) && e - 1 - al > start) {
        e -= 1 + al;
        poss = 1;
    } else if ((al = apostrophe_before(s, start, e)) && e - al > start) {
        e -= al;
    }
    size_t a = start;
    for (size_t i = start; i <= e; i++) {
        int split = i == e || s[i] == '-' || s[i] == '/';
        /* Unicode dashes in names that were not normalized */
        size_t dl = 0;
        if (!split && i + 3 <= e && (unsigned char)s[i] == 0xE2 &&
            (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] >= 0x90 &&
            (unsigned char)s[i + 2] <= 0x95) {
            split = 1;
            dl = 3;
        }
        if (!split)
            continue;
        if (i > a) {
            int rc = fold_piece(v, s, start, a, i, tok);
            if (rc)
                return rc;
        }
        if (dl)
            i += dl - 1;
        a = i + 1;
    }
    if (v->n == first)
        return CEV_OK;
    v->w[first].flags |= CEV_W_TOKSTART | first_flags;
    if (poss)
        v->w[v->n - 1].flags |= CEV_W_POSS;
    /* the izafe "-e-", "-i-" is an article only inside a word
     * ("Lashkar-e-Taiba"), never "I" or "e" standing alone ("Region I") */
    for (size_t i = first; i < v->n; i++)
        if ((v->w[i].flags & CEV_W_ARTICLE) && v->w[i].klen == 1 &&
            (i == first || i + 1 == v->n))
            v->w[i].flags &= (uint16_t)~CEV_W_ARTICLE;
    /* an article opens a name when joined to it ("al-Raqqa") or standing
     * alone in a form that is not an English word ("Al Raqqah") */
    cev_word *w0 = &v->w[first];
    if ((w0->flags & CEV_W_ARTICLE) &&
        (v->n - first > 1 || is_lead_article(v->pool.data + w0->key, w0->klen)))
        w0->flags |= CEV_W_LEAD_ART;
    return CEV_OK;
}

/* Characters that stay inside a name's piece: letters, digits, marks and
 * the joiners of a word (hyphen, apostrophe, period, slash). */
static int name_char(uint32_t cp)
{
    if (cp < 0x80)
        return cev_is_alpha((int)cp) || cev_is_digit((int)cp) || cp == '-' || cp == '\'' ||
               cp == '.' || cp == '/' || cp == '`';
    if (is_apostrophe_like((UChar32)cp))
        return 1;
    int8_t gc = u_charType((UChar32)cp);
    return u_isalnum((UChar32)cp) || gc == U_NON_SPACING_MARK ||
           gc == U_COMBINING_SPACING_MARK || gc == U_ENCLOSING_MARK ||
           gc == U_DASH_PUNCTUATION || gc == U_MODIFIER_LETTER;
}

int cev_fold_name(cev_words *v, const char *s, size_t len)
{
    size_t i = 0;
    uint32_t tok = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = cev_utf8_decode((const unsigned char *)s, len, i, &cp);
        if (!n) {
            i++;
            continue;
        }
        if (cp == '&') {
            int rc = push_word(v, "and", 3, i, i + 1, tok++, CEV_W_TOKSTART);
            if (rc)
                return rc;
            i++;
            continue;
        }
        if (!name_char(cp)) {
            i += n;
            continue;
        }
        size_t a = i;
        while (i < len) {
            n = cev_utf8_decode((const unsigned char *)s, len, i, &cp);
            /* "1,200" is one number, as the segmenter has it */
            if (n && cp == ',' && i > a && cev_is_digit((unsigned char)s[i - 1]) && i + 1 < len &&
                cev_is_digit((unsigned char)s[i + 1])) {
                i++;
                continue;
            }
            if (!n || !name_char(cp))
                break;
            /* the tokenizer splits glued words; names split alike */
            size_t seg = i;
            while (seg > a && s[seg - 1] != '-' && s[seg - 1] != '\'')
                seg--;
            if (cev_glued_word_break(s, seg, i, len))
                break;
            i += n;
        }
        /* a period ends an abbreviation: "St." -> "st" (handled in folding) */
        int rc = cev_fold_token(v, s, a, i, tok++, 0);
        if (rc)
            return rc;
    }
    return CEV_OK;
}

/* ---- skeleton ------------------------------------------------------------ */

/* y and w are vowels inside a word unless a vowel follows: "Dayr", "Zawr". */
static int vowel_like(const char *w, size_t i, size_t n)
{
    int c = w[i];
    if (is_vowel(c))
        return 1;
    if ((c == 'y' || c == 'w') && i > 0)
        return i + 1 >= n || !is_vowel(w[i + 1]);
    return 0;
}

/* Trim what the skeleton and the distance both ignore. */
static void skel_prep(const char **w, size_t *n, int cut_fused)
{
    const char *p = *w;
    size_t len = *n;
    if (cut_fused && len >= 5 && (p[0] == 'a' || p[0] == 'e') && p[1] == p[2] &&
        strchr("tdrzsn", p[1])) {
        p += 2;
        len -= 2;
    }
    if (len >= 3 && p[len - 1] == 'h' && is_vowel(p[len - 2]))
        len--;
    *w = p;
    *n = len;
}

size_t cev_skeleton(const char *w, size_t n, int cut_fused, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)w[i] >= 0x80) {
            /* not ASCII: the word itself */
            size_t l = n < cap - 1 ? n : cap - 1;
            memcpy(out, w, l);
            out[l] = '\0';
            return l;
        }
    skel_prep(&w, &n, cut_fused);
    char last = 0;
    size_t i = 0;
    while (i < n && o + 1 < cap) {
        char sym;
        if (vowel_like(w, i, n)) {
            sym = o == 0 ? (strchr("aeiy", w[i]) ? 'A' : 'O') : 'V';
            while (i < n && vowel_like(w, i, n))
                i++;
            out[o++] = sym;
            last = sym;
            continue;
        }
        char c = w[i], d = i + 1 < n ? w[i + 1] : 0, e = i + 2 < n ? w[i + 2] : 0;
        size_t adv = 1;
        if ((c == 's' || c == 't') && d == 'c' && e == 'h') {
            sym = 'S';
            adv = 3;
        } else if (d == 'h' && strchr("sckgtdpz", c)) {
            static const char from[] = "sckgtdpz", to[] = "SSxGtdfj";
            sym = to[strchr(from, c) - from];
            adv = 2;
        } else if (c == 'd' && d == 'j') {
            sym = 'j';
            adv = 2;
        } else if (c == 'q' || c == 'c' || c == 'k') {
            sym = 'k';
        } else {
            sym = c;
        }
        i += adv;
        if (sym != last)
            out[o++] = sym;
        last = sym;
    }
    out[o] = '\0';
    return o;
}

static int is_vw(int c) { return is_vowel(c) || c == 'y' || c == 'w'; }

static int is_k(int c) { return c == 'q' || c == 'k' || c == 'c'; }

/* Adding or dropping a vowel, an h or a doubled letter costs half. */
static unsigned indel_cost(const char *w, size_t i)
{
    int c = w[i];
    if (is_vw(c) || c == 'h' || (i > 0 && w[i - 1] == c))
        return 1;
    return 2;
}

/* Vowel sounds a group of vowel letters can stand for: 1 = a, 2 = i, 4 = u.
 * "e" is written for both a and i (Menbij/Manbij, Edlib/Idlib). */
static unsigned vowel_set(const char *w, size_t a, size_t b)
{
    unsigned m = 0;
    for (size_t i = a; i < b; i++)
        switch (w[i]) {
        case 'a': m |= 1; break;
        case 'e': m |= 3; break;
        case 'i': case 'y': m |= 2; break;
        default: m |= 4; break; /* o, u, w */
        }
    return m;
}

/* The vowel groups of two words must sound alike pairwise: "Deir"/"Dayr",
 * "Zor"/"Zawr", but not "Daily"/"Dolow". */
static int vowels_agree(const char *a, size_t an, const char *b, size_t bn)
{
    size_t i = 0, j = 0;
    for (;;) {
        while (i < an && !vowel_like(a, i, an))
            i++;
        while (j < bn && !vowel_like(b, j, bn))
            j++;
        if (i >= an || j >= bn)
            return (i >= an) == (j >= bn);
        size_t i0 = i, j0 = j;
        while (i < an && vowel_like(a, i, an))
            i++;
        while (j < bn && vowel_like(b, j, bn))
            j++;
        if (!(vowel_set(a, i0, i) & vowel_set(b, j0, j)))
            return 0;
    }
}

unsigned cev_skel_dist(const char *a, size_t an, const char *b, size_t bn, int cut_fused,
                       size_t *longer)
{
    skel_prep(&a, &an, cut_fused);
    skel_prep(&b, &bn, cut_fused);
    *longer = an > bn ? an : bn;
    if (an > 63 || bn > 63)
        return an == bn && memcmp(a, b, an) == 0 ? 0 : UINT_MAX;
    if (!vowels_agree(a, an, b, bn))
        return UINT_MAX;
    /* costs in half units: vowels and like consonants cost half */
    unsigned d[64][64];
    for (size_t i = 0; i <= an; i++)
        d[i][0] = i ? d[i - 1][0] + indel_cost(a, i - 1) : 0;
    for (size_t j = 1; j <= bn; j++)
        d[0][j] = d[0][j - 1] + indel_cost(b, j - 1);
    for (size_t i = 1; i <= an; i++)
        for (size_t j = 1; j <= bn; j++) {
            int x = a[i - 1], y = b[j - 1];
            unsigned sub = x == y ? 0 : (is_vw(x) && is_vw(y)) || (is_k(x) && is_k(y)) ? 1 : 2;
            unsigned best = d[i - 1][j - 1] + sub;
            unsigned del = d[i - 1][j] + indel_cost(a, i - 1);
            unsigned ins = d[i][j - 1] + indel_cost(b, j - 1);
            if (del < best)
                best = del;
            if (ins < best)
                best = ins;
            d[i][j] = best;
        }
    return d[an][bn];
}

int cev_skel_close(const char *a, size_t an, const char *b, size_t bn, int cut_fused)
{
    size_t m;
    unsigned d = cev_skel_dist(a, an, b, bn, cut_fused, &m);
    /* at most a third of the longer word, counted in whole edits */
    return d != UINT_MAX && m > 0 && (size_t)d * 100 <= 68 * m;
}

int cev_skel_close_single(const char *a, size_t an, const char *b, size_t bn)
{
    size_t m;
    unsigned d = cev_skel_dist(a, an, b, bn, 0, &m);
    /* one whole edit (two half ones: "Hasakah"/"Hassakeh",
     * "Muhammad"/"Mohammed"), three halves from 9 letters on */
    return d != UINT_MAX && m > 0 && (size_t)d * 100 <= 68 * m && d <= (m >= 9 ? 3u : 2u);
}
