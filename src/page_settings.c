/* page_settings: the settings pages — profile and preferences, e-mail and password changes,
 * the list of sessions, and account deletion (issue 3). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "access.h"
#include "auth.h"
#include "clock.h"
#include "log.h"
#include "page_util.h"
#include "pages.h"
#include "password.h"

/* The settings form as typed (or as stored, for a GET). */
struct settings_form {
	const char *display_name, *time_zone, *week_start, *theme, *streak_threshold, *reminder_time, *summary_time;
};

/* Fills v with the settings form, its choices and the notice of a saved change. */
static int render_settings(struct app *app, struct req *r, struct resp *w, int status, struct view *v,
			   const struct settings_form *f)
{
	view_set_str(v, "title", "Settings");
	view_set_str(v, "display_name", f->display_name);
	page_time_zones(app, r, v, f->time_zone);
	view_set_bool(v, "week_monday", strcmp(f->week_start, "sunday") != 0);
	view_set_bool(v, "week_sunday", strcmp(f->week_start, "sunday") == 0);
	view_set_bool(v, "theme_system", strcmp(f->theme, "light") != 0 && strcmp(f->theme, "dark") != 0);
	view_set_bool(v, "theme_light", strcmp(f->theme, "light") == 0);
	view_set_bool(v, "theme_dark", strcmp(f->theme, "dark") == 0);
	view_set_str(v, "streak_threshold", f->streak_threshold);
	view_set_str(v, "reminder_time", f->reminder_time);
	view_set_str(v, "summary_time", f->summary_time);
	const struct user *u = r->user;
	view_set_str(v, "email", u->email);
	const char *saved = req_query(r, "saved");
	if (saved && strcmp(saved, "settings") == 0)
		view_set_str(v, "notice", "Your settings were saved.");
	else if (saved && strcmp(saved, "email") == 0)
		view_set_str(v, "notice", "Your e-mail address was changed.");
	else if (saved && strcmp(saved, "password") == 0)
		view_set_str(v, "notice", "Your password was changed. Your other sessions were ended.");
	w->status = status;
	return page_render(app, w, "settings", v);
}

/* Re-renders the settings page with the stored values and v's error keys. */
static int render_settings_stored(struct app *app, struct req *r, struct resp *w, int status, struct view *v)
{
	const struct user *u = r->user;
	struct user_preferences p;
	if (user_get_preferences(&app->db, r->arena, u->id, &p) != USER_OK)
		return 500;
	struct settings_form f = {
		.display_name = u->display_name,
		.time_zone = u->time_zone,
		.week_start = u->week_start ? "monday" : "sunday",
		.theme = p.theme,
		.streak_threshold = arena_printf(r->arena, "%d", p.streak_threshold),
		.reminder_time = page_clock_text(r->arena, p.reminder_minute),
		.summary_time = page_clock_text(r->arena, p.summary_minute),
	};
	return render_settings(app, r, w, status, v, &f);
}

int page_settings_get(struct app *app, struct req *r, struct resp *w)
{
	return render_settings_stored(app, r, w, 200, page_view(app, r));
}

/* Parses a percent 1–100; -1 when invalid. */
static int parse_percent(const char *s)
{
	char *end;
	errno = 0;
	long n = strtol(s, &end, 10);
	if (errno || end == s || *end || n < 1 || n > 100)
		return -1;
	return (int)n;
}

int page_settings_post(struct app *app, struct req *r, struct resp *w)
{
	const struct user *u = r->user;
	struct settings_form f = {
		.display_name = page_field(r, "display_name"),
		.time_zone = page_field(r, "time_zone"),
		.week_start = page_field(r, "week_start"),
		.theme = page_field(r, "theme"),
		.streak_threshold = page_field(r, "streak_threshold"),
		.reminder_time = page_field(r, "reminder_time"),
		.summary_time = page_field(r, "summary_time"),
	};
	struct view *v = page_view(app, r);
	int problems = 0;
	const char *msg = user_display_name_problem(f.display_name);
	if (msg) {
		view_set_str(v, "display_name_error", msg);
		problems++;
	}
	if (!timezone_is_valid(&app->timezones, f.time_zone)) {
		view_set_str(v, "time_zone_error", "Choose a time zone from the list.");
		problems++;
	}
	if (strcmp(f.week_start, "monday") != 0 && strcmp(f.week_start, "sunday") != 0) {
		view_set_str(v, "week_start_error", "Choose Monday or Sunday.");
		problems++;
	}
	if (strcmp(f.theme, "system") != 0 && strcmp(f.theme, "light") != 0 && strcmp(f.theme, "dark") != 0) {
		view_set_str(v, "theme_error", "Choose light, dark or the system's setting.");
		problems++;
	}
	int threshold = parse_percent(f.streak_threshold);
	if (threshold < 0) {
		view_set_str(v, "streak_threshold_error", "Enter a whole percent from 1 to 100.");
		problems++;
	}
	int reminder = page_parse_clock(f.reminder_time), summary = page_parse_clock(f.summary_time);
	if (reminder == -2) {
		view_set_str(v, "reminder_time_error", "Enter a time like 08:00, or leave it empty.");
		problems++;
	}
	if (summary == -2) {
		view_set_str(v, "summary_time_error", "Enter a time like 21:00, or leave it empty.");
		problems++;
	}
	if (problems)
		return render_settings(app, r, w, 422, v, &f);
	struct user_preferences p = {
		.theme = f.theme,
		.streak_threshold = threshold,
		.reminder_minute = reminder,
		.summary_minute = summary,
	};
	int64_t now = clock_now(&app->clock);
	if (db_begin_write(&app->db) < 0)
		return 500;
	if (user_update_profile(&app->db, now, u->id, f.display_name, f.time_zone, strcmp(f.week_start, "monday") == 0) != USER_OK ||
	    user_set_preferences(&app->db, now, u->id, &p) != USER_OK) {
		db_rollback(&app->db);
		return 500;
	}
	if (db_commit(&app->db) < 0)
		return 500;
	resp_redirect(w, "/settings?saved=settings");
	return 0;
}

