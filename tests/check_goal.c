/* check_goal: unit tests of the goal domain (issue 5, "Goals") against a migrated database,
 * without HTTP — the enum words, the input and entry checks, status and pace as pure functions
 * (table-driven), and every kind with its edge cases: target goals with negative, backdated and
 * future entries, a target raised after achievement, a deadline that passes, abandonment;
 * counters with resets and the best run; tasks goals fed by check-ins through weighted mappings
 * (weight 0.5, a task shared by two goals, a deleted template, completions outside the window,
 * templates that do not count, backdated check-ins, the days and points metrics); period goals
 * with snapshots (the weekly 600-minute deep-work goal, percent and points metrics, a deadline);
 * the seed examples; ownership. The user is in UTC with Monday weeks; "today" is Friday
 * 2026-05-22 unless a test says otherwise. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civil.h"
#include "goal.h"
#include "instance.h"
#include "task.h"
#include "testdb.h"
#include "tracker.h"

static int64_t user_id, other_id;
static int64_t TODAY; /* 2026-05-22, a Friday */

#define NOON(day) ((int64_t)(day) * 86400 + 12 * 3600)
#define D(text) testdb_day(text)

static void setup(void)
{
	testdb_setup();
	user_id = testdb_user(&tdb, "a@example.org");
	other_id = testdb_user(&tdb, "b@example.org");
	TODAY = D("2026-05-22");
}

/* ---- helpers ---- */

/* A goal input of kind k with a name and the given target, no dates, no category. */
static struct goal_input input(enum goal_kind k, const char *name, double target)
{
	struct goal_input in = {
		.name = name, .description = "", .kind = k, .unit = "", .target_value = target,
		.start_date = GOAL_NO_DATE, .deadline = GOAL_NO_DATE, .metric = GOAL_COMPLETIONS,
		.period_unit = GOAL_PER_WEEK, .category_id = 0,
	};
	return in;
}

/* Creates goal in for user_id on today; asserts GOAL_OK and returns its id. */
static int64_t make_goal(const struct goal_input *in, int64_t today)
{
	int64_t id = 0;
	ck_assert_int_eq(goal_create(&tdb.db, NOON(today), today, user_id, in, &id), GOAL_OK);
	ck_assert_int_gt(id, 0);
	return id;
}

/* "" as GOAL_NO_DATE, else the day of text; 0. */
static int opt_day(const char *text, int64_t *out)
{
	*out = *text ? D(text) : GOAL_NO_DATE;
	return 0;
}

/* Reads goal id of user_id. */
static struct goal get(int64_t id)
{
	struct goal g;
	ck_assert_int_eq(goal_get(&tdb.db, &tdb.arena, user_id, id, &g), GOAL_OK);
	return g;
}

/* Asserts the stored current value, best value and status of goal id. */
static void assert_goal(int64_t id, double current, double best, enum goal_status status)
{
	struct goal g = get(id);
	ck_assert_msg(fabs(g.current_value - current) < 1e-6, "goal %lld: current %g, expected %g", (long long)id,
		      g.current_value, current);
	ck_assert_msg(fabs(g.best_value - best) < 1e-6, "goal %lld: best %g, expected %g", (long long)id, g.best_value,
		      best);
	ck_assert_msg(g.status == status, "goal %lld: status %s, expected %s", (long long)id, goal_status_name(g.status),
		      goal_status_name(status));
}

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

/* A daily tracker without dates. */
static struct tracker make_tracker(const char *name)
{
	struct tracker_input in = { name, "", TIME_MODE_DAILY, TRACKER_NO_DATE, TRACKER_NO_DATE, "#336699", 0 };
	int64_t id;
	ck_assert_int_eq(tracker_create(&tdb.db, 0, user_id, &in, &id), TRACKER_OK);
	struct tracker t;
	ck_assert_int_eq(tracker_get(&tdb.db, &tdb.arena, user_id, id, false, &t), TRACKER_OK);
	return t;
}

