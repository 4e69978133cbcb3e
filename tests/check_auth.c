/* check_auth: request tests of accounts, sessions and CSRF (issue 3) — registration, login,
 * logout, session cookies and their expiry on a moved clock, `next=` redirects, the CSRF
 * check of every POST route in the table, user enumeration and login throttling — plus unit
 * tests of the cookie attributes. Argon2id costs ~0.1 s per hash, so users that never log in
 * through the form are made without a password (testapp_user with NULL). */
#include <check.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "clock.h"
#include "pages.h"
#include "password.h"
#include "session.h"
#include "testapp.h"
#include "user.h"

#define PW "correct horse battery"
#define DAY 86400
#define SESSION_MAX_AGE "Max-Age=2592000" /* 30 days, the default absolute lifetime */

static struct testapp t;

static void setup(void)
{
	testapp_open(&t);
}

static void teardown(void)
{
	testapp_close(&t);
}

/* Asserts the response status, showing the head and the start of the body when it differs. */
static void assert_status(const struct testresp *r, int status)
{
	ck_assert_msg(r->status == status, "status %d, expected %d\n%s\n%.600s", r->status, status, r->head, r->body);
}

/* Asserts a 303 to exactly location. */
static void assert_redirect(const struct testresp *r, const char *location)
{
	assert_status(r, 303);
	char *v = testresp_header(r, "Location");
	ck_assert_msg(v != NULL, "303 without Location:\n%s", r->head);
	ck_assert_str_eq(v, location);
	free(v);
}

/* Asserts that set_cookie (a Set-Cookie value, may be NULL) sets cookie name with exactly the
 * attributes attrs (NULL-terminated, any order, compared whole: "Path=/", "HttpOnly" …).
 * Returns the cookie's value (malloc'd). */
static char *assert_cookie(const char *set_cookie, const char *name, const char *const *attrs)
{
	ck_assert_msg(set_cookie != NULL, "no Set-Cookie for %s", name);
	size_t n = strlen(name);
	ck_assert_msg(strncmp(set_cookie, name, n) == 0 && set_cookie[n] == '=', "cookie %s expected: %s", name,
		      set_cookie);
	const char *v = set_cookie + n + 1, *end = strstr(v, "; ");
	char *value = end ? strndup(v, (size_t)(end - v)) : strdup(v);
	size_t seen = 0;
	while (end) {
		const char *a = end + 2;
		end = strstr(a, "; ");
		size_t len = end ? (size_t)(end - a) : strlen(a);
		bool expected = false;
		for (size_t i = 0; attrs[i]; i++)
			if (strlen(attrs[i]) == len && strncmp(attrs[i], a, len) == 0)
				expected = true;
		ck_assert_msg(expected, "unexpected attribute '%.*s' in %s", (int)len, a, set_cookie);
		seen++;
	}
	size_t want = 0;
	while (attrs[want])
		want++;
	ck_assert_msg(seen == want, "%zu attributes instead of %zu in %s", seen, want, set_cookie);
	return value;
}

/* GETs / with Cookie header cookie (NULL: none) and returns true when the page greets the
 * logged-in user display_name, false when it is the logged-out start page. */
static bool home_logged_in(const char *cookie, const char *display_name)
{
	const char *extra[] = { "HTTP_COOKIE", cookie ? cookie : "", NULL };
	struct testresp r;
	testapp_request(&t, "GET", "/", NULL, NULL, 0, extra, &r);
	assert_status(&r, 200);
	char hello[160];
	snprintf(hello, sizeof hello, "<a href=\"/settings\">%s · Settings</a>", display_name);
	bool in = strstr(r.body, hello) != NULL, out = strstr(r.body, "Track habits, routines") != NULL;
	ck_assert_msg(in != out, "neither clearly logged in nor out:\n%s", r.body);
	if (in)
		ck_assert_ptr_nonnull(strstr(r.body, "action=\"/logout\""));
	testresp_free(&r);
	return in;
}

/* The Cookie header that carries session token in the http setup. */
static char *session_cookie(const char *token)
{
	char *s = NULL;
	ck_assert_int_ge(asprintf(&s, "trackpro_session=%s", token), 0);
	return s;
}

/* GETs path in jar and returns the value of its form's "csrf" field (malloc'd). */
static char *form_csrf(struct testjar *j, const char *path)
{
	struct testresp r;
	testapp_browse(&t, j, "GET", path, NULL, NULL, &r);
	ck_assert_msg(r.status == 200 || r.status == 403, "GET %s: %d", path, r.status);
	char *csrf = testhtml_input(r.body, "csrf");
	ck_assert_msg(csrf != NULL, "no csrf field on %s", path);
	testresp_free(&r);
	return csrf;
}

/* A zone from the system list other than UTC when tzdata is installed, else UTC. */
static const char *some_zone(void)
{
	return timezone_is_valid(&t.app.timezones, "Europe/Paris") ? "Europe/Paris" : "UTC";
}

/* Posts the registration form in jar (after a GET for its token); returns the response. */
static void register_form(struct testjar *j, const char *email, const char *name, const char *password,
			  const char *confirm, const char *zone, struct testresp *out)
{
	char *csrf = form_csrf(j, "/register");
	char *form = testform("csrf", csrf, "email", email, "display_name", name, "password", password,
			      "password_confirm", confirm, "time_zone", zone, NULL);
	testapp_browse(&t, j, "POST", "/register", form, NULL, out);
	free(form);
	free(csrf);
}

/* Posts the login form in jar with the given credentials and next (NULL: none). */
static void login_form(struct testjar *j, const char *email, const char *password, const char *next,
		       const char *const *extra, struct testresp *out)
{
	char *csrf = form_csrf(j, "/login");
	char *form = next ? testform("csrf", csrf, "email", email, "password", password, "next", next, NULL)
			  : testform("csrf", csrf, "email", email, "password", password, NULL);
	testapp_browse(&t, j, "POST", "/login", form, extra, out);
	free(form);
	free(csrf);
}

/* ---- cookie attributes (unit) ---- */

/* The session cookie is HttpOnly, SameSite=Lax, Path=/, lives as long as the absolute
 * session lifetime, and over http has neither Secure nor the __Host- prefix. */
