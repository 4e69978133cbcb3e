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
#include "testapp.h"
#include "token.h"

static struct testapp t;

static void setup(void)
{
	testapp_open(&t);
}

static void teardown(void)
{
	testapp_close(&t);
}

/* A logged-in browser. */
struct who {
	int64_t id;
	struct testjar jar;
	char csrf[TOKEN_TEXT_LEN + 1];
};

/* Makes user email with a session and a jar holding its cookie. */
static void who_init(struct who *w, const char *email)
{
	char token[TOKEN_TEXT_LEN + 1];
	w->id = testapp_user(&t, email, "Ann", NULL, false);
	testapp_session(&t, w->id, token, w->csrf);
	testjar_init(&w->jar);
	testjar_set(&w->jar, "trackpro_session", token);
}

static void who_free(struct who *w)
{
	testjar_free(&w->jar);
}

/* Asserts the status, showing the start of the body when it differs. */
static void assert_status(const struct testresp *r, int status, const char *what)
{
	ck_assert_msg(r->status == status, "%s: status %d, expected %d\n%.3000s", what, r->status, status, r->body);
}

/* Asserts that the body holds needle. */
static void assert_has(const struct testresp *r, const char *needle)
{
	ck_assert_msg(strstr(r->body, needle) != NULL, "'%s' missing from:\n%.3000s", needle, strstr(r->body, "<main") ? strstr(r->body, "<main") : r->body);
}

static void assert_lacks(const struct testresp *r, const char *needle)
{
	ck_assert_msg(strstr(r->body, needle) == NULL, "'%s' unexpected in:\n%.3000s", needle, strstr(r->body, "<main") ? strstr(r->body, "<main") : r->body);
}

/* GET path as w. */
static void get(struct who *w, const char *path, struct testresp *r)
{
	testapp_browse(&t, &w->jar, "GET", path, NULL, NULL, r);
}

/* Appends s percent-encoded to out (size bytes). */
static void encode(char *out, size_t size, const char *s)
{
	size_t n = strlen(out);
	for (const unsigned char *p = (const unsigned char *)s; *p && n + 4 < size; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' ||
		    *p == '.' || *p == '_')
			out[n++] = (char)*p;
		else
			n += (size_t)snprintf(out + n, size - n, "%%%02X", *p);
	}
	out[n] = '\0';
}

/* POSTs the NULL-terminated name, value pairs (after the csrf field) to path as w. */
static void post(struct who *w, const char *path, struct testresp *r, ...)
{
	static char form[16384];
	form[0] = '\0';
	strcat(form, "csrf=");
	encode(form, sizeof form, w->csrf);
	va_list ap;
	va_start(ap, r);
	const char *name;
	while ((name = va_arg(ap, const char *))) {
		const char *value = va_arg(ap, const char *);
		strcat(form, "&");
		encode(form, sizeof form, name);
		strcat(form, "=");
		encode(form, sizeof form, value);
	}
	va_end(ap);
	testapp_browse(&t, &w->jar, "POST", path, form, NULL, r);
}

/* Asserts a 303 and returns its Location (malloc'd). */
static char *location(const struct testresp *r)
{
	assert_status(r, 303, "redirect");
	char *v = testresp_header(r, "Location");
	ck_assert_ptr_nonnull(v);
	return v;
}

/* Asserts a 303 to exactly expected. */
static void assert_redirect(const struct testresp *r, const char *expected)
{
	char *v = location(r);
	ck_assert_str_eq(v, expected);
	free(v);
}

/* The id at the end of "/trackers/ID?…" in a 303's Location. */
static int64_t redirect_id(const struct testresp *r)
{
	char *v = location(r);
	long long id = 0;
	ck_assert_msg(sscanf(v, "/trackers/%lld", &id) == 1, "Location %s", v);
	free(v);
	return id;
}

