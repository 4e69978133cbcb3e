/* page_today: the daily check-in loop — Today (/), any day (/day/YYYY-MM-DD), the week
 * (/week/YYYY-Www), one-click and batch check-ins, day notes and gap fill (issue 4). */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "civil.h"
#include "clock.h"
#include "habit_stats.h"
#include "instance.h"
#include "log.h"
#include "page_util.h"
#include "pages.h"
#include "redirect.h"
#include "session.h"
#include "tracker.h"
#include "user.h"

static const char *const weekday_names[7] = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
					      "Sunday" };
static const char *const month_names[12] = { "January", "February", "March", "April", "May", "June", "July",
					     "August", "September", "October", "November", "December" };
static const char *const time_of_day_labels[TASK_TIME_OF_DAY__MAX] = {
	[TASK_ANY_TIME] = "Any time", [TASK_MORNING] = "Morning", [TASK_AFTERNOON] = "Afternoon", [TASK_EVENING] = "Evening",
};

/* "Saturday 21 November 2026". */
static const char *day_label(struct arena *a, int64_t day)
{
	int y, m, d;
	civil_to_ymd(day, &y, &m, &d);
	return arena_printf(a, "%s %d %s %d", weekday_names[civil_weekday(day)], d, month_names[m - 1], y);
}

/* "21 Nov". */
static const char *short_label(struct arena *a, int64_t day)
{
	int y, m, d;
	civil_to_ymd(day, &y, &m, &d);
	return arena_printf(a, "%d %.3s", d, month_names[m - 1]);
}

/* The view of one task instance. */
static struct view *task_view(struct arena *a, const struct task_instance *ti)
{
	struct view *t = view_map(a);
	view_set_int(t, "id", ti->id);
	view_set_str(t, "name", ti->name);
	view_set_str(t, "status", instance_status_name(ti->status));
	view_set_str(t, "status_label", instance_status_label(ti->status));
	view_set_bool(t, "done", ti->status == INSTANCE_DONE);
	view_set_bool(t, "removed", ti->template_deleted);
	view_set_int(t, "points", ti->points);
	if (ti->kind == TASK_MEASURE) {
		view_set_bool(t, "measure", true);
		view_set_str(t, "value", ti->has_value ? page_number_text(a, ti->value) : "");
		view_set_str(t, "target", page_number_text(a, ti->target_value));
		view_set_str(t, "unit", ti->unit);
		view_set_str(t, "direction", ti->direction == TASK_AT_MOST ? "at most" : "at least");
	}
	return t;
}

struct tracker_list {
	struct tracker *items;
	size_t count, cap;
	struct arena *a;
};

/* tracker_each callback: copies each tracker into the list. */
static int collect_tracker(void *ctx, const struct tracker *t)
{
	struct tracker_list *l = ctx;
	if (l->count == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		struct tracker *grown = arena_calloc(l->a, cap, sizeof *grown);
		if (l->count)
			memcpy(grown, l->items, l->count * sizeof *grown);
		l->items = grown;
		l->cap = cap;
	}
	l->items[l->count++] = *t;
	return 0;
}

/* What a failed POST typed, shown again on the re-rendered day page (422): nothing a user
 * typed is lost. */
struct day_input {
	struct req *r;             /* the POST: its value_<id> and done_<id> fields (batch) */
	bool batch;                /* take task values and ticks from r's form */
	int64_t note_tracker_id;   /* the tracker whose note failed, 0 for none */
	const char *note;          /* the note as typed */
	const char *note_error;
	const char *error;         /* a sentence at the top of the page */
};

struct day_tasks {
	struct arena *a;
	const struct day_input *in; /* NULL on a plain GET */
	struct view *groups[TASK_TIME_OF_DAY__MAX];
	struct completion completion;
	struct view *ids; /* list of task ids, for the batch form */
};

/* Puts what the batch form typed for ti back into its view t, with a message next to a
 * value that is not a number. */
