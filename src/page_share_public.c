/* page_share_public: the public side of share links (issue 7) — /s/{token}, its password form
 * and unlock cookie, and /s/{token}/heatmap.svg. Every answer under /s/ these handlers give,
 * their own error pages and the statuses they hand back to the dispatcher alike, carries
 * Cache-Control: no-store, Referrer-Policy: no-referrer (the address holds the token),
 * X-Robots-Tag: noindex and the app's CSP. The pages use their own minimal layout (no
 * navigation, no link into the app) and show only what the owner chose. Unknown, deactivated
 * and regenerated tokens answer the same 404 page; expired and used-up links 410. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analytics.h"
#include "auth.h"
#include "civil.h"
#include "clock.h"
#include "goal.h"
#include "habit_stats.h"
#include "instance.h"
#include "log.h"
#include "page_share_internal.h"
#include "page_util.h"
#include "pages.h"
#include "picture_view.h"
#include "route.h"
#include "share.h"
#include "task.h"
#include "tracker.h"
#include "user.h"

#define STATUS_PERIODS 14 /* periods in the public "statuses" table */
#define NOTES_DAYS 90     /* notes of the last 90 days … */
#define NOTES_MAX 30      /* … at most 30 of them */
#define ENTRIES_MAX 10    /* a goal's newest progress entries */
#define COMPLETION_DAYS 30

const char *page_share_path(struct arena *a, const char *token)
{
	return arena_printf(a, "/s/%s", token);
}

/* The headers of every public answer (public_answer sets them first, so that they stay on error
 * pages too). */
static void public_headers(struct resp *w)
{
	resp_set_header(w, "Cache-Control", "no-store");
	resp_set_header(w, "Referrer-Policy", "no-referrer");
	resp_set_header(w, "X-Robots-Tag", "noindex");
	resp_set_header(w, "Content-Security-Policy", HTTP_CSP);
}

/* A fresh view for a public page: nothing of the visitor's session, nothing of the owner. */
static struct view *public_view(struct req *r, const char *title)
{
	struct view *v = view_map(r->arena);
	view_set_str(v, "app_name", "trackpro");
	view_set_str(v, "title", title);
	return v;
}

/* Renders a public error page (404, 410, 429, 500) and returns 0 (the status is set on w). */
static int public_error(struct app *app, struct req *r, struct resp *w, int status, const char *title,
			const char *message)
{
	struct view *v = public_view(r, title);
	view_set_int(v, "status", status);
	view_set_str(v, "message", message);
	w->status = status;
	if (page_render(app, w, "public_error", v) != 0) {
		buf_reset(&w->body);
		buf_printf(&w->body, "%d %s\n", status, title);
		resp_set_header(w, "Content-Type", "text/plain; charset=utf-8");
	}
	return 0;
}

/* The same 404 for every token that leads nowhere (unknown, deactivated, regenerated). */
static int public_not_found(struct app *app, struct req *r, struct resp *w)
{
	return public_error(app, r, w, 404, "Link not found",
			    "There is nothing at this address. The link may be mistyped, or it was turned off.");
}

/* The answer to a refused access. */
static int public_refuse(struct app *app, struct req *r, struct resp *w, enum share_access acc)
{
	switch (acc) {
	case SHARE_ACCESS_EXPIRED:
		return public_error(app, r, w, 410, "Link expired",
				    "This link has expired. Ask the person who shared it for a new one.");
	case SHARE_ACCESS_USED_UP:
		return public_error(app, r, w, 410, "Link used up",
				    "This link has been opened as many times as it allows. Ask the person who shared "
				    "it for a new one.");
	case SHARE_ACCESS_ERROR:
		return public_error(app, r, w, 500, "Something went wrong",
				    "An error on our side stopped this page. Please try again in a moment.");
	default:
		return public_not_found(app, r, w);
	}
}

