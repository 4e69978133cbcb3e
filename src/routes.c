/* routes: the route table of the whole site, one line per route. */
#include "pages.h"

#define LOGIN ROUTE_NEEDS_LOGIN

static const struct route route_table[ROUTE__MAX] = {
	[ROUTE_HOME] = { HTTP_GET, "/", 0, page_home_get, "home" },
	[ROUTE_HEALTHZ] = { HTTP_GET, "/healthz", 0, page_health_get, "healthz" },
	[ROUTE_LOGIN] = { HTTP_GET, "/login", 0, page_login_get, "login" },
	[ROUTE_LOGIN_POST] = { HTTP_POST, "/login", ROUTE_CSRF, page_login_post, "login_post" },
	[ROUTE_LOGOUT_POST] = { HTTP_POST, "/logout", ROUTE_CSRF, page_logout_post, "logout" },
	[ROUTE_REGISTER] = { HTTP_GET, "/register", 0, page_register_get, "register" },
	[ROUTE_REGISTER_POST] = { HTTP_POST, "/register", ROUTE_CSRF, page_register_post, "register_post" },
	[ROUTE_SETTINGS] = { HTTP_GET, "/settings", LOGIN, page_settings_get, "settings" },
	[ROUTE_SETTINGS_POST] = { HTTP_POST, "/settings", LOGIN | ROUTE_CSRF, page_settings_post, "settings_post" },
	[ROUTE_SETTINGS_EMAIL_POST] = { HTTP_POST, "/settings/email", LOGIN | ROUTE_CSRF, page_settings_email_post, "settings_email" },
	[ROUTE_SETTINGS_PASSWORD_POST] = { HTTP_POST, "/settings/password", LOGIN | ROUTE_CSRF, page_settings_password_post,
					   "settings_password" },
	[ROUTE_SESSIONS] = { HTTP_GET, "/settings/sessions", LOGIN, page_sessions_get, "sessions" },
	[ROUTE_SESSION_END_POST] = { HTTP_POST, "/settings/sessions/{id}/end", LOGIN | ROUTE_CSRF, page_session_end_post,
				     "session_end" },
	[ROUTE_SESSIONS_END_OTHERS_POST] = { HTTP_POST, "/settings/sessions/end-others", LOGIN | ROUTE_CSRF,
					     page_sessions_end_others_post, "sessions_end_others" },
	[ROUTE_SETTINGS_DELETE] = { HTTP_GET, "/settings/delete", LOGIN, page_settings_delete_get, "settings_delete" },
	[ROUTE_SETTINGS_DELETE_POST] = { HTTP_POST, "/settings/delete", LOGIN | ROUTE_CSRF, page_settings_delete_post,
					 "settings_delete_post" },
	[ROUTE_DAY_PICK] = { HTTP_GET, "/day", LOGIN, page_day_pick_get, "day_pick" },
	[ROUTE_DAY] = { HTTP_GET, "/day/{date}", LOGIN, page_day_get, "day" },
	[ROUTE_DAY_BATCH_POST] = { HTTP_POST, "/day/{date}/batch", LOGIN | ROUTE_CSRF, page_day_batch_post, "day_batch" },
	[ROUTE_WEEK] = { HTTP_GET, "/week/{week}", LOGIN, page_week_get, "week" },
	[ROUTE_CHECKIN_POST] = { HTTP_POST, "/checkins/{id}", LOGIN | ROUTE_CSRF, page_checkin_post, "checkin" },
	[ROUTE_NOTE_POST] = { HTTP_POST, "/trackers/{id}/notes/{date}", LOGIN | ROUTE_CSRF, page_note_post, "note" },
	[ROUTE_GAP_FILL_POST] = { HTTP_POST, "/gap-fill", LOGIN | ROUTE_CSRF, page_gap_fill_post, "gap_fill" },
};

const struct route *routes_table(size_t *count)
{
	*count = ROUTE__MAX;
	return route_table;
}
