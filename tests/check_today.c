/* check_today: request tests of the daily loop — Today, any day, the week, one-click and batch
 * check-ins, day notes, gap fill, empty states, bad input, and another user's ids. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civil.h"
#include "instance.h"
#include "testapp.h"

static struct testapp t;
static struct testjar jar;
static int64_t user_id, other_id, tracker_id;
static char csrf[TOKEN_TEXT_LEN + 1], other_csrf[TOKEN_TEXT_LEN + 1];
static struct testjar other_jar;

/* The app's clock starts at 2026-05-22T00:00:00Z: today is 2026-05-22, a Friday. */
#define TODAY "2026-05-22"

/* Adds a check task named name to tracker id of user. */
static int64_t add_task(int64_t user, int64_t tracker, const char *name)
{
	struct task_input in;
	task_input_defaults(&in);
	in.name = name;
	int64_t id;
	ck_assert_int_eq(task_create(&t.app.db, 0, user, tracker, &in, &id), TASK_OK);
	return id;
}

/* Creates a daily tracker of user named name, made at `made` (seconds). */
static int64_t add_tracker(int64_t user, const char *name, int64_t made)
{
	struct tracker_input in = { name, "", TIME_MODE_DAILY, TRACKER_NO_DATE, TRACKER_NO_DATE, "#2f6f4f", 0 };
	int64_t id;
	ck_assert_int_eq(tracker_create(&t.app.db, made, user, &in, &id), TRACKER_OK);
	return id;
}

static void setup(void)
{
	testapp_open(&t);
	testjar_init(&jar);
	testjar_init(&other_jar);
	char token[TOKEN_TEXT_LEN + 1];
	user_id = testapp_user(&t, "ann@example.org", "Ann", NULL, false);
	testapp_session(&t, user_id, token, csrf);
	testjar_set(&jar, "trackpro_session", token);
	other_id = testapp_user(&t, "bob@example.org", "Bob", NULL, false);
	testapp_session(&t, other_id, token, other_csrf);
	testjar_set(&other_jar, "trackpro_session", token);
	tracker_id = add_tracker(user_id, "Morning routine", 0);
	add_task(user_id, tracker_id, "Stretch");
	add_task(user_id, tracker_id, "Drink water");
	add_task(user_id, tracker_id, "Journal");
}

static void teardown(void)
{
	testjar_free(&jar);
	testjar_free(&other_jar);
	testapp_close(&t);
}

/* GETs uri as Ann; asserts status and returns the response (free with testresp_free). */
static struct testresp get(const char *uri, int status)
{
	struct testresp r;
	testapp_browse(&t, &jar, "GET", uri, NULL, NULL, &r);
	ck_assert_msg(r.status == status, "GET %s: %d\n%s", uri, r.status, r.body);
	return r;
}

/* POSTs a form (pairs, NULL-terminated) to uri as Ann with her CSRF token; returns the status. */
static int post(struct testjar *j, const char *token, const char *uri, const char *form_tail)
{
	char *base = testform("csrf", token, NULL);
	size_t n = strlen(base) + (form_tail ? strlen(form_tail) + 1 : 0) + 1;
	char *form = malloc(n);
	snprintf(form, n, "%s%s%s", base, form_tail ? "&" : "", form_tail ? form_tail : "");
	struct testresp r;
	testapp_browse(&t, j, "POST", uri, form, NULL, &r);
	int status = r.status;
	testresp_free(&r);
	free(base);
	free(form);
	return status;
}

/* The id of Ann's task instance named name today (opening Today first). */
static int64_t instance_id(const char *name)
{
	struct testresp r = get("/", 200);
	testresp_free(&r);
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT id FROM task_instances WHERE name = '%s'", name);
	return testapp_query_int(&t, sql);
}

START_TEST(today_lists_due_tasks_with_counts)
{
	struct testresp r = get("/", 200);
	ck_assert_ptr_nonnull(strstr(r.body, "<h1>Today</h1>"));
	ck_assert_ptr_nonnull(strstr(r.body, "Morning routine"));
	ck_assert_ptr_nonnull(strstr(r.body, "Stretch"));
	ck_assert_ptr_nonnull(strstr(r.body, "0 of 3 done (0%)"));
	ck_assert_ptr_nonnull(strstr(r.body, "action=\"/day/" TODAY "/batch\""));
	testresp_free(&r);
	ck_assert_int_eq(testapp_query_int(&t, "SELECT count(*) FROM tracker_instances"), 1);
}
END_TEST

