/* habit_stats: streaks, strength, consistency and risk from a task's or tracker's history. */
#include "habit_stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "civil.h"
#include "instance.h"
#include "log.h"
#include "score.h"
#include "timezone.h"
#include "xmalloc.h"

#define CONSISTENCY_DAYS 30

/* One recorded period of a task (or, for a tracker, its totals). */
struct record {
	struct period period;
	bool legacy;
	enum instance_status status;
	bool has_value;
	double value, target;
	enum task_direction direction;
	int64_t completed_day; /* CIVIL_DAY_MIN when none */
	double due_weight, done_weight; /* tracker totals */
};

struct records {
	struct record *items;
	size_t count, cap;
};

/* Appends an empty record and returns it. */
static struct record *records_add(struct records *r)
{
	if (r->count == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->items = xrealloc(r->items, r->cap * sizeof *r->items);
	}
	struct record *rec = &r->items[r->count++];
	memset(rec, 0, sizeof *rec);
	rec->completed_day = CIVIL_DAY_MIN;
	return rec;
}

/* Reads the history of one task template (non-legacy periods first to last). */
static int load_task_records(struct db *db, int64_t user_id, int64_t template_id, int64_t since, struct records *out)
{
	sqlite3_stmt *s = db_stmt(db, STMT_STATS_TASK_HISTORY);
	char from[CIVIL_DATE_SIZE];
	civil_format(since, from);
	if (!s || db_bind_int(s, ":task_template_id", template_id) || db_bind_int(s, ":user_id", user_id) ||
	    db_bind_text(s, ":since", from))
		return -1;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (sqlite3_column_int(s, 7))
			continue; /* periods of an earlier time mode do not make today's streak */
		struct record *r = records_add(out);
		r->period.start = db_column_day(s, 0, 0);
		r->period.end = db_column_day(s, 1, r->period.start);
		const unsigned char *st = sqlite3_column_text(s, 2);
		if (st)
			instance_status_parse((const char *)st, &r->status);
		r->has_value = sqlite3_column_type(s, 3) != SQLITE_NULL;
		r->value = sqlite3_column_double(s, 3);
		r->target = sqlite3_column_double(s, 4);
		const unsigned char *dir = sqlite3_column_text(s, 5);
		if (dir)
			task_direction_parse((const char *)dir, &r->direction);
		r->completed_day = db_column_day(s, 6, CIVIL_DAY_MIN);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		log_error("stats_task_history: %s", sqlite3_errmsg(db->conn));
		return -1;
	}
	return 0;
}

/* Reads the opened periods of a tracker with their due and done weights. */
static int load_tracker_records(struct db *db, int64_t user_id, int64_t tracker_id, int64_t since,
				struct records *out)
{
	sqlite3_stmt *s = db_stmt(db, STMT_STATS_TRACKER_PERIODS);
	char from[CIVIL_DATE_SIZE];
	civil_format(since, from);
	if (!s || db_bind_int(s, ":tracker_id", tracker_id) || db_bind_int(s, ":user_id", user_id) ||
	    db_bind_text(s, ":since", from))
		return -1;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (sqlite3_column_int(s, 2))
			continue;
		struct record *r = records_add(out);
		r->period.start = db_column_day(s, 0, 0);
		r->period.end = db_column_day(s, 1, r->period.start);
		r->due_weight = sqlite3_column_double(s, 3);
		r->done_weight = sqlite3_column_double(s, 4);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		log_error("stats_tracker_periods: %s", sqlite3_errmsg(db->conn));
		return -1;
	}
	return 0;
}

/* The record of the period starting on start, or NULL (records are sorted by start). */
static const struct record *find_record(const struct records *r, int64_t start)
{
	size_t lo = 0, hi = r->count;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (r->items[mid].period.start < start)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < r->count && r->items[lo].period.start == start ? &r->items[lo] : NULL;
}

/* How much of one period a task record achieved, 0..1 (measure tasks: their share of the
 * target; at-most tasks count only when done). */
static double record_completion(const struct record *r)
{
	if (r->status == INSTANCE_DONE)
		return 1.0;
	if (r->has_value && r->direction == TASK_AT_LEAST && r->target > 0)
		return fmin(1.0, r->value / r->target);
	return 0.0;
}

