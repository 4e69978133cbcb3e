/* check_pages_task: request tests of the task template pages (issue 4, "Task templates",
 * "Tags and categories", "Bad input") — the form with every field, each kind of schedule
 * saved and described in words, measured tasks, edit, delete, restore and ordering, the
 * history page with the audit trail, the quick-add form and the tags page — every bad input
 * answering 422 with the typed values kept and nothing saved, a task under the wrong tracker
 * and another user's ids answering 404 with nothing changed. Users are made without a
 * password and given a session directly (no Argon2id). The clock stands at
 * 2026-05-22T00:00Z, a Friday; users are in UTC. */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "testpages.h"

/* The fields of a complete task form with ordinary values. */
static const char *const base_fields[][2] = {
	{ "name", "Stretch" },	      { "description", "" },	      { "points", "1" },
	{ "weight", "1" },	      { "time_of_day", "any" },	      { "kind", "check" },
	{ "target_value", "" },	      { "direction", "at_least" },    { "unit", "" },
	{ "schedule_kind", "every_period" }, { "interval_days", "2" }, { "anchor", "2026-05-22" },
	{ "times", "3" },	      { "window_days", "7" },	      { "difficulty", "3" },
	{ "priority", "normal" },     { "status", "active" },	      { "counts_toward_goals", "1" },
	{ "reminder_time", "" },
};
#define BASE_COUNT (sizeof base_fields / sizeof base_fields[0])

/* POSTs a complete task form to path as w, with the NULL-terminated name, value pairs
 * replacing the base values (a NULL value leaves the field out, as an unchecked checkbox;
 * "tags", "weekday_N" and "reminder_weekday_N" are added). */
static void post_task(struct testuser *w, const char *path, struct testresp *r, ...)
{
	const char *names[64], *values[64];
	size_t n = 0;
	for (size_t i = 0; i < BASE_COUNT; i++) {
		names[n] = base_fields[i][0];
		values[n++] = base_fields[i][1];
	}
	va_list ap;
	va_start(ap, r);
	const char *name;
	while ((name = va_arg(ap, const char *))) {
		const char *value = va_arg(ap, const char *);
		size_t k = 0;
		while (k < n && (strcmp(names[k], name) != 0 || strcmp(name, "tags") == 0))
			k++;
		ck_assert_uint_lt(k, 64);
		names[k] = name;
		values[k] = value;
		if (k == n)
			n++;
	}
	va_end(ap);
	testpage_post_fields(w, path, names, values, n, r);
}

/* "/trackers/<tracker>/tasks" plus suffix (static buffer). */
static const char *tasks_path(int64_t tracker, const char *suffix)
{
	static char path[128];
	snprintf(path, sizeof path, "/trackers/%lld/tasks%s", (long long)tracker, suffix);
	return path;
}

/* "/trackers/<tracker>/tasks/<task>" plus suffix (static buffer). */
static const char *task_path(int64_t tracker, int64_t task, const char *suffix)
{
	static char path[128];
	snprintf(path, sizeof path, "/trackers/%lld/tasks/%lld%s", (long long)tracker, (long long)task, suffix);
	return path;
}

/* GETs tracker id's page as w into r. */
static void get_tracker(struct testuser *w, int64_t id, struct testresp *r)
{
	char path[64];
	snprintf(path, sizeof path, "/trackers/%lld", (long long)id);
	testpage_get(w, path, r);
	testpage_assert_status(r, 200, "tracker page");
}


/* ---- the form and the schedules ---- */

START_TEST(new_form_shows_every_field)
{
	struct testuser a;
	testuser_init(&a, "a@example.org");
	int64_t id = testpage_tracker(&a, "Morning", "daily");
	struct testresp r;
	testpage_post(&a, "/tags", &r, "name", "Body", "color", "#aa0000", NULL);
	testresp_free(&r);
	testpage_get(&a, tasks_path(id, "/new"), &r);
	testpage_assert_status(&r, 200, "new task form");
	testpage_assert_has(&r, "<h1>New task in Morning</h1>");
	testpage_assert_has(&r, "<input type=\"hidden\" name=\"csrf\" value=\"");
	testpage_assert_has(&r, "name=\"name\" type=\"text\" value=\"\" maxlength=\"100\"");
	testpage_assert_has(&r, "maxlength=\"2000\"");
	testpage_assert_has(&r, "name=\"unit\" type=\"text\" value=\"\" maxlength=\"20\"");
	for (int d = 0; d < 7; d++) {
		char box[64];
		snprintf(box, sizeof box, "name=\"weekday_%d\" value=\"1\" checked", d);
		testpage_assert_has(&r, box);
		snprintf(box, sizeof box, "name=\"reminder_weekday_%d\"", d);
		testpage_assert_has(&r, box);
	}
	static const char *const kinds[] = { "every_period", "weekdays", "every_n_days", "times_per_period",
					     "times_in_days" };
	for (size_t i = 0; i < 5; i++) {
		char option[64];
		snprintf(option, sizeof option, "<option value=\"%s\"", kinds[i]);
		testpage_assert_has(&r, option);
	}
	testpage_assert_has(&r, "name=\"interval_days\" type=\"number\"");
	testpage_assert_has(&r, "name=\"anchor\" type=\"date\" value=\"2026-05-22\"");
	testpage_assert_has(&r, "name=\"times\" type=\"number\"");
	testpage_assert_has(&r, "name=\"window_days\" type=\"number\"");
	testpage_assert_has(&r, "name=\"tags\" value=\"");
	testpage_assert_has(&r, "> Body</label>");
	testpage_assert_has(&r, "name=\"counts_toward_goals\" value=\"1\" checked");
	testpage_assert_has(&r, "name=\"reminder_time\" type=\"time\"");
	testpage_assert_has(&r, "<details class=\"more\">");
	char *points = testhtml_input(r.body, "points");
	ck_assert_str_eq(points, "1");
	free(points);
	char *kind = testhtml_selected(r.body, "schedule_kind");
	ck_assert_str_eq(kind, "every_period");
	free(kind);
	testpage_assert_lacks(&r, "style=");
	testresp_free(&r);
	testuser_free(&a);
}
END_TEST

