/* streak: current and longest streaks over a task's or tracker's period results, and the
 * milestones a streak crosses. Pure functions: no database, no allocation, thread-safe. */
#ifndef TRACKPRO_STREAK_H
#define TRACKPRO_STREAK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A day number that no streak has (struct streak's last_counting_day and current_start). */
#define STREAK_NEVER INT64_MIN

/* The default of users.streak_threshold (sql/0001-init.sql), in percent. */
#define STREAK_THRESHOLD_DEFAULT 80

/* The result of one period (a day, week or month of the tracker or task; DESIGN.md section 5
 * "Completion of a period"). The caller fills one per period of the span it judges, with
 * due = true and completion = 0 for a past due period that has no record (issue 5: "a past
 * due period with no record breaks"). */
struct period_result {
	int64_t start, end; /* the period's first and last day numbers (civil.h) */
	bool due;           /* something was due in it; false makes the period neutral */
	double completion;  /* 0..1: done weight / due weight, skipped tasks leaving the
			     * denominator; ignored when !due */
	bool open;          /* the current, unfinished period (normally only the newest) */
};

/* The streaks of a history (seed 000 "Streak Service": current streak, longest streak, whether
 * it is active, last date that met the threshold). Lengths are in periods: days for a daily
 * tracker, weeks for a weekly one, months for a monthly one. */
struct streak {
	int current;               /* counting periods of the streak running up to the newest period */
	int longest;               /* the longest run of counting periods in the history (>= current) */
	bool active;               /* current > 0 */
	int64_t last_counting_day; /* end day of the newest counting period, or STREAK_NEVER */
	int64_t current_start;     /* start day of the current streak's first period, or STREAK_NEVER */
};

/* The streaks of the n period results r, ordered oldest to newest (r may be NULL when n is 0).
 * The rules (issue 5 "Streaks"; DESIGN.md section 5 "Streaks"; seed 000 "Streak Service"):
 *   - a due period COUNTS when completion * 100 >= threshold_percent (within 1e-9, so 0.8
 *     counts at 80%; at 80%, 75% breaks and 85% keeps). threshold_percent is clamped to
 *     0..100 (users.streak_threshold's range); a NaN completion never counts;
 *   - a period with nothing due (due false) is NEUTRAL: it neither counts nor breaks and adds
 *     nothing to a length, so a streak runs on across it;
 *   - a past (not open) due period below the threshold BREAKS the run;
 *   - an open period never breaks: it extends the run when it already counts and is neutral
 *     otherwise;
 *   - current = the run of counting periods walking back from the newest period, skipping
 *     neutral ones; longest = the longest such run anywhere in r; active = current > 0;
 *   - last_counting_day = the end of the newest counting period, whether or not the streak
 *     is still running; current_start = the start of the current run's oldest period.
 * A backdated check-in is just a changed period result: recomputing joins two runs when the
 * period it fixes now counts. Lengths saturate at INT_MAX. */
struct streak streak_compute(const struct period_result *r, size_t n, int threshold_percent);

/* The days an "N times in any M days" habit keeps its streak through, by Loop Habit Tracker's
 * rule (uhabits EntryList.buildIntervals and snapIntervalsTogether): for every N consecutive
 * done days (newest first) that lie within M days, the M days starting at the oldest of them
 * count; where such a window overlaps the newer one, it slides back towards its Nth done day
 * (by at most the overlap plus one day), so that one burst of check-ins covers as much of the
 * gap before it as Loop shows as "done automatically". done[0..n) are the done days
 * (day numbers), ascending and distinct; times is N >= 1 and window M >= 1. Sets covered[i]
 * to whether day first + i, for first <= day <= last, lies in such a window or is itself done;
 * covered has last - first + 1 entries (nothing is written when last < first). Example (Loop's
 * own export): 2 in 3 days done on 16, 17, 20, 21, 22 and 25 Jan covers 16-23 and 25 Jan. */
void streak_rolling_cover(const int64_t *done, size_t n, int times, int window, int64_t first, int64_t last,
			  bool *covered);

/* Streak lengths that earn a milestone (issue 5; seed 000 "Notification Service"), ascending.
 * A static const table so that it needs no extern definition; each includer gets a copy. */
#define STREAK_MILESTONE_COUNT 9
static const int STREAK_MILESTONES[STREAK_MILESTONE_COUNT] = { 7, 14, 21, 30, 60, 90, 100, 180, 365 };

/* Writes to out, ascending, the milestones m with previous_length < m <= new_length: those a
 * streak crossed when it grew from previous_length to new_length periods (6 -> 7 gives 7;
 * 7 -> 8 gives none; 29 -> 61 gives 30 and 60). Returns how many (0..STREAK_MILESTONE_COUNT);
 * 0 when the streak did not grow. The caller records each one once (issue 5: milestones
 * "are recorded once each"); this function keeps no state, so whether a streak that broke
 * and grew again earns them again is the caller's rule. */
int streak_milestones_reached(int previous_length, int new_length, int out[STREAK_MILESTONE_COUNT]);

#endif
