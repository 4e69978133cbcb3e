/* check_tracker: unit tests of the tracker domain — create, read, lists and filters, names,
 * input checks, another user's ids, the soft-delete cascade and restore, clone, time-mode
 * changes, ordering and categories — against a migrated database. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civil.h"
#include "task.h"
#include "testdb.h"
#include "tracker.h"

static struct tracker_input input(const char *name)
{
	struct tracker_input in = { .name = name, .description = "", .time_mode = TIME_MODE_DAILY,
				    .start_date = TRACKER_NO_DATE, .end_date = TRACKER_NO_DATE, .color = "#2f80ed" };
	return in;
}

static int64_t add_tracker(int64_t user, const char *name)
{
	struct tracker_input in = input(name);
	int64_t id = 0;
	ck_assert_int_eq(tracker_create(&tdb.db, 1000, user, &in, &id), TRACKER_OK);
	ck_assert_int_gt(id, 0);
	return id;
}

static int64_t add_task(int64_t user, int64_t tracker, const char *name, const int64_t *tags, int ntags)
{
	struct task_input in;
	task_input_defaults(&in);
	in.name = name;
	in.tag_ids = tags;
	in.tag_count = ntags;
	int64_t id = 0;
	ck_assert_int_eq(task_create(&tdb.db, 1000, user, tracker, &in, &id), TASK_OK);
	return id;
}

/* tracker_each callback: appends "name," to a buffer. */
struct names {
	char text[512];
};

static int collect(void *ctx, const struct tracker *t)
{
	struct names *n = ctx;
	size_t len = strlen(n->text);
	snprintf(n->text + len, sizeof n->text - len, "%s,", t->name);
	return 0;
}

static const char *list(int64_t user, enum tracker_filter filter, int64_t tag)
{
	static struct names n;
	n.text[0] = '\0';
	ck_assert_int_eq(tracker_each(&tdb.db, &tdb.arena, user, filter, tag, collect, &n), TRACKER_OK);
	return n.text;
}

START_TEST(create_get_and_filters)
{
	int64_t u = testdb_user(&tdb, "ann@example.org");
	struct tracker_input in = input("  Morning routine ");
	in.description = "Wake up well";
	in.time_mode = TIME_MODE_WEEKLY;
	in.start_date = testdb_day("2026-01-05");
	in.end_date = testdb_day("2026-03-01");
	in.color = "#AABBCC";
	int64_t a = 0;
	ck_assert_int_eq(tracker_create(&tdb.db, 1234, u, &in, &a), TRACKER_OK);
	struct tracker t;
	ck_assert_int_eq(tracker_get(&tdb.db, &tdb.arena, u, a, false, &t), TRACKER_OK);
	ck_assert_str_eq(t.name, "Morning routine"); /* trimmed */
	ck_assert_str_eq(t.description, "Wake up well");
	ck_assert_int_eq(t.time_mode, TIME_MODE_WEEKLY);
	ck_assert(t.time_mode_since == TRACKER_NO_DATE);
	ck_assert_int_eq(t.start_date, testdb_day("2026-01-05"));
	ck_assert_int_eq(t.end_date, testdb_day("2026-03-01"));
	ck_assert_int_eq(t.status, TRACKER_ACTIVE);
	ck_assert_str_eq(t.color, "#AABBCC");
	ck_assert_int_eq(t.category_id, 0);
	ck_assert_str_eq(t.category_name, "");
	ck_assert_int_eq(t.position, 1);
	ck_assert_int_eq(t.created_at, 1234);
	ck_assert_int_eq(t.deleted_at, 0);
	ck_assert_int_eq(t.task_count, 0);
	ck_assert_int_eq(t.user_id, u);
	ck_assert_int_eq(testdb_row_int(&tdb, "SELECT count(*) FROM trackers WHERE start_date = '2026-01-05' AND end_date = '2026-03-01'"), 1);

	int64_t b = add_tracker(u, "Reading"), c = add_tracker(u, "Gym"), d = add_tracker(u, "Old");
	ck_assert_int_eq(tracker_get(&tdb.db, &tdb.arena, u, d, false, &t), TRACKER_OK);
	ck_assert_int_eq(t.position, 4); /* new ones go last */
	ck_assert(t.start_date == TRACKER_NO_DATE && t.end_date == TRACKER_NO_DATE);
	ck_assert_int_eq(tracker_set_status(&tdb.db, 2000, u, b, TRACKER_PAUSED), TRACKER_OK);
	ck_assert_int_eq(tracker_set_status(&tdb.db, 2000, u, c, TRACKER_ARCHIVED), TRACKER_OK);
	ck_assert_int_eq(tracker_delete(&tdb.db, 2000, u, d), TRACKER_OK);
	ck_assert_str_eq(list(u, TRACKER_LIST_ACTIVE, 0), "Morning routine,");
	ck_assert_str_eq(list(u, TRACKER_LIST_PAUSED, 0), "Reading,");
	ck_assert_str_eq(list(u, TRACKER_LIST_ARCHIVED, 0), "Gym,");
	ck_assert_str_eq(list(u, TRACKER_LIST_ALL, 0), "Morning routine,Reading,Gym,");
	ck_assert_str_eq(list(u, TRACKER_LIST_DELETED, 0), "Old,");
	ck_assert_int_eq(tracker_get(&tdb.db, &tdb.arena, u, d, false, &t), TRACKER_NOT_FOUND);
	ck_assert_int_eq(tracker_get(&tdb.db, &tdb.arena, u, d, true, &t), TRACKER_OK);
	ck_assert_int_eq(t.deleted_at, 2000);
	ck_assert_int_eq(tracker_set_status(&tdb.db, 2000, u, d, TRACKER_ACTIVE), TRACKER_NOT_FOUND); /* deleted */

	/* tag filter, through the templates' tags; task_count counts active, live templates */
	int64_t tag = 0, other_tag = 0;
	ck_assert_int_eq(tag_create(&tdb.db, 1000, u, "Health", "#00aa00", &tag), TASK_OK);
	ck_assert_int_eq(tag_create(&tdb.db, 1000, u, "Mind", "#0000aa", &other_tag), TASK_OK);
	add_task(u, c, "Lift", &tag, 1);
	int64_t r1 = add_task(u, b, "Read 10 pages", &other_tag, 1);
	int64_t r2 = add_task(u, b, "Read the news", NULL, 0);
	add_task(u, b, "Write", NULL, 0);
	testdb_exec(&tdb, "UPDATE task_templates SET status = 'paused' WHERE id = %lld", (long long)r2);
	ck_assert_int_eq(tracker_get(&tdb.db, &tdb.arena, u, b, false, &t), TRACKER_OK);
	ck_assert_int_eq(t.task_count, 2);
	ck_assert_str_eq(list(u, TRACKER_LIST_ALL, tag), "Gym,");
	ck_assert_str_eq(list(u, TRACKER_LIST_ALL, other_tag), "Reading,");
	ck_assert_str_eq(list(u, TRACKER_LIST_ACTIVE, tag), "");
	ck_assert_int_eq(task_delete(&tdb.db, 3000, u, r1), TASK_OK);
	ck_assert_str_eq(list(u, TRACKER_LIST_ALL, other_tag), ""); /* a deleted template does not count */
	ck_assert_int_eq(tracker_get(&tdb.db, &tdb.arena, u, b, false, &t), TRACKER_OK);
	ck_assert_int_eq(t.task_count, 1);
	ck_assert_int_eq(tracker_each(&tdb.db, &tdb.arena, u, (enum tracker_filter)9, 0, collect, NULL), TRACKER_INVALID);
}
END_TEST

