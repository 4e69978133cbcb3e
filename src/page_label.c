/* page_label: the categories (/categories) and tags (/tags) pages — a user's named, coloured
 * labels: list, create, rename and recolour, delete (issue 4, "Tags and categories"). The two
 * pages are one page over the table below; the domain calls differ and are wrapped here. */
#include <stdio.h>
#include <string.h>

#include "access.h"
#include "clock.h"
#include "page_util.h"
#include "pages.h"
#include "strx.h"
#include "task.h"
#include "tracker.h"

#define DEFAULT_COLOR "#6b7280"

enum label_kind { LABEL_CATEGORY, LABEL_TAG, LABEL__MAX };

static const struct label_def {
	const char *template;   /* and the page title's word */
	const char *path;       /* "/categories" */
	const char *title;
	const char *one;        /* "category" */
	const char *counted;    /* what the count counts: "tracker" */
	int name_max;
	enum access_kind access;
} label_defs[LABEL__MAX] = {
	[LABEL_CATEGORY] = { "categories", "/categories", "Categories", "category", "tracker", CATEGORY_NAME_MAX,
			     ACCESS_CATEGORY },
	[LABEL_TAG] = { "tags", "/tags", "Tags", "tag", "task", TAG_NAME_MAX, ACCESS_TAG },
};

/* The outcome of a domain call of either kind. */
enum label_result { LABEL_OK, LABEL_NOT_FOUND, LABEL_TAKEN, LABEL_INVALID, LABEL_ERROR };

static enum label_result from_tracker(enum tracker_result r)
{
	return r == TRACKER_OK ? LABEL_OK : r == TRACKER_NOT_FOUND ? LABEL_NOT_FOUND : r == TRACKER_NAME_TAKEN ? LABEL_TAKEN
					      : r == TRACKER_INVALID ? LABEL_INVALID : LABEL_ERROR;
}

static enum label_result from_task(enum task_result r)
{
	return r == TASK_OK ? LABEL_OK : r == TASK_NOT_FOUND ? LABEL_NOT_FOUND : r == TASK_NAME_TAKEN ? LABEL_TAKEN
					   : r == TASK_INVALID ? LABEL_INVALID : LABEL_ERROR;
}

/* One label as the list shows it. */
struct label {
	int64_t id;
	const char *name, *color;
	int count;
};

struct list_ctx {
	struct req *r;
	const struct label_def *def;
	struct view *list;
	int64_t edit_id;  /* the row that was posted with a problem, or 0 */
	struct view *errors;
};

/* Adds one row; the posted row keeps what was typed and shows its errors. */
static void add_row(struct list_ctx *c, const struct label *l)
{
	struct arena *a = c->r->arena;
	struct view *row = view_map(a);
	view_set_int(row, "id", l->id);
	view_set_str(row, "saved_name", l->name);
	view_set_str(row, "name", l->name);
	view_set_str(row, "color", l->color);
	view_set_bool(row, "name_error", false);
	view_set_bool(row, "color_error", false);
	if (l->id == c->edit_id) {
		view_set_str(row, "name", page_field(c->r, "name"));
		const char *color = page_field(c->r, "color");
		if (tracker_color_valid(color))
			view_set_str(row, "color", color);
		static const char *const keys[] = { "name_error", "color_error" };
		for (size_t i = 0; i < 2; i++)
			if (view_get(c->errors, keys[i]))
				view_set(row, keys[i], view_get(c->errors, keys[i]));
	}
	view_set_str(row, "count_label", arena_printf(a, "%d %s%s", l->count, c->def->counted, l->count == 1 ? "" : "s"));
	view_push(c->list, row);
}

static int add_category(void *ctx, const struct category *cat)
{
	struct label l = { cat->id, cat->name, cat->color, cat->tracker_count };
	add_row(ctx, &l);
	return 0;
}

static int add_tag(void *ctx, const struct tag *g)
{
	struct label l = { g->id, g->name, g->color, g->task_count };
	add_row(ctx, &l);
	return 0;
}

