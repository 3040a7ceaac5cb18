/*
 * conflictev.h - libconflictev public API.
 *
 * libconflictev turns news articles about armed conflict into typed, geocoded,
 * deduplicated event records: who did what to whom, where, when, how many were
 * killed and injured, according to whom, and in which sentence.
 *
 * This is the only header a program includes.  Every exported name starts with
 * cev_ or CEV_.  The header is the specification: each function's ownership,
 * error and threading rules are written next to it.
 *
 * ---------------------------------------------------------------------------
 * Conventions
 *
 *  - Functions that can fail return an int: CEV_OK (0) or a negative
 *    cev_error code.  Out-parameters come first.  On failure an out-pointer is
 *    set to NULL.
 *  - Every object made by cev_X_new()/cev_X_open() is released by
 *    cev_X_free()/cev_X_close(); all of these accept NULL.
 *  - `const char *` arguments are borrowed: the library copies what it keeps.
 *    Strings the library returns inside a struct live as long as the object
 *    that holds them (the cev_result, the cev_context) unless said otherwise.
 *    Strings returned through `char **out` belong to the caller and are
 *    released with cev_free().
 *  - All text is UTF-8.  Byte offsets always point into the caller's original
 *    input bytes, whatever normalization happened in between.
 *  - The library never prints, never exits and never aborts on bad input.
 *
 * Thread contract
 *
 *  - cev_context: built by one thread (cev_context_new, cev_context_load_*).
 *    Once the first parser is made from it, the context is frozen: it is
 *    read-only and may be shared by any number of threads and parsers.
 *    Loading more data into a frozen context fails with CEV_ERR_MISUSE.
 *    Free it after every parser made from it.
 *  - cev_parser, cev_store: one thread at a time.  Different parsers and
 *    stores may be used concurrently from different threads.  Each keeps its
 *    own last error.
 *  - cev_result: read-only once returned; may be read from any thread.
 *  - Functions taking no handle (cev_strerror, cev_version_*, cev_free,
 *    cev_event_type_name, cev_event_to_json, ...) are thread-safe.
 * ---------------------------------------------------------------------------
 */
#ifndef CONFLICTEV_H
#define CONFLICTEV_H

#include <stddef.h>
#include <stdint.h>

#include "conflictev_version.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(CEV_STATIC)
#define CEV_API
#elif defined(_WIN32)
#if defined(CEV_BUILDING)
#define CEV_API __declspec(dllexport)
#else
#define CEV_API __declspec(dllimport)
#endif
#elif defined(__GNUC__)
#define CEV_API __attribute__((visibility("default")))
#else
#define CEV_API
#endif

/* ===== Version ========================================================== */

/* Version of the library actually linked, e.g. "0.1.0". Static string. */
CEV_API const char *cev_version_string(void);
/* The same as a number: major * 10000 + minor * 100 + patch. */
CEV_API int cev_version_number(void);

/* ===== Errors =========================================================== */

/* One list, one place: X(name, code, message).  Codes are never renumbered. */
#define CEV_ERROR_LIST(X)                                                        \
    X(CEV_OK, 0, "success")                                                      \
    X(CEV_ERR_NOMEM, -1, "out of memory")                                        \
    X(CEV_ERR_INVALID, -2, "invalid argument")                                   \
    X(CEV_ERR_MISUSE, -3, "library used out of order")                           \
    X(CEV_ERR_UTF8, -4, "invalid UTF-8")                                         \
    X(CEV_ERR_NUL, -5, "NUL byte in text")                                       \
    X(CEV_ERR_TOO_LARGE, -6, "input too large")                                  \
    X(CEV_ERR_EMPTY, -7, "empty input")                                          \
    X(CEV_ERR_ICU, -8, "ICU failure")                                            \
    X(CEV_ERR_IO, -9, "I/O error")                                               \
    X(CEV_ERR_FORMAT, -10, "malformed data file")                                \
    X(CEV_ERR_NOT_FOUND, -11, "not found")                                       \
    X(CEV_ERR_DATE, -12, "invalid date")                                         \
    X(CEV_ERR_DB, -13, "database error")                                         \
    X(CEV_ERR_DB_CORRUPT, -14, "database file is corrupt or not a database")     \
    X(CEV_ERR_DB_BUSY, -15, "database is locked")                                \
    X(CEV_ERR_DB_VERSION, -16, "database schema is newer than this library")     \
    X(CEV_ERR_READONLY, -17, "database is read-only")                            \
    X(CEV_ERR_FULL, -18, "disk or database full")                                \
    X(CEV_ERR_BINARY, -19, "input looks like binary data, not text")             \
    X(CEV_ERR_INTERNAL, -20, "internal error")

