/* task: task templates in SQLite — checks, create, read, list, edit with tags, soft delete and
 * restore, ordering, the trash — and the user's tags. */
#include "task.h"

#include <math.h>
#include <string.h>

#include "access.h"
#include "civil.h"
#include "log.h"
#include "strx.h"
#include "tracker.h"

static const char *const kind_names[TASK_KIND__MAX] = { [TASK_CHECK] = "check", [TASK_MEASURE] = "measure" };
static const char *const direction_names[TASK_DIRECTION__MAX] = {
	[TASK_AT_LEAST] = "at_least",
	[TASK_AT_MOST] = "at_most",
};
static const char *const time_of_day_names[TASK_TIME_OF_DAY__MAX] = {
	[TASK_ANY_TIME] = "any",
	[TASK_MORNING] = "morning",
	[TASK_AFTERNOON] = "afternoon",
	[TASK_EVENING] = "evening",
};
static const char *const priority_names[TASK_PRIORITY__MAX] = {
	[TASK_PRIORITY_LOW] = "low",
	[TASK_PRIORITY_NORMAL] = "normal",
	[TASK_PRIORITY_HIGH] = "high",
};
static const char *const status_names[TASK_STATUS__MAX] = {
	[TASK_ACTIVE] = "active",
	[TASK_PAUSED] = "paused",
	[TASK_ARCHIVED] = "archived",
};

/* The *_name and *_parse functions of task.h. */
STRX_TABLE_FUNCTIONS(task_kind, kind_names, TASK_KIND__MAX, task_kind_name, task_kind_parse)
STRX_TABLE_FUNCTIONS(task_direction, direction_names, TASK_DIRECTION__MAX, task_direction_name, task_direction_parse)
STRX_TABLE_FUNCTIONS(task_time_of_day, time_of_day_names, TASK_TIME_OF_DAY__MAX, task_time_of_day_name,
		     task_time_of_day_parse)
STRX_TABLE_FUNCTIONS(task_priority, priority_names, TASK_PRIORITY__MAX, task_priority_name, task_priority_parse)
STRX_TABLE_FUNCTIONS(task_status, status_names, TASK_STATUS__MAX, task_status_name, task_status_parse)

/* Steps a statement that writes and resets it: TASK_OK, TASK_NAME_TAKEN on a unique violation
 * when unique_is_taken, else TASK_ERROR (logged). */
static enum task_result step_write(struct db *db, sqlite3_stmt *s, const char *what, bool unique_is_taken)
{
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return TASK_OK;
	if (unique_is_taken && rc == SQLITE_CONSTRAINT_UNIQUE)
		return TASK_NAME_TAKEN;
	log_error("%s: %s", what, sqlite3_errmsg(db->conn));
	return TASK_ERROR;
}

/* TASK_OK when the write matched a row, TASK_NOT_FOUND when it did not. */
static enum task_result changed(struct db *db, enum task_result r)
{
	return r == TASK_OK && sqlite3_changes(db->conn) == 0 ? TASK_NOT_FOUND : r;
}

void task_input_defaults(struct task_input *in)
{
	memset(in, 0, sizeof *in);
	in->name = "";
	in->description = "";
	in->unit = "";
	in->points = 1;
	in->weight = 1;
	in->time_of_day = TASK_ANY_TIME;
	in->kind = TASK_CHECK;
	in->direction = TASK_AT_LEAST;
	in->schedule.kind = SCHEDULE_EVERY_PERIOD;
	in->schedule.weekdays = 127;
	in->schedule.interval_days = 1;
	in->schedule.anchor = SCHEDULE_NO_ANCHOR;
	in->schedule.times = 1;
	in->schedule.window_days = 1;
	in->difficulty = 3;
	in->priority = TASK_PRIORITY_NORMAL;
	in->counts_toward_goals = true;
	in->status = TASK_ACTIVE;
	in->reminder_minute = -1;
	in->reminder_weekdays = 127;
}