/* The unlock cookie's name (per link by its Path). */
static const char *unlock_cookie(const struct app *app)
{
	return config_is_https(app->config) ? "__Secure-trackpro_share" : "trackpro_share";
}

/* True when l needs no password or r carries a valid unlock for it. */
static bool unlocked(struct app *app, struct req *r, const struct share_link *l, int64_t now)
{
	return !l->password_hash || share_unlock_valid(l, req_cookie(r, unlock_cookie(app)), now);
}

/* Renders the password form with status (200, 422 or 429) and an optional error. */
static int render_password(struct app *app, struct req *r, struct resp *w, int status, const char *error)
{
	struct view *v = public_view(r, "Password needed");
	view_set_str(v, "action", page_share_path(r->arena, r->route_strs[0]));
	view_set_str(v, "csrf", auth_form_token(app, r, w));
	page_set_opt(v, "error", error ? error : "");
	w->status = status;
	return page_render(app, w, "public_password", v);
}

/* Who shared, as habit_stats and goals need it: the owner's calendar settings and today. */
struct owner_info {
	struct habit_owner ho;
	const char *time_zone;
	int week_start;
	int64_t today;
};

static int load_owner(struct app *app, struct req *r, int64_t user_id, struct owner_info *o)
{
	struct user u;
	struct user_preferences prefs;
	if (user_get(&app->db, r->arena, user_id, &u) != USER_OK ||
	    user_get_preferences(&app->db, r->arena, user_id, &prefs) != USER_OK)
		return 500;
	int64_t now = clock_now(&app->clock);
	o->time_zone = u.time_zone;
	o->week_start = u.week_start;
	if (civil_today(u.time_zone, now, &o->today) < 0)
		civil_today("UTC", now, &o->today);
	memset(&o->ho, 0, sizeof o->ho);
	o->ho.user_id = user_id;
	o->ho.week_start = u.week_start;
	o->ho.time_zone = u.time_zone;
	o->ho.threshold = prefs.streak_threshold;
	o->ho.today = o->today;
	o->ho.window_days = 0;
	return 0;
}

/* Sets "completion" in v from done and due counts of the last 30 days. */
static void completion_view(struct arena *a, struct view *v, int percent, int done, int due)
{
	struct view *c = view_map(a);
	view_set_bool(c, "known", percent >= 0);
	view_set_str(c, "percent", percent >= 0 ? arena_printf(a, "%d%%", percent) : "—");
	view_set_int(c, "done", done);
	view_set_int(c, "due", due);
	view_set(v, "completion", c);
}

/* The year heatmap of days[0..n) for the year holding today. */
static struct view *year_view(struct arena *a, const struct owner_info *o, const char *color, const char *name,
			      const struct picture_day *days, size_t n)
{
	int y, m, d;
	civil_to_ymd(o->today, &y, &m, &d);
	struct view *v = view_map(a);
	view_set(v, "heatmap", picture_heatmap(a, y, o->week_start, color, days, n, arena_printf(a, "%s in %d", name, y)));
	view_set_int(v, "year", y);
	view_set_bool(v, "empty", n == 0);
	return v;
}

/* ---- a tracker ---- */

/* The heatmap days of the year of today and the completion of the last 30 days of tracker t. */
static int tracker_days(struct app *app, struct req *r, const struct owner_info *o, const struct tracker *t,
			struct picture_day **days_out, size_t *n_out, struct analytics_summary *last30)
{
	struct arena *a = r->arena;
	int y, m, d;
	civil_to_ymd(o->today, &y, &m, &d);
	int64_t ys = civil_from_ymd(y, 1, 1), from30 = o->today - COMPLETION_DAYS + 1;
	struct analytics_filter f = { .from = from30, .to = o->today, .tracker_id = t->id,
				      .utc_offset = page_utc_offset(app, o->time_zone) };
	struct analytics_data data;
	int64_t span_from = ys < from30 ? ys : from30;
	if (analytics_load(&app->db, a, o->ho.user_id, &f, span_from, o->today, &data) != ANALYTICS_OK)
		return 500;
	*last30 = analytics_summarize(&data, from30, o->today);
	struct picture_day *days = arena_calloc(a, (size_t)(o->today - ys + 1), sizeof *days);
	size_t n = 0;
	for (int64_t day = ys; day <= o->today; day++) {
		const struct analytics_day *x = analytics_data_day(&data, day);
		if (!x)
			continue;
		int due = 0;
		for (int k = 0; k < INSTANCE_STATUS__MAX; k++)
			due += k == INSTANCE_SKIPPED ? 0 : x->count[k];
		if (due > 0)
			days[n++] = (struct picture_day){ day, due, x->count[INSTANCE_DONE] };
	}
	*days_out = days;
	*n_out = n;
	return 0;
}

