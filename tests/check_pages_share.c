/* check_pages_share: request tests of share links (issue 7) — creating one from a tracker's
 * and a goal's page (the address shown once, 422 for bad input), the /shares list and its
 * actions, each link state on /s/{token} (active, deactivated, regenerated old token, expired,
 * used up, password wrong and right, throttled), what each option shows and hides (a private
 * note never appears unless notes are shared; another tracker's name and the owner's address
 * never appear), the headers of every public answer, the embeddable heatmap, and that an owner
 * cannot manage another user's links (404). */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civil.h"
#include "goal.h"
#include "http.h"
#include "instance.h"
#include "task.h"
#include "testpages.h"
#include "tracker.h"

#define BASE "http://127.0.0.1:8080"
#define TODAY_TEXT "2026-05-22"
#define NOON(day) ((int64_t)(day) * 86400 + 12 * 3600)
#define PW "correct horse battery"
#define NOTE "My private diary entry about the dentist"
#define TASK_NOTE "secret task-instance note"

static struct testuser ann, bob;
static int64_t morning, diary, bob_tracker, stretch;

static struct db *db(void)
{
	return &testpage_app.app.db;
}

static int64_t today(void)
{
	int64_t d;
	ck_assert_int_eq(civil_parse(TODAY_TEXT, &d), 0);
	return d;
}

/* Sets task's instance of day (opening it) to status. */
static void mark(int64_t user, int64_t tracker, int64_t task, int64_t day, enum instance_status status)
{
	struct arena a;
	arena_init(&a);
	struct tracker t;
	ck_assert_int_eq(tracker_get(db(), &a, user, tracker, false, &t), TRACKER_OK);
	struct tracker_instance ti;
	ck_assert_int_eq(instance_open(db(), NOON(day), &t, 1, day, &ti), INSTANCE_OK);
	int64_t id = testpage_int("SELECT id FROM task_instances WHERE tracker_instance_id = %lld AND task_template_id = %lld",
				  (long long)ti.id, (long long)task);
	ck_assert_int_gt(id, 0);
	ck_assert_int_eq(instance_set(db(), NOON(day), day, user, id, status, false, 0, SOURCE_WEB), INSTANCE_OK);
	arena_free(&a);
}

/* A daily tracker of user made 30 days ago. */
static int64_t make_tracker(int64_t user, const char *name)
{
	struct tracker_input in = { name, "", TIME_MODE_DAILY, TRACKER_NO_DATE, TRACKER_NO_DATE, "#2f6f4f", 0 };
	int64_t id;
	ck_assert_int_eq(tracker_create(db(), NOON(today() - 30), user, &in, &id), TRACKER_OK);
	return id;
}

static int64_t make_task(int64_t user, int64_t tracker, const char *name)
{
	struct task_input in;
	task_input_defaults(&in);
	in.name = name;
	int64_t id;
	ck_assert_int_eq(task_create(db(), NOON(today() - 30), user, tracker, &in, &id), TASK_OK);
	return id;
}

/* Ann: "Morning" with Stretch (done the last four days) and Meditate (missed four days ago,
 * done on the next two, skipped yesterday): a current streak of 3 days; a day note and a
 * private task note. "Private Diary" with "Write pages". Bob: "Bob Secret Tracker". */
static void setup(void)
{
	testpage_setup();
	testuser_init(&ann, "ann@example.org");
	testuser_init(&bob, "bob@example.org");
	ck_assert_int_eq(db_begin_write(db()), 0);
	morning = make_tracker(ann.id, "Morning");
	diary = make_tracker(ann.id, "Private Diary");
	bob_tracker = make_tracker(bob.id, "Bob Secret Tracker");
	stretch = make_task(ann.id, morning, "Stretch");
	int64_t meditate = make_task(ann.id, morning, "Meditate");
	make_task(ann.id, diary, "Write pages");
	make_task(bob.id, bob_tracker, "Bob task");
	for (int back = 4; back >= 1; back--)
		mark(ann.id, morning, stretch, today() - back, INSTANCE_DONE);
	mark(ann.id, morning, meditate, today() - 4, INSTANCE_MISSED);
	mark(ann.id, morning, meditate, today() - 3, INSTANCE_DONE);
	mark(ann.id, morning, meditate, today() - 2, INSTANCE_DONE);
	mark(ann.id, morning, meditate, today() - 1, INSTANCE_SKIPPED);
	ck_assert_int_eq(db_commit(db()), 0);
	ck_assert_int_eq(db_exec(db(), "UPDATE task_instances SET note = '" TASK_NOTE "'", NULL), 0);
	struct testresp r;
	char path[96];
	snprintf(path, sizeof path, "/trackers/%lld/notes/2026-05-21", (long long)morning);
	testpage_post(&ann, path, &r, "note", NOTE, NULL);
	ck_assert_int_eq(r.status, 303);
	testresp_free(&r);
}

