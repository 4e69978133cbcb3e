/* check_pages_goal: request tests of the goal pages (issue 5, "Goals") — the list with its
 * filters and empty state, the kind chooser and the create form of each kind, a goal's page
 * (progress bar, numbers, status, pace, entries, reset, mapped tasks, period snapshots,
 * history), editing with a raised target, abandon and reactivate, delete; check-ins on Today
 * feeding tasks and period goals; every bad input answering 422 with the message next to its
 * field, the typed values kept and nothing saved; another user's goal and task ids answering
 * 404 with nothing changed. The clock stands at 2026-05-22T00:00Z, a Friday; users are in UTC
 * with Monday weeks. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testpages.h"

/* ---- helpers ---- */

/* GETs path as w and asserts the status; the caller frees r. */
static void get(struct testuser *w, const char *path, int status, struct testresp *r)
{
	testpage_get(w, path, r);
	testpage_assert_status(r, status, path);
}

/* Asserts a 303 to "/goals/ID…" and returns ID. */
static int64_t goal_redirect_id(const struct testresp *r)
{
	char *v = testpage_location(r);
	long long id = 0;
	ck_assert_msg(sscanf(v, "/goals/%lld", &id) == 1, "Location %s", v);
	free(v);
	return id;
}

/* The fields of a create form, by name; NULL leaves a field out. */
struct form {
	const char *kind, *name, *description, *unit, *target_value, *start_date, *deadline, *metric, *period_unit,
		*category_id;
};

/* POSTs f to path as w (extra: a task id to link, or NULL). */
static void post_form(struct testuser *w, const char *path, const struct form *f, const char *task, struct testresp *r)
{
	const char *names[] = { "kind", "name", "description", "unit", "target_value", "start_date", "deadline", "metric",
				"period_unit", "category_id", "task_ids" };
	const char *values[] = { f->kind, f->name, f->description, f->unit, f->target_value, f->start_date, f->deadline,
				 f->metric, f->period_unit, f->category_id, task };
	testpage_post_fields(w, path, names, values, sizeof names / sizeof names[0], r);
}

/* Creates a goal through the form; asserts the 303 and returns its id. */
static int64_t create(struct testuser *w, const struct form *f, const char *task)
{
	struct testresp r;
	post_form(w, "/goals", f, task, &r);
	int64_t id = goal_redirect_id(&r);
	testresp_free(&r);
	return id;
}

/* "Save for vacation": 5000 dollars from 2026-01-01 to 2026-12-31. */
static const struct form save_form = {
	"target", "Save for vacation", "For the trip", "dollars", "5000", "2026-01-01", "2026-12-31", "", "", "",
};

/* POSTs a progress entry to goal id. */
static void post_entry(struct testuser *w, int64_t id, const char *value, const char *day, const char *note,
		       struct testresp *r)
{
	char path[64];
	snprintf(path, sizeof path, "/goals/%lld/entries", (long long)id);
	testpage_post(w, path, r, "value", value, "day", day, "note", note, NULL);
}

/* Checks in task template of w on day (YYYY-MM-DD) through Today: opens the day, then posts
 * status (and value when not NULL) to /checkins/{id}. */
static void checkin(struct testuser *w, int64_t template, const char *day, const char *status, const char *value)
{
	char path[64];
	struct testresp r;
	snprintf(path, sizeof path, "/day/%s", day);
	get(w, path, 200, &r);
	testresp_free(&r);
	int64_t id = testpage_int("SELECT ti.id FROM task_instances ti JOIN tracker_instances i ON i.id = ti.tracker_instance_id"
				  " WHERE ti.task_template_id = %lld AND i.period_start = '%s'",
				  (long long)template, day);
	ck_assert_int_gt(id, 0);
	snprintf(path, sizeof path, "/checkins/%lld", (long long)id);
	testpage_post(w, path, &r, "status", status, "value", value, "back", "/", NULL);
	testpage_assert_status(&r, 303, "check-in");
	testresp_free(&r);
}

/* ---- the list, the chooser, the forms ---- */

