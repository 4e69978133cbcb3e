/* check_instance: unit tests of periods and check-ins — get-or-create (also under a forced
 * race), due tasks by schedule and creation day, snapshots, removed templates, statuses and
 * values with the audit trail, legacy periods after a mode change, challenge windows, time
 * zones, notes, completion and gap fill — against a migrated database, without HTTP. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civil.h"
#include "instance.h"
#include "testdb.h"
#include "user.h"

static struct testdb t;
static int64_t user_id, other_id;

/* 2026-11-16 is a Monday. */
#define MONDAY 20773
#define NOON(day) ((int64_t)(day) * 86400 + 12 * 3600)

static void setup(void)
{
	testdb_open(&t);
	ck_assert_int_eq(civil_from_ymd(2026, 11, 16), MONDAY);
	ck_assert_int_eq(user_create(&t.db, 0, "a@example.org", "A", "x", "UTC", false, &user_id), USER_OK);
	ck_assert_int_eq(user_create(&t.db, 0, "b@example.org", "B", "x", "UTC", false, &other_id), USER_OK);
}

static void teardown(void)
{
	testdb_close(&t);
}

/* Creates a tracker of user_id at time `now`; start/end may be TRACKER_NO_DATE. */
static struct tracker make_tracker(enum time_mode mode, int64_t start, int64_t end, int64_t now)
{
	static int made;
	char name[32];
	snprintf(name, sizeof name, "Routine %d", ++made);
	struct tracker_input in = { name, "", mode, start, end, "#336699", 0 };
	int64_t id;
	ck_assert_int_eq(tracker_create(&t.db, now, user_id, &in, &id), TRACKER_OK);
	struct tracker tr;
	ck_assert_int_eq(tracker_get(&t.db, &t.arena, user_id, id, false, &tr), TRACKER_OK);
	return tr;
}

/* Adds a task with schedule s (NULL: every period) to tracker id at time `now`. */
static int64_t make_task(int64_t tracker_id, const char *name, const struct schedule *s, int64_t now)
{
	struct task_input in;
	task_input_defaults(&in);
	in.name = name;
	if (s)
		in.schedule = *s;
	int64_t id;
	ck_assert_int_eq(task_create(&t.db, now, user_id, tracker_id, &in, &id), TASK_OK);
	return id;
}

struct collected {
	int count;
	struct task_instance items[16];
};

static int collect(void *ctx, const struct task_instance *ti)
{
	struct collected *c = ctx;
	if (c->count < 16)
		c->items[c->count] = *ti;
	c->count++;
	return 0;
}

/* Opens day of tr for user_id (zone UTC, Monday weeks) and returns its task instances. */
static struct collected open_day(const struct tracker *tr, int64_t day, struct tracker_instance *ti_out)
{
	struct tracker_instance ti;
	ck_assert_int_eq(instance_open(&t.db, NOON(day), tr, 1, day, &ti), INSTANCE_OK);
	struct collected c = { 0 };
	ck_assert_int_eq(instance_tasks_each(&t.db, &t.arena, user_id, ti.id, collect, &c), INSTANCE_OK);
	if (ti_out)
		*ti_out = ti;
	return c;
}

