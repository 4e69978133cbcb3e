/* http_response: the response (status, headers, cookies, redirects, body) and its serialization. */
#include "http.h"
#include "redirect.h"
#include "strx.h"

#include <inttypes.h>
#include <string.h>
#include <strings.h>

void resp_init(struct resp *w, struct arena *a)
{
	w->arena = a;
	w->status = 200;
	w->header_count = 0;
	buf_init(&w->body);
	w->head_only = false;
	w->stream = NULL;
	w->stream_ctx = NULL;
}

void resp_free(struct resp *w)
{
	buf_free(&w->body);
}

void resp_stream(struct resp *w, resp_stream_fn fn, void *ctx)
{
	w->stream = fn;
	w->stream_ctx = ctx;
	buf_reset(&w->body);
}

/* True when s may be a field value: no control characters but HTAB (so no CR, LF, NUL). */
static bool is_field_value(const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c < 0x20 && c != '\t') || c == 0x7F)
			return false;
	}
	return true;
}

int resp_header(struct resp *w, const char *name, const char *value)
{
	if (!strx_is_token(name) || !is_field_value(value) || w->header_count >= HTTP_MAX_HEADERS)
		return -1;
	w->headers[w->header_count++] = (struct http_header){
		.name = arena_strdup(w->arena, name),
		.value = arena_strdup(w->arena, value),
	};
	return 0;
}

int resp_set_header(struct resp *w, const char *name, const char *value)
{
	if (!strx_is_token(name) || !is_field_value(value))
		return -1;
	size_t n = 0;
	for (size_t i = 0; i < w->header_count; i++)
		if (strcasecmp(w->headers[i].name, name) != 0)
			w->headers[n++] = w->headers[i];
	w->header_count = n;
	return resp_header(w, name, value);
}

const char *resp_get_header(const struct resp *w, const char *name)
{
	for (size_t i = 0; i < w->header_count; i++)
		if (strcasecmp(w->headers[i].name, name) == 0)
			return w->headers[i].value;
	return NULL;
}

/* True when s holds only RFC 6265 cookie-octets (it may be empty). */
static bool is_cookie_value(const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (!(c == 0x21 || (c >= 0x23 && c <= 0x2B) || (c >= 0x2D && c <= 0x3A) ||
		      (c >= 0x3C && c <= 0x5B) || (c >= 0x5D && c <= 0x7E)))
			return false;
	}
	return true;
}

/* True when s is a usable Path attribute: starts with '/', printable ASCII without ';'. */
static bool is_cookie_path(const char *s)
{
	if (*s != '/')
		return false;
	for (; *s; s++)
		if (*s < 0x20 || *s >= 0x7F || *s == ';')
			return false;
	return true;
}

int resp_cookie(struct resp *w, const char *name, const char *value, const struct cookie_opts *o)
{
	static const struct cookie_opts none = { 0 };
	if (!o)
		o = &none;
	const char *path = o->path ? o->path : "/";
	if (!strx_is_token(name) || !is_cookie_value(value) || !is_cookie_path(path))
		return -1;
	if (o->same_site && strcmp(o->same_site, "Lax") != 0 && strcmp(o->same_site, "Strict") != 0)
		return -1;
	/* Browsers drop prefixed cookies that break their rules (RFC 6265bis 4.1.3). */
	if (strncmp(name, "__Host-", 7) == 0 && (!o->secure || strcmp(path, "/") != 0))
		return -1;
	if (strncmp(name, "__Secure-", 9) == 0 && !o->secure)
		return -1;

	struct buf b;
	buf_init(&b);
	buf_printf(&b, "%s=%s; Path=%s", name, value, path);
	if (o->max_age > 0)
		buf_printf(&b, "; Max-Age=%" PRId64, o->max_age);
	else if (o->max_age < 0)
		buf_puts(&b, "; Max-Age=0");
	if (o->http_only)
		buf_puts(&b, "; HttpOnly");
	if (o->secure)
		buf_puts(&b, "; Secure");
	if (o->same_site)
		buf_printf(&b, "; SameSite=%s", o->same_site);
	int rc = resp_header(w, "Set-Cookie", buf_cstr(&b));
	buf_free(&b);
	return rc;
}

void resp_redirect(struct resp *w, const char *location)
{
	if (!redirect_is_local(location))
		location = "/";
	w->status = 303;
	buf_reset(&w->body);
	resp_set_header(w, "Location", location);
}

void resp_security_headers(struct resp *w)
{
	static const struct http_header defaults[] = {
		{ "Content-Security-Policy", HTTP_CSP },
		{ "X-Content-Type-Options", "nosniff" },
		{ "Referrer-Policy", "same-origin" },
		{ "X-Frame-Options", "DENY" },
		{ "Content-Type", "text/html; charset=utf-8" },
	};
	for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++)
		if (!resp_get_header(w, defaults[i].name))
			resp_header(w, defaults[i].name, defaults[i].value);
}

/* Reason phrases of RFC 9110 section 15, by status. */
static const struct {
	int status;
	const char *reason;
} reasons[] = {
	{ 200, "OK" },
	{ 201, "Created" },
	{ 204, "No Content" },
	{ 301, "Moved Permanently" },
	{ 302, "Found" },
	{ 303, "See Other" },
	{ 304, "Not Modified" },
	{ 307, "Temporary Redirect" },
	{ 308, "Permanent Redirect" },
	{ 400, "Bad Request" },
	{ 401, "Unauthorized" },
	{ 403, "Forbidden" },
	{ 404, "Not Found" },
	{ 405, "Method Not Allowed" },
	{ 409, "Conflict" },
	{ 410, "Gone" },
	{ 411, "Length Required" },
	{ 413, "Content Too Large" },
	{ 414, "URI Too Long" },
	{ 415, "Unsupported Media Type" },
	{ 422, "Unprocessable Content" },
	{ 429, "Too Many Requests" },
	{ 500, "Internal Server Error" },
	{ 501, "Not Implemented" },
	{ 502, "Bad Gateway" },
	{ 503, "Service Unavailable" },
	{ 504, "Gateway Timeout" },
};

const char *http_status_reason(int status)
{
	for (size_t i = 0; i < sizeof reasons / sizeof reasons[0]; i++)
		if (reasons[i].status == status)
			return reasons[i].reason;
	return "Unknown";
}

void resp_serialize(const struct resp *w, struct buf *out)
{
	buf_printf(out, "Status: %d %s\r\n", w->status, http_status_reason(w->status));
	for (size_t i = 0; i < w->header_count; i++) {
		if (strcasecmp(w->headers[i].name, "Content-Length") == 0)
			continue; /* computed below */
		buf_printf(out, "%s: %s\r\n", w->headers[i].name, w->headers[i].value);
	}
	if (w->stream) { /* length unknown: nginx sends it chunked */
		buf_puts(out, "\r\n");
		return;
	}
	buf_printf(out, "Content-Length: %zu\r\n\r\n", w->body.len);
	if (!w->head_only)
		buf_append(out, w->body.data, w->body.len);
}
