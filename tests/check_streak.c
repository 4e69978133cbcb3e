/* check_streak: unit tests of streaks over period results and of the milestones they cross. */
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civil.h"
#include "streak.h"
#include "timezone.h"

#define MAX_PERIODS 64

static int64_t day_of(const char *s)
{
	int64_t day = INT64_MIN;
	ck_assert_msg(civil_parse(s, &day) == 0, "%s refused", s);
	return day;
}

/* The unit of a history: one period per day, per Monday-to-Sunday week or per month. */
enum unit { DAYS, WEEKS, MONTHS };

/* Period k (k >= 0) of unit u counting from the one containing first. */
static void period_k(enum unit u, int64_t first, int k, int64_t *start, int64_t *end)
{
	switch (u) {
	case DAYS:
		*start = *end = first + k;
		break;
	case WEEKS:
		*start = civil_week_start(first, 1) + 7 * (int64_t)k;
		*end = *start + 6;
		break;
	case MONTHS:
		*start = civil_add_months(civil_month_start(first), k);
		*end = civil_month_end(*start);
		break;
	}
}

/* Fills r from a history written one character per period, oldest first:
 *   'x' due, completion 1    '.' due, no record (completion 0)    '_' nothing due (neutral)
 *   'X' open and counting    'o' open, nothing done yet
 * Returns the number of periods. */
static size_t build(const char *history, enum unit u, int64_t first, struct period_result r[MAX_PERIODS])
{
	size_t n = strlen(history);
	ck_assert_uint_le(n, MAX_PERIODS);
	for (size_t i = 0; i < n; i++) {
		char c = history[i];
		ck_assert_msg(strchr("x._Xo", c) != NULL, "bad history character %c", c);
		period_k(u, first, (int)i, &r[i].start, &r[i].end);
		r[i].due = c != '_';
		r[i].completion = c == 'x' || c == 'X' ? 1.0 : 0.0;
		r[i].open = c == 'X' || c == 'o';
	}
	return n;
}

/* The invariants of every result. */
static void assert_consistent(const char *name, struct streak s)
{
	ck_assert_msg(s.current >= 0 && s.longest >= s.current, "%s: current %d longest %d", name, s.current,
		      s.longest);
	ck_assert_msg(s.active == (s.current > 0), "%s: active", name);
	ck_assert_msg((s.current > 0) == (s.current_start != STREAK_NEVER), "%s: current_start", name);
	ck_assert_msg((s.longest > 0) == (s.last_counting_day != STREAK_NEVER), "%s: last_counting_day", name);
}

/* One history and what its streaks must be; last and start are date texts ("" = STREAK_NEVER). */
struct history_case {
	const char *name;
	enum unit unit;
	const char *first; /* a day of the oldest period */
	const char *history;
	int current, longest;
	const char *last;  /* last_counting_day */
	const char *start; /* current_start */
};

