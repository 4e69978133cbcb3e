/* check_task: unit tests of task templates and tags — input checks, create/read/update, tags,
 * another user's ids, soft delete and restore, order, the trash — against a migrated database. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "task.h"
#include "testdb.h"
#include "tracker.h"

static int64_t add_tracker(int64_t user, const char *name, enum time_mode mode)
{
	struct tracker_input in = { .name = name, .description = "", .time_mode = mode, .start_date = TRACKER_NO_DATE,
				    .end_date = TRACKER_NO_DATE, .color = "#2f80ed" };
	int64_t id = 0;
	ck_assert_int_eq(tracker_create(&tdb.db, 1000, user, &in, &id), TRACKER_OK);
	return id;
}

static int64_t add_task(int64_t user, int64_t tracker, const char *name)
{
	struct task_input in;
	task_input_defaults(&in);
	in.name = name;
	int64_t id = 0;
	ck_assert_int_eq(task_create(&tdb.db, 1000, user, tracker, &in, &id), TASK_OK);
	ck_assert_int_gt(id, 0);
	return id;
}

static int64_t add_tag(int64_t user, const char *name)
{
	int64_t id = 0;
	ck_assert_int_eq(tag_create(&tdb.db, 1000, user, name, "#336699", &id), TASK_OK);
	return id;
}

struct names {
	char text[512];
};

static int collect(void *ctx, const struct task_template *t)
{
	struct names *n = ctx;
	size_t len = strlen(n->text);
	snprintf(n->text + len, sizeof n->text - len, "%s%s%s,", t->name, t->deleted_at ? "(deleted)" : "",
		 t->tag_count ? "+tags" : "");
	return 0;
}

static const char *list(int64_t user, int64_t tracker, bool include_deleted)
{
	static struct names n;
	n.text[0] = '\0';
	ck_assert_int_eq(task_each(&tdb.db, &tdb.arena, user, tracker, include_deleted, collect, &n), TASK_OK);
	return n.text;
}

START_TEST(defaults_and_names)
{
	struct task_input in;
	task_input_defaults(&in);
	ck_assert_int_eq(in.kind, TASK_CHECK);
	ck_assert_int_eq(in.points, 1);
	ck_assert(in.weight == 1.0);
	ck_assert_int_eq(in.time_of_day, TASK_ANY_TIME);
	ck_assert_int_eq(in.schedule.kind, SCHEDULE_EVERY_PERIOD);
	ck_assert_int_eq(in.difficulty, 3);
	ck_assert_int_eq(in.priority, TASK_PRIORITY_NORMAL);
	ck_assert(in.counts_toward_goals);
	ck_assert_int_eq(in.status, TASK_ACTIVE);
	ck_assert_int_eq(in.reminder_minute, -1);
	ck_assert_int_eq(in.tag_count, 0);
	ck_assert_str_eq(task_kind_name(TASK_MEASURE), "measure");
	ck_assert_str_eq(task_direction_name(TASK_AT_MOST), "at_most");
	ck_assert_str_eq(task_time_of_day_name(TASK_AFTERNOON), "afternoon");
	ck_assert_str_eq(task_priority_name(TASK_PRIORITY_HIGH), "high");
	ck_assert_str_eq(task_status_name(TASK_ARCHIVED), "archived");
	ck_assert_ptr_null(task_status_name((enum task_status)9));
	enum task_time_of_day t;
	ck_assert_int_eq(task_time_of_day_parse("evening", &t), 0);
	ck_assert_int_eq(t, TASK_EVENING);
	ck_assert_int_eq(task_time_of_day_parse("night", &t), -1);
	enum task_kind k;
	ck_assert_int_eq(task_kind_parse(NULL, &k), -1);
	enum task_priority p;
	ck_assert_int_eq(task_priority_parse("low", &p), 0);
	ck_assert_int_eq(p, TASK_PRIORITY_LOW);
	enum task_direction d;
	ck_assert_int_eq(task_direction_parse("at_least", &d), 0);
	enum task_status s;
	ck_assert_int_eq(task_status_parse("paused", &s), 0);
	ck_assert_int_eq(s, TASK_PAUSED);
}
END_TEST

START_TEST(input_checks)
{
	struct task_input in;
	const char *field = "x", *p;
	task_input_defaults(&in);
	in.name = "Run";
	ck_assert_ptr_null(task_input_check(&in, TIME_MODE_DAILY, &field));
	ck_assert_ptr_null(field);

	in.points = -1;
	p = task_input_check(&in, TIME_MODE_DAILY, &field);
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(field, "points");
	ck_assert_str_eq(p, "Points cannot be negative.");
	in.points = 0;
	ck_assert_ptr_null(task_input_check(&in, TIME_MODE_DAILY, &field));
	in.points = TASK_POINTS_MAX + 1;
	ck_assert_ptr_nonnull(task_input_check(&in, TIME_MODE_DAILY, &field));
	ck_assert_str_eq(field, "points");
	in.points = 1;

	in.kind = TASK_MEASURE;
	in.target_value = NAN; /* no target */
	ck_assert_ptr_nonnull(task_input_check(&in, TIME_MODE_DAILY, &field));
	ck_assert_str_eq(field, "target_value");
	in.target_value = -2;
	ck_assert_ptr_nonnull(task_input_check(&in, TIME_MODE_DAILY, &field));
	ck_assert_str_eq(field, "target_value");
	in.target_value = 0;
	in.direction = (enum task_direction)5;
	ck_assert_ptr_nonnull(task_input_check(&in, TIME_MODE_DAILY, &field));
	ck_assert_str_eq(field, "target_value");
	in.direction = TASK_AT_MOST;
	ck_assert_ptr_null(task_input_check(&in, TIME_MODE_DAILY, &field));
	in.kind = TASK_CHECK;

	/* the schedule goes through schedule_validate, for the tracker's mode */
	in.schedule.kind = SCHEDULE_WEEKDAYS;
	in.schedule.weekdays = 0;
	const char *expected = NULL;
	ck_assert_int_eq(schedule_validate(&in.schedule, TIME_MODE_DAILY, &expected), -1);
	p = task_input_check(&in, TIME_MODE_DAILY, &field);
	ck_assert_str_eq(field, "schedule");
	ck_assert_str_eq(p, expected);
	in.schedule.kind = SCHEDULE_TIMES_PER_PERIOD;
	in.schedule.times = 20;
	ck_assert_ptr_null(task_input_check(&in, TIME_MODE_MONTHLY, &field));
	ck_assert_ptr_nonnull(task_input_check(&in, TIME_MODE_WEEKLY, &field));
	ck_assert_str_eq(field, "schedule");
	in.schedule.kind = SCHEDULE_EVERY_PERIOD;

	struct task_input bad = in;
	bad.name = "  ";
	task_input_check(&bad, TIME_MODE_DAILY, &field);
	ck_assert_str_eq(field, "name");
	char long_name[TASK_NAME_MAX + 2];
	memset(long_name, 'n', sizeof long_name - 1);
	long_name[sizeof long_name - 1] = '\0';
	bad.name = long_name;
	ck_assert_ptr_nonnull(task_input_check(&bad, TIME_MODE_DAILY, &field));
	ck_assert_str_eq(field, "name");
	bad = in;
	bad.weight = 0;
	ck_assert_ptr_nonnull(task_input_check(&bad, TIME_MODE_DAILY, &field));
	ck_assert_str_eq(field, "weight");
	bad.weight = NAN;
	ck_assert_ptr_nonnull(task_input_check(&bad, TIME_MODE_DAILY, &field));
	bad = in;
	bad.difficulty = 0;
	ck_assert_ptr_nonnull(task_input_check(&bad, TIME_MODE_DAILY, &field));
	ck_assert_str_eq(field, "difficulty");
	bad.difficulty = 6;
	ck_assert_ptr_nonnull(task_input_check(&bad, TIME_MODE_DAILY, &field));
	bad = in;
	bad.unit = "a very long unit name indeed";
	ck_assert_ptr_nonnull(task_input_check(&bad, TIME_MODE_DAILY, &field));
	ck_assert_str_eq(field, "unit");
	bad = in;
	char description[TASK_DESCRIPTION_MAX + 2];
	memset(description, 'd', sizeof description - 1);
	description[sizeof description - 1] = '\0';
	bad.description = description;
	ck_assert_ptr_nonnull(task_input_check(&bad, TIME_MODE_DAILY, &field));
	ck_assert_str_eq(field, "description");
	bad = in;
	bad.tag_count = TASK_MAX_TAGS + 1;
	int64_t ids[TASK_MAX_TAGS + 1] = { 0 };
	bad.tag_ids = ids;
	ck_assert_ptr_nonnull(task_input_check(&bad, TIME_MODE_DAILY, &field));
	ck_assert_str_eq(field, "tags");
	bad = in;
	bad.reminder_minute = 1440;
	ck_assert_ptr_nonnull(task_input_check(&bad, TIME_MODE_DAILY, &field));
	bad.reminder_minute = 0;
	ck_assert_ptr_null(task_input_check(&bad, TIME_MODE_DAILY, NULL));

	/* task_create refuses what the check refuses, and writes nothing */
	int64_t u = testdb_user(&tdb, "ann@example.org");
	int64_t k = add_tracker(u, "Weekly", TIME_MODE_WEEKLY);
	in.points = -5;
	ck_assert_int_eq(task_create(&tdb.db, 1000, u, k, &in, NULL), TASK_INVALID);
	in.points = 1;
	in.kind = TASK_MEASURE;
	in.target_value = NAN;
	ck_assert_int_eq(task_create(&tdb.db, 1000, u, k, &in, NULL), TASK_INVALID);
	in.kind = TASK_CHECK;
	in.schedule.kind = SCHEDULE_TIMES_PER_PERIOD;
	in.schedule.times = 8; /* more than 7 in a week */
	ck_assert_int_eq(task_create(&tdb.db, 1000, u, k, &in, NULL), TASK_INVALID);
	ck_assert_int_eq(testdb_row_int(&tdb, "SELECT count(*) FROM task_templates"), 0);
}
END_TEST

