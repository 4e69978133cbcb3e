/* check_pages_tracker: request tests of the tracker pages (issue 4, "Trackers", "Tags and
 * categories", "Bad input") — the list with its filters and empty state, the create and edit
 * forms with the "New habit" shortcut, status changes, delete, the trash and restore with a
 * name clash, clone, ordering, a time mode change marking older periods legacy, challenge
 * progress, categories — every bad input answering 422 with the typed values kept and
 * nothing saved, and another user's ids answering 404 with nothing changed. Users are made
 * without a password and given a session directly (no Argon2id). The clock stands at
 * 2026-05-22T00:00Z, a Friday; users are in UTC. */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "testpages.h"

/* ---- the list and the forms ---- */

START_TEST(empty_list_offers_first_tracker)
{
	struct testuser a;
	testuser_init(&a, "a@example.org");
	struct testresp r;
	testpage_get(&a, "/trackers", &r);
	testpage_assert_status(&r, 200, "GET /trackers");
	testpage_assert_has(&r, "Create your first tracker");
	testpage_assert_has(&r, "href=\"/trackers/new?habit=1\"");
	testresp_free(&r);

	testpage_get(&a, "/trackers/new", &r);
	testpage_assert_status(&r, 200, "GET /trackers/new");
	testpage_assert_has(&r, "<h1>New tracker</h1>");
	testpage_assert_has(&r, "name=\"name\" type=\"text\" value=\"\" maxlength=\"100\"");
	testpage_assert_has(&r, "maxlength=\"2000\"");
	testpage_assert_has(&r, "type=\"date\"");
	testpage_assert_has(&r, "<input type=\"hidden\" name=\"csrf\" value=\"");
	testpage_assert_lacks(&r, "name=\"habit\"");
	testpage_assert_lacks(&r, "style=");
	testpage_assert_lacks(&r, "<script");
	testresp_free(&r);

	testpage_get(&a, "/trackers/new?habit=1", &r);
	testpage_assert_status(&r, 200, "GET /trackers/new?habit=1");
	testpage_assert_has(&r, "<h1>New habit</h1>");
	testpage_assert_has(&r, "<input type=\"hidden\" name=\"habit\" value=\"1\">");
	testpage_assert_lacks(&r, "name=\"time_mode\"");
	testresp_free(&r);
	testuser_free(&a);
}
END_TEST

START_TEST(create_view_and_list)
{
	struct testuser a;
	testuser_init(&a, "a@example.org");
	struct testresp r;
	testpage_post(&a, "/categories", &r, "name", "Health", "color", "#22aa55", NULL);
	testpage_assert_redirect(&r, "/categories?saved=created");
	testresp_free(&r);
	int64_t cat = testpage_int("SELECT id FROM categories WHERE name = 'Health'");
	char cat_text[32];
	snprintf(cat_text, sizeof cat_text, "%lld", (long long)cat);

	testpage_post(&a, "/trackers", &r, "name", "  Gym program  ", "description", "Three sessions a week",
		      "time_mode", "weekly", "start_date", "2026-05-13", "end_date", "2026-07-07", "color", "#aa3300",
		      "category_id", cat_text, NULL);
	int64_t id = testpage_redirect_id(&r);
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM trackers"), 1);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM trackers WHERE id = %lld AND name = 'Gym program' AND time_mode = "
				      "'weekly' AND start_date = '2026-05-13' AND end_date = '2026-07-07' AND color = '#aa3300' "
				      "AND category_id = %lld",
				      (long long)id, (long long)cat),
			 1);

	char path[64];
	snprintf(path, sizeof path, "/trackers/%lld?saved=created", (long long)id);
	testpage_get(&a, path, &r);
	testpage_assert_status(&r, 200, "GET tracker");
	testpage_assert_has(&r, "Gym program</h1>");
	testpage_assert_has(&r, "The tracker was created.");
	testpage_assert_has(&r, "Three sessions a week");
	testpage_assert_has(&r, "<dd>Weekly</dd>");
	testpage_assert_has(&r, "2026-05-13 – 2026-07-07");
	testpage_assert_has(&r, "Week 2 of 8"); /* 22 May is in the week from 20 May */
	testpage_assert_has(&r, "<dd>Health</dd>");
	testpage_assert_has(&r, "fill=\"#aa3300\"");
	testpage_assert_has(&r, "This tracker has no tasks yet.");
	testpage_assert_lacks(&r, "legacy");
	testresp_free(&r);

	testpage_get(&a, "/trackers", &r);
	testpage_assert_status(&r, 200, "GET /trackers");
	testpage_assert_has(&r, ">Gym program</a>");
	testpage_assert_has(&r, "<td>Weekly</td>");
	testpage_assert_has(&r, "(Week 2 of 8)");
	testpage_assert_has(&r, "<td>Active</td>");
	testpage_assert_lacks(&r, "Create your first tracker");
	testresp_free(&r);

	/* a 21-day daily challenge from 18 May: 22 May is day 5 */
	testpage_post(&a, "/trackers", &r, "name", "Detox", "description", "", "time_mode", "daily", "start_date",
		      "2026-05-18", "end_date", "2026-06-07", "color", "#2f80ed", "category_id", "", NULL);
	int64_t detox = testpage_redirect_id(&r);
	testresp_free(&r);
	snprintf(path, sizeof path, "/trackers/%lld", (long long)detox);
	testpage_get(&a, path, &r);
	testpage_assert_has(&r, "Day 5 of 21");
	testresp_free(&r);
	testuser_free(&a);
}
END_TEST

