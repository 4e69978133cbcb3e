/* schedule: the five schedule kinds applied to a tracker's periods, and their frequencies. */
#include "schedule.h"

#include <stddef.h>

#include "civil.h"
#include "strx.h"

#define WEEKDAY_MASK 0x7fu /* bits 0 (Monday) to 6 (Sunday) */
#define MONTH_DAYS 30      /* a month in frequencies, as Loop counts it */

static const char *const schedule_kind_names[SCHEDULE__MAX] = {
	[SCHEDULE_EVERY_PERIOD] = "every_period",
	[SCHEDULE_WEEKDAYS] = "weekdays",
	[SCHEDULE_EVERY_N_DAYS] = "every_n_days",
	[SCHEDULE_TIMES_PER_PERIOD] = "times_per_period",
	[SCHEDULE_TIMES_IN_DAYS] = "times_in_days",
};

/* schedule_kind_name and schedule_kind_parse (schedule.h). */
STRX_TABLE_FUNCTIONS(schedule_kind, schedule_kind_names, SCHEDULE__MAX, schedule_kind_name, schedule_kind_parse)

/* Number of weekdays (bits 0-6) set in mask. */
static int popcount7(unsigned mask)
{
	int n = 0;
	for (int i = 0; i < 7; i++)
		if (mask & (1u << i))
			n++;
	return n;
}

/* The largest times_per_period of a tracker of mode mode. */
static int times_per_period_max(enum time_mode mode)
{
	return mode == TIME_MODE_MONTHLY ? 31 : 7;
}

/* The rule schedule_validate states, as a sentence or NULL. */
static const char *problem_of(const struct schedule *s, enum time_mode mode)
{
	if ((unsigned)mode >= TIME_MODE__MAX)
		return "Choose daily, weekly or monthly for the tracker.";
	switch (s->kind) {
	case SCHEDULE_EVERY_PERIOD:
		return NULL;
	case SCHEDULE_WEEKDAYS:
		if ((s->weekdays & ~WEEKDAY_MASK) != 0)
			return "Weekdays must be Monday to Sunday.";
		if (s->weekdays == 0)
			return "Choose at least one weekday.";
		return NULL;
	case SCHEDULE_EVERY_N_DAYS:
		if (s->interval_days < 1 || s->interval_days > SCHEDULE_INTERVAL_MAX)
			return "The interval must be between 1 and 365 days.";
		if (s->anchor < CIVIL_DAY_MIN || s->anchor > CIVIL_DAY_MAX)
			return "Choose the first day the task is due (a date from 1900 to 2999).";
		return NULL;
	case SCHEDULE_TIMES_PER_PERIOD:
		if (s->times < 1)
			return "The number of times must be at least 1.";
		if (s->times > times_per_period_max(mode)) {
			if (mode == TIME_MODE_MONTHLY)
				return "A monthly task can be done at most 31 times a month.";
			if (mode == TIME_MODE_WEEKLY)
				return "A weekly task can be done at most 7 times a week.";
			return "In a daily tracker the number of times is per week: at most 7.";
		}
		return NULL;
	case SCHEDULE_TIMES_IN_DAYS:
		if (s->times < 1)
			return "The number of times must be at least 1.";
		if (s->window_days < 1 || s->window_days > SCHEDULE_WINDOW_MAX)
			return "The number of days must be between 1 and 365.";
		if (s->times > s->window_days)
			return "The number of times cannot be more than the number of days.";
		return NULL;
	case SCHEDULE__MAX:
		break;
	}
	return "Choose how often the task is due.";
}

int schedule_validate(const struct schedule *s, enum time_mode mode, const char **problem)
{
	const char *p = problem_of(s, mode);
	if (p == NULL)
		return 0;
	if (problem != NULL)
		*problem = p;
	return -1;
}

/* Days of p (not empty) whose weekday is in mask. */
static int64_t count_weekdays(struct period p, unsigned mask)
{
	int64_t n = period_days(p);
	int64_t count = n / 7 * popcount7(mask);
	/* Whole weeks hold each weekday once; the rest are the first n % 7 days. */
	for (int64_t i = 0; i < n % 7; i++)
		if (mask & (1u << civil_weekday(p.start + i)))
			count++;
	return count;
}

