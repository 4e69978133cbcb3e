/* check_goal_entries: unit tests of the goals fed by entries (issue 5, "Goals") against a
 * migrated database, without HTTP — target goals with negative, backdated and future entries,
 * a target raised after achievement, a deadline that passes, abandonment; counters with resets
 * and the best run; the seed examples; the list, history and delete; ownership. The user is in
 * UTC with Monday weeks; "today" is Friday 2026-05-22 unless a test says otherwise. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "goal.h"
#include "task.h"
#include "testdb.h"
#include "testgoal.h"
#include "tracker.h"

/* Logs an entry of goal id on day as of today. */
static enum goal_result entry(int64_t id, double value, int64_t day, int64_t today)
{
	return goal_entry_add(&tdb.db, NOON(today), today, user_id, id, value, day, "");
}

/* Counts the goal_events rows of goal id of kind (a database word). */
static int64_t events(int64_t id, const char *kind)
{
	return testdb_int(&tdb, "SELECT count(*) FROM goal_events WHERE goal_id = %lld AND kind = '%s'", (long long)id, kind);
}

struct entry_list {
	int count;
	struct goal_entry items[16];
};

static int collect_entry(void *ctx, const struct goal_entry *e)
{
	struct entry_list *l = ctx;
	if (l->count < 16)
		l->items[l->count] = *e;
	l->count++;
	return 0;
}

/* ---- target goals ---- */

START_TEST(target_entries_negative_backdated_future)
{
	/* "Read 24 books this year" */
	struct goal_input in = input(GOAL_TARGET, "Read 24 books this year", 24);
	in.unit = "books";
	in.start_date = D("2026-01-01");
	in.deadline = D("2026-12-31");
	int64_t id = make_goal(&in, TODAY);
	assert_goal(id, 0, 0, GOAL_ACTIVE);
	ck_assert_int_eq(events(id, "created"), 1);
	ck_assert_int_eq(entry(id, 3, D("2026-02-10"), TODAY), GOAL_OK); /* backdated */
	ck_assert_int_eq(entry(id, 2, TODAY, TODAY), GOAL_OK);
	ck_assert_int_eq(entry(id, -1, TODAY, TODAY), GOAL_OK); /* a correction */
	assert_goal(id, 4, 0, GOAL_ACTIVE);
	/* a future day is refused and changes nothing */
	ck_assert_int_eq(entry(id, 5, TODAY + 1, TODAY), GOAL_INVALID);
	ck_assert_int_eq(entry(id, 0, TODAY, TODAY), GOAL_INVALID);
	ck_assert_int_eq(goal_entry_add(&tdb.db, NOON(TODAY), TODAY, user_id, id, 1, TODAY, "a\nb"), GOAL_INVALID);
	ck_assert_int_eq(testdb_int(&tdb, "SELECT count(*) FROM progress_entries WHERE goal_id = %lld", (long long)id), 3);
	assert_goal(id, 4, 0, GOAL_ACTIVE);
	/* 20 more: achieved, with achieved_at and a status event */
	ck_assert_int_eq(entry(id, 20, TODAY, TODAY), GOAL_OK);
	assert_goal(id, 24, 0, GOAL_ACHIEVED);
	ck_assert_int_eq(get(id).achieved_at, NOON(TODAY));
	ck_assert_int_eq(events(id, "status_changed"), 1);
	/* a negative entry below the target re-opens it */
	ck_assert_int_eq(entry(id, -2, TODAY, TODAY), GOAL_OK);
	assert_goal(id, 22, 0, GOAL_ACTIVE);
	ck_assert_int_eq(get(id).achieved_at, 0);
	ck_assert_int_eq(events(id, "status_changed"), 2);
	ck_assert_int_eq(testdb_int(&tdb,
				    "SELECT count(*) FROM goal_events WHERE goal_id = %lld AND kind = 'status_changed'"
				    " AND old_status = 'achieved' AND new_status = 'active'",
				    (long long)id),
			 1);
	/* the entries come back newest first (by day, then as logged) */
	struct entry_list l = { 0 };
	ck_assert_int_eq(goal_entries_each(&tdb.db, &tdb.arena, user_id, id, 10, collect_entry, &l), GOAL_OK);
	ck_assert_int_eq(l.count, 5);
	ck_assert(l.items[0].value == -2 && l.items[0].day == TODAY);
	ck_assert(l.items[4].value == 3 && l.items[4].day == D("2026-02-10"));
	l.count = 0;
	ck_assert_int_eq(goal_entries_each(&tdb.db, &tdb.arena, user_id, id, 2, collect_entry, &l), GOAL_OK);
	ck_assert_int_eq(l.count, 2);
}
END_TEST