START_TEST(empty_list_chooser_and_forms)
{
	struct testuser a;
	testuser_init(&a, "a@example.org");
	struct testresp r;
	get(&a, "/goals", 200, &r);
	testpage_assert_has(&r, "<h1>Goals</h1>");
	testpage_assert_has(&r, "No goals yet");
	testpage_assert_has(&r, "href=\"/goals/new\"");
	testpage_assert_has(&r, "<a href=\"/goals\">Goals</a>"); /* in the main navigation */
	testresp_free(&r);
	get(&a, "/goals/new", 200, &r);
	static const char *const kinds[] = { "target", "counter", "tasks", "period" };
	for (size_t i = 0; i < 4; i++) {
		char href[64];
		snprintf(href, sizeof href, "href=\"/goals/new?kind=%s\"", kinds[i]);
		testpage_assert_has(&r, href);
	}
	testpage_assert_lacks(&r, "<form method=\"post\"");
	testresp_free(&r);
	get(&a, "/goals/new?kind=nonsense", 200, &r); /* the chooser again */
	testpage_assert_has(&r, "What kind of goal is it?");
	testresp_free(&r);

	get(&a, "/goals/new?kind=target", 200, &r);
	testpage_assert_has(&r, "<input type=\"hidden\" name=\"kind\" value=\"target\">");
	testpage_assert_has(&r, "name=\"target_value\"");
	testpage_assert_has(&r, "name=\"deadline\" type=\"date\" value=\"\" min=\"1900-01-01\" max=\"2999-12-31\" required");
	testpage_assert_has(&r, "<input type=\"hidden\" name=\"csrf\" value=\"");
	testpage_assert_lacks(&r, "name=\"metric\"");
	testpage_assert_lacks(&r, "style=");
	testpage_assert_lacks(&r, "<script");
	testresp_free(&r);
	get(&a, "/goals/new?kind=counter", 200, &r);
	testpage_assert_lacks(&r, "name=\"target_value\"");
	testpage_assert_lacks(&r, "name=\"deadline\"");
	testpage_assert_has(&r, "name=\"start_date\"");
	testresp_free(&r);
	get(&a, "/goals/new?kind=tasks", 200, &r);
	testpage_assert_has(&r, "<option value=\"days\"");
	testpage_assert_lacks(&r, "<option value=\"amount\"");
	testpage_assert_has(&r, "You have no tasks yet.");
	testresp_free(&r);
	int64_t tracker = testpage_tracker(&a, "Work", "daily");
	int64_t task = testpage_quick_task(&a, tracker, "Deep work");
	get(&a, "/goals/new?kind=period", 200, &r);
	testpage_assert_has(&r, "<option value=\"amount\" selected>");
	testpage_assert_has(&r, "<option value=\"week\" selected>Every week</option>");
	char box[96];
	snprintf(box, sizeof box, "<input type=\"checkbox\" name=\"task_ids\" value=\"%lld\">", (long long)task);
	testpage_assert_has(&r, box);
	testpage_assert_has(&r, "Work › Deep work");
	testresp_free(&r);
	testuser_free(&a);
}
END_TEST

START_TEST(target_goal_page_entries_and_pace)
{
	struct testuser a;
	testuser_init(&a, "a@example.org");
	int64_t id = create(&a, &save_form, NULL);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM goals WHERE id = %lld AND kind = 'target' AND name = 'Save for vacation'"
				      " AND unit = 'dollars' AND target_value = 5000 AND start_date = '2026-01-01'"
				      " AND deadline = '2026-12-31' AND metric IS NULL AND status = 'active'",
				      (long long)id),
			 1);
	struct testresp r;
	/* 2250 saved, the last 250 today with a note */
	post_entry(&a, id, "1000", "2026-02-01", "", &r);
	testresp_free(&r);
	post_entry(&a, id, "1000", "2026-04-01", "", &r);
	testresp_free(&r);
	post_entry(&a, id, "250", "", "Paycheck deposit", &r); /* an empty day is today */
	char path[64];
	snprintf(path, sizeof path, "/goals/%lld?saved=entry#entries", (long long)id);
	testpage_assert_redirect(&r, path);
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM progress_entries WHERE goal_id = %lld AND day = '2026-05-22'"
				      " AND value = 250 AND note = 'Paycheck deposit'",
				      (long long)id),
			 1);
	snprintf(path, sizeof path, "/goals/%lld?saved=entry", (long long)id);
	get(&a, path, 200, &r);
	testpage_assert_has(&r, "The progress was logged.");
	testpage_assert_has(&r, "<progress max=\"5000\" value=\"2250\"");
	testpage_assert_has(&r, "<strong>2250 / 5000 dollars</strong>");
	testpage_assert_has(&r, "(45%)");
	testpage_assert_has(&r, "<dd>2750 dollars</dd>"); /* remaining */
	testpage_assert_has(&r, "12.28 dollars a day · 85.94 dollars a week (224 days left)");
	testpage_assert_has(&r, "pace-on-track\">On track</span>");
	testpage_assert_has(&r, "Paycheck deposit");
	testpage_assert_has(&r, "+250");
	testpage_assert_has(&r, "Created with a target of 5000 dollars");
	testpage_assert_has(&r, "name=\"day\" type=\"date\" value=\"2026-05-22\" max=\"2026-05-22\"");
	testresp_free(&r);
	/* a negative correction is fine; the list shows the numbers */
	post_entry(&a, id, "-50", "2026-05-20", "Fee", &r);
	testpage_assert_status(&r, 303, "negative entry");
	testresp_free(&r);
	get(&a, "/goals", 200, &r);
	testpage_assert_has(&r, ">Save for vacation</a>");
	testpage_assert_has(&r, "<strong>2200 / 5000 dollars</strong>");
	testpage_assert_has(&r, "<progress max=\"5000\" value=\"2200\"");
	testpage_assert_has(&r, "Deadline 2026-12-31");
	testresp_free(&r);
	/* reaching the target: achieved */
	post_entry(&a, id, "2800", "2026-05-22", "", &r);
	testresp_free(&r);
	snprintf(path, sizeof path, "/goals/%lld", (long long)id);
	get(&a, path, 200, &r);
	testpage_assert_has(&r, "status-achieved\">Achieved</span>");
	testpage_assert_has(&r, "Active → Achieved");
	testpage_assert_has(&r, "The target was reached.");
	testresp_free(&r);
	testuser_free(&a);
}
END_TEST

