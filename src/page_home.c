/* page_home: the start page — Today for a logged-in user, the welcome page for a visitor. */
#include "pages.h"

int page_home_get(struct app *app, struct req *r, struct resp *w)
{
	if (r->user)
		return page_today_get(app, r, w);
	struct view *v = page_view(app, r);
	view_set_str(v, "title", "Welcome");
	if (req_query(r, "deleted"))
		view_set_bool(v, "deleted", true);
	return page_render(app, w, "home", v);
}
