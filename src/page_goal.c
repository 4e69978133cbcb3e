/* page_goal: the goal pages (issue 5, "Goals") — the list of every kind (/goals, ?status=) and
 * a goal's page with its progress bar, numbers, status, pace, entries and reset forms (target,
 * counter), mapped tasks with an add form (tasks, period), period snapshots and history. The
 * create and edit forms are in page_goal_form.c, the actions (entries, reset, mappings,
 * abandon / reactivate, delete) in page_goal_action.c. The GET pages recompute first (in a
 * write transaction, as Today opens periods), so a deadline that passed, a finished period or
 * a deleted task shows at once. */
#include <math.h>
#include <string.h>

#include "clock.h"
#include "goal.h"
#include "page_goal_internal.h"
#include "page_util.h"
#include "pages.h"
#include "user.h"

#define ENTRIES_SHOWN 50
#define EVENTS_SHOWN 50

static const char *const kind_labels[GOAL_KIND__MAX] = {
	[GOAL_TARGET] = "Target",
	[GOAL_COUNTER] = "Counter",
	[GOAL_TASKS] = "Tasks",
	[GOAL_PERIOD] = "Period",
};
static const char *const status_labels[GOAL_STATUS__MAX] = {
	[GOAL_ACTIVE] = "Active",
	[GOAL_ACHIEVED] = "Achieved",
	[GOAL_FAILED] = "Failed",
	[GOAL_ABANDONED] = "Abandoned",
};
static const char *const unit_words[GOAL_PERIOD_UNIT__MAX] = {
	[GOAL_PER_DAY] = "day",
	[GOAL_PER_WEEK] = "week",
	[GOAL_PER_MONTH] = "month",
};

/* The word for kind k ("Target"). */
const char *page_goal_kind_label(enum goal_kind k)
{
	return kind_labels[k];
}

/* The answer to a goal_* result: 0, 404 for GOAL_NOT_FOUND, 422 for GOAL_INVALID, else 500. */
int page_goal_result_status(enum goal_result res)
{
	return res == GOAL_OK ? 0 : res == GOAL_NOT_FOUND ? 404 : res == GOAL_INVALID ? 422 : 500;
}

/* A number for people, in a: at most two decimals, no trailing zeros ("2250", "12.28", "-1.5"). */
const char *page_goal_num(struct arena *a, double v)
{
	double r = round(v * 100) / 100;
	if (r == 0)
		r = 0; /* no "-0" */
	if (r == floor(r) && fabs(r) < 1e15)
		return arena_printf(a, "%.0f", r);
	const char *s = arena_printf(a, "%.2f", r);
	size_t n = strlen(s);
	while (n > 0 && s[n - 1] == '0')
		n--;
	return arena_strndup(a, s, n);
}

/* The unit a goal's numbers are in: its own, else the metric's word. */
static const char *goal_unit(const struct goal *g)
{
	if ((g->kind == GOAL_TASKS || g->kind == GOAL_PERIOD) && g->metric == GOAL_PERCENT)
		return "%";
	if (*g->unit)
		return g->unit;
	if (g->kind == GOAL_TASKS || g->kind == GOAL_PERIOD) {
		switch (g->metric) {
		case GOAL_DAYS:
			return "days";
		case GOAL_POINTS:
			return "points";
		case GOAL_AMOUNT:
			return "";
		default:
			return "completions";
		}
	}
	return "";
}

/* "2026-05-18 – 2026-05-24", or one day. */
static const char *period_text(struct arena *a, struct period p)
{
	if (p.start == p.end)
		return page_day_text(a, p.start);
	return arena_printf(a, "%s – %s", page_day_text(a, p.start), page_day_text(a, p.end));
}

/* Recomputes goal id (0: every goal of the user) in a write transaction of its own: 0, 404
 * or 500. */
static int refresh(struct app *app, struct req *r, int64_t id)
{
	const struct user *u = page_user(r);
	if (db_begin_write(&app->db) < 0)
		return 500;
	int64_t now = clock_now(&app->clock), today = page_user_today(app, r);
	enum goal_result res =
	    id ? goal_recompute(&app->db, now, today, u->id, id) : goal_refresh(&app->db, now, today, u->id);
	if (res != GOAL_OK) {
		db_rollback(&app->db);
		return res == GOAL_NOT_FOUND ? 404 : 500;
	}
	return db_commit(&app->db) < 0 ? 500 : 0;
}

