/* test_keys.c - folding names into keys, word flags, and the skeleton key. */
#include "testutil.h"
#include "context.h"
#include "keys.h"

static void expect_key(const char *name, const char *want)
{
    char *k = NULL;
    ck_assert_int_eq(cev_name_key(&k, name, strlen(name)), CEV_OK);
    ck_assert_msg(strcmp(k, want) == 0, "key of '%s' is '%s', want '%s'", name, k, want);
    free(k);
}

START_TEST(case_diacritics_punctuation)
{
    static const char *const cases[][2] = {
        {"Raqqa", "raqqa"},
        {"RAQQA", "raqqa"},
        {"Syria's", "syria"},
        {"Syria’s", "syria"},
        {"rebels'", "rebels"},
        {"U.S.", "us"},
        {"US", "us"},
        {"St. Petersburg", "st petersburg"},
        {"Bosnia & Herzegovina", "bosnia and herzegovina"},
        {"Bosnia-Herzegovina", "bosnia herzegovina"},
        {"Côte d'Ivoire", "cote divoire"},
        {"Şanlıurfa", "sanliurfa"},
        {"Girê Spî", "gire spi"},
        {"Zürich", "zurich"},
        {"Łódź", "lodz"},
        {"Ærø", "aero"},
        {"Straße", "strasse"},
        {"  spaced   out  ", "spaced out"},
        {"Kurdish–led", "kurdish led"},
        {"Ｒａｑｑａ", "raqqa"}, /* NFKC: full-width letters */
        {"Hay'at Tahrir", "hayat tahrir"},
        {"Ma’arrat", "maarrat"},
        {"1,200", "1200"},
        {"Tripoli (Lebanon)", "tripoli lebanon"},
        {"the Kremlin", "the kremlin"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        expect_key(cases[i][0], cases[i][1]);
}
END_TEST

START_TEST(arabic_articles)
{
    /* "Al-Raqqa", "Ar-Raqqah", "Raqqa", "al Raqqah" meet: the feminine ending
     * -a, -ah is one */
    static const char *const cases[][2] = {
        {"Al-Raqqa", "raqqa"},
        {"al-Raqqa", "raqqa"},
        {"AL-RAQQA", "raqqa"},
        {"Ar-Raqqah", "raqqa"},
        {"al Raqqah", "raqqa"},
        {"Raqqah", "raqqa"},
        {"Hasakeh", "hasake"},
        {"Utah", "uta"},
        {"Deir ez-Zor", "deir zor"},
        {"Dayr az Zawr", "dayr zawr"},
        {"Deir al-Zour", "deir zour"},
        {"Hayat Tahrir ash-Sham", "hayat tahrir sham"},
        {"Hay'at Tahrir al-Sham", "hayat tahrir sham"},
        {"Ahrar as Sham", "ahrar sham"},
        {"Ahrar al-Sham", "ahrar sham"},
        {"As-Suwayda", "suwayda"},
        {"Salah ed-Din", "sala din"},
        {"Lashkar-e-Taiba", "lashkar taiba"},
        {"Tehrik-i-Taliban", "tehrik taliban"},
        /* an English-looking article opening a name stays: "At Tanf" is "at Tanf" */
        {"An Najaf", "an najaf"},
        {"As Suwayda", "as suwayda"},
        /* "I" alone is a numeral, not the izafe */
        {"Region I", "region i"},
        /* an article alone is kept rather than leaving nothing */
        {"al", "al"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        expect_key(cases[i][0], cases[i][1]);
}
END_TEST

START_TEST(other_scripts)
{
    static const char *const cases[][2] = {
        {"Москва", "moskva"},
        {"Йошкар-Ола", "yoshkar ola"},
        {"Київ", "kyiv"}, /* Ukrainian romanization for Ukrainian words */
        {"Харків", "kharkiv"},
        {"Запоріжжя", "zaporizhzhia"},
        {"الرقة", "rqt"}, /* the fused article dropped */
        {"دير الزور", "dyr zwr"},
        {"أحرار الشام", "ahrar sham"},
        {"ﻻ", "la"}, /* presentation form through NFKC */
        {"Αθήνα", "athina"},
        {"Ἀθῆναι", "athinai"},
        {"ירושלים", "yrvshlym"},
        {"Հայաստան", "hayastan"},
        {"თბილისი", "tbilisi"},
        {"北京市", "北京市"}, /* kept, case-folded */
        {"नई दिल्ली", "नई दिल्ली"},
        {"٢٠١٧", "2017"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        expect_key(cases[i][0], cases[i][1]);
}
END_TEST

START_TEST(bad_input_never_crashes)
{
    char *k = NULL;
    /* invalid UTF-8 is skipped */
    ck_assert_int_eq(cev_name_key(&k, "Ra\xff\xfeqqa", 8), CEV_OK);
    ck_assert_str_eq(k, "ra qqa");
    free(k);
    ck_assert_int_eq(cev_name_key(&k, "", 0), CEV_OK);
    ck_assert_str_eq(k, "");
    free(k);
    ck_assert_int_eq(cev_name_key(&k, NULL, 0), CEV_ERR_INVALID);
    ck_assert_ptr_null(k);
    /* a long word of mixed scripts */
    size_t n = 1 << 20;
    char *big = malloc(n + 1);
    for (size_t i = 0; i < n; i += 4)
        memcpy(big + i, i % 8 ? "\xd0\x96\xd0\x96" : "ab-'", 4);
    big[n] = '\0';
    ck_assert_int_eq(cev_name_key(&k, big, n), CEV_OK);
    ck_assert_ptr_nonnull(k);
    free(k);
    free(big);
}
END_TEST

static cev_words fold_text(const char *s)
{
    cev_words v;
    cev_words_init(&v);
    ck_assert_int_eq(cev_fold_name(&v, s, strlen(s)), CEV_OK);
    return v;
}

START_TEST(word_flags)
{
    cev_words v = fold_text("al-Raqqa IS Is US-backed Syria's As Raqqa");
    /* al | raqqa | is | is | us | backed | syria | as | raqqa */
    ck_assert_uint_eq(v.n, 9);
    ck_assert(v.w[0].flags & CEV_W_ARTICLE);
    ck_assert(v.w[0].flags & CEV_W_LEAD_ART); /* joined to its name */
    ck_assert(v.w[0].flags & CEV_W_TOKSTART);
    ck_assert(!(v.w[1].flags & CEV_W_TOKSTART));
    ck_assert(v.w[1].flags & CEV_W_CAP);
    ck_assert(v.w[2].flags & CEV_W_ALLCAPS);
    ck_assert(!(v.w[3].flags & CEV_W_ALLCAPS));
    ck_assert(v.w[3].flags & CEV_W_CAP);
    ck_assert(v.w[4].flags & CEV_W_ALLCAPS);
    ck_assert(!(v.w[5].flags & CEV_W_CAP));
    ck_assert(v.w[6].flags & CEV_W_POSS);
    ck_assert(v.w[7].flags & CEV_W_ARTICLE);
    ck_assert(!(v.w[7].flags & CEV_W_LEAD_ART)); /* "As" alone is English */
    cev_words_free(&v);

    v = fold_text("Al Raqqah الرقة 北京");
    ck_assert(v.w[0].flags & CEV_W_LEAD_ART);
    ck_assert(v.w[2].flags & CEV_W_TOKSTART);
    ck_assert(!(v.w[2].flags & CEV_W_CASED)); /* Arabic has no case */
    ck_assert(!(v.w[3].flags & CEV_W_CASED));
    cev_words_free(&v);
}
END_TEST

/* Two names meet through the skeleton when every word has the same skeleton
 * and is close enough (the guard). */
static int skel_meet(const char *a, const char *b)
{
    cev_words x = fold_text(a), y = fold_text(b);
    size_t xi[16], yi[16], xn = 0, yn = 0;
    for (size_t i = 0; i < x.n && xn < 16; i++)
        if (!(x.w[i].flags & CEV_W_ARTICLE))
            xi[xn++] = i;
    for (size_t i = 0; i < y.n && yn < 16; i++)
        if (!(y.w[i].flags & CEV_W_ARTICLE))
            yi[yn++] = i;
    /* as the matcher: at least 6 letters, 7 for one word */
    size_t letters = 0;
    for (size_t i = 0; i < yn; i++)
        letters += y.w[yi[i]].letters;
    int same = xn == yn && letters >= 6 + (yn == 1);
    for (size_t i = 0; same && i < xn; i++) {
        const cev_word *p = &x.w[xi[i]], *q = &y.w[yi[i]];
        same = cev_word_skel(&x, xi[i], i > 0) == cev_word_skel(&y, yi[i], i > 0) &&
               cev_skel_close(cev_word_text(&x, xi[i]), p->klen, cev_word_text(&y, yi[i]),
                              q->klen, i > 0);
    }
    cev_words_free(&x);
    cev_words_free(&y);
    return same;
}

START_TEST(skeleton_merges_spellings)
{
    static const char *const pairs[][2] = {
        {"Deir ez-Zor", "Dayr az Zawr"},
        {"Deir ez-Zor", "Deir Ezzor"},
        {"Deir ez-Zor", "Deir al-Zour"},
        {"Dayr az Zawr", "Deir Ezzor"},
        {"Deir Raqqa", "Deir Rakka"},
        {"Hasakah", "Hassakeh"},
        {"Hasakah", "Al-Hassakeh"},
        {"Khan Sheikhoun", "Khan Shaykhun"},
        {"al-Qaeda group", "al-Qaida group"},
        {"Idlib city", "Edlib city"},
        {"Manbij city", "Menbij city"},
        {"Kobani town", "Kobane town"},
        {"Tal Abyad", "Tell Abyad"},
        {"Qamishli", "Qamishly"},
        {"Mayadin", "Mayadeen"},
        {"Latakia", "Lattakia"},
        {"Muhammad", "Mohammed"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
        ck_assert_msg(skel_meet(pairs[i][0], pairs[i][1]), "'%s' and '%s' should meet",
                      pairs[i][0], pairs[i][1]);
}
END_TEST

START_TEST(skeleton_keeps_names_apart)
{
    static const char *const pairs[][2] = {
        {"Homs", "Hama"},       {"Idlib", "Irbid"},     {"Iran", "Iraq"},
        {"Mali", "Malawi"},     {"Niger", "Nigeria"},   {"Sudan", "South Sudan"},
        {"Gaza", "Ghazni"},     {"Guinea", "Ghana"},    {"Austria", "Australia"},
        {"Daily", "Dolow"},     {"Oman", "Amman"},      {"Iran", "Oran"},
        {"Jordan", "Jordanian"}, {"Syria", "Serbia"},   {"Tikrit", "Takrit"},
        {"Mosul", "Mashhad"},   {"Kabul", "Kobani"},    {"Aden", "Adana"},
        {"Beirut", "Beira"},    {"Saada", "Saida"},     {"Taiz", "Tabriz"},
        {"Zabadani", "Zebdani"}, {"Homs", "Hims al-Jadida"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
        ck_assert_msg(!skel_meet(pairs[i][0], pairs[i][1]), "'%s' and '%s' must not meet",
                      pairs[i][0], pairs[i][1]);
    /* Hasakah / Hasaka: one place, the same key already */
    expect_key("Hasakah", "hasaka");
    expect_key("Al-Hasaka", "hasaka");
    /* short words never meet by skeleton: Raqqa/Rakka is left to the data */
    ck_assert(!skel_meet("Raqqa", "Rakka"));
}
END_TEST

/* A one-word name matched loosely on its own allows one edit (two half
 * ones), three halves from 9 letters: spellings of one name meet, an
 * English name and a romanized one three half edits apart do not. */
START_TEST(skeleton_single_word)
{
    static const char *const meet[][2] = {
        {"hasaka", "hassakeh"}, {"qamishli", "qamishly"}, {"mayadin", "mayadeen"},
        {"latakia", "lattakia"}, {"muhammad", "mohammed"}, {"kobani", "kobane"},
    };
    for (size_t i = 0; i < sizeof meet / sizeof meet[0]; i++)
        ck_assert_msg(cev_skel_close_single(meet[i][0], strlen(meet[i][0]), meet[i][1],
                                            strlen(meet[i][1])),
                      "'%s' and '%s' should meet", meet[i][0], meet[i][1]);
    static const char *const apart[][2] = {
        {"seattle", "saatli"}, {"tortosa", "tartus"}, {"portland", "pirtland"},
    };
    for (size_t i = 0; i < sizeof apart / sizeof apart[0]; i++) {
        ck_assert_msg(!cev_skel_close_single(apart[i][0], strlen(apart[i][0]), apart[i][1],
                                             strlen(apart[i][1])),
                      "'%s' and '%s' must not meet alone", apart[i][0], apart[i][1]);
    }
    /* the general rule (a word of a longer name) is looser */
    ck_assert(cev_skel_close("seattle", 7, "saatli", 6, 0));
    size_t m;
    ck_assert_uint_eq(cev_skel_dist("latakia", 7, "lattakia", 8, 0, &m), 1);
    ck_assert_uint_eq(m, 8);
}
END_TEST

/* Any apostrophe: ' ’ ‘ ʼ ʻ ` (names typed or pasted from typeset text). */
START_TEST(apostrophes)
{
    expect_key("St George\xE2\x80\x99s Chapel", "st george chapel");
    expect_key("St George's Chapel", "st george chapel");
    expect_key("St George\xCA\xBCs Chapel", "st george chapel");
    expect_key("St George`s Chapel", "st george chapel");
    expect_key("Hawai\xCA\xBBi", "hawaii");
    expect_key("C\xC3\xB4te d\xE2\x80\x99Ivoire", "cote divoire");
    expect_key("Hay\xE2\x80\x98" "at Tahrir al-Sham", "hayat tahrir sham");
    expect_key("rebels\xE2\x80\x99", "rebels");
}
END_TEST

START_TEST(hashes_are_stable)
{
    /* the sequence hash depends on order */
    uint64_t a = cev_word_hash("deir", 4), b = cev_word_hash("zor", 3);
    ck_assert(cev_seq_add(cev_seq_add(CEV_SEQ_SEED, a), b) !=
              cev_seq_add(cev_seq_add(CEV_SEQ_SEED, b), a));
    ck_assert_uint_ne(cev_word_hash("", 0), 0);
    char sk[64];
    ck_assert_uint_eq(cev_skeleton("deir", 4, 0, sk, sizeof sk), 3);
    ck_assert_str_eq(sk, "dVr");
    cev_skeleton("ezzor", 5, 1, sk, sizeof sk);
    ck_assert_str_eq(sk, "zVr");
    cev_skeleton("sheikhoun", 9, 0, sk, sizeof sk);
    ck_assert_str_eq(sk, "SVxVn");
    ck_assert(cev_is_article("al", 2));
    ck_assert(!cev_is_article("all", 3));
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("keys");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, case_diacritics_punctuation);
    tcase_add_test(tc, arabic_articles);
    tcase_add_test(tc, other_scripts);
    tcase_add_test(tc, bad_input_never_crashes);
    tcase_add_test(tc, word_flags);
    tcase_add_test(tc, skeleton_merges_spellings);
    tcase_add_test(tc, skeleton_keeps_names_apart);
    tcase_add_test(tc, skeleton_single_word);
    tcase_add_test(tc, apostrophes);
    tcase_add_test(tc, hashes_are_stable);
    suite_add_tcase(s, tc);
    return s;
}

CEV_TEST_MAIN()