START_TEST(habit_shortcut_makes_tracker_and_task)
{
	struct testuser a;
	testuser_init(&a, "a@example.org");
	struct testresp r;
	testpage_post(&a, "/trackers", &r, "habit", "1", "name", "Drink water", "color", "#1188ff", NULL);
	int64_t id = testpage_redirect_id(&r);
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM trackers"), 1);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM task_templates"), 1);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM trackers WHERE id = %lld AND name = 'Drink water' AND time_mode = "
				      "'daily' AND start_date IS NULL AND color = '#1188ff'",
				      (long long)id),
			 1);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM task_templates WHERE tracker_id = %lld AND name = 'Drink water' AND "
				      "schedule_kind = 'every_period' AND kind = 'check'",
				      (long long)id),
			 1);
	char path[64];
	snprintf(path, sizeof path, "/trackers/%lld", (long long)id);
	testpage_get(&a, path, &r);
	testpage_assert_has(&r, ">Drink water</a></h3>");
	testpage_assert_has(&r, "Every day");
	testresp_free(&r);

	/* an empty habit name saves nothing */
	testpage_post(&a, "/trackers", &r, "habit", "1", "name", " ", "color", "#1188ff", NULL);
	testpage_assert_status(&r, 422, "empty habit");
	testpage_assert_has(&r, "Enter a name.");
	testpage_assert_has(&r, "<input type=\"hidden\" name=\"habit\" value=\"1\">");
	testresp_free(&r);
	/* a habit whose name is taken saves neither tracker nor task */
	testpage_post(&a, "/trackers", &r, "habit", "1", "name", "drink WATER", "color", "#1188ff", NULL);
	testpage_assert_status(&r, 422, "taken habit");
	testpage_assert_has(&r, "You already have a tracker with this name.");
	testpage_assert_has(&r, "value=\"drink WATER\"");
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM trackers"), 1);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM task_templates"), 1);
	testuser_free(&a);
}
END_TEST

/* Posts a create form with one field replaced and asserts 422, the message next to that
 * field (aria-describedby), the typed value kept, and no new tracker. */
static void bad_create(struct testuser *w, const char *field, const char *value, const char *message, const char *kept)
{
	const char *f[] = { "name", "Morning", "description", "My routine", "time_mode", "daily", "start_date", "2026-05-01",
			    "end_date", "2026-05-31", "color", "#2f80ed", "category_id", "" };
	const char *v[7];
	for (int i = 0; i < 7; i++)
		v[i] = strcmp(f[2 * i], field) == 0 ? value : f[2 * i + 1];
	int64_t before = testpage_int("SELECT count(*) FROM trackers");
	struct testresp r;
	testpage_post(w, "/trackers", &r, "name", v[0], "description", v[1], "time_mode", v[2], "start_date", v[3],
		      "end_date", v[4], "color", v[5], "category_id", v[6], NULL);
	testpage_assert_status(&r, 422, field);
	testpage_assert_has(&r, message);
	char described[64];
	snprintf(described, sizeof described, "aria-describedby=\"%s-error\"", field);
	testpage_assert_has(&r, described);
	if (kept)
		testpage_assert_has(&r, kept);
	if (strcmp(field, "description") != 0)
		testpage_assert_has(&r, "My routine"); /* the other fields keep what was typed */
	if (strcmp(field, "start_date") != 0)
		testpage_assert_has(&r, "value=\"2026-05-01\"");
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM trackers"), before);
}

