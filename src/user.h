/* user: accounts and their preferences (domain layer: no HTTP). Functions that write do not
 * open transactions: the caller wraps one POST or one command in db_begin_write/db_commit,
 * and hashes passwords (password_hash) before taking the write lock. */
#ifndef TRACKPRO_USER_H
#define TRACKPRO_USER_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "db.h"

struct user {
	int64_t id;
	const char *email;
	const char *display_name;
	const char *time_zone;    /* IANA name, "Europe/Paris" */
	int week_start;           /* 0 = Sunday, 1 = Monday */
	bool is_admin;
	int64_t created_at;       /* seconds since the epoch */
	int64_t last_login_at;    /* seconds since the epoch; 0 = never */
	const char *password_hash; /* "$argon2id$…" */
};

struct user_preferences {
	const char *theme;     /* "light", "dark" or "system" */
	int streak_threshold;  /* percent 0–100 a period needs to count for a streak; default 80 */
	int reminder_minute;   /* minutes after local midnight 0–1439, or -1 when not set */
	int summary_minute;    /* likewise, for the evening summary */
};

enum user_status {
	USER_OK = 0,
	USER_NOT_FOUND,
	USER_EMAIL_TAKEN,
	USER_WRONG_PASSWORD,
	USER_ERROR /* a database error (logged) */
};

#define USER_EMAIL_MAX 254
#define USER_DISPLAY_NAME_MAX 100

/* Returns NULL when email looks like an address (1 '@', something before and after it,
 * a dot in the domain, no spaces or control characters, at most USER_EMAIL_MAX bytes), else a
 * sentence for the form. */
const char *user_email_problem(const char *email);
/* Returns NULL when name is a usable display name (1–USER_DISPLAY_NAME_MAX bytes after
 * trimming, no control characters), else a sentence for the form. */
const char *user_display_name_problem(const char *name);

/* Inserts a user with a password hash made by password_hash(), and their preferences row
 * with the defaults. *id_out (when not NULL) receives the new id. USER_EMAIL_TAKEN when the
 * address is used already (compared case-insensitively). */
enum user_status user_create(struct db *db, int64_t now, const char *email, const char *display_name,
			     const char *password_hash, const char *time_zone, bool is_admin, int64_t *id_out);

/* Reads user id into *out (strings in a). USER_NOT_FOUND when there is none. */
enum user_status user_get(struct db *db, struct arena *a, int64_t id, struct user *out);
/* Reads the user with this e-mail address (case-insensitive). */
enum user_status user_get_by_email(struct db *db, struct arena *a, const char *email, struct user *out);

/* Checks a login. Unknown address and wrong password both answer USER_WRONG_PASSWORD and take
 * the time of one Argon2id verification (a dummy hash for the unknown address). On success
 * fills *out, records last_login_at, and rehashes the password when its limits are outdated
 * (this writes: call it inside a write transaction, or accept that the rehash is skipped
 * when the database is busy). */
enum user_status user_authenticate(struct db *db, struct arena *a, int64_t now, const char *email,
				   const char *password, size_t password_len, struct user *out);

/* True when password is user id's current password (for changes that require it). */
bool user_password_matches(struct db *db, int64_t id, const char *password, size_t password_len);

/* Replaces the password hash of user id. */
enum user_status user_set_password_hash(struct db *db, int64_t now, int64_t id, const char *password_hash);
/* Changes the e-mail address; USER_EMAIL_TAKEN when another account has it. */
enum user_status user_set_email(struct db *db, int64_t now, int64_t id, const char *email);
/* Changes display name, time zone and week start (0 or 1). */
enum user_status user_update_profile(struct db *db, int64_t now, int64_t id, const char *display_name,
				     const char *time_zone, int week_start);

/* Reads the preferences of user id (defaults when the row is missing). */
enum user_status user_get_preferences(struct db *db, struct arena *a, int64_t id, struct user_preferences *out);
/* Writes the preferences of user id. */
enum user_status user_set_preferences(struct db *db, int64_t now, int64_t id, const struct user_preferences *p);

/* Deletes user id and, through ON DELETE CASCADE, everything they own. */
enum user_status user_delete(struct db *db, int64_t id);

/* Number of accounts; -1 on error. */
int64_t user_count(struct db *db);

/* Calls fn for every user in id order (strings valid during the call); stops early and
 * returns USER_OK when fn returns non-zero. */
enum user_status user_each(struct db *db, struct arena *a, int (*fn)(void *ctx, const struct user *u), void *ctx);

#endif