/* Posts the target form with one field replaced and asserts 422, the message next to that
 * field, the typed value kept, and no new goal. */
static void bad_create(struct testuser *w, const char *kind, const char *field, const char *value, const char *message,
		       const char *kept)
{
	struct form f = save_form;
	f.kind = kind;
	if (strcmp(kind, "period") == 0) {
		f.metric = "percent";
		f.period_unit = "day";
		f.target_value = "80";
		f.deadline = "";
	}
	const char **slot = strcmp(field, "name") == 0	       ? &f.name
			    : strcmp(field, "description") == 0 ? &f.description
			    : strcmp(field, "unit") == 0	       ? &f.unit
			    : strcmp(field, "target_value") == 0 ? &f.target_value
			    : strcmp(field, "start_date") == 0   ? &f.start_date
			    : strcmp(field, "deadline") == 0     ? &f.deadline
			    : strcmp(field, "metric") == 0       ? &f.metric
			    : strcmp(field, "period_unit") == 0  ? &f.period_unit
								 : &f.category_id;
	*slot = value;
	int64_t before = testpage_int("SELECT count(*) FROM goals");
	struct testresp r;
	post_form(w, "/goals", &f, NULL, &r);
	char what[128];
	snprintf(what, sizeof what, "%s %s=%s", kind, field, value);
	testpage_assert_status(&r, 422, what);
	testpage_assert_has(&r, message);
	char described[64];
	snprintf(described, sizeof described, "aria-describedby=\"%s-error\"", field);
	testpage_assert_has(&r, described);
	if (kept)
		testpage_assert_has(&r, kept);
	if (strcmp(field, "name") != 0)
		testpage_assert_has(&r, "value=\"Save for vacation\""); /* the other fields keep what was typed */
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM goals"), before);
}

START_TEST(create_bad_input)
{
	struct testuser a;
	testuser_init(&a, "a@example.org");
	bad_create(&a, "target", "name", "", "Enter a name.", NULL);
	bad_create(&a, "target", "name", testpage_repeat('n', 101), "Use at most 100 characters for the name.", NULL);
	bad_create(&a, "target", "description", testpage_repeat('d', 2001), "Use at most 2000 characters", NULL);
	bad_create(&a, "target", "unit", testpage_repeat('u', 21), "Use at most 20 characters for the unit.", NULL);
	bad_create(&a, "target", "target_value", "0", "Enter a target above 0.", "value=\"0\"");
	bad_create(&a, "target", "target_value", "-5", "Enter a target above 0.", "value=\"-5\"");
	bad_create(&a, "target", "target_value", "five", "Enter a number like 10 or 5000.", "value=\"five\"");
	bad_create(&a, "target", "target_value", "", "Enter a target above 0.", NULL);
	bad_create(&a, "target", "deadline", "", "Enter the deadline", NULL);
	bad_create(&a, "target", "deadline", "2026-05-21", "The deadline has passed. Choose today or a later day.",
		   "value=\"2026-05-21\"");
	bad_create(&a, "target", "deadline", "2026-02-30", "Enter a real date", "value=\"2026-02-30\"");
	bad_create(&a, "target", "start_date", "01/01/2026", "Enter a real date", "value=\"01/01/2026\"");
	bad_create(&a, "period", "target_value", "120", "A percentage target can be at most 100.", "value=\"120\"");
	bad_create(&a, "period", "metric", "days", "Choose what to count", NULL);
	bad_create(&a, "period", "period_unit", "year", "Choose a day, a week or a month.", NULL);
	bad_create(&a, "target", "category_id", "abc", "Choose a category from the list.", NULL);
	/* a start date after the deadline: the message is the deadline's */
	struct form late = save_form;
	late.start_date = "2027-01-10";
	struct testresp r;
	post_form(&a, "/goals", &late, NULL, &r);
	testpage_assert_status(&r, 422, "start after deadline");
	testpage_assert_has(&r, "The deadline cannot be before the start date.");
	testpage_assert_has(&r, "aria-describedby=\"deadline-error\"");
	testpage_assert_has(&r, "value=\"2027-01-10\"");
	testresp_free(&r);
	/* several problems at once are all shown */
	struct form f = save_form;
	f.name = "";
	f.target_value = "0";
	f.deadline = "2020-01-01";
	post_form(&a, "/goals", &f, NULL, &r);
	testpage_assert_status(&r, 422, "three problems");
	testpage_assert_has(&r, "Enter a name.");
	testpage_assert_has(&r, "Enter a target above 0.");
	testpage_assert_has(&r, "The deadline has passed.");
	testpage_assert_has(&r, "Please correct the fields marked below.");
	testresp_free(&r);
	/* an unknown kind shows the chooser */
	f = save_form;
	f.kind = "wish";
	post_form(&a, "/goals", &f, NULL, &r);
	testpage_assert_status(&r, 422, "unknown kind");
	testpage_assert_has(&r, "Choose a kind of goal.");
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM goals"), 0);
	testuser_free(&a);
}
END_TEST

