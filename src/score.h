/* score: a task's habit strength (0..1), Loop Habit Tracker's exponential smoothing, day by
 * day. Pure functions: no database, no allocation, thread-safe. */
#ifndef TRACKPRO_SCORE_H
#define TRACKPRO_SCORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Largest freq_num and freq_den score_series takes (schedule_fraction gives at most 31 and
 * 365; Loop's own are smaller). */
#define SCORE_FREQ_MAX 1000

/* What the score needs of a task: Loop's Habits columns (../shared/fixtures/loop/README.md).
 * freq_num / freq_den from schedule_fraction (schedule.h): the task is due freq_num times in
 * any freq_den days. */
struct score_habit {
	int freq_num, freq_den;
	bool measure;  /* a measure task (Loop's numerical habit, type 1); false: yes/no */
	bool at_most;  /* measure: the target is a ceiling (Loop's target_type 1), else a floor */
	double target; /* measure: the amount per freq_den days, in the task's unit (>= 0) */
};

/* What was entered for a day. */
enum score_mark {
	SCORE_NONE,    /* nothing entered: not done (Loop's UNKNOWN, NO and auto-filled YES_AUTO) */
	SCORE_DONE,    /* checked (Loop's YES_MANUAL) */
	SCORE_SKIPPED, /* skipped (Loop's SKIP): the day leaves the score unchanged */
	SCORE_AMOUNT,  /* measure: amount, in the task's unit */
	SCORE__MAX
};

/* One day's entry. amount is read for SCORE_AMOUNT and SCORE_DONE of a measure task (a
 * measure task checked with an amount), and for SCORE_AMOUNT of a yes/no task (done when
 * amount > 0); otherwise ignored. */
struct score_entry {
	int64_t day; /* a day number (civil.h) */
	enum score_mark mark;
	double amount;
};

/* Loop's smoothing multiplier of a task due freq_num times in freq_den days:
 * m = 0.5 ^ (sqrt(freq_num / freq_den) / 13) (Loop's ScoreList.compute), so that a daily
 * task's score halves its distance to the day's value in 13 days: daily 0.5^(1/13) = 0.9481,
 * 3 in 7 days 0.5^(sqrt(3/7)/13) = 0.9657. Returns NaN when freq_num or freq_den is not in
 * 1..SCORE_FREQ_MAX. */
double score_multiplier(int freq_num, int freq_den);

/* Writes to out[0 .. last_day - first_day] the score of each day first_day..last_day, each
 * 0..1: Loop Habit Tracker's ScoreList.recompute (../shared/fixtures/loop/README.md; issue 5
 * "Habit strength"; DESIGN.md section 5 "Habit score"). entries (n of them, NULL when n is 0)
 * are sorted by strictly increasing day; those outside first_day..last_day are ignored, so
 * first_day must be the task's first day (its creation or first entry, as Loop starts at the
 * habit's oldest entry) for the values to match Loop's. For each day d, in order:
 *   - yes/no task: count = done days in the window of the last D days ending at d (days
 *     before first_day are not in it), where (N, D) = (freq_num, freq_den), both doubled when
 *     freq_num < freq_den ("3/7 is judged as 6 in 14 days"); p = min(1, count / N);
 *   - measure task: sum = the sum of max(0, amount) over the last freq_den days;
 *     at least: p = target > 0 ? min(1, sum / target) : 1;
 *     at most: p = target > 0 ? clamp(1 - (sum - target) / target, 0, 1) : (sum > 0 ? 0 : 1);
 *   - a SKIPPED day leaves the score unchanged (and adds nothing to the window, which still
 *     slides; Loop adds the raw skip code 3 / 1000 of a unit to a numerical sum, a quirk not
 *     copied); every other day: score = previous * m + p * (1 - m), m = score_multiplier;
 *   - the score before first_day is 1.0 for an at-most measure task, 0 otherwise.
 * Returns 0, or -1 with out untouched when the input is refused: h or out NULL; freq_num or
 * freq_den outside 1..SCORE_FREQ_MAX (freq_num > freq_den is accepted: 31 times a month is
 * 31/30); a measure target that is negative or not finite; first_day > last_day or either
 * outside CIVIL_DAY_MIN..CIVIL_DAY_MAX; entries NULL with n > 0, not strictly increasing by
 * day, with a mark outside the enum, or with an amount that is read and not finite. */
int score_series(const struct score_habit *h, const struct score_entry *entries, size_t n,
		 int64_t first_day, int64_t last_day, double *out);

/* Windowed strength (doc/decisions.md, "Strength reads a bounded window"): the score is
 * exponential smoothing, so what happened before a day S weighs at most m^k on a later day's
 * score, k being the days after S that moved it. Starting from the initial value (0, or 1.0
 * for at-most tasks) at S instead of at the task's first day therefore changes that day's
 * score by at most m^k. SCORE_WINDOW_TOLERANCE is the bound kept (0.01 percentage points);
 * SCORE_WINDOW_MAX_DAYS caps how far back a window reaches (about three years). */
#define SCORE_WINDOW_TOLERANCE 1e-4
#define SCORE_WINDOW_MAX_DAYS 1100

/* W, the number of scored days after which the start's weight m^W is at most
 * SCORE_WINDOW_TOLERANCE: ceil(ln(tolerance) / ln(m)) with m = score_multiplier — 173 for a
 * daily task, 264 for 3 in 7 days, 458 for 1 in 7, 947 for 1 in 30 (about 173 / sqrt(freq)).
 * Returns -1 when freq_num or freq_den is not in 1..SCORE_FREQ_MAX. */
int score_decay_days(int freq_num, int freq_den);

/* The latest day S from which score_series(h, entries, n, S, day, …) gives day's score within
 * SCORE_WINDOW_TOLERANCE of score_series started on first_day: the days S + D … day (D the
 * window the score sums over: freq_den, doubled for a yes/no task due less than daily) hold
 * score_decay_days days that are not skipped — the first D days only start the window's sum,
 * and skipped days leave the score as it is, so neither counts. Never before first_day (a
 * younger task starts on its first day, exactly as without a window) and never more than
 * SCORE_WINDOW_MAX_DAYS before day (rare schedules, below about 1 in 40 days, then keep a
 * weaker bound: m^(SCORE_WINDOW_MAX_DAYS − D − skipped days), 0.05 points for 1 in 60 days).
 * entries as for score_series (sorted by day; only their SCORE_SKIPPED marks are read).
 * Returns first_day when h's frequency is refused (no window). */
int64_t score_window_start(const struct score_habit *h, const struct score_entry *entries, size_t n,
			   int64_t first_day, int64_t day);

/* s (0..1) as a whole percent 0..100, rounded to nearest (0.798 -> 80, 0.794 -> 79); values
 * outside 0..1 are clamped and NaN gives 0. */
int score_percent(double s);

#endif
