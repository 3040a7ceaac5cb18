/* TEMPORARY placeholder, replaced by the store subcommands. */
#include "cli.h"
int cli_ingest(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "conflictev: ingest: not built yet\n"); return 2; }
int cli_query(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "conflictev: query: not built yet\n"); return 2; }
int cli_incidents(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "conflictev: incidents: not built yet\n"); return 2; }
