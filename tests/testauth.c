/* testauth: the fixture and helpers the auth suites share. */
#include "testauth.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct testapp t;

void testauth_setup(void)
{
	testapp_open(&t);
}

void testauth_teardown(void)
{
	testapp_close(&t);
}

void assert_status(const struct testresp *r, int status)
{
	ck_assert_msg(r->status == status, "status %d, expected %d\n%s\n%.600s", r->status, status, r->head, r->body);
}

void assert_redirect(const struct testresp *r, const char *location)
{
	assert_status(r, 303);
	char *v = testresp_header(r, "Location");
	ck_assert_msg(v != NULL, "303 without Location:\n%s", r->head);
	ck_assert_str_eq(v, location);
	free(v);
}

char *assert_cookie(const char *set_cookie, const char *name, const char *const *attrs)
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

bool home_logged_in(const char *cookie, const char *display_name)
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

char *session_cookie(const char *token)
{
	char *s = NULL;
	ck_assert_int_ge(asprintf(&s, "trackpro_session=%s", token), 0);
	return s;
}

char *form_csrf(struct testjar *j, const char *path)
{
	struct testresp r;
	testapp_browse(&t, j, "GET", path, NULL, NULL, &r);
	ck_assert_msg(r.status == 200 || r.status == 403, "GET %s: %d", path, r.status);
	char *csrf = testhtml_input(r.body, "csrf");
	ck_assert_msg(csrf != NULL, "no csrf field on %s", path);
	testresp_free(&r);
	return csrf;
}
