/* check_analytics: the statistics domain (analytics.h) — filters, summaries by status,
 * completion with skips, day attribution, trend at the ±5 boundaries, best and worst weekday,
 * category distribution, quick stats, at-risk tasks and suggestions — on data made with the
 * domain functions in a migrated database, and the pure rules table by table. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics.h"
#include "civil.h"
#include "instance.h"
#include "testdb.h"

/* 2026-05-22, a Friday. */
#define TODAY testdb_day("2026-05-22")
#define NOON(day) ((int64_t)(day) * 86400 + 12 * 3600)

static int64_t user_id, other_id;

static void setup(void)
{
	testdb_setup();
	user_id = testdb_user(&tdb, "a@example.org");
	other_id = testdb_user(&tdb, "b@example.org");
}

/* A tracker of user made at noon of day `made`, in category (0 for none). */
static struct tracker make_tracker_of(int64_t user, const char *name, enum time_mode mode, int64_t made,
				      int64_t category)
{
	struct tracker_input in = { name, "", mode, TRACKER_NO_DATE, TRACKER_NO_DATE, "#336699", category };
	int64_t id;
	ck_assert_int_eq(tracker_create(&tdb.db, NOON(made), user, &in, &id), TRACKER_OK);
	struct tracker t;
	ck_assert_int_eq(tracker_get(&tdb.db, &tdb.arena, user, id, false, &t), TRACKER_OK);
	return t;
}

static struct tracker make_tracker(const char *name, enum time_mode mode, int64_t made)
{
	return make_tracker_of(user_id, name, mode, made, 0);
}

/* A task of t: weight, points, and for a measure task (unit not NULL) an at-least target. */
static int64_t make_task_full(const struct tracker *t, const char *name, double weight, int points, const char *unit,
			      double target, const int64_t *tag)
{
	struct task_input in;
	task_input_defaults(&in);
	in.name = name;
	in.weight = weight;
	in.points = points;
	if (unit) {
		in.kind = TASK_MEASURE;
		in.unit = unit;
		in.target_value = target;
		in.direction = TASK_AT_LEAST;
	}
	if (tag) {
		in.tag_ids = tag;
		in.tag_count = 1;
	}
	int64_t id;
	ck_assert_int_eq(task_create(&tdb.db, NOON(TODAY - 400), t->user_id, t->id, &in, &id), TASK_OK);
	return id;
}

static int64_t make_task(const struct tracker *t, const char *name)
{
	return make_task_full(t, name, 1, 1, NULL, 0, NULL);
}

/* Opens the period of t holding day (the tracker re-read, so that new tasks are due) and sets
 * task's instance to status on day `on` (a check-in made that day); value < 0: none. */
static void mark_on(const struct tracker *t, int64_t task, int64_t day, enum instance_status status, double value,
		    int64_t on)
{
	struct tracker now;
	ck_assert_int_eq(tracker_get(&tdb.db, &tdb.arena, t->user_id, t->id, false, &now), TRACKER_OK);
	struct tracker_instance ti;
	ck_assert_int_eq(instance_open(&tdb.db, NOON(day), &now, 1, day, &ti), INSTANCE_OK);
	int64_t id = testdb_row_int(&tdb, "SELECT id FROM task_instances WHERE tracker_instance_id = %lld"
				    " AND task_template_id = %lld", (long long)ti.id, (long long)task);
	ck_assert_int_eq(instance_set(&tdb.db, NOON(on), on, t->user_id, id, status, value >= 0, value >= 0 ? value : 0,
				      SOURCE_WEB),
			 INSTANCE_OK);
}

static void mark(const struct tracker *t, int64_t task, int64_t day, enum instance_status status)
{
	mark_on(t, task, day, status, -1, day);
}

static struct habit_owner owner(void)
{
	struct habit_owner o = { .user_id = user_id, .week_start = 1, .time_zone = "UTC", .threshold = 80,
				 .today = TODAY };
	return o;
}

/* The filter of from..to, nothing else. */
static struct analytics_filter range(int64_t from, int64_t to)
{
	struct analytics_filter f = { .from = from, .to = to };
	return f;
}

static struct analytics_data load(const struct analytics_filter *f, int64_t from, int64_t to)
{
	struct analytics_data d;
	ck_assert_int_eq(analytics_load(&tdb.db, &tdb.arena, user_id, f, from, to, &d), ANALYTICS_OK);
	return d;
}

/* ---- filters ---- */

