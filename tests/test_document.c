/* test_document.c - the public text pipeline and bad input through cev_parse. */
#include "testutil.h"
#include "conflictev.h"

static cev_context *g_ctx;
static cev_parser *g_p;

static void setup(void)
{
    ck_assert_int_eq(cev_context_new(&g_ctx, 0), CEV_OK);
    ck_assert_int_eq(cev_parser_new(&g_p, g_ctx), CEV_OK);
}

static void teardown(void)
{
    cev_parser_free(g_p);
    cev_context_free(g_ctx);
}

static int parse(const char *text, size_t len, cev_result **r)
{
    cev_article a = CEV_ARTICLE_INIT;
    a.text = text;
    a.len = len;
    a.id = "t";
    a.published = "2017-06-11";
    return cev_parse(r, g_p, &a);
}

START_TEST(version)
{
    ck_assert_str_eq(cev_version_string(), CEV_VERSION_STRING);
    ck_assert_int_eq(cev_version_number(), CEV_VERSION_NUMBER);
    ck_assert_str_eq(cev_strerror(CEV_ERR_UTF8), "invalid UTF-8");
    ck_assert_str_eq(cev_error_name(CEV_ERR_NUL), "CEV_ERR_NUL");
    ck_assert_str_eq(cev_strerror(-999), "unknown error");
    ck_assert_str_eq(cev_event_type_name(CEV_EV_AIR_STRIKE), "air_strike");
    ck_assert_int_eq(cev_event_type_from_name("territory_change"), CEV_EV_TERRITORY_CHANGE);
}
END_TEST

START_TEST(empty_input)
{
    cev_result *r = NULL;
    ck_assert_int_eq(parse("", 0, &r), CEV_OK);
    ck_assert_uint_eq(cev_result_count(r), 0);
    cev_result_free(r);
    ck_assert_int_eq(parse(NULL, 0, &r), CEV_OK);
    cev_result_free(r);
    ck_assert_int_eq(parse(NULL, 5, &r), CEV_ERR_INVALID);
    ck_assert_ptr_null(r);
}
END_TEST

START_TEST(nul_inside_text)
{
    cev_result *r = (cev_result *)1;
    const char s[] = "Five people were killed.\0 More text.";
    ck_assert_int_eq(parse(s, sizeof s - 1, &r), CEV_ERR_NUL);
    ck_assert_ptr_null(r);
    ck_assert_int_eq(cev_parser_errcode(g_p), CEV_ERR_NUL);
    ck_assert_int_eq(cev_parser_error_offset(g_p), 24);
    ck_assert_ptr_nonnull(strstr(cev_parser_errmsg(g_p), "24"));
}
END_TEST

START_TEST(invalid_utf8_positions)
{
    struct { const char *s; size_t len; int64_t off; } cases[] = {
        {"\xff" "abc", 4, 0},
        {"abc\xc3\x28 def", 9, 3},
        {"abcdef\xe2\x82", 8, 6},
        {"a\xc0\x80z", 4, 1},       /* overlong NUL */
        {"ab\xed\xa0\x80z", 6, 2},  /* surrogate */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        cev_result *r = NULL;
        ck_assert_int_eq(parse(cases[i].s, cases[i].len, &r), CEV_ERR_UTF8);
        ck_assert_int_eq(cev_parser_error_offset(g_p), cases[i].off);
    }
}
END_TEST

START_TEST(repair_goes_on)
{
    cev_result *r = NULL;
    ck_assert_int_eq(cev_parser_set_int(g_p, CEV_OPT_REPAIR_UTF8, 1), CEV_OK);
    ck_assert_int_eq(parse("abc\xff\xfe def\0ghi", 13, &r), CEV_OK);
    cev_result_free(r);
}
END_TEST

