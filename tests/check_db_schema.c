/* check_db_schema: unit tests of the schema in sql/ — cascades when a user is deleted,
 * relations that follow deletes, the constraints every table refuses and the rows it accepts. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "db.h"
#include "testsqlite.h"

/* One row in every table: user 1 owns everything, user 2 a session, a tracker and a task. */
static const char fixture_sql[] =
	"INSERT INTO users(id, email, password_hash, display_name, created_at, updated_at)"
	" VALUES (1, 'a@example.org', 'h', 'A', 0, 0), (2, 'b@example.org', 'h', 'B', 0, 0);"
	"INSERT INTO sessions(user_id, token_hash, csrf_token, created_at, last_seen_at, expires_at)"
	" VALUES (1, randomblob(32), randomblob(32), 0, 0, 9), (2, randomblob(32), randomblob(32), 0, 0, 9);"
	"INSERT INTO preferences(user_id, updated_at) VALUES (1, 0);"
	"INSERT INTO login_attempts(key, window_start, count, last_at) VALUES ('login:a@example.org', 0, 1, 0);"
	"INSERT INTO categories(id, user_id, name, created_at, updated_at) VALUES (1, 1, 'Health', 0, 0);"
	"INSERT INTO trackers(id, user_id, name, category_id, created_at, updated_at)"
	" VALUES (1, 1, 'Morning', 1, 0, 0), (2, 2, 'Other', NULL, 0, 0);"
	"INSERT INTO task_templates(id, tracker_id, name, created_at, updated_at)"
	" VALUES (1, 1, 'Water', 0, 0), (2, 2, 'Run', 0, 0);"
	"INSERT INTO tags(id, user_id, name, created_at) VALUES (1, 1, 'health', 0);"
	"INSERT INTO template_tags(task_template_id, tag_id) VALUES (1, 1);"
	"INSERT INTO tracker_instances(id, tracker_id, period_start, period_end, tracking_date, time_mode, created_at)"
	" VALUES (1, 1, '2025-01-06', '2025-01-06', '2025-01-06', 'daily', 0);"
	"INSERT INTO task_instances(id, tracker_instance_id, task_template_id, name, points, weight, kind,"
	" created_at, updated_at) VALUES (1, 1, 1, 'Water', 1, 1, 'check', 0, 0);"
	"INSERT INTO task_events(task_instance_id, at, new_status) VALUES (1, 0, 'done');"
	"INSERT INTO day_notes(tracker_id, day, body, created_at, updated_at) VALUES (1, '2025-01-06', 'ok', 0, 0);"
	"INSERT INTO goals(id, user_id, name, kind, target_value, metric, created_at, updated_at)"
	" VALUES (1, 1, 'Gym', 'tasks', 10, 'completions', 0, 0);"
	"INSERT INTO goal_events(goal_id, at, kind) VALUES (1, 0, 'created');"
	"INSERT INTO goal_tasks(goal_id, task_template_id, created_at) VALUES (1, 1, 0);"
	"INSERT INTO progress_entries(goal_id, value, day, created_at) VALUES (1, 1, '2025-01-06', 0);"
	"INSERT INTO goal_period_snapshots(goal_id, period_start, period_end, achieved_value, target_value,"
	" percent, achieved, taken_at) VALUES (1, '2025-01-06', '2025-01-12', 3, 5, 60, 0, 0);"
	"INSERT INTO streak_milestones(tracker_id, task_template_id, milestone, reached_day, recorded_at)"
	" VALUES (1, NULL, 7, '2025-01-12', 0), (1, 1, 7, '2025-01-12', 0);"
	"INSERT INTO notifications(user_id, kind, title, created_at) VALUES (1, 'system', 'hi', 0);"
	"INSERT INTO share_links(id, user_id, tracker_id, token_hash, created_at) VALUES (1, 1, 1, randomblob(32), 0);"
	"INSERT INTO share_attempts(share_link_id, key, window_start, count, last_at) VALUES (1, '*', 0, 1, 0);"
	"INSERT INTO entity_relations(user_id, from_kind, from_id, to_kind, to_id, relation, created_at)"
	" VALUES (1, 'task_template', 1, 'goal', 1, 'supports', 0);"
	"INSERT INTO search_history(user_id, query, last_searched_at) VALUES (1, 'water', 0);"
	"INSERT INTO time_logs(user_id, task_instance_id, day, started_at) VALUES (1, 1, '2025-01-06', 0);"
	"INSERT INTO imports(user_id, source, external_key, tracker_id, task_template_id, first_imported_at,"
	" last_imported_at) VALUES (1, 'loop', 'uuid-1', 1, 1, 0, 0);";

