/* analytics: filters, the per-day data of a span, summaries, trend, weekdays, categories and
 * quick stats (see analytics.h). */
#include "analytics.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "civil.h"
#include "log.h"
#include "xmalloc.h"

/* ---- filters ---- */

/* Parses an optional id parameter ("" or absent: 0) that must name an object of kind owned by
 * user_id. Returns ANALYTICS_OK, ANALYTICS_INVALID or ANALYTICS_ERROR. */
static enum analytics_result parse_owned_id(struct db *db, int64_t user_id, enum access_kind kind, const char *s,
					    int64_t *out)
{
	*out = 0;
	if (!s || !*s)
		return ANALYTICS_OK;
	int64_t id = 0;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9' || id > (INT64_MAX - 9) / 10)
			return ANALYTICS_INVALID;
		id = id * 10 + (*p - '0');
	}
	if (id <= 0)
		return ANALYTICS_INVALID;
	int rc = access_check(db, kind, id, user_id);
	if (rc == 404)
		return ANALYTICS_INVALID;
	if (rc)
		return ANALYTICS_ERROR;
	*out = id;
	return ANALYTICS_OK;
}

enum analytics_result analytics_filter_parse(struct db *db, int64_t user_id, int64_t today,
					     const struct analytics_query *q, struct analytics_filter *out,
					     const char **message, const char **field)
{
	static const struct {
		const char *word;
		int days;
	} ranges[] = { { "7", 7 }, { "30", 30 }, { "90", 90 }, { "365", 365 } };
	memset(out, 0, sizeof *out);
	*message = NULL;
	*field = NULL;
	bool has_dates = (q->from && *q->from) || (q->to && *q->to);
	bool custom = false;
	if (!q->range || !*q->range) {
		custom = has_dates;
		out->range = custom ? 0 : 30;
	} else if (strcmp(q->range, "custom") == 0) {
		custom = true;
	} else {
		for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
			if (strcmp(q->range, ranges[i].word) == 0)
				out->range = ranges[i].days;
		if (!out->range) {
			*field = "range";
			*message = "Choose a range of 7, 30, 90 or 365 days, or custom dates.";
			return ANALYTICS_INVALID;
		}
	}
	if (custom) {
		if (!q->from || !*q->from || !q->to || !*q->to) {
			*field = !q->from || !*q->from ? "from" : "to";
			*message = "A custom range needs both its first and its last day (YYYY-MM-DD).";
			return ANALYTICS_INVALID;
		}
		if (civil_parse(q->from, &out->from) < 0) {
			*field = "from";
			*message = "The first day is not a real date; write it as YYYY-MM-DD.";
			return ANALYTICS_INVALID;
		}
		if (civil_parse(q->to, &out->to) < 0) {
			*field = "to";
			*message = "The last day is not a real date; write it as YYYY-MM-DD.";
			return ANALYTICS_INVALID;
		}
		if (out->to < out->from) {
			*field = "to";
			*message = "The last day is before the first day.";
			return ANALYTICS_INVALID;
		}
		if (out->to >= civil_add_months(out->from, 12 * ANALYTICS_MAX_YEARS)) {
			*field = "to";
			*message = "A range can cover at most 10 years.";
			return ANALYTICS_INVALID;
		}
	} else {
		out->to = today;
		out->from = today - out->range + 1;
	}
	static const struct {
		const char *name;
		enum access_kind kind;
		const char *message;
	} ids[] = {
		{ "tracker", ACCESS_TRACKER, "There is no such tracker; choose one from the list." },
		{ "category", ACCESS_CATEGORY, "There is no such category; choose one from the list." },
		{ "tag", ACCESS_TAG, "There is no such tag; choose one from the list." },
	};
	const char *values[] = { q->tracker, q->category, q->tag };
	int64_t *targets[] = { &out->tracker_id, &out->category_id, &out->tag_id };
	for (size_t i = 0; i < 3; i++) {
		enum analytics_result res = parse_owned_id(db, user_id, ids[i].kind, values[i], targets[i]);
		if (res == ANALYTICS_INVALID) {
			*field = ids[i].name;
			*message = ids[i].message;
		}
		if (res != ANALYTICS_OK)
			return res;
	}
	return ANALYTICS_OK;
}

/* ---- loading ---- */

