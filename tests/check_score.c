/* check_score: unit tests of the habit strength (Loop Habit Tracker's score), its constants,
 * its behaviours and its refusals, and a comparison with Loop's own CSV export. */
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civil.h"
#include "score.h"

#define MAX_DAYS 800
#define EPS 1e-12

static int64_t day_of(const char *s)
{
	int64_t day = INT64_MIN;
	ck_assert_msg(civil_parse(s, &day) == 0, "%s refused", s);
	return day;
}

static bool near(double a, double b, double tolerance)
{
	return fabs(a - b) <= tolerance;
}

/* Scores of yes/no habit h over days first .. first + ndays - 1, one mark per day in marks
 * (SCORE_NONE days get no entry), into out; asserts that score_series accepts them. */
static void series_of_marks(const struct score_habit *h, const enum score_mark *marks, int ndays,
			    int64_t first, double *out)
{
	struct score_entry e[MAX_DAYS];
	size_t n = 0;
	ck_assert_int_le(ndays, MAX_DAYS);
	for (int i = 0; i < ndays; i++)
		if (marks[i] != SCORE_NONE)
			e[n++] = (struct score_entry){ first + i, marks[i], 0.0 };
	ck_assert_int_eq(score_series(h, e, n, first, first + ndays - 1, out), 0);
}

/* The same from a pattern, one character a day: 'x' done, 's' skipped, '.' nothing. */
static int series_of_pattern(const struct score_habit *h, const char *pattern, int64_t first, double *out)
{
	enum score_mark marks[MAX_DAYS];
	int n = (int)strlen(pattern);
	ck_assert_int_le(n, MAX_DAYS);
	for (int i = 0; i < n; i++)
		marks[i] = pattern[i] == 'x' ? SCORE_DONE : pattern[i] == 's' ? SCORE_SKIPPED : SCORE_NONE;
	series_of_marks(h, marks, n, first, out);
	return n;
}

/* Scores of measure habit h over ndays days with amounts[i] entered on day first + i (NAN: no
 * entry), into out. */
static void series_of_amounts(const struct score_habit *h, const double *amounts, int ndays, int64_t first,
			      double *out)
{
	struct score_entry e[MAX_DAYS];
	size_t n = 0;
	ck_assert_int_le(ndays, MAX_DAYS);
	for (int i = 0; i < ndays; i++)
		if (!isnan(amounts[i]))
			e[n++] = (struct score_entry){ first + i, SCORE_AMOUNT, amounts[i] };
	ck_assert_int_eq(score_series(h, e, n, first, first + ndays - 1, out), 0);
}

/* Asserts that out[i] = out[i-1] * m + p[i] * (1 - m) from start, for the p of each day. */
static void assert_recurrence(const double *out, const double *p, int ndays, double m, double start)
{
	double prev = start;
	for (int i = 0; i < ndays; i++) {
		double want = prev * m + p[i] * (1.0 - m);
		ck_assert_msg(near(out[i], want, EPS), "day %d: %.15f, expected %.15f (p %.3f)", i, out[i], want, p[i]);
		prev = out[i];
	}
}

/* score_multiplier: m = 0.5 ^ (sqrt(num / den) / 13), Loop's ScoreList.compute. */
static const struct {
	int num, den;
	double m;
} multipliers[] = {
	{ 1, 1, 0.9480775143 },   /* daily: 0.5^(1/13) */
	{ 3, 7, 0.9656966817 },   /* 3 times a week: sqrt(3/7) */
	{ 1, 7, 0.9800490153 },   /* weekly */
	{ 2, 30, 0.9863274203 },  /* twice a month */
	{ 1, 3, 0.9696852477 },   /* every 3 days */
	{ 2, 3, 0.9573992432 },
	{ 31, 30, 0.9472422794 }, /* 31 times a month */
};

