/* error.c - the error list, its messages, and the error state on handles. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

const char *cev_strerror(int code)
{
    switch (code) {
#define CEV_X_CASE(name, c, msg) case c: return msg;
        CEV_ERROR_LIST(CEV_X_CASE)
#undef CEV_X_CASE
    }
    return "unknown error";
}

const char *cev_error_name(int code)
{
    switch (code) {
#define CEV_X_CASE(name, c, msg) case c: return #name;
        CEV_ERROR_LIST(CEV_X_CASE)
#undef CEV_X_CASE
    }
    return NULL;
}

void cev_err_clear(cev_err *e)
{
    e->code = CEV_OK;
    e->offset = -1;
    e->msg[0] = '\0';
}

int cev_err_set(cev_err *e, int code, int64_t offset, const char *fmt, ...)
{
    if (!e)
        return code;
    e->code = code;
    e->offset = offset;
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(e->msg, sizeof e->msg, fmt, ap);
        va_end(ap);
    } else {
        snprintf(e->msg, sizeof e->msg, "%s", cev_strerror(code));
    }
    return code;
}

void cev_free(void *ptr) { free(ptr); }
