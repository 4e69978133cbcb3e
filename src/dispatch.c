/* dispatch: the request pipeline of DESIGN.md section 1, steps 2–5. */
#include "dispatch.h"

#include <string.h>

#include "auth.h"
#include "civil.h"
#include "clock.h"
#include "log.h"
#include "page_cache.h"
#include "pages.h"
#include "route.h"
#include "session.h"
#include "user.h"

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

/* ---- the page cache (page_cache.h) ---- */

/* The pages that may be answered from the page cache, opt-in, each with the query parameters
 * it reads: a request with any other parameter (a notice such as ?saved=1) is neither answered
 * from the cache nor kept. Only GET, only for a signed-in user; the key holds the session (the
 * pages carry its CSRF token), the user, the path and the query; an entry lives at most
 * PAGE_CACHE_MAX_AGE seconds and never past the end of the user's local day, and only while
 * nothing in the database changed (page_cache.h). */
static const struct cache_rule {
	enum route_id route;
	const char *params[8]; /* NULL-terminated */
} cache_rules[] = {
	{ ROUTE_HOME, { "tag", NULL } }, /* Today, for a signed-in user */
	{ ROUTE_STATS, { "range", "from", "to", "tracker", "category", "tag", "year", NULL } },
	{ ROUTE_TRACKER_STATS, { "days", "year", NULL } },
	{ ROUTE_TRACKER, { NULL } },
};

/* What the page cache does for one request. */
struct cache_use {
	bool allowed;                  /* the request has no body (the only thing routing cannot see) */
	bool on;                       /* looked up: keep the answer if it qualifies */
	struct page_cache_stamp stamp; /* the database before the handler ran */
	const char *key;               /* in the request's arena */
	size_t key_len;
	const char *hit;               /* the stored answer, on a hit */
	size_t hit_len;
};

/* True when route index may be cached for r: a rule names it and every query parameter. */
static bool cache_rule_allows(size_t index, const struct req *r)
{
	const struct cache_rule *rule = NULL;
	for (size_t i = 0; i < sizeof cache_rules / sizeof cache_rules[0]; i++)
		if ((size_t)cache_rules[i].route == index)
			rule = &cache_rules[i];
	if (!rule)
		return false;
	for (size_t i = 0; i < r->query_params.count; i++) {
		bool known = false;
		for (size_t k = 0; rule->params[k] && !known; k++)
			known = strcmp(r->query_params.items[i].name, rule->params[k]) == 0;
		if (!known)
			return false;
	}
	return true;
}

/* Looks r up in the page cache when its route opted in; fills c (c->hit on a hit). */
static void cache_lookup(struct app *app, struct req *r, size_t index, struct cache_use *c)
{
	const struct user *u = r->user;
	const struct session *s = r->session;
	if (!app->page_cache || !c->allowed || r->method != HTTP_GET || !u || !s || !cache_rule_allows(index, r) ||
	    page_cache_stamp(&app->db, &c->stamp) < 0)
		return;
	c->key = arena_printf(r->arena, "%lld %lld %s?%s", (long long)u->id, (long long)s->id, r->raw_path, r->query);
	c->key_len = strlen(c->key);
	c->on = true;
	c->hit = page_cache_get(app->page_cache, &c->stamp, c->key, c->key_len, clock_now(&app->clock), &c->hit_len);
}

/* Keeps the serialized answer data[0..len) when it qualifies: made by the handler (status 0)
 * as a 200 page, not streamed, setting no cookie, and with the database the same as before
 * the handler ran (a page that wrote, or ran while another worker wrote, is not kept). */
static void cache_store(struct app *app, const struct req *r, const struct resp *w, int status, const char *data,
			size_t len, const struct cache_use *c)
{
	struct page_cache_stamp after;
	if (!c->on || c->hit || status != 0 || w->status != 200 || w->stream || w->head_only ||
	    resp_get_header(w, "Set-Cookie") || page_cache_stamp(&app->db, &after) < 0 ||
	    !page_cache_stamp_equal(&c->stamp, &after))
		return;
	/* never past the end of the user's local day: not kept when it ends within the entry's
	 * lifetime (the pages show "today") */
	const struct user *u = r->user;
	int64_t now = clock_now(&app->clock), day = 0, later = 0;
	if (civil_today(u->time_zone, now, &day) < 0 ||
	    civil_today(u->time_zone, now + PAGE_CACHE_MAX_AGE, &later) < 0 || day != later)
		return;
	page_cache_put(app->page_cache, &c->stamp, c->key, c->key_len, data, len, now, now + PAGE_CACHE_MAX_AGE);
}

/* Routes r and runs its handler; returns 0 when w is complete, or an error status. A page
 * found in the page cache sets c->hit instead (w untouched, 0 returned). */
static int dispatch_route(struct app *app, struct req *r, struct resp *w, struct cache_use *c)
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
	cache_lookup(app, r, index, c);
	if (c->hit)
		return 0;
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
	const char *length = getparam(param_ctx, "CONTENT_LENGTH");
	struct cache_use cache = { .allowed = !length || !*length || strcmp(length, "0") == 0 };
	int status = parsed == HTTP_PARSE_OK ? dispatch_route(app, &r, &w, &cache) : (int)parsed;
	if (cache.hit) {
		/* the bytes of the answer the page made before, headers and all */
		buf_append(out, cache.hit, cache.hit_len);
		log_request(r.method_name, dispatch_log_path(r.path), 200, (long long)(clock_monotonic_us() - started));
		resp_free(&w);
		return 200;
	}
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
	size_t at = out->len;
	resp_serialize(&w, out);
	cache_store(app, &r, &w, status, out->data + at, out->len - at, &cache);
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