START_TEST(create_bad_input)
{
	struct testuser a, b;
	testuser_init(&a, "a@example.org");
	testuser_init(&b, "b@example.org");
	char long_name[102];
	memset(long_name, 'n', 101);
	long_name[101] = '\0';
	bad_create(&a, "name", "", "Enter a name.", NULL);
	bad_create(&a, "name", long_name, "Use at most 100 characters for the name.", long_name);
	bad_create(&a, "description", testpage_repeat('d', 2001), "Use at most 2000 characters for the description.",
		   NULL);
	bad_create(&a, "start_date", "2026-02-30", "Enter a real date", "value=\"2026-02-30\"");
	bad_create(&a, "end_date", "31/05/2026", "Enter a real date", "value=\"31/05/2026\"");
	bad_create(&a, "end_date", "2026-04-30", "The end date cannot be before the start date.", "value=\"2026-04-30\"");
	bad_create(&a, "color", "red", "Choose a colour like #2f80ed.", NULL);
	bad_create(&a, "time_mode", "yearly", "Choose daily, weekly or monthly.", NULL);
	bad_create(&a, "category_id", "abc", "Choose a category from the list.", NULL);

	/* several problems at once: each next to its field */
	struct testresp r;
	testpage_post(&a, "/trackers", &r, "name", "", "description", "", "time_mode", "daily", "start_date",
		      "2026-05-10", "end_date", "2026-05-01", "color", "nope", "category_id", "", NULL);
	testpage_assert_status(&r, 422, "several");
	testpage_assert_has(&r, "Enter a name.");
	testpage_assert_has(&r, "The end date cannot be before the start date.");
	testpage_assert_has(&r, "Choose a colour like #2f80ed.");
	testresp_free(&r);

	/* a name another active tracker has (any case) */
	testpage_tracker(&a, "Morning", "daily");
	bad_create(&a, "name", "MORNING", "You already have a tracker with this name.", "value=\"MORNING\"");

	/* another user's category: 404, nothing saved */
	testpage_post(&b, "/categories", &r, "name", "Work", "color", "#000000", NULL);
	testresp_free(&r);
	char other_cat[32];
	snprintf(other_cat, sizeof other_cat, "%lld",
		 (long long)testpage_int("SELECT id FROM categories WHERE name = 'Work'"));
	testpage_post(&a, "/trackers", &r, "name", "Evening", "time_mode", "daily", "color", "#2f80ed", "category_id",
		      other_cat, NULL);
	testpage_assert_status(&r, 404, "foreign category");
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM trackers"), 1);
	testuser_free(&a);
	testuser_free(&b);
}
END_TEST

