/* http: the request (method, path, query, cookies, urlencoded and multipart bodies) parsed
 * within hard limits into a per-request arena, and the response (status, headers, cookies,
 * body) serialized for FastCGI in one piece. Knows nothing of FastCGI itself: the caller
 * supplies the CGI parameters and the body bytes, so tests can build requests in-process. */
#ifndef TRACKPRO_HTTP_H
#define TRACKPRO_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"

enum http_method {
	HTTP_GET,
	HTTP_HEAD,
	HTTP_POST,
	HTTP_PUT,
	HTTP_DELETE,
	HTTP_PATCH,
	HTTP_OPTIONS,
	HTTP_OTHER,
	HTTP_METHOD__MAX
};

/* Name of a method ("GET" …; "OTHER" for HTTP_OTHER). */
const char *http_method_name(enum http_method m);
/* Parses a method name (case-sensitive, as RFC 9110 says); HTTP_OTHER when unknown. */
enum http_method http_method_parse(const char *s);

/* Outcome of parsing; each maps to an HTTP status. */
enum http_parse_result {
	HTTP_PARSE_OK = 0,
	HTTP_PARSE_BAD = 400,       /* malformed: bad percent-encoding, NUL, invalid UTF-8, bad multipart */
	HTTP_PARSE_TOO_LARGE = 413, /* a limit was exceeded */
	HTTP_PARSE_UNSUPPORTED = 415 /* a body with a content type we do not take */
};

/* Hard limits; http_limits_default() gives the values documented in the README. */
struct http_limits {
	size_t max_body;        /* bytes of a request body (default 1 MiB) */
	size_t max_upload_body; /* bytes of a multipart body (default 32 MiB) */
	size_t max_fields;      /* form fields, query parameters or cookies, each counted apart (default 256) */
	size_t max_field_len;   /* bytes of one decoded name or value, uploads excepted (default 64 KiB) */
	size_t max_header_len;  /* bytes of one header such as Cookie, or of the path or query (default 8 KiB) */
	size_t max_files;       /* uploaded files in one multipart body (default 4) */
};

/* Returns the default limits. */
struct http_limits http_limits_default(void);

/* One name=value pair. Both are decoded, NUL-terminated, valid UTF-8, without NUL bytes. */
struct http_param {
	const char *name;
	const char *value;
	size_t value_len;
};

/* One uploaded file from a multipart body. data is binary (may hold NUL bytes). */
struct http_file {
	const char *field;        /* the form field name */
	const char *filename;     /* as sent by the browser, without any directory part; may be "" */
	const char *content_type; /* "application/octet-stream" when not sent */
	const unsigned char *data;
	size_t len;
};

struct http_params {
	struct http_param *items;
	size_t count;
};

struct http_files {
	struct http_file *items;
	size_t count;
};

/* Percent-decodes s[0..len) into a new arena string (its length in *out_len when not NULL).
 * plus_is_space: '+' becomes ' ' (form and query encoding). Rejects (returns
 * HTTP_PARSE_BAD) a malformed escape, a decoded NUL byte and invalid UTF-8 (RFC 3629:
 * overlongs, surrogates, > U+10FFFF). */
enum http_parse_result http_percent_decode(struct arena *a, const char *s, size_t len,
					   bool plus_is_space, char **out, size_t *out_len);

/* Parses application/x-www-form-urlencoded data (a query string or a form body) into *out.
 * Empty pairs ("a=1&&b=2") are skipped; a name without '=' has the value "". */
enum http_parse_result http_parse_urlencoded(struct arena *a, const char *s, size_t len,
					     const struct http_limits *limits, struct http_params *out);

/* Parses a Cookie header ("a=1; b=2") into *out. Values are not percent-decoded, only
 * stripped of surrounding double quotes; malformed pairs are skipped, as browsers do. */
enum http_parse_result http_parse_cookies(struct arena *a, const char *header,
					  const struct http_limits *limits, struct http_params *out);

/* Parses a multipart/form-data body (RFC 7578) with the boundary from content_type into text
 * fields (*fields, decoded like form values) and files (*files; a part with a filename). */
enum http_parse_result http_parse_multipart(struct arena *a, const char *content_type,
					    const unsigned char *body, size_t len,
					    const struct http_limits *limits,
					    struct http_params *fields, struct http_files *files);

/* Returns the value of the first param named name, or NULL. */
const char *http_param_get(const struct http_params *p, const char *name);

/* Typed route parameters filled by the router (e.g. {id} in /trackers/{id}). */
#define HTTP_MAX_ROUTE_PARAMS 4

/* A parsed request. All strings live in arena. */
struct req {
	struct arena *arena;
	enum http_method method;
	const char *method_name;   /* as sent */
	const char *path;          /* percent-decoded path, always starting with '/' */
	const char *raw_path;      /* the path as sent (for the access log) */
	const char *query;         /* raw query string, "" when none */
	struct http_params query_params;
	struct http_params cookies;
	struct http_params form;   /* urlencoded or multipart text fields of a POST */
	struct http_files files;   /* multipart uploads */
	const char *content_type;  /* "" when none */
	const char *remote_addr;   /* "" when unknown */
	const char *user_agent;    /* "" when none */
	const char *origin;        /* Origin header, "" when none */
	const char *referer;       /* "" when none */
	const char *host;          /* Host header, "" when none */
	const char *sec_fetch_site; /* Sec-Fetch-Site header ("same-origin", "cross-site" …), "" when none */
	bool https;                /* HTTPS=on from the web server */
	long long route_ints[HTTP_MAX_ROUTE_PARAMS]; /* {id}-style parameters, in pattern order */
	const char *route_strs[HTTP_MAX_ROUTE_PARAMS]; /* {token}-style parameters, in pattern order */
	void *user;                /* set by the session layer for logged-in requests; NULL otherwise */
	void *session;             /* likewise */
};