/* Reads goal route_ints[0] of the logged-in user into *g: 0, 404 or 500. */
int page_goal_load(struct app *app, struct req *r, struct goal *g)
{
	enum goal_result res = goal_get(&app->db, r->arena, page_user(r)->id, r->route_ints[0], g);
	return res == GOAL_OK ? 0 : res == GOAL_NOT_FOUND ? 404 : 500;
}

/* Sets into v what the list and the goal page show of g: names, numbers, the <progress>
 * values, status, pace, dates. */
static void goal_summary(struct arena *a, struct view *v, const struct goal *g, int week_start, int64_t today)
{
	struct goal_progress p;
	goal_progress_of(g, week_start, today, &p);
	unsigned st = (unsigned)g->status < GOAL_STATUS__MAX ? g->status : GOAL_ACTIVE;
	const char *unit = goal_unit(g);
	view_set_int(v, "id", g->id);
	view_set_str(v, "name", g->name);
	page_set_opt(v, "description", g->description);
	view_set_str(v, "kind", goal_kind_name(g->kind));
	view_set_str(v, "kind_label", kind_labels[g->kind]);
	view_set_str(v, "status", goal_status_name(st));
	view_set_str(v, "status_label", status_labels[st]);
	view_set_bool(v, "is_active", st == GOAL_ACTIVE);
	view_set_bool(v, "is_abandoned", st == GOAL_ABANDONED);
	view_set_bool(v, "is_target", g->kind == GOAL_TARGET);
	view_set_bool(v, "is_counter", g->kind == GOAL_COUNTER);
	view_set_bool(v, "is_tasks", g->kind == GOAL_TASKS);
	view_set_bool(v, "is_period", g->kind == GOAL_PERIOD);
	view_set_bool(v, "has_entries_form", g->kind == GOAL_TARGET || g->kind == GOAL_COUNTER);
	view_set_bool(v, "has_mappings", g->kind == GOAL_TASKS || g->kind == GOAL_PERIOD);
	page_set_opt(v, "category", g->category_name);
	page_set_opt(v, "unit", unit);
	view_set_str(v, "current", page_with_unit(a, g->current_value, unit));
	/* <progress>: value within 0..max */
	double max = g->kind == GOAL_COUNTER ? g->best_value : g->target_value;
	bool bar = max > 0;
	view_set_bool(v, "has_bar", bar);
	if (bar) {
		double value = g->current_value < 0 ? 0 : g->current_value > max ? max : g->current_value;
		view_set_str(v, "bar_max", page_goal_num(a, max));
		view_set_str(v, "bar_value", page_goal_num(a, value));
	}
	if (g->kind == GOAL_COUNTER) {
		view_set_str(v, "numbers", page_with_unit(a, g->current_value, unit));
		view_set_str(v, "best", page_with_unit(a, g->best_value, unit));
		view_set_bool(v, "target", false);
		view_set_str(
		    v, "percent",
		    bar ? arena_printf(a, "%.0f", floor(100.0 * (g->current_value > 0 ? g->current_value : 0) / max))
			: "0");
	} else {
		view_set_str(v, "target", page_with_unit(a, g->target_value, unit));
		view_set_str(v, "numbers",
			     arena_printf(a, "%s / %s",
					  strcmp(unit, "%") == 0 ? page_with_unit(a, g->current_value, unit)
								 : page_goal_num(a, g->current_value),
					  page_with_unit(a, g->target_value, unit)));
		view_set_str(v, "percent", arena_printf(a, "%.0f", floor(p.percent + 1e-9)));
		page_set_opt(v, "remaining", p.remaining > 0 ? page_with_unit(a, p.remaining, unit) : "");
	}
	page_set_opt(v, "start_date", g->start_date != GOAL_NO_DATE ? page_day_text(a, g->start_date) : "");
	page_set_opt(v, "deadline", g->deadline != GOAL_NO_DATE ? page_day_text(a, g->deadline) : "");
	static const char *const pace_labels[] = {
		[GOAL_PACE_NONE] = "",
		[GOAL_PACE_ON_TRACK] = "On track",
		[GOAL_PACE_BEHIND] = "Behind",
		[GOAL_PACE_ACHIEVED] = "Achieved",
	};
	static const char *const pace_words[] = {
		[GOAL_PACE_NONE] = "",
		[GOAL_PACE_ON_TRACK] = "on-track",
		[GOAL_PACE_BEHIND] = "behind",
		[GOAL_PACE_ACHIEVED] = "achieved",
	};
	/* an achieved goal's badge already says so */
	enum goal_pace shown = p.pace == GOAL_PACE_ACHIEVED && st == GOAL_ACHIEVED ? GOAL_PACE_NONE : p.pace;
	page_set_opt(v, "pace_label", pace_labels[shown]);
	page_set_opt(v, "pace", pace_words[shown]);
	if (p.pace == GOAL_PACE_ON_TRACK || p.pace == GOAL_PACE_BEHIND)
		view_set_str(v, "expected", page_with_unit(a, p.expected, unit));
	else
		view_set_bool(v, "expected", false);
	if (p.has_rate) {
		view_set_str(v, "per_day", page_with_unit(a, p.per_day, unit));
		view_set_str(v, "per_week", page_with_unit(a, p.per_week, unit));
		view_set_int(v, "days_left", p.days_left);
	} else {
		view_set_bool(v, "per_day", false);
	}
	view_set_bool(v, "not_started", p.not_started && g->kind != GOAL_COUNTER);
	if (g->kind == GOAL_PERIOD) {
		const char *word = unit_words[g->period_unit];
		view_set_str(v, "per_unit", word);
		view_set_str(v, "period", period_text(a, p.current_period));
		view_set_str(v, "period_heading",
			     p.period_ended  ? arena_printf(a, "Last %s", word)
			     : p.not_started ? arena_printf(a, "First %s", word)
					     : arena_printf(a, "This %s", word));
		view_set_str(v, "target_per", arena_printf(a, "%s a %s", page_with_unit(a, g->target_value, unit), word));
	} else {
		view_set_bool(v, "period", false);
	}
	if (g->kind == GOAL_TASKS || g->kind == GOAL_PERIOD)
		view_set_str(v, "metric", goal_metric_name(g->metric));
}