START_TEST(bad_published_date)
{
    cev_article a = CEV_ARTICLE_INIT;
    cev_result *r = NULL;
    a.text = "x";
    a.len = 1;
    a.published = "2017-02-30";
    ck_assert_int_eq(cev_parse(&r, g_p, &a), CEV_ERR_DATE);
    a.version = 99;
    ck_assert_int_eq(cev_parse(&r, g_p, &a), CEV_ERR_INVALID);
}
END_TEST

START_TEST(too_large_and_options)
{
    int64_t v;
    ck_assert_int_eq(cev_parser_set_int(g_p, CEV_OPT_MAX_INPUT, 10), CEV_OK);
    ck_assert_int_eq(cev_parser_get_int(g_p, CEV_OPT_MAX_INPUT, &v), CEV_OK);
    ck_assert_int_eq(v, 10);
    cev_result *r = NULL;
    ck_assert_int_eq(parse("this is longer than ten", 23, &r), CEV_ERR_TOO_LARGE);
    ck_assert_int_eq(cev_parser_set_int(g_p, 12345, 1), CEV_ERR_INVALID);
    ck_assert_int_eq(cev_parser_set_int(g_p, CEV_OPT_MIN_CONFIDENCE, 5000), CEV_ERR_INVALID);
}
END_TEST

START_TEST(fifty_megabytes)
{
    const char *para = "Turkish rockets pounded Kurdish fighters near al-Bab on Friday, "
                       "killing at least 12 people, a monitor said.\n\n";
    /* 50 MB; 5 MB under valgrind (CEV_TEST_QUICK), where it would take minutes */
    size_t pl = strlen(para), total = getenv("CEV_TEST_QUICK") ? 5u << 20 : 50u << 20;
    char *big = malloc(total);
    ck_assert_ptr_nonnull(big);
    for (size_t i = 0; i < total; i++)
        big[i] = para[i % pl];
    cev_result *r = NULL;
    int rc = parse(big, total, &r);
    ck_assert_int_eq(rc, CEV_OK);
    /* every span points inside the input */
    for (size_t i = 0; i < cev_result_count(r); i++)
        ck_assert_uint_le(cev_result_event(r, i)->span.end, total);
    cev_result_free(r);
    free(big);
}
END_TEST

START_TEST(random_bytes)
{
    unsigned seed = 42;
    size_t n = 1 << 20;
    char *junk = malloc(n);
    ck_assert_ptr_nonnull(junk);
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        junk[i] = (char)(seed >> 16);
    }
    cev_result *r = NULL;
    int rc = parse(junk, n, &r);
    ck_assert(rc == CEV_ERR_UTF8 || rc == CEV_ERR_NUL);
    ck_assert_int_ge(cev_parser_error_offset(g_p), 0);
    ck_assert_int_eq(cev_parser_set_int(g_p, CEV_OPT_REPAIR_UTF8, 1), CEV_OK);
    ck_assert_int_eq(parse(junk, n, &r), CEV_OK);
    cev_result_free(r);
    free(junk);
}
END_TEST

START_TEST(document_layout)
{
    const char *page =
        "Turkey Pounds Kurdish Fighters In Syria\n"
        "12 June, 2017\n"
        "At least 90 Turkish rockets pounded Kurdish fighters in northern Syria.\n"
        "READ ALSO: Something else entirely\n"
        "Clashes intensified on Friday, a monitor said.\n"
        "Second Story Headline Here\n"
        "Air strikes hit Aleppo on Saturday, killing five people.\n"
        "Related Posts\n"
        "1. A reader says the army killed 500 people.\n";
    cev_document *d = NULL;
    ck_assert_int_eq(cev_document_new(&d, g_p, page, strlen(page)), CEV_OK);
    ck_assert_uint_eq(cev_document_block_count(d), 9);
    int want[] = {CEV_BLOCK_HEADLINE, CEV_BLOCK_DATELINE, CEV_BLOCK_BODY, CEV_BLOCK_BOILERPLATE,
                  CEV_BLOCK_BODY, CEV_BLOCK_HEADLINE, CEV_BLOCK_BODY, CEV_BLOCK_BOILERPLATE,
                  CEV_BLOCK_COMMENT};
    int story[] = {0, 0, 0, 0, 0, 1, 1, 1, 1};
    for (size_t i = 0; i < 9; i++) {
        cev_segment sg;
        ck_assert_int_eq(cev_document_block(d, i, &sg), CEV_OK);
        ck_assert_msg(sg.kind == want[i], "block %zu is %s, want %s", i,
                      cev_block_kind_name(sg.kind), cev_block_kind_name(want[i]));
        ck_assert_int_eq(sg.story, story[i]);
    }
    cev_segment sg;
    ck_assert_int_eq(cev_document_block(d, 99, &sg), CEV_ERR_INVALID);
    cev_document_free(d);
}
END_TEST

