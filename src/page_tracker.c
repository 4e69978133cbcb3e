/* page_tracker: the tracker pages — the list (/trackers), a tracker with its task templates,
 * the create and edit forms (with the "New habit" shortcut), status changes, soft delete,
 * restore, clone and ordering — and the trash (issue 4, "Trackers"). */
#include <string.h>

#include "access.h"
#include "clock.h"
#include "log.h"
#include "habit_stats.h"
#include "page_util.h"
#include "pages.h"
#include "redirect.h"
#include "schedule.h"
#include "task.h"
#include "tracker.h"
#include "user.h"

#define DEFAULT_COLOR "#2f80ed"

static const char *const status_labels[TRACKER_STATUS__MAX] = {
	[TRACKER_ACTIVE] = "Active", [TRACKER_PAUSED] = "Paused", [TRACKER_ARCHIVED] = "Archived",
};

/* The answer to a tracker_* result: 0 for TRACKER_OK, 404 for TRACKER_NOT_FOUND, else 500. */
static int result_status(enum tracker_result res)
{
	return res == TRACKER_OK ? 0 : res == TRACKER_NOT_FOUND ? 404 : 500;
}

/* ---- the list ---- */

struct list_ctx {
	struct req *r;
	struct view *list;
	int64_t today;
	size_t count;
};

/* tracker_each callback: one row of the list. */
static int add_tracker_row(void *ctx, const struct tracker *t)
{
	struct list_ctx *c = ctx;
	struct arena *a = c->r->arena;
	struct view *row = view_map(a);
	view_set_int(row, "id", t->id);
	view_set_str(row, "name", t->name);
	view_set_str(row, "color", t->color);
	page_set_opt(row, "category", t->category_name);
	view_set_str(row, "mode", page_mode_label(t->time_mode));
	view_set_str(row, "dates", page_tracker_dates(a, t));
	page_set_opt(row, "progress", page_tracker_progress(a, t, page_user(c->r)->week_start, c->today));
	view_set_int(row, "task_count", t->task_count);
	view_set_str(row, "status_label", status_labels[(unsigned)t->status < TRACKER_STATUS__MAX ? t->status : 0]);
	view_set_bool(row, "first", c->count == 0);
	view_set_bool(row, "last", false);
	view_push(c->list, row);
	c->count++;
	return 0;
}

/* tracker_each callback that stops at the first tracker. */
static int found_one(void *ctx, const struct tracker *t)
{
	(void)t;
	*(bool *)ctx = true;
	return 1;
}

struct tag_filter_ctx {
	struct req *r;
	struct view *list;
	const char *status_query; /* "" or "status=paused&" */
	int64_t current;
};

/* tag_each callback: one tag of the filter bar. */
static int add_tag_filter(void *ctx, const struct tag *g)
{
	struct tag_filter_ctx *c = ctx;
	struct view *v = view_map(c->r->arena);
	view_set_str(v, "name", g->name);
	view_set_str(v, "color", g->color);
	view_set_str(v, "href", arena_printf(c->r->arena, "/trackers?%stag=%lld", c->status_query, (long long)g->id));
	view_set_bool(v, "current", g->id == c->current);
	view_push(c->list, v);
	return 0;
}

