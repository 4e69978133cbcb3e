/* page_stats: the statistics pages (issue 6) — the dashboard (/stats) with its filters as GET
 * parameters, and a tracker's analytics (/trackers/{id}/stats). Thin: validate, call
 * analytics and habit_stats, fill the view; the pictures come from picture_view. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics.h"
#include "civil.h"
#include "habit_stats.h"
#include "page_util.h"
#include "pages.h"
#include "picture_view.h"
#include "task.h"
#include "tracker.h"
#include "user.h"
#include "xmalloc.h"

#define DEFAULT_COLOR "#2f6f4f" /* the accent colour of the light theme */
#define LINE_DAILY_MAX 92    /* longer ranges draw one point per week */
#define LINE_WEEKLY_MAX 731  /* longer ones, one per month */
#define TRACKER_DAYS_DEFAULT 30
#define TRACKER_STREAK_DAYS 400 /* the tasks' streaks look this far back, as Today's do */

static const char *const weekday_abbr[7] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
static const char *const weekday_names[7] = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
					      "Sunday" };
static const char *const month_abbr[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

/* "22 May". */
static const char *short_day(struct arena *a, int64_t day)
{
	int y, m, d;
	civil_to_ymd(day, &y, &m, &d);
	return arena_printf(a, "%d %s", d, month_abbr[m - 1]);
}

/* "Fri 22 May 2026". */
static const char *long_day(struct arena *a, int64_t day)
{
	int y, m, d;
	civil_to_ymd(day, &y, &m, &d);
	return arena_printf(a, "%s %d %s %d", weekday_abbr[civil_weekday(day)], d, month_abbr[m - 1], y);
}

/* "22 Apr – 22 May 2026", or with both years when they differ. */
static const char *range_text(struct arena *a, int64_t from, int64_t to)
{
	int y1, m1, d1, y2, m2, d2;
	civil_to_ymd(from, &y1, &m1, &d1);
	civil_to_ymd(to, &y2, &m2, &d2);
	if (from == to)
		return arena_printf(a, "%d %s %d", d2, month_abbr[m2 - 1], y2);
	if (y1 == y2)
		return arena_printf(a, "%d %s – %d %s %d", d1, month_abbr[m1 - 1], d2, month_abbr[m2 - 1], y2);
	return arena_printf(a, "%d %s %d – %d %s %d", d1, month_abbr[m1 - 1], y1, d2, month_abbr[m2 - 1], y2);
}

/* "72%" or "—" for -1. */
static const char *percent_text(struct arena *a, int p)
{
	return p < 0 ? "—" : arena_printf(a, "%d%%", p);
}

/* The year of ?year= (default: the year of today) into *year; 0, or -1 when it is not a year
 * of CIVIL_YEAR_MIN..CIVIL_YEAR_MAX. */
static int parse_year(const struct req *r, int64_t today, int *year)
{
	int y, m, d;
	civil_to_ymd(today, &y, &m, &d);
	*year = y;
	const char *s = req_query(r, "year");
	if (!s || !*s)
		return 0;
	long long v;
	if (page_parse_int(s, CIVIL_YEAR_MIN, CIVIL_YEAR_MAX, &v) < 0 || s[0] == '-' || s[0] == '+')
		return -1;
	*year = (int)v;
	return 0;
}

/* Loads the data of span (from..to) and of the year into *d and *yd: one read when the year
 * touches the span (then *yd is *d), else two. Task records are kept from records_from on
 * (INT64_MAX: none). */
static enum analytics_result load_with_year(struct app *app, struct req *r, const struct analytics_filter *f,
					    int64_t from, int64_t to, int64_t records_from, int year,
					    struct analytics_data *d, struct analytics_data *yd)
{
	int64_t ys = civil_from_ymd(year, 1, 1), ye = civil_from_ymd(year, 12, 31);
	int64_t uid = page_user(r)->id;
	if (ys <= to + 1 && ye >= from - 1) {
		enum analytics_result res = analytics_load_with_tasks(&app->db, r->arena, uid, f, from < ys ? from : ys,
								      to > ye ? to : ye, records_from, d);
		*yd = *d;
		return res;
	}
	enum analytics_result res = analytics_load_with_tasks(&app->db, r->arena, uid, f, from, to, records_from, d);
	return res != ANALYTICS_OK ? res : analytics_load(&app->db, r->arena, uid, f, ys, ye, yd);
}

/* The heatmap of year from yd, coloured color, with links to the years around it (none past
 * today's year): base_href is the page's URL with its other parameters ("/stats?range=30&"). */
static struct view *heatmap_view(struct req *r, const struct analytics_data *yd, int year, int64_t today,
				 const char *color, const char *caption, const char *base_href)
{
	struct arena *a = r->arena;
	int64_t ys = civil_from_ymd(year, 1, 1), ye = civil_from_ymd(year, 12, 31);
	struct picture_day *days = arena_calloc(a, (size_t)(ye - ys + 1), sizeof *days);
	size_t n = 0;
	for (int64_t day = ys; day <= ye; day++) {
		const struct analytics_day *x = analytics_data_day(yd, day);
		if (!x)
			continue;
		int due = 0;
		for (int k = 0; k < INSTANCE_STATUS__MAX; k++)
			due += k == INSTANCE_SKIPPED ? 0 : x->count[k];
		if (due > 0)
			days[n++] = (struct picture_day){ day, due, x->count[INSTANCE_DONE] };
	}
	struct view *v = view_map(a);
	view_set(v, "heatmap", picture_heatmap(a, year, page_user(r)->week_start, color, days, n, caption));
	view_set_int(v, "year", year);
	if (year > CIVIL_YEAR_MIN)
		view_set_str(v, "prev_href", arena_printf(a, "%syear=%d", base_href, year - 1));
	int this_year, month, day;
	civil_to_ymd(today, &this_year, &month, &day);
	if (year < CIVIL_YEAR_MAX && year < this_year)
		view_set_str(v, "next_href", arena_printf(a, "%syear=%d", base_href, year + 1));
	view_set_int(v, "prev_year", year - 1);
	view_set_int(v, "next_year", year + 1);
	view_set_bool(v, "empty", n == 0);
	return v;
}

/* The completion line of from..to: a point per day, per week or per month by length; buckets
 * with nothing due are left out. NULL when fewer than two points remain. */
static struct view *completion_line(struct req *r, const struct analytics_data *d, int64_t from, int64_t to,
				    const char *caption)
{
	struct arena *a = r->arena;
	int64_t len = to - from + 1;
	size_t cap = (size_t)(len > 0 ? len : 1);
	const char **labels = arena_calloc(a, cap, sizeof *labels);
	double *values = arena_calloc(a, cap, sizeof *values);
	size_t n = 0;
	int64_t day = from;
	while (day <= to) {
		int64_t end;
		const char *label;
		if (len <= LINE_DAILY_MAX) {
			end = day;
			label = short_day(a, day);
		} else if (len <= LINE_WEEKLY_MAX) {
			end = civil_week_start(day, page_user(r)->week_start) + 6;
			label = short_day(a, day);
		} else {
			end = civil_month_end(day);
			int y, m, dd;
			civil_to_ymd(day, &y, &m, &dd);
			label = arena_printf(a, "%s %d", month_abbr[m - 1], y);
		}
		if (end > to)
			end = to;
		struct analytics_summary s = analytics_summarize(d, day, end);
		if (s.due_weight > 0) {
			labels[n] = label;
			values[n++] = 100.0 * s.done_weight / s.due_weight;
		}
		day = end + 1;
	}
	if (n < 2)
		return NULL;
	return picture_line(a, labels, values, n, 100, "%", caption);
}

/* The sentence and kind of a trend of `days` days. */
static struct view *trend_view(struct arena *a, const struct analytics_trend *t, int days)
{
	struct view *v = view_map(a);
	view_set_str(v, "kind", analytics_trend_name(t->kind));
	view_set_bool(v, "known", t->kind != TREND_UNKNOWN);
	static const char *const words[] = { "Not enough data", "Improving", "Declining", "Stable" };
	view_set_str(v, "label", words[t->kind]);
	if (t->kind == TREND_UNKNOWN) {
		view_set_str(v, "sentence", arena_printf(a,
							 "A trend needs something due in the last %d days and in the "
							 "%d before them.",
							 days, days));
		return v;
	}
	int change = (int)(t->change >= 0 ? t->change + 0.5 : t->change - 0.5);
	view_set_str(v, "sentence",
		     arena_printf(a, "%.0f%% in the last %d days against %.0f%% in the %d before (%s%d points).",
				  t->recent, days, t->previous, days, change > 0 ? "+" : change < 0 ? "\u2212" : "\u00b1",
				  change < 0 ? -change : change));
	return v;
}

/* The counts of a summary as a list of {label, count, status}. */
static struct view *status_counts(struct arena *a, const struct analytics_summary *s)
{
	static const enum instance_status order[] = { INSTANCE_DONE,    INSTANCE_IN_PROGRESS, INSTANCE_MISSED,
						      INSTANCE_SKIPPED, INSTANCE_BLOCKED,     INSTANCE_TODO };
	struct view *list = view_list(a);
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		struct view *c = view_map(a);
		view_set_str(c, "label", instance_status_label(order[i]));
		view_set_str(c, "status", instance_status_name(order[i]));
		view_set_int(c, "count", s->count[order[i]]);
		view_push(list, c);
	}
	return list;
}

