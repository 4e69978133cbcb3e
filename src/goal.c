/* goal: goals in SQLite — checks, create, read, list, edit with history, abandon and
 * reactivate, soft delete, progress entries and counter resets, task mappings, and the
 * history events. The recompute that keeps current_value, best_value, snapshots and status
 * exact (goal.h says what counts), the read-only lists and the pure progress functions are in
 * goal_progress.c. */
#include "goal.h"

#include <math.h>
#include <string.h>

#include "access.h"
#include "civil.h"
#include "goal_internal.h"
#include "log.h"
#include "strx.h"

static const char *const kind_names[GOAL_KIND__MAX] = {
	[GOAL_TARGET] = "target",
	[GOAL_COUNTER] = "counter",
	[GOAL_TASKS] = "tasks",
	[GOAL_PERIOD] = "period",
};
static const char *const status_names[GOAL_STATUS__MAX] = {
	[GOAL_ACTIVE] = "active",
	[GOAL_ACHIEVED] = "achieved",
	[GOAL_FAILED] = "failed",
	[GOAL_ABANDONED] = "abandoned",
};
static const char *const metric_names[GOAL_METRIC__MAX] = {
	[GOAL_COMPLETIONS] = "completions", [GOAL_DAYS] = "days",       [GOAL_POINTS] = "points",
	[GOAL_AMOUNT] = "amount",           [GOAL_PERCENT] = "percent",
};
static const char *const unit_names[GOAL_PERIOD_UNIT__MAX] = {
	[GOAL_PER_DAY] = "day",
	[GOAL_PER_WEEK] = "week",
	[GOAL_PER_MONTH] = "month",
};
static const char *const event_names[GOAL_EVENT_KIND__MAX] = {
	[GOAL_EVENT_CREATED] = "created",
	[GOAL_EVENT_EDITED] = "edited",
	[GOAL_EVENT_TARGET_CHANGED] = "target_changed",
	[GOAL_EVENT_STATUS_CHANGED] = "status_changed",
	[GOAL_EVENT_RESET] = "reset",
};

/* The *_name and *_parse functions of goal.h. */
STRX_TABLE_FUNCTIONS(goal_kind, kind_names, GOAL_KIND__MAX, goal_kind_name, goal_kind_parse)
STRX_TABLE_FUNCTIONS(goal_status, status_names, GOAL_STATUS__MAX, goal_status_name, goal_status_parse)
STRX_TABLE_FUNCTIONS(goal_metric, metric_names, GOAL_METRIC__MAX, goal_metric_name, goal_metric_parse)
STRX_TABLE_FUNCTIONS(goal_period_unit, unit_names, GOAL_PERIOD_UNIT__MAX, goal_period_unit_name, goal_period_unit_parse)
STRX_TABLE_FUNCTIONS(goal_event_kind, event_names, GOAL_EVENT_KIND__MAX, goal_event_kind_name, goal_event_kind_parse)

bool goal_metric_fits(enum goal_kind k, enum goal_metric m)
{
	if (k == GOAL_TASKS)
		return m == GOAL_COMPLETIONS || m == GOAL_DAYS || m == GOAL_POINTS;
	if (k == GOAL_PERIOD)
		return m == GOAL_COMPLETIONS || m == GOAL_POINTS || m == GOAL_AMOUNT || m == GOAL_PERCENT;
	return false;
}

/* ---- small helpers ---- */

/* Binds a day as 'YYYY-MM-DD', or NULL for GOAL_NO_DATE. */
int goal_bind_day(sqlite3_stmt *s, const char *name, int64_t day)
{
	return day == GOAL_NO_DATE ? db_bind_null(s, name) : db_bind_day(s, name, day);
}

/* Binds a number, or NULL when present is false. */
static int bind_number(sqlite3_stmt *s, const char *name, bool present, double v)
{
	return present ? db_bind_double(s, name, v) : db_bind_null(s, name);
}

/* Steps a statement that writes and resets it: GOAL_OK, or GOAL_ERROR (logged). */
enum goal_result goal_step_write(struct db *db, sqlite3_stmt *s, const char *what)
{
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return GOAL_OK;
	log_error("%s: %s", what, sqlite3_errmsg(db->conn));
	return GOAL_ERROR;
}