/* Grows a heap array of *cap items of size bytes to hold one more. */
static void *grow(void *items, size_t count, size_t *cap, size_t size)
{
	if (count < *cap)
		return items;
	*cap = *cap ? *cap * 2 : 16;
	return xrealloc(items, *cap * size);
}

/* Copies n items of size bytes from heap array p into a (NULL when n is 0) and frees p. */
static void *to_arena(struct arena *a, void *p, size_t n, size_t size)
{
	void *out = NULL;
	if (n) {
		out = arena_calloc(a, n, size);
		memcpy(out, p, n * size);
	}
	free(p);
	return out;
}

static int period_cmp(const void *x, const void *y)
{
	const struct analytics_period *a = x, *b = y;
	if (a->tracker_id != b->tracker_id)
		return a->tracker_id < b->tracker_id ? -1 : 1;
	return a->period.start < b->period.start ? -1 : a->period.start > b->period.start;
}

static int record_cmp(const void *x, const void *y)
{
	const struct habit_record *a = x, *b = y;
	if (a->template_id != b->template_id)
		return a->template_id < b->template_id ? -1 : 1;
	return a->period.start < b->period.start ? -1 : a->period.start > b->period.start;
}

enum analytics_result analytics_load(struct db *db, struct arena *a, int64_t user_id, const struct analytics_filter *f,
				     int64_t span_from, int64_t span_to, struct analytics_data *out)
{
	return analytics_load_with_tasks(db, a, user_id, f, span_from, span_to, INT64_MAX, out);
}