START_TEST(target_raised_after_achievement)
{
	/* "21-day" target reached, then raised to 30: achieved → active, both events recorded */
	struct goal_input in = input(GOAL_TARGET, "Meditate 21 times", 21);
	in.deadline = D("2026-12-31");
	int64_t id = make_goal(&in, TODAY);
	ck_assert_int_eq(entry(id, 21, TODAY, TODAY), GOAL_OK);
	assert_goal(id, 21, 0, GOAL_ACHIEVED);
	in.target_value = 30;
	ck_assert_int_eq(goal_update(&tdb.db, NOON(TODAY) + 60, TODAY, user_id, id, &in), GOAL_OK);
	assert_goal(id, 21, 0, GOAL_ACTIVE);
	ck_assert_int_eq(get(id).achieved_at, 0);
	ck_assert_int_eq(testdb_row_int(&tdb,
					"SELECT count(*) FROM goal_events WHERE goal_id = %lld AND kind = 'target_changed'"
					" AND old_value = 21 AND new_value = 30",
					(long long)id),
			 1);
	ck_assert_int_eq(testdb_row_int(&tdb,
					"SELECT count(*) FROM goal_events WHERE goal_id = %lld AND kind = 'status_changed'"
					" AND old_status = 'achieved' AND new_status = 'active' AND note = 'The target changed.'",
					(long long)id),
			 1);
	ck_assert_int_eq(events(id, "edited"), 0); /* only the target changed */
	/* lowered to the value or below: achieved again */
	in.target_value = 20;
	ck_assert_int_eq(goal_update(&tdb.db, NOON(TODAY) + 120, TODAY, user_id, id, &in), GOAL_OK);
	assert_goal(id, 21, 0, GOAL_ACHIEVED);
	ck_assert_int_eq(get(id).achieved_at, NOON(TODAY) + 120);
	ck_assert_int_eq(events(id, "target_changed"), 2);
	ck_assert_int_eq(events(id, "status_changed"), 3);
	/* an edit that keeps the target and the status records only `edited` */
	in.name = "Meditate often";
	ck_assert_int_eq(goal_update(&tdb.db, NOON(TODAY) + 180, TODAY, user_id, id, &in), GOAL_OK);
	ck_assert_int_eq(events(id, "edited"), 1);
	ck_assert_int_eq(events(id, "status_changed"), 3);
	ck_assert_int_eq(get(id).achieved_at, NOON(TODAY) + 120);
	/* the kind cannot change */
	in.kind = GOAL_TASKS;
	ck_assert_int_eq(goal_update(&tdb.db, NOON(TODAY), TODAY, user_id, id, &in), GOAL_INVALID);
}
END_TEST

