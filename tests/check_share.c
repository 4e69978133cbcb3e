/* check_share: the share-link domain (share.h) in a migrated database — token handling (only
 * the hash is stored, malformed and unknown tokens), every state (active, deactivated,
 * regenerated, expired by a moved clock, used up), exact use counting by the one atomic UPDATE
 * (also from several processes at once), owner checks, input rules, password attempts with
 * their throttling per address and per link, and the unlock cookie's value. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "goal.h"
#include "share.h"
#include "testdb.h"
#include "tracker.h"

#define NOW 1779408000 /* 2026-05-22T00:00:00Z */
#define PW "correct horse battery"

static int64_t ann, bob, ann_tracker, bob_tracker;

static void setup(void)
{
	ck_assert_int_eq(token_library_init(), 0);
	testdb_setup();
	ann = testdb_user(&tdb, "ann@example.org");
	bob = testdb_user(&tdb, "bob@example.org");
	struct tracker_input in = { "Morning", "", TIME_MODE_DAILY, TRACKER_NO_DATE, TRACKER_NO_DATE, "#336699", 0 };
	ck_assert_int_eq(tracker_create(&tdb.db, NOW - 86400, ann, &in, &ann_tracker), TRACKER_OK);
	in.name = "Bob's secret";
	ck_assert_int_eq(tracker_create(&tdb.db, NOW - 86400, bob, &in, &bob_tracker), TRACKER_OK);
}

static void teardown(void)
{
	testdb_teardown();
}

/* An input for Ann's tracker with no options. */
static struct share_input plain(void)
{
	struct share_input in = { .label = "For Sam", .tracker_id = ann_tracker };
	return in;
}

/* Creates a link of Ann's from in; returns its id and writes its token. */
static int64_t make(const struct share_input *in, char token[TOKEN_TEXT_LEN + 1])
{
	int64_t id = 0;
	ck_assert_int_eq(share_create(&tdb.db, NOW, ann, in, token, &id), SHARE_OK);
	ck_assert_int_gt(id, 0);
	return id;
}

static enum share_access resolve(const char *token, int64_t now)
{
	struct share_link l;
	return share_resolve(&tdb.db, &tdb.arena, token, now, &l);
}

static enum share_access take(const char *token, int64_t now)
{
	return share_take_use(&tdb.db, &tdb.arena, token, now, NULL);
}

static int64_t uses(int64_t id)
{
	return testdb_int(&tdb, "SELECT use_count FROM share_links WHERE id = %lld", (long long)id);
}

/* ---- tokens ---- */

START_TEST(only_the_token_hash_is_stored)
{
	char token[TOKEN_TEXT_LEN + 1];
	struct share_input in = plain();
	int64_t id = make(&in, token);
	ck_assert_uint_eq(strlen(token), TOKEN_TEXT_LEN);
	ck_assert_uint_eq(strspn(token, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), TOKEN_TEXT_LEN);
	unsigned char raw[TOKEN_BYTES];
	ck_assert_int_eq(token_decode(token, raw), 0);
	/* the row holds BLAKE2b of the token's bytes, and the token's text appears nowhere */
	unsigned char th[TOKEN_HASH_BYTES];
	ck_assert_int_eq(token_hash(token, th), 0);
	char hex[2 * TOKEN_HASH_BYTES + 1];
	for (int i = 0; i < TOKEN_HASH_BYTES; i++)
		snprintf(hex + 2 * i, 3, "%02X", th[i]);
	ck_assert_int_eq(testdb_int(&tdb, "SELECT count(*) FROM share_links WHERE id = %lld AND hex(token_hash) = '%s'",
				    (long long)id, hex),
			 1);
	ck_assert_int_eq(testdb_int(&tdb,
				    "SELECT count(*) FROM share_links WHERE instr(label, '%s') OR instr(hex(token_hash), hex('%s'))"
				    " OR instr(ifnull(password_hash, ''), '%s')",
				    token, token, token),
			 0);
	struct share_link l;
	ck_assert_int_eq(share_resolve(&tdb.db, &tdb.arena, token, NOW, &l), SHARE_ACCESS_OK);
	ck_assert_int_eq(l.id, id);
	ck_assert_int_eq(l.tracker_id, ann_tracker);
	ck_assert_str_eq(l.label, "For Sam");
	ck_assert_str_eq(l.object_name, "Morning");
	ck_assert(!l.show_notes);
	ck_assert_ptr_null(l.password_hash);
	/* two links never share a token */
	char other[TOKEN_TEXT_LEN + 1];
	make(&in, other);
	ck_assert_str_ne(token, other);
}
END_TEST

