/* check_habit_stats: streaks, strength, consistency, risk and milestones computed from real
 * check-in history in a migrated database (the pure rules are in check_streak/check_score),
 * and the bounded strength window: over three years of pseudo-random history, strength read
 * from the window agrees with strength from the whole history within 0.01 percentage points. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "civil.h"
#include "habit_stats.h"
#include "instance.h"
#include "score.h"
#include "testdb.h"

/* 2026-11-16 is a Monday. */
#define MONDAY 20773
#define NOON(day) ((int64_t)(day) * 86400 + 12 * 3600)

static int64_t user_id;

static void setup(void)
{
	testdb_setup();
	user_id = testdb_user(&tdb, "a@example.org");
}

/* A tracker of user_id made at noon of day `made` (calendar periods, no dates). */
static struct tracker make_tracker(const char *name, enum time_mode mode, int64_t made)
{
	struct tracker_input in = { name, "", mode, TRACKER_NO_DATE, TRACKER_NO_DATE, "#336699", 0 };
	int64_t id;
	ck_assert_int_eq(tracker_create(&tdb.db, NOON(made), user_id, &in, &id), TRACKER_OK);
	struct tracker t;
	ck_assert_int_eq(tracker_get(&tdb.db, &tdb.arena, user_id, id, false, &t), TRACKER_OK);
	return t;
}

/* A task of tracker t with schedule s (NULL: every period). */
static struct task_template make_task(const struct tracker *t, const char *name, const struct schedule *s,
				      int64_t made)
{
	struct task_input in;
	task_input_defaults(&in);
	in.name = name;
	if (s)
		in.schedule = *s;
	int64_t id;
	ck_assert_int_eq(task_create(&tdb.db, NOON(made), user_id, t->id, &in, &id), TASK_OK);
	struct task_template tt;
	ck_assert_int_eq(task_get(&tdb.db, &tdb.arena, user_id, id, false, &tt), TASK_OK);
	return tt;
}

static int first_instance(void *ctx, const struct task_instance *ti)
{
	*(int64_t *)ctx = ti->id;
	return 1;
}

/* Opens day for t and sets its (only) task to status. */
static void mark(const struct tracker *t, int64_t day, enum instance_status status)
{
	struct tracker_instance ti;
	ck_assert_int_eq(instance_open(&tdb.db, NOON(day), t, 1, day, &ti), INSTANCE_OK);
	int64_t id = 0;
	ck_assert_int_eq(instance_tasks_each(&tdb.db, &tdb.arena, user_id, ti.id, first_instance, &id), INSTANCE_OK);
	ck_assert_int_gt(id, 0);
	ck_assert_int_eq(instance_set(&tdb.db, NOON(day), day, user_id, id, status, false, 0, SOURCE_WEB), INSTANCE_OK);
}

static struct habit_owner owner(int64_t today)
{
	struct habit_owner o = { .user_id = user_id, .week_start = 1, .time_zone = "UTC", .threshold = 80,
				 .today = today };
	return o;
}

START_TEST(daily_streak_breaks_on_a_missed_day_and_skips_are_neutral)
{
	int64_t start = MONDAY - 20;
	struct tracker t = make_tracker("Reading", TIME_MODE_DAILY, start);
	struct task_template tt = make_task(&t, "Read", NULL, start);
	for (int64_t d = start; d < start + 5; d++)
		mark(&t, d, INSTANCE_DONE);
	/* start+5 never opened: a past due day with no record breaks */
	for (int64_t d = start + 6; d < MONDAY; d++)
		mark(&t, d, d == start + 10 ? INSTANCE_SKIPPED : INSTANCE_DONE);
	struct habit_owner o = owner(MONDAY); /* today is open and not done yet: it does not break */
	struct habit_stats s;
	ck_assert_int_eq(habit_stats_task(&tdb.db, &o, &t, &tt, &s), 0);
	ck_assert_int_eq(s.streak.current, 13); /* start+6 … MONDAY-1 minus the skipped day */
	ck_assert_int_eq(s.streak.longest, 13);
	ck_assert(s.streak.active);
	ck_assert(!s.at_risk);
	mark(&t, MONDAY, INSTANCE_DONE); /* today counts once done */
	ck_assert_int_eq(habit_stats_task(&tdb.db, &o, &t, &tt, &s), 0);
	ck_assert_int_eq(s.streak.current, 14);
	/* the tracker as a page reads it now, with its task */
	ck_assert_int_eq(tracker_get(&tdb.db, &tdb.arena, user_id, t.id, false, &t), TRACKER_OK);
	ck_assert_int_eq(habit_stats_tracker(&tdb.db, &o, &t, &s), 0);
	ck_assert_int_eq(s.streak.current, 14);
}
END_TEST