START_TEST(create_get_update)
{
	int64_t u = testdb_user(&tdb, "bob@example.org");
	int64_t k = add_tracker(u, "Fitness", TIME_MODE_DAILY);
	struct task_input in;
	task_input_defaults(&in);
	in.name = " Run ";
	in.description = "Around the park";
	in.points = 0;
	in.weight = 2.5;
	in.time_of_day = TASK_MORNING;
	in.kind = TASK_MEASURE;
	in.target_value = 5;
	in.direction = TASK_AT_LEAST;
	in.unit = "km";
	in.schedule.kind = SCHEDULE_EVERY_N_DAYS;
	in.schedule.interval_days = 3;
	in.schedule.anchor = testdb_day("2026-02-28");
	in.difficulty = 4;
	in.priority = TASK_PRIORITY_HIGH;
	in.counts_toward_goals = false;
	in.reminder_minute = 7 * 60;
	in.reminder_weekdays = 31;
	int64_t id = 0;
	ck_assert_int_eq(task_create(&tdb.db, 1000, u, k, &in, &id), TASK_OK);
	struct task_template t;
	ck_assert_int_eq(task_get(&tdb.db, &tdb.arena, u, id, false, &t), TASK_OK);
	ck_assert_int_eq(t.tracker_id, k);
	ck_assert_str_eq(t.name, "Run");
	ck_assert_str_eq(t.description, "Around the park");
	ck_assert_int_eq(t.points, 0);
	ck_assert(t.weight == 2.5);
	ck_assert_int_eq(t.time_of_day, TASK_MORNING);
	ck_assert_int_eq(t.kind, TASK_MEASURE);
	ck_assert(t.target_value == 5);
	ck_assert_int_eq(t.direction, TASK_AT_LEAST);
	ck_assert_str_eq(t.unit, "km");
	ck_assert_int_eq(t.schedule.kind, SCHEDULE_EVERY_N_DAYS);
	ck_assert_int_eq(t.schedule.interval_days, 3);
	ck_assert_int_eq(t.schedule.anchor, testdb_day("2026-02-28"));
	ck_assert_int_eq(t.difficulty, 4);
	ck_assert_int_eq(t.priority, TASK_PRIORITY_HIGH);
	ck_assert(!t.counts_toward_goals);
	ck_assert_int_eq(t.status, TASK_ACTIVE);
	ck_assert_int_eq(t.reminder_minute, 420);
	ck_assert_int_eq(t.reminder_weekdays, 31);
	ck_assert_int_eq(t.position, 1);
	ck_assert_int_eq(t.deleted_at, 0);
	ck_assert_int_eq(t.tag_count, 0);

	/* replace every field: a check task with a rolling schedule */
	task_input_defaults(&in);
	in.name = "Jog";
	in.schedule.kind = SCHEDULE_TIMES_IN_DAYS;
	in.schedule.times = 3;
	in.schedule.window_days = 10;
	in.status = TASK_PAUSED;
	in.time_of_day = TASK_EVENING;
	ck_assert_int_eq(task_update(&tdb.db, 2000, u, id, &in), TASK_OK);
	ck_assert_int_eq(task_get(&tdb.db, &tdb.arena, u, id, false, &t), TASK_OK);
	ck_assert_str_eq(t.name, "Jog");
	ck_assert_int_eq(t.kind, TASK_CHECK);
	ck_assert_str_eq(t.unit, "");
	ck_assert_int_eq(t.schedule.kind, SCHEDULE_TIMES_IN_DAYS);
	ck_assert_int_eq(t.schedule.times, 3);
	ck_assert_int_eq(t.schedule.window_days, 10);
	ck_assert(t.schedule.anchor == SCHEDULE_NO_ANCHOR);
	ck_assert_int_eq(t.status, TASK_PAUSED);
	ck_assert_int_eq(t.reminder_minute, -1);
	ck_assert_int_eq(testdb_row_int(&tdb, "SELECT count(*) FROM task_templates WHERE target_value IS NULL AND target_direction IS NULL"
					" AND schedule_anchor IS NULL AND schedule_interval_days IS NULL AND updated_at = 2000"),
			 1);
	in.points = -1;
	ck_assert_int_eq(task_update(&tdb.db, 2000, u, id, &in), TASK_INVALID);
	in.points = 1;
	in.schedule.kind = SCHEDULE_WEEKDAYS;
	in.schedule.weekdays = 1 | 4 | 16; /* Mon, Wed, Fri */
	ck_assert_int_eq(task_update(&tdb.db, 2000, u, id, &in), TASK_OK);
	ck_assert_int_eq(task_get(&tdb.db, &tdb.arena, u, id, false, &t), TASK_OK);
	ck_assert_int_eq(t.schedule.weekdays, 21);

	/* new templates go last; a deleted tracker takes no new ones */
	int64_t second = add_task(u, k, "Stretch");
	ck_assert_int_eq(task_get(&tdb.db, &tdb.arena, u, second, false, &t), TASK_OK);
	ck_assert_int_eq(t.position, 2);
	ck_assert_int_eq(task_create(&tdb.db, 1000, u, 9999, &in, NULL), TASK_NOT_FOUND);
	ck_assert_int_eq(tracker_delete(&tdb.db, 3000, u, k), TRACKER_OK);
	ck_assert_int_eq(task_create(&tdb.db, 1000, u, k, &in, NULL), TASK_NOT_FOUND);
	ck_assert_int_eq(task_update(&tdb.db, 3000, u, id, &in), TASK_NOT_FOUND);
}
END_TEST