START_TEST(open_makes_due_tasks_once)
{
	struct tracker tr = make_tracker(TIME_MODE_DAILY, TRACKER_NO_DATE, TRACKER_NO_DATE, 0);
	struct schedule mondays = { .kind = SCHEDULE_WEEKDAYS, .weekdays = 1 };
	make_task(tr.id, "Every day", NULL, 0);
	make_task(tr.id, "Mondays", &mondays, 0);
	struct tracker_instance a, b;
	ck_assert_int_eq(open_day(&tr, MONDAY, &a).count, 2);
	ck_assert_int_eq(open_day(&tr, MONDAY + 1, NULL).count, 1);
	ck_assert_int_eq(open_day(&tr, MONDAY, &b).count, 2); /* get: the same rows again */
	ck_assert_int_eq(a.id, b.id);
	ck_assert_int_eq(a.period.start, MONDAY);
	ck_assert_int_eq(testdb_int(&t, "SELECT count(*) FROM tracker_instances"), 2);
	ck_assert_int_eq(testdb_int(&t, "SELECT count(*) FROM task_instances"), 3);
	struct tracker_instance found;
	ck_assert_int_eq(instance_find(&t.db, &tr, 1, MONDAY, &found), INSTANCE_OK);
	ck_assert_int_eq(found.id, a.id);
	ck_assert_int_eq(instance_find(&t.db, &tr, 1, MONDAY + 5, &found), INSTANCE_NOT_FOUND);
}
END_TEST

/* The second connection of the forced race, and whether it has struck yet. */
struct race {
	sqlite3 *other;
	int64_t tracker_id;
	int struck;
};

/* Trace callback: just before our INSERT of a tracker instance runs, another connection
 * inserts the same period and commits — the race get-or-create must survive. */
static int race_trace(unsigned type, void *ctx, void *p, void *x)
{
	(void)x;
	struct race *r = ctx;
	if (type != SQLITE_TRACE_STMT || r->struck)
		return 0;
	const char *sql = sqlite3_sql((sqlite3_stmt *)p);
	if (!sql || strncmp(sql, "INSERT INTO tracker_instances", 29) != 0)
		return 0;
	r->struck = 1;
	char stmt[256];
	snprintf(stmt, sizeof stmt,
		 "INSERT INTO tracker_instances (tracker_id, period_start, period_end, tracking_date, time_mode, created_at)"
		 " VALUES (%lld, '2026-11-16', '2026-11-16', '2026-11-16', 'daily', 777)",
		 (long long)r->tracker_id);
	ck_assert_int_eq(sqlite3_exec(r->other, stmt, NULL, NULL, NULL), SQLITE_OK);
	return 0;
}

START_TEST(get_or_create_survives_a_race)
{
	struct tracker tr = make_tracker(TIME_MODE_DAILY, TRACKER_NO_DATE, TRACKER_NO_DATE, 0);
	make_task(tr.id, "Stretch", NULL, 0);
	struct race r = { .tracker_id = tr.id };
	ck_assert_int_eq(sqlite3_open(t.folder.path, &r.other), SQLITE_OK);
	sqlite3_busy_timeout(r.other, 5000);
	sqlite3_trace_v2(t.db.conn, SQLITE_TRACE_STMT, race_trace, &r);
	struct tracker_instance ti;
	/* outside a transaction, so that the other connection can write in between */
	ck_assert_int_eq(instance_open(&t.db, NOON(MONDAY), &tr, 1, MONDAY, &ti), INSTANCE_OK);
	sqlite3_trace_v2(t.db.conn, 0, NULL, NULL);
	sqlite3_close(r.other);
	ck_assert_int_eq(r.struck, 1);
	ck_assert_int_eq(ti.id, testdb_int(&t, "SELECT id FROM tracker_instances WHERE created_at = 777"));
	ck_assert_int_eq(testdb_int(&t, "SELECT count(*) FROM tracker_instances"), 1);
	ck_assert_int_eq(testdb_int(&t, "SELECT count(*) FROM task_instances WHERE tracker_instance_id = %lld",
				    (long long)ti.id), 1);
}
END_TEST