START_TEST(two_missed_days_put_a_habit_at_risk)
{
	int64_t start = MONDAY - 10;
	struct tracker t = make_tracker("Running", TIME_MODE_DAILY, start);
	struct task_template tt = make_task(&t, "Run", NULL, start);
	for (int64_t d = start; d < MONDAY - 2; d++)
		mark(&t, d, INSTANCE_DONE);
	mark(&t, MONDAY - 2, INSTANCE_MISSED);
	struct habit_owner o = owner(MONDAY); /* MONDAY-1 never opened: missed too */
	struct habit_stats s;
	ck_assert_int_eq(habit_stats_task(&tdb.db, &o, &t, &tt, &s), 0);
	ck_assert(s.at_risk);
	ck_assert_int_eq(s.streak.current, 0);
	ck_assert_int_eq(s.streak.longest, 8);
	ck_assert_int_eq(s.consistency, 80); /* 8 of the 10 finished due days */
	mark(&t, MONDAY - 1, INSTANCE_DONE); /* a backdated check-in clears the risk */
	ck_assert_int_eq(habit_stats_task(&tdb.db, &o, &t, &tt, &s), 0);
	ck_assert(!s.at_risk);
	ck_assert_int_eq(s.streak.current, 1);
}
END_TEST

START_TEST(weekly_tracker_counts_weeks)
{
	int64_t start = MONDAY - 28; /* four full weeks before this Monday */
	struct tracker t = make_tracker("Gym", TIME_MODE_WEEKLY, start);
	struct task_template tt = make_task(&t, "Long run", NULL, start);
	for (int w = 0; w < 4; w++)
		mark(&t, start + 7 * w + 3, INSTANCE_DONE);
	struct habit_owner o = owner(MONDAY + 2);
	struct habit_stats s;
	ck_assert_int_eq(habit_stats_task(&tdb.db, &o, &t, &tt, &s), 0);
	ck_assert_int_eq(s.streak.current, 4);
	ck_assert_int_gt(s.strength, 0);
}
END_TEST

START_TEST(three_times_a_week_is_judged_by_the_week)
{
	int64_t start = MONDAY - 21;
	struct tracker t = make_tracker("Yoga", TIME_MODE_DAILY, start);
	struct schedule thrice = { .kind = SCHEDULE_TIMES_PER_PERIOD, .times = 3 };
	struct task_template tt = make_task(&t, "Yoga", &thrice, start);
	for (int w = 0; w < 3; w++) {
		mark(&t, start + 7 * w, INSTANCE_DONE);
		mark(&t, start + 7 * w + 2, INSTANCE_DONE);
		mark(&t, start + 7 * w + 4, INSTANCE_DONE);
	}
	struct habit_owner o = owner(MONDAY);
	struct habit_stats s;
	ck_assert_int_eq(habit_stats_task(&tdb.db, &o, &t, &tt, &s), 0);
	ck_assert_int_eq(s.streak.current, 3); /* three weeks, not nine days with gaps */
	ck_assert(!s.at_risk);
}
END_TEST

START_TEST(strength_follows_loop_after_a_perfect_month)
{
	int64_t start = MONDAY - 30;
	struct tracker t = make_tracker("Water", TIME_MODE_DAILY, start);
	struct task_template tt = make_task(&t, "Drink", NULL, start);
	for (int64_t d = start; d < MONDAY; d++)
		mark(&t, d, INSTANCE_DONE);
	struct habit_owner o = owner(MONDAY - 1);
	struct habit_stats s;
	ck_assert_int_eq(habit_stats_task(&tdb.db, &o, &t, &tt, &s), 0);
	ck_assert_int_ge(s.strength, 79); /* 1 - m^30 ≈ 79.8% */
	ck_assert_int_le(s.strength, 81);
	ck_assert_int_eq(s.strength_month_change, s.strength); /* it started at 0 */
	ck_assert(s.series[HABIT_SERIES_DAYS - 1] > s.series[HABIT_SERIES_DAYS - 10]);
	ck_assert(s.series[0] == 0);
}
END_TEST

