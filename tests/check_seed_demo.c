/* check_seed_demo: `trackpro seed demo` (seed_demo.h) — after seeding an empty account: the
 * trackers, tasks, goals, labels and share link the product documents describe; N days of
 * history ending yesterday in the user's zone with done, skipped and missed check-ins; a streak
 * running and a habit at risk by the app's own habit_stats; goals with progress and a sensible
 * status; refusals (an account with data, an unknown user) that change nothing; the pages
 * rendering for that user; the same data for the same days; and the CSV export of it all. */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "civil.h"
#include "export.h"
#include "goal.h"
#include "habit_stats.h"
#include "instance.h"
#include "seed_demo.h"
#include "share.h"
#include "testpages.h"
#include "user.h"

/* The app's clock: 2026-05-22T00:00:00Z, a Friday. */
#define TODAY_TEXT "2026-05-22"

static struct testuser ann, bob;
static struct arena arena;

static void setup(void)
{
	arena_init(&arena);
	testpage_setup();
	testuser_init(&ann, "ann@example.org");
	testuser_init(&bob, "bob@example.org");
}

static void teardown(void)
{
	testuser_free(&ann);
	testuser_free(&bob);
	testpage_teardown();
	arena_free(&arena);
}

static struct db *db(void)
{
	return &testpage_app.app.db;
}

static int64_t now(void)
{
	return clock_now(&testpage_app.app.clock);
}

static int64_t day_of(const char *text)
{
	int64_t d;
	ck_assert_int_eq(civil_parse(text, &d), 0);
	return d;
}

/* Seeds user with days of history in one transaction; returns what seed_demo_user answered,
 * committing on success and rolling back otherwise. */
static enum seed_demo_result seed(int64_t user, int days, struct seed_demo_counts *c)
{
	ck_assert_int_eq(db_begin_write(db()), 0);
	enum seed_demo_result r = seed_demo_user(db(), now(), user, days, c);
	if (r == SEED_DEMO_OK)
		ck_assert_int_eq(db_commit(db()), 0);
	else
		db_rollback(db());
	return r;
}

