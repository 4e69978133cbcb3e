/* schedule: whether a task is due in a period, how many completions it asks there, and its
 * expected completions per day. */
#ifndef TRACKPRO_SCHEDULE_H
#define TRACKPRO_SCHEDULE_H

#include <stdbool.h>
#include <stdint.h>

#include "period.h"

/* task_templates.schedule_kind (sql/0001-init.sql); the rules of each are at schedule_due_in.
 * Sources: DESIGN.md section 5 "Schedules", issue 4 "Schedule", seed 002 (frequency types:
 * daily, weekly N times or on given days, custom interval, monthly N times) and Loop Habit
 * Tracker ("N times in any M days", ../shared/fixtures/loop/README.md). */
enum schedule_kind {
	SCHEDULE_EVERY_PERIOD,    /* once in every period of the tracker */
	SCHEDULE_WEEKDAYS,        /* on the weekdays of a mask */
	SCHEDULE_EVERY_N_DAYS,    /* every interval_days days from anchor */
	SCHEDULE_TIMES_PER_PERIOD, /* times per week or month (calendar-aligned) */
	SCHEDULE_TIMES_IN_DAYS,   /* times in any window_days days (rolling, as Loop) */
	SCHEDULE__MAX
};

/* The database word of a kind ("every_period", "weekdays", "every_n_days",
 * "times_per_period", "times_in_days"); NULL when k is out of range. */
const char *schedule_kind_name(enum schedule_kind k);
/* Parses exactly one of those words into *out. Returns 0, or -1 with *out unchanged (NULL is
 * refused). */
int schedule_kind_parse(const char *s, enum schedule_kind *out);

/* Limits of the form fields (schedule_validate). */
#define SCHEDULE_INTERVAL_MAX 365 /* every_n_days: days */
#define SCHEDULE_WINDOW_MAX 365   /* times_in_days: days */
#define SCHEDULE_NO_ANCHOR INT64_MIN /* every_n_days without an anchor (invalid) */

/* A task's schedule; only the fields of its kind matter. */
struct schedule {
	enum schedule_kind kind;
	unsigned weekdays; /* SCHEDULE_WEEKDAYS: bit 0 = Monday ... bit 6 = Sunday (civil_weekday) */
	int interval_days; /* SCHEDULE_EVERY_N_DAYS: N, 1..SCHEDULE_INTERVAL_MAX */
	int64_t anchor;    /* SCHEDULE_EVERY_N_DAYS: a day number when it is due; or SCHEDULE_NO_ANCHOR */
	int times;         /* SCHEDULE_TIMES_PER_PERIOD and SCHEDULE_TIMES_IN_DAYS: N */
	int window_days;   /* SCHEDULE_TIMES_IN_DAYS: M, in days */
};

/* Checks s for a tracker of time mode mode. Returns 0, or -1 with *problem (when problem is
 * not NULL) set to a sentence for the form (static storage):
 *   - weekdays: the mask names at least one day and nothing beyond bit 6;
 *   - every_n_days: interval 1..365 and an anchor in CIVIL_DAY_MIN..CIVIL_DAY_MAX;
 *   - times_per_period: times >= 1, and at most 7 in a weekly tracker, 31 in a monthly one,
 *     and 7 in a daily one (where it means N times per calendar week);
 *   - times_in_days: 1 <= times <= window_days <= 365 (the database's CHECKs, plus limits);
 *   - an unknown kind or mode is refused too. */
int schedule_validate(const struct schedule *s, enum time_mode mode, const char **problem);

/* What a task asks of one period. */
struct schedule_due {
	bool due;      /* make a task instance for the period */
	int target;    /* completions the period asks for (>= 1 when due, 0 when not) */
	bool flexible; /* offered every day but judged over a longer stretch, not day by day: a
			* daily tracker's times_per_period (judge the week: schedule_week_target)
			* or times_in_days (judge the rolling window: schedule_rolling_window) */
};