START_TEST(entry_bad_input)
{
	struct testuser a;
	testuser_init(&a, "a@example.org");
	int64_t id = create(&a, &save_form, NULL);
	static const struct {
		const char *value, *day, *note, *field, *message;
	} cases[] = {
		{ "100", "2026-05-23", "Tomorrow", "day", "The day cannot be in the future." },
		{ "100", "2026-13-01", "", "day", "Enter a real date like 2026-05-22." },
		{ "lots", "2026-05-20", "kept note", "value", "Enter a number like 250, or -20 to correct." },
		{ "", "2026-05-20", "", "value", "Enter a number." },
		{ "0", "2026-05-20", "", "value", "Enter a number other than 0" },
		{ "2000000000000", "2026-05-20", "", "value", "Enter a number between" },
		{ "5", "2026-05-20", "LONG", "note", "Use at most 500 characters for the note." },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct testresp r;
		const char *note = strcmp(cases[i].note, "LONG") == 0 ? testpage_repeat('n', 501) : cases[i].note;
		post_entry(&a, id, cases[i].value, cases[i].day, note, &r);
		testpage_assert_status(&r, 422, cases[i].message);
		testpage_assert_has(&r, cases[i].message);
		char described[64], kept[600];
		snprintf(described, sizeof described, "aria-describedby=\"%s-error\"", cases[i].field);
		testpage_assert_has(&r, described);
		snprintf(kept, sizeof kept, "name=\"value\" type=\"text\" inputmode=\"decimal\" value=\"%s\"", cases[i].value);
		testpage_assert_has(&r, kept);
		snprintf(kept, sizeof kept, "value=\"%s\"", cases[i].day);
		testpage_assert_has(&r, kept);
		testpage_assert_has(&r, "<strong>0 / 5000 dollars</strong>"); /* the page around the form */
		testresp_free(&r);
	}
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM progress_entries"), 0);
	testuser_free(&a);
}
END_TEST

START_TEST(counter_reset_and_best_run)
{
	struct testuser a;
	testuser_init(&a, "a@example.org");
	struct form f = { "counter", "Days without alcohol", "", "days", NULL, "2026-04-29", NULL, "", "", "" };
	int64_t id = create(&a, &f, NULL);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM goals WHERE id = %lld AND kind = 'counter' AND target_value IS NULL"
				      " AND deadline IS NULL AND start_date = '2026-04-29'",
				      (long long)id),
			 1);
	char path[64];
	snprintf(path, sizeof path, "/goals/%lld/reset", (long long)id);
	struct testresp r;
	/* nothing to reset yet */
	testpage_post(&a, path, &r, "note", "Too early", NULL);
	testpage_assert_status(&r, 422, "reset at 0");
	testpage_assert_has(&r, "The count is already 0");
	testpage_assert_has(&r, "value=\"Too early\"");
	testresp_free(&r);
	post_entry(&a, id, "23", "2026-05-21", "", &r);
	testresp_free(&r);
	testpage_post(&a, path, &r, "note", testpage_repeat('x', 501), NULL);
	testpage_assert_status(&r, 422, "long reset note");
	testpage_assert_has(&r, "aria-describedby=\"reset_note-error\"");
	testresp_free(&r);
	testpage_post(&a, path, &r, "note", "Relapse - restarting count", NULL);
	snprintf(path, sizeof path, "/goals/%lld?saved=reset", (long long)id);
	testpage_assert_redirect(&r, path);
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM progress_entries WHERE goal_id = %lld AND value = -23 AND is_reset = 1"
				      " AND note = 'Relapse - restarting count'",
				      (long long)id),
			 1);
	post_entry(&a, id, "1", "2026-05-22", "Another sober day", &r);
	testresp_free(&r);
	get(&a, path, 200, &r);
	testpage_assert_has(&r, "The counter was reset. Your best run is kept.");
	testpage_assert_has(&r, "<dt>Best run</dt><dd>23 days</dd>");
	testpage_assert_has(&r, "<dt>Current</dt><dd>1 days</dd>");
	testpage_assert_has(&r, "<progress max=\"23\" value=\"1\"");
	testpage_assert_has(&r, "Reset from 23 days to 0");
	testpage_assert_has(&r, "<span class=\"badge\">Reset</span> Relapse - restarting count");
	testpage_assert_has(&r, "<dt>Counting since</dt><dd>2026-04-29</dd>");
	testresp_free(&r);
	/* a target goal has no reset; a counter no mapped tasks */
	int64_t target = create(&a, &save_form, NULL);
	snprintf(path, sizeof path, "/goals/%lld/reset", (long long)target);
	testpage_post(&a, path, &r, "note", "", NULL);
	testpage_assert_status(&r, 404, "reset of a target goal");
	testresp_free(&r);
	snprintf(path, sizeof path, "/goals/%lld/tasks", (long long)id);
	testpage_post(&a, path, &r, "task_id", "1", "weight", "1", NULL);
	testpage_assert_status(&r, 404, "mapping on a counter");
	testresp_free(&r);
	testuser_free(&a);
}
END_TEST

