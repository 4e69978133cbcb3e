/* goal_progress: where a goal stands — the pure functions (status from values, pace, the
 * current period of a period goal), the recompute that keeps a goal's stored values, snapshots
 * and status exact — and the read-only lists of a goal's page: entries, history, mappings, the
 * templates a mapping can name, period snapshots. */
#include "goal.h"

#include <math.h>
#include <string.h>

#include "civil.h"
#include "goal_internal.h"
#include "log.h"

/* ---- pure functions ---- */

struct period_rule goal_period_rule(enum goal_period_unit u, int week_start)
{
	struct period_rule r = {
		.mode = u == GOAL_PER_WEEK    ? TIME_MODE_WEEKLY
			: u == GOAL_PER_MONTH ? TIME_MODE_MONTHLY
					      : TIME_MODE_DAILY,
		.week_start = week_start,
		.anchored = false,
		.anchor = 0,
	};
	return r;
}

enum goal_status goal_status_for(enum goal_kind kind, double current, double target, int64_t deadline, int64_t today,
				 bool period_ended, double mean_percent)
{
	switch (kind) {
	case GOAL_COUNTER:
		return GOAL_ACTIVE;
	case GOAL_PERIOD:
		if (!period_ended)
			return GOAL_ACTIVE;
		return mean_percent + GOAL_EPSILON >= 100 ? GOAL_ACHIEVED : GOAL_FAILED;
	default:
		if (target > 0 && current + GOAL_EPSILON >= target)
			return GOAL_ACHIEVED;
		if (deadline != GOAL_NO_DATE && deadline < today)
			return GOAL_FAILED;
		return GOAL_ACTIVE;
	}
}

/* Linear pace: ON_TRACK when value has reached target × elapsed ÷ total, else BEHIND;
 * *expected receives that share. */
static enum goal_pace linear_pace(double value, double target, int64_t elapsed, int64_t total, double *expected)
{
	if (total <= 0)
		total = 1;
	if (elapsed < 0)
		elapsed = 0;
	*expected = target * (double)elapsed / (double)total;
	return value + GOAL_EPSILON >= *expected ? GOAL_PACE_ON_TRACK : GOAL_PACE_BEHIND;
}

/* The parts of goal_progress_of for a period goal. */
static void period_progress(const struct goal *g, int week_start, int64_t today, struct goal_progress *out)
{
	struct period_rule rule = goal_period_rule(g->period_unit, week_start);
	int64_t start = g->start_date != GOAL_NO_DATE ? g->start_date : today;
	struct period first, last, now;
	if (period_of(&rule, start, &first) < 0 || period_of(&rule, today, &now) < 0)
		return;
	bool has_end = g->deadline != GOAL_NO_DATE && period_of(&rule, g->deadline, &last) == 0;
	if (today < first.start) {
		out->not_started = true;
		out->current_period = first;
		return;
	}
	if (has_end && today > last.end) {
		out->period_ended = true;
		out->current_period = last;
		return;
	}
	out->current_period = now;
	if (g->status != GOAL_ACTIVE)
		return;
	if (g->metric == GOAL_PERCENT) {
		out->pace = g->current_value + GOAL_EPSILON >= g->target_value ? GOAL_PACE_ON_TRACK : GOAL_PACE_BEHIND;
		out->expected = g->target_value;
		return;
	}
	if (g->current_value + GOAL_EPSILON >= g->target_value) {
		out->pace = GOAL_PACE_ACHIEVED;
		out->expected = g->target_value;
		return;
	}
	out->pace = linear_pace(g->current_value, g->target_value, today - now.start, period_days(now), &out->expected);
}

