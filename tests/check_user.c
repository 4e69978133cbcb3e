/* check_user: unit tests of the account domain — users, preferences, throttling and the
 * ownership check — against a migrated database. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "password.h"
#include "session.h"
#include "testdb.h"
#include "throttle.h"
#include "token.h"
#include "user.h"

static void setup(void)
{
	ck_assert_int_eq(token_library_init(), 0);
	testdb_setup();
}

/* Creates a user with a real hash of password; returns the id. */
static int64_t add_user(const char *email, const char *password)
{
	char hash[PASSWORD_HASH_SIZE];
	ck_assert_int_eq(password_hash(password, strlen(password), hash), 0);
	int64_t id = 0;
	ck_assert_int_eq(user_create(&tdb.db, 1000, email, "Someone", hash, "Europe/Paris", false, &id), USER_OK);
	ck_assert_int_gt(id, 0);
	return id;
}

START_TEST(create_get_and_unique_email)
{
	int64_t id = add_user("Ann@Example.org", "a long password");
	struct user u;
	ck_assert_int_eq(user_get(&tdb.db, &tdb.arena, id, &u), USER_OK);
	ck_assert_str_eq(u.email, "Ann@Example.org");
	ck_assert_str_eq(u.time_zone, "Europe/Paris");
	ck_assert_int_eq(u.week_start, 1);
	ck_assert(!u.is_admin);
	ck_assert_int_eq(user_get_by_email(&tdb.db, &tdb.arena, "ann@example.ORG", &u), USER_OK);
	ck_assert_int_eq(u.id, id);
	ck_assert_int_eq(user_create(&tdb.db, 1000, "ANN@example.org", "Other", "x", "UTC", false, NULL), USER_EMAIL_TAKEN);
	ck_assert_int_eq(user_get(&tdb.db, &tdb.arena, id + 100, &u), USER_NOT_FOUND);
	ck_assert_int_eq(user_count(&tdb.db), 1);
}
END_TEST

START_TEST(authenticate_right_wrong_unknown)
{
	int64_t id = add_user("bob@example.org", "bob's long password");
	struct user u;
	ck_assert_int_eq(user_authenticate(&tdb.db, &tdb.arena, 5000, "BOB@example.org", "bob's long password", 19, &u), USER_OK);
	ck_assert_int_eq(u.id, id);
	ck_assert_int_eq(u.last_login_at, 5000);
	ck_assert_int_eq(user_authenticate(&tdb.db, &tdb.arena, 5000, "bob@example.org", "bob's long passworD", 19, &u),
			 USER_WRONG_PASSWORD);
	ck_assert_int_eq(user_authenticate(&tdb.db, &tdb.arena, 5000, "nobody@example.org", "bob's long password", 19, &u),
			 USER_WRONG_PASSWORD);
	ck_assert(user_password_matches(&tdb.db, id, "bob's long password", 19));
	ck_assert(!user_password_matches(&tdb.db, id, "bob's long password!", 20));
}
END_TEST

START_TEST(outdated_hash_is_redone_at_login)
{
	int64_t id = add_user("carol@example.org", "carol's password");
	char weak[PASSWORD_HASH_SIZE];
	ck_assert_int_eq(crypto_pwhash_str(weak, "carol's password", 16, crypto_pwhash_OPSLIMIT_MIN,
					   crypto_pwhash_MEMLIMIT_MIN), 0);
	ck_assert_int_eq(user_set_password_hash(&tdb.db, 2000, id, weak), USER_OK);
	ck_assert(password_needs_rehash(weak));
	struct user u;
	ck_assert_int_eq(user_authenticate(&tdb.db, &tdb.arena, 3000, "carol@example.org", "carol's password", 16, &u), USER_OK);
	ck_assert_int_eq(user_get(&tdb.db, &tdb.arena, id, &u), USER_OK);
	ck_assert_str_ne(u.password_hash, weak);
	ck_assert(!password_needs_rehash(u.password_hash));
	ck_assert(password_verify(u.password_hash, "carol's password", 16));
}
END_TEST