static void teardown(void)
{
	testuser_free(&ann);
	testuser_free(&bob);
	testpage_teardown();
}

/* The path ("/s/…") of the address shown on a "link created" page. */
static char *shown_path(const struct testresp *r)
{
	testpage_assert_status(r, 200, "share created");
	char *url = testhtml_input(r->body, "share_url");
	ck_assert_msg(url != NULL, "no address on:\n%.2000s", r->body);
	ck_assert_msg(strncmp(url, BASE "/s/", strlen(BASE "/s/")) == 0, "address %s", url);
	char *path = strdup(url + strlen(BASE));
	ck_assert_uint_eq(strlen(path), 3 + TOKEN_TEXT_LEN);
	free(url);
	return path;
}

/* Creates a link to Ann's tracker id with the given fields (name, value pairs, NULL-ended);
 * returns its path. */
static char *share_tracker(int64_t id, ...)
{
	const char *names[20], *values[20];
	size_t n = 0;
	va_list ap;
	va_start(ap, id);
	const char *name;
	while ((name = va_arg(ap, const char *))) {
		names[n] = name;
		values[n++] = va_arg(ap, const char *);
	}
	va_end(ap);
	char path[64];
	snprintf(path, sizeof path, "/trackers/%lld/shares", (long long)id);
	struct testresp r;
	testpage_post_fields(&ann, path, names, values, n, &r);
	char *p = shown_path(&r);
	testresp_free(&r);
	return p;
}

/* The id of the link whose label is label. */
static int64_t link_id(const char *label)
{
	char sql[200];
	snprintf(sql, sizeof sql, "SELECT id FROM share_links WHERE label = '%s'", label);
	return testapp_query_int(&testpage_app, sql);
}

/* A visitor without cookies. */
static void visit(const char *method, const char *path, struct testresp *r)
{
	testapp_request(&testpage_app, method, path, NULL, NULL, 0, NULL, r);
}

/* Asserts the headers every public answer carries. */
static void assert_public_headers(const struct testresp *r, const char *what)
{
	static const struct {
		const char *name, *value;
	} want[] = {
		{ "Cache-Control", "no-store" },
		{ "Referrer-Policy", "no-referrer" },
		{ "X-Robots-Tag", "noindex" },
		{ "Content-Security-Policy", HTTP_CSP },
		{ "X-Content-Type-Options", "nosniff" },
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		char *v = testresp_header(r, want[i].name);
		ck_assert_msg(v && strcmp(v, want[i].value) == 0, "%s: %s is %s", what, want[i].name, v ? v : "(none)");
		free(v);
		ck_assert_msg(!testresp_header_nth(r, want[i].name, 1), "%s: two %s headers", what, want[i].name);
	}
	char *type = testresp_header(r, "Content-Type");
	ck_assert_ptr_nonnull(type);
	if (strncmp(type, "text/html", 9) == 0 && r->body_len > 0) {
		ck_assert_msg(strstr(r->body, "<meta name=\"robots\" content=\"noindex\">") != NULL, "%s: no robots meta", what);
		/* the public layout: no navigation, no link into the app */
		ck_assert_msg(strstr(r->body, "<a ") == NULL, "%s: a link on a public page", what);
		ck_assert_msg(strstr(r->body, "/login") == NULL && strstr(r->body, "/trackers") == NULL, "%s: app paths", what);
	}
	free(type);
}

/* GETs path as a visitor, asserting status and the public headers. */
static struct testresp public_get(const char *path, int status)
{
	struct testresp r;
	visit("GET", path, &r);
	testpage_assert_status(&r, status, path);
	assert_public_headers(&r, path);
	return r;
}