START_TEST(snapshot_survives_template_edit_and_delete)
{
	struct tracker tr = make_tracker(TIME_MODE_DAILY, TRACKER_NO_DATE, TRACKER_NO_DATE, 0);
	int64_t task = make_task(tr.id, "Read", NULL, 0);
	struct collected before = open_day(&tr, MONDAY, NULL);
	struct task_input in;
	task_input_defaults(&in);
	in.name = "Read 30 pages";
	in.points = 5;
	ck_assert_int_eq(task_update(&t.db, 10, user_id, task, &in), TASK_OK);
	struct collected old = open_day(&tr, MONDAY, NULL), fresh = open_day(&tr, MONDAY + 1, NULL);
	ck_assert_str_eq(before.items[0].name, "Read");
	ck_assert_str_eq(old.items[0].name, "Read");
	ck_assert_int_eq(old.items[0].points, 1);
	ck_assert_str_eq(fresh.items[0].name, "Read 30 pages");
	ck_assert_int_eq(fresh.items[0].points, 5);
	ck_assert_int_eq(task_delete(&t.db, 20, user_id, task), TASK_OK);
	old = open_day(&tr, MONDAY, NULL);
	ck_assert_int_eq(old.count, 1);
	ck_assert(old.items[0].template_deleted); /* "from a removed task" */
	ck_assert_int_eq(open_day(&tr, MONDAY + 2, NULL).count, 0);
}
END_TEST

START_TEST(statuses_times_and_audit_trail)
{
	struct tracker tr = make_tracker(TIME_MODE_DAILY, TRACKER_NO_DATE, TRACKER_NO_DATE, 0);
	make_task(tr.id, "Walk", NULL, 0);
	int64_t id = open_day(&tr, MONDAY, NULL).items[0].id;
	struct task_instance ti;
	ck_assert_int_eq(instance_set(&t.db, 1000, MONDAY, user_id, id, INSTANCE_DONE, false, 0, SOURCE_WEB), INSTANCE_OK);
	ck_assert_int_eq(instance_set(&t.db, 2000, MONDAY, user_id, id, INSTANCE_TODO, false, 0, SOURCE_WEB), INSTANCE_OK);
	ck_assert_int_eq(instance_task_get(&t.db, &t.arena, user_id, id, &ti, NULL, NULL), INSTANCE_OK);
	ck_assert_int_eq(ti.first_completed_at, 1000);
	ck_assert_int_eq(ti.completed_at, 0);
	ck_assert_int_eq(instance_set(&t.db, 3000, MONDAY + 1, user_id, id, INSTANCE_DONE, false, 0, SOURCE_BATCH),
			 INSTANCE_OK);
	ck_assert_int_eq(instance_set(&t.db, 3500, MONDAY + 1, user_id, id, INSTANCE_DONE, false, 0, SOURCE_WEB),
			 INSTANCE_OK); /* no change: no event */
	ck_assert_int_eq(instance_task_get(&t.db, &t.arena, user_id, id, &ti, NULL, NULL), INSTANCE_OK);
	ck_assert_int_eq(ti.first_completed_at, 1000); /* never changes once set */
	ck_assert_int_eq(ti.completed_at, 3000);       /* the last move to done */
	ck_assert_int_eq(testdb_int(&t, "SELECT count(*) FROM task_events WHERE task_instance_id = %lld", (long long)id), 3);
	ck_assert_int_eq(testdb_int(&t, "SELECT count(*) FROM task_events WHERE source = 'batch'"), 1);
	ck_assert_int_eq(testdb_int(&t, "SELECT completed_day = '2026-11-17' FROM task_instances WHERE id = %lld",
				    (long long)id), 1);
	/* another user's instance is not found, and nothing changes */
	ck_assert_int_eq(instance_set(&t.db, 4000, MONDAY, other_id, id, INSTANCE_SKIPPED, false, 0, SOURCE_WEB),
			 INSTANCE_NOT_FOUND);
	ck_assert_int_eq(instance_task_get(&t.db, &t.arena, user_id, id, &ti, NULL, NULL), INSTANCE_OK);
	ck_assert_int_eq(ti.status, INSTANCE_DONE);
	/* a value for a check task is refused */
	ck_assert_int_eq(instance_set(&t.db, 4000, MONDAY, user_id, id, INSTANCE_DONE, true, 3, SOURCE_WEB),
			 INSTANCE_INVALID);
}
END_TEST