START_TEST(validation_messages)
{
	ck_assert_ptr_null(user_email_problem("a@b.org"));
	const char *bad[] = { "", "plain", "@example.org", "a@", "a@b", "a@@b.org", "a b@c.org", "a@b.org.", "a@.org",
			      "<a>@b.org" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(user_email_problem(bad[i]) != NULL, "accepted %s", bad[i]);
	char long_email[300];
	memset(long_email, 'a', sizeof long_email);
	memcpy(long_email + 250, "@b.org", 7);
	ck_assert_ptr_nonnull(user_email_problem(long_email));
	ck_assert_ptr_null(user_display_name_problem("Zoë"));
	ck_assert_ptr_nonnull(user_display_name_problem(""));
	ck_assert_ptr_nonnull(user_display_name_problem("tab\there"));
}
END_TEST

START_TEST(preferences_defaults_and_update)
{
	int64_t id = add_user("dan@example.org", "dan's password!");
	struct user_preferences p;
	ck_assert_int_eq(user_get_preferences(&tdb.db, &tdb.arena, id, &p), USER_OK);
	ck_assert_str_eq(p.theme, "system");
	ck_assert_int_eq(p.streak_threshold, 80);
	ck_assert_int_eq(p.reminder_minute, -1);
	struct user_preferences q = { "dark", 75, 8 * 60 + 30, -1 };
	ck_assert_int_eq(user_set_preferences(&tdb.db, 4000, id, &q), USER_OK);
	ck_assert_int_eq(user_get_preferences(&tdb.db, &tdb.arena, id, &p), USER_OK);
	ck_assert_str_eq(p.theme, "dark");
	ck_assert_int_eq(p.streak_threshold, 75);
	ck_assert_int_eq(p.reminder_minute, 510);
	ck_assert_int_eq(p.summary_minute, -1);
	struct user_preferences bad = { "neon", 75, -1, -1 };
	ck_assert_int_eq(user_set_preferences(&tdb.db, 4000, id, &bad), USER_ERROR); /* the schema refuses it */
}
END_TEST

START_TEST(delete_cascades_and_keeps_others)
{
	int64_t a = add_user("erin@example.org", "erin's password"), b = add_user("finn@example.org", "finn's password");
	struct session_policy policy = { 7 * 86400, 30 * 86400 };
	char token[TOKEN_TEXT_LEN + 1];
	ck_assert_int_eq(session_create(&tdb.db, 100, &policy, a, "ua", "1.2.3.4", token, NULL), 0);
	ck_assert_int_eq(session_create(&tdb.db, 100, &policy, b, "ua", "1.2.3.4", token, NULL), 0);
	ck_assert_int_eq(user_delete(&tdb.db, a), USER_OK);
	struct user u;
	ck_assert_int_eq(user_get(&tdb.db, &tdb.arena, a, &u), USER_NOT_FOUND);
	ck_assert_int_eq(user_delete(&tdb.db, a), USER_NOT_FOUND);
	struct session s;
	ck_assert_int_eq(session_lookup(&tdb.db, 200, &policy, token, &s), 0); /* b's session lives on */
	ck_assert_int_eq(s.user_id, b);
	ck_assert_int_eq(user_count(&tdb.db), 1);
}
END_TEST

START_TEST(throttle_rule_without_a_table)
{
	/* the pure rule that share links use with their own failure table */
	struct throttle_rule rule = { .free_attempts = 2, .window_seconds = 100, .max_wait = 5 };
	int64_t start = 0, count = 0;
	throttle_count_failure(&rule, false, &start, &count, 10);
	ck_assert_int_eq(start, 10);
	ck_assert_int_eq(count, 1);
	ck_assert_int_eq(throttle_wait_after(&rule, start, count, 10, 10), 0);
	throttle_count_failure(&rule, true, &start, &count, 11);
	ck_assert_int_eq(count, 2);
	ck_assert_int_eq(throttle_wait_after(&rule, start, count, 11, 11), 1);
	for (int i = 0; i < 10; i++)
		throttle_count_failure(&rule, true, &start, &count, 12);
	ck_assert_int_eq(throttle_wait_after(&rule, start, count, 12, 12), 5); /* the ceiling */
	throttle_count_failure(&rule, true, &start, &count, 200); /* the window passed: a new one */
	ck_assert_int_eq(start, 200);
	ck_assert_int_eq(count, 1);
}
END_TEST

START_TEST(throttle_backoff)
{
	struct throttle_rule rule = { .free_attempts = 3, .window_seconds = 600, .max_wait = 8 };
	const char *key = "login:x@example.org|1.2.3.4";
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(throttle_wait(&tdb.db, &rule, key, 1000), 0); /* the first three go ahead */
		ck_assert_int_eq(throttle_fail(&tdb.db, &rule, key, 1000), 0);
	}
	ck_assert_int_eq(throttle_wait(&tdb.db, &rule, key, 1000), 1); /* after three failures: wait */
	ck_assert_int_eq(throttle_wait(&tdb.db, &rule, key, 1001), 0);
	ck_assert_int_eq(throttle_fail(&tdb.db, &rule, key, 1001), 0);
	ck_assert_int_eq(throttle_wait(&tdb.db, &rule, key, 1001), 2); /* doubling */
	ck_assert_int_eq(throttle_fail(&tdb.db, &rule, key, 1003), 0);
	ck_assert_int_eq(throttle_wait(&tdb.db, &rule, key, 1003), 4);
	for (int i = 0; i < 10; i++)
		ck_assert_int_eq(throttle_fail(&tdb.db, &rule, key, 1002), 0);
	ck_assert_int_eq(throttle_wait(&tdb.db, &rule, key, 1002), 8); /* the ceiling */
	ck_assert_int_eq(throttle_wait(&tdb.db, &rule, "login:x@example.org|5.6.7.8", 1002), 0); /* other key */
	ck_assert_int_eq(throttle_wait(&tdb.db, &rule, key, 1000 + 600), 0); /* the window passed */
	ck_assert_int_eq(throttle_fail(&tdb.db, &rule, key, 1002), 0);
	ck_assert_int_eq(throttle_clear(&tdb.db, key), 0);
	ck_assert_int_eq(throttle_wait(&tdb.db, &rule, key, 1002), 0);
}
END_TEST