START_TEST(session_cookie_attributes_http)
{
	struct arena a;
	arena_init(&a);
	struct resp w;
	resp_init(&w, &a);
	char token[TOKEN_TEXT_LEN + 1];
	token_new(token);
	auth_set_session_cookie(&t.app, &w, token);
	const char *attrs[] = { "Path=/", SESSION_MAX_AGE, "HttpOnly", "SameSite=Lax", NULL };
	char *v = assert_cookie(resp_get_header(&w, "Set-Cookie"), "trackpro_session", attrs);
	ck_assert_str_eq(v, token);
	free(v);
	resp_free(&w);

	/* The lifetime follows the configuration. */
	t.config.session_max_days = 14;
	resp_init(&w, &a);
	auth_set_session_cookie(&t.app, &w, token);
	const char *attrs14[] = { "Path=/", "Max-Age=1209600", "HttpOnly", "SameSite=Lax", NULL };
	free(assert_cookie(resp_get_header(&w, "Set-Cookie"), "trackpro_session", attrs14));
	resp_free(&w);

	/* Clearing sends an empty value that expires now, with the same attributes. */
	resp_init(&w, &a);
	auth_clear_session_cookie(&t.app, &w);
	const char *cleared[] = { "Path=/", "Max-Age=0", "HttpOnly", "SameSite=Lax", NULL };
	v = assert_cookie(resp_get_header(&w, "Set-Cookie"), "trackpro_session", cleared);
	ck_assert_str_eq(v, "");
	free(v);
	resp_free(&w);
	arena_free(&a);
}
END_TEST

/* Over an https base URL the cookies take the __Host- prefix and Secure. */
START_TEST(session_cookie_attributes_https)
{
	t.config.base_url = "https://t.example";
	ck_assert_str_eq(auth_session_cookie(&t.app), "__Host-trackpro_session");
	ck_assert_str_eq(auth_csrf_cookie(&t.app), "__Host-trackpro_csrf");
	struct arena a;
	arena_init(&a);
	struct resp w;
	resp_init(&w, &a);
	char token[TOKEN_TEXT_LEN + 1];
	token_new(token);
	auth_set_session_cookie(&t.app, &w, token);
	const char *attrs[] = { "Path=/", SESSION_MAX_AGE, "HttpOnly", "Secure", "SameSite=Lax", NULL };
	free(assert_cookie(resp_get_header(&w, "Set-Cookie"), "__Host-trackpro_session", attrs));
	resp_free(&w);
	resp_init(&w, &a);
	auth_clear_session_cookie(&t.app, &w);
	const char *cleared[] = { "Path=/", "Max-Age=0", "HttpOnly", "Secure", "SameSite=Lax", NULL };
	free(assert_cookie(resp_get_header(&w, "Set-Cookie"), "__Host-trackpro_session", cleared));
	resp_free(&w);
	arena_free(&a);
}
END_TEST

/* The pre-session CSRF token: a browser without one gets a new browser-session cookie (no
 * Max-Age); a well-formed one is reused without a new Set-Cookie; a malformed one is replaced. */
START_TEST(form_token_cookie)
{
	struct arena a;
	arena_init(&a);
	struct req r;
	memset(&r, 0, sizeof r);
	r.arena = &a;
	struct resp w;
	resp_init(&w, &a);
	const char *tok = auth_form_token(&t.app, &r, &w);
	const char *attrs[] = { "Path=/", "HttpOnly", "SameSite=Lax", NULL };
	char *v = assert_cookie(resp_get_header(&w, "Set-Cookie"), "trackpro_csrf", attrs);
	ck_assert_str_eq(v, tok);
	ck_assert_uint_eq(strlen(tok), TOKEN_TEXT_LEN);
	free(v);
	resp_free(&w);

	struct http_param cookie = { "trackpro_csrf", tok, strlen(tok) };
	r.cookies.items = &cookie;
	r.cookies.count = 1;
	resp_init(&w, &a);
	ck_assert_str_eq(auth_form_token(&t.app, &r, &w), tok);
	ck_assert_ptr_null(resp_get_header(&w, "Set-Cookie"));
	resp_free(&w);

	cookie.value = "not-a-token";
	cookie.value_len = strlen(cookie.value);
	resp_init(&w, &a);
	const char *fresh = auth_form_token(&t.app, &r, &w);
	ck_assert_str_ne(fresh, "not-a-token");
	ck_assert_str_ne(fresh, tok);
	ck_assert_ptr_nonnull(resp_get_header(&w, "Set-Cookie"));
	resp_free(&w);
	arena_free(&a);
}
END_TEST

/* ---- registration ---- */

/* GET /register sets the pre-session CSRF cookie and puts the same token in the form; the
 * POST creates the account, answers 303 to / with a session cookie (HttpOnly, SameSite=Lax,
 * Path=/, no Secure over http), drops the pre-session cookie, and / greets the new user. */
START_TEST(register_round_trip)
{
	struct testjar j;
	testjar_init(&j);
	struct testresp r;
	testapp_browse(&t, &j, "GET", "/register", NULL, NULL, &r);
	assert_status(&r, 200);
	const char *pre_attrs[] = { "Path=/", "HttpOnly", "SameSite=Lax", NULL };
	char *sc = testresp_set_cookie(&r, "trackpro_csrf");
	char *pre = assert_cookie(sc, "trackpro_csrf", pre_attrs);
	char *csrf = testhtml_input(r.body, "csrf");
	ck_assert_ptr_nonnull(csrf);
	ck_assert_str_eq(csrf, pre);
	ck_assert_uint_eq(strlen(csrf), TOKEN_TEXT_LEN);
	ck_assert_ptr_null(testresp_set_cookie(&r, "trackpro_session"));
	free(sc);
	testresp_free(&r);

	const char *zone = some_zone();
	char *form = testform("csrf", csrf, "email", "ann@example.org", "display_name", "Ann", "password", PW,
			      "password_confirm", PW, "time_zone", zone, NULL);
	testapp_browse(&t, &j, "POST", "/register", form, NULL, &r);
	assert_redirect(&r, "/");
	const char *attrs[] = { "Path=/", SESSION_MAX_AGE, "HttpOnly", "SameSite=Lax", NULL };
	sc = testresp_set_cookie(&r, "trackpro_session");
	char *token = assert_cookie(sc, "trackpro_session", attrs);
	unsigned char raw[TOKEN_BYTES];
	ck_assert_int_eq(token_decode(token, raw), 0);
	free(sc);
	const char *cleared[] = { "Path=/", "Max-Age=0", "HttpOnly", "SameSite=Lax", NULL };
	sc = testresp_set_cookie(&r, "trackpro_csrf");
	free(assert_cookie(sc, "trackpro_csrf", cleared));
	free(sc);
	testresp_free(&r);
	ck_assert_ptr_null(testjar_get(&j, "trackpro_csrf"));
	ck_assert_str_eq(testjar_get(&j, "trackpro_session"), token);

	char *cookie = session_cookie(token);
	ck_assert(home_logged_in(cookie, "Ann"));
	struct arena a;
	arena_init(&a);
	struct user u;
	ck_assert_int_eq(user_get_by_email(&t.app.db, &a, "ann@example.org", &u), USER_OK);
	ck_assert_str_eq(u.display_name, "Ann");
	ck_assert_str_eq(u.time_zone, zone);
	ck_assert(password_verify(u.password_hash, PW, strlen(PW)));
	ck_assert_int_eq(testapp_query_int(&t, "SELECT count(*) FROM sessions"), 1);
	/* The database keeps only the token's hash, never the token. */
	ck_assert_int_eq(testapp_query_int(&t, "SELECT count(*) FROM sessions WHERE length(token_hash) = 32"), 1);
	arena_free(&a);
	free(cookie);
	free(token);
	free(form);
	free(csrf);
	free(pre);
	testjar_free(&j);
}
END_TEST