START_TEST(measure_values_decide_the_status)
{
	struct tracker tr = make_tracker(TIME_MODE_DAILY, TRACKER_NO_DATE, TRACKER_NO_DATE, 0);
	struct task_input in;
	task_input_defaults(&in);
	in.name = "Water";
	in.kind = TASK_MEASURE;
	in.target_value = 8;
	in.direction = TASK_AT_LEAST;
	in.unit = "glasses";
	int64_t tid;
	ck_assert_int_eq(task_create(&t.db, 0, user_id, tr.id, &in, &tid), TASK_OK);
	in.name = "Coffee";
	in.target_value = 2;
	in.direction = TASK_AT_MOST;
	ck_assert_int_eq(task_create(&t.db, 0, user_id, tr.id, &in, &tid), TASK_OK);
	struct collected c = open_day(&tr, MONDAY, NULL);
	ck_assert_int_eq(c.count, 2);
	int64_t water = strcmp(c.items[0].name, "Water") == 0 ? c.items[0].id : c.items[1].id;
	int64_t coffee = water == c.items[0].id ? c.items[1].id : c.items[0].id;
	struct task_instance ti;
	const struct {
		int64_t id;
		double value;
		enum instance_status expect;
	} steps[] = {
		{ water, 3, INSTANCE_IN_PROGRESS }, { water, 8, INSTANCE_DONE }, { water, 0, INSTANCE_TODO },
		{ coffee, 3, INSTANCE_MISSED },     { coffee, 1, INSTANCE_DONE },
	};
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		ck_assert_int_eq(instance_set(&t.db, 100 + (int64_t)i, MONDAY, user_id, steps[i].id, INSTANCE_TODO, true,
					      steps[i].value, SOURCE_WEB),
				 INSTANCE_OK);
		ck_assert_int_eq(instance_task_get(&t.db, &t.arena, user_id, steps[i].id, &ti, NULL, NULL), INSTANCE_OK);
		ck_assert_msg(ti.status == steps[i].expect, "step %zu: %s", i, instance_status_name(ti.status));
		ck_assert(ti.has_value && fabs(ti.value - steps[i].value) < 1e-9);
	}
	ck_assert_int_eq(instance_set(&t.db, 200, MONDAY, user_id, water, INSTANCE_TODO, true, -1, SOURCE_WEB),
			 INSTANCE_INVALID);
}
END_TEST

START_TEST(completion_weights_and_skips)
{
	struct completion c = { 0 };
	struct task_instance a = { .status = INSTANCE_DONE, .weight = 2 }, b = { .status = INSTANCE_TODO, .weight = 1 },
			     s = { .status = INSTANCE_SKIPPED, .weight = 5 }, m = { .status = INSTANCE_MISSED, .weight = 1 };
	ck_assert_int_eq(completion_percent(&c), 0);
	completion_add(&c, &a);
	completion_add(&c, &b);
	completion_add(&c, &s);
	completion_add(&c, &m);
	ck_assert_int_eq(c.done, 1);
	ck_assert_int_eq(c.total, 3); /* the skipped task leaves the denominator */
	ck_assert_int_eq(completion_percent(&c), 50); /* 2 of 4 weight */
}
END_TEST