START_TEST(ownership_check)
{
	int64_t a = add_user("gus@example.org", "gus's password"), b = add_user("hal@example.org", "hal's password");
	struct buf err;
	buf_init(&err);
	ck_assert_int_eq(db_exec(&tdb.db,
				 "INSERT INTO trackers (id, user_id, name, created_at, updated_at) VALUES (10, 1, 'Gym', 0, 0);"
				 "INSERT INTO task_templates (id, tracker_id, name, created_at, updated_at) VALUES (20, 10, 'Run', 0, 0);",
				 &err),
			 0);
	buf_free(&err);
	ck_assert_int_eq(a, 1);
	ck_assert_int_eq(access_check(&tdb.db, ACCESS_TRACKER, 10, a), 0);
	ck_assert_int_eq(access_check(&tdb.db, ACCESS_TRACKER, 10, b), 404);
	ck_assert_int_eq(access_check(&tdb.db, ACCESS_TRACKER, 11, a), 404);
	ck_assert_int_eq(access_check(&tdb.db, ACCESS_TASK_TEMPLATE, 20, a), 0);
	ck_assert_int_eq(access_check(&tdb.db, ACCESS_TASK_TEMPLATE, 20, b), 404);
	ck_assert_int_eq(access_check(&tdb.db, ACCESS_GOAL, 1, a), 404);
	struct session_policy policy = { 7 * 86400, 30 * 86400 };
	char token[TOKEN_TEXT_LEN + 1];
	struct session s;
	ck_assert_int_eq(session_create(&tdb.db, 100, &policy, b, "ua", "", token, &s), 0);
	ck_assert_int_eq(access_check(&tdb.db, ACCESS_SESSION, s.id, b), 0);
	ck_assert_int_eq(access_check(&tdb.db, ACCESS_SESSION, s.id, a), 404);
}
END_TEST

START_TEST(session_expiry_and_touch)
{
	int64_t id = add_user("ida@example.org", "ida's password");
	struct session_policy policy = { 100, 1000 };
	char token[TOKEN_TEXT_LEN + 1];
	struct session s, t;
	ck_assert_int_eq(session_create(&tdb.db, 0, &policy, id, "ua", "", token, &s), 0);
	ck_assert_int_eq(session_lookup(&tdb.db, 99, &policy, token, &t), 0);
	ck_assert_int_eq(t.last_seen_at, 99); /* touched: older than SESSION_TOUCH_SECONDS */
	ck_assert_str_eq(t.csrf, s.csrf);
	for (int64_t now = 190; now < 1000; now += 90)
		ck_assert_msg(session_lookup(&tdb.db, now, &policy, token, &t) == 0, "ended early at %lld", (long long)now);
	ck_assert_int_eq(session_lookup(&tdb.db, 1000, &policy, token, &t), -1); /* absolute expiry */
	ck_assert_int_eq(session_create(&tdb.db, 0, &policy, id, "ua", "", token, &s), 0);
	ck_assert_int_eq(session_lookup(&tdb.db, 100, &policy, token, &t), -1); /* idle expiry */
	ck_assert_int_eq(session_lookup(&tdb.db, 50, &policy, token, &t), -1); /* and the row is gone */
	ck_assert_int_eq(session_lookup(&tdb.db, 50, &policy, "garbage", &t), -1);
	/* ids are never reused: a stale "End" button cannot reach a newer session */
	ck_assert_int_eq(session_create(&tdb.db, 0, &policy, id, "ua", "", token, &t), 0);
	ck_assert_int_gt(t.id, s.id);
}
END_TEST

static Suite *user_suite(void)
{
	Suite *s = suite_create("user");
	TCase *tc = tcase_create("accounts");
	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, setup, testdb_teardown);
	tcase_add_test(tc, create_get_and_unique_email);
	tcase_add_test(tc, authenticate_right_wrong_unknown);
	tcase_add_test(tc, outdated_hash_is_redone_at_login);
	tcase_add_test(tc, validation_messages);
	tcase_add_test(tc, preferences_defaults_and_update);
	tcase_add_test(tc, delete_cascades_and_keeps_others);
	tcase_add_test(tc, throttle_backoff);
	tcase_add_test(tc, throttle_rule_without_a_table);
	tcase_add_test(tc, ownership_check);
	tcase_add_test(tc, session_expiry_and_touch);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(user_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