/* A sum rounded to millionths, so that 0.1 + 0.2 is stored as 0.3. */
double goal_rounded(double v)
{
	double r = round(v * 1e6) / 1e6;
	return r == 0 ? 0 : r; /* no -0 */
}

/* Whether a day can be stored and read back; GOAL_NO_DATE can. */
static bool day_valid(int64_t day)
{
	return day == GOAL_NO_DATE || (day >= CIVIL_DAY_MIN && day <= CIVIL_DAY_MAX);
}

static bool has_target(enum goal_kind k)
{
	return k != GOAL_COUNTER;
}

static bool has_deadline(enum goal_kind k)
{
	return k != GOAL_COUNTER;
}

/* ---- checks ---- */

const char *goal_input_check(const struct goal_input *in, int64_t today, int64_t kept_deadline, const char **field)
{
	const char *dummy, *p, *s;
	size_t n;
	if (!field)
		field = &dummy;
	*field = "name";
	if ((p = strx_name_problem(in->name, GOAL_NAME_MAX, "Use at most 100 characters for the name.")))
		return p;
	*field = "description";
	s = in->description ? in->description : "";
	if ((p = strx_text_problem(s, strlen(s), GOAL_DESCRIPTION_MAX, true,
				   "Use at most 2000 characters for the description.")))
		return p;
	*field = "kind";
	if ((unsigned)in->kind >= GOAL_KIND__MAX)
		return "Choose a kind of goal: target, counter, tasks or period.";
	*field = "unit";
	s = strx_trim(in->unit, &n);
	if ((p = strx_text_problem(s, n, GOAL_UNIT_MAX, false, "Use at most 20 characters for the unit.")))
		return p;
	if (in->kind == GOAL_TASKS || in->kind == GOAL_PERIOD) {
		*field = "metric";
		if (!goal_metric_fits(in->kind, in->metric))
			return in->kind == GOAL_TASKS ? "Choose what to count: completions, days or points."
						      : "Choose what to count: completions, points, amount or percent.";
	}
	if (in->kind == GOAL_PERIOD) {
		*field = "period_unit";
		if ((unsigned)in->period_unit >= GOAL_PERIOD_UNIT__MAX)
			return "Choose a day, a week or a month.";
	}
	if (has_target(in->kind)) {
		*field = "target_value";
		if (!isfinite(in->target_value) || !(in->target_value > 0))
			return "Enter a target above 0.";
		if (in->target_value > GOAL_VALUE_MAX)
			return "Enter a target of at most 1000000000000.";
		if (in->kind == GOAL_PERIOD && in->metric == GOAL_PERCENT && in->target_value > 100)
			return "A percentage target can be at most 100.";
	}
	*field = "start_date";
	if (!day_valid(in->start_date))
		return "Enter a date between 1900-01-01 and 2999-12-31.";
	if (has_deadline(in->kind)) {
		*field = "deadline";
		if (!day_valid(in->deadline))
			return "Enter a date between 1900-01-01 and 2999-12-31.";
		if (in->kind == GOAL_TARGET && in->deadline == GOAL_NO_DATE)
			return "Enter the deadline: the day the target should be reached.";
		if (in->deadline != GOAL_NO_DATE && in->deadline < today && in->deadline != kept_deadline)
			return "The deadline has passed. Choose today or a later day.";
		if (in->deadline != GOAL_NO_DATE && in->start_date != GOAL_NO_DATE && in->deadline < in->start_date)
			return "The deadline cannot be before the start date.";
	}
	*field = NULL;
	return NULL;
}

const char *goal_entry_check(double value, int64_t day, int64_t today, const char *note, const char **field)
{
	const char *dummy, *p;
	if (!field)
		field = &dummy;
	*field = "value";
	if (!isfinite(value) || value == 0)
		return "Enter a number other than 0 (negative to correct).";
	if (fabs(value) > GOAL_VALUE_MAX)
		return "Enter a number between -1000000000000 and 1000000000000.";
	*field = "day";
	if (day < CIVIL_DAY_MIN || day > CIVIL_DAY_MAX)
		return "Enter a real date like 2026-05-22.";
	if (day > today)
		return "The day cannot be in the future.";
	*field = "note";
	note = note ? note : "";
	if ((p = strx_text_problem(note, strlen(note), GOAL_NOTE_MAX, false,
				   "Use at most 500 characters for the note.")))
		return p;
	*field = NULL;
	return NULL;
}

