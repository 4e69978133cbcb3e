/* check_pages_stats: request tests of the statistics pages — /stats and /trackers/{id}/stats
 * with empty, sparse and full (a year of) data, every bad filter answering 400 with its
 * message on the page, another user's tracker answering 404, and the links to them. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civil.h"
#include "instance.h"
#include "testpages.h"

/* The app's clock: 2026-05-22, a Friday. */
#define TODAY_TEXT "2026-05-22"
#define NOON(day) ((int64_t)(day) * 86400 + 12 * 3600)

static struct testuser ann, bob;
static struct arena arena; /* what tracker_get returns */

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

static int64_t today(void)
{
	int64_t d;
	ck_assert_int_eq(civil_parse(TODAY_TEXT, &d), 0);
	return d;
}

/* A daily tracker of user made `back` days before today, in category (0: none). */
static struct tracker make_tracker(int64_t user, const char *name, int back, int64_t category)
{
	struct tracker_input in = { name, "", TIME_MODE_DAILY, TRACKER_NO_DATE, TRACKER_NO_DATE, "#2f6f4f", category };
	int64_t id;
	ck_assert_int_eq(tracker_create(db(), NOON(today() - back), user, &in, &id), TRACKER_OK);
	struct tracker t;
	ck_assert_int_eq(tracker_get(db(), &arena, user, id, false, &t), TRACKER_OK);
	return t;
}

static int64_t make_task(int64_t user, int64_t tracker, const char *name, const int64_t *tag)
{
	struct task_input in;
	task_input_defaults(&in);
	in.name = name;
	if (tag) {
		in.tag_ids = tag;
		in.tag_count = 1;
	}
	int64_t id;
	ck_assert_int_eq(task_create(db(), NOON(today() - 400), user, tracker, &in, &id), TASK_OK);
	return id;
}

/* Sets task's instance of day (opening it) to status, checked in that day. */
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

static struct testresp get(struct testuser *w, const char *path, int status)
{
	struct testresp r;
	testpage_get(w, path, &r);
	testpage_assert_status(&r, status, path);
	return r;
}

struct year_data {
	struct tracker morning, gym;
	int64_t stretch, water, lift, cat, tag;
};

/* A year of Ann's check-ins: "Morning" (Health, tasks Stretch tagged "am", and Water) and
 * "Gym" (no category, Lift): Stretch done on most days, Water on weekdays, Lift on Mondays and
 * Wednesdays until two days ago, then missed. */
static struct year_data full_year(void)
{
	struct year_data y;
	ck_assert_int_eq(category_create(db(), 1, ann.id, "Health", "#22aa55", &y.cat), TRACKER_OK);
	ck_assert_int_eq(tag_create(db(), 1, ann.id, "am", "#aa5522", &y.tag), TASK_OK);
	y.morning = make_tracker(ann.id, "Morning", 380, y.cat);
	y.gym = make_tracker(ann.id, "Gym", 380, 0);
	y.stretch = make_task(ann.id, y.morning.id, "Stretch", &y.tag);
	y.water = make_task(ann.id, y.morning.id, "Water", NULL);
	y.lift = make_task(ann.id, y.gym.id, "Lift", NULL);
	ck_assert_int_eq(db_begin_write(db()), 0);
	for (int64_t day = today() - 365; day < today(); day++) {
		int wd = civil_weekday(day);
		mark(ann.id, y.morning.id, y.stretch, day, day % 7 == 3 ? INSTANCE_MISSED : INSTANCE_DONE);
		mark(ann.id, y.morning.id, y.water, day, wd < 5 ? INSTANCE_DONE : wd == 5 ? INSTANCE_SKIPPED : INSTANCE_MISSED);
		mark(ann.id, y.gym.id, y.lift, day,
		     day >= today() - 2 ? INSTANCE_MISSED : wd == 0 || wd == 2 ? INSTANCE_DONE : INSTANCE_MISSED);
	}
	ck_assert_int_eq(db_commit(db()), 0);
	return y;
}

