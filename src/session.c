/* session: login sessions stored as token hashes. */
#include "session.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "log.h"

/* Reads the id … expires_at columns (0–5) shared by session_by_hash and session_list. */
static void read_session_row(sqlite3_stmt *s, struct session *out)
{
	memset(out, 0, sizeof *out);
	out->id = sqlite3_column_int64(s, 0);
	out->user_id = sqlite3_column_int64(s, 1);
	const void *csrf = sqlite3_column_blob(s, 2);
	if (csrf && sqlite3_column_bytes(s, 2) == TOKEN_BYTES)
		sodium_bin2base64(out->csrf, sizeof out->csrf, csrf, TOKEN_BYTES,
				  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	out->created_at = sqlite3_column_int64(s, 3);
	out->last_seen_at = sqlite3_column_int64(s, 4);
	out->expires_at = sqlite3_column_int64(s, 5);
	out->user_agent = "";
	out->address = "";
}

/* Steps a statement that writes and resets it; returns changes() or -1 (logged). */
static int step_changes(struct db *db, sqlite3_stmt *s, const char *what)
{
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		log_error("%s: %s", what, sqlite3_errmsg(db->conn));
		return -1;
	}
	return sqlite3_changes(db->conn);
}

int session_create(struct db *db, int64_t now, const struct session_policy *policy, int64_t user_id,
		   const char *user_agent, const char *address, char token_out[TOKEN_TEXT_LEN + 1],
		   struct session *out)
{
	unsigned char hash[TOKEN_HASH_BYTES], csrf_raw[TOKEN_BYTES];
	char csrf_text[TOKEN_TEXT_LEN + 1];
	token_new(token_out);
	token_hash(token_out, hash);
	token_new_raw(csrf_raw, csrf_text);
	/* Browsers send long user agents; keep what identifies the browser in the list. */
	char agent[256];
	snprintf(agent, sizeof agent, "%s", user_agent ? user_agent : "");
	sqlite3_stmt *s = db_stmt(db, STMT_SESSION_INSERT);
	if (!s || db_bind_int(s, ":user_id", user_id) || db_bind_blob(s, ":token_hash", hash, sizeof hash) ||
	    db_bind_blob(s, ":csrf_token", csrf_raw, sizeof csrf_raw) || db_bind_int(s, ":now", now) ||
	    db_bind_int(s, ":expires_at", now + policy->absolute_seconds) || db_bind_text(s, ":user_agent", agent) ||
	    db_bind_text(s, ":address", address ? address : ""))
		return -1;
	if (step_changes(db, s, "session_create") != 1)
		return -1;
	if (out) {
		memset(out, 0, sizeof *out);
		out->id = sqlite3_last_insert_rowid(db->conn);
		out->user_id = user_id;
		memcpy(out->csrf, csrf_text, sizeof csrf_text);
		out->created_at = now;
		out->last_seen_at = now;
		out->expires_at = now + policy->absolute_seconds;
		out->user_agent = "";
		out->address = "";
	}
	sodium_memzero(csrf_raw, sizeof csrf_raw);
	return 0;
}

int session_lookup(struct db *db, int64_t now, const struct session_policy *policy, const char *token,
		   struct session *out)
{
	unsigned char hash[TOKEN_HASH_BYTES];
	if (token_hash(token, hash) < 0)
		return -1;
	sqlite3_stmt *s = db_stmt(db, STMT_SESSION_BY_HASH);
	if (!s || db_bind_blob(s, ":token_hash", hash, sizeof hash))
		return -1;
	int rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		if (rc != SQLITE_DONE)
			log_error("session_lookup: %s", sqlite3_errmsg(db->conn));
		sqlite3_reset(s);
		return -1;
	}
	read_session_row(s, out);
	sqlite3_reset(s);
	if (now >= out->expires_at || now - out->last_seen_at >= policy->idle_seconds) {
		s = db_stmt(db, STMT_SESSION_DELETE_BY_ID);
		if (s && db_bind_int(s, ":id", out->id) == 0)
			step_changes(db, s, "session_expire");
		return -1;
	}
	if (now - out->last_seen_at >= SESSION_TOUCH_SECONDS) {
		s = db_stmt(db, STMT_SESSION_TOUCH);
		if (s && db_bind_int(s, ":now", now) == 0 && db_bind_int(s, ":id", out->id) == 0 &&
		    step_changes(db, s, "session_touch") >= 0)
			out->last_seen_at = now;
	}
	return 0;
}

int session_delete(struct db *db, int64_t user_id, int64_t id)
{
	sqlite3_stmt *s = db_stmt(db, STMT_SESSION_DELETE);
	if (!s || db_bind_int(s, ":id", id) || db_bind_int(s, ":user_id", user_id))
		return -1;
	return step_changes(db, s, "session_delete");
}

int session_delete_others(struct db *db, int64_t user_id, int64_t keep_id)
{
	sqlite3_stmt *s = db_stmt(db, STMT_SESSION_DELETE_OTHERS);
	if (!s || db_bind_int(s, ":user_id", user_id) || db_bind_int(s, ":keep_id", keep_id))
		return -1;
	return step_changes(db, s, "session_delete_others");
}

int session_delete_expired(struct db *db, int64_t now, const struct session_policy *policy)
{
	sqlite3_stmt *s = db_stmt(db, STMT_SESSION_DELETE_EXPIRED);
	if (!s || db_bind_int(s, ":now", now) || db_bind_int(s, ":idle_before", now - policy->idle_seconds))
		return -1;
	return step_changes(db, s, "session_delete_expired");
}

int session_each(struct db *db, struct arena *a, int64_t user_id,
		 int (*fn)(void *ctx, const struct session *s), void *ctx)
{
	sqlite3_stmt *s = db_stmt(db, STMT_SESSION_LIST);
	if (!s || db_bind_int(s, ":user_id", user_id))
		return -1;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct session row;
		read_session_row(s, &row);
		const unsigned char *ua = sqlite3_column_text(s, 6), *addr = sqlite3_column_text(s, 7);
		row.user_agent = arena_strdup(a, ua ? (const char *)ua : "");
		row.address = arena_strdup(a, addr ? (const char *)addr : "");
		if (fn(ctx, &row)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		log_error("session_list: %s", sqlite3_errmsg(db->conn));
		return -1;
	}
	return 0;
}
