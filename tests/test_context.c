/* test_context.c - the built-in alias table and gazetteer, lookups, and
 * matching aliases over tokenized sentences. */
#include <pthread.h>
#include <time.h>

#include "testutil.h"
#include "loaders.h"
#include "mentions.h"
#include "segment.h"

static cev_context *new_ctx(unsigned flags)
{
    cev_context *ctx = NULL;
    int rc = cev_context_new(&ctx, flags);
    ck_assert_msg(rc == CEV_OK, "context: %s", ctx ? cev_context_errmsg(ctx) : cev_strerror(rc));
    return ctx;
}

static void load_ok(cev_context *ctx, const char *rel)
{
    char path[1024];
    cev_test_data(rel, path, sizeof path);
    ck_assert_msg(cev_context_load_file(ctx, path, CEV_FORMAT_TSV) == CEV_OK, "%s: %s", rel,
                  cev_context_errmsg(ctx));
}

static cev_context *fixture_ctx(void)
{
    cev_context *ctx = new_ctx(CEV_CONTEXT_NO_BUILTIN);
    load_ok(ctx, "alias/entities.tsv");
    load_ok(ctx, "alias/places.tsv");
    return ctx;
}

static const char *lookup_id(const cev_context *ctx, const char *name, const char *cc)
{
    cev_entry e;
    return cev_context_lookup(ctx, name, cc, &e) == CEV_OK ? e.id : NULL;
}

static int is_place(const cev_context *ctx, const cev_rec *r)
{
    uint32_t i = cev_idmap_get(&ctx->ids, r->id);
    return i != CEV_AI_NONE && (ctx->rflags[i] & CEV_REC_PLACE);
}

/* A sentence segmented and folded, to match aliases in. */
typedef struct sentence {
    const char *s;
    cev_seg g;
    cev_keys *k;
} sentence;

static sentence sent_new(const cev_context *ctx, const char *s)
{
    sentence x;
    cev_err e;
    cev_err_clear(&e);
    x.s = s;
    ck_assert_int_eq(cev_segment_text(&x.g, s, strlen(s), &e), CEV_OK);
    ck_assert_int_eq(cev_keys_new(&x.k, ctx, s, x.g.toks, x.g.n_toks, &e), CEV_OK);
    return x;
}

static void sent_free(sentence *x)
{
    cev_keys_free(x->k);
    cev_seg_free(&x->g);
}

/* The index of the first token starting with `word`. */
static size_t tok_at(const sentence *x, const char *word)
{
    const char *p = strstr(x->s, word);
    ck_assert_msg(p != NULL, "'%s' not in '%s'", word, x->s);
    for (size_t i = 0; i < x->g.n_toks; i++)
        if (x->g.toks[i].start == (size_t)(p - x->s))
            return i;
    ck_abort_msg("no token at '%s'", word);
    return 0;
}

/* Match at the token starting `at`: the matched text and the first id, or
 * "" when nothing matches. */
static const char *match_at(const cev_context *ctx, const sentence *x, const char *at,
                            char *text, size_t cap)
{
    cev_match m;
    size_t i = tok_at(x, at);
    text[0] = '\0';
    if (!cev_ctx_match(ctx, x->k, x->s, x->g.toks, i, x->g.n_toks, &m))
        return "";
    snprintf(text, cap, "%.*s", (int)(m.end - m.start), x->s + m.start);
    return m.cands[0].rec->id;
}

static void expect_match(const cev_context *ctx, const char *s, const char *at,
                         const char *want_text, const char *want_id)
{
    sentence x = sent_new(ctx, s);
    char text[256];
    const char *id = match_at(ctx, &x, at, text, sizeof text);
    ck_assert_msg(!strcmp(id, want_id) && !strcmp(text, want_text),
                  "in '%s' at '%s': got [%s] %s, want [%s] %s", s, at, text, id, want_text,
                  want_id);
    sent_free(&x);
}

static void expect_no_match(const cev_context *ctx, const char *s, const char *at)
{
    expect_match(ctx, s, at, "", "");
}

/* ---- the built-in data ------------------------------------------------------------ */