/* The first column of the first row of printf-formatted SQL as text (malloc'd; "" for NULL). */
static char *text_of(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *text_of(const char *fmt, ...)
{
	char sql[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	sqlite3_stmt *s;
	ck_assert_msg(sqlite3_prepare_v2(db()->conn, sql, -1, &s, NULL) == SQLITE_OK, "%s: %s", sql,
		      sqlite3_errmsg(db()->conn));
	ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
	const unsigned char *t = sqlite3_column_text(s, 0);
	char *out = strdup(t ? (const char *)t : "");
	sqlite3_finalize(s);
	return out;
}

/* Everything the demo wrote for user, as text: check-ins, notes, goals with their entries and
 * mappings, milestones, labels (ids and the share token left out: they differ between users). */
static char *fingerprint(int64_t user)
{
	char *parts[6];
	parts[0] = text_of("SELECT group_concat(x, '|') FROM (SELECT k.name || ',' || i.period_start || ',' || i.period_end"
			   " || ',' || ti.name || ',' || ti.status || ',' || ifnull(ti.value, '-') || ',' ||"
			   " ifnull(ti.completed_day, '-') || ',' || ifnull(ti.completed_at, '-') AS x"
			   " FROM task_instances ti JOIN tracker_instances i ON i.id = ti.tracker_instance_id"
			   " JOIN trackers k ON k.id = i.tracker_id WHERE k.user_id = %lld"
			   " ORDER BY k.position, i.period_start, ti.name)",
			   (long long)user);
	parts[1] = text_of("SELECT group_concat(x, '|') FROM (SELECT k.name || n.day || n.body AS x FROM day_notes n"
			   " JOIN trackers k ON k.id = n.tracker_id WHERE k.user_id = %lld ORDER BY k.position, n.day)",
			   (long long)user);
	parts[2] = text_of("SELECT group_concat(x, '|') FROM (SELECT g.name || g.kind || ifnull(g.target_value, '-') ||"
			   " g.current_value || g.best_value || g.status || ifnull(g.deadline, '-') || g.start_date AS x"
			   " FROM goals g WHERE g.user_id = %lld ORDER BY g.position)",
			   (long long)user);
	parts[3] = text_of("SELECT group_concat(x, '|') FROM (SELECT g.name || p.value || p.day || p.note || p.is_reset ||"
			   " p.created_at AS x FROM progress_entries p JOIN goals g ON g.id = p.goal_id"
			   " WHERE g.user_id = %lld ORDER BY p.id)",
			   (long long)user);
	parts[4] = text_of("SELECT group_concat(x, '|') FROM (SELECT k.name || m.milestone || m.reached_day AS x"
			   " FROM streak_milestones m JOIN trackers k ON k.id = m.tracker_id WHERE k.user_id = %lld"
			   " ORDER BY k.position, m.milestone)",
			   (long long)user);
	parts[5] = text_of("SELECT group_concat(x, '|') FROM (SELECT k.name || t.name || t.schedule_kind ||"
			   " ifnull(t.schedule_times, '-') || t.points || (SELECT group_concat(g.name) FROM template_tags tt"
			   " JOIN tags g ON g.id = tt.tag_id WHERE tt.task_template_id = t.id) AS x"
			   " FROM task_templates t JOIN trackers k ON k.id = t.tracker_id WHERE k.user_id = %lld"
			   " ORDER BY k.position, t.position)",
			   (long long)user);
	struct buf all;
	buf_init(&all);
	for (int i = 0; i < 6; i++) {
		buf_printf(&all, "%s#", parts[i]);
		free(parts[i]);
	}
	char *text = strdup(buf_cstr(&all));
	buf_free(&all);
	return text;
}

/* The id of user's tracker called name (0 when none). */
static int64_t tracker_id(int64_t user, const char *name)
{
	return testpage_int("SELECT id FROM trackers WHERE user_id = %lld AND name = '%s'", (long long)user, name);
}

static struct tracker tracker_of(int64_t user, const char *name)
{
	struct tracker t;
	ck_assert_int_eq(tracker_get(db(), &arena, user, tracker_id(user, name), false, &t), TRACKER_OK);
	return t;
}

/* ---- structure ---- */

START_TEST(an_empty_account_gets_the_documents_examples)
{
	struct seed_demo_counts c;
	ck_assert_int_eq(seed(ann.id, SEED_DEMO_DAYS_DEFAULT, &c), SEED_DEMO_OK);
	int64_t today = day_of(TODAY_TEXT);
	ck_assert_int_eq(c.trackers, 4);
	ck_assert_int_eq(c.tasks, 15);
	ck_assert_int_eq(c.goals, 4);

	struct tracker morning = tracker_of(ann.id, "Morning routine");
	ck_assert_int_eq(morning.time_mode, TIME_MODE_DAILY);
	ck_assert_int_eq(morning.task_count, 5);
	ck_assert(morning.start_date == TRACKER_NO_DATE);
	ck_assert_str_eq(morning.category_name, "Health");

	struct tracker detox = tracker_of(ann.id, "21-day detox");
	ck_assert_int_eq(detox.time_mode, TIME_MODE_DAILY);
	ck_assert_int_eq(detox.task_count, 4);
	/* started 13 days ago: today is its 14th day of 21, so it is partly done */
	ck_assert_int_eq(detox.start_date, today - 13);
	ck_assert_int_eq(detox.end_date - detox.start_date + 1, 21);

	struct tracker gym = tracker_of(ann.id, "8-week gym program");
	ck_assert_int_eq(gym.time_mode, TIME_MODE_WEEKLY);
	ck_assert_int_eq(gym.task_count, 4);
	ck_assert_int_eq(gym.end_date - gym.start_date + 1, 8 * 7);
	ck_assert_int_eq(civil_weekday(gym.start_date), 0); /* Ann's weeks start on Monday */
	ck_assert(gym.start_date < today && gym.end_date > today);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM task_templates WHERE tracker_id = %lld"
				      " AND schedule_kind = 'times_per_period' AND schedule_times IN (2, 3)",
				      (long long)gym.id),
			 2);

	struct tracker reading = tracker_of(ann.id, "Reading");
	ck_assert_int_eq(reading.time_mode, TIME_MODE_MONTHLY);
	ck_assert_int_eq(reading.task_count, 2);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM task_templates WHERE tracker_id = %lld AND kind = 'measure'"
				      " AND unit = 'books' AND target_value = 2",
				      (long long)reading.id),
			 1);

	/* every tracker in a category; the tasks tagged; 15 tasks over 4 trackers */
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM trackers WHERE user_id = %lld AND category_id IS NULL",
				      (long long)ann.id),
			 0);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM categories WHERE user_id = %lld", (long long)ann.id), 5);
	ck_assert_int_ge(testpage_int("SELECT count(*) FROM tags WHERE user_id = %lld", (long long)ann.id), 5);
	ck_assert_int_ge(testpage_int("SELECT count(DISTINCT tt.task_template_id) FROM template_tags tt JOIN tags g"
				      " ON g.id = tt.tag_id WHERE g.user_id = %lld",
				      (long long)ann.id),
			 12);

	/* the goals: kinds, targets, units, dates */
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM goals WHERE user_id = %lld AND name = 'Read 24 books this year'"
				      " AND kind = 'target' AND target_value = 24 AND unit = 'books'"
				      " AND start_date = '2026-01-01' AND deadline = '2026-12-31'",
				      (long long)ann.id),
			 1);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM goals WHERE user_id = %lld AND name = 'Save $5,000 by Dec 31'"
				      " AND kind = 'target' AND target_value = 5000 AND unit = 'dollars'"
				      " AND deadline = '2026-12-31'",
				      (long long)ann.id),
			 1);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM goals WHERE user_id = %lld AND name = 'Days without alcohol'"
				      " AND kind = 'counter' AND target_value IS NULL AND deadline IS NULL AND unit = 'days'",
				      (long long)ann.id),
			 1);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM goals g JOIN goal_tasks m ON m.goal_id = g.id"
				      " JOIN task_templates t ON t.id = m.task_template_id"
				      " WHERE g.user_id = %lld AND g.kind = 'tasks' AND g.metric = 'days' AND g.target_value = 21"
				      " AND t.name = 'No social media' AND t.tracker_id = %lld",
				      (long long)ann.id, (long long)detox.id),
			 1);

	/* one active share link, to the morning routine, whose address was printed */
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM share_links WHERE user_id = %lld", (long long)ann.id), 1);
	ck_assert_int_eq(strncmp(c.share_path, "/s/", 3), 0);
	struct share_link link;
	ck_assert_int_eq(share_resolve(db(), &arena, c.share_path + 3, now(), &link), SHARE_ACCESS_OK);
	ck_assert_int_eq(link.tracker_id, morning.id);
	ck_assert_int_eq(share_state_of(&link, now()), SHARE_ACTIVE);
	/* day notes on the trackers */
	ck_assert_int_ge(c.notes, 8);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM day_notes n JOIN trackers k ON k.id = n.tracker_id"
				      " WHERE k.user_id = %lld",
				      (long long)ann.id),
			 c.notes);
}
END_TEST

