/* check_page_cache: the worker's page cache — the store itself (identical bytes back, the
 * database stamp dropping everything, expiry, the size and entry limits, off at 0), the stamp
 * seeing writes by this connection and by another one, the --page-cache-size setting, and
 * requests through the dispatcher: a hit is the same answer as a fresh page; a check-in, a
 * settings change or a write from another sqlite3 connection shows at once; sessions and users
 * never share an entry; notices, errors, HEAD and bodies are never kept. */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civil.h"
#include "config.h"
#include "instance.h"
#include "page_cache.h"
#include "testpages.h"

static const struct page_cache_stamp stamp1 = { 7, 100 }, stamp2 = { 8, 100 }, stamp3 = { 7, 101 };

/* ---- the store ---- */

START_TEST(a_kept_answer_comes_back_byte_for_byte)
{
	struct page_cache *c = page_cache_new(4096);
	ck_assert_ptr_nonnull(c);
	const char answer[] = "Status: 200 OK\r\nContent-Length: 5\r\n\r\nhe\0lo"; /* any bytes, a NUL too */
	ck_assert(page_cache_put(c, &stamp1, "k1", 2, answer, sizeof answer, 1000, 1060));
	size_t len = 0;
	const char *got = page_cache_get(c, &stamp1, "k1", 2, 1001, &len);
	ck_assert_ptr_nonnull(got);
	ck_assert_uint_eq(len, sizeof answer);
	ck_assert(memcmp(got, answer, len) == 0);
	ck_assert_ptr_null(page_cache_get(c, &stamp1, "k2", 2, 1001, &len)); /* another key */
	ck_assert_ptr_null(page_cache_get(c, &stamp1, "k", 1, 1001, &len));  /* a prefix */
	/* a second put replaces */
	ck_assert(page_cache_put(c, &stamp1, "k1", 2, "new", 3, 1002, 1060));
	got = page_cache_get(c, &stamp1, "k1", 2, 1003, &len);
	ck_assert_uint_eq(len, 3);
	ck_assert(memcmp(got, "new", 3) == 0);
	struct page_cache_stats s = page_cache_stats(c);
	ck_assert_uint_eq(s.entries, 1);
	ck_assert_uint_eq(s.bytes, 2 + 3);
	ck_assert_uint_eq(s.hits, 2);
	ck_assert_uint_eq(s.misses, 2);
	ck_assert_uint_eq(s.stores, 2);
	page_cache_free(c);
}
END_TEST

START_TEST(any_change_of_the_stamp_drops_every_entry)
{
	struct page_cache *c = page_cache_new(4096);
	size_t len;
	ck_assert(page_cache_put(c, &stamp1, "a", 1, "A", 1, 1000, 1060));
	ck_assert(page_cache_put(c, &stamp1, "b", 1, "B", 1, 1000, 1060));
	/* another connection committed */
	ck_assert_ptr_null(page_cache_get(c, &stamp2, "a", 1, 1001, &len));
	ck_assert_ptr_null(page_cache_get(c, &stamp2, "b", 1, 1001, &len));
	ck_assert_uint_eq(page_cache_stats(c).entries, 0);
	ck_assert_uint_eq(page_cache_stats(c).invalidations, 1);
	/* this connection changed a row */
	ck_assert(page_cache_put(c, &stamp2, "a", 1, "A", 1, 1001, 1060));
	ck_assert_ptr_nonnull(page_cache_get(c, &stamp2, "a", 1, 1001, &len));
	ck_assert_ptr_null(page_cache_get(c, &stamp3, "a", 1, 1001, &len));
	/* an answer made at an older stamp drops the newer entries too: one stamp for all */
	ck_assert(page_cache_put(c, &stamp3, "x", 1, "X", 1, 1001, 1060));
	ck_assert(page_cache_put(c, &stamp1, "y", 1, "Y", 1, 1001, 1060));
	ck_assert_ptr_null(page_cache_get(c, &stamp1, "x", 1, 1001, &len));
	ck_assert_ptr_nonnull(page_cache_get(c, &stamp1, "y", 1, 1001, &len));
	page_cache_free(c);
}
END_TEST

