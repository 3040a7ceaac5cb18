/* TEMPORARY placeholder, replaced by the extract subcommand. */
#include "cli.h"
int cli_extract(int argc, char **argv) { (void)argc; (void)argv; return 2; }