const char *task_input_check(const struct task_input *in, enum time_mode mode, const char **field)
{
	const char *dummy, *p, *s;
	size_t n;
	if (!field)
		field = &dummy;
	*field = "name";
	if ((p = strx_name_problem(in->name, TASK_NAME_MAX, "Use at most 100 characters for the name.")))
		return p;
	*field = "description";
	s = in->description ? in->description : "";
	if ((p = strx_text_problem(s, strlen(s), TASK_DESCRIPTION_MAX, true,
				   "Use at most 2000 characters for the description.")))
		return p;
	*field = "points";
	if (in->points < 0)
		return "Points cannot be negative.";
	if (in->points > TASK_POINTS_MAX)
		return "Use at most 1000000 points.";
	*field = "weight";
	if (!isfinite(in->weight) || !(in->weight > 0))
		return "The weight must be a number above 0.";
	*field = "kind";
	if ((unsigned)in->kind >= TASK_KIND__MAX)
		return "Choose check or measure.";
	*field = "target_value";
	if (in->kind == TASK_MEASURE) {
		if (!isfinite(in->target_value) || in->target_value < 0)
			return "A measured task needs a target of 0 or more.";
		if ((unsigned)in->direction >= TASK_DIRECTION__MAX)
			return "Choose at least or at most.";
	}
	*field = "unit";
	s = strx_trim(in->unit, &n);
	if ((p = strx_text_problem(s, n, TASK_UNIT_MAX, false, "Use at most 20 characters for the unit.")))
		return p;
	*field = "schedule";
	p = NULL;
	if (schedule_validate(&in->schedule, mode, &p))
		return p ? p : "Check the schedule.";
	*field = "difficulty";
	if (in->difficulty < 1 || in->difficulty > 5)
		return "Choose a difficulty from 1 to 5.";
	*field = "time_of_day";
	if ((unsigned)in->time_of_day >= TASK_TIME_OF_DAY__MAX)
		return "Choose a time of day.";
	*field = "priority";
	if ((unsigned)in->priority >= TASK_PRIORITY__MAX)
		return "Choose low, normal or high.";
	*field = "status";
	if ((unsigned)in->status >= TASK_STATUS__MAX)
		return "Choose active, paused or archived.";
	*field = "reminder_minute";
	if (in->reminder_minute < -1 || in->reminder_minute > 1439)
		return "Enter a time between 00:00 and 23:59.";
	*field = "reminder_weekdays";
	if (in->reminder_weekdays > 127)
		return "Choose the reminder's days of the week.";
	*field = "tags";
	if (in->tag_count < 0 || in->tag_count > TASK_MAX_TAGS || (in->tag_count > 0 && !in->tag_ids))
		return "Choose at most 20 tags.";
	*field = NULL;
	return NULL;
}

/* Binds an int column, or NULL when present is false. */
static int bind_int_or_null(sqlite3_stmt *s, const char *name, bool present, int64_t v)
{
	return present ? db_bind_int(s, name, v) : db_bind_null(s, name);
}

/* Binds the template fields of a checked input shared by insert and update. Only the fields
 * of the schedule's kind are kept; the others are NULL (weekdays: all). */
