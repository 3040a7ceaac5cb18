/* lexicon.c - the trigger lexicon and closed word lists.
 *
 * Triggers are verbs and nouns with their inflections written out, so that
 * matching is a table lookup and a reader can see exactly what counts.  A
 * single word is never enough on its own: the extractor also checks what
 * surrounds it (a "bomb" in "bombshell report" is a different token; a
 * "strike" after "hunger" or "general" is rejected by the caller). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"

#define V CEV_TRIG_VERB
#define N CEV_TRIG_NOUN
#define P CEV_TRIG_PASSIVE
#define W CEV_TRIG_WEAK
#define AIR CEV_TRIG_AIR
#define WPN CEV_TRIG_WEAPON
#define PPL CEV_TRIG_PEOPLE
#define PLC CEV_TRIG_PLACE
#define GEN CEV_TRIG_GENERIC

static const cev_trigger k_triggers[] = {
    /* ---- air strikes ---- */
    {"airstrike", CEV_EV_AIR_STRIKE, N | AIR}, {"airstrikes", CEV_EV_AIR_STRIKE, N | AIR},
    {"air strike", CEV_EV_AIR_STRIKE, N | AIR}, {"air strikes", CEV_EV_AIR_STRIKE, N | AIR},
    {"air-strike", CEV_EV_AIR_STRIKE, N | AIR}, {"air-strikes", CEV_EV_AIR_STRIKE, N | AIR},
    {"air raid", CEV_EV_AIR_STRIKE, N | AIR}, {"air raids", CEV_EV_AIR_STRIKE, N | AIR},
    {"airraid", CEV_EV_AIR_STRIKE, N | AIR},
    {"air attack", CEV_EV_AIR_STRIKE, N | AIR}, {"air attacks", CEV_EV_AIR_STRIKE, N | AIR},
    {"aerial attack", CEV_EV_AIR_STRIKE, N | AIR}, {"aerial attacks", CEV_EV_AIR_STRIKE, N | AIR},
    {"aerial bombardment", CEV_EV_AIR_STRIKE, N | AIR},
    {"aerial bombing", CEV_EV_AIR_STRIKE, N | AIR},
    {"aerial bombardments", CEV_EV_AIR_STRIKE, N | AIR},
    {"bombing raid", CEV_EV_AIR_STRIKE, N | AIR}, {"bombing raids", CEV_EV_AIR_STRIKE, N | AIR},
    {"drone strike", CEV_EV_AIR_STRIKE, N | AIR}, {"drone strikes", CEV_EV_AIR_STRIKE, N | AIR},
    {"drone attack", CEV_EV_AIR_STRIKE, N | AIR}, {"drone attacks", CEV_EV_AIR_STRIKE, N | AIR},
    {"barrel bomb", CEV_EV_AIR_STRIKE, N | AIR}, {"barrel bombs", CEV_EV_AIR_STRIKE, N | AIR},
    {"barrel-bomb", CEV_EV_AIR_STRIKE, N | AIR}, {"barrel-bombs", CEV_EV_AIR_STRIKE, N | AIR},
    {"sorties", CEV_EV_AIR_STRIKE, N | AIR | W},
    {"strafed", CEV_EV_AIR_STRIKE, V | AIR | P},
    {"bombing campaign", CEV_EV_AIR_STRIKE, N | AIR},

    /* ---- shelling: artillery, rockets, missiles, mortars ---- */
    {"shelling", CEV_EV_SHELLING, N}, {"shellings", CEV_EV_SHELLING, N},
    {"shelled", CEV_EV_SHELLING, V | P}, {"shells", CEV_EV_SHELLING, N | WPN | W},
    {"artillery fire", CEV_EV_SHELLING, N}, {"artillery barrage", CEV_EV_SHELLING, N},
    {"artillery strike", CEV_EV_SHELLING, N}, {"artillery strikes", CEV_EV_SHELLING, N},
    {"artillery", CEV_EV_SHELLING, N | WPN | W},
    {"mortar", CEV_EV_SHELLING, N | WPN | W}, {"mortars", CEV_EV_SHELLING, N | WPN | W},
    {"mortar fire", CEV_EV_SHELLING, N}, {"mortar attack", CEV_EV_SHELLING, N},
    {"mortar attacks", CEV_EV_SHELLING, N}, {"mortar rounds", CEV_EV_SHELLING, N | WPN},
    {"mortar shells", CEV_EV_SHELLING, N | WPN},
    {"rocket", CEV_EV_SHELLING, N | WPN | W}, {"rockets", CEV_EV_SHELLING, N | WPN | W},
    {"rocket attack", CEV_EV_SHELLING, N}, {"rocket attacks", CEV_EV_SHELLING, N},
    {"rocket fire", CEV_EV_SHELLING, N}, {"rocket strike", CEV_EV_SHELLING, N},
    {"rocket strikes", CEV_EV_SHELLING, N},
    {"missile", CEV_EV_SHELLING, N | WPN | W}, {"missiles", CEV_EV_SHELLING, N | WPN | W},
    {"missile strike", CEV_EV_SHELLING, N}, {"missile strikes", CEV_EV_SHELLING, N},
    {"missile attack", CEV_EV_SHELLING, N}, {"missile attacks", CEV_EV_SHELLING, N},
    {"ballistic missile", CEV_EV_SHELLING, N | WPN}, {"cruise missile", CEV_EV_SHELLING, N | WPN},
    {"cruise missiles", CEV_EV_SHELLING, N | WPN},
    {"ballistic missiles", CEV_EV_SHELLING, N | WPN},
    {"drones", CEV_EV_AIR_STRIKE, N | WPN | W | AIR}, {"kamikaze drones", CEV_EV_AIR_STRIKE, N | WPN | AIR},
    {"shahed drones", CEV_EV_AIR_STRIKE, N | WPN | AIR},
    {"bombardment", CEV_EV_SHELLING, N}, {"bombardments", CEV_EV_SHELLING, N},
    {"bombarded", CEV_EV_SHELLING, V | P}, {"bombarding", CEV_EV_SHELLING, V},
    {"barrage", CEV_EV_SHELLING, N}, {"barrages", CEV_EV_SHELLING, N},
    {"pounded", CEV_EV_SHELLING, V | P | GEN}, {"pounding", CEV_EV_SHELLING, V | GEN},
    {"pound", CEV_EV_SHELLING, V | GEN}, {"pounds", CEV_EV_SHELLING, V | GEN},
    {"grad rockets", CEV_EV_SHELLING, N | WPN}, {"katyusha rockets", CEV_EV_SHELLING, N | WPN},
    {"tank fire", CEV_EV_SHELLING, N}, {"gunboat", CEV_EV_SHELLING, N | W},

    /* ---- bombings: IEDs, car bombs, suicide attacks, mines ---- */
    {"car bomb", CEV_EV_BOMBING, N}, {"car bombs", CEV_EV_BOMBING, N},
    {"car-bomb", CEV_EV_BOMBING, N}, {"car bombing", CEV_EV_BOMBING, N},
    {"truck bomb", CEV_EV_BOMBING, N}, {"lorry bomb", CEV_EV_BOMBING, N},
    {"suicide bomber", CEV_EV_BOMBING, N}, {"suicide bombers", CEV_EV_BOMBING, N},
    {"suicide bombing", CEV_EV_BOMBING, N}, {"suicide bombings", CEV_EV_BOMBING, N},
    {"suicide attack", CEV_EV_BOMBING, N}, {"suicide attacks", CEV_EV_BOMBING, N},
    {"suicide car bomb", CEV_EV_BOMBING, N}, {"suicide blast", CEV_EV_BOMBING, N},
    {"roadside bomb", CEV_EV_BOMBING, N}, {"roadside bombs", CEV_EV_BOMBING, N},
    {"ied", CEV_EV_BOMBING, N}, {"ieds", CEV_EV_BOMBING, N}, {"vbied", CEV_EV_BOMBING, N},
    {"improvised explosive device", CEV_EV_BOMBING, N},
    {"improvised explosive devices", CEV_EV_BOMBING, N},
    {"explosive device", CEV_EV_BOMBING, N}, {"explosive devices", CEV_EV_BOMBING, N},
    {"bomb blast", CEV_EV_BOMBING, N}, {"bomb attack", CEV_EV_BOMBING, N},
    {"bomb attacks", CEV_EV_BOMBING, N}, {"bomb", CEV_EV_BOMBING, N | W},
    {"bombs", CEV_EV_BOMBING, N | W}, {"bombing", CEV_EV_BOMBING, N | GEN},
    {"bombings", CEV_EV_BOMBING, N | GEN}, {"bombed", CEV_EV_BOMBING, V | P | GEN},
    {"blast", CEV_EV_BOMBING, N}, {"blasts", CEV_EV_BOMBING, N},
    {"explosion", CEV_EV_BOMBING, N}, {"explosions", CEV_EV_BOMBING, N},
    {"exploded", CEV_EV_BOMBING, V}, {"detonated", CEV_EV_BOMBING, V | P},
    {"blew himself up", CEV_EV_BOMBING, V}, {"blew themselves up", CEV_EV_BOMBING, V},
    {"blew herself up", CEV_EV_BOMBING, V},
    {"landmine", CEV_EV_BOMBING, N}, {"landmines", CEV_EV_BOMBING, N},
    {"land mine", CEV_EV_BOMBING, N}, {"booby trap", CEV_EV_BOMBING, N},
    {"booby-trapped", CEV_EV_BOMBING, N}, {"suicide vest", CEV_EV_BOMBING, N},
    {"grenade attack", CEV_EV_BOMBING, N}, {"grenade", CEV_EV_BOMBING, N | W},

    /* ---- chemical attacks ---- */
    {"chemical attack", CEV_EV_CHEMICAL_ATTACK, N}, {"chemical attacks", CEV_EV_CHEMICAL_ATTACK, N},
    {"chemical weapon", CEV_EV_CHEMICAL_ATTACK, N}, {"chemical weapons", CEV_EV_CHEMICAL_ATTACK, N},
    {"chemical weapons attack", CEV_EV_CHEMICAL_ATTACK, N},
    {"gas attack", CEV_EV_CHEMICAL_ATTACK, N}, {"gas attacks", CEV_EV_CHEMICAL_ATTACK, N},
    {"sarin", CEV_EV_CHEMICAL_ATTACK, N}, {"chlorine gas", CEV_EV_CHEMICAL_ATTACK, N},
    {"chlorine", CEV_EV_CHEMICAL_ATTACK, N | W}, {"mustard gas", CEV_EV_CHEMICAL_ATTACK, N},
    {"toxic gas", CEV_EV_CHEMICAL_ATTACK, N}, {"nerve agent", CEV_EV_CHEMICAL_ATTACK, N},
    {"white phosphorus", CEV_EV_CHEMICAL_ATTACK, N},
    {"poison gas", CEV_EV_CHEMICAL_ATTACK, N},

    /* ---- armed clashes ---- */
    {"clash", CEV_EV_ARMED_CLASH, N | V}, {"clashes", CEV_EV_ARMED_CLASH, N | V},
    {"clashed", CEV_EV_ARMED_CLASH, V}, {"clashing", CEV_EV_ARMED_CLASH, V},
    {"fighting", CEV_EV_ARMED_CLASH, N | W}, {"fought", CEV_EV_ARMED_CLASH, V},
    {"battle", CEV_EV_ARMED_CLASH, N}, {"battles", CEV_EV_ARMED_CLASH, N},
    {"battled", CEV_EV_ARMED_CLASH, V}, {"battling", CEV_EV_ARMED_CLASH, V | W},
    {"firefight", CEV_EV_ARMED_CLASH, N}, {"firefights", CEV_EV_ARMED_CLASH, N},
    {"gunfight", CEV_EV_ARMED_CLASH, N}, {"gun battle", CEV_EV_ARMED_CLASH, N},
    {"gun battles", CEV_EV_ARMED_CLASH, N}, {"exchange of fire", CEV_EV_ARMED_CLASH, N},
    {"shootout", CEV_EV_ARMED_CLASH, N}, {"shootouts", CEV_EV_ARMED_CLASH, N},
    {"shoot-out", CEV_EV_ARMED_CLASH, N}, {"gunbattle", CEV_EV_ARMED_CLASH, N},
    {"gunbattles", CEV_EV_ARMED_CLASH, N}, {"fierce fighting", CEV_EV_ARMED_CLASH, N},
    {"heavy fighting", CEV_EV_ARMED_CLASH, N}, {"street fighting", CEV_EV_ARMED_CLASH, N},
    {"exchanged fire", CEV_EV_ARMED_CLASH, V}, {"skirmish", CEV_EV_ARMED_CLASH, N},
    {"skirmishes", CEV_EV_ARMED_CLASH, N}, {"offensive", CEV_EV_ARMED_CLASH, N | W},
    {"counteroffensive", CEV_EV_ARMED_CLASH, N}, {"counter-offensive", CEV_EV_ARMED_CLASH, N},
    {"counterattack", CEV_EV_ARMED_CLASH, N}, {"counter-attack", CEV_EV_ARMED_CLASH, N},
    {"hostilities", CEV_EV_ARMED_CLASH, N | W}, {"besieged", CEV_EV_ARMED_CLASH, V | W},
    {"counteraction", CEV_EV_ARMED_CLASH, N | W}, {"engaged", CEV_EV_ARMED_CLASH, V | W},
    {"combat", CEV_EV_ARMED_CLASH, N | W},

    /* ---- other attacks ---- */
    {"attack", CEV_EV_ATTACK, N | V | GEN}, {"attacks", CEV_EV_ATTACK, N | V | GEN},
    {"attacked", CEV_EV_ATTACK, V | P | GEN}, {"attacking", CEV_EV_ATTACK, V | GEN},
    {"assault", CEV_EV_ATTACK, N | GEN}, {"assaults", CEV_EV_ATTACK, N | GEN},
    {"assaulted", CEV_EV_ATTACK, V | P}, {"raid", CEV_EV_ATTACK, N | GEN},
    {"raids", CEV_EV_ATTACK, N | GEN}, {"raided", CEV_EV_ATTACK, V | P},
    {"ambush", CEV_EV_ATTACK, N | V}, {"ambushed", CEV_EV_ATTACK, V | P},
    {"ambushes", CEV_EV_ATTACK, N}, {"massacre", CEV_EV_ATTACK, N | V},
    {"massacred", CEV_EV_ATTACK, V | P}, {"massacres", CEV_EV_ATTACK, N},
    {"shooting", CEV_EV_ATTACK, N}, {"shootings", CEV_EV_ATTACK, N},
    {"shot dead", CEV_EV_ATTACK, V | P}, {"gunned down", CEV_EV_ATTACK, V | P},
    {"opened fire", CEV_EV_ATTACK, V}, {"open fire", CEV_EV_ATTACK, V | W},
    {"gunfire", CEV_EV_ATTACK, N}, {"stabbing", CEV_EV_ATTACK, N}, {"stabbed", CEV_EV_ATTACK, V | P},
    {"strike", CEV_EV_ATTACK, N | GEN}, {"strikes", CEV_EV_ATTACK, N | GEN},
    {"struck", CEV_EV_ATTACK, V | P | GEN}, {"targeted", CEV_EV_ATTACK, V | P | GEN | W},
    {"targeting", CEV_EV_ATTACK, V | GEN | W}, {"hit", CEV_EV_ATTACK, V | P | GEN | W},
    {"executed", CEV_EV_ATTACK, V | P | W}, {"beheaded", CEV_EV_ATTACK, V | P},
    {"torched", CEV_EV_ATTACK, V | P}, {"set fire to", CEV_EV_ATTACK, V},
    {"looted", CEV_EV_ATTACK, V | W}, {"intervened", CEV_EV_ATTACK, V | W},
    {"killing spree", CEV_EV_ATTACK, N}, {"mass killing", CEV_EV_ATTACK, N},
    {"murder", CEV_EV_ATTACK, N | W}, {"murdered", CEV_EV_ATTACK, V | P},
    {"murders", CEV_EV_ATTACK, N | W}, {"assassination", CEV_EV_ATTACK, N},
    {"assassinated", CEV_EV_ATTACK, V | P}, {"assassinations", CEV_EV_ATTACK, N},
    {"shot to death", CEV_EV_ATTACK, V | P}, {"machine-gunned", CEV_EV_ATTACK, V | P},
    {"fired on", CEV_EV_ATTACK, V}, {"fired at", CEV_EV_ATTACK, V},
    {"opened fire on", CEV_EV_ATTACK, V}, {"lynched", CEV_EV_ATTACK, V | P},
    {"burned", CEV_EV_ATTACK, V | P | W}, {"burnt", CEV_EV_ATTACK, V | P | W},
    {"arson", CEV_EV_ATTACK, N}, {"arson attack", CEV_EV_ATTACK, N},
    {"dynamited", CEV_EV_BOMBING, V | P}, {"blew up", CEV_EV_BOMBING, V},
    {"blown up", CEV_EV_BOMBING, V | P}, {"went off", CEV_EV_BOMBING, V},
    {"incendiary bomb", CEV_EV_BOMBING, N}, {"kidnap", CEV_EV_ABDUCTION, V | N},
    {"kidnappers", CEV_EV_ABDUCTION, N | W}, {"abduct", CEV_EV_ABDUCTION, V},
    {"abducts", CEV_EV_ABDUCTION, V}, {"kidnaps", CEV_EV_ABDUCTION, V},
    {"kill", CEV_EV_ATTACK, V | W}, {"kills", CEV_EV_ATTACK, V | W},
    /* violence against persons: torture, beatings, sexual violence,
     * assassinations (an attempt is an act: "attempted to assassinate") */
    {"tortured", CEV_EV_ATTACK, V | P}, {"torture", CEV_EV_ATTACK, N | W},
    {"beat up", CEV_EV_ATTACK, V}, {"beaten up", CEV_EV_ATTACK, V | P},
    {"beat to death", CEV_EV_ATTACK, V}, {"beaten to death", CEV_EV_ATTACK, V | P},
    {"beaten", CEV_EV_ATTACK, V | P | W},
    {"sexually abused", CEV_EV_ATTACK, V | P}, {"sexually assaulted", CEV_EV_ATTACK, V | P},
    {"raped", CEV_EV_ATTACK, V | P},
    {"assassinate", CEV_EV_ATTACK, V}, {"assassination attempt", CEV_EV_ATTACK, N},
    /* "fired anti-aircraft batteries at": needs a direction (blocked()) */
    {"fired", CEV_EV_ATTACK, V | W},
    {"invaded", CEV_EV_TERRITORY_CHANGE, V | P | PLC},
    {"invasion", CEV_EV_TERRITORY_CHANGE, N | PLC | W},

    /* ---- territory changes ---- */
    {"captured", CEV_EV_TERRITORY_CHANGE, V | P | PLC}, {"capture", CEV_EV_TERRITORY_CHANGE, N | V | PLC},
    {"seized", CEV_EV_TERRITORY_CHANGE, V | P | PLC}, {"seize", CEV_EV_TERRITORY_CHANGE, V | PLC},
    {"took control", CEV_EV_TERRITORY_CHANGE, V | PLC}, {"taken control", CEV_EV_TERRITORY_CHANGE, V | PLC},
    {"take control", CEV_EV_TERRITORY_CHANGE, V | PLC}, {"took over", CEV_EV_TERRITORY_CHANGE, V | PLC},
    {"retook", CEV_EV_TERRITORY_CHANGE, V | PLC}, {"retaken", CEV_EV_TERRITORY_CHANGE, V | PLC},
    {"recaptured", CEV_EV_TERRITORY_CHANGE, V | P | PLC}, {"recapture", CEV_EV_TERRITORY_CHANGE, N | PLC},
    {"liberated", CEV_EV_TERRITORY_CHANGE, V | P | PLC}, {"liberation", CEV_EV_TERRITORY_CHANGE, N | PLC},
    {"overran", CEV_EV_TERRITORY_CHANGE, V | PLC}, {"overrun", CEV_EV_TERRITORY_CHANGE, V | P | PLC},
    {"stormed", CEV_EV_TERRITORY_CHANGE, V | PLC}, {"storming", CEV_EV_TERRITORY_CHANGE, N | PLC},
    {"entered", CEV_EV_TERRITORY_CHANGE, V | PLC | W}, {"advance", CEV_EV_TERRITORY_CHANGE, N | V | PLC},
    {"advances", CEV_EV_TERRITORY_CHANGE, N | V | PLC}, {"advanced", CEV_EV_TERRITORY_CHANGE, V | PLC},
    {"advancing", CEV_EV_TERRITORY_CHANGE, V | PLC}, {"withdrew", CEV_EV_TERRITORY_CHANGE, V | PLC},
    {"withdrawn", CEV_EV_TERRITORY_CHANGE, V | PLC},
    {"retreat", CEV_EV_TERRITORY_CHANGE, N | V | PLC}, {"retreated", CEV_EV_TERRITORY_CHANGE, V | PLC},
    {"pulled out", CEV_EV_TERRITORY_CHANGE, V | PLC}, {"fell to", CEV_EV_TERRITORY_CHANGE, V | PLC},
    {"lost control", CEV_EV_TERRITORY_CHANGE, V | PLC}, {"gained ground", CEV_EV_TERRITORY_CHANGE, V | PLC},
    {"regained", CEV_EV_TERRITORY_CHANGE, V | PLC}, {"moved into", CEV_EV_TERRITORY_CHANGE, V | PLC},
    {"pushed into", CEV_EV_TERRITORY_CHANGE, V | PLC}, {"encircled", CEV_EV_TERRITORY_CHANGE, V | P | PLC},
    {"restored control", CEV_EV_TERRITORY_CHANGE, V | PLC}, {"have restored", CEV_EV_TERRITORY_CHANGE, V | PLC | W},
    {"improved their positions", CEV_EV_TERRITORY_CHANGE, V | PLC},
    {"left the", CEV_EV_TERRITORY_CHANGE, V | PLC | W}, {"abandon", CEV_EV_TERRITORY_CHANGE, V | PLC | W},
    {"abandoned", CEV_EV_TERRITORY_CHANGE, V | PLC | W}, {"severed", CEV_EV_TERRITORY_CHANGE, V | PLC},
    {"cut off", CEV_EV_TERRITORY_CHANGE, V | PLC | W}, {"move closer", CEV_EV_TERRITORY_CHANGE, V | PLC},
    {"moved closer", CEV_EV_TERRITORY_CHANGE, V | PLC}, {"reached", CEV_EV_TERRITORY_CHANGE, V | PLC | W},

    /* ---- abductions ---- */
    {"abducted", CEV_EV_ABDUCTION, V | P | PPL}, {"abduction", CEV_EV_ABDUCTION, N},
    {"abductions", CEV_EV_ABDUCTION, N}, {"kidnapped", CEV_EV_ABDUCTION, V | P | PPL},
    {"kidnapping", CEV_EV_ABDUCTION, N}, {"kidnappings", CEV_EV_ABDUCTION, N},
    {"taken hostage", CEV_EV_ABDUCTION, V | P}, {"took hostage", CEV_EV_ABDUCTION, V},
    {"hostage-taking", CEV_EV_ABDUCTION, N}, {"hostages", CEV_EV_ABDUCTION, N | W},
    {"abducting", CEV_EV_ABDUCTION, V},

    /* ---- not violent ---- */
    {"protest", CEV_EV_PROTEST, N | V}, {"protests", CEV_EV_PROTEST, N | V},
    {"protested", CEV_EV_PROTEST, V}, {"demonstration", CEV_EV_PROTEST, N},
    {"demonstrations", CEV_EV_PROTEST, N}, {"demonstrators", CEV_EV_PROTEST, N},
    {"protesters", CEV_EV_PROTEST, N}, {"rally", CEV_EV_PROTEST, N | W},
    {"arrested", CEV_EV_ARREST, V | P | PPL}, {"arrest", CEV_EV_ARREST, N | W},
    {"arrests", CEV_EV_ARREST, N}, {"detained", CEV_EV_ARREST, V | P | PPL},
    {"detention", CEV_EV_ARREST, N | W},
    {"agreement", CEV_EV_AGREEMENT, N}, {"agreed", CEV_EV_AGREEMENT, V},
    {"ceasefire", CEV_EV_AGREEMENT, N | W}, {"truce", CEV_EV_AGREEMENT, N | W},
    {"signed", CEV_EV_AGREEMENT, V | W}, {"deal", CEV_EV_AGREEMENT, N | W},
    {"talks", CEV_EV_MEETING, N}, {"met", CEV_EV_MEETING, V | W}, {"meeting", CEV_EV_MEETING, N},
    {"summit", CEV_EV_MEETING, N}, {"phoned", CEV_EV_MEETING, V}, {"phone call", CEV_EV_MEETING, N},
    {"condemned", CEV_EV_STATEMENT, V}, {"condemns", CEV_EV_STATEMENT, V},
    {"warned", CEV_EV_STATEMENT, V}, {"warns", CEV_EV_STATEMENT, V},
    {"accused", CEV_EV_STATEMENT, V}, {"denied", CEV_EV_STATEMENT, V},
    {"criticized", CEV_EV_STATEMENT, V}, {"criticised", CEV_EV_STATEMENT, V},
    {"called on", CEV_EV_STATEMENT, V}, {"urged", CEV_EV_STATEMENT, V},
    {"announced", CEV_EV_STATEMENT, V}, {"confirmed", CEV_EV_STATEMENT, V | W},
    {"demanded", CEV_EV_STATEMENT, V}, {"threatened", CEV_EV_STATEMENT, V},
};