static const struct history_case histories[] = {
	{ "empty", DAYS, "2026-01-01", "", 0, 0, "", "" },
	{ "consecutive days", DAYS, "2026-01-01", "xxxxx", 5, 5, "2026-01-05", "2026-01-01" },
	{ "a gap breaks", DAYS, "2026-01-01", "xxx.xx", 2, 3, "2026-01-06", "2026-01-05" },
	{ "two gaps", DAYS, "2026-01-01", "xx.xxxx.x", 1, 4, "2026-01-09", "2026-01-09" },
	{ "all missed", DAYS, "2026-01-01", "....", 0, 0, "", "" },
	{ "broken by the last finished day", DAYS, "2026-01-01", "xxxx.", 0, 4, "2026-01-04", "" },
	{ "single day", DAYS, "2026-01-01", "x", 1, 1, "2026-01-01", "2026-01-01" },
	{ "single day between misses", DAYS, "2026-01-01", ".x.", 0, 1, "2026-01-02", "" },
	{ "single-day streak after a miss", DAYS, "2026-01-01", "xx.x", 1, 2, "2026-01-04", "2026-01-04" },
	{ "longest before current", DAYS, "2026-01-01", "xxxxx.xx", 2, 5, "2026-01-08", "2026-01-07" },
	{ "neutral days inside", DAYS, "2026-01-01", "xx__xx", 4, 4, "2026-01-06", "2026-01-01" },
	{ "neutral days at the end", DAYS, "2026-01-01", "xxx__", 3, 3, "2026-01-03", "2026-01-01" },
	{ "neutral days at the start", DAYS, "2026-01-01", "__xx", 2, 2, "2026-01-04", "2026-01-03" },
	{ "only neutral days", DAYS, "2026-01-01", "___", 0, 0, "", "" },
	{ "neutral days do not bridge a miss", DAYS, "2026-01-01", "xx_._xx", 2, 2, "2026-01-07", "2026-01-06" },
	{ "open day counting extends", DAYS, "2026-01-01", "xxxX", 4, 4, "2026-01-04", "2026-01-01" },
	{ "open day not counting keeps", DAYS, "2026-01-01", "xxxo", 3, 3, "2026-01-03", "2026-01-01" },
	{ "open day alone, not counting", DAYS, "2026-01-01", "o", 0, 0, "", "" },
	{ "open day alone, counting", DAYS, "2026-01-01", "X", 1, 1, "2026-01-01", "2026-01-01" },
	{ "open day after a miss", DAYS, "2026-01-01", "xx.X", 1, 2, "2026-01-04", "2026-01-04" },
	{ "open day not counting after a miss", DAYS, "2026-01-01", "xx.o", 0, 2, "2026-01-02", "" },
	{ "open day after neutral days", DAYS, "2026-01-01", "xx__o", 2, 2, "2026-01-02", "2026-01-01" },
	{ "across the new year", DAYS, "2025-12-29", "xxxxxx", 6, 6, "2026-01-03", "2025-12-29" },
	{ "across Feb 29", DAYS, "2024-02-28", "xxx", 3, 3, "2024-03-01", "2024-02-28" },
	/* weekly trackers count weeks (Monday to Sunday here) */
	{ "consecutive weeks", WEEKS, "2026-01-07", "xxxx", 4, 4, "2026-02-01", "2026-01-05" },
	{ "a missed week breaks", WEEKS, "2026-01-05", "xx.xxX", 3, 3, "2026-02-15", "2026-01-26" },
	{ "a week with nothing due is neutral", WEEKS, "2026-01-05", "xx_xo", 3, 3, "2026-02-01", "2026-01-05" },
	{ "weeks across the year", WEEKS, "2025-12-15", "xxxx", 4, 4, "2026-01-11", "2025-12-15" },
	/* monthly trackers count months */
	{ "consecutive months", MONTHS, "2026-01-15", "xxxxxo", 5, 5, "2026-05-31", "2026-01-01" },
	{ "a missed month breaks", MONTHS, "2025-11-01", "xx.xX", 2, 2, "2026-03-31", "2026-02-01" },
	{ "February counts as one month", MONTHS, "2024-01-01", "xxx", 3, 3, "2024-03-31", "2024-01-01" },
	{ "a month with nothing due is neutral", MONTHS, "2026-01-01", "x_x_x", 3, 3, "2026-05-31", "2026-01-01" },
};

/* The day a case's date text means, or STREAK_NEVER for "". */
static int64_t day_or_never(const char *s)
{
	return *s ? day_of(s) : STREAK_NEVER;
}

START_TEST(histories_table)
{
	for (size_t i = 0; i < sizeof histories / sizeof histories[0]; i++) {
		const struct history_case *c = &histories[i];
		struct period_result r[MAX_PERIODS];
		size_t n = build(c->history, c->unit, day_of(c->first), r);
		struct streak s = streak_compute(r, n, STREAK_THRESHOLD_DEFAULT);
		ck_assert_msg(s.current == c->current && s.longest == c->longest,
			      "%s: current %d longest %d, expected %d and %d", c->name, s.current, s.longest,
			      c->current, c->longest);
		ck_assert_msg(s.last_counting_day == day_or_never(c->last), "%s: last counting day", c->name);
		ck_assert_msg(s.current_start == day_or_never(c->start), "%s: current start", c->name);
		assert_consistent(c->name, s);
	}
}
END_TEST

