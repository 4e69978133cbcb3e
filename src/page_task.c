/* page_task: the task template pages under /trackers/{id}/tasks — the create and edit form
 * (kind, worth, schedule, tags, reminder), delete, restore and ordering, and a task's history
 * page with its audit trail (issue 4, "Task templates"). Every route checks that the task
 * belongs to that tracker and the tracker to the user (404 otherwise). */
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "civil.h"
#include "clock.h"
#include "instance.h"
#include "habit_stats.h"
#include "page_util.h"
#include "pages.h"
#include "task.h"
#include "tracker.h"
#include "user.h"

#define HISTORY_LIMIT 200 /* events shown on a history page */

static const char *const weekday_names[7] = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
					      "Sunday" };

/* ---- loading ---- */

/* The answer to a task_* result: 0 for TASK_OK, 404 for TASK_NOT_FOUND, else 500. */
static int result_status(enum task_result res)
{
	return res == TASK_OK ? 0 : res == TASK_NOT_FOUND ? 404 : 500;
}

/* Reads tracker route_ints[0] and its template route_ints[1] (deleted ones only when
 * include_deleted): 0, 404 (either missing, another user's, or the task of another tracker)
 * or 500. */
static int load_task(struct app *app, struct req *r, bool include_deleted, struct tracker *t, struct task_template *tt)
{
	int rc = page_load_tracker(app, r, t);
	if (rc)
		return rc;
	enum task_result res = task_get(&app->db, r->arena, page_user(r)->id, r->route_ints[1], include_deleted, tt);
	if (res != TASK_OK)
		return result_status(res);
	return tt->tracker_id == t->id ? 0 : 404;
}

/* ---- the form ---- */

/* The form as typed (or as stored). */
struct task_form {
	const char *name, *description, *points, *weight, *time_of_day, *kind, *target_value, *direction, *unit;
	const char *schedule_kind, *interval_days, *anchor, *times, *window_days, *difficulty, *priority, *status;
	const char *reminder_time;
	unsigned weekdays, reminder_weekdays;
	bool counts_toward_goals;
	int64_t *tag_ids;
	int tag_count;
};

/* The form of a new task: the domain's defaults, with useful starting values for the fields
 * of the schedules not chosen yet. */
static void form_defaults(struct req *r, int64_t today, struct task_form *f)
{
	struct task_input in;
	task_input_defaults(&in);
	memset(f, 0, sizeof *f);
	f->name = "";
	f->description = "";
	f->points = arena_printf(r->arena, "%lld", (long long)in.points);
	f->weight = page_number_text(r->arena, in.weight);
	f->time_of_day = task_time_of_day_name(in.time_of_day);
	f->kind = task_kind_name(in.kind);
	f->target_value = "";
	f->direction = task_direction_name(in.direction);
	f->unit = "";
	f->schedule_kind = schedule_kind_name(in.schedule.kind);
	f->weekdays = in.schedule.weekdays;
	f->interval_days = "2";
	f->anchor = page_day_text(r->arena, today);
	f->times = "3";
	f->window_days = "7";
	f->difficulty = arena_printf(r->arena, "%d", in.difficulty);
	f->priority = task_priority_name(in.priority);
	f->status = task_status_name(in.status);
	f->counts_toward_goals = in.counts_toward_goals;
	f->reminder_time = "";
	f->reminder_weekdays = in.reminder_weekdays;
}