START_TEST(another_users_template_is_not_found)
{
	int64_t u = testdb_user(&tdb, "cid@example.org"), v = testdb_user(&tdb, "dee@example.org");
	int64_t k = add_tracker(u, "Mine", TIME_MODE_DAILY);
	int64_t id = add_task(u, k, "Secret");
	add_task(u, k, "Other");
	struct task_template t;
	struct task_input in;
	task_input_defaults(&in);
	in.name = "Stolen";
	ck_assert_int_eq(task_get(&tdb.db, &tdb.arena, v, id, true, &t), TASK_NOT_FOUND);
	ck_assert_int_eq(task_update(&tdb.db, 2000, v, id, &in), TASK_NOT_FOUND);
	ck_assert_int_eq(task_delete(&tdb.db, 2000, v, id), TASK_NOT_FOUND);
	ck_assert_int_eq(task_move(&tdb.db, 2000, v, id, +1), TASK_NOT_FOUND);
	ck_assert_int_eq(task_create(&tdb.db, 2000, v, k, &in, NULL), TASK_NOT_FOUND);
	struct names n = { "" };
	ck_assert_int_eq(task_each(&tdb.db, &tdb.arena, v, k, true, collect, &n), TASK_NOT_FOUND);
	ck_assert_int_eq(task_delete(&tdb.db, 2000, u, id), TASK_OK);
	ck_assert_int_eq(task_restore(&tdb.db, 3000, v, id), TASK_NOT_FOUND);
	ck_assert_int_eq(testdb_row_int(&tdb, "SELECT count(*) FROM task_templates WHERE name = 'Stolen'"), 0);
	ck_assert_int_eq(testdb_row_int(&tdb, "SELECT deleted_at FROM task_templates WHERE id = %lld", (long long)id), 2000);
	ck_assert_str_eq(list(u, k, true), "Secret(deleted),Other,");
}
END_TEST