START_TEST(milestones_are_recorded_once)
{
	int64_t start = MONDAY - 8;
	struct tracker t = make_tracker("Meditation", TIME_MODE_DAILY, start);
	make_task(&t, "Sit", NULL, start);
	for (int64_t d = start; d < MONDAY; d++)
		mark(&t, d, INSTANCE_DONE);
	struct habit_owner o = owner(MONDAY);
	struct habit_stats s;
	ck_assert_int_eq(habit_stats_tracker(&tdb.db, &o, &t, &s), 0);
	ck_assert_int_eq(s.streak.current, 8);
	ck_assert_int_eq(habit_stats_record_milestones(&tdb.db, 1, MONDAY, t.id, 0, &s.streak), 1);
	ck_assert_int_eq(habit_stats_record_milestones(&tdb.db, 2, MONDAY, t.id, 0, &s.streak), 0);
	ck_assert_int_eq(testdb_int(&tdb, "SELECT count(*) FROM streak_milestones WHERE milestone = 7"), 1);
}
END_TEST

/* ---- the strength window ---- */

#define YEARS3 (3 * 365)

/* A pseudo-random number 0..99: a 64-bit linear congruential generator, so the history is the
 * same on every run. */
static int draw(uint64_t *state)
{
	*state = *state * UINT64_C(6364136223846793005) + UINT64_C(1442695040888963407);
	return (int)((*state >> 33) % 100);
}

/* Three years of entries ending on `last` for habit h: done (or an amount for a measure task)
 * on about done_pct days in a hundred, skipped on skip_pct, nothing on the rest. Returns n. */
static size_t random_history(const struct score_habit *h, int64_t last, int done_pct, int skip_pct, uint64_t seed,
			     struct score_entry *e)
{
	size_t n = 0;
	for (int64_t d = last - YEARS3 + 1; d <= last; d++) {
		int x = draw(&seed);
		if (x < skip_pct)
			e[n++] = (struct score_entry){ d, SCORE_SKIPPED, 0 };
		else if (h->measure)
			e[n++] = (struct score_entry){ d, SCORE_AMOUNT, (double)draw(&seed) / 10.0 };
		else if (x < skip_pct + done_pct)
			e[n++] = (struct score_entry){ d, SCORE_DONE, 0 };
	}
	return n;
}

START_TEST(windowed_strength_agrees_with_the_whole_history)
{
	static const struct {
		const char *name;
		struct score_habit h;
		int done_pct, skip_pct;
		int64_t window_at_least; /* how many days the window must have cut */
	} habits[] = {
		{ "daily", { 1, 1, false, false, 0 }, 70, 5, 500 },
		{ "3 in 7 days", { 3, 7, false, false, 0 }, 45, 5, 400 },
		{ "1 in 30 days", { 1, 30, false, false, 0 }, 4, 1, 20 },
		{ "at most 3 a day", { 1, 1, true, true, 3 }, 0, 5, 500 },
		{ "daily, mostly skipped", { 1, 1, false, false, 0 }, 30, 60, 100 },
	};
	int64_t last = MONDAY, first = last - YEARS3 + 1;
	struct score_entry *e = calloc(YEARS3, sizeof *e);
	double *full = calloc(YEARS3, sizeof *full), *windowed = calloc(YEARS3, sizeof *windowed);
	for (size_t i = 0; i < sizeof habits / sizeof habits[0]; i++) {
		const struct score_habit *h = &habits[i].h;
		size_t n = random_history(h, last, habits[i].done_pct, habits[i].skip_pct, 42 + i, e);
		ck_assert_int_eq(score_series(h, e, n, first, last, full), 0);
		/* today's strength alone (the statistics page), then 365 days back too (the task page) */
		for (int64_t back = 0; back <= 365; back += 365) {
			int64_t oldest = last - back, start = score_window_start(h, e, n, first, oldest);
			ck_assert_msg(start - first >= habits[i].window_at_least - back || start == first,
				      "%s: the window starts %lld days in", habits[i].name, (long long)(start - first));
			ck_assert_int_eq(score_series(h, e, n, start, last, windowed), 0);
			for (int64_t d = oldest; d <= last; d++) {
				double a = full[d - first], b = windowed[d - start];
				ck_assert_msg(fabs(a - b) <= SCORE_WINDOW_TOLERANCE,
					      "%s, %lld days back: %.6f against %.6f", habits[i].name, (long long)(last - d),
					      a, b);
			}
		}
		/* without the skipped days' extension the window would be shorter */
		if (habits[i].skip_pct >= 50) {
			int w = score_decay_days(h->freq_num, h->freq_den);
			ck_assert_int_lt(score_window_start(h, e, n, first, last), last - w - 2 * 60);
		}
	}
	/* a habit younger than its window starts on its first day, exactly as before */
	const struct score_habit daily = { 1, 1, false, false, 0 };
	ck_assert_int_eq(score_window_start(&daily, e, 0, last - 30, last), last - 30);
	ck_assert_int_eq(score_decay_days(1, 1), 173);
	ck_assert_int_eq(score_decay_days(3, 7), 264);
	ck_assert_int_eq(score_decay_days(1, 30), 947);
	ck_assert_int_eq(score_decay_days(0, 7), -1);
	/* rare schedules are capped */
	const struct score_habit rare = { 1, 365, false, false, 0 };
	ck_assert_int_eq(score_window_start(&rare, e, 0, last - 5000, last), last - SCORE_WINDOW_MAX_DAYS + 1);
	free(e);
	free(full);
	free(windowed);
}
END_TEST

