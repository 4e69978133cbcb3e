/* page_goal: the goal pages (issue 5, "Goals") — the list of every kind (/goals, ?status=),
 * the kind chooser and the create form (/goals/new?kind=), a goal's page with its progress
 * bar, numbers, status, pace, entries and reset forms (target, counter), mapped tasks with an
 * add form (tasks, period), period snapshots and history, the edit form, and the actions:
 * entries, reset, mappings, abandon / reactivate, delete. The GET pages recompute first (in a
 * write transaction, as Today opens periods), so a deadline that passed, a finished period or
 * a deleted task shows at once; every POST is one transaction ending in a 303, and bad input
 * answers 422 with the message next to its field and what was typed kept. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "access.h"
#include "civil.h"
#include "clock.h"
#include "goal.h"
#include "page_util.h"
#include "pages.h"
#include "tracker.h"
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

/* What each kind is, for the chooser and the form. */
static const struct {
	const char *title, *text, *example;
} kind_texts[GOAL_KIND__MAX] = {
	[GOAL_TARGET] = { "Reach a target by a deadline",
			  "You log progress as it happens; the page shows the pace needed to make the deadline.",
			  "Save 5000 dollars by Dec 31 · Read 24 books this year" },
	[GOAL_COUNTER] = { "Count up from a start date", "An open-ended count with a reset; your longest run is kept.",
			   "Days without alcohol" },
	[GOAL_TASKS] = { "Reach a number of task completions",
			 "Fed by the check-ins of the tasks you link to it, within its dates.",
			 "Gym 10 times this month · 21-day detox: 21 days" },
	[GOAL_PERIOD] = { "Meet a target every day, week or month",
			  "Counts the linked tasks' completions, points, measured amounts or share done in each "
			  "period.",
			  "600 minutes of deep work a week" },
};

/* The metrics a form offers for each kind, with their labels. */
static const struct {
	enum goal_metric metric;
	const char *label;
} metric_options[] = {
	{ GOAL_COMPLETIONS, "Completions — each time a linked task is done" },
	{ GOAL_DAYS, "Days — days with at least one linked task done" },
	{ GOAL_POINTS, "Points — the points of the linked tasks done" },
	{ GOAL_AMOUNT, "Amount — the values of linked measured tasks (minutes, km …)" },
	{ GOAL_PERCENT, "Percent — the share of the linked tasks due that were done" },
};

/* The answer to a goal_* result: 0, 404 for GOAL_NOT_FOUND, 422 for GOAL_INVALID, else 500. */
static int result_status(enum goal_result res)
{
	return res == GOAL_OK ? 0 : res == GOAL_NOT_FOUND ? 404 : res == GOAL_INVALID ? 422 : 500;
}

/* A number for people: at most two decimals, no trailing zeros ("2250", "12.28", "-1.5"). */
static const char *num(struct arena *a, double v)
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

