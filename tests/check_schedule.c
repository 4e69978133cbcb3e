/* check_schedule: unit tests of task schedules: validation, due periods, targets, frequencies. */
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "civil.h"
#include "period.h"
#include "schedule.h"

#define MON (1u << 0)
#define TUE (1u << 1)
#define WED (1u << 2)
#define THU (1u << 3)
#define FRI (1u << 4)
#define SAT (1u << 5)
#define SUN (1u << 6)

static int64_t day_of(const char *s)
{
	int64_t day = INT64_MIN;
	ck_assert_msg(civil_parse(s, &day) == 0, "%s refused", s);
	return day;
}

static struct period span(const char *first, const char *last)
{
	struct period p = { day_of(first), day_of(last) };
	return p;
}

static struct period one_day(const char *day)
{
	return span(day, day);
}

static struct schedule every_period(void)
{
	struct schedule s = { SCHEDULE_EVERY_PERIOD, 0, 0, SCHEDULE_NO_ANCHOR, 0, 0 };
	return s;
}

static struct schedule weekdays(unsigned mask)
{
	struct schedule s = { SCHEDULE_WEEKDAYS, mask, 0, SCHEDULE_NO_ANCHOR, 0, 0 };
	return s;
}

static struct schedule every_n(int n, const char *anchor)
{
	struct schedule s = { SCHEDULE_EVERY_N_DAYS, 0, n, day_of(anchor), 0, 0 };
	return s;
}

static struct schedule per_period(int times)
{
	struct schedule s = { SCHEDULE_TIMES_PER_PERIOD, 0, 0, SCHEDULE_NO_ANCHOR, times, 0 };
	return s;
}

static struct schedule in_days(int times, int window)
{
	struct schedule s = { SCHEDULE_TIMES_IN_DAYS, 0, 0, SCHEDULE_NO_ANCHOR, times, window };
	return s;
}

/* Asserts schedule_due_in's answer. */
static void assert_due(struct schedule s, enum time_mode mode, struct period p, bool due, int target,
		       bool flexible)
{
	struct schedule_due d = schedule_due_in(&s, mode, 1, p);
	char a[CIVIL_DATE_SIZE], b[CIVIL_DATE_SIZE];
	civil_format(p.start, a);
	civil_format(p.end, b);
	ck_assert_msg(d.due == due && d.target == target && d.flexible == flexible,
		      "%s in %s %s..%s: due %d target %d flexible %d, expected %d %d %d",
		      schedule_kind_name(s.kind), time_mode_name(mode), a, b, d.due, d.target, d.flexible, due,
		      target, flexible);
}

START_TEST(kind_names)
{
	const char *words[] = { "every_period", "weekdays", "every_n_days", "times_per_period", "times_in_days" };
	for (int i = 0; i < SCHEDULE__MAX; i++) {
		ck_assert_str_eq(schedule_kind_name((enum schedule_kind)i), words[i]);
		enum schedule_kind k = SCHEDULE__MAX;
		ck_assert_int_eq(schedule_kind_parse(words[i], &k), 0);
		ck_assert_int_eq(k, i);
	}
	ck_assert_ptr_null(schedule_kind_name(SCHEDULE__MAX));
	const char *bad[] = { "", "Weekdays", "every_n_day", "daily", "times_per_period " };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		enum schedule_kind k = SCHEDULE_WEEKDAYS;
		ck_assert_int_eq(schedule_kind_parse(bad[i], &k), -1);
		ck_assert_int_eq(k, SCHEDULE_WEEKDAYS);
	}
	enum schedule_kind k = SCHEDULE_WEEKDAYS;
	ck_assert_int_eq(schedule_kind_parse(NULL, &k), -1);
}
END_TEST

/* Asserts that s in mode is refused with exactly message (or accepted when message is NULL). */
static void assert_valid(struct schedule s, enum time_mode mode, const char *message)
{
	const char *problem = NULL;
	int rc = schedule_validate(&s, mode, &problem);
	if (message == NULL) {
		ck_assert_msg(rc == 0, "refused: %s", problem ? problem : "?");
		ck_assert_ptr_null(problem);
	} else {
		ck_assert_int_eq(rc, -1);
		ck_assert_ptr_nonnull(problem);
		ck_assert_str_eq(problem, message);
	}
}