/* ---- history ---- */

START_TEST(history_runs_n_days_to_yesterday_with_done_skipped_and_missed)
{
	struct seed_demo_counts c;
	ck_assert_int_eq(seed(ann.id, SEED_DEMO_DAYS_DEFAULT, &c), SEED_DEMO_OK);
	int64_t morning = tracker_id(ann.id, "Morning routine");
	/* one period for each of the 120 days before today, none for today (the newcomer's to tick) */
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM tracker_instances WHERE tracker_id = %lld", (long long)morning),
			 SEED_DEMO_DAYS_DEFAULT);
	char *first = text_of("SELECT min(period_start) FROM tracker_instances WHERE tracker_id = %lld", (long long)morning);
	char *last = text_of("SELECT max(period_start) FROM tracker_instances WHERE tracker_id = %lld", (long long)morning);
	ck_assert_str_eq(first, "2026-01-22");
	ck_assert_str_eq(last, "2026-05-21");
	free(first);
	free(last);
	/* the counts agree with the database, and every kind of outcome is there */
	const char *sql = "SELECT count(*) FROM task_instances ti JOIN tracker_instances i ON i.id = ti.tracker_instance_id"
			  " JOIN trackers k ON k.id = i.tracker_id WHERE k.user_id = %lld AND ti.status = '%s'";
	ck_assert_int_eq(testpage_int(sql, (long long)ann.id, "done"), c.done);
	ck_assert_int_eq(testpage_int(sql, (long long)ann.id, "skipped"), c.skipped);
	ck_assert_int_eq(testpage_int(sql, (long long)ann.id, "missed"), c.missed);
	ck_assert_int_gt(c.done, c.missed);
	ck_assert_int_gt(c.missed, 20);
	ck_assert_int_gt(c.skipped, 5);
	/* weekends are worse than weekdays on the morning routine */
	const char *rate = "SELECT 1000 * sum(ti.status = 'done') / count(*) FROM task_instances ti"
			   " JOIN tracker_instances i ON i.id = ti.tracker_instance_id WHERE i.tracker_id = %lld"
			   " AND strftime('%%w', i.period_start) %s IN ('0', '6')";
	ck_assert_int_lt(testpage_int(rate, (long long)morning, ""), testpage_int(rate, (long long)morning, "NOT"));
	/* measured tasks carry values; check-ins were made on their own day */
	ck_assert_int_gt(testpage_int("SELECT count(*) FROM task_instances ti JOIN tracker_instances i"
				      " ON i.id = ti.tracker_instance_id WHERE i.tracker_id = %lld AND ti.value >= 10",
				      (long long)morning),
			 50);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM task_instances ti JOIN tracker_instances i"
				      " ON i.id = ti.tracker_instance_id WHERE i.tracker_id = %lld AND ti.status = 'done'"
				      " AND ti.completed_day <> i.period_start",
				      (long long)morning),
			 0);
	/* an audit trail from the seed, and gap fill finds nothing to fill */
	ck_assert_int_ge(testpage_int("SELECT count(*) FROM task_events WHERE source = 'seed'"), c.done + c.missed);
	int gaps = -1;
	struct tracker t = tracker_of(ann.id, "Morning routine");
	ck_assert_int_eq(instance_gap_count(db(), &t, 1, "UTC", day_of(TODAY_TEXT), &gaps), INSTANCE_OK);
	ck_assert_int_eq(gaps, 0);
}
END_TEST