START_TEST(mode_change_keeps_legacy_periods)
{
	struct tracker tr = make_tracker(TIME_MODE_DAILY, TRACKER_NO_DATE, TRACKER_NO_DATE, 0);
	make_task(tr.id, "Gym", NULL, 0);
	struct tracker_instance daily, weekly;
	open_day(&tr, MONDAY + 2, &daily);
	ck_assert_int_eq(tracker_change_mode(&t.db, 50, MONDAY + 2, user_id, tr.id, TIME_MODE_WEEKLY), TRACKER_OK);
	ck_assert_int_eq(tracker_get(&t.db, &t.arena, user_id, tr.id, false, &tr), TRACKER_OK);
	open_day(&tr, MONDAY + 2, &weekly);
	ck_assert_int_ne(daily.id, weekly.id);
	ck_assert_int_eq(weekly.period.start, MONDAY);
	ck_assert_int_eq(weekly.period.end, MONDAY + 6);
	ck_assert_int_eq(testdb_int(&t, "SELECT legacy FROM tracker_instances WHERE id = %lld", (long long)daily.id), 1);
	ck_assert_int_eq(testdb_int(&t, "SELECT legacy FROM tracker_instances WHERE id = %lld", (long long)weekly.id), 0);
	ck_assert_int_eq(testdb_int(&t, "SELECT time_mode = 'daily' FROM tracker_instances WHERE id = %lld",
				    (long long)daily.id), 1);
}
END_TEST

START_TEST(challenge_window_has_exactly_its_periods)
{
	int64_t start = MONDAY + 2; /* a Wednesday */
	struct tracker detox = make_tracker(TIME_MODE_DAILY, start, start + 20, 0);
	make_task(detox.id, "No sugar", NULL, 0);
	struct tracker_instance ti;
	ck_assert_int_eq(instance_open(&t.db, 0, &detox, 1, start - 1, &ti), INSTANCE_OUT_OF_WINDOW);
	ck_assert_int_eq(instance_open(&t.db, 0, &detox, 1, start + 20, &ti), INSTANCE_OK);
	ck_assert_int_eq(instance_open(&t.db, 0, &detox, 1, start + 21, &ti), INSTANCE_OUT_OF_WINDOW);
	struct tracker program = make_tracker(TIME_MODE_WEEKLY, start, start + 55, 0);
	make_task(program.id, "Gym", NULL, 0);
	int64_t first_start = 0;
	for (int64_t d = start; d <= start + 55; d++) {
		ck_assert_int_eq(instance_open(&t.db, 0, &program, 1, d, &ti), INSTANCE_OK);
		if (d == start)
			first_start = ti.period.start;
	}
	ck_assert_int_eq(first_start, start); /* weeks of a program start on its first day */
	ck_assert_int_eq(testdb_int(&t, "SELECT count(*) FROM tracker_instances WHERE tracker_id = %lld",
				    (long long)program.id), 8);
}
END_TEST

START_TEST(new_habit_can_be_backdated)
{
	/* made today; yesterday's page offers it, so "I did it yesterday" can be recorded */
	struct tracker tr = make_tracker(TIME_MODE_DAILY, TRACKER_NO_DATE, TRACKER_NO_DATE, NOON(MONDAY));
	make_task(tr.id, "Journal", NULL, NOON(MONDAY));
	struct collected c = open_day(&tr, MONDAY - 1, NULL);
	ck_assert_int_eq(c.count, 1);
	ck_assert_int_eq(instance_set(&t.db, NOON(MONDAY), MONDAY, user_id, c.items[0].id, INSTANCE_DONE, false, 0,
				      SOURCE_WEB),
			 INSTANCE_OK);
	/* but gap fill never reaches before the tracker was made */
	int count = -1;
	ck_assert_int_eq(instance_gap_count(&t.db, &tr, 1, "UTC", MONDAY, &count), INSTANCE_OK);
	ck_assert_int_eq(count, 0);
}
END_TEST