START_TEST(edit_and_mode_change_marks_legacy)
{
	struct testuser a;
	testuser_init(&a, "a@example.org");
	int64_t id = testpage_tracker(&a, "Reading", "daily");
	testpage_quick_task(&a, id, "Read 20 pages");
	struct testresp r;
	/* Today opens the current period: one daily instance */
	testpage_get(&a, "/", &r);
	testpage_assert_status(&r, 200, "Today");
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM tracker_instances WHERE tracker_id = %lld", (long long)id), 1);

	char path[64], edit[64];
	snprintf(path, sizeof path, "/trackers/%lld", (long long)id);
	snprintf(edit, sizeof edit, "/trackers/%lld/edit", (long long)id);
	testpage_get(&a, edit, &r);
	testpage_assert_status(&r, 200, "GET edit");
	char *name = testhtml_input(r.body, "name");
	ck_assert_str_eq(name, "Reading");
	free(name);
	char *mode = testhtml_selected(r.body, "time_mode");
	ck_assert_str_eq(mode, "daily");
	free(mode);
	testpage_assert_has(&r, "Changing the time mode takes effect today");
	testresp_free(&r);

	/* a bad edit changes nothing and keeps what was typed */
	testpage_post(&a, path, &r, "name", "Reading more", "description", "typed", "time_mode", "weekly", "start_date",
		      "", "end_date", "", "color", "#zzzzzz", "category_id", "", NULL);
	testpage_assert_status(&r, 422, "bad edit");
	testpage_assert_has(&r, "Choose a colour like #2f80ed.");
	testpage_assert_has(&r, "value=\"Reading more\"");
	testpage_assert_has(&r, ">typed</textarea>");
	mode = testhtml_selected(r.body, "time_mode");
	ck_assert_str_eq(mode, "weekly");
	free(mode);
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM trackers WHERE name = 'Reading' AND time_mode = 'daily'"), 1);

	/* the edit with a new time mode */
	testpage_post(&a, path, &r, "name", "Reading more", "description", "Books", "time_mode", "weekly", "start_date",
		      "", "end_date", "", "color", "#336699", "category_id", "", NULL);
	char expected[80];
	snprintf(expected, sizeof expected, "/trackers/%lld?saved=changes", (long long)id);
	testpage_assert_redirect(&r, expected);
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM trackers WHERE id = %lld AND name = 'Reading more' AND description = "
				      "'Books' AND time_mode = 'weekly' AND time_mode_since = '2026-05-22' AND color = '#336699'",
				      (long long)id),
			 1);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM tracker_instances WHERE tracker_id = %lld AND legacy = 1", (long long)id),
			 1);
	testpage_get(&a, path, &r);
	testpage_assert_has(&r, "<dd>Weekly</dd>");
	testpage_assert_has(&r, "This tracker has been weekly since 2026-05-22.");
	testpage_assert_has(&r, "shown as legacy");
	testresp_free(&r);
	/* the new period is weekly and not legacy */
	testpage_get(&a, "/", &r);
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM tracker_instances WHERE tracker_id = %lld AND legacy = 0 AND time_mode "
				      "= 'weekly'",
				      (long long)id),
			 1);

	/* a mode whose periods a task's schedule does not fit is refused, naming the task */
	int64_t monthly;
	testpage_post(&a, "/trackers", &r, "name", "Calls", "time_mode", "monthly", "color", "#2f80ed", NULL);
	monthly = testpage_redirect_id(&r);
	testresp_free(&r);
	char tasks[64], monthly_path[64];
	snprintf(tasks, sizeof tasks, "/trackers/%lld/tasks", (long long)monthly);
	testpage_post(&a, tasks, &r, "name", "Call home", "points", "1", "weight", "1", "time_of_day", "any", "kind",
		      "check", "schedule_kind", "times_per_period", "times", "20", "difficulty", "3", "priority",
		      "normal", "status", "active", NULL);
	testpage_assert_status(&r, 303, "20 times a month");
	testresp_free(&r);
	snprintf(monthly_path, sizeof monthly_path, "/trackers/%lld", (long long)monthly);
	testpage_post(&a, monthly_path, &r, "name", "Calls", "description", "", "time_mode", "weekly", "start_date", "",
		      "end_date", "", "color", "#2f80ed", "category_id", "", NULL);
	testpage_assert_status(&r, 422, "mode the tasks do not fit");
	testpage_assert_has(&r, "The task “Call home” cannot keep its schedule");
	testpage_assert_has(&r, "aria-describedby=\"time_mode-error\"");
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM trackers WHERE id = %lld AND time_mode = 'monthly' AND time_mode_since IS "
				      "NULL",
				      (long long)monthly),
			 1);

	/* an edit to a name another tracker has */
	testpage_tracker(&a, "Writing", "daily");
	testpage_post(&a, path, &r, "name", "writing", "description", "", "time_mode", "weekly", "start_date", "",
		      "end_date", "", "color", "#336699", "category_id", "", NULL);
	testpage_assert_status(&r, 422, "taken on edit");
	testpage_assert_has(&r, "You already have a tracker with this name.");
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM trackers WHERE name = 'Reading more'"), 1);
	testuser_free(&a);
}
END_TEST

START_TEST(status_changes_and_filters)
{
	struct testuser a;
	testuser_init(&a, "a@example.org");
	int64_t id = testpage_tracker(&a, "Yoga", "daily");
	testpage_tracker(&a, "Running", "daily");
	char path[64];
	snprintf(path, sizeof path, "/trackers/%lld/status", (long long)id);
	struct testresp r;
	testpage_post(&a, path, &r, "status", "paused", NULL);
	char expected[80];
	snprintf(expected, sizeof expected, "/trackers/%lld?saved=status", (long long)id);
	testpage_assert_redirect(&r, expected);
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM trackers WHERE id = %lld AND status = 'paused'", (long long)id), 1);

	testpage_get(&a, "/trackers", &r);
	testpage_assert_lacks(&r, ">Yoga</a>");
	testpage_assert_has(&r, ">Running</a>");
	testresp_free(&r);
	testpage_get(&a, "/trackers?status=paused", &r);
	testpage_assert_has(&r, ">Yoga</a>");
	testpage_assert_lacks(&r, ">Running</a>");
	testpage_assert_has(&r, "aria-current=\"page\">Paused</a>");
	testresp_free(&r);
	snprintf(path, sizeof path, "/trackers/%lld", (long long)id);
	testpage_get(&a, path, &r);
	testpage_assert_has(&r, "value=\"active\">Resume</button>");
	testresp_free(&r);

	snprintf(path, sizeof path, "/trackers/%lld/status", (long long)id);
	testpage_post(&a, path, &r, "status", "archived", NULL);
	testresp_free(&r);
	testpage_get(&a, "/trackers?status=archived", &r);
	testpage_assert_has(&r, ">Yoga</a>");
	testpage_assert_has(&r, "<td>Archived</td>");
	testresp_free(&r);
	testpage_get(&a, "/trackers?status=paused", &r);
	testpage_assert_has(&r, "No paused trackers.");
	testresp_free(&r);
	testpage_get(&a, "/trackers?status=all", &r);
	testpage_assert_has(&r, ">Yoga</a>");
	testpage_assert_has(&r, ">Running</a>");
	testresp_free(&r);

	testpage_post(&a, path, &r, "status", "active", NULL);
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM trackers WHERE id = %lld AND status = 'active'", (long long)id), 1);
	/* an unknown status is refused and changes nothing */
	testpage_post(&a, path, &r, "status", "deleted", NULL);
	testpage_assert_status(&r, 400, "unknown status");
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM trackers WHERE id = %lld AND status = 'active'", (long long)id), 1);
	testuser_free(&a);
}
END_TEST