int page_trackers_get(struct app *app, struct req *r, struct resp *w)
{
	static const struct {
		const char *word, *label;
		enum tracker_filter filter;
	} filters[] = {
		{ "active", "Active", TRACKER_LIST_ACTIVE },
		{ "paused", "Paused", TRACKER_LIST_PAUSED },
		{ "archived", "Archived", TRACKER_LIST_ARCHIVED },
		{ "all", "All", TRACKER_LIST_ALL },
	};
	const struct user *u = r->user;
	const char *status = req_query(r, "status"), *tag = req_query(r, "tag");
	size_t which = 0;
	for (size_t i = 0; status && i < sizeof filters / sizeof filters[0]; i++)
		if (strcmp(status, filters[i].word) == 0)
			which = i;
	int64_t tag_id = 0;
	if (tag && *tag) {
		if (page_parse_id(tag, &tag_id) < 0)
			return 404;
		int rc = access_check(&app->db, ACCESS_TAG, tag_id, u->id);
		if (rc)
			return rc;
	}
	struct view *v = page_view(app, r);
	view_set_str(v, "title", "Trackers");
	const char *status_query = which ? arena_printf(r->arena, "status=%s&", filters[which].word) : "";
	struct view *statuses = view_list(r->arena);
	for (size_t i = 0; i < sizeof filters / sizeof filters[0]; i++) {
		struct view *s = view_map(r->arena);
		view_set_str(s, "label", filters[i].label);
		const char *href = i ? arena_printf(r->arena, "/trackers?status=%s", filters[i].word) : "/trackers";
		if (tag_id)
			href = arena_printf(r->arena, "%s%stag=%lld", href, i ? "&" : "?", (long long)tag_id);
		view_set_str(s, "href", href);
		view_set_bool(s, "current", i == which);
		view_push(statuses, s);
	}
	view_set(v, "statuses", statuses);

	struct tag_filter_ctx tc = { r, view_list(r->arena), status_query, tag_id };
	if (tag_each(&app->db, r->arena, u->id, add_tag_filter, &tc) != TASK_OK)
		return 500;
	view_set(v, "tags", tc.list);
	view_set_bool(v, "has_tags", view_len(tc.list) > 0);
	view_set_bool(v, "tag_filter", tag_id != 0);
	view_set_str(v, "all_tags_href",
		     which ? arena_printf(r->arena, "/trackers?status=%s", filters[which].word) : "/trackers");

	struct list_ctx c = { r, view_list(r->arena), page_user_today(app, r), 0 };
	if (tracker_each(&app->db, r->arena, u->id, filters[which].filter, tag_id, add_tracker_row, &c) != TRACKER_OK)
		return 500;
	if (c.count)
		view_set_bool(view_at(c.list, c.count - 1), "last", true);
	view_set(v, "trackers", c.list);
	view_set_bool(v, "has_trackers", c.count > 0);
	const char *back = "/trackers";
	if (which || tag_id)
		back = arena_printf(r->arena, "/trackers?%s%s", status_query,
				    tag_id ? arena_printf(r->arena, "tag=%lld", (long long)tag_id) : "");
	size_t n = strlen(back);
	if (back[n - 1] == '&')
		back = arena_strndup(r->arena, back, n - 1);
	view_set_str(v, "back", back);
	if (c.count == 0) {
		bool any = false;
		if (tracker_each(&app->db, r->arena, u->id, TRACKER_LIST_ALL, 0, found_one, &any) != TRACKER_OK)
			return 500;
		if (!any && !tag_id && which == 0) {
			view_set_bool(v, "no_trackers", true);
		} else {
			static const char *const empty[] = { "No active trackers.", "No paused trackers.",
							     "No archived trackers.", "No trackers." };
			view_set_str(v, "empty_here", tag_id ? "No trackers have a task with this tag." : empty[which]);
		}
	}
	const char *notice = req_query(r, "deleted");
	if (notice) {
		view_set_str(v, "notice", "The tracker was moved to the trash.");
		view_set_bool(v, "notice_trash", true);
	}
	return page_render(app, w, "trackers", v);
}

/* ---- the form ---- */

/* A tracker form as typed (or as stored, for the edit page). */
struct tracker_form {
	const char *name, *description, *time_mode, *start_date, *end_date, *color, *category_id;
	bool habit;
};

struct category_options {
	struct req *r;
	struct view *list;
	const char *selected;
};

/* category_each callback: one <option>. */
static int add_category_option(void *ctx, const struct category *cat)
{
	struct category_options *c = ctx;
	struct view *o = view_map(c->r->arena);
	const char *id = arena_printf(c->r->arena, "%lld", (long long)cat->id);
	view_set_str(o, "id", id);
	view_set_str(o, "name", cat->name);
	view_set_bool(o, "selected", strcmp(id, c->selected) == 0);
	view_push(c->list, o);
	return 0;
}