START_TEST(malformed_and_unknown_tokens_lead_nowhere)
{
	char token[TOKEN_TEXT_LEN + 1];
	struct share_input in = plain();
	make(&in, token);
	char unknown[TOKEN_TEXT_LEN + 1];
	token_new(unknown);
	ck_assert_int_eq(resolve(unknown, NOW), SHARE_ACCESS_UNKNOWN);
	ck_assert_int_eq(take(unknown, NOW), SHARE_ACCESS_UNKNOWN);
	char shorter[TOKEN_TEXT_LEN];
	memcpy(shorter, token, TOKEN_TEXT_LEN - 1);
	shorter[TOKEN_TEXT_LEN - 1] = '\0';
	const char *bad[] = { "", "x", shorter, "abc!", NULL };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ck_assert_int_eq(resolve(bad[i], NOW), SHARE_ACCESS_UNKNOWN);
		ck_assert_int_eq(take(bad[i], NOW), SHARE_ACCESS_UNKNOWN);
	}
	char longer[TOKEN_TEXT_LEN + 2];
	snprintf(longer, sizeof longer, "%sA", token);
	ck_assert_int_eq(resolve(longer, NOW), SHARE_ACCESS_UNKNOWN);
	/* one character changed */
	char changed[TOKEN_TEXT_LEN + 1];
	memcpy(changed, token, sizeof changed);
	changed[5] = changed[5] == 'A' ? 'B' : 'A';
	ck_assert_int_eq(resolve(changed, NOW), SHARE_ACCESS_UNKNOWN);
	ck_assert_int_eq(resolve(token, NOW), SHARE_ACCESS_OK);
}
END_TEST

/* ---- states ---- */

START_TEST(deactivated_link_is_unknown_at_once)
{
	char token[TOKEN_TEXT_LEN + 1];
	struct share_input in = plain();
	int64_t id = make(&in, token);
	ck_assert_int_eq(take(token, NOW), SHARE_ACCESS_OK);
	ck_assert_int_eq(share_deactivate(&tdb.db, ann, id), SHARE_OK);
	ck_assert_int_eq(resolve(token, NOW), SHARE_ACCESS_UNKNOWN);
	ck_assert_int_eq(take(token, NOW), SHARE_ACCESS_UNKNOWN);
	ck_assert_int_eq(uses(id), 1);
	struct share_link l;
	ck_assert_int_eq(share_get(&tdb.db, &tdb.arena, ann, id, &l), SHARE_OK);
	ck_assert_int_eq(share_state_of(&l, NOW), SHARE_INACTIVE);
	ck_assert_str_eq(share_state_label(SHARE_INACTIVE), "Deactivated");
}
END_TEST

START_TEST(expiry_follows_the_clock)
{
	char token[TOKEN_TEXT_LEN + 1];
	struct share_input in = plain();
	in.expires_at = NOW + 7 * 86400;
	int64_t id = make(&in, token);
	ck_assert_int_eq(resolve(token, NOW), SHARE_ACCESS_OK);
	ck_assert_int_eq(take(token, NOW + 7 * 86400 - 1), SHARE_ACCESS_OK);
	/* at the expiry itself and after, from any cache: expired, no use taken */
	ck_assert_int_eq(resolve(token, NOW + 7 * 86400), SHARE_ACCESS_EXPIRED);
	ck_assert_int_eq(take(token, NOW + 7 * 86400), SHARE_ACCESS_EXPIRED);
	ck_assert_int_eq(take(token, NOW + 30 * 86400), SHARE_ACCESS_EXPIRED);
	ck_assert_int_eq(uses(id), 1);
	struct share_link l;
	ck_assert_int_eq(share_get(&tdb.db, &tdb.arena, ann, id, &l), SHARE_OK);
	ck_assert_int_eq(share_state_of(&l, NOW), SHARE_ACTIVE);
	ck_assert_int_eq(share_state_of(&l, NOW + 7 * 86400), SHARE_EXPIRED);
	/* a deactivated link that also expired is unknown (404), never a 410 */
	ck_assert_int_eq(share_deactivate(&tdb.db, ann, id), SHARE_OK);
	ck_assert_int_eq(resolve(token, NOW + 8 * 86400), SHARE_ACCESS_UNKNOWN);
}
END_TEST