START_TEST(entries_expire_and_never_outlive_the_maximum_age)
{
	struct page_cache *c = page_cache_new(4096);
	size_t len;
	ck_assert(page_cache_put(c, &stamp1, "a", 1, "A", 1, 1000, 1010));
	ck_assert_ptr_nonnull(page_cache_get(c, &stamp1, "a", 1, 1009, &len));
	ck_assert_ptr_null(page_cache_get(c, &stamp1, "a", 1, 1010, &len));
	ck_assert_uint_eq(page_cache_stats(c).expired, 1);
	/* an expiry past the maximum age is cut to it */
	ck_assert(page_cache_put(c, &stamp1, "b", 1, "B", 1, 1000, 1000 + 3600));
	ck_assert_ptr_nonnull(page_cache_get(c, &stamp1, "b", 1, 1000 + PAGE_CACHE_MAX_AGE - 1, &len));
	ck_assert_ptr_null(page_cache_get(c, &stamp1, "b", 1, 1000 + PAGE_CACHE_MAX_AGE, &len));
	/* a clock set back does not revive anything */
	ck_assert(page_cache_put(c, &stamp1, "c", 1, "C", 1, 1000, 1060));
	ck_assert_ptr_null(page_cache_get(c, &stamp1, "c", 1, 999, &len));
	/* nothing is kept that is already expired */
	ck_assert(!page_cache_put(c, &stamp1, "d", 1, "D", 1, 1000, 1000));
	ck_assert_uint_eq(page_cache_stats(c).entries, 0);
	page_cache_free(c);
}
END_TEST

START_TEST(the_size_limit_evicts_the_least_recently_used)
{
	struct page_cache *c = page_cache_new(100); /* answers and keys: 100 bytes */
	char big[200];
	memset(big, 'x', sizeof big);
	size_t len;
	ck_assert(!page_cache_put(c, &stamp1, "k", 1, big, 100, 1000, 1060)); /* 101 bytes: never */
	ck_assert(page_cache_put(c, &stamp1, "k", 1, big, 99, 1000, 1060));   /* exactly 100: kept */
	ck_assert_uint_eq(page_cache_stats(c).bytes, 100);
	ck_assert(page_cache_put(c, &stamp1, "a", 1, big, 29, 1000, 1060)); /* k goes */
	ck_assert_ptr_null(page_cache_get(c, &stamp1, "k", 1, 1000, &len));
	ck_assert(page_cache_put(c, &stamp1, "b", 1, big, 29, 1000, 1060));
	ck_assert(page_cache_put(c, &stamp1, "c", 1, big, 29, 1000, 1060)); /* 90 bytes held */
	ck_assert_ptr_nonnull(page_cache_get(c, &stamp1, "a", 1, 1000, &len)); /* a is used: b is the oldest */
	ck_assert(page_cache_put(c, &stamp1, "d", 1, big, 29, 1000, 1060));
	ck_assert_ptr_null(page_cache_get(c, &stamp1, "b", 1, 1000, &len));
	ck_assert_ptr_nonnull(page_cache_get(c, &stamp1, "a", 1, 1000, &len));
	ck_assert_ptr_nonnull(page_cache_get(c, &stamp1, "c", 1, 1000, &len));
	ck_assert_ptr_nonnull(page_cache_get(c, &stamp1, "d", 1, 1000, &len));
	struct page_cache_stats s = page_cache_stats(c);
	ck_assert_uint_le(s.bytes, 100);
	ck_assert_uint_eq(s.evictions, 2);
	page_cache_free(c);
}
END_TEST

START_TEST(at_most_256_entries_are_held)
{
	struct page_cache *c = page_cache_new(1 << 20);
	char key[16];
	size_t len;
	for (int i = 0; i < PAGE_CACHE_ENTRIES + 10; i++) {
		int n = snprintf(key, sizeof key, "key%d", i);
		ck_assert(page_cache_put(c, &stamp1, key, (size_t)n, "v", 1, 1000, 1060));
	}
	ck_assert_uint_eq(page_cache_stats(c).entries, PAGE_CACHE_ENTRIES);
	ck_assert_uint_eq(page_cache_stats(c).evictions, 10);
	ck_assert_ptr_null(page_cache_get(c, &stamp1, "key0", 4, 1000, &len));   /* the oldest went */
	ck_assert_ptr_nonnull(page_cache_get(c, &stamp1, "key265", 6, 1000, &len));
	page_cache_free(c);
}
END_TEST