enum analytics_result analytics_load_with_tasks(struct db *db, struct arena *a, int64_t user_id,
						const struct analytics_filter *f, int64_t span_from, int64_t span_to,
						int64_t records_from, struct analytics_data *out)
{
	memset(out, 0, sizeof *out);
	out->records_from = records_from < span_from ? span_from : records_from; /* none before the span */
	if (span_to < span_from)
		span_to = span_from - 1;
	out->span_from = span_from;
	out->span_to = span_to;
	size_t ndays = (size_t)(span_to - span_from + 1);
	out->days = arena_calloc(a, ndays ? ndays : 1, sizeof *out->days);
	if (!ndays)
		return ANALYTICS_OK;
	sqlite3_stmt *s = db_stmt(db, STMT_ANALYTICS_ROWS);
	/* a period is at most 31 days long: the ones overlapping the span start at most 30 days
	 * before it, so the index range on (tracker_id, period_start) stays as long as the span */
	if (!s || db_bind_int(s, ":user_id", user_id) || db_bind_int(s, ":tracker_id", f->tracker_id) ||
	    db_bind_int(s, ":category_id", f->category_id) || db_bind_int(s, ":tag_id", f->tag_id) ||
	    db_bind_day(s, ":early", span_from - 31) || db_bind_day(s, ":from", span_from) || db_bind_day(s, ":to", span_to) ||
	    db_bind_int(s, ":utc_offset", f->utc_offset))
		return ANALYTICS_ERROR;
	struct analytics_period *periods = NULL;
	struct analytics_amount *amounts = NULL;
	struct analytics_tracker_done *done = NULL;
	struct habit_record *records = NULL;
	size_t np = 0, cp = 0, na = 0, ca = 0, nd = 0, cd = 0, nr = 0, cr = 0;
	int64_t instance_id = 0, tracker_id = 0;
	struct period p = { 0, -1 };
	bool legacy = false;
	struct analytics_period *current = NULL; /* the period of the rows being read */
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (sqlite3_column_int64(s, 0) != instance_id) {
			/* a period's rows come together: read its columns once */
			instance_id = sqlite3_column_int64(s, 0);
			tracker_id = sqlite3_column_int64(s, 1);
			p.start = db_column_day(s, 2, 0);
			p.end = db_column_day(s, 3, p.start);
			legacy = sqlite3_column_int(s, 4) != 0;
			current = NULL;
			if (!legacy) {
				periods = grow(periods, np, &cp, sizeof *periods);
				current = &periods[np++];
				*current = (struct analytics_period){ .tracker_id = tracker_id, .period = p };
			}
		}
		enum instance_status status = INSTANCE_TODO;
		const unsigned char *st = sqlite3_column_text(s, 5);
		if (st)
			instance_status_parse((const char *)st, &status);
		/* its day: the day it was done, kept inside its period; else the period's last day */
		int64_t day = p.end;
		if (status == INSTANCE_DONE) {
			day = db_column_day(s, 6, p.end);
			day = day < p.start ? p.start : day > p.end ? p.end : day;
		}
		double weight = sqlite3_column_double(s, 9);
		double due_w = status == INSTANCE_SKIPPED ? 0 : weight, done_w = status == INSTANCE_DONE ? weight : 0;
		int64_t points = status == INSTANCE_DONE ? sqlite3_column_int64(s, 10) : 0;
		if (day >= span_from && day <= span_to) {
			struct analytics_day *d = &out->days[day - span_from];
			d->count[status]++;
			d->due_weight += due_w;
			d->done_weight += done_w;
			d->points += points;
		}
		if (current) {
			current = &periods[np - 1]; /* grow may have moved it */
			current->due_weight += due_w;
			current->done_weight += done_w;
			if (p.end >= records_from) {
				records = grow(records, nr, &cr, sizeof *records);
				struct habit_record *rec = &records[nr++];
				*rec = (struct habit_record){ .template_id = sqlite3_column_int64(s, 12), .period = p,
							      .status = status,
							      .completed_day = db_column_day(s, 6, CIVIL_DAY_MIN) };
				rec->has_value = sqlite3_column_type(s, 11) != SQLITE_NULL;
				rec->value = sqlite3_column_double(s, 11);
				rec->target = sqlite3_column_double(s, 13);
				const unsigned char *dir = sqlite3_column_text(s, 14);
				if (!dir || task_direction_parse((const char *)dir, &rec->direction) < 0)
					rec->direction = TASK_AT_LEAST;
			}
		}
		if (day < f->from || day > f->to)
			continue;
		if (sqlite3_column_int(s, 7) && sqlite3_column_type(s, 11) != SQLITE_NULL) {
			const char *unit = (const char *)sqlite3_column_text(s, 8);
			if (!unit)
				unit = "";
			size_t i = 0;
			while (i < na && strcmp(amounts[i].unit, unit) != 0)
				i++;
			if (i == na) {
				amounts = grow(amounts, na, &ca, sizeof *amounts);
				amounts[na++] = (struct analytics_amount){ arena_strdup(a, unit), 0 };
			}
			amounts[i].total += sqlite3_column_double(s, 11);
		}
		if (status == INSTANCE_DONE) {
			size_t i = 0;
			while (i < nd && done[i].tracker_id != tracker_id)
				i++;
			if (i == nd) {
				done = grow(done, nd, &cd, sizeof *done);
				done[nd++] = (struct analytics_tracker_done){ tracker_id, 0 };
			}
			done[i].done++;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		log_error("analytics_rows: %s", sqlite3_errmsg(db->conn));
		free(periods);
		free(amounts);
		free(done);
		free(records);
		return ANALYTICS_ERROR;
	}
	if (nr)
		qsort(records, nr, sizeof *records, record_cmp);
	out->records = to_arena(a, records, nr, sizeof *records);
	out->record_count = nr;
	if (np)
		qsort(periods, np, sizeof *periods, period_cmp);
	out->periods = to_arena(a, periods, np, sizeof *periods);
	out->period_count = np;
	out->amounts = to_arena(a, amounts, na, sizeof *amounts);
	out->amount_count = na;
	out->tracker_done = to_arena(a, done, nd, sizeof *done);
	out->tracker_done_count = nd;
	return ANALYTICS_OK;
}

const struct analytics_day *analytics_data_day(const struct analytics_data *d, int64_t day)
{
	return day >= d->span_from && day <= d->span_to ? &d->days[day - d->span_from] : NULL;
}

/* ---- summaries ---- */

int analytics_percent(double done_weight, double due_weight)
{
	if (due_weight <= 0)
		return -1;
	double p = 100.0 * done_weight / due_weight;
	return p >= 100.0 ? 100 : (int)floor(p + 1e-9);
}

