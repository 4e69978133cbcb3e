/* page_goal_form: the goal forms — the kind chooser and the create form (GET /goals/new?kind=,
 * POST /goals) and the edit form (GET /goals/{id}/edit, POST /goals/{id}). A POST is one
 * transaction ending in a 303; bad input answers 422 with the message next to its field and
 * what was typed kept. */
#include <string.h>

#include "access.h"
#include "civil.h"
#include "clock.h"
#include "goal.h"
#include "page_goal_internal.h"
#include "page_util.h"
#include "pages.h"
#include "tracker.h"
#include "user.h"

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
		view_set_str(o, "label", page_goal_kind_label(k));
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
	return page_write_end(app, w, page_goal_result_status(res),
			      arena_printf(r->arena, "/goals/%lld?saved=created", (long long)id));
}

int page_goal_edit_get(struct app *app, struct req *r, struct resp *w)
{
	struct goal g;
	int rc = page_goal_load(app, r, &g);
	if (rc)
		return rc;
	struct goal_form f = {
		.kind = goal_kind_name(g.kind),
		.name = g.name,
		.description = g.description,
		.unit = g.unit,
		.target_value = g.kind == GOAL_COUNTER ? "" : page_goal_num(r->arena, g.target_value),
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
	int rc = page_goal_load(app, r, &g);
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
	return page_write_end(app, w, page_goal_result_status(res),
			      arena_printf(r->arena, "/goals/%lld?saved=changes", (long long)g.id));
}