START_TEST(multiplier_constants)
{
	for (size_t i = 0; i < sizeof multipliers / sizeof multipliers[0]; i++) {
		double m = score_multiplier(multipliers[i].num, multipliers[i].den);
		ck_assert_msg(near(m, multipliers[i].m, 1e-10), "%d/%d: %.12f", multipliers[i].num, multipliers[i].den,
			      m);
		ck_assert(near(m, pow(0.5, sqrt((double)multipliers[i].num / multipliers[i].den) / 13.0), EPS));
	}
	ck_assert(near(score_multiplier(1, 1), 0.948, 0.0005));
	/* a daily score halves its distance to 1 in 13 days */
	ck_assert(near(pow(score_multiplier(1, 1), 13), 0.5, EPS));
	const int bad[][2] = { { 0, 1 },  { 1, 0 }, { -1, 7 }, { 3, -7 }, { SCORE_FREQ_MAX + 1, 1 },
			       { 1, SCORE_FREQ_MAX + 1 } };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert(isnan(score_multiplier(bad[i][0], bad[i][1])));
}
END_TEST

/* A perfect daily habit: 1 - m^k after k days, about 80% after a month, 100% after a year. */
START_TEST(perfect_daily_habit)
{
	struct score_habit h = { 1, 1, false, false, 0 };
	double m = score_multiplier(1, 1);
	enum score_mark marks[MAX_DAYS];
	for (int i = 0; i < 365; i++)
		marks[i] = SCORE_DONE;
	double out[MAX_DAYS];
	series_of_marks(&h, marks, 365, day_of("2026-01-01"), out);
	for (int k = 1; k <= 365; k++) {
		ck_assert(near(out[k - 1], 1.0 - pow(m, k), 1e-9));
		if (k > 1)
			ck_assert(out[k - 1] > out[k - 2]);
	}
	ck_assert(near(out[0], 1.0 - m, EPS));
	ck_assert_msg(out[29] >= 0.79 && out[29] <= 0.81, "after a month: %f", out[29]);
	ck_assert_int_eq(score_percent(out[29]), 80);
	ck_assert(out[364] > 0.999 && out[364] <= 1.0);
	ck_assert_int_eq(score_percent(out[364]), 100);
}
END_TEST

/* Nothing entered is "not done": the score decays by m a day. */
START_TEST(none_entered_decays)
{
	struct score_habit h = { 1, 1, false, false, 0 };
	double m = score_multiplier(1, 1), out[MAX_DAYS];
	char pattern[61];
	memset(pattern, 'x', 30);
	memset(pattern + 30, '.', 30);
	pattern[60] = '\0';
	series_of_pattern(&h, pattern, day_of("2026-01-01"), out);
	for (int i = 30; i < 60; i++) {
		ck_assert(out[i] < out[i - 1]);
		ck_assert(near(out[i], out[i - 1] * m, EPS));
	}
	ck_assert(near(out[59], out[29] * pow(m, 30), 1e-9));
	/* a habit never done stays at 0 */
	series_of_pattern(&h, "..........", day_of("2026-01-01"), out);
	for (int i = 0; i < 10; i++)
		ck_assert(out[i] == 0.0);
	/* explicit SCORE_NONE entries are the same as none */
	struct score_entry e[] = { { 100, SCORE_DONE, 0 }, { 101, SCORE_NONE, 0 }, { 102, SCORE_NONE, NAN } };
	double a[3], b[3];
	ck_assert_int_eq(score_series(&h, e, 3, 100, 102, a), 0);
	ck_assert_int_eq(score_series(&h, e, 1, 100, 102, b), 0);
	ck_assert(memcmp(a, b, sizeof a) == 0);
}
END_TEST