START_TEST(history_ends_yesterday_in_the_users_time_zone)
{
	/* 00:00 UTC is 20:00 the day before in New York: its today is 2026-05-21 */
	ck_assert_int_eq(user_update_profile(db(), now(), bob.id, "Bob", "America/New_York", 0), USER_OK);
	struct seed_demo_counts c;
	ck_assert_int_eq(seed(bob.id, 42, &c), SEED_DEMO_OK);
	int64_t morning = tracker_id(bob.id, "Morning routine");
	char *last = text_of("SELECT max(period_start) FROM tracker_instances WHERE tracker_id = %lld", (long long)morning);
	ck_assert_str_eq(last, "2026-05-20");
	free(last);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM tracker_instances WHERE tracker_id = %lld", (long long)morning),
			 42);
	/* Bob's weeks start on Sunday: so does his program */
	struct tracker gym = tracker_of(bob.id, "8-week gym program");
	ck_assert_int_eq(civil_weekday(gym.start_date), 6);
	/* check-ins happened in the evening or morning of New York, not of UTC */
	char *at = text_of("SELECT min(ti.completed_at) FROM task_instances ti JOIN tracker_instances i"
			   " ON i.id = ti.tracker_instance_id WHERE i.tracker_id = %lld AND i.period_start = '2026-05-20'"
			   " AND ti.status = 'done'",
			   (long long)morning);
	int64_t local = 0;
	ck_assert_int_eq(civil_today("America/New_York", strtoll(at, NULL, 10), &local), 0);
	ck_assert_int_eq(local, day_of("2026-05-20"));
	free(at);
}
END_TEST