/* The local day a timestamp falls on in zone (UTC when the zone is refused). */
static int64_t local_day(const char *zone, int64_t t)
{
	int64_t day = 0;
	if (civil_today(zone, t, &day) < 0)
		civil_today("UTC", t, &day);
	return day;
}

/* The first day a tracker's streak looks at: its start date, else the day it was made, and
 * never before its last time-mode change. */
static int64_t tracker_first_day(const struct habit_owner *o, const struct tracker *t)
{
	int64_t first = t->start_date != TRACKER_NO_DATE ? t->start_date : local_day(o->time_zone, t->created_at);
	if (t->time_mode_since != TRACKER_NO_DATE && t->time_mode_since > first)
		first = t->time_mode_since;
	return first;
}

/* The first day the window lets us read (1900-01-01 for the whole history). */
static int64_t window_start(const struct habit_owner *o)
{
	return o->window_days > 0 ? o->today - o->window_days : CIVIL_DAY_MIN;
}

/* Moves first to the window's start when the window cuts it, and says so. */
static int64_t clip_first(const struct habit_owner *o, int64_t first, bool *cut)
{
	int64_t from = window_start(o);
	*cut = first < from;
	return *cut ? from : first;
}

struct results {
	struct period_result *items;
	size_t count, cap;
};

/* Appends one period result. */
static void results_add(struct results *r, struct period p, bool due, double completion, bool open)
{
	if (r->count == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->items = xrealloc(r->items, r->cap * sizeof *r->items);
	}
	r->items[r->count++] = (struct period_result){ .start = p.start, .end = p.end, .due = due,
						       .completion = completion, .open = open };
}

/* Consistency and risk from period results (oldest first), as issue 5 defines them. */
static void consistency_and_risk(const struct results *r, int threshold, int64_t today, struct habit_stats *out)
{
	int due = 0, counted = 0, missed_run = 0;
	bool run_open = true;
	for (size_t i = r->count; i-- > 0;) {
		const struct period_result *p = &r->items[i];
		bool counts = p->due && p->completion * 100.0 + 1e-9 >= threshold;
		if (p->end >= today - (CONSISTENCY_DAYS - 1) && p->due && (!p->open || counts)) {
			due++;
			counted += counts;
		}
		if (p->open || !p->due || !run_open)
			continue;
		if (counts)
			run_open = false;
		else
			missed_run++;
	}
	out->consistency = due ? counted * 100 / due : -1;
	out->at_risk = missed_run >= 2;
}

/* Task results for a flexible schedule in a daily tracker: one per calendar week, judged by
 * how many days were done against the week's target (schedule_week_target). */
static void flexible_results(const struct habit_owner *o, const struct tracker *t, const struct task_template *tt,
			     const struct records *recs, int64_t first, struct results *res)
{
	int64_t end = t->end_date != TRACKER_NO_DATE && t->end_date < o->today ? t->end_date : o->today;
	for (int64_t day = civil_week_start(first, o->week_start); day <= end; day += 7) {
		struct period week;
		int target = schedule_week_target(&tt->schedule, o->week_start, day,
						  t->start_date != TRACKER_NO_DATE ? t->start_date : PERIOD_NO_START,
						  t->end_date != TRACKER_NO_DATE ? t->end_date : PERIOD_NO_END, &week);
		int done = 0;
		for (int64_t d = week.start; d <= week.end; d++) {
			const struct record *r = find_record(recs, d);
			done += r && r->status == INSTANCE_DONE;
		}
		bool open = week.end >= o->today;
		results_add(res, week, target > 0, target > 0 ? fmin(1.0, (double)done / target) : 0, open);
	}
}

/* Fills the strength fields of out from the task's day-by-day record (Loop's formula); a
 * schedule Loop's formula cannot express leaves them 0. */
