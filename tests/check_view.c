/* check_view: tests of the view model — constructors, maps, lists, truthiness, growth. */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "view.h"

static struct arena a;

static void setup(void)
{
	arena_init(&a);
}

static void teardown(void)
{
	arena_free(&a);
}

START_TEST(test_constructors)
{
	ck_assert_int_eq(view_type(view_null(&a)), VIEW_NULL);
	struct view *b = view_bool(&a, true);
	ck_assert_int_eq(view_type(b), VIEW_BOOL);
	ck_assert(view_boolean(b));
	ck_assert(!view_boolean(view_bool(&a, false)));
	struct view *i = view_int(&a, -9000000000LL);
	ck_assert_int_eq(view_type(i), VIEW_INT);
	ck_assert(view_integer(i) == -9000000000LL);
	struct view *d = view_double(&a, 1.21);
	ck_assert_int_eq(view_type(d), VIEW_DOUBLE);
	ck_assert(view_real(d) == 1.21);

	char src[] = "hello";
	struct view *s = view_str(&a, src);
	src[0] = 'j'; /* the view keeps its own copy */
	size_t len = 99;
	ck_assert_int_eq(view_type(s), VIEW_STRING);
	ck_assert_str_eq(view_string(s, &len), "hello");
	ck_assert_uint_eq(len, 5);
	struct view *sn = view_strn(&a, "a\0bc", 4);
	ck_assert(memcmp(view_string(sn, &len), "a\0bc", 5) == 0);
	ck_assert_uint_eq(len, 4);
	ck_assert_str_eq(view_string(view_str(&a, ""), NULL), "");

	/* accessors on the wrong type */
	ck_assert_ptr_null(view_string(i, &len));
	ck_assert_uint_eq(len, 0);
	ck_assert(view_integer(d) == 0);
	ck_assert(view_real(i) == 0.0);
	ck_assert(!view_boolean(i));
	ck_assert_uint_eq(view_len(i), 0);
	ck_assert_ptr_null(view_get(i, "x"));
	ck_assert_ptr_null(view_at(i, 0));
	ck_assert_ptr_null(view_get(NULL, "x"));
	ck_assert_int_eq(view_type(NULL), VIEW_NULL);

	ck_assert_int_eq(view_type(view_list(&a)), VIEW_LIST);
	ck_assert_int_eq(view_type(view_map(&a)), VIEW_MAP);
	ck_assert_uint_eq(view_len(view_list(&a)), 0);
	ck_assert_uint_eq(view_len(view_map(&a)), 0);
}
END_TEST

START_TEST(test_map)
{
	struct view *m = view_map(&a);
	char key[] = "name";
	view_set_str(m, key, "Ann");
	key[0] = 'g'; /* keys are copied */
	view_set_int(m, "age", 41);
	view_set_bool(m, "admin", false);
	ck_assert_uint_eq(view_len(m), 3);
	ck_assert_str_eq(view_string(view_get(m, "name"), NULL), "Ann");
	ck_assert_ptr_null(view_get(m, "game"));
	ck_assert(view_integer(view_get(m, "age")) == 41);
	ck_assert_int_eq(view_type(view_get(m, "admin")), VIEW_BOOL);
	ck_assert_ptr_null(view_get(m, "missing"));
	ck_assert_ptr_null(view_get(m, "nam"));
	ck_assert_ptr_null(view_get(m, "names"));

	/* replacing keeps one entry per key */
	view_set_str(m, "name", "Bob");
	view_set(m, "age", view_double(&a, 41.5));
	ck_assert_uint_eq(view_len(m), 3);
	ck_assert_str_eq(view_string(view_get(m, "name"), NULL), "Bob");
	ck_assert(view_real(view_get(m, "age")) == 41.5);

	/* a NULL value is stored as null, so the key is present */
	view_set(m, "nothing", NULL);
	ck_assert_int_eq(view_type(view_get(m, "nothing")), VIEW_NULL);
	ck_assert_ptr_nonnull(view_get(m, "nothing"));

	/* nested */
	struct view *inner = view_map(&a);
	view_set_str(inner, "x", "y");
	view_set(m, "inner", inner);
	ck_assert_ptr_eq(view_get(m, "inner"), inner);
	ck_assert_str_eq(view_string(view_get(view_get(m, "inner"), "x"), NULL), "y");
	ck_assert_str_eq(view_string(view_get(m, ""), NULL) ? "?" : "absent", "absent");
	view_set_str(m, "", "empty key");
	ck_assert_str_eq(view_string(view_get(m, ""), NULL), "empty key");
}
END_TEST