/* The form of a stored template. */
static void form_from_template(struct req *r, int64_t today, const struct task_template *t, struct task_form *f)
{
	struct arena *a = r->arena;
	form_defaults(r, today, f);
	f->name = t->name;
	f->description = t->description;
	f->points = arena_printf(a, "%lld", (long long)t->points);
	f->weight = page_number_text(a, t->weight);
	f->time_of_day = task_time_of_day_name(t->time_of_day);
	f->kind = task_kind_name(t->kind);
	if (t->kind == TASK_MEASURE)
		f->target_value = page_number_text(a, t->target_value);
	f->direction = task_direction_name(t->direction);
	f->unit = t->unit;
	const struct schedule *s = &t->schedule;
	f->schedule_kind = schedule_kind_name(s->kind);
	if (s->kind == SCHEDULE_WEEKDAYS)
		f->weekdays = s->weekdays;
	if (s->kind == SCHEDULE_EVERY_N_DAYS) {
		f->interval_days = arena_printf(a, "%d", s->interval_days);
		if (s->anchor != SCHEDULE_NO_ANCHOR)
			f->anchor = page_day_text(a, s->anchor);
	}
	if (s->kind == SCHEDULE_TIMES_PER_PERIOD || s->kind == SCHEDULE_TIMES_IN_DAYS)
		f->times = arena_printf(a, "%d", s->times);
	if (s->kind == SCHEDULE_TIMES_IN_DAYS)
		f->window_days = arena_printf(a, "%d", s->window_days);
	f->difficulty = arena_printf(a, "%d", t->difficulty);
	f->priority = task_priority_name(t->priority);
	f->status = task_status_name(t->status);
	f->counts_toward_goals = t->counts_toward_goals;
	f->reminder_time = page_clock_text(a, t->reminder_minute);
	f->reminder_weekdays = t->reminder_weekdays;
	f->tag_count = t->tag_count;
	f->tag_ids = arena_calloc(a, (size_t)(t->tag_count ? t->tag_count : 1), sizeof *f->tag_ids);
	for (int i = 0; i < t->tag_count; i++)
		f->tag_ids[i] = t->tags[i].id;
}

/* A <select>'s options: values[i] labelled labels[i], the one equal to current selected. */
static struct view *options(struct arena *a, const char *const *values, const char *const *labels, int n,
			    const char *current)
{
	struct view *list = view_list(a);
	for (int i = 0; i < n; i++) {
		struct view *o = view_map(a);
		view_set_str(o, "value", values[i]);
		view_set_str(o, "label", labels[i]);
		view_set_bool(o, "selected", current && strcmp(current, values[i]) == 0);
		view_push(list, o);
	}
	return list;
}

/* Seven weekday checkboxes (weekday_0 … Monday first) from a mask. */
static struct view *weekday_boxes(struct arena *a, unsigned mask)
{
	struct view *list = view_list(a);
	for (int d = 0; d < 7; d++) {
		struct view *o = view_map(a);
		view_set_int(o, "index", d);
		view_set_str(o, "label", weekday_names[d]);
		view_set_bool(o, "checked", (mask >> d) & 1u);
		view_push(list, o);
	}
	return list;
}

struct tag_boxes {
	struct req *r;
	struct view *list;
	const struct task_form *f;
};

/* tag_each callback: one tag checkbox. */
static int add_tag_box(void *ctx, const struct tag *g)
{
	struct tag_boxes *c = ctx;
	struct view *o = view_map(c->r->arena);
	view_set_int(o, "id", g->id);
	view_set_str(o, "name", g->name);
	view_set_str(o, "color", g->color);
	bool checked = false;
	for (int i = 0; i < c->f->tag_count && !checked; i++)
		checked = c->f->tag_ids[i] == g->id;
	view_set_bool(o, "checked", checked);
	view_push(c->list, o);
	return 0;
}

