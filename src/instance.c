/* instance: get-or-create periods, check-ins with their audit trail, notes and gap fill. */
#include "instance.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civil.h"
#include "goal.h"
#include "log.h"
#include "strx.h"
#include "timezone.h"
#include "xmalloc.h"

static const char *const status_names[INSTANCE_STATUS__MAX] = {
	[INSTANCE_TODO] = "todo", [INSTANCE_IN_PROGRESS] = "in_progress", [INSTANCE_DONE] = "done",
	[INSTANCE_SKIPPED] = "skipped", [INSTANCE_MISSED] = "missed", [INSTANCE_BLOCKED] = "blocked",
};
static const char *const status_labels[INSTANCE_STATUS__MAX] = {
	[INSTANCE_TODO] = "To do", [INSTANCE_IN_PROGRESS] = "In progress", [INSTANCE_DONE] = "Done",
	[INSTANCE_SKIPPED] = "Skipped", [INSTANCE_MISSED] = "Missed", [INSTANCE_BLOCKED] = "Blocked",
};
static const char *const source_names[SOURCE__MAX] = {
	[SOURCE_WEB] = "web", [SOURCE_BATCH] = "batch", [SOURCE_GAP_FILL] = "gap_fill", [SOURCE_IMPORT] = "import",
	[SOURCE_SEED] = "seed", [SOURCE_CLI] = "cli", [SOURCE_WORKER] = "worker",
};

#define GAP_MAX_PERIODS 366

const char *instance_status_name(enum instance_status s)
{
	return (unsigned)s < INSTANCE_STATUS__MAX ? status_names[s] : "todo";
}

const char *instance_status_label(enum instance_status s)
{
	return (unsigned)s < INSTANCE_STATUS__MAX ? status_labels[s] : "To do";
}

int instance_status_parse(const char *s, enum instance_status *out)
{
	int i = strx_table_index(status_names, INSTANCE_STATUS__MAX, s);
	return i < 0 ? -1 : (*out = (enum instance_status)i, 0);
}

/* Parses a source name back (for the history page). */
static enum instance_source source_parse(const char *s)
{
	int i = strx_table_index(source_names, SOURCE__MAX, s);
	return i < 0 ? SOURCE_WEB : (enum instance_source)i;
}

/* Logs a failed step and returns INSTANCE_ERROR. */
static enum instance_result step_failed(struct db *db, const char *what)
{
	log_error("%s: %s", what, sqlite3_errmsg(db->conn));
	return INSTANCE_ERROR;
}

struct period_rule instance_period_rule(const struct tracker *t, int week_start)
{
	struct period_rule r = {
		.mode = t->time_mode,
		.week_start = week_start,
		.anchored = t->start_date != TRACKER_NO_DATE,
		.anchor = t->start_date != TRACKER_NO_DATE ? t->start_date : 0,
	};
	return r;
}

/* The period of t containing day; -1 when day is outside the tracker's dates. */
static int tracker_period(const struct tracker *t, int week_start, int64_t day, struct period *p)
{
	if ((t->start_date != TRACKER_NO_DATE && day < t->start_date) ||
	    (t->end_date != TRACKER_NO_DATE && day > t->end_date))
		return -1;
	struct period_rule rule = instance_period_rule(t, week_start);
	return period_of(&rule, day, p);
}

/* Looks up the tracker instance of (tracker, period); 1 found, 0 not, -1 error. */
static int find_period(struct db *db, int64_t tracker_id, struct period p, struct tracker_instance *out)
{
	sqlite3_stmt *s = db_stmt(db, STMT_INSTANCE_FIND);
	if (!s || db_bind_int(s, ":tracker_id", tracker_id) || db_bind_day(s, ":period_start", p.start) ||
	    db_bind_day(s, ":period_end", p.end))
		return -1;
	int rc = sqlite3_step(s), found = 0;
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(s, 0);
		out->tracker_id = tracker_id;
		out->period.start = db_column_day(s, 1, 0);
		out->period.end = db_column_day(s, 2, 0);
		const unsigned char *mode = sqlite3_column_text(s, 3);
		out->time_mode = TIME_MODE_DAILY;
		if (mode)
			time_mode_parse((const char *)mode, &out->time_mode);
		out->legacy = sqlite3_column_int(s, 4) != 0;
		found = 1;
	} else if (rc != SQLITE_DONE) {
		step_failed(db, "instance_find");
		found = -1;
	}
	sqlite3_reset(s);
	return found;
}