/* Creates a task in tracker with the schedule fields given and asserts the words on the
 * tracker page and one row matching where (SQL on task_templates). */
static void schedule_case(struct testuser *w, int64_t tracker, const char *name, const char *words, const char *where,
			  const char *kind, const char *f1, const char *v1, const char *f2, const char *v2,
			  const char *f3, const char *v3)
{
	struct testresp r;
	post_task(w, tasks_path(tracker, ""), &r, "name", name, "schedule_kind", kind, f1, v1, f2, v2, f3, v3, NULL);
	char expected[80];
	snprintf(expected, sizeof expected, "/trackers/%lld?saved=task", (long long)tracker);
	ck_assert_msg(r.status == 303, "%s: %d\n%.3000s", name, r.status, strstr(r.body, "<main") ? strstr(r.body, "<main") : r.body);
	testpage_assert_redirect(&r, expected);
	testresp_free(&r);
	ck_assert_msg(testpage_int("SELECT count(*) FROM task_templates WHERE name = '%s' AND schedule_kind = '%s' AND %s", name, kind,
				   where) == 1,
		      "%s not saved as %s", name, where);
	get_tracker(w, tracker, &r);
	char h[160];
	snprintf(h, sizeof h, ">%s</a></h3>", name);
	testpage_assert_has(&r, h);
	const char *at = strstr(r.body, h);
	char line[160];
	snprintf(line, sizeof line, "<dd>%s · ", words);
	ck_assert_msg(strstr(at, line) != NULL, "'%s' not described as '%s':\n%.1500s", name, words, at);
	testresp_free(&r);
}

START_TEST(each_schedule_saved_and_described)
{
	struct testuser a;
	testuser_init(&a, "a@example.org");
	int64_t daily = testpage_tracker(&a, "Daily things", "daily");
	int64_t weekly = testpage_tracker(&a, "Weekly things", "weekly");
	int64_t monthly = testpage_tracker(&a, "Monthly things", "monthly");
	schedule_case(&a, daily, "Walk", "Every day", "schedule_weekdays = 127", "every_period", "x", "", "y", "", "z", "");
	/* the checkboxes not sent are unchecked */
	schedule_case(&a, daily, "Gym", "Mon, Wed, Fri", "schedule_weekdays = 21", "weekdays", "weekday_0", "1",
		      "weekday_2", "1", "weekday_4", "1");
	schedule_case(&a, daily, "Water plants", "Every 3 days from 2026-11-01",
		      "schedule_interval_days = 3 AND schedule_anchor = '2026-11-01'", "every_n_days", "interval_days", "3",
		      "anchor", "2026-11-01", "z", "");
	schedule_case(&a, daily, "Swim", "3 times a week", "schedule_times = 3 AND schedule_window_days IS NULL",
		      "times_per_period", "times", "3", "z", "", "y", "");
	schedule_case(&a, daily, "Run", "4 times in any 7 days", "schedule_times = 4 AND schedule_window_days = 7",
		      "times_in_days", "times", "4", "window_days", "7", "z", "");
	schedule_case(&a, weekly, "Review", "Every week", "1", "every_period", "x", "", "y", "", "z", "");
	schedule_case(&a, weekly, "Cook", "3 times a week", "schedule_times = 3", "times_per_period", "times", "3", "y", "",
		      "z", "");
	schedule_case(&a, monthly, "Call home", "10 times a month", "schedule_times = 10", "times_per_period", "times",
		      "10", "y", "", "z", "");
	schedule_case(&a, monthly, "Budget", "Once in any 30 days", "schedule_times = 1 AND schedule_window_days = 30",
		      "times_in_days", "times", "1", "window_days", "30", "z", "");

	/* the edit form shows the stored schedule */
	int64_t gym = testpage_int("SELECT id FROM task_templates WHERE name = 'Gym'");
	struct testresp r;
	testpage_get(&a, task_path(daily, gym, "/edit"), &r);
	testpage_assert_status(&r, 200, "edit gym");
	char *kind = testhtml_selected(r.body, "schedule_kind");
	ck_assert_str_eq(kind, "weekdays");
	free(kind);
	testpage_assert_has(&r, "name=\"weekday_0\" value=\"1\" checked");
	testpage_assert_has(&r, "name=\"weekday_1\" value=\"1\"> Tuesday");
	testpage_assert_has(&r, "name=\"weekday_2\" value=\"1\" checked");
	testresp_free(&r);
	int64_t plants = testpage_int("SELECT id FROM task_templates WHERE name = 'Water plants'");
	testpage_get(&a, task_path(daily, plants, "/edit"), &r);
	char *interval = testhtml_input(r.body, "interval_days"), *anchor = testhtml_input(r.body, "anchor");
	ck_assert_str_eq(interval, "3");
	ck_assert_str_eq(anchor, "2026-11-01");
	free(interval);
	free(anchor);
	testresp_free(&r);
	testuser_free(&a);
}
END_TEST

