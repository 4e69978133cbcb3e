/* check_goal_tasks: unit tests of the goals fed by check-ins (issue 5, "Goals") against a
 * migrated database, without HTTP — tasks goals through weighted mappings (weight 0.5, a task
 * shared by two goals, a deleted template, completions outside the window, templates that do
 * not count, backdated check-ins, the days and points metrics); period goals with snapshots
 * (the weekly 600-minute deep-work goal, percent and points metrics, a deadline). The user is in
 * UTC with Monday weeks; "today" is Friday 2026-05-22 unless a test says otherwise. */
#include <check.h>
#include <math.h>
#include <stdlib.h>

#include "goal.h"
#include "instance.h"
#include "task.h"
#include "testdb.h"
#include "testgoal.h"
#include "tracker.h"

/* ---- tasks goals ---- */

START_TEST(tasks_goal_counts_checkins_in_its_window)
{
	/* "Gym 10 times this month" with the check-ins of a gym tracker */
	struct tracker gym = make_tracker("Gym");
	int64_t workout = make_task(&gym, "Work out", 1, 0, "");
	struct goal_input in = input(GOAL_TASKS, "Gym 10 times this month", 10);
	in.unit = "times";
	in.start_date = D("2026-05-01");
	in.deadline = D("2026-05-31");
	int64_t id = make_goal(&in, D("2026-05-01"));
	map(id, workout, 1, D("2026-05-01"));
	/* before the window: not counted */
	done(&gym, workout, D("2026-04-30"));
	assert_goal(id, 0, 0, GOAL_ACTIVE);
	/* each check-in counts at once, through instance_set */
	static const char *const days[] = { "2026-05-01", "2026-05-04", "2026-05-06", "2026-05-08", "2026-05-11",
					    "2026-05-13", "2026-05-15", "2026-05-18", "2026-05-20" };
	for (size_t i = 0; i < sizeof days / sizeof days[0]; i++)
		done(&gym, workout, D(days[i]));
	assert_goal(id, 9, 0, GOAL_ACTIVE);
	/* undoing one takes it away; a skipped or missed day adds nothing */
	checkin_at(&gym, workout, D("2026-05-20"), D("2026-05-20"), INSTANCE_TODO, -1);
	checkin_at(&gym, workout, D("2026-05-21"), D("2026-05-21"), INSTANCE_SKIPPED, -1);
	checkin_at(&gym, workout, D("2026-05-19"), D("2026-05-21"), INSTANCE_MISSED, -1);
	assert_goal(id, 8, 0, GOAL_ACTIVE);
	/* a backdated check-in (made on the 22nd for the 20th) counts on the 20th */
	checkin_at(&gym, workout, D("2026-05-20"), TODAY, INSTANCE_DONE, -1);
	assert_goal(id, 9, 0, GOAL_ACTIVE);
	ck_assert_int_eq(testdb_row_int(&tdb, "SELECT count(*) FROM task_instances WHERE completed_day = '2026-05-22'"), 1);
	done(&gym, workout, TODAY);
	assert_goal(id, 10, 0, GOAL_ACHIEVED);
	/* a check-in made on June 1st for May 31st is inside the window; one for June 1st is not */
	checkin_at(&gym, workout, D("2026-05-31"), D("2026-06-01"), INSTANCE_DONE, -1);
	assert_goal(id, 11, 0, GOAL_ACHIEVED);
	done(&gym, workout, D("2026-06-01"));
	assert_goal(id, 11, 0, GOAL_ACHIEVED);
	/* a goal short of its target when the month is over has failed */
	struct goal_input late = in;
	late.name = "Gym 20 times";
	late.target_value = 20;
	int64_t id20 = make_goal(&late, D("2026-05-01"));
	map(id20, workout, 1, D("2026-05-31"));
	assert_goal(id20, 11, 0, GOAL_ACTIVE);
	ck_assert_int_eq(goal_refresh(&tdb.db, NOON(D("2026-06-01")), D("2026-06-01"), user_id), GOAL_OK);
	assert_goal(id20, 11, 0, GOAL_FAILED);
}
END_TEST

