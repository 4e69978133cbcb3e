/* habit_stats: the motivating numbers of a task or a tracker, read from its history — current
 * and longest streak (streak.c), habit strength (score.c, Loop Habit Tracker's formula),
 * consistency over the last 30 days and the at-risk flag (issue 5, DESIGN.md section 5).
 * Domain layer: no HTTP. Days are day numbers (civil.h). */
#ifndef TRACKPRO_HABIT_STATS_H
#define TRACKPRO_HABIT_STATS_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "db.h"
#include "streak.h"
#include "task.h"
#include "tracker.h"

#define HABIT_SERIES_DAYS 90

/* Where a person stands with one habit. */
struct habit_stats {
	struct streak streak;
	int strength;              /* percent 0–100, today */
	int strength_month_change; /* percentage points against 30 days ago */
	int strength_year_change;  /* percentage points against 365 days ago */
	double series[HABIT_SERIES_DAYS]; /* strength 0..1 of the last 90 days, oldest first */
	int consistency;           /* percent of the due periods of the last 30 days that counted; -1 when none was due */
	bool at_risk;              /* the two or more newest finished due periods were all missed */
	int periods_counted;       /* how many periods the streak looked at */
	bool history_cut;          /* the window cut older history: current and longest are "at least" */
};

/* Who is asking: the owner's calendar settings. */
struct habit_owner {
	int64_t user_id;
	int week_start;           /* 1 Monday, 0 Sunday */
	const char *time_zone;    /* for the local day a task was created */
	int threshold;            /* percent a period needs to count for a streak (preferences) */
	int64_t today;
	int window_days;          /* look at most this many days back (0: the whole history) */
};

/* Computes the stats of task template tt of tracker t. Returns 0, or -1 on a database error
 * (logged). */
int habit_stats_task(struct db *db, const struct habit_owner *o, const struct tracker *t,
		     const struct task_template *tt, struct habit_stats *out);

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
