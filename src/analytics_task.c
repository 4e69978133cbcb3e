/* analytics_task: at-risk tasks and suggestions over the last ANALYTICS_TASK_DAYS days
 * (analytics.h). The period rules are habit_stats's (a past due period that was never opened
 * counts as missed; skipped periods and periods with nothing due are neutral; flexible
 * "N times a week" tasks of daily trackers are judged week by week), read over a window instead
 * of the whole history, so that the dashboard's cost does not grow with years of data. */
#include "analytics.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "civil.h"
#include "log.h"
#include "schedule.h"
#include "xmalloc.h"

struct records {
	struct analytics_task_record *items;
	size_t count, cap;
};

struct results {
	struct period_result *items;
	size_t count, cap;
};

static void results_add(struct results *r, struct period p, bool due, double completion, bool open)
{
	if (r->count == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 32;
		r->items = xrealloc(r->items, r->cap * sizeof *r->items);
	}
	r->items[r->count++] = (struct period_result){ .start = p.start, .end = p.end, .due = due,
						       .completion = completion, .open = open };
}

/* Reads the task records of the window from..to (sorted by template, then period). */
static int load_records(struct db *db, int64_t user_id, const struct analytics_filter *f, int64_t from, int64_t to,
			struct records *out)
{
	sqlite3_stmt *s = db_stmt(db, STMT_ANALYTICS_TASK_PERIODS);
	if (!s || db_bind_int(s, ":user_id", user_id) || db_bind_int(s, ":tracker_id", f->tracker_id) ||
	    db_bind_int(s, ":category_id", f->category_id) || db_bind_day(s, ":early", from - 31) ||
	    db_bind_day(s, ":from", from) || db_bind_day(s, ":to", to))
		return -1;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (out->count == out->cap) {
			out->cap = out->cap ? out->cap * 2 : 256;
			out->items = xrealloc(out->items, out->cap * sizeof *out->items);
		}
		struct analytics_task_record *r = &out->items[out->count++];
		*r = (struct analytics_task_record){ 0 };
		r->template_id = sqlite3_column_int64(s, 0);
		r->period.start = db_column_day(s, 1, 0);
		r->period.end = db_column_day(s, 2, r->period.start);
		const unsigned char *st = sqlite3_column_text(s, 3);
		if (!st || instance_status_parse((const char *)st, &r->status) < 0)
			r->status = INSTANCE_TODO;
		r->has_value = sqlite3_column_type(s, 4) != SQLITE_NULL;
		r->value = sqlite3_column_double(s, 4);
		r->target = sqlite3_column_double(s, 5);
		const unsigned char *dir = sqlite3_column_text(s, 6);
		if (!dir || task_direction_parse((const char *)dir, &r->direction) < 0)
			r->direction = TASK_AT_LEAST;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		log_error("analytics_task_periods: %s", sqlite3_errmsg(db->conn));
		return -1;
	}
	return 0;
}

/* The record of a task's period starting on start among recs[0..n) (sorted by start). */
static const struct analytics_task_record *find_record(const struct analytics_task_record *recs, size_t n, int64_t start)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (recs[mid].period.start < start)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && recs[lo].period.start == start ? &recs[lo] : NULL;
}

/* How much of one period a record achieved, 0..1, as habit_stats: measure tasks their share of
 * an at-least target; at-most tasks count only when done. */
static double record_completion(const struct analytics_task_record *r)
{
	if (r->status == INSTANCE_DONE)
		return 1.0;
	if (r->has_value && r->direction == TASK_AT_LEAST && r->target > 0)
		return fmin(1.0, r->value / r->target);
	return 0.0;
}

static int64_t local_day(const char *zone, int64_t t)
{
	int64_t day = 0;
	if (civil_today(zone, t, &day) < 0)
		civil_today("UTC", t, &day);
	return day;
}