/* Renders the form for a new task (tt NULL) or template tt of tracker t, with v's errors. */
static int render_form(struct app *app, struct req *r, struct resp *w, int status, struct view *v,
		       const struct tracker *t, const struct task_template *tt, const struct task_form *f)
{
	struct arena *a = r->arena;
	const char *heading = tt ? arena_printf(a, "Edit %s", tt->name) : arena_printf(a, "New task in %s", t->name);
	view_set_str(v, "title", heading);
	view_set_str(v, "heading", heading);
	view_set_int(v, "tracker_id", t->id);
	view_set_str(v, "tracker_name", t->name);
	view_set_str(v, "action", tt ? arena_printf(a, "/trackers/%lld/tasks/%lld", (long long)t->id, (long long)tt->id)
				     : arena_printf(a, "/trackers/%lld/tasks", (long long)t->id));
	view_set_str(v, "submit_label", tt ? "Save the task" : "Add the task");
	view_set_int(v, "name_max", TASK_NAME_MAX);
	view_set_int(v, "description_max", TASK_DESCRIPTION_MAX);
	view_set_int(v, "unit_max", TASK_UNIT_MAX);
	view_set_str(v, "name", f->name);
	view_set_str(v, "description", f->description);
	view_set_str(v, "points", f->points);
	view_set_str(v, "weight", f->weight);
	view_set_str(v, "target_value", f->target_value);
	view_set_str(v, "unit", f->unit);
	view_set_str(v, "interval_days", f->interval_days);
	view_set_str(v, "anchor", f->anchor);
	view_set_str(v, "times", f->times);
	view_set_str(v, "window_days", f->window_days);
	view_set_str(v, "reminder_time", f->reminder_time);
	view_set_bool(v, "counts_toward_goals", f->counts_toward_goals);
	bool monthly = t->time_mode == TIME_MODE_MONTHLY;
	view_set_str(v, "times_hint", monthly ? "a month, up to 31; or in any M days" : "a week, up to 7; or in any M days");

	static const char *const kind_values[] = { "every_period", "weekdays", "every_n_days", "times_per_period",
						   "times_in_days" };
	const char *kind_labels[] = {
		t->time_mode == TIME_MODE_WEEKLY ? "Every week" : monthly ? "Every month" : "Every day",
		"On some weekdays",
		"Every N days",
		monthly ? "N times a month" : "N times a week",
		"N times in any M days",
	};
	view_set(v, "schedule_kinds", options(a, kind_values, kind_labels, 5, f->schedule_kind));
	view_set(v, "weekdays", weekday_boxes(a, f->weekdays));
	view_set(v, "reminder_weekdays", weekday_boxes(a, f->reminder_weekdays));
	static const char *const kinds[] = { "check", "measure" };
	static const char *const kinds_l[] = { "Check it off", "Measure an amount" };
	view_set(v, "kinds", options(a, kinds, kinds_l, 2, f->kind));
	static const char *const dirs[] = { "at_least", "at_most" };
	static const char *const dirs_l[] = { "At least", "At most" };
	view_set(v, "directions", options(a, dirs, dirs_l, 2, f->direction));
	static const char *const tods[] = { "any", "morning", "afternoon", "evening" };
	static const char *const tods_l[] = { "Any time", "Morning", "Afternoon", "Evening" };
	view_set(v, "times_of_day", options(a, tods, tods_l, 4, f->time_of_day));
	static const char *const diffs[] = { "1", "2", "3", "4", "5" };
	static const char *const diffs_l[] = { "1 (very easy)", "2", "3", "4", "5 (very hard)" };
	view_set(v, "difficulties", options(a, diffs, diffs_l, 5, f->difficulty));
	static const char *const prios[] = { "low", "normal", "high" };
	static const char *const prios_l[] = { "Low", "Normal", "High" };
	view_set(v, "priorities", options(a, prios, prios_l, 3, f->priority));
	static const char *const stats[] = { "active", "paused", "archived" };
	static const char *const stats_l[] = { "Active", "Paused", "Archived" };
	view_set(v, "statuses", options(a, stats, stats_l, 3, f->status));

	struct tag_boxes c = { r, view_list(a), f };
	if (tag_each(&app->db, a, page_user(r)->id, add_tag_box, &c) != TASK_OK)
		return 500;
	view_set(v, "tags", c.list);
	if (status != 200) {
		view_set_bool(v, "has_errors", true);
		view_set_bool(v, "open_more", true);
	}
	w->status = status;
	return page_render(app, w, "task_form", v);
}

/* Reads a weekday mask from the checkboxes <prefix>0 … <prefix>6. */
static unsigned read_weekdays(struct req *r, const char *prefix)
{
	unsigned mask = 0;
	for (int d = 0; d < 7; d++)
		if (req_form(r, arena_printf(r->arena, "%s%d", prefix, d)))
			mask |= 1u << d;
	return mask;
}

/* The form field a schedule problem of schedule_validate belongs to. */
static const char *schedule_field(const struct schedule *s)
{
	switch (s->kind) {
	case SCHEDULE_WEEKDAYS:
		return "weekdays";
	case SCHEDULE_EVERY_N_DAYS:
		return s->interval_days < 1 || s->interval_days > SCHEDULE_INTERVAL_MAX ? "interval_days" : "anchor";
	case SCHEDULE_TIMES_PER_PERIOD:
		return "times";
	case SCHEDULE_TIMES_IN_DAYS:
		if (s->times >= 1 && (s->window_days < 1 || s->window_days > SCHEDULE_WINDOW_MAX))
			return "window_days";
		return "times";
	default:
		return "schedule";
	}
}