static void keep_typed(const struct day_input *in, const struct task_instance *ti, struct view *t)
{
	struct arena *a = in->r->arena;
	if (ti->kind == TASK_MEASURE) {
		const char *typed = req_form(in->r, arena_printf(a, "value_%lld", (long long)ti->id));
		if (!typed)
			return;
		view_set_str(t, "value", typed);
		double v;
		if (*typed && (page_parse_number(typed, &v) < 0 || v < 0 || v > 1e12))
			view_set_str(t, "value_error", "Enter a number of 0 or more, or leave it empty.");
		return;
	}
	view_set_bool(t, "done", req_form(in->r, arena_printf(a, "done_%lld", (long long)ti->id)) != NULL);
}

/* instance_tasks_each callback: files a task under its time of day. */
static int add_day_task(void *ctx, const struct task_instance *ti)
{
	struct day_tasks *d = ctx;
	enum task_time_of_day tod = (unsigned)ti->time_of_day < TASK_TIME_OF_DAY__MAX ? ti->time_of_day : TASK_ANY_TIME;
	if (!d->groups[tod])
		d->groups[tod] = view_list(d->a);
	struct view *t = task_view(d->a, ti);
	if (d->in && d->in->batch)
		keep_typed(d->in, ti, t);
	view_push(d->groups[tod], t);
	view_push(d->ids, view_int(d->a, ti->id));
	completion_add(&d->completion, ti);
	return 0;
}

/* Period label of a weekly or monthly tracker ("Week of 16 Nov – 22 Nov"). */
static const char *period_label(struct arena *a, const struct tracker_instance *ti)
{
	if (ti->time_mode == TIME_MODE_DAILY)
		return "";
	return arena_printf(a, "%s %s – %s", ti->time_mode == TIME_MODE_WEEKLY ? "Week" : "Period",
			    short_label(a, ti->period.start), short_label(a, ti->period.end));
}

/* Builds the view of one tracker's period ti (already opened) on day, and adds its completion to
 * *overall. With owner, adds its streak and sets *milestone when the streak has reached a
 * milestone not yet recorded. NULL with *status set on a database error. */
static struct view *tracker_day_view(struct app *app, struct req *r, const struct tracker *t,
				     const struct tracker_instance *period, int64_t day, const struct day_input *in,
				     const struct habit_owner *owner, struct completion *overall, bool *milestone,
				     int *status)
{
	const struct user *u = r->user;
	struct tracker_instance ti = *period;
	struct day_tasks d = { .a = r->arena, .in = in, .ids = view_list(r->arena) };
	if (instance_tasks_each(&app->db, r->arena, u->id, ti.id, add_day_task, &d) != INSTANCE_OK) {
		*status = 500;
		return NULL;
	}
	struct view *v = view_map(r->arena);
	view_set_int(v, "id", t->id);
	view_set_str(v, "name", t->name);
	view_set_str(v, "color", t->color);
	page_set_opt(v, "period", period_label(r->arena, &ti));
	struct view *groups = view_list(r->arena);
	static const enum task_time_of_day order[] = { TASK_MORNING, TASK_AFTERNOON, TASK_EVENING, TASK_ANY_TIME };
	for (size_t g = 0; g < sizeof order / sizeof order[0]; g++) {
		enum task_time_of_day tod = order[g];
		if (!d.groups[tod])
			continue;
		struct view *group = view_map(r->arena);
		view_set_str(group, "label", time_of_day_labels[tod]);
		view_set(group, "tasks", d.groups[tod]);
		view_push(groups, group);
	}
	view_set(v, "groups", groups);
	view_set_bool(v, "has_tasks", d.completion.total > 0 || view_len(d.ids) > 0);
	view_set_int(v, "done", d.completion.done);
	view_set_int(v, "total", d.completion.total);
	view_set_int(v, "percent", completion_percent(&d.completion));
	view_set(v, "task_ids", d.ids);
	const char *note = "";
	if (instance_note_get(&app->db, r->arena, u->id, t->id, day, &note) != INSTANCE_OK) {
		*status = 500;
		return NULL;
	}
	if (in && in->note_tracker_id == t->id) {
		note = in->note;
		view_set_str(v, "note_error", in->note_error);
	}
	view_set_str(v, "note", note);
	view_set_bool(v, "has_note", *note != '\0');
	if (owner) {
		struct habit_stats stats;
		if (habit_stats_tracker(&app->db, owner, t, &stats) < 0) {
			*status = 500;
			return NULL;
		}
		if (day == owner->today && habit_stats_milestones_pending(&app->db, t->id, 0, &stats.streak))
			*milestone = true;
		view_set(v, "stats", page_stats_view(r->arena, &stats, false));
	}
	overall->done += d.completion.done;
	overall->total += d.completion.total;
	overall->done_weight += d.completion.done_weight;
	overall->due_weight += d.completion.due_weight;
	return v;
}