/* The body of the 404 page of an unknown token, for comparisons. */
static char *not_found_body(void)
{
	char path[64], token[TOKEN_TEXT_LEN + 1];
	token_new(token);
	snprintf(path, sizeof path, "/s/%s", token);
	struct testresp r = public_get(path, 404);
	char *body = strdup(r.body);
	testresp_free(&r);
	return body;
}

/* ---- states ---- */

START_TEST(each_link_state)
{
	char *unknown = not_found_body();
	ck_assert_ptr_nonnull(strstr(unknown, "Link not found"));

	/* active */
	char *path = share_tracker(morning, "label", "Coach", "expires", "never", NULL);
	struct testresp r = public_get(path, 200);
	testpage_assert_has(&r, "Morning");
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT use_count FROM share_links WHERE id = %lld", (long long)link_id("Coach")), 1);
	/* HEAD looks without taking a use */
	visit("HEAD", path, &r);
	testpage_assert_status(&r, 200, "HEAD");
	assert_public_headers(&r, "HEAD");
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT use_count FROM share_links WHERE id = %lld", (long long)link_id("Coach")), 1);

	/* deactivated: the very page of an unknown token */
	char action[64];
	snprintf(action, sizeof action, "/shares/%lld/deactivate", (long long)link_id("Coach"));
	testpage_post(&ann, action, &r, NULL);
	testpage_assert_redirect(&r, "/shares?done=deactivated");
	testresp_free(&r);
	r = public_get(path, 404);
	ck_assert_str_eq(r.body, unknown);
	testresp_free(&r);

	/* regenerated: the old token is the same 404 for ever, the new one works */
	snprintf(action, sizeof action, "/shares/%lld/regenerate", (long long)link_id("Coach"));
	testpage_post(&ann, action, &r, NULL);
	char *fresh = shown_path(&r);
	testpage_assert_has(&r, "The old address no longer works");
	testresp_free(&r);
	ck_assert_str_ne(fresh, path);
	r = public_get(path, 404);
	ck_assert_str_eq(r.body, unknown);
	testresp_free(&r);
	r = public_get(fresh, 200);
	testresp_free(&r);

	/* used up: exactly N visits, then 410 */
	char *twice = share_tracker(morning, "label", "Twice", "expires", "never", "max_uses", "2", NULL);
	for (int i = 0; i < 2; i++) {
		r = public_get(twice, 200);
		testresp_free(&r);
	}
	r = public_get(twice, 410);
	testpage_assert_has(&r, "as many times as it allows");
	testpage_assert_lacks(&r, "Morning");
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT use_count FROM share_links WHERE id = %lld", (long long)link_id("Twice")), 2);

	/* deleted: 404 too */
	snprintf(action, sizeof action, "/shares/%lld/delete", (long long)link_id("Twice"));
	testpage_post(&ann, action, &r, NULL);
	testpage_assert_redirect(&r, "/shares?done=deleted");
	testresp_free(&r);
	r = public_get(twice, 404);
	ck_assert_str_eq(r.body, unknown);
	testresp_free(&r);

	/* a tracker moved to the trash: 404, not a word about it */
	char *gone = share_tracker(diary, "label", "Diary", NULL);
	char del[64];
	snprintf(del, sizeof del, "/trackers/%lld/delete", (long long)diary);
	testpage_post(&ann, del, &r, NULL);
	testresp_free(&r);
	r = public_get(gone, 404);
	ck_assert_str_eq(r.body, unknown);
	testresp_free(&r);

	/* paths that are not tokens */
	r = public_get("/s/abc", 404);
	ck_assert_str_eq(r.body, unknown);
	testresp_free(&r);

	/* expired (last: the clock moves past the session's life): 410 with a plain explanation, after the clock moved past a week */
	char *week = share_tracker(morning, "label", "Week", "expires", "week", NULL);
	r = public_get(week, 200);
	testresp_free(&r);
	testapp_advance(&testpage_app, 7 * 86400 - 1);
	r = public_get(week, 200);
	testresp_free(&r);
	testapp_advance(&testpage_app, 1);
	r = public_get(week, 410);
	testpage_assert_has(&r, "This link has expired");
	testpage_assert_lacks(&r, "Morning");
	testresp_free(&r);

	free(unknown);
	free(path);
	free(fresh);
	free(week);
	free(twice);
	free(gone);
}
END_TEST

