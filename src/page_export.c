/* page_export: the export page (GET /export) and the two CSV downloads, GET /export.csv (one row
 * per task instance) and GET /export-daily.csv (totals per day), with ?from=&to=[&tracker=]. The
 * downloads are streamed (resp_stream): the worker sends the headers, then the file in chunks
 * as export.c writes it, so a long history never sits whole in memory. */
#include <stdlib.h>
#include <string.h>

#include "civil.h"
#include "export.h"
#include "page_util.h"
#include "pages.h"
#include "tracker.h"
#include "xmalloc.h"

/* Days the form offers by default, ending today. */
#define EXPORT_DEFAULT_DAYS 90

/* Answers 400 with the error page and message (the handler returns 0: the page is made). */
static int bad_request(struct app *app, struct req *r, struct resp *w, const char *message)
{
	w->status = 400;
	struct view *v = page_view(app, r);
	view_set_int(v, "status", 400);
	view_set_str(v, "title", "This export cannot be made");
	view_set_str(v, "message", message);
	resp_set_header(w, "Cache-Control", "no-store");
	return page_render(app, w, "error", v);
}

/* What the stream needs once the handler has returned (lives in the request's arena). */
struct export_job {
	struct app *app;
	struct export_query query;
	bool daily;
};

/* resp_stream_fn: writes the file through a CSV writer of EXPORT_CHUNK bytes. */
static int export_stream(void *ctx, http_write_fn write, void *write_ctx)
{
	struct export_job *job = ctx;
	struct csv_writer *cw = xmalloc(sizeof *cw);
	csv_writer_init(cw, write, write_ctx);
	enum export_result rc = job->daily ? export_daily(&job->app->db, &job->query, cw)
					   : export_rows(&job->app->db, &job->query, cw);
	if (rc == EXPORT_OK && csv_writer_flush(cw) < 0)
		rc = EXPORT_WRITE_FAILED;
	free(cw);
	return rc == EXPORT_OK ? 0 : -1;
}

/* The two downloads: checks the range and the tracker, then streams the file. */
static int export_download(struct app *app, struct req *r, struct resp *w, bool daily)
{
	const struct user *u = page_user(r);
	struct export_job *job = arena_calloc(r->arena, 1, sizeof *job);
	job->app = app;
	job->daily = daily;
	job->query.user_id = u->id;
	job->query.time_zone = u->time_zone;
	const char *problem = export_range_problem(req_query(r, "from"), req_query(r, "to"), &job->query.from,
						   &job->query.to);
	if (problem)
		return bad_request(app, r, w, problem);
	const char *tracker = req_query(r, "tracker");
	if (tracker && *tracker) {
		/* a malformed id, a deleted tracker and another user's look the same */
		enum export_result found = page_parse_id(tracker, &job->query.tracker_id) < 0
						   ? EXPORT_NOT_FOUND
						   : export_tracker_check(&app->db, u->id, job->query.tracker_id);
		if (found == EXPORT_ERROR)
			return 500;
		if (found != EXPORT_OK)
			return bad_request(app, r, w, "There is no such tracker among yours.");
	}
	const char *name = export_filename(r->arena, daily, job->query.from, job->query.to);
	resp_set_header(w, "Content-Type", "text/csv; charset=utf-8");
	resp_set_header(w, "Content-Disposition", arena_printf(r->arena, "attachment; filename=\"%s\"", name));
	resp_set_header(w, "Cache-Control", "no-store");
	resp_stream(w, export_stream, job);
	return 0;
}

int page_export_csv_get(struct app *app, struct req *r, struct resp *w)
{
	return export_download(app, r, w, false);
}

int page_export_daily_get(struct app *app, struct req *r, struct resp *w)
{
	return export_download(app, r, w, true);
}

/* tracker_each callback: one <option> of the form. */
static int add_tracker(void *ctx, const struct tracker *t)
{
	struct req *r = ((void **)ctx)[0];
	struct view *list = ((void **)ctx)[1];
	struct view *item = view_map(r->arena);
	view_set_int(item, "id", t->id);
	view_set_str(item, "name", arena_strdup(r->arena, t->name));
	view_push(list, item);
	return 0;
}

int page_export_get(struct app *app, struct req *r, struct resp *w)
{
	struct view *v = page_view(app, r);
	int64_t today = page_user_today(app, r);
	view_set_str(v, "from", page_day_text(r->arena, today - (EXPORT_DEFAULT_DAYS - 1)));
	view_set_str(v, "to", page_day_text(r->arena, today));
	struct view *list = view_list(r->arena);
	void *ctx[2] = { r, list };
	if (tracker_each(&app->db, r->arena, page_user(r)->id, TRACKER_LIST_ALL, 0, add_tracker, ctx) != TRACKER_OK)
		return 500;
	view_set(v, "trackers", list);
	return page_render(app, w, "export", v);
}