/* ---- the list ---- */

struct list_ctx {
	struct req *r;
	struct view *list;
	int64_t today;
};

/* goal_each callback: one row of the list. */
static int add_goal_row(void *ctx, const struct goal *g)
{
	struct list_ctx *c = ctx;
	struct view *row = view_map(c->r->arena);
	goal_summary(c->r->arena, row, g, page_user(c->r)->week_start, c->today);
	view_push(c->list, row);
	return 0;
}

int page_goals_get(struct app *app, struct req *r, struct resp *w)
{
	static const struct {
		const char *word, *label;
		int status; /* -1: every status */
	} filters[] = {
		{ "all", "All", -1 },
		{ "active", "Active", GOAL_ACTIVE },
		{ "achieved", "Achieved", GOAL_ACHIEVED },
		{ "failed", "Failed", GOAL_FAILED },
		{ "abandoned", "Abandoned", GOAL_ABANDONED },
	};
	const char *status = req_query(r, "status");
	size_t which = 0;
	for (size_t i = 0; status && i < sizeof filters / sizeof filters[0]; i++)
		if (strcmp(status, filters[i].word) == 0)
			which = i;
	int rc = refresh(app, r, 0);
	if (rc)
		return rc;
	struct view *v = page_view(app, r);
	view_set_str(v, "title", "Goals");
	struct view *statuses = view_list(r->arena);
	for (size_t i = 0; i < sizeof filters / sizeof filters[0]; i++) {
		struct view *s = view_map(r->arena);
		view_set_str(s, "label", filters[i].label);
		view_set_str(s, "href", i ? arena_printf(r->arena, "/goals?status=%s", filters[i].word) : "/goals");
		view_set_bool(s, "current", i == which);
		view_push(statuses, s);
	}
	view_set(v, "statuses", statuses);
	enum goal_status filter = (enum goal_status)(filters[which].status < 0 ? 0 : filters[which].status);
	struct list_ctx c = { r, view_list(r->arena), page_user_today(app, r) };
	if (goal_each(&app->db, r->arena, page_user(r)->id, filters[which].status < 0 ? NULL : &filter, add_goal_row,
		      &c) != GOAL_OK)
		return 500;
	view_set(v, "goals", c.list);
	view_set_bool(v, "has_goals", view_len(c.list) > 0);
	if (view_len(c.list) == 0) {
		if (which == 0)
			view_set_bool(v, "no_goals", true);
		else
			view_set_str(v, "empty_here", arena_printf(r->arena, "No %s goals.", filters[which].word));
	}
	if (req_query(r, "deleted"))
		view_set_str(v, "notice", "The goal was deleted.");
	return page_render(app, w, "goals", v);
}

/* ---- one goal ---- */

struct detail_ctx {
	struct req *r;
	struct view *list;
	const struct goal *g;
	const char *selected;
};