void analytics_summary_add(struct analytics_summary *s, const struct analytics_day *day)
{
	for (int k = 0; k < INSTANCE_STATUS__MAX; k++) {
		s->count[k] += day->count[k];
		s->total += day->count[k];
	}
	s->due = s->total - s->count[INSTANCE_SKIPPED];
	s->done = s->count[INSTANCE_DONE];
	s->due_weight += day->due_weight;
	s->done_weight += day->done_weight;
	s->points += day->points;
	s->percent = analytics_percent(s->done_weight, s->due_weight);
}

struct analytics_summary analytics_summarize(const struct analytics_data *d, int64_t from, int64_t to)
{
	struct analytics_summary s = { .percent = -1 };
	for (int64_t day = from < d->span_from ? d->span_from : from; day <= to && day <= d->span_to; day++)
		analytics_summary_add(&s, &d->days[day - d->span_from]);
	return s;
}

struct analytics_week analytics_week_summary(const struct analytics_data *d, int64_t day, int week_start,
					     int64_t last_day)
{
	struct analytics_week w = { .start = civil_week_start(day, week_start), .best = -1 };
	w.total.percent = -1;
	for (int i = 0; i < 7; i++) {
		if (w.start + i > last_day) {
			w.days[i] = (struct analytics_summary){ .percent = -1 };
			continue;
		}
		w.days[i] = analytics_summarize(d, w.start + i, w.start + i);
		const struct analytics_day *x = analytics_data_day(d, w.start + i);
		if (x)
			analytics_summary_add(&w.total, x);
		if (w.days[i].percent >= 0 && (w.best < 0 || w.days[i].percent > w.days[w.best].percent))
			w.best = i;
	}
	return w;
}

/* ---- trend ---- */

enum analytics_trend_kind analytics_trend_classify(double change)
{
	if (isnan(change))
		return TREND_UNKNOWN;
	if (change > ANALYTICS_TREND_POINTS + 1e-9)
		return TREND_IMPROVING;
	if (change < -ANALYTICS_TREND_POINTS - 1e-9)
		return TREND_DECLINING;
	return TREND_STABLE;
}

struct analytics_trend analytics_trend(const struct analytics_data *d, int64_t end, int days)
{
	struct analytics_trend t = { TREND_UNKNOWN, 0, 0, 0 };
	if (days < 1)
		return t;
	struct analytics_summary recent = analytics_summarize(d, end - days + 1, end);
	struct analytics_summary previous = analytics_summarize(d, end - 2 * days + 1, end - days);
	if (recent.due_weight > 0)
		t.recent = 100.0 * recent.done_weight / recent.due_weight;
	if (previous.due_weight > 0)
		t.previous = 100.0 * previous.done_weight / previous.due_weight;
	if (recent.due_weight <= 0 || previous.due_weight <= 0)
		return t;
	t.change = t.recent - t.previous;
	t.kind = analytics_trend_classify(t.change);
	return t;
}

const char *analytics_trend_name(enum analytics_trend_kind k)
{
	static const char *const names[] = { "unknown", "improving", "declining", "stable" };
	return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "unknown";
}

/* ---- weekdays ---- */

void analytics_weekdays_rank(struct analytics_weekdays *w, int week_start)
{
	w->best = w->worst = -1;
	w->even = false;
	int with_data = 0;
	/* walk the week in the user's order: Monday (0) first, or Sunday (6) first */
	for (int i = 0; i < 7; i++) {
		int wd = week_start == 0 ? (i + 6) % 7 : i;
		int p = w->wd[wd].percent;
		if (p < 0)
			continue;
		with_data++;
		if (w->best < 0 || p > w->wd[w->best].percent)
			w->best = wd;
		if (w->worst < 0 || p < w->wd[w->worst].percent)
			w->worst = wd;
	}
	if (with_data < 2 || w->wd[w->best].percent == w->wd[w->worst].percent) {
		w->even = with_data >= 2;
		w->best = w->worst = -1;
	}
}

struct analytics_weekdays analytics_weekdays(const struct analytics_data *d, int64_t end, int week_start)
{
	struct analytics_weekdays w;
	memset(&w, 0, sizeof w);
	for (int64_t day = end - ANALYTICS_WEEKDAY_DAYS + 1; day <= end; day++) {
		const struct analytics_day *x = analytics_data_day(d, day);
		if (!x || x->due_weight <= 0)
			continue;
		int wd = civil_weekday(day);
		w.wd[wd].days++;
		w.wd[wd].due_weight += x->due_weight;
		w.wd[wd].done_weight += x->done_weight;
	}
	for (int i = 0; i < 7; i++)
		w.wd[i].percent = analytics_percent(w.wd[i].done_weight, w.wd[i].due_weight);
	analytics_weekdays_rank(&w, week_start);
	return w;
}

