/* analytics: the numbers of the statistics pages (issue 6, DESIGN.md section 5) — filters read
 * from GET parameters, completion per day, quick stats for a range, the trend, best and worst
 * weekday, category distribution, daily and weekly summaries by status, at-risk tasks and
 * suggestions. Domain layer: no HTTP, no templates. Every query is filtered by the user and
 * reads only the periods that overlap the days asked for (the index on tracker_instances
 * (tracker_id, period_start)), so the cost follows the range shown, not years of history.
 * Days are day numbers (civil.h); percents are 0–100.
 *
 * What a day counts: the task instances recorded for it. A task instance belongs to the day it
 * was marked done (kept inside its period), else to the last day of its period — so a daily
 * task counts on its day, and a weekly task not done yet counts only once its week is over.
 * Periods that were never opened have no task instances and add nothing to the day counts
 * (gap fill turns them into missed tasks); streaks and risk follow habit_stats and count such a
 * past due period as missed. */
#ifndef TRACKPRO_ANALYTICS_H
#define TRACKPRO_ANALYTICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "db.h"
#include "habit_stats.h"
#include "instance.h"
#include "streak.h"
#include "tracker.h"

#define ANALYTICS_MAX_YEARS 10   /* the longest custom range */
#define ANALYTICS_TREND_DAYS 30  /* the trend compares the last 30 days with the 30 before */
#define ANALYTICS_TREND_POINTS 5 /* a change within ±5 points is stable */
#define ANALYTICS_WEEKDAY_DAYS 90 /* best and worst weekday look at 90 days */
#define ANALYTICS_TASK_DAYS 90   /* at-risk tasks and suggestions look at the last 90 days */
#define ANALYTICS_RATE_DAYS HABIT_CONSISTENCY_DAYS /* failure rate and consistency: the last 30 days */

enum analytics_result {
	ANALYTICS_OK = 0,
	ANALYTICS_INVALID, /* a bad filter: *message says why */
	ANALYTICS_ERROR    /* database error, logged */
};

/* What the statistics show: days from..to (inclusive), and optionally one tracker, category
 * or tag (0 = any). range is 7, 30, 90 or 365 for the last N days up to today, 0 for custom. */
struct analytics_filter {
	int64_t from, to;
	int64_t tracker_id, category_id, tag_id;
	int range;
	int utc_offset; /* seconds east of UTC of the user's zone (page_utc_offset): finds the local
			 * day a tracker was made, before which empty periods are not history */
};

/* The GET parameters as received (NULL when absent): range=7|30|90|365|custom, from and to
 * (YYYY-MM-DD, for custom), tracker, category, tag (ids; "" means any). */
struct analytics_query {
	const char *range, *from, *to, *tracker, *category, *tag;
};

/* Reads q into *out for user_id on today. No range gives the last 30 days, or a custom range
 * when from or to is given. A custom range needs both dates, real ones, to ≥ from and at most
 * ANALYTICS_MAX_YEARS years; the ids must be positive and name the user's tracker, category
 * and tag. ANALYTICS_INVALID sets *message to a sentence for the page and *field to the
 * parameter at fault ("range", "from", "to", "tracker", "category", "tag"). */
enum analytics_result analytics_filter_parse(struct db *db, int64_t user_id, int64_t today,
					     const struct analytics_query *q, struct analytics_filter *out,
					     const char **message, const char **field);

/* The recorded task instances of one day, by status, with the completion weights (skipped
 * tasks leave due_weight) and the points of the done ones. */
struct analytics_day {
	int count[INSTANCE_STATUS__MAX];
	double due_weight, done_weight;
	int64_t points;
};

/* Counts of a day or of several added up. due = total − skipped; percent = done weight over
 * due weight, rounded down, or -1 when nothing was due. */
struct analytics_summary {
	int count[INSTANCE_STATUS__MAX];
	int total, due, done;
	double due_weight, done_weight;
	int64_t points;
	int percent;
};

/* One tracker period seen in the data (periods of an earlier time mode left out). */
struct analytics_period {
	int64_t tracker_id;
	struct period period;
	double due_weight, done_weight;
};

/* A measured amount: the total of the values of measure tasks in one unit. */
struct analytics_amount {
	const char *unit;
	double total;
};

/* What one read of the database gives for days span_from..span_to under a filter: the days
 * (dense, days[i] is span_from + i), the tracker periods overlapping the span, the amounts per
 * unit and the done tasks per tracker of the filter's range from..to, and (when asked for) the
 * task records of the periods ending on records_from or later, by template then period. */
