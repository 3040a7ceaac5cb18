/* cli_store.c - `conflictev ingest`, `query` and `incidents`: the SQLite
 * store from the command line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int write_file(void *userdata, const char *data, size_t len)
{
    return fwrite(data, 1, len, (FILE *)userdata) == len ? 0 : 1;
}

/* Strict YYYY-MM-DD into yyyymmdd; 0 when malformed. */
static int32_t parse_date(const char *s)
{
    int y, m, d;
    char tail;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
        sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
        return 0;
    static const int dm[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > dm[m - 1] ||
        (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)))
        return 0;
    return y * 10000 + m * 100 + d;
}

static int parse_int(const char *s, long long *out)
{
    char *end;
    long long v = strtoll(s, &end, 10);
    if (end == s || *end)
        return -1;
    *out = v;
    return 0;
}

/* The value of option argv[*i]; NULL (with a message) when missing. */
static const char *opt_value(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc) {
        fprintf(stderr, "conflictev %s: %s needs a value\n", argv[0], argv[*i]);
        return NULL;
    }
    return argv[++*i];
}

/* Article id from a file name: the base name without its extension. */
static char *id_from_path(const char *path)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    const char *dot = strrchr(b, '.');
    size_t n = dot && dot != b ? (size_t)(dot - b) : strlen(b);
    char *s = malloc(n + 1);
    if (s) {
        memcpy(s, b, n);
        s[n] = '\0';
    }
    return s;
}

/* ---- ingest ------------------------------------------------------------- */

static void ingest_usage(FILE *f)
{
    fprintf(f, "usage: conflictev ingest --db FILE [--published YYYY-MM-DD] [--outlet NAME]\n"
               "                         [--url URL] [--id NAME] [--aliases TSV]... FILE...\n"
               "Parse each article and store its events ('-' reads stdin).  The article id is\n"
               "--id (one file only) or the file name without its extension.\n");
}

typedef struct ingest_opts {
    const char *db, *published, *outlet, *url, *id;
    const char **aliases, **files;
    size_t n_aliases, n_files;
} ingest_opts;

static int ingest_args(int argc, char **argv, ingest_opts *o)
{
    o->aliases = calloc((size_t)argc, sizeof *o->aliases);
    o->files = calloc((size_t)argc, sizeof *o->files);
    if (!o->aliases || !o->files) {
        fprintf(stderr, "conflictev ingest: out of memory\n");
        return 2;
    }
    int only_files = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], **slot = NULL;
        if (only_files || a[0] != '-' || !strcmp(a, "-")) {
            o->files[o->n_files++] = a;
            continue;
        }
        if (!strcmp(a, "--")) {
            only_files = 1;
            continue;
        }
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            ingest_usage(stdout);
            return -1;
        }
        if (!strcmp(a, "--db"))
            slot = &o->db;
        else if (!strcmp(a, "--published"))
            slot = &o->published;
        else if (!strcmp(a, "--outlet"))
            slot = &o->outlet;
        else if (!strcmp(a, "--url"))
            slot = &o->url;
        else if (!strcmp(a, "--id"))
            slot = &o->id;
        else if (!strcmp(a, "--aliases"))
            slot = &o->aliases[o->n_aliases++];
        if (!slot) {
            fprintf(stderr, "conflictev ingest: unknown option '%s'\n", a);
            ingest_usage(stderr);
            return 2;
        }
        if (!(*slot = opt_value(argc, argv, &i)))
            return 2;
    }
    if (!o->db || !o->n_files) {
        fprintf(stderr, "conflictev ingest: %s\n", !o->db ? "--db FILE is required" : "no input files");
        ingest_usage(stderr);
        return 2;
    }
    if (o->id && o->n_files > 1) {
        fprintf(stderr, "conflictev ingest: --id names one article; %zu files given\n", o->n_files);
        return 2;
    }
    if (o->published && !parse_date(o->published)) {
        fprintf(stderr, "conflictev ingest: --published '%s' is not a YYYY-MM-DD date\n",
                o->published);
        return 2;
    }
    return 0;
}

/* Parse and store one file; 0 on success. */
static int ingest_file(cev_parser *p, cev_store *st, const ingest_opts *o, const char *path)
{
    char *text;
    size_t len;
    int err = cli_read_file(path, &text, &len);
    if (err) {
        fprintf(stderr, "conflictev: %s: %s\n", path, strerror(err));
        return 1;
    }
    char *auto_id = o->id ? NULL : id_from_path(strcmp(path, "-") ? path : "stdin");
    cev_article a = CEV_ARTICLE_INIT;
    a.text = text;
    a.len = len;
    a.id = o->id ? o->id : auto_id;
    a.published = o->published;
    a.outlet = o->outlet;
    a.url = o->url;
    cev_result *r = NULL;
    int rc = cev_parse(&r, p, &a), added = 0, status = 0;
    if (rc) {
        int64_t off = cev_parser_error_offset(p);
        if (off >= 0)
            fprintf(stderr, "conflictev: %s: byte %lld: %s\n", path, (long long)off,
                    cev_parser_errmsg(p));
        else
            fprintf(stderr, "conflictev: %s: %s\n", path, cev_parser_errmsg(p));
        status = 1;
    } else if ((rc = cev_store_add(st, &a, r, &added))) {
        fprintf(stderr, "conflictev: %s: %s\n", path, cev_store_errmsg(st));
        status = 1;
    } else {
        printf("%s: %zu events%s\n", path, cev_result_count(r), added ? "" : " (already stored)");
    }
    cev_result_free(r);
    free(auto_id);
    free(text);
    return status;
}