struct tasks_ctx {
	struct app *app;
	struct req *r;
	const struct owner_info *o;
	const struct tracker *t;
	struct view *list;
	int failed;
};

/* task_each callback: an active task's name and streaks. */
static int add_task(void *ctx, const struct task_template *tt)
{
	struct tasks_ctx *c = ctx;
	if (tt->status != TASK_ACTIVE)
		return 0;
	struct habit_stats s;
	if (habit_stats_task(&c->app->db, &c->o->ho, c->t, tt, &s) < 0) {
		c->failed = 1;
		return 1;
	}
	struct arena *a = c->r->arena;
	struct view *x = view_map(a);
	view_set_str(x, "name", tt->name);
	view_set_str(x, "current", page_periods_text(a, s.streak.current, c->t->time_mode));
	view_set_str(x, "longest", page_periods_text(a, s.streak.longest, c->t->time_mode));
	view_push(c->list, x);
	return 0;
}

/* The statuses of the newest periods of t: [{period, summary, items [{name, status, label}]}]. */
static int tracker_statuses(struct app *app, struct req *r, const struct owner_info *o, const struct tracker *t,
			    bool with_names, struct view *v)
{
	struct arena *a = r->arena;
	sqlite3_stmt *s = db_stmt(&app->db, STMT_SHARE_STATUSES);
	if (!s || db_bind_int(s, ":tracker_id", t->id) || db_bind_int(s, ":user_id", o->ho.user_id) ||
	    db_bind_text(s, ":today", page_day_text(a, o->today)) || db_bind_int(s, ":limit", STATUS_PERIODS))
		return 500;
	struct view *list = view_list(a), *period = NULL, *items = NULL;
	char current[CIVIL_DATE_SIZE] = "";
	int done = 0, due = 0, rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *start = (const char *)sqlite3_column_text(s, 0), *end = (const char *)sqlite3_column_text(s, 1);
		const char *name = (const char *)sqlite3_column_text(s, 2), *status = (const char *)sqlite3_column_text(s, 3);
		if (!start || !end || !name || !status)
			continue;
		if (!period || strcmp(current, start) != 0) {
			if (period)
				view_set_str(period, "summary", arena_printf(a, "%d of %d done", done, due));
			period = view_map(a);
			items = view_list(a);
			view_set_str(period, "period", strcmp(start, end) == 0 ? arena_strdup(a, start)
									       : arena_printf(a, "%s – %s", start, end));
			view_set(period, "items", items);
			view_push(list, period);
			snprintf(current, sizeof current, "%s", start);
			done = due = 0;
		}
		enum instance_status st;
		if (instance_status_parse(status, &st) < 0)
			st = INSTANCE_TODO;
		done += st == INSTANCE_DONE;
		due += st != INSTANCE_SKIPPED;
		struct view *item = view_map(a);
		page_set_opt(item, "name", with_names ? name : "");
		view_set_str(item, "status", instance_status_name(st));
		view_set_str(item, "label", instance_status_label(st));
		view_push(items, item);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		log_error("share_statuses: %s", sqlite3_errmsg(app->db.conn));
		return 500;
	}
	if (period)
		view_set_str(period, "summary", arena_printf(a, "%d of %d done", done, due));
	view_set(v, "statuses", list);
	view_set_bool(v, "has_statuses", view_len(list) > 0);
	view_set_bool(v, "show_statuses", true);
	return 0;
}

