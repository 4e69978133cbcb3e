/* http_multipart: multipart/form-data bodies (RFC 7578) into text fields and uploaded files. */
#include "http.h"
#include "strx.h"

#include <string.h>

#define BOUNDARY_MAX 70 /* RFC 2046 section 5.1.1 */

/* True for an RFC 2046 bchar (space allowed, but not as the last character). */
static bool is_bchar(unsigned char c)
{
	if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
		return true;
	return c != '\0' && strchr("'()+_,-./:=? ", c) != NULL;
}

/* Advances *p past spaces and tabs, up to end. */
static void skip_ows(const char **p, const char *end)
{
	while (*p < end && (**p == ' ' || **p == '\t'))
		(*p)++;
}

/* Reads the next "; name=value" parameter of a header value at *p (up to end): the name as
 * [*name, *name + *nlen), the value as an arena string in *value. In a quoted value a
 * backslash quotes the next character only when escapes is set (RFC 9110); browsers do not
 * escape in Content-Disposition, where "C:\dir\f.txt" must stay as sent. Returns 1 for a
 * parameter, 0 at the end, -1 when malformed. */
static int next_param(struct arena *a, const char **p, const char *end, bool escapes,
		      const char **name, size_t *nlen, char **value)
{
	const char *s = *p;
	skip_ows(&s, end);
	if (s == end)
		return 0;
	if (*s++ != ';')
		return -1;
	skip_ows(&s, end);
	if (s == end) {
		*p = s;
		return 0; /* a trailing ';' */
	}
	const char *nb = s;
	while (s < end && strx_is_tchar((unsigned char)*s))
		s++;
	if (s == nb)
		return -1;
	*name = nb;
	*nlen = (size_t)(s - nb);
	skip_ows(&s, end);
	if (s == end || *s++ != '=')
		return -1;
	skip_ows(&s, end);
	if (s < end && *s == '"') {
		s++;
		char *v = arena_alloc(a, (size_t)(end - s) + 1);
		size_t n = 0;
		for (;;) {
			if (s == end)
				return -1; /* unterminated */
			char c = *s++;
			if (c == '"')
				break;
			if (c == '\\' && escapes) {
				if (s == end)
					return -1;
				c = *s++;
			}
			v[n++] = c;
		}
		v[n] = '\0';
		*value = v;
	} else {
		const char *vb = s;
		while (s < end && strx_is_tchar((unsigned char)*s))
			s++;
		if (s == vb)
			return -1;
		*value = arena_strndup(a, vb, (size_t)(s - vb));
	}
	*p = s;
	return 1;
}

/* Takes the boundary out of a "multipart/form-data; boundary=…" content type into
 * out[0..BOUNDARY_MAX] (NUL-terminated); -1 when absent or invalid. */
static int parse_boundary(struct arena *a, const char *ct, char *out, size_t *out_len)
{
	const char *end = ct + strlen(ct);
	const char *mb = ct, *me = ct + strcspn(ct, ";");
	skip_ows(&mb, me);
	while (me > mb && (me[-1] == ' ' || me[-1] == '\t'))
		me--;
	if (!strx_word_eq(mb, (size_t)(me - mb), "multipart/form-data"))
		return -1;
	const char *p = ct + strcspn(ct, ";"), *name;
	const char *boundary = NULL;
	size_t nlen;
	char *value;
	int rc;
	while ((rc = next_param(a, &p, end, true, &name, &nlen, &value)) == 1) {
		if (!strx_word_eq(name, nlen, "boundary"))
			continue;
		if (boundary)
			return -1; /* two boundaries */
		boundary = value;
	}
	if (rc < 0 || !boundary)
		return -1;
	size_t n = strlen(boundary);
	if (n == 0 || n > BOUNDARY_MAX || boundary[n - 1] == ' ')
		return -1;
	for (size_t i = 0; i < n; i++)
		if (!is_bchar((unsigned char)boundary[i]))
			return -1;
	memcpy(out, boundary, n + 1);
	*out_len = n;
	return 0;
}

/* Finds CRLF followed by delim[0..dlen) in [p, end); returns where the CR is, or NULL.
 * Linear: the delimiter holds no CR, so candidate matches never overlap. */
static const unsigned char *find_delim(const unsigned char *p, const unsigned char *end,
				       const char *delim, size_t dlen)
{
	while ((size_t)(end - p) >= dlen + 2) {
		const unsigned char *cr = memchr(p, '\r', (size_t)(end - p) - dlen - 1);
		if (!cr)
			return NULL;
		if (cr[1] == '\n' && memcmp(cr + 2, delim, dlen) == 0)
			return cr;
		p = cr + 1;
	}
	return NULL;
}

