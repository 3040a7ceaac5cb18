/* TEMPORARY placeholder, replaced by the alias subcommands. */
#include "cli.h"
int cli_alias(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "conflictev: alias: not built yet\n"); return 2; }
