/* chart: pictures drawn on the server as SVG numbers for the templates — no JavaScript. The
 * template writes the <svg> element; this module computes its coordinates: issue 5's 90-day
 * strength line, and issue 6's line chart with a least-squares trend and axis ticks, bars
 * and doughnut slices (picture_view.c turns them into views). Pure functions; the only
 * allocations are the returned strings, in the caller's arena. */
#ifndef TRACKPRO_CHART_H
#define TRACKPRO_CHART_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

/* The "points" attribute of an SVG <polyline> drawing values[0..n) (each 0..1, oldest first)
 * left to right across width and bottom (0) to top (1) across height, in user units with one
 * decimal ("0.0,40.0 2.2,39.1 …"). Allocated in a; "" when n is 0. */
const char *chart_line_points(struct arena *a, const double *values, size_t n, double width, double height);

/* The plotting area of a chart in SVG user units: x grows right, y grows down. */
struct chart_frame {
	double left, top, width, height;
};

/* A value axis from 0 to top with ticks at 0, step, 2·step … ≤ top (nticks of them). */
struct chart_axis {
	double top;
	double step;
	int nticks;
};

/* The axis for values up to max: step is a "nice" number (1, 2, 2.5 or 5 × 10^k) giving about
 * four intervals. fixed: top is max itself (100 for percents; ticks stop at or below it);
 * otherwise top is max rounded up to a multiple of step (7 → 8 with step 2). A max that is not
 * a positive finite number counts as 1. */
void chart_axis_for(double max, bool fixed, struct chart_axis *ax);

/* Value v of tick i of ax (i·step). */
double chart_axis_tick(const struct chart_axis *ax, int i);

/* Writes v for a label into out: at most two decimals, trailing zeros dropped ("12", "2.5",
 * "0.25", "66.67"), one decimal from 100 on ("133.3"), never "-0". Returns out. */
char *chart_number(char *out, size_t size, double v);

/* Least-squares line through the points (i, values[i]) whose value is finite (NaN or ±inf
 * mark a missing point): values[i] ≈ *intercept + *slope · i. Returns 0, or -1 (outputs
 * untouched) when fewer than two points are finite. */
int chart_least_squares(const double *values, size_t n, double *slope, double *intercept);

/* x of point i of n spread over f's width (n == 1: the middle). */
double chart_x(const struct chart_frame *f, size_t i, size_t n);
/* y of value v on an axis from 0 (bottom of f) to top (top of f), v clamped to 0..top. */
double chart_y(const struct chart_frame *f, double top, double v);

/* SVG path data ("M10.0 20.0 L30.0 25.0 …") of the line through the finite values[0..n)
 * placed with chart_x and chart_y; a missing (non-finite) value breaks the line, and the next
 * point starts with M. Allocated in a; "" when no value is finite. */
const char *chart_line_path(struct arena *a, const double *values, size_t n, double top,
			    const struct chart_frame *f);

/* The least-squares trend of values[0..n) as a segment from the first to the last finite point,
 * clipped to values 0..top, in f's coordinates: xy = {x1, y1, x2, y2}; its fitted values at
 * those two points (unclipped) in *from and *to when not NULL. Returns 0, or -1 when there is
 * no trend (fewer than two finite values) or the line lies outside 0..top. */
int chart_trend_segment(const double *values, size_t n, double top, const struct chart_frame *f, double xy[4],
			double *from, double *to);

/* One bar of a bar chart: a rectangle in f's coordinates. */
struct chart_bar {
	double x, y, w, h;
};

/* Bars of values[0..n) side by side across f, each a slot of f.width / n with a 20% gap, from
 * the bottom of f up to chart_y(value); values below 0 or not finite give height 0, values
 * above top are clamped. out has n entries. */
void chart_bars(const double *values, size_t n, double top, const struct chart_frame *f, struct chart_bar *out);

/* Whole percents of each values[i] in their sum (values below 0 or not finite count as 0),
 * rounded by largest remainder so that they sum to exactly 100 (ties to the earlier index);
 * all 0 when the sum is 0. Returns the sum. */
double chart_percents(const double *values, size_t n, int *percent);

/* SVG path data of a ring slice (a doughnut's piece) centred on cx, cy between radii r_inner
 * and r_outer, from fraction `from` to fraction `to` of a turn (0 = top, clockwise; 0 ≤ from ≤
 * to ≤ 1). A whole turn gives two closed circles, to be filled with fill-rule="evenodd"; an
 * empty slice gives "". Allocated in a. */
const char *chart_ring_slice(struct arena *a, double cx, double cy, double r_outer, double r_inner, double from,
			     double to);

#endif