START_TEST(builtin_loads)
{
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    cev_context *ctx = new_ctx(0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    size_t ne, np, na;
    cev_context_stats(ctx, &ne, &np, &na);
    fprintf(stderr, "note: built-in data: %zu entities, %zu places, %zu aliases in %.1f ms\n",
            ne, np, na, ms);
    ck_assert_uint_gt(ne, 1000);
    ck_assert_uint_gt(np, 3000);
    ck_assert_uint_gt(na, 15000);
    /* built-in records are not user records */
    ck_assert_ptr_null(cev_ctx_user_entities_tsv(ctx));
    ck_assert_ptr_null(cev_ctx_user_places_tsv(ctx));
    cev_context_free(ctx);
    /* and without them */
    ctx = new_ctx(CEV_CONTEXT_NO_BUILTIN);
    cev_context_stats(ctx, &ne, &np, &na);
    ck_assert_uint_eq(ne + np + na, 0);
    ck_assert_ptr_null(lookup_id(ctx, "Syria", NULL));
    cev_context_free(ctx);
}
END_TEST

/* tests/data/alias/variants.tsv: every spelling resolves to its record, by
 * lookup and inside a sentence. */
START_TEST(variants)
{
    char path[1024];
    size_t len;
    char *data = cev_test_read_file(cev_test_data("alias/variants.tsv", path, sizeof path), &len);
    ck_assert_ptr_nonnull(data);
    cev_context *ctx = new_ctx(0);
    int rows = 0, failed = 0;
    for (char *line = strtok(data, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] == '#' || !line[0])
            continue;
        char *text = line, *want = strchr(line, '\t'), *cc = NULL;
        ck_assert_ptr_nonnull(want);
        *want++ = '\0';
        if ((cc = strchr(want, '\t')))
            *cc++ = '\0';
        rows++;
        const cev_rec *wr = cev_ctx_find(ctx, want);
        ck_assert_msg(wr != NULL, "variants.tsv: no record '%s'", want);
        const char *got = NULL;
        if (cc) {
            got = lookup_id(ctx, text, cc);
        } else {
            /* the best candidate of the same class (actor or place) */
            const cev_rec *c[16];
            size_t n = cev_ctx_candidates(ctx, text, strlen(text), 1, c, 16);
            for (size_t i = 0; i < n && !got; i++)
                if (is_place(ctx, c[i]) == is_place(ctx, wr))
                    got = c[i]->id;
        }
        if (!got || strcmp(got, want)) {
            fprintf(stderr, "variants: '%s' -> %s, want %s\n", text, got ? got : "nothing", want);
            failed++;
            continue;
        }
        if (cc)
            continue;
        /* the same inside a sentence; a leading "the" is left out unless an
         * alias has it */
        char s[512];
        snprintf(s, sizeof s, "On Monday, %s was mentioned again.", text);
        sentence x = sent_new(ctx, s);
        size_t i = 3;
        cev_match m;
        int ok = cev_ctx_match(ctx, x.k, s, x.g.toks, i, x.g.n_toks, &m);
        if (!ok && !strncmp(text, "the ", 4))
            ok = cev_ctx_match(ctx, x.k, s, x.g.toks, ++i, x.g.n_toks, &m);
        const char *mid = NULL;
        for (size_t c = 0; ok && c < m.n_cands && !mid; c++)
            if (is_place(ctx, m.cands[c].rec) == is_place(ctx, wr))
                mid = m.cands[c].rec->id;
        size_t tl = strlen(text);
        if (tl > 2 && !strcmp(text + tl - 2, "'s"))
            tl -= 2; /* "Syria's": the match is "Syria" */
        size_t from = (size_t)(strstr(s, text) - s) + (i == 4 ? 4 : 0);
        if (!mid || strcmp(mid, want) || m.start != from || m.end != from + tl - (i == 4 ? 4 : 0)) {
            fprintf(stderr, "variants: in a sentence '%s' -> %s [%.*s], want %s\n", text,
                    mid ? mid : "nothing", ok ? (int)(m.end - m.start) : 0, ok ? s + m.start : "",
                    want);
            failed++;
        }
        sent_free(&x);
    }
    ck_assert_int_ge(rows, 500);
    ck_assert_msg(failed == 0, "%d of %d variants failed (see stderr)", failed, rows);
    cev_context_free(ctx);
    free(data);
}
END_TEST

/* tests/data/alias/no_match.txt: words of running text that are no alias. */
START_TEST(no_match)
{
    char path[1024];
    size_t len;
    char *data = cev_test_read_file(cev_test_data("alias/no_match.txt", path, sizeof path), &len);
    ck_assert_ptr_nonnull(data);
    cev_context *ctx = new_ctx(0);
    int n = 0;
    for (char *w = strtok(data, "\n"); w; w = strtok(NULL, "\n")) {
        if (w[0] == '#' || !w[0])
            continue;
        n++;
        ck_assert_msg(lookup_id(ctx, w, NULL) == NULL, "'%s' found %s", w, lookup_id(ctx, w, NULL));
        char s[256];
        snprintf(s, sizeof s, "yesterday we heard that %s happened here", w);
        sentence x = sent_new(ctx, s);
        for (size_t i = 0; i < x.g.n_toks; i++) {
            cev_match m;
            ck_assert_msg(!cev_ctx_match(ctx, x.k, s, x.g.toks, i, x.g.n_toks, &m),
                          "'%s' matched %s at '%.*s'", s, m.cands[0].rec->id,
                          (int)(m.end - m.start), s + m.start);
        }
        sent_free(&x);
    }
    ck_assert_int_ge(n, 100);
    /* and at the start of a sentence, capitalized */
    static const char *const starts[] = {"Is", "Us", "Said", "May", "Will", "The city",
                                         "The army", "Province", "Region", NULL};
    for (size_t i = 0; starts[i]; i++) {
        char s[128];
        snprintf(s, sizeof s, "%s was quiet.", starts[i]);
        sentence x = sent_new(ctx, s);
        cev_match m;
        ck_assert_msg(!cev_ctx_match(ctx, x.k, s, x.g.toks, 0, x.g.n_toks, &m), "'%s' matched %s",
                      s, m.cands[0].rec->id);
        sent_free(&x);
    }
    cev_context_free(ctx);
    free(data);
}
END_TEST

/* ---- nationality-named groups (built-in data) -------------------------------------- */

/* The mention of sentence s that starts at `at`, or NULL. */
static int mention_at_word(const cev_context *ctx, const char *s, const char *at, cev_mention *out)
{
    sentence x = sent_new(ctx, s);
    cev_mention m[CEV_MAX_MENTIONS];
    size_t n = cev_find_mentions(ctx, x.k, s, x.g.toks, 0, x.g.n_toks, NULL, m,
                                 CEV_MAX_MENTIONS);
    size_t start = (size_t)(strstr(s, at) - s);
    int found = 0;
    for (size_t i = 0; i < n && !found; i++)
        if (m[i].start == start) {
            *out = m[i];
            found = 1;
        }
    sent_free(&x);
    return found;
}

