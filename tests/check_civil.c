/* check_civil: unit tests of day numbers, dates, weeks, months, ISO weeks and today in a zone. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "civil.h"

/* The day number of a date the test knows to be valid. */
static int64_t day_of(const char *s)
{
	int64_t day = INT64_MIN;
	ck_assert_msg(civil_parse(s, &day) == 0, "%s refused", s);
	return day;
}

/* Asserts that day formats as the date text expect. */
static void assert_day(int64_t day, const char *expect)
{
	char out[CIVIL_DATE_SIZE];
	ck_assert_int_eq(civil_format(day, out), 0);
	ck_assert_str_eq(out, expect);
}

START_TEST(known_day_numbers)
{
	ck_assert_int_eq(civil_from_ymd(1970, 1, 1), 0);
	ck_assert_int_eq(civil_from_ymd(1969, 12, 31), -1);
	ck_assert_int_eq(civil_from_ymd(1900, 1, 1), CIVIL_DAY_MIN);
	ck_assert_int_eq(civil_from_ymd(2999, 12, 31), CIVIL_DAY_MAX);
	ck_assert_int_eq(civil_from_ymd(2026, 1, 7), 20460);
	ck_assert_int_eq(civil_from_ymd(2024, 2, 29), 19782);
	ck_assert_int_eq(civil_from_ymd(1, 1, 1), -719162);
	ck_assert_int_eq(civil_from_ymd(0, 3, 1), -719468);
	/* A day past the month's end counts on (documented). */
	ck_assert_int_eq(civil_from_ymd(2026, 1, 32), civil_from_ymd(2026, 2, 1));
	int y, m, d;
	civil_to_ymd(-719162, &y, &m, &d);
	ck_assert_int_eq(y, 1);
	ck_assert_int_eq(m, 1);
	ck_assert_int_eq(d, 1);
	civil_to_ymd(civil_from_ymd(-400, 2, 29), &y, &m, &d);
	ck_assert_int_eq(y, -400);
	ck_assert_int_eq(m, 2);
	ck_assert_int_eq(d, 29);
	assert_day(0, "1970-01-01");
	assert_day(-1, "1969-12-31");
	assert_day(civil_from_ymd(0, 1, 1), "0000-01-01");
}
END_TEST

/* Every day of 1900-2999: an independent day-by-day count agrees with civil_from_ymd, and
 * civil_to_ymd, civil_format, civil_parse and civil_weekday agree with each other. */
START_TEST(round_trip_every_day)
{
	int64_t day = CIVIL_DAY_MIN;
	int weekday = 0; /* 1900-01-01 was a Monday */
	for (int y = CIVIL_YEAR_MIN; y <= CIVIL_YEAR_MAX; y++) {
		for (int m = 1; m <= 12; m++) {
			for (int d = 1; d <= civil_days_in_month(y, m); d++, day++) {
				if (civil_from_ymd(y, m, d) != day)
					ck_abort_msg("from_ymd %d-%d-%d", y, m, d);
				int yy, mm, dd;
				civil_to_ymd(day, &yy, &mm, &dd);
				if (yy != y || mm != m || dd != d)
					ck_abort_msg("to_ymd %lld", (long long)day);
				char text[CIVIL_DATE_SIZE];
				int64_t back = INT64_MIN;
				if (civil_format(day, text) != 0 || civil_parse(text, &back) != 0 || back != day)
					ck_abort_msg("format/parse %s", text);
				if (civil_weekday(day) != weekday)
					ck_abort_msg("weekday %s", text);
				weekday = (weekday + 1) % 7;
			}
		}
	}
	ck_assert_int_eq(day, CIVIL_DAY_MAX + 1);
}
END_TEST