START_TEST(weights_shared_tasks_and_deleted_templates)
{
	struct tracker t = make_tracker("Health");
	int64_t walk = make_task(&t, "Walk", 3, 0, "");
	int64_t yoga = make_task(&t, "Yoga", 2, 0, "");
	int64_t quiet = make_task(&t, "Not for goals", 1, 0, "");
	testdb_exec(&tdb, "UPDATE task_templates SET counts_toward_goals = 0 WHERE id = %lld", (long long)quiet);
	struct goal_input in = input(GOAL_TASKS, "Fitness", 100);
	in.start_date = D("2026-05-01");
	int64_t fitness = make_goal(&in, D("2026-05-01"));
	in.name = "Mind";
	int64_t mind = make_goal(&in, D("2026-05-01"));
	in.name = "Points";
	in.metric = GOAL_POINTS;
	int64_t points = make_goal(&in, D("2026-05-01"));
	/* walk feeds fitness fully; yoga feeds fitness and mind half each — not split, each gets it */
	map(fitness, walk, 1, TODAY);
	map(fitness, yoga, 0.5, TODAY);
	map(mind, yoga, 0.5, TODAY);
	map(fitness, quiet, 1, TODAY);
	map(points, walk, 1, TODAY);
	map(points, yoga, 0.5, TODAY);
	for (int d = 0; d < 4; d++) {
		done(&t, walk, D("2026-05-11") + d);
		done(&t, yoga, D("2026-05-11") + d);
		done(&t, quiet, D("2026-05-11") + d);
	}
	assert_goal(fitness, 6, 0, GOAL_ACTIVE); /* 4 × 1 + 4 × 0.5 */
	assert_goal(mind, 2, 0, GOAL_ACTIVE);
	assert_goal(points, 16, 0, GOAL_ACTIVE); /* 4 × 3 + 4 × 2 × 0.5 */
	/* changing a weight recomputes; weights outside 0–1 are refused */
	map(mind, yoga, 1, TODAY);
	assert_goal(mind, 4, 0, GOAL_ACTIVE);
	map(mind, yoga, 0, TODAY);
	assert_goal(mind, 0, 0, GOAL_ACTIVE);
	ck_assert_int_eq(goal_mapping_set(&tdb.db, 0, TODAY, user_id, mind, yoga, 1.5), GOAL_INVALID);
	ck_assert_int_eq(goal_mapping_set(&tdb.db, 0, TODAY, user_id, mind, yoga, -0.1), GOAL_INVALID);
	ck_assert_int_eq(goal_mapping_set(&tdb.db, 0, TODAY, user_id, mind, yoga, NAN), GOAL_INVALID);
	ck_assert_int_eq(testdb_row_int(&tdb, "SELECT weight * 10 FROM goal_tasks WHERE goal_id = %lld", (long long)mind), 0);
	/* a soft-deleted template stops counting (the next recompute, or the goal pages' refresh) */
	ck_assert_int_eq(task_delete(&tdb.db, NOON(TODAY), user_id, walk), TASK_OK);
	ck_assert_int_eq(goal_refresh(&tdb.db, NOON(TODAY), TODAY, user_id), GOAL_OK);
	assert_goal(fitness, 2, 0, GOAL_ACTIVE);
	assert_goal(points, 4, 0, GOAL_ACTIVE);
	/* it can no longer be mapped, but its mapping is still listed, marked deleted */
	ck_assert_int_eq(goal_mapping_set(&tdb.db, 0, TODAY, user_id, mind, walk, 1), GOAL_INVALID);
	struct mapping_count ml = { 0, 0, 0 };
	ck_assert_int_eq(goal_mappings_each(&tdb.db, &tdb.arena, user_id, fitness, count_mapping, &ml), GOAL_OK);
	ck_assert_int_eq(ml.count, 3);
	ck_assert_int_eq(ml.deleted, 1);
	ck_assert_int_eq(ml.quiet, 1);
	/* restored, it counts again */
	ck_assert_int_eq(task_restore(&tdb.db, NOON(TODAY), user_id, walk), TASK_OK);
	ck_assert_int_eq(goal_refresh(&tdb.db, NOON(TODAY), TODAY, user_id), GOAL_OK);
	assert_goal(fitness, 6, 0, GOAL_ACTIVE);
	/* a deleted tracker takes its tasks with it */
	ck_assert_int_eq(tracker_delete(&tdb.db, NOON(TODAY), user_id, t.id), TRACKER_OK);
	ck_assert_int_eq(goal_refresh(&tdb.db, NOON(TODAY), TODAY, user_id), GOAL_OK);
	assert_goal(fitness, 0, 0, GOAL_ACTIVE);
	/* removing a mapping recomputes; removing it twice is NOT_FOUND */
	ck_assert_int_eq(tracker_restore(&tdb.db, &tdb.arena, NOON(TODAY), user_id, t.id, NULL), TRACKER_OK);
	ck_assert_int_eq(goal_mapping_delete(&tdb.db, NOON(TODAY), TODAY, user_id, fitness, yoga), GOAL_OK);
	assert_goal(fitness, 4, 0, GOAL_ACTIVE);
	ck_assert_int_eq(goal_mapping_delete(&tdb.db, NOON(TODAY), TODAY, user_id, fitness, yoga), GOAL_NOT_FOUND);
}
END_TEST

