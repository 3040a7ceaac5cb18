/* layout.c - page layout of scraped news.
 *
 * A scrape mixes the article with headlines, datelines, photo captions,
 * "Related posts" lists, share buttons and reader comments.  Each block (one
 * line) gets a kind; events are only taken from body text and headlines.
 * A headline that follows body text starts a new story (a topic page, a blog
 * roundup, a newsletter section), so that context such as the date or the
 * actor of one story does not leak into the next. */
#include <string.h>

#include "layout.h"

static int starts_with_ci(const char *s, size_t a, size_t b, const char *w)
{
    size_t n = strlen(w);
    return b - a >= n && cev_strncaseeq(s + a, w, n);
}

static int contains_ci(const char *s, size_t a, size_t b, const char *w)
{
    size_t n = strlen(w);
    for (size_t i = a; i + n <= b; i++)
        if (cev_strncaseeq(s + i, w, n))
            return 1;
    return 0;
}

static const char *const k_months[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul",
                                       "aug", "sep", "oct", "nov", "dec", NULL};
static const char *const k_days[] = {"monday", "tuesday", "wednesday", "thursday", "friday",
                                     "saturday", "sunday", NULL};

static int word_in(const char *w, size_t n, const char *const *list, size_t prefix)
{
    for (; *list; list++) {
        size_t ln = strlen(*list);
        if (prefix ? (n >= ln && cev_strncaseeq(w, *list, ln)) : (n == ln && cev_strncaseeq(w, *list, n)))
            return 1;
    }
    return 0;
}

int cev_layout_is_dateline(const char *s, size_t a, size_t b)
{
    if (b - a > 80)
        return 0;
    if (s[a] == '[' && contains_ci(s, a, b, "source"))
        return 1;
    if (starts_with_ci(s, a, b, "posted ") || starts_with_ci(s, a, b, "published ") ||
        starts_with_ci(s, a, b, "updated ") || starts_with_ci(s, a, b, "by ") ||
        starts_with_ci(s, a, b, "source:") || starts_with_ci(s, a, b, "sources:"))
        return 1;
    /* only date-like words: numbers, months, weekdays, separators */
    size_t i = a;
    int datey = 0, other = 0;
    while (i < b) {
        while (i < b && !cev_is_alpha((unsigned char)s[i]) && !cev_is_digit((unsigned char)s[i]))
            i++;
        size_t w = i;
        while (i < b && (cev_is_alpha((unsigned char)s[i]) || cev_is_digit((unsigned char)s[i])))
            i++;
        size_t n = i - w;
        if (!n)
            break;
        if (cev_is_digit((unsigned char)s[w]))
            datey++;
        else if (word_in(s + w, n, k_months, 1) && n <= 9)
            datey++;
        else if (word_in(s + w, n, k_days, 0) || (n <= 3 && (cev_strncaseeq(s + w, "am", n) ||
                                                              cev_strncaseeq(s + w, "pm", n) ||
                                                              cev_strncaseeq(s + w, "gmt", n) ||
                                                              cev_strncaseeq(s + w, "utc", n))))
            datey++;
        else
            other++;
    }
    return datey >= 2 && other <= 1;
}

static int is_boilerplate(const char *s, size_t a, size_t b)
{
    static const char *const starts[] = {
        "read also", "read more", "see also", "related:", "also read", "recommended",
        "share this", "share on", "follow us", "subscribe", "sign up", "advertisement",
        "click here", "tweet", "email this", "print this", "copyright", "all rights reserved",
        "you may also like", "more from", "more stories", "trending", "watch:", "video:",
        "tags:", "filed under", "previous article", "next article", "see ", "inread", NULL};
    for (const char *const *p = starts; *p; p++)
        if (starts_with_ci(s, a, b, *p))
            return 1;
    /* ad and cookie notices are short lines; long ones are prose */
    if (b - a < 300 && (contains_ci(s, a, b, "invented by teads") || contains_ci(s, a, b, "cookie")))
        return 1;
    /* menus: many short items separated by | or bullets */
    int bars = 0;
    for (size_t i = a; i < b; i++)
        if (s[i] == '|')
            bars++;
    return bars >= 3;
}