START_TEST(delete_trash_and_restore_with_name_clash)
{
	struct testuser a;
	testuser_init(&a, "a@example.org");
	int64_t id = testpage_tracker(&a, "Meditation", "daily");
	int64_t task = testpage_quick_task(&a, id, "Sit 10 minutes");
	struct testresp r;
	testpage_get(&a, "/", &r); /* a period with a task instance */
	testresp_free(&r);
	char path[64];
	snprintf(path, sizeof path, "/trackers/%lld/delete", (long long)id);
	testpage_post(&a, path, &r, NULL);
	testpage_assert_redirect(&r, "/trackers?deleted=1");
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM trackers WHERE deleted_at IS NOT NULL"), 1);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM task_templates WHERE id = %lld AND deleted_at IS NOT NULL", (long long)task),
			 1);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM task_instances WHERE deleted_at IS NULL"), 0);

	testpage_get(&a, "/trackers?deleted=1", &r);
	testpage_assert_has(&r, "The tracker was moved to the trash.");
	testpage_assert_lacks(&r, ">Meditation</a>");
	testresp_free(&r);
	snprintf(path, sizeof path, "/trackers/%lld", (long long)id);
	testpage_get(&a, path, &r);
	testpage_assert_status(&r, 404, "deleted tracker");
	testresp_free(&r);
	testpage_get(&a, "/trash", &r);
	testpage_assert_status(&r, 200, "trash");
	testpage_assert_has(&r, "Meditation");
	snprintf(path, sizeof path, "action=\"/trackers/%lld/restore\"", (long long)id);
	testpage_assert_has(&r, path);
	testpage_assert_has(&r, "No deleted tasks.");
	testresp_free(&r);

	/* a new tracker takes the name; the restored one becomes "Meditation (Restored)" */
	testpage_tracker(&a, "Meditation", "daily");
	snprintf(path, sizeof path, "/trackers/%lld/restore", (long long)id);
	testpage_post(&a, path, &r, NULL);
	char expected[80];
	snprintf(expected, sizeof expected, "/trash?restored=%lld&renamed=1", (long long)id);
	testpage_assert_redirect(&r, expected);
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM trackers WHERE id = %lld AND name = 'Meditation (Restored)' AND "
				      "deleted_at IS NULL",
				      (long long)id),
			 1);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM task_instances WHERE deleted_at IS NULL"), 1);
	testpage_get(&a, expected, &r);
	testpage_assert_has(&r, "now called “Meditation (Restored)”");
	testpage_assert_has(&r, "No deleted trackers.");
	testresp_free(&r);
	/* restoring what is not in the trash */
	testpage_post(&a, path, &r, NULL);
	testpage_assert_status(&r, 404, "restore twice");
	testresp_free(&r);
	testuser_free(&a);
}
END_TEST

START_TEST(clone_copies_tasks_not_history)
{
	struct testuser a;
	testuser_init(&a, "a@example.org");
	int64_t id = testpage_tracker(&a, "Morning routine", "daily");
	testpage_quick_task(&a, id, "Water");
	testpage_quick_task(&a, id, "Stretch");
	struct testresp r;
	testpage_get(&a, "/", &r);
	testresp_free(&r);
	char path[64];
	snprintf(path, sizeof path, "/trackers/%lld/clone", (long long)id);
	testpage_post(&a, path, &r, NULL);
	int64_t copy = testpage_redirect_id(&r);
	testresp_free(&r);
	ck_assert_int_ne(copy, id);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM trackers WHERE id = %lld AND name = 'Morning routine (copy)'",
				      (long long)copy),
			 1);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM task_templates WHERE tracker_id = %lld", (long long)copy), 2);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM tracker_instances WHERE tracker_id = %lld", (long long)copy), 0);
	snprintf(path, sizeof path, "/trackers/%lld?saved=cloned", (long long)copy);
	testpage_get(&a, path, &r);
	testpage_assert_has(&r, "Morning routine (copy)</h1>");
	testpage_assert_has(&r, ">Water</a>");
	testpage_assert_has(&r, ">Stretch</a>");
	testpage_assert_has(&r, "none of its history");
	testresp_free(&r);
	testuser_free(&a);
}
END_TEST