/* The daily and weekly summaries of day; the week counts no day after today. */
static void summaries(struct req *r, struct view *v, const struct analytics_data *d, int64_t day, int64_t today)
{
	struct arena *a = r->arena;
	struct analytics_summary s = analytics_summarize(d, day, day);
	struct view *dv = view_map(a);
	view_set_str(dv, "label", long_day(a, day));
	view_set(dv, "counts", status_counts(a, &s));
	view_set_int(dv, "total", s.total);
	view_set_str(dv, "percent", percent_text(a, s.percent));
	view_set_bool(dv, "empty", s.total == 0);
	struct view *both = view_map(a);
	view_set(both, "day", dv);
	struct analytics_week w = analytics_week_summary(d, day, page_user(r)->week_start, today);
	struct view *wv = view_map(a);
	view_set_str(wv, "label", range_text(a, w.start, w.start + 6));
	view_set(wv, "counts", status_counts(a, &w.total));
	view_set_int(wv, "total", w.total.total);
	view_set_str(wv, "percent", percent_text(a, w.total.percent));
	view_set_bool(wv, "empty", w.total.total == 0);
	struct view *days = view_list(a);
	for (int i = 0; i < 7; i++) {
		struct view *x = view_map(a);
		view_set_str(x, "label", long_day(a, w.start + i));
		view_set_int(x, "done", w.days[i].done);
		view_set_int(x, "due", w.days[i].due);
		view_set_str(x, "percent", percent_text(a, w.days[i].percent));
		view_set_bool(x, "best", i == w.best);
		view_push(days, x);
	}
	view_set(wv, "days", days);
	if (w.best >= 0)
		view_set_str(wv, "best", arena_printf(a, "%s (%d%%)", weekday_names[civil_weekday(w.start + w.best)],
						      w.days[w.best].percent));
	else
		view_set_bool(wv, "best", false);
	view_set(both, "week", wv);
	view_set(v, "summary", both);
}

