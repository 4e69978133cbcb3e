/* routes: the route table of the whole site, one line per route. */
#include "pages.h"

static const struct route route_table[ROUTE__MAX] = {
	[ROUTE_HOME] = { HTTP_GET, "/", 0, page_home_get, "home" },
	[ROUTE_HEALTHZ] = { HTTP_GET, "/healthz", 0, page_health_get, "healthz" },
};

const struct route *routes_table(size_t *count)
{
	*count = ROUTE__MAX;
	return route_table;
}