/* The order of the trackers' names in the list body. */
static void assert_order(struct testuser *w, const char *first, const char *second, const char *third)
{
	struct testresp r;
	testpage_get(w, "/trackers", &r);
	char n1[64], n2[64], n3[64];
	snprintf(n1, sizeof n1, ">%s</a>", first);
	snprintf(n2, sizeof n2, ">%s</a>", second);
	snprintf(n3, sizeof n3, ">%s</a>", third);
	const char *p1 = strstr(r.body, n1), *p2 = strstr(r.body, n2), *p3 = strstr(r.body, n3);
	ck_assert_msg(p1 && p2 && p3 && p1 < p2 && p2 < p3, "order is not %s, %s, %s:\n%.3000s", first, second, third, r.body);
	testresp_free(&r);
}

START_TEST(move_up_and_down)
{
	struct testuser a;
	testuser_init(&a, "a@example.org");
	int64_t x = testpage_tracker(&a, "Alpha", "daily");
	testpage_tracker(&a, "Beta", "daily");
	int64_t z = testpage_tracker(&a, "Gamma", "daily");
	assert_order(&a, "Alpha", "Beta", "Gamma");
	struct testresp r;
	char path[64];
	snprintf(path, sizeof path, "/trackers/%lld/move", (long long)z);
	testpage_post(&a, path, &r, "direction", "up", "back", "/trackers", NULL);
	testpage_assert_redirect(&r, "/trackers");
	testresp_free(&r);
	assert_order(&a, "Alpha", "Gamma", "Beta");
	snprintf(path, sizeof path, "/trackers/%lld/move", (long long)x);
	testpage_post(&a, path, &r, "direction", "down", "back", "/trackers?status=all", NULL);
	testpage_assert_redirect(&r, "/trackers?status=all");
	testresp_free(&r);
	assert_order(&a, "Gamma", "Alpha", "Beta");
	/* the first one moving up stays; an off-site back is not followed */
	snprintf(path, sizeof path, "/trackers/%lld/move", (long long)z);
	testpage_post(&a, path, &r, "direction", "up", "back", "https://evil.example/", NULL);
	testpage_assert_redirect(&r, "/trackers");
	testresp_free(&r);
	assert_order(&a, "Gamma", "Alpha", "Beta");
	testpage_post(&a, path, &r, "direction", "sideways", NULL);
	testpage_assert_status(&r, 400, "bad direction");
	testresp_free(&r);
	/* the list shows no "Move up" for the first and no "Move down" for the last */
	testpage_get(&a, "/trackers", &r);
	const char *first_row = strstr(r.body, ">Gamma</a>"), *up = strstr(r.body, "value=\"up\"");
	ck_assert_ptr_nonnull(up);
	ck_assert_ptr_nonnull(first_row);
	ck_assert_msg(strstr(first_row, ">Alpha</a>") < up, "the first row has a Move up button");
	testresp_free(&r);
	testuser_free(&a);
}
END_TEST

START_TEST(tag_filter_on_the_list)
{
	struct testuser a, b;
	testuser_init(&a, "a@example.org");
	testuser_init(&b, "b@example.org");
	struct testresp r;
	testpage_post(&a, "/tags", &r, "name", "Health", "color", "#00aa00", NULL);
	testpage_assert_redirect(&r, "/tags?saved=created");
	testresp_free(&r);
	int64_t tag = testpage_int("SELECT id FROM tags WHERE name = 'Health'");
	int64_t gym = testpage_tracker(&a, "Gym", "daily");
	testpage_tracker(&a, "Finance", "daily");
	int64_t task = testpage_quick_task(&a, gym, "Squats");
	char path[96], tag_text[32];
	snprintf(tag_text, sizeof tag_text, "%lld", (long long)tag);
	snprintf(path, sizeof path, "/trackers/%lld/tasks/%lld", (long long)gym, (long long)task);
	testpage_post(&a, path, &r, "name", "Squats", "description", "", "points", "1", "weight", "1", "time_of_day",
		      "any", "kind", "check", "target_value", "", "direction", "at_least", "unit", "", "schedule_kind",
		      "every_period", "interval_days", "2", "anchor", "2026-05-22", "times", "3", "window_days", "7",
		      "difficulty", "3", "priority", "normal", "status", "active", "counts_toward_goals", "1", "tags",
		      tag_text, "reminder_time", "", NULL);
	testpage_assert_status(&r, 303, "tagging");
	testresp_free(&r);

	snprintf(path, sizeof path, "/trackers?tag=%lld", (long long)tag);
	testpage_get(&a, path, &r);
	testpage_assert_status(&r, 200, "tag filter");
	testpage_assert_has(&r, ">Gym</a>");
	testpage_assert_lacks(&r, ">Finance</a>");
	testpage_assert_has(&r, "aria-current=\"page\">");
	testresp_free(&r);
	/* another user cannot filter by it */
	testpage_get(&b, path, &r);
	testpage_assert_status(&r, 404, "foreign tag filter");
	testresp_free(&r);
	testpage_get(&a, "/trackers?tag=abc", &r);
	testpage_assert_status(&r, 404, "malformed tag filter");
	testresp_free(&r);
	testuser_free(&a);
	testuser_free(&b);
}
END_TEST

