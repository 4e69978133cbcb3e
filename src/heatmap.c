/* heatmap: cells, levels, month label columns and titles of a year heatmap. */
#include "heatmap.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "civil.h"

static const char *const weekday_abbr[7] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
static const char *const month_abbr[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

const char *heatmap_weekday_abbr(int weekday)
{
	return weekday >= 0 && weekday < 7 ? weekday_abbr[weekday] : "?";
}

const char *heatmap_month_abbr(int month)
{
	return month >= 1 && month <= 12 ? month_abbr[month - 1] : "?";
}

int heatmap_level(int due, int done)
{
	if (due <= 0 || done <= 0)
		return 0;
	/* compare done / due with 1/4, 1/2 and 3/4 without rounding (64-bit: no overflow) */
	long long d = done, n = due;
	if (d * 4 < n)
		return 1;
	if (d * 2 < n)
		return 2;
	if (d * 4 < n * 3)
		return 3;
	return 4;
}

void heatmap_init(struct heatmap *h, int year, int week_start)
{
	memset(h, 0, sizeof *h);
	h->year = year;
	h->week_start = week_start;
	h->first = civil_from_ymd(year, 1, 1);
	h->ncells = civil_is_leap(year) ? 366 : 365;
	int64_t week0 = civil_week_start(h->first, week_start);
	for (int i = 0; i < h->ncells; i++) {
		struct heatmap_cell *c = &h->cells[i];
		c->day = h->first + i;
		int64_t ws = civil_week_start(c->day, week_start);
		c->col = (int)((ws - week0) / 7);
		c->row = (int)(c->day - ws);
	}
	h->ncols = h->cells[h->ncells - 1].col + 1;
	for (int m = 1; m <= 12; m++) {
		const struct heatmap_cell *c = &h->cells[civil_from_ymd(year, m, 1) - h->first];
		h->month_col[m - 1] = c->row == 0 ? c->col : c->col + 1;
	}
}

int heatmap_add(struct heatmap *h, int64_t day, int due, int done)
{
	if (day < h->first || day >= h->first + h->ncells)
		return -1;
	struct heatmap_cell *c = &h->cells[day - h->first];
	/* saturating sums: a cell never wraps, whatever the caller adds */
	long long nd = (long long)c->due + (due > 0 ? due : 0);
	long long nk = (long long)c->done + (done > 0 ? done : 0);
	c->due = nd > INT_MAX ? INT_MAX : (int)nd;
	c->done = nk > INT_MAX ? INT_MAX : (int)nk;
	return 0;
}

const struct heatmap_cell *heatmap_cell_of(const struct heatmap *h, int64_t day)
{
	if (day < h->first || day >= h->first + h->ncells)
		return NULL;
	return &h->cells[day - h->first];
}

char *heatmap_day_text(char out[HEATMAP_DATE_SIZE], int64_t day)
{
	int y, m, d;
	civil_to_ymd(day, &y, &m, &d);
	snprintf(out, HEATMAP_DATE_SIZE, "%s %d %s %d", heatmap_weekday_abbr(civil_weekday(day)), d,
		 heatmap_month_abbr(m), y);
	return out;
}

char *heatmap_title(char out[HEATMAP_TITLE_SIZE], int64_t day, int due, int done)
{
	char date[HEATMAP_DATE_SIZE];
	heatmap_day_text(date, day);
	if (due <= 0)
		snprintf(out, HEATMAP_TITLE_SIZE, "%s: nothing due", date);
	else
		snprintf(out, HEATMAP_TITLE_SIZE, "%s: %d of %d done", date, done < 0 ? 0 : done, due);
	return out;
}