START_TEST(test_list)
{
	struct view *l = view_list(&a);
	ck_assert_ptr_null(view_at(l, 0));
	view_push(l, view_int(&a, 1));
	view_push(l, view_str(&a, "two"));
	view_push(l, NULL);
	ck_assert_uint_eq(view_len(l), 3);
	ck_assert(view_integer(view_at(l, 0)) == 1);
	ck_assert_str_eq(view_string(view_at(l, 1), NULL), "two");
	ck_assert_int_eq(view_type(view_at(l, 2)), VIEW_NULL);
	ck_assert_ptr_null(view_at(l, 3));
	ck_assert_ptr_null(view_at(l, (size_t)-1));
	ck_assert_ptr_null(view_get(l, "x"));
}
END_TEST

START_TEST(test_truthy)
{
	ck_assert(!view_truthy(NULL));
	ck_assert(!view_truthy(view_null(&a)));
	ck_assert(!view_truthy(view_bool(&a, false)));
	ck_assert(view_truthy(view_bool(&a, true)));
	struct view *l = view_list(&a);
	ck_assert(!view_truthy(l));
	view_push(l, view_bool(&a, false));
	ck_assert(view_truthy(l));
	ck_assert(view_truthy(view_str(&a, "")));
	ck_assert(view_truthy(view_int(&a, 0)));
	ck_assert(view_truthy(view_double(&a, 0.0)));
	ck_assert(view_truthy(view_map(&a)));
}
END_TEST

START_TEST(test_growth)
{
	struct view *m = view_map(&a);
	char key[32];
	for (int i = 0; i < 2000; i++) {
		snprintf(key, sizeof key, "key%d", i);
		view_set_int(m, key, i);
	}
	ck_assert_uint_eq(view_len(m), 2000);
	for (int i = 0; i < 2000; i += 7) {
		snprintf(key, sizeof key, "key%d", i);
		ck_assert(view_integer(view_get(m, key)) == i);
	}
	for (int i = 0; i < 2000; i += 2) {
		snprintf(key, sizeof key, "key%d", i);
		view_set_int(m, key, -i);
	}
	ck_assert_uint_eq(view_len(m), 2000);
	ck_assert(view_integer(view_get(m, "key1998")) == -1998);
	ck_assert(view_integer(view_get(m, "key1999")) == 1999);

	struct view *l = view_list(&a);
	for (int i = 0; i < 100000; i++)
		view_push(l, view_int(&a, i));
	ck_assert_uint_eq(view_len(l), 100000);
	for (int i = 0; i < 100000; i += 999)
		ck_assert(view_integer(view_at(l, (size_t)i)) == i);
	ck_assert(view_integer(view_at(l, 99999)) == 99999);
}
END_TEST

START_TEST(test_set_on_non_map_aborts)
{
	view_set(view_list(&a), "x", view_null(&a));
}
END_TEST

START_TEST(test_push_on_non_list_aborts)
{
	view_push(view_map(&a), view_null(&a));
}
END_TEST

static Suite *view_suite(void)
{
	Suite *s = suite_create("view");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_constructors);
	tcase_add_test(tc, test_map);
	tcase_add_test(tc, test_list);
	tcase_add_test(tc, test_truthy);
	tcase_add_test(tc, test_growth);
	suite_add_tcase(s, tc);
	return s;
}

/* Misuse aborts; testable only when each test runs in its own process. */
static void add_misuse_tests(Suite *s)
{
	TCase *tc = tcase_create("misuse");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test_raise_signal(tc, test_set_on_non_map_aborts, SIGABRT);
	tcase_add_test_raise_signal(tc, test_push_on_non_list_aborts, SIGABRT);
	suite_add_tcase(s, tc);
}

int main(void)
{
	Suite *s = view_suite();
	SRunner *sr = srunner_create(s);
	if (srunner_fork_status(sr) != CK_NOFORK)
		add_misuse_tests(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