/* Neutral values for the field task_input_check named, so that it goes on to the next one. */
static void task_input_neutralize(struct task_input *in, const char *field)
{
	struct task_input d;
	task_input_defaults(&d);
	if (strcmp(field, "name") == 0)
		in->name = "x";
	else if (strcmp(field, "description") == 0)
		in->description = "";
	else if (strcmp(field, "points") == 0)
		in->points = d.points;
	else if (strcmp(field, "weight") == 0)
		in->weight = d.weight;
	else if (strcmp(field, "kind") == 0 || strcmp(field, "target_value") == 0)
		in->kind = TASK_CHECK;
	else if (strcmp(field, "unit") == 0)
		in->unit = "";
	else if (strcmp(field, "schedule") == 0)
		in->schedule = d.schedule;
	else if (strcmp(field, "difficulty") == 0)
		in->difficulty = d.difficulty;
	else if (strcmp(field, "time_of_day") == 0)
		in->time_of_day = d.time_of_day;
	else if (strcmp(field, "priority") == 0)
		in->priority = d.priority;
	else if (strcmp(field, "status") == 0)
		in->status = d.status;
	else if (strcmp(field, "reminder_minute") == 0)
		in->reminder_minute = -1;
	else if (strcmp(field, "reminder_weekdays") == 0)
		in->reminder_weekdays = d.reminder_weekdays;
	else
		in->tag_count = 0;
}

/* Reads the fields of the full form into *f and *in, setting an error key in v for each field
 * that does not parse. Returns the number of problems, or -404 / -500 for a tag that is not
 * the user's or a database error. */
