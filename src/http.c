/* http: the request side: methods, percent-decoding, query, cookies, forms and the CGI request. */
#include "http.h"
#include "strx.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char *const method_names[HTTP_METHOD__MAX] = {
	[HTTP_GET] = "GET",
	[HTTP_HEAD] = "HEAD",
	[HTTP_POST] = "POST",
	[HTTP_PUT] = "PUT",
	[HTTP_DELETE] = "DELETE",
	[HTTP_PATCH] = "PATCH",
	[HTTP_OPTIONS] = "OPTIONS",
	[HTTP_OTHER] = "OTHER",
};

const char *http_method_name(enum http_method m)
{
	if ((unsigned)m >= HTTP_METHOD__MAX)
		return method_names[HTTP_OTHER];
	return method_names[m];
}

enum http_method http_method_parse(const char *s)
{
	for (int m = 0; m < HTTP_OTHER; m++)
		if (strcmp(s, method_names[m]) == 0)
			return (enum http_method)m;
	return HTTP_OTHER;
}

struct http_limits http_limits_default(void)
{
	return (struct http_limits){
		.max_body = 1024 * 1024,
		.max_upload_body = 32 * 1024 * 1024,
		.max_fields = 256,
		.max_field_len = 64 * 1024,
		.max_header_len = 8 * 1024,
		.max_files = 4,
	};
}

/* Value of hex digit c, or -1. */
static int hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

enum http_parse_result http_percent_decode(struct arena *a, const char *s, size_t len,
					   bool plus_is_space, char **out, size_t *out_len)
{
	char *d = arena_alloc(a, len + 1);
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '%') {
			if (len - i < 3)
				return HTTP_PARSE_BAD;
			int h = hexval((unsigned char)s[i + 1]), l = hexval((unsigned char)s[i + 2]);
			if (h < 0 || l < 0)
				return HTTP_PARSE_BAD;
			c = (unsigned char)(h << 4 | l);
			i += 2;
		} else if (c == '+' && plus_is_space) {
			c = ' ';
		}
		d[n++] = (char)c;
	}
	d[n] = '\0';
	if (!strx_utf8_valid((const unsigned char *)d, n))
		return HTTP_PARSE_BAD;
	*out = d;
	if (out_len)
		*out_len = n;
	return HTTP_PARSE_OK;
}

enum http_parse_result http_parse_urlencoded(struct arena *a, const char *s, size_t len,
					     const struct http_limits *limits, struct http_params *out)
{
	out->items = NULL;
	out->count = 0;

	/* Count the non-empty pairs first, so an oversized form is refused before any work. */
	size_t pairs = 0;
	for (size_t i = 0; i < len;) {
		const char *amp = memchr(s + i, '&', len - i);
		size_t end = amp ? (size_t)(amp - s) : len;
		if (end > i)
			pairs++;
		i = end + 1;
	}
	if (pairs > limits->max_fields)
		return HTTP_PARSE_TOO_LARGE;
	if (pairs == 0)
		return HTTP_PARSE_OK;

	struct http_param *items = arena_calloc(a, pairs, sizeof *items);
	size_t count = 0;
	for (size_t i = 0; i < len;) {
		const char *amp = memchr(s + i, '&', len - i);
		size_t end = amp ? (size_t)(amp - s) : len;
		if (end > i) {
			const char *p = s + i;
			size_t plen = end - i;
			const char *eq = memchr(p, '=', plen);
			size_t nlen = eq ? (size_t)(eq - p) : plen;
			char *name, *value;
			size_t dn, dv;
			enum http_parse_result rc = http_percent_decode(a, p, nlen, true, &name, &dn);
			if (rc != HTTP_PARSE_OK)
				return rc;
			if (eq) {
				rc = http_percent_decode(a, eq + 1, plen - nlen - 1, true, &value, &dv);
				if (rc != HTTP_PARSE_OK)
					return rc;
			} else {
				value = arena_strdup(a, "");
				dv = 0;
			}
			if (dn > limits->max_field_len || dv > limits->max_field_len)
				return HTTP_PARSE_TOO_LARGE;
			items[count++] = (struct http_param){ .name = name, .value = value, .value_len = dv };
		}
		i = end + 1;
	}
	out->items = items;
	out->count = count;
	return HTTP_PARSE_OK;
}