typedef enum cev_error {
#define CEV_X_ENUM(name, code, msg) name = code,
    CEV_ERROR_LIST(CEV_X_ENUM)
#undef CEV_X_ENUM
} cev_error;

/* Static, never-NULL English text for an error code ("unknown error" for
 * codes not in the list). */
CEV_API const char *cev_strerror(int code);
/* Static name of an error code, e.g. "CEV_ERR_UTF8"; NULL if unknown. */
CEV_API const char *cev_error_name(int code);

/* Release memory the library handed to the caller through `char **out`. */
CEV_API void cev_free(void *ptr);

/* ===== Event records ==================================================== */

#define CEV_EVENT_TYPE_LIST(X)                                                   \
    X(CEV_EV_OTHER, 0, "other")                                                  \
    X(CEV_EV_AIR_STRIKE, 1, "air_strike")                                        \
    X(CEV_EV_SHELLING, 2, "shelling")                                            \
    X(CEV_EV_BOMBING, 3, "bombing")                                              \
    X(CEV_EV_CHEMICAL_ATTACK, 4, "chemical_attack")                              \
    X(CEV_EV_ARMED_CLASH, 5, "armed_clash")                                      \
    X(CEV_EV_ATTACK, 6, "attack")                                                \
    X(CEV_EV_TERRITORY_CHANGE, 7, "territory_change")                            \
    X(CEV_EV_ABDUCTION, 8, "abduction")                                          \
    X(CEV_EV_STATEMENT, 9, "statement")                                          \
    X(CEV_EV_AGREEMENT, 10, "agreement")                                         \
    X(CEV_EV_MEETING, 11, "meeting")                                             \
    X(CEV_EV_PROTEST, 12, "protest")                                             \
    X(CEV_EV_ARREST, 13, "arrest")

typedef enum cev_event_type {
#define CEV_X_ENUM(name, code, str) name = code,
    CEV_EVENT_TYPE_LIST(CEV_X_ENUM)
#undef CEV_X_ENUM
    CEV_EV__COUNT
} cev_event_type;

/* "air_strike", ...; NULL for an unknown value. */
CEV_API const char *cev_event_type_name(int type);
/* Inverse of cev_event_type_name; -1 if the name is unknown. */
CEV_API int cev_event_type_from_name(const char *name);
/* 1 for the violent types (air_strike .. abduction), else 0. */
CEV_API int cev_event_type_is_violent(int type);

