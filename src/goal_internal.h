/* goal_internal: what goal.c and goal_progress.c share — column and bind helpers, event
 * records and the recompute with its note. Not for other modules: they use goal.h. */
#ifndef TRACKPRO_GOAL_INTERNAL_H
#define TRACKPRO_GOAL_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "goal.h"

/* Values closer than this are equal (sums of weights such as 0.1 are not exact). */
#define GOAL_EPSILON 1e-9

/* Binds a day as 'YYYY-MM-DD', or NULL for GOAL_NO_DATE; 0 or -1. */
int goal_bind_day(sqlite3_stmt *s, const char *name, int64_t day);
/* Steps a statement that writes and resets it: GOAL_OK, or GOAL_ERROR (logged with what). */
enum goal_result goal_step_write(struct db *db, sqlite3_stmt *s, const char *what);
/* v rounded to millionths, so that 0.1 + 0.2 is stored as 0.3 (never -0). */
double goal_rounded(double v);

/* Records an event of goal goal_id of user_id; the values and statuses are NULL when their
 * has_* flag is false or the status is NULL. */
enum goal_result goal_event_add(struct db *db, int64_t now, int64_t user_id, int64_t goal_id, enum goal_event_kind kind,
				bool has_old, double old_value, bool has_new, double new_value, const char *old_status,
				const char *new_status, const char *note);
/* Records a status_changed event from old to new with note. */
enum goal_result goal_status_event(struct db *db, int64_t now, int64_t user_id, int64_t goal_id,
				   enum goal_status old, enum goal_status new, const char *note);

/* The sum of a goal's entries, and the highest their running sum reached in the order they
 * were logged (never below 0). */
enum goal_result goal_entry_sums(struct db *db, int64_t user_id, int64_t goal_id, double *sum, double *best);

/* goal_recompute with the note of a status change (NULL: a default that names the move; a
 * move to failed always uses the default); reactivate: the goal was abandoned and is taken up
 * again, so its status follows its values and the move from abandoned is recorded. */
enum goal_result goal_recompute_note(struct db *db, int64_t now, int64_t today, int64_t user_id, int64_t goal_id,
				     const char *why, bool reactivate);

#endif
