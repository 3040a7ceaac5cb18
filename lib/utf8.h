/* utf8.h - strict UTF-8 decoding. */
#ifndef CEV_UTF8_H
#define CEV_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decode the code point at s[i] (i < len).  Returns its length (1..4) and
 * sets *cp, or 0 when the bytes there are not valid UTF-8: a stray
 * continuation byte, a truncated sequence, an overlong form, a surrogate or a
 * value above U+10FFFF. */
size_t cev_utf8_decode(const unsigned char *s, size_t len, size_t i, uint32_t *cp);

/* Encode cp into out (room for 4 bytes); returns the length. */
size_t cev_utf8_encode(uint32_t cp, char *out);

#endif