START_TEST(null_and_empty)
{
	struct streak s = streak_compute(NULL, 0, 80);
	ck_assert_int_eq(s.current, 0);
	ck_assert_int_eq(s.longest, 0);
	ck_assert(!s.active);
	ck_assert(s.last_counting_day == STREAK_NEVER && s.current_start == STREAK_NEVER);
}
END_TEST

/* Whether one finished due period of completion c counts at threshold t. */
struct threshold_case {
	double completion;
	int threshold;
	bool counts;
};

static const struct threshold_case thresholds[] = {
	{ 0.75, 80, false },  /* issue 5: 75% breaks */
	{ 0.80, 80, true },   /* exactly the threshold */
	{ 0.85, 80, true },   /* 85% keeps */
	{ 4.0 / 5.0, 80, true },
	{ 0.7 + 0.1, 80, true }, /* 0.7999999999999999 */
	{ 0.1 * 8, 80, true },
	{ 0.8 - 4e-16, 80, true },  /* rounding a few ulps below 0.8: the epsilon */
	{ 0.8 - 1e-9, 80, false },  /* but the epsilon is tiny */
	{ 0.799, 80, false },
	{ 3.0 / 4.0, 80, false },
	{ 6.0 / 7.0, 80, true },
	{ 1.0, 100, true },
	{ 0.99, 100, false },
	{ 0.5, 50, true },
	{ 0.49, 50, false },
	{ 0.0, 0, true },     /* a 0% threshold: any due period counts */
	{ 0.0, 1, false },
	{ 0.0, -5, true },    /* clamped to 0 */
	{ 1.0, 150, true },   /* clamped to 100 */
	{ 0.99, 150, false },
	{ NAN, 0, false },
};

START_TEST(thresholds_table)
{
	for (size_t i = 0; i < sizeof thresholds / sizeof thresholds[0]; i++) {
		const struct threshold_case *c = &thresholds[i];
		struct period_result r = { 100, 100, true, c->completion, false };
		struct streak s = streak_compute(&r, 1, c->threshold);
		ck_assert_msg(s.current == (c->counts ? 1 : 0), "case %zu: completion %.17g at %d%%", i,
			      c->completion, c->threshold);
		assert_consistent("threshold", s);
	}
}
END_TEST

/* The same run with one day in the middle at 75%, 80% and 85%, threshold 80. */
START_TEST(threshold_inside_a_run)
{
	const struct {
		double middle;
		int current, longest;
	} rows[] = { { 0.75, 2, 2 }, { 0.80, 5, 5 }, { 0.85, 5, 5 } };
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct period_result r[MAX_PERIODS];
		size_t n = build("xxxxx", DAYS, day_of("2026-04-01"), r);
		r[2].completion = rows[i].middle;
		struct streak s = streak_compute(r, n, 80);
		ck_assert_int_eq(s.current, rows[i].current);
		ck_assert_int_eq(s.longest, rows[i].longest);
	}
	/* a partial open day: counts once it reaches the threshold, neutral before */
	struct period_result r[MAX_PERIODS];
	size_t n = build("xxxo", DAYS, day_of("2026-04-01"), r);
	r[3].completion = 0.5;
	ck_assert_int_eq(streak_compute(r, n, 80).current, 3);
	r[3].completion = 0.8;
	ck_assert_int_eq(streak_compute(r, n, 80).current, 4);
}
END_TEST

/* A backdated check-in changes a past period's result; recomputing joins the runs. */
START_TEST(backdated_check_in)
{
	struct period_result r[MAX_PERIODS];
	size_t n = build("xxx.xxxX", DAYS, day_of("2026-05-01"), r);
	struct streak before = streak_compute(r, n, 80);
	ck_assert_int_eq(before.current, 4);
	ck_assert_int_eq(before.longest, 4);
	ck_assert(before.current_start == day_of("2026-05-05"));

	r[3].completion = 0.5; /* logged, but short of the threshold: still broken */
	ck_assert_int_eq(streak_compute(r, n, 80).current, 4);

	r[3].completion = 1.0; /* now it counts: one run of 8 */
	struct streak after = streak_compute(r, n, 80);
	ck_assert_int_eq(after.current, 8);
	ck_assert_int_eq(after.longest, 8);
	ck_assert(after.current_start == day_of("2026-05-01"));
	ck_assert(after.last_counting_day == day_of("2026-05-08"));

	/* a backdated check-in in an older gap raises only the longest streak */
	n = build("xx.xx.xx", DAYS, day_of("2026-05-01"), r);
	r[2].completion = 1.0;
	struct streak s = streak_compute(r, n, 80);
	ck_assert_int_eq(s.current, 2);
	ck_assert_int_eq(s.longest, 5);
}
END_TEST

