/* page: helpers every page handler shares — the layout's view and rendering into a response. */
#include "pages.h"

#include <string.h>

#include "log.h"
#include "session.h"
#include "user.h"

struct view *page_view(struct app *app, struct req *r)
{
	struct view *v = view_map(r->arena);
	view_set_str(v, "app_name", "trackpro");
	view_set_str(v, "version", PACKAGE_VERSION);
	const struct user *u = r->user;
	const struct session *s = r->session;
	if (u && s) {
		struct view *user = view_map(r->arena);
		view_set_str(user, "display_name", u->display_name);
		view_set_str(user, "email", u->email);
		view_set(v, "user", user);
		view_set_str(v, "csrf", s->csrf);
		struct user_preferences prefs;
		if (user_get_preferences(&app->db, r->arena, u->id, &prefs) == USER_OK &&
		    strcmp(prefs.theme, "system") != 0)
			view_set_str(v, "theme", prefs.theme);
	}
	return v;
}

void page_time_zones(struct app *app, struct req *r, struct view *v, const char *current)
{
	struct view *list = view_list(r->arena);
	for (size_t i = 0; i < app->timezones.count; i++) {
		struct view *zone = view_map(r->arena);
		view_set_str(zone, "name", app->timezones.names[i]);
		if (current && strcmp(current, app->timezones.names[i]) == 0)
			view_set_bool(zone, "selected", true);
		view_push(list, zone);
	}
	view_set(v, "time_zones", list);
}

const char *page_field(struct req *r, const char *name)
{
	const char *value = req_form(r, name);
	if (!value)
		return "";
	while (*value == ' ' || *value == '\t' || *value == '\r' || *value == '\n')
		value++;
	size_t n = strlen(value);
	while (n && (value[n - 1] == ' ' || value[n - 1] == '\t' || value[n - 1] == '\r' || value[n - 1] == '\n'))
		n--;
	return arena_strndup(r->arena, value, n);
}

int page_render(struct app *app, struct resp *w, const char *name, const struct view *view)
{
	struct buf err;
	buf_init(&err);
	buf_reset(&w->body);
	if (tmpl_render(app->templates, name, view, &w->body, &err) < 0) {
		log_error("rendering template %s: %s", name, buf_cstr(&err));
		buf_free(&err);
		buf_reset(&w->body);
		return 500;
	}
	buf_free(&err);
	resp_set_header(w, "Content-Type", "text/html; charset=utf-8");
	return 0;
}