/* Renders the page of kind k with status. errors holds the problems of the posted form: the
 * new-label form when edit_id is 0, else row edit_id. */
static int render(struct app *app, struct req *r, struct resp *w, int status, enum label_kind k, int64_t edit_id,
		  struct view *errors)
{
	const struct label_def *def = &label_defs[k];
	struct view *v = page_view(app, r);
	view_set_str(v, "title", def->title);
	view_set_int(v, "name_max", def->name_max);
	struct list_ctx c = { r, def, view_list(r->arena), edit_id, errors };
	enum label_result res = k == LABEL_CATEGORY ? from_tracker(category_each(&app->db, r->arena, page_user(r)->id,
										 add_category, &c))
						    : from_task(tag_each(&app->db, r->arena, page_user(r)->id, add_tag, &c));
	if (res != LABEL_OK)
		return 500;
	view_set(v, "items", c.list);
	view_set_bool(v, "has_items", view_len(c.list) > 0);
	view_set_str(v, "new_name", "");
	view_set_str(v, "new_color", DEFAULT_COLOR);
	if (errors && !edit_id) {
		view_set_str(v, "new_name", page_field(r, "name"));
		const char *color = page_field(r, "color");
		if (tracker_color_valid(color))
			view_set_str(v, "new_color", color);
		if (view_get(errors, "name_error"))
			view_set(v, "new_name_error", view_get(errors, "name_error"));
		if (view_get(errors, "color_error"))
			view_set(v, "new_color_error", view_get(errors, "color_error"));
	}
	const char *saved = req_query(r, "saved");
	if (saved && status == 200) {
		const char *what = strcmp(saved, "created") == 0   ? "created"
				   : strcmp(saved, "changed") == 0 ? "saved"
				   : strcmp(saved, "deleted") == 0 ? "deleted"
								   : NULL;
		if (what)
			view_set_str(v, "notice", arena_printf(r->arena, "The %s was %s.", def->one, what));
	}
	w->status = status;
	return page_render(app, w, def->template, v);
}

/* Checks a posted name and colour; sets name_error / color_error in errors. Returns the number
 * of problems. */
static int check_input(struct req *r, const struct label_def *def, const char *name, const char *color,
		       struct view *errors)
{
	int problems = 0;
	size_t n = strlen(name);
	const char *msg = NULL;
	if (n == 0)
		msg = "Enter a name.";
	else if (n > (size_t)def->name_max)
		msg = arena_printf(r->arena, "Use at most %d characters for the name.", def->name_max);
	else if (!strx_utf8_valid((const unsigned char *)name, n))
		msg = "The text is not valid UTF-8.";
	else
		for (size_t i = 0; i < n && !msg; i++)
			if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
				msg = "Remove the control characters.";
	if (msg) {
		view_set_str(errors, "name_error", msg);
		problems++;
	}
	if (!tracker_color_valid(color)) {
		view_set_str(errors, "color_error", "Choose a colour like #2f80ed.");
		problems++;
	}
	return problems;
}

/* The answer to a label result: 0 for LABEL_OK, 404 for LABEL_NOT_FOUND, else 500. */
static int result_status(enum label_result res)
{
	return res == LABEL_OK ? 0 : res == LABEL_NOT_FOUND ? 404 : 500;
}

/* Ends the write of a posted label of kind k (edit_id 0: the new-label form): a name that is
 * taken or refused rolls back and shows the page again with the error (422); any other result
 * goes to page_write_end with status, back to the page with ?saved=<saved>. */
static int save_end(struct app *app, struct req *r, struct resp *w, enum label_kind k, int64_t edit_id,
		    struct view *errors, enum label_result res, int status, const char *saved)
{
	const struct label_def *def = &label_defs[k];
	if (res != LABEL_TAKEN && res != LABEL_INVALID)
		return page_write_end(app, w, status, arena_printf(r->arena, "%s?saved=%s", def->path, saved));
	db_rollback(&app->db);
	view_set_str(errors, "name_error",
		     res == LABEL_TAKEN ? arena_printf(r->arena, "You already have a %s with this name.", def->one)
					: "Check the name.");
	return render(app, r, w, 422, k, edit_id, errors);
}

