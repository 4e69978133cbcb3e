/* throttle: exponential back-off of password attempts. */
#include "throttle.h"

#include "log.h"

/* Reads key's record; returns 1 when found, 0 when not, -1 on error. */
static int attempt_get(struct db *db, const char *key, int64_t *window_start, int64_t *count, int64_t *last_at)
{
	sqlite3_stmt *s = db_stmt(db, STMT_ATTEMPT_GET);
	if (!s || db_bind_text(s, ":key", key))
		return -1;
	int rc = sqlite3_step(s), found = 0;
	if (rc == SQLITE_ROW) {
		*window_start = sqlite3_column_int64(s, 0);
		*count = sqlite3_column_int64(s, 1);
		*last_at = sqlite3_column_int64(s, 2);
		found = 1;
	} else if (rc != SQLITE_DONE) {
		log_error("throttle: %s", sqlite3_errmsg(db->conn));
		found = -1;
	}
	sqlite3_reset(s);
	return found;
}

int64_t throttle_wait_after(const struct throttle_rule *rule, int64_t window_start, int64_t count, int64_t last_at,
			    int64_t now)
{
	if (now - window_start >= rule->window_seconds || count < rule->free_attempts)
		return 0;
	int64_t excess = count - rule->free_attempts + 1, wait = 1;
	while (excess-- > 1 && wait < rule->max_wait)
		wait *= 2;
	if (wait > rule->max_wait)
		wait = rule->max_wait;
	int64_t left = last_at + wait - now;
	return left > 0 ? left : 0;
}

void throttle_count_failure(const struct throttle_rule *rule, bool found, int64_t *window_start, int64_t *count,
			    int64_t now)
{
	if (!found || now - *window_start >= rule->window_seconds) {
		*window_start = now;
		*count = 0;
	}
	(*count)++;
}

int64_t throttle_wait(struct db *db, const struct throttle_rule *rule, const char *key, int64_t now)
{
	int64_t window_start, count, last_at;
	int found = attempt_get(db, key, &window_start, &count, &last_at);
	if (found <= 0)
		return found < 0 ? -1 : 0;
	return throttle_wait_after(rule, window_start, count, last_at, now);
}

int throttle_fail(struct db *db, const struct throttle_rule *rule, const char *key, int64_t now)
{
	int64_t window_start = now, count = 0, last_at = 0;
	int found = attempt_get(db, key, &window_start, &count, &last_at);
	if (found < 0)
		return -1;
	throttle_count_failure(rule, found, &window_start, &count, now);
	sqlite3_stmt *s = db_stmt(db, STMT_ATTEMPT_SAVE);
	if (!s || db_bind_text(s, ":key", key) || db_bind_int(s, ":window_start", window_start) ||
	    db_bind_int(s, ":count", count) || db_bind_int(s, ":now", now))
		return -1;
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		log_error("throttle_fail: %s", sqlite3_errmsg(db->conn));
		return -1;
	}
	return 0;
}

/* Runs a one-parameter delete. */
static int run_delete(struct db *db, enum stmt_id id, const char *param, const char *text, int64_t value)
{
	sqlite3_stmt *s = db_stmt(db, id);
	if (!s || (text ? db_bind_text(s, param, text) : db_bind_int(s, param, value)))
		return -1;
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		log_error("throttle: %s", sqlite3_errmsg(db->conn));
		return -1;
	}
	return 0;
}

int throttle_clear(struct db *db, const char *key)
{
	return run_delete(db, STMT_ATTEMPT_CLEAR, ":key", key, 0);
}

int throttle_prune(struct db *db, int64_t before)
{
	return run_delete(db, STMT_ATTEMPT_PRUNE, ":before", NULL, before);
}