/* Deleting a user removes everything they own, in every table, and nothing of another user. */
START_TEST(test_cascade_user_delete)
{
	struct fx f;
	fx_open_migrated(&f);
	q_ok(&f.db, fixture_sql);
	/* every table has a row, so the check below covers every table */
	sqlite3_stmt *s = NULL;
	ck_assert_int_eq(sqlite3_prepare_v2(f.db.conn, "SELECT name FROM sqlite_schema WHERE type = 'table'"
	                 " AND name NOT LIKE 'sqlite_%' ORDER BY name", -1, &s, NULL), SQLITE_OK);
	struct buf q;
	buf_init(&q);
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(s, 0);
		buf_reset(&q);
		buf_printf(&q, "SELECT count(*) FROM %s", t);
		ck_assert_msg(q_int(&f.db, q.data) > 0, "fixture has no row in %s", t);
	}
	sqlite3_reset(s);

	ck_assert_int_eq(db_begin_write(&f.db), 0);
	q_ok(&f.db, "DELETE FROM users WHERE id = 1");
	ck_assert_int_eq(db_commit(&f.db), 0);
	/* what remains: user 2's session, tracker and task, and the throttling row (not owned) */
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(s, 0);
		long long want = 0;
		if (!strcmp(t, "users") || !strcmp(t, "sessions") || !strcmp(t, "trackers")
		    || !strcmp(t, "task_templates") || !strcmp(t, "login_attempts"))
			want = 1;
		buf_reset(&q);
		buf_printf(&q, "SELECT count(*) FROM %s", t);
		ck_assert_msg(q_int(&f.db, q.data) == want, "%s: %lld rows left, want %lld", t,
		              q_int(&f.db, q.data), want);
	}
	sqlite3_finalize(s);
	buf_free(&q);
	ck_assert_int_eq(q_int(&f.db, "SELECT user_id FROM trackers"), 2);
	fx_close(&f);
}
END_TEST

/* Deleting an object removes the relations that point at it (through the triggers), also when
 * the object goes by a foreign-key cascade. */
START_TEST(test_relations_follow_deletes)
{
	struct fx f;
	fx_open_migrated(&f);
	q_ok(&f.db, fixture_sql);
	q_ok(&f.db, "INSERT INTO entity_relations(user_id, from_kind, from_id, to_kind, to_id, relation,"
	            " created_at) VALUES (1, 'tracker', 1, 'goal', 1, 'relates_to', 0),"
	            " (2, 'task_template', 2, 'day_note', 1, 'relates_to', 0)");
	q_ok(&f.db, "DELETE FROM goals WHERE id = 1");
	ck_assert_int_eq(q_int(&f.db, "SELECT count(*) FROM entity_relations WHERE user_id = 1"), 0);
	q_ok(&f.db, "DELETE FROM trackers WHERE id = 2"); /* its template goes by cascade */
	ck_assert_int_eq(q_int(&f.db, "SELECT count(*) FROM entity_relations"), 0);
	ck_assert_int_eq(q_int(&f.db, "SELECT count(*) FROM task_templates WHERE id = 2"), 0);
	fx_close(&f);
}
END_TEST

/* A statement that the schema must refuse, and the extended result code it must fail with. */
struct refusal {
	const char *sql;
	int rc;
};

