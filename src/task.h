/* task: task templates — the habits inside a tracker, with their kind, worth and schedule —
 * and tags, the user's many-to-many labels for them. Domain layer: no HTTP. Every function
 * takes the owner's user id and reaches only that user's rows (another user's template is
 * TASK_NOT_FOUND). Writes do not open transactions. Editing a template never rewrites
 * history: task instances keep the snapshot taken when they were made (instance.c). */
#ifndef TRACKPRO_TASK_H
#define TRACKPRO_TASK_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "db.h"
#include "schedule.h"

#define TASK_NAME_MAX 100
#define TASK_DESCRIPTION_MAX 2000
#define TASK_UNIT_MAX 20
#define TASK_POINTS_MAX 1000000
#define TAG_NAME_MAX 40
#define TASK_MAX_TAGS 20

enum task_kind { TASK_CHECK, TASK_MEASURE, TASK_KIND__MAX };
enum task_direction { TASK_AT_LEAST, TASK_AT_MOST, TASK_DIRECTION__MAX };
enum task_time_of_day { TASK_ANY_TIME, TASK_MORNING, TASK_AFTERNOON, TASK_EVENING, TASK_TIME_OF_DAY__MAX };
enum task_priority { TASK_PRIORITY_LOW, TASK_PRIORITY_NORMAL, TASK_PRIORITY_HIGH, TASK_PRIORITY__MAX };
enum task_status { TASK_ACTIVE, TASK_PAUSED, TASK_ARCHIVED, TASK_STATUS__MAX };

/* Database names of the enums ("check", "at_least", "morning", "high", "paused" …) and their
 * parsers (0, or -1 for an unknown name). */
const char *task_kind_name(enum task_kind k);
int task_kind_parse(const char *s, enum task_kind *out);
const char *task_direction_name(enum task_direction d);
int task_direction_parse(const char *s, enum task_direction *out);
const char *task_time_of_day_name(enum task_time_of_day t);
int task_time_of_day_parse(const char *s, enum task_time_of_day *out);
const char *task_priority_name(enum task_priority p);
int task_priority_parse(const char *s, enum task_priority *out);
const char *task_status_name(enum task_status s);
int task_status_parse(const char *s, enum task_status *out);

enum task_result {
	TASK_OK = 0,
	TASK_NOT_FOUND,
	TASK_INVALID, /* e.g. a tag id that is not the user's */
	TASK_NAME_TAKEN, /* tags: the user has a tag of that name */
	TASK_ERROR
};

struct tag {
	int64_t id;
	const char *name;
	const char *color; /* "#rrggbb" */
	int task_count;
};

struct task_template {
	int64_t id;
	int64_t tracker_id;
	const char *name;
	const char *description;
	int64_t points;           /* ≥ 0 */
	double weight;            /* > 0; the task's share of its period's completion */
	enum task_time_of_day time_of_day;
	enum task_kind kind;
	double target_value;      /* measure tasks: the goal per period, ≥ 0 */
	enum task_direction direction;
	const char *unit;         /* "km", "glasses", "" */
	struct schedule schedule;
	int difficulty;           /* 1–5 */
	enum task_priority priority;
	bool counts_toward_goals;
	enum task_status status;
	int reminder_minute;      /* minutes after local midnight, -1 = none */
	unsigned reminder_weekdays; /* bit 0 = Monday */
	int position;
	int64_t deleted_at;       /* 0 when not deleted */
	struct tag *tags;         /* in a; tag_count of them */
	int tag_count;
};

/* What a task form sets (everything but id, tracker and position). tag_ids: the user's tags. */
struct task_input {
	const char *name;
	const char *description;
	int64_t points;
	double weight;
	enum task_time_of_day time_of_day;
	enum task_kind kind;
	double target_value;
	enum task_direction direction;
	const char *unit;
	struct schedule schedule;
	int difficulty;
	enum task_priority priority;
	bool counts_toward_goals;
	enum task_status status;
	int reminder_minute;
	unsigned reminder_weekdays;
	const int64_t *tag_ids;
	int tag_count;
};

/* Fills in the defaults of a new task: check kind, 1 point, weight 1, any time, every
 * period, difficulty 3, normal priority, counts toward goals, active, no reminder. */
void task_input_defaults(struct task_input *in);

/* Checks an input without the database (names, lengths, ranges, a measure task's target, the
 * schedule via schedule_validate for mode). Returns NULL or a sentence, with *field set to
 * the form field ("name", "points", "weight", "target_value", "unit", "schedule", "difficulty",
 * "description", "tags"). */
const char *task_input_check(const struct task_input *in, enum time_mode mode, const char **field);

/* Adds a template at the end of tracker_id (a tracker of user_id, not deleted). */
enum task_result task_create(struct db *db, int64_t now, int64_t user_id, int64_t tracker_id,
			     const struct task_input *in, int64_t *id_out);
/* Reads template id (of a tracker of user_id) with its tags. */
enum task_result task_get(struct db *db, struct arena *a, int64_t user_id, int64_t id, bool include_deleted,
			  struct task_template *out);
/* Calls fn for each template of tracker_id by position (deleted ones only when include_deleted),
 * with tags. */
enum task_result task_each(struct db *db, struct arena *a, int64_t user_id, int64_t tracker_id, bool include_deleted,
			   int (*fn)(void *ctx, const struct task_template *t), void *ctx);
/* Replaces every field of template id, and its tags. */
enum task_result task_update(struct db *db, int64_t now, int64_t user_id, int64_t id, const struct task_input *in);
/* Soft-deletes template id; its past task instances stay, shown as from a removed task. */
enum task_result task_delete(struct db *db, int64_t now, int64_t user_id, int64_t id);
/* Restores a deleted template (its tracker must not be deleted). */
enum task_result task_restore(struct db *db, int64_t now, int64_t user_id, int64_t id);
/* Moves a template up (-1) or down (+1) within its tracker. */
enum task_result task_move(struct db *db, int64_t now, int64_t user_id, int64_t id, int delta);
/* Calls fn for each deleted template of user_id whose tracker is not deleted (the trash). */
enum task_result task_each_deleted(struct db *db, struct arena *a, int64_t user_id,
				   int (*fn)(void *ctx, const struct task_template *t, const char *tracker_name), void *ctx);

/* Tags. */
enum task_result tag_create(struct db *db, int64_t now, int64_t user_id, const char *name, const char *color,
			    int64_t *id_out);
enum task_result tag_update(struct db *db, int64_t user_id, int64_t id, const char *name, const char *color);
enum task_result tag_delete(struct db *db, int64_t user_id, int64_t id);
enum task_result tag_each(struct db *db, struct arena *a, int64_t user_id, int (*fn)(void *ctx, const struct tag *t),
			  void *ctx);

#endif
