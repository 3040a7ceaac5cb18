/* cli_main.c - `conflictev` command dispatch and shared helpers. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: conflictev COMMAND [OPTIONS] ...\n"
            "\n"
            "commands:\n"
            "  extract [--json] [--published YYYY-MM-DD] [--id NAME] [--db FILE] FILE...\n"
            "                       print the events of articles ('-' reads stdin)\n"
            "  alias lookup NAME... look names up in the alias table and gazetteer\n"
            "  alias import --format geonames|phoenix|tsv [--db FILE] FILE...\n"
            "  ingest --db FILE [--published D] FILE...   store articles' events\n"
            "  query --db FILE [filters] [--json|--csv|--geojson]\n"
            "  incidents --db FILE [--json|--csv]\n"
            "  version              print the library version\n"
            "\n"
            "Run 'conflictev COMMAND --help' for a command's options.\n");
}

int cli_read_file(const char *path, char **data, size_t *len)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f)
        return errno ? errno : EIO;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    if (!buf) {
        if (f != stdin)
            fclose(f);
        return ENOMEM;
    }
    for (;;) {
        if (n == cap) {
            if (cap > ((size_t)1 << 40)) {
                free(buf);
                if (f != stdin)
                    fclose(f);
                return EFBIG;
            }
            char *nb = realloc(buf, cap * 2 + 1);
            if (!nb) {
                free(buf);
                if (f != stdin)
                    fclose(f);
                return ENOMEM;
            }
            buf = nb;
            cap *= 2;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0)
            break;
    }
    int err = ferror(f) ? EIO : 0;
    if (f != stdin)
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

cev_context *cli_make_context(const char *const *alias_files, size_t n)
{
    cev_context *ctx;
    int rc = cev_context_new(&ctx, 0);
    if (rc) {
        fprintf(stderr, "conflictev: cannot load the built-in alias table: %s\n",
                ctx ? cev_context_errmsg(ctx) : cev_strerror(rc));
        cev_context_free(ctx);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        rc = cev_context_load_file(ctx, alias_files[i], CEV_FORMAT_TSV);
        if (rc) {
            fprintf(stderr, "conflictev: %s\n", cev_context_errmsg(ctx));
            cev_context_free(ctx);
            return NULL;
        }
    }
    return ctx;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "extract"))
        return cli_extract(argc - 1, argv + 1);
    if (!strcmp(cmd, "alias"))
        return cli_alias(argc - 1, argv + 1);
    if (!strcmp(cmd, "ingest"))
        return cli_ingest(argc - 1, argv + 1);
    if (!strcmp(cmd, "query"))
        return cli_query(argc - 1, argv + 1);
    if (!strcmp(cmd, "incidents"))
        return cli_incidents(argc - 1, argv + 1);
    if (!strcmp(cmd, "version") || !strcmp(cmd, "--version")) {
        printf("conflictev %s\n", cev_version_string());
        return 0;
    }
    if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
        usage(stdout);
        return 0;
    }
    fprintf(stderr, "conflictev: unknown command '%s'\n", cmd);
    usage(stderr);
    return 2;
}
