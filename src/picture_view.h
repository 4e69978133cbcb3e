/* picture_view: the server-drawn pictures of the statistics pages (issue 6) as view models
 * for their partial templates — templates/partials/heatmap.mustache, line_chart.mustache,
 * bar_chart.mustache and doughnut.mustache. The geometry comes from heatmap.c and chart.c;
 * the templates draw <svg> with real <text> labels, a <title> per mark, and beside each
 * picture a <table> with the same numbers inside <details>. Every function returns a map
 * allocated in a, ready for view_set(page, "heatmap", …) and {{#heatmap}}{{>heatmap}}{{/heatmap}}. */
#ifndef TRACKPRO_PICTURE_VIEW_H
#define TRACKPRO_PICTURE_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "view.h"

/* One day of a heatmap: how many tasks were due and done that day. */
struct picture_day {
	int64_t day; /* day number (civil.h) */
	int due;
	int done;
};

/* A year heatmap (GitHub style, 53 weeks × 7 days, levels 0–4 as DESIGN.md section 5 says)
 * of `year`, weeks starting on week_start (1 Monday, 0 Sunday), cells coloured from color
 * ("#rrggbb"), titled "Tue 3 Mar 2026: 6 of 8 done". days[0..n) may be in any order and may
 * hold days outside the year (ignored); days not given are empty. caption names the picture
 * for screen readers ("Morning routine in 2026"). The view also has "prev_year"/"next_year". */
struct view *picture_heatmap(struct arena *a, int year, int week_start, const char *color,
			     const struct picture_day *days, size_t n, const char *caption);

/* A line chart of values[0..n) (labels[i] under each point; some may be "") from 0 to y_max
 * (e.g. 100 for percents), with a least-squares trend line, y-axis ticks and the unit suffix
 * ("%"). A NaN value is a missing point (a day with nothing due): no dot, the line breaks, the
 * trend skips it and the table shows "–". Give every label: the x axis thins them to fit, the
 * titles and the table use them all (an empty label shows as the point's 1-based position). */
struct view *picture_line(struct arena *a, const char *const *labels, const double *values, size_t n, double y_max,
			  const char *unit, const char *caption);

/* A bar chart of values[0..n) (≥ 0) with labels[i] under each bar, scaled to the largest value
 * (or y_max when > 0), with the unit suffix. */
struct view *picture_bars(struct arena *a, const char *const *labels, const double *values, size_t n, double y_max,
			  const char *unit, const char *caption);

/* A doughnut of values[0..n) (≥ 0; shares of their sum) coloured colors[i] ("#rrggbb"), with
 * a legend of labels and percents; an all-zero input gives an empty doughnut with a note. */
struct view *picture_doughnut(struct arena *a, const char *const *labels, const double *values,
			      const char *const *colors, size_t n, const char *caption);

#endif