/* The period results of task tt of tracker t from first to end. */
static void task_results(const struct habit_owner *o, const struct tracker *t, const struct task_template *tt,
			 const struct analytics_task_record *recs, size_t n, int64_t first, int64_t end, struct results *res)
{
	int64_t t_start = t->start_date != TRACKER_NO_DATE ? t->start_date : PERIOD_NO_START;
	int64_t t_end = t->end_date != TRACKER_NO_DATE ? t->end_date : PERIOD_NO_END;
	struct schedule_due probe = schedule_due_in(&tt->schedule, t->time_mode, o->week_start,
						     (struct period){ o->today, o->today });
	if (t->time_mode == TIME_MODE_DAILY && probe.flexible) {
		/* judged by calendar weeks: done days against the week's target */
		for (int64_t day = civil_week_start(first, o->week_start); day <= end; day += 7) {
			struct period week;
			int target = schedule_week_target(&tt->schedule, o->week_start, day, t_start, t_end, &week);
			int done = 0;
			for (int64_t d = week.start; d <= week.end; d++) {
				const struct analytics_task_record *r = find_record(recs, n, d);
				done += r && r->status == INSTANCE_DONE;
			}
			results_add(res, week, target > 0, target > 0 ? fmin(1.0, (double)done / target) : 0,
				    week.end >= o->today);
		}
		return;
	}
	struct period_rule rule = instance_period_rule(t, o->week_start);
	struct period p;
	if (period_of(&rule, first, &p) < 0)
		return;
	for (; p.start <= end; p = period_next(&rule, p)) {
		const struct analytics_task_record *r = find_record(recs, n, p.start);
		bool open = p.end >= o->today;
		if (r) {
			results_add(res, p, r->status != INSTANCE_SKIPPED, record_completion(r), open);
			continue;
		}
		bool due = schedule_due_in(&tt->schedule, t->time_mode, o->week_start, period_clip(p, t_start, t_end)).due;
		results_add(res, p, due, 0, open);
	}
}

/* Fills the rates, risk and broken run of h from the results (oldest first). */
static void judge(const struct results *r, int threshold, int64_t today, struct analytics_task_health *h)
{
	int due = 0, counted = 0, failed = 0, missed_run = 0;
	bool run_open = true;
	for (size_t i = r->count; i-- > 0;) {
		const struct period_result *p = &r->items[i];
		bool counts = p->due && p->completion * 100.0 + 1e-9 >= threshold;
		if (p->end >= today - (ANALYTICS_RATE_DAYS - 1) && p->due && (!p->open || counts)) {
			due++;
			counted += counts;
			failed += !p->open && p->completion <= 0;
		}
		if (p->open || !p->due || !run_open)
			continue;
		if (counts)
			run_open = false;
		else
			missed_run++;
	}
	h->due_periods = due;
	h->consistency = due >= ANALYTICS_MIN_DUE ? counted * 100 / due : -1;
	h->failure_rate = due >= ANALYTICS_MIN_DUE ? failed * 100 / due : -1;
	h->at_risk = missed_run >= 2;
	h->broken_run = 0;
	if (h->streak.current == 0 && h->streak.last_counting_day != STREAK_NEVER) {
		/* the run that ended with the newest counting period */
		size_t n = 0;
		while (n < r->count && r->items[n].end <= h->streak.last_counting_day)
			n++;
		struct streak before = streak_compute(r->items, n, threshold);
		h->broken_run = before.current;
	}
}

unsigned analytics_suggestions_for(const struct analytics_task_health *h)
{
	unsigned kinds = 0;
	if (h->failure_rate > ANALYTICS_FAILURE_MAX)
		kinds |= 1u << SUGGEST_LOWER_FREQUENCY;
	if (h->consistency >= 0 && h->consistency < ANALYTICS_CONSISTENCY_MIN)
		kinds |= 1u << SUGGEST_MAKE_EASIER;
	if (h->streak.current == 0 && h->broken_run >= ANALYTICS_BROKEN_MIN)
		kinds |= 1u << SUGGEST_RESTART;
	return kinds;
}

struct health_ctx {
	struct arena *a;
	const struct habit_owner *o;
	const struct analytics_filter *f;
	const struct tracker *tracker;
	const struct analytics_task_record *recs; /* by template, then period */
	size_t rec_count;
	int64_t window_from;
	struct analytics_task_health *items;
	size_t count, cap;
};

