/* check_timezone: unit tests of the time-zone list and of offsets and local days in a zone. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "timezone.h"

/* Instants used below, in seconds since the epoch (UTC). */
#define PARIS_BEFORE_DST 1774745999 /* 2026-03-29 00:59:59 UTC, last second of CET */
#define PARIS_AFTER_DST 1774746000  /* 2026-03-29 01:00:00 UTC, first second of CEST */
#define NY_BEFORE_END 1793512799    /* 2026-11-01 05:59:59 UTC, last second of EDT */
#define NY_AFTER_END 1793512800     /* 2026-11-01 06:00:00 UTC, first second of EST */
#define JAN15_1059 1768474799       /* 2026-01-15 10:59:59 UTC */
#define JAN15_1100 1768474800       /* 2026-01-15 11:00:00 UTC = 2026-01-16 00:00 NZDT */
#define JAN16_0500 1768539600       /* 2026-01-16 05:00:00 UTC = 2026-01-15 21:00 PST */
#define JUL1_0000 1782864000        /* 2026-07-01 00:00:00 UTC */

/* Writes text to a new temporary file and returns its malloc'd path. */
static char *write_temp(const char *text)
{
	char *path = strdup("/tmp/check_timezone_XXXXXX");
	ck_assert_ptr_nonnull(path);
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	size_t n = strlen(text);
	ck_assert_int_eq(write(fd, text, n), (ssize_t)n);
	close(fd);
	return path;
}

static bool list_has(const struct timezone_list *l, const char *name)
{
	for (size_t i = 0; i < l->count; i++)
		if (strcmp(l->names[i], name) == 0)
			return true;
	return false;
}

START_TEST(default_list_loads_sorted)
{
	struct timezone_list l;
	struct buf err;
	buf_init(&err);
	ck_assert_int_eq(timezone_list_load_default(&l, &err), 0);
	ck_assert_str_eq(buf_cstr(&err), "");
	ck_assert_uint_gt(l.count, 300);
	for (size_t i = 1; i < l.count; i++)
		ck_assert_msg(strcmp(l.names[i - 1], l.names[i]) < 0, "not sorted at %s", l.names[i]);
	const char *present[] = { "Europe/Paris", "America/New_York", "UTC", "Asia/Kolkata",
				  "America/Argentina/Buenos_Aires", "Pacific/Auckland" };
	for (size_t i = 0; i < sizeof present / sizeof present[0]; i++)
		ck_assert_msg(list_has(&l, present[i]), "%s missing", present[i]);
	const char *absent[] = { "../etc/passwd", "Etc/GMT+5", "Etc/UTC", "EST5EDT", "CET", "Factory",
				 "Asia/Calcutta", "US/Eastern", "zone.tab" };
	for (size_t i = 0; i < sizeof absent / sizeof absent[0]; i++)
		ck_assert_msg(!list_has(&l, absent[i]), "%s listed", absent[i]);
	/* Every name offered can also be computed with. */
	for (size_t i = 0; i < l.count; i++) {
		int m = 9999;
		ck_assert_msg(timezone_offset_minutes(l.names[i], JUL1_0000, &m) == 0, "%s unusable", l.names[i]);
		ck_assert_int_ge(m, -12 * 60);
		ck_assert_int_le(m, 14 * 60);
	}
	timezone_list_free(&l);
	ck_assert_ptr_null(l.names);
	ck_assert_uint_eq(l.count, 0);
	buf_free(&err);
}
END_TEST