void goal_progress_of(const struct goal *g, int week_start, int64_t today, struct goal_progress *out)
{
	memset(out, 0, sizeof *out);
	out->current_period.start = 1;
	out->current_period.end = 0; /* empty */
	out->pace = GOAL_PACE_NONE;
	if (g->kind != GOAL_COUNTER && g->target_value > 0) {
		double p = 100.0 * g->current_value / g->target_value;
		out->percent = p > 0 ? p : 0;
		double left = g->target_value - g->current_value;
		out->remaining = left > GOAL_EPSILON ? left : 0;
	}
	if (g->kind == GOAL_PERIOD) {
		period_progress(g, week_start, today, out);
		return;
	}
	if (g->kind == GOAL_COUNTER)
		return;
	int64_t start = g->start_date != GOAL_NO_DATE ? g->start_date : today;
	out->not_started = today < start;
	if (g->status == GOAL_ACHIEVED || (g->target_value > 0 && g->current_value + GOAL_EPSILON >= g->target_value)) {
		if (g->status != GOAL_ABANDONED)
			out->pace = GOAL_PACE_ACHIEVED;
		return;
	}
	if (g->deadline == GOAL_NO_DATE || g->deadline < today)
		return;
	int64_t from = today > start ? today : start;
	out->days_left = g->deadline - from + 1;
	if (g->status != GOAL_ACTIVE)
		return;
	if (out->remaining > 0 && out->days_left > 0) {
		out->has_rate = true;
		out->per_day = out->remaining / (double)out->days_left;
		out->per_week = out->per_day * 7;
	}
	if (!out->not_started)
		out->pace = linear_pace(g->current_value, g->target_value, today - start, g->deadline - start + 1,
					&out->expected);
}

/* ---- recompute ---- */

/* Reads the user's week start (0 Sunday, 1 Monday). */
static enum goal_result user_week_start(struct db *db, int64_t user_id, int *week_start)
{
	sqlite3_stmt *s = db_stmt(db, STMT_GOAL_WEEK_START);
	if (!s || db_bind_int(s, ":user_id", user_id))
		return GOAL_ERROR;
	int rc = sqlite3_step(s);
	*week_start = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : 1;
	sqlite3_reset(s);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return GOAL_OK;
	log_error("goal_week_start: %s", sqlite3_errmsg(db->conn));
	return GOAL_ERROR;
}

/* The sum of a goal's entries and the highest their running sum reached (never below 0). */
enum goal_result goal_entry_sums(struct db *db, int64_t user_id, int64_t goal_id, double *sum, double *best)
{
	sqlite3_stmt *s = db_stmt(db, STMT_GOAL_ENTRY_VALUES);
	if (!s || db_bind_int(s, ":goal_id", goal_id) || db_bind_int(s, ":user_id", user_id))
		return GOAL_ERROR;
	double total = 0, top = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		total = goal_rounded(total + sqlite3_column_double(s, 0));
		if (total > top)
			top = total;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		log_error("goal_entry_values: %s", sqlite3_errmsg(db->conn));
		return GOAL_ERROR;
	}
	*sum = total;
	*best = top;
	return GOAL_OK;
}

/* What the mapped instances of one day add up to (STMT_GOAL_COMPLETION_DAYS). */
struct day_sum {
	int64_t day;
	double done, max_done, points, amount, due;
};

struct day_sums {
	struct day_sum *items;
	size_t count;
};

/* Reads the per-day sums of goal goal_id over from..to (ascending days) into *out (in a). */
static enum goal_result load_days(struct db *db, struct arena *a, int64_t user_id, int64_t goal_id, int64_t from,
				  int64_t to, struct day_sums *out)
{
	out->items = NULL;
	out->count = 0;
	sqlite3_stmt *s = db_stmt(db, STMT_GOAL_COMPLETION_DAYS);
	if (!s || db_bind_int(s, ":goal_id", goal_id) || db_bind_int(s, ":user_id", user_id) ||
	    goal_bind_day(s, ":from", from) || goal_bind_day(s, ":to", to))
		return GOAL_ERROR;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (out->count == cap) {
			cap = cap ? 2 * cap : 64;
			struct day_sum *bigger = arena_calloc(a, cap, sizeof *bigger);
			if (out->count)
				memcpy(bigger, out->items, out->count * sizeof *bigger);
			out->items = bigger;
		}
		struct day_sum *d = &out->items[out->count++];
		d->day = db_column_day(s, 0, GOAL_NO_DATE);
		d->done = sqlite3_column_double(s, 1);
		d->max_done = sqlite3_column_double(s, 2);
		d->points = sqlite3_column_double(s, 3);
		d->amount = sqlite3_column_double(s, 4);
		d->due = sqlite3_column_double(s, 5);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		log_error("goal_completion_days: %s", sqlite3_errmsg(db->conn));
		return GOAL_ERROR;
	}
	return GOAL_OK;
}