static void task_strength(const struct habit_owner *o, const struct tracker *t, const struct task_template *tt,
			 const struct records *recs, int64_t first, struct habit_stats *out)
{
	struct score_habit h = { .measure = tt->kind == TASK_MEASURE, .at_most = tt->direction == TASK_AT_MOST,
				 .target = tt->target_value };
	if (schedule_fraction(&tt->schedule, t->time_mode, &h.freq_num, &h.freq_den) < 0)
		return;
	struct score_entry *entries = xcalloc(recs->count ? recs->count : 1, sizeof *entries);
	size_t n = 0;
	for (size_t i = 0; i < recs->count; i++) {
		const struct record *r = &recs->items[i];
		/* daily trackers mark the day; longer periods mark the day it was done */
		int64_t day = t->time_mode == TIME_MODE_DAILY ? r->period.start
			      : r->completed_day != CIVIL_DAY_MIN ? r->completed_day : r->period.start;
		struct score_entry e = { .day = day, .mark = SCORE_NONE };
		if (r->status == INSTANCE_SKIPPED)
			e.mark = SCORE_SKIPPED;
		else if (h.measure && r->has_value) {
			e.mark = SCORE_AMOUNT;
			e.amount = r->value;
		} else if (r->status == INSTANCE_DONE)
			e.mark = SCORE_DONE;
		if (e.mark == SCORE_NONE || day > o->today)
			continue;
		if (n && entries[n - 1].day >= day) {
			if (entries[n - 1].day == day)
				entries[n - 1] = e;
			continue;
		}
		entries[n++] = e;
	}
	if (n && entries[0].day < first)
		first = entries[0].day;
	int64_t days = o->today - first + 1;
	if (days > 0) {
		double *series = xcalloc((size_t)days, sizeof *series);
		if (score_series(&h, entries, n, first, o->today, series) == 0) {
			double now = series[days - 1], initial = h.measure && h.at_most ? 1.0 : 0.0;
			double month = days > 30 ? series[days - 31] : initial, year = days > 365 ? series[days - 366] : initial;
			out->strength = score_percent(now);
			out->strength_month_change = score_percent(now) - score_percent(month);
			out->strength_year_change = score_percent(now) - score_percent(year);
			for (int i = 0; i < HABIT_SERIES_DAYS; i++) {
				int64_t k = days - HABIT_SERIES_DAYS + i;
				out->series[i] = k >= 0 ? series[k] : initial;
			}
		}
		free(series);
	}
	free(entries);
}

/* The first day the stats look at: the tracker's first day, earlier for a backdated record,
 * later when the window cuts history (noted in out). */
static int64_t stats_first_day(const struct habit_owner *o, const struct tracker *t, const struct records *recs,
			       struct habit_stats *out)
{
	int64_t first = tracker_first_day(o, t);
	if (recs->count && recs->items[0].period.start < first)
		first = recs->items[0].period.start;
	return clip_first(o, first, &out->history_cut);
}

/* Judges one period of the walk: whether it was due and how much of it was done, from its
 * record (NULL when the period was never opened). */
typedef void (*judge_fn)(const void *ctx, const struct record *r, struct period p, bool *due, double *completion);

/* Adds a result for every period of t from the one holding first to today's (or the end
 * date's), judged by judge. */
static void walk_periods(const struct habit_owner *o, const struct tracker *t, const struct records *recs,
			 int64_t first, judge_fn judge, const void *ctx, struct results *res)
{
	struct period_rule rule = instance_period_rule(t, o->week_start);
	struct period p;
	int64_t end = t->end_date != TRACKER_NO_DATE && t->end_date < o->today ? t->end_date : o->today;
	if (period_of(&rule, first, &p) < 0)
		return;
	for (; p.start <= end; p = period_next(&rule, p)) {
		bool due;
		double completion;
		judge(ctx, find_record(recs, p.start), p, &due, &completion);
		results_add(res, p, due, completion, p.end >= o->today);
	}
}

/* Streak, consistency and risk of the results, into out. */
static void finish(const struct habit_owner *o, const struct results *res, struct habit_stats *out)
{
	out->streak = streak_compute(res->items, res->count, o->threshold);
	out->periods_counted = (int)res->count;
	consistency_and_risk(res, o->threshold, o->today, out);
}

struct task_judge {
	const struct habit_owner *o;
	const struct tracker *t;
	const struct task_template *tt;
};

/* judge_fn of a task: its record, else whether its schedule made it due (then not done). */
static void judge_task(const void *ctx, const struct record *r, struct period p, bool *due, double *completion)
{
	const struct task_judge *j = ctx;
	if (r) {
		*due = r->status != INSTANCE_SKIPPED;
		*completion = record_completion(r);
		return;
	}
	struct period inside = period_clip(p, j->t->start_date != TRACKER_NO_DATE ? j->t->start_date : PERIOD_NO_START,
					   j->t->end_date != TRACKER_NO_DATE ? j->t->end_date : PERIOD_NO_END);
	*due = schedule_due_in(&j->tt->schedule, j->t->time_mode, j->o->week_start, inside).due;
	*completion = 0;
}

