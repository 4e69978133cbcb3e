/* check_goal_rules: unit tests of the goal domain's pure functions (issue 5, "Goals"),
 * table-driven — the enum words, the input and entry checks, status and pace. "Today" is
 * Friday 2026-05-22 unless a test says otherwise. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "civil.h"
#include "goal.h"
#include "testdb.h"
#include "testgoal.h"

/* "" as GOAL_NO_DATE, else the day of text; 0. */
static int opt_day(const char *text, int64_t *out)
{
	*out = *text ? D(text) : GOAL_NO_DATE;
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

static Suite *goal_rules_suite(void)
{
	Suite *s = suite_create("goal_rules");
	TCase *tc;

	tc = tcase_create("pure");
	tcase_add_checked_fixture(tc, testgoal_setup, testdb_teardown);
	tcase_add_test(tc, enum_words_round_trip);
	tcase_add_test(tc, input_check_table);
	tcase_add_test(tc, entry_check_table);
	tcase_add_test(tc, status_for_table);
	tcase_add_test(tc, progress_table);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(goal_rules_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