START_TEST(deadline_passes_and_past_deadline_refused)
{
	struct goal_input in = input(GOAL_TARGET, "Run 100 km", 100);
	in.unit = "km";
	in.deadline = D("2026-05-31");
	/* a deadline in the past is refused at creation, and nothing is stored */
	struct goal_input past = in;
	past.deadline = D("2026-05-21");
	ck_assert_int_eq(goal_create(&tdb.db, NOON(TODAY), TODAY, user_id, &past, NULL), GOAL_INVALID);
	ck_assert_int_eq(testdb_int(&tdb, "SELECT count(*) FROM goals"), 0);
	int64_t id = make_goal(&in, TODAY);
	ck_assert_int_eq(entry(id, 60, TODAY, TODAY), GOAL_OK);
	/* on the deadline day it is still open; the day after, it has failed */
	int64_t deadline = D("2026-05-31");
	ck_assert_int_eq(goal_recompute(&tdb.db, NOON(deadline), deadline, user_id, id), GOAL_OK);
	assert_goal(id, 60, 0, GOAL_ACTIVE);
	ck_assert_int_eq(goal_refresh(&tdb.db, NOON(deadline + 1), deadline + 1, user_id), GOAL_OK);
	assert_goal(id, 60, 0, GOAL_FAILED);
	ck_assert_int_eq(testdb_row_int(&tdb,
					"SELECT count(*) FROM goal_events WHERE goal_id = %lld AND new_status = 'failed'"
					" AND note = 'The deadline passed short of the target.'",
					(long long)id),
			 1);
	/* a late (backdated) entry that reaches the target makes it achieved after all */
	ck_assert_int_eq(entry(id, 40, deadline, deadline + 2), GOAL_OK);
	assert_goal(id, 100, 0, GOAL_ACHIEVED);
	ck_assert_int_eq(entry(id, -40, deadline + 2, deadline + 2), GOAL_OK);
	assert_goal(id, 60, 0, GOAL_FAILED);
	/* editing a failed goal may keep its past deadline; moving it later re-opens it */
	in.name = "Run 100 km (renamed)";
	ck_assert_int_eq(goal_update(&tdb.db, NOON(deadline + 2), deadline + 2, user_id, id, &in), GOAL_OK);
	assert_goal(id, 60, 0, GOAL_FAILED);
	in.deadline = D("2026-05-30"); /* another past day: refused */
	ck_assert_int_eq(goal_update(&tdb.db, NOON(deadline + 2), deadline + 2, user_id, id, &in), GOAL_INVALID);
	in.deadline = D("2026-06-30");
	ck_assert_int_eq(goal_update(&tdb.db, NOON(deadline + 2), deadline + 2, user_id, id, &in), GOAL_OK);
	assert_goal(id, 60, 0, GOAL_ACTIVE);
}
END_TEST

START_TEST(abandon_and_reactivate)
{
	struct goal_input in = input(GOAL_TARGET, "Learn 500 words", 500);
	in.deadline = D("2026-06-30");
	int64_t id = make_goal(&in, TODAY);
	ck_assert_int_eq(goal_abandon(&tdb.db, NOON(TODAY), TODAY, user_id, id), GOAL_OK);
	assert_goal(id, 0, 0, GOAL_ABANDONED);
	ck_assert_int_eq(goal_abandon(&tdb.db, NOON(TODAY), TODAY, user_id, id), GOAL_OK); /* again: no change */
	ck_assert_int_eq(events(id, "status_changed"), 1);
	/* entries still count, but the status stays abandoned, even past the target or the deadline */
	ck_assert_int_eq(entry(id, 500, TODAY, TODAY), GOAL_OK);
	assert_goal(id, 500, 0, GOAL_ABANDONED);
	ck_assert_int_eq(goal_refresh(&tdb.db, NOON(TODAY + 60), TODAY + 60, user_id), GOAL_OK);
	assert_goal(id, 500, 0, GOAL_ABANDONED);
	struct goal_progress p;
	struct goal g = get(id);
	goal_progress_of(&g, 1, TODAY, &p);
	ck_assert_int_eq(p.pace, GOAL_PACE_NONE);
	/* taken up again: the values decide (achieved) */
	ck_assert_int_eq(goal_reactivate(&tdb.db, NOON(TODAY), TODAY, user_id, id), GOAL_OK);
	assert_goal(id, 500, 0, GOAL_ACHIEVED);
	ck_assert_int_eq(testdb_row_int(&tdb,
					"SELECT count(*) FROM goal_events WHERE goal_id = %lld AND old_status = 'abandoned'"
					" AND new_status = 'achieved'",
					(long long)id),
			 1);
	ck_assert_int_eq(goal_reactivate(&tdb.db, NOON(TODAY), TODAY, user_id, id), GOAL_OK); /* not abandoned: no-op */
	ck_assert_int_eq(events(id, "status_changed"), 2);
	/* abandoned with nothing logged, taken up again: active, with its event */
	struct goal_input other = input(GOAL_TARGET, "Other", 5);
	other.deadline = D("2026-06-30");
	int64_t id2 = make_goal(&other, TODAY);
	ck_assert_int_eq(goal_abandon(&tdb.db, NOON(TODAY), TODAY, user_id, id2), GOAL_OK);
	ck_assert_int_eq(goal_reactivate(&tdb.db, NOON(TODAY), TODAY, user_id, id2), GOAL_OK);
	assert_goal(id2, 0, 0, GOAL_ACTIVE);
	ck_assert_int_eq(testdb_row_int(&tdb,
					"SELECT count(*) FROM goal_events WHERE goal_id = %lld AND old_status = 'abandoned'"
					" AND new_status = 'active' AND note = 'Taken up again.'",
					(long long)id2),
			 1);
}
END_TEST

