/* page_share: the owner's side of share links (issue 7) — create one from a tracker's or a
 * goal's page, the list at /shares, deactivate, regenerate, delete. The full address is shown
 * once, in the answer to the POST that made it, and never stored. The public side (/s/{token})
 * is page_share_public.c. */
#include <string.h>

#include "civil.h"
#include "clock.h"
#include "goal.h"
#include "page_share_internal.h"
#include "page_util.h"
#include "pages.h"
#include "share.h"
#include "timezone.h"
#include "tracker.h"
#include "user.h"


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
	return arena_printf(r->arena, "%s%s", app->config->base_url, page_share_path(r->arena, token));
}

/* The owner's page of what link l shares: "/trackers/{id}" or "/goals/{id}". */
static const char *object_href(struct arena *a, const struct share_link *l)
{
	return l->tracker_id ? arena_printf(a, "/trackers/%lld", (long long)l->tracker_id)
			     : arena_printf(a, "/goals/%lld", (long long)l->goal_id);
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
	view_set_str(v, "back_href", object_href(r->arena, &l));
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
		view_set_str(row, "object_href", object_href(a, l));
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