START_TEST(leap_years_and_month_lengths)
{
	ck_assert(civil_is_leap(2000));
	ck_assert(civil_is_leap(2024));
	ck_assert(civil_is_leap(1600));
	ck_assert(!civil_is_leap(1900));
	ck_assert(!civil_is_leap(2100));
	ck_assert(!civil_is_leap(2026));
	ck_assert_int_eq(civil_days_in_month(2024, 2), 29);
	ck_assert_int_eq(civil_days_in_month(2000, 2), 29);
	ck_assert_int_eq(civil_days_in_month(1900, 2), 28);
	ck_assert_int_eq(civil_days_in_month(2100, 2), 28);
	ck_assert_int_eq(civil_days_in_month(2026, 4), 30);
	ck_assert_int_eq(civil_days_in_month(2026, 12), 31);
	ck_assert_int_eq(civil_days_in_month(2026, 0), 0);
	ck_assert_int_eq(civil_days_in_month(2026, 13), 0);
	int64_t day;
	ck_assert_int_eq(civil_parse("2000-02-29", &day), 0);
	ck_assert_int_eq(civil_parse("2024-02-29", &day), 0);
	ck_assert_int_eq(civil_parse("1900-02-29", &day), -1);
	ck_assert_int_eq(civil_parse("2100-02-29", &day), -1);
	assert_day(day_of("2024-02-28") + 1, "2024-02-29");
	assert_day(day_of("2024-02-29") + 1, "2024-03-01");
	assert_day(day_of("2026-02-28") + 1, "2026-03-01");
}
END_TEST

START_TEST(weekdays_of_known_dates)
{
	ck_assert_int_eq(civil_weekday(0), 3);                    /* 1970-01-01 Thursday */
	ck_assert_int_eq(civil_weekday(-1), 2);                   /* 1969-12-31 Wednesday */
	ck_assert_int_eq(civil_weekday(day_of("1900-01-01")), 0); /* Monday */
	ck_assert_int_eq(civil_weekday(day_of("2000-01-01")), 5); /* Saturday */
	ck_assert_int_eq(civil_weekday(day_of("2024-02-29")), 3); /* Thursday */
	ck_assert_int_eq(civil_weekday(day_of("2026-01-07")), 2); /* Wednesday */
	ck_assert_int_eq(civil_weekday(day_of("2026-01-11")), 6); /* Sunday */
	ck_assert_int_eq(civil_weekday(day_of("2999-12-31")), 1); /* Tuesday */
	ck_assert_int_eq(civil_weekday(civil_from_ymd(1, 1, 1)), 0);
}
END_TEST

START_TEST(week_starts)
{
	int64_t wed = day_of("2026-01-07"), sun = day_of("2026-01-11"), mon = day_of("2026-01-05");
	ck_assert_int_eq(civil_week_start(wed, 1), mon);
	ck_assert_int_eq(civil_week_start(wed, 0), day_of("2026-01-04"));
	ck_assert_int_eq(civil_week_start(sun, 1), mon);
	ck_assert_int_eq(civil_week_start(sun, 0), sun);
	ck_assert_int_eq(civil_week_start(mon, 1), mon);
	ck_assert_int_eq(civil_week_start(mon, 0), day_of("2026-01-04"));
	ck_assert_int_eq(civil_week_start(day_of("2026-01-10"), 0), day_of("2026-01-04")); /* Saturday */
	ck_assert_int_eq(civil_week_start(day_of("2026-01-10"), 6), day_of("2026-01-10")); /* Saturday weeks */
	ck_assert_int_eq(civil_week_start(wed, 8), mon); /* modulo 7 */
	ck_assert_int_eq(civil_week_start(wed, -6), mon);
	/* Across the epoch and for every day of a few years: a week_start day, at most 6 back. */
	for (int64_t d = -800; d < 800; d++) {
		for (int ws = 0; ws <= 1; ws++) {
			int64_t s = civil_week_start(d, ws);
			ck_assert(s <= d && d - s <= 6);
			ck_assert_int_eq(civil_weekday(s), ws == 1 ? 0 : 6);
		}
	}
}
END_TEST

START_TEST(parse_refuses)
{
	const char *bad[] = { "2026-02-29", "2026-13-01", "2026-1-01", "2026-01-01x", "", "2026-00-10",
			      "2026-01-00", "2026-01-32", "2026-04-31", " 2026-01-01", "2026/01/01", "+026-01-01",
			      "2026-01-1", "20260101", "1899-12-31", "3000-01-01", "2026-01-01 ", "2026-0a-01",
			      "\xef\xbc\x92" "026-01-01", "2026-01" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int64_t day = 42;
		ck_assert_msg(civil_parse(bad[i], &day) == -1, "accepted \"%s\"", bad[i]);
		ck_assert_int_eq(day, 42);
	}
	ck_assert_int_eq(day_of("1900-01-01"), CIVIL_DAY_MIN);
	ck_assert_int_eq(day_of("2999-12-31"), CIVIL_DAY_MAX);
}
END_TEST

