/* page_error: the HTML error pages (400, 403, 404, 405, 413, 415, 429, 500, 503). */
#include "pages.h"

#include <stddef.h>

static const struct {
	int status;
	const char *title;
	const char *message;
} error_texts[] = {
	{ 400, "Bad request", "Your browser sent something this site could not understand. Go back and try again." },
	{ 403, "Forbidden", "This request was refused. If you followed a link from another site, open this site directly and try again." },
	{ 404, "Page not found", "There is nothing here. The address may be mistyped, or the page was removed." },
	{ 405, "Method not allowed", "This page cannot be used that way." },
	{ 410, "Gone", "This page is no longer available." },
	{ 413, "Too large", "What you sent is larger than this site accepts. Send something smaller." },
	{ 415, "Unsupported form", "This site cannot read the kind of data that was sent." },
	{ 422, "Please check the form", "Some of what you entered needs a second look." },
	{ 429, "Too many attempts", "Please wait a minute before trying again." },
	{ 500, "Something went wrong", "An error on our side stopped this page. It has been logged; please try again in a moment." },
	{ 503, "Unavailable", "The site cannot answer right now. Please try again in a moment." },
};

void page_error(struct app *app, struct req *r, struct resp *w, int status)
{
	const char *title = "Error", *message = "The request could not be completed.";
	for (size_t i = 0; i < sizeof error_texts / sizeof error_texts[0]; i++) {
		if (error_texts[i].status == status) {
			title = error_texts[i].title;
			message = error_texts[i].message;
			break;
		}
	}
	w->status = status;
	struct view *v = page_view(app, r);
	view_set_int(v, "status", status);
	view_set_str(v, "title", title);
	view_set_str(v, "message", message);
	if (page_render(app, w, "error", v) != 0) {
		buf_reset(&w->body);
		buf_printf(&w->body, "%d %s\n", status, title);
		resp_set_header(w, "Content-Type", "text/plain; charset=utf-8");
	}
	resp_set_header(w, "Cache-Control", "no-store");
}