/* Renders the create (t NULL) or edit form with v's error keys; a 422 also sets has_errors. */
static int render_form(struct app *app, struct req *r, struct resp *w, int status, struct view *v,
		       const struct tracker_form *f, const struct tracker *t)
{
	bool edit = t != NULL;
	if (status == 422)
		view_set_bool(v, "has_errors", true);
	const char *heading = f->habit ? "New habit" : edit ? arena_printf(r->arena, "Edit %s", t->name) : "New tracker";
	view_set_str(v, "title", heading);
	view_set_str(v, "heading", heading);
	view_set_bool(v, "habit", f->habit);
	view_set_bool(v, "is_edit", edit);
	if (edit) {
		view_set_int(v, "tracker_id", t->id);
		view_set_str(v, "action", arena_printf(r->arena, "/trackers/%lld", (long long)t->id));
	} else {
		view_set_str(v, "action", "/trackers");
	}
	view_set_str(v, "submit_label", edit ? "Save changes" : f->habit ? "Create the habit" : "Create the tracker");
	view_set_int(v, "name_max", TRACKER_NAME_MAX);
	view_set_int(v, "description_max", TRACKER_DESCRIPTION_MAX);
	view_set_str(v, "name", f->name);
	view_set_str(v, "description", f->description);
	view_set_str(v, "start_date", f->start_date);
	view_set_str(v, "end_date", f->end_date);
	view_set_str(v, "color", f->color);
	struct view *modes = view_list(r->arena);
	for (int m = 0; m < TIME_MODE__MAX; m++) {
		struct view *o = view_map(r->arena);
		view_set_str(o, "value", time_mode_name(m));
		view_set_str(o, "label", page_mode_label(m));
		view_set_bool(o, "selected", strcmp(f->time_mode, time_mode_name(m)) == 0);
		view_push(modes, o);
	}
	view_set(v, "modes", modes);
	struct category_options c = { r, view_list(r->arena), f->category_id };
	if (category_each(&app->db, r->arena, page_user(r)->id, add_category_option, &c) != TRACKER_OK)
		return 500;
	view_set(v, "categories", c.list);
	w->status = status;
	return page_render(app, w, "tracker_form", v);
}

/* Neutral values for the fields tracker_input_check names, so that it can go on to the next
 * problem. */
static void tracker_input_neutralize(struct tracker_input *in, const char *field)
{
	if (strcmp(field, "name") == 0)
		in->name = "x";
	else if (strcmp(field, "description") == 0)
		in->description = "";
	else if (strcmp(field, "time_mode") == 0)
		in->time_mode = TIME_MODE_DAILY;
	else if (strcmp(field, "start_date") == 0)
		in->start_date = TRACKER_NO_DATE;
	else if (strcmp(field, "end_date") == 0)
		in->end_date = TRACKER_NO_DATE;
	else
		in->color = DEFAULT_COLOR;
}

/* Reads the posted tracker form into *f and *in, setting an error key in v for each bad field.
 * allow_habit: a create form, where habit=1 asks for the "New habit" shortcut (a name and a
 * colour only). Returns the number of problems, or -404 / -500 for a category id that is not
 * the user's or a database error. */
