/* json.c - one event as a JSON object, the format of docs/json.md. */
#include <stdlib.h>

#include "internal.h"

static void put_str_or_null(cev_buf *b, const char *s)
{
    if (s)
        cev_buf_json_str(b, s);
    else
        cev_buf_puts(b, "null");
}

static void put_actor(cev_buf *b, const cev_actor *a)
{
    if (!a->text) {
        cev_buf_puts(b, "null");
        return;
    }
    cev_buf_puts(b, "{\"name\":");
    put_str_or_null(b, a->name ? a->name : a->text);
    cev_buf_puts(b, ",\"id\":");
    put_str_or_null(b, a->id);
    cev_buf_puts(b, ",\"kind\":");
    put_str_or_null(b, a->id ? cev_kind_name(a->kind) : NULL);
    cev_buf_puts(b, ",\"country\":");
    put_str_or_null(b, a->country);
    cev_buf_puts(b, ",\"text\":");
    cev_buf_json_str(b, a->text);
    cev_buf_putc(b, '}');
}

static void put_location(cev_buf *b, const cev_location *l)
{
    if (!l->text) {
        cev_buf_puts(b, "null");
        return;
    }
    cev_buf_puts(b, "{\"name\":");
    put_str_or_null(b, l->name ? l->name : l->text);
    cev_buf_puts(b, ",\"id\":");
    put_str_or_null(b, l->id);
    cev_buf_puts(b, ",\"admin1\":");
    put_str_or_null(b, l->admin1);
    cev_buf_puts(b, ",\"country\":");
    put_str_or_null(b, l->country);
    if (l->has_coords)
        cev_buf_printf(b, ",\"lat\":%.5f,\"lon\":%.5f", l->lat, l->lon);
    else
        cev_buf_puts(b, ",\"lat\":null,\"lon\":null");
    cev_buf_puts(b, ",\"precision\":");
    put_str_or_null(b, cev_geo_precision_name(l->precision));
    cev_buf_puts(b, ",\"text\":");
    cev_buf_json_str(b, l->text);
    cev_buf_putc(b, '}');
}

static void put_date(cev_buf *b, const cev_date *d)
{
    if (d->precision == CEV_DATE_NONE) {
        cev_buf_puts(b, "null");
        return;
    }
    char s[11], e[11];
    cev_format_ymd(d->start, s);
    cev_format_ymd(d->end, e);
    cev_buf_printf(b, "{\"start\":\"%s\",\"end\":\"%s\",\"precision\":", s, e);
    put_str_or_null(b, cev_date_precision_name(d->precision));
    cev_buf_puts(b, ",\"text\":");
    put_str_or_null(b, d->text);
    cev_buf_putc(b, '}');
}

static void put_count(cev_buf *b, const cev_count *c)
{
    if (!c->text) {
        cev_buf_puts(b, "null");
        return;
    }
    cev_buf_printf(b, "{\"min\":%lld,\"max\":", (long long)c->min);
    if (c->max < 0)
        cev_buf_puts(b, "null");
    else
        cev_buf_printf(b, "%lld", (long long)c->max);
    cev_buf_puts(b, ",\"text\":");
    cev_buf_json_str(b, c->text);
    cev_buf_putc(b, '}');
}

static void put_source(cev_buf *b, const cev_source *s)
{
    if (!s->text) {
        cev_buf_puts(b, "null");
        return;
    }
    cev_buf_puts(b, "{\"name\":");
    put_str_or_null(b, s->name ? s->name : s->text);
    cev_buf_puts(b, ",\"id\":");
    put_str_or_null(b, s->id);
    cev_buf_puts(b, ",\"text\":");
    cev_buf_json_str(b, s->text);
    cev_buf_putc(b, '}');
}

int cev_event_to_json(char **out, const cev_event *ev)
{
    if (!out)
        return CEV_ERR_INVALID;
    *out = NULL;
    if (!ev)
        return CEV_ERR_INVALID;
    cev_buf b;
    cev_buf_init(&b);
    cev_buf_puts(&b, "{\"article\":");
    put_str_or_null(&b, ev->article_id);
    cev_buf_puts(&b, ",\"type\":");
    put_str_or_null(&b, cev_event_type_name(ev->type));
    cev_buf_puts(&b, ",\"actor\":");
    put_actor(&b, &ev->actor);
    cev_buf_puts(&b, ",\"target\":");
    put_actor(&b, &ev->target);
    cev_buf_puts(&b, ",\"location\":");
    put_location(&b, &ev->location);
    cev_buf_puts(&b, ",\"date\":");
    put_date(&b, &ev->date);
    cev_buf_puts(&b, ",\"killed\":");
    put_count(&b, &ev->killed);
    cev_buf_puts(&b, ",\"injured\":");
    put_count(&b, &ev->injured);
    cev_buf_puts(&b, ",\"abducted\":");
    put_count(&b, &ev->abducted);
    cev_buf_puts(&b, ",\"source\":");
    put_source(&b, &ev->source);
    cev_buf_printf(&b, ",\"span\":[%llu,%llu],\"spans\":[", (unsigned long long)ev->span.start,
                   (unsigned long long)ev->span.end);
    for (size_t i = 0; i < ev->n_spans; i++)
        cev_buf_printf(&b, "%s[%llu,%llu]", i ? "," : "", (unsigned long long)ev->spans[i].start,
                       (unsigned long long)ev->spans[i].end);
    cev_buf_puts(&b, "],\"trigger\":");
    put_str_or_null(&b, ev->trigger);
    cev_buf_printf(&b, ",\"confidence\":%.3f,\"sentence\":", ev->confidence);
    put_str_or_null(&b, ev->sentence);
    cev_buf_putc(&b, '}');
    *out = cev_buf_detach(&b);
    return *out ? CEV_OK : CEV_ERR_NOMEM;
}