static int read_fields(struct app *app, struct req *r, struct view *v, struct task_form *f, struct task_input *in)
{
	struct arena *a = r->arena;
	int problems = 0;
	memset(f, 0, sizeof *f);
	f->name = page_field(r, "name");
	f->description = page_field(r, "description");
	f->points = page_field(r, "points");
	f->weight = page_field(r, "weight");
	f->time_of_day = page_field(r, "time_of_day");
	f->kind = page_field(r, "kind");
	f->target_value = page_field(r, "target_value");
	f->direction = page_field(r, "direction");
	f->unit = page_field(r, "unit");
	f->schedule_kind = page_field(r, "schedule_kind");
	f->weekdays = read_weekdays(r, "weekday_");
	f->interval_days = page_field(r, "interval_days");
	f->anchor = page_field(r, "anchor");
	f->times = page_field(r, "times");
	f->window_days = page_field(r, "window_days");
	f->difficulty = page_field(r, "difficulty");
	f->priority = page_field(r, "priority");
	f->status = page_field(r, "status");
	f->counts_toward_goals = req_form(r, "counts_toward_goals") != NULL;
	f->reminder_time = page_field(r, "reminder_time");
	f->reminder_weekdays = read_weekdays(r, "reminder_weekday_");

	in->name = f->name;
	in->description = f->description;
	in->unit = f->unit;
	in->counts_toward_goals = f->counts_toward_goals;
	in->reminder_weekdays = f->reminder_weekdays;
	long long n;
	double x;
	if (page_parse_int(f->points, -1000000000000LL, 1000000000000LL, &n) == 0)
		in->points = n;
	else {
		page_field_error(v, "points", "Enter a whole number of points, like 1.");
		problems++;
	}
	if (page_parse_number(f->weight, &x) == 0)
		in->weight = x;
	else {
		page_field_error(v, "weight", "Enter a number, like 1 or 0.5.");
		problems++;
	}
	if (task_time_of_day_parse(f->time_of_day, &in->time_of_day) < 0) {
		page_field_error(v, "time_of_day", "Choose a time of day.");
		problems++;
	}
	if (task_kind_parse(f->kind, &in->kind) < 0) {
		page_field_error(v, "kind", "Choose check or measure.");
		in->kind = TASK_CHECK;
		problems++;
	}
	if (in->kind == TASK_MEASURE) {
		if (page_parse_number(f->target_value, &x) == 0)
			in->target_value = x;
		else {
			page_field_error(v, "target_value", "Enter the target as a number, like 8.");
			in->kind = TASK_CHECK; /* let the other checks run */
			problems++;
		}
		if (task_direction_parse(f->direction, &in->direction) < 0) {
			page_field_error(v, "direction", "Choose at least or at most.");
			problems++;
		}
	}
	struct schedule *s = &in->schedule;
	if (schedule_kind_parse(f->schedule_kind, &s->kind) < 0) {
		page_field_error(v, "schedule", "Choose how often the task is due.");
		problems++;
	}
	switch (s->kind) {
	case SCHEDULE_WEEKDAYS:
		s->weekdays = f->weekdays;
		break;
	case SCHEDULE_EVERY_N_DAYS:
		if (page_parse_int(f->interval_days, 0, 1000000, &n) == 0)
			s->interval_days = (int)n;
		else {
			page_field_error(v, "interval_days", "Enter a whole number of days, like 3.");
			problems++;
		}
		if (civil_parse(f->anchor, &s->anchor) < 0) {
			page_field_error(v, "anchor", "Enter the first day it is due, a date like 2026-11-01.");
			s->anchor = CIVIL_DAY_MIN;
			problems++;
		}
		break;
	case SCHEDULE_TIMES_IN_DAYS:
		if (page_parse_int(f->window_days, 0, 1000000, &n) == 0)
			s->window_days = (int)n;
		else {
			page_field_error(v, "window_days", "Enter a whole number of days, like 7.");
			s->window_days = SCHEDULE_WINDOW_MAX;
			problems++;
		}
		/* times too */
		__attribute__((fallthrough));
	case SCHEDULE_TIMES_PER_PERIOD:
		if (page_parse_int(f->times, 0, 1000000, &n) == 0)
			s->times = (int)n;
		else {
			page_field_error(v, "times", "Enter a whole number of times, like 3.");
			problems++;
		}
		break;
	default:
		break;
	}
	if (page_parse_int(f->difficulty, 1, 5, &n) == 0)
		in->difficulty = (int)n;
	else {
		page_field_error(v, "difficulty", "Choose a difficulty from 1 to 5.");
		problems++;
	}
	if (task_priority_parse(f->priority, &in->priority) < 0) {
		page_field_error(v, "priority", "Choose low, normal or high.");
		problems++;
	}
	if (task_status_parse(f->status, &in->status) < 0) {
		page_field_error(v, "status", "Choose active, paused or archived.");
		problems++;
	}
	in->reminder_minute = page_parse_clock(f->reminder_time);
	if (in->reminder_minute == -2) {
		page_field_error(v, "reminder_time", "Enter a time like 08:00, or leave it empty.");
		in->reminder_minute = -1;
		problems++;
	}
	/* tags: the user's, each once */
	f->tag_ids = arena_calloc(a, r->form.count ? r->form.count : 1, sizeof *f->tag_ids);
	for (size_t i = 0; i < r->form.count; i++) {
		const struct http_param *p = &r->form.items[i];
		int64_t id;
		if (strcmp(p->name, "tags") != 0)
			continue;
		if (page_parse_id(p->value, &id) < 0)
			return -404;
		bool seen = false;
		for (int k = 0; k < f->tag_count && !seen; k++)
			seen = f->tag_ids[k] == id;
		if (seen)
			continue;
		int rc = access_check(&app->db, ACCESS_TAG, id, page_user(r)->id);
		if (rc)
			return -rc;
		f->tag_ids[f->tag_count++] = id;
	}
	in->tag_ids = f->tag_ids;
	in->tag_count = f->tag_count;
	return problems;
}

/* Reads the posted task form into *f and *in (strings in r's arena) for a tracker of mode,
 * setting an error key in v for each bad field. A quick-add form (quick=1) sends only a name;
 * the rest are the defaults. Returns the number of problems, or -404 / -500 for a tag that is
 * not the user's or a database error. */