START_TEST(demonyms)
{
    cev_context *ctx = new_ctx(0);
    /* plural demonyms and the forms that were missing name the country */
    static const char *const country[][2] = {
        {"Iraqis", "IRQ"},       {"Syrians", "SYR"},      {"Afghans", "AFG"},
        {"Palestinians", "PSE"}, {"Israelis", "ISR"},     {"Ukrainians", "UKR"},
        {"Russians", "RUS"},     {"Albanians", "ALB"},    {"Serbs", "SRB"},
        {"Serb", "SRB"},         {"Croats", "HRV"},       {"Croat", "HRV"},
        {"Bosniaks", "BIH"},     {"Bosniak", "BIH"},      {"Azerbaijanis", "AZE"},
        {"Azeris", "AZE"},       {"Armenians", "ARM"},    {"Somalis", "SOM"},
        {"Sudanese", "SDN"},     {"Yemenis", "YEM"},      {"Libyans", "LBY"},
        {"Malians", "MLI"},      {"Nigerians", "NGA"},    {"Nigeriens", "NER"},
        {"Macedonians", "MKD"},  {"Macedonian", "MKD"},   {"Kosovars", "XKX"},
        {"Turks", "TUR"},        {"Americans", "USA"},    {"Britons", "GBR"},
        {"Serb forces", "SRBMIL"}, {"Macedonian army", "MKDMIL"},
        {"Bosnian Serb forces", "VRS"}, {NULL, NULL}};
    for (size_t i = 0; country[i][0]; i++) {
        const char *id = lookup_id(ctx, country[i][0], NULL);
        ck_assert_msg(id && !strcmp(id, country[i][1]), "'%s' -> %s, want %s", country[i][0],
                      id ? id : "nothing", country[i][1]);
    }
    /* peoples without a state of their own are no country */
    static const char *const people[] = {"Kurds", "Rohingya", "Yazidis", "Uyghurs", NULL};
    for (size_t i = 0; people[i]; i++) {
        cev_entry e;
        ck_assert_int_eq(cev_context_lookup(ctx, people[i], NULL, &e), CEV_OK);
        ck_assert_msg(e.kind == CEV_KIND_CIVILIANS && (!e.country || !e.country[0]),
                      "'%s' -> %s (%s)", people[i], e.id, e.country ? e.country : "-");
    }
    /* nor are the adjectives, nor "ethnic X" as a whole name */
    ck_assert_ptr_null(lookup_id(ctx, "Kurdish", NULL));
    ck_assert_ptr_null(lookup_id(ctx, "ethnic Albanians", NULL));
    /* in text a demonym needs its capital: ordinary words stay words */
    expect_no_match(ctx, "they grew swedes and turks were not mentioned", "swedes");
    expect_no_match(ctx, "they grew swedes and turks were not mentioned", "turks");
    expect_match(ctx, "Fighting between Azerbaijanis and Armenians went on.", "Azerbaijanis",
                 "Azerbaijanis", "AZE");

    /* mentions: the roles a demonym plays */
    cev_mention m;
    /* "The Serbian army": a demonym after a capitalised word is no place
     * inside a longer name; with a force noun it is the state's forces */
    ck_assert(mention_at_word(ctx, "The Serbian army shelled the village.", "Serbian", &m));
    ck_assert_str_eq(m.actor->id, "SRBMIL");
    ck_assert(mention_at_word(ctx, "The Serb special police shelled it.", "Serb", &m));
    ck_assert_str_eq(m.actor->id, "SRBPOL");
    ck_assert(mention_at_word(ctx, "Two Palestinian gunmen opened fire.", "Palestinian", &m));
    ck_assert_str_eq(m.actor->id, "PSE");
    ck_assert(mention_at_word(ctx, "Azeri troops shelled the village.", "Azeri", &m));
    ck_assert_str_eq(m.actor->id, "AZEMIL");
    /* not a state's: "Syrian rebels" keep the country; weapons too */
    ck_assert(mention_at_word(ctx, "Syrian rebels shelled the village.", "Syrian", &m));
    ck_assert_str_eq(m.actor->id, "SYR");
    ck_assert(mention_at_word(ctx, "Ukrainian drones hit a depot.", "Ukrainian", &m));
    ck_assert_str_eq(m.actor->id, "UKR");
    /* counted, a people are victims; alone, either side */
    ck_assert(mention_at_word(ctx, "Gunmen killed 4 Iraqis in Baghdad.", "Iraqis", &m));
    ck_assert_str_eq(m.actor->id, "IRQ");
    ck_assert((m.flags & CEV_M_VICTIM) && !(m.flags & CEV_M_ACTOR));
    ck_assert(mention_at_word(ctx, "Gunmen killed four Sudanese in Tripoli.", "Sudanese", &m));
    ck_assert_str_eq(m.actor->id, "SDN");
    ck_assert(m.flags & CEV_M_VICTIM);
    ck_assert(mention_at_word(ctx, "Azerbaijanis and Armenians fought.", "Azerbaijanis", &m));
    ck_assert_str_eq(m.actor->id, "AZE");
    ck_assert((m.flags & CEV_M_ACTOR) && !(m.flags & (CEV_M_PLACE | CEV_M_DEMONYM)));
    /* a same-form demonym before its noun is still the adjective */
    ck_assert(mention_at_word(ctx, "Four Sudanese troops were killed.", "Sudanese", &m));
    ck_assert_str_eq(m.actor->id, "SDNMIL");
    /* "ethnic X": no country at all */
    ck_assert(mention_at_word(ctx, "Police killed 45 ethnic Albanians in Racak.", "ethnic", &m));
    ck_assert_ptr_null(m.actor);
    ck_assert(m.flags & CEV_M_VICTIM);
    ck_assert(mention_at_word(ctx, "Ethnic Albanian rebels attacked.", "Ethnic", &m));
    ck_assert_ptr_null(m.actor);
    ck_assert(m.flags & CEV_M_FORCE);
    /* "Kosovo Albanians", "Iraqi Kurds": the state they live in */
    ck_assert(mention_at_word(ctx, "Kosovo Albanians fled the town.", "Kosovo", &m));
    ck_assert_str_eq(m.actor->id, "XKX");
    ck_assert_uint_eq(m.n_toks, 2);
    ck_assert(mention_at_word(ctx, "Iraqi Kurds clashed with Turkmen.", "Iraqi", &m));
    ck_assert_str_eq(m.actor->id, "IRQ");
    /* "Kurds" alone: the people, never Iraq, Turkey or Syria */
    ck_assert(mention_at_word(ctx, "Troops killed 12 Kurds.", "Kurds", &m));
    ck_assert_str_eq(m.actor->id, "KURDS");
    /* "Rohingya militants": the fighters, not the people */
    ck_assert(mention_at_word(ctx, "Rohingya militants attacked a post.", "Rohingya", &m));
    ck_assert(m.actor == NULL || strcmp(m.actor->id, "ROHINGYA") != 0);
    cev_context_free(ctx);
}
END_TEST