static int read_form(struct app *app, struct req *r, struct view *v, struct tracker_form *f, struct tracker_input *in,
		     bool allow_habit)
{
	f->habit = allow_habit && strcmp(page_field(r, "habit"), "1") == 0;
	f->name = page_field(r, "name");
	f->description = f->habit ? "" : page_field(r, "description");
	f->time_mode = f->habit ? "daily" : page_field(r, "time_mode");
	f->start_date = f->habit ? "" : page_field(r, "start_date");
	f->end_date = f->habit ? "" : page_field(r, "end_date");
	f->color = page_field(r, "color");
	if (!*f->color)
		f->color = DEFAULT_COLOR;
	f->category_id = f->habit ? "" : page_field(r, "category_id");
	memset(in, 0, sizeof *in);
	in->name = f->name;
	in->description = f->description;
	in->color = f->color;
	int problems = 0;
	if (time_mode_parse(f->time_mode, &in->time_mode) < 0) {
		page_field_error(v, "time_mode", "Choose daily, weekly or monthly.");
		in->time_mode = TIME_MODE_DAILY;
		problems++;
	}
	if (page_parse_optional_day(f->start_date, &in->start_date) < 0) {
		page_field_error(v, "start_date", "Enter a real date like 2026-05-22, or leave it empty.");
		in->start_date = TRACKER_NO_DATE;
		problems++;
	}
	if (page_parse_optional_day(f->end_date, &in->end_date) < 0) {
		page_field_error(v, "end_date", "Enter a real date like 2026-06-11, or leave it empty.");
		in->end_date = TRACKER_NO_DATE;
		problems++;
	}
	if (*f->category_id) {
		if (page_parse_id(f->category_id, &in->category_id) < 0) {
			page_field_error(v, "category_id", "Choose a category from the list.");
			in->category_id = 0;
			problems++;
		} else {
			int rc = access_check(&app->db, ACCESS_CATEGORY, in->category_id, page_user(r)->id);
			if (rc)
				return -rc;
		}
	}
	/* every problem the domain sees, not just the first */
	struct tracker_input probe = *in;
	const char *field, *msg;
	for (int i = 0; i < 8 && (msg = tracker_input_check(&probe, &field)) && field; i++) {
		page_field_error(v, field, msg);
		tracker_input_neutralize(&probe, field);
		problems++;
	}
	return problems;
}

/* Ends the write of the create (t NULL) or edit form f: a name the user already has rolls back
 * and shows the form again with that error (422); any other result goes to page_write_end
 * with status and location. */
static int save_end(struct app *app, struct req *r, struct resp *w, struct view *v, const struct tracker_form *f,
		    const struct tracker *t, enum tracker_result res, int status, const char *location)
{
	if (res != TRACKER_NAME_TAKEN)
		return page_write_end(app, w, status, location);
	db_rollback(&app->db);
	page_field_error(v, "name", "You already have a tracker with this name. Choose another one.");
	return render_form(app, r, w, 422, v, f, t);
}

int page_tracker_new_get(struct app *app, struct req *r, struct resp *w)
{
	const char *habit = req_query(r, "habit");
	struct tracker_form f = {
		.name = "", .description = "", .time_mode = "daily", .start_date = "", .end_date = "",
		.color = DEFAULT_COLOR, .category_id = "", .habit = habit && strcmp(habit, "1") == 0,
	};
	return render_form(app, r, w, 200, page_view(app, r), &f, NULL);
}

int page_trackers_post(struct app *app, struct req *r, struct resp *w)
{
	const struct user *u = r->user;
	struct view *v = page_view(app, r);
	struct tracker_form f = { 0 };
	struct tracker_input in;
	int problems = read_form(app, r, v, &f, &in, true);
	if (problems < 0)
		return -problems;
	if (problems)
		return render_form(app, r, w, 422, v, &f, NULL);
	int64_t now = clock_now(&app->clock), id = 0;
	if (db_begin_write(&app->db) < 0)
		return 500;
	enum tracker_result res = tracker_create(&app->db, now, u->id, &in, &id);
	if (res == TRACKER_OK && f.habit) {
		struct task_input task;
		task_input_defaults(&task);
		task.name = in.name;
		enum task_result tr = task_create(&app->db, now, u->id, id, &task, NULL);
		res = tr == TASK_OK ? TRACKER_OK : tr == TASK_INVALID ? TRACKER_INVALID : TRACKER_ERROR;
	}
	return save_end(app, r, w, v, &f, NULL, res, res == TRACKER_OK ? 0 : res == TRACKER_INVALID ? 422 : 500,
			arena_printf(r->arena, "/trackers/%lld?saved=created", (long long)id));
}

int page_tracker_edit_get(struct app *app, struct req *r, struct resp *w)
{
	struct tracker t;
	int rc = page_load_tracker(app, r, &t);
	if (rc)
		return rc;
	struct tracker_form f = {
		.name = t.name,
		.description = t.description,
		.time_mode = time_mode_name(t.time_mode),
		.start_date = page_day_text(r->arena, t.start_date),
		.end_date = page_day_text(r->arena, t.end_date),
		.color = t.color,
		.category_id = t.category_id ? arena_printf(r->arena, "%lld", (long long)t.category_id) : "",
	};
	return render_form(app, r, w, 200, page_view(app, r), &f, &t);
}

