/* page_share: share links (issue 7) — the owner's side (create from a tracker's or a goal's
 * page, the list at /shares, deactivate, regenerate, delete; the full address shown once, in
 * the answer to the POST that made it, never stored) and the public side: /s/{token}, its
 * password form and /s/{token}/heatmap.svg. Public answers carry Cache-Control: no-store,
 * Referrer-Policy: no-referrer (the address holds the token), X-Robots-Tag: noindex and the
 * app's CSP, use their own minimal layout (no navigation, no link into the app) and show only
 * what the owner chose. Unknown, deactivated and regenerated tokens answer the same 404 page;
 * expired and used-up links 410. */
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
#include "page_util.h"
#include "pages.h"
#include "picture_view.h"
#include "share.h"
#include "task.h"
#include "timezone.h"
#include "tracker.h"
#include "user.h"

#define STATUS_PERIODS 14 /* periods in the public "statuses" table */
#define NOTES_DAYS 90     /* notes of the last 90 days … */
#define NOTES_MAX 30      /* … at most 30 of them */
#define ENTRIES_MAX 10    /* a goal's newest progress entries */
#define COMPLETION_DAYS 30

/* ======================================================================================== */
/* ---- the owner's side ---- */

/* The share form as typed. */
struct share_form {
	const char *label, *expires, *expires_at, *max_uses;
	bool show_tasks, show_statuses, show_notes, allow_embed;
};

/* True when checkbox name was sent checked. */
static bool checked(struct req *r, const char *name)
{
	const char *v = req_form(r, name);
	return v && *v && strcmp(v, "0") != 0;
}

/* Seconds since the epoch of local time `local` (seconds of a local calendar) in zone. */
static int local_to_utc(const char *zone, int64_t local, int64_t *out)
{
	int off;
	if (timezone_offset_minutes(zone, local, &off) < 0)
		return -1;
	int64_t guess = local - (int64_t)off * 60;
	if (timezone_offset_minutes(zone, guess, &off) < 0)
		return -1;
	*out = local - (int64_t)off * 60;
	return 0;
}

/* Parses "YYYY-MM-DD" (the link works through that day) or "YYYY-MM-DDTHH:MM" (until then) in
 * zone into *out. Returns 0 or -1. */
static int parse_expiry_date(const char *s, const char *zone, int64_t *out)
{
	size_t n = strlen(s);
	if (n < 10)
		return -1;
	char date[11];
	memcpy(date, s, 10);
	date[10] = '\0';
	int64_t day;
	if (civil_parse(date, &day) < 0)
		return -1;
	int64_t local;
	if (n == 10) {
		local = (day + 1) * 86400;
	} else {
		if (s[10] != 'T' && s[10] != ' ')
			return -1;
		int minute = page_parse_clock(s + 11);
		if (minute < 0)
			return -1;
		local = day * 86400 + (int64_t)minute * 60;
	}
	return local_to_utc(zone, local, out);
}

/* Reads the posted form into *f and *in, setting "share_<field>_error" in v for each problem;
 * returns how many there were. */
