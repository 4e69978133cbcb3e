/* loop_import_map: writes what a Loop file holds into a user's account — one daily tracker with
 * one task per habit, made with tracker_create/task_create, and one task instance per
 * check-in day, opened and set with instance_open/instance_set (source "import") so that
 * snapshots, the audit trail and goals stay consistent. Only the imports table (which Loop
 * habit became which tracker) and the instance's note and import_source are written with the
 * module's own statements: the domain has no function for them. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "civil.h"
#include "clock.h"
#include "instance.h"
#include "log.h"
#include "loop_import_internal.h"
#include "task.h"
#include "tracker.h"
#include "user.h"

#define PROGRESS_EVERY 1000
#define NAME_TRIES 100

struct writer {
	struct db *db;
	int64_t user_id, now, today;
	int week_start;
	const struct loop_import_options *o;
	struct loop_import_summary *s;
	long done, total;
	struct arena habit; /* the key, tracker and task of the habit being written */
	struct arena a;     /* per check-in reads */
	char *message;
	size_t message_size;
};

/* Writes the database-error sentence and returns -1. */
static int failed(struct writer *w, const char *what)
{
	log_error("loop import: %s: %s", what, sqlite3_errmsg(w->db->conn));
	if (w->message && w->message_size)
		snprintf(w->message, w->message_size, "The database failed while importing (%s); nothing was imported.",
			 what);
	return -1;
}