START_TEST(format_out_of_range)
{
	char out[CIVIL_DATE_SIZE] = "xxxxxxxxxx";
	ck_assert_int_eq(civil_format(civil_from_ymd(10000, 1, 1), out), -1);
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(civil_format(civil_from_ymd(-1, 12, 31), out), -1);
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(civil_format(civil_from_ymd(9999, 12, 31), out), 0);
	ck_assert_str_eq(out, "9999-12-31");
}
END_TEST

START_TEST(month_starts_ends_and_adding)
{
	ck_assert_int_eq(civil_month_start(day_of("2026-02-17")), day_of("2026-02-01"));
	ck_assert_int_eq(civil_month_end(day_of("2026-02-17")), day_of("2026-02-28"));
	ck_assert_int_eq(civil_month_end(day_of("2024-02-01")), day_of("2024-02-29"));
	ck_assert_int_eq(civil_month_end(day_of("2026-12-31")), day_of("2026-12-31"));
	ck_assert_int_eq(civil_month_start(day_of("2026-12-31")), day_of("2026-12-01"));
	ck_assert_int_eq(civil_month_end(day_of("2026-04-01")), day_of("2026-04-30"));
	ck_assert_int_eq(civil_month_end(day_of("1900-02-10")), day_of("1900-02-28"));
	ck_assert_int_eq(civil_month_start(-1), day_of("1969-12-01"));
	ck_assert_int_eq(civil_month_end(-1), -1);

	assert_day(civil_add_months(day_of("2026-01-31"), 1), "2026-02-28");
	assert_day(civil_add_months(day_of("2024-01-31"), 1), "2024-02-29");
	assert_day(civil_add_months(day_of("2026-01-31"), 2), "2026-03-31");
	assert_day(civil_add_months(day_of("2026-01-31"), 3), "2026-04-30");
	assert_day(civil_add_months(day_of("2024-02-29"), 12), "2025-02-28");
	assert_day(civil_add_months(day_of("2024-02-29"), 48), "2028-02-29");
	assert_day(civil_add_months(day_of("2026-03-31"), -1), "2026-02-28");
	assert_day(civil_add_months(day_of("2026-12-15"), 1), "2027-01-15");
	assert_day(civil_add_months(day_of("2026-01-15"), -1), "2025-12-15");
	assert_day(civil_add_months(day_of("2026-01-15"), -13), "2024-12-15");
	assert_day(civil_add_months(day_of("2026-01-15"), 0), "2026-01-15");
	assert_day(civil_add_months(day_of("1970-01-01"), -1), "1969-12-01");
	assert_day(civil_add_months(day_of("2026-05-31"), 120), "2036-05-31");
}
END_TEST