START_TEST(list_rule_on_a_small_file)
{
	char *path = write_temp("# version test\n"
				"R d 1916 o - Jun 14 23s 1 S\n"
				"Z Europe/Paris 0:9:21 - LMT 1891 Mar 16\n"
				"0:9:21 - PMT 1911 Mar 11\n"
				"Z\tAmerica/Argentina/Salta -4:21:40 - LMT 1894 O 31\n"
				"Z Etc/GMT+5 -5 - %z\n"
				"Z Etc/UTC 0 - UTC\n"
				"Z EST5EDT -5 u E%sT\n"
				"Z ../etc/passwd 0 - X\n"
				"Z Europe/../../etc 0 - X\n"
				"Z Europe/Paris 1 - CET\n"
				"Zed Not/AZone 0 - X\n"
				"L Etc/UTC UTC\n"
				"L Asia/Kolkata Asia/Calcutta\n"
				"Z Asia/Kolkata 5:53:28 - LMT 1854 Jun 28");
	struct timezone_list l;
	struct buf err;
	buf_init(&err);
	ck_assert_int_eq(timezone_list_load(&l, path, &err), 0);
	ck_assert_uint_eq(l.count, 4);
	ck_assert_str_eq(l.names[0], "America/Argentina/Salta");
	ck_assert_str_eq(l.names[1], "Asia/Kolkata");
	ck_assert_str_eq(l.names[2], "Europe/Paris");
	ck_assert_str_eq(l.names[3], "UTC");
	timezone_list_free(&l);
	unlink(path);
	free(path);
	buf_free(&err);
}
END_TEST

START_TEST(list_missing_file_falls_back_to_utc)
{
	struct timezone_list l;
	struct buf err;
	buf_init(&err);
	ck_assert_int_eq(timezone_list_load(&l, "/nonexistent/tzdata.zi", &err), 1);
	ck_assert_uint_eq(l.count, 1);
	ck_assert_str_eq(l.names[0], "UTC");
	ck_assert(timezone_is_valid(&l, "UTC"));
	ck_assert(!timezone_is_valid(&l, "Europe/Paris"));
	ck_assert_ptr_nonnull(strstr(buf_cstr(&err), "/nonexistent/tzdata.zi"));
	timezone_list_free(&l);
	buf_free(&err);
}
END_TEST

START_TEST(list_without_zones_is_an_error)
{
	char *path = write_temp("# nothing here\nL Etc/UTC UTC\n");
	struct timezone_list l;
	struct buf err;
	buf_init(&err);
	ck_assert_int_eq(timezone_list_load(&l, path, &err), -1);
	ck_assert_uint_eq(l.count, 0);
	ck_assert_ptr_null(l.names);
	ck_assert_ptr_nonnull(strstr(buf_cstr(&err), path));
	timezone_list_free(&l);
	buf_reset(&err);
	ck_assert_int_eq(timezone_list_load(&l, "/tmp", &err), -1); /* a directory: read error */
	ck_assert_uint_eq(l.count, 0);
	timezone_list_free(&l);
	unlink(path);
	free(path);
	buf_free(&err);
}
END_TEST

START_TEST(is_valid_cases)
{
	struct timezone_list l;
	struct buf err;
	buf_init(&err);
	ck_assert_int_eq(timezone_list_load_default(&l, &err), 0);
	ck_assert(timezone_is_valid(&l, "Europe/Paris"));
	ck_assert(timezone_is_valid(&l, "UTC"));
	ck_assert(timezone_is_valid(&l, "Asia/Kolkata"));
	ck_assert(timezone_is_valid(&l, l.names[0]));
	ck_assert(timezone_is_valid(&l, l.names[l.count - 1]));
	ck_assert(!timezone_is_valid(&l, "europe/paris"));
	ck_assert(!timezone_is_valid(&l, "Europe/Paris "));
	ck_assert(!timezone_is_valid(&l, "Europe/Pari"));
	ck_assert(!timezone_is_valid(&l, "Mars/Olympus_Mons"));
	ck_assert(!timezone_is_valid(&l, "../etc/passwd"));
	ck_assert(!timezone_is_valid(&l, ""));
	ck_assert(!timezone_is_valid(&l, NULL));
	timezone_list_free(&l);
	ck_assert(!timezone_is_valid(&l, "UTC")); /* an empty list */
	buf_free(&err);
}
END_TEST

