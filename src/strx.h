/* strx: small string helpers shared by the parsers and the domain's input checks (UTF-8,
 * HTTP tokens, ASCII case-insensitive words, word tables, trimming, one-line and multi-line
 * text checks). */
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

/* Returns the index of the word s in names[0..count) (compared exactly), or -1 when s is NULL
 * or none of them. */
int strx_table_index(const char *const *names, size_t count, const char *s);
/* Defines, at file scope, the two functions of an enum whose words are the table names of
 * count entries indexed by the enum's values (the module's header keeps their prototypes and
 * contracts):
 *   const char *name_fn(enum type v): names[v], or NULL when v is out of range;
 *   int parse_fn(const char *s, enum type *out): stores the value whose word is s and returns
 *   0, or returns -1 when s is NULL or none of the words (strx_table_index). */
#define STRX_TABLE_FUNCTIONS(type, names, count, name_fn, parse_fn) \
	const char *name_fn(enum type v)                            \
	{                                                           \
		return (unsigned)v < (count) ? (names)[v] : NULL;   \
	}                                                           \
	int parse_fn(const char *s, enum type *out)                 \
	{                                                           \
		int i = strx_table_index((names), (count), s);      \
		return i < 0 ? -1 : (*out = (enum type)i, 0);       \
	}

/* Returns s (NULL as "") without leading and trailing ASCII blanks (space, tab, CR, LF); *len
 * is the length of what is left (not NUL-terminated there). */
const char *strx_trim(const char *s, size_t *len);
/* Copies s (NULL as "") trimmed as strx_trim does into out (size > 0 bytes), truncating;
 * out is NUL-terminated. */
void strx_copy_trimmed(const char *s, char *out, size_t size);

/* Returns a sentence for the user when s[0..n) is longer than max bytes (too_long), holds
 * control characters (newlines and tabs are allowed when multiline) or is not UTF-8; NULL
 * when it is fine. */
const char *strx_text_problem(const char *s, size_t n, size_t max, bool multiline, const char *too_long);
/* strx_text_problem for a one-line name (NULL as ""), trimmed as strx_trim does, that must
 * not be empty ("Enter a name."). */
const char *strx_name_problem(const char *name, size_t max, const char *too_long);

#endif