START_TEST(new_user_sees_an_explanatory_empty_state)
{
	struct testresp r = get(&ann, "/stats", 200);
	testpage_assert_has(&r, "<h1>Statistics</h1>");
	testpage_assert_has(&r, "No statistics yet.");
	testpage_assert_has(&r, "href=\"/trackers/new\"");
	testpage_assert_lacks(&r, "<svg");
	testpage_assert_lacks(&r, "style=");
	testpage_assert_has(&r, "href=\"/stats\">Stats</a>");
	testresp_free(&r);
}
END_TEST

START_TEST(sparse_data_shows_empty_states_not_broken_charts)
{
	struct tracker t = make_tracker(ann.id, "Reading", 3, 0);
	int64_t task = make_task(ann.id, t.id, "Read", NULL);
	struct testresp r = get(&ann, "/stats", 200);
	testpage_assert_has(&r, "Nothing was recorded between these days.");
	testpage_assert_has(&r, "The completion line needs at least two days");
	testpage_assert_has(&r, "Nothing was recorded in 2026");
	testpage_assert_has(&r, "A trend needs something due");
	testpage_assert_has(&r, "Nothing was done in this range yet");
	testpage_assert_lacks(&r, "line-chart");
	testpage_assert_lacks(&r, "style=");
	testresp_free(&r);
	/* one check-in: counts, but still no line, trend or weekdays */
	mark(ann.id, t.id, task, today() - 1, INSTANCE_DONE);
	r = get(&ann, "/stats?range=7", 200);
	testpage_assert_has(&r, "<dt>Tasks done</dt><dd><strong>1</strong>");
	testpage_assert_has(&r, "<strong>100%</strong>");
	testpage_assert_has(&r, "The completion line needs at least two days");
	testpage_assert_has(&r, "Best and worst weekdays show once");
	testpage_assert_has(&r, "class=\"chart heatmap\"");
	testpage_assert_lacks(&r, "line-chart");
	testresp_free(&r);
	/* the tracker's page */
	char path[64];
	snprintf(path, sizeof path, "/trackers/%lld/stats", (long long)t.id);
	r = get(&ann, path, 200);
	testpage_assert_has(&r, "The last 30 days");
	testpage_assert_has(&r, "Read</a>");
	testpage_assert_has(&r, "The completion line needs at least two days");
	testpage_assert_lacks(&r, "style=");
	testresp_free(&r);
	/* a tracker without tasks */
	struct tracker empty = make_tracker(ann.id, "Empty", 1, 0);
	snprintf(path, sizeof path, "/trackers/%lld/stats", (long long)empty.id);
	r = get(&ann, path, 200);
	testpage_assert_has(&r, "This tracker has no active tasks.");
	testpage_assert_has(&r, "Nothing was recorded in these days.");
	testresp_free(&r);
}
END_TEST

/* A tracker made today by a user who then looks at this week (the week page opens its past
 * days, empty): those days are not history — nothing is due on the dashboard but today's
 * task, nothing is at risk, and nothing is suggested. */
START_TEST(days_opened_before_a_new_tracker_are_not_counted)
{
	struct testresp r;
	int64_t t = testpage_tracker(&ann, "Fresh start", "daily");
	testpage_quick_task(&ann, t, "Stretch");
	r = get(&ann, "/week/2026-W21", 200); /* Monday 18 - Sunday 24 May; today is Friday 22 */
	testresp_free(&r);
	ck_assert_int_gt(testpage_int("SELECT count(*) FROM tracker_instances WHERE tracker_id = %lld AND period_start < '%s'",
				      (long long)t, TODAY_TEXT),
			 0);
	r = get(&ann, "/stats", 200);
	testpage_assert_has(&r, "<dt>Tasks done</dt><dd><strong>0</strong> <span class=\"hint\">of 1 due</span>");
	testpage_assert_has(&r, "No task is at risk");
	testpage_assert_lacks(&r, "Lower the frequency");
	testresp_free(&r);
	char path[64];
	snprintf(path, sizeof path, "/trackers/%lld/stats", (long long)t);
	r = get(&ann, path, 200);
	testpage_assert_lacks(&r, "At risk");
	testresp_free(&r);
}
END_TEST