#undef V
#undef N
#undef P
#undef W
#undef AIR
#undef WPN
#undef PPL
#undef PLC
#undef GEN

/* Index: triggers sorted by their first word, so lookup is a binary search. */
static const cev_trigger *g_sorted[sizeof k_triggers / sizeof *k_triggers];
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

static size_t first_word_len(const char *p)
{
    const char *sp = strchr(p, ' ');
    return sp ? (size_t)(sp - p) : strlen(p);
}

static int cmp_first_word(const void *a, const void *b)
{
    const cev_trigger *x = *(const cev_trigger *const *)a, *y = *(const cev_trigger *const *)b;
    size_t lx = first_word_len(x->phrase), ly = first_word_len(y->phrase);
    int c = strncmp(x->phrase, y->phrase, lx < ly ? lx : ly);
    if (c)
        return c;
    return lx < ly ? -1 : lx > ly ? 1 : 0;
}

static void build_index(void)
{
    for (size_t i = 0; i < sizeof k_triggers / sizeof *k_triggers; i++)
        g_sorted[i] = &k_triggers[i];
    qsort(g_sorted, sizeof k_triggers / sizeof *k_triggers, sizeof *g_sorted, cmp_first_word);
}

/* Compare a token (case-insensitively, ASCII) with a lower-case word. */
static int tok_cmp_word(const char *s, const cev_tok *t, const char *w, size_t wl)
{
    size_t tl = t->end - t->start;
    size_t n = tl < wl ? tl : wl;
    for (size_t i = 0; i < n; i++) {
        int a = cev_to_lower((unsigned char)s[t->start + i]), b = (unsigned char)w[i];
        if (a != b)
            return a - b;
    }
    return tl < wl ? -1 : tl > wl ? 1 : 0;
}