/* ---- counters ---- */

START_TEST(counter_reset_keeps_best_run)
{
	/* "Days without alcohol", counted from 2026-04-29 */
	struct goal_input in = input(GOAL_COUNTER, "Days without alcohol", 0);
	in.unit = "days";
	in.start_date = D("2026-04-29");
	int64_t id = make_goal(&in, TODAY);
	ck_assert_int_eq(testdb_row_int(&tdb, "SELECT count(*) FROM goals WHERE id = %lld AND target_value IS NULL"
					      " AND deadline IS NULL AND metric IS NULL AND start_date = '2026-04-29'",
					(long long)id),
			 1);
	for (int d = 0; d < 23; d++)
		ck_assert_int_eq(entry(id, 1, D("2026-04-29") + d, TODAY), GOAL_OK);
	assert_goal(id, 23, 23, GOAL_ACTIVE);
	ck_assert_int_eq(goal_reset(&tdb.db, NOON(TODAY), TODAY, user_id, id, "Relapse - restarting count"), GOAL_OK);
	assert_goal(id, 0, 23, GOAL_ACTIVE);
	ck_assert_int_eq(testdb_row_int(&tdb,
					"SELECT count(*) FROM progress_entries WHERE goal_id = %lld AND value = -23 AND is_reset = 1"
					" AND day = '2026-05-22' AND note = 'Relapse - restarting count'",
					(long long)id),
			 1);
	ck_assert_int_eq(testdb_row_int(&tdb,
					"SELECT count(*) FROM goal_events WHERE goal_id = %lld AND kind = 'reset' AND old_value = 23"
					" AND new_value = 0",
					(long long)id),
			 1);
	/* nothing to reset at 0; another kind has no reset */
	ck_assert_int_eq(goal_reset(&tdb.db, NOON(TODAY), TODAY, user_id, id, ""), GOAL_INVALID);
	/* a new run shorter than the best keeps the best; a longer one replaces it */
	for (int d = 0; d < 5; d++)
		ck_assert_int_eq(entry(id, 1, TODAY, TODAY), GOAL_OK);
	assert_goal(id, 5, 23, GOAL_ACTIVE);
	ck_assert_int_eq(entry(id, 20, TODAY, TODAY), GOAL_OK);
	assert_goal(id, 25, 25, GOAL_ACTIVE);
	struct goal_input t = input(GOAL_TARGET, "Target", 5);
	t.deadline = D("2026-06-30");
	int64_t target = make_goal(&t, TODAY);
	ck_assert_int_eq(entry(target, 2, TODAY, TODAY), GOAL_OK);
	ck_assert_int_eq(goal_reset(&tdb.db, NOON(TODAY), TODAY, user_id, target, ""), GOAL_INVALID);
	assert_goal(target, 2, 0, GOAL_ACTIVE);
}
END_TEST

/* ---- seed examples, lists, ownership ---- */

