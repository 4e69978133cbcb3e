/* period: calendar and anchored periods of the three time modes, their counts and clipping. */
#include "period.h"

#include <limits.h>
#include <stddef.h>

#include "civil.h"
#include "strx.h"

static const char *const time_mode_names[TIME_MODE__MAX] = {
	[TIME_MODE_DAILY] = "daily",
	[TIME_MODE_WEEKLY] = "weekly",
	[TIME_MODE_MONTHLY] = "monthly",
};

/* time_mode_name and time_mode_parse (period.h). */
STRX_TABLE_FUNCTIONS(time_mode, time_mode_names, TIME_MODE__MAX, time_mode_name, time_mode_parse)

/* Months from year 0 month 1 to day's month: a month index whose differences count months. */
static int64_t month_index(int64_t day)
{
	int y, m, d;
	civil_to_ymd(day, &y, &m, &d);
	return (int64_t)y * 12 + (m - 1);
}

/* Index k (>= 0) of the anchored monthly period holding day >= anchor. */
static int anchored_month(int64_t anchor, int64_t day)
{
	/* civil_add_months(anchor, k) lies in day's month; when it is after day, day belongs to
	 * the period before, which ends the day before it. */
	int k = (int)(month_index(day) - month_index(anchor));
	if (civil_add_months(anchor, k) > day)
		k--;
	return k;
}

int period_of(const struct period_rule *r, int64_t day, struct period *out)
{
	if ((unsigned)r->mode >= TIME_MODE__MAX)
		return -1;
	if (r->anchored && day < r->anchor)
		return -1;
	struct period p = { day, day };
	switch (r->mode) {
	case TIME_MODE_DAILY:
		break;
	case TIME_MODE_WEEKLY:
		if (r->anchored)
			p.start = r->anchor + (day - r->anchor) / 7 * 7;
		else
			p.start = civil_week_start(day, r->week_start);
		p.end = p.start + 6;
		break;
	case TIME_MODE_MONTHLY:
		if (r->anchored) {
			int k = anchored_month(r->anchor, day);
			p.start = civil_add_months(r->anchor, k);
			p.end = civil_add_months(r->anchor, k + 1) - 1;
		} else {
			p.start = civil_month_start(day);
			p.end = civil_month_end(day);
		}
		break;
	case TIME_MODE__MAX:
		return -1;
	}
	*out = p;
	return 0;
}

struct period period_next(const struct period_rule *r, struct period p)
{
	struct period next = { p.end + 1, p.end };
	period_of(r, p.end + 1, &next);
	return next;
}

struct period period_prev(const struct period_rule *r, struct period p)
{
	struct period prev = { p.start, p.start - 1 };
	period_of(r, p.start - 1, &prev);
	return prev;
}

int period_window_count(const struct period_rule *r, int64_t start_day, int64_t end_day)
{
	if ((unsigned)r->mode >= TIME_MODE__MAX)
		return -1;
	if (r->anchored && start_day < r->anchor)
		start_day = r->anchor;
	if (end_day < start_day)
		return 0;
	struct period first, last;
	if (period_of(r, start_day, &first) < 0 || period_of(r, end_day, &last) < 0)
		return -1;
	int64_t n = 0;
	switch (r->mode) {
	case TIME_MODE_DAILY:
		n = last.start - first.start;
		break;
	case TIME_MODE_WEEKLY:
		n = (last.start - first.start) / 7;
		break;
	case TIME_MODE_MONTHLY:
		/* Calendar or anchored, period k starts in the k-th month after the first one's. */
		n = month_index(last.start) - month_index(first.start);
		break;
	case TIME_MODE__MAX:
		return -1;
	}
	if (n >= INT_MAX)
		return -1;
	return (int)n + 1;
}

struct period period_clip(struct period p, int64_t start_day, int64_t end_day)
{
	if (p.start < start_day)
		p.start = start_day;
	if (p.end > end_day)
		p.end = end_day;
	return p;
}

bool period_in_window(struct period p, int64_t start_day, int64_t end_day)
{
	return !period_is_empty(p) && p.start <= end_day && p.end >= start_day;
}

bool period_is_empty(struct period p)
{
	return p.end < p.start;
}

int64_t period_days(struct period p)
{
	return period_is_empty(p) ? 0 : p.end - p.start + 1;
}

bool period_contains(struct period p, int64_t day)
{
	return p.start <= day && day <= p.end;
}
