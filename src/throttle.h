/* throttle: an application back-off for password attempts (login, registration, share
 * passwords). Failures are counted per key in a window; past a number of free attempts each
 * further one must wait longer (doubling up to a ceiling). Keys are chosen by the caller:
 * per account and address, so that an attacker elsewhere slows only themself, plus a
 * looser per-account key against attacks spread over many addresses. */
#ifndef TRACKPRO_THROTTLE_H
#define TRACKPRO_THROTTLE_H

#include <stdbool.h>
#include <stdint.h>

#include "db.h"

struct throttle_rule {
	int free_attempts;      /* failures in a window after which every attempt must wait */
	int64_t window_seconds; /* failures older than this are forgotten */
	int64_t max_wait;       /* ceiling of the wait, seconds */
};

/* The back-off rule itself, for callers that keep their failures elsewhere (share links):
 * seconds still to wait at now after count failures in the window that started at
 * window_start, the last at last_at; 0 when the attempt may go ahead. */
int64_t throttle_wait_after(const struct throttle_rule *rule, int64_t window_start, int64_t count, int64_t last_at,
			    int64_t now);

/* Updates a failure record (found: whether one existed) for one more failure at now: starts a
 * new window when the old one has passed, then counts the failure. */
void throttle_count_failure(const struct throttle_rule *rule, bool found, int64_t *window_start, int64_t *count,
			    int64_t now);

/* Seconds the caller must still wait before the next attempt for key may be checked; 0 when
 * it may go ahead. Never writes. -1 on a database error (logged; callers let the attempt go
 * ahead rather than lock the owner out). */
int64_t throttle_wait(struct db *db, const struct throttle_rule *rule, const char *key, int64_t now);

/* Records one failure for key at now. Returns 0 or -1. */
int throttle_fail(struct db *db, const struct throttle_rule *rule, const char *key, int64_t now);

/* Forgets the failures of key (after a success). Returns 0 or -1. */
int throttle_clear(struct db *db, const char *key);

/* Deletes every record untouched since before `before` (seconds). Returns 0 or -1. */
int throttle_prune(struct db *db, int64_t before);

#endif
