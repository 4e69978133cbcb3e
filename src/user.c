/* user: accounts and preferences in SQLite. */
#include "user.h"

#include <string.h>

#include "log.h"
#include "password.h"
#include "strx.h"

const char *user_email_problem(const char *email)
{
	size_t n = email ? strlen(email) : 0;
	if (n == 0)
		return "Enter your e-mail address.";
	if (n > USER_EMAIL_MAX)
		return "This address is too long.";
	const char *at = strchr(email, '@');
	if (!at || at == email || strchr(at + 1, '@') || !strchr(at + 1, '.') || at[1] == '.' ||
	    email[n - 1] == '.')
		return "Enter an address like name@example.org.";
	for (const unsigned char *p = (const unsigned char *)email; *p; p++)
		if (*p <= 0x20 || *p == 0x7f || *p == '<' || *p == '>' || *p == ',' || *p == ';')
			return "An e-mail address has no spaces or special characters like < > , ;";
	if (!strx_utf8_valid((const unsigned char *)email, n))
		return "Enter an address like name@example.org.";
	return NULL;
}

const char *user_display_name_problem(const char *name)
{
	size_t n = name ? strlen(name) : 0;
	if (n == 0)
		return "Enter the name to show on your pages.";
	if (n > USER_DISPLAY_NAME_MAX)
		return "Use at most 100 characters.";
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return "The name cannot hold control characters.";
	return NULL;
}

/* Fills *u from a row of the user_by_* / user_list statements. */
static void read_user_row(sqlite3_stmt *s, struct arena *a, struct user *u)
{
	u->id = sqlite3_column_int64(s, 0);
	u->email = db_column_text(s, 1, a);
	u->display_name = db_column_text(s, 2, a);
	u->time_zone = db_column_text(s, 3, a);
	u->week_start = sqlite3_column_int(s, 4);
	u->is_admin = sqlite3_column_int(s, 5) != 0;
	u->created_at = sqlite3_column_int64(s, 6);
	u->last_login_at = sqlite3_column_int64(s, 7);
	u->password_hash = db_column_text(s, 8, a);
}

/* Steps a statement that writes; returns USER_OK, USER_EMAIL_TAKEN on a unique violation of
 * users.email, or USER_ERROR (logged). Resets the statement. */
static enum user_status step_write(struct db *db, sqlite3_stmt *s, const char *what)
{
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return USER_OK;
	if (rc == SQLITE_CONSTRAINT_UNIQUE && strstr(sqlite3_errmsg(db->conn), "users.email"))
		return USER_EMAIL_TAKEN;
	log_error("%s: %s", what, sqlite3_errmsg(db->conn));
	return USER_ERROR;
}

enum user_status user_create(struct db *db, int64_t now, const char *email, const char *display_name,
			     const char *password_hash, const char *time_zone, bool is_admin, int64_t *id_out)
{
	sqlite3_stmt *s = db_stmt(db, STMT_USER_INSERT);
	if (!s || db_bind_text(s, ":email", email) || db_bind_text(s, ":password_hash", password_hash) ||
	    db_bind_text(s, ":display_name", display_name) || db_bind_text(s, ":time_zone", time_zone) ||
	    db_bind_int(s, ":is_admin", is_admin) || db_bind_int(s, ":now", now))
		return USER_ERROR;
	enum user_status st = step_write(db, s, "user_create");
	if (st != USER_OK)
		return st;
	int64_t id = sqlite3_last_insert_rowid(db->conn);
	s = db_stmt(db, STMT_PREFERENCES_INSERT);
	if (!s || db_bind_int(s, ":user_id", id) || db_bind_int(s, ":now", now))
		return USER_ERROR;
	st = step_write(db, s, "preferences_insert");
	if (st == USER_OK && id_out)
		*id_out = id;
	return st;
}

/* Runs a user_by_* statement already bound; fills *out. */
static enum user_status read_one_user(struct db *db, sqlite3_stmt *s, struct arena *a, struct user *out)
{
	int rc = sqlite3_step(s);
	enum user_status st = USER_NOT_FOUND;
	if (rc == SQLITE_ROW) {
		read_user_row(s, a, out);
		st = USER_OK;
	} else if (rc != SQLITE_DONE) {
		log_error("user lookup: %s", sqlite3_errmsg(db->conn));
		st = USER_ERROR;
	}
	sqlite3_reset(s);
	return st;
}

enum user_status user_get(struct db *db, struct arena *a, int64_t id, struct user *out)
{
	sqlite3_stmt *s = db_stmt(db, STMT_USER_BY_ID);
	if (!s || db_bind_int(s, ":id", id))
		return USER_ERROR;
	return read_one_user(db, s, a, out);
}

enum user_status user_get_by_email(struct db *db, struct arena *a, const char *email, struct user *out)
{
	sqlite3_stmt *s = db_stmt(db, STMT_USER_BY_EMAIL);
	if (!s || db_bind_text(s, ":email", email))
		return USER_ERROR;
	return read_one_user(db, s, a, out);
}

enum user_status user_authenticate(struct db *db, struct arena *a, int64_t now, const char *email,
				   const char *password, size_t password_len, struct user *out)
{
	enum user_status st = user_get_by_email(db, a, email ? email : "", out);
	if (st == USER_ERROR)
		return st;
	if (st == USER_NOT_FOUND) {
		password_verify_dummy(password, password_len);
		return USER_WRONG_PASSWORD;
	}
	if (!password_verify(out->password_hash, password, password_len))
		return USER_WRONG_PASSWORD;
	if (password_needs_rehash(out->password_hash)) {
		char hash[PASSWORD_HASH_SIZE];
		if (password_hash(password, password_len, hash) == 0 &&
		    user_set_password_hash(db, now, out->id, hash) == USER_OK)
			out->password_hash = arena_strdup(a, hash);
	}
	sqlite3_stmt *s = db_stmt(db, STMT_USER_SET_LAST_LOGIN);
	if (s && db_bind_int(s, ":now", now) == 0 && db_bind_int(s, ":id", out->id) == 0 &&
	    step_write(db, s, "user_set_last_login") == USER_OK)
		out->last_login_at = now;
	return USER_OK;
}