static int read_form(struct app *app, struct req *r, struct view *v, struct share_form *f, struct share_input *in)
{
	const struct user *u = page_user(r);
	int64_t now = clock_now(&app->clock);
	f->label = page_field(r, "label");
	f->expires = page_field(r, "expires");
	f->expires_at = page_field(r, "expires_at");
	f->max_uses = page_field(r, "max_uses");
	f->show_tasks = checked(r, "show_tasks");
	f->show_statuses = checked(r, "show_statuses");
	f->show_notes = checked(r, "show_notes");
	f->allow_embed = checked(r, "allow_embed");
	if (!*f->expires)
		f->expires = *f->expires_at ? "date" : "never";
	in->label = f->label;
	in->show_tasks = f->show_tasks;
	in->show_statuses = f->show_statuses;
	in->show_notes = f->show_notes;
	in->allow_embed = f->allow_embed;
	const char *password = req_form(r, "password");
	in->password = password && *password ? password : NULL;
	int problems = 0;
	in->expires_at = 0;
	if (strcmp(f->expires, "day") == 0) {
		in->expires_at = now + 86400;
	} else if (strcmp(f->expires, "week") == 0) {
		in->expires_at = now + 7 * 86400;
	} else if (strcmp(f->expires, "month") == 0) {
		in->expires_at = now + 30 * 86400;
	} else if (strcmp(f->expires, "date") == 0) {
		if (!*f->expires_at) {
			view_set_str(v, "share_expires_error", "Choose the date and time the link stops working.");
			problems++;
		} else if (parse_expiry_date(f->expires_at, u->time_zone, &in->expires_at) < 0) {
			view_set_str(v, "share_expires_error", "Enter a date and time like 2026-05-29T18:00.");
			in->expires_at = 0;
			problems++;
		}
	} else if (strcmp(f->expires, "never") != 0) {
		view_set_str(v, "share_expires_error", "Choose when the link expires.");
		problems++;
	}
	in->max_uses = 0;
	if (*f->max_uses) {
		long long n;
		if (page_parse_int(f->max_uses, -1000000000LL, 1000000000LL, &n) < 0) {
			view_set_str(v, "share_max_uses_error", "Enter a whole number of uses, or leave it empty for no limit.");
			problems++;
		} else if (n < 1) {
			view_set_str(v, "share_max_uses_error", "Allow at least 1 use, or leave it empty for no limit.");
			problems++;
		} else if (n > SHARE_MAX_USES_MAX) {
			view_set_str(v, "share_max_uses_error", "Allow at most 1000000 uses, or leave it empty for no limit.");
			problems++;
		} else {
			in->max_uses = n;
		}
	}
	/* what the domain sees, each field once */
	struct share_input probe = *in;
	const char *field, *msg;
	for (int i = 0; i < 5 && (msg = share_input_check(&probe, now, &field)); i++) {
		const char *key = arena_printf(r->arena, "share_%s_error", field);
		if (!view_get(v, key)) {
			view_set_str(v, key, msg);
			problems++;
		}
		if (strcmp(field, "label") == 0)
			probe.label = "";
		else if (strcmp(field, "expires") == 0)
			probe.expires_at = 0;
		else if (strcmp(field, "max_uses") == 0)
			probe.max_uses = 0;
		else if (strcmp(field, "password") == 0)
			probe.password = NULL;
		else if (strcmp(field, "allow_embed") == 0)
			probe.allow_embed = false;
		else
			break;
	}
	return problems;
}

/* Sets the form's typed values into v for the share_fields partial. */
static void form_values(struct view *v, const struct share_form *f)
{
	view_set_str(v, "share_label", f->label);
	view_set_bool(v, "share_show_tasks", f->show_tasks);
	view_set_bool(v, "share_show_statuses", f->show_statuses);
	view_set_bool(v, "share_show_notes", f->show_notes);
	view_set_bool(v, "share_allow_embed", f->allow_embed);
	static const struct {
		const char *word, *key;
	} choices[] = {
		{ "week", "share_expires_week" }, { "day", "share_expires_day" }, { "month", "share_expires_month" },
		{ "never", "share_expires_never" }, { "date", "share_expires_date" },
	};
	for (size_t i = 0; i < sizeof choices / sizeof choices[0]; i++)
		view_set_bool(v, choices[i].key, strcmp(f->expires, choices[i].word) == 0);
	view_set_str(v, "share_expires_at", f->expires_at);
	view_set_str(v, "share_max_uses", f->max_uses);
}

/* What the link to be made shows, for the form and result pages. */
struct share_target {
	int64_t tracker_id, goal_id;
	const char *name;
	const char *back_href; /* the tracker's or goal's page */
	const char *action;    /* where the form posts */
};

/* Renders the form again (422) with v's errors. */
static int render_form(struct app *app, struct resp *w, struct view *v, const struct share_target *t,
		       const struct share_form *f)
{
	view_set_bool(v, "has_errors", true);
	view_set_str(v, "title", "Share");
	view_set_str(v, "object_name", t->name);
	view_set_str(v, "back_href", t->back_href);
	view_set_str(v, "share_action", t->action);
	view_set_int(v, "share_label_max", SHARE_LABEL_MAX);
	form_values(v, f);
	w->status = 422;
	return page_render(app, w, "share_new", v);
}

/* The public address of token. */
static const char *share_url(struct app *app, struct req *r, const char *token)
{
	return arena_printf(r->arena, "%s/s/%s", app->config->base_url, token);
}