/* Skipped days leave the score unchanged, for yes/no and measure habits. */
START_TEST(skips_freeze)
{
	const struct {
		struct score_habit h;
		const char *pattern;
	} rows[] = {
		{ { 1, 1, false, false, 0 }, "xxxxxxxxxxsssssxxx" },
		{ { 3, 7, false, false, 0 }, "x.x.x..x.x.x..sssssx" },
		{ { 1, 1, false, false, 0 }, "sssxx" }, /* skips before anything: still 0 */
	};
	for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
		double out[MAX_DAYS];
		int n = series_of_pattern(&rows[r].h, rows[r].pattern, day_of("2026-03-01"), out);
		for (int i = 0; i < n; i++) {
			double prev = i ? out[i - 1] : 0.0;
			if (rows[r].pattern[i] == 's')
				ck_assert_msg(out[i] == prev, "row %zu day %d moved on a skip", r, i);
			else if (rows[r].pattern[i] == 'x')
				ck_assert(out[i] > prev);
		}
	}
	/* measure: a skipped day freezes, and what slid out of the window meanwhile is gone */
	struct score_habit h = { 1, 1, true, false, 10 };
	struct score_entry e[] = { { 0, SCORE_AMOUNT, 10 }, { 1, SCORE_SKIPPED, 99 }, { 2, SCORE_AMOUNT, 5 } };
	double out[3], m = score_multiplier(1, 1);
	ck_assert_int_eq(score_series(&h, e, 3, 0, 2, out), 0);
	ck_assert(near(out[0], 1.0 - m, EPS));
	ck_assert(out[1] == out[0]);
	ck_assert(near(out[2], out[1] * m + 0.5 * (1.0 - m), EPS));
	/* at most starts at 1 and a skip on the first day keeps it */
	struct score_habit most = { 1, 1, true, true, 10 };
	ck_assert_int_eq(score_series(&most, e + 1, 1, 1, 1, out), 0);
	ck_assert(out[0] == 1.0);
}
END_TEST

/* Due less than daily: window and count doubled ("3/7 is judged as 6 in 14 days"). */
START_TEST(doubled_window)
{
	/* weekly (1/7), done once on day 0: p = 1/2 for 14 days, then 0 */
	struct score_habit weekly = { 1, 7, false, false, 0 };
	double out[MAX_DAYS], p[20], m = score_multiplier(1, 7);
	char pattern[21];
	memset(pattern, '.', 20);
	pattern[0] = 'x';
	pattern[20] = '\0';
	series_of_pattern(&weekly, pattern, day_of("2026-01-05"), out);
	for (int i = 0; i < 20; i++)
		p[i] = i < 14 ? 0.5 : 0.0;
	assert_recurrence(out, p, 20, m, 0.0);
	ck_assert(near(out[13], 0.5 * (1.0 - pow(m, 14)), EPS));

	/* 3/7 done four times in 14 days: judged against 6, p climbs to 4/6 */
	struct score_habit three = { 3, 7, false, false, 0 };
	series_of_pattern(&three, "x..x...x..x...", day_of("2026-01-05"), out);
	const int counts[14] = { 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 4, 4, 4, 4 };
	for (int i = 0; i < 14; i++)
		p[i] = counts[i] / 6.0;
	assert_recurrence(out, p, 14, score_multiplier(3, 7), 0.0);

	/* more done than asked is still p = 1: 3/7 done every day reaches 6 of 6 on day 6 */
	char every[31];
	memset(every, 'x', 30);
	every[30] = '\0';
	series_of_pattern(&three, every, day_of("2026-01-05"), out);
	double pe[30];
	for (int i = 0; i < 30; i++)
		pe[i] = i < 6 ? (i + 1) / 6.0 : 1.0;
	assert_recurrence(out, pe, 30, score_multiplier(3, 7), 0.0);

	/* daily (1/1) is not doubled: the day after a single check p is 0 */
	struct score_habit daily = { 1, 1, false, false, 0 };
	series_of_pattern(&daily, "x.", day_of("2026-01-05"), out);
	ck_assert(near(out[1], out[0] * score_multiplier(1, 1), EPS));
}
END_TEST

/* 3 times a week on Mon/Wed/Fri converges high; twice a week to 2/3. */
START_TEST(three_times_a_week)
{
	struct score_habit h = { 3, 7, false, false, 0 };
	int64_t first = day_of("2026-01-05"); /* a Monday */
	ck_assert_int_eq(civil_weekday(first), 0);
	enum score_mark mwf[MAX_DAYS], twice[MAX_DAYS];
	for (int i = 0; i < 365; i++) {
		int wd = civil_weekday(first + i);
		mwf[i] = wd == 0 || wd == 2 || wd == 4 ? SCORE_DONE : SCORE_NONE;
		twice[i] = wd == 0 || wd == 3 ? SCORE_DONE : SCORE_NONE;
	}
	double out[MAX_DAYS];
	series_of_marks(&h, mwf, 365, first, out);
	ck_assert_msg(out[364] > 0.9, "after a year: %f", out[364]);
	ck_assert_int_eq(score_percent(out[364]), 100); /* every 14-day window holds 6 */
	series_of_marks(&h, twice, 365, first, out);
	ck_assert_msg(near(out[364], 2.0 / 3.0, 0.001), "twice a week: %f", out[364]);
	ck_assert_int_eq(score_percent(out[364]), 67);
}
END_TEST

