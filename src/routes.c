/* routes: the route table of the whole site, one line per route. */
#include "pages.h"

static const struct route route_table[ROUTE__MAX] = {
	[ROUTE_HOME] = { HTTP_GET, "/", 0, page_home_get, "home" },
	[ROUTE_HEALTHZ] = { HTTP_GET, "/healthz", 0, page_health_get, "healthz" },
	[ROUTE_LOGIN] = { HTTP_GET, "/login", 0, page_login_get, "login" },
	[ROUTE_LOGIN_POST] = { HTTP_POST, "/login", ROUTE_CSRF, page_login_post, "login_post" },
	[ROUTE_LOGOUT_POST] = { HTTP_POST, "/logout", ROUTE_CSRF, page_logout_post, "logout" },
	[ROUTE_REGISTER] = { HTTP_GET, "/register", 0, page_register_get, "register" },
	[ROUTE_REGISTER_POST] = { HTTP_POST, "/register", ROUTE_CSRF, page_register_post, "register_post" },
};

const struct route *routes_table(size_t *count)
{
	*count = ROUTE__MAX;
	return route_table;
}
