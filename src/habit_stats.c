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

#define PERIOD_DAYS_MAX 31 /* the longest period: one ending on or after a day starts at most this much before */

/* The task records read from the database, sorted by template then period start. */
struct records {
	struct habit_record *items;
	size_t count, cap;
};

/* Appends an empty record and returns it. */
static struct habit_record *records_add(struct records *r)
{
	if (r->count == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->items = xrealloc(r->items, r->cap * sizeof *r->items);
	}
	struct habit_record *rec = &r->items[r->count++];
	memset(rec, 0, sizeof *rec);
	rec->completed_day = CIVIL_DAY_MIN;
	return rec;
}

static int record_cmp(const void *x, const void *y)
{
	const struct habit_record *a = x, *b = y;
	if (a->template_id != b->template_id)
		return a->template_id < b->template_id ? -1 : 1;
	return a->period.start < b->period.start ? -1 : a->period.start > b->period.start;
}

/* Binds :early and :since so that the periods ending on or after since are read through the
 * index on (tracker_id, period_start): they start at most PERIOD_DAYS_MAX days before it. */
static int bind_since(sqlite3_stmt *s, int64_t since)
{
	int64_t early = since > CIVIL_DAY_MIN + PERIOD_DAYS_MAX ? since - PERIOD_DAYS_MAX : CIVIL_DAY_MIN;
	return db_bind_day(s, ":early", early) ||
	       db_bind_day(s, ":since", since > CIVIL_DAY_MIN ? since : CIVIL_DAY_MIN);
}

/* Reads the records of template_id (0: every template) of tracker t's periods (of its
 * current time mode) ending on or after since, sorted by template then period start. */
static int load_task_records(struct db *db, int64_t user_id, int64_t tracker_id, int64_t template_id, int64_t since,
			     struct records *out)
{
	sqlite3_stmt *s = db_stmt(db, template_id ? STMT_STATS_TASK_HISTORY : STMT_STATS_TRACKER_HISTORY);
	if (!s || db_bind_int(s, ":tracker_id", tracker_id) ||
	    (template_id && db_bind_int(s, ":task_template_id", template_id)) || db_bind_int(s, ":user_id", user_id) ||
	    bind_since(s, since))
		return -1;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct habit_record *r = records_add(out);
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
		r->completed_day = db_column_day(s, 7, CIVIL_DAY_MIN);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		log_error("stats_%s_history: %s", template_id ? "task" : "tracker", sqlite3_errmsg(db->conn));
		return -1;
	}
	if (template_id == 0 && out->count > 1)
		qsort(out->items, out->count, sizeof *out->items, record_cmp);
	return 0;
}

/* One opened period of a tracker with its tasks' due and done weights. */
struct tracker_record {
	struct period period;
	double due_weight, done_weight;
};

struct tracker_records {
	struct tracker_record *items;
	size_t count, cap;
};

/* Reads the opened periods of a tracker (of its current time mode) ending on or after since,
 * with their due and done weights. */
