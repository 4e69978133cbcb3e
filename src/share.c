/* share: share links, their states, the atomic use, password throttling and unlock cookies. */
#include "share.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "password.h"
#include "strx.h"
#include "throttle.h"

/* Wrong passwords from one address at one link: after 5, the next waits 1 s, 2 s, 4 s … up
 * to 15 minutes. */
static const struct throttle_rule per_address = { .free_attempts = 5, .window_seconds = 900, .max_wait = 900 };
/* Wrong passwords at one link from anywhere: looser, against guesses spread over many
 * addresses. */
static const struct throttle_rule per_link = { .free_attempts = 30, .window_seconds = 3600, .max_wait = 300 };

#define LINK_KEY "*"

static const char *const state_names[SHARE_STATE__MAX] = { "active", "inactive", "expired", "used_up" };
static const char *const state_labels[SHARE_STATE__MAX] = { "Active", "Deactivated", "Expired", "Used up" };

const char *share_state_name(enum share_state s)
{
	return (unsigned)s < SHARE_STATE__MAX ? state_names[s] : "?";
}

const char *share_state_label(enum share_state s)
{
	return (unsigned)s < SHARE_STATE__MAX ? state_labels[s] : "?";
}

enum share_state share_state_of(const struct share_link *l, int64_t now)
{
	if (!l->active)
		return SHARE_INACTIVE;
	if (l->expires_at && l->expires_at <= now)
		return SHARE_EXPIRED;
	if (l->max_uses && l->use_count >= l->max_uses)
		return SHARE_USED_UP;
	return SHARE_ACTIVE;
}

const char *share_input_check(const struct share_input *in, int64_t now, const char **field)
{
	const char *label = in->label ? in->label : "", *p;
	size_t n;
	label = strx_trim(label, &n);
	if ((p = strx_text_problem(label, n, SHARE_LABEL_MAX, false, "Use at most 100 characters for the label."))) {
		*field = "label";
		return p;
	}
	if (in->expires_at && in->expires_at <= now) {
		*field = "expires";
		return "The expiry is in the past. Choose a later date and time, or no expiry.";
	}
	if (in->max_uses < 0 || in->max_uses > SHARE_MAX_USES_MAX) {
		*field = "max_uses";
		return in->max_uses < 0 ? "Allow at least 1 use, or leave the field empty for no limit."
					: "Allow at most 1000000 uses, or leave the field empty for no limit.";
	}
	if (in->password && *in->password) {
		enum password_problem pp = password_check(in->password, strlen(in->password));
		if (pp != PASSWORD_OK) {
			*field = "password";
			return password_problem_message(pp);
		}
		if (in->allow_embed) {
			*field = "allow_embed";
			return "An embedded image cannot ask for a password: leave the password empty or turn the image off.";
		}
	}
	if ((in->tracker_id > 0) == (in->goal_id > 0)) {
		*field = "label";
		return "A link shows one tracker or one goal.";
	}
	return NULL;
}

/* Reads a row of SHARE_SELECT (stmt.c) into *out. */
static void read_link(sqlite3_stmt *s, struct arena *a, struct share_link *out)
{
	memset(out, 0, sizeof *out);
	out->id = sqlite3_column_int64(s, 0);
	out->user_id = sqlite3_column_int64(s, 1);
	out->tracker_id = sqlite3_column_int64(s, 2);
	out->goal_id = sqlite3_column_int64(s, 3);
	const void *hash = sqlite3_column_blob(s, 4);
	if (hash && sqlite3_column_bytes(s, 4) == TOKEN_HASH_BYTES)
		memcpy(out->token_hash, hash, TOKEN_HASH_BYTES);
	out->label = db_column_text(s, 5, a);
	out->show_tasks = sqlite3_column_int(s, 6) != 0;
	out->show_statuses = sqlite3_column_int(s, 7) != 0;
	out->show_notes = sqlite3_column_int(s, 8) != 0;
	out->allow_embed = sqlite3_column_int(s, 9) != 0;
	out->expires_at = sqlite3_column_int64(s, 10);
	out->max_uses = sqlite3_column_int64(s, 11);
	out->use_count = sqlite3_column_int64(s, 12);
	out->password_hash = sqlite3_column_type(s, 13) == SQLITE_NULL ? NULL : db_column_text(s, 13, a);
	out->active = sqlite3_column_int(s, 14) != 0;
	out->created_at = sqlite3_column_int64(s, 15);
	out->last_used_at = sqlite3_column_int64(s, 16);
	out->object_name = db_column_text(s, 17, a);
	out->object_gone = sqlite3_column_int(s, 18) != 0;
}