START_TEST(validation_messages)
{
	for (int m = 0; m < TIME_MODE__MAX; m++)
		assert_valid(every_period(), (enum time_mode)m, NULL);

	assert_valid(weekdays(MON | WED | FRI), TIME_MODE_DAILY, NULL);
	assert_valid(weekdays(0x7f), TIME_MODE_WEEKLY, NULL);
	assert_valid(weekdays(0), TIME_MODE_DAILY, "Choose at least one weekday.");
	assert_valid(weekdays(0x80), TIME_MODE_DAILY, "Weekdays must be Monday to Sunday.");
	assert_valid(weekdays(0x81), TIME_MODE_DAILY, "Weekdays must be Monday to Sunday.");

	assert_valid(every_n(1, "2026-01-01"), TIME_MODE_DAILY, NULL);
	assert_valid(every_n(365, "2026-01-01"), TIME_MODE_MONTHLY, NULL);
	assert_valid(every_n(0, "2026-01-01"), TIME_MODE_DAILY, "The interval must be between 1 and 365 days.");
	assert_valid(every_n(366, "2026-01-01"), TIME_MODE_DAILY, "The interval must be between 1 and 365 days.");
	assert_valid(every_n(-2, "2026-01-01"), TIME_MODE_DAILY, "The interval must be between 1 and 365 days.");
	struct schedule no_anchor = every_n(2, "2026-01-01");
	no_anchor.anchor = SCHEDULE_NO_ANCHOR;
	assert_valid(no_anchor, TIME_MODE_DAILY, "Choose the first day the task is due (a date from 1900 to 2999).");

	assert_valid(per_period(1), TIME_MODE_DAILY, NULL);
	assert_valid(per_period(7), TIME_MODE_DAILY, NULL);
	assert_valid(per_period(7), TIME_MODE_WEEKLY, NULL);
	assert_valid(per_period(31), TIME_MODE_MONTHLY, NULL);
	assert_valid(per_period(0), TIME_MODE_WEEKLY, "The number of times must be at least 1.");
	assert_valid(per_period(8), TIME_MODE_WEEKLY, "A weekly task can be done at most 7 times a week.");
	assert_valid(per_period(32), TIME_MODE_MONTHLY, "A monthly task can be done at most 31 times a month.");
	assert_valid(per_period(8), TIME_MODE_DAILY, "In a daily tracker the number of times is per week: at most 7.");

	assert_valid(in_days(3, 7), TIME_MODE_DAILY, NULL);
	assert_valid(in_days(1, 1), TIME_MODE_WEEKLY, NULL);
	assert_valid(in_days(365, 365), TIME_MODE_MONTHLY, NULL);
	assert_valid(in_days(0, 7), TIME_MODE_DAILY, "The number of times must be at least 1.");
	assert_valid(in_days(1, 0), TIME_MODE_DAILY, "The number of days must be between 1 and 365.");
	assert_valid(in_days(1, 366), TIME_MODE_DAILY, "The number of days must be between 1 and 365.");
	assert_valid(in_days(8, 7), TIME_MODE_DAILY, "The number of times cannot be more than the number of days.");

	struct schedule unknown = every_period();
	unknown.kind = SCHEDULE__MAX;
	assert_valid(unknown, TIME_MODE_DAILY, "Choose how often the task is due.");
	assert_valid(every_period(), TIME_MODE__MAX, "Choose daily, weekly or monthly for the tracker.");
	/* problem may be NULL. */
	struct schedule bad = weekdays(0);
	ck_assert_int_eq(schedule_validate(&bad, TIME_MODE_DAILY, NULL), -1);
}
END_TEST

START_TEST(every_period_in_each_mode)
{
	assert_due(every_period(), TIME_MODE_DAILY, one_day("2024-02-29"), true, 1, false);
	assert_due(every_period(), TIME_MODE_WEEKLY, span("2026-01-05", "2026-01-11"), true, 1, false);
	assert_due(every_period(), TIME_MODE_MONTHLY, span("2026-02-01", "2026-02-28"), true, 1, false);
	struct period empty = { 10, 9 };
	assert_due(every_period(), TIME_MODE_DAILY, empty, false, 0, false);
}
END_TEST