static int load_tracker_records(struct db *db, int64_t user_id, int64_t tracker_id, int64_t since,
				struct tracker_records *out)
{
	sqlite3_stmt *s = db_stmt(db, STMT_STATS_TRACKER_PERIODS);
	if (!s || db_bind_int(s, ":tracker_id", tracker_id) || db_bind_int(s, ":user_id", user_id) ||
	    bind_since(s, since))
		return -1;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (sqlite3_column_int(s, 2))
			continue; /* periods of an earlier time mode do not make today's streak */
		if (out->count == out->cap) {
			out->cap = out->cap ? out->cap * 2 : 64;
			out->items = xrealloc(out->items, out->cap * sizeof *out->items);
		}
		struct tracker_record *r = &out->items[out->count++];
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

/* The record of recs[0..n) (sorted by start) of the period starting on start, or NULL. */
static const struct habit_record *find_record(const struct habit_record *recs, size_t n, int64_t start)
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

/* How much of one period a task record achieved, 0..1 (measure tasks: their share of the
 * target; at-most tasks count only when done). */
static double record_completion(const struct habit_record *r)
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
 * never before its last time-mode change. Callers only compare it with bound: when the
 * tracker was made days before bound, some day before bound is returned without the local
 * day's time-zone conversion (it costs a tzset, and the dashboard asks for every task). */
static int64_t tracker_first_day(const struct habit_owner *o, const struct tracker *t, int64_t bound)
{
	int64_t first;
	if (t->start_date != TRACKER_NO_DATE) {
		first = t->start_date;
	} else {
		/* the local day is within a day of the UTC day (offsets are under 24 hours) */
		int64_t utc = t->created_at >= 0 ? t->created_at / 86400 : -((-t->created_at + 86399) / 86400);
		first = utc + 1 < bound ? utc + 1 : local_day(o->time_zone, t->created_at);
	}
	if (t->time_mode_since != TRACKER_NO_DATE && t->time_mode_since > first)
		first = t->time_mode_since;
	return first;
}

/* The first day the streak window lets us judge (1900-01-01 for the whole history). */
static int64_t window_start(const struct habit_owner *o)
{
	return o->window_days > 0 ? o->today - o->window_days : CIVIL_DAY_MIN;
}

/* The first day of the stats: the tracker's first day, earlier for a backdated record (first
 * is the earliest record's start, or CIVIL_DAY_MAX when none), later when the window cuts
 * history (noted in out->history_cut). */
static int64_t stats_first_day(const struct habit_owner *o, const struct tracker *t, int64_t earliest,
			       struct habit_stats *out)
{
	int64_t from = window_start(o);
	int64_t first = tracker_first_day(o, t, from);
	if (earliest < first)
		first = earliest;
	out->history_cut = first < from;
	return out->history_cut ? from : first;
}

/* The start of the oldest period of recs[0..n) (sorted by start) that holds a check-in — a
 * status other than to-do, or a value — or CIVIL_DAY_MAX when none does. Periods merely opened
 * (by viewing a past week, say) do not move a history back. */
static int64_t earliest_check_in(const struct habit_record *recs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (recs[i].status != INSTANCE_TODO || recs[i].has_value)
			return recs[i].period.start;
	return CIVIL_DAY_MAX;
}

/* The same for a tracker's periods: the oldest one with something done. */
static int64_t earliest_tracker_check_in(const struct tracker_records *recs)
{
	for (size_t i = 0; i < recs->count; i++)
		if (recs->items[i].done_weight > 0)
			return recs->items[i].period.start;
	return CIVIL_DAY_MAX;
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

/* Consistency, failures and risk from period results (oldest first), as issue 5 defines
 * them: the due periods of the last HABIT_CONSISTENCY_DAYS days (finished, or open and
 * already counting), how many counted and how many had nothing done; at risk when the two or
 * more newest finished due periods were missed. */
static void consistency_and_risk(const struct results *r, int threshold, int64_t today, struct habit_stats *out)
{
	int due = 0, counted = 0, failed = 0, missed_run = 0;
	bool run_open = true;
	for (size_t i = r->count; i-- > 0;) {
		const struct period_result *p = &r->items[i];
		bool counts = p->due && p->completion * 100.0 + 1e-9 >= threshold;
		if (p->end >= today - (HABIT_CONSISTENCY_DAYS - 1) && p->due && (!p->open || counts)) {
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
	out->due_periods = due;
	out->counted_periods = counted;
	out->failed_periods = failed;
	out->consistency = due ? counted * 100 / due : -1;
	out->at_risk = missed_run >= 2;
}

/* Task results for a flexible schedule in a daily tracker: one per calendar week, judged by
 * how many days were done against the week's target (schedule_week_target). */
static void flexible_results(const struct habit_owner *o, const struct tracker *t, const struct task_template *tt,
			     const struct habit_record *recs, size_t n, int64_t first, struct results *res)
{
	int64_t end = t->end_date != TRACKER_NO_DATE && t->end_date < o->today ? t->end_date : o->today;
	for (int64_t day = civil_week_start(first, o->week_start); day <= end; day += 7) {
		struct period week;
		int target = schedule_week_target(&tt->schedule, o->week_start, day,
						  t->start_date != TRACKER_NO_DATE ? t->start_date : PERIOD_NO_START,
						  t->end_date != TRACKER_NO_DATE ? t->end_date : PERIOD_NO_END, &week);
		int done = 0;
		for (int64_t d = week.start; d <= week.end; d++) {
			const struct habit_record *r = find_record(recs, n, d);
			done += r && r->status == INSTANCE_DONE;
		}
		bool open = week.end >= o->today;
		results_add(res, week, target > 0, target > 0 ? fmin(1.0, (double)done / target) : 0, open);
	}
}

/* Task results for an "N times in any M days" schedule in a daily tracker: one per day, by
 * Loop Habit Tracker's rule (streak_rolling_cover) — a day counts when it was done or lies in
 * a window that N done days within M days cover; a skipped day is neutral; any other past day
 * breaks, and today only helps. Done days before first still cover the days after it. */
static void rolling_results(const struct habit_owner *o, const struct tracker *t, const struct task_template *tt,
			    const struct habit_record *recs, size_t n, int64_t first, struct results *res)
{
	int64_t end = t->end_date != TRACKER_NO_DATE && t->end_date < o->today ? t->end_date : o->today;
	if (end < first)
		return;
	int64_t *done = xcalloc(n ? n : 1, sizeof *done);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (recs[i].status == INSTANCE_DONE && (!k || done[k - 1] < recs[i].period.start))
			done[k++] = recs[i].period.start;
	size_t days = (size_t)(end - first + 1);
	bool *covered = xcalloc(days, sizeof *covered);
	streak_rolling_cover(done, k, tt->schedule.times, tt->schedule.window_days, first, end, covered);
	for (int64_t d = first; d <= end; d++) {
		const struct habit_record *r = find_record(recs, n, d);
		bool skipped = r && r->status == INSTANCE_SKIPPED && !covered[d - first];
		results_add(res, (struct period){ d, d }, !skipped, covered[d - first] ? 1.0 : 0.0, d >= o->today);
	}
	free(covered);
	free(done);
}

/* Judges one period of the walk: whether it was due and how much of it was done. */
typedef void (*judge_fn)(const void *ctx, struct period p, bool *due, double *completion);

/* Adds a result for every period of t from the one holding first to today's (or the end
 * date's), judged by judge. */
static void walk_periods(const struct habit_owner *o, const struct tracker *t, int64_t first, judge_fn judge,
			 const void *ctx, struct results *res)
{
	struct period_rule rule = instance_period_rule(t, o->week_start);
	struct period p;
	int64_t end = t->end_date != TRACKER_NO_DATE && t->end_date < o->today ? t->end_date : o->today;
	if (period_of(&rule, first, &p) < 0)
		return;
	for (; p.start <= end; p = period_next(&rule, p)) {
		bool due;
		double completion;
		judge(ctx, p, &due, &completion);
		results_add(res, p, due, completion, p.end >= o->today);
	}
}

/* Streak, consistency, risk and the broken run of the results, into out. */
static void finish(const struct habit_owner *o, const struct results *res, struct habit_stats *out)
{
	out->streak = streak_compute(res->items, res->count, o->threshold);
	out->periods_counted = (int)res->count;
	out->streak_capped = out->history_cut && res->count && out->streak.current > 0 &&
			     out->streak.current_start <= res->items[0].start;
	consistency_and_risk(res, o->threshold, o->today, out);
	out->broken_run = 0;
	if (out->streak.current == 0 && out->streak.last_counting_day != STREAK_NEVER) {
		/* the run that ended with the newest counting period */
		size_t n = 0;
		while (n < res->count && res->items[n].end <= out->streak.last_counting_day)
			n++;
		out->broken_run = streak_compute(res->items, n, o->threshold).current;
	}
}

struct task_judge {
	const struct habit_owner *o;
	const struct tracker *t;
	const struct task_template *tt;
	const struct habit_record *recs;
	size_t n;
};

/* judge_fn of a task: its record, else whether its schedule made it due (then not done). */
static void judge_task(const void *ctx, struct period p, bool *due, double *completion)
{
	const struct task_judge *j = ctx;
	const struct habit_record *r = find_record(j->recs, j->n, p.start);
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

struct tracker_judge {
	const struct tracker *t;
	const struct tracker_records *recs;
};

/* judge_fn of a tracker: done weight over due weight; a never-opened period of a tracker with
 * tasks was due and nothing was done. */
static void judge_tracker(const void *ctx, struct period p, bool *due, double *completion)
{
	const struct tracker_judge *j = ctx;
	const struct tracker_record *r = NULL;
	size_t lo = 0, hi = j->recs->count;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (j->recs->items[mid].period.start < p.start)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < j->recs->count && j->recs->items[lo].period.start == p.start)
		r = &j->recs->items[lo];
	*due = r ? r->due_weight > 0 : j->t->task_count > 0;
	*completion = r && r->due_weight > 0 ? r->done_weight / r->due_weight : 0;
}

/* ---- strength ---- */

/* The last day whose strength o asks for exactly: 365 days ago for the year's change, today
 * when only today's value is shown. */
static int64_t strength_oldest_day(const struct habit_owner *o)
{
	return o->strength == HABIT_STRENGTH_FULL ? o->today - HABIT_YEAR_DAYS : o->today;
}

/* Loop's view of task tt (score.h); false when its schedule has no frequency. */
static bool score_habit_of(const struct tracker *t, const struct task_template *tt, struct score_habit *h)
{
	*h = (struct score_habit){ .measure = tt->kind == TASK_MEASURE, .at_most = tt->direction == TASK_AT_MOST,
				   .target = tt->target_value };
	return schedule_fraction(&tt->schedule, t->time_mode, &h->freq_num, &h->freq_den) == 0;
}

/* Fills entries (room for n) from the task's records; returns how many: one per day, by day,
 * none after today. Daily trackers mark the period's day; longer periods the day it was done. */
static size_t score_entries(const struct habit_owner *o, const struct tracker *t, const struct score_habit *h,
			    const struct habit_record *recs, size_t n, struct score_entry *entries)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const struct habit_record *r = &recs[i];
		int64_t day = t->time_mode == TIME_MODE_DAILY ? r->period.start
			      : r->completed_day != CIVIL_DAY_MIN ? r->completed_day : r->period.start;
		struct score_entry e = { .day = day, .mark = SCORE_NONE };
		if (r->status == INSTANCE_SKIPPED)
			e.mark = SCORE_SKIPPED;
		else if (h->measure && r->has_value) {
			e.mark = SCORE_AMOUNT;
			e.amount = r->value;
		} else if (r->status == INSTANCE_DONE)
			e.mark = SCORE_DONE;
		if (e.mark == SCORE_NONE || day > o->today)
			continue;
		if (k && entries[k - 1].day >= day) {
			if (entries[k - 1].day == day)
				entries[k - 1] = e;
			continue;
		}
		entries[k++] = e;
	}
	return k;
}

/* Fills the strength fields of out from the task's records (Loop's formula), started at the
 * window score_window_start gives for the oldest day asked for (or at the task's first day
 * when it is younger). Returns 0; 1 with *need_from when that window reaches before
 * read_from while older history may exist. A schedule Loop's formula cannot express leaves
 * the fields 0. */
static int task_strength(const struct habit_owner *o, const struct tracker *t, const struct task_template *tt,
			 const struct habit_record *recs, size_t n, int64_t read_from, struct habit_stats *out,
			 int64_t *need_from)
{
	struct score_habit h;
	if (o->strength == HABIT_STRENGTH_NONE || !score_habit_of(t, tt, &h))
		return 0;
	struct score_entry *entries = xcalloc(n ? n : 1, sizeof *entries);
	size_t k = score_entries(o, t, &h, recs, n, entries);
	/* the window, then the task's first day when it is younger than that */
	int64_t start = score_window_start(&h, entries, k, CIVIL_DAY_MIN, strength_oldest_day(o));
	int64_t first = tracker_first_day(o, t, start);
	if (k && entries[0].day < first)
		first = entries[0].day; /* a backdated check-in */
	if (start < first)
		start = first;
	if (start < read_from && first < read_from) {
		*need_from = start;
		free(entries);
		return 1;
	}
	int64_t days = o->today - start + 1;
	if (days > 0) {
		double *series = xcalloc((size_t)days, sizeof *series);
		if (score_series(&h, entries, k, start, o->today, series) == 0) {
			/* before the task's first day its strength is the initial value */
			double now = series[days - 1], initial = h.measure && h.at_most ? 1.0 : 0.0;
			out->strength = score_percent(now);
			if (o->strength == HABIT_STRENGTH_FULL) {
				double month = days > 30 ? series[days - 31] : initial;
				double year = days > HABIT_YEAR_DAYS ? series[days - HABIT_YEAR_DAYS - 1] : initial;
				out->strength_month_change = score_percent(now) - score_percent(month);
				out->strength_year_change = score_percent(now) - score_percent(year);
				for (int i = 0; i < HABIT_SERIES_DAYS; i++) {
					int64_t j = days - HABIT_SERIES_DAYS + i;
					out->series[i] = j >= 0 ? series[j] : initial;
				}
			}
		}
		free(series);
	}
	free(entries);
	return 0;
}

/* ---- the entry points ---- */

int64_t habit_stats_read_from(const struct habit_owner *o, const struct tracker *t, const struct task_template *tt)
{
	if (o->window_days <= 0)
		return CIVIL_DAY_MIN;
	/* the streak: the week holding the window's first day (a flexible task is judged by
	 * whole weeks), and the period holding it (read_from is about periods ending on or after) */
	int64_t since = civil_week_start(window_start(o), o->week_start);
	struct score_habit h;
	int w;
	if (o->strength != HABIT_STRENGTH_NONE && score_habit_of(t, tt, &h) &&
	    (w = score_decay_days(h.freq_num, h.freq_den)) > 0) {
		/* the strength window without skipped days, and a quarter more for them */
		int64_t span = !h.measure && h.freq_num < h.freq_den ? 2 * h.freq_den : h.freq_den;
		int64_t oldest = strength_oldest_day(o);
		int64_t guess = oldest - (w + w / 4) - span;
		if (guess < oldest - SCORE_WINDOW_MAX_DAYS)
			guess = oldest - SCORE_WINDOW_MAX_DAYS;
		if (guess < since)
			since = guess;
	}
	/* a task younger than the windows is read whole (backdated check-ins too) */
	return since <= tracker_first_day(o, t, since) ? CIVIL_DAY_MIN : since;
}

int habit_stats_records(const struct habit_owner *o, const struct tracker *t, const struct task_template *tt,
			const struct habit_record *recs, size_t n, int64_t read_from, struct habit_stats *out,
			int64_t *need_from)
{
	memset(out, 0, sizeof *out);
	out->consistency = -1;
	struct results res = { 0 };
	int64_t first = stats_first_day(o, t, earliest_check_in(recs, n), out);
	struct schedule_due probe = schedule_due_in(&tt->schedule, t->time_mode, o->week_start,
						     (struct period){ o->today, o->today });
	struct task_judge judge = { o, t, tt, recs, n };
	if (t->time_mode == TIME_MODE_DAILY && tt->schedule.kind == SCHEDULE_TIMES_IN_DAYS)
		rolling_results(o, t, tt, recs, n, first, &res);
	else if (t->time_mode == TIME_MODE_DAILY && probe.flexible)
		flexible_results(o, t, tt, recs, n, first, &res);
	else
		walk_periods(o, t, first, judge_task, &judge, &res);
	finish(o, &res, out);
	free(res.items);
	return task_strength(o, t, tt, recs, n, read_from, out, need_from);
}

/* The records of template_id among recs[0..n) (sorted by template): *count of them. */
static const struct habit_record *template_records(const struct habit_record *recs, size_t n, int64_t template_id,
						   size_t *count)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (recs[mid].template_id < template_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t end = lo;
	while (end < n && recs[end].template_id == template_id)
		end++;
	*count = end - lo;
	return recs + lo;
}

int habit_stats_task(struct db *db, const struct habit_owner *o, const struct tracker *t,
		     const struct task_template *tt, struct habit_stats *out)
{
	int64_t from = habit_stats_read_from(o, t, tt);
	for (;;) {
		struct records recs = { 0 };
		if (load_task_records(db, o->user_id, t->id, tt->id, from, &recs) < 0) {
			free(recs.items);
			memset(out, 0, sizeof *out);
			out->consistency = -1;
			return -1;
		}
		int64_t need = from;
		int more = habit_stats_records(o, t, tt, recs.items, recs.count, from, out, &need);
		free(recs.items);
		if (!more)
			return 0;
		/* skipped days pushed the strength window back: read from there, with room for more */
		from = need - (from - need);
		if (from <= tracker_first_day(o, t, from))
			from = CIVIL_DAY_MIN;
	}
}

int habit_stats_tasks(struct db *db, const struct habit_owner *o, const struct tracker *t,
		      const struct task_template *tasks, size_t n, struct habit_stats *out)
{
	if (n == 0)
		return 0;
	int64_t from = CIVIL_DAY_MAX;
	for (size_t i = 0; i < n; i++) {
		int64_t f = habit_stats_read_from(o, t, &tasks[i]);
		if (f < from)
			from = f;
	}
	struct records recs = { 0 };
	if (load_task_records(db, o->user_id, t->id, 0, from, &recs) < 0) {
		free(recs.items);
		return -1;
	}
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		size_t count;
		const struct habit_record *mine = template_records(recs.items, recs.count, tasks[i].id, &count);
		int64_t need;
		if (habit_stats_records(o, t, &tasks[i], mine, count, from, &out[i], &need))
			rc = habit_stats_task(db, o, t, &tasks[i], &out[i]); /* this one needs more: alone */
	}
	free(recs.items);
	return rc;
}

int habit_stats_tracker(struct db *db, const struct habit_owner *o, const struct tracker *t, struct habit_stats *out)
{
	memset(out, 0, sizeof *out);
	out->consistency = -1;
	struct tracker_records recs = { 0 };
	struct results res = { 0 };
	int rc = -1;
	if (load_tracker_records(db, o->user_id, t->id, window_start(o), &recs) < 0)
		goto done;
	struct tracker_judge judge = { t, &recs };
	walk_periods(o, t, stats_first_day(o, t, earliest_tracker_check_in(&recs), out),
		     judge_tracker, &judge, &res);
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
