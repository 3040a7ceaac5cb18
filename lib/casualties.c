/* casualties.c - killed / injured / abducted figures in one sentence.
 *
 * The sentence is cut into word and punctuation tokens (on the stack), the
 * number phrases are found with cev_number_at, and each figure is tied to a
 * casualty word by one of a few syntactic frames:
 *   subject  N [of] [NP] [gap] VERB     "at least 50 people, mostly civilians,
 *                                        have been killed", "12 dead"
 *   object   VERB [filler] N [NP]       "killing at least 22 fighters"
 *   noun     the deaths of N / N deaths / claimed N lives / took N hostages
 *   toll     death toll (rose) to N     "the death toll climbed to 30"
 * A figure is kept only when its head noun is not a count of something else
 * ("90 rockets", "48 hours").  Tolls over long periods are flagged aggregate.
 *
 * Speed: every token is looked up once in a table of all the word lists
 * (its key and class bits go into ctok), so tis() is three integer compares
 * and tin()/tv() one bit test; a token window without any casualty word
 * (W_CUE and the verb and noun lists) is not looked at further. */
#include "casualties.h"

#include <pthread.h>
#include <string.h>

#include "internal.h"

#define MAXT 640    /* tokens per window; longer sentences are windowed */
#define OVERLAP 80  /* tokens shared by consecutive windows */
#define MAXF 96     /* figures per window */

enum { T_WORD = 1, T_PUNCT = 2 };

typedef struct ctok {
    size_t s, e;
    int type;
    int num; /* index+1 of the figure starting here, else 0 */
    int in_num; /* inside a figure's phrase */
    uint32_t cls; /* word classes (B_* bits, K_* kinds), see classify() */
    cev_wkey key; /* the token lower-cased, for tis() */
} ctok;

typedef struct fig {
    cev_quantity q;
    size_t t0, t1; /* tokens [t0, t1) of the number phrase */
    size_t np_end; /* token after the noun phrase */
    int head;      /* token index of the head noun, -1 none */
    int kind;
    int subset;
    int group;
    int toll;
    int pseudo;    /* not a number phrase: 1 he/she, 2 "no one", 3 him,
                      4 a possessive and a singular person noun ("his wife") */
    size_t cue_s, cue_e;
    int verb_tok;
} fig;

typedef struct cctx {
    const char *s;
    size_t end;
    ctok *t;
    size_t n;
    fig *f;
    size_t nf;
    int ngroup; /* last group number given out */
} cctx;

/* ---- word lists ------------------------------------------------------- */

static const char *const W_BE[] = {"were", "was", "have", "has", "had", "been", "being", "be",
                                   "are", "is", "got", "get", "gets", "getting", NULL};
/* Words that may stand between a subject figure and its verb. */
static const char *const W_FILL[] = {
    "reportedly", "allegedly", "also",     "all",       "later",     "subsequently",
    "now",        "already",   "each",     "both",      "apparently", "reported",
    "confirmed",  "believed",  "thought",  "feared",    "said",      "understood",
    "known",      "to",        "who",      "that",      "which",     "initially",
    "instantly",  "immediately", "may",    "might",     "probably",  "likely",
    "possibly",   "just",      "so",       "far",       "eventually", "officially",
    "found",      "presumed",  "seriously", "critically", "severely", "slightly",
    "lightly",    "badly",     "fatally",  "mortally",  "as",        "well",
    "yet",        "then",      "since",    "reportedly", "tragically", "sadly",
    "respectively", "together", "simultaneously", "recently", "ultimately", "left",
    "among",      "being",     "either",   "allegedly", "summarily", "brutally",
    "accidentally", "mistakenly", "wrongly", "deliberately", "subsequently", NULL};
static const char *const W_NEG[] = {"not", "never", "no", "none", "nobody", "nor", "without", NULL};
static const char *const W_MODAL[] = {"will", "would", "could", "should", "can", "must",
                                      "shall", "wo", "ca", NULL};
static const char *const W_PREP[] = {"in", "at", "on", "from", "of", "near", "inside", "outside",
                                     "across", "during", "aboard", "with", "within", "around",
                                     "along", "by", "onboard", "among", "amid", "after",
                                     "following", "under", "for", "into", "while", "throughout",
                                     "close", "belonging", "travelling", "traveling", NULL};
/* Words that end a noun phrase (besides punctuation and the lists above). */
static const char *const W_NPSTOP[] = {
    "and",  "or",    "but",   "who",    "that",     "which",   "where",    "when",   "whom",
    "whose", "the",  "a",     "an",     "yesterday", "today",  "tonight",  "last",   "this",
    "earlier", "overnight", "early", "late", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "ago", "after", "before", "since", "until", "as",
    "including", "according", "mostly", "mainly", "while", "amid", "than", "said", "says",
    "say", "told", "to", "then", "there", "here", "he", "she", "it", "they", "we", "i",
    "you", "his", "her", "its", "their", "our", NULL};

typedef struct vword {
    const char *w;
    int kind;
} vword;

/* Casualty words that follow their subject ("were killed", "12 dead"). */
static const vword V_PASSIVE[] = {
    {"killed", CEV_CAS_KILLED},     {"slain", CEV_CAS_KILLED},       {"murdered", CEV_CAS_KILLED},
    {"executed", CEV_CAS_KILLED},   {"massacred", CEV_CAS_KILLED},   {"slaughtered", CEV_CAS_KILLED},
    {"assassinated", CEV_CAS_KILLED}, {"beheaded", CEV_CAS_KILLED},  {"lynched", CEV_CAS_KILLED},
    {"martyred", CEV_CAS_KILLED},   {"dead", CEV_CAS_KILLED},        {"died", CEV_CAS_KILLED},
    {"die", CEV_CAS_KILLED},        {"dies", CEV_CAS_KILLED},        {"perished", CEV_CAS_KILLED},
    {"perish", CEV_CAS_KILLED},     {"butchered", CEV_CAS_KILLED},   {"decapitated", CEV_CAS_KILLED},
    {"electrocuted", CEV_CAS_KILLED}, {"drowned", CEV_CAS_KILLED},   {"kiled", CEV_CAS_KILLED},
    {"wounded", CEV_CAS_INJURED},   {"injured", CEV_CAS_INJURED},    {"hurt", CEV_CAS_INJURED},
    {"maimed", CEV_CAS_INJURED},    {"hospitalised", CEV_CAS_INJURED},
    {"hospitalized", CEV_CAS_INJURED},
    {"kidnapped", CEV_CAS_ABDUCTED}, {"kidnaped", CEV_CAS_ABDUCTED}, {"abducted", CEV_CAS_ABDUCTED},
    {NULL, 0}};

/* Casualty verbs that take their figure as object ("killing 5"). */
static const vword V_ACTIVE[] = {
    {"killed", CEV_CAS_KILLED},      {"kills", CEV_CAS_KILLED},       {"kill", CEV_CAS_KILLED},
    {"killing", CEV_CAS_KILLED},     {"slew", CEV_CAS_KILLED},        {"slaying", CEV_CAS_KILLED},
    {"murdered", CEV_CAS_KILLED},    {"murdering", CEV_CAS_KILLED},   {"murders", CEV_CAS_KILLED},
    {"executed", CEV_CAS_KILLED},    {"executing", CEV_CAS_KILLED},   {"executes", CEV_CAS_KILLED},
    {"massacred", CEV_CAS_KILLED},   {"massacring", CEV_CAS_KILLED},  {"slaughtered", CEV_CAS_KILLED},
    {"slaughtering", CEV_CAS_KILLED}, {"assassinated", CEV_CAS_KILLED},
    {"beheaded", CEV_CAS_KILLED},    {"beheading", CEV_CAS_KILLED},   {"kiled", CEV_CAS_KILLED},
    {"wounded", CEV_CAS_INJURED},    {"wounding", CEV_CAS_INJURED},   {"wounds", CEV_CAS_INJURED},
    {"injured", CEV_CAS_INJURED},    {"injuring", CEV_CAS_INJURED},   {"injures", CEV_CAS_INJURED},
    {"injure", CEV_CAS_INJURED},     {"wound", CEV_CAS_INJURED},      {"maimed", CEV_CAS_INJURED},
    {"maiming", CEV_CAS_INJURED},    {"hurting", CEV_CAS_INJURED},
    {"kidnapped", CEV_CAS_ABDUCTED}, {"kidnaped", CEV_CAS_ABDUCTED},  {"kidnapping", CEV_CAS_ABDUCTED},
    {"kidnaps", CEV_CAS_ABDUCTED},   {"kidnap", CEV_CAS_ABDUCTED},    {"abducted", CEV_CAS_ABDUCTED},
    {"abducting", CEV_CAS_ABDUCTED}, {"abducts", CEV_CAS_ABDUCTED},   {"abduct", CEV_CAS_ABDUCTED},
    {NULL, 0}};

