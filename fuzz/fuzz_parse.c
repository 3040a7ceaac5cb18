/*
 * fuzz_parse.c - libFuzzer target for the article parser and the data-file
 * loaders.  Each input is
 *   - parsed as an article with UTF-8 repair off and on (cev_parse),
 *   - segmented (cev_document_new) and its names listed (cev_document_names),
 *   - loaded as an alias/gazetteer TSV file into an empty context
 *     (cev_context_load_buffer), and as one of the other data formats.
 * Besides crashes and sanitizer reports it checks the API's promises and
 * aborts when one is broken: failures leave *out NULL, set a message and an
 * offset inside the input; the repairing parser never reports bad UTF-8; the
 * strict parser reports it exactly where cev_utf8_validate does; event spans
 * lie inside the input and every event serializes to valid UTF-8 JSON.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <conflictev.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static cev_context *ctx;
static cev_parser *strict, *repair;

#define CHECK(cond)                                                              \
    do {                                                                         \
        if (!(cond)) {                                                           \
            fprintf(stderr, "fuzz_parse: %s:%d: broken promise: %s\n", __FILE__,  \
                    __LINE__, #cond);                                            \
            abort();                                                             \
        }                                                                        \
    } while (0)

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (cev_context_new(&ctx, 0) != CEV_OK || cev_parser_new(&strict, ctx) != CEV_OK ||
        cev_parser_new(&repair, ctx) != CEV_OK ||
        cev_parser_set_int(repair, CEV_OPT_REPAIR_UTF8, 1) != CEV_OK) {
        fprintf(stderr, "fuzz_parse: cannot set up: %s\n",
                ctx ? cev_context_errmsg(ctx) : "no context");
        abort();
    }
    return 0;
}

static void check_result(const cev_result *r, size_t size)
{
    size_t n = cev_result_count(r);
    CHECK(cev_result_event(r, n) == NULL);
    for (size_t i = 0; i < n; i++) {
        const cev_event *ev = cev_result_event(r, i);
        CHECK(ev != NULL);
        CHECK(cev_event_type_name(ev->type) != NULL);
        CHECK(ev->span.start <= ev->span.end && ev->span.end <= size);
        for (size_t k = 0; k < ev->n_spans; k++)
            CHECK(ev->spans[k].start <= ev->spans[k].end && ev->spans[k].end <= size);
        CHECK(ev->confidence >= 0.0 && ev->confidence <= 1.0);
        char *json = NULL;
        CHECK(cev_event_to_json(&json, ev) == CEV_OK && json != NULL);
        size_t bad;
        CHECK(cev_utf8_validate(json, strlen(json), &bad) == CEV_OK);
        cev_free(json);
    }
}

static int parse_one(cev_parser *p, const char *text, size_t size, const char *published)
{
    cev_article a = CEV_ARTICLE_INIT;
    a.text = text;
    a.len = size;
    a.id = "fuzz";
    a.published = published;
    cev_result *r = (cev_result *)(uintptr_t)1; /* must be reset to NULL on failure */
    int rc = cev_parse(&r, p, &a);
    if (rc == CEV_OK) {
        CHECK(r != NULL);
        check_result(r, size);
        cev_result_free(r);
    } else {
        CHECK(rc < 0 && r == NULL);
        CHECK(cev_parser_errcode(p) == rc);
        const char *msg = cev_parser_errmsg(p);
        CHECK(msg != NULL && msg[0] != '\0');
        int64_t off = cev_parser_error_offset(p);
        CHECK(off >= -1 && off <= (int64_t)size);
    }
    return rc;
}

static void load_one(const char *text, size_t size, int format)
{
    cev_context *c = NULL;
    CHECK(cev_context_new(&c, CEV_CONTEXT_NO_BUILTIN) == CEV_OK);
    int rc = cev_context_load_buffer(c, text, size, format, "fuzz.tsv");
    if (rc == CEV_OK) {
        /* Whatever was loaded can be looked up by the first field. */
        size_t n = 0;
        while (n < size && n < 64 && text[n] != '\t' && text[n] != '\n' && text[n] != '\0')
            n++;
        char name[65];
        memcpy(name, text, n);
        name[n] = '\0';
        cev_entry e;
        (void)cev_context_lookup(c, name, NULL, &e);
        (void)cev_context_get(c, name, &e);
        size_t a, b, k;
        cev_context_stats(c, &a, &b, &k);
    } else {
        CHECK(rc < 0);
        const char *msg = cev_context_errmsg(c);
        CHECK(msg != NULL && msg[0] != '\0');
    }
    cev_context_free(c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    if (!ctx)
        LLVMFuzzerInitialize(NULL, NULL);

    /* A publication date makes the date resolver work; pick it from the
     * input so that both paths are exercised. */
    const char *published = size > 0 && (data[0] & 1) ? "2017-06-11" : NULL;

    size_t bad = 0;
    int valid = cev_utf8_validate(text, size, &bad);
    CHECK(valid == CEV_OK || valid == CEV_ERR_UTF8 || valid == CEV_ERR_NUL);
    if (valid != CEV_OK)
        CHECK(bad < size);

    int rc = parse_one(strict, text, size, published);
    if (rc == CEV_ERR_UTF8 || rc == CEV_ERR_NUL) {
        CHECK(valid == rc);
        CHECK(cev_parser_error_offset(strict) == (int64_t)bad);
    }
    if (valid == CEV_OK)
        CHECK(rc != CEV_ERR_UTF8 && rc != CEV_ERR_NUL);

    rc = parse_one(repair, text, size, published);
    CHECK(rc != CEV_ERR_UTF8);

    cev_document *doc = NULL;
    if (cev_document_new(&doc, repair, text, size) == CEV_OK) {
        size_t nlen = 0;
        const char *norm = cev_document_text(doc, &nlen);
        CHECK(norm != NULL && norm[nlen] == '\0');
        cev_segment s;
        for (size_t i = 0; i < cev_document_sentence_count(doc); i++) {
            CHECK(cev_document_sentence(doc, i, &s) == CEV_OK);
            CHECK(s.src.start <= s.src.end && s.src.end <= size);
            CHECK(s.norm_start <= s.norm_end && s.norm_end <= nlen);
        }
        CHECK(cev_document_source_offset(doc, nlen) <= size);
        /* Names lie inside the input, in order, each in an existing sentence
         * and with at least one reading. */
        cev_doc_name *names = NULL;
        size_t n_names = 0;
        if (cev_document_names(&names, &n_names, repair, doc) == CEV_OK) {
            for (size_t i = 0; i < n_names; i++) {
                CHECK(names[i].src.start < names[i].src.end && names[i].src.end <= size);
                CHECK(names[i].norm_end <= nlen);
                CHECK(names[i].sentence < cev_document_sentence_count(doc));
                CHECK(names[i].has_actor || names[i].has_place);
                CHECK(i == 0 || names[i - 1].norm_start <= names[i].norm_start);
            }
            cev_free(names);
        } else {
            CHECK(names == NULL);
        }
        cev_document_free(doc);
    } else {
        CHECK(doc == NULL);
    }

    load_one(text, size, CEV_FORMAT_TSV);
    /* And one of the other loaders, chosen by the last byte. */
    if (size > 0) {
        static const int others[] = {CEV_FORMAT_GEONAMES, CEV_FORMAT_GEONAMES_ADMIN1,
                                     CEV_FORMAT_GEONAMES_COUNTRIES, CEV_FORMAT_PHOENIX};
        load_one(text, size, others[data[size - 1] % 4]);
    }
    return 0;
}
