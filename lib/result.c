/* result.c - the list of events handed to the caller. */
#include <stdlib.h>
#include <string.h>

#include "result.h"

cev_result *cev_result_create(void)
{
    cev_result *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->arena = cev_arena_new();
    if (!r->arena) {
        free(r);
        return NULL;
    }
    return r;
}

cev_event *cev_result_push(cev_result *r)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 16;
        cev_event *e = realloc(r->events, cap * sizeof *e);
        if (!e)
            return NULL;
        r->events = e;
        r->cap = cap;
    }
    cev_event *ev = &r->events[r->n++];
    memset(ev, 0, sizeof *ev);
    ev->killed.min = ev->killed.max = -1;
    ev->injured.min = ev->injured.max = -1;
    ev->abducted.min = ev->abducted.max = -1;
    return ev;
}

const char *cev_result_str(cev_result *r, const char *s) { return cev_arena_strdup(r->arena, s); }

const char *cev_result_strn(cev_result *r, const char *s, size_t n)
{
    return s ? cev_arena_strndup(r->arena, s, n) : NULL;
}

cev_span *cev_result_spans(cev_result *r, size_t n)
{
    return cev_arena_alloc(r->arena, n ? n * sizeof(cev_span) : 1);
}

static void copy_actor(cev_result *r, cev_actor *dst, const cev_actor *src)
{
    *dst = *src;
    dst->id = cev_result_str(r, src->id);
    dst->name = cev_result_str(r, src->name);
    dst->text = cev_result_str(r, src->text);
    dst->country = cev_result_str(r, src->country);
}

int cev_result_copy_event(cev_result *r, const cev_event *src)
{
    cev_event *ev = cev_result_push(r);
    if (!ev)
        return CEV_ERR_NOMEM;
    *ev = *src;
    copy_actor(r, &ev->actor, &src->actor);
    copy_actor(r, &ev->target, &src->target);
    ev->location.id = cev_result_str(r, src->location.id);
    ev->location.name = cev_result_str(r, src->location.name);
    ev->location.admin1 = cev_result_str(r, src->location.admin1);
    ev->location.country = cev_result_str(r, src->location.country);
    ev->location.text = cev_result_str(r, src->location.text);
    ev->date.text = cev_result_str(r, src->date.text);
    ev->killed.text = cev_result_str(r, src->killed.text);
    ev->injured.text = cev_result_str(r, src->injured.text);
    ev->abducted.text = cev_result_str(r, src->abducted.text);
    ev->source.id = cev_result_str(r, src->source.id);
    ev->source.name = cev_result_str(r, src->source.name);
    ev->source.text = cev_result_str(r, src->source.text);
    ev->sentence = cev_result_str(r, src->sentence);
    ev->trigger = cev_result_str(r, src->trigger);
    ev->article_id = cev_result_str(r, src->article_id);
    ev->spans = NULL;
    ev->n_spans = 0;
    if (src->n_spans) {
        cev_span *sp = cev_result_spans(r, src->n_spans);
        if (!sp)
            return CEV_ERR_NOMEM;
        memcpy(sp, src->spans, src->n_spans * sizeof *sp);
        ev->spans = sp;
        ev->n_spans = src->n_spans;
    }
    return CEV_OK;
}

size_t cev_result_count(const cev_result *r) { return r ? r->n : 0; }

const cev_event *cev_result_event(const cev_result *r, size_t i)
{
    return r && i < r->n ? &r->events[i] : NULL;
}

void cev_result_free(cev_result *r)
{
    if (!r)
        return;
    cev_arena_free(r->arena);
    free(r->events);
    free(r);
}
