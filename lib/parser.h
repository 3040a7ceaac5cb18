/* parser.h - the per-thread parser handle. */
#ifndef CEV_PARSER_H
#define CEV_PARSER_H

#include "internal.h"

#define CEV_DEFAULT_MAX_INPUT ((size_t)64 << 20)

struct cev_parser {
    cev_context *ctx;
    cev_err err;
    int repair_utf8;
    int nonviolent;
    int min_confidence; /* thousandths */
    size_t max_input;
};

#endif