START_TEST(a_year_of_data_fills_every_part_of_the_dashboard)
{
	struct year_data y = full_year();
	struct testresp r = get(&ann, "/stats?range=365", 200);
	testpage_assert_has(&r, "class=\"chart heatmap\"");
	testpage_assert_has(&r, "line-chart");
	testpage_assert_has(&r, "Completion by weekday");
	testpage_assert_has(&r, "Done tasks by category");
	testpage_assert_has(&r, "Health");
	testpage_assert_has(&r, "No category");
	testpage_assert_has(&r, "Trend: <span class=\"trend trend-");
	testpage_assert_has(&r, "your best weekday was <strong>");
	testpage_assert_has(&r, "<h2>Summaries</h2>");
	testpage_assert_has(&r, "Week 18 May – 24 May 2026");
	testpage_assert_has(&r, "<dt>Top category</dt><dd><strong>Health</strong>");
	testpage_assert_has(&r, "<a href=\"/stats?range=7\">7 days</a>");
	testpage_assert_has(&r, "href=\"/stats?range=365&amp;year=2025\" rel=\"prev\"");
	testpage_assert_lacks(&r, "rel=\"next\""); /* no link into a year still to come */
	testpage_assert_lacks(&r, "style=");
	testpage_assert_lacks(&r, "<script");
	/* Lift missed its last two days: at risk, with a link to the task */
	char link[96];
	snprintf(link, sizeof link, "<a href=\"/trackers/%lld/tasks/%lld\">Lift</a> <span class=\"hint\">(Gym)</span>",
		 (long long)y.gym.id, (long long)y.lift);
	testpage_assert_has(&r, link);
	testpage_assert_has(&r, "<strong>Lower the frequency:</strong>");
	testpage_assert_has(&r, "<strong>Make it easier:</strong>");
	testresp_free(&r);
	/* every range, the filters, another year and custom dates */
	static const char *const paths[] = { "/stats", "/stats?range=7", "/stats?range=90", "/stats?year=2025",
					     "/stats?range=custom&from=2025-06-01&to=2025-08-31",
					     "/stats?from=2016-06-01&to=2026-05-22", "/stats?year=2027" };
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		r = get(&ann, paths[i], 200);
		testpage_assert_has(&r, "class=\"chart heatmap\"");
		testresp_free(&r);
	}
	char path[128];
	snprintf(path, sizeof path, "/stats?tracker=%lld", (long long)y.gym.id);
	r = get(&ann, path, 200);
	testpage_assert_lacks(&r, ">Stretch</a>");
	testpage_assert_has(&r, "selected>Gym</option>");
	testresp_free(&r);
	snprintf(path, sizeof path, "/stats?category=%lld&tag=%lld", (long long)y.cat, (long long)y.tag);
	r = get(&ann, path, 200);
	testpage_assert_lacks(&r, "No category");
	testpage_assert_lacks(&r, ">Lift</a>");
	testresp_free(&r);
	/* the tracker's page: tasks with strength and streaks, and its heatmap */
	snprintf(path, sizeof path, "/trackers/%lld/stats", (long long)y.morning.id);
	r = get(&ann, path, 200);
	testpage_assert_has(&r, ">Stretch</a>");
	testpage_assert_has(&r, ">Water</a>");
	testpage_assert_has(&r, "line-chart");
	testpage_assert_has(&r, "class=\"chart heatmap\"");
	testpage_assert_has(&r, "<dt>Trend</dt>");
	testpage_assert_lacks(&r, "style=");
	testresp_free(&r);
	snprintf(path, sizeof path, "/trackers/%lld/stats?days=90&year=2025", (long long)y.gym.id);
	r = get(&ann, path, 200);
	testpage_assert_has(&r, "The last 90 days");
	testpage_assert_has(&r, "The year 2025");
	testpage_assert_has(&r, "<span class=\"badge risk\">At risk</span>");
	testresp_free(&r);
	/* the tracker page links here */
	snprintf(path, sizeof path, "/trackers/%lld", (long long)y.gym.id);
	r = get(&ann, path, 200);
	snprintf(link, sizeof link, "href=\"/trackers/%lld/stats\"", (long long)y.gym.id);
	testpage_assert_has(&r, link);
	testresp_free(&r);
}
END_TEST