/* goal_entries_each callback: one entry row. */
static int add_entry(void *ctx, const struct goal_entry *e)
{
	struct detail_ctx *c = ctx;
	struct arena *a = c->r->arena;
	struct view *row = view_map(a);
	view_set_str(row, "day", page_day_text(a, e->day));
	view_set_str(row, "value", arena_printf(a, "%s%s", e->value > 0 ? "+" : "", page_goal_num(a, e->value)));
	view_set_bool(row, "negative", e->value < 0);
	page_set_opt(row, "note", e->note);
	view_set_bool(row, "is_reset", e->is_reset);
	view_push(c->list, row);
	return 0;
}

/* A history event in words. */
static const char *event_text(struct arena *a, const struct goal *g, const struct goal_event *e)
{
	const char *unit = goal_unit(g);
	switch (e->kind) {
	case GOAL_EVENT_CREATED:
		return e->has_new_value
			   ? arena_printf(a, "Created with a target of %s", page_with_unit(a, e->new_value, unit))
			   : "Created";
	case GOAL_EVENT_TARGET_CHANGED:
		return arena_printf(a, "Target changed from %s to %s", page_with_unit(a, e->old_value, unit),
				    page_with_unit(a, e->new_value, unit));
	case GOAL_EVENT_STATUS_CHANGED:
		return arena_printf(a, "%s → %s", e->has_old_status ? status_labels[e->old_status] : "?",
				    e->has_new_status ? status_labels[e->new_status] : "?");
	case GOAL_EVENT_RESET:
		return arena_printf(a, "Reset from %s to 0", page_with_unit(a, e->old_value, unit));
	default:
		return "Edited";
	}
}

/* goal_events_each callback: one history row. */
static int add_event(void *ctx, const struct goal_event *e)
{
	struct detail_ctx *c = ctx;
	struct arena *a = c->r->arena;
	struct view *row = view_map(a);
	view_set_str(row, "when", page_local_time(a, page_user(c->r)->time_zone, e->at));
	view_set_str(row, "text", event_text(a, c->g, e));
	page_set_opt(row, "note", e->note);
	view_push(c->list, row);
	return 0;
}

/* goal_mappings_each callback: one mapped task. */
static int add_mapping(void *ctx, const struct goal_task *t)
{
	struct detail_ctx *c = ctx;
	struct arena *a = c->r->arena;
	struct view *row = view_map(a);
	view_set_int(row, "task_id", t->task_template_id);
	view_set_int(row, "tracker_id", t->tracker_id);
	view_set_str(row, "name", t->name);
	view_set_str(row, "tracker_name", t->tracker_name);
	view_set_str(row, "weight", page_goal_num(a, t->weight));
	view_set_bool(row, "deleted", t->deleted);
	view_set_bool(row, "not_counting", !t->deleted && !t->counts_toward_goals);
	view_set_bool(row, "no_amount",
		      !t->deleted && !t->measure && c->g->kind == GOAL_PERIOD && c->g->metric == GOAL_AMOUNT);
	view_push(c->list, row);
	return 0;
}

/* goal_templates_each callback: one <option> of the add-mapping form. */
static int add_template_option(void *ctx, const struct goal_task *t)
{
	struct detail_ctx *c = ctx;
	struct arena *a = c->r->arena;
	struct view *o = view_map(a);
	const char *id = arena_printf(a, "%lld", (long long)t->task_template_id);
	view_set_str(o, "id", id);
	view_set_str(o, "label",
		     arena_printf(a, "%s › %s%s", t->tracker_name, t->name,
				  t->measure && *t->unit ? arena_printf(a, " (%s)", t->unit) : ""));
	view_set_bool(o, "selected", c->selected && strcmp(id, c->selected) == 0);
	view_push(c->list, o);
	return 0;
}

struct snapshot_ctx {
	struct req *r;
	struct view *list;
	const struct goal *g;
	int count, achieved;
};

/* goal_snapshots_each callback: one finished period (newest first in the list). */
static int add_snapshot(void *ctx, const struct goal_snapshot *s)
{
	struct snapshot_ctx *c = ctx;
	struct arena *a = c->r->arena;
	const char *unit = goal_unit(c->g);
	struct view *row = view_map(a);
	view_set_str(row, "period", period_text(a, s->period));
	view_set_str(row, "value", page_with_unit(a, s->achieved_value, unit));
	view_set_str(row, "target", page_with_unit(a, s->target_value, unit));
	view_set_str(row, "percent", arena_printf(a, "%.0f", floor(s->percent + 1e-9)));
	view_set_bool(row, "achieved", s->achieved);
	view_push(c->list, row);
	c->count++;
	c->achieved += s->achieved;
	return 0;
}

