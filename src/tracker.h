/* tracker: trackers (routines, challenges, programs; a habit is a tracker with one task),
 * their categories, soft deletion with restore, cloning and time-mode changes — domain
 * layer: no HTTP. Every function takes the owner's user id and touches only that user's
 * rows; a tracker of another user is USER-invisible (TRACKER_NOT_FOUND). Writes do not open
 * transactions: the caller wraps one POST in db_begin_write/db_commit. Day arguments are
 * day numbers (civil.h: days since 1970-01-01); timestamps are seconds since the epoch. */
#ifndef TRACKPRO_TRACKER_H
#define TRACKPRO_TRACKER_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "db.h"
#include "period.h"

#define TRACKER_NAME_MAX 100
#define TRACKER_DESCRIPTION_MAX 2000
#define TRACKER_NO_DATE INT64_MIN /* a start or end date that is not set */

enum tracker_status {
	TRACKER_ACTIVE,
	TRACKER_PAUSED,
	TRACKER_ARCHIVED,
	TRACKER_STATUS__MAX
};

enum tracker_result {
	TRACKER_OK = 0,
	TRACKER_NOT_FOUND,   /* no such tracker of this user (or deleted, where that matters) */
	TRACKER_NAME_TAKEN,  /* another active tracker of the user has this name (case-insensitive) */
	TRACKER_INVALID,     /* a field breaks a rule; *problem names it (see tracker_input_check) */
	TRACKER_ERROR        /* database error, logged */
};

struct tracker {
	int64_t id;
	int64_t user_id;
	const char *name;
	const char *description;
	enum time_mode time_mode;
	int64_t time_mode_since;   /* first day of the current mode; TRACKER_NO_DATE when never changed */
	int64_t start_date;        /* TRACKER_NO_DATE when open-ended */
	int64_t end_date;          /* TRACKER_NO_DATE when open-ended */
	enum tracker_status status;
	const char *color;         /* "#rrggbb" */
	int64_t category_id;       /* 0 when none */
	const char *category_name; /* "" when none */
	int position;
	int64_t created_at;
	int64_t deleted_at;        /* 0 when not deleted */
	int task_count;            /* active, not deleted task templates */
};

/* What a create or edit form sets. */
struct tracker_input {
	const char *name;
	const char *description;
	enum time_mode time_mode;
	int64_t start_date;  /* or TRACKER_NO_DATE */
	int64_t end_date;    /* or TRACKER_NO_DATE */
	const char *color;   /* "#rrggbb" */
	int64_t category_id; /* 0 for none; must be the user's */
};

/* Name of a status ("active", "paused", "archived") and its parser (0 or -1). */
const char *tracker_status_name(enum tracker_status s);
int tracker_status_parse(const char *s, enum tracker_status *out);

/* Checks an input without touching the database: name 1–TRACKER_NAME_MAX bytes after
 * trimming, description ≤ TRACKER_DESCRIPTION_MAX, colour "#rrggbb", end ≥ start when both
 * are set. Returns NULL, or a sentence and sets *field to the form field it belongs to
 * ("name", "description", "color", "end_date"). */
const char *tracker_input_check(const struct tracker_input *in, const char **field);

/* Creates a tracker at the end of the user's list; *id_out receives its id.
 * TRACKER_NAME_TAKEN when an active tracker of the user has the name; TRACKER_INVALID when
 * category_id is not the user's. */
enum tracker_result tracker_create(struct db *db, int64_t now, int64_t user_id, const struct tracker_input *in,
				   int64_t *id_out);

/* Reads tracker id of user_id into *out (strings in a). Deleted trackers are found only when
 * include_deleted. */
enum tracker_result tracker_get(struct db *db, struct arena *a, int64_t user_id, int64_t id, bool include_deleted,
				struct tracker *out);

/* Which trackers tracker_each lists. */
enum tracker_filter {
	TRACKER_LIST_ACTIVE,   /* status active, not deleted (the default list and Today) */
	TRACKER_LIST_PAUSED,
	TRACKER_LIST_ARCHIVED,
	TRACKER_LIST_ALL,      /* every status, not deleted */
	TRACKER_LIST_DELETED   /* the trash */
};

/* Calls fn for each tracker of user_id matching filter, by position then id (strings valid
 * during the call). tag_id > 0 keeps only trackers with a task carrying that tag. */
enum tracker_result tracker_each(struct db *db, struct arena *a, int64_t user_id, enum tracker_filter filter,
				 int64_t tag_id, int (*fn)(void *ctx, const struct tracker *t), void *ctx);

/* Changes name, description, dates, colour and category. A different time_mode is a mode
 * change (tracker_change_mode) done in the same call with today = the user's current day. */
enum tracker_result tracker_update(struct db *db, int64_t now, int64_t today, int64_t user_id, int64_t id,
				   const struct tracker_input *in);

/* Sets the status (pause, archive, reactivate). */
enum tracker_result tracker_set_status(struct db *db, int64_t now, int64_t user_id, int64_t id,
				       enum tracker_status status);

/* Changes the time mode from today on: existing tracker instances keep their mode and are
 * marked legacy; time_mode_since = today. No-op when the mode is the same. */
enum tracker_result tracker_change_mode(struct db *db, int64_t now, int64_t today, int64_t user_id, int64_t id,
					enum time_mode mode);

/* Soft-deletes a tracker and, with the same timestamp, its task templates, tracker instances,
 * task instances and day notes that were not deleted before (so restore brings back exactly
 * these). */
enum tracker_result tracker_delete(struct db *db, int64_t now, int64_t user_id, int64_t id);

/* Restores a deleted tracker and what its deletion took with it. When an active tracker now
 * has the same name, " (Restored)" is appended (then " (Restored 2)" …). *name_out (when not
 * NULL) receives the final name in a. */
enum tracker_result tracker_restore(struct db *db, struct arena *a, int64_t now, int64_t user_id, int64_t id,
				    const char **name_out);

/* Copies a tracker and its (not deleted) task templates with their tags — not its history —
 * as "<name> (copy)" (made unique like restore); *id_out receives the new id. */
enum tracker_result tracker_clone(struct db *db, int64_t now, int64_t user_id, int64_t id, int64_t *id_out);

/* Moves a tracker up (delta -1) or down (+1) in the user's list. */
enum tracker_result tracker_move(struct db *db, int64_t now, int64_t user_id, int64_t id, int delta);

/* Categories: a user's life areas, one per tracker. */
struct category {
	int64_t id;
	const char *name;
	const char *color;
	int tracker_count;
};
#define CATEGORY_NAME_MAX 50

/* Creates a category; TRACKER_NAME_TAKEN when the user has one of that name. */
enum tracker_result category_create(struct db *db, int64_t now, int64_t user_id, const char *name, const char *color,
				    int64_t *id_out);
/* Renames and recolours a category of user_id. */
enum tracker_result category_update(struct db *db, int64_t now, int64_t user_id, int64_t id, const char *name,
				    const char *color);
/* Deletes a category; its trackers keep existing without a category. */
enum tracker_result category_delete(struct db *db, int64_t user_id, int64_t id);
/* Calls fn for each category of user_id by name. */
enum tracker_result category_each(struct db *db, struct arena *a, int64_t user_id,
				  int (*fn)(void *ctx, const struct category *c), void *ctx);

/* True when s is a colour "#rrggbb". */
bool tracker_color_valid(const char *s);

#endif