/* Each invalid registration re-renders the form with 422, keeps the typed e-mail address,
 * name and time zone (escaped), never echoes the password, shows the message next to the
 * one bad field (aria-invalid, field-error) and creates neither account nor session. */
START_TEST(register_errors_rerender_422)
{
	testapp_user(&t, "taken@example.org", "Taken", NULL, false);
	const char *zone = some_zone();
	const struct {
		const char *email, *password, *confirm, *zone, *field, *message;
	} cases[] = {
		{ "ann.example.org", PW, PW, zone, "email", "Enter an address like name@example.org." },
		{ "ann@example.org", "short7!", "short7!", zone, "password", NULL /* PASSWORD_TOO_SHORT */ },
		{ "ann@example.org", "PassWord1", "PassWord1", zone, "password", "" /* PASSWORD_COMMON */ },
		{ "ann@example.org", PW, PW " ", zone, "password_confirm", "The two passwords are not the same." },
		{ "ann@example.org", PW, PW, "Mars/Olympus_Mons", "time_zone", "Choose a time zone from the list." },
		{ "Taken@Example.org", PW, PW, zone, "email", "An account with this address exists already. Log in instead." },
	};
	const char *name = "Ann & <Bob> \"O'Neil\"";
	struct testjar j;
	testjar_init(&j);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *message = cases[i].message;
		if (!message)
			message = password_problem_message(PASSWORD_TOO_SHORT);
		else if (!*message)
			message = password_problem_message(PASSWORD_COMMON);
		struct testresp r;
		register_form(&j, cases[i].email, name, cases[i].password, cases[i].confirm, cases[i].zone, &r);
		assert_status(&r, 422);
		char expected[512];
		snprintf(expected, sizeof expected, "<p class=\"field-error\" id=\"%s-error\">%s</p>", cases[i].field,
			 message);
		ck_assert_msg(strstr(r.body, expected) != NULL, "case %zu: '%s' missing", i, expected);
		snprintf(expected, sizeof expected, "name=\"%s\"", cases[i].field);
		const char *input = strstr(r.body, expected);
		ck_assert_ptr_nonnull(input);
		const char *tag_end = strchr(input, '>');
		ck_assert_msg(strstr(input, "aria-invalid=\"true\"") != NULL && strstr(input, "aria-invalid=\"true\"") < tag_end,
			      "case %zu: %s not marked invalid", i, cases[i].field);
		/* Exactly one field has a message. */
		const char *first = strstr(r.body, "class=\"field-error\"");
		ck_assert_ptr_nonnull(first);
		ck_assert_ptr_null(strstr(first + 1, "class=\"field-error\""));
		/* What was typed is kept (and escaped in the HTML). */
		char *v = testhtml_input(r.body, "email");
		ck_assert_str_eq(v, cases[i].email);
		free(v);
		v = testhtml_input(r.body, "display_name");
		ck_assert_str_eq(v, name);
		free(v);
		ck_assert_ptr_null(strstr(r.body, "<Bob>"));
		if (strcmp(cases[i].field, "time_zone") != 0) {
			v = testhtml_selected(r.body, "time_zone");
			ck_assert_str_eq(v, cases[i].zone);
			free(v);
		}
		ck_assert_msg(strstr(r.body, cases[i].password) == NULL, "case %zu: the password is in the page", i);
		ck_assert_ptr_null(testresp_set_cookie(&r, "trackpro_session"));
		testresp_free(&r);
	}
	ck_assert_int_eq(user_count(&t.app.db), 1);
	ck_assert_int_eq(testapp_query_int(&t, "SELECT count(*) FROM sessions"), 0);
	testjar_free(&j);
}
END_TEST

/* Whoever creates the first account administers the site; later accounts are not admins. */
START_TEST(first_account_is_admin)
{
	struct testjar j1, j2;
	testjar_init(&j1);
	testjar_init(&j2);
	struct testresp r;
	register_form(&j1, "first@example.org", "First", PW, PW, "UTC", &r);
	assert_redirect(&r, "/");
	testresp_free(&r);
	register_form(&j2, "second@example.org", "Second", PW, PW, "UTC", &r);
	assert_redirect(&r, "/");
	testresp_free(&r);
	struct arena a;
	arena_init(&a);
	struct user u1, u2;
	ck_assert_int_eq(user_get_by_email(&t.app.db, &a, "first@example.org", &u1), USER_OK);
	ck_assert_int_eq(user_get_by_email(&t.app.db, &a, "second@example.org", &u2), USER_OK);
	ck_assert(u1.is_admin);
	ck_assert(!u2.is_admin);
	ck_assert_int_ne(u1.id, u2.id);
	arena_free(&a);
	testjar_free(&j1);
	testjar_free(&j2);
}
END_TEST

/* With registration closed, GET /register answers 403 with the explanation instead of the
 * form, and a POST with a valid token is refused (403) without creating anything. */
START_TEST(registration_closed)
{
	t.config.registration_open = false;
	struct testjar j;
	testjar_init(&j);
	struct testresp r;
	testapp_browse(&t, &j, "GET", "/register", NULL, NULL, &r);
	assert_status(&r, 403);
	ck_assert_ptr_nonnull(strstr(r.body, "does not take new accounts"));
	ck_assert_ptr_null(strstr(r.body, "action=\"/register\""));
	testresp_free(&r);
	const char *csrf = testjar_get(&j, "trackpro_csrf");
	ck_assert_ptr_nonnull(csrf);
	char *form = testform("csrf", csrf, "email", "ann@example.org", "display_name", "Ann", "password", PW,
			      "password_confirm", PW, "time_zone", "UTC", NULL);
	testapp_browse(&t, &j, "POST", "/register", form, NULL, &r);
	assert_status(&r, 403);
	ck_assert_ptr_null(testresp_set_cookie(&r, "trackpro_session"));
	testresp_free(&r);
	ck_assert_int_eq(user_count(&t.app.db), 0);
	/* The login page no longer invites to register. */
	testapp_browse(&t, &j, "GET", "/login", NULL, NULL, &r);
	assert_status(&r, 200);
	ck_assert_ptr_null(strstr(r.body, "New here?"));
	testresp_free(&r);
	free(form);
	testjar_free(&j);
}
END_TEST