/* "the deaths of N", "the kidnapping of N". */
static const vword N_OF[] = {
    {"death", CEV_CAS_KILLED},      {"deaths", CEV_CAS_KILLED},       {"killing", CEV_CAS_KILLED},
    {"killings", CEV_CAS_KILLED},   {"murder", CEV_CAS_KILLED},       {"murders", CEV_CAS_KILLED},
    {"massacre", CEV_CAS_KILLED},   {"execution", CEV_CAS_KILLED},    {"executions", CEV_CAS_KILLED},
    {"slaying", CEV_CAS_KILLED},    {"slayings", CEV_CAS_KILLED},     {"lives", CEV_CAS_KILLED},
    {"life", CEV_CAS_KILLED},       {"bodies", CEV_CAS_KILLED},       {"corpses", CEV_CAS_KILLED},
    {"remains", CEV_CAS_KILLED},
    {"wounding", CEV_CAS_INJURED},  {"injuring", CEV_CAS_INJURED},
    {"kidnapping", CEV_CAS_ABDUCTED}, {"kidnappings", CEV_CAS_ABDUCTED},
    {"abduction", CEV_CAS_ABDUCTED}, {"abductions", CEV_CAS_ABDUCTED},
    {NULL, 0}};

/* Head nouns that name the casualties themselves: "30 fatalities". */
static const vword N_HEAD[] = {
    {"fatalities", CEV_CAS_KILLED}, {"deaths", CEV_CAS_KILLED},   {"dead", CEV_CAS_KILLED},
    {"martyrs", CEV_CAS_KILLED},    {"corpses", CEV_CAS_KILLED},  {"killed", CEV_CAS_KILLED},
    {"injuries", CEV_CAS_INJURED},  {"wounded", CEV_CAS_INJURED}, {"injured", CEV_CAS_INJURED},
    {NULL, 0}};

static const char *const W_CIVIL[] = {
    "civilians", "civilian", "children", "child", "kids", "women", "woman", "girls", "girl",
    "boys", "boy", "schoolchildren", "schoolgirls", "schoolboys", "students", "student",
    "pupils", "worshippers", "worshipers", "villagers", "villager", "residents", "resident",
    "pilgrims", "farmers", "farmer", "shepherds", "shepherd", "journalists", "journalist",
    "reporters", "reporter", "doctors", "doctor", "nurses", "nurse", "medics", "medic",
    "paramedics", "passengers", "passenger", "relatives", "protesters", "protestors",
    "demonstrators", "teachers", "teacher", "patients", "refugees", "refugee", "migrants",
    "shoppers", "infants", "infant", "babies", "baby", "toddlers", "elderly", "guests",
    "mourners", "fishermen", "fisherman", "traders", "trader", "merchants", "labourers",
    "laborers", "miners", "teenagers", "teenager", "teens", "volunteers", "rescuers",
    "worshipper", "pedestrians", "motorists", "drivers", "driver", "commuters", "wife",
    "daughter", "daughters", "son", "sons", "mother", "father", "brothers", "sisters",
    "family", "siblings", "cousins", "humanitarians", "staff", "employees", "contractors",
    "engineers", "engineer", "clerics", "cleric", "imam", "priest", "priests", "nuns",
    "monks", "tourists", "diplomats", "diplomat", "officials", "official", "lawmakers",
    "lawmaker", "candidates", "voters", "prisoners", "detainees", "inmates", "shopkeepers",
    "prisoner", "detainee", "inmate",
    "herders", "herdsmen", "displaced", "bystanders", "onlookers", "attendees", "fans",
    "athletes", "players", "customers", "residents", NULL};
static const char *const W_FIGHT[] = {
    "soldiers", "soldier", "troops", "trooper", "troopers", "fighters", "fighter", "militants",
    "militant", "insurgents", "insurgent", "rebels", "rebel", "militiamen", "militiaman",
    "jihadists", "jihadist", "jihadis", "jihadi", "terrorists", "terrorist", "gunmen", "gunman",
    "attackers", "attacker", "assailants", "assailant", "policemen", "policeman",
    "policewomen", "police", "officers", "officer", "guards", "guard", "bodyguards",
    "commanders", "commander", "servicemen", "serviceman", "servicemembers", "personnel",
    "paramilitaries", "combatants", "combatant", "recruits", "cadets", "extremists",
    "bombers", "bomber", "mercenaries", "mercenary", "commandos", "commando", "marines",
    "marine", "sailors", "airmen", "pilots", "pilot", "conscripts", "peacekeepers",
    "peacekeeper", "gendarmes", "gendarme", "operatives", "loyalists", "cops", "cop",
    "sergeant", "captain", "colonel", "general", "lieutenant", "major", "private",
    "militia", "militias", "guerrillas", "guerrilla", "partisans", "snipers", "sniper",
    "taliban", "shabaab", "mujahideen", "mujahedeen", "members", "member", "leaders",
    "leader", "chief", "chiefs", "forces", "agents", "agent", "infantrymen", "paratroopers",
    "tankmen", "gunners", "rangers", "defenders", "volunteer", "trainer", "trainers",
    "adviser", "advisers", "advisor", "advisors", "instructor", "instructors", "spies",
    "spy", "collaborators", "informants", "informant", "separatists", "separatist",
    "raiders", "bandits", "bandit", "kidnappers", "pirates", "smugglers", "traffickers",
    "sicarios", "hitmen", "cartel", "narcos", "deputies", "deputy", "ranger", NULL};
static const char *const W_PERSON[] = {
    "people", "persons", "person", "others", "other", "men", "man", "individuals",
    "individual", "victims", "victim", "bodies", "body", "them", "those", "these", "lives",
    "hostages", "hostage", "casualties", "civilians", "souls", "nationals", "citizens",
    "citizen", "locals", "local", "inhabitants", "youths", "youth", "adults", "adult",
    "foreigners", "foreigner", "crew", "crewmen", "workers", "worker", "residents",
    "human", "humans", "dozens", "relatives", "relative", "husband", "brother", "sister",
    "uncle", "nephew", "niece", "grandson", "granddaughter", "grandfather", "grandmother",
    "kin", "ones", NULL};
/* Counts of things that are not people. */
static const char *const W_THING[] = {
    "rockets", "rocket", "missiles", "missile", "shells", "shell", "mortars", "mortar",
    "bombs", "bomb", "barrel", "barrels", "airstrikes", "airstrike", "strikes", "strike",
    "raids", "raid", "attacks", "attack", "sorties", "sortie", "rounds", "round", "bullets",
    "grenades", "grenade", "drones", "drone", "aircraft", "planes", "plane", "jets", "jet",
    "helicopters", "helicopter", "tanks", "tank", "vehicles", "vehicle", "cars", "car",
    "trucks", "truck", "buses", "bus", "boats", "boat", "ships", "ship", "villages",
    "village", "towns", "town", "cities", "city", "districts", "district", "provinces",
    "province", "areas", "area", "neighbourhoods", "neighborhoods", "positions",
    "position", "posts", "post", "checkpoints", "checkpoint", "bases", "base", "buildings",
    "building", "houses", "house", "homes", "home", "schools", "school", "hospitals",
    "hospital", "mosques", "mosque", "churches", "church", "shops", "shop", "markets",
    "km", "kms", "kilometers", "kilometres", "kilometer", "kilometre", "miles", "mile",
    "metres", "meters", "metre", "meter", "m", "feet", "foot", "yards", "hectares", "acres",
    "hours", "hour", "hrs", "days", "day", "weeks", "week", "months", "month", "years",
    "year", "yrs", "minutes", "minute", "mins", "seconds", "decades", "decade", "times",
    "percent", "per", "cent", "pc", "dollars", "dollar", "usd", "euros", "euro", "pounds",
    "rupees", "naira", "afghanis", "pesos", "tons", "tonnes", "ton", "kg", "kilograms",
    "kilos", "litres", "liters", "families", "targets", "target", "sites", "site",
    "facilities", "facility", "cases", "case", "incidents", "incident", "operations",
    "weapons", "guns", "rifles", "ieds", "ied", "explosions", "explosion", "blasts",
    "blast", "bombings", "clashes", "points", "locations", "fronts", "crossings",
    "am", "pm", "gmt", "utc", "o'clock", "hundred", "thousand", "million", "billion",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "storeys", "floors", "stories",
    "articles", "reports", "statements", "resolutions", "shots", "pieces", "units",
    "battalions", "brigades", "divisions", "regiments", "companies", "groups", "factions",
    "organizations", "organisations", "countries", "nations", "states", "regions",
    "zones", "roads", "bridges", "routes", "wells", "fields", "hills", "streets",
    "cells", "camps", "tunnels", "warehouses", "depots", "launchers", "munitions",
    "missions", "flights", "votes", "seats", "square", "sq", "degrees", "points",
    "goals", "page", "pages", "percentage", "%", NULL};
static const char *const W_MONTH[] = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", NULL};

/* Demonyms that the suffix rules of is_demonym miss. */
static const char *const W_DEMONYM[] = {"kurd", "kurds", "turk", "turks", "arab", "arabs",
                                        "jew", "jews", "briton", "britons", "druze", "pashtun",
                                        "hazara", "tajik", "uzbek", "baloch", "rohingya",
                                        "fulani", "tuareg", "hausa", "yazidi", "yazidis", NULL};

/* Words without which no figure of a window gets a kind: the lists of
 * casualty verbs and nouns, plus the first words of the phrases of
 * toll_frames, multi_verb, active_verb_before and object_frames.  A window
 * without any of them is skipped (a superset is harmless). */