/* POST <path>: creates a label. */
static int create(struct app *app, struct req *r, struct resp *w, enum label_kind k)
{
	const struct label_def *def = &label_defs[k];
	const char *name = page_field(r, "name"), *color = page_field(r, "color");
	struct view *errors = view_map(r->arena);
	if (check_input(r, def, name, color, errors))
		return render(app, r, w, 422, k, 0, errors);
	if (db_begin_write(&app->db) < 0)
		return 500;
	int64_t now = clock_now(&app->clock), id;
	enum label_result res = k == LABEL_CATEGORY ? from_tracker(category_create(&app->db, now, page_user(r)->id, name, color, &id))
						    : from_task(tag_create(&app->db, now, page_user(r)->id, name, color, &id));
	return save_end(app, r, w, k, 0, errors, res, res == LABEL_OK ? 0 : 500, "created");
}

/* POST <path>/{id}: renames and recolours label route_ints[0]. */
static int update(struct app *app, struct req *r, struct resp *w, enum label_kind k)
{
	const struct label_def *def = &label_defs[k];
	int64_t id = r->route_ints[0];
	int rc = access_check(&app->db, def->access, id, page_user(r)->id);
	if (rc)
		return rc;
	const char *name = page_field(r, "name"), *color = page_field(r, "color");
	struct view *errors = view_map(r->arena);
	if (check_input(r, def, name, color, errors))
		return render(app, r, w, 422, k, id, errors);
	if (db_begin_write(&app->db) < 0)
		return 500;
	int64_t now = clock_now(&app->clock);
	enum label_result res = k == LABEL_CATEGORY ? from_tracker(category_update(&app->db, now, page_user(r)->id, id, name, color))
						    : from_task(tag_update(&app->db, page_user(r)->id, id, name, color));
	return save_end(app, r, w, k, id, errors, res, result_status(res), "changed");
}

/* POST <path>/{id}/delete. */
static int delete(struct app *app, struct req *r, struct resp *w, enum label_kind k)
{
	const struct label_def *def = &label_defs[k];
	int64_t id = r->route_ints[0];
	int rc = access_check(&app->db, def->access, id, page_user(r)->id);
	if (rc)
		return rc;
	if (db_begin_write(&app->db) < 0)
		return 500;
	enum label_result res = k == LABEL_CATEGORY ? from_tracker(category_delete(&app->db, page_user(r)->id, id))
						    : from_task(tag_delete(&app->db, page_user(r)->id, id));
	return page_write_end(app, w, result_status(res), arena_printf(r->arena, "%s?saved=deleted", def->path));
}

/* Defines the four route handlers (pages.h) of kind: the page, create, update and delete. */
#define LABEL_HANDLERS(kind, get, create_post, update_post, delete_post) \
	int get(struct app *app, struct req *r, struct resp *w)          \
	{                                                                \
		return render(app, r, w, 200, kind, 0, NULL);            \
	}                                                                \
	int create_post(struct app *app, struct req *r, struct resp *w)  \
	{                                                                \
		return create(app, r, w, kind);                          \
	}                                                                \
	int update_post(struct app *app, struct req *r, struct resp *w)  \
	{                                                                \
		return update(app, r, w, kind);                          \
	}                                                                \
	int delete_post(struct app *app, struct req *r, struct resp *w)  \
	{                                                                \
		return delete(app, r, w, kind);                          \
	}

LABEL_HANDLERS(LABEL_CATEGORY, page_categories_get, page_categories_post, page_category_post, page_category_delete_post)
LABEL_HANDLERS(LABEL_TAG, page_tags_get, page_tags_post, page_tag_post, page_tag_delete_post)