START_TEST(offsets_across_dst)
{
	int m = 0;
	ck_assert_int_eq(timezone_offset_minutes("Europe/Paris", PARIS_BEFORE_DST, &m), 0);
	ck_assert_int_eq(m, 60);
	ck_assert_int_eq(timezone_offset_minutes("Europe/Paris", PARIS_AFTER_DST, &m), 0);
	ck_assert_int_eq(m, 120);
	ck_assert_int_eq(timezone_offset_minutes("America/New_York", NY_BEFORE_END, &m), 0);
	ck_assert_int_eq(m, -240);
	ck_assert_int_eq(timezone_offset_minutes("America/New_York", NY_AFTER_END, &m), 0);
	ck_assert_int_eq(m, -300);
	ck_assert_int_eq(timezone_offset_minutes("Asia/Kolkata", JUL1_0000, &m), 0);
	ck_assert_int_eq(m, 330);
	ck_assert_int_eq(timezone_offset_minutes("Asia/Kolkata", JAN15_1100, &m), 0);
	ck_assert_int_eq(m, 330);
	ck_assert_int_eq(timezone_offset_minutes("Asia/Kathmandu", JUL1_0000, &m), 0);
	ck_assert_int_eq(m, 345);
	ck_assert_int_eq(timezone_offset_minutes("Pacific/Auckland", JAN15_1100, &m), 0);
	ck_assert_int_eq(m, 780);
	ck_assert_int_eq(timezone_offset_minutes("UTC", JUL1_0000, &m), 0);
	ck_assert_int_eq(m, 0);
	ck_assert_int_eq(timezone_offset_minutes("UTC", 0, &m), 0);
	ck_assert_int_eq(m, 0);
}
END_TEST

START_TEST(local_dates_near_midnight)
{
	char d[11];
	ck_assert_int_eq(timezone_local_date("UTC", JAN15_1059, d), 0);
	ck_assert_str_eq(d, "2026-01-15");
	ck_assert_int_eq(timezone_local_date("Pacific/Auckland", JAN15_1059, d), 0);
	ck_assert_str_eq(d, "2026-01-15"); /* 23:59:59 NZDT */
	ck_assert_int_eq(timezone_local_date("Pacific/Auckland", JAN15_1100, d), 0);
	ck_assert_str_eq(d, "2026-01-16"); /* 00:00 NZDT while UTC is still on the 15th */
	ck_assert_int_eq(timezone_local_date("UTC", JAN16_0500, d), 0);
	ck_assert_str_eq(d, "2026-01-16");
	ck_assert_int_eq(timezone_local_date("America/Los_Angeles", JAN16_0500, d), 0);
	ck_assert_str_eq(d, "2026-01-15"); /* 21:00 PST the day before */
	ck_assert_int_eq(timezone_local_date("Europe/Paris", PARIS_AFTER_DST, d), 0);
	ck_assert_str_eq(d, "2026-03-29");
	ck_assert_int_eq(timezone_local_date("UTC", 0, d), 0);
	ck_assert_str_eq(d, "1970-01-01");
	ck_assert_int_eq(timezone_local_date("America/Los_Angeles", 0, d), 0);
	ck_assert_str_eq(d, "1969-12-31");
}
END_TEST

START_TEST(localtime_fields)
{
	struct tm tm;
	ck_assert_int_eq(timezone_localtime("Europe/Paris", PARIS_AFTER_DST, &tm), 0);
	ck_assert_int_eq(tm.tm_hour, 3);
	ck_assert_int_eq(tm.tm_min, 0);
	ck_assert_int_gt(tm.tm_isdst, 0);
	ck_assert_int_eq(tm.tm_gmtoff, 7200);
	ck_assert_int_eq(timezone_localtime("America/New_York", NY_AFTER_END, &tm), 0);
	ck_assert_int_eq(tm.tm_hour, 1); /* 01:00 EST, the second 01:00 of that night */
	ck_assert_int_eq(tm.tm_isdst, 0);
}
END_TEST