size_t cev_lex_trigger(const char *s, const cev_tok *toks, size_t i, size_t end,
                       const cev_trigger **out)
{
    pthread_once(&g_once, build_index);
    if (!(toks[i].flags & CEV_TOK_WORD))
        return 0;
    size_t n = sizeof k_triggers / sizeof *k_triggers;
    /* binary search for the first entry whose first word equals the token */
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *ph = g_sorted[mid]->phrase;
        if (tok_cmp_word(s, &toks[i], ph, first_word_len(ph)) > 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t best = 0;
    for (size_t k = lo; k < n; k++) {
        const char *ph = g_sorted[k]->phrase;
        size_t fl = first_word_len(ph);
        if (tok_cmp_word(s, &toks[i], ph, fl) != 0)
            break;
        /* match the remaining words */
        size_t used = 1;
        const char *p = ph + fl;
        int ok = 1;
        while (*p == ' ') {
            p++;
            size_t wl = first_word_len(p);
            if (i + used >= end || tok_cmp_word(s, &toks[i + used], p, wl) != 0) {
                ok = 0;
                break;
            }
            used++;
            p += wl;
        }
        if (ok && used > best) {
            best = used;
            *out = g_sorted[k];
        }
    }
    return best;
}

/* ---- closed word lists ---------------------------------------------------- */

static int tok_in(const char *s, const cev_tok *t, const char *const *list)
{
    int c0 = cev_to_lower((unsigned char)s[t->start]);
    for (; *list; list++)
        if ((*list)[0] == c0 && tok_cmp_word(s, t, *list, strlen(*list)) == 0)
            return 1;
    return 0;
}

int cev_lex_is_force_noun(const char *s, const cev_tok *t)
{
    static const char *const w[] = {
        "forces", "force", "fighters", "fighter", "militia", "militias", "militiamen",
        "troops", "soldiers", "soldier", "army", "rebels", "rebel", "insurgents", "insurgent",
        "militants", "militant", "jihadists", "jihadist", "gunmen", "gunman", "attackers",
        "assailants", "police", "policemen", "jets", "warplanes", "warplane", "aircraft",
        "planes", "helicopters", "drones", "regime", "coalition", "units", "battalion",
        "battalions", "brigade", "brigades", "extremists", "terrorists", "terrorist",
        "separatists", "guerrillas", "guerrilla", "paramilitaries", "paramilitary", "bandits",
        "gangs", "gang", "cartel", "navy", "military", "personnel", "commandos", "marines",
        "tanks", "groups", "government", "authorities", "guards", "gunships", "bombers",
        "snipers", "sniper", "kidnappers", "pirates", "raiders", "invaders", "occupiers",
        "aviation", "artillery", "loyalists", "mercenaries", "squads", "detachments", NULL};
    return tok_in(s, t, w);
}

int cev_lex_is_victim_noun(const char *s, const cev_tok *t)
{
    static const char *const w[] = {
        "people", "civilians", "civilian", "residents", "villagers", "children", "child",
        "women", "woman", "worshippers", "students", "passengers", "protesters", "journalists",
        "journalist", "workers", "worker", "family", "families", "patients", "refugees",
        "shoppers", "farmers", "pilgrims", "tourists", "doctors", "medics", "teachers", "men",
        "man", "persons", "person", "inhabitants", "locals", "schoolgirls", "schoolchildren",
        "mourners", "guests", "infants", "girls", "boys", "teenagers", "herders", "fishermen",
        "nurses", "volunteers", "others", "individuals", "victims", "bystanders", "miners",
        "traders", "pupils", "youths", "relatives", "shepherds", "sons", "daughters",
        "wife", "husband", "mother", "father", "brother", "brothers", "officials",
        "official", "officers", "officer", "employees", "crew", "sailors", "hostages",
        "teacher", "student", "priest", "imam", "mayor", "driver", "drivers",
        "elders", "leaders", "leader", "clerics", "diplomats", "contractors", "staff", NULL};
    return tok_in(s, t, w);
}

int cev_lex_is_modal(const char *s, const cev_tok *t)
{
    static const char *const w[] = {"will", "would", "could", "might", "may", "should", "must",
                                    "shall", "to", "can", "'ll", "cannot", NULL};
    return tok_in(s, t, w);
}

int cev_lex_is_negation(const char *s, const cev_tok *t)
{
    static const char *const w[] = {"not", "never", "no", "n't", "without", "nor", NULL};
    return tok_in(s, t, w);
}

int cev_lex_is_place_prep(const char *s, const cev_tok *t)
{
    static const char *const w[] = {"in", "near", "at", "outside", "inside", "into", "around",
                                    "across", "on", "from", "of", "towards", "toward", "over",
                                    "outskirts", "between", "along", NULL};
    return tok_in(s, t, w);
}

int cev_lex_is_clause_break(const char *s, const cev_tok *t)
{
    static const char *const w[] = {";", "but", "while", "whereas", "although", "though",
                                    "however", "which", "who", "whom", "where", "when",
                                    "because", "after", "before", "since", "as", "amid",
                                    "despite", "instead", NULL};
    return tok_in(s, t, w);
}

int cev_lex_is_speech_verb(const char *s, const cev_tok *t)
{
    static const char *const w[] = {"said", "says", "told", "reported", "reports", "stated",
                                    "added", "noted", "claimed", "announced", "confirmed",
                                    "tweeted", "wrote", "maintained", NULL};
    return tok_in(s, t, w);
}

int cev_lex_is_actor_modifier(const char *s, const cev_tok *t)
{
    static const char *const w[] = {
        "rebel", "islamist", "armed", "government", "opposition", "pro-government",
        "government-held", "rebel-held", "insurgent", "jihadist", "militant", "shiite",
        "shi'ite", "shia", "sunni", "tribal", "unidentified", "unknown", "suspected",
        "security", "special", "elite", "allied", "regime", "pro-regime", "militia",
        "government-aligned", "loyalist", "separatist", "coalition", "state", "federal",
        "army", "military", "police", "kurdish", "arab", "druze", "alawite", "christian",
        "foreign", "local", "masked", "heavily", "islamic", "terrorist", "extremist", "suicide",
        "ethnic", NULL};
    return tok_in(s, t, w);
}