/* Steps a statement that returns no row; SHARE_OK, or SHARE_ERROR (logged). *changes (when
 * not NULL) receives sqlite3_changes. */
static enum share_result run(struct db *db, sqlite3_stmt *s, const char *what, int *changes)
{
	int rc = sqlite3_step(s);
	if (changes)
		*changes = sqlite3_changes(db->conn);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		log_error("%s: %s", what, sqlite3_errmsg(db->conn));
		return SHARE_ERROR;
	}
	return SHARE_OK;
}

/* Binds an optional integer: NULL when value is 0. */
static int bind_opt(sqlite3_stmt *s, const char *name, int64_t value)
{
	return value ? db_bind_int(s, name, value) : db_bind_null(s, name);
}

enum share_result share_create(struct db *db, int64_t now, int64_t user_id, const struct share_input *in,
			       char token_out[TOKEN_TEXT_LEN + 1], int64_t *id_out)
{
	const char *field;
	if (share_input_check(in, now, &field))
		return SHARE_INVALID;
	char hash[PASSWORD_HASH_SIZE];
	bool has_password = in->password && *in->password;
	if (has_password && password_hash(in->password, strlen(in->password), hash) < 0)
		return SHARE_ERROR;
	size_t label_len;
	const char *label = strx_trim(in->label ? in->label : "", &label_len);
	char *label_copy = malloc(label_len + 1);
	if (!label_copy)
		return SHARE_ERROR;
	memcpy(label_copy, label, label_len);
	label_copy[label_len] = '\0';
	enum share_result res = SHARE_ERROR;
	/* a token colliding with another link's (UNIQUE token_hash) is drawn again */
	for (int attempt = 0; attempt < 3; attempt++) {
		unsigned char th[TOKEN_HASH_BYTES];
		token_new(token_out);
		token_hash(token_out, th);
		sqlite3_stmt *s = db_stmt(db, STMT_SHARE_INSERT);
		if (!s || db_bind_int(s, ":user_id", user_id) || bind_opt(s, ":tracker_id", in->tracker_id) ||
		    bind_opt(s, ":goal_id", in->goal_id) || db_bind_blob(s, ":token_hash", th, TOKEN_HASH_BYTES) ||
		    db_bind_text(s, ":label", label_copy) || db_bind_int(s, ":show_tasks", in->show_tasks) ||
		    db_bind_int(s, ":show_statuses", in->show_statuses) || db_bind_int(s, ":show_notes", in->show_notes) ||
		    db_bind_int(s, ":allow_embed", in->allow_embed) || bind_opt(s, ":expires_at", in->expires_at) ||
		    bind_opt(s, ":max_uses", in->max_uses) || db_bind_text(s, ":password_hash", has_password ? hash : NULL) ||
		    db_bind_int(s, ":now", now))
			break;
		int rc = sqlite3_step(s), changes = sqlite3_changes(db->conn);
		int ext = sqlite3_extended_errcode(db->conn);
		sqlite3_reset(s);
		if (rc == SQLITE_DONE) {
			res = changes == 1 ? SHARE_OK : SHARE_NOT_FOUND;
			if (res == SHARE_OK && id_out)
				*id_out = sqlite3_last_insert_rowid(db->conn);
			break;
		}
		if (ext != SQLITE_CONSTRAINT_UNIQUE) {
			log_error("share_create: %s", sqlite3_errmsg(db->conn));
			break;
		}
	}
	free(label_copy);
	sodium_memzero(hash, sizeof hash);
	if (res != SHARE_OK)
		memset(token_out, 0, TOKEN_TEXT_LEN + 1);
	return res;
}

/* Steps a SHARE_SELECT statement expected to give at most one row. */
static enum share_result read_one(struct db *db, sqlite3_stmt *s, struct arena *a, struct share_link *out)
{
	int rc = sqlite3_step(s);
	enum share_result res = SHARE_NOT_FOUND;
	if (rc == SQLITE_ROW) {
		read_link(s, a, out);
		res = SHARE_OK;
	} else if (rc != SQLITE_DONE) {
		log_error("share: %s", sqlite3_errmsg(db->conn));
		res = SHARE_ERROR;
	}
	sqlite3_reset(s);
	return res;
}