START_TEST(document_offsets_point_into_input)
{
    const char *page = "\xe2\x80\x9cStrike\xe2\x80\x9d hit Raqqa.\xc2\xa0The end.";
    cev_document *d = NULL;
    ck_assert_int_eq(cev_document_new(&d, g_p, page, strlen(page)), CEV_OK);
    ck_assert_uint_eq(cev_document_sentence_count(d), 2);
    cev_segment s0, s1;
    cev_document_sentence(d, 0, &s0);
    cev_document_sentence(d, 1, &s1);
    ck_assert_uint_eq(s0.src.start, 0);
    ck_assert(!memcmp(page + s1.src.start, "The end.", 8));
    ck_assert_uint_eq(s1.src.end, strlen(page));
    cev_document_free(d);
}
END_TEST

/* The alias-table names of a document, with offsets into the input. */
static const cev_doc_name *find_name(const cev_doc_name *v, size_t n, const char *page,
                                     const char *text)
{
    for (size_t i = 0; i < n; i++)
        if (v[i].src.end - v[i].src.start == strlen(text) &&
            !memcmp(page + v[i].src.start, text, strlen(text)))
            return &v[i];
    return NULL;
}

/* The document of `page` and its names. */
static void names_of(const char *page, cev_document **d, cev_doc_name **v, size_t *n)
{
    *d = NULL;
    *v = NULL;
    *n = 0;
    ck_assert_int_eq(cev_document_new(d, g_p, page, strlen(page)), CEV_OK);
    ck_assert_int_eq(cev_document_names(v, n, g_p, *d), CEV_OK);
}

/* The name written as `text`, which must be a place in `country`. */
static const cev_doc_name *expect_place(const cev_doc_name *v, size_t n, const char *page,
                                        const char *text, const char *country)
{
    const cev_doc_name *x = find_name(v, n, page, text);
    ck_assert_msg(x != NULL, "no name '%s'", text);
    ck_assert_msg(x->has_place, "'%s' is no place", text);
    ck_assert_str_eq(x->place.country, country);
    return x;
}