/* Markers after which the rest of the page is comments or link lists. */
static int is_tail_marker(const char *s, size_t a, size_t b)
{
    size_t n = b - a;
    if (n > 40)
        return 0;
    static const char *const marks[] = {
        "related posts", "related post", "related articles", "related stories",
        "related news", "comments", "comment", "leave a comment", "leave a reply",
        "reader comments", "join the discussion", "join the conversation", "responses",
        "discussion", "post a comment", "add a comment", "show comments", "what do you think",
        "have your say", "conversation", "most read", "most popular", "popular posts",
        "recent posts", "latest news", "trending now", "you might also like", NULL};
    /* comment systems: "Jane Doe says:", "Reply", "Log in to Reply" */
    if (n >= 5 && cev_strncaseeq(s + b - 5, "says:", 5))
        return 1;
    if ((n == 5 && cev_strncaseeq(s + a, "reply", 5)) ||
        (n == 15 && cev_strncaseeq(s + a, "log in to reply", 15)))
        return 1;
    size_t i = a;
    while (i < b && cev_is_digit((unsigned char)s[i]))
        i++;
    while (i < b && s[i] == ' ')
        i++;
    for (const char *const *p = marks; *p; p++) {
        size_t ln = strlen(*p);
        if (b - i >= ln && cev_strncaseeq(s + i, *p, ln)) {
            size_t j = i + ln;
            while (j < b && (s[j] == ' ' || s[j] == ':' || s[j] == '(' || s[j] == ')' ||
                             cev_is_digit((unsigned char)s[j])))
                j++;
            if (j == b)
                return 1;
        }
    }
    return 0;
}

static int is_caption(const char *s, size_t a, size_t b)
{
    static const char *const marks[] = {"file photo", "handout image", "handout photo",
                                        "photo:", "image:", "photo credit", "(photo",
                                        "getty images", "afp photo", "reuters/", "(file)",
                                        "pictured above", "in this file", "in this photo",
                                        "in this image", NULL};
    if (b - a >= 400) /* captions are short: do not scan long paragraphs */
        return 0;
    for (const char *const *p = marks; *p; p++)
        if (contains_ci(s, a, b, *p))
            return 1;
    return 0;
}

/* A headline: short line with no sentence-final punctuation. */
static int is_headline(const cev_seg *g, const cev_blk *blk, const char *s)
{
    size_t a = blk->start, b = blk->end;
    unsigned char last = (unsigned char)s[b - 1];
    if (last == '.' || last == '!' || last == ',' || last == ';' || last == ':' || last == '"')
        return 0;
    if (last == '?' && b - a > 60)
        return 0;
    size_t words = 0;
    for (size_t k = 0; k < blk->sent_count; k++) {
        const cev_sent *st = &g->sents[blk->sent_first + k];
        for (size_t t = 0; t < st->tok_count; t++)
            if (g->toks[st->tok_first + t].flags & CEV_TOK_WORD)
                words++;
    }
    return words >= 2 && words <= 22;
}

void cev_layout(cev_seg *g, const char *s)
{
    int tail = 0;       /* inside comments / link lists */
    int story = 0;
    int seen_body = 0;  /* the current story has body text */
    for (size_t i = 0; i < g->n_blocks; i++) {
        cev_blk *b = &g->blocks[i];
        if (tail) {
            b->kind = CEV_BLOCK_COMMENT;
        } else if (is_tail_marker(s, b->start, b->end)) {
            tail = 1;
            b->kind = CEV_BLOCK_BOILERPLATE;
        } else if (cev_layout_is_dateline(s, b->start, b->end)) {
            b->kind = CEV_BLOCK_DATELINE;
        } else if (is_boilerplate(s, b->start, b->end)) {
            b->kind = CEV_BLOCK_BOILERPLATE;
        } else if (is_caption(s, b->start, b->end)) {
            b->kind = CEV_BLOCK_CAPTION;
        } else if (is_headline(g, b, s)) {
            b->kind = CEV_BLOCK_HEADLINE;
            if (seen_body) {
                story++;
                seen_body = 0;
            }
        } else {
            b->kind = CEV_BLOCK_BODY;
            seen_body = 1;
        }
        b->story = story;
    }
}
