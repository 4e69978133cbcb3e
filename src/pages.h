/* pages: the route table and the page handlers. Handlers follow route_handler's contract
 * (route.h): fill w and return 0, or return an error status for the dispatcher. */
#ifndef TRACKPRO_PAGES_H
#define TRACKPRO_PAGES_H

#include "app.h"
#include "http.h"
#include "route.h"
#include "view.h"

enum route_id {
	ROUTE_HOME,
	ROUTE_HEALTHZ,
	ROUTE_EXPORT,
	ROUTE_EXPORT_CSV,
	ROUTE_EXPORT_DAILY,
	ROUTE_IMPORT,
	ROUTE_IMPORT_POST,
	ROUTE_LOGIN,
	ROUTE_LOGIN_POST,
	ROUTE_LOGOUT_POST,
	ROUTE_REGISTER,
	ROUTE_REGISTER_POST,
	ROUTE_SETTINGS,
	ROUTE_SETTINGS_POST,
	ROUTE_SETTINGS_EMAIL_POST,
	ROUTE_SETTINGS_PASSWORD_POST,
	ROUTE_SESSIONS,
	ROUTE_SESSION_END_POST,
	ROUTE_SESSIONS_END_OTHERS_POST,
	ROUTE_SETTINGS_DELETE,
	ROUTE_SETTINGS_DELETE_POST,
	ROUTE_DAY_PICK,
	ROUTE_DAY,
	ROUTE_DAY_BATCH_POST,
	ROUTE_WEEK,
	ROUTE_CHECKIN_POST,
	ROUTE_NOTE_POST,
	ROUTE_GAP_FILL_POST,
	ROUTE_TRACKERS,
	ROUTE_TRACKER_NEW,
	ROUTE_TRACKERS_POST,
	ROUTE_TRACKER,
	ROUTE_TRACKER_EDIT,
	ROUTE_TRACKER_POST,
	ROUTE_TRACKER_STATUS_POST,
	ROUTE_TRACKER_DELETE_POST,
	ROUTE_TRACKER_RESTORE_POST,
	ROUTE_TRACKER_CLONE_POST,
	ROUTE_TRACKER_MOVE_POST,
	ROUTE_TRASH,
	ROUTE_TASK_NEW,
	ROUTE_TASKS_POST,
	ROUTE_TASK,
	ROUTE_TASK_EDIT,
	ROUTE_TASK_POST,
	ROUTE_TASK_DELETE_POST,
	ROUTE_TASK_RESTORE_POST,
	ROUTE_TASK_MOVE_POST,
	ROUTE_CATEGORIES,
	ROUTE_CATEGORIES_POST,
	ROUTE_CATEGORY_POST,
	ROUTE_CATEGORY_DELETE_POST,
	ROUTE_TAGS,
	ROUTE_TAGS_POST,
	ROUTE_TAG_POST,
	ROUTE_TAG_DELETE_POST,
	ROUTE_GOALS,
	ROUTE_GOAL_NEW,
	ROUTE_GOALS_POST,
	ROUTE_GOAL,
	ROUTE_GOAL_EDIT,
	ROUTE_GOAL_POST,
	ROUTE_GOAL_ENTRIES_POST,
	ROUTE_GOAL_RESET_POST,
	ROUTE_GOAL_TASKS_POST,
	ROUTE_GOAL_TASK_DELETE_POST,
	ROUTE_GOAL_STATUS_POST,
	ROUTE_GOAL_DELETE_POST,
	ROUTE_STATS,
	ROUTE_TRACKER_STATS,
	ROUTE_TRACKER_SHARE_POST,
	ROUTE_GOAL_SHARE_POST,
	ROUTE_SHARES,
	ROUTE_SHARE_DEACTIVATE_POST,
	ROUTE_SHARE_REGENERATE_POST,
	ROUTE_SHARE_DELETE_POST,
	ROUTE_PUBLIC_SHARE,
	ROUTE_PUBLIC_SHARE_POST,
	ROUTE_PUBLIC_SHARE_HEATMAP,
	ROUTE__MAX
};

/* The route table, indexed by enum route_id; *count receives ROUTE__MAX. */
const struct route *routes_table(size_t *count);

/* Returns a new root view for a page, holding what the layout needs ("app_name", "version",
 * and for a logged-in visitor "user" {display_name, email}, "csrf" and "theme"); the page
 * adds its own keys. Allocated in r's arena. */
struct view *page_view(struct app *app, struct req *r);

/* Adds the list "time_zones" of {name, selected} to v, with `selected` set on the zone named
 * current (for a <select>). */
void page_time_zones(struct app *app, struct req *r, struct view *v, const char *current);