/* ---- reads ---- */

/* Reads a GOAL_SELECT row into *g (strings in a); -1 when a word column is unknown. */
static int read_goal_row(sqlite3_stmt *s, struct arena *a, struct goal *g)
{
	memset(g, 0, sizeof *g);
	g->id = sqlite3_column_int64(s, 0);
	g->user_id = sqlite3_column_int64(s, 1);
	g->name = db_column_text(s, 2, a);
	g->description = db_column_text(s, 3, a);
	int bad = goal_kind_parse((const char *)sqlite3_column_text(s, 4), &g->kind);
	g->unit = db_column_text(s, 5, a);
	g->target_value = sqlite3_column_double(s, 6);
	g->start_date = db_column_day(s, 7, GOAL_NO_DATE);
	g->deadline = db_column_day(s, 8, GOAL_NO_DATE);
	if (goal_metric_parse((const char *)sqlite3_column_text(s, 9), &g->metric))
		g->metric = GOAL_COMPLETIONS;
	if (goal_period_unit_parse((const char *)sqlite3_column_text(s, 10), &g->period_unit))
		g->period_unit = GOAL_PER_DAY;
	g->current_value = sqlite3_column_double(s, 11);
	g->best_value = sqlite3_column_double(s, 12);
	bad |= goal_status_parse((const char *)sqlite3_column_text(s, 13), &g->status);
	g->achieved_at = sqlite3_column_int64(s, 14);
	g->category_id = sqlite3_column_int64(s, 15);
	g->category_name = db_column_text(s, 16, a);
	g->position = sqlite3_column_int(s, 17);
	g->created_at = sqlite3_column_int64(s, 18);
	g->updated_at = sqlite3_column_int64(s, 19);
	g->deleted_at = sqlite3_column_int64(s, 20);
	return bad ? -1 : 0;
}

enum goal_result goal_get(struct db *db, struct arena *a, int64_t user_id, int64_t id, struct goal *out)
{
	sqlite3_stmt *s = db_stmt(db, STMT_GOAL_GET);
	if (!s || db_bind_int(s, ":id", id) || db_bind_int(s, ":user_id", user_id))
		return GOAL_ERROR;
	int rc = sqlite3_step(s);
	enum goal_result r = GOAL_NOT_FOUND;
	if (rc == SQLITE_ROW)
		r = read_goal_row(s, a, out) ? GOAL_ERROR : GOAL_OK;
	else if (rc != SQLITE_DONE) {
		log_error("goal_get: %s", sqlite3_errmsg(db->conn));
		r = GOAL_ERROR;
	}
	sqlite3_reset(s);
	return r;
}

struct goal_node {
	struct goal g;
	struct goal_node *next;
};

enum goal_result goal_each(struct db *db, struct arena *a, int64_t user_id, const enum goal_status *status_filter,
			   int (*fn)(void *ctx, const struct goal *g), void *ctx)
{
	if (status_filter && (unsigned)*status_filter >= GOAL_STATUS__MAX)
		return GOAL_INVALID;
	sqlite3_stmt *s = db_stmt(db, STMT_GOAL_LIST);
	if (!s || db_bind_int(s, ":user_id", user_id) ||
	    db_bind_text(s, ":status", status_filter ? status_names[*status_filter] : NULL))
		return GOAL_ERROR;
	struct goal_node *head = NULL, **tail = &head;
	int rc, bad = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct goal_node *n = arena_alloc(a, sizeof *n);
		n->next = NULL;
		bad |= read_goal_row(s, a, &n->g);
		*tail = n;
		tail = &n->next;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		log_error("goal_list: %s", sqlite3_errmsg(db->conn));
		return GOAL_ERROR;
	}
	if (bad)
		return GOAL_ERROR;
	for (struct goal_node *n = head; n; n = n->next)
		if (fn(ctx, &n->g))
			break;
	return GOAL_OK;
}

/* ---- history ---- */

/* Records an event of goal goal_id; values and statuses are left NULL when the has_* flags
 * are false. */