START_TEST(seed_save_5000_with_pace)
{
	struct goal_input in = input(GOAL_TARGET, "Save for vacation", 5000);
	in.unit = "dollars";
	in.start_date = D("2026-01-01");
	in.deadline = D("2026-12-31");
	int64_t id = make_goal(&in, D("2026-01-01"));
	ck_assert_int_eq(entry(id, 1000, D("2026-02-01"), TODAY), GOAL_OK);
	ck_assert_int_eq(entry(id, 1000, D("2026-04-01"), TODAY), GOAL_OK);
	ck_assert_int_eq(goal_entry_add(&tdb.db, NOON(TODAY), TODAY, user_id, id, 250, TODAY, "  Paycheck deposit  "),
			 GOAL_OK);
	assert_goal(id, 2250, 0, GOAL_ACTIVE);
	ck_assert_int_eq(testdb_row_int(&tdb, "SELECT count(*) FROM progress_entries WHERE note = 'Paycheck deposit'"), 1);
	struct goal g = get(id);
	struct goal_progress p;
	goal_progress_of(&g, 1, TODAY, &p);
	ck_assert_int_eq(p.pace, GOAL_PACE_ON_TRACK);
	ck_assert_int_eq(p.days_left, 224);
	ck_assert(fabs(p.per_day - 2750.0 / 224) < 1e-9);
	ck_assert(fabs(p.per_week - 2750.0 * 7 / 224) < 1e-9);
	ck_assert(fabs(p.percent - 45) < 1e-9);
}
END_TEST

struct goal_names {
	int count;
	char names[8][64];
};

static int collect_goal(void *ctx, const struct goal *g)
{
	struct goal_names *n = ctx;
	if (n->count < 8)
		snprintf(n->names[n->count], sizeof n->names[0], "%s", g->name);
	n->count++;
	return 0;
}

struct event_list {
	int count;
	struct goal_event items[16];
};

static int collect_event(void *ctx, const struct goal_event *e)
{
	struct event_list *l = ctx;
	if (l->count < 16)
		l->items[l->count] = *e;
	l->count++;
	return 0;
}