enum instance_result instance_find(struct db *db, const struct tracker *t, int week_start, int64_t day,
				   struct tracker_instance *out)
{
	struct period p;
	if (tracker_period(t, week_start, day, &p) < 0)
		return INSTANCE_OUT_OF_WINDOW;
	int found = find_period(db, t->id, p, out);
	return found < 0 ? INSTANCE_ERROR : found ? INSTANCE_OK : INSTANCE_NOT_FOUND;
}

/* Makes the task instances of the tasks due in period p (existing ones are left alone). */
static enum instance_result add_due_tasks(struct db *db, int64_t now, const struct tracker *t, int week_start,
					  const struct tracker_instance *ti)
{
	sqlite3_stmt *list = db_stmt(db, STMT_INSTANCE_TEMPLATES);
	if (!list || db_bind_int(list, ":tracker_id", t->id))
		return INSTANCE_ERROR;
	/* Read the templates first, then insert: one statement at a time keeps this simple. */
	struct template_row {
		int64_t id, points, created_at;
		double weight, target;
		bool has_target;
		const char *kind, *direction, *unit, *name;
		struct schedule schedule;
	} *rows = NULL;
	size_t n = 0, cap = 0;
	struct arena a;
	arena_init(&a);
	int rc;
	while ((rc = sqlite3_step(list)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			struct template_row *grown = arena_calloc(&a, cap, sizeof *grown);
			if (n)
				memcpy(grown, rows, n * sizeof *rows);
			rows = grown;
		}
		struct template_row *r = &rows[n++];
		r->id = sqlite3_column_int64(list, 0);
		r->name = db_column_text(list, 1, &a);
		r->points = sqlite3_column_int64(list, 2);
		r->weight = sqlite3_column_double(list, 3);
		r->kind = db_column_text(list, 4, &a);
		r->has_target = sqlite3_column_type(list, 5) != SQLITE_NULL;
		r->target = sqlite3_column_double(list, 5);
		r->direction = db_column_text(list, 6, &a);
		r->unit = db_column_text(list, 7, &a);
		const unsigned char *kind = sqlite3_column_text(list, 8);
		r->schedule.kind = SCHEDULE_EVERY_PERIOD;
		if (kind)
			schedule_kind_parse((const char *)kind, &r->schedule.kind);
		r->schedule.weekdays = (unsigned)sqlite3_column_int(list, 9);
		r->schedule.interval_days = sqlite3_column_int(list, 10);
		r->schedule.anchor = db_column_day(list, 11, 0);
		r->schedule.times = sqlite3_column_int(list, 12);
		r->schedule.window_days = sqlite3_column_int(list, 13);
		r->created_at = sqlite3_column_int64(list, 14);
	}
	sqlite3_reset(list);
	enum instance_result result = rc == SQLITE_DONE ? INSTANCE_OK : step_failed(db, "instance_templates");
	for (size_t i = 0; result == INSTANCE_OK && i < n; i++) {
		const struct template_row *r = &rows[i];
		/* a challenge's last period may run past its end date: only its days inside count */
		struct period inside = period_clip(ti->period,
						   t->start_date != TRACKER_NO_DATE ? t->start_date : PERIOD_NO_START,
						   t->end_date != TRACKER_NO_DATE ? t->end_date : PERIOD_NO_END);
		struct schedule_due due = schedule_due_in(&r->schedule, t->time_mode, week_start, inside);
		if (!due.due)
			continue;
		sqlite3_stmt *s = db_stmt(db, STMT_INSTANCE_TASK_INSERT);
		if (!s || db_bind_int(s, ":tracker_instance_id", ti->id) || db_bind_int(s, ":task_template_id", r->id) ||
		    db_bind_text(s, ":name", r->name) || db_bind_int(s, ":points", r->points) ||
		    db_bind_double(s, ":weight", r->weight) || db_bind_text(s, ":kind", r->kind) ||
		    (r->has_target ? db_bind_double(s, ":target_value", r->target) : db_bind_null(s, ":target_value")) ||
		    (*r->direction ? db_bind_text(s, ":target_direction", r->direction)
				     : db_bind_null(s, ":target_direction")) ||
		    db_bind_text(s, ":unit", r->unit) || db_bind_int(s, ":now", now)) {
			result = INSTANCE_ERROR;
			break;
		}
		rc = sqlite3_step(s);
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			result = step_failed(db, "instance_task_insert");
	}
	arena_free(&a);
	return result;
}