enum goal_result goal_event_add(struct db *db, int64_t now, int64_t user_id, int64_t goal_id, enum goal_event_kind kind,
				bool has_old, double old_value, bool has_new, double new_value, const char *old_status,
				const char *new_status, const char *note)
{
	sqlite3_stmt *s = db_stmt(db, STMT_GOAL_EVENT_INSERT);
	if (!s || db_bind_int(s, ":goal_id", goal_id) || db_bind_int(s, ":user_id", user_id) ||
	    db_bind_int(s, ":now", now) || db_bind_text(s, ":kind", event_names[kind]) ||
	    bind_number(s, ":old_value", has_old, old_value) || bind_number(s, ":new_value", has_new, new_value) ||
	    db_bind_text(s, ":old_status", old_status) || db_bind_text(s, ":new_status", new_status) ||
	    db_bind_text(s, ":note", note ? note : ""))
		return GOAL_ERROR;
	return goal_step_write(db, s, "goal_event_insert");
}

/* Records a move of goal goal_id from status old to new. */
enum goal_result goal_status_event(struct db *db, int64_t now, int64_t user_id, int64_t goal_id, enum goal_status old,
				   enum goal_status new, const char *note)
{
	return goal_event_add(db, now, user_id, goal_id, GOAL_EVENT_STATUS_CHANGED, false, 0, false, 0,
			      status_names[old], status_names[new], note);
}

/* ---- create, edit, status, delete ---- */

/* GOAL_OK when category id (0 = none) is user_id's, GOAL_INVALID when not, GOAL_ERROR. */
static enum goal_result category_usable(struct db *db, int64_t user_id, int64_t category_id)
{
	if (category_id == 0)
		return GOAL_OK;
	if (category_id < 0)
		return GOAL_INVALID;
	int rc = access_check(db, ACCESS_CATEGORY, category_id, user_id);
	return rc == 0 ? GOAL_OK : rc == 404 ? GOAL_INVALID : GOAL_ERROR;
}

/* Binds the fields of a checked input shared by insert and update; start is the start date
 * to store. Fields that do not belong to the kind are NULL. */
static int bind_input(sqlite3_stmt *s, const struct goal_input *in, int64_t start)
{
	char name[GOAL_NAME_MAX + 1], unit[GOAL_UNIT_MAX + 1];
	strx_copy_trimmed(in->name, name, sizeof name);
	strx_copy_trimmed(in->unit, unit, sizeof unit);
	bool tasks_or_period = in->kind == GOAL_TASKS || in->kind == GOAL_PERIOD;
	return db_bind_text(s, ":name", name) ||
	       db_bind_text(s, ":description", in->description ? in->description : "") ||
	       db_bind_text(s, ":unit", unit) ||
	       bind_number(s, ":target_value", has_target(in->kind), in->target_value) ||
	       goal_bind_day(s, ":start_date", start) ||
	       goal_bind_day(s, ":deadline", has_deadline(in->kind) ? in->deadline : GOAL_NO_DATE) ||
	       db_bind_text(s, ":metric", tasks_or_period ? metric_names[in->metric] : NULL) ||
	       db_bind_text(s, ":period_unit", in->kind == GOAL_PERIOD ? unit_names[in->period_unit] : NULL) ||
	       (in->category_id ? db_bind_int(s, ":category_id", in->category_id) : db_bind_null(s, ":category_id"));
}

enum goal_result goal_create(struct db *db, int64_t now, int64_t today, int64_t user_id, const struct goal_input *in,
			     int64_t *id_out)
{
	if (goal_input_check(in, today, GOAL_NO_DATE, NULL))
		return GOAL_INVALID;
	enum goal_result r = category_usable(db, user_id, in->category_id);
	if (r != GOAL_OK)
		return r;
	int64_t start = in->start_date != GOAL_NO_DATE ? in->start_date : today;
	if (in->kind != GOAL_COUNTER && in->deadline != GOAL_NO_DATE && in->deadline < start)
		return GOAL_INVALID; /* an empty start became today, after the deadline */
	sqlite3_stmt *s = db_stmt(db, STMT_GOAL_INSERT);
	if (!s || db_bind_int(s, ":user_id", user_id) || db_bind_text(s, ":kind", kind_names[in->kind]) ||
	    bind_input(s, in, start) || db_bind_int(s, ":now", now))
		return GOAL_ERROR;
	if ((r = goal_step_write(db, s, "goal_insert")) != GOAL_OK)
		return r;
	int64_t id = sqlite3_last_insert_rowid(db->conn);
	r = goal_event_add(db, now, user_id, id, GOAL_EVENT_CREATED, false, 0, has_target(in->kind), in->target_value,
			   NULL, status_names[GOAL_ACTIVE], "");
	if (r == GOAL_OK)
		r = goal_recompute_note(db, now, today, user_id, id, NULL, false);
	if (r == GOAL_OK && id_out)
		*id_out = id;
	return r;
}