/* The day notes of t in the last NOTES_DAYS days: [{day, body}]. */
static int tracker_notes(struct app *app, struct req *r, const struct owner_info *o, const struct tracker *t,
			 struct view *v)
{
	struct arena *a = r->arena;
	sqlite3_stmt *s = db_stmt(&app->db, STMT_SHARE_NOTES);
	if (!s || db_bind_int(s, ":tracker_id", t->id) || db_bind_int(s, ":user_id", o->ho.user_id) ||
	    db_bind_text(s, ":from", page_day_text(a, o->today - NOTES_DAYS + 1)) ||
	    db_bind_text(s, ":to", page_day_text(a, o->today)) || db_bind_int(s, ":limit", NOTES_MAX))
		return 500;
	struct view *list = view_list(a);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct view *n = view_map(a);
		view_set_str(n, "day", (const char *)sqlite3_column_text(s, 0));
		view_set_str(n, "body", (const char *)sqlite3_column_text(s, 1));
		view_push(list, n);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		log_error("share_notes: %s", sqlite3_errmsg(app->db.conn));
		return 500;
	}
	view_set(v, "notes", list);
	view_set_bool(v, "has_notes", view_len(list) > 0);
	view_set_bool(v, "show_notes", true);
	return 0;
}

/* Fills v with what link l shows of its tracker; 0, 404 (the tracker is gone) or 500. */
static int tracker_page(struct app *app, struct req *r, const struct share_link *l, const struct owner_info *o,
			struct view *v, struct tracker *t)
{
	struct arena *a = r->arena;
	enum tracker_result tr = tracker_get(&app->db, a, l->user_id, l->tracker_id, false, t);
	if (tr != TRACKER_OK)
		return tr == TRACKER_NOT_FOUND ? 404 : 500;
	view_set_str(v, "title", t->name);
	view_set_str(v, "name", t->name);
	view_set_str(v, "color", t->color);
	view_set_bool(v, "is_tracker", true);
	struct habit_stats stats;
	if (habit_stats_tracker(&app->db, &o->ho, t, &stats) < 0)
		return 500;
	struct view *streak = view_map(a);
	view_set_str(streak, "current", page_periods_text(a, stats.streak.current, t->time_mode));
	view_set_str(streak, "longest", page_periods_text(a, stats.streak.longest, t->time_mode));
	view_set(v, "streak", streak);
	struct picture_day *days;
	size_t n;
	struct analytics_summary last30;
	int rc = tracker_days(app, r, o, t, &days, &n, &last30);
	if (rc)
		return rc;
	completion_view(a, v, last30.percent, last30.done, last30.due);
	view_set(v, "year_view", year_view(a, o, t->color, t->name, days, n));
	if (l->show_tasks) {
		struct tasks_ctx c = { app, r, o, t, view_list(a), 0 };
		enum task_result res = task_each(&app->db, a, l->user_id, t->id, false, add_task, &c);
		if (c.failed || res != TASK_OK)
			return 500;
		view_set(v, "tasks", c.list);
		view_set_bool(v, "has_tasks", view_len(c.list) > 0);
		view_set_bool(v, "show_tasks", true);
	}
	if (l->show_statuses && (rc = tracker_statuses(app, r, o, t, l->show_tasks, v)) != 0)
		return rc;
	if (l->show_notes && (rc = tracker_notes(app, r, o, t, v)) != 0)
		return rc;
	return 0;
}

/* ---- a goal ---- */

/* The heatmap days of the year of today and the done / due counts of the last 30 days of a
 * tasks or period goal's mapped tasks. */