/* ---- the dashboard ---- */

struct options_ctx {
	struct arena *a;
	struct view *list;
	int64_t selected;
};

/* Adds one <option> of a filter select to c's list. */
static int add_option(struct options_ctx *c, int64_t id, const char *name)
{
	struct view *o = view_map(c->a);
	view_set_int(o, "id", id);
	view_set_str(o, "name", name);
	view_set_bool(o, "selected", id == c->selected);
	view_push(c->list, o);
	return 0;
}

static int add_tracker_option(void *ctx, const struct tracker *t)
{
	return add_option(ctx, t->id, t->name);
}

static int add_category_option(void *ctx, const struct category *cat)
{
	return add_option(ctx, cat->id, cat->name);
}

static int add_tag_option(void *ctx, const struct tag *t)
{
	return add_option(ctx, t->id, t->name);
}

/* The filter form: the ranges, the dates as typed, the user's trackers, categories and tags.
 * Returns the number of trackers the user has (any status), or -1 on a database error. */
static int filter_form(struct app *app, struct req *r, struct view *v, const struct analytics_query *q,
		       const struct analytics_filter *f)
{
	struct arena *a = r->arena;
	int64_t uid = page_user(r)->id;
	static const struct {
		const char *value, *label;
		int days;
	} ranges[] = { { "7", "7 days", 7 }, { "30", "30 days", 30 }, { "90", "90 days", 90 },
		       { "365", "A year", 365 }, { "custom", "Custom dates", 0 } };
	const char *chosen = q->range && *q->range ? q->range : NULL;
	struct view *list = view_list(a);
	for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++) {
		struct view *o = view_map(a);
		view_set_str(o, "value", ranges[i].value);
		view_set_str(o, "label", ranges[i].label);
		view_set_bool(o, "selected", chosen ? strcmp(chosen, ranges[i].value) == 0 : ranges[i].days == f->range);
		view_push(list, o);
	}
	view_set(v, "ranges", list);
	view_set_str(v, "from", q->from && *q->from ? q->from : page_day_text(a, f->from));
	view_set_str(v, "to", q->to && *q->to ? q->to : page_day_text(a, f->to));
	struct options_ctx c = { a, view_list(a), f->tracker_id };
	if (tracker_each(&app->db, a, uid, TRACKER_LIST_ALL, 0, add_tracker_option, &c) != TRACKER_OK)
		return -1;
	view_set(v, "trackers", c.list);
	int trackers = (int)view_len(c.list);
	c = (struct options_ctx){ a, view_list(a), f->category_id };
	if (category_each(&app->db, a, uid, add_category_option, &c) != TRACKER_OK)
		return -1;
	view_set(v, "categories", c.list);
	view_set_bool(v, "has_categories", view_len(c.list) > 0);
	c = (struct options_ctx){ a, view_list(a), f->tag_id };
	if (tag_each(&app->db, a, uid, add_tag_option, &c) != TASK_OK)
		return -1;
	view_set(v, "tags", c.list);
	view_set_bool(v, "has_tags", view_len(c.list) > 0);
	return trackers;
}