/* ---- login and logout ---- */

/* Login (with a same-origin Origin and Sec-Fetch-Site, as browsers send) answers 303 with a
 * session cookie and drops the pre-session cookie; / greets the user; POST /logout with the
 * session's token answers 303 to /login and clears the cookie; the old cookie no longer
 * logs in and its row is gone. */
START_TEST(login_logout_round_trip)
{
	int64_t id = testapp_user(&t, "ann@example.org", "Ann O'Neil", PW, false);
	struct testjar j;
	testjar_init(&j);
	struct testresp r;
	const char *same_origin[] = { "HTTP_ORIGIN", "http://127.0.0.1:8080", "HTTP_SEC_FETCH_SITE", "same-origin", NULL };
	login_form(&j, "ann@example.org", PW, NULL, same_origin, &r);
	assert_redirect(&r, "/");
	const char *attrs[] = { "Path=/", SESSION_MAX_AGE, "HttpOnly", "SameSite=Lax", NULL };
	char *sc = testresp_set_cookie(&r, "trackpro_session");
	char *token = assert_cookie(sc, "trackpro_session", attrs);
	free(sc);
	sc = testresp_set_cookie(&r, "trackpro_csrf");
	ck_assert_msg(sc && strstr(sc, "Max-Age=0"), "pre-session cookie not cleared:\n%s", r.head);
	free(sc);
	testresp_free(&r);

	char *cookie = session_cookie(token);
	ck_assert(home_logged_in(cookie, "Ann O&#39;Neil"));
	struct arena a;
	arena_init(&a);
	struct user u;
	ck_assert_int_eq(user_get(&t.app.db, &a, id, &u), USER_OK);
	ck_assert_int_eq(u.last_login_at, clock_now(&t.app.clock));
	arena_free(&a);

	/* The logout form on every page carries the session's token. */
	char *csrf = form_csrf(&j, "/");
	struct session s;
	struct session_policy policy = auth_policy(&t.app);
	ck_assert_int_eq(session_lookup(&t.app.db, clock_now(&t.app.clock), &policy, token, &s), 0);
	ck_assert_str_eq(csrf, s.csrf);
	char *form = testform("csrf", csrf, NULL);
	testapp_browse(&t, &j, "POST", "/logout", form, NULL, &r);
	assert_redirect(&r, "/login");
	const char *cleared[] = { "Path=/", "Max-Age=0", "HttpOnly", "SameSite=Lax", NULL };
	sc = testresp_set_cookie(&r, "trackpro_session");
	free(assert_cookie(sc, "trackpro_session", cleared));
	free(sc);
	testresp_free(&r);
	ck_assert_ptr_null(testjar_get(&j, "trackpro_session"));
	ck_assert_int_eq(testapp_query_int(&t, "SELECT count(*) FROM sessions"), 0);
	ck_assert(!home_logged_in(cookie, "Ann O&#39;Neil"));
	free(form);
	free(csrf);
	free(cookie);
	free(token);
	testjar_free(&j);
}
END_TEST

/* A wrong password re-renders the form with 422, the message and the typed address, and sets
 * no session cookie; the address is matched case-insensitively at login. */
START_TEST(login_wrong_password_and_email_case)
{
	testapp_user(&t, "ann@example.org", "Ann", PW, false);
	struct testjar j;
	testjar_init(&j);
	struct testresp r;
	login_form(&j, "ann@example.org", PW "x", NULL, NULL, &r);
	assert_status(&r, 422);
	ck_assert_ptr_nonnull(strstr(r.body, "The e-mail address or the password is wrong."));
	char *v = testhtml_input(r.body, "email");
	ck_assert_str_eq(v, "ann@example.org");
	free(v);
	ck_assert_ptr_null(strstr(r.body, PW "x"));
	ck_assert_ptr_null(testresp_set_cookie(&r, "trackpro_session"));
	testresp_free(&r);
	login_form(&j, "ANN@Example.ORG", PW, NULL, NULL, &r);
	assert_redirect(&r, "/");
	testresp_free(&r);
	testjar_free(&j);
}
END_TEST

/* Logging in while holding a session replaces it: the cookie after login differs from the
 * one before, and the old session's row is deleted (no session fixation). A planted cookie
 * value the server never issued is not adopted either. */
START_TEST(session_id_changes_at_login)
{
	testapp_user(&t, "ann@example.org", "Ann", PW, false);
	struct testjar j;
	testjar_init(&j);
	testapp_login(&t, &j, "ann@example.org", PW);
	char *before = strdup(testjar_get(&j, "trackpro_session"));
	struct session_policy policy = auth_policy(&t.app);
	struct session s;
	ck_assert_int_eq(session_lookup(&t.app.db, clock_now(&t.app.clock), &policy, before, &s), 0);
	/* The row is found by the hash of the token (ids may be reused by SQLite). */
	unsigned char hash[TOKEN_HASH_BYTES];
	char hex[2 * TOKEN_HASH_BYTES + 1], sql[160];
	ck_assert_int_eq(token_hash(before, hash), 0);
	sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM sessions WHERE token_hash = x'%s'", hex);
	ck_assert_int_eq(testapp_query_int(&t, sql), 1);

	/* Logged in, the login form takes the session's token. */
	char *form = testform("csrf", s.csrf, "email", "ann@example.org", "password", PW, NULL);
	struct testresp r;
	testapp_browse(&t, &j, "POST", "/login", form, NULL, &r);
	assert_redirect(&r, "/");
	testresp_free(&r);
	const char *after = testjar_get(&j, "trackpro_session");
	ck_assert_ptr_nonnull(after);
	ck_assert_str_ne(after, before);
	ck_assert_int_eq(session_lookup(&t.app.db, clock_now(&t.app.clock), &policy, before, &s), -1);
	ck_assert_int_eq(testapp_query_int(&t, sql), 0);
	ck_assert_int_eq(testapp_query_int(&t, "SELECT count(*) FROM sessions"), 1);
	char *old_cookie = session_cookie(before), *new_cookie = session_cookie(after);
	ck_assert(!home_logged_in(old_cookie, "Ann"));
	ck_assert(home_logged_in(new_cookie, "Ann"));

	/* A browser arriving with a planted, well-formed cookie gets a fresh one. */
	struct testjar planted;
	testjar_init(&planted);
	char fixed[TOKEN_TEXT_LEN + 1];
	token_new(fixed);
	testjar_set(&planted, "trackpro_session", fixed);
	testapp_login(&t, &planted, "ann@example.org", PW);
	ck_assert_str_ne(testjar_get(&planted, "trackpro_session"), fixed);
	free(old_cookie);
	free(new_cookie);
	free(form);
	free(before);
	testjar_free(&planted);
	testjar_free(&j);
}
END_TEST

