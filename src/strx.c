/* strx: small string helpers shared by the parsers and the input checks. */
#include "strx.h"

#include <string.h>

/* True when s[0..len) is valid UTF-8 (RFC 3629 section 4) and holds no NUL byte. */
bool strx_utf8_valid(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		unsigned c = s[i];
		if (c == 0)
			return false;
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t n;                  /* continuation bytes */
		unsigned lo = 0x80, hi = 0xBF; /* range of the first continuation byte */
		if (c >= 0xC2 && c <= 0xDF) {
			n = 1;
		} else if (c == 0xE0) {
			n = 2;
			lo = 0xA0; /* no overlongs */
		} else if (c == 0xED) {
			n = 2;
			hi = 0x9F; /* no surrogates */
		} else if (c >= 0xE1 && c <= 0xEF) {
			n = 2;
		} else if (c == 0xF0) {
			n = 3;
			lo = 0x90; /* no overlongs */
		} else if (c >= 0xF1 && c <= 0xF3) {
			n = 3;
		} else if (c == 0xF4) {
			n = 3;
			hi = 0x8F; /* nothing above U+10FFFF */
		} else {
			return false; /* stray continuation, C0, C1 or F5..FF */
		}
		if (len - i - 1 < n)
			return false;
		if (s[i + 1] < lo || s[i + 1] > hi)
			return false;
		for (size_t k = 2; k <= n; k++)
			if ((s[i + k] & 0xC0) != 0x80)
				return false;
		i += n + 1;
	}
	return true;
}

/* True for an RFC 9110 tchar. */
bool strx_is_tchar(unsigned char c)
{
	if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
		return true;
	return c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

bool strx_is_token(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!strx_is_tchar((unsigned char)*s))
			return false;
	return true;
}

/* ASCII case-insensitive comparison of s[0..n) with the lowercase word w. */
bool strx_word_eq(const char *s, size_t n, const char *w)
{
	if (strlen(w) != n)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if (c != (unsigned char)w[i])
			return false;
	}
	return true;
}

int strx_table_index(const char *const *names, size_t count, const char *s)
{
	for (size_t i = 0; s && i < count; i++)
		if (strcmp(s, names[i]) == 0)
			return (int)i;
	return -1;
}

/* True for the blanks strx_trim removes. */
static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

const char *strx_trim(const char *s, size_t *len)
{
	if (!s)
		s = "";
	while (is_blank(*s))
		s++;
	size_t n = strlen(s);
	while (n > 0 && is_blank(s[n - 1]))
		n--;
	*len = n;
	return s;
}

void strx_copy_trimmed(const char *s, char *out, size_t size)
{
	size_t n;
	s = strx_trim(s, &n);
	if (n >= size)
		n = size - 1;
	memcpy(out, s, n);
	out[n] = '\0';
}

const char *strx_text_problem(const char *s, size_t n, size_t max, bool multiline, const char *too_long)
{
	if (n > max)
		return too_long;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && !(multiline && (c == '\n' || c == '\r' || c == '\t'))) || c == 0x7f)
			return "Remove the control characters.";
	}
	if (!strx_utf8_valid((const unsigned char *)s, n))
		return "The text is not valid UTF-8.";
	return NULL;
}

const char *strx_name_problem(const char *name, size_t max, const char *too_long)
{
	size_t n;
	const char *s = strx_trim(name, &n);
	if (n == 0)
		return "Enter a name.";
	return strx_text_problem(s, n, max, false, too_long);
}