/* ---- matching rules (fixture data) --------------------------------------------------- */

START_TEST(case_rules)
{
    cev_context *ctx = fixture_ctx();
    /* an abbreviation in capitals matches capitals only */
    expect_match(ctx, "IS fighters attacked.", "IS", "IS", "GRP");
    expect_no_match(ctx, "This is what it is.", "is what");
    expect_no_match(ctx, "Is it true?", "Is");
    expect_match(ctx, "The ITF said so.", "ITF", "ITF", "GRP");
    expect_no_match(ctx, "The itf said so.", "itf");
    /* a capitalized alias needs a capitalized word */
    expect_match(ctx, "Shells fell on Bab today.", "Bab", "Bab", "TS:bab");
    expect_no_match(ctx, "They opened the bab door.", "bab");
    expect_match(ctx, "Shells fell on al-Bab today.", "al-Bab", "al-Bab", "TS:bab");
    /* a lower-case alias matches any case */
    expect_match(ctx, "Two civilians died.", "civilians", "civilians", "TSTCIV");
    expect_match(ctx, "Civilians fled.", "Civilians", "Civilians", "TSTCIV");
    expect_match(ctx, "CIVILIANS FLED.", "CIVILIANS", "CIVILIANS", "TSTCIV");
    /* headlines in capitals still match capitalized names */
    expect_match(ctx, "CLASHES IN NORTHA", "NORTHA", "NORTHA", "TS:northa");
    cev_context_free(ctx);
}
END_TEST

START_TEST(longest_and_articles)
{
    cev_context *ctx = fixture_ctx();
    /* the longest alias wins */
    expect_match(ctx, "The Testland Armed Forces advanced.", "Testland", "Testland Armed Forces",
                 "TSTMIL");
    expect_match(ctx, "Testland army units moved.", "Testland", "Testland army", "TSTMIL");
    expect_match(ctx, "Testland said no.", "Testland", "Testland", "TST");
    /* articles are optional inside and at the start of a name */
    expect_match(ctx, "Fighters of Jabhat at-Test left.", "Jabhat", "Jabhat at-Test", "GRP");
    expect_match(ctx, "Fighters of Jabhat Test left.", "Jabhat", "Jabhat Test", "GRP");
    expect_match(ctx, "Fighters of Jabhat as Test left.", "Jabhat", "Jabhat as Test", "GRP");
    expect_match(ctx, "Fighters of Ahrar ash-Test left.", "Ahrar", "Ahrar ash-Test", "GRP");
    expect_match(ctx, "They reached Al Northa.", "Al Northa", "Al Northa", "TS:northa");
    expect_match(ctx, "They reached Ar-Northa.", "Ar-Northa", "Ar-Northa", "TS:northa");
    expect_match(ctx, "They reached Northah.", "Northah", "Northah", "TS:northa");
    /* "As" opening a sentence is English, the name starts after it */
    expect_no_match(ctx, "As Northa fell, they left.", "As");
    expect_match(ctx, "As Northa fell, they left.", "Northa", "Northa", "TS:northa");
    /* a leading "the" is not part of the match unless the alias has it */
    expect_no_match(ctx, "Officials at the Testland army said.", "the Testland");
    expect_match(ctx, "He went to the Palace at noon.", "the Palace", "the Palace", "TSTGOV");
    expect_match(ctx, "He went to Palace Road.", "Palace", "Palace", "TSTGOV");
    /* possessive: the name without "'s"; "Testland's army" is its army */
    expect_match(ctx, "Testland's leaders were there.", "Testland", "Testland", "TST");
    expect_match(ctx, "Testland’s leaders were there.", "Testland", "Testland", "TST");
    expect_match(ctx, "Testland's army was there.", "Testland", "Testland's army", "TSTMIL");
    /* a hyphenated prefix: "Testland-backed" */
    expect_match(ctx, "Testland-backed fighters.", "Testland", "Testland", "TST");
    /* punctuation between words breaks a name; sentences too */
    expect_match(ctx, "They saw Testland, army and all.", "Testland", "Testland", "TST");
    expect_match(ctx, "It was Testland. Army units came.", "Testland", "Testland", "TST");
    /* skeleton: a spelling no alias has */
    expect_match(ctx, "Shelling hit Dayr az Zet on Friday.", "Dayr", "Dayr az Zet",
                 "TS:deir-ez-zet");
    expect_match(ctx, "Shelling hit Deir al-Zett on Friday.", "Deir", "Deir al-Zett",
                 "TS:deir-ez-zet");
    /* a demonym and a transliteration */
    expect_match(ctx, "A Testlander convoy.", "Testlander", "Testlander", "TST");
    expect_match(ctx, "Газета Тестландия пишет.", "Тестландия", "Тестландия", "TST");
    expect_match(ctx, "قصف في نورثا اليوم", "نورثا", "نورثا", "TS:northa");
    /* the end bound is respected */
    sentence x = sent_new(ctx, "The Testland Armed Forces advanced.");
    cev_match m;
    size_t i = tok_at(&x, "Testland");
    ck_assert(cev_ctx_match(ctx, x.k, x.s, x.g.toks, i, i + 2, &m));
    ck_assert_str_eq(m.cands[0].rec->id, "TST");
    ck_assert_uint_eq(m.n_toks, 1);
    ck_assert(!cev_ctx_match(ctx, x.k, x.s, x.g.toks, i, i, &m));
    sent_free(&x);
    cev_context_free(ctx);
}
END_TEST