/* True for an RFC 6265 cookie-octet (printable US-ASCII without space, '"', ',', ';', '\\'). */
static bool is_cookie_octet(unsigned char c)
{
	return c == 0x21 || (c >= 0x23 && c <= 0x2B) || (c >= 0x2D && c <= 0x3A) ||
	       (c >= 0x3C && c <= 0x5B) || (c >= 0x5D && c <= 0x7E);
}

/* Narrows [*b, *e) to drop surrounding spaces and tabs. */
static void trim_ows(const char **b, const char **e)
{
	while (*b < *e && (**b == ' ' || **b == '\t'))
		(*b)++;
	while (*e > *b && ((*e)[-1] == ' ' || (*e)[-1] == '\t'))
		(*e)--;
}

enum http_parse_result http_parse_cookies(struct arena *a, const char *header,
					  const struct http_limits *limits, struct http_params *out)
{
	out->items = NULL;
	out->count = 0;
	size_t len = strlen(header);
	if (len > limits->max_header_len)
		return HTTP_PARSE_TOO_LARGE;

	size_t segs = 1;
	for (size_t i = 0; i < len; i++)
		segs += header[i] == ';';
	struct http_param *items = arena_calloc(a, segs, sizeof *items);
	size_t count = 0;
	const char *p = header, *end = header + len;
	while (p < end) {
		const char *semi = memchr(p, ';', (size_t)(end - p));
		const char *pe = semi ? semi : end;
		const char *eq = memchr(p, '=', (size_t)(pe - p));
		const char *nb = p, *ne = eq, *vb = eq ? eq + 1 : NULL, *ve = pe;
		p = semi ? semi + 1 : end;
		if (!eq)
			continue; /* "foo" without '=' */
		trim_ows(&nb, &ne);
		trim_ows(&vb, &ve);
		if (ve - vb >= 2 && *vb == '"' && ve[-1] == '"') {
			vb++;
			ve--;
		}
		bool ok = ne > nb && (size_t)(ne - nb) <= limits->max_field_len &&
			  (size_t)(ve - vb) <= limits->max_field_len;
		for (const char *q = nb; ok && q < ne; q++)
			ok = strx_is_tchar((unsigned char)*q);
		for (const char *q = vb; ok && q < ve; q++)
			ok = is_cookie_octet((unsigned char)*q);
		if (!ok)
			continue;
		if (count == limits->max_fields)
			return HTTP_PARSE_TOO_LARGE;
		items[count++] = (struct http_param){
			.name = arena_strndup(a, nb, (size_t)(ne - nb)),
			.value = arena_strndup(a, vb, (size_t)(ve - vb)),
			.value_len = (size_t)(ve - vb),
		};
	}
	if (count) {
		out->items = items;
		out->count = count;
	}
	return HTTP_PARSE_OK;
}

const char *http_param_get(const struct http_params *p, const char *name)
{
	for (size_t i = 0; i < p->count; i++)
		if (strcmp(p->items[i].name, name) == 0)
			return p->items[i].value;
	return NULL;
}

const char *req_cookie(const struct req *r, const char *name)
{
	return http_param_get(&r->cookies, name);
}

const char *req_form(const struct req *r, const char *name)
{
	return http_param_get(&r->form, name);
}

const char *req_query(const struct req *r, const char *name)
{
	return http_param_get(&r->query_params, name);
}

/* Copies CGI parameter name into *dst (or "" when absent); TOO_LARGE past max_header_len. */
static enum http_parse_result copy_param(struct arena *a, const struct http_limits *limits,
					 http_getparam_fn getparam, void *ctx, const char *name,
					 const char **dst)
{
	const char *v = getparam(ctx, name);
	if (!v)
		v = "";
	size_t n = strlen(v);
	if (n > limits->max_header_len)
		return HTTP_PARSE_TOO_LARGE;
	*dst = arena_strndup(a, v, n);
	return HTTP_PARSE_OK;
}

/* Parses a CONTENT_LENGTH made only of digits into *out; -1 when invalid or out of range. */
static int parse_content_length(const char *s, long long *out)
{
	size_t n = strlen(s);
	if (n == 0 || n > 18)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return -1;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < 0)
		return -1;
	*out = v;
	return 0;
}