/* True when the form's current_password is the user's password; sets the field error if not. */
static bool current_password_ok(struct app *app, struct req *r, struct view *v, const char *error_key)
{
	const struct user *u = r->user;
	const char *pw = req_form(r, "current_password");
	size_t n = pw ? strlen(pw) : 0;
	if (n > 0 && n <= PASSWORD_MAX_BYTES && user_password_matches(&app->db, u->id, pw, n))
		return true;
	view_set_str(v, error_key, "This is not your current password.");
	return false;
}

int page_settings_email_post(struct app *app, struct req *r, struct resp *w)
{
	const struct user *u = r->user;
	const char *email = page_field(r, "new_email");
	struct view *v = page_view(app, r);
	view_set_str(v, "new_email", email);
	const char *msg = user_email_problem(email);
	if (msg) {
		view_set_str(v, "new_email_error", msg);
		return render_settings_stored(app, r, w, 422, v);
	}
	if (!current_password_ok(app, r, v, "email_password_error"))
		return render_settings_stored(app, r, w, 422, v);
	if (db_begin_write(&app->db) < 0)
		return 500;
	enum user_status st = user_set_email(&app->db, clock_now(&app->clock), u->id, email);
	if (st == USER_EMAIL_TAKEN) {
		db_rollback(&app->db);
		view_set_str(v, "new_email_error", "Another account uses this address.");
		return render_settings_stored(app, r, w, 422, v);
	}
	if (st != USER_OK || db_commit(&app->db) < 0) {
		db_rollback(&app->db);
		return 500;
	}
	resp_redirect(w, "/settings?saved=email");
	return 0;
}

int page_settings_password_post(struct app *app, struct req *r, struct resp *w)
{
	const struct user *u = r->user;
	const struct session *s = r->session;
	const char *pw = req_form(r, "new_password"), *confirm = req_form(r, "new_password_confirm");
	pw = pw ? pw : "";
	confirm = confirm ? confirm : "";
	struct view *v = page_view(app, r);
	if (!current_password_ok(app, r, v, "current_password_error"))
		return render_settings_stored(app, r, w, 422, v);
	enum password_problem problem = password_check(pw, strlen(pw));
	if (problem != PASSWORD_OK) {
		view_set_str(v, "new_password_error", password_problem_message(problem));
		return render_settings_stored(app, r, w, 422, v);
	}
	if (strcmp(pw, confirm) != 0) {
		view_set_str(v, "new_password_confirm_error", "The two passwords are not the same.");
		return render_settings_stored(app, r, w, 422, v);
	}
	char hash[PASSWORD_HASH_SIZE];
	if (password_hash(pw, strlen(pw), hash) < 0)
		return 500;
	if (db_begin_write(&app->db) < 0)
		return 500;
	if (user_set_password_hash(&app->db, clock_now(&app->clock), u->id, hash) != USER_OK ||
	    session_delete_others(&app->db, u->id, s->id) < 0) {
		db_rollback(&app->db);
		return 500;
	}
	if (db_commit(&app->db) < 0)
		return 500;
	resp_redirect(w, "/settings?saved=password");
	return 0;
}