static int bind_input(sqlite3_stmt *s, const struct task_input *in)
{
	char name[TASK_NAME_MAX + 1], unit[TASK_UNIT_MAX + 1], anchor[CIVIL_DATE_SIZE] = "";
	strx_copy_trimmed(in->name, name, sizeof name);
	strx_copy_trimmed(in->unit, unit, sizeof unit);
	const struct schedule *sc = &in->schedule;
	bool measure = in->kind == TASK_MEASURE, n_days = sc->kind == SCHEDULE_EVERY_N_DAYS;
	bool times = sc->kind == SCHEDULE_TIMES_PER_PERIOD || sc->kind == SCHEDULE_TIMES_IN_DAYS;
	if (n_days && civil_format(sc->anchor, anchor))
		return -1;
	return db_bind_text(s, ":name", name) || db_bind_text(s, ":description", in->description ? in->description : "") ||
	       db_bind_int(s, ":points", in->points) || db_bind_double(s, ":weight", in->weight) ||
	       db_bind_text(s, ":time_of_day", time_of_day_names[in->time_of_day]) ||
	       db_bind_text(s, ":kind", kind_names[in->kind]) ||
	       (measure ? db_bind_double(s, ":target_value", in->target_value) : db_bind_null(s, ":target_value")) ||
	       db_bind_text(s, ":target_direction", measure ? direction_names[in->direction] : NULL) ||
	       db_bind_text(s, ":unit", unit) || db_bind_text(s, ":schedule_kind", schedule_kind_name(sc->kind)) ||
	       db_bind_int(s, ":schedule_weekdays", sc->kind == SCHEDULE_WEEKDAYS ? sc->weekdays : 127) ||
	       bind_int_or_null(s, ":schedule_interval_days", n_days, sc->interval_days) ||
	       db_bind_text(s, ":schedule_anchor", n_days ? anchor : NULL) ||
	       bind_int_or_null(s, ":schedule_times", times, sc->times) ||
	       bind_int_or_null(s, ":schedule_window_days", sc->kind == SCHEDULE_TIMES_IN_DAYS, sc->window_days) ||
	       db_bind_int(s, ":difficulty", in->difficulty) ||
	       db_bind_text(s, ":priority", priority_names[in->priority]) ||
	       db_bind_int(s, ":counts_toward_goals", in->counts_toward_goals) ||
	       db_bind_text(s, ":status", status_names[in->status]) ||
	       bind_int_or_null(s, ":reminder_minute", in->reminder_minute >= 0, in->reminder_minute) ||
	       db_bind_int(s, ":reminder_weekdays", in->reminder_weekdays);
}

/* TASK_OK when every tag of in is user_id's, TASK_INVALID when one is not, TASK_ERROR. */
static enum task_result tags_usable(struct db *db, int64_t user_id, const struct task_input *in)
{
	for (int i = 0; i < in->tag_count; i++) {
		int rc = access_check(db, ACCESS_TAG, in->tag_ids[i], user_id);
		if (rc)
			return rc == 404 ? TASK_INVALID : TASK_ERROR;
	}
	return TASK_OK;
}

/* Replaces the tags of template id with those of in (checked by tags_usable). */
static enum task_result set_tags(struct db *db, int64_t user_id, int64_t id, const struct task_input *in)
{
	sqlite3_stmt *s = db_stmt(db, STMT_TASK_TAGS_CLEAR);
	if (!s || db_bind_int(s, ":id", id) || db_bind_int(s, ":user_id", user_id))
		return TASK_ERROR;
	enum task_result r = step_write(db, s, "task_tags_clear", false);
	for (int i = 0; i < in->tag_count && r == TASK_OK; i++) {
		s = db_stmt(db, STMT_TASK_TAG_ADD);
		if (!s || db_bind_int(s, ":id", id) || db_bind_int(s, ":tag_id", in->tag_ids[i]) ||
		    db_bind_int(s, ":user_id", user_id))
			return TASK_ERROR;
		r = step_write(db, s, "task_tag_add", false);
	}
	return r;
}

/* Reads the time mode of live tracker tracker_id of user_id. */
static enum task_result tracker_mode(struct db *db, int64_t user_id, int64_t tracker_id, enum time_mode *mode)
{
	sqlite3_stmt *s = db_stmt(db, STMT_TRACKER_STATE);
	if (!s || db_bind_int(s, ":id", tracker_id) || db_bind_int(s, ":user_id", user_id))
		return TASK_ERROR;
	int rc = sqlite3_step(s);
	enum task_result r = TASK_NOT_FOUND;
	if (rc == SQLITE_ROW)
		r = time_mode_parse((const char *)sqlite3_column_text(s, 0), mode) ? TASK_ERROR : TASK_OK;
	else if (rc != SQLITE_DONE) {
		log_error("tracker_state: %s", sqlite3_errmsg(db->conn));
		r = TASK_ERROR;
	}
	sqlite3_reset(s);
	return r;
}