static const char *const W_CUE[] = {
    "toll", "tolls", "number", "shot", "shooting", "gunned", "gunning", "mowed", "cut",
    "burned", "burnt", "stabbed", "beaten", "crushed", "hacked", "bludgeoned", "starved",
    "lost", "lose", "losing", "taken", "held", "seized", "kept", "hostage", "hostages",
    "captive", "captives", "seizing", "snatched", "grabbed", "bodies", "corpses", "dead",
    "down", "took", "taking", "take", "takes", "holding", "seize", "claimed", "claiming",
    "claims", "claim", "cost", "costing", "costs", "lives", "life", NULL};

/* The words a cue of a long period or of a war starts with (window_has_agg
 * skips every other token). */
static const char *const W_AGG[] = {
    "since", "cumulative", "annually", "altogether", "so", "to", "in", "this", "last", "each",
    "every", "per", "past", "previous", "years", "decades", "decade", "months", "weeks",
    "recent", "war", "conflict", "insurgency", "uprising", "revolution", "hostilities", "wars",
    "conflicts", "violence", "campaign", "crisis", "occupation", "siege", "unrest", "fighting",
    "bombardment", "bombardments", "offensive", "has", "have", "had", NULL};

/* ---- word classes ------------------------------------------------------
 * Each token is looked up once in a table of all the lists above; tin() and
 * tv() then test bits of ctok.cls. */
enum {
    B_BE = 1u << 0,
    B_FILL = 1u << 1,
    B_NEG = 1u << 2, /* W_NEG, or a word ending in "n't" */
    B_MODAL = 1u << 3,
    B_PREP = 1u << 4,
    B_NPSTOP = 1u << 5,
    B_CIVIL = 1u << 6,
    B_FIGHT = 1u << 7,
    B_PERSON = 1u << 8,
    B_THING = 1u << 9,
    B_MONTH = 1u << 10,
    B_DEMONYM = 1u << 11,
    B_CUE = 1u << 12,
    B_AGG = 1u << 13 /* a word window_has_agg looks at */
};
/* Two-bit kind fields: tv(c, i, K_PASSIVE) is the V_PASSIVE kind of token i. */
enum { K_PASSIVE = 16, K_ACTIVE = 18, K_N_OF = 20, K_N_HEAD = 22 };

#define CAS_TAB 4096 /* slots, a power of two; the lists hold about 900 words */

static uint8_t g_cas_tag[CAS_TAB];
static cev_wslot g_cas_slot[CAS_TAB];
static const cev_wtab g_cas_tab = {CAS_TAB - 1, g_cas_tag, g_cas_slot};
static pthread_once_t g_cas_once = PTHREAD_ONCE_INIT;

static void tab_list(const char *const *list, uint32_t bits)
{
    for (; *list; list++)
        cev_wtab_or(&g_cas_tab, *list, strlen(*list), bits);
}

static void tab_vlist(const vword *list, int shift)
{
    for (; list->w; list++)
        cev_wtab_or(&g_cas_tab, list->w, strlen(list->w),
                    (uint32_t)list->kind << shift | B_CUE);
}

static void build_cas_tab(void)
{
    tab_list(W_BE, B_BE);
    tab_list(W_FILL, B_FILL);
    tab_list(W_NEG, B_NEG);
    tab_list(W_MODAL, B_MODAL);
    tab_list(W_PREP, B_PREP);
    tab_list(W_NPSTOP, B_NPSTOP);
    tab_list(W_CIVIL, B_CIVIL);
    tab_list(W_FIGHT, B_FIGHT);
    tab_list(W_PERSON, B_PERSON);
    tab_list(W_THING, B_THING);
    tab_list(W_MONTH, B_MONTH);
    tab_list(W_DEMONYM, B_DEMONYM);
    tab_list(W_CUE, B_CUE);
    tab_list(W_AGG, B_AGG);
    tab_vlist(V_PASSIVE, K_PASSIVE);
    tab_vlist(V_ACTIVE, K_ACTIVE);
    tab_vlist(N_OF, K_N_OF);
    tab_vlist(N_HEAD, K_N_HEAD);
}

/* ---- token helpers ---------------------------------------------------- */

static int is_wbyte(unsigned char c) { return cev_is_digit(c) || cev_is_alpha(c) || c >= 0x80; }

/* Key and classes of token t. */
static void classify(const char *s, ctok *t)
{
    size_t len = t->e - t->s;
    t->key = cev_wkey_of(s + t->s, len);
    t->cls = cev_wtab_get(&g_cas_tab, &t->key);
    /* "didn't", "won't" */
    if (t->type == T_WORD && len > 3 && cev_strncaseeq(s + t->e - 3, "n't", 3))
        t->cls |= B_NEG;
}

static size_t tokenize(const char *s, size_t p, size_t end, ctok *t, size_t max, size_t *stop)
{
    size_t n = 0;
    while (p < end && n < max) {
        unsigned char c = (unsigned char)s[p];
        if (cev_is_space(c)) {
            p++;
            continue;
        }
        size_t b = p;
        if (is_wbyte(c)) {
            /* word: letters/digits, inner apostrophes and hyphens */
            while (p < end) {
                unsigned char d = (unsigned char)s[p];
                if (is_wbyte(d)) {
                    p++;
                } else if ((d == '\'' || d == '-') && p + 1 < end &&
                           is_wbyte((unsigned char)s[p + 1]) && p > b) {
                    p++;
                } else {
                    break;
                }
            }
            /* "U.S.", "U.N.": a dotted abbreviation is one word */
            if (p == b + 1 && cev_is_alpha(c)) {
                size_t q = p;
                while (q + 1 < end && s[q] == '.' && cev_is_alpha((unsigned char)s[q + 1]) &&
                       (q + 2 >= end || s[q + 2] == '.'))
                    q += 2;
                if (q > p) {
                    p = q;
                    if (p < end && s[p] == '.')
                        p++;
                }
            }
            t[n].type = T_WORD;
        } else {
            p++;
            t[n].type = T_PUNCT;
        }
        t[n].s = b;
        t[n].e = p;
        t[n].num = 0;
        t[n].in_num = 0;
        classify(s, &t[n]);
        n++;
    }
    *stop = p;
    return n;
}

/* Is token i the word w (a literal, lower-case)?  Case-insensitive. */
static int tis_(const cctx *c, size_t i, uint64_t k0, uint64_t k1, size_t len)
{
    if (i >= c->n)
        return 0;
    const cev_wkey *k = &c->t[i].key;
    return k->k0 == k0 && k->len == len && k->k1 == k1;
}
#define tis(c, i, w) tis_(c, i, CEV_WKEY_LIT(w))

/* Is token i in one of the lists of `bits` (B_* below)? */
static int tin(const cctx *c, size_t i, uint32_t bits)
{
    return i < c->n && (c->t[i].cls & bits);
}

/* The kind (cev_cas_kind) of token i in the verb or noun list at bit
 * `shift` (K_* below), or 0. */
static int tv(const cctx *c, size_t i, int shift)
{
    if (i >= c->n)
        return 0;
    return (int)((c->t[i].cls >> shift) & 3);
}

static int tpunct(const cctx *c, size_t i, char ch)
{
    return i < c->n && c->t[i].type == T_PUNCT && c->s[c->t[i].s] == ch;
}

static int tword(const cctx *c, size_t i) { return i < c->n && c->t[i].type == T_WORD; }

static int tends_(const cctx *c, size_t i, const char *suf, size_t n)
{
    if (!tword(c, i))
        return 0;
    size_t len = c->t[i].e - c->t[i].s;
    return len > n && cev_strncaseeq(c->s + c->t[i].e - n, suf, n);
}
#define tends(c, i, suf) tends_(c, i, "" suf, sizeof(suf) - 1)

/* A negation: "not", "never", "didn't" (B_NEG covers both). */
static int tneg(const cctx *c, size_t i) { return tin(c, i, B_NEG); }

/* Figure whose phrase starts at token i, or NULL. */
static fig *fig_at(cctx *c, size_t i)
{
    if (i >= c->n || !c->t[i].num)
        return NULL;
    return &c->f[c->t[i].num - 1];
}

/* ---- noun phrase after a figure --------------------------------------- */

static int np_stop(const cctx *c, size_t i)
{
    if (!tword(c, i) || c->t[i].num || c->t[i].in_num)
        return 1;
    return tin(c, i, B_BE) || tin(c, i, B_FILL) || tin(c, i, B_PREP) || tin(c, i, B_NPSTOP) ||
           tv(c, i, K_PASSIVE) || tv(c, i, K_ACTIVE) || tin(c, i, B_MODAL) || tneg(c, i);
}

static int is_person_tok(const cctx *c, size_t i)
{
    return tin(c, i, B_PERSON) || tin(c, i, B_CIVIL) || tin(c, i, B_FIGHT);
}