static int goal_days(struct app *app, struct req *r, const struct owner_info *o, const struct goal *g,
		     struct picture_day **days_out, size_t *n_out, int *done30, int *due30)
{
	struct arena *a = r->arena;
	int y, m, d;
	civil_to_ymd(o->today, &y, &m, &d);
	int64_t ys = civil_from_ymd(y, 1, 1), from30 = o->today - COMPLETION_DAYS + 1;
	int64_t from = ys < from30 ? ys : from30;
	sqlite3_stmt *s = db_stmt(&app->db, STMT_SHARE_GOAL_DAYS);
	if (!s || db_bind_int(s, ":goal_id", g->id) || db_bind_int(s, ":user_id", o->ho.user_id) ||
	    db_bind_text(s, ":from", page_day_text(a, from)) || db_bind_text(s, ":to", page_day_text(a, o->today)))
		return 500;
	struct picture_day *days = arena_calloc(a, (size_t)(o->today - from + 1), sizeof *days);
	size_t n = 0;
	*done30 = *due30 = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t day;
		const char *text = (const char *)sqlite3_column_text(s, 0);
		if (!text || civil_parse(text, &day) < 0 || n >= (size_t)(o->today - from + 1))
			continue;
		int done = sqlite3_column_int(s, 1), due = sqlite3_column_int(s, 2);
		if (day >= from30) {
			*done30 += done;
			*due30 += due;
		}
		if (day >= ys && due > 0)
			days[n++] = (struct picture_day){ day, due, done };
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		log_error("share_goal_days: %s", sqlite3_errmsg(app->db.conn));
		return 500;
	}
	*days_out = days;
	*n_out = n;
	return 0;
}

struct goal_ctx {
	struct req *r;
	struct view *list;
	const struct share_link *l;
	const char *unit;
};

/* goal_mappings_each callback: a mapped task's name (never its tracker's). */
static int add_mapping(void *ctx, const struct goal_task *t)
{
	struct goal_ctx *c = ctx;
	if (t->deleted)
		return 0;
	struct view *x = view_map(c->r->arena);
	view_set_str(x, "name", t->name);
	view_push(c->list, x);
	return 0;
}

/* goal_entries_each callback: an entry's day, and its value and note as the link allows. */
static int add_entry(void *ctx, const struct goal_entry *e)
{
	struct goal_ctx *c = ctx;
	struct arena *a = c->r->arena;
	if (!c->l->show_statuses && !(c->l->show_notes && e->note && *e->note))
		return 0;
	struct view *x = view_map(a);
	view_set_str(x, "day", page_day_text(a, e->day));
	if (c->l->show_statuses)
		view_set_str(x, "value", e->is_reset ? "reset" : arena_printf(a, "%s%s", e->value > 0 ? "+" : "",
									      page_with_unit(a, e->value, c->unit)));
	else
		view_set_bool(x, "value", false);
	page_set_opt(x, "note", c->l->show_notes ? e->note : "");
	view_push(c->list, x);
	return 0;
}

/* goal_snapshots_each callback: a finished period. */
static int add_snapshot(void *ctx, const struct goal_snapshot *s)
{
	struct goal_ctx *c = ctx;
	struct arena *a = c->r->arena;
	struct view *x = view_map(a);
	view_set_str(x, "period", s->period.start == s->period.end
					  ? page_day_text(a, s->period.start)
					  : arena_printf(a, "%s – %s", page_day_text(a, s->period.start), page_day_text(a, s->period.end)));
	view_set_str(x, "percent", arena_printf(a, "%.0f%%", floor(s->percent + 1e-9)));
	view_set_bool(x, "achieved", s->achieved);
	view_push(c->list, x);
	return 0;
}

static const char *const goal_status_labels[GOAL_STATUS__MAX] = {
	[GOAL_ACTIVE] = "Active", [GOAL_ACHIEVED] = "Achieved", [GOAL_FAILED] = "Missed", [GOAL_ABANDONED] = "Abandoned",
};