static int read_form(struct app *app, struct req *r, struct view *v, enum time_mode mode, struct task_form *f,
		     struct task_input *in)
{
	task_input_defaults(in);
	int problems = 0;
	if (strcmp(page_field(r, "quick"), "1") == 0) {
		form_defaults(r, page_user_today(app, r), f);
		f->name = page_field(r, "name");
		in->name = f->name;
	} else if ((problems = read_fields(app, r, v, f, in)) < 0) {
		return problems;
	}
	/* every problem the domain sees, each next to its field */
	struct task_input probe = *in;
	const char *field, *msg;
	for (int i = 0; i < 20 && (msg = task_input_check(&probe, mode, &field)) && field; i++) {
		const char *shown = strcmp(field, "schedule") == 0	  ? schedule_field(&probe.schedule)
				    : strcmp(field, "reminder_minute") == 0 ? "reminder_time"
									    : field;
		page_field_error(v, shown, msg);
		task_input_neutralize(&probe, field);
		problems++;
	}
	return problems;
}

int page_task_new_get(struct app *app, struct req *r, struct resp *w)
{
	struct tracker t;
	int rc = page_load_tracker(app, r, &t);
	if (rc)
		return rc;
	struct task_form f;
	form_defaults(r, page_user_today(app, r), &f);
	return render_form(app, r, w, 200, page_view(app, r), &t, NULL, &f);
}

/* Saves the posted form as a new task of tracker t (tt NULL) or over template tt: 422 with the
 * form on a problem, else task_create or task_update and back to the tracker page. */
static int save_form(struct app *app, struct req *r, struct resp *w, const struct tracker *t,
		     const struct task_template *tt)
{
	struct view *v = page_view(app, r);
	struct task_form f;
	struct task_input in;
	int problems = read_form(app, r, v, t->time_mode, &f, &in);
	if (problems < 0)
		return -problems;
	if (problems)
		return render_form(app, r, w, 422, v, t, tt, &f);
	if (db_begin_write(&app->db) < 0)
		return 500;
	int64_t now = clock_now(&app->clock), user_id = page_user(r)->id;
	enum task_result res = tt ? task_update(&app->db, now, user_id, tt->id, &in)
				  : task_create(&app->db, now, user_id, t->id, &in, NULL);
	return page_write_end(app, w, res == TASK_INVALID ? 404 : result_status(res),
			      arena_printf(r->arena, "/trackers/%lld?saved=task", (long long)t->id));
}

int page_tasks_post(struct app *app, struct req *r, struct resp *w)
{
	struct tracker t;
	int rc = page_load_tracker(app, r, &t);
	return rc ? rc : save_form(app, r, w, &t, NULL);
}

int page_task_edit_get(struct app *app, struct req *r, struct resp *w)
{
	struct tracker t;
	struct task_template tt;
	int rc = load_task(app, r, false, &t, &tt);
	if (rc)
		return rc;
	struct task_form f;
	form_from_template(r, page_user_today(app, r), &tt, &f);
	return render_form(app, r, w, 200, page_view(app, r), &t, &tt, &f);
}

int page_task_post(struct app *app, struct req *r, struct resp *w)
{
	struct tracker t;
	struct task_template tt;
	int rc = load_task(app, r, false, &t, &tt);
	return rc ? rc : save_form(app, r, w, &t, &tt);
}

/* ---- actions ---- */

int page_task_delete_post(struct app *app, struct req *r, struct resp *w)
{
	struct tracker t;
	struct task_template tt;
	int rc = load_task(app, r, false, &t, &tt);
	if (rc)
		return rc;
	if (db_begin_write(&app->db) < 0)
		return 500;
	enum task_result res = task_delete(&app->db, clock_now(&app->clock), page_user(r)->id, tt.id);
	return page_write_end(app, w, result_status(res),
			      arena_printf(r->arena, "/trackers/%lld?saved=task_deleted", (long long)t.id));
}

int page_task_restore_post(struct app *app, struct req *r, struct resp *w)
{
	struct tracker t;
	struct task_template tt;
	int rc = load_task(app, r, true, &t, &tt);
	if (rc)
		return rc;
	if (!tt.deleted_at)
		return 404; /* only what is in the trash can be restored */
	if (db_begin_write(&app->db) < 0)
		return 500;
	enum task_result res = task_restore(&app->db, clock_now(&app->clock), page_user(r)->id, tt.id);
	return page_write_end(app, w, result_status(res), "/trash?task_restored=1");
}