/* Reads the tracker, position and tracker's mode of live template id of user_id. */
static enum task_result task_state(struct db *db, int64_t user_id, int64_t id, int64_t *tracker_id, int *position,
				   enum time_mode *mode)
{
	sqlite3_stmt *s = db_stmt(db, STMT_TASK_STATE);
	if (!s || db_bind_int(s, ":id", id) || db_bind_int(s, ":user_id", user_id))
		return TASK_ERROR;
	int rc = sqlite3_step(s);
	enum task_result r = TASK_NOT_FOUND;
	if (rc == SQLITE_ROW) {
		*tracker_id = sqlite3_column_int64(s, 0);
		*position = sqlite3_column_int(s, 1);
		r = time_mode_parse((const char *)sqlite3_column_text(s, 2), mode) ? TASK_ERROR : TASK_OK;
	} else if (rc != SQLITE_DONE) {
		log_error("task_state: %s", sqlite3_errmsg(db->conn));
		r = TASK_ERROR;
	}
	sqlite3_reset(s);
	return r;
}

/* TASK_OK when in passes task_input_check for a tracker of mode and its tags are the user's
 * (tags_usable); else TASK_INVALID or what tags_usable answers. */
static enum task_result input_usable(struct db *db, int64_t user_id, enum time_mode mode, const struct task_input *in)
{
	if (task_input_check(in, mode, NULL))
		return TASK_INVALID;
	return tags_usable(db, user_id, in);
}

enum task_result task_create(struct db *db, int64_t now, int64_t user_id, int64_t tracker_id,
			     const struct task_input *in, int64_t *id_out)
{
	enum time_mode mode;
	enum task_result r = tracker_mode(db, user_id, tracker_id, &mode);
	if (r != TASK_OK || (r = input_usable(db, user_id, mode, in)) != TASK_OK)
		return r;
	sqlite3_stmt *s = db_stmt(db, STMT_TASK_INSERT);
	if (!s || bind_input(s, in) || db_bind_int(s, ":tracker_id", tracker_id) || db_bind_int(s, ":user_id", user_id) ||
	    db_bind_int(s, ":now", now))
		return TASK_ERROR;
	if ((r = changed(db, step_write(db, s, "task_insert", false))) != TASK_OK)
		return r;
	int64_t id = sqlite3_last_insert_rowid(db->conn);
	r = set_tags(db, user_id, id, in);
	if (r == TASK_OK && id_out)
		*id_out = id;
	return r;
}

enum task_result task_update(struct db *db, int64_t now, int64_t user_id, int64_t id, const struct task_input *in)
{
	int64_t tracker_id;
	int position;
	enum time_mode mode;
	enum task_result r = task_state(db, user_id, id, &tracker_id, &position, &mode);
	if (r != TASK_OK || (r = input_usable(db, user_id, mode, in)) != TASK_OK)
		return r;
	sqlite3_stmt *s = db_stmt(db, STMT_TASK_UPDATE);
	if (!s || bind_input(s, in) || db_bind_int(s, ":id", id) || db_bind_int(s, ":user_id", user_id) ||
	    db_bind_int(s, ":now", now))
		return TASK_ERROR;
	r = changed(db, step_write(db, s, "task_update", false));
	return r == TASK_OK ? set_tags(db, user_id, id, in) : r;
}

/* Fills *t (but its tags) from a row of TASK_COLUMNS (stmt.c); -1 for an unknown word. */
static int read_task_row(sqlite3_stmt *s, struct arena *a, struct task_template *t)
{
	memset(t, 0, sizeof *t);
	t->id = sqlite3_column_int64(s, 0);
	t->tracker_id = sqlite3_column_int64(s, 1);
	t->name = db_column_text(s, 2, a);
	t->description = db_column_text(s, 3, a);
	t->points = sqlite3_column_int64(s, 4);
	t->weight = sqlite3_column_double(s, 5);
	int bad = task_time_of_day_parse((const char *)sqlite3_column_text(s, 6), &t->time_of_day);
	bad |= task_kind_parse((const char *)sqlite3_column_text(s, 7), &t->kind);
	t->target_value = sqlite3_column_double(s, 8);
	bad |= task_direction_parse((const char *)sqlite3_column_text(s, 9), &t->direction);
	t->unit = db_column_text(s, 10, a);
	bad |= schedule_kind_parse((const char *)sqlite3_column_text(s, 11), &t->schedule.kind);
	t->schedule.weekdays = (unsigned)sqlite3_column_int(s, 12);
	t->schedule.interval_days = sqlite3_column_int(s, 13);
	const char *anchor = (const char *)sqlite3_column_text(s, 14);
	if (!anchor || civil_parse(anchor, &t->schedule.anchor))
		t->schedule.anchor = SCHEDULE_NO_ANCHOR;
	t->schedule.times = sqlite3_column_int(s, 15);
	t->schedule.window_days = sqlite3_column_int(s, 16);
	t->difficulty = sqlite3_column_int(s, 17);
	bad |= task_priority_parse((const char *)sqlite3_column_text(s, 18), &t->priority);
	t->counts_toward_goals = sqlite3_column_int(s, 19) != 0;
	bad |= task_status_parse((const char *)sqlite3_column_text(s, 20), &t->status);
	t->reminder_minute = sqlite3_column_int(s, 21);
	t->reminder_weekdays = (unsigned)sqlite3_column_int(s, 22);
	t->position = sqlite3_column_int(s, 23);
	t->deleted_at = sqlite3_column_int64(s, 24);
	if (bad)
		log_error("task template %lld: unknown word in a column", (long long)t->id);
	return bad ? -1 : 0;
}