/* Days anchor + k * interval (k >= 0) inside p (not empty); interval >= 1. */
static int64_t count_every_n(struct period p, int64_t anchor, int64_t interval)
{
	int64_t first = anchor;
	if (p.start > anchor)
		first = anchor + (p.start - anchor + interval - 1) / interval * interval;
	if (first > p.end)
		return 0;
	return (p.end - first) / interval + 1;
}

static struct schedule_due due_count(int64_t n)
{
	struct schedule_due d = { n > 0, 0, false };
	d.target = n > 0 ? (int)n : 0;
	return d;
}

struct schedule_due schedule_due_in(const struct schedule *s, enum time_mode mode, int week_start,
				    struct period p)
{
	struct schedule_due none = { false, 0, false };
	struct schedule_due flexible = { true, 1, true };
	(void)week_start;
	if (period_is_empty(p) || problem_of(s, mode) != NULL)
		return none;
	/* Periods are at most 31 days (or a clipped one), so the counts fit an int. */
	int64_t days = period_days(p);
	switch (s->kind) {
	case SCHEDULE_EVERY_PERIOD: {
		struct schedule_due d = { true, 1, false };
		return d;
	}
	case SCHEDULE_WEEKDAYS:
		return due_count(count_weekdays(p, s->weekdays));
	case SCHEDULE_EVERY_N_DAYS:
		return due_count(count_every_n(p, s->anchor, s->interval_days));
	case SCHEDULE_TIMES_PER_PERIOD:
		if (mode == TIME_MODE_DAILY)
			return flexible;
		return due_count(s->times < days ? s->times : days);
	case SCHEDULE_TIMES_IN_DAYS: {
		if (mode == TIME_MODE_DAILY)
			return flexible;
		/* round(times * days / window), halves up, at least 1. */
		int64_t w = s->window_days;
		int64_t n = (2 * (int64_t)s->times * days + w) / (2 * w);
		return due_count(n < 1 ? 1 : n);
	}
	case SCHEDULE__MAX:
		break;
	}
	return none;
}

int schedule_week_target(const struct schedule *s, int week_start, int64_t day, int64_t start_day,
			 int64_t end_day, struct period *week_out)
{
	week_out->start = day;
	week_out->end = day - 1;
	if (s->kind != SCHEDULE_TIMES_PER_PERIOD || s->times < 1 || day < start_day || day > end_day)
		return 0;
	int64_t first = civil_week_start(day, week_start);
	struct period week = { first, first + 6 };
	*week_out = period_clip(week, start_day, end_day);
	int64_t days = period_days(*week_out);
	return (int)(s->times < days ? s->times : days);
}

struct period schedule_rolling_window(const struct schedule *s, int64_t day)
{
	struct period p = { day, day - 1 };
	if (s->kind == SCHEDULE_TIMES_IN_DAYS && s->window_days >= 1) {
		p.start = day - s->window_days + 1;
		p.end = day;
	}
	return p;
}

int schedule_fraction(const struct schedule *s, enum time_mode mode, int *num, int *den)
{
	int n = 0, d = 0;
	if ((unsigned)mode >= TIME_MODE__MAX)
		return -1;
	switch (s->kind) {
	case SCHEDULE_EVERY_PERIOD:
		n = 1;
		d = mode == TIME_MODE_DAILY ? 1 : mode == TIME_MODE_WEEKLY ? 7 : MONTH_DAYS;
		break;
	case SCHEDULE_WEEKDAYS:
		n = popcount7(s->weekdays);
		d = 7;
		break;
	case SCHEDULE_EVERY_N_DAYS:
		n = 1;
		d = s->interval_days;
		break;
	case SCHEDULE_TIMES_PER_PERIOD:
		n = s->times;
		d = mode == TIME_MODE_MONTHLY ? MONTH_DAYS : 7;
		break;
	case SCHEDULE_TIMES_IN_DAYS:
		n = s->times;
		d = s->window_days;
		break;
	case SCHEDULE__MAX:
		return -1;
	}
	if (n < 1 || d < 1)
		return -1;
	*num = n;
	*den = d;
	return 0;
}

double schedule_frequency(const struct schedule *s, enum time_mode mode)
{
	int num, den;
	if (schedule_fraction(s, mode, &num, &den) < 0)
		return 0.0;
	return (double)num / (double)den;
}