enum goal_result goal_update(struct db *db, int64_t now, int64_t today, int64_t user_id, int64_t id,
			     const struct goal_input *in)
{
	struct arena a;
	arena_init(&a);
	struct goal g;
	enum goal_result r = goal_get(db, &a, user_id, id, &g);
	if (r != GOAL_OK)
		goto out;
	r = GOAL_INVALID;
	if (in->kind != g.kind || goal_input_check(in, today, g.deadline, NULL))
		goto out;
	int64_t start = in->start_date != GOAL_NO_DATE ? in->start_date : g.start_date;
	if (has_deadline(g.kind) && in->deadline != GOAL_NO_DATE && start != GOAL_NO_DATE && in->deadline < start)
		goto out;
	if ((r = category_usable(db, user_id, in->category_id)) != GOAL_OK)
		goto out;
	sqlite3_stmt *s = db_stmt(db, STMT_GOAL_UPDATE);
	if (!s || bind_input(s, in, start) || db_bind_int(s, ":now", now) || db_bind_int(s, ":id", id) ||
	    db_bind_int(s, ":user_id", user_id)) {
		r = GOAL_ERROR;
		goto out;
	}
	if ((r = goal_step_write(db, s, "goal_update")) != GOAL_OK)
		goto out;
	char name[GOAL_NAME_MAX + 1], unit[GOAL_UNIT_MAX + 1];
	strx_copy_trimmed(in->name, name, sizeof name);
	strx_copy_trimmed(in->unit, unit, sizeof unit);
	bool target_changed = has_target(g.kind) && in->target_value != g.target_value;
	bool counted_differently = g.kind == GOAL_PERIOD && (in->metric != g.metric ||
							     in->period_unit != g.period_unit || start != g.start_date);
	bool deadline_changed = has_deadline(g.kind) && in->deadline != g.deadline;
	bool edited = strcmp(name, g.name) != 0 || strcmp(in->description ? in->description : "", g.description) != 0 ||
		      strcmp(unit, g.unit) != 0 || start != g.start_date || deadline_changed ||
		      in->category_id != g.category_id ||
		      ((g.kind == GOAL_TASKS || g.kind == GOAL_PERIOD) && in->metric != g.metric) ||
		      (g.kind == GOAL_PERIOD && in->period_unit != g.period_unit);
	if (target_changed && (r = goal_event_add(db, now, user_id, id, GOAL_EVENT_TARGET_CHANGED, true, g.target_value,
						  true, in->target_value, NULL, NULL, "")) != GOAL_OK)
		goto out;
	if (edited && (r = goal_event_add(db, now, user_id, id, GOAL_EVENT_EDITED, false, 0, false, 0, NULL, NULL,
					  "")) != GOAL_OK)
		goto out;
	if (counted_differently) {
		s = db_stmt(db, STMT_GOAL_SNAPSHOTS_CLEAR);
		if (!s || db_bind_int(s, ":goal_id", id) || db_bind_int(s, ":user_id", user_id)) {
			r = GOAL_ERROR;
			goto out;
		}
		if ((r = goal_step_write(db, s, "goal_snapshots_clear")) != GOAL_OK)
			goto out;
	}
	r = goal_recompute_note(db, now, today, user_id, id,
				target_changed     ? "The target changed."
				: deadline_changed ? "The deadline changed."
						   : "The goal was edited.",
				false);
out:
	arena_free(&a);
	return r;
}