/* Parse the noun phrase after figure f: "of the", modifiers, head noun. */
static void parse_np(cctx *c, fig *f)
{
    size_t i = f->t1;
    f->head = -1;
    /* "dozens of", "three of the", "two of them" */
    if (tis(c, i, "of")) {
        size_t j = i + 1;
        if (tis(c, j, "them") || tis(c, j, "those") || tis(c, j, "these") || tis(c, j, "us") ||
            tis(c, j, "whom")) {
            f->head = (int)j;
            f->np_end = j + 1;
            return;
        }
        if (tis(c, j, "the") || tis(c, j, "its") || tis(c, j, "their") || tis(c, j, "his") ||
            tis(c, j, "her") || tis(c, j, "our") || tis(c, j, "whom"))
            j++;
        /* "two of the dead" is a part of another figure */
        int k;
        if ((k = tv(c, j, K_N_HEAD)) || tis(c, j, "victims") || tis(c, j, "casualties")) {
            f->subset = 1;
            f->head = (int)j;
            f->np_end = j + 1;
            return;
        }
        i = j;
    }
    size_t k = i, nw = 0;
    while (k < c->n && nw < 7) {
        if (np_stop(c, k)) {
            /* an -ing word is a modifier only right after the figure */
            break;
        }
        if (nw > 0 && tends(c, k, "ing"))
            break;
        /* "eleven civilians lost ...": a person noun ends the phrase unless
           another noun of the phrase follows ("police officers") */
        if (nw > 0 && is_person_tok(c, k - 1) && !is_person_tok(c, k) && !tin(c, k, B_THING) &&
            !tv(c, k, K_N_HEAD)) {
            break;
        }
        /* casualty nouns close the phrase: "30 fatalities" */
        if (tv(c, k, K_N_HEAD)) {
            k++;
            nw++;
            break;
        }
        k++;
        nw++;
        /* a possessive ("the group's fighters") or a plural person noun ends
           the phrase early when the next word is not a noun */
    }
    if (nw)
        f->head = (int)(k - 1);
    f->np_end = k;
}

/* ---- frames ------------------------------------------------------------ */

/* Two-token and three-token casualty verbs at i: returns kind, sets *after. */
static int multi_verb(const cctx *c, size_t i, size_t *after)
{
    if (tis(c, i, "shot") || tis(c, i, "gunned") || tis(c, i, "mowed") || tis(c, i, "cut")) {
        if (tis(c, i + 1, "dead") || tis(c, i + 1, "down")) {
            *after = i + 2;
            return CEV_CAS_KILLED;
        }
        /* "shot and killed", "shot and wounded" */
        if (tis(c, i, "shot") && tis(c, i + 1, "and")) {
            int k = tv(c, i + 2, K_PASSIVE);
            if (k) {
                *after = i + 3;
                return k;
            }
        }
    }
    if ((tis(c, i, "burned") || tis(c, i, "burnt") || tis(c, i, "stabbed") ||
         tis(c, i, "beaten") || tis(c, i, "crushed") || tis(c, i, "hacked") ||
         tis(c, i, "bludgeoned") || tis(c, i, "starved")) &&
        tis(c, i + 1, "to") && tis(c, i + 2, "death")) {
        *after = i + 3;
        return CEV_CAS_KILLED;
    }
    if ((tis(c, i, "burned") || tis(c, i, "burnt")) && tis(c, i + 1, "alive")) {
        *after = i + 2;
        return CEV_CAS_KILLED;
    }
    if ((tis(c, i, "lost") || tis(c, i, "lose") || tis(c, i, "losing")) &&
        (tis(c, i + 1, "their") || tis(c, i + 1, "his") || tis(c, i + 1, "her")) &&
        (tis(c, i + 2, "lives") || tis(c, i + 2, "life"))) {
        *after = i + 3;
        return CEV_CAS_KILLED;
    }
    if ((tis(c, i, "taken") || tis(c, i, "held") || tis(c, i, "seized") || tis(c, i, "kept")) &&
        (tis(c, i + 1, "hostage") || tis(c, i + 1, "captive") || tis(c, i + 1, "hostages"))) {
        *after = i + 2;
        return CEV_CAS_ABDUCTED;
    }
    return 0;
}

/* After the noun phrase of a subject figure: gap, then a casualty verb.
 * Returns the kind and sets *vt to the verb token. */
static int subject_frame(cctx *c, size_t i, size_t *vt, size_t *vend, int *singular_ok)
{
    size_t steps = 0;
    int saw_be = 0;
    *singular_ok = 0;
    while (i < c->n && steps < 24) {
        steps++;
        int k;
        size_t after;
        if ((k = multi_verb(c, i, &after))) {
            *vt = i;
            *vend = after;
            return k;
        }
        if ((k = tv(c, i, K_PASSIVE))) {
            /* "12 killed or wounded" is a mixed count */
            if (tis(c, i + 1, "or") && tv(c, i + 2, K_PASSIVE) && tv(c, i + 2, K_PASSIVE) != k)
                return 0;
            /* "killed and wounded 20": mixed, no single kind */
            if (tis(c, i + 1, "and") && tv(c, i + 2, K_PASSIVE) && tv(c, i + 2, K_PASSIVE) != k &&
                !tword(c, i + 3))
                return 0;
            /* bare present "die" needs the plural headline form, "dead" needs no aux */
            *vt = i;
            *vend = i + 1;
            return k;
        }
        if (tneg(c, i) || tin(c, i, B_MODAL))
            return 0;
        if (tin(c, i, B_BE)) {
            saw_be = 1;
            if (tis(c, i, "was") || tis(c, i, "is") || tis(c, i, "has"))
                *singular_ok = 1;
            i++;
            continue;
        }
        if (tin(c, i, B_FILL)) {
            i++;
            continue;
        }
        if (tpunct(c, i, ',') || tpunct(c, i, '(') || tpunct(c, i, '-')) {
            /* an aside: ", mostly civilians," "(including 3 children)" */
            char close = tpunct(c, i, '(') ? ')' : c->s[c->t[i].s];
            size_t j = i + 1, lim = i + 14;
            int bad = 0;
            while (j < c->n && j < lim && !tpunct(c, j, close)) {
                if (tv(c, j, K_PASSIVE) || tv(c, j, K_ACTIVE) || tpunct(c, j, ';') ||
                    tpunct(c, j, ':') || tin(c, j, B_BE) || tis(c, j, "where") ||
                    tis(c, j, "when") || tis(c, j, "and"))
                    bad = 1;
                j++;
            }
            if (bad || j >= c->n || j >= lim || j == i + 1)
                return 0;
            i = j + 1;
            continue;
        }
        if (tin(c, i, B_PREP) && !saw_be) {
            /* a short prepositional phrase: "in the western neighbourhood of Jazra" */
            size_t j = i + 1, lim = i + 9;
            while (j < c->n && j < lim && tword(c, j) && !c->t[j].num && !tin(c, j, B_BE) &&
                   !tin(c, j, B_FILL) && !tv(c, j, K_PASSIVE) && !tv(c, j, K_ACTIVE) &&
                   !tis(c, j, "and") && !tis(c, j, "or") && !tneg(c, j) && !tin(c, j, B_MODAL))
                j++;
            if (j == i + 1 || j >= lim)
                return 0;
            i = j;
            continue;
        }
        return 0;
    }
    return 0;
}

/* Is token i an active casualty verb (not a passive participle)?  Returns
 * kind; *vs is the first token of the verb group. */
static int active_verb_before(cctx *c, size_t i, size_t *vs)
{
    /* i is the token right before the figure (after fillers) */
    int k = 0;
    size_t v = i;
    if (tis(c, i, "dead") && (tis(c, i - 1, "shot") || tis(c, i - 1, "shooting"))) {
        v = i - 1;
        k = CEV_CAS_KILLED;
    } else if (tis(c, i, "down") && i >= 1 &&
               (tis(c, i - 1, "gunned") || tis(c, i - 1, "gunning") || tis(c, i - 1, "mowed"))) {
        v = i - 1;
        k = CEV_CAS_KILLED;
    } else if (tis(c, i, "of") && i >= 3 && (tis(c, i - 1, "lives") || tis(c, i - 1, "life")) &&
               tis(c, i - 2, "the") &&
               (tis(c, i - 3, "claimed") || tis(c, i - 3, "claiming") || tis(c, i - 3, "claims") ||
                tis(c, i - 3, "took") || tis(c, i - 3, "taking") || tis(c, i - 3, "takes") ||
                tis(c, i - 3, "cost") || tis(c, i - 3, "costing") || tis(c, i - 3, "costs") ||
                tis(c, i - 3, "claim") || tis(c, i - 3, "take"))) {
        v = i - 3;
        k = CEV_CAS_KILLED;
    } else if (tis(c, i, "of") && i >= 1 && (k = tv(c, i - 1, K_N_OF))) {
        /* "the deaths of", "the bodies of", "the kidnapping of" */
        if ((tis(c, i - 1, "lives") || tis(c, i - 1, "life")))
            return 0; /* handled above */
        if ((tis(c, i - 1, "death") || tis(c, i - 1, "life")) && i >= 2 &&
            !tis(c, i - 2, "the"))
            return 0; /* "a death of" no */
        v = i - 1;
    } else if ((k = tv(c, i, K_ACTIVE))) {
        v = i;
        /* a participle after "were"/"been" or after a figure is passive */
        if (i >= 1 && ((tin(c, i - 1, B_BE) && !tis(c, i - 1, "has") && !tis(c, i - 1, "have") &&
                        !tis(c, i - 1, "had")) ||
                       c->t[i - 1].num || c->t[i - 1].in_num)) {
            if (tends(c, i, "ed") || tis(c, i, "slain") || tis(c, i, "hurt"))
                return 0;
        }
    } else {
        return 0;
    }
    /* "killing or wounding 50": a count of both kinds, neither exact */
    if (v >= 2 && tis(c, v - 1, "or") &&
        ((tv(c, v - 2, K_ACTIVE) && tv(c, v - 2, K_ACTIVE) != k) ||
         (tv(c, v - 2, K_PASSIVE) && tv(c, v - 2, K_PASSIVE) != k)))
        return 0;
    /* "to kill", "would kill", "did not kill", "threatened to kill" */
    if (v >= 1 && (tin(c, v - 1, B_MODAL) || tneg(c, v - 1) || tis(c, v - 1, "to") ||
                   tis(c, v - 1, "did") || tis(c, v - 1, "does") || tis(c, v - 1, "do")))
        return 0;
    if (v >= 2 && tis(c, v - 1, "have") && (tin(c, v - 2, B_MODAL) || tneg(c, v - 2)))
        return 0;
    if (v >= 2 && tis(c, v - 1, "not"))
        return 0;
    *vs = v;
    return k;
}