int page_task_move_post(struct app *app, struct req *r, struct resp *w)
{
	struct tracker t;
	struct task_template tt;
	int delta, rc = load_task(app, r, false, &t, &tt);
	if (rc || (rc = page_move_begin(app, r, &delta)))
		return rc;
	enum task_result res = task_move(&app->db, clock_now(&app->clock), page_user(r)->id, tt.id, delta);
	return page_write_end(app, w, result_status(res), arena_printf(r->arena, "/trackers/%lld", (long long)t.id));
}

/* ---- history ---- */

static const char *const source_labels[SOURCE__MAX] = {
	[SOURCE_WEB] = "Check-in", [SOURCE_BATCH] = "Batch save", [SOURCE_GAP_FILL] = "Gap fill",
	[SOURCE_IMPORT] = "Import", [SOURCE_SEED] = "Sample data", [SOURCE_CLI] = "Command line",
	[SOURCE_WORKER] = "Automatic",
};

struct events_ctx {
	struct req *r;
	struct view *list;
	const char *unit;
};

/* instance_events_each callback: one row of the audit trail. */
static int add_event(void *ctx, const struct task_event *e)
{
	struct events_ctx *c = ctx;
	struct arena *a = c->r->arena;
	struct view *row = view_map(a);
	view_set_str(row, "when", page_local_time(a, page_user(c->r)->time_zone, e->at));
	view_set_str(row, "period", e->period.start == e->period.end
					    ? page_day_text(a, e->period.start)
					    : arena_printf(a, "%s – %s", page_day_text(a, e->period.start),
							   page_day_text(a, e->period.end)));
	const char *change = e->has_old ? arena_printf(a, "%s → %s", instance_status_label(e->old_status),
						       instance_status_label(e->new_status))
					: instance_status_label(e->new_status);
	const char *unit = *c->unit ? arena_printf(a, " %s", c->unit) : "";
	if (e->has_new_value && e->has_old_value && e->old_value != e->new_value)
		change = arena_printf(a, "%s; %s → %s%s", change, page_number_text(a, e->old_value),
				      page_number_text(a, e->new_value), unit);
	else if (e->has_new_value)
		change = arena_printf(a, "%s; %s%s", change, page_number_text(a, e->new_value), unit);
	else if (e->has_old_value)
		change = arena_printf(a, "%s; value %s cleared", change, page_number_text(a, e->old_value));
	view_set_str(row, "change", change);
	view_set_str(row, "source", source_labels[(unsigned)e->source < SOURCE__MAX ? e->source : SOURCE_WEB]);
	view_push(c->list, row);
	return 0;
}

int page_task_get(struct app *app, struct req *r, struct resp *w)
{
	struct tracker t;
	struct task_template tt;
	int rc = load_task(app, r, true, &t, &tt);
	if (rc)
		return rc;
	struct view *v = page_view(app, r);
	view_set_str(v, "title", arena_printf(r->arena, "%s · %s", tt.name, t.name));
	view_set_int(v, "tracker_id", t.id);
	view_set_str(v, "tracker_name", t.name);
	view_set(v, "task", page_task_summary(r->arena, &tt, t.time_mode));
	view_set_str(v, "time_zone", page_user(r)->time_zone);
	struct events_ctx c = { r, view_list(r->arena), tt.unit };
	if (instance_events_each(&app->db, r->arena, page_user(r)->id, tt.id, HISTORY_LIMIT, add_event, &c) != INSTANCE_OK)
		return 500;
	view_set(v, "events", c.list);
	view_set_bool(v, "has_events", view_len(c.list) > 0);
	if (!tt.deleted_at) {
		struct habit_owner owner;
		struct habit_stats stats;
		if ((rc = page_habit_owner(app, r, &owner)) != 0)
			return rc;
		if (habit_stats_task(&app->db, &owner, &t, &tt, &stats) < 0)
			return 500;
		view_set(v, "stats", page_stats_view(r->arena, &stats, true));
	}
	view_set_bool(v, "limited", view_len(c.list) >= HISTORY_LIMIT);
	view_set_int(v, "limit", HISTORY_LIMIT);
	return page_render(app, w, "task_history", v);
}
