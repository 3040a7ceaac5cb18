/* layout.h - what each block of a scraped page is, and where stories begin. */
#ifndef CEV_LAYOUT_H
#define CEV_LAYOUT_H

#include "segment.h"

/* Set kind (cev_block_kind) and story of every block of `seg`. */
void cev_layout(cev_seg *seg, const char *text);

/* 1 when block text s[a..b) is only a date, byline or source line. */
int cev_layout_is_dateline(const char *s, size_t a, size_t b);

#endif