/* Fetches the password form at path into jar and returns its csrf field (malloc'd). */
static char *password_form(struct testjar *jar, const char *path)
{
	struct testresp r;
	testapp_browse(&testpage_app, jar, "GET", path, NULL, NULL, &r);
	testpage_assert_status(&r, 200, "password form");
	assert_public_headers(&r, "password form");
	testpage_assert_has(&r, "This page needs a password");
	testpage_assert_lacks(&r, "Morning");
	testpage_assert_lacks(&r, "Stretch");
	char *csrf = testhtml_input(r.body, "csrf");
	ck_assert_ptr_nonnull(csrf);
	testresp_free(&r);
	return csrf;
}

/* POSTs password to path as a visitor with jar. */
static void try_password(struct testjar *jar, const char *path, const char *csrf, const char *password,
			 struct testresp *r)
{
	char *form = testform("csrf", csrf, "password", password, NULL);
	testapp_browse(&testpage_app, jar, "POST", path, form, NULL, r);
	free(form);
	assert_public_headers(r, "password POST");
}

START_TEST(password_wrong_and_right)
{
	char *path = share_tracker(morning, "label", "Locked", "password", PW, "max_uses", "3", NULL);
	int64_t id = link_id("Locked");
	struct testjar jar;
	testjar_init(&jar);
	char *csrf = password_form(&jar, path);
	/* the form takes no use */
	ck_assert_int_eq(testpage_int("SELECT use_count FROM share_links WHERE id = %lld", (long long)id), 0);
	struct testresp r;
	try_password(&jar, path, csrf, "not the password", &r);
	testpage_assert_status(&r, 422, "wrong password");
	testpage_assert_has(&r, "That password is not right.");
	testpage_assert_lacks(&r, "Morning");
	ck_assert_ptr_null(testresp_set_cookie(&r, "trackpro_share"));
	testresp_free(&r);

	try_password(&jar, path, csrf, PW, &r);
	testpage_assert_redirect(&r, path);
	char *cookie = testresp_set_cookie(&r, "trackpro_share");
	ck_assert_ptr_nonnull(cookie);
	char want_path[80];
	snprintf(want_path, sizeof want_path, "Path=%s", path);
	ck_assert_msg(strstr(cookie, want_path) != NULL, "cookie %s", cookie);
	ck_assert_msg(strstr(cookie, "HttpOnly") && strstr(cookie, "Max-Age=3600") && strstr(cookie, "SameSite=Lax"),
		      "cookie %s", cookie);
	ck_assert_ptr_null(memmem(cookie, strcspn(cookie, ";"), path + 3, TOKEN_TEXT_LEN)); /* the value is not the token */
	free(cookie);
	testresp_free(&r);

	testapp_browse(&testpage_app, &jar, "GET", path, NULL, NULL, &r);
	testpage_assert_status(&r, 200, "unlocked");
	assert_public_headers(&r, "unlocked");
	testpage_assert_has(&r, "Morning");
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT use_count FROM share_links WHERE id = %lld", (long long)id), 1);

	/* another visitor (no cookie) still sees the form; an hour later so does this one */
	r = public_get(path, 200);
	testpage_assert_has(&r, "This page needs a password");
	testresp_free(&r);
	testapp_advance(&testpage_app, 3600);
	free(password_form(&jar, path));
	ck_assert_int_eq(testpage_int("SELECT use_count FROM share_links WHERE id = %lld", (long long)id), 1);
	free(csrf);
	free(path);
	testjar_free(&jar);
}
END_TEST