/* Reads the tags of template t (of user_id) into t->tags, by name. */
static enum task_result read_tags(struct db *db, struct arena *a, int64_t user_id, struct task_template *t)
{
	sqlite3_stmt *s = db_stmt(db, STMT_TASK_TAGS);
	if (!s || db_bind_int(s, ":id", t->id) || db_bind_int(s, ":user_id", user_id))
		return TASK_ERROR;
	int rc, cap = 0;
	t->tags = NULL;
	t->tag_count = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (t->tag_count == cap) {
			cap = cap ? 2 * cap : 4;
			struct tag *bigger = arena_calloc(a, (size_t)cap, sizeof *bigger);
			if (t->tag_count)
				memcpy(bigger, t->tags, (size_t)t->tag_count * sizeof *bigger);
			t->tags = bigger;
		}
		struct tag *g = &t->tags[t->tag_count++];
		g->id = sqlite3_column_int64(s, 0);
		g->name = db_column_text(s, 1, a);
		g->color = db_column_text(s, 2, a);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		log_error("task_tags: %s", sqlite3_errmsg(db->conn));
		return TASK_ERROR;
	}
	return TASK_OK;
}

enum task_result task_get(struct db *db, struct arena *a, int64_t user_id, int64_t id, bool include_deleted,
			  struct task_template *out)
{
	sqlite3_stmt *s = db_stmt(db, STMT_TASK_GET);
	if (!s || db_bind_int(s, ":id", id) || db_bind_int(s, ":user_id", user_id) ||
	    db_bind_int(s, ":include_deleted", include_deleted))
		return TASK_ERROR;
	int rc = sqlite3_step(s);
	enum task_result r = TASK_NOT_FOUND;
	if (rc == SQLITE_ROW)
		r = read_task_row(s, a, out) ? TASK_ERROR : TASK_OK;
	else if (rc != SQLITE_DONE) {
		log_error("task_get: %s", sqlite3_errmsg(db->conn));
		r = TASK_ERROR;
	}
	sqlite3_reset(s);
	return r == TASK_OK ? read_tags(db, a, user_id, out) : r;
}

/* A template read by a list, with the name of its tracker (task_each_deleted). */
struct task_node {
	struct task_template t;
	const char *tracker_name;
	struct task_node *next;
};

/* Reads every row of statement s (bound; TASK_COLUMNS, then the tracker's name when
 * with_tracker) into a list in a, then the tags of each: the statements are done before any
 * callback runs, so that a callback may use them too. what names s in the log. */
static enum task_result read_list(struct db *db, struct arena *a, int64_t user_id, sqlite3_stmt *s,
				  bool with_tracker, struct task_node **head, const char *what)
{
	struct task_node **tail = head;
	int rc, bad = 0;
	*head = NULL;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct task_node *n = arena_alloc(a, sizeof *n);
		bad |= read_task_row(s, a, &n->t);
		n->tracker_name = with_tracker ? db_column_text(s, 25, a) : "";
		*tail = n;
		tail = &n->next;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		log_error("%s: %s", what, sqlite3_errmsg(db->conn));
		return TASK_ERROR;
	}
	if (bad)
		return TASK_ERROR;
	for (struct task_node *n = *head; n; n = n->next)
		if (read_tags(db, a, user_id, &n->t) != TASK_OK)
			return TASK_ERROR;
	return TASK_OK;
}