/* ---- categories ---- */

static int share_cmp(const void *x, const void *y)
{
	const struct analytics_category_share *a = x, *b = y;
	if (a->done != b->done)
		return a->done > b->done ? -1 : 1;
	if ((a->id == 0) != (b->id == 0))
		return a->id == 0 ? 1 : -1;
	int c = strcmp(a->name, b->name);
	return c ? c : (a->id < b->id ? -1 : a->id > b->id);
}

void analytics_categories_sort(struct analytics_category_share *s, size_t n)
{
	if (n > 1)
		qsort(s, n, sizeof *s, share_cmp);
}

struct category_list {
	struct arena *a;
	struct analytics_category_share *items;
	size_t count, cap;
};

/* category_each callback: one share per category, empty for now. */
static int collect_category(void *ctx, const struct category *c)
{
	struct category_list *l = ctx;
	l->items = grow(l->items, l->count, &l->cap, sizeof *l->items);
	l->items[l->count++] = (struct analytics_category_share){ c->id, arena_strdup(l->a, c->name),
								   arena_strdup(l->a, c->color), 0 };
	return 0;
}

struct tracker_list {
	struct arena *a;
	struct tracker *items;
	size_t count, cap;
};

/* tracker_each callback: copies each tracker (its strings are in the arena already). */
static int collect_tracker(void *ctx, const struct tracker *t)
{
	struct tracker_list *l = ctx;
	l->items = grow(l->items, l->count, &l->cap, sizeof *l->items);
	l->items[l->count++] = *t;
	return 0;
}

enum analytics_result analytics_categories(struct db *db, struct arena *a, int64_t user_id,
					   const struct analytics_data *d, struct analytics_category_share **out,
					   size_t *count)
{
	*out = NULL;
	*count = 0;
	struct category_list cats = { .a = a };
	struct tracker_list trackers = { .a = a };
	enum analytics_result res = ANALYTICS_ERROR;
	if (category_each(db, a, user_id, collect_category, &cats) != TRACKER_OK ||
	    tracker_each(db, a, user_id, TRACKER_LIST_ALL, 0, collect_tracker, &trackers) != TRACKER_OK)
		goto out;
	cats.items = grow(cats.items, cats.count, &cats.cap, sizeof *cats.items);
	size_t none = cats.count++;
	cats.items[none] = (struct analytics_category_share){ 0, "No category", "#9ca3af", 0 };
	for (size_t i = 0; i < d->tracker_done_count; i++) {
		int64_t category = 0;
		for (size_t k = 0; k < trackers.count; k++)
			if (trackers.items[k].id == d->tracker_done[i].tracker_id)
				category = trackers.items[k].category_id;
		size_t slot = none;
		for (size_t c = 0; c < none; c++)
			if (cats.items[c].id == category)
				slot = c;
		cats.items[slot].done += d->tracker_done[i].done;
	}
	analytics_categories_sort(cats.items, cats.count);
	size_t n = 0;
	while (n < cats.count && cats.items[n].done > 0)
		n++;
	*out = to_arena(a, cats.items, n, sizeof *cats.items);
	cats.items = NULL;
	*count = n;
	res = ANALYTICS_OK;
out:
	free(cats.items);
	free(trackers.items);
	return res;
}

/* ---- quick stats ---- */

/* The local day a timestamp falls on in zone (UTC when the zone is refused). */
static int64_t local_day(const char *zone, int64_t t)
{
	int64_t day = 0;
	if (civil_today(zone, t, &day) < 0)
		civil_today("UTC", t, &day);
	return day;
}

/* The first day a tracker's streak looks at, as habit_stats: its start date, else the day it
 * was made, never before its last time-mode change. */
static int64_t tracker_first_day(const struct habit_owner *o, const struct tracker *t)
{
	int64_t first = t->start_date != TRACKER_NO_DATE ? t->start_date : local_day(o->time_zone, t->created_at);
	if (t->time_mode_since != TRACKER_NO_DATE && t->time_mode_since > first)
		first = t->time_mode_since;
	return first;
}