/* What the headers of one part say. */
struct part_head {
	char *name;         /* from Content-Disposition; NULL when missing */
	char *filename;     /* NULL when the part is not a file */
	char *content_type; /* NULL when not sent */
};

/* Parses a Content-Disposition value (form-data; name="…"; filename="…") into h. */
static enum http_parse_result parse_disposition(struct arena *a, const char *v, const char *end,
						struct part_head *h)
{
	const char *p = memchr(v, ';', (size_t)(end - v));
	if (!p)
		p = end;
	const char *te = p;
	while (te > v && (te[-1] == ' ' || te[-1] == '\t'))
		te--;
	if (!strx_word_eq(v, (size_t)(te - v), "form-data"))
		return HTTP_PARSE_BAD;
	const char *name;
	size_t nlen;
	char *value;
	int rc;
	while ((rc = next_param(a, &p, end, false, &name, &nlen, &value)) == 1) {
		char **dst = NULL;
		if (strx_word_eq(name, nlen, "name"))
			dst = &h->name;
		else if (strx_word_eq(name, nlen, "filename"))
			dst = &h->filename;
		else
			continue; /* filename* and the like: RFC 7578 section 4.2 says to ignore */
		if (*dst)
			return HTTP_PARSE_BAD;
		*dst = value;
	}
	return rc < 0 ? HTTP_PARSE_BAD : HTTP_PARSE_OK;
}

/* Parses the header lines of a part starting at *p, up to and including the blank line,
 * leaving *p at the part's content. The whole block may take max_header_len bytes. */
static enum http_parse_result parse_part_head(struct arena *a, const unsigned char **p,
					      const unsigned char *end,
					      const struct http_limits *limits, struct part_head *h)
{
	const unsigned char *s = *p;
	*h = (struct part_head){ 0 };
	for (;;) {
		const unsigned char *le = s;
		while (le < end && *le != '\r' && *le != '\n' && *le != '\0' &&
		       (size_t)(le - *p) <= limits->max_header_len)
			le++;
		if ((size_t)(le - *p) > limits->max_header_len)
			return HTTP_PARSE_TOO_LARGE;
		if (end - le < 2 || le[0] != '\r' || le[1] != '\n')
			return HTTP_PARSE_BAD; /* bare CR or LF, NUL, or no blank line */
		if (le == s)
			break;
		const char *line = (const char *)s, *lend = (const char *)le;
		const char *colon = line;
		while (colon < lend && strx_is_tchar((unsigned char)*colon))
			colon++;
		if (colon == line || colon == lend || *colon != ':')
			return HTTP_PARSE_BAD; /* also rejects obsolete line folding */
		const char *v = colon + 1;
		skip_ows(&v, lend);
		while (lend > v && (lend[-1] == ' ' || lend[-1] == '\t'))
			lend--;
		size_t nlen = (size_t)(colon - line);
		if (strx_word_eq(line, nlen, "content-disposition")) {
			if (h->name || h->filename)
				return HTTP_PARSE_BAD;
			enum http_parse_result rc = parse_disposition(a, v, lend, h);
			if (rc != HTTP_PARSE_OK)
				return rc;
		} else if (strx_word_eq(line, nlen, "content-type")) {
			if (h->content_type || !strx_utf8_valid((const unsigned char *)v, (size_t)(lend - v)))
				return HTTP_PARSE_BAD;
			h->content_type = arena_strndup(a, v, (size_t)(lend - v));
		}
		s = le + 2;
	}
	*p = s + 2;
	return HTTP_PARSE_OK;
}

/* A list growing in the arena; the old array is left to the arena. */
static void *grow(struct arena *a, void *items, size_t count, size_t *cap, size_t size)
{
	if (count < *cap)
		return items;
	size_t ncap = *cap ? *cap * 2 : 8;
	void *n = arena_calloc(a, ncap, size);
	if (count)
		memcpy(n, items, count * size);
	*cap = ncap;
	return n;
}

/* Returns filename without any directory part, '/' or '\\' separated. */
static const char *base_name(const char *filename)
{
	const char *b = filename;
	for (const char *s = filename; *s; s++)
		if (*s == '/' || *s == '\\')
			b = s + 1;
	return b;
}