START_TEST(tasks_goal_fed_by_checkins)
{
	struct testuser a;
	testuser_init(&a, "a@example.org");
	int64_t gym = testpage_tracker(&a, "Gym", "daily");
	int64_t workout = testpage_quick_task(&a, gym, "Work out");
	int64_t stretch = testpage_quick_task(&a, gym, "Stretch");
	char task_text[32];
	snprintf(task_text, sizeof task_text, "%lld", (long long)workout);
	struct form f = { "tasks", "Gym 10 times this month", "", "times", "10", "2026-05-01", "2026-05-31", "completions", "",
			  "" };
	int64_t id = create(&a, &f, task_text);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM goal_tasks WHERE goal_id = %lld AND task_template_id = %lld"
				      " AND weight = 1",
				      (long long)id, (long long)workout),
			 1);
	/* check-ins on Today feed the goal at once */
	checkin(&a, workout, "2026-05-20", "done", NULL);
	checkin(&a, workout, "2026-05-21", "done", NULL);
	checkin(&a, workout, "2026-05-22", "done", NULL);
	ck_assert_int_eq(testpage_int("SELECT current_value FROM goals WHERE id = %lld", (long long)id), 3);
	char path[96];
	snprintf(path, sizeof path, "/goals/%lld", (long long)id);
	struct testresp r;
	get(&a, path, 200, &r);
	testpage_assert_has(&r, "<strong>3 / 10 times</strong>");
	testpage_assert_has(&r, "pace-behind\">Behind</span>"); /* 6.8 expected by now */
	testpage_assert_has(&r, ">Work out</a>");
	testpage_assert_has(&r, "Gym › Stretch");
	testresp_free(&r);
	/* link stretch at weight 0.5 */
	snprintf(path, sizeof path, "/goals/%lld/tasks", (long long)id);
	char stretch_text[32];
	snprintf(stretch_text, sizeof stretch_text, "%lld", (long long)stretch);
	testpage_post(&a, path, &r, "task_id", stretch_text, "weight", "0.5", NULL);
	char expected[96];
	snprintf(expected, sizeof expected, "/goals/%lld?saved=task#tasks", (long long)id);
	testpage_assert_redirect(&r, expected);
	testresp_free(&r);
	checkin(&a, stretch, "2026-05-22", "done", NULL);
	ck_assert_int_eq(testpage_int("SELECT current_value * 10 FROM goals WHERE id = %lld", (long long)id), 35);
	/* bad weights and tasks: 422 with what was typed, nothing changed */
	static const struct {
		const char *task, *weight, *field, *message;
	} bad[] = {
		{ "STRETCH", "1.5", "weight", "Enter a weight from 0 to 1" },
		{ "STRETCH", "-0.5", "weight", "Enter a weight from 0 to 1" },
		{ "STRETCH", "half", "weight", "Enter a weight from 0 to 1" },
		{ "", "1", "task_id", "Choose a task from the list." },
		{ "abc", "1", "task_id", "Choose a task from the list." },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		const char *task = strcmp(bad[i].task, "STRETCH") == 0 ? stretch_text : bad[i].task;
		testpage_post(&a, path, &r, "task_id", task, "weight", bad[i].weight, NULL);
		testpage_assert_status(&r, 422, bad[i].message);
		testpage_assert_has(&r, bad[i].message);
		char kept[96];
		snprintf(kept, sizeof kept, "aria-describedby=\"%s-error\"", bad[i].field);
		testpage_assert_has(&r, kept);
		snprintf(kept, sizeof kept, "name=\"weight\" type=\"text\" inputmode=\"decimal\" value=\"%s\"", bad[i].weight);
		testpage_assert_has(&r, kept);
		testresp_free(&r);
	}
	ck_assert_int_eq(testpage_int("SELECT weight * 10 FROM goal_tasks WHERE goal_id = %lld AND task_template_id = %lld",
				      (long long)id, (long long)stretch),
			 5);
	/* a deleted task cannot be linked; its mapping shows it no longer counts */
	char del[96];
	snprintf(del, sizeof del, "/trackers/%lld/tasks/%lld/delete", (long long)gym, (long long)stretch);
	testpage_post(&a, del, &r, NULL);
	testpage_assert_status(&r, 303, "task delete");
	testresp_free(&r);
	testpage_post(&a, path, &r, "task_id", stretch_text, "weight", "1", NULL);
	testpage_assert_status(&r, 422, "deleted task");
	testpage_assert_has(&r, "This task was deleted. Choose another one.");
	testresp_free(&r);
	snprintf(path, sizeof path, "/goals/%lld", (long long)id);
	get(&a, path, 200, &r);
	testpage_assert_has(&r, "(deleted: no longer counts)");
	testpage_assert_has(&r, "<strong>3 / 10 times</strong>"); /* the page recomputed */
	testresp_free(&r);
	/* remove a mapping; removing it again is 404 */
	snprintf(path, sizeof path, "/goals/%lld/tasks/%lld/delete", (long long)id, (long long)workout);
	testpage_post(&a, path, &r, NULL);
	testpage_assert_status(&r, 303, "remove mapping");
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT current_value FROM goals WHERE id = %lld", (long long)id), 0);
	testpage_post(&a, path, &r, NULL);
	testpage_assert_status(&r, 404, "remove mapping twice");
	testresp_free(&r);
	/* entries belong to target and counter goals only */
	post_entry(&a, id, "1", "2026-05-22", "", &r);
	testpage_assert_status(&r, 404, "entry on a tasks goal");
	testresp_free(&r);
	testuser_free(&a);
}
END_TEST