/* What kind of thing an entity or place is. */
#define CEV_KIND_LIST(X)                                                         \
    X(CEV_KIND_UNKNOWN, 0, "unknown")                                            \
    X(CEV_KIND_COUNTRY, 1, "country")                                            \
    X(CEV_KIND_GOVERNMENT, 2, "government")                                      \
    X(CEV_KIND_MILITARY, 3, "military")                                          \
    X(CEV_KIND_POLICE, 4, "police")                                              \
    X(CEV_KIND_ARMED_GROUP, 5, "armed_group")                                    \
    X(CEV_KIND_MILITIA, 6, "militia")                                            \
    X(CEV_KIND_ORGANIZATION, 7, "organization")                                  \
    X(CEV_KIND_PERSON, 8, "person")                                              \
    X(CEV_KIND_CIVILIANS, 9, "civilians")                                        \
    X(CEV_KIND_SOURCE, 10, "source")                                             \
    X(CEV_KIND_ADMIN1, 11, "admin1")                                             \
    X(CEV_KIND_ADMIN2, 12, "admin2")                                             \
    X(CEV_KIND_CITY, 13, "city")                                                 \
    X(CEV_KIND_TOWN, 14, "town")                                                 \
    X(CEV_KIND_VILLAGE, 15, "village")                                           \
    X(CEV_KIND_NEIGHBOURHOOD, 16, "neighbourhood")                               \
    X(CEV_KIND_LANDMARK, 17, "landmark")                                         \
    X(CEV_KIND_BORDER_AREA, 18, "border_area")                                   \
    X(CEV_KIND_REGION, 19, "region")

typedef enum cev_kind {
#define CEV_X_ENUM(name, code, str) name = code,
    CEV_KIND_LIST(CEV_X_ENUM)
#undef CEV_X_ENUM
    CEV_KIND__COUNT
} cev_kind;

CEV_API const char *cev_kind_name(int kind);
CEV_API int cev_kind_from_name(const char *name);
/* 1 for place kinds (country counts as both: it is an actor and a place). */
CEV_API int cev_kind_is_place(int kind);

/* How exact a date or a location is. */
typedef enum cev_date_precision {
    CEV_DATE_NONE = 0,
    CEV_DATE_DAY = 1,   /* one calendar day */
    CEV_DATE_RANGE = 2, /* a span of days: "last week", "mid-May" */
    CEV_DATE_MONTH = 3,
    CEV_DATE_YEAR = 4
} cev_date_precision;

typedef enum cev_geo_precision {
    CEV_GEO_NONE = 0,
    CEV_GEO_POINT = 1,         /* neighbourhood, landmark, street */
    CEV_GEO_CITY = 2,          /* city, town, village */
    CEV_GEO_ADMIN2 = 3,
    CEV_GEO_ADMIN1 = 4,
    CEV_GEO_COUNTRY = 5
} cev_geo_precision;

CEV_API const char *cev_date_precision_name(int precision);
CEV_API const char *cev_geo_precision_name(int precision);

/* A byte span [start, end) in the original article bytes. */
typedef struct cev_span {
    uint64_t start;
    uint64_t end;
} cev_span;

/* An actor, target or source.  Absent when `text` is NULL.  `id` and `name`
 * are NULL when the words were not found in the alias table. */
typedef struct cev_actor {
    const char *id;      /* alias-table id, e.g. "USA", "ISIL" */
    const char *name;    /* canonical name, e.g. "United States" */
    const char *text;    /* the words as written in the article */
    const char *country; /* ISO 3166-1 alpha-2, or NULL */
    int32_t kind;        /* cev_kind */
    int32_t reserved;
} cev_actor;

/* Where: a place from the gazetteer.  Absent when `text` is NULL. */
typedef struct cev_location {
    const char *id;      /* gazetteer id, e.g. "SY:raqqa" */
    const char *name;    /* canonical name */
    const char *admin1;  /* name of the first-level unit, or NULL */
    const char *country; /* ISO 3166-1 alpha-2, or NULL */
    const char *text;    /* the words as written */
    double lat, lon;     /* valid when has_coords is 1 */
    int32_t has_coords;
    int32_t precision;   /* cev_geo_precision */
    int32_t kind;        /* cev_kind */
    int32_t reserved;
} cev_location;

/* When: a range of calendar days, inclusive, as yyyymmdd integers
 * (20170610).  Absent when precision is CEV_DATE_NONE. */
typedef struct cev_date {
    int32_t start;
    int32_t end;
    int32_t precision; /* cev_date_precision */
    int32_t reserved;
    const char *text;  /* the words as written, or NULL when inferred */
} cev_date;

