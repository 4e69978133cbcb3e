/* check_habit_stats: streaks, strength, consistency, risk and milestones computed from real
 * check-in history in a migrated database (the pure rules are in check_streak/check_score). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#include "civil.h"
#include "habit_stats.h"
#include "instance.h"
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
	tcase_add_test(tc, strength_follows_loop_after_a_perfect_month);
	tcase_add_test(tc, milestones_are_recorded_once);
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
