/* heatmap: the pure geometry of a GitHub-style year heatmap (issue 6, DESIGN.md section 5) —
 * one cell per day of a calendar year, in a column per week (weeks starting on the user's
 * week start) and a row per weekday, with a level 0–4 by completion. No drawing and no
 * allocation: picture_view.c turns this into the view of templates/partials/heatmap.mustache.
 * Cells are day numbers (civil.h), so DST changes and time zones cannot drop or double a day. */
#ifndef TRACKPRO_HEATMAP_H
#define TRACKPRO_HEATMAP_H

#include <stddef.h>
#include <stdint.h>

/* Most columns a year can need: 54, for a leap year whose January 1 is the last day of a
 * week (2028 with Sunday weeks, 2040 with Monday weeks). Others need 53. */
#define HEATMAP_MAX_COLS 54
#define HEATMAP_MAX_CELLS 366
#define HEATMAP_LEVELS 5

/* Size of the buffer heatmap_title writes: "Wed 30 Sep 2026: 2147483647 of 2147483647 done". */
#define HEATMAP_TITLE_SIZE 64
/* Size of the buffer heatmap_day_text writes: "Wed 30 Sep 2026". */
#define HEATMAP_DATE_SIZE 32

struct heatmap_cell {
	int64_t day; /* day number */
	int col;     /* week column, 0 = the week holding January 1 */
	int row;     /* 0 = the first day of the week (Sunday or Monday) ... 6 */
	int due;     /* tasks due that day */
	int done;    /* tasks done that day */
};

struct heatmap {
	int year;
	int week_start;           /* 0 Sunday, 1 Monday (tm_wday numbering, civil_week_start) */
	int64_t first;            /* January 1 */
	int ncells;               /* 365 or 366: cells[i].day == first + i */
	int ncols;                /* 53 or 54 */
	int month_col[12];        /* where each month's label goes, see heatmap_init */
	struct heatmap_cell cells[HEATMAP_MAX_CELLS];
};

/* Level of a day with `done` of `due` tasks done: 0 when nothing was due or nothing done; else
 * by the completion c = done / due: c < 25% → 1, c < 50% → 2, c < 75% → 3, otherwise 4 (more
 * done than due also gives 4). Exact integer arithmetic: 1 of 4 is 2, 749 of 1000 is 3. */
int heatmap_level(int due, int done);

/* Lays out the cells of `year` for weeks starting on week_start (0 Sunday, 1 Monday; other
 * values are taken modulo 7 as civil_week_start does), all empty. A month's label goes in the
 * first column whose top cell lies in that month (the column of its 1st when the 1st starts a
 * week, else the next one), so labels are at least 4 columns apart. */
void heatmap_init(struct heatmap *h, int year, int week_start);

/* Adds due and done (negative values count as 0) to the cell of day; a day outside the year
 * is ignored (returns -1, else 0). Adding the same day twice sums. */
int heatmap_add(struct heatmap *h, int64_t day, int due, int done);

/* The cell of day, or NULL when day is outside the year. */
const struct heatmap_cell *heatmap_cell_of(const struct heatmap *h, int64_t day);

/* Writes the date of day as "Tue 3 Mar 2026" into out. Returns out. */
char *heatmap_day_text(char out[HEATMAP_DATE_SIZE], int64_t day);

/* Writes the title of a day into out: "Tue 3 Mar 2026: 6 of 8 done", or "Sun 1 Mar 2026:
 * nothing due". Returns out. */
char *heatmap_title(char out[HEATMAP_TITLE_SIZE], int64_t day, int due, int done);

/* English abbreviations: weekday 0 = Monday (civil_weekday) ... 6 = Sunday, month 1..12.
 * Return "?" out of range. */
const char *heatmap_weekday_abbr(int weekday);
const char *heatmap_month_abbr(int month);

#endif