/* How many: a range.  Absent when text is NULL.  max is -1 when open
 * ("at least 50"); min and max are equal for an exact figure. */
typedef struct cev_count {
    int64_t min;
    int64_t max;
    const char *text;
} cev_count;

/* According to whom. Absent when text is NULL. */
typedef struct cev_source {
    const char *id;   /* alias-table id when known */
    const char *name; /* canonical name or the attribution as written */
    const char *text; /* the attribution as written */
} cev_source;

/* One event.  Owned by the cev_result it came from; read-only.  Fields are
 * only ever appended at the end in later versions. */
typedef struct cev_event {
    int32_t type; /* cev_event_type */
    int32_t reserved0;
    cev_actor actor;
    cev_actor target;
    cev_location location;
    cev_date date;
    cev_count killed;
    cev_count injured;
    cev_count abducted;
    cev_source source;
    cev_span span;          /* the main reporting sentence */
    const cev_span *spans;  /* every sentence reporting it (span first) */
    size_t n_spans;
    const char *sentence;   /* text of the main sentence (normalized) */
    const char *trigger;    /* the word(s) that signalled the event */
    const char *article_id; /* the article's id, or NULL */
    double confidence;      /* 0..1 */
} cev_event;

/* A list of events: the result of parsing an article or of a query. */
typedef struct cev_result cev_result;

CEV_API size_t cev_result_count(const cev_result *r);
/* The i-th event, or NULL when i is out of range. */
CEV_API const cev_event *cev_result_event(const cev_result *r, size_t i);
CEV_API void cev_result_free(cev_result *r);

/* One event as a JSON object in the format of docs/json.md (no newline).
 * *out belongs to the caller (cev_free). */
CEV_API int cev_event_to_json(char **out, const cev_event *ev);

/* ===== Context: alias table and gazetteer =============================== */

typedef struct cev_context cev_context;

/* Flags for cev_context_new. */
#define CEV_CONTEXT_NO_BUILTIN 0x1u /* start with empty tables */

/* Make a context holding the built-in alias table and gazetteer.  On failure
 * *out is still set when a context could be made, so that cev_context_errmsg
 * can say which file and line was bad; free it either way. */
CEV_API int cev_context_new(cev_context **out, unsigned flags);
CEV_API void cev_context_free(cev_context *ctx);

/* The last error of a context call (setup is single-threaded). */
CEV_API const char *cev_context_errmsg(const cev_context *ctx);

typedef enum cev_data_format {
    CEV_FORMAT_TSV = 1,               /* docs/data-format.md */
    CEV_FORMAT_GEONAMES = 2,          /* cities*.txt, allCountries.txt */
    CEV_FORMAT_GEONAMES_ADMIN1 = 3,   /* admin1CodesASCII.txt */
    CEV_FORMAT_GEONAMES_COUNTRIES = 4,/* countryInfo.txt */
    CEV_FORMAT_PHOENIX = 5            /* PETRARCH/Phoenix .actors */
} cev_data_format;

/* Add the records of a file to the context.  All or nothing: on a malformed
 * file nothing is added and the message names file, line and column.
 * Fails with CEV_ERR_MISUSE once the context is frozen; that refusal leaves
 * the context untouched, its error message included, since other threads may
 * be reading it. */
CEV_API int cev_context_load_file(cev_context *ctx, const char *path, int format);
/* The same from memory; `name` is used in error messages. */
CEV_API int cev_context_load_buffer(cev_context *ctx, const char *data, size_t len,
                                    int format, const char *name);