START_TEST(wrong_passwords_are_throttled)
{
	char *path = share_tracker(morning, "label", "Locked", "password", PW, NULL);
	struct testjar jar;
	testjar_init(&jar);
	char *csrf = password_form(&jar, path);
	struct testresp r;
	for (int i = 0; i < 5; i++) {
		try_password(&jar, path, csrf, "guess", &r);
		testpage_assert_status(&r, 422, "guess");
		testresp_free(&r);
	}
	try_password(&jar, path, csrf, PW, &r);
	testpage_assert_status(&r, 429, "throttled");
	testpage_assert_has(&r, "Too many wrong passwords");
	char *retry = testresp_header(&r, "Retry-After");
	ck_assert_ptr_nonnull(retry);
	ck_assert_str_eq(retry, "1");
	free(retry);
	ck_assert_ptr_null(testresp_set_cookie(&r, "trackpro_share"));
	testresp_free(&r);
	testapp_advance(&testpage_app, 1);
	try_password(&jar, path, csrf, PW, &r);
	testpage_assert_status(&r, 303, "after waiting");
	testresp_free(&r);
	free(csrf);
	free(path);
	testjar_free(&jar);
}
END_TEST

/* ---- what is shown ---- */

START_TEST(options_show_and_hide)
{
	/* the defaults: name, heatmap, streaks, completion — nothing else */
	char *plain = share_tracker(morning, "label", "Plain", NULL);
	struct testresp r = public_get(plain, 200);
	testpage_assert_has(&r, "<h1>");
	testpage_assert_has(&r, "Morning");
	testpage_assert_has(&r, "class=\"chart heatmap\"");
	testpage_assert_has(&r, "Current streak");
	testpage_assert_has(&r, "Longest streak");
	testpage_assert_has(&r, "3 days"); /* Stretch and the tracker: three days in a row… */
	testpage_assert_has(&r, "Last 30 days");
	const char *never[] = { NOTE, TASK_NOTE, "Private Diary", "Write pages", "Bob Secret Tracker", "ann@example.org",
				"bob@example.org", "Ann", "Plain", "<form", "csrf", "/trackers", "/shares" };
	for (size_t i = 0; i < sizeof never / sizeof never[0]; i++)
		testpage_assert_lacks(&r, never[i]);
	testpage_assert_lacks(&r, "Stretch");
	testpage_assert_lacks(&r, "Meditate");
	testpage_assert_lacks(&r, "Recent days");
	testpage_assert_lacks(&r, "Missed");
	testresp_free(&r);

	/* task names */
	char *tasks = share_tracker(morning, "label", "Tasks", "show_tasks", "1", NULL);
	r = public_get(tasks, 200);
	testpage_assert_has(&r, "Stretch");
	testpage_assert_has(&r, "Meditate");
	testpage_assert_lacks(&r, "Recent days");
	testpage_assert_lacks(&r, NOTE);
	testresp_free(&r);

	/* statuses without names */
	char *statuses = share_tracker(morning, "label", "Statuses", "show_statuses", "1", NULL);
	r = public_get(statuses, 200);
	testpage_assert_has(&r, "Recent days");
	testpage_assert_has(&r, "2026-05-21");
	testpage_assert_has(&r, "Skipped");
	testpage_assert_has(&r, "2026-05-18");
	testpage_assert_has(&r, "Missed");
	testpage_assert_has(&r, "1 of 2 done");
	testpage_assert_lacks(&r, "Stretch");
	testpage_assert_lacks(&r, NOTE);
	testresp_free(&r);

	/* notes: only when asked for, and only day notes */
	char *notes = share_tracker(morning, "label", "Notes", "show_notes", "1", NULL);
	r = public_get(notes, 200);
	testpage_assert_has(&r, NOTE);
	testpage_assert_lacks(&r, TASK_NOTE);
	testpage_assert_lacks(&r, "Stretch");
	testresp_free(&r);

	/* everything at once still shows nothing of the other trackers or the owner */
	char *all = share_tracker(morning, "label", "All", "show_tasks", "1", "show_statuses", "1", "show_notes", "1",
				  "allow_embed", "1", NULL);
	r = public_get(all, 200);
	testpage_assert_has(&r, "Stretch: Done");
	testpage_assert_has(&r, NOTE);
	for (size_t i = 0; i < sizeof never / sizeof never[0]; i++)
		if (strcmp(never[i], NOTE) != 0)
			testpage_assert_lacks(&r, never[i]);
	testresp_free(&r);
	free(plain);
	free(tasks);
	free(statuses);
	free(notes);
	free(all);
}
END_TEST