/* At most: starts at 100%, stays while under the target, drops when over. */
START_TEST(at_most_measure)
{
	struct score_habit h = { 1, 1, true, true, 10 };
	double m = score_multiplier(1, 1), out[MAX_DAYS], amounts[MAX_DAYS];
	for (int i = 0; i < 30; i++)
		amounts[i] = i % 3 == 0 ? NAN : 5; /* under, or nothing entered */
	series_of_amounts(&h, amounts, 30, 1000, out);
	for (int i = 0; i < 30; i++)
		ck_assert(out[i] == 1.0);
	ck_assert_int_eq(score_percent(out[29]), 100);

	/* 10 (at the target) keeps 1; 15 gives p 0.5; 20 and 40 give p 0 */
	const double over[] = { 10, 15, 20, 40, 0 };
	const double p[] = { 1, 0.5, 0, 0, 1 };
	series_of_amounts(&h, over, 5, 1000, out);
	assert_recurrence(out, p, 5, m, 1.0);
	ck_assert(out[1] < 1.0 && out[3] < out[2]);

	/* a target of 0: anything entered is over */
	struct score_habit zero = { 1, 1, true, true, 0 };
	const double z[] = { 0, 0, 1, 0 };
	const double zp[] = { 1, 1, 0, 1 };
	series_of_amounts(&zero, z, 4, 1000, out);
	assert_recurrence(out, zp, 4, m, 1.0);

	/* weekly window: 600 a week at most; 400 on two days of the same week is over */
	struct score_habit week = { 1, 7, true, true, 600 };
	double wa[10];
	for (int i = 0; i < 10; i++)
		wa[i] = NAN;
	wa[0] = 400;
	wa[3] = 400;
	double wp[10];
	for (int i = 0; i < 10; i++)
		wp[i] = i < 3 ? 1.0 : i < 7 ? 1.0 - (800.0 - 600.0) / 600.0 : 1.0; /* day 7: the 400 of day 0 left */
	series_of_amounts(&week, wa, 10, 1000, out);
	assert_recurrence(out, wp, 10, score_multiplier(1, 7), 1.0);
}
END_TEST

/* At least: p is the fraction of the target reached over the window (not doubled). */
START_TEST(at_least_measure)
{
	struct score_habit h = { 1, 1, true, false, 10 };
	double m = score_multiplier(1, 1), out[MAX_DAYS], amounts[MAX_DAYS];
	for (int i = 0; i < 365; i++)
		amounts[i] = 5; /* half the target */
	series_of_amounts(&h, amounts, 365, 2000, out);
	ck_assert(near(out[0], 0.5 * (1.0 - m), EPS));
	ck_assert(near(out[364], 0.5, 1e-6));
	ck_assert_int_eq(score_percent(out[364]), 50);

	/* more than the target counts as 1; negative amounts as 0 */
	const double a[] = { 30, -5, 2.5, 10 };
	const double p[] = { 1, 0, 0.25, 1 };
	series_of_amounts(&h, a, 4, 2000, out);
	assert_recurrence(out, p, 4, m, 0.0);

	/* 600 minutes a week (1/7): the window is 7 days, amounts slide out after them */
	struct score_habit week = { 1, 7, true, false, 600 };
	double wa[12], wp[12];
	for (int i = 0; i < 12; i++)
		wa[i] = NAN;
	wa[0] = 300;
	wa[3] = 300;
	const double sums[12] = { 300, 300, 300, 600, 600, 600, 600, 300, 300, 300, 0, 0 };
	for (int i = 0; i < 12; i++)
		wp[i] = sums[i] / 600.0;
	series_of_amounts(&week, wa, 12, 2000, out);
	assert_recurrence(out, wp, 12, score_multiplier(1, 7), 0.0);

	/* a target of 0 is always met */
	struct score_habit zero = { 1, 1, true, false, 0 };
	const double z[] = { 0, NAN };
	const double zp[] = { 1, 1 };
	series_of_amounts(&zero, z, 2, 2000, out);
	assert_recurrence(out, zp, 2, m, 0.0);

	/* SCORE_DONE with an amount on a measure task reads the amount */
	struct score_entry e[] = { { 5, SCORE_DONE, 5 } };
	ck_assert_int_eq(score_series(&h, e, 1, 5, 5, out), 0);
	ck_assert(near(out[0], 0.5 * (1.0 - m), EPS));
}
END_TEST

