/* stmt: the SQL statement table. Values are always bound (:name), never formatted in. */
#include "stmt.h"

#include <stddef.h>

static const struct {
	const char *name;
	const char *sql;
} stmt_table[STMT__MAX] = {
	[STMT_HEALTHZ] = { "healthz", "SELECT count(*) FROM sqlite_schema" },

	[STMT_USER_INSERT] = { "user_insert",
		"INSERT INTO users (email, password_hash, display_name, time_zone, week_start, is_admin, created_at, updated_at)"
		" VALUES (:email, :password_hash, :display_name, :time_zone, 1, :is_admin, :now, :now)" },
	[STMT_PREFERENCES_INSERT] = { "preferences_insert",
		"INSERT INTO preferences (user_id, updated_at) VALUES (:user_id, :now)" },
	[STMT_USER_BY_ID] = { "user_by_id",
		"SELECT id, email, display_name, time_zone, week_start, is_admin, created_at, ifnull(last_login_at, 0), password_hash"
		" FROM users WHERE id = :id" },
	[STMT_USER_BY_EMAIL] = { "user_by_email",
		"SELECT id, email, display_name, time_zone, week_start, is_admin, created_at, ifnull(last_login_at, 0), password_hash"
		" FROM users WHERE email = :email" },
	[STMT_USER_SET_LAST_LOGIN] = { "user_set_last_login",
		"UPDATE users SET last_login_at = :now WHERE id = :id" },
	[STMT_USER_SET_PASSWORD] = { "user_set_password",
		"UPDATE users SET password_hash = :password_hash, updated_at = :now WHERE id = :id" },
	[STMT_USER_SET_EMAIL] = { "user_set_email",
		"UPDATE users SET email = :email, updated_at = :now WHERE id = :id" },
	[STMT_USER_UPDATE_PROFILE] = { "user_update_profile",
		"UPDATE users SET display_name = :display_name, time_zone = :time_zone, week_start = :week_start,"
		" updated_at = :now WHERE id = :id" },
	[STMT_USER_DELETE] = { "user_delete", "DELETE FROM users WHERE id = :id" },
	[STMT_USER_COUNT] = { "user_count", "SELECT count(*) FROM users" },
	[STMT_USER_LIST] = { "user_list",
		"SELECT id, email, display_name, time_zone, week_start, is_admin, created_at, ifnull(last_login_at, 0), password_hash"
		" FROM users ORDER BY id" },
	[STMT_PREFERENCES_GET] = { "preferences_get",
		"SELECT theme, streak_threshold, ifnull(reminder_minute, -1), ifnull(summary_minute, -1)"
		" FROM preferences WHERE user_id = :user_id" },
	[STMT_PREFERENCES_UPDATE] = { "preferences_update",
		"INSERT INTO preferences (user_id, theme, streak_threshold, reminder_minute, summary_minute, updated_at)"
		" VALUES (:user_id, :theme, :streak_threshold, :reminder_minute, :summary_minute, :now)"
		" ON CONFLICT (user_id) DO UPDATE SET theme = excluded.theme, streak_threshold = excluded.streak_threshold,"
		" reminder_minute = excluded.reminder_minute, summary_minute = excluded.summary_minute,"
		" updated_at = excluded.updated_at" },

	[STMT_SESSION_INSERT] = { "session_insert",
		"INSERT INTO sessions (user_id, token_hash, csrf_token, created_at, last_seen_at, expires_at, user_agent, address)"
		" VALUES (:user_id, :token_hash, :csrf_token, :now, :now, :expires_at, :user_agent, :address)" },
	[STMT_SESSION_BY_HASH] = { "session_by_hash",
		"SELECT id, user_id, csrf_token, created_at, last_seen_at, expires_at FROM sessions WHERE token_hash = :token_hash" },
	[STMT_SESSION_TOUCH] = { "session_touch",
		"UPDATE sessions SET last_seen_at = :now WHERE id = :id" },
	[STMT_SESSION_DELETE] = { "session_delete",
		"DELETE FROM sessions WHERE id = :id AND user_id = :user_id" },
	[STMT_SESSION_DELETE_BY_ID] = { "session_delete_by_id", "DELETE FROM sessions WHERE id = :id" },
	[STMT_SESSION_DELETE_OTHERS] = { "session_delete_others",
		"DELETE FROM sessions WHERE user_id = :user_id AND id <> :keep_id" },
	[STMT_SESSION_DELETE_EXPIRED] = { "session_delete_expired",
		"DELETE FROM sessions WHERE expires_at <= :now OR last_seen_at <= :idle_before" },
	[STMT_SESSION_LIST] = { "session_list",
		"SELECT id, user_id, csrf_token, created_at, last_seen_at, expires_at, user_agent, address"
		" FROM sessions WHERE user_id = :user_id ORDER BY last_seen_at DESC, id DESC" },

	[STMT_OWNS_SESSION] = { "owns_session", "SELECT 1 FROM sessions WHERE id = :id AND user_id = :user_id" },
	[STMT_OWNS_TRACKER] = { "owns_tracker", "SELECT 1 FROM trackers WHERE id = :id AND user_id = :user_id" },
	[STMT_OWNS_TASK_TEMPLATE] = { "owns_task_template",
		"SELECT 1 FROM task_templates t JOIN trackers k ON k.id = t.tracker_id"
		" WHERE t.id = :id AND k.user_id = :user_id" },
	[STMT_OWNS_GOAL] = { "owns_goal", "SELECT 1 FROM goals WHERE id = :id AND user_id = :user_id" },
	[STMT_OWNS_SHARE_LINK] = { "owns_share_link", "SELECT 1 FROM share_links WHERE id = :id AND user_id = :user_id" },
	[STMT_OWNS_CATEGORY] = { "owns_category", "SELECT 1 FROM categories WHERE id = :id AND user_id = :user_id" },
	[STMT_OWNS_TAG] = { "owns_tag", "SELECT 1 FROM tags WHERE id = :id AND user_id = :user_id" },

	[STMT_ATTEMPT_GET] = { "attempt_get",
		"SELECT window_start, count, last_at FROM login_attempts WHERE key = :key" },
	[STMT_ATTEMPT_SAVE] = { "attempt_save",
		"INSERT INTO login_attempts (key, window_start, count, last_at) VALUES (:key, :window_start, :count, :now)"
		" ON CONFLICT (key) DO UPDATE SET window_start = excluded.window_start, count = excluded.count,"
		" last_at = excluded.last_at" },
	[STMT_ATTEMPT_CLEAR] = { "attempt_clear", "DELETE FROM login_attempts WHERE key = :key" },
	[STMT_ATTEMPT_PRUNE] = { "attempt_prune", "DELETE FROM login_attempts WHERE last_at < :before" },
};

const char *stmt_sql(enum stmt_id id)
{
	return (unsigned)id < STMT__MAX ? stmt_table[id].sql : NULL;
}

const char *stmt_name(enum stmt_id id)
{
	return (unsigned)id < STMT__MAX ? stmt_table[id].name : "?";
}