START_TEST(period_goal_weekly_deep_work)
{
	struct testuser a;
	testuser_init(&a, "a@example.org");
	int64_t work = testpage_tracker(&a, "Work", "daily");
	/* a measure task "at least 120 minutes" through the full task form */
	char path[96];
	snprintf(path, sizeof path, "/trackers/%lld/tasks", (long long)work);
	struct testresp r;
	testpage_post(&a, path, &r, "name", "Deep work", "kind", "measure", "target_value", "120", "direction", "at_least",
		      "unit", "minutes", "points", "1", "weight", "1", "time_of_day", "any", "schedule_kind", "every_period",
		      "difficulty", "3", "priority", "normal", "counts_toward_goals", "1", "status", "active", NULL);
	testpage_assert_status(&r, 303, "measure task");
	testresp_free(&r);
	int64_t deep = testpage_int("SELECT id FROM task_templates WHERE name = 'Deep work' AND kind = 'measure'");
	ck_assert_int_gt(deep, 0);
	char deep_text[32];
	snprintf(deep_text, sizeof deep_text, "%lld", (long long)deep);
	struct form f = { "period", "Deep work", "", "minutes", "600", "2026-05-11", "", "amount", "week", "" };
	int64_t id = create(&a, &f, deep_text);
	/* last week: 300 minutes; this week so far: 360 */
	checkin(&a, deep, "2026-05-11", "todo", "100");
	checkin(&a, deep, "2026-05-12", "todo", "100");
	checkin(&a, deep, "2026-05-13", "todo", "100");
	checkin(&a, deep, "2026-05-18", "todo", "120");
	checkin(&a, deep, "2026-05-19", "todo", "120");
	checkin(&a, deep, "2026-05-20", "todo", "120");
	snprintf(path, sizeof path, "/goals/%lld", (long long)id);
	get(&a, path, 200, &r);
	testpage_assert_has(&r, "This week <span class=\"hint\">(2026-05-18 – 2026-05-24)</span>");
	testpage_assert_has(&r, "<strong>360 / 600 minutes</strong>");
	testpage_assert_has(&r, "<dd>600 minutes a week</dd>");
	testpage_assert_has(&r, "pace-on-track\">On track</span>");
	testpage_assert_has(&r, "0 of 1 finished week reached the target.");
	testpage_assert_has(&r, "<td>2026-05-11 – 2026-05-17</td><td>300 minutes</td><td>600 minutes</td><td>50%</td>");
	testresp_free(&r);
	/* the list shows the current week */
	get(&a, "/goals", 200, &r);
	testpage_assert_has(&r, "This week:</span> <strong>360 / 600 minutes</strong>");
	testresp_free(&r);
	/* a week later, without any check-in: this week is snapshotted, the new one is empty */
	testapp_advance(&testpage_app, 3 * 86400);
	get(&a, path, 200, &r);
	testpage_assert_has(&r, "0 of 2 finished weeks reached the target.");
	testpage_assert_has(&r, "<td>2026-05-18 – 2026-05-24</td><td>360 minutes</td>");
	testpage_assert_has(&r, "<strong>0 / 600 minutes</strong>");
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM goal_period_snapshots WHERE goal_id = %lld", (long long)id), 2);
	testuser_free(&a);
}
END_TEST