START_TEST(ambiguity_and_ranking)
{
    cev_context *ctx = fixture_ctx();
    /* two places called Tripolis: the larger first, or the country asked for */
    sentence x = sent_new(ctx, "Clashes in Tripolis left two dead.");
    cev_match m;
    ck_assert(cev_ctx_match(ctx, x.k, x.s, x.g.toks, tok_at(&x, "Tripolis"), x.g.n_toks, &m));
    ck_assert_uint_ge(m.n_cands, 3); /* TS, XT, and "Tripolis (South)" */
    ck_assert_str_eq(m.cands[0].rec->id, "TS:tripolis");
    sent_free(&x);
    ck_assert_str_eq(lookup_id(ctx, "Tripolis", NULL), "TS:tripolis");
    ck_assert_str_eq(lookup_id(ctx, "Tripolis", "XT"), "XT:tripolis");
    /* "(South)" qualifies a name: "Tripolis" finds it as well */
    ck_assert_str_eq(lookup_id(ctx, "Southern Tripolis", NULL), "TS:tripolis-small");
    /* a city before the admin1 unit of the same name, unless the text says province */
    ck_assert_str_eq(lookup_id(ctx, "Northa", NULL), "TS:northa");
    ck_assert_str_eq(lookup_id(ctx, "Northa province", NULL), "TS-NO");
    ck_assert_str_eq(lookup_id(ctx, "Al-Northa governorate", NULL), "TS-NO");
    x = sent_new(ctx, "Fighting in Northa governorate continued.");
    ck_assert(cev_ctx_match(ctx, x.k, x.s, x.g.toks, tok_at(&x, "Northa"), x.g.n_toks, &m));
    ck_assert_str_eq(m.cands[0].rec->id, "TS-NO");
    sent_free(&x);
    /* the spelling with or without the article breaks a tie: "El Salvador" */
    ck_assert_str_eq(lookup_id(ctx, "Salvador", NULL), "TS:salvador");
    ck_assert_str_eq(lookup_id(ctx, "El Salvador", NULL), "XT:el-salvador");
    /* an entity before a place; a name before a metonym */
    ck_assert_str_eq(lookup_id(ctx, "Testland", NULL), "TST");
    ck_assert_str_eq(lookup_id(ctx, "Testopolis", NULL), "TSTGOV");
    /* lookups ignore case, but not for short abbreviations */
    ck_assert_str_eq(lookup_id(ctx, "testland armed forces", NULL), "TSTMIL");
    ck_assert_ptr_null(lookup_id(ctx, "is", NULL));
    ck_assert_str_eq(lookup_id(ctx, "IS", NULL), "GRP");
    ck_assert_str_eq(lookup_id(ctx, "the Front", NULL), "GRP");
    ck_assert_str_eq(lookup_id(ctx, "Front", NULL), "GRP");
    ck_assert_ptr_null(lookup_id(ctx, "nothing like it", NULL));
    ck_assert_ptr_null(lookup_id(ctx, "", NULL));
    cev_context_free(ctx);
}
END_TEST

START_TEST(must_not_merge)
{
    /* one of each pair is in the table: the other must not find it (the
     * last pairs one way only: an English word in text, a name in the table) */
    static const char *const pairs[][2] = {
        {"Homs", "Hama"},     {"Idlib", "Irbid"},         {"Iran", "Iraq"},
        {"Saatli", "Seattle"},
        {"Mali", "Malawi"},   {"Niger", "Nigeria"},       {"Sudan", "South Sudan"},
        {"Gaza", "Ghazni"},   {"Guinea", "Ghana"},        {"Austria", "Australia"},
        {"Oman", "Amman"},    {"Armenia", "Romania"},     {"Basra", "Busra"},
        {"Mosul", "Mashhad"}, {"Kabul", "Kobani"},        {"Beirut", "Beira"},
        {"Saada", "Saida"},   {"Daily", "Dolow"},         {"Union", "Unian"},
        {"Colonia", "Colony"}, {"Provence", "Province"},  {"Thai army", "the army"},
        {"Thiou town", "the town"},
    };
    const size_t one_way = 4, np = sizeof pairs / sizeof pairs[0];
    for (size_t i = 0; i < np; i++)
        for (int k = 0; k < (i + one_way >= np ? 1 : 2); k++) {
            const char *have = pairs[i][k], *other = pairs[i][!k];
            cev_context *ctx = new_ctx(CEV_CONTEXT_NO_BUILTIN);
            char t[256];
            snprintf(t, sizeof t,
                     "id\tkind\tcountry\tadmin1\tlat\tlon\tpopulation\tparent\tname\taliases\n"
                     "TS:x\tcity\tTS\t-\t1.00\t2.00\t-\t-\t%s\t-\n",
                     have);
            ck_assert_int_eq(cev_context_load_buffer(ctx, t, strlen(t), CEV_FORMAT_TSV, "p"),
                             CEV_OK);
            ck_assert_str_eq(lookup_id(ctx, have, NULL), "TS:x");
            ck_assert_msg(lookup_id(ctx, other, NULL) == NULL, "'%s' found '%s'", other, have);
            /* in a sentence, where the other name starts ("Sudan" inside
             * "South Sudan" is a match of its own) */
            char s[256];
            snprintf(s, sizeof s, "Yesterday %s was hit.", other);
            sentence x = sent_new(ctx, s);
            cev_match m;
            ck_assert_msg(!cev_ctx_match(ctx, x.k, s, x.g.toks, 1, x.g.n_toks, &m),
                          "'%s' matched '%s'", s, have);
            sent_free(&x);
            cev_context_free(ctx);
        }
    /* and in the built-in data */
    cev_context *ctx = new_ctx(0);
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        const char *a = lookup_id(ctx, pairs[i][0], NULL), *b = lookup_id(ctx, pairs[i][1], NULL);
        ck_assert_msg(!a || !b || strcmp(a, b), "'%s' and '%s' are both %s", pairs[i][0],
                      pairs[i][1], a);
    }
    cev_context_free(ctx);
}
END_TEST