/* ---- streaks, risk and goals, through the app's own functions ---- */

struct stats_walk {
	const struct habit_owner *o;
	const struct tracker *t;
	int running;        /* tasks with a current streak above 7 */
	int at_risk;        /* tasks at risk */
	char names[512];    /* "name:current:at_risk;" for the failure message */
};

static int judge_task(void *ctx, const struct task_template *tt)
{
	struct stats_walk *w = ctx;
	struct habit_stats s;
	ck_assert_int_eq(habit_stats_task(db(), w->o, w->t, tt, &s), 0);
	w->running += s.streak.current > 7;
	w->at_risk += s.at_risk;
	size_t n = strlen(w->names);
	snprintf(w->names + n, sizeof w->names - n, "%s:%d:%d;", tt->name, s.streak.current, s.at_risk);
	if (strcmp(tt->name, "Drink a glass of water") == 0)
		ck_assert_int_ge(s.streak.current, 24);
	if (strcmp(tt->name, "Journal") == 0)
		ck_assert(s.at_risk);
	return 0;
}

START_TEST(a_streak_runs_one_habit_is_at_risk_and_goals_progress)
{
	struct seed_demo_counts c;
	ck_assert_int_eq(seed(ann.id, SEED_DEMO_DAYS_DEFAULT, &c), SEED_DEMO_OK);
	int64_t today = day_of(TODAY_TEXT);
	struct habit_owner o = { .user_id = ann.id, .week_start = 1, .time_zone = "UTC", .threshold = 80,
				 .today = today, .window_days = 0 };
	struct stats_walk w = { .o = &o };
	static const char *const names[] = { "Morning routine", "21-day detox", "8-week gym program", "Reading" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		struct tracker t = tracker_of(ann.id, names[i]);
		w.t = &t;
		ck_assert_int_eq(task_each(db(), &arena, ann.id, t.id, false, judge_task, &w), TASK_OK);
		struct habit_stats ts;
		ck_assert_int_eq(habit_stats_tracker(db(), &o, &t, &ts), 0);
		ck_assert_int_gt(ts.streak.longest, 0);
	}
	ck_assert_msg(w.running >= 1 && w.at_risk >= 1, "streaks and risk: %s", w.names);
	ck_assert_msg(w.at_risk <= 3, "too many habits at risk: %s", w.names);

	/* goals: all active, all with progress; the counter was reset once, so its best is longer */
	struct goal g[8];
	int n = 0;
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM goals WHERE user_id = %lld AND status <> 'active'",
				      (long long)ann.id),
			 0);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM goals WHERE user_id = %lld AND current_value <= 0",
				      (long long)ann.id),
			 0);
	int64_t books = testpage_int("SELECT id FROM goals WHERE user_id = %lld AND unit = 'books'", (long long)ann.id);
	int64_t savings = testpage_int("SELECT id FROM goals WHERE user_id = %lld AND unit = 'dollars'", (long long)ann.id);
	int64_t alcohol = testpage_int("SELECT id FROM goals WHERE user_id = %lld AND kind = 'counter'", (long long)ann.id);
	int64_t detox = testpage_int("SELECT id FROM goals WHERE user_id = %lld AND kind = 'tasks'", (long long)ann.id);
	int64_t ids[] = { books, savings, alcohol, detox };
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		ck_assert_int_eq(goal_get(db(), &arena, ann.id, ids[i], &g[n]), GOAL_OK);
		ck_assert_int_eq(g[n].status, GOAL_ACTIVE);
		ck_assert(g[n].current_value > 0);
		n++;
	}
	/* books: about two a month since Jan 1, on its way to 24 */
	ck_assert(g[0].current_value >= 6 && g[0].current_value < 24);
	/* savings: on track for Dec 31, not there yet */
	struct goal_progress p;
	goal_progress_of(&g[1], 1, today, &p);
	ck_assert(g[1].current_value < 5000);
	ck_assert_int_eq(p.pace, GOAL_PACE_ON_TRACK);
	/* the counter: reset 45 days ago (120 × 3/8), the run before it kept as the best */
	ck_assert(g[2].current_value == 44);
	ck_assert(g[2].best_value > g[2].current_value);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM progress_entries WHERE goal_id = %lld AND is_reset",
				      (long long)alcohol),
			 1);
	/* the detox: at most the 13 days behind us count */
	ck_assert(g[3].current_value >= 8 && g[3].current_value <= 13);
	/* milestones were recorded on the days they were reached */
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM streak_milestones m JOIN trackers k ON k.id = m.tracker_id"
				      " WHERE k.user_id = %lld",
				      (long long)ann.id),
			 c.milestones);
}
END_TEST

