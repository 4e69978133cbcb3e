/* analytics_task: at-risk tasks and suggestions over the last ANALYTICS_TASK_DAYS days
 * (analytics.h). The period rules are habit_stats's, run over a window instead of the whole
 * history (habit_stats_records with window_days), so that the dashboard's cost does not grow
 * with years of data; the records come from the dashboard's own read when it has them. */
#include "analytics.h"

#include <stdlib.h>
#include <string.h>

#include "civil.h"
#include "log.h"
#include "xmalloc.h"

struct records {
	struct habit_record *items;
	size_t count, cap;
};

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
		struct habit_record *r = &out->items[out->count++];
		*r = (struct habit_record){ .completed_day = CIVIL_DAY_MIN };
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
	const struct habit_owner *o; /* with the window of ANALYTICS_TASK_DAYS and no strength */
	const struct analytics_filter *f;
	const struct tracker *tracker;
	const struct habit_record *recs; /* by template, then period */
	size_t rec_count;
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
	struct habit_stats s;
	int64_t unused;
	/* without strength it never asks for older records */
	int64_t read_from = habit_stats_read_from(c->o, c->tracker, tt);
	habit_stats_records(c->o, c->tracker, tt, c->recs + lo, end_at - lo, read_from, &s, &unused);
	if (c->count == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->items = xrealloc(c->items, c->cap * sizeof *c->items);
	}
	struct analytics_task_health *h = &c->items[c->count++];
	memset(h, 0, sizeof *h);
	h->task_id = tt->id;
	h->tracker_id = c->tracker->id;
	h->task_name = arena_strdup(c->a, tt->name);
	h->tracker_name = c->tracker->name;
	h->mode = c->tracker->time_mode;
	h->streak = s.streak;
	h->streak_capped = s.streak_capped;
	h->due_periods = s.due_periods;
	h->consistency = s.due_periods >= ANALYTICS_MIN_DUE ? s.counted_periods * 100 / s.due_periods : -1;
	h->failure_rate = s.due_periods >= ANALYTICS_MIN_DUE ? s.failed_periods * 100 / s.due_periods : -1;
	h->at_risk = s.at_risk;
	h->broken_run = s.broken_run;
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
	struct habit_owner windowed = *o;
	windowed.window_days = ANALYTICS_TASK_DAYS - 1; /* today and the 89 days before */
	windowed.strength = HABIT_STRENGTH_NONE;
	struct tracker_list trackers = { 0 };
	struct records recs = { 0 };
	struct health_ctx c = { .a = a, .o = &windowed, .f = f };
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