/* A weaker reading of the same words never ranks first: a name that needed
 * its qualifier, a former name, a transliteration; derived aliases made of
 * common words only are no names; a one-word loose match allows one edit. */
START_TEST(weak_readings)
{
    static const char t[] =
        "id\tkind\tcountry\tadmin1\tlat\tlon\tpopulation\tparent\tname\taliases\n"
        "TS:niu\tcity\tTS\t-\t1.00\t2.00\t900000\t-\tNiu-Yorka\tNew Yorka (Testland)\n"
        "XT:nyc\tcity\tXT\t-\t3.00\t4.00\t800000\t-\tNew Yorka City\tNew Yorka\n"
        "XT:harare\tcity\tXT\t-\t5.00\t6.00\t1600000\t-\tHarara\tformer:Salisburg\n"
        "TS:salisburg\ttown\tTS\t-\t7.00\t8.00\t40000\t-\tSalisburg\t-\n"
        "XT:bombay\tcity\tXT\t-\t9.00\t9.00\t9000000\t-\tMumbaia\tformer:Bombaia\n"
        "TS:big\tcity\tTS\t-\t1.50\t1.50\t5000000\t-\tGrand Ville\ttranslit:Kastra\n"
        "XT:kastra\ttown\tXT\t-\t2.50\t2.50\t1000\t-\tKastra\t-\n"
        "TS-WC\tadmin1\tTS\t-\t1.00\t1.00\t-\t-\tWest Coast Region\tWest Coast (Testland)\n"
        "TS:the-valley\ttown\tTS\t-\t1.00\t1.00\t-\t-\tThe Valley\t-\n"
        "TS:saatli\ttown\tTS\t-\t1.00\t1.00\t-\t-\tSaatli\t-\n"
        "TS:hasakah\ttown\tTS\t-\t1.00\t1.00\t-\t-\tHasakah\t-\n";
    cev_context *ctx = new_ctx(CEV_CONTEXT_NO_BUILTIN);
    ck_assert_int_eq(cev_context_load_buffer(ctx, t, strlen(t), CEV_FORMAT_TSV, "w"), CEV_OK);
    /* "New Yorka (Testland)" is "New Yorka" only when nothing is called that */
    ck_assert_str_eq(lookup_id(ctx, "New Yorka", NULL), "XT:nyc");
    ck_assert_str_eq(lookup_id(ctx, "New Yorka", "TS"), "TS:niu");
    /* a former name after a current one; alone it still finds its place */
    ck_assert_str_eq(lookup_id(ctx, "Salisburg", NULL), "TS:salisburg");
    ck_assert_str_eq(lookup_id(ctx, "Salisburg", "XT"), "XT:harare");
    ck_assert_str_eq(lookup_id(ctx, "Bombaia", NULL), "XT:bombay");
    /* a transliteration after a plain name, whatever the population */
    ck_assert_str_eq(lookup_id(ctx, "Kastra", NULL), "XT:kastra");
    /* common words left by cutting a qualifier or "The" are no name */
    ck_assert_ptr_null(lookup_id(ctx, "West Coast", NULL));
    ck_assert_str_eq(lookup_id(ctx, "West Coast Region", NULL), "TS-WC");
    ck_assert_ptr_null(lookup_id(ctx, "Valley", NULL));
    ck_assert_str_eq(lookup_id(ctx, "The Valley", NULL), "TS:the-valley");
    /* one word, loosely: one edit ("Hassakeh"), not three ("Seattle") */
    ck_assert_str_eq(lookup_id(ctx, "Hassakeh", NULL), "TS:hasakah");
    ck_assert_ptr_null(lookup_id(ctx, "Seattle", NULL));
    /* in text: the former name is no reading next to a current one, and
     * the qualified one is reported as a plain alias */
    sentence x = sent_new(ctx, "Shelling hit Salisburg and New Yorka on Monday.");
    cev_match m;
    ck_assert(cev_ctx_match(ctx, x.k, x.s, x.g.toks, tok_at(&x, "Salisburg"), x.g.n_toks, &m));
    ck_assert_uint_eq(m.n_cands, 1);
    ck_assert_str_eq(m.cands[0].rec->id, "TS:salisburg");
    ck_assert(cev_ctx_match(ctx, x.k, x.s, x.g.toks, tok_at(&x, "New"), x.g.n_toks, &m));
    ck_assert_uint_eq(m.n_cands, 2);
    ck_assert_str_eq(m.cands[0].rec->id, "XT:nyc");
    ck_assert_str_eq(m.cands[1].rec->id, "TS:niu");
    ck_assert_int_eq(m.cands[1].note, CEV_ALIAS_PLAIN);
    sent_free(&x);
    x = sent_new(ctx, "Protests in Seattle and in Valley.");
    ck_assert(!cev_ctx_match(ctx, x.k, x.s, x.g.toks, tok_at(&x, "Seattle"), x.g.n_toks, &m));
    ck_assert(!cev_ctx_match(ctx, x.k, x.s, x.g.toks, tok_at(&x, "Valley"), x.g.n_toks, &m));
    sent_free(&x);
    cev_context_free(ctx);

    /* the same classes in the built-in data */
    ctx = new_ctx(0);
    static const char *const wrong[][2] = {
        {"New York", "UA:niu-york"}, {"Salisbury", "ZW:harare"}, {"Seattle", "AZ-SAT"},
        {"West Coast", "NZ-WTC"},    {"Valley", "AI:the-valley"},
    };
    for (size_t i = 0; i < sizeof wrong / sizeof wrong[0]; i++) {
        const char *got = lookup_id(ctx, wrong[i][0], NULL);
        ck_assert_msg(!got || strcmp(got, wrong[i][1]), "'%s' found %s", wrong[i][0], got);
    }
    ck_assert_str_eq(lookup_id(ctx, "New York", "UA"), "UA:niu-york");
    ck_assert_str_eq(lookup_id(ctx, "Salisbury", "ZW"), "ZW:harare");
    /* names with a curly apostrophe */
    ck_assert_str_eq(lookup_id(ctx, "C\xC3\xB4te d\xE2\x80\x99Ivoire", NULL), "CIV");
    ck_assert_str_eq(lookup_id(ctx, "Hay\xE2\x80\x99" "at Tahrir al-Sham", NULL), "HTS");
    /* a region is a place, but never ranks before a settlement or country */
    ck_assert_str_eq(lookup_id(ctx, "Middle East", NULL), "ZZ:middle-east");
    ck_assert_str_eq(lookup_id(ctx, "the Sahel", NULL), "ZZ:sahel");
    /* ... and regions across countries are no places in article text */
    x = sent_new(ctx, "Attacks across the Sahel and the Middle East rose.");
    ck_assert(!cev_ctx_match(ctx, x.k, x.s, x.g.toks, tok_at(&x, "Sahel"), x.g.n_toks, &m));
    ck_assert(!cev_ctx_match(ctx, x.k, x.s, x.g.toks, tok_at(&x, "Middle"), x.g.n_toks, &m));
    sent_free(&x);
    cev_context_free(ctx);
}
END_TEST