/* ---- refusals ---- */

START_TEST(a_second_seed_and_an_account_with_data_are_refused_unchanged)
{
	struct seed_demo_counts c;
	ck_assert_int_eq(seed(ann.id, 40, &c), SEED_DEMO_OK);
	char *before = fingerprint(ann.id);
	int64_t rows = testpage_int("SELECT (SELECT count(*) FROM task_instances) + (SELECT count(*) FROM goals) +"
				    " (SELECT count(*) FROM progress_entries) + (SELECT count(*) FROM share_links) +"
				    " (SELECT count(*) FROM tags) + (SELECT count(*) FROM categories)");
	ck_assert_int_eq(seed(ann.id, 40, &c), SEED_DEMO_NOT_EMPTY);
	ck_assert_int_eq(c.trackers, 0);
	char *after = fingerprint(ann.id);
	ck_assert_str_eq(before, after);
	ck_assert_int_eq(testpage_int("SELECT (SELECT count(*) FROM task_instances) + (SELECT count(*) FROM goals) +"
				      " (SELECT count(*) FROM progress_entries) + (SELECT count(*) FROM share_links) +"
				      " (SELECT count(*) FROM tags) + (SELECT count(*) FROM categories)"),
			 rows);
	free(before);
	free(after);

	/* a tracker in the trash, a lone goal, tag or category also count as data */
	struct tracker_input in = { "Old", "", TIME_MODE_DAILY, TRACKER_NO_DATE, TRACKER_NO_DATE, "#2f6f4f", 0 };
	int64_t id;
	ck_assert_int_eq(tracker_create(db(), now(), bob.id, &in, &id), TRACKER_OK);
	ck_assert_int_eq(tracker_delete(db(), now(), bob.id, id), TRACKER_OK);
	ck_assert_int_eq(seed(bob.id, 10, &c), SEED_DEMO_NOT_EMPTY);
	int64_t carl = testapp_user(&testpage_app, "carl@example.org", "Carl", NULL, false);
	ck_assert_int_eq(tag_create(db(), now(), carl, "mine", "#123456", &id), TASK_OK);
	ck_assert_int_eq(seed(carl, 10, &c), SEED_DEMO_NOT_EMPTY);
	int64_t dora = testapp_user(&testpage_app, "dora@example.org", "Dora", NULL, false);
	struct goal_input gi = { .name = "Mine", .kind = GOAL_COUNTER, .unit = "days", .start_date = GOAL_NO_DATE,
				 .deadline = GOAL_NO_DATE };
	ck_assert_int_eq(goal_create(db(), now(), day_of(TODAY_TEXT), dora, &gi, &id), GOAL_OK);
	ck_assert_int_eq(seed(dora, 10, &c), SEED_DEMO_NOT_EMPTY);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM trackers WHERE user_id IN (%lld, %lld, %lld)",
				      (long long)bob.id, (long long)carl, (long long)dora),
			 1);
	int64_t erin = testapp_user(&testpage_app, "erin@example.org", "Erin", NULL, false);
	ck_assert_int_eq(category_create(db(), now(), erin, "Mine", "#123456", &id), TRACKER_OK);
	ck_assert_int_eq(seed(erin, 10, &c), SEED_DEMO_NOT_EMPTY);
	/* an unknown user, and days out of range */
	ck_assert_int_eq(seed(999999, 10, &c), SEED_DEMO_NOT_FOUND);
	ck_assert_int_eq(seed(carl, 0, &c), SEED_DEMO_ERROR);
	ck_assert_int_eq(seed(carl, SEED_DEMO_DAYS_MAX + 1, &c), SEED_DEMO_ERROR);
}
END_TEST

