/* loaders.h - the context's insides, and how data files get into it.
 *
 * A load parses a whole file into a batch (new records, aliases to add, the
 * TSV text to keep) without touching the context.  Only when every line
 * is good does cev_batch_commit() reserve all the room it needs and then
 * apply the batch, which cannot fail half way: all or nothing. */
#ifndef CEV_LOADERS_H
#define CEV_LOADERS_H

#include "alias_index.h"
#include "context.h"
#include "keys.h"

/* Record flags. */
enum { CEV_REC_PLACE = 1, CEV_REC_USER = 2 };

struct cev_context {
    cev_err err;
    int frozen;
    cev_rec **recs;          /* by index; the structs live in the arenas */
    uint8_t *rflags;         /* CEV_REC_* */
    size_t n_recs, cap_recs;
    size_t n_entities, n_places;
    cev_idmap ids;           /* id -> record index */
    cev_idmap gn_admin1;     /* GeoNames "CC.code" -> record index */
    cev_aindex ai;
    cev_arena **arenas;      /* one per committed load */
    size_t n_arenas, cap_arenas;
    cev_buf user_rec[2];     /* TSV lines of user records: entities, places */
    struct cev_kept {        /* aliases user files added to existing records */
        uint32_t ref, len;
        const char *text;
        uint8_t note;
    } *kept;
    size_t n_kept, cap_kept;
    cev_buf user_tsv[2];     /* the user TSV as cev_ctx_user_*_tsv return it */
};

/* Records of a context matching `name` (any spelling; `loose`: the
 * skeleton too), best first; at most `max`.  Returns how many. */
size_t cev_ctx_candidates(const cev_context *ctx, const char *name, size_t len, int loose,
                          const cev_rec **out, size_t max);

/* ---- batches --------------------------------------------------------------- */

typedef struct cev_balias {
    uint32_t ref;     /* record: index in the context, or n_recs + batch index */
    uint32_t len;
    const char *text;
    uint8_t note;
    int8_t rule;      /* CEV_RULE_*, or -1: from the text */
    uint8_t kept;     /* an alias added to an existing record, to keep in the user TSV */
} cev_balias;

typedef struct cev_batch {
    cev_context *ctx;
    const char *name;  /* file name for messages */
    int user;          /* keep the TSV text (not built-in data) */
    int imported;      /* GeoNames/Phoenix: drop one-word aliases that are English words */
    cev_arena *arena;  /* strings and records; handed to the context */
    cev_rec **recs;
    uint8_t *rflags;
    size_t n, cap;
    cev_idmap ids;     /* id -> ref of new records */
    cev_balias *al;
    size_t n_al, cap_al;
    cev_buf rec_tsv[2];         /* TSV lines of new user records (entities, places) */
    cev_idmap gn_admin1;        /* GeoNames admin1 codes seen -> ref */
} cev_batch;

int cev_batch_begin(cev_batch *b, cev_context *ctx, const char *name, int user);
void cev_batch_abort(cev_batch *b);
/* Apply the batch and release it (also on failure). */
int cev_batch_commit(cev_batch *b);

/* Fail with "name:line:col: message", CEV_ERR_FORMAT. */
int cev_batch_fail(cev_batch *b, size_t line, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* The ref of a record with this id (context or batch), or CEV_AI_NONE. */
uint32_t cev_batch_find(const cev_batch *b, const char *id, size_t n);
/* The record a ref names (read-only for context records). */
const cev_rec *cev_batch_rec(const cev_batch *b, uint32_t ref);
/* 1 when the ref is a place (a gazetteer record), 0 for an entity. */
int cev_batch_is_place(const cev_batch *b, uint32_t ref);
/* A new record with this id (not yet used: check with cev_batch_find).
 * Returns its ref and *out to fill, or CEV_AI_NONE when out of memory. */
uint32_t cev_batch_new(cev_batch *b, const char *id, size_t n, int is_place, cev_rec **out);
/* Copy a string into the batch (NULL when out of memory). */
char *cev_batch_str(cev_batch *b, const char *s, size_t n);
/* Add an alias of ref (text copied). rule -1: from the text. */
int cev_batch_alias(cev_batch *b, uint32_t ref, const char *text, size_t n, int note, int rule);
/* The same for a record that exists already; from a user file, the alias
 * is kept in the user TSV as a "+ID" line. */
int cev_batch_alias_more(cev_batch *b, uint32_t ref, const char *text, size_t n, int note);
/* Append the TSV line of a new record to the batch's user TSV: the record's
 * columns, then the alias column (caller's text, "-" when empty). */
void cev_batch_tsv_record(cev_batch *b, uint32_t ref, const char *aliases, size_t n);

/* ---- lines and fields ------------------------------------------------------- */

typedef struct cev_lines {
    const char *data;
    size_t len, pos;
    size_t line_no;  /* 1-based number of the current line */
    size_t start;    /* offset of the current line */
    const char *s;   /* the current line, without LF / CRLF */
    size_t n;
    int allow_ctl;   /* let control characters other than NUL through */
} cev_lines;

/* The next line: 1, or 0 at the end, or a CEV_ERR_FORMAT (NUL byte,
 * invalid UTF-8, control character, line over 1 MiB) set on the batch. */
int cev_lines_next(cev_batch *b, cev_lines *it);

#define CEV_MAX_FIELDS 32
typedef struct cev_fields {
    size_t n;
    const char *s[CEV_MAX_FIELDS];
    size_t len[CEV_MAX_FIELDS];
    size_t col[CEV_MAX_FIELDS]; /* 1-based byte column */
} cev_fields;

/* Split a line at tabs (at most CEV_MAX_FIELDS; more are counted in n). */
void cev_split_tabs(const char *s, size_t n, cev_fields *f);

/* Field helpers. */
int cev_field_is(const char *s, size_t n, const char *w);
/* Strict decimal degrees within [-lim, lim]. */
int cev_parse_coord(const char *s, size_t n, double lim, double *out);
/* Non-negative integer of at most 18 digits. */
int cev_parse_count(const char *s, size_t n, int64_t *out);
/* Write a line's field into TSV output: tabs, newlines and controls dropped. */
void cev_tsv_field(cev_buf *out, const char *s, size_t n);
/* The columns of a record but the aliases, each followed by a tab; `plus`
 * writes "+ID". */
void cev_tsv_columns(cev_buf *out, const cev_rec *r, int place, int plus);
/* One alias with its note prefix ("abbr:US"), '|' first unless at a tab. */
void cev_tsv_alias(cev_buf *out, const char *s, size_t n, int note);
/* Lowercase (or uppercase) ASCII slug of s; at most cap-1 bytes. */
size_t cev_slug(const char *s, size_t n, int upper, char sep, char *out, size_t cap);
/* 1 when the one-word alias is a common English word (imported aliases). */
int cev_stopword(const char *key, size_t n);

/* ---- loaders: parse a buffer into a batch ----------------------------------- */

int cev_load_tsv(cev_batch *b, const char *data, size_t len);
int cev_load_geonames(cev_batch *b, const char *data, size_t len);
int cev_load_geonames_admin1(cev_batch *b, const char *data, size_t len);
int cev_load_geonames_countries(cev_batch *b, const char *data, size_t len);
int cev_load_phoenix(cev_batch *b, const char *data, size_t len);

#endif
