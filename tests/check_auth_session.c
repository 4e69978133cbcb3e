/* check_auth_session: tests of sessions (issue 3) — unit tests of the cookie attributes, a
 * new session id at login, idle and absolute expiry on a moved clock, and the cookies over
 * https. Users that never log in through the form are made without a password (testapp_user
 * with NULL): Argon2id costs ~0.1 s per hash. */
#include <check.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "clock.h"
#include "session.h"
#include "testapp.h"
#include "testauth.h"

#define DAY 86400

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

/* ---- a new session at login ---- */

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

static Suite *auth_session_suite(void)
{
	Suite *s = suite_create("auth_session");
	TCase *tc;

	tc = tcase_create("cookies");
	tcase_add_checked_fixture(tc, testauth_setup, testauth_teardown);
	tcase_add_test(tc, session_cookie_attributes_http);
	tcase_add_test(tc, session_cookie_attributes_https);
	tcase_add_test(tc, form_token_cookie);
	suite_add_tcase(s, tc);

	tc = tcase_create("sessions");
	tcase_add_checked_fixture(tc, testauth_setup, testauth_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, session_id_changes_at_login);
	tcase_add_test(tc, https_cookies);
	suite_add_tcase(s, tc);

	tc = tcase_create("expiry");
	tcase_add_checked_fixture(tc, testauth_setup, testauth_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, session_idle_expiry);
	tcase_add_test(tc, session_absolute_expiry);
	tcase_add_test(tc, session_lifetimes_configurable);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(auth_session_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