START_TEST(uses_are_counted_exactly)
{
	char token[TOKEN_TEXT_LEN + 1];
	struct share_input in = plain();
	in.max_uses = 3;
	int64_t id = make(&in, token);
	for (int i = 1; i <= 3; i++) {
		struct share_link l;
		ck_assert_int_eq(share_take_use(&tdb.db, &tdb.arena, token, NOW + i, &l), SHARE_ACCESS_OK);
		ck_assert_int_eq(l.use_count, i);
		ck_assert_int_eq(l.last_used_at, NOW + i);
	}
	ck_assert_int_eq(uses(id), 3);
	ck_assert_int_eq(take(token, NOW + 10), SHARE_ACCESS_USED_UP);
	ck_assert_int_eq(take(token, NOW + 11), SHARE_ACCESS_USED_UP);
	ck_assert_int_eq(resolve(token, NOW + 12), SHARE_ACCESS_USED_UP);
	ck_assert_int_eq(uses(id), 3);
	ck_assert_int_eq(testdb_int(&tdb, "SELECT last_used_at FROM share_links WHERE id = %lld", (long long)id), NOW + 3);
	/* resolve never takes a use; unlimited links count every use */
	char free_token[TOKEN_TEXT_LEN + 1];
	in.max_uses = 0;
	int64_t free_id = make(&in, free_token);
	for (int i = 0; i < 5; i++)
		ck_assert_int_eq(resolve(free_token, NOW), SHARE_ACCESS_OK);
	ck_assert_int_eq(uses(free_id), 0);
	for (int i = 0; i < 25; i++)
		ck_assert_int_eq(take(free_token, NOW), SHARE_ACCESS_OK);
	ck_assert_int_eq(uses(free_id), 25);
	/* a used-up link that is also expired says expired */
	in.max_uses = 1;
	in.expires_at = NOW + 60;
	char both[TOKEN_TEXT_LEN + 1];
	make(&in, both);
	ck_assert_int_eq(take(both, NOW), SHARE_ACCESS_OK);
	ck_assert_int_eq(take(both, NOW + 61), SHARE_ACCESS_EXPIRED);
}
END_TEST

/* Several processes, each with its own connection, race for the uses of one link: exactly
 * max_uses of their attempts succeed. */
START_TEST(concurrent_processes_never_exceed_max_uses)
{
	char token[TOKEN_TEXT_LEN + 1];
	struct share_input in = plain();
	in.max_uses = 5;
	int64_t id = make(&in, token);
	enum { PROCS = 8, TRIES = 4 };
	pid_t pids[PROCS];
	for (int p = 0; p < PROCS; p++) {
		pids[p] = fork();
		ck_assert_int_ge(pids[p], 0);
		if (pids[p] == 0) {
			struct db db;
			struct buf err;
			buf_init(&err);
			struct arena a;
			arena_init(&a);
			int won = 0;
			if (db_open(&db, tdb.folder.path, &err) < 0)
				_exit(100);
			for (int i = 0; i < TRIES; i++) {
				enum share_access acc = share_take_use(&db, &a, token, NOW, NULL);
				if (acc == SHARE_ACCESS_OK)
					won++;
				else if (acc != SHARE_ACCESS_USED_UP)
					_exit(101);
			}
			db_close(&db);
			_exit(won);
		}
	}
	int total = 0;
	for (int p = 0; p < PROCS; p++) {
		int status;
		ck_assert_int_eq(waitpid(pids[p], &status, 0), pids[p]);
		ck_assert(WIFEXITED(status));
		ck_assert_int_le(WEXITSTATUS(status), TRIES);
		total += WEXITSTATUS(status);
	}
	ck_assert_int_eq(total, 5);
	ck_assert_int_eq(uses(id), 5);
}
END_TEST