/* One alias-table record. Strings live as long as the context. */
typedef struct cev_entry {
    const char *id;
    const char *name;
    const char *country;     /* ISO alpha-2 or NULL */
    const char *admin1;      /* places: name of the admin1 unit, or NULL */
    const char *affiliation; /* entities: id of the aligned entity, or NULL */
    int32_t kind;            /* cev_kind */
    int32_t has_coords;
    double lat, lon;
    int64_t population;      /* -1 when unknown */
    int32_t valid_from;      /* yyyymmdd or 0 */
    int32_t valid_to;        /* yyyymmdd or 0 */
} cev_entry;

/* Look a name up (any spelling).  Fills *out with the best record: places
 * with larger population first for ambiguous names unless `country` (ISO
 * alpha-2, may be NULL) says where the story is. Returns CEV_ERR_NOT_FOUND
 * when nothing matches.  Thread-safe on a frozen context. */
CEV_API int cev_context_lookup(const cev_context *ctx, const char *name,
                               const char *country, cev_entry *out);
/* The record with this exact id. */
CEV_API int cev_context_get(const cev_context *ctx, const char *id, cev_entry *out);
/* Numbers of entities, places and aliases held. */
CEV_API void cev_context_stats(const cev_context *ctx, size_t *n_entities,
                               size_t *n_places, size_t *n_aliases);

/* ===== Parser =========================================================== */

typedef struct cev_parser cev_parser;

/* Options, set by numbered key so adding one never changes a struct. */
typedef enum cev_option {
    /* 1: replace invalid UTF-8 with U+FFFD and go on; 0 (default): reject. */
    CEV_OPT_REPAIR_UTF8 = 1,
    /* Largest article in bytes (default 64 MiB). */
    CEV_OPT_MAX_INPUT = 2,
    /* 1 (default): also report statements, meetings, arrests, ...;
     * 0: violent events only. */
    CEV_OPT_NONVIOLENT = 3,
    /* Minimum confidence in thousandths (default 0). */
    CEV_OPT_MIN_CONFIDENCE = 4
} cev_option;

/* Make a parser using `ctx` (which becomes frozen). The context must outlive
 * the parser. */
CEV_API int cev_parser_new(cev_parser **out, cev_context *ctx);
CEV_API void cev_parser_free(cev_parser *p);
CEV_API int cev_parser_set_int(cev_parser *p, int option, int64_t value);
CEV_API int cev_parser_get_int(const cev_parser *p, int option, int64_t *value);

/* Last error on this parser: code, one-line message, and the byte offset in
 * the article where it was found (-1 when not about a position). */
CEV_API int cev_parser_errcode(const cev_parser *p);
CEV_API const char *cev_parser_errmsg(const cev_parser *p);
CEV_API int64_t cev_parser_error_offset(const cev_parser *p);

/* An article to parse.  Initialize with CEV_ARTICLE_INIT. */
typedef struct cev_article {
    unsigned int version;  /* CEV_ARTICLE_VERSION */
    const char *text;      /* UTF-8 bytes, borrowed for the call */
    size_t len;
    const char *id;        /* caller's id, copied into events; may be NULL */
    const char *published; /* "YYYY-MM-DD" or NULL when unknown */
    const char *outlet;    /* may be NULL */
    const char *url;       /* may be NULL */
} cev_article;

#define CEV_ARTICLE_VERSION 1
#define CEV_ARTICLE_INIT {CEV_ARTICLE_VERSION, NULL, 0, NULL, NULL, NULL, NULL}

/* Extract the events of one article.  *out belongs to the caller
 * (cev_result_free), holds zero or more events in text order, and stays
 * valid after the parser is freed. */
CEV_API int cev_parse(cev_result **out, cev_parser *p, const cev_article *article);

/* ===== Text layer (exposed for tools and tests) ======================== */

/* Check that `text` is valid UTF-8 without NUL bytes. Returns CEV_OK, or
 * CEV_ERR_UTF8 / CEV_ERR_NUL with *bad_offset set to the first bad byte. */
CEV_API int cev_utf8_validate(const char *text, size_t len, size_t *bad_offset);

/* A segmented, normalized article. */
typedef struct cev_document cev_document;