/* Periods are day numbers: the weeks holding the 2026 DST changes of New York are 7 days
 * though they last 167 and 169 hours, and days across the change are single days. */
START_TEST(dst_weeks)
{
	const struct {
		int y, m, d;       /* a Sunday on which New York changes its clocks */
		int hours;         /* the length of the Monday-to-Sunday week ending that day */
		int wm, wd;        /* the Monday starting that week */
		int fm, fd, lm, ld; /* two days before and after the change */
	} rows[] = { { 2026, 3, 8, 167, 3, 2, 3, 6, 3, 10 }, { 2026, 11, 1, 169, 10, 26, 10, 30, 11, 3 } };
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		int y = rows[i].y;
		int64_t dst = civil_from_ymd(y, rows[i].m, rows[i].d);
		ck_assert_int_eq(civil_weekday(dst), 6); /* Sunday */

		/* four weeks, the DST week third */
		struct period_result r[MAX_PERIODS];
		size_t n = build("xxxX", WEEKS, dst - 14, r);
		ck_assert(r[2].start == civil_from_ymd(y, rows[i].wm, rows[i].wd) && r[2].end == dst);
		for (size_t k = 0; k < n; k++)
			ck_assert_int_eq(r[k].end - r[k].start + 1, 7);
		struct streak s = streak_compute(r, n, 80);
		ck_assert_int_eq(s.current, 4);
		ck_assert(s.current_start == dst - 20 && s.last_counting_day == dst + 7);

		/* the hours of the DST week, from New York's offsets (noon UTC is past 02:00 local) */
		int before = 0, after = 0;
		ck_assert_int_eq(timezone_offset_minutes("America/New_York", r[2].start * 86400 + 43200, &before), 0);
		ck_assert_int_eq(timezone_offset_minutes("America/New_York", r[3].start * 86400 + 43200, &after), 0);
		ck_assert_int_eq((7 * 86400 - (after - before) * 60) / 3600, rows[i].hours);

		/* a daily streak across the change: one day per day number */
		n = build("xxxxX", DAYS, dst - 2, r);
		s = streak_compute(r, n, 80);
		ck_assert_int_eq(s.current, 5);
		ck_assert(s.current_start == civil_from_ymd(y, rows[i].fm, rows[i].fd));
		ck_assert(s.last_counting_day == civil_from_ymd(y, rows[i].lm, rows[i].ld));
	}
}
END_TEST

/* Milestones a streak crosses between two lengths. */
struct milestone_case {
	int previous, now;
	int count;
	int reached[STREAK_MILESTONE_COUNT];
};

static const struct milestone_case milestones[] = {
	{ 6, 7, 1, { 7 } },
	{ 7, 8, 0, { 0 } },
	{ 29, 61, 2, { 30, 60 } },
	{ 0, 6, 0, { 0 } },
	{ 13, 14, 1, { 14 } },
	{ 20, 21, 1, { 21 } },
	{ 89, 100, 2, { 90, 100 } },
	{ 179, 180, 1, { 180 } },
	{ 364, 365, 1, { 365 } },
	{ 365, 1000, 0, { 0 } },
	{ 0, 365, 9, { 7, 14, 21, 30, 60, 90, 100, 180, 365 } },
	{ -3, 7, 1, { 7 } },
	{ 100, 99, 0, { 0 } }, /* shrank */
	{ 7, 7, 0, { 0 } },
	{ 7, 0, 0, { 0 } },    /* broke */
};