/* "a Palestinian", "an Afghan", "a Yemeni", "a Sudanese", "a Kurd". */
static int is_demonym(const cctx *c, size_t i)
{
    if (!tword(c, i) || !cev_is_upper((unsigned char)c->s[c->t[i].s]))
        return 0;
    if (tin(c, i, B_DEMONYM))
        return 1;
    if (c->t[i].e - c->t[i].s < 4 || tin(c, i, B_MONTH))
        return 0;
    return tends(c, i, "an") || tends(c, i, "ans") || tends(c, i, "ese") ||
           (tends(c, i, "i") && !tends(c, i, "hi")) || tends(c, i, "is");
}

static int is_person_head(const cctx *c, int h)
{
    return h >= 0 && (tin(c, (size_t)h, B_PERSON) || tin(c, (size_t)h, B_CIVIL) ||
                      tin(c, (size_t)h, B_FIGHT) || is_demonym(c, (size_t)h));
}

static int victims_of(const cctx *c, int h)
{
    if (h < 0)
        return 0;
    if (tin(c, (size_t)h, B_CIVIL))
        return 1;
    if (tin(c, (size_t)h, B_FIGHT))
        return 2;
    return 0;
}

/* Can figure f be a count of people at all? */
static int plausible(const cctx *c, const fig *f)
{
    const ctok *t1 = &c->t[f->t1 - 1];
    /* the number ended inside a word: "25-year-old", "5-member" */
    if (f->q.end < t1->e && !f->pseudo)
        return 0;
    if (f->head >= 0 && tin(c, (size_t)f->head, B_THING))
        return 0;
    /* dates and money around the figure */
    if (tin(c, f->t1, B_MONTH) || (f->t0 >= 1 && tin(c, f->t0 - 1, B_MONTH)))
        return 0;
    if (f->t0 >= 1 && c->t[f->t0 - 1].type == T_PUNCT) {
        unsigned char ch = (unsigned char)c->s[c->t[f->t0 - 1].s];
        if (ch == '$' || ch == '#' || ch == 0xE2 /* euro sign */ || ch == 0xC2 /* pound */)
            return 0;
    }
    if (f->t0 >= 1 && (tis(c, f->t0 - 1, "no") ||
                       tis(c, f->t0 - 1, "number") ||
                       tis(c, f->t0 - 1, "resolution") || tis(c, f->t0 - 1, "article") ||
                       tis(c, f->t0 - 1, "route") || tis(c, f->t0 - 1, "highway") ||
                       tis(c, f->t0 - 1, "flight") || tis(c, f->t0 - 1, "page")))
        return 0;
    if (tpunct(c, f->t1, '%') || tpunct(c, f->t1, ':') || tpunct(c, f->t1, '/'))
        return 0;
    if (f->q.year_like && !is_person_head(c, f->head))
        return 0;
    return 1;
}

/* ---- aggregate cues ---------------------------------------------------- */

static int window_has_agg(cctx *c, size_t a, size_t b, const fig *f, int before)
{
    int war = 0, perfect = 0;
    for (size_t i = a; i < b && i < c->n; i++) {
        if (c->t[i].in_num || c->t[i].num || !(c->t[i].cls & B_AGG))
            continue;
        if (tis(c, i, "since") || tis(c, i, "cumulative") || tis(c, i, "annually") ||
            tis(c, i, "altogether"))
            return 1;
        if (tis(c, i, "so") && tis(c, i + 1, "far"))
            return 1;
        if (tis(c, i, "to") && tis(c, i + 1, "date"))
            return 1;
        if (tis(c, i, "in") && (tis(c, i + 1, "total") || tis(c, i + 1, "all")))
            return 1;
        if ((tis(c, i, "this") || tis(c, i, "last") || tis(c, i, "each") || tis(c, i, "every") ||
             tis(c, i, "per") || tis(c, i, "past") || tis(c, i, "previous")) &&
            (tis(c, i + 1, "year") || tis(c, i + 1, "decade")))
            return 1;
        if ((tis(c, i, "years") || tis(c, i, "decades") || tis(c, i, "decade") ||
             tis(c, i, "months") || tis(c, i, "weeks")) &&
            !tis(c, i + 1, "ago") && !tis(c, i + 1, "old") && !tis(c, i + 1, "earlier") &&
            !tis(c, i + 1, "later") && !tis(c, i + 1, "before") && !tis(c, i + 1, "after"))
            return 1;
        if (tis(c, i, "recent") && (tis(c, i + 1, "months") || tis(c, i + 1, "years") ||
                                    tis(c, i + 1, "weeks")))
            return 1;
        /* "in the past month", "over the previous week"; "in the last five
           days" (three days or more; "the last 24 hours" is one event) */
        if ((tis(c, i, "past") || tis(c, i, "previous") || tis(c, i, "last")) && i + 1 < c->n) {
            size_t j = i + 1;
            int64_t nunits = 1;
            if (c->t[j].num && !c->f[c->t[j].num - 1].pseudo) {
                nunits = c->f[c->t[j].num - 1].q.value;
                j = c->f[c->t[j].num - 1].t1;
            } else if (tis(c, j, "few") || tis(c, j, "several")) {
                nunits = 3;
                j++;
            }
            int past = !tis(c, i, "last") || nunits > 1 || j > i + 1;
            if (past && (tis(c, j, "week") || tis(c, j, "weeks") || tis(c, j, "month") ||
                         tis(c, j, "months") || (tis(c, j, "days") && nunits >= 3)))
                return 1;
        }
        /* a toll "this week" / "this month" is a running total */
        if (f->toll && tis(c, i, "this") &&
            (tis(c, i + 1, "week") || tis(c, i + 1, "month")))
            return 1;
        if (tis(c, i, "war") || tis(c, i, "conflict") || tis(c, i, "insurgency") ||
            tis(c, i, "uprising") || tis(c, i, "revolution") || tis(c, i, "hostilities") ||
            tis(c, i, "wars") || tis(c, i, "conflicts"))
            war = 2;
        else if (!war && before && (tis(c, i, "violence") || tis(c, i, "campaign") || tis(c, i, "crisis") ||
                          tis(c, i, "occupation") || tis(c, i, "siege") || tis(c, i, "unrest") ||
                          tis(c, i, "fighting") || tis(c, i, "bombardment") ||
                          tis(c, i, "bombardments") || tis(c, i, "offensive")))
            war = 1;
        if ((tis(c, i, "has") || tis(c, i, "have") || tis(c, i, "had")) &&
            (tv(c, i + 1, K_ACTIVE) || tis(c, i + 1, "claimed") || tis(c, i + 1, "cost") ||
             tis(c, i + 1, "been") || tis(c, i + 1, "left") || tis(c, i + 1, "died")))
            perfect = 1;
    }
    /* "the war has killed", "300,000 killed in the war"; weaker words
       ("the violence", "the siege") only with the perfect */
    if ((war == 2 && (perfect || f->q.value >= 50)) || (war == 1 && perfect))
        return 1;
    return 0;
}

static int is_aggregate(cctx *c, const fig *f, size_t prev_end, size_t next_start)
{
    /* before the figure: back to the previous figure or sentence start */
    size_t a = prev_end;
    if (f->t0 > a + 30)
        a = f->t0 - 30;
    /* after: to the end of the clause (comma, semicolon) or the next figure */
    size_t b = f->np_end;
    if (f->verb_tok >= 0 && (size_t)f->verb_tok > b)
        b = (size_t)f->verb_tok;
    while (b < c->n && b < next_start && !tpunct(c, b, ',') && !tpunct(c, b, ';') &&
           !tpunct(c, b, '(') && !tpunct(c, b, ':'))
        b++;
    if (window_has_agg(c, a, f->t0, f, 1) || window_has_agg(c, f->t1, b, f, 0))
        return 1;
    /* generic: "terrorists guilty of killing hundreds" */
    if (f->verb_tok >= 2) {
        size_t v = (size_t)f->verb_tok;
        if ((tis(c, v - 1, "of") || tis(c, v - 1, "for")) &&
            (tis(c, v - 2, "guilty") || tis(c, v - 2, "responsible") || tis(c, v - 2, "accused") ||
             tis(c, v - 2, "blamed") || tis(c, v - 2, "convicted") || tis(c, v - 2, "charged") ||
             tis(c, v - 2, "notorious") || tis(c, v - 2, "known") || tis(c, v - 2, "capable")))
            return 1;
    }
    /* "this figure included 140 people killed" */
    for (size_t i = a; i < f->t0; i++)
        if (tis(c, i, "figure") || tis(c, i, "tally") || tis(c, i, "figures"))
            return 1;
    return 0;
}