/* ---- expiry on a moved clock ---- */

/* A session unused for 7 days ends; one used within each 7-day window lives on, because
 * every visit moves last_seen_at. */
START_TEST(session_idle_expiry)
{
	int64_t uid = testapp_user(&t, "ann@example.org", "Ann", NULL, false);
	char token[TOKEN_TEXT_LEN + 1];
	int64_t start = clock_now(&t.app.clock);
	testapp_session(&t, uid, token, NULL);
	char *cookie = session_cookie(token);
	testapp_advance(&t, 7 * DAY - 1);
	ck_assert_msg(home_logged_in(cookie, "Ann"), "ended 1 s before the idle limit");
	testapp_advance(&t, 7 * DAY - 1);
	ck_assert_msg(home_logged_in(cookie, "Ann"), "a visit did not keep the session alive");
	ck_assert_int_eq(testapp_query_int(&t, "SELECT last_seen_at FROM sessions"), start + 2 * (7 * DAY - 1));
	testapp_advance(&t, 7 * DAY + 1);
	ck_assert_msg(!home_logged_in(cookie, "Ann"), "alive after 7 days + 1 s without visits");
	ck_assert_int_eq(testapp_query_int(&t, "SELECT count(*) FROM sessions"), 0);
	/* Moving the clock back does not bring it back. */
	testapp_advance(&t, -7 * DAY);
	ck_assert(!home_logged_in(cookie, "Ann"));
	free(cookie);
}
END_TEST

/* A session ends 30 days after login even when it is used every 6 days, and is still valid
 * one second before. */
START_TEST(session_absolute_expiry)
{
	int64_t uid = testapp_user(&t, "ann@example.org", "Ann", NULL, false);
	char token[TOKEN_TEXT_LEN + 1];
	testapp_session(&t, uid, token, NULL);
	char *cookie = session_cookie(token);
	for (int day = 6; day < 30; day += 6) {
		testapp_advance(&t, 6 * DAY);
		ck_assert_msg(home_logged_in(cookie, "Ann"), "ended on day %d", day);
	}
	testapp_advance(&t, 6 * DAY - 1); /* day 30 minus 1 s */
	ck_assert_msg(home_logged_in(cookie, "Ann"), "ended 1 s before the absolute limit");
	testapp_advance(&t, 2);
	ck_assert_msg(!home_logged_in(cookie, "Ann"), "alive 1 s after 30 days");
	ck_assert_int_eq(testapp_query_int(&t, "SELECT count(*) FROM sessions"), 0);
	free(cookie);
}
END_TEST

/* The lifetimes come from the configuration (--session-idle-days, --session-max-days). */
START_TEST(session_lifetimes_configurable)
{
	t.config.session_idle_days = 1;
	t.config.session_max_days = 2;
	int64_t uid = testapp_user(&t, "ann@example.org", "Ann", NULL, false);
	char idle[TOKEN_TEXT_LEN + 1], busy[TOKEN_TEXT_LEN + 1];
	testapp_session(&t, uid, idle, NULL);
	testapp_session(&t, uid, busy, NULL);
	char *idle_cookie = session_cookie(idle), *busy_cookie = session_cookie(busy);
	testapp_advance(&t, DAY - 60);
	ck_assert(home_logged_in(busy_cookie, "Ann"));
	testapp_advance(&t, 61);
	ck_assert(!home_logged_in(idle_cookie, "Ann"));
	ck_assert(home_logged_in(busy_cookie, "Ann"));
	testapp_advance(&t, DAY - 1); /* 2 days after login */
	ck_assert(!home_logged_in(busy_cookie, "Ann"));
	free(idle_cookie);
	free(busy_cookie);
}
END_TEST

/* ---- https ---- */

/* Behind an https base URL the whole flow uses __Host-trackpro_csrf and
 * __Host-trackpro_session with Secure; the unprefixed name is not accepted. */
START_TEST(https_cookies)
{
	t.config.base_url = "https://t.example";
	testapp_user(&t, "ann@example.org", "Ann", PW, false);
	const char *tls[] = { "HTTPS", "on", "HTTP_HOST", "t.example", "HTTP_ORIGIN", "https://t.example", NULL };
	struct testjar j;
	testjar_init(&j);
	struct testresp r;
	testapp_browse(&t, &j, "GET", "/login", NULL, tls, &r);
	assert_status(&r, 200);
	const char *pre_attrs[] = { "Path=/", "HttpOnly", "Secure", "SameSite=Lax", NULL };
	char *sc = testresp_set_cookie(&r, "__Host-trackpro_csrf");
	char *csrf = assert_cookie(sc, "__Host-trackpro_csrf", pre_attrs);
	free(sc);
	ck_assert_ptr_null(testresp_set_cookie(&r, "trackpro_csrf"));
	testresp_free(&r);
	char *form = testform("csrf", csrf, "email", "ann@example.org", "password", PW, NULL);
	testapp_browse(&t, &j, "POST", "/login", form, tls, &r);
	assert_redirect(&r, "/");
	const char *attrs[] = { "Path=/", SESSION_MAX_AGE, "HttpOnly", "Secure", "SameSite=Lax", NULL };
	sc = testresp_set_cookie(&r, "__Host-trackpro_session");
	char *token = assert_cookie(sc, "__Host-trackpro_session", attrs);
	free(sc);
	ck_assert_ptr_null(testresp_set_cookie(&r, "trackpro_session"));
	testresp_free(&r);

	testapp_browse(&t, &j, "GET", "/", NULL, tls, &r);
	ck_assert_ptr_nonnull(strstr(r.body, "<a href=\"/settings\">Ann · Settings</a>"));
	testresp_free(&r);
	char *plain = session_cookie(token);
	ck_assert(!home_logged_in(plain, "Ann"));
	free(plain);
	free(token);
	free(form);
	free(csrf);
	testjar_free(&j);
}
END_TEST

/* ---- next= ---- */

/* Strings that must never become a redirect to another site (decoded form values). */
static const char *const open_redirects[] = {
	"//evil.example",
	"///evil.example",
	"/\\evil.example",
	"\\\\evil.example",
	"/\\/evil.example",
	"https://evil.example",
	"http:evil.example",
	"https:/evil.example",
	"javascript:alert(1)",
	"data:text/html,<script>alert(1)</script>",
	"evil.example",
	"/\t/evil.example",
	"\t//evil.example",
	"/\r\n/evil.example",
	"/\r\nLocation: https://evil.example",
	" //evil.example",
	"//evil.example/%2F..",
	"//\u3002evil.example", /* ideographic full stop, read as a dot by some parsers */
};

/* next=/settings (a local path) is followed after login, and the login page keeps it in a
 * hidden field; every open-redirect string leads to / instead, both after a successful
 * login and when a logged-in visitor opens /login?next=…. */