enum share_result share_get(struct db *db, struct arena *a, int64_t user_id, int64_t id, struct share_link *out)
{
	sqlite3_stmt *s = db_stmt(db, STMT_SHARE_GET);
	if (!s || db_bind_int(s, ":id", id) || db_bind_int(s, ":user_id", user_id))
		return SHARE_ERROR;
	return read_one(db, s, a, out);
}

enum share_result share_each(struct db *db, struct arena *a, int64_t user_id,
			     int (*fn)(void *ctx, const struct share_link *l), void *ctx)
{
	sqlite3_stmt *s = db_stmt(db, STMT_SHARE_LIST);
	if (!s || db_bind_int(s, ":user_id", user_id))
		return SHARE_ERROR;
	/* rows first, then the callbacks: fn may use the database */
	size_t n = 0, cap = 16;
	struct share_link *rows = arena_calloc(a, cap, sizeof *rows);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n == cap) {
			struct share_link *more = arena_calloc(a, cap * 2, sizeof *more);
			memcpy(more, rows, n * sizeof *rows);
			rows = more;
			cap *= 2;
		}
		read_link(s, a, &rows[n++]);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		log_error("share_each: %s", sqlite3_errmsg(db->conn));
		return SHARE_ERROR;
	}
	for (size_t i = 0; i < n; i++)
		if (fn(ctx, &rows[i]))
			break;
	return SHARE_OK;
}

/* Forgets the password failures of link id: every key when key is NULL. */
static enum share_result clear_attempts(struct db *db, int64_t id, const char *key)
{
	sqlite3_stmt *s = db_stmt(db, STMT_SHARE_ATTEMPT_CLEAR);
	if (!s || db_bind_int(s, ":share_link_id", id) || db_bind_text(s, ":key", key))
		return SHARE_ERROR;
	return run(db, s, "share_attempt_clear", NULL);
}

/* Runs a one-row write on link id of user_id: SHARE_NOT_FOUND when it touched nothing. */
static enum share_result owner_write(struct db *db, enum stmt_id id_stmt, int64_t user_id, int64_t id,
				     const unsigned char *token_hash)
{
	sqlite3_stmt *s = db_stmt(db, id_stmt);
	if (!s || db_bind_int(s, ":id", id) || db_bind_int(s, ":user_id", user_id) ||
	    (token_hash && db_bind_blob(s, ":token_hash", token_hash, TOKEN_HASH_BYTES)))
		return SHARE_ERROR;
	int changes = 0;
	enum share_result res = run(db, s, stmt_name(id_stmt), &changes);
	return res != SHARE_OK ? res : changes == 1 ? SHARE_OK : SHARE_NOT_FOUND;
}

enum share_result share_deactivate(struct db *db, int64_t user_id, int64_t id)
{
	return owner_write(db, STMT_SHARE_DEACTIVATE, user_id, id, NULL);
}

enum share_result share_regenerate(struct db *db, int64_t user_id, int64_t id, char token_out[TOKEN_TEXT_LEN + 1])
{
	enum share_result res = SHARE_ERROR;
	for (int attempt = 0; attempt < 3; attempt++) {
		unsigned char th[TOKEN_HASH_BYTES];
		token_new(token_out);
		token_hash(token_out, th);
		res = owner_write(db, STMT_SHARE_REGENERATE, user_id, id, th);
		/* a (vanishingly unlikely) collision fails the UNIQUE constraint: draw again */
		if (res != SHARE_ERROR || sqlite3_extended_errcode(db->conn) != SQLITE_CONSTRAINT_UNIQUE)
			break;
	}
	if (res == SHARE_OK)
		res = clear_attempts(db, id, NULL);
	if (res != SHARE_OK)
		memset(token_out, 0, TOKEN_TEXT_LEN + 1);
	return res;
}

enum share_result share_delete(struct db *db, int64_t user_id, int64_t id)
{
	return owner_write(db, STMT_SHARE_DELETE, user_id, id, NULL);
}

/* ---- the public side ---- */

/* Reads the link whose token hash is th. */
static enum share_result by_hash(struct db *db, struct arena *a, const unsigned char th[TOKEN_HASH_BYTES],
				 struct share_link *out)
{
	sqlite3_stmt *s = db_stmt(db, STMT_SHARE_BY_HASH);
	if (!s || db_bind_blob(s, ":token_hash", th, TOKEN_HASH_BYTES))
		return SHARE_ERROR;
	return read_one(db, s, a, out);
}