START_TEST(filters_parse_ranges_and_ids)
{
	int64_t cat, tag, other_cat;
	ck_assert_int_eq(category_create(&tdb.db, 1, user_id, "Health", "#22aa55", &cat), TRACKER_OK);
	ck_assert_int_eq(category_create(&tdb.db, 1, other_id, "Work", "#2255aa", &other_cat), TRACKER_OK);
	ck_assert_int_eq(tag_create(&tdb.db, 1, user_id, "morning", "#aa5522", &tag), TASK_OK);
	struct tracker mine = make_tracker("Mine", TIME_MODE_DAILY, TODAY);
	struct tracker theirs = make_tracker_of(other_id, "Theirs", TIME_MODE_DAILY, TODAY, 0);
	char mine_id[24], theirs_id[24], cat_id[24], other_cat_id[24], tag_id[24];
	snprintf(mine_id, sizeof mine_id, "%lld", (long long)mine.id);
	snprintf(theirs_id, sizeof theirs_id, "%lld", (long long)theirs.id);
	snprintf(cat_id, sizeof cat_id, "%lld", (long long)cat);
	snprintf(other_cat_id, sizeof other_cat_id, "%lld", (long long)other_cat);
	snprintf(tag_id, sizeof tag_id, "%lld", (long long)tag);
	static const struct {
		const char *range, *from, *to;
		int ok;
		int64_t days; /* length of the range when ok */
		int range_days;
		const char *field;
	} cases[] = {
		{ NULL, NULL, NULL, 1, 30, 30, NULL },
		{ "", "", "", 1, 30, 30, NULL },
		{ "7", NULL, NULL, 1, 7, 7, NULL },
		{ "30", "garbage", NULL, 1, 30, 30, NULL }, /* dates only matter for custom */
		{ "90", NULL, NULL, 1, 90, 90, NULL },
		{ "365", NULL, NULL, 1, 365, 365, NULL },
		{ "custom", "2026-01-01", "2026-01-31", 1, 31, 0, NULL },
		{ NULL, "2026-05-01", "2026-05-01", 1, 1, 0, NULL }, /* dates alone: custom */
		{ "custom", "2016-05-23", "2026-05-22", 1, 3652, 0, NULL }, /* exactly 10 years */
		{ "custom", "2016-05-22", "2026-05-22", 0, 0, 0, "to" },    /* a day more */
		{ "custom", "2026-05-02", "2026-05-01", 0, 0, 0, "to" },
		{ "custom", "2026-02-30", "2026-03-01", 0, 0, 0, "from" },
		{ "custom", "2026-02-01", "2026-13-01", 0, 0, 0, "to" },
		{ "custom", "2026-02-01", NULL, 0, 0, 0, "to" },
		{ "custom", NULL, "2026-02-01", 0, 0, 0, "from" },
		{ "custom", "", "", 0, 0, 0, "from" },
		{ NULL, "20260501", NULL, 0, 0, 0, "to" },
		{ "14", NULL, NULL, 0, 0, 0, "range" },
		{ "7days", NULL, NULL, 0, 0, 0, "range" },
		{ "-7", NULL, NULL, 0, 0, 0, "range" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct analytics_query q = { cases[i].range, cases[i].from, cases[i].to, NULL, NULL, NULL };
		struct analytics_filter f;
		const char *message, *field;
		enum analytics_result res = analytics_filter_parse(&tdb.db, user_id, TODAY, &q, &f, &message, &field);
		ck_assert_msg(res == (cases[i].ok ? ANALYTICS_OK : ANALYTICS_INVALID), "case %zu: %d", i, res);
		if (cases[i].ok) {
			ck_assert_int_eq(f.to - f.from + 1, cases[i].days);
			ck_assert_int_eq(f.range, cases[i].range_days);
			if (cases[i].range_days)
				ck_assert_int_eq(f.to, TODAY);
		} else {
			ck_assert_ptr_nonnull(message);
			ck_assert_msg(field && strcmp(field, cases[i].field) == 0, "case %zu: field %s", i, field);
		}
	}
	const struct {
		const char *tracker, *category, *tag;
		int ok;
		const char *field;
	} ids[] = {
		{ mine_id, cat_id, tag_id, 1, NULL },
		{ "", "", "", 1, NULL },
		{ theirs_id, NULL, NULL, 0, "tracker" },   /* another user's tracker */
		{ "999999", NULL, NULL, 0, "tracker" },
		{ "0", NULL, NULL, 0, "tracker" },
		{ "-1", NULL, NULL, 0, "tracker" },
		{ "1x", NULL, NULL, 0, "tracker" },
		{ "99999999999999999999999", NULL, NULL, 0, "tracker" },
		{ NULL, other_cat_id, NULL, 0, "category" }, /* another user's category */
		{ NULL, "abc", NULL, 0, "category" },
		{ NULL, NULL, "424242", 0, "tag" },
	};
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		struct analytics_query q = { NULL, NULL, NULL, ids[i].tracker, ids[i].category, ids[i].tag };
		struct analytics_filter f;
		const char *message, *field;
		enum analytics_result res = analytics_filter_parse(&tdb.db, user_id, TODAY, &q, &f, &message, &field);
		ck_assert_msg(res == (ids[i].ok ? ANALYTICS_OK : ANALYTICS_INVALID), "id case %zu: %d", i, res);
		if (!ids[i].ok)
			ck_assert_msg(field && strcmp(field, ids[i].field) == 0, "id case %zu: %s", i, field);
		else if (i == 0)
			ck_assert(f.tracker_id == mine.id && f.category_id == cat && f.tag_id == tag);
	}
}
END_TEST

/* ---- summaries ---- */