/* What link l shows, in words: "the heatmap and streaks, task names, notes". */
static const char *shows_words(struct arena *a, const struct share_link *l)
{
	const char *s = "the heatmap, streaks and progress";
	if (l->show_tasks)
		s = arena_printf(a, "%s, task names", s);
	if (l->show_statuses)
		s = arena_printf(a, "%s, statuses", s);
	if (l->show_notes)
		s = arena_printf(a, "%s, notes", s);
	return s;
}

/* Renders the page holding a new address (after creating or regenerating link id): the only
 * time it is ever shown. */
static int render_created(struct app *app, struct req *r, struct resp *w, int64_t id, const char *token, bool regenerated)
{
	const struct user *u = page_user(r);
	struct share_link l;
	enum share_result res = share_get(&app->db, r->arena, u->id, id, &l);
	if (res != SHARE_OK)
		return res == SHARE_NOT_FOUND ? 404 : 500;
	struct view *v = page_view(app, r);
	view_set_str(v, "title", regenerated ? "New share address" : "Share link created");
	view_set_str(v, "heading", regenerated ? "A new address for this link" : "Your share link is ready");
	view_set_bool(v, "regenerated", regenerated);
	const char *url = share_url(app, r, token);
	view_set_str(v, "url", url);
	view_set_str(v, "object_name", l.object_name);
	view_set_str(v, "back_href", l.tracker_id ? arena_printf(r->arena, "/trackers/%lld", (long long)l.tracker_id)
						  : arena_printf(r->arena, "/goals/%lld", (long long)l.goal_id));
	page_set_opt(v, "label", l.label);
	view_set_str(v, "shows", shows_words(r->arena, &l));
	view_set_str(v, "expires", l.expires_at ? page_local_time(r->arena, u->time_zone, l.expires_at) : "never");
	view_set_str(v, "max_uses", l.max_uses ? arena_printf(r->arena, "%lld", (long long)l.max_uses) : "no limit");
	view_set_bool(v, "has_password", l.password_hash != NULL);
	if (l.allow_embed)
		view_set_str(v, "embed", arena_printf(r->arena, "<img src=\"%s/heatmap.svg\" alt=\"%s: heatmap\">", url,
						      l.object_name));
	else
		view_set_bool(v, "embed", false);
	resp_set_header(w, "Cache-Control", "no-store");
	return page_render(app, w, "share_created", v);
}

/* The create POST for target t: 422 with the form again, or the page with the new address. */
static int create(struct app *app, struct req *r, struct resp *w, const struct share_target *t)
{
	const struct user *u = page_user(r);
	struct view *v = page_view(app, r);
	struct share_form f = { 0 };
	struct share_input in = { .tracker_id = t->tracker_id, .goal_id = t->goal_id };
	int problems = read_form(app, r, v, &f, &in);
	if (problems)
		return render_form(app, w, v, t, &f);
	char token[TOKEN_TEXT_LEN + 1];
	int64_t id = 0;
	enum share_result res = share_create(&app->db, clock_now(&app->clock), u->id, &in, token, &id);
	if (res == SHARE_INVALID)
		return render_form(app, w, v, t, &f);
	if (res != SHARE_OK)
		return res == SHARE_NOT_FOUND ? 404 : 500;
	return render_created(app, r, w, id, token, false);
}

int page_tracker_share_post(struct app *app, struct req *r, struct resp *w)
{
	struct tracker t;
	int rc = page_load_tracker(app, r, &t);
	if (rc)
		return rc;
	struct share_target target = {
		.tracker_id = t.id,
		.name = t.name,
		.back_href = arena_printf(r->arena, "/trackers/%lld", (long long)t.id),
		.action = arena_printf(r->arena, "/trackers/%lld/shares", (long long)t.id),
	};
	return create(app, r, w, &target);
}

int page_goal_share_post(struct app *app, struct req *r, struct resp *w)
{
	struct goal g;
	enum goal_result res = goal_get(&app->db, r->arena, page_user(r)->id, r->route_ints[0], &g);
	if (res != GOAL_OK)
		return res == GOAL_NOT_FOUND ? 404 : 500;
	struct share_target target = {
		.goal_id = g.id,
		.name = g.name,
		.back_href = arena_printf(r->arena, "/goals/%lld", (long long)g.id),
		.action = arena_printf(r->arena, "/goals/%lld/shares", (long long)g.id),
	};
	return create(app, r, w, &target);
}