START_TEST(today_follows_the_zone_across_dst)
{
	/* the day a check-in is recorded on is the user's local day at that moment */
	int64_t day;
	/* New York, 2026-03-08: clocks jump from 02:00 EST to 03:00 EDT */
	ck_assert_int_eq(civil_today("America/New_York", (int64_t)civil_from_ymd(2026, 3, 8) * 86400 + 4 * 3600 + 3599, &day), 0);
	ck_assert_int_eq(day, civil_from_ymd(2026, 3, 7));
	ck_assert_int_eq(civil_today("America/New_York", (int64_t)civil_from_ymd(2026, 3, 9) * 86400 + 3 * 3600 + 59 * 60, &day), 0);
	ck_assert_int_eq(day, civil_from_ymd(2026, 3, 8)); /* 23:59 EDT */
	ck_assert_int_eq(civil_today("America/New_York", (int64_t)civil_from_ymd(2026, 3, 9) * 86400 + 4 * 3600, &day), 0);
	ck_assert_int_eq(day, civil_from_ymd(2026, 3, 9));
	/* Lord Howe, 2026-04-05: summer time (+11) ends at 02:00 local, back to +10:30 */
	ck_assert_int_eq(civil_today("Australia/Lord_Howe", (int64_t)civil_from_ymd(2026, 4, 4) * 86400 + 12 * 3600 + 59 * 60, &day), 0);
	ck_assert_int_eq(day, civil_from_ymd(2026, 4, 4)); /* 23:59 +11 */
	ck_assert_int_eq(civil_today("Australia/Lord_Howe", (int64_t)civil_from_ymd(2026, 4, 5) * 86400 + 13 * 3600 + 29 * 60, &day), 0);
	ck_assert_int_eq(day, civil_from_ymd(2026, 4, 5)); /* 23:59 +10:30 */
	ck_assert_int_eq(civil_today("Australia/Lord_Howe", (int64_t)civil_from_ymd(2026, 4, 5) * 86400 + 13 * 3600 + 30 * 60, &day), 0);
	ck_assert_int_eq(day, civil_from_ymd(2026, 4, 6));
	/* a user who moves zone: what was recorded keeps its day */
	struct tracker tr = make_tracker(TIME_MODE_DAILY, TRACKER_NO_DATE, TRACKER_NO_DATE, 0);
	make_task(tr.id, "Walk", NULL, 0);
	int64_t id = open_day(&tr, MONDAY, NULL).items[0].id;
	ck_assert_int_eq(instance_set(&t.db, NOON(MONDAY), MONDAY, user_id, id, INSTANCE_DONE, false, 0, SOURCE_WEB),
			 INSTANCE_OK);
	ck_assert_int_eq(user_update_profile(&t.db, NOON(MONDAY), user_id, "A", "Pacific/Kiritimati", 1), USER_OK);
	struct tracker_instance ti;
	ck_assert_int_eq(instance_find(&t.db, &tr, 1, MONDAY, &ti), INSTANCE_OK);
	ck_assert_int_eq(testdb_int(&t, "SELECT completed_day = '2026-11-16' FROM task_instances WHERE id = %lld",
				    (long long)id), 1);
}
END_TEST

START_TEST(notes_one_per_tracker_and_day)
{
	struct tracker tr = make_tracker(TIME_MODE_DAILY, TRACKER_NO_DATE, TRACKER_NO_DATE, 0);
	const char *body;
	ck_assert_int_eq(instance_note_get(&t.db, &t.arena, user_id, tr.id, MONDAY, &body), INSTANCE_OK);
	ck_assert_str_eq(body, "");
	ck_assert_int_eq(instance_note_set(&t.db, 1, user_id, tr.id, MONDAY, "Felt great"), INSTANCE_OK);
	ck_assert_int_eq(instance_note_set(&t.db, 2, user_id, tr.id, MONDAY, "Felt great, slept well"), INSTANCE_OK);
	ck_assert_int_eq(instance_note_get(&t.db, &t.arena, user_id, tr.id, MONDAY, &body), INSTANCE_OK);
	ck_assert_str_eq(body, "Felt great, slept well");
	ck_assert_int_eq(testdb_int(&t, "SELECT count(*) FROM day_notes"), 1);
	ck_assert_int_eq(instance_note_get(&t.db, &t.arena, other_id, tr.id, MONDAY, &body), INSTANCE_OK);
	ck_assert_str_eq(body, ""); /* another user sees nothing */
	ck_assert_int_eq(instance_note_set(&t.db, 3, other_id, tr.id, MONDAY, "mine now"), INSTANCE_NOT_FOUND);
	/* 20,000 characters (here two bytes each) fit; one more does not */
	size_t n = 20001;
	char *big = malloc(n * 2 + 1);
	for (size_t i = 0; i < n; i++)
		memcpy(big + 2 * i, "\xc3\xa9", 2);
	big[2 * n] = '\0';
	ck_assert_int_eq(instance_note_set(&t.db, 4, user_id, tr.id, MONDAY, big), INSTANCE_INVALID);
	big[2 * (n - 1)] = '\0';
	ck_assert_int_eq(instance_note_set(&t.db, 4, user_id, tr.id, MONDAY, big), INSTANCE_OK);
	free(big);
	ck_assert_int_eq(instance_note_set(&t.db, 5, user_id, tr.id, MONDAY, ""), INSTANCE_OK);
	ck_assert_int_eq(testdb_int(&t, "SELECT count(*) FROM day_notes"), 0);
}
END_TEST