START_TEST(tasks_goal_days_metric_21_day_challenge)
{
	/* "21-day detox: 21 days" — a day counts once, whatever number of its tasks were done */
	struct tracker t = make_tracker("Dopamine detox");
	int64_t no_phone = make_task(&t, "No phone in bed", 1, 0, "");
	int64_t walk = make_task(&t, "Walk outside", 1, 0, "");
	struct goal_input in = input(GOAL_TASKS, "21-day detox", 21);
	in.unit = "days";
	in.metric = GOAL_DAYS;
	in.start_date = D("2026-05-01");
	in.deadline = D("2026-05-21");
	int64_t id = make_goal(&in, D("2026-05-01"));
	map(id, no_phone, 1, D("2026-05-01"));
	map(id, walk, 1, D("2026-05-01"));
	for (int d = 0; d < 20; d++) {
		done(&t, no_phone, D("2026-05-01") + d);
		if (d % 2 == 0)
			done(&t, walk, D("2026-05-01") + d);
	}
	assert_goal(id, 20, 0, GOAL_ACTIVE);
	done(&t, walk, D("2026-05-21"));
	assert_goal(id, 21, 0, GOAL_ACHIEVED);
	/* a day whose only completion has weight 0.5 counts half */
	struct goal_input half = in;
	half.name = "Half days";
	int64_t h = make_goal(&half, D("2026-05-01"));
	map(h, walk, 0.5, D("2026-05-01"));
	assert_goal(h, 5.5, 0, GOAL_ACTIVE); /* 11 walking days × 0.5 */
	/* missing a day after the deadline cannot fail an achieved goal */
	ck_assert_int_eq(goal_refresh(&tdb.db, NOON(TODAY), TODAY, user_id), GOAL_OK);
	assert_goal(id, 21, 0, GOAL_ACHIEVED);
	assert_goal(h, 5.5, 0, GOAL_FAILED);
}
END_TEST

/* ---- period goals ---- */

struct snapshot_list {
	int count;
	struct goal_snapshot items[32];
};

static int collect_snapshot(void *ctx, const struct goal_snapshot *s)
{
	struct snapshot_list *l = ctx;
	if (l->count < 32)
		l->items[l->count] = *s;
	l->count++;
	return 0;
}

/* Reads the snapshots of goal id. */
static struct snapshot_list snapshots(int64_t id)
{
	struct snapshot_list l = { 0 };
	ck_assert_int_eq(goal_snapshots_each(&tdb.db, &tdb.arena, user_id, id, collect_snapshot, &l), GOAL_OK);
	return l;
}

/* Asserts snapshot i of l. */
static void assert_snapshot(const struct snapshot_list *l, int i, const char *start, const char *end, double value,
			    double target, double percent, bool achieved)
{
	ck_assert_int_lt(i, l->count);
	const struct goal_snapshot *s = &l->items[i];
	ck_assert_msg(s->period.start == D(start) && s->period.end == D(end), "snapshot %d: period", i);
	ck_assert_msg(fabs(s->achieved_value - value) < 1e-6, "snapshot %d: value %g, expected %g", i, s->achieved_value,
		      value);
	ck_assert_msg(fabs(s->target_value - target) < 1e-6, "snapshot %d: target %g", i, s->target_value);
	ck_assert_msg(fabs(s->percent - percent) < 1e-6, "snapshot %d: percent %g, expected %g", i, s->percent, percent);
	ck_assert_msg(s->achieved == achieved, "snapshot %d: achieved %d", i, s->achieved);
}

/* The pace of goal id on day. */
static enum goal_pace pace_on(int64_t id, int64_t day)
{
	struct goal g = get(id);
	struct goal_progress p;
	goal_progress_of(&g, 1, day, &p);
	return p.pace;
}