/* task_each callback: the health of one active task. */
static int add_task(void *ctx, const struct task_template *tt)
{
	struct health_ctx *c = ctx;
	if (tt->status != TASK_ACTIVE || tt->deleted_at)
		return 0;
	if (c->f->tag_id) {
		bool tagged = false;
		for (int i = 0; i < tt->tag_count; i++)
			tagged |= tt->tags[i].id == c->f->tag_id;
		if (!tagged)
			return 0;
	}
	const struct tracker *t = c->tracker;
	/* this template's records: a contiguous run of c->recs */
	size_t lo = 0, hi = c->rec_count;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (c->recs[mid].template_id < tt->id)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t end_at = lo;
	while (end_at < c->rec_count && c->recs[end_at].template_id == tt->id)
		end_at++;
	const struct analytics_task_record *recs = c->recs + lo;
	size_t n = end_at - lo;
	int64_t first = t->start_date != TRACKER_NO_DATE ? t->start_date : local_day(c->o->time_zone, t->created_at);
	if (t->time_mode_since != TRACKER_NO_DATE && t->time_mode_since > first)
		first = t->time_mode_since;
	if (n && recs[0].period.start < first)
		first = recs[0].period.start; /* a backdated check-in before the first day */
	bool capped_window = first < c->window_from;
	if (capped_window)
		first = c->window_from;
	int64_t end = t->end_date != TRACKER_NO_DATE && t->end_date < c->o->today ? t->end_date : c->o->today;
	struct results res = { 0 };
	if (first <= end)
		task_results(c->o, t, tt, recs, n, first, end, &res);
	if (c->count == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->items = xrealloc(c->items, c->cap * sizeof *c->items);
	}
	struct analytics_task_health *h = &c->items[c->count++];
	memset(h, 0, sizeof *h);
	h->task_id = tt->id;
	h->tracker_id = t->id;
	h->task_name = arena_strdup(c->a, tt->name);
	h->tracker_name = t->name;
	h->mode = t->time_mode;
	h->streak = streak_compute(res.items, res.count, c->o->threshold);
	h->streak_capped = capped_window && res.count && h->streak.current > 0 &&
			   h->streak.current_start <= res.items[0].start;
	judge(&res, c->o->threshold, c->o->today, h);
	free(res.items);
	return 0;
}

struct tracker_list {
	struct tracker *items;
	size_t count, cap;
};

static int collect_tracker(void *ctx, const struct tracker *t)
{
	struct tracker_list *l = ctx;
	if (l->count == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->items = xrealloc(l->items, l->cap * sizeof *l->items);
	}
	l->items[l->count++] = *t;
	return 0;
}

enum analytics_result analytics_task_health(struct db *db, struct arena *a, const struct habit_owner *o,
					    const struct analytics_filter *f, const struct analytics_data *d,
					    struct analytics_task_health **out, size_t *count)
{
	*out = NULL;
	*count = 0;
	int64_t window_from = o->today - ANALYTICS_TASK_DAYS + 1;
	struct tracker_list trackers = { 0 };
	struct records recs = { 0 };
	struct health_ctx c = { .a = a, .o = o, .f = f, .window_from = window_from };
	enum analytics_result res = ANALYTICS_ERROR;
	if (tracker_each(db, a, o->user_id, TRACKER_LIST_ACTIVE, f->tag_id, collect_tracker, &trackers) != TRACKER_OK)
		goto out;
	if (d && d->records_from <= ANALYTICS_TASK_WINDOW_FROM(o->today) && d->span_to >= o->today) {
		c.recs = d->records; /* read with the days already */
		c.rec_count = d->record_count;
	} else {
		/* a week early, so that the first week of a flexible task is whole */
		if (load_records(db, o->user_id, f, ANALYTICS_TASK_WINDOW_FROM(o->today), o->today, &recs) < 0)
			goto out;
		c.recs = recs.items;
		c.rec_count = recs.count;
	}
	for (size_t i = 0; i < trackers.count; i++) {
		const struct tracker *t = &trackers.items[i];
		if ((f->tracker_id && t->id != f->tracker_id) || (f->category_id && t->category_id != f->category_id))
			continue;
		c.tracker = t;
		if (task_each(db, a, o->user_id, t->id, false, add_task, &c) != TASK_OK)
			goto out;
	}
	if (c.count) {
		*out = arena_calloc(a, c.count, sizeof **out);
		memcpy(*out, c.items, c.count * sizeof **out);
	}
	*count = c.count;
	res = ANALYTICS_OK;
out:
	free(trackers.items);
	free(recs.items);
	free(c.items);
	return res;
}