enum goal_result goal_abandon(struct db *db, int64_t now, int64_t today, int64_t user_id, int64_t id)
{
	(void)today;
	struct arena a;
	arena_init(&a);
	struct goal g;
	enum goal_result r = goal_get(db, &a, user_id, id, &g);
	if (r != GOAL_OK || g.status == GOAL_ABANDONED)
		goto out;
	sqlite3_stmt *s = db_stmt(db, STMT_GOAL_SET_STATUS);
	if (!s || db_bind_text(s, ":status", status_names[GOAL_ABANDONED]) ||
	    (g.achieved_at ? db_bind_int(s, ":achieved_at", g.achieved_at) : db_bind_null(s, ":achieved_at")) ||
	    db_bind_int(s, ":now", now) || db_bind_int(s, ":id", id) || db_bind_int(s, ":user_id", user_id)) {
		r = GOAL_ERROR;
		goto out;
	}
	if ((r = goal_step_write(db, s, "goal_set_status")) == GOAL_OK)
		r = goal_status_event(db, now, user_id, id, g.status, GOAL_ABANDONED, "Abandoned.");
out:
	arena_free(&a);
	return r;
}

enum goal_result goal_reactivate(struct db *db, int64_t now, int64_t today, int64_t user_id, int64_t id)
{
	struct arena a;
	arena_init(&a);
	struct goal g;
	enum goal_result r = goal_get(db, &a, user_id, id, &g);
	arena_free(&a);
	if (r != GOAL_OK || g.status != GOAL_ABANDONED)
		return r;
	/* leave abandoned first, so that a goal whose values keep it where it is still moves */
	sqlite3_stmt *s = db_stmt(db, STMT_GOAL_SET_STATUS);
	if (!s || db_bind_text(s, ":status", status_names[GOAL_ACTIVE]) || db_bind_null(s, ":achieved_at") ||
	    db_bind_int(s, ":now", now) || db_bind_int(s, ":id", id) || db_bind_int(s, ":user_id", user_id))
		return GOAL_ERROR;
	if ((r = goal_step_write(db, s, "goal_set_status")) != GOAL_OK)
		return r;
	return goal_recompute_note(db, now, today, user_id, id, "Taken up again.", true);
}

enum goal_result goal_delete(struct db *db, int64_t now, int64_t user_id, int64_t id)
{
	sqlite3_stmt *s = db_stmt(db, STMT_GOAL_SET_DELETED);
	if (!s || db_bind_int(s, ":now", now) || db_bind_int(s, ":id", id) || db_bind_int(s, ":user_id", user_id))
		return GOAL_ERROR;
	enum goal_result r = goal_step_write(db, s, "goal_set_deleted");
	return r == GOAL_OK && sqlite3_changes(db->conn) == 0 ? GOAL_NOT_FOUND : r;
}

/* ---- entries and resets ---- */

/* Inserts a progress entry of goal g. */
static enum goal_result insert_entry(struct db *db, int64_t now, const struct goal *g, double value, int64_t day,
				     const char *note, bool is_reset)
{
	sqlite3_stmt *s = db_stmt(db, STMT_GOAL_ENTRY_INSERT);
	if (!s || db_bind_int(s, ":goal_id", g->id) || db_bind_int(s, ":user_id", g->user_id) ||
	    db_bind_double(s, ":value", value) || goal_bind_day(s, ":day", day) ||
	    db_bind_text(s, ":note", note ? note : "") || db_bind_int(s, ":is_reset", is_reset) ||
	    db_bind_int(s, ":now", now))
		return GOAL_ERROR;
	return goal_step_write(db, s, "goal_entry_insert");
}

/* Reads goal goal_id into *g and checks that it is of kind k (or counter when k is target and
 * also_counter): GOAL_NOT_FOUND, GOAL_INVALID or GOAL_OK. */
static enum goal_result get_kind(struct db *db, struct arena *a, int64_t user_id, int64_t goal_id, enum goal_kind k,
				 bool also_counter, struct goal *g)
{
	enum goal_result r = goal_get(db, a, user_id, goal_id, g);
	if (r != GOAL_OK)
		return r;
	return g->kind == k || (also_counter && g->kind == GOAL_COUNTER) ? GOAL_OK : GOAL_INVALID;
}

