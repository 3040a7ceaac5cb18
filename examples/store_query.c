/*
 * store_query.c - keep articles' events in a database and ask it questions.
 *
 *   store_query [--published YYYY-MM-DD] [--country CC] [--type TYPE] DB FILE...
 *   store_query [--country CC] [--type TYPE] DB DIR       (DIR/MANIFEST.tsv)
 *
 * Each FILE is parsed and stored with its events (cev_store_add: storing the
 * same article twice changes nothing).  A directory is read through its
 * MANIFEST.tsv (file, published, ...), like examples/articles.  Then the
 * database is queried (cev_store_query with a cev_query filter) and the
 * matching events are printed with deaths per day (cev_store_count).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <conflictev.h>

static void usage(FILE *f)
{
    fprintf(f, "usage: store_query [--published YYYY-MM-DD] [--country CC] [--type TYPE] "
               "DB FILE|DIR...\n");
}

static int read_file(const char *path, char **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return errno ? errno : EIO;
    size_t cap = 1 << 14, n = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        if (n == cap) {
            char *nb = realloc(buf, 2 * cap + 1);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0)
            break;
    }
    int err = !buf ? ENOMEM : ferror(f) ? EIO : 0;
    fclose(f);
    if (err) {
        free(buf);
        return err;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return 0;
}

/* Parse one article and store it with its events.  Returns 0 or 1. */
static int ingest(cev_store *st, cev_parser *p, const char *path, const char *id,
                  const char *published)
{
    char *text;
    size_t len;
    int err = read_file(path, &text, &len);
    if (err) {
        fprintf(stderr, "store_query: %s: %s\n", path, strerror(err));
        return 1;
    }
    cev_article a = CEV_ARTICLE_INIT;
    a.text = text;
    a.len = len;
    a.id = id;
    a.published = published;

    cev_result *events = NULL;
    int status = 1;
    int rc = cev_parse(&events, p, &a);
    if (rc) {
        int64_t off = cev_parser_error_offset(p);
        if (off >= 0)
            fprintf(stderr, "store_query: %s: byte %lld: %s\n", path, (long long)off,
                    cev_parser_errmsg(p));
        else
            fprintf(stderr, "store_query: %s: %s\n", path, cev_parser_errmsg(p));
        goto out;
    }
    int added = 0;
    rc = cev_store_add(st, &a, events, &added);
    if (rc) {
        fprintf(stderr, "store_query: %s: %s\n", path, cev_store_errmsg(st));
        goto out;
    }
    printf("%-40s %zu event%s%s\n", id, cev_result_count(events),
           cev_result_count(events) == 1 ? "" : "s", added ? "" : " (already stored)");
    status = 0;
out:
    cev_result_free(events);
    free(text);
    return status;
}

/* Ingest every article listed in DIR/MANIFEST.tsv.  Returns the number of
 * failures. */
static int ingest_dir(cev_store *st, cev_parser *p, const char *dir)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s/MANIFEST.tsv", dir) >= (int)sizeof path) {
        fprintf(stderr, "store_query: %s: path too long\n", dir);
        return 1;
    }
    char *manifest;
    size_t len;
    int err = read_file(path, &manifest, &len);
    if (err) {
        fprintf(stderr, "store_query: %s: %s\n", path, strerror(err));
        return 1;
    }
    int failures = 0, lineno = 0;
    for (char *line = manifest, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if (++lineno == 1 || line[0] == '#' || line[0] == '\0')
            continue; /* header, comments, blank lines */
        char *file = line, *published = strchr(line, '\t');
        if (published) {
            *published++ = '\0';
            char *rest = strchr(published, '\t');
            if (rest)
                *rest = '\0';
        }
        char article[4096];
        if (snprintf(article, sizeof article, "%s/%s", dir, file) >= (int)sizeof article) {
            fprintf(stderr, "store_query: %s:%d: path too long\n", path, lineno);
            failures++;
            continue;
        }
        failures += ingest(st, p, article, file,
                           published && *published ? published : NULL);
    }
    free(manifest);
    return failures;
}