START_TEST(day_summary_counts_every_status_and_skips_leave_completion)
{
	struct tracker t = make_tracker("Routine", TIME_MODE_DAILY, TODAY - 10);
	static const enum instance_status statuses[] = { INSTANCE_DONE,   INSTANCE_IN_PROGRESS, INSTANCE_MISSED,
							 INSTANCE_SKIPPED, INSTANCE_BLOCKED,    INSTANCE_TODO };
	int64_t tasks[6];
	for (int i = 0; i < 6; i++) {
		char name[16];
		snprintf(name, sizeof name, "Task %d", i);
		tasks[i] = make_task(&t, name);
	}
	int64_t day = TODAY - 1;
	for (int i = 0; i < 5; i++) /* the sixth stays todo */
		mark(&t, tasks[i], day, statuses[i]);
	struct analytics_filter f = range(day, day);
	struct analytics_data d = load(&f, day, day);
	struct analytics_summary s = analytics_summarize(&d, day, day);
	for (int i = 0; i < 6; i++)
		ck_assert_msg(s.count[statuses[i]] == 1, "status %s", instance_status_name(statuses[i]));
	ck_assert_int_eq(s.total, 6);
	ck_assert_int_eq(s.due, 5);
	ck_assert_int_eq(s.done, 1);
	ck_assert_int_eq(s.percent, 20); /* 1 of the 5 due: the skipped one left */
	ck_assert_int_eq(s.points, 1);
	/* a day with nothing: no percent */
	s = analytics_summarize(&d, day - 1, day - 1);
	ck_assert_int_eq(s.total, 0);
	ck_assert_int_eq(s.percent, -1);
}
END_TEST

START_TEST(completion_uses_weights_and_skips_leave_the_denominator)
{
	static const struct {
		double weights[3];
		enum instance_status status[3];
		int percent;
	} cases[] = {
		{ { 1, 1, 1 }, { INSTANCE_DONE, INSTANCE_DONE, INSTANCE_MISSED }, 66 },
		{ { 1, 2, 3 }, { INSTANCE_DONE, INSTANCE_DONE, INSTANCE_SKIPPED }, 100 },
		{ { 1, 2, 3 }, { INSTANCE_SKIPPED, INSTANCE_DONE, INSTANCE_TODO }, 40 },
		{ { 1, 1, 2 }, { INSTANCE_SKIPPED, INSTANCE_SKIPPED, INSTANCE_SKIPPED }, -1 },
		{ { 3, 1, 1 }, { INSTANCE_DONE, INSTANCE_IN_PROGRESS, INSTANCE_BLOCKED }, 60 },
	};
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		char name[32];
		snprintf(name, sizeof name, "Weights %zu", c);
		struct tracker t = make_tracker(name, TIME_MODE_DAILY, TODAY - 5);
		int64_t day = TODAY - 2;
		int64_t ids[3];
		for (int i = 0; i < 3; i++) {
			char task[16];
			snprintf(task, sizeof task, "T%d", i);
			ids[i] = make_task_full(&t, task, cases[c].weights[i], 1, NULL, 0, NULL);
		}
		for (int i = 0; i < 3; i++) /* the first opens the day with all three */
			if (cases[c].status[i] != INSTANCE_TODO)
				mark(&t, ids[i], day, cases[c].status[i]);
		struct analytics_filter f = range(day, day);
		f.tracker_id = t.id;
		struct analytics_data d = load(&f, day, day);
		ck_assert_msg(analytics_summarize(&d, day, day).percent == cases[c].percent, "case %zu: %d", c,
			      analytics_summarize(&d, day, day).percent);
	}
}
END_TEST

START_TEST(week_summary_has_its_best_day)
{
	struct tracker t = make_tracker("Routine", TIME_MODE_DAILY, TODAY - 30);
	int64_t a = make_task(&t, "A"), b = make_task(&t, "B");
	int64_t monday = civil_week_start(TODAY, 1);
	/* Mon 1/2, Tue 2/2, Wed 2/2 (Tuesday wins: the first of equals), Thu 0/2 */
	mark(&t, a, monday, INSTANCE_DONE);
	mark(&t, b, monday, INSTANCE_MISSED);
	mark(&t, a, monday + 1, INSTANCE_DONE);
	mark(&t, b, monday + 1, INSTANCE_DONE);
	mark(&t, a, monday + 2, INSTANCE_DONE);
	mark(&t, b, monday + 2, INSTANCE_DONE);
	mark(&t, a, monday + 3, INSTANCE_MISSED);
	mark(&t, b, monday + 3, INSTANCE_BLOCKED);
	struct analytics_filter f = range(monday, monday + 6);
	struct analytics_data d = load(&f, monday, monday + 6);
	struct analytics_week w = analytics_week_summary(&d, TODAY, 1, TODAY);
	ck_assert_int_eq(w.start, monday);
	ck_assert_int_eq(w.best, 1);
	ck_assert_int_eq(w.days[0].percent, 50);
	ck_assert_int_eq(w.days[3].percent, 0);
	ck_assert_int_eq(w.days[5].percent, -1);
	ck_assert_int_eq(w.total.total, 8);
	ck_assert_int_eq(w.total.done, 5);
	ck_assert_int_eq(w.total.count[INSTANCE_MISSED], 2);
	ck_assert_int_eq(w.total.count[INSTANCE_BLOCKED], 1);
	ck_assert_int_eq(w.total.percent, 62);
	/* a week starting on Sunday holds the Sunday before */
	w = analytics_week_summary(&d, TODAY, 0, TODAY);
	ck_assert_int_eq(w.start, monday - 1);
	ck_assert_int_eq(w.best, 2);
	/* an empty week has no best day */
	w = analytics_week_summary(&d, monday - 7, 1, TODAY);
	ck_assert_int_eq(w.best, -1);
	ck_assert_int_eq(w.total.percent, -1);
	/* on Wednesday, Thursday's opened (and here even marked) tasks are still to come */
	w = analytics_week_summary(&d, monday + 2, 1, monday + 2);
	ck_assert_int_eq(w.total.total, 6);
	ck_assert_int_eq(w.total.done, 5);
	ck_assert_int_eq(w.days[3].percent, -1);
	ck_assert_int_eq(w.days[3].due, 0);
}
END_TEST