START_TEST(every_field_saved_and_shown)
{
	struct testuser a;
	testuser_init(&a, "a@example.org");
	int64_t id = testpage_tracker(&a, "Health", "daily");
	struct testresp r;
	testpage_post(&a, "/tags", &r, "name", "Body", "color", "#aa0000", NULL);
	testresp_free(&r);
	testpage_post(&a, "/tags", &r, "name", "Mind", "color", "#0000aa", NULL);
	testresp_free(&r);
	char body[32], mind[32];
	snprintf(body, sizeof body, "%lld", (long long)testpage_int("SELECT id FROM tags WHERE name = 'Body'"));
	snprintf(mind, sizeof mind, "%lld", (long long)testpage_int("SELECT id FROM tags WHERE name = 'Mind'"));
	post_task(&a, tasks_path(id, ""), &r, "name", "Drink water", "description", "Big glasses", "points", "5", "weight",
		  "2.5", "time_of_day", "morning", "kind", "measure", "target_value", "8", "direction", "at_least", "unit",
		  "glasses", "difficulty", "4", "priority", "high", "status", "paused", "counts_toward_goals", NULL,
		  "reminder_time", "08:00", "reminder_weekday_0", "1", "reminder_weekday_1", "1", "tags", body, "tags", mind,
		  "tags", body, NULL);
	testpage_assert_status(&r, 303, "full task");
	testresp_free(&r);
	int64_t task = testpage_int("SELECT id FROM task_templates WHERE name = 'Drink water'");
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM task_templates WHERE id = %lld AND description = 'Big glasses' AND points "
				      "= 5 AND weight = 2.5 AND time_of_day = 'morning' AND kind = 'measure' AND target_value = 8 "
				      "AND target_direction = 'at_least' AND unit = 'glasses' AND difficulty = 4 AND priority = "
				      "'high' AND status = 'paused' AND counts_toward_goals = 0 AND reminder_minute = 480 AND "
				      "reminder_weekdays = 3",
				      (long long)task),
			 1);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM template_tags WHERE task_template_id = %lld", (long long)task), 2);

	get_tracker(&a, id, &r);
	testpage_assert_has(&r, ">Drink water</a> <span class=\"hint\">(Paused)</span>");
	testpage_assert_has(&r, "<dd>Every day · Morning</dd>");
	testpage_assert_has(&r, "<dd>At least 8 glasses</dd>");
	testpage_assert_has(&r, "<dd>5</dd>");
	testpage_assert_has(&r, "<dd>08:00 on Mon, Tue</dd>");
	testpage_assert_has(&r, "> Body</span>");
	testpage_assert_has(&r, "> Mind</span>");
	testpage_assert_has(&r, "Big glasses");
	testresp_free(&r);

	/* the edit form round-trips every value */
	testpage_get(&a, task_path(id, task, "/edit"), &r);
	testpage_assert_status(&r, 200, "edit");
	static const char *const inputs[][2] = { { "name", "Drink water" }, { "points", "5" },	   { "weight", "2.5" },
						 { "target_value", "8" },	  { "unit", "glasses" }, { "reminder_time", "08:00" } };
	for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
		char *v = testhtml_input(r.body, inputs[i][0]);
		ck_assert_msg(v && strcmp(v, inputs[i][1]) == 0, "%s is %s", inputs[i][0], v ? v : "(none)");
		free(v);
	}
	static const char *const selects[][2] = { { "kind", "measure" },     { "direction", "at_least" }, { "time_of_day", "morning" },
						  { "difficulty", "4" },      { "priority", "high" },	  { "status", "paused" } };
	for (size_t i = 0; i < sizeof selects / sizeof selects[0]; i++) {
		char *v = testhtml_selected(r.body, selects[i][0]);
		ck_assert_msg(v && strcmp(v, selects[i][1]) == 0, "%s is %s", selects[i][0], v ? v : "(none)");
		free(v);
	}
	testpage_assert_has(&r, ">Big glasses</textarea>");
	testpage_assert_lacks(&r, "name=\"counts_toward_goals\" value=\"1\" checked");
	testpage_assert_has(&r, "name=\"reminder_weekday_1\" value=\"1\" checked");
	testpage_assert_has(&r, "name=\"reminder_weekday_2\" value=\"1\">");
	char tag_box[64];
	snprintf(tag_box, sizeof tag_box, "name=\"tags\" value=\"%s\" checked", mind);
	testpage_assert_has(&r, tag_box);
	testresp_free(&r);

	/* an edit replaces every field (and the tags) */
	post_task(&a, task_path(id, task, ""), &r, "name", "Drink more water", "tags", body, NULL);
	char expected[80];
	snprintf(expected, sizeof expected, "/trackers/%lld?saved=task", (long long)id);
	testpage_assert_redirect(&r, expected);
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM task_templates WHERE id = %lld AND name = 'Drink more water' AND kind = "
				      "'check' AND status = 'active' AND reminder_minute IS NULL AND counts_toward_goals = 1",
				      (long long)task),
			 1);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM template_tags WHERE task_template_id = %lld", (long long)task), 1);
	testuser_free(&a);
}
END_TEST