START_TEST(login_next_only_local)
{
	testapp_user(&t, "ann@example.org", "Ann", PW, false);
	struct testjar j;
	testjar_init(&j);
	struct testresp r;
	testapp_browse(&t, &j, "GET", "/login?next=%2Fsettings", NULL, NULL, &r);
	char *v = testhtml_input(r.body, "next");
	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq(v, "/settings");
	free(v);
	testresp_free(&r);
	login_form(&j, "ann@example.org", PW, "/settings", NULL, &r);
	assert_redirect(&r, "/settings");
	testresp_free(&r);

	/* A failed login does not carry a foreign next= into the form. */
	struct testjar anon;
	testjar_init(&anon);
	login_form(&anon, "ann@example.org", "wrong password", "//evil.example", NULL, &r);
	assert_status(&r, 422);
	ck_assert_ptr_null(testhtml_input(r.body, "next"));
	testresp_free(&r);
	testjar_free(&anon);

	size_t n = sizeof open_redirects / sizeof open_redirects[0];
	ck_assert_uint_ge(n, 10);
	for (size_t i = 0; i < n; i++) {
		struct testjar fresh;
		testjar_init(&fresh);
		login_form(&fresh, "ann@example.org", PW, open_redirects[i], NULL, &r);
		ck_assert_msg(r.status == 303, "case %zu: status %d", i, r.status);
		v = testresp_header(&r, "Location");
		ck_assert_msg(v && strcmp(v, "/") == 0, "next=%s led to %s", open_redirects[i], v ? v : "(none)");
		free(v);
		testresp_free(&r);
		testjar_free(&fresh);

		/* Logged in, GET /login?next=… redirects at once: to / as well. */
		char *query = testform("next", open_redirects[i], NULL);
		char uri[512];
		snprintf(uri, sizeof uri, "/login?%s", query);
		testapp_browse(&t, &j, "GET", uri, NULL, NULL, &r);
		assert_redirect(&r, "/");
		testresp_free(&r);
		free(query);
	}
	testjar_free(&j);
}
END_TEST

/* ---- CSRF ---- */

/* Writes pattern with every {parameter} replaced by "1" into out. */
static void fill_pattern(const char *pattern, char *out, size_t size)
{
	size_t n = 0;
	for (const char *p = pattern; *p && n + 2 < size; p++) {
		if (*p == '{') {
			const char *close = strchr(p, '}');
			ck_assert_ptr_nonnull(close);
			out[n++] = '1';
			p = close;
		} else {
			out[n++] = *p;
		}
	}
	out[n] = '\0';
}

/* POSTs form to path with the given Cookie header and further CGI parameters (may be
 * NULL) and asserts a 403 page. */
static void assert_post_refused(const char *path, const char *cookie, const char *form, const char *name,
				const char *const *more, const char *why)
{
	const char *extra[8] = { "HTTP_COOKIE", cookie };
	size_t n = 2;
	for (size_t i = 0; more && more[i]; i += 2) {
		extra[n++] = more[i];
		extra[n++] = more[i + 1];
	}
	extra[n] = NULL;
	struct testresp r;
	testapp_request(&t, "POST", path, "application/x-www-form-urlencoded", form, strlen(form), extra, &r);
	ck_assert_msg(r.status == 403, "POST %s (%s) %s: status %d", path, name, why, r.status);
	ck_assert_msg(strstr(r.body, "Forbidden") != NULL, "POST %s (%s) %s: not the 403 page", path, name, why);
	ck_assert_ptr_null(testresp_set_cookie(&r, "trackpro_session"));
	testresp_free(&r);
}

/* Walks the route table: every POST route is flagged ROUTE_CSRF, and with a logged-in
 * session each refuses (403, before the handler runs) a POST without the csrf field, with an
 * empty one, with another session's token, with the pre-session mechanism instead of the
 * session's token, with the right token but a foreign Origin, and with Sec-Fetch-Site:
 * cross-site. Routes added later are covered without touching this test. */
START_TEST(csrf_every_post_route)
{
	int64_t a = testapp_user(&t, "a@example.org", "A", NULL, false);
	int64_t b = testapp_user(&t, "b@example.org", "B", NULL, false);
	char token_a[TOKEN_TEXT_LEN + 1], csrf_a[TOKEN_TEXT_LEN + 1], csrf_b[TOKEN_TEXT_LEN + 1], pre[TOKEN_TEXT_LEN + 1];
	testapp_session(&t, a, token_a, csrf_a);
	testapp_session(&t, b, NULL, csrf_b);
	token_new(pre);
	ck_assert_str_ne(csrf_a, csrf_b);
	char *cookie = session_cookie(token_a);
	char *cookie_pre = NULL;
	ck_assert_int_ge(asprintf(&cookie_pre, "trackpro_session=%s; trackpro_csrf=%s", token_a, pre), 0);
	char *no_field = testform("x", "1", NULL), *empty = testform("csrf", "", NULL);
	char *other = testform("csrf", csrf_b, NULL), *right = testform("csrf", csrf_a, NULL);
	char *pre_form = testform("csrf", pre, NULL);
	const char *evil_origin[] = { "HTTP_ORIGIN", "http://evil.example", NULL };
	const char *null_origin[] = { "HTTP_ORIGIN", "null", NULL };
	const char *cross_site[] = { "HTTP_SEC_FETCH_SITE", "cross-site", NULL };

	size_t count, posts = 0;
	const struct route *table = routes_table(&count);
	struct session_policy policy = auth_policy(&t.app);
	for (size_t i = 0; i < count; i++) {
		if (table[i].method != HTTP_POST)
			continue;
		posts++;
		ck_assert_msg(table[i].flags & ROUTE_CSRF, "POST route %s (%s) lacks ROUTE_CSRF", table[i].pattern,
			      table[i].name);
		char path[256];
		fill_pattern(table[i].pattern, path, sizeof path);
		assert_post_refused(path, cookie, no_field, table[i].name, NULL, "without csrf");
		assert_post_refused(path, cookie, empty, table[i].name, NULL, "with an empty csrf");
		assert_post_refused(path, cookie, other, table[i].name, NULL, "with another session's csrf");
		assert_post_refused(path, cookie_pre, pre_form, table[i].name, NULL, "with the pre-session token");
		assert_post_refused(path, cookie, right, table[i].name, evil_origin, "from a foreign Origin");
		assert_post_refused(path, cookie, right, table[i].name, null_origin, "from Origin null");
		assert_post_refused(path, cookie, right, table[i].name, cross_site, "with Sec-Fetch-Site cross-site");
		/* No handler ran: the session and both accounts are untouched. */
		struct session s;
		ck_assert_msg(session_lookup(&t.app.db, clock_now(&t.app.clock), &policy, token_a, &s) == 0,
			      "POST %s ended the session despite the refusal", path);
		ck_assert_int_eq(user_count(&t.app.db), 2);
		ck_assert_int_eq(testapp_query_int(&t, "SELECT count(*) FROM sessions"), 2);
	}
	ck_assert_uint_ge(posts, 3); /* at least /login, /logout and /register */

	/* Control: the right token from the same origin passes the check (logout runs). */
	const char *same[] = { "HTTP_COOKIE", cookie, "HTTP_ORIGIN", "http://127.0.0.1:8080", "HTTP_SEC_FETCH_SITE",
			       "same-origin", NULL };
	struct testresp r;
	testapp_request(&t, "POST", "/logout", "application/x-www-form-urlencoded", right, strlen(right), same, &r);
	assert_redirect(&r, "/login");
	testresp_free(&r);
	ck_assert(!home_logged_in(cookie, "A"));
	free(no_field);
	free(empty);
	free(other);
	free(right);
	free(pre_form);
	free(cookie_pre);
	free(cookie);
}
END_TEST