/* ---- the same days, the same data ---- */

START_TEST(the_same_days_give_the_same_data)
{
	struct seed_demo_counts a, b;
	ck_assert_int_eq(seed(ann.id, 60, &a), SEED_DEMO_OK);
	ck_assert_int_eq(seed(bob.id, 60, &b), SEED_DEMO_OK);
	char *fa = fingerprint(ann.id), *fb = fingerprint(bob.id);
	ck_assert_int_gt(strlen(fa), 1000);
	ck_assert_str_eq(fa, fb);
	free(fa);
	free(fb);
	ck_assert_int_eq(a.done, b.done);
	ck_assert_int_eq(a.entries, b.entries);
	ck_assert_int_eq(a.milestones, b.milestones);
	/* only the share link differs: a new random token each time */
	ck_assert_str_ne(a.share_path, b.share_path);
	/* another length is another history */
	int64_t carl = testapp_user(&testpage_app, "carl@example.org", "Carl", NULL, false);
	struct seed_demo_counts k;
	ck_assert_int_eq(seed(carl, 61, &k), SEED_DEMO_OK);
	ck_assert_int_gt(k.task_instances, a.task_instances);
}
END_TEST

START_TEST(short_and_long_histories_work)
{
	struct seed_demo_counts c;
	ck_assert_int_eq(seed(ann.id, 1, &c), SEED_DEMO_OK);
	ck_assert_int_eq(c.trackers, 4);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM tracker_instances WHERE tracker_id = %lld",
				      (long long)tracker_id(ann.id, "Morning routine")),
			 1);
	ck_assert_int_eq(seed(bob.id, SEED_DEMO_DAYS_MAX, &c), SEED_DEMO_OK);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM tracker_instances WHERE tracker_id = %lld",
				      (long long)tracker_id(bob.id, "Morning routine")),
			 SEED_DEMO_DAYS_MAX);
	ck_assert_int_gt(c.milestones, 0);
}
END_TEST

/* ---- the pages ---- */

static struct testresp get(struct testuser *w, const char *path, int status)
{
	struct testresp r;
	testpage_get(w, path, &r);
	testpage_assert_status(&r, status, path);
	return r;
}

START_TEST(the_pages_render_for_the_demo_account)
{
	struct seed_demo_counts c;
	ck_assert_int_eq(seed(ann.id, SEED_DEMO_DAYS_DEFAULT, &c), SEED_DEMO_OK);
	struct testresp r = get(&ann, "/", 200);
	testpage_assert_has(&r, "Morning routine");
	testpage_assert_has(&r, "Drink a glass of water");
	testpage_assert_has(&r, "21-day detox");
	testpage_assert_lacks(&r, "never opened"); /* no gap to fill */
	testresp_free(&r);
	r = get(&ann, "/stats", 200);
	testpage_assert_has(&r, "<svg");
	testpage_assert_has(&r, "Health");
	testpage_assert_has(&r, ">Journal</a> <span class=\"hint\">(Morning routine)</span>"); /* at risk */
	testresp_free(&r);
	r = get(&ann, "/goals", 200);
	testpage_assert_has(&r, "Read 24 books this year");
	testpage_assert_has(&r, "Save $5,000 by Dec 31");
	testpage_assert_has(&r, "Days without alcohol");
	testresp_free(&r);
	r = get(&ann, "/shares", 200);
	testpage_assert_has(&r, "For my accountability partner");
	testresp_free(&r);
	char path[64];
	static const char *const names[] = { "Morning routine", "21-day detox", "8-week gym program", "Reading" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		int64_t id = tracker_id(ann.id, names[i]);
		snprintf(path, sizeof path, "/trackers/%lld", (long long)id);
		r = get(&ann, path, 200);
		testpage_assert_has(&r, names[i]);
		testresp_free(&r);
		snprintf(path, sizeof path, "/trackers/%lld/stats", (long long)id);
		r = get(&ann, path, 200);
		testresp_free(&r);
	}
	int64_t goals[4];
	for (int i = 0; i < 4; i++) {
		goals[i] = testpage_int("SELECT id FROM goals WHERE user_id = %lld ORDER BY id LIMIT 1 OFFSET %d",
					(long long)ann.id, i);
		snprintf(path, sizeof path, "/goals/%lld", (long long)goals[i]);
		r = get(&ann, path, 200);
		testresp_free(&r);
	}
	/* the journaling habit shows as at risk on its tracker's page */
	snprintf(path, sizeof path, "/trackers/%lld", (long long)tracker_id(ann.id, "Morning routine"));
	r = get(&ann, path, 200);
	testpage_assert_has(&r, "t risk");
	testresp_free(&r);
	/* the share link works for anyone */
	struct testjar jar;
	testjar_init(&jar);
	testapp_browse(&testpage_app, &jar, "GET", c.share_path, NULL, NULL, &r);
	testpage_assert_status(&r, 200, c.share_path);
	testpage_assert_has(&r, "Morning routine");
	testresp_free(&r);
	testjar_free(&jar);
}
END_TEST