/* Entries outside first_day..last_day are ignored; the window starts at first_day. */
START_TEST(entries_outside_the_range)
{
	struct score_habit h = { 1, 7, false, false, 0 };
	struct score_entry e[] = { { 90, SCORE_DONE, 0 }, { 99, SCORE_DONE, 0 }, { 100, SCORE_DONE, 0 },
				   { 102, SCORE_DONE, 0 }, { 200, SCORE_DONE, 0 } };
	double all[3], inside[3];
	ck_assert_int_eq(score_series(&h, e, 5, 100, 102, all), 0);
	ck_assert_int_eq(score_series(&h, e + 2, 2, 100, 102, inside), 0);
	ck_assert(memcmp(all, inside, sizeof all) == 0);
	/* one day */
	struct score_habit daily = { 1, 1, false, false, 0 };
	ck_assert_int_eq(score_series(&daily, NULL, 0, 5, 5, all), 0);
	ck_assert(all[0] == 0.0);
	/* yes/no: an amount above 0 counts as done */
	struct score_entry amount[] = { { 5, SCORE_AMOUNT, 2 } };
	ck_assert_int_eq(score_series(&daily, amount, 1, 5, 5, all), 0);
	ck_assert(near(all[0], 1.0 - score_multiplier(1, 1), EPS));
}
END_TEST

/* Refused input, with out untouched; and inputs that look odd but are accepted. */
START_TEST(bad_input)
{
	const struct score_habit daily = { 1, 1, false, false, 0 }, measure = { 1, 7, true, false, 600 };
	const struct score_entry ok[] = { { 10, SCORE_DONE, 0 }, { 12, SCORE_AMOUNT, 3 } };
	const struct score_entry unsorted[] = { { 12, SCORE_DONE, 0 }, { 10, SCORE_DONE, 0 } };
	const struct score_entry twice[] = { { 10, SCORE_DONE, 0 }, { 10, SCORE_SKIPPED, 0 } };
	const struct score_entry bad_mark[] = { { 10, SCORE__MAX, 0 } };
	const struct score_entry nan_amount[] = { { 10, SCORE_AMOUNT, NAN } };
	const struct score_entry inf_done[] = { { 10, SCORE_DONE, INFINITY } };
	const struct score_habit zero_num = { 0, 1, false, false, 0 }, zero_den = { 1, 0, false, false, 0 };
	const struct score_habit neg = { -2, 7, false, false, 0 }, big = { 1, SCORE_FREQ_MAX + 1, false, false, 0 };
	const struct score_habit neg_target = { 1, 1, true, false, -1 }, nan_target = { 1, 1, true, true, NAN };
	const struct score_habit inf_target = { 1, 1, true, false, INFINITY };
	const struct score_habit yes_no_nan = { 1, 1, false, false, NAN }, over = { 31, 30, false, false, 0 };
	const struct {
		const char *name;
		const struct score_habit *h;
		const struct score_entry *e;
		size_t n;
		int64_t first, last;
		bool out_null;
		int rc;
	} rows[] = {
		{ "valid", &daily, ok, 2, 10, 14, false, 0 },
		{ "no habit", NULL, ok, 2, 10, 14, false, -1 },
		{ "no out", &daily, ok, 2, 10, 14, true, -1 },
		{ "entries NULL with n > 0", &daily, NULL, 1, 10, 14, false, -1 },
		{ "freq_num 0", &zero_num, ok, 2, 10, 14, false, -1 },
		{ "freq_den 0", &zero_den, ok, 2, 10, 14, false, -1 },
		{ "negative freq_num", &neg, ok, 2, 10, 14, false, -1 },
		{ "freq_den too big", &big, ok, 2, 10, 14, false, -1 },
		{ "negative target", &neg_target, ok, 2, 10, 14, false, -1 },
		{ "NaN target", &nan_target, ok, 2, 10, 14, false, -1 },
		{ "infinite target", &inf_target, ok, 2, 10, 14, false, -1 },
		{ "first after last", &daily, ok, 2, 14, 10, false, -1 },
		{ "first before 1900", &daily, ok, 2, CIVIL_DAY_MIN - 1, 14, false, -1 },
		{ "last after 2999", &daily, ok, 2, 10, CIVIL_DAY_MAX + 1, false, -1 },
		{ "unsorted", &daily, unsorted, 2, 10, 14, false, -1 },
		{ "two entries a day", &daily, twice, 2, 10, 14, false, -1 },
		{ "mark out of range", &daily, bad_mark, 1, 10, 14, false, -1 },
		{ "NaN amount", &measure, nan_amount, 1, 10, 14, false, -1 },
		{ "infinite amount of a measure DONE", &measure, inf_done, 1, 10, 14, false, -1 },
		/* accepted */
		{ "infinite amount of a yes/no DONE (not read)", &daily, inf_done, 1, 10, 14, false, 0 },
		{ "NaN target of a yes/no habit (not read)", &yes_no_nan, ok, 2, 10, 14, false, 0 },
		{ "31 times in 30 days", &over, ok, 2, 10, 14, false, 0 },
		{ "the whole calendar range start", &daily, NULL, 0, CIVIL_DAY_MIN, CIVIL_DAY_MIN + 4, false, 0 },
		{ "measure, valid", &measure, ok, 2, 10, 14, false, 0 },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		double out[5] = { -7, -7, -7, -7, -7 };
		int rc = score_series(rows[i].h, rows[i].e, rows[i].n, rows[i].first, rows[i].last,
				      rows[i].out_null ? NULL : out);
		ck_assert_msg(rc == rows[i].rc, "%s: returned %d", rows[i].name, rc);
		for (int k = 0; k < 5; k++) {
			if (rc != 0)
				ck_assert_msg(out[k] == -7, "%s: out written", rows[i].name);
			else
				ck_assert_msg(out[k] >= 0.0 && out[k] <= 1.0, "%s: out[%d] = %f", rows[i].name, k,
					      out[k]);
		}
	}
}
END_TEST