/* "12 books", "75%", "3". */
static const char *with_unit(struct arena *a, double v, const char *unit)
{
	if (strcmp(unit, "%") == 0)
		return arena_printf(a, "%s%%", num(a, v));
	return *unit ? arena_printf(a, "%s %s", num(a, v), unit) : num(a, v);
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

/* Reads goal route_ints[0] of the logged-in user: 0, 404 or 500. */
static int load_goal(struct app *app, struct req *r, struct goal *g)
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
	view_set_str(v, "current", with_unit(a, g->current_value, unit));
	/* <progress>: value within 0..max */
	double max = g->kind == GOAL_COUNTER ? g->best_value : g->target_value;
	bool bar = max > 0;
	view_set_bool(v, "has_bar", bar);
	if (bar) {
		double value = g->current_value < 0 ? 0 : g->current_value > max ? max : g->current_value;
		view_set_str(v, "bar_max", num(a, max));
		view_set_str(v, "bar_value", num(a, value));
	}
	if (g->kind == GOAL_COUNTER) {
		view_set_str(v, "numbers", with_unit(a, g->current_value, unit));
		view_set_str(v, "best", with_unit(a, g->best_value, unit));
		view_set_bool(v, "target", false);
		view_set_str(
		    v, "percent",
		    bar ? arena_printf(a, "%.0f", floor(100.0 * (g->current_value > 0 ? g->current_value : 0) / max))
			: "0");
	} else {
		view_set_str(v, "target", with_unit(a, g->target_value, unit));
		view_set_str(v, "numbers",
			     arena_printf(a, "%s / %s",
					  strcmp(unit, "%") == 0 ? with_unit(a, g->current_value, unit)
								 : num(a, g->current_value),
					  with_unit(a, g->target_value, unit)));
		view_set_str(v, "percent", arena_printf(a, "%.0f", floor(p.percent + 1e-9)));
		page_set_opt(v, "remaining", p.remaining > 0 ? with_unit(a, p.remaining, unit) : "");
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
		view_set_str(v, "expected", with_unit(a, p.expected, unit));
	else
		view_set_bool(v, "expected", false);
	if (p.has_rate) {
		view_set_str(v, "per_day", with_unit(a, p.per_day, unit));
		view_set_str(v, "per_week", with_unit(a, p.per_week, unit));
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
		view_set_str(v, "target_per", arena_printf(a, "%s a %s", with_unit(a, g->target_value, unit), word));
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

/* ---- the create and edit forms ---- */

/* A goal form as typed (or as stored, for the edit page). */
struct goal_form {
	const char *kind, *name, *description, *unit, *target_value, *start_date, *deadline, *metric, *period_unit,
	    *category_id;
	int64_t *task_ids; /* create form: the tasks to link */
	size_t task_count;
};

struct option_ctx {
	struct req *r;
	struct view *list;
	const char *selected;
	const struct goal_form *f;
};

/* category_each callback: one <option>. */
static int add_category_option(void *ctx, const struct category *cat)
{
	struct option_ctx *c = ctx;
	struct view *o = view_map(c->r->arena);
	const char *id = arena_printf(c->r->arena, "%lld", (long long)cat->id);
	view_set_str(o, "id", id);
	view_set_str(o, "name", cat->name);
	view_set_bool(o, "selected", strcmp(id, c->selected) == 0);
	view_push(c->list, o);
	return 0;
}

/* goal_templates_each callback: one task checkbox of the create form. */
static int add_task_choice(void *ctx, const struct goal_task *t)
{
	struct option_ctx *c = ctx;
	struct view *o = view_map(c->r->arena);
	view_set_int(o, "id", t->task_template_id);
	view_set_str(o, "name", t->name);
	view_set_str(o, "tracker_name", t->tracker_name);
	view_set_bool(o, "measure", t->measure);
	page_set_opt(o, "unit", t->unit);
	view_set_bool(o, "not_counting", !t->counts_toward_goals);
	bool checked = false;
	for (size_t i = 0; i < c->f->task_count; i++)
		checked |= c->f->task_ids[i] == t->task_template_id;
	view_set_bool(o, "checked", checked);
	view_push(c->list, o);
	return 0;
}

/* Renders the kind chooser (status 200, or 422 when a posted kind was unknown). */
static int render_chooser(struct app *app, struct req *r, struct resp *w, int status)
{
	struct view *v = page_view(app, r);
	view_set_str(v, "title", "New goal");
	view_set_bool(v, "choose_kind", true);
	if (status == 422)
		view_set_str(v, "kind_error", "Choose a kind of goal.");
	struct view *kinds = view_list(r->arena);
	for (int k = 0; k < GOAL_KIND__MAX; k++) {
		struct view *o = view_map(r->arena);
		view_set_str(o, "kind", goal_kind_name(k));
		view_set_str(o, "label", kind_labels[k]);
		view_set_str(o, "title", kind_texts[k].title);
		view_set_str(o, "text", kind_texts[k].text);
		view_set_str(o, "example", kind_texts[k].example);
		view_push(kinds, o);
	}
	view_set(v, "kinds", kinds);
	w->status = status;
	return page_render(app, w, "goal_form", v);
}

/* Renders the create (g NULL) or edit form of kind k with v's error keys. */
static int render_form(struct app *app, struct req *r, struct resp *w, int status, struct view *v,
		       const struct goal_form *f, enum goal_kind k, const struct goal *g)
{
	bool edit = g != NULL;
	if (status == 422)
		view_set_bool(v, "has_errors", true);
	const char *heading = edit ? arena_printf(r->arena, "Edit %s", g->name)
				   : arena_printf(r->arena, "New goal: %s", kind_texts[k].title);
	view_set_str(v, "title", heading);
	view_set_str(v, "heading", heading);
	view_set_bool(v, "is_edit", edit);
	view_set_str(v, "kind", goal_kind_name(k));
	view_set_str(v, "kind_text", kind_texts[k].text);
	view_set_str(v, "kind_example", kind_texts[k].example);
	view_set_bool(v, "is_target", k == GOAL_TARGET);
	view_set_bool(v, "is_counter", k == GOAL_COUNTER);
	view_set_bool(v, "is_period", k == GOAL_PERIOD);
	view_set_bool(v, "has_target", k != GOAL_COUNTER);
	view_set_bool(v, "has_deadline", k != GOAL_COUNTER);
	view_set_bool(v, "deadline_required", k == GOAL_TARGET);
	view_set_bool(v, "has_metric", k == GOAL_TASKS || k == GOAL_PERIOD);
	if (edit) {
		view_set_int(v, "goal_id", g->id);
		view_set_str(v, "action", arena_printf(r->arena, "/goals/%lld", (long long)g->id));
	} else {
		view_set_str(v, "action", "/goals");
	}
	view_set_str(v, "submit_label", edit ? "Save changes" : "Create the goal");
	view_set_int(v, "name_max", GOAL_NAME_MAX);
	view_set_int(v, "description_max", GOAL_DESCRIPTION_MAX);
	view_set_int(v, "unit_max", GOAL_UNIT_MAX);
	view_set_str(v, "name", f->name);
	view_set_str(v, "description", f->description);
	view_set_str(v, "unit", f->unit);
	view_set_str(v, "target_value", f->target_value);
	view_set_str(v, "start_date", f->start_date);
	view_set_str(v, "deadline", f->deadline);
	struct view *metrics = view_list(r->arena);
	for (size_t i = 0; i < sizeof metric_options / sizeof metric_options[0]; i++) {
		if (!goal_metric_fits(k, metric_options[i].metric))
			continue;
		struct view *o = view_map(r->arena);
		view_set_str(o, "value", goal_metric_name(metric_options[i].metric));
		view_set_str(o, "label", metric_options[i].label);
		view_set_bool(o, "selected", strcmp(f->metric, goal_metric_name(metric_options[i].metric)) == 0);
		view_push(metrics, o);
	}
	view_set(v, "metrics", metrics);
	struct view *units = view_list(r->arena);
	for (int u = 0; u < GOAL_PERIOD_UNIT__MAX; u++) {
		struct view *o = view_map(r->arena);
		view_set_str(o, "value", goal_period_unit_name(u));
		view_set_str(o, "label",
			     u == GOAL_PER_DAY    ? "Every day"
			     : u == GOAL_PER_WEEK ? "Every week"
						  : "Every month");
		view_set_bool(o, "selected", strcmp(f->period_unit, goal_period_unit_name(u)) == 0);
		view_push(units, o);
	}
	view_set(v, "period_units", units);
	struct option_ctx c = { r, view_list(r->arena), f->category_id, f };
	if (category_each(&app->db, r->arena, page_user(r)->id, add_category_option, &c) != TRACKER_OK)
		return 500;
	view_set(v, "categories", c.list);
	if (!edit && (k == GOAL_TASKS || k == GOAL_PERIOD)) {
		struct option_ctx t = { r, view_list(r->arena), "", f };
		if (goal_templates_each(&app->db, r->arena, page_user(r)->id, add_task_choice, &t) != GOAL_OK)
			return 500;
		view_set(v, "task_choices", t.list);
		view_set_bool(v, "offer_tasks", true);
		view_set_bool(v, "has_task_choices", view_len(t.list) > 0);
	}
	w->status = status;
	return page_render(app, w, "goal_form", v);
}

/* Neutral values for a field goal_input_check named, so that it goes on to the next problem. */
static void neutralize(struct goal_input *in, const char *field)
{
	if (strcmp(field, "name") == 0)
		in->name = "x";
	else if (strcmp(field, "description") == 0)
		in->description = "";
	else if (strcmp(field, "unit") == 0)
		in->unit = "";
	else if (strcmp(field, "metric") == 0)
		in->metric = GOAL_COMPLETIONS;
	else if (strcmp(field, "period_unit") == 0)
		in->period_unit = GOAL_PER_WEEK;
	else if (strcmp(field, "target_value") == 0)
		in->target_value = 1;
	else if (strcmp(field, "start_date") == 0)
		in->start_date = GOAL_NO_DATE;
	else if (strcmp(field, "deadline") == 0)
		in->deadline = CIVIL_DAY_MAX;
	else
		in->kind = GOAL_COUNTER;
}

/* Reads the posted form of a goal of kind k into *f and *in, setting an error key in v for each
 * bad field. g: the edited goal (NULL when creating: the form may then name tasks to link).
 * Returns the number of problems, or -404 / -500 for a category or task that is not the
 * user's, or a database error. */
static int read_form(struct app *app, struct req *r, struct view *v, struct goal_form *f, struct goal_input *in,
		     enum goal_kind k, const struct goal *g)
{
	const struct user *u = page_user(r);
	int64_t today = page_user_today(app, r);
	f->kind = goal_kind_name(k);
	f->name = page_field(r, "name");
	f->description = page_field(r, "description");
	f->unit = page_field(r, "unit");
	f->target_value = k == GOAL_COUNTER ? "" : page_field(r, "target_value");
	f->start_date = page_field(r, "start_date");
	f->deadline = k == GOAL_COUNTER ? "" : page_field(r, "deadline");
	f->metric = page_field(r, "metric");
	f->period_unit = page_field(r, "period_unit");
	f->category_id = page_field(r, "category_id");
	memset(in, 0, sizeof *in);
	in->name = f->name;
	in->description = f->description;
	in->unit = f->unit;
	in->kind = k;
	in->metric = GOAL_COMPLETIONS;
	in->period_unit = GOAL_PER_WEEK;
	int problems = 0;
	if (k != GOAL_COUNTER && page_parse_number(f->target_value, &in->target_value) < 0) {
		page_field_error(v, "target_value",
				 *f->target_value ? "Enter a number like 10 or 5000." : "Enter a target above 0.");
		in->target_value = 1;
		problems++;
	}
	if (page_parse_optional_day(f->start_date, &in->start_date) < 0) {
		page_field_error(v, "start_date", "Enter a real date like 2026-05-22, or leave it empty.");
		in->start_date = GOAL_NO_DATE;
		problems++;
	}
	if (page_parse_optional_day(f->deadline, &in->deadline) < 0) {
		page_field_error(v, "deadline", "Enter a real date like 2026-12-31.");
		in->deadline = k == GOAL_TARGET ? CIVIL_DAY_MAX : GOAL_NO_DATE;
		problems++;
	}
	if ((k == GOAL_TASKS || k == GOAL_PERIOD) && goal_metric_parse(f->metric, &in->metric) < 0)
		in->metric = GOAL_METRIC__MAX; /* goal_input_check says what to choose */
	if (k == GOAL_PERIOD && goal_period_unit_parse(f->period_unit, &in->period_unit) < 0)
		in->period_unit = GOAL_PERIOD_UNIT__MAX;
	if (*f->category_id) {
		if (page_parse_id(f->category_id, &in->category_id) < 0) {
			page_field_error(v, "category_id", "Choose a category from the list.");
			in->category_id = 0;
			problems++;
		} else {
			int rc = access_check(&app->db, ACCESS_CATEGORY, in->category_id, u->id);
			if (rc)
				return -rc;
		}
	}
	if (!g && (k == GOAL_TASKS || k == GOAL_PERIOD)) {
		f->task_ids = arena_calloc(r->arena, r->form.count ? r->form.count : 1, sizeof *f->task_ids);
		for (size_t i = 0; i < r->form.count; i++) {
			const struct http_param *p = &r->form.items[i];
			int64_t id;
			if (strcmp(p->name, "task_ids") != 0)
				continue;
			if (page_parse_id(p->value, &id) < 0)
				return -404;
			int rc = access_check(&app->db, ACCESS_TASK_TEMPLATE, id, u->id);
			if (rc)
				return -rc;
			bool seen = false;
			for (size_t j = 0; j < f->task_count; j++)
				seen |= f->task_ids[j] == id;
			if (!seen)
				f->task_ids[f->task_count++] = id;
		}
	}
	/* an edit that leaves the start date empty keeps the stored one: check against it */
	struct goal_input probe = *in;
	if (g && probe.start_date == GOAL_NO_DATE)
		probe.start_date = g->start_date;
	if (!g && probe.start_date == GOAL_NO_DATE && k != GOAL_COUNTER)
		probe.start_date = today; /* what goal_create will use */
	const char *field, *msg;
	for (int i = 0;
	     i < 10 && (msg = goal_input_check(&probe, today, g ? g->deadline : GOAL_NO_DATE, &field)) && field; i++) {
		page_field_error(v, field, msg);
		neutralize(&probe, field);
		problems++;
	}
	return problems;
}

int page_goal_new_get(struct app *app, struct req *r, struct resp *w)
{
	enum goal_kind k;
	if (goal_kind_parse(req_query(r, "kind"), &k) < 0)
		return render_chooser(app, r, w, 200);
	struct goal_form f = {
		.kind = goal_kind_name(k),
		.name = "",
		.description = "",
		.unit = "",
		.target_value = "",
		.start_date = "",
		.deadline = "",
		.metric = k == GOAL_PERIOD ? "amount" : "completions",
		.period_unit = "week",
		.category_id = "",
	};
	return render_form(app, r, w, 200, page_view(app, r), &f, k, NULL);
}

int page_goals_post(struct app *app, struct req *r, struct resp *w)
{
	enum goal_kind k;
	if (goal_kind_parse(page_field(r, "kind"), &k) < 0)
		return render_chooser(app, r, w, 422);
	struct view *v = page_view(app, r);
	struct goal_form f = { 0 };
	struct goal_input in;
	int problems = read_form(app, r, v, &f, &in, k, NULL);
	if (problems < 0)
		return -problems;
	if (problems)
		return render_form(app, r, w, 422, v, &f, k, NULL);
	const struct user *u = page_user(r);
	int64_t now = clock_now(&app->clock), today = page_user_today(app, r), id = 0;
	if (db_begin_write(&app->db) < 0)
		return 500;
	enum goal_result res = goal_create(&app->db, now, today, u->id, &in, &id);
	for (size_t i = 0; i < f.task_count && res == GOAL_OK; i++)
		res = goal_mapping_set(&app->db, now, today, u->id, id, f.task_ids[i], 1);
	if (res == GOAL_INVALID) {
		db_rollback(&app->db);
		page_field_error(v, "task_ids", "A task you chose was deleted meanwhile. Choose again.");
		return render_form(app, r, w, 422, v, &f, k, NULL);
	}
	return page_write_end(app, w, result_status(res),
			      arena_printf(r->arena, "/goals/%lld?saved=created", (long long)id));
}

int page_goal_edit_get(struct app *app, struct req *r, struct resp *w)
{
	struct goal g;
	int rc = load_goal(app, r, &g);
	if (rc)
		return rc;
	struct goal_form f = {
		.kind = goal_kind_name(g.kind),
		.name = g.name,
		.description = g.description,
		.unit = g.unit,
		.target_value = g.kind == GOAL_COUNTER ? "" : num(r->arena, g.target_value),
		.start_date = g.start_date != GOAL_NO_DATE ? page_day_text(r->arena, g.start_date) : "",
		.deadline = g.deadline != GOAL_NO_DATE ? page_day_text(r->arena, g.deadline) : "",
		.metric = goal_metric_name(g.metric),
		.period_unit = goal_period_unit_name(g.period_unit),
		.category_id = g.category_id ? arena_printf(r->arena, "%lld", (long long)g.category_id) : "",
	};
	return render_form(app, r, w, 200, page_view(app, r), &f, g.kind, &g);
}

int page_goal_post(struct app *app, struct req *r, struct resp *w)
{
	struct goal g;
	int rc = load_goal(app, r, &g);
	if (rc)
		return rc;
	struct view *v = page_view(app, r);
	struct goal_form f = { 0 };
	struct goal_input in;
	int problems = read_form(app, r, v, &f, &in, g.kind, &g);
	if (problems < 0)
		return -problems;
	if (problems)
		return render_form(app, r, w, 422, v, &f, g.kind, &g);
	if (db_begin_write(&app->db) < 0)
		return 500;
	enum goal_result res =
	    goal_update(&app->db, clock_now(&app->clock), page_user_today(app, r), page_user(r)->id, g.id, &in);
	return page_write_end(app, w, result_status(res),
			      arena_printf(r->arena, "/goals/%lld?saved=changes", (long long)g.id));
}

/* ---- one goal ---- */

/* What the goal page's forms had typed when a POST fails (NULL fields: the defaults). */
struct detail_input {
	const char *value, *day, *note, *reset_note, *task_id, *weight;
};

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
	view_set_str(row, "value", arena_printf(a, "%s%s", e->value > 0 ? "+" : "", num(a, e->value)));
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
			   ? arena_printf(a, "Created with a target of %s", with_unit(a, e->new_value, unit))
			   : "Created";
	case GOAL_EVENT_TARGET_CHANGED:
		return arena_printf(a, "Target changed from %s to %s", with_unit(a, e->old_value, unit),
				    with_unit(a, e->new_value, unit));
	case GOAL_EVENT_STATUS_CHANGED:
		return arena_printf(a, "%s → %s", e->has_old_status ? status_labels[e->old_status] : "?",
				    e->has_new_status ? status_labels[e->new_status] : "?");
	case GOAL_EVENT_RESET:
		return arena_printf(a, "Reset from %s to 0", with_unit(a, e->old_value, unit));
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
	view_set_str(row, "weight", num(a, t->weight));
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
	view_set_str(row, "value", with_unit(a, s->achieved_value, unit));
	view_set_str(row, "target", with_unit(a, s->target_value, unit));
	view_set_str(row, "percent", arena_printf(a, "%.0f", floor(s->percent + 1e-9)));
	view_set_bool(row, "achieved", s->achieved);
	view_push(c->list, row);
	c->count++;
	c->achieved += s->achieved;
	return 0;
}

/* Renders goal g's page with status code (200, or 422 with in's typed values and v's errors). */
static int render_goal(struct app *app, struct req *r, struct resp *w, int code, struct view *v, const struct goal *g,
		       const struct detail_input *in)
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
	if (rc || (rc = load_goal(app, r, &g)))
		return rc;
	return render_goal(app, r, w, 200, page_view(app, r), &g, NULL);
}

/* ---- actions ---- */

/* Loads the routed goal and checks that it takes the action: 0, or 404 when it is missing,
 * another user's, or of a kind without that action. */
static int load_goal_for(struct app *app, struct req *r, struct goal *g, bool entries, bool counter, bool mappings)
{
	int rc = load_goal(app, r, g);
	if (rc)
		return rc;
	bool ok = (entries && (g->kind == GOAL_TARGET || g->kind == GOAL_COUNTER)) ||
		  (counter && g->kind == GOAL_COUNTER) ||
		  (mappings && (g->kind == GOAL_TASKS || g->kind == GOAL_PERIOD));
	return ok ? 0 : 404;
}

int page_goal_entries_post(struct app *app, struct req *r, struct resp *w)
{
	struct goal g;
	int rc = load_goal_for(app, r, &g, true, false, false);
	if (rc)
		return rc;
	struct detail_input in = { .value = page_field(r, "value"),
				   .day = page_field(r, "day"),
				   .note = page_field(r, "note") };
	struct view *v = page_view(app, r);
	int64_t today = page_user_today(app, r), day = today;
	double value = 0;
	int problems = 0;
	if (page_parse_number(in.value, &value) < 0) {
		page_field_error(v, "value",
				 *in.value ? "Enter a number like 250, or -20 to correct." : "Enter a number.");
		value = 1;
		problems++;
	}
	if (*in.day && civil_parse(in.day, &day) < 0) {
		page_field_error(v, "day", "Enter a real date like 2026-05-22.");
		day = today;
		problems++;
	}
	const char *field, *msg;
	double probe_value = value;
	int64_t probe_day = day;
	const char *probe_note = in.note;
	for (int i = 0; i < 3 && (msg = goal_entry_check(probe_value, probe_day, today, probe_note, &field)) && field;
	     i++) {
		page_field_error(v, field, msg);
		problems++;
		if (strcmp(field, "value") == 0)
			probe_value = 1;
		else if (strcmp(field, "day") == 0)
			probe_day = today;
		else
			probe_note = "";
	}
	if (problems)
		return render_goal(app, r, w, 422, v, &g, &in);
	if (db_begin_write(&app->db) < 0)
		return 500;
	enum goal_result res =
	    goal_entry_add(&app->db, clock_now(&app->clock), today, page_user(r)->id, g.id, value, day, in.note);
	return page_write_end(app, w, result_status(res),
			      arena_printf(r->arena, "/goals/%lld?saved=entry#entries", (long long)g.id));
}

int page_goal_reset_post(struct app *app, struct req *r, struct resp *w)
{
	struct goal g;
	int rc = load_goal_for(app, r, &g, false, true, false);
	if (rc)
		return rc;
	struct detail_input in = { .reset_note = page_field(r, "note") };
	struct view *v = page_view(app, r);
	int64_t today = page_user_today(app, r);
	const char *field, *msg = goal_entry_check(1, today, today, in.reset_note, &field);
	if (msg) {
		page_field_error(v, "reset_note", msg);
		return render_goal(app, r, w, 422, v, &g, &in);
	}
	if (fabs(g.current_value) < 1e-9) {
		page_field_error(v, "reset_note", "The count is already 0: there is nothing to reset.");
		return render_goal(app, r, w, 422, v, &g, &in);
	}
	if (db_begin_write(&app->db) < 0)
		return 500;
	enum goal_result res =
	    goal_reset(&app->db, clock_now(&app->clock), today, page_user(r)->id, g.id, in.reset_note);
	return page_write_end(app, w, result_status(res),
			      arena_printf(r->arena, "/goals/%lld?saved=reset", (long long)g.id));
}

int page_goal_tasks_post(struct app *app, struct req *r, struct resp *w)
{
	struct goal g;
	int rc = load_goal_for(app, r, &g, false, false, true);
	if (rc)
		return rc;
	const struct user *u = page_user(r);
	struct detail_input in = { .task_id = page_field(r, "task_id"), .weight = page_field(r, "weight") };
	struct view *v = page_view(app, r);
	int problems = 0;
	int64_t task_id = 0;
	double weight = 1;
	if (page_parse_id(in.task_id, &task_id) < 0) {
		page_field_error(v, "task_id", "Choose a task from the list.");
		problems++;
	} else if ((rc = access_check(&app->db, ACCESS_TASK_TEMPLATE, task_id, u->id))) {
		return rc; /* another user's task: 404 */
	}
	if (*in.weight && (page_parse_number(in.weight, &weight) < 0 || weight < 0 || weight > 1)) {
		page_field_error(v, "weight", "Enter a weight from 0 to 1: 1 counts fully, 0.5 counts half.");
		problems++;
	}
	if (problems)
		return render_goal(app, r, w, 422, v, &g, &in);
	if (db_begin_write(&app->db) < 0)
		return 500;
	enum goal_result res =
	    goal_mapping_set(&app->db, clock_now(&app->clock), page_user_today(app, r), u->id, g.id, task_id, weight);
	if (res == GOAL_INVALID) {
		db_rollback(&app->db);
		page_field_error(v, "task_id", "This task was deleted. Choose another one.");
		return render_goal(app, r, w, 422, v, &g, &in);
	}
	return page_write_end(app, w, result_status(res),
			      arena_printf(r->arena, "/goals/%lld?saved=task#tasks", (long long)g.id));
}

int page_goal_task_delete_post(struct app *app, struct req *r, struct resp *w)
{
	struct goal g;
	int rc = load_goal_for(app, r, &g, false, false, true);
	if (rc)
		return rc;
	if (db_begin_write(&app->db) < 0)
		return 500;
	enum goal_result res = goal_mapping_delete(&app->db, clock_now(&app->clock), page_user_today(app, r),
						   page_user(r)->id, g.id, r->route_ints[1]);
	return page_write_end(app, w, result_status(res),
			      arena_printf(r->arena, "/goals/%lld?saved=task_removed#tasks", (long long)g.id));
}

int page_goal_status_post(struct app *app, struct req *r, struct resp *w)
{
	struct goal g;
	int rc = load_goal(app, r, &g);
	if (rc)
		return rc;
	const char *action = page_field(r, "action");
	bool abandon = strcmp(action, "abandon") == 0;
	if (!abandon && strcmp(action, "reactivate") != 0)
		return 400;
	if (db_begin_write(&app->db) < 0)
		return 500;
	int64_t now = clock_now(&app->clock), today = page_user_today(app, r);
	enum goal_result res = abandon ? goal_abandon(&app->db, now, today, page_user(r)->id, g.id)
				       : goal_reactivate(&app->db, now, today, page_user(r)->id, g.id);
	return page_write_end(app, w, result_status(res),
			      arena_printf(r->arena, "/goals/%lld?saved=status", (long long)g.id));
}

int page_goal_delete_post(struct app *app, struct req *r, struct resp *w)
{
	struct goal g;
	int rc = load_goal(app, r, &g);
	if (rc)
		return rc;
	if (db_begin_write(&app->db) < 0)
		return 500;
	enum goal_result res = goal_delete(&app->db, clock_now(&app->clock), page_user(r)->id, g.id);
	return page_write_end(app, w, result_status(res), "/goals?deleted=1");
}
