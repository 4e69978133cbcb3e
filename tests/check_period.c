/* check_period: unit tests of calendar and anchored periods, their counts and clipping. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "civil.h"
#include "period.h"

static int64_t day_of(const char *s)
{
	int64_t day = INT64_MIN;
	ck_assert_msg(civil_parse(s, &day) == 0, "%s refused", s);
	return day;
}

/* Asserts that p is exactly first..last (dates as text). */
static void assert_period(struct period p, const char *first, const char *last)
{
	char a[CIVIL_DATE_SIZE], b[CIVIL_DATE_SIZE];
	civil_format(p.start, a);
	civil_format(p.end, b);
	ck_assert_msg(p.start == day_of(first) && p.end == day_of(last), "got %s..%s, expected %s..%s", a, b,
		      first, last);
}

/* The period of r containing the date text day (which must have one). */
static struct period of(const struct period_rule *r, const char *day)
{
	struct period p = { 0, -1 };
	ck_assert_msg(period_of(r, day_of(day), &p) == 0, "no period for %s", day);
	return p;
}

static struct period_rule calendar(enum time_mode mode, int week_start)
{
	struct period_rule r = { mode, week_start, false, 0 };
	return r;
}

static struct period_rule anchored(enum time_mode mode, const char *anchor)
{
	struct period_rule r = { mode, 1, true, day_of(anchor) };
	return r;
}

START_TEST(mode_names)
{
	for (int i = 0; i < TIME_MODE__MAX; i++) {
		enum time_mode m = TIME_MODE__MAX;
		ck_assert_int_eq(time_mode_parse(time_mode_name((enum time_mode)i), &m), 0);
		ck_assert_int_eq(m, i);
	}
	ck_assert_str_eq(time_mode_name(TIME_MODE_DAILY), "daily");
	ck_assert_str_eq(time_mode_name(TIME_MODE_WEEKLY), "weekly");
	ck_assert_str_eq(time_mode_name(TIME_MODE_MONTHLY), "monthly");
	ck_assert_ptr_null(time_mode_name(TIME_MODE__MAX));
	const char *bad[] = { "Daily", "", "yearly", "daily ", "week" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		enum time_mode m = TIME_MODE_MONTHLY;
		ck_assert_int_eq(time_mode_parse(bad[i], &m), -1);
		ck_assert_int_eq(m, TIME_MODE_MONTHLY);
	}
	enum time_mode m = TIME_MODE_MONTHLY;
	ck_assert_int_eq(time_mode_parse(NULL, &m), -1);
}
END_TEST

START_TEST(calendar_boundaries)
{
	struct period_rule daily = calendar(TIME_MODE_DAILY, 1);
	assert_period(of(&daily, "2026-01-07"), "2026-01-07", "2026-01-07");
	assert_period(of(&daily, "2024-02-29"), "2024-02-29", "2024-02-29");

	struct period_rule mon = calendar(TIME_MODE_WEEKLY, 1), sun = calendar(TIME_MODE_WEEKLY, 0);
	assert_period(of(&mon, "2026-01-07"), "2026-01-05", "2026-01-11");
	assert_period(of(&sun, "2026-01-07"), "2026-01-04", "2026-01-10");
	assert_period(of(&mon, "2026-01-11"), "2026-01-05", "2026-01-11"); /* a Sunday */
	assert_period(of(&sun, "2026-01-11"), "2026-01-11", "2026-01-17");
	assert_period(of(&mon, "2026-01-05"), "2026-01-05", "2026-01-11"); /* a Monday */
	assert_period(of(&sun, "2026-01-05"), "2026-01-04", "2026-01-10");
	assert_period(of(&mon, "2025-12-31"), "2025-12-29", "2026-01-04"); /* across the year */
	assert_period(of(&sun, "2025-12-31"), "2025-12-28", "2026-01-03");
	assert_period(of(&mon, "2024-02-29"), "2024-02-26", "2024-03-03");

	struct period_rule month = calendar(TIME_MODE_MONTHLY, 1);
	assert_period(of(&month, "2024-02-15"), "2024-02-01", "2024-02-29");
	assert_period(of(&month, "2026-02-28"), "2026-02-01", "2026-02-28");
	assert_period(of(&month, "2026-12-31"), "2026-12-01", "2026-12-31");
	assert_period(of(&month, "2026-04-01"), "2026-04-01", "2026-04-30");
	assert_period(period_next(&month, of(&month, "2026-12-10")), "2027-01-01", "2027-01-31");
	assert_period(period_prev(&month, of(&month, "2024-03-10")), "2024-02-01", "2024-02-29");

	struct period_rule bad = calendar(TIME_MODE__MAX, 1);
	struct period p = { 1, 2 };
	ck_assert_int_eq(period_of(&bad, 0, &p), -1);
	ck_assert_int_eq(p.start, 1);
	ck_assert(period_is_empty(period_next(&bad, p)));
	ck_assert(period_is_empty(period_prev(&bad, p)));
	ck_assert_int_eq(period_window_count(&bad, 0, 10), -1);
}
END_TEST