/* What a read link means for a visitor at now. */
static enum share_access access_of(const struct share_link *l, int64_t now)
{
	if (l->object_gone)
		return SHARE_ACCESS_UNKNOWN;
	switch (share_state_of(l, now)) {
	case SHARE_ACTIVE:
		return SHARE_ACCESS_OK;
	case SHARE_EXPIRED:
		return SHARE_ACCESS_EXPIRED;
	case SHARE_USED_UP:
		return SHARE_ACCESS_USED_UP;
	default:
		return SHARE_ACCESS_UNKNOWN;
	}
}

/* share_resolve on an already computed hash. */
static enum share_access resolve_hash(struct db *db, struct arena *a, const unsigned char th[TOKEN_HASH_BYTES],
				      int64_t now, struct share_link *out)
{
	enum share_result res = by_hash(db, a, th, out);
	if (res == SHARE_ERROR)
		return SHARE_ACCESS_ERROR;
	if (res == SHARE_NOT_FOUND)
		return SHARE_ACCESS_UNKNOWN;
	return access_of(out, now);
}

enum share_access share_resolve(struct db *db, struct arena *a, const char *token, int64_t now,
				struct share_link *out)
{
	unsigned char th[TOKEN_HASH_BYTES];
	if (!token || token_hash(token, th) < 0)
		return SHARE_ACCESS_UNKNOWN;
	return resolve_hash(db, a, th, now, out);
}

enum share_access share_take_use(struct db *db, struct arena *a, const char *token, int64_t now,
				 struct share_link *out)
{
	unsigned char th[TOKEN_HASH_BYTES];
	if (!token || token_hash(token, th) < 0)
		return SHARE_ACCESS_UNKNOWN;
	sqlite3_stmt *s = db_stmt(db, STMT_SHARE_TAKE_USE);
	if (!s || db_bind_blob(s, ":token_hash", th, TOKEN_HASH_BYTES) || db_bind_int(s, ":now", now))
		return SHARE_ACCESS_ERROR;
	int changes = 0;
	if (run(db, s, "share_take_use", &changes) != SHARE_OK)
		return SHARE_ACCESS_ERROR;
	struct share_link scratch;
	struct share_link *l = out ? out : &scratch;
	enum share_access why = resolve_hash(db, a, th, now, l);
	if (changes == 1)
		/* the use is taken; a deleted tracker or goal still answers as unknown */
		return why == SHARE_ACCESS_ERROR || why == SHARE_ACCESS_UNKNOWN ? why : SHARE_ACCESS_OK;
	/* nothing changed: the read says why (it cannot be OK but for a race with a regenerate) */
	return why == SHARE_ACCESS_OK ? SHARE_ACCESS_USED_UP : why;
}

/* ---- passwords ---- */

/* Reads the failures of key at link id: 1 found, 0 none, -1 error. */
static int attempt_get(struct db *db, int64_t id, const char *key, int64_t *window_start, int64_t *count,
		       int64_t *last_at)
{
	sqlite3_stmt *s = db_stmt(db, STMT_SHARE_ATTEMPT_GET);
	if (!s || db_bind_int(s, ":share_link_id", id) || db_bind_text(s, ":key", key))
		return -1;
	int rc = sqlite3_step(s), found = 0;
	if (rc == SQLITE_ROW) {
		*window_start = sqlite3_column_int64(s, 0);
		*count = sqlite3_column_int64(s, 1);
		*last_at = sqlite3_column_int64(s, 2);
		found = 1;
	} else if (rc != SQLITE_DONE) {
		log_error("share_attempt_get: %s", sqlite3_errmsg(db->conn));
		found = -1;
	}
	sqlite3_reset(s);
	return found;
}

/* The back-off of throttle.h for key at link id: seconds still to wait (0 on an error, which
 * lets the attempt go ahead rather than lock the friend out). */
static int64_t attempt_wait(struct db *db, const struct throttle_rule *rule, int64_t id, const char *key, int64_t now)
{
	int64_t window_start, count, last_at;
	if (attempt_get(db, id, key, &window_start, &count, &last_at) <= 0)
		return 0;
	return throttle_wait_after(rule, window_start, count, last_at, now);
}

/* Counts one failure for key at link id. */
static void attempt_fail(struct db *db, const struct throttle_rule *rule, int64_t id, const char *key, int64_t now)
{
	int64_t window_start = now, count = 0, last_at = 0;
	int found = attempt_get(db, id, key, &window_start, &count, &last_at);
	if (found < 0)
		return;
	throttle_count_failure(rule, found, &window_start, &count, now);
	sqlite3_stmt *s = db_stmt(db, STMT_SHARE_ATTEMPT_SAVE);
	if (!s || db_bind_int(s, ":share_link_id", id) || db_bind_text(s, ":key", key) ||
	    db_bind_int(s, ":window_start", window_start) || db_bind_int(s, ":count", count) ||
	    db_bind_int(s, ":now", now))
		return;
	run(db, s, "share_attempt_save", NULL);
}

