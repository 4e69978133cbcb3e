/* page_auth: registration, login and logout (issue 3). */
#include <ctype.h>
#include <string.h>

#include "auth.h"
#include "clock.h"
#include "log.h"
#include "pages.h"
#include "password.h"
#include "redirect.h"
#include "throttle.h"

/* Failed logins per account and address: after 5, the next waits 1 s, then 2 s, 4 s … up to 15 minutes. */
static const struct throttle_rule login_per_address = { .free_attempts = 5, .window_seconds = 900, .max_wait = 900 };
/* Failed logins per account from anywhere: generous, so the owner elsewhere is only slowed. */
static const struct throttle_rule login_per_account = { .free_attempts = 50, .window_seconds = 3600, .max_wait = 60 };
/* Registrations per address. */
static const struct throttle_rule register_per_address = { .free_attempts = 10, .window_seconds = 3600, .max_wait = 3600 };

#define WRONG_LOGIN "The e-mail address or the password is wrong."

/* Returns the lower-cased copy of s in a (ASCII only: addresses compare case-insensitively). */
static const char *lower(struct arena *a, const char *s)
{
	char *p = arena_strdup(a, s);
	for (char *q = p; *q; q++)
		*q = (char)tolower((unsigned char)*q);
	return p;
}

/* Renders the login form with status, keeping what was typed (never the password). */
static int render_login(struct app *app, struct req *r, struct resp *w, int status, const char *email,
			const char *next, const char *error)
{
	struct view *v = page_view(app, r);
	view_set_str(v, "title", "Log in");
	view_set_str(v, "form_csrf", auth_form_token(app, r, w));
	view_set_str(v, "email", email ? email : "");
	if (next && redirect_is_local(next) && strcmp(next, "/") != 0)
		view_set_str(v, "next", next);
	if (error)
		view_set_str(v, "error", error);
	view_set_bool(v, "registration_open", app->config->registration_open);
	w->status = status;
	return page_render(app, w, "login", v);
}

int page_login_get(struct app *app, struct req *r, struct resp *w)
{
	const char *next = req_query(r, "next");
	if (r->user) {
		resp_redirect(w, redirect_safe(next));
		return 0;
	}
	return render_login(app, r, w, 200, "", next, NULL);
}

/* Writes one failed attempt for both throttle keys. */
static void record_failure(struct app *app, const char *key_address, const char *key_account, int64_t now)
{
	if (db_begin_write(&app->db) < 0)
		return;
	throttle_fail(&app->db, &login_per_address, key_address, now);
	throttle_fail(&app->db, &login_per_account, key_account, now);
	db_commit(&app->db);
}

int page_login_post(struct app *app, struct req *r, struct resp *w)
{
	const char *email = page_field(r, "email");
	const char *password = req_form(r, "password");
	const char *next = page_field(r, "next");
	size_t password_len = password ? strlen(password) : 0;
	int64_t now = clock_now(&app->clock);
	const char *account = lower(r->arena, email);
	const char *key_account = arena_printf(r->arena, "login:%s", account);
	const char *key_address = arena_printf(r->arena, "login:%s|%s", account, r->remote_addr);

	int64_t wait = throttle_wait(&app->db, &login_per_address, key_address, now);
	int64_t wait_account = throttle_wait(&app->db, &login_per_account, key_account, now);
	if (wait_account > wait)
		wait = wait_account;
	if (wait > 0) {
		const char *msg = arena_printf(r->arena, "Too many failed attempts. Wait %lld second%s and try again.",
					       (long long)wait, wait == 1 ? "" : "s");
		resp_set_header(w, "Retry-After", arena_printf(r->arena, "%lld", (long long)wait));
		return render_login(app, r, w, 429, email, next, msg);
	}
	if (!*email || !password || password_len == 0 || password_len > PASSWORD_MAX_BYTES) {
		if (password_len > PASSWORD_MAX_BYTES)
			password_verify_dummy(password, password_len);
		record_failure(app, key_address, key_account, now);
		return render_login(app, r, w, 422, email, next, WRONG_LOGIN);
	}
	struct user u;
	enum user_status st = user_authenticate(&app->db, r->arena, now, email, password, password_len, &u);
	if (st == USER_ERROR)
		return 500;
	if (st != USER_OK) {
		record_failure(app, key_address, key_account, now);
		return render_login(app, r, w, 422, email, next, WRONG_LOGIN);
	}

	/* A new session on every login: whatever session the browser had is ended (no fixation). */
	struct session_policy policy = auth_policy(app);
	char token[TOKEN_TEXT_LEN + 1];
	if (db_begin_write(&app->db) < 0)
		return 500;
	const struct session *old = r->session;
	if (old)
		session_delete(&app->db, old->user_id, old->id);
	if (throttle_clear(&app->db, key_address) < 0 ||
	    session_create(&app->db, now, &policy, u.id, r->user_agent, r->remote_addr, token, NULL) < 0) {
		db_rollback(&app->db);
		return 500;
	}
	if (db_commit(&app->db) < 0)
		return 500;
	auth_set_session_cookie(app, w, token);
	auth_clear_form_token(app, w);
	resp_redirect(w, redirect_safe(next));
	return 0;
}

