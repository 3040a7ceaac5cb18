/* TEMPORARY: weak fallbacks while casualties.c and dates.c are written.
 * Deleted as soon as they land. */
#include "casualties.h"
#include "dates.h"
__attribute__((weak)) size_t cev_casualties_scan(const char *s, size_t start, size_t end, cev_casualty *out, size_t max) { (void)s; (void)start; (void)end; (void)out; (void)max; return 0; }
__attribute__((weak)) size_t cev_dates_scan(const char *s, size_t start, size_t end, int32_t anchor, cev_date_mention *out, size_t max) { (void)s; (void)start; (void)end; (void)anchor; (void)out; (void)max; return 0; }
__attribute__((weak)) int cev_dateline_date(const char *s, size_t a, size_t b, int32_t *ymd) { (void)s; (void)a; (void)b; (void)ymd; return 0; }
