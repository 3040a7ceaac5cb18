/* util.c - byte buffer, arena, ASCII and calendar helpers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* ---- buffer ------------------------------------------------------------ */

void cev_buf_init(cev_buf *b) { memset(b, 0, sizeof *b); }

void cev_buf_free(cev_buf *b)
{
    free(b->data);
    cev_buf_init(b);
}

int cev_buf_reserve(cev_buf *b, size_t extra)
{
    if (b->oom)
        return -1;
    if (extra > SIZE_MAX - b->len - 1) {
        b->oom = 1;
        return -1;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = realloc(b->data, cap);
    if (!p) {
        b->oom = 1;
        return -1;
    }
    b->data = p;
    b->cap = cap;
    return 0;
}

void cev_buf_put(cev_buf *b, const void *data, size_t len)
{
    if (cev_buf_reserve(b, len))
        return;
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
}

void cev_buf_puts(cev_buf *b, const char *s) { cev_buf_put(b, s, strlen(s)); }

void cev_buf_putc(cev_buf *b, char c) { cev_buf_put(b, &c, 1); }

void cev_buf_printf(cev_buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->oom = 1;
        return;
    }
    if ((size_t)n < sizeof small) {
        cev_buf_put(b, small, (size_t)n);
        return;
    }
    if (cev_buf_reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void cev_buf_json_str(cev_buf *b, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    cev_buf_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        unsigned char c = *p;
        if (c == '"' || c == '\\') {
            cev_buf_putc(b, '\\');
            cev_buf_putc(b, (char)c);
        } else if (c == '\n') {
            cev_buf_puts(b, "\\n");
        } else if (c == '\t') {
            cev_buf_puts(b, "\\t");
        } else if (c == '\r') {
            cev_buf_puts(b, "\\r");
        } else if (c < 0x20 || c == 0x7f) {
            char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            cev_buf_put(b, esc, 6);
        } else {
            cev_buf_putc(b, (char)c);
        }
    }
    cev_buf_putc(b, '"');
}

char *cev_buf_detach(cev_buf *b)
{
    if (b->oom) {
        cev_buf_free(b);
        return NULL;
    }
    if (!b->data && cev_buf_reserve(b, 0))
        return NULL;
    b->data[b->len] = '\0'; /* reserved but never written: still a string */
    char *p = b->data;
    cev_buf_init(b);
    return p;
}

/* ---- arena ------------------------------------------------------------- */

typedef struct arena_block {
    struct arena_block *next;
    size_t used, cap;
    _Alignas(16) unsigned char data[];
} arena_block;

struct cev_arena {
    arena_block *head;
};

cev_arena *cev_arena_new(void) { return calloc(1, sizeof(cev_arena)); }

void cev_arena_free(cev_arena *a)
{
    if (!a)
        return;
    arena_block *b = a->head;
    while (b) {
        arena_block *n = b->next;
        free(b);
        b = n;
    }
    free(a);
}

void *cev_arena_alloc(cev_arena *a, size_t size)
{
    if (size > SIZE_MAX - 64)
        return NULL;
    size = (size + 15) & ~(size_t)15;
    arena_block *b = a->head;
    if (!b || b->cap - b->used < size) {
        size_t cap = size > 16384 ? size : 16384;
        b = malloc(sizeof(arena_block) + cap);
        if (!b)
            return NULL;
        b->used = 0;
        b->cap = cap;
        b->next = a->head;
        a->head = b;
    }
    void *p = b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

char *cev_arena_strndup(cev_arena *a, const char *s, size_t n)
{
    char *p = cev_arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *cev_arena_strdup(cev_arena *a, const char *s)
{
    return s ? cev_arena_strndup(a, s, strlen(s)) : NULL;
}

/* ---- strings ----------------------------------------------------------- */

int cev_strncaseeq(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (cev_to_lower((unsigned char)a[i]) != cev_to_lower((unsigned char)b[i]))
            return 0;
    return 1;
}

char *cev_strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *cev_strdup(const char *s) { return s ? cev_strndup(s, strlen(s)) : NULL; }

/* ---- calendar (Howard Hinnant's days-from-civil algorithm) ---------------- */

int64_t cev_days_from_ymd(int y, int m, int d)
{
    int64_t yy = y - (m <= 2);
    int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
    int64_t yoe = yy - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int32_t cev_ymd_from_days(int64_t z)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp < 10 ? mp + 3 : mp - 9;
    y += (m <= 2);
    return (int32_t)(y * 10000 + m * 100 + d);
}

int cev_glued_word_break(const char *s, size_t start, size_t i, size_t end)
{
    if (i < start + 4 || i + 2 >= end)
        return 0;
    for (size_t k = start; k < i; k++)
        if (!cev_is_alpha((unsigned char)s[k]))
            return 0;
    return s[i - 1] >= 'a' && s[i - 1] <= 'z' && s[i] >= 'A' && s[i] <= 'Z' &&
           s[i + 1] >= 'a' && s[i + 1] <= 'z' && s[i + 2] >= 'a' && s[i + 2] <= 'z';
}

int32_t cev_ymd_add_days(int32_t ymd, int64_t n)
{
    return cev_ymd_from_days(cev_days_from_ymd(ymd / 10000, ymd / 100 % 100, ymd % 100) + n);
}

int cev_days_in_month(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dm[m - 1];
}

int cev_weekday(int64_t days)
{
    /* 1970-01-01 was a Thursday (3 when Monday is 0). */
    int64_t w = (days + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

int cev_parse_iso_date(const char *s, int32_t *out)
{
    if (!s)
        return CEV_ERR_DATE;
    for (int i = 0; i < 10; i++) {
        if (i == 4 || i == 7) {
            if (s[i] != '-')
                return CEV_ERR_DATE;
        } else if (!cev_is_digit((unsigned char)s[i])) {
            return CEV_ERR_DATE;
        }
    }
    if (s[10] != '\0')
        return CEV_ERR_DATE;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    if (m < 1 || m > 12 || d < 1 || d > cev_days_in_month(y, m))
        return CEV_ERR_DATE;
    *out = y * 10000 + m * 100 + d;
    return CEV_OK;
}

void cev_format_ymd(int32_t ymd, char buf[11])
{
    unsigned y = (unsigned)(ymd / 10000) % 10000u, m = (unsigned)(ymd / 100) % 100u,
             d = (unsigned)ymd % 100u;
    buf[0] = (char)('0' + y / 1000);
    buf[1] = (char)('0' + y / 100 % 10);
    buf[2] = (char)('0' + y / 10 % 10);
    buf[3] = (char)('0' + y % 10);
    buf[4] = '-';
    buf[5] = (char)('0' + m / 10);
    buf[6] = (char)('0' + m % 10);
    buf[7] = '-';
    buf[8] = (char)('0' + d / 10);
    buf[9] = (char)('0' + d % 10);
    buf[10] = '\0';
}
