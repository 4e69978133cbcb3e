/* check_auth_account: request tests of accounts (issue 3) — registration, login and logout,
 * `next=` redirects, user enumeration, login throttling and the password change. Argon2id
 * costs ~0.1 s per hash, so users that never log in through the form are made without a
 * password (testapp_user with NULL). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "clock.h"
#include "pages.h"
#include "password.h"
#include "session.h"
#include "testapp.h"
#include "testauth.h"
#include "user.h"

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

static Suite *auth_account_suite(void)
{
	Suite *s = suite_create("auth_account");
	TCase *tc;

	tc = tcase_create("accounts");
	tcase_add_checked_fixture(tc, testauth_setup, testauth_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, register_round_trip);
	tcase_add_test(tc, register_errors_rerender_422);
	tcase_add_test(tc, first_account_is_admin);
	tcase_add_test(tc, registration_closed);
	tcase_add_test(tc, login_logout_round_trip);
	tcase_add_test(tc, login_wrong_password_and_email_case);
	tcase_add_test(tc, login_next_only_local);
	tcase_add_test(tc, no_user_enumeration);
	tcase_add_test(tc, password_change_ends_other_sessions);
	suite_add_tcase(s, tc);

	tc = tcase_create("throttle");
	tcase_add_checked_fixture(tc, testauth_setup, testauth_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, throttle_sixth_attempt_refused);
	tcase_add_test(tc, throttle_other_address_and_wait);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(auth_account_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
