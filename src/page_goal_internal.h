/* page_goal_internal: what the goal pages share — page_goal.c (the list and one goal's page),
 * page_goal_form.c (the create and edit forms) and page_goal_action.c (entries, reset,
 * mappings, status, delete). Not for other modules: they use pages.h. */
#ifndef TRACKPRO_PAGE_GOAL_INTERNAL_H
#define TRACKPRO_PAGE_GOAL_INTERNAL_H

#include "arena.h"
#include "goal.h"
#include "pages.h"

/* What the goal page's forms had typed when a POST fails (NULL fields: the defaults). */
struct page_goal_detail_input {
	const char *value, *day, *note, *reset_note, *task_id, *weight;
};

/* The word for kind k in the list, on a goal's page and in the kind chooser ("Target"). */
const char *page_goal_kind_label(enum goal_kind k);

/* The answer to a goal_* result: 0, 404 for GOAL_NOT_FOUND, 422 for GOAL_INVALID, else 500. */
int page_goal_result_status(enum goal_result res);

/* A number for people, in a: at most two decimals, no trailing zeros ("2250", "12.28", "-1.5"). */
const char *page_goal_num(struct arena *a, double v);

/* Reads goal route_ints[0] of the logged-in user into *g: 0, 404 or 500. */
int page_goal_load(struct app *app, struct req *r, struct goal *g);

/* Renders goal g's page into w with status code: 200, or 422 with in's typed values and the
 * error keys already set in v (in NULL: the defaults). Returns 0 or an error status. */
int page_goal_render(struct app *app, struct req *r, struct resp *w, int code, struct view *v, const struct goal *g,
		     const struct page_goal_detail_input *in);

#endif
