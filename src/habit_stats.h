/* habit_stats: the motivating numbers of a task or a tracker, read from its history — current
 * and longest streak (streak.c), habit strength (score.c, Loop Habit Tracker's formula),
 * consistency over the last 30 days and the at-risk flag (issue 5, DESIGN.md section 5).
 * Streaks look at the whole history or at a window the caller sets; strength always reads a
 * bounded window (score_window_start), the same within 0.01 percentage points. The same rules
 * serve the dashboard's at-risk tasks and suggestions (analytics_task.c, habit_stats_records).
 * Domain layer: no HTTP. Days are day numbers (civil.h). */
#ifndef TRACKPRO_HABIT_STATS_H
#define TRACKPRO_HABIT_STATS_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "db.h"
#include "instance.h"
#include "period.h"
#include "streak.h"
#include "task.h"
#include "tracker.h"

#define HABIT_SERIES_DAYS 90
#define HABIT_CONSISTENCY_DAYS 30 /* consistency and failures: the last 30 days */
#define HABIT_YEAR_DAYS 365       /* strength_year_change looks this far back */

/* Where a person stands with one habit. */
struct habit_stats {
	struct streak streak;
	int strength;              /* percent 0–100, today */
	int strength_month_change; /* percentage points against 30 days ago */
	int strength_year_change;  /* percentage points against 365 days ago */
	double series[HABIT_SERIES_DAYS]; /* strength 0..1 of the last 90 days, oldest first */
	int consistency;           /* percent of the due periods of the last 30 days that counted; -1 when none was due */
	int due_periods;           /* those due periods (finished ones, and an open one that already counts) */
	int counted_periods;       /* … of which counted (reached the threshold) */
	int failed_periods;        /* … of which were finished with nothing done */
	bool at_risk;              /* the two or more newest finished due periods were all missed */
	int broken_run;            /* no streak running: the length of the one that ended last (0: none) */
	int periods_counted;       /* how many periods the streak looked at */
	bool history_cut;          /* the window cut older history: current and longest are "at least" */
	bool streak_capped;        /* the current streak reaches back to the window's first period */
};

/* How much of the strength to compute (struct habit_owner). Strength reads a bounded window
 * (score_window_start): enough for today's value alone, or for 365 days back as well. */
enum habit_strength {
	HABIT_STRENGTH_FULL = 0, /* today, the month and year changes and the 90-day series */
	HABIT_STRENGTH_TODAY,    /* today's strength only: the changes and the series are left 0 */
	HABIT_STRENGTH_NONE      /* no strength (all strength fields 0) */
};

/* Who is asking: the owner's calendar settings. */
struct habit_owner {
	int64_t user_id;
	int week_start;           /* 1 Monday, 0 Sunday */
	const char *time_zone;    /* for the local day a task was created */
	int threshold;            /* percent a period needs to count for a streak (preferences) */
	int64_t today;
	int window_days;          /* streaks, consistency, risk: at most this many days back (0: all history) */
	enum habit_strength strength; /* what strength to compute (0: all of it) */
};

/* One recorded period of a task (a task instance of a period of the tracker's current time
 * mode): what habit_stats judges. */
struct habit_record {
	int64_t template_id;
	struct period period;
	enum instance_status status;
	bool has_value;
	double value, target;          /* the snapshot of the period */
	enum task_direction direction;
	int64_t completed_day;         /* the local day it was marked done; CIVIL_DAY_MIN when none */
};

/* Computes the stats of task template tt of tracker t. Reads the task's periods that end
 * within the streak window (o->window_days) and within the strength window (score.h,
 * score_window_start: about 173 / sqrt(frequency) days, more when days were skipped), so the
 * cost follows the windows, not years of history, unless o->window_days is 0. Returns 0, or -1
 * on a database error (logged). */
int habit_stats_task(struct db *db, const struct habit_owner *o, const struct tracker *t,
		     const struct task_template *tt, struct habit_stats *out);

/* habit_stats_task for n tasks of tracker t at once (out[i] for tasks[i]), with one read of
 * the tracker's periods for all of them. Returns 0 or -1 (logged). */
int habit_stats_tasks(struct db *db, const struct habit_owner *o, const struct tracker *t,
		      const struct task_template *tasks, size_t n, struct habit_stats *out);

/* The first day whose periods habit_stats_records needs for task tt (periods ending on or
 * after it): the streak window's first week, and the strength window guessed with room for
 * skipped days (habit_stats_records says when that was not enough). CIVIL_DAY_MIN: the whole
 * history. */
int64_t habit_stats_read_from(const struct habit_owner *o, const struct tracker *t, const struct task_template *tt);

/* The pure part of habit_stats_task: the stats of task tt of tracker t from its records
 * recs[0..n) (sorted by period start, of this template, no legacy periods), which hold every
 * period ending on or after read_from (CIVIL_DAY_MIN: the whole history). Returns 0; or 1
 * when the strength window turned out to reach before read_from (many skipped days): then
 * *need_from is the day to read from instead, out is incomplete, and the caller reads again
 * and calls again. Allocates nothing it keeps. */
int habit_stats_records(const struct habit_owner *o, const struct tracker *t, const struct task_template *tt,
			const struct habit_record *recs, size_t n, int64_t read_from, struct habit_stats *out,
			int64_t *need_from);

/* Computes the stats of tracker t as a whole (completion of each period = done weight over due
 * weight of its tasks); the strength fields are left 0. Returns 0 or -1. */
int habit_stats_tracker(struct db *db, const struct habit_owner *o, const struct tracker *t, struct habit_stats *out);

/* True when streak s has reached a milestone not yet recorded for this tracker
 * (task_template_id 0) or task — a read, so pages write only when there is something new. */
bool habit_stats_milestones_pending(struct db *db, int64_t tracker_id, int64_t task_template_id,
				    const struct streak *s);

/* Records the streak milestones (7, 14, 21 … 365) that streak s has reached and that were not
 * recorded before for this tracker (task_template_id 0) or task. Call inside a write
 * transaction. Returns how many were new, or -1. */
int habit_stats_record_milestones(struct db *db, int64_t now, int64_t today, int64_t tracker_id,
				  int64_t task_template_id, const struct streak *s);

#endif