START_TEST(size_zero_turns_the_cache_off)
{
	ck_assert_ptr_null(page_cache_new(0));
	size_t len = 9;
	ck_assert_ptr_null(page_cache_get(NULL, &stamp1, "a", 1, 1000, &len));
	ck_assert_uint_eq(len, 0);
	ck_assert(!page_cache_put(NULL, &stamp1, "a", 1, "A", 1, 1000, 1060));
	ck_assert_uint_eq(page_cache_stats(NULL).hits, 0);
	page_cache_free(NULL);
	/* the setting: bytes, 0 = off, digits only, at most 1 GiB */
	struct config cfg;
	struct buf err;
	buf_init(&err);
	ck_assert_int_eq(config_from_env(&cfg, &err), 0);
	ck_assert_uint_eq(cfg.page_cache_size, CONFIG_PAGE_CACHE_DEFAULT);
	ck_assert_int_eq(config_set(&cfg, "page-cache-size", "0", &err), 0);
	ck_assert_uint_eq(cfg.page_cache_size, 0);
	ck_assert_int_eq(config_set(&cfg, "page-cache-size", "1073741824", &err), 0);
	ck_assert_uint_eq(cfg.page_cache_size, (size_t)1 << 30);
	static const char *const bad[] = { "-1", "8M", " 5", "1073741825", "99999999999999999999999", "0x10" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		buf_reset(&err);
		ck_assert_msg(config_set(&cfg, "page-cache-size", bad[i], &err) < 0, "%s", bad[i]);
		ck_assert(strstr(buf_cstr(&err), "--page-cache-size") != NULL);
	}
	ck_assert_uint_eq(cfg.page_cache_size, (size_t)1 << 30);
	setenv("TRACKPRO_PAGE_CACHE_SIZE", "0", 1);
	ck_assert_int_eq(config_from_env(&cfg, &err), 0);
	ck_assert_uint_eq(cfg.page_cache_size, 0);
	unsetenv("TRACKPRO_PAGE_CACHE_SIZE");
	buf_free(&err);
}
END_TEST

/* ---- requests through the dispatcher ---- */

static struct testuser ann, bob;

static void setup(void)
{
	testpage_setup();
	testpage_app.app.page_cache = page_cache_new(CONFIG_PAGE_CACHE_DEFAULT);
	testuser_init(&ann, "ann@example.org");
	testuser_init(&bob, "bob@example.org");
}

static void teardown(void)
{
	testuser_free(&ann);
	testuser_free(&bob);
	testpage_teardown();
}

static struct page_cache_stats stats(void)
{
	return page_cache_stats(testpage_app.app.page_cache);
}

static struct testresp get(struct testuser *w, const char *path, int status)
{
	struct testresp r;
	testpage_get(w, path, &r);
	testpage_assert_status(&r, status, path);
	return r;
}

/* Asserts that a and b are the same answer, headers and body. */
static void assert_same(const struct testresp *a, const struct testresp *b)
{
	ck_assert_int_eq(a->status, b->status);
	ck_assert_str_eq(a->head, b->head);
	ck_assert_uint_eq(a->body_len, b->body_len);
	ck_assert(memcmp(a->body, b->body, a->body_len) == 0);
}

/* Ann's tracker "Reading" with the task "Read", made through the forms; *task gets its id. */
static int64_t reading(int64_t *task)
{
	int64_t t = testpage_tracker(&ann, "Reading", "daily");
	*task = testpage_quick_task(&ann, t, "Read");
	return t;
}

START_TEST(a_hit_is_the_answer_a_fresh_page_gives)
{
	int64_t task, t = reading(&task);
	char tracker_path[64], stats_path[64];
	snprintf(tracker_path, sizeof tracker_path, "/trackers/%lld", (long long)t);
	snprintf(stats_path, sizeof stats_path, "/trackers/%lld/stats?days=7", (long long)t);
	/* Today first: it opens the day's periods on its first visit, a write that empties the cache */
	const char *const paths[] = { "/", "/stats", "/stats?range=90&year=2025", stats_path, tracker_path };
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		struct testresp first = get(&ann, paths[i], 200), second = get(&ann, paths[i], 200);
		/* that write also keeps Today's first answer out */
		if (strcmp(paths[i], "/") == 0) {
			testresp_free(&first);
			first = second;
			second = get(&ann, paths[i], 200);
		}
		assert_same(&first, &second);
		testpage_assert_has(&second, ann.csrf); /* the session's own token */
		testresp_free(&first);
		testresp_free(&second);
	}
	struct page_cache_stats s = stats();
	ck_assert_uint_eq(s.hits, 5);
	ck_assert_uint_eq(s.entries, 5);
	/* the same pages made afresh with the cache off: byte for byte what the hits sent */
	struct testresp cached = get(&ann, "/stats", 200);
	ck_assert_uint_eq(stats().hits, 6);
	page_cache_free(testpage_app.app.page_cache);
	testpage_app.app.page_cache = NULL;
	struct testresp fresh = get(&ann, "/stats", 200);
	assert_same(&cached, &fresh);
	testresp_free(&cached);
	testresp_free(&fresh);
}
END_TEST