/* Adds a check task (points p) or, when target > 0, a measure task "at least target unit". */
static int64_t make_task(const struct tracker *t, const char *name, int64_t points, double target, const char *unit)
{
	struct task_input in;
	task_input_defaults(&in);
	in.name = name;
	in.points = points;
	if (target > 0) {
		in.kind = TASK_MEASURE;
		in.target_value = target;
		in.direction = TASK_AT_LEAST;
		in.unit = unit;
	}
	int64_t id;
	ck_assert_int_eq(task_create(&tdb.db, 0, user_id, t->id, &in, &id), TASK_OK);
	return id;
}

struct find_ctx {
	int64_t template_id, instance_id;
};

static int find_instance(void *ctx, const struct task_instance *ti)
{
	struct find_ctx *c = ctx;
	if (ti->task_template_id == c->template_id)
		c->instance_id = ti->id;
	return 0;
}

/* Checks in task template_id of t for day as of today: status, or a measured value when
 * value >= 0. Goes through instance_set, as the pages do, so linked goals follow. */
static void checkin_at(const struct tracker *t, int64_t template_id, int64_t day, int64_t today,
		       enum instance_status status, double value)
{
	struct tracker_instance ti;
	ck_assert_int_eq(instance_open(&tdb.db, NOON(today), t, 1, day, &ti), INSTANCE_OK);
	struct find_ctx c = { template_id, 0 };
	ck_assert_int_eq(instance_tasks_each(&tdb.db, &tdb.arena, user_id, ti.id, find_instance, &c), INSTANCE_OK);
	ck_assert_int_gt(c.instance_id, 0);
	ck_assert_int_eq(instance_set(&tdb.db, NOON(today), today, user_id, c.instance_id, status, value >= 0,
				      value >= 0 ? value : 0, SOURCE_WEB),
			 INSTANCE_OK);
}

/* Marks task template_id of t done on day (checked in that same day). */
static void done(const struct tracker *t, int64_t template_id, int64_t day)
{
	checkin_at(t, template_id, day, day, INSTANCE_DONE, -1);
}

/* Maps template to goal with weight. */
static void map(int64_t goal, int64_t template, double weight, int64_t today)
{
	ck_assert_int_eq(goal_mapping_set(&tdb.db, NOON(today), today, user_id, goal, template, weight), GOAL_OK);
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

struct mapping_count {
	int count, deleted, quiet;
};

/* goal_mappings_each callback: counts mappings, deleted ones and ones that do not count. */
static int count_mapping(void *ctx, const struct goal_task *gt)
{
	struct mapping_count *c = ctx;
	c->count++;
	c->deleted += gt->deleted;
	c->quiet += !gt->counts_toward_goals;
	return 0;
}

/* ---- words and checks ---- */

START_TEST(enum_words_round_trip)
{
	static const struct {
		const char *(*name)(int);
		int (*parse)(const char *, int *);
		int count;
		const char *first, *last;
	} tables[] = {
		{ (const char *(*)(int))goal_kind_name, (int (*)(const char *, int *))goal_kind_parse, GOAL_KIND__MAX,
		  "target", "period" },
		{ (const char *(*)(int))goal_status_name, (int (*)(const char *, int *))goal_status_parse, GOAL_STATUS__MAX,
		  "active", "abandoned" },
		{ (const char *(*)(int))goal_metric_name, (int (*)(const char *, int *))goal_metric_parse, GOAL_METRIC__MAX,
		  "completions", "percent" },
		{ (const char *(*)(int))goal_period_unit_name, (int (*)(const char *, int *))goal_period_unit_parse,
		  GOAL_PERIOD_UNIT__MAX, "day", "month" },
		{ (const char *(*)(int))goal_event_kind_name, (int (*)(const char *, int *))goal_event_kind_parse,
		  GOAL_EVENT_KIND__MAX, "created", "reset" },
	};
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		ck_assert_str_eq(tables[i].name(0), tables[i].first);
		ck_assert_str_eq(tables[i].name(tables[i].count - 1), tables[i].last);
		ck_assert_ptr_null(tables[i].name(tables[i].count));
		for (int v = 0; v < tables[i].count; v++) {
			int back = -1;
			ck_assert_int_eq(tables[i].parse(tables[i].name(v), &back), 0);
			ck_assert_int_eq(back, v);
		}
		int unused;
		ck_assert_int_eq(tables[i].parse("Target", &unused), -1);
		ck_assert_int_eq(tables[i].parse(NULL, &unused), -1);
	}
	ck_assert(goal_metric_fits(GOAL_TASKS, GOAL_DAYS));
	ck_assert(!goal_metric_fits(GOAL_TASKS, GOAL_AMOUNT));
	ck_assert(!goal_metric_fits(GOAL_PERIOD, GOAL_DAYS));
	ck_assert(goal_metric_fits(GOAL_PERIOD, GOAL_PERCENT));
	ck_assert(!goal_metric_fits(GOAL_TARGET, GOAL_COMPLETIONS));
}
END_TEST