START_TEST(records_and_misuse)
{
    cev_context *ctx = fixture_ctx();
    cev_entry e;
    ck_assert_int_eq(cev_context_lookup(ctx, "President al-Testi", NULL, &e), CEV_OK);
    ck_assert_str_eq(e.id, "TST_LEADER");
    ck_assert_int_eq(e.kind, CEV_KIND_PERSON);
    ck_assert_int_eq(e.valid_from, 20000717);
    ck_assert_int_eq(e.valid_to, 20241208);
    ck_assert_ptr_null(e.admin1);
    ck_assert_int_eq(cev_context_lookup(ctx, "Northa old town", NULL, &e), CEV_OK);
    ck_assert_str_eq(e.id, "TS:northa:old-town");
    ck_assert_str_eq(e.admin1, "Northa Governorate");
    ck_assert_int_eq(e.population, -1);
    const cev_rec *r = cev_ctx_find(ctx, "TS:northa:old-town");
    ck_assert_str_eq(r->parent_id, "TS:northa");
    ck_assert_str_eq(r->admin1_id, "TS-NO");
    ck_assert_ptr_null(cev_ctx_find(ctx, "NOPE"));
    ck_assert_ptr_null(cev_ctx_find(NULL, "TST"));
    ck_assert_int_eq(cev_context_lookup(ctx, "nowhere at all", NULL, &e), CEV_ERR_NOT_FOUND);
    ck_assert_int_eq(cev_context_lookup(ctx, NULL, NULL, &e), CEV_ERR_INVALID);
    ck_assert_int_eq(cev_context_lookup(NULL, "x", NULL, &e), CEV_ERR_INVALID);
    ck_assert_int_eq(cev_context_get(ctx, NULL, &e), CEV_ERR_INVALID);
    ck_assert_int_eq(cev_context_new(NULL, 0), CEV_ERR_INVALID);
    cev_context_stats(NULL, NULL, NULL, NULL);
    cev_context_free(NULL);
    ck_assert_ptr_nonnull(cev_context_errmsg(NULL));
    /* the user TSV keeps what was loaded, header first */
    const char *t = cev_ctx_user_entities_tsv(ctx);
    ck_assert_ptr_nonnull(t);
    static const char hdr[] = "id\tkind\tcountry\taffiliation\tfrom\tto\tname\taliases\n";
    ck_assert(!strncmp(t, hdr, sizeof hdr - 1));
    ck_assert_ptr_nonnull(strstr(t, "\nTSTMIL\tmilitary\tTS\tTSTGOV\t"));
    ck_assert_ptr_nonnull(strstr(cev_ctx_user_places_tsv(ctx), "\nTS:bab\ttown\t"));
    /* a parser freezes the context: no more loading */
    cev_parser *p;
    ck_assert_int_eq(cev_parser_new(&p, ctx), CEV_OK);
    char path[1024];
    ck_assert_int_eq(cev_context_load_file(ctx, cev_test_data("alias/places.tsv", path,
                                                              sizeof path),
                                           CEV_FORMAT_TSV),
                     CEV_ERR_MISUSE);
    /* other threads may be reading it: the refusal leaves even the message */
    ck_assert_str_eq(cev_context_errmsg(ctx), "");
    /* lookups still work */
    ck_assert_str_eq(lookup_id(ctx, "Al-Northa", NULL), "TS:northa");
    cev_parser_free(p);
    cev_context_free(ctx);
}
END_TEST