/* ---- categories ---- */

START_TEST(categories_create_rename_delete)
{
	struct testuser a;
	testuser_init(&a, "a@example.org");
	struct testresp r;
	testpage_get(&a, "/categories", &r);
	testpage_assert_status(&r, 200, "categories");
	testpage_assert_has(&r, "No categories yet.");
	testpage_assert_has(&r, "maxlength=\"50\"");
	testresp_free(&r);
	testpage_post(&a, "/categories", &r, "name", "Health", "color", "#22aa55", NULL);
	testpage_assert_redirect(&r, "/categories?saved=created");
	testresp_free(&r);
	int64_t id = testpage_int("SELECT id FROM categories WHERE name = 'Health'");
	testpage_get(&a, "/categories?saved=created", &r);
	testpage_assert_has(&r, "The category was created.");
	testpage_assert_has(&r, "value=\"Health\"");
	testpage_assert_has(&r, "fill=\"#22aa55\"");
	testpage_assert_has(&r, "0 trackers");
	testresp_free(&r);

	char path[64];
	snprintf(path, sizeof path, "/categories/%lld", (long long)id);
	testpage_post(&a, path, &r, "name", "Body and mind", "color", "#123456", NULL);
	testpage_assert_redirect(&r, "/categories?saved=changed");
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM categories WHERE name = 'Body and mind' AND color = '#123456'"), 1);

	/* bad input on create and on rename: 422, typed values kept, nothing saved */
	testpage_post(&a, "/categories", &r, "name", "", "color", "#22aa55", NULL);
	testpage_assert_status(&r, 422, "empty category");
	testpage_assert_has(&r, "Enter a name.");
	testpage_assert_has(&r, "aria-describedby=\"new_name-error\"");
	testresp_free(&r);
	testpage_post(&a, "/categories", &r, "name", testpage_repeat('c', 51), "color", "#22aa55", NULL);
	testpage_assert_status(&r, 422, "long category");
	testpage_assert_has(&r, "Use at most 50 characters for the name.");
	testpage_assert_has(&r, testpage_repeat('c', 51));
	testresp_free(&r);
	testpage_post(&a, "/categories", &r, "name", "Work", "color", "blue", NULL);
	testpage_assert_status(&r, 422, "bad colour");
	testpage_assert_has(&r, "Choose a colour like #2f80ed.");
	testpage_assert_has(&r, "value=\"Work\"");
	testresp_free(&r);
	testpage_post(&a, "/categories", &r, "name", "body AND mind", "color", "#000000", NULL);
	testpage_assert_status(&r, 422, "taken");
	testpage_assert_has(&r, "You already have a category with this name.");
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM categories"), 1);
	testpage_post(&a, path, &r, "name", "   ", "color", "#123456", NULL);
	testpage_assert_status(&r, 422, "empty rename");
	char described[64];
	snprintf(described, sizeof described, "aria-describedby=\"name_%lld-error\"", (long long)id);
	testpage_assert_has(&r, described);
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM categories WHERE name = 'Body and mind'"), 1);

	/* a tracker in the category; deleting the category keeps the tracker */
	char cat_text[32];
	snprintf(cat_text, sizeof cat_text, "%lld", (long long)id);
	testpage_post(&a, "/trackers", &r, "name", "Gym", "time_mode", "daily", "color", "#2f80ed", "category_id",
		      cat_text, NULL);
	int64_t gym = testpage_redirect_id(&r);
	testresp_free(&r);
	snprintf(path, sizeof path, "/trackers/%lld/edit", (long long)gym);
	testpage_get(&a, path, &r);
	char *selected = testhtml_selected(r.body, "category_id");
	ck_assert_str_eq(selected, cat_text);
	free(selected);
	testresp_free(&r);
	snprintf(path, sizeof path, "/categories/%lld/delete", (long long)id);
	testpage_post(&a, path, &r, NULL);
	testpage_assert_redirect(&r, "/categories?saved=deleted");
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM categories"), 0);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM trackers WHERE id = %lld AND category_id IS NULL", (long long)gym), 1);
	testuser_free(&a);
}
END_TEST

/* ---- another user's ids ---- */