/* A task of tracker t from in's fields (defaults otherwise). */
static struct task_template make_task_from(const struct tracker *t, struct task_input *in, int64_t made)
{
	int64_t id;
	ck_assert_int_eq(task_create(&tdb.db, NOON(made), user_id, t->id, in, &id), TASK_OK);
	struct task_template tt;
	ck_assert_int_eq(task_get(&tdb.db, &tdb.arena, user_id, id, false, &tt), TASK_OK);
	return tt;
}

/* Sets task tt's instance of tracker instance ti to status (a value when value >= 0), as done
 * on day. */
static void set_task(const struct tracker_instance *ti, const struct task_template *tt, int64_t day,
		     enum instance_status status, double value)
{
	int64_t id = testdb_row_int(&tdb, "SELECT id FROM task_instances WHERE tracker_instance_id = %lld"
				    " AND task_template_id = %lld", (long long)ti->id, (long long)tt->id);
	ck_assert_int_eq(instance_set(&tdb.db, NOON(day), day, user_id, id, status, value >= 0, value >= 0 ? value : 0,
				      SOURCE_WEB),
			 INSTANCE_OK);
}

START_TEST(three_years_of_check_ins_give_the_same_strength_from_the_window)
{
	int64_t today = MONDAY, start = today - YEARS3;
	struct tracker daily = make_tracker("Habits", TIME_MODE_DAILY, start);
	struct tracker monthly = make_tracker("Budget", TIME_MODE_MONTHLY, start);
	struct task_input in;
	task_input_defaults(&in);
	in.name = "Read";
	struct task_template tasks[4];
	tasks[0] = make_task_from(&daily, &in, start);
	in.name = "Yoga";
	in.schedule = (struct schedule){ .kind = SCHEDULE_TIMES_PER_PERIOD, .times = 3 };
	tasks[1] = make_task_from(&daily, &in, start);
	task_input_defaults(&in);
	in.name = "Coffee";
	in.kind = TASK_MEASURE;
	in.direction = TASK_AT_MOST;
	in.target_value = 3;
	in.unit = "cups";
	tasks[2] = make_task_from(&daily, &in, start);
	task_input_defaults(&in);
	in.name = "Review";
	tasks[3] = make_task_from(&monthly, &in, start);
	/* the history, and Loop's view of it kept aside as the reference */
	struct score_entry *ref[4];
	size_t nref[4] = { 0 };
	for (int k = 0; k < 4; k++)
		ref[k] = calloc(YEARS3 + 1, sizeof *ref[k]);
	uint64_t seed = 7;
	ck_assert_int_eq(db_begin_write(&tdb.db), 0);
	struct tracker_instance month = { 0 };
	for (int64_t d = start; d < today; d++) {
		struct tracker_instance ti;
		ck_assert_int_eq(instance_open(&tdb.db, NOON(d), &daily, 1, d, &ti), INSTANCE_OK);
		int x = draw(&seed);
		if (x < 5) {
			set_task(&ti, &tasks[0], d, INSTANCE_SKIPPED, -1);
			ref[0][nref[0]++] = (struct score_entry){ d, SCORE_SKIPPED, 0 };
		} else if (x < 75) {
			set_task(&ti, &tasks[0], d, INSTANCE_DONE, -1);
			ref[0][nref[0]++] = (struct score_entry){ d, SCORE_DONE, 0 };
		}
		if ((x = draw(&seed)) < 45) {
			set_task(&ti, &tasks[1], d, INSTANCE_DONE, -1);
			ref[1][nref[1]++] = (struct score_entry){ d, SCORE_DONE, 0 };
		}
		double cups = draw(&seed) % 6;
		set_task(&ti, &tasks[2], d, INSTANCE_TODO, cups);
		ref[2][nref[2]++] = (struct score_entry){ d, SCORE_AMOUNT, cups };
		/* the monthly review: done on a random day of about four months in five */
		if (month.id == 0 || d > month.period.end) {
			ck_assert_int_eq(instance_open(&tdb.db, NOON(d), &monthly, 1, d, &month), INSTANCE_OK);
			if (draw(&seed) < 80) {
				int64_t on = d + draw(&seed) % 28;
				if (on < today) {
					set_task(&month, &tasks[3], on, INSTANCE_DONE, -1);
					ref[3][nref[3]++] = (struct score_entry){ on, SCORE_DONE, 0 };
				}
			}
		}
	}
	ck_assert_int_eq(db_commit(&tdb.db), 0);
	struct habit_owner o = owner(today);
	o.window_days = 400; /* a bounded window, as the statistics page asks */
	struct habit_stats s[3];
	ck_assert_int_eq(habit_stats_tasks(&tdb.db, &o, &daily, tasks, 3, s), 0);
	double *full = calloc(YEARS3 + 1, sizeof *full);
	for (int k = 0; k < 4; k++) {
		const struct tracker *t = k < 3 ? &daily : &monthly;
		struct habit_stats one;
		ck_assert_int_eq(habit_stats_task(&tdb.db, &o, t, &tasks[k], &one), 0);
		/* the whole history was not read: only the windows */
		if (k != 3)
			ck_assert_int_gt(habit_stats_read_from(&o, t, &tasks[k]), start + 100);
		struct score_habit h = { .measure = k == 2, .at_most = k == 2, .target = 3 };
		ck_assert_int_eq(schedule_fraction(&tasks[k].schedule, t->time_mode, &h.freq_num, &h.freq_den), 0);
		ck_assert_int_eq(score_series(&h, ref[k], nref[k], start, today, full), 0);
		for (int i = 0; i < HABIT_SERIES_DAYS; i++) {
			double want = full[today - start - (HABIT_SERIES_DAYS - 1) + i];
			ck_assert_msg(fabs(one.series[i] - want) <= SCORE_WINDOW_TOLERANCE,
				      "task %d, day %d: %.6f against %.6f", k, i, one.series[i], want);
			if (k < 3)
				ck_assert(one.series[i] == s[k].series[i]); /* one read for all: the same */
		}
		/* a whole percent may round the other way right at .5 */
		ck_assert_int_le(abs(one.strength - (int)lround(100 * full[today - start])), 1);
		double year = full[today - start - 365];
		ck_assert_int_le(abs(one.strength_year_change - (one.strength - (int)lround(100 * year))), 1);
		/* today's strength alone (the statistics page) is the same */
		struct habit_owner now_only = o;
		now_only.strength = HABIT_STRENGTH_TODAY;
		struct habit_stats brief;
		ck_assert_int_eq(habit_stats_task(&tdb.db, &now_only, t, &tasks[k], &brief), 0);
		ck_assert_int_le(abs(brief.strength - one.strength), 1);
		ck_assert_int_eq(brief.strength_year_change, 0);
		free(ref[k]);
	}
	free(full);
}
END_TEST

