/* emit.c - event candidates to the public cev_event records. */
#include <string.h>

#include "discourse.h"

static const char *str_span(cev_result *r, const char *s, size_t a, size_t b)
{
    return b > a ? cev_result_strn(r, s + a, b - a) : NULL;
}

static int geo_precision(int kind)
{
    switch (kind) {
    case CEV_KIND_NEIGHBOURHOOD: case CEV_KIND_LANDMARK: return CEV_GEO_POINT;
    case CEV_KIND_CITY: case CEV_KIND_TOWN: case CEV_KIND_VILLAGE: return CEV_GEO_CITY;
    case CEV_KIND_ADMIN2: case CEV_KIND_BORDER_AREA: return CEV_GEO_ADMIN2;
    /* A region (Darfur, Donbas, the Sahel) is known no better than an admin1. */
    case CEV_KIND_ADMIN1: case CEV_KIND_REGION: return CEV_GEO_ADMIN1;
    case CEV_KIND_COUNTRY: return CEV_GEO_COUNTRY;
    }
    return CEV_GEO_NONE;
}

static void fill_actor(cev_result *r, const char *s, const cev_mention *m, cev_actor *out)
{
    size_t a = m->start, b = m->end;
    /* drop a leading article from the words as written */
    if (b - a > 4 && cev_strncaseeq(s + a, "the ", 4))
        a += 4;
    out->text = str_span(r, s, a, b);
    if (m->actor) {
        out->id = cev_result_str(r, m->actor->id);
        out->name = cev_result_str(r, m->actor->name);
        out->country = cev_result_str(r, m->actor->country);
        out->kind = m->actor->kind;
    }
}

static void fill_count(cev_result *r, const char *s, const cev_casualty *c, cev_count *out)
{
    out->min = c->q.min;
    out->max = c->q.max;
    out->text = str_span(r, s, c->start, c->end);
    if (!out->text)
        out->text = cev_result_str(r, "");
}

int cev_emit_events(cev_result *r, const cev_context *ctx, const cev_document *doc,
                    const cev_evlist *l, const cev_extract_opts *opts, cev_err *err)
{
    CEV_UNUSED(ctx);
    const char *s = doc->text.s;
    const cev_seg *g = &doc->seg;
    for (size_t i = 0; i < l->n; i++) {
        const cev_evc *c = &l->v[i];
        if (c->dead)
            continue;
        cev_event *ev = cev_result_push(r);
        if (!ev)
            return cev_err_set(err, CEV_ERR_NOMEM, -1, "out of memory");
        ev->type = c->type;
        ev->article_id = cev_result_str(r, opts->article_id);
        if (c->has_actor)
            fill_actor(r, s, &c->actor, &ev->actor);
        if (c->has_target)
            fill_actor(r, s, &c->target, &ev->target);
        if (c->place) {
            cev_location *loc = &ev->location;
            loc->id = cev_result_str(r, c->place->id);
            loc->name = cev_result_str(r, c->place->name);
            loc->admin1 = cev_result_str(r, c->place->admin1_name);
            loc->country = cev_result_str(r, c->place->country);
            loc->text = str_span(r, s, c->place_start, c->place_end);
            if (!loc->text)
                loc->text = loc->name;
            loc->has_coords = c->place->has_coords;
            loc->lat = c->lat;
            loc->lon = c->lon;
            loc->kind = c->place->kind;
            loc->precision = c->offset_applied ? CEV_GEO_CITY : geo_precision(c->place->kind);
        }
        if (c->has_date) {
            ev->date.start = c->date.start;
            ev->date.end = c->date.end;
            ev->date.precision = c->date.precision ? c->date.precision : CEV_DATE_DAY;
            ev->date.text = str_span(r, s, c->date.off, c->date.off + c->date.len);
        }
        if (c->has_killed)
            fill_count(r, s, &c->killed, &ev->killed);
        if (c->has_injured)
            fill_count(r, s, &c->injured, &ev->injured);
        if (c->has_abducted)
            fill_count(r, s, &c->abducted, &ev->abducted);
        if (c->has_source) {
            ev->source.text = str_span(r, s, c->src_start, c->src_end);
            if (c->src_rec) {
                ev->source.id = cev_result_str(r, c->src_rec->id);
                ev->source.name = cev_result_str(r, c->src_rec->name);
            }
        }
        ev->span.start = cev_text_orig(&doc->text, c->clause_start);
        ev->span.end = cev_text_orig(&doc->text, c->clause_end);
        cev_span *sp = cev_result_spans(r, c->n_reports + 1);
        if (!sp)
            return cev_err_set(err, CEV_ERR_NOMEM, -1, "out of memory");
        size_t n = 0;
        sp[n++] = ev->span;
        for (size_t k = 0; k < c->n_reports; k++) {
            cev_span x = {cev_text_orig(&doc->text, c->reports[k][0]),
                          cev_text_orig(&doc->text, c->reports[k][1])};
            if (x.start == ev->span.start && x.end == ev->span.end)
                continue;
            sp[n++] = x;
        }
        ev->spans = sp;
        ev->n_spans = n;
        ev->sentence = str_span(r, s, c->clause_start, c->clause_end);
        if (c->trig_n && c->trig_tok + c->trig_n <= g->n_toks)
            ev->trigger = str_span(r, s, g->toks[c->trig_tok].start,
                                   g->toks[c->trig_tok + c->trig_n - 1].end);
        ev->confidence = c->confidence;
    }
    return CEV_OK;
}