struct list_ctx {
	struct req *r;
	struct view *list;
	int64_t now;
};

/* share_each callback: one row of /shares. */
static int add_row(void *ctx, const struct share_link *l)
{
	struct list_ctx *c = ctx;
	struct arena *a = c->r->arena;
	const char *zone = page_user(c->r)->time_zone;
	struct view *row = view_map(a);
	enum share_state st = share_state_of(l, c->now);
	view_set_int(row, "id", l->id);
	page_set_opt(row, "label", l->label);
	view_set_str(row, "kind", l->tracker_id ? "Tracker" : "Goal");
	view_set_str(row, "object_name", l->object_name);
	if (!l->object_gone)
		view_set_str(row, "object_href", l->tracker_id ? arena_printf(a, "/trackers/%lld", (long long)l->tracker_id)
							       : arena_printf(a, "/goals/%lld", (long long)l->goal_id));
	else
		view_set_bool(row, "object_href", false);
	view_set_bool(row, "object_gone", l->object_gone);
	view_set_str(row, "created", page_local_time(a, zone, l->created_at));
	view_set_str(row, "last_used", l->last_used_at ? page_local_time(a, zone, l->last_used_at) : "never");
	view_set_str(row, "uses", l->max_uses ? arena_printf(a, "%lld of %lld", (long long)l->use_count, (long long)l->max_uses)
					      : arena_printf(a, "%lld", (long long)l->use_count));
	view_set_str(row, "expires", l->expires_at ? page_local_time(a, zone, l->expires_at) : "never");
	view_set_str(row, "state", share_state_name(st));
	view_set_str(row, "state_label", share_state_label(st));
	view_set_bool(row, "is_active", l->active);
	view_set_bool(row, "has_password", l->password_hash != NULL);
	view_set_bool(row, "allow_embed", l->allow_embed);
	view_set_str(row, "shows", shows_words(a, l));
	view_push(c->list, row);
	return 0;
}

int page_shares_get(struct app *app, struct req *r, struct resp *w)
{
	struct view *v = page_view(app, r);
	view_set_str(v, "title", "Share links");
	struct list_ctx c = { r, view_list(r->arena), clock_now(&app->clock) };
	if (share_each(&app->db, r->arena, page_user(r)->id, add_row, &c) != SHARE_OK)
		return 500;
	view_set(v, "links", c.list);
	view_set_bool(v, "has_links", view_len(c.list) > 0);
	static const struct {
		const char *word, *text;
	} notices[] = {
		{ "deactivated", "The link was turned off. Its address no longer works." },
		{ "deleted", "The link was deleted." },
	};
	const char *done = req_query(r, "done");
	for (size_t i = 0; done && i < sizeof notices / sizeof notices[0]; i++)
		if (strcmp(done, notices[i].word) == 0)
			view_set_str(v, "notice", notices[i].text);
	resp_set_header(w, "Cache-Control", "no-store");
	return page_render(app, w, "shares", v);
}

/* The answer to a share_* result of an owner's action. */
static int owner_status(enum share_result res)
{
	return res == SHARE_OK ? 0 : res == SHARE_NOT_FOUND ? 404 : 500;
}

int page_share_deactivate_post(struct app *app, struct req *r, struct resp *w)
{
	int rc = owner_status(share_deactivate(&app->db, page_user(r)->id, r->route_ints[0]));
	if (rc)
		return rc;
	resp_redirect(w, "/shares?done=deactivated");
	return 0;
}

int page_share_regenerate_post(struct app *app, struct req *r, struct resp *w)
{
	char token[TOKEN_TEXT_LEN + 1];
	int rc = owner_status(share_regenerate(&app->db, page_user(r)->id, r->route_ints[0], token));
	if (rc)
		return rc;
	return render_created(app, r, w, r->route_ints[0], token, true);
}

int page_share_delete_post(struct app *app, struct req *r, struct resp *w)
{
	int rc = owner_status(share_delete(&app->db, page_user(r)->id, r->route_ints[0]));
	if (rc)
		return rc;
	resp_redirect(w, "/shares?done=deleted");
	return 0;
}

/* ======================================================================================== */
/* ---- the public side ---- */