START_TEST(edit_raises_target_after_achievement)
{
	struct testuser a;
	testuser_init(&a, "a@example.org");
	struct form f = { "target", "Meditate", "", "sessions", "21", "", "2026-12-31", "", "", "" };
	int64_t id = create(&a, &f, NULL);
	struct testresp r;
	post_entry(&a, id, "21", "2026-05-22", "", &r);
	testresp_free(&r);
	char path[64];
	snprintf(path, sizeof path, "/goals/%lld/edit", (long long)id);
	get(&a, path, 200, &r);
	testpage_assert_has(&r, "<h1>Edit Meditate</h1>");
	testpage_assert_has(&r, "name=\"target_value\" type=\"text\" inputmode=\"decimal\" value=\"21\"");
	testpage_assert_has(&r, "value=\"2026-05-22\""); /* the start date set at creation */
	testpage_assert_lacks(&r, "name=\"task_ids\"");
	testresp_free(&r);
	snprintf(path, sizeof path, "/goals/%lld", (long long)id);
	f.target_value = "30";
	post_form(&a, path, &f, NULL, &r);
	char expected[64];
	snprintf(expected, sizeof expected, "/goals/%lld?saved=changes", (long long)id);
	testpage_assert_redirect(&r, expected);
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM goals WHERE id = %lld AND status = 'active' AND target_value = 30"
				      " AND achieved_at IS NULL",
				      (long long)id),
			 1);
	get(&a, expected, 200, &r);
	testpage_assert_has(&r, "Your changes were saved.");
	testpage_assert_has(&r, "Target changed from 21 sessions to 30 sessions");
	testpage_assert_has(&r, "Achieved → Active");
	testpage_assert_has(&r, "The target changed.");
	testresp_free(&r);
	/* bad edits: 422, nothing changed; the kind cannot change through the form */
	f.target_value = "0";
	post_form(&a, path, &f, NULL, &r);
	testpage_assert_status(&r, 422, "edit target 0");
	testpage_assert_has(&r, "Enter a target above 0.");
	testpage_assert_has(&r, "<h1>Edit Meditate</h1>");
	testresp_free(&r);
	f.target_value = "30";
	f.deadline = "2026-05-01";
	post_form(&a, path, &f, NULL, &r);
	testpage_assert_status(&r, 422, "edit past deadline");
	testpage_assert_has(&r, "The deadline has passed.");
	testresp_free(&r);
	f.deadline = "2026-12-31";
	f.kind = "counter";
	post_form(&a, path, &f, NULL, &r);
	testpage_assert_status(&r, 303, "kind field ignored");
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM goals WHERE id = %lld AND kind = 'target' AND target_value = 30",
				      (long long)id),
			 1);
	testuser_free(&a);
}
END_TEST

START_TEST(status_filters_deadline_and_delete)
{
	struct testuser a;
	testuser_init(&a, "a@example.org");
	struct form f = { "target", "Run 100 km", "", "km", "100", "", "2026-05-25", "", "", "" };
	int64_t run = create(&a, &f, NULL);
	f.name = "Learn words";
	f.deadline = "2026-12-31";
	int64_t words = create(&a, &f, NULL);
	char path[64];
	struct testresp r;
	snprintf(path, sizeof path, "/goals/%lld/status", (long long)words);
	testpage_post(&a, path, &r, "action", "abandon", NULL);
	testpage_assert_status(&r, 303, "abandon");
	testresp_free(&r);
	testpage_post(&a, path, &r, "action", "explode", NULL);
	testpage_assert_status(&r, 400, "unknown action");
	testresp_free(&r);
	snprintf(path, sizeof path, "/goals/%lld", (long long)words);
	get(&a, path, 200, &r);
	testpage_assert_has(&r, "status-abandoned\">Abandoned</span>");
	testpage_assert_has(&r, "value=\"reactivate\">Take it up again</button>");
	testpage_assert_has(&r, "Active → Abandoned");
	testresp_free(&r);
	get(&a, "/goals?status=abandoned", 200, &r);
	testpage_assert_has(&r, ">Learn words</a>");
	testpage_assert_lacks(&r, ">Run 100 km</a>");
	testresp_free(&r);
	get(&a, "/goals?status=achieved", 200, &r);
	testpage_assert_has(&r, "No achieved goals.");
	testresp_free(&r);
	/* the deadline passes: the list says failed without any other change */
	testapp_advance(&testpage_app, 4 * 86400);
	get(&a, "/goals?status=failed", 200, &r);
	testpage_assert_has(&r, ">Run 100 km</a>");
	testpage_assert_has(&r, "status-failed\">Failed</span>");
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM goals WHERE id = %lld AND status = 'failed'", (long long)run), 1);
	/* reactivate; delete */
	snprintf(path, sizeof path, "/goals/%lld/status", (long long)words);
	testpage_post(&a, path, &r, "action", "reactivate", NULL);
	testpage_assert_status(&r, 303, "reactivate");
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM goals WHERE id = %lld AND status = 'active'", (long long)words), 1);
	snprintf(path, sizeof path, "/goals/%lld/delete", (long long)run);
	testpage_post(&a, path, &r, NULL);
	testpage_assert_redirect(&r, "/goals?deleted=1");
	testresp_free(&r);
	get(&a, "/goals?deleted=1", 200, &r);
	testpage_assert_has(&r, "The goal was deleted.");
	testpage_assert_lacks(&r, "Run 100 km");
	testresp_free(&r);
	snprintf(path, sizeof path, "/goals/%lld", (long long)run);
	get(&a, path, 404, &r);
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM goals WHERE id = %lld AND deleted_at IS NOT NULL", (long long)run), 1);
	testuser_free(&a);
}
END_TEST

/* Asserts that method path answers 404 for w (POSTs carry fields every goal form takes). */
static void assert_404(struct testuser *w, const char *method, const char *path)
{
	struct testresp r;
	if (strcmp(method, "GET") == 0)
		testpage_get(w, path, &r);
	else
		testpage_post(w, path, &r, "kind", "target", "name", "Hijacked", "target_value", "1", "deadline", "2026-12-31",
			      "value", "5", "day", "2026-05-22", "note", "x", "task_id", "1", "weight", "1", "action",
			      "abandon", NULL);
	ck_assert_msg(r.status == 404, "%s %s answered %d", method, path, r.status);
	testresp_free(&r);
}