START_TEST(input_check_table)
{
	char long_name[102];
	memset(long_name, 'x', 101);
	long_name[101] = '\0';
	int64_t today = D("2026-05-22");
	static const struct {
		enum goal_kind kind;
		const char *name;
		double target;
		const char *start, *deadline;
		enum goal_metric metric;
		int unit; /* period unit */
		const char *field; /* NULL: accepted */
		const char *message;
	} cases[] = {
		{ GOAL_TARGET, "Save", 5000, "", "2026-12-31", GOAL_COMPLETIONS, 1, NULL, NULL },
		{ GOAL_TARGET, "Save", 5000, "", "2026-05-22", GOAL_COMPLETIONS, 1, NULL, NULL }, /* today is fine */
		{ GOAL_TARGET, "", 5000, "", "2026-12-31", GOAL_COMPLETIONS, 1, "name", "Enter a name." },
		{ GOAL_TARGET, "LONG", 5000, "", "2026-12-31", GOAL_COMPLETIONS, 1, "name", "at most 100" },
		{ GOAL_TARGET, "Save", 0, "", "2026-12-31", GOAL_COMPLETIONS, 1, "target_value", "above 0" },
		{ GOAL_TARGET, "Save", -5, "", "2026-12-31", GOAL_COMPLETIONS, 1, "target_value", "above 0" },
		{ GOAL_TARGET, "Save", 2e12, "", "2026-12-31", GOAL_COMPLETIONS, 1, "target_value", "at most" },
		{ GOAL_TARGET, "Save", NAN, "", "2026-12-31", GOAL_COMPLETIONS, 1, "target_value", "above 0" },
		{ GOAL_TARGET, "Save", 5000, "", "", GOAL_COMPLETIONS, 1, "deadline", "Enter the deadline" },
		{ GOAL_TARGET, "Save", 5000, "", "2026-05-21", GOAL_COMPLETIONS, 1, "deadline", "The deadline has passed" },
		{ GOAL_TARGET, "Save", 5000, "2026-06-10", "2026-06-01", GOAL_COMPLETIONS, 1, "deadline", "before the start" },
		{ GOAL_COUNTER, "Sober", 0, "2026-05-01", "", GOAL_COMPLETIONS, 1, NULL, NULL }, /* no target */
		{ GOAL_COUNTER, "Sober", 0, "", "2020-01-01", GOAL_COMPLETIONS, 1, NULL, NULL }, /* deadline ignored */
		{ GOAL_TASKS, "Gym", 10, "2026-05-01", "2026-05-31", GOAL_COMPLETIONS, 1, NULL, NULL },
		{ GOAL_TASKS, "Gym", 10, "", "", GOAL_DAYS, 1, NULL, NULL }, /* open-ended */
		{ GOAL_TASKS, "Gym", 10, "", "", GOAL_AMOUNT, 1, "metric", "completions, days or points" },
		{ GOAL_TASKS, "Gym", 10, "", "2026-05-01", GOAL_COMPLETIONS, 1, "deadline", "has passed" },
		{ GOAL_PERIOD, "Deep work", 600, "", "", GOAL_AMOUNT, 1, NULL, NULL },
		{ GOAL_PERIOD, "Deep work", 600, "", "", GOAL_DAYS, 1, "metric", "amount or percent" },
		{ GOAL_PERIOD, "Deep work", 600, "", "", GOAL_AMOUNT, 7, "period_unit", "a day, a week or a month" },
		{ GOAL_PERIOD, "All done", 100, "", "", GOAL_PERCENT, 0, NULL, NULL },
		{ GOAL_PERIOD, "All done", 101, "", "", GOAL_PERCENT, 0, "target_value", "at most 100" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct goal_input in = input(cases[i].kind, strcmp(cases[i].name, "LONG") == 0 ? long_name : cases[i].name,
					     cases[i].target);
		in.metric = cases[i].metric;
		in.period_unit = (enum goal_period_unit)cases[i].unit;
		ck_assert_int_eq(opt_day(cases[i].start, &in.start_date), 0);
		ck_assert_int_eq(opt_day(cases[i].deadline, &in.deadline), 0);
		const char *field = "unset";
		const char *msg = goal_input_check(&in, today, GOAL_NO_DATE, &field);
		if (!cases[i].field) {
			ck_assert_msg(msg == NULL, "case %zu refused: %s (%s)", i, msg, field);
			continue;
		}
		ck_assert_msg(msg != NULL, "case %zu accepted", i);
		ck_assert_msg(strcmp(field, cases[i].field) == 0, "case %zu: field %s, expected %s", i, field,
			      cases[i].field);
		ck_assert_msg(strstr(msg, cases[i].message) != NULL, "case %zu: %s", i, msg);
	}
	/* an edited goal may keep its past deadline, but not move it to another past day */
	struct goal_input in = input(GOAL_TARGET, "Save", 100);
	in.deadline = D("2026-05-01");
	ck_assert_ptr_null(goal_input_check(&in, today, D("2026-05-01"), NULL));
	ck_assert_ptr_nonnull(goal_input_check(&in, today, D("2026-04-30"), NULL));
}
END_TEST

START_TEST(entry_check_table)
{
	int64_t today = D("2026-05-22");
	static const struct {
		double value;
		const char *day, *note, *field;
	} cases[] = {
		{ 250, "2026-05-22", "Paycheck deposit", NULL },
		{ -23, "2026-05-22", "Relapse - restarting count", NULL }, /* negative corrects */
		{ 1, "2025-01-01", "", NULL },                              /* backdated */
		{ 0, "2026-05-22", "", "value" },
		{ INFINITY, "2026-05-22", "", "value" },
		{ 2e12, "2026-05-22", "", "value" },
		{ 1, "2026-05-23", "", "day" }, /* tomorrow */
		{ 1, "2026-05-22", "two\nlines", "note" },
		{ 1, "2026-05-22", "LONG", "note" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int64_t day;
		ck_assert_int_eq(civil_parse(cases[i].day, &day), 0);
		const char *note = strcmp(cases[i].note, "LONG") == 0 ? NULL : cases[i].note;
		char long_note[502];
		if (!note) {
			memset(long_note, 'n', 501);
			long_note[501] = '\0';
			note = long_note;
		}
		const char *field = NULL, *msg = goal_entry_check(cases[i].value, day, today, note, &field);
		if (!cases[i].field)
			ck_assert_msg(msg == NULL, "case %zu: %s", i, msg);
		else
			ck_assert_msg(msg && field && strcmp(field, cases[i].field) == 0, "case %zu: %s %s", i,
				      msg ? msg : "accepted", field ? field : "");
	}
	const char *field = NULL;
	ck_assert_str_eq(goal_entry_check(1, today + 1, today, "", &field), "The day cannot be in the future.");
}
END_TEST

START_TEST(status_for_table)
{
	int64_t today = D("2026-05-22");
	static const struct {
		enum goal_kind kind;
		double current, target;
		const char *deadline; /* "" none */
		bool ended;
		double mean;
		enum goal_status expected;
	} cases[] = {
		{ GOAL_TARGET, 0, 100, "2026-12-31", false, 0, GOAL_ACTIVE },
		{ GOAL_TARGET, 100, 100, "2026-12-31", false, 0, GOAL_ACHIEVED },
		{ GOAL_TARGET, 150, 100, "2026-01-01", false, 0, GOAL_ACHIEVED }, /* reached, deadline later passed */
		{ GOAL_TARGET, 99.5, 100, "2026-05-21", false, 0, GOAL_FAILED },
		{ GOAL_TARGET, 99.5, 100, "2026-05-22", false, 0, GOAL_ACTIVE },  /* the deadline day itself */
		{ GOAL_TASKS, 0.30000000000000004, 0.3, "", false, 0, GOAL_ACHIEVED },
		{ GOAL_TASKS, 9, 10, "", false, 0, GOAL_ACTIVE },
		{ GOAL_COUNTER, 1000, 0, "", false, 0, GOAL_ACTIVE },
		{ GOAL_PERIOD, 0, 600, "2026-05-01", false, 0, GOAL_ACTIVE },
		{ GOAL_PERIOD, 0, 600, "2026-05-01", true, 100, GOAL_ACHIEVED },
		{ GOAL_PERIOD, 0, 600, "2026-05-01", true, 99, GOAL_FAILED },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int64_t deadline = GOAL_NO_DATE;
		if (*cases[i].deadline)
			deadline = D(cases[i].deadline);
		enum goal_status s = goal_status_for(cases[i].kind, cases[i].current, cases[i].target, deadline, today,
						     cases[i].ended, cases[i].mean);
		ck_assert_msg(s == cases[i].expected, "case %zu: %s", i, goal_status_name(s));
	}
}
END_TEST

START_TEST(progress_table)
{
	static const struct {
		enum goal_kind kind;
		enum goal_status status;
		double current, target;
		const char *start, *deadline, *today;
		enum goal_metric metric;
		enum goal_period_unit unit;
		enum goal_pace pace;
		double per_day;     /* -1: no rate */
		int64_t days_left;
		const char *period_start, *period_end; /* period goals */
	} cases[] = {
		/* "save $5,000 by Dec 31": 141 of 365 days gone, 2250 saved, 1931.5 expected */
		{ GOAL_TARGET, GOAL_ACTIVE, 2250, 5000, "2026-01-01", "2026-12-31", "2026-05-22", 0, 0, GOAL_PACE_ON_TRACK,
		  2750.0 / 224, 224, "", "" },
		{ GOAL_TARGET, GOAL_ACTIVE, 1500, 5000, "2026-01-01", "2026-12-31", "2026-05-22", 0, 0, GOAL_PACE_BEHIND,
		  3500.0 / 224, 224, "", "" },
		/* the first day: nothing expected yet */
		{ GOAL_TARGET, GOAL_ACTIVE, 0, 24, "2026-05-22", "2026-12-31", "2026-05-22", 0, 0, GOAL_PACE_ON_TRACK,
		  24.0 / 224, 224, "", "" },
		/* the deadline day: one day left */
		{ GOAL_TARGET, GOAL_ACTIVE, 90, 100, "2026-05-01", "2026-05-22", "2026-05-22", 0, 0, GOAL_PACE_BEHIND, 10, 1,
		  "", "" },
		{ GOAL_TARGET, GOAL_ACHIEVED, 100, 100, "2026-05-01", "2026-05-30", "2026-05-22", 0, 0, GOAL_PACE_ACHIEVED, -1,
		  0, "", "" },
		{ GOAL_TARGET, GOAL_FAILED, 50, 100, "2026-05-01", "2026-05-20", "2026-05-22", 0, 0, GOAL_PACE_NONE, -1, 0, "",
		  "" },
		{ GOAL_TARGET, GOAL_ABANDONED, 50, 100, "2026-05-01", "2026-05-30", "2026-05-22", 0, 0, GOAL_PACE_NONE, -1, 9,
		  "", "" },
		/* not started yet: the rate spreads over start..deadline */
		{ GOAL_TARGET, GOAL_ACTIVE, 0, 30, "2026-06-01", "2026-06-30", "2026-05-22", 0, 0, GOAL_PACE_NONE, 1, 30, "",
		  "" },
		/* "gym 10 times this month": 21 of 31 days gone, 6 done, 6.77 expected */
		{ GOAL_TASKS, GOAL_ACTIVE, 6, 10, "2026-05-01", "2026-05-31", "2026-05-22", GOAL_COMPLETIONS, 0,
		  GOAL_PACE_BEHIND, 0.4, 10, "", "" },
		{ GOAL_TASKS, GOAL_ACTIVE, 7, 10, "2026-05-01", "2026-05-31", "2026-05-22", GOAL_COMPLETIONS, 0,
		  GOAL_PACE_ON_TRACK, 0.3, 10, "", "" },
		{ GOAL_TASKS, GOAL_ACTIVE, 7, 10, "2026-05-01", "", "2026-05-22", GOAL_COMPLETIONS, 0, GOAL_PACE_NONE, -1, 0,
		  "", "" },
		{ GOAL_COUNTER, GOAL_ACTIVE, 23, 0, "2026-04-01", "", "2026-05-22", 0, 0, GOAL_PACE_NONE, -1, 0, "", "" },
		/* weekly 600 minutes on Friday: 4 of 7 days gone, 342.9 expected */
		{ GOAL_PERIOD, GOAL_ACTIVE, 360, 600, "2026-05-01", "", "2026-05-22", GOAL_AMOUNT, GOAL_PER_WEEK,
		  GOAL_PACE_ON_TRACK, -1, 0, "2026-05-18", "2026-05-24" },
		{ GOAL_PERIOD, GOAL_ACTIVE, 300, 600, "2026-05-01", "", "2026-05-22", GOAL_AMOUNT, GOAL_PER_WEEK,
		  GOAL_PACE_BEHIND, -1, 0, "2026-05-18", "2026-05-24" },
		{ GOAL_PERIOD, GOAL_ACTIVE, 600, 600, "2026-05-01", "", "2026-05-22", GOAL_AMOUNT, GOAL_PER_WEEK,
		  GOAL_PACE_ACHIEVED, -1, 0, "2026-05-18", "2026-05-24" },
		{ GOAL_PERIOD, GOAL_ACTIVE, 0, 3, "2026-05-01", "", "2026-05-22", GOAL_COMPLETIONS, GOAL_PER_DAY,
		  GOAL_PACE_ON_TRACK, -1, 0, "2026-05-22", "2026-05-22" },
		{ GOAL_PERIOD, GOAL_ACTIVE, 75, 80, "2026-05-01", "", "2026-05-22", GOAL_PERCENT, GOAL_PER_MONTH,
		  GOAL_PACE_BEHIND, -1, 0, "2026-05-01", "2026-05-31" },
		/* ended with the week of its deadline; starts later */
		{ GOAL_PERIOD, GOAL_FAILED, 10, 600, "2026-04-01", "2026-05-06", "2026-05-22", GOAL_AMOUNT, GOAL_PER_WEEK,
		  GOAL_PACE_NONE, -1, 0, "2026-05-04", "2026-05-10" },
		{ GOAL_PERIOD, GOAL_ACTIVE, 0, 600, "2026-06-03", "", "2026-05-22", GOAL_AMOUNT, GOAL_PER_WEEK, GOAL_PACE_NONE,
		  -1, 0, "2026-06-01", "2026-06-07" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct goal g;
		memset(&g, 0, sizeof g);
		g.kind = cases[i].kind;
		g.status = cases[i].status;
		g.current_value = cases[i].current;
		g.target_value = cases[i].target;
		g.start_date = D(cases[i].start);
		g.deadline = *cases[i].deadline ? D(cases[i].deadline) : GOAL_NO_DATE;
		g.metric = cases[i].metric;
		g.period_unit = cases[i].unit;
		struct goal_progress p;
		goal_progress_of(&g, 1, D(cases[i].today), &p);
		ck_assert_msg(p.pace == cases[i].pace, "case %zu: pace %d, expected %d", i, p.pace, cases[i].pace);
		if (cases[i].per_day < 0) {
			ck_assert_msg(!p.has_rate, "case %zu has a rate", i);
		} else {
			ck_assert_msg(p.has_rate, "case %zu has no rate", i);
			ck_assert_msg(fabs(p.per_day - cases[i].per_day) < 1e-9, "case %zu: per day %g", i, p.per_day);
			ck_assert_msg(fabs(p.per_week - 7 * cases[i].per_day) < 1e-9, "case %zu: per week %g", i, p.per_week);
		}
		ck_assert_msg(p.days_left == cases[i].days_left, "case %zu: %lld days left", i, (long long)p.days_left);
		if (*cases[i].period_start) {
			ck_assert_msg(p.current_period.start == D(cases[i].period_start) &&
					      p.current_period.end == D(cases[i].period_end),
				      "case %zu: period", i);
		} else {
			ck_assert(period_is_empty(p.current_period));
		}
	}
	/* percent and remaining */
	struct goal g;
	memset(&g, 0, sizeof g);
	g.kind = GOAL_TARGET;
	g.current_value = 2250;
	g.target_value = 5000;
	g.start_date = D("2026-01-01");
	g.deadline = D("2026-12-31");
	struct goal_progress p;
	goal_progress_of(&g, 1, D("2026-05-22"), &p);
	ck_assert(fabs(p.percent - 45) < 1e-9);
	ck_assert(fabs(p.remaining - 2750) < 1e-9);
	ck_assert(fabs(p.expected - 5000.0 * 141 / 365) < 1e-9);
	g.current_value = -10; /* corrected below zero */
	goal_progress_of(&g, 1, D("2026-05-22"), &p);
	ck_assert(p.percent == 0);
	ck_assert(fabs(p.remaining - 5010) < 1e-9);
}
END_TEST

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

static Suite *goal_suite(void)
{
	Suite *s = suite_create("goal");
	TCase *pure = tcase_create("pure");
	tcase_add_checked_fixture(pure, setup, testdb_teardown);
	tcase_add_test(pure, enum_words_round_trip);
	tcase_add_test(pure, input_check_table);
	tcase_add_test(pure, entry_check_table);
	tcase_add_test(pure, status_for_table);
	tcase_add_test(pure, progress_table);
	suite_add_tcase(s, pure);
	TCase *tc = tcase_create("goals");
	tcase_add_checked_fixture(tc, setup, testdb_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, target_entries_negative_backdated_future);
	tcase_add_test(tc, target_raised_after_achievement);
	tcase_add_test(tc, deadline_passes_and_past_deadline_refused);
	tcase_add_test(tc, abandon_and_reactivate);
	tcase_add_test(tc, counter_reset_keeps_best_run);
	tcase_add_test(tc, tasks_goal_counts_checkins_in_its_window);
	tcase_add_test(tc, weights_shared_tasks_and_deleted_templates);
	tcase_add_test(tc, tasks_goal_days_metric_21_day_challenge);
	tcase_add_test(tc, period_goal_weekly_deep_work);
	tcase_add_test(tc, period_goal_percent_points_and_deadline);
	tcase_add_test(tc, seed_save_5000_with_pace);
	tcase_add_test(tc, list_filter_history_and_delete);
	tcase_add_test(tc, another_users_goals_and_templates);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(goal_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