/* Sets r's path from the path part of REQUEST_URI, or from DOCUMENT_URI (already decoded by
 * the web server) when REQUEST_URI is absent. */
static enum http_parse_result parse_path(struct req *r, struct arena *a,
					 const struct http_limits *limits,
					 http_getparam_fn getparam, void *ctx)
{
	const char *uri = getparam(ctx, "REQUEST_URI");
	bool decoded = false;
	if (!uri || !*uri) {
		uri = getparam(ctx, "DOCUMENT_URI");
		decoded = true;
	}
	if (!uri || !*uri)
		return HTTP_PARSE_BAD;
	size_t n = decoded ? strlen(uri) : strcspn(uri, "?#");
	if (n > limits->max_header_len) {
		r->raw_path = arena_strndup(a, uri, limits->max_header_len);
		return HTTP_PARSE_TOO_LARGE;
	}
	r->raw_path = arena_strndup(a, uri, n);
	if (uri[0] != '/')
		return HTTP_PARSE_BAD;
	char *path;
	if (decoded) {
		if (!strx_utf8_valid((const unsigned char *)uri, n))
			return HTTP_PARSE_BAD;
		path = arena_strndup(a, uri, n);
	} else {
		enum http_parse_result rc = http_percent_decode(a, uri, n, false, &path, NULL);
		if (rc != HTTP_PARSE_OK)
			return rc;
	}
	r->path = path;
	return HTTP_PARSE_OK;
}

/* Reads exactly len bytes of body into an arena buffer at *out; BAD on error or short read. */
static enum http_parse_result read_exact(struct arena *a, http_read_fn read_body, void *ctx,
					 size_t len, unsigned char **out)
{
	unsigned char *p = arena_alloc(a, len + 1);
	size_t got = 0;
	while (got < len) {
		if (!read_body)
			return HTTP_PARSE_BAD;
		long n = read_body(ctx, p + got, len - got);
		if (n <= 0 || (size_t)n > len - got)
			return HTTP_PARSE_BAD;
		got += (size_t)n;
	}
	*out = p;
	return HTTP_PARSE_OK;
}

/* Reads and parses the body of a POST into r->form and r->files. */
static enum http_parse_result parse_body(struct req *r, struct arena *a,
					 const struct http_limits *limits,
					 http_getparam_fn getparam, void *param_ctx,
					 http_read_fn read_body, void *body_ctx)
{
	const char *cl = getparam(param_ctx, "CONTENT_LENGTH");
	long long len = 0;
	if (!cl || !*cl) {
		/* No length: fine only if there is no body at all (411-like otherwise). */
		unsigned char probe;
		if (read_body && read_body(body_ctx, &probe, 1) != 0)
			return HTTP_PARSE_BAD;
		return HTTP_PARSE_OK;
	}
	if (parse_content_length(cl, &len) < 0)
		return HTTP_PARSE_BAD;
	if (len == 0)
		return HTTP_PARSE_OK;

	const char *ct = r->content_type;
	size_t mlen = strcspn(ct, ";");
	const char *mb = ct, *me = ct + mlen;
	trim_ows(&mb, &me);
	bool multipart = strx_word_eq(mb, (size_t)(me - mb), "multipart/form-data");
	bool urlenc = strx_word_eq(mb, (size_t)(me - mb), "application/x-www-form-urlencoded");
	if (!multipart && !urlenc)
		return HTTP_PARSE_UNSUPPORTED;
	if ((unsigned long long)len > (multipart ? limits->max_upload_body : limits->max_body))
		return HTTP_PARSE_TOO_LARGE;

	unsigned char *body;
	enum http_parse_result rc = read_exact(a, read_body, body_ctx, (size_t)len, &body);
	if (rc != HTTP_PARSE_OK)
		return rc;
	if (multipart)
		return http_parse_multipart(a, ct, body, (size_t)len, limits, &r->form, &r->files);
	return http_parse_urlencoded(a, (const char *)body, (size_t)len, limits, &r->form);
}