struct fit_ctx {
	struct req *r;
	enum time_mode mode;
	const char *problem; /* the first task whose schedule the mode cannot hold, in words */
};

/* task_each callback: stops at a task whose schedule does not fit mode c->mode. */
static int check_fit(void *ctx, const struct task_template *tt)
{
	struct fit_ctx *c = ctx;
	const char *why = NULL;
	if (schedule_validate(&tt->schedule, c->mode, &why) == 0)
		return 0;
	c->problem = arena_printf(c->r->arena, "The task “%s” cannot keep its schedule: %s Change that task first.",
				  tt->name, why ? why : "");
	return 1;
}

int page_tracker_post(struct app *app, struct req *r, struct resp *w)
{
	const struct user *u = r->user;
	struct tracker t;
	int rc = page_load_tracker(app, r, &t);
	if (rc)
		return rc;
	struct view *v = page_view(app, r);
	struct tracker_form f = { 0 };
	struct tracker_input in;
	int problems = read_form(app, r, v, &f, &in, false);
	if (problems < 0)
		return -problems;
	if (!problems && in.time_mode != t.time_mode) {
		/* a task's schedule must suit the new mode (20 times a month does not fit a week) */
		struct fit_ctx fit = { r, in.time_mode, NULL };
		if (task_each(&app->db, r->arena, u->id, t.id, false, check_fit, &fit) != TASK_OK)
			return 500;
		if (fit.problem) {
			page_field_error(v, "time_mode", fit.problem);
			problems++;
		}
	}
	if (problems)
		return render_form(app, r, w, 422, v, &f, &t);
	if (db_begin_write(&app->db) < 0)
		return 500;
	enum tracker_result res =
		tracker_update(&app->db, clock_now(&app->clock), page_user_today(app, r), u->id, t.id, &in);
	return save_end(app, r, w, v, &f, &t, res, res == TRACKER_INVALID ? 422 : result_status(res),
			arena_printf(r->arena, "/trackers/%lld?saved=changes", (long long)t.id));
}

/* ---- one tracker ---- */

struct tasks_ctx {
	struct app *app;
	struct req *r;
	struct view *list;
	const struct tracker *tracker;
	const struct habit_owner *owner;
	int failed;
};

/* task_each callback: one task template of the tracker page, with its streak and strength. */
static int add_task(void *ctx, const struct task_template *tt)
{
	struct tasks_ctx *c = ctx;
	struct view *t = page_task_summary(c->r->arena, tt, c->tracker->time_mode);
	struct habit_stats stats;
	if (habit_stats_task(&c->app->db, c->owner, c->tracker, tt, &stats) < 0) {
		c->failed = 1;
		return 1;
	}
	view_set(t, "stats", page_stats_view(c->r->arena, &stats, true));
	view_set_bool(t, "first", view_len(c->list) == 0);
	view_set_bool(t, "last", false);
	view_push(c->list, t);
	return 0;
}

