/* page_home: the start page. */
#include "pages.h"

int page_home_get(struct app *app, struct req *r, struct resp *w)
{
	struct view *v = page_view(app, r);
	view_set_str(v, "title", r->user ? "Home" : "Welcome");
	if (!r->user && req_query(r, "deleted"))
		view_set_bool(v, "deleted", true);
	return page_render(app, w, "home", v);
}