/* The query string of filter f ("range=30&tracker=4&"), ending in '&' so more can follow. */
static const char *filter_query(struct arena *a, const struct analytics_filter *f)
{
	const char *s = f->range ? arena_printf(a, "range=%d&", f->range)
				 : arena_printf(a, "range=custom&from=%s&to=%s&", page_day_text(a, f->from),
						page_day_text(a, f->to));
	if (f->tracker_id)
		s = arena_printf(a, "%stracker=%lld&", s, (long long)f->tracker_id);
	if (f->category_id)
		s = arena_printf(a, "%scategory=%lld&", s, (long long)f->category_id);
	if (f->tag_id)
		s = arena_printf(a, "%stag=%lld&", s, (long long)f->tag_id);
	return s;
}

/* The quick stats of the range. */
static struct view *quick_view(struct arena *a, const struct analytics_quick *q, const struct analytics_data *d)
{
	struct view *v = view_map(a);
	view_set_int(v, "done", q->range.done);
	view_set_int(v, "due", q->range.due);
	view_set_str(v, "percent", percent_text(a, q->range.percent));
	view_set_int(v, "points", q->range.points);
	struct view *amounts = view_list(a);
	for (size_t i = 0; i < d->amount_count; i++) {
		struct view *x = view_map(a);
		view_set_str(x, "total", page_number_text(a, d->amounts[i].total));
		page_set_opt(x, "unit", d->amounts[i].unit);
		view_push(amounts, x);
	}
	view_set(v, "amounts", amounts);
	const struct analytics_streak *streaks[2] = { &q->current, &q->longest };
	const char *keys[2] = { "current", "longest" };
	for (int i = 0; i < 2; i++) {
		if (!streaks[i]->length) {
			view_set_bool(v, keys[i], false);
			continue;
		}
		struct view *s = view_map(a);
		view_set_str(s, "length", page_periods_text(a, streaks[i]->length, streaks[i]->mode));
		view_set_bool(s, "capped", streaks[i]->capped);
		view_set_str(s, "tracker", streaks[i]->tracker_name);
		view_set_str(s, "href", arena_printf(a, "/trackers/%lld/stats", (long long)streaks[i]->tracker_id));
		view_set(v, keys[i], s);
	}
	if (q->top.id) {
		struct view *t = view_map(a);
		view_set_str(t, "name", q->top.name);
		view_set_str(t, "color", q->top.color);
		view_set_int(t, "done", q->top.done);
		view_set(v, "top", t);
	} else {
		view_set_bool(v, "top", false);
	}
	return v;
}