/* Runs every function once in zones other than the process's own. */
static void exercise(void)
{
	int m;
	char d[11];
	struct tm tm;
	ck_assert_int_eq(timezone_offset_minutes("Asia/Kolkata", JUL1_0000, &m), 0);
	ck_assert_int_eq(timezone_local_date("Pacific/Auckland", JAN15_1100, d), 0);
	ck_assert_int_eq(timezone_localtime("America/Los_Angeles", JAN16_0500, &tm), 0);
	ck_assert_int_eq(timezone_offset_minutes("Nowhere/Atall", JUL1_0000, &m), -1);
}

START_TEST(tz_environment_restored)
{
	unsetenv("TZ");
	tzset();
	exercise();
	ck_assert_ptr_null(getenv("TZ"));

	setenv("TZ", "Asia/Tokyo", 1);
	tzset();
	exercise();
	ck_assert_str_eq(getenv("TZ"), "Asia/Tokyo");
	/* The process's own conversions still use its zone, not the last one asked for. */
	time_t t = JUL1_0000;
	struct tm tm;
	ck_assert_ptr_nonnull(localtime_r(&t, &tm));
	ck_assert_int_eq(tm.tm_gmtoff, 9 * 3600);
	ck_assert_int_eq(tm.tm_hour, 9);

	setenv("TZ", "", 1);
	tzset();
	exercise();
	ck_assert_str_eq(getenv("TZ"), "");
	unsetenv("TZ");
	tzset();
}
END_TEST

START_TEST(invalid_names_refused)
{
	char long_name[TIMEZONE_NAME_MAX + 2];
	memset(long_name, 'A', sizeof long_name - 1);
	long_name[sizeof long_name - 1] = '\0';
	const char *bad[] = { "../etc/passwd", "/etc/passwd", "Europe/../../etc/passwd", "Europe/./Paris",
			      "Europe//Paris", "Europe/", "", ":Europe/Paris", "Europe/Paris\n", " UTC",
			      "utc", "Nowhere/City", "zone.tab", "leapseconds", "Europe", "EST5EDT,M3.2.0,M11.1.0",
			      "Europe/Paris;rm", "1Europe/Paris", long_name };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int m = 12345;
		char d[11] = "unchanged";
		struct tm tm = { .tm_year = 42 };
		ck_assert_msg(timezone_offset_minutes(bad[i], JUL1_0000, &m) == -1, "%s accepted", bad[i]);
		ck_assert_int_eq(m, 12345);
		ck_assert_int_eq(timezone_local_date(bad[i], JUL1_0000, d), -1);
		ck_assert_str_eq(d, "");
		ck_assert_int_eq(timezone_localtime(bad[i], JUL1_0000, &tm), -1);
		ck_assert_int_eq(tm.tm_year, 42);
	}
	int m;
	ck_assert_int_eq(timezone_offset_minutes(NULL, JUL1_0000, &m), -1);
	/* Instants far outside any calendar are refused too. */
	char d[11];
	ck_assert_int_eq(timezone_local_date("UTC", INT64_MAX, d), -1);
	ck_assert_int_eq(timezone_local_date("Europe/Paris", INT64_MAX, d), -1);
	ck_assert_int_eq(timezone_local_date("UTC", INT64_C(400000000000), d), -1); /* year 14645 */
}
END_TEST

static Suite *timezone_suite(void)
{
	Suite *s = suite_create("timezone");
	TCase *tc = tcase_create("list");
	tcase_add_test(tc, default_list_loads_sorted);
	tcase_add_test(tc, list_rule_on_a_small_file);
	tcase_add_test(tc, list_missing_file_falls_back_to_utc);
	tcase_add_test(tc, list_without_zones_is_an_error);
	tcase_add_test(tc, is_valid_cases);
	suite_add_tcase(s, tc);
	tc = tcase_create("local_time");
	tcase_add_test(tc, offsets_across_dst);
	tcase_add_test(tc, local_dates_near_midnight);
	tcase_add_test(tc, localtime_fields);
	tcase_add_test(tc, tz_environment_restored);
	tcase_add_test(tc, invalid_names_refused);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(timezone_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