/* Renders goal g's page with status code (200, or 422 with in's typed values and v's errors). */
int page_goal_render(struct app *app, struct req *r, struct resp *w, int code, struct view *v, const struct goal *g,
		     const struct page_goal_detail_input *in)
{
	const struct user *u = page_user(r);
	int64_t today = page_user_today(app, r);
	struct arena *a = r->arena;
	if (code == 422)
		view_set_bool(v, "has_errors", true);
	view_set_str(v, "title", g->name);
	goal_summary(a, v, g, u->week_start, today);
	view_set_str(v, "today", page_day_text(a, today));
	view_set_str(v, "entry_value", in && in->value ? in->value : "");
	view_set_str(v, "entry_day", in && in->day ? in->day : page_day_text(a, today));
	view_set_str(v, "entry_note", in && in->note ? in->note : "");
	view_set_str(v, "reset_note", in && in->reset_note ? in->reset_note : "");
	view_set_str(v, "weight", in && in->weight ? in->weight : "1");
	view_set_int(v, "note_max", GOAL_NOTE_MAX);
	view_set_bool(v, "can_reset", g->kind == GOAL_COUNTER && fabs(g->current_value) > 1e-9);
	struct detail_ctx c = { r, view_list(a), g, in ? in->task_id : NULL };
	if (g->kind == GOAL_TARGET || g->kind == GOAL_COUNTER) {
		if (goal_entries_each(&app->db, a, u->id, g->id, ENTRIES_SHOWN, add_entry, &c) != GOAL_OK)
			return 500;
		view_set(v, "entries", c.list);
		view_set_bool(v, "has_entry_rows", view_len(c.list) > 0);
	}
	if (g->kind == GOAL_TASKS || g->kind == GOAL_PERIOD) {
		c.list = view_list(a);
		if (goal_mappings_each(&app->db, a, u->id, g->id, add_mapping, &c) != GOAL_OK)
			return 500;
		view_set(v, "mappings", c.list);
		view_set_bool(v, "has_mapping_rows", view_len(c.list) > 0);
		c.list = view_list(a);
		if (goal_templates_each(&app->db, a, u->id, add_template_option, &c) != GOAL_OK)
			return 500;
		view_set(v, "templates", c.list);
		view_set_bool(v, "has_templates", view_len(c.list) > 0);
	}
	if (g->kind == GOAL_PERIOD) {
		struct snapshot_ctx s = { r, view_list(a), g, 0, 0 };
		if (goal_snapshots_each(&app->db, a, u->id, g->id, add_snapshot, &s) != GOAL_OK)
			return 500;
		struct view *newest_first = view_list(a);
		for (size_t i = view_len(s.list); i > 0; i--)
			view_push(newest_first, view_at(s.list, i - 1));
		view_set(v, "snapshots", newest_first);
		view_set_bool(v, "has_snapshots", s.count > 0);
		const char *word = unit_words[g->period_unit];
		view_set_str(v, "snapshot_summary",
			     arena_printf(a, "%d of %d finished %s%s reached the target.", s.achieved, s.count, word,
					  s.count == 1 ? "" : "s"));
	}
	c.list = view_list(a);
	if (goal_events_each(&app->db, a, u->id, g->id, EVENTS_SHOWN, add_event, &c) != GOAL_OK)
		return 500;
	view_set(v, "events", c.list);
	static const struct {
		const char *word, *text;
	} notices[] = {
		{ "created", "The goal was created." },
		{ "changes", "Your changes were saved." },
		{ "entry", "The progress was logged." },
		{ "reset", "The counter was reset. Your best run is kept." },
		{ "task", "The task is linked to this goal." },
		{ "task_removed", "The task no longer feeds this goal." },
		{ "status", "The status was changed." },
	};
	const char *saved = req_query(r, "saved");
	for (size_t i = 0; saved && i < sizeof notices / sizeof notices[0]; i++)
		if (strcmp(saved, notices[i].word) == 0)
			view_set_str(v, "notice", notices[i].text);
	w->status = code;
	return page_render(app, w, "goal", v);
}

int page_goal_get(struct app *app, struct req *r, struct resp *w)
{
	int rc = refresh(app, r, r->route_ints[0]);
	struct goal g;
	if (rc || (rc = page_goal_load(app, r, &g)))
		return rc;
	return page_goal_render(app, r, w, 200, page_view(app, r), &g, NULL);
}