START_TEST(weekly_tasks_count_on_the_day_done_or_the_week_end)
{
	struct tracker t = make_tracker("Weekly", TIME_MODE_WEEKLY, TODAY - 60);
	int64_t a = make_task(&t, "Long run"), b = make_task(&t, "Call home");
	int64_t monday = civil_week_start(TODAY, 1) - 7; /* last week */
	mark_on(&t, a, monday, INSTANCE_DONE, -1, monday + 2); /* done on Wednesday */
	/* b stays todo: it counts on Sunday, the week's last day */
	mark_on(&t, a, monday + 7, INSTANCE_DONE, -1, monday + 8); /* this week: done on Tuesday */
	/* a check-in made after the week ended stays inside it */
	mark_on(&t, b, monday - 7, INSTANCE_DONE, -1, monday + 1);
	struct analytics_filter f = range(monday - 7, TODAY);
	struct analytics_data d = load(&f, monday - 7, TODAY);
	ck_assert_int_eq(analytics_data_day(&d, monday + 2)->count[INSTANCE_DONE], 1);
	ck_assert_int_eq(analytics_data_day(&d, monday + 6)->count[INSTANCE_TODO], 1);
	ck_assert_int_eq(analytics_data_day(&d, monday - 1)->count[INSTANCE_DONE], 1); /* last day of its week */
	ck_assert_int_eq(analytics_data_day(&d, monday + 8)->count[INSTANCE_DONE], 1);
	/* this week's open task (b) is not due yet */
	struct analytics_summary s = analytics_summarize(&d, monday + 7, TODAY);
	ck_assert_int_eq(s.total, 1);
	ck_assert_int_eq(s.percent, 100);
}
END_TEST

/* ---- trend ---- */

START_TEST(trend_classification_at_the_boundaries)
{
	static const struct {
		double change;
		enum analytics_trend_kind kind;
	} cases[] = {
		{ -40, TREND_DECLINING }, { -5.01, TREND_DECLINING }, { -5, TREND_STABLE }, { -4.99, TREND_STABLE },
		{ 0, TREND_STABLE },      { 4.99, TREND_STABLE },     { 5, TREND_STABLE },  { 5.01, TREND_IMPROVING },
		{ 60, TREND_IMPROVING },  { NAN, TREND_UNKNOWN },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		ck_assert_msg(analytics_trend_classify(cases[i].change) == cases[i].kind, "case %zu", i);
	ck_assert_str_eq(analytics_trend_name(TREND_IMPROVING), "improving");
	ck_assert_str_eq(analytics_trend_name(TREND_STABLE), "stable");
}
END_TEST

/* Data of 60 days ending on end: the first 30 at previous%, the last 30 at recent% (each day
 * 20 due of weight 1; a negative percent leaves the days empty). */
static struct analytics_data synthetic(int64_t end, int previous, int recent)
{
	struct analytics_data d = { .span_from = end - 59, .span_to = end };
	d.days = arena_calloc(&tdb.arena, 60, sizeof *d.days);
	for (int i = 0; i < 60; i++) {
		int p = i < 30 ? previous : recent;
		if (p < 0)
			continue;
		d.days[i].due_weight = 20;
		d.days[i].done_weight = 20.0 * p / 100.0;
		d.days[i].count[INSTANCE_DONE] = 20 * p / 100;
		d.days[i].count[INSTANCE_MISSED] = 20 - 20 * p / 100;
	}
	return d;
}

START_TEST(trend_compares_the_last_30_days_with_the_30_before)
{
	static const struct {
		int previous, recent;
		enum analytics_trend_kind kind;
	} cases[] = {
		{ 50, 55, TREND_STABLE },    { 50, 56, TREND_IMPROVING }, { 50, 45, TREND_STABLE },
		{ 50, 44, TREND_DECLINING }, { 0, 100, TREND_IMPROVING }, { 80, 80, TREND_STABLE },
		{ -1, 80, TREND_UNKNOWN },   { 80, -1, TREND_UNKNOWN },
	};
	int64_t end = TODAY;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct analytics_data d = synthetic(end, cases[i].previous, cases[i].recent);
		struct analytics_trend t = analytics_trend(&d, end, ANALYTICS_TREND_DAYS);
		ck_assert_msg(t.kind == cases[i].kind, "case %zu: %s", i, analytics_trend_name(t.kind));
		if (t.kind != TREND_UNKNOWN)
			ck_assert(fabs(t.change - (cases[i].recent - cases[i].previous)) < 1e-6);
	}
}
END_TEST