START_TEST(one_click_done_and_undo)
{
	int64_t id = instance_id("Stretch");
	char uri[64], back[64];
	snprintf(uri, sizeof uri, "/checkins/%lld", (long long)id);
	char *tail = testform("status", "done", "back", "/", NULL);
	ck_assert_int_eq(post(&jar, csrf, uri, tail), 303);
	free(tail);
	struct testresp r = get("/", 200);
	ck_assert_ptr_nonnull(strstr(r.body, "1 of 3 done (33%)"));
	testresp_free(&r);
	snprintf(back, sizeof back, "/day/%s", TODAY);
	tail = testform("status", "todo", "back", back, NULL);
	ck_assert_int_eq(post(&jar, csrf, uri, tail), 303);
	free(tail);
	ck_assert_int_eq(testapp_query_int(&t, "SELECT count(*) FROM task_instances WHERE status = 'done'"), 0);
	ck_assert_int_eq(testapp_query_int(&t, "SELECT count(*) FROM task_events"), 2);
}
END_TEST

START_TEST(batch_updates_many_in_one_post)
{
	int64_t a = instance_id("Stretch"), b = instance_id("Drink water"), c = instance_id("Journal");
	char ids[3][24], done_a[24], done_c[24];
	snprintf(ids[0], 24, "%lld", (long long)a);
	snprintf(ids[1], 24, "%lld", (long long)b);
	snprintf(ids[2], 24, "%lld", (long long)c);
	snprintf(done_a, sizeof done_a, "done_%lld", (long long)a);
	snprintf(done_c, sizeof done_c, "done_%lld", (long long)c);
	char *tail = testform("task", ids[0], "task", ids[1], "task", ids[2], done_a, "1", done_c, "1", NULL);
	ck_assert_int_eq(post(&jar, csrf, "/day/" TODAY "/batch", tail), 303);
	free(tail);
	ck_assert_int_eq(testapp_query_int(&t, "SELECT count(*) FROM task_instances WHERE status = 'done'"), 2);
	ck_assert_int_eq(testapp_query_int(&t, "SELECT count(*) FROM task_events WHERE source = 'batch'"), 2);
	struct testresp r = get("/", 200);
	ck_assert_ptr_nonnull(strstr(r.body, "2 of 3 done (66%)"));
	testresp_free(&r);
	/* unticking a done task in the batch form sets it back to to do */
	tail = testform("task", ids[0], "task", ids[1], "task", ids[2], done_c, "1", NULL);
	ck_assert_int_eq(post(&jar, csrf, "/day/" TODAY "/batch", tail), 303);
	free(tail);
	ck_assert_int_eq(testapp_query_int(&t, "SELECT count(*) FROM task_instances WHERE status = 'done'"), 1);
}
END_TEST

START_TEST(batch_is_all_or_nothing)
{
	int64_t a = instance_id("Stretch");
	char id[24], done_a[24];
	snprintf(id, sizeof id, "%lld", (long long)a);
	snprintf(done_a, sizeof done_a, "done_%lld", (long long)a);
	/* the second id is another user's: 404, and the first change is not kept either */
	char *tail = testform("task", id, done_a, "1", "task", "999999", NULL);
	ck_assert_int_eq(post(&jar, csrf, "/day/" TODAY "/batch", tail), 404);
	free(tail);
	ck_assert_int_eq(testapp_query_int(&t, "SELECT count(*) FROM task_instances WHERE status = 'done'"), 0);
	tail = testform("task", "abc", NULL);
	ck_assert_int_eq(post(&jar, csrf, "/day/" TODAY "/batch", tail), 400);
	free(tail);
}
END_TEST

