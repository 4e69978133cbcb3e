/* page: helpers every page handler shares — the layout's view and rendering into a response. */
#include "pages.h"

#include "log.h"

struct view *page_view(struct app *app, struct req *r)
{
	(void)app;
	struct view *v = view_map(r->arena);
	view_set_str(v, "app_name", "trackpro");
	view_set_str(v, "version", PACKAGE_VERSION);
	return v;
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