enum task_result task_each(struct db *db, struct arena *a, int64_t user_id, int64_t tracker_id, bool include_deleted,
			   int (*fn)(void *ctx, const struct task_template *t), void *ctx)
{
	int rc = access_check(db, ACCESS_TRACKER, tracker_id, user_id);
	if (rc)
		return rc == 404 ? TASK_NOT_FOUND : TASK_ERROR;
	sqlite3_stmt *s = db_stmt(db, STMT_TASK_LIST);
	if (!s || db_bind_int(s, ":tracker_id", tracker_id) || db_bind_int(s, ":user_id", user_id) ||
	    db_bind_int(s, ":include_deleted", include_deleted))
		return TASK_ERROR;
	struct task_node *head;
	enum task_result r = read_list(db, a, user_id, s, false, &head, "task_list");
	if (r != TASK_OK)
		return r;
	for (struct task_node *n = head; n; n = n->next)
		if (fn(ctx, &n->t))
			break;
	return TASK_OK;
}

enum task_result task_each_deleted(struct db *db, struct arena *a, int64_t user_id,
				   int (*fn)(void *ctx, const struct task_template *t, const char *tracker_name), void *ctx)
{
	sqlite3_stmt *s = db_stmt(db, STMT_TASK_DELETED_LIST);
	if (!s || db_bind_int(s, ":user_id", user_id))
		return TASK_ERROR;
	struct task_node *head;
	enum task_result r = read_list(db, a, user_id, s, true, &head, "task_deleted_list");
	if (r != TASK_OK)
		return r;
	for (struct task_node *n = head; n; n = n->next)
		if (fn(ctx, &n->t, n->tracker_name))
			break;
	return TASK_OK;
}

enum task_result task_delete(struct db *db, int64_t now, int64_t user_id, int64_t id)
{
	sqlite3_stmt *s = db_stmt(db, STMT_TASK_SET_DELETED);
	if (!s || db_bind_int(s, ":now", now) || db_bind_int(s, ":id", id) || db_bind_int(s, ":user_id", user_id))
		return TASK_ERROR;
	return changed(db, step_write(db, s, "task_set_deleted", false));
}

enum task_result task_restore(struct db *db, int64_t now, int64_t user_id, int64_t id)
{
	sqlite3_stmt *s = db_stmt(db, STMT_TASK_RESTORE);
	if (!s || db_bind_int(s, ":now", now) || db_bind_int(s, ":id", id) || db_bind_int(s, ":user_id", user_id))
		return TASK_ERROR;
	return changed(db, step_write(db, s, "task_restore", false));
}