/* Fills v with what link l shows of its goal; 0, 404 or 500. */
static int goal_page(struct app *app, struct req *r, const struct share_link *l, const struct owner_info *o,
		     struct view *v, struct goal *g)
{
	struct arena *a = r->arena;
	int64_t now = clock_now(&app->clock);
	/* deadlines that passed and periods that ended show at once, as on the owner's page */
	if (db_begin_write(&app->db) < 0)
		return 500;
	enum goal_result res = goal_recompute(&app->db, now, o->today, l->user_id, l->goal_id);
	if (res != GOAL_OK) {
		db_rollback(&app->db);
		return res == GOAL_NOT_FOUND ? 404 : 500;
	}
	if (db_commit(&app->db) < 0)
		return 500;
	res = goal_get(&app->db, a, l->user_id, l->goal_id, g);
	if (res != GOAL_OK)
		return res == GOAL_NOT_FOUND ? 404 : 500;
	view_set_str(v, "title", g->name);
	view_set_str(v, "name", g->name);
	view_set_bool(v, "is_goal", true);
	struct goal_progress p;
	goal_progress_of(g, o->week_start, o->today, &p);
	unsigned st = (unsigned)g->status < GOAL_STATUS__MAX ? g->status : GOAL_ACTIVE;
	struct view *gv = view_map(a);
	view_set_str(gv, "status", goal_status_name(st));
	view_set_str(gv, "status_label", goal_status_labels[st]);
	double max = g->kind == GOAL_COUNTER ? g->best_value : g->target_value;
	if (max > 0) {
		double value = g->current_value < 0 ? 0 : g->current_value > max ? max : g->current_value;
		view_set_str(gv, "bar_max", page_number_text(a, max));
		view_set_str(gv, "bar_value", page_number_text(a, value));
		view_set_bool(gv, "has_bar", true);
	}
	if (g->kind == GOAL_COUNTER) {
		view_set_str(gv, "numbers", page_with_unit(a, g->current_value, g->unit));
		view_set_str(gv, "best", page_with_unit(a, g->best_value, g->unit));
	} else {
		view_set_str(gv, "numbers", arena_printf(a, "%s of %s", page_with_unit(a, g->current_value, g->unit),
							 page_with_unit(a, g->target_value, g->unit)));
		view_set_str(gv, "percent", arena_printf(a, "%.0f%%", floor(p.percent + 1e-9)));
		if (g->kind == GOAL_PERIOD)
			view_set_str(gv, "per", g->period_unit == GOAL_PER_WEEK    ? "a week"
						: g->period_unit == GOAL_PER_MONTH ? "a month"
										   : "a day");
	}
	if (g->deadline != GOAL_NO_DATE)
		view_set_str(gv, "deadline", page_day_text(a, g->deadline));
	static const char *const pace_labels[] = {
		[GOAL_PACE_NONE] = "", [GOAL_PACE_ON_TRACK] = "On track", [GOAL_PACE_BEHIND] = "Behind", [GOAL_PACE_ACHIEVED] = "",
	};
	page_set_opt(gv, "pace", pace_labels[p.pace]);
	view_set(v, "goal", gv);
	if (g->kind == GOAL_TASKS || g->kind == GOAL_PERIOD) {
		struct picture_day *days;
		size_t n;
		int done = 0, due = 0;
		int rc = goal_days(app, r, o, g, &days, &n, &done, &due);
		if (rc)
			return rc;
		completion_view(a, v, due > 0 ? (int)(100LL * done / due) : -1, done, due);
		view_set(v, "year_view", year_view(a, o, "#2f6f4f", g->name, days, n));
	}
	struct goal_ctx c = { r, view_list(a), l, g->unit };
	if (l->show_tasks && (g->kind == GOAL_TASKS || g->kind == GOAL_PERIOD)) {
		if (goal_mappings_each(&app->db, a, l->user_id, g->id, add_mapping, &c) != GOAL_OK)
			return 500;
		view_set(v, "goal_tasks", c.list);
		view_set_bool(v, "has_goal_tasks", view_len(c.list) > 0);
		view_set_bool(v, "show_goal_tasks", true);
	}
	if ((l->show_statuses || l->show_notes) && (g->kind == GOAL_TARGET || g->kind == GOAL_COUNTER)) {
		c.list = view_list(a);
		if (goal_entries_each(&app->db, a, l->user_id, g->id, ENTRIES_MAX, add_entry, &c) != GOAL_OK)
			return 500;
		view_set(v, "entries", c.list);
		view_set_bool(v, "has_entries", view_len(c.list) > 0);
		view_set_bool(v, "show_entries", true);
	}
	if (l->show_statuses && g->kind == GOAL_PERIOD) {
		c.list = view_list(a);
		if (goal_snapshots_each(&app->db, a, l->user_id, g->id, add_snapshot, &c) != GOAL_OK)
			return 500;
		struct view *newest = view_list(a);
		for (size_t i = view_len(c.list); i > 0 && view_len(newest) < STATUS_PERIODS; i--)
			view_push(newest, view_at(c.list, i - 1));
		view_set(v, "snapshots", newest);
		view_set_bool(v, "has_snapshots", view_len(newest) > 0);
		view_set_bool(v, "show_snapshots", true);
	}
	return 0;
}