/* The first of d's periods of tracker_id (sorted by tracker then start), or d->period_count. */
static size_t first_period_of(const struct analytics_data *d, int64_t tracker_id)
{
	size_t lo = 0, hi = d->period_count;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (d->periods[mid].tracker_id < tracker_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The streak of tracker t within from..to (to ≤ today) from d's periods. */
static struct streak tracker_range_streak(const struct habit_owner *o, const struct tracker *t,
					  const struct analytics_data *d, int64_t from, int64_t to, bool *capped)
{
	struct streak none = { 0, 0, false, STREAK_NEVER, STREAK_NEVER };
	*capped = false;
	size_t at = first_period_of(d, t->id);
	int64_t first = tracker_first_day(o, t);
	/* a backdated check-in before the first day; periods merely opened (by viewing a past
	 * week, say) do not move it */
	for (size_t i = at; i < d->period_count && d->periods[i].tracker_id == t->id && d->periods[i].period.start < first;
	     i++)
		if (d->periods[i].done_weight > 0) {
			first = d->periods[i].period.start;
			break;
		}
	int64_t start = from > first ? from : first;
	int64_t end = t->end_date != TRACKER_NO_DATE && t->end_date < to ? t->end_date : to;
	if (end > o->today)
		end = o->today;
	struct period_rule rule = instance_period_rule(t, o->week_start);
	struct period p;
	if (start > end || period_of(&rule, start, &p) < 0)
		return none;
	struct period_result *res = NULL;
	size_t n = 0, cap = 0;
	for (; p.start <= end; p = period_next(&rule, p)) {
		while (at < d->period_count && d->periods[at].tracker_id == t->id && d->periods[at].period.start < p.start)
			at++;
		const struct analytics_period *rec = at < d->period_count && d->periods[at].tracker_id == t->id &&
							     d->periods[at].period.start == p.start
						     ? &d->periods[at]
						     : NULL;
		res = grow(res, n, &cap, sizeof *res);
		struct period_result *r = &res[n++];
		*r = (struct period_result){ .start = p.start, .end = p.end, .open = p.end >= o->today };
		if (rec) {
			r->due = rec->due_weight > 0;
			r->completion = rec->due_weight > 0 ? rec->done_weight / rec->due_weight : 0;
		} else {
			r->due = t->status == TRACKER_ACTIVE && t->task_count > 0; /* never opened: nothing done */
		}
	}
	struct streak s = streak_compute(res, n, o->threshold);
	*capped = s.current > 0 && start > first && n && s.current_start <= res[0].start;
	free(res);
	return s;
}

enum analytics_result analytics_quick_stats(struct db *db, struct arena *a, const struct habit_owner *o,
					    const struct analytics_filter *f, const struct analytics_data *d,
					    struct analytics_quick *out)
{
	memset(out, 0, sizeof *out);
	out->range = analytics_summarize(d, f->from, f->to);
	struct tracker_list trackers = { .a = a };
	if (tracker_each(db, a, o->user_id, TRACKER_LIST_ALL, f->tag_id, collect_tracker, &trackers) != TRACKER_OK) {
		free(trackers.items);
		return ANALYTICS_ERROR;
	}
	for (size_t i = 0; i < trackers.count; i++) {
		const struct tracker *t = &trackers.items[i];
		if ((f->tracker_id && t->id != f->tracker_id) || (f->category_id && t->category_id != f->category_id))
			continue;
		bool capped;
		struct streak s = tracker_range_streak(o, t, d, f->from, f->to, &capped);
		if (s.current > out->current.length) {
			out->current = (struct analytics_streak){ s.current, capped, t->id, t->name, t->time_mode };
		}
		if (s.longest > out->longest.length)
			out->longest = (struct analytics_streak){ s.longest, false, t->id, t->name, t->time_mode };
	}
	free(trackers.items);
	struct analytics_category_share *shares;
	size_t n;
	if (analytics_categories(db, a, o->user_id, d, &shares, &n) != ANALYTICS_OK)
		return ANALYTICS_ERROR;
	for (size_t i = 0; i < n; i++)
		if (shares[i].id) {
			out->top = shares[i];
			break;
		}
	return ANALYTICS_OK;
}