/* For a rule and a first period: walks n periods forward checking that they are contiguous,
 * that period_of finds each from each of its days, that prev undoes next, and that
 * period_window_count numbers them. */
static void walk(const struct period_rule *r, struct period p, int n, int64_t min_days, int64_t max_days)
{
	int64_t first = p.start;
	for (int k = 0; k < n; k++) {
		int64_t len = period_days(p);
		ck_assert_msg(len >= min_days && len <= max_days, "period %d has %lld days", k, (long long)len);
		for (int64_t d = p.start; d <= p.end; d++) {
			struct period q;
			ck_assert_int_eq(period_of(r, d, &q), 0);
			ck_assert(q.start == p.start && q.end == p.end);
		}
		ck_assert_int_eq(period_window_count(r, first, p.end), k + 1);
		ck_assert_int_eq(period_window_count(r, first, p.start), k + 1);
		struct period next = period_next(r, p);
		ck_assert_int_eq(next.start, p.end + 1);
		struct period back = period_prev(r, next);
		ck_assert(back.start == p.start && back.end == p.end);
		p = next;
	}
}

START_TEST(calendar_walks_both_week_starts)
{
	int64_t from = day_of("2023-12-20");
	for (int ws = 0; ws <= 1; ws++) {
		struct period_rule r = calendar(TIME_MODE_WEEKLY, ws);
		struct period p;
		ck_assert_int_eq(period_of(&r, from, &p), 0);
		ck_assert_int_eq(civil_weekday(p.start), ws == 1 ? 0 : 6);
		walk(&r, p, 160, 7, 7);
	}
	struct period_rule d = calendar(TIME_MODE_DAILY, 1);
	struct period p;
	ck_assert_int_eq(period_of(&d, from, &p), 0);
	walk(&d, p, 800, 1, 1);
	struct period_rule m = calendar(TIME_MODE_MONTHLY, 1);
	ck_assert_int_eq(period_of(&m, from, &p), 0);
	walk(&m, p, 60, 28, 31);
}
END_TEST

START_TEST(challenge_of_21_days)
{
	struct period_rule r = anchored(TIME_MODE_DAILY, "2026-02-20");
	int64_t start = day_of("2026-02-20"), end = start + 20;
	ck_assert_int_eq(period_window_count(&r, start, end), 21);
	struct period p = of(&r, "2026-02-20");
	int n = 0;
	while (period_in_window(p, start, end)) {
		ck_assert_int_eq(period_days(period_clip(p, start, end)), 1);
		n++;
		p = period_next(&r, p);
	}
	ck_assert_int_eq(n, 21);
	assert_period(of(&r, "2026-03-12"), "2026-03-12", "2026-03-12"); /* the 21st, across Feb 28 */
	ck_assert_int_eq(day_of("2026-03-12"), end);
	struct period none = { 7, 7 };
	ck_assert_int_eq(period_of(&r, start - 1, &none), -1);
	ck_assert_int_eq(none.start, 7);
	ck_assert(period_is_empty(period_prev(&r, of(&r, "2026-02-20"))));
	ck_assert_int_eq(period_window_count(&r, start - 5, end), 21); /* counts from the anchor */
}
END_TEST

START_TEST(program_of_8_weeks_from_a_wednesday)
{
	struct period_rule r = anchored(TIME_MODE_WEEKLY, "2026-01-07");
	r.week_start = 0; /* ignored by anchored rules */
	int64_t start = day_of("2026-01-07"), end = day_of("2026-03-03");
	ck_assert_int_eq(period_window_count(&r, start, end), 8);
	struct period p = of(&r, "2026-01-07");
	assert_period(p, "2026-01-07", "2026-01-13");
	int n = 0;
	while (period_in_window(p, start, end)) {
		ck_assert_int_eq(civil_weekday(p.start), 2); /* Wednesday */
		ck_assert_int_eq(period_days(period_clip(p, start, end)), 7);
		n++;
		p = period_next(&r, p);
	}
	ck_assert_int_eq(n, 8);
	assert_period(of(&r, "2026-03-03"), "2026-02-25", "2026-03-03");
	assert_period(of(&r, "2026-02-01"), "2026-01-28", "2026-02-03");
	struct period none;
	ck_assert_int_eq(period_of(&r, start - 1, &none), -1);
	ck_assert(period_is_empty(period_prev(&r, of(&r, "2026-01-07"))));
	/* One day more: a ninth period, cut to that day. */
	ck_assert_int_eq(period_window_count(&r, start, end + 1), 9);
	assert_period(period_clip(of(&r, "2026-03-04"), start, end + 1), "2026-03-04", "2026-03-04");
	walk(&r, of(&r, "2026-01-07"), 60, 7, 7);
}
END_TEST