/* The value of metric m over the days lo..hi of d, starting the scan at *at (days before lo
 * are skipped; *at is left at the first day after hi, so that consecutive ranges cost one
 * pass). */
static double metric_over(enum goal_metric m, const struct day_sums *d, size_t *at, int64_t lo, int64_t hi)
{
	double done = 0, days = 0, points = 0, amount = 0, due = 0;
	size_t i = *at;
	while (i < d->count && d->items[i].day < lo)
		i++;
	for (; i < d->count && d->items[i].day <= hi; i++) {
		done += d->items[i].done;
		days += d->items[i].max_done;
		points += d->items[i].points;
		amount += d->items[i].amount;
		due += d->items[i].due;
	}
	*at = i;
	switch (m) {
	case GOAL_DAYS:
		return goal_rounded(days);
	case GOAL_POINTS:
		return goal_rounded(points);
	case GOAL_AMOUNT:
		return goal_rounded(amount);
	case GOAL_PERCENT:
		return due > 0 ? goal_rounded(100.0 * done / due) : 0;
	default:
		return goal_rounded(done);
	}
}

/* snapshots_each callback: collects the existing snapshots in order. */
struct snapshot_list {
	struct arena *a;
	struct goal_snapshot *items;
	size_t count, cap;
};

static int collect_snapshot(void *ctx, const struct goal_snapshot *s)
{
	struct snapshot_list *l = ctx;
	if (l->count == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		struct goal_snapshot *bigger = arena_calloc(l->a, l->cap, sizeof *bigger);
		if (l->count)
			memcpy(bigger, l->items, l->count * sizeof *bigger);
		l->items = bigger;
	}
	l->items[l->count++] = *s;
	return 0;
}

/* Writes the snapshot of finished period p of goal g with value, keeping the target of an
 * existing snapshot (old, or NULL); *percent_out receives its percent. Writes nothing when
 * old already says the same. */
static enum goal_result save_snapshot(struct db *db, int64_t now, const struct goal *g, struct period p, double value,
				      const struct goal_snapshot *old, double *percent_out)
{
	double target = old && old->target_value > 0 ? old->target_value : g->target_value;
	double percent = target > 0 ? goal_rounded(100.0 * value / target) : 0;
	bool achieved = target > 0 && value + GOAL_EPSILON >= target;
	*percent_out = percent;
	if (old && old->period.end == p.end && fabs(old->achieved_value - value) < GOAL_EPSILON &&
	    fabs(old->percent - percent) < GOAL_EPSILON && old->achieved == achieved && old->target_value == target)
		return GOAL_OK;
	sqlite3_stmt *s = db_stmt(db, STMT_GOAL_SNAPSHOT_UPSERT);
	if (!s || db_bind_int(s, ":goal_id", g->id) || db_bind_int(s, ":user_id", g->user_id) ||
	    goal_bind_day(s, ":period_start", p.start) || goal_bind_day(s, ":period_end", p.end) ||
	    db_bind_double(s, ":achieved_value", value) || db_bind_double(s, ":target_value", target) ||
	    db_bind_double(s, ":percent", percent) || db_bind_int(s, ":achieved", achieved) ||
	    db_bind_int(s, ":now", now))
		return GOAL_ERROR;
	return goal_step_write(db, s, "goal_snapshot_upsert");
}