int page_tracker_get(struct app *app, struct req *r, struct resp *w)
{
	const struct user *u = r->user;
	struct tracker t;
	int rc = page_load_tracker(app, r, &t);
	if (rc)
		return rc;
	struct view *v = page_view(app, r);
	view_set_str(v, "title", t.name);
	view_set_int(v, "tracker_id", t.id);
	view_set_str(v, "name", t.name);
	view_set_str(v, "color", t.color);
	page_set_opt(v, "description", t.description);
	view_set_str(v, "mode", page_mode_label(t.time_mode));
	view_set_str(v, "mode_lower", t.time_mode == TIME_MODE_WEEKLY    ? "weekly"
				      : t.time_mode == TIME_MODE_MONTHLY ? "monthly"
									 : "daily");
	unsigned st = (unsigned)t.status < TRACKER_STATUS__MAX ? t.status : TRACKER_ACTIVE;
	view_set_str(v, "status_label", status_labels[st]);
	view_set_bool(v, "is_active", st == TRACKER_ACTIVE);
	view_set_bool(v, "is_paused", st == TRACKER_PAUSED);
	view_set_bool(v, "is_archived", st == TRACKER_ARCHIVED);
	page_set_opt(v, "dates", page_tracker_dates(r->arena, &t));
	page_set_opt(v, "progress", page_tracker_progress(r->arena, &t, u->week_start, page_user_today(app, r)));
	page_set_opt(v, "category", t.category_name);
	if (t.time_mode_since != TRACKER_NO_DATE)
		view_set_str(v, "legacy_since", page_day_text(r->arena, t.time_mode_since));
	view_set_int(v, "task_name_max", TASK_NAME_MAX);
	struct habit_owner owner;
	struct habit_stats stats;
	if ((rc = page_habit_owner(app, r, &owner)) != 0)
		return rc;
	if (habit_stats_tracker(&app->db, &owner, &t, &stats) < 0)
		return 500;
	view_set(v, "stats", page_stats_view(r->arena, &stats, false));
	struct tasks_ctx c = { app, r, view_list(r->arena), &t, &owner, 0 };
	enum task_result tr = task_each(&app->db, r->arena, u->id, t.id, false, add_task, &c);
	if (c.failed)
		return 500;
	if (tr != TASK_OK)
		return tr == TASK_NOT_FOUND ? 404 : 500;
	if (view_len(c.list))
		view_set_bool(view_at(c.list, view_len(c.list) - 1), "last", true);
	view_set(v, "tasks", c.list);
	view_set_bool(v, "has_tasks", view_len(c.list) > 0);
	static const struct {
		const char *word, *text;
	} notices[] = {
		{ "created", "The tracker was created." },
		{ "changes", "Your changes were saved." },
		{ "status", "The status was changed." },
		{ "cloned", "This is the copy, with the tasks of the original but none of its history." },
		{ "task", "The task was saved." },
		{ "task_deleted", "The task was deleted. Its past check-ins stay; restore it from the trash." },
	};
	const char *saved = req_query(r, "saved");
	for (size_t i = 0; saved && i < sizeof notices / sizeof notices[0]; i++)
		if (strcmp(saved, notices[i].word) == 0)
			view_set_str(v, "notice", notices[i].text);
	return page_render(app, w, "tracker", v);
}

/* ---- actions ---- */

int page_tracker_status_post(struct app *app, struct req *r, struct resp *w)
{
	struct tracker t;
	int rc = page_load_tracker(app, r, &t);
	if (rc)
		return rc;
	enum tracker_status status;
	if (tracker_status_parse(page_field(r, "status"), &status) < 0)
		return 400;
	if (db_begin_write(&app->db) < 0)
		return 500;
	enum tracker_result res = tracker_set_status(&app->db, clock_now(&app->clock), page_user(r)->id, t.id, status);
	return page_write_end(app, w, result_status(res),
			      arena_printf(r->arena, "/trackers/%lld?saved=status", (long long)t.id));
}

int page_tracker_delete_post(struct app *app, struct req *r, struct resp *w)
{
	struct tracker t;
	int rc = page_load_tracker(app, r, &t);
	if (rc)
		return rc;
	if (db_begin_write(&app->db) < 0)
		return 500;
	enum tracker_result res = tracker_delete(&app->db, clock_now(&app->clock), page_user(r)->id, t.id);
	return page_write_end(app, w, result_status(res), "/trackers?deleted=1");
}

int page_tracker_restore_post(struct app *app, struct req *r, struct resp *w)
{
	const struct user *u = r->user;
	struct tracker t;
	enum tracker_result res = tracker_get(&app->db, r->arena, u->id, r->route_ints[0], true, &t);
	if (res != TRACKER_OK)
		return result_status(res);
	if (!t.deleted_at)
		return 404; /* only what is in the trash can be restored */
	if (db_begin_write(&app->db) < 0)
		return 500;
	const char *name = NULL;
	res = tracker_restore(&app->db, r->arena, clock_now(&app->clock), u->id, t.id, &name);
	bool renamed = name && strcmp(name, t.name) != 0;
	return page_write_end(app, w, result_status(res),
			      arena_printf(r->arena, "/trash?restored=%lld%s", (long long)t.id, renamed ? "&renamed=1" : ""));
}