/* Whether task schedule s is due in period p of a tracker of time mode mode, and its target.
 * p is the period as period_of gives it or, for a tracker's first or last period, as
 * period_clip cuts it to the tracker's dates (so a partial week asks only for its own days).
 * "Days of p that match" below are counted over p's days. The rules (issue 4 "Schedule";
 * DESIGN.md section 5):
 *   - every_period: due, target 1 (a check or a measure once per period);
 *   - weekdays: due when some day of p has its weekday in the mask; target = those days (1 in
 *     a daily tracker; "Mon, Wed, Fri" in a weekly tracker asks 3 per full week; Feb 29 counts
 *     as the weekday it is);
 *   - every_n_days: the due days are anchor + k * interval_days, k >= 0 (none before the
 *     anchor); due when p holds one, target = how many it holds (1 in a daily tracker);
 *   - times_per_period, weekly or monthly tracker: due, target = times capped at p's days (the
 *     task's count per calendar-aligned week or month, seed 002 timesPerWeek/timesPerMonth);
 *     daily tracker: N times per calendar WEEK (user's week_start), so it is offered every day
 *     (due, target 1, flexible) and the week is judged: schedule_week_target;
 *   - times_in_days (Loop's "N times in any M days", rolling): daily tracker: offered every
 *     day (due, target 1, flexible), judged on schedule_rolling_window; weekly or monthly
 *     tracker: due, target = round(times * days(p) / window_days), at least 1 (3 in any 10
 *     days: 2 in a week, 9 in a 31-day month).
 * Not due (target 0) for an empty p, an unknown kind or mode, or a schedule schedule_validate
 * refuses for the fields the rule reads. week_start (0 = Sunday, 1 = Monday) is the user's;
 * the rules above do not need it yet (the week of a daily times_per_period task comes from
 * schedule_week_target) and it is kept so callers need not change when one does. */
struct schedule_due schedule_due_in(const struct schedule *s, enum time_mode mode, int week_start,
				    struct period p);

/* For a times_per_period task of a DAILY tracker: writes to *week_out the calendar week
 * (starting on week_start, 0 = Sunday, 1 = Monday) containing day, clipped to the tracker's
 * start_day..end_day (PERIOD_NO_START / PERIOD_NO_END when open), and returns the completions
 * that week asks for: times capped at the clipped week's days. The streak layer counts such a
 * task as done for every day of the week once the week holds that many completions (and
 * judges only finished weeks, or the current one once met). Returns 0 (*week_out empty) for
 * any other kind, or when day is outside the tracker's dates. */
int schedule_week_target(const struct schedule *s, int week_start, int64_t day, int64_t start_day,
			 int64_t end_day, struct period *week_out);

/* For a times_in_days task: the rolling window of day, day - window_days + 1 .. day (clip it
 * to the tracker's start with period_clip). A day meets the schedule when its window holds at
 * least times completions (Loop's "N times in any M days"). Empty for any other kind or a
 * window_days < 1. */
struct period schedule_rolling_window(const struct schedule *s, int64_t day);

/* Loop Habit Tracker's frequency as a fraction: *num completions expected in any *den days
 * (Loop's freq_num/freq_den, ../shared/fixtures/loop/README.md, which issue 5's habit strength
 * uses: m = 0.5 ^ (sqrt(num/den) / 13), window of den days):
 *   every_period: daily 1/1, weekly 1/7, monthly 1/30; weekdays: popcount(mask)/7;
 *   every_n_days: 1/N; times_per_period: N/7 in daily and weekly trackers (per week), N/30 in
 *   monthly trackers (a month counts as 30 days, as Loop stores "2 times a month" as 2/30);
 *   times_in_days: N/M.
 * Returns 0, or -1 (outputs unchanged) for an unknown kind or mode or fields that make no
 * fraction (N or M below 1, an empty mask). */
int schedule_fraction(const struct schedule *s, enum time_mode mode, int *num, int *den);

/* Expected completions per day: num / den of schedule_fraction (above 0 and at most 1 for
 * valid schedules, except up to 31/30 for 31 times a month), or 0.0 when schedule_fraction
 * refuses s. */
double schedule_frequency(const struct schedule *s, enum time_mode mode);

#endif