START_TEST(anchored_monthly_clamps_from_the_anchor)
{
	struct period_rule r = anchored(TIME_MODE_MONTHLY, "2026-01-31");
	assert_period(of(&r, "2026-01-31"), "2026-01-31", "2026-02-27");
	assert_period(of(&r, "2026-02-27"), "2026-01-31", "2026-02-27");
	assert_period(of(&r, "2026-02-28"), "2026-02-28", "2026-03-30");
	assert_period(of(&r, "2026-03-31"), "2026-03-31", "2026-04-29");
	assert_period(of(&r, "2026-04-30"), "2026-04-30", "2026-05-30");
	assert_period(of(&r, "2026-05-31"), "2026-05-31", "2026-06-29");
	assert_period(of(&r, "2027-01-30"), "2026-12-31", "2027-01-30");
	assert_period(of(&r, "2027-01-31"), "2027-01-31", "2027-02-27");

	struct period_rule leap = anchored(TIME_MODE_MONTHLY, "2024-01-31");
	assert_period(of(&leap, "2024-02-28"), "2024-01-31", "2024-02-28");
	assert_period(of(&leap, "2024-02-29"), "2024-02-29", "2024-03-30");
	assert_period(period_next(&leap, of(&leap, "2024-01-31")), "2024-02-29", "2024-03-30");
	assert_period(period_prev(&leap, of(&leap, "2024-03-30")), "2024-01-31", "2024-02-28");

	struct period_rule feb29 = anchored(TIME_MODE_MONTHLY, "2024-02-29");
	assert_period(of(&feb29, "2024-03-28"), "2024-02-29", "2024-03-28");
	assert_period(of(&feb29, "2024-03-29"), "2024-03-29", "2024-04-28");
	assert_period(of(&feb29, "2025-02-27"), "2025-01-29", "2025-02-27");
	assert_period(of(&feb29, "2025-02-28"), "2025-02-28", "2025-03-28");
	assert_period(of(&feb29, "2028-02-29"), "2028-02-29", "2028-03-28");

	/* A 3-month phase from Jan 31: three periods, then a fourth only if the end runs on. */
	int64_t start = day_of("2026-01-31");
	ck_assert_int_eq(period_window_count(&r, start, day_of("2026-04-29")), 3);
	ck_assert_int_eq(period_window_count(&r, start, day_of("2026-04-30")), 4);
	ck_assert_int_eq(period_window_count(&r, start, day_of("2027-01-30")), 12);

	walk(&r, of(&r, "2026-01-31"), 40, 28, 31);
	walk(&leap, of(&leap, "2024-01-31"), 40, 28, 31);
	walk(&feb29, of(&feb29, "2024-02-29"), 40, 28, 31);
}
END_TEST

/* Every anchor over a leap year and more, every mode: the periods partition the days from the
 * anchor on (walk). */
START_TEST(anchored_walks_every_anchor)
{
	for (int64_t anchor = day_of("2023-12-01"); anchor <= day_of("2025-03-31"); anchor += 3) {
		struct period_rule r = { TIME_MODE_WEEKLY, 1, true, anchor };
		struct period p;
		ck_assert_int_eq(period_of(&r, anchor, &p), 0);
		ck_assert_int_eq(p.start, anchor);
		walk(&r, p, 10, 7, 7);
		r.mode = TIME_MODE_MONTHLY;
		ck_assert_int_eq(period_of(&r, anchor, &p), 0);
		ck_assert_int_eq(p.start, anchor);
		walk(&r, p, 14, 28, 31);
		/* Period k always starts at anchor + k months (never cumulative). */
		for (int k = 0; k < 14; k++) {
			ck_assert_int_eq(period_of(&r, civil_add_months(anchor, k), &p), 0);
			ck_assert_int_eq(p.start, civil_add_months(anchor, k));
		}
	}
}
END_TEST