START_TEST(weekdays_daily_weekly_monthly)
{
	struct schedule mwf = weekdays(MON | WED | FRI);
	/* The week of 2026-01-05 (Monday) to 01-11. */
	const char *days[] = { "2026-01-05", "2026-01-06", "2026-01-07", "2026-01-08", "2026-01-09",
			       "2026-01-10", "2026-01-11" };
	const bool due[] = { true, false, true, false, true, false, false };
	for (int i = 0; i < 7; i++)
		assert_due(mwf, TIME_MODE_DAILY, one_day(days[i]), due[i], due[i] ? 1 : 0, false);
	/* Feb 29 is the weekday it is: a Thursday in 2024. */
	assert_due(weekdays(THU), TIME_MODE_DAILY, one_day("2024-02-29"), true, 1, false);
	assert_due(weekdays(FRI), TIME_MODE_DAILY, one_day("2024-02-29"), false, 0, false);
	assert_due(weekdays(SAT), TIME_MODE_DAILY, one_day("2026-02-28"), true, 1, false);
	assert_due(weekdays(SUN), TIME_MODE_DAILY, one_day("2026-03-01"), true, 1, false);

	assert_due(mwf, TIME_MODE_WEEKLY, span("2026-01-05", "2026-01-11"), true, 3, false);
	assert_due(mwf, TIME_MODE_WEEKLY, span("2026-01-04", "2026-01-10"), true, 3, false); /* Sunday weeks */
	assert_due(mwf, TIME_MODE_WEEKLY, span("2026-01-08", "2026-01-11"), true, 1, false); /* clipped: Fri */
	assert_due(mwf, TIME_MODE_WEEKLY, span("2026-01-10", "2026-01-11"), false, 0, false); /* weekend only */
	assert_due(weekdays(SAT | SUN), TIME_MODE_WEEKLY, span("2026-01-07", "2026-01-13"), true, 2, false);

	/* Month ends and leap days: Thursdays of February. */
	assert_due(weekdays(THU), TIME_MODE_MONTHLY, span("2024-02-01", "2024-02-29"), true, 5, false);
	assert_due(weekdays(THU), TIME_MODE_MONTHLY, span("2026-02-01", "2026-02-28"), true, 4, false);
	assert_due(weekdays(0x7f), TIME_MODE_MONTHLY, span("2024-02-01", "2024-02-29"), true, 29, false);
	assert_due(weekdays(0x7f), TIME_MODE_MONTHLY, span("2026-01-01", "2026-01-31"), true, 31, false);
	assert_due(mwf, TIME_MODE_MONTHLY, span("2026-03-01", "2026-03-31"), true, 13, false);
	/* Anchored month Jan 31 - Feb 27, 2026. */
	assert_due(weekdays(SAT), TIME_MODE_MONTHLY, span("2026-01-31", "2026-02-27"), true, 4, false);

	/* Invalid masks are never due. */
	assert_due(weekdays(0), TIME_MODE_DAILY, one_day("2026-01-05"), false, 0, false);
	assert_due(weekdays(0x80 | MON), TIME_MODE_DAILY, one_day("2026-01-05"), false, 0, false);

	/* Against a day-by-day count, for every mask over many period lengths. */
	for (unsigned mask = 1; mask < 128; mask++) {
		struct schedule s = weekdays(mask);
		for (int64_t start = day_of("2024-02-20"); start < day_of("2024-02-27"); start++) {
			for (int len = 1; len <= 31; len++) {
				struct period p = { start, start + len - 1 };
				int n = 0;
				for (int64_t d = p.start; d <= p.end; d++)
					n += (mask >> civil_weekday(d)) & 1u;
				struct schedule_due due_in = schedule_due_in(&s, TIME_MODE_MONTHLY, 1, p);
				ck_assert_int_eq(due_in.target, n);
				ck_assert_int_eq(due_in.due, n > 0);
			}
		}
	}
}
END_TEST