START_TEST(regenerate_kills_the_old_token_for_ever)
{
	char first[TOKEN_TEXT_LEN + 1], second[TOKEN_TEXT_LEN + 1], third[TOKEN_TEXT_LEN + 1];
	struct share_input in = plain();
	in.max_uses = 2;
	int64_t id = make(&in, first);
	ck_assert_int_eq(take(first, NOW), SHARE_ACCESS_OK);
	ck_assert_int_eq(take(first, NOW), SHARE_ACCESS_OK);
	ck_assert_int_eq(share_deactivate(&tdb.db, ann, id), SHARE_OK);
	ck_assert_int_eq(share_regenerate(&tdb.db, ann, id, second), SHARE_OK);
	ck_assert_str_ne(first, second);
	/* the new token works (active again, no uses yet); the old one is unknown */
	ck_assert_int_eq(resolve(first, NOW), SHARE_ACCESS_UNKNOWN);
	ck_assert_int_eq(take(first, NOW), SHARE_ACCESS_UNKNOWN);
	ck_assert_int_eq(uses(id), 0);
	ck_assert_int_eq(take(second, NOW), SHARE_ACCESS_OK);
	ck_assert_int_eq(share_regenerate(&tdb.db, ann, id, third), SHARE_OK);
	ck_assert_int_eq(resolve(first, NOW), SHARE_ACCESS_UNKNOWN);
	ck_assert_int_eq(resolve(second, NOW), SHARE_ACCESS_UNKNOWN);
	ck_assert_int_eq(resolve(third, NOW), SHARE_ACCESS_OK);
	ck_assert_int_eq(testdb_int(&tdb, "SELECT count(*) FROM share_links"), 1);
}
END_TEST

START_TEST(owner_checks)
{
	char token[TOKEN_TEXT_LEN + 1];
	struct share_input in = plain();
	int64_t id = make(&in, token);
	struct share_link l;
	char t2[TOKEN_TEXT_LEN + 1];
	/* Bob cannot read, deactivate, regenerate or delete Ann's link */
	ck_assert_int_eq(share_get(&tdb.db, &tdb.arena, bob, id, &l), SHARE_NOT_FOUND);
	ck_assert_int_eq(share_deactivate(&tdb.db, bob, id), SHARE_NOT_FOUND);
	ck_assert_int_eq(share_regenerate(&tdb.db, bob, id, t2), SHARE_NOT_FOUND);
	ck_assert_int_eq(share_delete(&tdb.db, bob, id), SHARE_NOT_FOUND);
	ck_assert_int_eq(resolve(token, NOW), SHARE_ACCESS_OK);
	/* nor share Ann's tracker; Ann cannot share Bob's */
	struct share_input theirs = plain();
	int64_t none = 0;
	ck_assert_int_eq(share_create(&tdb.db, NOW, bob, &theirs, t2, &none), SHARE_NOT_FOUND);
	theirs.tracker_id = bob_tracker;
	ck_assert_int_eq(share_create(&tdb.db, NOW, ann, &theirs, t2, &none), SHARE_NOT_FOUND);
	ck_assert_int_eq(share_create(&tdb.db, NOW, ann, &(struct share_input){ .goal_id = 999 }, t2, &none),
			 SHARE_NOT_FOUND);
	ck_assert_int_eq(testdb_int(&tdb, "SELECT count(*) FROM share_links"), 1);
	/* the list holds only the owner's links */
	ck_assert_int_eq(testdb_int(&tdb, "SELECT count(*) FROM share_links WHERE user_id = %lld", (long long)bob), 0);
	/* a tracker in the trash makes its links lead nowhere */
	ck_assert_int_eq(tracker_delete(&tdb.db, NOW, ann, ann_tracker), TRACKER_OK);
	ck_assert_int_eq(resolve(token, NOW), SHARE_ACCESS_UNKNOWN);
	ck_assert_int_eq(take(token, NOW), SHARE_ACCESS_UNKNOWN);
	ck_assert_int_eq(share_get(&tdb.db, &tdb.arena, ann, id, &l), SHARE_OK);
	ck_assert(l.object_gone);
	ck_assert_int_eq(share_delete(&tdb.db, ann, id), SHARE_OK);
	ck_assert_int_eq(share_delete(&tdb.db, ann, id), SHARE_NOT_FOUND);
	ck_assert_int_eq(testdb_int(&tdb, "SELECT count(*) FROM share_links"), 0);
}
END_TEST