/* The headers of every public answer (set first, so that they stay on error pages too). */
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
	view_set_str(v, "action", arena_printf(r->arena, "/s/%s", r->route_strs[0]));
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

/* "12 days", "1 week", "3 months". */
static const char *periods_text(struct arena *a, int n, enum time_mode mode)
{
	const char *unit = mode == TIME_MODE_WEEKLY ? "week" : mode == TIME_MODE_MONTHLY ? "month" : "day";
	return arena_printf(a, "%d %s%s", n, unit, n == 1 ? "" : "s");
}

/* "YYYY-MM-DD" of day, in a. */
static const char *day_text(struct arena *a, int64_t day)
{
	char *s = arena_alloc(a, CIVIL_DATE_SIZE);
	civil_format(day, s);
	return s;
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
	struct analytics_filter f = { .from = from30, .to = o->today, .tracker_id = t->id };
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
	view_set_str(x, "current", periods_text(a, s.streak.current, c->t->time_mode));
	view_set_str(x, "longest", periods_text(a, s.streak.longest, c->t->time_mode));
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
	    db_bind_text(s, ":today", day_text(a, o->today)) || db_bind_int(s, ":limit", STATUS_PERIODS))
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
	    db_bind_text(s, ":from", day_text(a, o->today - NOTES_DAYS + 1)) ||
	    db_bind_text(s, ":to", day_text(a, o->today)) || db_bind_int(s, ":limit", NOTES_MAX))
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
	view_set_str(streak, "current", periods_text(a, stats.streak.current, t->time_mode));
	view_set_str(streak, "longest", periods_text(a, stats.streak.longest, t->time_mode));
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
	    db_bind_text(s, ":from", day_text(a, from)) || db_bind_text(s, ":to", day_text(a, o->today)))
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

/* A number with its unit ("12.5 km", "3"). */
static const char *with_unit(struct arena *a, double v, const char *unit)
{
	const char *n = page_number_text(a, round(v * 100) / 100);
	if (!unit || !*unit)
		return n;
	return strcmp(unit, "%") == 0 ? arena_printf(a, "%s%%", n) : arena_printf(a, "%s %s", n, unit);
}

/* goal_entries_each callback: an entry's day, and its value and note as the link allows. */
static int add_entry(void *ctx, const struct goal_entry *e)
{
	struct goal_ctx *c = ctx;
	struct arena *a = c->r->arena;
	if (!c->l->show_statuses && !(c->l->show_notes && e->note && *e->note))
		return 0;
	struct view *x = view_map(a);
	view_set_str(x, "day", day_text(a, e->day));
	if (c->l->show_statuses)
		view_set_str(x, "value", e->is_reset ? "reset" : arena_printf(a, "%s%s", e->value > 0 ? "+" : "",
									      with_unit(a, e->value, c->unit)));
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
					  ? day_text(a, s->period.start)
					  : arena_printf(a, "%s – %s", day_text(a, s->period.start), day_text(a, s->period.end)));
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
		view_set_str(gv, "numbers", with_unit(a, g->current_value, g->unit));
		view_set_str(gv, "best", with_unit(a, g->best_value, g->unit));
	} else {
		view_set_str(gv, "numbers", arena_printf(a, "%s of %s", with_unit(a, g->current_value, g->unit),
							 with_unit(a, g->target_value, g->unit)));
		view_set_str(gv, "percent", arena_printf(a, "%.0f%%", floor(p.percent + 1e-9)));
		if (g->kind == GOAL_PERIOD)
			view_set_str(gv, "per", g->period_unit == GOAL_PER_WEEK    ? "a week"
						: g->period_unit == GOAL_PER_MONTH ? "a month"
										   : "a day");
	}
	if (g->deadline != GOAL_NO_DATE)
		view_set_str(gv, "deadline", day_text(a, g->deadline));
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

int page_public_share_get(struct app *app, struct req *r, struct resp *w)
{
	public_headers(w);
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

int page_public_share_post(struct app *app, struct req *r, struct resp *w)
{
	public_headers(w);
	struct share_link l;
	bool done;
	int rc = public_resolve(app, r, w, &l, &done);
	if (done)
		return rc;
	const char *self = arena_printf(r->arena, "/s/%s", r->route_strs[0]);
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

int page_public_share_heatmap_get(struct app *app, struct req *r, struct resp *w)
{
	public_headers(w);
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
