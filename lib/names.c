/* names.c - names of the enumerations in the public header. */
#include <string.h>

#include "internal.h"

const char *cev_event_type_name(int type)
{
    switch (type) {
#define CEV_X_CASE(name, c, str) case c: return str;
        CEV_EVENT_TYPE_LIST(CEV_X_CASE)
#undef CEV_X_CASE
    }
    return NULL;
}

int cev_event_type_from_name(const char *name)
{
    if (!name)
        return -1;
#define CEV_X_CMP(n, c, str) if (strcmp(name, str) == 0) return c;
    CEV_EVENT_TYPE_LIST(CEV_X_CMP)
#undef CEV_X_CMP
    return -1;
}

int cev_event_type_is_violent(int type)
{
    return type >= CEV_EV_AIR_STRIKE && type <= CEV_EV_ABDUCTION;
}

const char *cev_kind_name(int kind)
{
    switch (kind) {
#define CEV_X_CASE(name, c, str) case c: return str;
        CEV_KIND_LIST(CEV_X_CASE)
#undef CEV_X_CASE
    }
    return NULL;
}

int cev_kind_from_name(const char *name)
{
    if (!name)
        return -1;
#define CEV_X_CMP(n, c, str) if (strcmp(name, str) == 0) return c;
    CEV_KIND_LIST(CEV_X_CMP)
#undef CEV_X_CMP
    return -1;
}

int cev_kind_is_place(int kind)
{
    return kind == CEV_KIND_COUNTRY || (kind >= CEV_KIND_ADMIN1 && kind <= CEV_KIND_REGION);
}

const char *cev_date_precision_name(int p)
{
    static const char *const names[] = {"none", "day", "range", "month", "year"};
    return p >= 0 && p <= 4 ? names[p] : NULL;
}

const char *cev_geo_precision_name(int p)
{
    static const char *const names[] = {"none", "point", "city", "admin2", "admin1", "country"};
    return p >= 0 && p <= 5 ? names[p] : NULL;
}

const char *cev_block_kind_name(int kind)
{
    static const char *const names[] = {"body", "headline", "dateline",
                                        "caption", "boilerplate", "comment"};
    return kind >= 0 && kind <= 5 ? names[kind] : NULL;
}