struct analytics_data {
	int64_t span_from, span_to;
	struct analytics_day *days;
	struct analytics_period *periods; /* by tracker, then start */
	size_t period_count;
	struct analytics_amount *amounts; /* by unit */
	size_t amount_count;
	struct analytics_tracker_done {
		int64_t tracker_id;
		int done;
	} *tracker_done;
	size_t tracker_done_count;
	int64_t records_from; /* INT64_MAX when no records were read */
	struct habit_record *records; /* habit_stats.h */
	size_t record_count;
};

/* Reads the data of span_from..span_to (at most ANALYTICS_MAX_YEARS years and a bit) for the
 * filter f (its tracker, category and tag; amounts and tracker_done over f->from..f->to). Arrays
 * are allocated in a. */
enum analytics_result analytics_load(struct db *db, struct arena *a, int64_t user_id, const struct analytics_filter *f,
				     int64_t span_from, int64_t span_to, struct analytics_data *out);
/* analytics_load that also keeps the task records of the periods ending on records_from or
 * later, for analytics_task_health (so the dashboard reads its days once). */
enum analytics_result analytics_load_with_tasks(struct db *db, struct arena *a, int64_t user_id,
						const struct analytics_filter *f, int64_t span_from, int64_t span_to,
						int64_t records_from, struct analytics_data *out);

/* The day of d for day, or NULL outside the span. */
const struct analytics_day *analytics_data_day(const struct analytics_data *d, int64_t day);

/* Adds day to s (which starts zeroed) and recomputes s->percent. */
void analytics_summary_add(struct analytics_summary *s, const struct analytics_day *day);
/* The summary of days from..to of d (days outside the span count as empty). */
struct analytics_summary analytics_summarize(const struct analytics_data *d, int64_t from, int64_t to);
/* Percent of done weight over due weight, rounded down, capped at 100; -1 when due is 0. */
int analytics_percent(double done_weight, double due_weight);

/* A week: its seven days from start, the total, and its best day (0..6 from start, the
 * highest percent, the first of equals; -1 when nothing was due all week). */
struct analytics_week {
	int64_t start;
	struct analytics_summary days[7];
	struct analytics_summary total;
	int best;
};
/* The week holding day (weeks starting on week_start: 1 Monday, 0 Sunday), up to last_day
 * (normally today): later days of the week count nothing, even when viewing the week opened
 * them, so a week in progress is not judged on days still to come. */
struct analytics_week analytics_week_summary(const struct analytics_data *d, int64_t day, int week_start,
					     int64_t last_day);

/* Improving, declining or stable: completion of the last `days` days against the `days` before
 * (both pooled: done weight over due weight). */
enum analytics_trend_kind { TREND_UNKNOWN, TREND_IMPROVING, TREND_DECLINING, TREND_STABLE };
struct analytics_trend {
	enum analytics_trend_kind kind; /* TREND_UNKNOWN when either stretch had nothing due */
	double recent, previous;        /* percents, 0–100 (0 when nothing was due) */
	double change;                  /* recent − previous, in points */
};
/* The classification of a change of completion in points: above +ANALYTICS_TREND_POINTS
 * improving, below −ANALYTICS_TREND_POINTS declining, else stable (±5 itself is stable). */
enum analytics_trend_kind analytics_trend_classify(double change);
/* The trend of the `days` days ending on end against the `days` before them. */
struct analytics_trend analytics_trend(const struct analytics_data *d, int64_t end, int days);
/* "improving", "declining", "stable", "unknown". */
const char *analytics_trend_name(enum analytics_trend_kind k);

/* Completion by weekday (civil_weekday: 0 Monday … 6 Sunday) over the ANALYTICS_WEEKDAY_DAYS
 * days ending on end. Days with nothing due are left out. best and worst are weekdays, -1 when
 * fewer than two weekdays had something due or all had the same percent (then even is true);
 * of equal weekdays the first in the user's week wins. */
struct analytics_weekdays {
	struct {
		int days;    /* days with something due */
		double due_weight, done_weight;
		int percent; /* -1 when none */
	} wd[7];
	int best, worst;
	bool even;
};
struct analytics_weekdays analytics_weekdays(const struct analytics_data *d, int64_t end, int week_start);
/* best/worst of w->wd[].percent alone (fills best, worst, even): separated for the tests. */
void analytics_weekdays_rank(struct analytics_weekdays *w, int week_start);