/* The number after "Tasks done" on /stats. */
static int tasks_done(const struct testresp *r)
{
	const char *p = strstr(r->body, "<dt>Tasks done</dt><dd><strong>");
	ck_assert_ptr_nonnull(p);
	return (int)strtol(p + strlen("<dt>Tasks done</dt><dd><strong>"), NULL, 10);
}

START_TEST(a_check_in_shows_at_once_on_the_statistics)
{
	int64_t task;
	reading(&task);
	struct testresp r = get(&ann, "/", 200); /* opens today: the task instance exists */
	testresp_free(&r);
	r = get(&ann, "/stats", 200);
	ck_assert_int_eq(tasks_done(&r), 0);
	testresp_free(&r);
	r = get(&ann, "/stats", 200);
	ck_assert_int_eq(tasks_done(&r), 0);
	testresp_free(&r);
	ck_assert_uint_eq(stats().hits, 1);
	int64_t instance = testpage_int("SELECT id FROM task_instances WHERE task_template_id = %lld", (long long)task);
	char path[64];
	snprintf(path, sizeof path, "/checkins/%lld", (long long)instance);
	testpage_post(&ann, path, &r, "status", "done", NULL);
	ck_assert_int_eq(r.status, 303);
	testresp_free(&r);
	r = get(&ann, "/stats", 200);
	ck_assert_int_eq(tasks_done(&r), 1);
	testresp_free(&r);
	ck_assert_uint_eq(stats().hits, 1);
	ck_assert_uint_ge(stats().invalidations, 1);
	/* and Today */
	r = get(&ann, "/", 200);
	testpage_assert_has(&r, "1 of 1");
	testresp_free(&r);
}
END_TEST

START_TEST(a_settings_change_shows_at_once)
{
	int64_t task, t = reading(&task);
	char path[64];
	snprintf(path, sizeof path, "/trackers/%lld/stats", (long long)t);
	struct testresp r = get(&ann, path, 200), again = get(&ann, path, 200);
	testpage_assert_lacks(&again, "data-theme=\"dark\"");
	ck_assert_uint_eq(stats().hits, 1);
	testresp_free(&r);
	testresp_free(&again);
	testpage_post(&ann, "/settings", &r, "display_name", "Ann", "time_zone", "UTC", "week_start", "monday", "theme",
		      "dark", "streak_threshold", "80", "reminder_time", "", "summary_time", "", NULL);
	ck_assert_int_eq(r.status, 303);
	testresp_free(&r);
	r = get(&ann, path, 200);
	testpage_assert_has(&r, "data-theme=\"dark\"");
	testresp_free(&r);
	ck_assert_uint_eq(stats().hits, 1);
}
END_TEST