/* The best and worst weekdays of the 90 days to end, with their bars. */
static struct view *weekdays_view(struct req *r, const struct analytics_data *d, int64_t end)
{
	struct arena *a = r->arena;
	int ws = page_user(r)->week_start;
	struct analytics_weekdays w = analytics_weekdays(d, end, ws);
	struct view *v = view_map(a);
	view_set_str(v, "span", range_text(a, end - ANALYTICS_WEEKDAY_DAYS + 1, end));
	const char *labels[7];
	double values[7];
	size_t n = 0;
	for (int i = 0; i < 7; i++) {
		int wd = ws == 0 ? (i + 6) % 7 : i;
		if (w.wd[wd].percent < 0)
			continue;
		labels[n] = weekday_abbr[wd];
		values[n++] = 100.0 * w.wd[wd].done_weight / w.wd[wd].due_weight;
	}
	if (w.best >= 0) {
		view_set_str(v, "best", arena_printf(a, "%s (%d%%)", weekday_names[w.best], w.wd[w.best].percent));
		view_set_str(v, "worst", arena_printf(a, "%s (%d%%)", weekday_names[w.worst], w.wd[w.worst].percent));
	} else {
		view_set_bool(v, "best", false);
	}
	view_set_bool(v, "even", w.even);
	view_set_bool(v, "few", n < 2);
	if (n >= 2)
		view_set(v, "bars", picture_bars(a, labels, values, n, 100, "%", "Completion by weekday"));
	else
		view_set_bool(v, "bars", false);
	return v;
}

/* At-risk tasks and suggestions under the filter. */
static int tasks_view(struct app *app, struct req *r, struct view *v, const struct habit_owner *o,
		      const struct analytics_filter *f, const struct analytics_data *d)
{
	struct arena *a = r->arena;
	struct analytics_task_health *h;
	size_t n;
	if (analytics_task_health(&app->db, a, o, f, d, &h, &n) != ANALYTICS_OK)
		return 500;
	struct view *risk = view_list(a), *tips = view_list(a);
	for (size_t i = 0; i < n; i++) {
		const char *href = arena_printf(a, "/trackers/%lld/tasks/%lld", (long long)h[i].tracker_id,
						(long long)h[i].task_id);
		const char *unit = h[i].mode == TIME_MODE_WEEKLY ? "weeks" : h[i].mode == TIME_MODE_MONTHLY ? "months" : "days";
		if (h[i].at_risk) {
			struct view *x = view_map(a);
			view_set_str(x, "name", h[i].task_name);
			view_set_str(x, "tracker", h[i].tracker_name);
			view_set_str(x, "href", href);
			view_set_str(x, "why", arena_printf(a, "the last two due %s were missed", unit));
			view_push(risk, x);
		}
		unsigned kinds = analytics_suggestions_for(&h[i]);
		for (int k = 0; k < SUGGEST__MAX; k++) {
			if (!(kinds & (1u << k)))
				continue;
			struct view *x = view_map(a);
			view_set_str(x, "name", h[i].task_name);
			view_set_str(x, "href", href);
			switch (k) {
			case SUGGEST_LOWER_FREQUENCY:
				view_set_str(x, "title", "Lower the frequency");
				view_set_str(x, "text", arena_printf(a,
								     "was missed in %d%% of its due %s over the last 30 days. "
								     "Schedule it less often for now, and add days back once it sticks.",
								     h[i].failure_rate, unit));
				break;
			case SUGGEST_MAKE_EASIER:
				view_set_str(x, "title", "Make it easier");
				view_set_str(x, "text", arena_printf(a,
								     "was kept only %d%% of the time over the last 30 days. "
								     "Try a smaller target or an easier version.",
								     h[i].consistency));
				break;
			default:
				view_set_str(x, "title", "Start again");
				view_set_str(x, "text", arena_printf(a,
								     "had a streak of %s that ended. One check-in starts a "
								     "new one — today is a good day.",
								     page_periods_text(a, h[i].broken_run, h[i].mode)));
				break;
			}
			view_push(tips, x);
		}
	}
	view_set(v, "at_risk", risk);
	view_set_bool(v, "has_risk", view_len(risk) > 0);
	view_set(v, "suggestions", tips);
	view_set_bool(v, "has_suggestions", view_len(tips) > 0);
	view_set_bool(v, "has_tasks", n > 0);
	return 0;
}