/* judge_fn of a tracker: done weight over due weight; a never-opened period of a tracker with
 * tasks was due and nothing was done. */
static void judge_tracker(const void *ctx, const struct record *r, struct period p, bool *due, double *completion)
{
	const struct tracker *t = ctx;
	(void)p;
	*due = r ? r->due_weight > 0 : t->task_count > 0;
	*completion = r && r->due_weight > 0 ? r->done_weight / r->due_weight : 0;
}

int habit_stats_task(struct db *db, const struct habit_owner *o, const struct tracker *t,
		     const struct task_template *tt, struct habit_stats *out)
{
	memset(out, 0, sizeof *out);
	out->consistency = -1;
	struct records recs = { 0 };
	struct results res = { 0 };
	int rc = -1;
	if (load_task_records(db, o->user_id, tt->id, window_start(o), &recs) < 0)
		goto done;
	int64_t first = stats_first_day(o, t, &recs, out);
	struct schedule_due probe = schedule_due_in(&tt->schedule, t->time_mode, o->week_start,
						     (struct period){ o->today, o->today });
	struct task_judge judge = { o, t, tt };
	if (t->time_mode == TIME_MODE_DAILY && probe.flexible)
		flexible_results(o, t, tt, &recs, first, &res);
	else
		walk_periods(o, t, &recs, first, judge_task, &judge, &res);
	finish(o, &res, out);
	task_strength(o, t, tt, &recs, first, out);
	rc = 0;
done:
	free(recs.items);
	free(res.items);
	return rc;
}

int habit_stats_tracker(struct db *db, const struct habit_owner *o, const struct tracker *t, struct habit_stats *out)
{
	memset(out, 0, sizeof *out);
	out->consistency = -1;
	struct records recs = { 0 };
	struct results res = { 0 };
	int rc = -1;
	if (load_tracker_records(db, o->user_id, t->id, window_start(o), &recs) < 0)
		goto done;
	walk_periods(o, t, &recs, stats_first_day(o, t, &recs, out), judge_tracker, t, &res);
	finish(o, &res, out);
	rc = 0;
done:
	free(recs.items);
	free(res.items);
	return rc;
}

bool habit_stats_milestones_pending(struct db *db, int64_t tracker_id, int64_t task_template_id,
				    const struct streak *s)
{
	int reached[STREAK_MILESTONE_COUNT], n = streak_milestones_reached(0, s->current, reached);
	if (n == 0)
		return false;
	sqlite3_stmt *st = db_stmt(db, STMT_STATS_MILESTONE_COUNT);
	if (!st || db_bind_int(st, ":tracker_id", tracker_id) || db_bind_int(st, ":task_template_id", task_template_id) ||
	    db_bind_int(st, ":length", s->current))
		return false;
	int64_t recorded = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : n;
	sqlite3_reset(st);
	return recorded < n;
}

int habit_stats_record_milestones(struct db *db, int64_t now, int64_t today, int64_t tracker_id,
				  int64_t task_template_id, const struct streak *s)
{
	int reached[9], n = streak_milestones_reached(0, s->current, reached), added = 0;
	for (int i = 0; i < n; i++) {
		sqlite3_stmt *st = db_stmt(db, STMT_STATS_MILESTONE_INSERT);
		char day[CIVIL_DATE_SIZE];
		civil_format(today, day);
		if (!st || db_bind_int(st, ":tracker_id", tracker_id) ||
		    (task_template_id ? db_bind_int(st, ":task_template_id", task_template_id)
				      : db_bind_null(st, ":task_template_id")) ||
		    db_bind_int(st, ":milestone", reached[i]) || db_bind_text(st, ":reached_day", day) ||
		    db_bind_int(st, ":now", now))
			return -1;
		int rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE) {
			log_error("stats_milestone_insert: %s", sqlite3_errmsg(db->conn));
			return -1;
		}
		added += sqlite3_changes(db->conn);
	}
	return added;
}