struct tag_filter {
	struct arena *a;
	struct view *list;
	int64_t selected;
};

/* tag_each callback: adds one tag to the filter list. */
static int add_tag_filter(void *ctx, const struct tag *g)
{
	struct tag_filter *f = ctx;
	struct view *t = view_map(f->a);
	view_set_int(t, "id", g->id);
	view_set_str(t, "name", g->name);
	view_set_str(t, "color", g->color);
	view_set_bool(t, "selected", g->id == f->selected);
	view_push(f->list, t);
	return 0;
}

/* Days of history Today's streaks look at: enough for a year-long streak, bounded so the page
 * costs the same after years of use (the tracker page shows the whole history). */
#define TODAY_STATS_WINDOW 400

/* Records the streak milestones the trackers of list have newly reached, in one short write
 * transaction. Returns 0 or -1. */
static int record_milestones(struct app *app, const struct tracker_list *list, const struct habit_owner *owner)
{
	if (db_begin_write(&app->db) < 0)
		return -1;
	for (size_t i = 0; i < list->count; i++) {
		struct habit_stats stats;
		if (habit_stats_tracker(&app->db, owner, &list->items[i], &stats) < 0 ||
		    habit_stats_record_milestones(&app->db, clock_now(&app->clock), owner->today, list->items[i].id, 0,
						  &stats.streak) < 0) {
			db_rollback(&app->db);
			return -1;
		}
	}
	return db_commit(&app->db);
}

/* Renders the day page for day (Today when it is the user's today) with status; in (may be
 * NULL) holds what a failed POST typed. ?tag=ID keeps the trackers with a task so tagged. */
static int render_day(struct app *app, struct req *r, struct resp *w, int64_t day, int status_code,
		      const struct day_input *in)
{
	const struct user *u = r->user;
	int64_t today = page_user_today(app, r);
	struct view *v = page_view(app, r);
	view_set_str(v, "title", day == today ? "Today" : day_label(r->arena, day));
	view_set_str(v, "date", page_day_text(r->arena, day));
	view_set_str(v, "date_label", day_label(r->arena, day));
	view_set_bool(v, "is_today", day == today);
	view_set_bool(v, "is_past", day < today);
	view_set_bool(v, "is_future", day > today);
	view_set_str(v, "prev_day", page_day_text(r->arena, day - 1));
	view_set_str(v, "next_day", page_day_text(r->arena, day + 1));
	view_set_str(v, "today", page_day_text(r->arena, today));
	char week[CIVIL_ISO_WEEK_SIZE];
	civil_format_iso_week(day, week);
	view_set_str(v, "week", arena_strdup(r->arena, week));
	view_set_str(v, "back", arena_printf(r->arena, "/day/%s", page_day_text(r->arena, day)));

	int64_t tag_id = 0;
	const char *tag = req_query(r, "tag");
	if (tag && page_parse_id(tag, &tag_id) < 0)
		tag_id = 0;
	struct tag_filter filter = { r->arena, view_list(r->arena), tag_id };
	if (tag_each(&app->db, r->arena, u->id, add_tag_filter, &filter) != TASK_OK)
		return 500;
	view_set(v, "tags", filter.list);
	view_set_bool(v, "has_tags", view_len(filter.list) > 0);
	view_set_bool(v, "filtered", tag_id > 0);
	if (in && in->error)
		view_set_str(v, "error", in->error);

	struct tracker_list list = { .a = r->arena };
	if (tracker_each(&app->db, r->arena, u->id, TRACKER_LIST_ACTIVE, tag_id, collect_tracker, &list) != TRACKER_OK)
		return 500;
	struct habit_owner owner;
	int rc = page_habit_owner(app, r, &owner);
	if (rc)
		return rc;
	owner.window_days = TODAY_STATS_WINDOW;
	/* Write only while opening the periods (get-or-create), so the write lock is held for
	 * as short a time as possible; everything after it reads. */
	struct tracker_instance *periods = arena_calloc(r->arena, list.count ? list.count : 1, sizeof *periods);
	bool *in_window = arena_calloc(r->arena, list.count ? list.count : 1, sizeof *in_window);
	if (db_begin_write(&app->db) < 0)
		return 500;
	for (size_t i = 0; i < list.count; i++) {
		enum instance_result res = instance_open(&app->db, clock_now(&app->clock), &list.items[i], u->week_start,
							 day, &periods[i]);
		if (res != INSTANCE_OK && res != INSTANCE_OUT_OF_WINDOW) {
			db_rollback(&app->db);
			return 500;
		}
		in_window[i] = res == INSTANCE_OK;
	}
	if (db_commit(&app->db) < 0)
		return 500;
	struct completion overall = { 0 };
	struct view *trackers = view_list(r->arena);
	int status = 0, gaps = 0;
	bool milestone = false;
	for (size_t i = 0; i < list.count && !status; i++) {
		if (in_window[i]) {
			struct view *tv = tracker_day_view(app, r, &list.items[i], &periods[i], day, in, &owner, &overall,
							   &milestone, &status);
			if (tv)
				view_push(trackers, tv);
		}
		int n = 0;
		if (!status && day == today &&
		    instance_gap_count(&app->db, &list.items[i], u->week_start, u->time_zone, today, &n) == INSTANCE_OK)
			gaps += n;
	}
	if (status)
		return status;
	if (milestone && record_milestones(app, &list, &owner) < 0)
		return 500;
	view_set(v, "trackers", trackers);
	view_set_bool(v, "no_trackers", list.count == 0 && tag_id == 0);
	view_set_bool(v, "nothing_due", list.count > 0 && overall.total == 0);
	view_set_int(v, "done", overall.done);
	view_set_int(v, "total", overall.total);
	view_set_bool(v, "any_due", overall.total > 0);
	view_set_int(v, "percent", completion_percent(&overall));
	if (gaps > 0)
		view_set_int(v, "gap_count", gaps);
	const char *saved = req_query(r, "saved");
	if (saved)
		view_set_str(v, "notice", strcmp(saved, "note") == 0   ? "The note was saved."
					  : strcmp(saved, "gaps") == 0 ? "The days you were away were filled in."
								       : "Saved.");
	w->status = status_code;
	return page_render(app, w, "today", v);
}