START_TEST(embeddable_heatmap)
{
	char *with = share_tracker(morning, "label", "Embed", "allow_embed", "1", "max_uses", "2", NULL);
	char *without = share_tracker(morning, "label", "NoEmbed", NULL);
	char svg[96];
	snprintf(svg, sizeof svg, "%s/heatmap.svg", with);
	struct testresp r = public_get(svg, 200);
	char *type = testresp_header(&r, "Content-Type");
	ck_assert_str_eq(type, "image/svg+xml; charset=utf-8");
	free(type);
	ck_assert(strncmp(r.body, "<?xml", 5) == 0);
	testpage_assert_has(&r, "<svg xmlns=\"http://www.w3.org/2000/svg\"");
	testpage_assert_has(&r, "Morning in 2026");
	testpage_assert_lacks(&r, "Stretch");
	testpage_assert_lacks(&r, "<a ");
	testresp_free(&r);
	/* checked like the page: it takes a use, and a used-up link answers 410 */
	r = public_get(with, 200);
	testresp_free(&r);
	r = public_get(svg, 410);
	testresp_free(&r);
	/* a link without the option has no image */
	snprintf(svg, sizeof svg, "%s/heatmap.svg", without);
	r = public_get(svg, 404);
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT use_count FROM share_links WHERE label = 'NoEmbed'"), 0);
	free(with);
	free(without);
}
END_TEST

START_TEST(goal_share)
{
	struct goal_input gi = { .name = "Read 12 books", .description = "my secret reasons", .kind = GOAL_TARGET,
				 .unit = "books", .target_value = 12, .start_date = GOAL_NO_DATE,
				 .deadline = today() + 200 };
	int64_t goal = 0;
	ck_assert_int_eq(db_begin_write(db()), 0);
	ck_assert_int_eq(goal_create(db(), NOON(today()), today(), ann.id, &gi, &goal), GOAL_OK);
	ck_assert_int_eq(goal_entry_add(db(), NOON(today()), today(), ann.id, goal, 3, today(), "from the library"),
			 GOAL_OK);
	ck_assert_int_eq(db_commit(db()), 0);
	/* the goal page offers the form */
	char page[64], action[64];
	snprintf(page, sizeof page, "/goals/%lld", (long long)goal);
	snprintf(action, sizeof action, "/goals/%lld/shares", (long long)goal);
	struct testresp r;
	testpage_get(&ann, page, &r);
	testpage_assert_status(&r, 200, page);
	testpage_assert_has(&r, action);
	testresp_free(&r);
	testpage_post(&ann, action, &r, "label", "Books", NULL);
	char *path = shown_path(&r);
	testresp_free(&r);
	r = public_get(path, 200);
	testpage_assert_has(&r, "Read 12 books");
	testpage_assert_has(&r, "3 books of 12 books");
	testpage_assert_has(&r, "<progress");
	testpage_assert_lacks(&r, "my secret reasons");
	testpage_assert_lacks(&r, "from the library");
	testpage_assert_lacks(&r, "Morning");
	testresp_free(&r);
	/* with statuses and notes: the entries */
	testpage_post(&ann, action, &r, "label", "Books2", "show_statuses", "1", "show_notes", "1", NULL);
	free(path);
	path = shown_path(&r);
	testresp_free(&r);
	r = public_get(path, 200);
	testpage_assert_has(&r, "+3 books");
	testpage_assert_has(&r, "from the library");
	testresp_free(&r);
	/* Bob cannot share Ann's goal */
	testpage_post(&bob, action, &r, "label", "Stolen", NULL);
	testpage_assert_status(&r, 404, "Bob shares Ann's goal");
	testresp_free(&r);
	free(path);
}
END_TEST

/* ---- headers ---- */

