/* builtin.h - the data files under data/, compiled into the library. */
#ifndef CEV_BUILTIN_H
#define CEV_BUILTIN_H

#include <stddef.h>

typedef struct cev_builtin_file {
    const char *name; /* file name, e.g. "armed_groups.tsv" */
    const char *data;
    size_t len;
} cev_builtin_file;

/* Entities files first, then places; terminated by a NULL name. */
extern const cev_builtin_file cev_builtin_files[] __attribute__((visibility("hidden")));

#endif