int page_stats_get(struct app *app, struct req *r, struct resp *w)
{
	struct arena *a = r->arena;
	struct habit_owner o;
	int rc = page_habit_owner(app, r, &o);
	if (rc)
		return rc;
	struct analytics_query q = { req_query(r, "range"),   req_query(r, "from"),     req_query(r, "to"),
				     req_query(r, "tracker"), req_query(r, "category"), req_query(r, "tag") };
	struct analytics_filter f;
	const char *message, *field;
	enum analytics_result res = analytics_filter_parse(&app->db, o.user_id, o.today, &q, &f, &message, &field);
	if (res == ANALYTICS_ERROR)
		return 500;
	f.utc_offset = page_utc_offset(app, o.time_zone);
	int year = 0;
	if (res == ANALYTICS_OK && parse_year(r, o.today, &year) < 0) {
		res = ANALYTICS_INVALID;
		message = "There is no such year; choose one between 1900 and 2999.";
		field = "year";
	}
	struct view *v = page_view(app, r);
	view_set_str(v, "title", "Statistics");
	if (res == ANALYTICS_INVALID) {
		/* show the form with what was typed, and the message: a 400 the user can fix */
		struct analytics_filter shown = { .from = o.today - 29, .to = o.today, .range = 30 };
		if (filter_form(app, r, v, &q, &shown) < 0)
			return 500;
		view_set_str(v, "error", message);
		page_set_opt(v, "error_field", field);
		w->status = 400;
		return page_render(app, w, "dashboard", v);
	}
	int trackers = filter_form(app, r, v, &q, &f);
	if (trackers < 0)
		return 500;
	if (trackers == 0) {
		view_set_bool(v, "new_user", true);
		return page_render(app, w, "dashboard", v);
	}
	const char *query = filter_query(a, &f);
	view_set_str(v, "range_label", range_text(a, f.from, f.to));
	struct view *quick_links = view_list(a);
	static const int quick_ranges[] = { 7, 30, 90, 365 };
	struct analytics_filter other = f;
	for (size_t i = 0; i < 4; i++) {
		other.range = quick_ranges[i];
		struct view *l = view_map(a);
		view_set_str(l, "label", quick_ranges[i] == 365 ? "Year" : arena_printf(a, "%d days", quick_ranges[i]));
		const char *href = arena_printf(a, "/stats?%s", filter_query(a, &other));
		view_set_str(l, "href", arena_strndup(a, href, strlen(href) - 1));
		view_set_bool(l, "current", f.range == quick_ranges[i]);
		view_push(quick_links, l);
	}
	view_set(v, "quick_links", quick_links);

	/* one read for the range, the 90 days before its end (trend and weekdays), the year, and
	 * when the range ends today the tasks' last 90 days (risk and suggestions) */
	int64_t anchor = f.to < o.today ? f.to : o.today;
	int64_t span_from = f.from < anchor - ANALYTICS_WEEKDAY_DAYS + 1 ? f.from : anchor - ANALYTICS_WEEKDAY_DAYS + 1;
	int64_t records_from = ANALYTICS_TASK_WINDOW_FROM(o.today);
	if (f.to >= o.today && records_from < span_from)
		span_from = records_from;
	struct analytics_data d, yd;
	if (load_with_year(app, r, &f, span_from, f.to, records_from, year, &d, &yd) != ANALYTICS_OK)
		return 500;
	struct analytics_quick quick;
	if (analytics_quick_stats(&app->db, a, &o, &f, &d, &quick) != ANALYTICS_OK)
		return 500;
	view_set(v, "quick", quick_view(a, &quick, &d));
	view_set_bool(v, "nothing_due", quick.range.total == 0);

	const char *color = DEFAULT_COLOR;
	struct tracker t;
	if (f.tracker_id && tracker_get(&app->db, a, o.user_id, f.tracker_id, false, &t) == TRACKER_OK)
		color = t.color;
	view_set(v, "year_view", heatmap_view(r, &yd, year, o.today, color, arena_printf(a, "Completion in %d", year),
					      arena_printf(a, "/stats?%s", query)));

	struct analytics_trend trend = analytics_trend(&d, anchor, ANALYTICS_TREND_DAYS);
	view_set(v, "trend", trend_view(a, &trend, ANALYTICS_TREND_DAYS));
	struct view *line = completion_line(r, &d, f.from, anchor, "Completion per day");
	if (line)
		view_set(v, "line", line);
	else
		view_set_bool(v, "line", false);
	view_set(v, "weekdays", weekdays_view(r, &d, anchor));

	struct analytics_category_share *shares;
	size_t n;
	if (analytics_categories(&app->db, a, o.user_id, &d, &shares, &n) != ANALYTICS_OK)
		return 500;
	if (n) {
		const char **labels = arena_calloc(a, n, sizeof *labels), **colors = arena_calloc(a, n, sizeof *colors);
		double *values = arena_calloc(a, n, sizeof *values);
		for (size_t i = 0; i < n; i++) {
			labels[i] = shares[i].name;
			colors[i] = shares[i].color;
			values[i] = shares[i].done;
		}
		view_set(v, "doughnut", picture_doughnut(a, labels, values, colors, n, "Done tasks by category"));
	} else {
		view_set_bool(v, "doughnut", false);
	}
	summaries(r, v, &d, anchor, o.today);
	if ((rc = tasks_view(app, r, v, &o, &f, &d)) != 0)
		return rc;
	return page_render(app, w, "dashboard", v);
}