int page_logout_post(struct app *app, struct req *r, struct resp *w)
{
	const struct session *s = r->session;
	if (s && session_delete(&app->db, s->user_id, s->id) < 0)
		return 500;
	auth_clear_session_cookie(app, w);
	resp_redirect(w, "/login");
	return 0;
}

/* What the registration form holds. */
struct registration {
	const char *email, *display_name, *time_zone, *password, *password_confirm;
};

/* Renders the registration form; v may already hold field errors. */
static int render_register(struct app *app, struct req *r, struct resp *w, int status, struct view *v,
			   const struct registration *in)
{
	view_set_str(v, "title", app->config->registration_open ? "Create an account" : "Registration is closed");
	view_set_bool(v, "closed", !app->config->registration_open);
	view_set_str(v, "form_csrf", auth_form_token(app, r, w));
	view_set_str(v, "email", in->email);
	view_set_str(v, "display_name", in->display_name);
	page_time_zones(app, r, v, *in->time_zone ? in->time_zone : "UTC");
	w->status = status;
	return page_render(app, w, "register", v);
}

int page_register_get(struct app *app, struct req *r, struct resp *w)
{
	if (r->user) {
		resp_redirect(w, "/");
		return 0;
	}
	struct registration in = { "", "", "", "", "" };
	return render_register(app, r, w, app->config->registration_open ? 200 : 403, page_view(app, r), &in);
}

/* Checks the registration fields, adding "<field>_error" keys to v; returns how many failed. */
static int check_registration(struct app *app, struct view *v, const struct registration *in)
{
	int problems = 0;
	const char *msg;
	if ((msg = user_email_problem(in->email)) != NULL) {
		view_set_str(v, "email_error", msg);
		problems++;
	}
	if ((msg = user_display_name_problem(in->display_name)) != NULL) {
		view_set_str(v, "display_name_error", msg);
		problems++;
	}
	enum password_problem pw = password_check(in->password, strlen(in->password));
	if (pw != PASSWORD_OK) {
		view_set_str(v, "password_error", password_problem_message(pw));
		problems++;
	} else if (strcmp(in->password, in->password_confirm) != 0) {
		view_set_str(v, "password_confirm_error", "The two passwords are not the same.");
		problems++;
	}
	if (!timezone_is_valid(&app->timezones, in->time_zone)) {
		view_set_str(v, "time_zone_error", "Choose a time zone from the list.");
		problems++;
	}
	return problems;
}

int page_register_post(struct app *app, struct req *r, struct resp *w)
{
	struct registration in = {
		.email = page_field(r, "email"),
		.display_name = page_field(r, "display_name"),
		.time_zone = page_field(r, "time_zone"),
		.password = req_form(r, "password") ? req_form(r, "password") : "",
		.password_confirm = req_form(r, "password_confirm") ? req_form(r, "password_confirm") : "",
	};
	struct view *v = page_view(app, r);
	if (!app->config->registration_open)
		return render_register(app, r, w, 403, v, &in);
	int64_t now = clock_now(&app->clock);
	const char *key = arena_printf(r->arena, "register:%s", r->remote_addr);
	int64_t wait = throttle_wait(&app->db, &register_per_address, key, now);
	if (wait > 0) {
		view_set_str(v, "error", "Too many accounts were created from your address. Try again later.");
		resp_set_header(w, "Retry-After", arena_printf(r->arena, "%lld", (long long)wait));
		return render_register(app, r, w, 429, v, &in);
	}
	if (check_registration(app, v, &in) > 0)
		return render_register(app, r, w, 422, v, &in);

	char hash[PASSWORD_HASH_SIZE];
	if (password_hash(in.password, strlen(in.password), hash) < 0)
		return 500;
	struct session_policy policy = auth_policy(app);
	char token[TOKEN_TEXT_LEN + 1];
	int64_t id = 0;
	if (db_begin_write(&app->db) < 0)
		return 500;
	throttle_fail(&app->db, &register_per_address, key, now); /* every registration counts */
	bool first = user_count(&app->db) == 0; /* whoever sets the site up administers it */
	enum user_status st = user_create(&app->db, now, in.email, in.display_name, hash, in.time_zone, first, &id);
	if (st == USER_EMAIL_TAKEN) {
		db_commit(&app->db);
		view_set_str(v, "email_error", "An account with this address exists already. Log in instead.");
		return render_register(app, r, w, 422, v, &in);
	}
	if (st != USER_OK || session_create(&app->db, now, &policy, id, r->user_agent, r->remote_addr, token, NULL) < 0) {
		db_rollback(&app->db);
		return 500;
	}
	if (db_commit(&app->db) < 0)
		return 500;
	log_info("new account %lld", (long long)id);
	auth_set_session_cookie(app, w, token);
	auth_clear_form_token(app, w);
	resp_redirect(w, "/");
	return 0;
}
