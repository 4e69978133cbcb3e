/* check_auth_csrf: request tests of the checks every route gets (issue 3) — the CSRF check of
 * every POST route in the table, before and after login, and the redirect to /login of every
 * route that needs a login. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "clock.h"
#include "pages.h"
#include "session.h"
#include "testapp.h"
#include "testauth.h"
#include "user.h"

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

static Suite *auth_csrf_suite(void)
{
	Suite *s = suite_create("auth_csrf");
	TCase *tc;

	tc = tcase_create("csrf");
	tcase_add_checked_fixture(tc, testauth_setup, testauth_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, csrf_every_post_route);
	tcase_add_test(tc, csrf_pre_session);
	tcase_add_test(tc, needs_login_redirects);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(auth_csrf_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
