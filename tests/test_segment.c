/* test_segment.c - sentences and tokens of news prose. */
#include "testutil.h"
#include "segment.h"

static cev_seg seg_of(const char *s)
{
    cev_seg g;
    cev_err e;
    cev_err_clear(&e);
    ck_assert_int_eq(cev_segment_text(&g, s, strlen(s), &e), CEV_OK);
    return g;
}

static void expect_sentences(const char *s, const char *const *want, size_t n)
{
    cev_seg g = seg_of(s);
    ck_assert_msg(g.n_sents == n, "got %zu sentences, want %zu in: %s", g.n_sents, n, s);
    for (size_t i = 0; i < n; i++) {
        size_t len = g.sents[i].end - g.sents[i].start;
        ck_assert_msg(strlen(want[i]) == len && !memcmp(s + g.sents[i].start, want[i], len),
                      "sentence %zu is '%.*s', want '%s'", i, (int)len, s + g.sents[i].start,
                      want[i]);
    }
    cev_seg_free(&g);
}

START_TEST(news_abbreviations)
{
    const char *s = "U.S. forces struck on Feb. 26 near No. 10 camp. Gen. Smith said so at 10 "
                    "a.m. local time. The group left.";
    const char *want[] = {"U.S. forces struck on Feb. 26 near No. 10 camp.",
                          "Gen. Smith said so at 10 a.m. local time.", "The group left."};
    expect_sentences(s, want, 3);
}
END_TEST

START_TEST(abbreviation_at_sentence_end)
{
    const char *s = "The strikes were carried out by the U.S. The Pentagon confirmed it.";
    const char *want[] = {"The strikes were carried out by the U.S.", "The Pentagon confirmed it."};
    expect_sentences(s, want, 2);
}
END_TEST

START_TEST(lines_are_blocks)
{
    const char *s = "Turkey Pounds Kurdish Fighters In Syria\n\nAt least 90 rockets hit. Two "
                    "died.\n  \nLast line";
    cev_seg g = seg_of(s);
    ck_assert_uint_eq(g.n_blocks, 3);
    ck_assert_uint_eq(g.n_sents, 4);
    ck_assert_uint_eq(g.sents[0].block, 0);
    ck_assert_uint_eq(g.sents[2].block, 1);
    ck_assert_uint_eq(g.sents[3].block, 2);
    cev_seg_free(&g);
}
END_TEST

START_TEST(quotes_close_sentences)
{
    const char *s = "\"We strongly condemn such actions,\" he said. \"It is over.\" Then silence.";
    const char *want[] = {"\"We strongly condemn such actions,\" he said.", "\"It is over.\"",
                          "Then silence."};
    expect_sentences(s, want, 3);
}
END_TEST

/* The tokens of s, as written, are exactly want[0..n). */
static void expect_tokens(const char *s, const cev_seg *g, const char *const *want, size_t n)
{
    ck_assert_uint_eq(g->n_toks, n);
    for (size_t i = 0; i < n; i++) {
        size_t len = g->toks[i].end - g->toks[i].start;
        ck_assert_msg(strlen(want[i]) == len && !memcmp(s + g->toks[i].start, want[i], len),
                      "token %zu is '%.*s', want '%s'", i, (int)len, s + g->toks[i].start, want[i]);
    }
}

START_TEST(tokens)
{
    const char *s = "At least 1,200 U.S.-backed fighters (50+) left al-Bab's 3.5 km zone.";
    cev_seg g = seg_of(s);
    const char *want[] = {"At", "least", "1,200", "U.S.-backed", "fighters", "(", "50", "+",
                          ")", "left", "al-Bab's", "3.5", "km", "zone", "."};
    expect_tokens(s, &g, want, sizeof want / sizeof *want);
    ck_assert(g.toks[2].flags & CEV_TOK_NUM);
    ck_assert(g.toks[0].flags & CEV_TOK_CAP);
    ck_assert(g.toks[5].flags & CEV_TOK_PUNCT);
    cev_seg_free(&g);
}
END_TEST

/* A scrape runs a caption into the next line: "CeasefireFighting" is two
 * words; brand and family names with an inner capital stay one. */
START_TEST(glued_words)
{
    const char *s = "Syria CeasefireFighting in AleppoNearly McDonald YouTube iPhone KwaZulu "
                    "al-AssadRegime WorldView.";
    cev_seg g = seg_of(s);
    const char *want[] = {"Syria", "Ceasefire", "Fighting", "in", "Aleppo", "Nearly",
                          "McDonald", "YouTube", "iPhone", "KwaZulu", "al-Assad", "Regime",
                          "World", "View", "."};
    expect_tokens(s, &g, want, sizeof want / sizeof *want);
    ck_assert(g.toks[2].flags & CEV_TOK_CAP);
    cev_seg_free(&g);
}
END_TEST

START_TEST(allcaps_and_dotted)
{
    const char *s = "The SDF and U.N. met IS fighters.";
    cev_seg g = seg_of(s);
    ck_assert(g.toks[1].flags & CEV_TOK_ALLCAPS);
    ck_assert(cev_tok_is(s, &g.toks[3], "U.N."));
    ck_assert(g.toks[3].flags & CEV_TOK_ABBR);
    ck_assert(g.toks[5].flags & CEV_TOK_ALLCAPS);
    cev_seg_free(&g);
}
END_TEST

START_TEST(non_latin_words)
{
    const char *s = "\xd8\xa7\xd9\x84\xd8\xb1\xd9\x82\xd8\xa9 \xd0\x9a\xd0\xb8\xd0\xb5\xd0\xb2.";
    cev_seg g = seg_of(s);
    ck_assert_uint_eq(g.n_toks, 3);
    ck_assert(g.toks[0].flags & CEV_TOK_WORD);
    ck_assert(g.toks[1].flags & CEV_TOK_WORD);
    cev_seg_free(&g);
}
END_TEST

START_TEST(seed_articles_segment)
{
    char path[4096];
    const char *files[] = {"corpus/seeds/000_6e540800924a898d.txt", "corpus/seeds/002_86881a3a57d73c7f.txt"};
    for (size_t f = 0; f < 2; f++) {
        if (!cev_test_shared(files[f], path, sizeof path))
            return;
        size_t len;
        char *txt = cev_test_read_file(path, &len);
        ck_assert_ptr_nonnull(txt);
        cev_seg g;
        cev_err e;
        cev_err_clear(&e);
        /* the seeds are ASCII-compatible enough to segment raw for this check */
        ck_assert_int_eq(cev_segment_text(&g, txt, len, &e), CEV_OK);
        ck_assert_uint_gt(g.n_sents, 20);
        /* no sentence crosses a line */
        for (size_t i = 0; i < g.n_sents; i++)
            ck_assert_ptr_null(memchr(txt + g.sents[i].start, '\n', g.sents[i].end - g.sents[i].start));
        cev_seg_free(&g);
        free(txt);
    }
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("segment");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, news_abbreviations);
    tcase_add_test(tc, abbreviation_at_sentence_end);
    tcase_add_test(tc, lines_are_blocks);
    tcase_add_test(tc, quotes_close_sentences);
    tcase_add_test(tc, tokens);
    tcase_add_test(tc, glued_words);
    tcase_add_test(tc, allcaps_and_dotted);
    tcase_add_test(tc, non_latin_words);
    tcase_add_test(tc, seed_articles_segment);
    suite_add_tcase(s, tc);
    return s;
}

CEV_TEST_MAIN()