/* An "N times in any M days" habit keeps Loop Habit Tracker's streak: 2 in 3 days done on
 * days 2, 3, 6, 7, 8 and 11 of its life and missed on day 10 (Loop's own export, 16-25 Jan
 * 2015) has a streak of 7 on day 8 (days 2-8, with 4 and 5 covered) and 1 on day 11. */
START_TEST(rolling_schedule_streak_follows_loop)
{
	int64_t start = MONDAY - 30;
	struct tracker t = make_tracker("Early", TIME_MODE_DAILY, start);
	struct schedule two_in_three = { .kind = SCHEDULE_TIMES_IN_DAYS, .times = 2, .window_days = 3 };
	struct task_template tt = make_task(&t, "Wake up early", &two_in_three, start);
	static const int done[] = { 2, 3, 6, 7, 8, 11 };
	for (size_t i = 0; i < sizeof done / sizeof done[0]; i++)
		mark(&t, start + done[i], INSTANCE_DONE);
	mark(&t, start + 10, INSTANCE_MISSED);
	struct habit_owner o = owner(start + 8);
	struct habit_stats s;
	ck_assert_int_eq(habit_stats_task(&tdb.db, &o, &t, &tt, &s), 0);
	ck_assert_int_eq(s.streak.current, 7);
	o = owner(start + 11);
	ck_assert_int_eq(habit_stats_task(&tdb.db, &o, &t, &tt, &s), 0);
	ck_assert_int_eq(s.streak.current, 1);
	ck_assert_int_eq(s.streak.longest, 8); /* days 2-9: day 8's window covers 9 */
	ck_assert(!s.at_risk);
	/* four days later with nothing done: the window of 11 ran out on 13, so 14 breaks; today
	 * (15) is open and never breaks */
	o = owner(start + 15);
	ck_assert_int_eq(habit_stats_task(&tdb.db, &o, &t, &tt, &s), 0);
	ck_assert_int_eq(s.streak.current, 0);
}
END_TEST