START_TEST(every_n_days_across_february)
{
	/* Every 2 days from 2024-02-27: Feb 27, Feb 29, Mar 2 ... */
	struct schedule leap = every_n(2, "2024-02-27");
	assert_due(leap, TIME_MODE_DAILY, one_day("2024-02-27"), true, 1, false);
	assert_due(leap, TIME_MODE_DAILY, one_day("2024-02-28"), false, 0, false);
	assert_due(leap, TIME_MODE_DAILY, one_day("2024-02-29"), true, 1, false);
	assert_due(leap, TIME_MODE_DAILY, one_day("2024-03-01"), false, 0, false);
	assert_due(leap, TIME_MODE_DAILY, one_day("2024-03-02"), true, 1, false);
	/* ... and in 2026, without Feb 29: Feb 27, Mar 1, Mar 3. */
	struct schedule plain = every_n(2, "2026-02-27");
	assert_due(plain, TIME_MODE_DAILY, one_day("2026-02-28"), false, 0, false);
	assert_due(plain, TIME_MODE_DAILY, one_day("2026-03-01"), true, 1, false);
	assert_due(plain, TIME_MODE_DAILY, one_day("2026-03-02"), false, 0, false);
	assert_due(plain, TIME_MODE_DAILY, one_day("2026-03-03"), true, 1, false);
	/* Never before the anchor, even on a day the interval would land on. */
	assert_due(plain, TIME_MODE_DAILY, one_day("2026-02-25"), false, 0, false);
	assert_due(plain, TIME_MODE_DAILY, one_day("2026-02-26"), false, 0, false);
	assert_due(every_n(1, "2026-02-27"), TIME_MODE_DAILY, one_day("2026-02-26"), false, 0, false);
	/* Weekly: the week holding the anchor counts only from it; monthly: month ends. */
	assert_due(plain, TIME_MODE_WEEKLY, span("2026-02-23", "2026-03-01"), true, 2, false); /* 27, 1 */
	assert_due(plain, TIME_MODE_WEEKLY, span("2026-02-16", "2026-02-22"), false, 0, false);
	assert_due(plain, TIME_MODE_MONTHLY, span("2026-02-01", "2026-02-28"), true, 1, false);
	assert_due(plain, TIME_MODE_MONTHLY, span("2026-03-01", "2026-03-31"), true, 16, false);
	assert_due(leap, TIME_MODE_MONTHLY, span("2024-02-01", "2024-02-29"), true, 2, false);
	assert_due(every_n(7, "2026-01-01"), TIME_MODE_WEEKLY, span("2026-01-05", "2026-01-11"), true, 1, false);
	assert_due(every_n(10, "2026-01-01"), TIME_MODE_WEEKLY, span("2026-01-12", "2026-01-18"), false, 0, false);

	/* Against a day-by-day check for many intervals, anchors and periods. */
	for (int n = 1; n <= 40; n += 3) {
		for (int64_t anchor = day_of("2024-02-20"); anchor < day_of("2024-03-05"); anchor += 2) {
			struct schedule s = { SCHEDULE_EVERY_N_DAYS, 0, n, anchor, 0, 0 };
			for (int64_t start = anchor - 40; start < anchor + 40; start += 3) {
				for (int len = 1; len <= 31; len += 5) {
					struct period p = { start, start + len - 1 };
					int count = 0;
					for (int64_t d = p.start; d <= p.end; d++)
						count += d >= anchor && (d - anchor) % n == 0;
					struct schedule_due due_in = schedule_due_in(&s, TIME_MODE_MONTHLY, 1, p);
					ck_assert_int_eq(due_in.target, count);
					ck_assert_int_eq(due_in.due, count > 0);
				}
			}
		}
	}
}
END_TEST