static int collect_tags(void *ctx, const struct tag *g)
{
	struct names *n = ctx;
	size_t len = strlen(n->text);
	snprintf(n->text + len, sizeof n->text - len, "%s:%d,", g->name, g->task_count);
	return 0;
}

static const char *tag_list(int64_t user)
{
	static struct names n;
	n.text[0] = '\0';
	ck_assert_int_eq(tag_each(&tdb.db, &tdb.arena, user, collect_tags, &n), TASK_OK);
	return n.text;
}

START_TEST(tags)
{
	int64_t u = testdb_user(&tdb, "eve@example.org"), v = testdb_user(&tdb, "fay@example.org");
	int64_t mind = add_tag(u, "Mind"), body = add_tag(u, " body ");
	int64_t theirs = add_tag(v, "Theirs");
	ck_assert_int_eq(tag_create(&tdb.db, 1000, u, "MIND", "#000000", NULL), TASK_NAME_TAKEN);
	ck_assert_int_eq(tag_create(&tdb.db, 1000, v, "Mind", "#000000", NULL), TASK_OK);
	ck_assert_int_eq(tag_create(&tdb.db, 1000, u, "", "#000000", NULL), TASK_INVALID);
	ck_assert_int_eq(tag_create(&tdb.db, 1000, u, "Ok", "#00000", NULL), TASK_INVALID);
	char long_name[TAG_NAME_MAX + 2];
	memset(long_name, 't', sizeof long_name - 1);
	long_name[sizeof long_name - 1] = '\0';
	ck_assert_int_eq(tag_create(&tdb.db, 1000, u, long_name, "#000000", NULL), TASK_INVALID);

	int64_t k = add_tracker(u, "Routine", TIME_MODE_DAILY);
	struct task_input in;
	task_input_defaults(&in);
	in.name = "Meditate";
	int64_t both[] = { mind, body };
	in.tag_ids = both;
	in.tag_count = 2;
	int64_t id = 0;
	ck_assert_int_eq(task_create(&tdb.db, 1000, u, k, &in, &id), TASK_OK);
	struct task_template t;
	ck_assert_int_eq(task_get(&tdb.db, &tdb.arena, u, id, false, &t), TASK_OK);
	ck_assert_int_eq(t.tag_count, 2);
	ck_assert_str_eq(t.tags[0].name, "body"); /* by name, trimmed */
	ck_assert_str_eq(t.tags[0].color, "#336699");
	ck_assert_int_eq(t.tags[1].id, mind);
	ck_assert_str_eq(tag_list(u), "body:1,Mind:1,");

	/* replace */
	in.tag_ids = &body;
	in.tag_count = 1;
	ck_assert_int_eq(task_update(&tdb.db, 2000, u, id, &in), TASK_OK);
	ck_assert_int_eq(task_get(&tdb.db, &tdb.arena, u, id, false, &t), TASK_OK);
	ck_assert_int_eq(t.tag_count, 1);
	ck_assert_int_eq(t.tags[0].id, body);
	ck_assert_str_eq(tag_list(u), "body:1,Mind:0,");

	/* another user's tag: refused, nothing changed */
	int64_t mixed[] = { mind, theirs };
	in.tag_ids = mixed;
	in.tag_count = 2;
	ck_assert_int_eq(task_update(&tdb.db, 3000, u, id, &in), TASK_INVALID);
	ck_assert_int_eq(task_create(&tdb.db, 3000, u, k, &in, NULL), TASK_INVALID);
	int64_t missing = 999;
	in.tag_ids = &missing;
	in.tag_count = 1;
	ck_assert_int_eq(task_create(&tdb.db, 3000, u, k, &in, NULL), TASK_INVALID);
	ck_assert_int_eq(task_get(&tdb.db, &tdb.arena, u, id, false, &t), TASK_OK);
	ck_assert_int_eq(t.tag_count, 1);
	ck_assert_int_eq(t.tags[0].id, body);
	ck_assert_int_eq(testdb_row_int(&tdb, "SELECT count(*) FROM task_templates"), 1);
	ck_assert_int_eq(testdb_row_int(&tdb, "SELECT count(*) FROM template_tags WHERE tag_id = %lld", (long long)theirs), 0);

	/* a repeated id counts once; no tags clears them */
	int64_t twice[] = { mind, mind };
	in.tag_ids = twice;
	in.tag_count = 2;
	ck_assert_int_eq(task_update(&tdb.db, 3000, u, id, &in), TASK_OK);
	ck_assert_int_eq(task_get(&tdb.db, &tdb.arena, u, id, false, &t), TASK_OK);
	ck_assert_int_eq(t.tag_count, 1);
	in.tag_ids = NULL;
	in.tag_count = 0;
	ck_assert_int_eq(task_update(&tdb.db, 3000, u, id, &in), TASK_OK);
	ck_assert_int_eq(task_get(&tdb.db, &tdb.arena, u, id, false, &t), TASK_OK);
	ck_assert_int_eq(t.tag_count, 0);
	ck_assert_ptr_null(t.tags);

	/* rename, recolour, delete */
	in.tag_ids = &mind;
	in.tag_count = 1;
	ck_assert_int_eq(task_update(&tdb.db, 3000, u, id, &in), TASK_OK);
	ck_assert_int_eq(tag_update(&tdb.db, u, mind, "Focus", "#ff0000"), TASK_OK);
	ck_assert_int_eq(tag_update(&tdb.db, u, mind, "BODY", "#ff0000"), TASK_NAME_TAKEN);
	ck_assert_int_eq(tag_update(&tdb.db, u, mind, "Focus", "red"), TASK_INVALID);
	ck_assert_int_eq(tag_update(&tdb.db, v, mind, "Mine", "#ff0000"), TASK_NOT_FOUND);
	ck_assert_int_eq(tag_delete(&tdb.db, v, mind), TASK_NOT_FOUND);
	ck_assert_int_eq(task_get(&tdb.db, &tdb.arena, u, id, false, &t), TASK_OK);
	ck_assert_str_eq(t.tags[0].name, "Focus");
	ck_assert_str_eq(t.tags[0].color, "#ff0000");
	ck_assert_int_eq(tag_delete(&tdb.db, u, mind), TASK_OK);
	ck_assert_int_eq(tag_delete(&tdb.db, u, mind), TASK_NOT_FOUND);
	ck_assert_int_eq(task_get(&tdb.db, &tdb.arena, u, id, false, &t), TASK_OK);
	ck_assert_int_eq(t.tag_count, 0);
	ck_assert_str_eq(tag_list(u), "body:0,");
	ck_assert_str_eq(tag_list(v), "Mind:0,Theirs:0,");
}
END_TEST