int page_today_get(struct app *app, struct req *r, struct resp *w)
{
	return render_day(app, r, w, page_user_today(app, r), 200, NULL);
}

int page_day_get(struct app *app, struct req *r, struct resp *w)
{
	int64_t day;
	if (civil_parse(r->route_strs[0], &day) < 0)
		return 404;
	return render_day(app, r, w, day, 200, NULL);
}

int page_day_pick_get(struct app *app, struct req *r, struct resp *w)
{
	const char *date = req_query(r, "date");
	int64_t day;
	if (!date || civil_parse(date, &day) < 0)
		day = page_user_today(app, r);
	resp_redirect(w, arena_printf(r->arena, "/day/%s", page_day_text(r->arena, day)));
	return 0;
}

/* Parses a measured amount: a number from 0 to 1e12; -1 otherwise. */
static int parse_amount(const char *s, double *out)
{
	double v;
	if (page_parse_number(s, &v) < 0 || v < 0 || v > 1e12)
		return -1;
	*out = v;
	return 0;
}

/* The local page to return to after a check-in ("back" field), "/" by default. */
static const char *back_to(struct req *r)
{
	const char *back = req_form(r, "back");
	return redirect_safe(back && *back ? back : "/");
}

int page_checkin_post(struct app *app, struct req *r, struct resp *w)
{
	const struct user *u = r->user;
	const char *status_text = req_form(r, "status"), *value_text = page_field(r, "value");
	enum instance_status status;
	if (!status_text || instance_status_parse(status_text, &status) < 0)
		return 400;
	double value = 0;
	bool value_set = *value_text != '\0';
	if (value_set && parse_amount(value_text, &value) < 0)
		return 422;
	if (db_begin_write(&app->db) < 0)
		return 500;
	enum instance_result res = instance_set(&app->db, clock_now(&app->clock), page_user_today(app, r), u->id,
						r->route_ints[0], status, value_set, value, SOURCE_WEB);
	if (res != INSTANCE_OK) {
		db_rollback(&app->db);
		return res == INSTANCE_NOT_FOUND ? 404 : res == INSTANCE_INVALID ? 422 : 500;
	}
	if (db_commit(&app->db) < 0)
		return 500;
	resp_redirect(w, back_to(r));
	return 0;
}