/* Posts the task form (to path) with the given overrides (up to 3 pairs, NULL-padded) and
 * asserts 422, the message, the field's error next to it, kept (when not NULL) and no new or
 * changed task (the count and the fingerprint of the table stay). */
static void bad_task(struct testuser *w, const char *path, const char *field, const char *message, const char *kept,
		     const char *f1, const char *v1, const char *f2, const char *v2, const char *f3, const char *v3)
{
	int64_t count = testpage_int("SELECT count(*) FROM task_templates");
	int64_t print = testpage_int("SELECT total(length(name) + points + weight + difficulty) FROM task_templates");
	struct testresp r;
	post_task(w, path, &r, "description", "typed description", f1, v1, f2, v2, f3, v3, NULL);
	testpage_assert_status(&r, 422, message);
	testpage_assert_has(&r, message);
	char id[64];
	snprintf(id, sizeof id, "id=\"%s-error\"", field);
	testpage_assert_has(&r, id);
	if (kept)
		testpage_assert_has(&r, kept);
	testpage_assert_has(&r, ">typed description</textarea>");
	testpage_assert_has(&r, "Nothing was saved.");
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM task_templates"), count);
	ck_assert_int_eq(testpage_int("SELECT total(length(name) + points + weight + difficulty) FROM task_templates"), print);
}

/* Every bad input of the task form, on create (path) and on edit. */
static void bad_inputs(struct testuser *w, const char *path)
{
	char long_name[102], long_unit[22];
	memset(long_name, 'n', 101);
	long_name[101] = '\0';
	memset(long_unit, 'u', 21);
	long_unit[21] = '\0';
	bad_task(w, path, "name", "Enter a name.", NULL, "name", "  ", "x", "", "y", "");
	bad_task(w, path, "name", "Use at most 100 characters for the name.", long_name, "name", long_name, "x", "", "y", "");
	bad_task(w, path, "points", "Points cannot be negative.", "value=\"-3\"", "points", "-3", "x", "", "y", "");
	bad_task(w, path, "points", "Enter a whole number of points, like 1.", "value=\"abc\"", "points", "abc", "x", "",
		 "y", "");
	bad_task(w, path, "points", "Enter a whole number of points, like 1.", "value=\"1.5\"", "points", "1.5", "x", "",
		 "y", "");
	bad_task(w, path, "weight", "Enter a number, like 1 or 0.5.", "value=\"heavy\"", "weight", "heavy", "x", "", "y",
		 "");
	bad_task(w, path, "weight", "The weight must be a number above 0.", "value=\"0\"", "weight", "0", "x", "", "y", "");
	bad_task(w, path, "target_value", "Enter the target as a number, like 8.", "value=\"lots\"", "kind", "measure",
		 "target_value", "lots", "y", "");
	bad_task(w, path, "target_value", "A measured task needs a target of 0 or more.", "value=\"-1\"", "kind",
		 "measure", "target_value", "-1", "y", "");
	bad_task(w, path, "unit", "Use at most 20 characters for the unit.", long_unit, "unit", long_unit, "x", "", "y", "");
	bad_task(w, path, "weekdays", "Choose at least one weekday.", NULL, "schedule_kind", "weekdays", "x", "", "y", "");
	bad_task(w, path, "interval_days", "The interval must be between 1 and 365 days.", "value=\"0\"", "schedule_kind",
		 "every_n_days", "interval_days", "0", "y", "");
	bad_task(w, path, "interval_days", "Enter a whole number of days, like 3.", "value=\"often\"", "schedule_kind",
		 "every_n_days", "interval_days", "often", "y", "");
	bad_task(w, path, "anchor", "Enter the first day it is due", "value=\"2026-13-01\"", "schedule_kind",
		 "every_n_days", "anchor", "2026-13-01", "y", "");
	bad_task(w, path, "times", "In a daily tracker the number of times is per week: at most 7.", "value=\"8\"",
		 "schedule_kind", "times_per_period", "times", "8", "y", "");
	bad_task(w, path, "times", "The number of times cannot be more than the number of days.", "value=\"8\"",
		 "schedule_kind", "times_in_days", "times", "8", "window_days", "7");
	bad_task(w, path, "window_days", "The number of days must be between 1 and 365.", "value=\"400\"",
		 "schedule_kind", "times_in_days", "times", "2", "window_days", "400");
	bad_task(w, path, "schedule", "Choose how often the task is due.", NULL, "schedule_kind", "hourly", "x", "", "y",
		 "");
	bad_task(w, path, "difficulty", "Choose a difficulty from 1 to 5.", NULL, "difficulty", "9", "x", "", "y", "");
	bad_task(w, path, "reminder_time", "Enter a time like 08:00, or leave it empty.", "value=\"25:00\"",
		 "reminder_time", "25:00", "x", "", "y", "");
	bad_task(w, path, "status", "Choose active, paused or archived.", NULL, "status", "done", "x", "", "y", "");
	/* several problems at once, each next to its field */
	bad_task(w, path, "points", "Points cannot be negative.", NULL, "name", "", "points", "-1", "weight", "x");
	struct testresp r;
	post_task(w, path, &r, "name", "", "points", "-1", "weight", "x", NULL);
	testpage_assert_has(&r, "Enter a name.");
	testpage_assert_has(&r, "Enter a number, like 1 or 0.5.");
	testresp_free(&r);
}