int cli_ingest(int argc, char **argv)
{
    ingest_opts o;
    memset(&o, 0, sizeof o);
    int rc = ingest_args(argc, argv, &o);
    cev_store *st = NULL;
    cev_context *ctx = NULL;
    cev_parser *p = NULL;
    if (rc)
        goto done;
    rc = 1;
    if (cev_store_open(&st, o.db, 0)) {
        fprintf(stderr, "conflictev: %s: %s\n", o.db, cev_store_errmsg(st));
        goto done;
    }
    if (!(ctx = cli_make_context(o.aliases, o.n_aliases)))
        goto done;
    /* Aliases corrected in the database take part in extraction. */
    if (cev_store_load_aliases(st, ctx))
        fprintf(stderr, "conflictev: %s: warning: %s\n", o.db, cev_store_errmsg(st));
    if (cev_parser_new(&p, ctx)) {
        fprintf(stderr, "conflictev: cannot make a parser\n");
        goto done;
    }
    int failed = 0;
    for (size_t i = 0; i < o.n_files; i++)
        failed += ingest_file(p, st, &o, o.files[i]);
    rc = failed ? 1 : 0;
done:
    cev_parser_free(p);
    cev_context_free(ctx);
    cev_store_close(st);
    free(o.aliases);
    free(o.files);
    return rc < 0 ? 0 : rc;
}

/* ---- query and incidents ---------------------------------------------- */

static void query_usage(FILE *f, const char *cmd)
{
    fprintf(f,
            "usage: conflictev %s --db FILE [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--type T]\n"
            "         [--actor A] [--target T] [--place P] [--admin1 A] [--country CC]\n"
            "         [--bbox MINLAT,MINLON,MAXLAT,MAXLON] [--min-killed N] [--article ID]\n"
            "         [--limit N] %s\n",
            cmd,
            strcmp(cmd, "query") ? "[--json|--csv]"
                                 : "[--json|--csv|--geojson] [--count day|place]");
}

typedef struct query_opts {
    const char *db;
    cev_query q;
    int format;   /* CEV_EXPORT_* */
    int group_by; /* 0 or CEV_GROUP_* */
} query_opts;

/* One filter option at argv[*i]: 1 used, 0 not a filter, -1 bad value. */
static int query_filter(int argc, char **argv, int *i, query_opts *o)
{
    const char *a = argv[*i], *v;
    const char **text = NULL;
    if (!strcmp(a, "--actor"))
        text = &o->q.actor;
    else if (!strcmp(a, "--target"))
        text = &o->q.target;
    else if (!strcmp(a, "--place"))
        text = &o->q.place;
    else if (!strcmp(a, "--admin1"))
        text = &o->q.admin1;
    else if (!strcmp(a, "--country"))
        text = &o->q.country;
    else if (!strcmp(a, "--article"))
        text = &o->q.article_id;
    else if (!strcmp(a, "--db"))
        text = &o->db;
    else if (strcmp(a, "--from") && strcmp(a, "--to") && strcmp(a, "--type") &&
             strcmp(a, "--bbox") && strcmp(a, "--min-killed") && strcmp(a, "--limit"))
        return 0;
    if (!(v = opt_value(argc, argv, i)))
        return -1;
    if (text) {
        *text = v;
        return 1;
    }
    long long n;
    if (!strcmp(a, "--from") || !strcmp(a, "--to")) {
        int32_t d = parse_date(v);
        if (!d) {
            fprintf(stderr, "conflictev %s: %s '%s' is not a YYYY-MM-DD date\n", argv[0], a, v);
            return -1;
        }
        *(a[2] == 'f' ? &o->q.date_from : &o->q.date_to) = d;
    } else if (!strcmp(a, "--type")) {
        if ((o->q.type = cev_event_type_from_name(v)) < 0) {
            fprintf(stderr, "conflictev %s: unknown event type '%s'; one of:", argv[0], v);
            for (int t = 0; t < CEV_EV__COUNT; t++)
                fprintf(stderr, " %s", cev_event_type_name(t));
            fputc('\n', stderr);
            return -1;
        }
    } else if (!strcmp(a, "--bbox")) {
        char extra;
        if (sscanf(v, "%lf,%lf,%lf,%lf%c", &o->q.min_lat, &o->q.min_lon, &o->q.max_lat,
                   &o->q.max_lon, &extra) != 4) {
            fprintf(stderr, "conflictev %s: --bbox wants MINLAT,MINLON,MAXLAT,MAXLON\n", argv[0]);
            return -1;
        }
        o->q.has_bbox = 1;
    } else if (parse_int(v, &n) || n < 0) {
        fprintf(stderr, "conflictev %s: %s wants a number, not '%s'\n", argv[0], a, v);
        return -1;
    } else if (!strcmp(a, "--min-killed")) {
        o->q.min_killed = n;
    } else {
        o->q.limit = n;
    }
    return 1;
}