typedef enum cev_block_kind {
    CEV_BLOCK_BODY = 0,     /* article prose */
    CEV_BLOCK_HEADLINE = 1,
    CEV_BLOCK_DATELINE = 2, /* dates, bylines, source lines */
    CEV_BLOCK_CAPTION = 3,
    CEV_BLOCK_BOILERPLATE = 4, /* menus, share buttons, "Related posts" */
    CEV_BLOCK_COMMENT = 5      /* reader comments */
} cev_block_kind;

CEV_API const char *cev_block_kind_name(int kind);

/* Normalize and segment `text` (with the parser's options).  *out belongs to
 * the caller (cev_document_free). */
CEV_API int cev_document_new(cev_document **out, cev_parser *p, const char *text,
                             size_t len);
CEV_API void cev_document_free(cev_document *doc);
/* Normalized text (NUL-terminated) and its length in bytes. */
CEV_API const char *cev_document_text(const cev_document *doc, size_t *len);
/* Original byte offset of a normalized byte offset (0..len). */
CEV_API uint64_t cev_document_source_offset(const cev_document *doc, size_t norm_off);

typedef struct cev_segment {
    cev_span src;       /* original bytes */
    size_t norm_start;  /* normalized text */
    size_t norm_end;
    int32_t kind;       /* blocks: cev_block_kind; sentences: their block's */
    int32_t story;      /* index of the story it belongs to */
} cev_segment;

CEV_API size_t cev_document_block_count(const cev_document *doc);
CEV_API size_t cev_document_sentence_count(const cev_document *doc);
CEV_API size_t cev_document_token_count(const cev_document *doc);
CEV_API int cev_document_block(const cev_document *doc, size_t i, cev_segment *out);
CEV_API int cev_document_sentence(const cev_document *doc, size_t i, cev_segment *out);
CEV_API int cev_document_token(const cev_document *doc, size_t i, cev_segment *out);

/* A name of the alias table found in a document: an actor reading (an
 * entity, or a generic force or victim noun such as "gunmen" or "civilians"),
 * a place reading, or both ("Syria"). */
typedef struct cev_doc_name {
    cev_span src;          /* original bytes */
    size_t norm_start;     /* normalized text */
    size_t norm_end;
    size_t sentence;       /* index of its sentence (cev_document_sentence) */
    int32_t has_actor;
    int32_t has_place;
    cev_entry actor;       /* when has_actor */
    cev_entry place;       /* when has_place */
} cev_doc_name;

/* The names of the alias table in every sentence of `doc`, in text order,
 * found as the extractor finds them: the longest alias, its case rules
 * ("IS" and "US" are not "is" and "us"), noun phrases around force nouns
 * ("Turkish forces"); among places of one name, the one in the country the
 * sentence names, else the most populous.  *out belongs to the caller
 * (cev_free; NULL when none); its strings live as long as the parser's
 * context.  Sentences of every block kind are included: filter on the
 * sentence's kind to keep only prose. */
CEV_API int cev_document_names(cev_doc_name **out, size_t *count, cev_parser *p,
                               const cev_document *doc);

/* ===== Store (SQLite) =================================================== */

typedef struct cev_store cev_store;

#define CEV_STORE_READONLY 0x1u
#define CEV_STORE_NO_CREATE 0x2u

/* Open (creating and migrating as needed) the database at `path`.  On
 * failure *out is still set when a handle could be made, so that
 * cev_store_errmsg can tell why; close it either way. */
CEV_API int cev_store_open(cev_store **out, const char *path, unsigned flags);
CEV_API void cev_store_close(cev_store *st);
CEV_API const char *cev_store_errmsg(const cev_store *st);
CEV_API int cev_store_errcode(const cev_store *st);
/* Schema version of the open database (PRAGMA user_version). */
CEV_API int cev_store_schema_version(const cev_store *st);