START_TEST(bad_input_on_create_and_edit)
{
	struct testuser a;
	testuser_init(&a, "a@example.org");
	int64_t id = testpage_tracker(&a, "Health", "daily");
	char create[128];
	snprintf(create, sizeof create, "%s", tasks_path(id, ""));
	bad_inputs(&a, create);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM task_templates"), 0);
	/* the description is long in its own case */
	struct testresp r;
	post_task(&a, create, &r, "description", testpage_repeat('d', 2001), NULL);
	testpage_assert_status(&r, 422, "long description");
	testpage_assert_has(&r, "Use at most 2000 characters for the description.");
	testresp_free(&r);
	/* quick add with no name */
	testpage_post(&a, create, &r, "quick", "1", "name", "", NULL);
	testpage_assert_status(&r, 422, "quick add");
	testpage_assert_has(&r, "Enter a name.");
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM task_templates"), 0);

	int64_t task = testpage_quick_task(&a, id, "Stretch");
	char edit[128];
	snprintf(edit, sizeof edit, "%s", task_path(id, task, ""));
	bad_inputs(&a, edit);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM task_templates WHERE name = 'Stretch' AND points = 1"), 1);
	testuser_free(&a);
}
END_TEST

START_TEST(quick_add_uses_defaults)
{
	struct testuser a;
	testuser_init(&a, "a@example.org");
	int64_t id = testpage_tracker(&a, "Morning", "daily");
	struct testresp r;
	get_tracker(&a, id, &r);
	testpage_assert_has(&r, "This tracker has no tasks yet.");
	testpage_assert_has(&r, "name=\"quick\" value=\"1\"");
	testresp_free(&r);
	int64_t task = testpage_quick_task(&a, id, "Make the bed");
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM task_templates WHERE id = %lld AND name = 'Make the bed' AND points = 1 "
				      "AND weight = 1 AND kind = 'check' AND schedule_kind = 'every_period' AND difficulty = 3 AND "
				      "priority = 'normal' AND counts_toward_goals = 1 AND status = 'active' AND reminder_minute IS NULL",
				      (long long)task),
			 1);
	get_tracker(&a, id, &r);
	testpage_assert_has(&r, ">Make the bed</a></h3>");
	testpage_assert_has(&r, "<dd>Every day · Any time</dd>");
	testpage_assert_has(&r, "<dd>Check it off</dd>");
	testresp_free(&r);
	testuser_free(&a);
}
END_TEST

/* The order of three names in the body of tracker id's page. */
static void assert_task_order(struct testuser *w, int64_t id, const char *first, const char *second, const char *third)
{
	struct testresp r;
	get_tracker(w, id, &r);
	char n1[64], n2[64], n3[64];
	snprintf(n1, sizeof n1, ">%s</a></h3>", first);
	snprintf(n2, sizeof n2, ">%s</a></h3>", second);
	snprintf(n3, sizeof n3, ">%s</a></h3>", third);
	const char *p1 = strstr(r.body, n1), *p2 = strstr(r.body, n2), *p3 = strstr(r.body, n3);
	ck_assert_msg(p1 && p2 && p3 && p1 < p2 && p2 < p3, "order is not %s, %s, %s", first, second, third);
	testresp_free(&r);
}