START_TEST(every_bad_filter_answers_400_with_its_message)
{
	struct tracker mine = make_tracker(ann.id, "Mine", 3, 0);
	struct tracker theirs = make_tracker(bob.id, "Theirs", 3, 0);
	int64_t bob_cat, bob_tag;
	ck_assert_int_eq(category_create(db(), 1, bob.id, "Work", "#2255aa", &bob_cat), TRACKER_OK);
	ck_assert_int_eq(tag_create(db(), 1, bob.id, "pm", "#aa5522", &bob_tag), TASK_OK);
	char theirs_tracker[64], theirs_cat[64], theirs_tag[64];
	snprintf(theirs_tracker, sizeof theirs_tracker, "/stats?tracker=%lld", (long long)theirs.id);
	snprintf(theirs_cat, sizeof theirs_cat, "/stats?category=%lld", (long long)bob_cat);
	snprintf(theirs_tag, sizeof theirs_tag, "/stats?tag=%lld", (long long)bob_tag);
	const struct {
		const char *path, *message;
	} cases[] = {
		{ "/stats?range=14", "Choose a range of 7, 30, 90 or 365 days" },
		{ "/stats?range=week", "Choose a range of 7, 30, 90 or 365 days" },
		{ "/stats?range=custom", "A custom range needs both its first and its last day" },
		{ "/stats?range=custom&from=2026-01-01", "A custom range needs both its first and its last day" },
		{ "/stats?from=2026-02-30&to=2026-03-01", "The first day is not a real date" },
		{ "/stats?from=2026-02-01&to=tomorrow", "The last day is not a real date" },
		{ "/stats?from=2026-03-01&to=2026-02-01", "The last day is before the first day." },
		{ "/stats?from=2016-05-22&to=2026-05-22", "A range can cover at most 10 years." },
		{ theirs_tracker, "There is no such tracker" },
		{ "/stats?tracker=abc", "There is no such tracker" },
		{ "/stats?tracker=99999", "There is no such tracker" },
		{ theirs_cat, "There is no such category" },
		{ "/stats?category=-3", "There is no such category" },
		{ theirs_tag, "There is no such tag" },
		{ "/stats?tag=1.5", "There is no such tag" },
		{ "/stats?year=abc", "There is no such year" },
		{ "/stats?year=1800", "There is no such year" },
		{ "/stats?year=3000", "There is no such year" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct testresp r = get(&ann, cases[i].path, 400);
		testpage_assert_has(&r, cases[i].message);
		testpage_assert_has(&r, "role=\"alert\"");
		testpage_assert_has(&r, "<form class=\"stats-filter\" method=\"get\" action=\"/stats\">");
		testpage_assert_has(&r, "Mine</option>");
		testpage_assert_lacks(&r, "Theirs");
		testresp_free(&r);
	}
	/* the tracker page's own parameters */
	static const char *const bad_days[] = { "?days=3", "?days=366", "?days=abc", "?days=-30", "?year=12",
						"?days=30&year=x" };
	for (size_t i = 0; i < sizeof bad_days / sizeof bad_days[0]; i++) {
		char path[96];
		snprintf(path, sizeof path, "/trackers/%lld/stats%s", (long long)mine.id, bad_days[i]);
		struct testresp r = get(&ann, path, 400);
		testpage_assert_has(&r, "role=\"alert\"");
		testresp_free(&r);
	}
}
END_TEST

START_TEST(another_users_tracker_is_404_and_login_is_needed)
{
	struct tracker theirs = make_tracker(bob.id, "Theirs", 3, 0);
	char path[64];
	snprintf(path, sizeof path, "/trackers/%lld/stats", (long long)theirs.id);
	struct testresp r = get(&ann, path, 404);
	testpage_assert_lacks(&r, "Theirs");
	testresp_free(&r);
	r = get(&ann, "/trackers/999999/stats", 404);
	testresp_free(&r);
	r = get(&bob, path, 200);
	testpage_assert_has(&r, "Theirs");
	testresp_free(&r);
	/* no session: to the login page */
	struct testjar jar;
	testjar_init(&jar);
	testapp_browse(&testpage_app, &jar, "GET", "/stats", NULL, NULL, &r);
	ck_assert_int_eq(r.status, 303);
	testresp_free(&r);
	testjar_free(&jar);
	/* Bob's data never shows on Ann's dashboard */
	int64_t task = make_task(bob.id, theirs.id, "Secret", NULL);
	mark(bob.id, theirs.id, task, today() - 1, INSTANCE_DONE);
	make_tracker(ann.id, "Mine", 3, 0);
	r = get(&ann, "/stats", 200);
	testpage_assert_lacks(&r, "Secret");
	testpage_assert_has(&r, "<dt>Tasks done</dt><dd><strong>0</strong>");
	testresp_free(&r);
}
END_TEST

START_TEST(tracker_page_streaks_look_back_a_bounded_window)
{
	/* 450 days of a perfect habit: the tasks' streaks look at the last 400 days, and say so */
	struct tracker t = make_tracker(ann.id, "Steady", 460, 0);
	int64_t task = make_task(ann.id, t.id, "Walk", NULL);
	ck_assert_int_eq(db_begin_write(db()), 0);
	for (int64_t day = today() - 450; day < today(); day++)
		mark(ann.id, t.id, task, day, INSTANCE_DONE);
	ck_assert_int_eq(db_commit(db()), 0);
	char path[64];
	snprintf(path, sizeof path, "/trackers/%lld/stats", (long long)t.id);
	struct testresp r = get(&ann, path, 200);
	testpage_assert_has(&r, "(streaks within the last 400 days)");
	/* strength: 1 - m^450 done days, times m for today not done yet */
	testpage_assert_has(&r, "<td class=\"number\">95%</td><td class=\"number\">400+ days</td>"
				"<td class=\"number\">400 days</td>");
	testresp_free(&r);
	/* a younger tracker is read whole and says nothing of a window */
	struct tracker young = make_tracker(ann.id, "Young", 20, 0);
	int64_t read = make_task(ann.id, young.id, "Read", NULL);
	for (int64_t day = today() - 10; day < today(); day++)
		mark(ann.id, young.id, read, day, INSTANCE_DONE);
	snprintf(path, sizeof path, "/trackers/%lld/stats", (long long)young.id);
	r = get(&ann, path, 200);
	testpage_assert_lacks(&r, "streaks within the last");
	testpage_assert_has(&r, "<td class=\"number\">10 days</td><td class=\"number\">10 days</td>");
	testresp_free(&r);
}
END_TEST

static Suite *pages_stats_suite(void)
{
	Suite *s = suite_create("pages_stats");
	TCase *tc = tcase_create("stats");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, new_user_sees_an_explanatory_empty_state);
	tcase_add_test(tc, sparse_data_shows_empty_states_not_broken_charts);
	tcase_add_test(tc, days_opened_before_a_new_tracker_are_not_counted);
	tcase_add_test(tc, a_year_of_data_fills_every_part_of_the_dashboard);
	tcase_add_test(tc, every_bad_filter_answers_400_with_its_message);
	tcase_add_test(tc, another_users_tracker_is_404_and_login_is_needed);
	tcase_add_test(tc, tracker_page_streaks_look_back_a_bounded_window);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(pages_stats_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