static int query_args(int argc, char **argv, query_opts *o, int incidents)
{
    const cev_query init = CEV_QUERY_INIT;
    o->q = init;
    o->format = CEV_EXPORT_JSONL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int used = query_filter(argc, argv, &i, o);
        if (used < 0)
            return 2;
        if (used)
            continue;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            query_usage(stdout, argv[0]);
            return -1;
        } else if (!strcmp(a, "--json")) {
            o->format = CEV_EXPORT_JSONL;
        } else if (!strcmp(a, "--csv")) {
            o->format = CEV_EXPORT_CSV;
        } else if (!strcmp(a, "--geojson") && !incidents) {
            o->format = CEV_EXPORT_GEOJSON;
        } else if (!strcmp(a, "--count") && !incidents) {
            const char *v = opt_value(argc, argv, &i);
            if (!v)
                return 2;
            if (!strcmp(v, "day"))
                o->group_by = CEV_GROUP_DAY;
            else if (!strcmp(v, "place"))
                o->group_by = CEV_GROUP_PLACE;
            else {
                fprintf(stderr, "conflictev query: --count day or --count place\n");
                return 2;
            }
        } else {
            fprintf(stderr, "conflictev %s: unknown argument '%s'\n", argv[0], a);
            query_usage(stderr, argv[0]);
            return 2;
        }
    }
    if (!o->db) {
        fprintf(stderr, "conflictev %s: --db FILE is required\n", argv[0]);
        query_usage(stderr, argv[0]);
        return 2;
    }
    return 0;
}

/* Readers do not create databases; a file they may not write is read
 * read-only. */
static cev_store *open_for_reading(const char *path)
{
    cev_store *st = NULL;
    int rc = cev_store_open(&st, path, CEV_STORE_NO_CREATE);
    if (rc == CEV_ERR_READONLY) {
        cev_store_close(st);
        rc = cev_store_open(&st, path, CEV_STORE_READONLY);
    }
    if (rc) {
        fprintf(stderr, "conflictev: %s: %s\n", path, cev_store_errmsg(st));
        cev_store_close(st);
        return NULL;
    }
    return st;
}

/* A count key as a JSON string or a CSV field. */
static void put_key(const char *k, int json)
{
    int quote = json || strpbrk(k, ",\"\n\r") != NULL;
    if (quote)
        putchar('"');
    for (const char *p = k; *p; p++) {
        if (*p == '"')
            fputs(json ? "\\\"" : "\"\"", stdout);
        else if (json && *p == '\\')
            fputs("\\\\", stdout);
        else if (json && (unsigned char)*p < 0x20)
            putchar(' ');
        else
            putchar(*p);
    }
    if (quote)
        putchar('"');
}

static int print_counts(cev_store *st, const query_opts *o)
{
    cev_buckets *b;
    if (cev_store_count(&b, st, &o->q, o->group_by)) {
        fprintf(stderr, "conflictev: %s: %s\n", o->db, cev_store_errmsg(st));
        return 1;
    }
    const char *key = o->group_by == CEV_GROUP_DAY ? "day" : "place";
    if (o->format == CEV_EXPORT_CSV)
        printf("%s,events,killed\n", key);
    for (size_t i = 0; i < cev_buckets_count(b); i++) {
        const cev_bucket *k = cev_buckets_get(b, i);
        if (o->format == CEV_EXPORT_JSONL) {
            printf("{\"%s\":", key);
            put_key(k->key, 1);
            printf(",\"events\":%lld,\"killed\":%lld}\n", (long long)k->events,
                   (long long)k->killed);
        } else {
            put_key(k->key, 0);
            printf(",%lld,%lld\n", (long long)k->events, (long long)k->killed);
        }
    }
    cev_buckets_free(b);
    return 0;
}

static int run_query(int argc, char **argv, int incidents)
{
    query_opts o;
    memset(&o, 0, sizeof o);
    int rc = query_args(argc, argv, &o, incidents);
    if (rc)
        return rc < 0 ? 0 : rc;
    cev_store *st = open_for_reading(o.db);
    if (!st)
        return 1;
    if (o.group_by) {
        rc = print_counts(st, &o);
    } else {
        rc = incidents ? cev_store_export_incidents(st, &o.q, o.format, write_file, stdout)
                       : cev_store_export(st, &o.q, o.format, write_file, stdout);
        if (rc)
            fprintf(stderr, "conflictev: %s: %s\n", o.db, cev_store_errmsg(st));
        rc = rc ? 1 : 0;
    }
    cev_store_close(st);
    if (fflush(stdout) != 0) {
        fprintf(stderr, "conflictev: cannot write the output\n");
        rc = 1;
    }
    return rc;
}

int cli_query(int argc, char **argv) { return run_query(argc, argv, 0); }

int cli_incidents(int argc, char **argv) { return run_query(argc, argv, 1); }