static int collect_deleted(void *ctx, const struct task_template *t, const char *tracker_name)
{
	struct names *n = ctx;
	size_t len = strlen(n->text);
	snprintf(n->text + len, sizeof n->text - len, "%s/%s,", tracker_name, t->name);
	return 0;
}

static const char *trash(int64_t user)
{
	static struct names n;
	n.text[0] = '\0';
	ck_assert_int_eq(task_each_deleted(&tdb.db, &tdb.arena, user, collect_deleted, &n), TASK_OK);
	return n.text;
}

START_TEST(delete_restore_and_trash)
{
	int64_t u = testdb_user(&tdb, "gil@example.org"), v = testdb_user(&tdb, "jon@example.org");
	int64_t k = add_tracker(u, "Home", TIME_MODE_DAILY), j = add_tracker(u, "Work", TIME_MODE_DAILY);
	int64_t tag = add_tag(u, "Chores");
	struct task_input in;
	task_input_defaults(&in);
	in.name = "Dishes";
	in.tag_ids = &tag;
	in.tag_count = 1;
	int64_t dishes = 0;
	ck_assert_int_eq(task_create(&tdb.db, 1000, u, k, &in, &dishes), TASK_OK);
	int64_t laundry = add_task(u, k, "Laundry"), mail = add_task(u, j, "Mail");
	add_task(u, j, "Calls");

	ck_assert_int_eq(task_delete(&tdb.db, 2000, u, dishes), TASK_OK);
	ck_assert_int_eq(task_delete(&tdb.db, 2000, u, dishes), TASK_NOT_FOUND);
	struct task_template t;
	ck_assert_int_eq(task_get(&tdb.db, &tdb.arena, u, dishes, false, &t), TASK_NOT_FOUND);
	ck_assert_int_eq(task_get(&tdb.db, &tdb.arena, u, dishes, true, &t), TASK_OK);
	ck_assert_int_eq(t.deleted_at, 2000);
	ck_assert_int_eq(t.tag_count, 1); /* the tags stay for a restore */
	ck_assert_str_eq(list(u, k, false), "Laundry,");
	ck_assert_str_eq(list(u, k, true), "Dishes(deleted)+tags,Laundry,");
	ck_assert_int_eq(task_delete(&tdb.db, 2100, u, mail), TASK_OK);
	ck_assert_str_eq(trash(u), "Work/Mail,Home/Dishes,"); /* most recent first */
	ck_assert_str_eq(trash(v), ""); /* another user's trash */

	/* a deleted tracker's templates are not in the task trash (they come back with it) */
	ck_assert_int_eq(tracker_delete(&tdb.db, 3000, u, j), TRACKER_OK);
	ck_assert_str_eq(trash(u), "Home/Dishes,");
	ck_assert_int_eq(task_restore(&tdb.db, 3500, u, mail), TASK_NOT_FOUND);
	ck_assert_int_eq(tracker_restore(&tdb.db, &tdb.arena, 4000, u, j, NULL), TRACKER_OK);
	ck_assert_str_eq(list(u, j, true), "Mail(deleted),Calls,"); /* deleted before the tracker: stays */

	ck_assert_int_eq(task_restore(&tdb.db, 5000, u, dishes), TASK_OK);
	ck_assert_int_eq(task_restore(&tdb.db, 5000, u, dishes), TASK_NOT_FOUND); /* not deleted */
	ck_assert_str_eq(list(u, k, false), "Dishes+tags,Laundry,");
	ck_assert_int_eq(task_get(&tdb.db, &tdb.arena, u, dishes, false, &t), TASK_OK);
	ck_assert_int_eq(t.deleted_at, 0);
	ck_assert_int_eq(task_move(&tdb.db, 5000, u, laundry, -1), TASK_OK);
	ck_assert_str_eq(trash(u), "Work/Mail,");
}
END_TEST

