/* internal.h - what every module of the library shares: error state on a
 * handle, a growable byte buffer and a string arena.  Not installed. */
#ifndef CEV_INTERNAL_H
#define CEV_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "conflictev.h"

#define CEV_HIDDEN __attribute__((visibility("hidden")))
#define CEV_UNUSED(x) ((void)(x))

/* The last error of a handle: code, one line of text, byte offset or -1. */
typedef struct cev_err {
    int code;
    int64_t offset;
    char msg[512];
} cev_err;

void cev_err_clear(cev_err *e);
/* Set the error and return `code`, so callers write `return cev_err_set(...)`. */
int cev_err_set(cev_err *e, int code, int64_t offset, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Growable byte buffer.  Failure is sticky: check `oom` once at the end. */
typedef struct cev_buf {
    char *data;
    size_t len, cap;
    int oom;
} cev_buf;

void cev_buf_init(cev_buf *b);
void cev_buf_free(cev_buf *b);
int cev_buf_reserve(cev_buf *b, size_t extra);
void cev_buf_put(cev_buf *b, const void *data, size_t len);
void cev_buf_puts(cev_buf *b, const char *s);
void cev_buf_putc(cev_buf *b, char c);
void cev_buf_printf(cev_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append `s` as a JSON string literal, quotes included. */
void cev_buf_json_str(cev_buf *b, const char *s);
/* Detach the NUL-terminated contents (caller frees with free()). */
char *cev_buf_detach(cev_buf *b);

/* Arena: many small allocations freed at once (event strings). */
typedef struct cev_arena cev_arena;
cev_arena *cev_arena_new(void);
void cev_arena_free(cev_arena *a);
void *cev_arena_alloc(cev_arena *a, size_t size); /* zeroed, 16-aligned */
char *cev_arena_strndup(cev_arena *a, const char *s, size_t n);
char *cev_arena_strdup(cev_arena *a, const char *s); /* NULL -> NULL */

/* ASCII helpers (locale-independent). */
static inline int cev_is_digit(int c) { return c >= '0' && c <= '9'; }
static inline int cev_is_alpha(int c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }
static inline int cev_is_upper(int c) { return c >= 'A' && c <= 'Z'; }
static inline int cev_is_space(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
static inline int cev_to_lower(int c) { return cev_is_upper(c) ? c + 32 : c; }
/* Case-insensitive ASCII compare of n bytes. */
int cev_strncaseeq(const char *a, const char *b, size_t n);
char *cev_strdup(const char *s);
char *cev_strndup(const char *s, size_t n);

/* A glued word boundary at s[i] ("CeasefireFighting", "AleppoNearly": a
 * caption or link run into the next line by a web scrape): at least four
 * ASCII letters since `start`, the last lower case, then an upper-case
 * letter followed by two lower-case ones.  Shared by the tokenizer and the
 * alias keys, so that names and text split alike. */
int cev_glued_word_break(const char *s, size_t start, size_t i, size_t end);

/* Calendar days: yyyymmdd <-> days since 1970-01-01 (proleptic Gregorian). */
int64_t cev_days_from_ymd(int y, int m, int d);
int32_t cev_ymd_from_days(int64_t days);
/* yyyymmdd plus n days. */
int32_t cev_ymd_add_days(int32_t ymd, int64_t n);
int cev_days_in_month(int y, int m);
/* 0 = Monday .. 6 = Sunday */
int cev_weekday(int64_t days);
/* Parse "YYYY-MM-DD" strictly into yyyymmdd; CEV_ERR_DATE if bad. */
int cev_parse_iso_date(const char *s, int32_t *out);
/* Format yyyymmdd as "YYYY-MM-DD" into buf[11]. */
void cev_format_ymd(int32_t ymd, char buf[11]);

#endif