/* ---- the scan ---------------------------------------------------------- */

static int possessive(const cctx *c, size_t i)
{
    return tis(c, i, "his") || tis(c, i, "her") || tis(c, i, "their") || tis(c, i, "its");
}

/* A person noun that names one person: "wife", "son", "driver", "commander";
 * not plurals ("sons", "gunmen") nor collectives ("family", "police"). */
static int singular_person(const cctx *c, size_t i)
{
    if (!tword(c, i) || c->t[i].num || !is_person_tok(c, i) || tends(c, i, "s") ||
        tends(c, i, "men") || tends(c, i, "ren"))
        return 0;
    return !(tis(c, i, "police") || tis(c, i, "personnel") || tis(c, i, "staff") ||
             tis(c, i, "family") || tis(c, i, "crew") || tis(c, i, "elderly") ||
             tis(c, i, "displaced") || tis(c, i, "militia") || tis(c, i, "cartel") ||
             tis(c, i, "taliban") || tis(c, i, "shabaab") || tis(c, i, "mujahideen") ||
             tis(c, i, "mujahedeen") || tis(c, i, "kin") || tis(c, i, "people") ||
             tis(c, i, "human") || tis(c, i, "youth") || tis(c, i, "local") ||
             tis(c, i, "other") || tis(c, i, "forces") || tis(c, i, "major") ||
             tis(c, i, "private") || tis(c, i, "general"));
}

/* The figure of the next conjunct after a coordinator at token j ("and",
 * ","): right after it, or after a possessive or "the" ("and her two
 * sons", "and the three soldiers").  NULL when none. */
static fig *conjunct_at(cctx *c, size_t j)
{
    fig *g = fig_at(c, j + 1);
    if (g)
        return g;
    if (possessive(c, j + 1) || tis(c, j + 1, "the"))
        return fig_at(c, j + 2);
    return NULL;
}

static void find_figures(cctx *c, size_t max_f)
{
    c->nf = 0;
    for (size_t i = 0; i < c->n && c->nf < max_f; i++) {
        if (c->t[i].type != T_WORD)
            continue;
        size_t st = c->t[i].s;
        cev_quantity q;
        fig *f = &c->f[c->nf];
        memset(f, 0, sizeof *f);
        f->verb_tok = -1;
        f->head = -1;
        /* "he was killed", "no one was hurt": figures without a number */
        int pseudo = -1;
        size_t pend = i + 1;
        int ptype = 0;
        if (tis(c, i, "he") || tis(c, i, "she")) {
            pseudo = 1;
            ptype = 1;
        } else if (tis(c, i, "him")) {
            pseudo = 1;
            ptype = 3;
        }
        else if (possessive(c, i) && singular_person(c, i + 1)) {
            /* "his wife", "her son": one person, so that "a woman and her
               son were killed" adds up to two */
            pseudo = 1;
            ptype = 4;
            pend = i + 2;
        }
        else if (tis(c, i, "the") && i >= 1 && tv(c, i - 1, K_ACTIVE) &&
                 singular_person(c, i + 1)) {
            /* "killed the deputy chief of", "wounding the commander": one
               person named by a title */
            pseudo = 1;
            ptype = 4;
            pend = i + 2;
        }
        else if (tis(c, i, "nobody"))
            pseudo = 0;
        else if (tis(c, i, "no") && tis(c, i + 1, "one")) {
            pseudo = 0;
            pend = i + 2;
        }
        if (pseudo >= 0) {
            memset(&q, 0, sizeof q);
            q.min = q.max = q.value = pseudo;
            q.start = st;
            q.end = c->t[pend - 1].e;
            f->q = q;
            f->t0 = i;
            f->t1 = pend;
            f->pseudo = pseudo ? ptype : 2;
            f->np_end = pend;
            if (ptype == 4)
                f->head = (int)i + 1;
            c->t[i].num = (int)c->nf + 1;
            for (size_t j = i + 1; j < pend; j++)
                c->t[j].in_num = 1;
            c->nf++;
            i = pend - 1;
            continue;
        }
        if (!cev_number_at(c->s, st, c->end, &q))
            continue;
        /* a number inside a compound word: "25-year-old", "5-member" */
        if (q.end < c->t[i].e)
            continue;
        /* "another", "the" etc. are not numbers; "a" only as "a soldier" */
        f->q = q;
        f->t0 = i;
        size_t j = i;
        while (j < c->n && c->t[j].s < q.end)
            j++;
        f->t1 = j;
        c->t[i].num = (int)c->nf + 1;
        for (size_t k = i + 1; k < j; k++)
            c->t[k].in_num = 1;
        c->nf++;
        i = j - 1;
    }
    for (size_t k = 0; k < c->nf; k++)
        if (!c->f[k].pseudo)
            parse_np(c, &c->f[k]);
}

/* "death toll rose to 30", "the number of dead reached 30". */
static void toll_frames(cctx *c)
{
    for (size_t i = 0; i < c->n; i++) {
        int kind = 0;
        size_t cue = i;
        if (tis(c, i, "toll") || tis(c, i, "tolls")) {
            kind = CEV_CAS_KILLED;
            if (i >= 1 && (tis(c, i - 1, "injury") || tis(c, i - 1, "wounded") ||
                           tis(c, i - 1, "injured")))
                kind = CEV_CAS_INJURED;
            if (i >= 1 && tis(c, i - 1, "casualty") && !(i >= 2 && tis(c, i - 2, "civilian")))
                kind = CEV_CAS_KILLED;
            if (i >= 1 && (tis(c, i - 1, "death") || tis(c, i - 1, "casualty")))
                cue = i - 1;
        } else if (tis(c, i, "number") && tis(c, i + 1, "of") &&
                   (tis(c, i + 2, "dead") || tis(c, i + 2, "deaths") ||
                    tis(c, i + 2, "fatalities") || tis(c, i + 2, "victims") ||
                    (tis(c, i + 2, "people") && tis(c, i + 3, "killed")) ||
                    (tis(c, i + 2, "those") && tis(c, i + 3, "killed")))) {
            kind = CEV_CAS_KILLED;
        } else if (tis(c, i, "number") && tis(c, i + 1, "of") &&
                   (tis(c, i + 2, "wounded") || tis(c, i + 2, "injured") ||
                    ((tis(c, i + 2, "people") || tis(c, i + 2, "those")) &&
                     (tis(c, i + 3, "wounded") || tis(c, i + 3, "injured"))))) {
            kind = CEV_CAS_INJURED;
        }
        if (!kind)
            continue;
        /* the first figure within a few tokens; "from 12 to 30" takes 30 */
        fig *best = NULL;
        size_t from = i + 1;
        if (tis(c, i, "number"))
            from = tword(c, i + 3) && (tis(c, i + 3, "killed") || tis(c, i + 3, "wounded") ||
                                       tis(c, i + 3, "injured"))
                       ? i + 4
                       : i + 3;
        for (size_t j = from; j < c->n && j < from + 14; j++) {
            if (tpunct(c, j, ';') || tpunct(c, j, '.') || tv(c, j, K_ACTIVE))
                break;
            fig *f = fig_at(c, j);
            if (!f || f->pseudo || f->q.article)
                continue;
            if (!plausible(c, f) && !(f->q.year_like && j >= 1 && tis(c, j - 1, "to")))
                continue;
            if (f->head >= 0 && !is_person_head(c, f->head) && !tv(c, (size_t)f->head, K_N_HEAD))
                continue;
            /* "rose from 12 to 30": the figure after "to" */
            if (j >= 1 && tis(c, j - 1, "from")) {
                best = f;
                if (f->q.qual == CEV_Q_RANGE) {
                    f->q.min = f->q.value = f->q.max;
                    f->q.qual = CEV_Q_EXACT;
                    break;
                }
                continue;
            }
            best = f;
            break;
        }
        if (best && !best->kind) {
            best->kind = kind;
            best->toll = 1;
            best->cue_s = c->t[cue].s;
            best->cue_e = c->t[i].e;
            best->verb_tok = (int)i;
        }
    }
}

/* After a noun phrase: skip "of the security forces" (no verbs, no figures). */
static size_t skip_pp(const cctx *c, size_t i)
{
    if (!tis(c, i, "of") && !tis(c, i, "from") && !tis(c, i, "in"))
        return i;
    size_t j = i + 1;
    while (j < c->n && j < i + 6 && tword(c, j) && !c->t[j].num && !c->t[j].in_num &&
           !tin(c, j, B_BE) && !tis(c, j, "and") && !tis(c, j, "or") && !tv(c, j, K_PASSIVE) &&
           !tv(c, j, K_ACTIVE))
        j++;
    return j > i + 1 && (tis(c, j, "and") || tpunct(c, j, ',')) ? j : i;
}

/* Any auxiliary ("were", "have been") between tokens a and b? */
static int saw_aux_before(const cctx *c, size_t a, size_t b)
{
    for (size_t i = a; i < b && i < c->n; i++)
        if (tin(c, i, B_BE) || tis(c, i, "feared") || tis(c, i, "found") || tis(c, i, "left") ||
            tis(c, i, "reported") || tis(c, i, "confirmed"))
            return 1;
    return 0;
}