/* Removes the snapshots of g outside first..last (period starts); all when first > last. */
static enum goal_result trim_snapshots(struct db *db, const struct goal *g, int64_t first, int64_t last)
{
	sqlite3_stmt *s = db_stmt(db, STMT_GOAL_SNAPSHOTS_TRIM);
	if (!s || db_bind_int(s, ":goal_id", g->id) || db_bind_int(s, ":user_id", g->user_id) ||
	    goal_bind_day(s, ":first", first) || goal_bind_day(s, ":last", last))
		return GOAL_ERROR;
	return goal_step_write(db, s, "goal_snapshots_trim");
}

/* Computes a period goal: snapshots of its finished periods, *current (the current period's
 * value, or the last period's once ended), *ended and *mean_percent (of the finished periods). */
static enum goal_result compute_period(struct db *db, struct arena *a, int64_t now, int64_t today, const struct goal *g,
				       double *current, bool *ended, double *mean_percent)
{
	*current = 0;
	*ended = false;
	*mean_percent = 0;
	int week_start;
	enum goal_result r = user_week_start(db, g->user_id, &week_start);
	if (r != GOAL_OK)
		return r;
	struct goal_progress pr;
	goal_progress_of(g, week_start, today, &pr);
	struct period_rule rule = goal_period_rule(g->period_unit, week_start);
	struct period first;
	int64_t start = g->start_date != GOAL_NO_DATE ? g->start_date : today;
	if (period_of(&rule, start, &first) < 0)
		return GOAL_ERROR;
	*ended = pr.period_ended;
	struct snapshot_list old = { a, NULL, 0, 0 };
	r = goal_snapshots_each(db, a, g->user_id, g->id, collect_snapshot, &old);
	if (r != GOAL_OK)
		return r;
	if (pr.not_started)
		return old.count ? trim_snapshots(db, g, CIVIL_DAY_MAX, CIVIL_DAY_MIN) : GOAL_OK;
	/* pr.current_period is the period holding today, or the last one once the goal ended */
	struct day_sums days;
	if ((r = load_days(db, a, g->user_id, g->id, first.start, pr.current_period.end, &days)) != GOAL_OK)
		return r;
	size_t at = 0, o = 0, finished = 0;
	double percent_sum = 0;
	int64_t last_finished = CIVIL_DAY_MIN;
	for (struct period p = first; p.start <= pr.current_period.start && !period_is_empty(p);
	     p = period_next(&rule, p)) {
		double value = metric_over(g->metric, &days, &at, p.start, p.end);
		if (p.end >= today) { /* the open current period */
			*current = value;
			break;
		}
		while (o < old.count && old.items[o].period.start < p.start)
			o++;
		const struct goal_snapshot *prev =
		    o < old.count && old.items[o].period.start == p.start ? &old.items[o] : NULL;
		double percent;
		if ((r = save_snapshot(db, now, g, p, value, prev, &percent)) != GOAL_OK)
			return r;
		percent_sum += percent;
		finished++;
		last_finished = p.start;
		*current = value;
	}
	if (finished)
		*mean_percent = percent_sum / (double)finished;
	/* snapshots of periods the goal no longer has (its start moved) */
	bool stray = false;
	for (size_t i = 0; i < old.count; i++)
		if (old.items[i].period.start < first.start || old.items[i].period.start > last_finished)
			stray = true;
	if (stray)
		return finished ? trim_snapshots(db, g, first.start, last_finished)
				: trim_snapshots(db, g, CIVIL_DAY_MAX, CIVIL_DAY_MIN);
	return GOAL_OK;
}

/* The note of a move from status old to new when the caller gave none. */
static const char *status_note(enum goal_kind kind, enum goal_status old, enum goal_status new)
{
	if (new == GOAL_ACHIEVED)
		return kind == GOAL_PERIOD ? "The periods reached their target on average." : "The target was reached.";
	if (new == GOAL_FAILED)
		return kind == GOAL_PERIOD ? "The goal ended below its target."
					   : "The deadline passed short of the target.";
	if (old == GOAL_ACHIEVED)
		return "The value fell below the target.";
	return "The goal is open again.";
}

