/* check_buf: unit tests of the base modules buf, arena, clock and config. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "clock.h"
#include "config.h"

START_TEST(buf_append_and_terminate)
{
	struct buf b;
	buf_init(&b);
	ck_assert_str_eq(buf_cstr(&b), "");
	buf_puts(&b, "hello");
	buf_putc(&b, ' ');
	buf_append(&b, "world!!", 5);
	ck_assert_uint_eq(b.len, 11);
	ck_assert_str_eq(buf_cstr(&b), "hello world");
	ck_assert_int_eq(b.data[b.len], '\0');
	buf_free(&b);
	ck_assert_ptr_null(b.data);
}
END_TEST

START_TEST(buf_grows_past_many_reallocations)
{
	struct buf b;
	buf_init(&b);
	for (int i = 0; i < 100000; i++)
		buf_putc(&b, (char)('a' + i % 26));
	ck_assert_uint_eq(b.len, 100000);
	ck_assert_int_eq(b.data[99999], 'a' + 99999 % 26);
	ck_assert_uint_ge(b.cap, 100001);
	buf_free(&b);
}
END_TEST

START_TEST(buf_printf_long_and_short)
{
	struct buf b;
	buf_init(&b);
	buf_printf(&b, "%d-%s", 42, "x");
	ck_assert_str_eq(buf_cstr(&b), "42-x");
	char big[1000];
	memset(big, 'z', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	buf_printf(&b, "[%s]", big);
	ck_assert_uint_eq(b.len, 4 + 2 + 999);
	ck_assert_int_eq(b.data[5], 'z');
	ck_assert_int_eq(b.data[b.len - 1], ']');
	buf_free(&b);
}
END_TEST

START_TEST(buf_reset_keeps_memory_and_detach_transfers)
{
	struct buf b;
	buf_init(&b);
	buf_puts(&b, "abc");
	char *before = b.data;
	buf_reset(&b);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_str_eq(buf_cstr(&b), "");
	buf_puts(&b, "de");
	ck_assert_ptr_eq(b.data, before);
	char *s = buf_detach(&b);
	ck_assert_str_eq(s, "de");
	ck_assert_ptr_null(b.data);
	ck_assert_uint_eq(b.len, 0);
	free(s);
	s = buf_detach(&b);
	ck_assert_str_eq(s, "");
	free(s);
}
END_TEST

START_TEST(arena_alignment_zeroing_and_strings)
{
	struct arena a;
	arena_init(&a);
	for (size_t n = 1; n < 200; n += 7) {
		unsigned char *p = arena_alloc(&a, n);
		ck_assert_uint_eq((uintptr_t)p % 16, 0);
		for (size_t i = 0; i < n; i++)
			ck_assert_uint_eq(p[i], 0);
		memset(p, 0xff, n);
	}
	ck_assert_str_eq(arena_strdup(&a, "abc"), "abc");
	ck_assert_str_eq(arena_strndup(&a, "abcdef", 2), "ab");
	ck_assert_str_eq(arena_printf(&a, "%s=%d", "n", 7), "n=7");
	arena_free(&a);
}
END_TEST

START_TEST(arena_large_blocks_and_reset)
{
	struct arena a;
	arena_init(&a);
	char *big = arena_alloc(&a, 1 << 20);
	memset(big, 'x', 1 << 20);
	char *small = arena_alloc(&a, 10);
	ck_assert_ptr_nonnull(small);
	ck_assert_uint_ge(a.total, (1 << 20) + 10);
	arena_reset(&a);
	ck_assert_uint_eq(a.total, 0);
	/* after a reset the arena is usable and hands out zeroed memory again */
	for (int i = 0; i < 10000; i++) {
		int *p = arena_alloc(&a, sizeof *p * 8);
		ck_assert_int_eq(p[7], 0);
		p[7] = i;
	}
	arena_free(&a);
	ck_assert_ptr_null(a.head);
}
END_TEST

START_TEST(arena_calloc_counts)
{
	struct arena a;
	arena_init(&a);
	long *v = arena_calloc(&a, 100, sizeof *v);
	for (int i = 0; i < 100; i++)
		ck_assert_int_eq(v[i], 0);
	arena_free(&a);
}
END_TEST

START_TEST(clock_fixed_moves)
{
	struct clock c = clock_fixed(1000);
	ck_assert_int_eq(clock_now(&c), 1000);
	c.fixed += 86400;
	ck_assert_int_eq(clock_now(&c), 87400);
	struct clock s = clock_system();
	ck_assert_int_gt(clock_now(&s), 1700000000);
	ck_assert_int_gt(clock_now(NULL), 1700000000);
}
END_TEST

START_TEST(config_env_and_flags)
{
	struct config c;
	struct buf err;
	buf_init(&err);
	setenv("TRACKPRO_WORKERS", "3", 1);
	setenv("TRACKPRO_DB", "/tmp/x.db", 1);
	unsetenv("TRACKPRO_SOCKET");
	unsetenv("TRACKPRO_BASE_URL");
	ck_assert_int_eq(config_from_env(&c, &err), 0);
	ck_assert_int_eq(c.workers, 3);
	ck_assert_str_eq(c.db_path, "/tmp/x.db");
	ck_assert(!c.socket_from_flag);
	ck_assert(!config_is_https(&c));
	ck_assert_int_eq(config_set(&c, "workers", "0", &err), -1);
	ck_assert_int_eq(config_set(&c, "workers", "257", &err), -1);
	ck_assert_int_eq(config_set(&c, "workers", "4x", &err), -1);
	ck_assert_int_eq(config_set(&c, "base-url", "ftp://x", &err), -1);
	ck_assert_int_eq(config_set(&c, "base-url", "https://t.example.org", &err), 0);
	ck_assert(config_is_https(&c));
	ck_assert_int_eq(config_set(&c, "socket", "/tmp/s", &err), 0);
	ck_assert(c.socket_from_flag);
	setenv("TRACKPRO_WORKERS", "lots", 1);
	buf_reset(&err);
	ck_assert_int_eq(config_from_env(&c, &err), -1);
	ck_assert_ptr_nonnull(strstr(buf_cstr(&err), "TRACKPRO_WORKERS"));
	unsetenv("TRACKPRO_WORKERS");
	unsetenv("TRACKPRO_DB");
	buf_free(&err);
}
END_TEST

static Suite *base_suite(void)
{
	Suite *s = suite_create("base");
	TCase *tc = tcase_create("buf");
	tcase_add_test(tc, buf_append_and_terminate);
	tcase_add_test(tc, buf_grows_past_many_reallocations);
	tcase_add_test(tc, buf_printf_long_and_short);
	tcase_add_test(tc, buf_reset_keeps_memory_and_detach_transfers);
	suite_add_tcase(s, tc);
	tc = tcase_create("arena");
	tcase_add_test(tc, arena_alignment_zeroing_and_strings);
	tcase_add_test(tc, arena_large_blocks_and_reset);
	tcase_add_test(tc, arena_calloc_counts);
	suite_add_tcase(s, tc);
	tc = tcase_create("clock_config");
	tcase_add_test(tc, clock_fixed_moves);
	tcase_add_test(tc, config_env_and_flags);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(base_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