/* Adds one part to fields or files, within the limits. File data points into the body. */
static enum http_parse_result add_part(struct arena *a, const struct part_head *h,
				       const unsigned char *data, size_t len,
				       const struct http_limits *limits,
				       struct http_params *fields, size_t *fcap,
				       struct http_files *files, size_t *filecap)
{
	if (!h->name)
		return HTTP_PARSE_BAD;
	size_t nlen = strlen(h->name);
	if (nlen > limits->max_field_len)
		return HTTP_PARSE_TOO_LARGE;
	if (!strx_utf8_valid((const unsigned char *)h->name, nlen))
		return HTTP_PARSE_BAD;
	if (h->filename) {
		if (files->count >= limits->max_files)
			return HTTP_PARSE_TOO_LARGE;
		const char *fn = base_name(h->filename);
		if (strlen(fn) > limits->max_field_len)
			return HTTP_PARSE_TOO_LARGE;
		if (!strx_utf8_valid((const unsigned char *)fn, strlen(fn)))
			return HTTP_PARSE_BAD;
		const char *ct = h->content_type && *h->content_type ? h->content_type
								      : "application/octet-stream";
		files->items = grow(a, files->items, files->count, filecap, sizeof *files->items);
		files->items[files->count++] = (struct http_file){
			.field = h->name, .filename = fn, .content_type = ct, .data = data, .len = len,
		};
		return HTTP_PARSE_OK;
	}
	if (fields->count >= limits->max_fields || len > limits->max_field_len)
		return HTTP_PARSE_TOO_LARGE;
	if (!strx_utf8_valid(data, len))
		return HTTP_PARSE_BAD;
	fields->items = grow(a, fields->items, fields->count, fcap, sizeof *fields->items);
	fields->items[fields->count++] = (struct http_param){
		.name = h->name,
		.value = arena_strndup(a, (const char *)data, len),
		.value_len = len,
	};
	return HTTP_PARSE_OK;
}

/* Walks the body part by part after the first delimiter; see http_parse_multipart. */
static enum http_parse_result parse_parts(struct arena *a, const char *delim, size_t dlen,
					  const unsigned char *body, size_t len,
					  const struct http_limits *limits,
					  struct http_params *fields, struct http_files *files)
{
	const unsigned char *end = body + len, *p;
	if (len >= dlen && memcmp(body, delim, dlen) == 0) {
		p = body + dlen;
	} else {
		const unsigned char *d = find_delim(body, end, delim, dlen);
		if (!d)
			return HTTP_PARSE_BAD;
		p = d + 2 + dlen; /* the preamble before it is ignored */
	}
	size_t fcap = 0, filecap = 0;
	for (;;) {
		/* p is just past a delimiter: "--" closes, else padding and CRLF open a part. */
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return HTTP_PARSE_OK; /* the epilogue is ignored */
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return HTTP_PARSE_BAD;
		p += 2;
		struct part_head h;
		enum http_parse_result rc = parse_part_head(a, &p, end, limits, &h);
		if (rc != HTTP_PARSE_OK)
			return rc;
		const unsigned char *d = find_delim(p, end, delim, dlen);
		if (!d)
			return HTTP_PARSE_BAD; /* no closing delimiter */
		rc = add_part(a, &h, p, (size_t)(d - p), limits, fields, &fcap, files, &filecap);
		if (rc != HTTP_PARSE_OK)
			return rc;
		p = d + 2 + dlen;
	}
}

enum http_parse_result http_parse_multipart(struct arena *a, const char *content_type,
					    const unsigned char *body, size_t len,
					    const struct http_limits *limits,
					    struct http_params *fields, struct http_files *files)
{
	*fields = (struct http_params){ 0 };
	*files = (struct http_files){ 0 };
	if (len > limits->max_upload_body)
		return HTTP_PARSE_TOO_LARGE;
	char boundary[BOUNDARY_MAX + 1];
	size_t blen;
	if (parse_boundary(a, content_type, boundary, &blen) < 0)
		return HTTP_PARSE_BAD;
	char delim[BOUNDARY_MAX + 3];
	delim[0] = '-';
	delim[1] = '-';
	memcpy(delim + 2, boundary, blen + 1);
	enum http_parse_result rc = parse_parts(a, delim, blen + 2, body, len, limits, fields, files);
	if (rc != HTTP_PARSE_OK) {
		*fields = (struct http_params){ 0 };
		*files = (struct http_files){ 0 };
	}
	return rc;
}