/* Without a session, login and registration check the pre-session token: the field must
 * equal a well-formed cookie. */
START_TEST(csrf_pre_session)
{
	char pre[TOKEN_TEXT_LEN + 1], other[TOKEN_TEXT_LEN + 1];
	token_new(pre);
	token_new(other);
	char *cookie = NULL;
	ck_assert_int_ge(asprintf(&cookie, "trackpro_csrf=%s", pre), 0);
	char *form = testform("csrf", pre, "email", "x@example.org", "password", "whatever12", NULL);
	char *wrong = testform("csrf", other, "email", "x@example.org", "password", "whatever12", NULL);
	char *junk = testform("csrf", "abc", "email", "x@example.org", "password", "whatever12", NULL);
	const char *paths[] = { "/login", "/register" };
	for (size_t i = 0; i < 2; i++) {
		assert_post_refused(paths[i], "", form, paths[i], NULL, "without the cookie");
		assert_post_refused(paths[i], cookie, wrong, paths[i], NULL, "with a token not matching the cookie");
		assert_post_refused(paths[i], "trackpro_csrf=abc", junk, paths[i], NULL, "with a malformed token");
	}
	/* Control: the matching pair passes the check (the login itself then fails: 422). */
	const char *extra[] = { "HTTP_COOKIE", cookie, NULL };
	struct testresp r;
	testapp_request(&t, "POST", "/login", "application/x-www-form-urlencoded", form, strlen(form), extra, &r);
	assert_status(&r, 422);
	testresp_free(&r);
	free(form);
	free(wrong);
	free(junk);
	free(cookie);
}
END_TEST

/* ---- user enumeration ---- */

/* An unknown address and a known address with a wrong password answer the same status,
 * the same headers and the same body (but for the typed address, here of equal length), and
 * take comparable time (the unknown one verifies against a dummy hash). */
START_TEST(no_user_enumeration)
{
	testapp_user(&t, "known@example.org", "Known", PW, false);
	struct testjar j;
	testjar_init(&j);
	char *csrf = form_csrf(&j, "/login");
	char *f_known = testform("csrf", csrf, "email", "known@example.org", "password", "wrong password", NULL);
	char *f_unknown = testform("csrf", csrf, "email", "other@example.org", "password", "wrong password", NULL);
	struct testresp known, unknown;
	int64_t t0 = clock_monotonic_us();
	testapp_browse(&t, &j, "POST", "/login", f_known, NULL, &known);
	int64_t t1 = clock_monotonic_us();
	testapp_browse(&t, &j, "POST", "/login", f_unknown, NULL, &unknown);
	int64_t t2 = clock_monotonic_us();
	assert_status(&known, 422);
	ck_assert_int_eq(unknown.status, known.status);
	ck_assert_str_eq(unknown.head, known.head);
	ck_assert_uint_eq(unknown.body_len, known.body_len);
	char *at = strstr(unknown.body, "other@example.org");
	ck_assert_ptr_nonnull(at);
	memcpy(at, "known", 5);
	ck_assert_ptr_null(strstr(unknown.body, "other@example.org"));
	ck_assert_msg(memcmp(unknown.body, known.body, known.body_len) == 0, "bodies differ");
	ck_assert_msg((t2 - t1) * 3 >= (t1 - t0), "unknown address answered in %lld us, wrong password in %lld us",
		      (long long)(t2 - t1), (long long)(t1 - t0));
	testresp_free(&known);
	testresp_free(&unknown);
	free(f_known);
	free(f_unknown);
	free(csrf);
	testjar_free(&j);
}
END_TEST

/* ---- throttling ---- */

/* After 5 failed logins for one account from one address, the 6th attempt — even with the
 * right password — answers 429 with Retry-After and the form, and logs nobody in. */
START_TEST(throttle_sixth_attempt_refused)
{
	testapp_user(&t, "ann@example.org", "Ann", PW, false);
	struct testjar j;
	testjar_init(&j);
	struct testresp r;
	for (int i = 0; i < 5; i++) {
		login_form(&j, "ann@example.org", "wrong password", NULL, NULL, &r);
		assert_status(&r, 422);
		testresp_free(&r);
	}
	login_form(&j, "ann@example.org", PW, NULL, NULL, &r);
	assert_status(&r, 429);
	char *retry = testresp_header(&r, "Retry-After");
	ck_assert_ptr_nonnull(retry);
	ck_assert_int_ge(strtol(retry, NULL, 10), 1);
	free(retry);
	ck_assert_ptr_nonnull(strstr(r.body, "Too many failed attempts"));
	ck_assert_ptr_null(testresp_set_cookie(&r, "trackpro_session"));
	testresp_free(&r);
	testjar_free(&j);
}
END_TEST

/* Once an account is throttled for one address (429 with Retry-After), the owner still logs
 * in from another REMOTE_ADDR, the throttled address stays throttled, and after the wait
 * has passed the right password works there again. */
START_TEST(throttle_other_address_and_wait)
{
	testapp_user(&t, "ann@example.org", "Ann", PW, false);
	struct testjar j;
	testjar_init(&j);
	struct testresp r;
	int failures = 0;
	for (;;) {
		login_form(&j, "ann@example.org", "wrong password", NULL, NULL, &r);
		if (r.status == 429)
			break;
		assert_status(&r, 422);
		testresp_free(&r);
		ck_assert_int_lt(++failures, 10);
	}
	ck_assert_int_ge(failures, 5); /* 5 failures are free */
	char *retry = testresp_header(&r, "Retry-After");
	ck_assert_ptr_nonnull(retry);
	long wait = strtol(retry, NULL, 10);
	ck_assert_int_ge(wait, 1);
	free(retry);
	testresp_free(&r);

	struct testjar elsewhere;
	testjar_init(&elsewhere);
	const char *addr[] = { "REMOTE_ADDR", "10.0.0.2", NULL };
	login_form(&elsewhere, "ann@example.org", PW, NULL, addr, &r);
	assert_redirect(&r, "/");
	testresp_free(&r);
	testjar_free(&elsewhere);

	login_form(&j, "ann@example.org", PW, NULL, NULL, &r);
	assert_status(&r, 429);
	testresp_free(&r);
	testapp_advance(&t, wait);
	login_form(&j, "ann@example.org", PW, NULL, NULL, &r);
	assert_redirect(&r, "/");
	testresp_free(&r);
	testjar_free(&j);
}
END_TEST

