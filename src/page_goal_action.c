/* page_goal_action: the actions on one goal — POST /goals/{id}/entries and /reset (target,
 * counter), /tasks and /tasks/{task_id}/delete (tasks, period), /status (abandon,
 * reactivate) and /delete. Each is one transaction ending in a 303; bad input answers 422 with
 * the goal's page, the message next to its field and what was typed kept. */
#include <math.h>
#include <string.h>

#include "access.h"
#include "civil.h"
#include "clock.h"
#include "goal.h"
#include "page_goal_internal.h"
#include "page_util.h"
#include "pages.h"
#include "user.h"

/* Loads the routed goal and checks that it takes the action: 0, or 404 when it is missing,
 * another user's, or of a kind without that action. */
static int load_goal_for(struct app *app, struct req *r, struct goal *g, bool entries, bool counter, bool mappings)
{
	int rc = page_goal_load(app, r, g);
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
	struct page_goal_detail_input in = { .value = page_field(r, "value"),
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
		return page_goal_render(app, r, w, 422, v, &g, &in);
	if (db_begin_write(&app->db) < 0)
		return 500;
	enum goal_result res =
	    goal_entry_add(&app->db, clock_now(&app->clock), today, page_user(r)->id, g.id, value, day, in.note);
	return page_write_end(app, w, page_goal_result_status(res),
			      arena_printf(r->arena, "/goals/%lld?saved=entry#entries", (long long)g.id));
}

int page_goal_reset_post(struct app *app, struct req *r, struct resp *w)
{
	struct goal g;
	int rc = load_goal_for(app, r, &g, false, true, false);
	if (rc)
		return rc;
	struct page_goal_detail_input in = { .reset_note = page_field(r, "note") };
	struct view *v = page_view(app, r);
	int64_t today = page_user_today(app, r);
	const char *field, *msg = goal_entry_check(1, today, today, in.reset_note, &field);
	if (msg) {
		page_field_error(v, "reset_note", msg);
		return page_goal_render(app, r, w, 422, v, &g, &in);
	}
	if (fabs(g.current_value) < 1e-9) {
		page_field_error(v, "reset_note", "The count is already 0: there is nothing to reset.");
		return page_goal_render(app, r, w, 422, v, &g, &in);
	}
	if (db_begin_write(&app->db) < 0)
		return 500;
	enum goal_result res =
	    goal_reset(&app->db, clock_now(&app->clock), today, page_user(r)->id, g.id, in.reset_note);
	return page_write_end(app, w, page_goal_result_status(res),
			      arena_printf(r->arena, "/goals/%lld?saved=reset", (long long)g.id));
}

int page_goal_tasks_post(struct app *app, struct req *r, struct resp *w)
{
	struct goal g;
	int rc = load_goal_for(app, r, &g, false, false, true);
	if (rc)
		return rc;
	const struct user *u = page_user(r);
	struct page_goal_detail_input in = { .task_id = page_field(r, "task_id"), .weight = page_field(r, "weight") };
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
		return page_goal_render(app, r, w, 422, v, &g, &in);
	if (db_begin_write(&app->db) < 0)
		return 500;
	enum goal_result res =
	    goal_mapping_set(&app->db, clock_now(&app->clock), page_user_today(app, r), u->id, g.id, task_id, weight);
	if (res == GOAL_INVALID) {
		db_rollback(&app->db);
		page_field_error(v, "task_id", "This task was deleted. Choose another one.");
		return page_goal_render(app, r, w, 422, v, &g, &in);
	}
	return page_write_end(app, w, page_goal_result_status(res),
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
	return page_write_end(app, w, page_goal_result_status(res),
			      arena_printf(r->arena, "/goals/%lld?saved=task_removed#tasks", (long long)g.id));
}

int page_goal_status_post(struct app *app, struct req *r, struct resp *w)
{
	struct goal g;
	int rc = page_goal_load(app, r, &g);
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
	return page_write_end(app, w, page_goal_result_status(res),
			      arena_printf(r->arena, "/goals/%lld?saved=status", (long long)g.id));
}

int page_goal_delete_post(struct app *app, struct req *r, struct resp *w)
{
	struct goal g;
	int rc = page_goal_load(app, r, &g);
	if (rc)
		return rc;
	if (db_begin_write(&app->db) < 0)
		return 500;
	enum goal_result res = goal_delete(&app->db, clock_now(&app->clock), page_user(r)->id, g.id);
	return page_write_end(app, w, page_goal_result_status(res), "/goals?deleted=1");
}