START_TEST(order_and_move)
{
	int64_t u = testdb_user(&tdb, "hal@example.org");
	int64_t k = add_tracker(u, "Morning", TIME_MODE_DAILY), j = add_tracker(u, "Evening", TIME_MODE_DAILY);
	int64_t a = add_task(u, k, "A"), b = add_task(u, k, "B"), c = add_task(u, k, "C");
	int64_t x = add_task(u, j, "X");
	ck_assert_str_eq(list(u, k, false), "A,B,C,");
	ck_assert_int_eq(task_move(&tdb.db, 2000, u, c, -1), TASK_OK);
	ck_assert_str_eq(list(u, k, false), "A,C,B,");
	ck_assert_int_eq(task_move(&tdb.db, 2000, u, a, -1), TASK_OK); /* first already */
	ck_assert_int_eq(task_move(&tdb.db, 2000, u, a, +1), TASK_OK);
	ck_assert_str_eq(list(u, k, false), "C,A,B,");
	ck_assert_int_eq(task_move(&tdb.db, 2000, u, b, +1), TASK_OK); /* last already */
	ck_assert_str_eq(list(u, k, false), "C,A,B,");
	ck_assert_int_eq(task_move(&tdb.db, 2000, u, x, -1), TASK_OK); /* alone in its tracker */
	ck_assert_str_eq(list(u, j, false), "X,");
	/* a deleted template is skipped over */
	ck_assert_int_eq(task_delete(&tdb.db, 2000, u, a), TASK_OK);
	ck_assert_int_eq(task_move(&tdb.db, 2000, u, b, -1), TASK_OK);
	ck_assert_str_eq(list(u, k, false), "B,C,");
	ck_assert_int_eq(task_move(&tdb.db, 2000, u, a, -1), TASK_NOT_FOUND);
	/* equal positions still move */
	ck_assert_int_eq(task_restore(&tdb.db, 2000, u, a), TASK_OK);
	struct buf err;
	buf_init(&err);
	ck_assert_int_eq(db_exec(&tdb.db, "UPDATE task_templates SET position = 0", &err), 0);
	buf_free(&err);
	ck_assert_str_eq(list(u, k, false), "A,B,C,");
	ck_assert_int_eq(task_move(&tdb.db, 2000, u, c, -1), TASK_OK);
	ck_assert_str_eq(list(u, k, false), "A,C,B,");
	add_task(u, k, "D");
	ck_assert_str_eq(list(u, k, false), "A,C,B,D,");
	ck_assert_int_eq(testdb_row_int(&tdb, "SELECT position FROM task_templates WHERE id = %lld", (long long)x), 0);
}
END_TEST