/* One share of the category distribution: done tasks of the trackers of a category in the
 * range; id 0 is "No category". */
struct analytics_category_share {
	int64_t id;
	const char *name;
	const char *color;
	int done;
};
/* The distribution of d's tracker_done over the user's categories, most done first (then by
 * name; "No category" last of equals), only shares above 0. Allocated in a. */
enum analytics_result analytics_categories(struct db *db, struct arena *a, int64_t user_id,
					   const struct analytics_data *d, struct analytics_category_share **out,
					   size_t *count);
/* Sorts shares as analytics_categories does (for the tests). */
void analytics_categories_sort(struct analytics_category_share *s, size_t n);

/* The longest current and the longest streak among the trackers of the filter, within its
 * range (periods of the tracker's mode; a period counts when its completion reaches the
 * owner's threshold, as habit_stats). capped: the streak reaches back to the first day of the
 * range, so it may be longer. */
struct analytics_streak {
	int length;
	bool capped;
	int64_t tracker_id; /* 0 when no tracker has a streak */
	const char *tracker_name;
	enum time_mode mode;
};
struct analytics_quick {
	struct analytics_summary range; /* tasks done, completion, points */
	struct analytics_streak current, longest;
	struct analytics_category_share top; /* top named category; id 0 and done 0 when none */
};
/* Quick stats of f's range from d (loaded with a span holding the range) and the trackers of
 * the filter. */
enum analytics_result analytics_quick_stats(struct db *db, struct arena *a, const struct habit_owner *o,
					    const struct analytics_filter *f, const struct analytics_data *d,
					    struct analytics_quick *out);

/* ---- tasks: risk and suggestions (analytics_task.c) ---- */

/* Where one task stands over the last ANALYTICS_TASK_DAYS days, judged by habit_stats with
 * that window: its streak in the window (capped when it reaches the window's start),
 * consistency and failure rate over the last ANALYTICS_RATE_DAYS days (percent of the due
 * periods that counted / that were finished with nothing done; -1 when fewer than
 * ANALYTICS_MIN_DUE were due), at risk (the two or more newest finished due periods missed) and
 * the length of the streak that broke last (0 when none, or when the current one runs). */
#define ANALYTICS_MIN_DUE 4
struct analytics_task_health {
	int64_t task_id, tracker_id;
	const char *task_name, *tracker_name;
	enum time_mode mode;
	struct streak streak;
	bool streak_capped;
	int due_periods;  /* due periods of the last ANALYTICS_RATE_DAYS days */
	int consistency;  /* percent, or -1 */
	int failure_rate; /* percent, or -1 */
	bool at_risk;
	int broken_run;
};

/* The suggestions (DESIGN.md section 5): failure rate > 50% → lower the frequency; consistency
 * < 30% → make it easier; a broken streak (of at least ANALYTICS_BROKEN_MIN periods) →
 * encouragement to restart. */
#define ANALYTICS_FAILURE_MAX 50
#define ANALYTICS_CONSISTENCY_MIN 30
#define ANALYTICS_BROKEN_MIN 3
enum analytics_suggestion_kind {
	SUGGEST_LOWER_FREQUENCY,
	SUGGEST_MAKE_EASIER,
	SUGGEST_RESTART,
	SUGGEST__MAX
};
/* Which suggestions h earns: bit k set for kind k. */
unsigned analytics_suggestions_for(const struct analytics_task_health *h);

/* The health of every active task of the active trackers of the filter (its tracker, category
 * and tag; not its dates) as of o->today, by tracker position then task position. Allocated
 * in a. The task records come from d when it holds them for the whole window (d loaded with
 * the same filter by analytics_load_with_tasks, records_from ≤ ANALYTICS_TASK_WINDOW_FROM(o->today)
 * and span_to ≥ o->today), else from the database; d may be NULL. The window starts a week
 * early: habit_stats_read_from asks for the week holding the window's first day. */
#define ANALYTICS_TASK_WINDOW_FROM(today) ((today) - ANALYTICS_TASK_DAYS + 1 - 7)
enum analytics_result analytics_task_health(struct db *db, struct arena *a, const struct habit_owner *o,
					    const struct analytics_filter *f, const struct analytics_data *d,
					    struct analytics_task_health **out, size_t *count);

#endif
