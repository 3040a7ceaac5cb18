/*
 * extract_events.c - the events of one article, as a table and as JSON.
 *
 *   extract_events [--published YYYY-MM-DD] [--id NAME] [--repair] FILE
 *
 * Shows the whole life of a parse: a context (built-in alias table and
 * gazetteer), a parser made from it, options set by number, one cev_parse
 * call, reading the typed event records, serializing them with
 * cev_event_to_json, and reporting an error with the parser's message and
 * the byte offset (turned into line and column here).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <conflictev.h>

static void usage(FILE *f)
{
    fprintf(f, "usage: extract_events [--published YYYY-MM-DD] [--id NAME] [--repair] FILE\n");
}

/* Read a whole file into a NUL-terminated buffer the caller frees.
 * Returns 0 or an errno value. */
static int read_file(const char *path, char **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return errno ? errno : EIO;
    size_t cap = 1 << 14, n = 0;
    char *buf = malloc(cap + 1);
    int err = 0;
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
    if (!buf)
        err = ENOMEM;
    else if (ferror(f))
        err = EIO;
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

/* Where a byte offset is, for people: 1-based line and byte column. */
static void line_col(const char *text, size_t len, size_t off, size_t *line, size_t *col)
{
    *line = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < off && i < len; i++) {
        if (text[i] == '\n') {
            (*line)++;
            line_start = i + 1;
        }
    }
    *col = off - line_start + 1;
}

/* Number of characters (not bytes) in a UTF-8 string. */
static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Print s in a column `width` characters wide: padded, or cut at a
 * character boundary and marked with '~' when too long. */
static void cell(const char *s, size_t width)
{
    if (!s || !*s)
        s = "-";
    size_t chars = utf8_chars(s);
    if (chars <= width) {
        fputs(s, stdout);
    } else {
        size_t keep = width - 1, i = 0;
        for (size_t c = 0; s[i]; i++) {
            if (((unsigned char)s[i] & 0xC0) != 0x80 && c++ == keep)
                break;
        }
        fwrite(s, 1, i, stdout);
        putchar('~');
        chars = width;
    }
    for (; chars < width; chars++)
        putchar(' ');
    putchar(' ');
}

static const char *actor_label(const cev_actor *a)
{
    return a->name ? a->name : a->text;
}

static void count_label(char *buf, size_t size, const cev_count *c)
{
    if (!c->text)
        snprintf(buf, size, "-");
    else if (c->max < 0)
        snprintf(buf, size, "%lld+", (long long)c->min);
    else if (c->max == c->min)
        snprintf(buf, size, "%lld", (long long)c->min);
    else
        snprintf(buf, size, "%lld-%lld", (long long)c->min, (long long)c->max);
}

static void date_label(char *buf, size_t size, const cev_date *d)
{
    if (d->precision == CEV_DATE_NONE) {
        snprintf(buf, size, "-");
        return;
    }
    int s = d->start, e = d->end;
    if (s == e)
        snprintf(buf, size, "%04d-%02d-%02d", s / 10000, s / 100 % 100, s % 100);
    else
        snprintf(buf, size, "%04d-%02d-%02d..%02d-%02d", s / 10000, s / 100 % 100, s % 100,
                 e / 100 % 100, e % 100);
}

static void print_table(const cev_result *r)
{
    printf("%-3s %-16s %-22s %-18s %-18s %-17s %-7s %-7s %s\n", "#", "type", "actor",
           "target", "location", "date", "killed", "injured", "bytes");
    for (size_t i = 0; i < cev_result_count(r); i++) {
        const cev_event *ev = cev_result_event(r, i);
        char killed[48], injured[48], date[32];
        count_label(killed, sizeof killed, &ev->killed);
        count_label(injured, sizeof injured, &ev->injured);
        date_label(date, sizeof date, &ev->date);
        printf("%-3zu ", i + 1);
        cell(cev_event_type_name(ev->type), 16);
        cell(actor_label(&ev->actor), 22);
        cell(actor_label(&ev->target), 18);
        cell(ev->location.name ? ev->location.name : ev->location.text, 18);
        cell(date, 17);
        cell(killed, 7);
        cell(injured, 7);
        printf("%llu-%llu\n", (unsigned long long)ev->span.start,
               (unsigned long long)ev->span.end);
    }
}

int main(int argc, char **argv)
{
    const char *published = NULL, *id = NULL, *path = NULL;
    int repair = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--published") && i + 1 < argc)
            published = argv[++i];
        else if (!strcmp(argv[i], "--id") && i + 1 < argc)
            id = argv[++i];
        else if (!strcmp(argv[i], "--repair"))
            repair = 1;
        else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return 0;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            fprintf(stderr, "extract_events: unknown option '%s'\n", argv[i]);
            usage(stderr);
            return 2;
        } else if (!path)
            path = argv[i];
        else {
            usage(stderr);
            return 2;
        }
    }
    if (!path) {
        usage(stderr);
        return 2;
    }

    char *text = NULL;
    size_t len = 0;
    int err = read_file(path, &text, &len);
    if (err) {
        fprintf(stderr, "extract_events: %s: %s\n", path, strerror(err));
        return 1;
    }

    int status = 1;
    cev_context *ctx = NULL;
    cev_parser *p = NULL;
    cev_result *r = NULL;

    /* The context may be set even when making it failed, to say why. */
    int rc = cev_context_new(&ctx, 0);
    if (rc) {
        fprintf(stderr, "extract_events: %s\n", ctx ? cev_context_errmsg(ctx) : cev_strerror(rc));
        goto out;
    }
    rc = cev_parser_new(&p, ctx);
    if (rc) {
        fprintf(stderr, "extract_events: %s\n", cev_strerror(rc));
        goto out;
    }
    if (repair && (rc = cev_parser_set_int(p, CEV_OPT_REPAIR_UTF8, 1)) != CEV_OK) {
        fprintf(stderr, "extract_events: %s\n", cev_parser_errmsg(p));
        goto out;
    }

    cev_article a = CEV_ARTICLE_INIT;
    a.text = text;
    a.len = len;
    a.id = id ? id : path;
    a.published = published;
    rc = cev_parse(&r, p, &a);
    if (rc) {
        /* Code, message and, when the error is about a place in the text,
         * the byte offset into the file. */
        int64_t off = cev_parser_error_offset(p);
        if (off >= 0) {
            size_t line, col;
            line_col(text, len, (size_t)off, &line, &col);
            fprintf(stderr, "extract_events: %s:%zu:%zu: byte %lld: %s (%s)\n", path, line, col,
                    (long long)off, cev_parser_errmsg(p), cev_error_name(rc));
        } else {
            fprintf(stderr, "extract_events: %s: %s (%s)\n", path, cev_parser_errmsg(p),
                    cev_error_name(rc));
        }
        goto out;
    }

    size_t n = cev_result_count(r);
    printf("%s: %zu event%s\n\n", path, n, n == 1 ? "" : "s");
    if (n > 0) {
        print_table(r);
        printf("\n");
    }
    for (size_t i = 0; i < n; i++) {
        char *json = NULL;
        rc = cev_event_to_json(&json, cev_result_event(r, i));
        if (rc) {
            fprintf(stderr, "extract_events: %s\n", cev_strerror(rc));
            goto out;
        }
        puts(json);
        cev_free(json); /* strings from `char **out` are freed by the library */
    }
    status = 0;

out:
    /* Results outlive the parser; the context outlives every parser.  All
     * destructors accept NULL. */
    cev_result_free(r);
    cev_parser_free(p);
    cev_context_free(ctx);
    free(text);
    return status;
}
