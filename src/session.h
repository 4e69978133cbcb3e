/* session: login sessions — a random cookie token of which the database keeps only the
 * hash, a per-session CSRF token, idle and absolute expiry measured against the app's
 * clock (DESIGN.md section 6, issue 3). */
#ifndef TRACKPRO_SESSION_H
#define TRACKPRO_SESSION_H

#include <stdint.h>

#include "arena.h"
#include "db.h"
#include "token.h"

/* How long sessions live; the defaults and their reasons are in the README. */
struct session_policy {
	int64_t idle_seconds;     /* unused this long, a session ends (default 7 days) */
	int64_t absolute_seconds; /* a session ends this long after login whatever happens (default 30 days) */
};

#define SESSION_IDLE_DEFAULT (7 * 86400)
#define SESSION_ABSOLUTE_DEFAULT (30 * 86400)
/* last_seen_at is written at most this often, so reading pages does not write each time. */
#define SESSION_TOUCH_SECONDS 60

struct session {
	int64_t id;
	int64_t user_id;
	char csrf[TOKEN_TEXT_LEN + 1]; /* the CSRF token as the forms carry it */
	int64_t created_at;
	int64_t last_seen_at;
	int64_t expires_at;   /* absolute expiry */
	const char *user_agent; /* in the arena given to session_each; "" elsewhere */
	const char *address;
};

/* Starts a session for user_id: writes the cookie value (a new token) to token_out and the
 * session to *out (when not NULL). Returns 0 or -1 (database error, logged). */
int session_create(struct db *db, int64_t now, const struct session_policy *policy, int64_t user_id,
		   const char *user_agent, const char *address, char token_out[TOKEN_TEXT_LEN + 1],
		   struct session *out);

/* Finds the live session of a cookie token. Returns 0 and fills *out; or -1 when the token is
 * malformed, unknown, idle for longer than policy->idle_seconds or past its absolute expiry
 * (an expired row is deleted). Updates last_seen_at when it is older than
 * SESSION_TOUCH_SECONDS. */
int session_lookup(struct db *db, int64_t now, const struct session_policy *policy, const char *token,
		   struct session *out);

/* Ends session id if it belongs to user_id; returns 1 when one was ended, 0 when none, -1 on error. */
int session_delete(struct db *db, int64_t user_id, int64_t id);
/* Ends every session of user_id except keep_id (0: all of them); returns how many, or -1. */
int session_delete_others(struct db *db, int64_t user_id, int64_t keep_id);
/* Deletes every expired session of everyone; returns how many, or -1. */
int session_delete_expired(struct db *db, int64_t now, const struct session_policy *policy);

/* Calls fn for each session of user_id, newest first (strings in a). Returns 0 or -1. */
int session_each(struct db *db, struct arena *a, int64_t user_id,
		 int (*fn)(void *ctx, const struct session *s), void *ctx);

#endif