/* Does an object start at token i ("23 people", "a policeman", "him")? */
static int object_follows(const cctx *c, size_t i)
{
    if (i >= c->n)
        return 0;
    if (c->t[i].num && !c->f[c->t[i].num - 1].pseudo)
        return 1;
    return tis(c, i, "the") || tis(c, i, "his") || tis(c, i, "her") || tis(c, i, "their") ||
           tis(c, i, "its") || tis(c, i, "him") || tis(c, i, "them") || tis(c, i, "another") ||
           tis(c, i, "several") || tis(c, i, "many") || tis(c, i, "people") ||
           tis(c, i, "civilians") || tis(c, i, "soldiers");
}

static int figure_filler(const cctx *c, size_t i);

/* Is figure f the object of an active casualty verb ("killed two soldiers
 * and a civilian was wounded": the first conjunct is no subject)? */
static int object_of_verb(cctx *c, const fig *f)
{
    if (f->t0 == 0)
        return 0;
    size_t i = f->t0 - 1, skipped = 0, vs;
    while (i > 0 && skipped < 3 && figure_filler(c, i)) {
        i--;
        skipped++;
    }
    return active_verb_before(c, i, &vs) != 0;
}

/* "were", "have", "are" between tokens a and b. */
static int plural_aux_between(const cctx *c, size_t a, size_t b)
{
    for (size_t i = a; i < b && i < c->n; i++)
        if (tis(c, i, "were") || tis(c, i, "have") || tis(c, i, "are"))
            return 1;
    return 0;
}

static void subject_frames(cctx *c)
{
    for (size_t k = 0; k < c->nf; k++) {
        fig *f = &c->f[k];
        if (f->kind || f->subset || f->pseudo == 3)
            continue;
        size_t vt = 0, vend = 0;
        int sing = 0;
        size_t from = f->np_end;
        int kind = 0;
        /* "30 fatalities", "12 dead" as a noun head */
        if (f->head >= 0 && (kind = tv(c, (size_t)f->head, K_N_HEAD))) {
            vt = (size_t)f->head;
            vend = vt + 1;
            if (tis(c, vt, "killed") || tis(c, vt, "wounded") || tis(c, vt, "injured") ||
                tis(c, vt, "dead")) {
                /* "12 killed or wounded" is a mixed count */
                if (tis(c, vt + 1, "or") && tv(c, vt + 2, K_PASSIVE))
                    kind = 0;
            }
        } else {
            kind = subject_frame(c, from, &vt, &vend, &sing);
        }
        if (!kind && f->head >= 0 && (tis(c, (size_t)f->head, "bodies") ||
                                      tis(c, (size_t)f->head, "corpses")) &&
            plausible(c, f)) {
            /* "14 bodies were found": counted as killed */
            f->kind = CEV_CAS_KILLED;
            f->verb_tok = f->head;
            f->cue_s = c->t[f->head].s;
            f->cue_e = c->t[f->head].e;
            continue;
        }
        if (!kind) {
            /* "a soldier and two civilians were killed": the verb of the
               last conjunct */
            size_t m = k, j = skip_pp(c, f->np_end), chain = 0;
            fig *cj;
            while (chain < 3 && m + 1 < c->nf && (tis(c, j, "and") || tpunct(c, j, ',')) &&
                   (cj = conjunct_at(c, j)) == &c->f[m + 1] &&
                   (!cj->pseudo || cj->pseudo == 4) && is_person_head(c, cj->head)) {
                m++;
                chain++;
                j = c->f[m].np_end;
                if (subject_frame(c, j, &vt, &vend, &sing))
                    break;
            }
            if (!chain || !is_person_head(c, f->head) || !plausible(c, f) ||
                object_of_verb(c, f) || !(kind = subject_frame(c, j, &vt, &vend, &sing)))
                continue;
            if (!saw_aux_before(c, j, vt) && tv(c, vt, K_ACTIVE) && object_follows(c, vend))
                continue;
            int grp = ++c->ngroup;
            for (size_t q = k; q <= m; q++) {
                fig *g = &c->f[q];
                if (g->kind || g->subset || !plausible(c, g))
                    continue;
                g->kind = kind;
                g->group = grp;
                g->verb_tok = (int)vt;
                g->cue_s = c->t[vt].s;
                g->cue_e = c->t[vend - 1].e;
            }
            continue;
        }
        /* a bare participle followed by an object is an active verb:
           "a suicide bomber killed 23 people", "gunmen killed a policeman" */
        if (!saw_aux_before(c, from, vt) && tv(c, vt, K_ACTIVE) && object_follows(c, vend))
            continue;
        if (!plausible(c, f))
            continue;
        if (f->pseudo == 1 && !sing && !(vt == from && (tis(c, vt, "died") || tis(c, vt, "dies"))))
            continue;
        if (f->q.article || (f->q.value == 1 && f->q.words && !f->pseudo)) {
            /* "a soldier was killed": a person noun, or any head with a
               singular auxiliary; never "a few", "a number" */
            if (f->head < 0 && f->q.article)
                continue;
            /* "X and Y, a 26-year-old teacher, have been killed": a singular
               noun with a plural verb is an apposition, not the subject */
            if (f->q.article && plural_aux_between(c, from, vt))
                continue;
            if (f->head >= 0 && !is_person_head(c, f->head) && !sing)
                continue;
            if (f->head >= 0 && (tis(c, (size_t)f->head, "number") || tis(c, (size_t)f->head, "few") ||
                tis(c, (size_t)f->head, "lot") || tis(c, (size_t)f->head, "total") ||
                tis(c, (size_t)f->head, "handful") || tis(c, (size_t)f->head, "series") ||
                tis(c, (size_t)f->head, "further") || tis(c, (size_t)f->head, "host")))
                continue;
        }
        /* bare headline "die" needs a plural figure */
        if ((tis(c, vt, "die") || tis(c, vt, "perish")) && f->q.value == 1 && f->q.qual != CEV_Q_VAGUE)
            continue;
        f->kind = kind;
        f->verb_tok = (int)vt;
        f->cue_s = c->t[vt].s;
        f->cue_e = c->t[vend - 1].e;
    }
}

static int figure_filler(const cctx *c, size_t i)
{
    return tis(c, i, "another") || tis(c, i, "further") || tis(c, i, "additional") ||
           tis(c, i, "all") || tis(c, i, "the") || tis(c, i, "its") || tis(c, i, "their") ||
           tis(c, i, "his") || tis(c, i, "her") || tis(c, i, "our") || tis(c, i, "only") ||
           tis(c, i, "even") || tis(c, i, "exactly") || tis(c, i, "precisely") ||
           tis(c, i, "nearly") || tis(c, i, "almost") || tis(c, i, "at") || tis(c, i, "least") ||
           tis(c, i, "reportedly") || tis(c, i, "allegedly") || tis(c, i, "also") ||
           tis(c, i, "both") || (tis(c, i, "a") && tis(c, i + 1, "further")) ||
           (tis(c, i, "an") && tis(c, i + 1, "additional")) || tis(c, i, "some");
}

/* A speech verb within two words of i ("..., a military officer said",
 * "a police spokesman told"): the figure before it names the speaker. */
static int speaker_at(const cctx *c, size_t i)
{
    for (size_t q = i; q < c->n && q < i + 3; q++) {
        if (c->t[q].type != T_WORD)
            return 0;
        if (tis(c, q, "said") || tis(c, q, "says") || tis(c, q, "told") ||
            tis(c, q, "added") || tis(c, q, "stated") || tis(c, q, "confirmed") ||
            tis(c, q, "announced") || tis(c, q, "reported"))
            return 1;
    }
    return 0;
}