START_TEST(delete_restore_and_move)
{
	struct testuser a;
	testuser_init(&a, "a@example.org");
	int64_t id = testpage_tracker(&a, "Morning", "daily");
	int64_t water = testpage_quick_task(&a, id, "Water");
	testpage_quick_task(&a, id, "Stretch");
	int64_t plan = testpage_quick_task(&a, id, "Plan");
	assert_task_order(&a, id, "Water", "Stretch", "Plan");
	struct testresp r;
	testpage_post(&a, task_path(id, plan, "/move"), &r, "direction", "up", NULL);
	char back[64];
	snprintf(back, sizeof back, "/trackers/%lld", (long long)id);
	testpage_assert_redirect(&r, back);
	testresp_free(&r);
	assert_task_order(&a, id, "Water", "Plan", "Stretch");
	testpage_post(&a, task_path(id, water, "/move"), &r, "direction", "down", NULL);
	testresp_free(&r);
	assert_task_order(&a, id, "Plan", "Water", "Stretch");
	testpage_post(&a, task_path(id, water, "/move"), &r, "direction", "left", NULL);
	testpage_assert_status(&r, 400, "bad direction");
	testresp_free(&r);

	/* a check-in, then the delete: the history stays */
	testpage_get(&a, "/", &r);
	testresp_free(&r);
	testpage_post(&a, task_path(id, water, "/delete"), &r, NULL);
	char expected[80];
	snprintf(expected, sizeof expected, "/trackers/%lld?saved=task_deleted", (long long)id);
	testpage_assert_redirect(&r, expected);
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM task_templates WHERE id = %lld AND deleted_at IS NOT NULL", (long long)water),
			 1);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM task_instances WHERE task_template_id = %lld AND deleted_at IS NULL",
				      (long long)water),
			 1);
	testpage_get(&a, expected, &r);
	testpage_assert_has(&r, "The task was deleted.");
	testpage_assert_lacks(&r, ">Water</a></h3>");
	testresp_free(&r);
	testpage_get(&a, task_path(id, water, "/edit"), &r);
	testpage_assert_status(&r, 404, "edit a deleted task");
	testresp_free(&r);
	testpage_get(&a, task_path(id, water, ""), &r);
	testpage_assert_status(&r, 200, "history of a deleted task");
	testpage_assert_has(&r, "This task was deleted.");
	testresp_free(&r);
	testpage_get(&a, "/trash", &r);
	testpage_assert_has(&r, ">Water</a>");
	testpage_assert_has(&r, ">Morning</a>");
	char action[160];
	snprintf(action, sizeof action, "action=\"%s\"", task_path(id, water, "/restore"));
	testpage_assert_has(&r, action);
	testresp_free(&r);

	testpage_post(&a, task_path(id, water, "/restore"), &r, NULL);
	testpage_assert_redirect(&r, "/trash?task_restored=1");
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM task_templates WHERE id = %lld AND deleted_at IS NULL", (long long)water), 1);
	testpage_get(&a, "/trash?task_restored=1", &r);
	testpage_assert_has(&r, "The task was restored.");
	testpage_assert_has(&r, "No deleted tasks.");
	testresp_free(&r);
	testpage_post(&a, task_path(id, water, "/restore"), &r, NULL);
	testpage_assert_status(&r, 404, "restore a live task");
	testresp_free(&r);
	testuser_free(&a);
}
END_TEST

START_TEST(history_shows_the_audit_trail)
{
	struct testuser a;
	testuser_init(&a, "a@example.org");
	int64_t id = testpage_tracker(&a, "Health", "daily");
	int64_t task = testpage_quick_task(&a, id, "Stretch");
	struct testresp r;
	post_task(&a, tasks_path(id, ""), &r, "name", "Water", "kind", "measure", "target_value", "8", "unit", "glasses",
		  NULL);
	testresp_free(&r);
	int64_t water = testpage_int("SELECT id FROM task_templates WHERE name = 'Water'");

	testpage_get(&a, task_path(id, task, ""), &r);
	testpage_assert_status(&r, 200, "empty history");
	testpage_assert_has(&r, "<h1>Stretch</h1>");
	testpage_assert_has(&r, "Nothing has been checked in for this task yet.");
	testpage_assert_has(&r, "<dd>Every day</dd>");
	testresp_free(&r);

	testpage_get(&a, "/", &r); /* opens today */
	testresp_free(&r);
	int64_t ti = testpage_int("SELECT id FROM task_instances WHERE task_template_id = %lld", (long long)task);
	int64_t wi = testpage_int("SELECT id FROM task_instances WHERE task_template_id = %lld", (long long)water);
	char path[64];
	snprintf(path, sizeof path, "/checkins/%lld", (long long)ti);
	testpage_post(&a, path, &r, "status", "done", "back", "/", NULL);
	testpage_assert_status(&r, 303, "check in");
	testresp_free(&r);
	testapp_advance(&testpage_app, 3600);
	testpage_post(&a, path, &r, "status", "todo", "back", "/", NULL);
	testresp_free(&r);
	snprintf(path, sizeof path, "/checkins/%lld", (long long)wi);
	testpage_post(&a, path, &r, "status", "todo", "value", "3", "back", "/", NULL);
	testpage_assert_status(&r, 303, "measure");
	testresp_free(&r);

	testpage_get(&a, task_path(id, task, ""), &r);
	testpage_assert_status(&r, 200, "history");
	testpage_assert_has(&r, "<td>2026-05-22 00:00</td>");
	testpage_assert_has(&r, "<td>2026-05-22 01:00</td>");
	testpage_assert_has(&r, "<td>2026-05-22</td>");
	testpage_assert_has(&r, "<td>To do → Done</td>");
	testpage_assert_has(&r, "<td>Done → To do</td>");
	testpage_assert_has(&r, "<td>Check-in</td>");
	const char *later = strstr(r.body, "Done → To do"), *earlier = strstr(r.body, "To do → Done");
	ck_assert_msg(later && earlier && later < earlier, "newest first");
	testresp_free(&r);
	testpage_get(&a, task_path(id, water, ""), &r);
	testpage_assert_has(&r, "<dd>At least 8 glasses</dd>");
	testpage_assert_has(&r, "3 glasses</td>");
	testresp_free(&r);
	testuser_free(&a);
}
END_TEST

/* ---- tags ---- */