static int is_dir(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static void print_event(const cev_event *ev)
{
    char date[24] = "-";
    if (ev->date.precision != CEV_DATE_NONE)
        snprintf(date, sizeof date, "%04d-%02d-%02d", (int)(ev->date.start / 10000),
                 (int)(ev->date.start / 100 % 100), (int)(ev->date.start % 100));
    const char *actor = ev->actor.name ? ev->actor.name : ev->actor.text;
    const char *place = ev->location.name ? ev->location.name : ev->location.text;
    printf("  %-10s %-16s %-24s %-20s", date, cev_event_type_name(ev->type),
           actor ? actor : "-", place ? place : "-");
    if (ev->killed.text)
        printf(" killed %lld%s", (long long)ev->killed.min, ev->killed.max < 0 ? "+" : "");
    printf("  [%s]\n", ev->article_id ? ev->article_id : "?");
}

int main(int argc, char **argv)
{
    const char *published = NULL, *country = NULL, *type = NULL, *db = NULL;
    int first_input = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--published") && i + 1 < argc)
            published = argv[++i];
        else if (!strcmp(argv[i], "--country") && i + 1 < argc)
            country = argv[++i];
        else if (!strcmp(argv[i], "--type") && i + 1 < argc)
            type = argv[++i];
        else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return 0;
        } else if (argv[i][0] == '-') {
            usage(stderr);
            return 2;
        } else {
            db = argv[i];
            first_input = i + 1;
            break;
        }
    }
    if (!db || first_input >= argc) {
        usage(stderr);
        return 2;
    }
    cev_query q = CEV_QUERY_INIT;
    q.country = country;
    if (type && (q.type = cev_event_type_from_name(type)) < 0) {
        fprintf(stderr, "store_query: unknown event type '%s'\n", type);
        return 2;
    }

    int status = 1, failures = 0;
    cev_context *ctx = NULL;
    cev_parser *p = NULL;
    cev_store *st = NULL;
    cev_result *found = NULL;
    cev_buckets *days = NULL;

    int rc = cev_context_new(&ctx, 0);
    if (rc) {
        fprintf(stderr, "store_query: %s\n", ctx ? cev_context_errmsg(ctx) : cev_strerror(rc));
        goto out;
    }
    if ((rc = cev_parser_new(&p, ctx)) != CEV_OK) {
        fprintf(stderr, "store_query: %s\n", cev_strerror(rc));
        goto out;
    }
    /* On failure the store handle may still be set, to say why. */
    rc = cev_store_open(&st, db, 0);
    if (rc) {
        fprintf(stderr, "store_query: %s: %s\n", db, st ? cev_store_errmsg(st) : cev_strerror(rc));
        goto out;
    }

    printf("ingesting into %s (schema version %d)\n", db, cev_store_schema_version(st));
    for (int i = first_input; i < argc; i++) {
        if (is_dir(argv[i]))
            failures += ingest_dir(st, p, argv[i]);
        else
            failures += ingest(st, p, argv[i], argv[i], published);
    }

    rc = cev_store_query(&found, st, &q);
    if (rc) {
        fprintf(stderr, "store_query: query: %s\n", cev_store_errmsg(st));
        goto out;
    }
    printf("\n%zu stored event%s%s%s%s%s:\n", cev_result_count(found),
           cev_result_count(found) == 1 ? "" : "s", country ? " in " : "",
           country ? country : "", type ? " of type " : "", type ? type : "");
    for (size_t i = 0; i < cev_result_count(found); i++)
        print_event(cev_result_event(found, i));

    rc = cev_store_count(&days, st, &q, CEV_GROUP_DAY);
    if (rc) {
        fprintf(stderr, "store_query: count: %s\n", cev_store_errmsg(st));
        goto out;
    }
    printf("\nper day:\n");
    for (size_t i = 0; i < cev_buckets_count(days); i++) {
        const cev_bucket *b = cev_buckets_get(days, i);
        printf("  %-10s %4lld event%s %5lld killed\n", b->key, (long long)b->events,
               b->events == 1 ? " " : "s", (long long)b->killed);
    }
    status = failures ? 1 : 0;

out:
    cev_buckets_free(days);
    cev_result_free(found);
    cev_store_close(st);
    cev_parser_free(p);
    cev_context_free(ctx);
    return status;
}