enum instance_result instance_open(struct db *db, int64_t now, const struct tracker *t, int week_start, int64_t day,
				   struct tracker_instance *out)
{
	struct period p;
	if (tracker_period(t, week_start, day, &p) < 0)
		return INSTANCE_OUT_OF_WINDOW;
	int found = find_period(db, t->id, p, out);
	if (found < 0)
		return INSTANCE_ERROR;
	if (!found) {
		sqlite3_stmt *s = db_stmt(db, STMT_INSTANCE_INSERT);
		if (!s || db_bind_int(s, ":tracker_id", t->id) || db_bind_day(s, ":period_start", p.start) ||
		    db_bind_day(s, ":period_end", p.end) || db_bind_day(s, ":tracking_date", day) ||
		    db_bind_text(s, ":time_mode", time_mode_name(t->time_mode)) || db_bind_int(s, ":now", now))
			return INSTANCE_ERROR;
		int rc = sqlite3_step(s);
		sqlite3_reset(s);
		if (rc == SQLITE_DONE) {
			out->id = sqlite3_last_insert_rowid(db->conn);
			out->tracker_id = t->id;
			out->period = p;
			out->time_mode = t->time_mode;
			out->legacy = false;
		} else if (rc == SQLITE_CONSTRAINT_UNIQUE) {
			/* Someone else made it between our look-up and our insert: take theirs. */
			if (find_period(db, t->id, p, out) != 1)
				return step_failed(db, "instance_open re-read");
		} else {
			return step_failed(db, "instance_insert");
		}
	}
	return add_due_tasks(db, now, t, week_start, out);
}

/* Fills a task instance from the TASK_COLUMNS of a row. */
static void read_task_row(sqlite3_stmt *s, struct arena *a, struct task_instance *ti)
{
	memset(ti, 0, sizeof *ti);
	ti->id = sqlite3_column_int64(s, 0);
	ti->tracker_instance_id = sqlite3_column_int64(s, 1);
	ti->task_template_id = sqlite3_column_int64(s, 2);
	const unsigned char *st = sqlite3_column_text(s, 3);
	if (st)
		instance_status_parse((const char *)st, &ti->status);
	ti->has_value = sqlite3_column_type(s, 4) != SQLITE_NULL;
	ti->value = sqlite3_column_double(s, 4);
	ti->note = db_column_text(s, 5, a);
	ti->name = db_column_text(s, 6, a);
	ti->points = sqlite3_column_int64(s, 7);
	ti->weight = sqlite3_column_double(s, 8);
	const unsigned char *kind = sqlite3_column_text(s, 9);
	if (kind)
		task_kind_parse((const char *)kind, &ti->kind);
	ti->target_value = sqlite3_column_double(s, 10);
	const unsigned char *dir = sqlite3_column_text(s, 11);
	if (dir)
		task_direction_parse((const char *)dir, &ti->direction);
	ti->unit = db_column_text(s, 12, a);
	ti->template_deleted = sqlite3_column_int(s, 13) != 0;
	const unsigned char *tod = sqlite3_column_text(s, 14);
	if (tod)
		task_time_of_day_parse((const char *)tod, &ti->time_of_day);
	ti->position = sqlite3_column_int(s, 15);
	ti->first_completed_at = sqlite3_column_int64(s, 16);
	ti->completed_at = sqlite3_column_int64(s, 17);
}