/* ---- the handlers ---- */

/* Resolves the routed token: 0 with *l set and access OK, or a refusal already rendered into w
 * (*done set). */
static int public_resolve(struct app *app, struct req *r, struct resp *w, struct share_link *l, bool *done)
{
	*done = true;
	enum share_access acc = share_resolve(&app->db, r->arena, r->route_strs[0], clock_now(&app->clock), l);
	if (acc != SHARE_ACCESS_OK)
		return public_refuse(app, r, w, acc);
	*done = false;
	return 0;
}

/* Takes a use of the routed token for a GET (a HEAD only looks): 0 with *done false to go on. */
static int public_use(struct app *app, struct req *r, struct resp *w, struct share_link *l, bool *done)
{
	*done = false;
	if (r->method == HTTP_HEAD)
		return 0;
	enum share_access acc = share_take_use(&app->db, r->arena, r->route_strs[0], clock_now(&app->clock), l);
	if (acc == SHARE_ACCESS_OK)
		return 0;
	*done = true;
	return public_refuse(app, r, w, acc);
}

/* Fills v with link l's page. Returns true when it could not, after rendering the error page
 * (404 when the tracker or goal is gone, 500) into w. */
static bool public_content(struct app *app, struct req *r, struct resp *w, const struct share_link *l, struct view *v)
{
	struct owner_info o;
	int rc = load_owner(app, r, l->user_id, &o);
	if (!rc) {
		struct tracker t;
		struct goal g;
		rc = l->tracker_id ? tracker_page(app, r, l, &o, v, &t) : goal_page(app, r, l, &o, v, &g);
	}
	if (rc == 404)
		public_not_found(app, r, w);
	else if (rc)
		public_refuse(app, r, w, SHARE_ACCESS_ERROR);
	return rc != 0;
}

/* GET /s/{token}: the password form while the link is locked, else the page (taking a use). */
static int public_page(struct app *app, struct req *r, struct resp *w)
{
	struct share_link l;
	bool done;
	int rc = public_resolve(app, r, w, &l, &done);
	if (done)
		return rc;
	if (!unlocked(app, r, &l, clock_now(&app->clock)))
		return render_password(app, r, w, 200, NULL);
	if ((rc = public_use(app, r, w, &l, &done)) != 0 || done)
		return rc;
	struct view *v = public_view(r, "");
	if (public_content(app, r, w, &l, v))
		return 0;
	return page_render(app, w, "public", v);
}

