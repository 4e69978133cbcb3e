/* instance: periods made real — tracker instances (one per tracker and period, made on demand
 * by get-or-create) and task instances (one per due task in that period, with a snapshot of
 * the template) — check-ins with their audit trail, day notes and gap fill. Domain layer: no
 * HTTP; every function takes the owner's user id. Days are day numbers (civil.h). */
#ifndef TRACKPRO_INSTANCE_H
#define TRACKPRO_INSTANCE_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "db.h"
#include "period.h"
#include "task.h"
#include "tracker.h"

#define DAY_NOTE_MAX 20000 /* characters (code points) of a day note */

enum instance_status {
	INSTANCE_TODO,
	INSTANCE_IN_PROGRESS,
	INSTANCE_DONE,
	INSTANCE_SKIPPED,
	INSTANCE_MISSED,
	INSTANCE_BLOCKED,
	INSTANCE_STATUS__MAX
};

/* Database names ("todo", "in_progress" …), labels for people ("To do", "In progress" …) and
 * the parser (0, or -1 for an unknown name). */
const char *instance_status_name(enum instance_status s);
const char *instance_status_label(enum instance_status s);
int instance_status_parse(const char *s, enum instance_status *out);

enum instance_result {
	INSTANCE_OK = 0,
	INSTANCE_NOT_FOUND,     /* no such object of this user */
	INSTANCE_OUT_OF_WINDOW, /* the day is outside the tracker's start..end dates */
	INSTANCE_INVALID,       /* e.g. a value for a check task, a note over DAY_NOTE_MAX */
	INSTANCE_ERROR          /* database error, logged */
};

/* Where a change came from, recorded in task_events.source. */
enum instance_source {
	SOURCE_WEB,
	SOURCE_BATCH,
	SOURCE_GAP_FILL,
	SOURCE_IMPORT,
	SOURCE_SEED,
	SOURCE_CLI,
	SOURCE_WORKER,
	SOURCE__MAX
};

struct tracker_instance {
	int64_t id;
	int64_t tracker_id;
	struct period period;
	enum time_mode time_mode; /* the tracker's mode when the period was made */
	bool legacy;              /* made under an earlier mode */
};

struct task_instance {
	int64_t id;
	int64_t tracker_instance_id;
	int64_t task_template_id;
	enum instance_status status;
	bool has_value;
	double value;
	const char *note;
	/* snapshot of the template when the instance was made */
	const char *name;
	int64_t points;
	double weight;
	enum task_kind kind;
	double target_value;
	enum task_direction direction;
	const char *unit;
	/* from the template as it is now */
	bool template_deleted;    /* "from a removed task" */
	enum task_time_of_day time_of_day;
	int position;
	int64_t first_completed_at; /* seconds; 0 = never */
	int64_t completed_at;       /* seconds; 0 = not done */
};

/* The period rule of tracker t for a user whose weeks start on week_start (1 Monday, 0 Sunday):
 * calendar periods, or anchored on the tracker's start date (period.h). */
struct period_rule instance_period_rule(const struct tracker *t, int week_start);

/* Get-or-create: the tracker instance of the period of t containing day, and task instances for
 * the tasks due in it (active, not deleted, and due by their schedule — also in periods before a
 * task was created, so that a new habit can be backdated). Safe against a concurrent creator: a unique-constraint conflict re-reads the
 * winner's row. Call inside a write transaction. INSTANCE_OUT_OF_WINDOW when day is outside the
 * tracker's dates. */
enum instance_result instance_open(struct db *db, int64_t now, const struct tracker *t, int week_start, int64_t day,
				   struct tracker_instance *out);

/* Reads the tracker instance of t's period containing day without creating anything;
 * INSTANCE_NOT_FOUND when it was never opened. */
enum instance_result instance_find(struct db *db, const struct tracker *t, int week_start, int64_t day,
				   struct tracker_instance *out);

/* Calls fn for each task instance (not deleted) of tracker instance id, by time of day then
 * position; strings in a. */
enum instance_result instance_tasks_each(struct db *db, struct arena *a, int64_t user_id, int64_t tracker_instance_id,
					 int (*fn)(void *ctx, const struct task_instance *ti), void *ctx);

/* The completion of a period: done weight over due weight, skipped tasks leaving the
 * denominator (DESIGN.md section 5). */
struct completion {
	int done;           /* tasks done */
	int total;          /* tasks due (not skipped) */
	double done_weight;
	double due_weight;
};
/* Adds one task instance to c. */
void completion_add(struct completion *c, const struct task_instance *ti);
/* Percent 0–100 (rounded down), 0 when nothing is due. */
int completion_percent(const struct completion *c);

/* Sets a task instance's status (and for measure tasks its value: value_set with value; the
 * status then follows the target — done when met, in progress when partly, todo at 0 —
 * unless status is skipped/blocked/missed). Records first_completed_at once, completed_at and
 * completed_day (today) on a move to done, and one task_events row. A check task given a
 * value, or a negative value, is INSTANCE_INVALID. Call inside a write transaction. */
enum instance_result instance_set(struct db *db, int64_t now, int64_t today, int64_t user_id, int64_t task_instance_id,
				  enum instance_status status, bool value_set, double value, enum instance_source source);

/* Reads one task instance of user_id with its tracker instance. */
enum instance_result instance_task_get(struct db *db, struct arena *a, int64_t user_id, int64_t task_instance_id,
				       struct task_instance *out, struct tracker_instance *period_out, int64_t *tracker_id_out);

/* One entry of a task's history: a check-in change. */
struct task_event {
	int64_t at;       /* seconds */
	struct period period;
	int has_old;      /* old_status present */
	enum instance_status old_status, new_status;
	bool has_old_value, has_new_value;
	double old_value, new_value;
	enum instance_source source;
};
/* Calls fn for each event of the instances of template task_template_id (of user_id), newest
 * first, at most limit. */
enum instance_result instance_events_each(struct db *db, struct arena *a, int64_t user_id, int64_t task_template_id,
					  int limit, int (*fn)(void *ctx, const struct task_event *e), void *ctx);

/* Day notes: one per tracker per day. instance_note_get sets *body ("" when none). */
enum instance_result instance_note_get(struct db *db, struct arena *a, int64_t user_id, int64_t tracker_id, int64_t day,
				       const char **body);
/* Saves the note (an empty body deletes it); INSTANCE_INVALID over DAY_NOTE_MAX characters. */
enum instance_result instance_note_set(struct db *db, int64_t now, int64_t user_id, int64_t tracker_id, int64_t day,
				       const char *body);

/* Gap fill: past periods of t (from its start date or the day it was created, up to the period
 * before today's, at most 366) that were never opened. instance_gap_count counts them;
 * instance_gap_fill opens each and marks its todo tasks missed (source gap_fill), returning
 * how many periods it filled in *filled. Call fill inside a write transaction. */
enum instance_result instance_gap_count(struct db *db, const struct tracker *t, int week_start, const char *time_zone,
					int64_t today, int *count);
enum instance_result instance_gap_fill(struct db *db, int64_t now, const struct tracker *t, int week_start,
				       const char *time_zone, int64_t today, int *filled);

#endif
