/* cli.h - the conflictev command-line tool: one file per subcommand. */
#ifndef CEV_CLI_H
#define CEV_CLI_H

#include <stdio.h>

#include "conflictev.h"

/* Each subcommand gets argv starting at its own name; returns the exit
 * status.  Errors go to stderr as "conflictev: FILE: message". */
int cli_extract(int argc, char **argv); /* cli_extract.c */
int cli_alias(int argc, char **argv);   /* cli_alias.c: lookup, import */
int cli_ingest(int argc, char **argv);  /* cli_store.c */
int cli_query(int argc, char **argv);   /* cli_store.c */
int cli_incidents(int argc, char **argv); /* cli_store.c */

/* Read a whole file ("-" is standard input). Returns 0 or an errno value. */
int cli_read_file(const char *path, char **data, size_t *len);

/* A context with the built-in data plus --aliases files, or NULL after
 * printing why. */
cev_context *cli_make_context(const char *const *alias_files, size_t n_alias_files);

#endif