/* ---- login required ---- */

/* Every route flagged ROUTE_NEEDS_LOGIN sends a visitor without a session to
 * /login?next=<its path> (GET routes directly; POST routes after a valid pre-session CSRF
 * token), and that next= survives into the login form. */
START_TEST(needs_login_redirects)
{
	struct testjar j;
	testjar_init(&j);
	char *csrf = form_csrf(&j, "/login");
	char *form = testform("csrf", csrf, NULL);
	size_t count, found = 0;
	const struct route *table = routes_table(&count);
	for (size_t i = 0; i < count; i++) {
		if (!(table[i].flags & ROUTE_NEEDS_LOGIN))
			continue;
		found++;
		char path[256], location[300];
		fill_pattern(table[i].pattern, path, sizeof path);
		snprintf(location, sizeof location, "/login?next=%s", path);
		struct testresp r;
		if (table[i].method == HTTP_POST)
			testapp_browse(&t, &j, "POST", path, form, NULL, &r);
		else
			testapp_browse(&t, &j, http_method_name(table[i].method), path, NULL, NULL, &r);
		ck_assert_msg(r.status == 303, "%s %s without login: %d", http_method_name(table[i].method), path,
			      r.status);
		assert_redirect(&r, location);
		testresp_free(&r);
		testapp_browse(&t, &j, "GET", location, NULL, NULL, &r);
		char *next = testhtml_input(r.body, "next");
		ck_assert_msg(next && strcmp(next, path) == 0, "next field %s instead of %s", next ? next : "(none)", path);
		free(next);
		testresp_free(&r);
	}
	if (found == 0)
		fprintf(stderr, "check_auth: no ROUTE_NEEDS_LOGIN route in the table yet\n");
	free(form);
	free(csrf);
	testjar_free(&j);
}
END_TEST

/* ---- password change (once /settings/password exists) ---- */

/* Returns true when the route table has a route for method and pattern. */
static bool has_route(enum http_method method, const char *pattern)
{
	size_t count;
	const struct route *table = routes_table(&count);
	for (size_t i = 0; i < count; i++)
		if (table[i].method == method && strcmp(table[i].pattern, pattern) == 0)
			return true;
	return false;
}

/* Changing the password (POST /settings/password) ends every other session of the user
 * but keeps the current one; a wrong current password changes nothing; afterwards only the
 * new password logs in. */
START_TEST(password_change_ends_other_sessions)
{
	if (!has_route(HTTP_POST, "/settings/password")) {
		fprintf(stderr, "check_auth: SKIP password change (no POST /settings/password yet)\n");
		return;
	}
	const char *new_pw = "a brand new passphrase";
	int64_t uid = testapp_user(&t, "ann@example.org", "Ann", PW, false);
	struct testjar here;
	testjar_init(&here);
	testapp_login(&t, &here, "ann@example.org", PW);
	char other[TOKEN_TEXT_LEN + 1];
	testapp_session(&t, uid, other, NULL);
	char *other_cookie = session_cookie(other);
	char *here_cookie = session_cookie(testjar_get(&here, "trackpro_session"));
	char *csrf = form_csrf(&here, "/");
	struct testresp r;

	char *form = testform("csrf", csrf, "current_password", "not it at all", "new_password", new_pw,
			      "new_password_confirm", new_pw, NULL);
	testapp_browse(&t, &here, "POST", "/settings/password", form, NULL, &r);
	assert_status(&r, 422);
	testresp_free(&r);
	free(form);
	ck_assert(home_logged_in(other_cookie, "Ann"));

	form = testform("csrf", csrf, "current_password", PW, "new_password", new_pw, "new_password_confirm", new_pw,
			NULL);
	testapp_browse(&t, &here, "POST", "/settings/password", form, NULL, &r);
	assert_status(&r, 303);
	testresp_free(&r);
	ck_assert_msg(!home_logged_in(other_cookie, "Ann"), "another session survived the password change");
	ck_assert(home_logged_in(here_cookie, "Ann"));

	struct testjar fresh;
	testjar_init(&fresh);
	login_form(&fresh, "ann@example.org", PW, NULL, NULL, &r);
	assert_status(&r, 422);
	testresp_free(&r);
	login_form(&fresh, "ann@example.org", new_pw, NULL, NULL, &r);
	assert_redirect(&r, "/");
	testresp_free(&r);
	testjar_free(&fresh);
	free(form);
	free(csrf);
	free(here_cookie);
	free(other_cookie);
	testjar_free(&here);
}
END_TEST

static Suite *auth_suite(void)
{
	Suite *s = suite_create("auth");
	TCase *tc = tcase_create("cookies");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, session_cookie_attributes_http);
	tcase_add_test(tc, session_cookie_attributes_https);
	tcase_add_test(tc, form_token_cookie);
	suite_add_tcase(s, tc);

	tc = tcase_create("accounts");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, register_round_trip);
	tcase_add_test(tc, register_errors_rerender_422);
	tcase_add_test(tc, first_account_is_admin);
	tcase_add_test(tc, registration_closed);
	tcase_add_test(tc, login_logout_round_trip);
	tcase_add_test(tc, login_wrong_password_and_email_case);
	tcase_add_test(tc, session_id_changes_at_login);
	tcase_add_test(tc, https_cookies);
	tcase_add_test(tc, login_next_only_local);
	tcase_add_test(tc, no_user_enumeration);
	tcase_add_test(tc, password_change_ends_other_sessions);
	suite_add_tcase(s, tc);

	tc = tcase_create("expiry");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, session_idle_expiry);
	tcase_add_test(tc, session_absolute_expiry);
	tcase_add_test(tc, session_lifetimes_configurable);
	suite_add_tcase(s, tc);

	tc = tcase_create("csrf");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, csrf_every_post_route);
	tcase_add_test(tc, csrf_pre_session);
	tcase_add_test(tc, needs_login_redirects);
	suite_add_tcase(s, tc);

	tc = tcase_create("throttle");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, throttle_sixth_attempt_refused);
	tcase_add_test(tc, throttle_other_address_and_wait);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(auth_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