START_TEST(document_names)
{
    const char *page = "\xe2\x80\x9cTurkish forces\xe2\x80\x9d shelled Afrin in Syria, "
                       "killing 3 civilians.\nLet us see what is said.\nGunmen attacked Kabul.\n"
                       "EA WorldView said so.";
    cev_document *d;
    cev_doc_name *v;
    size_t n;
    names_of(page, &d, &v, &n);
    ck_assert_ptr_nonnull(v);
    const cev_doc_name *x = find_name(v, n, page, "Turkish forces");
    ck_assert_ptr_nonnull(x);
    ck_assert(x->has_actor);
    ck_assert_str_eq(x->actor.country, "TR");
    ck_assert_uint_eq(x->sentence, 0);
    x = expect_place(v, n, page, "Afrin", "SY");
    ck_assert(x->place.has_coords);
    x = find_name(v, n, page, "Syria");
    ck_assert_ptr_nonnull(x);
    ck_assert(x->has_place && x->place.kind == CEV_KIND_COUNTRY);
    x = find_name(v, n, page, "civilians");
    ck_assert_ptr_nonnull(x);
    ck_assert(x->has_actor && !x->has_place);
    ck_assert_int_eq(x->actor.kind, CEV_KIND_CIVILIANS);
    /* "us" in a sentence is not the United States. */
    ck_assert_ptr_null(find_name(v, n, page, "us"));
    x = find_name(v, n, page, "Kabul");
    ck_assert_ptr_nonnull(x);
    ck_assert_uint_eq(x->sentence, 2);
    /* A name with an inner capital matches although glued words are split
     * in text: names are split alike. */
    x = find_name(v, n, page, "EA WorldView");
    ck_assert_ptr_nonnull(x);
    ck_assert(x->has_actor);
    /* In text order. */
    for (size_t i = 1; i < n; i++)
        ck_assert_uint_le(v[i - 1].src.start, v[i].src.start);
    cev_free(v);
    /* Misuse gets an error, not a crash. */
    ck_assert_int_eq(cev_document_names(NULL, &n, g_p, d), CEV_ERR_INVALID);
    ck_assert_int_eq(cev_document_names(&v, &n, g_p, NULL), CEV_ERR_INVALID);
    ck_assert_ptr_null(v);
    ck_assert_int_eq(cev_document_names(&v, &n, NULL, d), CEV_ERR_INVALID);
    cev_document_free(d);
    /* An empty document has no names. */
    ck_assert_int_eq(cev_document_new(&d, g_p, "", 0), CEV_OK);
    ck_assert_int_eq(cev_document_names(&v, &n, g_p, d), CEV_OK);
    ck_assert_uint_eq(n, 0);
    ck_assert_ptr_null(v);
    cev_document_free(d);
}
END_TEST

/* A name after a possessor ("Sudan's Darfur") is a name of its own, not part
 * of a longer capitalised name; the possessor chooses among its homonyms
 * ("Lebanon's Tripoli"), and names a place itself only for a part of it
 * ("Syria's north"). */
START_TEST(document_names_possessive)
{
    const char *page = "Shelling hit Sudan\xe2\x80\x99s Darfur and Lebanon's Tripoli on Monday.\n"
                       "Nigeria's army said fighting went on in Syria's north.\n"
                       "Rebels held the Philippines' Mindanao.";
    cev_document *d;
    cev_doc_name *v;
    size_t n;
    names_of(page, &d, &v, &n);
    expect_place(v, n, page, "Darfur", "SD");
    expect_place(v, n, page, "Tripoli", "LB");
    /* the possessor before a place: the country (an actor reading), not the place */
    const cev_doc_name *x = find_name(v, n, page, "Sudan");
    ck_assert_ptr_nonnull(x);
    ck_assert(!x->has_place);
    x = find_name(v, n, page, "Nigeria's army");
    ck_assert_ptr_nonnull(x);
    ck_assert(x->has_actor && !x->has_place);
    ck_assert_int_eq(x->actor.kind, CEV_KIND_MILITARY);
    ck_assert_str_eq(x->actor.country, "NG");
    x = find_name(v, n, page, "Syria");
    ck_assert_ptr_nonnull(x);
    ck_assert(x->has_place && x->place.kind == CEV_KIND_COUNTRY);
    expect_place(v, n, page, "Mindanao", "PH");
    cev_free(v);
    cev_document_free(d);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("document");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, version);
    tcase_add_test(tc, empty_input);
    tcase_add_test(tc, nul_inside_text);
    tcase_add_test(tc, invalid_utf8_positions);
    tcase_add_test(tc, repair_goes_on);
    tcase_add_test(tc, bad_published_date);
    tcase_add_test(tc, too_large_and_options);
    tcase_add_test(tc, fifty_megabytes);
    tcase_add_test(tc, random_bytes);
    tcase_add_test(tc, document_layout);
    tcase_add_test(tc, document_offsets_point_into_input);
    tcase_add_test(tc, document_names);
    tcase_add_test(tc, document_names_possessive);
    suite_add_tcase(s, tc);
    return s;
}

CEV_TEST_MAIN()