START_TEST(past_and_future_days)
{
	struct testresp r = get("/day/2026-05-20", 200);
	ck_assert_ptr_nonnull(strstr(r.body, "Wednesday 20 May 2026"));
	ck_assert_ptr_nonnull(strstr(r.body, "You are looking at a past day"));
	ck_assert_ptr_nonnull(strstr(r.body, "href=\"/day/2026-05-19\""));
	ck_assert_ptr_nonnull(strstr(r.body, "href=\"/day/2026-05-21\""));
	testresp_free(&r);
	r = get("/day/2026-05-30", 200);
	ck_assert_ptr_nonnull(strstr(r.body, "This day is in the future"));
	testresp_free(&r);
	r = get("/day?date=2026-01-02", 303);
	char *loc = testresp_header(&r, "Location");
	ck_assert_str_eq(loc, "/day/2026-01-02");
	free(loc);
	testresp_free(&r);
	const char *bad[] = { "/day/2026-02-30", "/day/yesterday", "/day/2026-5-1" };
	for (size_t i = 0; i < 3; i++) {
		r = get(bad[i], 404);
		testresp_free(&r);
	}
}
END_TEST

START_TEST(backdated_check_in_is_recorded_on_that_day)
{
	struct testresp r = get("/day/2026-05-20", 200);
	testresp_free(&r);
	int64_t id = testapp_query_int(&t, "SELECT ti.id FROM task_instances ti JOIN tracker_instances i"
					   " ON i.id = ti.tracker_instance_id WHERE i.period_start = '2026-05-20'"
					   " AND ti.name = 'Journal'");
	ck_assert_int_gt(id, 0);
	char uri[64];
	snprintf(uri, sizeof uri, "/checkins/%lld", (long long)id);
	char *tail = testform("status", "done", "back", "/day/2026-05-20", NULL);
	ck_assert_int_eq(post(&jar, csrf, uri, tail), 303);
	free(tail);
	r = get("/day/2026-05-20", 200);
	ck_assert_ptr_nonnull(strstr(r.body, "1 of 3 done (33%)"));
	testresp_free(&r);
	r = get("/", 200);
	ck_assert_ptr_nonnull(strstr(r.body, "0 of 3 done (0%)")); /* today is untouched */
	testresp_free(&r);
}
END_TEST

START_TEST(week_has_seven_columns)
{
	struct testresp r = get("/week/2026-W21", 200);
	int columns = 0;
	for (const char *p = r.body; (p = strstr(p, "class=\"week-day")) != NULL; p++)
		columns++;
	ck_assert_int_eq(columns, 7);
	ck_assert_ptr_nonnull(strstr(r.body, "Monday"));
	ck_assert_ptr_nonnull(strstr(r.body, "Sunday"));
	ck_assert_ptr_nonnull(strstr(r.body, "Stretch"));
	testresp_free(&r);
	r = get("/week/2026-W99", 404);
	testresp_free(&r);
	/* a tracker that starts later leaves days with nothing due */
	struct tracker_input in = { "Later", "", TIME_MODE_DAILY, civil_from_ymd(2027, 1, 1), TRACKER_NO_DATE, "#336699", 0 };
	int64_t later;
	ck_assert_int_eq(tracker_create(&t.app.db, 0, other_id, &in, &later), TRACKER_OK);
	add_task(other_id, later, "Run");
	testapp_browse(&t, &other_jar, "GET", "/week/2026-W21", NULL, NULL, &r);
	ck_assert_int_eq(r.status, 200);
	int empty = 0;
	for (const char *p = r.body; (p = strstr(p, "No tasks")) != NULL; p++)
		empty++;
	ck_assert_int_eq(empty, 7);
	testresp_free(&r);
}
END_TEST

