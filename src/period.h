/* period: a tracker's time modes and the period (day, week, month) that contains a day. */
#ifndef TRACKPRO_PERIOD_H
#define TRACKPRO_PERIOD_H

#include <stdbool.h>
#include <stdint.h>

/* trackers.time_mode (sql/0001-init.sql): how long one period of a tracker is. */
enum time_mode {
	TIME_MODE_DAILY,
	TIME_MODE_WEEKLY,
	TIME_MODE_MONTHLY,
	TIME_MODE__MAX
};

/* The database word of a mode ("daily", "weekly", "monthly"); NULL when m is out of range. */
const char *time_mode_name(enum time_mode m);
/* Parses exactly one of those words (case-sensitive) into *out. Returns 0, or -1 with *out
 * unchanged (NULL is refused). */
int time_mode_parse(const char *s, enum time_mode *out);

/* One period: the inclusive range of day numbers (civil.h) start..end. A period with
 * end < start is empty (period_clip of disjoint ranges, period_prev of a first period). */
struct period {
	int64_t start;
	int64_t end;
};

/* Bounds meaning "no start" and "no end" for period_clip and period_in_window. */
#define PERIOD_NO_START INT64_MIN
#define PERIOD_NO_END INT64_MAX

/* How a tracker cuts time into periods. The rule (DESIGN.md section 5 "Periods"; issue 4
 * "21-day detox", "8-week gym program ... generate exactly their periods"; seed 000 part 2):
 *   - a tracker WITHOUT a start date (anchored false) uses calendar periods: the day; the week
 *     beginning on the user's week_start (0 = Sunday, 1 = Monday, as users.week_start;
 *     civil_week_start); the calendar month;
 *   - a tracker WITH a start date (a challenge or a program) is anchored on it: daily periods
 *     are still days; weekly period k (k >= 0) = [anchor + 7k, anchor + 7k + 6] (an 8-week
 *     program starting on a Wednesday has Wednesday-to-Tuesday weeks); monthly period k =
 *     [civil_add_months(anchor, k), civil_add_months(anchor, k + 1) - 1], always computed from
 *     the anchor, never from the previous period, so clamping never drifts: from 2026-01-31
 *     the periods are Jan 31-Feb 27, Feb 28-Mar 30, Mar 31-Apr 29, Apr 30-May 30 ... (2024:
 *     Jan 31-Feb 28, Feb 29-Mar 30 ...). Periods are contiguous and never overlap. Days
 *     before the anchor belong to no period. week_start is ignored.
 * The end date is not part of the rule: the last period may run past it; clip it with
 * period_clip (see period_window_count). */
struct period_rule {
	enum time_mode mode;
	int week_start; /* for calendar weeks: 0 = Sunday, 1 = Monday (tm_wday numbering) */
	bool anchored;  /* the tracker has a start date */
	int64_t anchor; /* that start date, a day number; ignored when !anchored */
};

/* Writes to *out the period of rule r that contains day (a day number). Returns 0, or -1
 * (*out unchanged) when r->mode is out of range or r is anchored and day < r->anchor. */
int period_of(const struct period_rule *r, int64_t day, struct period *out);

/* The period right after p (the one containing p.end + 1). p must be a period of r, as
 * period_of returns (not clipped). An invalid mode gives an empty period. */
struct period period_next(const struct period_rule *r, struct period p);

/* The period right before p (the one containing p.start - 1); an empty period
 * { p.start, p.start - 1 } when p is an anchored tracker's first period or the mode is
 * invalid. p must be a period of r (not clipped). */
struct period period_prev(const struct period_rule *r, struct period p);

/* The number of periods of r that a tracker running from start_day to end_day (inclusive day
 * numbers, both real days) touches: every period holding at least one of those days counts
 * once, including a partial first or last period (which period_clip(p, start_day, end_day)
 * cuts down to the days inside). A 21-day daily challenge: 21; weekly anchored on
 * 2026-01-07 (a Wednesday) to 2026-03-03: 8; to 2026-03-04: 9, the ninth being the clipped
 * period 2026-03-04..2026-03-04. Anchored rules count from max(start_day, anchor). Also the
 * 1-based number of the period containing end_day ("Week 3") when start_day is the first day.
 * Returns 0 when end_day < start_day (or the window ends before the anchor), -1 for an
 * invalid mode or a count beyond INT_MAX. */
int period_window_count(const struct period_rule *r, int64_t start_day, int64_t end_day);

/* p cut down to the days inside start_day..end_day (PERIOD_NO_START / PERIOD_NO_END for an
 * open side; a tracker's missing start or end date). Empty (end < start) when they do not
 * overlap. */
struct period period_clip(struct period p, int64_t start_day, int64_t end_day);

/* True when p is not empty and shares at least one day with start_day..end_day (open sides as
 * in period_clip): exactly the periods period_window_count counts. */
bool period_in_window(struct period p, int64_t start_day, int64_t end_day);

/* True when p holds no day (end < start). */
bool period_is_empty(struct period p);

/* Number of days in p: end - start + 1, or 0 when p is empty. */
int64_t period_days(struct period p);

/* True when day lies in p. */
bool period_contains(struct period p, int64_t day);

#endif