/* The throttle key of an address ("addr:" and at most 64 bytes of it). */
static void address_key(const char *address, char out[80])
{
	snprintf(out, 80, "addr:%.64s", address && *address ? address : "?");
}

int64_t share_password_wait(struct db *db, const struct share_link *l, const char *address, int64_t now)
{
	char key[80];
	address_key(address, key);
	int64_t a = attempt_wait(db, &per_address, l->id, key, now);
	int64_t b = attempt_wait(db, &per_link, l->id, LINK_KEY, now);
	return a > b ? a : b;
}

enum share_password_result share_password_try(struct db *db, const struct share_link *l, const char *password,
					      size_t len, const char *address, int64_t now, int64_t *wait)
{
	*wait = 0;
	if (!l->password_hash)
		return SHARE_PASSWORD_OK;
	if ((*wait = share_password_wait(db, l, address, now)) > 0)
		return SHARE_PASSWORD_WAIT;
	bool ok = password && len > 0 && len <= PASSWORD_MAX_BYTES ? password_verify(l->password_hash, password, len)
								  : password_verify_dummy(password ? password : "", 0);
	char key[80];
	address_key(address, key);
	if (ok)
		return clear_attempts(db, l->id, key) == SHARE_OK ? SHARE_PASSWORD_OK : SHARE_PASSWORD_ERROR;
	if (db_begin_write(db) < 0)
		return SHARE_PASSWORD_ERROR;
	attempt_fail(db, &per_address, l->id, key, now);
	attempt_fail(db, &per_link, l->id, LINK_KEY, now);
	return db_commit(db) < 0 ? SHARE_PASSWORD_ERROR : SHARE_PASSWORD_WRONG;
}

/* The MAC of an unlock of l until expiry: BLAKE2b keyed with the hash of l's password hash (a
 * secret only the database holds, which changes with the password), over the link's id, its
 * current token hash and the expiry. */
static void unlock_mac(const struct share_link *l, int64_t expiry, unsigned char mac[32])
{
	unsigned char key[32];
	crypto_generichash(key, sizeof key, (const unsigned char *)l->password_hash, strlen(l->password_hash), NULL, 0);
	char head[64];
	int n = snprintf(head, sizeof head, "trackpro-share-unlock|%lld|%lld|", (long long)l->id, (long long)expiry);
	crypto_generichash_state st;
	crypto_generichash_init(&st, key, sizeof key, 32);
	crypto_generichash_update(&st, (const unsigned char *)head, (unsigned long long)n);
	crypto_generichash_update(&st, l->token_hash, TOKEN_HASH_BYTES);
	crypto_generichash_final(&st, mac, 32);
	sodium_memzero(key, sizeof key);
}

void share_unlock_value(const struct share_link *l, int64_t now, char out[SHARE_UNLOCK_VALUE_SIZE])
{
	out[0] = '\0';
	if (!l->password_hash)
		return;
	int64_t expiry = now + SHARE_UNLOCK_SECONDS;
	unsigned char mac[32];
	unlock_mac(l, expiry, mac);
	char b64[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
	sodium_bin2base64(b64, sizeof b64, mac, sizeof mac, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	snprintf(out, SHARE_UNLOCK_VALUE_SIZE, "%lld.%s", (long long)expiry, b64);
}

bool share_unlock_valid(const struct share_link *l, const char *value, int64_t now)
{
	if (!l->password_hash || !value)
		return false;
	const char *dot = strchr(value, '.');
	if (!dot || dot == value || dot - value > 19)
		return false;
	int64_t expiry = 0;
	for (const char *p = value; p < dot; p++) {
		if (*p < '0' || *p > '9')
			return false;
		expiry = expiry * 10 + (*p - '0');
	}
	if (expiry <= now || expiry > now + SHARE_UNLOCK_SECONDS)
		return false;
	unsigned char given[32];
	size_t len = 0;
	if (strlen(dot + 1) != sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING) - 1 ||
	    sodium_base642bin(given, sizeof given, dot + 1, strlen(dot + 1), NULL, &len, NULL,
			      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    len != sizeof given)
		return false;
	unsigned char want[32];
	unlock_mac(l, expiry, want);
	return sodium_memcmp(given, want, sizeof want) == 0;
}