START_TEST(times_per_period_targets)
{
	assert_due(per_period(3), TIME_MODE_WEEKLY, span("2026-01-05", "2026-01-11"), true, 3, false);
	assert_due(per_period(7), TIME_MODE_WEEKLY, span("2026-01-05", "2026-01-11"), true, 7, false);
	assert_due(per_period(3), TIME_MODE_WEEKLY, span("2026-01-10", "2026-01-11"), true, 2, false); /* clipped */
	assert_due(per_period(10), TIME_MODE_MONTHLY, span("2026-02-01", "2026-02-28"), true, 10, false);
	assert_due(per_period(31), TIME_MODE_MONTHLY, span("2026-02-01", "2026-02-28"), true, 28, false);
	assert_due(per_period(31), TIME_MODE_MONTHLY, span("2024-02-01", "2024-02-29"), true, 29, false);
	assert_due(per_period(31), TIME_MODE_MONTHLY, span("2026-03-01", "2026-03-31"), true, 31, false);
	/* Daily tracker: offered every day, judged per calendar week. */
	assert_due(per_period(3), TIME_MODE_DAILY, one_day("2026-01-07"), true, 1, true);
	assert_due(per_period(3), TIME_MODE_DAILY, one_day("2024-02-29"), true, 1, true);
	assert_due(per_period(8), TIME_MODE_WEEKLY, span("2026-01-05", "2026-01-11"), false, 0, false);

	struct schedule s = per_period(3);
	struct period week;
	int64_t wed = day_of("2026-01-07");
	ck_assert_int_eq(schedule_week_target(&s, 1, wed, PERIOD_NO_START, PERIOD_NO_END, &week), 3);
	ck_assert(week.start == day_of("2026-01-05") && week.end == day_of("2026-01-11"));
	ck_assert_int_eq(schedule_week_target(&s, 0, wed, PERIOD_NO_START, PERIOD_NO_END, &week), 3);
	ck_assert(week.start == day_of("2026-01-04") && week.end == day_of("2026-01-10"));
	/* A tracker starting on Saturday: its first Monday week has 2 days. */
	int64_t sat = day_of("2026-01-10");
	ck_assert_int_eq(schedule_week_target(&s, 1, sat, sat, PERIOD_NO_END, &week), 2);
	ck_assert(week.start == sat && week.end == sat + 1);
	/* And one ending on a Tuesday. */
	ck_assert_int_eq(schedule_week_target(&s, 1, wed - 1, PERIOD_NO_START, wed - 1, &week), 2);
	ck_assert(week.start == day_of("2026-01-05") && week.end == wed - 1);
	/* Outside the tracker, or another kind: 0 and an empty week. */
	ck_assert_int_eq(schedule_week_target(&s, 1, sat - 1, sat, PERIOD_NO_END, &week), 0);
	ck_assert(period_is_empty(week));
	struct schedule other = every_period();
	ck_assert_int_eq(schedule_week_target(&other, 1, wed, PERIOD_NO_START, PERIOD_NO_END, &week), 0);
	ck_assert(period_is_empty(week));
}
END_TEST

START_TEST(times_in_days_targets)
{
	/* Daily tracker: offered every day, judged on the rolling window. */
	assert_due(in_days(3, 10), TIME_MODE_DAILY, one_day("2026-01-07"), true, 1, true);
	/* round(times * days / window), halves up, at least 1. */
	assert_due(in_days(3, 10), TIME_MODE_WEEKLY, span("2026-01-05", "2026-01-11"), true, 2, false);  /* 2.1 */
	assert_due(in_days(3, 10), TIME_MODE_MONTHLY, span("2026-01-01", "2026-01-31"), true, 9, false); /* 9.3 */
	assert_due(in_days(3, 10), TIME_MODE_MONTHLY, span("2026-02-01", "2026-02-28"), true, 8, false); /* 8.4 */
	assert_due(in_days(3, 10), TIME_MODE_MONTHLY, span("2024-02-01", "2024-02-29"), true, 9, false); /* 8.7 */
	assert_due(in_days(5, 14), TIME_MODE_WEEKLY, span("2026-01-05", "2026-01-11"), true, 3, false);  /* 2.5 */
	assert_due(in_days(1, 14), TIME_MODE_WEEKLY, span("2026-01-05", "2026-01-11"), true, 1, false);  /* 0.5 */
	assert_due(in_days(1, 30), TIME_MODE_WEEKLY, span("2026-01-05", "2026-01-11"), true, 1, false);  /* 0.23 */
	assert_due(in_days(7, 7), TIME_MODE_WEEKLY, span("2026-01-05", "2026-01-11"), true, 7, false);
	assert_due(in_days(7, 7), TIME_MODE_WEEKLY, span("2026-01-10", "2026-01-11"), true, 2, false); /* clipped */
	assert_due(in_days(8, 7), TIME_MODE_WEEKLY, span("2026-01-05", "2026-01-11"), false, 0, false);

	struct schedule s = in_days(3, 10);
	struct period w = schedule_rolling_window(&s, day_of("2026-03-01"));
	ck_assert(w.start == day_of("2026-02-20") && w.end == day_of("2026-03-01"));
	struct schedule other = per_period(3);
	ck_assert(period_is_empty(schedule_rolling_window(&other, day_of("2026-03-01"))));
}
END_TEST