START_TEST(goal_links)
{
	struct goal_input gi = { .name = "Read 12 books", .description = "", .kind = GOAL_TARGET, .unit = "books", .target_value = 12,
				 .start_date = GOAL_NO_DATE, .deadline = NOW / 86400 + 200 };
	int64_t goal = 0;
	ck_assert_int_eq(goal_create(&tdb.db, NOW, NOW / 86400, ann, &gi, &goal), GOAL_OK);
	char token[TOKEN_TEXT_LEN + 1];
	struct share_input in = { .goal_id = goal };
	make(&in, token);
	struct share_link l;
	ck_assert_int_eq(share_resolve(&tdb.db, &tdb.arena, token, NOW, &l), SHARE_ACCESS_OK);
	ck_assert_int_eq(l.goal_id, goal);
	ck_assert_int_eq(l.tracker_id, 0);
	ck_assert_str_eq(l.object_name, "Read 12 books");
	ck_assert_int_eq(goal_delete(&tdb.db, NOW, ann, goal), GOAL_OK);
	ck_assert_int_eq(resolve(token, NOW), SHARE_ACCESS_UNKNOWN);
}
END_TEST

START_TEST(input_rules)
{
	const char *field = NULL;
	struct share_input in = plain();
	ck_assert_ptr_null(share_input_check(&in, NOW, &field));
	in.expires_at = NOW;
	ck_assert_ptr_nonnull(share_input_check(&in, NOW, &field));
	ck_assert_str_eq(field, "expires");
	in.expires_at = NOW - 3600;
	ck_assert_ptr_nonnull(share_input_check(&in, NOW, &field));
	in.expires_at = NOW + 1;
	ck_assert_ptr_null(share_input_check(&in, NOW, &field));
	in.max_uses = -1;
	ck_assert_ptr_nonnull(share_input_check(&in, NOW, &field));
	ck_assert_str_eq(field, "max_uses");
	in.max_uses = SHARE_MAX_USES_MAX + 1;
	ck_assert_ptr_nonnull(share_input_check(&in, NOW, &field));
	in.max_uses = 1;
	ck_assert_ptr_null(share_input_check(&in, NOW, &field));
	char label[SHARE_LABEL_MAX + 2];
	memset(label, 'x', SHARE_LABEL_MAX + 1);
	label[SHARE_LABEL_MAX + 1] = '\0';
	in.label = label;
	ck_assert_ptr_nonnull(share_input_check(&in, NOW, &field));
	ck_assert_str_eq(field, "label");
	label[SHARE_LABEL_MAX] = '\0';
	ck_assert_ptr_null(share_input_check(&in, NOW, &field));
	in.label = "two\nlines";
	ck_assert_ptr_nonnull(share_input_check(&in, NOW, &field));
	in.label = "";
	in.password = "short";
	ck_assert_ptr_nonnull(share_input_check(&in, NOW, &field));
	ck_assert_str_eq(field, "password");
	in.password = PW;
	ck_assert_ptr_null(share_input_check(&in, NOW, &field));
	in.allow_embed = true;
	ck_assert_ptr_nonnull(share_input_check(&in, NOW, &field));
	ck_assert_str_eq(field, "allow_embed");
	in.password = NULL;
	ck_assert_ptr_null(share_input_check(&in, NOW, &field));
	/* refused by share_create too: nothing stored */
	char token[TOKEN_TEXT_LEN + 1];
	in.expires_at = NOW - 1;
	ck_assert_int_eq(share_create(&tdb.db, NOW, ann, &in, token, NULL), SHARE_INVALID);
	ck_assert_int_eq(testdb_int(&tdb, "SELECT count(*) FROM share_links"), 0);
}
END_TEST

/* ---- passwords ---- */