int page_day_batch_post(struct app *app, struct req *r, struct resp *w)
{
	const struct user *u = r->user;
	int64_t day;
	if (civil_parse(r->route_strs[0], &day) < 0)
		return 404;
	int64_t now = clock_now(&app->clock), today = page_user_today(app, r);
	if (db_begin_write(&app->db) < 0)
		return 500;
	int status = 0;
	/* every listed task: checked → done, unchecked and done → to do, a value → measured */
	for (size_t i = 0; i < r->form.count && !status; i++) {
		const struct http_param *p = &r->form.items[i];
		if (strcmp(p->name, "task") != 0)
			continue;
		char *end;
		errno = 0;
		long long id = strtoll(p->value, &end, 10);
		if (errno || end == p->value || *end || id <= 0) {
			status = 400;
			break;
		}
		struct task_instance ti;
		struct arena a;
		arena_init(&a);
		enum instance_result res = instance_task_get(&app->db, &a, u->id, id, &ti, NULL, NULL);
		arena_free(&a);
		if (res != INSTANCE_OK) {
			status = res == INSTANCE_NOT_FOUND ? 404 : 500;
			break;
		}
		const char *value_text = page_field(r, arena_printf(r->arena, "value_%lld", id));
		bool checked = req_form(r, arena_printf(r->arena, "done_%lld", id)) != NULL;
		enum instance_status next = ti.status;
		bool value_set = false;
		double value = 0;
		if (ti.kind == TASK_MEASURE && *value_text) {
			if (parse_amount(value_text, &value) < 0) {
				status = 422;
				break;
			}
			value_set = true;
			next = INSTANCE_TODO; /* the value decides */
		} else if (checked) {
			next = INSTANCE_DONE;
		} else if (ti.status == INSTANCE_DONE) {
			next = INSTANCE_TODO;
		}
		res = instance_set(&app->db, now, today, u->id, id, next, value_set, value, SOURCE_BATCH);
		if (res != INSTANCE_OK)
			status = res == INSTANCE_INVALID ? 422 : 500;
	}
	if (status) {
		db_rollback(&app->db);
		if (status != 422)
			return status;
		struct day_input in = { .r = r, .batch = true,
					.error = "Nothing was saved: some values are not numbers. They are marked below." };
		return render_day(app, r, w, day, 422, &in);
	}
	if (db_commit(&app->db) < 0)
		return 500;
	resp_redirect(w, arena_printf(r->arena, "/day/%s?saved=batch", page_day_text(r->arena, day)));
	return 0;
}

int page_note_post(struct app *app, struct req *r, struct resp *w)
{
	const struct user *u = r->user;
	int64_t day;
	if (civil_parse(r->route_strs[0], &day) < 0)
		return 404;
	const char *body = req_form(r, "note");
	if (!body)
		body = "";
	/* trailing white space is not content: a note of blanks is no note */
	size_t n = strlen(body);
	while (n && (body[n - 1] == ' ' || body[n - 1] == '\n' || body[n - 1] == '\r' || body[n - 1] == '\t'))
		n--;
	body = arena_strndup(r->arena, body, n);
	if (db_begin_write(&app->db) < 0)
		return 500;
	enum instance_result res = instance_note_set(&app->db, clock_now(&app->clock), u->id, r->route_ints[0], day, body);
	if (res != INSTANCE_OK) {
		db_rollback(&app->db);
		if (res != INSTANCE_INVALID)
			return res == INSTANCE_NOT_FOUND ? 404 : 500;
		/* too long: show the page again with the note as typed and why */
		struct day_input in = {
			.r = r,
			.note_tracker_id = r->route_ints[0],
			.note = body,
			.note_error = "A note holds at most 20,000 characters. Shorten it and save again.",
		};
		return render_day(app, r, w, day, 422, &in);
	}
	if (db_commit(&app->db) < 0)
		return 500;
	resp_redirect(w, arena_printf(r->arena, "/day/%s?saved=note", page_day_text(r->arena, day)));
	return 0;
}