/* Returns the trimmed value of form field name as an arena string ("" when absent). */
const char *page_field(struct req *r, const char *name);

/* Renders template `name` with view into w's body as text/html with status w->status.
 * Returns 0, or 500 (the reason is logged) when the template fails. */
int page_render(struct app *app, struct resp *w, const char *name, const struct view *view);

/* Turns w into the HTML error page for status (400, 403, 404, 405, 413, 415, 429, 500, 503 …)
 * from templates/error.mustache, keeping headers such as Allow; never shows internal
 * details. Falls back to a plain-text body if the template itself fails. */
void page_error(struct app *app, struct req *r, struct resp *w, int status);

/* GET / — the start page. */
int page_home_get(struct app *app, struct req *r, struct resp *w);
/* GET /login, POST /login, POST /logout, GET /register, POST /register (page_auth.c). */
int page_login_get(struct app *app, struct req *r, struct resp *w);
int page_login_post(struct app *app, struct req *r, struct resp *w);
int page_logout_post(struct app *app, struct req *r, struct resp *w);
int page_register_get(struct app *app, struct req *r, struct resp *w);
int page_register_post(struct app *app, struct req *r, struct resp *w);
/* The settings pages (page_settings.c); all need a logged-in user. */
int page_settings_get(struct app *app, struct req *r, struct resp *w);
int page_settings_post(struct app *app, struct req *r, struct resp *w);
int page_settings_email_post(struct app *app, struct req *r, struct resp *w);
int page_settings_password_post(struct app *app, struct req *r, struct resp *w);
int page_sessions_get(struct app *app, struct req *r, struct resp *w);
int page_session_end_post(struct app *app, struct req *r, struct resp *w);
int page_sessions_end_others_post(struct app *app, struct req *r, struct resp *w);
int page_settings_delete_get(struct app *app, struct req *r, struct resp *w);
int page_settings_delete_post(struct app *app, struct req *r, struct resp *w);
/* The daily loop (page_today.c): Today (from GET / when logged in), GET /day?date=, GET
 * /day/{date}, POST /day/{date}/batch, GET /week/{week}, POST /checkins/{id}, POST
 * /trackers/{id}/notes/{date}, POST /gap-fill. */
int page_today_get(struct app *app, struct req *r, struct resp *w);
int page_day_pick_get(struct app *app, struct req *r, struct resp *w);
int page_day_get(struct app *app, struct req *r, struct resp *w);
int page_day_batch_post(struct app *app, struct req *r, struct resp *w);
int page_week_get(struct app *app, struct req *r, struct resp *w);
int page_checkin_post(struct app *app, struct req *r, struct resp *w);
int page_note_post(struct app *app, struct req *r, struct resp *w);
int page_gap_fill_post(struct app *app, struct req *r, struct resp *w);
/* The tracker pages (page_tracker.c): GET /trackers (?status=, ?tag=), GET /trackers/new
 * (?habit=1), POST /trackers, GET /trackers/{id}, GET /trackers/{id}/edit, POST
 * /trackers/{id}, POST /trackers/{id}/status, /delete, /restore, /clone, /move; GET /trash. */
int page_trackers_get(struct app *app, struct req *r, struct resp *w);
int page_tracker_new_get(struct app *app, struct req *r, struct resp *w);
int page_trackers_post(struct app *app, struct req *r, struct resp *w);
int page_tracker_get(struct app *app, struct req *r, struct resp *w);
int page_tracker_edit_get(struct app *app, struct req *r, struct resp *w);
int page_tracker_post(struct app *app, struct req *r, struct resp *w);
int page_tracker_status_post(struct app *app, struct req *r, struct resp *w);
int page_tracker_delete_post(struct app *app, struct req *r, struct resp *w);
int page_tracker_restore_post(struct app *app, struct req *r, struct resp *w);
int page_tracker_clone_post(struct app *app, struct req *r, struct resp *w);
int page_tracker_move_post(struct app *app, struct req *r, struct resp *w);
int page_trash_get(struct app *app, struct req *r, struct resp *w);
/* The task template pages (page_task.c), all under /trackers/{id}/tasks: GET new, POST (create),
 * GET {task_id} (history), GET {task_id}/edit, POST {task_id}, POST {task_id}/delete,
 * /restore, /move. */
int page_task_new_get(struct app *app, struct req *r, struct resp *w);
int page_tasks_post(struct app *app, struct req *r, struct resp *w);
int page_task_get(struct app *app, struct req *r, struct resp *w);
int page_task_edit_get(struct app *app, struct req *r, struct resp *w);
int page_task_post(struct app *app, struct req *r, struct resp *w);
int page_task_delete_post(struct app *app, struct req *r, struct resp *w);
int page_task_restore_post(struct app *app, struct req *r, struct resp *w);
int page_task_move_post(struct app *app, struct req *r, struct resp *w);
/* Categories and tags (page_label.c): GET and POST /categories, POST /categories/{id} (rename,
 * recolour), POST /categories/{id}/delete; the same under /tags. */