enum task_result task_move(struct db *db, int64_t now, int64_t user_id, int64_t id, int delta)
{
	int64_t tracker_id;
	int position;
	enum time_mode mode;
	enum task_result r = task_state(db, user_id, id, &tracker_id, &position, &mode);
	if (r != TASK_OK || delta == 0)
		return r;
	/* Positions 1..n first, so that equal positions (rows made elsewhere) still move. */
	sqlite3_stmt *s = db_stmt(db, STMT_TASK_RENUMBER);
	if (!s || db_bind_int(s, ":tracker_id", tracker_id) || db_bind_int(s, ":user_id", user_id))
		return TASK_ERROR;
	if ((r = step_write(db, s, "task_renumber", false)) != TASK_OK ||
	    (r = task_state(db, user_id, id, &tracker_id, &position, &mode)) != TASK_OK)
		return r;
	s = db_stmt(db, STMT_TASK_NEIGHBOUR);
	if (!s || db_bind_int(s, ":tracker_id", tracker_id) || db_bind_int(s, ":user_id", user_id) ||
	    db_bind_int(s, ":delta", delta) || db_bind_int(s, ":position", position))
		return TASK_ERROR;
	int rc = sqlite3_step(s);
	int64_t other = 0;
	int other_position = 0;
	if (rc == SQLITE_ROW) {
		other = sqlite3_column_int64(s, 0);
		other_position = sqlite3_column_int(s, 1);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return TASK_OK; /* first or last already */
	if (rc != SQLITE_ROW) {
		log_error("task_neighbour: %s", sqlite3_errmsg(db->conn));
		return TASK_ERROR;
	}
	s = db_stmt(db, STMT_TASK_SWAP);
	if (!s || db_bind_int(s, ":a", id) || db_bind_int(s, ":b", other) || db_bind_int(s, ":a_position", position) ||
	    db_bind_int(s, ":b_position", other_position) || db_bind_int(s, ":now", now) ||
	    db_bind_int(s, ":tracker_id", tracker_id) || db_bind_int(s, ":user_id", user_id))
		return TASK_ERROR;
	return step_write(db, s, "task_swap", false);
}

/* Checks a tag's name and colour; copies the trimmed name to out. */
static enum task_result tag_input(const char *name, const char *color, char out[TAG_NAME_MAX + 1])
{
	if (strx_name_problem(name, TAG_NAME_MAX, "too long") || !tracker_color_valid(color))
		return TASK_INVALID;
	strx_copy_trimmed(name, out, TAG_NAME_MAX + 1);
	return TASK_OK;
}

enum task_result tag_create(struct db *db, int64_t now, int64_t user_id, const char *name, const char *color,
			    int64_t *id_out)
{
	char clean[TAG_NAME_MAX + 1];
	enum task_result r = tag_input(name, color, clean);
	if (r != TASK_OK)
		return r;
	sqlite3_stmt *s = db_stmt(db, STMT_TAG_INSERT);
	if (!s || db_bind_int(s, ":user_id", user_id) || db_bind_text(s, ":name", clean) ||
	    db_bind_text(s, ":color", color) || db_bind_int(s, ":now", now))
		return TASK_ERROR;
	r = step_write(db, s, "tag_insert", true);
	if (r == TASK_OK && id_out)
		*id_out = sqlite3_last_insert_rowid(db->conn);
	return r;
}

enum task_result tag_update(struct db *db, int64_t user_id, int64_t id, const char *name, const char *color)
{
	char clean[TAG_NAME_MAX + 1];
	int rc = access_check(db, ACCESS_TAG, id, user_id);
	if (rc)
		return rc == 404 ? TASK_NOT_FOUND : TASK_ERROR;
	enum task_result r = tag_input(name, color, clean);
	if (r != TASK_OK)
		return r;
	sqlite3_stmt *s = db_stmt(db, STMT_TAG_UPDATE);
	if (!s || db_bind_text(s, ":name", clean) || db_bind_text(s, ":color", color) || db_bind_int(s, ":id", id) ||
	    db_bind_int(s, ":user_id", user_id))
		return TASK_ERROR;
	return changed(db, step_write(db, s, "tag_update", true));
}

enum task_result tag_delete(struct db *db, int64_t user_id, int64_t id)
{
	sqlite3_stmt *s = db_stmt(db, STMT_TAG_DELETE);
	if (!s || db_bind_int(s, ":id", id) || db_bind_int(s, ":user_id", user_id))
		return TASK_ERROR;
	return changed(db, step_write(db, s, "tag_delete", false)); /* template_tags cascade */
}

struct tag_node {
	struct tag t;
	struct tag_node *next;
};

enum task_result tag_each(struct db *db, struct arena *a, int64_t user_id, int (*fn)(void *ctx, const struct tag *t),
			  void *ctx)
{
	sqlite3_stmt *s = db_stmt(db, STMT_TAG_LIST);
	if (!s || db_bind_int(s, ":user_id", user_id))
		return TASK_ERROR;
	struct tag_node *head = NULL, **tail = &head;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct tag_node *n = arena_alloc(a, sizeof *n);
		n->t.id = sqlite3_column_int64(s, 0);
		n->t.name = db_column_text(s, 1, a);
		n->t.color = db_column_text(s, 2, a);
		n->t.task_count = sqlite3_column_int(s, 3);
		*tail = n;
		tail = &n->next;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		log_error("tag_list: %s", sqlite3_errmsg(db->conn));
		return TASK_ERROR;
	}
	for (struct tag_node *n = head; n; n = n->next)
		if (fn(ctx, &n->t))
			break;
	return TASK_OK;
}