START_TEST(window_counts_and_clipping)
{
	int64_t wed = day_of("2026-01-07");
	struct period_rule mon = calendar(TIME_MODE_WEEKLY, 1), sun = calendar(TIME_MODE_WEEKLY, 0);
	ck_assert_int_eq(period_window_count(&mon, wed, day_of("2026-01-11")), 1);
	ck_assert_int_eq(period_window_count(&mon, wed, day_of("2026-01-12")), 2);
	ck_assert_int_eq(period_window_count(&sun, wed, day_of("2026-01-11")), 2);
	ck_assert_int_eq(period_window_count(&mon, wed, wed), 1);
	ck_assert_int_eq(period_window_count(&mon, wed, wed - 1), 0);
	struct period_rule month = calendar(TIME_MODE_MONTHLY, 1);
	ck_assert_int_eq(period_window_count(&month, day_of("2026-01-31"), day_of("2026-02-01")), 2);
	ck_assert_int_eq(period_window_count(&month, day_of("2026-01-01"), day_of("2026-12-31")), 12);
	ck_assert_int_eq(period_window_count(&month, day_of("2025-12-31"), day_of("2027-01-01")), 14);
	struct period_rule daily = calendar(TIME_MODE_DAILY, 1);
	ck_assert_int_eq(period_window_count(&daily, day_of("2024-01-01"), day_of("2024-12-31")), 366);
	struct period_rule a = anchored(TIME_MODE_WEEKLY, "2026-01-07");
	ck_assert_int_eq(period_window_count(&a, day_of("2026-01-01"), day_of("2026-01-06")), 0);
	ck_assert_int_eq(period_window_count(&a, day_of("2026-01-01"), day_of("2026-01-07")), 1);

	/* The counted periods, clipped, partition the window exactly. */
	const struct period_rule rules[] = { mon, sun, month, daily, a, anchored(TIME_MODE_MONTHLY, "2026-01-31") };
	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
		for (int64_t start = day_of("2026-01-07"); start < day_of("2026-01-20"); start++) {
			int64_t end = start + 100;
			/* Anchored rules have no period before the anchor: count from it. */
			int64_t from = rules[i].anchored && rules[i].anchor > start ? rules[i].anchor : start;
			struct period p;
			ck_assert_int_eq(period_of(&rules[i], from, &p), 0);
			int n = 0;
			int64_t days = 0, next_day = from;
			while (period_in_window(p, start, end)) {
				struct period c = period_clip(p, start, end);
				ck_assert_int_eq(c.start, next_day);
				next_day = c.end + 1;
				days += period_days(c);
				n++;
				p = period_next(&rules[i], p);
			}
			ck_assert_int_eq(days, end - from + 1);
			ck_assert_int_eq(n, period_window_count(&rules[i], start, end));
		}
	}

	struct period p = { day_of("2026-01-05"), day_of("2026-01-11") };
	struct period c = period_clip(p, PERIOD_NO_START, PERIOD_NO_END);
	ck_assert(c.start == p.start && c.end == p.end);
	c = period_clip(p, wed, PERIOD_NO_END);
	assert_period(c, "2026-01-07", "2026-01-11");
	c = period_clip(p, PERIOD_NO_START, wed);
	assert_period(c, "2026-01-05", "2026-01-07");
	c = period_clip(p, day_of("2026-02-01"), PERIOD_NO_END);
	ck_assert(period_is_empty(c));
	ck_assert_int_eq(period_days(c), 0);
	ck_assert(period_in_window(p, PERIOD_NO_START, PERIOD_NO_END));
	ck_assert(period_in_window(p, p.end, p.end));
	ck_assert(!period_in_window(p, p.end + 1, PERIOD_NO_END));
	ck_assert(!period_in_window(p, PERIOD_NO_START, p.start - 1));
	ck_assert(!period_in_window(c, PERIOD_NO_START, PERIOD_NO_END));
	ck_assert(period_contains(p, wed));
	ck_assert(!period_contains(p, p.end + 1));
	ck_assert_int_eq(period_days(p), 7);
}
END_TEST

static Suite *period_suite(void)
{
	Suite *s = suite_create("period");
	TCase *tc = tcase_create("calendar");
	tcase_add_test(tc, mode_names);
	tcase_add_test(tc, calendar_boundaries);
	tcase_add_test(tc, calendar_walks_both_week_starts);
	suite_add_tcase(s, tc);
	tc = tcase_create("anchored");
	tcase_add_test(tc, challenge_of_21_days);
	tcase_add_test(tc, program_of_8_weeks_from_a_wednesday);
	tcase_add_test(tc, anchored_monthly_clamps_from_the_anchor);
	tcase_add_test(tc, anchored_walks_every_anchor);
	suite_add_tcase(s, tc);
	tc = tcase_create("window");
	tcase_add_test(tc, window_counts_and_clipping);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(period_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
