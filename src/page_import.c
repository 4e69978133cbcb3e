/* page_import: the import page — GET /import shows the upload form, POST /import (multipart)
 * imports a Loop Habit Tracker backup (.db) or CSV export (.zip) into the signed-in account
 * with loop_import_data (one transaction) and shows what it did. A file that cannot be used
 * answers 422 with the reason next to the file field; nothing is changed then. The result is
 * rendered directly rather than after a redirect: importing the same file again changes
 * nothing, so a resubmitted form is harmless. */
#include <string.h>

#include "clock.h"
#include "log.h"
#include "loop_import.h"
#include "page_util.h"
#include "pages.h"

/* The upload form's size limit in whole mebibytes, for the page's hint. */
#define IMPORT_LIMIT_MIB (LOOP_IMPORT_MAX_BYTES / (1024 * 1024))

/* The form's view; the caller adds errors or the result. */
static struct view *import_view(struct app *app, struct req *r)
{
	struct view *v = page_view(app, r);
	view_set_int(v, "limit_mib", IMPORT_LIMIT_MIB);
	return v;
}

int page_import_get(struct app *app, struct req *r, struct resp *w)
{
	return page_render(app, w, "import", import_view(app, r));
}

/* The uploaded file of field name, or NULL when none was chosen (browsers send an empty part
 * with an empty filename then). */
static const struct http_file *uploaded_file(const struct req *r, const char *name)
{
	for (size_t i = 0; i < r->files.count; i++) {
		const struct http_file *f = &r->files.items[i];
		if (strcmp(f->field, name) == 0 && (f->len > 0 || f->filename[0]))
			return f;
	}
	return NULL;
}

/* Re-shows the form with status 422 and message next to the file field. */
static int import_problem(struct app *app, struct req *r, struct resp *w, const char *message, bool dry_run)
{
	struct view *v = import_view(app, r);
	page_field_error(v, "file", message);
	view_set_bool(v, "dry_run", dry_run);
	w->status = 422;
	return page_render(app, w, "import", v);
}

/* Adds {label, count} to list when count is not zero. */
static void add_reason(struct req *r, struct view *list, const char *label, int count)
{
	if (count <= 0)
		return;
	struct view *item = view_map(r->arena);
	view_set_str(item, "label", label);
	view_set_int(item, "count", count);
	view_push(list, item);
}

/* The summary's numbers as the result page shows them. */
static void set_summary(struct req *r, struct view *v, const struct loop_import_summary *s, const char *filename)
{
	view_set_str(v, "format", arena_strdup(r->arena, s->format));
	view_set_str(v, "filename", filename);
	view_set_int(v, "habits", s->habits);
	view_set_int(v, "habits_created", s->habits_created);
	view_set_int(v, "habits_matched", s->habits_matched);
	view_set_int(v, "checkins_added", s->checkins_added);
	view_set_int(v, "checkins_unchanged", s->checkins_unchanged);
	view_set_int(v, "rows_skipped", s->rows_skipped);
	struct view *reasons = view_list(r->arena);
	add_reason(r, reasons, "check-ins of a habit that is not in the file", s->skipped_orphan);
	add_reason(r, reasons, "second check-ins of a habit on the same day", s->skipped_duplicate);
	add_reason(r, reasons, "days marked unknown or filled in automatically by Loop", s->skipped_unknown);
	add_reason(r, reasons, "rows with a value or date that cannot be read", s->skipped_invalid);
	view_set(v, "skip_reasons", reasons);
	view_set_bool(v, "has_skip_reasons", s->rows_skipped > 0);
}

int page_import_post(struct app *app, struct req *r, struct resp *w)
{
	const struct user *u = page_user(r);
	bool dry_run = page_field(r, "dry_run")[0] != '\0';
	const struct http_file *f = uploaded_file(r, "file");
	if (!f)
		return import_problem(app, r, w, "Choose a Loop backup (.db) or CSV export (.zip) to import.", dry_run);
	if (f->len == 0)
		return import_problem(app, r, w, "The file is empty.", dry_run);
	if (f->len > LOOP_IMPORT_MAX_BYTES)
		return import_problem(app, r, w,
				      arena_printf(r->arena, "The file is larger than %d MiB.", IMPORT_LIMIT_MIB),
				      dry_run);
	struct loop_import_options options = { .dry_run = dry_run, .now = clock_now(&app->clock) };
	struct loop_import_summary summary;
	char message[256] = "";
	int rc = loop_import_data(&app->db, u->id, f->data, f->len, &options, &summary, message, sizeof message);
	if (rc == 1)
		return import_problem(app, r, w, arena_strdup(r->arena, message), dry_run);
	if (rc != 0) {
		log_error("import: user %lld: %s", (long long)u->id, message);
		return 500;
	}
	struct view *v = import_view(app, r);
	view_set_bool(v, "done", true);
	view_set_bool(v, "dry_run", dry_run);
	set_summary(r, v, &summary, f->filename[0] ? f->filename : "the file");
	resp_set_header(w, "Cache-Control", "no-store");
	return page_render(app, w, "import", v);
}