/* ---- the export ---- */

static int to_buf(void *ctx, const void *p, size_t n)
{
	buf_append(ctx, p, n);
	return 0;
}

START_TEST(the_demo_data_exports_as_csv)
{
	struct seed_demo_counts c;
	ck_assert_int_eq(seed(ann.id, SEED_DEMO_DAYS_DEFAULT, &c), SEED_DEMO_OK);
	int64_t today = day_of(TODAY_TEXT);
	struct export_query q = { .user_id = ann.id, .time_zone = "UTC", .from = today - 400, .to = today };
	struct buf out;
	buf_init(&out);
	struct csv_writer *w = malloc(sizeof *w);
	csv_writer_init(w, to_buf, &out);
	ck_assert_int_eq(export_rows(db(), &q, w), EXPORT_OK);
	ck_assert_int_eq(csv_writer_flush(w), 0);
	free(w);
	const char *s = buf_cstr(&out);
	ck_assert_ptr_nonnull(strstr(s, "date,tracker,task,status,value,unit,points,note,completed_at\r\n"));
	ck_assert_ptr_nonnull(strstr(s, ",Morning routine,Stretch,done,"));
	ck_assert_ptr_nonnull(strstr(s, ",minutes,"));
	ck_assert_ptr_nonnull(strstr(s, ",8-week gym program,Strength training,skipped,"));
	long rows = 0;
	for (const char *p = s; (p = strstr(p, "\r\n")); p += 2)
		rows++;
	ck_assert_int_eq(rows, c.task_instances + 1); /* the header and one row per task instance */
	buf_free(&out);
	/* and the daily totals */
	buf_init(&out);
	w = malloc(sizeof *w);
	csv_writer_init(w, to_buf, &out);
	q.from = today - SEED_DEMO_DAYS_DEFAULT;
	q.to = today - 1;
	ck_assert_int_eq(export_daily(db(), &q, w), EXPORT_OK);
	ck_assert_int_eq(csv_writer_flush(w), 0);
	free(w);
	ck_assert_ptr_nonnull(strstr(buf_cstr(&out), ",Fitness,Health,Learning,Mind,"));
	buf_free(&out);
}
END_TEST

static Suite *seed_demo_suite(void)
{
	Suite *s = suite_create("seed_demo");
	TCase *tc = tcase_create("demo");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, an_empty_account_gets_the_documents_examples);
	tcase_add_test(tc, history_runs_n_days_to_yesterday_with_done_skipped_and_missed);
	tcase_add_test(tc, history_ends_yesterday_in_the_users_time_zone);
	tcase_add_test(tc, a_streak_runs_one_habit_is_at_risk_and_goals_progress);
	tcase_add_test(tc, a_second_seed_and_an_account_with_data_are_refused_unchanged);
	tcase_add_test(tc, the_same_days_give_the_same_data);
	tcase_add_test(tc, short_and_long_histories_work);
	tcase_add_test(tc, the_pages_render_for_the_demo_account);
	tcase_add_test(tc, the_demo_data_exports_as_csv);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(seed_demo_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