/* POST /s/{token}: the password form; the unlock cookie and back to the page when it is right. */
static int public_password_post(struct app *app, struct req *r, struct resp *w)
{
	struct share_link l;
	bool done;
	int rc = public_resolve(app, r, w, &l, &done);
	if (done)
		return rc;
	const char *self = page_share_path(r->arena, r->route_strs[0]);
	if (!l.password_hash) {
		resp_redirect(w, self);
		return 0;
	}
	int64_t now = clock_now(&app->clock), wait = 0;
	const char *password = req_form(r, "password");
	enum share_password_result res = share_password_try(&app->db, &l, password, password ? strlen(password) : 0,
							    r->remote_addr, now, &wait);
	switch (res) {
	case SHARE_PASSWORD_OK: {
		char value[SHARE_UNLOCK_VALUE_SIZE];
		share_unlock_value(&l, now, value);
		struct cookie_opts o = {
			.max_age = SHARE_UNLOCK_SECONDS,
			.http_only = true,
			.secure = config_is_https(app->config),
			.same_site = "Lax",
			.path = self,
		};
		resp_cookie(w, unlock_cookie(app), value, &o);
		resp_redirect(w, self);
		return 0;
	}
	case SHARE_PASSWORD_WAIT:
		resp_set_header(w, "Retry-After", arena_printf(r->arena, "%lld", (long long)wait));
		return render_password(app, r, w, 429,
				       arena_printf(r->arena, "Too many wrong passwords. Wait %lld second%s and try again.",
						    (long long)wait, wait == 1 ? "" : "s"));
	case SHARE_PASSWORD_WRONG:
		return render_password(app, r, w, 422, "That password is not right.");
	default:
		return public_refuse(app, r, w, SHARE_ACCESS_ERROR);
	}
}

/* GET /s/{token}/heatmap.svg: the year heatmap alone, for a link that allows embedding. */
static int public_heatmap(struct app *app, struct req *r, struct resp *w)
{
	struct share_link l;
	bool done;
	int rc = public_resolve(app, r, w, &l, &done);
	if (done)
		return rc;
	if (!l.allow_embed || !unlocked(app, r, &l, clock_now(&app->clock)))
		return public_not_found(app, r, w);
	if ((rc = public_use(app, r, w, &l, &done)) != 0 || done)
		return rc;
	/* only the heatmap: the options for tasks, statuses and notes do not apply to a picture */
	struct share_link plain = l;
	plain.show_tasks = plain.show_statuses = plain.show_notes = false;
	struct view *v = public_view(r, "");
	if (public_content(app, r, w, &plain, v))
		return 0;
	struct view *year = view_get(v, "year_view");
	struct view *heatmap = year ? view_get(year, "heatmap") : NULL;
	if (!heatmap) {
		/* a target or counter goal has no heatmap: an empty year */
		struct owner_info o;
		if (load_owner(app, r, l.user_id, &o) != 0)
			return public_refuse(app, r, w, SHARE_ACCESS_ERROR);
		const struct view *name = view_get(v, "name");
		heatmap = view_get(year_view(r->arena, &o, "#2f6f4f", name ? view_string(name, NULL) : "", NULL, 0),
				   "heatmap");
	}
	if ((rc = page_render(app, w, "public_heatmap", heatmap)) != 0)
		return rc;
	resp_set_header(w, "Content-Type", "image/svg+xml; charset=utf-8");
	return 0;
}

/* Runs public handler h with the public headers set before it starts: whatever it answers — a
 * page, one of its own error pages, a redirect, or a status handed back for the dispatcher's
 * error page (which keeps headers already set) — carries them. */
static int public_answer(struct app *app, struct req *r, struct resp *w, route_handler h)
{
	public_headers(w);
	return h(app, r, w);
}

int page_public_share_get(struct app *app, struct req *r, struct resp *w)
{
	return public_answer(app, r, w, public_page);
}

int page_public_share_post(struct app *app, struct req *r, struct resp *w)
{
	return public_answer(app, r, w, public_password_post);
}

int page_public_share_heatmap_get(struct app *app, struct req *r, struct resp *w)
{
	return public_answer(app, r, w, public_heatmap);
}