/* Asserts schedule_fraction and schedule_frequency. */
static void assert_freq(struct schedule s, enum time_mode mode, int num, int den)
{
	int n = -1, d = -1;
	ck_assert_int_eq(schedule_fraction(&s, mode, &n, &d), 0);
	ck_assert_int_eq(n, num);
	ck_assert_int_eq(d, den);
	ck_assert(fabs(schedule_frequency(&s, mode) - (double)num / den) < 1e-12);
}

START_TEST(frequencies)
{
	assert_freq(every_period(), TIME_MODE_DAILY, 1, 1);
	assert_freq(every_period(), TIME_MODE_WEEKLY, 1, 7);
	assert_freq(every_period(), TIME_MODE_MONTHLY, 1, 30);
	assert_freq(weekdays(MON | WED | FRI), TIME_MODE_DAILY, 3, 7);
	assert_freq(weekdays(0x7f), TIME_MODE_WEEKLY, 7, 7);
	assert_freq(every_n(3, "2026-01-01"), TIME_MODE_DAILY, 1, 3);
	assert_freq(every_n(1, "2026-01-01"), TIME_MODE_MONTHLY, 1, 1);
	assert_freq(per_period(3), TIME_MODE_DAILY, 3, 7);
	assert_freq(per_period(3), TIME_MODE_WEEKLY, 3, 7);
	assert_freq(per_period(2), TIME_MODE_MONTHLY, 2, 30);
	assert_freq(in_days(3, 10), TIME_MODE_DAILY, 3, 10);
	assert_freq(in_days(1, 1), TIME_MODE_WEEKLY, 1, 1);
	ck_assert(fabs(schedule_frequency(&(struct schedule){ SCHEDULE_WEEKDAYS, MON | THU, 0, 0, 0, 0 },
					  TIME_MODE_DAILY) - 2.0 / 7.0) < 1e-12);

	struct schedule bad[] = { weekdays(0), per_period(0), in_days(3, 0), every_n(0, "2026-01-01") };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int n = 42, d = 42;
		ck_assert_int_eq(schedule_fraction(&bad[i], TIME_MODE_DAILY, &n, &d), -1);
		ck_assert(n == 42 && d == 42);
		ck_assert(schedule_frequency(&bad[i], TIME_MODE_DAILY) == 0.0);
	}
	struct schedule unknown = every_period();
	unknown.kind = SCHEDULE__MAX;
	ck_assert(schedule_frequency(&unknown, TIME_MODE_DAILY) == 0.0);
	struct schedule ok = every_period();
	ck_assert(schedule_frequency(&ok, TIME_MODE__MAX) == 0.0);
}
END_TEST

static Suite *schedule_suite(void)
{
	Suite *s = suite_create("schedule");
	TCase *tc = tcase_create("rules");
	tcase_add_test(tc, kind_names);
	tcase_add_test(tc, validation_messages);
	suite_add_tcase(s, tc);
	tc = tcase_create("due");
	tcase_add_test(tc, every_period_in_each_mode);
	tcase_add_test(tc, weekdays_daily_weekly_monthly);
	tcase_add_test(tc, every_n_days_across_february);
	tcase_add_test(tc, times_per_period_targets);
	tcase_add_test(tc, times_in_days_targets);
	suite_add_tcase(s, tc);
	tc = tcase_create("frequency");
	tcase_add_test(tc, frequencies);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(schedule_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
