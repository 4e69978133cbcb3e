/* share: share links (issue 7, DESIGN.md section 6) — a tracker or a goal shown read-only to
 * anyone holding /s/{token}. The token is 32 random bytes in base64url; the database keeps only
 * its hash (token.h). A link has options (label, what it shows, embed), an expiry, a maximum
 * number of uses and an optional password (Argon2id). Domain layer: no HTTP.
 *
 * Owner side: every function takes the owner's user id and touches only that user's links;
 * another user's link is SHARE_NOT_FOUND. Each write is one statement, atomic on its own, so
 * the callers need no transaction.
 *
 * Public side: share_resolve says what a token leads to without writing; share_take_use takes a
 * use with ONE atomic UPDATE (active, not expired, use_count below max_uses) and succeeds only
 * when it changed the row (changes() = 1), so concurrent requests can never exceed max_uses.
 * Password attempts are throttled per link (key "*") and per address in share_attempts; an
 * unlock is remembered in a short-lived cookie whose value is a MAC keyed by the link's secret
 * password hash (nothing is stored for it). */
#ifndef TRACKPRO_SHARE_H
#define TRACKPRO_SHARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "db.h"
#include "token.h"

#define SHARE_LABEL_MAX 100         /* bytes of a label */
#define SHARE_MAX_USES_MAX 1000000  /* the largest "maximum uses" */
#define SHARE_UNLOCK_SECONDS 3600   /* how long a password unlock lasts */
#define SHARE_UNLOCK_VALUE_SIZE 80  /* room for an unlock cookie value and its NUL */

enum share_result {
	SHARE_OK = 0,
	SHARE_NOT_FOUND, /* no such link of this user, or the tracker or goal is not the user's (or deleted) */
	SHARE_INVALID,   /* an input breaks a rule (share_input_check) */
	SHARE_ERROR      /* database error, logged */
};

/* Where a link stands at an instant. */
enum share_state {
	SHARE_ACTIVE,
	SHARE_INACTIVE, /* deactivated by its owner */
	SHARE_EXPIRED,
	SHARE_USED_UP,
	SHARE_STATE__MAX
};

struct share_link {
	int64_t id;
	int64_t user_id;
	int64_t tracker_id;    /* 0 when it shows a goal */
	int64_t goal_id;       /* 0 when it shows a tracker */
	unsigned char token_hash[TOKEN_HASH_BYTES];
	const char *label;     /* "" when none */
	bool show_tasks, show_statuses, show_notes, allow_embed;
	int64_t expires_at;    /* seconds; 0: never */
	int64_t max_uses;      /* 0: unlimited */
	int64_t use_count;
	const char *password_hash; /* NULL: no password */
	bool active;
	int64_t created_at;
	int64_t last_used_at;  /* 0: never used */
	const char *object_name; /* the tracker's or goal's name ("" when it is gone) */
	bool object_gone;      /* the tracker or goal is deleted (in the trash) */
};

/* What the create form sets. Exactly one of tracker_id and goal_id is set. */
struct share_input {
	const char *label;
	int64_t tracker_id, goal_id;
	bool show_tasks, show_statuses, show_notes, allow_embed;
	int64_t expires_at;   /* 0: never */
	int64_t max_uses;     /* 0: unlimited */
	const char *password; /* NULL or "": none */
};

/* Checks an input without the database: a label of at most SHARE_LABEL_MAX bytes on one line,
 * an expiry after now (or never), max_uses 0 (unlimited) or 1–SHARE_MAX_USES_MAX, a password
 * that follows the password rules (password.h) when one is given, and no embeddable image on a
 * password-protected link (an <img> cannot type a password). Returns NULL, or a sentence with
 * *field set to "label", "expires", "max_uses", "password" or "allow_embed". */
const char *share_input_check(const struct share_input *in, int64_t now, const char **field);

/* Creates a link (hashing the password with Argon2id first): writes its token (shown once,
 * never stored) into token_out and its id into *id_out (when not NULL). SHARE_NOT_FOUND when
 * the tracker or goal is not the user's live one; SHARE_INVALID when share_input_check refuses. */