/* ---- a tracker's analytics ---- */

struct task_list {
	struct task_template *items;
	size_t count, cap;
};

/* task_each callback: keeps the active tasks (their strings are in the request's arena). */
static int collect_task(void *ctx, const struct task_template *tt)
{
	struct task_list *l = ctx;
	if (tt->status != TASK_ACTIVE)
		return 0;
	if (l->count == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->items = xrealloc(l->items, l->cap * sizeof *l->items);
	}
	l->items[l->count++] = *tt;
	return 0;
}

/* The rows of t's active tasks with strength and streaks, all read at once; *cut is set when
 * the streak window left older history out. NULL on a database error. */
static struct view *task_rows(struct app *app, struct req *r, const struct tracker *t, const struct habit_owner *o,
			      bool *cut)
{
	struct arena *a = r->arena;
	struct task_list tasks = { 0 };
	struct view *list = NULL;
	struct habit_stats *stats = NULL;
	if (task_each(&app->db, a, o->user_id, t->id, false, collect_task, &tasks) != TASK_OK)
		goto out;
	stats = xcalloc(tasks.count ? tasks.count : 1, sizeof *stats);
	if (habit_stats_tasks(&app->db, o, t, tasks.items, tasks.count, stats) < 0)
		goto out;
	list = view_list(a);
	for (size_t i = 0; i < tasks.count; i++) {
		const struct task_template *tt = &tasks.items[i];
		const struct habit_stats *s = &stats[i];
		struct view *x = view_map(a);
		view_set_str(x, "name", tt->name);
		view_set_str(x, "href", arena_printf(a, "/trackers/%lld/tasks/%lld", (long long)t->id, (long long)tt->id));
		view_set_str(x, "strength", arena_printf(a, "%d%%", s->strength));
		const char *current = page_periods_text(a, s->streak.current, t->time_mode);
		if (s->streak_capped) /* it reaches back to the window's start: "400+ days" */
			current = arena_printf(a, "%d+%s", s->streak.current, strchr(current, ' '));
		view_set_str(x, "current", current);
		*cut |= s->history_cut;
		view_set_str(x, "longest", page_periods_text(a, s->streak.longest, t->time_mode));
		view_set_str(x, "consistency", percent_text(a, s->consistency));
		view_set_bool(x, "at_risk", s->at_risk);
		view_push(list, x);
	}
out:
	free(tasks.items);
	free(stats);
	return list;
}