static const struct refusal refusals[] = {
	{ "INSERT INTO trackers(user_id, name, created_at, updated_at) VALUES (1, 'x', 'now', 0)",
	  SQLITE_CONSTRAINT_DATATYPE },
	{ "INSERT INTO trackers(user_id, name, created_at, updated_at) VALUES (99, 'x', 0, 0)",
	  SQLITE_CONSTRAINT_FOREIGNKEY },
	{ "INSERT INTO trackers(user_id, name, time_mode, created_at, updated_at) VALUES (1, 'x', 'yearly', 0, 0)",
	  SQLITE_CONSTRAINT_CHECK },
	{ "INSERT INTO trackers(user_id, name, color, created_at, updated_at) VALUES (1, 'x', 'red', 0, 0)",
	  SQLITE_CONSTRAINT_CHECK },
	{ "INSERT INTO trackers(user_id, name, start_date, end_date, created_at, updated_at)"
	  " VALUES (1, 'x', '2025-02-01', '2025-01-31', 0, 0)", SQLITE_CONSTRAINT_CHECK },
	{ "INSERT INTO trackers(user_id, name, created_at, updated_at) VALUES (1, '', 0, 0)",
	  SQLITE_CONSTRAINT_CHECK },
	{ "UPDATE trackers SET status = 'deleted' WHERE id = 1", SQLITE_CONSTRAINT_CHECK },
	{ "INSERT INTO users(email, password_hash, display_name, created_at, updated_at)"
	  " VALUES ('A@EXAMPLE.ORG', 'h', 'A', 0, 0)", SQLITE_CONSTRAINT_UNIQUE },
	{ "INSERT INTO users(email, password_hash, display_name, created_at, updated_at)"
	  " VALUES ('nobody', 'h', 'A', 0, 0)", SQLITE_CONSTRAINT_CHECK },
	{ "INSERT INTO users(email, password_hash, display_name, created_at, updated_at)"
	  " VALUES (NULL, 'h', 'A', 0, 0)", SQLITE_CONSTRAINT_NOTNULL },
	{ "INSERT INTO sessions(user_id, token_hash, csrf_token, created_at, last_seen_at, expires_at)"
	  " SELECT 1, token_hash, randomblob(32), 0, 0, 0 FROM sessions WHERE user_id = 2",
	  SQLITE_CONSTRAINT_UNIQUE },
	{ "INSERT INTO sessions(user_id, token_hash, csrf_token, created_at, last_seen_at, expires_at)"
	  " VALUES (1, randomblob(16), randomblob(32), 0, 0, 0)", SQLITE_CONSTRAINT_CHECK },
	{ "UPDATE preferences SET streak_threshold = 101", SQLITE_CONSTRAINT_CHECK },
	{ "UPDATE preferences SET theme = 'blue'", SQLITE_CONSTRAINT_CHECK },
	{ "UPDATE preferences SET reminder_minute = 1440", SQLITE_CONSTRAINT_CHECK },
	{ "UPDATE task_templates SET points = -1 WHERE id = 1", SQLITE_CONSTRAINT_CHECK },
	{ "UPDATE task_templates SET difficulty = 6 WHERE id = 1", SQLITE_CONSTRAINT_CHECK },
	{ "UPDATE task_templates SET difficulty = 0 WHERE id = 1", SQLITE_CONSTRAINT_CHECK },
	{ "UPDATE task_templates SET weight = 0 WHERE id = 1", SQLITE_CONSTRAINT_CHECK },
	{ "UPDATE task_templates SET kind = 'measure' WHERE id = 1", SQLITE_CONSTRAINT_CHECK },
	{ "UPDATE task_templates SET schedule_kind = 'weekdays', schedule_weekdays = 0 WHERE id = 1",
	  SQLITE_CONSTRAINT_CHECK },
	{ "UPDATE task_templates SET schedule_weekdays = 128 WHERE id = 1", SQLITE_CONSTRAINT_CHECK },
	{ "UPDATE task_templates SET schedule_kind = 'every_n_days', schedule_interval_days = 3 WHERE id = 1",
	  SQLITE_CONSTRAINT_CHECK },
	{ "UPDATE task_templates SET schedule_kind = 'times_in_days', schedule_times = 8,"
	  " schedule_window_days = 7 WHERE id = 1", SQLITE_CONSTRAINT_CHECK },
	{ "UPDATE task_templates SET priority = 'urgent' WHERE id = 1", SQLITE_CONSTRAINT_CHECK },
	{ "INSERT INTO tags(user_id, name, created_at) VALUES (1, 'HEALTH', 0)", SQLITE_CONSTRAINT_UNIQUE },
	{ "INSERT INTO template_tags(task_template_id, tag_id) VALUES (1, 1)", SQLITE_CONSTRAINT_PRIMARYKEY },
	{ "INSERT INTO tracker_instances(tracker_id, period_start, period_end, tracking_date, time_mode,"
	  " created_at) VALUES (1, '2025-01-06', '2025-01-06', '2025-01-06', 'daily', 0)",
	  SQLITE_CONSTRAINT_UNIQUE },
	{ "INSERT INTO tracker_instances(tracker_id, period_start, period_end, tracking_date, time_mode,"
	  " created_at) VALUES (1, '2025-01-13', '2025-01-12', '2025-01-13', 'daily', 0)",
	  SQLITE_CONSTRAINT_CHECK },
	{ "INSERT INTO task_instances(tracker_instance_id, task_template_id, name, points, weight, kind,"
	  " created_at, updated_at) VALUES (1, 1, 'Water', 1, 1, 'check', 0, 0)", SQLITE_CONSTRAINT_UNIQUE },
	{ "UPDATE task_instances SET status = 'finished'", SQLITE_CONSTRAINT_CHECK },
	{ "UPDATE task_instances SET completed_at = 5", SQLITE_CONSTRAINT_CHECK },
	{ "UPDATE task_instances SET completed_day = '2025-02-29'", SQLITE_CONSTRAINT_CHECK },
	{ "INSERT INTO task_events(task_instance_id, at, new_status, source) VALUES (1, 0, 'done', 'fax')",
	  SQLITE_CONSTRAINT_CHECK },
	{ "INSERT INTO day_notes(tracker_id, day, body, created_at, updated_at)"
	  " VALUES (1, '2025-01-06', 'again', 0, 0)", SQLITE_CONSTRAINT_UNIQUE },
	{ "INSERT INTO day_notes(tracker_id, day, body, created_at, updated_at)"
	  " VALUES (1, '2025-02-30', 'x', 0, 0)", SQLITE_CONSTRAINT_CHECK },
	{ "INSERT INTO day_notes(tracker_id, day, body, created_at, updated_at)"
	  " VALUES (1, '2025-1-7', 'x', 0, 0)", SQLITE_CONSTRAINT_CHECK },
	{ "INSERT INTO day_notes(tracker_id, day, body, created_at, updated_at)"
	  " VALUES (1, '2025-01-07 10:00', 'x', 0, 0)", SQLITE_CONSTRAINT_CHECK },
	{ "INSERT INTO goals(user_id, name, kind, target_value, created_at, updated_at)"
	  " VALUES (1, 'Save', 'target', 5000, 0, 0)", SQLITE_CONSTRAINT_CHECK }, /* no deadline */
	{ "INSERT INTO goals(user_id, name, kind, target_value, metric, created_at, updated_at)"
	  " VALUES (1, 'Deep work', 'period', 600, 'amount', 0, 0)", SQLITE_CONSTRAINT_CHECK },
	{ "INSERT INTO goals(user_id, name, kind, created_at, updated_at) VALUES (1, 'x', 'dream', 0, 0)",
	  SQLITE_CONSTRAINT_CHECK },
	{ "UPDATE goals SET status = 'done'", SQLITE_CONSTRAINT_CHECK },
	{ "UPDATE goals SET target_value = -1", SQLITE_CONSTRAINT_CHECK },
	{ "UPDATE goal_tasks SET weight = 1.5", SQLITE_CONSTRAINT_CHECK },
	{ "INSERT INTO goal_tasks(goal_id, task_template_id, created_at) VALUES (1, 1, 0)",
	  SQLITE_CONSTRAINT_PRIMARYKEY },
	{ "INSERT INTO streak_milestones(tracker_id, task_template_id, milestone, reached_day, recorded_at)"
	  " VALUES (1, NULL, 7, '2025-02-01', 0)", SQLITE_CONSTRAINT_UNIQUE },
	{ "INSERT INTO streak_milestones(tracker_id, task_template_id, milestone, reached_day, recorded_at)"
	  " VALUES (1, 1, 7, '2025-02-01', 0)", SQLITE_CONSTRAINT_UNIQUE },
	{ "INSERT INTO streak_milestones(tracker_id, milestone, reached_day, recorded_at)"
	  " VALUES (1, 8, '2025-02-01', 0)", SQLITE_CONSTRAINT_CHECK },
	{ "INSERT INTO share_links(user_id, tracker_id, goal_id, token_hash, created_at)"
	  " VALUES (1, 1, 1, randomblob(32), 0)", SQLITE_CONSTRAINT_CHECK },
	{ "INSERT INTO share_links(user_id, token_hash, created_at) VALUES (1, randomblob(32), 0)",
	  SQLITE_CONSTRAINT_CHECK },
	{ "INSERT INTO share_links(user_id, tracker_id, token_hash, created_at)"
	  " SELECT 1, 1, token_hash, 0 FROM share_links", SQLITE_CONSTRAINT_UNIQUE },
	{ "UPDATE share_links SET max_uses = 0", SQLITE_CONSTRAINT_CHECK },
	{ "UPDATE share_links SET active = 2", SQLITE_CONSTRAINT_CHECK },
	{ "INSERT INTO entity_relations(user_id, from_kind, from_id, to_kind, to_id, relation, created_at)"
	  " VALUES (1, 'goal', 1, 'goal', 1, 'blocks', 0)", SQLITE_CONSTRAINT_CHECK },
	{ "UPDATE time_logs SET ended_at = -1", SQLITE_CONSTRAINT_CHECK },
	{ "INSERT INTO imports(user_id, source, external_key, tracker_id, task_template_id,"
	  " first_imported_at, last_imported_at) VALUES (1, 'loop', 'uuid-1', 1, 1, 0, 0)",
	  SQLITE_CONSTRAINT_UNIQUE },
};