START_TEST(names_are_unique_among_live_trackers)
{
	int64_t u = testdb_user(&tdb, "bob@example.org"), v = testdb_user(&tdb, "cid@example.org");
	int64_t a = add_tracker(u, "Gym");
	struct tracker_input in = input("gYM");
	ck_assert_int_eq(tracker_create(&tdb.db, 1000, u, &in, NULL), TRACKER_NAME_TAKEN);
	in.name = " GYM ";
	ck_assert_int_eq(tracker_create(&tdb.db, 1000, u, &in, NULL), TRACKER_NAME_TAKEN);
	ck_assert_int_eq(tracker_create(&tdb.db, 1000, v, &in, NULL), TRACKER_OK); /* another user's names are theirs */
	int64_t b = add_tracker(u, "Yoga");
	in.name = "gym";
	ck_assert_int_eq(tracker_update(&tdb.db, 2000, testdb_day("2026-01-01"), u, b, &in), TRACKER_NAME_TAKEN);
	ck_assert_int_eq(tracker_update(&tdb.db, 2000, testdb_day("2026-01-01"), u, a, &in), TRACKER_OK); /* its own name */
	struct tracker t;
	ck_assert_int_eq(tracker_get(&tdb.db, &tdb.arena, u, a, false, &t), TRACKER_OK);
	ck_assert_str_eq(t.name, "gym");
	ck_assert_int_eq(tracker_set_status(&tdb.db, 2000, u, a, TRACKER_ARCHIVED), TRACKER_OK);
	ck_assert_int_eq(tracker_create(&tdb.db, 1000, u, &in, NULL), TRACKER_NAME_TAKEN); /* archived still counts */
	ck_assert_int_eq(tracker_delete(&tdb.db, 2000, u, a), TRACKER_OK);
	ck_assert_int_eq(tracker_create(&tdb.db, 1000, u, &in, NULL), TRACKER_OK); /* deleted ones do not */
}
END_TEST