/* Sets r's method from REQUEST_METHOD. */
static enum http_parse_result parse_method(struct req *r, struct arena *a,
					   const struct http_limits *limits,
					   http_getparam_fn getparam, void *ctx)
{
	const char *m = getparam(ctx, "REQUEST_METHOD");
	if (!m || !*m)
		return HTTP_PARSE_BAD;
	size_t n = strlen(m);
	if (n > limits->max_header_len)
		return HTTP_PARSE_TOO_LARGE;
	r->method_name = arena_strndup(a, m, n);
	r->method = http_method_parse(m);
	return HTTP_PARSE_OK;
}

/* Parses the user's input: cookies, query and, for POST, the body; see http_req_parse. */
static enum http_parse_result parse_inputs(struct req *r, struct arena *a,
					   const struct http_limits *limits,
					   http_getparam_fn getparam, void *param_ctx,
					   http_read_fn read_body, void *body_ctx)
{
	enum http_parse_result rc;
	const char *cookie = getparam(param_ctx, "HTTP_COOKIE");
	if (cookie && (rc = http_parse_cookies(a, cookie, limits, &r->cookies)) != HTTP_PARSE_OK)
		return rc;

	const char *q = getparam(param_ctx, "QUERY_STRING");
	if (!q) {
		const char *uri = getparam(param_ctx, "REQUEST_URI");
		const char *mark = uri ? strchr(uri, '?') : NULL;
		q = mark ? mark + 1 : "";
	}
	size_t qlen = strlen(q);
	if (qlen > limits->max_header_len)
		return HTTP_PARSE_TOO_LARGE;
	r->query = arena_strndup(a, q, qlen);
	rc = http_parse_urlencoded(a, q, qlen, limits, &r->query_params);
	if (rc != HTTP_PARSE_OK)
		return rc;

	if (r->method != HTTP_POST)
		return HTTP_PARSE_OK;
	return parse_body(r, a, limits, getparam, param_ctx, read_body, body_ctx);
}

/* Keeps in *rc the first failure of a sequence of steps. */
static void keep_first(enum http_parse_result *rc, enum http_parse_result step)
{
	if (*rc == HTTP_PARSE_OK)
		*rc = step;
}

enum http_parse_result http_req_parse(struct req *r, struct arena *a, const struct http_limits *limits,
				      http_getparam_fn getparam, void *param_ctx,
				      http_read_fn read_body, void *body_ctx)
{
	*r = (struct req){
		.arena = a,
		.method = HTTP_OTHER,
		.method_name = "",
		.path = "/",
		.raw_path = "",
		.query = "",
		.content_type = "",
		.remote_addr = "",
		.user_agent = "",
		.origin = "",
		.referer = "",
		.host = "",
		.sec_fetch_site = "",
	};

	/* Method, path and plain headers are taken independently of one another, so that an
	 * error page and the access log get all of them that are sound. */
	enum http_parse_result rc = HTTP_PARSE_OK;
	keep_first(&rc, parse_method(r, a, limits, getparam, param_ctx));
	keep_first(&rc, parse_path(r, a, limits, getparam, param_ctx));
	const struct {
		const char *name;
		const char **dst;
	} plain[] = {
		{ "CONTENT_TYPE", &r->content_type },
		{ "REMOTE_ADDR", &r->remote_addr },
		{ "HTTP_USER_AGENT", &r->user_agent },
		{ "HTTP_ORIGIN", &r->origin },
		{ "HTTP_REFERER", &r->referer },
		{ "HTTP_HOST", &r->host },
		{ "HTTP_SEC_FETCH_SITE", &r->sec_fetch_site },
	};
	for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
		keep_first(&rc, copy_param(a, limits, getparam, param_ctx, plain[i].name, plain[i].dst));
	const char *https = getparam(param_ctx, "HTTPS");
	r->https = https && strx_word_eq(https, strlen(https), "on");

	if (rc == HTTP_PARSE_OK)
		rc = parse_inputs(r, a, limits, getparam, param_ctx, read_body, body_ctx);
	if (rc != HTTP_PARSE_OK) {
		/* No half-parsed input reaches a handler. */
		r->query_params = (struct http_params){ 0 };
		r->cookies = (struct http_params){ 0 };
		r->form = (struct http_params){ 0 };
		r->files = (struct http_files){ 0 };
	}
	return rc;
}
