/* auth: session cookie, request user and CSRF check. */
#include "auth.h"

#include <string.h>

#include "clock.h"
#include "dispatch.h"

const char *auth_session_cookie(const struct app *app)
{
	return config_is_https(app->config) ? "__Host-trackpro_session" : "trackpro_session";
}

const char *auth_csrf_cookie(const struct app *app)
{
	return config_is_https(app->config) ? "__Host-trackpro_csrf" : "trackpro_csrf";
}

struct session_policy auth_policy(const struct app *app)
{
	struct session_policy p = {
		.idle_seconds = (int64_t)app->config->session_idle_days * 86400,
		.absolute_seconds = (int64_t)app->config->session_max_days * 86400,
	};
	return p;
}

void auth_attach(struct app *app, struct req *r)
{
	r->user = NULL;
	r->session = NULL;
	const char *token = req_cookie(r, auth_session_cookie(app));
	if (!token)
		return;
	struct session_policy policy = auth_policy(app);
	struct session *s = arena_alloc(r->arena, sizeof *s);
	if (session_lookup(&app->db, clock_now(&app->clock), &policy, token, s) < 0)
		return;
	struct user *u = arena_alloc(r->arena, sizeof *u);
	if (user_get(&app->db, r->arena, s->user_id, u) != USER_OK)
		return;
	r->session = s;
	r->user = u;
}

/* Cookie attributes shared by the session and pre-session cookies. */
static struct cookie_opts cookie_options(const struct app *app, int64_t max_age)
{
	struct cookie_opts o = {
		.max_age = max_age,
		.http_only = true,
		.secure = config_is_https(app->config),
		.same_site = "Lax",
		.path = "/",
	};
	return o;
}

void auth_set_session_cookie(const struct app *app, struct resp *w, const char *token)
{
	struct cookie_opts o = cookie_options(app, (int64_t)app->config->session_max_days * 86400);
	resp_cookie(w, auth_session_cookie(app), token, &o);
}

void auth_clear_session_cookie(const struct app *app, struct resp *w)
{
	struct cookie_opts o = cookie_options(app, -1);
	resp_cookie(w, auth_session_cookie(app), "", &o);
}

const char *auth_form_token(const struct app *app, struct req *r, struct resp *w)
{
	const struct session *s = r->session;
	if (s)
		return arena_strdup(r->arena, s->csrf);
	const char *existing = req_cookie(r, auth_csrf_cookie(app));
	unsigned char raw[TOKEN_BYTES];
	if (existing && token_decode(existing, raw) == 0)
		return existing;
	char *token = arena_alloc(r->arena, TOKEN_TEXT_LEN + 1);
	token_new(token);
	struct cookie_opts o = cookie_options(app, 0);
	resp_cookie(w, auth_csrf_cookie(app), token, &o);
	return token;
}

void auth_clear_form_token(const struct app *app, struct resp *w)
{
	struct cookie_opts o = cookie_options(app, -1);
	resp_cookie(w, auth_csrf_cookie(app), "", &o);
}

bool auth_csrf_ok(const struct app *app, const struct req *r)
{
	if (r->sec_fetch_site && strcmp(r->sec_fetch_site, "cross-site") == 0)
		return false;
	if (!dispatch_origin_ok(app, r))
		return false;
	const char *field = req_form(r, AUTH_CSRF_FIELD);
	if (!field)
		return false;
	const struct session *s = r->session;
	if (s)
		return token_equal(field, s->csrf);
	const char *cookie = req_cookie(r, auth_csrf_cookie(app));
	unsigned char raw[TOKEN_BYTES];
	return cookie && token_decode(cookie, raw) == 0 && token_equal(field, cookie);
}