/* goal_recompute with a note for a status change (NULL: the default of status_note);
 * reactivate: the goal is abandoned and taken up again, so its status follows its values. */
enum goal_result goal_recompute_note(struct db *db, int64_t now, int64_t today, int64_t user_id, int64_t goal_id,
				     const char *why, bool reactivate)
{
	struct arena a;
	arena_init(&a);
	struct goal g;
	enum goal_result r = goal_get(db, &a, user_id, goal_id, &g);
	if (r != GOAL_OK)
		goto out;
	double current = 0, best = 0, mean_percent = 0;
	bool ended = false;
	switch (g.kind) {
	case GOAL_TARGET:
	case GOAL_COUNTER:
		r = goal_entry_sums(db, user_id, goal_id, &current, &best);
		if (g.kind == GOAL_TARGET)
			best = 0;
		break;
	case GOAL_TASKS: {
		struct day_sums days;
		int64_t from = g.start_date != GOAL_NO_DATE ? g.start_date : CIVIL_DAY_MIN;
		int64_t to = g.deadline != GOAL_NO_DATE ? g.deadline : CIVIL_DAY_MAX;
		r = load_days(db, &a, user_id, goal_id, from, to, &days);
		size_t at = 0;
		if (r == GOAL_OK)
			current = metric_over(g.metric, &days, &at, from, to);
		break;
	}
	case GOAL_PERIOD:
		r = compute_period(db, &a, now, today, &g, &current, &ended, &mean_percent);
		break;
	default:
		r = GOAL_ERROR;
	}
	if (r != GOAL_OK)
		goto out;
	enum goal_status old = reactivate ? GOAL_ABANDONED : g.status, status = old;
	if (old != GOAL_ABANDONED || reactivate)
		status = goal_status_for(g.kind, current, g.target_value, g.deadline, today, ended, mean_percent);
	int64_t achieved_at = status == GOAL_ACHIEVED
				  ? (g.status == GOAL_ACHIEVED && g.achieved_at ? g.achieved_at : now)
			      : status == GOAL_ABANDONED ? g.achieved_at
							 : 0;
	if (fabs(current - g.current_value) >= GOAL_EPSILON || fabs(best - g.best_value) >= GOAL_EPSILON ||
	    status != g.status || achieved_at != g.achieved_at) {
		sqlite3_stmt *s = db_stmt(db, STMT_GOAL_SET_VALUES);
		if (!s || db_bind_double(s, ":current_value", current) || db_bind_double(s, ":best_value", best) ||
		    db_bind_text(s, ":status", goal_status_name(status)) ||
		    (achieved_at ? db_bind_int(s, ":achieved_at", achieved_at) : db_bind_null(s, ":achieved_at")) ||
		    db_bind_int(s, ":now", now) || db_bind_int(s, ":id", goal_id) ||
		    db_bind_int(s, ":user_id", user_id)) {
			r = GOAL_ERROR;
			goto out;
		}
		if ((r = goal_step_write(db, s, "goal_set_values")) != GOAL_OK)
			goto out;
	}
	if (status != old) /* with reactivate, also abandoned → active */
		r = goal_status_event(db, now, user_id, goal_id, old, status,
				      why && status != GOAL_FAILED ? why : status_note(g.kind, old, status));
out:
	arena_free(&a);
	return r;
}

enum goal_result goal_recompute(struct db *db, int64_t now, int64_t today, int64_t user_id, int64_t goal_id)
{
	return goal_recompute_note(db, now, today, user_id, goal_id, NULL, false);
}