enum share_result share_create(struct db *db, int64_t now, int64_t user_id, const struct share_input *in,
			       char token_out[TOKEN_TEXT_LEN + 1], int64_t *id_out);
/* Reads link id of user_id into *out (strings in a). */
enum share_result share_get(struct db *db, struct arena *a, int64_t user_id, int64_t id, struct share_link *out);
/* Calls fn for each link of user_id, newest first (strings valid during the call; fn returns
 * non-zero to stop). */
enum share_result share_each(struct db *db, struct arena *a, int64_t user_id,
			     int (*fn)(void *ctx, const struct share_link *l), void *ctx);
/* Deactivates a link: its token answers as unknown at once. */
enum share_result share_deactivate(struct db *db, int64_t user_id, int64_t id);
/* Gives a link a new token (written to token_out), active again with no uses: the old token is
 * forgotten, so it answers as unknown for ever. Forgets the link's password failures. */
enum share_result share_regenerate(struct db *db, int64_t user_id, int64_t id, char token_out[TOKEN_TEXT_LEN + 1]);
/* Deletes a link (and its password failures). */
enum share_result share_delete(struct db *db, int64_t user_id, int64_t id);

/* The state of l at now: inactive before expired before used up. */
enum share_state share_state_of(const struct share_link *l, int64_t now);
/* "active", "inactive", "expired", "used_up"; and for people: "Active", "Deactivated", "Expired",
 * "Used up". */
const char *share_state_name(enum share_state s);
const char *share_state_label(enum share_state s);

/* What a token leads to. */
enum share_access {
	SHARE_ACCESS_OK,
	SHARE_ACCESS_UNKNOWN,  /* malformed, unknown (also a regenerated one's old token), deactivated, or
				  its tracker or goal deleted: all answer the same 404 */
	SHARE_ACCESS_EXPIRED,  /* 410 */
	SHARE_ACCESS_USED_UP,  /* 410 */
	SHARE_ACCESS_ERROR
};

/* Reads the link of token into *out and says whether it may be shown now; writes nothing. */
enum share_access share_resolve(struct db *db, struct arena *a, const char *token, int64_t now,
				struct share_link *out);
/* Takes one use of token's link with the single atomic UPDATE; SHARE_ACCESS_OK when it changed
 * the row (then *out, when not NULL, is re-read with the use counted), else why not (read
 * again after the failed UPDATE: used up, expired or unknown). */
enum share_access share_take_use(struct db *db, struct arena *a, const char *token, int64_t now,
				 struct share_link *out);

/* The outcome of a password attempt. */
enum share_password_result {
	SHARE_PASSWORD_OK,
	SHARE_PASSWORD_WRONG,
	SHARE_PASSWORD_WAIT,  /* throttled: *wait seconds before the next attempt is even checked */
	SHARE_PASSWORD_ERROR
};

/* Checks password[0..len) against l's hash, unless the failures of the link (from anywhere) or
 * of address at this link ask to wait. A wrong one counts one failure for both keys; a right
 * one forgets the address's failures. A link without a password always answers OK. */
enum share_password_result share_password_try(struct db *db, const struct share_link *l, const char *password,
					      size_t len, const char *address, int64_t now, int64_t *wait);
/* Seconds to wait before a password attempt on l from address may be checked (0: now). */
int64_t share_password_wait(struct db *db, const struct share_link *l, const char *address, int64_t now);

/* Writes the value of an unlock cookie for l (a password link) valid until now +
 * SHARE_UNLOCK_SECONDS: "<expiry>.<base64url MAC>". */
void share_unlock_value(const struct share_link *l, int64_t now, char out[SHARE_UNLOCK_VALUE_SIZE]);
/* True when value is an unlock cookie made by share_unlock_value for this very link (its id,
 * current token and password) that has not expired at now. False for a link without password. */
bool share_unlock_valid(const struct share_link *l, const char *value, int64_t now);

#endif
