/* strx: small string predicates shared by the parsers (UTF-8, HTTP tokens, ASCII
 * case-insensitive words). */
#ifndef TRACKPRO_STRX_H
#define TRACKPRO_STRX_H

#include <stdbool.h>
#include <stddef.h>

/* True when s[0..len) is valid UTF-8 (RFC 3629 section 4: no overlongs, no surrogates,
 * nothing above U+10FFFF, no truncated sequence) and holds no NUL byte. */
bool strx_utf8_valid(const unsigned char *s, size_t len);

/* True for an RFC 9110 tchar (letters, digits and !#$%&'*+-.^_`|~). */
bool strx_is_tchar(unsigned char c);

/* True when the NUL-terminated s is a non-empty RFC 9110 token. */
bool strx_is_token(const char *s);

/* ASCII case-insensitive comparison of s[0..n) with the lowercase word w. */
bool strx_word_eq(const char *s, size_t n, const char *w);

#endif