START_TEST(other_users_ids_are_404)
{
	struct testuser a, b;
	testuser_init(&a, "a@example.org");
	testuser_init(&b, "b@example.org");
	/* b's counter, tasks goal, task and category */
	struct form counter = { "counter", "Their counter", "", "days", NULL, "", NULL, "", "", "" };
	int64_t theirs = create(&b, &counter, NULL);
	struct testresp r;
	post_entry(&b, theirs, "5", "2026-05-22", "", &r);
	testresp_free(&r);
	int64_t their_tracker = testpage_tracker(&b, "Theirs", "daily");
	int64_t their_task = testpage_quick_task(&b, their_tracker, "Their task");
	char their_task_text[32];
	snprintf(their_task_text, sizeof their_task_text, "%lld", (long long)their_task);
	struct form tasks = { "tasks", "Their tasks", "", "", "5", "", "", "completions", "", "" };
	int64_t their_tasks = create(&b, &tasks, their_task_text);
	testpage_post(&b, "/categories", &r, "name", "Secret", "color", "#000000", NULL);
	testresp_free(&r);
	int64_t cat = testpage_int("SELECT id FROM categories WHERE name = 'Secret'");
	/* a's own tasks goal */
	struct form my_tasks = tasks;
	my_tasks.name = "My tasks";
	int64_t mine = create(&a, &my_tasks, NULL);
	int64_t goals = testpage_int("SELECT count(*) FROM goals"), entries = testpage_int("SELECT count(*) FROM progress_entries");
	int64_t events = testpage_int("SELECT count(*) FROM goal_events");

	char path[96];
	static const char *const gets[] = { "/goals/%lld", "/goals/%lld/edit" };
	static const char *const posts[] = { "/goals/%lld", "/goals/%lld/entries", "/goals/%lld/reset", "/goals/%lld/status",
					     "/goals/%lld/delete" };
	for (size_t i = 0; i < sizeof gets / sizeof gets[0]; i++) {
		snprintf(path, sizeof path, gets[i], (long long)theirs);
		assert_404(&a, "GET", path);
	}
	for (size_t i = 0; i < sizeof posts / sizeof posts[0]; i++) {
		snprintf(path, sizeof path, posts[i], (long long)theirs);
		assert_404(&a, "POST", path);
	}
	snprintf(path, sizeof path, "/goals/%lld/tasks", (long long)their_tasks);
	assert_404(&a, "POST", path);
	snprintf(path, sizeof path, "/goals/%lld/tasks/%lld/delete", (long long)their_tasks, (long long)their_task);
	assert_404(&a, "POST", path);
	assert_404(&a, "GET", "/goals/999999");
	assert_404(&a, "POST", "/goals/999999/delete");
	/* their task on my goal, at creation or later; their category */
	snprintf(path, sizeof path, "/goals/%lld/tasks", (long long)mine);
	testpage_post(&a, path, &r, "task_id", their_task_text, "weight", "1", NULL);
	testpage_assert_status(&r, 404, "their task on my goal");
	testresp_free(&r);
	post_form(&a, "/goals", &tasks, their_task_text, &r);
	testpage_assert_status(&r, 404, "their task in the create form");
	testresp_free(&r);
	struct form with_cat = save_form;
	char cat_text[32];
	snprintf(cat_text, sizeof cat_text, "%lld", (long long)cat);
	with_cat.category_id = cat_text;
	post_form(&a, "/goals", &with_cat, NULL, &r);
	testpage_assert_status(&r, 404, "their category");
	testresp_free(&r);

	/* nothing changed */
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM goals"), goals);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM progress_entries"), entries);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM goal_events"), events);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM goal_tasks"), 1);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM goals WHERE id = %lld AND name = 'Their counter' AND status = 'active'"
				      " AND current_value = 5 AND deleted_at IS NULL",
				      (long long)theirs),
			 1);
	/* and none of it shows on a's pages */
	get(&a, "/goals", 200, &r);
	testpage_assert_lacks(&r, "Their counter");
	testpage_assert_lacks(&r, "Their tasks");
	testresp_free(&r);
	snprintf(path, sizeof path, "/goals/%lld", (long long)mine);
	get(&a, path, 200, &r);
	testpage_assert_lacks(&r, "Their task");
	testresp_free(&r);
	testuser_free(&a);
	testuser_free(&b);
}
END_TEST

static Suite *pages_goal_suite(void)
{
	Suite *s = suite_create("pages_goal");
	TCase *tc = tcase_create("goals");
	tcase_add_checked_fixture(tc, testpage_setup, testpage_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, empty_list_chooser_and_forms);
	tcase_add_test(tc, target_goal_page_entries_and_pace);
	tcase_add_test(tc, create_bad_input);
	tcase_add_test(tc, entry_bad_input);
	tcase_add_test(tc, counter_reset_and_best_run);
	tcase_add_test(tc, tasks_goal_fed_by_checkins);
	tcase_add_test(tc, period_goal_weekly_deep_work);
	tcase_add_test(tc, edit_raises_target_after_achievement);
	tcase_add_test(tc, status_filters_deadline_and_delete);
	tcase_add_test(tc, other_users_ids_are_404);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(pages_goal_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