START_TEST(period_goal_weekly_deep_work)
{
	/* "600 minutes of deep work a week" from a measure task "at least 120 minutes" a day */
	struct tracker work = make_tracker("Work");
	int64_t deep = make_task(&work, "Deep work", 1, 120, "minutes");
	struct goal_input in = input(GOAL_PERIOD, "Deep work", 600);
	in.unit = "minutes";
	in.metric = GOAL_AMOUNT;
	in.period_unit = GOAL_PER_WEEK;
	in.start_date = D("2026-05-04"); /* a Monday */
	int64_t id = make_goal(&in, D("2026-05-04"));
	map(id, deep, 1, D("2026-05-04"));
	/* week 1: 630 minutes; week 2: 300 (in progress days count their minutes too) */
	static const double week1[] = { 120, 120, 120, 120, 150 }, week2[] = { 100, 100, 100 };
	for (int d = 0; d < 5; d++)
		checkin_at(&work, deep, D("2026-05-04") + d, D("2026-05-04") + d, INSTANCE_TODO, week1[d]);
	assert_goal(id, 630, 0, GOAL_ACTIVE);
	ck_assert_int_eq(pace_on(id, D("2026-05-08")), GOAL_PACE_ACHIEVED);
	ck_assert_int_eq(snapshots(id).count, 0); /* nothing finished yet */
	for (int d = 0; d < 3; d++)
		checkin_at(&work, deep, D("2026-05-11") + d, D("2026-05-11") + d, INSTANCE_TODO, week2[d]);
	struct snapshot_list l = snapshots(id);
	ck_assert_int_eq(l.count, 1);
	assert_snapshot(&l, 0, "2026-05-04", "2026-05-10", 630, 600, 105, true);
	/* week 3 so far: 360 by Friday morning, 4 of 7 days gone (342.9 expected): on track */
	for (int d = 0; d < 3; d++)
		checkin_at(&work, deep, D("2026-05-18") + d, D("2026-05-18") + d, INSTANCE_TODO, 120);
	ck_assert_int_eq(goal_refresh(&tdb.db, NOON(TODAY), TODAY, user_id), GOAL_OK);
	assert_goal(id, 360, 0, GOAL_ACTIVE);
	l = snapshots(id);
	ck_assert_int_eq(l.count, 2);
	assert_snapshot(&l, 1, "2026-05-11", "2026-05-17", 300, 600, 50, false);
	ck_assert_int_eq(pace_on(id, TODAY), GOAL_PACE_ON_TRACK);
	/* Wednesday cut to 60 minutes: 300, behind */
	checkin_at(&work, deep, D("2026-05-20"), TODAY, INSTANCE_TODO, 60);
	assert_goal(id, 300, 0, GOAL_ACTIVE);
	ck_assert_int_eq(pace_on(id, TODAY), GOAL_PACE_BEHIND);
	/* a backdated value in week 2 updates its snapshot: 300 + 300 = 600, achieved */
	checkin_at(&work, deep, D("2026-05-12"), TODAY, INSTANCE_TODO, 400);
	l = snapshots(id);
	assert_snapshot(&l, 1, "2026-05-11", "2026-05-17", 600, 600, 100, true);
	/* a new target applies from the current period on; snapshots keep theirs */
	in.target_value = 700;
	ck_assert_int_eq(goal_update(&tdb.db, NOON(TODAY), TODAY, user_id, id, &in), GOAL_OK);
	l = snapshots(id);
	assert_snapshot(&l, 0, "2026-05-04", "2026-05-10", 630, 600, 105, true);
	ck_assert_int_eq(snapshots(id).count, 2);
	/* the next week, the third one is snapshotted against 700 */
	ck_assert_int_eq(goal_refresh(&tdb.db, NOON(D("2026-05-25")), D("2026-05-25"), user_id), GOAL_OK);
	l = snapshots(id);
	ck_assert_int_eq(l.count, 3);
	assert_snapshot(&l, 2, "2026-05-18", "2026-05-24", 300, 700, 300.0 / 7, false);
	assert_goal(id, 0, 0, GOAL_ACTIVE); /* the new week */
	ck_assert_int_eq(pace_on(id, D("2026-05-25")), GOAL_PACE_ON_TRACK);
	/* counting by month instead drops the weekly snapshots and takes monthly ones */
	in.period_unit = GOAL_PER_MONTH;
	ck_assert_int_eq(goal_update(&tdb.db, NOON(D("2026-06-02")), D("2026-06-02"), user_id, id, &in), GOAL_OK);
	l = snapshots(id);
	ck_assert_int_eq(l.count, 1);
	assert_snapshot(&l, 0, "2026-05-01", "2026-05-31", 630 + 600 + 300, 700, 1530.0 / 7, true);
}
END_TEST