int page_tracker_clone_post(struct app *app, struct req *r, struct resp *w)
{
	struct tracker t;
	int rc = page_load_tracker(app, r, &t);
	if (rc)
		return rc;
	if (db_begin_write(&app->db) < 0)
		return 500;
	int64_t id = 0;
	enum tracker_result res = tracker_clone(&app->db, clock_now(&app->clock), page_user(r)->id, t.id, &id);
	return page_write_end(app, w, result_status(res),
			      arena_printf(r->arena, "/trackers/%lld?saved=cloned", (long long)id));
}

int page_tracker_move_post(struct app *app, struct req *r, struct resp *w)
{
	struct tracker t;
	int delta, rc = page_load_tracker(app, r, &t);
	if (rc || (rc = page_move_begin(app, r, &delta)))
		return rc;
	enum tracker_result res = tracker_move(&app->db, clock_now(&app->clock), page_user(r)->id, t.id, delta);
	const char *back = page_field(r, "back");
	return page_write_end(app, w, result_status(res),
			      strncmp(back, "/trackers", 9) == 0 ? redirect_safe(back) : "/trackers");
}

/* ---- the trash ---- */

struct trash_ctx {
	struct req *r;
	struct view *list;
};

/* tracker_each callback: one deleted tracker. */
static int add_deleted_tracker(void *ctx, const struct tracker *t)
{
	struct trash_ctx *c = ctx;
	struct view *row = view_map(c->r->arena);
	view_set_int(row, "id", t->id);
	view_set_str(row, "name", t->name);
	view_set_str(row, "color", t->color);
	view_set_str(row, "deleted", page_local_time(c->r->arena, page_user(c->r)->time_zone, t->deleted_at));
	view_push(c->list, row);
	return 0;
}

/* task_each_deleted callback: one deleted task of a live tracker. */
static int add_deleted_task(void *ctx, const struct task_template *t, const char *tracker_name)
{
	struct trash_ctx *c = ctx;
	struct view *row = view_map(c->r->arena);
	view_set_int(row, "id", t->id);
	view_set_int(row, "tracker_id", t->tracker_id);
	view_set_str(row, "name", t->name);
	view_set_str(row, "tracker_name", tracker_name);
	view_set_str(row, "deleted", page_local_time(c->r->arena, page_user(c->r)->time_zone, t->deleted_at));
	view_push(c->list, row);
	return 0;
}

int page_trash_get(struct app *app, struct req *r, struct resp *w)
{
	const struct user *u = r->user;
	struct view *v = page_view(app, r);
	view_set_str(v, "title", "Trash");
	struct trash_ctx trackers = { r, view_list(r->arena) }, tasks = { r, view_list(r->arena) };
	if (tracker_each(&app->db, r->arena, u->id, TRACKER_LIST_DELETED, 0, add_deleted_tracker, &trackers) !=
		    TRACKER_OK ||
	    task_each_deleted(&app->db, r->arena, u->id, add_deleted_task, &tasks) != TASK_OK)
		return 500;
	view_set(v, "trackers", trackers.list);
	view_set_bool(v, "has_trackers", view_len(trackers.list) > 0);
	view_set(v, "tasks", tasks.list);
	view_set_bool(v, "has_tasks", view_len(tasks.list) > 0);
	int64_t id;
	const char *restored = req_query(r, "restored");
	struct tracker t;
	if (restored && page_parse_id(restored, &id) == 0 &&
	    tracker_get(&app->db, r->arena, u->id, id, false, &t) == TRACKER_OK) {
		if (req_query(r, "renamed"))
			view_set_str(v, "notice", arena_printf(r->arena,
							       "The tracker was restored. Another tracker has its old "
							       "name, so it is now called “%s”.",
							       t.name));
		else
			view_set_str(v, "notice", arena_printf(r->arena, "“%s” was restored.", t.name));
	}
	if (req_query(r, "task_restored"))
		view_set_str(v, "notice", "The task was restored.");
	return page_render(app, w, "trash", v);
}
