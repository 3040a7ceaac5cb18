/* cli_alias.c - `conflictev alias lookup|import`: the alias table and
 * gazetteer from the command line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: conflictev alias lookup [--aliases FILE]... [--country CC] NAME...\n"
            "       conflictev alias import --format FORMAT [--db FILE] FILE...\n"
            "  lookup  prints one JSON object per name; exit 1 when a name is not found.\n"
            "          --aliases adds a TSV alias file (docs/data-format.md), --country\n"
            "          prefers records of that country (ISO alpha-2).\n"
            "  import  loads files into the alias table and prints what they added;\n"
            "          FORMAT is geonames, geonames-admin1, geonames-countries, phoenix or\n"
            "          tsv.  --db keeps the imported records in that database.\n");
}

static void json_str(const char *s)
{
    if (!s) {
        fputs("null", stdout);
        return;
    }
    putchar('"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            printf("\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", stdout);
        else if (*p == '\t')
            fputs("\\t", stdout);
        else if (*p < 0x20 || *p == 0x7f)
            printf("\\u%04x", *p);
        else
            putchar(*p);
    }
    putchar('"');
}

static int lookup(int argc, char **argv)
{
    const char **files = calloc((size_t)argc, sizeof *files);
    const char **names = calloc((size_t)argc, sizeof *names);
    size_t nf = 0, nn = 0;
    const char *country = NULL;
    int status = 0;
    if (!files || !names) {
        fprintf(stderr, "conflictev: out of memory\n");
        free(files);
        free(names);
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--aliases") && i + 1 < argc) {
            files[nf++] = argv[++i];
        } else if (!strcmp(argv[i], "--country") && i + 1 < argc) {
            country = argv[++i];
        } else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            goto out;
        } else if (!strcmp(argv[i], "--")) {
            while (++i < argc)
                names[nn++] = argv[i];
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "conflictev: alias lookup: unknown option '%s'\n", argv[i]);
            usage(stderr);
            status = 2;
            goto out;
        } else {
            names[nn++] = argv[i];
        }
    }
    if (!nn) {
        usage(stderr);
        status = 2;
        goto out;
    }
    cev_context *ctx = cli_make_context(files, nf);
    if (!ctx) {
        status = 1;
        goto out;
    }
    for (size_t i = 0; i < nn; i++) {
        cev_entry e;
        int rc = cev_context_lookup(ctx, names[i], country, &e);
        fputs("{\"query\":", stdout);
        json_str(names[i]);
        if (rc) {
            fputs(",\"id\":null}\n", stdout);
            if (rc != CEV_ERR_NOT_FOUND)
                fprintf(stderr, "conflictev: %s: %s\n", names[i], cev_strerror(rc));
            status = 1;
            continue;
        }
        fputs(",\"id\":", stdout);
        json_str(e.id);
        fputs(",\"name\":", stdout);
        json_str(e.name);
        fputs(",\"kind\":", stdout);
        json_str(cev_kind_name(e.kind));
        fputs(",\"country\":", stdout);
        json_str(e.country);
        if (cev_kind_is_place(e.kind) && e.kind != CEV_KIND_COUNTRY) {
            fputs(",\"admin1\":", stdout);
            json_str(e.admin1);
        }
        if (e.has_coords)
            printf(",\"lat\":%.5f,\"lon\":%.5f", e.lat, e.lon);
        fputs("}\n", stdout);
    }
    cev_context_free(ctx);
out:
    free(files);
    free(names);
    return status;
}

static int format_of(const char *s)
{
    static const struct {
        const char *name;
        int format;
    } formats[] = {{"tsv", CEV_FORMAT_TSV},
                   {"geonames", CEV_FORMAT_GEONAMES},
                   {"geonames-admin1", CEV_FORMAT_GEONAMES_ADMIN1},
                   {"geonames-countries", CEV_FORMAT_GEONAMES_COUNTRIES},
                   {"phoenix", CEV_FORMAT_PHOENIX}};
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (!strcmp(s, formats[i].name))
            return formats[i].format;
    return 0;
}

static int import(int argc, char **argv)
{
    const char *db = NULL;
    int format = 0, first = argc;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--format") && i + 1 < argc) {
            format = format_of(argv[++i]);
            if (!format) {
                fprintf(stderr, "conflictev: alias import: unknown format '%s'\n", argv[i]);
                return 2;
            }
        } else if (!strcmp(argv[i], "--db") && i + 1 < argc) {
            db = argv[++i];
        } else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return 0;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "conflictev: alias import: unknown option '%s'\n", argv[i]);
            usage(stderr);
            return 2;
        } else {
            first = i;
            break;
        }
    }
    if (!format || first >= argc) {
        usage(stderr);
        return 2;
    }
    cev_context *ctx = cli_make_context(NULL, 0);
    if (!ctx)
        return 1;
    size_t e0, p0, a0;
    cev_context_stats(ctx, &e0, &p0, &a0);
    int status = 0;
    for (int i = first; i < argc; i++) {
        size_t e1, p1, a1, e2, p2, a2;
        cev_context_stats(ctx, &e1, &p1, &a1);
        if (cev_context_load_file(ctx, argv[i], format)) {
            fprintf(stderr, "conflictev: %s\n", cev_context_errmsg(ctx));
            status = 1;
            continue;
        }
        cev_context_stats(ctx, &e2, &p2, &a2);
        printf("%s: %zu entities, %zu places, %zu aliases added\n", argv[i], e2 - e1, p2 - p1,
               a2 - a1);
    }
    size_t e3, p3, a3;
    cev_context_stats(ctx, &e3, &p3, &a3);
    printf("total: %zu entities, %zu places, %zu aliases added (now %zu, %zu, %zu)\n", e3 - e0,
           p3 - p0, a3 - a0, e3, p3, a3);
    if (db && !status) {
        cev_store *st = NULL;
        int rc = cev_store_open(&st, db, 0);
        if (!rc)
            rc = cev_store_save_aliases(st, ctx);
        if (rc) {
            fprintf(stderr, "conflictev: %s: %s\n", db,
                    st ? cev_store_errmsg(st) : cev_strerror(rc));
            status = 1;
        } else {
            printf("saved to %s\n", db);
        }
        cev_store_close(st);
    }
    cev_context_free(ctx);
    return status;
}

int cli_alias(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (!strcmp(argv[1], "lookup"))
        return lookup(argc - 1, argv + 1);
    if (!strcmp(argv[1], "import"))
        return import(argc - 1, argv + 1);
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        usage(stdout);
        return 0;
    }
    fprintf(stderr, "conflictev: alias: unknown subcommand '%s'\n", argv[1]);
    usage(stderr);
    return 2;
}