int page_gap_fill_post(struct app *app, struct req *r, struct resp *w)
{
	const struct user *u = r->user;
	struct tracker_list list = { .a = r->arena };
	if (tracker_each(&app->db, r->arena, u->id, TRACKER_LIST_ACTIVE, 0, collect_tracker, &list) != TRACKER_OK)
		return 500;
	int64_t now = clock_now(&app->clock), today = page_user_today(app, r);
	if (db_begin_write(&app->db) < 0)
		return 500;
	for (size_t i = 0; i < list.count; i++) {
		int filled = 0;
		if (instance_gap_fill(&app->db, now, &list.items[i], u->week_start, u->time_zone, today, &filled) !=
		    INSTANCE_OK) {
			db_rollback(&app->db);
			return 500;
		}
	}
	if (db_commit(&app->db) < 0)
		return 500;
	resp_redirect(w, "/?saved=gaps");
	return 0;
}

int page_week_get(struct app *app, struct req *r, struct resp *w)
{
	const struct user *u = r->user;
	int64_t monday;
	if (civil_parse_iso_week(r->route_strs[0], &monday) < 0)
		return 404;
	int64_t first = civil_week_start(monday, u->week_start), today = page_user_today(app, r);
	struct view *v = page_view(app, r);
	char week[CIVIL_ISO_WEEK_SIZE];
	civil_format_iso_week(monday, week);
	view_set_str(v, "title", arena_printf(r->arena, "Week %s", week));
	civil_format_iso_week(monday - 7, week);
	view_set_str(v, "prev_week", arena_strdup(r->arena, week));
	civil_format_iso_week(monday + 7, week);
	view_set_str(v, "next_week", arena_strdup(r->arena, week));
	struct tracker_list list = { .a = r->arena };
	if (tracker_each(&app->db, r->arena, u->id, TRACKER_LIST_ACTIVE, 0, collect_tracker, &list) != TRACKER_OK)
		return 500;
	if (db_begin_write(&app->db) < 0)
		return 500;
	struct view *days = view_list(r->arena);
	int status = 0;
	for (int k = 0; k < 7 && !status; k++) {
		int64_t day = first + k;
		struct view *d = view_map(r->arena);
		view_set_str(d, "date", page_day_text(r->arena, day));
		view_set_str(d, "weekday", weekday_names[civil_weekday(day)]);
		view_set_str(d, "label", short_label(r->arena, day));
		view_set_bool(d, "is_today", day == today);
		struct view *tasks = view_list(r->arena);
		struct completion c = { 0 };
		for (size_t i = 0; i < list.count && !status; i++) {
			const struct tracker *t = &list.items[i];
			if (t->time_mode != TIME_MODE_DAILY)
				continue; /* weekly and monthly trackers show on their day pages */
			struct tracker_instance ti;
			enum instance_result res = instance_open(&app->db, clock_now(&app->clock), t, u->week_start, day, &ti);
			if (res == INSTANCE_OUT_OF_WINDOW)
				continue;
			struct day_tasks dt = { .a = r->arena, .ids = view_list(r->arena) };
			if (res != INSTANCE_OK ||
			    instance_tasks_each(&app->db, r->arena, u->id, ti.id, add_day_task, &dt) != INSTANCE_OK) {
				status = 500;
				break;
			}
			for (int g = 0; g < TASK_TIME_OF_DAY__MAX; g++)
				for (size_t j = 0; dt.groups[g] && j < view_len(dt.groups[g]); j++) {
					struct view *tv = view_at(dt.groups[g], j);
					view_set_str(tv, "tracker", t->name);
					view_push(tasks, tv);
				}
			c.done += dt.completion.done;
			c.total += dt.completion.total;
			c.done_weight += dt.completion.done_weight;
			c.due_weight += dt.completion.due_weight;
		}
		view_set(d, "tasks", tasks);
		view_set_bool(d, "empty", view_len(tasks) == 0);
		view_set_int(d, "done", c.done);
		view_set_int(d, "total", c.total);
		view_push(days, d);
	}
	if (status) {
		db_rollback(&app->db);
		return status;
	}
	if (db_commit(&app->db) < 0)
		return 500;
	view_set(v, "days", days);
	return page_render(app, w, "week", v);
}