START_TEST(tags_create_rename_delete)
{
	struct testuser a;
	testuser_init(&a, "a@example.org");
	struct testresp r;
	testpage_get(&a, "/tags", &r);
	testpage_assert_status(&r, 200, "tags");
	testpage_assert_has(&r, "No tags yet.");
	testpage_assert_has(&r, "maxlength=\"40\"");
	testresp_free(&r);
	testpage_post(&a, "/tags", &r, "name", "Outdoors", "color", "#118833", NULL);
	testpage_assert_redirect(&r, "/tags?saved=created");
	testresp_free(&r);
	int64_t tag = testpage_int("SELECT id FROM tags WHERE name = 'Outdoors'");
	int64_t id = testpage_tracker(&a, "Health", "daily");
	char tag_text[32];
	snprintf(tag_text, sizeof tag_text, "%lld", (long long)tag);
	post_task(&a, tasks_path(id, ""), &r, "name", "Walk", "tags", tag_text, NULL);
	testresp_free(&r);
	testpage_get(&a, "/tags?saved=created", &r);
	testpage_assert_has(&r, "The tag was created.");
	testpage_assert_has(&r, "value=\"Outdoors\"");
	testpage_assert_has(&r, "1 task<");
	testresp_free(&r);

	char path[64];
	snprintf(path, sizeof path, "/tags/%lld", (long long)tag);
	testpage_post(&a, path, &r, "name", "Outside", "color", "#ff8800", NULL);
	testpage_assert_redirect(&r, "/tags?saved=changed");
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM tags WHERE name = 'Outside' AND color = '#ff8800'"), 1);
	get_tracker(&a, id, &r);
	testpage_assert_has(&r, "fill=\"#ff8800\"/></svg> Outside</span>");
	testresp_free(&r);

	/* bad input: 422, typed values kept, nothing saved */
	testpage_post(&a, "/tags", &r, "name", "", "color", "#118833", NULL);
	testpage_assert_status(&r, 422, "empty tag");
	testpage_assert_has(&r, "Enter a name.");
	testresp_free(&r);
	testpage_post(&a, "/tags", &r, "name", testpage_repeat('t', 41), "color", "#118833", NULL);
	testpage_assert_status(&r, 422, "long tag");
	testpage_assert_has(&r, "Use at most 40 characters for the name.");
	testpage_assert_has(&r, testpage_repeat('t', 41));
	testresp_free(&r);
	testpage_post(&a, "/tags", &r, "name", "Indoors", "color", "#12345", NULL);
	testpage_assert_status(&r, 422, "bad colour");
	testpage_assert_has(&r, "Choose a colour like #2f80ed.");
	testpage_assert_has(&r, "value=\"Indoors\"");
	testresp_free(&r);
	testpage_post(&a, "/tags", &r, "name", "OUTSIDE", "color", "#118833", NULL);
	testpage_assert_status(&r, 422, "taken");
	testpage_assert_has(&r, "You already have a tag with this name.");
	testresp_free(&r);
	testpage_post(&a, path, &r, "name", "Renamed", "color", "green", NULL);
	testpage_assert_status(&r, 422, "bad recolour");
	testpage_assert_has(&r, "value=\"Renamed\"");
	char described[64];
	snprintf(described, sizeof described, "aria-describedby=\"color_%lld-error\"", (long long)tag);
	testpage_assert_has(&r, described);
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM tags"), 1);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM tags WHERE name = 'Outside' AND color = '#ff8800'"), 1);

	snprintf(path, sizeof path, "/tags/%lld/delete", (long long)tag);
	testpage_post(&a, path, &r, NULL);
	testpage_assert_redirect(&r, "/tags?saved=deleted");
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM tags"), 0);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM template_tags"), 0);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM task_templates WHERE name = 'Walk'"), 1);
	testuser_free(&a);
}
END_TEST

/* ---- wrong tracker, another user's ids ---- */

/* Asserts that every task route for tracker/task as w answers 404. */
static void assert_task_routes_404(struct testuser *w, int64_t tracker, int64_t task, const char *tag)
{
	static const char *const gets[] = { "", "/edit" };
	static const char *const posts[] = { "", "/delete", "/restore", "/move" };
	struct testresp r;
	for (size_t i = 0; i < sizeof gets / sizeof gets[0]; i++) {
		testpage_get(w, task_path(tracker, task, gets[i]), &r);
		ck_assert_msg(r.status == 404, "GET %s answered %d", task_path(tracker, task, gets[i]), r.status);
		testresp_free(&r);
	}
	for (size_t i = 0; i < sizeof posts / sizeof posts[0]; i++) {
		post_task(w, task_path(tracker, task, posts[i]), &r, "name", "Hijacked", "direction", "up", "tags", tag, NULL);
		ck_assert_msg(r.status == 404, "POST %s answered %d", task_path(tracker, task, posts[i]), r.status);
		testresp_free(&r);
	}
}