START_TEST(headers_on_every_share_response)
{
	/* each call of public_get / try_password checks them; here the remaining kinds of answer */
	char *path = share_tracker(morning, "label", "H", NULL);
	struct testresp r;
	visit("GET", "/s/abc/heatmap.svg", &r);
	testpage_assert_status(&r, 404, "unknown svg");
	assert_public_headers(&r, "unknown svg");
	testresp_free(&r);
	/* a password POST to a link without password redirects, with the headers */
	struct testjar jar;
	testjar_init(&jar);
	char *locked = share_tracker(morning, "label", "L", "password", PW, NULL);
	char *csrf = password_form(&jar, locked);
	try_password(&jar, path, csrf, "x", &r);
	testpage_assert_redirect(&r, path);
	testresp_free(&r);
	/* an unknown token's POST */
	char unknown[64], token[TOKEN_TEXT_LEN + 1];
	token_new(token);
	snprintf(unknown, sizeof unknown, "/s/%s", token);
	try_password(&jar, unknown, csrf, PW, &r);
	testpage_assert_status(&r, 404, "unknown POST");
	testresp_free(&r);
	/* the owner's own session does not leak into the public page */
	testpage_get(&ann, path, &r);
	testpage_assert_status(&r, 200, "owner views the link");
	assert_public_headers(&r, "owner views");
	testpage_assert_lacks(&r, "ann@example.org");
	testpage_assert_lacks(&r, ann.csrf);
	testpage_assert_lacks(&r, "Log out");
	testresp_free(&r);
	/* the page holding the address is not cached */
	char create[64];
	snprintf(create, sizeof create, "/trackers/%lld/shares", (long long)morning);
	testpage_post(&ann, create, &r, "label", "X", NULL);
	char *cc = testresp_header(&r, "Cache-Control");
	ck_assert_str_eq(cc, "no-store");
	free(cc);
	testresp_free(&r);
	free(csrf);
	free(locked);
	free(path);
	testjar_free(&jar);
}
END_TEST

/* ---- the owner's pages ---- */

START_TEST(create_refuses_bad_input_with_422)
{
	char path[64];
	snprintf(path, sizeof path, "/trackers/%lld/shares", (long long)morning);
	struct testresp r;
	testpage_post(&ann, path, &r, "label", "Past", "expires", "date", "expires_at", "2026-05-01T10:00", NULL);
	testpage_assert_status(&r, 422, "expiry in the past");
	testpage_assert_has(&r, "The expiry is in the past");
	testpage_assert_has(&r, "value=\"Past\"");
	testpage_assert_has(&r, "value=\"2026-05-01T10:00\"");
	testpage_assert_has(&r, "Share “Morning”");
	testresp_free(&r);
	testpage_post(&ann, path, &r, "label", "Zero", "max_uses", "0", NULL);
	testpage_assert_status(&r, 422, "max uses 0");
	testpage_assert_has(&r, "Allow at least 1 use");
	testresp_free(&r);
	testpage_post(&ann, path, &r, "label", "Junk", "max_uses", "five", NULL);
	testpage_assert_status(&r, 422, "max uses junk");
	testpage_assert_has(&r, "Enter a whole number of uses");
	testresp_free(&r);
	testpage_post(&ann, path, &r, "label", testpage_repeat('x', 101), NULL);
	testpage_assert_status(&r, 422, "label too long");
	testpage_assert_has(&r, "Use at most 100 characters for the label.");
	testresp_free(&r);
	testpage_post(&ann, path, &r, "label", "Bad date", "expires", "date", "expires_at", "tomorrow", NULL);
	testpage_assert_status(&r, 422, "bad date");
	testpage_assert_has(&r, "Enter a date and time like");
	testresp_free(&r);
	testpage_post(&ann, path, &r, "label", "Short", "password", "abc", NULL);
	testpage_assert_status(&r, 422, "short password");
	testpage_assert_has(&r, "share_password-error");
	testresp_free(&r);
	testpage_post(&ann, path, &r, "label", "Both", "password", PW, "allow_embed", "1", NULL);
	testpage_assert_status(&r, 422, "embed with password");
	testpage_assert_has(&r, "An embedded image cannot ask for a password");
	testresp_free(&r);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM share_links"), 0);
	/* a date and time in the future is taken (UTC user: as given) */
	char *p = share_tracker(morning, "label", "Dated", "expires", "date", "expires_at", "2026-05-29T18:00", NULL);
	ck_assert_int_eq(testpage_int("SELECT expires_at FROM share_links WHERE label = 'Dated'"),
			 (today() + 7) * 86400 + 18 * 3600);
	free(p);
	p = share_tracker(morning, "label", "Day only", "expires_at", "2026-05-29", NULL);
	ck_assert_int_eq(testpage_int("SELECT expires_at FROM share_links WHERE label = 'Day only'"), (today() + 8) * 86400);
	free(p);
	/* the tracker page offers the form, with notes off */
	snprintf(path, sizeof path, "/trackers/%lld", (long long)morning);
	testpage_get(&ann, path, &r);
	testpage_assert_has(&r, "Create a share link");
	testpage_assert_has(&r, "name=\"show_notes\" value=\"1\">");
	testresp_free(&r);
}
END_TEST

