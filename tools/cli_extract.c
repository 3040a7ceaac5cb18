/* cli_extract.c - `conflictev extract`: print the events of articles. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: conflictev extract [--json] [--published YYYY-MM-DD] [--id NAME]\n"
               "                          [--manifest TSV] [--aliases FILE]... [--repair]\n"
               "                          [--violent-only] FILE...\n"
               "  FILE '-' reads standard input.  --json prints JSON Lines (one event\n"
               "  per line); otherwise a table.  --repair replaces invalid UTF-8 instead\n"
               "  of rejecting the file.  --id names the article (default: the file name).\n"
               "  --manifest reads publication dates from a TSV whose first two columns\n"
               "  are file name and YYYY-MM-DD (a header line is allowed).\n");
}

/* Publication dates by file name, from a manifest. */
typedef struct manifest {
    char *data;
    char **names, **dates;
    size_t n;
} manifest;

static int manifest_load(manifest *m, const char *path)
{
    memset(m, 0, sizeof *m);
    size_t len;
    int e = cli_read_file(path, &m->data, &len);
    if (e) {
        fprintf(stderr, "conflictev: %s: cannot read: %s\n", path, strerror(e));
        return -1;
    }
    size_t lines = 1;
    for (size_t i = 0; i < len; i++)
        lines += m->data[i] == '\n';
    m->names = calloc(lines, sizeof *m->names);
    m->dates = calloc(lines, sizeof *m->dates);
    if (!m->names || !m->dates)
        return -1;
    char *save = NULL;
    for (char *line = strtok_r(m->data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *tab = strchr(line, '\t');
        if (!tab)
            continue;
        *tab = '\0';
        char *date = tab + 1, *end = strchr(date, '\t');
        if (end)
            *end = '\0';
        if (strlen(date) != 10 || date[4] != '-')
            continue; /* header or malformed line */
        m->names[m->n] = line;
        m->dates[m->n] = date;
        m->n++;
    }
    return 0;
}

static const char *manifest_date(const manifest *m, const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    for (size_t i = 0; i < m->n; i++)
        if (!strcmp(m->names[i], base))
            return m->dates[i];
    return NULL;
}

static void manifest_free(manifest *m)
{
    free(m->data);
    free(m->names);
    free(m->dates);
}

static void print_actor(const cev_actor *a, char *buf, size_t n)
{
    if (!a->text)
        snprintf(buf, n, "-");
    else if (a->name)
        snprintf(buf, n, "%s", a->name);
    else
        snprintf(buf, n, "%s", a->text);
}

static void print_table_row(const cev_event *ev)
{
    char actor[64], target[64], when[32] = "-", killed[24] = "-", injured[24] = "-";
    print_actor(&ev->actor, actor, sizeof actor);
    print_actor(&ev->target, target, sizeof target);
    if (ev->date.precision != CEV_DATE_NONE) {
        if (ev->date.start == ev->date.end)
            snprintf(when, sizeof when, "%04d-%02d-%02d", ev->date.start / 10000,
                     ev->date.start / 100 % 100, ev->date.start % 100);
        else
            snprintf(when, sizeof when, "%04d-%02d-%02d..%02d-%02d", ev->date.start / 10000,
                     ev->date.start / 100 % 100, ev->date.start % 100, ev->date.end / 100 % 100,
                     ev->date.end % 100);
    }
    if (ev->killed.text)
        snprintf(killed, sizeof killed, "%lld%s", (long long)ev->killed.min,
                 ev->killed.max < 0 ? "+" : "");
    if (ev->injured.text)
        snprintf(injured, sizeof injured, "%lld%s", (long long)ev->injured.min,
                 ev->injured.max < 0 ? "+" : "");
    printf("%-16s %-22.22s %-22.22s %-20.20s %-18s %7s %7s  [%llu,%llu]\n",
           cev_event_type_name(ev->type), actor, target,
           ev->location.name ? ev->location.name : "-", when, killed, injured,
           (unsigned long long)ev->span.start, (unsigned long long)ev->span.end);
}

int cli_extract(int argc, char **argv)
{
    int json = 0, repair = 0, violent_only = 0;
    const char *published = NULL, *id = NULL, *manifest_path = NULL;
    manifest man = {0};
    const char **aliases = calloc((size_t)argc, sizeof *aliases);
    const char **files = calloc((size_t)argc, sizeof *files);
    size_t n_aliases = 0, n_files = 0;
    int status = 0;
    if (!aliases || !files) {
        fprintf(stderr, "conflictev: out of memory\n");
        free(aliases);
        free(files);
        return 1;
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--json")) {
            json = 1;
        } else if (!strcmp(a, "--repair")) {
            repair = 1;
        } else if (!strcmp(a, "--violent-only")) {
            violent_only = 1;
        } else if ((!strcmp(a, "--published") || !strcmp(a, "--id") || !strcmp(a, "--aliases") ||
                    !strcmp(a, "--manifest")) &&
                   i + 1 < argc) {
            const char *v = argv[++i];
            if (!strcmp(a, "--manifest"))
                manifest_path = v;
            else if (!strcmp(a, "--published"))
                published = v;
            else if (!strcmp(a, "--id"))
                id = v;
            else
                aliases[n_aliases++] = v;
        } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            free(aliases);
            free(files);
            return 0;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "conflictev: extract: unknown option '%s'\n", a);
            usage(stderr);
            free(aliases);
            free(files);
            return 2;
        } else {
            files[n_files++] = a;
        }
    }
    if (n_files == 0) {
        usage(stderr);
        free(aliases);
        free(files);
        return 2;
    }
    if (manifest_path && manifest_load(&man, manifest_path) != 0) {
        manifest_free(&man);
        free(aliases);
        free(files);
        return 1;
    }
    cev_context *ctx = cli_make_context(aliases, n_aliases);
    cev_parser *p = NULL;
    if (!ctx || cev_parser_new(&p, ctx) != CEV_OK) {
        cev_context_free(ctx);
        manifest_free(&man);
        free(aliases);
        free(files);
        return 1;
    }
    cev_parser_set_int(p, CEV_OPT_REPAIR_UTF8, repair);
    cev_parser_set_int(p, CEV_OPT_NONVIOLENT, !violent_only);
    if (!json)
        printf("%-16s %-22s %-22s %-20s %-18s %7s %7s  %s\n", "type", "actor", "target",
               "location", "date", "killed", "injured", "span");
    for (size_t f = 0; f < n_files; f++) {
        const char *path = files[f];
        char *data = NULL;
        size_t len = 0;
        int e = cli_read_file(path, &data, &len);
        if (e) {
            fprintf(stderr, "conflictev: %s: cannot read: %s\n", path, strerror(e));
            status = 1;
            continue;
        }
        cev_article art = CEV_ARTICLE_INIT;
        art.text = data;
        art.len = len;
        art.id = id ? id : path;
        art.published = published;
        if (!art.published && manifest_path)
            art.published = manifest_date(&man, path);
        cev_result *r = NULL;
        int rc = cev_parse(&r, p, &art);
        if (rc != CEV_OK) {
            int64_t off = cev_parser_error_offset(p);
            if (off >= 0)
                fprintf(stderr, "conflictev: %s: byte %lld: %s (%s)\n", path, (long long)off,
                        cev_parser_errmsg(p), cev_error_name(rc));
            else
                fprintf(stderr, "conflictev: %s: %s (%s)\n", path, cev_parser_errmsg(p),
                        cev_error_name(rc));
            status = 1;
            free(data);
            continue;
        }
        for (size_t i = 0; i < cev_result_count(r); i++) {
            const cev_event *ev = cev_result_event(r, i);
            if (json) {
                char *js = NULL;
                if (cev_event_to_json(&js, ev) != CEV_OK) {
                    fprintf(stderr, "conflictev: %s: out of memory\n", path);
                    status = 1;
                    break;
                }
                puts(js);
                cev_free(js);
            } else {
                print_table_row(ev);
            }
        }
        if (!json && cev_result_count(r) == 0)
            printf("(%s: no events)\n", path);
        cev_result_free(r);
        free(data);
    }
    if (fflush(stdout) != 0) {
        fprintf(stderr, "conflictev: writing output: %s\n", strerror(errno));
        status = 1;
    }
    cev_parser_free(p);
    cev_context_free(ctx);
    manifest_free(&man);
    free(aliases);
    free(files);
    return status;
}
