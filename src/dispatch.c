/* dispatch: the request pipeline of DESIGN.md section 1, steps 2–5. */
#include "dispatch.h"

#include <string.h>

#include "auth.h"
#include "clock.h"
#include "log.h"
#include "pages.h"
#include "route.h"

/* Length of the origin part ("scheme://host[:port]") of url. */
static size_t origin_len(const char *url)
{
	const char *p = strstr(url, "://");
	if (!p)
		return strlen(url);
	p += 3;
	return (size_t)(p - url) + strcspn(p, "/?#");
}

bool dispatch_origin_ok(const struct app *app, const struct req *r)
{
	if (!r->origin || !*r->origin)
		return true;
	const char *base = app->config->base_url;
	size_t n = origin_len(base);
	if (strlen(r->origin) == n && strncmp(r->origin, base, n) == 0)
		return true;
	if (!r->host || !*r->host)
		return false;
	const char *scheme = r->https ? "https://" : "http://";
	size_t sn = strlen(scheme);
	return strncmp(r->origin, scheme, sn) == 0 && strcmp(r->origin + sn, r->host) == 0;
}

const char *dispatch_log_path(const char *path)
{
	/* a share link's path holds its secret token: logs must not */
	if (path && strncmp(path, "/s/", 3) == 0)
		return strchr(path + 3, '/') ? "/s/[token]/…" : "/s/[token]";
	return path;
}

/* Sends a not-logged-in visitor to the login page, remembering where they were going. */
static void redirect_to_login(struct req *r, struct resp *w)
{
	struct buf loc;
	buf_init(&loc);
	buf_puts(&loc, "/login?next=");
	for (const unsigned char *p = (const unsigned char *)r->path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '/' || *p == '-' || *p == '_' || *p == '.')
			buf_putc(&loc, (char)*p);
		else
			buf_printf(&loc, "%%%02X", *p);
	}
	resp_redirect(w, buf_cstr(&loc));
	buf_free(&loc);
}

/* Routes r and runs its handler; returns 0 when w is complete, or an error status. */
static int dispatch_route(struct app *app, struct req *r, struct resp *w)
{
	size_t count, index;
	const struct route *table = routes_table(&count);
	struct buf allow;
	buf_init(&allow);
	enum route_match_result m = route_match(table, count, r, &index, &allow);
	if (m == ROUTE_NOT_FOUND) {
		buf_free(&allow);
		return 404;
	}
	if (m == ROUTE_METHOD_NOT_ALLOWED) {
		resp_set_header(w, "Allow", buf_cstr(&allow));
		buf_free(&allow);
		return 405;
	}
	buf_free(&allow);
	const struct route *route = &table[index];
	if ((route->flags & ROUTE_CSRF) && r->method == HTTP_POST && !auth_csrf_ok(app, r))
		return 403;
	if ((route->flags & ROUTE_NEEDS_LOGIN) && !r->user) {
		redirect_to_login(r, w);
		return 0;
	}
	return route->handler(app, r, w);
}

/* http_write_fn appending to a buf: a streamed body kept whole (tests, no sink). */
static int append_to_buf(void *ctx, const void *p, size_t n)
{
	buf_append(ctx, p, n);
	return 0;
}

int dispatch_request(struct app *app, struct arena *a, http_getparam_fn getparam, void *param_ctx,
		     http_read_fn read_body, void *body_ctx, struct buf *out)
{
	return dispatch_request_to(app, a, getparam, param_ctx, read_body, body_ctx, out, NULL);
}

int dispatch_request_to(struct app *app, struct arena *a, http_getparam_fn getparam, void *param_ctx,
			http_read_fn read_body, void *body_ctx, struct buf *out, struct dispatch_sink *sink)
{
	int64_t started = clock_monotonic_us();
	struct req r;
	struct resp w;
	enum http_parse_result parsed = http_req_parse(&r, a, &app->limits, getparam, param_ctx, read_body, body_ctx);
	resp_init(&w, a);
	w.head_only = r.method == HTTP_HEAD;
	if (parsed == HTTP_PARSE_OK)
		auth_attach(app, &r);
	int status = parsed == HTTP_PARSE_OK ? dispatch_route(app, &r, &w) : (int)parsed;
	if (status >= 400 || w.status >= 300)
		w.stream = NULL; /* an error page or a redirect is never streamed */
	if (status >= 400)
		page_error(app, &r, &w, status);
	if (r.path && strncmp(r.path, "/s/", 3) == 0) {
		/* share pages: their URL holds the token, so no referrer, no cache, no index —
		 * also on answers the dispatcher gave before any handler ran (405, 403 …) */
		resp_set_header(&w, "Referrer-Policy", "no-referrer");
		resp_set_header(&w, "Cache-Control", "no-store");
		resp_set_header(&w, "X-Robots-Tag", "noindex");
	}
	resp_security_headers(&w);
	resp_serialize(&w, out);
	if (w.stream && !w.head_only) {
		int rc = 0;
		if (sink) {
			rc = sink->write(sink->ctx, out->data, out->len);
			buf_reset(out);
		}
		if (rc == 0)
			rc = w.stream(w.stream_ctx, sink ? sink->write : append_to_buf, sink ? sink->ctx : (void *)out);
		if (rc != 0) {
			log_error("%s %s: the streamed response was cut short", r.method_name, r.path);
			if (sink)
				sink->cut_short = true;
		}
	}
	log_request(r.method_name, dispatch_log_path(r.path), w.status, (long long)(clock_monotonic_us() - started));
	status = w.status;
	resp_free(&w);
	return status;
}