START_TEST(milestones_table)
{
	static const int expected_table[STREAK_MILESTONE_COUNT] = { 7, 14, 21, 30, 60, 90, 100, 180, 365 };
	ck_assert_mem_eq(STREAK_MILESTONES, expected_table, sizeof expected_table);
	for (size_t i = 0; i < sizeof milestones / sizeof milestones[0]; i++) {
		const struct milestone_case *c = &milestones[i];
		int out[STREAK_MILESTONE_COUNT];
		int k = streak_milestones_reached(c->previous, c->now, out);
		ck_assert_msg(k == c->count, "%d -> %d gave %d milestones", c->previous, c->now, k);
		for (int j = 0; j < k; j++)
			ck_assert_int_eq(out[j], c->reached[j]);
	}
}
END_TEST

/* Growing a streak one day at a time crosses each milestone exactly once. */
START_TEST(milestones_once_each_day_by_day)
{
	int seen[STREAK_MILESTONE_COUNT] = { 0 };
	for (int len = 1; len <= 400; len++) {
		int out[STREAK_MILESTONE_COUNT];
		int k = streak_milestones_reached(len - 1, len, out);
		ck_assert_int_le(k, 1);
		for (int j = 0; j < k; j++) {
			ck_assert_int_eq(out[j], len);
			for (int m = 0; m < STREAK_MILESTONE_COUNT; m++)
				if (STREAK_MILESTONES[m] == out[j])
					seen[m]++;
		}
	}
	for (int m = 0; m < STREAK_MILESTONE_COUNT; m++)
		ck_assert_int_eq(seen[m], 1);
}
END_TEST

/* Loop's own export of "Wake up early" (2 in 3 days): done 16, 17, 20, 21, 22 and 25 Jan
 * 2015; Loop shows 18, 19 and 23 as done automatically and 24 as not done. */
START_TEST(rolling_cover_matches_loop_example)
{
	int64_t jan = day_of("2015-01-01") - 1; /* jan + d is d January */
	int64_t done[] = { jan + 16, jan + 17, jan + 20, jan + 21, jan + 22, jan + 25 };
	bool covered[12];
	streak_rolling_cover(done, 6, 2, 3, jan + 14, jan + 25, covered);
	static const bool want[12] = { false, false, true, true, true, true, true, true, true, true, false, true };
	for (int i = 0; i < 12; i++)
		ck_assert_msg(covered[i] == want[i], "%d Jan: %d, expected %d", 14 + i, covered[i], want[i]);
}
END_TEST

/* 1 in 3 days: every done day covers itself and the two after it; 3 in 7 days needs three done
 * days within a week before anything more than them counts; a clipped range; too few done days. */
START_TEST(rolling_cover_shapes)
{
	bool c[20];
	int64_t one[] = { 100, 105 };
	streak_rolling_cover(one, 2, 1, 3, 100, 109, c);
	static const bool want_one[10] = { true, true, true, false, false, true, true, true, false, false };
	for (int i = 0; i < 10; i++)
		ck_assert_msg(c[i] == want_one[i], "1/3 day %d: %d", 100 + i, c[i]);

	int64_t three[] = { 200, 202, 210, 211, 213 };
	streak_rolling_cover(three, 5, 3, 7, 200, 219, c);
	for (int i = 0; i < 20; i++) {
		/* 200 and 202 alone are only themselves; 210, 211, 213 within 7 days cover 210-216 */
		bool want = i == 0 || i == 2 || (i >= 10 && i <= 16);
		ck_assert_msg(c[i] == want, "3/7 day %d: %d, expected %d", 200 + i, c[i], want);
	}

	streak_rolling_cover(one, 2, 1, 3, 106, 108, c); /* only the tail of 105's window */
	ck_assert(c[0] && c[1] && !c[2]);
	streak_rolling_cover(one, 1, 2, 3, 100, 104, c); /* one done day of a 2-in-3 habit */
	ck_assert(c[0] && !c[1] && !c[2] && !c[3] && !c[4]);
	c[0] = true;
	streak_rolling_cover(one, 2, 1, 3, 50, 49, c); /* empty range: nothing written */
	ck_assert(c[0]);
}
END_TEST

/* Splits a line of Loop's wide Checkmarks.csv at its commas (no quoting there) into fields. */
static int split_fields(char *line, char **fields, int max)
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