START_TEST(day_notes)
{
	char uri[80];
	snprintf(uri, sizeof uri, "/trackers/%lld/notes/" TODAY, (long long)tracker_id);
	char *tail = testform("note", "Slept badly <b>but</b> did it", NULL);
	ck_assert_int_eq(post(&jar, csrf, uri, tail), 303);
	free(tail);
	struct testresp r = get("/", 200);
	ck_assert_ptr_nonnull(strstr(r.body, "Slept badly &lt;b&gt;but&lt;/b&gt; did it"));
	testresp_free(&r);
	char *big = malloc(20002);
	memset(big, 'x', 20001);
	big[20001] = '\0';
	tail = testform("note", big, NULL);
	ck_assert_int_eq(post(&jar, csrf, uri, tail), 422);
	free(tail);
	free(big);
	/* another user's tracker: 404 and nothing written */
	tail = testform("note", "hijack", NULL);
	ck_assert_int_eq(post(&other_jar, other_csrf, uri, tail), 404);
	free(tail);
	ck_assert_int_eq(testapp_query_int(&t, "SELECT count(*) FROM day_notes WHERE body = 'hijack'"), 0);
}
END_TEST

START_TEST(another_users_check_in_is_404)
{
	int64_t id = instance_id("Stretch");
	char uri[64];
	snprintf(uri, sizeof uri, "/checkins/%lld", (long long)id);
	char *tail = testform("status", "done", NULL);
	ck_assert_int_eq(post(&other_jar, other_csrf, uri, tail), 404);
	ck_assert_int_eq(testapp_query_int(&t, "SELECT count(*) FROM task_instances WHERE status = 'done'"), 0);
	ck_assert_int_eq(post(&jar, csrf, "/checkins/999999", tail), 404);
	free(tail);
	tail = testform("status", "finished", NULL);
	ck_assert_int_eq(post(&jar, csrf, uri, tail), 400);
	free(tail);
}
END_TEST

START_TEST(empty_states)
{
	struct testresp r;
	testapp_browse(&t, &other_jar, "GET", "/", NULL, NULL, &r);
	ck_assert_int_eq(r.status, 200);
	ck_assert_ptr_nonnull(strstr(r.body, "Create your first tracker"));
	testresp_free(&r);
	add_tracker(other_id, "Empty", 0);
	testapp_browse(&t, &other_jar, "GET", "/", NULL, NULL, &r);
	ck_assert_ptr_nonnull(strstr(r.body, "Nothing is due on this day"));
	ck_assert_ptr_nonnull(strstr(r.body, "No tasks are due here"));
	testresp_free(&r);
}
END_TEST

START_TEST(gap_fill_is_offered_not_automatic)
{
	/* Bob's tracker was made four days ago; he never opened it */
	int64_t made = 1779408000 - 4 * 86400;
	int64_t tr = add_tracker(other_id, "Reading", made);
	struct task_input in;
	task_input_defaults(&in);
	in.name = "Read";
	int64_t task;
	ck_assert_int_eq(task_create(&t.app.db, made, other_id, tr, &in, &task), TASK_OK);
	struct testresp r;
	testapp_browse(&t, &other_jar, "GET", "/", NULL, NULL, &r);
	ck_assert_ptr_nonnull(strstr(r.body, "4 past period(s) were never opened"));
	testresp_free(&r);
	ck_assert_int_eq(testapp_query_int(&t, "SELECT count(*) FROM task_instances WHERE status = 'missed'"), 0);
	ck_assert_int_eq(post(&other_jar, other_csrf, "/gap-fill", NULL), 303);
	ck_assert_int_eq(testapp_query_int(&t, "SELECT count(*) FROM task_instances WHERE status = 'missed'"), 4);
	testapp_browse(&t, &other_jar, "GET", "/", NULL, NULL, &r);
	ck_assert_ptr_null(strstr(r.body, "were never opened"));
	testresp_free(&r);
}
END_TEST

static Suite *today_suite(void)
{
	Suite *s = suite_create("today");
	TCase *tc = tcase_create("pages");
	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, today_lists_due_tasks_with_counts);
	tcase_add_test(tc, one_click_done_and_undo);
	tcase_add_test(tc, batch_updates_many_in_one_post);
	tcase_add_test(tc, batch_is_all_or_nothing);
	tcase_add_test(tc, past_and_future_days);
	tcase_add_test(tc, backdated_check_in_is_recorded_on_that_day);
	tcase_add_test(tc, week_has_seven_columns);
	tcase_add_test(tc, day_notes);
	tcase_add_test(tc, another_users_check_in_is_404);
	tcase_add_test(tc, empty_states);
	tcase_add_test(tc, gap_fill_is_offered_not_automatic);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(today_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