/* "Firefox on Linux"-style summary of a User-Agent header. */
static const char *describe_browser(struct arena *a, const char *ua)
{
	static const struct {
		const char *needle, *name;
	} browsers[] = {
		{ "Edg/", "Edge" }, { "OPR/", "Opera" }, { "Firefox/", "Firefox" }, { "Chromium/", "Chromium" },
		{ "Chrome/", "Chrome" }, { "Safari/", "Safari" }, { "curl/", "curl" },
	}, systems[] = {
		{ "Android", "Android" }, { "iPhone", "iPhone" }, { "iPad", "iPad" }, { "Windows", "Windows" },
		{ "Mac OS X", "macOS" }, { "CrOS", "ChromeOS" }, { "Linux", "Linux" },
	};
	const char *browser = NULL, *system = NULL;
	for (size_t i = 0; !browser && i < sizeof browsers / sizeof browsers[0]; i++)
		if (strstr(ua, browsers[i].needle))
			browser = browsers[i].name;
	for (size_t i = 0; !system && i < sizeof systems / sizeof systems[0]; i++)
		if (strstr(ua, systems[i].needle))
			system = systems[i].name;
	if (browser && system)
		return arena_printf(a, "%s on %s", browser, system);
	if (browser || system)
		return browser ? browser : system;
	return *ua ? arena_strndup(a, ua, strlen(ua) > 60 ? 60 : strlen(ua)) : "Unknown browser";
}

struct sessions_ctx {
	struct req *r;
	struct view *list;
	int64_t current;
};

/* Adds one session row to the sessions page. */
static int add_session_row(void *ctx, const struct session *s)
{
	struct sessions_ctx *c = ctx;
	const struct user *u = c->r->user;
	struct view *row = view_map(c->r->arena);
	view_set_int(row, "id", s->id);
	view_set_str(row, "created", page_local_time(c->r->arena, u->time_zone, s->created_at));
	view_set_str(row, "last_seen", page_local_time(c->r->arena, u->time_zone, s->last_seen_at));
	view_set_str(row, "browser", describe_browser(c->r->arena, s->user_agent));
	view_set_str(row, "address", *s->address ? s->address : "unknown");
	view_set_bool(row, "current", s->id == c->current);
	view_push(c->list, row);
	return 0;
}

int page_sessions_get(struct app *app, struct req *r, struct resp *w)
{
	const struct user *u = r->user;
	const struct session *s = r->session;
	struct view *v = page_view(app, r);
	view_set_str(v, "title", "Sessions");
	struct sessions_ctx c = { r, view_list(r->arena), s->id };
	if (session_each(&app->db, r->arena, u->id, add_session_row, &c) < 0)
		return 500;
	view_set(v, "sessions", c.list);
	view_set_bool(v, "has_others", view_len(c.list) > 1);
	const char *ended = req_query(r, "ended");
	if (ended)
		view_set_str(v, "notice", strcmp(ended, "others") == 0 ? "Your other sessions were ended." : "The session was ended.");
	return page_render(app, w, "sessions", v);
}

int page_session_end_post(struct app *app, struct req *r, struct resp *w)
{
	const struct user *u = r->user;
	const struct session *s = r->session;
	int64_t id = r->route_ints[0];
	int rc = access_check(&app->db, ACCESS_SESSION, id, u->id);
	if (rc)
		return rc;
	if (session_delete(&app->db, u->id, id) < 0)
		return 500;
	if (id == s->id) { /* ending this very session is logging out */
		auth_clear_session_cookie(app, w);
		resp_redirect(w, "/login");
		return 0;
	}
	resp_redirect(w, "/settings/sessions?ended=one");
	return 0;
}

int page_sessions_end_others_post(struct app *app, struct req *r, struct resp *w)
{
	const struct user *u = r->user;
	const struct session *s = r->session;
	if (session_delete_others(&app->db, u->id, s->id) < 0)
		return 500;
	resp_redirect(w, "/settings/sessions?ended=others");
	return 0;
}

/* Renders the account deletion page with status and v's errors. */
static int render_delete(struct app *app, struct req *r, struct resp *w, int status, struct view *v)
{
	const struct user *u = r->user;
	view_set_str(v, "title", "Delete your account");
	view_set_str(v, "email", u->email);
	w->status = status;
	return page_render(app, w, "settings_delete", v);
}

int page_settings_delete_get(struct app *app, struct req *r, struct resp *w)
{
	return render_delete(app, r, w, 200, page_view(app, r));
}

int page_settings_delete_post(struct app *app, struct req *r, struct resp *w)
{
	const struct user *u = r->user;
	struct view *v = page_view(app, r);
	const char *confirm = page_field(r, "confirm_email");
	bool ok = current_password_ok(app, r, v, "current_password_error");
	if (strcasecmp(confirm, u->email) != 0) {
		view_set_str(v, "confirm_email_error", "Type your e-mail address exactly to confirm.");
		ok = false;
	}
	if (!ok)
		return render_delete(app, r, w, 422, v);
	if (db_begin_write(&app->db) < 0)
		return 500;
	if (user_delete(&app->db, u->id) != USER_OK) {
		db_rollback(&app->db);
		return 500;
	}
	if (db_commit(&app->db) < 0)
		return 500;
	log_info("account %lld deleted by its owner", (long long)u->id);
	auth_clear_session_cookie(app, w);
	resp_redirect(w, "/?deleted=1");
	return 0;
}