static void object_frames(cctx *c)
{
    for (size_t k = 0; k < c->nf; k++) {
        fig *f = &c->f[k];
        if (f->kind || f->subset || f->pseudo == 2)
            continue;
        if (f->t0 == 0)
            continue;
        size_t i = f->t0 - 1, skipped = 0;
        while (i > 0 && skipped < 3 && figure_filler(c, i)) {
            i--;
            skipped++;
        }
        size_t vs = 0;
        int kind = active_verb_before(c, i, &vs);
        if (!kind) {
            /* "took 12 hostages", "seized 20 people" */
            if ((tis(c, i, "took") || tis(c, i, "taking") || tis(c, i, "take") ||
                 tis(c, i, "takes") || tis(c, i, "seized") || tis(c, i, "seizing") ||
                 tis(c, i, "holding") || tis(c, i, "held") || tis(c, i, "seize") ||
                 tis(c, i, "snatched") || tis(c, i, "grabbed")) &&
                !(i >= 1 && (tin(c, i - 1, B_MODAL) || tis(c, i - 1, "to") || tneg(c, i - 1)))) {
                if (f->head >= 0 && (tis(c, (size_t)f->head, "hostages") ||
                                     tis(c, (size_t)f->head, "hostage") ||
                                     tis(c, (size_t)f->head, "captives") ||
                                     tis(c, f->np_end, "hostage") ||
                                     tis(c, f->np_end, "hostages") ||
                                     tis(c, f->np_end, "captive"))) {
                    kind = CEV_CAS_ABDUCTED;
                    vs = i;
                } else if ((tis(c, i, "seized") || tis(c, i, "seizing") ||
                            tis(c, i, "snatched") || tis(c, i, "grabbed")) &&
                           is_person_head(c, f->head)) {
                    kind = CEV_CAS_ABDUCTED;
                    vs = i;
                }
            } else if ((tis(c, i, "claimed") || tis(c, i, "claiming") || tis(c, i, "claims") ||
                        tis(c, i, "cost") || tis(c, i, "costing") || tis(c, i, "took") ||
                        tis(c, i, "taking")) &&
                       f->head >= 0 && (tis(c, (size_t)f->head, "lives") ||
                                        tis(c, (size_t)f->head, "life"))) {
                kind = CEV_CAS_KILLED;
                vs = i;
            }
        }
        if (!kind)
            continue;
        if (!plausible(c, f))
            continue;
        if (f->head >= 0 && tv(c, (size_t)f->head, K_N_HEAD) && !tis(c, (size_t)f->head, "dead"))
            continue; /* "killing 5 injured" no */
        if (f->q.article || (f->q.value == 1 && f->q.words && f->head >= 0)) {
            if (!is_person_head(c, f->head))
                continue;
        }
        if (f->pseudo == 1)
            continue; /* "he" is never an object */
        /* an object figure followed by its own passive verb is a subject */
        int group = ++c->ngroup;
        f->kind = kind;
        f->group = group;
        f->verb_tok = (int)vs;
        f->cue_s = c->t[vs].s;
        f->cue_e = c->t[i].e;
        /* coordinated objects: "killed 5 civilians and 3 soldiers" */
        size_t j = f->np_end;
        size_t last_and = k; /* the last member joined by "and" */
        for (size_t m = k + 1; m < c->nf; m++) {
            fig *g = &c->f[m];
            if (!(tis(c, j, "and") || tpunct(c, j, ',')) || conjunct_at(c, j) != g)
                break;
            if (g->kind || g->subset || (g->pseudo && g->pseudo != 4) || !plausible(c, g) ||
                !is_person_head(c, g->head))
                break;
            /* "killing seven soldiers, a military officer said": the
               speaker, not a victim */
            if (speaker_at(c, g->np_end))
                break;
            /* "and 3 soldiers were wounded" is a clause of its own */
            size_t vt2, ve2;
            int s2;
            if (subject_frame(c, g->np_end, &vt2, &ve2, &s2))
                break;
            if (tis(c, j, "and"))
                last_and = m;
            g->kind = kind;
            g->group = group;
            g->verb_tok = (int)vs;
            g->cue_s = f->cue_s;
            g->cue_e = f->cue_e;
            j = g->np_end;
        }
        /* a list ends with "and": figures after a comma with no "and" after
           them are an apposition ("the murders of three reporters, two
           Salvadorans and a Dutchman" is three), not more victims */
        for (size_t m = last_and + 1; m < c->nf && c->f[m].group == group; m++) {
            c->f[m].kind = 0;
            c->f[m].group = 0;
            c->f[m].subset = 1;
        }
    }
}

/* Figures that are a part of another: "including three children". */
static void mark_subsets(cctx *c)
{
    for (size_t k = 0; k < c->nf; k++) {
        fig *f = &c->f[k];
        size_t i = f->t0;
        if (i == 0)
            continue;
        if (tis(c, i - 1, "including") || tis(c, i - 1, "includes") || tis(c, i - 1, "include") ||
            (tis(c, i - 1, "them") && i >= 2 && tis(c, i - 2, "among")) ||
            (tis(c, i - 1, "whom") && i >= 2 && tis(c, i - 2, "of")) ||
            (tis(c, i - 1, "whom") && i >= 2 && tis(c, i - 2, "among")) ||
            tis(c, i - 1, "incl") || tis(c, i - 1, "mostly") || tis(c, i - 1, "mainly") ||
            (tis(c, i - 1, "of") && i >= 2 && tis(c, i - 2, "out")))
            f->subset = 1;
    }
}

/* "killing four people, three children and a woman": after a comma, a
 * list whose figures add up to a first figure of a general noun ("people",
 * "civilians", "reporters") breaks it down; its parts are not added (they
 * are left out like "including three children"). */
static void mark_breakdowns(cctx *c)
{
    for (size_t k = 0; k + 2 < c->nf; k++) {
        fig *f = &c->f[k];
        if (!f->kind || f->subset || f->group <= 0 || f->q.approx || f->q.max < 0 ||
            f->head < 0 || !tpunct(c, f->np_end, ','))
            continue;
        size_t h = (size_t)f->head;
        if (!(tis(c, h, "people") || tis(c, h, "persons") || tis(c, h, "civilians") ||
              tis(c, h, "victims") || tis(c, h, "members") || tis(c, h, "reporters") ||
              tis(c, h, "journalists") || tis(c, h, "workers") || tis(c, h, "passengers") ||
              tis(c, h, "foreigners") || tis(c, h, "tourists") || tis(c, h, "others") ||
              tis(c, h, "pilgrims") || tis(c, h, "worshippers") || tis(c, h, "residents")))
            continue;
        int64_t sum = 0;
        size_t n = 0, m;
        for (m = k + 1; m < c->nf && c->f[m].group == f->group && !c->f[m].subset; m++) {
            sum += c->f[m].q.value;
            n++;
        }
        if (n < 2 || sum != f->q.value)
            continue;
        for (size_t q = k + 1; q < m; q++)
            c->f[q].subset = 1;
    }
}

static size_t scan_window(cctx *c, size_t limit_tok, cev_casualty *out, size_t max,
                          size_t nout, size_t min_off)
{
    toll_frames(c);
    mark_subsets(c);
    subject_frames(c);
    object_frames(c);
    mark_breakdowns(c);
    size_t prev_end = 0;
    for (size_t k = 0; k < c->nf; k++) {
        fig *f = &c->f[k];
        if (f->kind <= 0 || f->subset)
            continue;
        size_t next_start = c->n;
        for (size_t m = k + 1; m < c->nf; m++)
            if (c->f[m].kind > 0 && !c->f[m].subset) {
                next_start = c->f[m].t0;
                break;
            }
        int kind = f->kind;
        int agg = is_aggregate(c, f, prev_end, next_start);
        prev_end = f->np_end;
        if (f->t0 >= limit_tok)
            continue;
        if (c->t[f->t0].s < min_off)
            continue;
        /* "no one was hurt" is recognised (so that "one" is not a figure)
           but not reported: a zero would make an event of a non-event */
        if (f->pseudo == 2)
            continue;
        if (nout >= max)
            break;
        cev_casualty *o = &out[nout++];
        memset(o, 0, sizeof *o);
        o->kind = kind;
        o->q = f->q;
        o->start = f->q.start;
        o->end = (f->head >= 0 && (size_t)f->head < c->n && (size_t)f->head >= f->t1)
                     ? c->t[f->head].e
                     : f->q.end;
        if (o->end < f->q.end)
            o->end = f->q.end;
        /* huge figures are war tolls, not events */
        int64_t big = kind == CEV_CAS_ABDUCTED ? 5000 : 10000;
        o->aggregate = agg || f->q.value >= big;
        o->victims = victims_of(c, f->head);
        o->group = f->group;
        o->toll = f->toll;
        o->cue_start = f->cue_s;
        o->cue_end = f->cue_e;
    }
    return nout;
}

size_t cev_casualties_scan(const char *s, size_t start, size_t end, cev_casualty *out,
                           size_t max)
{
    if (!s || !out || max == 0 || start >= end)
        return 0;
    ctok toks[MAXT];
    fig figs[MAXF];
    size_t nout = 0, p = start, min_off = start;
    pthread_once(&g_cas_once, build_cas_tab);
    int ngroup = 0;
    while (p < end && nout < max) {
        cctx c;
        size_t stop;
        c.s = s;
        c.end = end;
        c.t = toks;
        c.f = figs;
        c.ngroup = ngroup;
        c.n = tokenize(s, p, end, toks, MAXT, &stop);
        if (!c.n)
            break;
        int last = stop >= end;
        /* a figure phrase must not run past the window */
        c.end = last ? end : toks[c.n - 1].s;
        size_t limit = last ? c.n : c.n - OVERLAP;
        /* no casualty word, no figure: most clauses stop here */
        int cue = 0;
        for (size_t i = 0; i < c.n && !cue; i++)
            cue = (toks[i].cls & B_CUE) != 0;
        if (cue) {
            find_figures(&c, MAXF);
            nout = scan_window(&c, limit, out, max, nout, min_off);
        }
        ngroup = c.ngroup;
        if (last)
            break;
        min_off = toks[limit].s;
        p = toks[limit].s;
    }
    return nout;
}

int cev_casualty_pick(const cev_casualty *c, size_t n, int kind, cev_quantity *out)
{
    if (!c || !out)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (c[i].kind != kind || c[i].aggregate)
            continue;
        *out = c[i].q;
        if (c[i].group > 0) {
            for (size_t j = i + 1; j < n; j++) {
                if (c[j].kind != kind || c[j].group != c[i].group || c[j].aggregate)
                    continue;
                out->min += c[j].q.min;
                out->value += c[j].q.value;
                out->max = (out->max < 0 || c[j].q.max < 0) ? -1 : out->max + c[j].q.max;
                out->approx |= c[j].q.approx;
                out->end = c[j].q.end;
            }
        }
        return (int)i;
    }
    return -1;
}