START_TEST(period_goal_percent_points_and_deadline)
{
	struct tracker t = make_tracker("Evening");
	int64_t read = make_task(&t, "Read", 2, 0, "");
	int64_t tidy = make_task(&t, "Tidy up", 1, 0, "");
	/* every day, 100% of the mapped tasks due */
	struct goal_input in = input(GOAL_PERIOD, "Every evening task", 100);
	in.metric = GOAL_PERCENT;
	in.period_unit = GOAL_PER_DAY;
	in.start_date = D("2026-05-11");
	int64_t all = make_goal(&in, D("2026-05-11"));
	map(all, read, 1, D("2026-05-11"));
	map(all, tidy, 1, D("2026-05-11"));
	/* points per week: 5 */
	struct goal_input pts = input(GOAL_PERIOD, "Points", 5);
	pts.metric = GOAL_POINTS;
	pts.period_unit = GOAL_PER_WEEK;
	pts.start_date = D("2026-05-11");
	pts.deadline = D("2026-05-17");
	int64_t points = make_goal(&pts, D("2026-05-11"));
	map(points, read, 1, D("2026-05-11"));
	map(points, tidy, 1, D("2026-05-11"));
	done(&t, read, D("2026-05-11"));
	done(&t, tidy, D("2026-05-11"));                                                /* 100% */
	done(&t, read, D("2026-05-12"));
	checkin_at(&t, tidy, D("2026-05-12"), D("2026-05-12"), INSTANCE_SKIPPED, -1); /* skipped leaves: 100% */
	done(&t, read, D("2026-05-13"));                                                /* tidy due, not done: 50% */
	checkin_at(&t, tidy, D("2026-05-13"), D("2026-05-13"), INSTANCE_TODO, -1);
	ck_assert_int_eq(goal_refresh(&tdb.db, NOON(D("2026-05-14")), D("2026-05-14"), user_id), GOAL_OK);
	struct snapshot_list l = snapshots(all);
	ck_assert_int_eq(l.count, 3);
	assert_snapshot(&l, 0, "2026-05-11", "2026-05-11", 100, 100, 100, true);
	assert_snapshot(&l, 1, "2026-05-12", "2026-05-12", 100, 100, 100, true);
	assert_snapshot(&l, 2, "2026-05-13", "2026-05-13", 50, 100, 50, false);
	assert_goal(all, 0, 0, GOAL_ACTIVE); /* nothing due yet on the 14th */
	assert_goal(points, 7, 0, GOAL_ACTIVE); /* 3 × 2 + 1 */
	/* the points goal ends with the week of its deadline: 7 of 5 is 140%, achieved */
	ck_assert_int_eq(goal_refresh(&tdb.db, NOON(TODAY), TODAY, user_id), GOAL_OK);
	assert_goal(points, 7, 0, GOAL_ACHIEVED);
	l = snapshots(points);
	ck_assert_int_eq(l.count, 1);
	assert_snapshot(&l, 0, "2026-05-11", "2026-05-17", 7, 5, 140, true);
	/* two weeks of which one fell short: the mean decides */
	struct goal_input two = input(GOAL_PERIOD, "Two weeks", 6);
	two.metric = GOAL_COMPLETIONS;
	two.period_unit = GOAL_PER_WEEK;
	two.start_date = D("2026-05-04");
	two.deadline = D("2026-05-17");
	int64_t pair = make_goal(&two, D("2026-05-04"));
	map(pair, read, 1, TODAY);
	for (int d = 0; d < 6; d++)
		done(&t, read, D("2026-05-04") + d); /* week 1: 6 (100%) */
	ck_assert_int_eq(goal_refresh(&tdb.db, NOON(TODAY), TODAY, user_id), GOAL_OK);
	assert_goal(pair, 3, 0, GOAL_FAILED); /* week 2: 3 of 6 (50%): mean 75% */
	done(&t, read, D("2026-05-14"));
	done(&t, read, D("2026-05-15"));
	done(&t, read, D("2026-05-16"));
	ck_assert_int_eq(goal_refresh(&tdb.db, NOON(TODAY), TODAY, user_id), GOAL_OK);
	assert_goal(pair, 6, 0, GOAL_ACHIEVED);
	ck_assert_int_eq(pace_on(pair, TODAY), GOAL_PACE_NONE);
}
END_TEST

static Suite *goal_tasks_suite(void)
{
	Suite *s = suite_create("goal_tasks");
	TCase *tc;

	tc = tcase_create("goals");
	tcase_add_checked_fixture(tc, testgoal_setup, testdb_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, tasks_goal_counts_checkins_in_its_window);
	tcase_add_test(tc, weights_shared_tasks_and_deleted_templates);
	tcase_add_test(tc, tasks_goal_days_metric_21_day_challenge);
	tcase_add_test(tc, period_goal_weekly_deep_work);
	tcase_add_test(tc, period_goal_percent_points_and_deadline);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(goal_tasks_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
