/* auth: the web side of accounts — the session cookie, attaching the logged-in user to a
 * request, and the CSRF check every POST passes before its handler runs (issue 3). */
#ifndef TRACKPRO_AUTH_H
#define TRACKPRO_AUTH_H

#include <stdbool.h>

#include "app.h"
#include "http.h"
#include "session.h"
#include "user.h"

/* The form field that carries the CSRF token in every POST form. */
#define AUTH_CSRF_FIELD "csrf"

/* Name of the session cookie: "__Host-trackpro_session" over https, else "trackpro_session". */
const char *auth_session_cookie(const struct app *app);
/* Name of the pre-session CSRF cookie used by the login and registration forms. */
const char *auth_csrf_cookie(const struct app *app);
/* The session lifetimes from the configuration. */
struct session_policy auth_policy(const struct app *app);

/* When r carries a live session cookie, sets r->session (struct session *) and r->user
 * (struct user *), both in r's arena; otherwise leaves them NULL. */
void auth_attach(struct app *app, struct req *r);

/* Sets the session cookie to token (HttpOnly, SameSite=Lax, Path=/, Secure over https;
 * Max-Age = the absolute session lifetime). */
void auth_set_session_cookie(const struct app *app, struct resp *w, const char *token);
/* Deletes the session cookie in the browser. */
void auth_clear_session_cookie(const struct app *app, struct resp *w);

/* The CSRF token to put in r's forms: the session's, or for a visitor without a session a
 * pre-session token kept in a cookie (reused when the browser has a well-formed one, else
 * made and set on w). Returns an arena string. */
const char *auth_form_token(const struct app *app, struct req *r, struct resp *w);
/* Deletes the pre-session CSRF cookie (after login or registration). */
void auth_clear_form_token(const struct app *app, struct resp *w);

/* The CSRF check of a POST: false when Sec-Fetch-Site says cross-site, when the Origin is
 * foreign (dispatch_origin_ok), or when the "csrf" field does not match the session's token
 * (or, without a session, the pre-session cookie) — compared in constant time. */
bool auth_csrf_ok(const struct app *app, const struct req *r);

#endif