/* Steps a write statement and resets it: 0, or -1. */
static int step_done(sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The schedule that keeps Loop's streaks and strength (doc/decisions.md "Loop import"): 1/1 is
 * every day; any other frequency stays Loop's rolling "N times in any M days". */
static struct schedule habit_schedule(const struct loop_habit *h)
{
	struct schedule s = { .kind = SCHEDULE_EVERY_PERIOD, .weekdays = 127 };
	int num = h->freq_num, den = h->freq_den;
	if (num >= den)
		return s; /* daily (Loop never stores more than one per day) */
	if (den > SCHEDULE_WINDOW_MAX) {
		num = (int)lround((double)num * SCHEDULE_WINDOW_MAX / den);
		den = SCHEDULE_WINDOW_MAX;
		if (num < 1)
			num = 1;
	}
	s.kind = SCHEDULE_TIMES_IN_DAYS;
	s.times = num;
	s.window_days = den;
	return s;
}

/* The key that finds the habit again on a later import: Loop's uuid, or for files without
 * one its name and first check-in day. */
static const char *habit_key(struct arena *a, const struct loop_habit *h)
{
	if (*h->uuid)
		return arena_printf(a, "uuid:%s", h->uuid);
	char first[CIVIL_DATE_SIZE] = "none";
	if (h->count)
		civil_format(h->checkins[0].day, first);
	return arena_printf(a, "name:%s:%s", first, h->name);
}

/* Reads the tracker and task a key points to when both still exist (not in the trash): 1,
 * 0 when not, -1 on error. */
static int find_import(struct writer *w, const char *key, struct tracker *t, int64_t *template_id)
{
	sqlite3_stmt *s = db_stmt(w->db, STMT_LOOP_IMPORT_FIND);
	if (!s || db_bind_int(s, ":user_id", w->user_id) || db_bind_text(s, ":key", key))
		return -1;
	int rc = sqlite3_step(s);
	int64_t tracker_id = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	*template_id = rc == SQLITE_ROW ? sqlite3_column_int64(s, 1) : 0;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return -1;
	if (rc == SQLITE_DONE)
		return 0;
	enum tracker_result tr = tracker_get(w->db, &w->habit, w->user_id, tracker_id, false, t);
	if (tr == TRACKER_ERROR)
		return -1;
	struct task_template tt;
	enum task_result kr =
		tr == TRACKER_OK ? task_get(w->db, &w->habit, w->user_id, *template_id, false, &tt) : TASK_NOT_FOUND;
	if (kr == TASK_ERROR)
		return -1;
	return kr == TASK_OK && tt.tracker_id == t->id;
}

/* Creates the tracker of habit h under its name, or "<name> (Loop)", "(Loop 2)" … when the
 * user has a tracker of that name. */
static int create_tracker(struct writer *w, const struct loop_habit *h, int64_t *id)
{
	struct tracker_input in = { .name = h->name, .description = h->description, .time_mode = TIME_MODE_DAILY,
				    .start_date = TRACKER_NO_DATE, .end_date = TRACKER_NO_DATE, .color = h->color };
	for (int n = 0; n < NAME_TRIES; n++) {
		if (n > 0) {
			char suffix[24];
			snprintf(suffix, sizeof suffix, n == 1 ? " (Loop)" : " (Loop %d)", n);
			const char *base =
				loop_text(&w->habit, h->name, strlen(h->name), TRACKER_NAME_MAX - strlen(suffix), false);
			in.name = arena_printf(&w->habit, "%s%s", base, suffix);
		}
		enum tracker_result r = tracker_create(w->db, w->now, w->user_id, &in, id);
		if (r == TRACKER_OK)
			return h->archived && tracker_set_status(w->db, w->now, w->user_id, *id, TRACKER_ARCHIVED) != TRACKER_OK
				       ? failed(w, "archive a tracker")
				       : 0;
		if (r != TRACKER_NAME_TAKEN)
			return failed(w, r == TRACKER_INVALID ? "a tracker was refused" : "create a tracker");
	}
	return failed(w, "no free tracker name");
}

/* Creates the tracker and the task of habit h and remembers them under key. */
static int create_habit(struct writer *w, const struct loop_habit *h, const char *key, struct tracker *t,
			int64_t *template_id)
{
	int64_t tracker_id;
	if (create_tracker(w, h, &tracker_id) < 0)
		return -1;
	struct task_input in;
	task_input_defaults(&in);
	in.name = h->name;
	in.description = h->question;
	in.schedule = habit_schedule(h);
	in.reminder_minute = h->reminder_minute;
	in.reminder_weekdays = h->reminder_weekdays;
	if (h->numerical) {
		in.kind = TASK_MEASURE;
		in.target_value = h->target;
		in.direction = h->at_most ? TASK_AT_MOST : TASK_AT_LEAST;
		in.unit = h->unit;
	}
	enum task_result r = task_create(w->db, w->now, w->user_id, tracker_id, &in, template_id);
	if (r != TASK_OK)
		return failed(w, r == TASK_INVALID ? "a task was refused" : "create a task");
	sqlite3_stmt *s = db_stmt(w->db, STMT_LOOP_IMPORT_SAVE);
	if (!s || db_bind_int(s, ":user_id", w->user_id) || db_bind_text(s, ":key", key) ||
	    db_bind_int(s, ":tracker_id", tracker_id) || db_bind_int(s, ":task_template_id", *template_id) ||
	    db_bind_int(s, ":now", w->now) || step_done(s) < 0)
		return failed(w, "remember an imported habit");
	if (tracker_get(w->db, &w->habit, w->user_id, tracker_id, false, t) != TRACKER_OK)
		return failed(w, "read a new tracker");
	return 0;
}

/* The task instance of one template in a period, as instance_tasks_each reports it. */
struct found {
	int64_t template_id, id;
	enum task_kind kind;
};

static int find_task(void *ctx, const struct task_instance *ti)
{
	struct found *f = ctx;
	if (ti->task_template_id != f->template_id)
		return 0;
	f->id = ti->id;
	f->kind = ti->kind;
	return 1;
}

/* The status a mark asks for (an amount's status follows the task's target). */
static enum instance_status mark_status(enum loop_mark m)
{
	return m == LOOP_DONE ? INSTANCE_DONE : m == LOOP_MISSED ? INSTANCE_MISSED
					       : m == LOOP_SKIPPED ? INSTANCE_SKIPPED
								   : INSTANCE_TODO;
}

/* Writes one check-in into task template template_id of tracker t: counts it added when
 * anything changed, unchanged when nothing did, skipped when the day cannot hold it. */
static int write_checkin(struct writer *w, const struct tracker *t, int64_t template_id, const struct loop_checkin *c)
{
	sqlite3_int64 before = sqlite3_total_changes64(w->db->conn);
	struct tracker_instance ti;
	enum instance_result r = instance_open(w->db, w->now, t, w->week_start, c->day, &ti);
	if (r == INSTANCE_OUT_OF_WINDOW) {
		w->s->skipped_invalid++; /* a tracker given dates since the last import */
		return 0;
	}
	if (r != INSTANCE_OK)
		return failed(w, "open a day");
	struct found f = { .template_id = template_id };
	arena_reset(&w->a);
	if (instance_tasks_each(w->db, &w->a, w->user_id, ti.id, find_task, &f) != INSTANCE_OK)
		return failed(w, "read a day");
	bool amount = c->mark == LOOP_AMOUNT;
	if (!f.id || (amount && f.kind != TASK_MEASURE)) {
		w->s->skipped_invalid++; /* the task is not offered that day (paused or rescheduled) */
		return 0;
	}
	if (c->mark != LOOP_NOTHING) {
		r = instance_set(w->db, w->now, w->today, w->user_id, f.id, mark_status(c->mark), amount, c->amount,
				 SOURCE_IMPORT);
		if (r == INSTANCE_INVALID) {
			w->s->skipped_invalid++;
			return 0;
		}
		if (r != INSTANCE_OK)
			return failed(w, "save a check-in");
	}
	sqlite3_stmt *s = db_stmt(w->db, STMT_LOOP_IMPORT_MARK);
	if (!s || db_bind_int(s, ":id", f.id) || db_bind_int(s, ":user_id", w->user_id) ||
	    db_bind_text(s, ":note", c->note) || step_done(s) < 0)
		return failed(w, "save a note");
	if (sqlite3_total_changes64(w->db->conn) != before)
		w->s->checkins_added++;
	else
		w->s->checkins_unchanged++;
	return 0;
}

/* Reports progress every PROGRESS_EVERY check-ins, and once more at the end unless that was
 * just reported. */
static void progress(struct writer *w, bool last)
{
	bool due = last ? w->done == 0 || w->done % PROGRESS_EVERY != 0 : w->done % PROGRESS_EVERY == 0;
	if (w->o->progress && due)
		w->o->progress(w->o->progress_context, w->done, w->total);
}

/* Imports one habit: finds or makes its tracker, then writes its check-ins. */
static int write_habit(struct writer *w, const struct loop_habit *h)
{
	arena_reset(&w->habit);
	const char *key = habit_key(&w->habit, h);
	struct tracker t;
	int64_t template_id;
	int found = find_import(w, key, &t, &template_id);
	if (found < 0)
		return failed(w, "find an earlier import");
	if (found) {
		w->s->habits_matched++;
	} else {
		if (create_habit(w, h, key, &t, &template_id) < 0)
			return -1;
		w->s->habits_created++;
	}
	int added = w->s->checkins_added;
	for (size_t i = 0; i < h->count; i++) {
		if (write_checkin(w, &t, template_id, &h->checkins[i]) < 0)
			return -1;
		w->done++;
		progress(w, false);
	}
	added = w->s->checkins_added - added;
	if (added == 0)
		return 0; /* nothing new: the imports row stays as it was */
	sqlite3_stmt *s = db_stmt(w->db, STMT_LOOP_IMPORT_COUNT);
	if (!s || db_bind_int(s, ":user_id", w->user_id) || db_bind_text(s, ":key", key) ||
	    db_bind_int(s, ":added", added) || db_bind_int(s, ":now", w->now) || step_done(s) < 0)
		return failed(w, "count the imported check-ins");
	return 0;
}

int loop_write(struct db *db, int64_t user_id, const struct loop_data *d, const struct loop_import_options *o,
	       struct loop_import_summary *s, char *message, size_t message_size)
{
	struct writer w = { .db = db, .user_id = user_id, .o = o, .s = s, .message = message,
			    .message_size = message_size };
	w.now = o->now > 0 ? o->now : clock_now(NULL);
	arena_init(&w.a);
	arena_init(&w.habit);
	int rc = -1;
	struct user u;
	enum user_status us = user_get(db, &w.habit, user_id, &u);
	if (us != USER_OK) {
		if (message && message_size)
			snprintf(message, message_size, us == USER_NOT_FOUND ? "There is no such account."
									      : "The account cannot be read.");
		goto out;
	}
	w.week_start = u.week_start;
	if (civil_today(u.time_zone, w.now, &w.today) < 0 && civil_today("UTC", w.now, &w.today) < 0)
		goto out;
	for (size_t i = 0; i < d->count; i++)
		w.total += (long)d->habits[i].count;
	for (size_t i = 0; i < d->count; i++)
		if (write_habit(&w, &d->habits[i]) < 0)
			goto out;
	progress(&w, true);
	rc = 0;
out:
	arena_free(&w.a);
	arena_free(&w.habit);
	return rc;
}