START_TEST(trend_from_check_ins)
{
	struct tracker t = make_tracker("Reading", TIME_MODE_DAILY, TODAY - 70);
	int64_t a = make_task(&t, "Read");
	/* the 30 days before: every other day done (50%); the last 30: 2 of 3 days done (66%) */
	for (int i = 0; i < 60; i++) {
		int64_t day = TODAY - 59 + i;
		bool done = i < 30 ? i % 2 == 0 : i % 3 != 0;
		mark(&t, a, day, done ? INSTANCE_DONE : INSTANCE_MISSED);
	}
	struct analytics_filter f = range(TODAY - 59, TODAY);
	struct analytics_data d = load(&f, TODAY - 59, TODAY);
	struct analytics_trend tr = analytics_trend(&d, TODAY, 30);
	ck_assert_int_eq(tr.kind, TREND_IMPROVING);
	ck_assert(fabs(tr.previous - 50.0) < 1e-6);
	ck_assert(fabs(tr.recent - 200.0 / 3) < 1e-6);
}
END_TEST

/* ---- weekdays ---- */

START_TEST(best_and_worst_weekday_ranking)
{
	static const struct {
		int percent[7]; /* Monday … Sunday; -1 none */
		int week_start;
		int best, worst;
		bool even;
	} cases[] = {
		{ { 50, 90, 70, 70, 60, 10, 40 }, 1, 1, 5, false },
		{ { 90, 90, 70, 70, 60, 10, 10 }, 1, 0, 5, false }, /* ties: the first in the week */
		{ { 90, 80, 70, 70, 60, 10, 90 }, 0, 6, 5, false }, /* Sunday first when weeks start on Sunday */
		{ { 90, 80, 70, 70, 60, 10, 90 }, 1, 0, 5, false },
		{ { -1, -1, 70, -1, -1, -1, -1 }, 1, -1, -1, false }, /* one weekday: nothing to compare */
		{ { -1, -1, -1, -1, -1, -1, -1 }, 1, -1, -1, false },
		{ { 60, 60, -1, 60, 60, 60, 60 }, 1, -1, -1, true }, /* all equal */
		{ { 0, -1, -1, -1, -1, -1, 100 }, 1, 6, 0, false },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct analytics_weekdays w;
		memset(&w, 0, sizeof w);
		for (int k = 0; k < 7; k++)
			w.wd[k].percent = cases[i].percent[k];
		analytics_weekdays_rank(&w, cases[i].week_start);
		ck_assert_msg(w.best == cases[i].best && w.worst == cases[i].worst && w.even == cases[i].even,
			      "case %zu: best %d worst %d even %d", i, w.best, w.worst, w.even);
	}
}
END_TEST

START_TEST(weekdays_over_90_days_skip_empty_days)
{
	struct tracker t = make_tracker("Gym", TIME_MODE_DAILY, TODAY - 200);
	int64_t a = make_task(&t, "Lift");
	/* 100 days back: Mondays always done, Saturdays never, other days done when the day number
	 * is even; Sundays never opened (empty); day 91 back falls outside the 90 days */
	for (int64_t day = TODAY - 100; day <= TODAY; day++) {
		int wd = civil_weekday(day);
		if (wd == 6)
			continue;
		bool done = wd == 0 || (wd != 5 && day % 2 == 0);
		if (day < TODAY - 89)
			done = wd == 5; /* would make Saturday the best if it were counted */
		mark(&t, a, day, done ? INSTANCE_DONE : INSTANCE_MISSED);
	}
	struct analytics_filter f = range(TODAY - 89, TODAY);
	struct analytics_data d = load(&f, TODAY - 89, TODAY);
	struct analytics_weekdays w = analytics_weekdays(&d, TODAY, 1);
	ck_assert_int_eq(w.best, 0);
	ck_assert_int_eq(w.worst, 5);
	ck_assert_int_eq(w.wd[0].percent, 100);
	ck_assert_int_eq(w.wd[5].percent, 0);
	ck_assert_int_eq(w.wd[6].percent, -1);
	ck_assert_int_eq(w.wd[6].days, 0);
	ck_assert_int_ge(w.wd[0].days, 12);
}
END_TEST

/* ---- categories ---- */