/* Every habit of Loop's own CSV export (../shared/fixtures/loop/csv_export): from the days
 * marked YES_MANUAL, streak_rolling_cover finds exactly the days Loop marks YES_MANUAL or
 * YES_AUTO. Skipped when TRACKPRO_SHARED is absent. */
START_TEST(rolling_cover_matches_loop_export)
{
	const char *shared = getenv("TRACKPRO_SHARED");
	char path[2][1024];
	FILE *f[2] = { NULL, NULL };
	const char *names[2] = { "Habits.csv", "Checkmarks.csv" };
	for (int i = 0; shared && i < 2; i++) {
		snprintf(path[i], sizeof path[i], "%s/fixtures/loop/csv_export/%s", shared, names[i]);
		f[i] = fopen(path[i], "r");
	}
	if (!f[0] || !f[1]) {
		printf("Loop CSV export not found, skipped\n");
		for (int i = 0; i < 2; i++)
			if (f[i])
				fclose(f[i]);
		return;
	}
	enum { HABITS = 8, DAYS = 64 };
	char line[1024];
	char *fields[16];
	int num[HABITS], den[HABITS], nh = 0;
	ck_assert_ptr_nonnull(fgets(line, sizeof line, f[0]));
	while (nh < HABITS && fgets(line, sizeof line, f[0])) {
		ck_assert_int_ge(split_fields(line, fields, 16), 7);
		num[nh] = (int)strtol(fields[5], NULL, 10);
		den[nh++] = (int)strtol(fields[6], NULL, 10);
	}
	int64_t day[DAYS];
	char value[DAYS][HABITS][16];
	int nd = 0;
	ck_assert_ptr_nonnull(fgets(line, sizeof line, f[1]));
	while (nd < DAYS && fgets(line, sizeof line, f[1])) {
		int k = split_fields(line, fields, 16);
		ck_assert_int_ge(k, nh + 1);
		day[nd] = day_of(fields[0]);
		for (int h = 0; h < nh; h++)
			snprintf(value[nd][h], sizeof value[nd][h], "%s", fields[h + 1]);
		nd++;
	}
	fclose(f[0]);
	fclose(f[1]);
	ck_assert_int_ge(nd, 2);
	int compared = 0;
	for (int h = 0; h < nh; h++) {
		int64_t done[DAYS];
		size_t n = 0;
		for (int i = nd - 1; i >= 0; i--) /* the file is newest first */
			if (strcmp(value[i][h], "YES_MANUAL") == 0)
				done[n++] = day[i];
		int64_t first = day[nd - 1], last = day[0];
		bool covered[DAYS];
		streak_rolling_cover(done, n, num[h], den[h], first, last, covered);
		for (int i = 0; i < nd; i++) {
			if (strcmp(value[i][h], "UNKNOWN") == 0 || strcmp(value[i][h], "SKIP") == 0)
				continue;
			bool loop_done = strncmp(value[i][h], "YES", 3) == 0;
			ck_assert_msg(covered[day[i] - first] == loop_done, "habit %d, day %lld: %d, Loop says %s", h + 1,
				      (long long)day[i], covered[day[i] - first], value[i][h]);
			compared++;
		}
	}
	ck_assert_int_ge(compared, 10);
}
END_TEST

static Suite *streak_suite(void)
{
	Suite *s = suite_create("streak");
	TCase *tc = tcase_create("compute");
	tcase_add_test(tc, histories_table);
	tcase_add_test(tc, null_and_empty);
	tcase_add_test(tc, thresholds_table);
	tcase_add_test(tc, threshold_inside_a_run);
	tcase_add_test(tc, backdated_check_in);
	tcase_add_test(tc, dst_weeks);
	tcase_add_test(tc, rolling_cover_matches_loop_example);
	tcase_add_test(tc, rolling_cover_shapes);
	tcase_add_test(tc, rolling_cover_matches_loop_export);
	suite_add_tcase(s, tc);
	tc = tcase_create("milestones");
	tcase_add_test(tc, milestones_table);
	tcase_add_test(tc, milestones_once_each_day_by_day);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(streak_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
