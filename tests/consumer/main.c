/* main.c - a program outside the project tree, built against an installed
 * libconflictev (tests/consumer/run.sh builds it through pkg-config and
 * through find_package).  It checks that the header and the library agree
 * on the version, that errors carry a code, a message and a byte offset,
 * and that an article can be parsed and its events serialized. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <conflictev.h>

static const char ARTICLE[] =
    "A US air strike killed at least 14 people in Raqqa on Saturday, "
    "a monitoring group said.\n";

static int fail(const char *what, int rc)
{
    fprintf(stderr, "consumer: %s: %s (%d)\n", what, cev_strerror(rc), rc);
    return 1;
}

int main(void)
{
    /* The header this program was compiled with and the library it runs
     * with must be the same release. */
    if (strcmp(cev_version_string(), CEV_VERSION_STRING) != 0) {
        fprintf(stderr, "consumer: header says %s, library says %s\n", CEV_VERSION_STRING,
                cev_version_string());
        return 1;
    }
    if (cev_version_number() != CEV_VERSION_NUMBER) {
        fprintf(stderr, "consumer: version number %d, header %d\n", cev_version_number(),
                CEV_VERSION_NUMBER);
        return 1;
    }
    printf("conflictev %s\n", cev_version_string());

    cev_context *ctx = NULL;
    cev_parser *p = NULL;
    cev_result *r = NULL;
    int status = 1;

    int rc = cev_context_new(&ctx, 0);
    if (rc) {
        fprintf(stderr, "consumer: context: %s\n",
                ctx ? cev_context_errmsg(ctx) : cev_strerror(rc));
        goto done;
    }
    rc = cev_parser_new(&p, ctx);
    if (rc) {
        fail("parser", rc);
        goto done;
    }

    /* An error: invalid UTF-8 at byte 3 is reported with its offset. */
    cev_article bad = CEV_ARTICLE_INIT;
    bad.text = "abc\xff";
    bad.len = 4;
    rc = cev_parse(&r, p, &bad);
    if (rc != CEV_ERR_UTF8 || r != NULL || cev_parser_errcode(p) != CEV_ERR_UTF8 ||
        cev_parser_error_offset(p) != 3) {
        fprintf(stderr, "consumer: invalid UTF-8 gave %d (%s), offset %lld\n", rc,
                cev_parser_errmsg(p), (long long)cev_parser_error_offset(p));
        goto done;
    }
    printf("error: %s at byte %lld: %s\n", cev_error_name(rc),
           (long long)cev_parser_error_offset(p), cev_parser_errmsg(p));

    /* An article. */
    cev_article a = CEV_ARTICLE_INIT;
    a.text = ARTICLE;
    a.len = strlen(ARTICLE);
    a.id = "consumer";
    a.published = "2017-06-11";
    rc = cev_parse(&r, p, &a);
    if (rc) {
        fprintf(stderr, "consumer: parse: %s (offset %lld)\n", cev_parser_errmsg(p),
                (long long)cev_parser_error_offset(p));
        goto done;
    }
    size_t n = cev_result_count(r);
    printf("%zu event(s)\n", n);
    for (size_t i = 0; i < n; i++) {
        const cev_event *ev = cev_result_event(r, i);
        char *json = NULL;
        rc = cev_event_to_json(&json, ev);
        if (rc) {
            fail("event_to_json", rc);
            goto done;
        }
        printf("%s\n", json);
        cev_free(json);
    }
    if (cev_result_event(r, n) != NULL) {
        fprintf(stderr, "consumer: event past the end is not NULL\n");
        goto done;
    }
    status = 0;

done:
    cev_result_free(r);
    cev_parser_free(p);
    cev_context_free(ctx);
    return status;
}