START_TEST(iso_weeks)
{
	int y, w;
	civil_iso_week(day_of("2025-12-29"), &y, &w);
	ck_assert_int_eq(y, 2026);
	ck_assert_int_eq(w, 1);
	civil_iso_week(day_of("2021-01-03"), &y, &w);
	ck_assert_int_eq(y, 2020);
	ck_assert_int_eq(w, 53);
	civil_iso_week(day_of("2027-01-03"), &y, &w);
	ck_assert_int_eq(y, 2026);
	ck_assert_int_eq(w, 53);
	civil_iso_week(day_of("2999-12-31"), &y, &w);
	ck_assert_int_eq(y, 3000);
	ck_assert_int_eq(w, 1);

	ck_assert_int_eq(civil_iso_weeks_in_year(2020), 53);
	ck_assert_int_eq(civil_iso_weeks_in_year(2021), 52);
	ck_assert_int_eq(civil_iso_weeks_in_year(2026), 53);
	ck_assert_int_eq(civil_iso_weeks_in_year(2027), 52);
	ck_assert_int_eq(civil_iso_weeks_in_year(2015), 53);
	ck_assert_int_eq(civil_iso_weeks_in_year(2004), 53);

	int64_t monday = 0;
	ck_assert_int_eq(civil_parse_iso_week("2026-W01", &monday), 0);
	assert_day(monday, "2025-12-29");
	ck_assert_int_eq(civil_parse_iso_week("2026-W47", &monday), 0);
	assert_day(monday, "2026-11-16");
	ck_assert_int_eq(civil_parse_iso_week("2020-W53", &monday), 0);
	assert_day(monday, "2020-12-28");
	ck_assert_int_eq(civil_parse_iso_week("2026-W53", &monday), 0);
	assert_day(monday, "2026-12-28");
	ck_assert_int_eq(civil_parse_iso_week("1900-W01", &monday), 0);
	assert_day(monday, "1900-01-01");

	const char *bad[] = { "2021-W53", "2026-W00", "2026-W54", "2026-W1", "2026W01", "2026-w01",
			      "2026-W01x", "", "1899-W52", "3000-W01", "2026-01", "2026-W+1" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		monday = 42;
		ck_assert_msg(civil_parse_iso_week(bad[i], &monday) == -1, "accepted \"%s\"", bad[i]);
		ck_assert_int_eq(monday, 42);
	}

	char out[CIVIL_ISO_WEEK_SIZE];
	ck_assert_int_eq(civil_format_iso_week(day_of("2025-12-29"), out), 0);
	ck_assert_str_eq(out, "2026-W01");
	ck_assert_int_eq(civil_format_iso_week(day_of("2021-01-03"), out), 0);
	ck_assert_str_eq(out, "2020-W53");
	ck_assert_int_eq(civil_format_iso_week(day_of("2026-11-22"), out), 0);
	ck_assert_str_eq(out, "2026-W47");
	ck_assert_int_eq(civil_format_iso_week(civil_from_ymd(10000, 6, 1), out), -1);
	ck_assert_str_eq(out, "");
}
END_TEST

/* Every day of 1900-2999: the formatted ISO week parses back to the day's Monday, and weeks
 * number on by one across years. */
START_TEST(iso_week_round_trip_every_day)
{
	int prev_year = 1900, prev_week = 1;
	for (int64_t day = CIVIL_DAY_MIN; day <= CIVIL_DAY_MAX; day++) {
		char text[CIVIL_ISO_WEEK_SIZE];
		int64_t monday = INT64_MIN;
		ck_assert_int_eq(civil_format_iso_week(day, text), 0);
		int y, w;
		civil_iso_week(day, &y, &w);
		if (y <= CIVIL_YEAR_MAX) {
			if (civil_parse_iso_week(text, &monday) != 0 || monday != civil_week_start(day, 1))
				ck_abort_msg("iso week %s", text);
		}
		if (civil_weekday(day) == 0) {
			bool next = (y == prev_year && w == prev_week + 1) ||
				    (y == prev_year + 1 && w == 1 && prev_week == civil_iso_weeks_in_year(prev_year));
			if (day != CIVIL_DAY_MIN && !next)
				ck_abort_msg("week after %d-W%d is %s", prev_year, prev_week, text);
			prev_year = y;
			prev_week = w;
		} else if (y != prev_year || w != prev_week) {
			ck_abort_msg("week changed mid-week at %s", text);
		}
	}
}
END_TEST

/* Instants, seconds since the epoch (UTC), with their local day in the zone named. */
struct today_case {
	const char *zone;
	int64_t utc;
	const char *day;
};

