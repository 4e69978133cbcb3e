/* testpages: shared helpers of the request tests of the logged-in pages. */
#include "testpages.h"

#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

struct testapp testpage_app;

void testpage_setup(void)
{
	testapp_open(&testpage_app);
}

void testpage_teardown(void)
{
	testapp_close(&testpage_app);
}

void testuser_init(struct testuser *w, const char *email)
{
	char token[TOKEN_TEXT_LEN + 1];
	w->id = testapp_user(&testpage_app, email, "Ann", NULL, false);
	testapp_session(&testpage_app, w->id, token, w->csrf);
	testjar_init(&w->jar);
	testjar_set(&w->jar, "trackpro_session", token);
}

void testuser_free(struct testuser *w)
{
	testjar_free(&w->jar);
}

void testpage_get(struct testuser *w, const char *path, struct testresp *r)
{
	testapp_browse(&testpage_app, &w->jar, "GET", path, NULL, NULL, r);
}

void testpage_post_fields(struct testuser *w, const char *path, const char *const *names,
			  const char *const *values, size_t n, struct testresp *r)
{
	struct buf form;
	buf_init(&form);
	testform_add(&form, "csrf", w->csrf);
	for (size_t i = 0; i < n; i++)
		if (values[i])
			testform_add(&form, names[i], values[i]);
	testapp_browse(&testpage_app, &w->jar, "POST", path, buf_cstr(&form), NULL, r);
	buf_free(&form);
}

void testpage_post(struct testuser *w, const char *path, struct testresp *r, ...)
{
	const char *names[63], *values[63];
	size_t n = 0;
	va_list ap;
	va_start(ap, r);
	const char *name;
	while ((name = va_arg(ap, const char *))) {
		ck_assert_uint_lt(n, sizeof names / sizeof names[0]);
		names[n] = name;
		values[n++] = va_arg(ap, const char *);
	}
	va_end(ap);
	testpage_post_fields(w, path, names, values, n, r);
}

void testpage_assert_status(const struct testresp *r, int status, const char *what)
{
	ck_assert_msg(r->status == status, "%s: status %d, expected %d\n%.3000s", what, r->status, status, r->body);
}

/* The part of r's body worth showing when an assertion fails: from <main> when there is one. */
static const char *shown(const struct testresp *r)
{
	const char *from = strstr(r->body, "<main");
	return from ? from : r->body;
}

void testpage_assert_has(const struct testresp *r, const char *needle)
{
	ck_assert_msg(strstr(r->body, needle) != NULL, "'%s' missing from:\n%.3000s", needle, shown(r));
}

void testpage_assert_lacks(const struct testresp *r, const char *needle)
{
	ck_assert_msg(strstr(r->body, needle) == NULL, "'%s' unexpected in:\n%.3000s", needle, shown(r));
}

char *testpage_location(const struct testresp *r)
{
	testpage_assert_status(r, 303, "redirect");
	char *v = testresp_header(r, "Location");
	ck_assert_ptr_nonnull(v);
	return v;
}

void testpage_assert_redirect(const struct testresp *r, const char *expected)
{
	char *v = testpage_location(r);
	ck_assert_str_eq(v, expected);
	free(v);
}

int64_t testpage_redirect_id(const struct testresp *r)
{
	char *v = testpage_location(r);
	long long id = 0;
	ck_assert_msg(sscanf(v, "/trackers/%lld", &id) == 1, "Location %s", v);
	free(v);
	return id;
}

int64_t testpage_int(const char *fmt, ...)
{
	char sql[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	return testapp_query_int(&testpage_app, sql);
}

const char *testpage_repeat(char c, size_t n)
{
	static char s[4096];
	ck_assert_uint_lt(n, sizeof s);
	memset(s, c, n);
	s[n] = '\0';
	return s;
}

int64_t testpage_tracker(struct testuser *w, const char *name, const char *mode)
{
	struct testresp r;
	testpage_post(w, "/trackers", &r, "name", name, "description", "", "time_mode", mode, "start_date", "",
		      "end_date", "", "color", "#2f80ed", "category_id", "", NULL);
	int64_t id = testpage_redirect_id(&r);
	testresp_free(&r);
	return id;
}

int64_t testpage_quick_task(struct testuser *w, int64_t tracker, const char *name)
{
	char path[64];
	snprintf(path, sizeof path, "/trackers/%lld/tasks", (long long)tracker);
	struct testresp r;
	testpage_post(w, path, &r, "quick", "1", "name", name, NULL);
	testpage_assert_status(&r, 303, "quick add");
	testresp_free(&r);
	return testpage_int("SELECT max(id) FROM task_templates");
}