bool user_password_matches(struct db *db, int64_t id, const char *password, size_t password_len)
{
	struct arena a;
	arena_init(&a);
	struct user u;
	bool ok = user_get(db, &a, id, &u) == USER_OK && password_verify(u.password_hash, password, password_len);
	arena_free(&a);
	return ok;
}

enum user_status user_set_password_hash(struct db *db, int64_t now, int64_t id, const char *password_hash)
{
	sqlite3_stmt *s = db_stmt(db, STMT_USER_SET_PASSWORD);
	if (!s || db_bind_text(s, ":password_hash", password_hash) || db_bind_int(s, ":now", now) ||
	    db_bind_int(s, ":id", id))
		return USER_ERROR;
	enum user_status st = step_write(db, s, "user_set_password");
	return st == USER_OK && sqlite3_changes(db->conn) == 0 ? USER_NOT_FOUND : st;
}

enum user_status user_set_email(struct db *db, int64_t now, int64_t id, const char *email)
{
	sqlite3_stmt *s = db_stmt(db, STMT_USER_SET_EMAIL);
	if (!s || db_bind_text(s, ":email", email) || db_bind_int(s, ":now", now) || db_bind_int(s, ":id", id))
		return USER_ERROR;
	enum user_status st = step_write(db, s, "user_set_email");
	return st == USER_OK && sqlite3_changes(db->conn) == 0 ? USER_NOT_FOUND : st;
}

enum user_status user_update_profile(struct db *db, int64_t now, int64_t id, const char *display_name,
				     const char *time_zone, int week_start)
{
	sqlite3_stmt *s = db_stmt(db, STMT_USER_UPDATE_PROFILE);
	if (!s || db_bind_text(s, ":display_name", display_name) || db_bind_text(s, ":time_zone", time_zone) ||
	    db_bind_int(s, ":week_start", week_start ? 1 : 0) || db_bind_int(s, ":now", now) ||
	    db_bind_int(s, ":id", id))
		return USER_ERROR;
	enum user_status st = step_write(db, s, "user_update_profile");
	return st == USER_OK && sqlite3_changes(db->conn) == 0 ? USER_NOT_FOUND : st;
}

enum user_status user_get_preferences(struct db *db, struct arena *a, int64_t id, struct user_preferences *out)
{
	out->theme = "system";
	out->streak_threshold = 80;
	out->reminder_minute = -1;
	out->summary_minute = -1;
	sqlite3_stmt *s = db_stmt(db, STMT_PREFERENCES_GET);
	if (!s || db_bind_int(s, ":user_id", id))
		return USER_ERROR;
	int rc = sqlite3_step(s);
	enum user_status st = USER_OK;
	if (rc == SQLITE_ROW) {
		out->theme = db_column_text(s, 0, a);
		out->streak_threshold = sqlite3_column_int(s, 1);
		out->reminder_minute = sqlite3_column_int(s, 2);
		out->summary_minute = sqlite3_column_int(s, 3);
	} else if (rc != SQLITE_DONE) {
		log_error("preferences_get: %s", sqlite3_errmsg(db->conn));
		st = USER_ERROR;
	}
	sqlite3_reset(s);
	return st;
}

/* Binds a minute of the day, or NULL for -1. */
static int bind_minute(sqlite3_stmt *s, const char *name, int minute)
{
	return minute < 0 ? db_bind_null(s, name) : db_bind_int(s, name, minute);
}

enum user_status user_set_preferences(struct db *db, int64_t now, int64_t id, const struct user_preferences *p)
{
	sqlite3_stmt *s = db_stmt(db, STMT_PREFERENCES_UPDATE);
	if (!s || db_bind_int(s, ":user_id", id) || db_bind_text(s, ":theme", p->theme) ||
	    db_bind_int(s, ":streak_threshold", p->streak_threshold) ||
	    bind_minute(s, ":reminder_minute", p->reminder_minute) ||
	    bind_minute(s, ":summary_minute", p->summary_minute) || db_bind_int(s, ":now", now))
		return USER_ERROR;
	return step_write(db, s, "preferences_update");
}

enum user_status user_delete(struct db *db, int64_t id)
{
	sqlite3_stmt *s = db_stmt(db, STMT_USER_DELETE);
	if (!s || db_bind_int(s, ":id", id))
		return USER_ERROR;
	enum user_status st = step_write(db, s, "user_delete");
	return st == USER_OK && sqlite3_changes(db->conn) == 0 ? USER_NOT_FOUND : st;
}

int64_t user_count(struct db *db)
{
	sqlite3_stmt *s = db_stmt(db, STMT_USER_COUNT);
	if (!s)
		return -1;
	int64_t n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
	sqlite3_reset(s);
	return n;
}

enum user_status user_each(struct db *db, struct arena *a, int (*fn)(void *ctx, const struct user *u), void *ctx)
{
	sqlite3_stmt *s = db_stmt(db, STMT_USER_LIST);
	if (!s)
		return USER_ERROR;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct user u;
		read_user_row(s, a, &u);
		if (fn(ctx, &u)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		log_error("user_list: %s", sqlite3_errmsg(db->conn));
		return USER_ERROR;
	}
	return USER_OK;
}