START_TEST(gap_fill_marks_unopened_periods_missed)
{
	/* made on Monday; the user comes back on Saturday having opened only Tuesday */
	struct tracker tr = make_tracker(TIME_MODE_DAILY, TRACKER_NO_DATE, TRACKER_NO_DATE, NOON(MONDAY));
	make_task(tr.id, "Meditate", NULL, NOON(MONDAY));
	struct collected tuesday = open_day(&tr, MONDAY + 1, NULL);
	ck_assert_int_eq(instance_set(&t.db, NOON(MONDAY + 1), MONDAY + 1, user_id, tuesday.items[0].id, INSTANCE_DONE,
				      false, 0, SOURCE_WEB),
			 INSTANCE_OK);
	int count = -1, filled = -1;
	ck_assert_int_eq(instance_gap_count(&t.db, &tr, 1, "UTC", MONDAY + 5, &count), INSTANCE_OK);
	ck_assert_int_eq(count, 4); /* Monday, Wednesday, Thursday, Friday */
	ck_assert_int_eq(instance_gap_fill(&t.db, NOON(MONDAY + 5), &tr, 1, "UTC", MONDAY + 5, &filled), INSTANCE_OK);
	ck_assert_int_eq(filled, 4);
	ck_assert_int_eq(testdb_int(&t, "SELECT count(*) FROM task_instances WHERE status = 'missed'"), 4);
	ck_assert_int_eq(testdb_int(&t, "SELECT count(*) FROM task_events WHERE source = 'gap_fill'"), 4);
	ck_assert_int_eq(testdb_int(&t, "SELECT count(*) FROM task_instances WHERE status = 'done'"), 1);
	ck_assert_int_eq(instance_gap_count(&t.db, &tr, 1, "UTC", MONDAY + 5, &count), INSTANCE_OK);
	ck_assert_int_eq(count, 0);
}
END_TEST

static Suite *instance_suite(void)
{
	Suite *s = suite_create("instance");
	TCase *tc = tcase_create("periods");
	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, open_makes_due_tasks_once);
	tcase_add_test(tc, get_or_create_survives_a_race);
	tcase_add_test(tc, snapshot_survives_template_edit_and_delete);
	tcase_add_test(tc, statuses_times_and_audit_trail);
	tcase_add_test(tc, measure_values_decide_the_status);
	tcase_add_test(tc, completion_weights_and_skips);
	tcase_add_test(tc, mode_change_keeps_legacy_periods);
	tcase_add_test(tc, challenge_window_has_exactly_its_periods);
	tcase_add_test(tc, new_habit_can_be_backdated);
	tcase_add_test(tc, today_follows_the_zone_across_dst);
	tcase_add_test(tc, notes_one_per_tracker_and_day);
	tcase_add_test(tc, gap_fill_marks_unopened_periods_missed);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(instance_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