START_TEST(password_right_and_wrong)
{
	char token[TOKEN_TEXT_LEN + 1];
	struct share_input in = plain();
	in.password = PW;
	make(&in, token);
	struct share_link l;
	ck_assert_int_eq(share_resolve(&tdb.db, &tdb.arena, token, NOW, &l), SHARE_ACCESS_OK);
	ck_assert_ptr_nonnull(l.password_hash);
	ck_assert(strncmp(l.password_hash, "$argon2id$", 10) == 0);
	int64_t wait = -1;
	ck_assert_int_eq(share_password_try(&tdb.db, &l, "wrong password", 14, "10.0.0.1", NOW, &wait),
			 SHARE_PASSWORD_WRONG);
	ck_assert_int_eq(share_password_try(&tdb.db, &l, "", 0, "10.0.0.1", NOW, &wait), SHARE_PASSWORD_WRONG);
	ck_assert_int_eq(share_password_try(&tdb.db, &l, NULL, 0, "10.0.0.1", NOW, &wait), SHARE_PASSWORD_WRONG);
	ck_assert_int_eq(share_password_try(&tdb.db, &l, "CORRECT HORSE BATTERY", strlen(PW), "10.0.0.1", NOW, &wait),
			 SHARE_PASSWORD_WRONG);
	ck_assert_int_eq(share_password_try(&tdb.db, &l, PW, strlen(PW), "10.0.0.1", NOW, &wait), SHARE_PASSWORD_OK);
	ck_assert_int_eq(wait, 0);
	/* the right one forgets this address's failures, not the link's */
	ck_assert_int_eq(testdb_int(&tdb, "SELECT count(*) FROM share_attempts WHERE key LIKE 'addr:%%'"), 0);
	ck_assert_int_eq(testdb_int(&tdb, "SELECT count FROM share_attempts WHERE key = '*'"), 4);
	/* a link without a password needs none */
	char open[TOKEN_TEXT_LEN + 1];
	struct share_input o = plain();
	make(&o, open);
	struct share_link ol;
	ck_assert_int_eq(share_resolve(&tdb.db, &tdb.arena, open, NOW, &ol), SHARE_ACCESS_OK);
	ck_assert_int_eq(share_password_try(&tdb.db, &ol, "anything", 8, "10.0.0.1", NOW, &wait), SHARE_PASSWORD_OK);
}
END_TEST

START_TEST(wrong_passwords_are_throttled_per_address_and_per_link)
{
	char token[TOKEN_TEXT_LEN + 1];
	struct share_input in = plain();
	in.password = PW;
	int64_t id = make(&in, token);
	struct share_link l;
	ck_assert_int_eq(share_resolve(&tdb.db, &tdb.arena, token, NOW, &l), SHARE_ACCESS_OK);
	int64_t wait = 0, now = NOW;
	/* five free failures from one address, then it must wait — even with the right password */
	for (int i = 0; i < 5; i++)
		ck_assert_int_eq(share_password_try(&tdb.db, &l, "guess", 5, "10.0.0.1", now, &wait), SHARE_PASSWORD_WRONG);
	ck_assert_int_eq(share_password_try(&tdb.db, &l, PW, strlen(PW), "10.0.0.1", now, &wait), SHARE_PASSWORD_WAIT);
	ck_assert_int_ge(wait, 1);
	ck_assert_int_eq(share_password_wait(&tdb.db, &l, "10.0.0.1", now), wait);
	/* another address is not slowed down by this one */
	ck_assert_int_eq(share_password_wait(&tdb.db, &l, "10.0.0.2", now), 0);
	ck_assert_int_eq(share_password_try(&tdb.db, &l, "guess", 5, "10.0.0.2", now, &wait), SHARE_PASSWORD_WRONG);
	/* after waiting, the next failure doubles the wait */
	now += share_password_wait(&tdb.db, &l, "10.0.0.1", now);
	ck_assert_int_eq(share_password_try(&tdb.db, &l, "guess", 5, "10.0.0.1", now, &wait), SHARE_PASSWORD_WRONG);
	ck_assert_int_eq(share_password_try(&tdb.db, &l, PW, strlen(PW), "10.0.0.1", now, &wait), SHARE_PASSWORD_WAIT);
	ck_assert_int_eq(wait, 2);
	now += wait;
	ck_assert_int_eq(share_password_try(&tdb.db, &l, PW, strlen(PW), "10.0.0.1", now, &wait), SHARE_PASSWORD_OK);

	/* guesses spread over many addresses: after 30 failures at the link, everyone waits */
	testdb_exec(&tdb, "DELETE FROM share_attempts");
	char addr[32];
	for (int i = 0; i < 30; i++) {
		snprintf(addr, sizeof addr, "192.0.2.%d", i);
		ck_assert_int_eq(share_password_try(&tdb.db, &l, "guess", 5, addr, now, &wait), SHARE_PASSWORD_WRONG);
	}
	ck_assert_int_eq(share_password_try(&tdb.db, &l, PW, strlen(PW), "198.51.100.7", now, &wait), SHARE_PASSWORD_WAIT);
	ck_assert_int_ge(wait, 1);
	/* a window later it is forgotten */
	now += 3600;
	ck_assert_int_eq(share_password_try(&tdb.db, &l, PW, strlen(PW), "198.51.100.7", now, &wait), SHARE_PASSWORD_OK);
	/* regenerating forgets every failure of the link */
	char fresh[TOKEN_TEXT_LEN + 1];
	ck_assert_int_eq(share_regenerate(&tdb.db, ann, id, fresh), SHARE_OK);
	ck_assert_int_eq(testdb_int(&tdb, "SELECT count(*) FROM share_attempts"), 0);
}
END_TEST