START_TEST(input_checks)
{
	const char *field = "x";
	struct tracker_input in = input("Fine");
	ck_assert_ptr_null(tracker_input_check(&in, &field));
	ck_assert_ptr_null(field);
	const struct {
		const char *name, *description, *color;
		int64_t start, end;
		const char *field;
	} bad[] = {
		{ "", "", "#2f80ed", TRACKER_NO_DATE, TRACKER_NO_DATE, "name" },
		{ "   ", "", "#2f80ed", TRACKER_NO_DATE, TRACKER_NO_DATE, "name" },
		{ NULL, "", "#2f80ed", TRACKER_NO_DATE, TRACKER_NO_DATE, "name" },
		{ "tab\there", "", "#2f80ed", TRACKER_NO_DATE, TRACKER_NO_DATE, "name" },
		{ "Fine", "", "#2f80eg", TRACKER_NO_DATE, TRACKER_NO_DATE, "color" },
		{ "Fine", "", "red", TRACKER_NO_DATE, TRACKER_NO_DATE, "color" },
		{ "Fine", "", "#2f80ed0", TRACKER_NO_DATE, TRACKER_NO_DATE, "color" },
		{ "Fine", "", NULL, TRACKER_NO_DATE, TRACKER_NO_DATE, "color" },
		{ "Fine", "", "#2f80ed", 20000, 19999, "end_date" },
		{ "Fine", "", "#2f80ed", CIVIL_DAY_MIN - 1, TRACKER_NO_DATE, "start_date" },
		{ "Fine", "", "#2f80ed", TRACKER_NO_DATE, CIVIL_DAY_MAX + 1, "end_date" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		in = input(bad[i].name);
		in.color = bad[i].color;
		in.start_date = bad[i].start;
		in.end_date = bad[i].end;
		const char *p = tracker_input_check(&in, &field);
		ck_assert_msg(p != NULL, "case %zu accepted", i);
		ck_assert_str_eq(field, bad[i].field);
	}
	char name[TRACKER_NAME_MAX + 2];
	memset(name, 'n', sizeof name - 1);
	name[sizeof name - 1] = '\0';
	in = input(name);
	ck_assert_ptr_nonnull(tracker_input_check(&in, &field));
	ck_assert_str_eq(field, "name");
	name[TRACKER_NAME_MAX] = '\0'; /* exactly the limit */
	ck_assert_ptr_null(tracker_input_check(&in, &field));
	char description[TRACKER_DESCRIPTION_MAX + 2];
	memset(description, 'd', sizeof description - 1);
	description[sizeof description - 1] = '\0';
	in = input("Fine");
	in.description = description;
	ck_assert_ptr_nonnull(tracker_input_check(&in, &field));
	ck_assert_str_eq(field, "description");
	in.description = "Line one\nline two";
	ck_assert_ptr_null(tracker_input_check(&in, &field));
	in.start_date = in.end_date = 20000; /* a one-day challenge */
	ck_assert_ptr_null(tracker_input_check(&in, NULL));
	in.time_mode = (enum time_mode)7;
	ck_assert_ptr_nonnull(tracker_input_check(&in, &field));

	int64_t u = testdb_user(&tdb, "dee@example.org"), v = testdb_user(&tdb, "eve@example.org");
	in = input("");
	ck_assert_int_eq(tracker_create(&tdb.db, 1000, u, &in, NULL), TRACKER_INVALID);
	in = input("Fine");
	in.start_date = 20000;
	in.end_date = 19000;
	ck_assert_int_eq(tracker_create(&tdb.db, 1000, u, &in, NULL), TRACKER_INVALID);
	int64_t foreign = 0;
	ck_assert_int_eq(category_create(&tdb.db, 1000, v, "Theirs", "#111111", &foreign), TRACKER_OK);
	in = input("Fine");
	in.category_id = foreign;
	ck_assert_int_eq(tracker_create(&tdb.db, 1000, u, &in, NULL), TRACKER_INVALID);
	int64_t a = add_tracker(u, "Fine");
	in.category_id = 0;
	in.color = "blue";
	ck_assert_int_eq(tracker_update(&tdb.db, 2000, 20000, u, a, &in), TRACKER_INVALID);
	in.color = "#000000";
	in.category_id = foreign;
	ck_assert_int_eq(tracker_update(&tdb.db, 2000, 20000, u, a, &in), TRACKER_INVALID);
	ck_assert_int_eq(testdb_row_int(&tdb, "SELECT count(*) FROM trackers WHERE user_id = %lld", (long long)u), 1);
	ck_assert_int_eq(testdb_row_int(&tdb, "SELECT count(*) FROM trackers WHERE color = '#2f80ed' AND category_id IS NULL"), 1);
}
END_TEST

START_TEST(another_users_tracker_is_not_found)
{
	int64_t u = testdb_user(&tdb, "fay@example.org"), v = testdb_user(&tdb, "gil@example.org");
	int64_t a = add_tracker(u, "Mine"), b = add_tracker(u, "Second");
	testdb_exec(&tdb, "INSERT INTO tracker_instances (tracker_id, period_start, period_end, tracking_date, time_mode, created_at)"
		    " VALUES (%lld, '2026-01-01', '2026-01-01', '2026-01-01', 'daily', 1)", (long long)a);
	struct tracker t;
	struct tracker_input in = input("Stolen");
	int64_t id = 0;
	const char *name = NULL;
	ck_assert_int_eq(tracker_get(&tdb.db, &tdb.arena, v, a, true, &t), TRACKER_NOT_FOUND);
	ck_assert_int_eq(tracker_update(&tdb.db, 2000, 20000, v, a, &in), TRACKER_NOT_FOUND);
	ck_assert_int_eq(tracker_set_status(&tdb.db, 2000, v, a, TRACKER_ARCHIVED), TRACKER_NOT_FOUND);
	ck_assert_int_eq(tracker_change_mode(&tdb.db, 2000, 20000, v, a, TIME_MODE_MONTHLY), TRACKER_NOT_FOUND);
	ck_assert_int_eq(tracker_delete(&tdb.db, 2000, v, a), TRACKER_NOT_FOUND);
	ck_assert_int_eq(tracker_clone(&tdb.db, 2000, v, a, &id), TRACKER_NOT_FOUND);
	ck_assert_int_eq(tracker_move(&tdb.db, 2000, v, b, -1), TRACKER_NOT_FOUND);
	ck_assert_int_eq(tracker_restore(&tdb.db, &tdb.arena, 2000, v, a, &name), TRACKER_NOT_FOUND);
	ck_assert_int_eq(tracker_delete(&tdb.db, 3000, u, b), TRACKER_OK);
	ck_assert_int_eq(tracker_restore(&tdb.db, &tdb.arena, 4000, v, b, &name), TRACKER_NOT_FOUND); /* deleted, not v's */
	ck_assert_str_eq(list(v, TRACKER_LIST_ALL, 0), "");
	ck_assert_str_eq(list(v, TRACKER_LIST_DELETED, 0), "");
	/* nothing changed */
	ck_assert_int_eq(tracker_get(&tdb.db, &tdb.arena, u, a, false, &t), TRACKER_OK);
	ck_assert_str_eq(t.name, "Mine");
	ck_assert_int_eq(t.status, TRACKER_ACTIVE);
	ck_assert_int_eq(t.time_mode, TIME_MODE_DAILY);
	ck_assert_int_eq(t.position, 1);
	ck_assert_int_eq(testdb_row_int(&tdb, "SELECT count(*) FROM trackers"), 2);
	ck_assert_int_eq(testdb_row_int(&tdb, "SELECT updated_at FROM trackers WHERE id = %lld", (long long)a), 1000);
	ck_assert_int_eq(testdb_row_int(&tdb, "SELECT deleted_at FROM trackers WHERE id = %lld", (long long)b), 3000);
	ck_assert_int_eq(testdb_row_int(&tdb, "SELECT legacy FROM tracker_instances"), 0);
	ck_assert_int_eq(tracker_get(&tdb.db, &tdb.arena, u, 9999, true, &t), TRACKER_NOT_FOUND);
}
END_TEST

/* A tracker with two templates (t2 deleted before), two instances, three task instances (one
 * deleted before) and two notes (one deleted before). Ids: tracker 1..; fixed ids for rows. */
static int64_t cascade_fixture(int64_t u, const char *name)
{
	int64_t a = add_tracker(u, name);
	int64_t t1 = add_task(u, a, "One", NULL, 0), t2 = add_task(u, a, "Two", NULL, 0);
	ck_assert_int_eq(task_delete(&tdb.db, 500, u, t2), TASK_OK);
	testdb_exec(&tdb, "INSERT INTO tracker_instances (id, tracker_id, period_start, period_end, tracking_date, time_mode, created_at)"
		    " VALUES (%lld, %lld, '2026-01-01', '2026-01-01', '2026-01-01', 'daily', 1),"
		    " (%lld, %lld, '2026-01-02', '2026-01-02', '2026-01-02', 'daily', 1)",
		    (long long)a * 10, (long long)a, (long long)a * 10 + 1, (long long)a);
	testdb_exec(&tdb, "INSERT INTO task_instances (tracker_instance_id, task_template_id, name, points, weight, kind, created_at,"
		    " updated_at, deleted_at) VALUES (%lld, %lld, 'One', 1, 1, 'check', 1, 1, NULL),"
		    " (%lld, %lld, 'Two', 1, 1, 'check', 1, 1, NULL), (%lld, %lld, 'One', 1, 1, 'check', 1, 1, 400)",
		    (long long)a * 10, (long long)t1, (long long)a * 10, (long long)t2, (long long)a * 10 + 1, (long long)t1);
	testdb_exec(&tdb, "INSERT INTO day_notes (tracker_id, day, body, created_at, updated_at, deleted_at)"
		    " VALUES (%lld, '2026-01-01', 'good day', 1, 1, NULL), (%lld, '2026-01-02', 'old', 1, 1, 300)",
		    (long long)a, (long long)a);
	return a;
}

/* Number of rows of the tracker and its children with deleted_at = at (NULL for at < 0). */
static int64_t rows_deleted_at(int64_t tracker, int64_t at)
{
	char cond[64];
	if (at < 0)
		snprintf(cond, sizeof cond, "deleted_at IS NULL");
	else
		snprintf(cond, sizeof cond, "deleted_at = %lld", (long long)at);
	long long k = tracker;
	return testdb_row_int(&tdb, "SELECT (SELECT count(*) FROM trackers WHERE id = %lld AND %s)"
			      " + (SELECT count(*) FROM task_templates WHERE tracker_id = %lld AND %s)"
			      " + (SELECT count(*) FROM tracker_instances WHERE tracker_id = %lld AND %s)"
			      " + (SELECT count(*) FROM task_instances WHERE tracker_instance_id IN"
			      "    (SELECT id FROM tracker_instances WHERE tracker_id = %lld) AND %s)"
			      " + (SELECT count(*) FROM day_notes WHERE tracker_id = %lld AND %s)",
			      k, cond, k, cond, k, cond, k, cond, k, cond);
}

START_TEST(soft_delete_cascades_and_restore_renames)
{
	int64_t u = testdb_user(&tdb, "hal@example.org");
	int64_t a = cascade_fixture(u, "Morning");
	int64_t other = cascade_fixture(u, "Evening");
	/* before: 1 tracker + 1 template + 2 instances + 2 task instances + 1 note live */
	ck_assert_int_eq(rows_deleted_at(a, -1), 7);
	ck_assert_int_eq(tracker_delete(&tdb.db, 2000, u, a), TRACKER_OK);
	ck_assert_int_eq(rows_deleted_at(a, 2000), 7); /* one timestamp everywhere */
	ck_assert_int_eq(rows_deleted_at(a, -1), 0);
	ck_assert_int_eq(rows_deleted_at(a, 500), 1); /* deleted before: kept their own time */
	ck_assert_int_eq(rows_deleted_at(a, 400), 1);
	ck_assert_int_eq(rows_deleted_at(a, 300), 1);
	ck_assert_int_eq(rows_deleted_at(other, -1), 7); /* the other tracker is untouched */
	ck_assert_int_eq(tracker_delete(&tdb.db, 2500, u, a), TRACKER_NOT_FOUND); /* deleted already */
	ck_assert_str_eq(list(u, TRACKER_LIST_DELETED, 0), "Morning,");

	/* a live tracker now has the name */
	int64_t b = add_tracker(u, "MORNING");
	const char *name = NULL;
	ck_assert_int_eq(tracker_restore(&tdb.db, &tdb.arena, 3000, u, a, &name), TRACKER_OK);
	ck_assert_str_eq(name, "Morning (Restored)");
	ck_assert_int_eq(rows_deleted_at(a, -1), 7); /* exactly what the deletion took */
	ck_assert_int_eq(rows_deleted_at(a, 500), 1);
	ck_assert_int_eq(rows_deleted_at(a, 400), 1);
	ck_assert_int_eq(rows_deleted_at(a, 300), 1);
	struct tracker t;
	ck_assert_int_eq(tracker_get(&tdb.db, &tdb.arena, u, a, false, &t), TRACKER_OK);
	ck_assert_str_eq(t.name, "Morning (Restored)");
	ck_assert_int_eq(t.deleted_at, 0);
	ck_assert_int_eq(t.task_count, 1);
	ck_assert_int_eq(tracker_restore(&tdb.db, &tdb.arena, 3000, u, a, &name), TRACKER_NOT_FOUND); /* not deleted */

	/* "Morning" and "Morning (Restored)" both taken: " (Restored 2)" */
	ck_assert_int_eq(tracker_delete(&tdb.db, 4000, u, b), TRACKER_OK);
	add_tracker(u, "Morning");
	ck_assert_int_eq(tracker_restore(&tdb.db, &tdb.arena, 5000, u, b, &name), TRACKER_OK);
	ck_assert_str_eq(name, "MORNING (Restored 2)");
	/* no clash: the name stays */
	ck_assert_int_eq(tracker_delete(&tdb.db, 6000, u, other), TRACKER_OK);
	ck_assert_int_eq(tracker_restore(&tdb.db, &tdb.arena, 7000, u, other, NULL), TRACKER_OK);
	ck_assert_int_eq(tracker_get(&tdb.db, &tdb.arena, u, other, false, &t), TRACKER_OK);
	ck_assert_str_eq(t.name, "Evening");

	/* a long name is shortened so that the suffix fits */
	char long_name[TRACKER_NAME_MAX + 1];
	memset(long_name, 'x', TRACKER_NAME_MAX);
	long_name[TRACKER_NAME_MAX] = '\0';
	int64_t c = add_tracker(u, long_name);
	ck_assert_int_eq(tracker_delete(&tdb.db, 8000, u, c), TRACKER_OK);
	add_tracker(u, long_name);
	ck_assert_int_eq(tracker_restore(&tdb.db, &tdb.arena, 9000, u, c, &name), TRACKER_OK);
	ck_assert_uint_eq(strlen(name), TRACKER_NAME_MAX);
	ck_assert(strcmp(name + TRACKER_NAME_MAX - 11, " (Restored)") == 0);
}
END_TEST

START_TEST(clone_copies_templates_and_tags_not_history)
{
	int64_t u = testdb_user(&tdb, "ivy@example.org"), v = testdb_user(&tdb, "jan@example.org");
	int64_t tags[2];
	ck_assert_int_eq(tag_create(&tdb.db, 1000, u, "Body", "#aa0000", &tags[0]), TASK_OK);
	ck_assert_int_eq(tag_create(&tdb.db, 1000, u, "Mind", "#00aa00", &tags[1]), TASK_OK);
	int64_t cat = 0;
	ck_assert_int_eq(category_create(&tdb.db, 1000, u, "Health", "#123456", &cat), TRACKER_OK);
	struct tracker_input in = input("Gym");
	in.time_mode = TIME_MODE_WEEKLY;
	in.category_id = cat;
	in.description = "Lift things";
	int64_t a = 0;
	ck_assert_int_eq(tracker_create(&tdb.db, 1000, u, &in, &a), TRACKER_OK);
	add_tracker(u, "Between");
	struct task_input ti;
	task_input_defaults(&ti);
	ti.name = "Squats";
	ti.points = 5;
	ti.kind = TASK_MEASURE;
	ti.target_value = 50;
	ti.unit = "reps";
	ti.tag_ids = tags;
	ti.tag_count = 2;
	int64_t t1 = 0;
	ck_assert_int_eq(task_create(&tdb.db, 1000, u, a, &ti, &t1), TASK_OK);
	int64_t t2 = add_task(u, a, "Bench", &tags[1], 1);
	int64_t t3 = add_task(u, a, "Gone", NULL, 0);
	ck_assert_int_eq(task_delete(&tdb.db, 1500, u, t3), TASK_OK);
	testdb_exec(&tdb, "INSERT INTO tracker_instances (id, tracker_id, period_start, period_end, tracking_date, time_mode, created_at)"
		    " VALUES (77, %lld, '2026-01-05', '2026-01-11', '2026-01-05', 'weekly', 1)", (long long)a);
	testdb_exec(&tdb, "INSERT INTO task_instances (tracker_instance_id, task_template_id, name, points, weight, kind, created_at,"
		    " updated_at) VALUES (77, %lld, 'Bench', 1, 1, 'check', 1, 1)", (long long)t2);

	int64_t copy = 0;
	ck_assert_int_eq(tracker_clone(&tdb.db, 2000, u, a, &copy), TRACKER_OK);
	struct tracker t;
	ck_assert_int_eq(tracker_get(&tdb.db, &tdb.arena, u, copy, false, &t), TRACKER_OK);
	ck_assert_str_eq(t.name, "Gym (copy)");
	ck_assert_str_eq(t.description, "Lift things");
	ck_assert_int_eq(t.time_mode, TIME_MODE_WEEKLY);
	ck_assert_int_eq(t.category_id, cat);
	ck_assert_str_eq(t.category_name, "Health");
	ck_assert_int_eq(t.position, 3); /* last */
	ck_assert_int_eq(t.task_count, 2);
	ck_assert_int_eq(t.created_at, 2000);
	ck_assert_int_eq(testdb_row_int(&tdb, "SELECT count(*) FROM tracker_instances WHERE tracker_id = %lld", (long long)copy), 0);
	ck_assert_int_eq(testdb_row_int(&tdb, "SELECT count(*) FROM task_templates WHERE tracker_id = %lld", (long long)copy), 2);
	ck_assert_int_eq(testdb_row_int(&tdb, "SELECT count(*) FROM task_templates WHERE tracker_id = %lld AND name = 'Squats'"
					" AND points = 5 AND kind = 'measure' AND target_value = 50 AND unit = 'reps'",
					(long long)copy), 1);
	ck_assert_int_eq(testdb_row_int(&tdb, "SELECT count(*) FROM template_tags tt JOIN task_templates t ON t.id = tt.task_template_id"
					" WHERE t.tracker_id = %lld", (long long)copy), 3);
	ck_assert_int_eq(testdb_row_int(&tdb, "SELECT count(*) FROM template_tags tt JOIN task_templates t ON t.id = tt.task_template_id"
					" WHERE t.tracker_id = %lld", (long long)a), 3); /* the source keeps its tags */
	ck_assert_int_eq(testdb_row_int(&tdb, "SELECT count(*) FROM task_templates WHERE tracker_id = %lld AND deleted_at IS NULL",
					(long long)a), 2);

	int64_t again = 0;
	ck_assert_int_eq(tracker_clone(&tdb.db, 2000, u, a, &again), TRACKER_OK);
	ck_assert_int_eq(tracker_get(&tdb.db, &tdb.arena, u, again, false, &t), TRACKER_OK);
	ck_assert_str_eq(t.name, "Gym (copy 2)");
	ck_assert_int_eq(tracker_clone(&tdb.db, 2000, v, a, &again), TRACKER_NOT_FOUND);
	ck_assert_int_eq(tracker_delete(&tdb.db, 3000, u, a), TRACKER_OK);
	ck_assert_int_eq(tracker_clone(&tdb.db, 3000, u, a, &again), TRACKER_NOT_FOUND);
	ck_assert_int_eq(testdb_row_int(&tdb, "SELECT count(*) FROM trackers"), 4);
}
END_TEST

START_TEST(mode_change_marks_old_periods_legacy)
{
	int64_t u = testdb_user(&tdb, "kim@example.org");
	int64_t a = add_tracker(u, "Walk");
	testdb_exec(&tdb, "INSERT INTO tracker_instances (tracker_id, period_start, period_end, tracking_date, time_mode, created_at)"
		    " VALUES (%lld, '2026-03-08', '2026-03-08', '2026-03-08', 'daily', 1),"
		    " (%lld, '2026-03-09', '2026-03-09', '2026-03-09', 'daily', 1)", (long long)a, (long long)a);
	ck_assert_int_eq(tracker_change_mode(&tdb.db, 2000, testdb_day("2026-03-10"), u, a, TIME_MODE_WEEKLY), TRACKER_OK);
	struct tracker t;
	ck_assert_int_eq(tracker_get(&tdb.db, &tdb.arena, u, a, false, &t), TRACKER_OK);
	ck_assert_int_eq(t.time_mode, TIME_MODE_WEEKLY);
	ck_assert_int_eq(t.time_mode_since, testdb_day("2026-03-10"));
	ck_assert_int_eq(testdb_row_int(&tdb, "SELECT count(*) FROM tracker_instances WHERE legacy = 1 AND time_mode = 'daily'"), 2);
	/* the same mode again: nothing happens */
	testdb_exec(&tdb, "INSERT INTO tracker_instances (tracker_id, period_start, period_end, tracking_date, time_mode, created_at)"
		    " VALUES (%lld, '2026-03-09', '2026-03-15', '2026-03-10', 'weekly', 1)", (long long)a);
	ck_assert_int_eq(tracker_change_mode(&tdb.db, 3000, testdb_day("2026-03-11"), u, a, TIME_MODE_WEEKLY), TRACKER_OK);
	ck_assert_int_eq(testdb_row_int(&tdb, "SELECT legacy FROM tracker_instances WHERE time_mode = 'weekly'"), 0);
	ck_assert_int_eq(tracker_get(&tdb.db, &tdb.arena, u, a, false, &t), TRACKER_OK);
	ck_assert_int_eq(t.time_mode_since, testdb_day("2026-03-10"));
	ck_assert_int_eq(tracker_change_mode(&tdb.db, 3000, testdb_day("2026-03-11"), u, a, (enum time_mode)5), TRACKER_INVALID);
	/* through tracker_update */
	struct tracker_input in = input("Walk");
	in.time_mode = TIME_MODE_MONTHLY;
	ck_assert_int_eq(tracker_update(&tdb.db, 4000, testdb_day("2026-04-01"), u, a, &in), TRACKER_OK);
	ck_assert_int_eq(tracker_get(&tdb.db, &tdb.arena, u, a, false, &t), TRACKER_OK);
	ck_assert_int_eq(t.time_mode, TIME_MODE_MONTHLY);
	ck_assert_int_eq(t.time_mode_since, testdb_day("2026-04-01"));
	ck_assert_int_eq(testdb_row_int(&tdb, "SELECT count(*) FROM tracker_instances WHERE legacy = 1"), 3);
	ck_assert_int_eq(testdb_row_int(&tdb, "SELECT time_mode_since = '2026-04-01' FROM trackers WHERE id = %lld", (long long)a), 1);
}
END_TEST

START_TEST(move_swaps_with_the_neighbour)
{
	int64_t u = testdb_user(&tdb, "lee@example.org");
	int64_t a = add_tracker(u, "A"), b = add_tracker(u, "B"), c = add_tracker(u, "C");
	ck_assert_int_eq(tracker_move(&tdb.db, 2000, u, c, -1), TRACKER_OK);
	ck_assert_str_eq(list(u, TRACKER_LIST_ALL, 0), "A,C,B,");
	ck_assert_int_eq(tracker_move(&tdb.db, 2000, u, a, -1), TRACKER_OK); /* first already */
	ck_assert_str_eq(list(u, TRACKER_LIST_ALL, 0), "A,C,B,");
	ck_assert_int_eq(tracker_move(&tdb.db, 2000, u, a, +1), TRACKER_OK);
	ck_assert_str_eq(list(u, TRACKER_LIST_ALL, 0), "C,A,B,");
	ck_assert_int_eq(tracker_move(&tdb.db, 2000, u, b, +1), TRACKER_OK); /* last already */
	ck_assert_str_eq(list(u, TRACKER_LIST_ALL, 0), "C,A,B,");
	/* the neighbour is the next one of the same status (the list the user sees) */
	ck_assert_int_eq(tracker_set_status(&tdb.db, 2000, u, a, TRACKER_PAUSED), TRACKER_OK);
	ck_assert_int_eq(tracker_move(&tdb.db, 2000, u, b, -1), TRACKER_OK);
	ck_assert_str_eq(list(u, TRACKER_LIST_ACTIVE, 0), "B,C,");
	ck_assert_str_eq(list(u, TRACKER_LIST_ALL, 0), "B,A,C,");
	/* equal positions (rows made elsewhere) still move */
	testdb_exec(&tdb, "UPDATE trackers SET position = 0");
	ck_assert_int_eq(tracker_set_status(&tdb.db, 2000, u, a, TRACKER_ACTIVE), TRACKER_OK);
	ck_assert_str_eq(list(u, TRACKER_LIST_ALL, 0), "A,B,C,");
	ck_assert_int_eq(tracker_move(&tdb.db, 2000, u, c, -1), TRACKER_OK);
	ck_assert_str_eq(list(u, TRACKER_LIST_ALL, 0), "A,C,B,");
	ck_assert_int_eq(tracker_move(&tdb.db, 2000, u, c, 0), TRACKER_OK);
	ck_assert_str_eq(list(u, TRACKER_LIST_ALL, 0), "A,C,B,");
	/* a new tracker still goes last */
	add_tracker(u, "D");
	ck_assert_str_eq(list(u, TRACKER_LIST_ALL, 0), "A,C,B,D,");
}
END_TEST

static int collect_categories(void *ctx, const struct category *c)
{
	struct names *n = ctx;
	size_t len = strlen(n->text);
	snprintf(n->text + len, sizeof n->text - len, "%s:%s:%d,", c->name, c->color, c->tracker_count);
	return 0;
}

START_TEST(categories)
{
	int64_t u = testdb_user(&tdb, "max@example.org"), v = testdb_user(&tdb, "ned@example.org");
	int64_t health = 0, money = 0;
	ck_assert_int_eq(category_create(&tdb.db, 1000, u, " Health ", "#00aa00", &health), TRACKER_OK);
	ck_assert_int_eq(category_create(&tdb.db, 1000, u, "Money", "#aaaa00", &money), TRACKER_OK);
	ck_assert_int_eq(category_create(&tdb.db, 1000, u, "HEALTH", "#00aa00", NULL), TRACKER_NAME_TAKEN);
	ck_assert_int_eq(category_create(&tdb.db, 1000, v, "Health", "#00aa00", NULL), TRACKER_OK);
	ck_assert_int_eq(category_create(&tdb.db, 1000, u, "", "#00aa00", NULL), TRACKER_INVALID);
	ck_assert_int_eq(category_create(&tdb.db, 1000, u, "Art", "green", NULL), TRACKER_INVALID);
	char long_name[CATEGORY_NAME_MAX + 2];
	memset(long_name, 'c', sizeof long_name - 1);
	long_name[sizeof long_name - 1] = '\0';
	ck_assert_int_eq(category_create(&tdb.db, 1000, u, long_name, "#000000", NULL), TRACKER_INVALID);

	struct tracker_input in = input("Run");
	in.category_id = health;
	int64_t a = 0;
	ck_assert_int_eq(tracker_create(&tdb.db, 1000, u, &in, &a), TRACKER_OK);
	struct tracker t;
	ck_assert_int_eq(tracker_get(&tdb.db, &tdb.arena, u, a, false, &t), TRACKER_OK);
	ck_assert_int_eq(t.category_id, health);
	ck_assert_str_eq(t.category_name, "Health");
	struct names n = { "" };
	ck_assert_int_eq(category_each(&tdb.db, &tdb.arena, u, collect_categories, &n), TRACKER_OK);
	ck_assert_str_eq(n.text, "Health:#00aa00:1,Money:#aaaa00:0,");

	ck_assert_int_eq(category_update(&tdb.db, 2000, u, money, "Finance", "#bbbb00"), TRACKER_OK);
	ck_assert_int_eq(category_update(&tdb.db, 2000, u, money, "health", "#bbbb00"), TRACKER_NAME_TAKEN);
	ck_assert_int_eq(category_update(&tdb.db, 2000, u, health, "health", "#00aa00"), TRACKER_OK); /* its own name */
	ck_assert_int_eq(category_update(&tdb.db, 2000, u, money, "Finance", "#bb"), TRACKER_INVALID);
	ck_assert_int_eq(category_update(&tdb.db, 2000, v, money, "Mine", "#bbbb00"), TRACKER_NOT_FOUND);
	ck_assert_int_eq(category_delete(&tdb.db, v, health), TRACKER_NOT_FOUND);
	n.text[0] = '\0';
	ck_assert_int_eq(category_each(&tdb.db, &tdb.arena, u, collect_categories, &n), TRACKER_OK);
	ck_assert_str_eq(n.text, "Finance:#bbbb00:0,health:#00aa00:1,");

	ck_assert_int_eq(category_delete(&tdb.db, u, health), TRACKER_OK);
	ck_assert_int_eq(category_delete(&tdb.db, u, health), TRACKER_NOT_FOUND);
	ck_assert_int_eq(tracker_get(&tdb.db, &tdb.arena, u, a, false, &t), TRACKER_OK); /* detached, still there */
	ck_assert_int_eq(t.category_id, 0);
	ck_assert_str_eq(t.category_name, "");
	n.text[0] = '\0';
	ck_assert_int_eq(category_each(&tdb.db, &tdb.arena, u, collect_categories, &n), TRACKER_OK);
	ck_assert_str_eq(n.text, "Finance:#bbbb00:0,");
}
END_TEST

START_TEST(names_and_colours)
{
	ck_assert_str_eq(tracker_status_name(TRACKER_PAUSED), "paused");
	enum tracker_status s;
	ck_assert_int_eq(tracker_status_parse("archived", &s), 0);
	ck_assert_int_eq(s, TRACKER_ARCHIVED);
	ck_assert_int_eq(tracker_status_parse("Archived", &s), -1);
	ck_assert_int_eq(tracker_status_parse(NULL, &s), -1);
	ck_assert(tracker_color_valid("#0aF9c3"));
	ck_assert(!tracker_color_valid("0aF9c3"));
	ck_assert(!tracker_color_valid("#0aF9c"));
	ck_assert(!tracker_color_valid(""));
	ck_assert(!tracker_color_valid(NULL));
}
END_TEST

static Suite *tracker_suite(void)
{
	Suite *s = suite_create("tracker");
	TCase *tc = tcase_create("trackers");
	tcase_add_checked_fixture(tc, testdb_setup, testdb_teardown);
	tcase_add_test(tc, create_get_and_filters);
	tcase_add_test(tc, names_are_unique_among_live_trackers);
	tcase_add_test(tc, input_checks);
	tcase_add_test(tc, another_users_tracker_is_not_found);
	tcase_add_test(tc, soft_delete_cascades_and_restore_renames);
	tcase_add_test(tc, clone_copies_templates_and_tags_not_history);
	tcase_add_test(tc, mode_change_marks_old_periods_legacy);
	tcase_add_test(tc, move_swaps_with_the_neighbour);
	tcase_add_test(tc, categories);
	tcase_add_test(tc, names_and_colours);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(tracker_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
