/* version.c - the version of the library actually linked. */
#include "internal.h"

const char *cev_version_string(void) { return CEV_VERSION_STRING; }

int cev_version_number(void) { return CEV_VERSION_NUMBER; }