START_TEST(today_across_dst_and_midnight)
{
	static const struct today_case cases[] = {
		/* New York: DST starts 2026-03-08 (EST -5 -> EDT -4), ends 2026-11-01. */
		{ "America/New_York", 1772945999, "2026-03-07" }, /* 03-07 23:59:59 EST */
		{ "America/New_York", 1772946000, "2026-03-08" }, /* 03-08 00:00:00 EST */
		{ "America/New_York", 1773028799, "2026-03-08" }, /* 03-08 23:59:59 EDT */
		{ "America/New_York", 1773028800, "2026-03-09" }, /* 03-09 00:00:00 EDT */
		{ "America/New_York", 1793505599, "2026-10-31" }, /* 10-31 23:59:59 EDT */
		{ "America/New_York", 1793505600, "2026-11-01" }, /* 11-01 00:00:00 EDT */
		{ "America/New_York", 1793595599, "2026-11-01" }, /* 11-01 23:59:59 EST */
		{ "America/New_York", 1793595600, "2026-11-02" }, /* 11-02 00:00:00 EST */
		/* Lord Howe: +11 in summer, +10:30 in winter; DST ends 2026-04-05, starts 10-04. */
		{ "Australia/Lord_Howe", 1775307599, "2026-04-04" }, /* 04-04 23:59:59 +11 */
		{ "Australia/Lord_Howe", 1775307600, "2026-04-05" }, /* 04-05 00:00:00 +11 */
		{ "Australia/Lord_Howe", 1775394900, "2026-04-05" }, /* 04-05 23:45 +10:30 (00:15 at +11) */
		{ "Australia/Lord_Howe", 1775395799, "2026-04-05" }, /* 04-05 23:59:59 +10:30 */
		{ "Australia/Lord_Howe", 1775395800, "2026-04-06" }, /* 04-06 00:00:00 +10:30 */
		{ "Australia/Lord_Howe", 1791034199, "2026-10-03" }, /* 10-03 23:59:59 +10:30 */
		{ "Australia/Lord_Howe", 1791034200, "2026-10-04" }, /* 10-04 00:00:00 +10:30 */
		{ "Australia/Lord_Howe", 1791118799, "2026-10-04" }, /* 10-04 23:59:59 +11 */
		{ "Australia/Lord_Howe", 1791118800, "2026-10-05" }, /* 10-05 00:00:00 +11 */
		{ "Australia/Lord_Howe", 1791119700, "2026-10-05" }, /* 10-05 00:15 +11 (23:45 at +10:30) */
		/* Auckland near midnight, summer (+13) and winter (+12): a day ahead of UTC. */
		{ "Pacific/Auckland", 1768474799, "2026-01-15" }, /* 01-15 10:59:59 UTC */
		{ "Pacific/Auckland", 1768474800, "2026-01-16" }, /* 01-15 11:00:00 UTC */
		{ "Pacific/Auckland", 1784116799, "2026-07-15" }, /* 07-15 11:59:59 UTC */
		{ "Pacific/Auckland", 1784116800, "2026-07-16" }, /* 07-15 12:00:00 UTC */
		{ "UTC", 1784116800, "2026-07-15" },
		{ "UTC", 0, "1970-01-01" },
		{ "UTC", -1, "1969-12-31" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int64_t day = INT64_MIN;
		ck_assert_msg(civil_today(cases[i].zone, cases[i].utc, &day) == 0, "%s %lld", cases[i].zone,
			      (long long)cases[i].utc);
		char text[CIVIL_DATE_SIZE];
		ck_assert_int_eq(civil_format(day, text), 0);
		ck_assert_msg(strcmp(text, cases[i].day) == 0, "%s at %lld: %s, expected %s", cases[i].zone,
			      (long long)cases[i].utc, text, cases[i].day);
	}
	int64_t day = 42;
	ck_assert_int_eq(civil_today("Nowhere/Atlantis", 0, &day), -1);
	ck_assert_int_eq(civil_today("../etc/passwd", 0, &day), -1);
	ck_assert_int_eq(day, 42);
}
END_TEST

static Suite *civil_suite(void)
{
	Suite *s = suite_create("civil");
	TCase *tc = tcase_create("dates");
	tcase_add_test(tc, known_day_numbers);
	tcase_add_test(tc, round_trip_every_day);
	tcase_add_test(tc, leap_years_and_month_lengths);
	tcase_add_test(tc, weekdays_of_known_dates);
	tcase_add_test(tc, parse_refuses);
	tcase_add_test(tc, format_out_of_range);
	suite_add_tcase(s, tc);
	tc = tcase_create("weeks_months");
	tcase_add_test(tc, week_starts);
	tcase_add_test(tc, month_starts_ends_and_adding);
	tcase_add_test(tc, iso_weeks);
	tcase_add_test(tc, iso_week_round_trip_every_day);
	suite_add_tcase(s, tc);
	tc = tcase_create("today");
	tcase_add_test(tc, today_across_dst_and_midnight);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(civil_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