START_TEST(list_filter_history_and_delete)
{
	struct goal_input a = input(GOAL_TARGET, "Alpha", 10);
	a.deadline = D("2026-12-31");
	int64_t alpha = make_goal(&a, TODAY);
	struct goal_input b = input(GOAL_COUNTER, "Beta", 0);
	int64_t beta = make_goal(&b, TODAY);
	struct goal_input c = input(GOAL_TARGET, "Gamma", 1);
	c.deadline = D("2026-12-31");
	int64_t gamma = make_goal(&c, TODAY);
	ck_assert_int_eq(entry(gamma, 1, TODAY, TODAY), GOAL_OK); /* achieved: listed after the active ones */
	ck_assert_int_eq(get(beta).start_date, TODAY);            /* an empty start date is the creation day */
	struct goal_names n = { 0 };
	ck_assert_int_eq(goal_each(&tdb.db, &tdb.arena, user_id, NULL, collect_goal, &n), GOAL_OK);
	ck_assert_int_eq(n.count, 3);
	ck_assert_str_eq(n.names[0], "Alpha");
	ck_assert_str_eq(n.names[1], "Beta");
	ck_assert_str_eq(n.names[2], "Gamma");
	enum goal_status achieved = GOAL_ACHIEVED;
	n.count = 0;
	ck_assert_int_eq(goal_each(&tdb.db, &tdb.arena, user_id, &achieved, collect_goal, &n), GOAL_OK);
	ck_assert_int_eq(n.count, 1);
	ck_assert_str_eq(n.names[0], "Gamma");
	/* history, newest first */
	struct event_list l = { 0 };
	ck_assert_int_eq(goal_events_each(&tdb.db, &tdb.arena, user_id, gamma, 10, collect_event, &l), GOAL_OK);
	ck_assert_int_eq(l.count, 2);
	ck_assert_int_eq(l.items[0].kind, GOAL_EVENT_STATUS_CHANGED);
	ck_assert(l.items[0].has_old_status && l.items[0].old_status == GOAL_ACTIVE);
	ck_assert(l.items[0].has_new_status && l.items[0].new_status == GOAL_ACHIEVED);
	ck_assert_str_eq(l.items[0].note, "The target was reached.");
	ck_assert_int_eq(l.items[1].kind, GOAL_EVENT_CREATED);
	ck_assert(l.items[1].has_new_value && l.items[1].new_value == 1);
	/* soft delete: gone from reads and lists, rows kept */
	ck_assert_int_eq(goal_delete(&tdb.db, NOON(TODAY), user_id, alpha), GOAL_OK);
	struct goal g;
	ck_assert_int_eq(goal_get(&tdb.db, &tdb.arena, user_id, alpha, &g), GOAL_NOT_FOUND);
	ck_assert_int_eq(goal_delete(&tdb.db, NOON(TODAY), user_id, alpha), GOAL_NOT_FOUND);
	ck_assert_int_eq(entry(alpha, 1, TODAY, TODAY), GOAL_NOT_FOUND);
	ck_assert_int_eq(goal_recompute(&tdb.db, NOON(TODAY), TODAY, user_id, alpha), GOAL_NOT_FOUND);
	n.count = 0;
	ck_assert_int_eq(goal_each(&tdb.db, &tdb.arena, user_id, NULL, collect_goal, &n), GOAL_OK);
	ck_assert_int_eq(n.count, 2);
	ck_assert_int_eq(testdb_row_int(&tdb, "SELECT count(*) FROM goals WHERE deleted_at IS NOT NULL"), 1);
	/* a category of the user can be set; another user's cannot */
	testdb_exec(&tdb,
		    "INSERT INTO categories (user_id, name, created_at, updated_at) VALUES (%lld, 'Mine', 0, 0), (%lld, 'Theirs', 0, 0)",
		    (long long)user_id, (long long)other_id);
	struct goal_input d = input(GOAL_COUNTER, "Delta", 0);
	d.category_id = testdb_row_int(&tdb, "SELECT id FROM categories WHERE name = 'Theirs'");
	ck_assert_int_eq(goal_create(&tdb.db, 0, TODAY, user_id, &d, NULL), GOAL_INVALID);
	d.category_id = testdb_row_int(&tdb, "SELECT id FROM categories WHERE name = 'Mine'");
	int64_t delta = make_goal(&d, TODAY);
	ck_assert_str_eq(get(delta).category_name, "Mine");
}
END_TEST