/* Store an article and its events in one transaction and merge them into
 * incidents.  Storing the same content again changes nothing and sets
 * *added to 0 (added may be NULL). */
CEV_API int cev_store_add(cev_store *st, const cev_article *article,
                          const cev_result *events, int *added);
/* Bulk loading: between these calls every cev_store_add runs in one shared
 * transaction (much faster for many small articles).  An error inside the
 * batch rolls all of it back; later adds fail until cev_store_end_batch,
 * which reports it.  commit = 0 discards the batch. */
CEV_API int cev_store_begin_batch(cev_store *st);
CEV_API int cev_store_end_batch(cev_store *st, int commit);

/* Delete an article, its events, and update its incidents. */
CEV_API int cev_store_delete_article(cev_store *st, const char *article_id);

/* Query filters. Initialize with CEV_QUERY_INIT; unset fields filter nothing. */
typedef struct cev_query {
    unsigned int version;
    int32_t date_from, date_to; /* yyyymmdd, 0 = open */
    int32_t type;               /* cev_event_type, -1 = any */
    const char *actor;          /* id or name */
    const char *target;
    const char *place;          /* place id or name */
    const char *admin1;
    const char *country;        /* ISO alpha-2 */
    int32_t has_bbox;
    double min_lat, min_lon, max_lat, max_lon;
    int64_t min_killed;         /* -1 = any */
    const char *article_id;
    int64_t limit;              /* 0 = no limit */
} cev_query;

#define CEV_QUERY_VERSION 1
#define CEV_QUERY_INIT                                                           \
    {CEV_QUERY_VERSION, 0, 0, -1, NULL, NULL, NULL, NULL, NULL, 0,               \
     0, 0, 0, 0, -1, NULL, 0}

CEV_API int cev_store_query(cev_result **out, cev_store *st, const cev_query *q);

/* Counts for timelines and maps: events and killed summed per day or per
 * place, over event reports (an incident reported by three articles counts
 * three times; use cev_store_export_incidents for one row per incident). */
typedef enum cev_group_by { CEV_GROUP_DAY = 1, CEV_GROUP_PLACE = 2 } cev_group_by;

typedef struct cev_bucket {
    const char *key; /* "YYYY-MM-DD" or place name */
    int64_t events;
    int64_t killed;
} cev_bucket;

typedef struct cev_buckets cev_buckets;
CEV_API int cev_store_count(cev_buckets **out, cev_store *st, const cev_query *q,
                            int group_by);
CEV_API size_t cev_buckets_count(const cev_buckets *b);
CEV_API const cev_bucket *cev_buckets_get(const cev_buckets *b, size_t i);
CEV_API void cev_buckets_free(cev_buckets *b);

/* Output sink for exports: return 0 to go on, non-zero to stop. */
typedef int (*cev_write_fn)(void *userdata, const char *data, size_t len);

typedef enum cev_export_format {
    CEV_EXPORT_JSONL = 1,
    CEV_EXPORT_CSV = 2,   /* ACLED/UCDP-style columns, header row */
    CEV_EXPORT_GEOJSON = 3
} cev_export_format;

/* Write the events matching q. */
CEV_API int cev_store_export(cev_store *st, const cev_query *q, int format,
                             cev_write_fn write, void *userdata);
/* Write the incidents whose events match q, with their reports and article
 * ids (a report no other report joined is an incident of its own, with its
 * event id). JSONL or CSV. */
CEV_API int cev_store_export_incidents(cev_store *st, const cev_query *q, int format,
                                       cev_write_fn write, void *userdata);

/* Keep the context's user-loaded aliases in the database, and load the
 * database's aliases into a (not yet frozen) context. */
CEV_API int cev_store_save_aliases(cev_store *st, const cev_context *ctx);
CEV_API int cev_store_load_aliases(cev_store *st, cev_context *ctx);

#ifdef __cplusplus
}
#endif

#endif /* CONFLICTEV_H */