START_TEST(task_under_the_wrong_tracker_is_404)
{
	struct testuser a;
	testuser_init(&a, "a@example.org");
	int64_t one = testpage_tracker(&a, "One", "daily"), two = testpage_tracker(&a, "Two", "daily");
	int64_t task = testpage_quick_task(&a, one, "Stretch");
	assert_task_routes_404(&a, two, task, NULL);
	/* a deleted task under the wrong tracker cannot be restored either */
	struct testresp r;
	testpage_post(&a, task_path(one, task, "/delete"), &r, NULL);
	testresp_free(&r);
	testpage_post(&a, task_path(two, task, "/restore"), &r, NULL);
	testpage_assert_status(&r, 404, "restore under another tracker");
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM task_templates WHERE id = %lld AND tracker_id = %lld AND name = 'Stretch' "
				      "AND deleted_at IS NOT NULL",
				      (long long)task, (long long)one),
			 1);
	testuser_free(&a);
}
END_TEST

START_TEST(other_users_ids_are_404)
{
	struct testuser a, b;
	testuser_init(&a, "a@example.org");
	testuser_init(&b, "b@example.org");
	int64_t theirs = testpage_tracker(&b, "Private", "daily");
	int64_t their_task = testpage_quick_task(&b, theirs, "Secret task");
	struct testresp r;
	testpage_post(&b, "/tags", &r, "name", "Hidden", "color", "#000000", NULL);
	testresp_free(&r);
	int64_t their_tag = testpage_int("SELECT id FROM tags WHERE name = 'Hidden'");
	char their_tag_text[32];
	snprintf(their_tag_text, sizeof their_tag_text, "%lld", (long long)their_tag);
	int64_t mine = testpage_tracker(&a, "Mine", "daily");
	int64_t my_task = testpage_quick_task(&a, mine, "My task");
	int64_t tasks_before = testpage_int("SELECT count(*) FROM task_templates");

	/* their tracker and task, under their tracker or under mine */
	assert_task_routes_404(&a, theirs, their_task, their_tag_text);
	assert_task_routes_404(&a, mine, their_task, their_tag_text);
	testpage_get(&a, tasks_path(theirs, "/new"), &r);
	testpage_assert_status(&r, 404, "new task in their tracker");
	testresp_free(&r);
	post_task(&a, tasks_path(theirs, ""), &r, "name", "Planted", NULL);
	testpage_assert_status(&r, 404, "create in their tracker");
	testresp_free(&r);
	/* their tag on my task, on create and on edit; an unknown tag id */
	post_task(&a, tasks_path(mine, ""), &r, "name", "Tagged", "tags", their_tag_text, NULL);
	testpage_assert_status(&r, 404, "their tag on create");
	testresp_free(&r);
	post_task(&a, task_path(mine, my_task, ""), &r, "name", "Tagged", "tags", their_tag_text, NULL);
	testpage_assert_status(&r, 404, "their tag on edit");
	testresp_free(&r);
	post_task(&a, tasks_path(mine, ""), &r, "name", "Tagged", "tags", "999999", NULL);
	testpage_assert_status(&r, 404, "unknown tag");
	testresp_free(&r);
	post_task(&a, tasks_path(mine, ""), &r, "name", "Tagged", "tags", "one", NULL);
	testpage_assert_status(&r, 404, "malformed tag");
	testresp_free(&r);
	/* their tag's pages */
	char path[64];
	snprintf(path, sizeof path, "/tags/%lld", (long long)their_tag);
	testpage_post(&a, path, &r, "name", "Mine now", "color", "#ffffff", NULL);
	testpage_assert_status(&r, 404, "rename their tag");
	testresp_free(&r);
	snprintf(path, sizeof path, "/tags/%lld/delete", (long long)their_tag);
	testpage_post(&a, path, &r, NULL);
	testpage_assert_status(&r, 404, "delete their tag");
	testresp_free(&r);

	/* nothing changed */
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM task_templates"), tasks_before);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM task_templates WHERE id = %lld AND name = 'Secret task' AND deleted_at IS "
				      "NULL AND position = 1",
				      (long long)their_task),
			 1);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM task_templates WHERE id = %lld AND name = 'My task'", (long long)my_task), 1);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM template_tags"), 0);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM tags WHERE name = 'Hidden' AND color = '#000000'"), 1);
	testpage_get(&a, "/tags", &r);
	testpage_assert_lacks(&r, "Hidden");
	testresp_free(&r);
	testpage_get(&a, tasks_path(mine, "/new"), &r);
	testpage_assert_lacks(&r, "Hidden");
	testresp_free(&r);
	testuser_free(&a);
	testuser_free(&b);
}
END_TEST

static Suite *pages_task_suite(void)
{
	Suite *s = suite_create("pages_task");
	TCase *tc = tcase_create("tasks");
	tcase_add_checked_fixture(tc, testpage_setup, testpage_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, new_form_shows_every_field);
	tcase_add_test(tc, each_schedule_saved_and_described);
	tcase_add_test(tc, every_field_saved_and_shown);
	tcase_add_test(tc, bad_input_on_create_and_edit);
	tcase_add_test(tc, quick_add_uses_defaults);
	tcase_add_test(tc, delete_restore_and_move);
	tcase_add_test(tc, history_shows_the_audit_trail);
	tcase_add_test(tc, tags_create_rename_delete);
	tcase_add_test(tc, task_under_the_wrong_tracker_is_404);
	tcase_add_test(tc, other_users_ids_are_404);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(pages_task_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