START_TEST(a_write_by_another_connection_shows_at_once)
{
	int64_t task, t = reading(&task);
	char path[64];
	snprintf(path, sizeof path, "/trackers/%lld", (long long)t);
	struct testresp r = get(&ann, path, 200), again = get(&ann, path, 200);
	ck_assert_uint_eq(stats().hits, 1);
	testresp_free(&r);
	testresp_free(&again);
	/* the stamp: a read changes nothing, a row this connection changes moves it … */
	struct page_cache_stamp before, after;
	ck_assert_int_eq(page_cache_stamp(&testpage_app.app.db, &before), 0);
	ck_assert_int_eq(testpage_int("SELECT count(*) FROM trackers"), 1);
	ck_assert_int_eq(page_cache_stamp(&testpage_app.app.db, &after), 0);
	ck_assert(page_cache_stamp_equal(&before, &after));
	ck_assert_int_eq(db_exec(&testpage_app.app.db, "UPDATE preferences SET theme = theme", NULL), 0);
	ck_assert_int_eq(page_cache_stamp(&testpage_app.app.db, &after), 0);
	ck_assert_int_gt(after.own_changes, before.own_changes);
	ck_assert_int_eq(after.data_version, before.data_version);
	before = after;
	/* … and another connection's commit, like the sqlite3 shell's */
	sqlite3 *other;
	ck_assert_int_eq(sqlite3_open(testpage_app.config.db_path, &other), SQLITE_OK);
	sqlite3_busy_timeout(other, 5000);
	char sql[128];
	snprintf(sql, sizeof sql, "UPDATE trackers SET name = 'Renamed elsewhere' WHERE id = %lld", (long long)t);
	ck_assert_int_eq(sqlite3_exec(other, sql, NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_close(other), SQLITE_OK);
	ck_assert_int_eq(page_cache_stamp(&testpage_app.app.db, &after), 0);
	ck_assert(!page_cache_stamp_equal(&before, &after));
	ck_assert_int_ne(before.data_version, after.data_version);
	r = get(&ann, path, 200);
	testpage_assert_has(&r, "Renamed elsewhere");
	testresp_free(&r);
	ck_assert_uint_eq(stats().hits, 1);
}
END_TEST

START_TEST(sessions_and_users_never_share_an_entry)
{
	int64_t task, t = reading(&task);
	/* Ann on a second device */
	struct testuser ann2 = { .id = ann.id };
	char token[TOKEN_TEXT_LEN + 1];
	testapp_session(&testpage_app, ann.id, token, ann2.csrf);
	testjar_init(&ann2.jar);
	testjar_set(&ann2.jar, "trackpro_session", token);
	char path[64];
	snprintf(path, sizeof path, "/trackers/%lld", (long long)t);
	struct testresp a = get(&ann, path, 200), a_again = get(&ann, path, 200);
	ck_assert_uint_eq(stats().hits, 1);
	struct testresp a2 = get(&ann2, path, 200);
	ck_assert_uint_eq(stats().hits, 1); /* a miss: its own entry */
	testpage_assert_has(&a2, ann2.csrf);
	testpage_assert_lacks(&a2, ann.csrf);
	testpage_assert_has(&a_again, ann.csrf);
	/* Bob gets a 404 for Ann's tracker, and his own dashboard */
	struct testresp b = get(&bob, path, 404);
	testpage_assert_lacks(&b, "Reading");
	struct testresp sa = get(&ann, "/stats", 200), sb = get(&bob, "/stats", 200);
	testpage_assert_has(&sa, "Reading</option>");
	testpage_assert_lacks(&sb, "Reading");
	testpage_assert_has(&sb, bob.csrf);
	testpage_assert_lacks(&sb, ann.csrf);
	ck_assert_uint_eq(stats().hits, 1);
	testresp_free(&a);
	testresp_free(&a_again);
	testresp_free(&a2);
	testresp_free(&b);
	testresp_free(&sa);
	testresp_free(&sb);
	testjar_free(&ann2.jar);
	/* no session at all: the login page, never an entry */
	struct testjar jar;
	testjar_init(&jar);
	struct testresp anon;
	testapp_browse(&testpage_app, &jar, "GET", path, NULL, NULL, &anon);
	ck_assert_int_eq(anon.status, 303);
	testresp_free(&anon);
	testjar_free(&jar);
}
END_TEST

START_TEST(pages_expire_with_time_and_at_the_end_of_the_day)
{
	struct testresp r = get(&ann, "/stats", 200);
	testresp_free(&r);
	ck_assert_uint_eq(stats().stores, 1);
	testapp_advance(&testpage_app, 30);
	r = get(&ann, "/stats", 200);
	testresp_free(&r);
	ck_assert_uint_eq(stats().hits, 1);
	testapp_advance(&testpage_app, PAGE_CACHE_MAX_AGE); /* 90 s after it was made */
	r = get(&ann, "/stats", 200);
	testresp_free(&r);
	ck_assert_uint_eq(stats().hits, 1);
	ck_assert_uint_eq(stats().stores, 2);
	/* 40 seconds before midnight (UTC, Ann's zone): "today" would change within the entry's
	 * life, so the page is not kept */
	int64_t midnight = (testpage_app.app.clock.fixed / 86400 + 1) * 86400;
	testpage_app.app.clock.fixed = midnight - 40;
	for (int i = 0; i < 2; i++) {
		r = get(&ann, "/stats", 200);
		testresp_free(&r);
	}
	ck_assert_uint_eq(stats().hits, 1);
	ck_assert_uint_eq(stats().stores, 2);
	testpage_app.app.clock.fixed = midnight + 1; /* the next day */
	for (int i = 0; i < 2; i++) {
		r = get(&ann, "/stats", 200);
		testresp_free(&r);
	}
	ck_assert_uint_eq(stats().hits, 2);
}
END_TEST

START_TEST(notices_errors_head_and_bodies_are_never_kept)
{
	int64_t task, t = reading(&task);
	char path[96];
	/* a notice in the query (and any parameter the page does not read) */
	snprintf(path, sizeof path, "/trackers/%lld?saved=task", (long long)t);
	for (int i = 0; i < 2; i++) {
		struct testresp r = get(&ann, path, 200);
		testpage_assert_has(&r, "The task was saved.");
		testresp_free(&r);
	}
	struct testresp r = get(&ann, "/stats?utm=x", 200), again = get(&ann, "/stats?utm=x", 200);
	testresp_free(&r);
	testresp_free(&again);
	/* errors */
	for (int i = 0; i < 2; i++) {
		r = get(&ann, "/stats?range=14", 400);
		testresp_free(&r);
		r = get(&ann, "/trackers/999999/stats", 404);
		testresp_free(&r);
	}
	ck_assert_uint_eq(stats().stores, 0);
	ck_assert_uint_eq(stats().hits, 0);
	/* pages that did not opt in */
	for (int i = 0; i < 2; i++) {
		r = get(&ann, "/settings", 200);
		testresp_free(&r);
	}
	ck_assert_uint_eq(stats().stores, 0);
	/* a kept page is not sent for HEAD, nor for a GET carrying a body */
	r = get(&ann, "/stats", 200);
	testresp_free(&r);
	ck_assert_uint_eq(stats().stores, 1);
	char cookie[TOKEN_TEXT_LEN + 32];
	snprintf(cookie, sizeof cookie, "trackpro_session=%s", testjar_get(&ann.jar, "trackpro_session"));
	const char *const extra[] = { "HTTP_COOKIE", cookie, NULL };
	testapp_request(&testpage_app, "HEAD", "/stats", NULL, NULL, 0, extra, &r);
	ck_assert_int_eq(r.status, 200);
	ck_assert_uint_eq(r.body_len, 0);
	testresp_free(&r);
	testapp_request(&testpage_app, "GET", "/stats", "text/plain", "x=1", 3, extra, &r);
	ck_assert_int_eq(r.status, 200);
	testresp_free(&r);
	ck_assert_uint_eq(stats().hits, 0);
	ck_assert_uint_eq(stats().stores, 1);
}
END_TEST

static Suite *page_cache_suite(void)
{
	Suite *s = suite_create("page_cache");
	TCase *store = tcase_create("store");
	tcase_add_test(store, a_kept_answer_comes_back_byte_for_byte);
	tcase_add_test(store, any_change_of_the_stamp_drops_every_entry);
	tcase_add_test(store, entries_expire_and_never_outlive_the_maximum_age);
	tcase_add_test(store, the_size_limit_evicts_the_least_recently_used);
	tcase_add_test(store, at_most_256_entries_are_held);
	tcase_add_test(store, size_zero_turns_the_cache_off);
	suite_add_tcase(s, store);
	TCase *req = tcase_create("requests");
	tcase_add_checked_fixture(req, setup, teardown);
	tcase_set_timeout(req, 60);
	tcase_add_test(req, a_hit_is_the_answer_a_fresh_page_gives);
	tcase_add_test(req, a_check_in_shows_at_once_on_the_statistics);
	tcase_add_test(req, a_settings_change_shows_at_once);
	tcase_add_test(req, a_write_by_another_connection_shows_at_once);
	tcase_add_test(req, sessions_and_users_never_share_an_entry);
	tcase_add_test(req, pages_expire_with_time_and_at_the_end_of_the_day);
	tcase_add_test(req, notices_errors_head_and_bodies_are_never_kept);
	suite_add_tcase(s, req);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(page_cache_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