/* Viewing the days before a tracker existed (the week page opens them, empty) does not make
 * them part of its history: a task made today is not at risk and has nothing due yet. */
START_TEST(days_opened_before_the_tracker_are_not_history)
{
	struct tracker t = make_tracker("New", TIME_MODE_DAILY, MONDAY);
	struct task_template tt = make_task(&t, "Stretch", NULL, MONDAY);
	for (int64_t d = MONDAY - 6; d < MONDAY; d++) {
		struct tracker_instance ti;
		ck_assert_int_eq(instance_open(&tdb.db, NOON(MONDAY), &t, 1, d, &ti), INSTANCE_OK);
	}
	struct habit_owner o = owner(MONDAY);
	struct habit_stats s;
	ck_assert_int_eq(habit_stats_task(&tdb.db, &o, &t, &tt, &s), 0);
	ck_assert(!s.at_risk);
	ck_assert_int_eq(s.due_periods, 0);
	ck_assert_int_eq(s.failed_periods, 0);
	ck_assert_int_eq(tracker_get(&tdb.db, &tdb.arena, user_id, t.id, false, &t), TRACKER_OK);
	ck_assert_int_eq(habit_stats_tracker(&tdb.db, &o, &t, &s), 0);
	ck_assert(!s.at_risk);
	ck_assert_int_eq(s.due_periods, 0);
	/* a check-in backdated to before the tracker's first day still counts */
	mark(&t, MONDAY - 2, INSTANCE_DONE);
	ck_assert_int_eq(habit_stats_task(&tdb.db, &o, &t, &tt, &s), 0);
	ck_assert_int_eq(s.due_periods, 2); /* the backdated day and the day after it, missed */
	ck_assert_int_eq(s.counted_periods, 1);
}
END_TEST

static Suite *stats_suite(void)
{
	Suite *s = suite_create("habit_stats");
	TCase *tc = tcase_create("history");
	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, setup, testdb_teardown);
	tcase_add_test(tc, daily_streak_breaks_on_a_missed_day_and_skips_are_neutral);
	tcase_add_test(tc, two_missed_days_put_a_habit_at_risk);
	tcase_add_test(tc, weekly_tracker_counts_weeks);
	tcase_add_test(tc, three_times_a_week_is_judged_by_the_week);
	tcase_add_test(tc, rolling_schedule_streak_follows_loop);
	tcase_add_test(tc, days_opened_before_the_tracker_are_not_history);
	tcase_add_test(tc, strength_follows_loop_after_a_perfect_month);
	tcase_add_test(tc, milestones_are_recorded_once);
	tcase_add_test(tc, windowed_strength_agrees_with_the_whole_history);
	tcase_add_test(tc, three_years_of_check_ins_give_the_same_strength_from_the_window);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(stats_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