int page_categories_get(struct app *app, struct req *r, struct resp *w);
int page_categories_post(struct app *app, struct req *r, struct resp *w);
int page_category_post(struct app *app, struct req *r, struct resp *w);
int page_category_delete_post(struct app *app, struct req *r, struct resp *w);
int page_tags_get(struct app *app, struct req *r, struct resp *w);
int page_tags_post(struct app *app, struct req *r, struct resp *w);
int page_tag_post(struct app *app, struct req *r, struct resp *w);
int page_tag_delete_post(struct app *app, struct req *r, struct resp *w);
/* The goal pages (page_goal.c): GET /goals (?status=), GET /goals/new (?kind=), POST /goals,
 * GET /goals/{id}, GET /goals/{id}/edit, POST /goals/{id}, POST /goals/{id}/entries, /reset,
 * /tasks, /tasks/{task_id}/delete, /status (action=abandon|reactivate), /delete. */
int page_goals_get(struct app *app, struct req *r, struct resp *w);
int page_goal_new_get(struct app *app, struct req *r, struct resp *w);
int page_goals_post(struct app *app, struct req *r, struct resp *w);
int page_goal_get(struct app *app, struct req *r, struct resp *w);
int page_goal_edit_get(struct app *app, struct req *r, struct resp *w);
int page_goal_post(struct app *app, struct req *r, struct resp *w);
int page_goal_entries_post(struct app *app, struct req *r, struct resp *w);
int page_goal_reset_post(struct app *app, struct req *r, struct resp *w);
int page_goal_tasks_post(struct app *app, struct req *r, struct resp *w);
int page_goal_task_delete_post(struct app *app, struct req *r, struct resp *w);
int page_goal_status_post(struct app *app, struct req *r, struct resp *w);
int page_goal_delete_post(struct app *app, struct req *r, struct resp *w);
/* The statistics pages (page_stats.c): GET /stats (?range=7|30|90|365|custom, from, to,
 * tracker, category, tag, year; a bad filter answers 400 with the message on the page) and
 * GET /trackers/{id}/stats (?days=7..365, year). */
int page_stats_get(struct app *app, struct req *r, struct resp *w);
int page_tracker_stats_get(struct app *app, struct req *r, struct resp *w);
/* GET /healthz — "ok" (200) after a trivial query, 503 when the database cannot be read. */
int page_health_get(struct app *app, struct req *r, struct resp *w);
/* The export (page_export.c): GET /export (the form), GET /export.csv and GET /export-daily.csv
 * (?from=YYYY-MM-DD&to=YYYY-MM-DD[&tracker=ID]; streamed CSV downloads, 400 for a bad range or
 * tracker). */
int page_export_get(struct app *app, struct req *r, struct resp *w);
int page_export_csv_get(struct app *app, struct req *r, struct resp *w);
int page_export_daily_get(struct app *app, struct req *r, struct resp *w);
/* The import (page_import.c): GET /import (the upload form) and POST /import (a Loop Habit
 * Tracker backup or CSV export, multipart, up to LOOP_IMPORT_MAX_BYTES). */
int page_import_get(struct app *app, struct req *r, struct resp *w);
int page_import_post(struct app *app, struct req *r, struct resp *w);
/* Share links: the owner's (page_share.c): POST /trackers/{id}/shares and /goals/{id}/shares
 * (create; the new address is shown once in the answer, 422 with the form for bad input), GET
 * /shares, POST /shares/{id}/deactivate, /regenerate (the new address shown once), /delete.
 * The public ones (page_share_public.c), without login: GET /s/{token}, POST /s/{token} (the
 * password form) and GET /s/{token}/heatmap.svg (only when the link allows embedding). */
int page_tracker_share_post(struct app *app, struct req *r, struct resp *w);
int page_goal_share_post(struct app *app, struct req *r, struct resp *w);
int page_shares_get(struct app *app, struct req *r, struct resp *w);
int page_share_deactivate_post(struct app *app, struct req *r, struct resp *w);
int page_share_regenerate_post(struct app *app, struct req *r, struct resp *w);
int page_share_delete_post(struct app *app, struct req *r, struct resp *w);
int page_public_share_get(struct app *app, struct req *r, struct resp *w);
int page_public_share_post(struct app *app, struct req *r, struct resp *w);
int page_public_share_heatmap_get(struct app *app, struct req *r, struct resp *w);

#endif