/* A callback that stops the walk after the first template. */
static int stop_after_one(void *ctx, const struct task_template *t)
{
	(void)t;
	++*(int *)ctx;
	return 1;
}

START_TEST(each_stops_when_asked)
{
	int64_t u = testdb_user(&tdb, "ida@example.org");
	int64_t k = add_tracker(u, "Many", TIME_MODE_DAILY);
	add_task(u, k, "One");
	add_task(u, k, "Two");
	int calls = 0;
	ck_assert_int_eq(task_each(&tdb.db, &tdb.arena, u, k, false, stop_after_one, &calls), TASK_OK);
	ck_assert_int_eq(calls, 1);
}
END_TEST

static Suite *task_suite(void)
{
	Suite *s = suite_create("task");
	TCase *tc = tcase_create("templates");
	tcase_add_checked_fixture(tc, testdb_setup, testdb_teardown);
	tcase_add_test(tc, defaults_and_names);
	tcase_add_test(tc, input_checks);
	tcase_add_test(tc, create_get_update);
	tcase_add_test(tc, another_users_template_is_not_found);
	tcase_add_test(tc, tags);
	tcase_add_test(tc, delete_restore_and_trash);
	tcase_add_test(tc, order_and_move);
	tcase_add_test(tc, each_stops_when_asked);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(task_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