START_TEST(category_distribution_with_a_no_category_bucket)
{
	int64_t health, work, empty;
	ck_assert_int_eq(category_create(&tdb.db, 1, user_id, "Health", "#22aa55", &health), TRACKER_OK);
	ck_assert_int_eq(category_create(&tdb.db, 1, user_id, "Work", "#2255aa", &work), TRACKER_OK);
	ck_assert_int_eq(category_create(&tdb.db, 1, user_id, "Empty", "#999999", &empty), TRACKER_OK);
	struct tracker gym = make_tracker_of(user_id, "Gym", TIME_MODE_DAILY, TODAY - 20, health);
	struct tracker run = make_tracker_of(user_id, "Run", TIME_MODE_DAILY, TODAY - 20, health);
	struct tracker desk = make_tracker_of(user_id, "Desk", TIME_MODE_DAILY, TODAY - 20, work);
	struct tracker misc = make_tracker("Misc", TIME_MODE_DAILY, TODAY - 20);
	struct tracker theirs = make_tracker_of(other_id, "Theirs", TIME_MODE_DAILY, TODAY - 20, 0);
	int64_t g = make_task(&gym, "Lift"), r = make_task(&run, "Run"), k = make_task(&desk, "Inbox"),
		m = make_task(&misc, "Tidy"), x = make_task(&theirs, "Other");
	for (int i = 1; i <= 4; i++) {
		mark(&gym, g, TODAY - i, INSTANCE_DONE);
		mark(&desk, k, TODAY - i, i <= 3 ? INSTANCE_DONE : INSTANCE_MISSED);
		mark(&misc, m, TODAY - i, i <= 3 ? INSTANCE_DONE : INSTANCE_SKIPPED);
		mark(&theirs, x, TODAY - i, INSTANCE_DONE);
	}
	mark(&run, r, TODAY - 1, INSTANCE_DONE);
	mark(&run, r, TODAY - 9, INSTANCE_DONE); /* outside the range */
	struct analytics_filter f = range(TODAY - 6, TODAY);
	struct analytics_data d = load(&f, TODAY - 6, TODAY);
	struct analytics_category_share *shares;
	size_t n;
	ck_assert_int_eq(analytics_categories(&tdb.db, &tdb.arena, user_id, &d, &shares, &n), ANALYTICS_OK);
	ck_assert_int_eq(n, 3);
	ck_assert_int_eq(shares[0].id, health);
	ck_assert_int_eq(shares[0].done, 5);
	ck_assert_str_eq(shares[0].color, "#22aa55");
	ck_assert_int_eq(shares[1].id, work); /* 3, ahead of "No category" with 3 too */
	ck_assert_int_eq(shares[2].id, 0);
	ck_assert_str_eq(shares[2].name, "No category");
	ck_assert_int_eq(shares[2].done, 3);
	/* filtered to a category */
	f.category_id = work;
	d = load(&f, TODAY - 6, TODAY);
	ck_assert_int_eq(analytics_categories(&tdb.db, &tdb.arena, user_id, &d, &shares, &n), ANALYTICS_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(shares[0].id, work);
	/* the quick stats name the top category */
	f.category_id = 0;
	d = load(&f, TODAY - 6, TODAY);
	struct habit_owner o = owner();
	struct analytics_quick q;
	ck_assert_int_eq(analytics_quick_stats(&tdb.db, &tdb.arena, &o, &f, &d, &q), ANALYTICS_OK);
	ck_assert_int_eq(q.top.id, health);
	ck_assert_int_eq(q.range.done, 11);
}
END_TEST

START_TEST(category_sort_order)
{
	struct analytics_category_share s[] = {
		{ 0, "No category", "#9ca3af", 4 }, { 3, "Beta", "#000000", 4 }, { 2, "Alpha", "#000000", 4 },
		{ 5, "Zeta", "#000000", 9 },        { 7, "Eta", "#000000", 0 },
	};
	analytics_categories_sort(s, 5);
	static const int64_t order[] = { 5, 2, 3, 0, 7 };
	for (int i = 0; i < 5; i++)
		ck_assert_int_eq(s[i].id, order[i]);
}
END_TEST

/* ---- quick stats ---- */

START_TEST(quick_stats_points_amounts_and_streaks)
{
	int64_t tag;
	ck_assert_int_eq(tag_create(&tdb.db, 1, user_id, "outdoor", "#aa5522", &tag), TASK_OK);
	struct tracker run = make_tracker("Running", TIME_MODE_DAILY, TODAY - 40);
	int64_t km = make_task_full(&run, "Run", 1, 5, "km", 5, &tag);
	struct tracker water = make_tracker("Water", TIME_MODE_DAILY, TODAY - 40);
	int64_t glasses = make_task_full(&water, "Drink", 1, 2, "glasses", 8, NULL);
	int64_t stretch = make_task_full(&water, "Stretch", 1, 3, NULL, 0, NULL);
	/* running: 12 days done in a row up to yesterday; water: 4 days, broken 5 days ago */
	for (int i = 1; i <= 12; i++)
		mark_on(&run, km, TODAY - i, INSTANCE_TODO, 6, TODAY - i); /* 6 km: done by the value */
	for (int i = 6; i <= 9; i++) {
		mark_on(&water, glasses, TODAY - i, INSTANCE_TODO, 8, TODAY - i);
		mark(&water, stretch, TODAY - i, INSTANCE_DONE);
	}
	mark_on(&water, glasses, TODAY - 5, INSTANCE_TODO, 3, TODAY - 5); /* in progress */
	mark(&water, stretch, TODAY - 5, INSTANCE_MISSED);
	struct analytics_filter f = range(TODAY - 29, TODAY);
	struct analytics_data d = load(&f, TODAY - 89, TODAY);
	struct habit_owner o = owner();
	struct analytics_quick q;
	ck_assert_int_eq(analytics_quick_stats(&tdb.db, &tdb.arena, &o, &f, &d, &q), ANALYTICS_OK);
	ck_assert_int_eq(q.range.done, 12 + 8);
	ck_assert_int_eq(q.range.points, 12 * 5 + 4 * 2 + 4 * 3);
	ck_assert_int_eq(d.amount_count, 2);
	for (size_t i = 0; i < d.amount_count; i++) {
		if (strcmp(d.amounts[i].unit, "km") == 0)
			ck_assert(fabs(d.amounts[i].total - 72) < 1e-9);
		else
			ck_assert(strcmp(d.amounts[i].unit, "glasses") == 0 && fabs(d.amounts[i].total - 35) < 1e-9);
	}
	ck_assert_int_eq(q.current.length, 12);
	ck_assert_int_eq(q.current.tracker_id, run.id);
	ck_assert(!q.current.capped);
	ck_assert_int_eq(q.longest.length, 12);
	ck_assert_int_eq(q.top.id, 0); /* no categories */
	/* a 7-day range: the streak reaches its first day, so it may be longer */
	f = range(TODAY - 6, TODAY);
	ck_assert_int_eq(analytics_quick_stats(&tdb.db, &tdb.arena, &o, &f, &d, &q), ANALYTICS_OK);
	ck_assert_int_eq(q.current.length, 6);
	ck_assert(q.current.capped);
	/* the tag filter keeps the running task only */
	f = range(TODAY - 29, TODAY);
	f.tag_id = tag;
	d = load(&f, TODAY - 29, TODAY);
	ck_assert_int_eq(analytics_quick_stats(&tdb.db, &tdb.arena, &o, &f, &d, &q), ANALYTICS_OK);
	ck_assert_int_eq(q.range.done, 12);
	ck_assert_int_eq(d.amount_count, 1);
	/* another user sees none of it */
	struct habit_owner other = o;
	other.user_id = other_id;
	f = range(TODAY - 29, TODAY);
	ck_assert_int_eq(analytics_load(&tdb.db, &tdb.arena, other_id, &f, TODAY - 29, TODAY, &d), ANALYTICS_OK);
	ck_assert_int_eq(analytics_quick_stats(&tdb.db, &tdb.arena, &other, &f, &d, &q), ANALYTICS_OK);
	ck_assert_int_eq(q.range.total, 0);
	ck_assert_int_eq(q.current.length, 0);
	ck_assert_int_eq(q.range.percent, -1);
}
END_TEST

/* ---- tasks: risk and suggestions ---- */

START_TEST(suggestion_rules)
{
	static const struct {
		int failure, consistency, current, broken;
		unsigned kinds;
	} cases[] = {
		{ 51, 40, 0, 0, 1u << SUGGEST_LOWER_FREQUENCY },
		{ 50, 40, 0, 0, 0 },
		{ 10, 29, 0, 0, 1u << SUGGEST_MAKE_EASIER },
		{ 10, 30, 0, 0, 0 },
		{ 80, 10, 0, 0, (1u << SUGGEST_LOWER_FREQUENCY) | (1u << SUGGEST_MAKE_EASIER) },
		{ -1, -1, 0, 0, 0 }, /* too little data */
		{ 0, 90, 0, 3, 1u << SUGGEST_RESTART },
		{ 0, 90, 0, 2, 0 }, /* a short run is no streak to restart */
		{ 0, 90, 1, 5, 0 }, /* already running again */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct analytics_task_health h;
		memset(&h, 0, sizeof h);
		h.failure_rate = cases[i].failure;
		h.consistency = cases[i].consistency;
		h.streak.current = cases[i].current;
		h.broken_run = cases[i].broken;
		ck_assert_msg(analytics_suggestions_for(&h) == cases[i].kinds, "case %zu", i);
	}
}
END_TEST

/* The health of task id among the list. */
static const struct analytics_task_health *find_health(const struct analytics_task_health *h, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (h[i].task_id == id)
			return &h[i];
	ck_abort_msg("task %lld missing", (long long)id);
	return NULL;
}

START_TEST(task_health_risk_rates_and_broken_streaks)
{
	struct tracker t = make_tracker("Habits", TIME_MODE_DAILY, TODAY - 300);
	int64_t steady = make_task(&t, "Steady"), risky = make_task(&t, "Risky"), weak = make_task(&t, "Weak"),
		broken = make_task(&t, "Broken");
	for (int64_t day = TODAY - 120; day < TODAY; day++) {
		int back = (int)(TODAY - day);
		mark(&t, steady, day, INSTANCE_DONE);
		/* risky: done until 3 days ago, then missed the last two days */
		mark(&t, risky, day, back > 2 ? INSTANCE_DONE : INSTANCE_MISSED);
		/* weak: one day in five done */
		mark(&t, weak, day, back % 5 == 0 ? INSTANCE_DONE : INSTANCE_MISSED);
		/* broken: a 10-day run ending 4 days ago, then misses; skipped days before */
		mark(&t, broken, day, back >= 4 && back <= 13 ? INSTANCE_DONE : back < 4 ? INSTANCE_MISSED : INSTANCE_SKIPPED);
	}
	struct habit_owner o = owner();
	struct analytics_filter f = range(TODAY - 29, TODAY);
	struct analytics_task_health *h;
	size_t n;
	ck_assert_int_eq(analytics_task_health(&tdb.db, &tdb.arena, &o, &f, NULL, &h, &n), ANALYTICS_OK);
	ck_assert_int_eq(n, 4);
	const struct analytics_task_health *s = find_health(h, n, steady);
	ck_assert(!s->at_risk);
	ck_assert_int_eq(s->consistency, 100);
	ck_assert_int_eq(s->failure_rate, 0);
	ck_assert_int_eq(s->streak.current, 89); /* the window's 90 days, today still open */
	ck_assert(s->streak_capped);
	ck_assert_int_eq(analytics_suggestions_for(s), 0);
	const struct analytics_task_health *r = find_health(h, n, risky);
	ck_assert(r->at_risk);
	ck_assert_int_eq(r->streak.current, 0);
	const struct analytics_task_health *w = find_health(h, n, weak);
	ck_assert_int_eq(w->due_periods, 29); /* the last 30 days but today, still open */
	ck_assert_int_eq(w->consistency, 5 * 100 / 29);
	ck_assert_int_eq(w->failure_rate, 24 * 100 / 29);
	ck_assert_uint_eq(analytics_suggestions_for(w), (1u << SUGGEST_LOWER_FREQUENCY) | (1u << SUGGEST_MAKE_EASIER));
	const struct analytics_task_health *b = find_health(h, n, broken);
	ck_assert_int_eq(b->broken_run, 10);
	ck_assert(b->at_risk);
	ck_assert(analytics_suggestions_for(b) & (1u << SUGGEST_RESTART));
	/* the same from the records read with the days (as the dashboard does) */
	struct analytics_data d;
	ck_assert_int_eq(analytics_load_with_tasks(&tdb.db, &tdb.arena, user_id, &f, TODAY - 120, TODAY,
						   ANALYTICS_TASK_WINDOW_FROM(TODAY), &d),
			 ANALYTICS_OK);
	ck_assert_int_gt(d.record_count, 4 * 90);
	struct analytics_task_health *h2;
	size_t n2;
	ck_assert_int_eq(analytics_task_health(&tdb.db, &tdb.arena, &o, &f, &d, &h2, &n2), ANALYTICS_OK);
	ck_assert_int_eq(n2, n);
	for (size_t i = 0; i < n; i++) {
		ck_assert_int_eq(h2[i].task_id, h[i].task_id);
		ck_assert_int_eq(h2[i].at_risk, h[i].at_risk);
		ck_assert_int_eq(h2[i].consistency, h[i].consistency);
		ck_assert_int_eq(h2[i].failure_rate, h[i].failure_rate);
		ck_assert_int_eq(h2[i].broken_run, h[i].broken_run);
		ck_assert_int_eq(h2[i].streak.current, h[i].streak.current);
		ck_assert_int_eq(h2[i].streak.longest, h[i].streak.longest);
	}
	/* records that start too late are not used: the database is read instead */
	ck_assert_int_eq(analytics_load_with_tasks(&tdb.db, &tdb.arena, user_id, &f, TODAY - 10, TODAY,
						   ANALYTICS_TASK_WINDOW_FROM(TODAY), &d),
			 ANALYTICS_OK);
	ck_assert_int_eq(d.records_from, TODAY - 10);
	ck_assert_int_eq(analytics_task_health(&tdb.db, &tdb.arena, &o, &f, &d, &h2, &n2), ANALYTICS_OK);
	ck_assert_int_eq(find_health(h2, n2, broken)->broken_run, 10);
	/* filtered to another tracker: none of these */
	struct tracker other = make_tracker("Other", TIME_MODE_DAILY, TODAY - 3);
	f.tracker_id = other.id;
	ck_assert_int_eq(analytics_task_health(&tdb.db, &tdb.arena, &o, &f, NULL, &h, &n), ANALYTICS_OK);
	ck_assert_int_eq(n, 0);
}
END_TEST

START_TEST(unopened_days_count_as_missed_for_risk)
{
	struct tracker t = make_tracker("Quiet", TIME_MODE_DAILY, TODAY - 20);
	int64_t a = make_task(&t, "Walk");
	for (int64_t day = TODAY - 20; day <= TODAY - 3; day++)
		mark(&t, a, day, INSTANCE_DONE);
	/* the last two days were never opened */
	struct habit_owner o = owner();
	struct analytics_filter f = range(TODAY - 29, TODAY);
	struct analytics_task_health *h;
	size_t n;
	ck_assert_int_eq(analytics_task_health(&tdb.db, &tdb.arena, &o, &f, NULL, &h, &n), ANALYTICS_OK);
	ck_assert_int_eq(n, 1);
	ck_assert(h[0].at_risk);
	ck_assert_int_eq(h[0].broken_run, 18);
	ck_assert(!h[0].streak_capped);
	ck_assert_int_eq(h[0].streak.longest, 18);
}
END_TEST

static Suite *analytics_suite(void)
{
	Suite *s = suite_create("analytics");
	TCase *tc = tcase_create("analytics");
	tcase_add_checked_fixture(tc, setup, testdb_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, filters_parse_ranges_and_ids);
	tcase_add_test(tc, day_summary_counts_every_status_and_skips_leave_completion);
	tcase_add_test(tc, completion_uses_weights_and_skips_leave_the_denominator);
	tcase_add_test(tc, week_summary_has_its_best_day);
	tcase_add_test(tc, weekly_tasks_count_on_the_day_done_or_the_week_end);
	tcase_add_test(tc, trend_classification_at_the_boundaries);
	tcase_add_test(tc, trend_compares_the_last_30_days_with_the_30_before);
	tcase_add_test(tc, trend_from_check_ins);
	tcase_add_test(tc, best_and_worst_weekday_ranking);
	tcase_add_test(tc, weekdays_over_90_days_skip_empty_days);
	tcase_add_test(tc, category_distribution_with_a_no_category_bucket);
	tcase_add_test(tc, category_sort_order);
	tcase_add_test(tc, quick_stats_points_amounts_and_streaks);
	tcase_add_test(tc, suggestion_rules);
	tcase_add_test(tc, task_health_risk_rates_and_broken_streaks);
	tcase_add_test(tc, unopened_days_count_as_missed_for_risk);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(analytics_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