START_TEST(unlock_cookie_belongs_to_one_link_and_expires)
{
	char token[TOKEN_TEXT_LEN + 1], other[TOKEN_TEXT_LEN + 1];
	struct share_input in = plain();
	in.password = PW;
	int64_t id = make(&in, token);
	make(&in, other);
	struct share_link l, o;
	ck_assert_int_eq(share_resolve(&tdb.db, &tdb.arena, token, NOW, &l), SHARE_ACCESS_OK);
	ck_assert_int_eq(share_resolve(&tdb.db, &tdb.arena, other, NOW, &o), SHARE_ACCESS_OK);
	char value[SHARE_UNLOCK_VALUE_SIZE];
	share_unlock_value(&l, NOW, value);
	ck_assert_uint_gt(strlen(value), 10);
	ck_assert_ptr_null(strstr(value, token));
	ck_assert(share_unlock_valid(&l, value, NOW));
	ck_assert(share_unlock_valid(&l, value, NOW + SHARE_UNLOCK_SECONDS - 1));
	ck_assert(!share_unlock_valid(&l, value, NOW + SHARE_UNLOCK_SECONDS));
	/* another link (same password) does not take it */
	ck_assert(!share_unlock_valid(&o, value, NOW));
	/* tampering: a later expiry, a changed MAC, junk */
	char forged[SHARE_UNLOCK_VALUE_SIZE];
	snprintf(forged, sizeof forged, "%lld%s", (long long)(NOW + SHARE_UNLOCK_SECONDS + 50), strchr(value, '.'));
	ck_assert(!share_unlock_valid(&l, forged, NOW));
	memcpy(forged, value, sizeof forged);
	char *mac = strchr(forged, '.') + 3;
	*mac = *mac == 'A' ? 'B' : 'A';
	ck_assert(!share_unlock_valid(&l, forged, NOW));
	ck_assert(!share_unlock_valid(&l, "", NOW));
	ck_assert(!share_unlock_valid(&l, NULL, NOW));
	ck_assert(!share_unlock_valid(&l, "123.abc", NOW));
	/* a regenerated link needs a new unlock */
	char fresh[TOKEN_TEXT_LEN + 1];
	ck_assert_int_eq(share_regenerate(&tdb.db, ann, id, fresh), SHARE_OK);
	struct share_link r;
	ck_assert_int_eq(share_resolve(&tdb.db, &tdb.arena, fresh, NOW, &r), SHARE_ACCESS_OK);
	ck_assert(!share_unlock_valid(&r, value, NOW));
	/* a link without a password has no unlock */
	char open[TOKEN_TEXT_LEN + 1];
	struct share_input p = plain();
	make(&p, open);
	struct share_link pl;
	ck_assert_int_eq(share_resolve(&tdb.db, &tdb.arena, open, NOW, &pl), SHARE_ACCESS_OK);
	share_unlock_value(&pl, NOW, value);
	ck_assert_str_eq(value, "");
	ck_assert(!share_unlock_valid(&pl, "1.x", NOW));
}
END_TEST

static Suite *share_suite(void)
{
	Suite *s = suite_create("share");
	TCase *tc = tcase_create("share");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, only_the_token_hash_is_stored);
	tcase_add_test(tc, malformed_and_unknown_tokens_lead_nowhere);
	tcase_add_test(tc, deactivated_link_is_unknown_at_once);
	tcase_add_test(tc, expiry_follows_the_clock);
	tcase_add_test(tc, uses_are_counted_exactly);
	tcase_add_test(tc, concurrent_processes_never_exceed_max_uses);
	tcase_add_test(tc, regenerate_kills_the_old_token_for_ever);
	tcase_add_test(tc, owner_checks);
	tcase_add_test(tc, goal_links);
	tcase_add_test(tc, input_rules);
	tcase_add_test(tc, password_right_and_wrong);
	tcase_add_test(tc, wrong_passwords_are_throttled_per_address_and_per_link);
	tcase_add_test(tc, unlock_cookie_belongs_to_one_link_and_expires);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(share_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