/* ---- a frozen context shared by threads ---------------------------------------------- */

typedef struct job {
    const cev_context *ctx;
    const char *text;
    size_t len;
    unsigned long sum; /* of matched record indices and positions */
    int lookups_ok;
} job;

static void *work(void *arg)
{
    job *j = arg;
    static const char *const names[] = {"Raqqa", "Dayr az Zawr", "ISIS", "Москва", "الرقة",
                                        "Tripoli", "Kremlin", "Deir Ezzor"};
    for (int round = 0; round < 5; round++) {
        cev_seg g;
        cev_err e;
        cev_err_clear(&e);
        if (cev_segment_text(&g, j->text, j->len, &e))
            return NULL;
        cev_keys *k;
        if (cev_keys_new(&k, j->ctx, j->text, g.toks, g.n_toks, &e)) {
            cev_seg_free(&g);
            return NULL;
        }
        unsigned long sum = 0;
        for (size_t s = 0; s < g.n_sents; s++) {
            size_t end = g.sents[s].tok_first + g.sents[s].tok_count;
            for (size_t i = g.sents[s].tok_first; i < end; i++) {
                cev_match m;
                if (cev_ctx_match(j->ctx, k, j->text, g.toks, i, end, &m))
                    sum += m.start * 31 + m.n_cands + (unsigned long)(uintptr_t)m.cands[0].rec;
            }
        }
        cev_keys_free(k);
        cev_seg_free(&g);
        j->sum = sum;
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
            cev_entry en;
            j->lookups_ok += cev_context_lookup(j->ctx, names[i], NULL, &en) == CEV_OK;
        }
    }
    return NULL;
}

START_TEST(threads_share_a_frozen_context)
{
    cev_context *ctx = new_ctx(0);
    cev_ctx_freeze(ctx);
    static const char text[] =
        "Russian jets struck Raqqa and Deir ez-Zor on Monday, the Syrian Observatory said.\n"
        "ISIS fighters withdrew from al-Mayadin. Москва и Киев. الرقة تحت القصف.\n"
        "The US-led coalition and the SDF advanced on Tabqa; Turkish forces shelled Afrin.\n";
    job base = {ctx, text, sizeof text - 1, 0, 0};
    work(&base);
    ck_assert_uint_gt(base.sum, 0);
    pthread_t t[4];
    job j[4];
    for (int i = 0; i < 4; i++) {
        j[i] = (job){ctx, text, sizeof text - 1, 0, 0};
        ck_assert_int_eq(pthread_create(&t[i], NULL, work, &j[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        ck_assert_uint_eq(j[i].sum, base.sum);
        ck_assert_int_eq(j[i].lookups_ok, base.lookups_ok);
    }
    cev_context_free(ctx);
}
END_TEST

START_TEST(seed_articles)
{
    /* every token of the seed articles, and a few names that must be found */
    char path[1024];
    if (!cev_test_shared("corpus/seeds/000_6e540800924a898d.txt", path, sizeof path))
        return;
    size_t len;
    char *txt = cev_test_read_file(path, &len);
    ck_assert_ptr_nonnull(txt);
    cev_context *ctx = new_ctx(0);
    cev_seg g;
    cev_err e;
    cev_err_clear(&e);
    ck_assert_int_eq(cev_segment_text(&g, txt, len, &e), CEV_OK);
    cev_keys *k;
    ck_assert_int_eq(cev_keys_new(&k, ctx, txt, g.toks, g.n_toks, &e), CEV_OK);
    int seen_raqqa = 0, seen_fsa = 0, seen_moscow = 0;
    for (size_t s = 0; s < g.n_sents; s++) {
        size_t end = g.sents[s].tok_first + g.sents[s].tok_count;
        for (size_t i = g.sents[s].tok_first; i < end; i++) {
            cev_match m;
            if (!cev_ctx_match(ctx, k, txt, g.toks, i, end, &m))
                continue;
            ck_assert_uint_ge(m.n_cands, 1);
            ck_assert_uint_le(m.n_cands, CEV_MAX_CANDS);
            ck_assert_uint_le(m.tok + m.n_toks, end);
            const char *id = m.cands[0].rec->id;
            seen_raqqa |= !strcmp(id, "SY:raqqa");
            seen_fsa |= !strcmp(id, "FSA");
            for (size_t c = 0; c < m.n_cands; c++)
                seen_moscow |= !strcmp(m.cands[c].rec->id, "RUSGOV");
        }
    }
    ck_assert(seen_raqqa && seen_fsa && seen_moscow);
    cev_keys_free(k);
    cev_seg_free(&g);
    cev_context_free(ctx);
    free(txt);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("context");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, builtin_loads);
    tcase_add_test(tc, variants);
    tcase_add_test(tc, no_match);
    tcase_add_test(tc, demonyms);
    tcase_add_test(tc, case_rules);
    tcase_add_test(tc, longest_and_articles);
    tcase_add_test(tc, ambiguity_and_ranking);
    tcase_add_test(tc, must_not_merge);
    tcase_add_test(tc, weak_readings);
    tcase_add_test(tc, records_and_misuse);
    tcase_add_test(tc, threads_share_a_frozen_context);
    tcase_add_test(tc, seed_articles);
    suite_add_tcase(s, tc);
    return s;
}

CEV_TEST_MAIN()