int page_tracker_stats_get(struct app *app, struct req *r, struct resp *w)
{
	struct arena *a = r->arena;
	struct tracker t;
	int rc = page_load_tracker(app, r, &t);
	if (rc)
		return rc;
	struct habit_owner o;
	if ((rc = page_habit_owner(app, r, &o)) != 0)
		return rc;
	struct view *v = page_view(app, r);
	view_set_str(v, "title", arena_printf(a, "%s · Statistics", t.name));
	view_set_int(v, "tracker_id", t.id);
	view_set_str(v, "name", t.name);
	view_set_str(v, "color", t.color);
	long long days = TRACKER_DAYS_DEFAULT;
	const char *days_s = req_query(r, "days");
	const char *error = NULL;
	if (days_s && *days_s && (page_parse_int(days_s, 7, 365, &days) < 0 || days_s[0] == '+' || days_s[0] == '-'))
		error = "Choose between 7 and 365 days.";
	int year = 0;
	if (!error && parse_year(r, o.today, &year) < 0)
		error = "There is no such year; choose one between 1900 and 2999.";
	struct view *links = view_list(a);
	static const int choices[] = { 7, 30, 90, 365 };
	for (size_t i = 0; i < 4; i++) {
		struct view *l = view_map(a);
		view_set_str(l, "label", arena_printf(a, "%d days", choices[i]));
		view_set_str(l, "href", arena_printf(a, "/trackers/%lld/stats?days=%d", (long long)t.id, choices[i]));
		view_set_bool(l, "current", !error && days == choices[i]);
		view_push(links, l);
	}
	view_set(v, "day_links", links);
	if (error) {
		view_set_str(v, "error", error);
		w->status = 400;
		return page_render(app, w, "tracker_stats", v);
	}
	view_set_bool(v, "report", true);
	view_set_int(v, "days", days);
	struct analytics_filter f = { .from = o.today - days + 1, .to = o.today, .tracker_id = t.id,
				      .utc_offset = page_utc_offset(app, o.time_zone) };
	struct analytics_data d, yd;
	if (load_with_year(app, r, &f, o.today - 2 * days + 1, o.today, INT64_MAX, year, &d, &yd) != ANALYTICS_OK)
		return 500;
	struct analytics_summary s = analytics_summarize(&d, f.from, f.to);
	view_set_int(v, "done", s.done);
	view_set_int(v, "due", s.due);
	view_set_str(v, "percent", percent_text(a, s.percent));
	view_set_bool(v, "nothing_due", s.total == 0);
	view_set_str(v, "range_label", range_text(a, f.from, f.to));
	struct analytics_trend trend = analytics_trend(&d, o.today, (int)days);
	view_set(v, "trend", trend_view(a, &trend, (int)days));
	struct view *line = completion_line(r, &d, f.from, f.to, arena_printf(a, "%s: completion per day", t.name));
	if (line)
		view_set(v, "line", line);
	else
		view_set_bool(v, "line", false);
	/* the table shows today's strength (its own bounded window) and streaks of the last
	 * TRACKER_STREAK_DAYS days, so the page's cost does not grow with years of history */
	o.strength = HABIT_STRENGTH_TODAY;
	o.window_days = TRACKER_STREAK_DAYS;
	bool cut = false;
	struct view *tasks = task_rows(app, r, &t, &o, &cut);
	if (!tasks)
		return 500;
	view_set(v, "tasks", tasks);
	view_set_bool(v, "has_tasks", view_len(tasks) > 0);
	if (cut)
		view_set_int(v, "streak_days", TRACKER_STREAK_DAYS);
	view_set(v, "year_view",
		 heatmap_view(r, &yd, year, o.today, t.color, arena_printf(a, "%s in %d", t.name, year),
			      arena_printf(a, "/trackers/%lld/stats?days=%lld&", (long long)t.id, days)));
	return page_render(app, w, "tracker_stats", v);
}