enum instance_result instance_tasks_each(struct db *db, struct arena *a, int64_t user_id, int64_t tracker_instance_id,
					 int (*fn)(void *ctx, const struct task_instance *ti), void *ctx)
{
	sqlite3_stmt *s = db_stmt(db, STMT_INSTANCE_TASKS);
	if (!s || db_bind_int(s, ":tracker_instance_id", tracker_instance_id) || db_bind_int(s, ":user_id", user_id))
		return INSTANCE_ERROR;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct task_instance ti;
		read_task_row(s, a, &ti);
		if (fn(ctx, &ti)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? INSTANCE_OK : step_failed(db, "instance_tasks");
}

void completion_add(struct completion *c, const struct task_instance *ti)
{
	if (ti->status == INSTANCE_SKIPPED)
		return;
	c->total++;
	c->due_weight += ti->weight;
	if (ti->status == INSTANCE_DONE) {
		c->done++;
		c->done_weight += ti->weight;
	}
}

int completion_percent(const struct completion *c)
{
	if (c->due_weight <= 0)
		return 0;
	double p = 100.0 * c->done_weight / c->due_weight;
	return p >= 100.0 ? 100 : (int)floor(p + 1e-9);
}

enum instance_result instance_task_get(struct db *db, struct arena *a, int64_t user_id, int64_t task_instance_id,
				       struct task_instance *out, struct tracker_instance *period_out, int64_t *tracker_id_out)
{
	sqlite3_stmt *s = db_stmt(db, STMT_INSTANCE_TASK_GET);
	if (!s || db_bind_int(s, ":id", task_instance_id) || db_bind_int(s, ":user_id", user_id))
		return INSTANCE_ERROR;
	int rc = sqlite3_step(s);
	enum instance_result result = INSTANCE_NOT_FOUND;
	if (rc == SQLITE_ROW) {
		read_task_row(s, a, out);
		if (period_out) {
			period_out->id = out->tracker_instance_id;
			period_out->period.start = db_column_day(s, 18, 0);
			period_out->period.end = db_column_day(s, 19, 0);
			const unsigned char *mode = sqlite3_column_text(s, 20);
			period_out->time_mode = TIME_MODE_DAILY;
			if (mode)
				time_mode_parse((const char *)mode, &period_out->time_mode);
			period_out->legacy = sqlite3_column_int(s, 21) != 0;
			period_out->tracker_id = sqlite3_column_int64(s, 22);
		}
		if (tracker_id_out)
			*tracker_id_out = sqlite3_column_int64(s, 22);
		result = INSTANCE_OK;
	} else if (rc != SQLITE_DONE) {
		result = step_failed(db, "instance_task_get");
	}
	sqlite3_reset(s);
	return result;
}

/* The status a measure task's value implies (DESIGN.md: done when the target is met). */
static enum instance_status measured_status(const struct task_instance *ti, double value)
{
	if (ti->direction == TASK_AT_MOST)
		return value <= ti->target_value ? INSTANCE_DONE : INSTANCE_MISSED;
	if (value >= ti->target_value)
		return INSTANCE_DONE;
	return value > 0 ? INSTANCE_IN_PROGRESS : INSTANCE_TODO;
}

/* Binds a value or NULL. */
static int bind_value(sqlite3_stmt *s, const char *name, bool has, double value)
{
	return has ? db_bind_double(s, name, value) : db_bind_null(s, name);
}

enum instance_result instance_set(struct db *db, int64_t now, int64_t today, int64_t user_id, int64_t task_instance_id,
				  enum instance_status status, bool value_set, double value, enum instance_source source)
{
	struct arena a;
	arena_init(&a);
	struct task_instance ti;
	enum instance_result result = instance_task_get(db, &a, user_id, task_instance_id, &ti, NULL, NULL);
	if (result != INSTANCE_OK)
		goto out;
	result = INSTANCE_INVALID;
	if ((unsigned)status >= INSTANCE_STATUS__MAX || (value_set && (ti.kind != TASK_MEASURE || !isfinite(value) ||
									 value < 0 || value > 1e12)))
		goto out;
	bool has_value = value_set ? true : ti.has_value;
	double new_value = value_set ? value : ti.value;
	if (value_set && status != INSTANCE_SKIPPED && status != INSTANCE_BLOCKED && status != INSTANCE_MISSED)
		status = measured_status(&ti, value);
	bool done = status == INSTANCE_DONE, was_done = ti.status == INSTANCE_DONE;
	if (status == ti.status && has_value == ti.has_value && (!has_value || new_value == ti.value)) {
		result = INSTANCE_OK; /* nothing changes: no event */
		goto out;
	}
	result = INSTANCE_ERROR;
	sqlite3_stmt *s = db_stmt(db, STMT_INSTANCE_TASK_UPDATE);
	if (!s || db_bind_text(s, ":status", instance_status_name(status)) || bind_value(s, ":value", has_value, new_value) ||
	    db_bind_int(s, ":now", now) || db_bind_int(s, ":id", ti.id))
		goto out;
	if (done) {
		/* completed_at follows the last move to done; staying done keeps it */
		int64_t at = was_done && ti.completed_at ? ti.completed_at : now;
		if (db_bind_int(s, ":completed_at", at))
			goto out;
		if (db_bind_day(s, ":completed_day", today))
			goto out;
	} else if (db_bind_null(s, ":completed_at") || db_bind_null(s, ":completed_day")) {
		goto out;
	}
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		result = step_failed(db, "instance_task_update");
		goto out;
	}
	s = db_stmt(db, STMT_INSTANCE_EVENT_INSERT);
	if (!s || db_bind_int(s, ":task_instance_id", ti.id) || db_bind_int(s, ":now", now) ||
	    db_bind_text(s, ":old_status", instance_status_name(ti.status)) ||
	    db_bind_text(s, ":new_status", instance_status_name(status)) ||
	    bind_value(s, ":old_value", ti.has_value, ti.value) || bind_value(s, ":new_value", has_value, new_value) ||
	    db_bind_text(s, ":source", source_names[(unsigned)source < SOURCE__MAX ? source : SOURCE_WEB]))
		goto out;
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	result = rc == SQLITE_DONE ? INSTANCE_OK : step_failed(db, "instance_event_insert");
	if (result == INSTANCE_OK && goal_recompute_for_template(db, now, today, user_id, ti.task_template_id) != GOAL_OK)
		result = INSTANCE_ERROR; /* goals fed by this task follow in the same transaction (goal.h) */
out:
	arena_free(&a);
	return result;
}