/* Reads CGI parameter `name` (REQUEST_METHOD, QUERY_STRING …); returns NULL when absent. */
typedef const char *(*http_getparam_fn)(void *ctx, const char *name);
/* Reads up to n bytes of the body into p; returns bytes read, 0 at the end, -1 on error. */
typedef long (*http_read_fn)(void *ctx, void *p, size_t n);

/* Builds *r from CGI parameters (REQUEST_METHOD, DOCUMENT_URI or the path part of
 * REQUEST_URI, QUERY_STRING, HTTP_COOKIE, CONTENT_TYPE, CONTENT_LENGTH, REMOTE_ADDR,
 * HTTP_USER_AGENT, HTTP_ORIGIN, HTTP_REFERER, HTTP_HOST, HTTP_SEC_FETCH_SITE, HTTPS) and, for POST, the body
 * read with read_body (urlencoded or multipart; CONTENT_LENGTH over the limit is refused
 * before reading). Returns HTTP_PARSE_OK, or the status to answer with. *r is always
 * usable for an error page afterwards (method and path set as far as they were parsed). */
enum http_parse_result http_req_parse(struct req *r, struct arena *a, const struct http_limits *limits,
				      http_getparam_fn getparam, void *param_ctx,
				      http_read_fn read_body, void *body_ctx);

/* Returns the cookie's value or NULL. */
const char *req_cookie(const struct req *r, const char *name);
/* Returns the form field's value or NULL. */
const char *req_form(const struct req *r, const char *name);
/* Returns the query parameter's value or NULL. */
const char *req_query(const struct req *r, const char *name);

#define HTTP_MAX_HEADERS 32

struct http_header {
	const char *name;
	const char *value;
};

/* Writes n bytes of a streamed body; returns 0, or -1 when they cannot go (the client left). */
typedef int (*http_write_fn)(void *ctx, const void *p, size_t n);
/* Produces a streamed body by calling write any number of times, after the headers were sent;
 * returns 0, or -1 when it failed part-way (the response is then cut short, never completed). */
typedef int (*resp_stream_fn)(void *ctx, http_write_fn write, void *write_ctx);

/* A response; headers and body are written out only by resp_serialize, after the handler
 * has finished, so nothing half-rendered is ever sent. The exception is a streamed body
 * (resp_stream: a large download), produced after the headers without a Content-Length. */
struct resp {
	struct arena *arena;
	int status;
	struct http_header headers[HTTP_MAX_HEADERS];
	size_t header_count;
	struct buf body;
	bool head_only; /* for HEAD: headers only */
	resp_stream_fn stream; /* NULL, or what writes the body after the headers (resp_stream) */
	void *stream_ctx;      /* its context; must live until the dispatcher has run it (the arena) */
};

/* Makes w's body a stream: fn(ctx, …) runs after the headers are sent (not for HEAD, nor when the
 * handler then answers an error status); the body buffer is emptied. */
void resp_stream(struct resp *w, resp_stream_fn fn, void *ctx);

/* Starts a 200 response with an empty body; headers are copied into a. */
void resp_init(struct resp *w, struct arena *a);
/* Frees the body buffer. */
void resp_free(struct resp *w);
/* Adds a header. Returns -1 (and adds nothing) when the name is not an HTTP token or the value
 * holds CR, LF or NUL (header injection), or when there are already HTTP_MAX_HEADERS. */
int resp_header(struct resp *w, const char *name, const char *value);
/* Replaces every header of that name (case-insensitive) with one; same checks as resp_header. */
int resp_set_header(struct resp *w, const char *name, const char *value);
/* Returns the first value of header name, or NULL. */
const char *resp_get_header(const struct resp *w, const char *name);

struct cookie_opts {
	int64_t max_age;   /* seconds; 0 = session cookie; negative = delete (Max-Age=0) */
	bool http_only;
	bool secure;
	const char *same_site; /* "Lax", "Strict" or NULL */
	const char *path;      /* NULL = "/" */
};

/* Adds a Set-Cookie header. The name must be a token and the value cookie-octets only
 * (RFC 6265 section 4.1.1); returns -1 otherwise. */
int resp_cookie(struct resp *w, const char *name, const char *value, const struct cookie_opts *o);
/* Makes w a 303 See Other to location, which must be a local path starting with a single
 * '/' (not "//" nor "/\\"); anything else is replaced by "/". */
void resp_redirect(struct resp *w, const char *location);
/* Adds the security headers every response carries (CSP, X-Content-Type-Options,
 * Referrer-Policy, X-Frame-Options) unless a header of that name is already set, and
 * Content-Type text/html; charset=utf-8 when none is set. */
void resp_security_headers(struct resp *w);
/* Reason phrase of a status ("OK", "See Other" …; "Unknown" otherwise). */
const char *http_status_reason(int status);
/* Writes the whole response in FastCGI/CGI form ("Status: 200 OK\r\nName: value\r\n…\r\n\r\n"
 * then the body unless head_only) to out. Adds Content-Length — except for a streamed body,
 * of which only the header block is written (the dispatcher runs the stream). */
void resp_serialize(const struct resp *w, struct buf *out);

#define HTTP_CSP "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

#endif
