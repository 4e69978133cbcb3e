/* check_route: unit tests of route pattern matching and method dispatch. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "pages.h"
#include "route.h"

static int dummy(struct app *app, struct req *r, struct resp *w)
{
	(void)app;
	(void)r;
	(void)w;
	return 0;
}

static const struct route table[] = {
	{ HTTP_GET, "/", 0, dummy, "home" },
	{ HTTP_GET, "/trackers", ROUTE_NEEDS_LOGIN, dummy, "trackers" },
	{ HTTP_POST, "/trackers", ROUTE_NEEDS_LOGIN | ROUTE_CSRF, dummy, "trackers_create" },
	{ HTTP_GET, "/trackers/{id}", ROUTE_NEEDS_LOGIN, dummy, "tracker" },
	{ HTTP_GET, "/trackers/{id}/tasks/{task_id}", ROUTE_NEEDS_LOGIN, dummy, "task" },
	{ HTTP_POST, "/trackers/{id}/delete", ROUTE_CSRF, dummy, "tracker_delete" },
	{ HTTP_GET, "/s/{token}", 0, dummy, "share" },
};
#define TABLE_COUNT (sizeof table / sizeof table[0])

/* Matches method+path against the test table; returns the result and fills *index. */
static enum route_match_result match(struct arena *a, struct req *r, enum http_method m, const char *path,
				     size_t *index, struct buf *allow)
{
	memset(r, 0, sizeof *r);
	r->arena = a;
	r->method = m;
	r->path = path;
	return route_match(table, TABLE_COUNT, r, index, allow);
}

START_TEST(static_and_typed_paths)
{
	struct arena a;
	arena_init(&a);
	struct req r;
	size_t i = 99;
	ck_assert_int_eq(match(&a, &r, HTTP_GET, "/", &i, NULL), ROUTE_FOUND);
	ck_assert_str_eq(table[i].name, "home");
	ck_assert_int_eq(match(&a, &r, HTTP_GET, "/trackers/42", &i, NULL), ROUTE_FOUND);
	ck_assert_str_eq(table[i].name, "tracker");
	ck_assert_int_eq(r.route_ints[0], 42);
	ck_assert_int_eq(match(&a, &r, HTTP_GET, "/trackers/7/tasks/9001", &i, NULL), ROUTE_FOUND);
	ck_assert_str_eq(table[i].name, "task");
	ck_assert_int_eq(r.route_ints[0], 7);
	ck_assert_int_eq(r.route_ints[1], 9001);
	ck_assert_int_eq(match(&a, &r, HTTP_GET, "/s/AbC-_09", &i, NULL), ROUTE_FOUND);
	ck_assert_str_eq(r.route_strs[0], "AbC-_09");
	arena_free(&a);
}
END_TEST

START_TEST(integer_parameters_are_canonical)
{
	struct arena a;
	arena_init(&a);
	struct req r;
	size_t i;
	const char *bad[] = { "/trackers/0", "/trackers/007", "/trackers/-1", "/trackers/+1", "/trackers/1x",
			      "/trackers/", "/trackers/9007199254740992", "/trackers/99999999999999999999",
			      "/trackers/1/", "/trackers//1" };
	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++)
		ck_assert_msg(match(&a, &r, HTTP_GET, bad[k], &i, NULL) == ROUTE_NOT_FOUND, "%s matched", bad[k]);
	ck_assert_int_eq(match(&a, &r, HTTP_GET, "/trackers/9007199254740991", &i, NULL), ROUTE_FOUND);
	ck_assert_int_eq(r.route_ints[0], 9007199254740991LL);
	arena_free(&a);
}
END_TEST

START_TEST(token_parameters_are_url_safe)
{
	struct arena a;
	arena_init(&a);
	struct req r;
	size_t i;
	char longtok[200];
	memcpy(longtok, "/s/", 3);
	memset(longtok + 3, 'a', 129);
	longtok[132] = '\0';
	ck_assert_int_eq(match(&a, &r, HTTP_GET, longtok, &i, NULL), ROUTE_NOT_FOUND);
	longtok[131] = '\0'; /* 128 characters: allowed */
	ck_assert_int_eq(match(&a, &r, HTTP_GET, longtok, &i, NULL), ROUTE_FOUND);
	ck_assert_int_eq(match(&a, &r, HTTP_GET, "/s/a.b", &i, NULL), ROUTE_NOT_FOUND);
	ck_assert_int_eq(match(&a, &r, HTTP_GET, "/s/a%20b", &i, NULL), ROUTE_NOT_FOUND);
	ck_assert_int_eq(match(&a, &r, HTTP_GET, "/s/", &i, NULL), ROUTE_NOT_FOUND);
	arena_free(&a);
}
END_TEST

START_TEST(methods_allow_and_head)
{
	struct arena a;
	arena_init(&a);
	struct req r;
	size_t i;
	struct buf allow;
	buf_init(&allow);
	ck_assert_int_eq(match(&a, &r, HTTP_HEAD, "/trackers", &i, &allow), ROUTE_FOUND);
	ck_assert_str_eq(table[i].name, "trackers");
	ck_assert_int_eq(match(&a, &r, HTTP_POST, "/trackers", &i, &allow), ROUTE_FOUND);
	ck_assert_str_eq(table[i].name, "trackers_create");
	ck_assert_int_eq(match(&a, &r, HTTP_DELETE, "/trackers", &i, &allow), ROUTE_METHOD_NOT_ALLOWED);
	ck_assert_str_eq(buf_cstr(&allow), "GET, HEAD, POST");
	ck_assert_int_eq(match(&a, &r, HTTP_GET, "/trackers/3/delete", &i, &allow), ROUTE_METHOD_NOT_ALLOWED);
	ck_assert_str_eq(buf_cstr(&allow), "POST");
	ck_assert_int_eq(match(&a, &r, HTTP_PUT, "/nowhere", &i, &allow), ROUTE_NOT_FOUND);
	buf_free(&allow);
	arena_free(&a);
}
END_TEST

START_TEST(site_table_is_complete)
{
	size_t count;
	const struct route *t = routes_table(&count);
	ck_assert_uint_eq(count, ROUTE__MAX);
	for (size_t k = 0; k < count; k++) {
		ck_assert_msg(t[k].pattern && t[k].pattern[0] == '/', "route %zu has no pattern", k);
		ck_assert_msg(t[k].handler != NULL, "route %s has no handler", t[k].name);
		ck_assert_msg(t[k].name != NULL, "route %zu has no name", k);
		/* every POST route is CSRF-checked */
		if (t[k].method == HTTP_POST)
			ck_assert_msg(t[k].flags & ROUTE_CSRF, "POST %s is not CSRF-checked", t[k].pattern);
	}
}
END_TEST

static Suite *route_suite(void)
{
	Suite *s = suite_create("route");
	TCase *tc = tcase_create("match");
	tcase_add_test(tc, static_and_typed_paths);
	tcase_add_test(tc, integer_parameters_are_canonical);
	tcase_add_test(tc, token_parameters_are_url_safe);
	tcase_add_test(tc, methods_allow_and_head);
	tcase_add_test(tc, site_table_is_complete);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(route_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