/* Asserts that method path as w answers 404. */
static void assert_404(struct testuser *w, const char *method, const char *path)
{
	struct testresp r;
	if (strcmp(method, "GET") == 0)
		testpage_get(w, path, &r);
	else
		testpage_post(w, path, &r, "name", "Hijacked", "description", "", "time_mode", "weekly", "color",
			      "#000000", "category_id", "", "status", "archived", "direction", "up", NULL);
	ck_assert_msg(r.status == 404, "%s %s answered %d", method, path, r.status);
	testresp_free(&r);
}

START_TEST(other_users_ids_are_404)
{
	struct testuser a, b;
	testuser_init(&a, "a@example.org");
	testuser_init(&b, "b@example.org");
	int64_t theirs = testpage_tracker(&b, "Private", "daily");
	int64_t gone = testpage_tracker(&b, "Gone", "daily");
	struct testresp r;
	char path[96];
	snprintf(path, sizeof path, "/trackers/%lld/delete", (long long)gone);
	testpage_post(&b, path, &r, NULL);
	testresp_free(&r);
	testpage_post(&b, "/categories", &r, "name", "Secret", "color", "#000000", NULL);
	testresp_free(&r);
	int64_t cat = testpage_int("SELECT id FROM categories WHERE name = 'Secret'");
	testpage_tracker(&a, "Mine", "daily");
	int64_t before = testpage_int("SELECT count(*) FROM trackers"), before_cats = testpage_int("SELECT count(*) FROM categories");

	static const char *const gets[] = { "/trackers/%lld", "/trackers/%lld/edit" };
	for (size_t i = 0; i < sizeof gets / sizeof gets[0]; i++) {
		snprintf(path, sizeof path, gets[i], (long long)theirs);
		assert_404(&a, "GET", path);
	}
	static const char *const posts[] = { "/trackers/%lld", "/trackers/%lld/status", "/trackers/%lld/delete",
					     "/trackers/%lld/clone", "/trackers/%lld/move", "/trackers/%lld/restore" };
	for (size_t i = 0; i < sizeof posts / sizeof posts[0]; i++) {
		snprintf(path, sizeof path, posts[i], (long long)theirs);
		assert_404(&a, "POST", path);
	}
	/* their deleted tracker cannot be restored from here; a missing id is the same */
	snprintf(path, sizeof path, "/trackers/%lld/restore", (long long)gone);
	assert_404(&a, "POST", path);
	assert_404(&a, "GET", "/trackers/999999");
	assert_404(&a, "POST", "/trackers/999999/delete");
	/* their category */
	snprintf(path, sizeof path, "/categories/%lld", (long long)cat);
	assert_404(&a, "POST", path);
	snprintf(path, sizeof path, "/categories/%lld/delete", (long long)cat);
	assert_404(&a, "POST", path);

	/* nothing changed */
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM trackers"), before);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM categories"), before_cats);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM trackers WHERE id = %lld AND name = 'Private' AND status = 'active' AND "
				      "time_mode = 'daily' AND deleted_at IS NULL",
				      (long long)theirs),
			 1);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM trackers WHERE id = %lld AND deleted_at IS NOT NULL", (long long)gone), 1);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM categories WHERE name = 'Secret'"), 1);
	/* and none of it shows on their lists */
	testpage_get(&a, "/trash", &r);
	testpage_assert_lacks(&r, "Gone");
	testresp_free(&r);
	testpage_get(&a, "/trackers?status=all", &r);
	testpage_assert_lacks(&r, "Private");
	testresp_free(&r);
	testpage_get(&a, "/categories", &r);
	testpage_assert_lacks(&r, "Secret");
	testresp_free(&r);
	testuser_free(&a);
	testuser_free(&b);
}
END_TEST

static Suite *pages_tracker_suite(void)
{
	Suite *s = suite_create("pages_tracker");
	TCase *tc = tcase_create("trackers");
	tcase_add_checked_fixture(tc, testpage_setup, testpage_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, empty_list_offers_first_tracker);
	tcase_add_test(tc, create_view_and_list);
	tcase_add_test(tc, habit_shortcut_makes_tracker_and_task);
	tcase_add_test(tc, create_bad_input);
	tcase_add_test(tc, edit_and_mode_change_marks_legacy);
	tcase_add_test(tc, status_changes_and_filters);
	tcase_add_test(tc, delete_trash_and_restore_with_name_clash);
	tcase_add_test(tc, clone_copies_tasks_not_history);
	tcase_add_test(tc, move_up_and_down);
	tcase_add_test(tc, tag_filter_on_the_list);
	tcase_add_test(tc, categories_create_rename_delete);
	tcase_add_test(tc, other_users_ids_are_404);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(pages_tracker_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