START_TEST(another_users_goals_and_templates)
{
	struct tracker t = make_tracker("Mine");
	int64_t mine = make_task(&t, "My task", 1, 0, "");
	/* the other user's tracker, task and goal */
	struct tracker_input tin = { "Theirs", "", TIME_MODE_DAILY, TRACKER_NO_DATE, TRACKER_NO_DATE, "#336699", 0 };
	int64_t their_tracker, their_task, their_goal;
	ck_assert_int_eq(tracker_create(&tdb.db, 0, other_id, &tin, &their_tracker), TRACKER_OK);
	struct task_input task;
	task_input_defaults(&task);
	task.name = "Their task";
	ck_assert_int_eq(task_create(&tdb.db, 0, other_id, their_tracker, &task, &their_task), TASK_OK);
	struct goal_input in = input(GOAL_TASKS, "Theirs", 5);
	ck_assert_int_eq(goal_create(&tdb.db, 0, TODAY, other_id, &in, &their_goal), GOAL_OK);
	in.name = "Mine";
	int64_t my_goal = make_goal(&in, TODAY);
	struct goal g;
	ck_assert_int_eq(goal_get(&tdb.db, &tdb.arena, user_id, their_goal, &g), GOAL_NOT_FOUND);
	ck_assert_int_eq(goal_update(&tdb.db, 0, TODAY, user_id, their_goal, &in), GOAL_NOT_FOUND);
	ck_assert_int_eq(goal_abandon(&tdb.db, 0, TODAY, user_id, their_goal), GOAL_NOT_FOUND);
	ck_assert_int_eq(goal_reactivate(&tdb.db, 0, TODAY, user_id, their_goal), GOAL_NOT_FOUND);
	ck_assert_int_eq(goal_delete(&tdb.db, 0, user_id, their_goal), GOAL_NOT_FOUND);
	ck_assert_int_eq(goal_entry_add(&tdb.db, 0, TODAY, user_id, their_goal, 1, TODAY, ""), GOAL_NOT_FOUND);
	ck_assert_int_eq(goal_reset(&tdb.db, 0, TODAY, user_id, their_goal, ""), GOAL_NOT_FOUND);
	ck_assert_int_eq(goal_recompute(&tdb.db, 0, TODAY, user_id, their_goal), GOAL_NOT_FOUND);
	/* no mapping onto their goal, nor of their template onto mine */
	ck_assert_int_eq(goal_mapping_set(&tdb.db, 0, TODAY, user_id, their_goal, mine, 1), GOAL_NOT_FOUND);
	ck_assert_int_eq(goal_mapping_set(&tdb.db, 0, TODAY, user_id, my_goal, their_task, 1), GOAL_NOT_FOUND);
	ck_assert_int_eq(goal_mapping_delete(&tdb.db, 0, TODAY, user_id, their_goal, their_task), GOAL_NOT_FOUND);
	/* a mapping of theirs on their goal is invisible from here */
	ck_assert_int_eq(goal_mapping_set(&tdb.db, 0, TODAY, other_id, their_goal, their_task, 1), GOAL_OK);
	struct mapping_count mc = { 0, 0, 0 };
	ck_assert_int_eq(goal_mappings_each(&tdb.db, &tdb.arena, user_id, their_goal, count_mapping, &mc), GOAL_OK);
	ck_assert_int_eq(mc.count, 0);
	ck_assert_int_eq(goal_templates_each(&tdb.db, &tdb.arena, user_id, count_mapping, &mc), GOAL_OK);
	ck_assert_int_eq(mc.count, 1); /* only my task */
	struct event_list l = { 0 };
	ck_assert_int_eq(goal_events_each(&tdb.db, &tdb.arena, user_id, their_goal, 10, collect_event, &l), GOAL_OK);
	ck_assert_int_eq(l.count, 0);
	/* nothing of theirs changed */
	ck_assert_int_eq(testdb_row_int(&tdb, "SELECT count(*) FROM goals WHERE id = %lld AND status = 'active' AND deleted_at IS NULL"
					      " AND name = 'Theirs'",
					(long long)their_goal),
			 1);
	ck_assert_int_eq(testdb_int(&tdb, "SELECT count(*) FROM progress_entries"), 0);
	ck_assert_int_eq(testdb_int(&tdb, "SELECT count(*) FROM goal_tasks"), 1);
	/* goals without mappings take check-ins quietly; mine does not see their check-ins */
	map(my_goal, mine, 1, TODAY);
	done(&t, mine, TODAY);
	assert_goal(my_goal, 1, 0, GOAL_ACTIVE);
	ck_assert_int_eq(goal_recompute_for_template(&tdb.db, 0, TODAY, other_id, mine), GOAL_OK);
	ck_assert_int_eq(goal_refresh(&tdb.db, 0, TODAY, other_id), GOAL_OK);
	assert_goal(my_goal, 1, 0, GOAL_ACTIVE);
}
END_TEST

static Suite *goal_entries_suite(void)
{
	Suite *s = suite_create("goal_entries");
	TCase *tc;

	tc = tcase_create("goals");
	tcase_add_checked_fixture(tc, testgoal_setup, testdb_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, target_entries_negative_backdated_future);
	tcase_add_test(tc, target_raised_after_achievement);
	tcase_add_test(tc, deadline_passes_and_past_deadline_refused);
	tcase_add_test(tc, abandon_and_reactivate);
	tcase_add_test(tc, counter_reset_keeps_best_run);
	tcase_add_test(tc, seed_save_5000_with_pace);
	tcase_add_test(tc, list_filter_history_and_delete);
	tcase_add_test(tc, another_users_goals_and_templates);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(goal_entries_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