START_TEST(list_shows_links_but_never_their_address)
{
	struct testresp r;
	testpage_get(&ann, "/shares", &r);
	testpage_assert_status(&r, 200, "/shares");
	testpage_assert_has(&r, "You have no share links");
	testresp_free(&r);
	char *path = share_tracker(morning, "label", "For my coach", "max_uses", "5", "expires", "never", NULL);
	r = public_get(path, 200);
	testresp_free(&r);
	testpage_get(&ann, "/shares", &r);
	testpage_assert_has(&r, "For my coach");
	testpage_assert_has(&r, "Morning");
	testpage_assert_has(&r, "1 of 5");
	testpage_assert_has(&r, "Active");
	testpage_assert_has(&r, "2026-05-22 00:00"); /* created and last used */
	testpage_assert_lacks(&r, path + 3);          /* the token */
	testpage_assert_lacks(&r, "/s/");
	testresp_free(&r);
	/* Bob's list is his own */
	testpage_get(&bob, "/shares", &r);
	testpage_assert_lacks(&r, "For my coach");
	testresp_free(&r);
	/* after deactivation the state says so */
	char action[64];
	snprintf(action, sizeof action, "/shares/%lld/deactivate", (long long)link_id("For my coach"));
	testpage_post(&ann, action, &r, NULL);
	testresp_free(&r);
	testpage_get(&ann, "/shares?done=deactivated", &r);
	testpage_assert_has(&r, "Deactivated");
	testpage_assert_has(&r, "The link was turned off");
	testresp_free(&r);
	free(path);
}
END_TEST

START_TEST(another_users_links_are_404)
{
	char *path = share_tracker(morning, "label", "Anns link", NULL);
	int64_t id = link_id("Anns link");
	const char *actions[] = { "deactivate", "regenerate", "delete" };
	for (size_t i = 0; i < 3; i++) {
		char action[64];
		snprintf(action, sizeof action, "/shares/%lld/%s", (long long)id, actions[i]);
		struct testresp r;
		testpage_post(&bob, action, &r, NULL);
		testpage_assert_status(&r, 404, action);
		testresp_free(&r);
		snprintf(action, sizeof action, "/shares/%lld/%s", (long long)id + 1000, actions[i]);
		testpage_post(&ann, action, &r, NULL);
		testpage_assert_status(&r, 404, action);
		testresp_free(&r);
	}
	/* nor share Ann's tracker */
	char create[64];
	snprintf(create, sizeof create, "/trackers/%lld/shares", (long long)morning);
	struct testresp r;
	testpage_post(&bob, create, &r, "label", "Mine now", NULL);
	testpage_assert_status(&r, 404, "Bob shares Ann's tracker");
	testresp_free(&r);
	/* the link is untouched */
	ck_assert_int_eq(testpage_int("SELECT active FROM share_links WHERE id = %lld", (long long)id), 1);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM share_links"), 1);
	r = public_get(path, 200);
	testresp_free(&r);
	free(path);
}
END_TEST

static Suite *pages_share_suite(void)
{
	Suite *s = suite_create("pages_share");
	TCase *tc = tcase_create("share");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, each_link_state);
	tcase_add_test(tc, password_wrong_and_right);
	tcase_add_test(tc, wrong_passwords_are_throttled);
	tcase_add_test(tc, options_show_and_hide);
	tcase_add_test(tc, embeddable_heatmap);
	tcase_add_test(tc, goal_share);
	tcase_add_test(tc, headers_on_every_share_response);
	tcase_add_test(tc, create_refuses_bad_input_with_422);
	tcase_add_test(tc, list_shows_links_but_never_their_address);
	tcase_add_test(tc, another_users_links_are_404);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(pages_share_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