START_TEST(percent_rounding)
{
	const struct {
		double s;
		int percent;
	} rows[] = {
		{ 0.0, 0 }, { 1.0, 100 }, { 0.798, 80 }, { 0.794, 79 }, { 0.5, 50 }, { 0.004, 0 }, { 0.006, 1 },
		{ 0.999, 100 }, { 0.9949, 99 }, { -0.3, 0 }, { 1.7, 100 }, { NAN, 0 }, { INFINITY, 100 },
		{ -INFINITY, 0 },
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		ck_assert_msg(score_percent(rows[i].s) == rows[i].percent, "%f gave %d", rows[i].s,
			      score_percent(rows[i].s));
}
END_TEST

/* Splits line (modified) at commas into at most max fields; returns how many. */
static int split_csv(char *line, char **fields, int max)
{
	int n = 0;
	line[strcspn(line, "\r\n")] = '\0';
	for (char *p = line; n < max;) {
		fields[n++] = p;
		char *comma = strchr(p, ',');
		if (!comma)
			break;
		*comma = '\0';
		p = comma + 1;
	}
	return n;
}

/* Loop's own CSV export (../shared/fixtures/loop/csv_export: Habits.csv, and the wide
 * Checkmarks.csv and Scores.csv, newest day first): our scores match Loop's to its 4
 * decimals. Skipped when TRACKPRO_SHARED is not set or the files are missing. */
START_TEST(matches_loop_export)
{
	const char *shared = getenv("TRACKPRO_SHARED");
	char path[3][1024];
	const char *names[3] = { "Habits.csv", "Checkmarks.csv", "Scores.csv" };
	FILE *f[3] = { NULL, NULL, NULL };
	for (int i = 0; shared && i < 3; i++) {
		snprintf(path[i], sizeof path[i], "%s/fixtures/loop/csv_export/%s", shared, names[i]);
		f[i] = fopen(path[i], "r");
	}
	if (!f[0] || !f[1] || !f[2]) {
		printf("Loop CSV export not found, skipped\n");
		for (int i = 0; i < 3; i++)
			if (f[i])
				fclose(f[i]);
		return;
	}
	enum { HABITS = 4, DAYS = 64 };
	char line[1024];
	char *fields[16];
	struct score_habit h[HABITS];
	int nh = 0;
	ck_assert_ptr_nonnull(fgets(line, sizeof line, f[0])); /* header */
	while (nh < HABITS && fgets(line, sizeof line, f[0])) {
		int k = split_csv(line, fields, 16);
		ck_assert_int_ge(k, 7);
		ck_assert_str_eq(fields[2], "YES_NO");
		h[nh++] = (struct score_habit){ (int)strtol(fields[5], NULL, 10), (int)strtol(fields[6], NULL, 10), false,
						false, 0 };
	}
	ck_assert_int_ge(nh, 1);

	enum score_mark marks[HABITS][DAYS];
	double want[HABITS][DAYS];
	int64_t days[DAYS];
	int nd = 0;
	ck_assert_ptr_nonnull(fgets(line, sizeof line, f[1]));
	ck_assert_ptr_nonnull(fgets(line, sizeof line, f[2]));
	char line2[1024];
	while (nd < DAYS && fgets(line, sizeof line, f[1])) {
		ck_assert_ptr_nonnull(fgets(line2, sizeof line2, f[2]));
		int k = split_csv(line, fields, 16);
		ck_assert_int_ge(k, nh + 1);
		days[nd] = day_of(fields[0]);
		for (int j = 0; j < nh; j++) {
			const char *c = fields[j + 1];
			/* YES_AUTO is computed by Loop, not entered: not done */
			marks[j][nd] = !strcmp(c, "YES_MANUAL") ? SCORE_DONE : !strcmp(c, "SKIP") ? SCORE_SKIPPED : SCORE_NONE;
		}
		k = split_csv(line2, fields, 16);
		ck_assert_int_ge(k, nh + 1);
		ck_assert(day_of(fields[0]) == days[nd]);
		for (int j = 0; j < nh; j++)
			want[j][nd] = strtod(fields[j + 1], NULL);
		nd++;
	}
	for (int i = 0; i < 3; i++)
		fclose(f[i]);
	ck_assert_int_ge(nd, 2);

	/* the files run newest first: turn them around */
	for (int j = 0; j < nh; j++) {
		enum score_mark oldest_first[DAYS];
		for (int i = 0; i < nd; i++) {
			ck_assert(i == 0 || days[i] == days[i - 1] - 1);
			oldest_first[i] = marks[j][nd - 1 - i];
		}
		double out[DAYS];
		series_of_marks(&h[j], oldest_first, nd, days[nd - 1], out);
		for (int i = 0; i < nd; i++)
			ck_assert_msg(near(out[i], want[j][nd - 1 - i], 0.00005 + 1e-9),
				      "habit %d (%d/%d) day %d: %.6f, Loop %.4f", j + 1, h[j].freq_num, h[j].freq_den, i,
				      out[i], want[j][nd - 1 - i]);
	}
}
END_TEST

static Suite *score_suite(void)
{
	Suite *s = suite_create("score");
	TCase *tc = tcase_create("yes_no");
	tcase_add_test(tc, multiplier_constants);
	tcase_add_test(tc, perfect_daily_habit);
	tcase_add_test(tc, none_entered_decays);
	tcase_add_test(tc, skips_freeze);
	tcase_add_test(tc, doubled_window);
	tcase_add_test(tc, three_times_a_week);
	tcase_add_test(tc, entries_outside_the_range);
	suite_add_tcase(s, tc);
	tc = tcase_create("measure");
	tcase_add_test(tc, at_most_measure);
	tcase_add_test(tc, at_least_measure);
	suite_add_tcase(s, tc);
	tc = tcase_create("input");
	tcase_add_test(tc, bad_input);
	tcase_add_test(tc, percent_rounding);
	suite_add_tcase(s, tc);
	tc = tcase_create("loop");
	tcase_add_test(tc, matches_loop_export);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(score_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