START_TEST(test_constraints)
{
	struct fx f;
	fx_open_migrated(&f);
	q_ok(&f.db, fixture_sql);
	for (size_t i = 0; i < sizeof refusals / sizeof refusals[0]; i++) {
		int rc = q_exec(&f.db, refusals[i].sql);
		ck_assert_msg(rc == refusals[i].rc, "%s\n  gave %d (%s), want %d", refusals[i].sql, rc,
		              sqlite3_errmsg(f.db.conn), refusals[i].rc);
	}
	fx_close(&f);
}
END_TEST

/* Rows the schema must accept: the shapes later features rely on. */
START_TEST(test_accepts)
{
	struct fx f;
	fx_open_migrated(&f);
	q_ok(&f.db, fixture_sql);
	/* after a mode change, a week may start on the day of a legacy daily period */
	q_ok(&f.db, "UPDATE tracker_instances SET legacy = 1 WHERE tracker_id = 1");
	q_ok(&f.db, "INSERT INTO tracker_instances(tracker_id, period_start, period_end, tracking_date,"
	            " time_mode, created_at) VALUES (1, '2025-01-06', '2025-01-12', '2025-01-08', 'weekly', 0)");
	/* a measure task, every schedule kind, a leap day */
	q_ok(&f.db, "INSERT INTO task_templates(tracker_id, name, kind, target_value, target_direction, unit,"
	            " schedule_kind, schedule_times, schedule_window_days, reminder_minute, reminder_weekdays,"
	            " created_at, updated_at) VALUES (1, 'Read', 'measure', 20, 'at_least', 'pages',"
	            " 'times_in_days', 3, 7, 1080, 31, 0, 0)");
	q_ok(&f.db, "INSERT INTO task_templates(tracker_id, name, schedule_kind, schedule_interval_days,"
	            " schedule_anchor, points, difficulty, created_at, updated_at)"
	            " VALUES (1, 'Clean', 'every_n_days', 3, '2024-02-29', 0, 5, 0, 0)");
	q_ok(&f.db, "INSERT INTO task_templates(tracker_id, name, schedule_kind, schedule_weekdays,"
	            " created_at, updated_at) VALUES (1, 'Gym', 'weekdays', 21, 0, 0)");
	q_ok(&f.db, "INSERT INTO task_templates(tracker_id, name, schedule_kind, schedule_times,"
	            " created_at, updated_at) VALUES (1, 'Swim', 'times_per_period', 2, 0, 0)");
	/* goals of every kind; negative progress entries */
	q_ok(&f.db, "INSERT INTO goals(user_id, name, kind, unit, target_value, deadline, created_at, updated_at)"
	            " VALUES (1, 'Save', 'target', 'dollars', 5000, '2025-12-31', 0, 0)");
	q_ok(&f.db, "INSERT INTO goals(user_id, name, kind, unit, start_date, created_at, updated_at)"
	            " VALUES (1, 'Days without alcohol', 'counter', 'days', '2025-10-02', 0, 0)");
	q_ok(&f.db, "INSERT INTO goals(user_id, name, kind, target_value, metric, period_unit, created_at,"
	            " updated_at) VALUES (1, 'Deep work', 'period', 600, 'amount', 'week', 0, 0)");
	q_ok(&f.db, "INSERT INTO progress_entries(goal_id, value, day, note, is_reset, created_at)"
	            " VALUES (1, -23, '2025-10-25', 'restart', 1, 0)");
	q_ok(&f.db, "INSERT INTO goal_tasks(goal_id, task_template_id, weight, created_at)"
	            " SELECT 1, id, 0.5, 0 FROM task_templates WHERE name = 'Gym'");
	/* several notifications without a dedupe key, one with */
	q_ok(&f.db, "INSERT INTO notifications(user_id, kind, title, created_at) VALUES (1, 'nudge', 'a', 0),"
	            " (1, 'nudge', 'b', 0)");
	q_ok(&f.db, "INSERT INTO notifications(user_id, kind, title, dedupe_key, created_at)"
	            " VALUES (1, 'reminder', 'today', 'reminder:2025-01-06', 0)");
	ck_assert_int_eq(q_exec(&f.db, "INSERT INTO notifications(user_id, kind, title, dedupe_key, created_at)"
	                               " VALUES (1, 'reminder', 'today', 'reminder:2025-01-06', 0)"),
	                 SQLITE_CONSTRAINT_UNIQUE);
	/* a share link to a goal, with limits */
	q_ok(&f.db, "INSERT INTO share_links(user_id, goal_id, token_hash, label, show_tasks, expires_at,"
	            " max_uses, password_hash, created_at) VALUES (1, 1, randomblob(32), 'coach', 1, 99, 3,"
	            " '$argon2id$', 0)");
	ck_assert_int_eq(q_int(&f.db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	fx_close(&f);
}
END_TEST

static Suite *db_schema_suite(void)
{
	Suite *s = suite_create("db_schema");
	TCase *tc;

	tc = tcase_create("schema");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_cascade_user_delete);
	tcase_add_test(tc, test_relations_follow_deletes);
	tcase_add_test(tc, test_constraints);
	tcase_add_test(tc, test_accepts);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(db_schema_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