enum goal_result goal_entry_add(struct db *db, int64_t now, int64_t today, int64_t user_id, int64_t goal_id,
				double value, int64_t day, const char *note)
{
	struct arena a;
	arena_init(&a);
	struct goal g;
	enum goal_result r = get_kind(db, &a, user_id, goal_id, GOAL_TARGET, true, &g);
	if (r == GOAL_OK && goal_entry_check(value, day, today, note, NULL))
		r = GOAL_INVALID;
	if (r == GOAL_OK) {
		char clean[GOAL_NOTE_MAX + 1];
		strx_copy_trimmed(note, clean, sizeof clean);
		r = insert_entry(db, now, &g, value, day, clean, false);
	}
	if (r == GOAL_OK)
		r = goal_recompute_note(db, now, today, user_id, goal_id, NULL, false);
	arena_free(&a);
	return r;
}

enum goal_result goal_reset(struct db *db, int64_t now, int64_t today, int64_t user_id, int64_t goal_id,
			    const char *note)
{
	struct arena a;
	arena_init(&a);
	struct goal g;
	enum goal_result r = get_kind(db, &a, user_id, goal_id, GOAL_COUNTER, false, &g);
	double current = 0, best = 0;
	if (r == GOAL_OK)
		r = goal_entry_sums(db, user_id, goal_id, &current, &best);
	if (r == GOAL_OK && (fabs(current) < GOAL_EPSILON || goal_entry_check(-current, today, today, note, NULL)))
		r = GOAL_INVALID;
	char clean[GOAL_NOTE_MAX + 1];
	strx_copy_trimmed(note, clean, sizeof clean);
	if (r == GOAL_OK)
		r = insert_entry(db, now, &g, -current, today, clean, true);
	if (r == GOAL_OK)
		r = goal_event_add(db, now, user_id, goal_id, GOAL_EVENT_RESET, true, current, true, 0, NULL, NULL,
				   clean);
	if (r == GOAL_OK)
		r = goal_recompute_note(db, now, today, user_id, goal_id, NULL, false);
	arena_free(&a);
	return r;
}

/* ---- mappings ---- */

enum goal_result goal_mapping_set(struct db *db, int64_t now, int64_t today, int64_t user_id, int64_t goal_id,
				  int64_t task_template_id, double weight)
{
	struct arena a;
	arena_init(&a);
	struct goal g;
	enum goal_result r = goal_get(db, &a, user_id, goal_id, &g);
	arena_free(&a);
	if (r != GOAL_OK)
		return r;
	sqlite3_stmt *s = db_stmt(db, STMT_GOAL_TEMPLATE_LIVE);
	if (!s || db_bind_int(s, ":id", task_template_id) || db_bind_int(s, ":user_id", user_id))
		return GOAL_ERROR;
	int rc = sqlite3_step(s);
	bool live = rc == SQLITE_ROW && sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return GOAL_NOT_FOUND;
	if (rc != SQLITE_ROW) {
		log_error("goal_template_live: %s", sqlite3_errmsg(db->conn));
		return GOAL_ERROR;
	}
	if (!live || (g.kind != GOAL_TASKS && g.kind != GOAL_PERIOD) || !isfinite(weight) || weight < 0 || weight > 1)
		return GOAL_INVALID;
	s = db_stmt(db, STMT_GOAL_MAPPING_UPSERT);
	if (!s || db_bind_int(s, ":goal_id", goal_id) || db_bind_int(s, ":user_id", user_id) ||
	    db_bind_int(s, ":task_template_id", task_template_id) || db_bind_double(s, ":weight", weight) ||
	    db_bind_int(s, ":now", now))
		return GOAL_ERROR;
	if ((r = goal_step_write(db, s, "goal_mapping_upsert")) != GOAL_OK)
		return r;
	return goal_recompute_note(db, now, today, user_id, goal_id, NULL, false);
}

enum goal_result goal_mapping_delete(struct db *db, int64_t now, int64_t today, int64_t user_id, int64_t goal_id,
				     int64_t task_template_id)
{
	sqlite3_stmt *s = db_stmt(db, STMT_GOAL_MAPPING_DELETE);
	if (!s || db_bind_int(s, ":goal_id", goal_id) || db_bind_int(s, ":user_id", user_id) ||
	    db_bind_int(s, ":task_template_id", task_template_id))
		return GOAL_ERROR;
	enum goal_result r = goal_step_write(db, s, "goal_mapping_delete");
	if (r == GOAL_OK && sqlite3_changes(db->conn) == 0)
		return GOAL_NOT_FOUND;
	return r == GOAL_OK ? goal_recompute_note(db, now, today, user_id, goal_id, NULL, false) : r;
}