/* An integer from SQL formatted with the arguments. */
static int64_t q(const char *fmt, ...)
{
	char sql[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	return testapp_query_int(&t, sql);
}

/* A string of n copies of c (static buffer, up to 4095). */
static const char *repeat(char c, size_t n)
{
	static char s[4096];
	memset(s, c, n);
	s[n] = '\0';
	return s;
}

/* Creates a daily tracker called name through the form; returns its id. */
static int64_t make_tracker(struct who *w, const char *name)
{
	struct testresp r;
	post(w, "/trackers", &r, "name", name, "description", "", "time_mode", "daily", "start_date", "", "end_date", "",
	     "color", "#2f80ed", "category_id", "", NULL);
	int64_t id = redirect_id(&r);
	testresp_free(&r);
	return id;
}

/* Adds a task called name to tracker id through the quick form; returns its id. */
static int64_t make_task(struct who *w, int64_t tracker, const char *name)
{
	char path[64];
	snprintf(path, sizeof path, "/trackers/%lld/tasks", (long long)tracker);
	struct testresp r;
	post(w, path, &r, "quick", "1", "name", name, NULL);
	assert_status(&r, 303, "quick add");
	testresp_free(&r);
	return q("SELECT max(id) FROM task_templates");
}

/* ---- the list and the forms ---- */

START_TEST(empty_list_offers_first_tracker)
{
	struct who a;
	who_init(&a, "a@example.org");
	struct testresp r;
	get(&a, "/trackers", &r);
	assert_status(&r, 200, "GET /trackers");
	assert_has(&r, "Create your first tracker");
	assert_has(&r, "href=\"/trackers/new?habit=1\"");
	testresp_free(&r);

	get(&a, "/trackers/new", &r);
	assert_status(&r, 200, "GET /trackers/new");
	assert_has(&r, "<h1>New tracker</h1>");
	assert_has(&r, "name=\"name\" type=\"text\" value=\"\" maxlength=\"100\"");
	assert_has(&r, "maxlength=\"2000\"");
	assert_has(&r, "type=\"date\"");
	assert_has(&r, "<input type=\"hidden\" name=\"csrf\" value=\"");
	assert_lacks(&r, "name=\"habit\"");
	assert_lacks(&r, "style=");
	assert_lacks(&r, "<script");
	testresp_free(&r);

	get(&a, "/trackers/new?habit=1", &r);
	assert_status(&r, 200, "GET /trackers/new?habit=1");
	assert_has(&r, "<h1>New habit</h1>");
	assert_has(&r, "<input type=\"hidden\" name=\"habit\" value=\"1\">");
	assert_lacks(&r, "name=\"time_mode\"");
	testresp_free(&r);
	who_free(&a);
}
END_TEST

START_TEST(create_view_and_list)
{
	struct who a;
	who_init(&a, "a@example.org");
	struct testresp r;
	post(&a, "/categories", &r, "name", "Health", "color", "#22aa55", NULL);
	assert_redirect(&r, "/categories?saved=created");
	testresp_free(&r);
	int64_t cat = q("SELECT id FROM categories WHERE name = 'Health'");
	char cat_text[32];
	snprintf(cat_text, sizeof cat_text, "%lld", (long long)cat);

	post(&a, "/trackers", &r, "name", "  Gym program  ", "description", "Three sessions a week", "time_mode", "weekly",
	     "start_date", "2026-05-13", "end_date", "2026-07-07", "color", "#aa3300", "category_id", cat_text, NULL);
	int64_t id = redirect_id(&r);
	testresp_free(&r);
	ck_assert_int_eq(q("SELECT count(*) FROM trackers"), 1);
	ck_assert_int_eq(q("SELECT count(*) FROM trackers WHERE id = %lld AND name = 'Gym program' AND time_mode = "
			   "'weekly' AND start_date = '2026-05-13' AND end_date = '2026-07-07' AND color = '#aa3300' "
			   "AND category_id = %lld",
			   (long long)id, (long long)cat),
			 1);

	char path[64];
	snprintf(path, sizeof path, "/trackers/%lld?saved=created", (long long)id);
	get(&a, path, &r);
	assert_status(&r, 200, "GET tracker");
	assert_has(&r, "Gym program</h1>");
	assert_has(&r, "The tracker was created.");
	assert_has(&r, "Three sessions a week");
	assert_has(&r, "<dd>Weekly</dd>");
	assert_has(&r, "2026-05-13 – 2026-07-07");
	assert_has(&r, "Week 2 of 8"); /* 22 May is in the week from 20 May */
	assert_has(&r, "<dd>Health</dd>");
	assert_has(&r, "fill=\"#aa3300\"");
	assert_has(&r, "This tracker has no tasks yet.");
	assert_lacks(&r, "legacy");
	testresp_free(&r);

	get(&a, "/trackers", &r);
	assert_status(&r, 200, "GET /trackers");
	assert_has(&r, ">Gym program</a>");
	assert_has(&r, "<td>Weekly</td>");
	assert_has(&r, "(Week 2 of 8)");
	assert_has(&r, "<td>Active</td>");
	assert_lacks(&r, "Create your first tracker");
	testresp_free(&r);

	/* a 21-day daily challenge from 18 May: 22 May is day 5 */
	post(&a, "/trackers", &r, "name", "Detox", "description", "", "time_mode", "daily", "start_date", "2026-05-18",
	     "end_date", "2026-06-07", "color", "#2f80ed", "category_id", "", NULL);
	int64_t detox = redirect_id(&r);
	testresp_free(&r);
	snprintf(path, sizeof path, "/trackers/%lld", (long long)detox);
	get(&a, path, &r);
	assert_has(&r, "Day 5 of 21");
	testresp_free(&r);
	who_free(&a);
}
END_TEST

START_TEST(habit_shortcut_makes_tracker_and_task)
{
	struct who a;
	who_init(&a, "a@example.org");
	struct testresp r;
	post(&a, "/trackers", &r, "habit", "1", "name", "Drink water", "color", "#1188ff", NULL);
	int64_t id = redirect_id(&r);
	testresp_free(&r);
	ck_assert_int_eq(q("SELECT count(*) FROM trackers"), 1);
	ck_assert_int_eq(q("SELECT count(*) FROM task_templates"), 1);
	ck_assert_int_eq(q("SELECT count(*) FROM trackers WHERE id = %lld AND name = 'Drink water' AND time_mode = "
			   "'daily' AND start_date IS NULL AND color = '#1188ff'",
			   (long long)id),
			 1);
	ck_assert_int_eq(q("SELECT count(*) FROM task_templates WHERE tracker_id = %lld AND name = 'Drink water' AND "
			   "schedule_kind = 'every_period' AND kind = 'check'",
			   (long long)id),
			 1);
	char path[64];
	snprintf(path, sizeof path, "/trackers/%lld", (long long)id);
	get(&a, path, &r);
	assert_has(&r, ">Drink water</a></h3>");
	assert_has(&r, "Every day");
	testresp_free(&r);

	/* an empty habit name saves nothing */
	post(&a, "/trackers", &r, "habit", "1", "name", " ", "color", "#1188ff", NULL);
	assert_status(&r, 422, "empty habit");
	assert_has(&r, "Enter a name.");
	assert_has(&r, "<input type=\"hidden\" name=\"habit\" value=\"1\">");
	testresp_free(&r);
	/* a habit whose name is taken saves neither tracker nor task */
	post(&a, "/trackers", &r, "habit", "1", "name", "drink WATER", "color", "#1188ff", NULL);
	assert_status(&r, 422, "taken habit");
	assert_has(&r, "You already have a tracker with this name.");
	assert_has(&r, "value=\"drink WATER\"");
	testresp_free(&r);
	ck_assert_int_eq(q("SELECT count(*) FROM trackers"), 1);
	ck_assert_int_eq(q("SELECT count(*) FROM task_templates"), 1);
	who_free(&a);
}
END_TEST

/* Posts a create form with one field replaced and asserts 422, the message next to that
 * field (aria-describedby), the typed value kept, and no new tracker. */
static void bad_create(struct who *w, const char *field, const char *value, const char *message, const char *kept)
{
	const char *f[] = { "name", "Morning", "description", "My routine", "time_mode", "daily", "start_date", "2026-05-01",
			    "end_date", "2026-05-31", "color", "#2f80ed", "category_id", "" };
	const char *v[7];
	for (int i = 0; i < 7; i++)
		v[i] = strcmp(f[2 * i], field) == 0 ? value : f[2 * i + 1];
	int64_t before = q("SELECT count(*) FROM trackers");
	struct testresp r;
	post(w, "/trackers", &r, "name", v[0], "description", v[1], "time_mode", v[2], "start_date", v[3], "end_date", v[4],
	     "color", v[5], "category_id", v[6], NULL);
	assert_status(&r, 422, field);
	assert_has(&r, message);
	char described[64];
	snprintf(described, sizeof described, "aria-describedby=\"%s-error\"", field);
	assert_has(&r, described);
	if (kept)
		assert_has(&r, kept);
	if (strcmp(field, "description") != 0)
		assert_has(&r, "My routine"); /* the other fields keep what was typed */
	if (strcmp(field, "start_date") != 0)
		assert_has(&r, "value=\"2026-05-01\"");
	testresp_free(&r);
	ck_assert_int_eq(q("SELECT count(*) FROM trackers"), before);
}

START_TEST(create_bad_input)
{
	struct who a, b;
	who_init(&a, "a@example.org");
	who_init(&b, "b@example.org");
	char long_name[102];
	memset(long_name, 'n', 101);
	long_name[101] = '\0';
	bad_create(&a, "name", "", "Enter a name.", NULL);
	bad_create(&a, "name", long_name, "Use at most 100 characters for the name.", long_name);
	bad_create(&a, "description", repeat('d', 2001), "Use at most 2000 characters for the description.", NULL);
	bad_create(&a, "start_date", "2026-02-30", "Enter a real date", "value=\"2026-02-30\"");
	bad_create(&a, "end_date", "31/05/2026", "Enter a real date", "value=\"31/05/2026\"");
	bad_create(&a, "end_date", "2026-04-30", "The end date cannot be before the start date.", "value=\"2026-04-30\"");
	bad_create(&a, "color", "red", "Choose a colour like #2f80ed.", NULL);
	bad_create(&a, "time_mode", "yearly", "Choose daily, weekly or monthly.", NULL);
	bad_create(&a, "category_id", "abc", "Choose a category from the list.", NULL);

	/* several problems at once: each next to its field */
	struct testresp r;
	post(&a, "/trackers", &r, "name", "", "description", "", "time_mode", "daily", "start_date", "2026-05-10",
	     "end_date", "2026-05-01", "color", "nope", "category_id", "", NULL);
	assert_status(&r, 422, "several");
	assert_has(&r, "Enter a name.");
	assert_has(&r, "The end date cannot be before the start date.");
	assert_has(&r, "Choose a colour like #2f80ed.");
	testresp_free(&r);

	/* a name another active tracker has (any case) */
	make_tracker(&a, "Morning");
	bad_create(&a, "name", "MORNING", "You already have a tracker with this name.", "value=\"MORNING\"");

	/* another user's category: 404, nothing saved */
	post(&b, "/categories", &r, "name", "Work", "color", "#000000", NULL);
	testresp_free(&r);
	char other_cat[32];
	snprintf(other_cat, sizeof other_cat, "%lld", (long long)q("SELECT id FROM categories WHERE name = 'Work'"));
	post(&a, "/trackers", &r, "name", "Evening", "time_mode", "daily", "color", "#2f80ed", "category_id", other_cat,
	     NULL);
	assert_status(&r, 404, "foreign category");
	testresp_free(&r);
	ck_assert_int_eq(q("SELECT count(*) FROM trackers"), 1);
	who_free(&a);
	who_free(&b);
}
END_TEST

START_TEST(edit_and_mode_change_marks_legacy)
{
	struct who a;
	who_init(&a, "a@example.org");
	int64_t id = make_tracker(&a, "Reading");
	make_task(&a, id, "Read 20 pages");
	struct testresp r;
	/* Today opens the current period: one daily instance */
	get(&a, "/", &r);
	assert_status(&r, 200, "Today");
	testresp_free(&r);
	ck_assert_int_eq(q("SELECT count(*) FROM tracker_instances WHERE tracker_id = %lld", (long long)id), 1);

	char path[64], edit[64];
	snprintf(path, sizeof path, "/trackers/%lld", (long long)id);
	snprintf(edit, sizeof edit, "/trackers/%lld/edit", (long long)id);
	get(&a, edit, &r);
	assert_status(&r, 200, "GET edit");
	char *name = testhtml_input(r.body, "name");
	ck_assert_str_eq(name, "Reading");
	free(name);
	char *mode = testhtml_selected(r.body, "time_mode");
	ck_assert_str_eq(mode, "daily");
	free(mode);
	assert_has(&r, "Changing the time mode takes effect today");
	testresp_free(&r);

	/* a bad edit changes nothing and keeps what was typed */
	post(&a, path, &r, "name", "Reading more", "description", "typed", "time_mode", "weekly", "start_date", "",
	     "end_date", "", "color", "#zzzzzz", "category_id", "", NULL);
	assert_status(&r, 422, "bad edit");
	assert_has(&r, "Choose a colour like #2f80ed.");
	assert_has(&r, "value=\"Reading more\"");
	assert_has(&r, ">typed</textarea>");
	mode = testhtml_selected(r.body, "time_mode");
	ck_assert_str_eq(mode, "weekly");
	free(mode);
	testresp_free(&r);
	ck_assert_int_eq(q("SELECT count(*) FROM trackers WHERE name = 'Reading' AND time_mode = 'daily'"), 1);

	/* the edit with a new time mode */
	post(&a, path, &r, "name", "Reading more", "description", "Books", "time_mode", "weekly", "start_date", "",
	     "end_date", "", "color", "#336699", "category_id", "", NULL);
	char expected[80];
	snprintf(expected, sizeof expected, "/trackers/%lld?saved=changes", (long long)id);
	assert_redirect(&r, expected);
	testresp_free(&r);
	ck_assert_int_eq(q("SELECT count(*) FROM trackers WHERE id = %lld AND name = 'Reading more' AND description = "
			   "'Books' AND time_mode = 'weekly' AND time_mode_since = '2026-05-22' AND color = '#336699'",
			   (long long)id),
			 1);
	ck_assert_int_eq(q("SELECT count(*) FROM tracker_instances WHERE tracker_id = %lld AND legacy = 1", (long long)id),
			 1);
	get(&a, path, &r);
	assert_has(&r, "<dd>Weekly</dd>");
	assert_has(&r, "This tracker has been weekly since 2026-05-22.");
	assert_has(&r, "shown as legacy");
	testresp_free(&r);
	/* the new period is weekly and not legacy */
	get(&a, "/", &r);
	testresp_free(&r);
	ck_assert_int_eq(q("SELECT count(*) FROM tracker_instances WHERE tracker_id = %lld AND legacy = 0 AND time_mode "
			   "= 'weekly'",
			   (long long)id),
			 1);

	/* a mode whose periods a task's schedule does not fit is refused, naming the task */
	int64_t monthly;
	post(&a, "/trackers", &r, "name", "Calls", "time_mode", "monthly", "color", "#2f80ed", NULL);
	monthly = redirect_id(&r);
	testresp_free(&r);
	char tasks[64], monthly_path[64];
	snprintf(tasks, sizeof tasks, "/trackers/%lld/tasks", (long long)monthly);
	post(&a, tasks, &r, "name", "Call home", "points", "1", "weight", "1", "time_of_day", "any", "kind", "check",
	     "schedule_kind", "times_per_period", "times", "20", "difficulty", "3", "priority", "normal", "status", "active",
	     NULL);
	assert_status(&r, 303, "20 times a month");
	testresp_free(&r);
	snprintf(monthly_path, sizeof monthly_path, "/trackers/%lld", (long long)monthly);
	post(&a, monthly_path, &r, "name", "Calls", "description", "", "time_mode", "weekly", "start_date", "", "end_date",
	     "", "color", "#2f80ed", "category_id", "", NULL);
	assert_status(&r, 422, "mode the tasks do not fit");
	assert_has(&r, "The task “Call home” cannot keep its schedule");
	assert_has(&r, "aria-describedby=\"time_mode-error\"");
	testresp_free(&r);
	ck_assert_int_eq(q("SELECT count(*) FROM trackers WHERE id = %lld AND time_mode = 'monthly' AND time_mode_since IS "
			   "NULL",
			   (long long)monthly),
			 1);

	/* an edit to a name another tracker has */
	make_tracker(&a, "Writing");
	post(&a, path, &r, "name", "writing", "description", "", "time_mode", "weekly", "start_date", "", "end_date", "",
	     "color", "#336699", "category_id", "", NULL);
	assert_status(&r, 422, "taken on edit");
	assert_has(&r, "You already have a tracker with this name.");
	testresp_free(&r);
	ck_assert_int_eq(q("SELECT count(*) FROM trackers WHERE name = 'Reading more'"), 1);
	who_free(&a);
}
END_TEST

START_TEST(status_changes_and_filters)
{
	struct who a;
	who_init(&a, "a@example.org");
	int64_t id = make_tracker(&a, "Yoga");
	make_tracker(&a, "Running");
	char path[64];
	snprintf(path, sizeof path, "/trackers/%lld/status", (long long)id);
	struct testresp r;
	post(&a, path, &r, "status", "paused", NULL);
	char expected[80];
	snprintf(expected, sizeof expected, "/trackers/%lld?saved=status", (long long)id);
	assert_redirect(&r, expected);
	testresp_free(&r);
	ck_assert_int_eq(q("SELECT count(*) FROM trackers WHERE id = %lld AND status = 'paused'", (long long)id), 1);

	get(&a, "/trackers", &r);
	assert_lacks(&r, ">Yoga</a>");
	assert_has(&r, ">Running</a>");
	testresp_free(&r);
	get(&a, "/trackers?status=paused", &r);
	assert_has(&r, ">Yoga</a>");
	assert_lacks(&r, ">Running</a>");
	assert_has(&r, "aria-current=\"page\">Paused</a>");
	testresp_free(&r);
	snprintf(path, sizeof path, "/trackers/%lld", (long long)id);
	get(&a, path, &r);
	assert_has(&r, "value=\"active\">Resume</button>");
	testresp_free(&r);

	snprintf(path, sizeof path, "/trackers/%lld/status", (long long)id);
	post(&a, path, &r, "status", "archived", NULL);
	testresp_free(&r);
	get(&a, "/trackers?status=archived", &r);
	assert_has(&r, ">Yoga</a>");
	assert_has(&r, "<td>Archived</td>");
	testresp_free(&r);
	get(&a, "/trackers?status=paused", &r);
	assert_has(&r, "No paused trackers.");
	testresp_free(&r);
	get(&a, "/trackers?status=all", &r);
	assert_has(&r, ">Yoga</a>");
	assert_has(&r, ">Running</a>");
	testresp_free(&r);

	post(&a, path, &r, "status", "active", NULL);
	testresp_free(&r);
	ck_assert_int_eq(q("SELECT count(*) FROM trackers WHERE id = %lld AND status = 'active'", (long long)id), 1);
	/* an unknown status is refused and changes nothing */
	post(&a, path, &r, "status", "deleted", NULL);
	assert_status(&r, 400, "unknown status");
	testresp_free(&r);
	ck_assert_int_eq(q("SELECT count(*) FROM trackers WHERE id = %lld AND status = 'active'", (long long)id), 1);
	who_free(&a);
}
END_TEST

START_TEST(delete_trash_and_restore_with_name_clash)
{
	struct who a;
	who_init(&a, "a@example.org");
	int64_t id = make_tracker(&a, "Meditation");
	int64_t task = make_task(&a, id, "Sit 10 minutes");
	struct testresp r;
	get(&a, "/", &r); /* a period with a task instance */
	testresp_free(&r);
	char path[64];
	snprintf(path, sizeof path, "/trackers/%lld/delete", (long long)id);
	post(&a, path, &r, NULL);
	assert_redirect(&r, "/trackers?deleted=1");
	testresp_free(&r);
	ck_assert_int_eq(q("SELECT count(*) FROM trackers WHERE deleted_at IS NOT NULL"), 1);
	ck_assert_int_eq(q("SELECT count(*) FROM task_templates WHERE id = %lld AND deleted_at IS NOT NULL", (long long)task),
			 1);
	ck_assert_int_eq(q("SELECT count(*) FROM task_instances WHERE deleted_at IS NULL"), 0);

	get(&a, "/trackers?deleted=1", &r);
	assert_has(&r, "The tracker was moved to the trash.");
	assert_lacks(&r, ">Meditation</a>");
	testresp_free(&r);
	snprintf(path, sizeof path, "/trackers/%lld", (long long)id);
	get(&a, path, &r);
	assert_status(&r, 404, "deleted tracker");
	testresp_free(&r);
	get(&a, "/trash", &r);
	assert_status(&r, 200, "trash");
	assert_has(&r, "Meditation");
	snprintf(path, sizeof path, "action=\"/trackers/%lld/restore\"", (long long)id);
	assert_has(&r, path);
	assert_has(&r, "No deleted tasks.");
	testresp_free(&r);

	/* a new tracker takes the name; the restored one becomes "Meditation (Restored)" */
	make_tracker(&a, "Meditation");
	snprintf(path, sizeof path, "/trackers/%lld/restore", (long long)id);
	post(&a, path, &r, NULL);
	char expected[80];
	snprintf(expected, sizeof expected, "/trash?restored=%lld&renamed=1", (long long)id);
	assert_redirect(&r, expected);
	testresp_free(&r);
	ck_assert_int_eq(q("SELECT count(*) FROM trackers WHERE id = %lld AND name = 'Meditation (Restored)' AND "
			   "deleted_at IS NULL",
			   (long long)id),
			 1);
	ck_assert_int_eq(q("SELECT count(*) FROM task_instances WHERE deleted_at IS NULL"), 1);
	get(&a, expected, &r);
	assert_has(&r, "now called “Meditation (Restored)”");
	assert_has(&r, "No deleted trackers.");
	testresp_free(&r);
	/* restoring what is not in the trash */
	post(&a, path, &r, NULL);
	assert_status(&r, 404, "restore twice");
	testresp_free(&r);
	who_free(&a);
}
END_TEST

START_TEST(clone_copies_tasks_not_history)
{
	struct who a;
	who_init(&a, "a@example.org");
	int64_t id = make_tracker(&a, "Morning routine");
	make_task(&a, id, "Water");
	make_task(&a, id, "Stretch");
	struct testresp r;
	get(&a, "/", &r);
	testresp_free(&r);
	char path[64];
	snprintf(path, sizeof path, "/trackers/%lld/clone", (long long)id);
	post(&a, path, &r, NULL);
	int64_t copy = redirect_id(&r);
	testresp_free(&r);
	ck_assert_int_ne(copy, id);
	ck_assert_int_eq(q("SELECT count(*) FROM trackers WHERE id = %lld AND name = 'Morning routine (copy)'",
			   (long long)copy),
			 1);
	ck_assert_int_eq(q("SELECT count(*) FROM task_templates WHERE tracker_id = %lld", (long long)copy), 2);
	ck_assert_int_eq(q("SELECT count(*) FROM tracker_instances WHERE tracker_id = %lld", (long long)copy), 0);
	snprintf(path, sizeof path, "/trackers/%lld?saved=cloned", (long long)copy);
	get(&a, path, &r);
	assert_has(&r, "Morning routine (copy)</h1>");
	assert_has(&r, ">Water</a>");
	assert_has(&r, ">Stretch</a>");
	assert_has(&r, "none of its history");
	testresp_free(&r);
	who_free(&a);
}
END_TEST

/* The order of the trackers' names in the list body. */
static void assert_order(struct who *w, const char *first, const char *second, const char *third)
{
	struct testresp r;
	get(w, "/trackers", &r);
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
	struct who a;
	who_init(&a, "a@example.org");
	int64_t x = make_tracker(&a, "Alpha");
	make_tracker(&a, "Beta");
	int64_t z = make_tracker(&a, "Gamma");
	assert_order(&a, "Alpha", "Beta", "Gamma");
	struct testresp r;
	char path[64];
	snprintf(path, sizeof path, "/trackers/%lld/move", (long long)z);
	post(&a, path, &r, "direction", "up", "back", "/trackers", NULL);
	assert_redirect(&r, "/trackers");
	testresp_free(&r);
	assert_order(&a, "Alpha", "Gamma", "Beta");
	snprintf(path, sizeof path, "/trackers/%lld/move", (long long)x);
	post(&a, path, &r, "direction", "down", "back", "/trackers?status=all", NULL);
	assert_redirect(&r, "/trackers?status=all");
	testresp_free(&r);
	assert_order(&a, "Gamma", "Alpha", "Beta");
	/* the first one moving up stays; an off-site back is not followed */
	snprintf(path, sizeof path, "/trackers/%lld/move", (long long)z);
	post(&a, path, &r, "direction", "up", "back", "https://evil.example/", NULL);
	assert_redirect(&r, "/trackers");
	testresp_free(&r);
	assert_order(&a, "Gamma", "Alpha", "Beta");
	post(&a, path, &r, "direction", "sideways", NULL);
	assert_status(&r, 400, "bad direction");
	testresp_free(&r);
	/* the list shows no "Move up" for the first and no "Move down" for the last */
	get(&a, "/trackers", &r);
	const char *first_row = strstr(r.body, ">Gamma</a>"), *up = strstr(r.body, "value=\"up\"");
	ck_assert_ptr_nonnull(up);
	ck_assert_ptr_nonnull(first_row);
	ck_assert_msg(strstr(first_row, ">Alpha</a>") < up, "the first row has a Move up button");
	testresp_free(&r);
	who_free(&a);
}
END_TEST

START_TEST(tag_filter_on_the_list)
{
	struct who a, b;
	who_init(&a, "a@example.org");
	who_init(&b, "b@example.org");
	struct testresp r;
	post(&a, "/tags", &r, "name", "Health", "color", "#00aa00", NULL);
	assert_redirect(&r, "/tags?saved=created");
	testresp_free(&r);
	int64_t tag = q("SELECT id FROM tags WHERE name = 'Health'");
	int64_t gym = make_tracker(&a, "Gym");
	make_tracker(&a, "Finance");
	int64_t task = make_task(&a, gym, "Squats");
	char path[96], tag_text[32];
	snprintf(tag_text, sizeof tag_text, "%lld", (long long)tag);
	snprintf(path, sizeof path, "/trackers/%lld/tasks/%lld", (long long)gym, (long long)task);
	post(&a, path, &r, "name", "Squats", "description", "", "points", "1", "weight", "1", "time_of_day", "any", "kind",
	     "check", "target_value", "", "direction", "at_least", "unit", "", "schedule_kind", "every_period",
	     "interval_days", "2", "anchor", "2026-05-22", "times", "3", "window_days", "7", "difficulty", "3", "priority",
	     "normal", "status", "active", "counts_toward_goals", "1", "tags", tag_text, "reminder_time", "", NULL);
	assert_status(&r, 303, "tagging");
	testresp_free(&r);

	snprintf(path, sizeof path, "/trackers?tag=%lld", (long long)tag);
	get(&a, path, &r);
	assert_status(&r, 200, "tag filter");
	assert_has(&r, ">Gym</a>");
	assert_lacks(&r, ">Finance</a>");
	assert_has(&r, "aria-current=\"page\">");
	testresp_free(&r);
	/* another user cannot filter by it */
	get(&b, path, &r);
	assert_status(&r, 404, "foreign tag filter");
	testresp_free(&r);
	get(&a, "/trackers?tag=abc", &r);
	assert_status(&r, 404, "malformed tag filter");
	testresp_free(&r);
	who_free(&a);
	who_free(&b);
}
END_TEST

/* ---- categories ---- */

START_TEST(categories_create_rename_delete)
{
	struct who a;
	who_init(&a, "a@example.org");
	struct testresp r;
	get(&a, "/categories", &r);
	assert_status(&r, 200, "categories");
	assert_has(&r, "No categories yet.");
	assert_has(&r, "maxlength=\"50\"");
	testresp_free(&r);
	post(&a, "/categories", &r, "name", "Health", "color", "#22aa55", NULL);
	assert_redirect(&r, "/categories?saved=created");
	testresp_free(&r);
	int64_t id = q("SELECT id FROM categories WHERE name = 'Health'");
	get(&a, "/categories?saved=created", &r);
	assert_has(&r, "The category was created.");
	assert_has(&r, "value=\"Health\"");
	assert_has(&r, "fill=\"#22aa55\"");
	assert_has(&r, "0 trackers");
	testresp_free(&r);

	char path[64];
	snprintf(path, sizeof path, "/categories/%lld", (long long)id);
	post(&a, path, &r, "name", "Body and mind", "color", "#123456", NULL);
	assert_redirect(&r, "/categories?saved=changed");
	testresp_free(&r);
	ck_assert_int_eq(q("SELECT count(*) FROM categories WHERE name = 'Body and mind' AND color = '#123456'"), 1);

	/* bad input on create and on rename: 422, typed values kept, nothing saved */
	post(&a, "/categories", &r, "name", "", "color", "#22aa55", NULL);
	assert_status(&r, 422, "empty category");
	assert_has(&r, "Enter a name.");
	assert_has(&r, "aria-describedby=\"new_name-error\"");
	testresp_free(&r);
	post(&a, "/categories", &r, "name", repeat('c', 51), "color", "#22aa55", NULL);
	assert_status(&r, 422, "long category");
	assert_has(&r, "Use at most 50 characters for the name.");
	assert_has(&r, repeat('c', 51));
	testresp_free(&r);
	post(&a, "/categories", &r, "name", "Work", "color", "blue", NULL);
	assert_status(&r, 422, "bad colour");
	assert_has(&r, "Choose a colour like #2f80ed.");
	assert_has(&r, "value=\"Work\"");
	testresp_free(&r);
	post(&a, "/categories", &r, "name", "body AND mind", "color", "#000000", NULL);
	assert_status(&r, 422, "taken");
	assert_has(&r, "You already have a category with this name.");
	testresp_free(&r);
	ck_assert_int_eq(q("SELECT count(*) FROM categories"), 1);
	post(&a, path, &r, "name", "   ", "color", "#123456", NULL);
	assert_status(&r, 422, "empty rename");
	char described[64];
	snprintf(described, sizeof described, "aria-describedby=\"name_%lld-error\"", (long long)id);
	assert_has(&r, described);
	testresp_free(&r);
	ck_assert_int_eq(q("SELECT count(*) FROM categories WHERE name = 'Body and mind'"), 1);

	/* a tracker in the category; deleting the category keeps the tracker */
	char cat_text[32];
	snprintf(cat_text, sizeof cat_text, "%lld", (long long)id);
	post(&a, "/trackers", &r, "name", "Gym", "time_mode", "daily", "color", "#2f80ed", "category_id", cat_text, NULL);
	int64_t gym = redirect_id(&r);
	testresp_free(&r);
	snprintf(path, sizeof path, "/trackers/%lld/edit", (long long)gym);
	get(&a, path, &r);
	char *selected = testhtml_selected(r.body, "category_id");
	ck_assert_str_eq(selected, cat_text);
	free(selected);
	testresp_free(&r);
	snprintf(path, sizeof path, "/categories/%lld/delete", (long long)id);
	post(&a, path, &r, NULL);
	assert_redirect(&r, "/categories?saved=deleted");
	testresp_free(&r);
	ck_assert_int_eq(q("SELECT count(*) FROM categories"), 0);
	ck_assert_int_eq(q("SELECT count(*) FROM trackers WHERE id = %lld AND category_id IS NULL", (long long)gym), 1);
	who_free(&a);
}
END_TEST

/* ---- another user's ids ---- */

/* Asserts that method path as w answers 404. */
static void assert_404(struct who *w, const char *method, const char *path)
{
	struct testresp r;
	if (strcmp(method, "GET") == 0)
		get(w, path, &r);
	else
		post(w, path, &r, "name", "Hijacked", "description", "", "time_mode", "weekly", "color", "#000000",
		     "category_id", "", "status", "archived", "direction", "up", NULL);
	ck_assert_msg(r.status == 404, "%s %s answered %d", method, path, r.status);
	testresp_free(&r);
}

START_TEST(other_users_ids_are_404)
{
	struct who a, b;
	who_init(&a, "a@example.org");
	who_init(&b, "b@example.org");
	int64_t theirs = make_tracker(&b, "Private");
	int64_t gone = make_tracker(&b, "Gone");
	struct testresp r;
	char path[96];
	snprintf(path, sizeof path, "/trackers/%lld/delete", (long long)gone);
	post(&b, path, &r, NULL);
	testresp_free(&r);
	post(&b, "/categories", &r, "name", "Secret", "color", "#000000", NULL);
	testresp_free(&r);
	int64_t cat = q("SELECT id FROM categories WHERE name = 'Secret'");
	make_tracker(&a, "Mine");
	int64_t before = q("SELECT count(*) FROM trackers"), before_cats = q("SELECT count(*) FROM categories");

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
	ck_assert_int_eq(q("SELECT count(*) FROM trackers"), before);
	ck_assert_int_eq(q("SELECT count(*) FROM categories"), before_cats);
	ck_assert_int_eq(q("SELECT count(*) FROM trackers WHERE id = %lld AND name = 'Private' AND status = 'active' AND "
			   "time_mode = 'daily' AND deleted_at IS NULL",
			   (long long)theirs),
			 1);
	ck_assert_int_eq(q("SELECT count(*) FROM trackers WHERE id = %lld AND deleted_at IS NOT NULL", (long long)gone), 1);
	ck_assert_int_eq(q("SELECT count(*) FROM categories WHERE name = 'Secret'"), 1);
	/* and none of it shows on their lists */
	get(&a, "/trash", &r);
	assert_lacks(&r, "Gone");
	testresp_free(&r);
	get(&a, "/trackers?status=all", &r);
	assert_lacks(&r, "Private");
	testresp_free(&r);
	get(&a, "/categories", &r);
	assert_lacks(&r, "Secret");
	testresp_free(&r);
	who_free(&a);
	who_free(&b);
}
END_TEST

static Suite *pages_tracker_suite(void)
{
	Suite *s = suite_create("pages_tracker");
	TCase *tc = tcase_create("trackers");
	tcase_add_checked_fixture(tc, setup, teardown);
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