enum instance_result instance_events_each(struct db *db, struct arena *a, int64_t user_id, int64_t task_template_id,
					  int limit, int (*fn)(void *ctx, const struct task_event *e), void *ctx)
{
	sqlite3_stmt *s = db_stmt(db, STMT_INSTANCE_EVENTS);
	if (!s || db_bind_int(s, ":task_template_id", task_template_id) || db_bind_int(s, ":user_id", user_id) ||
	    db_bind_int(s, ":limit", limit))
		return INSTANCE_ERROR;
	int rc;
	(void)a;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct task_event e;
		memset(&e, 0, sizeof e);
		e.at = sqlite3_column_int64(s, 0);
		e.period.start = db_column_day(s, 1, 0);
		e.period.end = db_column_day(s, 2, 0);
		const unsigned char *old_status = sqlite3_column_text(s, 3), *new_status = sqlite3_column_text(s, 4);
		e.has_old = old_status && instance_status_parse((const char *)old_status, &e.old_status) == 0;
		if (new_status)
			instance_status_parse((const char *)new_status, &e.new_status);
		e.has_old_value = sqlite3_column_type(s, 5) != SQLITE_NULL;
		e.old_value = sqlite3_column_double(s, 5);
		e.has_new_value = sqlite3_column_type(s, 6) != SQLITE_NULL;
		e.new_value = sqlite3_column_double(s, 6);
		e.source = source_parse((const char *)sqlite3_column_text(s, 7));
		if (fn(ctx, &e)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? INSTANCE_OK : step_failed(db, "instance_events");
}

enum instance_result instance_note_get(struct db *db, struct arena *a, int64_t user_id, int64_t tracker_id, int64_t day,
				       const char **body)
{
	*body = "";
	sqlite3_stmt *s = db_stmt(db, STMT_INSTANCE_NOTE_GET);
	if (!s || db_bind_int(s, ":tracker_id", tracker_id) || db_bind_int(s, ":user_id", user_id) ||
	    db_bind_day(s, ":day", day))
		return INSTANCE_ERROR;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*body = db_column_text(s, 0, a);
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? INSTANCE_OK : step_failed(db, "instance_note_get");
}

/* Number of UTF-8 code points in s. */
static size_t utf8_length(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

enum instance_result instance_note_set(struct db *db, int64_t now, int64_t user_id, int64_t tracker_id, int64_t day,
				       const char *body)
{
	if (!strx_utf8_valid((const unsigned char *)body, strlen(body)) || utf8_length(body) > DAY_NOTE_MAX)
		return INSTANCE_INVALID;
	sqlite3_stmt *s;
	if (!*body) {
		s = db_stmt(db, STMT_INSTANCE_NOTE_DELETE);
		if (!s || db_bind_int(s, ":tracker_id", tracker_id) || db_bind_day(s, ":day", day) ||
		    db_bind_int(s, ":user_id", user_id))
			return INSTANCE_ERROR;
	} else {
		s = db_stmt(db, STMT_INSTANCE_NOTE_UPSERT);
		if (!s || db_bind_int(s, ":tracker_id", tracker_id) || db_bind_day(s, ":day", day) ||
		    db_bind_text(s, ":body", body) || db_bind_int(s, ":now", now) || db_bind_int(s, ":user_id", user_id))
			return INSTANCE_ERROR;
	}
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return step_failed(db, "instance_note_set");
	return *body && sqlite3_changes(db->conn) == 0 ? INSTANCE_NOT_FOUND : INSTANCE_OK;
}

/* bsearch comparison of two day numbers. */
static int compare_day(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

/* The first day gap fill looks at: the start date, else the local day the tracker was made. */
static int64_t gap_first_day(const struct tracker *t, const char *time_zone)
{
	if (t->start_date != TRACKER_NO_DATE)
		return t->start_date;
	char created[CIVIL_DATE_SIZE];
	int64_t day = 0;
	if (timezone_local_date(time_zone, t->created_at, created) == 0)
		civil_parse(created, &day);
	return day;
}

/* Walks the past periods of t before today's; calls fn on those never opened (at most
 * GAP_MAX_PERIODS, the newest first). Returns INSTANCE_OK or an error. */
static enum instance_result gap_walk(struct db *db, const struct tracker *t, int week_start, const char *time_zone,
				     int64_t today, int (*fn)(void *ctx, struct period p), void *ctx)
{
	/* periods before a mode change belong to the old mode: start at the change */
	int64_t first = gap_first_day(t, time_zone);
	if (t->time_mode_since != TRACKER_NO_DATE && t->time_mode_since > first)
		first = t->time_mode_since;
	struct period p;
	int64_t last = today;
	if (t->end_date != TRACKER_NO_DATE && t->end_date < last)
		last = t->end_date + 1; /* the whole challenge is past */
	if (tracker_period(t, week_start, last - 1, &p) < 0)
		return INSTANCE_OK;
	if (first < today - GAP_MAX_PERIODS * 31)
		first = today - GAP_MAX_PERIODS * 31;
	/* one query for the periods already opened, instead of one per period */
	sqlite3_stmt *s = db_stmt(db, STMT_INSTANCE_OPENED_SINCE);
	if (!s || db_bind_int(s, ":tracker_id", t->id) || db_bind_day(s, ":since", first - 31))
		return INSTANCE_ERROR;
	int64_t *opened = NULL;
	size_t n_opened = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n_opened == cap) {
			cap = cap ? cap * 2 : 64;
			opened = xrealloc(opened, cap * sizeof *opened);
		}
		opened[n_opened++] = db_column_day(s, 0, 0);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(opened);
		return step_failed(db, "instance_opened_since");
	}
	struct period_rule rule = instance_period_rule(t, week_start);
	for (int n = 0; n < GAP_MAX_PERIODS && p.end >= first; n++) {
		if (p.end < today && !bsearch(&p.start, opened, n_opened, sizeof *opened, compare_day) && fn(ctx, p))
			break;
		if (p.start <= first || (t->start_date != TRACKER_NO_DATE && p.start <= t->start_date))
			break;
		p = period_prev(&rule, p);
	}
	free(opened);
	return INSTANCE_OK;
}

/* gap_walk callback of instance_gap_count. */
static int gap_count_one(void *ctx, struct period p)
{
	(void)p;
	(*(int *)ctx)++;
	return 0;
}

enum instance_result instance_gap_count(struct db *db, const struct tracker *t, int week_start, const char *time_zone,
					int64_t today, int *count)
{
	*count = 0;
	return gap_walk(db, t, week_start, time_zone, today, gap_count_one, count);
}

struct gap_fill_ctx {
	struct db *db;
	int64_t now, today;
	const struct tracker *t;
	int week_start;
	const char *time_zone;
	int filled;
	enum instance_result result;
};

/* Marks every todo task of one task instance list missed. */
static int gap_mark_missed(void *ctx, const struct task_instance *ti)
{
	struct gap_fill_ctx *c = ctx;
	if (ti->status != INSTANCE_TODO)
		return 0;
	enum instance_result r = instance_set(c->db, c->now, c->today, c->t->user_id, ti->id, INSTANCE_MISSED, false, 0,
					      SOURCE_GAP_FILL);
	if (r != INSTANCE_OK) {
		c->result = r;
		return 1;
	}
	return 0;
}

/* gap_walk callback of instance_gap_fill: opens the period and marks its tasks missed. */
static int gap_fill_one(void *ctx, struct period p)
{
	struct gap_fill_ctx *c = ctx;
	struct tracker_instance ti;
	enum instance_result r = instance_open(c->db, c->now, c->t, c->week_start, p.start, &ti);
	if (r != INSTANCE_OK) {
		c->result = r;
		return 1;
	}
	struct arena a;
	arena_init(&a);
	r = instance_tasks_each(c->db, &a, c->t->user_id, ti.id, gap_mark_missed, c);
	arena_free(&a);
	if (r != INSTANCE_OK && c->result == INSTANCE_OK)
		c->result = r;
	c->filled++;
	return c->result != INSTANCE_OK;
}

enum instance_result instance_gap_fill(struct db *db, int64_t now, const struct tracker *t, int week_start,
				       const char *time_zone, int64_t today, int *filled)
{
	struct gap_fill_ctx c = { db, now, today, t, week_start, time_zone, 0, INSTANCE_OK };
	enum instance_result r = gap_walk(db, t, week_start, time_zone, today, gap_fill_one, &c);
	*filled = c.filled;
	return r != INSTANCE_OK ? r : c.result;
}