/* Reads the ids statement s yields (bound by the caller) into a and recomputes each goal. */
static enum goal_result recompute_ids(struct db *db, sqlite3_stmt *s, const char *what, int64_t now, int64_t today,
				      int64_t user_id)
{
	struct arena a;
	arena_init(&a);
	int64_t *ids = NULL;
	size_t count = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (count == cap) {
			cap = cap ? 2 * cap : 16;
			int64_t *bigger = arena_calloc(&a, cap, sizeof *bigger);
			if (count)
				memcpy(bigger, ids, count * sizeof *ids);
			ids = bigger;
		}
		ids[count++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	enum goal_result r = GOAL_OK;
	if (rc != SQLITE_DONE) {
		log_error("%s: %s", what, sqlite3_errmsg(db->conn));
		r = GOAL_ERROR;
	}
	for (size_t i = 0; i < count && r == GOAL_OK; i++)
		r = goal_recompute_note(db, now, today, user_id, ids[i], NULL, false);
	arena_free(&a);
	return r;
}

enum goal_result goal_recompute_for_template(struct db *db, int64_t now, int64_t today, int64_t user_id,
					     int64_t task_template_id)
{
	sqlite3_stmt *s = db_stmt(db, STMT_GOAL_TEMPLATE_GOALS);
	if (!s || db_bind_int(s, ":task_template_id", task_template_id) || db_bind_int(s, ":user_id", user_id))
		return GOAL_ERROR;
	return recompute_ids(db, s, "goal_template_goals", now, today, user_id);
}

enum goal_result goal_refresh(struct db *db, int64_t now, int64_t today, int64_t user_id)
{
	sqlite3_stmt *s = db_stmt(db, STMT_GOAL_IDS);
	if (!s || db_bind_int(s, ":user_id", user_id))
		return GOAL_ERROR;
	return recompute_ids(db, s, "goal_ids", now, today, user_id);
}

/* ---- reads ---- */

/* Ends a read loop: resets s and turns its last step rc into a result. */
static enum goal_result read_end(struct db *db, sqlite3_stmt *s, int rc, const char *what)
{
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return GOAL_OK;
	log_error("%s: %s", what, sqlite3_errmsg(db->conn));
	return GOAL_ERROR;
}

/* Binds :goal_id and :user_id (and :limit when limit >= 0) of statement id; NULL on error. */
static sqlite3_stmt *goal_stmt(struct db *db, enum stmt_id id, int64_t user_id, int64_t goal_id, int limit)
{
	sqlite3_stmt *s = db_stmt(db, id);
	if (!s || db_bind_int(s, ":goal_id", goal_id) || db_bind_int(s, ":user_id", user_id) ||
	    (limit >= 0 && db_bind_int(s, ":limit", limit)))
		return NULL;
	return s;
}

enum goal_result goal_entries_each(struct db *db, struct arena *a, int64_t user_id, int64_t goal_id, int limit,
				   int (*fn)(void *ctx, const struct goal_entry *e), void *ctx)
{
	sqlite3_stmt *s = goal_stmt(db, STMT_GOAL_ENTRIES, user_id, goal_id, limit < 0 ? 0 : limit);
	if (!s)
		return GOAL_ERROR;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct goal_entry e = {
			.id = sqlite3_column_int64(s, 0),
			.value = sqlite3_column_double(s, 1),
			.day = db_column_day(s, 2, GOAL_NO_DATE),
			.note = db_column_text(s, 3, a),
			.is_reset = sqlite3_column_int(s, 4) != 0,
			.created_at = sqlite3_column_int64(s, 5),
		};
		if (fn(ctx, &e)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	return read_end(db, s, rc, "goal_entries");
}

enum goal_result goal_events_each(struct db *db, struct arena *a, int64_t user_id, int64_t goal_id, int limit,
				  int (*fn)(void *ctx, const struct goal_event *e), void *ctx)
{
	sqlite3_stmt *s = goal_stmt(db, STMT_GOAL_EVENTS, user_id, goal_id, limit < 0 ? 0 : limit);
	if (!s)
		return GOAL_ERROR;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct goal_event e;
		memset(&e, 0, sizeof e);
		e.at = sqlite3_column_int64(s, 0);
		if (goal_event_kind_parse((const char *)sqlite3_column_text(s, 1), &e.kind))
			e.kind = GOAL_EVENT_EDITED;
		e.has_old_value = sqlite3_column_type(s, 2) != SQLITE_NULL;
		e.old_value = sqlite3_column_double(s, 2);
		e.has_new_value = sqlite3_column_type(s, 3) != SQLITE_NULL;
		e.new_value = sqlite3_column_double(s, 3);
		e.has_old_status = goal_status_parse((const char *)sqlite3_column_text(s, 4), &e.old_status) == 0;
		e.has_new_status = goal_status_parse((const char *)sqlite3_column_text(s, 5), &e.new_status) == 0;
		e.note = db_column_text(s, 6, a);
		if (fn(ctx, &e)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	return read_end(db, s, rc, "goal_events");
}

/* Reads a GOAL_TASK_COLUMNS row followed by the weight. */
static void read_task_row(sqlite3_stmt *s, struct arena *a, struct goal_task *t)
{
	t->task_template_id = sqlite3_column_int64(s, 0);
	t->name = db_column_text(s, 1, a);
	t->tracker_id = sqlite3_column_int64(s, 2);
	t->tracker_name = db_column_text(s, 3, a);
	t->deleted = sqlite3_column_int(s, 4) != 0;
	t->counts_toward_goals = sqlite3_column_int(s, 5) != 0;
	t->measure = sqlite3_column_int(s, 6) != 0;
	t->unit = db_column_text(s, 7, a);
	t->weight = sqlite3_column_double(s, 8);
}

/* Runs a statement of goal_task rows, calling fn for each. */
static enum goal_result tasks_each(struct db *db, struct arena *a, sqlite3_stmt *s, const char *what,
				   int (*fn)(void *ctx, const struct goal_task *t), void *ctx)
{
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct goal_task t;
		read_task_row(s, a, &t);
		if (fn(ctx, &t)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	return read_end(db, s, rc, what);
}

enum goal_result goal_mappings_each(struct db *db, struct arena *a, int64_t user_id, int64_t goal_id,
				    int (*fn)(void *ctx, const struct goal_task *t), void *ctx)
{
	sqlite3_stmt *s = goal_stmt(db, STMT_GOAL_MAPPINGS, user_id, goal_id, -1);
	return s ? tasks_each(db, a, s, "goal_mappings", fn, ctx) : GOAL_ERROR;
}

enum goal_result goal_templates_each(struct db *db, struct arena *a, int64_t user_id,
				     int (*fn)(void *ctx, const struct goal_task *t), void *ctx)
{
	sqlite3_stmt *s = db_stmt(db, STMT_GOAL_TEMPLATES);
	if (!s || db_bind_int(s, ":user_id", user_id))
		return GOAL_ERROR;
	return tasks_each(db, a, s, "goal_templates", fn, ctx);
}

enum goal_result goal_snapshots_each(struct db *db, struct arena *a, int64_t user_id, int64_t goal_id,
				     int (*fn)(void *ctx, const struct goal_snapshot *s), void *ctx)
{
	(void)a;
	sqlite3_stmt *s = goal_stmt(db, STMT_GOAL_SNAPSHOTS, user_id, goal_id, -1);
	if (!s)
		return GOAL_ERROR;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct goal_snapshot snap = {
			.period = { db_column_day(s, 0, GOAL_NO_DATE), db_column_day(s, 1, GOAL_NO_DATE) },
			.achieved_value = sqlite3_column_double(s, 2),
			.target_value = sqlite3_column_double(s, 3),
			.percent = sqlite3_column_double(s, 4),
			.achieved = sqlite3_column_int(s, 5) != 0,
			.taken_at = sqlite3_column_int64(s, 6),
		};
		if (fn(ctx, &snap)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	return read_end(db, s, rc, "goal_snapshots");
}
